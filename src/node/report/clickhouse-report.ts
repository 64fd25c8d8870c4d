import { createClickHouseHttp } from '../clickhouse-http.js';
import { checkIdentifier } from '../clickhouse-schema.js';
import { rangeMs } from './aggregate.js';
import { newRow } from './navigation-agg.js';
import type { NavState } from './navigation-agg.js';
import type { TimeRange } from './aggregate.js';
import * as sql from './clickhouse-queries.js';
import type { QueryScope } from './clickhouse-queries.js';
import type { FunnelStepRow, NavRow, ReportData, StepSignalRow, VitalRow } from './types.js';

/** Where {@link reportFromClickHouse} reads. */
export interface ClickHouseReportOptions {
  url: string;
  database: string;
  table: string;
  username?: string;
  password?: string;
  range?: TimeRange;
  /** Per query, ms. @defaultValue 300000 */
  timeoutMs?: number;
}

type Row = Record<string, unknown>;
const n = (value: unknown): number => Number(value ?? 0);
const s = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? ''));
const bump = (counts: Record<string, number>, key: string, by: number) =>
  (counts[key] = (counts[key] ?? 0) + by);

function navRows(rows: Row[]): { pages: NavRow[]; elements: NavRow[]; steps: StepSignalRow[] } {
  const pages = new Map<string, NavState>();
  const elements = new Map<string, NavState>();
  const steps = new Map<string, StepSignalRow>();
  for (const r of rows) {
    const type = s(r.type);
    const count = n(r.n);
    const path = s(r.path);
    const device = s(r.device);
    const kind = s(r.kind) || 'unknown';
    const targets: [typeof pages, string, string][] = [
      [pages, '', ''],
      [elements, s(r.selector) || '(no selector)', s(r.firstText).slice(0, 80)],
    ];
    for (const [map, selector, text] of targets) {
      const key = `${path}\u0000${selector}\u0000${device}`;
      let row = map.get(key);
      if (!row) map.set(key, (row = newRow(path, selector, text, device)));
      if (type === 'click') row.clicks += count;
      else if (type === 'misclick') {
        row.misclicks += count;
        bump(row.misclickKinds, kind, count);
        const meant = s(r.meantSelector);
        if (meant) {
          const m = row._meant.get(meant) ?? {
            selector: meant,
            text: s(r.firstMeantText).slice(0, 80),
            count: 0,
          };
          m.count += count;
          row._meant.set(meant, m);
        }
      } else bump(row.frustration, kind, count);
    }
    const funnelStep = s(r.funnelStep);
    if (funnelStep && type !== 'click') {
      const key = `${funnelStep}\u0000${device}`;
      let step = steps.get(key);
      if (!step) steps.set(key, (step = { funnelStep, device, misclicks: 0, frustration: {} }));
      if (type === 'misclick') step.misclicks += count;
      else bump(step.frustration, kind, count);
    }
  }
  const done = (map: typeof pages): NavRow[] =>
    [...map.values()].map(({ _meant, ...row }) => {
      let meant: NavRow['meant'] = null;
      for (const m of _meant.values()) if (!meant || m.count > meant.count) meant = m;
      return { ...row, meant };
    });
  return { pages: done(pages), elements: done(elements), steps: [...steps.values()] };
}

function funnelRows(steps: Row[], skipped: Row[]): FunnelStepRow[] {
  const rows = new Map<string, FunnelStepRow>();
  const indexes = new Map<string, number>();
  for (const r of steps) {
    const row: FunnelStepRow = {
      funnel: s(r.funnel),
      step: s(r.step),
      index: n(r.stepIndex),
      device: s(r.device),
      sessions: n(r.sessions),
      entered: n(r.entered),
      skipped: 0,
      medianMs: n(r.timed) > 0 ? n(r.medianMs) : null,
    };
    rows.set(`${row.funnel}\u0000${row.step}\u0000${row.device}`, row);
    indexes.set(`${row.funnel}\u0000${row.step}`, row.index);
  }
  for (const r of skipped) {
    const key = `${s(r.funnel)}\u0000${s(r.skippedStep)}`;
    const row = rows.get(`${key}\u0000${s(r.device)}`) ?? {
      funnel: s(r.funnel),
      step: s(r.skippedStep),
      index: indexes.get(key) ?? 0,
      device: s(r.device),
      sessions: 0,
      entered: 0,
      skipped: 0,
      medianMs: null,
    };
    row.skipped += n(r.skipped);
    rows.set(`${key}\u0000${s(r.device)}`, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.funnel.localeCompare(b.funnel) || a.device.localeCompare(b.device) || a.index - b.index,
  );
}

function vitalRows(vitals: Row[], targets: Row[]): VitalRow[] {
  const top = new Map<
    string,
    { bad?: { target: string; count: number }; good?: { target: string; count: number } }
  >();
  for (const r of targets) {
    const key = `${s(r.path)}\u0000${s(r.device)}\u0000${s(r.metric)}`;
    const entry = top.get(key) ?? {};
    const side = n(r.isGood) ? 'good' : 'bad';
    if (!entry[side] || n(r.n) > entry[side]!.count)
      entry[side] = { target: s(r.target), count: n(r.n) };
    top.set(key, entry);
  }
  return vitals.map((r) => {
    const t = top.get(`${s(r.path)}\u0000${s(r.device)}\u0000${s(r.metric)}`);
    return {
      path: s(r.path),
      device: s(r.device),
      metric: s(r.metric),
      n: n(r.n),
      p75: n(r.p75),
      good: n(r.good),
      poor: n(r.poor),
      target: t?.bad ?? t?.good ?? null,
    };
  });
}

/**
 * A report computed in ClickHouse: each section is one or two `GROUP BY` queries over the
 * events table (`FINAL`, so at-least-once duplicates count once), quantiles with
 * `quantileExact`; only the grouped rows travel back.
 */
export async function reportFromClickHouse(options: ClickHouseReportOptions): Promise<ReportData> {
  const range = options.range ?? {};
  const [start, end] = rangeMs(range);
  const scope: QueryScope = {
    database: checkIdentifier('database', options.database),
    table: checkIdentifier('table', options.table),
    start,
    end,
  };
  const http = createClickHouseHttp({
    url: options.url,
    username: options.username,
    password: options.password,
    timeoutMs: options.timeoutMs ?? 300_000,
  });
  const query = async (text: string): Promise<Row[]> =>
    (await http.exec(`${text}\nFORMAT JSONEachRow`))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Row);
  // One at a time: each query scans the table, and ClickHouse parallelises within one.
  const [totals] = await query(sql.totalsSql(scope));
  const funnels = funnelRows(
    await query(sql.funnelsSql(scope)),
    await query(sql.skippedSql(scope)),
  );
  const nav = navRows(await query(sql.navigationSql(scope)));
  const vitals = vitalRows(
    await query(sql.vitalsSql(scope)),
    await query(sql.vitalTargetsSql(scope)),
  );
  const routes = (await query(sql.routesSql(scope))).map((r) => ({
    path: s(r.path),
    device: s(r.device),
    n: n(r.n),
    median: n(r.median),
    p75: n(r.p75),
  }));
  const presence = (await query(sql.presenceSql(scope))).map((r) => ({
    pageType: s(r.pageType),
    kind: s(r.kind),
    device: s(r.device),
    pages: n(r.pages),
    present: n(r.presentN),
    visible: n(r.visibleN),
    aboveFold: n(r.aboveFoldN),
  }));
  const conversion = (await query(sql.conversionSql(scope))).map((r) => ({
    funnel: s(r.funnel),
    step: s(r.step),
    kind: s(r.kind),
    device: s(r.device),
    seen: n(r.seenN),
    seenConverted: n(r.seenConverted),
    unseen: n(r.unseenN),
    unseenConverted: n(r.unseenConverted),
  }));
  const mismatches = await query(sql.mismatchesSql(scope));
  const exits = new Map(
    (await query(sql.exitsSql(scope))).map((r) => [`${s(r.campaign)}\u0000${s(r.device)}`, r]),
  );
  const campaigns = (await query(sql.campaignsSql(scope))).map((r) => {
    const key = `${s(r.campaign)}\u0000${s(r.device)}`;
    const e = exits.get(key) ?? {};
    return {
      campaign: s(r.campaign),
      device: s(r.device),
      landings: n(r.landings),
      meanScore: n(r.meanScore),
      mismatched: n(e.mismatchedLandings),
      mismatchedQuickExits: n(e.mismatchedQuickExits),
      matched: n(e.matched),
      matchedQuickExits: n(e.matchedQuickExits),
      mismatches: mismatches
        .filter((m) => `${s(m.campaign)}\u0000${s(m.device)}` === key)
        .map((m) => ({ id: s(m.mismatchId), count: n(m.n) }))
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    };
  });
  const t = totals ?? {};
  const events = n(t.events);
  return {
    source: `ClickHouse ${http.where} ${scope.database}.${scope.table}`,
    range: {
      from: range.from,
      to: range.to,
      first: events ? n(t.first) : null,
      last: events ? n(t.last) : null,
    },
    totals: {
      events,
      replays: n(t.replays),
      outOfRange: n(t.outOfRange),
      unreadable: 0,
      sessions: n(t.sessions),
      devices: (Array.isArray(t.devices) ? t.devices.map(s) : []).sort(),
    },
    funnels,
    ...nav,
    vitals,
    routes,
    presence,
    conversion,
    campaigns,
  };
}

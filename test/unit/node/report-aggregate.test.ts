// @vitest-environment node
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { funnelViews, ratio } from '../../../src/node/report/derive.js';
import { reportFromNdjson } from '../../../src/node/report/read-ndjson.js';
import type { ReportData } from '../../../src/node/report/types.js';
import { tempDir as makeTempDir } from './helpers.js';
import { DAY_MS, eventMaker, knownEvents } from './report-scenario.js';
import type { StoredEvent } from './report-scenario.js';

const removes: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const remove of removes) await remove();
});
async function tempDir(): Promise<string> {
  const { dir, remove } = await makeTempDir();
  removes.push(remove);
  return dir;
}

const ndjson = (events: StoredEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');

async function reportOf(events: StoredEvent[], range = {}): Promise<ReportData> {
  const dir = await tempDir();
  const file = join(dir, 'events.ndjson');
  await writeFile(file, ndjson(events));
  return reportFromNdjson(file, range);
}

const find = <T>(rows: T[], match: Partial<T>): T | undefined =>
  rows.find((r) =>
    Object.entries(match).every(([k, v]) => (r as Record<string, unknown>)[k] === v),
  );

describe('report from NDJSON: a generated set with known answers', () => {
  it('counts funnel sessions, conversion, drop-off, median gaps and skipped steps per device', async () => {
    const data = await reportOf(knownEvents());
    const all = funnelViews(data, 'all').get('checkout')!;
    expect(all.map((s) => s.sessions)).toEqual([20, 14, 7, 7]);
    expect(all.map((s) => s.conversion)).toEqual([1, 0.7, 0.35, 0.35]);
    expect(all.map((s) => s.dropOff)).toEqual([0.30000000000000004, 0.5, 0, null]);
    const mobile = funnelViews(data, 'mobile').get('checkout')!;
    expect(mobile.map((s) => s.sessions)).toEqual([10, 6, 3, 3]);
    expect(mobile[1]!.medianMs).toBe(4000);
    expect(mobile[2]!.skipped).toBe(1);
    expect(
      funnelViews(data, 'desktop')
        .get('checkout')!
        .map((s) => s.sessions),
    ).toEqual([10, 8, 4, 4]);
    expect(data.totals.devices).toEqual(['desktop', 'mobile', 'unknown']);
  });

  it('counts sessions that enter a funnel past its first step in the conversion base', async () => {
    const m = eventMaker();
    const step = (
      sid: string,
      step: string,
      index: number,
      fromStep: string | null,
      skipped: string[] = [],
    ) =>
      m.add('funnel_step', sid, '/', {
        funnel: 'f',
        step,
        index,
        fromStep,
        msSincePrevious: null,
        skipped,
        repeat: false,
      });
    step('s1', 'a', 0, null);
    step('s1', 'b', 1, 'a');
    step('s2', 'b', 1, null, ['a']);
    const [a, b] = funnelViews(await reportOf(m.events), 'all').get('f')!;
    expect([a!.sessions, a!.skipped, a!.conversion, b!.sessions, b!.conversion]).toEqual([
      1, 1, 0.5, 2, 1,
    ]);
  });

  it('leaves replay events out of every figure and counts them', async () => {
    const data = await reportOf(knownEvents());
    expect(data.totals.replays).toBe(4);
    expect(data.funnels.some((r) => r.sessions > 20)).toBe(false);
  });

  it('computes misclick rates per page and element, what was meant, and signals per step', async () => {
    const data = await reportOf(knownEvents());
    const buy = find(data.elements, { path: '/product', selector: '#buy', device: 'all' })!;
    expect([buy.clicks, buy.misclicks, ratio(buy.misclicks, buy.clicks)]).toEqual([20, 4, 0.2]);
    expect(buy.meant).toEqual({ selector: '#add', text: 'Add to cart', count: 4 });
    expect(buy.frustration.dead_click).toBe(2);
    const page = find(data.pages, { path: '/product', device: 'all' })!;
    expect(ratio(page.misclicks, page.clicks)).toBe(0.1);
    const mobilePage = find(data.pages, { path: '/product', device: 'mobile' })!;
    expect(ratio(mobilePage.misclicks, mobilePage.clicks)).toBe(0.2);
    expect(find(data.pages, { path: '/product', device: 'desktop' })!.misclicks).toBe(0);
    expect(find(data.elements, { selector: '#add', device: 'all' })!.frustration.rage_click).toBe(
      3,
    );
    expect(find(data.pages, { path: '/cart', device: 'all' })!.frustration.quick_back).toBe(2);
    expect(find(data.steps, { funnelStep: 'checkout:a', device: 'all' })!.misclicks).toBe(4);
    expect(
      find(data.steps, { funnelStep: 'checkout:b', device: 'desktop' })!.frustration.rage_click,
    ).toBe(3);
  });

  it('takes p75 over the last value of each metric id, with the target behind poor values', async () => {
    const data = await reportOf(knownEvents());
    const lcp = find(data.vitals, { path: '/product', metric: 'LCP', device: 'mobile' })!;
    expect([lcp.n, lcp.p75, lcp.good, lcp.poor]).toEqual([8, 7000, 2, 4]);
    expect(lcp.target).toEqual({ target: 'main > img.hero', count: 6 });
    expect(find(data.vitals, { path: '/checkout', metric: 'INP', device: 'desktop' })!.p75).toBe(
      600,
    );
    expect(find(data.vitals, { path: '/product', device: 'desktop' })).toBeUndefined();
    const route = find(data.routes, { path: '/cart', device: 'all' })!;
    expect([route.n, route.median, route.p75]).toEqual([4, 300, 400]);
  });

  it('reports reassurance presence and conversion with vs without having seen it', async () => {
    const data = await reportOf(knownEvents());
    expect(
      find(data.presence, { pageType: 'payment', kind: 'returns', device: 'all' }),
    ).toMatchObject({ pages: 4, present: 4, visible: 3 });
    expect(
      find(data.presence, { pageType: 'payment', kind: 'delivery', device: 'all' }),
    ).toMatchObject({ present: 2, visible: 0 });
    expect(find(data.conversion, { step: 'c', kind: 'returns', device: 'all' })).toMatchObject({
      seen: 3,
      seenConverted: 3,
      unseen: 4,
      unseenConverted: 3,
    });
    expect(find(data.conversion, { step: 'c', kind: 'returns', device: 'mobile' })).toMatchObject({
      seen: 2,
      seenConverted: 2,
      unseen: 1,
      unseenConverted: 0,
    });
  });

  it('scores campaigns and compares quick exits of mismatched and matched landings', async () => {
    const data = await reportOf(knownEvents());
    const spring = find(data.campaigns, { campaign: 'spring', device: 'all' })!;
    expect(spring).toMatchObject({
      landings: 4,
      meanScore: 70,
      mismatched: 2,
      mismatchedQuickExits: 2,
      matched: 2,
      matchedQuickExits: 1,
    });
    expect(spring.mismatches).toEqual([{ id: 'price', count: 2 }]);
    expect(find(data.campaigns, { campaign: 'bing / cpc', device: 'unknown' })?.landings).toBe(1);
  });
});

describe('report input', () => {
  it('reads a data directory: rotated files oldest first, then events.ndjson', async () => {
    const dir = await tempDir();
    const events = knownEvents();
    const third = Math.floor(events.length / 3);
    await writeFile(
      join(dir, 'events.2026-11-02.001.ndjson'),
      ndjson(events.slice(third, 2 * third)),
    );
    await writeFile(join(dir, 'events.2026-11-02.000.ndjson'), ndjson(events.slice(0, third)));
    await writeFile(join(dir, 'events.ndjson'), ndjson(events.slice(2 * third)));
    await writeFile(
      join(dir, 'sdk-dropped.ndjson'),
      '{"batchId":"x","sdk_dropped":{"overflow":1}}\n',
    );
    const data = await reportFromNdjson(dir);
    expect(data.totals.events + data.totals.replays).toBe(events.length);
    expect(data.source).toContain('3 files');
    expect(
      funnelViews(data, 'all')
        .get('checkout')!
        .map((s) => s.sessions),
    ).toEqual([20, 14, 7, 7]);
  });

  it('counts lines that are not events and goes on', async () => {
    const dir = await tempDir();
    const file = join(dir, 'events.ndjson');
    await writeFile(
      file,
      `${ndjson(knownEvents().slice(0, 3))}{"broken\n[1,2]\n\n${ndjson(knownEvents().slice(3, 5))}`,
    );
    const data = await reportFromNdjson(file);
    expect([data.totals.events, data.totals.unreadable]).toEqual([5, 2]);
  });

  it('keeps only events of the --from / --to days (UTC, --to inclusive)', async () => {
    const m = eventMaker(DAY_MS - 86_400_000 * 2);
    for (const day of [-1, 0, 1, 2])
      m.add(
        'click',
        `s${day}`,
        '/',
        { target: { selector: '#x' } },
        { ts: DAY_MS + day * 86_400_000 + 3600_000 },
      );
    const data = await reportOf(m.events, { from: '2026-11-02', to: '2026-11-03' });
    expect([data.totals.events, data.totals.outOfRange]).toEqual([2, 2]);
  });

  it('fails naming the input when it does not exist', async () => {
    await expect(reportFromNdjson('/nonexistent/parcours-data')).rejects.toThrow(/ENOENT/);
  });
});

// @vitest-environment node
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/node/cli-args.js';
import { createAggregator } from '../../../src/node/report/aggregate.js';
import { reportFromNdjson } from '../../../src/node/report/read-ndjson.js';
import { renderHtml } from '../../../src/node/report/render-html.js';
import { renderText } from '../../../src/node/report/render-text.js';
import { createSample } from '../../../src/node/report/sample.js';
import { runCli } from '../../../src/node/run-cli.js';
import { tempDir } from './helpers.js';
import { eventMaker, knownEvents } from './report-scenario.js';

const HOSTILE_TEXT = '<script>alert(1)</script>';
const HOSTILE_PATH = '/"><img src=x onerror=alert(1)>';

function hostileReport() {
  const m = eventMaker();
  const target = {
    selector: 'button[data-x="\\"><svg onload=alert(2)>"]',
    tag: 'button',
    text: HOSTILE_TEXT,
  };
  m.add('click', 's1', HOSTILE_PATH, { target });
  m.add('misclick', 's1', HOSTILE_PATH, {
    kind: 'near_miss',
    confidence: 1,
    target,
    related: target,
    funnelStep: '<b>step</b>',
  });
  m.add('funnel_step', 's1', HOSTILE_PATH, {
    funnel: '<i>f</i>',
    step: HOSTILE_TEXT,
    index: 0,
    skipped: [],
    repeat: false,
  });
  m.add('vital', 's1', HOSTILE_PATH, {
    name: 'LCP',
    value: 5000,
    rating: 'poor',
    id: 'x',
    attribution: { target: HOSTILE_TEXT },
  });
  m.add('landing_check', 's1', HOSTILE_PATH, {
    campaign: { campaign: HOSTILE_TEXT },
    score: 10,
    mismatches: ['"><img src=y onerror=alert(3)>'],
  });
  const a = createAggregator();
  for (const e of [...knownEvents(), ...m.events]) a.add(e);
  return a.finish('test');
}

describe('renderHtml', () => {
  it('has no script, no external resource, and a CSP that allows only its own style by hash', () => {
    const html = renderHtml(hostileReport());
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script, img, iframe, object, link, base').length).toBe(0);
    const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/\sstyle="/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
  });

  it('shows hostile event text escaped, in tables and in chart labels', () => {
    const html = renderHtml(hostileReport());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(5);
  });

  it('draws one chart per section from the data, and says when a section has none', () => {
    const a = createAggregator();
    const empty = renderHtml(a.finish('empty'));
    expect(empty).not.toContain('<svg');
    expect(empty).toContain('No funnel_step events in this range.');
    const full = renderHtml(hostileReport());
    for (const id of ['funnels', 'navigation', 'vitals', 'reassurance', 'landing']) {
      const section = full.slice(
        full.indexOf(`<section id="${id}"`),
        full.indexOf('</section>', full.indexOf(`<section id="${id}"`)),
      );
      expect(section, id).toContain('<svg');
    }
  });
});

describe('renderHtml tables', () => {
  it('splits the figures by device class: funnel conversion, misclick rates, p75', () => {
    const a = createAggregator();
    for (const e of knownEvents()) a.add(e);
    const { document } = parseHTML(renderHtml(a.finish('t')));
    const rowOf = (sectionId: string, ...cells: string[]) => {
      const tables = [...document.querySelectorAll(`#${sectionId} table`)];
      for (const t of tables) {
        const headers = [...t.querySelectorAll('th')].map((th) => th.textContent);
        for (const tr of t.querySelectorAll('tbody tr')) {
          const values = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
          if (cells.every((c) => values.includes(c))) {
            return Object.fromEntries(headers.map((h, i) => [h, values[i]]));
          }
        }
      }
      return undefined;
    };
    expect(rowOf('funnels', 'd')).toMatchObject({
      conversion: '35.0 %',
      'conversion mobile': '30.0 %',
      'conversion desktop': '40.0 %',
    });
    expect(rowOf('navigation', '#buy')).toMatchObject({
      'misclick rate': '20.0 %',
      'rate mobile': '40.0 %',
      'rate desktop': '0.0 %',
      'meant instead': 'Add to cart (4×)',
    });
    expect(rowOf('vitals', '/product', 'LCP')).toMatchObject({
      p75: '7000 ms',
      'p75 mobile': '7000 ms',
      'p75 desktop': '–',
    });
  });
});

describe('renderText', () => {
  it('prints the top findings with control characters neutralised', () => {
    const a = createAggregator();
    for (const e of knownEvents()) a.add(e);
    const m = eventMaker();
    m.add('misclick', 's', '/\u001b[31mred', {
      kind: 'near_miss',
      confidence: 1,
      target: { selector: '#z', text: 'x\u001b]0;title\u0007' },
    });
    for (const e of m.events) a.add(e);
    const text = renderText(a.finish('t'));
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toMatch(/^a\s+20\s+100\.0 %\s+30\.0 %/m);
    expect(text).toMatch(/\/product\s+Buy now\s+20\.0 % \(4\)\s+Add to cart/);
    expect(text).toMatch(/spring\s+4\s+70\s+100\.0 %\s+50\.0 %/);
  });
});

describe('createSample', () => {
  it('is exact up to its capacity and bounded past it', () => {
    const small = createSample(100);
    for (let v = 100; v >= 1; v--) small.add(v);
    expect([small.quantile(0.75), small.quantile(0.5)]).toEqual([76, 51]);
    const big = createSample(1000);
    for (let v = 0; v < 100_000; v++) big.add(v % 1000);
    expect(big.count).toBe(100_000);
    // A uniform reservoir of 1000 out of 0…999 repeated: p75 near 750.
    expect(Math.abs(big.quantile(0.75) - 750)).toBeLessThan(60);
  });
});

describe('parcours report (CLI)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('parses the input, --from, --to, --out and --clickhouse', () => {
    expect(parseCliArgs(['report'])).toMatchObject({
      command: 'report',
      input: './data',
      out: 'report.html',
      clickhouse: undefined,
    });
    expect(
      parseCliArgs([
        'report',
        'x.ndjson',
        '--from',
        '2026-11-01',
        '--to',
        '2026-11-30',
        '--out',
        'r.html',
      ]),
    ).toMatchObject({ input: 'x.ndjson', from: '2026-11-01', to: '2026-11-30', out: 'r.html' });
    expect(
      parseCliArgs(['report', '--clickhouse', 'http://127.0.0.1:8123', '--table', 'ev']),
    ).toMatchObject({
      clickhouse: { url: 'http://127.0.0.1:8123', database: 'parcours', table: 'ev' },
    });
  });

  it('answers a bad command line with exit code 2 naming the flag', async () => {
    for (const [argv, message] of [
      [['report', '--from', '1 Nov'], /--from must be a day/],
      [['report', '--to', '2026-02-31'], /--to must be a day/],
      [['report', '--from', '2026-11-05', '--to', '2026-11-01'], /is after --to/],
      [['report', '--clickhouse', 'ftp://x'], /--clickhouse must be an http/],
      [
        ['report', '--clickhouse', 'http://127.0.0.1:1', '--table', 'x;drop'],
        /--table must be letters/,
      ],
      [['report', 'a', 'b'], /one input/],
      [['report', '--nope'], /Unknown option/],
    ] as const) {
      let err = '';
      const code = await runCli(argv, { stdout: () => {}, stderr: (t) => (err += t) });
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toMatch(message);
    }
  });

  it('writes the HTML page and prints the summary; exit 1 on a missing input', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    await writeFile(
      join(dir, 'events.ndjson'),
      knownEvents()
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    let out = '';
    const code = await runCli(['report', dir, '--out', join(dir, 'r.html')], {
      stdout: (t) => (out += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(out).toContain(`report written to ${join(dir, 'r.html')}`);
    expect(out).toMatch(/Funnel checkout/);
    const data = await reportFromNdjson(dir);
    expect(out).toContain(`${data.totals.events} events, ${data.totals.sessions} sessions`);
    let err = '';
    expect(
      await runCli(['report', join(dir, 'missing')], {
        stdout: () => {},
        stderr: (t) => (err += t),
      }),
    ).toBe(1);
    expect(err).toMatch(/cannot read .*missing/);
  });
});

// QA replay of a form on an SPA-style page: allow-listed values are typed again, other fields get
// a placeholder of the captured length, the scroll is restored and the route reached by the click.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionDocument } from '../../src/core/replay-types.js';
import { runCli } from '../../src/node/run-cli.js';
import type { ReplayResult } from '../../src/node/replay/step-result.js';
import {
  acceptedEvents,
  FAST,
  launchBrowser,
  openTab,
  report,
  sleep,
  startStack,
  waitFor,
} from './harness.js';
import type { Stack } from './harness.js';

const BODY = `<form onsubmit="return false">
<input id="qty" name="qty" type="number"> <input id="email" type="email" placeholder="E-mail">
<select id="size" name="size"><option>S</option><option>M</option></select>
<button id="go" type="button">Review</button></form>
<p id="out"></p><div style="height:3000px"></div>
<script>
document.getElementById('go').addEventListener('click', () => {
  document.getElementById('out').textContent = 'ok';
  history.pushState(null, '', '/review' + location.search);
});
</script>`;

describe('QA replay of inputs', () => {
  let browser: Browser;
  let stack: Stack;
  let tmp: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    stack = await startStack();
    tmp = await mkdtemp(join(tmpdir(), 'parcours-replay-inputs-'));
  });
  afterAll(async () => {
    await browser?.close();
    await stack.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('types allow-listed values again, placeholders elsewhere, and reaches the route', async () => {
    const { site, collector } = stack;
    const config = {
      ...FAST,
      capture: { inputs: { allow: ['#qty', '#size'] } },
      replay: { sample: 1 },
    };
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const tab = await openTab(context, site.url('/form', { config, body: BODY }));
    const page = tab.page;
    await page.fill('#qty', '3');
    await page.fill('#email', 'ada@example.com');
    await page.selectOption('#size', 'M');
    await page.evaluate(() => scrollTo(0, 400));
    await sleep(800); // the scroll sample
    await page.evaluate(() => scrollTo(0, 0));
    await sleep(800);
    await page.click('#go');
    await page.waitForURL(/\/review/);
    const doc = (await page.evaluate(() =>
      (window as any).parcours.tracker.exportSession(),
    )) as SessionDocument;
    await context.close();
    const inputs = doc.events.filter((e) => e.type === 'input');
    expect(
      inputs
        .map((e) => [
          (e.props.target as { selector: string }).selector,
          e.props.value ?? null,
          e.props.length,
        ])
        .sort(),
    ).toEqual([
      ['#email', null, 15],
      ['#qty', '3', 1],
      ['#size', 'M', 1],
    ]);
    expect(JSON.stringify(doc)).not.toContain('ada@');

    const file = join(tmp, 'session.json');
    await writeFile(file, JSON.stringify(doc));
    const out = join(tmp, 'out');
    let printed = '';
    const code = await runCli(
      ['replay', file, '--base-url', site.origin, '--out', out, '--speed', '1'],
      {
        stdout: (t) => void (printed += t),
        stderr: (t) => void (printed += t),
      },
    );
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as ReplayResult;
    report('replay inputs', {
      code,
      steps: result.steps.map((s) => `${s.kind}:${s.status}:${s.detail}`),
    });
    expect(code, printed).toBe(0);
    const kinds = result.steps.map((s) => s.kind);
    expect(kinds[0]).toBe('visit');
    expect(kinds.slice(-2)).toEqual(['click', 'route']);
    expect(kinds.filter((k) => k === 'input')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'scroll')).toHaveLength(2);
    expect(result.steps.at(-1)!.detail).toBe('reached by the click');

    // What the replayed page recorded: the captured values where allow-listed, a placeholder else.
    await waitFor(
      () =>
        acceptedEvents(collector).some(
          (e) =>
            e.replay === true &&
            e.type === 'input' &&
            (e.props.target as { selector: string }).selector === '#email',
        ),
      'the replayed inputs',
    );
    const replayed = acceptedEvents(collector).filter(
      (e) => e.replay === true && e.type === 'input',
    );
    const by = (sel: string) =>
      replayed.find((e) => (e.props.target as { selector: string }).selector === sel)!;
    expect(by('#qty').props.value).toBe('3');
    expect(by('#size').props.value).toBe('M');
    expect(by('#email').props.value).toBeUndefined();
    expect(by('#email').props.length).toBe('qa.replay@example.test'.length);
  });
});

// The CI subset of the signal benchmark (bench/signals): a few labelled Bench Shop scenarios,
// one seed, desktop plus touch, against the built script tag. Each asserts the verdict kinds
// of the scenario's ground truth — every expected kind present on its labelled activation,
// no forbidden kind — never how long a verdict took.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { judge } from '../../bench/signals/judge.mjs';
import { emitted } from '../../bench/signals/metrics.mjs';
import { launch, pool, runValid } from '../../bench/signals/run.mjs';
import type { Run } from '../../bench/signals/run.mjs';
import { scenario } from '../../bench/signals/scenarios.mjs';
import { startShop } from '../../bench/signals/server.mjs';

const SUBSET: [string, 'desktop' | 'mobile'][] = [
  ['P12', 'desktop'],
  ['P13', 'desktop'],
  ['P14', 'desktop'],
  ['N01', 'desktop'],
  ['N02', 'desktop'],
  ['N05', 'desktop'],
  ['N07', 'desktop'],
  ['N15', 'desktop'],
  ['S07', 'desktop'],
  ['S01', 'mobile'],
  ['N01', 'mobile'],
  // misclicks: a dialog reopen, an undo, a slip, a gap near miss, a fling tap on touch
  ['P01', 'desktop'],
  ['P02', 'desktop'],
  ['P09', 'desktop'],
  ['M01', 'desktop'],
  ['P07', 'mobile'],
];

let shop: Awaited<ReturnType<typeof startShop>>;
let browser: Browser;
const runs = new Map<string, Run | { failed: string }>();

beforeAll(async () => {
  shop = await startShop();
  browser = await launch();
  const out = await pool(
    SUBSET.map(
      ([id, device]) =>
        () =>
          runValid(browser, shop.origin, scenario(id), { device, seed: 0, theme: 'a' }),
    ),
    3,
  );
  SUBSET.forEach(([id, device], k) => runs.set(`${id}/${device}`, out[k]!));
}, 110_000);

afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

describe('signal benchmark subset (Bench Shop, seed 0, theme a)', () => {
  for (const [id, device] of SUBSET) {
    const sc = scenario(id);
    it(`${id} ${device}: ${sc.desc}`, () => {
      const run = runs.get(`${id}/${device}`)!;
      if ('failed' in run) throw new Error(`the scenario did not run: ${run.failed}`);
      if (run.invalid)
        throw new Error(`the stimulus was not delivered as scripted: ${run.invalid}`);
      const v = judge(sc, run);
      const seen = `SDK emitted [${emitted(run).join(', ')}]`;
      expect(
        v.fn.map((x) => x.label),
        `expected verdicts missing; ${seen}`,
      ).toEqual([]);
      expect(
        v.fp.map((d) => `${d.kind}@${d.anchor}`),
        `forbidden verdicts; ${seen}`,
      ).toEqual([]);
    });
  }
});

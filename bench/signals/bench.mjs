// `npm run bench:signals`: runs every scenario on desktop and mobile over the tuning split
// (theme a, seeds from 0) and the held-out split (theme a seeds from 5, theme b seeds from 5),
// plus the clean-walk corpus; prints per-detector precision / recall / F1 and clean FP/1000
// (misclicks together and per kind, u_turn / quick_back / cart_undo with the frustration kinds),
// checks the acceptance targets and writes bench/results/signals.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MISCLICK_MIN, judge } from './judge.mjs';
import { cleanRates, failures, score, table } from './metrics.mjs';
import { launch, pool, runValid } from './run.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { ROOT, startShop } from './server.mjs';
import { walk } from './walks.mjs';

const { values: o } = parseArgs({
  options: {
    tune: { type: 'string', default: '1' },
    held: { type: 'string', default: '1' },
    b: { type: 'string', default: '1' },
    walks: { type: 'string', default: '10' },
    steps: { type: 'string', default: '14' },
    concurrency: { type: 'string', default: '4' },
    only: { type: 'string', default: '' },
    sdk: { type: 'string', default: '' },
  },
});
const n = (k) => Number(o[k]);
const seeds = (from, count) => Array.from({ length: count }, (_, i) => from + i);
const only = o.only ? o.only.split(',') : null;
const sdk = o.sdk ? JSON.parse(o.sdk) : undefined;
const chosen = SCENARIOS.filter((s) => !only || only.includes(s.id));

const plan = [];
const add = (split, theme, seedList) => {
  for (const sc of chosen)
    for (const device of sc.devices ?? ['desktop', 'mobile'])
      for (const seed of seedList) plan.push({ split, sc, device, seed, theme });
};
add('tune', 'a', seeds(0, n('tune')));
add('heldA', 'a', seeds(5, n('held')));
add('heldB', 'b', seeds(5, n('b')));
for (let w = 0; w < n('walks'); w++) {
  const theme = w % 2 ? 'b' : 'a';
  plan.push({
    split: 'clean',
    sc: walk(w, n('steps')),
    device: w % 4 < 2 ? 'desktop' : 'mobile',
    seed: w,
    theme,
  });
}

console.log(
  `[signals] ${chosen.length} scenarios × devices: tune theme a seeds 0..${n('tune') - 1}, held-out theme a seeds 5..${4 + n('held')}, theme b seeds 5..${4 + n('b')}; ${n('walks')} clean walks of ${n('steps')} activations; ${plan.length} runs, ${n('concurrency')} at a time`,
);
const t0 = Date.now();
const shop = await startShop();
const browser = await launch();
let done = 0;
const results = await pool(
  plan.map(
    (p) => () =>
      runValid(browser, shop.origin, p.sc, {
        device: p.device,
        seed: p.seed,
        theme: p.theme,
        sdk,
      }),
  ),
  n('concurrency'),
  () => {
    if (++done % 20 === 0)
      console.log(
        `[signals] ${done}/${plan.length} runs, ${Math.round((Date.now() - t0) / 1000)} s`,
      );
  },
);
await browser.close();
await shop.close();

const judged = plan.map((p, k) => {
  const run = results[k];
  const verdict = run.failed
    ? { tp: [], fn: [], fp: [], other: [], mismatches: [] }
    : judge(p.sc, run);
  return { ...p, run, verdict };
});
// Runs whose stimulus never came out as scripted (3 tries) are judged for the failure list
// but left out of the figures.
const of = (...splits) =>
  judged.filter((j) => splits.includes(j.split) && !j.run.invalid && !j.run.failed);
const splits = {
  tune: score(of('tune')),
  heldA: score(of('heldA')),
  heldB: score(of('heldB')),
  held: score(of('heldA', 'heldB')),
};
const clean = cleanRates(of('clean'));
const held = of('heldA', 'heldB');
const count = (ids, kind) =>
  held
    .filter((j) => ids.includes(j.sc.id))
    .reduce(
      (s, j) =>
        s + j.run.events?.filter((e) => e.type === 'frustration' && e.props?.kind === kind).length,
      0,
    ) || 0;
const misclicks = (ids) =>
  held
    .filter((j) => ids.includes(j.sc.id))
    .reduce(
      (s, j) =>
        s +
        (j.run.events?.filter(
          (e) => e.type === 'misclick' && (e.props?.confidence ?? 0) >= MISCLICK_MIN,
        ).length ?? 0),
      0,
    );
const targets = {
  'rage precision ≥ 0.95': (splits.held.rage_click.precision ?? 0) >= 0.95,
  'rage recall ≥ 0.90': (splits.held.rage_click.recall ?? 0) >= 0.9,
  'dead precision ≥ 0.95': (splits.held.dead_click.precision ?? 0) >= 0.95,
  'dead recall ≥ 0.90': (splits.held.dead_click.recall ?? 0) >= 0.9,
  'no dead on N07, N08': count(['N07', 'N08'], 'dead_click') === 0,
  'no rage on N01–N04': count(['N01', 'N02', 'N03', 'N04'], 'rage_click') === 0,
  'misclick precision ≥ 0.90': (splits.held.misclick.precision ?? 0) >= 0.9,
  'misclick recall ≥ 0.75': (splits.held.misclick.recall ?? 0) >= 0.75,
  'misclick clean FP ≤ 1 per 1000 activations': (clean.misclick.per1000 ?? 0) <= 1,
  'no misclick on N09, N10 (exploration)': misclicks(['N09', 'N10']) === 0,
};
const seconds = Math.round((Date.now() - t0) / 1000);
console.log(`\n${table(splits, clean)}\n`);
console.log(`[signals] clean corpus: ${clean.activations} activations`);
for (const [t, ok] of Object.entries(targets))
  console.log(`[signals] ${ok ? 'PASS' : 'FAIL'} ${t} (held-out)`);
const fails = failures(judged);
for (const f of fails)
  console.log(
    `[signals] ✗ ${f.run}${f.failed ? ` run failed: ${f.failed}` : ''} missed [${f.missed}] forbidden [${f.forbidden}] emitted [${f.emitted}]`,
  );
const retried = judged.filter((j) => j.run.tries > 1);
const invalid = judged.filter((j) => j.run.invalid);
console.log(
  `[signals] ${plan.length} runs in ${seconds} s; ${retried.length} repeated because a burst was not delivered as scripted, ${invalid.length} left out after 3 tries${invalid.length ? `: ${invalid.map((j) => `${j.sc.id} ${j.device} seed=${j.seed} theme=${j.theme} (${j.run.invalid})`).join('; ')}` : ''}`,
);

await mkdir(join(ROOT, 'bench/results'), { recursive: true });
await writeFile(
  join(ROOT, 'bench/results/signals.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      seconds,
      counts: {
        scenarios: chosen.length,
        runs: plan.length,
        repeated: retried.length,
        leftOut: invalid.length,
        tune: n('tune'),
        held: n('held'),
        b: n('b'),
        walks: n('walks'),
        steps: n('steps'),
      },
      splits,
      clean,
      targets,
      failures: fails,
      runs: judged.map((j) => ({
        id: j.sc.id,
        split: j.split,
        device: j.device,
        seed: j.seed,
        theme: j.theme,
        failed: j.run.failed,
        invalid: j.run.invalid,
        tries: j.run.tries,
        actions: j.run.actions,
        pageErrors: j.run.errors,
        signals: j.run.events?.filter((e) => e.type === 'frustration' || e.type === 'misclick'),
        clicks: j.run.events
          ?.filter((e) => e.type === 'click')
          .map((e) => ({
            seq: e.seq,
            ts: e.ts,
            target: e.props.target?.testid ?? e.props.target?.selector,
            pointer: e.props.pointer,
          })),
        tp: j.verdict.tp.length,
        fn: j.verdict.fn.length,
        fp: j.verdict.fp.length,
      })),
    },
    null,
    1,
  ),
);

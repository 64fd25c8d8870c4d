// The benchmark's label matching (bench/signals/judge.mjs, SIGNALS.md §5.3) on hand-made runs:
// a verdict counts for the activation its clickSeq points at, duplicates of a matched label are
// ignored, unmatched forbidden kinds are false positives, and everything in a clean walk is one.
import { describe, expect, it } from 'vitest';
import { judge } from '../../../bench/signals/judge.mjs';
import type { Run } from '../../../bench/signals/run.mjs';
import type { Scenario } from '../../../bench/signals/scenarios.mjs';

const T0 = 1_700_000_000_000;
const action = (i: number, target: string, t: number) => ({
  i,
  t: T0 + t,
  kind: 'click' as const,
  target,
  x: 10,
  y: 10,
});
const click = (seq: number, testid: string | null, t: number) => ({
  type: 'click',
  seq,
  ts: T0 + t,
  props: { target: { selector: `#${testid}`, testid } },
});
const signal = (
  seq: number,
  kind: string,
  clickSeq: number | null,
  t: number,
  evidence = {},
  testid = 'apply',
) => ({
  type: 'frustration',
  seq,
  ts: T0 + t,
  props: { kind, clickSeq, target: { testid }, evidence },
});
const run = (actions: ReturnType<typeof action>[], events: Run['events']): Run => ({
  id: 'X',
  device: 'desktop',
  seed: 0,
  theme: 'a',
  actions,
  events,
  errors: [],
  invalid: null,
});
const sc = (o: Partial<Scenario>): Scenario => ({
  id: 'X',
  desc: '',
  page: '/',
  run: async () => {},
  ...o,
});

describe('bench label matching', () => {
  const burst = [0, 400, 800, 1200].map((t, i) => action(i, 'apply', t));
  const clicks = [0, 400, 800, 1200].map((t, i) => click(10 + i, 'apply', t + 5));
  const p12 = sc({
    expect: [
      { type: 'rage_click', anchor: 0 },
      { type: 'dead_click', anchor: [0, 1, 2, 3], evidence: { variant: 'interactive' } },
    ],
    forbid: ['misclick'],
  });

  it('credits a rage and a dead verdict tied through clickSeq; extra dead verdicts are duplicates', () => {
    const v = judge(
      p12,
      run(burst, [
        ...clicks,
        signal(20, 'rage_click', 10, 2000),
        ...[10, 11, 12, 13].map((s, k) =>
          signal(21 + k, 'dead_click', s, 3000, { variant: 'interactive' }),
        ),
      ]),
    );
    expect(v.tp.map((x) => x.kind).sort()).toEqual(['dead_click', 'rage_click']);
    expect(v.fn).toEqual([]);
    expect(v.fp).toEqual([]);
    expect(v.mismatches).toEqual([]);
  });

  it('a rage verdict about another activation than the labelled one is a miss', () => {
    const v = judge(p12, run(burst, [...clicks, signal(20, 'rage_click', 11, 2000)]));
    expect(v.fn.map((x) => x.kind)).toEqual(['rage_click', 'dead_click']);
  });

  it('forbidden kinds unmatched by a label are false positives; allowed kinds are not', () => {
    const n01 = sc({ forbid: ['rage_click', 'dead_click'] });
    const v = judge(
      n01,
      run(burst, [
        ...clicks,
        signal(20, 'rage_click', 10, 2000),
        signal(21, 'slow_click', 12, 2500),
      ]),
    );
    expect(v.fp.map((d) => `${d.kind}@${d.anchor}`)).toEqual(['rage_click@0']);
    expect(v.other.map((d) => d.kind)).toEqual(['slow_click']);
  });

  it('a verdict without a click event (a disabled button) matches the last activation on its target', () => {
    const n06 = sc({ expect: [{ type: 'blocked_click', anchor: [0, 1] }] });
    const presses = [action(0, 'place-order', 0), action(1, 'place-order', 1000)];
    const v = judge(n06, run(presses, [signal(5, 'blocked_click', null, 1100, {}, 'place-order')]));
    expect(v.tp.map((x) => x.det.anchor)).toEqual([1]);
  });

  it('evidence that differs from the label is listed, the kind and anchor still count', () => {
    const p13 = sc({
      expect: [{ type: 'dead_click', anchor: 0, evidence: { variant: 'looks_clickable' } }],
    });
    const v = judge(
      p13,
      run(
        [action(0, 'badge', 0)],
        [
          click(3, 'badge', 4),
          signal(4, 'dead_click', 3, 2600, { variant: 'interactive' }, 'badge'),
        ],
      ),
    );
    expect(v.tp).toHaveLength(1);
    expect(v.mismatches).toHaveLength(1);
  });

  it('any verdict in a clean walk is a false positive', () => {
    const w = sc({ clean: true, forbid: [] });
    const v = judge(
      w,
      run(
        [action(0, 'size-M', 0)],
        [click(3, 'size-M', 2), signal(4, 'slow_click', 3, 1500, {}, 'size-M')],
      ),
    );
    expect(v.fp).toHaveLength(1);
  });
});

// The bench's stimulus check (bench/signals/run.mjs): a run whose presses were delivered later
// than scripted (the harness slowed by a loaded machine) or whose burst was stretched is
// repeated rather than judged, so the figures measure the detectors and not the machine.
import { describe, expect, it } from 'vitest';
import { DRIFT_MS, stimulusProblem } from '../../../bench/signals/run.mjs';

const at = (i: number, t: number, lagMs: number) => ({
  i,
  t,
  kind: 'click' as const,
  target: 'x',
  x: 0,
  y: 0,
  lagMs,
});

describe('stimulusProblem', () => {
  it('accepts presses whose harness lag stays within the drift allowance', () => {
    expect(stimulusProblem([at(0, 0, 40), at(1, 1500, 40 + DRIFT_MS)], [])).toBeNull();
  });
  it('names the press delivered later than scripted', () => {
    expect(stimulusProblem([at(0, 0, 40), at(1, 2600, 1_140)], [])).toBe(
      'press 1 came 1100 ms later than scripted after press 0',
    );
  });
  it('does not check the press after a page load, a run on a throttled CPU, nor a clean walk', () => {
    expect(
      stimulusProblem([at(0, 0, 40), { ...at(1, 2600, 1_140), afterLoad: true }], []),
    ).toBeNull();
    expect(stimulusProblem([at(0, 0, 40), at(1, 2600, 1_140)], [], [], { cpu: 4 })).toBeNull();
    expect(stimulusProblem([at(0, 0, 40), at(1, 2600, 1_140)], [], [], { walk: true })).toBeNull();
  });
  it('names a burst press that came after the planned gap', () => {
    const actions = [at(0, 0, 0), at(1, 300, 0), at(2, 1_000, 0)];
    expect(stimulusProblem(actions, [{ from: 0, n: 3, plannedGapMs: 400 }])).toBe(
      'burst press 2 came 700 ms after the previous one (planned ≤ 400 ms)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createThrashMeter } from '../../../../src/capture/frustration/thrashed-cursor.js';

/** One move at time `t`, as the move handler feeds it: the time only at a reversal. */
function feed(m: ReturnType<typeof createThrashMeter>, t: number, x: number, y: number) {
  const turned = m.move(x, y);
  return turned ? m.turn(turned, t, x, y) : false;
}

describe('thrash meter', () => {
  it('starts an episode at 20 reversals within 2 s and hands it over once calm', () => {
    const m = createThrashMeter(20, 2_000);
    let hits = 0;
    for (let i = 0; i <= 22; i++) if (feed(m, i * 50, i % 2 ? 100 : 160, 200)) hits++;
    expect(hits).toBeGreaterThan(0);
    expect(m.take(22 * 50 + 100)).toBeUndefined(); // still moving
    const ep = m.take(22 * 50 + 2_000)!;
    expect(ep._changes).toBeGreaterThanOrEqual(20);
    expect(ep._box).toMatchObject({ x: 100, w: 60 });
    expect(m.take(10_000)).toBeUndefined(); // handed over once
  });

  it('ignores reversals spread over more than the window and moves under 4 px', () => {
    const slow = createThrashMeter(20, 2_000);
    for (let i = 0; i <= 40; i++) expect(feed(slow, i * 200, i % 2 ? 100 : 160, 200)).toBe(false);
    const tremor = createThrashMeter(20, 2_000);
    for (let i = 0; i <= 40; i++) expect(feed(tremor, i * 20, i % 2 ? 100 : 103, 200)).toBe(false);
  });
});

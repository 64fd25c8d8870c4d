import { describe, expect, it } from 'vitest';
import { resolveFrustration } from '../../../../src/core/frustration-config.js';
import {
  burstRadius,
  joinsBurst,
  reactionProfile,
  repeatable,
  type Press,
} from '../../../../src/capture/frustration/rage-click.js';

const C = resolveFrustration(true)!;
const a = document.createElement('button');
const b = document.createElement('button');
const p = (t: number, x = 0, y = 0, el: Element = a, touch = false): Press => ({
  _t: t,
  _x: x,
  _y: y,
  _el: el,
  _touch: touch,
});

describe('rage bursts', () => {
  it('joins presses close in time and space, or on the same control', () => {
    const burst = [p(0), p(300, 10, 10)];
    expect(joinsBurst(burst, p(900, 5, 5), C)).toBe(true);
    expect(joinsBurst(burst, p(1_100, 5, 5), C)).toBe(false); // 800 ms after the last
    expect(joinsBurst(burst, p(600, 100, 0, b), C)).toBe(false); // far, another control
    expect(joinsBurst(burst, p(600, 100, 0, a), C)).toBe(true); // far, same control
  });

  it('gives touch a larger radius than the mouse', () => {
    expect(joinsBurst([p(0, 0, 0, b, true)], p(200, 35, 0, a, true), C)).toBe(true);
    expect(joinsBurst([p(0, 0, 0, b)], p(200, 35, 0, a), C)).toBe(false);
  });

  it('ends a burst at spanMs', () => {
    const burst = [p(0), p(600), p(1_200), p(1_800)];
    expect(joinsBurst(burst, p(2_100), C)).toBe(false);
  });

  it('profiles how the page answered', () => {
    const burst = [p(0), p(300), p(600)];
    expect(reactionProfile(burst, [], C)).toBe('none');
    expect(reactionProfile(burst, [20, 320, 640], C)).toBe('each');
    expect(reactionProfile(burst, [20], C)).toBe('first_only');
    expect(reactionProfile(burst, [2_500], C)).toBe('late');
    expect(reactionProfile(burst, [320], C)).toBe('some');
  });

  it('measures the spread from the first press', () => {
    expect(burstRadius([p(0), p(1, 3, 4), p(2, 6, 8)])).toBe(10);
  });

  it('knows steppers and pagers by name, and number inputs by neighbourhood', () => {
    const el = (html: string) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      return d.querySelector('[data-t]')!;
    };
    expect(repeatable(el('<button data-t>+</button>'))).toBe(true);
    expect(repeatable(el('<button data-t aria-label="Next slide">›</button>'))).toBe(true);
    expect(repeatable(el('<button data-t>Suivant</button>'))).toBe(true);
    expect(repeatable(el('<input type="number"><button data-t>Up</button>'))).toBe(true);
    expect(repeatable(el('<button data-t>Apply</button>'))).toBe(false);
    expect(repeatable(el('<button data-t>Place order</button>'))).toBe(false);
  });
});

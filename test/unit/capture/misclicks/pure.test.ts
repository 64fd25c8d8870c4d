import { describe, expect, it } from 'vitest';
import {
  aligned,
  boxGap,
  distanceToBox,
  edgeShare,
  nearRadius,
} from '../../../../src/capture/misclicks/geometry.js';
import { opposed } from '../../../../src/capture/misclicks/groups.js';
import { scoreNearMiss, scorePair } from '../../../../src/capture/misclicks/score.js';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });

describe('misclick geometry', () => {
  it('measures a point to a box and a box to a box', () => {
    expect(distanceToBox(5, 5, box(0, 0, 10, 10))).toBe(0);
    expect(distanceToBox(13, 14, box(0, 0, 10, 10))).toBe(5);
    expect(boxGap(box(0, 0, 10, 10), box(14, 0, 10, 10))).toBe(4);
    expect(boxGap(box(0, 0, 10, 10), box(5, 5, 10, 10))).toBe(0);
  });

  it('gives small targets a larger near-miss radius, bounded, larger for touch', () => {
    expect(nearRadius(box(0, 0, 40, 40), false)).toBe(8); // big enough: the base
    expect(nearRadius(box(0, 0, 14, 14), false)).toBe(8); // (24 − 14) / 2 = 5 < 8
    expect(nearRadius(box(0, 0, 4, 4), false)).toBe(10);
    expect(nearRadius(box(0, 0, 28, 28), true)).toBe(12);
    expect(nearRadius(box(0, 0, 2, 2), true)).toBe(21);
    expect(nearRadius(box(0, 0, 0, 0), true)).toBe(22);
  });

  it('says where in A the press was, toward B', () => {
    const a = box(0, 0, 100, 40);
    const right = box(110, 0, 100, 40);
    expect(edgeShare(95, 20, a, right)).toBeCloseTo(0.05);
    expect(edgeShare(5, 20, a, right)).toBeCloseTo(0.95);
    const below = box(0, 50, 100, 40);
    expect(edgeShare(50, 38, a, below)).toBeCloseTo(0.05);
  });

  it('knows rows and columns', () => {
    expect(aligned(box(0, 0, 40, 40), box(50, 10, 40, 40))).toBe(true);
    expect(aligned(box(0, 0, 40, 40), box(60, 60, 40, 40))).toBe(false);
  });
});

describe('misclick scoring', () => {
  const facts = {
    gapMs: 800,
    windowMs: 2000,
    adjacent: true,
    sameGroup: true,
    edge: 0.1,
    opposed: false,
    small: true,
    exploring: false,
    base: 0,
  };
  it('adds the SIGNALS.md §4.6 terms, with the fitted weights', () => {
    // 0.35 × (1 − (800 − 500) / (2000 − 500)) + 0.25 + 0.2 + 0.05
    expect(scorePair(facts)).toBe(0.78);
    expect(scorePair({ ...facts, opposed: true, base: 0.1 })).toBe(1);
    expect(scorePair({ ...facts, adjacent: false })).toBe(0.63);
    expect(scorePair({ ...facts, edge: 0.3 })).toBe(0.63);
    expect(scorePair({ ...facts, edge: 0.5 })).toBe(0.58);
  });
  it('counts a gap up to the 500 ms grace as an instant correction, and none at the window', () => {
    expect(scorePair({ ...facts, gapMs: 200 })).toBe(0.85);
    expect(scorePair({ ...facts, gapMs: 500 })).toBe(0.85);
    expect(scorePair({ ...facts, gapMs: 2000 })).toBe(0.5);
    expect(scorePair({ ...facts, gapMs: 5000 })).toBe(0.5);
  });
  it('penalises browsing and clips to 0–1', () => {
    expect(scorePair({ ...facts, exploring: true })).toBe(0.38);
    expect(
      scorePair({
        ...facts,
        exploring: true,
        adjacent: false,
        edge: 0.9,
        small: false,
        gapMs: 2000,
      }),
    ).toBe(0);
    expect(scorePair({ ...facts, opposed: true, base: 0.5 })).toBe(1);
  });
  it('is surer of a near miss close to the control', () => {
    expect(scoreNearMiss(1, 10, false, false)).toBeGreaterThan(scoreNearMiss(9, 10, false, false));
    expect(scoreNearMiss(1, 10, true, false)).toBeLessThan(scoreNearMiss(1, 10, false, false));
    expect(scoreNearMiss(0, 1, false, true)).toBe(0.8);
  });
  it('knows opposite names both ways, in English and French', () => {
    expect(opposed('Cancel', 'Confirm')).toBe(true);
    expect(opposed('Confirmer', 'Annuler')).toBe(true);
    expect(opposed('Add to wishlist', 'Add to cart')).toBe(true);
    expect(opposed('Size S', 'Size M')).toBe(false);
  });
});

// Types of the simulated shopper (actor.mjs).
import type { Page } from 'playwright-core';

export interface Action {
  i: number;
  t: number;
  kind: 'click' | 'tap' | 'key';
  target: string;
  x: number;
  y: number;
  [k: string]: unknown;
  /** How far the real clock ran ahead of the script's waits and travel at this action. */
  lagMs?: number;
}

export interface Actor {
  actions: Action[];
  bursts: { from: number; n: number; plannedGapMs: number }[];
  r: () => number;
  device: 'desktop' | 'mobile';
  page: Page;
  click(
    id: string,
    o?: { offset?: { x: number; y: number }; modifiers?: string[]; toward?: string },
  ): Promise<void>;
  pressAt(
    id: string,
    at: (box: { x: number; y: number; width: number; height: number }) => { x: number; y: number },
    how?: string,
  ): Promise<void>;
  slip(id: string, dy?: number): Promise<void>;
  back(): Promise<void>;
  flingTap(id: string, step?: number, after?: number): Promise<void>;
  burst(id: string, n: number, spanMs: number): Promise<void>;
  multiClick(id: string, count: number): Promise<void>;
  key(id: string, key?: string, n?: number, gapMs?: number): Promise<void>;
  background(): Promise<void>;
  fill(id: string, text: string): Promise<void>;
  tabAway(ms: number): Promise<void>;
  wheel(dy: number): Promise<void>;
  wait(ms: number): Promise<void>;
}

export function sleep(ms: number): Promise<void>;
export function createActor(
  page: Page,
  o: { device: string; r: () => number; labelled?: boolean },
): Actor;

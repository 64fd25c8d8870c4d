// Types of the scenario runner (run.mjs).
import type { Browser, Page } from 'playwright-core';
import type { Action } from './actor.d.mts';
import type { Scenario } from './scenarios.d.mts';

export interface BenchEvent {
  type: string;
  seq: number;
  ts: number;
  props: Record<string, any>;
  [k: string]: unknown;
}

export interface Run {
  id: string;
  device: string;
  seed: number;
  theme: string;
  actions: Action[];
  events: BenchEvent[];
  errors: string[];
  /** Why the delivered stimulus does not match the script (a stretched burst, a press delivered late), else null. */
  invalid: string | null;
  tries?: number;
}

export const DEVICES: Record<'desktop' | 'mobile', Record<string, unknown>>;
export function launch(): Promise<Browser>;
export function ready(page: Page): Promise<unknown>;
export function pageUrl(origin: string, sc: Scenario, theme: string, sdk?: unknown): string;
export function runScenario(
  browser: Browser,
  origin: string,
  sc: Scenario,
  o: { device: string; seed: number; theme: string; sdk?: unknown },
): Promise<Run>;
export const BURST_GAP_MS: number;
export const DRIFT_MS: number;
export function stimulusProblem(
  actions: Action[],
  bursts: { from: number; n: number; plannedGapMs: number }[],
  events?: BenchEvent[],
  o?: { cpu?: number; walk?: boolean },
): string | null;
export function runValid(
  browser: Browser,
  origin: string,
  sc: Scenario,
  o: { device: string; seed: number; theme: string; sdk?: unknown },
  tries?: number,
): Promise<Run & { tries: number }>;
export function pool<T>(
  jobs: (() => Promise<T>)[],
  limit: number,
  onDone?: (r: T, k: number) => void,
): Promise<(T | { failed: string })[]>;

// Types of the label matching (judge.mjs).
import type { Run } from './run.d.mts';
import type { Expectation, Scenario } from './scenarios.d.mts';

export interface Detection {
  kind: string;
  /** A misclick's own kind (near_miss, wrong_control, accidental_activation). */
  sub?: string;
  anchor: number | null;
  props: Record<string, any>;
  ts: number;
}

export interface Verdict {
  tp: { kind: string; label: Expectation; det: Detection }[];
  fn: { kind: string; label: Expectation }[];
  fp: Detection[];
  other: Detection[];
  mismatches: { label: Expectation; got: unknown }[];
}

export const KINDS: string[];
export const MISCLICK_MIN: number;
export function linkClicks(actions: Run['actions'], events: Run['events']): Map<number, number>;
export function detections(run: Run): Detection[];
export function judge(sc: Scenario, run: Run): Verdict;

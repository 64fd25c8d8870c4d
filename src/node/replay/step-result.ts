import type { StepKind } from './plan.js';

/** Why a step diverged from the capture. */
export type DivergenceKind = 'missing' | 'moved' | 'url' | 'error' | 'no-effect';

/** The outcome of one replayed step. */
export interface StepResult {
  n: number;
  kind: StepKind;
  /** What the step does (`click <button> “Add to cart”`). */
  action: string;
  status: 'passed' | 'diverged' | 'skipped';
  /** Set when `status` is `diverged`. */
  reason?: DivergenceKind;
  /** What was seen (why it diverged, how the element was found, why it was skipped). */
  detail: string;
  /** The page URL after the step. */
  url: string;
  /** The screenshot's file name, next to index.html. */
  screenshot?: string;
  /** `console.error` messages of the page during the step. */
  console: string[];
  /** Uncaught errors of the page during the step. */
  errors: string[];
}

/** A whole replay: what was replayed, against what, and each step's outcome. */
export interface ReplayResult {
  sid: string;
  baseUrl: string;
  startedAt: number;
  viewport: { w: number; h: number };
  steps: StepResult[];
  passed: number;
  diverged: number;
  skipped: number;
}

/** Labels of the divergence kinds, as the report and the terminal show them. */
export const DIVERGENCE_LABEL: Record<DivergenceKind, string> = {
  missing: 'element missing',
  moved: 'element moved',
  url: 'URL differs',
  error: 'error thrown',
  'no-effect': 'the click had no effect now',
};

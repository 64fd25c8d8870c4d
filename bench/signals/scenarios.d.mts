// Types of the scenario definitions (scenarios.mjs), for the e2e subset that imports them.
import type { Actor } from './actor.d.mts';

/** One labelled expectation: a verdict kind (or any of several) about activation `anchor`. */
export interface Expectation {
  type: string | string[];
  anchor?: number | number[] | 'any';
  evidence?: Record<string, unknown>;
  /** For `misclick`: its kind (a different kind is not a match). */
  kind?: string;
  /** For `misclick`: its pattern (checked like evidence). */
  pattern?: string;
}

export interface Scenario {
  id: string;
  desc: string;
  /** The shop page, e.g. `/pdp.html`. */
  page: string;
  /** Component knobs in the query string. */
  params?: Record<string, string>;
  /** @defaultValue ['desktop', 'mobile'] */
  devices?: ('desktop' | 'mobile')[];
  /** CDP CPU throttling rate. */
  cpu?: number;
  /** ms to wait after the last action for delayed verdicts. @defaultValue 3000 */
  settle?: number;
  baselineMs?: number;
  walk?: boolean;
  clean?: boolean;
  run(u: Actor): Promise<unknown>;
  expect?: Expectation[];
  forbid?: string[];
}

export const SCENARIOS: Scenario[];
export const PENDING: number;
export function scenario(id: string): Scenario;

// Types of the metrics helpers used by the e2e subset (metrics.mjs).
import type { Run } from './run.d.mts';

export function emitted(run: Run): string[];

/**
 * Thrown once, by `init` / `createTracker`, when the configuration is wrong.
 * The message names the field and what it accepts.
 *
 * @example
 * try { init({ endpoint: 'ftp://x' }) } catch (e) { if (e instanceof ConfigError) e.field } // 'endpoint'
 */
export class ConfigError extends Error {
  /** Dotted path of the offending field, e.g. `batch.maxEvents`. */
  readonly field: string;
  constructor(field: string, accepts: string, got: unknown) {
    super(
      `parcours: ${field ? `config.${field}` : 'the config'} must be ${accepts} (got ${describe(got)})`,
    );
    this.name = 'ConfigError';
    this.field = field;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

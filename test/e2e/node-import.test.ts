import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

const run = promisify(execFile);

/** Runs `code` in a fresh Node process from the repository root (where `parcours` resolves to itself). */
async function node(code: string, esm = true): Promise<any> {
  const args = esm ? ['--input-type=module', '-e', code] : ['-e', code];
  const { stdout } = await run(process.execPath, args, { cwd: ROOT, timeout: 30_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const PROBE = `
  const t = m.init({ endpoint: 'https://collect.example.com/v1/batch', siteId: 'ssr' });
  t.track('add_to_cart', { sku: 'A1' });
  t.page();
  const flushed = await t.flush();
  let error = null;
  try { m.init({ endpoint: 'ftp://x' }); } catch (e) { error = { name: e.name, field: e.field, isConfigError: e instanceof m.ConfigError }; }
  console.log(JSON.stringify({
    window: typeof window, document: typeof document,
    init: typeof m.init, createTracker: typeof m.createTracker, ConfigError: typeof m.ConfigError,
    flushed, error,
  }));`;

const EXPECTED = {
  window: 'undefined',
  document: 'undefined',
  init: 'function',
  createTracker: 'function',
  ConfigError: 'function',
  flushed: { sent: 0, failed: 0, pending: 0 },
  error: { name: 'ConfigError', field: 'endpoint', isConfigError: true },
};

describe('importing in Node', () => {
  it('imports the ESM build without a window and gets a tracker that records nothing', async () => {
    const url = pathToFileURL(join(ROOT, 'dist/index.mjs')).href;
    expect(await node(`const m = await import(${JSON.stringify(url)});${PROBE}`)).toEqual(EXPECTED);
  });

  it('imports the package by its name', async () => {
    expect(await node(`const m = await import('parcours');${PROBE}`)).toEqual(EXPECTED);
  });

  it('requires the CommonJS build by the package name', async () => {
    const code = `(async () => { const m = require('parcours');${PROBE} })().catch((e) => { console.error(e); process.exit(1); });`;
    expect(await node(code, false)).toEqual(EXPECTED);
  });
});

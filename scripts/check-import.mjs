// Importing parcours in Node (server rendering) must not touch `window`: load the built package
// by its own name, ESM and CJS, in a fresh process with no DOM globals.
import { execFileSync } from 'node:child_process';

const checks = {
  esm: `const m = await import('parcours'); if (typeof m.init !== 'function' || typeof m.createTracker !== 'function') throw new Error('exports missing'); const t = m.init({ endpoint: 'https://c.test/v1/batch' }); t.track('ssr'); const r = await t.flush(); if (r.pending !== 0) throw new Error('SSR tracker recorded something'); if ('window' in globalThis) throw new Error('window defined');`,
  cjs: `const m = require('parcours'); if (typeof m.init !== 'function') throw new Error('cjs exports missing');`,
  plugins: `for (const n of ['reassurance', 'landing', 'device']) { const m = await import('parcours/plugins/' + n); if (typeof m[n] !== 'function' || m[n]().name !== 'parcours/' + n + '@1') throw new Error(n + ' export missing'); } if ('window' in globalThis) throw new Error('window defined');`,
  pluginsCjs: `for (const n of ['reassurance', 'landing', 'device']) if (typeof require('parcours/plugins/' + n)[n] !== 'function') throw new Error(n + ' cjs export missing');`,
  node: `const m = await import('parcours/node'); if (typeof m.createCollector !== 'function') throw new Error('node exports missing');`,
};
for (const [name, code] of Object.entries(checks)) {
  const type = /^cjs$|Cjs$/.test(name) ? 'commonjs' : 'module';
  execFileSync(process.execPath, ['--input-type', type, '-e', code], { stdio: 'inherit' });
  console.log(`import check (${name}): ok`);
}

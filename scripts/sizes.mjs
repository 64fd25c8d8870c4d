// Prints raw / gzip / brotli bytes of each built browser entry, and with --check verifies that
// the README "Size" table and the package.json description quote them within 5 %: the script
// tag (gzip and brotli), `import { init }` and `import { createTracker }` (brotli, bundled and
// minified with esbuild as a shop's bundler would), and the script tag's brotli size in the
// description, and each plugin's script-tag file (gzip and brotli). Run after `npm run build`
// (`npm run test:size` does). `--why` tells where the bytes go: each entry is bundled again from
// src/ with esbuild (minified, as the build's terser roughly does) and each source module's share
// of the minified bytes is printed, with that share of the entry's brotli size.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const measure = (b) => ({
  raw: b.length,
  gzip: gzipSync(b, { level: 9 }).length,
  brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
async function bundle(name) {
  const out = await build({
    stdin: {
      contents: `export { ${name} } from './dist/index.mjs';`,
      resolveDir: '.',
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

if (process.argv.includes('--why')) {
  const top = Number(process.argv[process.argv.indexOf('--why') + 1]) || 15;
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const entries = {
    'script tag': { entryPoints: ['src/browser.ts'], format: 'iife' },
    '{ init }': {
      stdin: { contents: `export { init } from './src/index.ts';`, resolveDir: '.', loader: 'ts' },
    },
    '{ createTracker }': {
      stdin: {
        contents: `export { createTracker } from './src/index.ts';`,
        resolveDir: '.',
        loader: 'ts',
      },
    },
  };
  for (const [name, opts] of Object.entries(entries)) {
    const out = await build({
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2020',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
      define: { __PARCOURS_VERSION__: JSON.stringify(pkg.version) },
      ...opts,
    });
    const code = Buffer.from(out.outputFiles[0].contents);
    const { raw, brotli } = measure(code);
    const inputs = Object.entries(Object.values(out.metafile.outputs)[0].inputs)
      .map(([file, v]) => [
        file.replace(/^node_modules\/([^/]+)\/.*/, '$1 (dependency)'),
        v.bytesInOutput,
      ])
      .filter(([, b]) => b > 0);
    const byDir = {};
    for (const [f, b] of inputs)
      byDir[f.replace(/\/[^/]+$/, '/')] = (byDir[f.replace(/\/[^/]+$/, '/')] ?? 0) + b;
    const line = (label, b) =>
      `  ${String(b).padStart(6)} B  ~${String(Math.round((b / raw) * brotli)).padStart(5)} B brotli  ${label}`;
    console.log(`${name}: ${raw} B minified, ${brotli} B brotli (esbuild, from src/)`);
    for (const [d, b] of Object.entries(byDir).sort((a, b) => b[1] - a[1])) console.log(line(d, b));
    console.log(`  top ${top} modules:`);
    for (const [f, b] of inputs.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(f, b));
  }
  process.exit(0);
}

const rows = {
  'script tag': measure(readFileSync('dist/parcours.iife.js')),
  '{ init }': measure(await bundle('init')),
  '{ createTracker }': measure(await bundle('createTracker')),
};
const plugins = existsSync('dist/plugins')
  ? readdirSync('dist/plugins').filter((f) => /\.(mjs|iife\.js)$/.test(f))
  : [];
for (const f of plugins) rows[`plugins/${f}`] = measure(readFileSync(`dist/plugins/${f}`));
for (const [name, r] of Object.entries(rows))
  console.log(`${name.padEnd(20)} raw ${r.raw}  gzip ${r.gzip}  brotli ${r.brotli}`);

if (process.argv.includes('--check')) {
  const readme = readFileSync('README.md', 'utf8');
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const wrong = [];
  const near = (quotedKb, measured) => Math.abs(quotedKb * 1000 - measured) / measured <= 0.05;
  const check = (where, quotedKb, measured) => {
    if (!near(quotedKb, measured))
      wrong.push(
        `${where} quotes ${quotedKb} kB; the build measures ${(measured / 1000).toFixed(1)} kB`,
      );
  };
  // Table rows: `| <entry> … | <gzip> | <brotli> | …`; "—" where a figure is not quoted.
  const row = (label) => {
    const m = new RegExp(
      `^\\|[^|\\n]*${label}[^|\\n]*\\|\\s*([\\d.]+ kB|—)\\s*\\|\\s*([\\d.]+) kB`,
      'm',
    ).exec(readme);
    if (!m) throw new Error(`README "Size" table has no row for ${label} with a brotli figure`);
    return { gzip: m[1] === '—' ? undefined : parseFloat(m[1]), brotli: Number(m[2]) };
  };
  const tag = row('script tag \\(`dist/parcours\\.iife\\.js`');
  if (tag.gzip === undefined) wrong.push('README script tag row quotes no gzip size');
  else check('README script tag (gzip)', tag.gzip, rows['script tag'].gzip);
  check('README script tag (brotli)', tag.brotli, rows['script tag'].brotli);
  check('README `import { init }`', row('`import \\{ init \\}`').brotli, rows['{ init }'].brotli);
  check(
    'README `import { createTracker }`',
    row('`import \\{ createTracker \\}`').brotli,
    rows['{ createTracker }'].brotli,
  );
  for (const n of ['reassurance', 'landing', 'device']) {
    const r = rows[`plugins/${n}.iife.js`];
    const m = row(`plugins/${n}\\.iife\\.js`);
    if (!r) wrong.push(`dist/plugins/${n}.iife.js is missing`);
    else {
      if (m.gzip !== undefined) check(`README plugins/${n}.iife.js (gzip)`, m.gzip, r.gzip);
      check(`README plugins/${n}.iife.js (brotli)`, m.brotli, r.brotli);
    }
  }
  const d = /([\d.]+) kB brotli/.exec(pkg.description ?? '');
  if (!d) wrong.push('package.json description quotes no "<n> kB brotli" size of the script tag');
  else check('package.json description', Number(d[1]), rows['script tag'].brotli);
  if (wrong.length) {
    console.error(`Size figures out of date (more than 5 % off):\n  ${wrong.join('\n  ')}`);
    process.exit(1);
  }
  console.log('README and package.json size figures: in sync');
}

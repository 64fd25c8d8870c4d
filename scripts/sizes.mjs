// Prints raw / gzip / brotli bytes of each built browser file, and with --check verifies that the
// README quotes the gzip and brotli sizes of the script tag and of each plugin's script-tag file
// within 5 % (README "Size" table).
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const files = [
  ...readdirSync('dist').filter((f) => /^(index\.mjs|parcours\.iife\.js)$/.test(f)),
  ...readdirSync('dist/plugins')
    .filter((f) => /\.(mjs|iife\.js)$/.test(f))
    .map((f) => `plugins/${f}`),
];
const rows = files.map((f) => {
  const b = readFileSync(`dist/${f}`);
  return {
    file: f,
    raw: b.length,
    gzip: gzipSync(b, { level: 9 }).length,
    brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
for (const r of rows)
  console.log(`${r.file.padEnd(28)} raw ${r.raw}  gzip ${r.gzip}  brotli ${r.brotli}`);
if (process.argv.includes('--check')) {
  const readme = readFileSync('README.md', 'utf8');
  const checks = [
    ['parcours.iife.js', /script tag[^\n]*?\|\s*([\d.]+) kB\s*\|\s*([\d.]+) kB/i, 'script tag'],
    ...['reassurance', 'landing', 'device'].map((n) => [
      `plugins/${n}.iife.js`,
      new RegExp(`plugins/${n}\\.iife\\.js[^\\n]*?\\|\\s*([\\d.]+) kB\\s*\\|\\s*([\\d.]+) kB`),
      `plugins/${n}.iife.js`,
    ]),
  ];
  for (const [file, re, label] of checks) {
    const row = rows.find((r) => r.file === file);
    const m = re.exec(readme);
    if (!m) throw new Error(`README has no "${label} | <gzip> kB | <brotli> kB" size row`);
    for (const [quoted, measured, kind] of [
      [Number(m[1]) * 1000, row.gzip, 'gzip'],
      [Number(m[2]) * 1000, row.brotli, 'brotli'],
    ]) {
      if (Math.abs(quoted - measured) / measured > 0.05) {
        throw new Error(
          `README quotes ${quoted} B ${kind} for ${label}; measured ${measured} B. Update the README.`,
        );
      }
    }
  }
  console.log('README size figures: in sync');
}

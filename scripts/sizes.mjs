// Prints raw / gzip / brotli bytes of each built browser file, and with --check verifies that the
// README quotes the brotli size of the script tag within 5 % (README "Size" table).
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const files = readdirSync('dist').filter((f) => /^(index\.mjs|parcours\.iife\.js)$/.test(f));
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
  console.log(`${r.file.padEnd(20)} raw ${r.raw}  gzip ${r.gzip}  brotli ${r.brotli}`);
if (process.argv.includes('--check')) {
  const readme = readFileSync('README.md', 'utf8');
  const iife = rows.find((r) => r.file === 'parcours.iife.js');
  const m = /script tag[^\n]*?\|\s*([\d.]+) kB\s*\|\s*([\d.]+) kB/i.exec(readme);
  if (!m) throw new Error('README has no "script tag | <gzip> kB | <brotli> kB" size row');
  for (const [quoted, measured, kind] of [
    [Number(m[1]) * 1000, iife.gzip, 'gzip'],
    [Number(m[2]) * 1000, iife.brotli, 'brotli'],
  ]) {
    if (Math.abs(quoted - measured) / measured > 0.05) {
      throw new Error(
        `README quotes ${quoted} B ${kind} for the script tag; measured ${measured} B. Update the README.`,
      );
    }
  }
  console.log('README size figures: in sync');
}

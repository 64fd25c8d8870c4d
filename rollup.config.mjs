// Build: ESM + CJS for npm (dependencies external), the script-tag IIFE (all bundled,
// minified), the Node tools, and bundled .d.ts per entry. STYLE.md 12–13.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import dts from 'rollup-plugin-dts';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// playwright-core (an optional peer) is loaded by `parcours replay` only, never bundled.
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = (id) =>
  deps.some((d) => id === d || id.startsWith(`${d}/`)) ||
  id.startsWith('node:') ||
  builtinModules.includes(id);

const define = { __PARCOURS_VERSION__: JSON.stringify(pkg.version) };
// One name cache for every browser bundle, so a `_field` mangles to the same name in each
// (preact's mangle.json idea): plugins built as separate entries can read tracker internals.
const nameCache = {};
const minify = (comments = false) =>
  terser({
    nameCache,
    ecma: 2020,
    compress: { passes: 2, pure_getters: true },
    mangle: { properties: { regex: /^_/ } },
    format: { comments },
  });

const browserEsbuild = () => esbuild({ target: 'es2020', define, minify: false });
// Each plugin is its own entry (npm subpath + script-tag file), so the core never grows with them.
const PLUGINS = ['reassurance', 'landing', 'device'];
const pluginInputs = Object.fromEntries(
  PLUGINS.map((n) => [`plugins/${n}`, `src/plugins/${n}/index.ts`]),
);

export default [
  {
    input: { index: 'src/index.ts', ...pluginInputs },
    external,
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [browserEsbuild(), minify()],
    output: [
      {
        dir: 'dist',
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
        sourcemap: true,
      },
      {
        dir: 'dist',
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
        sourcemap: true,
      },
    ],
  },
  {
    input: 'src/browser.ts',
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [resolve({ browser: true }), commonjs(), browserEsbuild(), minify(/^# allFunctions/)],
    output: {
      file: 'dist/parcours.iife.js',
      format: 'iife',
      sourcemap: true,
      // Chromium's explicit compile hint: the script is compiled while it streams, off the main
      // thread, rather than function by function on first call (most are called at init).
      banner: '//# allFunctionsCalledOnLoad',
    },
  },
  ...PLUGINS.map((n) => ({
    input: `src/plugins/${n}/script.ts`,
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [resolve({ browser: true }), commonjs(), browserEsbuild(), minify(/^# allFunctions/)],
    output: {
      file: `dist/plugins/${n}.iife.js`,
      format: 'iife',
      sourcemap: true,
      banner: '//# allFunctionsCalledOnLoad', // as the script tag's
    },
  })),
  {
    input: { node: 'src/node/index.ts', cli: 'src/node/cli.ts' },
    external,
    treeshake: { moduleSideEffects: 'no-external' },
    plugins: [esbuild({ target: 'node20', define, platform: 'node' })],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', sourcemap: true },
  },
  {
    input: { index: 'src/index.ts', node: 'src/node/index.ts', ...pluginInputs },
    external,
    plugins: [dts()],
    output: [
      {
        dir: 'dist',
        format: 'es',
        entryFileNames: '[name].d.mts',
        chunkFileNames: 'chunks/[name]-[hash].d.mts',
      },
    ],
  },
  {
    input: { index: 'src/index.ts', ...pluginInputs },
    external,
    plugins: [dts()],
    output: [
      {
        dir: 'dist',
        format: 'es',
        entryFileNames: '[name].d.cts',
        chunkFileNames: 'chunks/[name]-[hash].d.cts',
      },
    ],
  },
];

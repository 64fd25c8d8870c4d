import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __PARCOURS_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['test/unit/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Real Chromium on 2 shared cores: a test that fails is run once more, and the retry is
          // printed (vitest marks it). A real regression fails both times.
          retry: 1,
        },
      },
    ],
    // STYLE.md 25: the durable core is gated at 95 % of lines (`npm run test:unit`).
    coverage: {
      provider: 'v8',
      include: ['src/core/**', 'src/store/**', 'src/transport/**'],
      reporter: ['text-summary'],
      thresholds: {
        'src/core/**': { lines: 95 },
        'src/store/**': { lines: 95 },
        'src/transport/**': { lines: 95 },
      },
    },
  },
});

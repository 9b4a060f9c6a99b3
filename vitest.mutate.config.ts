/**
 * The suite as StrykerJS runs it for `npm run mutate`: the library's own tests, in process. The
 * CLI tests run the compiled command in a child process, which a mutant never reaches, and the
 * setup checks test the test tooling, so both are left out (and so is the build they need).
 * Stryker runs vitest in worker threads, where setting process.env.TZ does not change the time
 * zone, so the timeline diagram's tests (whose time-zone test switches zones) run in `npm test` only.
 * THROUGHLINE_MUTATE shortens the property tests (tests/helpers/runs.ts) and leaves out drawing the
 * diagrams as PNG (tests/helpers/svg.ts), which no mutated file reaches.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/cli/**', 'tests/server/**', 'tests/e2e/**', 'tests/tools.test.ts', 'tests/golden.test.ts', 'tests/layers.test.ts', 'tests/viz/timeline.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
    env: { THROUGHLINE_MUTATE: '1', TZ: 'Europe/London' },
    setupFiles: ['tests/setup/mutate.ts'],
  },
});

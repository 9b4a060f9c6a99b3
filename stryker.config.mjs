// @ts-check
/**
 * Mutation testing (`npm run mutate`, not in CI: hours on 2 cores from cold, minutes when
 * incremental). Each mutant is one small change to the rules a review depends on; a mutant that
 * no test notices is a rule that could break unseen. The score per folder is in the README.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: [
    'src/analytics/**/*.ts',
    'src/timeline/**/*.ts',
    'src/rca/**/*.ts',
    'src/ingest/dates.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.tmp/stryker',
  cleanTempDir: true,
};

// @ts-check
/**
 * Mutation testing (`npm run mutate`, not in CI: hours on 2 cores from cold, minutes when
 * incremental). Each mutant is one small change to the rules a review depends on; a mutant that
 * no test notices is a rule that could break unseen. The score per folder is in the README.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const SCOPES = {
  analytics: ['src/analytics/**/*.ts'],
  timeline: ['src/timeline/**/*.ts'],
  rca: ['src/rca/**/*.ts'],
  dates: ['src/ingest/dates.ts'],
  // Part of analytics, run alone while it is new: what each agency knew.
  knowledge: ['src/analytics/knowledge.ts', 'src/analytics/known.ts'],
  // The rest of analytics in two halves, each short enough for one sitting on 2 cores (the whole
  // folder is about three hours): what reads the records, and what is worked out from them.
  'analytics-reading': ['src/analytics/context.ts', 'src/analytics/rules.ts', 'src/analytics/child.ts', 'src/analytics/patterns.ts', 'src/analytics/referrals.ts', 'src/analytics/sightings.ts'],
  // The merged order, the scope and merge's own checks alone: each of their mutants is reached
  // by every merging test, so the whole timeline folder takes two hours or more.
  'timeline-order': ['src/timeline/order.ts', 'src/timeline/scope.ts', 'src/timeline/merge.ts'],
  // The analysis rules' reader alone: the part of what reads the records whose tests were added after its run.
  'analytics-rules': ['src/analytics/rules.ts'],
  // The linking rules, the saved-merge reader and the mentions, run again after the tests aimed at them.
  'timeline-links': ['src/timeline/links.ts', 'src/timeline/read.ts', 'src/timeline/mentions.ts'],
  // Where linking left each linked record (written after the folder's full run).
  'timeline-positions': ['src/timeline/positions.ts'],
  'analytics-findings': ['src/analytics/gaps.ts', 'src/analytics/episodes.ts', 'src/analytics/grid.ts', 'src/analytics/balance.ts', 'src/analytics/timing.ts', 'src/analytics/network.ts', 'src/analytics/analyse.ts'],
};
/** MUTATE_SCOPE=analytics|timeline|rca|dates|knowledge|analytics-reading|analytics-rules|analytics-findings|timeline-order|timeline-links|timeline-positions mutates one folder (or file set), with its own reports; unset, the four folders. */
const scope = process.env.MUTATE_SCOPE ?? 'all';
if (scope !== 'all' && !(scope in SCOPES)) throw new Error(`MUTATE_SCOPE is one of ${Object.keys(SCOPES).join(', ')}, not "${scope}"`);

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: scope === 'all' ? [...SCOPES.analytics, ...SCOPES.timeline, ...SCOPES.rca, ...SCOPES.dates] : SCOPES[scope],
  coverageAnalysis: 'perTest',
  // A mutant reached only while a test file loads (a table built once at the top of a module, a
  // value computed once for a whole describe block) cannot be switched on per test: run, it
  // would take the whole suite (hours on 2 cores). Those are left out and counted as ignored; a
  // mutant reached both then and inside a test is run with the tests that reach it.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `reports/${scope}/stryker-incremental.json`,
  concurrency: 1,
  // A mutant that loops forever is a kill (a timeout) after this long past its tests' own time.
  timeoutMS: 5000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/${scope}/mutation.json` },
  htmlReporter: { fileName: `reports/${scope}/mutation.html` },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: `.tmp/stryker-${scope}`,
  // Another folder's run may be going on beside this one: its sandbox is not part of the project.
  ignorePatterns: ['.tmp', 'reports', 'data', 'dist'],
  cleanTempDir: true,
};

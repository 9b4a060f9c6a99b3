/**
 * throughline's library: the same pure functions the CLI, the server and the browser use.
 * No file system, network, clock or process access anywhere below this module.
 */
export * from './model/types.js';
export { ThroughlineError, isThroughlineError } from './model/errors.js';
export { ingest, agencyFromFileName, fileSlug, fileSlugs, type IngestInput, type IngestOptions } from './ingest/ingest.js';
export { decodeBytes, ENCODINGS, type Encoding } from './ingest/decode.js';
export { parseTable, detectDelimiter, DELIMITERS, type Delimiter, type TableRow } from './ingest/table.js';
export { mapColumns, locateHeader, normaliseHeading } from './ingest/columns.js';
export { validateProfiles, profileFor, type AgencyProfile } from './ingest/profile.js';
export { parseDate, parseTime, dateOrderEvidence, type DateParse, type TimeParse } from './ingest/dates.js';
export { parseScope, parseDob, validateEpisodes } from './ingest/arguments.js';
export {
  displayDate, displayDay, displayTime, eventPeriod, dayNumber, dayFromNumber, daysInMonth, isIsoDay, TWO_DIGIT_YEAR_PIVOT,
} from './model/calendar.js';
export { merge, type MergeOptions } from './timeline/merge.js';
export { linkEvents, validateLinkRules, DEFAULT_LINK_RULES, type LinkRules } from './timeline/links.js';
export { checkScope, inScope, type ScopeBounds } from './timeline/scope.js';
export { dateSortKey, agencyOrder } from './timeline/order.js';
export { timelineJsonChunks, timelineCsvChunks, timelineMarkdownChunks, csvCell } from './export/index.js';
export { timelineFromJson } from './timeline/read.js';
export { analyse, type AnalyseOptions } from './analytics/analyse.js';
export { validateRules, DEFAULT_RULES, type AnalysisRules, type SeenRule, type PatternRule, type DecisionRule, type KnowledgeRules } from './analytics/rules.js';
export { type EpisodeDefinition } from './analytics/episodes.js';
export { validateTags, type UserTags } from './analytics/balance.js';
export { atDecision, knownRecords } from './analytics/known.js';
export * from './analytics/types.js';
export { analysisJsonChunks, analysisMarkdownChunks } from './export/analysis.js';

// Root cause analysis: the cause graph, its readers and writers, and its analysis.
export * from './rca/model.js';
export { analyseRca, RCA_REPORT_VERSION, DEFAULT_PATH_LIMIT, type RcaOptions, type RcaReport, type FrameworkLike } from './rca/analyse.js';
export { causeGraphFromJson, causeGraphToJson, type CauseGraphJson } from './rca/json.js';
export { readWhyChain, type SourcedGraph } from './rca/whys.js';
export { readFishboneCsv } from './rca/fishbone.js';
export { FRAMEWORKS, FRAMEWORK_IDS, frameworkByName, categoryOf, validateFramework, type Framework } from './rca/frameworks.js';
export type { RcaIssue, ReadGraph } from './rca/issues.js';
export { rcaMarkdownChunks } from './export/rca.js';

// The review toolkit: choosing the review model.
export { adviseReviewModel, resolveModel, validateCaseFacts, conditionHolds, REVIEW_MODELS, FACT_QUESTIONS, FITS, type CaseFacts, type FactId, type FactQuestion, type ReviewModel, type ReviewModelAdvice, type ModelAdvice, type ModelChoice, type Fit, type Reason } from './review/models.js';
export { reviewModelMarkdown } from './export/models.js';

// The report diagrams: pure functions from findings to Office-safe SVG text (no DOM).
export { renderTimeline, type TimelineOptions } from '../viz/svg/timeline.js';
export { renderHeatmap, type HeatmapOptions } from '../viz/svg/heatmap.js';
export { renderCauseGraph, type CauseGraphOptions } from '../viz/svg/causes.js';
export { renderFishbone, type FishboneOptions } from '../viz/svg/fishbone.js';
export { renderWhyChain, type WhyChainOptions } from '../viz/svg/whys.js';

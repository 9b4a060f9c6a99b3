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
export { validateRules, DEFAULT_RULES, type AnalysisRules, type SeenRule, type PatternRule } from './analytics/rules.js';
export { type EpisodeDefinition } from './analytics/episodes.js';
export { validateTags, type UserTags } from './analytics/balance.js';
export * from './analytics/types.js';
export { analysisJsonChunks, analysisMarkdownChunks } from './export/analysis.js';

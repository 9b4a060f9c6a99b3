/**
 * The types every part of throughline shares. Plain data, JSON-safe, no logic beyond guards.
 * The JSON written by `throughline merge` is exactly these shapes (see README, "JSON output").
 */

/** How much of a date the source actually said. Never more than was written. */
export type Precision = 'minute' | 'day' | 'week' | 'month' | 'year' | 'unknown';

export const PRECISIONS: readonly Precision[] = ['minute', 'day', 'week', 'month', 'year', 'unknown'];

/**
 * A date as an agency wrote it. `start` is `yyyy-mm-dd` or `yyyy-mm-ddTHH:MM` (Europe/London wall
 * clock, never converted through UTC); for month, week and year precision it is the first day of
 * the period. `end` is present for ranges and weeks: the last day (or minute) covered, inclusive.
 * For precision `unknown`, `start` is the empty string. `text` is the source text, verbatim.
 */
export interface PartialDate {
  start: string;
  end?: string;
  precision: Precision;
  text: string;
  /** The source marked the date as uncertain (`?`, `c.`, `approx`, `circa`, `about`). */
  approximate?: boolean;
}

/** The column roles throughline recognises in an agency chronology. */
export type ColumnRole =
  | 'date'
  | 'time'
  | 'datetime'
  | 'endDate'
  | 'endTime'
  | 'sequence'
  | 'source'
  | 'agency'
  | 'team'
  | 'practitioner'
  | 'type'
  | 'summary'
  | 'outcome'
  | 'significance'
  | 'subjects'
  | 'reference';

export const COLUMN_ROLES: readonly ColumnRole[] = [
  'date', 'time', 'datetime', 'endDate', 'endTime', 'sequence', 'source', 'agency', 'team', 'practitioner',
  'type', 'summary', 'outcome', 'significance', 'subjects', 'reference',
];

/** Where an event came from: the file as the user named it and the line an editor shows. */
export interface SourceRef {
  file: string;
  line: number;
}

/**
 * Flags set while ingesting and merging (codes are stable; see README):
 * `approximate`, `period-start` (sorted at the start of its week, month or year), `undated`,
 * `no-summary`, `unusable`, `out-of-scope`, `time-unreadable`.
 */
export type EventFlag =
  | 'approximate'
  | 'period-start'
  | 'undated'
  | 'no-summary'
  | 'unusable'
  | 'out-of-scope'
  | 'time-unreadable';

export interface ChronologyEvent {
  /** Stable: derived from the agency file and line (`police-12`), never random. */
  id: string;
  agency: string;
  date: PartialDate;
  summary: string;
  sequence?: string;
  informationSource?: string;
  practitioner?: string;
  /** The team, unit or service inside the agency that made the record (duty team, locality team). */
  team?: string;
  type?: string;
  outcome?: string;
  significance?: string;
  subjects?: string;
  reference?: string;
  /** Every column without a role, verbatim, under its own heading (empty cells left out). */
  extra: Record<string, string>;
  source: SourceRef;
  flags: EventFlag[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface IngestIssue {
  file: string;
  /** Physical line in the file as an editor shows it; 0 when the issue concerns the whole file. */
  line: number;
  severity: Severity;
  /** Stable, for machines (see README, "Issue codes"). */
  code: string;
  /** Plain English, for people. */
  message: string;
  /** The raw cells of the row concerned, verbatim. */
  cells?: string[];
}

export type DateOrder = 'day-first' | 'month-first';
export type FileOrder = 'ascending' | 'descending' | 'unordered' | 'single';

/**
 * What a date column's heading says about its values' precision: "Week Commencing" (the week
 * starting on the date given), "Week Ending" (the week ending on it), "Month", "Year".
 */
export type HeadingPeriod = 'week-start' | 'week-end' | 'month' | 'year';

export interface ColumnMapping {
  heading: string;
  /** Column index, 0-based. */
  index: number;
  role: ColumnRole | 'extra';
  /** Set when the role was chosen from the column's values, not its heading (the file report says so). */
  from?: 'values';
  /** For the date column (and a column of dates that complements it): the period its heading gives every value that does not say more. */
  period?: HeadingPeriod;
}

/** What ingest learnt about one agency file. */
export interface AgencyFileReport {
  file: string;
  agency: string;
  /** How the agency was decided: option, profile, column or file name. */
  agencyFrom: 'option' | 'profile' | 'column' | 'file-name';
  encoding: string;
  delimiter: string;
  dateOrder: DateOrder;
  /** How the date order was decided. */
  dateOrderFrom: 'forced' | 'values' | 'default' | 'ambiguous';
  headerLine: number;
  columns: ColumnMapping[];
  /** Data rows below the header, not counting blank rows. */
  rows: number;
  /** Usable events: rows whose date can be read (their text made from the row when the summary is blank), in scope or not. */
  events: number;
  /** Rows whose date cannot be read (blank, impossible, words): carried as marked undated events and reported. */
  unusable: number;
  /** Rows whose date lies wholly outside the review scope (excluded, or kept and marked), usable or not. */
  outOfScope: number;
  /** Blank or all-empty rows below the header, skipped. */
  blankRows: number;
  /** Rows above the header (titles, preamble), skipped. */
  preambleLines: number;
  order: FileOrder;
}

/** One agency file, ingested. */
export interface AgencyChronology {
  report: AgencyFileReport;
  events: ChronologyEvent[];
  issues: IngestIssue[];
}

/**
 * `same-event`: a group of records, by several agencies, of one real-world event (a meeting held,
 * an incident seen from two ends). `refers-to`: a record (`from`) that reports an earlier event
 * recorded elsewhere in the chronology (`to`): a notification, a discharge letter received.
 */
export type LinkKind = 'same-event' | 'refers-to';

/** A link between records of several agencies. `events` lists every event id in it. */
export interface CrossAgencyLink {
  id: string;
  kind: LinkKind;
  events: string[];
  agencies: string[];
  reason: string;
  confidence: 'high' | 'medium';
  /** refers-to only: the record that mentions. */
  from?: string;
  /** refers-to only: the records of the event mentioned (all earlier than `from`). */
  to?: string[];
  /**
   * refers-to only, when true: `from` also records a happening of its own, which its text opens
   * with before it names any day ("Pre-school booster – was not brought again (also WNB 10/07)").
   * It is then an event as well as a report: another report may refer to it, and the analyses
   * count it as the record of its own happening.
   */
  fromIsEvent?: true;
}

export interface ReviewScope {
  from?: string;
  to?: string;
  includeOutOfScope: boolean;
}

export interface TimelineStats {
  files: number;
  agencies: number;
  rows: number;
  events: number;
  usable: number;
  unusable: number;
  outOfScope: number;
  /** Same-event groups, and the records in them. */
  linkedGroups: number;
  linkedEvents: number;
  /** Refers-to links: records that report an earlier event recorded elsewhere. */
  references: number;
  issues: { error: number; warning: number; info: number };
  first?: string;
  last?: string;
}

export interface Timeline {
  version: string;
  scope: ReviewScope;
  agencyOrder: string[];
  events: ChronologyEvent[];
  links: CrossAgencyLink[];
  issues: IngestIssue[];
  files: AgencyFileReport[];
  stats: TimelineStats;
}

/** The version of the merged-timeline JSON. A breaking change to its names bumps it. */
export const TIMELINE_FORMAT_VERSION = '1.1';

/**
 * One agency file in, one agency chronology out: events with provenance, and every problem as an
 * issue with file and line. Pure: bytes (or text) and options in, plain objects out.
 *
 * Invariant (tested on every fixture): report.rows = report.events + report.unusable. A row that
 * cannot be used (exactly: its date cannot be read) is still carried as an event, flagged
 * `unusable`, so nothing is lost. A row with text is an event: a blank summary is made from the
 * row's other cells; a dated row with no text at all is kept, flagged `no-summary`, and warned of.
 */
import { ThroughlineError } from '../model/errors.js';
import type {
  AgencyChronology, AgencyFileReport, ChronologyEvent, ColumnMapping, ColumnRole, DateOrder, EventFlag,
  FileOrder, IngestIssue, PartialDate,
} from '../model/types.js';
import { HeaderFinder, type HeaderLocation } from './columns.js';
import { combineDateTime, dateOrderEvidence, parseDate, parseTime, withHeadingPeriod, withTime, type DateParse } from './dates.js';
import { isTeamName } from './values.js';
import { decodeBytes, type Encoding } from './decode.js';
import { profileFor, type AgencyProfile } from './profile.js';
import { detectDelimiter, forEachRow, isDelimiter, type Delimiter, type RowVisitor, type TableRow } from './table.js';

export interface IngestInput {
  /** The file as the user named it; it appears in every source reference and issue. */
  file: string;
  /** The file's bytes, or text already decoded (ignored when `table` is given). */
  content: Uint8Array | string;
  /** A table already read (a workbook's sheet: ingest/workbook.ts), with what reading it found. */
  table?: { rows: readonly TableRow[]; issues: readonly IngestIssue[] };
}

export interface IngestOptions {
  /** The agency, overriding the profile, any agency column and the file name. */
  agency?: string;
  profiles?: readonly AgencyProfile[];
  /** Forces the order of numeric dates for this file (otherwise detected from its values). */
  dateOrder?: DateOrder;
  /** Prefix of event ids; defaults to the file's name (`police.csv` → `police`). */
  idPrefix?: string;
}

const ACRONYMS = new Set(['gp', 'ed', 'csc', 'cafcass', 'camhs', 'nhs', 'ae', 'mash', 'marac', 'hv', 'dsl', 'sen', 'send', 'ldn', 'yot', 'cps', 'idva', 'asb', 'ltd', 'uk', 'pct', 'icb']);

/** `health_visiting.csv` → "Health Visiting"; `gp-records.csv` → "GP Records". */
export function agencyFromFileName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const words = base.split(/[\s_\-.]+/).filter((w) => w !== '');
  if (words.length === 0) return base;
  return words.map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join(' ');
}

/** `fixtures/demo/Health Visiting.csv` → `health-visiting`: the stem of event ids. */
export function fileSlug(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const slug = base.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'file' : slug;
}

/** Unique id prefixes for a set of files: a second `police.csv` from another folder becomes `police-2`. */
export function fileSlugs(files: readonly string[]): string[] {
  const used = new Map<string, number>();
  return files.map((f) => {
    const slug = fileSlug(f);
    const n = (used.get(slug) ?? 0) + 1;
    used.set(slug, n);
    return n === 1 ? slug : `${slug}-${n}`;
  });
}


/**
 * Evidence about a file's date order, gathered while its rows are read day-first: a date whose
 * first part exceeds 12 can only be day-first; one that fails day-first because its second part
 * exceeds 12 is month-first evidence. Only rows that can still change the verdict are examined.
 */
class DateOrderEvidence {
  dayFirst: { line: number; text: string } | undefined;
  monthFirst: { line: number; text: string } | undefined;
  ambiguous = 0;

  /** A readable date: examined only until day-first evidence is found. */
  read(text: string, line: number): void {
    if (this.dayFirst) return;
    const evidence = dateOrderEvidence(text);
    if (evidence === 'day-first') this.dayFirst = { line, text };
    else if (evidence === 'ambiguous') this.ambiguous++;
  }

  /** A date that failed day-first. */
  failed(text: string, line: number): void {
    if (!this.monthFirst && dateOrderEvidence(text) === 'month-first') this.monthFirst = { line, text };
  }

  verdict(): { order: DateOrder; from: AgencyFileReport['dateOrderFrom']; issue?: Omit<IngestIssue, 'file'> } {
    const { dayFirst, monthFirst, ambiguous } = this;
    if (monthFirst && !dayFirst) {
      return {
        order: 'month-first', from: 'values',
        issue: { line: monthFirst.line, severity: 'info', code: 'date-order-month-first', message: `dates in this file are read month-first: "${monthFirst.text.trim()}" on line ${monthFirst.line} can only be month/day/year` },
      };
    }
    if (monthFirst && dayFirst) {
      return {
        order: 'day-first', from: 'ambiguous',
        issue: { line: 0, severity: 'warning', code: 'date-order-conflict', message: `dates in this file disagree: "${dayFirst.text.trim()}" (line ${dayFirst.line}) can only be day-first, "${monthFirst.text.trim()}" (line ${monthFirst.line}) only month-first; the file is read day-first, the UK convention, and dates that are impossible that way are reported. Use --date-order or a profile to force it` },
      };
    }
    if (dayFirst) return { order: 'day-first', from: 'values' };
    if (ambiguous > 0) {
      return {
        order: 'day-first', from: 'ambiguous',
        issue: { line: 0, severity: 'info', code: 'date-order-assumed', message: `no date in this file shows whether it is day-first or month-first (no day above 12 among ${ambiguous} numeric dates); read day-first, the UK convention. If it is a month-first system export, use --date-order month-first` },
      };
    }
    return { order: 'day-first', from: 'default' };
  }
}

function uniqueHeadings(columns: readonly ColumnMapping[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const base = c.heading.trim() === '' ? `Column ${c.index + 1}` : c.heading.trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** No flags and no extra columns: shared, never mutated, so a million plain rows cost nothing for them. */
const NO_FLAGS: EventFlag[] = Object.freeze([]) as unknown as EventFlag[];
const NO_EXTRA: Record<string, string> = Object.freeze({}) as Record<string, string>;

type RowProblem = Omit<IngestIssue, 'file' | 'line' | 'cells'>;

/** What one row earned while being read: its flags and problems. One per file, reset per row. */
class RowNotes {
  flags: EventFlag[] = NO_FLAGS;
  problems: RowProblem[] | undefined;

  reset(): void {
    this.flags = NO_FLAGS;
    this.problems = undefined;
  }

  flag(f: EventFlag): void {
    if (this.flags === NO_FLAGS) this.flags = [];
    this.flags.push(f);
  }

  problem(p: RowProblem): void {
    (this.problems ??= []).push(p);
  }
}

/**
 * Whether a cell has anything but white space in it (as `cell.trim() !== ''`), answered from its
 * first character when that is printable ASCII, without trimming a copy of the cell.
 */
function hasText(cell: string): boolean {
  const c = cell.charCodeAt(0);
  if (c > 32 && c < 127) return true;
  return cell.trim() !== '';
}

/**
 * One string for each value that repeats down a column (contact types, workers, outcomes): a
 * million events keep a few hundred strings instead of a million copies, and a lookup keyed by the
 * value hashes it once. A column of free text stops being shared after INTERN_LIMIT distinct values.
 */
class ColumnValues {
  private readonly seen = new Map<string, string>();
  private open = true;

  /** A role cell's value, trimmed, or undefined when the column is absent or the cell blank. */
  read(cells: readonly string[], index: number): string | undefined {
    if (index === -1) return undefined;
    const v = cells[index];
    if (v === undefined) return undefined;
    const t = v.trim();
    if (t === '') return undefined;
    if (!this.open) return t;
    const known = this.seen.get(t);
    if (known !== undefined) return known;
    this.seen.set(t, t);
    if (this.seen.size >= INTERN_LIMIT) this.open = false;
    return t;
  }
}

const INTERN_LIMIT = 4096;

/** Roles whose cells never make up a row's event text: they say when, or which record. */
const NOT_EVENT_TEXT = new Set<ColumnMapping['role']>(['date', 'datetime', 'time', 'endDate', 'endTime', 'reference', 'sequence', 'summary']);

/** Reads one agency file. Throws a ThroughlineError (coded) only when the file is not a chronology at all. */
export function ingest(input: IngestInput, options: IngestOptions = {}): AgencyChronology {
  const { file } = input;
  const profile = profileFor(options.profiles ?? [], file);
  if (input.table) {
    const { rows, issues } = input.table;
    const each = (visit: RowVisitor): IngestIssue[] => {
      for (const r of rows) if (visit(r.cells, r.line) === false) break;
      return [...issues];
    };
    return readDetectingOrder(each, 'xlsx', 'cell', file, profile, options);
  }
  const decoded = typeof input.content === 'string'
    ? { text: input.content.replace(/^\uFEFF/, ''), encoding: 'utf-8' as Encoding }
    : decodeBytes(input.content, file, profile.encoding);
  if (decoded.text.trim() === '') throw new ThroughlineError('file-empty', `${file}: the file has no text in it; expected an agency chronology (a table with a date column)`, file);
  const delimiter: Delimiter = profile.delimiter && isDelimiter(profile.delimiter) ? profile.delimiter : detectDelimiter(decoded.text);
  return readDetectingOrder((visit) => forEachRow(decoded.text, file, delimiter, visit), decoded.encoding, delimiter, file, profile, options);
}

/** Every row in turn to `visit`; the issues of reading them (a CSV's quotes, a sheet's merged cells). */
type RowSource = (visit: RowVisitor) => IngestIssue[];

/** Reads the rows in the date order forced, or detected from the rows themselves. */
function readDetectingOrder(each: RowSource, encoding: string, delimiter: string, file: string, profile: AgencyProfile, options: IngestOptions): AgencyChronology {
  const forced = options.dateOrder ?? profile.dateOrder;
  const first = readRows(each, encoding, delimiter, file, profile, options, forced ?? 'day-first', forced === undefined);
  if (forced) return first.chronology;
  const verdict = first.evidence!.verdict();
  // Rows are read day-first while the evidence is gathered; a month-first file is read again.
  const result = verdict.order === 'month-first'
    ? readRows(each, encoding, delimiter, file, profile, options, 'month-first', false).chronology
    : first.chronology;
  result.report.dateOrderFrom = verdict.from;
  if (verdict.issue) result.issues.unshift({ file, ...verdict.issue });
  return result;
}

/** The codes of the issue a date-order verdict puts first in a file's issues (readDetectingOrder). */
const VERDICT_CODES: ReadonlySet<string> = new Set(['date-order-month-first', 'date-order-conflict', 'date-order-assumed']);

/**
 * Adds a file-wide issue (line 0) to a chronology already read from a table, where ingest would
 * have put it had it been the first of the table's issues: first, after the date-order verdict.
 * So a workbook's sheet need not be read again to carry a finding about its workbook.
 */
export function prependTableIssue(chronology: AgencyChronology, issue: IngestIssue): void {
  const first = chronology.issues[0];
  chronology.issues.splice(first !== undefined && VERDICT_CODES.has(first.code) ? 1 : 0, 0, issue);
}

function readRows(
  each: RowSource, encoding: string, delimiter: string, file: string, profile: AgencyProfile, options: IngestOptions,
  order: DateOrder, gatherEvidence: boolean,
): { chronology: AgencyChronology; evidence?: DateOrderEvidence } {
  const evidence = gatherEvidence ? new DateOrderEvidence() : undefined;
  const finder = new HeaderFinder(file, profile);
  const issues: IngestIssue[] = [];
  const events: ChronologyEvent[] = [];
  const fileAgency = options.agency ?? profile.agency;
  const fallbackAgency = fileAgency ?? agencyFromFileName(file);
  const agencyCounts = new Map<string, number>();
  const idStem = `${options.idPrefix ?? fileSlug(file)}-`;
  let header: HeaderLocation | null = null;
  let rows = 0;
  let blankRows = 0;
  let unusable = 0;
  let processRow: (cells: string[], line: number) => void = () => undefined;

  const start = (found: HeaderLocation): void => {
    header = found;
    const columns = found.columns;
    const col = (role: ColumnRole): number => columns.find((c) => c.role === role)?.index ?? -1;
    const dateCol = col('date') !== -1 ? col('date') : col('datetime');
    const altDateCol = col('date') !== -1 ? col('datetime') : -1;
    const period = columns[dateCol]!.period;
    // The period a complementing column's heading names ("Month" beside "Date"), for its cells.
    const altPeriod = altDateCol === -1 ? undefined : columns[altDateCol]!.period;
    const timeCol = col('time');
    const endDateCol = col('endDate');
    const endTimeCol = col('endTime');
    const summaryCol = col('summary');
    const agencyCol = col('agency');
    // An agency named by the option or a profile wins over the column, whose team names are still kept.
    const agencyFromColumn = fileAgency === undefined && agencyCol !== -1;
    const teamsInAgencyCol = found.agencyColumn === 'one-with-teams' ? agencyCol : -1;
    const teamCol = col('team');
    const typeCol = col('type');
    const practitionerCol = col('practitioner');
    const outcomeCol = col('outcome');
    const significanceCol = col('significance');
    const sequenceCol = col('sequence');
    const sourceCol = col('source');
    const subjectsCol = col('subjects');
    const referenceCol = col('reference');
    const headings = uniqueHeadings(columns);
    const extraCols = columns.filter((c) => c.role === 'extra').map((c) => [c.index, headings[c.index]!] as const);
    // What a row without event text is told by: every column but the date, time, reference and sequence, in column order.
    const composedCols = columns.filter((c) => !NOT_EVENT_TEXT.has(c.role)).map((c) => [c.index, headings[c.index]!] as const);
    const width = columns.length;
    const summaryHeading = summaryCol === -1 ? '' : headings[summaryCol]!;
    // The one organisation an agency column names alongside its teams: the agency of the team rows too.
    const teamsAgency = found.agencyOfTeams ?? fallbackAgency;
    const teamNames = new Map<string, boolean>();
    const isTeam = (v: string): boolean => {
      let t = teamNames.get(v);
      if (t === undefined) { t = isTeamName(v); if (teamNames.size < INTERN_LIMIT) teamNames.set(v, t); }
      return t;
    };
    // An agency given by the option or a profile is every row's: a column's several organisations are not.
    for (const n of found.notes) if (!(fileAgency !== undefined && n.code === 'agency-column-several')) issues.push({ file, ...n });
    if (summaryCol === -1) {
      issues.push({ file, line: found.line, severity: 'warning', code: 'no-summary-column', message: 'no event or summary column was found, by heading or by its values; each row\'s event text is made from its other cells, each labelled with its heading (a profile can name the column)' });
    }

    /** The event text of a row whose summary is blank: its other cells, each labelled with its heading. */
    const compose = (cells: readonly string[]): string => {
      const parts: string[] = [];
      for (const [i, heading] of composedCols) {
        const v = cells[i];
        if (v !== undefined && hasText(v)) parts.push(`${heading}: ${v.trim()}`);
      }
      for (let i = width; i < cells.length; i++) if (hasText(cells[i]!)) parts.push(`Column ${i + 1}: ${cells[i]!.trim()}`);
      return parts.join('; ');
    };

    const notes = new RowNotes();
    let previous: { dateText: string; fromAlt: boolean; text: string; parsed: DateParse } = { dateText: '', fromAlt: false, text: '', parsed: parseDate('', order) };
    const [types, practitioners, outcomes, significances, sequences, sources, subjects, references, agencyNames, teams] =
      Array.from({ length: 10 }, () => new ColumnValues());
    /** A date cell read, given the period its column's heading names ("Week Commencing", "Month"). */
    const readDate = (dateText: string, fromAlt: boolean): DateParse => {
      const parsed = parseDate(dateText, order);
      const named = fromAlt ? altPeriod : period;
      return named === undefined || !parsed.ok ? parsed : { ok: true, date: withHeadingPeriod(parsed.date, named) };
    };
    processRow = (cells, line) => {
      let blank = true;
      for (let i = 0; i < cells.length; i++) if (hasText(cells[i]!)) { blank = false; break; }
      if (blank) { blankRows++; return; }
      rows++;
      notes.reset();
      let rowUnusable = false;

      let agency = fallbackAgency;
      let team = teams.read(cells, teamCol);
      if (teamsInAgencyCol !== -1) {
        const named = agencyNames.read(cells, teamsInAgencyCol);
        const isTeamRow = named !== undefined && isTeam(named);
        if (isTeamRow) team ??= named;
        if (agencyFromColumn) {
          agency = named === undefined ? fallbackAgency : isTeamRow ? teamsAgency : named;
          agencyCounts.set(agency, (agencyCounts.get(agency) ?? 0) + 1);
        }
      } else if (agencyFromColumn) {
        agency = agencyNames.read(cells, agencyCol) ?? fallbackAgency;
        agencyCounts.set(agency, (agencyCounts.get(agency) ?? 0) + 1);
      }

      // Date, then time, end date and end time; the text keeps every cell that made the date.
      let dateText = cells[dateCol] ?? '';
      const fromAlt = altDateCol !== -1 && dateText.trim() === '';
      if (fromAlt) dateText = cells[altDateCol] ?? '';
      const timeText = timeCol === -1 ? '' : (cells[timeCol] ?? '').trim();
      const endDateText = endDateCol === -1 ? '' : (cells[endDateCol] ?? '').trim();
      const endTimeText = endTimeCol === -1 ? '' : (cells[endTimeCol] ?? '').trim();
      // Rows of one day often follow each other: a date cell like the row before's is read once,
      // and its strings are shared.
      const sameDate = dateText === previous.dateText && fromAlt === previous.fromAlt;
      // Joined rather than concatenated: join builds one flat string, where + would build a rope.
      let text = sameDate ? previous.text : dateText.trim();
      if (timeText !== '') text = [text, timeText].join(' ');
      if (endDateText !== '' || endTimeText !== '') text = [text, 'to', `${endDateText} ${endTimeText}`.trim()].join(' ');
      let date: PartialDate;
      const parsed = sameDate ? previous.parsed : readDate(dateText, fromAlt);
      if (!sameDate) previous = { dateText, fromAlt, text: dateText.trim(), parsed };
      if (!parsed.ok) {
        evidence?.failed(dateText, line);
        rowUnusable = true;
        notes.flag('unusable');
        notes.flag('undated');
        date = { start: '', end: undefined, precision: 'unknown', text, approximate: undefined };
        notes.problem({ severity: 'error', code: parsed.code, message: `${parsed.reason}; the row is kept at the end of the chronology as an undated event` });
      } else {
        evidence?.read(dateText, line);
        let d = parsed.date;
        if (timeText !== '') d = attachTime(d, timeText, dateText, notes);
        if (endDateText !== '' || endTimeText !== '') d = withEnd(d, endDateText, endTimeText, order, notes);
        date = { start: d.start, end: d.end, precision: d.precision, text, approximate: d.approximate };
        if (d.approximate) notes.flag('approximate');
        if (d.precision === 'week' || d.precision === 'month' || d.precision === 'year') notes.flag('period-start');
      }

      // A row with text is an event: a blank summary is made from the row's other cells.
      let summary = summaryCol === -1 ? '' : (cells[summaryCol] ?? '').trim();
      if (summary === '') {
        summary = compose(cells);
        notes.flag('no-summary');
        if (summary === '') {
          notes.problem({ severity: 'warning', code: 'no-event-text', message: `the row has no text besides its date, time or reference; it is kept ${rowUnusable ? 'with the undated events' : 'in date order'}, marked as incomplete` });
        } else if (summaryCol !== -1) {
          notes.problem({ severity: 'info', code: 'summary-composed', message: `the "${summaryHeading}" cell is blank, so the event text is made from the row's other cells, each labelled with its heading` });
        }
      }

      // Every event has every key, absent ones undefined (JSON leaves them out): one object shape
      // for all events keeps property access fast over a million of them.
      const event: ChronologyEvent = {
        id: [idStem, line].join(''), agency, date, summary,
        type: types.read(cells, typeCol), practitioner: practitioners.read(cells, practitionerCol), team, outcome: outcomes.read(cells, outcomeCol),
        significance: significances.read(cells, significanceCol), sequence: sequences.read(cells, sequenceCol),
        informationSource: sources.read(cells, sourceCol), subjects: subjects.read(cells, subjectsCol), reference: references.read(cells, referenceCol),
        extra: NO_EXTRA, source: { file, line }, flags: notes.flags,
      };
      let extra: Record<string, string> | undefined;
      for (const [i, heading] of extraCols) {
        const v = cells[i];
        if (v !== undefined && v.trim() !== '') (extra ??= {})[heading] = v;
      }
      if (cells.length > width) {
        let surplus = false;
        for (let i = width; i < cells.length; i++) {
          if (cells[i]!.trim() !== '') { (extra ??= {})[`Column ${i + 1}`] = cells[i]!; surplus = true; }
        }
        if (surplus) notes.problem({ severity: 'warning', code: 'extra-cells', message: `the row has ${cells.length} cells but the header has ${width}; the extra cells are kept as "Column N"` });
      }
      if (extra) event.extra = extra;
      if (rowUnusable) unusable++;
      if (notes.problems) for (const p of notes.problems) issues.push(p.severity === 'info' ? { file, line, ...p } : { file, line, ...p, cells });
      events.push(event);
    };
  };

  // The first rows are held until the layout can be decided from them; the rest stream through.
  const begin = (): void => {
    const { header: found, below } = finder.decide();
    start(found);
    for (const row of below) processRow(row.cells, row.line);
  };
  const csvIssues = each((cells, line) => {
    if (header) { processRow(cells, line); return; }
    if (finder.offer(cells, line)) begin();
  });
  if (!header) begin();
  const found: HeaderLocation = header!;
  issues.unshift(...csvIssues);

  if (rows === 0) issues.push({ file, line: found.line, severity: 'warning', code: 'no-rows', message: 'the header was found but no rows follow it' });
  let agency = fallbackAgency;
  let agencyFrom: AgencyFileReport['agencyFrom'] = options.agency ? 'option' : profile.agency ? 'profile' : 'file-name';
  const top = [...agencyCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (top) { agency = top[0]; agencyFrom = 'column'; }
  const fileOrder = detectFileOrder(events);
  if (fileOrder === 'unordered') {
    issues.push({ file, line: 0, severity: 'info', code: 'file-unordered', message: 'the rows are not in date order; events on the same day without a time or sequence keep the file\'s order' });
  }
  const report: AgencyFileReport = {
    file, agency, agencyFrom, encoding, delimiter, dateOrder: order, dateOrderFrom: 'forced', headerLine: found.line,
    columns: found.columns, rows, events: rows - unusable, unusable, outOfScope: 0, blankRows, preambleLines: found.line - 1, order: fileOrder,
  };
  issues.sort((a, b) => a.line - b.line);
  return { chronology: { report, events, issues }, evidence };
}

/** Attaches a separate time cell to a day; reports one that cannot be read or does not fit. */
function attachTime(
  d: Omit<PartialDate, 'text'>, timeText: string, dateText: string, notes: RowNotes,
): Omit<PartialDate, 'text'> {
  const t = parseTime(timeText);
  if (!t.ok) {
    notes.flag('time-unreadable');
    notes.problem({ severity: 'warning', code: 'time-unreadable', message: `${t.reason}; the event keeps its date without a time` });
    return d;
  }
  if (!t.time) return d;
  if (d.precision === 'day' && d.end === undefined) return combineDateTime(d, t.time);
  if (d.precision === 'minute' && d.end === undefined) {
    // A date-time column and a time column: they should agree; the date-time wins.
    if (d.start.slice(11, 16) !== withTime('', t.time).slice(1)) {
      notes.problem({ severity: 'warning', code: 'time-conflict', message: `the time column says ${timeText} but the date says ${d.start.slice(11, 16)}; the date's time is used` });
    }
    return d;
  }
  notes.problem({ severity: 'info', code: 'time-ignored', message: `the time "${timeText}" was not attached because the date is not a single day ("${dateText.trim()}")` });
  return d;
}

function withEnd(
  d: Omit<PartialDate, 'text'>, endDateText: string, endTimeText: string, order: DateOrder,
  notes: RowNotes,
): Omit<PartialDate, 'text'> {
  let end: string;
  if (endDateText.trim() !== '') {
    const e = parseDate(endDateText, order);
    if (!e.ok) {
      notes.problem({ severity: 'warning', code: 'end-date-unreadable', message: `the end date: ${e.reason}; the event keeps its start date only` });
      return d;
    }
    end = e.date.end ?? e.date.start;
  } else if (d.precision === 'minute') {
    end = d.start.slice(0, 10);
  } else {
    return d;
  }
  if (endTimeText.trim() !== '' && end.length === 10) {
    const t = parseTime(endTimeText);
    if (!t.ok) notes.problem({ severity: 'warning', code: 'time-unreadable', message: `the end time: ${t.reason}` });
    else if (t.time) end = withTime(end, t.time);
  }
  const n = Math.min(end.length, d.start.length);
  if (end.slice(0, n) < d.start.slice(0, n)) {
    notes.problem({ severity: 'warning', code: 'date-range-reversed', message: `the end (${`${endDateText.trim()} ${endTimeText.trim()}`.trim()}) is before the start; the event keeps its start date only` });
    return d;
  }
  if (end === d.start.slice(0, end.length)) return d;
  return { ...d, end };
}

/** Ascending, descending or neither, judged from consecutive readable dates. */
function detectFileOrder(events: readonly ChronologyEvent[]): FileOrder {
  let up = 0;
  let down = 0;
  let previous = '';
  for (const e of events) {
    const s = e.date.start;
    if (s === '') continue;
    if (previous !== '') {
      if (s > previous) up++;
      else if (s < previous) down++;
    }
    previous = s;
  }
  if (up === 0 && down === 0) return 'single';
  if (down === 0) return 'ascending';
  if (up === 0) return 'descending';
  return 'unordered';
}

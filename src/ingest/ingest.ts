/**
 * One agency file in, one agency chronology out: events with provenance, and every problem as an
 * issue with file and line. Pure: bytes (or text) and options in, plain objects out.
 *
 * Invariant (tested on every fixture): report.rows = report.events + report.unusable. A row that
 * cannot be used is still carried as an event, flagged `unusable`, so nothing is lost.
 */
import { ThroughlineError } from '../model/errors.js';
import type {
  AgencyChronology, AgencyFileReport, ChronologyEvent, ColumnMapping, ColumnRole, DateOrder, EventFlag,
  FileOrder, IngestIssue, PartialDate,
} from '../model/types.js';
import { locateHeader } from './columns.js';
import { combineDateTime, dateOrderEvidence, parseDate, parseTime, withTime } from './dates.js';
import { decodeBytes, type Encoding } from './decode.js';
import { profileFor, type AgencyProfile } from './profile.js';
import { isDelimiter, parseTable, type Delimiter, type TableRow } from './table.js';

export interface IngestInput {
  /** The file as the user named it; it appears in every source reference and issue. */
  file: string;
  /** The file's bytes, or text already decoded. */
  content: Uint8Array | string;
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

const ROLE_FIELDS: ReadonlyArray<[ColumnRole, keyof ChronologyEvent]> = [
  ['sequence', 'sequence'], ['source', 'informationSource'], ['practitioner', 'practitioner'], ['type', 'type'],
  ['outcome', 'outcome'], ['significance', 'significance'], ['subjects', 'subjects'], ['reference', 'reference'],
];

interface DateOrderDecision {
  order: DateOrder;
  from: AgencyFileReport['dateOrderFrom'];
  issue?: Omit<IngestIssue, 'file'>;
}

function decideDateOrder(rows: readonly TableRow[], column: number, forced: DateOrder | undefined): DateOrderDecision {
  if (forced) return { order: forced, from: 'forced' };
  let dayFirst: { line: number; text: string } | undefined;
  let monthFirst: { line: number; text: string } | undefined;
  let ambiguous = 0;
  for (const row of rows) {
    const text = row.cells[column];
    if (text === undefined || text === '') continue;
    const v = { line: row.line, text };
    const evidence = dateOrderEvidence(text);
    if (evidence === 'day-first') dayFirst ??= v;
    else if (evidence === 'month-first') monthFirst ??= v;
    else if (evidence === 'ambiguous') ambiguous++;
    if (dayFirst && monthFirst) break;
  }
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

function uniqueHeadings(columns: readonly ColumnMapping[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const base = c.heading.trim() === '' ? `Column ${c.index + 1}` : c.heading.trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

const isBlankRow = (cells: readonly string[]): boolean => {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
};

/** Reads one agency file. Throws a ThroughlineError (coded) only when the file is not a chronology at all. */
export function ingest(input: IngestInput, options: IngestOptions = {}): AgencyChronology {
  const { file } = input;
  const profile = profileFor(options.profiles ?? [], file);
  const decoded = typeof input.content === 'string'
    ? { text: input.content.replace(/^\uFEFF/, ''), encoding: 'utf-8' as Encoding }
    : decodeBytes(input.content, file, profile.encoding);
  if (decoded.text.trim() === '') throw new ThroughlineError('file-empty', `${file}: the file has no text in it; expected an agency chronology (a table with a date column)`, file);
  const delimiter: Delimiter | undefined = profile.delimiter && isDelimiter(profile.delimiter) ? profile.delimiter : undefined;
  const table = parseTable(decoded.text, file, delimiter);
  const header = locateHeader(table.rows, file, profile);
  const issues: IngestIssue[] = [...table.issues];
  const columns = header.columns;
  const col = (role: ColumnRole): number => columns.find((c) => c.role === role)?.index ?? -1;
  const dateCol = col('date') !== -1 ? col('date') : col('datetime');
  const altDateCol = col('date') !== -1 ? col('datetime') : -1;
  const timeCol = col('time');
  const endDateCol = col('endDate');
  const endTimeCol = col('endTime');
  const summaryCol = col('summary') !== -1 ? col('summary') : col('type');
  const agencyCol = col('agency');
  const roleCols = ROLE_FIELDS.map(([role, field]) => [col(role), field] as const).filter(([i]) => i !== -1);
  const headings = uniqueHeadings(columns);
  const extraCols = columns.filter((c) => c.role === 'extra').map((c) => [c.index, headings[c.index]!] as const);
  if (col('summary') === -1) {
    issues.push({ file, line: header.line, severity: 'warning', code: 'no-summary-column', message: col('type') !== -1 ? `no event or summary column was found; the "${columns[col('type')]!.heading}" column is used as the event text` : 'no event or summary column was found, so no row has event text; a profile can name the column' });
  }

  const dataRows = table.rows.slice(header.rowIndex + 1);
  const decision = decideDateOrder(dataRows, dateCol, options.dateOrder ?? profile.dateOrder);
  if (decision.issue) issues.push({ file, ...decision.issue });
  const order = decision.order;

  const fileAgency = options.agency ?? profile.agency;
  const fallbackAgency = fileAgency ?? agencyFromFileName(file);
  const agencyCounts = new Map<string, number>();
  const idPrefix = options.idPrefix ?? fileSlug(file);
  const events: ChronologyEvent[] = [];
  let rows = 0;
  let blankRows = 0;
  let unusable = 0;

  for (const row of dataRows) {
    const { cells, line } = row;
    if (isBlankRow(cells)) { blankRows++; continue; }
    rows++;
    const flags: EventFlag[] = [];
    const problems: Array<Omit<IngestIssue, 'file' | 'line' | 'cells'>> = [];
    let rowUnusable = false;

    let agency = fallbackAgency;
    if (fileAgency === undefined && agencyCol !== -1) {
      const a = (cells[agencyCol] ?? '').trim();
      if (a !== '') agency = a;
    }
    agencyCounts.set(agency, (agencyCounts.get(agency) ?? 0) + 1);

    // Date, then time, end date and end time; the text keeps every cell that made the date.
    let dateText = cells[dateCol] ?? '';
    if (dateText.trim() === '' && altDateCol !== -1) dateText = cells[altDateCol] ?? '';
    const timeText = timeCol === -1 ? '' : (cells[timeCol] ?? '');
    const endDateText = endDateCol === -1 ? '' : (cells[endDateCol] ?? '');
    const endTimeText = endTimeCol === -1 ? '' : (cells[endTimeCol] ?? '');
    let text = dateText.trim();
    if (timeText.trim() !== '') text += ` ${timeText.trim()}`;
    if (endDateText.trim() !== '' || endTimeText.trim() !== '') text += ` to ${`${endDateText.trim()} ${endTimeText.trim()}`.trim()}`;
    let date: PartialDate;
    const parsed = parseDate(dateText, order);
    if (!parsed.ok) {
      rowUnusable = true;
      flags.push('unusable', 'undated');
      date = { start: '', precision: 'unknown', text };
      problems.push({ severity: 'error', code: parsed.code, message: `${parsed.reason}; the row is kept at the end of the chronology as an undated event` });
    } else {
      let d = parsed.date;
      if (timeText.trim() !== '') {
        const t = parseTime(timeText);
        if (!t.ok) {
          flags.push('time-unreadable');
          problems.push({ severity: 'warning', code: 'time-unreadable', message: `${t.reason}; the event keeps its date without a time` });
        } else if (t.time) {
          if (d.precision === 'day' && d.end === undefined) d = combineDateTime(d, t.time);
          else if (d.precision === 'minute' && d.end === undefined) {
            // A date-time column and a time column: they should agree; the date-time wins.
            if (d.start.slice(11, 16) !== withTime('', t.time).slice(1)) {
              problems.push({ severity: 'warning', code: 'time-conflict', message: `the time column says ${timeText.trim()} but the date says ${d.start.slice(11, 16)}; the date's time is used` });
            }
          } else problems.push({ severity: 'info', code: 'time-ignored', message: `the time "${timeText.trim()}" was not attached because the date is not a single day ("${dateText.trim()}")` });
        }
      }
      if (endDateText.trim() !== '' || endTimeText.trim() !== '') d = withEnd(d, endDateText, endTimeText, order, problems);
      date = { ...d, text };
      if (d.approximate) flags.push('approximate');
      if (d.precision === 'week' || d.precision === 'month' || d.precision === 'year') flags.push('period-start');
    }

    const summary = summaryCol === -1 ? '' : (cells[summaryCol] ?? '').trim();
    if (summary === '') {
      if (!rowUnusable) flags.push('unusable');
      rowUnusable = true;
      flags.push('no-summary');
      problems.push({ severity: 'error', code: 'no-event-text', message: 'the row has a date but no event text; it is kept in date order, marked as incomplete' });
    }

    const event: ChronologyEvent = { id: `${idPrefix}-${line}`, agency, date, summary, extra: {}, source: { file, line }, flags };
    for (const [i, field] of roleCols) {
      const v = cells[i];
      if (v !== undefined && v.trim() !== '' && i !== summaryCol) (event as unknown as Record<string, string>)[field] = v.trim();
    }
    for (const [i, heading] of extraCols) {
      const v = cells[i];
      if (v !== undefined && v.trim() !== '') event.extra[heading] = v;
    }
    for (let i = columns.length; i < cells.length; i++) {
      if (cells[i]!.trim() !== '') event.extra[`Column ${i + 1}`] = cells[i]!;
    }
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim() !== '')) {
      problems.push({ severity: 'warning', code: 'extra-cells', message: `the row has ${cells.length} cells but the header has ${columns.length}; the extra cells are kept as "Column N"` });
    }
    if (rowUnusable) unusable++;
    for (const p of problems) issues.push({ file, line, ...p, ...(p.severity === 'info' ? {} : { cells }) });
    events.push(event);
  }

  if (rows === 0) issues.push({ file, line: header.line, severity: 'warning', code: 'no-rows', message: 'the header was found but no rows follow it' });
  let agency = fallbackAgency;
  let agencyFrom: AgencyFileReport['agencyFrom'] = options.agency ? 'option' : profile.agency ? 'profile' : 'file-name';
  if (fileAgency === undefined && agencyCol !== -1) {
    const top = [...agencyCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (top) { agency = top[0]; agencyFrom = 'column'; }
  }
  const fileOrder = detectFileOrder(events);
  if (fileOrder === 'unordered') {
    issues.push({ file, line: 0, severity: 'info', code: 'file-unordered', message: 'the rows are not in date order; events on the same day without a time or sequence keep the file\'s order' });
  }
  const report: AgencyFileReport = {
    file, agency, agencyFrom, encoding: decoded.encoding, delimiter: table.delimiter, dateOrder: order,
    dateOrderFrom: decision.from, headerLine: header.line, columns, rows, events: rows - unusable, unusable,
    outOfScope: 0, blankRows, preambleLines: header.line - 1, order: fileOrder,
  };
  return { report, events, issues };
}

function withEnd(
  d: Omit<PartialDate, 'text'>, endDateText: string, endTimeText: string, order: DateOrder,
  problems: Array<Omit<IngestIssue, 'file' | 'line' | 'cells'>>,
): Omit<PartialDate, 'text'> {
  let end: string;
  if (endDateText.trim() !== '') {
    const e = parseDate(endDateText, order);
    if (!e.ok) {
      problems.push({ severity: 'warning', code: 'end-date-unreadable', message: `the end date: ${e.reason}; the event keeps its start date only` });
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
    if (!t.ok) problems.push({ severity: 'warning', code: 'time-unreadable', message: `the end time: ${t.reason}` });
    else if (t.time) end = withTime(end, t.time);
  }
  const n = Math.min(end.length, d.start.length);
  if (end.slice(0, n) < d.start.slice(0, n)) {
    problems.push({ severity: 'warning', code: 'date-range-reversed', message: `the end (${`${endDateText.trim()} ${endTimeText.trim()}`.trim()}) is before the start; the event keeps its start date only` });
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

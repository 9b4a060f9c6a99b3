/**
 * Finds the header row below any title lines and gives each column its role: from its heading,
 * by the synonym table shipped as data (synonyms.json) and a profile's overrides, and where the
 * headings do not say, from what the column holds (src/ingest/values.ts). Unknown columns stay
 * `extra`.
 *
 * The first rows of a file are buffered (the header search plus a sample below the header) and
 * the layout is decided from them once; every later row streams past without being kept here.
 */
import { ThroughlineError } from '../model/errors.js';
import type { ColumnMapping, ColumnRole, HeadingPeriod, IngestIssue } from '../model/types.js';
import shippedSynonyms from './synonyms.json' with { type: 'json' };
import type { AgencyProfile } from './profile.js';
import type { TableRow } from './table.js';
import {
  FREE_TEXT_MIN_MEAN_LENGTH, FREE_TEXT_OVER_TYPE, holdsTimes, isClockTime, isTeamName, judgeDateColumn, meanTextLength, readCell,
  type CellReading,
} from './values.js';

/** Title and preamble lines above the header are looked through up to this many rows. */
export const HEADER_SEARCH_ROWS = 40;
/** Rows below the header (or below the header search) whose values help decide the columns. */
export const SAMPLE_ROWS = 200;
/** Prefix matches ("Impact (Either Positive or Negative)") only for synonyms this long or longer. */
const PREFIX_MIN_LENGTH = 4;
/** Names of organisations quoted in the agency-column-several note, at most. */
const AGENCIES_NAMED = 6;

type SynonymRole = ColumnRole | 'ignore';
interface Synonym {
  role: SynonymRole;
  /** A date heading that says what period each value stands for ("Week Commencing"). */
  period?: HeadingPeriod;
}
type SynonymTable = Map<string, Synonym>;

const HEADING_PERIODS: readonly HeadingPeriod[] = ['week-start', 'week-end', 'month', 'year'];

export function normaliseHeading(heading: string): string {
  return heading.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function buildSynonymTable(profile: AgencyProfile): SynonymTable {
  const table: SynonymTable = new Map();
  const add = (synonym: Synonym, headings: readonly string[]): void => {
    for (const h of headings) table.set(normaliseHeading(h), synonym);
  };
  for (const [role, headings] of Object.entries(shippedSynonyms)) {
    if (role.startsWith('$') || role === 'datePeriods') continue;
    add({ role: role as SynonymRole }, headings as string[]);
  }
  const periods = shippedSynonyms.datePeriods as Record<string, string[]>;
  for (const period of HEADING_PERIODS) add({ role: 'date', period }, periods[period] ?? []);
  for (const [role, headings] of Object.entries(profile.synonyms ?? {})) add({ role: role as SynonymRole }, headings ?? []);
  return table;
}

interface Candidate extends Synonym {
  /** 3 named by the profile, 2 exact synonym, 1 prefix match. */
  strength: number;
}

function matchHeading(heading: string, table: SynonymTable, profile: AgencyProfile): Candidate | null {
  const forced = profile.columns?.[heading] ?? profile.columns?.[heading.trim()];
  if (forced) return forced === 'extra' ? { role: 'ignore', strength: 3 } : { role: forced, strength: 3 };
  const norm = normaliseHeading(heading);
  if (norm === '') return null;
  const exact = table.get(norm);
  if (exact) return { ...exact, strength: 2 };
  let best: { synonym: Synonym; length: number } | null = null;
  for (const [text, synonym] of table) {
    if (text.length >= PREFIX_MIN_LENGTH && norm.startsWith(`${text} `) && (!best || text.length > best.length)) {
      best = { synonym, length: text.length };
    }
  }
  // A heading's last word says what its column holds ("Entry Time", "Case Note Date") before its
  // first words say whose it is: it wins over a prefix match of another role ("entry", "case note").
  const lastWord = norm.slice(norm.lastIndexOf(' ') + 1);
  if (best && best.synonym.role !== 'ignore' && BIRTH.test(lastWord)) return { role: 'ignore', strength: 1 }; // "Patient DOB" is no patient
  const last = LAST_WORD_ROLE[lastWord];
  // A date planned ("Next Action Date", "Date Due", "Follow-up date") is not when the event was:
  // kept beside it, and read as its date only where no other column holds dates (headerByValues).
  const dateLike = last === 'date' || last === 'datetime' || best?.synonym.role === 'date' || best?.synonym.role === 'datetime';
  if (dateLike && PLANNED.test(norm)) return { role: 'ignore', strength: 1 };
  if (last !== undefined && best && best.synonym.role !== 'ignore' && best.synonym.role !== last) return { role: last, strength: 1 };
  // A time column of bare numbers ("ARR_TM": 2347) cannot be told by its values, nor a type column
  // ("Consultation Type": Face to face) from other short text: its heading's last word says it.
  if (!best && (last === 'time' || last === 'type') && norm.includes(' ')) return { role: last, strength: 1 };
  return best ? { ...best.synonym, strength: 1 } : null;
}

/** The role a heading's last word gives it over a prefix match of another role ("Case Note ID" is a reference, "Case Note Text" the text). */
const LAST_WORD_ROLE: Record<string, ColumnRole> = {
  date: 'date', dt: 'date', time: 'time', tm: 'time', dttm: 'datetime', datetime: 'datetime', timestamp: 'datetime', ts: 'datetime',
  type: 'type', category: 'type', id: 'reference', ref: 'reference', text: 'summary', narrative: 'summary',
};

/**
 * Gives each column at most one role and each role at most one column: the strongest match wins,
 * then the leftmost. Of two date headings as strong, one that names a day ("Date") wins over one
 * that names a period ("Month"): the day says more; the period column is then the date where the
 * day's is blank (the date-time role, as a column of dates that complements the date column).
 */
export function mapColumns(headings: readonly string[], profile: AgencyProfile, table: SynonymTable = buildSynonymTable(profile)): ColumnMapping[] {
  const candidates = headings.map((h) => matchHeading(h, table, profile));
  const owner = new Map<ColumnRole, number>();
  const namesDay = (c: Candidate): boolean => c.role === 'date' && c.period === undefined;
  candidates.forEach((c, index) => {
    if (!c || c.role === 'ignore') return;
    const held = owner.get(c.role);
    if (held === undefined || candidates[held]!.strength < c.strength
      || (candidates[held]!.strength === c.strength && namesDay(c) && !namesDay(candidates[held]!))) owner.set(c.role, index);
  });
  const dayAt = owner.get('date');
  if (dayAt !== undefined && namesDay(candidates[dayAt]!) && !owner.has('datetime')) {
    const periodAt = candidates.findIndex((c, index) => index !== dayAt && c?.role === 'date' && c.period !== undefined && c.strength === candidates[dayAt]!.strength);
    if (periodAt !== -1) owner.set('datetime', periodAt);
  }
  const roleOf = new Map<number, ColumnRole>();
  for (const [role, index] of owner) roleOf.set(index, role);
  return headings.map((heading, index) => {
    const role = roleOf.get(index) ?? 'extra';
    const period = role === 'date' || role === 'datetime' ? candidates[index]!.period : undefined;
    return period ? { heading, index, role, period } : { heading, index, role };
  });
}

/** How the values of an agency column read. */
export type AgencyColumnReading =
  /** One organisation (or none): today's behaviour, the column's value is each row's agency. */
  | 'one'
  /** Several organisations: each row keeps its own. */
  | 'several'
  /** One organisation and the names of its teams: team names go to `team`, the file keeps the one agency. */
  | 'one-with-teams';

export interface HeaderLocation {
  line: number;
  columns: ColumnMapping[];
  /** Set when a column has the agency role. */
  agencyColumn?: AgencyColumnReading;
  /** With `one-with-teams`: the organisation the column names, the agency of its team rows too. */
  agencyOfTeams?: string;
  /** Whole-file notes on how the columns were read (columns-from-values, agency-column-several). */
  notes: Array<Omit<IngestIssue, 'file'>>;
}

const hasDateRole = (columns: readonly ColumnMapping[]): boolean => columns.some((c) => c.role === 'date' || c.role === 'datetime');

/**
 * Finds the header and the column roles from the first rows of a file, offered one by one and
 * kept until there are enough to decide (HEADER_SEARCH_ROWS, then SAMPLE_ROWS below the header).
 * The header is the first row in the search that names a date column and at least one other
 * known column, or the profile's header line; failing both, the row above the first column that
 * mostly holds dates.
 */
export class HeaderFinder {
  private readonly table: SynonymTable;
  private readonly rows: TableRow[] = [];
  /** Index in `rows` of the header named by its headings or the profile, -1 while unknown. */
  private headerIndex = -1;

  constructor(private readonly file: string, private readonly profile: AgencyProfile) {
    this.table = buildSynonymTable(profile);
  }

  /** Keeps the row; true once enough rows are held to decide the layout. Throws a coded error once it is clear there is no header. */
  offer(cells: string[], line: number): boolean {
    const wanted = this.profile.headerLine;
    // Above a profile's header line nothing is needed: it is preamble.
    if (wanted !== undefined && line < wanted) return false;
    const index = this.rows.length;
    this.rows.push({ cells, line });
    if (this.headerIndex === -1) {
      if (wanted !== undefined) {
        if (line > wanted) throw new ThroughlineError('header-not-found', `${this.file}: the profile says the header is on line ${wanted}, but no row starts on that line`, this.file);
        if (line === wanted) this.headerIndex = index;
      } else if (index < HEADER_SEARCH_ROWS && cells.length >= 2) {
        const columns = mapColumns(cells, this.profile, this.table);
        if (hasDateRole(columns) && columns.filter((c) => c.role !== 'extra').length >= 2) this.headerIndex = index;
      }
    }
    if (this.headerIndex !== -1) return this.rows.length - this.headerIndex - 1 >= SAMPLE_ROWS;
    return this.rows.length >= HEADER_SEARCH_ROWS + SAMPLE_ROWS;
  }

  /** Decides the header and the roles from the rows held; the rows below the header, to be read as data, come with it. */
  decide(): { header: HeaderLocation; below: TableRow[] } {
    const readings: CellReading[][] = [];
    const readingsOf = (index: number): CellReading[] => (readings[index] ??= this.rows[index]!.cells.map(readCell));
    let index = this.headerIndex;
    let columns: ColumnMapping[];
    const fromValues = new Set<number>();
    if (index === -1 && this.profile.headerLine !== undefined) throw this.none();
    if (index !== -1) {
      columns = mapColumns(this.rows[index]!.cells, this.profile, this.table);
      if (!hasDateRole(columns)) {
        // Only a profile's header line gets here: its date column is found from the values.
        const found = this.dateColumnBelow(index, readingsOf);
        if (!found) throw noDateColumn(this.file, `the header on line ${this.rows[index]!.line} (from the profile) has no date heading, and no column below it holds dates`);
        assignDate(columns, found, fromValues);
      }
    } else {
      const found = this.headerByValues(readingsOf);
      if (!found) throw this.none();
      index = found.index;
      columns = mapColumns(this.rows[index]!.cells, this.profile, this.table);
      if (!hasDateRole(columns) || columns[found.column]!.role !== 'date' && columns[found.column]!.role !== 'datetime') {
        assignDate(columns, found, fromValues);
      }
    }
    const header = this.rows[index]!;
    const below = this.rows.slice(index + 1);
    const sample = below.slice(0, SAMPLE_ROWS);
    const column = (i: number): CellReading[] => sample.map((r) => readCell(r.cells[i]));
    // A column whose whole heading names a role keeps it; one that only starts like a heading may still be chosen by its values.
    const locked = (i: number): boolean => (matchHeading(header.cells[i] ?? '', this.table, this.profile)?.strength ?? 0) >= 2;
    const open = (c: ColumnMapping): boolean => c.role === 'extra' && !fromValues.has(c.index) && !locked(c.index);
    const roleIndex = (role: ColumnRole): number => columns.findIndex((c) => c.role === role);

    // The event text: the column of longest free text, clearly longer than the categories.
    if (roleIndex('summary') === -1) {
      const typeIndex = roleIndex('type');
      const typeMean = typeIndex === -1 ? 0 : meanTextLength(column(typeIndex));
      let best: { index: number; mean: number } | undefined;
      for (const c of columns) {
        if (!open(c)) continue;
        const mean = meanTextLength(column(c.index));
        if (mean >= FREE_TEXT_MIN_MEAN_LENGTH && mean >= FREE_TEXT_OVER_TYPE * typeMean && (!best || mean > best.mean)) best = { index: c.index, mean };
      }
      if (best) { columns[best.index] = { ...columns[best.index]!, role: 'summary', from: 'values' }; fromValues.add(best.index); }
    }

    // A second column of dates filled where the date column is blank (a school export's "Logged"
    // beside its "W/C" attendance weeks): read where the date column is blank. Only when the two
    // complement each other on at least MIN_COMPLEMENT sampled rows, so a "next review" date is
    // never taken for an event's.
    let complement = -1;
    if (roleIndex('date') !== -1 && roleIndex('datetime') === -1) {
      const dateAt = roleIndex('date');
      for (const c of columns) {
        if (!open(c)) continue;
        const cells = column(c.index);
        const verdict = judgeDateColumn(cells);
        if (!verdict.holdsDates || verdict.constant || verdict.numbersOnly) continue;
        const fills = sample.filter((r, k) => (r.cells[dateAt] ?? '').trim() === '' && cells[k]!.kind === 'date').length;
        if (fills < MIN_COMPLEMENT) continue;
        columns[c.index] = { ...c, role: 'datetime', from: 'values' };
        complement = c.index;
        break;
      }
    }

    // A separate time, when the dates carry none.
    const dateIndex = roleIndex('date') !== -1 ? roleIndex('date') : roleIndex('datetime');
    if (roleIndex('time') === -1 && !judgeDateColumn(column(dateIndex)).withTime) {
      const found = columns.find((c) => open(c) && !isClockTime(c.heading) && holdsTimes(sample.map((r) => r.cells[c.index])));
      if (found) { columns[found.index] = { ...found, role: 'time', from: 'values' }; fromValues.add(found.index); }
    }

    // One file is one agency: an agency column whose values are teams is the team.
    let agencyColumn: AgencyColumnReading | undefined;
    let agencyOfTeams: string | undefined;
    const notes: Array<Omit<IngestIssue, 'file'>> = [];
    const agencyIndex = roleIndex('agency');
    if (agencyIndex !== -1) {
      const organisations = new Map<string, string>();
      let teams = 0;
      for (const r of sample) {
        const v = (r.cells[agencyIndex] ?? '').trim();
        if (v === '') continue;
        if (isTeamName(v)) teams++;
        else if (!organisations.has(v.toLowerCase().replace(/\s+/g, ' '))) organisations.set(v.toLowerCase().replace(/\s+/g, ' '), v);
      }
      const forced = this.profile.columns?.[header.cells[agencyIndex] ?? ''] === 'agency';
      if (organisations.size === 0 && teams > 0 && !forced && roleIndex('team') === -1) {
        columns[agencyIndex] = { ...columns[agencyIndex]!, role: 'team', from: 'values' };
        fromValues.add(agencyIndex);
      } else if (organisations.size === 1 && teams > 0 && !forced && roleIndex('team') === -1) {
        agencyColumn = 'one-with-teams';
        agencyOfTeams = [...organisations.values()][0];
      } else if (organisations.size >= 2) {
        agencyColumn = 'several';
        const names = [...organisations.values()];
        const shown = names.slice(0, AGENCIES_NAMED).map((n) => `"${n}"`).join(', ');
        notes.push({
          line: header.line, severity: 'info', code: 'agency-column-several',
          message: `the "${columnName(header.cells[agencyIndex])}" column names several organisations (${shown}${names.length > AGENCIES_NAMED ? `, and ${names.length - AGENCIES_NAMED} more` : ''}), so each row keeps its own agency; if they are teams of one agency, name the agency with --agency or a profile`,
        });
      } else {
        agencyColumn = 'one';
      }
    }

    if (fromValues.size > 0 || complement !== -1) {
      const taken = [...fromValues].sort((a, b) => a - b).map((i) => `"${columnName(header.cells[i], i)}" as ${ROLE_WORDS[columns[i]!.role as ColumnRole] ?? columns[i]!.role}`);
      if (complement !== -1) taken.push(`"${columnName(header.cells[complement], complement)}" as the date where "${columnName(header.cells[roleIndex('date')], roleIndex('date'))}" is blank`);
      notes.unshift({
        line: header.line, severity: 'info', code: 'columns-from-values',
        message: `columns recognised by what they hold, not by their headings: ${taken.join(', ')}. If that is wrong, a profile's "columns" can name each column's role (or "extra" to leave it out)`,
      });
    }
    return { header: { line: header.line, columns, ...(agencyColumn ? { agencyColumn } : {}), ...(agencyOfTeams ? { agencyOfTeams } : {}), notes }, below };
  }

  /**
   * The header and date column from the values: for each column, the rows above its first date
   * are candidates for the header (two or more cells, no date among them); the one with most
   * known headings (whole headings, not prefixes), then the one whose cells do not recur below it (not a data row), then the
   * nearest is taken, and the column must mostly hold dates below it. A column with a date
   * heading is preferred, then one whose dates are not all bare numbers, then the leftmost.
   */
  private headerByValues(readingsOf: (index: number) => CellReading[]): { index: number; column: number; withTime: boolean } | null {
    const searched = Math.min(this.rows.length, HEADER_SEARCH_ROWS + 1);
    const width = Math.max(0, ...this.rows.slice(0, searched).map((r) => r.cells.length));
    const candidate = (index: number): boolean => {
      const cells = readingsOf(index);
      return cells.filter((c) => c.kind !== 'blank').length >= 2 && !cells.some((c) => c.kind === 'date');
    };
    let best: { index: number; column: number; withTime: boolean; rank: number } | null = null;
    for (let column = 0; column < width; column++) {
      let first = -1;
      for (let i = 0; i < searched; i++) {
        const k = readingsOf(i)[column]?.kind;
        if (k === 'date' || k === 'date-number') { first = i; break; }
      }
      if (first <= 0) continue;
      let header: { index: number; known: number; dataLike: boolean } | undefined;
      for (let i = 0; i < first; i++) {
        if (!candidate(i)) continue;
        const cells = this.rows[i]!.cells;
        // Only whole headings count: a title cell such as "Child L" merely starts like one.
        const known = cells.filter((h) => { const m = matchHeading(h, this.table, this.profile); return m !== null && m.role !== 'ignore' && m.strength >= 2; }).length;
        const dataLike = this.recursBelow(i);
        if (!header || known > header.known || (known === header.known && (!dataLike || header.dataLike))) header = { index: i, known, dataLike };
      }
      // A column beyond the header's width has no heading: its cells are surplus, never the date.
      if (!header || column >= this.rows[header.index]!.cells.length) continue;
      const heading = this.rows[header.index]!.cells[column]!;
      const match = matchHeading(heading, this.table, this.profile);
      // A whole heading of another role is that role. A heading that only starts like one
      // ("ACTION_DT", "Case Note Date") says little against a column of dates. A heading of when
      // the record was made ("Created On", "Date Recorded") is the event date only when no
      // other column holds dates: a case-management export often has no other. A heading of a
      // date planned ("Next Action Date", "Due Date", "Follow-up Date") is the event date only when
      // no other column at all holds dates: it says when something is to be done, not when it was.
      const dateHeading = match !== null && (match.role === 'date' || match.role === 'datetime');
      if (match && match.strength >= 2 && !dateHeading && match.role !== 'ignore') continue;
      const norm = normaliseHeading(heading);
      if (BIRTH.test(norm)) continue;
      const verdict = judgeDateColumn(this.rows.slice(header.index + 1, header.index + 1 + SAMPLE_ROWS).map((r) => readCell(r.cells[column])));
      if (!verdict.holdsDates || verdict.constant) continue;
      const rank = (dateHeading ? 0 : PLANNED.test(norm) ? 6 : match?.role === 'ignore' ? 4 : 2) + (verdict.numbersOnly ? 1 : 0);
      if (!best || rank < best.rank) best = { index: header.index, column, withTime: verdict.withTime, rank };
    }
    return best;
  }

  /** The date column of a known header, from the values below it. */
  private dateColumnBelow(index: number, readingsOf: (index: number) => CellReading[]): { column: number; withTime: boolean } | null {
    const header = this.rows[index]!.cells;
    const sample = this.rows.slice(index + 1, index + 1 + SAMPLE_ROWS);
    let best: { column: number; withTime: boolean; numbersOnly: boolean } | null = null;
    for (let column = 0; column < header.length; column++) {
      if (readingsOf(index)[column]!.kind === 'date' || matchHeading(header[column]!, this.table, this.profile) !== null) continue;
      const verdict = judgeDateColumn(sample.map((r) => readCell(r.cells[column])));
      if (!verdict.holdsDates || verdict.constant) continue;
      if (!best || (best.numbersOnly && !verdict.numbersOnly)) best = { column, withTime: verdict.withTime, numbersOnly: verdict.numbersOnly };
    }
    return best;
  }

  /** Whether some cell of a row recurs in the same column below it (a data row: categories, workers repeat; headings do not). */
  private recursBelow(index: number): boolean {
    const cells = this.rows[index]!.cells;
    const below = this.rows.slice(index + 1, index + 1 + SAMPLE_ROWS);
    return cells.some((cell, column) => {
      const v = cell.trim();
      return v !== '' && below.some((r) => (r.cells[column] ?? '').trim() === v);
    });
  }

  /** The error for a file that ended, or ran past the search, without a header. */
  none(): ThroughlineError {
    return this.profile.headerLine !== undefined
      ? new ThroughlineError('header-not-found', `${this.file}: the profile says the header is on line ${this.profile.headerLine}, but the file has no such line`, this.file)
      : noDateColumn(this.file, `no header row with a date column was found in the first ${HEADER_SEARCH_ROWS} rows, and no column below them holds dates`);
  }
}

/** A heading of a date of birth: never the event date, whatever its values. */
const BIRTH = /\b(?:dob|d o b|birth|born)\b/;

/** A heading of a date planned, not of the event: taken as the event date only where nothing else holds dates. */
const PLANNED = /\b(?:next|due|target|deadline|follow up|followup|planned|by when|action by|expiry|expires)\b/;

/** Sampled rows on which a second date column must be filled where the date column is blank to be read there. */
export const MIN_COMPLEMENT = 2;

const ROLE_WORDS: Partial<Record<ColumnRole, string>> = {
  date: 'the date', datetime: 'the date and time', time: 'the time', summary: 'the event text',
  team: 'the team (its values name teams, not organisations)',
};

function columnName(heading: string | undefined, index?: number): string {
  const h = (heading ?? '').trim();
  return h === '' && index !== undefined ? `Column ${index + 1}` : h;
}

/** Gives the date (or date-time) role to a column found from its values, taking it from any column that held it by heading. */
function assignDate(columns: ColumnMapping[], found: { column: number; withTime: boolean }, fromValues: Set<number>): void {
  for (const c of columns) {
    if (c.index !== found.column && (c.role === 'date' || c.role === 'datetime')) columns[c.index] = { heading: c.heading, index: c.index, role: 'extra' };
  }
  const held = (role: ColumnRole): boolean => columns.some((c) => c.role === role && c.index !== found.column);
  const role: ColumnRole = found.withTime && !held('datetime') ? 'datetime' : held('date') ? 'datetime' : 'date';
  const { heading, index } = columns[found.column]!;
  columns[found.column] = { heading, index, role, from: 'values' };
  fromValues.add(found.column);
}

/** The header of a table already read into rows. */
export function locateHeader(rows: readonly TableRow[], file: string, profile: AgencyProfile): HeaderLocation {
  const finder = new HeaderFinder(file, profile);
  for (const row of rows) if (finder.offer(row.cells, row.line)) break;
  return finder.decide().header;
}

function noDateColumn(file: string, what: string): ThroughlineError {
  return new ThroughlineError(
    'no-date-column',
    `${file}: not a chronology that throughline can read: ${what}. Expected a header row with a date heading such as "Date", "Date of Contact", "Date/Time", "Event Date", "Consultation Date" or "ARRIVAL_DATE", or a column of dates below a header row, and an event heading such as "Event", "Details" or "Summary" (a profile can name the columns)`,
    file,
  );
}

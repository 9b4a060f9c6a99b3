/**
 * Finds the header row below any title lines and gives each column its role, from the synonym
 * table shipped as data (synonyms.json) and a profile's overrides. Unknown columns stay `extra`.
 */
import { ThroughlineError } from '../model/errors.js';
import type { ColumnMapping, ColumnRole } from '../model/types.js';
import shippedSynonyms from './synonyms.json' with { type: 'json' };
import type { AgencyProfile } from './profile.js';
import type { TableRow } from './table.js';

/** Title and preamble lines above the header are looked through up to this many rows. */
export const HEADER_SEARCH_ROWS = 40;
/** Prefix matches ("Impact (Either Positive or Negative)") only for synonyms this long or longer. */
const PREFIX_MIN_LENGTH = 4;

type SynonymRole = ColumnRole | 'ignore';
type SynonymTable = Map<string, SynonymRole>;

export function normaliseHeading(heading: string): string {
  return heading.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function buildSynonymTable(profile: AgencyProfile): SynonymTable {
  const table: SynonymTable = new Map();
  const add = (role: SynonymRole, headings: readonly string[]): void => {
    for (const h of headings) table.set(normaliseHeading(h), role);
  };
  for (const [role, headings] of Object.entries(shippedSynonyms)) {
    if (role.startsWith('$')) continue;
    add(role as SynonymRole, headings as string[]);
  }
  for (const [role, headings] of Object.entries(profile.synonyms ?? {})) add(role as SynonymRole, headings ?? []);
  return table;
}

interface Candidate {
  role: SynonymRole;
  /** 2 exact synonym or profile column, 1 prefix match. */
  strength: number;
}

function matchHeading(heading: string, table: SynonymTable, profile: AgencyProfile): Candidate | null {
  const forced = profile.columns?.[heading] ?? profile.columns?.[heading.trim()];
  if (forced) return forced === 'extra' ? { role: 'ignore', strength: 3 } : { role: forced, strength: 3 };
  const norm = normaliseHeading(heading);
  if (norm === '') return null;
  const exact = table.get(norm);
  if (exact) return { role: exact, strength: 2 };
  let best: { role: SynonymRole; length: number } | null = null;
  for (const [synonym, role] of table) {
    if (synonym.length >= PREFIX_MIN_LENGTH && norm.startsWith(`${synonym} `) && (!best || synonym.length > best.length)) {
      best = { role, length: synonym.length };
    }
  }
  return best ? { role: best.role, strength: 1 } : null;
}

/** Gives each column at most one role and each role at most one column: the strongest match wins, then the leftmost. */
export function mapColumns(headings: readonly string[], profile: AgencyProfile, table: SynonymTable = buildSynonymTable(profile)): ColumnMapping[] {
  const candidates = headings.map((h) => matchHeading(h, table, profile));
  const owner = new Map<ColumnRole, number>();
  candidates.forEach((c, index) => {
    if (!c || c.role === 'ignore') return;
    const held = owner.get(c.role);
    if (held === undefined || candidates[held]!.strength < c.strength) owner.set(c.role, index);
  });
  const roleOf = new Map<number, ColumnRole>();
  for (const [role, index] of owner) roleOf.set(index, role);
  return headings.map((heading, index) => ({ heading, index, role: roleOf.get(index) ?? 'extra' }));
}

export interface HeaderLocation {
  line: number;
  columns: ColumnMapping[];
}

const hasDateRole = (columns: ColumnMapping[]): boolean => columns.some((c) => c.role === 'date' || c.role === 'datetime');

/**
 * Finds the header among the rows offered one by one: the first row (within HEADER_SEARCH_ROWS)
 * that names a date column and at least one other known column, or the profile's header line.
 */
export class HeaderFinder {
  private readonly table: SynonymTable;
  private offered = 0;

  constructor(private readonly file: string, private readonly profile: AgencyProfile) {
    this.table = buildSynonymTable(profile);
  }

  /** The header, if this row is it. Throws a coded error once it is clear there is none. */
  offer(cells: readonly string[], line: number): HeaderLocation | null {
    this.offered++;
    const wanted = this.profile.headerLine;
    if (wanted !== undefined) {
      if (line > wanted) throw new ThroughlineError('header-not-found', `${this.file}: the profile says the header is on line ${wanted}, but no row starts on that line`, this.file);
      if (line < wanted) return null;
      const columns = mapColumns(cells, this.profile, this.table);
      if (!hasDateRole(columns)) throw noDateColumn(this.file, `the header on line ${wanted} (from the profile) has no date column`);
      return { line, columns };
    }
    if (cells.length >= 2) {
      const columns = mapColumns(cells, this.profile, this.table);
      const known = columns.filter((c) => c.role !== 'extra').length;
      if (hasDateRole(columns) && known >= 2) return { line, columns };
    }
    if (this.offered >= HEADER_SEARCH_ROWS) throw this.none();
    return null;
  }

  /** The error for a file that ended, or ran past the search, without a header. */
  none(): ThroughlineError {
    return this.profile.headerLine !== undefined
      ? new ThroughlineError('header-not-found', `${this.file}: the profile says the header is on line ${this.profile.headerLine}, but the file has no such line`, this.file)
      : noDateColumn(this.file, `no header row with a date column was found in the first ${HEADER_SEARCH_ROWS} rows`);
  }
}

/** The header of a table already read into rows. */
export function locateHeader(rows: readonly TableRow[], file: string, profile: AgencyProfile): HeaderLocation {
  const finder = new HeaderFinder(file, profile);
  for (const row of rows) {
    const found = finder.offer(row.cells, row.line);
    if (found) return found;
  }
  throw finder.none();
}

function noDateColumn(file: string, what: string): ThroughlineError {
  return new ThroughlineError(
    'no-date-column',
    `${file}: not a chronology that throughline can read: ${what}. Expected a header row with a date heading such as "Date", "Date of Contact", "Date/Time", "Event Date", "Consultation Date" or "ARRIVAL_DATE" and an event heading such as "Event", "Details" or "Summary" (a profile can name the columns)`,
    file,
  );
}

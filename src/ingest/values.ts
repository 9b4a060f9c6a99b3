/**
 * What a column holds, judged from a sample of its cells: dates, clock times, free text, the
 * names of teams. Used when the headings do not say (src/ingest/columns.ts decides the roles);
 * it only ever sees the buffered rows at the top of a file, never the whole of it.
 */
import { parseDate, parseTime } from './dates.js';

/** A column "mostly" holds something when at least this share of its non-blank sampled cells do. */
export const MOSTLY = 0.6;
/** Free text: the mean length of a column's text cells must reach this (category values such as "Welfare" do not). */
export const FREE_TEXT_MIN_MEAN_LENGTH = 20;
/** …and be at least this many times the mean length of the file's type (category) column, if it has one. */
export const FREE_TEXT_OVER_TYPE = 2;

/** What one cell holds, read alone. `date-number` is a bare number that only reads as a date (a year, an Excel serial). */
export type CellKind = 'blank' | 'date' | 'date-number' | 'number' | 'text';

export interface CellReading {
  kind: CellKind;
  /** For dates: the first day (or minute) the value stands for. */
  start?: string;
  /** For dates: the value carries a clock time. */
  minute?: boolean;
  /** The cell, trimmed. */
  text: string;
}

const BARE_NUMBER = /^\d+(?:\.\d+)?$/;
const NUMBER_LIKE = /^[-+(]?[£$€]?\d[\d,]*(?:\.\d+)?\)?\s*%?$/;

/** Reads one cell as a date in either order (a file's order is decided later), a number, or text. */
export function readCell(cell: string | undefined): CellReading {
  const text = (cell ?? '').trim();
  if (text === '') return { kind: 'blank', text };
  const bare = BARE_NUMBER.test(text);
  let parsed = parseDate(text, 'day-first');
  if (!parsed.ok) parsed = parseDate(text, 'month-first');
  if (parsed.ok) {
    return { kind: bare ? 'date-number' : 'date', start: parsed.date.start, minute: parsed.date.precision === 'minute', text };
  }
  return { kind: bare || NUMBER_LIKE.test(text) ? 'number' : 'text', text };
}

/** A clock time written as one (`22:15`, `9.30am`, `2215hrs`); a bare number (`2215`, `12.40`) is not evidence of a time column. */
export function isClockTime(cell: string | undefined): boolean {
  const text = (cell ?? '').trim();
  if (text === '' || BARE_NUMBER.test(text)) return false;
  const t = parseTime(text);
  return t.ok && t.time !== null;
}

export interface DateColumnVerdict {
  /** Most non-blank cells read as dates. */
  holdsDates: boolean;
  /** Only bare numbers read as dates (years, Excel serials): counts only when no other column holds dates. */
  numbersOnly: boolean;
  /** Every date is the same day (a date of birth repeated on each row): never the event date. */
  constant: boolean;
  /** Some date carries a clock time: the column is a date-time. */
  withTime: boolean;
}

/** Whether a column's sampled cells hold the event dates. */
export function judgeDateColumn(cells: readonly CellReading[]): DateColumnVerdict {
  let nonBlank = 0;
  let dates = 0;
  let numbers = 0;
  let withTime = false;
  let first: string | undefined;
  let constant = true;
  for (const c of cells) {
    if (c.kind === 'blank') continue;
    nonBlank++;
    if (c.kind !== 'date' && c.kind !== 'date-number') continue;
    if (c.kind === 'date') dates++;
    else numbers++;
    if (c.minute) withTime = true;
    if (first === undefined) first = c.start;
    else if (c.start !== first) constant = false;
  }
  const readable = dates + numbers;
  const holdsDates = nonBlank > 0 && readable >= MOSTLY * nonBlank;
  return { holdsDates, numbersOnly: dates === 0, constant: readable >= 2 && constant, withTime };
}

/** Whether a column's sampled cells are mostly clock times. */
export function holdsTimes(cells: readonly (string | undefined)[]): boolean {
  let nonBlank = 0;
  let times = 0;
  for (const c of cells) {
    if (c === undefined || c.trim() === '') continue;
    nonBlank++;
    if (isClockTime(c)) times++;
  }
  return times > 0 && times >= MOSTLY * nonBlank;
}

/**
 * The mean length of a column's text cells (not dates, not numbers), or 0 when its non-blank
 * cells are not mostly text.
 */
export function meanTextLength(cells: readonly CellReading[]): number {
  let nonBlank = 0;
  let text = 0;
  let length = 0;
  for (const c of cells) {
    if (c.kind === 'blank') continue;
    nonBlank++;
    if (c.kind !== 'text') continue;
    text++;
    length += c.text.length;
  }
  return text > 0 && text >= MOSTLY * nonBlank ? length / text : 0;
}

/**
 * Whether a name is that of a team or unit inside an agency rather than an agency: the words
 * agencies use for their parts (duty, locality, front door, MASH, EDT, out of hours, hub, unit,
 * team, office…).
 */
const TEAM_WORDS = /\b(?:duty|locality|localities|front\s+door|mash|edt|emergency\s+duty|out[\s-]+of[\s-]+hours|ooh|hub|unit|team|teams|office|service\s+area|department|dept|desk|intake|patch)\b/i;

export function isTeamName(value: string): boolean {
  return TEAM_WORDS.test(value);
}

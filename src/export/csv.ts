/**
 * CSV for the report author, safe to open in Excel: UTF-8 with a BOM (so £ and accents survive),
 * CRLF, RFC 4180 quoting, and formula injection neutralised as OWASP advises — a cell starting
 * with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with a single quote.
 */
import type { Timeline } from '../model/types.js';
import { eventRow, linkedWith, TABLE_HEADINGS } from './rows.js';
import { batched, each } from './chunks.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A cell's text with formula injection neutralised: one that would start a formula gets a single quote before it (CSV and XLSX alike). */
export const neutraliseFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The merged chronology as CSV, in chunks to write one after another. */
export function* timelineCsvChunks(timeline: Pick<Timeline, 'events' | 'links'>): Generator<string> {
  const linked = linkedWith(timeline);
  yield `\uFEFF${csvLine(TABLE_HEADINGS)}`;
  yield* batched(each(timeline.events, (e) => csvLine(eventRow(e, linked))));
}

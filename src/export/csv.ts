/**
 * CSV for the report author, safe to open in Excel: UTF-8 with a BOM (so £ and accents survive),
 * CRLF, RFC 4180 quoting, and formula injection neutralised as OWASP advises — a cell starting
 * with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with a single quote.
 */
import type { Timeline } from '../model/types.js';
import { eventRow, linkedWith, TABLE_HEADINGS } from './rows.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Rows per yielded chunk: large enough to write efficiently, small enough to stream. */
const CHUNK_ROWS = 2000;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The merged chronology as CSV, in chunks to write one after another. */
export function* timelineCsvChunks(timeline: Pick<Timeline, 'events' | 'links'>): Generator<string> {
  const linked = linkedWith(timeline);
  let chunk = `\uFEFF${csvLine(TABLE_HEADINGS)}`;
  let n = 0;
  for (const e of timeline.events) {
    chunk += csvLine(eventRow(e, linked));
    if (++n % CHUNK_ROWS === 0) { yield chunk; chunk = ''; }
  }
  if (chunk !== '') yield chunk;
}

/**
 * Random messy agency files (tests/helpers/messy.ts) against the foundation's promises: every row
 * ends up as an event, the unusable ones marked and reported with file and line; nothing is
 * invented; a file that is not a chronology gets one coded error naming it, never anything else
 * thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { ThroughlineError } from '../../src/model/errors.js';
import { decodeWindows1252 } from '../../src/ingest/decode.js';
import { parseTable, type Delimiter } from '../../src/ingest/table.js';
import type { AgencyChronology } from '../../src/model/types.js';
import { csvText, fileArb, physicalLines } from '../helpers/messy.js';
import { runs } from '../helpers/runs.js';

/** Roles whose cells never make up a composed event text. */
const NOT_TEXT = new Set(['date', 'datetime', 'time', 'endDate', 'endTime', 'reference', 'sequence', 'summary']);

/**
 * The event text of a row without a summary, from the file itself: each non-blank cell outside
 * the date, time, reference and sequence columns, labelled with its heading, in column order.
 */
function composedFromFile(c: AgencyChronology, text: string, line: number): string {
  const rows = parseTable(text, c.report.file, c.report.delimiter as Delimiter).rows;
  const cells = rows.find((r) => r.line === line)!.cells;
  const width = c.report.columns.length;
  const parts: string[] = [];
  // Headings as events name them: blank ones by position, repeated ones numbered ("Notes (2)").
  const seen = new Map<string, number>();
  for (const col of c.report.columns) {
    const v = cells[col.index];
    const base = col.heading.trim() === '' ? `Column ${col.index + 1}` : col.heading.trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const label = n === 1 ? base : `${base} (${n})`;
    if (!NOT_TEXT.has(col.role) && v !== undefined && v.trim() !== '') parts.push(`${label}: ${v.trim()}`);
  }
  for (let i = width; i < cells.length; i++) if (cells[i]!.trim() !== '') parts.push(`Column ${i + 1}: ${cells[i]!.trim()}`);
  return parts.join('; ');
}

/** The end of the message of every row whose date cannot be read. */
const KEPT_UNDATED = '; the row is kept at the end of the chronology as an undated event';
const DATE_ERRORS = ['date-missing', 'date-unreadable', 'date-impossible', 'date-range-reversed'];

function checkChronology(c: AgencyChronology, text: string, file: string): void {
  const { report, events, issues } = c;
  // Nothing lost: every data row is an event, usable or marked unusable, and counted once.
  expect(events.length).toBe(report.rows);
  expect(report.rows).toBe(report.events + report.unusable);
  expect(events.filter((e) => e.flags.includes('unusable')).length).toBe(report.unusable);
  const lines = physicalLines(text);
  const cellsAt = new Map(parseTable(text, file, report.delimiter as Delimiter).rows.map((r) => [r.line, r.cells]));
  const col = (role: string): number => report.columns.find((k) => k.role === role)?.index ?? -1;
  const summaryCol = col('summary');
  const dateCol = col('date') !== -1 ? col('date') : col('datetime');
  const altDateCol = col('date') !== -1 ? col('datetime') : -1;
  /** The date cell of a row as written: the date column's, or the date-time column's where that is blank. */
  const dateCell = (cells: string[]): string => {
    const d = cells[dateCol] ?? '';
    return d.trim() === '' && altDateCol !== -1 ? cells[altDateCol] ?? '' : d;
  };
  let previous = report.headerLine;
  for (const e of events) {
    const cells = cellsAt.get(e.source.line);
    expect(cells, `no row starts on line ${e.source.line}`).toBeDefined();
    // Traceable: a real line of the file, after the header, in file order.
    expect(e.source.file).toBe(file);
    expect(e.source.line).toBeGreaterThan(previous);
    expect(e.source.line).toBeLessThanOrEqual(lines);
    previous = e.source.line;
    // Dates say what is known and no more.
    const d = e.date;
    expect(['minute', 'day', 'week', 'month', 'year', 'unknown']).toContain(d.precision);
    if (d.precision === 'unknown') expect(d.start).toBe('');
    else expect(d.start).toMatch(d.precision === 'minute' ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/);
    if (d.end !== undefined) {
      expect(d.end).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/);
      expect(d.end.slice(0, 10) >= d.start.slice(0, 10)).toBe(true);
    }
    // Nothing invented: the event text is the row's summary cell as written (trimmed), or, for a
    // row whose summary is blank, made of the row's own cells under their headings.
    if (e.flags.includes('no-summary')) expect(e.summary).toBe(composedFromFile(c, text, e.source.line));
    else expect(e.summary).toBe((cells![summaryCol] ?? '').trim());
    // Unusable is exactly an unreadable date, reported as one error on the row's line that quotes
    // the date cell (or says it is blank), says what is wrong and what became of the row, and
    // carries the row's cells.
    expect(e.flags.includes('unusable')).toBe(e.date.precision === 'unknown');
    const errors = issues.filter((i) => i.line === e.source.line && i.severity === 'error');
    if (e.flags.includes('unusable')) {
      expect(errors, `line ${e.source.line}`).toHaveLength(1);
      const [error] = errors;
      expect(DATE_ERRORS).toContain(error!.code);
      expect(error!.cells).toEqual(cells);
      expect(error!.message.endsWith(KEPT_UNDATED), error!.message).toBe(true);
      const written = dateCell(cells!).trim();
      if (written === '') expect(error!.message).toBe(`the date is blank${KEPT_UNDATED}`);
      else expect(error!.message.startsWith(`"${written}" `), `${error!.message} (the cell: ${written})`).toBe(true);
    } else {
      expect(errors).toEqual([]);
    }
    // A row with no text at all is kept, usable if dated, and warned about.
    if (e.summary === '') {
      expect(e.flags).toContain('no-summary');
      expect(issues.some((i) => i.line === e.source.line && i.code === 'no-event-text' && i.severity === 'warning')).toBe(true);
    }
  }
  // Every issue names the file and a real line of it (0: the whole file); the errors are exactly
  // the unusable rows' (checked above, one each); a row's warning carries the row's cells as read.
  const unusableLines = new Set(events.filter((e) => e.flags.includes('unusable')).map((e) => e.source.line));
  expect(issues.filter((i) => i.severity === 'error').map((i) => i.line)).toEqual([...unusableLines].sort((a, b) => a - b));
  for (const i of issues) {
    expect(i.file).toBe(file);
    expect(Number.isInteger(i.line) && i.line >= 0 && i.line <= lines, `${i.code} on line ${i.line}`).toBe(true);
    expect(i.message, i.code).not.toMatch(/undefined|NaN|\[object /);
    if (i.severity === 'warning' && i.cells !== undefined) expect(i.cells, `${i.code} on line ${i.line}`).toEqual(cellsAt.get(i.line));
  }
}

describe('ingest on random messy files', () => {
  it('carries every row, reports every unusable one with its line, invents nothing, or refuses the file with one coded error', () => {
    let read = 0;
    let refused = 0;
    fc.assert(fc.property(fileArb, (spec) => {
      const text = csvText(spec);
      const file = 'agency return.csv';
      let c: AgencyChronology;
      try {
        c = ingest({ file, content: new TextEncoder().encode(text) });
      } catch (e) {
        // The only refusal: a coded error that begins with the file's name and says what was expected.
        refused++;
        expect(e).toBeInstanceOf(ThroughlineError);
        expect((e as ThroughlineError).file).toBe(file);
        expect(['file-empty', 'no-date-column']).toContain((e as ThroughlineError).code);
        expect((e as ThroughlineError).message).toMatch(/^agency return\.csv: .*expected an agency chronology \(a table with a date column\)$|^agency return\.csv: not a chronology that throughline can read: .*\. Expected a header row with a date heading/);
        return;
      }
      read++;
      checkChronology(c, text.replace(/^\uFEFF/, ''), file);
      // The same bytes give the same chronology, and it merges without loss.
      expect(ingest({ file, content: new TextEncoder().encode(text) })).toEqual(c);
      const t = merge([c]);
      expect(t.events.length).toBe(c.events.length);
      expect(t.stats.rows).toBe(c.report.rows);
    }), { numRuns: runs(400) });
    // Most files are read (the properties above were tried), and refusals happen too.
    expect(read).toBeGreaterThan(runs(400) / 2);
    expect(refused).toBeGreaterThan(0);
  });
  it('reads the same file the same way in every encoding an agency sends (UTF-8, UTF-16 with a BOM, Windows-1252)', () => {
    // Windows-1252 as the decoder maps it, inverted: the characters it can write.
    const toCp1252 = new Map<string, number>();
    for (let b = 0; b < 256; b++) toCp1252.set(decodeWindows1252(Uint8Array.of(b)), b);
    fc.assert(fc.property(fileArb, (spec) => {
      const text = csvText({ ...spec, bom: false });
      const utf8 = new TextEncoder().encode(text);
      // UTF-16 code units (a character outside the BMP is two), each as two bytes.
      const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      const utf16le = Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
      const utf16be = Uint8Array.from([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
      const encodings: Array<[string, Uint8Array]> = [['utf-8', utf8], ['utf-16le', utf16le], ['utf-16be', utf16be]];
      const cp = [...text].map((ch) => toCp1252.get(ch));
      // Only where every character fits, and the bytes cannot be read as UTF-8 instead (pure ASCII can, and is the same).
      if (cp.every((b) => b !== undefined)) {
        const bytes = Uint8Array.from(cp as number[]);
        let validUtf8 = true;
        try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { validUtf8 = false; }
        if (!validUtf8 || bytes.every((b) => b < 0x80)) encodings.push(['windows-1252', bytes]);
      }
      const read = (bytes: Uint8Array): unknown => {
        try {
          const c = ingest({ file: 'x.csv', content: bytes });
          return { events: c.events, issues: c.issues, rows: c.report.rows, headerLine: c.report.headerLine };
        } catch (e) {
          return (e as ThroughlineError).code;
        }
      };
      const expected = read(utf8);
      for (const [name, bytes] of encodings.slice(1)) expect({ name, read: read(bytes) }).toEqual({ name, read: expected });
    }), { numRuns: runs(300) });
  });
});

/**
 * Random agency files, messy the way real returns are (title lines, blank rows, quoted newlines,
 * every delimiter and line ending, dates in every form and many broken ones, stray cells), against
 * the foundation's promises: every row ends up as an event, the unusable ones marked and reported
 * with file and line; nothing is invented; a file that is not a chronology gets one coded error
 * naming it, never anything else thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { ThroughlineError } from '../../src/model/errors.js';
import { decodeWindows1252 } from '../../src/ingest/decode.js';
import type { AgencyChronology } from '../../src/model/types.js';

const HEADINGS = ['Date', 'Date/Time', 'Time', 'Event', 'Details', 'Outcome', 'Practitioner', 'Type', 'Seq', 'End Date',
  'Ward', 'Agency', 'Significance', 'Reference', 'Notes', ''];
const DATES = ['14/03/2021', '1/2/21', '2021-03-14', '2021-03-14T22:15', '14.03.2021', '22.05/16', '3 Mar 2021', '03-Mar-21',
  '3rd March 2021', 'April 2021', 'Apr-21', '2021', 'w/c 13/09/2021', '01/06/2021 - 05/06/2021', '1/6/21 to 5/6/21',
  '? 14/03/2021', 'c. 2019', 'approx March 2020', '44270', '14/03/2021 22:15', '31/04/2021', '29/02/2021', '13/13/2021',
  'unknown', '', '  ', '00/00/0000', '2021-02-30', '12/25/2021', '31/12/1899', '27/03/2022 01:30', '30/10/2022 01:30'];
const TIMES = ['22:15', '2215', '9.30am', '9:30 pm', '25:00', '', 'noon', '00:00', '23:59:59'];
const WORDS = ['Home visit', 'strategy discussion', 'ICPC held', 'Zoë’s mum', 'A&E', '£20', '=cmd|calc', '+44 7700', '-5',
  '@home', 'said "no"', 'line one\nline two', 'a,b', 'x;y', 'p|q', 't\tu', 'crlf\r\nin cell', ' padded ', '"', 'é', '😀', ''];

const cell = fc.oneof(fc.constantFrom(...DATES), fc.constantFrom(...TIMES), fc.constantFrom(...WORDS),
  fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 6 }));

/** A cell under a heading: mostly what the heading promises, sometimes anything (rows are messy). */
const cellUnder = (heading: string): fc.Arbitrary<string> => {
  const usual = /date/i.test(heading) ? fc.constantFrom(...DATES) : heading === 'Time' ? fc.constantFrom(...TIMES) : fc.constantFrom(...WORDS);
  return fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: cell, weight: 1 });
};

const fileArb = fc.record({
  preamble: fc.array(fc.constantFrom('Police chronology – Child L', 'Prepared for the review, "draft"', '', 'Page 1 of 2'), { maxLength: 3 }),
  headings: fc.oneof(
    { arbitrary: fc.uniqueArray(fc.constantFrom(...HEADINGS), { minLength: 1, maxLength: 7 }), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom('Date', 'Date/Time'), fc.uniqueArray(fc.constantFrom(...HEADINGS.filter((h) => !/date/i.test(h))), { maxLength: 6 })).map(([d, rest]) => [d, ...rest]), weight: 4 },
  ),
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
}).chain((spec) => fc.array(
  // A row: one cell per heading, sometimes one short or one too many, sometimes blank.
  fc.oneof(
    { arbitrary: fc.tuple(...spec.headings.map(cellUnder)), weight: 8 },
    { arbitrary: fc.array(cell, { maxLength: spec.headings.length + 2 }), weight: 2 },
    { arbitrary: fc.constant(spec.headings.map(() => '')), weight: 1 },
  ),
  { maxLength: 25 },
).map((rows) => ({ ...spec, rows })));

type Spec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

/** RFC 4180: a cell with a delimiter, quote or line break is quoted, its quotes doubled. */
function csvText(spec: Spec): string {
  const quote = (c: string): string => (/[",;\t|\r\n]/.test(c) || c.trim() !== c ? `"${c.replace(/"/g, '""')}"` : c);
  const line = (cells: readonly string[]): string => cells.map(quote).join(spec.delimiter);
  const lines = [...spec.preamble, line(spec.headings), ...spec.rows.map(line)];
  return (spec.bom ? '\uFEFF' : '') + lines.join(spec.eol) + (spec.finalEol ? spec.eol : '');
}

/** Physical lines as an editor counts them (CRLF, LF and a lone CR each end one). */
const physicalLines = (text: string): number => text.split(/\r\n|\n|\r/).length;

function checkChronology(c: AgencyChronology, text: string, file: string): void {
  const { report, events, issues } = c;
  // Nothing lost: every data row is an event, usable or marked unusable, and counted once.
  expect(events.length).toBe(report.rows);
  expect(report.rows).toBe(report.events + report.unusable);
  expect(events.filter((e) => e.flags.includes('unusable')).length).toBe(report.unusable);
  const lines = physicalLines(text);
  let previous = report.headerLine;
  for (const e of events) {
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
    // Nothing invented: the event text is in the file, as written (quotes doubled when quoted).
    if (e.summary !== '') expect(text.includes(e.summary) || text.includes(e.summary.replace(/"/g, '""'))).toBe(true);
    if (e.flags.includes('unusable')) {
      const reported = issues.filter((i) => i.line === e.source.line && i.severity === 'error');
      expect(reported.length).toBeGreaterThan(0);
    }
  }
  for (const i of issues) {
    expect(i.file).toBe(file);
    expect(i.message.length).toBeGreaterThan(10);
    if (i.severity === 'error') expect(i.cells).toBeDefined();
  }
}

describe('ingest on random messy files', () => {
  it('carries every row, reports every unusable one with its line, invents nothing, or refuses the file with one coded error', () => {
    fc.assert(fc.property(fileArb, (spec) => {
      const text = csvText(spec);
      const file = 'agency return.csv';
      let c: AgencyChronology;
      try {
        c = ingest({ file, content: new TextEncoder().encode(text) });
      } catch (e) {
        // The only refusal: a coded error that names the file.
        expect(e).toBeInstanceOf(ThroughlineError);
        expect((e as ThroughlineError).message).toContain(file);
        return;
      }
      checkChronology(c, text.replace(/^\uFEFF/, ''), file);
      // The same bytes give the same chronology, and it merges without loss.
      expect(ingest({ file, content: new TextEncoder().encode(text) })).toEqual(c);
      const t = merge([c]);
      expect(t.events.length).toBe(c.events.length);
      expect(t.stats.rows).toBe(c.report.rows);
    }), { numRuns: 400 });
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
    }), { numRuns: 300 });
  });
});

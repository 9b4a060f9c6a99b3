/**
 * Random agency returns, messy the way real ones are (title lines, blank rows, quoted newlines,
 * every delimiter and line ending, dates in every form and many broken ones, stray cells), for
 * the property tests of ingest and of the whole pipeline.
 */
import fc from 'fast-check';

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

export const fileArb = fc.record({
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

export type Spec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

/** RFC 4180: a cell with a delimiter, quote or line break is quoted, its quotes doubled. */
export function csvText(spec: Spec): string {
  const quote = (c: string): string => (/[",;\t|\r\n]/.test(c) || c.trim() !== c ? `"${c.replace(/"/g, '""')}"` : c);
  const line = (cells: readonly string[]): string => cells.map(quote).join(spec.delimiter);
  const lines = [...spec.preamble, line(spec.headings), ...spec.rows.map(line)];
  return (spec.bom ? '\uFEFF' : '') + lines.join(spec.eol) + (spec.finalEol ? spec.eol : '');
}

/** Physical lines as an editor counts them (CRLF, LF and a lone CR each end one). */
export const physicalLines = (text: string): number => text.split(/\r\n|\n|\r/).length;

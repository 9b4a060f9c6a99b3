/**
 * Text → rows of cells, with the physical line number an editor shows for each row.
 * papaparse does the RFC 4180 work (quotes, doubled quotes, newlines inside quotes, CRLF/LF/CR);
 * this module detects the delimiter and counts lines, so "line 57" is where the author finds it.
 */
import Papa from 'papaparse';
import type { IngestIssue } from '../model/types.js';

/** The delimiters agency exports use, in the order preferred when two fit equally well. */
export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface TableRow {
  /** 1-based physical line where the row starts (title lines and quoted newlines counted). */
  line: number;
  cells: string[];
}

export interface ParsedTable {
  delimiter: Delimiter;
  rows: TableRow[];
  issues: IngestIssue[];
}

/** How much of the file is sampled to choose the delimiter. */
const DELIMITER_SAMPLE_CHARS = 64 * 1024;
const DELIMITER_SAMPLE_ROWS = 60;

export function isDelimiter(value: string): value is Delimiter {
  return (DELIMITERS as readonly string[]).includes(value);
}

/**
 * Chooses the delimiter under which most sampled rows agree on one field count above one; when
 * two agree on as many rows, the one that splits them into more fields (a short tab-separated
 * return under two title lines that each hold a comma is tab-separated), then the preferred order.
 * Title lines without a delimiter have one field under every candidate, so they do not vote.
 */
export function detectDelimiter(text: string): Delimiter {
  let sample = text.slice(0, DELIMITER_SAMPLE_CHARS);
  if (text.length > DELIMITER_SAMPLE_CHARS) {
    const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (lastBreak > 0) sample = sample.slice(0, lastBreak);
  }
  let best: { delimiter: Delimiter; agreeing: number; fields: number } = { delimiter: ',', agreeing: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, preview: DELIMITER_SAMPLE_ROWS, skipEmptyLines: 'greedy' });
    const counts = new Map<number, number>();
    for (const row of parsed.data) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    for (const [fields, agreeing] of counts) {
      if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) {
        best = { delimiter, agreeing, fields };
      }
    }
  }
  return best.delimiter;
}

/** Counts the line breaks an editor sees in text[from, to): CRLF, LF and a lone CR each count once. */
function lineBreakCounter(text: string): (from: number, to: number) => number {
  const hasLf = text.indexOf('\n') !== -1;
  let hasLoneCr = false;
  for (let i = text.indexOf('\r'); i !== -1 && !hasLoneCr; i = text.indexOf('\r', i + 1)) hasLoneCr = text.charCodeAt(i + 1) !== 10;
  if (!hasLoneCr) return (from, to) => countChar(text, '\n', from, to);
  if (!hasLf) return (from, to) => countChar(text, '\r', from, to);
  return (from, to) => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) n++;
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
    }
    return n;
  };
}

function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i !== -1 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Called for each row; return `false` to stop reading. */
export type RowVisitor = (cells: string[], line: number) => boolean | void;

/**
 * Reads the text row by row, without keeping the rows: a million-row file is never held twice.
 * Blank rows are passed on (the caller counts them); the nothing after a final line break is not
 * a row. Quoting errors are returned as issues on the line where the row starts.
 */
export function forEachRow(text: string, file: string, delimiter: Delimiter, visit: RowVisitor): IngestIssue[] {
  const issues: IngestIssue[] = [];
  const breaks = lineBreakCounter(text);
  // A row starts where papaparse's cursor stopped after the previous one; the breaks between the
  // last counted position and that start (including quoted newlines) move the line on.
  let counted = 0;
  let rowStart = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    step(result, parser) {
      const cells = result.data;
      const start = rowStart;
      rowStart = result.meta.cursor;
      if (start >= text.length && start > 0 && cells.length === 1 && cells[0] === '') return;
      line += breaks(counted, start);
      counted = start;
      for (const error of result.errors) {
        issues.push({
          file,
          line,
          severity: 'warning',
          code: 'csv-quotes',
          message: error.code === 'MissingQuotes'
            ? `a quoted cell is never closed, so the rest of the file may have been read into this row: check the quotes on line ${line}`
            : `the quotes on this row are malformed (${error.message}); the row was read as papaparse understood it`,
          cells,
        });
      }
      if (visit(cells, line) === false) parser.abort();
    },
  });
  return issues;
}

/** Parses the whole text into rows (for small inputs and tests; ingest streams with forEachRow). */
export function parseTable(text: string, file: string, delimiter: Delimiter = detectDelimiter(text)): ParsedTable {
  const rows: TableRow[] = [];
  const issues = forEachRow(text, file, delimiter, (cells, line) => { rows.push({ line, cells }); });
  return { delimiter, rows, issues };
}

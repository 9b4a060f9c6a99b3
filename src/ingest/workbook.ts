/**
 * An agency's Excel workbook (.xlsx) read as the tables it holds, one per sheet, for ingest to
 * read each like a CSV: every cell as the agency sees it. A date cell keeps the precision its
 * number format shows (`mmm-yy` is a month, `dd/mm/yyyy hh:mm` a day and a time: the cell's hidden
 * day or time is never invented into the chronology); a formula gives its result; rich text and
 * hyperlinks their text. Merged cells give every row they cover the merged value, and hidden rows
 * and sheets are read like the others; each is reported. Lines are Excel's row numbers.
 */
import type ExcelJS from 'exceljs';
import { ThroughlineError } from '../model/errors.js';
import type { IngestIssue } from '../model/types.js';
import { sheetFileName } from '../model/sheets.js';
import type { TableRow } from './table.js';

export interface WorkbookSheet {
  /** The name ingest gives the sheet: `police.xlsx [Incidents]`. */
  name: string;
  sheet: string;
  hidden: boolean;
  rows: TableRow[];
  /** What was done to read it as a table (merged cells, hidden rows), by row. */
  issues: IngestIssue[];
}

/** An Excel workbook (not an old .xls): a ZIP whose parts are a spreadsheet's. */
export function isWorkbook(bytes: Uint8Array, file: string): boolean {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return false;
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 8192)));
  return head.includes('xl/') || /\.xls[xm]$/i.test(file);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date cell as text at the precision its number format shows. Excel keeps a wall-clock time
 * with no zone; exceljs gives it as that time in UTC, so it is read in UTC.
 */
export function dateCellText(date: Date, numFmt: string | undefined): string {
  // Quoted literals, escaped characters and [colour]/[$-locale] sections are not date parts.
  const format = (numFmt ?? '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').toLowerCase();
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const hasTime = /h|s/.test(format);
  const hasDay = /d/.test(format);
  const hasYear = /y|e/.test(format);
  const hasMonth = /m/.test(format.replace(/h+:?m+|m+:?s+/g, ''));
  if (format === '' || format === 'general') return date.getUTCHours() || date.getUTCMinutes() ? `${day} ${time}` : day;
  if (hasDay) return hasTime ? `${day} ${time}` : day;
  if (hasMonth && hasYear) return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  if (hasYear) return String(date.getUTCFullYear());
  if (hasTime) return time;
  return day;
}

/** A cell's value as the text the agency sees (its date at the format's precision). */
export function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateCellText(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/** Every sheet of the workbook as a table, or a coded error when the file does not open as one. */
export async function readWorkbook(bytes: Uint8Array, file: string): Promise<WorkbookSheet[]> {
  // Loaded only for a workbook: ExcelJS costs every other command about 0.3 s of start-up.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ThroughlineError('workbook-unreadable', `${file}: this Excel workbook cannot be opened (${(e as Error).message}); open it in Excel and save it again as .xlsx, or save each sheet as CSV`, file);
  }
  return book.worksheets.map((ws) => {
    const name = sheetFileName(file, ws.name);
    const issues: IngestIssue[] = [];
    const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    if (hidden) issues.push({ file: name, line: 0, severity: 'warning', code: 'sheet-hidden', message: `the sheet "${ws.name}" is hidden in Excel; it was read like the others` });
    const width = ws.columnCount;
    const rows: TableRow[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        cells.push(cellText(cell.value, cell.numFmt));
      }
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      if (row.hidden && cells.length > 0) issues.push({ file: name, line: r, severity: 'warning', code: 'row-hidden', message: `row ${r} is hidden in Excel; it was read like the others`, cells });
      rows.push({ line: r, cells });
    }
    // Merged cells: exceljs gives each cell of a merge the merged value; a merge over rows is said.
    for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
      const [from, to] = range.split(':');
      const rowOf = (ref: string | undefined): number => Number(/\d+$/.exec(ref ?? '')?.[0] ?? 0);
      if (rowOf(from) !== rowOf(to)) {
        issues.push({ file: name, line: rowOf(from), severity: 'info', code: 'cells-merged', message: `cells ${range} are merged in Excel: each row from ${rowOf(from)} to ${rowOf(to)} takes the merged value` });
      }
    }
    issues.sort((a, b) => a.line - b.line);
    return { name, sheet: ws.name, hidden, rows, issues };
  });
}

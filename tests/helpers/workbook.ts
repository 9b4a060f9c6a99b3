/**
 * An agency's Excel workbook made with exceljs: sheets in order, each a list of rows; a date cell
 * carries the number format Excel shows it in, so its precision is the format's.
 */
import ExcelJS from 'exceljs';

/** A date cell shown in Excel with `numFmt` (`dd/mm/yyyy`, `mmm-yy`, `dd/mm/yyyy hh:mm`…). */
export interface DateCell { date: Date; numFmt: string }
export type Cell = string | number | null | DateCell;

/** A date cell for the wall-clock time given (Excel keeps no zone; exceljs writes it as UTC). */
export const dateCell = (numFmt: string, y: number, m: number, d: number, h = 0, mi = 0): DateCell => ({ date: new Date(Date.UTC(y, m - 1, d, h, mi)), numFmt });

/** The .xlsx bytes of a workbook holding `sheets` (name, rows) in order; a sheet with no rows is empty. */
export async function workbookBytes(sheets: ReadonlyArray<readonly [string, ReadonlyArray<readonly Cell[]>]>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const ws = book.addWorksheet(name);
    for (const cells of rows) {
      const row = ws.addRow(cells.map((c) => (c !== null && typeof c === 'object' ? c.date : c)));
      cells.forEach((c, i) => { if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = c.numFmt; });
    }
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

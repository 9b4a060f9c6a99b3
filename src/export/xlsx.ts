/**
 * The merged chronology as an Excel workbook (exceljs), one sheet per view: the whole chronology,
 * each agency's records, the events several agencies recorded, the rows that could not be read,
 * the agency returns, and the key practice episodes when an analysis is given. Dates are text as
 * the chronology shows them ("April 2021" stays a month: an Excel date would invent a day), with
 * a sortable first day beside them; every cell that would start a formula is neutralised as the
 * CSV's are. Headings are frozen and filtered.
 */
import ExcelJS from 'exceljs';
import type { Timeline } from '../model/types.js';
import type { Analysis } from '../analytics/types.js';
import { displayDay, eventPeriod } from '../model/calendar.js';
import { eventRow, linkedWith, TABLE_HEADINGS } from './rows.js';
import { neutraliseFormula } from './csv.js';

const HEADINGS = [...TABLE_HEADINGS, 'Date as written', 'Date precision', 'Sorts from', 'Record'];

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function addSheet(book: ExcelJS.Workbook, taken: Set<string>, title: string, headings: readonly string[], rows: ReadonlyArray<readonly string[]>, widths: readonly number[]): void {
  const sheet = book.addWorksheet(sheetName(title, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headings.map((h, i) => ({ header: h, key: `c${i}`, width: widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(neutraliseFormula));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headings.length } };
}

/** The workbook as XLSX bytes. */
export async function chronologyXlsx(timeline: Timeline, analysis?: Analysis): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'throughline';
  const taken = new Set<string>();
  const linked = linkedWith(timeline);
  const rowOf = (e: Timeline['events'][number]): string[] => {
    const period = eventPeriod(e.date);
    return [...eventRow(e, linked), e.date.text, e.date.precision, period ? period.first : '', e.id];
  };
  const widths = [14, 7, 22, 14, 16, 60, 30, 20, 22, 18, 24, 16, 10, 12, 18];
  addSheet(book, taken, 'Chronology', HEADINGS, timeline.events.map(rowOf), widths);
  for (const agency of timeline.agencyOrder) addSheet(book, taken, agency, HEADINGS, timeline.events.filter((e) => e.agency === agency).map(rowOf), widths);
  addSheet(book, taken, 'Recorded by several', ['Link', 'Kind', 'Records', 'Why', 'Confidence'],
    timeline.links.map((l) => [l.id, l.kind, l.events.join(', '), l.reason, l.confidence]), [10, 14, 40, 60, 12]);
  addSheet(book, taken, 'Could not be read', ['File', 'Line', 'Severity', 'Code', 'Message', 'Cells as written'],
    timeline.issues.map((i) => [i.file, String(i.line), i.severity, i.code, i.message, (i.cells ?? []).join(' | ')]), [28, 8, 10, 20, 70, 50]);
  addSheet(book, taken, 'Agency returns', ['File', 'Agency', 'Encoding', 'Delimiter', 'Dates', 'Header line', 'Rows', 'Records', 'Could not be read', 'Out of scope'],
    timeline.files.map((f) => [f.file, f.agency, f.encoding, f.delimiter === '\t' ? 'tab' : f.delimiter, f.dateOrder, String(f.headerLine), String(f.rows), String(f.events), String(f.unusable), String(f.outOfScope)]),
    [30, 24, 12, 10, 12, 12, 8, 8, 16, 12]);
  if (analysis) {
    addSheet(book, taken, 'Key practice episodes', ['Episode', 'From', 'To', 'Agencies', 'Records', 'Suggested or yours'],
      analysis.episodes.map((e) => [e.title, displayDay(e.from), displayDay(e.to), e.agencies.join(', '), e.events.join(', '), e.source]), [40, 12, 12, 40, 50, 16]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

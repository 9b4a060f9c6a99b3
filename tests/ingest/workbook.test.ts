/**
 * Agency returns as Excel workbooks: each sheet that holds a chronology read like a CSV, date
 * cells at the precision their format shows, merged cells and hidden rows and sheets read and
 * reported, sheets without a chronology left out and said so. The workbooks are made here with
 * exceljs, so every expectation is read off the cells written below.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, dateCellText, isWorkbook, readWorkbook } from '../../src/ingest/workbook.js';
import { mergeAgencyFiles, readWorkbooks, type AgencyFile } from '../../src/review/chronology.js';
import { workbookBytes } from '../helpers/workbook.js';

const d = (y: number, m: number, day: number, h = 0, mi = 0) => new Date(Date.UTC(y, m - 1, day, h, mi));

async function policeWorkbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Incidents');
  ws.addRow(['Police chronology: Child L']);
  ws.addRow([]);
  ws.addRow(['Date', 'Officer', 'Details']);
  ws.addRow([d(2021, 3, 14), 'PC 1', 'Call-out to the address']);
  ws.getCell('A4').numFmt = 'dd/mm/yyyy';
  ws.addRow([d(2021, 4, 1), 'PC 2', 'Neighbour concerns']);
  ws.getCell('A5').numFmt = 'mmm-yy';
  ws.addRow([d(2021, 5, 30, 22, 15), 'PC 3', { richText: [{ text: 'Domestic ' }, { text: 'incident', font: { bold: true } }] }]);
  ws.getCell('A6').numFmt = 'dd/mm/yyyy hh:mm';
  ws.addRow([d(2021, 6, 2), 'PC 4', 'Strategy discussion']);
  ws.getCell('A7').numFmt = 'dd/mm/yyyy';
  ws.addRow([null, 'PC 5', 'Same-day follow-up']);
  ws.mergeCells('A7:A8');
  ws.addRow([d(2022, 1, 1), 'PC 6', { formula: '"Year "&"review"', result: 'Year review' }]);
  ws.getCell('A9').numFmt = 'yyyy';
  ws.getRow(9).hidden = true;
  const codes = book.addWorksheet('Codes');
  codes.addRow(['Code', 'Meaning']);
  codes.addRow(['DA', 'Domestic abuse']);
  const old = book.addWorksheet('Old', { state: 'hidden' });
  old.addRow(['Date', 'Details']);
  old.addRow(['03/02/2020', 'Earlier call-out']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a date cell as text', () => {
  const date = d(2021, 4, 7, 9, 5);
  it.each([
    ['dd/mm/yyyy', '07/04/2021'], ['d-mmm-yy', '07/04/2021'], ['[$-809]dd mmmm yyyy;@', '07/04/2021'], ['dddd, d mmmm yyyy', '07/04/2021'],
    ['dd/mm/yyyy hh:mm', '07/04/2021 09:05'], ['m/d/yy h:mm', '07/04/2021 09:05'],
    ['mmm-yy', 'April 2021'], ['mmmm yyyy', 'April 2021'], ['"Month: "mmm yyyy', 'April 2021'],
    ['yyyy', '2021'], ['hh:mm', '09:05'], ['h:mm AM/PM', '09:05'],
    ['General', '07/04/2021 09:05'], ['', '07/04/2021 09:05'],
  ])('format %j gives %j', (format, text) => {
    expect(dateCellText(date, format)).toBe(text);
  });
  it('a day at midnight with no format is a day; minutes are not a month', () => {
    expect(dateCellText(d(2021, 4, 7), undefined)).toBe('07/04/2021');
    expect(dateCellText(d(2021, 4, 7), 'mm:ss')).toBe('00:00');
  });
});

describe('a cell as text', () => {
  it.each([
    [null, ''], ['text', 'text'], [42.5, '42.5'], [true, 'TRUE'], [false, 'FALSE'],
    [{ richText: [{ text: 'a ' }, { text: 'b' }] }, 'a b'], [{ formula: 'A1', result: 'r' }, 'r'], [{ formula: 'A1', result: 7 }, '7'],
    [{ text: 'link', hyperlink: 'http://x' }, 'link'], [{ error: '#N/A' }, '#N/A'],
  ])('%j → %j', (value, text) => {
    expect(cellText(value as ExcelJS.CellValue, undefined)).toBe(text);
  });
});

describe('a workbook read', () => {
  it('is told from a CSV and from other ZIPs', async () => {
    const bytes = await policeWorkbook();
    expect(isWorkbook(bytes, 'police.xlsx')).toBe(true);
    expect(isWorkbook(new TextEncoder().encode('Date,Event\n'), 'police.xlsx')).toBe(false);
    expect(isWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'photos.zip')).toBe(false);
  });

  it('gives each sheet as rows at Excel\'s row numbers, with its merged cells, hidden rows and hidden state', async () => {
    const sheets = await readWorkbook(await policeWorkbook(), 'police.xlsx');
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([['police.xlsx [Incidents]', false], ['police.xlsx [Codes]', false], ['police.xlsx [Old]', true]]);
    const [incidents] = sheets;
    expect(incidents!.rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['Police chronology: Child L']], [2, []], [3, ['Date', 'Officer', 'Details']],
      [4, ['14/03/2021', 'PC 1', 'Call-out to the address']], [5, ['April 2021', 'PC 2', 'Neighbour concerns']],
      [6, ['30/05/2021 22:15', 'PC 3', 'Domestic incident']], [7, ['02/06/2021', 'PC 4', 'Strategy discussion']],
      [8, ['02/06/2021', 'PC 5', 'Same-day follow-up']], [9, ['2022', 'PC 6', 'Year review']],
    ]);
    expect(incidents!.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [7, 'cells-merged', 'cells A7:A8 are merged in Excel: each row from 7 to 8 takes the merged value'],
      [9, 'row-hidden', 'row 9 is hidden in Excel; it was read like the others'],
    ]);
    expect(sheets[2]!.issues.map((i) => i.code)).toEqual(['sheet-hidden']);
  });

  it('refuses a workbook that does not open, naming it', async () => {
    await expect(readWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx')).rejects.toThrow(/^broken\.xlsx: this Excel workbook cannot be opened/);
  });
});

describe('a workbook among the agency files', () => {
  it('is replaced by its sheets that hold a chronology, each merged like a CSV, the others said', async () => {
    const files: AgencyFile[] = [{ name: 'police.xlsx', bytes: await policeWorkbook() }, { name: 'gp.csv', bytes: new TextEncoder().encode('Date,Event\n15/03/2021,Seen by GP\n') }];
    const { files: expanded, failures } = await readWorkbooks(files);
    expect(failures).toEqual([]);
    expect(expanded.map((f) => f.name)).toEqual(['police.xlsx [Incidents]', 'police.xlsx [Old]', 'gp.csv']);
    const merged = mergeAgencyFiles(expanded);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const t = merged.timeline;
    // 6 rows of Incidents, 1 of Old (ids stemmed police-2: the second file named police), 1 of gp.csv; the agency from the workbook's name.
    expect(t.events.map((e) => [e.id, e.date.text, e.date.precision, e.agency])).toEqual([
      ['police-2-2', '03/02/2020', 'day', 'Police'], ['police-4', '14/03/2021', 'day', 'Police'], ['gp-2', '15/03/2021', 'day', 'GP'],
      ['police-5', 'April 2021', 'month', 'Police'], ['police-6', '30/05/2021 22:15', 'minute', 'Police'],
      ['police-7', '02/06/2021', 'day', 'Police'], ['police-8', '02/06/2021', 'day', 'Police'], ['police-9', '2022', 'year', 'Police'],
    ]);
    expect(t.events.find((e) => e.id === 'police-6')!.source).toEqual({ file: 'police.xlsx [Incidents]', line: 6 });
    expect(t.files.map((f) => [f.file, f.encoding, f.delimiter, f.headerLine, f.rows])).toEqual([
      ['police.xlsx [Incidents]', 'xlsx', 'cell', 3, 6], ['police.xlsx [Old]', 'xlsx', 'cell', 1, 1], ['gp.csv', 'utf-8', ',', 1, 1],
    ]);
    expect(t.issues.filter((i) => i.file === 'police.xlsx [Incidents]').map((i) => i.code)).toEqual(['sheets-skipped', 'cells-merged', 'row-hidden']);
    expect(t.issues.find((i) => i.code === 'sheets-skipped')!.message).toBe('one sheet of police.xlsx holds no chronology and was not read: "Codes" (no date column)');
  });

  it('with no sheet holding a chronology is a failure naming the workbook and its sheets', async () => {
    const bytes = await workbookBytes([['Codes', [['Code', 'Meaning']]], ['Blank', []]]);
    const { files, failures } = await readWorkbooks([{ name: 'codes.xlsx', bytes }]);
    expect(files).toEqual([]);
    expect(failures.map((f) => [f.code, f.message])).toEqual([['workbook-no-chronology', 'codes.xlsx: no sheet of this workbook holds a chronology (a table with a date column): "Codes" (no date column), "Blank" (empty)']]);
  });

  it('is read once: each sheet merged as readWorkbooks read it, the same as reading it again', async () => {
    // visits.csv comes first, so the workbook's sheets are stemmed visits-2 and visits-3; each
    // workbook's first sheet has a date-order verdict (ambiguous dates; 04/13/2021 can only be
    // month-first) that stays before the note of the sheet skipped.
    const files: AgencyFile[] = [
      { name: 'visits.csv', bytes: new TextEncoder().encode('Date,Details\n14/01/2021,Letter\n') },
      { name: 'visits.xlsx', bytes: await workbookBytes([
        ['Visits', [['Date', 'Details'], ['03/04/2021', 'Home visit'], ['05/06/2021', 'Case closed']]],
        ['Codes', [['Code', 'Meaning'], ['HV', 'Home visit']]],
        ['Later', [['Date', 'Details'], ['07/08/2021', 'Review meeting']]],
      ]) },
      { name: 'us.xlsx', bytes: await workbookBytes([
        ['Referrals', [['Date', 'Details'], ['04/13/2021', 'Referral received'], ['05/02/2021', 'Assessment']]],
        ['Notes', [['Cover note']]],
      ]) },
    ];
    const { files: expanded } = await readWorkbooks(files);
    expect(expanded.map((f) => [f.name, f.read?.idPrefix, f.read?.chronology.issues.map((i) => i.code)])).toEqual([
      ['visits.csv', undefined, undefined],
      ['visits.xlsx [Visits]', 'visits-2', ['date-order-assumed', 'sheets-skipped']],
      ['visits.xlsx [Later]', 'visits-3', ['date-order-assumed']],
      ['us.xlsx [Referrals]', 'us', ['date-order-month-first', 'sheets-skipped']],
    ]);
    const once = mergeAgencyFiles(expanded);
    const again = mergeAgencyFiles(expanded.map((f) => ({ ...f, read: undefined })));
    expect(once.ok && once.chronologies[1]).toBe(expanded[1]!.read!.chronology);
    expect(again.ok && again.chronologies[1]).not.toBe(expanded[1]!.read!.chronology);
    expect(once).toEqual(again);
    if (!once.ok) return;
    expect(once.timeline.events.map((e) => [e.id, e.date.start])).toEqual([
      ['visits-2', '2021-01-14'], ['visits-2-2', '2021-04-03'], ['us-2', '2021-04-13'], ['us-3', '2021-05-02'], ['visits-2-3', '2021-06-05'], ['visits-3-2', '2021-08-07'],
    ]);
  });
});

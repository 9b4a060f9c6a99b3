/**
 * Agency returns as Excel workbooks on the review server, read as the command line reads them:
 * each sheet that holds a chronology merged under `police.xlsx [Incidents]` with Excel's row
 * numbers, a sheet without one left out and said so, a workbook without any refused naming its
 * sheets and not stored, a date cell at the precision its format shows, a preview sheet by sheet,
 * the bytes downloaded as uploaded. The workbooks are made here, so every expectation is read off
 * the cells written below.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, NOW, testServer, type TestServer } from './helpers.js';
import { dateCell, workbookBytes } from '../helpers/workbook.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let s: TestServer;
beforeAll(async () => { s = await testServer(); });
afterAll(async () => { await s.app.close(); });

const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;
const upload = (review: string, parts: Parameters<typeof multipart>[0]) => {
  const body = multipart(parts);
  return s.call({ method: 'POST', url: `/api/reviews/${review}/files`, headers: { ...s.as.author, ...body.headers }, payload: body.payload });
};
async function newReview(): Promise<string> {
  const r = await s.call({ method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 'Workbook review' } });
  expect(r.statusCode).toBe(201);
  return json(r).id as string;
}
const fileNames = async (review: string): Promise<string[]> =>
  (JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${review}/files`, headers: s.as.author })).body) as Array<{ name: string }>).map((f) => f.name);

interface Report { file: string; agency: string; agencyFrom: string; encoding: string; delimiter: string; headerLine: number; rows: number; events: number; unusable: number; dateOrder: string; dateOrderFrom: string; order: string }
interface FileView { id: string; name: string; sha256: string; size: number; agency: string | null; profile: unknown; uploadedAt: string; report?: Report; sheets?: Report[]; issues?: Array<Record<string, unknown>> }
interface Event { id: string; agency: string; date: { text: string; start: string; precision: string }; source: { file: string; line: number } }
const reportOf = (r: Report) => [r.file, r.agency, r.agencyFrom, r.encoding, r.delimiter, r.headerLine, r.rows, r.events, r.unusable, r.dateOrder, r.dateOrderFrom, r.order];

/** Police's return: a chronology sheet (a day, a month shown `mmm-yy`, a day and a time) and a list of codes. */
const policeWorkbook = () => workbookBytes([
  ['Incidents', [
    ['Date', 'Officer', 'Details'],
    [dateCell('dd/mm/yyyy', 2021, 3, 14), 'PC 1', 'Call-out to the address'],
    [dateCell('mmm-yy', 2021, 4, 1), 'PC 2', 'Neighbour concerns'],
    [dateCell('dd/mm/yyyy hh:mm', 2021, 5, 30, 22, 15), 'PC 3', 'Domestic incident'],
  ]],
  ['Codes', [['Code', 'Meaning'], ['DA', 'Domestic abuse']]],
]);

const SKIPPED = {
  file: 'police.xlsx [Incidents]', line: 0, severity: 'info', code: 'sheets-skipped',
  message: 'one sheet of police.xlsx holds no chronology and was not read: "Codes" (no date column)',
};

describe('an Excel workbook uploaded', () => {
  it('is stored as uploaded, merged sheet by sheet with its records citing sheet and row, and says which sheet it skipped', async () => {
    const id = await newReview();
    const police = await policeWorkbook();
    const up = await upload(id, [{ file: 'police.xlsx', content: police, type: XLSX }, { file: 'gp.csv', content: 'Date,Event\n15/03/2021,Seen by GP\n' }]);
    expect(up.statusCode).toBe(201);
    const [book, gp] = JSON.parse(up.body) as FileView[];
    const sha = createHash('sha256').update(police).digest('hex');
    expect([book!.name, book!.sha256, book!.size, book!.agency, book!.profile, book!.uploadedAt]).toEqual(['police.xlsx', sha, police.length, null, null, NOW.toISOString()]);
    // The workbook's report is its one chronology sheet's: the header on row 1, rows 2 to 4 read, the first date only day-first.
    const incidents = ['police.xlsx [Incidents]', 'Police', 'file-name', 'xlsx', 'cell', 1, 3, 3, 0, 'day-first', 'values', 'ascending'];
    expect(reportOf(book!.report!)).toEqual(incidents);
    expect(book!.sheets!.map(reportOf)).toEqual([incidents]);
    expect(book!.issues).toEqual([SKIPPED]);
    // A CSV's view is as it was: its report, its issues, no sheets.
    expect([gp!.name, reportOf(gp!.report!), gp!.issues, 'sheets' in gp!]).toEqual(['gp.csv', ['gp.csv', 'GP', 'file-name', 'utf-8', ',', 1, 1, 1, 0, 'day-first', 'values', 'single'], [], false]);

    const timeline = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline`, headers: s.as.author }));
    // April 2021 is a month, sorted from its start, so after the GP's 15 March.
    expect((timeline.events as Event[]).map((e) => [e.id, e.agency, e.date.text, e.date.precision, `${e.source.file}:${e.source.line}`])).toEqual([
      ['police-2', 'Police', '14/03/2021', 'day', 'police.xlsx [Incidents]:2'],
      ['gp-2', 'GP', '15/03/2021', 'day', 'gp.csv:2'],
      ['police-3', 'Police', 'April 2021', 'month', 'police.xlsx [Incidents]:3'],
      ['police-4', 'Police', '30/05/2021 22:15', 'minute', 'police.xlsx [Incidents]:4'],
    ]);

    const one = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/files/${book!.id}`, headers: s.as.author })) as unknown as FileView;
    expect([reportOf(one.report!), one.sheets!.map(reportOf), one.issues]).toEqual([incidents, [incidents], [SKIPPED]]);

    const down = await s.call({ method: 'GET', url: `/api/reviews/${id}/files/${book!.id}/content`, headers: s.as.author });
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, Buffer.from(police))).toBe(0);
    expect([down.headers['content-type'], down.headers['content-disposition'], down.headers['x-content-sha256']])
      .toEqual(['application/octet-stream', 'attachment; filename="police.xlsx"; filename*=UTF-8\'\'police.xlsx', sha]);
  });

  it('keeps a month-formatted date cell a month: April 2021 overlaps 15-16 April, a day would not', async () => {
    const id = await newReview();
    const content = await workbookBytes([['Visits', [
      ['Date of Contact', 'Summary'],
      [dateCell('dd/mm/yyyy', 2021, 4, 1), 'Home visit'],
      [dateCell('mmm-yy', 2021, 4, 1), 'Visits in April: three, no concerns'],
    ]]]);
    expect((await upload(id, [{ file: 'health_visiting.xlsx', content, type: XLSX }])).statusCode).toBe(201);
    const april = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline?from=15/04/2021&to=16/04/2021`, headers: s.as.author }));
    expect((april.events as Event[]).map((e) => [e.id, e.agency, e.date.text, e.date.start, e.date.precision, `${e.source.file}:${e.source.line}`])).toEqual([
      ['health-visiting-3', 'Health Visiting', 'April 2021', '2021-04-01', 'month', 'health_visiting.xlsx [Visits]:3'],
    ]);
  });

  it('with no sheet holding a chronology is refused naming its sheets, and nothing of the upload is stored', async () => {
    const id = await newReview();
    expect((await upload(id, [{ file: 'police.csv', content: 'Date,Event\n01/02/2021,Call-out\n' }])).statusCode).toBe(201);
    const codes = await workbookBytes([['Codes', [['Code', 'Meaning'], ['DA', 'Domestic abuse']]], ['Blank', []]]);
    const r = await upload(id, [{ file: 'gp.csv', content: 'Date,Event\n15/03/2021,Seen by GP\n' }, { file: 'codes.xlsx', content: codes, type: XLSX }]);
    expect([r.statusCode, json(r)]).toEqual([422, {
      code: 'workbook-no-chronology', file: 'codes.xlsx',
      message: 'codes.xlsx: no sheet of this workbook holds a chronology (a table with a date column): "Codes" (no date column), "Blank" (empty)',
    }]);
    expect(await fileNames(id)).toEqual(['police.csv']);
  });

  it('is previewed sheet by sheet with another date order, saving nothing', async () => {
    const id = await newReview();
    // Text dates, none with a day above 12: each sheet is read day-first by assumption (date-order-assumed).
    const visits = await workbookBytes([
      ['Visits', [['Date', 'Details'], ['03/04/2021', 'Home visit'], ['05/06/2021', 'Case closed']]],
      ['Codes', [['Code', 'Meaning'], ['HV', 'Home visit']]],
      ['Later', [['Date', 'Details'], ['07/08/2021', 'Review meeting']]],
    ]);
    const up = await upload(id, [{ file: 'visits.xlsx', content: visits, type: XLSX }]);
    expect(up.statusCode).toBe(201);
    const [file] = JSON.parse(up.body) as FileView[];
    const codes = (issues: Array<Record<string, unknown>>) => issues.map((i) => [i.file, i.line, i.code]);
    expect([file!.sheets!.map((r) => [r.file, r.events, r.dateOrder, r.dateOrderFrom]), codes(file!.issues!)]).toEqual([
      [['visits.xlsx [Visits]', 2, 'day-first', 'ambiguous'], ['visits.xlsx [Later]', 1, 'day-first', 'ambiguous']],
      [['visits.xlsx [Visits]', 0, 'date-order-assumed'], ['visits.xlsx [Visits]', 0, 'sheets-skipped'], ['visits.xlsx [Later]', 0, 'date-order-assumed']],
    ]);

    const url = `/api/reviews/${id}/files/${file!.id}/preview`;
    const asIs = json(await s.call({ method: 'POST', url, headers: s.as.author, payload: {} }));
    // Every sheet's records in turn (ids stemmed as the review stems them), its first sheet's report, every sheet's issues.
    expect((asIs.events as Event[]).map((e) => [e.id, e.date.start, `${e.source.file}:${e.source.line}`])).toEqual([
      ['visits-2', '2021-04-03', 'visits.xlsx [Visits]:2'], ['visits-3', '2021-06-05', 'visits.xlsx [Visits]:3'], ['visits-2-2', '2021-08-07', 'visits.xlsx [Later]:2'],
    ]);
    expect([(asIs.report as Report).file, (asIs.sheets as Report[]).map((r) => [r.file, r.events]), codes(asIs.issues as Array<Record<string, unknown>>), asIs.issueCount]).toEqual([
      'visits.xlsx [Visits]', [['visits.xlsx [Visits]', 2], ['visits.xlsx [Later]', 1]],
      [['visits.xlsx [Visits]', 0, 'date-order-assumed'], ['visits.xlsx [Visits]', 0, 'sheets-skipped'], ['visits.xlsx [Later]', 0, 'date-order-assumed']], 3,
    ]);

    // Month-first, forced: 03/04/2021 is 4 March; rows: 2 gives the first sheet's two records; no verdict to report.
    const swapped = json(await s.call({ method: 'POST', url, headers: s.as.author, payload: { profile: { dateOrder: 'month-first' }, rows: 2 } }));
    expect((swapped.events as Event[]).map((e) => [e.id, e.date.start])).toEqual([['visits-2', '2021-03-04'], ['visits-3', '2021-05-06']]);
    expect([(swapped.sheets as Report[]).map((r) => [r.file, r.dateOrder, r.dateOrderFrom]), codes(swapped.issues as Array<Record<string, unknown>>), swapped.issueCount]).toEqual([
      [['visits.xlsx [Visits]', 'month-first', 'forced'], ['visits.xlsx [Later]', 'month-first', 'forced']], [['visits.xlsx [Visits]', 0, 'sheets-skipped']], 1,
    ]);

    const after = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/files/${file!.id}`, headers: s.as.author })) as unknown as FileView;
    expect(after.sheets!.map((r) => [r.file, r.dateOrder])).toEqual([['visits.xlsx [Visits]', 'day-first'], ['visits.xlsx [Later]', 'day-first']]);
  });

  it('is the one spreadsheet refused by name: an old .xls or a Word .docx is not allowed, and not stored', async () => {
    const id = await newReview();
    expect((await upload(id, [{ file: 'police.csv', content: 'Date,Event\n01/02/2021,Call-out\n' }])).statusCode).toBe(201);
    const got = [];
    for (const name of ['police.xls', 'referral.docx']) {
      const r = await upload(id, [{ file: name, content: 'Date,Event\n01/02/2021,Call-out\n', type: 'application/octet-stream' }]);
      got.push([r.statusCode, json(r)]);
    }
    const why = 'expected a .csv, .tsv, .txt or .xlsx file (an Excel workbook, or a spreadsheet saved as CSV)';
    expect(got).toEqual([
      [422, { code: 'file-name-invalid', message: `the file name "police.xls" is not allowed: ${why}` }],
      [422, { code: 'file-name-invalid', message: `the file name "referral.docx" is not allowed: ${why}` }],
    ]);
    expect(await fileNames(id)).toEqual(['police.csv']);
  });
});

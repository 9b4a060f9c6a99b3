import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.js';
import { detectDelimiter, parseTable } from '../../src/ingest/table.js';

const spectrum = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

describe('csv-spectrum: RFC 4180 cases parse to the expected records', () => {
  const names = readdirSync(join(spectrum, 'csvs')).map((f) => f.replace(/\.csv$/, ''));
  // csv-spectrum 2.0.0's twelve cases, by name: the it.each below runs over each of them.
  it('has the cases', () => expect([...names].sort()).toEqual([
    'comma_in_quotes', 'empty', 'empty_crlf', 'escaped_quotes', 'json', 'location_coordinates', 'newlines', 'newlines_crlf',
    'quotes_and_newlines', 'simple', 'simple_crlf', 'utf8',
  ]));
  it.each(names)('%s', (name) => {
    const { text } = decodeBytes(readFileSync(join(spectrum, 'csvs', `${name}.csv`)), name);
    const parsedJson = JSON.parse(readFileSync(join(spectrum, 'json', `${name}.json`), 'utf8')) as Record<string, string> | Array<Record<string, string>>;
    const expected = Array.isArray(parsedJson) ? parsedJson : [parsedJson];
    // csv-spectrum's own expectation for this case has a phone number its CSV does not contain
    // (1234567890 for 2095257564); every other cell, the odd bytes and the bare quotes included, is checked.
    if (name === 'location_coordinates') expected[0]!['Contact Phone Number'] = '2095257564';
    const table = parseTable(text, `${name}.csv`, ',');
    const rows = table.rows.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
    const [header, ...data] = rows.map((r) => r.cells);
    const records = data.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
    expect(records).toEqual(expected);
    expect(table.issues).toEqual([]);
  });
});

describe('delimiter detection', () => {
  it.each([
    [',', 'Date,Event,Outcome\n01/02/2021,"Visit; seen",ok\n02/02/2021,Call,none\n'],
    [';', 'Date;Event;Outcome\n01/02/2021;Visit, seen;ok\n02/02/2021;Call;none\n'],
    ['\t', 'Date\tEvent\tOutcome\n01/02/2021\tVisit, seen; ok\tok\n02/02/2021\tCall\tnone\n'],
    ['|', 'Date|Event|Outcome\n01/02/2021|Visit, seen|ok\n02/02/2021|Call|none\n'],
    [';', 'Chronology, prepared for the review\nAgency: GP\n\nDate;Event;Outcome\n01/02/2021;Visit;ok\n02/02/2021;Call;none\n'],
    // As many title lines with a comma as rows with tabs: the tabs split them into more fields.
    ['\t', 'Chronology for Child L, DOB 01/02/2019\nPrepared by, the GP practice\nDate\tEvent\tOutcome\n01/02/2021\tVisit\tok\n'],
    [',', 'Date,Event,Outcome\n01/02/2021,a;b;c;d,ok\n02/02/2021,e;f;g;h,ok\n'],
  ])('%j', (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('physical line numbers as an editor shows them', () => {
  const lines = (text: string): number[] => parseTable(text, 'x.csv', ',').rows.map((r) => r.line);
  it('counts title lines, blank lines and quoted newlines (LF)', () => {
    expect(lines('Title\n\nDate,Event\n01/01/2021,"a\nb\nc"\n02/01/2021,d\n')).toEqual([1, 2, 3, 4, 7]);
  });
  it('counts CRLF line endings once', () => {
    expect(lines('Title\r\n\r\nDate,Event\r\n01/01/2021,"a\r\nb"\r\n02/01/2021,d\r\n')).toEqual([1, 2, 3, 4, 6]);
  });
  it('does not count the final line break as one more (blank) row', () => {
    expect(lines('Date,Event\n01/01/2021,a\n')).toEqual([1, 2]);
    expect(lines('Date,Event\n01/01/2021,a\n\n')).toEqual([1, 2, 3]);
  });
  it('counts CR-only (old Mac) line endings', () => {
    expect(lines('Title\rDate,Event\r01/01/2021,"a\rb"\r02/01/2021,d')).toEqual([1, 2, 3, 5]);
  });
  it('counts a lone CR inside a quoted cell of an LF file as a line, as editors do', () => {
    expect(lines('Date,Event\n01/01/2021,"a\rb"\n02/01/2021,d\n')).toEqual([1, 2, 4]);
  });
  it('reports an unclosed quote on the line where its row starts', () => {
    const t = parseTable('Date,Event\n01/01/2021,ok\n02/01/2021,"never closed\n03/01/2021,x\n', 'x.csv', ',');
    expect(t.issues.map((i) => [i.code, i.line])).toEqual([['csv-quotes', 3]]);
  });
});

describe('decoding', () => {
  const cp1252 = Uint8Array.from([0x44, 0x61, 0x74, 0x65, 0x2c, 0xa3, 0x35, 0x20, 0x93, 0x5a, 0x6f, 0xeb, 0x94, 0x20, 0x92]);
  it('reads Windows-1252 (£, curly quotes, accents) when the bytes are not UTF-8', () => {
    expect(decodeBytes(cp1252, 'x.csv')).toEqual({ text: 'Date,£5 “Zoë” ’', encoding: 'windows-1252' });
  });
  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    const utf8 = new TextEncoder().encode('Date,£5 “Zoë”');
    expect(decodeBytes(utf8, 'x.csv')).toEqual({ text: 'Date,£5 “Zoë”', encoding: 'utf-8' });
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), 'x.csv')).toEqual({ text: 'Date,£5 “Zoë”', encoding: 'utf-8-bom' });
  });
  it('reads UTF-16 LE and BE with a BOM, and LE without one', () => {
    const text = 'Date,Event\r\n01/02/2021,Paid £5 by “Zoë”\r\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeBytes(Uint8Array.from([0xff, 0xfe, ...le]), 'x.csv')).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeBytes(Uint8Array.from([0xfe, 0xff, ...be]), 'x.csv')).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeBytes(Uint8Array.from(le), 'x.csv')).toEqual({ text, encoding: 'utf-16le' });
  });
  it('refuses empty and binary files with a coded error naming the file', () => {
    expect(() => decodeBytes(new Uint8Array(), 'empty.csv')).toThrow(expect.objectContaining({ code: 'file-empty', message: expect.stringContaining('empty.csv') }));
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => decodeBytes(png, 'photo.csv')).toThrow(expect.objectContaining({ code: 'file-binary', message: expect.stringContaining('photo.csv') }));
  });
  // What agencies send instead of a CSV, by its first bytes (a ZIP names its parts near the start).
  const zip = (part: string): Uint8Array => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, ...Buffer.from(`\0\0${part}`, 'latin1'), 0, 0, 0]);
  const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  it.each([
    [zip('[Content_Types].xml xl/workbook.xml'), 'police.csv', /police\.csv: this is an Excel workbook, not a chronology; open it in Excel and save it with File › Save As › "CSV UTF-8 \(Comma delimited\) \(\*\.csv\)", one file per sheet/],
    [zip('[Content_Types].xml word/document.xml'), 'gp.csv', /gp\.csv: this is a Word document, not a chronology; copy its chronology table into Excel and save it/],
    [zip('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), 'school.csv', /this is an OpenDocument spreadsheet, not a chronology; open it in LibreOffice Calc/],
    [zip('chronologies/police.csv'), 'returns.zip', /returns\.zip: this is a ZIP archive, not a chronology; unzip it/],
    [ole, 'hv.xls', /hv\.xls: this is an Excel 97–2003 workbook/],
    [ole, 'hv.doc', /hv\.doc: this is a Word 97–2003 document/],
    [Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0, 0, 0]), 'ed.csv', /ed\.csv: this is a PDF, not a chronology; ask the agency for its chronology as a spreadsheet or CSV/],
  ])('says what a binary file is and what to do with it (%#)', (bytes, file, message) => {
    expect(() => decodeBytes(bytes, file)).toThrow(expect.objectContaining({ code: 'file-binary', message: expect.stringMatching(message) }));
  });
});

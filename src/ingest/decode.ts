/**
 * Bytes → text. Agency returns arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's
 * "Unicode text"), or Windows-1252 (Excel on Windows: £, curly quotes, accented names).
 * Strict UTF-8 is tried first; bytes that are not valid UTF-8 are read as Windows-1252, which
 * maps every byte, so nothing is lost.
 */
import { ThroughlineError } from '../model/errors.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];

export interface DecodedText {
  text: string;
  encoding: Encoding;
}

/** How many leading bytes are looked at to tell text from a binary file. */
const BINARY_SNIFF_BYTES = 8192;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  return controls > n / 20;
}

const SAVE_AS_CSV = 'save it with File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)"';

/**
 * What a binary file is, as far as its first bytes and its name tell, and what its sender can do
 * about it: agencies most often send the Excel workbook or Word document itself.
 */
export function binaryKind(bytes: Uint8Array, file: string): { what: string; fix: string } {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  const name = file.toLowerCase();
  const excel = { what: 'an Excel workbook', fix: `open it in Excel and ${SAVE_AS_CSV}, one file per sheet` };
  const word = { what: 'a Word document', fix: `copy its chronology table into Excel and ${SAVE_AS_CSV}` };
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // A ZIP: Office and OpenDocument files name their parts near the start.
    const head = String.fromCharCode(...bytes.subarray(0, 4096));
    if (head.includes('xl/') || name.endsWith('.xlsx') || name.endsWith('.xlsm')) return excel;
    if (head.includes('word/') || name.endsWith('.docx')) return word;
    if (head.includes('opendocument.spreadsheet') || name.endsWith('.ods')) return { what: 'an OpenDocument spreadsheet', fix: 'open it in LibreOffice Calc and save it with File › Save As › "Text CSV (.csv)"' };
    if (head.includes('opendocument.text') || name.endsWith('.odt')) return { what: 'an OpenDocument text document', fix: 'copy its chronology table into a spreadsheet and save that as CSV' };
    return { what: 'a ZIP archive', fix: 'unzip it and give the CSV files inside' };
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    if (name.endsWith('.doc')) return { what: 'a Word 97–2003 document', fix: word.fix };
    if (name.endsWith('.xls')) return { what: 'an Excel 97–2003 workbook', fix: excel.fix };
    return { what: 'an Excel or Word 97–2003 file', fix: `open it in Excel (or copy its table there from Word) and ${SAVE_AS_CSV}` };
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return { what: 'a PDF', fix: 'ask the agency for its chronology as a spreadsheet or CSV: a table copied out of a PDF loses its columns' };
  return { what: 'a binary file', fix: 'expected a CSV or text table saved from Excel or Word' };
}

/** UTF-16 written without a BOM shows as NUL bytes at every other position of ASCII text. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length & ~1, BINARY_SNIFF_BYTES);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero <= pairs * 0.02) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero <= pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * Decodes an agency file. `forced` (from a profile) skips detection. Throws a coded error for a
 * file that is empty or binary: neither can be a chronology.
 */
export function decodeBytes(bytes: Uint8Array, file: string, forced?: Encoding): DecodedText {
  if (bytes.length === 0) throw new ThroughlineError('file-empty', `${file}: the file is empty; expected an agency chronology (a table with a date column)`, file);
  if (forced) return { text: decodeAs(bytes, forced), encoding: forced };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decodeAs(bytes, 'utf-8-bom'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeAs(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeAs(bytes, 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decodeAs(bytes, utf16), encoding: utf16 };
  if (looksBinary(bytes)) {
    const { what, fix } = binaryKind(bytes, file);
    throw new ThroughlineError('file-binary', `${file}: this is ${what}, not a chronology; ${fix}`, file);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeAs(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}

function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      // The BOM is dropped by the decoder.
      return new TextDecoder('utf-8').decode(bytes);
    case 'utf-16le':
    case 'utf-16be':
      return new TextDecoder(encoding).decode(bytes);
    case 'windows-1252':
      return decodeWindows1252(bytes);
  }
}

/**
 * Windows-1252 differs from Latin-1 in 0x80–0x9F (€, curly quotes, dashes, …). Node's own
 * TextDecoder reads those bytes as control characters, losing every curly quote, so the mapping
 * is done here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const DECODE_CHUNK = 16384;

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const units = new Uint16Array(Math.min(bytes.length, DECODE_CHUNK));
  for (let start = 0; start < bytes.length; start += DECODE_CHUNK) {
    const end = Math.min(bytes.length, start + DECODE_CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      units[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode.apply(null, Array.from(units.subarray(0, end - start))));
  }
  return parts.join('');
}

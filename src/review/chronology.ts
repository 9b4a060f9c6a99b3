/**
 * A review's agency files in, one merged chronology out: the orchestration the CLI and the server
 * share. Every file is ingested before anything is merged, so one file that cannot be read means
 * no merged chronology at all, and every such file is reported (not only the first).
 */
import { isThroughlineError, ThroughlineError } from '../model/errors.js';
import type { AgencyChronology, DateOrder, IngestIssue, Timeline } from '../model/types.js';
import { fileSlugs, ingest, prependTableIssue } from '../ingest/ingest.js';
import type { AgencyProfile } from '../ingest/profile.js';
import { merge, type MergeOptions } from '../timeline/merge.js';
import { isWorkbook, readWorkbook } from '../ingest/workbook.js';
import type { TableRow } from '../ingest/table.js';
import { sheetNameIn } from '../model/sheets.js';

/** One agency's file as it was received, with what a person has said about it. */
export interface AgencyFile {
  /** The file's name (or path): it names the file in every issue and gives event ids their stem. */
  name: string;
  bytes: Uint8Array;
  /** The agency, overriding any profile, agency column or the file's name. */
  agency?: string;
  /** Profiles that may apply to this file (their `files` globs still choose), the last winning. */
  profiles?: readonly AgencyProfile[];
  dateOrder?: DateOrder;
  /** A workbook's sheet already read as a table (see `readWorkbooks`); `bytes` are then not read. */
  table?: { rows: readonly TableRow[]; issues: readonly IngestIssue[] };
  /**
   * The sheet as `readWorkbooks` read it to tell that it holds a chronology, its event ids stemmed
   * `idPrefix`: `readAgencyFile` takes it rather than reading the sheet again.
   */
  read?: { idPrefix: string; chronology: AgencyChronology };
}

export type MergedFiles =
  | { ok: true; timeline: Timeline; chronologies: AgencyChronology[] }
  | { ok: false; failures: ThroughlineError[] };

/** A step of the work, for whoever shows progress: each file as its reading starts (`index` files read before it), then the merge. */
export type MergeStep = { phase: 'reading'; file: string; index: number } | { phase: 'merging' };

/** Ingests every file (ids stemmed by unique file slugs) and merges them, or lists every file that could not be read. */
export function mergeAgencyFiles(files: readonly AgencyFile[], options: MergeOptions = {}, onStep: (step: MergeStep) => void = () => {}): MergedFiles {
  const slugs = fileSlugs(files.map((f) => f.name));
  const chronologies: AgencyChronology[] = [];
  const failures: ThroughlineError[] = [];
  files.forEach((f, i) => {
    onStep({ phase: 'reading', file: f.name, index: i });
    try {
      chronologies.push(readAgencyFile(f, slugs[i]!));
    } catch (e) {
      if (!isThroughlineError(e)) throw e;
      failures.push(e);
    }
  });
  if (failures.length > 0) return { ok: false, failures };
  onStep({ phase: 'merging' });
  return { ok: true, timeline: merge(chronologies, options), chronologies };
}

/**
 * One file read as `mergeAgencyFiles` reads it, its event ids stemmed `idPrefix`: a workbook's
 * sheet that `readWorkbooks` has read already with that stem is not read again.
 */
export function readAgencyFile(f: AgencyFile, idPrefix: string): AgencyChronology {
  if (f.read?.idPrefix === idPrefix) return f.read.chronology;
  return ingest({ file: f.name, content: f.bytes, ...(f.table ? { table: f.table } : {}) }, {
    agency: f.agency, profiles: f.profiles, dateOrder: f.dateOrder, idPrefix,
  });
}

/** Failures in the order of the files they name (a sheet's with its workbook; one naming no file last), otherwise as they came. */
export function inFileOrder<F extends { file?: string }>(failures: readonly F[], files: readonly string[]): F[] {
  const at = (e: F): number => {
    const i = e.file === undefined ? -1 : files.findIndex((f) => e.file === f || sheetNameIn(e.file!, f) !== undefined);
    return i === -1 ? files.length : i;
  };
  return [...failures].sort((a, b) => at(a) - at(b));
}

/**
 * Each Excel workbook among the files replaced by its sheets that hold a chronology, each read as
 * a table and named `police.xlsx [Incidents]` (its rows are Excel's). A sheet that holds none (a
 * list of codes, a cover note) is left out and said so on the first sheet that does; a workbook
 * none of whose sheets holds a chronology, or that does not open, is a failure naming the file.
 * Other files pass through as they are. Each sheet kept carries the chronology read from it, with
 * the id stem `mergeAgencyFiles` gives it when merging the files returned, so it is read once.
 */
export async function readWorkbooks(files: readonly AgencyFile[], onStep: (step: MergeStep & { phase: 'reading' }) => void = () => {}): Promise<{ files: AgencyFile[]; failures: ThroughlineError[] }> {
  const out: AgencyFile[] = [];
  const failures: ThroughlineError[] = [];
  for (const [index, f] of files.entries()) {
    if (f.table || !isWorkbook(f.bytes, f.name)) { out.push(f); continue; }
    onStep({ phase: 'reading', file: f.name, index });
    let sheets;
    try {
      sheets = await readWorkbook(f.bytes, f.name);
    } catch (e) {
      if (!isThroughlineError(e)) throw e;
      failures.push(e);
      continue;
    }
    const kept: AgencyFile[] = [];
    const skipped: string[] = [];
    for (const sheet of sheets) {
      const file: AgencyFile = { ...f, name: sheet.name, bytes: new Uint8Array(), table: { rows: sheet.rows, issues: sheet.issues } };
      const idPrefix = fileSlugs([...out, ...kept, file].map((g) => g.name)).at(-1)!;
      try {
        kept.push({ ...file, read: { idPrefix, chronology: readAgencyFile(file, idPrefix) } });
      } catch (e) {
        if (!isThroughlineError(e)) throw e;
        skipped.push(`"${sheet.sheet}" (${sheet.rows.some((r) => r.cells.length > 0) ? 'no date column' : 'empty'})`);
      }
    }
    if (kept.length === 0) {
      failures.push(new ThroughlineError('workbook-no-chronology', `${f.name}: no sheet of this workbook holds a chronology (a table with a date column): ${skipped.join(', ')}`, f.name));
      continue;
    }
    if (skipped.length > 0) {
      const first = kept[0]!;
      const issue: IngestIssue = { file: first.name, line: 0, severity: 'info', code: 'sheets-skipped', message: `${skipped.length === 1 ? 'one sheet' : `${skipped.length} sheets`} of ${f.name} ${skipped.length === 1 ? 'holds' : 'hold'} no chronology and ${skipped.length === 1 ? 'was' : 'were'} not read: ${skipped.join(', ')}` };
      first.table = { rows: first.table!.rows, issues: [issue, ...first.table!.issues] };
      prependTableIssue(first.read!.chronology, issue);
    }
    out.push(...kept);
  }
  return { files: out, failures };
}

/** `throughline merge` on an agency's Excel workbook: read sheet by sheet, beside a CSV; a workbook with no chronology refused, naming it, nothing written. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempFolders } from '../helpers/cli.js';
import { dateCell, workbookBytes } from '../helpers/workbook.js';

const folder = tempFolders('workbook');

describe('throughline merge with a workbook', () => {
  it('merges each sheet that holds a chronology, its records citing the sheet and the row', async () => {
    const dir = folder();
    const workbook = join(dir, 'health_visiting.xlsx');
    writeFileSync(workbook, await workbookBytes([['2021', [
      ['Date of Contact', 'Summary'],
      [dateCell('dd/mm/yyyy', 2021, 3, 14), 'Home visit: all well'],
      [dateCell('mmmm yyyy', 2021, 4, 1), 'Visits in April: three, no concerns'],
    ]]]));
    const csv = join(dir, 'gp.csv');
    writeFileSync(csv, 'Date,Event\n15/03/2021,Seen by GP\n');
    const out = join(dir, 'merged.json');
    const r = run(['merge', workbook, csv, '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`throughline: 3 events from 2 files (2 agencies); 0 rows unusable, 0 out of scope, 0 cross-agency links, 0 records reporting an earlier event; issues: 0 errors, 0 warnings; written to ${out}\n`);
    const t = JSON.parse(readFileSync(out, 'utf8')) as { events: Array<{ agency: string; date: { text: string; precision: string }; source: { file: string; line: number } }> };
    expect(t.events.map((e) => [e.agency, e.date.text, e.date.precision, `${e.source.file}:${e.source.line}`])).toEqual([
      ['Health Visiting', '14/03/2021', 'day', `${workbook} [2021]:2`], ['GP', '15/03/2021', 'day', `${csv}:2`], ['Health Visiting', 'April 2021', 'month', `${workbook} [2021]:3`],
    ]);
  });

  it('refuses a workbook none of whose sheets holds a chronology, and writes nothing', async () => {
    const dir = folder();
    const workbook = join(dir, 'school.xlsx');
    writeFileSync(workbook, await workbookBytes([['Contents', [['Chronology to follow']]]]));
    const out = join(dir, 'merged.json');
    const r = run(['merge', workbook, '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`throughline: ${workbook}: no sheet of this workbook holds a chronology (a table with a date column): "Contents" (no date column)\nthroughline: nothing was written: this file needs fixing or removing\n`);
    expect(existsSync(out)).toBe(false);
  });
});

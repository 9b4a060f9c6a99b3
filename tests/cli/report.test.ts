/**
 * `throughline report` end to end: the overview report of the demo case opened by a real reader
 * (LibreOffice, headless, converting it to PDF) with its sections, its chronology and its five
 * figures; the workbook read back by exceljs; both anonymised with no name of the glossary in
 * any of their parts; and the command line's refusals.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, run, tempFolders } from '../helpers/cli.js';
import { openInLibreOffice } from '../helpers/office.js';
import { officeText } from '../helpers/zip.js';
import { DEMO_GLOSSARY, namesIn } from '../helpers/names.js';

const folder = tempFolders('report');
const GLOSSARY = DEMO_GLOSSARY;

function reviewFiles(dir: string): string[] {
  const model = join(dir, 'model.json');
  expect(run(['choose', '--agencies', '6', '--serious-concerns', 'yes', '--model', 'cspr', '--why', 'Serious concerns about six agencies', '-o', model]).status).toBe(0);
  const findings = join(dir, 'findings.json');
  writeFileSync(findings, JSON.stringify({ findings: [{ id: 'F1', title: 'Kerry\'s calls were not joined up', events: ['police-4'], causes: ['c3'] }],
    recommendations: [{ id: 'R1', text: 'Share every call-out with health visiting', owner: 'Police', measure: 'Audit', due: '31/03/2027', rootCauses: ['c3'], strength: 'intermediate' }] }));
  return ['--title', 'Child L', '--child', 'L,Lacey', '--model', model, '--findings', findings, '--rca', 'fixtures/rca/child-l.whys.txt'];
}

describe('throughline report', { timeout: 240_000 }, () => {
  it('writes an overview report LibreOffice opens, with every section, the chronology and five figures', () => {
    const dir = folder();
    const out = join(dir, 'report.docx');
    const r = run(['report', ...DEMO, ...reviewFiles(dir), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(`throughline: overview report of 115 records; written to ${out}\n`);
    const pdf = openInLibreOffice(readFileSync(out));
    for (const heading of ['1. Terms of reference and scope', '2. Methodology', '3. The merged chronology', '4. Diagrams', '5. Key practice episodes', '6. Findings', '7. Recommendations', '8. Glossary of abbreviations']) {
      expect(pdf.text).toContain(heading);
    }
    expect(pdf.text).toContain('Personalised working copy');
    expect(pdf.text).toContain('Finding F1: Kerry\'s calls were not joined up');
    expect(pdf.text).toContain('fixtures/demo/gp.csv:3');
    expect(pdf.text).toContain('Figure 5: The cause graph');
    expect(pdf.images).toBe(5);
    expect(pdf.pages).toBeGreaterThan(10);
  });

  it('anonymised, neither the report (every part of the file, and the text LibreOffice reads) nor the workbook names anyone in the glossary', async () => {
    const dir = folder();
    const args = [...DEMO, ...reviewFiles(dir), '--glossary', GLOSSARY, '--anonymise'];
    const plain = join(dir, 'plain.docx');
    expect(run(['report', ...DEMO, ...reviewFiles(dir), '-o', plain]).status).toBe(0);
    expect(namesIn(officeText(readFileSync(plain)))).toEqual(expect.arrayContaining(['Kerry', 'Dean Holt', 'Sarah Lowe']));
    const docx = join(dir, 'report.docx');
    const xlsx = join(dir, 'chronology.xlsx');
    const a = run(['report', ...args, '-o', docx]);
    expect(a.status, a.stderr).toBe(0);
    expect(run(['report', ...args, '-o', xlsx]).status).toBe(0);
    const text = officeText(readFileSync(docx));
    expect(text).toContain('Anonymised for publication');
    expect(text).toContain('Finding F1: Mother\'s calls were not joined up');
    expect(namesIn(text)).toEqual([]);
    expect(namesIn(openInLibreOffice(readFileSync(docx)).text)).toEqual([]);
    const workbook = officeText(readFileSync(xlsx));
    expect(workbook).toContain('Mother');
    expect(namesIn(workbook)).toEqual([]);
  });

  it('writes the chronology as a workbook exceljs reads back', async () => {
    const out = join(folder(), 'chronology.xlsx');
    expect(run(['report', ...DEMO, '-o', out]).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Chronology', 'Children\'s Social Care', 'GP', 'Health Visiting', 'Northmoor Hospital ED', 'Police', 'School', 'Recorded by several', 'Could not be read', 'Agency returns', 'Key practice episodes']);
    expect(book.getWorksheet('Chronology')!.rowCount).toBe(116);
  });

  it.each([
    [[], 'report needs --out FILE (a .docx or .xlsx): these are binary files'],
    [['-o', 'report.pdf'], '--out report.pdf: give --format docx or xlsx, or a file ending .docx or .xlsx'],
    [['-o', 'report.bin', '--format', 'pdf'], '--format pdf: expected one of docx, xlsx'],
  ])('refuses %j as a usage error', (args, message) => {
    const r = run(['report', ...DEMO, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

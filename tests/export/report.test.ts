/**
 * The overview report (DOCX) and the chronology workbook (XLSX) of the demo case, read back: the
 * DOCX's parts as Word keeps them, the XLSX by exceljs. Counts come from fixtures/demo/EXPECTED.md
 * (115 records from 6 agency returns, 5 rows unusable) and from the files written here.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoTimeline } from '../helpers/demo.js';
import { unzip } from '../helpers/zip.js';
import { analyse } from '../../src/analytics/analyse.js';
import { overviewReportDocx, type ReportInput } from '../../src/export/report.js';
import { chronologyXlsx, sheetName } from '../../src/export/xlsx.js';
import { adviseReviewModel } from '../../src/review/models.js';
import { validateFindings } from '../../src/review/findings.js';
import { validateSalfordRecord } from '../../src/review/salford.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { analyseRca } from '../../src/rca/analyse.js';
import { readFileSync } from 'node:fs';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';

const timeline = demoTimeline();
const analysis = analyse(timeline, { child: ['L', 'Lacey'] });
const rcaGraph = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt').graph;
const findings = validateFindings({
  findings: [{ id: 'F1', title: 'No agency held the whole picture of the bruising', text: 'Each agency saw one injury.', events: ['gp-3'], causes: ['c3'] }],
  recommendations: [{ id: 'R1', text: 'One multi-agency chronology from the first referral', owner: 'Safeguarding Partnership', measure: 'Audit of 20 cases a year', due: '31/03/2027', rootCauses: ['c3'], findings: ['F1'], strength: 'stronger' }],
}, 'findings', '2026-12-01');
const salford = validateSalfordRecord({ stages: { facts: { workedWell: ['The GP referred the same day'], worried: ['Three weeks to a strategy discussion'] } }, tree: { problem: 'Head injury not prevented', roots: [{ id: 'r1', text: 'No shared chronology' }] }, actions: [{ text: 'Keep one chronology', roots: ['r1'] }] }, 'salford');
const input = (extra: Partial<ReportInput> = {}): ReportInput => ({ title: 'Child L', timeline, analysis, anonymised: false, version: '9.9.9', ...extra });
const documentXml = async (i: ReportInput): Promise<{ xml: string; files: Map<string, Buffer> }> => {
  const files = unzip(await overviewReportDocx(i));
  return { xml: files.get('word/document.xml')!.toString('utf8'), files };
};
const paragraphs = (xml: string): string[] => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
  .map((t) => t.replace(/&apos;/g, '\'').replace(/&quot;/g, '"').replace(/&amp;/g, '&')).filter((t) => t !== '');

describe('the overview report (DOCX)', () => {
  it('holds every section in order, the chronology as a table of 115 rows under its heading row, and says it is a personalised working copy', async () => {
    const { xml } = await documentXml(input({ findings, salford, rca: { graph: rcaGraph, report: analyseRca(rcaGraph) }, model: adviseReviewModel({ agencies: 6, seriousConcerns: true }, { model: 'cspr', why: 'Serious concerns about six agencies' }) }));
    const p = paragraphs(xml);
    const headings = p.filter((t) => /^\d\. /.test(t));
    expect(headings).toEqual(['1. Terms of reference and scope', '2. Methodology', '3. The merged chronology', '4. Diagrams', '5. Key practice episodes', '6. Findings', '7. Recommendations', '8. The Salford case discussion', '9. Glossary of abbreviations']);
    expect(p.slice(0, 4)).toEqual(['Child L', 'Traditional Child Safeguarding Review model (previously Serious Case Reviews): overview report', 'Personalised working copy: it names people. Not for publication.', 'Draft prepared with throughline 9.9.9 from 6 agency returns.']);
    expect(p).toContain('Why: Serious concerns about six agencies');
    // The chosen model's guards are the guide's advice, not a record of what the review did.
    expect(p).toContain('Its drawbacks, and the guide\'s advice on guarding against them:');
    expect(p).toContain('"It is costly." Budget for the independent chair and report author from the start.');
    expect(p).toContain('The child is recorded as L, Lacey.');
    // Tables: the agency returns (6 + heading), the chronology (115 + heading), …
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => (m[0].match(/<w:tr[ >]/g) ?? []).length);
    expect(tables.slice(0, 2)).toEqual([7, 116]);
    // The chronology's dates are as the agencies wrote them: gp-3's is "22-03-2021".
    const chronology = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)][1]![0];
    expect(paragraphs(chronology).slice(0, 4)).toEqual(['Date', 'Agency', 'Event', 'Source']);
    expect(paragraphs(chronology)).toContain('22-03-2021');
    expect(paragraphs(chronology)).toContain('fixtures/demo/gp.csv:3');
    expect(p).toContain('Finding F1: No agency held the whole picture of the bruising');
    expect(p).toContain('Evidence: records gp-3; causes c3.');
    expect(paragraphs(xml)).toContain('Safeguarding Partnership');
  });

  it('draws five figures, each an SVG with a PNG fallback and its description as alt text', async () => {
    const { xml, files } = await documentXml(input({ rca: { graph: rcaGraph, report: analyseRca(rcaGraph) } }));
    const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.filter((m) => m.endsWith('.svg'))).toHaveLength(5);
    expect(media.filter((m) => m.endsWith('.png'))).toHaveLength(5);
    expect(paragraphs(xml).filter((t) => t.startsWith('Figure '))).toEqual([
      'Figure 1: The merged timeline: a lane per agency, key practice episodes and the times no agency saw the child shaded',
      'Figure 2: Records per month, by agency', 'Figure 3: What each agency knew, and when',
      'Figure 4: The fishbone diagram of the root cause analysis', 'Figure 5: The cause graph: root causes on the left, the problem on the right']);
    expect(xml).toMatch(/<wp:docPr [^>]*descr="Heatmap of how many records each of 6 agencies made per month/);
  });

  it('without an RCA draws three; without findings, recommendations or a model it says so; the glossary lists only abbreviations the text uses', async () => {
    const { xml, files } = await documentXml(input());
    expect([...files.keys()].filter((k) => k.endsWith('.svg'))).toHaveLength(3);
    const p = paragraphs(xml);
    for (const line of ['The review model has not been recorded.', 'No findings have been recorded.', 'No recommendations have been recorded.']) expect(p).toContain(line);
    const glossary = xml.slice(xml.lastIndexOf('Glossary of abbreviations'));
    expect(paragraphs(glossary).slice(0, 2)).toEqual(['Abbreviation', 'Meaning']);
    const terms = paragraphs(glossary).slice(2).filter((_, i) => i % 2 === 0);
    // The demo's records use these (each checked by hand in the CSVs); none of the others.
    expect(terms).toEqual(expect.arrayContaining(['CSC', 'DSL', 'GP', 'HV', 'ICPC', 'MARAC', 'PPN']));
    expect(terms).not.toContain('CAMHS');
  });

  it('says when it is anonymised for publication', async () => {
    expect(paragraphs((await documentXml(input({ anonymised: true }))).xml)[2]).toBe('Anonymised for publication: every person named in the glossary is replaced by their pseudonym.');
  });

  it('has the same text for the same inputs', async () => {
    expect((await documentXml(input())).xml).toBe((await documentXml(input())).xml);
  });
});

describe('the chronology workbook (XLSX)', () => {
  const read = async (bytes: Uint8Array): Promise<ExcelJS.Workbook> => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    return book;
  };
  const rows = (sheet: ExcelJS.Worksheet): string[][] => sheet.getSheetValues().slice(1).map((r) => ((r ?? []) as unknown[]).slice(1).map((c) => (c === undefined || c === null ? '' : String(c))));

  it('has a sheet per view, the whole chronology and each agency\'s, headings frozen and filtered', async () => {
    const book = await read(await chronologyXlsx(timeline, analysis));
    expect(book.worksheets.map((w) => w.name)).toEqual(['Chronology', ...timeline.agencyOrder, 'Recorded by several', 'Could not be read', 'Agency returns', 'Key practice episodes']);
    const chronology = book.getWorksheet('Chronology')!;
    expect(chronology.rowCount).toBe(116);
    expect(chronology.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows(chronology)[0]!.slice(-4)).toEqual(['Date as written', 'Date precision', 'Sorts from', 'Record']);
    const perAgency = timeline.agencyOrder.map((a) => book.getWorksheet(a)!.rowCount - 1);
    expect(perAgency.reduce((a, b) => a + b, 0)).toBe(115);
    expect(book.getWorksheet('Agency returns')!.rowCount).toBe(7);
    expect(book.getWorksheet('Could not be read')!.rowCount - 1).toBe(timeline.issues.length);
  });

  it('keeps a month as a month, as text, and neutralises a cell that would start a formula', async () => {
    const csv = 'Date,Event\nApril 2021,"=HYPERLINK(""http://x"",""click"")"\n03/05/2021,+44 phone call\n';
    const small = merge([ingest({ file: 'police.csv', content: new TextEncoder().encode(csv) }, { agency: 'Police' })]);
    const book = await read(await chronologyXlsx(small));
    const [head, april, may] = rows(book.getWorksheet('Chronology')!);
    const col = (name: string) => head!.indexOf(name);
    expect([april![col('Date')], april![col('Date as written')], april![col('Date precision')], april![col('Sorts from')]]).toEqual(['April 2021', 'April 2021', 'month', '2021-04-01']);
    expect(april![col('Event')]).toBe('\'=HYPERLINK("http://x","click")');
    expect(may![col('Event')]).toBe('\'+44 phone call');
    expect(may![col('Date')]).toBe('03/05/2021');
  });

  it('names sheets as Excel allows: 31 characters at most, none of []:*?/\\, each once', () => {
    const taken = new Set<string>();
    expect(sheetName('A/B [Team]: *what?*', taken)).toBe('A B  Team    what');
    expect(sheetName('x'.repeat(40), taken)).toBe('x'.repeat(31));
    expect(sheetName('x'.repeat(40), taken)).toBe(`${'x'.repeat(29)} 2`);
    expect(sheetName('CHRONOLOGY', new Set(['chronology']))).toBe('CHRONOLOGY 2');
  });
});

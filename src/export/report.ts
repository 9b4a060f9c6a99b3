/**
 * The overview report as a Word document (the `docx` library): a title page, the terms of
 * reference and scope, the methodology and why it was chosen, the merged chronology as a table
 * (dates as the agencies wrote them, agency, event, source), the diagrams (the engine's
 * Office-safe SVG, each with a PNG fallback for Word before 2016), the key practice episodes, the
 * findings with their evidence, the recommendations with owners and dates, the Salford case
 * discussion when one was held, and a glossary of the abbreviations the report uses.
 *
 * It takes what it is given as it is: anonymised values make an anonymised report. The document's
 * text is the same for the same inputs; only the creation time Word records in it differs.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, PageBreak, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Timeline } from '../model/types.js';
import type { Analysis } from '../analytics/types.js';
import { displayDay } from '../model/calendar.js';
import type { ReviewModelAdvice } from '../review/models.js';
import type { FindingsRecord } from '../review/findings.js';
import { SALFORD_STAGES, type SalfordRecord } from '../review/salford.js';
import type { Glossary } from '../review/glossary.js';
import type { CauseGraph } from '../rca/model.js';
import type { RcaReport } from '../rca/analyse.js';
import { renderTimeline } from '../../viz/svg/timeline.js';
import { renderHeatmap } from '../../viz/svg/heatmap.js';
import { renderKnowledge } from '../../viz/svg/knowledge.js';
import { renderFishbone } from '../../viz/svg/fishbone.js';
import { renderCauseGraph } from '../../viz/svg/causes.js';
import { svgToPng } from '../../viz/png.js';
import { count } from '../model/words.js';
import { escapeRegExp } from '../analytics/rules.js';

export interface ReportInput {
  /** The review's title, e.g. "Child L". */
  title: string;
  timeline: Timeline;
  analysis: Analysis;
  /** `throughline choose`'s answer with the model chosen and why. */
  model?: ReviewModelAdvice;
  findings?: FindingsRecord;
  salford?: SalfordRecord;
  rca?: { graph: CauseGraph; report: RcaReport };
  /** Its abbreviations make the report's glossary (with the common ones the report's text uses). */
  glossary?: Glossary;
  anonymised: boolean;
  /** The program's version, for the title page. */
  version: string;
}

/** Common abbreviations of multi-agency reviews, listed in the glossary when the report's text uses them and the review's glossary does not. */
export const COMMON_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'A&E': 'Accident and Emergency', ANP: 'Advanced Nurse Practitioner', CAIT: 'Child Abuse Investigation Team', CAMHS: 'Child and Adolescent Mental Health Services',
  CIN: 'Child in Need', CP: 'Child Protection', CSC: 'Children\'s Social Care', CSPR: 'Child Safeguarding Practice Review', DA: 'Domestic Abuse',
  DNA: 'Did Not Attend', DSL: 'Designated Safeguarding Lead', ED: 'Emergency Department', GP: 'General Practitioner', HV: 'Health Visitor',
  ICPC: 'Initial Child Protection Conference', IDVA: 'Independent Domestic Violence Adviser', IRO: 'Independent Reviewing Officer',
  KPE: 'Key Practice Episode', MARAC: 'Multi-Agency Risk Assessment Conference', MASH: 'Multi-Agency Safeguarding Hub', NFA: 'No Further Action',
  PPN: 'Public Protection Notice', RCA: 'Root Cause Analysis', RCPC: 'Review Child Protection Conference', s47: 'Section 47 enquiry (Children Act 1989)',
  SW: 'Social Worker', WNB: 'Was Not Brought',
};

const FONT = 'Liberation Sans';
const text = (t: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text: t, font: FONT, ...options });
const para = (t: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [text(t, options)], spacing: { after: 120 } });
const heading = (t: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) => new Paragraph({ text: t, heading: level, spacing: { before: 240, after: 120 } });
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** A table with a repeated heading row; `widths` in per cent of the text width. */
function table(headings: readonly string[], rows: ReadonlyArray<readonly string[]>, widths: readonly number[]): Table {
  const cell = (value: string, i: number, head: boolean) => new TableCell({
    borders: BORDERS, width: { size: widths[i]!, type: WidthType.PERCENTAGE },
    ...(head ? { shading: { fill: 'E8ECF1' } } : {}),
    children: value.split('\n').map((line) => new Paragraph({ children: [text(line, { bold: head, size: 18 })] })),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headings.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

/** The SVG's size in px (96 to the inch), from its root's width and height. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string): number => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: read('width'), height: read('height') };
}
const svgText = (svg: string, tag: 'title' | 'desc'): string => (new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(svg)?.[1] ?? '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, '\'').replace(/&amp;/g, '&');

/** A figure: the SVG with its PNG fallback, at its own size, with its caption and its description as alt text. */
function figure(n: number, svg: string, caption: string): Paragraph[] {
  const { width, height } = svgSize(svg);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({
        type: 'svg', data: new TextEncoder().encode(svg), fallback: { type: 'png', data: svgToPng(svg) },
        transformation: { width: Math.round(width), height: Math.round(height) },
        altText: { name: `Figure ${n}`, title: svgText(svg, 'title') || caption, description: svgText(svg, 'desc') || caption },
      })],
    }),
    new Paragraph({ children: [text(`Figure ${n}: ${caption}`, { italics: true })], alignment: AlignmentType.CENTER, spacing: { after: 240 } }),
  ];
}

/** The words of the report that are abbreviations the glossary should explain. */
function abbreviationsUsed(words: string, glossary: Glossary | undefined): Array<[string, string]> {
  const given = new Map((glossary?.entries ?? []).filter((e) => e.kind === 'abbreviation').map((e) => [e.name, e.pseudonym]));
  const all = new Map<string, string>([...Object.entries(COMMON_ABBREVIATIONS), ...given]);
  const used = [...all].filter(([a]) => given.has(a) || new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(a)}(?![\\p{L}\\p{N}])`, 'u').test(words));
  return used.sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
}

/** The sections of the report, in order, as paragraphs and tables. */
export function reportBody(input: ReportInput): Array<Paragraph | Table> {
  const { timeline, analysis } = input;
  const s = timeline.stats;
  const body: Array<Paragraph | Table> = [];
  const chosen = input.model?.chosen;
  let figures = 0;

  // Title page.
  body.push(
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(input.title, { size: 52 })], spacing: { before: 2400, after: 240 } }),
    new Paragraph({ children: [text(`${chosen ? chosen.name : 'Practice review'}: overview report`, { size: 32 })], spacing: { after: 480 } }),
    para(input.anonymised ? 'Anonymised for publication: every person named in the glossary is replaced by their pseudonym.' : 'Personalised working copy: it names people. Not for publication.', { bold: true }),
    para(`Draft prepared with throughline ${input.version} from ${count(s.files, 'agency return')}.`),
    new Paragraph({ children: [new PageBreak()] }),
  );

  body.push(heading('1. Terms of reference and scope'));
  body.push(para(timeline.scope.from || timeline.scope.to
    ? `The review looks at the period from ${timeline.scope.from ? displayDay(timeline.scope.from) : 'the first record'} to ${timeline.scope.to ? displayDay(timeline.scope.to) : 'the last record'}.`
    : `No review period was set: the chronology runs${s.first ? ` from ${displayDay(s.first)} to ${displayDay(s.last!)}` : ''} as the agencies' records do.`));
  body.push(para(`${count(timeline.agencyOrder.length, 'agency', 'agencies')} returned a chronology: ${timeline.agencyOrder.join(', ')}.`));
  // Only the names the reviewer gave: the ones inferred from the returns may be generic words ("baby").
  const given = analysis.child.found.filter((n) => n.how.includes('given')).map((n) => n.name);
  if (given.length > 0) body.push(para(`The child is recorded as ${given.join(', ')}.`));

  body.push(heading('2. Methodology'));
  if (chosen) {
    body.push(para(`The review was conducted as: ${chosen.name}.`), para(`Why: ${chosen.why}`));
    const advice = input.model!.models.find((m) => m.id === chosen.id);
    if (advice && advice.for.length > 0) {
      body.push(para('The partnership\'s policy supports this choice:'), ...advice.for.map((r) => new Paragraph({ bullet: { level: 0 }, children: [text(`"${r.because}"`)] })));
    }
    if (advice && advice.guards.length > 0) {
      body.push(para('Its drawbacks, and the guide\'s advice on guarding against them:'), ...advice.guards.map((g) => new Paragraph({ bullet: { level: 0 }, children: [text(`"${g.drawback}" ${g.advice}`)] })));
    }
  } else {
    body.push(para('The review model has not been recorded.'));
  }
  body.push(para(`Each agency's chronology was merged into one, in date order, by throughline: ${count(s.events, 'record')}, of which ${count(s.linkedEvents, 'record')} describe ${count(s.linkedGroups, 'event')} that more than one agency recorded. Rows that could not be read as they stand (${s.unusable}) are kept at the end of the chronology and listed with their file and line.`));
  body.push(table(['Agency return', 'Agency', 'Rows', 'Records', 'Could not be read'], timeline.files.map((f) => [f.file, f.agency, String(f.rows), String(f.events), String(f.unusable)]), [34, 30, 12, 12, 12]));

  body.push(heading('3. The merged chronology'));
  body.push(para('Dates are as each agency wrote them; the source is the agency\'s file and line.'));
  body.push(table(['Date', 'Agency', 'Event', 'Source'],
    timeline.events.map((e) => [e.date.text, e.agency, e.outcome ? `${e.summary}\nOutcome: ${e.outcome}` : e.summary, `${e.source.file}:${e.source.line}`]), [14, 18, 50, 18]));

  body.push(heading('4. Diagrams'));
  body.push(...figure(++figures, renderTimeline(timeline, { widthMm: 160, episodes: analysis.episodes, childNotSeen: analysis.gaps.childNotSeen }), 'The merged timeline: a lane per agency, key practice episodes and the times no agency saw the child shaded'));
  body.push(...figure(++figures, renderHeatmap(analysis.grid, { widthMm: 160 }), 'Records per month, by agency'));
  if (analysis.knowledge.incidents.length > 0) body.push(...figure(++figures, renderKnowledge(analysis.knowledge, timeline, { widthMm: 160 }), 'What each agency knew, and when'));
  if (input.rca) {
    body.push(...figure(++figures, renderFishbone(input.rca.graph, { widthMm: 160 }), 'The fishbone diagram of the root cause analysis'));
    body.push(...figure(++figures, renderCauseGraph(input.rca.graph, input.rca.report, { widthMm: 160 }), 'The cause graph: root causes on the left, the problem on the right'));
  }

  body.push(heading('5. Key practice episodes'));
  body.push(analysis.episodes.length === 0 ? para('No key practice episode was identified.') : table(['Episode', 'From', 'To', 'Agencies', 'Records'],
    analysis.episodes.map((e) => [e.title, displayDay(e.from), displayDay(e.to), e.agencies.join(', '), String(e.events.length)]), [34, 13, 13, 30, 10]));

  body.push(heading('6. Findings'));
  const findings = input.findings?.findings ?? [];
  if (findings.length === 0) body.push(para('No findings have been recorded.'));
  for (const f of findings) {
    body.push(heading(`Finding ${f.id}: ${f.title}`, HeadingLevel.HEADING_2));
    if (f.text) body.push(para(f.text));
    const evidence = [f.events.length > 0 ? `records ${f.events.join(', ')}` : '', f.causes.length > 0 ? `causes ${f.causes.join(', ')}` : ''].filter((x) => x !== '');
    body.push(para(`Evidence: ${evidence.join('; ') || 'none cited'}.`, { italics: true }));
  }

  body.push(heading('7. Recommendations'));
  const recommendations = input.findings?.recommendations ?? [];
  body.push(recommendations.length === 0 ? para('No recommendations have been recorded.') : table(['No.', 'Recommendation', 'Owner', 'Measure', 'Due', 'Strength', 'Status', 'Root causes'],
    recommendations.map((r) => [r.id, r.text, r.owner, r.measure, displayDay(r.due), r.strength, r.status, r.rootCauses.join(', ')]), [6, 28, 12, 18, 10, 9, 9, 8]));

  if (input.salford) {
    body.push(heading('8. The Salford case discussion'));
    for (const stage of SALFORD_STAGES) {
      const notes = input.salford.stages[stage];
      body.push(heading(input.salford.wording[stage].label, HeadingLevel.HEADING_2));
      body.push(para(`What worked well: ${notes.workedWell.join('; ') || 'nothing recorded'}.`), para(`What we are worried about: ${notes.worried.join('; ') || 'nothing recorded'}.`));
    }
    if (input.salford.tree.problem) body.push(para(`The problem: ${input.salford.tree.problem}. Its root causes: ${input.salford.tree.roots.map((r) => `${r.id} ${r.text}${r.cause ? ` (${r.cause})` : ''}`).join('; ') || 'none recorded'}.`));
    for (const a of input.salford.actions) body.push(new Paragraph({ bullet: { level: 0 }, children: [text(`${a.text}${a.owner ? `, by ${a.owner}` : ''}${a.due ? `, by ${a.due}` : ''} (aimed at ${a.roots.join(', ') || 'no root cause'})`)] }));
  }

  // The glossary lists what the report's own text uses.
  const words = JSON.stringify([timeline.events.map((e) => [e.summary, e.outcome, e.practitioner, e.type]), findings, recommendations, input.salford ?? null]);
  const abbreviations = abbreviationsUsed(words, input.glossary);
  body.push(heading(`${input.salford ? 9 : 8}. Glossary of abbreviations`));
  body.push(abbreviations.length === 0 ? para('The report uses no abbreviations.') : table(['Abbreviation', 'Meaning'], abbreviations.map(([a, m]) => [a, m]), [25, 75]));
  return body;
}

/** The overview report as DOCX bytes: A4, Liberation Sans (Arial's metrics), headings Word's own so its navigation pane and contents work. */
export async function overviewReportDocx(input: ReportInput): Promise<Uint8Array> {
  const doc = new Document({
    title: `${input.title}: overview report`, creator: `throughline ${input.version}`, description: input.anonymised ? 'Anonymised for publication' : 'Personalised working copy: not for publication',
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.PORTRAIT, width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      children: reportBody(input),
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * The heavy work of a review, done off the request thread (see pool.ts): its files read and merged
 * into one chronology; its analysis written out as JSON or Markdown; its diagrams drawn; or one
 * uploaded file read alone, to refuse it if it is not a chronology. Plain data in and out, so it
 * crosses to a worker thread and back. What goes back to answer a request (an analysis, a diagram)
 * goes as the response's bytes, so the request thread never unpacks or serialises it.
 */
import { fileSlugs } from '../../src/ingest/ingest.js';
import { inFileOrder, mergeAgencyFiles, readAgencyFile, readWorkbooks, type AgencyFile } from '../../src/review/chronology.js';
import { analyse, type AnalyseOptions } from '../../src/analytics/analyse.js';
import { knownRecords } from '../../src/analytics/known.js';
import { analysisJsonChunks, analysisMarkdownChunks } from '../../src/export/analysis.js';
import { readCauseGraph, type CauseGraphFormat } from '../../src/rca/read.js';
import { analyseRca } from '../../src/rca/analyse.js';
import type { MergeOptions } from '../../src/timeline/merge.js';
import type { Analysis, GridPeriod } from '../../src/analytics/types.js';
import type { AgencyFileReport, ChronologyEvent, IngestIssue, Timeline } from '../../src/model/types.js';
import { isThroughlineError, ThroughlineError } from '../../src/model/errors.js';
import { adviseReviewModel, type CaseFacts } from '../../src/review/models.js';
import type { FindingsRecord } from '../../src/review/findings.js';
import type { SalfordRecord } from '../../src/review/salford.js';
import { readGlossary, type Glossary } from '../../src/review/glossary.js';
import { anonymiseDeep, anonymiser, fold, nameCandidates, publishAnonymised, type NameCandidate } from '../../src/review/anonymise.js';
import { causeGraphFromJson, causeGraphToJson } from '../../src/rca/json.js';

/** The renderers (d3, dagre) and resvg, loaded with the first diagram rather than at start-up. */
const viz = async () => {
  const [{ renderTimeline }, { renderHeatmap }, { renderWhyChain }, { renderFishbone }, { renderCauseGraph }, { svgToPng }, { renderKnowledge }] = await Promise.all([
    import('../../viz/svg/timeline.js'), import('../../viz/svg/heatmap.js'), import('../../viz/svg/whys.js'), import('../../viz/svg/fishbone.js'),
    import('../../viz/svg/causes.js'), import('../../viz/png.js'), import('../../viz/svg/knowledge.js'),
  ]);
  return { renderTimeline, renderHeatmap, renderWhyChain, renderFishbone, renderCauseGraph, svgToPng, renderKnowledge };
};

/** A coded error as plain data (a class does not survive the trip between threads). */
export interface CodedFailure { code: string; message: string; file?: string }

export type Merged = { ok: true; timeline: Timeline } | { ok: false; failures: CodedFailure[] };

/**
 * Where a task on a review's chronology has got to, for the status route. Files are counted as
 * they are read; merging and analysing are one step each.
 */
export type Progress =
  | { phase: 'queued' }
  | { phase: 'reading'; file: string; filesRead: number; files: number }
  | { phase: 'merging'; files: number }
  | { phase: 'analysing' }
  | { phase: 'drawing' };

/** A review's chronology as a task names it: the key the worker keeps it under, and the files to merge if it has not. */
export interface ChronologyRef { key: string; files?: AgencyFile[]; merge: MergeOptions }

export type AnalysisOptions = Omit<AnalyseOptions, 'period'> & { period: GridPeriod };

export const DIAGRAMS = ['timeline', 'heatmap', 'knowledge', 'whys', 'fishbone', 'causes'] as const;
/** The diagrams drawn from the chronology (the others from a cause analysis). */
export type ChartDiagram = 'timeline' | 'heatmap' | 'knowledge';
/** The timeline as one agency could know it on a day (`yyyy-mm-dd`). */
export interface KnownBy { agency: string; on: string }

/** A cause analysis as the review keeps it: its source in its format, and its title. */
export interface CauseGraphSource { format: CauseGraphFormat; source: string; title: string }

/** What a review publishes beside the chronology and its analysis, as the review keeps it: its title, the model chosen and why, the findings, the Salford discussion, a cause analysis. */
export interface ReviewDocuments {
  title: string;
  model?: { facts: CaseFacts; model: string; why: string };
  findings?: FindingsRecord;
  salford?: SalfordRecord;
  graph?: CauseGraphSource;
}

/** What the overview report or the workbook is made of beside the chronology. */
export interface ReportTask extends ReviewDocuments {
  format: 'docx' | 'xlsx';
  version: string;
  anonymise: boolean;
  /** The glossary as its CSV text (the review's `glossary` setting). */
  glossary?: string;
}

/** Asks for a result anonymised for publication: the review's glossary as its CSV text (its `glossary` setting); without one the task is refused (`glossary-missing`). */
export interface Anonymise { glossary?: string }

/** A word the name check leaves undecided, with its first places: a record's source (file and line) and id, or the part of the review it is in; and the field. */
export interface UndecidedName { word: string; why: NameCandidate['why']; count: number; places: number; where: Array<{ place: string; field?: string; record?: string }> }
export type Diagram = (typeof DIAGRAMS)[number];

export type Task =
  | { kind: 'merge'; chronology: ChronologyRef }
  | { kind: 'analysis'; chronology: ChronologyRef; analyse: AnalysisOptions; format: 'json' | 'md'; anonymise?: Anonymise }
  | { kind: 'chart'; chronology: ChronologyRef; analyse: AnalysisOptions; diagram: ChartDiagram; widthMm: number; png: boolean; knownBy?: KnownBy; anonymise?: Anonymise }
  | { kind: 'cause-diagram'; graph: CauseGraphSource; diagram: 'whys' | 'fishbone' | 'causes'; widthMm: number; png: boolean; anonymise?: Anonymise }
  /** The merged chronology anonymised, checked with its analysis (as the analysis and the diagrams are, so all three are published or refused together). */
  | { kind: 'published'; chronology: ChronologyRef; analyse: AnalysisOptions; anonymise: Anonymise }
  /** The name check of everything the review publishes (the chronology, its analysis, its documents, every cause analysis), anonymised through the glossary first (none: as written). */
  | { kind: 'names'; chronology: ChronologyRef; analyse: AnalysisOptions; glossary?: string; documents: Omit<ReviewDocuments, 'graph'>; graphs: CauseGraphSource[] }
  /** One file read alone, as the review would read it: refused with its reason, or (`preview` rows) its report, first records and issues. */
  | { kind: 'check'; file: AgencyFile; preview?: number }
  | { kind: 'report'; chronology: ChronologyRef; analyse: AnalysisOptions; report: ReportTask };

export type TaskResult =
  | { kind: 'merged'; merged: Merged }
  /** The answer to a request, ready to send. */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** The chronology could not be merged, or a cause graph could not be read. */
  | { kind: 'failed'; failures: CodedFailure[] }
  /** The worker no longer keeps this chronology: send the task again with its files. */
  | { kind: 'needs-files' }
  | { kind: 'check'; failure?: CodedFailure; preview?: Preview }
  | { kind: 'names'; undecided: UndecidedName[] };

/**
 * A file as it would be read: its report, its first records and issues, and how many issues in
 * all. A workbook is read sheet by sheet: the report is its first chronology sheet's, `sheets`
 * every such sheet's, and the records and issues are all its sheets' in turn.
 */
export interface Preview { report: AgencyFileReport; sheets?: AgencyFileReport[]; events: ChronologyEvent[]; issues: IngestIssue[]; issueCount: number }

const failure = (e: unknown): CodedFailure => {
  if (!isThroughlineError(e)) throw e;
  return { code: e.code, message: e.message, ...(e.file !== undefined ? { file: e.file } : {}) };
};

/** Merged chronologies kept by the thread that made them (`reviewId@revision`) with their analyses by period, so later tasks need not merge again. */
const kept = new Map<string, { merged: Merged; analyses: Map<GridPeriod, Analysis> }>();
const KEPT = 4;

const encoder = new TextEncoder();
const utf8 = (chunks: Iterable<string>): Uint8Array => encoder.encode([...chunks].join(''));

type Report = (progress: Progress) => void;

/**
 * The chronology a task names, merged now if this thread does not keep it (each workbook read
 * sheet by sheet first, as the command line reads it); undefined when it would need files that
 * were not sent.
 */
async function chronology(ref: ChronologyRef, report: Report): Promise<{ merged: Merged; analyses: Map<GridPeriod, Analysis>; fresh: boolean } | undefined> {
  const hit = kept.get(ref.key);
  if (hit) return { ...hit, fresh: false };
  if (!ref.files) return undefined;
  let merged: Merged;
  try {
    const names = ref.files.map((f) => f.name);
    const sheets = await readWorkbooks(ref.files, (step) => report({ phase: 'reading', file: step.file, filesRead: step.index, files: names.length }));
    const files = sheets.files.length;
    const m = mergeAgencyFiles(sheets.files, ref.merge, (step) => report(step.phase === 'reading' ? { phase: 'reading', file: step.file, filesRead: step.index, files } : { phase: 'merging', files }));
    const failures = inFileOrder([...sheets.failures, ...(m.ok ? [] : m.failures)], names);
    merged = m.ok && failures.length === 0 ? { ok: true, timeline: m.timeline } : { ok: false, failures: failures.map(failure) };
  } catch (e) {
    merged = { ok: false, failures: [failure(e)] };
  }
  const entry = { merged, analyses: new Map<GridPeriod, Analysis>() };
  kept.set(ref.key, entry);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return { ...entry, fresh: true };
}

function analysisOf(entry: { merged: Merged & { ok: true }; analyses: Map<GridPeriod, Analysis> }, options: AnalysisOptions, report: Report): Analysis {
  let analysis = entry.analyses.get(options.period);
  if (!analysis) {
    report({ phase: 'analysing' });
    analysis = analyse(entry.merged.timeline, options);
    entry.analyses.set(options.period, analysis);
  }
  return analysis;
}

export async function runTask(task: Task, report: Report = () => {}): Promise<TaskResult> {
  switch (task.kind) {
    case 'check':
      try {
        // The file alone as the review reads it: a workbook as its chronology sheets, each read once.
        const sheets = await readWorkbooks([task.file]);
        if (sheets.failures.length > 0) return { kind: 'check', failure: failure(sheets.failures[0]) };
        const slugs = fileSlugs(sheets.files.map((f) => f.name));
        const reads = sheets.files.map((f, i) => readAgencyFile(f, slugs[i]!));
        if (task.preview === undefined) return { kind: 'check' };
        const events: ChronologyEvent[] = [];
        for (const read of reads) events.push(...read.events.slice(0, task.preview - events.length));
        const issues = reads.flatMap((read) => read.issues);
        const workbook = sheets.files[0]!.name !== task.file.name;
        return { kind: 'check', preview: { report: reads[0]!.report, ...(workbook ? { sheets: reads.map((read) => read.report) } : {}), events, issues: issues.slice(0, 100), issueCount: issues.length } };
      } catch (e) {
        return { kind: 'check', failure: failure(e) };
      }
    case 'cause-diagram': {
      let graph;
      try {
        graph = readCauseGraph(task.graph.format, task.graph.source, task.graph.title).graph;
        if (task.anonymise) {
          const [json] = published(true, glossaryOf(task.anonymise.glossary), causeGraphToJson(graph));
          graph = causeGraphFromJson(json, task.graph.title).graph;
        }
      } catch (e) {
        return { kind: 'failed', failures: [failure(e)] };
      }
      report({ phase: 'drawing' });
      const v = await viz();
      const options = { widthMm: task.widthMm };
      const svg = task.diagram === 'whys' ? v.renderWhyChain(graph, options) : task.diagram === 'fishbone' ? v.renderFishbone(graph, options) : v.renderCauseGraph(graph, analyseRca(graph), options);
      return { kind: 'bytes', bytes: task.png ? v.svgToPng(svg) : encoder.encode(svg) };
    }
    default: {
      const entry = await chronology(task.chronology, report);
      if (!entry) return { kind: 'needs-files' };
      const { merged } = entry;
      if (task.kind === 'merge') return { kind: 'merged', merged };
      if (!merged.ok) return { kind: 'failed', failures: merged.failures };
      const analysis = analysisOf({ merged, analyses: entry.analyses }, task.analyse, report);
      if (task.kind === 'report') {
        try {
          return { kind: 'bytes', bytes: await reportBytes(task.report, merged.timeline, analysis, report) };
        } catch (e) {
          return { kind: 'failed', failures: [failure(e)] };
        }
      }
      // What is published: the chronology and its analysis as they are, or anonymised together and checked.
      let timeline = merged.timeline;
      let analysed = analysis;
      try {
        if (task.kind === 'names') return { kind: 'names', undecided: undecidedNames(task, timeline, analysis) };
        if (task.anonymise) [timeline, analysed] = publishedChronology(timeline, analysis, task.anonymise);
      } catch (e) {
        return { kind: 'failed', failures: [failure(e)] };
      }
      if (task.kind === 'published') return { kind: 'merged', merged: { ok: true, timeline } };
      if (task.kind === 'analysis') return { kind: 'bytes', bytes: utf8(task.format === 'md' ? analysisMarkdownChunks(analysed, timeline) : analysisJsonChunks(analysed)) };
      report({ phase: 'drawing' });
      const v = await viz();
      // As one agency could know it: the agency as its name is published.
      const known = task.knownBy && task.anonymise ? { ...task.knownBy, agency: anonymiser(glossaryOf(task.anonymise.glossary)!)(task.knownBy.agency) } : task.knownBy;
      const svg = task.diagram === 'heatmap'
        ? v.renderHeatmap(analysed.grid, { widthMm: task.widthMm })
        : task.diagram === 'knowledge'
          ? v.renderKnowledge(analysed.knowledge, timeline, { widthMm: task.widthMm })
          : v.renderTimeline(timeline, {
            widthMm: task.widthMm, episodes: analysed.episodes, childNotSeen: analysed.gaps.childNotSeen,
            ...(known ? { knownBy: { ...known, records: knownRecords(analysed.knowledge, timeline, known.agency, known.on) } } : {}),
          });
      return { kind: 'bytes', bytes: task.png ? v.svgToPng(svg) : encoder.encode(svg) };
    }
  }
}

/** The glossary a task carries as its CSV text, read (the server checked it when it was set). */
const glossaryOf = (text: string | undefined): Glossary | undefined => (text !== undefined ? readGlossary(encoder.encode(text), 'glossary') : undefined);

/**
 * `values` as they are published: as they are, or (anonymise) with every person the glossary names
 * replaced and nothing left that looks like a name the glossary does not decide: one rule for the
 * report, the workbook, the chronology, the analysis and the diagrams. A coded error without a
 * glossary (`glossary-missing`) or while a word is undecided (`names-undecided`).
 */
function published<T extends readonly unknown[]>(anonymise: boolean, glossary: Glossary | undefined, ...values: T): T {
  if (!anonymise) return values;
  if (!glossary) throw new ThroughlineError('glossary-missing', 'anonymising needs the review\'s glossary (its glossary setting): set the review\'s glossary first');
  return publishAnonymised(glossary, ...values);
}

/** The chronology and its analysis as published through a glossary, kept with the analysis they come from (a new chronology or period is a new analysis) by the glossary's text. */
const publishedKept = new WeakMap<Analysis, Map<string, readonly [Timeline, Analysis]>>();
const PUBLISHED_KEPT = 2;

function publishedChronology(timeline: Timeline, analysis: Analysis, anonymise: Anonymise): readonly [Timeline, Analysis] {
  const byGlossary = publishedKept.get(analysis) ?? new Map<string, readonly [Timeline, Analysis]>();
  const key = anonymise.glossary ?? '';
  let pair = byGlossary.get(key);
  if (!pair) {
    pair = published(true, glossaryOf(anonymise.glossary), timeline, analysis);
    if (byGlossary.size >= PUBLISHED_KEPT) byGlossary.delete(byGlossary.keys().next().value!);
    byGlossary.set(key, pair);
    publishedKept.set(analysis, byGlossary);
  }
  return pair;
}

/** What a review publishes, in the report's order: the chronology, its analysis, the model chosen, the findings, the Salford discussion, a cause analysis (as graph JSON) and the title. */
function publishable(original: Timeline, analysis: Analysis, d: ReviewDocuments) {
  const advice = d.model ? adviseReviewModel(d.model.facts, { model: d.model.model, why: d.model.why }) : undefined;
  const read = d.graph ? readCauseGraph(d.graph.format, d.graph.source, d.graph.title) : undefined;
  return { advice, values: [original, analysis, advice?.chosen ?? null, d.findings ?? null, d.salford ?? null, read ? causeGraphToJson(read.graph) : null, d.title] as const };
}

/** Places listed per word, as the command line lists them. */
const PLACES = 5;

/**
 * The name check of everything a review publishes (what `publishAnonymised` would refuse, part by
 * part): each part anonymised through the glossary, then its words that look like a name and that
 * the glossary does not decide, with their first places. A place in the chronology is a record's
 * source and id (or an issue's file and line); elsewhere, the part of the review.
 */
function undecidedNames(task: Task & { kind: 'names' }, original: Timeline, analysis: Analysis): UndecidedName[] {
  const glossary = glossaryOf(task.glossary) ?? { file: 'glossary', entries: [] };
  const replace = anonymiser(glossary);
  const [, , chosen, findings, salford, , title] = publishable(original, analysis, task.documents).values;
  const parts: Array<[string, unknown]> = [['chronology', original], ['analysis', analysis], ['review model', chosen], ['findings', findings], ['Salford discussion', salford], ['title', title],
    ...task.graphs.map((g): [string, unknown] => [`cause analysis "${g.title}"`, causeGraphToJson(readCauseGraph(g.format, g.source, g.title).graph)])];
  const words = new Map<string, UndecidedName>();
  for (const [part, value] of parts) {
    if (value === null) continue;
    const out = anonymiseDeep(value, replace);
    const records = part === 'chronology' ? new Map((out as Timeline).events.map((e) => [`${e.source.file}:${e.source.line}`, e.id])) : undefined;
    for (const c of nameCandidates(out, glossary)) {
      const w = words.get(fold(c.word)) ?? { word: c.word, why: c.why, count: 0, places: 0, where: [] };
      w.count += c.count;
      w.places += c.places;
      for (const at of c.where) {
        if (w.where.length >= PLACES) break;
        // nameCandidates writes a place as "police.csv:13 (practitioner)", or "output (field)" outside a record.
        const [, place, field] = /^(.*?)(?: \(([^()]*)\))?$/.exec(at)!;
        const here = place === 'output' ? part : place!;
        const record = records?.get(here);
        w.where.push({ place: here, ...(field ? { field } : {}), ...(record ? { record } : {}) });
      }
      words.set(fold(c.word), w);
    }
  }
  return [...words.values()].sort((a, b) => (fold(a.word) < fold(b.word) ? -1 : fold(a.word) > fold(b.word) ? 1 : 0));
}

/** The overview report (DOCX) or the chronology workbook (XLSX), anonymised through the glossary when asked (refused while a name is undecided). */
async function reportBytes(r: ReportTask, original: Timeline, analysis: Analysis, report: Report): Promise<Uint8Array> {
  report({ phase: 'drawing' });
  const glossary = glossaryOf(r.glossary);
  const { advice, values } = publishable(original, analysis, r);
  const [timeline, analysed, chosen, findings, salford, graphJson, title] = published(r.anonymise, glossary, ...values);
  const graph = graphJson ? causeGraphFromJson(graphJson, r.graph!.title).graph : undefined;
  if (r.format === 'xlsx') {
    const { chronologyXlsx } = await import('../../src/export/xlsx.js');
    return chronologyXlsx(timeline, analysed);
  }
  const { overviewReportDocx } = await import('../../src/export/report.js');
  return overviewReportDocx({
    title, timeline, analysis: analysed, anonymised: r.anonymise, version: r.version,
    ...(advice ? { model: { ...advice, chosen: chosen! } } : {}), ...(findings ? { findings } : {}), ...(salford ? { salford } : {}),
    ...(graph ? { rca: { graph, report: analyseRca(graph) } } : {}), ...(glossary ? { glossary } : {}),
  });
}

/**
 * The heavy work of a review, done off the request thread (see pool.ts): its files read and merged
 * into one chronology; its analysis written out as JSON or Markdown; its diagrams drawn; or one
 * uploaded file read alone, to refuse it if it is not a chronology. Plain data in and out, so it
 * crosses to a worker thread and back. What goes back to answer a request (an analysis, a diagram)
 * goes as the response's bytes, so the request thread never unpacks or serialises it.
 */
import { mergeAgencyFiles, type AgencyFile } from '../../src/review/chronology.js';
import { ingest } from '../../src/ingest/ingest.js';
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
import { readGlossary } from '../../src/review/glossary.js';
import { publishAnonymised } from '../../src/review/anonymise.js';
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

/** What the overview report or the workbook is made of beside the chronology, as the review keeps it. */
export interface ReportTask {
  format: 'docx' | 'xlsx';
  title: string;
  version: string;
  anonymise: boolean;
  /** The glossary as its CSV text (the review's `glossary` setting). */
  glossary?: string;
  model?: { facts: CaseFacts; model: string; why: string };
  findings?: FindingsRecord;
  salford?: SalfordRecord;
  graph?: { format: CauseGraphFormat; source: string; title: string };
}
export type Diagram = (typeof DIAGRAMS)[number];

export type Task =
  | { kind: 'merge'; chronology: ChronologyRef }
  | { kind: 'analysis'; chronology: ChronologyRef; analyse: AnalysisOptions; format: 'json' | 'md' }
  | { kind: 'chart'; chronology: ChronologyRef; analyse: AnalysisOptions; diagram: ChartDiagram; widthMm: number; png: boolean; knownBy?: KnownBy }
  | { kind: 'cause-diagram'; graph: { format: CauseGraphFormat; source: string; title: string }; diagram: 'whys' | 'fishbone' | 'causes'; widthMm: number; png: boolean }
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
  | { kind: 'check'; failure?: CodedFailure; preview?: Preview };

/** A file as it would be read: its report, its first records and issues, and how many issues in all. */
export interface Preview { report: AgencyFileReport; events: ChronologyEvent[]; issues: IngestIssue[]; issueCount: number }

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

/** The chronology a task names, merged now if this thread does not keep it; undefined when it would need files that were not sent. */
function chronology(ref: ChronologyRef, report: Report): { merged: Merged; analyses: Map<GridPeriod, Analysis>; fresh: boolean } | undefined {
  const hit = kept.get(ref.key);
  if (hit) return { ...hit, fresh: false };
  if (!ref.files) return undefined;
  let merged: Merged;
  try {
    const files = ref.files.length;
    const m = mergeAgencyFiles(ref.files, ref.merge, (step) => report(step.phase === 'reading' ? { phase: 'reading', file: step.file, filesRead: step.index, files } : { phase: 'merging', files }));
    merged = m.ok ? { ok: true, timeline: m.timeline } : { ok: false, failures: m.failures.map(failure) };
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
        const read = ingest({ file: task.file.name, content: task.file.bytes }, { agency: task.file.agency, profiles: task.file.profiles, dateOrder: task.file.dateOrder });
        if (task.preview === undefined) return { kind: 'check' };
        return { kind: 'check', preview: { report: read.report, events: read.events.slice(0, task.preview), issues: read.issues.slice(0, 100), issueCount: read.issues.length } };
      } catch (e) {
        return { kind: 'check', failure: failure(e) };
      }
    case 'cause-diagram': {
      let graph;
      try {
        graph = readCauseGraph(task.graph.format, task.graph.source, task.graph.title).graph;
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
      const entry = chronology(task.chronology, report);
      if (!entry) return { kind: 'needs-files' };
      const { merged } = entry;
      if (task.kind === 'merge') return { kind: 'merged', merged };
      if (!merged.ok) return { kind: 'failed', failures: merged.failures };
      const analysis = analysisOf({ merged, analyses: entry.analyses }, task.analyse, report);
      if (task.kind === 'analysis') return { kind: 'bytes', bytes: utf8(task.format === 'md' ? analysisMarkdownChunks(analysis, merged.timeline) : analysisJsonChunks(analysis)) };
      if (task.kind === 'report') {
        try {
          return { kind: 'bytes', bytes: await reportBytes(task.report, merged.timeline, analysis, report) };
        } catch (e) {
          return { kind: 'failed', failures: [failure(e)] };
        }
      }
      report({ phase: 'drawing' });
      const v = await viz();
      const known = task.knownBy;
      const svg = task.diagram === 'heatmap'
        ? v.renderHeatmap(analysis.grid, { widthMm: task.widthMm })
        : task.diagram === 'knowledge'
          ? v.renderKnowledge(analysis.knowledge, merged.timeline, { widthMm: task.widthMm })
          : v.renderTimeline(merged.timeline, {
            widthMm: task.widthMm, episodes: analysis.episodes, childNotSeen: analysis.gaps.childNotSeen,
            ...(known ? { knownBy: { ...known, records: knownRecords(analysis.knowledge, merged.timeline, known.agency, known.on) } } : {}),
          });
      return { kind: 'bytes', bytes: task.png ? v.svgToPng(svg) : encoder.encode(svg) };
    }
  }
}

/** The overview report (DOCX) or the chronology workbook (XLSX), anonymised through the glossary when asked (refused while a name is undecided). */
async function reportBytes(r: ReportTask, original: Timeline, analysis: Analysis, report: Report): Promise<Uint8Array> {
  report({ phase: 'drawing' });
  const glossary = r.glossary !== undefined ? readGlossary(new TextEncoder().encode(r.glossary), 'glossary') : undefined;
  const advice = r.model ? adviseReviewModel(r.model.facts, { model: r.model.model, why: r.model.why }) : undefined;
  const read = r.graph ? readCauseGraph(r.graph.format, r.graph.source, r.graph.title) : undefined;
  const values = [original, analysis, advice?.chosen ?? null, r.findings ?? null, r.salford ?? null, read ? causeGraphToJson(read.graph) : null, r.title] as const;
  if (r.anonymise && !glossary) throw new ThroughlineError('glossary-missing', 'anonymising needs the review\'s glossary (its glossary setting): set it first');
  const [timeline, analysed, chosen, findings, salford, graphJson, title] = r.anonymise ? publishAnonymised(glossary!, ...values) : values;
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

/**
 * What the server derives from a review's stored files and settings: the merged chronology and
 * its analysis, made on a worker thread (work/pool.ts). Derived data is a cache, rebuilt from the
 * files (kept byte for byte) whenever the review's revision moves on; it is never the only copy.
 */
import { validateProfiles, type AgencyProfile } from '../src/ingest/profile.js';
import { validateEpisodes } from '../src/ingest/arguments.js';
import { validateRules, type AnalysisRules } from '../src/analytics/rules.js';
import { validateTags, type UserTags } from '../src/analytics/balance.js';
import { validateLinkRules, type LinkRules } from '../src/timeline/links.js';
import type { AgencyFile } from '../src/review/chronology.js';
import type { CaseFacts } from '../src/review/models.js';
import type { AnalysisOptions, Anonymise, ChartDiagram, ChronologyRef, KnownBy, CodedFailure, Merged, Preview, Progress, ReportTask, Task, TaskResult, UndecidedName } from './work/derive.js';
import type { Timeline } from '../src/model/types.js';
import type { WorkPool } from './work/pool.js';
import { codedError } from './errors.js';
import { ThroughlineError } from '../src/model/errors.js';
import { readGlossary } from '../src/review/glossary.js';
import type { GridPeriod } from '../src/analytics/types.js';
import type { EpisodeDefinition } from '../src/analytics/episodes.js';
import type { ReviewRecord, Store } from './store/types.js';

/** A review's terms of reference as stored (dates already read into `yyyy-mm-dd`). */
export interface Terms {
  from?: string;
  to?: string;
  childNames: string[];
  dob?: string;
  model?: string;
  modelReason?: string;
  /** The case's facts as the review-model guide read them when the model was chosen. */
  modelFacts?: CaseFacts;
  agencyOrder: string[];
}

/**
 * A review's settings as a person wrote them (profiles, link rules, analysis rules, episodes with
 * dates as written, tags), each checked by the core's own validator before it is stored and read
 * through it again when used.
 */
export interface ReviewSettings {
  profiles?: unknown;
  linkRules?: unknown;
  rules?: unknown;
  episodes?: unknown;
  tags?: unknown;
  /** The glossary of people and abbreviations as CSV text (name, pseudonym, kind). */
  glossary?: unknown;
}

export const SETTING_NAMES = ['profiles', 'linkRules', 'rules', 'episodes', 'tags', 'glossary'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** Each setting read by the core's validator: a wrong one is a coded error naming the setting. */
export function readSettings(settings: ReviewSettings): { profiles: AgencyProfile[]; linkRules?: LinkRules; rules?: AnalysisRules; episodes: EpisodeDefinition[]; tags: UserTags; glossary?: string } {
  return {
    profiles: settings.profiles === undefined ? [] : validateProfiles(settings.profiles, 'profiles'),
    ...(settings.linkRules !== undefined ? { linkRules: validateLinkRules(settings.linkRules, 'linkRules') } : {}),
    ...(settings.rules !== undefined ? { rules: validateRules(settings.rules, 'rules') } : {}),
    episodes: settings.episodes === undefined ? [] : validateEpisodes(settings.episodes, 'episodes'),
    tags: settings.tags === undefined ? {} : validateTags(settings.tags, 'tags'),
    ...(settings.glossary !== undefined ? { glossary: glossaryText(settings.glossary) } : {}),
  };
}

/** The glossary setting: CSV text that reads as a glossary (a coded error naming its line otherwise). */
function glossaryText(value: unknown): string {
  if (typeof value !== 'string') throw new ThroughlineError('glossary-invalid', 'glossary: expected the glossary as CSV text with name and pseudonym columns', 'glossary');
  readGlossary(new TextEncoder().encode(value), 'glossary');
  return value;
}

interface Entry {
  revision: number;
  merged: Promise<Merged>;
  /** Where the merge has got to, for the status route; `ready` once it has finished. */
  progress: Progress | { phase: 'ready' };
  /** The analysis written out, by period and format, personalised or anonymised. */
  analyses: Map<string, Promise<Uint8Array | undefined>>;
  /** The merged chronology anonymised through the review's glossary (which is part of this revision). */
  published?: Promise<Timeline>;
}

/** How many reviews' derived data is kept in memory at once. */
const KEPT = 8;

/** What the status route says about a review's chronology. */
export type ChronologyStatus = { state: 'ready' | 'not-started' } | { state: 'working'; progress: Progress };

export class ReviewData {
  private readonly cache = new Map<string, Entry>();
  constructor(private readonly store: Store, private readonly pool: WorkPool) {}

  private files(review: ReviewRecord): AgencyFile[] {
    const settings = readSettings(review.settings as ReviewSettings);
    return this.store.files(review.id).map((f) => ({
      name: f.name,
      bytes: this.store.blob(f.sha256)!,
      ...(f.agency !== null ? { agency: f.agency } : {}),
      // A file's own profile applies to it alone, after the review's.
      profiles: [...settings.profiles, ...(f.profile !== null ? [{ ...(f.profile as AgencyProfile), files: undefined }] : [])],
    }));
  }

  /** The review's chronology as a task names it; its files are sent only with the first task, or again when the worker has let it go. */
  private chronology(review: ReviewRecord, withFiles: boolean): ChronologyRef {
    const terms = review.terms as unknown as Terms;
    const settings = readSettings(review.settings as ReviewSettings);
    return {
      key: `${review.id}@${review.revision}`,
      merge: { from: terms.from, to: terms.to, agencyOrder: terms.agencyOrder, ...(settings.linkRules ? { linkRules: settings.linkRules } : {}) },
      ...(withFiles ? { files: this.files(review) } : {}),
    };
  }

  /** Runs a task on the review's chronology, sending the files again if the worker no longer keeps it. */
  private async onChronology(review: ReviewRecord, task: (chronology: ChronologyRef) => Task): Promise<TaskResult> {
    const result = await this.pool.run(task(this.chronology(review, false)));
    return result.kind === 'needs-files' ? this.pool.run(task(this.chronology(review, true))) : result;
  }

  private analyseOptions(review: ReviewRecord, period: GridPeriod): AnalysisOptions {
    const terms = review.terms as unknown as Terms;
    const settings = readSettings(review.settings as ReviewSettings);
    return {
      period, child: terms.childNames, ...(terms.dob ? { dob: terms.dob } : {}),
      ...(settings.rules ? { rules: settings.rules } : {}), episodes: settings.episodes, tags: settings.tags,
    };
  }

  private entry(review: ReviewRecord): Entry {
    const hit = this.cache.get(review.id);
    if (hit && hit.revision === review.revision) {
      this.cache.delete(review.id);
      this.cache.set(review.id, hit);
      return hit;
    }
    const entry: Entry = { revision: review.revision, progress: { phase: 'queued' }, analyses: new Map(), merged: Promise.resolve({ ok: false, failures: [] }) };
    entry.merged = this.pool.run({ kind: 'merge', chronology: this.chronology(review, true) }, (p) => { entry.progress = p; })
      .then((r) => (r as { merged: Merged }).merged)
      .finally(() => { entry.progress = { phase: 'ready' }; });
    this.cache.set(review.id, entry);
    while (this.cache.size > KEPT) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  /** The review's merged chronology (merged on a worker thread the first time after each change). */
  merged(review: ReviewRecord): Promise<Merged> {
    return this.entry(review).merged;
  }

  /** Whether the review's current chronology is ready, not started, or being read and merged (and how far it has got). */
  status(review: ReviewRecord): ChronologyStatus {
    const hit = this.cache.get(review.id);
    if (!hit || hit.revision !== review.revision) return { state: 'not-started' };
    return hit.progress.phase === 'ready' ? { state: 'ready' } : { state: 'working', progress: hit.progress };
  }

  /**
   * The analysis with the review's rules, child, date of birth, episodes and tags, written out
   * as JSON (as `throughline analyse` writes it) or Markdown on the worker; undefined when the
   * files cannot be merged.
   */
  analysis(review: ReviewRecord, period: GridPeriod = 'month', format: 'json' | 'md' = 'json', anonymise?: Anonymise): Promise<Uint8Array | undefined> {
    const entry = this.entry(review);
    const key = `${period}.${format}${anonymise ? '.anonymised' : ''}`;
    let analysis = entry.analyses.get(key);
    if (!analysis) {
      const options = this.analyseOptions(review, period);
      analysis = entry.merged.then(async (merged) => {
        if (!merged.ok) return undefined;
        const r = await this.onChronology(review, (chronology) => ({ kind: 'analysis', chronology, analyse: options, format, ...(anonymise ? { anonymise } : {}) }));
        if (r.kind === 'failed' && anonymise) throw codedError(r.failures[0]!);
        return r.kind === 'bytes' ? r.bytes : undefined;
      });
      entry.analyses.set(key, analysis);
      // A refusal is not kept: the next request asks the worker again.
      const made = analysis;
      made.catch(() => { if (entry.analyses.get(key) === made) entry.analyses.delete(key); });
    }
    return analysis;
  }

  /** A diagram of the chronology (the timeline, as one agency knew it on a day if asked; the heatmap; the knowledge matrix) drawn on the worker, as SVG or PNG bytes; undefined when the files cannot be merged. */
  async chart(review: ReviewRecord, diagram: ChartDiagram, options: { period: GridPeriod; widthMm: number; png: boolean; knownBy?: KnownBy; anonymise?: Anonymise }): Promise<Uint8Array | undefined> {
    if (!(await this.merged(review)).ok) return undefined;
    const analyse = this.analyseOptions(review, options.period);
    const r = await this.onChronology(review, (chronology) => ({
      kind: 'chart', chronology, analyse, diagram, widthMm: options.widthMm, png: options.png,
      ...(options.knownBy ? { knownBy: options.knownBy } : {}), ...(options.anonymise ? { anonymise: options.anonymise } : {}),
    }));
    if (r.kind === 'failed' && options.anonymise) throw codedError(r.failures[0]!);
    return r.kind === 'bytes' ? r.bytes : undefined;
  }

  /**
   * The merged chronology anonymised through the review's glossary on the worker, checked with its
   * analysis as the analysis and the diagrams are (so the three are published or refused together),
   * kept until the review changes; a refusal (`names-undecided`, `glossary-missing`) is a 422 with its code.
   */
  published(review: ReviewRecord, anonymise: Anonymise): Promise<Timeline> {
    const entry = this.entry(review);
    if (entry.published) return entry.published;
    const published = entry.merged.then(async (merged) => {
      if (!merged.ok) throw codedError(merged.failures[0] ?? { code: 'chronology-invalid', message: 'the review\'s files cannot be merged as they are set up' });
      const analyse = this.analyseOptions(review, 'month');
      const r = await this.onChronology(review, (chronology) => ({ kind: 'published', chronology, analyse, anonymise }));
      if (r.kind === 'merged' && r.merged.ok) return r.merged.timeline;
      throw codedError((r as { failures: CodedFailure[] }).failures[0]!);
    });
    entry.published = published;
    // A refusal is not kept: the next request asks the worker again.
    published.catch(() => { if (entry.published === published) delete entry.published; });
    return published;
  }

  /** The name check of everything the review publishes, made on the worker; undefined when the files cannot be merged. */
  async names(review: ReviewRecord, task: Omit<Task & { kind: 'names' }, 'kind' | 'chronology' | 'analyse'>): Promise<UndecidedName[] | undefined> {
    if (!(await this.merged(review)).ok) return undefined;
    const analyse = this.analyseOptions(review, 'month');
    const r = await this.onChronology(review, (chronology) => ({ kind: 'names', chronology, analyse, ...task }));
    if (r.kind === 'names') return r.undecided;
    throw codedError((r as { failures: CodedFailure[] }).failures[0]!);
  }

  /** The overview report or the chronology workbook made on the worker; one that cannot be made (a name the glossary does not decide) is a 422 with its code. */
  async report(review: ReviewRecord, task: ReportTask): Promise<Uint8Array | undefined> {
    if (!(await this.merged(review)).ok) return undefined;
    const analyse = this.analyseOptions(review, 'month');
    const r = await this.onChronology(review, (chronology) => ({ kind: 'report', chronology, analyse, report: task }));
    if (r.kind === 'bytes') return r.bytes;
    throw codedError((r as { failures: CodedFailure[] }).failures[0]!);
  }

  /** A cause analysis's diagram drawn on the worker; a graph that cannot be read is a 422 with its code. */
  async causeDiagram(task: Omit<Task & { kind: 'cause-diagram' }, 'kind'>): Promise<Uint8Array> {
    const r = await this.pool.run({ kind: 'cause-diagram', ...task });
    if (r.kind === 'bytes') return r.bytes;
    throw codedError((r as { failures: CodedFailure[] }).failures[0]!);
  }

  /** Reads one file alone as it would be read with `file`'s agency and profiles: its report, first `rows` records and issues; one that cannot be read is a 422 with its code. */
  async preview(file: AgencyFile, rows: number): Promise<Preview> {
    const r = (await this.pool.run({ kind: 'check', file, preview: rows })) as { failure?: CodedFailure; preview?: Preview };
    if (r.failure) throw codedError(r.failure);
    return r.preview!;
  }

  /** Reads one uploaded file alone as the review would; the coded reason it is not a chronology, or undefined. */
  async check(file: AgencyFile): Promise<CodedFailure | undefined> {
    return ((await this.pool.run({ kind: 'check', file })) as { failure?: CodedFailure }).failure;
  }

  /** Tasks waiting for or running on the worker threads. */
  queued(): number {
    return this.pool.pending;
  }

  forget(reviewId: string): void {
    this.cache.delete(reviewId);
  }
}

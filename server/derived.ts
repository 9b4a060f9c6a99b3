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
import type { MergeOptions } from '../src/timeline/merge.js';
import type { CodedFailure, Merged } from './work/derive.js';
import type { WorkPool } from './work/pool.js';
import type { Analysis, GridPeriod } from '../src/analytics/types.js';
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
}

export const SETTING_NAMES = ['profiles', 'linkRules', 'rules', 'episodes', 'tags'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** Each setting read by the core's validator: a wrong one is a coded error naming the setting. */
export function readSettings(settings: ReviewSettings): { profiles: AgencyProfile[]; linkRules?: LinkRules; rules?: AnalysisRules; episodes: EpisodeDefinition[]; tags: UserTags } {
  return {
    profiles: settings.profiles === undefined ? [] : validateProfiles(settings.profiles, 'profiles'),
    ...(settings.linkRules !== undefined ? { linkRules: validateLinkRules(settings.linkRules, 'linkRules') } : {}),
    ...(settings.rules !== undefined ? { rules: validateRules(settings.rules, 'rules') } : {}),
    episodes: settings.episodes === undefined ? [] : validateEpisodes(settings.episodes, 'episodes'),
    tags: settings.tags === undefined ? {} : validateTags(settings.tags, 'tags'),
  };
}

interface Entry {
  revision: number;
  merged: Promise<Merged>;
  /** Set once the merge has finished, for the status route. */
  done: boolean;
  analyses: Map<GridPeriod, Promise<Analysis | undefined>>;
}

/** How many reviews' derived data is kept in memory at once. */
const KEPT = 8;

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

  private mergeOptions(review: ReviewRecord): MergeOptions {
    const terms = review.terms as unknown as Terms;
    const settings = readSettings(review.settings as ReviewSettings);
    return { from: terms.from, to: terms.to, agencyOrder: terms.agencyOrder, ...(settings.linkRules ? { linkRules: settings.linkRules } : {}) };
  }

  private key = (review: ReviewRecord): string => `${review.id}@${review.revision}`;

  private entry(review: ReviewRecord): Entry {
    const hit = this.cache.get(review.id);
    if (hit && hit.revision === review.revision) {
      this.cache.delete(review.id);
      this.cache.set(review.id, hit);
      return hit;
    }
    const entry: Entry = { revision: review.revision, done: false, analyses: new Map(), merged: Promise.resolve({ ok: false, failures: [] }) };
    entry.merged = this.pool.run({ kind: 'derive', key: this.key(review), files: this.files(review), merge: this.mergeOptions(review) })
      .then((r) => (r as { merged: Merged }).merged)
      .finally(() => { entry.done = true; });
    this.cache.set(review.id, entry);
    while (this.cache.size > KEPT) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  /** The review's merged chronology (merged on a worker thread the first time after each change). */
  merged(review: ReviewRecord): Promise<Merged> {
    return this.entry(review).merged;
  }

  /** Whether the review's current chronology is ready, being merged, or not started. */
  status(review: ReviewRecord): 'ready' | 'working' | 'not-started' {
    const hit = this.cache.get(review.id);
    if (!hit || hit.revision !== review.revision) return 'not-started';
    return hit.done ? 'ready' : 'working';
  }

  /** The analysis with the review's rules, child, date of birth, episodes and tags; undefined when the files cannot be merged. */
  analysis(review: ReviewRecord, period: GridPeriod = 'month'): Promise<Analysis | undefined> {
    const entry = this.entry(review);
    let analysis = entry.analyses.get(period);
    if (!analysis) {
      const terms = review.terms as unknown as Terms;
      const settings = readSettings(review.settings as ReviewSettings);
      const options = {
        period, child: terms.childNames, ...(terms.dob ? { dob: terms.dob } : {}),
        ...(settings.rules ? { rules: settings.rules } : {}), episodes: settings.episodes, tags: settings.tags,
      };
      analysis = entry.merged.then(async (merged) => {
        if (!merged.ok) return undefined;
        // The worker keeps the chronology it merged; the files are sent again only if it has let it go.
        let r = await this.pool.run({ kind: 'derive', key: this.key(review), merge: this.mergeOptions(review), analyse: options }).catch(() => undefined);
        if (!r) r = await this.pool.run({ kind: 'derive', key: this.key(review), files: this.files(review), merge: this.mergeOptions(review), analyse: options });
        return (r as { analysis?: Analysis }).analysis;
      });
      entry.analyses.set(period, analysis);
    }
    return analysis;
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

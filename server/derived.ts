/**
 * What the server derives from a review's stored files and settings: the merged chronology and
 * its analysis. Derived data is a cache, rebuilt from the files (kept byte for byte) whenever the
 * review's revision moves on; it is never the only copy of anything.
 */
import { validateProfiles, type AgencyProfile } from '../src/ingest/profile.js';
import { validateEpisodes } from '../src/ingest/arguments.js';
import { validateRules, type AnalysisRules } from '../src/analytics/rules.js';
import { validateTags, type UserTags } from '../src/analytics/balance.js';
import { validateLinkRules, type LinkRules } from '../src/timeline/links.js';
import { mergeAgencyFiles, type MergedFiles } from '../src/review/chronology.js';
import { analyse } from '../src/analytics/analyse.js';
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

interface Entry { revision: number; merged: MergedFiles; analyses: Map<GridPeriod, Analysis> }

/** How many reviews' derived data is kept in memory at once. */
const KEPT = 8;

export class ReviewData {
  private readonly cache = new Map<string, Entry>();
  constructor(private readonly store: Store) {}

  private entry(review: ReviewRecord): Entry {
    const hit = this.cache.get(review.id);
    if (hit && hit.revision === review.revision) {
      this.cache.delete(review.id);
      this.cache.set(review.id, hit);
      return hit;
    }
    const terms = review.terms as unknown as Terms;
    const settings = readSettings(review.settings as ReviewSettings);
    const files = this.store.files(review.id).map((f) => ({
      name: f.name,
      bytes: this.store.blob(f.sha256)!,
      ...(f.agency !== null ? { agency: f.agency } : {}),
      // A file's own profile applies to it alone, after the review's.
      profiles: [...settings.profiles, ...(f.profile !== null ? [{ ...(f.profile as AgencyProfile), files: undefined }] : [])],
    }));
    const merged = mergeAgencyFiles(files, {
      from: terms.from, to: terms.to, agencyOrder: terms.agencyOrder, ...(settings.linkRules ? { linkRules: settings.linkRules } : {}),
    });
    const entry: Entry = { revision: review.revision, merged, analyses: new Map() };
    this.cache.set(review.id, entry);
    while (this.cache.size > KEPT) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  merged(review: ReviewRecord): MergedFiles {
    return this.entry(review).merged;
  }

  /** The analysis with the review's rules, child, date of birth, episodes and tags; undefined when the files cannot be merged. */
  analysis(review: ReviewRecord, period: GridPeriod = 'month'): Analysis | undefined {
    const entry = this.entry(review);
    if (!entry.merged.ok) return undefined;
    let analysis = entry.analyses.get(period);
    if (!analysis) {
      const terms = review.terms as unknown as Terms;
      const settings = readSettings(review.settings as ReviewSettings);
      analysis = analyse(entry.merged.timeline, {
        period, child: terms.childNames, ...(terms.dob ? { dob: terms.dob } : {}),
        ...(settings.rules ? { rules: settings.rules } : {}), episodes: settings.episodes, tags: settings.tags,
      });
      entry.analyses.set(period, analysis);
    }
    return analysis;
  }

  forget(reviewId: string): void {
    this.cache.delete(reviewId);
  }
}

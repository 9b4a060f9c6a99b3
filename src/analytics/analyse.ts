/**
 * A merged timeline in, the reviewer's first questions answered out: who was involved when, the
 * silences (above all, when no agency saw the child), repeated patterns, referrals and what
 * followed, information sharing, key practice episodes and the balance of good practice and
 * missed opportunities, and what each agency knew at each decision. Pure: the timeline and options in, plain findings out.
 */
import { ThroughlineError } from '../model/errors.js';
import { isIsoDay } from '../model/calendar.js';
import type { Timeline } from '../model/types.js';
import { practiceBalance, taggedWith, type UserTags } from './balance.js';
import { buildContext } from './context.js';
import { keyPracticeEpisodes, type EpisodeDefinition } from './episodes.js';
import { findGaps } from './gaps.js';
import { involvementGrid } from './grid.js';
import { agencyKnowledge } from './knowledge.js';
import { sharingNetwork } from './network.js';
import { findPatterns } from './patterns.js';
import { findReferrals } from './referrals.js';
import { DEFAULT_RULES, type AnalysisRules } from './rules.js';
import { childSightings } from './sightings.js';
import { eventTiming } from './timing.js';
import { ANALYSIS_FORMAT_VERSION, type Analysis, type GridPeriod, type PatternFinding, type ReferralFinding } from './types.js';

export interface AnalyseOptions {
  rules?: AnalysisRules;
  /**
   * The child's names as records write them (added to the rules' `child` list), e.g. ["L", "Lacey"].
   * Without them the names are inferred from the returns, and every not-seen finding is provisional.
   */
  child?: readonly string[];
  /** The multi-agency meeting patterns rules' `{meeting}` stands for (default: the shipped link rules' `meetings`). */
  meetings?: readonly string[];
  /** Date of birth, `yyyy-mm-dd` (`parseDob` reads `14/08/2019`). */
  dob?: string;
  period?: GridPeriod;
  episodes?: readonly EpisodeDefinition[];
  tags?: UserTags;
}

export function analyse(timeline: Timeline, options: AnalyseOptions = {}): Analysis {
  const rules = options.rules ?? DEFAULT_RULES;
  const ctx = buildContext(timeline, rules, options.child ?? [], options.meetings ? { meetings: options.meetings } : {});
  const dob = options.dob;
  if (dob !== undefined && !isIsoDay(dob)) {
    throw new ThroughlineError('dob-invalid', `the date of birth is "${dob}": expected a day written yyyy-mm-dd, e.g. 2019-08-14`);
  }
  const { sightings, index: sightingIndex } = childSightings(ctx);
  const referralPositions = new Map<ReferralFinding, number>();
  const referrals = findReferrals(ctx, referralPositions);
  const episodes = keyPracticeEpisodes(ctx, options.episodes ?? []);
  const gaps = findGaps(ctx, sightings, sightingIndex);
  const patternRecords = new Map<PatternFinding, readonly number[]>();
  const patterns = findPatterns(ctx, patternRecords);
  if (!ctx.childConfirmed) for (const g of gaps.childNotSeen) g.provisional = true;
  const child: Analysis['child'] = { names: ctx.child, found: ctx.childNames, confirmed: ctx.childConfirmed };
  if (dob !== undefined) child.dob = dob;
  const analysis: Analysis = {
    version: ANALYSIS_FORMAT_VERSION,
    child,
    scope: { ...(timeline.scope.from ? { from: timeline.scope.from } : {}), ...(timeline.scope.to ? { to: timeline.scope.to } : {}) },
    grid: involvementGrid(ctx, options.period ?? 'month'),
    gaps,
    sightings,
    patterns,
    referrals,
    network: sharingNetwork(ctx, referrals),
    episodes,
    balance: practiceBalance(ctx, episodes, options.tags),
    timing: eventTiming(ctx, dob),
    knowledge: agencyKnowledge(ctx, patterns, referrals, taggedWith(options.tags ?? {}, 'incident'), patternRecords, referralPositions),
  };
  return analysis;
}

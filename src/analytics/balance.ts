/**
 * Balance: good practice and missed opportunities side by side, so strengths are as visible as
 * concerns. A record's tags come from the reviewer (a tags file), else from the agency's own
 * impact/significance column, else are suggested by the rules from the record's text — and each
 * tag says which.
 */
import { ThroughlineError } from '../model/errors.js';
import { compileRules, mayMatch, type AnalysisContext } from './context.js';
import type { Balance, BalanceCount, BalanceTag, Episode, TagSource } from './types.js';

/**
 * A reviewer's tag on a record: good practice or a missed opportunity (the balance), or an
 * `incident` the review follows (what each agency knew, and when).
 */
export type UserTag = BalanceTag | 'incident';
export type UserTags = Record<string, UserTag | UserTag[]>;
const USER_TAGS: readonly string[] = ['good', 'missed', 'incident'];

export function validateTags(value: unknown, name: string): UserTags {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ThroughlineError('tags-invalid', `${name}: expected an object of event id → "good" | "missed" | "incident" (or a list of them)`, name);
  }
  for (const [id, tag] of Object.entries(value)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (tags.length === 0 || !tags.every((t) => USER_TAGS.includes(t as string))) {
      throw new ThroughlineError('tags-invalid', `${name}: "${id}" is invalid: expected "good", "missed", "incident" or a list of them`, name);
    }
  }
  return value as UserTags;
}

/** The records a reviewer tagged with `tag`, in the tags' order. */
export function taggedWith(tags: UserTags, tag: UserTag): string[] {
  return Object.entries(tags).filter(([, t]) => (Array.isArray(t) ? t.includes(tag) : t === tag)).map(([id]) => id);
}

export function practiceBalance(ctx: AnalysisContext, episodes: readonly Episode[], userTags: UserTags = {}): Balance {
  const good = ctx.re(ctx.rules.balance.good);
  const missed = ctx.re(ctx.rules.balance.missed);
  // Most records carry neither: one test of both patterns together says so.
  const either = compileRules(ctx, [{ match: ctx.rules.balance.good }, { match: ctx.rules.balance.missed }]);
  const tags: Balance['tags'] = [];
  if (Object.keys(userTags).length > 0) {
    const known = new Set(ctx.events.map((e) => e.id));
    for (const id of Object.keys(userTags)) {
      if (!known.has(id)) throw new ThroughlineError('tags-invalid', `tags: no event "${id}" in this timeline`);
    }
  }
  // The balance's own tags; a record tagged only as an incident is judged as if untagged.
  const user = new Map<string, BalanceTag[]>();
  for (const [id, t] of Object.entries(userTags)) {
    const mine = (Array.isArray(t) ? t : [t]).filter((x): x is BalanceTag => x !== 'incident');
    if (mine.length > 0) user.set(id, mine);
  }
  const tagsOf = new Map<string, BalanceTag[]>();
  const byAgency: BalanceCount[] = ctx.timeline.agencyOrder.map(() => ({ good: 0, missed: 0 }));
  const total: BalanceCount = { good: 0, missed: 0 };
  for (let i = 0; i < ctx.events.length; i++) {
    const e = ctx.events[i]!;
    const found: Array<[BalanceTag, TagSource]> = [];
    const mine = user.size > 0 ? user.get(e.id) : undefined;
    if (mine !== undefined) {
      for (const t of mine) found.push([t, 'user']);
    } else {
      if (e.significance !== undefined) {
        if (good.test(e.significance)) found.push(['good', 'agency']);
        if (missed.test(e.significance)) found.push(['missed', 'agency']);
      }
      if (found.length === 0 && mayMatch(ctx, either, i)) {
        const text = ctx.text[i]!;
        if (good.test(text)) found.push(['good', 'rule']);
        if (missed.test(text)) found.push(['missed', 'rule']);
      }
    }
    if (found.length === 0) continue;
    tagsOf.set(e.id, found.map(([t]) => t));
    const agencyCount = byAgency[ctx.agency[i]!]!;
    for (const [tag, by] of found) {
      tags.push({ event: e.id, tag, by });
      agencyCount[tag]++;
      total[tag]++;
    }
  }
  const count = (ids: Iterable<string>): BalanceCount => {
    const c = { good: 0, missed: 0 };
    for (const id of ids) for (const t of tagsOf.get(id) ?? []) c[t]++;
    return c;
  };
  return {
    tags,
    byAgency: ctx.timeline.agencyOrder.map((agency, k) => ({ agency, ...byAgency[k]! })),
    byEpisode: episodes.map((ep) => ({ episode: ep.id, ...count(ep.events) })),
    total,
  };
}

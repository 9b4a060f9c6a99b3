/**
 * What every analysis needs about the timeline, worked out once: each event's text, the day it
 * happened on (only when the source gave a day: a month is not a day), and the rules compiled.
 */
import { dayNumber } from '../ingest/dates.js';
import { ThroughlineError } from '../model/errors.js';
import { isOnKnownDay } from '../timeline/scope.js';
import type { ChronologyEvent, Timeline } from '../model/types.js';
import { compile, type AnalysisRules } from './rules.js';

export interface AnalysisContext {
  timeline: Timeline;
  events: readonly ChronologyEvent[];
  /** Type, event text, outcome and the extra columns ("Heading: value"), joined: what rules are matched against. */
  text: string[];
  /** Day number of the event's day, or NaN when the date is coarser than a day (or unknown). */
  day: Float64Array;
  /** Each event's agency, as its position in timeline.agencyOrder. */
  agency: Int32Array;
  /**
   * The link (position in timeline.links) the event at index i belongs to, or -1. Worked out when
   * first asked (and kept): the analyses ask about a few of a million events, and looking an event
   * up by its id costs a hash of the id.
   */
  linkOf: (i: number) => number;
  /** Where each link's first listed event is in the timeline, or -1 when it is not there. */
  linkStart: Int32Array;
  rules: AnalysisRules;
  child: string[];
  re: (pattern: string) => RegExp;
  /** The other agencies a text names (by the rules' `agencies` patterns), each with where it is first named, in order. */
  namedAgencies: (text: string, except: string, from?: number, limit?: number) => Array<{ agency: string; at: number }>;
}

export function eventText(e: ChronologyEvent): string {
  // Joined, not concatenated: join builds one flat string, where `+` builds a rope that every
  // regular expression would first have to flatten.
  const parts: string[] = [];
  if (e.type !== undefined) parts.push(e.type);
  parts.push(e.summary);
  if (e.outcome !== undefined) parts.push(e.outcome);
  for (const heading in e.extra) parts.push(`${heading}: ${e.extra[heading]}`);
  return parts.length === 1 ? e.summary : parts.join(' · ');
}

export function buildContext(timeline: Timeline, rules: AnalysisRules, child: readonly string[]): AnalysisContext {
  const events = timeline.events;
  const names = [...new Set([...child, ...rules.child].map((c) => c.trim()).filter((c) => c !== ''))];
  const cache = new Map<string, RegExp>();
  const re = (pattern: string): RegExp => {
    let r = cache.get(pattern);
    if (!r) cache.set(pattern, (r = compile(pattern, names)));
    return r;
  };
  // Per-event facts in typed arrays, worked out once: the analyses index them instead of looking
  // agency names and event ids up in maps a million times each.
  const day = new Float64Array(events.length);
  const text: string[] = new Array(events.length);
  const agencyIndex = new Map(timeline.agencyOrder.map((a, i) => [a, i]));
  const agency = new Int32Array(events.length);
  let lastAgency: string | undefined;
  let lastIndex = -1;
  events.forEach((e, i) => {
    day[i] = isOnKnownDay(e) ? dayNumber(e.date.start) : Number.NaN;
    text[i] = eventText(e);
    if (e.agency !== lastAgency) {
      const known = agencyIndex.get(e.agency);
      if (known === undefined) throw new ThroughlineError('timeline-invalid', `event ${e.id}: its agency "${e.agency}" is not in the timeline's agencyOrder`);
      lastAgency = e.agency;
      lastIndex = known;
    }
    agency[i] = lastIndex;
  });
  const linkOfId = new Map<string, number>();
  timeline.links.forEach((l, k) => { for (const id of l.events) linkOfId.set(id, k); });
  const linkCache = new Int32Array(events.length).fill(-2);
  const linkOf = (i: number): number => {
    let k = linkCache[i]!;
    if (k === -2) linkCache[i] = k = linkOfId.get(events[i]!.id) ?? -1;
    return k;
  };
  // Links come in the order of their first records (merge writes them so): one sweep, comparing
  // each record's id with the next link's first, finds them. Links in another order (a timeline
  // edited by hand) are found through an index of every id, built only then.
  const linkStart = new Int32Array(timeline.links.length).fill(-1);
  let swept = 0;
  for (let i = 0; i < events.length && swept < timeline.links.length; i++) {
    while (swept < timeline.links.length && timeline.links[swept]!.events[0] === events[i]!.id) linkStart[swept++] = i;
  }
  if (swept < timeline.links.length) {
    const position = new Map(events.map((e, i) => [e.id, i]));
    timeline.links.forEach((l, k) => { linkStart[k] = position.get(l.events[0]!) ?? -1; });
  }
  // Each timeline agency answers to the rules' agency whose name (or pattern) fits it
  // ("Northmoor Hospital ED" → "Hospital"); one expression finds them all in one pass.
  const named: Array<{ agency: string; pattern: string }> = [];
  for (const agency of timeline.agencyOrder) {
    const entry = Object.entries(rules.agencies).find(([name, pattern]) =>
      agency.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(agency.toLowerCase()) || re(pattern).test(agency));
    if (entry) named.push({ agency, pattern: entry[1] });
  }
  // Each agency's pattern is wrapped in a group; the groups inside a user's pattern are counted
  // so that the wrapper's number is known.
  const groupOf: number[] = [];
  let groups = 0;
  for (const n of named) {
    groupOf.push(groups + 1);
    groups += 1 + (new RegExp(`${re(n.pattern).source}|`).exec('')!.length - 1);
  }
  const anyAgency = named.length > 0 ? new RegExp(named.map((n) => `(${re(n.pattern).source})`).join('|'), 'gi') : null;
  const namedAgencies = (text: string, except: string, from = 0, limit = Number.POSITIVE_INFINITY): Array<{ agency: string; at: number }> => {
    const out: Array<{ agency: string; at: number }> = [];
    if (anyAgency === null) return out;
    anyAgency.lastIndex = from;
    for (let m = anyAgency.exec(text); m !== null; m = anyAgency.exec(text)) {
      if (m[0] === '') { anyAgency.lastIndex++; continue; }
      let k = 0;
      while (m[groupOf[k]!] === undefined) k++;
      const agency = named[k]!.agency;
      if (agency !== except && !out.some((o) => o.agency === agency)) {
        out.push({ agency, at: m.index });
        if (out.length >= limit) break;
      }
    }
    return out;
  };
  return { timeline, events, text, day, agency, linkOf, linkStart, rules, child: names, re, namedAgencies };
}

interface RuleShape { match: string; agency?: string; subjects?: string }

/** A rule ready to test: its expression compiled, the agencies it applies to worked out once. */
export interface CompiledRule<R extends RuleShape> {
  rule: R;
  /** null for `.`: the rule applies to every record of its agencies (and subjects). */
  match: RegExp | null;
  /** By agency position (timeline.agencyOrder): 1 where the rule applies. */
  agencies: Uint8Array | null;
  subjects: RegExp | null;
}

/**
 * Rules compiled together with one expression that any of their patterns would match: most
 * records match no rule, and one test of the combined expression says so where testing every
 * rule would cost one call each.
 */
export interface RuleSet<R extends RuleShape> {
  rules: Array<CompiledRule<R>>;
  /** The union of the rules' patterns, or null when a pattern cannot be combined (a backreference). */
  any: RegExp | null;
}

export function compileRules<R extends RuleShape>(ctx: AnalysisContext, rules: readonly R[]): RuleSet<R> {
  const compiled = rules.map((rule) => ({
    rule,
    match: rule.match === '.' ? null : ctx.re(rule.match),
    agencies: rule.agency === undefined ? null : Uint8Array.from(ctx.timeline.agencyOrder, (a) => (ctx.re(rule.agency!).test(a) ? 1 : 0)),
    subjects: rule.subjects === undefined ? null : ctx.re(rule.subjects),
  }));
  const patterns = compiled.flatMap((c) => (c.match === null ? [] : [c.match.source]));
  const combinable = patterns.length > 0 && patterns.every((p) => !/\\[1-9k]/.test(p));
  return { rules: compiled, any: combinable ? new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i') : null };
}

/** Whether a record could meet any of the set's rules that have a pattern. */
export function mayMatch<R extends RuleShape>(ctx: AnalysisContext, set: RuleSet<R>, i: number): boolean {
  return set.any === null || set.any.test(ctx.text[i]!);
}

/** The rule (of the set) that a record meets first, or undefined. */
export function firstRule<R extends RuleShape>(ctx: AnalysisContext, set: RuleSet<R>, i: number, may?: boolean): R | undefined {
  const e = ctx.events[i]!;
  const text = ctx.text[i]!;
  let any = may;
  for (const c of set.rules) {
    if (c.agencies !== null && c.agencies[ctx.agency[i]!] === 0) continue;
    if (c.subjects !== null && !(e.subjects !== undefined && c.subjects.test(e.subjects))) continue;
    if (c.match === null) return c.rule;
    if (!(any ??= mayMatch(ctx, set, i))) continue;
    if (c.match.test(text)) return c.rule;
  }
  return undefined;
}

/**
 * What every analysis needs about the timeline, worked out once: each event's text, the day it
 * happened on (only when the source gave a day: a month is not a day), and the rules compiled.
 */
import { dayNumber } from '../ingest/dates.js';
import type { ChronologyEvent, Timeline } from '../model/types.js';
import { compile, type AnalysisRules } from './rules.js';

export interface AnalysisContext {
  timeline: Timeline;
  events: readonly ChronologyEvent[];
  /** Type, event text, outcome and the extra columns ("Heading: value"), joined: what rules are matched against. */
  text: string[];
  /** Day number of the event's day, or NaN when the date is coarser than a day (or unknown). */
  day: Float64Array;
  rules: AnalysisRules;
  child: string[];
  re: (pattern: string) => RegExp;
  /** Agency name → true when `pattern` matches it (agencies are few: matched once each). */
  agencyMatches: (pattern: string, agency: string) => boolean;
  /** The rules' agency key a timeline agency answers to ("Northmoor Hospital ED" → "Hospital"). */
  agencyAliases: Map<string, RegExp>;
}

/** Events whose date is a single known day (day or minute precision, not a range or week). */
export function isOnKnownDay(e: ChronologyEvent): boolean {
  return (e.date.precision === 'day' || e.date.precision === 'minute') && e.date.end === undefined && e.date.start !== '';
}

export function eventText(e: ChronologyEvent): string {
  let t = e.summary;
  if (e.type !== undefined) t = `${e.type} · ${t}`;
  if (e.outcome !== undefined) t = `${t} · ${e.outcome}`;
  for (const heading in e.extra) t = `${t} · ${heading}: ${e.extra[heading]}`;
  return t;
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
  const agencyCache = new Map<string, boolean>();
  const agencyMatches = (pattern: string, agency: string): boolean => {
    const key = `${pattern}\u0000${agency}`;
    let hit = agencyCache.get(key);
    if (hit === undefined) agencyCache.set(key, (hit = re(pattern).test(agency)));
    return hit;
  };
  const day = new Float64Array(events.length);
  const text: string[] = new Array(events.length);
  events.forEach((e, i) => {
    day[i] = isOnKnownDay(e) ? dayNumber(e.date.start) : Number.NaN;
    text[i] = eventText(e);
  });
  // Each timeline agency gets the reference pattern of the rules' agency whose name (or pattern) fits it.
  const agencyAliases = new Map<string, RegExp>();
  for (const agency of timeline.agencyOrder) {
    const entry = Object.entries(rules.agencies).find(([name, pattern]) =>
      agency.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(agency.toLowerCase()) || re(pattern).test(agency));
    if (entry) agencyAliases.set(agency, re(entry[1]));
  }
  return { timeline, events, text, day, rules, child: names, re, agencyMatches, agencyAliases };
}

/** The rule (of those given) that a record meets first, or undefined. */
export function firstRule<R extends { match: string; agency?: string; subjects?: string }>(
  ctx: AnalysisContext, rules: readonly R[], i: number,
): R | undefined {
  const e = ctx.events[i]!;
  for (const rule of rules) {
    if (rule.agency !== undefined && !ctx.agencyMatches(rule.agency, e.agency)) continue;
    if (rule.subjects !== undefined && !(e.subjects !== undefined && ctx.re(rule.subjects).test(e.subjects))) continue;
    if (rule.match === '.' || ctx.re(rule.match).test(ctx.text[i]!)) return rule;
  }
  return undefined;
}

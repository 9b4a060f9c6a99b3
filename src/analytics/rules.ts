/**
 * The analysis rules (rules.json): which records mean the child was seen or not seen, which
 * patterns to look for, how referrals, information sharing and balance are recognised. Data a
 * reviewer can copy and edit; checked whole before anything is applied.
 */
import { ThroughlineError } from '../model/errors.js';
import shippedRules from './rules.json' with { type: 'json' };

export type SeenDecision = 'seen' | 'not-seen';

export interface SeenRule {
  id: string;
  decision: SeenDecision;
  match: string;
  agency?: string;
  subjects?: string;
}

export interface PatternRule {
  id: string;
  /** repeat: at least `min` matching events (within `withinDays` when given); escalation: the
   * same, plus whether the intervals between them shorten; threshold: a number captured by the
   * first group of `match` below `below`. */
  kind: 'repeat' | 'escalation' | 'threshold';
  title: string;
  match: string;
  /** Records that match this are left out even when they match `match`. */
  exclude?: string;
  agency?: string;
  subjects?: string;
  min?: number;
  withinDays?: number;
  below?: number;
}

export interface AnalysisRules {
  child: string[];
  seen: SeenRule[];
  patterns: PatternRule[];
  /** A record matching `match` (and not `exclude`) is a referral: sent when it matches `outgoing`
   * ("PPN to CSC"), received when it matches `incoming` ("contact received"), else judged by where
   * the other agency is named (before the referral words: received from it; after: sent to it). */
  referrals: { match: string; exclude?: string; outgoing: string; incoming: string; responseWithinDays: number };
  sharing: string;
  /** Agency name → how other records refer to it. */
  agencies: Record<string, string>;
  balance: { good: string; missed: string };
  /** A suggested episode: a `windowDays` window with at least `minEvents` records from
   * `minAgencies` agencies, and at least `timesUsual` times the case's usual (median) count. */
  episodes: { windowDays: number; minEvents: number; minAgencies: number; timesUsual: number };
}

export const DEFAULT_RULES: AnalysisRules = shippedRules as AnalysisRules;

const KEYS = ['child', 'seen', 'patterns', 'referrals', 'sharing', 'agencies', 'balance', 'episodes', '$comment'];

/**
 * Checks a rules object: every key known, every pattern a valid regular expression, every
 * number in range. Keys left out take the shipped defaults. Throws naming the offending key.
 */
export function validateRules(value: unknown, name: string): AnalysisRules {
  const bad = (key: string, expected: string): ThroughlineError =>
    new ThroughlineError('rules-invalid', `${name}: "${key}" is invalid: expected ${expected}`, name);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('(root)', 'a JSON object');
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!KEYS.includes(k)) throw bad(k, `one of ${KEYS.slice(0, -1).join(', ')}`);
  const regex = (key: string, x: unknown): string => {
    if (typeof x !== 'string') throw bad(key, 'a regular expression (string)');
    try { compile(x, ['child']); } catch (e) { throw bad(key, `a regular expression (${(e as Error).message})`); }
    return x;
  };
  const num = (key: string, x: unknown, min: number): number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min) throw bad(key, `a number, ${min} or more`);
    return x;
  };
  const obj = (key: string, x: unknown): Record<string, unknown> => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) throw bad(key, 'an object');
    return x as Record<string, unknown>;
  };
  const rules: AnalysisRules = structuredClone(DEFAULT_RULES);
  if (v.child !== undefined) {
    if (!Array.isArray(v.child) || !v.child.every((c) => typeof c === 'string' && c.trim() !== '')) throw bad('child', 'a list of names');
    rules.child = v.child as string[];
  }
  if (v.seen !== undefined) {
    if (!Array.isArray(v.seen)) throw bad('seen', 'a list of rules');
    rules.seen = v.seen.map((r: unknown, i: number) => {
      const o = obj(`seen[${i}]`, r);
      if (typeof o.id !== 'string') throw bad(`seen[${i}].id`, 'a string');
      if (o.decision !== 'seen' && o.decision !== 'not-seen') throw bad(`seen[${i}].decision`, 'seen | not-seen');
      const rule: SeenRule = { id: o.id, decision: o.decision, match: regex(`seen[${i}].match`, o.match) };
      if (o.agency !== undefined) rule.agency = regex(`seen[${i}].agency`, o.agency);
      if (o.subjects !== undefined) rule.subjects = regex(`seen[${i}].subjects`, o.subjects);
      return rule;
    });
  }
  if (v.patterns !== undefined) {
    if (!Array.isArray(v.patterns)) throw bad('patterns', 'a list of rules');
    rules.patterns = v.patterns.map((r: unknown, i: number) => {
      const o = obj(`patterns[${i}]`, r);
      const at = (k: string): string => `patterns[${i}].${k}`;
      if (typeof o.id !== 'string') throw bad(at('id'), 'a string');
      if (o.kind !== 'repeat' && o.kind !== 'escalation' && o.kind !== 'threshold') throw bad(at('kind'), 'repeat | escalation | threshold');
      if (typeof o.title !== 'string') throw bad(at('title'), 'a string');
      const rule: PatternRule = { id: o.id, kind: o.kind, title: o.title, match: regex(at('match'), o.match) };
      if (o.agency !== undefined) rule.agency = regex(at('agency'), o.agency);
      if (o.subjects !== undefined) rule.subjects = regex(at('subjects'), o.subjects);
      if (o.exclude !== undefined) rule.exclude = regex(at('exclude'), o.exclude);
      if (o.kind === 'threshold') rule.below = num(at('below'), o.below, 0);
      else rule.min = num(at('min'), o.min, 1);
      if (o.withinDays !== undefined) rule.withinDays = num(at('withinDays'), o.withinDays, 1);
      return rule;
    });
  }
  if (v.referrals !== undefined) {
    const o = obj('referrals', v.referrals);
    rules.referrals = {
      match: regex('referrals.match', o.match), outgoing: regex('referrals.outgoing', o.outgoing), incoming: regex('referrals.incoming', o.incoming),
      responseWithinDays: num('referrals.responseWithinDays', o.responseWithinDays, 0),
    };
    if (o.exclude !== undefined) rules.referrals.exclude = regex('referrals.exclude', o.exclude);
  }
  if (v.sharing !== undefined) rules.sharing = regex('sharing', v.sharing);
  if (v.agencies !== undefined) {
    const o = obj('agencies', v.agencies);
    rules.agencies = Object.fromEntries(Object.entries(o).map(([k, x]) => [k, regex(`agencies.${k}`, x)]));
  }
  if (v.balance !== undefined) {
    const o = obj('balance', v.balance);
    rules.balance = { good: regex('balance.good', o.good), missed: regex('balance.missed', o.missed) };
  }
  if (v.episodes !== undefined) {
    const o = obj('episodes', v.episodes);
    rules.episodes = {
      windowDays: num('episodes.windowDays', o.windowDays, 1), minEvents: num('episodes.minEvents', o.minEvents, 2),
      minAgencies: num('episodes.minAgencies', o.minAgencies, 1), timesUsual: num('episodes.timesUsual', o.timesUsual ?? 0, 0),
    };
  }
  return rules;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A rule's pattern as a case-insensitive expression, `{child}` standing for any of the child's names. */
export function compile(pattern: string, child: readonly string[]): RegExp {
  const names = child.map((c) => escapeRegExp(c.trim())).filter((c) => c !== '');
  const alternation = names.length > 0 ? `(?:${names.join('|')})` : '(?!)';
  return new RegExp(pattern.replace(/\{child\}/g, alternation), 'i');
}

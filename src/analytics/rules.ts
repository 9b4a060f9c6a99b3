/**
 * The analysis rules (rules.json): which records mean the child was seen or not seen, which
 * patterns to look for, how referrals, information sharing and balance are recognised. Data a
 * reviewer can copy and edit; checked whole before anything is applied.
 */
import { ThroughlineError } from '../model/errors.js';
import { DEFAULT_LINK_RULES } from '../timeline/links.js';
import shippedRules from './rules.json' with { type: 'json' };

export type SeenDecision = 'seen' | 'not-seen';

/**
 * The part of a record a rule's `match` (and `exclude`) reads: `text` (the default) is type ·
 * summary · outcome · extra columns; `type` is the record's own type when its file has a type
 * column and the cell is filled, else its whole text; `summary` and `outcome` are those cells.
 */
export type RuleField = 'type' | 'summary' | 'outcome' | 'text';
export const RULE_FIELDS: readonly RuleField[] = ['type', 'summary', 'outcome', 'text'];

/** What seen and pattern rules have in common: which records they read, and how. */
export interface RecordRule {
  match: string;
  agency?: string;
  /**
   * Whom the record must be about: matched against the record's subjects cell. A record from a
   * file without a subjects column is about the child unless the text is headed by someone else.
   */
  subjects?: string;
  field?: RuleField;
  /**
   * Only first-hand records count: a record that reports an earlier event recorded elsewhere (the
   * `from` of a refers-to link: a notification, a discharge letter received) is passed over.
   */
  firstHand?: boolean;
  /** Records whose `field` matches this are left out even when they match `match`. */
  exclude?: string;
  /**
   * A quick pattern every record the rule matches holds in its `field` (its key words: "\\bclos",
   * "\\b(?:discharg|D/C)"): a record without it is not tried against `match`, so a million records are
   * read by a few cheap words, not by every rule's whole pattern. Speed only; a `words` that a
   * matching record lacks would lose it, so it says no more than `match` requires.
   */
  words?: string;
}

export interface SeenRule extends RecordRule {
  id: string;
  decision: SeenDecision;
}

export interface PatternRule extends RecordRule {
  id: string;
  /** repeat: at least `min` matching events (within `withinDays` when given); escalation: the
   * same, plus whether the intervals between them shorten; threshold: a number captured by the
   * first group of `match` below `below`. */
  kind: 'repeat' | 'escalation' | 'threshold';
  title: string;
  min?: number;
  withinDays?: number;
  below?: number;
}

/** A record of a decision (rules.json `knowledge.decisions`): a strategy discussion's outcome, a case closed… */
export interface DecisionRule extends RecordRule {
  id: string;
  title: string;
  /**
   * A decision made at a multi-agency meeting (a strategy discussion, a conference): every agency
   * that recorded the meeting made it, whatever its own record says.
   */
  meeting?: boolean;
}

/** What each agency knew, and when (`knowledge`). */
export interface KnowledgeRules {
  /** The pattern rules (`patterns[].id`) whose findings' records are incidents a review follows. */
  incidentPatterns: string[];
  /** Records of decisions; the first rule that matches names the decision's kind. */
  decisions: DecisionRule[];
}

export interface AnalysisRules {
  child: string[];
  seen: SeenRule[];
  patterns: PatternRule[];
  /** A record matching `match` (and not `exclude`) is a referral: sent when it matches `outgoing`
   * ("PPN to CSC"), received when it matches `incoming` ("contact received"), else judged by where
   * the other agency is named (before the referral words: received from it; after: sent to it).
   * `notice`: the referral words that name a notice after the agency that sends it ("PPN", the
   * police's): named by them, the agency is the sender, not the receiver. */
  referrals: { match: string; exclude?: string; outgoing: string; incoming: string; responseWithinDays: number; notice?: string };
  sharing: string;
  /** Agency name → how other records refer to it. */
  agencies: Record<string, string>;
  balance: { good: string; missed: string };
  /** A suggested episode: a `windowDays` window with at least `minEvents` records from
   * `minAgencies` agencies, and at least `timesUsual` times the case's usual (median) count. */
  episodes: { windowDays: number; minEvents: number; minAgencies: number; timesUsual: number };
  /**
   * Who else a record can be about. `roles`: family roles and other people ("Mother", "Sibling",
   * "partner"); `notNames`: capitalised words that head a record ("Contact:", "Fall:", "Patient
   * seen") without being anyone's name. Used by the subjects rule and to infer the child's name.
   */
  people: { roles: string; notNames: string };
  knowledge: KnowledgeRules;
}

export const DEFAULT_RULES: AnalysisRules = shippedRules as AnalysisRules;

const KEYS = ['child', 'seen', 'patterns', 'referrals', 'sharing', 'agencies', 'balance', 'episodes', 'people', 'knowledge', '$comment'];

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
  // The keys seen and pattern rules share, checked alike.
  const recordRule = <R extends RecordRule>(rule: R, o: Record<string, unknown>, at: (k: string) => string): R => {
    if (o.agency !== undefined) rule.agency = regex(at('agency'), o.agency);
    if (o.subjects !== undefined) rule.subjects = regex(at('subjects'), o.subjects);
    if (o.field !== undefined) {
      if (!RULE_FIELDS.includes(o.field as RuleField)) throw bad(at('field'), RULE_FIELDS.join(' | '));
      rule.field = o.field as RuleField;
    }
    if (o.firstHand !== undefined) {
      if (typeof o.firstHand !== 'boolean') throw bad(at('firstHand'), 'true or false');
      rule.firstHand = o.firstHand;
    }
    if (o.exclude !== undefined) rule.exclude = regex(at('exclude'), o.exclude);
    if (o.words !== undefined) rule.words = regex(at('words'), o.words);
    return rule;
  };
  // A rule's id names it in every finding: two rules of one list with one id could not be told apart.
  const unique = <R extends { id: string }>(key: string, list: R[]): R[] => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.id)) throw bad(`${key}[${i}].id`, `an id no other rule of "${key}" has ("${r.id}" is used twice)`);
      seen.add(r.id);
    });
    return list;
  };
  const rules: AnalysisRules = structuredClone(DEFAULT_RULES);
  if (v.child !== undefined) {
    if (!Array.isArray(v.child) || !v.child.every((c) => typeof c === 'string' && c.trim() !== '')) throw bad('child', 'a list of names');
    rules.child = v.child as string[];
  }
  if (v.seen !== undefined) {
    if (!Array.isArray(v.seen)) throw bad('seen', 'a list of rules');
    rules.seen = unique('seen', v.seen.map((r: unknown, i: number) => {
      const o = obj(`seen[${i}]`, r);
      const at = (k: string): string => `seen[${i}].${k}`;
      if (typeof o.id !== 'string') throw bad(at('id'), 'a string');
      if (o.decision !== 'seen' && o.decision !== 'not-seen') throw bad(at('decision'), 'seen | not-seen');
      return recordRule<SeenRule>({ id: o.id, decision: o.decision, match: regex(at('match'), o.match) }, o, at);
    }));
  }
  if (v.patterns !== undefined) {
    if (!Array.isArray(v.patterns)) throw bad('patterns', 'a list of rules');
    rules.patterns = unique('patterns', v.patterns.map((r: unknown, i: number) => {
      const o = obj(`patterns[${i}]`, r);
      const at = (k: string): string => `patterns[${i}].${k}`;
      if (typeof o.id !== 'string') throw bad(at('id'), 'a string');
      if (o.kind !== 'repeat' && o.kind !== 'escalation' && o.kind !== 'threshold') throw bad(at('kind'), 'repeat | escalation | threshold');
      if (typeof o.title !== 'string') throw bad(at('title'), 'a string');
      const rule = recordRule<PatternRule>({ id: o.id, kind: o.kind, title: o.title, match: regex(at('match'), o.match) }, o, at);
      if (o.kind === 'threshold') rule.below = num(at('below'), o.below, 0);
      else rule.min = num(at('min'), o.min, 1);
      if (o.withinDays !== undefined) rule.withinDays = num(at('withinDays'), o.withinDays, 1);
      return rule;
    }));
  }
  if (v.referrals !== undefined) {
    const o = obj('referrals', v.referrals);
    rules.referrals = {
      match: regex('referrals.match', o.match), outgoing: regex('referrals.outgoing', o.outgoing), incoming: regex('referrals.incoming', o.incoming),
      responseWithinDays: num('referrals.responseWithinDays', o.responseWithinDays, 0),
    };
    if (o.exclude !== undefined) rules.referrals.exclude = regex('referrals.exclude', o.exclude);
    if (o.notice !== undefined) rules.referrals.notice = regex('referrals.notice', o.notice);
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
      minAgencies: num('episodes.minAgencies', o.minAgencies, 1), timesUsual: o.timesUsual === undefined ? 0 : num('episodes.timesUsual', o.timesUsual, 0),
    };
  }
  if (v.knowledge !== undefined) {
    const o = obj('knowledge', v.knowledge);
    const k = rules.knowledge;
    if (o.incidentPatterns !== undefined) {
      if (!Array.isArray(o.incidentPatterns) || !o.incidentPatterns.every((p) => typeof p === 'string')) throw bad('knowledge.incidentPatterns', 'a list of pattern ids');
      k.incidentPatterns = o.incidentPatterns as string[];
    }
    if (o.decisions !== undefined) {
      if (!Array.isArray(o.decisions)) throw bad('knowledge.decisions', 'a list of rules');
      k.decisions = unique('knowledge.decisions', o.decisions.map((r: unknown, i: number) => {
        const d = obj(`knowledge.decisions[${i}]`, r);
        const at = (key: string): string => `knowledge.decisions[${i}].${key}`;
        if (typeof d.id !== 'string') throw bad(at('id'), 'a string');
        if (typeof d.title !== 'string') throw bad(at('title'), 'a string');
        const rule = recordRule<DecisionRule>({ id: d.id, title: d.title, match: regex(at('match'), d.match) }, d, at);
        if (d.meeting !== undefined) {
          if (typeof d.meeting !== 'boolean') throw bad(at('meeting'), 'true or false');
          rule.meeting = d.meeting;
        }
        return rule;
      }));
    }
    for (const key of Object.keys(o)) if (key !== 'incidentPatterns' && key !== 'decisions') throw bad(`knowledge.${key}`, 'incidentPatterns or decisions');
  }
  if (v.people !== undefined) {
    const o = obj('people', v.people);
    rules.people = { roles: regex('people.roles', o.roles), notNames: regex('people.notNames', o.notNames) };
  }
  // The incidents' patterns named against the patterns in force. A list the file gives must name
  // its patterns; the shipped list, kept when the file gives none, applies to those of its
  // patterns still in force (a file that replaces the patterns keeps those of the same id).
  const ids = new Set(rules.patterns.map((p) => p.id));
  if ((v.knowledge as { incidentPatterns?: unknown } | undefined)?.incidentPatterns === undefined) {
    rules.knowledge.incidentPatterns = rules.knowledge.incidentPatterns.filter((p) => ids.has(p));
  } else {
    const unknown = rules.knowledge.incidentPatterns.find((p) => !ids.has(p));
    if (unknown !== undefined) throw bad('knowledge.incidentPatterns', `ids of the patterns rules (no pattern "${unknown}")`);
  }
  return rules;
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The multi-agency meetings, as the link rules (src/timeline/link-rules.json `meetings`) recognise
 * them: what `{meeting}` stands for unless other link rules are given.
 */
export const DEFAULT_MEETINGS: readonly string[] = DEFAULT_LINK_RULES.meetings.map((m) => m.pattern);

/**
 * A rule's pattern as a case-insensitive expression, `{child}` standing for any of the child's
 * names and `{meeting}` for any multi-agency meeting (the link rules' meeting patterns).
 */
export function compile(pattern: string, child: readonly string[], meetings: readonly string[] = DEFAULT_MEETINGS): RegExp {
  const names = child.map((c) => escapeRegExp(c.trim())).filter((c) => c !== '');
  const anyChild = names.length > 0 ? `(?:${names.join('|')})` : '(?!)';
  const anyMeeting = meetings.length > 0 ? `(?:${meetings.map((m) => `(?:${m})`).join('|')})` : '(?!)';
  // Replaced by functions: a name or a meeting pattern may hold `$` signs.
  return new RegExp(pattern.replace(/\{child\}/g, () => anyChild).replace(/\{meeting\}/g, () => anyMeeting), 'i');
}

/**
 * Cross-agency links. Nothing is merged away: every agency's record stays in the chronology; a
 * link only relates records, with its reason. Two kinds:
 * - same-event: one real-world event recorded by several agencies (a strategy discussion in the
 *   police, social care and health records, each worded differently; an ambulance call and the
 *   emergency department's arrival record of it);
 * - refers-to: a record that reports an earlier event recorded elsewhere (a notification, a
 *   discharge letter received) points to the record(s) of that event.
 *
 * The rules are data (link-rules.json):
 * - meetings: records of the same kind of multi-agency meeting by different agencies on the same
 *   day (high confidence), on consecutive days, or dated to the week that holds the meeting
 *   (medium). A record that names a meeting only as a purpose ("report sent for the ICPC",
 *   "minutes received", "did not attend the core group") is not a record of it;
 * - refersTo (found first): a record naming a day, and a record of that day sharing its
 *   informative words; the reporting record is then never the same event as another;
 * - similarity: other records by different agencies on the same day (or timed either side of
 *   midnight), within maxMinutesApart when both are timed, whose wording overlaps enough by a
 *   weighted overlap coefficient (words weighted by rarity). A record in words of being told
 *   (toldOf) is never the same event as another, nor is a meeting the incident it discussed.
 */
import { ThroughlineError } from '../model/errors.js';
import type { ChronologyEvent, CrossAgencyLink, IngestIssue } from '../model/types.js';
import { dayFromNumber, dayNumber, displayDate, displayDay, eventPeriod } from '../model/calendar.js';
import shippedRules from './link-rules.json' with { type: 'json' };
import { LEADING_MARKS, namedDays } from './mentions.js';
import { isOnKnownDay } from './scope.js';
import { rememberPositions } from './positions.js';

export interface LinkRules {
  meetings: Array<{ name: string; pattern: string }>;
  /**
   * Words that make a record that names a meeting a mention of it, not a record of it: `before`
   * the meeting's name ("report for", "invited to"), `after` it ("minutes", "booked"); unless
   * `held` words say it took place or was attended. A text saying it was held on an earlier day
   * mentions the meeting too, unless `attended` words say its agency took part.
   */
  meetingMention: { before: string; after: string; held: string; attended: string };
  /** Words of being told of an event that happened elsewhere (a notification, a letter received). */
  toldOf: string;
  /**
   * How a record opens when another agency told it ("Call from Westfield Primary DSL:", "Police
   * rang EDT:"), each with a group named `teller`: when the teller names (by `refersTo.agencies`)
   * an agency other than the recording one, the record is one of being told, as by `toldOf`. A
   * caller who is no agency ("Call from Darren BRENNAN stating…") is the event itself. Optional.
   */
  tellers?: string[];
  /**
   * Words by which a record says its agency contacted another ("telephoned MASH", "rang the SW",
   * "referral to CSC"). A record of being told by a teller, and the teller agency's one record that
   * day in these words naming the told agency (both timed: at most `similarity.maxMinutesApart`
   * apart), are the one call recorded at both ends: the same event. Optional.
   */
  contacted?: string;
  similarity: { minOverlap: number; minOverlapTimed: number; minSharedWords: number; minSharedRarity: number; maxMinutesApart: number };
  /**
   * `agencies` (optional): a record that names a day and, by `named`, an agency whose name `agency`
   * fits refers to that agency's only record of that day when the two share a word, however
   * little else of their wording overlaps ("took him to A&E yesterday" and the ED's terse line).
   */
  refersTo: { minOverlap: number; minSharedWords: number; maxDaysBack: number; agencies?: Array<{ agency: string; named: string }> };
  maxEventsPerDay: number;
}

export const DEFAULT_LINK_RULES: LinkRules = shippedRules as LinkRules;

const STOPWORDS = new Set(('the and for with was were has had have from that this but not are his her she him they them ' +
  'their there been into onto who which what when where will would could should than then also about after before ' +
  'over under all any per via our out off one two its it\'s yes did does done can may mum dad child children family ' +
  'mother father seen home visit visited told said advised noted reports reported report stated states').split(' '));

/**
 * A text's distinct content words: runs of ASCII letters and digits (split before lower-casing, so
 * that a character such as "İ" or the Kelvin sign, which lower-case to ASCII, still breaks a word),
 * lower-cased, at least three long, stopwords dropped, a plural "s" dropped, and none with a digit
 * (a reference number, a time or a date is no word of what happened, and as the rarest of all
 * would outweigh every word that is).
 */
export function contentWords(text: string): string[] {
  const words = text.split(/[^A-Za-z0-9]+/);
  const out = new Set<string>();
  for (let w of words) {
    w = w.toLowerCase();
    if (w.length < 3 || STOPWORDS.has(w) || /[0-9]/.test(w)) continue;
    if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.add(w);
  }
  return [...out];
}

/** Checks a link-rules object (e.g. a user's edited copy); throws naming the offending key. */
export function validateLinkRules(value: unknown, name: string): LinkRules {
  const bad = (key: string, expected: string): ThroughlineError =>
    new ThroughlineError('link-rules-invalid', `${name}: "${key}" is invalid: expected ${expected}`, name);
  if (typeof value !== 'object' || value === null) throw bad('(root)', 'a JSON object');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.meetings)) throw bad('meetings', 'a list of { name, pattern }');
  v.meetings.forEach((m: unknown, i: number) => {
    const r = m as Record<string, unknown>;
    if (typeof r?.name !== 'string' || typeof r?.pattern !== 'string') throw bad(`meetings[${i}]`, '{ "name": string, "pattern": string }');
    let re: RegExp;
    try { re = new RegExp(r.pattern, 'i'); } catch (e) { throw bad(`meetings[${i}].pattern`, `a regular expression (${(e as Error).message})`); }
    // The meetings' patterns are tried as one expression: one that matches nothing at all ("ICPC|")
    // would make every record a meeting's, and group numbers or names would clash.
    if (re.test('')) throw bad(`meetings[${i}].pattern`, 'a pattern that needs some text (this one matches an empty text: a stray "|"?)');
    if (/\\[1-9]|\\k<|\(\?<(?![=!])/.test(r.pattern)) throw bad(`meetings[${i}].pattern`, 'a pattern without back-references or named groups (the meetings\' patterns are tried together)');
  });
  const regex = (key: string, x: unknown): string => {
    if (typeof x !== 'string') throw bad(key, 'a regular expression (string)');
    try { new RegExp(x, 'i'); } catch (e) { throw bad(key, `a regular expression (${(e as Error).message})`); }
    return x;
  };
  const obj = (key: string): Record<string, unknown> => {
    const o = v[key];
    if (typeof o !== 'object' || o === null) throw bad(key, 'an object');
    return o as Record<string, unknown>;
  };
  const numbers = (key: string, o: Record<string, unknown>, keys: string[], share: string[]): void => {
    for (const k of keys) if (typeof o[k] !== 'number' || (o[k] as number) < 0) throw bad(`${key}.${k}`, 'a number, 0 or more');
    for (const k of share) if ((o[k] as number) > 1) throw bad(`${key}.${k}`, 'a number from 0 to 1');
  };
  const m = obj('meetingMention');
  for (const k of ['before', 'after', 'held', 'attended']) regex(`meetingMention.${k}`, m[k]);
  regex('toldOf', v.toldOf);
  if (v.tellers !== undefined) {
    if (!Array.isArray(v.tellers)) throw bad('tellers', 'a list of regular expressions, each with a group named teller');
    v.tellers.forEach((t: unknown, i: number) => {
      regex(`tellers[${i}]`, t);
      if (!/\(\?<teller>/.test(t as string)) throw bad(`tellers[${i}]`, 'a regular expression with a group named teller: (?<teller>…)');
    });
  }
  if (v.contacted !== undefined) regex('contacted', v.contacted);
  const s = obj('similarity');
  if ('minJaccard' in s) throw bad('similarity.minJaccard', 'minOverlap and minOverlapTimed instead (since version 1.1 wording is compared by a weighted overlap coefficient)');
  numbers('similarity', s, ['minOverlap', 'minOverlapTimed', 'minSharedWords', 'minSharedRarity', 'maxMinutesApart'], ['minOverlap', 'minOverlapTimed']);
  const r = obj('refersTo');
  numbers('refersTo', r, ['minOverlap', 'minSharedWords', 'maxDaysBack'], ['minOverlap']);
  if (r.agencies !== undefined) {
    // One bit each in a record's mask: at most 30.
    if (!Array.isArray(r.agencies) || r.agencies.length > 30) throw bad('refersTo.agencies', 'a list of at most 30 { agency, named }');
    r.agencies.forEach((a: unknown, i: number) => {
      const x = a as Record<string, unknown>;
      if (typeof x !== 'object' || x === null) throw bad(`refersTo.agencies[${i}]`, '{ "agency": string, "named": string }');
      regex(`refersTo.agencies[${i}].agency`, x.agency);
      regex(`refersTo.agencies[${i}].named`, x.named);
    });
  }
  if (typeof v.maxEventsPerDay !== 'number' || v.maxEventsPerDay < 2) throw bad('maxEventsPerDay', 'a number, 2 or more');
  return {
    meetings: v.meetings as LinkRules['meetings'], meetingMention: m as LinkRules['meetingMention'], toldOf: v.toldOf as string,
    ...(v.tellers !== undefined ? { tellers: v.tellers as string[] } : {}),
    ...(v.contacted !== undefined ? { contacted: v.contacted as string } : {}),
    similarity: s as LinkRules['similarity'], refersTo: r as LinkRules['refersTo'], maxEventsPerDay: v.maxEventsPerDay,
  };
}

interface Edge { a: number; b: number; confidence: 'high' | 'medium'; reason: string }

/** Minutes since midnight of a `yyyy-mm-ddTHH:MM` start, read in place; null for a day. */
function minutesOf(start: string): number | null {
  if (start.length <= 10) return null;
  const digit = (i: number): number => start.charCodeAt(i) - 48;
  return (digit(11) * 10 + digit(12)) * 60 + digit(14) * 10 + digit(15);
}

function listAgencies(agencies: string[]): string {
  return agencies.length <= 1 ? agencies.join('') : `${agencies.slice(0, -1).join(', ')} and ${agencies[agencies.length - 1]}`;
}

// Content words are compared as 32-bit FNV-1a hashes computed in one pass over the characters:
// a million summaries are tokenised without building a million word arrays of strings.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MIN_WORD_LENGTH = 3;
/** Hashes are cut to 30 bits so V8 keeps them as small integers (no boxed numbers in maps and arrays). */
const SMALL_INTEGER = 0x3fffffff;

export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h & SMALL_INTEGER;
}

const STOPWORD_HASHES = new Set([...STOPWORDS].map(hashWord));
/** A bit per low 20 bits of a stopword's hash: most words are known not to be stopwords from one bit. */
const STOPWORD_BITS = new Uint32Array(1 << 15);
for (const h of STOPWORD_HASHES) STOPWORD_BITS[(h & 0xfffff) >>> 5] |= 1 << (h & 31);
const isStopword = (h: number): boolean => (STOPWORD_BITS[(h & 0xfffff) >>> 5]! & (1 << (h & 31))) !== 0 && STOPWORD_HASHES.has(h);

/** A byte of UTF-8 that is an ASCII letter or digit, as its lower-case code; 0 for anything else (a word break). */
const WORD_CHAR = new Uint8Array(256);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = c;
for (let c = 97; c <= 122; c++) WORD_CHAR[c] = WORD_CHAR[c - 32] = c;

// Scratch for the words of one text (grown when a text has more): the hashes of a million
// summaries are read without a million arrays.
let wordScratch = new Int32Array(256);
// A text is scanned as UTF-8 bytes. Every byte of a non-ASCII character is 128 or more, so it
// breaks a word just as the character does; and a typed array reads far faster than the
// characters of a string sliced out of a two-byte file.
const utf8 = new TextEncoder();
let byteScratch = new Uint8Array(1024);

/**
 * Reads a text's content words into wordScratch, as contentWords defines them (lower-cased ASCII
 * letters and digits, at least three long, stopwords dropped, a plural "s" dropped, none with a
 * digit), hashed; in
 * text order, repeats included, after the `from` words already there. Returns how many in all.
 */
function scanWords(text: string, from = 0): number {
  // UTF-8 takes at most three bytes per UTF-16 code unit; one more for the closing space.
  if (byteScratch.length <= text.length * 3) byteScratch = new Uint8Array(Math.max(text.length * 3 + 1, byteScratch.length * 2));
  const bytes = byteScratch;
  const n = utf8.encodeInto(text, bytes).written;
  // A space after the end, so the last word is finished in the loop.
  bytes[n] = 32;
  let scratch = wordScratch;
  let count = from;
  let h = FNV_OFFSET;
  let beforeLast = FNV_OFFSET;
  let length = 0;
  let last = 0;
  let secondLast = 0;
  let digit = false;
  for (let i = 0; i <= n; i++) {
    const c = WORD_CHAR[bytes[i]!]!;
    if (c !== 0) {
      if (c < 58) digit = true;
      beforeLast = h;
      h = Math.imul(h ^ c, FNV_PRIME);
      secondLast = last;
      last = c;
      length++;
      continue;
    }
    if (length >= MIN_WORD_LENGTH && !digit) {
      const word = h & SMALL_INTEGER;
      if (!isStopword(word)) {
        if (count === scratch.length) {
          const grown = new Int32Array(count * 2);
          grown.set(scratch);
          scratch = wordScratch = grown;
        }
        scratch[count++] = length > 4 && last === 115 && secondLast !== 115 ? beforeLast & SMALL_INTEGER : word;
      }
    }
    h = FNV_OFFSET;
    length = 0;
    last = 0;
    secondLast = 0;
    digit = false;
  }
  return count;
}

/** The distinct content words of a text, as sorted hashes (the hashes of contentWords' words). */
export function wordHashes(text: string): number[] {
  const n = scanWords(text); // first: it may grow wordScratch
  return [...new Set(wordScratch.subarray(0, n))].sort((x, y) => x - y);
}

/** Dense ids for word hashes, by open addressing in typed arrays (hashes are 30-bit, so -1 is free). */
class WordIds {
  private keys = new Int32Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);
  /** The hash of each id. */
  readonly hashes: number[] = [];

  id(hash: number): number {
    let mask = this.keys.length - 1;
    if (this.hashes.length * 2 >= mask) { this.grow(); mask = this.keys.length - 1; }
    for (let i = Math.imul(hash, 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === hash) return this.values[i]!;
      if (k === -1) {
        this.keys[i] = hash;
        this.values[i] = this.hashes.length;
        this.hashes.push(hash);
        return this.hashes.length - 1;
      }
    }
  }

  private grow(): void {
    const size = this.keys.length * 2;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Int32Array(size);
    const mask = size - 1;
    this.hashes.forEach((hash, id) => {
      let i = Math.imul(hash, 0x9e3779b1) >>> 0 & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = hash;
      this.values[i] = id;
    });
  }
}

/**
 * One case-insensitive expression matching wherever any of the patterns matches. When every
 * alternative of every pattern starts with \b (as the shipped ones do), the \b is tested once,
 * outside the alternatives, which lets the regular expression engine skip faster.
 */
export function anyOf(patterns: readonly string[]): RegExp {
  // Anchored, so it fails at once instead of at every position of the text.
  if (patterns.length === 0) return /^(?!)/;
  const alternatives = patterns.flatMap(topLevelAlternatives);
  const bounded = alternatives.every((a) => a.startsWith('\\b'));
  return bounded
    ? new RegExp(`\\b(?:${alternatives.map((a) => a.slice(2)).join('|')})`, 'i')
    : new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i');
}

/** A pattern's alternatives at the top level: `a|b(c|d)` → `a`, `b(c|d)`. */
export function topLevelAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { out.push(pattern.slice(from, i)); from = i + 1; }
  }
  out.push(pattern.slice(from));
  return out;
}

/**
 * What linking reads of each event, gathered in one pass into typed arrays indexed by the
 * event's position in the merged order.
 */
interface LinkFeatures {
  /** The event's day number (days from 1970-01-01); NO_DAY when it cannot be linked (undated, a period or range, unusable). */
  day: Int32Array;
  /** Minute of the day; -1 untimed. */
  minutes: Int32Array;
  /** Index of the event's agency (agencies in order of first appearance). */
  agency: Int32Array;
  /** The meeting the event is a record of, as an index into the rules; -1 none. */
  kind: Int32Array;
  /** ORDINARY, MENTIONS_MEETING (names a meeting only as a purpose: "report sent for the ICPC") or TOLD_OF (reports an earlier event). */
  role: Int8Array;
  /** The event's distinct content words as dense ids: wordIds[wordStart[i], wordStart[i] + wordCount[i]), rarest first once weighed. */
  wordStart: Int32Array;
  wordCount: Int32Array;
  wordIds: Int32Array;
  /** How many distinct words the whole chronology has (ids are 0 to this, exclusive). */
  vocabulary: number;
  /** The days each event's text names, for refers-to links: [event, day, event, day, …]. */
  named: number[];
  /** Which of the rules' refers-to agencies a record naming a day names (a bit each); 0 for the rest. */
  namesAgency: Int32Array;
  /** For a record naming one of those agencies: the days it names outside a "since" clause ("not seen since 20/07" names a day, not an event). */
  agencyDays: Map<number, readonly number[]>;
  /**
   * For a record of a meeting that names a day and an agency: each day a sentence of it names,
   * with the agencies that sentence names ([day, agencies, day, agencies, …]): "Police: DA
   * call-outs 29/10/22 and 26/03/23." names the police's records of those days.
   */
  meetingAgencyDays: Map<number, readonly number[]>;
  /** By agency index: which of the rules' refers-to agencies its name fits (a bit each). */
  agencyMask: number[];
  /** Records of a meeting dated to a week or a short range: [event, first day, last day, …]. */
  periodMeetings: number[];
  /**
   * 1 for an ordinary record (no words of being told, no meeting) that names a day, whose text
   * opens with a happening of its own before it names any day (opensWithOwnHappening): "Pre-school booster –
   * was not brought again (also WNB 10/07)". Found to report an earlier record, it is an event too.
   */
  opensOwn: Uint8Array;
  /** For a record of being told by a teller ("Call from HV:"), the teller's agencies (a bit each of `refersTo.agencies`); 0 for the rest. */
  toldBy: Int32Array;
}

/**
 * A text's opening clause, to the first full stop, semicolon, bracket or line break (a full stop
 * inside a number or a date, "10.05", is none). A record whose opening clause names no day and
 * holds at least OWN_OPENING_WORDS informative words, and goes on past it, opens with a happening
 * of its own. Not one with a heading ended by a colon ("PPN: Carney at the door on Sunday night",
 * "DA incident: Saturday 12/11 …"): that is how a record of being told is headed.
 */
const OPENING_END = /[;(\n]|\.(?!\d)/;
const OWN_OPENING_WORDS = 2;

/** "since …" to the clause's end: the day it names starts a period ("not seen by school since 20/07"), it reports no event. */
const SINCE_CLAUSE = /\bsince\b[^.;]*/gi;

/** A record of a meeting dated to a period at most this many days long (a week) may be linked to it. */
const MEETING_PERIOD_DAYS = 7;

const ORDINARY = 0;
const MENTIONS_MEETING = 1;
const TOLD_OF = 2;

/** No day: day numbers before 1970 are negative, so the sentinel is the least 32-bit integer. */
const NO_DAY = -0x80000000;

interface CompiledRules {
  meetings: Array<{ name: string; re: RegExp; all: RegExp }>;
  anyMeeting: RegExp;
  mentionBefore: RegExp;
  mentionAfter: RegExp;
  held: RegExp;
  attended: RegExp;
  toldOf: RegExp;
  tellers: RegExp[];
  contacted: RegExp | null;
  minWords: number;
  refersAgencies: Array<{ agency: RegExp; named: RegExp; all: RegExp }>;
  /** Any of the refers-to agencies' names (a record naming none is read no further). */
  anyAgency: RegExp;
}

function compileRules(rules: LinkRules): CompiledRules {
  return {
    meetings: rules.meetings.map((m) => ({ name: m.name, re: new RegExp(m.pattern, 'i'), all: new RegExp(m.pattern, 'gi') })),
    anyMeeting: anyOf(rules.meetings.map((m) => m.pattern)),
    // A purpose word, then at most a few words with no sentence break, then the meeting's name.
    mentionBefore: new RegExp(`\\b(?:${rules.meetingMention.before})\\b[^.;!?]{0,30}$`, 'i'),
    mentionAfter: new RegExp(`^[^.;!?]{0,15}?\\b(?:${rules.meetingMention.after})\\b`, 'i'),
    held: new RegExp(rules.meetingMention.held, 'i'),
    attended: new RegExp(rules.meetingMention.attended, 'i'),
    toldOf: new RegExp(rules.toldOf, 'i'),
    tellers: (rules.tellers ?? []).map((t) => new RegExp(t, 'i')),
    contacted: rules.contacted !== undefined ? new RegExp(rules.contacted, 'i') : null,
    minWords: Math.max(1, Math.min(rules.similarity.minSharedWords, rules.refersTo.minSharedWords)),
    refersAgencies: (rules.refersTo.agencies ?? []).map((a) => ({ agency: new RegExp(a.agency, 'i'), named: new RegExp(a.named, 'i'), all: new RegExp(a.named, 'gi') })),
    anyAgency: new RegExp((rules.refersTo.agencies ?? []).map((a) => `(?:${a.named})`).join('|') || '(?!)', 'i'),
  };
}

/**
 * The meeting (its place in the rules) a text names first, or -1: "Pre-birth planning meeting …
 * DPM before discharge" is of the pre-birth planning meeting. Of two named at one place, the
 * first in the rules.
 */
function firstMeeting(text: string, c: CompiledRules): number {
  let first = -1;
  let at = Number.POSITIVE_INFINITY;
  c.meetings.forEach((x, k) => {
    const m = x.re.exec(text);
    if (m !== null && m.index < at) { first = k; at = m.index; }
  });
  return first;
}

/** The meeting (its place in the rules) a text opens by naming, or -1. */
function openingMeeting(text: string, c: CompiledRules): number {
  const start = LEADING_MARKS.exec(text)?.[0].length ?? 0;
  return c.meetings.findIndex((x) => x.re.exec(text)?.index === start);
}

/**
 * Whether a text that names meeting `k` only mentions it: every time it is named, a purpose
 * comes just before ("report sent for", "invited to", "ahead of") or just after ("minutes
 * received", "booked"), or a day before the record's own follows its name ("Nico on CP plan
 * (Eastmoor ICPC 07/10)": that meeting, held before); and nothing says the meeting took place or
 * was attended, in the sentence that names it or the next ("Strategy discussion. Present: …"): in
 * "Ambulance attended. DASH HIGH - MARAC." the ambulance attended, not the MARAC.
 */
function mentionsOnly(text: string, k: number, c: CompiledRules, onDay: number): boolean {
  const all = c.meetings[k]!.all;
  all.lastIndex = 0;
  let named = false;
  for (let m = all.exec(text); m !== null; m = all.exec(text)) {
    if (m[0] === '') { all.lastIndex++; continue; }
    named = true;
    const end = m.index + m[0].length;
    if (c.held.test(sentencesAround(text, m.index, end))) return false;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const after = text.slice(end, end + 40);
    if (!c.mentionBefore.test(before) && !c.mentionAfter.test(after) && !datedBefore(after, onDay)) return false;
  }
  return named;
}

/** The sentence holding text[from, to) and the next sentence with words in it (sentences end as SENTENCE_END says, below). */
function sentencesAround(text: string, from: number, to: number): string {
  const ends = new RegExp(SENTENCE_END.source, 'g');
  let start = 0;
  for (let m = ends.exec(text); m !== null && m.index < from; m = ends.exec(text)) start = m.index + 1;
  ends.lastIndex = to;
  let stop = text.length;
  let sentences = 0;
  let last = to;
  for (let m = ends.exec(text); m !== null; m = ends.exec(text)) {
    if (sentences === 0 || /\w/.test(text.slice(last, m.index))) sentences++;
    last = m.index + 1;
    if (sentences === 2) { stop = m.index; break; }
  }
  return text.slice(start, stop);
}

/** A day just after a meeting's name ("ICPC 07/10", "conference on 3rd May", "core group (12/02/24)"). */
const DAY_AFTER_NAME = /^\s*[(,–-]?\s*(?:(?:on|of|dated)\s+)?(?:\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}(?:\s+\d{4})?)(?![\d/])/;

/** Whether the words just after a meeting's name give it a day before `onDay`, the record's. */
function datedBefore(after: string, onDay: number): boolean {
  if (onDay === NO_DAY) return false;
  const m = DAY_AFTER_NAME.exec(after);
  return m !== null && namedDays(m[0], onDay, Number.MAX_SAFE_INTEGER).some((d) => d < onDay);
}

/** After the recording agency's name, words saying it went to the event itself ("EDT SW attended 23:10 with police"). */
const WENT_ITSELF = /^[^.;:]{0,20}?\b(?:attended|visited|went (?:out|to)|on scene)\b/i;

/**
 * Which other agency, if any, a text opens by saying told its recorder ("Call from Housing
 * Options:", "Police rang EDT:"): a `tellers` head whose teller names, by `refersTo.agencies`, an
 * agency that is not the recording one (`own`: the entries whose `agency` fits it), as a bit each
 * of `refersTo.agencies`; 0 for none. None when the text goes on to say the recording agency went
 * to it ("Call from police … EDT SW attended with police"): told and there, its record is of the
 * event itself.
 */
function toldByOther(text: string, own: number, c: CompiledRules): number {
  let told = 0;
  for (const head of c.tellers) {
    const teller = head.exec(text)?.groups?.teller;
    if (teller === undefined) continue;
    c.refersAgencies.forEach((x, b) => { if ((own & (1 << b)) === 0 && x.named.test(teller)) told |= 1 << b; });
    if (told !== 0) break;
  }
  if (told === 0) return 0;
  for (let b = 0; b < c.refersAgencies.length; b++) {
    if ((own & (1 << b)) === 0) continue;
    const named = c.refersAgencies[b]!.all;
    named.lastIndex = 0;
    for (let m = named.exec(text); m !== null; m = named.exec(text)) {
      if (m[0] === '') { named.lastIndex++; continue; }
      if (WENT_ITSELF.test(text.slice(m.index + m[0].length, m.index + m[0].length + 60))) return 0;
    }
  }
  return told;
}

/**
 * One pass over the events, in readOrder when given: the order they were built in, which is
 * faster to read than the merged order that scatters them in memory. The result is the same in
 * any order, because everything is stored by merged position.
 */
function linkFeatures(
  events: readonly ChronologyEvent[], c: CompiledRules, maxDaysBack: number, readOrder: ArrayLike<number> | undefined,
): LinkFeatures {
  const n = events.length;
  const { minWords } = c;
  const day = new Int32Array(n).fill(NO_DAY);
  const minutes = new Int32Array(n).fill(-1);
  const agency = new Int32Array(n);
  const kind = new Int32Array(n).fill(-1);
  const role = new Int8Array(n);
  const wordStart = new Int32Array(n);
  const wordCount = new Int32Array(n);
  const named: number[] = [];
  const opensOwn = new Uint8Array(n);
  const toldBy = new Int32Array(n);
  const namesAgency = new Int32Array(n);
  const agencyDays = new Map<number, readonly number[]>();
  const meetingAgencyDays = new Map<number, readonly number[]>();
  const agencyMask: number[] = [];
  const periodMeetings: number[] = [];
  let wordIds: Int32Array = new Int32Array(1 << 16);
  let used = 0;
  const agencies = new Map<string, number>();
  // Event types repeat, so which meeting one names is worked out once per type.
  const typeMeeting = new Map<string, number>();
  const ids = new WordIds();
  // The event (by read number) that last used each word id: a word repeated in a text counts once.
  let inRecord: Int32Array = new Int32Array(1 << 12).fill(-1);
  for (let r = 0; r < n; r++) {
    const i = readOrder === undefined ? r : readOrder[r]!;
    const e = events[i]!;
    if (e.flags.includes('unusable')) continue;
    // A record dated to a week, month or range takes part only as one that reports an earlier
    // event ("ED notification received", dated April 2021): it names days up to its period's end.
    const onKnownDay = isOnKnownDay(e);
    let d: number;
    let periodFirst = NO_DAY;
    if (onKnownDay) {
      d = dayNumber(e.date.start);
      day[i] = d;
      minutes[i] = minutesOf(e.date.start) ?? -1;
    } else {
      const period = eventPeriod(e.date);
      if (period === null) continue;
      d = dayNumber(period.last);
      periodFirst = dayNumber(period.first);
    }
    let a = agencies.get(e.agency);
    if (a === undefined) {
      agencies.set(e.agency, (a = agencies.size));
      let mask = 0;
      c.refersAgencies.forEach((x, b) => { if (x.agency.test(e.agency)) mask |= 1 << b; });
      agencyMask.push(mask);
    }
    agency[i] = a;
    // A type that names a meeting makes the record one of that meeting; a text that names one
    // does so unless it only mentions it. One expression finds the few records that name any.
    let k = -1;
    if (e.type !== undefined) {
      let known = typeMeeting.get(e.type);
      if (known === undefined) typeMeeting.set(e.type, (known = c.anyMeeting.test(e.type) ? c.meetings.findIndex((x) => x.re.test(e.type!)) : -1));
      k = known;
    }
    // What the record says happened is in its text and its outcome (not its other columns, where
    // a date of birth would read as a day named). Each is read alone: no string joined a million times.
    const { summary, outcome } = e;
    let days = namedDays(summary, d, maxDaysBack);
    if (outcome !== undefined) {
      const more = namedDays(outcome, d, maxDaysBack);
      if (more.length > 0) days = [...new Set([...days, ...more])];
    }
    for (const nd of days) named.push(i, nd);
    if (days.length > 0) {
      const mask = agenciesNamed(summary, c) | (outcome !== undefined ? agenciesNamed(outcome, c) : 0);
      namesAgency[i] = mask;
      if (mask !== 0) {
        const outside = (text: string): readonly number[] => namedDays(text.replace(SINCE_CLAUSE, ' '), d, maxDaysBack);
        agencyDays.set(i, outcome === undefined ? outside(summary) : [...outside(summary), ...outside(outcome)]);
      }
    }
    // A type names the kind of record ("Child protection conference"); a text that opens by naming
    // a meeting says which it was ("Review CP conference – DSL attended"): the text's, when it is
    // not a mention of it ("RCPC minutes received").
    if (k !== -1 && c.anyMeeting.test(summary)) {
      const opening = openingMeeting(summary, c);
      if (opening !== -1 && opening !== k && !mentionsOnly(summary, opening, c, d)) k = opening;
    }
    if (k === -1 && c.anyMeeting.test(summary)) {
      const inText = firstMeeting(summary, c);
      // A text that says the meeting was held, or that opens by saying another agency told it
      // ("SW K. Osei rang: … joint visit with police yesterday"), names an earlier day and does not
      // say its agency took part ("RCPC was held yesterday (17/01). School did not attend")
      // reports the meeting; it is no record of it.
      const reported = days.some((nd) => nd < d) && !c.attended.test(summary)
        && (c.held.test(summary) || (c.tellers.length > 0 && toldByOther(summary, agencyMask[a]!, c) !== 0));
      // One that names the meeting only as held on an earlier day ("CP plan (ICPC 07/10)") is no
      // record of it, and no mention of it by purpose either: what it records is its own.
      // One whose first sentence names the meeting is about it ("Core group today - not attended",
      // "Invite received to strategy discussion tomorrow"); one that opens with a happening of its
      // own records that ("Carney forced entry … punched her. … DASH HIGH - MARAC referral.").
      if (inText !== -1 && (reported || (mentionsOnly(summary, inText, c, NO_DAY) && meetingInOpening(summary, c)))) role[i] = MENTIONS_MEETING;
      else if (inText === -1 || !mentionsOnly(summary, inText, c, d)) k = inText;
    }
    kind[i] = k;
    if (k !== -1 && namesAgency[i] !== 0) meetingAgencyDays.set(i, sentenceAgencyDays(outcome === undefined ? [summary] : [summary, outcome], d, maxDaysBack, c));
    if (k !== -1 && !onKnownDay && d - periodFirst < MEETING_PERIOD_DAYS) periodMeetings.push(i, periodFirst, d);
    // In words of being told, or dated only to a period: a report of an event, never the event.
    // (A record naming an earlier day is one only when that day's record of it is found.)
    // A record of a meeting is the meeting, whatever it says it received ("police report received").
    const teller = role[i] === ORDINARY && k === -1 && onKnownDay && c.tellers.length > 0 ? toldByOther(summary, agencyMask[a]!, c) : 0;
    if (teller !== 0) toldBy[i] = teller;
    if (role[i] === ORDINARY && k === -1 && (!onKnownDay || teller !== 0 || c.toldOf.test(summary) || (outcome !== undefined && c.toldOf.test(outcome)))) {
      role[i] = TOLD_OF;
      // Told of something without a day named ("Police notification: domestic incident…"): it
      // happened that day or the day before.
      if (onKnownDay && days.length === 0) named.push(i, d, i, d - 1);
    }
    if (days.length > 0 && role[i] === ORDINARY && k === -1 && opensWithOwnHappening(summary, d, maxDaysBack)) opensOwn[i] = 1;
    // The whole record's words: type, text, outcome and the values of its other columns, so a
    // system export whose complaint sits in an unmapped column is compared by it, and an address
    // or a name in a column of its own counts as evidence too.
    let count = e.type === undefined ? 0 : scanWords(e.type);
    count = scanWords(summary, count);
    if (outcome !== undefined) count = scanWords(outcome, count);
    for (const heading in e.extra) count = scanWords(e.extra[heading]!, count);
    if (count < minWords) continue;
    wordIds = grown(wordIds, used + count);
    let end = used;
    for (let q = 0; q < count; q++) {
      const w = ids.id(wordScratch[q]!);
      if (w >= inRecord.length) inRecord = grown(inRecord, w + 1, -1);
      if (inRecord[w] === r) continue;
      inRecord[w] = r;
      wordIds[end++] = w;
    }
    if (end - used < minWords) continue;
    wordStart[i] = used;
    wordCount[i] = end - used;
    used = end;
  }
  return { day, minutes, agency, kind, role, wordStart, wordCount, wordIds, vocabulary: ids.hashes.length, named, namesAgency, agencyDays, meetingAgencyDays, agencyMask, periodMeetings, opensOwn, toldBy };
}

/**
 * A sentence's end: a full stop before a space or the text's end (not the point of "03.02" or
 * "10.05", nor an initial's: "K. Osei", "DS R. Ward"), a semicolon or a line break.
 */
const SENTENCE_END = /[;\n]|(?<!\b[A-Z])\.(?=\s|$)/;

/**
 * Each day a sentence of the texts names outside a "since" clause, with the refers-to agency the
 * sentence names nearest before it ([day, agencies, …]): in "Conference heard of the police
 * call-outs on 04/05 and 22/06 and the ED attendance on 01/06" the police's are 04/05 and 22/06,
 * the ED's 01/06. A day named before any agency is the first one's ("on 01/06 ED saw …").
 */
function sentenceAgencyDays(texts: readonly string[], onDay: number, maxDaysBack: number, c: CompiledRules): number[] {
  const out: number[] = [];
  for (const text of texts) {
    for (const sentence of text.replace(SINCE_CLAUSE, ' ').split(SENTENCE_END)) {
      // Where each agency is named: [position, agency bit, …], in order.
      const at: Array<[number, number]> = [];
      c.refersAgencies.forEach((x, b) => {
        x.all.lastIndex = 0;
        for (let m = x.all.exec(sentence); m !== null; m = x.all.exec(sentence)) {
          if (m[0] === '') { x.all.lastIndex++; continue; }
          at.push([m.index, 1 << b]);
        }
      });
      if (at.length === 0) continue;
      at.sort((a, b) => a[0] - b[0]);
      for (let k = 0; k < at.length; k++) {
        const [from, bit] = at[k]!;
        let mask = bit;
        let next = k + 1;
        while (next < at.length && at[next]![0] === from) mask |= at[next++]![1];
        const end = next < at.length ? at[next]![0] : sentence.length;
        for (const nd of namedDays(sentence.slice(k === 0 ? 0 : from, end), onDay, maxDaysBack)) out.push(nd, mask);
        k = next - 1;
      }
    }
  }
  return out;
}

/** Whether a sentence of meeting record i names `day` together with one of the agencies in `mask`. */
function namedInSentence(f: LinkFeatures, i: number, day: number, mask: number): boolean {
  const list = f.meetingAgencyDays.get(i);
  if (list === undefined) return false;
  for (let p = 0; p < list.length; p += 2) if (list[p] === day && (list[p + 1]! & mask) !== 0) return true;
  return false;
}

/** Which of the rules' refers-to agencies a text names (a bit each; one read of the union first). */
function agenciesNamed(text: string, c: CompiledRules): number {
  let mask = 0;
  if (c.anyAgency.test(text)) c.refersAgencies.forEach((x, b) => { if (x.named.test(text)) mask |= 1 << b; });
  return mask;
}

/** Whether a text names a meeting in its first sentence (to SENTENCE_END). */
function meetingInOpening(text: string, c: CompiledRules): boolean {
  const at = c.anyMeeting.exec(text)?.index;
  const end = text.search(SENTENCE_END);
  return at !== undefined && (end === -1 || at < end);
}

/** Whether a text naming a day opens with a happening of its own, before it names any (OPENING_END). */
function opensWithOwnHappening(text: string, onDay: number, maxDaysBack: number): boolean {
  const end = text.search(OPENING_END);
  if (end === -1 || text.slice(end + 1).trim() === '') return false;
  const opening = text.slice(0, end);
  return !opening.includes(':') && namedDays(opening, onDay, maxDaysBack).length === 0 && contentWords(opening).length >= OWN_OPENING_WORDS;
}

/**
 * How informative each word is: its inverse document frequency over the chronology's records,
 * ln((N + 1) / df), so a word every agency writes ("police", the child's name) weighs little and a
 * word of one incident ("nostril", "bead") much. Each record's words are put in order of rarity
 * (fewest records first, then id) and its total weight kept: what similarity divides by.
 */
interface Weights {
  weight: Float64Array;
  rank: Int32Array;
  total: Float64Array;
  /** The weight of a word only the two records sharing it use, ln((N + 1) / 2): the unit of minSharedRarity. */
  rarest: number;
}

function weighWords(f: LinkFeatures, n: number): Weights {
  const df = new Int32Array(f.vocabulary);
  let records = 0;
  for (let i = 0; i < n; i++) {
    const size = f.wordCount[i]!;
    if (size === 0) continue;
    records++;
    for (let k = f.wordStart[i]!, end = k + size; k < end; k++) df[f.wordIds[k]!]!++;
  }
  const weight = new Float64Array(f.vocabulary);
  for (let w = 0; w < f.vocabulary; w++) weight[w] = Math.log((records + 1) / df[w]!);
  const byRarity = Array.from({ length: f.vocabulary }, (_, w) => w).sort((x, y) => df[x]! - df[y]! || x - y);
  const rank = new Int32Array(f.vocabulary);
  byRarity.forEach((w, r) => { rank[w] = r; });
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const size = f.wordCount[i]!;
    if (size === 0) continue;
    const from = f.wordStart[i]!;
    // Rarest first, in place (insertion sort by rank: a record has a few dozen words at most).
    for (let k = from + 1; k < from + size; k++) {
      const w = f.wordIds[k]!;
      let p = k;
      while (p > from && rank[f.wordIds[p - 1]!]! > rank[w]!) { f.wordIds[p] = f.wordIds[p - 1]!; p--; }
      f.wordIds[p] = w;
    }
    let sum = 0;
    for (let k = from; k < from + size; k++) sum += weight[f.wordIds[k]!]!;
    total[i] = sum;
  }
  return { weight, rank, total, rarest: Math.log((records + 1) / 2) };
}

/** The words two records share: how many, and their weight. Both lists are in rarity order, so one merge pass. */
function overlap(f: LinkFeatures, wt: Weights, i: number, j: number): { shared: number; weight: number } {
  let shared = 0;
  let weight = 0;
  for (let x = f.wordStart[i]!, y = f.wordStart[j]!, xe = x + f.wordCount[i]!, ye = y + f.wordCount[j]!; x < xe && y < ye;) {
    const rx = wt.rank[f.wordIds[x]!]!;
    const ry = wt.rank[f.wordIds[y]!]!;
    if (rx === ry) { shared++; weight += wt.weight[f.wordIds[x]!]!; x++; y++; } else if (rx < ry) x++; else y++;
  }
  return { shared, weight };
}

/** One day's events in the merged order: members[from, to). Day and minute events of one date are contiguous. */
interface DayRun { day: number; from: number; to: number }

function dayRuns(day: Int32Array): { runs: DayRun[]; members: Int32Array } {
  const runs: DayRun[] = [];
  const members = new Int32Array(day.length);
  let m = 0;
  let current: DayRun | undefined;
  for (let i = 0; i < day.length; i++) {
    const d = day[i]!;
    if (d === NO_DAY) continue;
    if (!current || current.day !== d) {
      if (current) current.to = m;
      current = { day: d, from: m, to: m };
      runs.push(current);
    }
    members[m++] = i;
  }
  if (current) current.to = m;
  return { runs, members };
}

/** The run of a day, by binary search (runs are in day order); undefined when nothing happened that day. */
function runOf(runs: readonly DayRun[], d: number): DayRun | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = runs[mid]!.day;
    if (x === d) return runs[mid];
    if (x < d) lo = mid + 1; else hi = mid - 1;
  }
  return undefined;
}

/**
 * Finds the links among events already in merged order: same-event groups (their ids follow the
 * position of each group's first event), then refers-to links (in the order of the record that
 * mentions), so the same input always gives the same links.
 *
 * `readOrder`, when given, lists every position once, in the order the events are best read in
 * (the order they were built in); it changes only the speed, never the result.
 */
export function linkEvents(
  events: readonly ChronologyEvent[], rules: LinkRules = DEFAULT_LINK_RULES, readOrder?: ArrayLike<number>,
): { links: CrossAgencyLink[]; issues: IngestIssue[] } {
  if (readOrder !== undefined && readOrder.length !== events.length) throw new RangeError(`readOrder lists ${readOrder.length} positions for ${events.length} events`);
  const issues: IngestIssue[] = [];
  const compiled = compileRules(rules);
  const meetings = compiled.meetings;
  const features = linkFeatures(events, compiled, rules.refersTo.maxDaysBack, readOrder);
  const weights = weighWords(features, events.length);
  const { kind, agency } = features;
  const { runs, members } = dayRuns(features.day);
  // A record found to report an earlier event (naming its day) is never the same event as another.
  const targets = referenceTargets(features, weights, members, runs, rules);
  citedTargets(events, features, targets, readOrder);
  for (const [i, list] of targets) if (list.some((t) => t.named < features.day[i]!) || features.day[i] === NO_DAY) features.role[i] = TOLD_OF;

  const edges: Edge[] = [];
  const compared: DayRun[] = [];
  runs.forEach((run, r) => {
    const next = runs[r + 1];
    const tomorrow = next && next.day === run.day + 1 ? next : undefined;
    const size = run.to - run.from;
    if (size > rules.maxEventsPerDay) {
      issues.push({ file: '', line: 0, severity: 'info', code: 'link-day-too-busy', message: `${size} events on ${displayDay(dayFromNumber(run.day))} are more than the ${rules.maxEventsPerDay} per day that linking compares; only meetings were linked on that day` });
    }
    let agencies = 1;
    for (let x = run.from; x < run.to; x++) {
      const i = members[x]!;
      if (agency[i] !== agency[members[run.from]!]) agencies = 2;
      const k = kind[i]!;
      if (k === -1) continue;
      const reason = meetings[k]!.name;
      for (let y = x + 1; y < run.to; y++) {
        const j = members[y]!;
        if (kind[j] === k && agency[j] !== agency[i]) edges.push({ a: i, b: j, confidence: 'high', reason });
      }
      if (tomorrow) {
        for (let y = tomorrow.from; y < tomorrow.to; y++) {
          const j = members[y]!;
          if (kind[j] === k && agency[j] !== agency[i]) edges.push({ a: i, b: j, confidence: 'medium', reason });
        }
      }
    }
    if (size >= 2 && size <= rules.maxEventsPerDay && agencies > 1) compared.push(run);
  });
  periodMeetingEdges(features, runs, members, meetings, edges);
  similarPairs(events, features, weights, members, compared, rules, edges);
  callEdges(events, features, compiled, members, runs, rules.similarity.maxMinutesApart, edges);
  jointEdges(events, features, compiled, members, compared, rules.similarity.maxMinutesApart, edges);
  acrossMidnight(events, features, weights, members, runs, rules, edges);
  edges.sort((x, y) => x.a - y.a || x.b - y.b);
  const groups = groupsFromEdges(events, edges);
  const references = referenceLinks(events, features, targets, groups);
  // Where the linked records are, for the analyses that start from a link (kept beside the events).
  const positions = new Map<string, number>();
  for (const g of groups) for (const m of g.members) positions.set(events[m]!.id, m);
  for (const [i, list] of targets) { positions.set(events[i]!.id, i); for (const t of list) positions.set(events[t.j]!.id, t.j); }
  rememberPositions(events, positions);
  return { links: [...groups.map((g) => g.link), ...references], issues };
}

/**
 * A record of a meeting dated only to a week ("W/B 07/02/2022: attended MARAC") is a record of the
 * meeting of that kind another agency recorded on a day of that week, when exactly one day of the
 * week holds such a meeting (two core groups in one week could be either): medium confidence.
 */
function periodMeetingEdges(f: LinkFeatures, runs: readonly DayRun[], members: Int32Array, meetings: CompiledRules['meetings'], edges: Edge[]): void {
  for (let p = 0; p < f.periodMeetings.length; p += 3) {
    const i = f.periodMeetings[p]!;
    const first = f.periodMeetings[p + 1]!;
    const last = f.periodMeetings[p + 2]!;
    const k = f.kind[i]!;
    const found: number[] = [];
    let day = NO_DAY;
    let days = 0;
    for (let d = first; d <= last; d++) {
      const run = runOf(runs, d);
      if (!run) continue;
      let here = false;
      for (let x = run.from; x < run.to; x++) {
        const j = members[x]!;
        if (f.kind[j] === k && f.agency[j] !== f.agency[i]) { found.push(j); here = true; }
      }
      if (here && d !== day) { day = d; days++; }
    }
    if (days !== 1) continue;
    for (const j of found) edges.push({ a: Math.min(i, j), b: Math.max(i, j), confidence: 'medium', reason: meetings[k]!.name });
  }
}

/**
 * A call (or message) between two agencies recorded at both ends: a record of being told by a
 * teller (`toldBy`: "Call from HV Nicola Brady:") and the teller agency's record of that day that
 * says, in `contacted` words, that it contacted the told agency, naming it ("Telephoned SW Kate
 * Osei to share…"); both timed, at most maxMinutesApart apart; not a record already one event
 * with another's. Only when exactly one record of the teller agency that day fits: of two, which
 * was the call would be a guess. Medium confidence.
 */
function callEdges(
  events: readonly ChronologyEvent[], f: LinkFeatures, c: CompiledRules, members: Int32Array, runs: readonly DayRun[], maxMinutesApart: number, edges: Edge[],
): void {
  if (c.contacted === null) return;
  // A record already one event with another's (an incident attended, a meeting) is that event's:
  // a call it mentions at its end ("CSC EDT informed by phone 15:05") is part of it.
  const linked = new Set<number>();
  for (const e of edges) { linked.add(e.a); linked.add(e.b); }
  for (let i = 0; i < events.length; i++) {
    const teller = f.toldBy[i]!;
    if (teller === 0) continue;
    const run = runOf(runs, f.day[i]!);
    if (!run) continue;
    // The told agency as the caller's record would name it.
    const told = c.refersAgencies.filter((_, b) => (f.agencyMask[f.agency[i]!]! & (1 << b)) !== 0);
    let found = -1;
    let count = 0;
    for (let x = run.from; x < run.to; x++) {
      const j = members[x]!;
      if (j === i || f.agency[j] === f.agency[i] || (f.agencyMask[f.agency[j]!]! & teller) === 0 || f.kind[j] !== -1 || f.role[j] === MENTIONS_MEETING || linked.has(j)) continue;
      if (f.minutes[i]! >= 0 && f.minutes[j]! >= 0 && Math.abs(f.minutes[i]! - f.minutes[j]!) > maxMinutesApart) continue;
      const text = events[j]!.summary;
      if (!c.contacted.test(text) || !told.some((x) => x.named.test(text))) continue;
      found = j;
      count++;
    }
    if (count === 1) edges.push({ a: Math.min(i, found), b: Math.max(i, found), confidence: 'medium', reason: 'call between agencies, recorded at both ends' });
  }
}

/** Words of a referral or contact received ("Referred from ED", "Contact received from police"). */
const RECEIVED_FROM = /\breferr(?:ed|al)\s+(?:received\s+)?(?:from|by)\b|\breceived\s+from\b/i;

/**
 * One happening two agencies attended, each naming the other: the police's "ambulance requested"
 * and the ambulance crew's "Police on scene" eleven minutes later; the ED's "Police + EDT
 * informed" and the police's "Officers attended … ED at the request of ED staff". Two records of
 * different agencies that may be one event (mayBeOneEvent: neither of a meeting, neither in words
 * of being told), both timed, at most maxMinutesApart apart on one day, each naming the other's
 * agency (by `refersTo.agencies`), and each the only such record of its agency for the other: of
 * two, which was the happening would be a guess. Medium confidence.
 */
function jointEdges(
  events: readonly ChronologyEvent[], f: LinkFeatures, c: CompiledRules, members: Int32Array, runs: readonly DayRun[], maxMinutesApart: number, edges: Edge[],
): void {
  if (c.refersAgencies.length === 0) return;
  // An agency named only in a sentence of contacting it ("Castlemere CSC EDT informed by phone
  // 20:30") was called, not there: a call is the call rule's, and an incident's record that ends
  // by telling another agency is the incident's.
  const contacted = c.contacted;
  const here = (text: string): string => (contacted === null ? text : text.split(SENTENCE_END).filter((x) => !contacted.test(x)).join('. '));
  // Which agencies each record names (a bit each), read only for records with a partner in time.
  const names = new Int32Array(events.length).fill(-1);
  const namesOf = (i: number): number => {
    let mask = names[i]!;
    if (mask !== -1) return mask;
    mask = 0;
    const e = events[i]!;
    const text = here(e.outcome !== undefined ? `${e.summary}. ${e.outcome}` : e.summary);
    // A record of a referral or contact received ("Referred from ED after reported assault",
    // "Contact received from police regarding …") is of a contact of its own, after the
    // happening: it names the agency that passed it on, not a partner at the happening.
    if (!RECEIVED_FROM.test(text)) mask = agenciesNamed(text, c);
    names[i] = mask;
    return mask;
  };
  const agencies = f.agencyMask.length;
  const pairs: number[] = [];
  // How many partners a record has of one agency (keyed record × agencies + agency).
  const partners = new Map<number, number>();
  for (const run of runs) {
    pairs.length = 0;
    partners.clear();
    for (let x = run.from; x < run.to; x++) {
      const i = members[x]!;
      if (f.minutes[i]! < 0) continue;
      for (let y = x + 1; y < run.to; y++) {
        const j = members[y]!;
        if (f.minutes[j]! < 0 || Math.abs(f.minutes[i]! - f.minutes[j]!) > maxMinutesApart || !mayBeOneEvent(f, i, j)) continue;
        if ((namesOf(i) & f.agencyMask[f.agency[j]!]!) === 0 || (namesOf(j) & f.agencyMask[f.agency[i]!]!) === 0) continue;
        pairs.push(i, j);
        partners.set(i * agencies + f.agency[j]!, (partners.get(i * agencies + f.agency[j]!) ?? 0) + 1);
        partners.set(j * agencies + f.agency[i]!, (partners.get(j * agencies + f.agency[i]!) ?? 0) + 1);
      }
    }
    for (let p = 0; p < pairs.length; p += 2) {
      const i = pairs[p]!;
      const j = pairs[p + 1]!;
      if (partners.get(i * agencies + f.agency[j]!) !== 1 || partners.get(j * agencies + f.agency[i]!) !== 1) continue;
      edges.push({ a: Math.min(i, j), b: Math.max(i, j), confidence: 'medium', reason: 'one happening attended by both agencies, each naming the other' });
    }
  }
}

/** A copy of `values` at least `size` long, the new part filled with `fill`. */
function grown(values: Int32Array, size: number, fill = 0): Int32Array {
  if (size <= values.length) return values;
  const copy = new Int32Array(Math.max(size, values.length * 2));
  // A new typed array is all zeros already: only another fill needs writing.
  if (fill !== 0) copy.fill(fill, values.length);
  copy.set(values);
  return copy;
}

/**
 * Whether two records of different agencies, close enough in time, may be one event by their
 * wording: neither reports an earlier event, and neither is the record of a meeting (linked by
 * the meeting rule or not at all).
 */
function mayBeOneEvent(f: LinkFeatures, i: number, j: number): boolean {
  if (f.agency[i] === f.agency[j]) return false;
  if (f.role[i] === TOLD_OF || f.role[j] === TOLD_OF) return false;
  // A meeting is its own event, linked by the meeting rule: however alike its record's words are
  // to the incident it discussed, it is not that incident.
  return f.kind[i] === -1 && f.kind[j] === -1;
}

/**
 * The similarity of two records' wording: the weight of the words they share over the weight of
 * the lighter record's words (a weighted overlap coefficient), so a terse system line whose few
 * words all appear in a long narrative scores as high as two narratives in the same words.
 * Records both timed and at most maxMinutesApart apart need less (timedThreshold): their timing
 * is evidence too. Returns the edge, or null.
 */
function similarEdge(
  events: readonly ChronologyEvent[], f: LinkFeatures, wt: Weights, i: number, j: number, apart: number | null, rules: LinkRules,
): Edge | null {
  const { minOverlap, minOverlapTimed, minSharedWords, maxMinutesApart, minSharedRarity } = rules.similarity;
  if (apart !== null && apart > maxMinutesApart) return null;
  const { shared, weight } = overlap(f, wt, i, j);
  // However much of a short record they cover, common words ("letter sent") are no evidence of
  // one event: the words shared must weigh at least minSharedRarity words that only the two
  // records use.
  // No word in common is no evidence at all, whatever minSharedWords says (0 would let a record of
  // no content words through: nothing over nothing is no score).
  if (shared < Math.max(1, minSharedWords) || weight < minSharedRarity * wt.rarest - 1e-9) return null;
  const score = weight / Math.min(wt.total[i]!, wt.total[j]!);
  if (score < (apart !== null ? timedThreshold(minOverlapTimed, apart, maxMinutesApart) : minOverlap) - 1e-9) return null;
  const words = sharedWords(events[i]!.summary, events[j]!.summary);
  const when = apart !== null ? `, ${apart} minute${apart === 1 ? '' : 's'} apart` : '';
  return { a: Math.min(i, j), b: Math.max(i, j), confidence: 'medium', reason: `similar wording (${words})${when}` };
}

/**
 * The overlap two timed records need: the closer in time, the less (time is evidence too), from
 * half of minOverlapTimed at the same minute to all of it at maxMinutesApart.
 */
export function timedThreshold(minOverlapTimed: number, apart: number, maxMinutesApart: number): number {
  return maxMinutesApart === 0 ? minOverlapTimed / 2 : minOverlapTimed * (0.5 + (0.5 * apart) / maxMinutesApart);
}

/**
 * Same-day pairs of different agencies whose wording overlaps (similarEdge), by prefix filtering
 * (Chaudhuri et al., "A primitive operator for similarity joins", 2006), adapted to a weighted
 * overlap coefficient. A pair's score divides by the lighter record, so each record probes only
 * the records at least as heavy, which are processed first and indexed under all their words;
 * it probes with the prefix of its words (rarest first) outside which fewer than minSharedWords
 * words, or less than the threshold's share of its weight, remain: a record that scores enough
 * must share a word in that prefix. Exact for any fixed order of words.
 */
function similarPairs(
  events: readonly ChronologyEvent[], f: LinkFeatures, wt: Weights, members: Int32Array, days: readonly DayRun[], rules: LinkRules,
  edges: Edge[],
): void {
  const { minOverlap, minOverlapTimed, minSharedWords } = rules.similarity;
  const t = Math.min(minOverlap, minOverlapTimed / 2);
  const minWords = Math.max(1, minSharedWords);
  const { minutes, wordStart, wordCount, wordIds, vocabulary } = f;
  // Postings per word id (linked lists in typed arrays), valid while wordDay holds the day's index.
  const wordDay = new Int32Array(vocabulary).fill(-1);
  const head = new Int32Array(vocabulary);
  let nextPosting: Int32Array = new Int32Array(1024);
  let postingEvent: Int32Array = new Int32Array(1024);
  const testedBy = new Int32Array(events.length).fill(-1);
  const day: number[] = [];

  days.forEach((run, dayIndex) => {
    day.length = 0;
    for (let x = run.from; x < run.to; x++) {
      const i = members[x]!;
      if (wordCount[i]! >= minWords && f.role[i] !== TOLD_OF) day.push(i);
    }
    if (day.length < 2) return;
    // Heaviest first, then merged position: whoever probes is the lighter of the pair (or equal).
    day.sort((x, y) => wt.total[y]! - wt.total[x]! || x - y);
    let postings = 0;
    for (const m of day) {
      const from = wordStart[m]!;
      const size = wordCount[m]!;
      // The prefix: stop where the words left weigh less than the threshold needs, or are too few.
      let prefixEnd = from + size - minWords + 1;
      let rest = 0;
      for (let k = from + size - 1; k >= from; k--) {
        rest += wt.weight[wordIds[k]!]!;
        if (rest >= t * wt.total[m]! - 1e-9) { prefixEnd = Math.min(prefixEnd, k + 1); break; }
      }
      for (let k = from; k < prefixEnd; k++) {
        const w = wordIds[k]!;
        if (wordDay[w] !== dayIndex) continue;
        for (let q = head[w]!; q !== -1; q = nextPosting[q]!) {
          const o = postingEvent[q]!;
          if (testedBy[o] === m) continue;
          testedBy[o] = m;
          if (!mayBeOneEvent(f, o, m)) continue;
          const apart = minutes[o]! >= 0 && minutes[m]! >= 0 ? Math.abs(minutes[o]! - minutes[m]!) : null;
          const edge = similarEdge(events, f, wt, o, m, apart, rules);
          if (edge) edges.push(edge);
        }
      }
      nextPosting = grown(nextPosting, postings + size);
      postingEvent = grown(postingEvent, postings + size);
      for (let k = from; k < from + size; k++) {
        const w = wordIds[k]!;
        if (wordDay[w] !== dayIndex) { wordDay[w] = dayIndex; head[w] = -1; }
        postingEvent[postings] = m;
        nextPosting[postings] = head[w]!;
        head[w] = postings++;
      }
    }
  });
}

/**
 * Timed records either side of midnight, at most maxMinutesApart apart (a call at 23:50 and the
 * arrival it led to at 00:15): compared pair by pair, as similarPairs compares a day's.
 */
function acrossMidnight(
  events: readonly ChronologyEvent[], f: LinkFeatures, wt: Weights, members: Int32Array, runs: readonly DayRun[], rules: LinkRules,
  edges: Edge[],
): void {
  const { maxMinutesApart, minSharedWords } = rules.similarity;
  const late: number[] = [];
  runs.forEach((run, r) => {
    const next = runs[r + 1];
    if (!next || next.day !== run.day + 1) return;
    late.length = 0;
    for (let x = run.from; x < run.to; x++) {
      const i = members[x]!;
      // Timed only: an untimed record (minutes -1) is no minute before midnight, whatever maxMinutesApart.
      if (f.minutes[i]! >= 0 && f.minutes[i]! >= MINUTES_PER_DAY - maxMinutesApart && f.wordCount[i]! >= minSharedWords) late.push(i);
    }
    if (late.length === 0) return;
    for (let y = next.from; y < next.to; y++) {
      const j = members[y]!;
      if (f.minutes[j]! < 0 || f.minutes[j]! > maxMinutesApart || f.wordCount[j]! < minSharedWords) continue;
      for (const i of late) {
        if (!mayBeOneEvent(f, i, j)) continue;
        const edge = similarEdge(events, f, wt, i, j, MINUTES_PER_DAY - f.minutes[i]! + f.minutes[j]!, rules);
        if (edge) edges.push(edge);
      }
    }
  });
}

const MINUTES_PER_DAY = 24 * 60;

type ReferenceTargets = Map<number, Array<{ j: number; named: number; score: number }>>;

/**
 * What each record reports: a record whose text names a day (on or before its own) and shares
 * informative words with a record of that day reports that record's event. The target is the
 * record of the event itself: not a record in words of being told, nor one that only mentions a
 * meeting; and never a later record: on the record's own day, a timed target must not be timed
 * after it. A record that itself names an earlier day may be a target, by its own day: "Email from
 * CSC: case closed 06/06" reports the closure of 06/06, whatever earlier visit the closure record
 * goes on to name ("W seen 23/05"); a report of 06/06 that meant the visit would name 23/05.
 */
function referenceTargets(f: LinkFeatures, wt: Weights, members: Int32Array, runs: readonly DayRun[], rules: LinkRules): ReferenceTargets {
  const { minOverlap } = rules.refersTo;
  // A report shares at least one word with what it reports, as the same event's records do.
  const minSharedWords = Math.max(1, rules.refersTo.minSharedWords);
  const targets: ReferenceTargets = new Map();
  for (let p = 0; p < f.named.length; p += 2) {
    const i = f.named[p]!;
    const named = f.named[p + 1]!;
    if (f.wordCount[i]! < 1) continue;
    const run = runOf(runs, named);
    if (!run) continue;
    for (let x = run.from; x < run.to; x++) {
      const j = members[x]!;
      if (j === i || f.role[j] !== ORDINARY || f.wordCount[j]! < 1) continue;
      if (named === f.day[i] && f.minutes[i]! >= 0 && f.minutes[j]! > f.minutes[i]!) continue;
      const { shared, weight } = overlap(f, wt, i, j);
      if (shared < 1) continue;
      const score = weight / Math.min(wt.total[i]!, wt.total[j]!);
      // Enough words in common; or one, when the record names j's agency and j is that agency's
      // only record of the day (which of two it reports would be a guess), the day is not named as
      // the start of a period ("since 20/07"), and j is no meeting's record (a meeting is reported
      // by its name). A meeting's record goes over the history naming days and agencies by the
      // dozen: it must name the agency in the sentence that names the day ("Police: DA call-outs
      // 29/10/22 and 26/03/23", "HV shared … ED attendance 01/06").
      const byWords = shared >= minSharedWords && score >= minOverlap - 1e-9;
      if (!byWords) {
        const mask = f.agencyMask[f.agency[j]!]!;
        const names = f.kind[i] === -1
          ? (f.namesAgency[i]! & mask) !== 0 && f.agencyDays.get(i)!.includes(named)
          : namedInSentence(f, i, named, mask);
        if (f.kind[j] !== -1 || !names || !onlyOfItsAgency(f, members, run, i, j)) continue;
      }
      let list = targets.get(i);
      if (!list) targets.set(i, (list = []));
      if (!list.some((t) => t.j === j)) list.push({ j, named, score });
    }
  }
  return targets;
}

/**
 * A reference number that names one event, as a return's reference column holds it: letters or
 * digits in parts joined by "/" or "-", a digit among them, at least six long ("WP/23/0052113",
 * "24-088514"); not a date ("12/05/2023"). A bare number ("4471902") could be an amount or a
 * phone number in another agency's text, and is not looked for.
 */
const REFERENCE = /^[A-Za-z0-9]+(?:[/-][A-Za-z0-9]+)+$/;
const DATE_SHAPED = /^\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?$/;
const MIN_REFERENCE_LENGTH = 6;
const isReference = (r: string): boolean => r.length >= MIN_REFERENCE_LENGTH && REFERENCE.test(r) && /\d/.test(r) && !DATE_SHAPED.test(r);
/**
 * Where a text may cite a reference: the same shape, at the start of a word. When the returns'
 * references begin with at most SEARCHED_HEADS different first parts ("WM", "24"), each text is
 * searched for those (a string search reads a million texts in a fraction of the time a regular
 * expression does) and the rest of a citation read from there; otherwise word by word.
 */
const CITED = /\b[A-Za-z0-9]+(?:[/-][A-Za-z0-9]+)+/g;
const CITED_REST = /(?:[/-][A-Za-z0-9]+)+/y;
const SEARCHED_HEADS = 4;
/**
 * A reference every record of an agency's return carries, when it has at least this many records,
 * is the case's (a child's case number), not an event's.
 */
const CASE_REFERENCE_RECORDS = 3;

/**
 * What each record reports by citing another agency's reference number (a police occurrence or
 * crime number, as the police return carries it in its reference column): "PPN rec'd
 * (WM/23/104418): early hours Sun 29/10 mum detained s136 …" reports the police's records of that
 * occurrence on or before its own day (on its own day, those not timed after it): the call, the
 * welfare check and the detention, where the day named and one shared word could say only that
 * the police recorded something that day. Not the occurrence's later records (a crime update after
 * the PPN), nor a record of a meeting, or one only mentioning a meeting, under the same number.
 * An agency's own records under one of its numbers are not linked by the number: whether a
 * follow-up reports the first record is for its words to say. Added to `targets` (the day
 * reported is the target's own).
 *
 * Read in three passes, so that at a million records nothing is kept for the references nobody
 * cites: the first part of every reference (to search the texts by), the texts for citations, and
 * the references again for the records bearing a cited one.
 */
function citedTargets(events: readonly ChronologyEvent[], f: LinkFeatures, targets: ReferenceTargets, readOrder: ArrayLike<number> | undefined): void {
  const heads = new Set<string>();
  let lastHead = '';
  for (let n = 0; n < events.length; n++) {
    const i = readOrder === undefined ? n : readOrder[n]!;
    const r = events[i]!.reference;
    if (r === undefined || f.day[i] === NO_DAY) continue;
    // A return's references mostly share their first part: it is cut out only when it changes.
    const cut = r.length > lastHead.length && r.startsWith(lastHead) ? r.charCodeAt(lastHead.length) : 0;
    if (lastHead !== '' && (cut === 47 || cut === 45)) continue;
    const t = r.trim();
    const at = t.search(/[/-]/);
    if (at < 1 || !/^[A-Za-z0-9]+$/.test(t.slice(0, at))) continue;
    heads.add((lastHead = t.slice(0, at)));
  }
  if (heads.size === 0) return;
  // The citations: each cited reference, with the records citing it (at most once each).
  const citing = new Map<string, number[]>();
  const found = (i: number, token: string): void => {
    if (token.length < MIN_REFERENCE_LENGTH) return;
    const list = citing.get(token);
    if (list === undefined) citing.set(token, [i]); else if (list[list.length - 1] !== i) list.push(i);
  };
  const searched = heads.size <= SEARCHED_HEADS ? [...heads] : null;
  const cite = (i: number, text: string): void => {
    if (searched === null) {
      CITED.lastIndex = 0;
      for (let m = CITED.exec(text); m !== null; m = CITED.exec(text)) found(i, m[0]);
      return;
    }
    for (const head of searched) {
      for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
        // Not inside a word: the character before is no ASCII letter or digit (WORD_CHAR, as words are read).
        if (at > 0 && (WORD_CHAR[text.charCodeAt(at - 1)] ?? 0) !== 0) continue;
        CITED_REST.lastIndex = at + head.length;
        if (CITED_REST.test(text)) found(i, text.slice(at, CITED_REST.lastIndex));
      }
    }
  };
  for (let r = 0; r < events.length; r++) {
    const i = readOrder === undefined ? r : readOrder[r]!;
    if (f.day[i] === NO_DAY) continue;
    const e = events[i]!;
    cite(i, e.summary);
    if (e.outcome !== undefined) cite(i, e.outcome);
    for (const heading in e.extra) cite(i, e.extra[heading]!);
  }
  for (const r of [...citing.keys()]) if (!isReference(r)) citing.delete(r);
  if (citing.size === 0) return;
  // The records bearing each cited reference; and how many records each agency has.
  const bearers = new Map<string, number[]>();
  const perAgency: number[] = [];
  for (let n = 0; n < events.length; n++) {
    const i = readOrder === undefined ? n : readOrder[n]!;
    if (f.day[i] === NO_DAY) continue;
    perAgency[f.agency[i]!] = (perAgency[f.agency[i]!] ?? 0) + 1;
    const r = events[i]!.reference?.trim();
    if (r === undefined || !citing.has(r)) continue;
    const list = bearers.get(r);
    if (list === undefined) bearers.set(r, [i]); else list.push(i);
  }
  for (const [r, list] of bearers) {
    const a = f.agency[list[0]!]!;
    if (list.length >= CASE_REFERENCE_RECORDS && list.length === perAgency[a] && list.every((j) => f.agency[j] === a)) continue;
    for (const i of citing.get(r)!) {
      for (const j of list) {
        if (f.agency[j] === f.agency[i] || f.role[j] === MENTIONS_MEETING || f.kind[j] !== -1 || f.day[j]! > f.day[i]!) continue;
        if (f.day[j] === f.day[i] && f.minutes[i]! >= 0 && f.minutes[j]! > f.minutes[i]!) continue;
        let targetsOfI = targets.get(i);
        if (targetsOfI === undefined) targets.set(i, (targetsOfI = []));
        if (!targetsOfI.some((t) => t.j === j)) targetsOfI.push({ j, named: f.day[j]!, score: 1 });
      }
    }
  }
}

/** Whether j is its agency's only record of its day (`run`) that may be reported (apart from the reporting record i). */
function onlyOfItsAgency(f: LinkFeatures, members: Int32Array, run: DayRun, i: number, j: number): boolean {
  for (let x = run.from; x < run.to; x++) {
    const k = members[x]!;
    if (k !== j && k !== i && f.agency[k] === f.agency[j] && f.role[k] === ORDINARY) return false;
  }
  return true;
}

/**
 * The refers-to links: each reporting record to the records of the event it reports, which is the
 * whole same-event group of each (a notification of an ED attendance refers to the ambulance's
 * record of it too).
 */
function referenceLinks(
  events: readonly ChronologyEvent[], f: LinkFeatures, targets: ReferenceTargets, groups: ReadonlyArray<{ members: number[] }>,
): CrossAgencyLink[] {
  const firstNumber = groups.length;
  const groupOf = new Map<number, number[]>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g.members);
  // A record reports no record of its own event (the other end of a call it records).
  for (const [i, list] of targets) {
    const own = groupOf.get(i);
    if (own === undefined) continue;
    const kept = list.filter((t) => !own.includes(t.j));
    if (kept.length === 0) targets.delete(i); else targets.set(i, kept);
  }
  for (const [i, list] of targets) {
    for (const t of [...list]) {
      const g = groupOf.get(t.j);
      if (g === undefined) continue;
      for (const k of g) {
        if (k === i || list.some((x) => x.j === k) || f.role[k] === TOLD_OF || targets.has(k)) continue;
        if (f.day[k]! > t.named || (f.day[k] === f.day[i] && f.minutes[i]! >= 0 && f.minutes[k]! > f.minutes[i]!)) continue;
        list.push({ j: k, named: t.named, score: t.score });
      }
    }
  }
  const froms = [...targets.keys()].sort((a, b) => a - b);
  return froms.map((i, n) => {
    const to = targets.get(i)!.sort((a, b) => a.j - b.j);
    const all = [...to.map((t) => t.j), i].sort((a, b) => a - b);
    const from = events[i]!;
    const toAgencies = [...new Set(to.map((t) => events[t.j]!.agency))];
    const namedDays = [...new Set(to.map((t) => t.named))].sort((a, b) => a - b).map((d) => displayDay(dayFromNumber(d)));
    return {
      id: `link-${firstNumber + n + 1}`,
      kind: 'refers-to',
      events: all.map((k) => events[k]!.id),
      agencies: [...new Set(all.map((k) => events[k]!.agency))],
      reason: `${from.agency} record of ${displayDate(from.date)} reports the event of ${namedDays.join(' and ')} recorded by ${listAgencies(toAgencies)}${f.opensOwn[i] === 1 ? ', and opens with a happening of its own' : ''}`,
      confidence: to.every((t) => t.score >= HIGH_REFERENCE - 1e-9) ? 'high' : 'medium',
      from: from.id,
      to: to.map((t) => events[t.j]!.id),
      ...(f.opensOwn[i] === 1 ? { fromIsEvent: true } : {}),
    };
  });
}

/** A refers-to link whose every target shares at least this share of the lighter record's word weight is high confidence. */
const HIGH_REFERENCE = 0.6;

/** The words two texts share, for the reason a link gives (computed only for linked pairs). */
function sharedWords(a: string, b: string): string {
  const inB = new Set(contentWords(b));
  return contentWords(a).filter((w) => inB.has(w)).sort().slice(0, 5).join(', ');
}

/** The same-event groups, with each group's members as positions in the merged order. */
function groupsFromEdges(events: readonly ChronologyEvent[], edges: Edge[]): Array<{ link: CrossAgencyLink; members: number[] }> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) { const n = parent.get(c)!; parent.set(c, r); c = n; }
    return r;
  };
  for (const { a, b } of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, { members: number[]; edges: Edge[] }>();
  for (const e of edges) {
    for (const x of [e.a, e.b]) {
      const r = find(x);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = { members: [], edges: [] }));
      if (!g.members.includes(x)) g.members.push(x);
    }
    groups.get(find(e.a))!.edges.push(e);
  }
  const roots = [...groups.keys()].sort((a, b) => a - b);
  return roots.map((root, n) => {
    const g = groups.get(root)!;
    const members = g.members.sort((a, b) => a - b);
    const agencies = [...new Set(members.map((i) => events[i]!.agency))];
    const kinds = [...new Set(g.edges.map((e) => e.reason))].sort();
    // The days of the records dated to a day (a record dated to its week does not say which day).
    const onDays = members.filter((i) => isOnKnownDay(events[i]!));
    const days = [...new Set((onDays.length > 0 ? onDays : members).map((i) => events[i]!.date.start.slice(0, 10)))].sort();
    const when = days.map(displayDay).join(' and ');
    const what = kinds.length === 1 ? kinds[0]! : kinds.join('; ');
    const sameKind = g.edges.every((e) => !e.reason.startsWith('similar wording'));
    const reason = sameKind
      ? `${what[0]!.toUpperCase()}${what.slice(1)} on ${when}, recorded by ${listAgencies(agencies)}`
      : `Recorded by ${listAgencies(agencies)} on ${when}: ${what}`;
    const link: CrossAgencyLink = {
      id: `link-${n + 1}`,
      kind: 'same-event',
      events: members.map((i) => events[i]!.id),
      agencies,
      reason,
      confidence: g.edges.every((e) => e.confidence === 'high') ? 'high' : 'medium',
    };
    return { link, members };
  });
}

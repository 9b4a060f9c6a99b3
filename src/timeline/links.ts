/**
 * Cross-agency links: one real-world event recorded by several agencies (a strategy discussion in
 * the police, social care and health records, each worded differently) grouped with its reason.
 * Nothing is merged away: every agency's record stays in the chronology; a link only groups them.
 *
 * Two rules, both data (link-rules.json):
 * - meetings: the same kind of multi-agency meeting recorded by different agencies on the same
 *   day (high confidence) or on consecutive days (medium);
 * - similarity: different agencies, same day, within maxMinutesApart when both are timed, whose
 *   wording overlaps (Jaccard over content words). Candidate pairs come from prefix filtering
 *   (Chaudhuri et al., "A primitive operator for similarity joins", 2006), which finds every pair
 *   above the threshold without comparing all pairs.
 */
import { ThroughlineError } from '../model/errors.js';
import type { ChronologyEvent, CrossAgencyLink, IngestIssue } from '../model/types.js';
import { dayFromNumber, dayNumber, displayDay } from '../ingest/dates.js';
import shippedRules from './link-rules.json' with { type: 'json' };
import { isOnKnownDay } from './scope.js';

export interface LinkRules {
  meetings: Array<{ name: string; pattern: string }>;
  similarity: { minJaccard: number; minSharedWords: number; maxMinutesApart: number };
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
 * lower-cased, at least three long, stopwords dropped, a plural "s" dropped.
 */
export function contentWords(text: string): string[] {
  const words = text.split(/[^A-Za-z0-9]+/);
  const out = new Set<string>();
  for (let w of words) {
    w = w.toLowerCase();
    if (w.length < 3 || STOPWORDS.has(w)) continue;
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
    try { new RegExp(r.pattern, 'i'); } catch (e) { throw bad(`meetings[${i}].pattern`, `a regular expression (${(e as Error).message})`); }
  });
  const s = v.similarity as Record<string, unknown> | undefined;
  if (typeof s !== 'object' || s === null) throw bad('similarity', 'an object');
  for (const k of ['minJaccard', 'minSharedWords', 'maxMinutesApart']) if (typeof s[k] !== 'number' || (s[k] as number) < 0) throw bad(`similarity.${k}`, 'a number, 0 or more');
  if ((s.minJaccard as number) > 1) throw bad('similarity.minJaccard', 'a number from 0 to 1');
  if (typeof v.maxEventsPerDay !== 'number' || v.maxEventsPerDay < 2) throw bad('maxEventsPerDay', 'a number, 2 or more');
  return { meetings: v.meetings as LinkRules['meetings'], similarity: s as LinkRules['similarity'], maxEventsPerDay: v.maxEventsPerDay };
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
 * letters and digits, at least three long, stopwords dropped, a plural "s" dropped), hashed; in
 * text order, repeats included. Returns how many.
 */
function scanWords(text: string): number {
  // UTF-8 takes at most three bytes per UTF-16 code unit; one more for the closing space.
  if (byteScratch.length <= text.length * 3) byteScratch = new Uint8Array(Math.max(text.length * 3 + 1, byteScratch.length * 2));
  const bytes = byteScratch;
  const n = utf8.encodeInto(text, bytes).written;
  // A space after the end, so the last word is finished in the loop.
  bytes[n] = 32;
  let scratch = wordScratch;
  let count = 0;
  let h = FNV_OFFSET;
  let beforeLast = FNV_OFFSET;
  let length = 0;
  let last = 0;
  let secondLast = 0;
  for (let i = 0; i <= n; i++) {
    const c = WORD_CHAR[bytes[i]!]!;
    if (c !== 0) {
      beforeLast = h;
      h = Math.imul(h ^ c, FNV_PRIME);
      secondLast = last;
      last = c;
      length++;
      continue;
    }
    if (length >= MIN_WORD_LENGTH) {
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
function topLevelAlternatives(pattern: string): string[] {
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
  /** The meeting the event names, as an index into the rules; -1 none. */
  kind: Int32Array;
  /** The event's distinct content words as dense ids: wordIds[wordStart[i], wordStart[i] + wordCount[i]). */
  wordStart: Int32Array;
  wordCount: Int32Array;
  wordIds: Int32Array;
  /** How many distinct words the whole chronology has (ids are 0 to this, exclusive). */
  vocabulary: number;
}

/** No day: day numbers before 1970 are negative, so the sentinel is the least 32-bit integer. */
const NO_DAY = -0x80000000;

/**
 * One pass over the events, in readOrder when given: the order they were built in, which is
 * faster to read than the merged order that scatters them in memory. The result is the same in
 * any order, because everything is stored by merged position.
 */
function linkFeatures(
  events: readonly ChronologyEvent[], meetings: ReadonlyArray<{ re: RegExp }>, anyMeeting: RegExp, minWords: number,
  readOrder: ArrayLike<number> | undefined,
): LinkFeatures {
  const n = events.length;
  const day = new Int32Array(n).fill(NO_DAY);
  const minutes = new Int32Array(n).fill(-1);
  const agency = new Int32Array(n);
  const kind = new Int32Array(n).fill(-1);
  const wordStart = new Int32Array(n);
  const wordCount = new Int32Array(n);
  let wordIds: Int32Array = new Int32Array(1 << 16);
  let used = 0;
  const agencies = new Map<string, number>();
  // Event types repeat, so whether one names a meeting is tested once per type.
  const typeNamesMeeting = new Map<string, boolean>();
  const ids = new WordIds();
  // The event (by read number) that last used each word id: a word repeated in a text counts once.
  let inRecord: Int32Array = new Int32Array(1 << 12).fill(-1);
  for (let r = 0; r < n; r++) {
    const i = readOrder === undefined ? r : readOrder[r]!;
    const e = events[i]!;
    if (!isOnKnownDay(e) || e.flags.includes('unusable')) continue;
    const start = e.date.start;
    day[i] = dayNumber(start);
    minutes[i] = minutesOf(start) ?? -1;
    let a = agencies.get(e.agency);
    if (a === undefined) agencies.set(e.agency, (a = agencies.size));
    agency[i] = a;
    // One pass of one expression finds the few records that name any meeting; only those are
    // matched against each rule to say which.
    let named = anyMeeting.test(e.summary);
    if (!named && e.type !== undefined) {
      const known = typeNamesMeeting.get(e.type);
      if (known === undefined) typeNamesMeeting.set(e.type, (named = anyMeeting.test(e.type)));
      else named = known;
    }
    if (named) {
      const text = e.type ? `${e.type} ${e.summary}` : e.summary;
      kind[i] = meetings.findIndex((x) => x.re.test(text));
    }
    const count = scanWords(e.summary);
    if (count < minWords) continue;
    wordIds = grown(wordIds, used + count);
    let end = used;
    for (let k = 0; k < count; k++) {
      const w = ids.id(wordScratch[k]!);
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
  return { day, minutes, agency, kind, wordStart, wordCount, wordIds, vocabulary: ids.hashes.length };
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


/**
 * Finds the groups among events already in merged order. Link ids follow the position of each
 * group's first event, so the same input always gives the same links.
 *
 * `readOrder`, when given, lists every position once, in the order the events are best read in
 * (the order they were built in); it changes only the speed, never the result.
 */
export function linkEvents(
  events: readonly ChronologyEvent[], rules: LinkRules = DEFAULT_LINK_RULES, readOrder?: ArrayLike<number>,
): { links: CrossAgencyLink[]; issues: IngestIssue[] } {
  if (readOrder !== undefined && readOrder.length !== events.length) throw new RangeError(`readOrder lists ${readOrder.length} positions for ${events.length} events`);
  const issues: IngestIssue[] = [];
  const meetings = rules.meetings.map((m) => ({ name: m.name, re: new RegExp(m.pattern, 'i') }));
  const minWords = Math.max(1, rules.similarity.minSharedWords);
  const features = linkFeatures(events, meetings, anyOf(rules.meetings.map((m) => m.pattern)), minWords, readOrder);
  const { kind, agency } = features;
  const { runs, members } = dayRuns(features.day);

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
  similarPairs(events, features, members, compared, rules, edges);
  edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return { links: groupsFromEdges(events, edges), issues };
}

/** A copy of `values` at least `size` long, the new part filled with `fill`. */
function grown(values: Int32Array, size: number, fill = 0): Int32Array {
  if (size <= values.length) return values;
  const copy = new Int32Array(Math.max(size, values.length * 2)).fill(fill);
  copy.set(values);
  return copy;
}

/**
 * Same-day pairs of different agencies whose wording overlaps, by prefix filtering (Chaudhuri et
 * al. 2006): each record's distinct words are ordered rarest first within its day, a record is
 * indexed under the first words of that list, and only records sharing one of those are compared.
 * Two records with Jaccard similarity t share at least max(⌈t·|x|⌉, minSharedWords) words, so
 * their prefixes of |x| − that + 1 words meet: exact for any fixed order of words. The cheap tests
 * (agency, time apart, meeting kinds, list lengths) run before the shared words are counted.
 * Everything lives in typed arrays reused from day to day.
 */
function similarPairs(
  events: readonly ChronologyEvent[], features: LinkFeatures, members: Int32Array, days: readonly DayRun[], rules: LinkRules,
  edges: Edge[],
): void {
  const { minJaccard, minSharedWords, maxMinutesApart } = rules.similarity;
  const minWords = Math.max(1, minSharedWords);
  const need = (size: number): number => Math.max(Math.ceil(minJaccard * size - 1e-9), minWords);
  const { minutes, agency, kind, wordStart, wordCount, wordIds, vocabulary } = features;
  // Per word id: how many of the day's records use it, and its postings (a linked list), each
  // valid while wordDay holds the day's index.
  const wordDay = new Int32Array(vocabulary).fill(-1);
  const uses = new Int32Array(vocabulary);
  const head = new Int32Array(vocabulary);
  // Per record of the day: its event and its words' sort keys, order[start[r], start[r + 1]).
  let recordEvent: Int32Array = new Int32Array(64);
  let start: Int32Array = new Int32Array(65);
  let testedBy: Int32Array = new Int32Array(64);
  let order = new Float64Array(1024);
  let nextPosting: Int32Array = new Int32Array(1024);
  let postingRecord: Int32Array = new Int32Array(1024);
  let probe = 0;

  days.forEach((run, dayIndex) => {
    let records = 0;
    let used = 0;
    for (let x = run.from; x < run.to; x++) {
      const i = members[x]!;
      const size = wordCount[i]!;
      if (size < minWords) continue;
      for (let k = wordStart[i]!, end = k + size; k < end; k++) {
        const w = wordIds[k]!;
        if (wordDay[w] !== dayIndex) { wordDay[w] = dayIndex; uses[w] = 0; head[w] = -1; }
        uses[w]!++;
      }
      if (records + 1 >= start.length) {
        recordEvent = grown(recordEvent, records + 1);
        start = grown(start, records + 2);
        testedBy = grown(testedBy, records + 1);
      }
      recordEvent[records] = i;
      start[records] = used;
      used += size;
      start[++records] = used;
    }
    if (records < 2) return;
    // Rarest first: each word's sort key is (records using it today, id), as one exact double.
    if (order.length < used) order = new Float64Array(Math.max(used, order.length * 2));
    for (let r = 0; r < records; r++) {
      const i = recordEvent[r]!;
      for (let k = wordStart[i]!, p = start[r]!, end = start[r + 1]!; p < end; k++, p++) order[p] = uses[wordIds[k]!]! * 2 ** 31 + wordIds[k]!;
      sortKeys(order, start[r]!, start[r + 1]!);
    }
    nextPosting = grown(nextPosting, used);
    postingRecord = grown(postingRecord, used);
    let postings = 0;
    for (let m = 0; m < records; m++) {
      probe++;
      const j = recordEvent[m]!;
      const sizeM = start[m + 1]! - start[m]!;
      const prefixEnd = start[m]! + sizeM - need(sizeM) + 1;
      for (let p = start[m]!; p < prefixEnd; p++) {
        for (let q = head[wordOf(order[p]!)]!; q !== -1; q = nextPosting[q]!) {
          const o = postingRecord[q]!;
          if (testedBy[o] === probe) continue;
          testedBy[o] = probe;
          const i = recordEvent[o]!;
          if (agency[i] === agency[j]) continue;
          if (minutes[i]! >= 0 && minutes[j]! >= 0 && Math.abs(minutes[i]! - minutes[j]!) > maxMinutesApart) continue;
          // Two records that each name a meeting are linked by the meeting rule (same kind) or not
          // at all: different kinds of meeting are different events, however alike their wording.
          if (kind[i] !== -1 && kind[j] !== -1) continue;
          const sizeO = start[o + 1]! - start[o]!;
          if (Math.min(sizeO, sizeM) < need(Math.max(sizeO, sizeM))) continue;
          // Both lists are in the same order: count the common words in one merge pass.
          let shared = 0;
          for (let x = start[o]!, y = start[m]!, xe = start[o + 1]!, ye = start[m + 1]!; x < xe && y < ye;) {
            if (order[x] === order[y]) { shared++; x++; y++; } else if (order[x]! < order[y]!) x++; else y++;
          }
          if (shared < minSharedWords || shared / (sizeO + sizeM - shared) < minJaccard) continue;
          edges.push({ a: Math.min(i, j), b: Math.max(i, j), confidence: 'medium', reason: `similar wording (${sharedWords(events[i]!.summary, events[j]!.summary)})` });
        }
      }
      for (let p = start[m]!; p < prefixEnd; p++) {
        const w = wordOf(order[p]!);
        postingRecord[postings] = m;
        nextPosting[postings] = head[w]!;
        head[w] = postings++;
      }
    }
  });
}

/** The word id inside a sort key (its low 31 bits; exact, since the key is an integer below 2^53). */
const wordOf = (key: number): number => key - Math.floor(key * 2 ** -31) * 2 ** 31;

/** Sorts keys[from, to) ascending (insertion sort: the lists are a few words long). */
function sortKeys(keys: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = keys[i]!;
    let k = i;
    while (k > from && keys[k - 1]! > v) { keys[k] = keys[k - 1]!; k--; }
    keys[k] = v;
  }
}

/** The words two texts share, for the reason a link gives (computed only for linked pairs). */
function sharedWords(a: string, b: string): string {
  const inB = new Set(contentWords(b));
  return contentWords(a).filter((w) => inB.has(w)).sort().slice(0, 5).join(', ');
}

function groupsFromEdges(events: readonly ChronologyEvent[], edges: Edge[]): CrossAgencyLink[] {
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
    const days = [...new Set(members.map((i) => events[i]!.date.start.slice(0, 10)))].sort();
    const when = days.map(displayDay).join(' and ');
    const what = kinds.length === 1 ? kinds[0]! : kinds.join('; ');
    const sameKind = g.edges.every((e) => !e.reason.startsWith('similar wording'));
    const reason = sameKind
      ? `${what[0]!.toUpperCase()}${what.slice(1)} on ${when}, recorded by ${listAgencies(agencies)}`
      : `Recorded by ${listAgencies(agencies)} on ${when}: ${what}`;
    return {
      id: `link-${n + 1}`,
      kind: 'same-event',
      events: members.map((i) => events[i]!.id),
      agencies,
      reason,
      confidence: g.edges.every((e) => e.confidence === 'high') ? 'high' : 'medium',
    };
  });
}

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

export function contentWords(text: string): string[] {
  const words = text.toLowerCase().split(/[^a-z0-9]+/);
  const out = new Set<string>();
  for (let w of words) {
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

function minutesOf(start: string): number | null {
  return start.length > 10 ? Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)) : null;
}

const nextDay = (day: string): string => dayFromNumber(dayNumber(day) + 1);

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

/**
 * The distinct content words of a text, as sorted hashes, in the same way as contentWords:
 * lower-cased ASCII letters and digits, at least three long, stopwords dropped, a plural "s" dropped.
 */
export function wordHashes(text: string): number[] {
  const out: number[] = [];
  let h = FNV_OFFSET;
  let beforeLast = FNV_OFFSET;
  let length = 0;
  let last = 0;
  let secondLast = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    let c = i < n ? text.charCodeAt(i) : 32;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      beforeLast = h;
      h = Math.imul(h ^ c, FNV_PRIME);
      secondLast = last;
      last = c;
      length++;
      continue;
    }
    if (length >= MIN_WORD_LENGTH) {
      const word = h & SMALL_INTEGER;
      if (!STOPWORD_HASHES.has(word)) {
        const stem = length > 4 && last === 115 && secondLast !== 115 ? beforeLast & SMALL_INTEGER : word;
        // Kept sorted and distinct by insertion: the lists are a few words long.
        let k = out.length;
        while (k > 0 && out[k - 1]! > stem) k--;
        if (k === 0 || out[k - 1] !== stem) out.splice(k, 0, stem);
      }
    }
    h = FNV_OFFSET;
    length = 0;
    last = 0;
    secondLast = 0;
  }
  return out;
}

/** Start of each day's run in the merged order: day and minute events of one date are contiguous. */
interface DayRun { day: string; members: number[] }

function dayRuns(events: readonly ChronologyEvent[]): DayRun[] {
  const runs: DayRun[] = [];
  let current: DayRun | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!isOnKnownDay(e) || e.flags.includes('unusable')) continue;
    const start = e.date.start;
    if (!current || !start.startsWith(current.day)) {
      current = { day: start.slice(0, 10), members: [] };
      runs.push(current);
    }
    current.members.push(i);
  }
  return runs;
}

/**
 * Finds the groups among events already in merged order. Link ids follow the position of each
 * group's first event, so the same input always gives the same links.
 */
export function linkEvents(events: readonly ChronologyEvent[], rules: LinkRules = DEFAULT_LINK_RULES): { links: CrossAgencyLink[]; issues: IngestIssue[] } {
  const issues: IngestIssue[] = [];
  const meetings = rules.meetings.map((m) => ({ name: m.name, re: new RegExp(m.pattern, 'i') }));
  // One pass of one expression finds the few records that name any meeting; only those are
  // matched against each rule to say which.
  const anyMeeting = new RegExp(rules.meetings.map((m) => `(?:${m.pattern})`).join('|') || '(?!)', 'i');
  const runs = dayRuns(events);
  const kind = new Map<number, string>();
  for (const run of runs) {
    for (const i of run.members) {
      const e = events[i]!;
      if (!anyMeeting.test(e.summary) && !(e.type !== undefined && anyMeeting.test(e.type))) continue;
      const text = e.type ? `${e.type} ${e.summary}` : e.summary;
      const m = meetings.find((x) => x.re.test(text));
      if (m) kind.set(i, m.name);
    }
  }

  const edges: Edge[] = [];
  runs.forEach((run, r) => {
    const today = run.members;
    const next = runs[r + 1];
    const tomorrow = next && next.day === nextDay(run.day) ? next.members : [];
    if (today.length > rules.maxEventsPerDay) {
      issues.push({ file: '', line: 0, severity: 'info', code: 'link-day-too-busy', message: `${today.length} events on ${displayDay(run.day)} are more than the ${rules.maxEventsPerDay} per day that linking compares; only meetings were linked on that day` });
    }
    for (const i of today) {
      const k = kind.get(i);
      if (!k) continue;
      for (const j of today) {
        if (j > i && kind.get(j) === k && events[j]!.agency !== events[i]!.agency) edges.push({ a: i, b: j, confidence: 'high', reason: k });
      }
      for (const j of tomorrow) {
        if (kind.get(j) === k && events[j]!.agency !== events[i]!.agency) edges.push({ a: i, b: j, confidence: 'medium', reason: k });
      }
    }
    if (today.length <= rules.maxEventsPerDay) similarPairs(events, today, kind, rules, edges);
  });
  edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return { links: groupsFromEdges(events, edges), issues };
}

/**
 * Same-day pairs of different agencies whose wording overlaps, by prefix filtering: a record is
 * indexed under the first words of its sorted list, and only records sharing one of those are
 * compared. Exact for any fixed order of words (here the hash values themselves).
 */
function similarPairs(events: readonly ChronologyEvent[], day: readonly number[], kind: Map<number, string>, rules: LinkRules, edges: Edge[]): void {
  if (day.length < 2) return;
  const firstAgency = events[day[0]!]!.agency;
  if (day.every((i) => events[i]!.agency === firstAgency)) return;
  const { minJaccard, minSharedWords, maxMinutesApart } = rules.similarity;
  const words: number[][] = [];
  const members: number[] = [];
  const minutes: number[] = [];
  for (const i of day) {
    const w = wordHashes(events[i]!.summary);
    if (w.length < minSharedWords) continue;
    words.push(w);
    members.push(i);
    minutes.push(minutesOf(events[i]!.date.start) ?? -1);
  }
  const n = members.length;
  if (n < 2) return;
  const index = new Map<number, number[]>();
  const tested = new Uint8Array(n * n);
  for (let m = 0; m < n; m++) {
    const w = words[m]!;
    const j = members[m]!;
    const prefix = w.length - Math.ceil(minJaccard * w.length) + 1;
    for (let p = 0; p < prefix; p++) {
      const token = w[p]!;
      const seen = index.get(token);
      if (!seen) { index.set(token, [m]); continue; }
      for (const o of seen) {
        if (tested[o * n + m] === 1) continue;
        tested[o * n + m] = 1;
        const i = members[o]!;
        if (events[i]!.agency === events[j]!.agency) continue;
        const wo = words[o]!;
        // Both lists are sorted: count the common words in one merge pass.
        let shared = 0;
        for (let x = 0, y = 0; x < wo.length && y < w.length;) {
          if (wo[x] === w[y]) { shared++; x++; y++; } else if (wo[x]! < w[y]!) x++; else y++;
        }
        if (shared < minSharedWords || shared / (wo.length + w.length - shared) < minJaccard) continue;
        if (minutes[o]! >= 0 && minutes[m]! >= 0 && Math.abs(minutes[o]! - minutes[m]!) > maxMinutesApart) continue;
        // Two records named as different kinds of meeting are different events, however alike.
        if (kind.has(i) && kind.has(j)) continue;
        edges.push({ a: Math.min(i, j), b: Math.max(i, j), confidence: 'medium', reason: `similar wording (${sharedWords(events[i]!.summary, events[j]!.summary)})` });
      }
      seen.push(m);
    }
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
      events: members.map((i) => events[i]!.id),
      agencies,
      reason,
      confidence: g.edges.every((e) => e.confidence === 'high') ? 'high' : 'medium',
    };
  });
}

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
import { displayDate } from '../ingest/dates.js';
import shippedRules from './link-rules.json' with { type: 'json' };

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

function contentWords(text: string): string[] {
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

const nextDay = (day: string): string => {
  const d = new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function listAgencies(agencies: string[]): string {
  return agencies.length <= 1 ? agencies.join('') : `${agencies.slice(0, -1).join(', ')} and ${agencies[agencies.length - 1]}`;
}

/**
 * Finds the groups among events already in merged order. Link ids follow the position of each
 * group's first event, so the same input always gives the same links.
 */
export function linkEvents(events: readonly ChronologyEvent[], rules: LinkRules = DEFAULT_LINK_RULES): { links: CrossAgencyLink[]; issues: IngestIssue[] } {
  const issues: IngestIssue[] = [];
  const meetings = rules.meetings.map((m) => ({ name: m.name, re: new RegExp(m.pattern, 'i') }));
  const byDay = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (e.flags.includes('unusable') || (e.date.precision !== 'day' && e.date.precision !== 'minute') || e.date.end !== undefined) return;
    const day = e.date.start.slice(0, 10);
    const list = byDay.get(day);
    if (list) list.push(i); else byDay.set(day, [i]);
  });

  const kind = new Map<number, string>();
  for (const list of byDay.values()) {
    for (const i of list) {
      const e = events[i]!;
      const text = e.type ? `${e.type} ${e.summary}` : e.summary;
      const m = meetings.find((x) => x.re.test(text));
      if (m) kind.set(i, m.name);
    }
  }

  const edges: Edge[] = [];
  const days = [...byDay.keys()].sort();
  for (const day of days) {
    const today = byDay.get(day)!;
    if (today.length > rules.maxEventsPerDay) {
      issues.push({ file: '', line: 0, severity: 'info', code: 'link-day-too-busy', message: `${today.length} events on ${displayDate({ start: day, precision: 'day', text: day })} are more than the ${rules.maxEventsPerDay} per day that linking compares; only meetings were linked on that day` });
    }
    const tomorrow = byDay.get(nextDay(day)) ?? [];
    for (const i of today) {
      const k = kind.get(i);
      if (!k) continue;
      for (const j of today) {
        if (j > i && kind.get(j) === k && events[j]!.agency !== events[i]!.agency) {
          edges.push({ a: i, b: j, confidence: 'high', reason: k });
        }
      }
      for (const j of tomorrow) {
        if (kind.get(j) === k && events[j]!.agency !== events[i]!.agency) edges.push({ a: i, b: j, confidence: 'medium', reason: k });
      }
    }
    if (today.length <= rules.maxEventsPerDay) similarPairs(events, today, kind, rules, edges);
  }
  return { links: groupsFromEdges(events, edges), issues };
}

/** Same-day pairs of different agencies whose wording overlaps, by prefix filtering. */
function similarPairs(events: readonly ChronologyEvent[], day: number[], kind: Map<number, string>, rules: LinkRules, edges: Edge[]): void {
  if (day.length < 2) return;
  const { minJaccard, minSharedWords, maxMinutesApart } = rules.similarity;
  const words = new Map<number, string[]>();
  const frequency = new Map<string, number>();
  for (const i of day) {
    const w = contentWords(events[i]!.summary);
    if (w.length < minSharedWords) continue;
    words.set(i, w);
    for (const x of w) frequency.set(x, (frequency.get(x) ?? 0) + 1);
  }
  if (words.size < 2) return;
  const rarestFirst = (a: string, b: string): number => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const index = new Map<string, number[]>();
  const tested = new Set<string>();
  for (const [i, w] of words) {
    w.sort(rarestFirst);
    const prefix = w.length - Math.ceil(minJaccard * w.length) + 1;
    for (let p = 0; p < prefix; p++) {
      const token = w[p]!;
      const seen = index.get(token);
      if (seen) {
        for (const j of seen) {
          const key = j < i ? `${j}:${i}` : `${i}:${j}`;
          if (tested.has(key)) continue;
          tested.add(key);
          // Two records named as different kinds of meeting are different events, however alike.
          const kj = kind.get(j);
          const ki = kind.get(i);
          if (kj !== undefined && ki !== undefined) continue;
          const edge = similarity(events, j, i, words.get(j)!, w, minJaccard, minSharedWords, maxMinutesApart);
          if (edge) edges.push(edge);
        }
        seen.push(i);
      } else index.set(token, [i]);
    }
  }
}

function similarity(events: readonly ChronologyEvent[], a: number, b: number, wa: string[], wb: string[], minJaccard: number, minShared: number, maxMinutes: number): Edge | null {
  const ea = events[a]!;
  const eb = events[b]!;
  if (ea.agency === eb.agency) return null;
  const ta = minutesOf(ea.date.start);
  const tb = minutesOf(eb.date.start);
  if (ta !== null && tb !== null && Math.abs(ta - tb) > maxMinutes) return null;
  const set = new Set(wa);
  const shared = wb.filter((w) => set.has(w));
  const jaccard = shared.length / (wa.length + wb.length - shared.length);
  if (shared.length < minShared || jaccard < minJaccard) return null;
  const [x, y] = a < b ? [a, b] : [b, a];
  return { a: x, b: y, confidence: 'medium', reason: `similar wording (${shared.sort().slice(0, 5).join(', ')})` };
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
    const when = days.map((d) => displayDate({ start: d, precision: 'day', text: d })).join(' and ');
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

/**
 * Linking's fast paths against the plain definitions: prefix filtering (with words weighted and
 * ordered by rarity) must find exactly the pairs that comparing every pair finds, and the
 * combined meeting expression must match exactly where one of the rules matches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyOf, contentWords, DEFAULT_LINK_RULES, linkEvents, type LinkRules } from '../../src/timeline/links.js';
import type { ChronologyEvent } from '../../src/model/types.js';
import { runs } from '../helpers/runs.js';

const VOCABULARY = ['strategy', 'referral', 'bruise', 'nursery', 'police', 'attended', 'address', 'shouting', 'neighbour',
  'school', 'absent', 'health', 'visitor', 'weight', 'injury', 'arm', 'hospital', 'discharged', 'plan', 'meeting'];

interface Draft { agency: number; day: number; minute: number | null; words: number[] }

function event(d: Draft, n: number): ChronologyEvent {
  const day = `2021-03-${String(10 + d.day).padStart(2, '0')}`;
  const start = d.minute === null ? day : `${day}T${String(Math.floor(d.minute / 60)).padStart(2, '0')}:${String(d.minute % 60).padStart(2, '0')}`;
  return {
    id: `e-${n}`, agency: `Agency ${d.agency}`, summary: d.words.map((w) => VOCABULARY[w]).join(' '),
    date: { start, end: undefined, precision: d.minute === null ? 'day' : 'minute', text: start, approximate: undefined },
    type: undefined, practitioner: undefined, outcome: undefined, significance: undefined, sequence: undefined,
    informationSource: undefined, subjects: undefined, reference: undefined,
    extra: {}, source: { file: 'x.csv', line: n + 2 }, flags: [],
  };
}

/**
 * Every similar-wording pair, by comparing all pairs, straight from the definition in the README:
 * different agencies; the same day, or timed either side of midnight; at most maxMinutesApart
 * apart when both are timed; at least minSharedWords shared words, weighing at least minOverlap
 * (when both are timed, minOverlapTimed scaled from a half at the same minute to the whole at
 * maxMinutesApart) of the lighter record's words, and at least minSharedRarity × ln((N + 1) / 2)
 * in all, each word weighing
 * ln((N + 1) / df) over the N records that have at least the fewest words linking reads.
 */
function bruteForce(events: ChronologyEvent[], rules: LinkRules): string[] {
  const { minOverlap, minOverlapTimed, minSharedWords, maxMinutesApart, minSharedRarity } = rules.similarity;
  const fewest = Math.max(1, Math.min(minSharedWords, rules.refersTo.minSharedWords));
  const words = events.map((e) => new Set(contentWords(e.summary)));
  const df = new Map<string, number>();
  const counted = words.filter((w) => w.size >= fewest);
  for (const w of counted) for (const x of w) df.set(x, (df.get(x) ?? 0) + 1);
  const weight = (x: string): number => Math.log((counted.length + 1) / df.get(x)!);
  const total = (w: Set<string>): number => [...w].reduce((sum, x) => sum + weight(x), 0);
  const minutes = (e: ChronologyEvent): number | null => (e.date.start.length > 10 ? Number(e.date.start.slice(11, 13)) * 60 + Number(e.date.start.slice(14, 16)) : null);
  const dayOf = (e: ChronologyEvent): number => Number(e.date.start.slice(8, 10));
  const pairs: string[] = [];
  for (let i = 0; i < events.length; i++) {
    for (let j = i + 1; j < events.length; j++) {
      const a = events[i]!;
      const b = events[j]!;
      if (a.agency === b.agency) continue;
      const ma = minutes(a);
      const mb = minutes(b);
      let apart: number | null = null;
      if (ma !== null && mb !== null) {
        const days = dayOf(b) - dayOf(a);
        apart = days === 0 ? Math.abs(ma - mb) : days === 1 ? 1440 - ma + mb : days === -1 ? 1440 - mb + ma : Infinity;
        if (apart > maxMinutesApart) continue;
      } else if (dayOf(a) !== dayOf(b)) continue;
      const wa = words[i]!;
      const wb = words[j]!;
      if (wa.size < fewest || wb.size < fewest) continue;
      const shared = [...wa].filter((w) => wb.has(w));
      if (shared.length < minSharedWords) continue;
      const sharedWeight = shared.reduce((sum, x) => sum + weight(x), 0);
      // At least minSharedRarity words that only these two records use, ln((N + 1) / 2) each.
      if (sharedWeight < minSharedRarity * Math.log((counted.length + 1) / 2) - 1e-9) continue;
      const score = sharedWeight / Math.min(total(wa), total(wb));
      // Timed: from half of minOverlapTimed at the same minute to all of it at maxMinutesApart.
      const needed = apart !== null ? minOverlapTimed * (0.5 + 0.5 * apart / maxMinutesApart) : minOverlap;
      if (score >= needed - 1e-9) pairs.push(`${a.id}+${b.id}`);
    }
  }
  return pairs.sort();
}

const draft = fc.record({
  agency: fc.integer({ min: 0, max: 3 }),
  day: fc.integer({ min: 0, max: 2 }),
  minute: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: null }),
  words: fc.array(fc.integer({ min: 0, max: VOCABULARY.length - 1 }), { minLength: 0, maxLength: 9 }),
});

/**
 * Records, some of them another agency's record of an earlier one (the same words, the same day,
 * maybe another time): the pairs linking is for, which independent random wording seldom makes.
 */
const draftsWithCopies = (maxLength: number): fc.Arbitrary<Draft[]> => fc.tuple(
  fc.array(draft, { minLength: 2, maxLength }),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.option(fc.integer({ min: 0, max: 1439 }), { nil: null })), { maxLength: 3 }),
).map(([ds, copies]) => [...ds, ...copies.map(([of, shift, minute]) => {
  const d = ds[of % ds.length]!;
  return { ...d, agency: (d.agency + shift) % 4, minute };
})]);

describe('similar-wording links', () => {
  it.each([
    ['the shipped thresholds', DEFAULT_LINK_RULES.similarity],
    ['a strict overlap', { minOverlap: 0.8, minOverlapTimed: 0.7, minSharedWords: 3, minSharedRarity: 3, maxMinutesApart: 60 }],
    ['a loose one', { minOverlap: 0.2, minOverlapTimed: 0.1, minSharedWords: 1, minSharedRarity: 0, maxMinutesApart: 600 }],
  ])('prefix filtering finds exactly the pairs that comparing every pair finds (%s)', (_, similarity) => {
    const rules: LinkRules = { ...DEFAULT_LINK_RULES, meetings: [], similarity };
    // Runs in which comparing every pair finds a link: "no links either way" must not be all that is checked.
    let linked = 0;
    fc.assert(fc.property(draftsWithCopies(40), (drafts) => {
      // linkEvents expects merged order: by day, then time.
      const events = drafts.map(event).sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : 0));
      // The groups must be exactly the connected components of the similar pairs.
      const parent = new Map<string, string>();
      const root = (x: string): string => {
        while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
        return x;
      };
      for (const pair of bruteForce(events, rules)) {
        const [a, b] = pair.split('+') as [string, string];
        if (!parent.has(a)) parent.set(a, a);
        if (!parent.has(b)) parent.set(b, b);
        const ra = root(a);
        const rb = root(b);
        if (ra !== rb) parent.set(ra, rb);
      }
      const components = new Map<string, string[]>();
      for (const id of parent.keys()) (components.get(root(id)) ?? components.set(root(id), []).get(root(id))!).push(id);
      const expected = [...components.values()].map((c) => c.sort().join(' ')).sort();
      const found = linkEvents(events, rules).links.map((l) => [...l.events].sort().join(' ')).sort();
      expect(found).toEqual(expected);
      if (expected.length > 0) linked++;
    }), { numRuns: runs(300) });
    expect(linked).toBeGreaterThan(runs(300) / 12);
  });
});

describe('the order linking reads events in', () => {
  it('changes nothing: any read order gives the links of the merged order', () => {
    const rules: LinkRules = { ...DEFAULT_LINK_RULES, meetings: [{ name: 'strategy meeting', pattern: '\\bstrategy\\s+meeting\\b' }] };
    let linked = 0;
    fc.assert(fc.property(draftsWithCopies(30), fc.integer(), (drafts, seed) => {
      const events = drafts.map(event).sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : 0));
      // A shuffled list of every position (a seeded Fisher–Yates).
      const readOrder = events.map((_, i) => i);
      let state = seed >>> 0;
      for (let i = readOrder.length - 1; i > 0; i--) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const j = state % (i + 1);
        [readOrder[i], readOrder[j]] = [readOrder[j]!, readOrder[i]!];
      }
      const merged = linkEvents(events, rules);
      expect(linkEvents(events, rules, readOrder)).toEqual(merged);
      if (merged.links.length > 0) linked++;
    }), { numRuns: runs(200) });
    expect(linked).toBeGreaterThan(runs(200) * 0.15);
  });
  it('must list every position', () => {
    expect(() => linkEvents([event({ agency: 0, day: 0, minute: null, words: [1, 2, 3] }, 0)], DEFAULT_LINK_RULES, [])).toThrow(RangeError);
  });
});

describe('the combined meeting expression', () => {
  const patterns = DEFAULT_LINK_RULES.meetings.map((m) => m.pattern);
  const separate = patterns.map((p) => new RegExp(p, 'i'));
  const pieces = ['strategy discussion', 'strat mtg', 'ICPC', 'review conference', 'core group', 'CIN meeting', 'MARAC',
    'professionals meeting', 'LAC review', 'TAF meeting', 'discharge planning meeting', 'joint visit', 's47 strategy',
    'child protection conference', 'review', 'xicpc', 'icpcs', 'the', ' ', '-', '.', 'group', 'core', 'Strategy'];
  it('matches exactly where one of the shipped rules matches', () => {
    const combined = anyOf(patterns);
    expect(combined.source.startsWith('\\b(?:')).toBe(true);
    // Both answers must come up, or the property says nothing about one of them.
    const seen = { matched: 0, unmatched: 0 };
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), fc.string({ maxLength: 6 }), (parts, noise) => {
      const text = parts.join(noise.length % 2 === 0 ? ' ' : '') + noise;
      const expected = separate.some((re) => re.test(text));
      expect(combined.test(text)).toBe(expected);
      seen[expected ? 'matched' : 'unmatched']++;
    }), { numRuns: runs(2000) });
    expect(seen.matched).toBeGreaterThan(runs(2000) / 10);
    expect(seen.unmatched).toBeGreaterThan(runs(2000) / 10);
  });
  it('keeps patterns whole when an alternative does not start with \\b', () => {
    const combined = anyOf(['fgc|\\bfamily group', '\\bmarac\\b']);
    expect(combined.source).toBe('(?:fgc|\\bfamily group)|(?:\\bmarac\\b)');
    expect(combined.test('xfgc')).toBe(true);
  });
  it('splits only at the top level, never inside groups or character classes', () => {
    expect(anyOf(['\\bx[|]y|\\bz(\\bq|r)']).source).toBe('\\b(?:x[|]y|z(\\bq|r))');
    expect(anyOf([]).test('anything')).toBe(false);
  });
});

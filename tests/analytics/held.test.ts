/**
 * Which rules a record may meet by their key words, read in one pass (`heldWords`): it must say
 * exactly what testing each rule's words alone says, or a decision would be missed. Words that
 * begin at one place, words that begin inside another's, rules without words, rules that read
 * another field, and patterns with groups of their own.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContext, compileRules, firstRule, heldWords } from '../../src/analytics/context.js';
import { topLevelAlternatives } from '../../src/timeline/links.js';
import { DEFAULT_RULES, type RecordRule } from '../../src/analytics/rules.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { caseTimeline } from './cases.js';
import { demoTimeline } from '../helpers/demo.js';

/** One record per text (as a GP file's summaries), its context, and the rules compiled against it. */
function held(texts: string[], rules: RecordRule[]): { held: number[][]; any: boolean[]; first: Array<string | undefined> } {
  const t = caseTimeline([{ file: 'gp.csv', agency: 'GP', header: 'Date,Summary', rows: texts.map((x, i) => `0${i + 1}/03/2021,"${x}"`) }]);
  const ctx = buildContext(t, DEFAULT_RULES, []);
  const set = compileRules(ctx, rules);
  const into = new Uint8Array(rules.length);
  const out = { held: [] as number[][], any: [] as boolean[], first: [] as Array<string | undefined> };
  t.events.forEach((_, i) => {
    out.any.push(heldWords(ctx, set, i, into));
    out.held.push([...into]);
    out.first.push((firstRule(ctx, set, i, true, into) as { id?: string } | undefined)?.id);
  });
  return out;
}

describe('heldWords', () => {
  it('words that begin at the same place are both found (the union reports only the first)', () => {
    const r = held(['Case closed: no further action'], [
      { id: 'a', match: 'no further action', words: 'no further' } as RecordRule,
      { id: 'b', match: 'no f', words: 'no f' } as RecordRule,
    ]);
    expect(r).toEqual({ held: [[1, 1]], any: [true], first: ['a'] });
  });

  it('words that begin inside another\'s are found (the next look starts one place on, not after the match)', () => {
    const r = held(['section 47 enquiry'], [
      { id: 'a', match: 'section 47', words: 'section 47' } as RecordRule,
      { id: 'b', match: 'ion 4', words: 'ion 4' } as RecordRule,
      { id: 'c', match: 'enquiry', words: 'enq' } as RecordRule,
    ]);
    expect(r.held).toEqual([[1, 1, 1]]);
  });

  it('a record without any rule\'s words holds none, and no rule is tried', () => {
    const r = held(['Weighed; growth on track'], [{ id: 'a', match: 'closed', words: 'clos' } as RecordRule]);
    expect(r).toEqual({ held: [[0]], any: [false], first: [undefined] });
  });

  it('a rule without words is held by its whole pattern; a rule reading another field is not in the union but still tried', () => {
    const r = held(['Letter: case closed', 'Letter sent'], [
      { id: 'whole', match: 'case closed' } as RecordRule,
      { id: 'summary', match: '^Letter sent$', field: 'summary' } as RecordRule,
      { id: 'words', match: 'sent', words: 'sen' } as RecordRule,
    ]);
    expect(r.held).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(r.first).toEqual(['whole', 'summary']);
  });

  it('patterns with groups of their own: each rule found by its own group', () => {
    const r = held(['case closed', 'no access'], [
      { id: 'a', match: '(no) (access)', words: '((no)) access' } as RecordRule,
      { id: 'b', match: 'clos(ed)', words: 'clos(e)' } as RecordRule,
    ]);
    expect(r.held).toEqual([[0, 1], [1, 0]]);
    expect(r.first).toEqual(['b', 'a']);
  });

  it('on the demo and every unseen case, says for each record and decision rule what its words alone say', () => {
    const timelines = [demoTimeline(), ...readdirSync('fixtures/cases').filter((d) => existsSync(join('fixtures/cases', d, 'answer-key.json'))).map((d) => {
      const key = JSON.parse(readFileSync(join('fixtures/cases', d, 'answer-key.json'), 'utf8')) as { files: Record<string, { agency: string; agencyOption?: boolean }> };
      return merge(Object.entries(key.files).map(([file, f]) => ingest({ file, content: readFileSync(join('fixtures/cases', d, file)) }, f.agencyOption ? { agency: f.agency } : {})));
    })];
    let records = 0;
    let withWords = 0;
    for (const t of timelines) {
      const ctx = buildContext(t, DEFAULT_RULES, []);
      const set = compileRules(ctx, DEFAULT_RULES.knowledge.decisions);
      const into = new Uint8Array(set.rules.length);
      t.events.forEach((_, i) => {
        records++;
        const any = heldWords(ctx, set, i, into);
        const alone = set.rules.map((c) => (c.words!.test(ctx.text[i]!) ? 1 : 0));
        expect([...into], ctx.text[i]).toEqual(alone);
        expect(any).toBe(alone.includes(1));
        expect(set.any!.test(ctx.text[i]!)).toBe(any);
        if (any) withWords++;
      });
    }
    // Both kinds of record met, so neither side of the comparison is checked on nothing.
    expect(records).toBeGreaterThan(withWords);
    expect(withWords).toBeGreaterThan(20);
  });

  it('the union tests a word boundary once when every alternative of every pattern begins with one, and only then', () => {
    const t = caseTimeline([{ file: 'gp.csv', agency: 'GP', header: 'Date,Summary', rows: ['01/03/2021,Seen'] }]);
    const ctx = buildContext(t, DEFAULT_RULES, []);
    const union = (words: string[]) => compileRules(ctx, words.map((w, k) => ({ id: `r${k}`, match: w, words: w }) as RecordRule)).any!;
    const bounded = union(['\\bfoo', '\\b(?:bar|baz)']);
    expect(bounded.source).toBe('\\b(?:foo|(?:bar|baz))');
    expect([bounded.test('a baz'), bounded.test('xbaz'), bounded.test('xfoo')]).toEqual([true, false, false]);
    // "\bbar|baz" finds baz anywhere: the boundary is not the whole pattern's, so it is not hoisted.
    const open = union(['\\bfoo', '\\bbar|baz']);
    expect([open.test('xbaz'), open.test('xbar'), open.test('a bar')]).toEqual([true, false, true]);
    // One pattern without a boundary keeps every pattern's own.
    expect(union(['\\bfoo', 'bar']).source).toBe('(?:\\bfoo)|(?:bar)');
  });

  it.each([
    ['\\bfoo|bar', ['\\bfoo', 'bar']], ['(a)|b', ['(a)', 'b']], ['|', ['', '']], ['a|b|c', ['a', 'b', 'c']],
    ['\\b(?:foo|bar)', ['\\b(?:foo|bar)']], ['a(?:b|c)d', ['a(?:b|c)d']], ['[|]x', ['[|]x']], ['\\|x', ['\\|x']],
    ['[\\]|]x', ['[\\]|]x']], ['(?:a[)|])', ['(?:a[)|])']], ['(a)(b)|c', ['(a)(b)', 'c']], ['', ['']],
  ])('topLevelAlternatives(%s) is %j', (source, expected) => {
    expect(topLevelAlternatives(source)).toEqual(expected);
  });
});

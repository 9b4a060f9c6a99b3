/**
 * A reviewer's tags, in process (the command line's and the server's tests run where the mutation
 * run does not reach): each shape the tags file may not take, with its message; a tag for a record
 * the timeline does not hold; a reviewer's tag overriding the agency's and the rules' judgement; a
 * record tagged only as an incident judged as if untagged.
 */
import { describe, expect, it } from 'vitest';
import { practiceBalance, validateTags } from '../../src/analytics/balance.js';
import { buildContext } from '../../src/analytics/context.js';
import { DEFAULT_RULES } from '../../src/analytics/rules.js';
import { caseTimeline } from './cases.js';

describe('validateTags', () => {
  const message = (value: unknown): string => {
    try { validateTags(value, 'tags.json'); } catch (e) { return (e as Error).message; }
    return 'not refused';
  };
  it.each([
    ['null', null], ['a list', ['good']], ['a string', 'good'], ['a number', 3],
  ])('refuses %s as a whole', (_what, value) => {
    expect(message(value)).toBe('tags.json: expected an object of event id → "good" | "missed" | "incident" (or a list of them)');
  });
  it.each([
    ['an unknown tag', { 'gp-2': 'bad' }, 'gp-2'],
    ['an empty list', { 'gp-2': [] }, 'gp-2'],
    ['a list with one unknown tag', { 'gp-2': ['good'], 'gp-3': ['missed', 'other'] }, 'gp-3'],
  ])('refuses %s, naming the record', (_what, value, id) => {
    expect(message(value)).toBe(`tags.json: "${id}" is invalid: expected "good", "missed", "incident" or a list of them`);
  });
  it('keeps a valid file as it is', () => {
    const tags = { 'gp-2': 'good', 'gp-3': ['missed', 'incident'], 'gp-4': 'incident' };
    expect(validateTags(tags, 'tags.json')).toBe(tags);
    expect(validateTags({}, 'tags.json')).toEqual({});
  });
});

describe('practiceBalance with a reviewer\'s tags', () => {
  // gp-2 says "good practice" (the rules' good), gp-3 "delayed" (missed), gp-4 neither, gp-5 both words.
  const t = caseTimeline([{ file: 'gp.csv', agency: 'GP', header: 'Date,Summary', rows: [
    '01/03/2021,Good practice: seen the same day',
    '02/03/2021,Referral delayed by a week',
    '03/03/2021,Routine review',
    '04/03/2021,Good practice in the review; then delayed letter',
  ] }]);
  const balance = (tags = {}) => practiceBalance(buildContext(t, DEFAULT_RULES, []), [], tags);

  it('without tags, the rules judge each record by its words', () => {
    expect(balance().tags).toEqual([
      { event: 'gp-2', tag: 'good', by: 'rule' }, { event: 'gp-3', tag: 'missed', by: 'rule' },
      { event: 'gp-5', tag: 'good', by: 'rule' }, { event: 'gp-5', tag: 'missed', by: 'rule' },
    ]);
    expect(balance().total).toEqual({ good: 2, missed: 2 });
  });

  it('a reviewer\'s tag replaces the rules\' judgement of its record; an incident-only tag leaves it to the rules', () => {
    const b = balance({ 'gp-2': 'missed', 'gp-4': ['good', 'incident'], 'gp-3': 'incident' });
    expect(b.tags).toEqual([
      { event: 'gp-2', tag: 'missed', by: 'user' }, { event: 'gp-3', tag: 'missed', by: 'rule' },
      { event: 'gp-4', tag: 'good', by: 'user' }, { event: 'gp-5', tag: 'good', by: 'rule' }, { event: 'gp-5', tag: 'missed', by: 'rule' },
    ]);
    expect(b.total).toEqual({ good: 2, missed: 3 });
  });

  it('refuses a tag for a record the timeline does not hold', () => {
    expect(() => balance({ 'gp-2': 'good', 'gp-99': 'missed' })).toThrow('tags: no event "gp-99" in this timeline');
  });
});

/**
 * A merged timeline read back from its JSON: each shape it refuses, with the message a person
 * reads (file, what is missing, where), and what it fills in for an older or sparser file. In
 * process, so the mutation run reaches it (the command line's tests run in a child process).
 */
import { describe, expect, it } from 'vitest';
import { timelineFromJson } from '../../src/timeline/read.js';
import { isThroughlineError } from '../../src/model/errors.js';

const event = (over: Record<string, unknown> = {}) => ({
  id: 'gp-2', agency: 'GP', summary: 'Seen', date: { start: '2021-03-01', precision: 'day', text: '01/03/2021' }, source: { file: 'gp.csv', line: 2 }, ...over,
});
const timeline = (over: Record<string, unknown> = {}) => ({
  version: '1.1', scope: { includeOutOfScope: false }, agencyOrder: ['GP'], stats: {}, files: [], links: [], issues: [], events: [event()], ...over,
});
const refusal = (value: unknown): string => {
  try {
    timelineFromJson(value, 'merged.json');
  } catch (e) {
    expect(isThroughlineError(e) && e.code).toBe('timeline-invalid');
    return (e as Error).message.replace('merged.json: not a merged timeline from throughline merge --format json: ', '');
  }
  throw new Error('not refused');
};

describe('timelineFromJson', () => {
  it.each([
    [null, 'expected a JSON object'],
    [[], 'expected a JSON object'],
    ['text', 'expected a JSON object'],
    [timeline({ version: 1.1 }), 'no "version"'],
    [timeline({ version: '2.0' }), 'version 2.0 is not 1.x, which this throughline reads'],
    [timeline({ version: '0.9' }), 'version 0.9 is not 1.x, which this throughline reads'],
    [timeline({ events: {} }), 'no list "events"'],
    [timeline({ links: undefined }), 'no list "links"'],
    [timeline({ issues: 'none' }), 'no list "issues"'],
    [timeline({ files: null }), 'no list "files"'],
    [timeline({ agencyOrder: 'GP' }), 'no list "agencyOrder"'],
    [timeline({ events: [event(), event({ id: 3 })] }), 'events[1] needs "id", "agency" and "summary"'],
    [timeline({ events: [event({ agency: undefined })] }), 'events[0] needs "id", "agency" and "summary"'],
    [timeline({ events: [event({ summary: null })] }), 'events[0] needs "id", "agency" and "summary"'],
    [timeline({ events: [null] }), 'events[0] needs "id", "agency" and "summary"'],
    [timeline({ events: [event({ agency: 'Police' })] }), 'events[0].agency "Police" is not in "agencyOrder"'],
    [timeline({ events: [event({ date: undefined })] }), 'events[0].date needs "start" and a "precision"'],
    [timeline({ events: [event({ date: { start: 20210301, precision: 'day' } })] }), 'events[0].date needs "start" and a "precision"'],
    [timeline({ events: [event({ date: { start: '2021-03-01', precision: 'fortnight' } })] }), 'events[0].date needs "start" and a "precision"'],
    [timeline({ events: [event({ source: undefined })] }), 'events[0].source needs "file" and "line"'],
    [timeline({ events: [event({ source: { file: 'gp.csv', line: '2' } })] }), 'events[0].source needs "file" and "line"'],
    [timeline({ events: [event({ source: { line: 2 } })] }), 'events[0].source needs "file" and "line"'],
    [timeline({ links: [{ id: 'link-1' }] }), 'links[0] needs "events"'],
    [timeline({ links: [null] }), 'links[0] needs "events"'],
  ])('refuses %j: %s', (value, message) => {
    expect(refusal(value)).toBe(message);
  });

  it('reads a 1.x timeline, giving an event without extra columns or flags empty ones and a link without a kind its old meaning', () => {
    const t = timelineFromJson(timeline({ version: '1.0', links: [{ id: 'link-1', events: ['gp-2', 'hv-3'], agencies: ['GP'], reason: 'r', confidence: 'high' }] }), 'merged.json');
    expect(t.events[0]).toMatchObject({ id: 'gp-2', extra: {}, flags: [] });
    expect(t.links[0]!.kind).toBe('same-event');
    const kept = timelineFromJson(timeline({ events: [event({ extra: { Ward: 'East' }, flags: ['no-summary'] })], links: [{ id: 'link-2', kind: 'refers-to', events: ['gp-2'] }] }), 'merged.json');
    expect([kept.events[0]!.extra, kept.events[0]!.flags, kept.links[0]!.kind]).toEqual([{ Ward: 'East' }, ['no-summary'], 'refers-to']);
  });
});

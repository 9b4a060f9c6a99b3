/** The Salford record and findings as typed on the page: lines, id lists, tagged roots and actions, each reader and its writer. */
import { describe, expect, it } from 'vitest';
import { actionsText, idList, lines, parseActions, parseRoots, rootsText, tagged } from '../../viz/app/practice-edit.js';

describe('typed lists', () => {
  it('lines: blank ones dropped, each trimmed', () => {
    expect(lines(' a \n\n  \nb\r\n')).toEqual(['a', 'b']);
    expect(lines('')).toEqual([]);
  });
  it('ids: by commas or spaces, once each, in order', () => {
    expect(idList('gp-2, police-15 gp-2,,  school-4')).toEqual(['gp-2', 'police-15', 'school-4']);
    expect(idList(' ')).toEqual([]);
  });
  it('tags: the words without them, the tags by lower-case name', () => {
    const t = tagged('Keep one chronology [Roots: r1, r2]  from the start [owner: Partnership]');
    expect(t.text).toBe('Keep one chronology from the start');
    expect([...t.tags]).toEqual([['roots', 'r1, r2'], ['owner', 'Partnership']]);
  });
});

describe('the problem tree\'s roots', () => {
  it('are numbered r1, r2… by line, with the cause a [cause: …] names', () => {
    expect(parseRoots('No shared chronology [cause: c3]\n\nCaseloads\n[cause: c7]')).toEqual([
      { id: 'r1', text: 'No shared chronology', cause: 'c3' }, { id: 'r2', text: 'Caseloads' }, { id: 'r3', text: '', cause: 'c7' },
    ]);
  });
  it('read back as the text they came from', () => {
    const text = 'No shared chronology [cause: c3]\nCaseloads\n[cause: c7]';
    expect(rootsText(parseRoots(text))).toBe(text);
  });
});

describe('actions', () => {
  it('take their roots, owner and due day from tags, in any order', () => {
    expect(parseActions('[due: 31/03/2027] Keep one chronology [roots: r1 r2] [owner: Partnership]\nReview thresholds')).toEqual([
      { text: 'Keep one chronology', owner: 'Partnership', due: '31/03/2027', roots: ['r1', 'r2'] },
      { text: 'Review thresholds', roots: [] },
    ]);
  });
  it('read back as text that reads to the same actions', () => {
    const actions = parseActions('Keep one chronology [roots: r1, r2] [owner: Partnership] [due: 31/03/2027]\nReview thresholds');
    expect(actionsText(actions)).toBe('Keep one chronology [roots: r1, r2] [owner: Partnership] [due: 31/03/2027]\nReview thresholds');
    expect(parseActions(actionsText(actions))).toEqual(actions);
  });
});

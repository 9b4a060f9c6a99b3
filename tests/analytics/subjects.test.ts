/**
 * Whom a record is about, for the rules with `subjects` (the child's ED attendances): the subjects
 * cell where the file has a subjects column; elsewhere the child, unless the text is headed by
 * someone else (a role or another person's name) and does not name the child. And attendances are
 * counted from the attendance records: a record that reports an earlier event never counts.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { caseTimeline, refersTo } from './cases.js';

const ED = 'Hospital ED';
const attended = (t: ReturnType<typeof caseTimeline>, child = ['L']) =>
  analyse(t, { child }).sightings.filter((s) => s.rule === 'child-attended').map((s) => s.event);
const edPattern = (t: ReturnType<typeof caseTimeline>, child = ['L']) =>
  analyse(t, { child }).patterns.filter((p) => p.rule === 'repeat-ed-attendances').map((p) => p.events);

describe('a file without a subjects column: about the child unless the text says it is about someone else', () => {
  const rows = [
    '01/01/2021,Head injury – fell from sofa',              // ed-2: the child
    '02/01/2021,Mother: assault, swelling to left cheek',   // ed-3: a role heading
    '03/01/2021,MUM ATTENDED with chest pain',              // ed-4: a role, in capitals
    '04/01/2021,Sibling M: wheeze',                         // ed-5: a role and a name
    '05/01/2021,Kerry: self-harm, cuts to forearm',         // ed-6: another person's name
    '06/01/2021,Father seen – wrist pain',                  // ed-7: a role, seen
    '07/01/2021,Mother brought L in: burn to hand',         // ed-8: a role, but the child is named
    '08/01/2021,Kerry (mother): overdose',                  // ed-9: a name with a note
    '09/01/2021,Fall: from trampoline',                     // ed-10: a heading word, not a name
    '10/01/2021,L: fever and rash',                         // ed-11: the child's name as heading
    '11/01/2021,Kerry BRENNAN attended with a cut hand',    // ed-12: a name doing something
    '12/01/2021,Patient seen: laceration to chin',          // ed-13: a heading word doing something
  ];
  const t = caseTimeline([{ file: 'ed.csv', agency: ED, header: 'Date,Presenting Complaint', rows }]);
  it('the child\'s attendances are the rows not headed by another person, or naming the child', () => {
    expect(attended(t)).toEqual(['ed-2', 'ed-8', 'ed-10', 'ed-11', 'ed-13']);
  });
  it('when the child is known by another name, "L:" is someone else\'s heading and "brought L in" does not name the child', () => {
    expect(attended(t, ['Lacey'])).toEqual(['ed-2', 'ed-10', 'ed-13']);
  });
  it('a note in brackets of up to 40 characters still makes a heading; 41 do not', () => {
    const note = (n: number) => caseTimeline([{ file: 'ed.csv', agency: ED, header: 'Date,Presenting Complaint', rows: [`01/01/2021,Kerry (${'x'.repeat(n)}): overdose`] }]);
    expect(attended(note(39))).toEqual([]);
    expect(attended(note(40))).toEqual([]);
    expect(attended(note(41))).toEqual(['ed-2']);
  });
  it('another child named as "Child B:" is someone else; "Child A:" is the child when A is a name given', () => {
    const kids = caseTimeline([{ file: 'ed.csv', agency: ED, header: 'Date,Presenting Complaint', rows: ['01/01/2021,Child A: head injury', '02/01/2021,Child B: burn to hand'] }]);
    expect(attended(kids, ['Child A'])).toEqual(['ed-2']);
  });
  it('naming the child means naming them when their name is known; the rules\' words count only when no name is', () => {
    const other = caseTimeline([{ file: 'ed.csv', agency: ED, header: 'Date,Presenting Complaint', rows: ['01/01/2021,Renée: self-harm. Child spoken to alone'] }]);
    expect(attended(other, ['L'])).toEqual([]);
    expect(analyse(other).child.found.map((n) => n.name)).toEqual(['child', 'baby', 'infant']);
    expect(attended(other, [])).toEqual(['ed-2']);
  });
  it('a composed summary (no summary cell) is read after its heading', () => {
    const composed = caseTimeline([{ file: 'ed.csv', agency: ED, header: 'Date,Presenting Complaint', rows: ['01/01/2021,x'] }]);
    const e = composed.events[0]!;
    const withSummary = (summary: string) => ({ ...composed, events: [{ ...e, summary, flags: ['no-summary' as const] }] });
    expect(attended(withSummary('Discharge Outcome: Mother: discharged home'))).toEqual([]);
    expect(attended(withSummary('Discharge Outcome: discharged home'))).toEqual(['ed-2']);
    // The heading stripped is at most 60 characters; a longer one is read as it stands.
    expect(attended(withSummary(`${'H'.repeat(59)}: Mother: discharged`))).toEqual([]);
    expect(attended(withSummary(`${'H'.repeat(60)}: Mother: discharged`))).toEqual([]);
    expect(attended(withSummary(`${'H'.repeat(61)}: Mother: discharged`))).toEqual(['ed-2']);
  });
});

describe('a file with a subjects column: the cell decides', () => {
  const t = caseTimeline([{
    file: 'ed.csv', agency: ED, header: 'Date,Patient,Presenting Complaint', rows: [
      '01/01/2021,Child L (20m),Head injury',   // ed-2
      '02/01/2021,Mother (27y),Assault',        // ed-3
      '03/01/2021,,Burn to hand',               // ed-4: a blank cell names nobody
      '04/01/2021,Sibling M (6y),L: wheeze',    // ed-5: the cell, not the text, decides
    ],
  }]);
  it('only the rows whose cell names the child', () => expect(attended(t)).toEqual(['ed-2']));
});

describe('repeat ED attendances are counted from the attendance records, never from a record that reports one', () => {
  const rows = ['01/01/2021,Head injury', '01/06/2021,Burn to hand', '01/01/2022,Fever', '01/01/2022,Letter from GP about the fever earlier today'];
  const t = (links: Parameters<typeof caseTimeline>[1]) => caseTimeline([{ file: 'ed.csv', agency: ED, header: 'Date,Presenting Complaint', rows }], links);
  it('no links: four records, one cluster of four within exactly 365 days', () => {
    expect(edPattern(t([]))).toEqual([['ed-2', 'ed-3', 'ed-4', 'ed-5']]);
  });
  it('the letter reports the attendance of 01/01/2022: three attendances, exactly 365 days apart, still a pattern', () => {
    const links = [refersTo('link-1', 'ed-5', ['ed-4'], [ED])];
    expect(edPattern(t(links))).toEqual([['ed-2', 'ed-3', 'ed-4']]);
    expect(attended(t(links))).toEqual(['ed-2', 'ed-3', 'ed-4']);
  });
  it('when an attendance itself is the report, two remain: no pattern (min 3)', () => {
    expect(edPattern(t([refersTo('link-1', 'ed-5', ['ed-4'], [ED]), refersTo('link-2', 'ed-3', ['ed-2'], [ED])]))).toEqual([]);
  });
  it('the record reported (the link\'s to) still counts', () => {
    expect(attended(t([refersTo('link-1', 'ed-2', ['ed-3'], [ED])]))).toEqual(['ed-3', 'ed-4', 'ed-5']);
  });
});

/**
 * Judgements the hand derivation of the demo case settled (fixtures/demo/analysis-by-hand.md):
 * a repeat pattern is a run, not windows cut at their first member; allocating an investigation
 * is not a change of worker; a referral's receiver is whom the words send it to.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import type { Timeline } from '../../src/model/types.js';

const ed = (dates: string[]): Timeline => merge([ingest({ file: 'ed.csv', content: ['Date,Patient,Presenting Complaint', ...dates.map((d) => `${d},Child L,Fall`)].join('\n') }, { agency: 'Hospital ED' })]);
const runs = (t: Timeline): string[][] => analyse(t, { child: ['L'] }).patterns.filter((p) => p.rule === 'repeat-ed-attendances').map((p) => p.events);

describe('a repeat pattern is a run of qualifying windows that share a record', () => {
  it('six attendances, each three in a row within 365 days, are one finding of six', () => {
    // Spans of the four windows of three: 300, 300, 300, 300 days; each shares two with the next.
    expect(runs(ed(['01/01/2020', '01/06/2020', '27/10/2020', '28/03/2021', '23/08/2021', '18/01/2022']))).toEqual([
      ['ed-2', 'ed-3', 'ed-4', 'ed-5', 'ed-6', 'ed-7'],
    ]);
  });
  it('a window that does not qualify between two that share a record does not cut the run', () => {
    // Windows (2,3,4) 168 days and (4,5,6) 218 days qualify; (3,4,5), 01/01/2021 to 02/01/2022,
    // spans 366 days and does not. They share ed-4: one run of five (cut at the first member's
    // year, it would be (2,3,4) alone, and ed-5 and ed-6 lost).
    expect(runs(ed(['15/12/2020', '01/01/2021', '01/06/2021', '02/01/2022', '05/01/2022']))).toEqual([
      ['ed-2', 'ed-3', 'ed-4', 'ed-5', 'ed-6'],
    ]);
  });
  it('two qualifying windows with no record in common are two findings', () => {
    // (2,3,4) within 20 days, then 400 days to (5,6,7) within 20 days; no window across qualifies.
    expect(runs(ed(['01/01/2021', '11/01/2021', '21/01/2021', '25/02/2022', '07/03/2022', '17/03/2022']))).toEqual([
      ['ed-2', 'ed-3', 'ed-4'], ['ed-5', 'ed-6', 'ed-7'],
    ]);
  });
  it('a window one day too long joins nothing: 366 days across 29 February 2020', () => {
    expect(runs(ed(['01/03/2019', '01/09/2019', '01/03/2020']))).toEqual([]);
    expect(runs(ed(['01/03/2019', '01/09/2019', '29/02/2020']))).toEqual([['ed-2', 'ed-3', 'ed-4']]);
  });
});

describe('changes of worker', () => {
  const workers = (rows: string[]): string[][] => analyse(merge([ingest({ file: 'csc.csv', content: ['Date,Event', ...rows].join('\n') }, { agency: "Children's Social Care" })]))
    .patterns.filter((p) => p.rule === 'worker-changes').map((p) => p.events);
  it('three allocations of the case within a year are a pattern', () => {
    expect(workers(['01/02/2021,Case allocated to SW A', '01/05/2021,Case reallocated to SW B', '01/08/2021,Allocated to SW C'])).toEqual([['csc-2', 'csc-3', 'csc-4']]);
  });
  it('the allocation of an investigation, an enquiry or a crime to an officer is not one', () => {
    for (const what of ['Investigation allocated to DC Frost', 'Enquiry has been allocated to PC Ray', 'Crime reallocated to DS Lowe']) {
      expect(workers(['01/02/2021,Case allocated to SW A', '01/05/2021,Case reallocated to SW B', `01/08/2021,${what}`]), what).toEqual([]);
    }
  });
});

describe('whom a referral is sent to', () => {
  const referrals = (agency: string, text: string) => analyse(merge([
    ingest({ file: 'a.csv', content: `Date,Event\n01/03/2022,"${text}"\n` }, { agency }),
    ingest({ file: 'p.csv', content: 'Date,Event\n10/03/2022,Officer visit\n' }, { agency: 'Police' }),
    ingest({ file: 'c.csv', content: 'Date,Event\n02/03/2022,Strategy discussion\n' }, { agency: "Children's Social Care" }),
  ])).referrals;
  it('someone who is none of the chronology\'s agencies: said so, and no response is looked for', () => {
    expect(referrals('ED', 'Discharged; police aware; IDVA referral to MARAC')).toEqual([
      { event: 'a-2', from: 'ED', to: "(none of the chronology's agencies)", date: '2022-03-01', noTimelyResponse: false },
    ]);
  });
  it('the agency named after the referral words, even when the record named it before', () => {
    // "CSC" is first named in "the CSC written agreement", before the referral words; the PPN goes to CSC.
    expect(referrals('Police', 'Breach of the CSC written agreement. MARAC referral. PPN to CSC.')).toEqual([
      { event: 'a-2', from: 'Police', to: "Children's Social Care", date: '2022-03-01', response: 'c-2', days: 1, noTimelyResponse: false },
    ]);
  });
  it('a referral to an agency of the chronology is timed against its first record after it', () => {
    expect(referrals('ED', 'Referral to police for a welfare check')).toEqual([
      { event: 'a-2', from: 'ED', to: 'Police', date: '2022-03-01', response: 'p-2', days: 9, noTimelyResponse: true },
    ]);
  });
});

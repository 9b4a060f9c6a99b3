/**
 * What each agency knew, and when: each rule on a small chronology built here, at its edges (a
 * notification the day after, a referral never acknowledged, a meeting recorded by one agency
 * only, a decision the day before and the day of a fact), the decision rules on what they must
 * and must not read as a decision, the invariant that no agency knows of an incident before it
 * happened, and determinism. Every expectation is a literal worked out by hand from the rules as
 * the README states them ("What each agency knew"); links are given by each test, not found.
 */
import { describe, expect, it } from 'vitest';
import { analyse, type AnalyseOptions } from '../../src/analytics/analyse.js';
import { atDecision, knownRecords } from '../../src/analytics/known.js';
import { compile, DEFAULT_RULES, validateRules } from '../../src/analytics/rules.js';
import { buildContext, eventText, SHARES_MANY, SHARES_NOTHING, SHARES_ONE, SHARES_UNREAD } from '../../src/analytics/context.js';
import { agencyKnowledge } from '../../src/analytics/knowledge.js';
import { sharedWith, sharingNetwork } from '../../src/analytics/network.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { demoTimeline } from '../helpers/demo.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateTags } from '../../src/analytics/balance.js';
import type { Timeline } from '../../src/model/types.js';
import { caseTimeline, refersTo, sameEvent, type CaseFile } from './cases.js';

const CSC = "Children's Social Care";
const L: AnalyseOptions = { child: ['L'] };
const knowledge = (t: Timeline, options: AnalyseOptions = L) => analyse(t, options).knowledge;
const police = (rows: string[]): CaseFile => ({ file: 'police.csv', agency: 'Police', header: 'Date,Event,Outcome', rows });
const csc = (rows: string[]): CaseFile => ({ file: 'csc.csv', agency: CSC, header: 'Date,Event,Outcome', rows });
const hv = (rows: string[]): CaseFile => ({ file: 'hv.csv', agency: 'Health Visiting', header: 'Date,Event,Outcome', rows });
const gp = (rows: string[]): CaseFile => ({ file: 'gp.csv', agency: 'GP', header: 'Date,Event,Outcome', rows });

/** A fact as the tests write it: incident, agency, how, record, by. */
const facts = (t: Timeline, options?: AnalyseOptions): string[] => knowledge(t, options).learned.map((f) => `${f.incident} ${f.agency}: ${f.how} ${f.record} ${f.by}`);

describe('incidents: records referred to, pattern findings, reviewer tags; a same-event group is one', () => {
  it('a record another refers to is an incident, dated by its own day, for the link that says so', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address; children present,']),
      csc(['05/03/2021,Contact: police report of the argument on 01/03/2021,']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])]);
    expect(knowledge(t).incidents).toEqual([{ id: 'police-2', events: ['police-2'], date: '2021-03-01', agencies: ['Police'], why: [{ kind: 'refers-to', link: 'link-1' }] }]);
  });

  it('the records of a same-event group are one incident, identified by its first record', () => {
    const t = caseTimeline([
      police(['30/05/2021 23:20,Assault on mother by partner,']),
      { file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Presenting Complaint,Outcome', rows: ['31/05/2021 00:50,Mother: assault by partner,Discharged'] },
      csc(['01/06/2021,Contact: assault on mother 30/05/2021,']),
    ], [sameEvent('link-1', ['police-2', 'ed-2'], ['Police', 'Hospital ED'], 'Recorded by Police and Hospital ED'), refersTo('link-2', 'csc-2', ['police-2', 'ed-2'], ['Police', 'Hospital ED', CSC])]);
    const k = knowledge(t);
    expect(k.incidents.map((i) => [i.id, i.events, i.date, i.agencies])).toEqual([['police-2', ['police-2', 'ed-2'], '2021-05-30', ['Police', 'Hospital ED']]]);
    expect(facts(t)).toEqual([
      'police-2 Children\'s Social Care: referred csc-2 2021-06-01',
      'police-2 Hospital ED: recorded ed-2 2021-05-31',
      'police-2 Police: recorded police-2 2021-05-30',
    ]);
  });

  it('incidents in day order, then by their first record\'s place in the merged order, whatever order they were found in', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address,', '01/03/2021,Neighbour reports shouting,', '02/03/2021,Door kicked in at the address,']),
      csc(['05/03/2021,Contact: police reports of 02/03/2021 and 01/03/2021,']),
    ], [refersTo('link-1', 'csc-2', ['police-4', 'police-3', 'police-2'], ['Police', CSC])]);
    expect(knowledge(t).incidents.map((i) => [i.id, i.date])).toEqual([['police-2', '2021-03-01'], ['police-3', '2021-03-01'], ['police-4', '2021-03-02']]);
  });

  it('a timeline made by hand with a record in two same-event links: two incidents with one first record, both kept, in the order found', () => {
    const t = caseTimeline([
      police(['28/02/2021 23:50,Assault on mother by partner,']),
      hv(['01/03/2021,Mother disclosed assault by partner,']),
      gp(['01/03/2021,Mother: bruising after assault by partner,']),
      csc(['05/03/2021,Contact: assault of 01/03/2021,']),
    ], [
      sameEvent('link-1', ['police-2', 'hv-2'], ['Police', 'Health Visiting'], 'Recorded by Police and Health Visiting'),
      sameEvent('link-2', ['police-2', 'gp-2'], ['Police', 'GP'], 'Recorded by Police and GP'),
      refersTo('link-3', 'csc-2', ['hv-2', 'gp-2'], ['Health Visiting', 'GP', CSC]),
    ]);
    expect(knowledge(t).incidents.map((i) => [i.id, i.date, i.events])).toEqual([['police-2', '2021-02-28', ['police-2', 'hv-2']], ['police-2', '2021-02-28', ['police-2', 'gp-2']]]);
  });

  it('a record tagged "incident" by the reviewer is one; a record tagged only good or missed is not', () => {
    const t = caseTimeline([hv(['02/02/2021,Home visit; L seen,', '09/02/2021,Home visit; bruise seen on L\'s arm,'])]);
    expect(knowledge(t, { ...L, tags: validateTags({ 'hv-3': 'incident', 'hv-2': 'good' }, 'tags') }).incidents.map((i) => [i.id, i.why])).toEqual([['hv-3', [{ kind: 'tagged' }]]]);
    expect(knowledge(t, { ...L, tags: validateTags({ 'hv-2': ['good', 'incident'] }, 'tags') }).incidents.map((i) => i.id)).toEqual(['hv-2']);
    expect(knowledge(t).incidents).toEqual([]);
  });

  it('the records of the patterns knowledge.incidentPatterns names, and only those', () => {
    const callouts = police(['01/03/2021,Domestic incident: verbal argument,', '01/04/2021,Domestic incident: shouting,']);
    expect(knowledge(caseTimeline([callouts])).incidents.map((i) => [i.id, i.why])).toEqual([
      ['police-2', [{ kind: 'pattern', rule: 'domestic-abuse-callouts' }]], ['police-3', [{ kind: 'pattern', rule: 'domestic-abuse-callouts' }]],
    ]);
    const rules = validateRules({ knowledge: { incidentPatterns: ['repeat-ed-attendances'] } }, 'rules');
    expect(knowledge(caseTimeline([callouts]), { ...L, rules }).incidents).toEqual([]);
    expect(() => validateRules({ knowledge: { incidentPatterns: ['no-such-pattern'] } }, 'rules.json')).toThrow(/knowledge.incidentPatterns.*no pattern "no-such-pattern"/);
  });
});

describe('when each agency learned of each incident: the earliest fact, citing its record', () => {
  it('a notification the day after: shared from the day the record passing it on is dated, acknowledged by the receiver\'s own record', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address; children present,', '02/03/2021,PPN submitted to CSC re argument of 01/03,']),
      csc(['05/03/2021,Contact received: PPN re argument of 01/03/2021,']),
    ], [refersTo('link-1', 'police-3', ['police-2'], ['Police']), refersTo('link-2', 'csc-2', ['police-2'], ['Police', CSC])]);
    const k = knowledge(t);
    expect(k.learned).toEqual([
      { incident: 'police-2', agency: CSC, how: 'shared', record: 'police-3', by: '2021-03-02', exact: true, days: 1, acknowledged: 'csc-2' },
      { incident: 'police-2', agency: 'Police', how: 'recorded', record: 'police-2', by: '2021-03-01', exact: true, days: 0 },
    ]);
  });

  it('a referral never acknowledged: the receiver knew from the referral, with no record of its own', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address; children present,']),
      hv(['20/03/2021,Home visit; L seen and weighed,']),
      csc(['03/03/2021,Contact: argument at the address on 01/03/2021; referred to health visiting,']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])]);
    const hvFact = knowledge(t).learned.find((f) => f.agency === 'Health Visiting');
    expect(hvFact).toEqual({ incident: 'police-2', agency: 'Health Visiting', how: 'shared', record: 'csc-2', by: '2021-03-03', exact: true, days: 2 });
  });

  it('a meeting recorded by two agencies tells both; recorded by one agency only, it tells nobody else', () => {
    const rows = {
      police: police(['01/03/2021,Verbal argument at the address; children present,']),
      csc: csc(['10/03/2021,Strategy discussion re the argument on 01/03/2021 (attended by HV),']),
      hv: hv(['10/03/2021,Strategy discussion with SW,']),
    };
    const link = refersTo('link-2', 'csc-2', ['police-2'], ['Police', CSC]);
    const both = caseTimeline([rows.police, rows.csc, rows.hv], [sameEvent('link-1', ['csc-2', 'hv-2'], [CSC, 'Health Visiting'], 'Strategy discussion on 10/03/2021, recorded by Children\'s Social Care and Health Visiting'), link]);
    expect(knowledge(both).learned.filter((f) => f.agency === 'Health Visiting')).toEqual([
      { incident: 'police-2', agency: 'Health Visiting', how: 'meeting', record: 'csc-2', by: '2021-03-10', exact: true, days: 9 },
    ]);
    const one = caseTimeline([rows.police, rows.csc, rows.hv], [link]);
    expect(knowledge(one).learned.filter((f) => f.agency === 'Health Visiting')).toEqual([]);
    // Two agencies recording the same incident alike ("Recorded by …") is no meeting.
    const alike = caseTimeline([rows.police, rows.csc, rows.hv], [sameEvent('link-1', ['csc-2', 'hv-2'], [CSC, 'Health Visiting'], 'Recorded by Children\'s Social Care and Health Visiting'), link]);
    expect(knowledge(alike).learned.filter((f) => f.agency === 'Health Visiting')).toEqual([]);
  });

  it('the earliest fact counts; on one day, recorded before referred before shared before meeting', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address; children present. PPN to CSC,']),
      csc(['01/03/2021,Police report of the argument on 01/03/2021,']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])]);
    // Shared (police-2) and referred (csc-2) both on 01/03: the agency's own record is cited.
    expect(knowledge(t).learned.find((f) => f.agency === CSC)).toEqual({ incident: 'police-2', agency: CSC, how: 'referred', record: 'csc-2', by: '2021-03-01', exact: true, days: 0 });
  });

  it('"letter to Dad offering Early Help" passes nothing to Early Help; "Early Help informed" does', () => {
    const eh = { file: 'eh.csv', agency: 'Early Help', header: 'Date,Event,Outcome', rows: ['30/06/2021,Family support visit; L seen,'] };
    const make = (words: string) => caseTimeline([
      police(['01/03/2021,Verbal argument at the address; children present,']),
      csc([`03/03/2021,Contact re argument 01/03/2021. ${words},`]), eh,
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])]);
    expect(knowledge(make('Letter to Dad offering Early Help')).learned.filter((f) => f.agency === 'Early Help')).toEqual([]);
    expect(knowledge(make('Early Help informed')).learned.filter((f) => f.agency === 'Early Help').map((f) => [f.how, f.record])).toEqual([['shared', 'csc-2']]);
    expect(knowledge(make('Shared with the Early Help team')).learned.filter((f) => f.agency === 'Early Help').map((f) => [f.how, f.record])).toEqual([['shared', 'csc-2']]);
  });

  it('a record dated to a month shows the agency knew by the month\'s last day, not exactly', () => {
    const t = caseTimeline([
      { file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Presenting Complaint,Outcome', rows: ['18/04/2021,L: bruise to forehead,'] },
      hv(['Apr-21,ED notification: L attended on 18/04 with a bruise to the forehead,']),
    ], [refersTo('link-1', 'hv-2', ['ed-2'], ['Hospital ED', 'Health Visiting'])]);
    expect(knowledge(t).learned.find((f) => f.agency === 'Health Visiting')).toEqual({ incident: 'ed-2', agency: 'Health Visiting', how: 'referred', record: 'hv-2', by: '2021-04-30', exact: false, days: 12 });
  });

  it('no agency knows of an incident before it happened: a hand-made link from an earlier record is no fact', () => {
    const t = caseTimeline([
      police(['10/03/2021,Verbal argument at the address,']),
      csc(['09/03/2021,Report of an argument,', '11/03/2021,Report of the argument on 10/03/2021,']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])]);
    expect(facts(t)).toEqual(['police-2 Police: recorded police-2 2021-03-10']);
    const later = caseTimeline([
      police(['10/03/2021,Verbal argument at the address,']),
      csc(['09/03/2021,Report of an argument,', '11/03/2021,Report of the argument on 10/03/2021,']),
    ], [refersTo('link-1', 'csc-3', ['police-2'], ['Police', CSC])]);
    expect(facts(later)).toEqual(['police-2 Children\'s Social Care: referred csc-3 2021-03-11', 'police-2 Police: recorded police-2 2021-03-10']);
  });
});

describe('decision points: rules as data, the deciding agency the one whose record it is', () => {
  const decided = (rows: string[], file: (r: string[]) => CaseFile = csc): string[] =>
    knowledge(caseTimeline([file(rows)])).decisions.map((d) => `${d.event} ${d.kind}`);

  it('each kind, and words that only look like one', () => {
    expect(decided([
      '01/03/2021,Strategy discussion with police: agreed s47 enquiry,', '02/03/2021,Strategy discussion convened for tomorrow,',
      '03/03/2021,ICPC: L made subject to a CP plan (neglect),', '04/03/2021,ICPC minutes received,',
      '05/03/2021,Single assessment completed,', '06/03/2021,Single assessment to be completed by 20/03,',
      '07/03/2021,Review conference: CP plans ended; step down to CIN,', '08/03/2021,Step-down case received from the front door,',
      '09/03/2021,Contact: advice given,NFA', '10/03/2021,Case closed,', '11/03/2021,Closure to be considered in June,',
      '12/03/2021,EH to take lead at CIN closure,', '13/03/2021,Curtains closed; no answer,',
      '14/03/2021,No access – nobody home; case closed,',
    ])).toEqual([
      'csc-2 strategy', 'csc-4 conference', 'csc-6 assessment', 'csc-8 conference', 'csc-10 nfa', 'csc-11 closure', 'csc-15 no-access',
    ]);
  });

  it('step-downs and concluded assessments in each of their wordings (the key words looked for first must let every one through)', () => {
    expect(decided([
      '01/03/2021,Stepped down to Early Help,', '02/03/2021,Stepdown to universal services,', '03/03/2021,CP plan ended by the chair,',
      '04/03/2021,Child protection plans ceased,', '05/03/2021,De-escalated to CIN,', '06/03/2021,Step-father visited,', '07/03/2021,Plan ended,',
      '08/03/2021,C&F assessment concluded: no role,', '09/03/2021,Parenting assessment signed off,', '10/03/2021,S47 enquiry concluded - unsubstantiated,',
      '11/03/2021,Risk assessment completed,', '12/03/2021,Pre-birth assessment completed,',
    ])).toEqual([
      'csc-2 step-down', 'csc-3 step-down', 'csc-4 step-down', 'csc-5 step-down', 'csc-6 step-down',
      'csc-9 assessment', 'csc-10 assessment', 'csc-11 assessment', 'csc-13 assessment',
    ]);
  });

  it('no access accepted: closed, NFA, not rebooked; not curtains or a door closed, nor a visit rearranged or rebooked', () => {
    expect(decided([
      '01/03/2021,No access - curtains closed; no answer,', '02/03/2021,No access. Door closed and locked,',
      '03/03/2021,No access - no answer. Case closed,', '04/03/2021,No access - not rebooked as family moved,',
      '05/03/2021,No access; closure agreed with TM,', '06/03/2021,No access - case to be closed? Visit rearranged for Friday,',
      '07/03/2021,No access - curtains were closed. Rebooked,', '08/03/2021,No access - blinds closed. NFA,',
    ])).toEqual(['csc-4 no-access', 'csc-5 no-access', 'csc-6 no-access', 'csc-9 no-access']);
  });

  it('a record that is the conference or strategy discussion (it begins by naming it) decides by its words anywhere; one that only mentions it, within 200 characters', () => {
    // Between the meeting's name and the decision: the name's own sentence, then `pad` characters.
    const long = (pad: number) => `Attended: mum, SW, DSL. ${'x'.repeat(pad)} Outcome agreed`;
    const of = (first: string, pad: number) => `01/03/2021,"${first} ${long(pad)}",`;
    // After "conference": ".", a space, "Attended: mum, SW, DSL." (23), a space, the padding and a
    // space before "Outcome": the padding + 27 characters from the name's end to the decision word.
    expect(decided([of('Review conference.', 173)])).toEqual(['csc-2 conference']);
    expect(decided([of('Review conference.', 174)])).toEqual(['csc-2 conference']);
    expect(decided([of('Review conference.', 400)])).toEqual(['csc-2 conference']);
    expect(decided([of('RCPC.', 400)])).toEqual(['csc-2 conference']);
    expect(decided([of('Strategy discussion.', 400)])).toEqual(['csc-2 strategy']);
    // Mentioned after other words: the window of 200 characters holds.
    expect(decided([of('Home visit; mum spoke about the review conference.', 173)])).toEqual(['csc-2 conference']);
    expect(decided([of('Home visit; mum spoke about the review conference.', 174)])).toEqual([]);
    expect(decided([of('Home visit; mum spoke about the strategy discussion.', 400)])).toEqual([]);
  });

  it('discharge: discharged or D/C, not a letter, plan or intention', () => {
    const ed = (rows: string[]): CaseFile => ({ file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Presenting Complaint,Outcome', rows });
    expect(decided([
      '01/03/2021,L: fall,Discharged home', '02/03/2021,L: fall,D/C - GP f/u', '03/03/2021,L: fall,Self-discharged',
      '04/03/2021,L: fall,Discharge letter to GP', '05/03/2021,L: fall,Fit for discharge tomorrow', '06/03/2021,L: fall,Admitted to ward',
    ], ed)).toEqual(['ed-2 discharge', 'ed-3 discharge']);
  });

  it('a record reporting an earlier event is a decision only by its own outcome', () => {
    const make = (row: string) => knowledge(caseTimeline([police(['01/03/2021,Verbal argument at the address,']), csc([row])], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])])).decisions.map((d) => d.kind);
    expect(make('02/03/2021,PPN received re argument of 01/03/2021,NFA')).toEqual(['nfa']);
    expect(make('02/03/2021,PPN received re argument of 01/03/2021 (police NFA),')).toEqual([]);
  });

  it('a meeting\'s record that reports earlier events is still the meeting: its outcome, else the meeting\'s own rule in its whole text', () => {
    const make = (row: string) => knowledge(caseTimeline([police(['01/03/2021,Verbal argument at the address,']), csc([row])], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])])).decisions.map((d) => d.kind);
    // The outcome decides nothing: the strategy rule, read in the whole text, does.
    expect(make('05/03/2021,Strategy discussion. Police: call-out 01/03/2021. Agreed s47 single agency,')).toEqual(['strategy']);
    // The outcome decides: it is the decision.
    expect(make('05/03/2021,Strategy discussion. Police: call-out 01/03/2021,NFA')).toEqual(['nfa']);
    // Only a meeting's rule: the history's "no access … closed" is no decision of this record.
    expect(make('05/03/2021,Police: call-out 01/03/2021. HV: no access 20/02 and case closed,')).toEqual([]);
    // Not a record that only mentions the meeting (the rule's own exclusions hold).
    expect(make('05/03/2021,Invitation to strategy discussion re call-out 01/03/2021: s47 threshold,')).toEqual([]);
  });

  it('a meeting\'s decision is every recording agency\'s, whatever its own record says', () => {
    const t = caseTimeline([
      csc(['10/03/2021,Strategy discussion: agreed single agency s47,']),
      police(['10/03/2021,Strategy discussion with SW,']),
      hv(['11/03/2021,Strategy discussion with SW,']),
    ], [sameEvent('link-1', ['csc-2', 'police-2'], [CSC, 'Police'], 'Strategy discussion on 10/03/2021, recorded by Children\'s Social Care and Police')]);
    expect(knowledge(t).decisions.map((d) => [d.event, d.agency, d.kind])).toEqual([['csc-2', CSC, 'strategy'], ['police-2', 'Police', 'strategy']]);
  });
});

describe('at each decision point: known by then (a fact on or before its day) or not shown', () => {
  // The incident on 01/03; CSC is told on 05/03 (its own record); CSC decides on 04/03, 05/03 and 06/03.
  const t = caseTimeline([
    police(['01/03/2021,Verbal argument at the address; children present,']),
    csc(['04/03/2021,Contact re school concerns,NFA', '05/03/2021,Police report of the argument on 01/03/2021,Case closed', '06/03/2021,Contact re housing,NFA']),
  ], [refersTo('link-1', 'csc-3', ['police-2'], ['Police', CSC])]);

  it('the day before the fact: not shown, known to the police since the incident', () => {
    const k = knowledge(t);
    const d = k.decisions.find((x) => x.event === 'csc-2')!;
    expect([d.kind, d.known, d.notKnown]).toEqual(['nfa', 0, 1]);
    expect(atDecision(k, d)).toEqual({
      known: [], notKnown: [{ incident: 'police-2', age: 3, knownTo: [{ agency: 'Police', how: 'recorded', record: 'police-2', since: '2021-03-01', exact: true }] }],
    });
  });

  it('the day of the fact and the day after: known', () => {
    const k = knowledge(t);
    for (const [event, age] of [['csc-3', 4], ['csc-4', 5]] as const) {
      const d = k.decisions.find((x) => x.event === event)!;
      expect([d.known, d.notKnown]).toEqual([1, 0]);
      expect(atDecision(k, d)).toEqual({ known: [{ incident: 'police-2', age, how: 'referred', record: 'csc-3', since: '2021-03-05', exact: true }], notKnown: [] });
    }
  });

  it('an incident after the decision is not counted at it', () => {
    const later = caseTimeline([csc(['01/02/2021,Contact,NFA']), police(['01/03/2021,Verbal argument,'])]);
    const kk = knowledge(later, { ...L, tags: { 'police-2': 'incident' } });
    expect(kk.decisions.map((d) => [d.event, d.known, d.notKnown])).toEqual([['csc-2', 0, 0]]);
    expect(atDecision(kk, kk.decisions[0]!)).toEqual({ known: [], notKnown: [] });
  });

  it('per agency: the incidents not known at one of its decisions, and the median days to learn from others', () => {
    expect(knowledge(t).agencies).toEqual([
      { agency: CSC, known: 1, learnedFromOthers: 1, medianLag: 4, decisions: 3, notKnownAtDecisions: ['police-2'] },
      { agency: 'Police', known: 1, learnedFromOthers: 0, decisions: 0, notKnownAtDecisions: [] },
    ]);
  });

  it('the median of an even count is the mean of the middle two', () => {
    const two = caseTimeline([
      police(['01/03/2021,Verbal argument at the address,', '01/04/2021,Shouting reported at the address,']),
      csc(['02/03/2021,Police report of the argument on 01/03/2021,', '05/04/2021,Police report of shouting on 01/04/2021,']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC]), refersTo('link-2', 'csc-3', ['police-3'], ['Police', CSC])]);
    // CSC learned after 1 and 4 days: the median is 2.5.
    expect(knowledge(two).agencies.find((a) => a.agency === CSC)!.medianLag).toBe(2.5);
  });
});

describe('the chronology as an agency could know it on a day', () => {
  it('its own records to that day, and each incident it knew of by then with the record that showed it', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address; PPN to CSC,', '20/03/2021,Shouting reported,']),
      csc(['10/02/2021,Contact re school,', '06/03/2021,Home visit,', '08/03/2021,Visit,', 'Mar-21,Family support note,']),
    ]);
    const k = knowledge(t, { ...L, tags: { 'police-2': 'incident' } });
    expect([...knownRecords(k, t, CSC, '2021-03-06')].sort()).toEqual(['csc-2', 'csc-3', 'police-2']);
    expect([...knownRecords(k, t, CSC, '2021-02-28')].sort()).toEqual(['csc-2']);
    // A record dated to March only once March is over: until then it may have been written later.
    expect([...knownRecords(k, t, CSC, '2021-03-30')].sort()).toEqual(['csc-2', 'csc-3', 'csc-4', 'police-2']);
    expect([...knownRecords(k, t, CSC, '2021-03-31')].sort()).toEqual(['csc-2', 'csc-3', 'csc-4', 'csc-5', 'police-2']);
  });
});

describe('determinism', () => {
  it('the same timeline gives the same knowledge, byte for byte', () => {
    const make = () => caseTimeline([
      police(['01/03/2021,Verbal argument at the address; PPN to CSC,', '02/04/2021,Domestic incident: shouting,']),
      csc(['05/03/2021,Police report of the argument on 01/03/2021,NFA']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC])]);
    expect(JSON.stringify(knowledge(make()))).toBe(JSON.stringify(knowledge(make())));
  });
});

describe('a decision rule\'s key words (`words`): speed only, never a different answer', () => {
  it('a record without the words is not tried; words that are not an expression are refused, naming the key', () => {
    const t = caseTimeline([csc(['01/03/2021,Case closed,'])]);
    const rules = (words: string) => validateRules({ knowledge: { decisions: [{ id: 'closure', title: 'Case closed', match: '\\bclosed\\b', words }] } }, 'rules');
    expect(knowledge(t, { ...L, rules: rules('clos') }).decisions.map((d) => d.kind)).toEqual(['closure']);
    expect(knowledge(t, { ...L, rules: rules('zzz') }).decisions).toEqual([]);
    expect(() => rules('(')).toThrow(/"knowledge.decisions\[0\].words" is invalid: expected a regular expression/);
  });

  it('the shipped rules\' words hold wherever their whole pattern matches, on the demo and every unseen case', () => {
    const texts: string[] = [];
    const timelines = [demoTimeline(), ...readdirSync('fixtures/cases').filter((d) => existsSync(join('fixtures/cases', d, 'answer-key.json'))).map((d) => {
      const key = JSON.parse(readFileSync(join('fixtures/cases', d, 'answer-key.json'), 'utf8')) as { files: Record<string, { agency: string; agencyOption?: boolean }> };
      return merge(Object.entries(key.files).map(([file, f]) => ingest({ file, content: readFileSync(join('fixtures/cases', d, file)) }, f.agencyOption ? { agency: f.agency } : {})));
    })];
    for (const tl of timelines) for (const e of tl.events) texts.push(eventText(e));
    const matched = new Map<string, number>();
    for (const rule of DEFAULT_RULES.knowledge.decisions) {
      const match = compile(rule.match, ['L']);
      const words = compile(rule.words!, ['L']);
      for (const text of texts) {
        if (!match.test(text)) continue;
        matched.set(rule.id, (matched.get(rule.id) ?? 0) + 1);
        expect(words.test(text), `${rule.id}: ${text}`).toBe(true);
      }
    }
    // Every rule met somewhere, so no rule's words are checked on nothing.
    expect([...matched.keys()].sort()).toEqual(DEFAULT_RULES.knowledge.decisions.map((r) => r.id).sort());
  });
});

describe('the finer points, each on its own small case', () => {
  it('two shares on one day: the first in the merged order is cited; the receiver\'s earliest own record acknowledges it', () => {
    const t = caseTimeline([
      police(['01/03/2021 09:00,Verbal argument at the address; PPN to CSC,', '01/03/2021 10:00,Update on the argument of 01/03; copied to CSC,']),
      csc(['09/03/2021,Report of the argument on 01/03/2021,', '04/03/2021,PPN re argument of 01/03/2021 received,']),
    ], [refersTo('link-1', 'police-3', ['police-2'], ['Police']), refersTo('link-2', 'csc-2', ['police-2'], ['Police', CSC]), refersTo('link-3', 'csc-3', ['police-2'], ['Police', CSC])]);
    // csc.csv's rows: line 2 is 09/03, line 3 is 04/03: the earlier day acknowledges, whatever its line.
    expect(knowledge(t).learned.find((f) => f.agency === CSC)).toEqual({ incident: 'police-2', agency: CSC, how: 'shared', record: 'police-2', by: '2021-03-01', exact: true, days: 0, acknowledged: 'csc-3' });
  });

  it('incidents on one day are in the merged order; one dated only to a month, and a decision dated so, are not placed', () => {
    const t = caseTimeline([
      hv(['02/03/2021 09:00,Home visit; bruise seen,', '02/03/2021 15:00,Phone call; mother upset,', 'Mar-21,Note of a concern,', 'Apr-21,Case closed,']),
    ]);
    const k = knowledge(t, { ...L, tags: { 'hv-3': 'incident', 'hv-2': 'incident', 'hv-4': 'incident' } });
    expect(k.incidents.map((i) => i.id)).toEqual(['hv-2', 'hv-3']);
    expect(k.notPlaced).toEqual(['hv-4', 'hv-5']);
    expect(k.decisions).toEqual([]);
  });

  it('a referral to someone who is none of the chronology\'s agencies shares with no agency', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address. IDVA referral to MARAC,']),
      csc(['20/03/2021,Home visit,']),
    ]);
    const k = knowledge(t, { ...L, tags: { 'police-2': 'incident' } });
    expect(k.learned.map((f) => f.agency)).toEqual(['Police']);
  });

  it('a decision that is not a meeting\'s stays its own agency\'s, even in a meeting\'s group', () => {
    const t = caseTimeline([
      csc(['10/03/2021,Joint visit with police,Case closed']),
      police(['10/03/2021,Joint visit with SW,']),
    ], [sameEvent('link-1', ['csc-2', 'police-2'], [CSC, 'Police'], "Joint visit on 10/03/2021, recorded by Children's Social Care and Police")]);
    expect(knowledge(t).decisions.map((d) => [d.event, d.kind])).toEqual([['csc-2', 'closure']]);
  });

  it('a decision on the incident\'s own day, before the agency knew: the incident is not known at one of its decisions', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address,']),
      csc(['01/03/2021,Contact re housing,NFA', '02/03/2021,Police report of the argument on 01/03/2021,']),
    ], [refersTo('link-1', 'csc-3', ['police-2'], ['Police', CSC])]);
    const k = knowledge(t);
    expect(k.decisions.map((d) => [d.event, d.known, d.notKnown])).toEqual([['csc-2', 0, 1]]);
    expect(k.agencies.find((a) => a.agency === CSC)).toEqual({ agency: CSC, known: 1, learnedFromOthers: 1, medianLag: 1, decisions: 1, notKnownAtDecisions: ['police-2'] });
  });

  it('the median of three is the middle one', () => {
    const t = caseTimeline([
      police(['01/03/2021,Verbal argument at the address,', '01/04/2021,Shouting reported at the address,', '01/05/2021,Neighbour reports a fight,']),
      csc(['02/03/2021,Police report of the argument on 01/03/2021,', '11/04/2021,Police report of shouting on 01/04/2021,', '05/05/2021,Police report of the fight on 01/05/2021,']),
    ], [refersTo('link-1', 'csc-2', ['police-2'], ['Police', CSC]), refersTo('link-2', 'csc-3', ['police-3'], ['Police', CSC]), refersTo('link-3', 'csc-4', ['police-4'], ['Police', CSC])]);
    // CSC learned after 1, 10 and 4 days: sorted 1, 4, 10.
    expect(knowledge(t).agencies.find((a) => a.agency === CSC)!.medianLag).toBe(4);
  });
});

describe('an agency the rules do not know is named by its own name, from three letters', () => {
  it.each([['Ab', false], ['Abc', true], ['Abcd', true]] as const)('"%s" named: %s', (name, named) => {
    const t = caseTimeline([
      police([`01/03/2021,Verbal argument at the address; shared with ${name},`]),
      { file: 'x.csv', agency: name, header: 'Date,Event,Outcome', rows: ['20/03/2021,Session,'] },
    ]);
    const k = knowledge(t, { ...L, tags: { 'police-2': 'incident' } });
    expect(k.learned.some((f) => f.agency === name)).toBe(named);
  });
});

describe('a timeline read back from JSON (the CLI\'s merged.json, the server\'s store): the same answer, one sweep', () => {
  // `pairs` strategy discussions, each recorded by the police (with its outcome) and by CSC, one
  // same-event group each, on days of their own; and an earlier record the last CSC record reports.
  const pairs = 60;
  const day = (k: number) => `${String(1 + (k % 28)).padStart(2, '0')}/${String(1 + Math.floor(k / 28)).padStart(2, '0')}/2021`;
  const build = () => caseTimeline([
    police(Array.from({ length: pairs }, (_, k) => `${day(k)},Strategy discussion with CSC,Agreed NFA`)),
    csc([...Array.from({ length: pairs }, (_, k) => `${day(k)},Strategy discussion with police,`), `${day(pairs)},Police report of the discussion on ${day(0)},`]),
  ], [
    ...Array.from({ length: pairs }, (_, k) => sameEvent(`link-${k}`, [`police-${k + 2}`, `csc-${k + 2}`], ['Police', CSC], `Strategy discussion on ${day(k)}`)),
    refersTo('link-r', `csc-${pairs + 2}`, ['police-2'], ['Police', CSC]),
  ]);

  it('gives the knowledge the freshly merged timeline gives, byte for byte', () => {
    const fresh = knowledge(build());
    const readBack = knowledge(JSON.parse(JSON.stringify(build())) as Timeline);
    // Every meeting's decision is both recording agencies' (the CSC records say no outcome).
    expect(fresh.decisions.length).toBe(2 * pairs);
    expect(fresh.decisions.filter((d) => d.agency === CSC).length).toBe(pairs);
    // The reported discussion is one incident of both its records (CSC's first: on one day, in the agency order).
    expect(fresh.incidents.map((i) => i.events)).toEqual([['csc-2', 'police-2']]);
    expect(JSON.stringify(readBack)).toBe(JSON.stringify(fresh));
  });

  it('reads the records a few times each, not once for every link', () => {
    const t = JSON.parse(JSON.stringify(build())) as Timeline;
    let reads = 0;
    const events = new Proxy(t.events, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const ctx = buildContext({ ...t, events }, DEFAULT_RULES, ['L']);
    const k = agencyKnowledge(ctx, [], []);
    expect(k.decisions.length).toBe(2 * pairs);
    // Context and knowledge together: a handful of reads per record (measured about 5). A sweep
    // through the records for each of the 60 links is about 37 per record (measured before it was fixed).
    expect(reads).toBeGreaterThan(t.events.length);
    expect(reads).toBeLessThan(8 * t.events.length);
  });
});

describe('the sharing words: read once a record, for the network and for what each agency knew', () => {
  const t = caseTimeline([
    police([
      '10/06/2021,DA incident at the address. PPN to CSC and GP,', '11/06/2021,Informed mum of the outcome,', '12/06/2021,Patrol past the address,',
      '13/06/2021,Welfare check. Shared with GP. Later emailed CSC,', '14/06/2021,PPN to CSC,',
    ]),
    csc(['14/06/2021,Home visit,']),
    gp(['15/06/2021,Routine appointment,']),
  ]);
  const at = (id: string) => t.events.findIndex((e) => e.id === id);

  it('keeps the answer the network read, an edge to every agency named', () => {
    const ctx = buildContext(t, DEFAULT_RULES, ['L']);
    expect(t.agencyOrder).toEqual([CSC, 'GP', 'Police']);
    const net = sharingNetwork(ctx, []);
    // "PPN to CSC and GP" passed it to both; so did "Shared with GP. Later emailed CSC".
    expect(net.edges.filter((e) => e.kind === 'shared').map((e) => `${e.from} -> ${e.to} ${e.events.join(' ')}`))
      .toEqual([`Police -> ${CSC} police-2 police-5 police-6`, 'Police -> GP police-2 police-5']);
    // Two agencies in one clause: both kept, in the order named.
    expect(ctx.shares[at('police-2')]).toBe(SHARES_MANY);
    const whole = ctx.sharedTo.get(at('police-2'));
    expect(whole).toEqual([CSC, 'GP']);
    // A second sharing word after the first agency: read too.
    expect(ctx.shares[at('police-5')]).toBe(SHARES_MANY);
    expect(ctx.sharedTo.get(at('police-5'))).toEqual(['GP', CSC]);
    // One agency: its place in the agency order, no map entry.
    expect(ctx.shares[at('police-6')]).toBe(SHARES_ONE + 0);
    expect(ctx.sharedTo.has(at('police-6'))).toBe(false);
    expect(ctx.sharedTo.size).toBe(2);
    // Asked again (as what each agency knew asks, once for each incident the record is in): the kept answer, not a second read.
    expect(sharedWith(ctx, at('police-2'))).toBe(whole);
    const one = sharedWith(ctx, at('police-6'));
    expect(one).toEqual([CSC]);
    expect(sharedWith(ctx, at('police-6'))).toBe(one);
  });

  it('an agency named after "by" or "from" is where it came from, not where it went', () => {
    const from = caseTimeline([
      police(['10/06/2021,DA incident at the address,']),
      { file: 'school.csv', agency: 'School', header: 'Date,Event,Outcome', rows: [
        '11/06/2021,Op Encompass notification (emailed by police),', '12/06/2021,Notification received from police,',
        '13/06/2021,Concern shared with police,', '14/06/2021,Emailed police and CSC,', '15/06/2021,Copied to CSC from police,',
        '16/06/2021,CSC informed by police,', '16/06/2021,CSC informed by email,',
      ] },
      csc(['17/06/2021,Home visit,']),
    ]);
    const ctx = buildContext(from, DEFAULT_RULES, ['L']);
    const shared = (id: string) => sharedWith(ctx, from.events.findIndex((e) => e.id === id));
    // "by" and "from": the police sent it.
    expect(shared('school-2')).toEqual([]);
    expect(shared('school-3')).toEqual([]);
    // Straight after the sharing words, or with "and" between: passed to them.
    expect(shared('school-4')).toEqual(['Police']);
    expect(shared('school-5')).toEqual(['Police', CSC]);
    // Copied to CSC, which is where it went; the police it came from are not.
    expect(shared('school-6')).toEqual([CSC]);
    // The agency named just before the words was informed: by this record's agency ("by email"),
    // or by the agency named after "by", which is then no sharing of this record's.
    expect(shared('school-8')).toEqual([CSC]);
    expect(shared('school-7')).toEqual([]);
  });

  it('gives the same answer asked first by what each agency knew as by the network', () => {
    const fresh = buildContext(t, DEFAULT_RULES, ['L']);
    expect(['police-2', 'police-5', 'police-6'].map((id) => sharedWith(fresh, at(id)))).toEqual([[CSC, 'GP'], ['GP', CSC], [CSC]]);
    expect(fresh.sharedTo.size).toBe(2);
  });

  it('namedAgencies with `before`: only the agencies named before that place (the clause a sharing word opens)', () => {
    const ctx = buildContext(t, DEFAULT_RULES, ['L']);
    const text = 'PPN to CSC. Later GP rang';
    const police = ctx.events.findIndex((e) => e.agency === 'Police');
    const names = (before?: number) => ctx.namedAgencies(text, police, 0, Number.POSITIVE_INFINITY, before).map((n) => n.agency);
    expect(text.indexOf('CSC')).toBe(7);
    expect(names()).toEqual([CSC, 'GP']);
    expect(names(text.indexOf('.'))).toEqual([CSC]);
    // At the edge: named at 7 is not before 7; before 8 it is.
    expect(names(7)).toEqual([]);
    expect(names(8)).toEqual([CSC]);
    expect(names(text.indexOf('GP') + 1)).toEqual([CSC, 'GP']);
  });

  it('knows, once read, which records passed nothing on: no sharing words, or sharing words naming no agency', () => {
    const ctx = buildContext(t, DEFAULT_RULES, ['L']);
    expect(Array.from(ctx.shares)).toEqual(new Array(t.events.length).fill(SHARES_UNREAD));
    sharingNetwork(ctx, []);
    // "Informed mum": a sharing word, no agency; "Patrol": none.
    expect([at('police-3'), at('police-4')].map((i) => ctx.shares[i])).toEqual([SHARES_NOTHING, SHARES_NOTHING]);
    expect(ctx.shares[at('police-2')]).toBe(SHARES_MANY);
    expect(sharedWith(ctx, at('police-3'))).toEqual([]);
    expect(sharedWith(ctx, at('police-4'))).toEqual([]);
  });

  it('the facts shared from the record are the same whether the network read it first or not', () => {
    const tagged = { tags: { 'police-2': 'incident' as const } };
    const alone = (() => { const ctx = buildContext(t, DEFAULT_RULES, ['L']); return agencyKnowledge(ctx, [], [], ['police-2']); })();
    const after = (() => { const ctx = buildContext(t, DEFAULT_RULES, ['L']); sharingNetwork(ctx, []); return agencyKnowledge(ctx, [], [], ['police-2']); })();
    const shown = (k: typeof alone) => k.learned.map((f) => `${f.agency}: ${f.how} ${f.record} ${f.by}`);
    // In the agency order (the chronology's: Children's Social Care, GP, Police).
    expect(t.agencyOrder).toEqual([CSC, 'GP', 'Police']);
    expect(shown(alone)).toEqual([`${CSC}: shared police-2 2021-06-10`, 'GP: shared police-2 2021-06-10', 'Police: recorded police-2 2021-06-10']);
    expect(shown(after)).toEqual(shown(alone));
    expect(knowledge(t, { ...L, ...tagged }).learned.map((f) => `${f.agency}: ${f.how}`)).toEqual([`${CSC}: shared`, 'GP: shared', 'Police: recorded']);
  });
});

describe('what each agency knew, called without the places of the findings it takes', () => {
  it('gives the answer analyse gives, finding the pattern and referral records by one sweep', () => {
    const t = demoTimeline();
    const child = ['L', 'Lacey'];
    const a = analyse(t, { child });
    const k = agencyKnowledge(buildContext(t, DEFAULT_RULES, child), a.patterns, a.referrals);
    expect(JSON.stringify(k)).toBe(JSON.stringify(a.knowledge));
    // Not an empty comparison: the demo has pattern incidents and facts shared by a referral record.
    const referralRecords = new Set(a.referrals.map((r) => r.event));
    expect(a.knowledge.incidents.some((i) => i.why.some((w) => w.kind === 'pattern'))).toBe(true);
    expect(a.knowledge.learned.some((f) => f.how === 'shared' && referralRecords.has(f.record))).toBe(true);
  });
});

/**
 * Which part of a record a rule reads (`field`): the whole text by default; the record's type
 * where its file has a type column and the cell is filled (else its whole text); the summary; the
 * outcome. Police call-outs for domestic abuse follow the incident type.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { DEFAULT_RULES, validateRules } from '../../src/analytics/rules.js';
import { caseTimeline } from './cases.js';

const POLICE_HEADER = 'Date,Incident Type,Details,Action Taken';

describe('domestic-abuse call-outs follow the police incident type', () => {
  const police = caseTimeline([{
    file: 'police.csv', agency: 'Police', header: POLICE_HEADER, rows: [
      '01/03/2021,Domestic Incident,Verbal argument between mother and partner,DASH standard',         // police-2: type says domestic
      '05/03/2021,Concern for Welfare,Previous domestic incidents at the address noted,Words of advice', // police-3: an old incident mentioned
      '09/03/2021,Meeting – Strategy Discussion,Strategy discussion re the domestic abuse,Section 47',   // police-4: a meeting
      '13/03/2021,Domestic – Crime (Assault),Partner arrested; DVPN served,Bailed',                     // police-5: type says domestic
      '17/03/2021,Domestic Violence Protection Notice,DVPN served on the partner,',                      // police-6: a protection notice
      '21/03/2021,,DA incident: argument at the address,DASH medium',                                    // police-7: no type: the whole text
      '25/03/2021,,ICPC: police shared the history of domestic incidents,',                              // police-8: no type, a meeting
      '29/03/2021,Concern for Welfare,Children left alone; no domestic concerns,NFA',                    // police-9: type is not domestic
    ],
  }]);
  const callouts = analyse(police).patterns.filter((p) => p.rule === 'domestic-abuse-callouts');
  it('counts the records whose type says domestic, and by their text those without a type', () => {
    expect(callouts).toEqual([{
      rule: 'domestic-abuse-callouts', title: 'Police call-outs for domestic abuse', kind: 'escalation',
      events: ['police-2', 'police-5', 'police-7'], count: 3, from: '2021-03-01', to: '2021-03-21', intervals: [12, 8], escalating: false,
    }]);
  });
  it('read by the whole text instead, old incidents count and a call-out whose text names a DVPN is lost', () => {
    const rules = validateRules({ patterns: DEFAULT_RULES.patterns.map(({ field: _field, ...rule }) => rule) }, 'rules.json');
    const byText = analyse(police, { rules }).patterns.find((p) => p.rule === 'domestic-abuse-callouts')!;
    expect(byText.events).toEqual(['police-2', 'police-3', 'police-7', 'police-9']);
  });
  it('a follow-up typed domestic is no call-out: a crime update, a risk review, an interview, intelligence, a disclosure', () => {
    const typed = (types: string[]) => analyse(caseTimeline([{ file: 'police.csv', agency: 'Police', header: POLICE_HEADER, rows: [
      '01/03/2021,Domestic Incident - Physical,Call to the address: partner pushed mother,DASH medium', ...types.map((t, i) => `0${i + 2}/03/2021,${t},Follow-up to the incident of 01/03,`),
    ] }])).patterns.filter((p) => p.rule === 'domestic-abuse-callouts').map((p) => p.events);
    expect(typed(['Crime Update - Domestic', 'Domestic - Risk Review', 'Interview - Domestic Assault', 'Intelligence - Domestic', "Clare's Law Disclosure (Domestic)"])).toEqual([]);
    // The same record typed as an incident is one.
    expect(typed(['Domestic Incident - Verbal'])).toEqual([['police-2', 'police-3']]);
  });
  it('one call-out is no pattern; two are (min 2)', () => {
    const two = (rows: string[]) => analyse(caseTimeline([{ file: 'police.csv', agency: 'Police', header: POLICE_HEADER, rows }]))
      .patterns.filter((p) => p.rule === 'domestic-abuse-callouts').map((p) => p.events);
    expect(two(['01/03/2021,Domestic Incident,Argument,', '02/03/2021,Concern for Welfare,Domestic history noted,'])).toEqual([]);
    expect(two(['01/03/2021,Domestic Incident,Argument,', '02/03/2021,DA incident,Argument,'])).toEqual([['police-2', 'police-3']]);
  });
});

describe('a rule reads its field', () => {
  const t = caseTimeline([{
    file: 'hv.csv', agency: 'Health Visiting', header: 'Date,Contact Type,Summary,Outcome', rows: [
      '01/03/2021,Home visit,Visit: letter left,Seen later',  // hv-2: "letter" in the summary only
      '02/03/2021,Letter,Appointment booked,',               // hv-3: "letter" in the type only
      '03/03/2021,Clinic,Weighed,Letter to GP',              // hv-4: "letter" in the outcome only
    ],
  }]);
  const letters = (field?: string) => {
    const rule = { id: 'letters', kind: 'repeat', title: 'Letters', match: 'letter', min: 1, ...(field ? { field } : {}) };
    return analyse(t, { rules: validateRules({ patterns: [rule] }, 'rules.json') }).patterns.flatMap((p) => p.events);
  };
  it.each([
    [undefined, ['hv-2', 'hv-3', 'hv-4']], ['text', ['hv-2', 'hv-3', 'hv-4']],
    ['type', ['hv-3']], ['summary', ['hv-2']], ['outcome', ['hv-4']],
  ])('field %s', (field, events) => expect(letters(field)).toEqual(events));
  it('a pattern anchored at the start of the summary matches there, which the whole text (type first) does not', () => {
    const seen = (field?: string) => analyse(t, {
      child: ['L'], rules: validateRules({ seen: [{ id: 'visit', decision: 'seen', match: '^visit', ...(field ? { field } : {}) }] }, 'rules.json'),
    }).sightings;
    expect(seen('summary')).toEqual([{ event: 'hv-2', decision: 'seen', rule: 'visit', onKnownDay: true }]);
    expect(seen()).toEqual([]);
  });
  it('a threshold reads its number from its field', () => {
    const school = caseTimeline([{ file: 'school.csv', agency: 'School', header: 'Date,Concern,Action by DSL', rows: ['01/03/2021,Attendance 95%,Attendance 80% last term'] }]);
    const rule = (field: string) => validateRules({ patterns: [{ id: 'att', kind: 'threshold', title: 'A', match: 'attendance (\\d+)%', below: 90, field }] }, 'rules.json');
    expect(analyse(school, { rules: rule('outcome') }).patterns.map((p) => p.values)).toEqual([[{ event: 'school-2', value: 80 }]]);
    expect(analyse(school, { rules: rule('summary') }).patterns).toEqual([]);
  });
});

describe('field, firstHand and people are checked with the rest of the rules', () => {
  it.each([
    [{ patterns: [{ id: 'p', kind: 'repeat', title: 'T', match: 'x', min: 2, field: 'details' }] }, 'patterns[0].field', 'type | summary | outcome | text'],
    [{ seen: [{ id: 's', decision: 'seen', match: 'x', field: 7 }] }, 'seen[0].field', 'type | summary | outcome | text'],
    [{ patterns: [{ id: 'p', kind: 'repeat', title: 'T', match: 'x', min: 2, firstHand: 'yes' }] }, 'patterns[0].firstHand', 'true or false'],
    [{ seen: [{ id: 's', decision: 'seen', match: 'x', firstHand: 1 }] }, 'seen[0].firstHand', 'true or false'],
    [{ people: { roles: '(', notNames: 'x' } }, 'people.roles', 'a regular expression'],
    [{ people: { roles: 'mother' } }, 'people.notNames', 'a regular expression'],
  ])('%# names %s', (rules, key, expected) => {
    expect(() => validateRules(rules, 'rules.json')).toThrow(expect.objectContaining({
      code: 'rules-invalid', message: expect.stringContaining(`"${key}" is invalid: expected ${expected}`),
    }));
  });
  it('keeps a valid field and firstHand as given', () => {
    const rules = validateRules({ seen: [{ id: 's', decision: 'seen', match: 'x', field: 'outcome', firstHand: false }] }, 'rules.json');
    expect(rules.seen).toEqual([{ id: 's', decision: 'seen', match: 'x', field: 'outcome', firstHand: false }]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { parseScope } from '../../src/ingest/arguments.js';
import { contentWords, DEFAULT_LINK_RULES, hashWord, validateLinkRules, wordHashes } from '../../src/timeline/links.js';
import { timelineJsonChunks } from '../../src/export/json.js';
import type { AgencyChronology } from '../../src/model/types.js';
import { runs } from '../helpers/runs.js';

const read = (file: string, lines: string[], agency?: string): AgencyChronology =>
  ingest({ file, content: lines.join('\n') }, agency ? { agency } : {});

const police = (): AgencyChronology => read('police.csv', [
  'Date/Time,Details',
  '14/03/2021 22:15,Call to the address: shouting heard',
  '15/03/2021,Strategy discussion with CSC and health visitor',
  '15/03/2021 10:00,Crime report completed',
  'April 2021,Officer recalls a further visit',
  'TBC,Undated note',
]);

describe('merged order', () => {
  const csc = read('csc.csv', [
    'Date,Seq,Event',
    '15/03/2021,2,Strat meeting held (Police & HV present)',
    '15/03/2021,1,Referral received from hospital',
    '01/04/2021,1,Case allocated',
  ], "Children's Social Care");
  const t = merge([police(), csc]);
  const order = t.events.map((e) => e.id);
  it('is by date, untimed before timed, agency order, then sequence within a file', () => {
    expect(order).toEqual(['police-2', 'csc-3', 'csc-2', 'police-3', 'police-4', 'police-5', 'csc-4', 'police-6']);
  });
  it('puts a month at the start of its period, before the days of that date, and flags it', () => {
    const april = t.events.find((e) => e.id === 'police-5')!;
    expect(april.flags).toContain('period-start');
    // April 2021 goes just before 01/04/2021 (an index of -1, for a missing id, would not pass).
    expect([order.indexOf('police-5'), order.indexOf('csc-4')]).toEqual([5, 6]);
  });
  it('puts undated events last', () => expect(order.at(-1)).toBe('police-6'));
  it('follows a user agency order on ties', () => {
    const u = merge([police(), csc], { agencyOrder: ['Police'] });
    expect(u.agencyOrder).toEqual(['Police', "Children's Social Care"]);
    expect(u.events.map((e) => e.id).slice(1, 4)).toEqual(['police-3', 'csc-3', 'csc-2']);
  });
});

describe('files in ascending, descending or no order merge the same', () => {
  const rows = [
    '01/02/2021,Visit one', '01/02/2021,Visit two', '03/02/2021 10:00,Call', '03/02/2021 09:00,Earlier call',
    '05/02/2021,Letter', 'March 2021,Sometime in March', '02/03/2021,Home visit',
  ];
  const sorted = ['01/02/2021,Visit one', '01/02/2021,Visit two', '03/02/2021 09:00,Earlier call', '03/02/2021 10:00,Call', '05/02/2021,Letter', 'March 2021,Sometime in March', '02/03/2021,Home visit'];
  const summaries = (lines: string[]): string[] => merge([read('gp.csv', ['Date,Event', ...lines])]).events.map((e) => e.summary);
  it('ascending', () => expect(summaries(sorted)).toEqual(sorted.map((r) => r.split(',')[1])));
  it('descending (newest first, same-day rows in reverse)', () => {
    const t = merge([read('gp.csv', ['Date,Event', ...[...sorted].reverse()])]);
    expect(t.files[0]!.order).toBe('descending');
    expect(t.events.map((e) => e.summary)).toEqual(sorted.map((r) => r.split(',')[1]));
  });
  it('no order: everything with a distinct date or time lands in the same place', () => {
    const shuffled = [rows[4]!, rows[0]!, rows[6]!, rows[2]!, rows[1]!, rows[5]!, rows[3]!];
    const t = merge([read('gp.csv', ['Date,Event', ...shuffled])]);
    expect(t.files[0]!.order).toBe('unordered');
    expect(t.issues.map((i) => i.code)).toContain('file-unordered');
    expect(t.events.map((e) => e.summary)).toEqual(sorted.map((r) => r.split(',')[1]));
  });
});

describe('review scope', () => {
  const gp = (): AgencyChronology => read('gp.csv', ['Date,Event', '15/12/2020,Before', 'December 2020,Month straddling nothing', '2021,Year overlapping', '10/01/2021,Inside', '05/01/2022,After', 'TBC,Undated']);
  it('excludes events wholly outside and counts them per file', () => {
    const t = merge([gp()], { from: '2021-01-01', to: '2021-12-31' });
    expect(t.events.map((e) => e.summary)).toEqual(['Year overlapping', 'Inside', 'Undated']);
    expect(t.files[0]).toMatchObject({ rows: 6, events: 5, unusable: 1, outOfScope: 3 });
    expect(t.stats.outOfScope).toBe(3);
    expect(t.scope).toEqual({ from: '2021-01-01', to: '2021-12-31', includeOutOfScope: false });
  });
  it('reads --to 2021 as the end of 2021 and keeps events when asked, marked', () => {
    expect(parseScope('2021', '2021')).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(parseScope('April 2021', '14/03/2022')).toEqual({ from: '2021-04-01', to: '2022-03-14' });
    expect(parseScope('February 2024', 'February 2024')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    const t = merge([gp()], { ...parseScope('2021', '2021'), includeOutOfScope: true });
    expect(t.scope).toMatchObject({ from: '2021-01-01', to: '2021-12-31' });
    expect(t.events).toHaveLength(6);
    expect(t.events.filter((e) => e.flags.includes('out-of-scope')).map((e) => e.summary)).toEqual(['Month straddling nothing', 'Before', 'After']);
  });
  it('refuses an unreadable or reversed scope with a coded error', () => {
    expect(() => parseScope('soon', undefined)).toThrow(expect.objectContaining({ code: 'scope-invalid' }));
    expect(() => parseScope('2022', '2021')).toThrow(/ends \(2021\) before it starts \(2022\)/);
    // The merge takes days: a written date, an impossible day or a reversed pair is refused.
    expect(() => merge([gp()], { from: '2021' })).toThrow(/expected a day written yyyy-mm-dd/);
    expect(() => merge([gp()], { to: '2021-02-29' })).toThrow(expect.objectContaining({ code: 'scope-invalid' }));
    expect(() => merge([gp()], { from: '2022-01-01', to: '2021-12-31' })).toThrow(/ends \(2021-12-31\) before it starts \(2022-01-01\)/);
    expect(merge([gp()], { from: '2021-12-31', to: '2021-12-31' }).scope).toMatchObject({ from: '2021-12-31', to: '2021-12-31' });
  });
});

describe('cross-agency links', () => {
  const hv = read('health_visiting.csv', [
    'Date of Contact,Contact Type,Summary',
    '15/03/2021,Meeting,Attended strategy meeting by phone; concerns about bruising shared',
    '22/04/2021,ICPC,Attended Initial Child Protection Conference. Child made subject of CP plan',
    '22/04/2021,Home visit,Child seen and weighed',
  ]);
  const csc = read('csc.csv', [
    'Date,Event',
    '15/03/2021,Strat disc: police + HV; threshold for s47 met',
    '22/04/2021,ICPC held - CP plan under category of physical abuse',
    '23/04/2021,Core group arranged',
  ], "Children's Social Care");
  const gp = read('gp.csv', ['Consultation Date,Entry', '22/04/2021,"Report sent to child protection conference, GP unable to attend"', '22/04/2021,Mother seen re back pain']);
  const school = read('school.csv', ['Date,Concern', '22/04/2021,DSL attended the initial child protection conference']);
  const hospital = read('hospital_ed.csv', ['ARRIVAL_DATE,Arrival Time,Presenting Complaint', '2021-03-14,22:05,Head injury - fell from sofa per mother']);
  const referral = read('referrals.csv', ['Date,Time,Event', '15/03/2021,08:30,"Referral received from ED: head injury to 2 year old, fell from sofa"'], "Children's Social Care");
  const t = merge([police(), hv, csc, gp, school, hospital, referral]);
  /** The link holding a record; the record must exist, so an id mistyped cannot pass as "not linked". */
  const groupOf = (id: string) => {
    expect(t.events.map((e) => e.id), `no event ${id}`).toContain(id);
    return t.links.find((l) => l.events.includes(id));
  };

  it('groups a strategy discussion recorded in three agencies\' own words', () => {
    const g = groupOf('police-3')!;
    expect(g.events.sort()).toEqual(['csc-2', 'health-visiting-2', 'police-3']);
    expect(g).toMatchObject({ confidence: 'high' });
    expect(g.reason).toMatch(/^Strategy discussion on 15\/03\/2021, recorded by /);
  });
  it('groups a child protection conference recorded by three agencies, not the GP\'s report sent for it', () => {
    const g = groupOf('school-2')!;
    expect(g.events.sort()).toEqual(['csc-3', 'health-visiting-3', 'school-2']);
    expect(g.agencies).toHaveLength(3);
    expect(groupOf('gp-2')).toBeUndefined();
  });
  it('keeps every record: linking never removes an event', () => {
    expect(t.events).toHaveLength(t.files.reduce((n, f) => n + f.rows, 0));
  });
  it('does not link different events on the same or the next day', () => {
    const sameEvent = (id: string) => groupOf(id)?.kind === 'same-event';
    // The referral received from ED reports the attendance of the night before: never the same event.
    expect(sameEvent('hospital-ed-2')).toBe(false);
    expect(sameEvent('referrals-2')).toBe(false);
    expect(t.links.find((l) => l.from === 'referrals-2')).toMatchObject({ kind: 'refers-to', to: ['hospital-ed-2'] });
    expect(groupOf('health-visiting-4')).toBeUndefined();
    expect(groupOf('gp-3')).toBeUndefined();
    expect(groupOf('csc-4')).toBeUndefined();
  });
  it('links same-day records with similar wording, medium confidence, saying why', () => {
    const a = read('a.csv', ['Date,Event', '10/05/2021,"Home visit with police: bedroom unsafe, broken window, no bedding for the baby"']);
    const b = read('b.csv', ['Date,Event', '10/05/2021,"Visit to the home with CSC. Broken window in bedroom, baby had no bedding"']);
    const c = read('c.csv', ['Date,Event', '10/05/2021,Dental appointment attended']);
    const u = merge([a, b, c]);
    expect(u.links).toHaveLength(1);
    expect(u.links[0]).toMatchObject({ events: ['a-2', 'b-2'], confidence: 'medium' });
    expect(u.links[0]!.reason).toMatch(/similar wording \(.*bedding.*\)/);
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for the same input', () => {
    const once = (): string => [...timelineJsonChunks(merge([police(), read('gp.csv', ['Date,Event', '15/03/2021,Strategy meeting notes received'])]))].join('');
    expect(once()).toBe(once());
    expect(JSON.parse(once()).version).toBe('1.1');
  });
});

describe('link rules are data', () => {
  it('accepts an edited copy and uses it', () => {
    const rules = validateLinkRules({ ...DEFAULT_LINK_RULES, meetings: [{ name: 'family group conference', pattern: '\\bfgc\\b|family group conference' }] }, 'rules.json');
    const a = read('a.csv', ['Date,Event', '01/07/2021,FGC held at the family centre']);
    const b = read('b.csv', ['Date,Event', '01/07/2021,Attended family group conference']);
    expect(merge([a, b]).links).toHaveLength(0);
    expect(merge([a, b], { linkRules: rules }).links[0]).toMatchObject({ reason: 'Family group conference on 01/07/2021, recorded by A and B', confidence: 'high' });
  });
  it.each([
    [{ ...DEFAULT_LINK_RULES, meetings: [{ name: 'x', pattern: '(' }] }, 'meetings[0].pattern'],
    [{ ...DEFAULT_LINK_RULES, similarity: { ...DEFAULT_LINK_RULES.similarity, minOverlap: 2 } }, 'similarity.minOverlap'],
    [{ ...DEFAULT_LINK_RULES, similarity: { ...DEFAULT_LINK_RULES.similarity, minJaccard: 0.5 } }, 'similarity.minJaccard'],
    [{ ...DEFAULT_LINK_RULES, refersTo: { ...DEFAULT_LINK_RULES.refersTo, maxDaysBack: -1 } }, 'refersTo.maxDaysBack'],
    [{ ...DEFAULT_LINK_RULES, toldOf: '(' }, 'toldOf'],
    [{ ...DEFAULT_LINK_RULES, meetingMention: { ...DEFAULT_LINK_RULES.meetingMention, held: 7 } }, 'meetingMention.held'],
    [{ ...DEFAULT_LINK_RULES, meetingMention: { ...DEFAULT_LINK_RULES.meetingMention, attended: '[' } }, 'meetingMention.attended'],
    [{ ...DEFAULT_LINK_RULES, meetingMention: undefined }, 'meetingMention'],
    [{ ...DEFAULT_LINK_RULES, similarity: undefined }, 'similarity'],
    [{ ...DEFAULT_LINK_RULES, maxEventsPerDay: 'many' }, 'maxEventsPerDay'],
  ])('rejects a malformed file naming the key (%#)', (rules, key) => {
    expect(() => validateLinkRules(rules, 'rules.json')).toThrow(expect.objectContaining({ code: 'link-rules-invalid', message: expect.stringContaining(`"${key}"`) }));
  });
  it('says so when a day has more events than linking compares', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `02/07/2021,Entry number ${i}`);
    const t = merge([read('a.csv', ['Date,Event', ...rows])], { linkRules: { ...DEFAULT_LINK_RULES, maxEventsPerDay: 4 } });
    expect(t.issues.map((i) => i.code)).toContain('link-day-too-busy');
  });
});

describe('content words', () => {
  it('are words of what happened: no reference number, time or date', () => {
    expect(contentWords('Ref KRI24-011422 at 2142 on 14/01/2024: cut to forearm, 3rd attendance')).toEqual(['ref', 'cut', 'forearm', 'attendance']);
  });
  it.each([
    'Home visit with police: bedroom unsafe, broken window, no bedding for the baby',
    'ICPC held – CP plan; Zoë’s flat visited; glasses/classes ss s',
    'Referrals REFERRED referral 2021 A&E attendances',
    'Ref KRI24-011422 at 2142 on 14/01/2024, room 4b',
    Array.from({ length: 700 }, (_, i) => `word${i}`).join(' '),
  ])('the fast hashes are the hashes of the words (%#)', (text) => {
    expect(wordHashes(text)).toEqual([...new Set(contentWords(text).map(hashWord))].sort((a, b) => a - b));
  });
  it('agree with the words on any text, whatever its characters (accents, emoji, lone surrogates)', () => {
    const piece = fc.oneof(fc.constantFrom('visit', 'Zoë', 'café', 'naïve', '’s', '–', '😀', '\ud800', '\udc00', 'ÿes', 'ǅa', 'İstanbul', 'ﬁle', 'strasse', 'STRAßE'),
      fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom(' ', '', '-', '\n'), (parts, glue) => {
      const text = parts.join(glue);
      expect(wordHashes(text)).toEqual([...new Set(contentWords(text).map(hashWord))].sort((a, b) => a - b));
    }), { numRuns: runs(2000) });
  });
});

describe('a saved merge read back', () => {
  it('refuses an event whose agency is not in agencyOrder, naming both', async () => {
    const { timelineFromJson } = await import('../../src/timeline/read.js');
    const t = JSON.parse(JSON.stringify(merge([police()])));
    expect(timelineFromJson(t, 'merged.json').events).toHaveLength(t.events.length);
    t.agencyOrder = [];
    expect(() => timelineFromJson(t, 'merged.json')).toThrow(expect.objectContaining({ code: 'timeline-invalid', message: expect.stringContaining('events[0].agency "Police" is not in "agencyOrder"') }));
  });
});

/**
 * Columns known by what they hold, not only by their headings; the team inside one agency; the
 * precision a date heading gives. Every expectation below is worked out by hand from the text.
 */
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { HEADER_SEARCH_ROWS, SAMPLE_ROWS, locateHeader, mapColumns } from '../../src/ingest/columns.js';
import { parseTable } from '../../src/ingest/table.js';
import { validateProfiles } from '../../src/ingest/profile.js';
import { FREE_TEXT_MIN_MEAN_LENGTH, FREE_TEXT_OVER_TYPE, MOSTLY, isTeamName } from '../../src/ingest/values.js';
import type { IngestOptions } from '../../src/ingest/ingest.js';
import type { AgencyChronology } from '../../src/model/types.js';

const read = (file: string, lines: readonly string[], options: IngestOptions = {}): AgencyChronology =>
  ingest({ file, content: new TextEncoder().encode(lines.join('\n')) }, options);
const roles = (c: AgencyChronology): string[] => c.report.columns.map((x) => `${x.role}${x.from ? ' (values)' : ''}`);
const codes = (c: AgencyChronology): Array<[number, string]> => c.issues.map((i) => [i.line, i.code]);
const refused = (file: string, lines: readonly string[]): void => {
  expect(() => read(file, lines)).toThrow(expect.objectContaining({ code: 'no-date-column', message: expect.stringContaining(file) }));
};
/** Free text exactly `n` characters long (n ≥ 11), with no comma and no space at its end. */
const textOf = (n: number): string => `Home visit ${'x'.repeat(n - 11)}`;

describe('the thresholds are the documented ones', () => {
  it('pins the constants the tests below sit on', () => {
    expect([HEADER_SEARCH_ROWS, SAMPLE_ROWS, MOSTLY, FREE_TEXT_MIN_MEAN_LENGTH, FREE_TEXT_OVER_TYPE]).toEqual([40, 200, 0.6, 20, 2]);
    expect(textOf(20)).toHaveLength(20);
  });
});

describe('a safeguarding-system export with no known date or event heading', () => {
  const c = read('cpoms.csv', [
    "CPOMS export: St Anne's C of E Primary",                                                       // 1 title
    'Pupil,Logged On,Category,Note,Staff',                                                          // 2 header
    'Mason Brennan,14/03/2021 09:10,Welfare,Mum rang to say M was upset after a row at home,DSL',  // 3
    'Mason Brennan,15/03/2021 08:50,Attendance,Late again today and very tired in class,Class teacher', // 4
    'Mason Brennan,16/03/2021 12:15,Welfare,,DSL',                                                  // 5
    'Mason Brennan,17/03/2021 10:00,Contact,,',                                                     // 6
  ]);
  it('takes the header above the first dates and the date-time column from its values', () => {
    expect(c.report).toMatchObject({ headerLine: 2, preambleLines: 1, rows: 4, events: 4, unusable: 0 });
    // "Logged On" and "Note" are no known headings; "Category" (type) and "Staff" (practitioner) are.
    expect(roles(c)).toEqual(['extra', 'datetime (values)', 'type', 'summary (values)', 'practitioner']);
    expect(c.events.map((e) => e.date.start)).toEqual(['2021-03-14T09:10', '2021-03-15T08:50', '2021-03-16T12:15', '2021-03-17T10:00']);
  });
  it('takes the longest free text as the event text, never the category, which stays the type', () => {
    // Note: 47 and 40 characters (mean 43.5); Category: Welfare, Attendance, Welfare, Contact (mean 7.75, twice is 15.5).
    expect(c.events.slice(0, 2).map((e) => [e.summary, e.type])).toEqual([
      ['Mum rang to say M was upset after a row at home', 'Welfare'], ['Late again today and very tired in class', 'Attendance'],
    ]);
    expect(c.events.slice(2).map((e) => [e.summary, e.flags])).toEqual([
      ['Pupil: Mason Brennan; Category: Welfare; Staff: DSL', ['no-summary']], ['Pupil: Mason Brennan; Category: Contact', ['no-summary']],
    ]);
  });
  it('says once which heading was taken as what, and that a profile can override it', () => {
    expect(codes(c)).toEqual([[2, 'columns-from-values'], [5, 'summary-composed'], [6, 'summary-composed']]);
    expect(c.issues[0]).toMatchObject({
      severity: 'info',
      message: 'columns recognised by what they hold, not by their headings: "Logged On" as the date and time, "Note" as the event text. If that is wrong, a profile\'s "columns" can name each column\'s role (or "extra" to leave it out)',
    });
  });
  it('is overridden by a profile naming the columns', () => {
    const profiles = validateProfiles({ columns: { 'Logged On': 'date', Note: 'extra', Pupil: 'summary' } }, 'p.json');
    const p = ingest({ file: 'cpoms.csv', content: 'Pupil,Logged On,Category,Note,Staff\nMason Brennan,14/03/2021 09:10,Welfare,Mum rang,DSL\n' }, { profiles });
    expect(roles(p)).toEqual(['summary', 'date', 'type', 'extra', 'practitioner']);
    expect(p.issues.map((i) => i.code)).not.toContain('columns-from-values');
  });
});

describe('the event date by values', () => {
  it('a date column is found under a header that names no date, and a date cell alone does not make a row a header', () => {
    const c = read('x.csv', ['Seen,What happened', '21/02/2021,Visit', '22/02/2021,Call']);
    expect(roles(c)).toEqual(['date (values)', 'summary']);
    expect(c.events.map((e) => e.date.start)).toEqual(['2021-02-21', '2021-02-22']);
    // No row above the first date: no header, so not a chronology.
    refused('headless.csv', ['21/02/2021,Visit', '22/02/2021,Call']);
  });
  it('is never a column with the same day on every row (a date of birth), however it is headed', () => {
    const c = read('x.csv', ['Name,Flag date,Seen,What happened', 'Lacey,14/08/2019,21/02/2021,Visit', 'Lacey,14/08/2019,22/02/2021,Clinic']);
    expect(roles(c)).toEqual(['subjects', 'extra', 'date (values)', 'summary']);
    expect(c.events[0]!.extra).toEqual({ 'Flag date': '14/08/2019' });
    // Two rows with the same day: a repeated value, refused. One row cannot show it repeats: read.
    refused('dob.csv', ['Name,Flag date,What happened', 'Lacey,14/08/2019,Visit', 'Lacey,14/08/2019,Clinic']);
    expect(roles(read('one.csv', ['Name,Flag date,What happened', 'Lacey,14/08/2019,Visit']))).toEqual(['subjects', 'date (values)', 'summary']);
  });
  it('is never a date of birth, and a date the record was made only when no other column holds dates', () => {
    const c = read('x.csv', ['DOB,Date Recorded,Seen,What happened', '14/08/2019,01/03/2021,21/02/2021,Visit', '02/03/2014,02/03/2021,22/02/2021,Clinic']);
    expect(roles(c)).toEqual(['extra', 'extra', 'date (values)', 'summary']);
    // A case-management export whose only dates are when each note was made ("Created On").
    const made = read('made.csv', ['DOB,Date Recorded,What happened', '14/08/2019,01/03/2021,Visit', '02/03/2014,02/03/2021,Clinic']);
    expect(roles(made)).toEqual(['extra', 'date (values)', 'summary']);
    expect(made.events.map((e) => e.date.start)).toEqual(['2021-03-01', '2021-03-02']);
    refused('dob.csv', ['DOB,Date of Birth,What happened', '14/08/2019,14/08/2019,Visit', '02/03/2014,02/03/2014,Clinic']);
    refused('born.csv', ['Patient DOB,Born,What happened', '14/08/2019,14/08/2019,Visit', '02/03/2014,02/03/2014,Clinic']);
  });
  it('is a date planned ("Next Action Date", "Due Date") only when no other column holds dates', () => {
    // An EHE case log: each note dated when recorded, its next step planned beside it.
    const log = read('ehe.csv', ['Date Recorded,Officer,Case Note,Next Action,Next Action Date', '07/02/2023,SL,Notification from school,Letter to parent,20/02/2023', '13/02/2023,SL,Invite to CIN review,,', '20/02/2023,SL,Letter sent,Chase,13/03/2023']);
    expect(roles(log)).toEqual(['date (values)', 'practitioner', 'summary', 'extra', 'extra']);
    expect(log.events.map((e) => e.date.start)).toEqual(['2023-02-07', '2023-02-13', '2023-02-20']);
    expect(log.events[0]!.extra).toEqual({ 'Next Action': 'Letter to parent', 'Next Action Date': '20/02/2023' });
    // Beside a column with no known heading, the planned date still loses ("Due Date", "Follow-up date").
    // Leftmost, as a tie between two columns of dates is otherwise decided.
    expect(roles(read('due.csv', ['Due Date,Note,Logged', '15/03/2021,Visit,01/03/2021', '16/03/2021,Clinic,02/03/2021']))[2]).toBe('date (values)');
    expect(read('fu.csv', ['Follow-up date,Note,When logged', '15/03/2021,Visit,01/03/2021', '16/03/2021,Clinic,02/03/2021']).events.map((e) => e.date.start)).toEqual(['2021-03-01', '2021-03-02']);
    // The only dates there are: read, never refused (nothing lost).
    const only = read('only.csv', ['Officer,Note,Next Action Date', 'SL,Letter to parent,20/02/2023', 'SL,Chase,13/03/2023']);
    expect(roles(only)[2]).toBe('date (values)');
    expect(only.events.map((e) => e.date.start)).toEqual(['2023-02-20', '2023-03-13']);
    // A heading that merely holds "date" beside it is untouched: "Case Note Date" before "Date Recorded".
    expect(read('cn.csv', ['Date Recorded,Case Note Date,Note', '05/03/2021,01/03/2021,Visit', '06/03/2021,02/03/2021,Clinic']).events.map((e) => e.date.start)).toEqual(['2021-03-01', '2021-03-02']);
  });
  it('dates an attendance by its arrival: a departure or discharge time is kept under extra, no end', () => {
    const ed = read('ed.csv', ['Attendance No,Arrival Date,Arrival Time,Presenting Complaint,Departure Time', 'AE1,15/04/2023,2021,Overdose of paracetamol,2350']);
    expect(roles(ed)).toEqual(['extra', 'date', 'time', 'summary', 'extra']);
    expect(ed.events[0]!.date).toMatchObject({ start: '2023-04-15T20:21', precision: 'minute' });
    expect(ed.events[0]!.date.end).toBeUndefined();
    expect(ed.events[0]!.extra).toEqual({ 'Attendance No': 'AE1', 'Departure Time': '2350' });
    expect(roles(read('d.csv', ['Arrival Date,Arrival Time,Complaint,Discharge Time', '15/04/2023,2021,Overdose,2350']))[3]).toBe('extra');
    // An end time of anything else is the end: a meeting from 10:00 to 11:30.
    const meeting = read('m.csv', ['Date,Start Time,End Time,Event', '15/04/2023,10:00,11:30,Core group']);
    expect(meeting.events[0]!.date).toMatchObject({ start: '2023-04-15T10:00', end: '2023-04-15T11:30' });
  });
  it('reads a heading that starts like another role\'s by its last word ("ACTION_DT", "Entry Time", "Case Note Date")', () => {
    const c = read('x.csv', ['TENANCY_REF,ACTION_DT,NOTE_TXT', 'T/1,2022-06-20 10:32:00,Neighbour reports loud music after midnight', 'T/1,2022-07-06 14:05:00,Home visit about the arrears']);
    // "action dt" starts like the outcome heading "action"; its last word says date.
    expect(roles(c)[1]).toBe('date');
    expect(c.events.map((e) => e.date.start)).toEqual(['2022-06-20T10:32', '2022-07-06T14:05']);
    // "entry time" starts like the summary heading "entry": the time, and the free text is the event.
    const gp = read('gp.csv', ['Entry Date,Entry Time,Free Text', '18/07/2022,1120,Not brought again for 12m imms. Letter to mum.']);
    expect(roles(gp)).toEqual(['date', 'time', 'summary']);
    expect(gp.events[0]).toMatchObject({ summary: 'Not brought again for 12m imms. Letter to mum.', date: { start: '2022-07-18T11:20', precision: 'minute' } });
    expect(roles(read('csc.csv', ['Case Note Date,Team,Case Note Body', '10/05/22,Front Door,PPN from police: verbal argument']))).toEqual(['date', 'team', 'summary']);
    // "Case Note ID" and "Case Note Text" both start like "case note": the ID is the reference, the text the event.
    expect(roles(read('cn.csv', ['Case Note ID,Created On,Case Note Text', 'CN-1,20/04/2023 14:00,Strategy meeting at the hospital']))).toEqual(['reference', 'datetime (values)', 'summary']);
    // "Patient DOB" starts like the subjects heading "patient"; its last word says date of birth: left out.
    expect(roles(read('dob.csv', ['Date,Patient DOB,Summary', '15/09/2022,19/05/2022,Was not brought for immunisations']))).toEqual(['date', 'extra', 'summary']);
    // A police system's own headings: the classification is the type, OCC_NO the reference, OIC the officer.
    expect(roles(read('police.csv', ['OCC_NO,REPORTED_DTTM,CLASSIFICATION,SYNOPSIS,OIC', 'EM/23/1,18/11/2023 10:58,DOMESTIC - ASSAULT,Officers attended the address after a call from a neighbour,PC 4471']))).toEqual(['reference', 'datetime (values)', 'type', 'summary (values)', 'practitioner']);
    // An ED system's "ARR_TM" of bare numbers is the time by its heading's last word; "CLOSED_DTTM" the end.
    const ed = read('ed.csv', ['ATT_ID,ARR_DT,ARR_TM,COMPLAINT', 'ED1,2022-05-28,2347,Found in the park by the public, intoxicated']);
    expect(roles(ed)).toEqual(['extra', 'date (values)', 'time', 'summary (values)']);
    expect(ed.events[0]!.date).toMatchObject({ start: '2022-05-28T23:47', precision: 'minute' });
    const police = read('police.csv', ['OCC_REF,REPORTED_DTTM,CLOSED_DTTM,SYNOPSIS', 'NV/1,05/02/2022 21:40,06/02/2022 01:35,Missing from home; found by officers at the bus station']);
    expect(police.events[0]!.date).toMatchObject({ start: '2022-02-05T21:40', end: '2022-02-06T01:35', precision: 'minute' });
    // OCC_CLASS is the police incident type, PAT_NAME the person the record is about.
    expect(roles(read('p.csv', ['OCC_REF,OCC_CLASS,REPORTED_DTTM,SYNOPSIS', 'NV/1,MISSING PERSON,05/02/2022 21:40,Reported missing by mother; located at the bus station by patrol']))).toEqual(['reference', 'type', 'datetime (values)', 'summary (values)']);
    expect(roles(read('e.csv', ['ATT_ID,ARR_DT,PAT_NAME,PRESENTING_CC', 'ED1,2022-12-05,"ROURKE, Kelly",Overdose of her own tablets approx 0300']))).toEqual(['extra', 'date (values)', 'subjects', 'summary (values)']);
    // "Wk Ending" is the week ending on the date given.
    expect(read('yos.csv', ['Wk Ending;Summary of Contact', '20/05/2022;Referral from the panel'].map((l) => l.replace(';', ','))).events[0]!.date).toMatchObject({ start: '2022-05-14', end: '2022-05-20', precision: 'week' });
    // A heading that is a whole synonym is not read by its last word: "Date Entered" stays ignored.
    expect(roles(read('y.csv', ['Date Entered,Seen,What happened', '01/03/2021,21/02/2021,Visit', '02/03/2021,22/02/2021,Clinic']))).toEqual(['extra', 'date (values)', 'summary']);
  });
  it('reads a second column of dates where the date column is blank, when they complement each other on 2 rows or more', () => {
    const rows = (n: number): string[] => ['W/C,Logged,What was seen', '09/05/2022,,Attendance 60%', ...Array.from({ length: n }, (_, i) => `,0${i + 4}/04/2022 08:50,Arrived without a coat`)];
    const two = read('two.csv', rows(2));
    expect(two.report).toMatchObject({ rows: 3, events: 3, unusable: 0 });
    expect(two.events.map((e) => [e.date.start, e.date.precision])).toEqual([['2022-05-09', 'week'], ['2022-04-04T08:50', 'minute'], ['2022-04-05T08:50', 'minute']]);
    expect(two.issues.find((i) => i.code === 'columns-from-values')!.message).toContain('"Logged" as the date where "W/C" is blank');
    // One row only: not enough to say the columns complement each other; that row has no date.
    expect(read('one.csv', rows(1)).report).toMatchObject({ rows: 2, events: 1, unusable: 1 });
  });
  it('holds dates when at least 60% of its non-blank cells read as dates', () => {
    const file = (dates: number, words: number): string[] =>
      ['Seen,What happened', ...Array.from({ length: dates }, (_, i) => `${21 + i}/02/2021,Visit ${i}`), ...Array.from({ length: words }, (_, i) => `not known,Call ${i}`)];
    // 3 of 5 (at 60%): the column holds the dates; the two rows without one are unusable.
    expect(read('at.csv', file(3, 2)).report).toMatchObject({ rows: 5, events: 3, unusable: 2 });
    // 4 of 5 (above).
    expect(read('above.csv', file(4, 1)).report).toMatchObject({ rows: 5, events: 4, unusable: 1 });
    // 5 of 9 (56%, below): not a date column, and the file has no other.
    refused('below.csv', file(5, 4));
  });
  it('takes a column of bare numbers that read as Excel serials only when no other column holds dates', () => {
    // 44500 is 31/10/2021 (the serials of 1960–2099 are read as days).
    const alone = read('x.csv', ['Case No,Notes', '44500,Visit', '44502,Call']);
    expect(roles(alone)).toEqual(['date (values)', 'summary']);
    expect(alone.events.map((e) => e.date.start)).toEqual(['2021-10-31', '2021-11-02']);
    const beside = read('y.csv', ['Case No,Logged,Notes', '44500,21/02/2021,Visit', '44502,22/02/2021,Call']);
    expect(roles(beside)).toEqual(['extra', 'date (values)', 'summary']);
    expect(beside.events[0]!.extra).toEqual({ 'Case No': '44500' });
    // Numbers that are no dates at all: refused.
    refused('z.csv', ['Case No,Notes', '1001,Visit', '1002,Call']);
  });
  it('takes a date-time column as the datetime when a single value has a time', () => {
    const c = read('x.csv', ['Logged,What happened', '21/02/2021,Visit', '22/02/2021 14:05,Call']);
    expect(roles(c)).toEqual(['datetime (values)', 'summary']);
    expect(c.events.map((e) => [e.date.start, e.date.precision])).toEqual([['2021-02-21', 'day'], ['2021-02-22T14:05', 'minute']]);
  });
  it('prefers, of the rows above the dates, the one with known headings, then one whose cells do not recur below, then the nearest', () => {
    // A two-celled title row above a header with a known heading ("Worker"); "Child L" only
    // starts like a known heading ("Child"), which does not count.
    const known = read('a.csv', ['Chronology prepared for the review,Child L', 'Logged,Note,Worker', '21/02/2021,Visit,SW1', '22/02/2021,Call,SW1']);
    expect(known.report.headerLine).toBe(2);
    // No known heading on either: the nearer one.
    const nearest = read('b.csv', ['Chronology prepared for the review,Northmoor SCP', 'Logged,Note,By', '21/02/2021,Visit,SW1', '22/02/2021,Call,SW1']);
    expect(nearest.report.headerLine).toBe(2);
    expect(roles(nearest)).toEqual(['date (values)', 'extra', 'extra']);
    // The first data row has an unreadable date; its worker recurs below, so it is data, not the header.
    const bad = read('c.csv', ['Logged,Note,By', 'TBC,Visit,SW1', '21/02/2021,Call,SW1', '22/02/2021,Call,SW2']);
    expect(bad.report).toMatchObject({ headerLine: 1, rows: 3, unusable: 1 });
  });
  it('finds the date column below a profile\'s header line when no heading names it', () => {
    const profiles = validateProfiles({ headerLine: 2 }, 'p.json');
    const c = read('x.csv', ['Prepared by the GP practice', 'Seen,Entry', '21/02/2021,Visit'], { profiles });
    expect(roles(c)).toEqual(['date (values)', 'summary']);
    expect(() => read('y.csv', ['Prepared by the GP practice', 'Seen,Entry', 'soon,Visit'], { profiles }))
      .toThrow(expect.objectContaining({ code: 'no-date-column', message: expect.stringMatching(/the header on line 2 \(from the profile\) has no date heading, and no column below it holds dates/) }));
  });
  it('still refuses a file in which no column holds dates, saying what it looked for', () => {
    expect(() => read('addresses.csv', ['Name,Address', 'A,B', 'C,D'])).toThrow(/no header row with a date column was found in the first 40 rows, and no column below them holds dates/);
  });
  it('looks for the header in the first 40 rows only', () => {
    const title = (n: number): string[] => Array.from({ length: n }, (_, i) => `Title line ${i + 1},of the chronology`);
    // 39 title rows: the header is row 40, the last one searched.
    expect(read('a.csv', [...title(39), 'Logged,Note', '21/02/2021,Visit']).report.headerLine).toBe(40);
    // 40 title rows: the header would be row 41.
    refused('b.csv', [...title(40), 'Logged,Note', '21/02/2021,Visit']);
  });
  it('can be located in rows already read (locateHeader)', () => {
    const rows = parseTable('Title,x\nLogged,Note\n21/02/2021,Visit\n', 'x.csv', ',').rows;
    expect(locateHeader(rows, 'x.csv', {})).toMatchObject({ line: 2, columns: [{ heading: 'Logged', role: 'date', from: 'values' }, { heading: 'Note', role: 'extra' }] });
  });
});

describe('the event text by values', () => {
  const withType = (typeValue: string, texts: readonly string[]): AgencyChronology =>
    read('x.csv', ['Date,Category,Text', ...texts.map((t, i) => `${21 + i}/02/2021,${typeValue},${t}`)]);
  it('is a column whose text averages at least 20 characters', () => {
    // Mean 20 (19 and 21): at the edge, taken; mean 19 (18 and 20): not, and each row's text is composed.
    expect(roles(withType('Welfare', [textOf(19), textOf(21)]))).toEqual(['date', 'type', 'summary (values)']);
    const below = withType('Welfare', [textOf(18), textOf(20)]);
    expect(roles(below)).toEqual(['date', 'type', 'extra']);
    expect(below.events[0]!.summary).toBe(`Category: Welfare; Text: ${textOf(18)}`);
    expect(codes(below)).toEqual([[1, 'no-summary-column']]);
    expect(roles(withType('Welfare', [textOf(21), textOf(21)]))).toEqual(['date', 'type', 'summary (values)']);
  });
  it('and at least twice as long as the type column\'s values', () => {
    // The type averages 12 characters: the text must average 24.
    expect(roles(withType('Telephone ca', [textOf(24), textOf(24)]))).toEqual(['date', 'type', 'summary (values)']);
    expect(roles(withType('Telephone ca', [textOf(23), textOf(23)]))).toEqual(['date', 'type', 'extra']);
    expect(roles(withType('Telephone ca', [textOf(25), textOf(25)]))).toEqual(['date', 'type', 'summary (values)']);
  });
  it('is text, not dates or numbers, and the longest such column', () => {
    const c = read('x.csv', [
      'Date,Recorded On,Amount,Short,Long',
      `21/02/2021,21/02/2021 10:00,£1234567890123456789012.50,${textOf(25)},${textOf(40)}`,
      `22/02/2021,22/02/2021 11:00,£1234567890123456789012.50,${textOf(25)},${textOf(40)}`,
    ]);
    expect(roles(c)).toEqual(['date', 'extra', 'extra', 'extra', 'summary (values)']);
  });
  it('is chosen in the sample and applies to every row after it', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `21/02/2021,Welfare,${i === 250 ? '' : textOf(30)},DSL`);
    const c = read('x.csv', ['Date,Category,Text,Worker', ...rows]);
    expect(roles(c)).toEqual(['date', 'type', 'summary (values)', 'practitioner']);
    // Row 250 of the data is on line 252, beyond the 200 sampled rows.
    expect(c.events[250]).toMatchObject({ summary: 'Category: Welfare; Worker: DSL', source: { line: 252 }, flags: ['no-summary'] });
    expect(c.report).toMatchObject({ rows: 300, events: 300 });
  });
});

describe('a time column by values', () => {
  it('is a column of clock times when the dates carry none', () => {
    const c = read('x.csv', ['Date,At,Details', '21/02/2021,09:15,Visit', '22/02/2021,2.30pm,Call']);
    expect(roles(c)).toEqual(['date', 'time (values)', 'summary']);
    expect(c.events.map((e) => e.date.start)).toEqual(['2021-02-21T09:15', '2021-02-22T14:30']);
  });
  it('needs 60% of the cells to be times written as times; bare numbers (2215, 12.40) are no evidence', () => {
    const file = (cells: readonly string[]): AgencyChronology => read('x.csv', ['Date,At,Details', ...cells.map((t, i) => `${21 + i}/02/2021,${t},Visit`)]);
    expect(roles(file(['09:15', '10:15', '11:15', 'n/a', 'see notes']))).toEqual(['date', 'time (values)', 'summary']);
    expect(roles(file(['09:15', '10:15', 'unknown', 'n/a', 'see notes']))).toEqual(['date', 'extra', 'summary']);
    expect(roles(file(['12.40', '38.60', '2215']))).toEqual(['date', 'extra', 'summary']);
  });
  it('is not looked for when the dates have times', () => {
    expect(roles(read('x.csv', ['Date/Time,At,Details', '21/02/2021 09:00,09:15,Visit']))).toEqual(['datetime', 'extra', 'summary']);
  });
});

describe('a heading of two words or more ending in Type or Category is the type', () => {
  it.each([
    ['Consultation Type', 'type'], ['Referral Category', 'type'], ['Contact Outcome Type', 'type'],
    // One word alone says nothing of its column.
    ['Kind', 'extra'], ['Consultation', 'extra'],
  ])('%s: %s', (heading, role) => {
    expect(mapColumns(['Date', heading, 'Free Text'], {}).map((c) => c.role)).toEqual(['date', role, 'summary']);
  });
  it('a heading that is a type synonym wins over one typed by its last word only', () => {
    expect(mapColumns(['Date', 'Consultation Type', 'Type', 'Free Text'], {}).map((c) => c.role)).toEqual(['date', 'extra', 'type', 'summary']);
  });
  it('the type read from it: a GP\'s consultation type', () => {
    const c = read('gp.csv', ['Date,Consultation Type,Free Text', '01/03/2021,Face to face,Cough 3/7', '02/03/2021,Telephone,Mum phoned']);
    expect(c.events.map((e) => e.type)).toEqual(['Face to face', 'Telephone']);
  });
});

describe('one file is one agency: teams and organisations', () => {
  it.each([
    ['Team', 'team'], ['Unit', 'team'], ['Locality', 'team'], ['Duty Team', 'team'], ['Office', 'team'], ['Service Area', 'team'],
    ['Agency', 'agency'], ['Organisation', 'agency'], ['Service', 'agency'],
  ])('the heading %s is the %s', (heading, role) => {
    expect(mapColumns(['Date', heading, 'Details'], {}).map((c) => c.role)).toEqual(['date', role, 'summary']);
  });
  it.each([
    ['Duty Team', true], ['Locality Team North', true], ['Front Door', true], ['MASH', true], ['EDT', true], ['Emergency Duty', true],
    ['Out of Hours', true], ['Early Help Hub', true], ['Public Protection Unit', true], ['Area Office', true],
    ['Police', false], ['Health Visiting', false], ['Northmoor Hospital ED', false], ["Children's Social Care", false], ['GP', false],
  ])('%s is a team name: %s', (name, team) => expect(isTeamName(name)).toBe(team));
  it('an agency column whose values are all teams is the team, and the file keeps one agency', () => {
    const c = read('csc.csv', ['Date,Service,Details', '21/02/2021,Duty Team,Contact received', '22/02/2021,MASH,Checks', '23/02/2021,,Visit']);
    expect(roles(c)).toEqual(['date', 'team (values)', 'summary']);
    expect(c.events.map((e) => [e.agency, e.team])).toEqual([['CSC', 'Duty Team'], ['CSC', 'MASH'], ['CSC', undefined]]);
    expect(c.report).toMatchObject({ agency: 'CSC', agencyFrom: 'file-name' });
    expect(c.issues[0]!.message).toBe('columns recognised by what they hold, not by their headings: "Service" as the team (its values name teams, not organisations). If that is wrong, a profile\'s "columns" can name each column\'s role (or "extra" to leave it out)');
  });
  it('with the agency given, the teams are still kept', () => {
    const c = read('csc.csv', ['Date,Service,Details', '21/02/2021,Duty Team,Contact received'], { agency: "Children's Social Care" });
    expect(c.events[0]).toMatchObject({ agency: "Children's Social Care", team: 'Duty Team' });
  });
  it('an agency column naming one organisation and its teams: the organisation is every row\'s agency, the teams its teams', () => {
    const c = read('x.csv', ['Date,Agency,Details', "21/02/2021,Children's Social Care,a", '22/02/2021,Duty Team,b', "23/02/2021,Children's Social Care,c"]);
    expect(roles(c)).toEqual(['date', 'agency', 'summary']);
    expect(c.events.map((e) => [e.agency, e.team])).toEqual([["Children's Social Care", undefined], ["Children's Social Care", 'Duty Team'], ["Children's Social Care", undefined]]);
    expect(c.report).toMatchObject({ agency: "Children's Social Care", agencyFrom: 'column' });
  });
  it('an agency column naming several organisations: each row keeps its own, and the file says so', () => {
    const c = read('health.csv', ['Date,Organisation,Event', '21/02/2021,Health Visiting,a', '22/02/2021,School Nursing,b', '23/02/2021,,c', '24/02/2021,Health Visiting,d']);
    expect(c.events.map((e) => e.agency)).toEqual(['Health Visiting', 'School Nursing', 'Health', 'Health Visiting']);
    expect(c.report).toMatchObject({ agency: 'Health Visiting', agencyFrom: 'column' });
    expect(codes(c)).toEqual([[1, 'agency-column-several']]);
    expect(c.issues[0]).toMatchObject({
      severity: 'info',
      message: 'the "Organisation" column names several organisations ("Health Visiting", "School Nursing"), so each row keeps its own agency; if they are teams of one agency, name the agency with --agency or a profile',
    });
  });
  it('an agency given with --agency is every row\'s, whatever organisations a column names, and nothing says otherwise', () => {
    const c = read('health.csv', ['Date,Organisation,Event', '21/02/2021,Health Visiting,a', '22/02/2021,School Nursing,b'], { agency: 'Health' });
    expect(c.events.map((e) => e.agency)).toEqual(['Health', 'Health']);
    expect(c.report).toMatchObject({ agency: 'Health', agencyFrom: 'option' });
    expect(c.issues).toEqual([]);
  });
  it('an agency column with one value is the file\'s agency, as before', () => {
    const c = read('x.csv', ['Date,Agency,Event', '21/02/2021,GP,a', '22/02/2021,GP,b']);
    expect(c.report).toMatchObject({ agency: 'GP', agencyFrom: 'column' });
    expect(c.issues).toEqual([]);
  });
  it('a team column by heading beside an agency column', () => {
    const c = read('x.csv', ['Date,Agency,Team,Event', '21/02/2021,Police,Public Protection Unit,a']);
    expect(c.events[0]).toMatchObject({ agency: 'Police', team: 'Public Protection Unit' });
  });
});

describe('the precision a date heading gives', () => {
  it.each([
    ['Week Commencing', 'week-start'], ['Week Beginning', 'week-start'], ['Week Starting', 'week-start'], ['W/C', 'week-start'],
    ['W/B', 'week-start'], ['WC', 'week-start'], ['Week Ending', 'week-end'], ['W/E', 'week-end'], ['Week Ending (Friday)', 'week-end'],
    ['Month', 'month'], ['Period', 'month'], ['Year', 'year'],
  ])('%s: %s', (heading, period) => {
    expect(mapColumns([heading, 'Details'], {})).toEqual([{ heading, index: 0, role: 'date', period }, { heading: 'Details', index: 1, role: 'summary' }]);
  });
  it('no period for other date headings, nor for a school\'s Year Group', () => {
    expect(mapColumns(['Date', 'Date or Period of Event', 'Year Group'], {})).toEqual([
      { heading: 'Date', index: 0, role: 'date' }, { heading: 'Date or Period of Event', index: 1, role: 'extra' }, { heading: 'Year Group', index: 2, role: 'extra' },
    ]);
  });
  it('a day under Week Commencing is that week; a cell that says more or otherwise keeps it', () => {
    const c = read('x.csv', ['Week Commencing,Entry', '13/09/2021,a', '13/09/2021,b', '14/09/2021 10:00,c', '01/10/2021 - 03/10/2021,d', 'April 2021,e', 'c. 20/09/2021,f']);
    expect(c.events.map((e) => [e.date.start, e.date.end, e.date.precision, e.date.text, e.flags])).toEqual([
      ['2021-09-13', '2021-09-19', 'week', '13/09/2021', ['period-start']],
      ['2021-09-13', '2021-09-19', 'week', '13/09/2021', ['period-start']],
      ['2021-09-14T10:00', undefined, 'minute', '14/09/2021 10:00', []],
      ['2021-10-01', '2021-10-03', 'day', '01/10/2021 - 03/10/2021', []],
      ['2021-04-01', undefined, 'month', 'April 2021', ['period-start']],
      ['2021-09-20', '2021-09-26', 'week', 'c. 20/09/2021', ['approximate', 'period-start']],
    ]);
    expect(c.report.columns[0]).toEqual({ heading: 'Week Commencing', index: 0, role: 'date', period: 'week-start' });
  });
  it('a day under Week Ending is the week that ends on it', () => {
    const c = read('x.csv', ['W/E,Entry', '17/09/2021,a']);
    expect(c.events[0]!.date).toEqual({ start: '2021-09-11', end: '2021-09-17', precision: 'week', text: '17/09/2021', approximate: undefined });
  });
  it('a day under Month or Year is that month or year', () => {
    const month = read('x.csv', ['Month,Entry', '14/04/2021,a']);
    expect(month.events[0]!.date).toMatchObject({ start: '2021-04-01', precision: 'month', text: '14/04/2021' });
    expect(month.events[0]!.date.end).toBeUndefined();
    expect(read('y.csv', ['Year,Entry', '14/04/2021,a']).events[0]!.date).toMatchObject({ start: '2021-01-01', precision: 'year', text: '14/04/2021' });
  });
  it('a Date heading beside a Month heading: the day is the date, the month where the day is blank', () => {
    // Either order; both headings exact synonyms (as strong), so the one naming a day wins.
    for (const headings of [['Month', 'Date', 'Notes'], ['Date', 'Month', 'Notes']]) {
      const roles = mapColumns(headings, {}).map((c) => [c.heading, c.role, c.period]);
      expect(roles).toEqual(headings.map((h) => (h === 'Date' ? ['Date', 'date', undefined] : h === 'Month' ? ['Month', 'datetime', 'month'] : ['Notes', 'summary', undefined])));
    }
    // A drug and alcohol service's Excel return: Month, then the day as an Excel serial, in words,
    // a week, or blank; a Month cell holding a day stands for its month.
    const c = read('x.csv', ['Month,Date,Notes', 'Feb-22,44601,a', 'Mar-22,w/e 11/03/22,b', 'Apr-22,,c', '14/05/2022,,d', ',########,e']);
    expect(c.events.map((e) => [e.source.line, e.date.start, e.date.end, e.date.precision, e.date.text])).toEqual([
      [2, '2022-02-09', undefined, 'day', '44601'],
      [3, '2022-03-05', '2022-03-11', 'week', 'w/e 11/03/22'],
      [4, '2022-04-01', undefined, 'month', 'Apr-22'],
      [5, '2022-05-01', undefined, 'month', '14/05/2022'],
      // Kept, unusable: its day unreadable and its month blank.
      [6, '', undefined, 'unknown', '########'],
    ]);
    expect(c.events[4]!.flags).toContain('unusable');
  });
  it('a Month heading stronger than the date heading keeps the date, and no period column complements another', () => {
    // "Home Visit Date" is a date heading by its last word only (weaker than the exact "Month").
    expect(mapColumns(['Month', 'Home Visit Date', 'Notes'], {}).map((c) => c.role)).toEqual(['date', 'extra', 'summary']);
    // Two period headings: the leftmost is the date; the other is not read.
    expect(mapColumns(['Month', 'Year', 'Notes'], {}).map((c) => [c.role, c.period])).toEqual([['date', 'month'], ['extra', undefined], ['summary', undefined]]);
    // A date-time column already there stays the one that complements.
    expect(mapColumns(['Month', 'Date', 'Timestamp', 'Notes'], {}).map((c) => c.role)).toEqual(['extra', 'date', 'datetime', 'summary']);
  });
  it('a separate time is not attached to a week', () => {
    const c = read('x.csv', ['Week Commencing,Time,Entry', '13/09/2021,10:00,a']);
    expect(c.events[0]!.date).toMatchObject({ start: '2021-09-13', end: '2021-09-19', precision: 'week', text: '13/09/2021 10:00' });
    expect(codes(c)).toEqual([[2, 'time-ignored']]);
  });
  it('the period is the heading\'s, not the date-time column\'s that stands in for a blank date', () => {
    const c = read('x.csv', ['Week Commencing,Date/Time,Entry', ',14/09/2021 10:00,a', '13/09/2021,,b']);
    expect(c.events.map((e) => [e.date.start, e.date.precision])).toEqual([['2021-09-14T10:00', 'minute'], ['2021-09-13', 'week']]);
  });
});

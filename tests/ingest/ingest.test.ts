import { describe, expect, it } from 'vitest';
import { agencyFromFileName, fileSlugs, ingest } from '../../src/ingest/ingest.js';
import { mapColumns } from '../../src/ingest/columns.js';
import { validateProfiles } from '../../src/ingest/profile.js';

const read = (file: string, text: string, options = {}) => ingest({ file, content: new TextEncoder().encode(text) }, options);

describe('header detection and column roles', () => {
  it('skips title lines and finds the header, recording its physical line', () => {
    const c = read('police.csv', 'Police chronology – Child L\nPrepared for the CSPR, "draft"\n\nDate/Time,Occurrence Ref,Incident Type,Details,Action Taken,Officer\n14/03/2021 22:15,OR1,Domestic,Call,Attended,PC 1\n');
    expect(c.report.headerLine).toBe(4);
    expect(c.report.preambleLines).toBe(3);
    expect(c.report.columns.map((x) => x.role)).toEqual(['datetime', 'reference', 'type', 'summary', 'outcome', 'practitioner']);
    expect(c.events[0]).toMatchObject({ id: 'police-5', date: { start: '2021-03-14T22:15', precision: 'minute' }, reference: 'OR1', type: 'Domestic', summary: 'Call', outcome: 'Attended', practitioner: 'PC 1' });
  });
  it.each([
    [['Date', 'Time', 'Event'], ['date', 'time', 'summary']],
    [['ARRIVAL_DATE', 'Arrival Time', 'Presenting Complaint', 'Discharge Outcome', 'Clinician'], ['date', 'time', 'summary', 'outcome', 'practitioner']],
    [['Date of Contact', 'Contact Type', 'Practitioner', 'Summary', 'Impact (Either Positive or Negative)'], ['date', 'type', 'practitioner', 'summary', 'significance']],
    [['Date or Period of Event', 'Seq', 'Source of Information', 'Significant Event', 'Outcome', 'Analysis'], ['date', 'sequence', 'source', 'summary', 'outcome', 'significance']],
    [['Consultation Date', 'Clinician', 'Entry', 'Outcome'], ['date', 'practitioner', 'summary', 'outcome']],
    [['Date', 'Concern', 'Action by DSL', 'Staff role', 'Attendance %'], ['date', 'summary', 'outcome', 'practitioner', 'extra']],
    [['Start Date', 'End Date', 'Event Type', 'Details', 'Date of Birth'], ['date', 'endDate', 'type', 'summary', 'extra']],
    [['Date', 'Event', 'Notes'], ['date', 'summary', 'extra']],
    [['Week Commencing', 'Organisation', 'Entry'], ['date', 'agency', 'summary']],
  ])('%j', (headings, roles) => {
    expect(mapColumns(headings, {}).map((c) => c.role)).toEqual(roles);
  });
  it('lets a profile name columns and add synonyms', () => {
    const c = read('x.csv', 'When it happened,What,Worker\n01/02/2021,Visit,SW1\n', { profiles: validateProfiles({ columns: { 'When it happened': 'date' }, synonyms: { summary: ['What'] } }, 'p.json') });
    expect(c.events[0]).toMatchObject({ date: { start: '2021-02-01' }, summary: 'Visit', practitioner: 'SW1' });
  });
  it('keeps unknown columns verbatim under their heading, and surplus cells as Column N', () => {
    const c = read('x.csv', 'Date,Event,Ward, Bed Number ,Record ID\n01/02/2021,Visit,  Ward 7  ,B1,A1,surplus\n');
    expect(c.events[0]!.extra).toEqual({ Ward: '  Ward 7  ', 'Bed Number': 'B1', 'Column 6': 'surplus' });
    expect(c.events[0]!.reference).toBe('A1');
    expect(c.issues.map((i) => i.code)).toContain('extra-cells');
  });
});

describe('role cells that repeat down a column', () => {
  it('keep every value as written, past the point where a column of free text stops being shared', () => {
    // 5,000 distinct types (more than are shared), then the early ones again; workers repeat throughout.
    const rows = Array.from({ length: 6000 }, (_, i) => `01/02/2021,Type ${i % 5000},Visit ${i}, Worker ${i % 3} `);
    const c = read('x.csv', ['Date,Contact Type,Details,Worker', ...rows].join('\n'));
    expect(c.events.map((e) => e.type)).toEqual(Array.from({ length: 6000 }, (_, i) => `Type ${i % 5000}`));
    expect(c.events.map((e) => e.practitioner)).toEqual(Array.from({ length: 6000 }, (_, i) => `Worker ${i % 3}`));
    expect(c.events[5999]!.summary).toBe('Visit 5999');
  });
});

describe('rows of the same day one after another', () => {
  it('read each row whole: its own time, its own line, its own report when the date is bad', () => {
    const c = read('x.csv', ['Date,Time,Event', '01/02/2021,09:00,a', '01/02/2021,,b', '01/02/2021,14:30,c', ' 01/02/2021 ,,d',
      '31/02/2021,,e', '31/02/2021,10:00,f', 'April 2021,,g', 'April 2021,,h'].join('\n'));
    expect(c.events.map((e) => [e.date.start, e.date.precision, e.date.text])).toEqual([
      ['2021-02-01T09:00', 'minute', '01/02/2021 09:00'], ['2021-02-01', 'day', '01/02/2021'], ['2021-02-01T14:30', 'minute', '01/02/2021 14:30'],
      ['2021-02-01', 'day', '01/02/2021'], ['', 'unknown', '31/02/2021'], ['', 'unknown', '31/02/2021 10:00'],
      ['2021-04-01', 'month', 'April 2021'], ['2021-04-01', 'month', 'April 2021'],
    ]);
    expect(c.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.code])).toEqual([[6, 'date-impossible'], [7, 'date-impossible']]);
    expect(c.events.slice(6).map((e) => e.flags)).toEqual([['period-start'], ['period-start']]);
  });
});

describe('files that are not chronologies fail with one clear, coded error', () => {
  it.each([
    ['empty.csv', '', 'file-empty'],
    ['blank.csv', ' \n\n  \n', 'file-empty'],
    ['nodate.csv', 'Name,Address\nA,B\n', 'no-date-column'],
    ['notes.txt', 'Just some notes about the family.\nNothing tabular here.\n', 'no-date-column'],
  ])('%s', (file, text, code) => {
    expect(() => read(file, text)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(file) }));
  });
  it('says what it looked for', () => {
    expect(() => read('nodate.csv', 'Name,Address\nA,B\n')).toThrow(/Date of Contact/);
  });
});

describe('the agency', () => {
  it.each([
    ['health_visiting.csv', 'Health Visiting'], ['fixtures/demo/gp.csv', 'GP'], ['hospital-ED.csv', 'Hospital ED'],
    ['Childrens Social Care.csv', 'Childrens Social Care'], ['csc_case_notes.csv', 'CSC Case Notes'],
  ])('from the file name: %s → %s', (file, agency) => expect(agencyFromFileName(file)).toBe(agency));
  it('from an agency column, row by row, with the file name for blank cells', () => {
    const c = read('health.csv', 'Date,Organisation,Event\n01/02/2021,Health Visiting,a\n02/02/2021,School Nursing,b\n03/02/2021,,c\n04/02/2021,Health Visiting,d\n');
    expect(c.events.map((e) => e.agency)).toEqual(['Health Visiting', 'School Nursing', 'Health', 'Health Visiting']);
    expect(c.report).toMatchObject({ agency: 'Health Visiting', agencyFrom: 'column' });
  });
  it('from the option before everything else', () => {
    const c = read('health.csv', 'Date,Organisation,Event\n01/02/2021,Health Visiting,a\n', { agency: 'Police' });
    expect(c.events[0]!.agency).toBe('Police');
    expect(c.report.agencyFrom).toBe('option');
  });
  it('gives unique id prefixes to files with the same name', () => {
    expect(fileSlugs(['a/police.csv', 'b/police.csv', 'Health Visiting.csv'])).toEqual(['police', 'police-2', 'health-visiting']);
  });
});

describe('bad rows are reported, never dropped; only an unreadable date makes a row unusable', () => {
  const text = [
    'Chronology',                       // 1
    'Date,Time,Event,Outcome',          // 2
    '01/02/2021,09:00,Visit,seen',      // 3
    ',,,',                              // 4 blank
    '31/04/2021,,Impossible date,x',    // 5
    'TBC,,Unreadable date,x',           // 6
    ',,No date at all,x',               // 7
    '05/02/2021,,,x',                   // 8 no event text, but an outcome: its text is "Outcome: x"
    '06/02/2021,lunchtime,Odd time,x',  // 9 usable, time flagged
    '"07/02/2021",,"Multi',             // 10
    'line",x',                          // 11
    '08/02/2021,10:00,,',               // 12 a date and a time, no text at all: incomplete, still usable
    'TBC,,,',                           // 13 neither a readable date nor text
    '',                                 // (the final line break)
  ].join('\r\n');
  const c = read('hv.csv', text);
  it('keeps the invariant rows = events + unusable', () => {
    // Rows 3, 5–10, 12, 13 (nine; line 4 is blank, 11 is inside row 10); unusable: 5, 6, 7, 13.
    expect(c.report).toMatchObject({ rows: 9, events: 5, unusable: 4, blankRows: 1, headerLine: 2 });
    expect(c.events).toHaveLength(9);
  });
  it('reports each with file, line, cells and a plain reason', () => {
    // Every readable numeric date has its day at or below 12, so the day-first order is assumed (line 0).
    expect(c.issues.map((i) => [i.line, i.severity, i.code])).toEqual([
      [0, 'info', 'date-order-assumed'], [5, 'error', 'date-impossible'], [6, 'error', 'date-unreadable'], [7, 'error', 'date-missing'], [8, 'info', 'summary-composed'],
      [9, 'warning', 'time-unreadable'], [12, 'warning', 'no-event-text'], [13, 'error', 'date-unreadable'], [13, 'warning', 'no-event-text'],
    ]);
    const five = c.issues.find((i) => i.line === 5)!;
    expect(five).toMatchObject({ file: 'hv.csv', cells: ['31/04/2021', '', 'Impossible date', 'x'] });
    expect(five.message).toMatch(/April 2021 has 30 days/);
    expect(c.issues.find((i) => i.line === 8)!.message).toBe('the "Event" cell is blank, so the event text is made from the row\'s other cells, each labelled with its heading');
    expect(c.issues.find((i) => i.line === 12)).toMatchObject({
      cells: ['08/02/2021', '10:00', '', ''],
      message: 'the row has no text besides its date, time or reference; it is kept in date order, marked as incomplete',
    });
    expect(c.issues.filter((i) => i.line === 13)[1]!.message).toBe('the row has no text besides its date, time or reference; it is kept with the undated events, marked as incomplete');
  });
  it('carries the content of unusable rows as marked events', () => {
    const five = c.events.find((e) => e.source.line === 5)!;
    expect(five).toMatchObject({ summary: 'Impossible date', date: { start: '', precision: 'unknown', text: '31/04/2021' } });
    expect(five.flags).toEqual(['unusable', 'undated']);
    expect(c.events.find((e) => e.source.line === 10)!.summary).toBe('Multi\r\nline');
    const thirteen = c.events.find((e) => e.source.line === 13)!;
    expect(thirteen).toMatchObject({ summary: '', date: { start: '', precision: 'unknown', text: 'TBC' } });
    expect(thirteen.flags).toEqual(['unusable', 'undated', 'no-summary']);
  });
  it('makes a row with text but no event text a usable event, its text labelled with the headings', () => {
    const eight = c.events.find((e) => e.source.line === 8)!;
    expect(eight).toMatchObject({ summary: 'Outcome: x', outcome: 'x', date: { start: '2021-02-05', precision: 'day', text: '05/02/2021' } });
    expect(eight.flags).toEqual(['no-summary']);
  });
  it('keeps a dated row with no text at all in date order, marked incomplete, not unusable', () => {
    const twelve = c.events.find((e) => e.source.line === 12)!;
    expect(twelve).toMatchObject({ summary: '', date: { start: '2021-02-08T10:00', precision: 'minute', text: '08/02/2021 10:00' } });
    expect(twelve.flags).toEqual(['no-summary']);
  });
});

describe('the event text of a row without one', () => {
  it('is every other cell with text, labelled with its heading, in column order; date, time, reference and sequence left out', () => {
    const c = read('school.csv', [
      'Date,Time,Ref,Seq,Concern,Action by DSL,Staff role,Attendance %',
      '14/03/2021,9.30am,R1,2,,phoned mother,,80%',
      '15/03/2021,,R2,1,,, DSL ,',
      '16/03/2021,10:00,R3,3,,,,,surplus',
    ].join('\n'));
    expect(c.events.map((e) => e.summary)).toEqual([
      'Action by DSL: phoned mother; Attendance %: 80%',
      'Staff role: DSL',
      'Column 9: surplus',
    ]);
    expect(c.events.map((e) => e.flags)).toEqual([['no-summary'], ['no-summary'], ['no-summary']]);
    expect(c.report).toMatchObject({ rows: 3, events: 3, unusable: 0 });
    // The parts are still in their own fields: nothing moves out of outcome, practitioner or extra.
    expect(c.events[0]).toMatchObject({ outcome: 'phoned mother', extra: { 'Attendance %': '80%' }, reference: 'R1', sequence: '2' });
    expect(c.issues.filter((i) => i.code === 'summary-composed').map((i) => i.line)).toEqual([2, 3, 4]);
  });
  it('is made for every row, and the type kept as the type, when the file has no event column at all', () => {
    const c = read('hv.csv', 'Date,Contact Type,Worker\n21/02/2021,Home visit,SW1\n22/02/2021,,SW2\n23/02/2021,,\n');
    expect(c.events.map((e) => [e.summary, e.type, e.flags])).toEqual([
      ['Contact Type: Home visit; Worker: SW1', 'Home visit', ['no-summary']],
      ['Worker: SW2', undefined, ['no-summary']],
      ['', undefined, ['no-summary']],
    ]);
    // One warning for the file, not one note per row; the row with no text at all is warned about.
    expect(c.issues.map((i) => [i.line, i.severity, i.code])).toEqual([[1, 'warning', 'no-summary-column'], [4, 'warning', 'no-event-text']]);
    expect(c.report).toMatchObject({ rows: 3, events: 3, unusable: 0 });
  });
});

describe('date order per file', () => {
  it('recognises a month-first export from its values and says so', () => {
    const c = read('sys.csv', 'Date,Event\n03/04/2021,a\n03/14/2021,b\n');
    expect(c.report).toMatchObject({ dateOrder: 'month-first', dateOrderFrom: 'values' });
    expect(c.events.map((e) => e.date.start)).toEqual(['2021-03-04', '2021-03-14']);
    expect(c.issues[0]).toMatchObject({ code: 'date-order-month-first', line: 3 });
  });
  it('keeps an ambiguous file day-first and says so', () => {
    const c = read('amb.csv', 'Date,Event\n03/04/2021,a\n05/06/2021,b\n');
    expect(c.report).toMatchObject({ dateOrder: 'day-first', dateOrderFrom: 'ambiguous' });
    expect(c.events[0]!.date.start).toBe('2021-04-03');
    expect(c.issues[0]!.code).toBe('date-order-assumed');
  });
  it('keeps a conflicting file day-first, reports the conflict and the impossible rows', () => {
    const c = read('mix.csv', 'Date,Event\n14/03/2021,a\n03/14/2021,b\n');
    expect(c.report).toMatchObject({ dateOrder: 'day-first', dateOrderFrom: 'ambiguous', unusable: 1 });
    expect(c.issues.map((i) => i.code)).toEqual(['date-order-conflict', 'date-impossible']);
  });
  it('can be forced either way', () => {
    expect(read('a.csv', 'Date,Event\n03/04/2021,a\n', { dateOrder: 'month-first' }).events[0]!.date.start).toBe('2021-03-04');
    expect(read('a.csv', 'Date,Event\n03/04/2021,a\n', { profiles: [{ dateOrder: 'month-first' }] }).events[0]!.date.start).toBe('2021-03-04');
  });
});

describe('dates from several columns', () => {
  it('combines a date with a separate time, and keeps both texts', () => {
    const c = read('ed.csv', 'ARRIVAL_DATE,Arrival Time,Presenting Complaint\n2021-03-14,2205,Head injury\n2021-03-15,9.30pm,Fall\n');
    expect(c.events.map((e) => [e.date.start, e.date.text])).toEqual([['2021-03-14T22:05', '2021-03-14 2205'], ['2021-03-15T21:30', '2021-03-15 9.30pm']]);
  });
  it('never attaches a time to a month', () => {
    const c = read('x.csv', 'Date,Time,Event\nApril 2021,10:00,Something\n');
    expect(c.events[0]!.date).toMatchObject({ start: '2021-04-01', precision: 'month' });
    expect(c.issues[0]!.code).toBe('time-ignored');
  });
  it('reads start and end columns as a range', () => {
    const c = read('x.csv', 'Start Date,End Date,Event\n01/06/2021,05/06/2021,Admission\n');
    expect(c.events[0]!.date).toMatchObject({ start: '2021-06-01', end: '2021-06-05', precision: 'day' });
  });
});

describe('profiles are checked whole before use', () => {
  it.each([
    [{ delimiter: ':' }, 'delimiter'], [{ columns: { When: 'when' } }, 'columns.When'], [{ headerLine: 0 }, 'headerLine'],
    [{ colums: {} }, 'colums'], [{ dateOrder: 'US' }, 'dateOrder'], [{ synonyms: { summary: 'What' } }, 'synonyms.summary'],
  ])('%j names the key %s', (profile, key) => {
    expect(() => validateProfiles(profile, 'p.json')).toThrow(expect.objectContaining({ code: 'profile-invalid', message: expect.stringContaining(`"${key}"`) }));
  });
  it('applies only to the files it names', () => {
    const profiles = validateProfiles([{ files: ['police*.csv'], agency: 'Police' }], 'p.json');
    expect(read('police_2021.csv', 'Date,Event\n01/01/2021,a\n', { profiles }).report.agency).toBe('Police');
    expect(read('gp.csv', 'Date,Event\n01/01/2021,a\n', { profiles }).report.agency).toBe('GP');
  });
});

import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { csvCell, timelineCsvChunks } from '../../src/export/csv.js';
import { timelineJsonChunks } from '../../src/export/json.js';
import { markdownCell, timelineMarkdownChunks } from '../../src/export/markdown.js';

const timeline = merge([ingest({ file: 'x.csv', content: [
  'Date,Time,Event,Outcome,Significance',
  '01/02/2021,09:00,"=HYPERLINK(""http://evil"",""click"")",+44 7700 900000,-1 missed',
  '02/02/2021,,@SUM(A1),"\tTabbed",ordinary',
  'April 2021,,Month only | with a pipe,"multi',
  'line",',
  '2021,,Year only,,',
].join('\r\n') })]);

describe('CSV export', () => {
  const csv = [...timelineCsvChunks(timeline)].join('');
  const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  it.each([
    ['=1+1', "'=1+1"], ['+44', "'+44"], ['-1', "'-1"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', "\"'\rx\""],
    ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'],
  ])('neutralises and quotes %j', (input, output) => expect(csvCell(input)).toBe(output));
  it('starts with a BOM and uses CRLF', () => {
    expect(csv.startsWith('\uFEFFDate,Time,Agency,Team,Type,Event,Outcome,Significance,Source,Linked with,Notes\r\n')).toBe(true);
    // Outside quoted cells: the heading and the four events, each ended by CRLF and nothing else.
    const unquoted = csv.replace(/"(?:[^"]|"")*"/g, '""');
    expect(unquoted.split('\r\n')).toHaveLength(6);
    expect(unquoted.endsWith('\r\n')).toBe(true);
    expect(unquoted.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // Inside one, the line break the agency wrote.
    expect(csv).toContain('"multi\r\nline"');
  });
  it('no cell that Excel would read as a formula', () => {
    expect(rows).toHaveLength(5);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[2]![5]).toBe('\'=HYPERLINK("http://evil","click")');
  });
  it('shows dates as written, never inventing a day', () => {
    expect(rows.map((r) => r[0])).toEqual(['Date', '2021', '01/02/2021', '02/02/2021', 'April 2021']);
    expect(rows[1]![10]).toBe('sorted at the start of its period');
    expect(rows[4]![10]).toBe('sorted at the start of its period');
    expect(rows[2]![1]).toBe('09:00');
  });
  it('gives the source as file:line', () => expect(rows[2]![8]).toBe('x.csv:2'));
});

describe('Markdown export', () => {
  it('escapes pipes and keeps one table row per event', () => {
    expect(markdownCell('a | b\nc')).toBe('a \\| b<br>c');
    const md = [...timelineMarkdownChunks(timeline)].join('');
    expect(md).toMatch(/\| April 2021 \|  \| X \|  \|  \| Month only \\\| with a pipe \| multi<br>line \|/);
  });
  it('counts in its heading in the singular for one and the plural otherwise', () => {
    const heading = (csvs: string[][]): string => [...timelineMarkdownChunks(merge(csvs.map((rows, i) => ingest({ file: `f${i}.csv`, content: rows.join('\n') }))))][0]!;
    const one = heading([['Date,Event', '01/02/2021,Strategy discussion held', 'soon,Unreadable'], ['Date,Event', '01/02/2021,Strategy discussion held']]);
    expect(one).toMatch(/^# Merged chronology\n\n3 events from 2 files and 2 agencies, 01\/02\/2021 to 01\/02\/2021; 1 row could not be used as it stands, 0 were outside the review scope; 1 real-world event was recorded by more than one agency \(2 records linked\)\./);
    const none = heading([['Date,Event', '01/02/2021,Seen', 'soon,a', 'later,b']]);
    expect(none).toMatch(/; 2 rows could not be used as they stand, 0 were outside the review scope; 0 real-world events were recorded by more than one agency \(0 records linked\)\./);
  });
});

describe('JSON export', () => {
  it('is valid JSON with events in the documented key order', () => {
    const j = JSON.parse([...timelineJsonChunks(timeline)].join(''));
    expect(Object.keys(j.events[2])).toEqual(['id', 'agency', 'date', 'summary', 'outcome', 'significance', 'extra', 'source', 'flags']);
    expect(Object.keys(j.events[0])).toEqual(['id', 'agency', 'date', 'summary', 'extra', 'source', 'flags']);
    expect(j.events[0].date).toEqual({ start: '2021-01-01', precision: 'year', text: '2021' });
  });
  it('is valid for an empty timeline too', () => {
    const empty = merge([]);
    expect(JSON.parse([...timelineJsonChunks(empty)].join('')).events).toEqual([]);
  });
});

describe('the team and the period a heading gives, in every export', () => {
  // A social care duty log: "Week Commencing" days, a "Service" column of teams.
  const weekly = merge([ingest({ file: 'csc.csv', content: [
    'Week Commencing,Service,Details',
    '13/09/2021,Duty Team,Contact from school',
    '20/09/2021,MASH,Checks with health',
    '27/09/2021 14:00,Duty Team,Strategy discussion',
  ].join('\n') }), ingest({ file: 'school.csv', content: 'W/E,Details\n17/09/2021,Attendance 80%\n' })]);
  const csvRows = Papa.parse<string[]>([...timelineCsvChunks(weekly)].join('').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const md = [...timelineMarkdownChunks(weekly)].join('');
  it('CSV: a week-commencing day is shown as its week, never as a single day; a time the cell gives is kept', () => {
    // The week ending Friday 17/09/2021 starts on Saturday 11/09/2021.
    expect(csvRows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[5], r[10]])).toEqual([
      ['w/c 11/09/2021', '', 'School', '', 'Attendance 80%', 'sorted at the start of its period'],
      ['w/c 13/09/2021', '', 'CSC', 'Duty Team', 'Contact from school', 'sorted at the start of its period'],
      ['w/c 20/09/2021', '', 'CSC', 'MASH', 'Checks with health', 'sorted at the start of its period'],
      ['27/09/2021', '14:00', 'CSC', 'Duty Team', 'Strategy discussion', ''],
    ]);
  });
  it('Markdown: the same', () => {
    expect(md).toContain('| w/c 13/09/2021 |  | CSC | Duty Team |  | Contact from school |');
    expect(md).toContain('| w/c 11/09/2021 |  | School |  |  | Attendance 80% |');
    expect(md).not.toMatch(/\| (13|20)\/09\/2021 \|/);
    expect(md).not.toMatch(/\| 17\/09\/2021 \|/);
  });
  it('JSON: the team after the practitioner, the week with its end', () => {
    const j = JSON.parse([...timelineJsonChunks(weekly)].join(''));
    const e = j.events.find((x: { id: string }) => x.id === 'csc-2');
    expect(e).toMatchObject({ agency: 'CSC', team: 'Duty Team', date: { start: '2021-09-13', end: '2021-09-19', precision: 'week', text: '13/09/2021' } });
    expect(Object.keys(e)).toEqual(['id', 'agency', 'date', 'summary', 'team', 'extra', 'source', 'flags']);
    expect(j.files[0].columns).toEqual([
      { heading: 'Week Commencing', index: 0, role: 'date', period: 'week-start' },
      { heading: 'Service', index: 1, role: 'team', from: 'values' },
      { heading: 'Details', index: 2, role: 'summary' },
    ]);
  });
});

describe('what the Linked with and Notes columns say', () => {
  const t = merge([
    ingest({ file: 'ed.csv', content: 'Date,Time,Event\n03/02/2022,16:40,DOG BITE L HAND WOUND CLEANED\n' }),
    ingest({ file: 'hv.csv', content: 'Date,Event,Action\n05/02/2022,"Discharge letter received, seen in ED 03/02 with a dog bite to the hand",\n06/02/2022,,Phoned mother\n' }),
  ]);
  const rows = Papa.parse<string[]>([...timelineCsvChunks(t)].join('').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const row = (source: string): string[] => rows.find((r) => r[8] === source)!;
  it('a record that reports an earlier one says so, and the one reported says by whom', () => {
    expect(row('hv.csv:2')[9]).toBe('reports ED (ed-2)');
    expect(row('ed.csv:2')[9]).toBe('reported by HV (hv-2)');
  });
  it('a row whose text was made from its other cells says so', () => {
    expect(row('hv.csv:3')[5]).toBe('Action: Phoned mother');
    expect(row('hv.csv:3')[10]).toBe('event text made from the row\'s other cells (or none): see issues');
  });
});

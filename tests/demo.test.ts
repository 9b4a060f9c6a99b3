/**
 * The bundled demo case against the results written down for it (fixtures/demo/expected.json,
 * with line numbers read back from the generated files, not counted by hand).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSlugs, ingest } from '../src/ingest/ingest.js';
import { merge } from '../src/timeline/merge.js';
import { timelineJsonChunks } from '../src/export/json.js';
import type { AgencyChronology } from '../src/model/types.js';
import { DEMO_PROFILES } from './helpers/demo.js';

interface ExpectedFile {
  file: string; encoding: string; delimiter: string; headerLine: number; preambleLines: number; rows: number;
  blankRows: number; unusable: number; agency: string; agencyFrom: string; order: string; dateOrder: string;
  bad: Array<{ line: number; date: string; reason: string }>;
  composed: Array<{ line: number; summary: string }>;
}
interface Member { file: string; line: number }
const DIR = 'fixtures/demo';
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  files: ExpectedFile[]; links: Array<{ what: string; members: Member[] }>; notLinked: Array<{ why: string; members: Member[] }>;
};

function ingestDemo(): AgencyChronology[] {
  const names = expected.files.map((f) => join(DIR, f.file));
  const slugs = fileSlugs(names);
  return names.map((file, i) => ingest({ file, content: readFileSync(file) }, { profiles: DEMO_PROFILES, idPrefix: slugs[i] }));
}

const chronologies = ingestDemo();
const timeline = merge(chronologies);
const idOf = (m: Member): string => {
  const e = timeline.events.find((x) => x.source.file === join(DIR, m.file) && x.source.line === m.line);
  if (!e) throw new Error(`no event at ${m.file}:${m.line}`);
  return e.id;
};

describe('demo case: each agency file is read as written down', () => {
  it('has six agencies, each file in its own shape', () => {
    // EXPECTED.md, "Per file": one agency per file, six files.
    expect(timeline.files.map((f) => f.agency).sort()).toEqual(['Children\'s Social Care', 'GP', 'Health Visiting', 'Northmoor Hospital ED', 'Police', 'School']);
    expect(new Set(timeline.files.map((f) => `${f.encoding}/${f.delimiter}`)).size).toBe(timeline.files.length);
  });
  it('has the facts EXPECTED.md writes down, so the checks below are not run over nothing', () => {
    expect(expected.files.map((f) => f.file).sort()).toEqual(['csc_case_notes.csv', 'gp.csv', 'health_visiting.csv', 'hospital_ed.csv', 'police.csv', 'school.csv']);
    // "Deliberately bad rows": five; "Rows without event text of their own": one.
    expect(expected.files.flatMap((f) => f.bad.map((b) => `${f.file}:${b.line}`)).sort()).toEqual(['csc_case_notes.csv:12', 'csc_case_notes.csv:29', 'gp.csv:9', 'police.csv:18', 'school.csv:17']);
    expect(expected.files.flatMap((f) => f.composed.map((k) => `${f.file}:${k.line}`))).toEqual(['health_visiting.csv:15']);
    // "Cross-agency groups that should be linked": ten; "Pairs that must NOT be linked": ten, each a pair.
    expect(expected.links).toHaveLength(10);
    expect(expected.notLinked.map((n) => n.members.length)).toEqual(Array(10).fill(2));
  });
  it.each(expected.files.map((f) => [f.file, f] as const))('%s', (_name, f) => {
    const c = chronologies.find((x) => x.report.file === join(DIR, f.file))!;
    expect(c.report).toMatchObject({
      encoding: f.encoding, delimiter: f.delimiter, headerLine: f.headerLine, preambleLines: f.preambleLines, rows: f.rows,
      blankRows: f.blankRows, unusable: f.unusable, agency: f.agency, agencyFrom: f.agencyFrom, order: f.order, dateOrder: f.dateOrder,
    });
    // The invariant: every data row is a usable event or a reported unusable row, counted once.
    expect(c.report.rows).toBe(c.report.events + c.report.unusable);
    expect(c.events).toHaveLength(c.report.rows);
    const errorLines = c.issues.filter((i) => i.severity === 'error').map((i) => i.line);
    expect(errorLines).toEqual(f.bad.map((b) => b.line));
    for (const b of f.bad) {
      const e = c.events.find((x) => x.source.line === b.line)!;
      expect(e.flags).toContain('unusable');
      expect(e.date.text).toContain(b.date);
    }
    // Rows with a blank summary but text elsewhere: usable events, their text made from the row.
    for (const k of f.composed) {
      const e = c.events.find((x) => x.source.line === k.line)!;
      expect(e.summary).toBe(k.summary);
      expect(e.flags).toEqual(['no-summary']);
      expect(c.issues.filter((i) => i.line === k.line).map((i) => [i.severity, i.code])).toEqual([['info', 'summary-composed']]);
    }
    expect(c.events.filter((e) => e.flags.includes('no-summary')).map((e) => e.source.line)).toEqual(f.composed.map((k) => k.line));
  });
  it('health_visiting.csv line 15 (05/10/2021, Summary blank) is a home visit by the health visitor, not an unusable row', () => {
    const c = chronologies.find((x) => x.report.file === join(DIR, 'health_visiting.csv'))!;
    const e = c.events.find((x) => x.source.line === 15)!;
    expect(e).toMatchObject({
      summary: 'Contact Type: Home visit; Practitioner: Sarah Lowe, Health Visitor', type: 'Home visit', practitioner: 'Sarah Lowe, Health Visitor',
      date: { start: '2021-10-05', precision: 'day', text: '05/10/2021' }, flags: ['no-summary'],
    });
    // 19 rows, none with an unreadable date.
    expect(c.report).toMatchObject({ rows: 19, events: 19, unusable: 0 });
  });
});

describe('demo case: cross-agency links', () => {
  // The groups written down are records of one real-world event (same-event links); records that
  // report an earlier event (refers-to) are the timeline's own tests' business.
  const sameEvent = timeline.links.filter((l) => l.kind === 'same-event');
  it('finds exactly the groups written down, no more', () => {
    const got = sameEvent.map((l) => [...l.events].sort());
    const want = expected.links.map((l) => l.members.map(idOf).sort());
    expect(got.sort()).toEqual(want.sort());
  });
  it.each(expected.notLinked.map((n) => [n.why, n.members] as const))('does not link: %s', (_why, members) => {
    const ids = members.map(idOf);
    expect(sameEvent.some((l) => ids.every((id) => l.events.includes(id)))).toBe(false);
  });
});

describe('demo case: the merged chronology', () => {
  it('keeps every row of every file, usable or not', () => {
    expect(timeline.events).toHaveLength(expected.files.reduce((n, f) => n + f.rows, 0));
    expect(new Set(timeline.events.map((e) => e.id)).size).toBe(timeline.events.length);
  });
  it('is in date order with undated rows last', () => {
    const dated = timeline.events.filter((e) => e.date.precision !== 'unknown').map((e) => e.date.start.slice(0, 10));
    expect(dated).toEqual([...dated].sort());
    // The five deliberately bad rows, and only they, come last: 115 - 5 = 110 dated first.
    const firstUndated = timeline.events.findIndex((e) => e.date.precision === 'unknown');
    expect(firstUndated).toBe(110);
    expect(timeline.events.slice(firstUndated).map((e) => e.date.precision)).toEqual(Array(5).fill('unknown'));
  });
  it('brings Windows-1252 and UTF-16 text through intact', () => {
    const text = JSON.stringify(timeline.events.map((e) => [e.summary, e.outcome, e.extra]));
    expect(text).toContain('£');
    expect(text).toContain('Zoë');
    expect(text).toMatch(/[“”’]/);
  });
  it('merges the same whatever order the files are given in', () => {
    const reversed = merge([...chronologies].reverse());
    expect(reversed.events.map((e) => e.id)).toEqual(timeline.events.map((e) => e.id));
    expect(reversed.links).toEqual(timeline.links);
  });
  it('gives byte-identical JSON on a second run', () => {
    const a = [...timelineJsonChunks(timeline)].join('');
    const b = [...timelineJsonChunks(merge(ingestDemo()))].join('');
    expect(b).toBe(a);
  });
});

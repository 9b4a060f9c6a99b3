/** The `throughline` command end to end, as a report author runs it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BIN, DEMO, run, tempFolders } from '../helpers/cli.js';

const tmp = tempFolders('cli');

describe('help and usage', () => {
  it('prints help and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: throughline <command>/);
    const m = run(['merge', '--help']);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/--from DATE/);
  });
  it.each([
    [['merge'], /at least one agency file/],
    [['merge', ...DEMO, '--format', 'xml'], /--format xml: expected one of json, csv, md/],
    [['merge', ...DEMO, '--colour'], /unknown option --colour\n/],
    [['merge', ...DEMO, '--agency', 'Police'], /expected NAME=FILE/],
    [['merge', ...DEMO, '--date-order', 'US'], /day-first or month-first/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 on bad usage: %j', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('merge on the demo case', () => {
  it('writes the documented JSON', () => {
    const out = join(tmp(), 'merged.json');
    const r = run(['merge', ...DEMO, '--format', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/115 events from 6 files/);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(j)).toEqual(['version', 'scope', 'agencyOrder', 'stats', 'files', 'links', 'issues', 'events']);
    expect(j.version).toBe('1.1');
    expect(j.events).toHaveLength(115);
    // The ten groups written down in fixtures/demo/EXPECTED.md.
    expect(j.links.filter((l: { kind: string }) => l.kind === 'same-event')).toHaveLength(10);
    expect(j.files.map((f: { file: string }) => f.file)).toEqual(DEMO);
    const april = j.events.find((e: { date: { text: string } }) => e.date.text === 'April 2021');
    expect(april.date).toEqual({ start: '2021-04-01', precision: 'month', text: 'April 2021' });
    expect(april.source.file).toBe('fixtures/demo/csc_case_notes.csv');
    expect(april.agency).toBe("Children's Social Care");
  });
  it('writes CSV a report author can open in Excel, month precision kept', () => {
    const r = run(['merge', ...DEMO, '--format', 'csv']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('\uFEFFDate,Time,Agency,Team,Type,Event,Outcome,Significance,Source,Linked with,Notes\r\n')).toBe(true);
    expect(r.stdout).toMatch(/\r\nApril 2021,,Children's Social Care,/);
    expect(r.stdout).toMatch(/fixtures\/demo\/police\.csv:\d+/);
  });
  it('stops quietly when the reader closes the pipe early (| head)', () => {
    // Far more output than a pipe holds, so the writer is still writing when head has gone.
    const big = join(tmp(), 'big.csv');
    writeFileSync(big, ['Date,Event', ...Array.from({ length: 20_000 }, (_, i) => `01/02/2021,Entry number ${i} with some words`)].join('\n'));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" merge "${big}" --format json | head -c 10`], { encoding: 'utf8' });
    expect(r.stdout).toBe('{\n "versio');
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
  });
  it('writes Markdown by default', () => {
    const r = run(['demo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Merged chronology/);
    expect(r.stdout).toMatch(/\| Date \| Time \| Agency \|/);
  });
  it('gives byte-identical output on two runs, in every format', () => {
    // Each format holds the 115 events (EXPECTED.md: 15 + 33 + 19 + 14 + 13 + 21 data rows), so two
    // empty or cut outputs cannot pass as identical.
    const events: Record<string, (out: string) => number> = {
      json: (out) => JSON.parse(out).events.length,
      csv: (out) => Papa.parse<string[]>(out.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true }).data.length - 1,
      md: (out) => out.slice(out.indexOf('\n## Chronology\n')).split('\n').filter((l) => l.startsWith('| ')).length - 2,
    };
    for (const format of ['json', 'csv', 'md']) {
      const a = run(['merge', ...DEMO, '--format', format]).stdout;
      const b = run(['merge', ...DEMO, '--format', format]).stdout;
      expect(events[format]!(a), format).toBe(115);
      expect(b).toBe(a);
    }
  });
  it('applies the review scope and counts what it excluded', () => {
    const out = join(tmp(), 'scoped.json');
    const r = run(['merge', ...DEMO, '--from', '01/01/2022', '--to', '2022', '--out', out]);
    expect(r.status).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.scope).toEqual({ from: '2022-01-01', to: '2022-12-31', includeOutOfScope: false });
    // By hand, from the date cells of fixtures/demo: the rows dated in 2022 are police 6, CSC 11,
    // health visiting 4, GP 5, ED 6, school 9 (41); the 5 undated rows (EXPECTED.md, "Deliberately
    // bad rows") are always in scope; every other row lies wholly in 2021 (school's 44545 is
    // 15/12/2021): 115 - 46 = 69 out of scope.
    expect(j.stats.outOfScope).toBe(69);
    expect(j.events).toHaveLength(46);
    expect(j.events.filter((e: { date: { precision: string } }) => e.date.precision === 'unknown')).toHaveLength(5);
    expect(j.events.filter((e: { date: { start: string; precision: string } }) => e.date.precision !== 'unknown' && e.date.start < '2022')).toEqual([]);
  });
});

describe('inputs that are not chronologies', () => {
  it('exits 1 with one clear message per bad file and writes nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'addresses.csv'), 'Name,Address\nA,B\n');
    writeFileSync(join(dir, 'empty.csv'), '');
    const out = join(dir, 'merged.json');
    const r = run(['merge', ...DEMO, join(dir, 'addresses.csv'), join(dir, 'empty.csv'), '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/addresses\.csv: not a chronology .*no header row with a date column/);
    expect(r.stderr).toMatch(/empty\.csv: the file is empty/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['addresses.csv', 'empty.csv']);
  });
  it('exits 1 for a missing file, without a stack trace', () => {
    const r = run(['merge', 'no/such/file.csv']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no\/such\/file\.csv: cannot read the file \(no such file\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it.each([
    ['a folder that does not exist', (dir: string) => join(dir, 'no', 'such', 'folder', 'merged.json'), /cannot write the output \(its folder does not exist\)/],
    ['a folder', (dir: string) => dir, /cannot write the output \(it is a folder\)/],
    ['a path through a file', (dir: string) => join(dir, 'a.json', 'merged.json'), /cannot write the output \(a part of the path is a file, not a folder\)/],
  ])('exits 1 when --out is %s, saying why, without a stack trace, leaving nothing behind', (_, outOf, message) => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.json'), '{}');
    const r = run(['merge', ...DEMO, '--out', outOf(dir)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
  it('counts in plain English on the summary line (1 event, not 1 events)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'gp.csv'), 'Date,Event\n01/02/2021,Visit\n');
    const r = run(['merge', join(dir, 'gp.csv'), '--out', join(dir, 'm.json')]);
    expect(r.stderr).toMatch(/1 event from 1 file \(1 agency\); 0 rows unusable, 0 out of scope, 0 cross-agency links, 0 records reporting an earlier event; issues: 0 errors, 0 warnings/);
  });
  it('names an option file that cannot be read or parsed, in plain words', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'rules.json'), '{bad');
    const bad = run(['merge', ...DEMO, '--link-rules', join(dir, 'rules.json')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/rules\.json: the link rules file is not valid JSON/);
    const missing = run(['merge', ...DEMO, '--link-rules', join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the link rules file \(no such file\)/);
  });
  it('exits 1 for a malformed profile, naming the key', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ delimiter: 'comma' }));
    const r = run(['merge', ...DEMO, '--profile', join(dir, 'p.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/profile key "delimiter" is invalid/);
  });
  it('--strict exits 1 when rows could not be used', () => {
    expect(run(['merge', ...DEMO, '--strict', '--format', 'json']).status).toBe(1);
  });
});

describe("a case folder's own profile (throughline.profile.json)", () => {
  const agencies = (r: { stdout: string }): Record<string, string> =>
    Object.fromEntries(JSON.parse(r.stdout).files.map((f: { file: string; agency: string; agencyFrom: string }) => [f.file.replace(/^.*[\\/]/, ''), `${f.agency} (${f.agencyFrom})`]));
  const folders = (): { a: string; b: string } => {
    const dir = tmp();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    for (const f of [join(a, 'csc.csv'), join(a, 'gp.csv'), join(b, 'csc.csv')]) writeFileSync(f, 'Date,Event\n01/02/2021,Visit\n');
    writeFileSync(join(a, 'throughline.profile.json'), JSON.stringify({ files: ['csc*.csv'], agency: "Children's Social Care" }));
    return { a, b };
  };
  it('applies to the files of its folder only, as its files globs choose', () => {
    const { a, b } = folders();
    const r = run(['merge', join(a, 'csc.csv'), join(a, 'gp.csv'), join(b, 'csc.csv'), '--format', 'json']);
    expect(r.status).toBe(0);
    const files = JSON.parse(r.stdout).files.map((f: { agency: string; agencyFrom: string }) => `${f.agency} (${f.agencyFrom})`);
    expect(files).toEqual(["Children's Social Care (profile)", 'GP (file-name)', 'CSC (file-name)']);
  });
  it('is overridden by --profile, key by key, and by --agency', () => {
    const { a } = folders();
    writeFileSync(join(a, 'p.json'), JSON.stringify({ files: ['csc.csv'], agency: 'Early Help' }));
    expect(agencies(run(['merge', join(a, 'csc.csv'), '--profile', join(a, 'p.json'), '--format', 'json']))).toEqual({ 'csc.csv': 'Early Help (profile)' });
    expect(agencies(run(['merge', '--agency', `Youth Justice=${join(a, 'csc.csv')}`, '--format', 'json']))).toEqual({ 'csc.csv': 'Youth Justice (option)' });
  });
  it('a malformed one is named, and nothing is written', () => {
    const { a } = folders();
    writeFileSync(join(a, 'throughline.profile.json'), JSON.stringify({ agnecy: 'X' }));
    const r = run(['merge', join(a, 'gp.csv'), '--format', 'json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/throughline\.profile\.json: profile key "agnecy" is invalid/);
  });
});

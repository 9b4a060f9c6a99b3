/** `throughline analyse` end to end. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, run, tempFolders } from '../helpers/cli.js';

const tmp = tempFolders('analyse');

describe('throughline analyse', () => {
  it('writes the documented JSON from agency files', () => {
    const out = join(tmp(), 'analysis.json');
    const r = run(['analyse', ...DEMO, '--child', 'L,Lacey', '--dob', '14/08/2019', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(j)).toEqual(['version', 'child', 'scope', 'gaps', 'patterns', 'referrals', 'network', 'episodes', 'balance', 'knowledge', 'grid', 'sightings', 'timing']);
    expect(j.version).toBe('1.2');
    expect(Object.keys(j.knowledge)).toEqual(['incidents', 'learned', 'decisions', 'agencies', 'notPlaced']);
    expect(Object.keys(j.gaps)).toEqual(['overall', 'byAgency', 'childNotSeen']);
    expect(j.gaps.childNotSeen[1]).toMatchObject({ from: '2021-12-12', to: '2022-03-09', days: 87 });
    // One finding per rule of src/analytics/rules.json: L's six ED attendances, each three within
    // 365 days, are one run (analysis-by-hand.json).
    expect(j.patterns.map((p: { rule: string }) => p.rule).sort()).toEqual([
      'domestic-abuse-callouts', 'low-school-attendance', 'missed-health-appointments', 'repeat-ed-attendances',
      'repeat-nfa-referrals', 'worker-changes',
    ]);
    expect(j.patterns.filter((p: { events: string[] }) => p.events.length < 2)).toEqual([]);
    // police.csv line 5 (29/10/2022): "PPN to CSC", a referral from the police to children's social care.
    expect(j.referrals).toContainEqual(expect.objectContaining({ event: 'police-5', from: 'Police', to: "Children's Social Care" }));
    expect(j.referrals.filter((x: { event: string; from: string; to: string }) => !(x.event && x.from && x.to))).toEqual([]);
    expect(j.child).toMatchObject({ names: ['L', 'Lacey', 'child', 'baby', 'infant'], confirmed: true, dob: '2019-08-14' });
    expect(j.child.found.map((n: { name: string; how: string[] }) => [n.name, n.how])).toEqual([['L', ['given']], ['Lacey', ['given']], ['child', ['rules']], ['baby', ['rules']], ['infant', ['rules']]]);
    expect(j.gaps.childNotSeen.filter((g: object) => 'provisional' in g)).toEqual([]);
    expect(r.stderr).toContain('longest period the child was not seen: 166 days;');
  });
  it('without --child: infers L, says so, and marks the not-seen periods provisional', () => {
    const r = run(['analyse', ...DEMO, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.child).toMatchObject({ names: ['L', 'child', 'baby', 'infant'], confirmed: false });
    expect(j.child.found[0]).toMatchObject({ name: 'L', how: ['subjects', 'child-label', 'seen-records'] });
    expect(j.gaps.childNotSeen[0]).toMatchObject({ from: '2022-03-22', to: '2022-09-04', days: 166, provisional: true });
    expect(r.stderr).toContain("longest period the child was not seen: 166 days (provisional: the child's name inferred as L; give --child to confirm)");
    const md = run(['analyse', ...DEMO]);
    expect(md.stdout).toContain("provisional: the child's name was inferred as L (");
  });
  it('--link-rules gives the meetings that {meeting} stands for', () => {
    const dir = tmp();
    const shipped = JSON.parse(readFileSync('src/timeline/link-rules.json', 'utf8'));
    writeFileSync(join(dir, 'links.json'), JSON.stringify({ ...shipped, meetings: [{ name: 'huddle', pattern: '\\bhuddle\\b' }] }));
    writeFileSync(join(dir, 'hv.csv'), 'Date,Summary\n01/03/2021,L was not brought to clinic\n02/03/2021,HV did not attend the huddle\n');
    const missed = (args: string[]) => JSON.parse(run(['analyse', join(dir, 'hv.csv'), '--child', 'L', '--format', 'json', ...args]).stdout)
      .patterns.filter((p: { rule: string }) => p.rule === 'missed-health-appointments').map((p: { events: string[] }) => p.events);
    expect(missed([])).toEqual([['hv-2', 'hv-3']]);
    expect(missed(['--link-rules', join(dir, 'links.json')])).toEqual([]);
  });
  it('gives the same findings from a saved merge, with the same event ids', () => {
    const dir = tmp();
    expect(run(['merge', ...DEMO, '--out', join(dir, 'merged.json')]).status).toBe(0);
    const fromJson = run(['analyse', join(dir, 'merged.json'), '--child', 'L', '--format', 'json']);
    const fromCsv = run(['analyse', ...DEMO, '--child', 'L', '--format', 'json']);
    expect(fromJson.status, fromJson.stderr).toBe(0);
    expect(fromJson.stdout).toBe(fromCsv.stdout);
  });
  it('writes a Markdown report that cites file and line', () => {
    const r = run(['analyse', ...DEMO, '--child', 'L']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Analysis of the merged chronology/);
    expect(r.stdout).toMatch(/## Periods when no agency saw the child/);
    // What each agency knew: CSC's MASH decision of 16/03/2021 (csc_case_notes.csv:7) knew of the
    // police call-out of 14/03 from the police record's PPN to CSC (fixtures/demo/knowledge-by-hand.md).
    expect(r.stdout).toContain("**16/03/2021, Children's Social Care: no further action** (csc-case-notes-7 (");
    expect(r.stdout).toMatch(/- police-17 \([^)]*police\.csv:17\) of 14\/03\/2021, 2 days before: since 14\/03\/2021 \(told by another agency, police-17\)/);
    expect(r.stdout).toMatch(/gp-10 \(fixtures\/demo\/gp\.csv:10\)/);
  });
  it('refuses malformed rules, episodes and tags files naming the key, writing nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'rules.json'), JSON.stringify({ patterns: [{ id: 'p', kind: 'often', title: 't', match: 'x', min: 2 }] }));
    writeFileSync(join(dir, 'episodes.json'), JSON.stringify([{ title: 'June', from: 'soon', to: '30/06/2021' }]));
    writeFileSync(join(dir, 'tags.json'), JSON.stringify({ 'police-2': 'great' }));
    const out = join(dir, 'a.json');
    for (const [flag, file, key] of [['--rules', 'rules.json', 'patterns[0].kind'], ['--episodes', 'episodes.json', '[0]'], ['--tags', 'tags.json', 'police-2']] as const) {
      const r = run(['analyse', ...DEMO, flag, join(dir, file), '--out', out]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`"${key}" is invalid`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir).sort()).toEqual(['episodes.json', 'rules.json', 'tags.json']);
  });
  it('uses the reviewer\'s episodes', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'episodes.json'), JSON.stringify([{ title: 'The first ICPC', from: '20/06/2021', to: '30/06/2021' }]));
    const j = JSON.parse(run(['analyse', ...DEMO, '--episodes', join(dir, 'episodes.json'), '--format', 'json']).stdout);
    expect(j.episodes[0]).toMatchObject({ id: 'kpe-1', title: 'The first ICPC', from: '2021-06-20', to: '2021-06-30', source: 'user' });
    expect(j.episodes[0].events).toEqual(expect.arrayContaining(['csc-case-notes-20', 'police-12', 'school-9', 'health-visiting-8', 'gp-6']));
  });
});

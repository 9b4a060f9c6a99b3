/** `throughline rca` end to end on the demo case's RCA. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, run } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'throughline-rca-'));
const TIMELINE = join(dir, 'merged.json');

beforeAll(() => {
  expect(run(['merge', ...DEMO, '--out', TIMELINE]).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('throughline rca', () => {
  it('analyses the demo why-chain against the demo chronology and writes the documented JSON', () => {
    const r = run(['rca', 'fixtures/rca/child-l.whys.txt', '--timeline', TIMELINE, '--framework', 'safeguarding', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBe('1.0');
    for (const key of ['problems', 'cycles', 'unconfirmed', 'leverage', 'lint', 'actions', 'validation', 'evidence', 'depth', 'categories']) expect(j).toHaveProperty(key);
    expect(j.problems).toHaveLength(1);
    const p = j.problems[0];
    expect(p.problem).toBe('P1');
    // By hand from fixtures/rca/child-l.whys.txt: the causes nothing is indented under are c3, c5,
    // c7, c10, c13 and c14 (key order: c10 < c13 < c14 < c3 < c5 < c7). Paths to P1: c3-c2-c1,
    // c5-c4-c1, c7-c6-c1 and c7-c6-c8 (c6 is also under c8, by @c6), c10-c9-c8, c13-c12-c11, c14:
    // 7. Only c10 has neither [evidence] nor [document]; c14 is refuted by school-21 and school-24.
    expect(p.rootCauses).toEqual(['c10', 'c13', 'c14', 'c3', 'c5', 'c7']);
    expect(p.pathCount).toBe('7');
    expect(j.evidence.unknownEvents).toEqual([]);
    expect(j.unconfirmed).toEqual(['c10']);
    expect(j.refuted).toEqual([{ cause: 'c14', evidence: ['ev:school-21', 'ev:school-24'] }]);
    expect(j.errors).toBe(0);
  });
  it('turns a why-chain into graph JSON that reads back to the same report', () => {
    const graph = join(dir, 'graph.json');
    const a = run(['rca', 'fixtures/rca/child-l.whys.txt', '--graph-out', graph, '--format', 'json']);
    const b = run(['rca', graph, '--format', 'json']);
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout).problems).toEqual(JSON.parse(a.stdout).problems);
    expect(JSON.parse(readFileSync(graph, 'utf8')).attributes).toMatchObject({ format: 'throughline-rca', version: '1.0' });
  });
  it('reads the fishbone CSV', () => {
    const r = run(['rca', 'fixtures/rca/child-l.fishbone.csv', '--framework', 'safeguarding', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    // By hand from fixtures/rca/child-l.fishbone.csv: statements are c1, c2… in order of first
    // appearance (c7, "Three social workers…", is written twice: line 11 as a cause, line 15 as a
    // sub-cause of c9). The causes with no sub-cause: c2, c3 (under c1), c5 (under c4), c6, c8
    // (under c7), c10 (under c9), c11, c12. Paths to p1: one each, but c8 has two (c7-p1, c7-c9-p1): 9.
    const p = JSON.parse(r.stdout).problems[0];
    expect(p.rootCauses).toEqual(['c10', 'c11', 'c12', 'c2', 'c3', 'c5', 'c6', 'c8']);
    expect(p.pathCount).toBe('9');
  });
  it('exits 1 when validation finds errors: a cycle (with its line in the text) and evidence not in the chronology', () => {
    const file = join(dir, 'cycle.txt');
    writeFileSync(file, 'problem P: Injury\n  why a: A\n    why b: B\n      @a\n  why z: evidence of nothing [evidence: no-such-event]\n');
    const r = run(['rca', file, '--timeline', TIMELINE, '--format', 'json']);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    // The cycle and the unknown event, nothing else.
    expect(j.errors).toBe(2);
    expect(j.validation).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'whys-cycle', line: 4, nodes: ['a', 'b'] }),
      expect.objectContaining({ code: 'rca-unknown-event', nodes: ['ev:no-such-event'] }),
    ]));
  });
  it('writes a Markdown report', () => {
    const r = run(['rca', 'fixtures/rca/child-l.whys.txt', '--framework', 'safeguarding']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Root cause analysis/);
    expect(r.stdout).toMatch(/## Leverage/);
  });
  it('refuses an unknown framework as bad usage', () => {
    const r = run(['rca', 'fixtures/rca/child-l.whys.txt', '--framework', 'astrology']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--framework astrology/);
  });
});

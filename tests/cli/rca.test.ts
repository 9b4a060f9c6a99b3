/** `throughline rca` end to end on the demo case's RCA. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin', 'throughline.js');
const DEMO = readdirSync('fixtures/demo').filter((f) => f.endsWith('.csv')).sort().map((f) => join('fixtures/demo', f));
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London' } });
const dir = mkdtempSync(join(tmpdir(), 'throughline-rca-'));
const TIMELINE = join(dir, 'merged.json');

beforeAll(() => {
  expect(run(['merge', ...DEMO, '--out', TIMELINE]).status).toBe(0);
});

describe('throughline rca', () => {
  it('analyses the demo why-chain against the demo chronology and writes the documented JSON', () => {
    const r = run(['rca', 'fixtures/rca/child-l.whys.txt', '--timeline', TIMELINE, '--framework', 'safeguarding', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBe('1.0');
    for (const key of ['problems', 'cycles', 'unconfirmed', 'leverage', 'lint', 'actions', 'validation', 'evidence', 'depth', 'categories']) expect(j).toHaveProperty(key);
    const p = j.problems[0];
    expect(p.problem).toBe('P1');
    expect(p.rootCauses).toEqual([...p.rootCauses].sort());
    expect(p.rootCauses.length).toBeGreaterThanOrEqual(2);
    expect(typeof p.pathCount).toBe('string');
    expect(BigInt(p.pathCount)).toBeGreaterThan(BigInt(p.rootCauses.length) - 1n);
    expect(j.evidence.unknownEvents).toEqual([]);
    expect(j.unconfirmed.length).toBeGreaterThan(0);
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
    expect(JSON.parse(r.stdout).problems[0].rootCauses.length).toBeGreaterThan(0);
  });
  it('exits 1 when validation finds errors: a cycle (with its line in the text) and evidence not in the chronology', () => {
    const file = join(dir, 'cycle.txt');
    writeFileSync(file, 'problem P: Injury\n  why a: A\n    why b: B\n      @a\n  why z: evidence of nothing [evidence: no-such-event]\n');
    const r = run(['rca', file, '--timeline', TIMELINE, '--format', 'json']);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.errors).toBeGreaterThan(0);
    expect(j.validation).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'whys-cycle', line: 4, nodes: ['a', 'b'] }),
      expect.objectContaining({ code: 'rca-unknown-event', nodes: ['ev:no-such-event'] }),
    ]));
  });
  it('writes a Markdown report', () => {
    const r = run(['rca', 'fixtures/rca/child-l.whys.txt', '--framework', 'safeguarding']);
    expect(r.stdout).toMatch(/^# Root cause analysis/);
    expect(r.stdout).toMatch(/## Leverage/);
  });
  it('refuses an unknown framework as bad usage', () => {
    const r = run(['rca', 'fixtures/rca/child-l.whys.txt', '--framework', 'astrology']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--framework astrology/);
  });
});

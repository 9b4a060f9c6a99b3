/**
 * The RCA's numeric rules exactly at their thresholds, one below and one above, each expectation a
 * literal worked out by hand from the README ("Root cause analysis"): shallow why-chains (fewer
 * than 3 steps), the paths listed (50 unless `--paths` says otherwise), the three highest-leverage
 * causes shaded, weak-only action plans, a tab as 2 spaces, the heading row of a fishbone CSV
 * looked for in its first 10 rows, and a quoted line in a message cut after 40 characters.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyseRca, DEFAULT_PATH_LIMIT, SHALLOW_STEPS } from '../../src/rca/analyse.js';
import { readFishboneCsv } from '../../src/rca/fishbone.js';
import { CauseGraphBuilder, type CauseGraph } from '../../src/rca/model.js';
import { readWhyChain, TAB_WIDTH } from '../../src/rca/whys.js';
import { runRca } from '../../src/cli/rca.js';
import { UsageError } from '../../src/cli/io.js';
import { layoutCauseGraph } from '../../viz/svg/causes.js';

/** A problem p and a chain of `steps` causes to it: r → c(steps−1) → … → c1 → p, r the only root. */
function chain(steps: number): CauseGraph {
  const g = new CauseGraphBuilder();
  g.problem('p', 'Child seriously injured');
  let effect = 'p';
  for (let k = 1; k < steps; k++) {
    g.cause(`c${k}`, `Cause ${k}`);
    g.causes(`c${k}`, effect);
    effect = `c${k}`;
  }
  g.cause('r', 'The referral form asks only about the current incident');
  g.causes('r', effect);
  return g.graph;
}

/** A problem with `n` root causes straight under it: n paths. Keys r01, r02 … sort in number order. */
function fan(n: number): CauseGraph {
  const g = new CauseGraphBuilder();
  g.problem('p', 'Child seriously injured');
  for (let k = 1; k <= n; k++) {
    const key = `r${String(k).padStart(2, '0')}`;
    g.cause(key, `Root cause ${k}`);
    g.causes(key, 'p');
  }
  return g.graph;
}

describe('the values these tests were worked out for', () => {
  it('SHALLOW_STEPS 3, DEFAULT_PATH_LIMIT 50, TAB_WIDTH 2', () => {
    expect([SHALLOW_STEPS, DEFAULT_PATH_LIMIT, TAB_WIDTH]).toEqual([3, 50, 2]);
  });
});

describe('shallow why-chains: shorter than three steps', () => {
  it.each([
    [1, [{ cause: 'r', steps: 1 }]],
    [2, [{ cause: 'r', steps: 2 }]],
    [3, []],
    [4, []],
  ])('a chain of %i steps from its root: shallow %j', (steps, shallow) => {
    const r = analyseRca(chain(steps));
    expect(r.problems[0]!.depth).toBe(steps);
    expect(r.depth.shallow).toEqual(shallow);
  });
});

describe('paths listed per problem: 50 unless told otherwise (all counted)', () => {
  it('49 paths (below): all 49 listed, not truncated', () => {
    const p = analyseRca(fan(49)).problems[0]!;
    expect([p.pathCount, p.paths.length, p.pathsTruncated]).toEqual(['49', 49, false]);
  });
  it('50 paths (the edge): all 50 listed, not truncated', () => {
    const p = analyseRca(fan(50)).problems[0]!;
    expect([p.pathCount, p.paths.length, p.pathsTruncated]).toEqual(['50', 50, false]);
    expect(p.paths[49]).toEqual(['r50', 'p']);
  });
  it('51 paths (above): 50 listed, the 51st left out, truncated', () => {
    const p = analyseRca(fan(51)).problems[0]!;
    expect([p.pathCount, p.paths.length, p.pathsTruncated]).toEqual(['51', 50, true]);
    expect(p.paths[0]).toEqual(['r01', 'p']);
    expect(p.paths[49]).toEqual(['r50', 'p']);
  });
  it('a limit given (3) against 2, 3 and 4 paths', () => {
    const seen = [2, 3, 4].map((n) => analyseRca(fan(n), { pathLimit: 3 }).problems[0]!).map((p) => [p.pathCount, p.paths.length, p.pathsTruncated]);
    expect(seen).toEqual([['2', 2, false], ['3', 3, false], ['4', 3, true]]);
  });
  it('a limit of 0 lists none and says they were left out; 1 lists one', () => {
    const none = analyseRca(fan(2), { pathLimit: 0 }).problems[0]!;
    expect([none.pathCount, none.paths, none.pathsTruncated]).toEqual(['2', [], true]);
    const one = analyseRca(fan(2), { pathLimit: 1 }).problems[0]!;
    expect([one.pathCount, one.paths, one.pathsTruncated]).toEqual(['2', [['r01', 'p']], true]);
  });
});

describe('throughline rca --paths N', () => {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-rca-edges-'));
  const input = join(dir, 'chain.txt');
  // Three root causes straight under the problem: three paths.
  writeFileSync(input, 'problem P1: Child L was injured\n  why c1: The contact screen shows only the current incident\n  why c2: The case systems are not linked\n  why c3: The referral form asks only about the current incident\n');
  const io = { readBytes: (p: string) => readFileSync(p), readJson: (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown };
  beforeEach(() => { vi.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => { vi.restoreAllMocks(); });
  const report = async (paths: string): Promise<{ status: number; listed: string[][]; truncated: boolean; count: string }> => {
    const out = join(dir, `report-${paths}.json`);
    const status = await runRca([input, `--paths=${paths}`, '--format', 'json', '-o', out], io);
    const r = JSON.parse(readFileSync(out, 'utf8')) as { problems: Array<{ paths: string[][]; pathsTruncated: boolean; pathCount: string }> };
    return { status, listed: r.problems[0]!.paths, truncated: r.problems[0]!.pathsTruncated, count: r.problems[0]!.pathCount };
  };
  it('--paths 2 (below the 3 paths): 2 listed, truncated', async () => {
    expect(await report('2')).toEqual({ status: 0, listed: [['c1', 'P1'], ['c2', 'P1']], truncated: true, count: '3' });
  });
  it('--paths 3 (the edge): all 3 listed, not truncated', async () => {
    expect(await report('3')).toEqual({ status: 0, listed: [['c1', 'P1'], ['c2', 'P1'], ['c3', 'P1']], truncated: false, count: '3' });
  });
  it('--paths 4 (above): all 3 listed, not truncated', async () => {
    expect(await report('4')).toEqual({ status: 0, listed: [['c1', 'P1'], ['c2', 'P1'], ['c3', 'P1']], truncated: false, count: '3' });
  });
  it('--paths 0 is a whole number (none listed); -1 and 2.5 are refused', async () => {
    expect(await report('0')).toEqual({ status: 0, listed: [], truncated: true, count: '3' });
    await expect(runRca([input, '--paths=-1'], io)).rejects.toThrow(new UsageError('--paths -1: expected a whole number'));
    await expect(runRca([input, '--paths=2.5'], io)).rejects.toThrow(new UsageError('--paths 2.5: expected a whole number'));
  });
});

describe('the cause graph shades the three highest-leverage causes', () => {
  // r1, r2 … → m → p: every path passes m (share 1); each root has 1/n of them. Ties go by key.
  const graph = (roots: number): CauseGraph => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Child seriously injured');
    g.cause('m', 'Each call-out was screened on its own');
    g.causes('m', 'p');
    for (let k = 1; k <= roots; k++) { g.cause(`r${k}`, `Root cause ${k}`); g.causes(`r${k}`, 'm'); }
    return g.graph;
  };
  const shaded = (g: CauseGraph): { keys: string[]; desc: string } => {
    const layout = layoutCauseGraph(g, analyseRca(g));
    return { keys: layout.nodes.filter((n) => n.highlighted).map((n) => n.key).sort(), desc: layout.desc.replace(/^.*; /, '') };
  };
  it('2 causes (below three): both shaded', () => {
    expect(shaded(graph(1))).toEqual({ keys: ['m', 'r1'], desc: 'the 2 highest-leverage causes are shaded yellow.' });
  });
  it('3 causes (the edge): all three shaded', () => {
    expect(shaded(graph(2))).toEqual({ keys: ['m', 'r1', 'r2'], desc: 'the 3 highest-leverage causes are shaded yellow.' });
  });
  it('4 causes (above): the three highest shaded, the fourth (last by key among equals) not', () => {
    expect(shaded(graph(3))).toEqual({ keys: ['m', 'r1', 'r2'], desc: 'the 3 highest-leverage causes are shaded yellow.' });
  });
});

describe('a plan whose actions are all weaker', () => {
  const plan = (strengths: Array<'stronger' | 'intermediate' | 'weaker' | undefined>): boolean => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Child seriously injured');
    g.cause('r', 'The referral form asks only about the current incident');
    g.causes('r', 'p');
    strengths.forEach((strength, k) => { g.action(`a${k}`, `Action ${k}`, strength ? { strength } : {}); g.addresses(`a${k}`, 'r'); });
    return analyseRca(g.graph).actions.weakOnly;
  };
  it('no action at all: not a weak-only plan', () => expect(plan([])).toBe(false));
  it('one action, weaker: weak-only', () => expect(plan(['weaker'])).toBe(true));
  it('two weaker: weak-only', () => expect(plan(['weaker', 'weaker'])).toBe(true));
  it('two weaker and one intermediate: not', () => expect(plan(['weaker', 'weaker', 'intermediate'])).toBe(false));
  it('one weaker and one of no stated strength: not', () => expect(plan(['weaker', undefined])).toBe(false));
});

describe('a tab counts as 2 spaces', () => {
  const causesEdges = (text: string): string[] => readWhyChain(text).graph.filterEdges((_, a) => a.kind === 'causes').sort();
  it('a tab under a line indented 1 space (2 > 1): a cause of that line', () => {
    expect(causesEdges('problem P1: Injury\n why c1: First\n\twhy c2: Second\n')).toEqual(['causes:c1->P1', 'causes:c2->c1']);
  });
  it('a tab under a line indented 2 spaces (the edge, 2 = 2): its sibling', () => {
    expect(causesEdges('problem P1: Injury\n  why c1: First\n\twhy c2: Second\n')).toEqual(['causes:c1->P1', 'causes:c2->P1']);
  });
  it('a tab under a line indented 3 spaces (2 < 3): a cause of the problem, with a warning of the uneven indent', () => {
    const r = readWhyChain('problem P1: Injury\n   why c1: First\n\twhy c2: Second\n');
    expect(r.graph.filterEdges((_, a) => a.kind === 'causes').sort()).toEqual(['causes:c1->P1', 'causes:c2->P1']);
    const issues = Object.fromEntries(r.issues.map((i) => [i.code, [i.line, i.message]]));
    expect(Object.keys(issues).sort()).toEqual(['whys-indent-uneven', 'whys-mixed-indent']);
    expect(issues['whys-indent-uneven']).toEqual([3, 'this line is indented 2 but line 2, at the same level, is indented 3; check that it sits under the line you meant']);
    expect(issues['whys-mixed-indent']).toEqual([3, 'the indentation mixes tabs (first on line 3) and spaces (first on line 2); a tab counts as 2 spaces, so check that each line sits under the line you meant']);
  });
});

describe('a fishbone CSV\'s heading row is looked for in its first 10 rows', () => {
  const csv = (titles: number): string => [...Array.from({ length: titles }, (_, i) => `Title line ${i + 1}`), 'Category,Cause', 'Policy,No strategy discussion after the fourth call-out', ''].join('\n');
  const read = (titles: number) => readFishboneCsv(csv(titles), 'f.csv');
  it('in row 9 (below): read', () => {
    const r = read(8);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.graph.filterNodes((_, a) => a.kind === 'cause')).toEqual(['c1']);
  });
  it('in row 10 (the edge): read', () => {
    const r = read(9);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.graph.filterNodes((_, a) => a.kind === 'cause')).toEqual(['c1']);
  });
  it('in row 11 (above): not found, and said so', () => {
    const r = read(10);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.line, i.message])).toEqual([
      ['fishbone-no-header', 1, 'no heading row with a Cause column in the first 10 rows of f.csv; expected headings Category, Cause, Sub-cause, Evidence'],
    ]);
    expect(r.graph.order).toBe(0);
  });
});

describe('an unreadable why-chain line is quoted whole up to 40 characters, then cut with "…"', () => {
  const quoted = (line: string): string => readWhyChain(`problem P1: Injury\n  ${line}\n`).issues.find((i) => i.code === 'whys-syntax')!.message.replace(/^.*, found /, '');
  it('39 characters: whole', () => expect(quoted('x'.repeat(39))).toBe(`"${'x'.repeat(39)}"`));
  it('40 characters (the edge): whole', () => expect(quoted('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`));
  it('41 characters: the first 40 and "…"', () => expect(quoted('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…"`));
});

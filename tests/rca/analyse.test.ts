/** analyseRca on small graphs, one per rule, and path counting checked against brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseRca } from '../../src/rca/analyse.js';
import { causeGraphFromJson, causeGraphToJson } from '../../src/rca/json.js';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { runs } from '../helpers/runs.js';

/** p ← a ← r1, p ← b ← r1, b ← r2 : roots r1, r2; paths r1-a-p, r1-b-p, r2-b-p. */
function diamond(): CauseGraphBuilder {
  const g = new CauseGraphBuilder('diamond');
  g.problem('p', 'Child seriously injured');
  g.cause('a', 'Bruising was not seen as a sign of abuse');
  g.cause('b', 'Police and CSC records do not show incident history to each other');
  g.cause('r1', 'The referral form asks only about the current incident');
  g.cause('r2', 'Agency case systems are not linked');
  g.causes('a', 'p'); g.causes('b', 'p'); g.causes('r1', 'a'); g.causes('r1', 'b'); g.causes('r2', 'b');
  return g;
}

describe('roots, paths and leverage', () => {
  const r = analyseRca(diamond().graph);
  it('finds the root causes and counts every path exactly', () => {
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ problem: 'p', rootCauses: ['r1', 'r2'], rootCauseCount: 2, pathCount: '3', pathsTruncated: false });
    expect(r.problems[0]!.paths).toEqual([['r1', 'a', 'p'], ['r1', 'b', 'p'], ['r2', 'b', 'p']]);
  });
  it('gives each cause its share of the paths', () => {
    expect(r.leverage.map((l) => [l.cause, l.paths])).toEqual([['b', '2'], ['r1', '2'], ['a', '1'], ['r2', '1']]);
    expect(r.leverage[0]!.share).toBeCloseTo(2 / 3, 10);
  });
  it('lists paths only up to the limit, saying so', () => {
    const t = analyseRca(diamond().graph, { pathLimit: 2 });
    expect(t.problems[0]).toMatchObject({ pathCount: '3', pathsTruncated: true });
    expect(t.problems[0]!.paths).toHaveLength(2);
  });
});

describe('validation', () => {
  it('reports a cycle with the cycle itself, and a self-loop', () => {
    const g = diamond();
    g.cause('x', 'Workers do not trust the system');
    g.cause('y', 'The system is not used');
    g.causes('x', 'y'); g.causes('y', 'x'); g.causes('y', 'a');
    g.cause('s', 'Self-caused'); g.causes('s', 's'); g.causes('s', 'p');
    const r = analyseRca(g.graph);
    expect(r.cycles).toEqual([['x', 'y']]);
    // Exactly these two errors: x and y still reach p (y causes a), and s causes p; the self-loop is
    // found while the edges are read, before the cycles.
    expect(r.validation.map((v) => [v.severity, v.code, v.nodes])).toEqual([['error', 'rca-self-loop', ['s']], ['error', 'rca-cycle', ['x', 'y']]]);
    expect(r.errors).toBe(2);
  });
  it('reports a cause that leads to no problem', () => {
    const g = diamond();
    g.cause('z', 'Unrelated');
    expect(analyseRca(g.graph).validation).toContainEqual(expect.objectContaining({ code: 'rca-not-connected', nodes: ['z'] }));
  });
  it('reports unknown references and wrong edge kinds when reading JSON, and keeps the rest', () => {
    const json = causeGraphToJson(diamond().graph) as unknown as { edges: unknown[] };
    json.edges.push({ key: 'x', source: 'a', target: 'nowhere', attributes: { kind: 'causes' } });
    json.edges.push({ key: 'y', source: 'a', target: 'b', attributes: { kind: 'supports' } });
    const { graph, issues } = causeGraphFromJson(json, 'g.json');
    expect(issues.map((i) => i.code)).toEqual(['rca-unknown-reference', 'rca-edge-kind']);
    expect(graph.size).toBe(5);
  });
  it('round-trips JSON exactly, with deterministic edge keys', () => {
    const json = causeGraphToJson(diamond().graph);
    expect(json.edges.map((e) => e.key)).toContain('causes:r1->a');
    expect(causeGraphToJson(causeGraphFromJson(JSON.parse(JSON.stringify(json)), 'g.json').graph)).toEqual(json);
    expect(json.attributes).toEqual({ format: 'throughline-rca', version: '1.0', title: 'diamond' });
  });
  it('checks evidence against the chronology and its scope', () => {
    const timeline = merge([ingest({ file: 'police.csv', content: 'Date,Details\n01/01/2020,Call out\n01/06/2021,Call out\n' })], { from: '2021-01-01', includeOutOfScope: true });
    const g = diamond();
    g.evidence('e1', 'call out', { event: 'police-3' }); g.supports('e1', 'a');
    g.evidence('e2', 'old call out', { event: 'police-2' }); g.supports('e2', 'b');
    g.evidence('e3', 'missing', { event: 'police-99' }); g.supports('e3', 'r1');
    const r = analyseRca(g.graph, { timeline });
    expect(r.evidence.unknownEvents).toEqual([{ evidence: 'e3', event: 'police-99' }]);
    expect(r.evidence.outOfScope).toEqual([{ evidence: 'e2', event: 'police-2' }]);
    expect(r.unconfirmed).toEqual(['r2']);
  });
});

describe('evidence, actions and depth', () => {
  it('marks causes without supporting evidence as unconfirmed, and refuted ones', () => {
    const g = diamond();
    g.evidence('e1', 'ED letter', { event: 'gp-7' }); g.supports('e1', 'a');
    g.evidence('e2', 'Police shared history', { event: 'police-14' }); g.refutes('e2', 'b');
    const r = analyseRca(g.graph);
    expect(r.unconfirmed).toEqual(['b', 'r1', 'r2']);
    expect(r.refuted).toEqual([{ cause: 'b', evidence: ['e2'] }]);
  });
  it('finds root causes without an action, actions at symptoms only, and weak-only plans', () => {
    const g = diamond();
    g.action('x1', 'Add incident history to the referral form', { strength: 'weaker' }); g.addresses('x1', 'r1');
    g.action('x2', 'Training on bruising in non-mobile babies', { strength: 'weaker' }); g.addresses('x2', 'a');
    const r = analyseRca(g.graph);
    expect(r.actions).toMatchObject({ rootCausesWithoutAction: ['r2'], symptomOnly: ['x2'], weakOnly: true });
    g.action('x3', 'Link the case systems', { strength: 'stronger' }); g.addresses('x3', 'r2');
    expect(analyseRca(g.graph).actions).toMatchObject({ rootCausesWithoutAction: [], weakOnly: false, byStrength: { stronger: 1, intermediate: 0, weaker: 2, unstated: 0 } });
  });
  it('flags why-chains shorter than three steps and chains that stop at human error', () => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('c1', 'Bruise not escalated'); g.causes('c1', 'p');
    g.cause('c2', 'The health visitor made a mistake', { type: 'human-error' }); g.causes('c2', 'c1');
    const r = analyseRca(g.graph);
    expect(r.depth.shallow).toEqual([{ cause: 'c2', steps: 2 }]);
    expect(r.depth.stopsAtHumanError).toEqual(['c2']);
    expect(r.problems[0]!.depth).toBe(2);
  });
});

describe('the five rules for causal statements', () => {
  const lint = (text: string, details = {}, root = true) => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('c', text, details); g.causes('c', 'p');
    if (!root) { g.cause('u', 'Staffing below establishment for six months'); g.causes('u', 'c'); }
    return analyseRca(g.graph).lint.filter((l) => l.cause === 'c').map((l) => l.rule);
  };
  it.each([
    ['Poor communication between agencies', ['vague-wording']],
    ['Inadequate assessment', ['vague-wording']],
    ['The social worker failed to visit', ['vague-wording', 'failure-to-act-without-duty']],
    ['Human error by the duty officer', ['human-error-root']],
    ['The DASH checklist was not in line with policy', ['procedure-violation-root']],
    ['The health visitor did not refer the bruise to CSC', ['failure-to-act-without-duty']],
    ['Bruising to a non-mobile baby was recorded but not referred, because the clinic template has no body map', []],
  ])('%s', (text, rules) => expect(lint(text)).toEqual(rules));
  it('a failure to act with its duty stated passes', () => {
    expect(lint('The health visitor did not refer the bruise to CSC', { duty: 'Bruising in non-mobile babies protocol 2019' })).toEqual([]);
  });
  it('human error with a preceding cause is not a root', () => {
    expect(lint('Human error by the duty officer', {}, false)).toEqual([]);
  });
});

describe('framework categories', () => {
  const framework = {
    id: 'mini', name: 'Mini', categories: [{ id: 'family', label: 'Family' }, { id: 'agency', label: 'Agency systems' }, { id: 'policy', label: 'Policy' }],
    categoryOf: (t: string) => ({ family: 'family', 'agency systems': 'agency', policy: 'policy' } as Record<string, string>)[t.toLowerCase()],
  };
  it('reports categories with no cause and causes with an unknown category', () => {
    const g = diamond();
    g.graph.mergeNodeAttributes('r1', { category: 'Policy' });
    g.graph.mergeNodeAttributes('r2', { category: 'Agency systems' });
    g.graph.mergeNodeAttributes('a', { category: 'Weather' });
    const r = analyseRca(g.graph, { framework });
    expect(r.categories).toEqual({ uncovered: ['family'], unknown: [{ cause: 'a', category: 'Weather' }] });
  });
});

describe('path counting is exact and linear', () => {
  it('counts more than 10^15 paths exactly without enumerating them', () => {
    // 60 layers of 2 causes, each linked to both of the next layer: 2 × 2^59 paths.
    const g = new CauseGraphBuilder();
    g.problem('p', 'Problem');
    for (let layer = 0; layer < 60; layer++) for (const s of ['a', 'b']) g.cause(`${s}${layer}`, `cause ${s}${layer}`);
    for (let layer = 0; layer < 59; layer++) for (const s of ['a', 'b']) for (const t of ['a', 'b']) g.causes(`${s}${layer}`, `${t}${layer + 1}`);
    g.causes('a59', 'p'); g.causes('b59', 'p');
    const r = analyseRca(g.graph, { pathLimit: 5 });
    expect(r.problems[0]!.pathCount).toBe((2n ** 60n).toString());
    expect(BigInt(r.problems[0]!.pathCount) > 10n ** 15n).toBe(true);
    expect(r.problems[0]).toMatchObject({ pathsTruncated: true });
    expect(r.problems[0]!.paths).toHaveLength(5);
  });
  it('agrees with brute-force enumeration on random small DAGs (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 9 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
      (n, pairs) => {
        const g = new CauseGraphBuilder();
        g.problem('p', 'Problem');
        for (let i = 0; i < n; i++) g.cause(`c${i}`, `cause ${i}`);
        // Edges only from lower to higher index keep it acyclic; the last cause leads to p.
        for (const [x, y] of pairs) {
          const a = x % n;
          const b = y % n;
          if (a < b) g.causes(`c${a}`, `c${b}`);
        }
        g.causes(`c${n - 1}`, 'p');
        const next = (k: string): string[] => g.graph.outNeighbors(k);
        const count = (k: string): number => (k === 'p' ? 1 : next(k).reduce((s, w) => s + count(w), 0));
        const roots = g.graph.filterNodes((k, a) => a.kind === 'cause' && g.graph.inDegree(k) === 0);
        const brute = roots.reduce((s, r) => s + count(r), 0);
        const report = analyseRca(g.graph, { pathLimit: 10_000 });
        expect(report.problems[0]!.pathCount).toBe(String(brute));
        expect(report.problems[0]!.paths).toHaveLength(brute);
        expect(report.problems[0]!.rootCauses).toEqual(roots.filter((r) => count(r) > 0).sort());
      },
    ), { numRuns: runs(300), seed: 42 });
  });
});

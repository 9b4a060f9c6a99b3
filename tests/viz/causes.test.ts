/** The cause graph diagram of the demo case's RCA. */
import { readdirSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyseRca } from '../../src/rca/analyse.js';
import { causeGraphReport } from '../../src/rca/figures.js';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { causeGraphTextBoxes, layoutCauseGraph, renderCauseGraph } from '../../viz/svg/causes.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders } from '../helpers/svg.js';

const { graph } = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt');
const report = analyseRca(graph);

describe('cause graph', () => {
  const svg = renderCauseGraph(graph, report);
  it('matches the golden picture (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => expectGolden('causes-child-l.svg', svg));
  it('is byte-identical for identical input, Office-safe, legible and without overlapping text', () => {
    expect(renderCauseGraph(graph, report)).toBe(svg);
    expectOfficeSafe(svg);
    expectFontsAtLeast(svg, 11);
    const layout = layoutCauseGraph(graph, report);
    expectNoOverlap(causeGraphTextBoxes(layout));
    // Narrower than A4's 170 mm text width, so its 11 px text is at least 8 pt when placed there;
    // and its four ranks share that width, so statements written in full grow down less.
    expect(layout.width).toBeLessThanOrEqual(642.6);
    expect(layout.width).toBeGreaterThan(620);
    // The 14 causes and the problem, each box wider than 130.
    expect(layout.nodes).toHaveLength(15);
    expect(layout.nodes.filter((n) => n.width <= 130)).toEqual([]);
  });
  it('puts root causes left of what they cause and the problem on the right, highlighting the highest leverage', () => {
    const layout = layoutCauseGraph(graph, report);
    const at = (k: string) => layout.nodes.find((n) => n.key === k)!;
    // Every causes edge of the file: one per why/and line (14) and the @c6 under c8.
    const edges = graph.filterEdges((_, a) => a.kind === 'causes');
    expect(edges).toHaveLength(15);
    expect(edges.filter((e) => !(at(graph.source(e)).x < at(graph.target(e)).x))).toEqual([]);
    const right = Math.max(...layout.nodes.map((n) => n.x));
    expect(at('P1').x).toBe(right);
    expect(layout.nodes.filter((n) => n.highlighted).map((n) => n.key)).toEqual(['c1', 'c6', 'c7']);
    expect(at('c10')).toMatchObject({ root: true, unconfirmed: true });
    expect(at('c1').lines.map((l) => l.text).join(' ')).toContain('leverage 43%');
    expect(new XMLParser().parse(svg).svg.desc).toMatch(/^Cause graph: 14 causes leading to 1 problem, root causes on the left\. 6 root causes with a heavy border/);
  });
  it('writes hostile text literally', () => {
    const g = new CauseGraphBuilder('<t>');
    g.problem('p', '<script>x</script>');
    g.cause('c', 'A & "B" ]]>'); g.causes('c', 'p');
    const out = renderCauseGraph(g.graph, analyseRca(g.graph));
    expectOfficeSafe(out);
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('<script');
    expect(out).toContain('A &amp; &quot;B&quot; ]]&gt;');
  });
  it('is drawn by librsvg and resvg, not blank', () => expectRenders(svg));
});

describe('the analysis it draws', () => {
  it('is the report it is given: the highlighted causes and their leverage come from it, not from analysis of its own', () => {
    const reversed = { leverage: [...report.leverage].reverse() };
    const layout = layoutCauseGraph(graph, reversed);
    const last3 = report.leverage.slice(-3).map((l) => l.cause).sort();
    expect(last3).not.toEqual(['c1', 'c6', 'c7']);
    expect(layout.nodes.filter((n) => n.highlighted).map((n) => n.key).sort()).toEqual(last3);
    expect(layoutCauseGraph(graph, { leverage: [] }).nodes.filter((n) => n.highlighted)).toEqual([]);
  });
  it('without a report to hand, is the RCA layer\'s (causeGraphReport), the same as analyseRca\'s', () => {
    expect(causeGraphReport(graph).leverage).toEqual(report.leverage);
    expect(renderCauseGraph(graph)).toBe(renderCauseGraph(graph, report));
  });
  it('no diagram imports the analysis: viz/svg draws what it is given', () => {
    const files = readdirSync('viz/svg').filter((f) => f.endsWith('.ts'));
    expect(files).toContain('causes.ts');
    // Every module named after `from`, `import` or `import(`, wherever it is.
    const imports = files.flatMap((f) => [...readFileSync(`viz/svg/${f}`, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)]
      .map((m) => ({ file: f, from: m[1]! })));
    expect(imports.filter((i) => i.file === 'causes.ts').map((i) => i.from)).toContain('../../src/rca/model.js');
    expect(imports.filter((i) => /rca\/analyse(\.js)?$/.test(i.from))).toEqual([]);
  });
});

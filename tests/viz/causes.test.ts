/** The cause graph diagram of the demo case's RCA. */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { causeGraphTextBoxes, layoutCauseGraph, renderCauseGraph } from '../../viz/svg/causes.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders } from '../helpers/svg.js';

const { graph } = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt');

describe('cause graph', () => {
  const svg = renderCauseGraph(graph);
  it('matches the golden picture (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => expectGolden('causes-child-l.svg', svg));
  it('is byte-identical for identical input, Office-safe, legible and without overlapping text', () => {
    expect(renderCauseGraph(graph)).toBe(svg);
    expectOfficeSafe(svg);
    expectFontsAtLeast(svg, 11);
    const layout = layoutCauseGraph(graph);
    expectNoOverlap(causeGraphTextBoxes(layout));
    // Narrower than A4's 170 mm text width, so its 11 px text is at least 8 pt when placed there.
    expect(layout.width).toBeLessThanOrEqual(642.6);
  });
  it('puts root causes left of what they cause and the problem on the right, highlighting the highest leverage', () => {
    const layout = layoutCauseGraph(graph);
    const at = (k: string) => layout.nodes.find((n) => n.key === k)!;
    graph.forEachEdge((_, a, s, t) => { if (a.kind === 'causes') expect(at(s).x).toBeLessThan(at(t).x); });
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
    const out = renderCauseGraph(g.graph);
    expectOfficeSafe(out);
    expect(out).toContain('&lt;script&gt;');
    expect(out).not.toContain('<script');
    expect(out).toContain('A &amp; &quot;B&quot; ]]&gt;');
  });
  it('is drawn by librsvg and resvg, not blank', () => expectRenders(svg));
});

/** The why-chain diagram of the demo case's RCA. */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { layoutWhyChain, renderWhyChain, whyChainTextBoxes } from '../../viz/svg/whys.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders } from '../helpers/svg.js';

const { graph } = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt');

describe('why-chain diagram', () => {
  const svg = renderWhyChain(graph);
  it('matches the golden picture (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => expectGolden('whys-child-l.svg', svg));
  it('is byte-identical for identical input, Office-safe, legible and without overlapping text', () => {
    expect(renderWhyChain(graph)).toBe(svg);
    expectOfficeSafe(svg);
    expectFontsAtLeast(svg, 11);
    expectNoOverlap(whyChainTextBoxes(layoutWhyChain(graph)));
  });
  it('draws every cause under its effect, root causes heavy, unconfirmed dashed with "?", evidence cited', () => {
    const layout = layoutWhyChain(graph);
    const c3 = layout.boxes.find((b) => b.key === 'c3')!;
    expect(c3.parent?.key).toBe('c2');
    expect(c3.depth).toBe(3);
    expect(c3.root).toBe(true);
    expect(c3.notes.join(' ')).toContain('csc-case-notes-36');
    const c10 = layout.boxes.find((b) => b.key === 'c10')!;
    expect(c10).toMatchObject({ unconfirmed: true, root: true });
    expect(c10.lines[0]!.startsWith('? ')).toBe(true);
    expect(svg).toMatch(/stroke-dasharray="4 3"/);
    expect(layout.boxes.filter((b) => b.key === 'c6').map((b) => b.repeat)).toEqual([false, true]);
    expect(new XMLParser().parse(svg).svg.desc).toMatch(/^Why-chain diagram: 1 problem; .* 6 root causes with a heavy border/);
  });
  it('writes hostile text literally', () => {
    const g = new CauseGraphBuilder('<b>&"]]>');
    g.problem('p', '<script>alert(1)</script>');
    g.cause('c', 'A & B "quoted" ]]>'); g.causes('c', 'p');
    const out = renderWhyChain(g.graph);
    expectOfficeSafe(out);
    expect(out).toContain('Problem: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('A &amp; B &quot;quoted&quot; ]]&gt;');
  });
  it('is drawn by librsvg and resvg, not blank', () => expectRenders(svg));
});

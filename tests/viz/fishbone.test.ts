/** The fishbone diagram: the demo case's RCA, and a crowded one that must still have no overlapping text. */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { fishboneTextBoxes, layoutFishbone, renderFishbone } from '../../viz/svg/fishbone.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders } from '../helpers/svg.js';

const { graph } = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt');

/** 9 categories × 6 causes × 3 levels, every statement long enough to wrap. */
function crowded(): CauseGraphBuilder {
  const g = new CauseGraphBuilder('Crowded');
  g.problem('p', 'A child was seriously harmed after months in which no agency saw her');
  for (let c = 0; c < 9; c++) {
    for (let k = 0; k < 6; k++) {
      const a = `c${c}.${k}`;
      g.cause(a, `Category ${c} cause ${k}: the referral pathway did not show the history of earlier contacts`, { category: `Category ${c} (contributory factors of several kinds)` });
      g.causes(a, 'p');
      g.cause(`${a}.1`, `Second level under ${a}: the system and the form were designed separately`);
      g.causes(`${a}.1`, a);
      g.cause(`${a}.1.1`, `Third level under ${a}: nobody owned the design`);
      g.causes(`${a}.1.1`, `${a}.1`);
      g.cause(`${a}.1.1.1`, 'A fourth level, counted not drawn');
      g.causes(`${a}.1.1.1`, `${a}.1.1`);
      if (k % 2 === 0) { g.evidence(`e${a}`, `ev-${a}`, { event: `ev-${a}` }); g.supports(`e${a}`, a); }
    }
  }
  return g;
}

describe('fishbone', () => {
  const svg = renderFishbone(graph);
  it('matches the golden picture of the demo RCA (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => expectGolden('fishbone-child-l.svg', svg));
  it('is byte-identical for identical input, Office-safe, legible and without overlapping text', () => {
    expect(renderFishbone(graph)).toBe(svg);
    expectOfficeSafe(svg);
    expectFontsAtLeast(svg, 11);
    expectNoOverlap(fishboneTextBoxes(layoutFishbone(graph)));
    expect(new XMLParser().parse(svg).svg.desc).toMatch(/^Fishbone diagram: the problem "Child L \(3\) was admitted to PICU.*" at the head, 3 categories \(child; multi-agency working; parents\/carers & family environment\) and 14 causes\./);
  });
  it('marks unconfirmed causes with "?" and a dashed rib, and bolds root causes', () => {
    const layout = layoutFishbone(graph);
    expect(layout.texts.some((t) => t.content.startsWith('– ? There is no local practice') && t.bold)).toBe(true);
    const crowdedLayout = layoutFishbone(crowded().graph);
    expect(crowdedLayout.lines.filter((l) => l.dashed)).toHaveLength(9 * 3);
  });
  it('has no overlapping text for 9 categories × 6 causes × 3 levels, alternating above and below the spine', () => {
    const layout = layoutFishbone(crowded().graph);
    expectNoOverlap(fishboneTextBoxes(layout));
    const spineY = layout.lines[0]!.y1;
    const labels = layout.texts.filter((t) => t.content.startsWith('Category ') && t.bold && t.anchor === 'end');
    expect(labels).toHaveLength(9);
    expect(labels.filter((t) => t.y < spineY)).toHaveLength(5);
    expect(layout.texts.some((t) => t.content.startsWith("(1"))).toBe(true);
    expectFontsAtLeast(renderFishbone(crowded().graph), 11);
    // The layout of 162 causes takes about 7 s (twice here): slow, noted, and given room on a busy machine.
  }, 120_000);
  it('scales to another width without laying out again', () => {
    const a3 = renderFishbone(graph, { widthMm: 400 });
    expect(a3.replace(/width="[\d.]+" height="[\d.]+" viewBox/, '')).toBe(svg.replace(/width="[\d.]+" height="[\d.]+" viewBox/, ''));
  });
  it('writes hostile text literally', () => {
    const g = new CauseGraphBuilder('<x>');
    g.problem('p', 'A & B <script>');
    g.cause('c', '"]]> & <b>', { category: '<cat> & "dog"' }); g.causes('c', 'p');
    const out = renderFishbone(g.graph);
    expectOfficeSafe(out);
    expect(out).toContain('&lt;cat&gt; &amp; &quot;dog&quot;');
  });
  it('is drawn by librsvg and resvg, not blank', () => expectRenders(svg));
});

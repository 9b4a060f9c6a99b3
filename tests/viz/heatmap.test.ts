/** The involvement heatmap: Office-safe, escaped, legible at A4, no overlapping text, golden, rendered by librsvg. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import type { InvolvementGrid } from '../../src/analytics/types.js';
import { heatmapTextBoxes, layoutHeatmap, lowestTextContrast, MIN_FONT_PX, renderHeatmap } from '../../viz/svg/heatmap.js';
import { demoTimeline } from '../helpers/demo.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders } from '../helpers/svg.js';

const demo = demoTimeline();
const grid = (period: InvolvementGrid['period']) => analyse(demo, { period }).grid;

describe('involvement heatmap', () => {
  const svg = renderHeatmap(grid('month'));
  it('matches the golden picture of the demo case (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => expectGolden('heatmap-demo-month.svg', svg));
  it('is byte-identical for identical input', () => expect(renderHeatmap(grid('month'))).toBe(svg));
  it('is well-formed, standalone, Office-safe, with a title and a description in words', () => {
    expectOfficeSafe(svg);
    const doc = new XMLParser().parse(svg);
    expect(doc.svg.title).toBe('Records per month, by agency');
    expect(doc.svg.desc).toMatch(/^Heatmap of how many records each of 6 agencies made per month, Jan 21 to Nov 22\. .*Most records: Children's Social Care \(30\)\.$/);
    expect(svg).toMatch(/font-family="Arial, Helvetica, Liberation Sans, sans-serif"/);
  });
  it.each(['week', 'month', 'quarter'] as const)('keeps every text at 8 pt or more at 170 mm, none overlapping, all readable (%s)', (period) => {
    const layout = layoutHeatmap(grid(period), { widthMm: 170 });
    expectFontsAtLeast(renderHeatmap(grid(period)), MIN_FONT_PX);
    // 8 pt = 2.822 mm; the picture is `layout.width` units wide on 170 mm of paper.
    expect((MIN_FONT_PX * 170) / layout.width).toBeGreaterThanOrEqual(2.82);
    expectNoOverlap(heatmapTextBoxes(layout));
    expect(lowestTextContrast(layout)).toBeGreaterThanOrEqual(4.5);
  });
  it('writes user text literally: markup, ampersands, quotes and ]]> are escaped', () => {
    const hostile = '<script>alert("x")</script> & \'Ward 7\' ]]>';
    const g = grid('quarter');
    const tricky: InvolvementGrid = { ...g, agencies: g.agencies.map((a, i) => (i === 0 ? { ...a, agency: hostile } : a)), cells: g.cells.map((c) => (c.agency === g.agencies[0]!.agency ? { ...c, agency: hostile } : c)) };
    const out = renderHeatmap(tricky, { title: hostile, widthMm: 400 });
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Ward 7&apos; ]]&gt;');
    expect(XMLValidator.validate(out)).toBe(true);
    expect(new XMLParser({ processEntities: true }).parse(out).svg.title).toBe(hostile);
  });
  it('is drawn by librsvg (rsvg-convert) and by resvg, and the picture is not blank', () => expectRenders(svg));
});

/** The involvement heatmap: Office-safe, escaped, legible at A4, no overlapping text, golden, rendered by librsvg. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import type { InvolvementGrid } from '../../src/analytics/types.js';
import { heatmapTextBoxes, layoutHeatmap, lowestTextContrast, MIN_FONT_PX, renderHeatmap } from '../../viz/svg/heatmap.js';
import { demoTimeline } from '../helpers/demo.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders, expectTextFits } from '../helpers/svg.js';

const demo = demoTimeline();
const grid = (period: InvolvementGrid['period']) => analyse(demo, { period }).grid;

interface Drawn { tag: string; attrs: Record<string, string>; text: string }

/** The SVG's drawn elements in document order, with their attributes and text. */
function drawn(svg: string): Drawn[] {
  const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false }).parse(svg) as Array<Record<string, unknown>>;
  const root = doc.find((n) => 'svg' in n)!.svg as Array<Record<string, unknown>>;
  return root.map((n) => {
    const tag = Object.keys(n).find((k) => k !== ':@')!;
    const children = n[tag] as Array<Record<string, string>>;
    return { tag, attrs: (n[':@'] ?? {}) as Record<string, string>, text: children.map((c) => c['#text'] ?? '').join('') };
  });
}

interface Cell { fill: string; count: number }

/** The grid's cells (white-bordered rects), each with the count written at its centre (0 where none is). */
function cellsOf(elements: Drawn[]): Cell[] {
  const numbers = elements.filter((e) => e.tag === 'text' && /^\d+$/.test(e.text));
  return elements.filter((e) => e.tag === 'rect' && e.attrs.stroke === '#ffffff').map((r) => {
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(r.attrs[k]));
    const written = numbers.find((t) => Math.abs(Number(t.attrs.x) - (x! + w! / 2)) < 0.02 && Number(t.attrs.y) > y! && Number(t.attrs.y) < y! + h!);
    return { fill: r.attrs.fill!, count: written ? Number(written.text) : 0 };
  });
}

/** The legend's swatches: the rects below the grid's bottom line, each with the label that follows it. */
function swatchesOf(elements: Drawn[]): Array<{ fill: string; label: string }> {
  const gridBottom = Number(elements.find((e) => e.tag === 'line')!.attrs.y1);
  return elements.flatMap((e, i) => (e.tag === 'rect' && Number(e.attrs.y) > gridBottom ? [{ fill: e.attrs.fill!, label: elements[i + 1]!.text }] : []));
}

/** The counts a legend label names: `none` is 0, `3` is 3, `5–9` is 5 to 9. */
function range(label: string): [number, number] {
  if (label === 'none') return [0, 0];
  const [lo, hi] = label.split('–').map(Number);
  return [lo!, hi ?? lo!];
}

/**
 * Every legend swatch's cells have a count its label names, and every cell's colour is in the
 * legend; the grid has the `cellCount` cells it should (agencies × periods), so none is missed.
 */
function expectLegendTrue(svg: string, cellCount: number): Map<string, number[]> {
  const elements = drawn(svg);
  const cells = cellsOf(elements);
  const swatches = swatchesOf(elements);
  expect(cells).toHaveLength(cellCount);
  expect(swatches.length).toBeGreaterThan(1);
  const found = new Map<string, number[]>();
  for (const s of swatches) {
    const [lo, hi] = range(s.label);
    const counts = cells.filter((c) => c.fill === s.fill).map((c) => c.count);
    for (const n of counts) expect(n, `a cell coloured as "${s.label}" holds ${n}`).toBeGreaterThanOrEqual(lo);
    for (const n of counts) expect(n, `a cell coloured as "${s.label}" holds ${n}`).toBeLessThanOrEqual(hi);
    found.set(s.label, [...new Set(counts)].sort((a, b) => a - b));
  }
  const legendFills = new Set(swatches.map((s) => s.fill));
  for (const c of cells) expect(legendFills.has(c.fill), `no swatch for a cell of ${c.fill} holding ${c.count}`).toBe(true);
  return found;
}

/** A grid of one period per count given, each count made by one agency. */
function gridOf(agency: string, counts: readonly number[]): InvolvementGrid {
  const periods = counts.map((count, i) => ({ period: `2021-${String(i + 1).padStart(2, '0')}`, from: '', to: '', agencies: [agency], count }));
  return {
    period: 'month', periods, notPlaced: [],
    agencies: [{ agency, count: counts.reduce((a, b) => a + b, 0) }],
    cells: periods.map((p) => ({ agency, period: p.period, count: p.count, types: {}, events: [] })),
  };
}

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

describe('the heatmap legend', () => {
  it('shows each colour the cells have, beside the count those cells hold (the demo case, counts 1 to 6)', () => {
    // Six agencies × 23 months (January 2021 to November 2022).
    const found = expectLegendTrue(renderHeatmap(grid('month')), 6 * 23);
    // Every count has its own colour; no cell of the demo holds 5.
    expect([...found.keys()]).toEqual(['none', '1', '2', '3', '4', '5', '6']);
    expect(Object.fromEntries(found)).toEqual({ none: [0], 1: [1], 2: [2], 3: [3], 4: [4], 5: [], 6: [6] });
  });
  it('names the range of counts each colour stands for when there are many', () => {
    const found = expectLegendTrue(renderHeatmap(gridOf('Police', [0, 1, 2, 3, 4, 6, 9, 10, 17, 25, 30]), { widthMm: 400 }), 11);
    expect(Object.fromEntries(found)).toEqual({ none: [0], 1: [1], 2: [2], '3–4': [3, 4], '5–9': [6, 9], '10–19': [10, 17], '20–30': [25, 30] });
  });
  it('keeps the weekly and quarterly grids true to their legends too', () => {
    // Six agencies × 99 weeks (the week of Monday 11/01/2021, school's first record, to the week of
    // 28/11/2022, the GP's last) and × 8 quarters (2021 and 2022).
    const cells = { week: 6 * 99, quarter: 6 * 8 };
    for (const period of ['week', 'quarter'] as const) expect(expectLegendTrue(renderHeatmap(grid(period), { widthMm: 400 }), cells[period]).get('1')).toEqual([1]);
  });
});

describe('a long title', () => {
  it('is wrapped whole, and the grid starts below it', () => {
    const title = 'Records per month made by each of the six agencies that knew Child L, from the first referral to the injury in November 2022';
    const layout = layoutHeatmap(grid('month'), { title });
    const lines = layout.texts.filter((t) => t.weight === 'bold').map((t) => t.content);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(title);
    expect(layout.cells[0]!.y).toBeGreaterThan(layoutHeatmap(grid('month')).cells[0]!.y);
    expectTextFits(heatmapTextBoxes(layout), layout.width, layout.height);
  });
});

describe('agency names in the left column', () => {
  it('wraps a long name onto more lines, every word kept, and the row grows to hold them', () => {
    const name = 'Community Child and Adolescent Mental Health Service';
    const layout = layoutHeatmap(gridOf(name, [1, 2, 0, 3]));
    const lines = layout.texts.filter((t) => t.anchor === 'end').map((t) => t.content);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join(' ')).toBe(name);
    const texts = drawn(renderHeatmap(gridOf(name, [1, 2, 0, 3]))).filter((e) => e.tag === 'text').map((e) => e.text);
    for (const word of name.split(' ')) expect(texts.some((t) => t.split(' ').includes(word)), word).toBe(true);
    expect(texts.filter((t) => t.includes('…'))).toEqual([]);
    expect(layout.cells[0]!.height).toBeGreaterThan(22);
    expectTextFits(heatmapTextBoxes(layout), layout.width, layout.height);
  });
  it('breaks a single word too long for the column across lines rather than cutting it', () => {
    const name = 'Northmoorandwestmidshireintegratedcareboardsafeguardingteam';
    const lines = layoutHeatmap(gridOf(name, [1])).texts.filter((t) => t.anchor === 'end').map((t) => t.content);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('')).toBe(name);
  });
});

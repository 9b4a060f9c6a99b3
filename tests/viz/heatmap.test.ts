/** The involvement heatmap: Office-safe, escaped, legible at A4, no overlapping text, golden, rendered by librsvg. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import type { InvolvementGrid } from '../../src/analytics/types.js';
import { heatmapTextBoxes, layoutHeatmap, lowestTextContrast, MIN_FONT_PX, renderHeatmap } from '../../viz/svg/heatmap.js';
import { overlaps } from '../../viz/svg/text.js';
import { demoTimeline } from '../helpers/demo.js';

const demo = demoTimeline();
const grid = (period: InvolvementGrid['period']) => analyse(demo, { period }).grid;
const GOLDEN = 'tests/golden/heatmap-demo-month.svg';

/** Constructs Word, LibreOffice or Inkscape drop or misdraw (DESIGN.md, "SVG for reports"). */
const NOT_OFFICE_SAFE = [/<style/i, /\bclass=/, /foreignObject/, /currentColor/, /var\(/, /rgba\(/, /\btransform=/, /dominant-baseline/, /<script/i, /<image/i, /@font-face/, /xlink:href|\shref=/];

describe('involvement heatmap', () => {
  const svg = renderHeatmap(grid('month'));
  it('matches the golden picture of the demo case (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => {
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, svg);
    expect(svg).toBe(readFileSync(GOLDEN, 'utf8'));
  });
  it('is byte-identical for identical input', () => expect(renderHeatmap(grid('month'))).toBe(svg));
  it('is well-formed XML, standalone, with a title and a description in words', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/);
    const doc = new XMLParser().parse(svg);
    expect(doc.svg.title).toBe('Records per month, by agency');
    expect(doc.svg.desc).toMatch(/^Heatmap of how many records each of 6 agencies made per month, Jan 21 to Nov 22\. .*Most records: Children's Social Care \(30\)\.$/);
  });
  it('uses only what Office keeps', () => {
    for (const pattern of NOT_OFFICE_SAFE) expect(svg).not.toMatch(pattern);
    expect(svg).toMatch(/font-family="Arial, Helvetica, Liberation Sans, sans-serif"/);
  });
  it.each(['week', 'month', 'quarter'] as const)('keeps every text at 8 pt or more at 170 mm, none overlapping, all readable (%s)', (period) => {
    const layout = layoutHeatmap(grid(period), { widthMm: 170 });
    const sizes = [...renderHeatmap(grid(period)).matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_FONT_PX);
    // 8 pt = 2.822 mm; the picture is `layout.width` units wide on 170 mm of paper.
    expect((MIN_FONT_PX * 170) / layout.width).toBeGreaterThanOrEqual(2.82);
    const boxes = heatmapTextBoxes(layout);
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) expect(overlaps(boxes[a]!, boxes[b]!), `${boxes[a]!.text} / ${boxes[b]!.text}`).toBe(false);
    }
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
  it('is drawn by librsvg (rsvg-convert) and by resvg, and the picture is not blank', () => {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-svg-'));
    writeFileSync(join(dir, 'heatmap.svg'), svg);
    const r = spawnSync('rsvg-convert', ['-o', join(dir, 'heatmap.png'), join(dir, 'heatmap.svg')], { encoding: 'utf8' });
    expect(r.error, 'rsvg-convert is installed by .ci/run (Debian librsvg2-bin)').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(statSync(join(dir, 'heatmap.png')).size).toBeGreaterThan(1000);
    const image = new Resvg(svg).render();
    const pixels = image.pixels;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 600) dark++;
    expect(dark / (pixels.length / 4)).toBeGreaterThan(0.05);
  });
});

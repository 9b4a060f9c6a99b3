/** The merged timeline diagram: the demo case, spans not points, links, and density strips for big chronologies. */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { layoutTimeline, markShape, renderTimeline } from '../../viz/svg/timeline.js';
import { demoTimeline } from '../helpers/demo.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders } from '../helpers/svg.js';

const demo = demoTimeline();
const a = analyse(demo, { child: ['L', 'Lacey'] });
const options = { episodes: a.episodes, childNotSeen: a.gaps.childNotSeen };

describe('merged timeline', () => {
  const svg = renderTimeline(demo, options);
  it('matches the golden picture of the demo case (regenerate on purpose: UPDATE_GOLDEN=1 npm test)', () => expectGolden('timeline-demo.svg', svg));
  it('is byte-identical for identical input, Office-safe, legible and without overlapping text', () => {
    expect(renderTimeline(demo, options)).toBe(svg);
    expectOfficeSafe(svg);
    expectFontsAtLeast(svg, 11);
    expectNoOverlap(layoutTimeline(demo, options).boxes);
    expect(new XMLParser().parse(svg).svg.desc).toMatch(/^Timeline of 115 records from 6 agencies, one lane each, from 01\/01\/2021 to 29\/11\/2022\./);
  });
  it('draws a month as a span, never a point, and joins the records of one event across lanes', () => {
    const t = merge([
      ingest({ file: 'a.csv', content: 'Date,Event\nApril 2021,Something in April\n10/05/2021,Strategy discussion held\n' }),
      ingest({ file: 'b.csv', content: 'Date,Event\n10/05/2021,Strategy meeting with police\n' }),
    ]);
    const out = renderTimeline(t);
    // The April span: a rect from 1 April to the end of April (30 days wide on the axis), no circle for it.
    const layout = layoutTimeline(t);
    expect(layout.marks).toBe(3);
    expect(out.match(/<rect [^>]*fill="#6ece58"[^>]*\/>/g)).toHaveLength(2); // the span and its legend swatch
    expect(out.match(/<rect [^>]*width="7" height="7"[^>]*\/>/g)).toHaveLength(2); // two meeting squares
    expect(out).toMatch(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+" fill="none" stroke="#8c8c8c"/);
  });
  it('marks the review scope, shades the episodes and the long spells when the child was not seen', () => {
    const scoped = demoTimeline({ from: '2021-03-01', to: '2022-09-30' });
    const out = renderTimeline(scoped, options);
    expect(out.match(/stroke="#8a4b08" stroke-width="1.5" stroke-dasharray="5 3"/g)).toHaveLength(2);
    const episodes = (svg: string) => (svg.match(/<rect [^>]*fill="#e3eef9"\/>/g) ?? []).length;
    const notSeen = (svg: string) => (svg.match(/<rect [^>]*fill="#fbe3e3"\/>/g) ?? []).length;
    expect(episodes(svg)).toBe(a.episodes.length);
    expect(notSeen(svg)).toBe(a.gaps.childNotSeen.filter((g) => g.days >= 42).length);
    expect(notSeen(svg)).toBeGreaterThan(0);
    // Link labels name the meeting, in rows above the lanes.
    expect(svg).toMatch(/>Initial child protection confere/);
  });
  it('outlines a spell found with the child\'s names inferred as provisional, and says so', () => {
    const gap = { from: '2021-07-01', to: '2021-09-01', days: 62, before: 'x', after: 'y' };
    const confirmed = renderTimeline(demo, { childNotSeen: [gap] });
    const provisional = renderTimeline(demo, { childNotSeen: [{ ...gap, provisional: true }] });
    const dashed = (svg: string) => (svg.match(/<rect [^>]*fill="#fbe3e3"[^>]*stroke-dasharray="4 3"[^>]*\/>/g) ?? []).length;
    expect(dashed(confirmed)).toBe(0);
    expect(dashed(provisional)).toBe(1);
    expect(confirmed).toContain('>child not seen</text>');
    expect(provisional).toContain('>child not seen (provisional: names inferred)</text>');
    expect(new XMLParser().parse(provisional).svg.desc).toContain('1 spell of 42 days or more when no agency saw the child shaded pink (provisional: found with the child\'s names inferred');
    expectNoOverlap(layoutTimeline(demo, { childNotSeen: [{ ...gap, provisional: true }] }).boxes);
  });
  it.each([
    ['Strategy discussion', 'square'], ['Telephone call to mother', 'diamond'], ['ED attendance: fall', 'triangle'], ['Home visit', 'circle'],
  ] as const)('marks %s as a %s', (summary, shape) => {
    expect(markShape({ summary } as never)).toBe(shape);
  });
  it('becomes density strips above the threshold, and stays small', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${2010 + (i % 12)},Entry ${i}`);
    const t = merge([ingest({ file: 'big.csv', content: ['Date,Event', ...rows].join('\n') })]);
    const layout = layoutTimeline(t);
    expect(layout.aggregated).toBe(true);
    const out = renderTimeline(t);
    expect(out.length).toBeLessThan(500_000);
    expectOfficeSafe(out);
  });
  it('writes hostile text literally', () => {
    const t = merge([
      ingest({ file: 'x.csv', content: 'Date,Event\n10/05/2021,"Strategy discussion <script>"\n' }, { agency: '<b>&"]]>' }),
      ingest({ file: 'y.csv', content: 'Date,Event\n10/05/2021,Strategy meeting\n' }),
    ]);
    const out = renderTimeline(t, { title: '<t>' });
    expectOfficeSafe(out);
    expect(out).toContain('&lt;b&gt;&amp;&quot;]]&gt;');
  });
  it('is drawn by librsvg and resvg, not blank', () => expectRenders(svg));
});

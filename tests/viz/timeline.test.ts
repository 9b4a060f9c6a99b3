/** The merged timeline diagram: the demo case, spans not points, links, and density strips for big chronologies. */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import type { Timeline } from '../../src/model/types.js';
import { layoutTimeline, markShape, renderTimeline } from '../../viz/svg/timeline.js';
import { demoTimeline } from '../helpers/demo.js';
import { expectFontsAtLeast, expectGolden, expectNoOverlap, expectOfficeSafe, expectRenders, expectTextFits } from '../helpers/svg.js';

const demo = demoTimeline();
const a = analyse(demo, { child: ['L', 'Lacey'] });
const options = { episodes: a.episodes, childNotSeen: a.gaps.childNotSeen };

/** One GP record: drawn over a chosen period, only the time axis changes. */
const oneRecord = merge([ingest({ file: 'gp.csv', content: 'Date,Event\n05/03/2021,Home visit\n' }, { agency: 'GP' })]);
/** Two agencies' records of one strategy discussion, joined by a link; `reason` replaces the link's. */
function linked(reason?: string): Timeline {
  const t = merge([
    ingest({ file: 'a.csv', content: 'Date,Event\n10/05/2021,Strategy discussion held\n12/08/2021,Home visit\n' }),
    ingest({ file: 'b.csv', content: 'Date,Event\n01/03/2021,Referral received\n10/05/2021,Strategy meeting with police\n' }),
  ]);
  return reason === undefined ? t : { ...t, links: t.links.map((l) => ({ ...l, reason })) };
}
/** The text of every <text> element, in document order. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

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
    // Counted against the analysis; a count of 0 = 0 would check nothing.
    expect(a.episodes.length).toBeGreaterThan(0);
    expect(episodes(svg)).toBe(a.episodes.length);
    expect(notSeen(svg)).toBe(a.gaps.childNotSeen.filter((g) => g.days >= 42).length);
    expect(notSeen(svg)).toBeGreaterThan(0);
    // Link labels name the meeting, in rows above the lanes or, too long for their place, in the key.
    expect(svg).toContain('>Strategy discussion</text>');
    expect(svg).toContain('>Initial child protection conference</text>');
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
    // Twelve months hold 2,500 records each (the rows cycle month and year together): twelve
    // strips of the count scale's darkest colour, which the legend names.
    const strips = [...out.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="16" fill="(#[0-9a-f]{6})"\/>/g)].map((m) => m[1]);
    expect(strips).toHaveLength(12);
    const swatches = [...out.matchAll(/<rect [^>]*width="12" height="12" fill="(#[0-9a-f]{6})"[^>]*\/>\n<text [^>]*>([^<]*)<\/text>/g)].map((m) => [m[2], m[1]]);
    expect(swatches.slice(0, 12).map(([label]) => label)).toEqual(['1', '2', '3–4', '5–9', '10–19', '20–49', '50–99', '100–199', '200–499', '500–999', '1000–1999', '2000–2500']);
    expect(new Set(strips)).toEqual(new Set([swatches[11]![1]]));
    expect(out).toContain('>Records per month:</text>');
    expect(layout.desc).toContain('density strips of records per month');
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

describe('the time axis', () => {
  const SPANS = { '10 days': ['2021-03-01', '2021-03-11'], '3 months': ['2021-03-01', '2021-05-31'], '2 years': ['2021-01-01', '2022-12-31'], '12 years': ['2010-06-01', '2022-05-31'] } as const;
  it.each([
    ['10 days', 90, '1 week'], ['10 days', 170, '1 day'], ['10 days', 400, '1 day'],
    ['3 months', 90, '1 month'], ['3 months', 170, '2 weeks'], ['3 months', 400, '1 week'],
    ['2 years', 90, '6 months'], ['2 years', 170, '3 months'], ['2 years', 400, '1 month'],
    ['12 years', 90, '2 years'], ['12 years', 170, '1 year'], ['12 years', 400, '6 months'],
  ] as const)('over %s at %i mm ticks every %s, its labels clear of each other and on the picture', (span, widthMm, step) => {
    const [from, to] = SPANS[span];
    const layout = layoutTimeline(oneRecord, { from, to, widthMm });
    expect(layout.axis.step).toBe(step);
    const labels = layout.axis.ticks.flatMap((t) => (t.label ? [t.label] : []));
    expect(labels.length).toBeGreaterThan(1);
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x - (labels[i - 1]!.x + labels[i - 1]!.width), `${labels[i - 1]!.text} to ${labels[i]!.text}`).toBeGreaterThanOrEqual(8);
    expectTextFits(layout.boxes, layout.width, layout.height);
    const drawn = texts(renderTimeline(oneRecord, { from, to, widthMm }));
    for (const l of labels) expect(drawn).toContain(l.text);
  });
  it.each([
    ['10 days', 170, ['1 Mar 2021', '2 Mar', '3 Mar', '4 Mar', '5 Mar', '6 Mar', '7 Mar', '8 Mar', '9 Mar', '10 Mar']],
    ['3 months', 170, ['1 Mar 2021', '15 Mar', '29 Mar', '12 Apr', '26 Apr', '10 May', '24 May']],
    ['2 years', 90, ['Jan 2021', 'Jul 2021', 'Jan 2022', 'Jul 2022']],
    ['12 years', 90, ['2012', '2014', '2016', '2018', '2020', '2022']],
  ] as const)('labels %s at %i mm in UK English, day first, the year on the first date', (span, widthMm, expected) => {
    const [from, to] = SPANS[span];
    expect(layoutTimeline(oneRecord, { from, to, widthMm }).axis.ticks.flatMap((t) => (t.label ? [t.label.text] : []))).toEqual(expected);
  });
  it('gives the year again where a new one begins among weekly ticks', () => {
    const ticks = layoutTimeline(oneRecord, { from: '2021-12-01', to: '2022-02-15', widthMm: 170 }).axis.ticks;
    expect(ticks.map((t) => t.label?.text)).toEqual(['6 Dec 2021', '13 Dec', '20 Dec', '27 Dec', '3 Jan 2022', '10 Jan', '17 Jan', '24 Jan', '31 Jan', '7 Feb', '14 Feb']);
  });
  it.each([
    ['2021-03-20', '2021-04-05', ['26 Mar', '27 Mar', '28 Mar', '29 Mar', '30 Mar']],
    ['2021-10-20', '2021-11-05', ['29 Oct', '30 Oct', '31 Oct', '1 Nov', '2 Nov']],
  ] as const)('puts daily ticks across the clock change (%s to %s) on their days, a day apart', (from, to, around) => {
    const ticks = layoutTimeline(oneRecord, { from, to, widthMm: 400 }).axis.ticks.filter((t) => t.label);
    expect(ticks.length).toBe(16);
    const at = ticks.findIndex((t) => t.label!.text === around[0]);
    expect(ticks.slice(at, at + 5).map((t) => t.label!.text)).toEqual(around);
    const centres = ticks.map((t) => t.label!.x + t.label!.width / 2);
    for (let i = 1; i < ticks.length; i++) {
      expect(ticks[i]!.day - ticks[i - 1]!.day).toBe(1);
      expect(centres[i]! - centres[i - 1]!).toBeCloseTo(centres[1]! - centres[0]!, 6);
    }
  });
  it('draws the same bytes whatever the time zone (UTC, or London in BST and GMT)', () => {
    const draw = () => [renderTimeline(demo, options), renderTimeline(oneRecord, { from: '2021-03-20', to: '2021-04-05', widthMm: 400 }), renderTimeline(oneRecord, { from: '2021-10-20', to: '2021-11-05', widthMm: 400 })].join('');
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      expect(new Date(2021, 6, 1).getTimezoneOffset()).toBe(0);
      const utc = draw();
      process.env.TZ = 'Europe/London';
      expect(new Date(2021, 6, 1).getTimezoneOffset()).toBe(-60);
      expect(draw()).toBe(utc);
      process.env.TZ = 'America/New_York';
      expect(new Date(2021, 0, 1).getTimezoneOffset()).toBe(300);
      expect(draw()).toBe(utc);
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('link labels', () => {
  const svg = (t: Timeline) => renderTimeline(t, t === demo ? options : {});
  const LONG = 'Multi-agency strategy discussion convened after the school nurse reported new bruising to the left cheek';
  it('draws a label that fits whole, above its link', () => {
    const layout = layoutTimeline(linked());
    expect(layout.callouts).toEqual([]);
    expect(texts(renderTimeline(linked()))).toContain('Strategy discussion');
  });
  it('makes a label too long for its place a numbered callout at its link, listed whole in a key beneath', () => {
    const t = linked(`${LONG} on 10/05/2021, recorded by A and B`);
    const layout = layoutTimeline(t);
    expect(layout.callouts).toEqual([LONG]);
    const svg = renderTimeline(t);
    // The marker: a circle with 1 in it, above the lanes, centred on the link.
    const linkX = Number(/<path d="M([\d.]+),[\d.]+ L[\d.]+,[\d.]+" fill="none" stroke="#8c8c8c"/.exec(svg)![1]);
    const markers = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="14" rx="7"[^>]*\/>\n<text x="([\d.]+)" y="[\d.]+" [^>]*>1<\/text>/g)];
    expect(markers).toHaveLength(2); // on the chart and in the key
    const [onChart, inKey] = markers.sort((p, q) => Number(p[2]) - Number(q[2]));
    expect(Number(onChart![4])).toBeCloseTo(linkX, 1);
    const lanesTop = Number(/<line x1="[\d.]+" y1="([\d.]+)"/.exec(svg)![1]) - 26;
    expect(Number(onChart![2]) + 14).toBeLessThan(lanesTop);
    // The key: below the legend, every word of the label, nothing cut.
    const legendY = Number(/<text x="[\d.]+" y="([\d.]+)"[^>]*>record on a known day<\/text>/.exec(svg)![1]);
    expect(Number(inKey![2])).toBeGreaterThan(legendY);
    const all = texts(svg);
    const key = all.slice(all.indexOf('child not seen') + 1).filter((s) => s !== '1').join(' ');
    expect(key.split(' ')).toEqual(LONG.split(' '));
    expect(all.filter((s) => s.includes('…'))).toEqual([]);
    expect(layout.height).toBeGreaterThan(layoutTimeline(linked()).height);
    expectTextFits(layout.boxes, layout.width, layout.height);
  });
  it('numbers the demo case\'s callouts in time order, left to right on the chart, and cuts no label', () => {
    const layout = layoutTimeline(demo, options);
    expect(layout.callouts).toEqual(['Initial child protection conference', 'Review child protection conference', 'Review child protection conference']);
    const markers = [...svg(demo).matchAll(/height="14" rx="7"[^>]*\/>\n<text x="([\d.]+)" y="([\d.]+)" [^>]*>(\d+)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), n: m[3] }));
    const onChart = markers.filter((m) => m.x > 100);
    expect(onChart.map((m) => m.n)).toEqual(['1', '2', '3']);
    expect(onChart.map((m) => m.x)).toEqual([...onChart.map((m) => m.x)].sort((p, q) => p - q));
    expect(svg(demo)).not.toContain('…');
    expectTextFits(layout.boxes, layout.width, layout.height);
  });
  it('draws the demo case\'s long labels whole when the picture is wide enough', () => {
    expect(layoutTimeline(demo, { ...options, widthMm: 400 }).callouts).toEqual([]);
  });
});

describe('a long title', () => {
  it('is wrapped whole, and the labels and lanes start below it', () => {
    const title = 'Merged chronology of the six agencies that knew Child L, from the first referral in January 2021 to the injury in November 2022';
    const out = renderTimeline(demo, { ...options, title });
    const bold = [...out.matchAll(/<text [^>]*font-weight="bold"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(bold.length).toBeGreaterThan(1);
    expect(bold.join(' ')).toBe(title);
    const layout = layoutTimeline(demo, { ...options, title });
    expect(layout.height).toBeGreaterThan(layoutTimeline(demo, options).height);
    expectTextFits(layout.boxes, layout.width, layout.height);
  });
});

describe('lane labels', () => {
  it('wraps a long agency name onto more lines, every word kept, and its lane grows', () => {
    const name = 'Community Child and Adolescent Mental Health Service';
    const t = merge([
      ingest({ file: 'camhs.csv', content: 'Date,Event\n10/05/2021,Appointment offered\n' }, { agency: name }),
      ingest({ file: 'gp.csv', content: 'Date,Event\n12/05/2021,Home visit\n' }, { agency: 'GP' }),
    ]);
    const layout = layoutTimeline(t, { widthMm: 90 });
    const out = renderTimeline(t, { widthMm: 90 });
    const drawn = texts(out);
    // Lane labels are the right-aligned texts.
    const lines = [...out.matchAll(/<text [^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]!).filter((s) => s !== 'GP');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join(' ')).toBe(name);
    expect(drawn.filter((s) => s.includes('…'))).toEqual([]);
    expect(layout.height).toBeGreaterThan(layoutTimeline(merge([ingest({ file: 'gp.csv', content: 'Date,Event\n12/05/2021,Home visit\n' }, { agency: 'GP' }), ingest({ file: 'camhs.csv', content: 'Date,Event\n10/05/2021,Appointment offered\n' }, { agency: 'CAMHS' })]), { widthMm: 90 }).height);
    expectTextFits(layout.boxes, layout.width, layout.height);
  });
});

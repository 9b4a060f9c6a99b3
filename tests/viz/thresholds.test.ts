/**
 * The diagrams' numeric rules exactly at their thresholds, one unit below and one above, each
 * expectation a literal worked out by hand from the README ("Diagrams") and the width table
 * (viz/svg/text.ts: advance widths in thousandths of an em), never by the rule under test:
 * spells of 42 days or more shaded, density strips from 20,000 records (bins at least 2 px wide),
 * time-axis labels 8 px apart, at most 6 rows of link labels 6 px apart in a row, a link label
 * inline up to 150 px or a fifth of the plot, nothing smaller than 11 px, the heatmap's count
 * classes, the fishbone's three levels, and `render --width-mm` from 60 to 1200.
 *
 * Page arithmetic used below: 1 mm = 96 / 25.4 px, so 170 mm is 642.52 px, 40 mm 151.18 px, and
 * 571.5 mm (22.5 in) and 1016 mm (40 in) are exactly 2160 and 3840 px: at those widths an edge can
 * be met exactly. A timeline's plot runs from 12 px + its lane-label column (the widest agency
 * name + 10 px) to 12 px short of the right edge. At 11 px, one thousandth of an em is 0.011 px.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleUtc } from 'd3-scale';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Gap, InvolvementGrid } from '../../src/analytics/types.js';
import { analyseRca } from '../../src/rca/analyse.js';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import type { ChronologyEvent, CrossAgencyLink, Timeline } from '../../src/model/types.js';
import { runRender } from '../../src/cli/render.js';
import { UsageError } from '../../src/cli/io.js';
import { renderCauseGraph } from '../../viz/svg/causes.js';
import { layoutFishbone, renderFishbone } from '../../viz/svg/fishbone.js';
import { layoutHeatmap, renderHeatmap } from '../../viz/svg/heatmap.js';
import { timeAxis } from '../../viz/svg/ticks.js';
import { DEFAULT_DENSITY_THRESHOLD, layoutTimeline, NOT_SEEN_MIN_DAYS, renderTimeline } from '../../viz/svg/timeline.js';
import { renderWhyChain } from '../../viz/svg/whys.js';

/** A record dated to a day (or a minute), with nothing else. */
function record(id: string, agency: string, start: string, summary = 'Home visit'): ChronologyEvent {
  return {
    id, agency, summary, date: { start, precision: start.length > 10 ? 'minute' : 'day', text: start }, extra: {},
    source: { file: `${agency}.csv`, line: 2 }, flags: [],
  };
}

/** A merged timeline made by hand: the diagram reads only its events, lanes, links and scope. */
function timeline(events: ChronologyEvent[], links: CrossAgencyLink[] = []): Timeline {
  return {
    version: '1.1', scope: { includeOutOfScope: false }, agencyOrder: [...new Set(events.map((e) => e.agency))], events, links, issues: [], files: [],
    stats: { files: 0, agencies: 0, rows: events.length, events: events.length, usable: events.length, unusable: 0, outOfScope: 0, linkedGroups: 0, linkedEvents: 0, references: 0, issues: { error: 0, warning: 0, info: 0 } },
  };
}

/** Pairs of records, each pair joined by a link labelled with its words (agencies A and B unless one is given for both). */
function linked(pairs: ReadonlyArray<{ day: string; words: string }>, agency?: string): Timeline {
  const events = pairs.flatMap(({ day }, k) => [record(`a${k}`, agency ?? 'A', day), record(`b${k}`, agency ?? 'B', day)]);
  const links = pairs.map(({ words }, k): CrossAgencyLink => ({
    id: `link-${k + 1}`, kind: 'same-event', events: [`a${k}`, `b${k}`], agencies: agency ? [agency] : ['A', 'B'], confidence: 'medium',
    reason: `Recorded by A and B: similar wording (${words})`,
  }));
  return timeline(events, links);
}
/** A pair of records on 10/05/2021 per label, each pair joined by a link with that label. */
const linkedDay = (labels: readonly string[], agency?: string): Timeline => linked(labels.map((words) => ({ day: '2021-05-10', words })), agency);
const MAY = { from: '2021-05-01', to: '2021-05-31' };

describe('the values these tests were worked out for', () => {
  it('42 days, 20,000 records', () => {
    expect(NOT_SEEN_MIN_DAYS).toBe(42);
    expect(DEFAULT_DENSITY_THRESHOLD).toBe(20_000);
  });
});

describe('spells of 42 days or more when no agency saw the child are shaded', () => {
  const gp = timeline([record('gp-2', 'GP', '2021-05-01')]);
  // 01/02/2021 + 41 days is 14/03 (28 days in February 2021); + 42 is 15/03, + 43 is 16/03.
  const spell = (to: string, days: number): Gap => ({ from: '2021-02-01', to, days, before: 'x', after: 'y' });
  const s41 = spell('2021-03-14', 41);
  const s42 = spell('2021-03-15', 42);
  const s43 = spell('2021-03-16', 43);
  const shaded = (gaps: Gap[]): { bands: number; desc: string } => {
    const layout = layoutTimeline(gp, { from: '2021-01-01', to: '2021-12-31', childNotSeen: gaps });
    return { bands: layout.body.filter((b) => /^<rect [^>]*fill="#fbe3e3"\/>$/.test(b)).length, desc: layout.desc.replace(/^.*; /, '') };
  };
  it('41 days (below): not shaded', () => {
    expect(shaded([s41])).toEqual({ bands: 0, desc: '0 spells of 42 days or more when no agency saw the child shaded pink.' });
  });
  it('42 days (the edge): shaded', () => {
    expect(shaded([s42])).toEqual({ bands: 1, desc: '1 spell of 42 days or more when no agency saw the child shaded pink.' });
  });
  it('43 days (above): shaded', () => {
    expect(shaded([s43])).toEqual({ bands: 1, desc: '1 spell of 42 days or more when no agency saw the child shaded pink.' });
  });
  it('all three together: two bands', () => {
    expect(shaded([s41, s42, s43])).toEqual({ bands: 2, desc: '2 spells of 42 days or more when no agency saw the child shaded pink.' });
  });
  it('drawn in the SVG as two pink bands, besides the legend\'s swatch', () => {
    const svg = renderTimeline(gp, { from: '2021-01-01', to: '2021-12-31', childNotSeen: [s41, s42, s43] });
    expect(svg.match(/<rect [^>]*fill="#fbe3e3"\/>/g)).toHaveLength(2);
  });
});

describe('density strips from 20,000 records', () => {
  // n records on one day by one agency: a mark each, or one strip (a day's bin) holding all of them.
  const drawn = (n: number) => {
    const events = Array.from({ length: n }, (_, i) => record(`gp-${i + 2}`, 'GP', '2021-05-01'));
    const layout = layoutTimeline(timeline(events));
    return { aggregated: layout.aggregated, marks: layout.marks, strips: layout.desc.includes('density strips of records per day') };
  };
  it('19,999 records (below): a mark each', () => expect(drawn(19_999)).toEqual({ aggregated: false, marks: 19_999, strips: false }));
  it('20,000 records (the edge): density strips', () => expect(drawn(20_000)).toEqual({ aggregated: true, marks: 1, strips: true }));
  it('20,001 records (above): density strips', () => expect(drawn(20_001)).toEqual({ aggregated: true, marks: 1, strips: true }));
});

describe('density strips: the finest period whose bins are at least 2 px wide', () => {
  // 571.5 mm is 22.5 in, exactly 2160 px. Lane "cccc": 4 × 500 thousandths × 11 px = 22 px, + 10.
  // The plot is 2160 − 12 − (12 + 32) = 2104 px: 1052 days are exactly 2 px each.
  // From 01/01/2020: 366 + 365 days to 01/01/2022, then 320 to 17/11/2022, the 1052nd day.
  const period = (to: string): string => {
    const layout = layoutTimeline(timeline([record('c-2', 'cccc', '2021-03-01')]), { widthMm: 571.5, from: '2020-01-01', to, densityThreshold: 1 });
    return /density strips of records per (\w+)/.exec(layout.desc)![1]!;
  };
  it('1051 days, to 16/11/2022 (below): 2.002 px a day, days', () => expect(period('2022-11-16')).toBe('day'));
  it('1052 days, to 17/11/2022 (the edge): exactly 2 px a day, days', () => expect(period('2022-11-17')).toBe('day'));
  it('1053 days, to 18/11/2022 (above): 1.998 px a day, weeks', () => expect(period('2022-11-18')).toBe('week'));
});

describe('time-axis labels stay 8 px apart', () => {
  // Ticks on 1, 2 and 3 March 2021 (a Monday), s px apart. At 7.8125 px a thousandth of an em is
  // exactly 1/128 px, so every width and position below is exact in binary:
  // "1 Mar 2021" is 5058 thousandths, 39.515625 px; "2 Mar" 2556, 19.96875 px. Centred under
  // their ticks, the space between them is s − 39.515625 / 2 − 19.96875 / 2 = s − 29.7421875.
  const axis = (s: number) => {
    const x = scaleUtc().domain([new Date(Date.UTC(2021, 2, 1)), new Date(Date.UTC(2021, 2, 3))]).range([64, 64 + 2 * s]);
    const a = timeAxis(x, 1000, 100, 7.8125);
    return { step: a.step, labels: a.ticks.map((t) => t.label?.text) };
  };
  it('7 px apart (below): too close for daily ticks, so weekly (one tick, on the Monday)', () => {
    expect(axis(36.7421875)).toEqual({ step: '1 week', labels: ['1 Mar 2021'] });
  });
  it('8 px apart (the edge): daily ticks', () => {
    expect(axis(37.7421875)).toEqual({ step: '1 day', labels: ['1 Mar 2021', '2 Mar', '3 Mar'] });
  });
  it('9 px apart (above): daily ticks', () => {
    expect(axis(38.7421875)).toEqual({ step: '1 day', labels: ['1 Mar 2021', '2 Mar', '3 Mar'] });
  });
});

describe('at most 6 rows of link labels', () => {
  // Links on one day all sit at one x: each label needs a row of its own.
  const NATO = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
  const rows = (n: number) => {
    const layout = layoutTimeline(linkedDay(NATO.slice(0, n)), MAY);
    return { labelled: layout.boxes.map((b) => b.text).filter((t) => NATO.includes(t)), callouts: layout.callouts, unlabelled: /\d+ linked events? not labelled[^.]*\./.exec(layout.desc)?.[0] ?? 'none' };
  };
  it('5 links (below): 5 labels', () => {
    expect(rows(5)).toEqual({ labelled: ['alpha', 'bravo', 'charlie', 'delta', 'echo'], callouts: [], unlabelled: 'none' });
  });
  it('6 links (the edge): 6 labels', () => {
    expect(rows(6)).toEqual({ labelled: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'], callouts: [], unlabelled: 'none' });
  });
  it('7 links (above): 6 labels, the seventh counted as not labelled', () => {
    expect(rows(7)).toEqual({ labelled: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'], callouts: [], unlabelled: '1 linked event not labelled, for want of room.' });
  });
});

describe('labels in one row keep 6 px between them', () => {
  // 571.5 mm: exactly 2160 px, one lane "cccc", the plot from x = 44 to 2148 (2104 px). Over 64
  // days a day is 32.875 px, so a link on the 8th day (7 days in) is at 44 + 7 × 32.875 = 274.125.
  // A first label at the first day, 20375 thousandths (224.125 px) wide, ends at 268.125: exactly
  // 6 px short of the second. Every number here is exact in binary.
  const rows = (first: string): number => {
    const layout = layoutTimeline(linked([{ day: '2021-01-01', words: first }, { day: '2021-01-08', words: 'alpha' }], 'cccc'), { widthMm: 571.5, from: '2021-01-01', to: '2021-03-06' });
    const labels = layout.boxes.filter((b) => b.text === first || b.text === 'alpha');
    expect(labels.map((b) => b.text)).toEqual([first, 'alpha']);
    return new Set(labels.map((b) => b.y)).size;
  };
  it('a gap of 6.011 px (above): one row', () => expect(rows(`${'c'.repeat(37)}rrii''''`)).toBe(1)); // 18500 + 666 + 444 + 764 = 20374
  it('a gap of exactly 6 px (the edge): one row', () => expect(rows(`${'c'.repeat(38)}r'''^`)).toBe(1)); // 19000 + 333 + 573 + 469 = 20375
  it('a gap of 5.989 px (below): a second row', () => expect(rows(`${'c'.repeat(37)}^^^^`)).toBe(2)); // 18500 + 1876 = 20376
});

describe('a link label is drawn at its link up to 150 px, or a fifth of the plot where that is more', () => {
  // Label widths in thousandths of an em at 11 px (m 833, a 556, c 500, r 333, i 222, + 584, ^ 469, | 260, ' 191).
  const place = (label: string, widthMm: number, agency?: string): 'inline' | 'callout' => {
    const layout = layoutTimeline(linkedDay([label], agency), { ...MAY, widthMm });
    if (layout.callouts.length === 1 && layout.callouts[0] === label) return 'callout';
    expect(layout.boxes.map((b) => b.text)).toContain(label);
    return 'inline';
  };
  // At 170 mm the plot is 642.520 − 12 − (12 + 17.337) = 601.183 px (lanes "A" and "B", 667 each):
  // a fifth is 120.24 px, so the limit is 150 px. 150 px is 13636.4 thousandths: no label is exactly 150 px.
  it('13635 thousandths, 149.985 px (below): inline', () => expect(place(`${'m'.repeat(15)}a+`, 170)).toBe('inline')); // 12495 + 556 + 584
  it('13636 thousandths, 149.996 px (the widest under 150): inline', () => expect(place(`i${'m'.repeat(14)}+++`, 170)).toBe('inline')); // 222 + 11662 + 1752
  it('13637 thousandths, 150.007 px (above): a callout', () => expect(place(`aaaa${'m'.repeat(13)}+`, 170)).toBe('callout')); // 2224 + 10829 + 584
  // 1016 mm is 40 in, exactly 3840 px. With one lane, "ccc" (16.5 px + 10), the plot is
  // 3840 − 12 − (12 + 26.5) = 3789.5 px: a fifth, 757.9 px, is the limit, and 68900 thousandths
  // at 11 px is exactly 757.9 px.
  it('68899 thousandths, 757.889 px (below): inline', () => expect(place(`${'c'.repeat(135)}ri|+`, 1016, 'ccc')).toBe('inline')); // 67500 + 333 + 222 + 260 + 584
  it('68900 thousandths, exactly a fifth of the plot (the edge): inline', () => expect(place(`${'c'.repeat(135)}a|+`, 1016, 'ccc')).toBe('inline')); // 67500 + 556 + 260 + 584
  it('68901 thousandths, 757.911 px (above): a callout', () => expect(place(`${'c'.repeat(134)}rrr''||`, 1016, 'ccc')).toBe('callout')); // 67000 + 999 + 382 + 520
  // At 40 mm the plot, 151.181 − 24 − 17.337 = 109.844 px, is narrower than 150 px: it is the limit.
  it('9984 thousandths, 109.824 px (below): inline', () => expect(place(`ar${'m'.repeat(9)}'^^^`, 40)).toBe('inline')); // 556 + 333 + 7497 + 191 + 1407
  it('9985 thousandths, 109.835 px (the widest the plot holds): inline', () => expect(place(`aar${'m'.repeat(8)}^^^^`, 40)).toBe('inline')); // 1112 + 333 + 6664 + 1876
  it('9986 thousandths, 109.846 px (above): a callout', () => expect(place(`a${'m'.repeat(8)}'++^^^`, 40)).toBe('callout')); // 556 + 6664 + 191 + 1168 + 1407
});

describe('nothing smaller than 11 px', () => {
  const chain = readWhyChain('# Child L\nproblem P1: Child L was injured\n  why c1: No strategy discussion was held (policy & procedure) [evidence: police-4]\n    why c2: The contact screen shows only the current incident (agency systems)\n      !action: Show the incident history {strength: stronger}\n').graph;
  const grid: InvolvementGrid = {
    period: 'month', notPlaced: [],
    periods: [{ period: '2021-01', from: '', to: '', agencies: ['Police'], count: 3 }, { period: '2021-02', from: '', to: '', agencies: ['Police'], count: 12 }],
    agencies: [{ agency: 'Police', count: 15 }],
    cells: [{ agency: 'Police', period: '2021-01', count: 3, types: {}, events: [] }, { agency: 'Police', period: '2021-02', count: 12, types: {}, events: [] }],
  };
  const smallest = (svg: string): number => Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])));
  it.each([
    ['timeline', () => renderTimeline(linkedDay(['alpha', `${'m'.repeat(17)}`]), MAY)],
    ['heatmap', () => renderHeatmap(grid)],
    ['why-chain', () => renderWhyChain(chain)],
    ['fishbone', () => renderFishbone(chain)],
    ['cause graph', () => renderCauseGraph(chain, analyseRca(chain))],
  ])('the %s\'s smallest text is 11 px (8.25 pt at 170 mm)', (_, draw) => {
    expect(smallest(draw())).toBe(11);
  });
});

describe('the heatmap\'s count classes: each count up to 7 its own colour, then 1, 2, 3–4, 5–9, 10–19, 20–49, 50–99…', () => {
  /** One agency, one month per count. */
  const gridOf = (counts: readonly number[]): InvolvementGrid => {
    const periods = counts.map((count, i) => ({ period: `2021-${String(i + 1).padStart(2, '0')}`, from: '', to: '', agencies: ['Police'], count }));
    return { period: 'month', periods, notPlaced: [], agencies: [{ agency: 'Police', count: counts.reduce((a, b) => a + b, 0) }], cells: periods.map((p) => ({ agency: 'Police', period: p.period, count: p.count, types: {}, events: [] })) };
  };
  /** The legend's swatches as [label, fill], read from what the legend draws. */
  const legend = (counts: readonly number[]): Array<[string, string]> => {
    const body = layoutHeatmap(gridOf(counts), { widthMm: 400 }).legend.body;
    return body.flatMap((el, i) => {
      const fill = /^<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(el)?.[1];
      return fill ? [[/>([^<]*)<\/text>$/.exec(body[i + 1]!)![1]!, fill] as [string, string]] : [];
    });
  };
  const labels = (max: number): string[] => legend([0, max]).map(([label]) => label);
  it.each([
    [6, ['none', '1', '2', '3', '4', '5', '6']],
    [7, ['none', '1', '2', '3', '4', '5', '6', '7']],
    [8, ['none', '1', '2', '3–4', '5–8']],
    [9, ['none', '1', '2', '3–4', '5–9']],
    [10, ['none', '1', '2', '3–4', '5–9', '10']],
    [11, ['none', '1', '2', '3–4', '5–9', '10–11']],
    [19, ['none', '1', '2', '3–4', '5–9', '10–19']],
    [20, ['none', '1', '2', '3–4', '5–9', '10–19', '20']],
    [21, ['none', '1', '2', '3–4', '5–9', '10–19', '20–21']],
    [49, ['none', '1', '2', '3–4', '5–9', '10–19', '20–49']],
    [50, ['none', '1', '2', '3–4', '5–9', '10–19', '20–49', '50']],
    [51, ['none', '1', '2', '3–4', '5–9', '10–19', '20–49', '50–51']],
  ])('the busiest cell holding %i: the legend reads %j', (max, expected) => {
    expect(labels(max)).toEqual(expected);
  });
  it('each cell takes the colour of the class its count is in (class edges 7/8, 9/10, 19/20, 49/50)', () => {
    const counts = [3, 4, 7, 8, 9, 10, 19, 20, 49, 50];
    const swatches = legend(counts);
    const labelOf = new Map(swatches.map(([label, fill]) => [fill, label]));
    const cells = layoutHeatmap(gridOf(counts), { widthMm: 400 }).cells;
    expect(cells.map((c) => [c.count, labelOf.get(c.fill)])).toEqual([
      [3, '3–4'], [4, '3–4'], [7, '5–9'], [8, '5–9'], [9, '5–9'], [10, '10–19'], [19, '10–19'], [20, '20–49'], [49, '20–49'], [50, '50'],
    ]);
  });
  it('with counts up to 7, 7 has a colour of its own; with 8, 7 and 8 share one', () => {
    const seven = layoutHeatmap(gridOf([6, 7]), { widthMm: 400 }).cells;
    expect(seven[0]!.fill).not.toBe(seven[1]!.fill);
    const eight = layoutHeatmap(gridOf([7, 8]), { widthMm: 400 }).cells;
    expect(eight[0]!.fill).toBe(eight[1]!.fill);
  });
});

describe('the fishbone nests causes three levels deep; deeper ones are counted', () => {
  const depth = (levels: number) => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Child L was injured');
    const names = ['one', 'two', 'three', 'four', 'five'];
    for (let k = 1; k <= levels; k++) {
      g.cause(`c${k}`, `Level ${names[k - 1]} cause`, k === 1 ? { category: 'Policy' } : {});
      g.causes(`c${k}`, k === 1 ? 'p' : `c${k - 1}`);
    }
    const layout = layoutFishbone(g.graph);
    return { texts: layout.texts.map((t) => t.content).filter((t) => /Level|deeper/.test(t)), causes: /and (\d+ causes?)\./.exec(layout.desc)![1] };
  };
  it('2 levels (below): both drawn', () => {
    expect(depth(2)).toEqual({ texts: ['? Level one cause', '– ? Level two cause'], causes: '2 causes' });
  });
  it('3 levels (the edge): all three drawn', () => {
    expect(depth(3)).toEqual({ texts: ['? Level one cause', '– ? Level two cause', '– ? Level three cause'], causes: '3 causes' });
  });
  it('4 levels (above): three drawn, the fourth counted', () => {
    expect(depth(4)).toEqual({ texts: ['? Level one cause', '– ? Level two cause', '– ? Level three cause', '(1 deeper cause)'], causes: '3 causes' });
  });
});

describe('render --width-mm: from 60 to 1200', () => {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-width-'));
  const input = join(dir, 'chain.txt');
  writeFileSync(input, 'problem P1: Child L was injured\n  why c1: No strategy discussion was held\n');
  beforeEach(() => { vi.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => { vi.restoreAllMocks(); });
  const widthPx = async (mm: string): Promise<string> => {
    const out = join(dir, `whys-${mm}.svg`);
    expect(await runRender(['whys', input, '--width-mm', mm, '-o', out])).toBe(0);
    return /<svg [^>]*width="([\d.]+)"/.exec(readFileSync(out, 'utf8'))![1]!;
  };
  const refused = (mm: string) => expect(runRender(['whys', input, '--width-mm', mm, '-o', join(dir, 'no.svg')])).rejects.toThrow(new UsageError(`--width-mm ${mm}: expected a width in mm from 60 to 1200`));
  // mm × 96 / 25.4, to two decimals: 60 → 226.77, 61 → 230.55, 1199 → 4531.65, 1200 → 4535.43.
  it('59 (below the least): refused', async () => { await refused('59'); });
  it('60 (the least): drawn 226.77 px wide', async () => expect(await widthPx('60')).toBe('226.77'));
  it('61: drawn 230.55 px wide', async () => expect(await widthPx('61')).toBe('230.55'));
  it('1199: drawn 4531.65 px wide', async () => expect(await widthPx('1199')).toBe('4531.65'));
  it('1200 (the most): drawn 4535.43 px wide', async () => expect(await widthPx('1200')).toBe('4535.43'));
  it('1201 (above the most): refused', async () => { await refused('1201'); });
});

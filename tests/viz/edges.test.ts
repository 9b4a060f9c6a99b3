/**
 * Diagrams at the edges the random tests found (tests/pipeline-fuzz.test.ts,
 * tests/rca/formats-fuzz.test.ts): long titles and labels, nothing to draw, the last of many
 * columns. Every text stays on the picture and off every other text; no date is made up; on the
 * RCA diagrams nothing is cut.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { ingest } from '../../src/ingest/ingest.js';
import { analyseRca } from '../../src/rca/analyse.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { readFishboneCsv } from '../../src/rca/fishbone.js';
import { createCauseGraph } from '../../src/rca/model.js';
import { merge } from '../../src/timeline/merge.js';
import { causeGraphTextBoxes, layoutCauseGraph, renderCauseGraph } from '../../viz/svg/causes.js';
import { fishboneTextBoxes, layoutFishbone } from '../../viz/svg/fishbone.js';
import { heatmapTextBoxes, layoutHeatmap, renderHeatmap } from '../../viz/svg/heatmap.js';
import { layoutTimeline, renderTimeline } from '../../viz/svg/timeline.js';
import { layoutWhyChain, whyChainTextBoxes } from '../../viz/svg/whys.js';
import { expectTextFits } from '../helpers/svg.js';

const LONG = 'The MASH contact screen shows only the incident reported, not the 2021 child protection plans, MARAC referral or earlier call-outs, once a case is closed';
const read = (file: string, text: string) => ingest({ file, content: new TextEncoder().encode(text) });

describe('a long title', () => {
  const { graph } = readWhyChain(`# ${LONG}\nproblem P1: Child L was injured\n  why c1: No strategy discussion was held`);
  const short = readWhyChain('# Child L\nproblem P1: Child L was injured\n  why c1: No strategy discussion was held').graph;
  it('is wrapped in full on the RCA diagrams, the drawing pushed down under it, and kept whole as the document title', () => {
    const fish = layoutFishbone(graph);
    const whys = layoutWhyChain(graph);
    const causes = layoutCauseGraph(graph, analyseRca(graph));
    for (const heading of [fish.heading, whys.heading, causes.heading]) {
      expect(heading.lines.length).toBeGreaterThan(1);
      expect(heading.lines.join(' ')).toBe(LONG);
    }
    expectTextFits(fishboneTextBoxes(fish), fish.width, fish.height);
    expectTextFits(whyChainTextBoxes(whys), whys.width, whys.height);
    expectTextFits(causeGraphTextBoxes(causes), causes.width, causes.height);
    expect(fish.head.y).toBeGreaterThan(layoutFishbone(short).head.y);
    expect(whys.boxes[0]!.y).toBeGreaterThan(layoutWhyChain(short).boxes[0]!.y);
    expect(Math.min(...causes.nodes.map((n) => n.y))).toBeGreaterThan(Math.min(...layoutCauseGraph(short, analyseRca(short)).nodes.map((n) => n.y)));
    expect(new XMLParser().parse(renderCauseGraph(graph, analyseRca(graph))).svg.title).toBe(LONG);
  });
  it('stays on the heatmap', () => {
    const grid = analyse(merge([read('gp.csv', 'Date,Event\n01/02/2021,Visit\n')]), {}).grid;
    const heat = layoutHeatmap(grid, { title: LONG });
    expectTextFits(heatmapTextBoxes(heat), heat.width, heat.height);
  });
});

describe('the fishbone', () => {
  it('keeps a long problem (the head) clear of the title when no bone rises above the spine', () => {
    const { graph } = readWhyChain(`# ${LONG}\nproblem P1: ${LONG}`);
    const layout = layoutFishbone(graph);
    expect(layout.head.y).toBeGreaterThanOrEqual(30);
    expectTextFits(fishboneTextBoxes(layout), layout.width, layout.height);
  });
  it('keeps the leftmost bone\'s long category on the page', () => {
    const { graph } = readFishboneCsv(`Problem: Child L was injured\nCategory,Cause\n"${LONG}",A cause\n`);
    expect(graph.getNodeAttribute(graph.filterNodes((_, a) => a.kind === 'cause')[0]!, 'category' as never)).toBe(LONG);
    const layout = layoutFishbone(graph);
    expectTextFits(fishboneTextBoxes(layout), layout.width, layout.height);
  });
});

describe('nothing to draw', () => {
  it('a cause graph with no causes has a real size (dagre gives an empty graph none)', () => {
    const layout = layoutCauseGraph(createCauseGraph(), { leverage: [] });
    expect(Number.isFinite(layout.height) && Number.isFinite(layout.width)).toBe(true);
    expect(renderCauseGraph(createCauseGraph(), { leverage: [] })).not.toMatch(/NaN|Infinity/);
    expectTextFits(causeGraphTextBoxes(layout), layout.width, layout.height);
  });
  it('a timeline whose records are all undated shows no made-up dates', () => {
    const t = merge([read('police.csv', 'Date,Event\nunknown,Call from neighbour\nTBC,Visit\n')]);
    const svg = renderTimeline(t);
    expect(svg).not.toMatch(/1970/);
    expect(svg).toContain('no dated records');
    expect(new XMLParser().parse(svg).svg.desc).toMatch(/^Timeline of 2 records from 1 agency, one lane each, none of them dated\./);
    const layout = layoutTimeline(t);
    expectTextFits(layout.boxes, layout.width, layout.height);
  });
});

describe('many columns', () => {
  it('leaves out a heatmap column label that would run off the picture', () => {
    // May 2016 to October 2022: 78 narrow columns, the last one labelled.
    const t = merge([ingest({ file: 'csc.csv', content: new TextEncoder().encode('Date,Event\n22/05/2016,Visit\n30/10/2022,Visit\n') }, { agency: "Children's Social Care" })]);
    const grid = analyse(t, { period: 'month' }).grid;
    const layout = layoutHeatmap(grid);
    expect(grid.periods.length).toBe(78);
    expectTextFits(heatmapTextBoxes(layout), layout.width, layout.height);
    expect(renderHeatmap(grid)).toContain('May 16');
  });
});

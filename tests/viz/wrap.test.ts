/**
 * Nothing cut: a cause's statement, an action's text, the problem, a category and the title are
 * what the RCA diagrams are for, so the cause graph, the fishbone and the why-chain wrap them in
 * full (boxes grow) and never end one in "…". Fed the longest statements of the demo RCA and a
 * made-up one of 60 words with references too long for any line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseRca } from '../../src/rca/analyse.js';
import { readFishboneCsv } from '../../src/rca/fishbone.js';
import { CauseGraphBuilder, type CauseGraph } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { causeGraphTextBoxes, layoutCauseGraph, renderCauseGraph } from '../../viz/svg/causes.js';
import { fishboneTextBoxes, layoutFishbone, renderFishbone } from '../../viz/svg/fishbone.js';
import { titleText } from '../../viz/svg/svg.js';
import { textWidth, wrapText } from '../../viz/svg/text.js';
import { layoutWhyChain, renderWhyChain, whyChainTextBoxes } from '../../viz/svg/whys.js';
import { expectOfficeSafe, expectRenders, expectTextFits } from '../helpers/svg.js';

const demo = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt').graph;
const demoTable = readFishboneCsv(readFileSync('fixtures/rca/child-l.fishbone.csv'), 'child-l.fishbone.csv').graph;

const REFERENCE = 'Multi-Agency-Safeguarding-Hub-Referral-Ref-0000123';
const URL = 'https://www.northmoor.gov.uk/children/safeguarding/practice-guidance/domestic-abuse-and-strategy-discussions.pdf';
/** 60 words, two of them wider than any line of any of the diagrams. */
const SIXTY = `The contact recorded as ${REFERENCE} was screened by a duty worker who could not see the two earlier child protection plans, `
  + 'the MARAC referral or the police call-outs of the summer, because the screen shows only the incident reported and the guidance at '
  + `${URL} was not linked from it, so nobody joined them up in the weeks before the injury`;
const ACTION = `Link ${URL} and every earlier plan from the contact screen so that a contact such as ${REFERENCE} cannot be closed `
  + 'by a duty worker without a manager reading the whole history of the family first and recording why no strategy discussion is needed';

/** A why-chain made of statements longer than any box, under a title longer than the picture. */
function longGraph(): CauseGraph {
  const g = new CauseGraphBuilder('Why was Child L seriously injured at home on 25/11/2022 when four agencies knew of the domestic abuse, the new partner and the bruising seen at nursery the week before?');
  g.problem('p', 'Child L (3) was admitted to the paediatric intensive care unit with a subdural haemorrhage on the night of 25–26/11/2022, after months in which no single agency held the whole picture of the risk in the home');
  g.cause('c1', SIXTY, { category: 'Multi-agency working, information sharing and the systems that hold each agency\'s records' });
  g.causes('c1', 'p');
  g.cause('c2', `Vacant posts were filled with short agency contracts and no handover, see ${REFERENCE}`);
  g.causes('c2', 'c1');
  g.evidence('e1', 'csc-case-notes-36', { event: 'csc-case-notes-36' });
  g.supports('e1', 'c2');
  g.action('a1', ACTION, { strength: 'stronger' });
  g.addresses('a1', 'c1');
  return g.graph;
}

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every piece of text drawn (the content of each <text> and <tspan>), in document order. */
function drawnTexts(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)</g)].map((m) => decode(m[1]!)).filter((t) => t !== '');
}

/**
 * `statement` is drawn whole: all its words, in order, with nothing between them but line breaks
 * (a word wider than a line may itself be broken across lines, so spaces are not compared).
 */
function expectDrawnWhole(svg: string, statement: string): void {
  const drawn = drawnTexts(svg).join(' ').replace(/\s+/g, '');
  expect(drawn, `"${statement}" is not drawn whole`).toContain(statement.replace(/\s+/g, ''));
}

function expectNothingCut(svg: string): void {
  const texts = drawnTexts(svg);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.filter((t) => t.endsWith('…'))).toEqual([]);
}

const labelsOf = (graph: CauseGraph, kind: string): string[] =>
  graph.filterNodes((_, a) => a.kind === kind).map((k) => graph.getNodeAttribute(k, 'label')).sort((a, b) => b.length - a.length);
/** The categories of the problem's own causes: the fishbone's bones. */
const categoriesOf = (graph: CauseGraph): string[] => [...new Set(graph
  .filterNodes((k, a) => a.kind === 'cause' && graph.outNeighbors(k).some((n) => graph.getNodeAttribute(n, 'kind') === 'problem'))
  .map((k) => graph.getNodeAttribute(k, 'category' as never) as string | undefined))].filter((c): c is string => c !== undefined);

describe('the demo RCA, drawn', () => {
  const causes = labelsOf(demo, 'cause');
  const actions = labelsOf(demo, 'action');
  const [problem] = labelsOf(demo, 'problem');
  it('has statements long enough to need many lines', () => {
    expect(causes.length).toBe(14);
    expect(actions.length).toBe(5);
    // The longest of each, as written in the file (c3 and the action under it).
    expect(causes[0]).toBe('The MASH contact screen shows only the incident reported, not the 2021 child protection plans, MARAC referral or earlier call-outs, once a case is closed');
    expect(actions[0]).toBe('Show every incident, plan and MARAC referral of the last 24 months on the MASH contact screen, so a contact cannot be screened without them');
    expect(causes[0]!.length).toBeGreaterThan(140);
    expect(actions[0]!.length).toBeGreaterThan(100);
    expect(problem).toBeDefined();
  });
  it('the cause graph writes every cause statement and action text in full, the longest first', () => {
    const svg = renderCauseGraph(demo, analyseRca(demo));
    expectNothingCut(svg);
    for (const s of [problem!, ...causes, ...actions]) expectDrawnWhole(svg, s);
  });
  it('the why-chain writes every cause statement and action text in full', () => {
    const svg = renderWhyChain(demo);
    expectNothingCut(svg);
    for (const s of [problem!, ...causes, ...actions]) expectDrawnWhole(svg, s);
  });
  it('the fishbone writes the problem, every cause and every category in full, from the why-chain and from the table', () => {
    // The bones, read off the files: the categories of the causes of the problem itself (c1, c8,
    // c11, c14 in the why-chain; the Cause column's statements in the table), in order of first use.
    const bones = new Map([
      [demo, ['multi-agency working', 'parents/carers & family environment', 'child']],
      [demoTable, ['Multi-agency working & information sharing', 'Agency systems & resources', 'Parents/carers & family environment', 'Policy & procedure', 'Child']],
    ]);
    for (const [graph, bonesOf] of bones) {
      const svg = renderFishbone(graph);
      expectNothingCut(svg);
      const categories = categoriesOf(graph);
      expect(categories).toEqual(bonesOf);
      for (const s of [...labelsOf(graph, 'problem'), ...labelsOf(graph, 'cause'), ...categories]) expectDrawnWhole(svg, s);
    }
    // The table's categories are longer than a bone's room on one line.
    expect(categoriesOf(demoTable)).toContain('Multi-agency working & information sharing');
  });
});

describe('a statement of 60 words with references too long for a line', () => {
  const graph = longGraph();
  const title = graph.getAttribute('title')!;
  const problem = graph.getNodeAttribute('p', 'label');
  const c2 = graph.getNodeAttribute('c2', 'label');
  it('is 60 words long', () => expect(SIXTY.split(' ')).toHaveLength(60));
  it('is written in full in the cause graph, without overlapping text, the boxes grown to hold it', () => {
    const svg = renderCauseGraph(graph, analyseRca(graph));
    expectOfficeSafe(svg);
    expectNothingCut(svg);
    for (const s of [title, problem, SIXTY, c2, ACTION]) expectDrawnWhole(svg, s);
    const layout = layoutCauseGraph(graph, analyseRca(graph));
    expectTextFits(causeGraphTextBoxes(layout), layout.width, layout.height);
    expectRenders(svg);
  });
  it('is written in full in the why-chain, without overlapping text', () => {
    const svg = renderWhyChain(graph);
    expectOfficeSafe(svg);
    expectNothingCut(svg);
    for (const s of [title, problem, SIXTY, c2, ACTION]) expectDrawnWhole(svg, s);
    const layout = layoutWhyChain(graph);
    expectTextFits(whyChainTextBoxes(layout), layout.width, layout.height);
  });
  it('is written in full in the fishbone, with its long category, without overlapping text', () => {
    const svg = renderFishbone(graph);
    expectOfficeSafe(svg);
    expectNothingCut(svg);
    for (const s of [title, problem, SIXTY, c2, graph.getNodeAttribute('c1', 'category')!]) expectDrawnWhole(svg, s);
    const layout = layoutFishbone(graph);
    expectTextFits(fishboneTextBoxes(layout), layout.width, layout.height);
    expectRenders(svg);
  });
});

describe('wrapping', () => {
  it('breaks a word wider than the line across lines, after a hyphen where it can, losing nothing', () => {
    const lines = wrapText(`see ${REFERENCE} today`, 90, 11);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(textWidth(l, 11)).toBeLessThanOrEqual(90);
    expect(lines.join('').replace(/\s+/g, '')).toBe(`see${REFERENCE}today`);
    expect(lines.slice(1, -1).every((l) => l.endsWith('-'))).toBe(true);
    expect(lines[0]).toBe('see');
  });
  it('breaks a word with no hyphen between letters, bold measured wider', () => {
    const word = 'Supercalifragilisticexpialidociousunbrokenword';
    const lines = wrapText(word, 60, 11, true);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(textWidth(l, 11, true)).toBeLessThanOrEqual(60);
    expect(lines.join('')).toBe(word);
  });
  it('wraps a title longer than the picture onto more lines, every word kept, reaching further down', () => {
    const long = titleText(`${SIXTY} ${SIXTY}`, 400);
    const short = titleText('Cause graph', 400);
    expect(short.lines).toEqual(['Cause graph']);
    expect(long.lines.length).toBeGreaterThan(5);
    expect(long.lines.join(' ').replace(/\s+/g, '')).toBe(`${SIXTY} ${SIXTY}`.replace(/\s+/g, ''));
    expect(long.height).toBeGreaterThan(short.height);
    expect(long.box.y + long.box.height).toBeLessThanOrEqual(long.height);
    expect(long.box.width).toBeLessThanOrEqual(400 - 2 * 12);
    expect(drawnTexts(long.svg)).toEqual(long.lines);
  });
});

/**
 * The cause graph: a layered layout (dagre, behind layoutCauseGraph) with root causes on the left
 * and the problem on the right. Node shape by kind (the problem rounded and shaded, causes square),
 * root causes with a heavy border, causes without supporting evidence dashed and marked "?", each
 * cause's evidence count and actions written in its box, and the highest-leverage causes (the
 * share of all root-to-problem paths through them) highlighted. Edges are drawn as straight
 * segments with arrowheads of our own (no markers, which not every Office version draws).
 * Statements and actions are written in full, however long: a box grows to hold them.
 *
 * The leverage comes from the RCA report it is given (analyseRca's), not from analysis of its own.
 */
import dagre from '@dagrejs/dagre';
import { causeGraphReport, type CauseGraphReport } from '../../src/rca/figures.js';
import { isRootCause, isUnconfirmed, sourcesOf, type ActionAttributes, type CauseGraph } from '../../src/rca/model.js';
import { PROBLEM_FILL, PROBLEM_STROKE } from './colour.js';
import { BODY_FONT_PX, element, num, PAGE_MARGIN, PX_PER_MM, scaleDocument, svgDocument, text, titleText, type TitleText } from './svg.js';
import { legendRow, type LegendEntry } from './legend.js';
import { textBox, wrapText, type TextBox } from './text.js';
import { count } from '../../src/model/words.js';

export interface CauseGraphOptions {
  widthMm?: number;
  title?: string;
  /** How many of the highest-leverage causes to highlight. */
  highlight?: number;
}

const SIZE = BODY_FONT_PX;
const LINE = 13;
const PAD = 5;
/** The width the ranks share: A4's text width, 170 mm, where 11 px text is 8.25 pt. */
const PAGE_WIDTH = 170 * PX_PER_MM;
/** A box's width: its share of the page, but never narrower or wider than these. */
const NODE_WIDTH = 104;
const MAX_NODE_WIDTH = 180;
const RANK_SEP = 22;
const MARGIN = PAGE_MARGIN;
/** Above and below the nodes: above, room for a one-line title. */
const MARGIN_Y = MARGIN + 26;
const HIGHLIGHT_FILL = '#fde725';

export interface CauseNodeBox {
  key: string;
  kind: 'problem' | 'cause';
  x: number;
  y: number;
  width: number;
  height: number;
  lines: Array<{ text: string; bold: boolean }>;
  root: boolean;
  unconfirmed: boolean;
  highlighted: boolean;
}

const LEGEND: LegendEntry[] = [
  { label: 'problem', swatch: { shape: 'box', fill: PROBLEM_FILL, stroke: PROBLEM_STROKE, strokeWidth: 2.5, rounded: true } },
  { label: 'root cause', swatch: { shape: 'box', strokeWidth: 2.5 } },
  { label: '? no supporting evidence', swatch: { shape: 'box', dashed: true } },
  { label: 'highest leverage', swatch: { shape: 'box', fill: HIGHLIGHT_FILL } },
];

export interface CauseGraphLayout {
  legend: ReturnType<typeof legendRow>;
  width: number;
  height: number;
  nodes: CauseNodeBox[];
  edges: Array<{ points: Array<{ x: number; y: number }> }>;
  title: string;
  heading: TitleText;
  desc: string;
}

/** `report`: the RCA report of `graph` (analyseRca's, or causeGraphReport's when there is none to hand). */
export function layoutCauseGraph(graph: CauseGraph, report: CauseGraphReport = causeGraphReport(graph), options: CauseGraphOptions = {}): CauseGraphLayout {
  const title = options.title ?? (graph.getAttribute('title') as string | undefined) ?? 'Cause graph';
  const top = new Set(report.leverage.slice(0, options.highlight ?? 3).map((l) => l.cause));
  const share = new Map(report.leverage.map((l) => [l.cause, l.share]));
  const keys = graph.filterNodes((_, a) => a.kind === 'cause' || a.kind === 'problem').sort();
  const drawn = new Set(keys);
  const links: Array<[string, string]> = [];
  graph.forEachEdge((_, a, source, target) => {
    if (a.kind === 'causes' && source !== target && drawn.has(source) && drawn.has(target)) links.push([source, target]);
  });
  // Long statements are written in full: the boxes share the page's width, so they grow down less.
  const ranks = rankCount(keys, links);
  const nodeWidth = Math.min(MAX_NODE_WIDTH, Math.max(NODE_WIDTH, Math.floor((PAGE_WIDTH - 2 * MARGIN - (ranks - 1) * RANK_SEP) / Math.max(1, ranks))));

  const g = dagreGraph();
  const boxes = new Map<string, CauseNodeBox>();
  for (const key of keys) {
    const kind = graph.getNodeAttribute(key, 'kind') === 'problem' ? 'problem' : 'cause';
    const root = isRootCause(graph, key);
    const evidence = sourcesOf(graph, key, 'supports').length;
    const unconfirmed = isUnconfirmed(graph, key);
    const inner = nodeWidth - 2 * PAD;
    const lines: CauseNodeBox['lines'] = [];
    const label = `${unconfirmed ? '? ' : ''}${graph.getNodeAttribute(key, 'label')}`;
    for (const l of wrapText(label, inner, SIZE, kind === 'problem' || root)) lines.push({ text: l, bold: kind === 'problem' || root });
    if (kind === 'cause') {
      const notes = [`${evidence === 0 ? 'no' : evidence} evidence`];
      if (top.has(key)) notes.push(`leverage ${Math.round(share.get(key)! * 100)}%`);
      for (const l of wrapText(notes.join(' · '), inner, SIZE)) lines.push({ text: l, bold: false });
      for (const a of sourcesOf(graph, key, 'addresses')) {
        const attrs = graph.getNodeAttributes(a) as ActionAttributes;
        for (const l of wrapText(`Action${attrs.strength ? ` (${attrs.strength})` : ''}: ${attrs.label}`, inner, SIZE)) lines.push({ text: l, bold: false });
      }
    }
    const box: CauseNodeBox = { key, kind, x: 0, y: 0, width: nodeWidth, height: lines.length * LINE + 2 * PAD, lines, root, unconfirmed, highlighted: top.has(key) };
    boxes.set(key, box);
    g.setNode(key, { width: box.width, height: box.height });
  }
  for (const [source, target] of links) g.setEdge(source, target);
  dagre.layout(g);
  // dagre gives an empty graph no size (-Infinity): it is then just the title and the legend.
  const laid = g.graph() as { width?: number; height?: number };
  const size = keys.length === 0 ? { width: 0, height: MARGIN + 30 } : laid;
  const width = Math.max(size.width ?? 0, 360);
  // The drawing starts 7 px under the title: a title of more than one line pushes it down.
  const heading = titleText(title, width);
  const drop = Math.max(0, heading.height + 7 - MARGIN_Y);
  for (const [key, box] of boxes) {
    const n = g.node(key) as { x: number; y: number };
    box.x = n.x - box.width / 2;
    box.y = n.y - box.height / 2 + drop;
  }
  const edges = g.edges().map((e) => ({ points: (g.edge(e) as { points: Array<{ x: number; y: number }> }).points.map((p) => ({ x: p.x, y: p.y + drop })) }));
  const bottom = (size.height ?? 0) + drop;
  const roots = [...boxes.values()].filter((b) => b.root).length;
  const desc = `Cause graph: ${count([...boxes.values()].filter((b) => b.kind === 'cause').length, 'cause')} leading to ${count([...boxes.values()].filter((b) => b.kind === 'problem').length, 'problem')}, root causes on the left. `
    + `${count(roots, 'root cause')} with a heavy border; causes without evidence are dashed and marked with a question mark; `
    + `${top.size === 1 ? 'the highest-leverage cause is' : `the ${top.size} highest-leverage causes are`} shaded yellow.`;
  const legend = legendRow(MARGIN, bottom + 14, width - 2 * MARGIN, LEGEND);
  return { width, height: bottom + 14 + legend.height, nodes: [...boxes.values()], edges, title, heading, desc, legend };
}

function dagreGraph(): dagre.graphlib.Graph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: RANK_SEP, nodesep: 10, marginx: MARGIN, marginy: MARGIN_Y });
  g.setDefaultEdgeLabel(() => ({}));
  return g;
}

/** How many ranks (columns) dagre lays the graph out in: the ranking does not depend on the boxes' sizes. */
function rankCount(keys: readonly string[], links: ReadonlyArray<[string, string]>): number {
  const g = dagreGraph();
  for (const key of keys) g.setNode(key, { width: 1, height: 1 });
  for (const [source, target] of links) g.setEdge(source, target);
  dagre.layout(g);
  return new Set(keys.map((k) => (g.node(k) as { x: number }).x)).size;
}

function arrowhead(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const p = (d: number, a: number) => `${num(to.x - d * Math.cos(angle + a))},${num(to.y - d * Math.sin(angle + a))}`;
  return element('path', { d: `M${num(to.x)},${num(to.y)} L${p(7, 0.4)} L${p(7, -0.4)} Z`, fill: '#555555' });
}

/** The cause graph of `graph`, its leverage from `report` (see layoutCauseGraph). */
export function renderCauseGraph(graph: CauseGraph, report: CauseGraphReport = causeGraphReport(graph), options: CauseGraphOptions = {}): string {
  const layout = layoutCauseGraph(graph, report, options);
  const body: string[] = [layout.heading.svg];
  for (const e of layout.edges) {
    const d = e.points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${num(pt.x)},${num(pt.y)}`).join(' ');
    body.push(element('path', { d, fill: 'none', stroke: '#555555', 'stroke-width': 1 }));
    body.push(arrowhead(e.points[e.points.length - 2]!, e.points[e.points.length - 1]!));
  }
  for (const n of layout.nodes) {
    body.push(element('rect', {
      x: n.x, y: n.y, width: n.width, height: n.height, rx: n.kind === 'problem' ? 8 : 0,
      fill: n.kind === 'problem' ? PROBLEM_FILL : n.highlighted ? HIGHLIGHT_FILL : '#ffffff',
      stroke: n.kind === 'problem' ? PROBLEM_STROKE : '#404040', 'stroke-width': n.root || n.kind === 'problem' ? 2.5 : 1,
      'stroke-dasharray': n.unconfirmed ? '4 3' : undefined,
    }));
    n.lines.forEach((l, i) => body.push(text(n.x + PAD, n.y + PAD + SIZE + i * LINE - 2, l.text, { size: SIZE, weight: l.bold ? 'bold' : 'normal' })));
  }
  body.push(...layout.legend.body);
  const doc = svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body });
  return options.widthMm === undefined ? doc : scaleDocument(doc, options.widthMm * PX_PER_MM);
}

export function causeGraphTextBoxes(layout: CauseGraphLayout): TextBox[] {
  const out: TextBox[] = [layout.heading.box, ...layout.legend.boxes];
  for (const n of layout.nodes) n.lines.forEach((l, i) => out.push(textBox(n.x + PAD, n.y + PAD + SIZE + i * LINE - 2, l.text, SIZE, 'start', l.bold)));
  return out;
}

/**
 * The cause graph: a layered layout (dagre, behind layoutCauseGraph) with root causes on the left
 * and the problem on the right. Node shape by kind (the problem rounded and shaded, causes square),
 * root causes with a heavy border, causes without supporting evidence dashed and marked "?", each
 * cause's evidence count and actions written in its box, and the highest-leverage causes (the
 * share of all root-to-problem paths through them) highlighted. Edges are drawn as straight
 * segments with arrowheads of our own (no markers, which not every Office version draws).
 */
import dagre from '@dagrejs/dagre';
import { analyseRca } from '../../src/rca/analyse.js';
import { sourcesOf, type ActionAttributes, type CauseGraph } from '../../src/rca/model.js';
import { PROBLEM_FILL, PROBLEM_STROKE } from './colour.js';
import { BODY_FONT_PX, element, num, PAGE_MARGIN, PX_PER_MM, scaleDocument, svgDocument, text, titleText } from './svg.js';
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
const NODE_WIDTH = 104;
const MARGIN = PAGE_MARGIN;
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
  desc: string;
}

export function layoutCauseGraph(graph: CauseGraph, options: CauseGraphOptions = {}): CauseGraphLayout {
  const title = options.title ?? (graph.getAttribute('title') as string | undefined) ?? 'Cause graph';
  const report = analyseRca(graph, { pathLimit: 0 });
  const top = new Set(report.leverage.slice(0, options.highlight ?? 3).map((l) => l.cause));
  const share = new Map(report.leverage.map((l) => [l.cause, l.share]));
  const keys = graph.filterNodes((_, a) => a.kind === 'cause' || a.kind === 'problem').sort();

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: 22, nodesep: 10, marginx: MARGIN, marginy: MARGIN + 26 });
  g.setDefaultEdgeLabel(() => ({}));
  const boxes = new Map<string, CauseNodeBox>();
  for (const key of keys) {
    const kind = graph.getNodeAttribute(key, 'kind') === 'problem' ? 'problem' : 'cause';
    const root = kind === 'cause' && sourcesOf(graph, key, 'causes').length === 0;
    const evidence = sourcesOf(graph, key, 'supports').length;
    const unconfirmed = kind === 'cause' && evidence === 0;
    const inner = NODE_WIDTH - 2 * PAD;
    const lines: CauseNodeBox['lines'] = [];
    const label = `${unconfirmed ? '? ' : ''}${graph.getNodeAttribute(key, 'label')}`;
    for (const l of wrapText(label, inner, SIZE, 6, kind === 'problem' || root)) lines.push({ text: l, bold: kind === 'problem' || root });
    if (kind === 'cause') {
      const notes = [`${evidence === 0 ? 'no' : evidence} evidence`];
      if (top.has(key)) notes.push(`leverage ${Math.round(share.get(key)! * 100)}%`);
      for (const l of wrapText(notes.join(' · '), inner, SIZE)) lines.push({ text: l, bold: false });
      for (const a of sourcesOf(graph, key, 'addresses')) {
        const attrs = graph.getNodeAttributes(a) as ActionAttributes;
        for (const l of wrapText(`Action${attrs.strength ? ` (${attrs.strength})` : ''}: ${attrs.label}`, inner, SIZE, 2)) lines.push({ text: l, bold: false });
      }
    }
    const box: CauseNodeBox = { key, kind, x: 0, y: 0, width: NODE_WIDTH, height: lines.length * LINE + 2 * PAD, lines, root, unconfirmed, highlighted: top.has(key) };
    boxes.set(key, box);
    g.setNode(key, { width: box.width, height: box.height });
  }
  graph.forEachEdge((_, a, source, target) => {
    if (a.kind === 'causes' && source !== target && boxes.has(source) && boxes.has(target)) g.setEdge(source, target);
  });
  dagre.layout(g);
  for (const [key, box] of boxes) {
    const n = g.node(key) as { x: number; y: number };
    box.x = n.x - box.width / 2;
    box.y = n.y - box.height / 2;
  }
  const edges = g.edges().map((e) => ({ points: (g.edge(e) as { points: Array<{ x: number; y: number }> }).points }));
  // dagre gives an empty graph no size (-Infinity): it is then just the title and the legend.
  const laid = g.graph() as { width?: number; height?: number };
  const size = keys.length === 0 ? { width: 0, height: MARGIN + 30 } : laid;
  const roots = [...boxes.values()].filter((b) => b.root).length;
  const desc = `Cause graph: ${count([...boxes.values()].filter((b) => b.kind === 'cause').length, 'cause')} leading to ${count([...boxes.values()].filter((b) => b.kind === 'problem').length, 'problem')}, root causes on the left. `
    + `${count(roots, 'root cause')} with a heavy border; causes without evidence are dashed and marked with a question mark; `
    + `${top.size === 1 ? 'the highest-leverage cause is' : `the ${top.size} highest-leverage causes are`} shaded yellow.`;
  const width = Math.max(size.width ?? 0, 360);
  const legend = legendRow(MARGIN, (size.height ?? 0) + 14, width - 2 * MARGIN, LEGEND);
  return { width, height: (size.height ?? 0) + 14 + legend.height, nodes: [...boxes.values()], edges, title, desc, legend };
}

function arrowhead(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const p = (d: number, a: number) => `${num(to.x - d * Math.cos(angle + a))},${num(to.y - d * Math.sin(angle + a))}`;
  return element('path', { d: `M${num(to.x)},${num(to.y)} L${p(7, 0.4)} L${p(7, -0.4)} Z`, fill: '#555555' });
}

export function renderCauseGraph(graph: CauseGraph, options: CauseGraphOptions = {}): string {
  const layout = layoutCauseGraph(graph, options);
  const body: string[] = [titleText(layout.title, layout.width).svg];
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
  const out: TextBox[] = [titleText(layout.title, layout.width).box, ...layout.legend.boxes];
  for (const n of layout.nodes) n.lines.forEach((l, i) => out.push(textBox(n.x + PAD, n.y + PAD + SIZE + i * LINE - 2, l.text, SIZE, 'start', l.bold)));
  return out;
}

/**
 * The why-chain diagram: for each problem, its causes as an outline read top to bottom — each
 * step indented under the effect it explains ("why?"), with the evidence cited at that step.
 * Root causes are drawn with a heavy border and labelled; a cause with no supporting evidence is
 * dashed and marked "?"; actions aimed at a cause are listed under it. A cause reached again by
 * another path is drawn once more, briefly, pointing back. Deterministic: children in key order.
 * Statements, evidence and actions are written in full: a box grows to hold them.
 */
import { causesOf, isRootCause, isUnconfirmed, sourcesOf, type ActionAttributes, type CauseGraph } from '../../src/rca/model.js';
import { PROBLEM_FILL, PROBLEM_STROKE } from './colour.js';
import { BODY_FONT_PX, element, line, PAGE_MARGIN, PX_PER_MM, svgDocument, text, titleText, type TitleText } from './svg.js';
import { legendRow, type LegendEntry } from './legend.js';
import { textBox, wrapText, type TextBox } from './text.js';
import { count } from '../../src/model/words.js';

export interface WhyChainOptions {
  widthMm?: number;
  title?: string;
}

const SIZE = BODY_FONT_PX;
const LINE = 14;
const PAD = 6;
const INDENT = 22;
const GAP = 8;
const MARGIN = PAGE_MARGIN;

export interface WhyBox {
  key: string;
  kind: 'problem' | 'cause';
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  notes: string[];
  root: boolean;
  unconfirmed: boolean;
  repeat: boolean;
  parent?: WhyBox;
}

export interface WhyChainLayout { width: number; height: number; boxes: WhyBox[]; title: string; heading: TitleText; desc: string; legend: ReturnType<typeof legendRow> }

const LEGEND: LegendEntry[] = [
  { label: 'problem', swatch: { shape: 'box', fill: PROBLEM_FILL, stroke: PROBLEM_STROKE, rounded: true } },
  { label: 'root cause (heavy border)', swatch: { shape: 'box', strokeWidth: 2.5 } },
  { label: '? no supporting evidence yet', swatch: { shape: 'box', dashed: true } },
];

export function layoutWhyChain(graph: CauseGraph, options: WhyChainOptions = {}): WhyChainLayout {
  const width = (options.widthMm ?? 170) * PX_PER_MM;
  const title = options.title ?? (graph.getAttribute('title') as string | undefined) ?? 'Why-chain';
  const heading = titleText(title, width);
  const boxes: WhyBox[] = [];
  let y = heading.height + 11;
  const place = (key: string, depth: number, parent: WhyBox | undefined, repeat: boolean): WhyBox => {
    const x = MARGIN + depth * INDENT;
    const inner = width - x - MARGIN - 2 * PAD;
    const kind = graph.getNodeAttribute(key, 'kind') === 'problem' ? 'problem' : 'cause';
    const label: string = graph.getNodeAttribute(key, 'label');
    const root = isRootCause(graph, key);
    const supports = sourcesOf(graph, key, 'supports');
    const unconfirmed = isUnconfirmed(graph, key);
    const head = kind === 'problem' ? `Problem: ${label}` : `${unconfirmed ? '? ' : ''}${repeat ? `${label} (again: see above)` : label}`;
    const lines = wrapText(head, inner, SIZE, kind === 'problem' || root);
    const notes: string[] = [];
    if (kind === 'cause' && !repeat) {
      const evidence = supports.map((e) => graph.getNodeAttribute(e, 'label') as string);
      const refuted = sourcesOf(graph, key, 'refutes').map((e) => graph.getNodeAttribute(e, 'label') as string);
      if (root) notes.push('Root cause');
      notes.push(evidence.length > 0 ? `Evidence: ${evidence.join(', ')}` : 'No evidence yet (unconfirmed)');
      if (refuted.length > 0) notes.push(`Counter-evidence: ${refuted.join(', ')}`);
      for (const a of sourcesOf(graph, key, 'addresses')) {
        const attrs = graph.getNodeAttributes(a) as ActionAttributes;
        notes.push(`Action${attrs.strength ? ` (${attrs.strength})` : ''}: ${attrs.label}`);
      }
    }
    const noteLines = notes.flatMap((n) => wrapText(n, inner, SIZE));
    const height = PAD * 2 + (lines.length + noteLines.length) * LINE;
    const box: WhyBox = { key, kind, depth, x, y, width: width - x - MARGIN, height, lines, notes: noteLines, root, unconfirmed, repeat, ...(parent ? { parent } : {}) };
    boxes.push(box);
    y += height + GAP;
    return box;
  };
  const problems = graph.filterNodes((_, a) => a.kind === 'problem').sort();
  for (const p of problems) {
    const seen = new Set<string>();
    const walk = (key: string, depth: number, parent: WhyBox | undefined): void => {
      const repeat = seen.has(key);
      const box = place(key, depth, parent, repeat);
      if (repeat) return;
      seen.add(key);
      for (const c of causesOf(graph, key)) walk(c, depth + 1, box);
    };
    walk(p, 0, undefined);
    y += GAP;
  }
  const roots = boxes.filter((b) => b.root && !b.repeat).length;
  const desc = `Why-chain diagram: ${count(problems.length, 'problem')}; each cause is indented under the effect it explains, with the evidence cited at each step. `
    + `${count(roots, 'root cause')} with a heavy border; causes without supporting evidence are dashed and marked with a question mark.`;
  const legend = legendRow(MARGIN, y + 6, width - 2 * MARGIN, LEGEND);
  return { width, height: y + 6 + legend.height + MARGIN, boxes, title, heading, desc, legend };
}

const FILL = { problem: PROBLEM_FILL, cause: '#ffffff' };

export function renderWhyChain(graph: CauseGraph, options: WhyChainOptions = {}): string {
  const layout = layoutWhyChain(graph, options);
  const body: string[] = [layout.heading.svg];
  for (const b of layout.boxes) {
    if (b.parent) {
      // The "why?" connector: down from the effect's left edge, across to this box.
      const cx = b.parent.x + INDENT / 2;
      body.push(line(cx, b.parent.y + b.parent.height, cx, b.y + LINE, '#555555'));
      body.push(line(cx, b.y + LINE, b.x, b.y + LINE, '#555555'));
    }
    body.push(element('rect', {
      x: b.x, y: b.y, width: b.width, height: b.height, rx: 3, fill: FILL[b.kind], stroke: b.kind === 'problem' ? PROBLEM_STROKE : '#555555',
      'stroke-width': b.root ? 2.5 : 1, 'stroke-dasharray': b.unconfirmed && !b.repeat ? '4 3' : undefined,
    }));
    let ty = b.y + PAD + SIZE;
    for (const l of b.lines) { body.push(text(b.x + PAD, ty, l, { size: SIZE, weight: b.kind === 'problem' || b.root ? 'bold' : 'normal' })); ty += LINE; }
    for (const n of b.notes) { body.push(text(b.x + PAD, ty, n, { size: SIZE, fill: '#3a3a3a' })); ty += LINE; }
  }
  body.push(...layout.legend.body);
  return svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body });
}

/** Every text's box, for collision tests. */
export function whyChainTextBoxes(layout: WhyChainLayout): TextBox[] {
  const boxes: TextBox[] = [layout.heading.box, ...layout.legend.boxes];
  for (const b of layout.boxes) {
    let ty = b.y + PAD + SIZE;
    for (const l of b.lines) { boxes.push(textBox(b.x + PAD, ty, l, SIZE, 'start', b.kind === 'problem' || b.root)); ty += LINE; }
    for (const n of b.notes) { boxes.push(textBox(b.x + PAD, ty, n, SIZE)); ty += LINE; }
  }
  return boxes;
}

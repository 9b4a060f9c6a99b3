/**
 * The fishbone (Ishikawa) diagram: the problem at the head on the right, one bone per category
 * alternating above and below the spine, each cause of the problem a rib on its category's bone
 * with its sub-causes nested beneath (three levels; deeper ones counted). Unconfirmed causes (no
 * supporting evidence) are marked "?" with a dashed rib; root causes are bold. Every statement,
 * category and the problem are written in full: a column, a bone's label and the head grow to hold them.
 *
 * A layout of our own, deterministic, with no force simulation: each bone owns a column; text sits
 * left of the bone (which leans away from the head), wrapped to the column, stacked outwards from
 * the spine, so no two texts can overlap. The picture is laid out 170 mm wide with 11 px text
 * (8.25 pt) and only scaled for other widths, so text stays legible wherever it is placed.
 */
import { causesOf, isRootCause, isUnconfirmed, type CauseGraph } from '../../src/rca/model.js';
import { PROBLEM_FILL, PROBLEM_STROKE } from './colour.js';
import { BODY_FONT_PX, element, line, PAGE_MARGIN, PX_PER_MM, scaleDocument, svgDocument, text, titleText, type TitleText } from './svg.js';
import { legendRow, type LegendEntry } from './legend.js';
import { textBox, wrapText, type TextBox } from './text.js';
import { count } from '../../src/model/words.js';

export interface FishboneOptions {
  /** Width on the page in mm; the drawing is scaled, never relaid, so text keeps its size relative to the page. */
  widthMm?: number;
  title?: string;
  /** The problem to draw (default: the first problem by key). */
  problem?: string;
}

/** The layout's own width: 170 mm at 96 dpi. */
const LAYOUT_WIDTH = 170 * PX_PER_MM;
const SIZE = BODY_FONT_PX;
const LINE = 14;
const MARGIN = PAGE_MARGIN;
const HEAD_WIDTH = 120;
const SLANT = 24;
const LEVELS = 3;
const NO_CATEGORY = '(no category)';

export interface FishText { x: number; y: number; content: string; bold: boolean; anchor: 'start' | 'middle' | 'end' }
export interface FishLine { x1: number; y1: number; x2: number; y2: number; width: number; dashed: boolean }

const LEGEND: LegendEntry[] = [
  { label: 'bold: root cause', swatch: { shape: 'line', strokeWidth: 3 } },
  { label: '? dashed rib: no supporting evidence yet', swatch: { shape: 'line', dashed: true } },
];

export interface FishboneLayout {
  legend: ReturnType<typeof legendRow>;
  width: number;
  height: number;
  texts: FishText[];
  lines: FishLine[];
  head: { x: number; y: number; width: number; height: number };
  title: string;
  heading: TitleText;
  desc: string;
}

interface Item { key: string; depth: number; lines: string[]; bold: boolean; unconfirmed: boolean }

export function layoutFishbone(graph: CauseGraph, options: FishboneOptions = {}): FishboneLayout {
  const problem = options.problem ?? graph.filterNodes((_, a) => a.kind === 'problem').sort()[0];
  const title = options.title ?? (graph.getAttribute('title') as string | undefined) ?? 'Fishbone';
  const direct = problem === undefined ? [] : causesOf(graph, problem);
  const categoryOf = (k: string): string => (graph.getNodeAttribute(k, 'category' as never) as string | undefined) ?? NO_CATEGORY;
  const categories = [...new Set(direct.map(categoryOf))].sort((a, b) => (a === NO_CATEGORY ? 1 : b === NO_CATEGORY ? -1 : a.localeCompare(b, 'en-GB')));

  const spineLeft = MARGIN;
  const spineRight = LAYOUT_WIDTH - MARGIN - HEAD_WIDTH;
  const perSide = Math.max(1, Math.ceil(categories.length / 2));
  const columnWidth = (spineRight - spineLeft) / perSide;
  const textWidth = columnWidth - SLANT - 14;
  // Nested causes step in, but never by more than a third of the column.
  const indentOf = (depth: number): number => Math.min((depth - 1) * 10, textWidth / 3);
  // A category ends at its bone's tip and reaches back no further than the next column's bone.
  const labelRoomOf = (right: number): number => Math.min(columnWidth - SLANT - 4, right - 8 - SLANT - MARGIN);

  // Each category's items: its causes and their causes, three levels, wrapped to the column.
  const itemsOf = (category: string): Item[] => {
    const items: Item[] = [];
    const visit = (k: string, depth: number): void => {
      const subs = causesOf(graph, k);
      const unconfirmed = isUnconfirmed(graph, k);
      const root = isRootCause(graph, k);
      const label = `${unconfirmed ? '? ' : ''}${graph.getNodeAttribute(k, 'label')}`;
      items.push({ key: k, depth, lines: wrapText(depth > 1 ? `– ${label}` : label, textWidth - indentOf(depth), SIZE, root), bold: root, unconfirmed });
      if (depth === LEVELS && subs.length > 0) {
        const deeper = `(${count(subs.length, 'deeper cause')})`;
        items.push({ key: `${k}+`, depth: depth + 1, lines: wrapText(deeper, textWidth - indentOf(depth + 1), SIZE), bold: false, unconfirmed: false });
        return;
      }
      for (const s of subs) visit(s, depth + 1);
    };
    for (const c of direct.filter((k) => categoryOf(k) === category)) visit(c, 1);
    return items;
  };
  const columns = categories.map((category, i) => {
    const slot = Math.floor(i / 2);
    const label = wrapText(category, labelRoomOf(spineRight - slot * columnWidth), SIZE, true);
    return { category, above: i % 2 === 0, slot, label, items: itemsOf(category) };
  });
  const blockHeight = (items: Item[]): number => items.reduce((h, it) => h + it.lines.length * LINE + 4, 0);
  // Each column holds its bone's label at the edge and its causes stacked from the spine.
  const side = (above: boolean): number => Math.max(0, ...columns.filter((c) => c.above === above).map((c) => blockHeight(c.items) + c.label.length * LINE + 12));
  // The head holds the problem, centred on the spine: the spine sits low enough, and the picture
  // reaches far enough down, for the whole head to clear the title and the legend.
  const problemLines = problem === undefined ? ['(no problem)'] : wrapText(graph.getNodeAttribute(problem, 'label'), HEAD_WIDTH - 16, SIZE, true);
  const headHeight = Math.max(40, problemLines.length * LINE + 12);
  const heading = titleText(title, LAYOUT_WIDTH);
  const top = heading.height + 11;
  const spineY = top + Math.max(side(true), 40, headHeight / 2);
  const bottom = spineY + Math.max(side(false), 40, headHeight / 2);

  const texts: FishText[] = [];
  const lines: FishLine[] = [{ x1: spineLeft, y1: spineY, x2: spineRight, y2: spineY, width: 3, dashed: false }];
  for (const col of columns) {
    const right = spineRight - col.slot * columnWidth;
    const left = right - columnWidth;
    const edgeY = col.above ? top : bottom;
    const labelHeight = col.label.length * LINE;
    const boneTop = col.above ? edgeY + labelHeight + 4 : edgeY - labelHeight - 4;
    lines.push({ x1: right - 8, y1: spineY, x2: right - 8 - SLANT, y2: boneTop, width: 2, dashed: false });
    // The label sits between the picture's edge and the bone's tip, its last line nearest the tip.
    const labelY = col.above ? edgeY + SIZE : edgeY - 2 - labelHeight + LINE;
    col.label.forEach((l, n) => texts.push({ x: right - 8 - SLANT, y: labelY + n * LINE, content: l, bold: true, anchor: 'end' }));
    // Stack outwards from the spine, nearest first.
    let y = col.above ? spineY - 8 - blockHeight(col.items) : spineY + 8;
    for (const item of col.items) {
      const x = left + 6 + indentOf(item.depth);
      const firstBaseline = y + SIZE;
      item.lines.forEach((l, n) => texts.push({ x, y: firstBaseline + n * LINE, content: l, bold: item.bold, anchor: 'start' }));
      if (item.depth === 1) {
        // The rib: from the end of the text column to the bone at this height.
        const ribY = firstBaseline - SIZE * 0.35;
        const t = (ribY - spineY) / (boneTop - spineY);
        lines.push({ x1: left + 6 + textWidth + 2, y1: ribY, x2: right - 8 - SLANT * t, y2: ribY, width: 1, dashed: item.unconfirmed });
      }
      y += item.lines.length * LINE + 4;
    }
  }
  const head = { x: spineRight + 4, y: spineY - headHeight / 2, width: HEAD_WIDTH - 4, height: headHeight };
  problemLines.forEach((l, n) => texts.push({ x: head.x + 6, y: head.y + 6 + SIZE + n * LINE, content: l, bold: true, anchor: 'start' }));
  const causes = new Set(columns.flatMap((c) => c.items.filter((i) => !i.key.endsWith('+')).map((i) => i.key))).size;
  const desc = `Fishbone diagram: the problem "${problem === undefined ? '' : graph.getNodeAttribute(problem, 'label')}" at the head, ${count(categories.length, 'category', 'categories')} `
    + `(${categories.join('; ')}) and ${count(causes, 'cause')}. Root causes are bold; causes without evidence are marked with a question mark and a dashed rib.`;
  const legend = legendRow(MARGIN, bottom + 8 + LINE, LAYOUT_WIDTH - 2 * MARGIN, LEGEND);
  return { width: LAYOUT_WIDTH, height: bottom + 8 + LINE + legend.height + MARGIN, texts, lines, head, title, heading, desc, legend };
}

export function renderFishbone(graph: CauseGraph, options: FishboneOptions = {}): string {
  const layout = layoutFishbone(graph, options);
  const scale = ((options.widthMm ?? 170) * PX_PER_MM) / layout.width;
  const body: string[] = [];
  for (const l of layout.lines) body.push(line(l.x1, l.y1, l.x2, l.y2, '#404040', l.width, l.dashed ? { 'stroke-dasharray': '4 3' } : {}));
  body.push(element('rect', { x: layout.head.x, y: layout.head.y, width: layout.head.width, height: layout.head.height, rx: 4, fill: PROBLEM_FILL, stroke: PROBLEM_STROKE, 'stroke-width': 2 }));
  body.push(layout.heading.svg);
  for (const t of layout.texts) body.push(text(t.x, t.y, t.content, { size: SIZE, weight: t.bold ? 'bold' : 'normal', anchor: t.anchor }));
  body.push(...layout.legend.body);
  const doc = svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body });
  return scale === 1 ? doc : scaleDocument(doc, layout.width * scale);
}

/** Every text's box, for collision tests. */
export function fishboneTextBoxes(layout: FishboneLayout): TextBox[] {
  return [layout.heading.box, ...layout.texts.map((t) => textBox(t.x, t.y, t.content, SIZE, t.anchor, t.bold)), ...layout.legend.boxes];
}

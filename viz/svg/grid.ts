/**
 * A grid picture — a row of labelled cells per line, a legend below — painted from its layout:
 * the involvement heatmap and what each agency knew share it. Layouts are pure coordinates; this
 * turns one into Office-safe SVG, and gives every text's box for the collision tests.
 */
import { line, PAGE_MARGIN, rect, svgDocument, text } from './svg.js';
import { textBox, type TextBox } from './text.js';

export interface PlacedText { x: number; y: number; content: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; weight?: 'bold' }
export interface GridCellBox { x: number; y: number; width: number; height: number; fill: string }

export interface GridLayout<C extends GridCellBox = GridCellBox> {
  width: number;
  height: number;
  cells: C[];
  texts: PlacedText[];
  legend: { body: string[]; boxes: TextBox[] };
  title: string;
  desc: string;
}

/** Cells edged in white, a rule under the last row, the texts, the legend. */
export function renderGrid(layout: GridLayout): string {
  const body: string[] = [];
  for (const c of layout.cells) body.push(rect(c.x, c.y, c.width, c.height, c.fill, '#ffffff'));
  const bottom = layout.cells.reduce((b, c) => Math.max(b, c.y + c.height), 0);
  if (bottom > 0) body.push(line(PAGE_MARGIN, bottom, layout.width - PAGE_MARGIN, bottom, '#8c8c8c'));
  for (const t of layout.texts) body.push(text(t.x, t.y, t.content, { size: t.size, fill: t.fill, anchor: t.anchor, ...(t.weight ? { weight: t.weight } : {}) }));
  body.push(...layout.legend.body);
  return svgDocument({ width: layout.width, height: layout.height, title: layout.title, desc: layout.desc, body });
}

/** Every text's box, for collision tests. */
export function gridTextBoxes(layout: GridLayout): TextBox[] {
  return [...layout.texts.map((t) => textBox(t.x, t.y, t.content, t.size, t.anchor, t.weight === 'bold')), ...layout.legend.boxes];
}

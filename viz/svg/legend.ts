/** A legend row: small swatches, each with its meaning, laid left to right and wrapped to the width. */
import { BODY_FONT_PX, element, line, text } from './svg.js';
import { textBox, textWidth, type TextBox } from './text.js';

export interface LegendEntry {
  label: string;
  /** A box swatch (fill, border, dashed border), or a line swatch. */
  swatch: { shape: 'box' | 'line'; fill?: string; stroke?: string; strokeWidth?: number; dashed?: boolean; rounded?: boolean };
}

const SIZE = BODY_FONT_PX;
const ROW = 18;

/**
 * The legend's SVG, its text boxes (for collision tests), its height and its last row's baseline.
 * A `heading` (`Records:`) leads the first row, and wrapped rows start under the first swatch.
 */
export function legendRow(x: number, y: number, maxWidth: number, entries: readonly LegendEntry[], heading?: string): { body: string[]; boxes: TextBox[]; height: number; last: number } {
  const body: string[] = [];
  const boxes: TextBox[] = [];
  let start = x;
  if (heading !== undefined) {
    body.push(text(x, y, heading, { size: SIZE }));
    boxes.push(textBox(x, y, heading, SIZE));
    start = x + textWidth(heading, SIZE) + 8;
  }
  let cx = start;
  let cy = y;
  for (const e of entries) {
    const w = 18 + textWidth(e.label, SIZE) + 14;
    if (cx > start && cx + w > x + maxWidth) { cx = start; cy += ROW; }
    const s = e.swatch;
    if (s.shape === 'box') {
      body.push(element('rect', {
        x: cx, y: cy - 10, width: 12, height: 12, rx: s.rounded ? 3 : undefined, fill: s.fill ?? '#ffffff', stroke: s.stroke ?? '#404040',
        'stroke-width': s.strokeWidth ?? 1, 'stroke-dasharray': s.dashed ? '3 2' : undefined,
      }));
    } else {
      body.push(line(cx, cy - 4, cx + 12, cy - 4, s.stroke ?? '#404040', s.strokeWidth ?? 1, s.dashed ? { 'stroke-dasharray': '3 2' } : {}));
    }
    body.push(text(cx + 16, cy, e.label, { size: SIZE }));
    boxes.push(textBox(cx + 16, cy, e.label, SIZE));
    cx += w;
  }
  return { body, boxes, height: cy - y + ROW, last: cy };
}

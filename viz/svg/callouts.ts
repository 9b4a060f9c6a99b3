/**
 * Callouts: a label with no room at its place on a chart becomes a numbered marker there, listed
 * whole (wrapped, never cut) in a key beneath the chart, as report figures do.
 */
import { element, text } from './svg.js';
import { textBox, textWidth, wrapText, type TextBox } from './text.js';

/** A callout marker's height: it sits in a row of labels. */
export const CALLOUT_HEIGHT = 14;
const CALLOUT_STROKE = '#3a3a3a';
/** Space between a key's numbers and its labels. */
const KEY_GAP = 6;
/** Baseline to baseline: a label's lines, and one entry's last line to the next entry. */
const KEY_LINE = 14;
const KEY_ENTRY = 17;

/** A callout marker's width: a circle round one digit, a pill round more. */
export function calloutWidth(n: number, size: number): number {
  return Math.max(CALLOUT_HEIGHT, textWidth(String(n), size) + 6);
}

/** Callout `n` centred on `cx`, level with text whose baseline is `baseline`: its SVG and the box it takes. */
export function callout(cx: number, baseline: number, n: number, size: number): { body: string[]; box: TextBox } {
  const width = calloutWidth(n, size);
  const top = baseline - size * 0.3 - CALLOUT_HEIGHT / 2;
  return {
    body: [
      element('rect', { x: cx - width / 2, y: top, width, height: CALLOUT_HEIGHT, rx: CALLOUT_HEIGHT / 2, fill: '#ffffff', stroke: CALLOUT_STROKE, 'stroke-width': 1 }),
      text(cx, baseline, String(n), { size, fill: CALLOUT_STROKE, anchor: 'middle' }),
    ],
    box: { x: cx - width / 2, y: top, width, height: CALLOUT_HEIGHT, text: String(n) },
  };
}

/**
 * The key beneath a chart, from the baseline `y` down: each callout's number, then its whole
 * label wrapped to the `width` left: its SVG, its boxes and its last line's baseline.
 */
export function calloutKey(x: number, y: number, width: number, labels: readonly string[], size: number): { body: string[]; boxes: TextBox[]; last: number } {
  const body: string[] = [];
  const boxes: TextBox[] = [];
  const indent = calloutWidth(labels.length, size) + KEY_GAP;
  let last = y - KEY_ENTRY;
  labels.forEach((label, i) => {
    const first = last + KEY_ENTRY;
    const marker = callout(x + calloutWidth(i + 1, size) / 2, first, i + 1, size);
    body.push(...marker.body);
    boxes.push(marker.box);
    wrapText(label, width - indent, size).forEach((content, k) => {
      last = first + k * KEY_LINE;
      body.push(text(x + indent, last, content, { size }));
      boxes.push(textBox(x + indent, last, content, size));
    });
  });
  return { body, boxes, last };
}

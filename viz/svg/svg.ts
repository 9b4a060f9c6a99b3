/**
 * Office-safe SVG, written by hand so every byte is ours: standalone (xmlns, viewBox, absolute
 * width and height), colours and fonts as presentation attributes on each element — no <style>,
 * no classes, no foreignObject, no currentColor, CSS variables, rgba() or CSS transforms — a
 * <title> and <desc> for screen readers, every piece of user text escaped, numbers rounded the
 * same way every time so identical input gives byte-identical output. It looks the same in a
 * browser, in librsvg and pasted into Word or LibreOffice (README, "Diagrams").
 */

import { textBox, textWidth, wrapText, type TextBox } from './text.js';

/** One font stack everywhere, ending in a generic family; no web fonts. */
export const FONT_FAMILY = 'Arial, Helvetica, Liberation Sans, sans-serif';
/** CSS pixels per millimetre (96 dpi). */
export const PX_PER_MM = 96 / 25.4;
/** Points per pixel at 96 dpi. */
export const PT_PER_PX = 72 / 96;
/** Body text: 11 px is 8.25 pt when a picture is placed 170 mm wide, the legibility floor. */
export const BODY_FONT_PX = 11;
export const TITLE_FONT_PX = 14;
/** The white space round every picture. */
export const PAGE_MARGIN = 12;

/** Text as XML character data or attribute value: `<`, `&`, quotes and `]]>` all come out literal. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // Control characters other than tab and newline are not allowed in XML 1.0 at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/** Numbers with at most two decimals and no trailing zeros: stable across runs and platforms. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v!)}"`)
    .join('');
}

export function element(name: string, attrs: Attributes, children?: string): string {
  return children === undefined ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children}</${name}>`;
}

export interface TextStyle {
  size: number;
  fill?: string;
  weight?: 'normal' | 'bold';
  anchor?: 'start' | 'middle' | 'end';
}

/**
 * A text element. `y` is the baseline: dominant-baseline is not used (Word ignores it), so
 * callers place the baseline themselves (about 0.35 em below a centre line).
 */
export function text(x: number, y: number, content: string, style: TextStyle): string {
  return element('text', {
    x, y, 'font-family': FONT_FAMILY, 'font-size': style.size, fill: style.fill ?? '#1a1a1a',
    'font-weight': style.weight === 'bold' ? 'bold' : undefined, 'text-anchor': style.anchor && style.anchor !== 'start' ? style.anchor : undefined,
  }, escapeXml(content));
}

export function rect(x: number, y: number, width: number, height: number, fill: string, stroke?: string, extra: Attributes = {}): string {
  return element('rect', { x, y, width, height, fill, stroke, 'stroke-width': stroke ? 1 : undefined, ...extra });
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, extra: Attributes = {}): string {
  return element('line', { x1, y1, x2, y2, stroke, 'stroke-width': width, ...extra });
}

export interface SvgDocument {
  width: number;
  height: number;
  title: string;
  desc: string;
  body: string[];
}

/** The standalone document: width and height in px, the same viewBox, white background. */
export function svgDocument(doc: SvgDocument): string {
  const { width, height } = doc;
  return `<?xml version="1.0" encoding="UTF-8"?>\n`
    + `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img">\n`
    + `<title>${escapeXml(doc.title)}</title>\n<desc>${escapeXml(doc.desc)}</desc>\n`
    + `${rect(0, 0, width, height, '#ffffff')}\n${doc.body.join('\n')}\n</svg>\n`;
}

/**
 * The same document shown at another width: only the width and height attributes change, the
 * viewBox keeps the layout's own units, so nothing is laid out again.
 */
export function scaleDocument(svg: string, widthPx: number): string {
  return svg.replace(/width="([\d.]+)" height="([\d.]+)" viewBox/, (_, w: string, h: string) => {
    const scale = widthPx / Number(w);
    return `width="${num(Number(w) * scale)}" height="${num(Number(h) * scale)}" viewBox`;
  });
}

/** The distance between the baselines of a title's lines. */
export const TITLE_LINE = 18;

export interface TitleText {
  /** The title drawn top left, bold, one <text> a line. */
  svg: string;
  /** The box round all its lines (for collision tests). */
  box: TextBox;
  /** The title wrapped to the picture, every word kept. */
  lines: string[];
  /** How far down the picture the title reaches (the bottom of its box, in whole px): the layout under it starts below. */
  height: number;
}

/**
 * A picture's title, top left, bold, wrapped to `width` so none of it is cut (a long title is what
 * the reader is told the picture shows); the layout under it starts below `height`.
 */
export function titleText(title: string, width: number): TitleText {
  const y = PAGE_MARGIN + 16;
  const room = width - 2 * PAGE_MARGIN;
  const lines = wrapText(title, room, TITLE_FONT_PX, true);
  const svg = lines.map((l, i) => text(PAGE_MARGIN, y + i * TITLE_LINE, l, { size: TITLE_FONT_PX, weight: 'bold' })).join('\n');
  const first = textBox(PAGE_MARGIN, y, lines[0] ?? '', TITLE_FONT_PX, 'start', true);
  const widest = Math.max(0, ...lines.map((l) => textWidth(l, TITLE_FONT_PX, true)));
  const box = { ...first, width: widest, height: first.height + Math.max(0, lines.length - 1) * TITLE_LINE, text: title };
  return { svg, box, lines, height: Math.ceil(box.y + box.height) };
}

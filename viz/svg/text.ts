/**
 * Text measured without a DOM, as Plot does: a width table for the font (Arial/Helvetica advance
 * widths in thousandths of an em), so layout is the same in Node and the browser, and wrapping
 * and collision tests agree with each other.
 */

// Advance widths (1/1000 em) for printable ASCII, from the Helvetica/Arial metrics.
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];
/** Anything else (accented letters, symbols) counts as wide, so estimates err towards room. */
const OTHER_WIDTH = 667;

/** Bold Arial is up to a tenth wider than regular; bold text is measured this much wider. */
export const BOLD_WIDTH_FACTOR = 1.1;

/** The width of `content` in px at `size` px (bold: measured BOLD_WIDTH_FACTOR wider). */
export function textWidth(content: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of content) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code < 127 ? ASCII_WIDTHS[code - 32]! : OTHER_WIDTH;
  }
  return (units / 1000) * size * (bold ? BOLD_WIDTH_FACTOR : 1);
}

/**
 * Words wrapped into lines no wider than `maxWidth`, every word kept: a word wider than a line (a
 * case reference, an address) is broken across lines (breakWord). Nothing is ever cut.
 */
export function wrapText(content: string, maxWidth: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of content.split(/\s+/).filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (textWidth(candidate, size, bold) <= maxWidth) { current = candidate; continue; }
    if (current !== '') lines.push(current);
    const pieces = breakWord(word, maxWidth, size, bold);
    lines.push(...pieces.slice(0, -1));
    current = pieces[pieces.length - 1]!;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * A word in pieces no wider than `maxWidth`, none lost: each piece as long as fits, ending after
 * its last hyphen or slash when it has one (so a reference or address breaks where a reader
 * expects), else between letters. At least one letter a piece, however narrow the line.
 */
function breakWord(word: string, maxWidth: number, size: number, bold = false): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (textWidth(rest, size, bold) > maxWidth) {
    const letters = [...rest];
    let n = 1;
    while (n < letters.length && textWidth(letters.slice(0, n + 1).join(''), size, bold) <= maxWidth) n++;
    const head = letters.slice(0, n).join('');
    const soft = Math.max(head.lastIndexOf('-'), head.lastIndexOf('/'));
    const cut = soft > 0 ? soft + 1 : head.length;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...pieces, rest];
}

export interface TextBox { x: number; y: number; width: number; height: number; text: string }

/** The box a text element occupies, from its baseline, anchor and size (for collision tests). */
export function textBox(x: number, baseline: number, content: string, size: number, anchor: 'start' | 'middle' | 'end' = 'start', bold = false): TextBox {
  const width = textWidth(content, size, bold);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  return { x: left, y: baseline - size * 0.8, width, height: size, text: content };
}

export function overlaps(a: TextBox, b: TextBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

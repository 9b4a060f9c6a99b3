/**
 * Colours readers can tell apart: a sequential palette from the viridis family (designed for
 * colour-blind readers and greyscale print), and text colours chosen by WCAG contrast.
 */

/** The problem (the incident being explained), wherever it is drawn: a warm tint and its border. */
export const PROBLEM_FILL = '#fdebd0';
export const PROBLEM_STROKE = '#8a4b08';

/** Light to dark: zero is white, then viridis steps from pale yellow to dark purple. */
export const SEQUENTIAL = ['#fde725', '#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878', '#440154'];

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** Near-black or white, whichever reads better on `background` (WCAG AA needs 4.5). */
export function textOn(background: string): string {
  return contrast('#1a1a1a', background) >= contrast('#ffffff', background) ? '#1a1a1a' : '#ffffff';
}

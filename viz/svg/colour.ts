/**
 * Colours readers can tell apart, and text colours chosen by WCAG contrast. The sequential ramp
 * for counts is a d3 scale (scales.ts), so marks and legends share it.
 */

/** The problem (the incident being explained), wherever it is drawn: a warm tint and its border. */
export const PROBLEM_FILL = '#fdebd0';
export const PROBLEM_STROKE = '#8a4b08';

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

/**
 * Near-black or white, whichever reads better on `background`; pure black where neither reaches
 * WCAG AA (4.5), as on viridis's middle teal — on any colour, black or white reaches 4.58.
 */
export function textOn(background: string): string {
  const dark = contrast('#1a1a1a', background);
  const light = contrast('#ffffff', background);
  if (Math.max(dark, light) < 4.5) return '#000000';
  return dark >= light ? '#1a1a1a' : '#ffffff';
}

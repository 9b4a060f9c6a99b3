/**
 * A diagram as PNG, for old versions of Word that do not take SVG: the Office-safe SVG drawn by
 * resvg at twice its size, with the system's fonts (Liberation Sans, the font stack's first).
 */
import { Resvg } from '@resvg/resvg-js';

export function svgToPng(svg: string, zoom = 2): Uint8Array {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' } }).render().asPng();
}

/** Text colours against every fill text sits on, in every diagram: WCAG AA (4.5:1) or better. */
import { describe, expect, it } from 'vitest';
import { contrast, SEQUENTIAL, textOn } from '../../viz/svg/colour.js';

const TEXT = ['#1a1a1a', '#3a3a3a'];
// Page, problem box, highlighted cause, episode band, not-seen band, empty heatmap cell.
const FILLS = ['#ffffff', '#fdebd0', '#fde725', '#e3eef9', '#fbe3e3', '#f2f2f2'];

describe('colour', () => {
  it.each(FILLS.flatMap((fill) => TEXT.map((t) => [t, fill] as const)))('%s on %s meets WCAG AA', (t, fill) => {
    expect(contrast(t, fill)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(SEQUENTIAL)('the text chosen for a heatmap cell of %s meets WCAG AA', (fill) => {
    expect(contrast(textOn(fill), fill)).toBeGreaterThanOrEqual(4.5);
  });
  it('computes the WCAG ratio (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

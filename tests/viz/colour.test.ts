/** Text colours against every fill text sits on, in every diagram: WCAG AA (4.5:1) or better. */
import { describe, expect, it } from 'vitest';
import { contrast, textOn } from '../../viz/svg/colour.js';
import { countScale } from '../../viz/svg/scales.js';

const TEXT = ['#1a1a1a', '#3a3a3a'];
// Page, problem box, highlighted cause, episode band, not-seen band, empty heatmap cell.
const FILLS = ['#ffffff', '#fdebd0', '#fde725', '#e3eef9', '#fbe3e3', '#f2f2f2'];

describe('colour', () => {
  it.each(FILLS.flatMap((fill) => TEXT.map((t) => [t, fill] as const)))('%s on %s meets WCAG AA', (t, fill) => {
    expect(contrast(t, fill)).toBeGreaterThanOrEqual(4.5);
  });
  it.each([1, 6, 8, 30, 200, 5000])('the text chosen for every heatmap cell colour meets WCAG AA when the busiest holds %i', (max) => {
    const fills = countScale(max).range();
    expect(fills.length).toBeGreaterThan(1);
    for (const fill of fills) expect(contrast(textOn(fill), fill), fill).toBeGreaterThanOrEqual(4.5);
  });
  it('writes black on viridis\'s middle teal, where neither near-black (4.18) nor white (4.17) reaches AA', () => {
    expect(textOn('#23898e')).toBe('#000000');
    expect(contrast('#000000', '#23898e')).toBeGreaterThanOrEqual(4.5);
    expect(textOn('#fde725')).toBe('#1a1a1a');
    expect(textOn('#440154')).toBe('#ffffff');
  });
  it('computes the WCAG ratio (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});

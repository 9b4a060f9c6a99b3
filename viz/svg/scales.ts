/**
 * The colour scale for counts of records, shared by the heatmap's cells and the timeline's
 * density strips. One d3 scale object colours the marks and gives their legend its swatches, so
 * a legend can never show a colour no mark of that count has.
 */
import { quantize } from 'd3-interpolate';
import { scaleThreshold, type ScaleThreshold } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';

/** Nothing recorded: pale grey, set apart from the palette's lightest colour. */
export const EMPTY_FILL = '#f2f2f2';

/** Few to many as light to dark: viridis read backwards (readable by colour-blind readers and in greyscale). */
const ramp = (t: number): string => interpolateViridis(1 - t);

/** Classes of counts: a colour per count up to this many, then wider classes. */
const UNIT_CLASSES = 7;

/**
 * The lowest count of each class: 1, 2, 3 … when the counts are few; otherwise 1, 2, 3, 5, 10,
 * 20, 50, 100 …, since most cells hold one or two records and a handful hold many.
 */
export function countBreaks(max: number): number[] {
  const top = Math.max(1, Math.floor(max));
  if (top <= UNIT_CLASSES) return Array.from({ length: top }, (_, i) => i + 1);
  const breaks = [1, 2, 3, 5];
  for (let decade = 10; decade <= top; decade *= 10) breaks.push(decade, 2 * decade, 5 * decade);
  return breaks.filter((b) => b <= top);
}

export type CountScale = ScaleThreshold<number, string>;

/** Zero is the empty fill; each class of counts up to `max` a step along the ramp. */
export function countScale(max: number): CountScale {
  const breaks = countBreaks(max);
  const colours = breaks.length === 1 ? [ramp(0)] : quantize(ramp, breaks.length);
  return scaleThreshold<number, string>().domain(breaks).range([EMPTY_FILL, ...colours]);
}

export interface Swatch { fill: string; label: string }

/**
 * The legend of a count scale: every colour it gives, each labelled with the counts that get it
 * (`none`, `1`, `3–4`, `20–37`), read back from the scale itself. `max` closes the top class.
 */
export function countSwatches(scale: CountScale, max: number): Swatch[] {
  return scale.range().map((fill) => {
    const [lo, hi] = scale.invertExtent(fill);
    if (lo === undefined) return { fill, label: 'none' };
    const last = hi === undefined ? Math.max(lo, Math.floor(max)) : hi - 1;
    return { fill, label: lo === last ? String(lo) : `${lo}–${last}` };
  });
}

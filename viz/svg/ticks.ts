/**
 * Dates on a time axis: d3-time intervals chosen for the width, labelled in UK English by
 * d3-time-format. The calendar is pure days (src/model/calendar.ts), so a day is its midnight
 * UTC and only the UTC intervals and formats are used: the labels are the same in any time zone
 * and across the clock changes.
 */
import type { ScaleTime } from 'd3-scale';
import { utcDay, utcMonday, utcMonth, utcYear, type CountableTimeInterval, type TimeInterval } from 'd3-time';
import { timeFormatLocale, type TimeLocaleDefinition } from 'd3-time-format';
import { MONTH_NAMES } from '../../src/model/calendar.js';
import { overlaps, textBox, type TextBox } from './text.js';

const MS_PER_DAY = 86_400_000;

/** A calendar day (days since 1970-01-01) as the Date at its midnight UTC, and back. */
export const dateOfDay = (day: number): Date => new Date(day * MS_PER_DAY);
export const dayOfDate = (date: Date): number => Math.round(date.getTime() / MS_PER_DAY);

/** UK English, day first: d3-time-format's en-GB definition. */
const UK = timeFormatLocale({
  dateTime: '%a %e %b %X %Y',
  date: '%d/%m/%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'],
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  months: [...MONTH_NAMES] as TimeLocaleDefinition['months'],
  shortMonths: MONTH_NAMES.map((m) => m.slice(0, 3)) as TimeLocaleDefinition['shortMonths'],
});

/** A formatter of calendar days (as UTC dates) in UK English. */
export const ukFormat = (specifier: string): ((date: Date) => string) => UK.utcFormat(specifier);

const DAY_MONTH = ukFormat('%-d %b');
const DAY_MONTH_YEAR = ukFormat('%-d %b %Y');
const MONTH_YEAR = ukFormat('%b %Y');
const YEAR = ukFormat('%Y');

/** Days and weeks as `8 Mar`, with the year on the first and wherever a new year begins. */
function dayLabels(dates: readonly Date[]): string[] {
  return dates.map((d, i) => (i === 0 || d.getUTCFullYear() !== dates[i - 1]!.getUTCFullYear() ? DAY_MONTH_YEAR : DAY_MONTH)(d));
}

interface Step { name: string; interval: TimeInterval; labels: (dates: readonly Date[]) => string[] }

const every = (interval: CountableTimeInterval, step: number): TimeInterval => interval.every(step)!;

/** Finest first; weeks start on Monday, as in the UK. */
const STEPS: readonly Step[] = [
  { name: '1 day', interval: utcDay, labels: dayLabels },
  { name: '1 week', interval: utcMonday, labels: dayLabels },
  { name: '2 weeks', interval: every(utcMonday, 2), labels: dayLabels },
  ...[1, 3, 6].map((n) => ({ name: `${n} month${n > 1 ? 's' : ''}`, interval: every(utcMonth, n), labels: (ds: readonly Date[]) => ds.map(MONTH_YEAR) })),
  ...[1, 2, 5, 10, 20, 50, 100].map((n) => ({ name: `${n} year${n > 1 ? 's' : ''}`, interval: every(utcYear, n), labels: (ds: readonly Date[]) => ds.map(YEAR) })),
];

/** Neighbouring labels keep at least this much space between them. */
const LABEL_GAP = 8;

export interface AxisTick {
  day: number;
  /** Its label's box, centred under the tick; none where the label would run off the picture. */
  label?: TextBox;
}

export interface TimeAxis { step: string; ticks: AxisTick[] }

/**
 * The finest step whose labels, centred under their ticks on `x` at `size` px with baseline
 * `y`, stay clear of each other; a label that would run off a picture `width` wide is left out
 * (its tick stays). No ticks at all when even a century's labels collide.
 */
export function timeAxis(x: ScaleTime<number, number>, width: number, y: number, size: number): TimeAxis {
  for (const step of STEPS) {
    const dates = x.ticks(step.interval);
    const labels = step.labels(dates);
    const ticks = dates.map((d, i): AxisTick => {
      const box = textBox(x(d), y, labels[i]!, size, 'middle');
      return box.x < 0 || box.x + box.width > width ? { day: dayOfDate(d) } : { day: dayOfDate(d), label: box };
    });
    const boxes = ticks.flatMap((t) => (t.label ? [t.label] : []));
    if (boxes.every((b, i) => i === 0 || !overlaps({ ...boxes[i - 1]!, width: boxes[i - 1]!.width + LABEL_GAP }, b))) return { step: step.name, ticks };
  }
  return { step: 'none', ticks: [] };
}

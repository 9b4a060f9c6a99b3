/**
 * Was the child seen? Each record is decided by the first seen-rule it meets (rules.json `seen`),
 * and the decision names that rule. A record dated only to a week, month or year is decided too,
 * but never marks a particular day as one on which the child was seen. A `firstHand` rule passes
 * over records that report an earlier event (an ED notification is not an attendance).
 */
import type { AnalysisContext } from './context.js';
import { compileRules, firstRule } from './context.js';
import type { Sighting } from './types.js';

/** The decisions, and for each the index of its record in the timeline. */
export function childSightings(ctx: AnalysisContext): { sightings: Sighting[]; index: number[] } {
  const sightings: Sighting[] = [];
  const index: number[] = [];
  const rules = compileRules(ctx, ctx.rules.seen);
  for (let i = 0; i < ctx.events.length; i++) {
    const e = ctx.events[i]!;
    if (e.date.precision === 'unknown') continue;
    const rule = firstRule(ctx, rules, i);
    if (!rule) continue;
    sightings.push({ event: e.id, decision: rule.decision, rule: rule.id, onKnownDay: !Number.isNaN(ctx.day[i]!) });
    index.push(i);
  }
  return { sightings, index };
}

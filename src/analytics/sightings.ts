/**
 * Was the child seen? Each record is decided by the first seen-rule it meets (rules.json `seen`),
 * and the decision names that rule. A record dated only to a week, month or year is decided too,
 * but never marks a particular day as one on which the child was seen.
 */
import type { AnalysisContext } from './context.js';
import { firstRule } from './context.js';
import type { Sighting } from './types.js';

export function childSightings(ctx: AnalysisContext): Sighting[] {
  const out: Sighting[] = [];
  for (let i = 0; i < ctx.events.length; i++) {
    const e = ctx.events[i]!;
    if (e.flags.includes('unusable') && e.date.precision === 'unknown') continue;
    const rule = firstRule(ctx, ctx.rules.seen, i);
    if (rule) out.push({ event: e.id, decision: rule.decision, rule: rule.id, onKnownDay: !Number.isNaN(ctx.day[i]!) });
  }
  return out;
}

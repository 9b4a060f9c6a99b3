/**
 * Repeated patterns, each a rule in rules.json `patterns`:
 * - repeat: at least `min` matching records, within a `withinDays` span when given: every `min`
 *   records in a row that lie within `withinDays` qualify, and qualifying windows that share a
 *   record join, so a run of six ED attendances, each three within a year, is one finding of six
 *   (earliest first, with every record in it), never split where the run goes on;
 * - escalation: as repeat, plus the intervals between the records and whether they are
 *   shortening (the latest ESCALATION_RUN intervals or more each shorter than the one before);
 * - threshold: a number captured by the rule's first group that matched, below `below` (school
 *   attendance 82%).
 * Only records dated to a day count towards a span (a threshold takes any dated record); records
 * linked as one real-world event (a same-event link) count once. A rule reads its `field` of each
 * record, and its `exclude` reads the same; a `firstHand` rule passes over records that report an
 * earlier event recorded elsewhere.
 */
import type { AnalysisContext } from './context.js';
import { compileRules, firstRule, mayMatch } from './context.js';
import type { PatternRule } from './rules.js';
import type { PatternFinding } from './types.js';
import { dayFromNumber, eventPeriod } from '../model/calendar.js';

/**
 * The records a rule matches, among `candidates`: the records some pattern rule's expression
 * matches on the whole text (one combined test each), or every record (null) for a rule without
 * an expression (`.`) or that reads another field.
 */
function matching(ctx: AnalysisContext, rule: PatternRule, candidates: readonly number[] | null): number[] {
  const out: number[] = [];
  const counted = new Set<number>();
  const compiled = compileRules(ctx, [rule]);
  const n = candidates === null ? ctx.events.length : candidates.length;
  for (let k = 0; k < n; k++) {
    const i = candidates === null ? k : candidates[k]!;
    // Spans need days; a value below a threshold stands whatever the date's precision.
    if (rule.kind === 'threshold' ? ctx.events[i]!.date.precision === 'unknown' : Number.isNaN(ctx.day[i]!)) continue;
    if (!firstRule(ctx, compiled, i, true)) continue;
    const group = ctx.linkOf(i);
    if (group !== -1) {
      if (counted.has(group)) continue;
      counted.add(group);
    }
    out.push(i);
  }
  return out;
}

/**
 * The runs of members (in day order) covered by qualifying windows — `min` members in a row
 * spanning at most `withinDays` — where windows that share a member join: earliest first, none
 * overlapping another.
 */
function clusters(ctx: AnalysisContext, members: number[], min: number, withinDays: number | undefined): number[][] {
  // One record in a row always lies within any span: a rule of one is every record, as one run.
  if (withinDays === undefined || min === 1) return members.length >= min ? [members] : [];
  const out: number[][] = [];
  const qualifies = (k: number): boolean => ctx.day[members[k + min - 1]!]! - ctx.day[members[k]!]! <= withinDays;
  let start = -1;
  let end = -1;
  for (let k = 0; k + min <= members.length; k++) {
    if (!qualifies(k)) continue;
    if (start !== -1 && k <= end) { end = k + min - 1; continue; }
    if (start !== -1) out.push(members.slice(start, end + 1));
    start = k;
    end = k + min - 1;
  }
  if (start !== -1) out.push(members.slice(start, end + 1));
  return out;
}

/** Shortening intervals in a row, at the end of the series, that count as escalation. */
export const ESCALATION_RUN = 3;

/**
 * The pattern findings; `records`, when given, is filled with each finding's records as their
 * positions in the timeline (for an analysis that goes on from them without looking ids up).
 */
export function findPatterns(ctx: AnalysisContext, records?: Map<PatternFinding, readonly number[]>): PatternFinding[] {
  const findings: PatternFinding[] = [];
  const all = compileRules(ctx, ctx.rules.patterns);
  const maybe: number[] | null = all.any === null ? null : [];
  if (maybe) for (let i = 0; i < ctx.events.length; i++) if (mayMatch(ctx, all, i)) maybe.push(i);
  for (const rule of ctx.rules.patterns) {
    const field = rule.field ?? 'text';
    const members = matching(ctx, rule, rule.match === '.' || field !== 'text' ? null : maybe);
    if (rule.kind === 'threshold') {
      const re = ctx.re(rule.match);
      const values = members.flatMap((i) => {
        const m = re.exec(ctx.fieldText(i, field));
        const captured = m?.slice(1).find((g) => g !== undefined);
        const value = captured !== undefined ? Number(captured) : Number.NaN;
        return Number.isFinite(value) && value < rule.below! ? [{ event: ctx.events[i]!.id, value, i }] : [];
      });
      if (values.length === 0) continue;
      const finding: PatternFinding = {
        rule: rule.id, title: rule.title, kind: rule.kind, events: values.map((v) => v.event), count: values.length,
        from: eventPeriod(ctx.events[values[0]!.i]!.date)!.first, to: eventPeriod(ctx.events[values[values.length - 1]!.i]!.date)!.last,
        values: values.map(({ event, value }) => ({ event, value })),
      };
      findings.push(finding);
      records?.set(finding, values.map((v) => v.i));
      continue;
    }
    for (const cluster of clusters(ctx, members, rule.min!, rule.withinDays)) {
      const finding: PatternFinding = {
        rule: rule.id, title: rule.title, kind: rule.kind, events: cluster.map((i) => ctx.events[i]!.id), count: cluster.length,
        from: dayFromNumber(ctx.day[cluster[0]!]!), to: dayFromNumber(ctx.day[cluster[cluster.length - 1]!]!),
      };
      if (rule.kind === 'escalation') {
        const intervals = cluster.slice(1).map((i, k) => ctx.day[i]! - ctx.day[cluster[k]!]!);
        finding.intervals = intervals;
        // Escalating: the most recent intervals each shorter than the one before, at least
        // ESCALATION_RUN of them (four or more call-outs, each closer to the last).
        let run = intervals.length > 0 ? 1 : 0;
        for (let k = intervals.length - 1; k > 0 && intervals[k]! < intervals[k - 1]!; k--) run++;
        finding.escalating = run >= ESCALATION_RUN;
      }
      findings.push(finding);
      records?.set(finding, cluster);
    }
  }
  return findings;
}

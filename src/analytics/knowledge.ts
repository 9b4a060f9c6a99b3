/**
 * What each agency knew, and when: the answer to the question a review must ask at every decision
 * — what did this agency know when it decided? — from the records alone, to keep hindsight out.
 *
 * - Incidents, the events a review follows: every event another record refers to (a refers-to
 *   link), every record of the findings of the patterns `knowledge.incidentPatterns` names (ED
 *   attendances, domestic abuse call-outs, missed appointments), every record a reviewer tagged
 *   `incident`. A same-event group is one incident, dated by its earliest record's day.
 * - When each agency learned of each incident, each fact citing the record that shows it: the
 *   agency that recorded it knew on its day; one whose record refers to it knew by that record's
 *   day; one that a record about it (a record of it, or one referring to it) says it was passed to
 *   (a referral sent, the `sharing` words: "shared with", "copied to", "PPN to") knew from then;
 *   every agency that recorded a multi-agency meeting knew from the meeting when a record of the
 *   meeting refers to the incident (says it was discussed). Only the earliest fact per agency
 *   counts; an agency with none is "not shown", a finding in its own right. No agency knows of an
 *   incident before its day: a fact dated earlier (a link made by hand) is dropped.
 * - Decision points: records meeting a `knowledge.decisions` rule (the first that matches names
 *   the kind; a record reporting an earlier event is read in its outcome only), each decided by
 *   the agency whose record it is (a meeting's decision by every agency that recorded the
 *   meeting); at each, how many incidents on or before its day that agency is shown to have known
 *   of by then, and how many not. Which they are, and who else knew: `atDecision` (known.ts).
 * Only records dated to a day are placed against each other; incidents and decisions dated more
 * coarsely are listed as not placed. A fact from a record dated to a week or month counts from the
 * last day of it (the agency knew at the latest then), and says it is not exact.
 */
import { dayFromNumber, dayNumber, eventPeriod } from '../model/calendar.js';
import { compileRules, firstRule, heldWords, isMeeting, isSameEvent, type AnalysisContext } from './context.js';
import { sharedWith } from './network.js';
import { positionsOf } from '../timeline/positions.js';
import { DEFAULT_RULES, type DecisionRule } from './rules.js';
import type {
  AgencyKnowledge, DecisionPoint, Incident, IncidentReason, Knowledge, Learned, LearnedHow, PatternFinding, ReferralFinding,
} from './types.js';

/** When two facts show an agency knew on the same day, the first of these kinds is cited. */
const HOW: readonly LearnedHow[] = ['recorded', 'referred', 'shared', 'meeting'];
const RECORDED = 0;
const REFERRED = 1;
const SHARED = 2;
const MEETING = 3;

/** The most days whose written form is kept (a list this long: about two centuries). */
const MAX_DAYS_KEPT = 1 << 16;

/** Whether two reasons a record is an incident are the same reason (given twice, it is kept once). */
const sameReason = (a: IncidentReason, b: IncidentReason): boolean =>
  a.kind === b.kind && (a.kind === 'refers-to' ? a.link === (b as typeof a).link : a.kind === 'pattern' ? a.rule === (b as typeof a).rule : true);

export function agencyKnowledge(
  ctx: AnalysisContext, patterns: readonly PatternFinding[], referrals: readonly ReferralFinding[], tagged: readonly string[] = [],
  patternRecords?: ReadonlyMap<PatternFinding, readonly number[]>, referralPositions?: ReadonlyMap<ReferralFinding, number>,
): Knowledge {
  const rules = ctx.rules.knowledge ?? DEFAULT_RULES.knowledge;
  const { events, timeline } = ctx;
  const links = timeline.links;
  const agencyOrder = timeline.agencyOrder;
  const agencyCount = agencyOrder.length;
  const agencyIndex = new Map(agencyOrder.map((a, k) => [a, k]));
  // Days as written in the JSON, each worked out once: a few thousand days date every fact. Kept
  // in a list by the day's distance from the chronology's first (a map by the day cost three
  // times as much at 1M records); a day outside it (the end of a month after the last) is written
  // each time it is asked for.
  let dayLo = Number.POSITIVE_INFINITY;
  let dayHi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ctx.day.length; i++) {
    const d = ctx.day[i]!;
    if (d < dayLo) dayLo = d;
    if (d > dayHi) dayHi = d;
  }
  const dayStrings = new Array<string | undefined>(dayHi >= dayLo ? Math.min(dayHi - dayLo + 1, MAX_DAYS_KEPT) : 0);
  const dayOf = (n: number): string => {
    const x = n - dayLo;
    if (!(x >= 0 && x < dayStrings.length)) return dayFromNumber(n);
    let s = dayStrings[x];
    if (s === undefined) dayStrings[x] = s = dayFromNumber(n);
    return s;
  };

  // Where the records that make incidents are: a link's records as the context found them, a
  // pattern's as it found them; only records named by id alone (tagged, or a pattern's records
  // given without their places) are looked for, by one sweep.
  const incidentRules = new Set(rules.incidentPatterns);
  const byId = new Set<string>(tagged);
  for (const p of patterns) if (incidentRules.has(p.rule) && !patternRecords?.has(p)) for (const id of p.events) byId.add(id);
  const found = byId.size > 0 ? positionsOf(events, byId) : undefined;

  // The incidents, in the order found, in flat arrays (the answer's objects are made once, for
  // the incidents placed): each one's first record, day, same-event link (-1 for a record alone),
  // reasons, and its reporting records as a chain (the first, and each one's next; -1 ends it).
  // Where each is, by key (a same-event link's place, else the record's after the links'): its
  // place plus one (0 for none yet). Sized once, for at most one incident (and one reporting
  // record) for each record a link, a pattern or a tag names: at 1M records, growing them by
  // pushing made three times their size in copies.
  let named = tagged.length;
  let targets = 0;
  for (const l of links) if (!isSameEvent(l) && l.to !== undefined) targets += l.to.length;
  for (const p of patterns) if (incidentRules.has(p.rule)) named += patternRecords?.get(p)?.length ?? p.events.length;
  const draftAt = new Int32Array(links.length + events.length);
  const firstOf = new Int32Array(targets + named);
  const draftDay = new Float64Array(targets + named);
  const linkOfDraft = new Int32Array(targets + named);
  const reporterHead = new Int32Array(targets + named);
  const whyOf = new Array<IncidentReason[]>(targets + named);
  const reporter = new Int32Array(targets);
  const reporterNext = new Int32Array(targets);
  let drafts = 0;
  let reporters = 0;
  const incidentOf = (i: number, why: IncidentReason): number => {
    const k = ctx.linkOf(i);
    const key = k !== -1 ? k : links.length + i;
    let d = draftAt[key]! - 1;
    if (d === -1) {
      let first = i;
      let day = ctx.day[i]!;
      if (k !== -1) {
        const members = ctx.membersOf(k);
        first = members[0]!;
        day = Number.POSITIVE_INFINITY;
        for (let x = 0; x < members.length; x++) if (ctx.day[members[x]!]! < day) day = ctx.day[members[x]!]!;
      } else if (Number.isNaN(day)) day = Number.POSITIVE_INFINITY;
      d = drafts++;
      firstOf[d] = first;
      draftDay[d] = day;
      linkOfDraft[d] = k;
      whyOf[d] = [why];
      reporterHead[d] = -1;
      draftAt[key] = d + 1;
      return d;
    }
    const reasons = whyOf[d]!;
    for (let x = 0; x < reasons.length; x++) if (sameReason(reasons[x]!, why)) return d;
    reasons.push(why);
    return d;
  };
  // Each incident's reporting records (the `from` of a refers-to link to any of its records). A
  // link to a record the timeline no longer holds (left out of scope after linking) is passed over.
  // (Loops by index here and below: they run a hundred thousand times and more at 1M records, in
  // code compiled once, and an iterator made for each loop was a tenth of what the section made.)
  const { linkEnds, linkedPlaces } = ctx;
  for (let k = 0; k < links.length; k++) {
    const l = links[k]!;
    if (isSameEvent(l)) continue;
    const from = linkedPlaces[linkEnds[k]!]!;
    if (from === -1) continue;
    let why: IncidentReason | undefined;
    for (let x = linkEnds[k]! + 1; x < linkEnds[k + 1]!; x++) {
      const to = linkedPlaces[x]!;
      if (to === -1) continue;
      const d = incidentOf(to, (why ??= { kind: 'refers-to', link: l.id }));
      let r = reporterHead[d]!;
      let last = -1;
      while (r !== -1 && reporter[r] !== from) { last = r; r = reporterNext[r]!; }
      if (r !== -1) continue;
      reporter[reporters] = from;
      reporterNext[reporters] = -1;
      if (last === -1) reporterHead[d] = reporters; else reporterNext[last] = reporters;
      reporters++;
    }
  }
  for (const p of patterns) {
    if (!incidentRules.has(p.rule)) continue;
    const why: IncidentReason = { kind: 'pattern', rule: p.rule };
    const known = patternRecords?.get(p);
    if (known !== undefined) for (let x = 0; x < known.length; x++) incidentOf(known[x]!, why);
    else for (let x = 0; x < p.events.length; x++) { const i = found?.get(p.events[x]!); if (i !== undefined) incidentOf(i, why); }
  }
  for (const id of tagged) { const i = found?.get(id); if (i !== undefined) incidentOf(i, { kind: 'tagged' }); }

  // The incidents dated to a day, in day order (then the merged order), by their place in the
  // flat arrays; the others are not placed.
  const notPlaced: string[] = [];
  let count = 0;
  for (let d = 0; d < drafts; d++) if (Number.isFinite(draftDay[d]!)) count++; else notPlaced.push(events[firstOf[d]!]!.id);
  // Sorted as numbers, day × (records + 1) + first record (exact: under 2^53), without a compare
  // function called two million times. Two incidents have one first record only when a timeline
  // made by hand puts a record in two same-event links: then by the compare function.
  const placed = new Int32Array(count);
  const span = events.length + 1;
  const order = new Float64Array(count);
  const draftOfFirst = new Int32Array(events.length).fill(-1);
  let shared = false;
  for (let d = 0, n = 0; d < drafts; d++) {
    if (!Number.isFinite(draftDay[d]!)) continue;
    placed[n] = d;
    order[n++] = draftDay[d]! * span + firstOf[d]!;
    if (draftOfFirst[firstOf[d]!] !== -1) shared = true;
    draftOfFirst[firstOf[d]!] = d;
  }
  if (shared) placed.sort((a, b) => draftDay[a]! - draftDay[b]! || firstOf[a]! - firstOf[b]! || a - b);
  else {
    order.sort();
    for (let n = 0; n < count; n++) placed[n] = draftOfFirst[order[n]! - Math.floor(order[n]! / span) * span]!;
  }
  const incidentDays = new Float64Array(count);
  for (let n = 0; n < count; n++) incidentDays[n] = draftDay[placed[n]!]!;

  // The day a record shows its agency knew by: its own day, or the last day of its week or month.
  const byDay = (i: number): number => {
    const d = ctx.day[i]!;
    if (!Number.isNaN(d)) return d;
    const period = eventPeriod(events[i]!.date);
    return period === null ? Number.NaN : dayNumber(period.last);
  };
  // The agencies of the chronology each record's referrals went to, as numbers sorted (record ×
  // agencies + agency): a record's are found by a binary search.
  let referralAt = referralPositions;
  if (referralAt === undefined) {
    const where = positionsOf(events, new Set(referrals.filter((r) => agencyIndex.has(r.to)).map((r) => r.event)));
    referralAt = new Map(referrals.flatMap((r) => (agencyIndex.has(r.to) && where.has(r.event) ? [[r, where.get(r.event)!] as const] : [])));
  }
  const sentKeys: number[] = [];
  referralAt.forEach((i, r) => {
    const to = agencyIndex.get(r.to);
    if (to !== undefined) sentKeys.push(i * agencyCount + to);
  });
  const sent = Float64Array.from(sentKeys).sort();

  // Each incident's earliest fact per agency, in flat arrays (incident n, agency a at n × agencies
  // + a): the record that shows it (-1 for none), the day it shows, and how; and the agency's own
  // first record of or about it (recorded or referred), which acknowledges a fact shared with it.
  // (Days are whole numbers: a fact is only ever kept from a record with one.)
  const cells = placed.length * agencyCount;
  const factRecord = new Int32Array(cells).fill(-1);
  const factBy = new Int32Array(cells);
  const factHow = new Uint8Array(cells);
  const ownRecord = new Int32Array(cells).fill(-1);
  const ownBy = new Int32Array(cells);
  const offer = (n: number, since: number, agency: number | undefined, how: number, record: number, by: number): void => {
    if (agency === undefined || Number.isNaN(by) || by < since) return;
    const c = n * agencyCount + agency;
    if (how === RECORDED || how === REFERRED) {
      const seen = ownRecord[c]!;
      if (seen === -1 || ownBy[c]! > by || (ownBy[c] === by && seen > record)) { ownRecord[c] = record; ownBy[c] = by; }
    }
    const best = factRecord[c]!;
    if (best !== -1 && (factBy[c]! < by || (factBy[c] === by && (factHow[c]! < how || (factHow[c] === how && best <= record))))) return;
    factRecord[c] = record;
    factBy[c] = by;
    factHow[c] = how;
  };
  const learnFrom = (n: number, since: number, a: number, how: number): void => {
    const by = byDay(a);
    if (Number.isNaN(by) || by < since) return;
    offer(n, since, ctx.agency[a], how, a, by);
    for (let s = countAtMost(sent, a * agencyCount - 1); s < sent.length && sent[s]! < (a + 1) * agencyCount; s++) offer(n, since, sent[s]! - a * agencyCount, SHARED, a, by);
    const shared = sharedWith(ctx, a);
    for (let x = 0; x < shared.length; x++) offer(n, since, agencyIndex.get(shared[x]!), SHARED, a, by);
    const k = ctx.linkOf(a);
    if (how === REFERRED && k !== -1 && isMeeting(links[k]!)) {
      const met = links[k]!.agencies;
      for (let x = 0; x < met.length; x++) offer(n, since, agencyIndex.get(met[x]!), MEETING, a, by);
    }
  };
  for (let n = 0; n < count; n++) {
    const d = placed[n]!;
    const day = incidentDays[n]!;
    if (linkOfDraft[d] === -1) learnFrom(n, day, firstOf[d]!, RECORDED);
    else { const members = ctx.membersOf(linkOfDraft[d]!); for (let x = 0; x < members.length; x++) learnFrom(n, day, members[x]!, RECORDED); }
    for (let r = reporterHead[d]!; r !== -1; r = reporterNext[r]!) learnFrom(n, day, reporter[r]!, REFERRED);
  }

  // The answer's lists are made at their full length, then filled: at 1M records, growing them
  // by pushing (the longest of half a million) cost three times as much. Each incident's id is
  // also kept in a list of its own, read for every fact and every incident not known at a decision.
  const incidents = new Array<Incident>(count);
  const incidentIds = new Array<string>(count);
  for (let n = 0; n < count; n++) {
    const d = placed[n]!;
    const first = firstOf[d]!;
    const id = events[first]!.id;
    incidentIds[n] = id;
    const members = linkOfDraft[d] === -1 ? undefined : ctx.membersOf(linkOfDraft[d]!);
    if (members === undefined || members.length === 1) {
      incidents[n] = { id, events: [id], date: dayOf(incidentDays[n]!), agencies: [agencyOrder[ctx.agency[first]!]!], why: whyOf[d]! };
      continue;
    }
    const agencies: string[] = [];
    for (const m of members) { const agency = agencyOrder[ctx.agency[m]!]!; if (!agencies.includes(agency)) agencies.push(agency); }
    incidents[n] = { id, events: members.map((m) => events[m]!.id), date: dayOf(incidentDays[n]!), agencies, why: whyOf[d]! };
  }
  // Per agency: how many facts, and how many from others (for the sizes of its flat arrays below).
  const factCount = new Int32Array(agencyCount);
  const fromOthersCount = new Int32Array(agencyCount);
  let factTotal = 0;
  for (let c = 0, a = 0; c < cells; c++, a = a + 1 === agencyCount ? 0 : a + 1) {
    if (factRecord[c] === -1) continue;
    factTotal++;
    factCount[a]++;
    if (factHow[c] !== RECORDED) fromOthersCount[a]++;
  }
  const learned = new Array<Learned>(factTotal);
  for (let n = 0, f = 0; n < count; n++) {
    const incident = incidentIds[n]!;
    for (let a = 0, c = n * agencyCount; a < agencyCount; a++, c++) {
      const record = factRecord[c]!;
      if (record === -1) continue;
      const how = HOW[factHow[c]!]!;
      const fact: Learned = {
        incident, agency: agencyOrder[a]!, how, record: events[record]!.id,
        by: dayOf(factBy[c]!), exact: !Number.isNaN(ctx.day[record]!), days: factBy[c]! - incidentDays[n]!,
      };
      if ((how === 'shared' || how === 'meeting') && ownRecord[c] !== -1) fact.acknowledged = events[ownRecord[c]!]!.id;
      learned[f++] = fact;
    }
  }

  // Decision points, and at each what its agency knew of the incidents so far.
  // A record reporting an earlier event tells of that event in its text: its own decision, if
  // any, is in its outcome ("PPN received re the incident of 10/06 … NFA for CSC").
  const firstHand = compileRules(ctx, rules.decisions);
  const outcomeRules = rules.decisions.map((r) => ({ ...r, field: 'outcome' as const }));
  const reported = compileRules(ctx, outcomeRules);
  // A meeting's record that goes over the history ("Strategy discussion … Police: call-outs 29/10
  // and 26/03 … Agreed: s47") reports those events and is still the meeting: where its outcome
  // decides nothing, the meeting's own rule read in its whole text does (only a meeting's rule:
  // the history it goes over may hold "no access" or "closed").
  const meetingRules = compileRules(ctx, rules.decisions.filter((r) => r.meeting === true));
  // Each record's decision, by the place of its rule in the rules (-1 for none).
  const decided = new Int16Array(events.length).fill(-1);
  const ruleIndex = new Map<DecisionRule, number>([...rules.decisions.map((r, k) => [r, k] as const), ...outcomeRules.map((r, k) => [r, k] as const)]);
  const meetings: number[] = [];
  const decide = (i: number, rule: DecisionRule | undefined): void => {
    if (rule === undefined) return;
    decided[i] = ruleIndex.get(rule)!;
    if (rule.meeting === true) meetings.push(i);
  };
  const find = firstHand.find;
  const held = find !== null ? new Uint8Array(firstHand.rules.length) : undefined;
  for (let i = 0; i < events.length; i++) {
    // The outcome is part of the text: a record no rule matches whole is no decision either way.
    // Most records hold none of the rules' key words: one read of the text says so, and for the
    // others (read on from there) which rules to try.
    let rule: DecisionRule | undefined;
    if (find !== null) {
      find.re.lastIndex = 0;
      const first = find.re.exec(ctx.text[i]!);
      if (first === null) continue;
      heldWords(ctx, firstHand, i, held!, first);
      rule = firstRule(ctx, firstHand, i, true, held);
    } else {
      rule = firstRule(ctx, firstHand, i);
    }
    if (rule !== undefined && ctx.isReport(i)) rule = firstRule(ctx, reported, i) ?? firstRule(ctx, meetingRules, i);
    decide(i, rule);
  }
  // A meeting's decision is every recording agency's.
  for (const i of meetings) {
    const k = ctx.linkOf(i);
    if (k === -1 || !isMeeting(links[k]!)) continue;
    for (const m of ctx.membersOf(k)) if (decided[m] === -1) decided[m] = decided[i]!;
  }
  // At each decision, how many incidents so far its agency knew of: those whose fact for the
  // agency is on or before the decision's day (a fact is never before its incident's day).
  const factDays = Array.from(factCount, (count) => new Float64Array(count));
  const filled = new Int32Array(agencyCount);
  for (let c = 0, a = 0; c < cells; c++, a = a + 1 === agencyCount ? 0 : a + 1) if (factRecord[c] !== -1) factDays[a]![filled[a]!++] = factBy[c]!;
  for (const days of factDays) days.sort();
  const decisionCount = new Int32Array(agencyCount);
  for (let i = 0; i < events.length; i++) if (decided[i] !== -1 && !Number.isNaN(ctx.day[i]!)) decisionCount[ctx.agency[i]!]++;
  const decisions = new Array<DecisionPoint>(decisionCount.reduce((n, k) => n + k, 0));
  const decisionDays = Array.from(decisionCount, (k) => new Float64Array(k));
  const decisionsFilled = new Int32Array(agencyCount);
  for (let i = 0, x = 0; i < events.length; i++) {
    if (decided[i] === -1) continue;
    const rule = rules.decisions[decided[i]!]!;
    const day = ctx.day[i]!;
    if (Number.isNaN(day)) { notPlaced.push(events[i]!.id); continue; }
    const agency = ctx.agency[i]!;
    decisionDays[agency]![decisionsFilled[agency]!++] = day;
    const known = countAtMost(factDays[agency]!, day);
    decisions[x++] = {
      event: events[i]!.id, agency: agencyOrder[agency]!, kind: rule.id, title: rule.title, date: dayOf(day),
      known, notKnown: countAtMost(incidentDays, day) - known,
    };
  }
  for (const days of decisionDays) days.sort();

  // An incident was not known at one of an agency's decisions when the agency's first decision on
  // or after the incident's day came before the agency knew of it (or it never did).
  // (Marked first, then listed in a list made at its length.)
  const notKnown = new Uint8Array(count);
  const agencies: AgencyKnowledge[] = agencyOrder.map((agency, k) => {
    const days = decisionDays[k]!;
    const lags = new Float64Array(fromOthersCount[k]!);
    let missed = 0;
    // The incidents are in day order: the agency's next decision only moves on.
    for (let n = 0, next = 0, lag = 0, c = k; n < count; n++, c += agencyCount) {
      const record = factRecord[c]!;
      if (record !== -1 && factHow[c] !== RECORDED) lags[lag++] = factBy[c]! - incidentDays[n]!;
      while (next < days.length && days[next]! < incidentDays[n]!) next++;
      notKnown[n] = next < days.length && (record === -1 || factBy[c]! > days[next]!) ? 1 : 0;
      missed += notKnown[n]!;
    }
    const notKnownAtDecisions = new Array<string>(missed);
    for (let n = 0, x = 0; x < missed; n++) if (notKnown[n] === 1) notKnownAtDecisions[x++] = incidentIds[n]!;
    lags.sort();
    const out: AgencyKnowledge = { agency, known: factCount[k]!, learnedFromOthers: lags.length, decisions: days.length, notKnownAtDecisions };
    if (lags.length > 0) out.medianLag = median(lags);
    return out;
  });
  return { incidents, learned, decisions, agencies, notPlaced };
}

/** How many of the sorted `values` are at most `limit` (a binary search). */
function countAtMost(values: Float64Array, limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= limit) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The middle value of a sorted list (the mean of the two middle values when there are two). */
function median(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

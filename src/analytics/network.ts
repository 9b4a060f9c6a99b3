/**
 * Information sharing between agencies as a graphology graph: agencies are nodes; an edge runs
 * from one agency to another wherever a record shows information passing (a referral, or a
 * record that says it shared with, copied to, informed… other agencies: an edge to each), and
 * between agencies that recorded the same multi-agency meeting (from the agency earlier in the
 * agency order).
 * Also: for each meeting several agencies recorded, the agencies active in the 90 days before it
 * that did not record it — possibly absent.
 */
import { MultiDirectedGraph } from 'graphology';
import { isMeeting, SHARES_MANY, SHARES_NOTHING, SHARES_ONE, SHARES_UNREAD, type AnalysisContext } from './context.js';
import { NOT_AN_AGENCY, NOT_STATED } from './referrals.js';
import type { MeetingAbsence, Network, NetworkEdge, ReferralFinding } from './types.js';

/** How far back an agency's involvement makes its absence from a meeting worth noting. */
export const ABSENCE_LOOKBACK_DAYS = 90;

/** Words that may stand between sharing words and the agency, or between two agencies listed. */
const FILLER = /^(?:the|a|an|our|their|local|allocated|duty|named|and|or|&|\+|with|to|cc)$/i;

/** Words before an agency that make it where the information came from ("emailed by police", "informed from school"), not where it went. */
const SOURCE = /^(?:by|from)$/i;

const NOBODY: readonly string[] = [];

/**
 * The other agencies a record says it passed information to: those named right after any of its
 * sharing words (`ctx.sharing`: "shared with SW", "PPN to CSC", "copied to
 * the GP and HV") in the same clause, at most one other word before each ("referred to Westfield
 * Locality Team") and that not "by" or "from" ("emailed by police": the police sent it); or,
 * where none follows, the agency named just before them ("HV informed by task"; not "CSC
 * informed by police", which the police did), in order.
 * "Letter to Dad offering Early Help" passed nothing to Early Help. Each record is read once, and
 * the answer kept in the context for the next section that asks (`ctx.shares`: in a typed array,
 * not a map, which at 1M records cost the network more than reading again saved).
 */
export function sharedWith(ctx: AnalysisContext, i: number): readonly string[] {
  const known = ctx.shares[i]!;
  if (known !== SHARES_UNREAD) return known === SHARES_NOTHING ? NOBODY : known === SHARES_MANY ? ctx.sharedTo.get(i)! : aloneIn(ctx)[known - SHARES_ONE]!;
  const text = ctx.text[i]!;
  const sharing = ctx.sharing;
  sharing.lastIndex = 0;
  let m = sharing.exec(text);
  if (m === null) { ctx.shares[i] = SHARES_NOTHING; return NOBODY; }
  const out: string[] = [];
  for (; m !== null; m = sharing.exec(text)) {
    if (m[0] === '') { sharing.lastIndex++; continue; }
    let from = m.index + m[0].length;
    const stop = text.slice(from).search(/[.;:\n]/);
    const end = stop === -1 ? text.length : from + stop;
    const before = out.length;
    let sender = false;
    for (const n of ctx.namedAgencies(text, i, from, Number.POSITIVE_INFINITY, end)) {
      if (n.at >= end) break;
      const between = text.slice(from, n.at).split(/[\s,/()]+/).filter((w) => w !== '' && !FILLER.test(w));
      if (between.length === 1 && SOURCE.test(between[0]!)) { sender = true; break; }
      if (between.length > 1) break;
      if (!out.includes(n.agency)) out.push(n.agency);
      from = n.end;
    }
    // "CSC informed by police": the police told CSC, not this record's agency.
    if (out.length > before || sender) continue;
    // "HV informed (by task)": the agency whose name ends where the sharing words begin.
    const start = Math.max(0, m.index - 60);
    const just = ctx.namedAgencies(text.slice(start, m.index), i).find((n) => text.slice(start + n.end, m!.index).trim() === '');
    if (just !== undefined && !out.includes(just.agency)) out.push(just.agency);
  }
  if (out.length === 0) { ctx.shares[i] = SHARES_NOTHING; return NOBODY; }
  const k = out.length === 1 ? ctx.timeline.agencyOrder.indexOf(out[0]!) : -1;
  if (k !== -1 && SHARES_ONE + k <= 0xffff) {
    ctx.shares[i] = SHARES_ONE + k;
    return aloneIn(ctx)[k]!;
  }
  ctx.shares[i] = SHARES_MANY;
  ctx.sharedTo.set(i, out);
  return out;
}

/** Each agency of the timeline alone in a list: the answer kept for a record that passed information to that agency only. */
const ALONE = new WeakMap<AnalysisContext, ReadonlyArray<readonly string[]>>();
function aloneIn(ctx: AnalysisContext): ReadonlyArray<readonly string[]> {
  let lists = ALONE.get(ctx);
  if (lists === undefined) ALONE.set(ctx, (lists = ctx.timeline.agencyOrder.map((a) => [a])));
  return lists;
}

export function sharingNetwork(ctx: AnalysisContext, referrals: readonly ReferralFinding[]): Network {
  const edges = new Map<string, NetworkEdge>();
  // Each record (or meeting) is offered once per kind and agency: a referral finding, a sharing
  // record per agency it names, a meeting per link and pair of its distinct agencies; so no edge
  // cites one twice.
  const add = (from: string, to: string, kind: NetworkEdge['kind'], event: string): void => {
    if (from === to || from === NOT_STATED || to === NOT_STATED || to === NOT_AN_AGENCY) return;
    const key = `${kind}:${from}->${to}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { from, to, kind, count: 0, events: [] }));
    edge.count++;
    edge.events.push(event);
  };
  for (const r of referrals) add(r.from, r.to, 'referral', r.event);
  // Every agency a record passed information to ("PPN to CSC and GP": both).
  for (let i = 0; i < ctx.events.length; i++) {
    const to = sharedWith(ctx, i);
    for (let x = 0; x < to.length; x++) add(ctx.events[i]!.agency, to[x]!, 'shared', ctx.events[i]!.id);
  }
  const rank = new Map(ctx.timeline.agencyOrder.map((a, i) => [a, i]));
  const absences: MeetingAbsence[] = [];
  // One sweep through the records, meeting by meeting in the order of their first records: each
  // agency's latest day so far tells whether it was involved in the 90 days before a meeting.
  const lastDay = new Float64Array(ctx.timeline.agencyOrder.length).fill(Number.NEGATIVE_INFINITY);
  let sweep = 0;
  // Same-event links only (their linkStart is set): a record reporting an earlier event is no meeting.
  const meetings = ctx.timeline.links
    .map((link, k) => ({ link, first: ctx.linkStart[k]! }))
    .filter((m) => m.first !== -1 && isMeeting(m.link))
    .sort((a, b) => a.first - b.first);
  for (const { link, first } of meetings) {
    const agencies = [...new Set(link.agencies)].sort((a, b) => rank.get(a)! - rank.get(b)!);
    for (let x = 0; x < agencies.length; x++) {
      for (let y = x + 1; y < agencies.length; y++) add(agencies[x]!, agencies[y]!, 'meeting', link.id);
    }
    for (; sweep <= first; sweep++) {
      const d = ctx.day[sweep]!;
      if (!Number.isNaN(d)) lastDay[ctx.agency[sweep]!] = d;
    }
    const day = ctx.day[first]!;
    if (Number.isNaN(day)) continue;
    const absent = ctx.timeline.agencyOrder.filter((a, k) => !link.agencies.includes(a) && day - lastDay[k]! <= ABSENCE_LOOKBACK_DAYS);
    absences.push({ link: link.id, meeting: link.reason.replace(/ on .*$/, ''), date: ctx.events[first]!.date.start.slice(0, 10), recordedBy: agencies, absent });
  }
  const list = [...edges.values()].sort((a, b) => (rank.get(a.from)! - rank.get(b.from)!) || (rank.get(a.to)! - rank.get(b.to)!) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const graph = new MultiDirectedGraph();
  graph.setAttribute('kind', 'information-sharing');
  for (const agency of ctx.timeline.agencyOrder) graph.addNode(agency, { kind: 'agency', label: agency });
  for (const e of list) graph.addEdgeWithKey(`${e.kind}:${e.from}->${e.to}`, e.from, e.to, { kind: e.kind, count: e.count });
  return { graph: graph.export() as unknown as Network['graph'], edges: list, absences };
}

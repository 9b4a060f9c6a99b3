/**
 * Referrals and what happened next. A record meeting the rules' `referrals.match` is a referral:
 * - sent (it matches `outgoing`, "PPN to CSC", or names the other agency after the referral
 *   words): from the recording agency to the agency named after them; the response is the
 *   receiving agency's first record after it in the merged order (not a record of the same
 *   event), and the days between;
 * - received (it matches `incoming`, "contact received", "Operation Encompass notification", or
 *   names the other agency before the referral words, "police PPN", or by them, where they are a
 *   `notice` named after its sender, "PPN: DA incident" in CSC's record): from that agency to the
 *   recording agency, whose record is itself the response (0 days).
 * A sent referral with no response within `responseWithinDays` is flagged. One sent to someone who
 * is none of the chronology's agencies ("IDVA referral to MARAC") is listed as such, and its
 * response is not looked for: no agency in the review could give it, and an agency the record
 * names elsewhere ("police aware") is not its receiver.
 */
import { dayFromNumber } from '../model/calendar.js';
import type { AnalysisContext } from './context.js';
import type { ReferralFinding } from './types.js';

export const NOT_STATED = '(not stated)';
/** The receiver of a referral sent to someone who is none of the chronology's agencies. */
export const NOT_AN_AGENCY = "(none of the chronology's agencies)";

/**
 * The referrals; `sentAt`, when given, is filled with the position in the timeline of each referral
 * sent to one of the chronology's agencies (for an analysis that goes on from them).
 */
export function findReferrals(ctx: AnalysisContext, sentAt?: Map<ReferralFinding, number>): ReferralFinding[] {
  const match = ctx.re(ctx.rules.referrals.match);
  const exclude = ctx.rules.referrals.exclude !== undefined ? ctx.re(ctx.rules.referrals.exclude) : undefined;
  const within = ctx.rules.referrals.responseWithinDays;
  const outgoing = ctx.re(ctx.rules.referrals.outgoing);
  const incoming = ctx.re(ctx.rules.referrals.incoming);
  // A notice's words name its sender: matched where the referral words begin.
  const notice = ctx.rules.referrals.notice !== undefined ? new RegExp(ctx.re(ctx.rules.referrals.notice).source, 'iy') : undefined;
  const byNotice = (text: string, at: number): boolean => {
    if (notice === undefined) return false;
    notice.lastIndex = at;
    return notice.test(text);
  };
  // Each agency's records on known days, in order, to find the first response quickly.
  const agencyIndex = new Map(ctx.timeline.agencyOrder.map((a, k) => [a, k]));
  const sizes = new Int32Array(ctx.timeline.agencyOrder.length);
  for (let i = 0; i < ctx.events.length; i++) if (!Number.isNaN(ctx.day[i]!)) sizes[ctx.agency[i]!]!++;
  const byAgency = Array.from(sizes, (n) => new Int32Array(n));
  const filled = new Int32Array(sizes.length);
  for (let i = 0; i < ctx.events.length; i++) if (!Number.isNaN(ctx.day[i]!)) byAgency[ctx.agency[i]!]![filled[ctx.agency[i]!]!++] = i;
  const out: ReferralFinding[] = [];
  for (let i = 0; i < ctx.events.length; i++) {
    const day = ctx.day[i]!;
    if (Number.isNaN(day)) continue;
    const text = ctx.text[i]!;
    const referral = match.exec(text);
    if (referral === null || (exclude && exclude.test(text))) continue;
    const e = ctx.events[i]!;
    const named = ctx.namedAgencies(text, i);
    const date = dayFromNumber(day);
    const sent = outgoing.exec(text);
    const keyword = referral.index;
    const received = !sent && (incoming.test(text) || (named.length > 0 && (named[0]!.at < keyword || (named[0]!.at === keyword && byNotice(text, keyword)))));
    if (received) {
      out.push({ event: e.id, from: named[0]?.agency ?? NOT_STATED, to: e.agency, date, response: e.id, days: 0, noTimelyResponse: false });
      continue;
    }
    const after = sent ? sent.index + sent[0].length : keyword;
    // The first agency named after the referral words (named again there if named before, too).
    const to = ctx.namedAgencies(text, i, after, 1)[0]?.agency;
    if (to === undefined) {
      out.push({ event: e.id, from: e.agency, to: sent ? NOT_AN_AGENCY : NOT_STATED, date, noTimelyResponse: false });
      continue;
    }
    const receiver = agencyIndex.get(to);
    const records = receiver === undefined ? new Int32Array(0) : byAgency[receiver]!;
    const link = ctx.linkOf(i);
    // The first record of the receiving agency after the referral in the merged order.
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (records[mid]! < i) lo = mid + 1; else hi = mid;
    }
    let response: number | undefined;
    for (let k = lo; k < records.length; k++) {
      const r = records[k]!;
      if (link !== -1 && ctx.linkOf(r) === link) continue;
      response = r;
      break;
    }
    const finding: ReferralFinding = { event: e.id, from: e.agency, to, date, noTimelyResponse: true };
    if (response !== undefined) {
      finding.response = ctx.events[response]!.id;
      finding.days = ctx.day[response]! - day;
      finding.noTimelyResponse = finding.days > within;
    }
    out.push(finding);
    sentAt?.set(finding, i);
  }
  return out;
}

/**
 * What every analysis needs about the timeline, worked out once: each event's text, the day it
 * happened on (only when the source gave a day: a month is not a day), the links that make
 * records one event, who the child is, and the rules compiled.
 */
import { dayNumber } from '../model/calendar.js';
import { ThroughlineError } from '../model/errors.js';
import { isOnKnownDay } from '../timeline/scope.js';
import { placesOf } from '../timeline/positions.js';
import { LEADING_MARKS } from '../timeline/mentions.js';
import { anyOf } from '../timeline/links.js';
import type { ChronologyEvent, CrossAgencyLink, Timeline } from '../model/types.js';
import { inferChildNames, type PeoplePatterns } from './child.js';
import { compile, DEFAULT_MEETINGS, DEFAULT_RULES, escapeRegExp, type AnalysisRules, type RecordRule, type RuleField } from './rules.js';
import type { ChildName } from './types.js';

export interface AnalysisContext {
  timeline: Timeline;
  events: readonly ChronologyEvent[];
  /** Type, event text, outcome and the extra columns ("Heading: value"), joined: what rules are matched against. */
  text: string[];
  /** Day number of the event's day, or NaN when the date is coarser than a day (or unknown). */
  day: Float64Array;
  /** Each event's agency, as its position in timeline.agencyOrder. */
  agency: Int32Array;
  /**
   * The same-event link (position in timeline.links) the event at index i belongs to, or -1.
   * Refers-to links never make two records one. Known for every record from where the linked
   * records are (found once), never by looking a record's id up.
   */
  linkOf: (i: number) => number;
  /**
   * Where the records each link names are in the timeline, found once for every link, so a
   * section starting from the links never looks their ids up again: link k's are
   * `linkedPlaces[linkEnds[k]]` to `linkedPlaces[linkEnds[k + 1] - 1]`, a same-event link's
   * records in its order, any other link's `from` and then each of its `to`; -1 for a record the
   * timeline lacks (or a `from` not given).
   */
  linkEnds: Int32Array;
  linkedPlaces: Int32Array;
  /** Where each same-event link's first listed event is in the timeline; -1 when it is not there, and for refers-to links. */
  linkStart: Int32Array;
  /** Where the records of the same-event link at position k are in the timeline, in the merged order (none for a refers-to link). */
  membersOf: (k: number) => readonly number[];
  /** Whether the event at index i reports an earlier event recorded elsewhere (it is the `from` of a refers-to link). */
  isReport: (i: number) => boolean;
  /** The part of the event at index i that a rule with this `field` reads. */
  fieldText: (i: number, field: RuleField) => string;
  /**
   * Whether the event at index i is about whom `subjects` names: its subjects cell decides where
   * its file has a subjects column; elsewhere it is about the child unless the text is headed by
   * someone else and does not name the child.
   */
  isAbout: (i: number, subjects: RegExp) => boolean;
  rules: AnalysisRules;
  /** Every name `{child}` stands for: the names given (or inferred), then the rules' own words. */
  child: string[];
  /** How each of those names was found. */
  childNames: ChildName[];
  /** True when the caller gave the child's names; false when they were inferred (or none were found). */
  childConfirmed: boolean;
  re: (pattern: string) => RegExp;
  /** The rules' sharing words (`sharing`), global: what `sharedWith` reads a record for. */
  sharing: RegExp;
  /**
   * What each record is known to pass information to, learned when it is first read for the
   * sharing words (`sharedWith`) so that the sections asking about it read it once:
   * `SHARES_UNREAD`; `SHARES_NOTHING` (it holds none of the sharing words, or names no agency by
   * them); `SHARES_ONE` + k, agency k of the timeline's agency order alone; `SHARES_MANY`, the
   * agencies kept in `sharedTo`.
   */
  shares: Uint16Array;
  /** The agencies a record passed information to, where it names more than one (`shares` is `SHARES_MANY`). */
  sharedTo: Map<number, readonly string[]>;
  /**
   * The other agencies a text of record `i` names (by the rules' `agencies` patterns; not record
   * i's own), each with where it is first named (from `at` to `end`), in order: from `from`, at
   * most `limit`, and only those named before `before` (the first named there or later ends the
   * list). Of two agencies of one kind, a name with its place ("Riverton CSC") is that one's; the
   * kind's words alone ("SW", "MASH") are the one of record i's own place ("Riverton 0-19": SW is
   * Riverton's), else the one with a record nearest record i's day (the one involved then).
   */
  namedAgencies: (text: string, i: number, from?: number, limit?: number, before?: number) => Array<{ agency: string; at: number; end: number }>;
}

/** What `AnalysisContext.shares` holds for a record: not read yet; passed nothing on; several agencies (in `sharedTo`); one agency (plus its place in the agency order). */
export const SHARES_UNREAD = 0;
export const SHARES_NOTHING = 1;
export const SHARES_MANY = 2;
export const SHARES_ONE = 3;

/** A link without a kind (written before links had kinds) is a same-event link. */
export const isSameEvent = (link: CrossAgencyLink): boolean => link.kind === undefined || link.kind === 'same-event';

/**
 * A same-event link that is a multi-agency meeting or joint work (a strategy discussion, a
 * conference, a joint visit), not one incident recorded alike by two agencies: the merge gives
 * the latter the reason "Recorded by …".
 */
export const isMeeting = (link: CrossAgencyLink): boolean => isSameEvent(link) && !link.reason.startsWith('Recorded by');

export function eventText(e: ChronologyEvent): string {
  // Joined, not concatenated: join builds one flat string, where `+` builds a rope that every
  // regular expression would first have to flatten.
  const parts: string[] = [];
  if (e.type !== undefined) parts.push(e.type);
  parts.push(e.summary);
  if (e.outcome !== undefined) parts.push(e.outcome);
  for (const heading in e.extra) parts.push(`${heading}: ${e.extra[heading]}`);
  return parts.length === 1 ? e.summary : parts.join(' · ');
}

export interface ContextOptions {
  /** The multi-agency meeting patterns `{meeting}` stands for (default: the shipped link rules'). */
  meetings?: readonly string[];
}

export function buildContext(timeline: Timeline, rules: AnalysisRules, child: readonly string[], options: ContextOptions = {}): AnalysisContext {
  const events = timeline.events;
  const meetings = options.meetings ?? DEFAULT_MEETINGS;
  const given = [...new Set(child.map((c) => c.trim()).filter((c) => c !== ''))];
  let names: string[] = [];
  const cache = new Map<string, RegExp>();
  const re = (pattern: string): RegExp => {
    let r = cache.get(pattern);
    if (!r) cache.set(pattern, (r = compile(pattern, names, meetings)));
    return r;
  };
  // Per-event facts in typed arrays, worked out once: the analyses index them instead of looking
  // agency names and event ids up in maps a million times each.
  const day = new Float64Array(events.length);
  const text: string[] = new Array(events.length);
  const agencyIndex = new Map(timeline.agencyOrder.map((a, i) => [a, i]));
  const agency = new Int32Array(events.length);
  let lastAgency: string | undefined;
  let lastIndex = -1;
  events.forEach((e, i) => {
    day[i] = isOnKnownDay(e) ? dayNumber(e.date.start) : Number.NaN;
    text[i] = eventText(e);
    if (e.agency !== lastAgency) {
      const known = agencyIndex.get(e.agency);
      if (known === undefined) throw new ThroughlineError('timeline-invalid', `event ${e.id}: its agency "${e.agency}" is not in the timeline's agencyOrder`);
      lastAgency = e.agency;
      lastIndex = known;
    }
    agency[i] = lastIndex;
  });

  // Who the child is: the names given, else the names the returns suggest; then the rules' words.
  const people = peoplePatterns(rules);
  const childNames: ChildName[] = given.length > 0
    ? given.map((name) => ({ name, how: ['given'], detail: 'given by the reviewer (--child)' }))
    : inferChildNames(timeline, text, people);
  names = [...new Set([...childNames.map((n) => n.name), ...rules.child.map((c) => c.trim()).filter((c) => c !== '')])];
  for (const name of names) {
    if (!childNames.some((n) => n.name === name)) childNames.push({ name, how: ['rules'], detail: 'a word for the child in the rules (rules.json "child")' });
  }
  cache.clear();

  // Where every linked record is, asked once (as linking left them, or found by one sweep): asked
  // link by link, a timeline read back from JSON would be swept once for each link. Every record
  // a link names is found (the first with its id, as everywhere ids are looked up), so a record not
  // found belongs to no link and reports nothing: both are known for every record without reading
  // its id (looking a million ids up costs about a second, most of it in the analyses' rules).
  // Link k's records are at linkEnds[k] to linkEnds[k + 1] - 1 of the places found: a same-event
  // link's records, any other link's `from` (-1 for none) and then its `to`.
  const links = timeline.links;
  const linkEnds = new Int32Array(links.length + 1);
  for (let k = 0; k < links.length; k++) {
    const l = links[k]!;
    linkEnds[k + 1] = linkEnds[k]! + (isSameEvent(l) ? l.events.length : 1 + (l.to?.length ?? 0));
  }
  const ends = new Array<string | undefined>(linkEnds[links.length]!);
  for (let k = 0; k < links.length; k++) {
    const l = links[k]!;
    let x = linkEnds[k]!;
    if (isSameEvent(l)) { for (const id of l.events) ends[x++] = id; continue; }
    ends[x++] = l.from;
    for (const id of l.to ?? []) ends[x++] = id;
  }
  const linkedPlaces = placesOf(events, ends);
  const linkAt = new Int32Array(events.length).fill(-1);
  const reportAt = new Uint8Array(events.length);
  const linkStart = new Int32Array(links.length).fill(-1);
  for (let k = 0; k < links.length; k++) {
    const l = links[k]!;
    const start = linkEnds[k]!;
    if (isSameEvent(l)) {
      // (A record in two same-event links, as only a timeline made by hand has, is the later one's.)
      for (let x = start; x < linkEnds[k + 1]!; x++) if (linkedPlaces[x] !== -1) linkAt[linkedPlaces[x]!] = k;
      if (l.events.length > 0) linkStart[k] = linkedPlaces[start]!;
    } else if (l.fromIsEvent !== true && linkedPlaces[start] !== -1) {
      // A record that also records a happening of its own (fromIsEvent) is no report to the analyses.
      reportAt[linkedPlaces[start]!] = 1;
    }
  }
  const linkOf = (i: number): number => linkAt[i]!;
  const isReport = (i: number): boolean => reportAt[i] === 1;
  const members: Array<readonly number[] | undefined> = new Array(links.length);
  const membersOf = (k: number): readonly number[] => {
    let m = members[k];
    if (m === undefined) {
      const found: number[] = [];
      if (isSameEvent(links[k]!)) {
        for (let x = linkEnds[k]!; x < linkEnds[k + 1]!; x++) {
          const i = linkedPlaces[x]!;
          if (i !== -1 && !found.includes(i)) found.push(i);
        }
      }
      members[k] = m = found.sort((a, b) => a - b);
    }
    return m;
  };

  const fieldText = (i: number, field: RuleField): string => {
    const e = events[i]!;
    switch (field) {
      case 'text': return text[i]!;
      case 'summary': return e.summary;
      case 'outcome': return e.outcome ?? '';
      default: return e.type !== undefined && e.type.trim() !== '' ? e.type : text[i]!;
    }
  };

  // The subjects rule. Files with a subjects column are known from their reports (and from any
  // record that has a subjects cell, for a timeline made by hand).
  const withSubjects = new Set(timeline.files.filter((f) => f.columns.some((c) => c.role === 'subjects')).map((f) => f.file));
  const headedByOther = new Int8Array(events.length).fill(-1);
  const otherHead = otherPersonHead(people);
  // Naming the child is naming them: the names given or inferred, when there are any; the rules'
  // words ("child", "baby") only when there are none ("Renée: … child spoken to alone" is Renée).
  const properNames = childNames.filter((n) => !n.how.includes('rules')).map((n) => n.name);
  const namesChild = properNames.length > 0 ? compile('\\b{child}\\b', properNames) : re('\\b{child}\\b');
  const childSet = new Set(names.map((n) => n.toLowerCase()));
  const isChild = (name: string): boolean => childSet.has(name.toLowerCase());
  const isAbout = (i: number, subjects: RegExp): boolean => {
    const e = events[i]!;
    if (e.subjects !== undefined) return subjects.test(e.subjects);
    if (withSubjects.has(e.source.file)) return false;
    let other = headedByOther[i]!;
    if (other === -1) {
      // Headed by someone else, and the child not named elsewhere in the record.
      const head = otherHead(e, isChild);
      headedByOther[i] = other = head !== undefined && !namesChild.test(text[i]!.replace(head, ' ')) ? 1 : 0;
    }
    return other === 0;
  };
  // Each timeline agency answers to the rules' agency whose name (or pattern) fits it
  // ("Northmoor Hospital ED" → "Hospital"); one expression finds them all in one pass.
  const named: Array<{ agency: string; pattern: string; plain: boolean }> = [];
  // An agency the rules do not know ("Probation", "Youth Offending Service") is named by its own name.
  // The entry whose name the agency's holds, the longest such ("School Nursing Service" is
  // "School Nursing", not "School"), else the first whose name holds the agency's or whose
  // pattern fits it.
  const entries = Object.entries(rules.agencies);
  const byLength = [...entries].sort((a, b) => b[0].length - a[0].length);
  const kinds: Array<{ agency: string; pattern: string }> = [];
  for (const agency of timeline.agencyOrder) {
    const lower = agency.toLowerCase();
    const entry = byLength.find(([name]) => lower.includes(name.toLowerCase()))
      ?? entries.find(([name, pattern]) => name.toLowerCase().includes(lower) || re(pattern).test(agency));
    // (A name of one or two letters would be found in every other word: it names nothing.) A name
    // taken from a file's ("Riverton 0 19 Service") is found however its words are separated.
    if (entry) kinds.push({ agency, pattern: entry[1] });
    else if (agency.trim().length >= 3) kinds.push({ agency, pattern: `(?<!\\w)${agency.trim().split(/[\W_]+/).map(escapeRegExp).join('[\\W_]+')}(?!\\w)` });
  }
  // The place that begins an agency's name ("Riverton" of "Riverton 0 19 Service"), if any.
  const placeOf = (agency: string): string | undefined => {
    const words = agency.trim().split(/[\W_]+/).filter((w) => w !== '');
    return words.length >= 2 && words[0]!.length >= 3 && /^[A-Z][a-z]/.test(words[0]!) ? words[0] : undefined;
  };
  // The agencies of each kind that more than one agency is of, in the timeline's order.
  const siblings = new Map<string, string[]>();
  for (const { agency, pattern } of kinds) {
    const same = kinds.filter((k) => k.pattern === pattern).map((k) => k.agency);
    if (same.length > 1) siblings.set(agency, same);
  }
  // Two agencies of one kind (the children's services of the area a family left and of the one it
  // moved to) are told apart by the place that begins each one's name: "Riverton CSC", "PPN to
  // Eastmoor MASH", "Eastmoor CS" (the place, then its kind's words or the initials of the rest
  // of its name). Tried first; the kind's words alone are told apart by whichOf, below.
  for (const { agency, pattern } of kinds) {
    const place = placeOf(agency);
    if (!siblings.has(agency) || place === undefined || siblings.get(agency)!.some((k) => k !== agency && placeOf(k) === place)) continue;
    const initials = agency.trim().split(/[\W_]+/).slice(1).filter((w) => /^[A-Za-z]/.test(w)).map((w) => w[0]!.toUpperCase()).join('');
    named.push({ agency, pattern: `\\b${escapeRegExp(place)}\\s+(?:${initials.length >= 2 ? `${initials}\\b|` : ''}${pattern})`, plain: false });
  }
  for (const k of kinds) named.push({ ...k, plain: true });
  // Each agency's days with a record, in order (worked out when first asked).
  const agencyDays = new Map<string, Float64Array>();
  const daysOf = (name: string): Float64Array => {
    let days = agencyDays.get(name);
    if (days === undefined) {
      const k = agencyIndex.get(name)!;
      const list: number[] = [];
      for (let x = 0; x < events.length; x++) if (agency[x] === k && !Number.isNaN(day[x]!)) list.push(day[x]!);
      agencyDays.set(name, (days = Float64Array.from(list).sort()));
    }
    return days;
  };
  // Of several agencies of one kind, the one record i's plain words name.
  const whichOf = (agencies: readonly string[], i: number): string => {
    const place = placeOf(events[i]!.agency);
    const local = place === undefined ? undefined : agencies.find((a) => placeOf(a) === place);
    if (local !== undefined) return local;
    const d = day[i]!;
    if (Number.isNaN(d)) return agencies[0]!;
    let best = agencies[0]!;
    let nearest = Number.POSITIVE_INFINITY;
    for (const a of agencies) {
      const days = daysOf(a);
      let lo = 0;
      let hi = days.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (days[mid]! < d) lo = mid + 1; else hi = mid; }
      const apart = Math.min(lo < days.length ? days[lo]! - d : Number.POSITIVE_INFINITY, lo > 0 ? d - days[lo - 1]! : Number.POSITIVE_INFINITY);
      if (apart < nearest) { nearest = apart; best = a; }
    }
    return best;
  };
  // Each agency's pattern is wrapped in a group; the groups inside a user's pattern are counted
  // so that the wrapper's number is known.
  const groupOf: number[] = [];
  let groups = 0;
  for (const n of named) {
    groupOf.push(groups + 1);
    groups += 1 + groupCount(re(n.pattern).source);
  }
  const anyAgency = named.length > 0 ? new RegExp(named.map((n) => `(${re(n.pattern).source})`).join('|'), 'gi') : null;
  const namedAgencies = (text: string, i: number, from = 0, limit = Number.POSITIVE_INFINITY, before = Number.POSITIVE_INFINITY): Array<{ agency: string; at: number; end: number }> => {
    const out: Array<{ agency: string; at: number; end: number }> = [];
    if (anyAgency === null) return out;
    const except = events[i]!.agency;
    anyAgency.lastIndex = from;
    for (let m = anyAgency.exec(text); m !== null && m.index < before; m = anyAgency.exec(text)) {
      if (m[0] === '') { anyAgency.lastIndex++; continue; }
      let k = 0;
      while (m[groupOf[k]!] === undefined) k++;
      const { agency: first, plain } = named[k]!;
      const agency = plain && siblings.has(first) ? whichOf(siblings.get(first)!, i) : first;
      if (agency !== except && !out.some((o) => o.agency === agency)) {
        out.push({ agency, at: m.index, end: m.index + m[0].length });
        if (out.length >= limit) break;
      }
    }
    return out;
  };
  return {
    timeline, events, text, day, agency, linkOf, linkEnds, linkedPlaces, linkStart, membersOf, isReport, fieldText, isAbout, rules,
    child: names, childNames, childConfirmed: given.length > 0, re, namedAgencies,
    sharing: new RegExp(re(rules.sharing).source, 'gi'), shares: new Uint16Array(events.length), sharedTo: new Map(),
  };
}

/** How many capturing groups an expression's source holds (it matches the empty string once `|` is added). */
function groupCount(source: string): number {
  return new RegExp(`${source}|`).exec('')!.length - 1;
}

/** The rules' people patterns, compiled for whole words and for a role anywhere in a text. */
function peoplePatterns(rules: AnalysisRules): PeoplePatterns {
  const people = rules.people ?? DEFAULT_RULES.people;
  return {
    hasRole: compile(`\\b(?:${people.roles})\\b`, []),
    headRole: compile(`^\\b(?:${people.roles})\\b`, []),
    notName: compile(`^(?:${people.roles}|${people.notNames})$`, []),
  };
}

/** What a person does (or did not do) at the head of a record ("Kerry attended", "Father seen", "Jade did not attend"). */
const PERSON_VERBS = "seen|attended|attends|presented|presents|self-presented|brought|arrived|reports|reported|says|said|states|stated|phoned|rang|called|disclosed|admitted|collected|spoke|refused|declined|did not|didn't|does not|doesn't|failed to|has not|hasn't|DNA(?:'?d)?|missed|cancelled";
/**
 * A name heading a record: a capitalised word or an initial, perhaps a second word ("Kerry
 * BRENNAN", "Child B"), perhaps a note in brackets, then a colon or what they did. Case matters
 * here (a name has a capital), so this is not one of the rules' case-insensitive expressions.
 */
const NAME_HEAD = new RegExp(`^(\\p{Lu}\\p{Ll}[\\p{L}'’-]*|\\p{Lu})(?:\\s+(\\p{Lu}[\\p{L}'’-]*))?\\s*(?:\\([^)]{0,40}\\)\\s*)?(?::|\\s+(?:${PERSON_VERBS})\\b)`, 'u');
/** Generic words for a child that a label follows ("Child B", "Baby C"). */
const CHILD_WORD = /^(?:child|baby|infant)$/i;
/** After a role, what makes it the heading of a type: a dash, colon or bracket, or the type's end ("Mother - DNA", "Mother"; not "Mother and baby clinic"). */
const TYPE_HEAD_END = /^\s*(?:$|[-–—:(])/;

/**
 * What heads a record's text when it is someone other than the child: a role at its start
 * ("Mother:", "MUM ATTENDED", "Father seen") or a name that is not one of the child's, as a
 * heading ("Kerry:", "Sibling M:", "Child B:") or doing something ("Kerry attended"); undefined
 * when nobody else heads it. A summary composed from another column ("Action by DSL: …", flagged
 * no-summary) is read after its heading.
 */
function otherPersonHead(people: PeoplePatterns): (e: ChronologyEvent, isChild: (name: string) => boolean) => string | undefined {
  return (e, isChild) => {
    // A type headed by a role ("Mother - DNA", "Father: contact") says whom the record is about.
    if (e.type !== undefined) {
      const type = e.type.replace(LEADING_MARKS, '').slice(0, 80);
      const role = people.headRole.exec(type);
      if (role !== null && TYPE_HEAD_END.test(type.slice(role[0].length))) return role[0];
    }
    let head = e.summary.replace(LEADING_MARKS, '');
    if (e.flags.includes('no-summary')) head = head.replace(/^[^:]{1,60}:\s*/, '');
    head = head.slice(0, 80);
    const role = people.headRole.exec(head);
    if (role !== null) return role[0];
    const m = NAME_HEAD.exec(head);
    if (m === null) return undefined;
    const [, first, second] = m as unknown as [string, string, string | undefined];
    const full = second === undefined ? first : `${first} ${second}`;
    if (people.notName.test(first)) {
      // "Child B:" names a child, who is someone else unless the child's names include them.
      return second !== undefined && CHILD_WORD.test(first) && !isChild(full) ? full : undefined;
    }
    return isChild(first) || isChild(full) ? undefined : full;
  };
}

/** A rule ready to test: its expression compiled, the agencies it applies to worked out once. */
export interface CompiledRule<R extends RecordRule> {
  rule: R;
  /** null for `.`: the rule applies to every record of its agencies (and subjects). */
  match: RegExp | null;
  field: RuleField;
  /** By agency position (timeline.agencyOrder): 1 where the rule applies. */
  agencies: Uint8Array | null;
  subjects: RegExp | null;
  firstHand: boolean;
  /** Records whose `field` this matches are passed over (the rule's `exclude`), or null. */
  exclude: RegExp | null;
  /** The rule's key words (`words`): a record without them is not tried against `match`; or null. */
  words: RegExp | null;
}

/**
 * Rules compiled together with one expression that any of their patterns on the whole text would
 * match: most records match no rule, and one test of the combined expression says so where
 * testing every rule would cost one call each.
 */
export interface RuleSet<R extends RecordRule> {
  rules: Array<CompiledRule<R>>;
  /** The union of the text rules' patterns, or null when there is none or one cannot be combined (a backreference). */
  any: RegExp | null;
  /**
   * The same union, global, to find where any text rule's key words (or pattern) begin, and for
   * each text rule its place in `rules` and its words alone, sticky, tried where any begin: which
   * rules a record may meet, in one read (`heldWords`); null when `any` is.
   */
  find: { re: RegExp; rule: number[]; sticky: RegExp[] } | null;
}

export function compileRules<R extends RecordRule>(ctx: AnalysisContext, rules: readonly R[]): RuleSet<R> {
  const compiled = rules.map((rule) => ({
    rule,
    match: rule.match === '.' ? null : ctx.re(rule.match),
    field: rule.field ?? 'text',
    agencies: rule.agency === undefined ? null : Uint8Array.from(ctx.timeline.agencyOrder, (a) => (ctx.re(rule.agency!).test(a) ? 1 : 0)),
    subjects: rule.subjects === undefined ? null : ctx.re(rule.subjects),
    firstHand: rule.firstHand === true,
    exclude: rule.exclude === undefined ? null : ctx.re(rule.exclude),
    words: rule.words === undefined ? null : ctx.re(rule.words),
  }));
  // Only rules that read the whole text: a pattern anchored in a type or summary need not match
  // the text. A rule's key words stand for its pattern where it has them: they are cheaper to find.
  const textRules = compiled.flatMap((c, k) => (c.match === null || c.field !== 'text' ? [] : [k]));
  const patterns = textRules.map((k) => (compiled[k]!.words ?? compiled[k]!.match!).source);
  const combinable = patterns.length > 0 && patterns.every((p) => !/\\[1-9k]/.test(p));
  if (!combinable) return { rules: compiled, any: null, find: null };
  // Where every pattern begins at a word boundary, the boundary is tested once for them all (half the time of the union).
  const any = anyOf(patterns);
  return {
    rules: compiled,
    any,
    find: { re: new RegExp(any.source, 'gi'), rule: textRules, sticky: patterns.map((p) => new RegExp(p, 'iy')) },
  };
}

/**
 * Which of the set's text rules a record may meet, by their key words (or patterns), into `held`
 * (1 at a rule's place in the set, 0 elsewhere); false when it may meet none. One read of the
 * text by the union: wherever some rule's words begin, each rule not yet held is tried there.
 * `first`: the union's first match in the text (`find.re` run from the start), when already found.
 */
export function heldWords<R extends RecordRule>(ctx: AnalysisContext, set: RuleSet<R>, i: number, held: Uint8Array, first?: RegExpExecArray): boolean {
  held.fill(0);
  const find = set.find!;
  const text = ctx.text[i]!;
  let any = false;
  let left = find.rule.length;
  if (first === undefined) find.re.lastIndex = 0;
  for (let m = first ?? find.re.exec(text); m !== null && left > 0; m = find.re.exec(text)) {
    any = true;
    for (let n = 0; n < find.rule.length; n++) {
      const k = find.rule[n]!;
      if (held[k] === 1) continue;
      const sticky = find.sticky[n]!;
      sticky.lastIndex = m.index;
      if (sticky.test(text)) { held[k] = 1; left--; }
    }
    // The next place after this one's start: words may begin inside another's.
    find.re.lastIndex = m.index + 1;
  }
  return any;
}

/** Whether a record could meet any of the set's rules that read the whole text with a pattern. */
export function mayMatch<R extends RecordRule>(ctx: AnalysisContext, set: RuleSet<R>, i: number): boolean {
  return set.any === null || set.any.test(ctx.text[i]!);
}

/**
 * The rule (of the set) that a record meets first (its `match` and not its `exclude`), or
 * undefined. `may`: whether the record may meet any text rule, when already known; `held`: which
 * text rules it may meet by their key words (`heldWords`), when already known.
 */
export function firstRule<R extends RecordRule>(ctx: AnalysisContext, set: RuleSet<R>, i: number, may?: boolean, held?: Uint8Array): R | undefined {
  let any = may;
  for (let k = 0; k < set.rules.length; k++) {
    const c = set.rules[k]!;
    if (c.agencies !== null && c.agencies[ctx.agency[i]!] === 0) continue;
    // The text first: whom a record is about (and whether it reports another's) costs more to
    // learn than most patterns cost to test, and few records meet a rule's pattern.
    if (c.match !== null) {
      if (c.field === 'text') {
        if (held !== undefined) {
          if (held[k] === 0) continue;
        } else {
          if (!(any ??= mayMatch(ctx, set, i))) continue;
          if (c.words !== null && !c.words.test(ctx.text[i]!)) continue;
        }
        if (!c.match.test(ctx.text[i]!)) continue;
      } else {
        const text = ctx.fieldText(i, c.field);
        if ((c.words !== null && !c.words.test(text)) || !c.match.test(text)) continue;
      }
    }
    if (c.firstHand && ctx.isReport(i)) continue;
    if (c.subjects !== null && !ctx.isAbout(i, c.subjects)) continue;
    if (c.exclude === null || !c.exclude.test(ctx.fieldText(i, c.field))) return c.rule;
  }
  return undefined;
}

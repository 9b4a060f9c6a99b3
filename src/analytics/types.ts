/**
 * What `analyse` finds in a merged timeline. Every finding cites the events it rests on by id
 * (the merged timeline's ids, each traceable to its agency file and line). Dates are `yyyy-mm-dd`.
 */
import type { SeenDecision } from './rules.js';

export type GridPeriod = 'week' | 'month' | 'quarter';

/**
 * The version of the analysis JSON. A breaking change to its names bumps the major part; 1.1 adds
 * how the child's names were found (`child.found`, `child.confirmed`) and `provisional` gaps; 1.2
 * adds what each agency knew, and when (`knowledge`).
 */
export const ANALYSIS_FORMAT_VERSION = '1.2';

/**
 * How one of the child's names was found: `given` by the reviewer (--child); a word for the child
 * in the `rules`; inferred from a `subjects` column, a "Child X" label (`child-label`), or the name
 * records say was seen (`seen-records`).
 */
export type ChildNameSource = 'given' | 'rules' | 'subjects' | 'child-label' | 'seen-records';

export interface ChildName {
  name: string;
  how: ChildNameSource[];
  /** In words, with the counts behind it. */
  detail: string;
}

export interface GridCell {
  agency: string;
  period: string;
  count: number;
  /** Event types (the agency's own contact/event type column) and how many of each. */
  types: Record<string, number>;
  events: string[];
}

export interface InvolvementGrid {
  period: GridPeriod;
  periods: Array<{ period: string; from: string; to: string; agencies: string[]; count: number }>;
  agencies: Array<{ agency: string; count: number; first?: string; last?: string; firstEvent?: string; lastEvent?: string }>;
  cells: GridCell[];
  /** Events not counted in a period because their date is coarser than one (a month in a weekly grid) or unknown. */
  notPlaced: string[];
}

export interface Gap {
  /** The day of the event before the gap. */
  from: string;
  /** The day of the event after it. */
  to: string;
  /** Days between the two (to − from). */
  days: number;
  before: string;
  after: string;
  agency?: string;
  /** Events with only a week, month or year that may fall inside the gap. */
  uncertain?: string[];
  /** childNotSeen: the records inside the gap that say the child was not seen (no access, was not brought…). */
  notSeen?: string[];
  /** childNotSeen: true when the child's names were inferred, not given: the gap stands only if the names are right. */
  provisional?: boolean;
}

export interface Sighting {
  event: string;
  decision: SeenDecision;
  /** The rule that decided (rules.json `seen[].id`). */
  rule: string;
  /** False when the date is coarser than a day: the record is kept but cannot mark a day as seen. */
  onKnownDay: boolean;
}

export interface PatternFinding {
  rule: string;
  title: string;
  kind: 'repeat' | 'escalation' | 'threshold';
  events: string[];
  count: number;
  from: string;
  to: string;
  /** escalation: days between consecutive events and whether they shorten. */
  intervals?: number[];
  escalating?: boolean;
  /** threshold: the values found, event by event. */
  values?: Array<{ event: string; value: number }>;
}

export interface ReferralFinding {
  event: string;
  from: string;
  to: string;
  date: string;
  response?: string;
  days?: number;
  /** No response by the receiving agency within the rules' responseWithinDays. */
  noTimelyResponse: boolean;
}

export interface NetworkEdge {
  from: string;
  to: string;
  kind: 'shared' | 'referral' | 'meeting';
  count: number;
  events: string[];
}

export interface MeetingAbsence {
  link: string;
  meeting: string;
  date: string;
  recordedBy: string[];
  /** Agencies involved in the 90 days before the meeting that did not record it. */
  absent: string[];
}

export interface Network {
  /** graphology's export(): agencies as nodes, information passing as directed edges. */
  graph: { attributes: Record<string, unknown>; options: Record<string, unknown>; nodes: Array<{ key: string; attributes: Record<string, unknown> }>; edges: Array<{ key: string; source: string; target: string; attributes: Record<string, unknown> }> };
  edges: NetworkEdge[];
  absences: MeetingAbsence[];
}

export interface Episode {
  id: string;
  title: string;
  from: string;
  to: string;
  source: 'suggested' | 'user';
  agencies: string[];
  events: string[];
}

export type BalanceTag = 'good' | 'missed';
export type TagSource = 'agency' | 'user' | 'rule';

export interface BalanceCount { good: number; missed: number }

export interface Balance {
  tags: Array<{ event: string; tag: BalanceTag; by: TagSource }>;
  byAgency: Array<{ agency: string } & BalanceCount>;
  byEpisode: Array<{ episode: string } & BalanceCount>;
  total: BalanceCount;
}

export interface EventTiming {
  event: string;
  /** Age of the child at the event (when a date of birth is given), as a person says it. */
  age?: string;
  ageDays?: number;
  /** Days since the previous dated event. */
  sincePrevious?: number;
}

/** Why a record is an incident the review follows. */
export type IncidentReason =
  | { kind: 'refers-to'; link: string }
  | { kind: 'pattern'; rule: string }
  | { kind: 'tagged' };

export interface Incident {
  /** Its first record (in the merged order): the id every other part of `knowledge` uses for it. */
  id: string;
  /** Every record of it: a same-event group is one incident. */
  events: string[];
  /** The day it happened (its earliest record's day). */
  date: string;
  /** The agencies that recorded it. */
  agencies: string[];
  why: IncidentReason[];
}

/**
 * How a record shows an agency knew of an incident: it `recorded` it; a record of its own
 * `referred` to it; a record about it says it was `shared` with the agency (a referral, "shared
 * with", "copied to", a notification sent); or the agency recorded a multi-agency `meeting`
 * whose record says the incident was discussed.
 */
export type LearnedHow = 'recorded' | 'referred' | 'shared' | 'meeting';

export interface Learned {
  incident: string;
  agency: string;
  how: LearnedHow;
  /** The record that shows it. */
  record: string;
  /**
   * The day the agency knew it by: the record's day, or the last day of its week or month when the
   * record is dated only that finely (`exact` false: it knew at the latest then).
   */
  by: string;
  exact: boolean;
  /** Days from the incident to `by`. */
  days: number;
  /** shared or meeting: the receiving agency's own first record of or about the incident, if any. */
  acknowledged?: string;
}

export interface KnownIncident {
  incident: string;
  /** Days from the incident to the decision. */
  age: number;
  how: LearnedHow;
  record: string;
  /** The fact's `by`, and whether it is exact (`Learned`). */
  since: string;
  exact: boolean;
}

export interface UnknownIncident {
  incident: string;
  age: number;
  /** The agencies the records show knew of it by the decision, each since when and by which record. */
  knownTo: Array<{ agency: string; how: LearnedHow; record: string; since: string; exact: boolean }>;
}

export interface DecisionPoint {
  event: string;
  agency: string;
  /** The decision rule (rules.json `knowledge.decisions[].id`) and its title. */
  kind: string;
  title: string;
  date: string;
  /**
   * How many incidents on or before the decision's day the deciding agency is shown to have known
   * of by then, and how many it is not. Which they are, since when and who else knew:
   * `atDecision(knowledge, point)` (known.ts) (an incident is known at a decision when its agency's `learned`
   * fact is on or before the decision's day).
   */
  known: number;
  notKnown: number;
}

export interface AgencyKnowledge {
  agency: string;
  /** Incidents the agency is shown to have known of, and of those, how many it learned of from others. */
  known: number;
  learnedFromOthers: number;
  /** The median days from an incident recorded by others to the day this agency knew of it. */
  medianLag?: number;
  decisions: number;
  /** Incidents not shown as known to the agency at one or more of its decisions, though they had happened. */
  notKnownAtDecisions: string[];
}

export interface Knowledge {
  incidents: Incident[];
  /** For each incident, each agency's earliest fact; an agency without one is "not shown". */
  learned: Learned[];
  decisions: DecisionPoint[];
  agencies: AgencyKnowledge[];
  /** Incidents and decisions dated more coarsely than a day: not placed against each other. */
  notPlaced: string[];
}

export interface Analysis {
  version: string;
  /**
   * Who the child is: every name rules' `{child}` stood for, how each was found, and whether the
   * reviewer gave them (`confirmed`) or they were inferred from the returns.
   */
  child: { names: string[]; found: ChildName[]; confirmed: boolean; dob?: string };
  scope: { from?: string; to?: string };
  grid: InvolvementGrid;
  gaps: { overall: Gap[]; byAgency: Gap[]; childNotSeen: Gap[] };
  sightings: Sighting[];
  patterns: PatternFinding[];
  referrals: ReferralFinding[];
  network: Network;
  episodes: Episode[];
  balance: Balance;
  timing: EventTiming[];
  knowledge: Knowledge;
}

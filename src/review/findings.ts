/**
 * A review's findings and recommendations. A finding cites its evidence: records of the merged
 * chronology and causes of a cause graph. A recommendation is SMART (an owner agency, a measure
 * of success, a due date), aimed at the root causes it addresses, with its strength on RCA2's
 * hierarchy, and a status kept for "monitoring implementation across partnerships" (open, in
 * progress, evidenced, closed) whose every change is kept with its day, who made it and why.
 */
import { ThroughlineError } from '../model/errors.js';
import { ACTION_STRENGTHS, type ActionStrength } from '../rca/model.js';
import { parseDay } from '../ingest/arguments.js';

export const RECOMMENDATION_STATUSES = ['open', 'in progress', 'evidenced', 'closed'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export interface Finding { id: string; title: string; text: string; events: string[]; causes: string[] }

export interface StatusChange { status: RecommendationStatus; on: string; by: string; note: string }

export interface Recommendation {
  id: string;
  text: string;
  /** The agency that owns it. */
  owner: string;
  /** How the partnership will know it is done. */
  measure: string;
  /** yyyy-mm-dd. */
  due: string;
  /** Root causes (cause ids of the cause graph) it addresses. */
  rootCauses: string[];
  /** The findings it answers. */
  findings: string[];
  strength: ActionStrength;
  status: RecommendationStatus;
  /** Every status it has had, oldest first; the last is `status`. */
  history: StatusChange[];
}

export interface FindingsRecord { graph?: string; findings: Finding[]; recommendations: Recommendation[] }

/** What the findings claim that the chronology or the cause graph does not bear out, and plans that cannot work as written. */
export interface FindingsIssue {
  code: 'finding-without-evidence' | 'event-unknown' | 'cause-unknown' | 'not-a-root-cause' | 'root-cause-without-recommendation' | 'weaker-only' | 'overdue';
  item?: string;
  message: string;
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_TEXT = 20_000;

/**
 * Findings and recommendations from JSON, checked as a report author would check them: ids
 * unique, every recommendation SMART (owner, measure, due date as a person writes it) and aimed
 * at one root cause or more, a known strength and status, references to findings that exist. A
 * recommendation without history starts with one entry: its status on `today`, by `by`.
 */
export function validateFindings(value: unknown, name: string, today: string, by = 'imported'): FindingsRecord {
  const bad = (key: string, expected: string): ThroughlineError =>
    new ThroughlineError('findings-invalid', `${name}: "${key}" is invalid: expected ${expected}`, name);
  const object = (v: unknown, key: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(key, 'an object');
    return v as Record<string, unknown>;
  };
  const text = (v: unknown, key: string, what: string): string => {
    if (typeof v !== 'string' || v.trim() === '' || v.length > MAX_TEXT) throw bad(key, what);
    return v.trim();
  };
  const list = (v: unknown, key: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw bad(key, 'a list of ids');
    return [...new Set((v as string[]).map((x) => x.trim()).filter((x) => x !== ''))];
  };
  const id = (v: unknown, key: string, seen: Set<string>): string => {
    const s = text(v, key, 'an id of letters, digits, "_", "." or "-"');
    if (!ID.test(s)) throw bad(key, 'an id of letters, digits, "_", "." or "-"');
    if (seen.has(s)) throw bad(key, `an id not used twice ("${s}" is)`);
    seen.add(s);
    return s;
  };
  const root = object(value, '(root)');
  for (const k of Object.keys(root)) if (!['graph', 'findings', 'recommendations'].includes(k)) throw bad(k, 'one of graph, findings, recommendations');
  if (root.findings !== undefined && !Array.isArray(root.findings)) throw bad('findings', 'a list of { "id", "title", "text", "events", "causes" }');
  if (root.recommendations !== undefined && !Array.isArray(root.recommendations)) throw bad('recommendations', 'a list of { "id", "text", "owner", "measure", "due", "rootCauses", "strength", "status" }');
  const findingIds = new Set<string>();
  const findings = ((root.findings ?? []) as unknown[]).map((f, i): Finding => {
    const o = object(f, `findings[${i}]`);
    return {
      id: id(o.id, `findings[${i}].id`, findingIds),
      title: text(o.title, `findings[${i}].title`, 'a title'),
      text: typeof o.text === 'string' ? o.text.trim() : (() => { if (o.text !== undefined) throw bad(`findings[${i}].text`, 'text'); return ''; })(),
      events: list(o.events, `findings[${i}].events`),
      causes: list(o.causes, `findings[${i}].causes`),
    };
  });
  const recommendationIds = new Set<string>();
  const recommendations = ((root.recommendations ?? []) as unknown[]).map((r, i): Recommendation => {
    const o = object(r, `recommendations[${i}]`);
    const at = (k: string) => `recommendations[${i}].${k}`;
    const rid = id(o.id, at('id'), recommendationIds);
    const dueText = text(o.due, at('due'), 'a due date, e.g. 31/03/2027 (SMART: time-bound)');
    let due: string;
    try { due = parseDay(dueText, 'due'); } catch { throw bad(at('due'), `a single day, e.g. 31/03/2027, not "${dueText}"`); }
    const rootCauses = list(o.rootCauses, at('rootCauses'));
    if (rootCauses.length === 0) throw bad(at('rootCauses'), 'the root causes it addresses (one or more cause ids)');
    const linked = list(o.findings, at('findings'));
    for (const f of linked) if (!findingIds.has(f)) throw bad(at('findings'), `findings of this review (${[...findingIds].join(', ') || 'none yet'}), not "${f}"`);
    const strength = o.strength;
    if (typeof strength !== 'string' || !(ACTION_STRENGTHS as readonly string[]).includes(strength)) throw bad(at('strength'), `one of ${ACTION_STRENGTHS.join(', ')} (RCA2's hierarchy)`);
    const status = o.status === undefined ? 'open' : o.status;
    if (typeof status !== 'string' || !(RECOMMENDATION_STATUSES as readonly string[]).includes(status)) throw bad(at('status'), `one of ${RECOMMENDATION_STATUSES.join(', ')}`);
    const history = o.history === undefined ? [{ status: status as RecommendationStatus, on: today, by, note: 'recorded' }] : readHistory(o.history, at('history'), bad);
    if (history.length === 0 || history[history.length - 1]!.status !== status) throw bad(at('history'), `a history whose last status is the recommendation's own ("${status}")`);
    return {
      id: rid, text: text(o.text, at('text'), 'what is recommended'),
      owner: text(o.owner, at('owner'), 'the agency that owns it (SMART: an owner)'),
      measure: text(o.measure, at('measure'), 'how success will be measured (SMART: measurable)'),
      due, rootCauses, findings: linked, strength: strength as ActionStrength, status: status as RecommendationStatus, history,
    };
  });
  const graph = typeof root.graph === 'string' && root.graph.trim() !== '' ? root.graph.trim() : undefined;
  if (root.graph !== undefined && root.graph !== null && typeof root.graph !== 'string') throw bad('graph', 'the id of the cause analysis the causes belong to');
  return { ...(graph ? { graph } : {}), findings, recommendations };
}

function readHistory(value: unknown, key: string, bad: (key: string, expected: string) => ThroughlineError): StatusChange[] {
  if (!Array.isArray(value)) throw bad(key, 'a list of { "status", "on", "by", "note" }');
  let last = '';
  return value.map((h, i) => {
    if (typeof h !== 'object' || h === null) throw bad(`${key}[${i}]`, 'an object');
    const o = h as Record<string, unknown>;
    if (typeof o.status !== 'string' || !(RECOMMENDATION_STATUSES as readonly string[]).includes(o.status)) throw bad(`${key}[${i}].status`, `one of ${RECOMMENDATION_STATUSES.join(', ')}`);
    if (typeof o.on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.on) || o.on < last) throw bad(`${key}[${i}].on`, 'a day (yyyy-mm-dd), not before the one above it');
    last = o.on;
    return { status: o.status as RecommendationStatus, on: o.on, by: typeof o.by === 'string' ? o.by : '', note: typeof o.note === 'string' ? o.note : '' };
  });
}

/**
 * A recommendation's status changed on `on` by `by`, with why: a new record, the old one
 * untouched. Closing needs the implementation evidenced first, and evidencing needs a note saying
 * what the evidence is; a status is never changed to itself.
 */
export function changeStatus(r: Recommendation, status: RecommendationStatus, change: { on: string; by: string; note: string }): Recommendation {
  const refuse = (why: string) => new ThroughlineError('status-change-invalid', `recommendation ${r.id}: ${why}`);
  if (!(RECOMMENDATION_STATUSES as readonly string[]).includes(status)) throw refuse(`"${status}" is not a status: expected one of ${RECOMMENDATION_STATUSES.join(', ')}`);
  if (status === r.status) throw refuse(`it is already ${status}`);
  if (status === 'closed' && r.status !== 'evidenced') throw refuse(`it can be closed only once its implementation is evidenced (it is ${r.status})`);
  const note = change.note.trim();
  if (status === 'evidenced' && note === '') throw refuse('say what evidences its implementation');
  const last = r.history[r.history.length - 1];
  if (last && change.on < last.on) throw refuse(`the change (${change.on}) is before its last one (${last.on})`);
  return { ...r, status, history: [...r.history, { status, on: change.on, by: change.by, note }] };
}

/**
 * What the findings claim that the chronology or the cause graph does not bear out, and plans
 * that cannot work as written: a finding with no evidence, evidence not in the chronology or the
 * graph, a recommendation aimed at a cause that is not a root cause, a root cause no
 * recommendation addresses, a plan of weaker actions only (RCA2: the least effective), and a
 * recommendation past its due day and not yet evidenced.
 */
export function checkFindings(record: FindingsRecord, known: { events?: ReadonlySet<string>; causes?: ReadonlySet<string>; rootCauses?: ReadonlySet<string>; today?: string } = {}): FindingsIssue[] {
  const issues: FindingsIssue[] = [];
  for (const f of record.findings) {
    if (f.events.length === 0 && f.causes.length === 0) issues.push({ code: 'finding-without-evidence', item: f.id, message: `finding ${f.id} cites no record of the chronology and no cause` });
    if (known.events) for (const e of f.events) if (!known.events.has(e)) issues.push({ code: 'event-unknown', item: f.id, message: `finding ${f.id} cites ${e}, which is not a record of the merged chronology` });
    if (known.causes) for (const c of f.causes) if (!known.causes.has(c)) issues.push({ code: 'cause-unknown', item: f.id, message: `finding ${f.id} cites cause ${c}, which the cause graph does not hold` });
  }
  for (const r of record.recommendations) {
    for (const c of r.rootCauses) {
      if (known.causes && !known.causes.has(c)) issues.push({ code: 'cause-unknown', item: r.id, message: `recommendation ${r.id} addresses cause ${c}, which the cause graph does not hold` });
      else if (known.rootCauses && !known.rootCauses.has(c)) issues.push({ code: 'not-a-root-cause', item: r.id, message: `recommendation ${r.id} addresses ${c}, which is not a root cause (it is aimed at a symptom)` });
    }
    if (known.today && r.due < known.today && (r.status === 'open' || r.status === 'in progress')) {
      issues.push({ code: 'overdue', item: r.id, message: `recommendation ${r.id} was due on ${r.due} and is ${r.status}` });
    }
  }
  if (known.rootCauses) {
    const addressed = new Set(record.recommendations.flatMap((r) => r.rootCauses));
    for (const c of [...known.rootCauses].sort()) if (!addressed.has(c)) issues.push({ code: 'root-cause-without-recommendation', item: c, message: `root cause ${c} has no recommendation aimed at it` });
  }
  if (record.recommendations.length > 0 && record.recommendations.every((r) => r.strength === 'weaker')) {
    issues.push({ code: 'weaker-only', message: `all ${record.recommendations.length} recommendations are weaker actions (training, policy, warnings): add a stronger or intermediate one` });
  }
  return issues;
}

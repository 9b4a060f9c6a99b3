/**
 * The Salford Case Discussion Tool's record: five stages worked side by side, from the facts to
 * what needs to happen next, each keeping "what worked well" beside "what we are worried about"
 * (the tool is strengths-based). The facts are records of the merged chronology, cited by id; the
 * simple root cause analysis is a problem tree (trunk, roots, branches) whose roots may be causes
 * of a cause graph; each action of the last stage is aimed at roots of the tree.
 *
 * The official stage labels and prompts are not confirmed, so they are configurable: the defaults
 * follow ../DOMAIN.md's description of the tool.
 */
import { ThroughlineError } from '../model/errors.js';

export const SALFORD_STAGES = ['facts', 'feelings', 'hypotheses', 'rca', 'next'] as const;
export type SalfordStageId = (typeof SALFORD_STAGES)[number];

export interface StageWording { label: string; prompt: string }

export const DEFAULT_STAGE_WORDING: Readonly<Record<SalfordStageId, StageWording>> = {
  facts: { label: 'The facts', prompt: 'What do we know happened? Cite the records of the merged chronology; keep opinion out.' },
  feelings: { label: 'Initial thoughts and feelings', prompt: 'What were your first thoughts and feelings about the case, and the family\'s?' },
  hypotheses: { label: 'Hypotheses', prompt: 'What might explain what happened? Each is an idea to test, not a finding.' },
  rca: { label: 'Simple root cause analysis', prompt: 'The problem tree: the problem is the trunk, its causes the roots, its consequences the branches.' },
  next: { label: 'What needs to happen next', prompt: 'Which actions, by whom and by when, aimed at which root causes?' },
};

/** Both sides of a stage, as the tool asks: what worked well, what we are worried about. */
export interface StageNotes { workedWell: string[]; worried: string[] }

export interface SalfordAction { text: string; owner?: string; due?: string; roots: string[] }

export interface SalfordRecord {
  /** The wording of each stage; a stage not given keeps the default. */
  wording: Record<SalfordStageId, StageWording>;
  stages: Record<SalfordStageId, StageNotes>;
  /** The facts: records of the merged chronology, by event id. */
  facts: string[];
  hypotheses: string[];
  /** The problem tree; a root is a cause of the cause graph (by id) or words of the group's own. */
  tree: { graph?: string; problem: string; roots: Array<{ id: string; text: string; cause?: string }>; branches: string[] };
  actions: SalfordAction[];
}

export function emptySalfordRecord(): SalfordRecord {
  const stages = Object.fromEntries(SALFORD_STAGES.map((s) => [s, { workedWell: [], worried: [] }])) as unknown as Record<SalfordStageId, StageNotes>;
  return { wording: { ...DEFAULT_STAGE_WORDING }, stages, facts: [], hypotheses: [], tree: { problem: '', roots: [], branches: [] }, actions: [] };
}

/** Something a Salford record says that the chronology or the cause graph does not bear out; `stage` says where (the page and the report put the stage's label before the message). */
export interface SalfordIssue { code: 'fact-unknown' | 'cause-unknown' | 'action-without-root' | 'root-without-action' | 'stage-one-sided'; stage: SalfordStageId; message: string }

const MAX_TEXT = 20_000;

/**
 * A Salford record from JSON, checked for shape: every stage's notes lists of text, facts event
 * ids, the tree's roots each with an id, every action aimed at at least one of them. `name` names
 * the source in every message. Missing parts are empty; wording not given is the default.
 */
export function validateSalfordRecord(value: unknown, name: string): SalfordRecord {
  const bad = (key: string, expected: string): ThroughlineError =>
    new ThroughlineError('salford-invalid', `${name}: "${key}" is invalid: expected ${expected}`, name);
  const object = (v: unknown, key: string): Record<string, unknown> => {
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(key, 'an object');
    return v as Record<string, unknown>;
  };
  const text = (v: unknown, key: string, optional = false): string => {
    if (v === undefined && optional) return '';
    if (typeof v !== 'string' || v.length > MAX_TEXT) throw bad(key, `text of at most ${MAX_TEXT} characters`);
    return v;
  };
  const texts = (v: unknown, key: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw bad(key, 'a list of text');
    return v.map((x, i) => text(x, `${key}[${i}]`)).map((x) => x.trim()).filter((x) => x !== '');
  };
  const root = object(value, '(root)');
  const known = new Set(['wording', 'stages', 'facts', 'hypotheses', 'tree', 'actions']);
  for (const k of Object.keys(root)) if (!known.has(k)) throw bad(k, `one of ${[...known].join(', ')}`);
  const record = emptySalfordRecord();
  const wording = object(root.wording, 'wording');
  const stages = object(root.stages, 'stages');
  for (const k of [...Object.keys(wording), ...Object.keys(stages)]) {
    if (!(SALFORD_STAGES as readonly string[]).includes(k)) throw bad(Object.hasOwn(wording, k) ? `wording.${k}` : `stages.${k}`, `a stage: ${SALFORD_STAGES.join(', ')}`);
  }
  for (const s of SALFORD_STAGES) {
    const w = object(wording[s], `wording.${s}`);
    const label = text(w.label, `wording.${s}.label`, true).trim();
    const prompt = text(w.prompt, `wording.${s}.prompt`, true).trim();
    record.wording[s] = { label: label || DEFAULT_STAGE_WORDING[s].label, prompt: prompt || DEFAULT_STAGE_WORDING[s].prompt };
    const n = object(stages[s], `stages.${s}`);
    record.stages[s] = { workedWell: texts(n.workedWell, `stages.${s}.workedWell`), worried: texts(n.worried, `stages.${s}.worried`) };
  }
  record.facts = [...new Set(texts(root.facts, 'facts'))];
  record.hypotheses = texts(root.hypotheses, 'hypotheses');
  const tree = object(root.tree, 'tree');
  const graph = tree.graph === undefined || tree.graph === null ? undefined : text(tree.graph, 'tree.graph').trim() || undefined;
  if (tree.roots !== undefined && !Array.isArray(tree.roots)) throw bad('tree.roots', 'a list of { "id", "text", "cause"? }');
  const roots = ((tree.roots ?? []) as unknown[]).map((r, i) => {
    const o = object(r, `tree.roots[${i}]`);
    const id = text(o.id, `tree.roots[${i}].id`).trim();
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw bad(`tree.roots[${i}].id`, 'an id of letters, digits, "_", "." or "-"');
    const cause = o.cause === undefined || o.cause === null ? undefined : text(o.cause, `tree.roots[${i}].cause`).trim() || undefined;
    return { id, text: text(o.text, `tree.roots[${i}].text`, true).trim(), ...(cause ? { cause } : {}) };
  });
  const ids = new Set<string>();
  roots.forEach((r, i) => {
    if (ids.has(r.id)) throw bad(`tree.roots[${i}].id`, `an id not used by another root ("${r.id}" is)`);
    if (r.text === '' && !r.cause) throw bad(`tree.roots[${i}]`, 'a root\'s words or the cause it is in the cause graph');
    ids.add(r.id);
  });
  record.tree = { ...(graph ? { graph } : {}), problem: text(tree.problem, 'tree.problem', true).trim(), roots, branches: texts(tree.branches, 'tree.branches') };
  if (root.actions !== undefined && !Array.isArray(root.actions)) throw bad('actions', 'a list of { "text", "owner"?, "due"?, "roots" }');
  record.actions = ((root.actions ?? []) as unknown[]).map((a, i) => {
    const o = object(a, `actions[${i}]`);
    const t = text(o.text, `actions[${i}].text`).trim();
    if (t === '') throw bad(`actions[${i}].text`, 'what needs to happen');
    const aimed = texts(o.roots, `actions[${i}].roots`);
    for (const r of aimed) if (!ids.has(r)) throw bad(`actions[${i}].roots`, `roots of the problem tree (${[...ids].join(', ') || 'none yet'}), not "${r}"`);
    const owner = o.owner === undefined ? '' : text(o.owner, `actions[${i}].owner`).trim();
    const due = o.due === undefined ? '' : text(o.due, `actions[${i}].due`).trim();
    return { text: t, ...(owner ? { owner } : {}), ...(due ? { due } : {}), roots: aimed };
  });
  return record;
}

/**
 * What the record claims that the chronology or the cause graph does not bear out: facts that
 * are not records of the chronology, roots naming causes the graph lacks, actions aimed at no
 * root, and stages with one side only (the tool asks for both; said, not refused).
 */
export function checkSalfordRecord(record: SalfordRecord, known: { events?: ReadonlySet<string>; causes?: ReadonlySet<string> } = {}): SalfordIssue[] {
  const issues: SalfordIssue[] = [];
  if (known.events) {
    for (const id of record.facts) if (!known.events.has(id)) issues.push({ code: 'fact-unknown', stage: 'facts', message: `the fact ${id} is not a record of the merged chronology` });
  }
  if (known.causes) {
    for (const r of record.tree.roots) {
      if (r.cause !== undefined && !known.causes.has(r.cause)) issues.push({ code: 'cause-unknown', stage: 'rca', message: `root ${r.id} names cause ${r.cause}, which the cause graph does not hold` });
    }
  }
  record.actions.forEach((a, i) => {
    if (a.roots.length === 0) issues.push({ code: 'action-without-root', stage: 'next', message: `action ${i + 1} ("${a.text}") is aimed at no root cause` });
  });
  const aimed = new Set(record.actions.flatMap((a) => a.roots));
  for (const r of record.tree.roots) {
    if (!aimed.has(r.id)) issues.push({ code: 'root-without-action', stage: 'next', message: `root ${r.id} has no action aimed at it` });
  }
  for (const s of SALFORD_STAGES) {
    const n = record.stages[s];
    if ((n.workedWell.length === 0) !== (n.worried.length === 0)) {
      issues.push({ code: 'stage-one-sided', stage: s, message: `only "${n.workedWell.length === 0 ? 'what we are worried about' : 'what worked well'}" is written; the tool keeps both sides` });
    }
  }
  return issues;
}

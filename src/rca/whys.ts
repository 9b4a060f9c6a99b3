/**
 * Why-chain text → cause graph: a root cause analysis an investigator can type in any editor,
 * one statement a line, indentation asking "why?". Mistakes come back as RcaIssues with the line
 * number; everything readable is still in the graph, so one typo does not lose the analysis.
 *
 * The format (copied into the README):
 *
 *   # Child L — why did the head injury happen?
 *   problem P1: Child L suffered a serious head injury (25/11/2022)
 *     why c1: Escalating domestic abuse was not assessed as a whole (multi-agency working) [evidence: police-4, police-5]
 *       why c2: Each call-out was screened on its own (agency systems) [evidence: csc-case-notes-36]
 *         why: The contact screen shows only the current incident (agency systems)
 *           !action: Show the 12-month incident history on the contact screen {owner: CSC, due: 31/03/2023, strength: stronger, status: agreed}
 *       and c3: No strategy discussion after the fourth call-out (policy & procedure) {type: failure-to-act, duty: Working Together 2018}
 *       @c7
 *
 * Lines (keywords are case-insensitive; blank lines are ignored):
 *   problem [KEY]: text    A problem (the incident or outcome). Outermost level; more than one allowed.
 *   why [KEY]: text        A cause of the nearest less-indented line above it (a problem or a cause).
 *   and [KEY]: text        As `why`, and it acts only together with the previous `why`/`and`/`@`
 *                          line under the same parent: an AND-group, named after its first member.
 *   @KEY  or  and @KEY     The cause KEY, written elsewhere in the file (above or below), is also a
 *                          cause here: one cause with two paths to the problem.
 *   !action [KEY]: text    An action (recommendation) addressing the cause it is indented under.
 *   # text                 A comment (a whole line). The first comment above the first statement
 *                          is the graph's title.
 *
 * Indentation is spaces; a tab counts as 2 spaces (a file mixing both gets a warning). Only depth
 * compared with the lines above matters: a line belongs to the nearest line above it that is less
 * indented. Nothing may be indented under an action or an `@` reference.
 *
 * Keys are letters, digits, `-`, `_` and `.`, e.g. `c1`, `P1`, `police-triage`. A line without a
 * key gets the next free automatic key in line order: `p1, p2…` for problems, `c1, c2…` for causes,
 * `a1, a2…` for actions, skipping every key written anywhere in the file. Keys are case-sensitive
 * in references, but two keys that differ only in case are a duplicate.
 *
 * At the end of a `why` or `and` line, after the statement, in any order:
 *   (category)             The fishbone category, e.g. (policy & procedure): the last bracketed
 *                          words of the statement. `()` means none, so a statement can end with
 *                          a bracketed note: `…was asleep (mother's account) ()`.
 *   [evidence: id, id]     Chronology event ids supporting the cause (separated by , ; or spaces).
 *                          One evidence node per id, `ev:ID`, shared by every cause citing it.
 *   [refutes: id …]        Event ids that count against the cause (same nodes, a refutes edge;
 *                          an id cannot both support and refute one cause).
 *   [document: ref; ref]   Document references, separated by `;`; nodes `doc:REF`.
 *   {type: …, duty: …}     type: condition, action, human-error, procedure-violation or
 *                          failure-to-act (others are kept, with a warning); duty: the duty that
 *                          makes a failure to act causal. A value runs to the next comma that
 *                          is followed by `word:`, so it may itself contain commas.
 * An action line takes {owner: …, due: …, strength: stronger | intermediate | weaker, status: …}.
 * A problem takes none of these; a bracketed ending on a problem or action is part of its text.
 * `[` and `{` always start one of these annotations, so they cannot appear in a statement; every
 * bracket must be closed by its own kind.
 */
import { ACTION_STRENGTHS, CauseGraphBuilder, type ActionAttributes, type ActionStrength, type CauseAttributes, type CauseGraph } from './model.js';
import type { RcaIssue, ReadGraph } from './issues.js';

/** A graph read from a file, with the line (or CSV row) each node was first written on. */
export interface SourcedGraph extends ReadGraph<CauseGraph> {
  lines: Record<string, number>;
}

/** Columns a tab stands for. */
export const TAB_WIDTH = 2;
/** Cause types the causal-statement rules know about; others are kept with a warning. */
export const CAUSE_TYPES = ['condition', 'action', 'human-error', 'procedure-violation', 'failure-to-act'] as const;
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const CAUSE_ATTRIBUTES = ['type', 'duty'] as const;
const ACTION_ATTRIBUTES = ['owner', 'due', 'strength', 'status'] as const;
const TAGS = ['evidence', 'refutes', 'document'] as const;
type Tag = (typeof TAGS)[number];
const AUTO_PREFIX = { problem: 'p', cause: 'c', action: 'a' } as const;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

const STATEMENT_LINE = /^(problem|why|and|!action)(?=[\s:])\s*([^:]*?)\s*:(.*)$/i;
const REFERENCE_LINE = /^(and\s+)?@(.*)$/i;
const KEYWORD_ONLY = /^(problem|why|and|!action)\b/i;

export const evidenceKey = (id: string): string => `ev:${id}`;
export const documentKey = (ref: string): string => `doc:${ref}`;

/** Event ids in a cell or bracket: separated by commas, semicolons or white space. */
export function splitIds(text: string): string[] {
  return text.split(/[\s,;]+/).filter((id) => id !== '');
}

/** Would an edge source → target close a loop (is source already reachable from target)? */
export function wouldCycle(graph: CauseGraph, source: string, target: string): boolean {
  if (source === target) return true;
  const seen = new Set<string>([target]);
  const stack = [target];
  while (stack.length > 0) {
    for (const next of graph.outNeighbors(stack.pop()!)) {
      if (next === source) return true;
      if (!seen.has(next)) { seen.add(next); stack.push(next); }
    }
  }
  return false;
}

type LineKind = 'problem' | 'why' | 'and' | 'reference' | 'action' | 'unreadable';
type NodeRole = 'problem' | 'cause' | 'action';

interface Annotations {
  category?: string;
  evidence: string[];
  refutes: string[];
  documents: string[];
  attributes: Map<string, string>;
}

interface ParsedLine extends Annotations {
  line: number;
  indent: number;
  kind: LineKind;
  /** The key as written, when it is a usable one. */
  key?: string;
  label: string;
  /** For `@` lines: the cause referred to. */
  target?: string;
}

const roleOf = (kind: LineKind): NodeRole | undefined =>
  kind === 'problem' ? 'problem' : kind === 'why' || kind === 'and' ? 'cause' : kind === 'action' ? 'action' : undefined;

class IssueList {
  readonly items: RcaIssue[] = [];
  error(code: string, line: number | undefined, message: string, nodes?: string[]): void { this.add('error', code, line, message, nodes); }
  warning(code: string, line: number | undefined, message: string, nodes?: string[]): void { this.add('warning', code, line, message, nodes); }
  private add(severity: RcaIssue['severity'], code: string, line: number | undefined, message: string, nodes?: string[]): void {
    const issue: RcaIssue = { severity, code, message };
    if (line !== undefined) issue.line = line;
    if (nodes !== undefined) issue.nodes = nodes;
    this.items.push(issue);
  }
}

/** Reads a why-chain. Never throws for a malformed file: every problem is an issue with its line. */
export function readWhyChain(text: string, file = 'chain.txt'): SourcedGraph {
  const issues = new IssueList();
  const { lines, title } = lexLines(text, issues);
  const keys = assignKeys(lines, issues);
  const builder = new CauseGraphBuilder(title);
  const sourceLines: Record<string, number> = {};
  buildGraph(lines, keys, builder, sourceLines, issues);
  if (!lines.some((l) => l.kind === 'problem') && !issues.items.some((i) => i.code === 'whys-no-problem')) {
    issues.error('whys-no-problem', undefined, `${file} has no problem line: start the chain with "problem: what happened"`);
  }
  // In line order (a stable sort), so a reader can work down the file; whole-file issues last.
  const byLine = issues.items.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  return { graph: builder.graph, issues: byLine, lines: sourceLines };
}

// ---------------------------------------------------------------------------------------------
// Lines → parsed statements

function lexLines(text: string, issues: IssueList): { lines: ParsedLine[]; title: string | undefined } {
  const parsed: ParsedLine[] = [];
  let title: string | undefined;
  let firstTab: number | undefined;
  let firstSpace: number | undefined;
  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const { indent, width, tabs, spaces } = measureIndent(raw);
    const rest = raw.slice(width).trimEnd();
    if (rest === '') return;
    if (rest.startsWith('#')) {
      const comment = rest.slice(1).trim();
      if (parsed.length === 0 && title === undefined && comment !== '') title = comment;
      return;
    }
    if (tabs && firstTab === undefined) firstTab = line;
    if (spaces && firstSpace === undefined) firstSpace = line;
    parsed.push(parseLine(rest, line, indent, width, issues));
  });
  if (firstTab !== undefined && firstSpace !== undefined) {
    issues.warning('whys-mixed-indent', Math.max(firstTab, firstSpace),
      `the indentation mixes tabs (first on line ${firstTab}) and spaces (first on line ${firstSpace}); a tab counts as ${TAB_WIDTH} spaces, so check that each line sits under the line you meant`);
  }
  return { lines: parsed, title };
}

function measureIndent(raw: string): { indent: number; width: number; tabs: boolean; spaces: boolean } {
  let indent = 0;
  let width = 0;
  let tabs = false;
  let spaces = false;
  for (; width < raw.length; width++) {
    const c = raw[width];
    if (c === '\t') { indent += TAB_WIDTH; tabs = true; } else if (c === ' ' || c === '\u00a0') { indent += 1; spaces = true; } else break;
  }
  return { indent, width, tabs, spaces };
}

function emptyLine(line: number, indent: number, kind: LineKind, label = ''): ParsedLine {
  return { line, indent, kind, label, evidence: [], refutes: [], documents: [], attributes: new Map() };
}

function parseLine(rest: string, line: number, indent: number, offset: number, issues: IssueList): ParsedLine {
  const reference = REFERENCE_LINE.exec(rest);
  if (reference) {
    const target = reference[2]!.trim();
    const parsed = emptyLine(line, indent, 'reference');
    if (!KEY_PATTERN.test(target)) {
      issues.error('whys-bad-reference', line, target === ''
        ? 'an "@" must be followed by the key of a cause, e.g. @c7'
        : `"@${target}" is not a reference: write @ and the key of a cause alone on the line, e.g. @c7`);
      return parsed;
    }
    parsed.target = target;
    if (reference[1]) parsed.attributes.set('and', 'and');
    return parsed;
  }
  const match = STATEMENT_LINE.exec(rest);
  if (!match) {
    const keyword = KEYWORD_ONLY.exec(rest)?.[1];
    issues.error('whys-syntax', line, keyword
      ? `"${keyword}" needs a colon before its statement, e.g. "${keyword.toLowerCase()} c1: statement"`
      : `expected a line starting "problem:", "why:", "and:", "@key" or "!action:", found "${truncate(rest)}"`);
    return emptyLine(line, indent, 'unreadable');
  }
  const kind = match[1]!.toLowerCase().replace('!', '') as 'problem' | 'why' | 'and' | 'action';
  const parsed = emptyLine(line, indent, kind);
  const key = match[2]!;
  if (key !== '') {
    if (KEY_PATTERN.test(key)) parsed.key = key;
    else issues.error('whys-bad-key', line, `"${key}" cannot be a key: use letters, digits, "-", "_" or "." with no spaces (e.g. c1); an automatic key was used`);
  }
  const body = match[3]!;
  const bodyColumn = offset + rest.length - body.length + 1;
  Object.assign(parsed, parseBody(body, bodyColumn, kind, line, issues));
  if (parsed.label === '') issues.error('whys-empty-statement', line, `this ${kind === 'action' ? 'action' : kind} has no statement after the colon`);
  return parsed;
}

const truncate = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n)}…` : s);

interface Group { open: string; start: number; end: number; inner: string }

/** Top-level bracket groups of the body, and where the readable part ends (at a bracket error). */
function scanBrackets(body: string, column: number, line: number, issues: IssueList): { groups: Group[]; cut: number } {
  const groups: Group[] = [];
  const open: Array<{ ch: string; at: number }> = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c in OPENERS) { open.push({ ch: c, at: i }); continue; }
    if (!CLOSERS.has(c)) continue;
    const top = open.pop();
    if (!top) {
      issues.error('whys-brackets', line, `the "${c}" at column ${column + i} closes nothing; the rest of the line was ignored`);
      return { groups, cut: i };
    }
    if (OPENERS[top.ch] !== c) {
      issues.error('whys-brackets', line, `the "${top.ch}" at column ${column + top.at} is closed by "${c}" at column ${column + i}; the rest of the line was ignored`);
      return { groups: groups.filter((g) => g.end < top.at), cut: open.length > 0 ? open[0]!.at : top.at };
    }
    if (open.length === 0) groups.push({ open: top.ch, start: top.at, end: i, inner: body.slice(top.at + 1, i) });
  }
  if (open.length > 0) {
    const first = open[0]!;
    issues.error('whys-brackets', line, `the "${first.ch}" at column ${column + first.at} is never closed; the rest of the line was ignored`);
    return { groups, cut: first.at };
  }
  return { groups, cut: body.length };
}

function parseBody(body: string, column: number, kind: 'problem' | 'why' | 'and' | 'action', line: number, issues: IssueList): Annotations & { label: string } {
  const result: Annotations & { label: string } = { label: '', evidence: [], refutes: [], documents: [], attributes: new Map() };
  const { groups, cut } = scanBrackets(body, column, line, issues);
  const firstAnnotation = groups.find((g) => g.open !== '(');
  let statement = body.slice(0, firstAnnotation ? firstAnnotation.start : cut);
  const categories: Array<{ text: string; at: number }> = [];
  const takesCategory = kind === 'why' || kind === 'and';
  if (takesCategory) {
    const trimmed = statement.trimEnd();
    const last = groups.find((g) => g.open === '(' && g.end === trimmed.length - 1);
    if (last) {
      categories.push({ text: last.inner, at: last.start });
      statement = statement.slice(0, last.start);
    }
  }
  result.label = statement.trim().replace(/\s+/g, ' ');
  if (!firstAnnotation) return finishCategory(result, categories, column, line, issues);

  // After the statement: only annotations and white space.
  let position = firstAnnotation.start;
  for (const g of groups.filter((x) => x.start >= firstAnnotation.start)) {
    const between = body.slice(position, g.start).trim();
    if (between !== '') issues.error('whys-text-after-annotation', line, `"${truncate(between)}" comes after a [ ] or { } annotation: write the statement first and the brackets at the end of the line; the text was ignored`);
    position = g.end + 1;
    if (g.open === '(') {
      if (takesCategory) categories.push({ text: g.inner, at: g.start });
      else issues.error('whys-misplaced', line, `${kind === 'action' ? 'an action' : 'a problem'} has no category; "(${truncate(g.inner)})" after its annotations was ignored`);
    } else if (g.open === '[') readTag(g, kind, column, line, result, issues);
    else readAttributes(g.inner, kind, line, result, issues);
  }
  const tail = body.slice(position, cut).trim();
  if (tail !== '') issues.error('whys-text-after-annotation', line, `"${truncate(tail)}" comes after a [ ] or { } annotation: write the statement first and the brackets at the end of the line; the text was ignored`);
  return finishCategory(result, categories, column, line, issues);
}

function finishCategory(result: Annotations & { label: string }, categories: Array<{ text: string; at: number }>, column: number, line: number, issues: IssueList): Annotations & { label: string } {
  const named = categories.map((c) => ({ ...c, text: c.text.trim().replace(/\s+/g, ' ') })).filter((c) => c.text !== '');
  if (named.length > 1) {
    issues.error('whys-two-categories', line, `a cause has one category, but "(${named[0]!.text})" and "(${named[1]!.text})" (column ${column + named[1]!.at}) were both given; the first was kept`);
  }
  if (named.length > 0) result.category = named[0]!.text;
  return result;
}

function readTag(group: Group, kind: string, column: number, line: number, result: Annotations, issues: IssueList): void {
  const m = /^\s*([A-Za-z-]+)\s*:([\s\S]*)$/.exec(group.inner);
  const tag = m?.[1]!.toLowerCase();
  if (!m || !(TAGS as readonly string[]).includes(tag!)) {
    issues.error('whys-unknown-tag', line, m
      ? `unknown annotation "[${m[1]}: …]" at column ${column + group.start}: expected [evidence: …], [refutes: …] or [document: …]`
      : `"[${truncate(group.inner)}]" at column ${column + group.start} needs a label: write [evidence: ids], [refutes: ids] or [document: reference]`);
    return;
  }
  if (kind !== 'why' && kind !== 'and') {
    issues.error('whys-misplaced', line, `[${tag}: …] can only be given for a cause; evidence supports or refutes a cause, not ${kind === 'action' ? 'an action' : 'a problem'}`);
    return;
  }
  const value = m[2]!.trim();
  const values = tag === 'document' ? value.split(';').map((s) => s.trim()).filter((s) => s !== '') : splitIds(value);
  if (values.length === 0) {
    issues.error('whys-empty-annotation', line, `[${tag}: ] at column ${column + group.start} is empty`);
    return;
  }
  const into: Record<Tag, string[]> = { evidence: result.evidence, refutes: result.refutes, document: result.documents };
  into[tag as Tag].push(...values);
}

function readAttributes(inner: string, kind: string, line: number, result: Annotations, issues: IssueList): void {
  const allowed: readonly string[] = kind === 'action' ? ACTION_ATTRIBUTES : kind === 'problem' ? [] : CAUSE_ATTRIBUTES;
  // "key: value" pairs; a piece without a colon continues the value before it ("duty: WT 2018, ch. 1").
  const pairs: Array<[string, string]> = [];
  for (const piece of inner.split(',')) {
    const m = /^\s*([A-Za-z][A-Za-z-]*)\s*:([\s\S]*)$/.exec(piece);
    if (m) pairs.push([m[1]!, m[2]!]);
    else if (pairs.length > 0) pairs[pairs.length - 1]![1] += `,${piece}`;
    else if (piece.trim() !== '') {
      issues.error('whys-bad-attribute', line, `"{${truncate(inner)}}" should be "key: value" pairs separated by commas, e.g. {type: condition}`);
      return;
    }
  }
  for (const [rawKey, rawValue] of pairs) {
    const key = rawKey.toLowerCase();
    const value = rawValue.trim();
    if (!allowed.includes(key)) {
      const expected = allowed.length === 0 ? 'a problem takes no attributes' : `${kind === 'action' ? 'an action' : 'a cause'} takes ${allowed.join(', ')}`;
      issues.error('whys-unknown-attribute', line, `unknown attribute "${rawKey}": ${expected}`);
      continue;
    }
    if (value === '') { issues.error('whys-empty-attribute', line, `the attribute "${key}" has no value`); continue; }
    if (result.attributes.has(key)) { issues.error('whys-duplicate-attribute', line, `the attribute "${key}" is given twice on this line; the first was kept`); continue; }
    if (key === 'strength' && !(ACTION_STRENGTHS as readonly string[]).includes(value.toLowerCase())) {
      issues.error('whys-bad-strength', line, `strength "${value}" is not one of ${ACTION_STRENGTHS.join(', ')}`);
      continue;
    }
    if (key === 'type') {
      const type = value.toLowerCase().replace(/[\s_]+/g, '-');
      if (!(CAUSE_TYPES as readonly string[]).includes(type)) issues.warning('whys-unknown-type', line, `type "${value}" is not one of ${CAUSE_TYPES.join(', ')}; it was kept as written`);
      result.attributes.set(key, (CAUSE_TYPES as readonly string[]).includes(type) ? type : value);
      continue;
    }
    result.attributes.set(key, key === 'strength' ? value.toLowerCase() : value);
  }
}

// ---------------------------------------------------------------------------------------------
// Keys

/** Node key per line (problems, causes and actions), explicit where usable, else automatic. */
function assignKeys(lines: ParsedLine[], issues: IssueList): Map<ParsedLine, string> {
  // Keys that differ only in case count as the same: "C1" and "c1" in one file is a mistake.
  const written = new Map<string, ParsedLine>();
  const duplicates = new Set<ParsedLine>();
  for (const l of lines) {
    if (l.key === undefined || roleOf(l.kind) === undefined) continue;
    if (written.has(l.key.toLowerCase())) duplicates.add(l);
    else written.set(l.key.toLowerCase(), l);
  }
  const counters = { p: 0, c: 0, a: 0 };
  const taken = new Set(written.keys());
  const keys = new Map<ParsedLine, string>();
  for (const l of lines) {
    const role = roleOf(l.kind);
    if (role === undefined) continue;
    if (l.key !== undefined && !duplicates.has(l)) { keys.set(l, l.key); continue; }
    const prefix = AUTO_PREFIX[role];
    let key: string;
    do key = `${prefix}${++counters[prefix]}`; while (taken.has(key));
    taken.add(key);
    keys.set(l, key);
    if (duplicates.has(l)) {
      const first = written.get(l.key!.toLowerCase())!;
      const as = first.key === l.key ? '' : ` (as "${first.key}")`;
      issues.error('whys-duplicate-key', l.line, `the key "${l.key}" is already used${as} on line ${first.line}; this line was given the key ${key} instead`, [key]);
    }
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Parsed lines → graph

/** A line's place under its parent: a causes edge (maybe in an AND-group) or nothing (unreadable). */
interface Sibling { source?: string; reference?: ParsedLine; group?: string }

interface Open {
  parsed: ParsedLine;
  key?: string;
  siblings: Sibling[];
  childIndent?: { indent: number; line: number };
}

interface PendingReference { parsed: ParsedLine; effect: string; sibling: Sibling }

function buildGraph(lines: ParsedLine[], keys: Map<ParsedLine, string>, builder: CauseGraphBuilder, sourceLines: Record<string, number>, issues: IssueList): void {
  const stack: Open[] = [];
  const rootLevel: Pick<Open, 'childIndent'> = {};
  const treeEdges: Array<{ cause: string; effect: string; sibling: Sibling }> = [];
  const addresses: Array<[string, string]> = [];
  const references: PendingReference[] = [];
  let problemSeen = false;

  for (const l of lines) {
    while (stack.length > 0 && stack[stack.length - 1]!.parsed.indent >= l.indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent || l.kind === 'problem') checkAlignment(parent ?? rootLevel, l, issues);
    const key = keys.get(l);
    if (key !== undefined) addNode(builder, l, key, sourceLines, issues);
    const entry: Open = { parsed: l, siblings: [], ...(key === undefined ? {} : { key }) };

    if (l.kind === 'problem') {
      problemSeen = true;
      if (parent) issues.error('whys-indent', l.line, `a problem must be at the outermost level, but this line is indented under line ${parent.parsed.line}`);
    } else if (!parent) {
      if (l.kind !== 'unreadable') {
        if (problemSeen) issues.error('whys-indent', l.line, 'this line is not indented under anything: indent it under the problem or cause it explains');
        else issues.error('whys-no-problem', l.line, 'a cause before any problem: the chain must start with a "problem:" line');
      }
    } else if (parent.parsed.kind === 'action' || parent.parsed.kind === 'reference') {
      if (l.kind !== 'unreadable') {
        issues.error('whys-indent', l.line, parent.parsed.kind === 'action'
          ? `this line is indented under the action on line ${parent.parsed.line}; nothing can be indented under an action`
          : `this line is indented under the reference @${parent.parsed.target ?? ''} on line ${parent.parsed.line}; write causes of ${parent.parsed.target ?? 'that cause'} under its own line`);
      }
    } else if (l.kind === 'action') {
      if (parent.parsed.kind === 'problem') issues.error('whys-misplaced', l.line, `an action must be indented under the cause it addresses, not under the problem on line ${parent.parsed.line}`);
      else if (parent.key !== undefined && key !== undefined && parent.parsed.kind !== 'unreadable') addresses.push([key, parent.key]);
    } else {
      linkToParent(l, key, parent, treeEdges, references, issues);
    }
    stack.push(entry);
  }

  for (const { cause, effect, sibling } of treeEdges) builder.causes(cause, effect, sibling.group);
  for (const [action, cause] of addresses) builder.addresses(action, cause);
  for (const r of references) addReference(builder, r, issues);
}

/** Warns when siblings under one parent are indented differently: the nesting may be a typo. */
function checkAlignment(parent: Pick<Open, 'childIndent'>, l: ParsedLine, issues: IssueList): void {
  if (!parent.childIndent) { parent.childIndent = { indent: l.indent, line: l.line }; return; }
  if (parent.childIndent.indent !== l.indent) {
    issues.warning('whys-indent-uneven', l.line,
      `this line is indented ${l.indent} but line ${parent.childIndent.line}, at the same level, is indented ${parent.childIndent.indent}; check that it sits under the line you meant`);
  }
}

function addNode(builder: CauseGraphBuilder, l: ParsedLine, key: string, sourceLines: Record<string, number>, issues: IssueList): void {
  sourceLines[key] = l.line;
  const attr = (name: string): string | undefined => l.attributes.get(name);
  if (l.kind === 'problem') { builder.problem(key, l.label); return; }
  if (l.kind === 'action') {
    const details: Omit<ActionAttributes, 'kind' | 'label'> = {};
    for (const name of ACTION_ATTRIBUTES) {
      const value = attr(name);
      if (value === undefined) continue;
      if (name === 'strength') details.strength = value as ActionStrength;
      else details[name] = value;
    }
    builder.action(key, l.label, details);
    return;
  }
  const details: Omit<CauseAttributes, 'kind' | 'label'> = {};
  if (l.category !== undefined) details.category = l.category;
  for (const name of CAUSE_ATTRIBUTES) {
    const value = attr(name);
    if (value !== undefined) details[name] = value;
  }
  builder.cause(key, l.label, details);
  const evidence = (id: string, attributes: { event?: string; document?: string }, nodeKey: string): string => {
    if (!builder.graph.hasNode(nodeKey)) {
      builder.evidence(nodeKey, id, attributes);
      sourceLines[nodeKey] = l.line;
    }
    return nodeKey;
  };
  for (const id of l.evidence) builder.supports(evidence(id, { event: id }, evidenceKey(id)), key);
  for (const id of l.refutes) {
    const node = evidence(id, { event: id }, evidenceKey(id));
    // One edge per evidence and cause: evidence cannot both support and refute a cause.
    if (builder.graph.hasEdge(node, key)) issues.error('whys-evidence-both-ways', l.line, `${id} is given both as [evidence] and as [refutes] for this cause; it was kept as supporting evidence`, [node, key]);
    else builder.refutes(node, key);
  }
  for (const ref of l.documents) builder.supports(evidence(ref, { document: ref }, documentKey(ref)), key);
}

function linkToParent(l: ParsedLine, key: string | undefined, parent: Open, treeEdges: Array<{ cause: string; effect: string; sibling: Sibling }>, references: PendingReference[], issues: IssueList): void {
  const sibling: Sibling = {};
  const joins = l.kind === 'and' || (l.kind === 'reference' && l.attributes.has('and'));
  if (joins) {
    const previous = parent.siblings[parent.siblings.length - 1];
    if (!previous) {
      issues.error('whys-and-first', l.line, `"and" joins the cause above it at the same level, but there is none under line ${parent.parsed.line}: use "why" for the first cause`);
    } else if (previous.source !== undefined || previous.reference !== undefined) {
      previous.group ??= previous.source ?? previous.reference!.target!;
      sibling.group = previous.group;
    }
  }
  parent.siblings.push(sibling);
  if (l.kind === 'unreadable' || parent.key === undefined || parent.parsed.kind === 'unreadable') return;
  if (l.kind === 'reference') {
    if (l.target === undefined) return;
    sibling.reference = l;
    references.push({ parsed: l, effect: parent.key, sibling });
    return;
  }
  sibling.source = key!;
  treeEdges.push({ cause: key!, effect: parent.key, sibling });
}

function addReference(builder: CauseGraphBuilder, r: PendingReference, issues: IssueList): void {
  const graph = builder.graph;
  const target = r.parsed.target!;
  if (!graph.hasNode(target)) {
    const near = graph.nodes().find((n) => n.toLowerCase() === target.toLowerCase());
    issues.error('whys-unknown-reference', r.parsed.line, `@${target} refers to no line: no cause has the key "${target}"${near ? ` (did you mean @${near}?)` : ''}`);
    return;
  }
  const kind = graph.getNodeAttribute(target, 'kind');
  if (kind !== 'cause') {
    issues.error('whys-bad-reference', r.parsed.line, `@${target} is ${kind === 'action' ? 'an action' : `a ${kind}`}; only a cause can be referred to with @`, [target]);
    return;
  }
  if (graph.hasEdge(`causes:${target}->${r.effect}`)) {
    issues.warning('whys-duplicate-link', r.parsed.line, `${target} is already a cause of ${r.effect}; this reference adds nothing`, [target, r.effect]);
    return;
  }
  if (wouldCycle(graph, target, r.effect)) {
    issues.error('whys-cycle', r.parsed.line, `@${target} here would make ${target} a cause of itself (${r.effect} already leads to ${target}); the reference was left out`, [target, r.effect]);
    return;
  }
  builder.causes(target, r.effect, r.sibling.group);
}

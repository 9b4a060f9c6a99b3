/**
 * Fishbone CSV → cause graph, for analyses drawn up in a spreadsheet. One row per cause (or
 * sub-cause): the Cause, on its Category's bone, causes the problem; a Sub-cause causes the
 * Cause; the row's Evidence supports the deepest cause in the row. Row mistakes come back as
 * RcaIssues on the physical line an editor shows.
 *
 * The format (copied into the README):
 *   - A heading row with, matched case-insensitively (spaces, "-" and "_" alike):
 *     Category (or Bone), Cause (or Factor) — both required;
 *     Sub-cause (or Subcause, Secondary cause), Evidence (or Evidence ids, Events),
 *     Document (or Documents, Source document), Problem (or Effect, Incident) — optional.
 *     Other columns are ignored (an info issue names them). Any delimiter ingest knows (, ; tab |)
 *     and any encoding it decodes; cells may be quoted.
 *   - Lines above the heading row are titles. Without a Problem column every cause is a cause of
 *     one problem, `p1`, labelled by a title line of the form "Problem: text", else "Problem".
 *   - With a Problem column, each distinct problem text is a problem node, p1, p2… in order (a
 *     blank cell in the first row means the problem named as above).
 *   - Evidence cells hold chronology event ids separated by commas, semicolons or spaces
 *     (nodes `ev:ID`); Document cells hold references separated by ";" (nodes `doc:REF`).
 *   - A blank Problem, Category or Cause cell repeats the row above, as merged spreadsheet cells
 *     do; a Cause is repeated only while the Problem and Category stay the same.
 *   - The same statement in several rows (compared ignoring case and spacing) is one node, keys
 *     c1, c2… in order of first appearance; a sub-cause under two causes gets both edges.
 */
import { ThroughlineError } from '../model/errors.js';
import { binaryKind, decodeBytes } from '../ingest/decode.js';
import { normaliseHeading } from '../ingest/columns.js';
import { parseTable, type TableRow } from '../ingest/table.js';
import type { RcaIssue } from './issues.js';
import { CauseGraphBuilder } from './model.js';
import { documentKey, evidenceKey, splitIds, wouldCycle, type SourcedGraph } from './whys.js';

type Role = 'problem' | 'category' | 'cause' | 'subcause' | 'evidence' | 'document';

/** Headings per column role, compared after normaliseHeading (lower case, punctuation as spaces). */
export const FISHBONE_HEADINGS: Readonly<Record<Role, readonly string[]>> = {
  problem: ['problem', 'effect', 'incident', 'outcome', 'problem statement'],
  category: ['category', 'bone', 'factor category', 'contributory factor category'],
  cause: ['cause', 'factor', 'contributory factor', 'primary cause'],
  subcause: ['sub cause', 'subcause', 'secondary cause', 'sub factor', 'underlying cause'],
  evidence: ['evidence', 'evidence ids', 'evidence id', 'events', 'event ids', 'event id'],
  document: ['document', 'documents', 'source document', 'document reference'],
};
const REQUIRED: readonly Role[] = ['category', 'cause'];
/** Title lines looked through for the heading row. */
const HEADER_SEARCH_ROWS = 10;
const DEFAULT_PROBLEM_LABEL = 'Problem';
const PROBLEM_TITLE = /^\s*problem\s*[:–—-]\s*(.+)$/i;

const sameText = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();
const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ');
const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

/** Reads a fishbone CSV. Throws only for a file that is binary; every other fault is an issue. */
export function readFishboneCsv(content: Uint8Array | string, file = 'fishbone.csv'): SourcedGraph {
  const issues: RcaIssue[] = [];
  const builder = new CauseGraphBuilder();
  const lines: Record<string, number> = {};
  const result: SourcedGraph = { graph: builder.graph, issues, lines };
  const text = decode(content, file);
  if (text.trim() === '') {
    issues.push({ severity: 'error', code: 'fishbone-empty', message: `${file} is empty; expected a table with Category and Cause columns` });
    return result;
  }
  const table = parseTable(text, file);
  for (const i of table.issues) issues.push({ severity: i.severity, code: i.code, message: i.message, line: i.line });
  const rows = table.rows.filter((r) => !isBlank(r.cells));
  const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells.some((c) => FISHBONE_HEADINGS.cause.includes(normaliseHeading(c))));
  if (headerIndex === -1) {
    issues.push({ severity: 'error', code: 'fishbone-no-header', message: `no heading row with a Cause column in the first ${HEADER_SEARCH_ROWS} rows of ${file}; expected headings Category, Cause, Sub-cause, Evidence`, ...(rows[0] ? { line: rows[0].line } : {}) });
    return result;
  }
  const header = rows[headerIndex]!;
  const columns = mapColumns(header, issues);
  const missing = REQUIRED.filter((r) => columns[r] === undefined);
  if (missing.length > 0) {
    issues.push({ severity: 'error', code: 'fishbone-no-column', line: header.line, message: `the heading row has no ${missing.map((m) => (m === 'category' ? 'Category' : 'Cause')).join(' or ')} column` });
    return result;
  }
  const titleProblem = rows.slice(0, headerIndex).map((r) => PROBLEM_TITLE.exec(r.cells.find((c) => c.trim() !== '') ?? '')?.[1]).find((p) => p !== undefined);
  const data = rows.slice(headerIndex + 1);
  if (data.length === 0) issues.push({ severity: 'warning', code: 'fishbone-no-rows', line: header.line, message: 'the table has headings but no rows of causes' });
  new FishboneReader(builder, lines, issues, columns, titleProblem === undefined ? DEFAULT_PROBLEM_LABEL : tidy(titleProblem)).readRows(data);
  return result;
}

function decode(content: Uint8Array | string, file: string): string {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  if (content.length === 0) return '';
  try {
    return decodeBytes(content, file).text;
  } catch (e) {
    if (e instanceof ThroughlineError && e.code === 'file-binary') {
      const { what, fix } = binaryKind(content, file);
      throw new ThroughlineError('file-binary', `${file}: this is ${what}, not a fishbone CSV; ${fix}`, file);
    }
    throw e;
  }
}

function mapColumns(header: TableRow, issues: RcaIssue[]): Partial<Record<Role, number>> {
  const columns: Partial<Record<Role, number>> = {};
  const unused: string[] = [];
  header.cells.forEach((cell, index) => {
    const heading = normaliseHeading(cell);
    if (heading === '') return;
    const role = (Object.keys(FISHBONE_HEADINGS) as Role[]).find((r) => FISHBONE_HEADINGS[r].includes(heading));
    if (role === undefined) { unused.push(cell.trim()); return; }
    if (columns[role] !== undefined) {
      issues.push({ severity: 'warning', code: 'fishbone-duplicate-column', line: header.line, message: `two columns are headed "${cell.trim()}" (or a synonym); the first is used` });
      return;
    }
    columns[role] = index;
  });
  if (unused.length > 0) issues.push({ severity: 'info', code: 'fishbone-unused-column', line: header.line, message: `column${unused.length > 1 ? 's' : ''} ${unused.map((u) => `"${u}"`).join(', ')} not used` });
  return columns;
}

/** Row-by-row state: the cells carried down from the row above and the nodes made so far. */
class FishboneReader {
  private readonly problems = new Map<string, string>();
  private readonly causes = new Map<string, string>();
  /** Where a statement was first written in the Cause column, with its category. */
  private readonly bone = new Map<string, { category: string; line: number }>();
  private previous: { problem?: string; category?: string; cause?: string } = {};

  constructor(
    private readonly builder: CauseGraphBuilder,
    private readonly lines: Record<string, number>,
    private readonly issues: RcaIssue[],
    private readonly columns: Partial<Record<Role, number>>,
    private readonly defaultProblem: string,
  ) {}

  readRows(rows: TableRow[]): void {
    for (const row of rows) this.readRow(row);
  }

  private cell(row: TableRow, role: Role): string {
    const index = this.columns[role];
    return index === undefined ? '' : tidy(row.cells[index] ?? '');
  }

  private readRow(row: TableRow): void {
    const written = { problem: this.cell(row, 'problem'), category: this.cell(row, 'category'), cause: this.cell(row, 'cause') };
    const problem = written.problem || this.previous.problem || this.defaultProblem;
    const category = written.category || (written.problem && written.problem !== this.previous.problem ? '' : this.previous.category ?? '');
    const sameBone = problem === this.previous.problem && category === (this.previous.category ?? '');
    const cause = written.cause || (sameBone ? this.previous.cause ?? '' : '');
    const subcause = this.cell(row, 'subcause');
    const evidence = splitIds(this.cell(row, 'evidence'));
    const documents = this.cell(row, 'document').split(';').map(tidy).filter((d) => d !== '');
    this.previous = { problem, category, cause };
    if (cause === '') {
      const what = subcause !== '' ? 'a sub-cause' : evidence.length + documents.length > 0 ? 'evidence' : written.category !== '' ? 'a category' : 'a problem';
      this.error('fishbone-no-cause', row.line, `this row has ${what} but no cause (and none above it on the same bone to repeat)`);
      return;
    }
    if (category === '') this.warning('fishbone-no-category', row.line, `"${cause}" has no category, so it sits on no bone of the fishbone`);
    const problemKey = this.problem(problem, row.line);
    const causeKey = this.cause(cause, category, row.line, true);
    this.link(causeKey, problemKey, row.line);
    let deepest = causeKey;
    if (subcause !== '') {
      const subKey = this.cause(subcause, category, row.line, false);
      if (this.link(subKey, causeKey, row.line)) deepest = subKey;
    }
    for (const id of evidence) this.builder.supports(this.evidence(evidenceKey(id), id, { event: id }, row.line), deepest);
    for (const ref of documents) this.builder.supports(this.evidence(documentKey(ref), ref, { document: ref }, row.line), deepest);
  }

  private problem(label: string, line: number): string {
    const norm = sameText(label);
    let key = this.problems.get(norm);
    if (key === undefined) {
      key = `p${this.problems.size + 1}`;
      this.builder.problem(key, label);
      this.lines[key] = line;
      this.problems.set(norm, key);
    }
    return key;
  }

  /**
   * The node for a statement, made on first sight with the row's category. A statement put on two
   * different bones in the Cause column is reported; a sub-cause shared by causes on other bones
   * is not (it keeps the category it was first given).
   */
  private cause(label: string, category: string, line: number, inCauseColumn: boolean): string {
    const norm = sameText(label);
    let key = this.causes.get(norm);
    if (key === undefined) {
      key = `c${this.causes.size + 1}`;
      this.builder.cause(key, label, category === '' ? {} : { category });
      this.lines[key] = line;
      this.causes.set(norm, key);
    }
    if (inCauseColumn) {
      const first = this.bone.get(key);
      if (!first) this.bone.set(key, { category, line });
      else if (category !== '' && first.category !== '' && sameText(first.category) !== sameText(category)) {
        this.warning('fishbone-category-conflict', line, `"${label}" is under "${first.category}" on line ${first.line} and "${category}" here; the first was kept`, [key]);
      }
    }
    return key;
  }

  private evidence(key: string, label: string, attributes: { event?: string; document?: string }, line: number): string {
    if (!this.builder.graph.hasNode(key)) {
      this.builder.evidence(key, label, attributes);
      this.lines[key] = line;
    }
    return key;
  }

  /** cause → effect, unless that would make a cause its own cause. */
  private link(cause: string, effect: string, line: number): boolean {
    if (wouldCycle(this.builder.graph, cause, effect)) {
      const label = (k: string): string => this.builder.graph.getNodeAttribute(k, 'label');
      this.error('fishbone-cycle', line, cause === effect
        ? `"${label(cause)}" is given as a sub-cause of itself; the link was left out`
        : `"${label(cause)}" as a cause of "${label(effect)}" would make it a cause of itself (another row has it the other way round); the link was left out`, [cause, effect]);
      return false;
    }
    this.builder.causes(cause, effect);
    return true;
  }

  private error(code: string, line: number, message: string, nodes?: string[]): void {
    this.issues.push({ severity: 'error', code, line, message, ...(nodes ? { nodes } : {}) });
  }

  private warning(code: string, line: number, message: string, nodes?: string[]): void {
    this.issues.push({ severity: 'warning', code, line, message, ...(nodes ? { nodes } : {}) });
  }
}

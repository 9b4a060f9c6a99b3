/**
 * Random why-chains and fishbone tables, written the way investigators get them wrong (odd
 * indents, keys used twice, references to nothing and to ancestors, broken brackets, stray
 * keywords, ragged rows), against the readers' promise: never throw, report every problem with
 * its line, and hand on a graph with no cycle that the analysis and every diagram can take.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyseRca } from '../../src/rca/analyse.js';
import { readFishboneCsv } from '../../src/rca/fishbone.js';
import type { RcaIssue } from '../../src/rca/issues.js';
import { readWhyChain, type SourcedGraph } from '../../src/rca/whys.js';
import { causeGraphTextBoxes, layoutCauseGraph, renderCauseGraph } from '../../viz/svg/causes.js';
import { fishboneTextBoxes, layoutFishbone, renderFishbone } from '../../viz/svg/fishbone.js';
import { layoutWhyChain, renderWhyChain, whyChainTextBoxes } from '../../viz/svg/whys.js';
import { expectTextFits } from '../helpers/svg.js';
import { runs } from '../helpers/runs.js';

const KEYS = ['P1', 'c1', 'c2', 'c3', 'C1', 'c 4', ''];
const LABELS = ['No strategy discussion was held', 'Zoë’s account was not sought', 'A & B <i>', '"quoted"', ']]>', '',
  'The MASH contact screen shows only the incident reported, not the 2021 child protection plans, MARAC referral or earlier call-outs, once a case is closed',
  'Supercalifragilisticexpialidociousunbrokenwordthatcannotwrapanywhereatall', 'W'];
const ANNOTATIONS = ['', ' (policy & procedure)', ' (practitioner)', ' {type: condition}', ' {type: failure to act, colour: red}',
  ' [evidence: police-4, police-5]', ' [evidence: police-4', ' [refutes: gp-3]', ' [document: guidance]', ' {owner: CSC, strength: strong}', ' {', ')'];

const whyLine = fc.tuple(
  fc.integer({ min: 0, max: 5 }),
  fc.constantFrom('problem', 'why', 'and', '!action:', '@', 'because:', '#', ''),
  fc.constantFrom(...KEYS),
  fc.constantFrom(...LABELS),
  fc.array(fc.constantFrom(...ANNOTATIONS), { maxLength: 3 }),
).map(([indent, keyword, key, label, notes]) => {
  const pad = ' '.repeat(indent * 2);
  if (keyword === '@') return `${pad}@${key}`;
  if (keyword === '#') return `${pad}# ${label}`;
  if (keyword === '!action:') return `${pad}!action: ${label}${notes.join('')}`;
  return `${pad}${keyword}${key ? ` ${key}` : ''}: ${label}${notes.join('')}`;
});

const fishboneRow = fc.array(fc.oneof(fc.constantFrom('Multi-agency working', 'Policy & procedure', 'Child', '', 'Practitioner'),
  fc.constantFrom(...LABELS), fc.constantFrom('police-4, police-5', 'csc-case-notes-38', ''), fc.string({ maxLength: 6 })), { maxLength: 6 });

/** Whether the graph has a directed cycle (Kahn: a node left unremoved sits on one). */
function hasCycle(graph: SourcedGraph['graph']): boolean {
  const indegree = new Map(graph.nodes().map((n) => [n, graph.inDegree(n)]));
  const ready = [...indegree].filter(([, d]) => d === 0).map(([n]) => n);
  let removed = 0;
  while (ready.length > 0) {
    const n = ready.pop()!;
    removed++;
    for (const m of graph.outNeighbors(n)) {
      const d = indegree.get(m)! - 1;
      indegree.set(m, d);
      if (d === 0) ready.push(m);
    }
  }
  return removed < graph.order;
}

/** Physical lines as an editor counts them (CRLF, LF and a lone CR each end one). */
const physical = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** The reader's word for each issue it can raise: only these are warnings (or, for the table, notes). */
const WHYS_WARNINGS = new Set(['whys-mixed-indent', 'whys-indent-uneven', 'whys-duplicate-link', 'whys-unknown-type']);
const FISHBONE_NOT_ERRORS: Record<string, 'warning' | 'info'> = {
  'fishbone-no-rows': 'warning', 'fishbone-duplicate-column': 'warning', 'fishbone-unused-column': 'info', 'fishbone-no-category': 'warning',
  'fishbone-category-conflict': 'warning', 'csv-quotes': 'warning',
};

/**
 * Every issue points at the file: a whole-file issue names the file in its message, any other has
 * the line it is about, a real line of the file with something written on it. Each has the
 * severity its code always has, and no message is patched together from missing values. A
 * why-chain's issues come in line order, whole-file ones last (the reader promises it).
 */
function checkIssues(read: SourcedGraph, text: string, file: string, severityOf: (code: string) => RcaIssue['severity'], prefix: RegExp, inLineOrder: boolean): void {
  const lines = physical(text);
  for (const issue of read.issues) {
    expect(issue.code, issue.message).toMatch(prefix);
    expect(issue.severity, issue.code).toBe(severityOf(issue.code));
    expect(issue.message, issue.code).not.toMatch(/undefined|NaN|\[object |^\s*$/);
    if (issue.line === undefined) {
      expect(issue.message, issue.code).toContain(file);
    } else {
      expect(issue.line, `${issue.code}: ${issue.message}`).toBeGreaterThanOrEqual(1);
      expect(issue.line, `${issue.code}: ${issue.message}`).toBeLessThanOrEqual(lines.length);
      expect(lines[issue.line - 1]!.trim(), `${issue.code} on line ${issue.line}: ${issue.message}`).not.toBe('');
    }
  }
  if (inLineOrder) {
    const order = read.issues.map((i) => i.line ?? Number.MAX_SAFE_INTEGER);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }
}

/**
 * A why-chain's nodes are what their lines say: each problem, cause and action is recorded with
 * the line it was written on, whose keyword is the node's kind, whose key (if written) is the
 * node's, and whose statement, right after the colon, is the node's label; its category is written
 * on that line in brackets, and every event cited for it is named there.
 */
function checkWhyNodes(read: SourcedGraph, text: string): void {
  const lines = physical(text);
  const keyword = { problem: /^problem$/i, cause: /^(?:why|and)$/i, action: /^!action$/i } as const;
  read.graph.forEachNode((key, a) => {
    if (a.kind === 'evidence') return;
    const line = read.lines[key];
    expect(line, `${key} has no line`).toBeDefined();
    const written = lines[line! - 1]!.trim();
    const m = /^(problem|why|and|!action)(?=[\s:])\s*([^:]*?)\s*:(.*)$/i.exec(written);
    expect(m, `line ${line} for ${key}: ${written}`).not.toBeNull();
    expect(m![1]).toMatch(keyword[a.kind]);
    // The key written, or an automatic one when none is written or the one written cannot be used (said so on the line).
    if (m![2] === '') expect(key).toMatch(/^[pca]\d+$/);
    else if (m![2] !== key) expect(read.issues.filter((i) => i.line === line).map((i) => i.code)).toContainEqual(expect.stringMatching(/^whys-(?:bad|duplicate)-key$/));
    expect(m![3]!.trimStart().startsWith(a.label), `line ${line}: "${written}" does not go on with the label "${a.label}"`).toBe(true);
    if (a.kind === 'cause' && a.category !== undefined) expect(written).toContain(`(${a.category})`);
    for (const ev of read.graph.inNeighbors(key)) {
      const event = (read.graph.getNodeAttributes(ev) as { event?: string }).event;
      if (event !== undefined) expect(written, `${event} is cited for ${key}`).toContain(event);
    }
  });
}

/**
 * A fishbone's causes are the cells as written: each cause is recorded with the row it first
 * appears on, and its label is that row's Cause or Sub-cause cell, trimmed, its spaces single.
 */
function checkFishboneNodes(read: SourcedGraph, rowAt: (line: number) => string[] | undefined): void {
  const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ');
  read.graph.forEachNode((key, a) => {
    if (a.kind !== 'cause') return;
    const row = rowAt(read.lines[key]!);
    expect(row, `${key} has no row`).toBeDefined();
    expect([tidy(row![1] ?? ''), tidy(row![2] ?? '')], `${key} on line ${read.lines[key]}`).toContain(a.label);
  });
}

/** What every reader must hand on, whatever it was given. */
function checkGraph(read: SourcedGraph): void {
  // A cycle is reported and refused, never built.
  expect(hasCycle(read.graph)).toBe(false);
  const report = analyseRca(read.graph);
  expect(report.counts.causes).toBe(read.graph.filterNodes((_, a) => a.kind === 'cause').length);
  expect(report.cycles).toEqual([]);
  for (const svg of [renderWhyChain(read.graph), renderFishbone(read.graph), renderCauseGraph(read.graph)]) {
    expect(XMLValidator.validate(svg)).toBe(true);
  }
  // No text drawn over other text or off the picture, however long or unbreakable the labels.
  const whys = layoutWhyChain(read.graph);
  const fish = layoutFishbone(read.graph);
  const causes = layoutCauseGraph(read.graph);
  expectTextFits(whyChainTextBoxes(whys), whys.width, whys.height);
  expectTextFits(fishboneTextBoxes(fish), fish.width, fish.height);
  expectTextFits(causeGraphTextBoxes(causes), causes.width, causes.height);
}

describe('RCA readers on random, mistaken input', () => {
  it('a why-chain: never throws, reports every mistake on its line, and hands on an acyclic graph every analysis and diagram can take', () => {
    let withCauses = 0;
    fc.assert(fc.property(fc.array(whyLine, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const text = lines.join(eol);
      const read = readWhyChain(text, 'chain.txt');
      checkIssues(read, text, 'chain.txt', (code) => (WHYS_WARNINGS.has(code) ? 'warning' : 'error'), /^whys-[a-z]+(?:-[a-z]+)*$/, true);
      checkWhyNodes(read, text);
      checkGraph(read);
      if (read.graph.someNode((_, a) => a.kind === 'cause')) withCauses++;
    }), { numRuns: runs(400) });
    // The properties were tried on graphs with causes in them, not only on nothing.
    expect(withCauses).toBeGreaterThan(runs(400) / 4);
  });
  it('a fishbone table: never throws (text is never binary), reports every mistake on its line, and hands on an acyclic graph every analysis and diagram can take', () => {
    let withCauses = 0;
    fc.assert(fc.property(fc.array(fishboneRow, { maxLength: 10 }), fc.constantFrom(',', ';', '\t'), fc.boolean(), (rows, delimiter, withHeader) => {
      const quote = (c: string): string => (/[",;\t\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const header = withHeader ? ['Problem: Child L was injured', ['Category', 'Cause', 'Sub-cause', 'Evidence'].join(delimiter)] : [];
      const text = [...header, ...rows.map((r) => r.map(quote).join(delimiter))].join('\n');
      // The one refusal readFishboneCsv makes is of a binary file; text is read whatever it holds.
      const read = readFishboneCsv(text, 'fishbone.csv');
      checkIssues(read, text, 'fishbone.csv', (code) => FISHBONE_NOT_ERRORS[code] ?? 'error', /^(?:fishbone|csv)-[a-z]+(?:-[a-z]+)*$/, false);
      if (!withHeader) {
        // No heading row: one error, and nothing read (beside it, at most warnings about quotes
        // that do not pair up under the delimiter the table was taken to have).
        expect(read.issues.filter((i) => i.code !== 'csv-quotes').map((i) => [i.severity, i.code])).toEqual([['error', text.trim() === '' ? 'fishbone-empty' : 'fishbone-no-header']]);
        expect(read.graph.order).toBe(0);
      }
      // No generated cell holds a line break, so row k of the table is on line k + 1 below the header.
      expect(rows.flat().filter((c) => /[\r\n]/.test(c))).toEqual([]);
      checkFishboneNodes(read, (line) => rows[line - header.length - 1]);
      checkGraph(read);
      if (read.graph.someNode((_, a) => a.kind === 'cause')) withCauses++;
    }), { numRuns: runs(400) });
    expect(withCauses).toBeGreaterThan(runs(400) / 4);
  });
});

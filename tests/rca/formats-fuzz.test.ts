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
import { readWhyChain, type SourcedGraph } from '../../src/rca/whys.js';
import { causeGraphTextBoxes, layoutCauseGraph, renderCauseGraph } from '../../viz/svg/causes.js';
import { fishboneTextBoxes, layoutFishbone, renderFishbone } from '../../viz/svg/fishbone.js';
import { layoutWhyChain, renderWhyChain, whyChainTextBoxes } from '../../viz/svg/whys.js';
import { expectTextFits } from '../helpers/svg.js';

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

/** What every reader must hand on, whatever it was given. */
function checkGraph(read: SourcedGraph): void {
  for (const issue of read.issues) {
    expect(issue.message.length).toBeGreaterThan(5);
    expect(['error', 'warning', 'info']).toContain(issue.severity);
  }
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
  it('a why-chain: never throws, and hands on an acyclic graph every analysis and diagram can take', () => {
    fc.assert(fc.property(fc.array(whyLine, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      checkGraph(readWhyChain(lines.join(eol), 'chain.txt'));
    }), { numRuns: 400 });
  });
  it('a fishbone table: never throws, and hands on an acyclic graph every analysis and diagram can take', () => {
    fc.assert(fc.property(fc.array(fishboneRow, { maxLength: 10 }), fc.constantFrom(',', ';', '\t'), fc.boolean(), (rows, delimiter, withHeader) => {
      const quote = (c: string): string => (/[",;\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const header = withHeader ? ['Problem: Child L was injured', ['Category', 'Cause', 'Sub-cause', 'Evidence'].join(delimiter)] : [];
      const text = [...header, ...rows.map((r) => r.map(quote).join(delimiter))].join('\n');
      let read: SourcedGraph;
      try {
        read = readFishboneCsv(text, 'fishbone.csv');
      } catch (e) {
        // The one refusal: a table with no header the reader can use, as a coded error.
        expect((e as { code?: string }).code).toMatch(/^fishbone-/);
        return;
      }
      checkGraph(read);
    }), { numRuns: 400 });
  });
});

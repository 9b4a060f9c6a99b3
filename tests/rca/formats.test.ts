/**
 * The RCA input formats: why-chain text (rca/whys.ts), fishbone CSV (rca/fishbone.ts) and the
 * fishbone category frameworks (rca/frameworks.ts), plus the Child L fixtures in fixtures/rca,
 * whose evidence must cite events that exist in the merged demo chronology.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoTimeline } from '../helpers/demo.js';
import { ThroughlineError } from '../../src/model/errors.js';
import type { RcaIssue } from '../../src/rca/issues.js';
import type { CauseGraph } from '../../src/rca/model.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { readFishboneCsv } from '../../src/rca/fishbone.js';
import { categoryOf, FRAMEWORKS, frameworkByName, validateFramework } from '../../src/rca/frameworks.js';

const nodesOf = (g: CauseGraph): Record<string, unknown> => Object.fromEntries(g.mapNodes((n, a) => [n, a]));
const errors = (issues: RcaIssue[]): RcaIssue[] => issues.filter((i) => i.severity === 'error');

/** Exactly one issue with this code, of this severity, on this line, saying this. */
function expectOneIssue(issues: RcaIssue[], severity: RcaIssue['severity'], code: string, line: number | undefined, message: RegExp): void {
  const mine = issues.filter((i) => i.code === code);
  expect(mine, JSON.stringify(issues)).toHaveLength(1);
  expect(mine[0]).toMatchObject({ severity, code });
  expect(mine[0]!.line).toBe(line);
  expect(mine[0]!.message).toMatch(message);
}
const brief = (issues: RcaIssue[]): Array<[number | undefined, string]> => issues.map((i) => [i.line, i.code]);
const causeEdges = (g: CauseGraph): string[] => g.filterEdges((_e, a) => a.kind === 'causes');
const groupOf = (g: CauseGraph, edge: string): string | undefined => g.getEdgeAttribute(edge, 'group');

// ---------------------------------------------------------------------------------------------
describe('why-chain: every syntax element', () => {
  interface Case { text: string; nodes?: Record<string, object>; edges?: string[]; absent?: string[]; groups?: Record<string, string | undefined>; title?: string }
  const cases: Array<[string, Case]> = [
    ['a problem keeps a bracketed ending in its label', {
      text: 'problem P1: Child L suffered a serious head injury (25/11/2022)',
      nodes: { P1: { kind: 'problem', label: 'Child L suffered a serious head injury (25/11/2022)' } },
    }],
    ['why: a cause of the problem, with its category', {
      text: 'problem P1: Hurt\n  why c1: Abuse was not assessed as a whole (multi-agency working)',
      nodes: { c1: { kind: 'cause', label: 'Abuse was not assessed as a whole', category: 'multi-agency working' } },
      edges: ['causes:c1->P1'],
    }],
    ['a deeper line is a cause of the nearest shallower line above it', {
      text: 'problem P1: Hurt\n  why c1: A\n    why c2: B\n      why c3: C\n    why c4: D\n  why c5: E',
      edges: ['causes:c1->P1', 'causes:c2->c1', 'causes:c3->c2', 'causes:c4->c1', 'causes:c5->P1'],
    }],
    ['[evidence: …] ids separated by commas, semicolons and spaces', {
      text: 'problem: P\n  why c1: A [evidence: police-4, police-5;csc-case-notes-38  gp-2]',
      nodes: {
        'ev:police-4': { kind: 'evidence', label: 'police-4', event: 'police-4' },
        'ev:gp-2': { kind: 'evidence', label: 'gp-2', event: 'gp-2' },
        c1: { kind: 'cause', label: 'A' },
      },
      edges: ['supports:ev:police-4->c1', 'supports:ev:police-5->c1', 'supports:ev:csc-case-notes-38->c1', 'supports:ev:gp-2->c1'],
    }],
    ['one evidence node per id, shared by every cause citing it', {
      text: 'problem: P\n  why c1: A [evidence: police-4, police-4]\n  why c2: B [refutes: police-4]',
      nodes: { 'ev:police-4': { kind: 'evidence', event: 'police-4' } },
      edges: ['supports:ev:police-4->c1', 'refutes:ev:police-4->c2'],
    }],
    ['[refutes: …] evidence against a cause', {
      text: 'problem: P\n  why c1: L was not seen [refutes: school-21 school-24]',
      edges: ['refutes:ev:school-21->c1', 'refutes:ev:school-24->c1'],
      absent: ['supports:ev:school-21->c1'],
    }],
    ['[document: …] references separated by semicolons, brackets allowed inside', {
      text: 'problem: P\n  why c1: A [document: Threshold guidance (2021), section 4; WT 2018]',
      nodes: {
        'doc:Threshold guidance (2021), section 4': { kind: 'evidence', label: 'Threshold guidance (2021), section 4', document: 'Threshold guidance (2021), section 4' },
        'doc:WT 2018': { kind: 'evidence', document: 'WT 2018' },
      },
      edges: ['supports:doc:Threshold guidance (2021), section 4->c1', 'supports:doc:WT 2018->c1'],
    }],
    ['{type, duty}: type normalised, a value may hold commas, two brace groups', {
      text: 'problem: P\n  why c1: No strategy discussion (policy & procedure) {type: Failure to act} {duty: Working Together 2018, chapter 1}',
      nodes: { c1: { kind: 'cause', label: 'No strategy discussion', category: 'policy & procedure', type: 'failure-to-act', duty: 'Working Together 2018, chapter 1' } },
    }],
    ['annotations in any order; the category may come after them', {
      text: 'problem: P\n  why c1: A {type: condition} [evidence: police-4] (agency systems)',
      nodes: { c1: { kind: 'cause', label: 'A', category: 'agency systems', type: 'condition' } },
      edges: ['supports:ev:police-4->c1'],
    }],
    ['() means no category, so a statement can end with a bracketed note', {
      text: "problem: P\n  why c1: L was asleep (mother's account) ()",
      nodes: { c1: { kind: 'cause', label: "L was asleep (mother's account)" } },
    }],
    ['brackets inside the statement stay in the label', {
      text: 'problem: P\n  why c1: Mother (Kerry) was not asked (practitioner)',
      nodes: { c1: { label: 'Mother (Kerry) was not asked', category: 'practitioner' } },
    }],
    ['!action: addresses the cause it sits under, with owner, due, strength, status', {
      text: 'problem: P\n  why c1: A\n    !action a9: Add the history to the form {owner: Police, due: 31/03/2023, strength: Stronger, status: agreed}',
      nodes: { a9: { kind: 'action', label: 'Add the history to the form', owner: 'Police', due: '31/03/2023', strength: 'stronger', status: 'agreed' } },
      edges: ['addresses:a9->c1'],
    }],
    ['an action between causes does not end their level', {
      text: 'problem: P\n  why c1: A\n    why c2: B\n    !action: fix A\n    and c3: C',
      edges: ['causes:c2->c1', 'causes:c3->c1', 'addresses:a1->c1'],
      groups: { 'causes:c2->c1': 'c2', 'causes:c3->c1': 'c2' },
    }],
    ['and: an AND-group with the previous sibling, named after its first member', {
      text: 'problem: P\n  why c1: A\n    why c2: B\n    and c3: C\n    and c4: D\n    why c5: E\n    and c6: F',
      groups: { 'causes:c2->c1': 'c2', 'causes:c3->c1': 'c2', 'causes:c4->c1': 'c2', 'causes:c5->c1': 'c5', 'causes:c6->c1': 'c5' },
    }],
    ['@KEY: an existing cause also causes this line\'s parent (forward references too)', {
      text: 'problem: P\n  why c1: A\n    @c7\n  why c2: B\n    why c7: G',
      edges: ['causes:c7->c1', 'causes:c7->c2', 'causes:c1->P', 'causes:c2->P'].map((e) => e.replace('->P', '->p1')),
      groups: { 'causes:c7->c1': undefined },
    }],
    ['and @KEY: a reference in an AND-group', {
      text: 'problem: P\n  why c1: A\n    why c2: B\n    and @c3\n  why c3: C',
      edges: ['causes:c3->c1', 'causes:c3->p1'],
      groups: { 'causes:c2->c1': 'c2', 'causes:c3->c1': 'c2', 'causes:c3->p1': undefined },
    }],
    ['more than one problem; a cause can be referred to under both', {
      text: 'problem P1: First\n  why c1: A\nproblem P2: Second\n  @c1\n  why c2: B',
      nodes: { P1: { kind: 'problem' }, P2: { kind: 'problem' } },
      edges: ['causes:c1->P1', 'causes:c1->P2', 'causes:c2->P2'],
    }],
    ['comments and blank lines are ignored; the first comment is the title', {
      text: '# Child L — why?\n\n# another comment\nproblem: P\n\n  # a note\n  why: A',
      title: 'Child L — why?',
      edges: ['causes:c1->p1'],
    }],
    ['keywords are case-insensitive', {
      text: 'PROBLEM: P\n  Why: A\n    !Action: B {Strength: weaker}',
      nodes: { p1: { kind: 'problem' }, c1: { kind: 'cause' }, a1: { kind: 'action', strength: 'weaker' } },
    }],
    ['a tab counts as 2 spaces', {
      text: 'problem: P\n\twhy c1: A\n\t\twhy c2: B\n\twhy c3: C',
      edges: ['causes:c1->p1', 'causes:c2->c1', 'causes:c3->p1'],
    }],
    ['CRLF, lone CR and a BOM', {
      text: '\uFEFFproblem: P\r\n  why: A\r    why: B\n',
      edges: ['causes:c1->p1', 'causes:c2->c1'],
    }],
    ['colons after the first belong to the statement', {
      text: 'problem: Review: Child L\n  why: Police: no history shown',
      nodes: { p1: { label: 'Review: Child L' }, c1: { label: 'Police: no history shown' } },
    }],
  ];
  it.each(cases)('%s', (_name, c) => {
    const { graph, issues } = readWhyChain(c.text);
    expect(issues).toEqual([]);
    // Each case checks something beyond "no issues": the loops below are never all empty.
    const checks = Object.keys(c.nodes ?? {}).length + (c.edges ?? []).length + (c.absent ?? []).length + Object.keys(c.groups ?? {}).length + (c.title === undefined ? 0 : 1);
    expect(checks, 'a case with nothing to check').toBeGreaterThan(0);
    for (const [key, attributes] of Object.entries(c.nodes ?? {})) expect(graph.getNodeAttributes(key), key).toMatchObject(attributes);
    for (const edge of c.edges ?? []) expect(graph.hasEdge(edge), edge).toBe(true);
    for (const edge of c.absent ?? []) expect(graph.hasEdge(edge), edge).toBe(false);
    for (const [edge, group] of Object.entries(c.groups ?? {})) expect(groupOf(graph, edge), edge).toBe(group);
    if (c.title !== undefined) expect(graph.getAttribute('title')).toBe(c.title);
  });

  it('an edge list that is exactly the tree, nothing more', () => {
    const { graph } = readWhyChain('problem P1: P\n  why c1: A\n    why c2: B\n  why c3: C');
    expect(causeEdges(graph).sort()).toEqual(['causes:c1->P1', 'causes:c2->c1', 'causes:c3->P1']);
  });

  it('records the line each node was first written on', () => {
    const { lines } = readWhyChain('# t\nproblem: P\n\n  why: A [evidence: x-1]\n  why: B [evidence: x-1]\n    !action: C');
    expect(lines).toEqual({ p1: 2, c1: 4, 'ev:x-1': 4, c2: 5, a1: 6 });
  });
});

describe('why-chain: automatic keys', () => {
  const text = [
    'problem: P',
    '  why: first',
    '  why c1: explicit c1',
    '    why: second',
    '    !action: act',
    '    why c3: explicit c3',
    '      why: third',
    '      !action a1: explicit a1',
    '      !action: act two',
    'problem p2: explicit p2',
    'problem: another',
  ].join('\n');

  it('are p1…, c1…, a1… in line order, skipping keys written anywhere in the file', () => {
    const { graph, issues } = readWhyChain(text);
    expect(issues).toEqual([]);
    const labels = Object.fromEntries(graph.mapNodes((n, a) => [a.label, n]));
    expect(labels).toEqual({
      P: 'p1', first: 'c2', 'explicit c1': 'c1', second: 'c4', act: 'a2', 'explicit c3': 'c3', third: 'c5',
      'explicit a1': 'a1', 'act two': 'a3', 'explicit p2': 'p2', another: 'p3',
    });
  });

  it('are the same on every read, so exports diff cleanly', () => {
    expect(readWhyChain(text).graph.export()).toEqual(readWhyChain(text).graph.export());
    expect(JSON.stringify(readWhyChain(text).graph.export())).toBe(JSON.stringify(readWhyChain(text).graph.export()));
  });
});

// ---------------------------------------------------------------------------------------------
describe('why-chain: malformed input gives the line and a plain-English message', () => {
  const cases: Array<[string, string, number | undefined, string, RegExp]> = [
    ['a line indented under nothing', 'problem: P\nwhy: A', 2, 'whys-indent', /not indented under anything: indent it under the problem or cause/],
    ['a line indented under an action', 'problem: P\n  why: A\n    !action: B\n      why: C', 4, 'whys-indent', /indented under the action on line 3; nothing can be indented under an action/],
    ['a line indented under a reference', 'problem: P\n  why c1: A\n  why c2: B\n    @c1\n      why: C', 5, 'whys-indent', /under the reference @c1 on line 4/],
    ['a cause before any problem', '# title\n  why: A\nproblem: P', 2, 'whys-no-problem', /a cause before any problem/],
    ['a problem indented under a cause', 'problem: P\n  why: A\n    problem: Q', 3, 'whys-indent', /a problem must be at the outermost level, but this line is indented under line 2/],
    ['an action under the problem', 'problem: P\n  !action: A', 2, 'whys-misplaced', /an action must be indented under the cause it addresses, not under the problem on line 1/],
    ['an unknown attribute', 'problem: P\n  why: A {colour: red}', 2, 'whys-unknown-attribute', /unknown attribute "colour": a cause takes type, duty/],
    ['an action attribute on a cause', 'problem: P\n  why: A {owner: Police}', 2, 'whys-unknown-attribute', /unknown attribute "owner"/],
    ['a cause attribute on an action', 'problem: P\n  why: A\n    !action: B {duty: x}', 3, 'whys-unknown-attribute', /an action takes owner, due, strength, status/],
    ['attributes on a problem', 'problem: P {owner: x}', 1, 'whys-unknown-attribute', /a problem takes no attributes/],
    ['a bad strength', 'problem: P\n  why: A\n    !action: B {strength: strong}', 3, 'whys-bad-strength', /strength "strong" is not one of stronger, intermediate, weaker/],
    ['an attribute with no value', 'problem: P\n  why: A {type: }', 2, 'whys-empty-attribute', /"type" has no value/],
    ['an attribute given twice', 'problem: P\n  why: A {duty: x} {duty: y}', 2, 'whys-duplicate-attribute', /given twice/],
    ['braces without key: value', 'problem: P\n  why: A {important}', 2, 'whys-bad-attribute', /"key: value" pairs/],
    ['a reference to an unknown key', 'problem: P\n  why c1: A\n    @c9', 3, 'whys-unknown-reference', /@c9 refers to no line: no cause has the key "c9"/],
    ['a reference in the wrong case', 'problem: P\n  why C1: A\n  why x: B\n    @c1', 4, 'whys-unknown-reference', /did you mean @C1\?/],
    ['a reference to a problem', 'problem P1: P\n  why c1: A\n    @P1', 3, 'whys-bad-reference', /@P1 is a problem; only a cause can be referred to/],
    ['a reference to an action', 'problem: P\n  why c1: A\n    !action a1: B\n  why c2: C\n    @a1', 5, 'whys-bad-reference', /@a1 is an action/],
    ['an @ with no key', 'problem: P\n  why: A\n    @', 3, 'whys-bad-reference', /must be followed by the key of a cause/],
    ['an @ with more on the line', 'problem: P\n  why: A\n    @c1 and more', 3, 'whys-bad-reference', /alone on the line/],
    ['a reference that makes a loop', 'problem: P\n  why c1: A\n    why c2: B\n      @c1', 4, 'whys-cycle', /would make c1 a cause of itself/],
    ['a cause that refers to itself', 'problem: P\n  why c1: A\n    @c1', 3, 'whys-cycle', /would make c1 a cause of itself/],
    ['a duplicate key', 'problem: P\n  why c1: A\n  why c1: B', 3, 'whys-duplicate-key', /the key "c1" is already used on line 2; this line was given the key c2 instead/],
    ['keys differing only in case', 'problem: P\n  why C1: A\n  why c1: B', 3, 'whys-duplicate-key', /the key "c1" is already used \(as "C1"\) on line 2; this line was given the key c2 instead/],
    ['evidence both supporting and refuting', 'problem: P\n  why: A [evidence: police-4] [refutes: police-4]', 2, 'whys-evidence-both-ways', /police-4 is given both as \[evidence\] and as \[refutes\]/],
    ['an and with no previous sibling', 'problem: P\n  why: A\n    and: B', 3, 'whys-and-first', /"and" joins the cause above it at the same level, but there is none under line 2/],
    ['an unclosed [', 'problem: P\n  why: A [evidence: police-4', 2, 'whys-brackets', /the "\[" at column 10 is never closed/],
    ['an unclosed {', 'problem: P\n  why: A {type: condition', 2, 'whys-brackets', /the "\{" at column 10 is never closed/],
    ['an unclosed (', 'problem: P\n  why: A (policy', 2, 'whys-brackets', /the "\(" at column 10 is never closed/],
    ['a stray )', 'problem: P\n  why: A) B', 2, 'whys-brackets', /the "\)" at column 9 closes nothing/],
    ['a ( closed by ]', 'problem: P\n  why: A (policy]', 2, 'whys-brackets', /the "\(" at column 10 is closed by "\]" at column 17/],
    ['an unknown line', 'problem: P\n  because: A', 2, 'whys-syntax', /expected a line starting "problem:", "why:", "and:", "@key" or "!action:", found "because: A"/],
    ['a keyword with no colon', 'problem: P\n  why A', 2, 'whys-syntax', /"why" needs a colon/],
    ['a key with a space', 'problem: P\n  why c 1: A', 2, 'whys-bad-key', /"c 1" cannot be a key/],
    ['an empty statement', 'problem: P\n  why c1:   [evidence: x]', 2, 'whys-empty-statement', /has no statement after the colon/],
    ['an unknown annotation', 'problem: P\n  why: A [source: x]', 2, 'whys-unknown-tag', /unknown annotation "\[source: …\]" at column 10/],
    ['brackets with no label', 'problem: P\n  why: A [police-4]', 2, 'whys-unknown-tag', /needs a label: write \[evidence: ids\]/],
    ['an empty annotation', 'problem: P\n  why: A [evidence: ]', 2, 'whys-empty-annotation', /is empty/],
    ['evidence on a problem', 'problem: P [evidence: police-4]', 1, 'whys-misplaced', /can only be given for a cause/],
    ['evidence on an action', 'problem: P\n  why: A\n    !action: B [evidence: x]', 3, 'whys-misplaced', /not an action/],
    ['text after the annotations', 'problem: P\n  why: A [evidence: x] more words', 2, 'whys-text-after-annotation', /"more words" comes after/],
    ['two categories', 'problem: P\n  why: A (policy) [evidence: x] (practitioner)', 2, 'whys-two-categories', /"\(policy\)" and "\(practitioner\)"/],
    ['a file with no problem', '# only a comment\n', undefined, 'whys-no-problem', /chain\.txt has no problem line/],
  ];
  it.each(cases)('%s', (_name, text, line, code, message) => {
    expectOneIssue(readWhyChain(text).issues, 'error', code, line, message);
  });

  const warnings: Array<[string, string, number, string, RegExp]> = [
    ['tabs and spaces mixed', 'problem: P\n\twhy: A\n    why: B', 3, 'whys-mixed-indent', /mixes tabs \(first on line 2\) and spaces \(first on line 3\)/],
    ['siblings indented differently', 'problem: P\n    why: A\n  why: B', 3, 'whys-indent-uneven', /indented 2 but line 2, at the same level, is indented 4/],
    ['an unknown cause type', 'problem: P\n  why: A {type: bad luck}', 2, 'whys-unknown-type', /type "bad luck" is not one of condition, action, human-error/],
    ['a reference that repeats a link', 'problem: P\n  why c1: A\n    why c2: B\n    @c2', 4, 'whys-duplicate-link', /c2 is already a cause of c1/],
  ];
  it.each(warnings)('warns: %s', (_name, text, line, code, message) => {
    const { issues } = readWhyChain(text);
    expect(errors(issues)).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', code, line });
    expect(issues[0]!.message).toMatch(message);
  });

  it('keeps every valid part of a file with several mistakes', () => {
    const text = [
      'problem P1: Hurt',                                        // 1
      '  why c1: A (practitioner) {colour: red}',                // 2 unknown attribute: node kept
      '    wy: typo',                                             // 3 unreadable
      '      why c2: under the unreadable line',                  // 4 kept, not linked
      '        why c3: deeper still',                             // 5 linked to c2
      '    why c4: B [evidence: police-4',                        // 6 unclosed: node kept, evidence dropped
      '      !action: fix B {strength: strong, owner: Police}',   // 7 bad strength: action kept with owner
      '    and c5: C',                                            // 8 groups with c4
      '    @c99',                                                 // 9 unknown reference
      '  why c1: duplicate',                                      // 10 duplicate key → c6
    ].join('\n');
    const { graph, issues } = readWhyChain(text);
    expect(brief(issues)).toEqual([
      [2, 'whys-unknown-attribute'], [3, 'whys-syntax'], [6, 'whys-brackets'], [7, 'whys-bad-strength'],
      [9, 'whys-unknown-reference'], [10, 'whys-duplicate-key'],
    ]);
    expect(nodesOf(graph)).toEqual({
      P1: { kind: 'problem', label: 'Hurt' },
      c1: { kind: 'cause', label: 'A', category: 'practitioner' },
      c2: { kind: 'cause', label: 'under the unreadable line' },
      c3: { kind: 'cause', label: 'deeper still' },
      c4: { kind: 'cause', label: 'B' },
      a1: { kind: 'action', label: 'fix B', owner: 'Police' },
      c5: { kind: 'cause', label: 'C' },
      c6: { kind: 'cause', label: 'duplicate' },
    });
    expect(graph.edges().sort()).toEqual(['addresses:a1->c4', 'causes:c1->P1', 'causes:c3->c2', 'causes:c4->c1', 'causes:c5->c1', 'causes:c6->P1']);
    expect(groupOf(graph, 'causes:c5->c1')).toBe('c4');
  });
});

// ---------------------------------------------------------------------------------------------
describe('fishbone CSV', () => {
  const FISHBONE = [
    'CATEGORY,cause,Sub-Cause,Evidence IDs,Notes',
    'Agency systems,"Each call-out screened on its own, without history","The contact screen shows the current incident only","csc-case-notes-36; police-7, police-6 police-5",x',
    'Agency systems,"Each call-out screened on its own, without history","Three social workers in eight months",csc-case-notes-26,',
    'Practitioner,"Nursery released L to a man ""not on the list""",,school-25,',
  ].join('\r\n');

  it('reads causes, sub-causes and evidence; quoted cells; headings in any case', () => {
    const { graph, issues, lines } = readFishboneCsv(FISHBONE);
    expect(issues).toEqual([{ severity: 'info', code: 'fishbone-unused-column', line: 1, message: 'column "Notes" not used' }]);
    expect(nodesOf(graph)).toMatchObject({
      p1: { kind: 'problem', label: 'Problem' },
      c1: { kind: 'cause', label: 'Each call-out screened on its own, without history', category: 'Agency systems' },
      c2: { kind: 'cause', label: 'The contact screen shows the current incident only', category: 'Agency systems' },
      c3: { kind: 'cause', label: 'Three social workers in eight months' },
      c4: { kind: 'cause', label: 'Nursery released L to a man "not on the list"', category: 'Practitioner' },
      'ev:police-6': { kind: 'evidence', event: 'police-6' },
    });
    expect(graph.edges().sort()).toEqual([
      'causes:c1->p1', 'causes:c2->c1', 'causes:c3->c1', 'causes:c4->p1',
      'supports:ev:csc-case-notes-26->c3', 'supports:ev:csc-case-notes-36->c2', 'supports:ev:police-5->c2',
      'supports:ev:police-6->c2', 'supports:ev:police-7->c2', 'supports:ev:school-25->c4',
    ]);
    expect(lines).toMatchObject({ p1: 2, c1: 2, c2: 2, c3: 3, c4: 4 });
  });

  it('reads a semicolon-delimited file given as bytes, with a "Problem:" title line', () => {
    const csv = 'Child L fishbone\nProblem: Child L was injured\n\nCategory;Cause;Sub-cause;Evidence\nPolicy & procedure;"No trigger; no discussion";;csc-case-notes-38\n';
    const { graph, issues } = readFishboneCsv(new TextEncoder().encode(csv), 'x.csv');
    expect(issues).toEqual([]);
    expect(graph.getNodeAttributes('p1')).toEqual({ kind: 'problem', label: 'Child L was injured' });
    expect(graph.getNodeAttributes('c1')).toEqual({ kind: 'cause', label: 'No trigger; no discussion', category: 'Policy & procedure' });
    expect(graph.hasEdge('supports:ev:csc-case-notes-38->c1')).toBe(true);
  });

  it('decodes Windows-1252 and UTF-16 bytes like an agency file', () => {
    const csv = 'Category,Cause\nChild,Zoë’s account was not sought\n';
    const cp1252 = Uint8Array.from([...csv].map((ch) => (ch === 'ë' ? 0xeb : ch === '’' ? 0x92 : ch.charCodeAt(0))));
    expect(readFishboneCsv(cp1252).graph.getNodeAttribute('c1', 'label')).toBe('Zoë’s account was not sought');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...csv].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    expect(readFishboneCsv(utf16).graph.getNodeAttribute('c1', 'label')).toBe('Zoë’s account was not sought');
  });

  it('one node per statement, compared ignoring case and spacing; a shared sub-cause has two edges', () => {
    const csv = [
      'Category,Cause,Sub-cause',
      'Agency systems,Turnover,Agency contracts',
      'Family,Dean Holt not assessed,agency  CONTRACTS',
      'Agency systems,turnover,',
    ].join('\n');
    const { graph, issues } = readFishboneCsv(csv);
    expect(issues).toEqual([]);
    expect(graph.filterNodes((_n, a) => a.kind === 'cause')).toEqual(['c1', 'c2', 'c3']);
    expect(causeEdges(graph).sort()).toEqual(['causes:c1->p1', 'causes:c2->c1', 'causes:c2->c3', 'causes:c3->p1']);
    expect(graph.getNodeAttribute('c2', 'category')).toBe('Agency systems');
  });

  it('a Problem column gives one problem per distinct text, p1, p2… in order', () => {
    const csv = 'Problem,Category,Cause\nHead injury,Child,A\nHead injury,Child,B\nMissed school,Family,C\n';
    const { graph } = readFishboneCsv(csv);
    expect(graph.filterNodes((_n, a) => a.kind === 'problem').map((n) => [n, graph.getNodeAttribute(n, 'label')])).toEqual([['p1', 'Head injury'], ['p2', 'Missed school']]);
    expect(causeEdges(graph).sort()).toEqual(['causes:c1->p1', 'causes:c2->p1', 'causes:c3->p2']);
  });

  it('blank cells repeat the row above, as merged cells do — a cause only on the same bone', () => {
    const csv = [
      'Problem,Category,Cause,Sub-cause,Evidence',
      'Head injury,Agency systems,Turnover,Agency contracts,csc-case-notes-30',
      ',,,No handover,csc-case-notes-26',
      ',,Screening one incident at a time,,police-7',
      ',Family,,Worked with mother alone,',
    ].join('\n');
    const { graph, issues } = readFishboneCsv(csv);
    expect(brief(issues)).toEqual([[5, 'fishbone-no-cause']]);
    expect(issues[0]!.message).toBe('this row has a sub-cause but no cause (and none above it on the same bone to repeat)');
    expect(causeEdges(graph).sort()).toEqual(['causes:c1->p1', 'causes:c2->c1', 'causes:c3->c1', 'causes:c4->p1']);
    expect(graph.getNodeAttribute('c4', 'category')).toBe('Agency systems');
    expect(graph.hasEdge('supports:ev:police-7->c4')).toBe(true);
  });

  it.each([
    ['a row with no cause', 'Category,Cause,Sub-cause\nChild,,Not seen\n', 2, 'fishbone-no-cause', /has a sub-cause but no cause/],
    ['a row after a quoted multi-line cell (physical lines)', 'Category,Cause,Sub-cause\nChild,"Two\nlines",\n,,\nFamily,,x\n', 5, 'fishbone-no-cause', /no cause/],
    ['a sub-cause of itself', 'Category,Cause,Sub-cause\nChild,Not seen,not  seen\n', 2, 'fishbone-cycle', /"Not seen" is given as a sub-cause of itself/],
    ['a loop across rows', 'Category,Cause,Sub-cause\nChild,A,B\nChild,B,A\n', 3, 'fishbone-cycle', /would make it a cause of itself/],
    ['no Category column', 'Cause,Evidence\nA,police-4\n', 1, 'fishbone-no-column', /the heading row has no Category column/],
    ['no heading row', 'a,b\nc,d\n', 1, 'fishbone-no-header', /no heading row with a Cause column/],
    ['an empty file', '', undefined, 'fishbone-empty', /fishbone\.csv is empty/],
  ])('%s', (_name, csv, line, code, message) => {
    expectOneIssue(readFishboneCsv(csv).issues, 'error', code, line, message);
  });

  it.each([
    ['a cause on two bones', 'Category,Cause\nChild,A\nFamily,a\n', 3, 'fishbone-category-conflict', /"a" is under "Child" on line 2 and "Family" here; the first was kept/],
    ['a cause with no category', 'Category,Cause\n,A\n', 2, 'fishbone-no-category', /"A" has no category/],
    ['an unclosed quote', 'Category,Cause\nChild,"A\n', 2, 'csv-quotes', /never closed/],
    ['headings but no rows', 'Category,Cause\n', 1, 'fishbone-no-rows', /no rows of causes/],
  ])('warns: %s', (_name, csv, line, code, message) => {
    const { issues } = readFishboneCsv(csv);
    expect(errors(issues)).toEqual([]);
    expectOneIssue(issues, 'warning', code, line, message);
  });

  it('a binary file is a coded error', () => {
    expect(() => readFishboneCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]), 'book.xlsx')).toThrow(ThroughlineError);
    // Asserted on the error thrown, not in a catch block that would pass if nothing were thrown.
    expect(() => readFishboneCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'book.xlsx')).toThrow(expect.objectContaining({
      code: 'file-binary',
      message: expect.stringMatching(/^book\.xlsx: this is an Excel workbook, not a fishbone CSV; open it in Excel and save it with File › Save As › "CSV UTF-8/),
    }));
  });
});

// ---------------------------------------------------------------------------------------------
describe('fishbone frameworks', () => {
  it.each([['npsa', 9], ['london-protocol', 7], ['seips', 6], ['safeguarding', 7], ['signs-of-safety', 3]] as const)('%s has %i categories', (id, n) => {
    expect(FRAMEWORKS[id]!.id).toBe(id);
    expect(FRAMEWORKS[id]!.categories).toHaveLength(n);
  });

  it('Signs of Safety carries the 0–10 safety scale', () => {
    expect(FRAMEWORKS['signs-of-safety']!.scale).toMatchObject({ min: 0, max: 10 });
    expect(FRAMEWORKS['signs-of-safety']!.scale!.note).toMatch(/10 means/);
  });

  it.each([
    ['safeguarding', 'multi-agency working', 'multi-agency'],
    ['safeguarding', 'comms', 'multi-agency'],
    ['safeguarding', 'Multi-agency working & information sharing', 'multi-agency'],
    ['safeguarding', 'agency systems', 'agency-systems'],
    ['safeguarding', 'agency systems & resources', 'agency-systems'],
    ['safeguarding', 'policy & procedure', 'policy-procedure'],
    ['safeguarding', 'Policy and Procedure', 'policy-procedure'],
    ['safeguarding', 'parents/carers & family environment', 'family'],
    ['safeguarding', 'wider context', 'wider-context'],
    ['safeguarding', 'child', 'child'],
    ['npsa', 'comms', 'communication'],
    ['npsa', 'Patient factors', 'patient'],
    ['npsa', 'working conditions/environment', 'working-conditions'],
    ['npsa', 'team & social', 'team-social'],
    ['npsa', 'organisational and strategic factors', 'organisational-strategic'],
    ['london-protocol', 'Task & technology', 'task-technology'],
    ['london-protocol', 'institutional context', 'institutional'],
    ['seips', 'tools and technology', 'tools-technology'],
    ['seips', 'External environment', 'external-environment'],
    ['signs-of-safety', "what's working well", 'working-well'],
    ['signs-of-safety', 'What are we worried about?', 'worried'],
    ['signs-of-safety', 'next steps', 'needs-to-happen'],
  ])('%s: "%s" → %s', (framework, text, id) => {
    expect(categoryOf(FRAMEWORKS[framework]!, text)).toBe(id);
  });

  it.each([['safeguarding', 'astrology'], ['safeguarding', ''], ['npsa', '&'], ['seips', 'multi-agency working']])('%s: "%s" is no category', (framework, text) => {
    expect(categoryOf(FRAMEWORKS[framework]!, text)).toBeUndefined();
  });

  it('every id, label and synonym names its own category', () => {
    for (const f of Object.values(FRAMEWORKS)) {
      for (const c of f.categories) for (const term of [c.id, c.label, ...c.synonyms]) expect(categoryOf(f, term), `${f.id}: ${term}`).toBe(c.id);
    }
  });

  it('frameworkByName takes an id or a name, loosely written', () => {
    expect(frameworkByName('London Protocol')?.id).toBe('london-protocol');
    expect(frameworkByName('SEIPS')?.id).toBe('seips');
    expect(frameworkByName('signs of safety')?.id).toBe('signs-of-safety');
    expect(frameworkByName('npsa contributory factors')?.id).toBe('npsa');
    expect(frameworkByName('fishbone')).toBeUndefined();
  });

  it('a valid custom framework, its id from the file name', () => {
    const f = validateFramework({ name: 'Our bones', categories: [{ id: 'people', label: 'People', synonyms: ['staff'] }, { id: 'kit', label: 'Kit' }] }, 'frameworks/Our Set.json');
    expect(f).toEqual({ id: 'our-set', name: 'Our bones', categories: [{ id: 'people', label: 'People', synonyms: ['staff'] }, { id: 'kit', label: 'Kit', synonyms: [] }] });
    expect(categoryOf(f, 'Staff')).toBe('people');
  });

  const good = { name: 'N', categories: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] };
  it.each([
    ['not an object', [], '(root)'],
    ['an unknown key', { ...good, colour: 'red' }, 'colour'],
    ['no name', { categories: good.categories }, 'name'],
    ['a bad id', { ...good, id: 'My Set' }, 'id'],
    ['no categories', { name: 'N', categories: [] }, 'categories'],
    ['a category that is not an object', { name: 'N', categories: ['a'] }, 'categories[0]'],
    ['a bad category id', { name: 'N', categories: [{ id: 'a', label: 'A' }, { id: 'B b', label: 'B' }] }, 'categories[1].id'],
    ['a category without a label', { name: 'N', categories: [{ id: 'a' }] }, 'categories[0].label'],
    ['synonyms not a list', { name: 'N', categories: [{ id: 'a', label: 'A', synonyms: 'x' }] }, 'categories[0].synonyms'],
    ['an unknown category key', { name: 'N', categories: [{ id: 'a', label: 'A', colour: 'red' }] }, 'categories[0].colour'],
    ['a duplicate id', { name: 'N', categories: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }, 'categories[1].id'],
    ['a synonym naming two categories', { name: 'N', categories: [{ id: 'a', label: 'A', synonyms: ['comms'] }, { id: 'b', label: 'B', synonyms: ['x', 'Comms'] }] }, 'categories[1].synonyms[1]'],
    ['a label equal to another id', { name: 'N', categories: [{ id: 'a', label: 'A' }, { id: 'b', label: 'a' }] }, 'categories[1].label'],
    ['a scale upside down', { ...good, scale: { min: 10, max: 0, note: 'x' } }, 'scale.max'],
    ['a scale with no note', { ...good, scale: { min: 0, max: 10 } }, 'scale.note'],
  ])('a malformed custom framework names the key: %s', (_name, value, key) => {
    let error: unknown;
    try { validateFramework(value, 'mine.json'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ThroughlineError);
    expect((error as ThroughlineError).code).toBe('framework-invalid');
    expect((error as Error).message).toContain(`mine.json: framework key "${key}" is invalid`);
  });
});

// ---------------------------------------------------------------------------------------------
describe('fixtures: the Child L analysis', () => {
  const timeline = demoTimeline();
  const eventIds = new Set(timeline.events.map((e) => e.id));
  const safeguarding = FRAMEWORKS.safeguarding!;

  const whys = readWhyChain(readFileSync('fixtures/rca/child-l.whys.txt', 'utf8'), 'child-l.whys.txt');
  const fishbone = readFishboneCsv(readFileSync('fixtures/rca/child-l.fishbone.csv'), 'child-l.fishbone.csv');

  const citedEvents = (g: CauseGraph): string[] => g.filterNodes((_n, a) => a.kind === 'evidence' && a.event !== undefined).map((n) => g.getNodeAttribute(n, 'label'));
  const causes = (g: CauseGraph): string[] => g.filterNodes((_n, a) => a.kind === 'cause');
  const pathsToProblem = (g: CauseGraph, from: string): number =>
    g.getNodeAttribute(from, 'kind') === 'problem' ? 1
      : g.outEdges(from).filter((e) => g.getEdgeAttribute(e, 'kind') === 'causes').reduce((n, e) => n + pathsToProblem(g, g.target(e)), 0);

  it.each([['why-chain', whys], ['fishbone', fishbone]])('%s parses with no issues at all', (_name, read) => {
    expect(read.issues).toEqual([]);
  });

  // The event ids written in the fixtures' [evidence: …] and [refutes: …] annotations and Evidence
  // cells, each once, read off the files by hand.
  const CITED_BY_BOTH = [
    'csc-case-notes-20', 'csc-case-notes-21', 'csc-case-notes-22', 'csc-case-notes-26', 'csc-case-notes-30', 'csc-case-notes-31',
    'csc-case-notes-36', 'csc-case-notes-38', 'csc-case-notes-6', 'csc-case-notes-7', 'gp-15', 'police-14', 'police-4', 'police-5',
    'police-6', 'police-7', 'school-24', 'school-25',
  ];
  it.each([
    ['why-chain', whys, [...CITED_BY_BOTH, 'school-21'].sort()],
    ['fishbone', fishbone, CITED_BY_BOTH],
  ] as const)('%s cites only events of the merged demo chronology', (_name, read, ids) => {
    const cited = citedEvents(read.graph);
    expect([...cited].sort()).toEqual(ids);
    expect(cited.filter((id) => !eventIds.has(id))).toEqual([]);
  });

  it.each([['why-chain', whys], ['fishbone', fishbone]])('%s puts every cause on a bone of the safeguarding framework', (_name, read) => {
    const g = read.graph;
    expect(causes(g).filter((c) => categoryOf(safeguarding, g.getNodeAttribute(c, 'category') as string ?? '') === undefined)).toEqual([]);
  });

  it('the why-chain has what a worked example needs', () => {
    const g = whys.graph;
    expect(g.getAttribute('title')).toBe('Child L — why was L seriously injured at home on 25/11/2022?');
    // The causes nothing is indented under (read off the file): c3, c5, c7, c10, c13, c14.
    const roots = causes(g).filter((c) => !g.inEdges(c).some((e) => g.getEdgeAttribute(e, 'kind') === 'causes'));
    expect([...roots].sort()).toEqual(['c10', 'c13', 'c14', 'c3', 'c5', 'c7']);
    // An AND-group ("and c4" joins "why c2" under c1, named after c2), and a cause (c6) with two
    // paths to the problem through an @reference.
    expect(g.filterEdges((_e, a) => a.group !== undefined).map((e) => [e, g.getEdgeAttribute(e, 'group')]).sort()).toEqual([['causes:c2->c1', 'c2'], ['causes:c4->c1', 'c2']]);
    expect(pathsToProblem(g, 'c6')).toBe(2);
    // Five actions, of every strength, each addressing a root cause (the !action lines under c3, c5, c7, c10, c13).
    const actions = g.filterNodes((_n, a) => a.kind === 'action');
    expect(actions.map((a) => [g.getNodeAttribute(a, 'strength' as never), g.target(g.outEdges(a)[0]!)])).toEqual([
      ['stronger', 'c3'], ['intermediate', 'c5'], ['intermediate', 'c7'], ['weaker', 'c10'], ['intermediate', 'c13'],
    ]);
    // One cause left unconfirmed (no evidence), and one refuted hypothesis.
    const unconfirmed = causes(g).filter((c) => !g.inEdges(c).some((e) => g.getEdgeAttribute(e, 'kind') === 'supports'));
    expect(unconfirmed).toEqual(['c10']);
    expect(g.filterEdges((_e, a) => a.kind === 'refutes').sort()).toEqual(['refutes:ev:school-21->c14', 'refutes:ev:school-24->c14']);
  });

  it('the fishbone holds the same case: one problem from the title line, a shared sub-cause', () => {
    const g = fishbone.graph;
    expect(g.filterNodes((_n, a) => a.kind === 'problem')).toEqual(['p1']);
    expect(g.getNodeAttribute('p1', 'label')).toMatch(/^Child L \(3\) was admitted to PICU/);
    // "Three social workers…" (c7) is a cause on line 11 and a sub-cause of c9 on line 15: one node,
    // two paths to the problem, and so two for its sub-cause c8 (line 12).
    expect(g.getNodeAttribute('c7', 'label')).toBe('Three social workers in eight months and eight weeks unallocated');
    expect(Object.fromEntries(causes(g).map((c) => [c, pathsToProblem(g, c)]))).toEqual({
      c1: 1, c2: 1, c3: 1, c4: 1, c5: 1, c6: 1, c7: 2, c8: 2, c9: 1, c10: 1, c11: 1, c12: 1,
    });
  });
});

describe('fixtures: the files with mistakes', () => {
  it('mistakes.whys.txt: one error per faulty line, the rest of the chain kept', () => {
    const { graph, issues } = readWhyChain(readFileSync('fixtures/rca/mistakes.whys.txt', 'utf8'), 'mistakes.whys.txt');
    expect(issues.map((i) => [i.line, i.severity, i.code])).toEqual([
      [3, 'error', 'whys-brackets'], [4, 'error', 'whys-unknown-attribute'], [5, 'error', 'whys-bad-strength'],
      [6, 'error', 'whys-indent'], [7, 'error', 'whys-and-first'], [8, 'error', 'whys-unknown-reference'],
      [9, 'error', 'whys-indent'], [10, 'error', 'whys-duplicate-key'], [11, 'error', 'whys-syntax'],
    ]);
    expect(issues[0]!.message).toBe('the "[" at column 75 is never closed; the rest of the line was ignored');
    expect(graph.getNodeAttributes('c2')).toEqual({ kind: 'cause', label: 'No strategy discussion was held', category: 'policy & procedure', type: 'failure-to-act' });
    expect(graph.getNodeAttributes('a1')).toEqual({ kind: 'action', label: 'Convene a strategy discussion after a high-risk call-out', owner: 'CSC' });
    expect(graph.edges().sort()).toEqual(['addresses:a1->c2', 'causes:c1->P1', 'causes:c2->P1', 'causes:c3->c2', 'causes:c6->c5']);
  });

  it('mistakes.fishbone.csv: row faults on their physical lines', () => {
    const { graph, issues } = readFishboneCsv(readFileSync('fixtures/rca/mistakes.fishbone.csv'), 'mistakes.fishbone.csv');
    expect(issues.map((i) => [i.line, i.severity, i.code])).toEqual([
      [5, 'error', 'fishbone-no-cause'], [6, 'error', 'fishbone-cycle'], [7, 'warning', 'fishbone-category-conflict'],
    ]);
    expect(issues[1]!.message).toBe('"Call-outs not assessed together" as a cause of "Each contact screened on its own" would make it a cause of itself (another row has it the other way round); the link was left out');
    expect(causeEdges(graph).sort()).toEqual(['causes:c1->p1', 'causes:c2->c1', 'causes:c2->p1', 'causes:c3->p1']);
  });
});

/**
 * Tests aimed at mutants that survived a StrykerJS run over src/rca: reading a cause graph from
 * JSON (every validation message), the framework files (every key named, with what was expected),
 * and the analysis report (messages, orderings, cycles, evidence and action findings). Expected
 * values are written from the README's contract ("Root cause analysis") and the code's comments.
 */
import { describe, expect, it } from 'vitest';
import { ThroughlineError } from '../../src/model/errors.js';
import { causeGraphFromJson, causeGraphToJson } from '../../src/rca/json.js';
import { categoryOf, FRAMEWORKS, frameworkByName, validateFramework } from '../../src/rca/frameworks.js';
import { analyseRca } from '../../src/rca/analyse.js';
import { CauseGraphBuilder } from '../../src/rca/model.js';
import { ingest } from '../../src/ingest/ingest.js';
import { merge } from '../../src/timeline/merge.js';
import { readFishboneCsv } from '../../src/rca/fishbone.js';

/** The error thrown by `f`, which must be a ThroughlineError. */
function thrown(f: () => unknown): ThroughlineError {
  try { f(); } catch (e) {
    expect(e).toBeInstanceOf(ThroughlineError);
    return e as ThroughlineError;
  }
  throw new Error('expected a ThroughlineError, but nothing was thrown');
}

const HEAD = { format: 'throughline-rca', version: '1.0' };
const doc = (nodes: unknown[], edges: unknown[] = [], attributes: Record<string, unknown> = HEAD): Record<string, unknown> =>
  ({ options: { type: 'directed', multi: false, allowSelfLoops: true }, attributes, nodes, edges });
const node = (key: string, kind: string, label: string, extra: Record<string, unknown> = {}): unknown => ({ key, attributes: { kind, label, ...extra } });
const edge = (source: string, target: string, kind: string, extra: Record<string, unknown> = {}): unknown => ({ source, target, attributes: { kind }, ...extra });

// ---------------------------------------------------------------------------------------------
describe('causeGraphFromJson: documents that are not a cause graph at all', () => {
  const notAGraph = (what: string): string => `g.json: not a throughline cause graph: ${what}`;
  it.each([
    ['null', null],
    ['a string', 'graph'],
    ['a number', 42],
    ['a list', [HEAD]],
  ])('%s is refused as not a JSON object', (_name, value) => {
    const e = thrown(() => causeGraphFromJson(value, 'g.json'));
    expect([e.code, e.message, e.file]).toEqual(['rca-invalid', notAGraph('expected a JSON object'), 'g.json']);
  });

  it.each([
    ['no attributes', { nodes: [], edges: [] }],
    ['attributes that are a list', { attributes: [HEAD], nodes: [], edges: [] }],
    ['another format', doc([], [], { format: 'graphology', version: '1.0' })],
  ])('%s: the format is named', (_name, value) => {
    const e = thrown(() => causeGraphFromJson(value, 'g.json'));
    expect([e.code, e.message]).toEqual(['rca-invalid', notAGraph('"attributes.format" must be "throughline-rca"')]);
  });

  it.each([
    ['no version', { format: 'throughline-rca' }],
    ['a numeric version', { format: 'throughline-rca', version: 1 }],
    ['version 2.0', { format: 'throughline-rca', version: '2.0' }],
    ['version 10.0 (not 1.x)', { format: 'throughline-rca', version: '10.0' }],
  ])('%s: the major version is named', (_name, attributes) => {
    const e = thrown(() => causeGraphFromJson(doc([], [], attributes), 'g.json'));
    expect([e.code, e.message]).toEqual(['rca-invalid', notAGraph('"attributes.version" must be 1.x')]);
  });

  it('a later 1.x version is read', () => {
    const { graph, issues } = causeGraphFromJson(doc([node('p1', 'problem', 'Hurt')], [], { format: 'throughline-rca', version: '1.7' }), 'g.json');
    expect(issues).toEqual([]);
    expect(graph.nodes()).toEqual(['p1']);
  });

  it.each([
    ['no nodes', { attributes: HEAD, edges: [] }],
    ['no edges', { attributes: HEAD, nodes: [] }],
    ['nodes not a list', { attributes: HEAD, nodes: {}, edges: [] }],
  ])('%s: "nodes" and "edges" must be lists', (_name, value) => {
    const e = thrown(() => causeGraphFromJson(value, 'g.json'));
    expect([e.code, e.message]).toEqual(['rca-invalid', notAGraph('"nodes" and "edges" must be lists')]);
  });
});

describe('causeGraphFromJson: the title', () => {
  it('keeps a written title and ignores one that is not text', () => {
    expect(causeGraphFromJson(doc([], [], { ...HEAD, title: 'Child L' }), 'g.json').graph.getAttributes()).toStrictEqual({ ...HEAD, title: 'Child L' });
    expect(causeGraphFromJson(doc([], [], { ...HEAD, title: 42 }), 'g.json').graph.getAttributes()).toStrictEqual(HEAD);
  });
});

describe('causeGraphFromJson: every bad node is reported, the rest is read', () => {
  const value = doc([
    null,
    'c0',
    { key: 7, attributes: { kind: 'cause', label: 'Seven' } },
    { key: 'k' },
    { key: 'r', attributes: [] },
    node('x', 'risk', 'A risk'),
    { key: 'y', attributes: { kind: 'cause' } },
    node('z', 'cause', '   '),
    node('w', 'problem', ''),
    node('v', 'cause', 5 as unknown as string),
    node('a1', 'action', 'Train staff', { strength: 'strong' }),
    node('p1', 'problem', 'Child L was hurt'),
    node('p1', 'problem', 'Child L was hurt again'),
    node('c1', 'cause', 'Records were not shared', { strength: 'whatever', note: 'kept' }),
    node('a2', 'action', 'Review the referral form'),
    node('a3', 'action', 'Link the case systems', { strength: 'stronger' }),
  ]);

  it('reports each one with its code, message and node', () => {
    const { issues } = causeGraphFromJson(value, 'g.json');
    const needs = (i: number): object => ({ severity: 'error', code: 'rca-bad-node', message: `nodes[${i}] needs a "key" and "attributes"` });
    expect(issues).toStrictEqual([
      needs(0), needs(1), needs(2), needs(3), needs(4),
      { severity: 'error', code: 'rca-bad-node', message: 'node "x": "attributes.kind" must be one of problem, cause, evidence, action', nodes: ['x'] },
      { severity: 'error', code: 'rca-bad-node', message: 'node "y": "attributes.label" must be the cause\'s text', nodes: ['y'] },
      { severity: 'error', code: 'rca-bad-node', message: 'node "z": "attributes.label" must be the cause\'s text', nodes: ['z'] },
      { severity: 'error', code: 'rca-bad-node', message: 'node "w": "attributes.label" must be the problem\'s text', nodes: ['w'] },
      { severity: 'error', code: 'rca-bad-node', message: 'node "v": "attributes.label" must be the cause\'s text', nodes: ['v'] },
      { severity: 'error', code: 'rca-bad-node', message: 'action "a1": strength must be one of stronger, intermediate, weaker', nodes: ['a1'] },
      { severity: 'error', code: 'rca-duplicate-node', message: 'node "p1" is defined twice', nodes: ['p1'] },
    ]);
  });

  it('keeps the good nodes, the first of a duplicate, and attributes it does not check', () => {
    const { graph } = causeGraphFromJson(value, 'g.json');
    expect(graph.nodes()).toEqual(['p1', 'c1', 'a2', 'a3']);
    expect(graph.getNodeAttributes('p1')).toStrictEqual({ kind: 'problem', label: 'Child L was hurt' });
    expect(graph.getNodeAttributes('c1')).toStrictEqual({ kind: 'cause', label: 'Records were not shared', strength: 'whatever', note: 'kept' });
    expect(graph.getNodeAttributes('a2')).toStrictEqual({ kind: 'action', label: 'Review the referral form' });
  });
});

describe('causeGraphFromJson: every bad edge is reported, the rest is read', () => {
  const nodes = [node('p1', 'problem', 'Hurt'), node('c1', 'cause', 'One'), node('c2', 'cause', 'Two'), node('e1', 'evidence', 'police-4', { event: 'police-4' }), node('a1', 'action', 'Fix')];
  const value = doc(nodes, [
    null,
    'c1->p1',
    { source: 1, target: 'p1', attributes: { kind: 'causes' } },
    { source: 'c1', target: 2, attributes: { kind: 'causes' } },
    { source: 'c1', target: 'p1' },
    { source: 'c1', target: 'p1', attributes: [] },
    edge('c1', 'p1', 'leads-to'),
    edge('c9', 'p1', 'causes'),
    edge('e8', 'c8', 'supports'),
    edge('e1', 'a1', 'causes'),
    edge('c1', 'p1', 'supports'),
    edge('c1', 'p1', 'causes', { key: 'link-1' }),
    { source: 'c2', target: 'p1', attributes: { kind: 'causes', group: 'g1' } },
    edge('c1', 'p1', 'causes'),
    edge('c2', 'c1', 'causes', { key: 'link-1' }),
    edge('e1', 'c2', 'supports'),
    edge('a1', 'c2', 'addresses'),
  ]);

  it('reports each one with its code, message and nodes', () => {
    const { issues } = causeGraphFromJson(value, 'g.json');
    const needs = (i: number): object => ({ severity: 'error', code: 'rca-bad-edge', message: `edges[${i}] needs "source", "target" and "attributes"` });
    expect(issues).toStrictEqual([
      needs(0), needs(1), needs(2), needs(3), needs(4), needs(5),
      { severity: 'error', code: 'rca-bad-edge', message: 'edge c1 → p1: "attributes.kind" must be one of causes, supports, refutes, addresses', nodes: ['c1', 'p1'] },
      { severity: 'error', code: 'rca-unknown-reference', message: 'causes c9 → p1: there is no node "c9"', nodes: ['c9', 'p1'] },
      { severity: 'error', code: 'rca-unknown-reference', message: 'supports e8 → c8: there is no node "e8" or "c8"', nodes: ['e8', 'c8'] },
      { severity: 'error', code: 'rca-edge-kind', message: 'causes e1 → a1: a "causes" edge runs from cause to cause/problem, not from evidence to action', nodes: ['e1', 'a1'] },
      { severity: 'error', code: 'rca-edge-kind', message: 'supports c1 → p1: a "supports" edge runs from evidence to cause, not from cause to problem', nodes: ['c1', 'p1'] },
      { severity: 'error', code: 'rca-duplicate-edge', message: 'edge c1 → p1 is given twice', nodes: ['c1', 'p1'] },
      { severity: 'error', code: 'rca-duplicate-edge', message: 'edge c2 → c1 is given twice', nodes: ['c2', 'c1'] },
    ]);
  });

  it('keeps the good edges, under their own key or the deterministic one', () => {
    const { graph } = causeGraphFromJson(value, 'g.json');
    expect(graph.edges()).toEqual(['link-1', 'causes:c2->p1', 'supports:e1->c2', 'addresses:a1->c2']);
    expect(graph.getEdgeAttributes('causes:c2->p1')).toStrictEqual({ kind: 'causes', group: 'g1' });
    expect([graph.source('link-1'), graph.target('link-1')]).toEqual(['c1', 'p1']);
  });

  it('writes back what it read', () => {
    const good = doc(nodes, [edge('c1', 'p1', 'causes', { key: 'link-1' }), { key: 'causes:c2->p1', source: 'c2', target: 'p1', attributes: { kind: 'causes', group: 'g1' } }], { ...HEAD, title: 'T' });
    const read = causeGraphFromJson(good, 'g.json');
    expect(read.issues).toEqual([]);
    expect(causeGraphToJson(read.graph)).toEqual(good);
  });
});

// ---------------------------------------------------------------------------------------------
describe('validateFramework: every malformed key is named with what was expected', () => {
  const good = { name: 'N', categories: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] };
  const cat = (c: Record<string, unknown>): Record<string, unknown> => ({ name: 'N', categories: [{ id: 'a', label: 'A', ...c }] });
  it.each([
    [null, '(root)', 'a JSON object with "name" and "categories"'],
    [{ ...good, colour: 'red' }, 'colour', 'one of id, name, source, categories, scale'],
    [{ ...good, id: 5 }, 'id', 'lower-case letters, digits and "-"'],
    [{ ...good, id: 'My Set' }, 'id', 'lower-case letters, digits and "-"'],
    [{ ...good, name: '' }, 'name', 'a non-empty string'],
    [{ ...good, name: '   ' }, 'name', 'a non-empty string'],
    [{ ...good, source: 5 }, 'source', 'a string'],
    [{ ...good, categories: [] }, 'categories', 'a non-empty list of categories'],
    [{ ...good, categories: [null] }, 'categories[0]', 'an object with "id" and "label"'],
    [cat({ colour: 'red' }), 'categories[0].colour', 'one of id, label, synonyms, description'],
    [cat({ id: 5 }), 'categories[0].id', 'lower-case letters, digits and "-", e.g. "policy-procedure"'],
    [cat({ label: '  ' }), 'categories[0].label', 'a non-empty string'],
    [cat({ synonyms: ['ok', ' '] }), 'categories[0].synonyms', 'a list of non-empty strings'],
    [cat({ description: 5 }), 'categories[0].description', 'a string'],
    [cat({ label: '!!!' }), 'categories[0].label', 'words, not only punctuation'],
    [cat({ synonyms: ['staff', '--'] }), 'categories[0].synonyms[1]', 'words, not only punctuation'],
    [{ name: 'N', categories: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }, 'categories[1].id', 'an id no other category uses ("a" is also categories[0])'],
    [{ name: 'N', categories: [{ id: 'a', label: 'Comms' }, { id: 'comms', label: 'B' }] }, 'categories[1].id', 'a name no other category uses ("comms" also names "a")'],
    [{ name: 'N', categories: [{ id: 'a', label: 'A', synonyms: ['Info sharing'] }, { id: 'b', label: 'B', synonyms: ['info-sharing'] }] }, 'categories[1].synonyms[0]', 'a name no other category uses ("info-sharing" also names "a")'],
    [{ ...good, scale: 5 }, 'scale', 'an object with "min", "max" and "note"'],
    [{ ...good, scale: null }, 'scale', 'an object with "min", "max" and "note"'],
    [{ ...good, scale: { min: 0, max: 10, note: 'n', colour: 'red' } }, 'scale.colour', 'one of min, max, note'],
    [{ ...good, scale: { min: 0.5, max: 10, note: 'n' } }, 'scale.min', 'a whole number'],
    [{ ...good, scale: { min: 5, max: 5, note: 'n' } }, 'scale.max', 'a whole number above scale.min'],
    [{ ...good, scale: { min: 0, max: 10, note: '' } }, 'scale.note', 'a non-empty string saying what the ends of the scale mean'],
  ])('%j → %s', (value, key, expected) => {
    const e = thrown(() => validateFramework(value, 'mine.json'));
    expect([e.code, e.message]).toEqual(['framework-invalid', `mine.json: framework key "${key}" is invalid: expected ${expected}`]);
  });
});

describe('validateFramework: a valid framework, returned clean', () => {
  it('trims names, labels and synonyms and keeps id, source, description and scale', () => {
    const f = validateFramework({
      id: 'my-set', name: '  Our bones ', source: 'Our review team',
      categories: [{ id: 'people', label: ' People ', synonyms: [' staff '], description: 'Who did what' }, { id: 'kit', label: 'Kit' }],
      scale: { min: 0, max: 10, note: '10: safe enough to close' },
    }, 'frameworks/whatever.json');
    expect(f).toStrictEqual({
      id: 'my-set', name: 'Our bones', source: 'Our review team',
      categories: [{ id: 'people', label: 'People', synonyms: ['staff'], description: 'Who did what' }, { id: 'kit', label: 'Kit', synonyms: [] }],
      scale: { min: 0, max: 10, note: '10: safe enough to close' },
    });
    expect(categoryOf(f, 'STAFF')).toBe('people');
  });

  it('adds no source, description or scale that was not written', () => {
    expect(validateFramework({ name: 'N', categories: [{ id: 'a', label: 'A' }] }, 'n.json')).toStrictEqual({ id: 'n', name: 'N', categories: [{ id: 'a', label: 'A', synonyms: [] }] });
  });

  it('a scale of one step is allowed', () => {
    expect(validateFramework({ name: 'N', categories: [{ id: 'a', label: 'A' }], scale: { min: 0, max: 1, note: 'yes or no' } }, 'n.json').scale).toStrictEqual({ min: 0, max: 1, note: 'yes or no' });
  });

  it.each([
    ['frameworks/Our  Set.json', 'our-set'],
    ['(Our Set).json', 'our-set'],
    ['C:\\reviews\\sets\\Mine.JSON', 'mine'],
    ['sets/team.json.bak', 'team-json-bak'],
    ['!!!.json', 'custom'],
  ])('a framework without an id takes it from the file name: %s → %s', (name, id) => {
    expect(validateFramework({ name: 'N', categories: [{ id: 'a', label: 'A' }] }, name).id).toBe(id);
  });

  it('the shipped Signs of Safety framework keeps its scale', () => {
    expect(FRAMEWORKS['signs-of-safety']!.scale).toMatchObject({ min: 0, max: 10 });
  });
});

// ---------------------------------------------------------------------------------------------
describe('analyseRca: cycles', () => {
  // a1 ⇄ a2 leads into the cycle x → y → z → x, which leads to p. Each cycle is reported once,
  // starting at its smallest key, the cycles in key order, and every member still reaches p.
  const g = new CauseGraphBuilder();
  g.problem('p', 'Injury');
  for (const k of ['a1', 'a2', 'x', 'y', 'z']) g.cause(k, `Cause ${k}`);
  g.causes('a1', 'a2'); g.causes('a2', 'a1'); g.causes('a2', 'x');
  g.causes('x', 'y'); g.causes('y', 'z'); g.causes('z', 'x'); g.causes('z', 'p');

  it('reports each whole cycle, with its message', () => {
    const r = analyseRca(g.graph);
    expect(r.cycles).toEqual([['a1', 'a2'], ['x', 'y', 'z']]);
    expect(r.validation).toStrictEqual([
      { severity: 'error', code: 'rca-cycle', message: 'a cycle of causes: a1 → a2 → a1; path counts leave these causes out', nodes: ['a1', 'a2'] },
      { severity: 'error', code: 'rca-cycle', message: 'a cycle of causes: x → y → z → x; path counts leave these causes out', nodes: ['x', 'y', 'z'] },
    ]);
    expect(r.errors).toBe(2);
  });

  it('a cause upstream of a cycle, which reaches the problem only through it, is connected (not rca-not-connected)', () => {
    // c → x, x ⇄ y, y → p: c's only way to p is through the cycle. Found by this file's author
    // reading the code (mutant #258 survived because the code had this wrong).
    const h = new CauseGraphBuilder();
    h.problem('p', 'Injury');
    for (const k of ['c', 'x', 'y']) h.cause(k, `Cause ${k}`);
    h.causes('c', 'x'); h.causes('x', 'y'); h.causes('y', 'x'); h.causes('y', 'p');
    const report = analyseRca(h.graph);
    expect(report.validation.map((v) => [v.code, v.nodes])).toEqual([['rca-cycle', ['x', 'y']]]);
    // A cause that reaches no problem at all, beside the same cycle, is still reported.
    h.cause('d', 'Cause d');
    h.causes('x', 'd');
    expect(analyseRca(h.graph).validation.map((v) => [v.code, v.nodes])).toEqual([['rca-cycle', ['x', 'y']], ['rca-not-connected', ['d']]]);
  });

  it('gives the shortest cycle through the smallest key', () => {
    const h = new CauseGraphBuilder();
    h.problem('p', 'Injury');
    for (const k of ['a', 'b', 'c']) h.cause(k, `Cause ${k}`);
    h.causes('a', 'b'); h.causes('b', 'c'); h.causes('c', 'a'); h.causes('a', 'c'); h.causes('c', 'p');
    expect(analyseRca(h.graph).cycles).toEqual([['a', 'c']]);
  });

  it('reports the causes of a cycle that leads to no problem as not connected', () => {
    const h = new CauseGraphBuilder();
    h.problem('p', 'Injury');
    h.cause('c', 'Referral not made'); h.causes('c', 'p');
    h.cause('x', 'Workers do not trust the system'); h.cause('y', 'The system is not used');
    h.causes('x', 'y'); h.causes('y', 'x');
    expect(analyseRca(h.graph).validation).toStrictEqual([
      { severity: 'error', code: 'rca-cycle', message: 'a cycle of causes: x → y → x; path counts leave these causes out', nodes: ['x', 'y'] },
      { severity: 'error', code: 'rca-not-connected', message: '"Workers do not trust the system" (x) does not lead to any problem', nodes: ['x'] },
      { severity: 'error', code: 'rca-not-connected', message: '"The system is not used" (y) does not lead to any problem', nodes: ['y'] },
    ]);
  }, 20_000);
});

describe('analyseRca: validation messages', () => {
  it('a self-loop is named with its label', () => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('s', 'Self-caused'); g.causes('s', 's'); g.causes('s', 'p');
    expect(analyseRca(g.graph).validation).toStrictEqual([{ severity: 'error', code: 'rca-self-loop', message: '"Self-caused" (s) is given as its own cause', nodes: ['s'] }]);
  });

  it('an analysis with no problem says so, and has no paths or leverage', () => {
    const g = new CauseGraphBuilder('No problem');
    g.cause('z', 'Unrelated');
    const r = analyseRca(g.graph);
    expect(r.validation).toStrictEqual([
      { severity: 'error', code: 'rca-not-connected', message: '"Unrelated" (z) does not lead to any problem', nodes: ['z'] },
      { severity: 'error', code: 'rca-no-problem', message: 'the analysis has no problem (the incident or outcome being explained)' },
    ]);
    expect(r.errors).toBe(2);
    expect(r.problems).toEqual([]);
    expect(r.leverage).toEqual([]);
    expect(r.depth.shallow).toEqual([]);
  });

  it('a cause that leads nowhere has no leverage and no why-chain', () => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('c1', 'Bruise not referred'); g.cause('c2', 'No body map in the template'); g.cause('c3', 'Template not reviewed since 2015');
    g.causes('c3', 'c2'); g.causes('c2', 'c1'); g.causes('c1', 'p');
    g.cause('z', 'Unrelated');
    const r = analyseRca(g.graph);
    expect(r.leverage.map((l) => [l.cause, l.paths, l.share])).toEqual([['c1', '1', 1], ['c2', '1', 1], ['c3', '1', 1]]);
    expect(r.depth.shallow).toEqual([]);
    expect(r.problems[0]).toMatchObject({ rootCauses: ['c3'], pathCount: '1', depth: 3 });
  });
});

describe('analyseRca: orderings do not depend on the order things were added', () => {
  const timeline = merge([ingest({ file: 'police.csv', content: 'Date,Details\n01/01/2020,Call out\n01/06/2021,Call out\n' })]);
  const g = new CauseGraphBuilder();
  g.problem('p2', 'Second outcome'); g.problem('p1', 'First outcome');
  g.cause('r', 'No shared record'); g.cause('c', 'Health did not know'); g.cause('b', 'Police did not know');
  g.causes('r', 'c'); g.causes('r', 'b'); g.causes('c', 'p1'); g.causes('b', 'p1'); g.causes('c', 'p2');
  g.evidence('e2', 'gone', { event: 'police-98' }); g.evidence('e1', 'missing', { event: 'police-99' });
  g.evidence('e4', 'letter', { document: 'Letter 3' }); g.evidence('e3', 'call', { event: 'police-3' });
  g.supports('e4', 'r'); g.supports('e3', 'r');
  g.refutes('e2', 'c'); g.refutes('e4', 'b'); g.refutes('e1', 'b');
  g.action('x2', 'Tell health'); g.action('x1', 'Tell police');
  g.addresses('x2', 'c'); g.addresses('x1', 'b');

  it('problems, paths, unconfirmed causes, symptom-only actions and evidence in key order', () => {
    const r = analyseRca(g.graph, { timeline });
    expect(r.problems.map((p) => [p.problem, p.paths])).toEqual([['p1', [['r', 'b', 'p1'], ['r', 'c', 'p1']]], ['p2', [['r', 'c', 'p2']]]]);
    expect(r.unconfirmed).toEqual(['b', 'c']);
    expect(r.actions.symptomOnly).toEqual(['x1', 'x2']);
    expect(r.refuted).toEqual([{ cause: 'b', evidence: ['e1', 'e4'] }, { cause: 'c', evidence: ['e2'] }]);
    expect(r.evidence.unknownEvents).toEqual([{ evidence: 'e1', event: 'police-99' }, { evidence: 'e2', event: 'police-98' }]);
  });

  it('evidence citing a document is not checked against the chronology', () => {
    const r = analyseRca(g.graph, { timeline });
    expect(r.validation).toStrictEqual([
      { severity: 'error', code: 'rca-unknown-event', message: 'evidence e1 cites event "police-99", which is not in the chronology', nodes: ['e1'] },
      { severity: 'error', code: 'rca-unknown-event', message: 'evidence e2 cites event "police-98", which is not in the chronology', nodes: ['e2'] },
    ]);
    expect(r.counts).toEqual({ problems: 2, causes: 3, evidence: 4, actions: 2, edges: 12 });
  });
});

describe('analyseRca: evidence outside the review scope', () => {
  const merged = merge([ingest({ file: 'police.csv', content: 'Date,Details\n01/01/2020,Call out\n01/06/2021,Call out\n' })]);
  const graph = (): CauseGraphBuilder => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('c', 'Call-outs screened one by one'); g.causes('c', 'p');
    g.evidence('e1', 'old call', { event: 'police-2' }); g.supports('e1', 'c');
    g.evidence('e2', 'new call', { event: 'police-3' }); g.supports('e2', 'c');
    return g;
  };
  const warning = { severity: 'warning', code: 'rca-evidence-out-of-scope', message: 'evidence e1 cites police-2, outside the review scope', nodes: ['e1'] };

  it('an event before the scope is out of scope even when it is not flagged', () => {
    const r = analyseRca(graph().graph, { timeline: { ...merged, scope: { ...merged.scope, from: '2021-01-01' } } });
    expect(r.evidence.outOfScope).toEqual([{ evidence: 'e1', event: 'police-2' }]);
    expect(r.validation).toStrictEqual([warning]);
    expect(r.errors).toBe(0);
  });

  it('an event flagged out of scope is out of scope', () => {
    const flagged = { ...merged, events: merged.events.map((e) => (e.id === 'police-2' ? { ...e, flags: [...e.flags, 'out-of-scope'] } : e)) };
    const r = analyseRca(graph().graph, { timeline: flagged as typeof merged });
    expect(r.evidence.outOfScope).toEqual([{ evidence: 'e1', event: 'police-2' }]);
    expect(r.validation).toStrictEqual([warning]);
  });
});

describe('analyseRca: actions', () => {
  it('a root cause with evidence but no action has no action; an action at a root and a symptom is not symptom-only', () => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('a', 'Bruise not referred'); g.causes('a', 'p');
    g.cause('r1', 'Template has no body map'); g.causes('r1', 'a');
    g.cause('r2', 'Systems not linked'); g.causes('r2', 'a');
    g.evidence('e1', 'template', { document: 'Clinic template v3' }); g.supports('e1', 'r2');
    g.action('x1', 'Add a body map and a referral prompt'); g.addresses('x1', 'r1'); g.addresses('x1', 'a');
    g.action('x2', 'Audit referrals', { strength: 'intermediate' }); g.addresses('x2', 'a');
    const r = analyseRca(g.graph);
    expect(r.actions).toStrictEqual({ rootCausesWithoutAction: ['r2'], symptomOnly: ['x2'], weakOnly: false, byStrength: { stronger: 0, intermediate: 1, weaker: 0, unstated: 1 } });
  });
});

describe('analyseRca: lint and depth by stated type, with messages', () => {
  const lintOf = (label: string, details: Record<string, string>) => {
    const g = new CauseGraphBuilder();
    g.problem('p', 'Injury');
    g.cause('c', label, details); g.causes('c', 'p');
    return analyseRca(g.graph);
  };
  it('a human error by type alone', () => {
    const r = lintOf('The duty officer opened the file of another child', { type: 'human-error' });
    expect(r.lint).toStrictEqual([{ cause: 'c', rule: 'human-error-root', message: 'a human error is not a root cause on its own: ask why the error happened (what preceded it)' }]);
    expect(r.depth.stopsAtHumanError).toEqual(['c']);
  });
  it('a procedure violation by type alone', () => {
    expect(lintOf('The checklist was skipped', { type: 'procedure-violation' }).lint).toStrictEqual([
      { cause: 'c', rule: 'procedure-violation-root', message: 'a procedure violation is not a root cause: ask why the procedure was not followed' },
    ]);
  });
  it('a failure to act by type alone', () => {
    expect(lintOf('Nobody phoned the school', { type: 'failure-to-act' }).lint).toStrictEqual([
      { cause: 'c', rule: 'failure-to-act-without-duty', message: 'a failure to act is causal only where there was a duty to act: state the duty ({duty: …})' },
    ]);
  });
  it('a vague word is quoted as written', () => {
    expect(lintOf('Poor sharing of records', {}).lint).toStrictEqual([
      { cause: 'c', rule: 'vague-wording', message: '"Poor" is a vague negative: say specifically what happened and what it led to' },
    ]);
  });
});

describe('analyseRca: framework categories, title and framework id', () => {
  const safeguarding = frameworkByName('safeguarding')!;
  const framework = { ...safeguarding, categoryOf: (t: string) => categoryOf(safeguarding, t) };
  const g = new CauseGraphBuilder('Child L');
  g.problem('p', 'Injury');
  g.cause('c1', 'Stars were unfavourable', { category: 'astrology' }); g.causes('c1', 'p');
  g.cause('c2', 'Police history not seen by CSC', { category: 'comms' }); g.causes('c2', 'p');

  it('reports a category the framework lacks, and the categories with no cause', () => {
    const r = analyseRca(g.graph, { framework });
    expect(r.framework).toBe('safeguarding');
    expect(r.title).toBe('Child L');
    expect(r.categories).toStrictEqual({
      uncovered: ['child', 'family', 'practitioner', 'agency-systems', 'policy-procedure', 'wider-context'],
      unknown: [{ cause: 'c1', category: 'astrology' }],
    });
    expect(r.validation).toStrictEqual([
      { severity: 'warning', code: 'rca-unknown-category', message: '"astrology" (c1) is not a category of Safeguarding (multi-agency review)', nodes: ['c1'] },
    ]);
    expect(r.errors).toBe(0);
  });

  it('without a framework or title, neither is reported and no category is checked', () => {
    const h = new CauseGraphBuilder();
    h.problem('p', 'Injury');
    h.cause('c1', 'Stars were unfavourable', { category: 'astrology' }); h.causes('c1', 'p');
    const r = analyseRca(h.graph);
    expect('title' in r).toBe(false);
    expect('framework' in r).toBe(false);
    expect(r.categories).toStrictEqual({ uncovered: [], unknown: [] });
    expect(r.validation).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('readFishboneCsv: headings and titles', () => {
  it('an empty heading cell is no column; unused headings are named trimmed, in the plural when several', () => {
    const { graph, issues } = readFishboneCsv('Category,, Notes ,Cause,Owner\nChild,x,y,Not seen,z\n', 'f.csv');
    expect(issues).toStrictEqual([{ severity: 'info', code: 'fishbone-unused-column', line: 1, message: 'columns "Notes", "Owner" not used' }]);
    expect(graph.getNodeAttributes('c1')).toStrictEqual({ kind: 'cause', label: 'Not seen', category: 'Child' });
  });

  it('a second column of the same role is reported and the first is used', () => {
    const { graph, issues } = readFishboneCsv('Category,Cause,Bone\nChild,Not seen,Family\n', 'f.csv');
    expect(issues).toStrictEqual([{ severity: 'warning', code: 'fishbone-duplicate-column', line: 1, message: 'two columns are headed "Bone" (or a synonym); the first is used' }]);
    expect(graph.getNodeAttributes('c1')).toStrictEqual({ kind: 'cause', label: 'Not seen', category: 'Child' });
  });

  it('a title line after an empty cell names the problem; a data cell that looks like a title does not', () => {
    expect(readFishboneCsv(' ,Problem: Child L was hurt\nCategory,Cause\nChild,Not seen\n', 'f.csv').graph.getNodeAttributes('p1')).toStrictEqual({ kind: 'problem', label: 'Child L was hurt' });
    const { graph, issues } = readFishboneCsv('Category,Cause\nProblem-solving skills,Plans were not reviewed\n', 'f.csv');
    expect(issues).toEqual([]);
    expect(graph.getNodeAttributes('p1')).toStrictEqual({ kind: 'problem', label: 'Problem' });
    expect(graph.getNodeAttributes('c1')).toStrictEqual({ kind: 'cause', label: 'Plans were not reviewed', category: 'Problem-solving skills' });
  });

  it('a byte order mark at the start of text is dropped', () => {
    const { graph, issues } = readFishboneCsv('\uFEFFCategory,Cause\nChild,Not seen\n', 'f.csv');
    expect(issues).toEqual([]);
    expect(graph.nodes()).toEqual(['p1', 'c1']);
  });

  it.each([
    ['blank text', '   \n  \n'],
    ['no bytes', new Uint8Array()],
  ])('%s is an empty file', (_name, content) => {
    expect(readFishboneCsv(content, 'f.csv').issues).toStrictEqual([{ severity: 'error', code: 'fishbone-empty', message: 'f.csv is empty; expected a table with Category and Cause columns' }]);
  });

  it('a row of spaces is a blank row; cells are trimmed and their spaces folded', () => {
    const { graph, issues } = readFishboneCsv('Category,Cause\n  ,   \n Child , Records  not   shared \n', 'f.csv');
    expect(issues).toEqual([]);
    expect(graph.getNodeAttributes('c1')).toStrictEqual({ kind: 'cause', label: 'Records not shared', category: 'Child' });
  });
});

describe('readFishboneCsv: rows', () => {
  const HEAD = 'Category,Cause,Sub-cause,Evidence,Document,Problem\n';
  it.each([
    [',,Deeper,,,', 'a sub-cause'],
    [',,,police-4,,', 'evidence'],
    [',,,,Letter 3,', 'evidence'],
    ['Agency systems,,,,,', 'a category'],
    [',,,,,Child hurt', 'a problem'],
  ])('a first row %s with no cause says it has %s', (row, what) => {
    expect(readFishboneCsv(HEAD + row + '\n', 'f.csv').issues).toStrictEqual([
      { severity: 'error', code: 'fishbone-no-cause', line: 2, message: `this row has ${what} but no cause (and none above it on the same bone to repeat)` },
    ]);
  });

  it('documents are split on ";", blanks dropped, and each event or document is one node however often cited', () => {
    const { graph, issues } = readFishboneCsv(HEAD + 'Child,Not seen,,police-4,Letter 3; ;Minutes 5;,\nFamily,Not asked,,police-4,Letter 3,\n', 'f.csv');
    expect(issues).toEqual([]);
    expect(graph.filterNodes((_n, a) => a.kind === 'evidence')).toEqual(['ev:police-4', 'doc:Letter 3', 'doc:Minutes 5']);
    expect(graph.getNodeAttributes('doc:Minutes 5')).toStrictEqual({ kind: 'evidence', label: 'Minutes 5', document: 'Minutes 5' });
    expect(graph.outNeighbors('ev:police-4').sort()).toEqual(['c1', 'c2']);
  });

  it('a new problem starts a new bone: the category and cause are not carried over to it', () => {
    const csv = HEAD + 'Child,Not seen,,,,First outcome\n,,Deeper,,,Second outcome\n,Not heard,,,,Second outcome\n,,Not asked,,,\n';
    const { graph, issues } = readFishboneCsv(csv, 'f.csv');
    expect(issues).toStrictEqual([
      { severity: 'error', code: 'fishbone-no-cause', line: 3, message: 'this row has a sub-cause but no cause (and none above it on the same bone to repeat)' },
      { severity: 'warning', code: 'fishbone-no-category', line: 4, message: '"Not heard" has no category, so it sits on no bone of the fishbone' },
      { severity: 'warning', code: 'fishbone-no-category', line: 5, message: '"Not heard" has no category, so it sits on no bone of the fishbone' },
    ]);
    expect(graph.getNodeAttributes('c2')).toStrictEqual({ kind: 'cause', label: 'Not heard' });
    expect(graph.getNodeAttributes('p2')).toStrictEqual({ kind: 'problem', label: 'Second outcome' });
  });

  it('a new problem on the same category does not repeat the cause above', () => {
    const csv = HEAD + 'Child,Not seen,,,,First outcome\nChild,,Deeper,,,Second outcome\n';
    expect(readFishboneCsv(csv, 'f.csv').issues).toStrictEqual([
      { severity: 'error', code: 'fishbone-no-cause', line: 3, message: 'this row has a sub-cause but no cause (and none above it on the same bone to repeat)' },
    ]);
  });

  it('the same problem written again keeps the category from the row above', () => {
    const csv = HEAD + 'Child,Not seen,,,,Outcome\n,Not heard,,,,Outcome\n';
    const { graph, issues } = readFishboneCsv(csv, 'f.csv');
    expect(issues).toEqual([]);
    expect(graph.getNodeAttributes('c2')).toStrictEqual({ kind: 'cause', label: 'Not heard', category: 'Child' });
  });

  it('a cause first written without a category, or later without one, is no conflict; two categories are', () => {
    const csv = 'Category,Cause\n,Not seen\nChild,not seen\nFamily,Not heard\nChild,Not heard\n';
    expect(readFishboneCsv(csv, 'f.csv').issues).toStrictEqual([
      { severity: 'warning', code: 'fishbone-no-category', line: 2, message: '"Not seen" has no category, so it sits on no bone of the fishbone' },
      { severity: 'warning', code: 'fishbone-category-conflict', line: 5, message: '"Not heard" is under "Family" on line 4 and "Child" here; the first was kept', nodes: ['c2'] },
    ]);
  });

  it('a later category-less row for the same cause under a new problem is no conflict', () => {
    const csv = HEAD + 'Child,Not seen,,,,First\n,Not seen,,,,Second\n';
    expect(readFishboneCsv(csv, 'f.csv').issues).toStrictEqual([
      { severity: 'warning', code: 'fishbone-no-category', line: 3, message: '"Not seen" has no category, so it sits on no bone of the fishbone' },
    ]);
  });

  it('a link that would loop is left out, named with both nodes, and the row\'s evidence supports its cause', () => {
    const csv = HEAD + 'Child,Not seen,Not heard,,,\nChild,Not heard,Not seen,police-9,,\n';
    const { graph, issues } = readFishboneCsv(csv, 'f.csv');
    expect(issues).toStrictEqual([
      { severity: 'error', code: 'fishbone-cycle', line: 3, message: '"Not seen" as a cause of "Not heard" would make it a cause of itself (another row has it the other way round); the link was left out', nodes: ['c1', 'c2'] },
    ]);
    expect(graph.outNeighbors('ev:police-9')).toEqual(['c2']);
  });
});

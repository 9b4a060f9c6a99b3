/** A cause graph from any of its three written forms, chosen by name (the CLI) or stored with it (the server). */
import { describe, expect, it } from 'vitest';
import { CAUSE_GRAPH_FORMATS, causeGraphFormatOf, readCauseGraph } from '../../src/rca/read.js';
import { ThroughlineError } from '../../src/model/errors.js';

describe('causeGraphFormatOf', () => {
  it.each([
    ['graph.json', 'json'], ['GRAPH.JSON', 'json'], ['fishbone.csv', 'fishbone-csv'], ['Fishbone.TSV', 'fishbone-csv'],
    ['chain.txt', 'whys'], ['chain', 'whys'], ['json.txt', 'whys'], ['csv.json', 'json'],
  ])('%s is %s', (name, format) => expect(causeGraphFormatOf(name)).toBe(format));
  it('knows exactly the three formats the server stores', () => expect(CAUSE_GRAPH_FORMATS).toEqual(['whys', 'fishbone-csv', 'json']));
});

describe('readCauseGraph', () => {
  const whys = 'problem P1: Head injury\n  why: No strategy discussion was held\n';
  it('reads why-chain text, as a string or as UTF-8 bytes, naming the file in its issues', () => {
    for (const content of [whys, new TextEncoder().encode(whys)]) {
      const { graph, issues } = readCauseGraph('whys', content, 'chain.txt');
      expect(issues).toEqual([]);
      expect(graph.order).toBe(2);
      expect(graph.getNodeAttribute('P1', 'label')).toBe('Head injury');
    }
  });
  it('reads a fishbone table: one problem, its category and cause', () => {
    const { graph, issues } = readCauseGraph('fishbone-csv', 'Problem,Head injury\nCategory,Cause\nPolicy,No strategy discussion\n', 'f.csv');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(graph.filterNodes((_, a) => a.kind === 'problem').length).toBe(1);
    expect(graph.filterNodes((_, a) => a.kind === 'cause' && a.label === 'No strategy discussion').length).toBe(1);
  });
  it('reads graph JSON from text and from bytes, and refuses text that is not JSON with json-invalid naming the file', () => {
    const json = JSON.stringify({ options: { type: 'directed', multi: false, allowSelfLoops: true }, attributes: { format: 'throughline-rca', version: '1.0' }, nodes: [{ key: 'P', attributes: { kind: 'problem', label: 'Injury' } }], edges: [] });
    expect(readCauseGraph('json', json, 'g.json').graph.order).toBe(1);
    expect(readCauseGraph('json', new TextEncoder().encode(json), 'g.json').graph.order).toBe(1);
    let thrown: unknown;
    try { readCauseGraph('json', '{ nope', 'g.json'); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(ThroughlineError);
    expect((thrown as ThroughlineError).code).toBe('json-invalid');
    expect((thrown as ThroughlineError).file).toBe('g.json');
    expect((thrown as ThroughlineError).message).toMatch(/^g\.json: not valid JSON \(/);
  });
});

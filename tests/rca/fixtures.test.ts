/** The RCA fixtures: the demo case's analysis and one small graph per rule, with exact findings. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseRca } from '../../src/rca/analyse.js';
import { categoryOf, frameworkByName } from '../../src/rca/frameworks.js';
import { causeGraphFromJson } from '../../src/rca/json.js';
import { readWhyChain } from '../../src/rca/whys.js';
import { demoTimeline } from '../helpers/demo.js';

const read = (file: string) => readWhyChain(readFileSync(file, 'utf8'), file);
const safeguarding = frameworkByName('safeguarding')!;
const framework = { ...safeguarding, categoryOf: (t: string) => categoryOf(safeguarding, t) };


describe('the demo case RCA (fixtures/rca/child-l.whys.txt)', () => {
  const { graph, issues } = read('fixtures/rca/child-l.whys.txt');
  const r = analyseRca(graph, { timeline: demoTimeline(), framework });
  it('reads without a problem and cites only events of the demo chronology', () => {
    expect(issues).toEqual([]);
    expect(r.errors).toBe(0);
    expect(r.evidence.unknownEvents).toEqual([]);
  });
  it('has exactly these root causes and paths', () => {
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ problem: 'P1', rootCauses: ['c10', 'c13', 'c14', 'c3', 'c5', 'c7'], pathCount: '7', depth: 3 });
  });
  it('puts the highest leverage on the unassessed escalation', () => {
    expect(r.leverage[0]).toMatchObject({ cause: 'c1', paths: '3' });
    expect(r.leverage[0]!.share).toBeCloseTo(3 / 7, 10);
    expect(r.leverage.filter((l) => l.paths === '2').map((l) => l.cause)).toEqual(['c6', 'c7', 'c8']);
  });
  it('marks the unconfirmed and the refuted cause, the root cause without an action, and the shallow chain', () => {
    expect(r.unconfirmed).toEqual(['c10']);
    expect(r.refuted).toEqual([{ cause: 'c14', evidence: ['ev:school-21', 'ev:school-24'] }]);
    expect(r.actions).toMatchObject({ rootCausesWithoutAction: ['c14'], symptomOnly: [], weakOnly: false, byStrength: { stronger: 1, intermediate: 3, weaker: 1, unstated: 0 } });
    expect(r.depth.shallow).toEqual([{ cause: 'c14', steps: 1 }]);
    expect(r.lint).toEqual([expect.objectContaining({ cause: 'c9', rule: 'failure-to-act-without-duty' })]);
    expect(r.categories.uncovered).toEqual([]);
  });
});

describe('one small graph per rule (fixtures/rca/rules)', () => {
  it('cycle.json: the cycle itself, the self-loop and the unknown reference', () => {
    const { graph, issues } = causeGraphFromJson(JSON.parse(readFileSync('fixtures/rca/rules/cycle.json', 'utf8')), 'cycle.json');
    expect(issues.map((i) => [i.code, i.nodes])).toEqual([['rca-unknown-reference', ['c', 'ghost']]]);
    const r = analyseRca(graph);
    expect(r.cycles).toEqual([['a', 'b']]);
    expect(r.validation.map((v) => v.code)).toEqual(['rca-self-loop', 'rca-cycle']);
    expect(r.problems[0]).toMatchObject({ rootCauses: ['c', 's'], pathCount: '2' });
  });
  it('lint.whys.txt: each of the five rules', () => {
    const r = analyseRca(read('fixtures/rca/rules/lint.whys.txt').graph);
    expect(r.lint.map((l) => [l.cause, l.rule])).toEqual([
      ['c1', 'vague-wording'], ['c2', 'human-error-root'], ['c3', 'failure-to-act-without-duty'], ['c7', 'procedure-violation-root'],
    ]);
  });
  it('actions.whys.txt: a root cause without an action, an action at a symptom, a weak-only plan', () => {
    const r = analyseRca(read('fixtures/rca/rules/actions.whys.txt').graph);
    expect(r.problems[0]!.rootCauses).toEqual(['c3', 'c6']);
    expect(r.actions).toEqual({ rootCausesWithoutAction: ['c6'], symptomOnly: ['a2'], weakOnly: true, byStrength: { stronger: 0, intermediate: 0, weaker: 2, unstated: 0 } });
  });
  it('depth.whys.txt: shallow chains and a chain that stops at human error', () => {
    const r = analyseRca(read('fixtures/rca/rules/depth.whys.txt').graph);
    expect(r.depth).toEqual({ shallow: [{ cause: 'c2', steps: 2 }, { cause: 'c3', steps: 1 }], stopsAtHumanError: ['c2'] });
    expect(r.problems[0]).toMatchObject({ rootCauses: ['c2', 'c3', 'c6'], pathCount: '3', depth: 3 });
  });
});

describe('evidence.whys.txt', () => {
  it('finds the unconfirmed, refuted, out-of-scope and unknown evidence', () => {
    const timeline = demoTimeline({ from: '2022-01-01', includeOutOfScope: true });
    const r = analyseRca(read('fixtures/rca/rules/evidence.whys.txt').graph, { timeline });
    expect(r.unconfirmed).toEqual(['c2', 'c3']);
    expect(r.refuted).toEqual([{ cause: 'c3', evidence: ['ev:school-21'] }]);
    expect(r.evidence).toEqual({ unknownEvents: [{ evidence: 'ev:police-99', event: 'police-99' }], outOfScope: [{ evidence: 'ev:csc-case-notes-20', event: 'csc-case-notes-20' }] });
    expect(r.errors).toBe(1);
  });
});

/** The Salford case discussion's record: its shape, each refusal with its message, and what the chronology and the cause graph do not bear out. */
import { describe, expect, it } from 'vitest';
import { checkSalfordRecord, DEFAULT_STAGE_WORDING, emptySalfordRecord, SALFORD_STAGES, validateSalfordRecord } from '../../src/review/salford.js';

const full = {
  wording: { facts: { label: 'What happened' }, next: { prompt: 'Who does what by when?' } },
  stages: {
    facts: { workedWell: ['The GP shared the bruising the same day'], worried: ['No strategy discussion for three weeks', '  '] },
    feelings: { workedWell: ['Relief that the school noticed'], worried: ['Frustration at the delay'] },
  },
  facts: ['gp-3', 'police-15', 'gp-3'],
  hypotheses: ['Thresholds were read differently by each agency'],
  tree: { graph: 'g1', problem: 'The injury was not prevented', roots: [{ id: 'r1', text: 'No shared chronology', cause: 'c1' }, { id: 'r2', text: 'Caseloads' }], branches: ['Harm to the child'] },
  actions: [{ text: 'Keep one multi-agency chronology', owner: 'Partnership', due: '31/03/2027', roots: ['r1'] }],
};

describe('a Salford record from JSON', () => {
  it('reads every part: blank notes dropped, facts once each, wording defaulted where not given', () => {
    const r = validateSalfordRecord(full, 'record');
    expect(r.wording.facts).toEqual({ label: 'What happened', prompt: DEFAULT_STAGE_WORDING.facts.prompt });
    expect(r.wording.next).toEqual({ label: 'What needs to happen next', prompt: 'Who does what by when?' });
    expect(r.wording.hypotheses).toEqual(DEFAULT_STAGE_WORDING.hypotheses);
    expect(r.stages.facts).toEqual({ workedWell: ['The GP shared the bruising the same day'], worried: ['No strategy discussion for three weeks'] });
    expect(r.stages.rca).toEqual({ workedWell: [], worried: [] });
    expect(r.facts).toEqual(['gp-3', 'police-15']);
    expect(r.tree.roots).toEqual([{ id: 'r1', text: 'No shared chronology', cause: 'c1' }, { id: 'r2', text: 'Caseloads' }]);
    expect(r.actions).toEqual([{ text: 'Keep one multi-agency chronology', owner: 'Partnership', due: '31/03/2027', roots: ['r1'] }]);
  });
  it('reads nothing as the empty record with the default wording of the five stages', () => {
    expect(validateSalfordRecord({}, 'x')).toEqual(emptySalfordRecord());
    expect(SALFORD_STAGES).toEqual(['facts', 'feelings', 'hypotheses', 'rca', 'next']);
    expect(Object.values(DEFAULT_STAGE_WORDING).map((w) => w.label)).toEqual(['The facts', 'Initial thoughts and feelings', 'Hypotheses', 'Simple root cause analysis', 'What needs to happen next']);
  });
  it.each([
    [[], '(root)', 'an object'],
    [{ notes: [] }, 'notes', 'one of wording, stages, facts, hypotheses, tree, actions'],
    [{ stages: { reflection: {} } }, 'stages.reflection', 'a stage: facts, feelings, hypotheses, rca, next'],
    [{ wording: { kolb: {} } }, 'wording.kolb', 'a stage'],
    [{ stages: { facts: { worried: 'one' } } }, 'stages.facts.worried', 'a list of text'],
    [{ stages: { facts: { worried: [3] } } }, 'stages.facts.worried[0]', 'text of at most 20000 characters'],
    [{ facts: [7] }, 'facts[0]', 'text'],
    [{ tree: { roots: {} } }, 'tree.roots', 'a list of'],
    [{ tree: { roots: [{ id: 'r 1', text: 'x' }] } }, 'tree.roots[0].id', 'an id of letters'],
    [{ tree: { roots: [{ id: 'r1', text: 'x' }, { id: 'r1', text: 'y' }] } }, 'tree.roots[1].id', 'an id not used by another root ("r1" is)'],
    [{ tree: { roots: [{ id: 'r1', text: ' ' }] } }, 'tree.roots[0]', 'a root\'s words or the cause it is in the cause graph'],
    [{ actions: [{ text: ' ', roots: [] }] }, 'actions[0].text', 'what needs to happen'],
    [{ tree: { roots: [{ id: 'r1', text: 'x' }] }, actions: [{ text: 'a', roots: ['r2'] }] }, 'actions[0].roots', 'roots of the problem tree (r1), not "r2"'],
    [{ actions: [{ text: 'a', roots: ['r2'] }] }, 'actions[0].roots', 'roots of the problem tree (none yet), not "r2"'],
  ])('refuses %j, naming "%s"', (value, key, expected) => {
    expect(() => validateSalfordRecord(value, 'record')).toThrow(`record: "${key}" is invalid: expected ${expected}`);
  });
  it('takes text of 20,000 characters and refuses one more', () => {
    expect(validateSalfordRecord({ hypotheses: ['x'.repeat(20_000)] }, 'r').hypotheses[0]).toHaveLength(20_000);
    expect(() => validateSalfordRecord({ hypotheses: ['x'.repeat(20_001)] }, 'r')).toThrow('"hypotheses[0]" is invalid');
  });
});

describe('what the record claims that is not borne out', () => {
  const record = validateSalfordRecord(full, 'record');
  it('facts not in the chronology, roots naming causes the graph lacks, roots without an action, one-sided stages', () => {
    expect(checkSalfordRecord(record, { events: new Set(['gp-3']), causes: new Set(['c2']) })).toEqual([
      { code: 'fact-unknown', stage: 'facts', message: 'the fact police-15 is not a record of the merged chronology' },
      { code: 'cause-unknown', stage: 'rca', message: 'root r1 names cause c1, which the cause graph does not hold' },
      { code: 'root-without-action', stage: 'next', message: 'root r2 has no action aimed at it' },
    ]);
  });
  it('says nothing of the chronology or the graph when it is not given them, and nothing of a stage with both sides or neither', () => {
    expect(checkSalfordRecord(record)).toEqual([{ code: 'root-without-action', stage: 'next', message: 'root r2 has no action aimed at it' }]);
  });
  it('a stage with one side only, either side', () => {
    const one = validateSalfordRecord({ stages: { hypotheses: { workedWell: ['a'] }, rca: { worried: ['b'] } } }, 'r');
    expect(checkSalfordRecord(one).map((i) => [i.stage, i.message])).toEqual([
      ['hypotheses', 'only "what worked well" is written; the tool keeps both sides'],
      ['rca', 'only "what we are worried about" is written; the tool keeps both sides'],
    ]);
  });
  it('an action aimed at no root', () => {
    const r = validateSalfordRecord({ actions: [{ text: 'Review thresholds' }] }, 'r');
    expect(checkSalfordRecord(r)).toEqual([{ code: 'action-without-root', stage: 'next', message: 'action 1 ("Review thresholds") is aimed at no root cause' }]);
  });
});

/** Findings and SMART recommendations: reading, each refusal, the status rules at their edges, and what the chronology and the cause graph do not bear out. */
import { describe, expect, it } from 'vitest';
import { changeStatus, checkFindings, validateFindings, type Recommendation } from '../../src/review/findings.js';

const TODAY = '2026-12-01';
const rec = (extra: Record<string, unknown> = {}) => ({ id: 'R1', text: 'One multi-agency chronology from the first referral', owner: 'Partnership', measure: 'Audit of 20 cases a year shows one', due: '31/03/2027', rootCauses: ['c3'], strength: 'stronger', ...extra });

describe('findings and recommendations from JSON', () => {
  it('reads them: a due date as a person writes it, ids trimmed and once each, a new recommendation open today', () => {
    const r = validateFindings({ graph: 'g1', findings: [{ id: 'F1', title: 'Nobody held the whole picture', events: ['gp-3', 'gp-3'], causes: ['c3'] }], recommendations: [rec({ findings: ['F1'] })] }, 'record', TODAY, 'author1');
    expect(r.graph).toBe('g1');
    expect(r.findings).toEqual([{ id: 'F1', title: 'Nobody held the whole picture', text: '', events: ['gp-3'], causes: ['c3'] }]);
    expect(r.recommendations).toEqual([{
      id: 'R1', text: 'One multi-agency chronology from the first referral', owner: 'Partnership', measure: 'Audit of 20 cases a year shows one', due: '2027-03-31',
      rootCauses: ['c3'], findings: ['F1'], strength: 'stronger', status: 'open', history: [{ status: 'open', on: TODAY, by: 'author1', note: 'recorded' }],
    }]);
  });
  it.each([
    [{ findings: {} }, 'findings', 'a list of'],
    [{ notes: [] }, 'notes', 'one of graph, findings, recommendations'],
    [{ findings: [{ id: 'F 1', title: 't' }] }, 'findings[0].id', 'an id of letters'],
    [{ findings: [{ id: 'F1', title: 't' }, { id: 'F1', title: 'u' }] }, 'findings[1].id', 'an id not used twice ("F1" is)'],
    [{ findings: [{ id: 'F1', title: ' ' }] }, 'findings[0].title', 'a title'],
    [{ recommendations: [rec({ owner: '' })] }, 'recommendations[0].owner', 'the agency that owns it (SMART: an owner)'],
    [{ recommendations: [rec({ measure: undefined })] }, 'recommendations[0].measure', 'how success will be measured (SMART: measurable)'],
    [{ recommendations: [rec({ due: undefined })] }, 'recommendations[0].due', 'a due date, e.g. 31/03/2027 (SMART: time-bound)'],
    [{ recommendations: [rec({ due: 'March 2027' })] }, 'recommendations[0].due', 'a single day, e.g. 31/03/2027, not "March 2027"'],
    [{ recommendations: [rec({ rootCauses: [] })] }, 'recommendations[0].rootCauses', 'the root causes it addresses'],
    [{ recommendations: [rec({ findings: ['F9'] })] }, 'recommendations[0].findings', 'findings of this review (none yet), not "F9"'],
    [{ recommendations: [rec({ strength: 'strong' })] }, 'recommendations[0].strength', 'one of stronger, intermediate, weaker (RCA2\'s hierarchy)'],
    [{ recommendations: [rec({ status: 'done' })] }, 'recommendations[0].status', 'one of open, in progress, evidenced, closed'],
    [{ recommendations: [rec({ status: 'closed', history: [{ status: 'open', on: '2026-01-01' }] })] }, 'recommendations[0].history', 'a history whose last status is the recommendation\'s own ("closed")'],
    [{ recommendations: [rec({ status: 'in progress', history: [{ status: 'open', on: '2026-02-01' }, { status: 'in progress', on: '2026-01-31' }] })] }, 'recommendations[0].history[1].on', 'a day (yyyy-mm-dd), not before the one above it'],
    [{ recommendations: [rec(), rec()] }, 'recommendations[1].id', 'an id not used twice ("R1" is)'],
  ])('refuses %j, naming "%s"', (value, key, expected) => {
    expect(() => validateFindings(value, 'record', TODAY)).toThrow(`record: "${key}" is invalid: expected ${expected}`);
  });
  it('keeps a history given in order, two changes on one day included', () => {
    const history = [{ status: 'open', on: '2026-01-01', by: 'a', note: '' }, { status: 'in progress', on: '2026-01-01', by: 'b', note: 'started' }];
    expect(validateFindings({ recommendations: [rec({ status: 'in progress', history })] }, 'r', TODAY).recommendations[0]!.history).toEqual(history);
  });
});

describe('a recommendation\'s status', () => {
  const open = validateFindings({ recommendations: [rec()] }, 'r', '2026-06-01', 'author1').recommendations[0]!;
  const on = (status: Recommendation['status'], r: Recommendation, day = '2026-07-01', note = '') => changeStatus(r, status, { on: day, by: 'inv1', note });
  it('moves on with every change kept: who, when and why', () => {
    const evidenced = on('evidenced', on('in progress', open), '2026-09-01', 'Audit of 20 cases: all had one');
    const closed = on('closed', evidenced, '2026-09-01');
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h) => [h.status, h.on, h.by, h.note])).toEqual([
      ['open', '2026-06-01', 'author1', 'recorded'], ['in progress', '2026-07-01', 'inv1', ''], ['evidenced', '2026-09-01', 'inv1', 'Audit of 20 cases: all had one'], ['closed', '2026-09-01', 'inv1', ''],
    ]);
    expect(open.history).toHaveLength(1);
  });
  it('closes only once evidenced, evidences only with what the evidence is, never changes to itself or back in time', () => {
    expect(() => on('closed', open)).toThrow('recommendation R1: it can be closed only once its implementation is evidenced (it is open)');
    expect(() => on('closed', on('in progress', open))).toThrow('(it is in progress)');
    expect(() => on('evidenced', open, '2026-07-01', '  ')).toThrow('recommendation R1: say what evidences its implementation');
    expect(on('evidenced', open, '2026-07-01', 'x').status).toBe('evidenced');
    expect(() => on('open', open)).toThrow('recommendation R1: it is already open');
    expect(() => on('in progress', open, '2026-05-31')).toThrow('the change (2026-05-31) is before its last one (2026-06-01)');
    expect(on('in progress', open, '2026-06-01').history).toHaveLength(2);
    expect(() => on('done' as never, open)).toThrow('"done" is not a status');
  });
  it('opens again after closing (a recommendation found not to have held)', () => {
    const closed = on('closed', on('evidenced', open, '2026-07-01', 'x'));
    expect(on('open', closed, '2026-08-01', 'recurred').status).toBe('open');
  });
});

describe('what the findings claim that is not borne out', () => {
  const record = validateFindings({
    findings: [{ id: 'F1', title: 'a', events: ['gp-3', 'gp-99'], causes: ['c3', 'c9'] }, { id: 'F2', title: 'b' }],
    recommendations: [rec({ id: 'R1', rootCauses: ['c3'], strength: 'weaker', due: '30/11/2026' }), rec({ id: 'R2', rootCauses: ['c2'], strength: 'weaker', due: '01/12/2026' }), rec({ id: 'R3', rootCauses: ['c9'], strength: 'weaker', due: '30/11/2026', status: 'evidenced', history: [{ status: 'evidenced', on: '2026-11-01' }] })],
  }, 'r', '2026-06-01');
  it('evidence not in the chronology or the graph, symptoms aimed at, roots with no recommendation, weaker-only plans, overdue ones', () => {
    // c1, c3, c5 are the root causes; c2 is a cause but not a root; c9 is not in the graph.
    expect(checkFindings(record, { events: new Set(['gp-3']), causes: new Set(['c1', 'c2', 'c3', 'c5']), rootCauses: new Set(['c5', 'c1', 'c3']), today: '2026-12-01' })).toEqual([
      { code: 'event-unknown', item: 'F1', message: 'finding F1 cites gp-99, which is not a record of the merged chronology' },
      { code: 'cause-unknown', item: 'F1', message: 'finding F1 cites cause c9, which the cause graph does not hold' },
      { code: 'finding-without-evidence', item: 'F2', message: 'finding F2 cites no record of the chronology and no cause' },
      { code: 'overdue', item: 'R1', message: 'recommendation R1 was due on 2026-11-30 and is open' },
      { code: 'not-a-root-cause', item: 'R2', message: 'recommendation R2 addresses c2, which is not a root cause (it is aimed at a symptom)' },
      { code: 'cause-unknown', item: 'R3', message: 'recommendation R3 addresses cause c9, which the cause graph does not hold' },
      { code: 'root-cause-without-recommendation', item: 'c1', message: 'root cause c1 has no recommendation aimed at it' },
      { code: 'root-cause-without-recommendation', item: 'c5', message: 'root cause c5 has no recommendation aimed at it' },
      { code: 'weaker-only', message: 'all 3 recommendations are weaker actions (training, policy, warnings): add a stronger or intermediate one' },
    ]);
  });
  it('a plan with one intermediate action is not weaker-only; nothing is due on its due day; no recommendations, no weaker-only', () => {
    const mixed = { ...record, recommendations: record.recommendations.map((r, i) => (i === 1 ? { ...r, strength: 'intermediate' as const } : r)) };
    expect(checkFindings(mixed).map((i) => i.code)).toEqual(['finding-without-evidence']);
    expect(checkFindings(record, { today: '2026-11-30' }).filter((i) => i.code === 'overdue')).toEqual([]);
    expect(checkFindings(record, { today: '2026-12-01' }).filter((i) => i.code === 'overdue').map((i) => i.item)).toEqual(['R1']);
    expect(checkFindings(record, { today: '2026-12-02' }).filter((i) => i.code === 'overdue').map((i) => i.item)).toEqual(['R1', 'R2']);
    expect(checkFindings({ findings: [], recommendations: [] })).toEqual([]);
  });
});

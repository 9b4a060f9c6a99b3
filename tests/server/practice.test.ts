/**
 * The Salford case discussion and the findings and recommendations through the API: round trips,
 * the checks against the demo chronology and the demo cause analysis, the status history kept by
 * the server, and who may write. The demo RCA's root causes are c10, c13, c14, c3, c5 and c7 (as
 * tests/cli/rca.test.ts counts them by hand from fixtures/rca/child-l.whys.txt).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { testServer, type TestServer } from './helpers.js';
import { officeText } from '../helpers/zip.js';

let s: TestServer;
let graph: string;
beforeAll(async () => {
  s = await testServer();
  const list = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/rca`, headers: s.as.author });
  graph = (JSON.parse(list.body) as Array<{ id: string }>)[0]!.id;
});
afterAll(async () => { await s.app.close(); });

const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;
const url = (rest: string) => `/api/reviews/${s.demo}${rest}`;

describe('the Salford case discussion', () => {
  it('starts empty with the default wording, is saved by an investigator and read back by a viewer with its checks', async () => {
    const empty = await s.call({ method: 'GET', url: url('/salford'), headers: s.as.viewer });
    expect(empty.statusCode).toBe(200);
    expect((json(empty).record as { wording: { rca: { label: string } }; facts: unknown[] }).wording.rca.label).toBe('Simple root cause analysis');
    expect(json(empty).issues).toEqual([]);
    const record = {
      wording: { facts: { label: 'What happened' } },
      stages: { facts: { workedWell: ['The GP referred the same day'], worried: ['Three weeks to a strategy discussion'] } },
      facts: ['gp-2', 'nobody-1'],
      tree: { graph, problem: 'Head injury not prevented', roots: [{ id: 'r1', text: 'No shared chronology', cause: 'c3' }, { id: 'r2', text: 'x', cause: 'c99' }], branches: [] },
      actions: [{ text: 'One chronology', roots: ['r1', 'r2'] }],
    };
    const put = await s.call({ method: 'PUT', url: url('/salford'), headers: s.as.investigator, payload: { record } });
    expect(put.statusCode, put.body).toBe(200);
    // gp-2 is a record of the demo chronology; nobody-1 is not; c3 is in the demo RCA, c99 is not.
    expect(json(put).issues).toEqual([
      { code: 'fact-unknown', stage: 'facts', message: 'the fact nobody-1 is not a record of the merged chronology' },
      { code: 'cause-unknown', stage: 'rca', message: 'root r2 names cause c99, which the cause graph does not hold' },
    ]);
    const back = await s.call({ method: 'GET', url: url('/salford'), headers: s.as.viewer });
    expect((json(back).record as { wording: { facts: { label: string } }; facts: string[] })).toMatchObject({ wording: { facts: { label: 'What happened' } }, facts: ['gp-2', 'nobody-1'] });
    expect(json(back).updatedAt).toBe('2026-03-29T00:30:00.000Z');
  });
  it('refuses a record that does not read (422, the core\'s code), and a viewer\'s save (403)', async () => {
    const bad = await s.call({ method: 'PUT', url: url('/salford'), headers: s.as.author, payload: { record: { stages: { kolb: {} } } } });
    expect([bad.statusCode, json(bad).code, json(bad).message]).toEqual([422, 'salford-invalid', 'record: "stages.kolb" is invalid: expected a stage: facts, feelings, hypotheses, rca, next']);
    const viewer = await s.call({ method: 'PUT', url: url('/salford'), headers: s.as.viewer, payload: { record: {} } });
    expect([viewer.statusCode, json(viewer).code]).toEqual([403, 'forbidden']);
  });
  it('does not merge the chronology again: the review\'s revision stays', async () => {
    const before = json(await s.call({ method: 'GET', url: url(''), headers: s.as.author })).revision;
    await s.call({ method: 'PUT', url: url('/salford'), headers: s.as.author, payload: { record: { hypotheses: ['h'] } } });
    expect(json(await s.call({ method: 'GET', url: url(''), headers: s.as.author })).revision).toBe(before);
  });
});

describe('findings and recommendations', () => {
  const record = () => ({
    graph,
    findings: [{ id: 'F1', title: 'No agency held the whole picture', events: ['gp-2'], causes: ['c3'] }],
    recommendations: [{ id: 'R1', text: 'One chronology from the first referral', owner: 'Partnership', measure: 'Audit', due: '31/03/2027', rootCauses: ['c3'], findings: ['F1'], strength: 'stronger' }],
  });
  it('keeps them, starting each recommendation open today by its author, and lists the root causes no recommendation addresses', async () => {
    const put = await s.call({ method: 'PUT', url: url('/findings'), headers: s.as.author, payload: { record: record() } });
    expect(put.statusCode, put.body).toBe(200);
    const r = json(put) as { record: { recommendations: Array<{ status: string; history: unknown[] }> }; issues: Array<{ code: string; item?: string }> };
    expect(r.record.recommendations[0]!.history).toEqual([{ status: 'open', on: '2026-03-29', by: 'author1', note: 'recorded' }]);
    expect(r.issues.map((i) => [i.code, i.item])).toEqual([['root-cause-without-recommendation', 'c10'], ['root-cause-without-recommendation', 'c13'], ['root-cause-without-recommendation', 'c14'], ['root-cause-without-recommendation', 'c5'], ['root-cause-without-recommendation', 'c7']]);
  });
  it('changes a status through its own route only: the history is the server\'s, a save cannot rewrite it', async () => {
    const progress = await s.call({ method: 'POST', url: url('/recommendations/R1/status'), headers: s.as.investigator, payload: { status: 'in progress', note: 'Pilot started' } });
    expect(progress.statusCode, progress.body).toBe(200);
    const early = await s.call({ method: 'POST', url: url('/recommendations/R1/status'), headers: s.as.investigator, payload: { status: 'closed' } });
    expect([early.statusCode, json(early).code, json(early).message]).toEqual([422, 'status-change-invalid', 'recommendation R1: it can be closed only once its implementation is evidenced (it is in progress)']);
    // A save that claims the recommendation closed, with a history of its own, keeps the stored ones.
    const forged = record();
    (forged.recommendations[0] as Record<string, unknown>).status = 'closed';
    (forged.recommendations[0] as Record<string, unknown>).history = [{ status: 'closed', on: '2020-01-01', by: 'nobody', note: '' }];
    const saved = await s.call({ method: 'PUT', url: url('/findings'), headers: s.as.author, payload: { record: forged } });
    const rec = (json(saved) as { record: { recommendations: Array<{ status: string; history: Array<{ status: string; by: string; note: string }> }> } }).record.recommendations[0]!;
    expect(rec.status).toBe('in progress');
    expect(rec.history.map((h) => [h.status, h.by, h.note])).toEqual([['open', 'author1', 'recorded'], ['in progress', 'investigator1', 'Pilot started']]);
    const missing = await s.call({ method: 'POST', url: url('/recommendations/R9/status'), headers: s.as.author, payload: { status: 'closed' } });
    expect([missing.statusCode, json(missing).code]).toEqual([404, 'recommendation-not-found']);
    const viewer = await s.call({ method: 'POST', url: url('/recommendations/R1/status'), headers: s.as.viewer, payload: { status: 'evidenced', note: 'x' } });
    expect([viewer.statusCode, json(viewer).code]).toEqual([403, 'forbidden']);
  });
  it('refuses a recommendation that is not SMART, naming what is missing', async () => {
    const bad = record();
    delete (bad.recommendations[0] as Record<string, unknown>).owner;
    const r = await s.call({ method: 'PUT', url: url('/findings'), headers: s.as.author, payload: { record: bad } });
    expect([r.statusCode, json(r).code, json(r).message]).toEqual([422, 'findings-invalid', 'record: "recommendations[0].owner" is invalid: expected the agency that owns it (SMART: an owner)']);
  });
});

describe('the overview report and the workbook', () => {
  const GLOSSARY = readFileSync('fixtures/review/child-l-glossary.csv', 'utf8');
  it('makes the overview report from the review as it stands, as a Word attachment', async () => {
    const r = await s.call({ method: 'GET', url: url('/report?format=docx'), headers: s.as.viewer });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.headers['content-disposition']).toBe('attachment; filename="overview-report.docx"');
    const text = officeText(r.rawPayload);
    // The demo review's title, its model as the first run records it, and the recommendation saved above.
    for (const words of ['Child L (demo case, fictional)', 'Root Cause Analysis (RCA): overview report', 'Personalised working copy', 'One chronology from the first referral']) expect(text).toContain(words);
  });
  it('anonymises only with the review\'s glossary, kept as a setting (checked as the command line checks its file)', async () => {
    const none = await s.call({ method: 'GET', url: url('/report?format=docx&anonymise=true'), headers: s.as.viewer });
    expect([none.statusCode, JSON.parse(none.body).code]).toEqual([422, 'glossary-missing']);
    const bad = await s.call({ method: 'PUT', url: url('/settings/glossary'), headers: s.as.author, payload: { value: 'name,pseudonym\nKerry,\n' } });
    expect([bad.statusCode, JSON.parse(bad.body).message]).toEqual([422, 'glossary:2: "Kerry" has no pseudonym']);
    const investigator = await s.call({ method: 'PUT', url: url('/settings/glossary'), headers: s.as.investigator, payload: { value: GLOSSARY } });
    expect(investigator.statusCode).toBe(403);
    expect((await s.call({ method: 'PUT', url: url('/settings/glossary'), headers: s.as.author, payload: { value: GLOSSARY } })).statusCode).toBe(200);
    for (const format of ['docx', 'xlsx']) {
      const r = await s.call({ method: 'GET', url: url(`/report?format=${format}&anonymise=true`), headers: s.as.viewer });
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      expect(r.headers['content-disposition']).toBe(`attachment; filename="anonymised-${format === 'docx' ? 'overview-report.docx' : 'chronology.xlsx'}"`);
      const text = officeText(r.rawPayload);
      expect(text).toContain('Mother');
      for (const name of ['Kerry', 'Dean', 'Holt', 'Sarah Lowe', 'Zoë', 'Brennan']) expect(text, `${format}: ${name}`).not.toMatch(new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'iu'));
    }
  });
});

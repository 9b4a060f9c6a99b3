/** The review models through the API: the policy's models, the guide's advice, and the facts and choice kept in a review's terms. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => { s = await testServer(); });
afterAll(async () => { await s.app.close(); });

const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;

describe('the review models', () => {
  it('lists the policy\'s eight models and the guide\'s thirteen questions to anyone signed in, and to no one else', async () => {
    const r = await s.call({ method: 'GET', url: '/api/review-models', headers: s.as.viewer });
    expect(r.statusCode).toBe(200);
    const body = json(r) as { models: Array<{ id: string; benefits: string[] }>; questions: unknown[] };
    expect(body.models.map((m) => m.id)).toEqual(['appreciative-inquiry', 'reflective-learning-session', 'salford', 'individual-agency-review', 'multi-agency-audit', 'peer-review', 'root-cause-analysis', 'cspr']);
    expect(body.models[7]!.benefits[0]).toBe('It is likely to be familiar to partners.');
    expect(body.questions).toHaveLength(13);
    const anonymous = await s.call({ method: 'GET', url: '/api/review-models' });
    expect([anonymous.statusCode, json(anonymous).code]).toEqual([401, 'unauthenticated']);
  });

  it('advises as the command line does, and records the choice', async () => {
    // By hand (tests/review/models.test.ts): one agency, NHS learning for it only: the Individual
    // Agency Review and RCA recommended (2 reasons each), the traditional review not advised.
    const r = await s.call({ method: 'POST', url: '/api/review-models/advice', headers: s.as.viewer, payload: { facts: { agencies: 1, singleAgency: true, health: true }, model: 'iar', why: 'One agency' } });
    expect(r.statusCode).toBe(200);
    const a = json(r) as { models: Array<{ id: string; fit: string }>; chosen: unknown };
    expect(a.models.slice(0, 2).map((m) => [m.id, m.fit])).toEqual([['individual-agency-review', 'recommended'], ['root-cause-analysis', 'recommended']]);
    expect(a.models.at(-1)).toMatchObject({ id: 'cspr', fit: 'not advised' });
    expect(a.chosen).toEqual({ id: 'individual-agency-review', name: 'Individual Agency Review', why: 'One agency', fit: 'recommended' });
  });

  it.each([
    [{ facts: { agences: 2 } }, 'case-facts-invalid', 'facts: "agences" is invalid'],
    [{ facts: { agencies: 0 } }, 'case-facts-invalid', 'facts: "agencies" is invalid: expected a whole number of agencies, at least 1'],
    [{ facts: {}, model: 'fishbone', why: 'x' }, 'model-unknown', '"fishbone" is not a review model'],
    [{ facts: {}, model: 'cspr' }, 'model-choice-invalid', 'is empty: a review records why its model was chosen'],
  ])('refuses %j with a 422 and the core\'s code', async (payload, code, message) => {
    const r = await s.call({ method: 'POST', url: '/api/review-models/advice', headers: s.as.viewer, payload });
    expect([r.statusCode, json(r).code]).toEqual([422, code]);
    expect(json(r).message).toContain(message);
  });

  it('keeps the case\'s facts, the model chosen and why in the review\'s terms; a wrong fact is 422 naming it', async () => {
    const made = await s.call({ method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 'Child R', terms: { model: 'Salford Case Discussion Tool', modelReason: 'Facts known; a quick practitioner event', modelFacts: { agencies: 4, timely: true, factsKnown: true } } } });
    expect(made.statusCode).toBe(201);
    const id = json(made).id as string;
    const got = await s.call({ method: 'GET', url: `/api/reviews/${id}`, headers: s.as.author });
    expect((json(got) as { terms: unknown }).terms).toEqual({ childNames: [], agencyOrder: [], model: 'Salford Case Discussion Tool', modelReason: 'Facts known; a quick practitioner event', modelFacts: { agencies: 4, timely: true, factsKnown: true } });
    const bad = await s.call({ method: 'PATCH', url: `/api/reviews/${id}`, headers: s.as.author, payload: { terms: { modelFacts: { timely: 'yes' } } } });
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'case-facts-invalid']);
    expect(json(bad).message).toBe('terms of reference: modelFacts: "timely" is invalid: expected true or false');
  });
});

/**
 * The audit trail: every request that reaches a route leaves exactly one row (who, which review,
 * method, the route's PATTERN, status, request id, address), refused ones included; names in a
 * query string reach neither the trail nor the server log; an administrator lists it (by review,
 * paged) and exports it as formula-safe CSV; and nobody edits it, neither through the API (there
 * is no such route) nor in the database itself (triggers refuse UPDATE and DELETE).
 */
import { afterAll, beforeEach, afterEach, describe, expect, test } from 'vitest';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { InjectOptions } from 'fastify';
import { NOW, registeredRoutes, testServer, type TestServer } from './helpers.js';
import { tempFolders } from '../helpers/cli.js';
import { openStore } from '../../server/store/sqlite.js';
import { buildApp } from '../../server/app.js';
import { firstRun, loadDemoReview } from '../../server/setup.js';

const AT = '2026-03-29T00:30:00.000Z';
const IP = '192.0.2.10';
/** Account ids as the test helper makes them. */
const ADMIN = 1, AUTHOR = 2, VIEWER = 4, OUTSIDER = 5;

interface LogLine { level: number; msg: string; reqId?: string; req?: { method: string; route: string; id: string }; res?: { statusCode: number } }

interface Logged {
  t: TestServer;
  /** The server log so far, as written. */
  log: () => string;
  lines: () => LogLine[];
  /** The second review, owned by author1 (the administrator is not a member). */
  second: string;
}

const open: Logged[] = [];
async function server(): Promise<Logged> {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk.toString('utf8')); done(); } });
  // The most detailed level fastify has: whatever it logs at all, it logs here.
  const t = await testServer({ logger: { level: 'trace', stream } });
  expect(t.ids).toEqual({ admin: ADMIN, author: AUTHOR, investigator: 3, viewer: VIEWER, outsider: OUTSIDER });
  const second = loadDemoReview(t.store, AUTHOR, NOW);
  const s: Logged = {
    t, second,
    log: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as LogLine),
  };
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.t.app.close();
});

const all = (t: TestServer) => t.store.auditEntries({ limit: 1_000_000 });

/** Waits (a few turns of the event loop at most) until `done()`: fastify logs a request's completion after its onResponse hooks. */
async function settled(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe('one row for every request that reaches a route', () => {
  /** Every route, called by the viewer of the demo review: reads succeed, writes are refused, bodies left out are a 400. */
  const SWEEP: Array<{ method: Method; url: (r: string, f: string, g: string) => string; route: string; status: number; user: number | null; body?: unknown; review?: true; unaudited?: true }> = [
    { method: 'GET', url: () => '/api/health', route: '/api/health', status: 200, user: null, unaudited: true },
    { method: 'GET', url: () => '/api/openapi.json', route: '/api/openapi.json', status: 200, user: null, unaudited: true },
    { method: 'GET', url: () => '/', route: '/', status: 200, user: null, unaudited: true },
    { method: 'GET', url: () => '/assets/nothing-here.js', route: '/assets/:file', status: 404, user: null, unaudited: true },
    // Public routes identify no one: the row names no one either.
    { method: 'POST', url: () => '/api/auth/login', route: '/api/auth/login', status: 400, user: null, body: {} },
    { method: 'GET', url: () => '/api/auth/link/tll_no-such-link', route: '/api/auth/link/:token', status: 401, user: null },
    { method: 'POST', url: () => '/api/auth/logout', route: '/api/auth/logout', status: 204, user: VIEWER },
    { method: 'GET', url: () => '/api/me', route: '/api/me', status: 200, user: VIEWER },
    { method: 'PUT', url: () => '/api/me/password', route: '/api/me/password', status: 400, user: VIEWER, body: {} },
    { method: 'GET', url: () => '/api/me/tokens', route: '/api/me/tokens', status: 200, user: VIEWER },
    { method: 'POST', url: () => '/api/me/tokens', route: '/api/me/tokens', status: 400, user: VIEWER, body: {} },
    { method: 'DELETE', url: () => '/api/me/tokens/999', route: '/api/me/tokens/:tokenId', status: 404, user: VIEWER },
    { method: 'GET', url: () => '/api/accounts', route: '/api/accounts', status: 403, user: VIEWER },
    { method: 'POST', url: () => '/api/accounts', route: '/api/accounts', status: 403, user: VIEWER, body: { username: 'someone', displayName: 'Someone' } },
    { method: 'PATCH', url: () => '/api/accounts/2', route: '/api/accounts/:userId', status: 403, user: VIEWER, body: { isAdmin: true } },
    { method: 'POST', url: () => '/api/accounts/2/signin-link', route: '/api/accounts/:userId/signin-link', status: 403, user: VIEWER },
    { method: 'GET', url: () => '/api/audit', route: '/api/audit', status: 403, user: VIEWER },
    { method: 'GET', url: () => '/api/reviews', route: '/api/reviews', status: 200, user: VIEWER },
    { method: 'POST', url: () => '/api/reviews', route: '/api/reviews', status: 400, user: VIEWER, body: {} },
    { method: 'GET', url: (r) => `/api/reviews/${r}`, route: '/api/reviews/:reviewId', status: 200, user: VIEWER, review: true },
    { method: 'PATCH', url: (r) => `/api/reviews/${r}`, route: '/api/reviews/:reviewId', status: 403, user: VIEWER, review: true, body: { title: 'Renamed' } },
    { method: 'DELETE', url: (r) => `/api/reviews/${r}`, route: '/api/reviews/:reviewId', status: 403, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/status`, route: '/api/reviews/:reviewId/status', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/members`, route: '/api/reviews/:reviewId/members', status: 200, user: VIEWER, review: true },
    { method: 'PUT', url: (r) => `/api/reviews/${r}/members/5`, route: '/api/reviews/:reviewId/members/:userId', status: 403, user: VIEWER, review: true, body: { role: 'author' } },
    { method: 'DELETE', url: (r) => `/api/reviews/${r}/members/2`, route: '/api/reviews/:reviewId/members/:userId', status: 403, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/files`, route: '/api/reviews/:reviewId/files', status: 200, user: VIEWER, review: true },
    { method: 'POST', url: (r) => `/api/reviews/${r}/files`, route: '/api/reviews/:reviewId/files', status: 403, user: VIEWER, review: true },
    { method: 'GET', url: (r, f) => `/api/reviews/${r}/files/${f}`, route: '/api/reviews/:reviewId/files/:fileId', status: 200, user: VIEWER, review: true },
    { method: 'PATCH', url: (r, f) => `/api/reviews/${r}/files/${f}`, route: '/api/reviews/:reviewId/files/:fileId', status: 403, user: VIEWER, review: true, body: { agency: 'GP' } },
    { method: 'DELETE', url: (r, f) => `/api/reviews/${r}/files/${f}`, route: '/api/reviews/:reviewId/files/:fileId', status: 403, user: VIEWER, review: true },
    { method: 'POST', url: (r, f) => `/api/reviews/${r}/files/${f}/preview`, route: '/api/reviews/:reviewId/files/:fileId/preview', status: 403, user: VIEWER, review: true, body: {} },
    { method: 'GET', url: (r, f) => `/api/reviews/${r}/files/${f}/content`, route: '/api/reviews/:reviewId/files/:fileId/content', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/timeline`, route: '/api/reviews/:reviewId/timeline', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/analysis`, route: '/api/reviews/:reviewId/analysis', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/settings`, route: '/api/reviews/:reviewId/settings', status: 200, user: VIEWER, review: true },
    { method: 'PUT', url: (r) => `/api/reviews/${r}/settings/tags`, route: '/api/reviews/:reviewId/settings/:name', status: 403, user: VIEWER, review: true, body: { value: {} } },
    { method: 'GET', url: (r) => `/api/reviews/${r}/rca`, route: '/api/reviews/:reviewId/rca', status: 200, user: VIEWER, review: true },
    { method: 'POST', url: (r) => `/api/reviews/${r}/rca`, route: '/api/reviews/:reviewId/rca', status: 403, user: VIEWER, review: true, body: { title: 'T', format: 'whys', source: '' } },
    { method: 'GET', url: (r, _f, g) => `/api/reviews/${r}/rca/${g}`, route: '/api/reviews/:reviewId/rca/:graphId', status: 200, user: VIEWER, review: true },
    { method: 'PUT', url: (r, _f, g) => `/api/reviews/${r}/rca/${g}`, route: '/api/reviews/:reviewId/rca/:graphId', status: 403, user: VIEWER, review: true, body: { format: 'whys', source: '' } },
    { method: 'DELETE', url: (r, _f, g) => `/api/reviews/${r}/rca/${g}`, route: '/api/reviews/:reviewId/rca/:graphId', status: 403, user: VIEWER, review: true },
    { method: 'GET', url: (r, _f, g) => `/api/reviews/${r}/rca/${g}/versions/1`, route: '/api/reviews/:reviewId/rca/:graphId/versions/:version', status: 200, user: VIEWER, review: true },
    { method: 'POST', url: (r, _f, g) => `/api/reviews/${r}/rca/${g}/versions/1/restore`, route: '/api/reviews/:reviewId/rca/:graphId/versions/:version/restore', status: 403, user: VIEWER, review: true },
    { method: 'POST', url: (r) => `/api/reviews/${r}/rca-draft`, route: '/api/reviews/:reviewId/rca-draft', status: 400, user: VIEWER, review: true, body: {} },
    { method: 'POST', url: (r) => `/api/reviews/${r}/rca-draft/diagrams/whys`, route: '/api/reviews/:reviewId/rca-draft/diagrams/:diagram', status: 400, user: VIEWER, review: true, body: {} },
    { method: 'GET', url: (r, _f, g) => `/api/reviews/${r}/rca/${g}/analysis`, route: '/api/reviews/:reviewId/rca/:graphId/analysis', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/diagrams/heatmap`, route: '/api/reviews/:reviewId/diagrams/:diagram', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: () => '/api/review-models', route: '/api/review-models', status: 200, user: VIEWER },
    { method: 'POST', url: () => '/api/review-models/advice', route: '/api/review-models/advice', status: 400, user: VIEWER, body: {} },
    { method: 'GET', url: (r) => `/api/reviews/${r}/salford`, route: '/api/reviews/:reviewId/salford', status: 200, user: VIEWER, review: true },
    { method: 'PUT', url: (r) => `/api/reviews/${r}/salford`, route: '/api/reviews/:reviewId/salford', status: 403, user: VIEWER, review: true, body: { record: {} } },
    { method: 'GET', url: (r) => `/api/reviews/${r}/findings`, route: '/api/reviews/:reviewId/findings', status: 200, user: VIEWER, review: true },
    { method: 'PUT', url: (r) => `/api/reviews/${r}/findings`, route: '/api/reviews/:reviewId/findings', status: 403, user: VIEWER, review: true, body: { record: {} } },
    { method: 'POST', url: (r) => `/api/reviews/${r}/recommendations/R1/status`, route: '/api/reviews/:reviewId/recommendations/:recommendationId/status', status: 403, user: VIEWER, review: true, body: { status: 'closed' } },
    { method: 'GET', url: (r) => `/api/reviews/${r}/report?format=xlsx`, route: '/api/reviews/:reviewId/report', status: 200, user: VIEWER, review: true },
    { method: 'GET', url: (r) => `/api/reviews/${r}/glossary`, route: '/api/reviews/:reviewId/glossary', status: 200, user: VIEWER, review: true },
    { method: 'PUT', url: (r) => `/api/reviews/${r}/glossary`, route: '/api/reviews/:reviewId/glossary', status: 403, user: VIEWER, review: true, body: { entries: [] } },
    { method: 'POST', url: (r) => `/api/reviews/${r}/glossary/entries`, route: '/api/reviews/:reviewId/glossary/entries', status: 403, user: VIEWER, review: true, body: { name: 'Northmoor', kind: 'not a name' } },
    { method: 'GET', url: (r) => `/api/reviews/${r}/glossary/check`, route: '/api/reviews/:reviewId/glossary/check', status: 200, user: VIEWER, review: true },
  ];

  test('the sweep calls every route the server registers (60, HEAD aside)', async () => {
    const { t } = await server();
    await t.app.ready();
    const registered = registeredRoutes(t.app.printRoutes({ commonPrefix: false })).filter((r) => !r.startsWith('HEAD '));
    expect(registered).toHaveLength(60);
    expect(SWEEP).toHaveLength(60);
    expect(SWEEP.map((s) => `${s.method} ${s.route}`).sort()).toEqual(registered);
  });

  test('each leaves one row: the time, the user, the review, the method, the route pattern, the status, its request id and the address', async () => {
    const { t, lines } = await server();
    const file = t.store.files(t.demo).find((f) => f.name === 'gp.csv')!.id;
    const graph = t.store.rcaGraphs(t.demo)[0]!.id;
    const ids = new Set<string>();
    for (const s of SWEEP) {
      const before = all(t).length;
      const logBefore = lines().length;
      const res = await t.call({
        method: s.method, url: s.url(t.demo, file, graph), headers: t.as.viewer, remoteAddress: IP,
        ...(s.body !== undefined ? { payload: s.body as InjectOptions['payload'] } : {}),
      });
      const what = `${s.method} ${s.route}`;
      expect(res.statusCode, what).toBe(s.status);
      const rows = all(t).slice(before);
      if (s.unaudited) {
        expect(rows, what).toHaveLength(0);
        continue;
      }
      expect(rows, what).toHaveLength(1);
      const row = rows[0]!;
      expect({ ...row, id: 0, requestId: '' }, what).toEqual({
        id: 0, at: AT, userId: s.user, reviewId: s.review ? t.demo : null, method: s.method, route: s.route, status: s.status, requestId: '', ip: IP,
      });
      // The request id is the one the server log gives this request (its last line may follow the reply by a tick).
      await settled(() => lines().length >= logBefore + 2);
      const logged = lines().slice(logBefore);
      expect(logged.map((l) => l.msg), what).toEqual(['incoming request', 'request completed']);
      expect(logged[0]).toMatchObject({ reqId: row.requestId, req: { method: s.method, route: s.route, id: row.requestId } });
      expect(logged[1]).toMatchObject({ reqId: row.requestId, res: { statusCode: s.status } });
      ids.add(row.requestId);
    }
    // 60 routes, 4 of them unaudited (the health check, the OpenAPI document, the web app's page and its files).
    expect(ids.size).toBe(56);
    expect(all(t)).toHaveLength(56);
  });

  test('HEAD, a trailing slash and a refused request are audited under the route pattern', async () => {
    const { t } = await server();
    await t.call({ method: 'HEAD', url: `/api/reviews/${t.demo}/timeline`, headers: t.as.viewer });
    await t.call({ method: 'GET', url: '/api/reviews/', headers: t.as.author });
    await t.call({ method: 'GET', url: `/api/reviews/${t.demo}/timeline?limit=3&offset=2`, headers: t.as.viewer });
    await t.call({ method: 'GET', url: '/api/audit?limit=5', headers: t.as.author });
    const rows = all(t);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => [r.userId, r.reviewId, r.method, r.route, r.status])).toEqual([
      [VIEWER, t.demo, 'HEAD', '/api/reviews/:reviewId/timeline', 200],
      [AUTHOR, null, 'GET', '/api/reviews', 200],
      [VIEWER, t.demo, 'GET', '/api/reviews/:reviewId/timeline', 200],
      [AUTHOR, null, 'GET', '/api/audit', 403],
    ]);
  });

  test('a non-member\'s attempt on a review is audited: the outsider, the administrator on a review of which they are no member, an unknown review', async () => {
    const { t, second } = await server();
    const tries: Array<[string, { authorization: string }]> = [
      [`/api/reviews/${t.demo}/timeline`, t.as.outsider],
      [`/api/reviews/${second}/files`, t.as.admin],
      ['/api/reviews/no-such-review', t.as.viewer],
    ];
    for (const [url, headers] of tries) {
      const res = await t.call({ method: 'GET', url, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('review-not-found');
    }
    const rows = all(t);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => [r.userId, r.reviewId, r.method, r.route, r.status])).toEqual([
      [OUTSIDER, t.demo, 'GET', '/api/reviews/:reviewId/timeline', 404],
      [ADMIN, second, 'GET', '/api/reviews/:reviewId/files', 404],
      [VIEWER, 'no-such-review', 'GET', '/api/reviews/:reviewId', 404],
    ]);
  });

  test('no row for what reaches no route (an unknown path, a method a route does not have), nor for the health check and the OpenAPI document', async () => {
    const { t } = await server();
    const calls: Array<[Method, string, number]> = [
      ['GET', '/api/nothing-here', 404], ['POST', '/api/reviews/x/nothing', 404], ['PUT', '/api/me', 404],
      ['GET', '/api/health', 200], ['GET', '/api/openapi.json', 200],
    ];
    for (const [method, url, status] of calls) expect((await t.call({ method, url, headers: t.as.admin })).statusCode).toBe(status);
    expect(all(t)).toEqual([]);
    // …and the trail is working: the next request that reaches a route is row 1.
    await t.call({ method: 'GET', url: '/api/me', headers: t.as.admin });
    expect(all(t).map((r) => [r.id, r.route])).toEqual([[1, '/api/me']]);
  });

  test('the rows of a deleted review stay', async () => {
    const { t, second } = await server();
    expect((await t.call({ method: 'GET', url: `/api/reviews/${second}`, headers: t.as.author })).statusCode).toBe(200);
    expect((await t.call({ method: 'DELETE', url: `/api/reviews/${second}`, headers: t.as.author })).statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url: `/api/reviews/${second}`, headers: t.as.author })).statusCode).toBe(404);
    const listed = await t.call({ method: 'GET', url: `/api/audit?review=${second}`, headers: t.as.admin });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as Array<{ method: string; status: number }>).map((r) => [r.method, r.status])).toEqual([['GET', 200], ['DELETE', 204], ['GET', 404]]);
  });
});

describe('a child\'s name in a query string', () => {
  test('never reaches the audit trail, its CSV export or the server log', async () => {
    const { t, log, lines } = await server();
    const calls: Array<[Method, string, { authorization: string } | Record<string, never>, number]> = [
      ['GET', `/api/reviews/${t.demo}/timeline?q=Lacey`, t.as.viewer, 200],
      ['GET', `/api/reviews/${t.demo}/timeline?q=Lacey&format=csv`, t.as.viewer, 200],
      ['HEAD', `/api/reviews/${t.demo}/timeline?q=Lacey`, t.as.viewer, 200],
      ['GET', `/api/reviews/${t.demo}/timeline?q=Lacey`, t.as.outsider, 404],
      ['GET', `/api/reviews/${t.demo}/timeline?q=Lacey`, {}, 401],
      // Not a query the analysis takes: refused, and the refusal is audited and logged too.
      ['GET', `/api/reviews/${t.demo}/analysis?q=Lacey`, t.as.viewer, 400],
      ['GET', '/api/nothing-here?q=Lacey', t.as.viewer, 404],
      ['GET', '/api/health?q=Lacey', {}, 200],
    ];
    for (const [method, url, headers, status] of calls) {
      const res = await t.call({ method, url, headers });
      expect(res.statusCode, `${method} ${url}`).toBe(status);
    }
    // The name in a body is not logged either.
    expect((await t.call({ method: 'POST', url: '/api/reviews', headers: t.as.author, payload: { title: 'Child Lacey', terms: { childNames: ['Lacey'] } } })).statusCode).toBe(201);

    const rows = all(t);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.route)).toEqual([
      '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/timeline',
      '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/analysis', '/api/reviews',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/lacey|q=|\?/i);

    const csv = await t.call({ method: 'GET', url: '/api/audit?format=csv', headers: t.as.admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')).toHaveLength(9); // the heading, 7 rows, the empty end
    expect(csv.body).not.toMatch(/lacey|q=/i);

    // Two lines for each of the ten requests (received, completed), the CSV export's included.
    await settled(() => lines().length >= 20);
    expect(lines()).toHaveLength(20);
    expect(lines().filter((l) => l.msg === 'incoming request').map((l) => l.req!.route)).toEqual([
      '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/timeline',
      '/api/reviews/:reviewId/timeline', '/api/reviews/:reviewId/analysis', 'unmatched', '/api/health', '/api/reviews', '/api/audit',
    ]);
    expect(log()).not.toMatch(/lacey|q=|\?/i);
  });
});

describe('the administrator reads the trail', () => {
  /** Four known requests: rows 1-4; their request ids, as each reply gave it. */
  async function fourRows(s: Logged): Promise<string[]> {
    const { t, second } = s;
    const r1 = await t.call({ method: 'GET', url: `/api/reviews/${t.demo}`, headers: t.as.viewer, remoteAddress: '192.0.2.1' });
    expect(r1.statusCode).toBe(200);
    const r2 = await t.call({ method: 'GET', url: `/api/reviews/${second}/members`, headers: t.as.author, remoteAddress: '192.0.2.2' });
    expect(r2.statusCode).toBe(200);
    const r3 = await t.call({ method: 'GET', url: `/api/reviews/${t.demo}/timeline`, headers: t.as.outsider, remoteAddress: '192.0.2.3' });
    expect(r3.statusCode).toBe(404);
    const r4 = await t.call({ method: 'GET', url: '/api/me', remoteAddress: '192.0.2.4' });
    expect(r4.statusCode).toBe(401);
    return [r1, r2, r3, r4].map((r) => String(r.headers['x-request-id']));
  }
  const list = async (t: TestServer, query: string): Promise<Array<Record<string, unknown>>> => {
    const res = await t.call({ method: 'GET', url: `/api/audit${query}`, headers: t.as.admin });
    expect(res.statusCode, query).toBe(200);
    return res.json() as Array<Record<string, unknown>>;
  };
  const ids = (rows: Array<Record<string, unknown>>): unknown[] => rows.map((r) => r.id);

  test('lists every row in order, with all its fields', async () => {
    const s = await server();
    const req = await fourRows(s);
    // Request ids are random (unique across restarts) and each reply says its own.
    expect(new Set(req).size).toBe(4);
    for (const id of req) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const rows = await list(s.t, '');
    expect(rows).toEqual([
      { id: 1, at: AT, userId: VIEWER, reviewId: s.t.demo, method: 'GET', route: '/api/reviews/:reviewId', status: 200, requestId: req[0], ip: '192.0.2.1' },
      { id: 2, at: AT, userId: AUTHOR, reviewId: s.second, method: 'GET', route: '/api/reviews/:reviewId/members', status: 200, requestId: req[1], ip: '192.0.2.2' },
      { id: 3, at: AT, userId: OUTSIDER, reviewId: s.t.demo, method: 'GET', route: '/api/reviews/:reviewId/timeline', status: 404, requestId: req[2], ip: '192.0.2.3' },
      { id: 4, at: AT, userId: null, reviewId: null, method: 'GET', route: '/api/me', status: 401, requestId: req[3], ip: '192.0.2.4' },
    ]);
    // The listing was itself a request: row 5.
    expect(ids(await list(s.t, ''))).toEqual([1, 2, 3, 4, 5]);
  });

  test('filters by review (?review=)', async () => {
    const s = await server();
    await fourRows(s);
    expect(ids(await list(s.t, `?review=${s.t.demo}`))).toEqual([1, 3]);
    expect(ids(await list(s.t, `?review=${s.second}`))).toEqual([2]);
    expect(ids(await list(s.t, '?review=no-such-review'))).toEqual([]);
    // The listings (rows 5-7) are about no review.
    expect(ids(await list(s.t, `?review=${s.t.demo}&after=1`))).toEqual([3]);
  });

  test('pages by id (?after=&limit=)', async () => {
    const s = await server();
    await fourRows(s);
    expect(ids(await list(s.t, '?limit=2'))).toEqual([1, 2]); // row 5
    expect(ids(await list(s.t, '?after=2&limit=2'))).toEqual([3, 4]); // row 6
    expect(ids(await list(s.t, '?after=4&limit=2'))).toEqual([5, 6]); // row 7
    expect(ids(await list(s.t, '?after=7&limit=2'))).toEqual([]); // row 8
    expect(ids(await list(s.t, '?after=3'))).toEqual([4, 5, 6, 7, 8]);
    for (const bad of ['?limit=0', '?after=-1', '?limit=many', '?format=xml', '?sort=id']) {
      const res = await s.t.call({ method: 'GET', url: `/api/audit${bad}`, headers: s.t.as.admin });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code, bad).toBe('bad-request');
    }
  });

  test('exports CSV (format=csv): a download, one line a row, every cell formula-safe', async () => {
    const s = await server();
    const { t } = s;
    // Path text is the caller's to choose: a "review id" can be made to look like a formula.
    const hostile = ['=HYPERLINK("http://example.com/x","open")', '+1+2', '-3-4', '@SUM(A1)'];
    const req: string[] = [];
    for (const id of hostile) {
      const res = await t.call({ method: 'GET', url: `/api/reviews/${encodeURIComponent(id)}/timeline`, headers: t.as.outsider, remoteAddress: IP });
      expect(res.statusCode, id).toBe(404);
      req.push(String(res.headers['x-request-id']));
    }
    const res = await t.call({ method: 'GET', url: '/api/audit?format=csv', headers: t.as.admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="audit.csv"');
    expect(res.body).toBe([
      'id,at,userId,reviewId,method,route,status,requestId,ip',
      `1,${AT},5,"'=HYPERLINK(""http://example.com/x"",""open"")",GET,/api/reviews/:reviewId/timeline,404,${req[0]},${IP}`,
      `2,${AT},5,'+1+2,GET,/api/reviews/:reviewId/timeline,404,${req[1]},${IP}`,
      `3,${AT},5,'-3-4,GET,/api/reviews/:reviewId/timeline,404,${req[2]},${IP}`,
      `4,${AT},5,'@SUM(A1),GET,/api/reviews/:reviewId/timeline,404,${req[3]},${IP}`,
      '',
    ].join('\r\n'));
    // The JSON listing keeps the values as they were.
    const rows = (await t.call({ method: 'GET', url: '/api/audit?limit=4', headers: t.as.admin })).json() as Array<{ reviewId: string }>;
    expect(rows.map((r) => r.reviewId)).toEqual(hostile);
    // Filters and paging apply to the export too.
    const page = await t.call({ method: 'GET', url: '/api/audit?format=csv&after=1&limit=2', headers: t.as.admin });
    expect(page.body.split('\r\n').map((l) => l.split(',')[0])).toEqual(['id', '2', '3', '']);
  });

  test('only the administrator: a member of every review and a signed-out caller are refused', async () => {
    const { t } = await server();
    for (const [headers, status, code] of [[t.as.author, 403, 'admin-only'], [t.as.viewer, 403, 'admin-only'], [{}, 401, 'unauthenticated']] as const) {
      const res = await t.call({ method: 'GET', url: '/api/audit?format=csv', headers });
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
    }
  });
});

describe('nobody edits the trail', () => {
  test('the API has no route to change or remove a row: PUT, PATCH, DELETE and POST are 404 not-found', async () => {
    const { t } = await server();
    expect((await t.call({ method: 'GET', url: '/api/me', headers: t.as.admin })).statusCode).toBe(200);
    const before = all(t);
    expect(before).toHaveLength(1);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      for (const url of ['/api/audit', '/api/audit/1', '/api/audit?review=x']) {
        const res = await t.call({ method, url, headers: t.as.admin, ...(method === 'DELETE' ? {} : { payload: { status: 200 } }) });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json(), `${method} ${url}`).toEqual({ code: 'not-found', message: `no such route: ${method} ${url.replace(/\?.*$/, '')}` });
      }
    }
    expect(all(t)).toEqual(before);
  });

  const folder = tempFolders('audit');
  let dir: string;
  beforeEach(() => { dir = folder(); });

  test('the database refuses UPDATE and DELETE on the audit table (a file database, raw SQL)', async () => {
    const path = join(dir, 'throughline.db');
    // Rows written by the server itself.
    const store = openStore(path);
    firstRun(store, NOW);
    const app = await buildApp({ store, now: () => NOW });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'not the password' } })).statusCode).toBe(401);
    } finally {
      await app.close();
      store.close();
    }

    const db = new Database(path);
    try {
      const rows = () => db.prepare('SELECT id, user_id, review_id, method, route, status FROM audit ORDER BY id').all();
      const expected = [
        { id: 1, user_id: null, review_id: null, method: 'GET', route: '/api/me', status: 401 },
        { id: 2, user_id: null, review_id: null, method: 'POST', route: '/api/auth/login', status: 401 },
      ];
      expect(rows()).toEqual(expected);
      for (const sql of [
        'UPDATE audit SET status = 200',
        'UPDATE audit SET user_id = 1 WHERE id = 2',
        "UPDATE audit SET route = '/api/me?q=x' WHERE id = 1",
        'DELETE FROM audit',
        'DELETE FROM audit WHERE id = 1',
        // REPLACE removes the row it names without firing a DELETE trigger: refused by its own trigger (0002).
        "INSERT OR REPLACE INTO audit (id, at, method, route, status, request_id, ip) VALUES (1, 'x', 'GET', '/x', 200, 'r', 'i')",
        "REPLACE INTO audit (id, at, method, route, status, request_id, ip) VALUES (2, 'x', 'GET', '/x', 200, 'r', 'i')",
        "INSERT INTO audit (id, at, method, route, status, request_id, ip) VALUES (1, 'x', 'GET', '/x', 200, 'r', 'i') ON CONFLICT (id) DO UPDATE SET status = 200",
      ]) {
        expect(() => db.prepare(sql).run(), sql).toThrow('the audit trail is append-only');
      }
      // Nor inside a transaction that does other things first.
      expect(() => db.transaction(() => { db.prepare('UPDATE users SET display_name = ? WHERE id = 1').run('Changed'); db.prepare('DELETE FROM audit').run(); })()).toThrow('the audit trail is append-only');
      expect(db.prepare('SELECT display_name FROM users WHERE id = 1').get()).toEqual({ display_name: 'Administrator' });
      expect(rows()).toEqual(expected);
      // Appending still works.
      db.prepare("INSERT INTO audit (at, method, route, status, request_id, ip) VALUES (?, 'GET', '/api/me', 200, 'req-x', '127.0.0.1')").run(AT);
      expect(rows()).toHaveLength(3);
    } finally {
      db.close();
    }

    // Reopened by the store (no migration runs again), the triggers are still there.
    const again = openStore(path);
    try {
      expect(again.auditEntries({ limit: 10 }).map((r) => r.id)).toEqual([1, 2, 3]);
    } finally {
      again.close();
    }
    const raw = new Database(path);
    try {
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit' ORDER BY name").all()).toEqual([{ name: 'audit_no_delete' }, { name: 'audit_no_replace' }, { name: 'audit_no_update' }]);
      expect(() => raw.prepare('DELETE FROM audit WHERE id = 3').run()).toThrow('the audit trail is append-only');
    } finally {
      raw.close();
    }
  });
});

describe('a database made before REPLACE was refused', () => {
  const folder = tempFolders('audit-old');
  test('opening it with the store adds the refusal, and its rows stay as they were', () => {
    const path = join(folder(), 'old.db');
    const old = new Database(path);
    try {
      old.exec(readFileSync(join(process.cwd(), 'server', 'migrations', '0001_init.sql'), 'utf8'));
      old.pragma('user_version = 1');
      old.prepare("INSERT INTO audit (at, method, route, status, request_id, ip) VALUES (?, 'GET', '/api/me', 401, 'req-1', '127.0.0.1')").run(AT);
    } finally {
      old.close();
    }
    const store = openStore(path);
    try {
      expect(store.schemaVersion()).toBeGreaterThanOrEqual(2);
      expect(store.auditEntries({ limit: 10 })).toEqual([{ id: 1, at: AT, userId: null, reviewId: null, method: 'GET', route: '/api/me', status: 401, requestId: 'req-1', ip: '127.0.0.1' }]);
    } finally {
      store.close();
    }
    const db = new Database(path);
    try {
      expect(() => db.prepare("REPLACE INTO audit (id, at, method, route, status, request_id, ip) VALUES (1, 'x', 'GET', '/x', 200, 'r', 'i')").run()).toThrow('the audit trail is append-only');
      expect(db.prepare('SELECT route, status FROM audit').all()).toEqual([{ route: '/api/me', status: 401 }]);
    } finally {
      db.close();
    }
  });
});


afterAll(async () => {
  for (const s of open.splice(0)) await s.t.app.close();
});

/**
 * Access control as a table: every route the server registers × every kind of caller → the
 * status (and error code) worked out by hand from the rules:
 *
 * - no credentials → 401 `unauthenticated`, except the public routes (health, the OpenAPI
 *   document, signing in by password or by one-time link);
 * - the accounts and the audit trail are an administrator's: anyone else signed in → 403 `admin-only`;
 * - a review, and everything in it, does not exist for someone who is not its member: 404
 *   `review-not-found`, an administrator included;
 * - a member whose role lacks the route's ability → 403 `forbidden` (author: read, chronology,
 *   findings, rca, manage; investigator: read, findings, rca; viewer: read). Changing the
 *   `profiles` or `linkRules` setting is the author's, although the route itself asks for `findings`.
 *
 * Every row's request is one that succeeds for an allowed caller (a valid body, an existing file,
 * cause analysis and version), and the allowed callers' success status is asserted, so no row can
 * pass by every request failing validation. Review routes are called on a second review, owned by
 * `author1` (with `investigator1` and `viewer1` as members), of which the administrator is NOT a
 * member. Each row gets its own server; a cell that deletes something deletes a thing made for it.
 * Each cell also checks that the request left exactly one audit row, and that a refused request
 * changed nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { multipart, NOW, registeredRoutes, testServer, type TestServer } from './helpers.js';
import { loadDemoReview } from '../../server/setup.js';
import { createSigninLink } from '../../server/routes/accounts.js';
import { hashPassword } from '../../server/auth.js';
import { DEFAULT_LINK_RULES } from '../../src/timeline/links.js';

const CALLERS = ['anonymous', 'outsider', 'viewer', 'investigator', 'author', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A refusal: status and error code. A success is its status alone. */
type Outcome = number | readonly [number, string];
const U = [401, 'unauthenticated'] as const;
const A = [403, 'admin-only'] as const;
const N = [404, 'review-not-found'] as const;
const F = [403, 'forbidden'] as const;

/** The callers' account ids, in the order the test helper makes them (the extra account is made here, sixth). */
const USER_ID: Record<Caller, number | null> = { anonymous: null, admin: 1, author: 2, investigator: 3, viewer: 4, outsider: 5 };
const EXTRA_ID = 6;
const EXTRA_NAME = 'extra1';
const EXTRA_PASSWORD = 'a perfectly long passphrase';

const DEMO_DIR = join(process.cwd(), 'fixtures', 'demo');
const DEMO_PROFILE = JSON.parse(readFileSync(join(DEMO_DIR, 'throughline.profile.json'), 'utf8')) as Record<string, unknown>;
const WHYS = readFileSync(join(process.cwd(), 'fixtures', 'rca', 'child-l.whys.txt'), 'utf8');
const UPLOAD = 'Date,Agency,Summary\r\n01/03/2021,School,Attendance meeting with mother\r\n02/03/2021,School,Class teacher saw L in the playground\r\n';

interface Ctx {
  t: TestServer;
  /** The second review: owned by author1; investigator1 and viewer1 members; the administrator not a member. */
  review: string;
  /** Its gp.csv. */
  fileId: string;
  /** Its cause analysis (version 1). */
  graphId: string;
  /** An account that is none of the callers: a member to add and remove, the owner of sign-in links. */
  extra: number;
  seq: () => number;
}

interface Req { url: string; payload?: InjectOptions['payload']; headers?: Record<string, string> }

interface Row {
  method: Method;
  /** The route's pattern as the server registers it. */
  route: string;
  /** Which of several requests to one route (a setting's name, a diagram). */
  variant?: string;
  /** anonymous, outsider, viewer, investigator, author, admin (not a member of the review). */
  expect: readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
  /** The request, made afresh for each caller (whatever it deletes is made for it). */
  request: (c: Ctx, caller: Caller) => Req | Promise<Req>;
  /** The route is left out of the audit trail. */
  unaudited?: boolean;
  /** Whom the audit row names when the route signs someone in (public routes identify no caller). */
  auditUser?: number;
}

const inReview = (c: Ctx, path: string): string => `/api/reviews/${c.review}${path}`;
const json = (url: string, payload: unknown): Req => ({ url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });

/** A review made for one cell: owned by author1, with investigator1 and viewer1. */
function freshReview(c: Ctx): string {
  const id = `fresh-${c.seq()}`;
  const at = NOW.toISOString();
  c.t.store.tx(() => {
    c.t.store.createReview({ id, title: 'A review to delete', terms: { childNames: [], agencyOrder: [] }, settings: {}, createdBy: USER_ID.author!, createdAt: at });
    c.t.store.setMember(id, USER_ID.investigator!, 'investigator');
    c.t.store.setMember(id, USER_ID.viewer!, 'viewer');
  });
  return id;
}

/** A GET row whose request is its URL alone. */
const get = (route: string, expect: Row['expect'], path: (c: Ctx) => string, variant?: string): Row => ({
  method: 'GET', route, ...(variant ? { variant } : {}), expect, request: (c) => ({ url: path(c) }),
});

/** A file of the built web app (the global setup builds it). */
const APP_ASSET = readdirSync(join('dist', 'app', 'assets')).find((f) => f.endsWith('.js'))!;

const TABLE: Row[] = [
  // Public.
  { method: 'GET', route: '/api/health', expect: [200, 200, 200, 200, 200, 200], unaudited: true, request: () => ({ url: '/api/health' }) },
  { method: 'GET', route: '/api/openapi.json', expect: [200, 200, 200, 200, 200, 200], unaudited: true, request: () => ({ url: '/api/openapi.json' }) },
  // The web app's page and files (signing in is one of its pages; the data comes from the API).
  { method: 'GET', route: '/', expect: [200, 200, 200, 200, 200, 200], unaudited: true, request: () => ({ url: '/' }) },
  { method: 'GET', route: '/assets/:file', expect: [200, 200, 200, 200, 200, 200], unaudited: true, request: () => ({ url: `/assets/${APP_ASSET}` }) },
  {
    method: 'POST', route: '/api/auth/login', expect: [200, 200, 200, 200, 200, 200], auditUser: EXTRA_ID,
    request: () => json('/api/auth/login', { username: EXTRA_NAME, password: EXTRA_PASSWORD }),
  },
  {
    method: 'GET', route: '/api/auth/link/:token', expect: [303, 303, 303, 303, 303, 303], auditUser: EXTRA_ID,
    request: (c) => ({ url: createSigninLink(c.t.store, c.extra, NOW) }),
  },

  // Anyone signed in.
  { method: 'POST', route: '/api/auth/logout', expect: [U, 204, 204, 204, 204, 204], request: () => ({ url: '/api/auth/logout' }) },
  { method: 'GET', route: '/api/me', expect: [U, 200, 200, 200, 200, 200], request: () => ({ url: '/api/me' }) },
  { method: 'PUT', route: '/api/me/password', expect: [U, 204, 204, 204, 204, 204], request: () => json('/api/me/password', { password: 'correct horse battery staple' }) },
  { method: 'GET', route: '/api/me/tokens', expect: [U, 200, 200, 200, 200, 200], request: () => ({ url: '/api/me/tokens' }) },
  { method: 'POST', route: '/api/me/tokens', expect: [U, 201, 201, 201, 201, 201], request: () => json('/api/me/tokens', { name: 'nightly export' }) },
  {
    method: 'DELETE', route: '/api/me/tokens/:tokenId', expect: [U, 204, 204, 204, 204, 204],
    request: (c, caller) => {
      // The caller's own spare token (the administrator's, for a caller with no account).
      const owner = USER_ID[caller] ?? USER_ID.admin!;
      const id = c.t.store.createToken(owner, 'spare', `spare-hash-${c.seq()}`, NOW.toISOString());
      return { url: `/api/me/tokens/${id}` };
    },
  },
  { method: 'GET', route: '/api/reviews', expect: [U, 200, 200, 200, 200, 200], request: () => ({ url: '/api/reviews' }) },
  { method: 'POST', route: '/api/reviews', expect: [U, 201, 201, 201, 201, 201], request: () => json('/api/reviews', { title: 'Child M', terms: { from: '01/01/2021', to: '31/12/2022', childNames: ['M'] } }) },

  // An administrator's.
  { method: 'GET', route: '/api/accounts', expect: [U, A, A, A, A, 200], request: () => ({ url: '/api/accounts' }) },
  { method: 'POST', route: '/api/accounts', expect: [U, A, A, A, A, 201], request: (c) => json('/api/accounts', { username: `new.person${c.seq()}`, displayName: 'New Person', password: 'a good long password' }) },
  { method: 'PATCH', route: '/api/accounts/:userId', expect: [U, A, A, A, A, 200], request: (c) => json(`/api/accounts/${c.extra}`, { disabled: false, isAdmin: false }) },
  { method: 'POST', route: '/api/accounts/:userId/signin-link', expect: [U, A, A, A, A, 201], request: (c) => ({ url: `/api/accounts/${c.extra}/signin-link` }) },
  { method: 'GET', route: '/api/audit', expect: [U, A, A, A, A, 200], request: () => ({ url: '/api/audit?limit=10' }) },

  // A review and everything in it: read.
  get('/api/reviews/:reviewId', [U, N, 200, 200, 200, N], (c) => inReview(c, '')),
  get('/api/reviews/:reviewId/status', [U, N, 200, 200, 200, N], (c) => inReview(c, '/status')),
  get('/api/reviews/:reviewId/members', [U, N, 200, 200, 200, N], (c) => inReview(c, '/members')),
  get('/api/reviews/:reviewId/files', [U, N, 200, 200, 200, N], (c) => inReview(c, '/files')),
  get('/api/reviews/:reviewId/files/:fileId', [U, N, 200, 200, 200, N], (c) => inReview(c, `/files/${c.fileId}`)),
  get('/api/reviews/:reviewId/files/:fileId/content', [U, N, 200, 200, 200, N], (c) => inReview(c, `/files/${c.fileId}/content`)),
  get('/api/reviews/:reviewId/timeline', [U, N, 200, 200, 200, N], (c) => inReview(c, '/timeline?limit=5')),
  get('/api/reviews/:reviewId/analysis', [U, N, 200, 200, 200, N], (c) => inReview(c, '/analysis')),
  get('/api/reviews/:reviewId/settings', [U, N, 200, 200, 200, N], (c) => inReview(c, '/settings')),
  get('/api/reviews/:reviewId/rca', [U, N, 200, 200, 200, N], (c) => inReview(c, '/rca')),
  get('/api/reviews/:reviewId/rca/:graphId', [U, N, 200, 200, 200, N], (c) => inReview(c, `/rca/${c.graphId}`)),
  get('/api/reviews/:reviewId/rca/:graphId/versions/:version', [U, N, 200, 200, 200, N], (c) => inReview(c, `/rca/${c.graphId}/versions/1`)),
  get('/api/reviews/:reviewId/rca/:graphId/analysis', [U, N, 200, 200, 200, N], (c) => inReview(c, `/rca/${c.graphId}/analysis`)),
  { method: 'POST', route: '/api/reviews/:reviewId/rca-draft', expect: [U, N, 200, 200, 200, N], request: (c) => json(inReview(c, '/rca-draft'), { format: 'whys', source: WHYS }) },
  { method: 'POST', route: '/api/reviews/:reviewId/rca-draft/diagrams/:diagram', expect: [U, N, 200, 200, 200, N], request: (c) => json(inReview(c, '/rca-draft/diagrams/fishbone'), { format: 'whys', source: WHYS }) },
  get('/api/reviews/:reviewId/diagrams/:diagram', [U, N, 200, 200, 200, N], (c) => inReview(c, '/diagrams/timeline'), 'timeline'),
  get('/api/reviews/:reviewId/diagrams/:diagram', [U, N, 200, 200, 200, N], (c) => inReview(c, '/diagrams/heatmap'), 'heatmap'),
  get('/api/reviews/:reviewId/diagrams/:diagram', [U, N, 200, 200, 200, N], (c) => inReview(c, '/diagrams/knowledge'), 'knowledge'),
  get('/api/reviews/:reviewId/diagrams/:diagram', [U, N, 200, 200, 200, N], (c) => inReview(c, `/diagrams/whys?graph=${c.graphId}`), 'whys'),
  get('/api/reviews/:reviewId/diagrams/:diagram', [U, N, 200, 200, 200, N], (c) => inReview(c, `/diagrams/fishbone?graph=${c.graphId}`), 'fishbone'),
  get('/api/reviews/:reviewId/diagrams/:diagram', [U, N, 200, 200, 200, N], (c) => inReview(c, `/diagrams/causes?graph=${c.graphId}&version=1`), 'causes'),

  // manage: the author alone.
  { method: 'PATCH', route: '/api/reviews/:reviewId', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, ''), { title: 'Child L (second copy)' }) },
  { method: 'DELETE', route: '/api/reviews/:reviewId', expect: [U, N, F, F, 204, N], request: (c) => ({ url: `/api/reviews/${freshReview(c)}` }) },
  { method: 'PUT', route: '/api/reviews/:reviewId/members/:userId', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, `/members/${c.extra}`), { role: 'viewer' }) },
  {
    method: 'DELETE', route: '/api/reviews/:reviewId/members/:userId', expect: [U, N, F, F, 200, N],
    request: (c) => {
      c.t.store.setMember(c.review, c.extra, 'viewer');
      return { url: inReview(c, `/members/${c.extra}`) };
    },
  },

  // chronology: the author alone.
  {
    method: 'POST', route: '/api/reviews/:reviewId/files', expect: [U, N, F, F, 201, N],
    request: (c, caller) => ({ url: inReview(c, '/files'), ...multipart([{ field: 'agency', value: 'School' }, { file: `school-${caller}.csv`, content: UPLOAD }]) }),
  },
  { method: 'POST', route: '/api/reviews/:reviewId/files/:fileId/preview', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, `/files/${c.fileId}/preview`), { profile: { dateOrder: 'day-first' } }) },
  { method: 'PATCH', route: '/api/reviews/:reviewId/files/:fileId', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, `/files/${c.fileId}`), { agency: 'GP' }) },
  {
    method: 'DELETE', route: '/api/reviews/:reviewId/files/:fileId', expect: [U, N, F, F, 204, N],
    request: (c) => {
      const id = `spare-file-${c.seq()}`;
      const store = c.t.store;
      store.tx(() => store.addFile({ id, reviewId: c.review, name: `${id}.csv`, sha256: store.putBlob(Buffer.from(UPLOAD)), agency: 'School', profile: null, uploadedBy: USER_ID.author!, uploadedAt: NOW.toISOString() }));
      return { url: inReview(c, `/files/${id}`) };
    },
  },

  // Settings: findings (investigator and author), but the chronology's shape (profiles, link rules) the author's.
  { method: 'PUT', route: '/api/reviews/:reviewId/settings/:name', variant: 'rules', expect: [U, N, F, 200, 200, N], request: (c) => json(inReview(c, '/settings/rules'), { value: { child: ['L', 'Lacey'] } }) },
  {
    method: 'PUT', route: '/api/reviews/:reviewId/settings/:name', variant: 'episodes', expect: [U, N, F, 200, 200, N],
    request: (c) => json(inReview(c, '/settings/episodes'), { value: [{ title: 'After the ICPC', from: '24/06/2021', to: '31/08/2021' }] }),
  },
  { method: 'PUT', route: '/api/reviews/:reviewId/settings/:name', variant: 'tags', expect: [U, N, F, 200, 200, N], request: (c) => json(inReview(c, '/settings/tags'), { value: {} }) },
  { method: 'PUT', route: '/api/reviews/:reviewId/settings/:name', variant: 'profiles', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, '/settings/profiles'), { value: [DEMO_PROFILE] }) },
  { method: 'PUT', route: '/api/reviews/:reviewId/settings/:name', variant: 'linkRules', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, '/settings/linkRules'), { value: DEFAULT_LINK_RULES }) },
  { method: 'PUT', route: '/api/reviews/:reviewId/settings/:name', variant: 'glossary', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, '/settings/glossary'), { value: 'name,pseudonym\nLacey,Child L\n' }) },

  // The review model guide: anyone signed in.
  { method: 'GET', route: '/api/review-models', expect: [U, 200, 200, 200, 200, 200], request: () => ({ url: '/api/review-models' }) },
  { method: 'POST', route: '/api/review-models/advice', expect: [U, 200, 200, 200, 200, 200], request: () => json('/api/review-models/advice', { facts: { agencies: 2 } }) },

  // The practice documents: read by members, written by an investigator or the author.
  get('/api/reviews/:reviewId/salford', [U, N, 200, 200, 200, N], (c) => inReview(c, '/salford')),
  { method: 'PUT', route: '/api/reviews/:reviewId/salford', expect: [U, N, F, 200, 200, N], request: (c) => json(inReview(c, '/salford'), { record: { hypotheses: ['A first idea'] } }) },
  get('/api/reviews/:reviewId/findings', [U, N, 200, 200, 200, N], (c) => inReview(c, '/findings')),
  { method: 'PUT', route: '/api/reviews/:reviewId/findings', expect: [U, N, F, 200, 200, N], request: (c) => json(inReview(c, '/findings'), { record: { findings: [{ id: 'F1', title: 'A finding', events: ['gp-2'] }] } }) },
  {
    method: 'POST', route: '/api/reviews/:reviewId/recommendations/:recommendationId/status', expect: [U, N, F, 200, 200, N],
    request: (c) => {
      // A recommendation of its own for each caller, open, to move on.
      const id = `R${c.seq()}`;
      c.t.store.tx(() => c.t.store.putDocument(c.review, 'findings', { findings: [], recommendations: [{ id, text: 'Act', owner: 'Police', measure: 'Audit', due: '2027-03-31', rootCauses: ['c3'], findings: [], strength: 'stronger', status: 'open', history: [{ status: 'open', on: '2026-01-01', by: 'author1', note: '' }] }] }, USER_ID.author!, NOW.toISOString()));
      return json(inReview(c, `/recommendations/${id}/status`), { status: 'in progress', note: 'started' });
    },
  },
  get('/api/reviews/:reviewId/report', [U, N, 200, 200, 200, N], (c) => inReview(c, '/report?format=xlsx')),

  // The glossary: read and checked by members, written by the author (like its setting).
  get('/api/reviews/:reviewId/glossary', [U, N, 200, 200, 200, N], (c) => inReview(c, '/glossary')),
  get('/api/reviews/:reviewId/glossary/check', [U, N, 200, 200, 200, N], (c) => inReview(c, '/glossary/check')),
  { method: 'PUT', route: '/api/reviews/:reviewId/glossary', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, '/glossary'), { entries: [{ name: 'Lacey', pseudonym: 'Child L' }] }) },
  { method: 'POST', route: '/api/reviews/:reviewId/glossary/entries', expect: [U, N, F, F, 200, N], request: (c) => json(inReview(c, '/glossary/entries'), { name: 'Northmoor', kind: 'not a name' }) },

  // rca: investigator and author.
  {
    method: 'POST', route: '/api/reviews/:reviewId/rca', expect: [U, N, F, 201, 201, N],
    request: (c) => json(inReview(c, '/rca'), { title: 'Why the burn was not followed up', format: 'whys', source: WHYS, note: 'first draft' }),
  },
  { method: 'PUT', route: '/api/reviews/:reviewId/rca/:graphId', expect: [U, N, F, 200, 200, N], request: (c) => json(inReview(c, `/rca/${c.graphId}`), { format: 'whys', source: WHYS, note: 'checked again' }) },
  { method: 'POST', route: '/api/reviews/:reviewId/rca/:graphId/versions/:version/restore', expect: [U, N, F, 200, 200, N], request: (c) => ({ url: inReview(c, `/rca/${c.graphId}/versions/1/restore`) }) },
  {
    method: 'DELETE', route: '/api/reviews/:reviewId/rca/:graphId', expect: [U, N, F, 204, 204, N],
    request: (c) => {
      const id = `spare-graph-${c.seq()}`;
      const store = c.t.store;
      store.tx(() => {
        store.createRcaGraph({ id, reviewId: c.review, title: 'A spare cause analysis', createdAt: NOW.toISOString() });
        store.addRcaVersion({ graphId: id, format: 'whys', source: WHYS, author: USER_ID.investigator!, createdAt: NOW.toISOString() });
      });
      return { url: inReview(c, `/rca/${id}`) };
    },
  },
];

async function context(): Promise<Ctx> {
  const t = await testServer({ signinAttempts: 1000 });
  expect(t.ids).toEqual({ admin: 1, author: 2, investigator: 3, viewer: 4, outsider: 5 });
  const review = loadDemoReview(t.store, USER_ID.author!, NOW);
  t.store.setMember(review, USER_ID.investigator!, 'investigator');
  t.store.setMember(review, USER_ID.viewer!, 'viewer');
  const extra = t.store.createUser({ username: EXTRA_NAME, displayName: 'Extra Person', passwordHash: hashPassword(EXTRA_PASSWORD), isAdmin: false, createdAt: NOW.toISOString() });
  expect(extra).toBe(EXTRA_ID);
  const files = t.store.files(review).filter((f) => f.name === 'gp.csv');
  const graphs = t.store.rcaGraphs(review);
  expect(files).toHaveLength(1);
  expect(graphs).toHaveLength(1);
  expect(t.store.role(review, USER_ID.admin!)).toBeUndefined();
  let n = 0;
  return { t, review, fileId: files[0]!.id, graphId: graphs[0]!.id, extra, seq: () => ++n };
}

/** What a refused request must leave as it was: accounts, every review author1 is in with its members, files and cause analyses, the callers' tokens. */
function fingerprint(c: Ctx): string {
  const s = c.t.store;
  return JSON.stringify({
    users: s.users(),
    reviews: s.reviewsOf(USER_ID.author!).map((r) => ({
      ...r, members: s.members(r.id), files: s.files(r.id), rca: s.rcaGraphs(r.id).map((g) => ({ ...g, versions: s.rcaVersions(g.id) })),
    })),
    tokens: [1, 2, 3, 4, 5, EXTRA_ID].map((u) => s.tokens(u).map((t) => [t.id, t.name])),
  });
}

const lastAuditId = (c: Ctx): number => {
  const all = c.t.store.auditEntries({ limit: 1_000_000 });
  return all.length === 0 ? 0 : all[all.length - 1]!.id;
};

const show = (o: Outcome): string => (typeof o === 'number' ? String(o) : `${o[0]} ${o[1]}`);
const isSuccess = (o: Outcome): boolean => typeof o === 'number';

async function cell(c: Ctx, row: Row, caller: Caller, method: Method | 'HEAD', expected: Outcome): Promise<void> {
  const req = await row.request(c, caller);
  const auth = caller === 'anonymous' ? {} : c.t.as[caller];
  const before = fingerprint(c);
  const lastAudit = lastAuditId(c);
  const res = await c.t.call({ method, url: req.url, ...(req.payload !== undefined ? { payload: req.payload } : {}), headers: { ...req.headers, ...auth } });

  if (typeof expected === 'number') {
    expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
  } else {
    expect(res.statusCode, res.body.slice(0, 300)).toBe(expected[0]);
    if (method !== 'HEAD') expect(res.json()).toMatchObject({ code: expected[1] });
    // A refused request changes nothing.
    expect(fingerprint(c)).toBe(before);
  }

  const audit = c.t.store.auditEntries({ after: lastAudit, limit: 100 });
  if (row.unaudited) {
    expect(audit).toHaveLength(0);
    return;
  }
  expect(audit).toHaveLength(1);
  const reviewId = /^\/api\/reviews\/([^/?]+)/.exec(req.url)?.[1] ?? null;
  expect(audit[0]).toMatchObject({
    userId: isSuccess(expected) && row.auditUser !== undefined ? row.auditUser : USER_ID[caller],
    reviewId, method, route: row.route, status: res.statusCode,
  });
}

describe('access control, route × caller', () => {
  for (const row of TABLE) {
    describe(`${row.method} ${row.route}${row.variant ? ` (${row.variant})` : ''}`, () => {
      let c: Ctx;
      beforeAll(async () => { c = await context(); });
      afterAll(async () => { await c.t.app.close(); });
      CALLERS.forEach((caller, i) => {
        const expected = row.expect[i]!;
        test(`${caller} → ${show(expected)}`, async () => { await cell(c, row, caller, row.method, expected); });
        if (row.method === 'GET') {
          // fastify answers HEAD for every GET route, with the same access.
          test(`HEAD, ${caller} → ${typeof expected === 'number' ? expected : expected[0]}`, async () => { await cell(c, row, caller, 'HEAD', expected); });
        }
      });
    });
  }
});


describe('the table covers every route the server registers', () => {
  let t: TestServer;
  beforeAll(async () => { t = await testServer(); await t.app.ready(); });
  afterAll(async () => { await t.app.close(); });

  test('printRoutes lists 60 routes and a HEAD for each of the 30 GET routes, and the table has a row for each', () => {
    const registered = registeredRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect(registered).toHaveLength(90);
    const heads = registered.filter((r) => r.startsWith('HEAD '));
    const others = registered.filter((r) => !r.startsWith('HEAD '));
    expect(heads).toHaveLength(30);
    expect(others).toHaveLength(60);
    expect(heads.map((r) => r.replace(/^HEAD /, 'GET ')).sort()).toEqual(others.filter((r) => r.startsWith('GET ')).sort());
    const inTable = [...new Set(TABLE.map((r) => `${r.method} ${r.route}`))].sort();
    // Both ways: a route missing from the table fails, and so does a row for a route that is gone.
    expect(others.filter((r) => !inTable.includes(r))).toEqual([]);
    expect(inTable.filter((r) => !others.includes(r))).toEqual([]);
    expect(inTable).toHaveLength(60);
  });

  test('the app has the route of every row (hasRoute), and the table has 70 rows (6 settings, 6 diagrams)', () => {
    expect(TABLE).toHaveLength(70);
    for (const row of TABLE) expect(t.app.hasRoute({ method: row.method, url: row.route }), `${row.method} ${row.route}`).toBe(true);
    expect(TABLE.filter((r) => r.route === '/api/reviews/:reviewId/settings/:name').map((r) => r.variant)).toEqual(['rules', 'episodes', 'tags', 'profiles', 'linkRules', 'glossary']);
    expect(TABLE.filter((r) => r.route === '/api/reviews/:reviewId/diagrams/:diagram').map((r) => r.variant)).toEqual(['timeline', 'heatmap', 'knowledge', 'whys', 'fishbone', 'causes']);
  });

  test('the OpenAPI document lists every table route but the four hidden ones (health, the document itself, the web app\'s page and files)', async () => {
    const res = await t.call({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)).sort();
    expect(documented).toHaveLength(56);
    const expected = [...new Set(TABLE.map((r) => `${r.method} ${r.route}`))].filter((r) => !['GET /api/health', 'GET /api/openapi.json', 'GET /', 'GET /assets/:file'].includes(r)).sort();
    expect(documented).toEqual(expected);
  });
});

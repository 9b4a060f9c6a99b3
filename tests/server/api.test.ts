/**
 * The review server's routes, each on its success and its error paths, through `app.inject()`:
 * signing in, accounts and tokens, reviews and their terms, agency files (byte-identical round
 * trip, names, sizes, binaries), the merged chronology and its filters, the analysis and its
 * settings, cause analyses and their versions, diagrams, and malformed requests. Expected values
 * come from the demo case's EXPECTED.md and from the small files written here.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, NOW, testServer, type TestServer } from './helpers.js';
import { ERRORS } from '../../server/errors.js';

let s: TestServer;
beforeAll(async () => { s = await testServer({ signinAttempts: 3 }); });
afterAll(async () => { await s.app.close(); });

const json = (r: { body: string }) => JSON.parse(r.body) as Record<string, unknown>;
const upload = (review: string, headers: Record<string, string>, parts: Parameters<typeof multipart>[0]) => {
  const body = multipart(parts);
  return s.call({ method: 'POST', url: `/api/reviews/${review}/files`, headers: { ...headers, ...body.headers }, payload: body.payload });
};
/** A review of the author's own with the given files. */
async function ownReview(files: Array<{ file: string; content: string | Uint8Array }> = []): Promise<string> {
  const r = await s.call({ method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 'Own review' } });
  expect(r.statusCode).toBe(201);
  const id = json(r).id as string;
  if (files.length > 0) expect((await upload(id, s.as.author, files)).statusCode).toBe(201);
  return id;
}

describe('signing in', () => {
  it('a one-time link signs the administrator in once, with an httpOnly SameSite=Strict cookie, then a password can be set and used', async () => {
    const t = await testServer();
    try {
      const first = await t.call({ method: 'GET', url: t.signinPath });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/');
      const cookie = String(first.headers['set-cookie']);
      expect(cookie).toMatch(/^throughline_session=tls_[\w-]+;/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      const again = await t.call({ method: 'GET', url: t.signinPath });
      expect([again.statusCode, json(again).code]).toEqual([401, 'signin-link-invalid']);
      const session = { cookie: cookie.split(';')[0]! };
      expect(json(await t.call({ method: 'GET', url: '/api/me', headers: session }))).toMatchObject({ username: 'admin', isAdmin: true, hasPassword: false });
      const short = await t.call({ method: 'PUT', url: '/api/me/password', headers: session, payload: { password: 'elevenchars' } });
      expect([short.statusCode, json(short).code]).toEqual([400, 'bad-request']);
      expect((await t.call({ method: 'PUT', url: '/api/me/password', headers: session, payload: { password: 'twelve chars' } })).statusCode).toBe(204);
      // Once set, changing it needs the current one.
      const noCurrent = await t.call({ method: 'PUT', url: '/api/me/password', headers: session, payload: { password: 'another twelve' } });
      expect([noCurrent.statusCode, json(noCurrent).code]).toEqual([401, 'credentials-wrong']);
      const login = await t.call({ method: 'POST', url: '/api/auth/login', payload: { username: 'ADMIN', password: 'twelve chars' } });
      expect(login.statusCode).toBe(200);
      expect(json(login)).toMatchObject({ username: 'admin', hasPassword: true });
      const out = await t.call({ method: 'POST', url: '/api/auth/logout', headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! } });
      expect(out.statusCode).toBe(204);
      const after = await t.call({ method: 'GET', url: '/api/me', headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! } });
      expect([after.statusCode, json(after).code]).toEqual([401, 'unauthenticated']);
    } finally { await t.app.close(); }
  });
  it('answers a wrong name and a wrong password alike, and limits attempts: 3 a minute here, the 4th is 429', async () => {
    const t = await testServer({ signinAttempts: 3 });
    try {
      const tries = [];
      for (const username of ['admin', 'nobody', 'admin', 'admin']) tries.push(await t.call({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'not the password' } }));
      expect(tries.map((r) => [r.statusCode, json(r).code])).toEqual([[401, 'credentials-wrong'], [401, 'credentials-wrong'], [401, 'credentials-wrong'], [429, 'rate-limited']]);
      expect(json(tries[0]!).message).toBe(json(tries[1]!).message);
    } finally { await t.app.close(); }
  });
});

describe('accounts and tokens', () => {
  it('an administrator creates an account (with a one-time link when no password is given); a taken name is 409', async () => {
    const made = await s.call({ method: 'POST', url: '/api/accounts', headers: s.as.admin, payload: { username: 'hv.lead', displayName: 'HV lead' } });
    expect(made.statusCode).toBe(201);
    expect(json(made).signinLink).toMatch(/^\/api\/auth\/link\/tll_[\w-]+$/);
    expect(json(made).account).toMatchObject({ username: 'hv.lead', isAdmin: false, hasPassword: false, createdAt: NOW.toISOString() });
    const again = await s.call({ method: 'POST', url: '/api/accounts', headers: s.as.admin, payload: { username: 'HV.LEAD', displayName: 'x' } });
    expect([again.statusCode, json(again).code]).toEqual([409, 'username-taken']);
    const bad = await s.call({ method: 'POST', url: '/api/accounts', headers: s.as.admin, payload: { username: 'a b', displayName: 'x' } });
    expect([bad.statusCode, json(bad).code]).toEqual([400, 'bad-request']);
  });
  it('an API token is shown once, listed without its secret, works as a Bearer token, and stops working when revoked or the account is disabled', async () => {
    const made = await s.call({ method: 'POST', url: '/api/me/tokens', headers: s.as.viewer, payload: { name: 'script' } });
    expect(made.statusCode).toBe(201);
    const { id, token } = json(made) as { id: number; token: string };
    expect(token).toMatch(/^tlt_[\w-]{32}$/);
    const list = await s.call({ method: 'GET', url: '/api/me/tokens', headers: s.as.viewer });
    expect(list.body).not.toContain(token);
    expect((JSON.parse(list.body) as Array<{ name: string }>).map((t) => t.name)).toEqual(['test', 'script']);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await s.call({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    expect((await s.call({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: s.as.viewer })).statusCode).toBe(204);
    const revoked = await s.call({ method: 'GET', url: '/api/me', headers: bearer });
    expect([revoked.statusCode, json(revoked).code]).toEqual([401, 'unauthenticated']);
    const gone = await s.call({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: s.as.viewer });
    expect([gone.statusCode, json(gone).code]).toEqual([404, 'token-not-found']);

    const t = await testServer();
    try {
      expect((await t.call({ method: 'PATCH', url: `/api/accounts/${t.ids.viewer}`, headers: t.as.admin, payload: { disabled: true } })).statusCode).toBe(200);
      const disabled = await t.call({ method: 'GET', url: '/api/me', headers: t.as.viewer });
      expect([disabled.statusCode, json(disabled).code]).toEqual([401, 'unauthenticated']);
      const missing = await t.call({ method: 'PATCH', url: '/api/accounts/999', headers: t.as.admin, payload: { disabled: true } });
      expect([missing.statusCode, json(missing).code]).toEqual([404, 'user-not-found']);
    } finally { await t.app.close(); }
  });
});

describe('reviews', () => {
  it('creates a review with its terms of reference, dates as a person writes them; a wrong date is 422 with the core\'s code', async () => {
    const r = await s.call({
      method: 'POST', url: '/api/reviews', headers: s.as.investigator,
      payload: { title: '  Child Q  ', terms: { from: '01/04/2021', to: '2022', childNames: ['Q', ' '], dob: '29/02/2020', model: 'Salford Case Discussion Tool', agencyOrder: ['Police'] } },
    });
    expect(r.statusCode).toBe(201);
    expect(json(r)).toMatchObject({ title: 'Child Q', role: 'author', revision: 1, terms: { from: '2021-04-01', to: '2022-12-31', childNames: ['Q'], dob: '2020-02-29', model: 'Salford Case Discussion Tool', agencyOrder: ['Police'] } });
    const bad = await s.call({ method: 'POST', url: '/api/reviews', headers: s.as.investigator, payload: { title: 'x', terms: { dob: '31/02/2020' } } });
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'dob-invalid']);
    expect(json(bad).message).toMatch(/^terms of reference: dob 31\/02\/2020: /);
    const mine = await s.call({ method: 'GET', url: '/api/reviews', headers: s.as.investigator });
    expect((JSON.parse(mine.body) as Array<{ title: string; role: string }>).map((x) => [x.title, x.role])).toEqual([['Child L (demo case, fictional)', 'investigator'], ['Child Q', 'author']]);
  });
  it('changes the terms (a new revision), and keeps at least one author', async () => {
    const id = await ownReview();
    const p = await s.call({ method: 'PATCH', url: `/api/reviews/${id}`, headers: s.as.author, payload: { terms: { from: 'March 2021' } } });
    expect(p.statusCode).toBe(200);
    expect(json(p)).toMatchObject({ revision: 2, terms: { from: '2021-03-01', childNames: [], agencyOrder: [] } });
    const demote = await s.call({ method: 'PUT', url: `/api/reviews/${id}/members/${s.ids.author}`, headers: s.as.author, payload: { role: 'viewer' } });
    expect([demote.statusCode, json(demote).code]).toEqual([409, 'last-author']);
    const add = await s.call({ method: 'PUT', url: `/api/reviews/${id}/members/${s.ids.viewer}`, headers: s.as.author, payload: { role: 'viewer' } });
    expect((JSON.parse(add.body) as Array<{ username: string; role: string }>).map((m) => [m.username, m.role])).toEqual([['author1', 'author'], ['viewer1', 'viewer']]);
    const nobody = await s.call({ method: 'PUT', url: `/api/reviews/${id}/members/9999`, headers: s.as.author, payload: { role: 'viewer' } });
    expect([nobody.statusCode, json(nobody).code]).toEqual([404, 'user-not-found']);
    const badRole = await s.call({ method: 'PUT', url: `/api/reviews/${id}/members/${s.ids.viewer}`, headers: s.as.author, payload: { role: 'owner' } });
    expect([badRole.statusCode, json(badRole).code]).toEqual([400, 'bad-request']);
  });
});

describe('agency files', () => {
  // Windows-1252 bytes (£ is 0xA3), a BOM-less CSV with a title line: what comes back is exactly what went in.
  const cp1252 = Uint8Array.from([...Buffer.from('Housing chronology\r\nDate,Event\r\n03/05/2021,Rent arrears letter \u00a3'.replace('\u00a3', '')), 0xa3, ...Buffer.from('120\r\n')]);

  it('keeps an upload byte for byte: downloaded identical, as an attachment, with its SHA-256', async () => {
    const id = await ownReview();
    const up = await upload(id, s.as.author, [{ field: 'agency', value: 'Housing' }, { file: 'housing.csv', content: cp1252 }]);
    expect(up.statusCode).toBe(201);
    const [file] = JSON.parse(up.body) as Array<{ id: string; sha256: string; size: number; agency: string; report: { rows: number; encoding: string; headerLine: number }; issues: unknown[] }>;
    const sha = createHash('sha256').update(cp1252).digest('hex');
    expect(file).toMatchObject({ sha256: sha, size: cp1252.length, agency: 'Housing', report: { encoding: 'windows-1252', headerLine: 2 } });
    const down = await s.call({ method: 'GET', url: `/api/reviews/${id}/files/${file!.id}/content`, headers: s.as.author });
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, Buffer.from(cp1252))).toBe(0);
    expect(down.headers['content-type']).toBe('application/octet-stream');
    expect(down.headers['content-disposition']).toBe('attachment; filename="housing.csv"; filename*=UTF-8\'\'housing.csv');
    expect(down.headers['x-content-sha256']).toBe(sha);
    const tl = await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline`, headers: s.as.author });
    expect((json(tl).events as Array<{ agency: string; summary: string }>).map((e) => [e.agency, e.summary])).toEqual([['Housing', 'Rent arrears letter £120']]);
  });
  it('refuses names with folders, control characters or the wrong extension, a binary renamed .csv, a repeated name, a file over the limit, and a body that is not multipart', async () => {
    const id = await ownReview([{ file: 'police.csv', content: 'Date,Event\n01/02/2021,Call\n' }]);
    const cases: Array<[string, string | Uint8Array, number, string]> = [
      ['../../etc/passwd.csv', 'Date,Event\n01/02/2021,x\n', 422, 'file-name-invalid'],
      ['..\\evil.csv', 'Date,Event\n01/02/2021,x\n', 422, 'file-name-invalid'],
      ['page.html', '<script>alert(1)</script>', 422, 'file-name-invalid'],
      ['.hidden.csv', 'Date,Event\n01/02/2021,x\n', 422, 'file-name-invalid'],
      ['photo.csv', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 422, 'file-binary'],
      ['police.csv', 'Date,Event\n01/02/2021,x\n', 409, 'file-name-taken'],
      ['empty.csv', '', 422, 'file-empty'],
    ];
    const got = [];
    for (const [file, content] of cases) {
      const r = await upload(id, s.as.author, [{ file, content }]);
      got.push([file, r.statusCode, json(r).code]);
    }
    expect(got).toEqual(cases.map(([file, , status, code]) => [file, status, code]));
    const files = await s.call({ method: 'GET', url: `/api/reviews/${id}/files`, headers: s.as.author });
    expect((JSON.parse(files.body) as Array<{ name: string }>).map((f) => f.name)).toEqual(['police.csv']);
    const notMultipart = await s.call({ method: 'POST', url: `/api/reviews/${id}/files`, headers: s.as.author, payload: { file: 'x' } });
    expect([notMultipart.statusCode, json(notMultipart).code]).toEqual([415, 'unsupported-media-type']);

    const small = await testServer({ uploadLimit: 1000 });
    try {
      const at = await small.call({ method: 'POST', url: '/api/reviews', headers: small.as.author, payload: { title: 'limit' } });
      const rid = json(at).id as string;
      const row = '01/02/2021,A home visit by the health visitor\n';
      const fits = 'Date,Event\n' + row.repeat(Math.floor((1000 - 11) / row.length));
      const over = fits + row;
      expect(fits.length).toBeLessThanOrEqual(1000);
      expect(over.length).toBeGreaterThan(1000);
      const body1 = multipart([{ file: 'fits.csv', content: fits }]);
      expect((await small.call({ method: 'POST', url: `/api/reviews/${rid}/files`, headers: { ...small.as.author, ...body1.headers }, payload: body1.payload })).statusCode).toBe(201);
      const body2 = multipart([{ file: 'over.csv', content: over }]);
      const big = await small.call({ method: 'POST', url: `/api/reviews/${rid}/files`, headers: { ...small.as.author, ...body2.headers }, payload: body2.payload });
      expect([big.statusCode, json(big).code, json(big).message]).toEqual([413, 'file-too-large', 'the file is larger than the limit of 0 MB']);
    } finally { await small.app.close(); }
  });
  it('reads a file again when its mapping changes, refuses a mapping that leaves it unreadable, and deletes it', async () => {
    // The Date column is read as the date; the mapping makes "Seen" the date instead.
    const id = await ownReview([{ file: 'school.csv', content: 'Date,Seen,Concern\n10/03/2021,01/03/2021,Bruise seen\n' }]);
    const [file] = JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${id}/files`, headers: s.as.author })).body) as Array<{ id: string }>;
    const before = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline`, headers: s.as.author }));
    expect((before.events as Array<{ date: { start: string } }>).map((e) => e.date.start)).toEqual(['2021-03-10']);
    const patched = await s.call({ method: 'PATCH', url: `/api/reviews/${id}/files/${file!.id}`, headers: s.as.author, payload: { profile: { columns: { Seen: 'date', Date: 'extra' } } } });
    expect(patched.statusCode).toBe(200);
    const after = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline`, headers: s.as.author }));
    expect((after.events as Array<{ date: { start: string } }>).map((e) => e.date.start)).toEqual(['2021-03-01']);
    const invalid = await s.call({ method: 'PATCH', url: `/api/reviews/${id}/files/${file!.id}`, headers: s.as.author, payload: { profile: { columns: { Seen: 'when' } } } });
    expect([invalid.statusCode, json(invalid).code]).toEqual([422, 'profile-invalid']);
    expect((await s.call({ method: 'DELETE', url: `/api/reviews/${id}/files/${file!.id}`, headers: s.as.author })).statusCode).toBe(204);
    const gone = await s.call({ method: 'GET', url: `/api/reviews/${id}/files/${file!.id}`, headers: s.as.author });
    expect([gone.statusCode, json(gone).code]).toEqual([404, 'file-not-found']);
  });
});

describe('the merged chronology', () => {
  it('serves the demo case\'s 115 events in pages, filtered by agency, dates (a month overlapping the range), text and flag', async () => {
    const url = (q: string) => `/api/reviews/${s.demo}/timeline?${q}`;
    const page = json(await s.call({ method: 'GET', url: url('offset=110&limit=10'), headers: s.as.viewer }));
    expect([page.total, page.offset, page.limit, (page.events as unknown[]).length]).toEqual([115, 110, 10, 5]);
    const police = json(await s.call({ method: 'GET', url: url('agency=Police&limit=1000'), headers: s.as.viewer }));
    // EXPECTED.md: police.csv has 15 data rows; the unusable one (line 18, 29/02/2021) is kept as an undated event.
    expect(police.total).toBe(15);
    // Two CSC records overlap 15-16 April 2021 without a day in it: line 6's "2021" (a year, sorted
    // at its start) and line 8's "April 2021" (a month).
    const april = json(await s.call({ method: 'GET', url: url('from=15/04/2021&to=16/04/2021&agency=Children%27s%20Social%20Care'), headers: s.as.viewer }));
    expect((april.events as Array<{ date: { text: string; precision: string } }>).map((e) => [e.date.text, e.date.precision])).toEqual([['2021', 'year'], ['April 2021', 'month']]);
    const text = json(await s.call({ method: 'GET', url: url('q=BUNK%20BED'), headers: s.as.viewer }));
    expect((text.events as Array<{ id: string }>).map((e) => e.id).sort()).toEqual(['csc-case-notes-39', 'police-3']);
    const badDate = await s.call({ method: 'GET', url: url('from=31/02/2021'), headers: s.as.viewer });
    expect([badDate.statusCode, json(badDate).code]).toEqual([422, 'scope-invalid']);
    const badLimit = await s.call({ method: 'GET', url: url('limit=0'), headers: s.as.viewer });
    expect([badLimit.statusCode, json(badLimit).code]).toEqual([400, 'bad-request']);
  });
  it('sends the same bytes for the same whole page until the chronology changes', async () => {
    const id = await ownReview([{ file: 'police.csv', content: 'Date,Details\n01/02/2021,Call-out\n' }]);
    const page = () => s.call({ method: 'GET', url: `/api/reviews/${id}/timeline?limit=50`, headers: s.as.author });
    const a = await page();
    const b = await page();
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
    expect(json(a).total).toBe(1);
    expect((await upload(id, s.as.author, [{ file: 'gp.csv', content: 'Date,Details\n02/02/2021,Appointment\n' }])).statusCode).toBe(201);
    expect(json(await page()).total).toBe(2);
  });
  it('exports CSV with formulas neutralised, and Markdown', async () => {
    const id = await ownReview([{ file: 'gp.csv', content: 'Date,Entry\n02/02/2021,"=HYPERLINK(""http://x"",""click"")"\n' }]);
    const csv = await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline?format=csv`, headers: s.as.author });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('"\'=HYPERLINK(""http://x"",""click"")"');
    const md = await s.call({ method: 'GET', url: `/api/reviews/${id}/timeline?format=md`, headers: s.as.author });
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toContain('02/02/2021');
  });
});

describe('analysis and settings', () => {
  it('analyses the demo review with its child and date of birth: the three suggested episodes of the hand derivation', async () => {
    const a = json(await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/analysis`, headers: s.as.viewer }));
    expect((a.episodes as Array<{ source: string; from: string; to: string }>).map((e) => [e.source, e.from, e.to])).toEqual([
      ['suggested', '2021-05-21', '2021-06-15'], ['suggested', '2021-06-24', '2021-07-08'], ['suggested', '2022-11-12', '2022-11-29'],
    ]);
    expect(a.balance).toMatchObject({ total: { good: 10, missed: 29 } });
    const md = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/analysis?format=md`, headers: s.as.viewer });
    expect(md.body).toMatch(/^# /);
  });
  it('takes a reviewer\'s tags and episodes (an investigator may), checks them as the command line does, and refuses profiles from an investigator', async () => {
    const t = await testServer();
    try {
      const tags = await t.call({ method: 'PUT', url: `/api/reviews/${t.demo}/settings/tags`, headers: t.as.investigator, payload: { value: { 'police-15': 'good' } } });
      expect(tags.statusCode).toBe(200);
      const a = json(await t.call({ method: 'GET', url: `/api/reviews/${t.demo}/analysis`, headers: t.as.viewer }));
      expect((a.balance as { total: unknown }).total).toEqual({ good: 11, missed: 29 });
      const episodes = await t.call({ method: 'PUT', url: `/api/reviews/${t.demo}/settings/episodes`, headers: t.as.investigator, payload: { value: [{ title: 'Birth of M', from: '01/01/2021', to: '31/01/2021' }] } });
      expect(episodes.statusCode).toBe(200);
      const b = json(await t.call({ method: 'GET', url: `/api/reviews/${t.demo}/analysis`, headers: t.as.viewer }));
      expect((b.episodes as Array<{ source: string; title: string; from: string }>)[0]).toMatchObject({ source: 'user', title: 'Birth of M', from: '2021-01-01', to: '2021-01-31' });
      const bad = await t.call({ method: 'PUT', url: `/api/reviews/${t.demo}/settings/tags`, headers: t.as.investigator, payload: { value: { 'police-15': 'great' } } });
      expect([bad.statusCode, json(bad).code]).toEqual([422, 'tags-invalid']);
      const profiles = await t.call({ method: 'PUT', url: `/api/reviews/${t.demo}/settings/profiles`, headers: t.as.investigator, payload: { value: [] } });
      expect([profiles.statusCode, json(profiles).code]).toEqual([403, 'forbidden']);
    } finally { await t.app.close(); }
  });
});

describe('cause analyses', () => {
  const whys = readFileSync('fixtures/rca/child-l.whys.txt', 'utf8');
  it('the demo review holds the demo RCA: 6 root causes, 7 paths (as tests/rca counts them by hand)', async () => {
    const list = JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/rca`, headers: s.as.viewer })).body) as Array<{ id: string; latest: number }>;
    expect(list).toHaveLength(1);
    const report = json(await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/rca/${list[0]!.id}/analysis`, headers: s.as.viewer }));
    const problems = report.problems as Array<{ rootCauseCount: number; pathCount: string }>;
    expect(problems.map((p) => [p.rootCauseCount, p.pathCount])).toEqual([[6, '7']]);
  });
  it('keeps every save as a version with its author; restores an old one as a new version; analyses any version', async () => {
    const id = await ownReview();
    const made = await s.call({ method: 'POST', url: `/api/reviews/${id}/rca`, headers: s.as.investigator.authorization ? s.as.author : s.as.author, payload: { title: 'Why', format: 'whys', source: 'problem P1: Injury\n  why: No strategy discussion\n' } });
    expect(made.statusCode).toBe(201);
    const graphId = (json(made).graph as { id: string }).id;
    const v2 = await s.call({ method: 'PUT', url: `/api/reviews/${id}/rca/${graphId}`, headers: s.as.author, payload: { format: 'whys', source: whys, note: 'the full chain' } });
    expect(v2.statusCode).toBe(200);
    const restored = await s.call({ method: 'POST', url: `/api/reviews/${id}/rca/${graphId}/versions/1/restore`, headers: s.as.author });
    expect((json(restored).versions as Array<{ version: number; note: string | null; author: string }>).map((v) => [v.version, v.note, v.author])).toEqual([
      [1, null, 'author1'], [2, 'the full chain', 'author1'], [3, 'restored from version 1', 'author1'],
    ]);
    const v1 = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/rca/${graphId}/analysis?version=1`, headers: s.as.author }));
    const v2a = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/rca/${graphId}/analysis?version=2`, headers: s.as.author }));
    expect((v1.problems as Array<{ rootCauseCount: number }>).map((p) => p.rootCauseCount)).toEqual([1]);
    expect((v2a.problems as Array<{ rootCauseCount: number }>).map((p) => p.rootCauseCount)).toEqual([6]);
    const source = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/rca/${graphId}/versions/2`, headers: s.as.author }));
    expect(source.source).toBe(whys);
    const none = await s.call({ method: 'GET', url: `/api/reviews/${id}/rca/${graphId}/versions/9`, headers: s.as.author });
    expect([none.statusCode, json(none).code]).toEqual([404, 'version-not-found']);
    const badJson = await s.call({ method: 'POST', url: `/api/reviews/${id}/rca`, headers: s.as.author, payload: { title: 'J', format: 'json', source: '{ not json' } });
    expect([badJson.statusCode, json(badJson).code]).toEqual([422, 'json-invalid']);
    const noGraph = await s.call({ method: 'GET', url: `/api/reviews/${id}/rca/nope`, headers: s.as.author });
    expect([noGraph.statusCode, json(noGraph).code]).toEqual([404, 'rca-not-found']);
  });
});

describe('diagrams', () => {
  it('draws each diagram as SVG and PNG; a cause diagram needs its graph', async () => {
    const [graph] = JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/rca`, headers: s.as.viewer })).body) as Array<{ id: string }>;
    for (const d of ['timeline', 'heatmap', 'knowledge', 'whys', 'fishbone', 'causes']) {
      const r = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/${d}?graph=${graph!.id}&widthMm=170`, headers: s.as.viewer });
      expect([d, r.statusCode, r.headers['content-type']]).toEqual([d, 200, 'image/svg+xml; charset=utf-8']);
      expect(r.body).toMatch(/<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    const png = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/heatmap?format=png&download=true`, headers: s.as.viewer });
    expect([png.statusCode, png.headers['content-type'], png.headers['content-disposition']]).toEqual([200, 'image/png', 'attachment; filename="heatmap.png"']);
    expect([...png.rawPayload.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const noGraph = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/fishbone`, headers: s.as.viewer });
    expect([noGraph.statusCode, json(noGraph).code]).toEqual([400, 'bad-request']);
    // The timeline as one agency could know it: an agency of the review and a day, both or neither.
    const knownBy = (query: string) => s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/timeline?${query}`, headers: s.as.viewer });
    const asKnown = await knownBy('asKnownBy=GP&on=2021-07-13');
    expect([asKnown.statusCode, asKnown.body]).toEqual([200, expect.stringContaining('<title>The chronology as GP could know it on 13/07/2021</title>')]);
    for (const [query, detail] of [
      ['asKnownBy=GP', /asKnownBy and on go together/], ['on=2021-07-13', /asKnownBy and on go together/],
      ['asKnownBy=Probation&on=2021-07-13', /no agency "Probation"/], ['asKnownBy=GP&on=2021-02-30', /on 2021-02-30: no such day/],
    ] as const) {
      const r = await knownBy(query);
      expect([r.statusCode, json(r).code, json(r).message], query).toEqual([400, 'bad-request', expect.stringMatching(detail)]);
    }
    const notTimeline = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/heatmap?asKnownBy=GP&on=2021-07-13`, headers: s.as.viewer });
    expect([notTimeline.statusCode, json(notTimeline).message]).toEqual([400, 'the request is not valid: asKnownBy is for the timeline, not the heatmap diagram']);
    const unknown = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/pie`, headers: s.as.viewer });
    expect([unknown.statusCode, json(unknown).code]).toEqual([400, 'bad-request']);
  });
});

describe('previews and drafts', () => {
  it('previews a file read with another date order, saving nothing; a bad profile is a 422 naming it', async () => {
    const id = await ownReview([{ file: 'visits.csv', content: 'Date,Details\n03/04/2021,Home visit\n05/06/2021,Case closed\n' }]);
    const [file] = JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${id}/files`, headers: s.as.author })).body) as Array<{ id: string }>;
    const url = `/api/reviews/${id}/files/${file!.id}/preview`;
    const asIs = json(await s.call({ method: 'POST', url, headers: s.as.author, payload: {} }));
    const swapped = json(await s.call({ method: 'POST', url, headers: s.as.author, payload: { profile: { dateOrder: 'month-first' }, rows: 1 } }));
    // 03/04/2021 is 3 April day-first, 4 March month-first; rows: 1 gives one record.
    expect((asIs.events as Array<{ date: { start: string } }>).map((e) => e.date.start)).toEqual(['2021-04-03', '2021-06-05']);
    expect((swapped.events as Array<{ date: { start: string } }>).map((e) => e.date.start)).toEqual(['2021-03-04']);
    expect([(swapped.report as { dateOrder: string }).dateOrder, swapped.issueCount]).toEqual(['month-first', 0]);
    const after = json(await s.call({ method: 'GET', url: `/api/reviews/${id}/files/${file!.id}`, headers: s.as.author }));
    expect((after.report as { dateOrder: string }).dateOrder).toBe('day-first');
    const bad = await s.call({ method: 'POST', url, headers: s.as.author, payload: { profile: { dateOrder: 'sideways' } } });
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'profile-invalid']);
  });
  it('analyses unsaved why-chain text against the chronology, and draws it as a saved version of it is drawn', async () => {
    const source = 'problem P1: Injury\n  why: Not shared (information sharing) [evidence: police-5, nowhere-1]\n';
    const report = json(await s.call({ method: 'POST', url: `/api/reviews/${s.demo}/rca-draft`, headers: s.as.viewer, payload: { title: 'Draft', format: 'whys', source } }));
    expect((report.evidence as { unknownEvents: Array<{ event: string }> }).unknownEvents.map((e) => e.event)).toEqual(['nowhere-1']);
    expect((report.actions as { rootCausesWithoutAction: string[] }).rootCausesWithoutAction).toEqual(['c1']);
    const drawn = await s.call({ method: 'POST', url: `/api/reviews/${s.demo}/rca-draft/diagrams/fishbone`, headers: s.as.viewer, payload: { title: 'Draft', format: 'whys', source } });
    expect(drawn.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    const id = await ownReview();
    const made = json(await s.call({ method: 'POST', url: `/api/reviews/${id}/rca`, headers: s.as.author, payload: { title: 'Draft', format: 'whys', source } }));
    const saved = await s.call({ method: 'GET', url: `/api/reviews/${id}/diagrams/fishbone?graph=${(made.graph as { id: string }).id}`, headers: s.as.author });
    expect(drawn.body).toBe(saved.body);
    const bad = await s.call({ method: 'POST', url: `/api/reviews/${s.demo}/rca-draft/diagrams/causes`, headers: s.as.viewer, payload: { format: 'json', source: '{ nope' } });
    expect([bad.statusCode, json(bad).code]).toEqual([422, 'json-invalid']);
  });
});

describe('the web app\'s page', () => {
  it('serves the built page with the strict CSP, its files as immutable, and refuses names that leave the folder', async () => {
    const page = await s.call({ method: 'GET', url: '/' });
    expect([page.statusCode, page.headers['content-type'], page.headers['cache-control']]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    expect(page.body).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(page.body).not.toMatch(/<script>|<style>|style="/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const asset = /src="(\/assets\/[^"]+)"/.exec(page.body)![1]!;
    const js = await s.call({ method: 'GET', url: asset });
    expect([js.statusCode, js.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect(String(js.headers['content-type'])).toMatch(/^(text|application)\/javascript/);
    for (const url of ['/assets/..%2Fpackage.json', '/assets/.hidden', '/assets/nothing-here.js']) {
      const r = await s.call({ method: 'GET', url });
      expect([url, r.statusCode]).toEqual([url, url.endsWith('nothing-here.js') ? 404 : 400]);
    }
  });
  it('says how to build it when it is not built', async () => {
    const t = await testServer({ appRoot: '/nonexistent/app' });
    try {
      const r = await t.call({ method: 'GET', url: '/' });
      expect([r.statusCode, r.body]).toEqual([503, 'The web app is not built: run npm run build (npm ci builds it too). The API is at /api/.']);
    } finally { await t.app.close(); }
  });
});

describe('malformed requests', () => {
  it('answers malformed JSON, wrong types, unknown fields, huge bodies and unknown routes with a 4xx and its code, never a stack trace', async () => {
    const cases: Array<[string, Parameters<TestServer['call']>[0], number, string]> = [
      ['malformed JSON', { method: 'POST', url: '/api/reviews', headers: { ...s.as.author, 'content-type': 'application/json' }, payload: '{"title": ' }, 400, 'json-invalid'],
      ['a number for a title', { method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 42 } }, 400, 'bad-request'],
      ['an unknown field', { method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 'x', owner: 'me' } }, 400, 'bad-request'],
      ['a body over 2 MB', { method: 'POST', url: '/api/reviews', headers: { ...s.as.author, 'content-type': 'application/json' }, payload: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }) }, 413, 'file-too-large'],
      ['XML', { method: 'POST', url: '/api/reviews', headers: { ...s.as.author, 'content-type': 'application/xml' }, payload: '<title/>' }, 415, 'unsupported-media-type'],
      ['an unknown route', { method: 'GET', url: '/api/nothing/here?child=Lacey', headers: s.as.author }, 404, 'not-found'],
    ];
    const got = [];
    for (const [what, request] of cases) {
      const r = await s.call(request);
      got.push([what, r.statusCode, json(r).code]);
      expect(r.body).not.toMatch(/\n\s+at /);
      expect(r.body).not.toContain('Lacey');
    }
    expect(got).toEqual(cases.map(([what, , status, code]) => [what, status, code]));
  });
});

describe('the API documents itself', () => {
  it('generates an OpenAPI 3.1 document naming every route with its schemas', async () => {
    const doc = json(await s.call({ method: 'GET', url: '/api/openapi.json' }));
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths as object);
    for (const p of ['/api/reviews', '/api/reviews/{reviewId}/timeline', '/api/reviews/{reviewId}/files', '/api/reviews/{reviewId}/rca/{graphId}/versions/{version}/restore', '/api/audit', '/api/auth/login']) expect(paths).toContain(p);
    const timeline = (doc.paths as Record<string, Record<string, { parameters: Array<{ name: string }> }>>)['/api/reviews/{reviewId}/timeline']!.get!;
    expect(timeline.parameters.map((p) => p.name).sort()).toEqual(['agency', 'anonymise', 'flag', 'format', 'from', 'limit', 'offset', 'q', 'reviewId', 'to', 'type']);
  });
  it('lists every error code of the catalogue in the README\'s API section', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### API errors'));
    expect(section.length).toBeGreaterThan(100);
    const codes = Object.keys(ERRORS);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) expect(section, code).toContain(`\`${code}\``);
  });
});

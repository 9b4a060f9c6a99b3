/**
 * The review server as `npm start` runs it: a real child process of `node dist/server/main.js`
 * (built by the global setup) on a temporary data folder, PORT=0 (the port the kernel gives is
 * read from the line the server prints). First run and its one-time link, restart persistence,
 * kill -9 mid-upload and right after a commit, and the address it binds.
 *
 * Every child is SIGKILLed and every data folder removed after each test, whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');
/** How long a start may take on this (shared, busy) machine before the test gives up. */
const START_MS = 30_000;
const TEST_MS = 120_000;

// ---------------------------------------------------------------------------------------------
// Child processes and temporary folders, always cleaned up
// ---------------------------------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT` as printed. */
  url: string;
  port: number;
  dataDir: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();
const folders: string[] = [];
const openRequests = new Set<ClientRequest>();

afterEach(async () => {
  for (const req of openRequests) req.destroy();
  openRequests.clear();
  await Promise.all([...children].map(async (child) => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await gone;
    }
  }));
  children.clear();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-process-'));
  folders.push(dir);
  return dir;
}

/** Resolves when `check()` is true, polling; rejects after `ms` with `what`. */
async function until(check: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const SERVING = /^throughline: serving (http:\/\/(?:\[[^\]]+\]|[^:/]+):(\d+)) \(data in (.+)\)$/m;

/** Starts `node dist/server/main.js` on `dataDir` with PORT=0 and no HOST unless `env` sets one; resolves once it prints its URL. */
async function start(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const base = { ...process.env };
  delete base.HOST;
  delete base.PORT;
  delete base.LOG_LEVEL;
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT, env: { ...base, THROUGHLINE_DATA: dataDir, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => { out += s; });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { err += s; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
  });
  let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((s) => { status = s; });
  await until(() => SERVING.test(out) || status !== undefined, START_MS, () => `the server to print its URL (stdout ${JSON.stringify(out)}, stderr ${JSON.stringify(err)})`);
  const m = SERVING.exec(out);
  if (!m) throw new Error(`the server exited (${JSON.stringify(status)}) before serving: ${err}`);
  return { child, url: m[1]!, port: Number(m[2]), dataDir, stdout: () => out, stderr: () => err, exited };
}

/** Runs `node dist/server/main.js` expecting it to fail at start: its exit status and output. */
async function failedStart(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.HOST;
  delete base.LOG_LEVEL;
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...base, THROUGHLINE_DATA: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const code = await new Promise<number | null>((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${START_MS} ms (stdout ${JSON.stringify(stdout)})`)), START_MS);
    child.once('close', (c) => { clearTimeout(timer); done(c); });
  });
  return { code, stdout, stderr };
}

/** Sends `signal` and waits (bounded) for the process to end. */
async function stop(server: Server, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  server.child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`the server did not exit within 15 s of ${signal}`)), 15_000); });
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The printed one-time link, waited for (it is written in the same tick as the URL, but may arrive in a later chunk). */
async function signinLink(server: Server): Promise<string> {
  const re = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/api\/auth\/link\/tll_[A-Za-z0-9_-]{32})$/m;
  await until(() => re.test(server.stdout()), 5_000, () => `the sign-in link (stdout ${JSON.stringify(server.stdout())})`);
  return re.exec(server.stdout())![1]!;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

async function call(server: Server, path: string, init: RequestInit & { auth?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.auth) headers.set('authorization', `Bearer ${init.auth}`);
  return fetch(`${server.url}${path}`, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
}

async function json<T = unknown>(server: Server, path: string, auth: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && typeof init.body === 'string') headers.set('content-type', 'application/json');
  const r = await call(server, path, { ...init, headers, auth });
  return { status: r.status, body: (await r.json()) as T };
}

/** Signs in with the one-time link and makes an API token; returns the token. */
async function tokenFrom(server: Server, link: string): Promise<string> {
  const r = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
  expect(r.status).toBe(303);
  const cookie = /^(throughline_session=tls_[A-Za-z0-9_-]{32});/.exec(r.headers.get('set-cookie') ?? '')![1]!;
  const t = await call(server, '/api/me/tokens', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'process test' }) });
  expect(t.status).toBe(201);
  return ((await t.json()) as { token: string }).token;
}

const BOUNDARY = '----throughline-process-test';
function multipartHead(name: string, agency?: string): Buffer {
  return Buffer.from(`${agency !== undefined ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="agency"\r\n\r\n${agency}\r\n` : ''}`
    + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`);
}
const MULTIPART_TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

async function upload(server: Server, auth: string, reviewId: string, name: string, bytes: Buffer, agency?: string): Promise<{ status: number; body: Array<{ id: string; name: string; size: number }> }> {
  const r = await call(server, `/api/reviews/${reviewId}/files`, {
    method: 'POST', auth, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: Buffer.concat([multipartHead(name, agency), bytes, MULTIPART_TAIL]),
  });
  return { status: r.status, body: (await r.json()) as Array<{ id: string; name: string; size: number }> };
}

async function download(server: Server, auth: string, reviewId: string, fileId: string): Promise<Buffer> {
  const r = await call(server, `/api/reviews/${reviewId}/files/${fileId}/content`, { auth });
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/**
 * A small agency file in Windows-1252 (ë 0xEB, £ 0xA3) with CRLF line ends: 207 bytes, two rows,
 * so that a byte-identical download means the bytes and not a re-encoding were kept.
 */
const SMALL_CSV = Buffer.concat([
  Buffer.from('Date,Time,Event,Outcome,Practitioner\r\n02/03/2023,09:15,Home visit: Zo'), Buffer.from([0xeb]),
  Buffer.from(' seen alone; rent arrears of '), Buffer.from([0xa3]), Buffer.from('40,No further action,A Okafor (SW)\r\n'),
  Buffer.from('14/03/2023,,Strategy discussion with police,Section 47 agreed,R Patel\r\n'),
]);
/** SMALL_CSV's two rows as the merged timeline shows them (decoded from Windows-1252). */
const SMALL_EVENTS = [
  { summary: 'Home visit: Zoë seen alone; rent arrears of £40', date: '02/03/2023 09:15', line: 2 },
  { summary: 'Strategy discussion with police', date: '14/03/2023', line: 3 },
];

interface TimelineEvent { id: string; agency: string; summary: string; date: { text: string }; source: { file: string; line: number } }
const brief = (e: TimelineEvent) => ({ summary: e.summary, date: e.date.text, line: e.source.line });

/** A header and `count` CSV rows of about 100 bytes each (CRLF), for an upload of a few MB. */
function bigCsv(count: number): Buffer {
  const lines = ['Date,Event,Outcome,Practitioner'];
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(2020, 0, 1) + (i % 1000) * 86_400_000);
    lines.push(`${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()},Row ${i}: home visit; child seen alone and spoke about school,Plan reviewed,J Smith (SW)`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/** The listening TCP sockets on `port` from /proc/net/tcp and tcp6, as their hex local addresses. */
function listeners(port: number): { v4: string[]; v6: string[] } {
  const read = (file: string): string[] => {
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/)).filter((c) => c.length > 3)
      .filter((c) => c[3] === '0A' && parseInt(c[1]!.split(':')[1]!, 16) === port).map((c) => c[1]!.split(':')[0]!);
  };
  return { v4: read('/proc/net/tcp'), v6: read('/proc/net/tcp6') };
}

const DEMO_TITLE = 'Child L (demo case, fictional)';
const DEMO_FILES = ['csc_case_notes.csv', 'gp.csv', 'health_visiting.csv', 'hospital_ed.csv', 'police.csv', 'school.csv'];

// ---------------------------------------------------------------------------------------------

describe('npm start as a child process', () => {
  it('(a) first run prints the URL and a one-time link that signs in once; once a password is set, a second start prints no link and keeps the demo review', async () => {
    const dir = dataFolder();
    const first = await start(dir);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    expect(first.port).toBeGreaterThan(0);
    const link = await signinLink(first);
    expect(first.stdout()).toBe(
      `throughline: serving http://127.0.0.1:${first.port} (data in ${dir})\n`
      + 'throughline: sign in as admin with this one-time link (valid 24 hours), then set a password:\n'
      + `  ${link}\n`,
    );
    expect(link.startsWith(`${first.url}/api/auth/link/tll_`)).toBe(true);

    // The link signs in once: 303 to / with a session cookie (httpOnly, SameSite=Strict).
    const used = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe('/');
    const setCookie = used.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^throughline_session=tls_[A-Za-z0-9_-]{32}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    const me = await call(first, '/api/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'admin', isAdmin: true, hasPassword: false, disabled: false });

    const again = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.json()).toEqual({ code: 'signin-link-invalid', message: 'this sign-in link has been used or has expired' });

    const t = await call(first, '/api/me/tokens', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'process test' }) });
    expect(t.status).toBe(201);
    const token = ((await t.json()) as { token: string }).token;
    const reviews = await json<Array<{ id: string; title: string; role: string }>>(first, '/api/reviews', token);
    expect(reviews.body.map((r) => [r.title, r.role])).toEqual([[DEMO_TITLE, 'author']]);
    const demo = reviews.body[0]!.id;

    // With a password set, no start prints a link again.
    const password = await call(first, '/api/me/password', { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ password: 'a long passphrase' }) });
    expect(password.status).toBe(204);
    expect(await stop(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(first.stderr()).toBe('');

    // Second start on the same data: the URL line alone, the same account, token, session and demo review.
    const second = await start(dir);
    const after = await json<Array<{ id: string; title: string }>>(second, '/api/reviews', token);
    expect(after.status).toBe(200);
    expect(after.body.map((r) => [r.id, r.title])).toEqual([[demo, DEMO_TITLE]]);
    const files = await json<Array<{ name: string }>>(second, `/api/reviews/${demo}/files`, token);
    expect(files.body.map((f) => f.name)).toEqual(DEMO_FILES);
    // 15 + 33 + 19 + 14 + 13 + 21 data rows (fixtures/demo/EXPECTED.md), unusable ones kept as events.
    const timeline = await json<{ total: number; events: TimelineEvent[] }>(second, `/api/reviews/${demo}/timeline?limit=1`, token);
    expect(timeline.body.total).toBe(115);
    const sessionStill = await call(second, '/api/me', { headers: { cookie } });
    expect(sessionStill.status).toBe(200);
    // The used link stays used across the restart.
    const third = await fetch(link.replace(first.url, second.url), { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    expect(third.status).toBe(401);
    expect(((await third.json()) as { code: string }).code).toBe('signin-link-invalid');

    expect(await stop(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(second.stdout()).toBe(`throughline: serving http://127.0.0.1:${second.port} (data in ${dir})\n`);
    expect(second.stderr()).toBe('');
  }, TEST_MS);

  it('(a) a first start that cannot listen (its port taken) leaves a one-time link for the next start to print, as every start does until the administrator has a password', async () => {
    const dir = dataFolder();
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    try {
      const port = (taken.address() as AddressInfo).port;
      const failed = await failedStart(dir, { PORT: String(port) });
      expect(failed).toEqual({ code: 1, stdout: '', stderr: `throughline: the server could not start: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n` });
    } finally {
      await new Promise((done) => taken.close(done));
    }
    const next = await start(dir);
    const link = await signinLink(next);
    const used = await fetch(link, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    expect(used.status).toBe(303);
    expect(await stop(next, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, TEST_MS);

  it('(b) an uploaded file survives a SIGTERM restart byte for byte, and the timeline still holds its rows', async () => {
    const dir = dataFolder();
    const first = await start(dir);
    const token = await tokenFrom(first, await signinLink(first));
    const created = await json<{ id: string }>(first, '/api/reviews', token, { method: 'POST', body: JSON.stringify({ title: 'Persistence check' }) });
    expect(created.status).toBe(201);
    const review = created.body.id;
    const up = await upload(first, token, review, 'csc.csv', SMALL_CSV, 'Children\'s Social Care');
    expect(up.status).toBe(201);
    expect(up.body.map((f) => [f.name, f.size])).toEqual([['csc.csv', 207]]);
    const fileId = up.body[0]!.id;

    expect(await stop(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    // A clean stop checkpoints the WAL into the database file and removes it.
    expect(readdirSync(dir).sort()).toEqual(['throughline.db']);

    const second = await start(dir);
    const bytes = await download(second, token, review, fileId);
    expect(bytes.length).toBe(207);
    expect(bytes.equals(SMALL_CSV)).toBe(true);
    const files = await json<Array<{ id: string; name: string; agency: string; report: { encoding: string; rows: number } }>>(second, `/api/reviews/${review}/files`, token);
    expect(files.body.map((f) => [f.id, f.name, f.agency, f.report.encoding, f.report.rows])).toEqual([[fileId, 'csc.csv', 'Children\'s Social Care', 'windows-1252', 2]]);
    const timeline = await json<{ total: number; events: TimelineEvent[] }>(second, `/api/reviews/${review}/timeline`, token);
    expect(timeline.body.total).toBe(2);
    expect(timeline.body.events.map(brief)).toEqual(SMALL_EVENTS);
    expect(timeline.body.events.map((e) => [e.agency, e.source.file])).toEqual([['Children\'s Social Care', 'csc.csv'], ['Children\'s Social Care', 'csc.csv']]);
    expect(await stop(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, TEST_MS);

  it('(c) kill -9 mid-upload and right after committed changes: every committed change is there, the interrupted upload left nothing, the database is sound', async () => {
    const dir = dataFolder();
    const first = await start(dir);
    const token = await tokenFrom(first, await signinLink(first));
    const created = await json<{ id: string }>(first, '/api/reviews', token, { method: 'POST', body: JSON.stringify({ title: 'Crash check' }) });
    const review = created.body.id;

    // A large upload, streamed slowly: a quarter-megabyte every 20 ms. 70,000 rows: a 33-byte
    // header line, 97 bytes a row besides the row number's digits (10×1 + 90×2 + 900×3 + 9,000×4
    // + 60,000×5 = 338,890): 33 + 6,790,000 + 338,890 bytes.
    const big = bigCsv(70_000);
    expect(big.length).toBe(7_128_923);
    const req = httpRequest(`${first.url}/api/reviews/${review}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(multipartHead('big.csv').length + big.length + MULTIPART_TAIL.length) },
    });
    openRequests.add(req);
    let answered: number | undefined;
    let failed: string | undefined;
    req.on('response', (res) => { answered = res.statusCode; res.resume(); });
    req.on('error', (e: NodeJS.ErrnoException) => { failed = e.code ?? e.message; });
    req.write(multipartHead('big.csv'));
    let sent = 0;
    const CHUNK = 256 * 1024;
    const sendUntil = async (bytes: number): Promise<void> => {
      while (sent < bytes && failed === undefined) {
        const chunk = big.subarray(sent, Math.min(sent + CHUNK, bytes));
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await sendUntil(3_000_000);

    // Committed changes while the upload is half sent: a small upload (201) and a settings PUT (200).
    const small = await upload(first, token, review, 'small.csv', SMALL_CSV, 'Police');
    expect(small.status).toBe(201);
    await sendUntil(5_000_000);
    const put = await json(first, `/api/reviews/${review}/settings/tags`, token, { method: 'PUT', body: JSON.stringify({ value: { 'small-2': 'good' } }) });
    expect(put.status).toBe(200);
    // kill -9 at once, with the large upload still going (5 MB of 7.1 MB sent, no answer).
    expect(answered).toBeUndefined();
    expect(failed).toBeUndefined();
    expect(await stop(first, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(sent).toBe(5_000_000);
    expect(answered).toBeUndefined();
    // No clean close: the committed changes were in the write-ahead log alone when the process died.
    expect(readdirSync(dir).sort()).toEqual(['throughline.db', 'throughline.db-shm', 'throughline.db-wal']);
    expect(statSync(join(dir, 'throughline.db-wal')).size).toBeGreaterThan(0);

    const second = await start(dir);
    expect(second.stdout()).not.toContain('first run');
    const files = await json<Array<{ id: string; name: string; agency: string }>>(second, `/api/reviews/${review}/files`, token);
    expect(files.status).toBe(200);
    expect(files.body.map((f) => [f.id, f.name, f.agency])).toEqual([[small.body[0]!.id, 'small.csv', 'Police']]);
    expect((await download(second, token, review, small.body[0]!.id)).equals(SMALL_CSV)).toBe(true);
    const settings = await json(second, `/api/reviews/${review}/settings`, token);
    expect(settings.body).toEqual({ tags: { 'small-2': 'good' } });
    const timeline = await json<{ total: number; events: TimelineEvent[] }>(second, `/api/reviews/${review}/timeline`, token);
    expect(timeline.body.events.map(brief)).toEqual(SMALL_EVENTS);
    expect(timeline.body.events.map((e) => e.id)).toEqual(['small-2', 'small-3']);

    // The database as the server left it, read beside the running server: sound, and nothing of big.csv.
    const db = new Database(join(dir, 'throughline.db'), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare('SELECT name FROM agency_files WHERE review_id = ? ORDER BY name').pluck().all(review)).toEqual(['small.csv']);
      // The demo's six files and small.csv, each its own blob; no orphan bytes.
      expect(db.prepare('SELECT count(*) FROM agency_files').pluck().get()).toBe(7);
      expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(7);
      expect(db.prepare('SELECT count(*) FROM blobs WHERE size > 1000000').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    // Nothing else was written beside the database (no temporary file of the upload).
    expect(readdirSync(dir).sort()).toEqual(['throughline.db', 'throughline.db-shm', 'throughline.db-wal']);

    // The service carries on: the same large file uploads whole now.
    const whole = await upload(second, token, review, 'big.csv', big, 'Children\'s Social Care');
    expect(whole.status).toBe(201);
    expect(whole.body.map((f) => [f.name, f.size])).toEqual([['big.csv', big.length]]);
    expect(await stop(second, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, TEST_MS);

  it('(d) binds 127.0.0.1 by default; HOST=0.0.0.0 binds every address and prints a warning', async () => {
    const external = Object.values(networkInterfaces()).flat().find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

    const local = await start(dataFolder());
    expect(local.url).toBe(`http://127.0.0.1:${local.port}`);
    expect((await call(local, '/api/health')).status).toBe(200);
    // 127.0.0.1 in /proc/net/tcp's little-endian hex, and nothing on IPv6.
    expect(listeners(local.port)).toEqual({ v4: ['0100007F'], v6: [] });
    if (external !== undefined) {
      await expect(fetch(`http://${external}:${local.port}/api/health`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    }
    await signinLink(local);
    expect(local.stdout()).not.toContain('WARNING');
    expect(await stop(local, 'SIGTERM')).toEqual({ code: 0, signal: null });

    const open = await start(dataFolder(), { HOST: '0.0.0.0' });
    expect(open.url).toBe(`http://0.0.0.0:${open.port}`);
    await until(() => open.stdout().split('\n').length === 5, 5_000, () => `four lines (stdout ${JSON.stringify(open.stdout())})`);
    const lines = open.stdout().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `throughline: serving http://0.0.0.0:${open.port} (data in ${open.dataDir})`,
      'throughline: WARNING: listening on 0.0.0.0, beyond this machine: use TLS and a firewall; the data is special category',
      'throughline: sign in as admin with this one-time link (valid 24 hours), then set a password:',
    ]);
    expect(lines[3]).toMatch(new RegExp(`^  http://0\\.0\\.0\\.0:${open.port}/api/auth/link/tll_[A-Za-z0-9_-]{32}$`));
    expect(lines[4]).toBe('');
    expect(listeners(open.port)).toEqual({ v4: ['00000000'], v6: [] });
    if (external !== undefined) {
      const r = await fetch(`http://${external}:${open.port}/api/health`, { signal: AbortSignal.timeout(5_000) });
      expect(r.status).toBe(200);
    }
    expect(await stop(open, 'SIGTERM')).toEqual({ code: 0, signal: null });
  }, TEST_MS);
});

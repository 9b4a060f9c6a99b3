/**
 * The review store on SQLite (better-sqlite3 12: 13 crashes on Node 20). The only module that
 * touches the driver: WAL, foreign keys on, numbered migrations (`server/migrations/NNNN_*.sql`,
 * forward only, the last applied in `PRAGMA user_version`), statements prepared once, and every
 * change inside `tx`, which better-sqlite3 runs synchronously (no `await` inside).
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { AuditEntry, FileRecord, Member, NewAuditEntry, RcaGraphRecord, RcaVersionRecord, ReviewRecord, Role, Store, UserRecord } from './types.js';

/** The migrations folder, from the source tree (tests) or from the built one (`dist/server/store`). */
function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'migrations'), join(here, '..', '..', '..', 'server', 'migrations')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`server/migrations not found from ${here}`);
}

export function migrations(): Array<{ version: number; name: string; sql: string }> {
  const dir = migrationsDir();
  return readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort().map((f) => ({
    version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8'),
  }));
}

interface UserRow { id: number; username: string; display_name: string; password_hash: string | null; is_admin: number; disabled: number; created_at: string }
interface ReviewRow { id: string; title: string; terms: string; settings: string; revision: number; created_by: number; created_at: string; updated_at: string }
interface FileRow { id: string; review_id: string; name: string; sha256: string; agency: string | null; profile: string | null; position: number; uploaded_by: number; uploaded_at: string; size: number }

const user = (r: UserRow): UserRecord => ({
  id: r.id, username: r.username, displayName: r.display_name, passwordHash: r.password_hash, isAdmin: r.is_admin === 1, disabled: r.disabled === 1, createdAt: r.created_at,
});
const review = (r: ReviewRow): ReviewRecord => ({
  id: r.id, title: r.title, terms: JSON.parse(r.terms) as Record<string, unknown>, settings: JSON.parse(r.settings) as Record<string, unknown>,
  revision: r.revision, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});
const file = (r: FileRow): FileRecord => ({
  id: r.id, reviewId: r.review_id, name: r.name, sha256: r.sha256, size: r.size, agency: r.agency,
  profile: r.profile === null ? null : JSON.parse(r.profile) as Record<string, unknown>, position: r.position, uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at,
});

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Opens (creating if need be) the store at `path`, or in memory for `:memory:`, migrated to the last version. */
export function openStore(path: string): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // In WAL mode NORMAL keeps every committed change through a crash of the process (kill -9); only
  // a power cut can lose the last commits, never corrupt the file. FULL costs an fsync per request
  // (the audit row), which held the 10k timeline's p99 at 240-430 ms.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations().filter((m) => m.version > current);
  if (pending.length > 0) {
    db.transaction(() => {
      for (const m of pending) db.exec(m.sql);
      db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
    })();
  }

  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const get = <T>(sql: string, ...params: unknown[]): T | undefined => stmt(sql).get(...params) as T | undefined;
  const all = <T>(sql: string, ...params: unknown[]): T[] => stmt(sql).all(...params) as T[];
  const run = (sql: string, ...params: unknown[]): Database.RunResult => stmt(sql).run(...params);
  const FILE_COLUMNS = 'f.id, f.review_id, f.name, f.sha256, f.agency, f.profile, f.position, f.uploaded_by, f.uploaded_at, b.size';

  const store: Store = {
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
    tx: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),

    userCount: () => get<{ n: number }>('SELECT count(*) AS n FROM users')!.n,
    createUser: (u) => Number(run('INSERT INTO users (username, display_name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?)',
      u.username, u.displayName, u.passwordHash, u.isAdmin ? 1 : 0, u.createdAt).lastInsertRowid),
    userById: (id) => { const r = get<UserRow>('SELECT * FROM users WHERE id = ?', id); return r && user(r); },
    userByName: (name) => { const r = get<UserRow>('SELECT * FROM users WHERE username = ?', name); return r && user(r); },
    users: () => all<UserRow>('SELECT * FROM users ORDER BY id').map(user),
    setPassword: (id, hash) => { run('UPDATE users SET password_hash = ? WHERE id = ?', hash, id); },
    setUserFlags: (id, flags) => {
      if (flags.isAdmin !== undefined) run('UPDATE users SET is_admin = ? WHERE id = ?', flags.isAdmin ? 1 : 0, id);
      if (flags.disabled !== undefined) run('UPDATE users SET disabled = ? WHERE id = ?', flags.disabled ? 1 : 0, id);
      if (flags.disabled) run('DELETE FROM sessions WHERE user_id = ?', id);
    },

    createSession: (idHash, userId, createdAt, expiresAt) => { run('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', idHash, userId, createdAt, expiresAt); },
    sessionUser: (idHash, now) => get<{ user_id: number }>('SELECT user_id FROM sessions WHERE id_hash = ? AND expires_at > ?', idHash, now)?.user_id,
    deleteSession: (idHash) => { run('DELETE FROM sessions WHERE id_hash = ?', idHash); },
    createToken: (userId, name, hash, createdAt) => Number(run('INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)', userId, name, hash, createdAt).lastInsertRowid),
    tokenUser: (hash, now) => {
      const r = get<{ id: number; user_id: number; last_used_at: string | null }>('SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ?', hash);
      // To the minute: a script's every request need not be a write.
      if (r && r.last_used_at?.slice(0, 16) !== now.slice(0, 16)) run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', now, r.id);
      return r?.user_id;
    },
    tokens: (userId) => all<{ id: number; name: string; created_at: string; last_used_at: string | null }>(
      'SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY id', userId,
    ).map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at })),
    deleteToken: (userId, id) => run('DELETE FROM api_tokens WHERE user_id = ? AND id = ?', userId, id).changes > 0,
    createSigninLink: (hash, userId, createdAt, expiresAt) => { run('INSERT INTO signin_links (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', hash, userId, createdAt, expiresAt); },
    useSigninLink: (hash, now) => {
      const r = get<{ user_id: number }>('SELECT user_id FROM signin_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?', hash, now);
      if (r) run('UPDATE signin_links SET used_at = ? WHERE token_hash = ?', now, hash);
      return r?.user_id;
    },

    createReview: (r) => {
      run('INSERT INTO reviews (id, title, terms, settings, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        r.id, r.title, JSON.stringify(r.terms), JSON.stringify(r.settings ?? {}), r.createdBy, r.createdAt, r.createdAt);
      run('INSERT INTO members (review_id, user_id, role) VALUES (?, ?, ?)', r.id, r.createdBy, 'author');
    },
    review: (id) => { const r = get<ReviewRow>('SELECT * FROM reviews WHERE id = ?', id); return r && review(r); },
    reviewsOf: (userId) => all<ReviewRow & { role: Role }>(
      'SELECT r.*, m.role FROM reviews r JOIN members m ON m.review_id = r.id WHERE m.user_id = ? ORDER BY r.created_at, r.rowid', userId,
    ).map((r) => ({ ...review(r), role: r.role })),
    updateReview: (id, change, at) => {
      if (change.title !== undefined) run('UPDATE reviews SET title = ? WHERE id = ?', change.title, id);
      if (change.terms !== undefined) run('UPDATE reviews SET terms = ? WHERE id = ?', JSON.stringify(change.terms), id);
      if (change.settings !== undefined) run('UPDATE reviews SET settings = ? WHERE id = ?', JSON.stringify(change.settings), id);
      run('UPDATE reviews SET revision = revision + 1, updated_at = ? WHERE id = ?', at, id);
    },
    deleteReview: (id) => {
      run('DELETE FROM reviews WHERE id = ?', id);
      run('DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM agency_files)');
    },
    role: (reviewId, userId) => get<{ role: Role }>('SELECT role FROM members WHERE review_id = ? AND user_id = ?', reviewId, userId)?.role,
    members: (reviewId) => all<{ user_id: number; role: Role; username: string; display_name: string }>(
      'SELECT m.user_id, m.role, u.username, u.display_name FROM members m JOIN users u ON u.id = m.user_id WHERE m.review_id = ? ORDER BY u.id', reviewId,
    ).map((m): Member => ({ userId: m.user_id, role: m.role, username: m.username, displayName: m.display_name })),
    setMember: (reviewId, userId, role) => {
      if (role === undefined) run('DELETE FROM members WHERE review_id = ? AND user_id = ?', reviewId, userId);
      else run('INSERT INTO members (review_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (review_id, user_id) DO UPDATE SET role = excluded.role', reviewId, userId, role);
    },

    putBlob: (bytes) => {
      const hash = sha256(bytes);
      run('INSERT INTO blobs (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING', hash, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return hash;
    },
    blob: (hash) => get<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE sha256 = ?', hash)?.bytes,
    addFile: (f) => {
      const position = (get<{ n: number | null }>('SELECT max(position) AS n FROM agency_files WHERE review_id = ?', f.reviewId)!.n ?? 0) + 1;
      run('INSERT INTO agency_files (id, review_id, name, sha256, agency, profile, position, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        f.id, f.reviewId, f.name, f.sha256, f.agency, f.profile === null ? null : JSON.stringify(f.profile), position, f.uploadedBy, f.uploadedAt);
    },
    files: (reviewId) => all<FileRow>(`SELECT ${FILE_COLUMNS} FROM agency_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.review_id = ? ORDER BY f.position`, reviewId).map(file),
    file: (reviewId, id) => { const r = get<FileRow>(`SELECT ${FILE_COLUMNS} FROM agency_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.review_id = ? AND f.id = ?`, reviewId, id); return r && file(r); },
    fileByName: (reviewId, name) => { const r = get<FileRow>(`SELECT ${FILE_COLUMNS} FROM agency_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.review_id = ? AND f.name = ?`, reviewId, name); return r && file(r); },
    updateFile: (reviewId, id, change) => {
      if (change.agency !== undefined) run('UPDATE agency_files SET agency = ? WHERE review_id = ? AND id = ?', change.agency, reviewId, id);
      if (change.profile !== undefined) run('UPDATE agency_files SET profile = ? WHERE review_id = ? AND id = ?', change.profile === null ? null : JSON.stringify(change.profile), reviewId, id);
    },
    deleteFile: (reviewId, id) => {
      const gone = run('DELETE FROM agency_files WHERE review_id = ? AND id = ?', reviewId, id).changes > 0;
      run('DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM agency_files)');
      return gone;
    },

    document: (reviewId, name) => {
      const r = get<{ body: string; updated_by: number; updated_at: string }>('SELECT body, updated_by, updated_at FROM review_documents WHERE review_id = ? AND name = ?', reviewId, name);
      return r && { body: JSON.parse(r.body) as unknown, updatedBy: r.updated_by, updatedAt: r.updated_at };
    },
    putDocument: (reviewId, name, body, by, at) => {
      run('INSERT INTO review_documents (review_id, name, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (review_id, name) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at',
        reviewId, name, JSON.stringify(body), by, at);
    },
    createRcaGraph: (g) => { run('INSERT INTO rca_graphs (id, review_id, title, created_at) VALUES (?, ?, ?, ?)', g.id, g.reviewId, g.title, g.createdAt); },
    rcaGraphs: (reviewId) => all<{ id: string; title: string; created_at: string; versions: number }>(
      'SELECT g.id, g.title, g.created_at, (SELECT max(version) FROM rca_versions v WHERE v.graph_id = g.id) AS versions FROM rca_graphs g WHERE g.review_id = ? ORDER BY g.created_at, g.id', reviewId,
    ).map((g): RcaGraphRecord => ({ id: g.id, reviewId, title: g.title, createdAt: g.created_at, latest: g.versions ?? 0 })),
    rcaGraph: (reviewId, id) => {
      const g = get<{ id: string; title: string; created_at: string; versions: number | null }>(
        'SELECT g.id, g.title, g.created_at, (SELECT max(version) FROM rca_versions v WHERE v.graph_id = g.id) AS versions FROM rca_graphs g WHERE g.review_id = ? AND g.id = ?', reviewId, id);
      return g && { id: g.id, reviewId, title: g.title, createdAt: g.created_at, latest: g.versions ?? 0 };
    },
    deleteRcaGraph: (reviewId, id) => run('DELETE FROM rca_graphs WHERE review_id = ? AND id = ?', reviewId, id).changes > 0,
    addRcaVersion: (v) => {
      const next = (get<{ n: number | null }>('SELECT max(version) AS n FROM rca_versions WHERE graph_id = ?', v.graphId)!.n ?? 0) + 1;
      run('INSERT INTO rca_versions (graph_id, version, format, source, note, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        v.graphId, next, v.format, v.source, v.note ?? null, v.author, v.createdAt);
      return next;
    },
    rcaVersions: (graphId) => all<{ version: number; format: RcaVersionRecord['format']; note: string | null; author: number; username: string; created_at: string }>(
      'SELECT v.version, v.format, v.note, v.author, u.username, v.created_at FROM rca_versions v JOIN users u ON u.id = v.author WHERE v.graph_id = ? ORDER BY v.version', graphId,
    ).map((v) => ({ graphId, version: v.version, format: v.format, note: v.note, author: v.author, authorName: v.username, createdAt: v.created_at })),
    rcaVersion: (graphId, version) => {
      const v = get<{ version: number; format: RcaVersionRecord['format']; source: string; note: string | null; author: number; username: string; created_at: string }>(
        'SELECT v.version, v.format, v.source, v.note, v.author, u.username, v.created_at FROM rca_versions v JOIN users u ON u.id = v.author WHERE v.graph_id = ? AND v.version = ?', graphId, version);
      return v && { graphId, version: v.version, format: v.format, source: v.source, note: v.note, author: v.author, authorName: v.username, createdAt: v.created_at };
    },

    audit: (e: NewAuditEntry) => {
      run('INSERT INTO audit (at, user_id, review_id, method, route, status, request_id, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        e.at, e.userId, e.reviewId, e.method, e.route, e.status, e.requestId, e.ip);
    },
    auditEntries: (filter) => all<{ id: number; at: string; user_id: number | null; review_id: string | null; method: string; route: string; status: number; request_id: string; ip: string }>(
      'SELECT * FROM audit WHERE (? IS NULL OR review_id = ?) AND id > ? ORDER BY id LIMIT ?', filter.reviewId ?? null, filter.reviewId ?? null, filter.after ?? 0, filter.limit,
    ).map((a): AuditEntry => ({ id: a.id, at: a.at, userId: a.user_id, reviewId: a.review_id, method: a.method, route: a.route, status: a.status, requestId: a.request_id, ip: a.ip })),
  };
  return store;
}

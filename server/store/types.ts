/**
 * The review store's interface: what the server needs from storage, in the server's words. The
 * SQLite store (`sqlite.ts`) implements it; a PostgreSQL store would implement the same functions
 * (see the README). Records are plain objects; JSON columns come back parsed.
 */
export type Role = 'author' | 'investigator' | 'viewer';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  /** `scrypt$…`, or null until the person sets a password (a sign-in link signs them in first). */
  passwordHash: string | null;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface ReviewRecord {
  id: string;
  title: string;
  terms: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** Bumped by every change that alters what is derived from the review (files, terms, settings). */
  revision: number;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

export interface Member { userId: number; role: Role; username: string; displayName: string }

export interface FileRecord {
  id: string;
  reviewId: string;
  name: string;
  sha256: string;
  size: number;
  agency: string | null;
  profile: Record<string, unknown> | null;
  position: number;
  uploadedBy: number;
  uploadedAt: string;
}

export interface RcaGraphRecord { id: string; reviewId: string; title: string; createdAt: string; latest: number }

export interface RcaVersionRecord {
  graphId: string;
  version: number;
  format: 'whys' | 'fishbone-csv' | 'json';
  note: string | null;
  author: number;
  authorName: string;
  createdAt: string;
}

export interface NewAuditEntry {
  at: string;
  userId: number | null;
  reviewId: string | null;
  method: string;
  route: string;
  status: number;
  requestId: string;
  ip: string;
}

export interface AuditEntry extends NewAuditEntry { id: number }

export type DocumentName = 'salford' | 'findings';

export interface Store {
  schemaVersion(): number;
  /** Runs `fn` in one transaction (synchronously: no `await` inside); nested calls are savepoints. */
  tx<T>(fn: () => T): T;
  close(): void;

  userCount(): number;
  createUser(u: { username: string; displayName: string; passwordHash: string | null; isAdmin: boolean; createdAt: string }): number;
  userById(id: number): UserRecord | undefined;
  userByName(username: string): UserRecord | undefined;
  users(): UserRecord[];
  setPassword(id: number, hash: string): void;
  setUserFlags(id: number, flags: { isAdmin?: boolean; disabled?: boolean }): void;

  createSession(idHash: string, userId: number, createdAt: string, expiresAt: string): void;
  sessionUser(idHash: string, now: string): number | undefined;
  deleteSession(idHash: string): void;
  createToken(userId: number, name: string, hash: string, createdAt: string): number;
  tokenUser(hash: string, now: string): number | undefined;
  tokens(userId: number): Array<{ id: number; name: string; createdAt: string; lastUsedAt: string | null }>;
  deleteToken(userId: number, id: number): boolean;
  createSigninLink(hash: string, userId: number, createdAt: string, expiresAt: string): void;
  /** The link's user, once: a used or expired link gives undefined. */
  useSigninLink(hash: string, now: string): number | undefined;

  createReview(r: { id: string; title: string; terms: Record<string, unknown>; settings?: Record<string, unknown>; createdBy: number; createdAt: string }): void;
  review(id: string): ReviewRecord | undefined;
  reviewsOf(userId: number): Array<ReviewRecord & { role: Role }>;
  updateReview(id: string, change: { title?: string; terms?: Record<string, unknown>; settings?: Record<string, unknown> }, at: string): void;
  deleteReview(id: string): void;
  role(reviewId: string, userId: number): Role | undefined;
  members(reviewId: string): Member[];
  /** Adds or changes a member's role; `undefined` removes them. */
  setMember(reviewId: string, userId: number, role: Role | undefined): void;

  /** Stores bytes once under their SHA-256 and returns it. */
  putBlob(bytes: Uint8Array): string;
  blob(sha256: string): Uint8Array | undefined;
  addFile(f: { id: string; reviewId: string; name: string; sha256: string; agency: string | null; profile: Record<string, unknown> | null; uploadedBy: number; uploadedAt: string }): void;
  files(reviewId: string): FileRecord[];
  file(reviewId: string, id: string): FileRecord | undefined;
  fileByName(reviewId: string, name: string): FileRecord | undefined;
  updateFile(reviewId: string, id: string, change: { agency?: string | null; profile?: Record<string, unknown> | null }): void;
  deleteFile(reviewId: string, id: string): boolean;

  createRcaGraph(g: { id: string; reviewId: string; title: string; createdAt: string }): void;
  rcaGraphs(reviewId: string): RcaGraphRecord[];
  rcaGraph(reviewId: string, id: string): RcaGraphRecord | undefined;
  deleteRcaGraph(reviewId: string, id: string): boolean;
  /** Saves a new version and returns its number (1, 2, …). */
  addRcaVersion(v: { graphId: string; format: RcaVersionRecord['format']; source: string; note?: string; author: number; createdAt: string }): number;
  rcaVersions(graphId: string): RcaVersionRecord[];
  rcaVersion(graphId: string, version: number): (RcaVersionRecord & { source: string }) | undefined;

  /** A review's own document (the Salford record; findings and recommendations) as last saved. */
  document(reviewId: string, name: DocumentName): { body: unknown; updatedBy: number; updatedAt: string } | undefined;
  putDocument(reviewId: string, name: DocumentName, body: unknown, by: number, at: string): void;

  audit(e: NewAuditEntry): void;
  auditEntries(filter: { reviewId?: string; after?: number; limit: number }): AuditEntry[];
}

/**
 * A review server for tests: a fresh in-memory store, the first run done (administrator, demo
 * review), a fixed clock, and people with each role signed in by API token.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openStore } from '../../server/store/sqlite.js';
import { buildApp, type AppOptions } from '../../server/app.js';
import { firstRun } from '../../server/setup.js';
import { secretHash } from '../../server/auth.js';
import type { Role, Store } from '../../server/store/types.js';

export const NOW = new Date('2026-03-29T00:30:00Z');

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  /** The demo review's id. */
  demo: string;
  /** The path of the administrator's one-time sign-in link. */
  signinPath: string;
  /** Authorization headers of: the administrator (author of the demo review), an author, an investigator, a viewer, and a signed-in non-member. */
  as: Record<'admin' | Role | 'outsider', { authorization: string }>;
  ids: Record<'admin' | Role | 'outsider', number>;
  call(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A token for `userId`, made as the API makes one (stored as its hash). */
export function tokenFor(store: Store, userId: number, name = 'test'): { authorization: string } {
  const token = `tlt_test_${userId}_${name}_${Math.random().toString(36).slice(2)}`;
  store.createToken(userId, name, secretHash(token), NOW.toISOString());
  return { authorization: `Bearer ${token}` };
}

export async function testServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const store = openStore(':memory:');
  const first = firstRun(store, NOW)!;
  const app = await buildApp({ store, now: () => NOW, ...options });
  const admin = store.userByName('admin')!;
  const make = (username: string): number => store.createUser({ username, displayName: `Test ${username}`, passwordHash: null, isAdmin: false, createdAt: NOW.toISOString() });
  const ids = { admin: admin.id, author: make('author1'), investigator: make('investigator1'), viewer: make('viewer1'), outsider: make('outsider1') };
  const demo = first.demoReview!;
  store.setMember(demo, ids.author, 'author');
  store.setMember(demo, ids.investigator, 'investigator');
  store.setMember(demo, ids.viewer, 'viewer');
  const as = {
    admin: tokenFor(store, ids.admin), author: tokenFor(store, ids.author), investigator: tokenFor(store, ids.investigator),
    viewer: tokenFor(store, ids.viewer), outsider: tokenFor(store, ids.outsider),
  };
  return { app, store, demo, signinPath: first.signinPath, as, ids, call: (o) => app.inject(o) };
}

/** A multipart/form-data body of files (and fields before them), as a browser sends one. */
export function multipart(parts: Array<{ field: string; value: string } | { file: string; content: Uint8Array | string; type?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----throughline-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('field' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.file}"\r\nContent-Type: ${p.type ?? 'text/csv'}\r\n\r\n`));
      chunks.push(typeof p.content === 'string' ? Buffer.from(p.content) : Buffer.from(p.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The routes of `printRoutes({ commonPrefix: false })`'s tree, as `METHOD /full/path`, sorted. */
export function registeredRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth === 0 ? '' : stack[depth - 1]!) + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) out.push(`${method} ${path}`);
  }
  return out.sort();
}

/**
 * First run: an administrator with a one-time sign-in link, and the bundled demo review (the six
 * fictional agency files of Child L, with their folder profile, and the demo cause analysis) so
 * that there is something to look at. Later runs change nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Store } from './store/types.js';
import { createSigninLink } from './routes/accounts.js';
import { createReview } from './routes/reviews.js';

/** The project's root (where `fixtures/` is), from the source tree or the built one. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'fixtures', 'demo'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('fixtures/demo not found above the server');
}

export const ADMIN_USERNAME = 'admin';
export const DEMO_TITLE = 'Child L (demo case, fictional)';

/** Loads the demo review for `userId` and returns its id. */
export function loadDemoReview(store: Store, userId: number, now: Date): string {
  const demo = join(projectRoot(), 'fixtures', 'demo');
  const profile = JSON.parse(readFileSync(join(demo, 'throughline.profile.json'), 'utf8')) as Record<string, unknown>;
  const id = createReview(store, {
    title: DEMO_TITLE,
    terms: { childNames: ['L', 'Lacey'], dob: '14/08/2019', model: 'Root Cause Analysis (RCA)', modelReason: 'The bundled demonstration: a fictional case to try every part of throughline on.' },
    settings: { profiles: [profile] },
  }, userId, now);
  store.tx(() => {
    for (const name of readdirSync(demo).filter((f) => f.endsWith('.csv')).sort()) {
      store.addFile({ id: randomUUID(), reviewId: id, name, sha256: store.putBlob(readFileSync(join(demo, name))), agency: null, profile: null, uploadedBy: userId, uploadedAt: now.toISOString() });
    }
    const graphId = randomUUID();
    store.createRcaGraph({ id: graphId, reviewId: id, title: 'Child L: why the injuries were not prevented', createdAt: now.toISOString() });
    store.addRcaVersion({ graphId, format: 'whys', source: readFileSync(join(projectRoot(), 'fixtures', 'rca', 'child-l.whys.txt'), 'utf8'), note: 'the demo cause analysis', author: userId, createdAt: now.toISOString() });
    store.updateReview(id, {}, now.toISOString());
  });
  return id;
}

/**
 * On an empty store: creates the administrator (no password yet) and the demo review, and
 * returns the one-time sign-in link's path, all in one transaction. While no administrator has
 * set a password (the link was lost, or used without setting one), each start returns a new link
 * for the first administrator, so no one is ever locked out. Otherwise: nothing, undefined.
 */
export function firstRun(store: Store, now: Date, options: { demo?: boolean } = {}): { signinPath: string; demoReview?: string } | undefined {
  return store.tx(() => {
    if (store.userCount() > 0) {
      const admins = store.users().filter((u) => u.isAdmin && !u.disabled);
      if (admins.length === 0 || admins.some((u) => u.passwordHash !== null)) return undefined;
      return { signinPath: createSigninLink(store, admins[0]!.id, now) };
    }
    const adminId = store.createUser({ username: ADMIN_USERNAME, displayName: 'Administrator', passwordHash: null, isAdmin: true, createdAt: now.toISOString() });
    const demoReview = options.demo === false ? undefined : loadDemoReview(store, adminId, now);
    return { signinPath: createSigninLink(store, adminId, now), ...(demoReview ? { demoReview } : {}) };
  });
}

/**
 * The web app in a real browser for tests: Debian's chromium driven by playwright-core (never a
 * downloaded browser), a review server on a loopback port with a fresh in-memory store and the
 * first run done, and every page error, console error and failed request collected, so a journey
 * fails on any of them. axe-core is run in the page for accessibility.
 */
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../../server/store/sqlite.js';
import { buildApp } from '../../server/app.js';
import { firstRun } from '../../server/setup.js';
import type { Store } from '../../server/store/types.js';
import { createSigninLink } from '../../server/routes/accounts.js';
import { hashPassword } from '../../server/auth.js';
import { expect } from 'vitest';
import { axeInPage, axeSource, SERIOUS, type AxeViolation } from './axe.js';

import { launchChromium } from '../../bench/chromium.js';
/** Where screenshots are kept (a CI artefact). */
export const SHOTS = join('reports', 'e2e');

export interface Running { app: FastifyInstance; store: Store; url: string; signinPath: string; demo: string }

export async function startServer(): Promise<Running> {
  const store = openStore(':memory:');
  const first = firstRun(store, new Date())!;
  // Every journey signs a new person in from this one address: more than the 10 a minute a real server allows.
  const app = await buildApp({ store, signinAttempts: 100 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, store, url: `http://127.0.0.1:${port}`, signinPath: first.signinPath, demo: first.demoReview! };
}

export const launch = launchChromium;

/** Everything that went wrong in a page: uncaught errors, console errors, failed or refused requests. */
export interface Problems { list: string[] }

export async function openPage(browser: Browser, width = 1400, height = 1000): Promise<{ page: Page; problems: Problems }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  // A step that cannot happen fails with its reason after 20 s, rather than waiting for the test's own timeout.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: Problems = { list: [] };
  page.on('pageerror', (e) => problems.list.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.list.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => { if (!r.url().startsWith('blob:')) problems.list.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`); });
  // Nothing leaves the machine: every request is to the server on loopback (or the page's own data).
  page.on('request', (r) => { if (!/^(http:\/\/127\.0\.0\.1:\d+\/|blob:|data:)/.test(r.url())) problems.list.push(`request off the machine: ${r.url()}`); });
  return { page, problems };
}

export type { AxeViolation };

/** axe-core's violations on the page as it is now, serious and critical only by default. */
export async function axe(page: Page, impacts: readonly string[] = SERIOUS): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return (await page.evaluate(axeInPage)).filter((v) => impacts.includes(v.impact ?? ''));
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A new person with a one-time sign-in link, a member of the demo review when a role is given. */
export function newPerson(s: Running, name: string, role?: 'author' | 'investigator' | 'viewer', password?: string): { id: number; link: string } {
  const id = s.store.createUser({ username: name, displayName: `Test ${name}`, passwordHash: password ? hashPassword(password) : null, isAdmin: false, createdAt: new Date().toISOString() });
  if (role) s.store.setMember(s.demo, id, role);
  return { id, link: createSigninLink(s.store, id, new Date()) };
}

/** A page as a journey leaves it: its screenshot kept, then no serious axe violation and no problem on it (in either driver). */
export async function expectChecked<P>(page: P, problems: Problems, name: string, driver: { shot: (p: P, n: string) => Promise<void>; axe: (p: P) => Promise<AxeViolation[]> }): Promise<void> {
  await driver.shot(page, name);
  expect(await driver.axe(page), `axe on ${name}`).toEqual([]);
  expect(problems.list, `problems on ${name}`).toEqual([]);
}

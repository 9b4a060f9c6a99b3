/**
 * The web app in Firefox for tests: the machine's own Firefox (Debian's firefox-esr; never a
 * downloaded browser) driven by puppeteer-core over WebDriver BiDi, which playwright-core cannot
 * do with a stock Firefox. The server is browser.ts's; every page error (a refused inline style
 * or script included: Firefox reports those as page errors), console error, failed request and
 * error response is collected, so a journey fails on what would fail it in Chromium.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { axeInPage, axeSource, SERIOUS, type AxeViolation } from './axe.js';
import { SHOTS, type Problems } from './browser.js';

export { expectChecked, newPerson, startServer, SHOTS, type Problems, type Running } from './browser.js';

const executable = (path: string): boolean => {
  try { accessSync(path, constants.X_OK); return true; } catch { return false; }
};

/**
 * The Firefox to drive, found as tests/setup/ensure-tools.sh finds it: FIREFOX_PATH (else Debian's
 * /usr/bin/firefox-esr), or else `firefox` on the PATH. Missing, it says what to install.
 */
export function firefoxPath(): string {
  const named = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (executable(named)) return named;
  const onPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, 'firefox')).find(executable);
  if (onPath) return onPath;
  throw new Error(`The Firefox journeys need Firefox: ${named} is not there and no firefox is on the PATH. Install it (or set FIREFOX_PATH):\n`
    + '  Debian/Ubuntu: sudo apt-get install firefox-esr\n'
    + '  Fedora:        sudo dnf install firefox\n'
    + '  macOS:         brew install --cask firefox');
}

export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath(), headless: true });
}

export async function openPage(browser: Browser, width = 1400, height = 1000): Promise<{ page: Page; problems: Problems }> {
  // A context of its own, as in Chromium: each journey signs in afresh, with no cookie from another.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height });
  // A step that cannot happen fails with its reason after 20 s, rather than waiting for the test's own timeout.
  page.setDefaultTimeout(20_000);
  const problems: Problems = { list: [] };
  page.on('pageerror', (e: unknown) => problems.list.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.list.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => { if (!r.url().startsWith('blob:')) problems.list.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`); });
  // Chromium writes every 4xx or 5xx response to the console as an error; Firefox does not, so
  // they are taken from the responses, to fail a journey on the same things in both.
  page.on('response', (r) => { if (r.status() >= 400) problems.list.push(`response ${r.status()}: ${r.url()}`); });
  // Nothing leaves the machine: every request is to the server on loopback (or the page's own data).
  page.on('request', (r) => { if (!/^(http:\/\/127\.0\.0\.1:\d+\/|blob:|data:)/.test(r.url())) problems.list.push(`request off the machine: ${r.url()}`); });
  return { page, problems };
}

/** axe-core's violations on the page as it is now, serious and critical only by default. */
export async function axe(page: Page, impacts: readonly string[] = SERIOUS): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return (await page.evaluate(axeInPage)).filter((v) => impacts.includes(v.impact ?? ''));
}

/** A full-page screenshot, reports/e2e/firefox-NAME.png, beside Chromium's NAME.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `firefox-${name}.png`), fullPage: true });
}

/**
 * The web app at 10,000 events, measured in Chromium (`npm run bench`, or alone with
 * `npm run bench -- --app-only`): a review server on loopback holding the generated 10k-row set,
 * the workspace opened in Debian's chromium (playwright-core), and
 *   (i) first paint: from the page's navigation start (a review's timeline opened by its URL)
 *       to the app's mark when it first drew the chart, with the merged chronology already made
 *       on the server (the first opening, which merges, is shown too);
 *  (ii) each update a person makes — a filter (an agency box, a text), a zoom, a selection —
 *       from the input to the page drawn again (the next animation frame), 20 of each.
 * Goals (issue 14): first paint under 1 s, each update under 100 ms.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openStore } from '../server/store/sqlite.js';
import { buildApp } from '../server/app.js';
import { firstRun } from '../server/setup.js';
import { createReview } from '../server/routes/reviews.js';
import { createSigninLink } from '../server/routes/accounts.js';
import { benchDir, generate } from './generate.js';
import { launchChromium } from './chromium.js';

export const APP_EVENTS = 10_000;
export const GOAL_FIRST_PAINT_MS = 1000;
export const GOAL_UPDATE_MS = 100;

export interface Timing { medianMs: number; p95Ms: number; maxMs: number; runs: number }
export interface AppBenchResult {
  events: number;
  firstOpenMs: number;
  firstPaint: Timing;
  updates: Record<'agency filter' | 'text filter' | 'zoom' | 'select next record', Timing>;
}

const timing = (ms: number[]): Timing => {
  const s = [...ms].sort((a, b) => a - b);
  return { medianMs: s[Math.floor((s.length - 1) / 2)]!, p95Ms: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!, maxMs: s[s.length - 1]!, runs: s.length };
};

export async function benchApp(log: (line: string) => void = console.log): Promise<AppBenchResult> {
  const set = generate(APP_EVENTS, { dir: benchDir(APP_EVENTS) }).set;
  const store = openStore(':memory:');
  const now = new Date();
  firstRun(store, now);
  const admin = store.userByName('admin')!;
  const reviewId = createReview(store, { title: `Benchmark: ${APP_EVENTS} events`, terms: {} }, admin.id, now);
  store.tx(() => {
    for (const f of set.files) {
      store.addFile({ id: randomUUID(), reviewId, name: f.name, sha256: store.putBlob(readFileSync(f.path)), agency: f.agency, profile: null, uploadedBy: admin.id, uploadedAt: now.toISOString() });
    }
  });
  const app = await buildApp({ store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const signin = await context.newPage();
    await signin.goto(url + createSigninLink(store, admin.id, now));
    await signin.close();
    const timelineUrl = `${url}/#/reviews/${reviewId}/timeline`;
    const open = async (): Promise<{ ms: number; page: import('playwright-core').Page }> => {
      const page = await context.newPage();
      await page.goto(timelineUrl);
      await page.waitForSelector('.chart svg', { timeout: 120_000 });
      // From the page's navigation start to the app's mark when it first drew the timeline.
      const ms = await page.evaluate(() => performance.getEntriesByName('timeline-drawn')[0]!.startTime);
      return { ms, page };
    };
    const first = await open();
    await first.page.close();
    log(`app: ${APP_EVENTS} events; first opening (the server merges and analyses) ${Math.round(first.ms)} ms`);
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      const o = await open();
      paints.push(o.ms);
      await o.page.close();
    }
    const { page } = await open();
    const count = await page.locator('.toolbar .count').textContent();
    if (!count?.startsWith(`${APP_EVENTS} of ${APP_EVENTS} records shown`)) throw new Error(`the benchmark review shows "${count}", not ${APP_EVENTS} records`);
    // Each update timed in the page, from the input to the end of the next animation frame.
    const measure = (what: string) => page.evaluate(async (kind: string) => {
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const out: number[] = [];
      const chart = document.querySelector('.chart') as HTMLElement;
      const box = document.querySelector('.agencies input[type="checkbox"]') as HTMLInputElement;
      const q = document.getElementById('filter-q') as HTMLInputElement;
      for (let i = 0; i < 20; i++) {
        await frame();
        const t0 = performance.now();
        if (kind === 'agency filter') box.click();
        else if (kind === 'text filter') { q.value = i % 2 === 0 ? 'visit' : ''; q.form!.dispatchEvent(new Event('change')); }
        else if (kind === 'zoom') chart.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 === 0 ? '+' : '-', bubbles: true }));
        else chart.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
        await frame();
        void document.body.offsetHeight;
        out.push(performance.now() - t0);
      }
      return out;
    }, what);
    const updates = {} as AppBenchResult['updates'];
    for (const kind of ['agency filter', 'text filter', 'zoom', 'select next record'] as const) {
      updates[kind] = timing(await measure(kind));
      log(`app: ${kind}: median ${updates[kind].medianMs.toFixed(1)} ms, p95 ${updates[kind].p95Ms.toFixed(1)} ms`);
    }
    return { events: APP_EVENTS, firstOpenMs: first.ms, firstPaint: timing(paints), updates };
  } finally {
    await browser.close();
    await app.close();
  }
}

export function appReport(r: AppBenchResult): string[] {
  const ms = (n: number) => `${Math.round(n)} ms`;
  const lines = [
    `| first paint of the ${r.events.toLocaleString('en-GB')}-event timeline, chronology merged (median of ${r.firstPaint.runs}) | ${ms(r.firstPaint.medianMs)} (max ${ms(r.firstPaint.maxMs)}) | < ${GOAL_FIRST_PAINT_MS} ms — ${r.firstPaint.medianMs < GOAL_FIRST_PAINT_MS ? 'met' : '**not met**'} |`,
    `| the first opening, the server merging and analysing meanwhile | ${ms(r.firstOpenMs)} | — |`,
  ];
  for (const [kind, t] of Object.entries(r.updates)) {
    lines.push(`| ${kind}: input to the next frame drawn (${t.runs} runs) | median ${ms(t.medianMs)}, p95 ${ms(t.p95Ms)} | < ${GOAL_UPDATE_MS} ms — ${t.p95Ms < GOAL_UPDATE_MS ? 'met' : '**not met**'} |`);
  }
  return lines;
}

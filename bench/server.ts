/**
 * The review server under load, as `npm start` runs it (`node dist/server/main.js`, a child
 * process on a temporary data folder, PORT=0, loopback):
 *
 *   (i)   start-up: from spawning the server on an empty data folder (the first run: the
 *         administrator and the demo review are created) to the first 200 from /api/health;
 *         median of `startups` cold starts, each on its own empty folder;
 *   (ii)  the merged timeline of a 10k-event review (the six synthetic agency files of
 *         bench/generate.ts, uploaded through the API) served to `connections` concurrent
 *         clients (autocannon, closed loop) for `duration` seconds: GET …/timeline?limit=100, then
 *         the same over pages at offsets 0 to 9,900;
 *   (iii) a 100k-row agency file (the Children's Social Care file of a generated set sized so that
 *         it holds exactly 100,000 rows) uploaded, ingested, merged and queryable (its timeline
 *         answers with all its events), timed, while another client asks for the 10k review's
 *         timeline at a steady rate: that client's latencies while the upload is in flight,
 *         against the same client without an upload; and the server's own event-loop delay over
 *         the same spans (how long its one thread was held at a time).
 *
 *   npm run build && node dist/bench/server.js [--duration 10] [--connections 20] [--startups 3]
 *
 * bench/run.ts can call `runServerBench()` (measures and prints) or `benchServer()` (measures)
 * and `serverReport()` (the lines of the table). A benchmark, not a test: a missed goal is
 * reported and the exit status stays 0; a server that does not start or answers wrongly throws.
 *
 * Latency: autocannon's histograms for (ii). For (iii) the steady client's latencies are shown as
 * measured and corrected for coordinated omission (a request held up by L ms at an interval of
 * I ms also stands for the requests that would have been sent at I, 2I, … meanwhile, as
 * HdrHistogram's recordValueWithExpectedInterval does): without it a stall shows as one slow
 * sample per connection and the p99 can hide it. autocannon's own correction is switched off: it
 * uses an interval of ceil(1 / rate) ms, i.e. 1 ms. The goal is judged on the corrected p99.
 * autocannon paces a rate-limited connection by the second (its requests for a second go back to
 * back, then it waits for the next), so the client can be idle when a short stall begins and the
 * corrected figure is a lower bound; the event-loop hold below is the direct measure.
 * Requests carry the session cookie of the first run's one-time link, as a browser's do (an API
 * token would add a write per request: it records when the token was last used).
 * The server for (ii) and (iii) is started with a preload (`--import` of a data: URL, nothing on
 * disk) that keeps perf_hooks.monitorEventLoopDelay and prints it on SIGUSR2; the timed cold
 * starts of (i) run without it. Clocks: performance.now() in this process; the server shares the
 * machine with whatever else runs on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchDir, generate, type GeneratedFile } from './generate.js';

const SELF = fileURLToPath(import.meta.url);
/** dist/bench/server.js → the repository root. */
const ROOT = resolve(dirname(SELF), '..', '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');

/** Goals. */
export const GOAL_STARTUP_S = 3;
export const GOAL_TIMELINE_P99_MS = 100;
export const GOAL_BIG_UPLOAD_S = 5;
export const GOAL_OTHER_P99_MS = 200;

/** The generated set whose Children's Social Care file holds exactly 100,000 rows (generator version 4). */
export const BIG_SET_ROWS = 355_437;
export const BIG_FILE = 'childrens_social_care.csv';
export const BIG_FILE_ROWS = 100_000;
export const REVIEW_ROWS = 10_000;

export interface ServerBenchOptions {
  /** Seconds of each closed-loop autocannon run in (ii) (default 10). */
  duration?: number;
  /** Concurrent connections in (ii) (default 20). */
  connections?: number;
  /** Cold starts timed in (i) (default 3). */
  startups?: number;
  /** The steady client of (iii): connections and requests a second on each (default 4 × 10). */
  otherConnections?: number;
  otherRate?: number;
  /** Seconds of the steady client alone, without an upload (default 5). */
  baseline?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

export interface Latency { p50: number; p90: number; p99: number; max: number; samples: number }

export interface LoadRun {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: Latency;
}

export interface SteadyRun {
  connections: number;
  ratePerConnection: number;
  /** Responses whose request overlapped the measured window. */
  responses: number;
  non2xx: number;
  errors: number;
  /** Corrected for coordinated omission (see the file's comment). */
  latency: Latency;
  /** As measured, one sample per response. */
  raw: Latency;
  /** Responses that took half a second or more. */
  overHalfSecond: number;
  /** The server's event-loop delay over the same span. */
  loop: LoopDelay;
}

export interface ServerBenchResult {
  node: string;
  cpus: string;
  startup: { runsMs: number[]; medianMs: number; printedMs: number[] };
  review: { rows: number; events: number; bytes: number; uploadMs: number; firstTimelineMs: number };
  timeline: LoadRun;
  pages: LoadRun;
  big: {
    rows: number;
    bytes: number;
    events: number;
    /** From sending the upload to its 201. */
    createdMs: number;
    /** From sending the upload to the first timeline page of its review (total = its events). */
    queryableMs: number;
    baseline: SteadyRun;
    during: SteadyRun;
  };
}

// ---------------------------------------------------------------------------------------------
// The server process
// ---------------------------------------------------------------------------------------------

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** performance.now() at spawn, at the URL line, and at the first 200 from /api/health. */
  spawnedAt: number;
  printedAt: number;
  healthyAt: number;
}

/** Preloaded into the server of (ii) and (iii): its event-loop delay, printed and reset on SIGUSR2. */
const LOOP_PREFIX = 'THROUGHLINE_BENCH_LOOP ';
const LOOP_PROBE = `data:text/javascript,${encodeURIComponent([
  "import { monitorEventLoopDelay } from 'node:perf_hooks';",
  'const h = monitorEventLoopDelay({ resolution: 5 });',
  'h.enable();',
  "process.on('SIGUSR2', () => {",
  `  process.stderr.write('${LOOP_PREFIX}' + JSON.stringify({ maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, p50Ms: h.percentile(50) / 1e6, samples: h.count }) + '\\n');`,
  '  h.reset();',
  '});',
].join('\n'))}`;

const SERVING = /^throughline: serving (http:\/\/127\.0\.0\.1:\d+) /m;
const LINK = /^ {2}(http:\/\/\S+\/api\/auth\/link\/\S+)$/m;

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Spawns the server on `dataDir` (with the event-loop probe if `probe`) and waits for the first 200 from /api/health (at most 60 s). */
async function startServer(dataDir: string, probe = false): Promise<Running> {
  const env: NodeJS.ProcessEnv = { ...process.env, THROUGHLINE_DATA: dataDir, PORT: '0' };
  delete env.HOST;
  delete env.LOG_LEVEL;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(probe ? ['--import', LOOP_PROBE] : []), MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let printedAt = 0;
  let exit: string | undefined;
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    if (printedAt === 0 && SERVING.test(out)) printedAt = performance.now();
  });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { err += s; });
  child.once('exit', (code, signal) => { exit = `exit ${code ?? signal}`; });
  const deadline = spawnedAt + 60_000;
  const running = { child, stdout: () => out, stderr: () => err, spawnedAt } as Running;
  try {
    while (printedAt === 0) {
      if (exit !== undefined || performance.now() > deadline) throw new Error(`the server did not start (${exit ?? 'timed out'}): ${err.trim()}`);
      await sleep(2);
    }
    running.url = SERVING.exec(out)![1]!;
    running.printedAt = printedAt;
    for (;;) {
      const ok = await fetch(`${running.url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (exit !== undefined || performance.now() > deadline) throw new Error(`no 200 from /api/health (${exit ?? 'timed out'}): ${err.trim()}`);
      await sleep(2);
    }
    running.healthyAt = performance.now();
    return running;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
}

export interface LoopDelay { maxMs: number; p99Ms: number; p50Ms: number; samples: number }

/** The server's event-loop delay since the last call (the probe resets it), waited for at most 10 s. */
async function loopDelay(server: Running): Promise<LoopDelay> {
  const seen = server.stderr().split(LOOP_PREFIX).length;
  server.child.kill('SIGUSR2');
  const deadline = performance.now() + 10_000;
  while (server.stderr().split(LOOP_PREFIX).length === seen) {
    if (performance.now() > deadline) throw new Error('the event-loop probe did not answer');
    await sleep(5);
  }
  const last = server.stderr().split(LOOP_PREFIX).pop()!;
  return JSON.parse(last.slice(0, last.indexOf('\n'))) as LoopDelay;
}

async function stopServer(server: Running): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const gone = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await gone;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/** Signs in with the first run's one-time link; returns the session cookie (`name=value`). */
async function signIn(server: Running): Promise<string> {
  const link = LINK.exec(server.stdout())?.[1];
  if (!link) throw new Error(`no sign-in link in the server's output: ${server.stdout()}`);
  const r = await fetch(link, { redirect: 'manual' });
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  if (r.status !== 303 || !cookie) throw new Error(`signing in with the link answered ${r.status}`);
  return cookie;
}

async function api<T>(server: Running, cookie: string, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('cookie', cookie);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const r = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path} answered ${r.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

const BOUNDARY = '----throughline-bench-boundary';

/** One multipart/form-data body: each file after an "agency" field naming its agency. */
function multipart(files: ReadonlyArray<{ name: string; agency: string; bytes: Buffer }>): Buffer<ArrayBuffer> {
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="agency"\r\n\r\n${f.agency}\r\n`));
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

async function upload(server: Running, cookie: string, reviewId: string, body: Buffer<ArrayBuffer>): Promise<void> {
  await api(server, cookie, `/api/reviews/${reviewId}/files`, { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
}

interface TimelinePage { total: number; events: unknown[] }

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

const latencyOf = (h: autocannon.Histogram, samples: number): Latency => ({ p50: h.p50, p90: h.p90, p99: h.p99, max: h.max, samples });

/** `connections` clients, each asking again as soon as answered, for `seconds`. */
async function closedLoop(server: Running, cookie: string, paths: string[], connections: number, seconds: number): Promise<LoadRun> {
  const result = await autocannon({
    url: server.url, connections, duration: seconds, headers: { cookie },
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    path: paths.length === 1 ? paths[0]! : `${paths.length} pages`, connections, seconds: result.duration,
    requests: result.requests.total, perSecond: result.requests.average, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    latency: latencyOf(result.latency, result.requests.total),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
function summarise(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

interface Sample { start: number; end: number; status: number }

/**
 * A steady client: `connections` connections, each sending at most `rate` requests a second
 * (autocannon's connectionRate), until `stop()` is called. Every response is kept with its start
 * and end on this process's clock.
 */
function steadyClient(server: Running, cookie: string, path: string, connections: number, rate: number): { stop: () => Promise<{ samples: Sample[]; errors: number }> } {
  const samples: Sample[] = [];
  let errors = 0;
  let finished: (() => void) | undefined;
  const done = new Promise<void>((r) => { finished = r; });
  const instance = autocannon({
    url: `${server.url}${path}`, connections, connectionRate: rate, duration: 3600, headers: { cookie },
    ignoreCoordinatedOmission: true, timeout: 60,
  }, () => finished!());
  instance.on('response', (_client: autocannon.Client, status: number, _bytes: number, ms: number) => {
    const end = performance.now();
    samples.push({ start: end - ms, end, status });
  });
  instance.on('reqError', () => { errors++; });
  return {
    stop: async () => {
      instance.stop();
      await done;
      return { samples, errors };
    },
  };
}

/** The steady client's figures over the responses whose request overlapped [from, to]. */
function steadyRun(all: { samples: Sample[]; errors: number }, from: number, to: number, connections: number, rate: number, loop: LoopDelay): SteadyRun {
  const kept = all.samples.filter((s) => s.start < to && s.end > from).sort((a, b) => a.end - b.end);
  const interval = 1000 / rate;
  const raw = kept.map((s) => s.end - s.start);
  const corrected: number[] = [];
  for (const ms of raw) {
    corrected.push(ms);
    for (let missed = ms - interval; missed > 0; missed -= interval) corrected.push(missed);
  }
  return {
    connections, ratePerConnection: rate, responses: kept.length, non2xx: kept.filter((s) => s.status < 200 || s.status > 299).length, errors: all.errors,
    latency: summarise(corrected), raw: summarise(raw), overHalfSecond: raw.filter((ms) => ms >= 500).length, loop,
  };
}

// ---------------------------------------------------------------------------------------------
// The benchmark
// ---------------------------------------------------------------------------------------------

function bytesOf(f: GeneratedFile): Buffer {
  return readFileSync(f.path);
}

/** Runs (i), (ii) and (iii) and returns the figures; the servers and their data folders are removed whatever happens. */
export async function benchServer(options: ServerBenchOptions = {}): Promise<ServerBenchResult> {
  const duration = options.duration ?? 10;
  const connections = options.connections ?? 20;
  const startups = options.startups ?? 3;
  const otherConnections = options.otherConnections ?? 4;
  const otherRate = options.otherRate ?? 10;
  const baselineS = options.baseline ?? 5;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const folders: string[] = [];
  const servers: Running[] = [];
  const folder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-bench-server-'));
    folders.push(dir);
    return dir;
  };
  const clients = new Set<{ stop: () => Promise<unknown> }>();
  const steady = (server: Running, cookie: string, path: string): ReturnType<typeof steadyClient> => {
    const c = steadyClient(server, cookie, path, otherConnections, otherRate);
    clients.add(c);
    return { stop: async () => { clients.delete(c); return c.stop(); } };
  };
  // An interrupted benchmark leaves no server behind.
  const onExit = (): void => { for (const s of servers) s.child.kill('SIGKILL'); };
  const onSignal = (): void => { onExit(); process.exit(130); };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // The agency files first (generated once and cached in the temporary folder, never timed).
    const small = generate(REVIEW_ROWS, { dir: benchDir(REVIEW_ROWS) }).set;
    const bigSet = generate(BIG_SET_ROWS, { dir: benchDir(BIG_SET_ROWS) }).set;
    const bigFile = bigSet.files.find((f) => f.name === BIG_FILE)!;
    if (bigFile.rows !== BIG_FILE_ROWS) log(`WARNING: ${BIG_FILE} of the ${BIG_SET_ROWS}-row set holds ${bigFile.rows} rows, not ${BIG_FILE_ROWS} (has the generator changed?)`);

    // (i) Cold starts.
    const runsMs: number[] = [];
    const printedMs: number[] = [];
    for (let i = 0; i < startups; i++) {
      const s = await startServer(folder());
      servers.push(s);
      runsMs.push(s.healthyAt - s.spawnedAt);
      printedMs.push(s.printedAt - s.spawnedAt);
      log(`start ${i + 1}/${startups}: first 200 from /api/health ${(runsMs[i]! / 1000).toFixed(2)} s after spawning`);
      await stopServer(s);
    }
    const sortedRuns = [...runsMs].sort((a, b) => a - b);
    const medianMs = sortedRuns[Math.floor((sortedRuns.length - 1) / 2)]!;

    // The server under load: a first run too, with the event-loop probe.
    const server = await startServer(folder(), true);
    servers.push(server);

    const cookie = await signIn(server);

    // (ii) The 10k-event review, built through the API.
    const review = await api<{ id: string }>(server, cookie, '/api/reviews', { method: 'POST', body: JSON.stringify({ title: `Benchmark: ${REVIEW_ROWS} events` }) });
    const smallBody = multipart(small.files.map((f) => ({ name: f.name, agency: f.agency, bytes: bytesOf(f) })));
    const u0 = performance.now();
    await upload(server, cookie, review.id, smallBody);
    const uploadMs = performance.now() - u0;
    const t0 = performance.now();
    const first = await api<TimelinePage>(server, cookie, `/api/reviews/${review.id}/timeline?limit=100`);
    const firstTimelineMs = performance.now() - t0;
    if (first.total !== REVIEW_ROWS || first.events.length !== 100) throw new Error(`the ${REVIEW_ROWS}-row review's timeline holds ${first.total} events (page of ${first.events.length})`);
    log(`review of ${REVIEW_ROWS} events uploaded in ${(uploadMs / 1000).toFixed(2)} s; timeline ×${connections} connections for ${duration} s…`);

    const timelinePath = `/api/reviews/${review.id}/timeline?limit=100`;
    const timeline = await closedLoop(server, cookie, [timelinePath], connections, duration);
    log(`  p50 ${timeline.latency.p50} ms, p99 ${timeline.latency.p99} ms, ${Math.round(timeline.perSecond)} req/s; pages at offsets 0 to 9,900…`);
    const offsets = [0, 2_500, 5_000, 7_500, 9_900];
    const pages = await closedLoop(server, cookie, offsets.map((o) => `/api/reviews/${review.id}/timeline?offset=${o}&limit=100`), connections, duration);
    log(`  p50 ${pages.latency.p50} ms, p99 ${pages.latency.p99} ms`);

    // (iii) The steady client alone, then during the upload of the 100k-row file.
    const bigReview = await api<{ id: string }>(server, cookie, '/api/reviews', { method: 'POST', body: JSON.stringify({ title: `Benchmark: ${BIG_FILE_ROWS} rows in one file` }) });
    const bigBody = multipart([{ name: bigFile.name, agency: bigFile.agency, bytes: bytesOf(bigFile) }]);
    log(`steady client (${otherConnections} × ${otherRate} req/s) alone for ${baselineS} s…`);
    const alone = steady(server, cookie, timelinePath);
    await loopDelay(server);
    const a0 = performance.now();
    await sleep(baselineS * 1000);
    const a1 = performance.now();
    const aloneLoop = await loopDelay(server);
    const baseline = steadyRun(await alone.stop(), a0, a1, otherConnections, otherRate, aloneLoop);

    log(`…and while ${BIG_FILE} (${bigFile.rows} rows, ${(bigFile.bytes / 1e6).toFixed(1)} MB) is uploaded`);
    const other = steady(server, cookie, timelinePath);
    await sleep(1000);
    await loopDelay(server);
    const b0 = performance.now();
    await upload(server, cookie, bigReview.id, bigBody);
    const b1 = performance.now();
    const bigPage = await api<TimelinePage>(server, cookie, `/api/reviews/${bigReview.id}/timeline?limit=100`);
    const b2 = performance.now();
    const duringLoop = await loopDelay(server);
    await sleep(1000);
    const during = steadyRun(await other.stop(), b0, b2, otherConnections, otherRate, duringLoop);
    if (bigPage.total !== bigFile.rows) log(`WARNING: the 100k-row review's timeline holds ${bigPage.total} events, not ${bigFile.rows}`);
    log(`  201 after ${((b1 - b0) / 1000).toFixed(2)} s, queryable after ${((b2 - b0) / 1000).toFixed(2)} s; the other client's p99 ${during.latency.p99.toFixed(0)} ms; the server's event loop held up to ${duringLoop.maxMs.toFixed(0)} ms at a time`);

    return {
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      startup: { runsMs, medianMs, printedMs },
      review: { rows: small.rows, events: first.total, bytes: smallBody.length, uploadMs, firstTimelineMs },
      timeline, pages,
      big: { rows: bigFile.rows, bytes: bigFile.bytes, events: bigPage.total, createdMs: b1 - b0, queryableMs: b2 - b0, baseline, during },
    };
  } finally {
    for (const c of clients) await c.stop();
    for (const s of servers) await stopServer(s);
    process.removeListener('exit', onExit);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

const s2 = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const ms0 = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-GB')} ms`;

/** The figures against their goals, as lines of text. */
export function serverReport(r: ServerBenchResult): string[] {
  const rows: Array<[string, string, string, string]> = [];
  const goal = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  rows.push(['(i) spawn → first 200 /api/health, empty data folder (median)', `${s2(r.startup.medianMs)} (${r.startup.runsMs.map(s2).join(', ')})`, `< ${GOAL_STARTUP_S} s`, goal(r.startup.medianMs < GOAL_STARTUP_S * 1000)]);
  for (const [label, run] of [['timeline?limit=100', r.timeline], ['pages, offsets 0–9,900', r.pages]] as const) {
    const clean = run.non2xx === 0 && run.errors === 0 && run.timeouts === 0;
    rows.push([`(ii) ${r.review.events.toLocaleString('en-GB')}-event review, ${label}, ${run.connections} clients: p50 / p99`,
      `${ms0(run.latency.p50)} / ${ms0(run.latency.p99)}`, `p99 < ${GOAL_TIMELINE_P99_MS} ms`, goal(clean && run.latency.p99 < GOAL_TIMELINE_P99_MS)]);
    rows.push(['     throughput, max; non-2xx, errors', `${Math.round(run.perSecond)} req/s over ${run.seconds.toFixed(0)} s, max ${ms0(run.latency.max)}; ${run.non2xx}, ${run.errors + run.timeouts}`, '', clean ? 'info' : 'MISS']);
  }
  rows.push([`(iii) ${r.big.rows.toLocaleString('en-GB')}-row file (${(r.big.bytes / 1e6).toFixed(1)} MB) upload → 201`, s2(r.big.createdMs), '', 'info']);
  rows.push(['      upload → its timeline answers', `${s2(r.big.queryableMs)} (${r.big.events.toLocaleString('en-GB')} events)`, `< ${GOAL_BIG_UPLOAD_S} s`, goal(r.big.events === r.big.rows && r.big.queryableMs < GOAL_BIG_UPLOAD_S * 1000)]);
  const d = r.big.during;
  const b = r.big.baseline;
  rows.push([`      other client during it (${d.connections} × ${d.ratePerConnection} req/s, other review): p99 corrected`, `${ms0(d.latency.p99)} (p50 ${ms0(d.latency.p50)}, max ${ms0(d.raw.max)})`, `p99 < ${GOAL_OTHER_P99_MS} ms`, goal(d.non2xx === 0 && d.latency.p99 < GOAL_OTHER_P99_MS)]);
  rows.push(['      its answers as measured: p99; answers ≥ 0.5 s', `${ms0(d.raw.p99)}; ${d.overHalfSecond} of ${d.responses}`, '', 'info']);
  rows.push(['      the server\'s event loop meanwhile: longest hold; p99 delay', `${ms0(d.loop.maxMs)}; ${ms0(d.loop.p99Ms)}`, '', 'info']);
  rows.push(['      the same client with no upload: p50 / p99; loop longest hold', `${ms0(b.latency.p50)} / ${ms0(b.latency.p99)} (${b.responses} answers); ${ms0(b.loop.maxMs)}`, '', 'info']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]): string => `${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padEnd(widths[2]!)}  ${row[3]}`;
  return [
    `Review server (node dist/server/main.js on loopback; node ${r.node}, ${r.cpus}); the 10k review: ${r.review.rows.toLocaleString('en-GB')} rows in six files, ${(r.review.bytes / 1e6).toFixed(1)} MB, uploaded in ${s2(r.review.uploadMs)}`,
    line(['measure', 'figure', 'goal', '']),
    line([widths[0]!, widths[1]!, widths[2]!].map((w) => '-'.repeat(w)).concat('----')),
    ...rows.map(line),
  ];
}

/** Measures and prints; what bench/run.ts calls. */
export async function runServerBench(options: ServerBenchOptions = {}): Promise<ServerBenchResult> {
  const result = await benchServer(options);
  console.log(`\n${serverReport(result).join('\n')}`);
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      startups: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: node dist/bench/server.js [--duration 10] [--connections 20] [--startups 3] [--json]\n');
    return;
  }
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: expected a positive number, not "${v}"`);
    return n;
  };
  const result = await runServerBench({
    ...(values.duration !== undefined ? { duration: num(values.duration, 'duration')! } : {}),
    ...(values.connections !== undefined ? { connections: num(values.connections, 'connections')! } : {}),
    ...(values.startups !== undefined ? { startups: num(values.startups, 'startups')! } : {}),
  });
  if (values.json) console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === SELF) {
  await main();
}

/**
 * `npm run bench`: ingest + merge throughput and peak memory against papaparse alone on the same
 * bytes (the floor: throughline's CSV reading is papaparse), then the CLI end to end.
 *
 *   npm run bench                              # 10k, 100k and 1M rows
 *   npm run bench -- --sizes 10000,100000      # a subset (also 10k,100k,1M)
 *   npm run bench -- --no-cli                  # library phases only
 *   npm run bench -- --regenerate              # rewrite the synthetic files even if cached
 *
 * Each measured phase runs in its own child process (this file with --phase), so one phase's heap
 * never inflates another's peak RSS; the child reports process.resourceUsage().maxRSS as it was at the
 * end of its first run (best of N runs for time, the peak memory of one).
 * The CLI runs as a user runs it (`node bin/throughline.js merge …`, no node flags), with
 * rss-probe.js preloaded by --import only to report the CLI process's own peak RSS when it exits.
 *
 * Units: MB = 10^6 bytes (file sizes, MB/s, RSS). Times from performance.now(); generation and
 * file reading are never timed. This is a benchmark, not a test: a missed target is reported,
 * and the exit status stays 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { appReport, benchApp } from './app.js';
import Papa from 'papaparse';
import { fileSlugs, ingest, merge, type AgencyChronology, type ChronologyEvent, type Timeline } from '../src/index.js';
import { analyse } from '../src/analytics/analyse.js';
import { buildContext, compileRules, firstRule, heldWords, type AnalysisContext } from '../src/analytics/context.js';
import { agencyKnowledge } from '../src/analytics/knowledge.js';
import { findPatterns } from '../src/analytics/patterns.js';
import type { Knowledge, PatternFinding, ReferralFinding } from '../src/analytics/types.js';
import { findReferrals } from '../src/analytics/referrals.js';
import { sharingNetwork } from '../src/analytics/network.js';
import { DEFAULT_RULES } from '../src/analytics/rules.js';
import { analyseRca } from '../src/rca/analyse.js';
import { runServerBench } from './server.js';
import { CauseGraphBuilder } from '../src/rca/model.js';
import { DEFAULT_DENSITY_THRESHOLD, renderTimeline } from '../viz/svg/timeline.js';
import { benchDir, EVENTS_PER_DAY, generate, type GeneratedSet } from './generate.js';

const SELF = fileURLToPath(import.meta.url);
/** dist/bench/run.js → the repository root. */
const ROOT = resolve(dirname(SELF), '..', '..');
const CLI = join(ROOT, 'bin', 'throughline.js');
/** The file the CLI's preloaded probe (rss-probe.ts) writes its peak RSS (KB) to at exit. */
const RSS_PROBE_ENV = 'THROUGHLINE_BENCH_RSS_FILE';
const RSS_PROBE = join(dirname(SELF), 'rss-probe.js');
const RESULT_PREFIX = 'BENCH_RESULT ';
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const MB = 1e6;

const TARGET_RATIO = 2;
const CEILING_RATIO = 3;
const TARGET_RSS_MB = 1500;
const TARGET_CLI_100K_S = 3;

// ---------------------------------------------------------------------------------------------
// Child phases
// ---------------------------------------------------------------------------------------------

interface PapaResult {
  phase: 'papa';
  reps: number;
  decodeMs: number;
  parseMs: number;
  parsedRows: number;
  maxRssKb: number;
}

interface IngestResult {
  phase: 'ingest';
  reps: number;
  ingestMs: number;
  mergeMs: number;
  totalMs: number;
  perFileMs: Record<string, number>;
  rows: number;
  events: number;
  unusable: number;
  links: number;
  linkedEvents: number;
  issues: { error: number; warning: number; info: number };
  busiestDay: { day: string; events: number };
  busyDaysSkipped: number;
  maxRssKb: number;
}

function manifest(dir: string): GeneratedSet {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as GeneratedSet;
}

/** A phase's result, on the one line of its output that the driver reads. */
function report(result: PapaResult | BareResult | IngestResult | AnalyseResult | RenderResult | RcaResult): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** papaparse alone: `Papa.parse(text, { header: false })` on every file's text (decoded before timing). */
function phasePapa(dir: string, reps: number): void {
  const set = manifest(dir);
  const bytes = set.files.map((f) => readFileSync(f.path));
  const t0 = performance.now();
  const texts = bytes.map((b) => new TextDecoder('utf-8').decode(b));
  const decodeMs = performance.now() - t0;
  let parseMs = Infinity;
  let parsedRows = 0;
  let firstRunRssKb = 0;
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    let n = 0;
    for (const text of texts) n += Papa.parse<string[]>(text, { header: false }).data.length;
    parseMs = Math.min(parseMs, performance.now() - start);
    parsedRows = n;
    if (rep === 0) firstRunRssKb = process.resourceUsage().maxRSS;
  }
  report({ phase: 'papa', reps, decodeMs, parseMs, parsedRows, maxRssKb: firstRunRssKb });
}

interface BareResult {
  phase: 'bare';
  reps: number;
  bareMs: number;
  objects: number;
}

/**
 * A lower bound, not throughline: papaparse row by row on the same decoded texts as the floor, and
 * for each row one event object of the JSON contract's shape (date and source objects, every key)
 * filled with cells as they come (no extra columns, no flags: one shared empty object and list, as
 * in ingest): no date read, no cell trimmed, nothing ordered or linked. What any ingest must at
 * least do that builds the contract's events from papaparse's rows.
 */
// Shared by every bare event, as throughline's ingest shares them among events without extra columns or flags.
const NO_EXTRA: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_FLAGS: ChronologyEvent['flags'] = Object.freeze([]) as unknown as ChronologyEvent['flags'];

function phaseBare(dir: string, reps: number): void {
  const set = manifest(dir);
  const texts = set.files.map((f) => new TextDecoder('utf-8').decode(readFileSync(f.path)));
  let bareMs = Infinity;
  let objects = 0;
  for (let rep = 0; rep < reps; rep++) {
    const start = performance.now();
    const kept: ChronologyEvent[][] = [];
    set.files.forEach((f, i) => {
      const events: ChronologyEvent[] = [];
      let line = 0;
      Papa.parse<string[]>(texts[i]!, {
        header: false,
        step(result) {
          const c = result.data;
          line++;
          events.push({
            id: [f.name, line].join('-'), agency: f.agency, date: { start: c[1] ?? '', end: undefined, precision: 'day', text: c[1] ?? '', approximate: undefined },
            summary: c[2] ?? '', type: c[3], practitioner: c[4], outcome: undefined, significance: undefined, sequence: undefined,
            informationSource: undefined, subjects: undefined, reference: undefined, extra: NO_EXTRA, source: { file: f.path, line }, flags: NO_FLAGS,
          });
        },
      });
      kept.push(events);
    });
    bareMs = Math.min(bareMs, performance.now() - start);
    objects = kept.reduce((n, e) => n + e.length, 0);
  }
  report({ phase: 'bare', reps, bareMs, objects });
}

/** throughline: ingest every file from its bytes (decoding included), then merge. */
function phaseIngest(dir: string, reps: number): void {
  const set = manifest(dir);
  const paths = set.files.map((f) => f.path);
  const bytes = set.files.map((f) => readFileSync(f.path));
  const slugs = fileSlugs(paths);
  // Only the numbers of the best run are kept; the last run's timeline gives the statistics (every
  // run gives the same timeline), so no more than one timeline is alive at a time.
  let best: { ingestMs: number; mergeMs: number; perFileMs: Record<string, number> } | undefined;
  let timeline: Timeline | undefined;
  // Peak memory is that of one run: read when the first ends (a later run's heap is sized by V8
  // after the first's peak, and would add to it).
  let firstRunRssKb = 0;
  for (let rep = 0; rep < reps; rep++) {
    timeline = undefined;
    const perFileMs: Record<string, number> = {};
    const t0 = performance.now();
    const chronologies: AgencyChronology[] = set.files.map((f, i) => {
      const s = performance.now();
      const c = ingest({ file: f.path, content: bytes[i]! }, { agency: f.agency, idPrefix: slugs[i] });
      perFileMs[f.name] = performance.now() - s;
      return c;
    });
    const t1 = performance.now();
    timeline = merge(chronologies);
    const t2 = performance.now();
    if (!best || t2 - t0 < best.ingestMs + best.mergeMs) best = { ingestMs: t1 - t0, mergeMs: t2 - t1, perFileMs };
    if (rep === 0) firstRunRssKb = process.resourceUsage().maxRSS;
  }
  if (!best || !timeline) throw new Error('no run');
  const perDay = new Map<string, number>();
  for (const e of timeline.events) {
    if (e.date.start === '') continue;
    const d = e.date.start.slice(0, 10);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }
  let busiestDay = { day: '', events: 0 };
  for (const [day, events] of perDay) if (events > busiestDay.events) busiestDay = { day, events };
  const s = timeline.stats;
  report({
    phase: 'ingest', reps, ingestMs: best.ingestMs, mergeMs: best.mergeMs, totalMs: best.ingestMs + best.mergeMs,
    perFileMs: best.perFileMs, rows: s.rows, events: s.events, unusable: s.unusable, links: s.linkedGroups,
    linkedEvents: s.linkedEvents, issues: s.issues, busiestDay,
    busyDaysSkipped: timeline.issues.filter((i) => i.code === 'link-day-too-busy').length,
    maxRssKb: firstRunRssKb,
  });
}

interface AnalyseResult {
  phase: 'analyse';
  reps: number;
  analyseMs: number;
  /** agencyKnowledge alone (its share of analyse), on the context and findings analyse builds first. */
  knowledgeMs: number;
  /** The same on the records in an array linking never saw (as read back from JSON). */
  knowledgeReadBackMs: number;
  /** The floor's second part: the records holding decision words read against the decision rules. */
  decisionRulesMs: number;
  decisionHolding: number;
  /** The answer's incidents, facts and decision points made again from its own fields: what building it costs at least. */
  answerMs: number;
  answerObjects: number;
  /** The floor under the section: one read of every record's text for the decision rules' key words (their union's test), and the same text merely read, a character at a time. */
  decisionWordsMs: number;
  textReadMs: number;
  textChars: number;
  incidents: number;
  decisions: number;
  knowledgeBytes: number;
  events: number;
  patterns: number;
  referrals: number;
  maxRssKb: number;
}

/** The set's files ingested and merged (untimed: the phases that start from a timeline). */
function mergedTimeline(dir: string): Timeline {
  const set = manifest(dir);
  const slugs = fileSlugs(set.files.map((f) => f.path));
  return merge(set.files.map((f, i) => ingest({ file: f.path, content: readFileSync(f.path) }, { agency: f.agency, idPrefix: slugs[i] })));
}

/** analyse() on the merged timeline (ingest and merge run first, untimed). */
function phaseAnalyse(dir: string, reps: number): void {
  const timeline = mergedTimeline(dir);
  let best = Infinity;
  let patterns = 0;
  let referrals = 0;
  let firstRunRssKb = 0;
  for (let rep = 0; rep < reps; rep++) {
    const t0 = performance.now();
    const a = analyse(timeline, { child: ['Child A'] });
    best = Math.min(best, performance.now() - t0);
    patterns = a.patterns.length;
    referrals = a.referrals.length;
    if (rep === 0) firstRunRssKb = process.resourceUsage().maxRSS;
  }
  // What each agency knew, timed alone: what it adds to analyse. Each time on a fresh context,
  // after the sections analyse runs before it whose work it takes: patterns and referrals (their
  // findings) and the information-sharing network (its read of each record's sharing words, kept
  // in the context). Timed on the merged timeline, and on the same records in an array linking
  // never saw, as a timeline read back from JSON is (the CLI's merged.json, the server's store):
  // there, where the linked records are must be found by reading the records.
  const rules = DEFAULT_RULES;
  const timeKnowledge = (t: Timeline): { ms: number; knowledge: Knowledge; ctx: AnalysisContext } => {
    let ms = Infinity;
    let last: { knowledge: Knowledge; ctx: AnalysisContext } | undefined;
    for (let rep = 0; rep < reps; rep++) {
      const ctx = buildContext(t, rules, ['Child A']);
      const records = new Map<PatternFinding, readonly number[]>();
      const found = findPatterns(ctx, records);
      const sentAt = new Map<ReferralFinding, number>();
      const sent = findReferrals(ctx, sentAt);
      sharingNetwork(ctx, sent);
      const t0 = performance.now();
      const knowledge = agencyKnowledge(ctx, found, sent, [], records, sentAt);
      ms = Math.min(ms, performance.now() - t0);
      last = { knowledge, ctx };
    }
    return { ms, ...last! };
  };
  const { ms: knowledgeMs, knowledge, ctx } = timeKnowledge(timeline);
  const readBack = timeKnowledge({ ...timeline, events: [...timeline.events] });
  if (JSON.stringify(readBack.knowledge) !== JSON.stringify(knowledge)) throw new Error('what each agency knew differs on the timeline read back');
  // What no way of finding decision points by their words can go below: every record's text read
  // once, by the decision words' union (as the section does before anything else), and read at all;
  // and the records holding the words read against the decision rules (which rules' words they
  // hold, and the first rule they meet), as the section does next.
  const decisionRules = compileRules(ctx, (rules.knowledge ?? DEFAULT_RULES.knowledge).decisions);
  const decisionWords = decisionRules.any!;
  let decisionWordsMs = Infinity;
  let decisionRulesMs = Infinity;
  let textReadMs = Infinity;
  let textChars = 0;
  let held = 0;
  let decided = 0;
  for (let rep = 0; rep < reps; rep++) {
    let t0 = performance.now();
    const holding: number[] = [];
    for (let i = 0; i < ctx.text.length; i++) if (decisionWords.test(ctx.text[i]!)) holding.push(i);
    decisionWordsMs = Math.min(decisionWordsMs, performance.now() - t0);
    held = holding.length;
    const which = new Uint8Array(decisionRules.rules.length);
    t0 = performance.now();
    decided = 0;
    for (const i of holding) { heldWords(ctx, decisionRules, i, which); if (firstRule(ctx, decisionRules, i, true, which) !== undefined) decided++; }
    decisionRulesMs = Math.min(decisionRulesMs, performance.now() - t0);
    t0 = performance.now();
    let sum = 0;
    for (const text of ctx.text) for (let k = 0; k < text.length; k++) sum += text.charCodeAt(k);
    textReadMs = Math.min(textReadMs, performance.now() - t0);
    textChars = sum > 0 ? ctx.text.reduce((n, text) => n + text.length, 0) : 0;
  }
  if (held === 0 || decided === 0) throw new Error('no record holds a decision word or meets a decision rule: the floor measured nothing');
  // And what building the answer costs at least: its incidents, facts and decision points made
  // again as new objects from the finished answer's own fields (nothing worked out).
  let answerMs = Infinity;
  let made = 0;
  for (let rep = 0; rep < reps; rep++) {
    const t0 = performance.now();
    const incidents = knowledge.incidents.map((i) => ({ id: i.id, events: [...i.events], date: i.date, agencies: [...i.agencies], why: [...i.why] }));
    const learned = knowledge.learned.map((f) => ({ ...f }));
    const decisions = knowledge.decisions.map((d) => ({ ...d }));
    answerMs = Math.min(answerMs, performance.now() - t0);
    made = incidents.length + learned.length + decisions.length;
  }
  report({
    phase: 'analyse', reps, analyseMs: best, knowledgeMs, knowledgeReadBackMs: readBack.ms, decisionWordsMs, decisionRulesMs, decisionHolding: held, answerMs, answerObjects: made, textReadMs, textChars, incidents: knowledge.incidents.length, decisions: knowledge.decisions.length,
    knowledgeBytes: Buffer.byteLength(JSON.stringify(knowledge)), events: timeline.events.length, patterns, referrals, maxRssKb: firstRunRssKb,
  });
}

interface RenderResult {
  phase: 'render';
  events: number;
  renderMs: number;
  svgBytes: number;
  aggregated: boolean;
  maxRssKb: number;
}

/** The merged timeline rendered to SVG (ingest and merge run first, untimed); best of `reps`. */
function phaseRender(dir: string, reps: number): void {
  const timeline = mergedTimeline(dir);
  let best = Infinity;
  let svg = '';
  for (let rep = 0; rep < reps; rep++) {
    const t0 = performance.now();
    svg = renderTimeline(timeline);
    best = Math.min(best, performance.now() - t0);
  }
  report({ phase: 'render', events: timeline.events.length, renderMs: best, svgBytes: Buffer.byteLength(svg), aggregated: timeline.events.length >= DEFAULT_DENSITY_THRESHOLD, maxRssKb: process.resourceUsage().maxRSS });
}

interface RcaResult {
  phase: 'rca';
  causes: number;
  edges: number;
  buildMs: number;
  analyseMs: number;
  pathCount: string;
  wideMs: number;
  widePathCount: string;
  maxRssKb: number;
}

/** A seeded linear congruential generator: the same graph every run. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** analyseRca on 10k causes / 50k edges (a layered DAG), and on a graph with 2^60 root-to-problem paths. */
function phaseRca(): void {
  const LAYERS = 100;
  const WIDTH = 100;
  const EDGES = 50_000;
  const random = lcg(2026);
  const t0 = performance.now();
  const g = new CauseGraphBuilder('bench');
  g.problem('p', 'Problem');
  for (let l = 0; l < LAYERS; l++) for (let w = 0; w < WIDTH; w++) g.cause(`c${l}.${w}`, `cause ${l}.${w}`);
  for (let w = 0; w < WIDTH; w++) g.causes(`c${LAYERS - 1}.${w}`, 'p');
  while (g.graph.size < EDGES) {
    const l = Math.floor(random() * (LAYERS - 1));
    const span = 1 + Math.floor(random() * 3);
    const target = Math.min(LAYERS - 1, l + span);
    g.causes(`c${l}.${Math.floor(random() * WIDTH)}`, `c${target}.${Math.floor(random() * WIDTH)}`);
  }
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const rca = analyseRca(g.graph, { pathLimit: 20 });
  const analyseMs = performance.now() - t1;
  const wide = new CauseGraphBuilder('2^60 paths');
  wide.problem('p', 'Problem');
  for (let l = 0; l < 60; l++) for (const s of ['a', 'b']) wide.cause(`${s}${l}`, `cause ${s}${l}`);
  for (let l = 0; l < 59; l++) for (const s of ['a', 'b']) for (const t of ['a', 'b']) wide.causes(`${s}${l}`, `${t}${l + 1}`);
  wide.causes('a59', 'p'); wide.causes('b59', 'p');
  const t2 = performance.now();
  const wideReport = analyseRca(wide.graph, { pathLimit: 20 });
  const wideMs = performance.now() - t2;
  report({
    phase: 'rca', causes: LAYERS * WIDTH, edges: g.graph.size, buildMs, analyseMs, pathCount: rca.problems[0]!.pathCount,
    wideMs, widePathCount: wideReport.problems[0]!.pathCount, maxRssKb: process.resourceUsage().maxRSS,
  });
}

// ---------------------------------------------------------------------------------------------
// The driver
// ---------------------------------------------------------------------------------------------

function runPhase<T>(phase: 'papa' | 'bare' | 'ingest' | 'analyse' | 'rca' | 'render', dir: string, reps: number): T {
  const env = { ...process.env };
  delete env[RSS_PROBE_ENV];
  const child = spawnSync(process.execPath, [...process.execArgv, SELF, '--phase', phase, '--dir', dir, '--reps', String(reps)], {
    encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MB,
  });
  const line = child.stdout?.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || !line) {
    throw new Error(`phase ${phase} on ${dir} failed (status ${child.status}, signal ${child.signal}): ${child.stdout ?? ''}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
}

interface CliResult {
  format: 'json' | 'csv';
  status: number | null;
  /** The median over `runs` runs. */
  seconds: number;
  runs: number[];
  outBytes: number;
  maxRssKb: number | null;
  check: string;
  stderr: string;
}

function tailBytes(path: string, n: number): string {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(Math.min(n, size));
  readSync(fd, buf, 0, buf.length, size - buf.length);
  closeSync(fd);
  return buf.toString('utf8');
}

/** Runs the CLI `times` times (the machine's noise shows at 100k) and reports the median run. */
function runCliMedian(set: GeneratedSet, format: 'json' | 'csv', keep: boolean, times: number): CliResult {
  const results: CliResult[] = [];
  for (let i = 0; i < times; i++) {
    const r = runCli(set, format, keep && i === times - 1);
    results.push(r);
    if (r.status !== 0) return r;
  }
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...median, runs: results.map((r) => r.seconds) };
}

/** `node bin/throughline.js merge <files> --format F --out X`, timed from spawn to exit. */
function runCli(set: GeneratedSet, format: 'json' | 'csv', keep: boolean): CliResult {
  const out = join(set.dir, `merged.${format}`);
  const rssFile = join(set.dir, `cli-${format}.rss`);
  rmSync(out, { force: true });
  rmSync(rssFile, { force: true });
  const args = [
    '--import', pathToFileURL(RSS_PROBE).href, CLI, 'merge', ...set.files.map((f) => f.path),
    ...set.files.flatMap((f) => ['--agency', `${f.agency}=${f.path}`]), '--format', format, '--out', out,
  ];
  const start = performance.now();
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8', env: { ...process.env, [RSS_PROBE_ENV]: rssFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 * MB,
  });
  const seconds = (performance.now() - start) / 1000;
  const outBytes = existsSync(out) ? statSync(out).size : 0;
  const maxRssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
  let check = 'no output';
  if (child.status === 0 && outBytes > 0) {
    if (set.rows <= 100_000) {
      // Small enough to read back whole: every row must come out as one event.
      const text = readFileSync(out, 'utf8');
      const events = format === 'json'
        ? (JSON.parse(text) as Timeline).events.length
        : Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true }).data.length - 1;
      check = events === set.rows ? `read back: ${events} events` : `read back: ${events} events, expected ${set.rows}`;
    } else {
      const tail = tailBytes(out, 64);
      const ok = format === 'json' ? tail.endsWith('\n ]\n}\n') : tail.endsWith('\r\n');
      check = ok ? 'complete (document closed)' : `truncated? ends with ${JSON.stringify(tail.slice(-16))}`;
    }
  }
  if (!keep) rmSync(out, { force: true });
  rmSync(rssFile, { force: true });
  return { format, status: child.status, seconds, runs: [seconds], outBytes, maxRssKb, check, stderr: (child.stderr ?? '').trim() };
}

/** The commit measured, and whether src/ differs from it. */
function sourceVersion(): string {
  const git = (args: string[]): string | null => {
    const r = spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head === null) return `${ROOT} (not a git checkout)`;
  const dirty = git(['status', '--porcelain', '--', 'src', 'bench']);
  return `${ROOT} at ${head}${dirty ? ' with uncommitted changes in src/ or bench/' : ''}`;
}

function parseSizes(text: string): number[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.replace(/_/g, ''));
    if (!m) throw new Error(`--sizes: "${s}" is not a row count (e.g. 10000 or 10k)`);
    const n = Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1);
    if (!Number.isInteger(n) || n < 60) throw new Error(`--sizes: "${s}" must be a whole number of rows, at least 60`);
    return n;
  });
}

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-GB');
const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const mbOfKb = (kb: number): number => (kb * 1024) / MB;
const pad = (s: string, n: number): string => s.padStart(n);
const sizeLabel = (n: number): string => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

interface SizeRun {
  set: GeneratedSet;
  papa: PapaResult;
  bare: BareResult;
  ingest: IngestResult;
  analyse: AnalyseResult;
  render?: RenderResult;
  cli: CliResult[];
}

const TARGET_RENDER_10K_S = 1;
const TARGET_RENDER_100K_S = 3;
const TARGET_RENDER_100K_MB = 5;

const TARGET_ANALYSE_1M_S = 5;
/** Issue 15: what each agency knew adds at most this to analyse at 1M events. */
const TARGET_KNOWLEDGE_1M_S = 1;
/** Linear growth from 100k to 1M is 10×; up to this ratio counts as linear. */
const LINEAR_RATIO_MAX = 12;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      dir: { type: 'string' },
      reps: { type: 'string' },
      sizes: { type: 'string' },
      'no-cli': { type: 'boolean' },
      'no-server': { type: 'boolean' },
      'server-only': { type: 'boolean' },
      'no-app': { type: 'boolean' },
      'app-only': { type: 'boolean' },
      regenerate: { type: 'boolean' },
      'keep-output': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.phase) {
    const reps = Number(values.reps ?? '1');
    if (values.phase === 'papa') phasePapa(values.dir!, reps);
    else if (values.phase === 'bare') phaseBare(values.dir!, reps);
    else if (values.phase === 'ingest') phaseIngest(values.dir!, reps);
    else if (values.phase === 'analyse') phaseAnalyse(values.dir!, reps);
    else if (values.phase === 'rca') phaseRca();
    else if (values.phase === 'render') phaseRender(values.dir!, reps);
    else throw new Error(`unknown phase ${values.phase}`);
    return;
  }
  if (values.help) {
    process.stdout.write('Usage: npm run bench -- [--sizes 10000,100000,1000000] [--no-cli] [--no-server | --server-only] [--no-app | --app-only] [--regenerate] [--keep-output]\n');
    return;
  }
  if (values['server-only']) { await runServerBench(); return; }
  if (values['app-only']) { await runAppBench(); return; }
  const sizes = values.sizes ? parseSizes(values.sizes) : DEFAULT_SIZES;
  const withCli = !values['no-cli'];
  const cpu = cpus();
  console.log(`throughline benchmark — node ${process.version} ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1e9, 1)} GB RAM, TZ=${process.env.TZ ?? '(unset)'}, node flags: ${process.execArgv.join(' ') || '(none)'}`);
  console.log(`source: ${sourceVersion()}`);
  console.log(`sizes: ${sizes.map(fmtInt).join(', ')} rows; ${EVENTS_PER_DAY} events a day on average across six agencies; MB = 10^6 bytes\n`);

  const runs: SizeRun[] = [];
  for (const rows of sizes) {
    const g0 = performance.now();
    const { set, reused } = generate(rows, { dir: benchDir(rows), force: values.regenerate ?? false });
    const genS = (performance.now() - g0) / 1000;
    const crlf = set.files.filter((f) => f.lineEnding === 'CRLF').map((f) => f.name);
    console.log(`${sizeLabel(rows)}: ${set.files.length} files, ${fmt(set.bytes / MB, 1)} MB in ${set.dir} (${reused ? 'reused, identical generator' : `generated in ${fmt(genS, 1)} s`}); `
      + `${set.firstDay} to ${set.lastDay}; ${fmtInt(set.meetings)} multi-agency meetings, ${fmtInt(set.sharedIncidents)} shared incidents; CRLF: ${crlf.join(', ')}`);
    // Best of several runs at every size: one run at 1M would be a cold start (JIT compilation
    // included) compared with the warm best of three at 100k, and this shared machine's speed
    // moves by 10–15 % from one minute to the next.
    const reps = rows <= 10_000 ? 5 : 3;
    const papa = runPhase<PapaResult>('papa', set.dir, reps);
    const bare = runPhase<BareResult>('bare', set.dir, reps);
    const ing = runPhase<IngestResult>('ingest', set.dir, reps);
    const an = runPhase<AnalyseResult>('analyse', set.dir, reps);
    const render = rows <= 100_000 ? runPhase<RenderResult>('render', set.dir, reps) : undefined;
    if (ing.rows !== rows) console.log(`  WARNING: throughline counted ${ing.rows} rows, the generator wrote ${rows}`);
    if (papa.parsedRows < rows) console.log(`  WARNING: papaparse returned ${papa.parsedRows} rows, fewer than the ${rows} written`);
    const cli: CliResult[] = [];
    const cliTimes = rows <= 100_000 ? 3 : 1;
    if (withCli) for (const format of ['json', 'csv'] as const) cli.push(runCliMedian(set, format, values['keep-output'] ?? false, cliTimes));
    runs.push({ set, papa, bare, ingest: ing, analyse: an, ...(render ? { render } : {}), cli });
  }

  const rca = runPhase<RcaResult>('rca', '', 1);

  // The table.
  console.log('\nIngest + merge (library, from bytes in memory; UTF-8 decoding included) against papaparse alone on the same bytes');
  const head = ['size', 'rows', 'MB', 'papaparse s', 'ingest+merge s', 'ratio', 'rows/s', 'MB/s', 'peak RSS MB'];
  const widths = [5, 11, 7, 12, 15, 6, 11, 6, 12];
  const row = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i]!)).join('  ');
  console.log(row(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const { set, papa, ingest: ing } of runs) {
    const s = ing.totalMs / 1000;
    console.log(row([
      sizeLabel(set.rows), fmtInt(set.rows), fmt(set.bytes / MB, 1), fmt(papa.parseMs / 1000, 3), fmt(s, 3),
      `${fmt(ing.totalMs / papa.parseMs, 2)}×`, fmtInt(set.rows / s), fmt(set.bytes / MB / s, 1), fmtInt(mbOfKb(ing.maxRssKb)),
    ]));
  }
  console.log('\nDetail (best of N runs in one child process per phase; peak RSS is that of the child at the end of its first run, input bytes included)');
  for (const { set, papa, bare, ingest: ing } of runs) {
    const per = Object.entries(ing.perFileMs).map(([f, ms]) => `${f.replace(/\.csv$/, '')} ${fmt(ms / 1000, 3)}`).join(', ');
    console.log(`${sizeLabel(set.rows)}: best of ${ing.reps}; ingest ${fmt(ing.ingestMs / 1000, 3)} s (${per}), merge ${fmt(ing.mergeMs / 1000, 3)} s; `
      + `papaparse: decode ${fmt(papa.decodeMs / 1000, 3)} s (not in the floor), parse ${fmt(papa.parseMs / 1000, 3)} s, ${fmtInt(papa.parsedRows)} rows incl. headers, peak RSS ${fmtInt(mbOfKb(papa.maxRssKb))} MB`);
    console.log(`    ${fmtInt(ing.events)} events (${fmtInt(ing.unusable)} unusable), ${fmtInt(ing.links)} cross-agency links over ${fmtInt(ing.linkedEvents)} events; `
      + `issues ${ing.issues.error} errors, ${ing.issues.warning} warnings, ${ing.issues.info} info; busiest day ${ing.busiestDay.day} with ${ing.busiestDay.events} events`
      + `${ing.busyDaysSkipped > 0 ? `; ${ing.busyDaysSkipped} days too busy for similarity linking` : ''}`);
    console.log(`    lower bound (not throughline): papaparse row by row + one bare event object per row, nothing read, ordered or linked: ${fmt(bare.bareMs / 1000, 3)} s = ${fmt(bare.bareMs / papa.parseMs, 2)}× papaparse alone (${fmtInt(bare.objects)} objects)`);
  }

  console.log('\nAnalytics: analyse() on the merged timeline (grid, gaps, sightings, patterns, referrals, network, episodes, balance, timing)');
  for (const { set, analyse: an } of runs) {
    console.log(`${pad(sizeLabel(set.rows), 5)}: ${pad(fmt(an.analyseMs / 1000, 3), 7)} s (best of ${an.reps}), ${fmtInt(set.rows / (an.analyseMs / 1000))} events/s, ${an.patterns} pattern findings, ${fmtInt(an.referrals)} referrals, peak RSS ${fmtInt(mbOfKb(an.maxRssKb))} MB (ingest and merge included)`);
  }
  console.log('What each agency knew (agencyKnowledge, its share of analyse):');
  for (const { set, analyse: an } of runs) {
    console.log(`${pad(sizeLabel(set.rows), 5)}: ${pad(fmt(an.knowledgeMs / 1000, 3), 7)} s (${fmt(an.knowledgeReadBackMs / 1000, 3)} s read back from JSON), ${fmtInt(an.incidents)} incidents, ${fmtInt(an.decisions)} decision points, ${fmt(an.knowledgeBytes / MB, 2)} MB of JSON; `
      + `its floor: the decision words looked for in every record's text ${fmt(an.decisionWordsMs / 1000, 3)} s, the ${fmtInt(an.decisionHolding)} records holding them read against the decision rules ${fmt(an.decisionRulesMs / 1000, 3)} s `
      + `(together ${fmt((an.decisionWordsMs + an.decisionRulesMs) / 1000, 3)} s), the answer's ${fmtInt(an.answerObjects)} objects made again from their own fields ${fmt(an.answerMs / 1000, 3)} s; `
      + `that text (${fmtInt(an.textChars)} characters) merely read ${fmt(an.textReadMs / 1000, 3)} s`);
  }

  console.log('\nDiagrams: renderTimeline on the merged timeline (SVG)');
  for (const { set, render } of runs) {
    if (render) console.log(`${pad(sizeLabel(set.rows), 5)}: ${fmt(render.renderMs / 1000, 3)} s, ${fmt(render.svgBytes / MB, 2)} MB of SVG${render.aggregated ? ' (density strips)' : ' (a mark per record)'}`);
  }
  console.log(`\nRoot cause analysis: analyseRca on ${fmtInt(rca.causes)} causes / ${fmtInt(rca.edges)} edges (layered DAG): ${fmt(rca.analyseMs / 1000, 3)} s `
    + `(validation, roots, exact path count ${rca.pathCount.length > 12 ? `${rca.pathCount.slice(0, 6)}… (${rca.pathCount.length} digits)` : rca.pathCount}, leverage, lint), built in ${fmt(rca.buildMs / 1000, 3)} s; `
    + `a graph with ${rca.widePathCount} (= 2^60) paths counted in ${fmt(rca.wideMs / 1000, 3)} s; peak RSS ${fmtInt(mbOfKb(rca.maxRssKb))} MB`);

  if (withCli) {
    console.log('\nCLI end to end: node bin/throughline.js merge <6 files> --agency … --format F --out X (no node flags; time from spawn to exit)');
    for (const { set, cli } of runs) {
      for (const c of cli) {
        const rss = c.maxRssKb === null ? 'peak RSS n/a' : `peak RSS ${fmtInt(mbOfKb(c.maxRssKb))} MB`;
        const spread = c.runs.length > 1 ? ` (median of ${c.runs.map((x) => fmt(x, 2)).join(', ')})` : '';
        console.log(`${pad(sizeLabel(set.rows), 5)} → ${c.format.toUpperCase().padEnd(4)} ${c.status === 0 ? 'ok  ' : `EXIT ${c.status}`} ${pad(fmt(c.seconds, 2), 7)} s${spread}, ${pad(fmt(c.outBytes / MB, 1), 7)} MB written, ${rss}; ${c.check}`);
        if (c.status !== 0) console.log(`        stderr: ${c.stderr.split('\n').slice(0, 6).join('\n        ')}`);
      }
    }
  }

  // Targets.
  console.log('\nTargets');
  const big = runs.find((r) => r.set.rows === 1_000_000);
  const mid = runs.find((r) => r.set.rows === 100_000);
  const line = (status: string, text: string): void => console.log(`${status.padEnd(5)} ${text}`);
  if (big) {
    const ratio = big.ingest.totalMs / big.papa.parseMs;
    line(ratio <= TARGET_RATIO ? 'PASS' : 'MISS', `1M rows ingest+merge within ${TARGET_RATIO}× papaparse alone: ${fmt(ratio, 2)}× (${fmt(big.ingest.totalMs / 1000, 2)} s vs ${fmt(big.papa.parseMs / 1000, 2)} s)`);
    line(ratio <= CEILING_RATIO ? 'PASS' : 'MISS', `1M rows ingest+merge never worse than ${CEILING_RATIO}× papaparse alone: ${fmt(ratio, 2)}×`);
    const withDecode = big.ingest.totalMs / (big.papa.parseMs + big.papa.decodeMs);
    line('info', `  (ingest+merge includes UTF-8 decoding, the floor does not; against decode + papaparse it is ${fmt(withDecode, 2)}×)`);
    const bare = big.bare.bareMs / big.papa.parseMs;
    const decode = big.papa.decodeMs / big.papa.parseMs;
    line('info', `  (lower bound: papaparse row by row + one bare event object per row is ${fmt(bare, 2)}× papaparse alone, and decoding ${fmt(decode, 2)}× more: ${fmt(bare + decode, 2)}× before any date is read or any event ordered or linked)`);
    const rss = mbOfKb(big.ingest.maxRssKb);
    line(rss <= TARGET_RSS_MB ? 'PASS' : 'MISS', `1M rows ingest+merge peak RSS at most ${fmtInt(TARGET_RSS_MB)} MB: ${fmtInt(rss)} MB`);
  } else {
    line('n/a', '1M rows ingest+merge ratio and peak RSS (1M not in --sizes)');
  }
  if (withCli && mid) {
    const json = mid.cli.find((c) => c.format === 'json')!;
    line(json.status === 0 && json.seconds < TARGET_CLI_100K_S ? 'PASS' : 'MISS', `100k rows CLI merge to JSON under ${TARGET_CLI_100K_S} s: ${fmt(json.seconds, 2)} s, median of ${json.runs.length} (exit ${json.status})`);
  } else {
    line('n/a', `100k rows CLI merge to JSON under ${TARGET_CLI_100K_S} s (${withCli ? '100k not in --sizes' : '--no-cli'})`);
  }
  if (withCli && big) {
    for (const c of big.cli) {
      const ok = c.status === 0 && !c.check.startsWith('truncated') && c.outBytes > 0;
      line(ok ? 'PASS' : 'MISS', `1M rows CLI merge to ${c.format.toUpperCase()} completes: exit ${c.status}, ${fmt(c.seconds, 2)} s, ${fmt(c.outBytes / MB, 1)} MB, ${c.check}`);
    }
  } else {
    line('n/a', `1M rows CLI merge to JSON and CSV (${withCli ? '1M not in --sizes' : '--no-cli'})`);
  }
  if (big) {
    const s = big.analyse.analyseMs / 1000;
    line(s < TARGET_ANALYSE_1M_S ? 'PASS' : 'MISS', `1M events analyse under ${TARGET_ANALYSE_1M_S} s: ${fmt(s, 2)} s`);
  } else {
    line('n/a', `1M events analyse under ${TARGET_ANALYSE_1M_S} s (1M not in --sizes)`);
  }
  if (big) {
    const s = big.analyse.knowledgeMs / 1000;
    line(s < TARGET_KNOWLEDGE_1M_S ? 'PASS' : 'MISS', `1M events: what each agency knew adds under ${TARGET_KNOWLEDGE_1M_S} s to analyse: ${fmt(s, 2)} s`);
    const an = big.analyse;
    line('info', `  (its floor: the decision words in every record ${fmt(an.decisionWordsMs / 1000, 2)} s + the records holding them against the rules ${fmt(an.decisionRulesMs / 1000, 2)} s `
      + `+ the answer's objects ${fmt(an.answerMs / 1000, 2)} s = ${fmt((an.decisionWordsMs + an.decisionRulesMs + an.answerMs) / 1000, 2)} s before any incident or fact is worked out)`);
  } else {
    line('n/a', `1M events: what each agency knew adds under ${TARGET_KNOWLEDGE_1M_S} s (1M not in --sizes)`);
  }
  if (big && mid) {
    const growth = big.analyse.analyseMs / mid.analyse.analyseMs;
    line(growth <= LINEAR_RATIO_MAX ? 'PASS' : 'MISS', `analyse grows linearly from 100k to 1M: ${fmt(growth, 2)}× the time for 10× the events (linear = 10×, counted linear up to ${LINEAR_RATIO_MAX}×)`);
  }
  const small = runs.find((r) => r.set.rows === 10_000)?.render;
  if (small) line(small.renderMs / 1000 < TARGET_RENDER_10K_S ? 'PASS' : 'MISS', `10k-event timeline rendered under ${TARGET_RENDER_10K_S} s: ${fmt(small.renderMs / 1000, 3)} s`);
  const midRender = mid?.render;
  if (midRender) {
    line(midRender.renderMs / 1000 < TARGET_RENDER_100K_S && midRender.svgBytes / MB < TARGET_RENDER_100K_MB ? 'PASS' : 'MISS',
      `100k-event timeline rendered under ${TARGET_RENDER_100K_S} s and ${TARGET_RENDER_100K_MB} MB: ${fmt(midRender.renderMs / 1000, 3)} s, ${fmt(midRender.svgBytes / MB, 2)} MB`);
  }
  line(rca.analyseMs < 1000 ? 'PASS' : 'MISS', `RCA on 10k causes / 50k edges: validation and path counting under 1 s: ${fmt(rca.analyseMs / 1000, 3)} s`);
  line(BigInt(rca.widePathCount) > 10n ** 15n ? 'PASS' : 'MISS', `RCA counts more than 10^15 paths exactly without enumerating: ${rca.widePathCount} in ${fmt(rca.wideMs / 1000, 3)} s`);
  console.log('(Ingest+merge growth with size is shown for information; linear growth is a target for analyse only.)');
  if (!values['no-server']) await runServerBench();
  if (!values['no-app']) await runAppBench();
}

/** The web app at 10k events in Chromium (bench/app.ts). */
async function runAppBench(): Promise<void> {
  console.log('\nThe web app in Chromium (bench/app.ts):');
  const r = await benchApp((l) => console.log(`  ${l}`));
  console.log('| measure | figure | goal |\n| --- | --- | --- |');
  for (const l of appReport(r)) console.log(l);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === SELF) await main();

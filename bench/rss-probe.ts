/**
 * Preloaded into the CLI by the benchmark (`node --import …/rss-probe.js bin/throughline.js …`):
 * writes the process's peak RSS (KB) to the file THROUGHLINE_BENCH_RSS_FILE names when it exits,
 * and nothing else. A module of its own, so the CLI is timed with nothing of the benchmark's loaded
 * beside it (preloading bench/run.js itself loaded papaparse, the whole library and the browser
 * driver first: about a second of every CLI run measured).
 */
import { writeFileSync } from 'node:fs';

const probeFile = process.env['THROUGHLINE_BENCH_RSS_FILE'];
if (probeFile) process.on('exit', () => writeFileSync(probeFile, String(process.resourceUsage().maxRSS)));

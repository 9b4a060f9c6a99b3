/** `throughline rca`: read a cause graph (JSON, why-chain text or fishbone CSV), analyse it, report. */
import { analyseRca, type FrameworkLike } from '../rca/analyse.js';
import { categoryOf, frameworkByName, validateFramework, type Framework } from '../rca/frameworks.js';
import { causeGraphToJson } from '../rca/json.js';
import { causeGraphFormatOf, readCauseGraph } from '../rca/read.js';
import type { RcaIssue, ReadGraph } from '../rca/issues.js';
import type { CauseGraph } from '../rca/model.js';
import { rcaMarkdownChunks } from '../export/rca.js';
import { timelineFromJson } from '../timeline/read.js';
import { outputFormat, UsageError, writeChunks } from './io.js';
import { parseCommand } from './args.js';
import { count } from '../model/words.js';

export const RCA_HELP = `Usage: throughline rca <graph.json|chain.txt|fishbone.csv> [options]

Analyses a root cause analysis held as a cause graph: validation (unknown references,
self-loops, cycles, causes leading to no problem, evidence not in the chronology), root causes,
every causal path (counted exactly), leverage, unconfirmed and refuted causes, actions (root
causes without one, symptom-only actions, weak-only plans), depth, the five rules for causal
statements, and the framework's categories with no cause.

Options:
  --timeline FILE     the merged chronology (throughline merge --format json) the evidence cites
  --framework NAME    npsa, london-protocol, seips, safeguarding or signs-of-safety, or a JSON file
  --paths N           list at most N paths per problem (default 50; all are counted)
  --graph-out FILE    also write the cause graph as JSON (e.g. to turn a why-chain into JSON)
  --format FORMAT     json or md (default: from --out's extension, else md)
  -o, --out FILE      write to FILE instead of standard output
  -h, --help          show this help

Exit status: 0 the graph is valid; 1 validation found errors (the report lists them) or an
input could not be read; 2 the command line is wrong.`;

/** A cause graph from a file: graph JSON, fishbone CSV/TSV, or why-chain text (anything else). */
export function readCauseGraphFile(path: string, read: (p: string) => Uint8Array): ReadGraph<CauseGraph> {
  return readCauseGraph(causeGraphFormatOf(path), read(path), path);
}

function frameworkFor(spec: string, readJson: (p: string, what: string) => unknown): FrameworkLike {
  const framework: Framework | undefined = frameworkByName(spec) ?? (spec.toLowerCase().endsWith('.json') ? validateFramework(readJson(spec, 'framework'), spec) : undefined);
  if (!framework) throw new UsageError(`--framework ${spec}: expected npsa, london-protocol, seips, safeguarding, signs-of-safety or a JSON file`);
  return { id: framework.id, name: framework.name, categories: framework.categories, categoryOf: (text) => categoryOf(framework, text) };
}

const RCA_OPTIONS = {
  timeline: { type: 'string' }, framework: { type: 'string' }, paths: { type: 'string' }, 'graph-out': { type: 'string' },
  format: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' },
} as const;

export async function runRca(argv: string[], io: { readBytes: (p: string) => Uint8Array; readJson: (p: string, what: string) => unknown }): Promise<number> {
  const { values, positionals } = parseCommand('rca', argv, RCA_OPTIONS, RCA_HELP);
  if (values.help) { process.stdout.write(`${RCA_HELP}\n`); return 0; }
  if (positionals.length !== 1) throw new UsageError('rca needs one input: a graph .json, a why-chain .txt or a fishbone .csv (throughline rca --help)');
  const format = outputFormat(values.format, values.out, ['json', 'md']);
  const pathLimit = values.paths === undefined ? undefined : Number(values.paths);
  if (pathLimit !== undefined && !(Number.isInteger(pathLimit) && pathLimit >= 0)) throw new UsageError(`--paths ${values.paths}: expected a whole number`);
  const framework = values.framework ? frameworkFor(values.framework, io.readJson) : undefined;
  const timeline = values.timeline ? timelineFromJson(io.readJson(values.timeline, 'merged timeline'), values.timeline) : undefined;
  const { graph, issues } = readCauseGraphFile(positionals[0]!, io.readBytes);
  const report = analyseRca(graph, { ...(timeline ? { timeline } : {}), ...(framework ? { framework } : {}), ...(pathLimit !== undefined ? { pathLimit } : {}) });
  // Problems in the file come first: they explain what is missing from the graph.
  const all: RcaIssue[] = [...issues, ...report.validation];
  const full = { ...report, validation: all, errors: all.filter((i) => i.severity === 'error').length };
  if (values['graph-out']) await writeChunks([`${JSON.stringify(causeGraphToJson(graph), null, 1)}\n`], values['graph-out']);
  await writeChunks(format === 'json' ? [`${JSON.stringify(full, null, 1)}\n`] : rcaMarkdownChunks(full, graph), values.out);
  const problems = report.problems.length === 0 ? 'no problem' : report.problems.map((p) => `${p.problem}: ${count(p.rootCauseCount, 'root cause')}, ${count(p.pathCount, 'path')}`).join('; ');
  process.stderr.write(`throughline: ${count(report.counts.causes, 'cause')}, ${problems}; ${count(full.errors, 'error')}, ${count(report.unconfirmed.length, 'unconfirmed cause')}${values.out ? `; written to ${values.out}` : ''}\n`);
  return full.errors > 0 ? 1 : 0;
}

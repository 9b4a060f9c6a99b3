/** `throughline report`: the overview report as a Word document, or the merged chronology as an Excel workbook. */
import { analyse } from '../analytics/analyse.js';
import { validateRules } from '../analytics/rules.js';
import { validateTags } from '../analytics/balance.js';
import { parseDob, validateEpisodes } from '../ingest/arguments.js';
import { ThroughlineError } from '../model/errors.js';
import { adviseReviewModel, validateCaseFacts, type ReviewModelAdvice } from '../review/models.js';
import { validateFindings } from '../review/findings.js';
import { validateSalfordRecord } from '../review/salford.js';
import { analyseRca } from '../rca/analyse.js';
import { causeGraphFromJson, causeGraphToJson } from '../rca/json.js';
import { overviewReportDocx } from '../export/report.js';
import { chronologyXlsx } from '../export/xlsx.js';
import { readGlossary } from '../review/glossary.js';
import { childNames, MERGE_OPTIONS, publication, readBytes, readJson, timelineFromArguments } from './inputs.js';
import { readCauseGraphFile } from './rca.js';
import { outputFormat, UsageError, writeChunks } from './io.js';
import { parseCommand } from './args.js';
import { count } from '../model/words.js';
import { version } from './version.js';

export const REPORT_HELP = `Usage: throughline report <files…|merged.json> [merge's options] --format docx|xlsx -o FILE

The overview report as a Word document (docx): title page, terms of reference and scope,
methodology and why, the merged chronology as a table (dates as written, agency, event, source),
the diagrams (SVG with a PNG fallback), key practice episodes, findings, recommendations with
owners and dates, the Salford case discussion, and a glossary of abbreviations. Or the merged
chronology as an Excel workbook (xlsx), one sheet per view.

Options:
  (merge's options, when agency files are given: --agency, --profile, --from, --to, …)
  --title TEXT       the review's title (default: "Practice review")
  --child NAMES      the child's names as records write them (as for analyse)
  --dob DATE         the child's date of birth
  --episodes FILE    key practice episodes (as for analyse)
  --tags FILE        the reviewer's tags (as for analyse)
  --rules FILE       analysis rules (as for analyse)
  --model FILE       the model chosen and why: throughline choose … --model M --why TEXT --format json
  --findings FILE    findings and recommendations (JSON: { "graph"?, "findings", "recommendations" })
  --salford FILE     the Salford case discussion (JSON, as the workspace keeps it)
  --rca FILE         the root cause analysis: a cause graph .json, a why-chain .txt or a fishbone .csv
  --glossary FILE    the review's glossary: its abbreviations make the report's glossary
  --anonymise        publish it anonymised (see throughline merge --help)
  --format FORMAT    docx or xlsx (default: from --out's extension)
  -o, --out FILE     the file to write (needed: these are binary files)
  -h, --help         show this help`;

const REPORT_OPTIONS = {
  ...MERGE_OPTIONS, title: { type: 'string' }, child: { type: 'string', multiple: true }, dob: { type: 'string' }, episodes: { type: 'string' },
  tags: { type: 'string' }, rules: { type: 'string' }, model: { type: 'string' }, findings: { type: 'string' }, salford: { type: 'string' }, rca: { type: 'string' },
} as const;

/** The chosen model recorded by `throughline choose --format json`, checked again by the guide. */
function modelFile(path: string): ReviewModelAdvice {
  const value = readJson(path, 'review model') as { facts?: unknown; chosen?: { id?: unknown; why?: unknown } };
  if (typeof value !== 'object' || value === null || typeof value.chosen?.id !== 'string' || typeof value.chosen.why !== 'string') {
    throw new ThroughlineError('model-choice-invalid', `${path}: expected the JSON of throughline choose … --model MODEL --why TEXT --format json (a "chosen" model with "why")`, path);
  }
  return adviseReviewModel(validateCaseFacts(value.facts ?? {}, path), { model: value.chosen.id, why: value.chosen.why });
}

/** Today as yyyy-mm-dd in local time: the day a recommendation without history is recorded. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export async function runReport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('report', argv, REPORT_OPTIONS, REPORT_HELP);
  if (values.help) { process.stdout.write(`${REPORT_HELP}\n`); return 0; }
  if (values.out === undefined) throw new UsageError('report needs --out FILE (a .docx or .xlsx): these are binary files');
  if (values.format === undefined && !/\.(docx|xlsx)$/i.test(values.out)) throw new UsageError(`--out ${values.out}: give --format docx or xlsx, or a file ending .docx or .xlsx`);
  const format = outputFormat(values.format, values.out, ['docx', 'xlsx']);
  const rules = values.rules ? validateRules(readJson(values.rules, 'rules'), values.rules) : undefined;
  const episodes = values.episodes ? validateEpisodes(readJson(values.episodes, 'episodes'), values.episodes) : [];
  const tags = values.tags ? validateTags(readJson(values.tags, 'tags'), values.tags) : undefined;
  const model = values.model ? modelFile(values.model) : undefined;
  const findings = values.findings ? validateFindings(readJson(values.findings, 'findings'), values.findings, today()) : undefined;
  const salford = values.salford ? validateSalfordRecord(readJson(values.salford, 'Salford case discussion'), values.salford) : undefined;
  const rca = values.rca ? readCauseGraphFile(values.rca, readBytes) : undefined;
  if (rca) for (const i of rca.issues.filter((x) => x.severity === 'error')) process.stderr.write(`throughline: ${values.rca}${i.line ? `:${i.line}` : ''}: ${i.message}\n`);
  const { publish, say, glossary } = publication(values);
  const original = await timelineFromArguments(values, positionals, 'report');
  const analysis = analyse(original, { ...(rules ? { rules } : {}), child: childNames(values.child), ...(values.dob !== undefined ? { dob: parseDob(values.dob) } : {}), episodes, ...(tags ? { tags } : {}) });
  // The policy's words in the model advice name no one: only the choice's own words are published through the glossary.
  const [timeline, analysed, chosen, published, discussion, graphJson, title] = publish(original, analysis, model?.chosen ?? null, findings ?? null, salford ?? null, rca ? causeGraphToJson(rca.graph) : null, values.title ?? 'Practice review');
  const graph = graphJson ? causeGraphFromJson(graphJson, values.rca!).graph : undefined;
  const bytes = format === 'xlsx'
    ? await chronologyXlsx(timeline, analysed)
    : await overviewReportDocx({
      title, timeline, analysis: analysed, anonymised: values.anonymise === true, version: version(),
      ...(model ? { model: { ...model, chosen: chosen! } } : {}), ...(published ? { findings: published } : {}), ...(discussion ? { salford: discussion } : {}),
      ...(graph ? { rca: { graph, report: analyseRca(graph) } } : {}),
      ...(glossary ?? values.glossary ? { glossary: glossary ?? readGlossary(readBytes(values.glossary!), values.glossary!) } : {}),
    });
  await writeChunks([bytes], values.out);
  process.stderr.write(say(`throughline: ${format === 'docx' ? 'overview report' : 'chronology workbook'} of ${count(timeline.stats.events, 'record')}${values.anonymise ? ', anonymised' : ''}; written to ${values.out}\n`));
  return 0;
}

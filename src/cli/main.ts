/**
 * The `throughline` command. Argument parsing and file I/O around the pure core; nothing clever
 * lives here. Exit status: 0 done, 1 the input has errors the user must fix, 2 bad usage.
 */
import { readdirSync } from 'node:fs';
import { join, relative as pathRelative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isThroughlineError } from '../model/errors.js';
import { childNames, InputFailures, linkRulesOption, MERGE_OPTIONS, mergeFromArguments, periodOption, publication, readBytes, readJson, timelineFromArguments } from './inputs.js';
import { timelineCsvChunks, timelineJsonChunks, timelineMarkdownChunks } from '../export/index.js';
import { analysisJsonChunks, analysisMarkdownChunks } from '../export/analysis.js';
import { analyse } from '../analytics/analyse.js';
import { validateRules } from '../analytics/rules.js';
import { parseDob, validateEpisodes } from '../ingest/arguments.js';
import { validateTags } from '../analytics/balance.js';
import { UsageError, writeChunks, outputFormat } from './io.js';
import { parseCommand, unknownChoice } from './args.js';
import { count } from '../model/words.js';
import { version } from './version.js';

const MAIN_HELP = `throughline — merge agency chronologies into one traceable multi-agency timeline

Usage: throughline <command> [options]

Commands:
  demo      merge the bundled demo case (six fictional agency files) — takes merge's options
  merge     ingest agency chronology files and write one merged chronology
  analyse   who was involved when, gaps (when no agency saw the child), patterns, referrals,
            information sharing, key practice episodes and balance
  rca       analyse a root cause analysis: a cause graph (JSON), why-chain text or fishbone CSV
  render    diagrams for the overview report as Office-safe SVG (timeline, heatmap, whys,
            fishbone, causes)
  report    the overview report as a Word document (docx), or the chronology as a workbook (xlsx)
  choose    which review model fits the case (the policy's eight), with its reasons, and the
            model chosen and why
  help      show help for a command (throughline help merge)

Options:
  -h, --help     show help
  -v, --version  show the version

Exit status: 0 done; 1 the input has errors you must fix (nothing is written);
2 the command line is wrong.`;

const MERGE_HELP = `Usage: throughline merge <files…> [options]

Reads each agency's chronology (CSV/TSV, any common encoding and delimiter), merges them into
one chronology in date order, links the events several agencies recorded, and reports every
row it could not use with its file and line.

Options:
  --agency NAME=FILE       the agency for FILE (otherwise a profile, an agency column or the
                           file name decides); FILE is added to the inputs if not listed
  --profile FILE           a per-agency profile (JSON; see README); repeatable. A file's folder
                           may hold its own, throughline.profile.json, read first
  --from DATE              start of the review scope (e.g. 01/01/2021, 2021)
  --to DATE                end of the review scope (e.g. 31/12/2022, 2022 = to 31/12/2022)
  --include-out-of-scope   keep events outside the scope, marked, instead of excluding them
  --date-order ORDER       day-first or month-first for every file (default: detected per file)
  --agency-order LIST      agencies to put first on the same date, comma-separated
  --link-rules FILE        cross-agency link rules (JSON; default: the shipped rules)
  --glossary FILE          the review's glossary: a CSV with name and pseudonym columns (and kind:
                           person, abbreviation or "not a name")
  --anonymise              publish anonymised: every person the glossary names replaced by their
                           pseudonym, everywhere; refused while the output holds a word that looks
                           like a name and the glossary does not decide (each listed with where)
  --format FORMAT          json, csv or md (default: from --out's extension, else md)
  -o, --out FILE           write to FILE instead of standard output
  --strict                 exit 1 when any row could not be used
  -h, --help               show this help

Examples:
  throughline merge fixtures/demo/*.csv --format md
  throughline merge police.csv gp.csv --agency "Children's Social Care=csc.csv" --from 2021 --to 2022 --out merged.json`;

const ANALYSE_HELP = `Usage: throughline analyse <files…|merged.json> [options]

Answers a reviewer's first questions about a merged chronology, every finding citing its records
(event ids, identical to merge's, with file and line).

Options:
  (merge's options, when agency files are given: --agency, --profile, --from, --to, …;
  --link-rules also gives the meetings rules' {meeting} stands for; --glossary and --anonymise
  publish the chronology and the analysis anonymised, also from a merged .json)
  --child NAMES       the child's names as records write them, e.g. --child "L,Lacey" (rules use {child});
                      without it the names are inferred from the returns (subjects column, "Child X",
                      names said to be seen) and every not-seen finding is marked provisional
  --dob DATE          date of birth (e.g. 14/08/2019): the child's age at each record
  --period PERIOD     week, month (default) or quarter for the involvement grid
  --rules FILE        analysis rules (JSON; default: the shipped rules; see README)
  --episodes FILE     key practice episodes: [{ "title", "from", "to" }]
  --tags FILE         the reviewer's tags: { "event-id": "good" | "missed" | "incident" } (or a list):
                      good practice, missed opportunities, incidents to follow in "what each agency knew"
  --format FORMAT     json or md (default: from --out's extension, else md)
  -o, --out FILE      write to FILE instead of standard output
  -h, --help          show this help

Examples:
  throughline analyse fixtures/demo/*.csv --child L,Lacey --dob 14/08/2019
  throughline merge … --out merged.json && throughline analyse merged.json --format json --out analysis.json`;

const DEMO_HELP = `Usage: throughline demo [options]

Merges the bundled demo case, six fictional agency files in fixtures/demo, exactly as
throughline merge fixtures/demo/*.csv does (the folder's own throughline.profile.json names
the agency its CSC file name cannot give).

Options: merge's (throughline merge --help), for example
  --format FORMAT   json, csv or md (default: from --out's extension, else md)
  -o, --out FILE    write to FILE instead of standard output
  -h, --help        show this help`;

const MERGE_COMMAND_OPTIONS = { ...MERGE_OPTIONS, strict: { type: 'boolean' } } as const;

async function runMerge(argv: string[], command = 'merge', help = MERGE_HELP): Promise<number> {
  const { values, positionals } = parseCommand(command, argv, MERGE_COMMAND_OPTIONS, help);
  if (values.help) { process.stdout.write(`${help}\n`); return 0; }
  const format = outputFormat(values.format, values.out, ['json', 'csv', 'md']);
  const { publish } = publication(values);
  const [timeline] = publish(await mergeFromArguments(values, positionals, command));
  const chunks = format === 'json' ? timelineJsonChunks(timeline) : format === 'csv' ? timelineCsvChunks(timeline) : timelineMarkdownChunks(timeline);
  await writeChunks(chunks, values.out);
  const s = timeline.stats;
  process.stderr.write(`throughline: ${count(s.events, 'event')} from ${count(s.files, 'file')} (${count(s.agencies, 'agency', 'agencies')}); ${count(s.unusable, 'row')} unusable, ${s.outOfScope} out of scope, ${count(s.linkedGroups, 'cross-agency link')}, ${count(s.references, 'record')} reporting an earlier event; issues: ${count(s.issues.error, 'error')}, ${count(s.issues.warning, 'warning')}${values.out ? `; written to ${values.out}` : ''}\n`);
  return values.strict && s.unusable > 0 ? 1 : 0;
}

const ANALYSE_OPTIONS = {
  ...MERGE_OPTIONS, rules: { type: 'string' }, child: { type: 'string', multiple: true }, dob: { type: 'string' },
  period: { type: 'string' }, episodes: { type: 'string' }, tags: { type: 'string' },
} as const;

async function runAnalyse(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('analyse', argv, ANALYSE_OPTIONS, ANALYSE_HELP);
  if (values.help) { process.stdout.write(`${ANALYSE_HELP}\n`); return 0; }
  const format = outputFormat(values.format, values.out, ['json', 'md']);
  const period = periodOption(values.period);
  const rules = values.rules ? validateRules(readJson(values.rules, 'rules'), values.rules) : undefined;
  const episodes = values.episodes ? validateEpisodes(readJson(values.episodes, 'episodes'), values.episodes) : [];
  const tags = values.tags ? validateTags(readJson(values.tags, 'tags'), values.tags) : undefined;
  const meetings = linkRulesOption(values['link-rules'])?.meetings.map((m) => m.pattern);
  const { publish, say } = publication(values);
  const original = await timelineFromArguments(values, positionals, 'analyse');
  // The analysis reads the records as written (the child's names, the rules' words); what is published is anonymised after.
  const [timeline, analysis] = publish(original, analyse(original, { rules, child: childNames(values.child), dob: values.dob !== undefined ? parseDob(values.dob) : undefined, period, episodes, tags, ...(meetings ? { meetings } : {}) }));
  await writeChunks(format === 'json' ? analysisJsonChunks(analysis) : analysisMarkdownChunks(analysis, timeline), values.out);
  const notSeen = analysis.gaps.childNotSeen[0];
  const inferred = analysis.child.found.filter((n) => n.how.every((h) => h !== 'given' && h !== 'rules')).map((n) => n.name);
  const provisional = analysis.child.confirmed ? '' : ` (provisional: the child's name ${inferred.length > 0 ? `inferred as ${inferred.join(', ')}` : 'not found'}; give --child to confirm)`;
  process.stderr.write(say(`throughline: analysed ${count(timeline.stats.events, 'event')}; ${count(analysis.patterns.length, 'pattern')}, ${count(analysis.referrals.filter((r) => r.noTimelyResponse).length, 'referral')} without a timely response${notSeen ? `, longest period the child was not seen: ${count(notSeen.days, 'day')}${provisional}` : ''}${values.out ? `; written to ${values.out}` : ''}\n`));
  return 0;
}

/** The bundled demo case: every CSV in fixtures/demo (the folder's profile is read with them). */
function demoFiles(): string[] {
  const dir = fileURLToPath(new URL('../../../fixtures/demo/', import.meta.url));
  const relative = pathRelative(process.cwd(), dir) || '.';
  return readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => join(relative, f));
}

const COMMANDS = ['demo', 'merge', 'analyse', 'rca', 'render', 'report', 'choose', 'help'];
/**
 * The commands whose code is loaded only when they run (or their help is asked for): their
 * diagrams, documents and cause graphs (Plot, d3, the Word and Excel writers) would otherwise cost
 * every `merge` and `analyse` about half a second of start-up.
 */
const rca = () => import('./rca.js');
const render = () => import('./render.js');
const choose = () => import('./choose.js');
const report = () => import('./report.js');
const HELP: Record<string, () => string | Promise<string>> = {
  demo: () => DEMO_HELP, merge: () => MERGE_HELP, analyse: () => ANALYSE_HELP, analyze: () => ANALYSE_HELP, help: () => MAIN_HELP,
  rca: async () => (await rca()).RCA_HELP, render: async () => (await render()).RENDER_HELP,
  choose: async () => (await choose()).CHOOSE_HELP, report: async () => (await report()).REPORT_HELP,
};


export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
        process.stdout.write(`${MAIN_HELP}\n`);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        process.stdout.write(`${version()}\n`);
        return 0;
      case 'help':
        if (rest[0] !== undefined && !Object.hasOwn(HELP, rest[0])) throw unknownChoice('command', rest[0], COMMANDS, MAIN_HELP);
        process.stdout.write(`${await HELP[rest[0] ?? 'help']!()}\n`);
        return 0;
      case 'merge':
        return await runMerge(rest);
      case 'analyse':
      case 'analyze':
        return await runAnalyse(rest);
      case 'rca':
        return await (await rca()).runRca(rest, { readBytes, readJson });
      case 'render':
        return await (await render()).runRender(rest);
      case 'report':
        return await (await report()).runReport(rest);
      case 'choose':
        return await (await choose()).runChoose(rest, { readJson });
      case 'demo':
        return await runMerge([...demoFiles(), ...rest], 'demo', DEMO_HELP);
      default:
        throw unknownChoice('command', command, COMMANDS, MAIN_HELP);
    }
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`throughline: ${e.message}\n`); return 2; }
    if (e instanceof InputFailures) {
      for (const f of e.failures) process.stderr.write(`throughline: ${f.message}\n`);
      process.stderr.write(`throughline: nothing was written: ${e.failures.length === 1 ? 'this file needs' : `these ${e.failures.length} files need`} fixing or removing\n`);
      return 1;
    }
    if (isThroughlineError(e)) { process.stderr.write(`throughline: ${e.message}\n`); return 1; }
    throw e;
  }
}

/** `throughline choose`: which review model fits this case, in the policy's own words, and the model chosen and why. */
import { adviseReviewModel, FACT_QUESTIONS, resolveModel, validateCaseFacts, type CaseFacts, type FactId } from '../review/models.js';
import { reviewModelMarkdown } from '../export/models.js';
import { outputFormat, UsageError, writeChunks } from './io.js';
import { parseCommand, type OptionSpec } from './args.js';

/** `seriousConcerns` → `--serious-concerns`. */
const optionName = (id: FactId): string => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const CHOOSE_HELP = `Usage: throughline choose [facts] [options]

Weighs the partnership policy's eight review models (Appreciative Inquiry, reflective learning
session, Salford Case Discussion Tool, Individual Agency Review, multi-agency audit, peer review,
Root Cause Analysis, traditional Child Safeguarding Practice Review) against the facts of the
case: each model recommended, possible, not indicated or not advised, every reason quoted from
the policy, and the drawbacks to guard against. A fact not given is not guessed.

Facts (each optional; yes or no unless said):
${FACT_QUESTIONS.map((q) => `  --${optionName(q.id)} ${q.type === 'count' ? 'N' : 'yes|no'}\n        ${q.question}`).join('\n')}
  --facts FILE              the facts as JSON ({ "agencies": 5, "seriousConcerns": true, … });
                            the options above override it

Options:
  --model MODEL   the model chosen (its id or name), recorded with --why
  --why TEXT      why it was chosen (needed with --model)
  --format FORMAT json or md (default: from --out's extension, else md)
  -o, --out FILE  write to FILE instead of standard output
  -h, --help      show this help

Example:
  throughline choose --agencies 6 --serious-concerns yes --national-lessons yes --independence yes
  throughline choose --facts case.json --model cspr --why "Serious concerns about four agencies" -o model.json`;

const FACT_OPTIONS = Object.fromEntries(FACT_QUESTIONS.map((q) => [optionName(q.id), { type: 'string' } satisfies OptionSpec])) as Record<string, OptionSpec>;
const CHOOSE_OPTIONS = {
  ...FACT_OPTIONS, facts: { type: 'string' }, model: { type: 'string' }, why: { type: 'string' },
  format: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' },
} as const;

/** The facts the options give, each read as its kind (`yes`/`no`, or a whole number of agencies). */
function factsFromOptions(values: Record<string, unknown>): CaseFacts {
  const facts: Record<string, unknown> = {};
  for (const q of FACT_QUESTIONS) {
    const raw = values[optionName(q.id)];
    if (typeof raw !== 'string') continue;
    const v = raw.trim().toLowerCase();
    if (q.type === 'count') {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${optionName(q.id)} ${raw}: expected a whole number of agencies, at least 1`);
      facts[q.id] = Number(v);
    } else {
      if (!['yes', 'no', 'y', 'n', 'true', 'false'].includes(v)) throw new UsageError(`--${optionName(q.id)} ${raw}: expected yes or no`);
      facts[q.id] = v === 'yes' || v === 'y' || v === 'true';
    }
  }
  return facts as CaseFacts;
}

export async function runChoose(argv: string[], io: { readJson: (p: string, what: string) => unknown }): Promise<number> {
  const { values, positionals } = parseCommand('choose', argv, CHOOSE_OPTIONS, CHOOSE_HELP);
  if (values.help) { process.stdout.write(`${CHOOSE_HELP}\n`); return 0; }
  if (positionals.length > 0) throw new UsageError(`choose takes no files (${positionals[0]}): give the facts as options or with --facts FILE (throughline choose --help)`);
  const format = outputFormat(values.format, values.out, ['json', 'md']);
  if ((values.model === undefined) !== (values.why === undefined)) throw new UsageError(values.model === undefined ? '--why needs --model: the model chosen' : '--model needs --why: a review records why its model was chosen');
  if (values.model !== undefined) {
    try { resolveModel(values.model); } catch (e) { throw new UsageError(`--model ${(e as Error).message}`); }
  }
  const fromFile = values.facts ? validateCaseFacts(io.readJson(values.facts, 'case facts'), values.facts) : {};
  const facts = { ...fromFile, ...factsFromOptions(values) };
  const advice = adviseReviewModel(facts, values.model !== undefined ? { model: values.model, why: values.why! } : undefined);
  await writeChunks([format === 'json' ? `${JSON.stringify(advice, null, 1)}\n` : reviewModelMarkdown(advice)], values.out);
  const recommended = advice.models.filter((m) => m.fit === 'recommended').map((m) => m.name);
  process.stderr.write(`throughline: ${recommended.length === 0 ? 'no model recommended on these facts' : `recommended: ${recommended.join('; ')}`}`
    + `${advice.unanswered.length > 0 ? ` (${advice.unanswered.length} of ${FACT_QUESTIONS.length} questions not answered)` : ''}`
    + `${advice.chosen ? `; chosen: ${advice.chosen.name} (${advice.chosen.fit})` : ''}${values.out ? `; written to ${values.out}` : ''}\n`);
  return 0;
}

/**
 * Reading what the command line names: agency files (ingested and merged with merge's options),
 * a saved merged timeline, JSON option files. Every failure is a coded error naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isThroughlineError, ThroughlineError } from '../model/errors.js';
import type { DateOrder, Timeline } from '../model/types.js';
import type { GridPeriod } from '../analytics/types.js';
import { validateProfiles, type AgencyProfile } from '../ingest/profile.js';
import { parseScope } from '../ingest/arguments.js';
import { inFileOrder, mergeAgencyFiles, readWorkbooks } from '../review/chronology.js';
import { validateLinkRules, type LinkRules } from '../timeline/links.js';
import { timelineFromJson } from '../timeline/read.js';
import { fileProblem, UsageError } from './io.js';
import { readGlossary, type Glossary } from '../review/glossary.js';
import { anonymiser, publishAnonymised } from '../review/anonymise.js';

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ThroughlineError('file-unreadable', `${path}: cannot read the ${what} file (${fileProblem(e)})`, path);
  }
}

export function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ThroughlineError('json-invalid', `${path}: the ${what} file is not valid JSON (${(e as Error).message})`, path);
  }
}

export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ThroughlineError('file-unreadable', `${path}: cannot read the file (${fileProblem(e)})`, path);
  }
}

export const MERGE_OPTIONS = {
  agency: { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  'include-out-of-scope': { type: 'boolean' },
  'date-order': { type: 'string' },
  'agency-order': { type: 'string' },
  'link-rules': { type: 'string' },
  glossary: { type: 'string' },
  anonymise: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type MergeValues = { [K in keyof typeof MERGE_OPTIONS]?: (typeof MERGE_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof MERGE_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

/** Raised when an input file is not a chronology: the messages are printed, nothing is written, exit 1. */
export class InputFailures extends Error {
  constructor(readonly failures: ThroughlineError[]) { super('input failures'); }
}

/** Ingests and merges the files named on the command line (CSV and the like, and Excel workbooks) with merge's options. */
export async function mergeFromArguments(values: MergeValues, positionals: readonly string[], command: string): Promise<Timeline> {
  const files = [...positionals];
  const agencyFor = new Map<string, string>();
  for (const a of values.agency ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0 || eq === a.length - 1) throw new UsageError(`--agency ${a}: expected NAME=FILE, e.g. --agency "Children's Social Care=csc.csv"`);
    const file = a.slice(eq + 1);
    agencyFor.set(file, a.slice(0, eq).trim());
    if (!files.includes(file)) files.push(file);
  }
  if (files.length === 0) throw new UsageError(`${command} needs at least one agency file (throughline ${command} --help)`);
  const dateOrder = values['date-order'];
  if (dateOrder !== undefined && dateOrder !== 'day-first' && dateOrder !== 'month-first') {
    throw new UsageError(`--date-order ${dateOrder}: expected day-first or month-first`);
  }
  const given: AgencyProfile[] = (values.profile ?? []).flatMap((p) => validateProfiles(readJson(p, 'profile'), p));
  const inFolder = new Map<string, AgencyProfile[]>();
  const profilesFor = (file: string): AgencyProfile[] => {
    const folder = dirname(file);
    if (!inFolder.has(folder)) inFolder.set(folder, folderProfiles(folder));
    return [...inFolder.get(folder)!, ...given];
  };
  const linkRules = linkRulesOption(values['link-rules']);

  // Every file is read before anything is written: one bad file means no output at all.
  const unreadable: ThroughlineError[] = [];
  const readable = files.flatMap((file) => {
    try {
      return [{ name: file, bytes: readBytes(file), agency: agencyFor.get(file), profiles: profilesFor(file), dateOrder: dateOrder as DateOrder | undefined }];
    } catch (e) {
      if (!isThroughlineError(e)) throw e;
      unreadable.push(e);
      return [];
    }
  });
  const sheets = await readWorkbooks(readable);
  unreadable.push(...sheets.failures);
  const merged = mergeAgencyFiles(sheets.files, {
    ...parseScope(values.from, values.to), includeOutOfScope: values['include-out-of-scope'] ?? false,
    agencyOrder: values['agency-order']?.split(',').map((a) => a.trim()).filter((a) => a !== ''),
    linkRules,
  });
  const failures = inFileOrder([...unreadable, ...(merged.ok ? [] : merged.failures)], files);
  if (failures.length > 0 || !merged.ok) throw new InputFailures(failures);
  return merged.timeline;
}

/** The profile file a case folder may hold for its own files, read with every file in that folder. */
export const FOLDER_PROFILE = 'throughline.profile.json';

/**
 * The profiles in a folder's `throughline.profile.json`, or none: they apply to that folder's
 * files only (their `files` globs still choose among them), before any `--profile`, which overrides.
 */
function folderProfiles(folder: string): AgencyProfile[] {
  const path = join(folder, FOLDER_PROFILE);
  return existsSync(path) ? validateProfiles(readJson(path, 'profile'), path) : [];
}

/** `--link-rules FILE`: the cross-agency link rules, checked; undefined when not given (the shipped rules apply). */
export function linkRulesOption(path: string | undefined): LinkRules | undefined {
  return path ? validateLinkRules(readJson(path, 'link rules'), path) : undefined;
}

/** `--period`: week, month (the default) or quarter. */
export function periodOption(value: string | undefined): GridPeriod {
  const period = value ?? 'month';
  if (period !== 'week' && period !== 'month' && period !== 'quarter') throw new UsageError(`--period ${period}: expected week, month or quarter`);
  return period;
}

/**
 * `--child`, given once or more, each a comma-separated list: the child's names. Empty when not
 * given: the analysis then infers the names and marks its not-seen findings provisional.
 */
export function childNames(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter((c) => c !== '');
}

/** The timeline an analysis or a diagram starts from: one saved merged .json, or agency files merged now. */
export async function timelineFromArguments(values: MergeValues, positionals: readonly string[], command: string): Promise<Timeline> {
  const fromJson = positionals.length === 1 && positionals[0]!.toLowerCase().endsWith('.json') && (values.agency ?? []).length === 0;
  if (!fromJson) return mergeFromArguments(values, positionals, command);
  if (values.from !== undefined || values.to !== undefined) {
    throw new UsageError('--from/--to apply when merging agency files; a merged .json already has its scope');
  }
  return timelineFromJson(readJson(positionals[0]!, 'merged timeline'), positionals[0]!);
}

/**
 * What is published: with `--anonymise`, every value anonymised by `--glossary` and checked for
 * names it does not decide (a coded error listing them, before anything is written), and the
 * text of the summary line passed through the same replacer; without it, the values as they are.
 */
export function publication(values: { glossary?: string; anonymise?: boolean }): { publish: <T extends readonly unknown[]>(...v: T) => T; say: (text: string) => string; glossary?: Glossary } {
  if (values.anonymise && values.glossary === undefined) throw new UsageError('--anonymise needs --glossary FILE: the people to replace (a CSV with name and pseudonym columns)');
  if (!values.anonymise) return { publish: (...v) => v, say: (text) => text };
  const glossary = readGlossary(readBytes(values.glossary!), values.glossary!);
  return { publish: (...v) => publishAnonymised(glossary, ...v), say: anonymiser(glossary), glossary };
}

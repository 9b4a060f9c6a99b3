/**
 * Fishbone category frameworks: which "bones" a cause can sit on. Sectors use different sets
 * (NPSA, London Protocol, SEIPS, a safeguarding set, Signs of Safety), so they are data
 * (frameworks.json) a reviewer can copy and edit, checked whole before use. A written category
 * such as "(multi-agency working)" or "(comms)" is matched to a category by id, label or synonym.
 */
import { ThroughlineError } from '../model/errors.js';
import shippedFrameworks from './frameworks.json' with { type: 'json' };

export interface FrameworkCategory {
  id: string;
  label: string;
  /** Other ways people write the category; matched like the id and label. */
  synonyms: string[];
  description?: string;
}

/** Signs of Safety's 0–10 scale: a judgement scored alongside the three columns. */
export interface SafetyScale {
  min: number;
  max: number;
  note: string;
}

export interface Framework {
  id: string;
  name: string;
  source?: string;
  categories: FrameworkCategory[];
  scale?: SafetyScale;
}

const FRAMEWORK_KEYS = ['id', 'name', 'source', 'categories', 'scale', '$comment'];
const CATEGORY_KEYS = ['id', 'label', 'synonyms', 'description', '$comment'];
const SCALE_KEYS = ['min', 'max', 'note'];
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** A written category ending in one of these words is also tried without it ("patient factors"). */
const TRAILING_FILLER = /\s+(factors?|issues?)$/;

const bad = (name: string, key: string, expected: string): ThroughlineError =>
  new ThroughlineError('framework-invalid', `${name}: framework key "${key}" is invalid: expected ${expected}`, name);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Lower case, `&` as "and", punctuation and dashes folded to single spaces. */
export function normaliseCategory(text: string): string {
  return text.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A framework id from a file name: `my-set.json` → `my-set`. */
function idFromName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  return base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'custom';
}

/**
 * Checks a framework (a shipped entry or a user's file) and returns it typed. Throws a
 * `framework-invalid` error naming the offending key, e.g. `categories[2].synonyms[1]`.
 */
export function validateFramework(value: unknown, name: string): Framework {
  if (!isObject(value)) throw bad(name, '(root)', 'a JSON object with "name" and "categories"');
  for (const key of Object.keys(value)) if (!FRAMEWORK_KEYS.includes(key)) throw bad(name, key, `one of ${FRAMEWORK_KEYS.slice(0, -1).join(', ')}`);
  if (value.id !== undefined && !(typeof value.id === 'string' && ID_PATTERN.test(value.id))) throw bad(name, 'id', 'lower-case letters, digits and "-"');
  if (!isText(value.name)) throw bad(name, 'name', 'a non-empty string');
  if (value.source !== undefined && typeof value.source !== 'string') throw bad(name, 'source', 'a string');
  if (!Array.isArray(value.categories) || value.categories.length === 0) throw bad(name, 'categories', 'a non-empty list of categories');
  const owner = new Map<string, string>();
  const categories = value.categories.map((c, i) => validateCategory(c, `categories[${i}]`, name, owner));
  categories.forEach((c, i) => {
    const first = categories.findIndex((x) => x.id === c.id);
    if (first !== i) throw bad(name, `categories[${i}].id`, `an id no other category uses ("${c.id}" is also categories[${first}])`);
  });
  const framework: Framework = { id: (value.id as string | undefined) ?? idFromName(name), name: value.name.trim(), categories };
  if (value.source !== undefined) framework.source = value.source as string;
  if (value.scale !== undefined) framework.scale = validateScale(value.scale, name);
  return framework;
}

function validateCategory(value: unknown, at: string, name: string, owner: Map<string, string>): FrameworkCategory {
  if (!isObject(value)) throw bad(name, at, 'an object with "id" and "label"');
  for (const key of Object.keys(value)) if (!CATEGORY_KEYS.includes(key)) throw bad(name, `${at}.${key}`, `one of ${CATEGORY_KEYS.slice(0, -1).join(', ')}`);
  if (!(typeof value.id === 'string' && ID_PATTERN.test(value.id))) throw bad(name, `${at}.id`, 'lower-case letters, digits and "-", e.g. "policy-procedure"');
  if (!isText(value.label)) throw bad(name, `${at}.label`, 'a non-empty string');
  const synonyms = value.synonyms ?? [];
  if (!Array.isArray(synonyms) || !synonyms.every(isText)) throw bad(name, `${at}.synonyms`, 'a list of non-empty strings');
  if (value.description !== undefined && typeof value.description !== 'string') throw bad(name, `${at}.description`, 'a string');
  const id = value.id;
  // Every way of naming a category must name only that one.
  const terms: Array<[string, string]> = [[`${at}.id`, id], [`${at}.label`, value.label], ...synonyms.map((s, j): [string, string] => [`${at}.synonyms[${j}]`, s])];
  for (const [key, term] of terms) {
    const norm = normaliseCategory(term);
    if (norm === '') throw bad(name, key, 'words, not only punctuation');
    const other = owner.get(norm);
    if (other !== undefined && other !== id) throw bad(name, key, `a name no other category uses ("${term}" also names "${other}")`);
    owner.set(norm, id);
  }
  const category: FrameworkCategory = { id, label: value.label.trim(), synonyms: synonyms.map((s) => s.trim()) };
  if (typeof value.description === 'string') category.description = value.description;
  return category;
}

function validateScale(value: unknown, name: string): SafetyScale {
  if (!isObject(value)) throw bad(name, 'scale', 'an object with "min", "max" and "note"');
  for (const key of Object.keys(value)) if (!SCALE_KEYS.includes(key)) throw bad(name, `scale.${key}`, `one of ${SCALE_KEYS.join(', ')}`);
  if (!Number.isInteger(value.min)) throw bad(name, 'scale.min', 'a whole number');
  if (!(Number.isInteger(value.max) && (value.max as number) > (value.min as number))) throw bad(name, 'scale.max', 'a whole number above scale.min');
  if (!isText(value.note)) throw bad(name, 'scale.note', 'a non-empty string saying what the ends of the scale mean');
  return { min: value.min as number, max: value.max as number, note: value.note };
}

function loadShipped(): Readonly<Record<string, Framework>> {
  const out: Record<string, Framework> = {};
  for (const [id, value] of Object.entries(shippedFrameworks)) {
    if (id.startsWith('$')) continue;
    out[id] = validateFramework({ id, ...(value as object) }, `frameworks.json ${id}`);
  }
  return out;
}

/** The shipped frameworks by id: npsa, london-protocol, seips, safeguarding, signs-of-safety. */
export const FRAMEWORKS: Readonly<Record<string, Framework>> = loadShipped();
export const FRAMEWORK_IDS: readonly string[] = Object.keys(FRAMEWORKS);

/** A shipped framework by id or name, loosely written ("London Protocol", "SEIPS"); else undefined. */
export function frameworkByName(name: string): Framework | undefined {
  const wanted = normaliseCategory(name);
  return Object.values(FRAMEWORKS).find((f) => normaliseCategory(f.id) === wanted || normaliseCategory(f.name) === wanted);
}

const termTables = new WeakMap<Framework, Map<string, string>>();

function termTable(framework: Framework): Map<string, string> {
  let table = termTables.get(framework);
  if (!table) {
    table = new Map();
    for (const c of framework.categories) {
      for (const term of [c.id, c.label, ...c.synonyms]) {
        const norm = normaliseCategory(term);
        if (!table.has(norm)) table.set(norm, c.id);
      }
    }
    termTables.set(framework, table);
  }
  return table;
}

/** The id of the framework's category a written category names, or undefined. */
export function categoryOf(framework: Framework, text: string): string | undefined {
  const norm = normaliseCategory(text);
  if (norm === '') return undefined;
  const table = termTable(framework);
  return table.get(norm) ?? table.get(norm.replace(TRAILING_FILLER, ''));
}

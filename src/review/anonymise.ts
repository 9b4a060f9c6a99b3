/**
 * Anonymised for publication: every person the glossary names replaced by their pseudonym in every
 * text of an output, names inside free text and possessives included ("Zoë's" → "Child B's"), and
 * a check of the published text for words that look like a person's name but are not in the
 * glossary, for the author to add or dismiss before anything is published.
 *
 * A name is matched as a whole word, whatever its accents ("Zoe" for "Zoë"), its spacing or its
 * apostrophe (’ or '). A name that is also an English word ("Grace", "Mark", "Rose") is matched
 * only when capitalised or in capitals, so "a grace period" and "a bruise mark" stay as written;
 * any other name in any case ("LACEY", "lacey").
 */
import englishData from './data/english-words.json' with { type: 'json' };
import givenData from './data/uk-given-names.json' with { type: 'json' };
import { ThroughlineError } from '../model/errors.js';
import type { Glossary } from './glossary.js';
import { escapeRegExp } from '../analytics/rules.js';

/** Lower case without accents: how names and words are compared. */
export const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

let english: ReadonlySet<string> | undefined;
/** The English word list (SCOWL's British English, lower-case words only). */
export const englishWords = (): ReadonlySet<string> => (english ??= new Set(englishData.words.split(' ')));
let given: ReadonlySet<string> | undefined;
/** Given names common in the UK, folded. */
export const givenNames = (): ReadonlySet<string> => (given ??= new Set(givenData.names.map(fold)));

const isEnglish = (word: string): boolean => englishWords().has(fold(word));

/** A pattern for one way of writing a name: any accents on its letters, any space, either apostrophe, any dash. */
function letters(name: string): string {
  return [...name.normalize('NFD').replace(/\p{M}/gu, '')].map((c) => {
    if (/\s/.test(c)) return '\\s+';
    if (c === '\'' || c === '’') return '[\'’]';
    if (c === '-' || c === '‐' || c === '–') return '[-‐–]';
    return `${escapeRegExp(c)}\\p{M}*`;
  }).join('');
}

const key = (matched: string): string => fold(matched).replace(/\s+/g, ' ').replace(/’/g, '\'').replace(/[‐–]/g, '-');
const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

/** The replacer of the glossary's people: a function from text to text (the same text when it names no one). */
export function anonymiser(glossary: Glossary): (text: string) => string {
  const people = glossary.entries.filter((e) => e.kind === 'person').sort((a, b) => b.name.length - a.name.length || (a.name < b.name ? -1 : 1));
  if (people.length === 0) return (text) => text;
  const pseudonyms = new Map(people.map((p) => [key(p.name), p.pseudonym]));
  // Names that are English words keep their capital: as written with a capital, or in capitals.
  const wordLike = (name: string): boolean => name.split(/\s+/).every(isEnglish);
  const anyCase = people.filter((p) => !wordLike(p.name)).map((p) => letters(p.name));
  const capitalised = people.filter((p) => wordLike(p.name)).flatMap((p) => {
    const folded = p.name.normalize('NFD').replace(/\p{M}/gu, '');
    const title = folded.split(/(\s+)/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    return [...new Set([letters(title), letters(folded.toUpperCase())])];
  });
  const patterns = [
    ...(anyCase.length > 0 ? [new RegExp(`${WORD_START}(?:${anyCase.join('|')})${WORD_END}`, 'giu')] : []),
    ...(capitalised.length > 0 ? [new RegExp(`${WORD_START}(?:${capitalised.join('|')})${WORD_END}`, 'gu')] : []),
  ];
  const quick = new Set(people.map((p) => fold(p.name).charAt(0)));
  return (text: string): string => {
    if (text === '') return text;
    // Most texts name no one: look for a name's first letter before doing more.
    let maybe = false;
    for (const c of fold(text)) if (quick.has(c)) { maybe = true; break; }
    if (!maybe) return text;
    const decomposed = text.normalize('NFD');
    let out = decomposed;
    for (const re of patterns) out = out.replace(re, (m) => pseudonyms.get(key(m)) ?? m);
    return out === decomposed ? text : out.normalize('NFC');
  };
}

/** A copy of `value` with every string in it (not the keys) passed through `replace`; arrays and plain objects are copied, anything else kept. */
export function anonymiseDeep<T>(value: T, replace: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replace(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

export type CandidateReason = 'not an English word' | 'a given name' | 'follows a given name' | 'follows a title';

/** A word that looks like a person's name and is in neither the glossary nor its pseudonyms: how often, in how many places, and the first of them. */
export interface NameCandidate { word: string; why: CandidateReason; count: number; where: string[]; places: number }

/** Where a string sits: the record or issue it belongs to (`police.csv:12`) and the field. */
function locations(value: unknown, visit: (text: string, where: string) => void): void {
  const walk = (v: unknown, at: string, field: string): void => {
    if (typeof v === 'string') { visit(v, field ? `${at} (${field})` : at); return; }
    if (Array.isArray(v)) { v.forEach((x) => walk(x, at, field)); return; }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const source = o.source as { file?: unknown; line?: unknown } | undefined;
    let here = at;
    if (source && typeof source.file === 'string' && typeof source.line === 'number') here = `${source.file}:${source.line}`;
    else if (typeof o.file === 'string' && typeof o.line === 'number') here = `${o.file}:${o.line}`;
    for (const [k, x] of Object.entries(o)) walk(x, here, k === 'extra' || k === 'cells' ? field || k : k);
  };
  walk(value, 'output', '');
}

const MONTHS_AND_DAYS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);

/** Titles come before names and are not names themselves. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'st', 'rev', 'sgt', 'pc', 'dc', 'insp']);
/** Prefixes that make English words with a hyphen ("Re-referral", "X-ray", "Self-harm"). */
const PREFIXES = new Set(['re', 'non', 'pre', 'post', 'co', 'x', 'self', 'anti', 'multi', 'sub', 'inter', 'under', 'over']);
const TOKEN = /\p{L}[\p{L}\p{M}'’-]*/gu;
const AFTER_TITLE = /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Sgt|Insp|PC|DC|DS|PS|DI|DCI)\.?\s+(?:\d+\s+)?(?:\p{Lu}\.\s*)*(\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{L}[\p{L}\p{M}'’]*)*)/gu;
/** An English word, a hyphenated one whose parts are English words (or prefixes), or a contraction of one ("I'm"). */
function englishish(word: string): boolean {
  if (isEnglish(word)) return true;
  const bare = word.replace(/['’](?:m|ll|re|ve|d|t)$/iu, '');
  if (bare !== word) return bare.length <= 1 || isEnglish(bare);
  const parts = word.split('-');
  return parts.length > 1 && parts.every((p) => p === '' || PREFIXES.has(fold(p)) || isEnglish(p));
}
const MAX_WHERE = 5;

/**
 * The words of `published` (any output, before or after anonymising: strings anywhere inside it)
 * that look like a person's name and that the glossary has not decided: a capitalised word that
 * is not an English word, a capitalised given name (English word or not: "Grace"), and a capitalised word right after
 * a given name (a surname: "Grace Smith") or after a title or rank ("Dr A. Brooks", "DC 4417 Frost"). Words in the glossary (as a name of any kind) or in a
 * pseudonym, abbreviations in capitals of five letters or fewer, titles (Dr, Mrs), single letters, and
 * months and days are decided; a word with a hyphen is English when its parts are ("X-ray").
 * Each comes with how many times it occurs and its first places.
 */
export function nameCandidates(published: unknown, glossary: Glossary): NameCandidate[] {
  const decided = new Set<string>();
  for (const e of glossary.entries) {
    decided.add(key(e.name));
    for (const w of e.pseudonym.match(TOKEN) ?? []) decided.add(key(w));
  }
  const found = new Map<string, NameCandidate>();
  const placesOf = new Map<string, Set<string>>();
  const note = (word: string, why: CandidateReason, where: string): void => {
    const k = key(word);
    const c = found.get(k) ?? { word, why, count: 0, where: [], places: 0 };
    const seen = placesOf.get(k) ?? new Set<string>();
    c.count++;
    if (!seen.has(where)) {
      seen.add(where);
      c.places++;
      if (c.where.length < MAX_WHERE) c.where.push(where);
    }
    placesOf.set(k, seen);
    found.set(k, c);
  };
  locations(published, (text, where) => {
    // A surname that is also an English word after a title or a rank, an initial or a collar
    // number: "Dr A. Brooks", "DC 4417 Frost".
    for (const m of text.matchAll(AFTER_TITLE)) {
      const word = m[1]!.replace(/['’]s$/u, '');
      const k = key(word);
      if (!decided.has(k) && !TITLES.has(k) && englishish(word) && !givenNames().has(k)) note(word, 'follows a title', where);
    }
    let previousGiven = -1;
    for (const m of text.matchAll(TOKEN)) {
      const word = m[0].replace(/['’]s$/u, '').replace(/['’-]+$/u, '');
      const k = key(word);
      const capital = /^\p{Lu}/u.test(word);
      const capitals = word.length > 1 && word === word.toUpperCase();
      const afterGiven = previousGiven >= 0 && /^\s+$/.test(text.slice(previousGiven, m.index));
      previousGiven = -1;
      if (word.length <= 1 || decided.has(k) || MONTHS_AND_DAYS.has(k) || TITLES.has(k)) continue;
      const isGiven = givenNames().has(k);
      if (isGiven) {
        if (capital) note(word, 'a given name', where);
        previousGiven = m.index + m[0].length;
        continue;
      }
      if (!capital || (capitals && word.length <= 5)) continue;
      if (!englishish(word)) note(word, 'not an English word', where);
      else if (afterGiven) note(word, 'follows a given name', where);
    }
  });
  return [...found.values()].sort((a, b) => (key(a.word) < key(b.word) ? -1 : key(a.word) > key(b.word) ? 1 : 0));
}

/**
 * Everything to be published, anonymised together, or a coded error when the published text
 * still holds words that look like a person's name and that the glossary has not decided: each
 * with why, how often and where, for the author to add (with a pseudonym) or dismiss ("not a
 * name"). Nothing is published while any is undecided.
 */
export function publishAnonymised<T extends readonly unknown[]>(glossary: Glossary, ...values: T): T {
  const replace = anonymiser(glossary);
  const published = values.map((v) => anonymiseDeep(v, replace)) as unknown as T;
  const undecided = nameCandidates(published, glossary);
  if (undecided.length > 0) {
    const list = undecided.map((c) => `\n  "${c.word}" (${c.why}; ${c.count === 1 ? 'once' : `${c.count} times`}: ${c.where.join(', ')}${c.places > c.where.length ? ` and ${c.places - c.where.length} more ${c.places - c.where.length === 1 ? 'place' : 'places'}` : ''})`);
    throw new ThroughlineError('names-undecided',
      `${glossary.file}: ${undecided.length === 1 ? 'a word' : `${undecided.length} words`} in what would be published ${undecided.length === 1 ? 'looks' : 'look'} like a person's name and ${undecided.length === 1 ? 'is' : 'are'} not in the glossary:${list.join('')}\n`
      + 'Add each to the glossary with its pseudonym (name,pseudonym), or dismiss it (name,,not a name); nothing was written', glossary.file);
  }
  return published;
}

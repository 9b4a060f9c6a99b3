/**
 * A per-agency profile: JSON a report author writes when an agency's export defeats detection.
 * Every key is optional and overrides what ingest would otherwise work out.
 */
import { ThroughlineError } from '../model/errors.js';
import { COLUMN_ROLES, type ColumnRole, type DateOrder } from '../model/types.js';
import { ENCODINGS, type Encoding } from './decode.js';
import { DELIMITERS, type Delimiter } from './table.js';

export interface AgencyProfile {
  /** File names (not paths) this profile applies to; `*` and `?` wildcards. Absent: every file. */
  files?: string[];
  agency?: string;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** Physical line of the header row. */
  headerLine?: number;
  dateOrder?: DateOrder;
  /** Heading (as written) → role, or `extra` to keep a column out of every role. */
  columns?: Record<string, ColumnRole | 'extra'>;
  /** More headings per role, added to the shipped synonym table. */
  synonyms?: Partial<Record<ColumnRole | 'ignore', string[]>>;
}

const PROFILE_KEYS = ['files', 'agency', 'encoding', 'delimiter', 'headerLine', 'dateOrder', 'columns', 'synonyms', '$comment'];

const bad = (name: string, key: string, expected: string): ThroughlineError =>
  new ThroughlineError('profile-invalid', `${name}: profile key "${key}" is invalid: expected ${expected}`, name);

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks a parsed profile (or a list of them) and returns it typed; nothing half-applied. */
export function validateProfiles(value: unknown, name: string): AgencyProfile[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((p, i) => validateProfile(p, list.length > 1 ? `${name}[${i}]` : name));
}

function validateProfile(value: unknown, name: string): AgencyProfile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(name, '(root)', 'a JSON object');
  const p = value as Record<string, unknown>;
  for (const key of Object.keys(p)) if (!PROFILE_KEYS.includes(key)) throw bad(name, key, `one of ${PROFILE_KEYS.slice(0, -1).join(', ')}`);
  if (p.files !== undefined && !isStringArray(p.files)) throw bad(name, 'files', 'a list of file names');
  if (p.agency !== undefined && (typeof p.agency !== 'string' || p.agency.trim() === '')) throw bad(name, 'agency', 'a non-empty string');
  if (p.encoding !== undefined && !ENCODINGS.includes(p.encoding as Encoding)) throw bad(name, 'encoding', ENCODINGS.join(' | '));
  if (p.delimiter !== undefined && !(DELIMITERS as readonly unknown[]).includes(p.delimiter)) throw bad(name, 'delimiter', 'one of "," ";" "\\t" "|"');
  if (p.headerLine !== undefined && !(Number.isInteger(p.headerLine) && (p.headerLine as number) >= 1)) throw bad(name, 'headerLine', 'a line number (1 or more)');
  if (p.dateOrder !== undefined && p.dateOrder !== 'day-first' && p.dateOrder !== 'month-first') throw bad(name, 'dateOrder', 'day-first | month-first');
  if (p.columns !== undefined) {
    if (typeof p.columns !== 'object' || p.columns === null || Array.isArray(p.columns)) throw bad(name, 'columns', 'an object of heading → role');
    for (const [heading, role] of Object.entries(p.columns)) {
      if (role !== 'extra' && !COLUMN_ROLES.includes(role as ColumnRole)) throw bad(name, `columns.${heading}`, `a role: ${COLUMN_ROLES.join(', ')} or extra`);
    }
  }
  if (p.synonyms !== undefined) {
    if (typeof p.synonyms !== 'object' || p.synonyms === null || Array.isArray(p.synonyms)) throw bad(name, 'synonyms', 'an object of role → headings');
    for (const [role, headings] of Object.entries(p.synonyms)) {
      if (role !== 'ignore' && !COLUMN_ROLES.includes(role as ColumnRole)) throw bad(name, `synonyms.${role}`, `a role: ${COLUMN_ROLES.join(', ')} or ignore`);
      if (!isStringArray(headings)) throw bad(name, `synonyms.${role}`, 'a list of headings');
    }
  }
  return p as AgencyProfile;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The profiles that apply to a file, later ones overriding earlier ones key by key. */
export function profileFor(profiles: readonly AgencyProfile[], fileName: string): AgencyProfile {
  const base = fileName.replace(/^.*[\\/]/, '');
  const merged: AgencyProfile = {};
  for (const p of profiles) {
    if (p.files && !p.files.some((g) => globToRegExp(g).test(base))) continue;
    Object.assign(merged, p);
  }
  return merged;
}

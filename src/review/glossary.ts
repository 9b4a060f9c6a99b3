/**
 * A review's glossary of people and abbreviations, as a report author keeps it: a CSV with `name`
 * and `pseudonym` columns (`Lacey` → `Child L`, `Dr Patel` → `GP 1`), and optionally `kind`:
 * `person` (the default: replaced in everything published), `abbreviation` (`HV` → `Health
 * Visitor`: listed in the report's glossary, never replaced) or `not a name` (a word the name
 * check flagged that the author has looked at and dismissed: a place, a team, a drug).
 */
import { ThroughlineError } from '../model/errors.js';
import { binaryKind, decodeBytes } from '../ingest/decode.js';
import { normaliseHeading } from '../ingest/columns.js';
import { parseTable } from '../ingest/table.js';

export const GLOSSARY_KINDS = ['person', 'abbreviation', 'not a name'] as const;
export type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

export interface GlossaryEntry { name: string; pseudonym: string; kind: GlossaryKind; line: number }
export interface Glossary { file: string; entries: GlossaryEntry[] }

const HEADINGS = { name: ['name', 'real name', 'word'], pseudonym: ['pseudonym', 'replacement', 'anonymised as', 'meaning'], kind: ['kind', 'type'] };

/** A glossary from CSV bytes (any encoding and delimiter ingest reads), or a coded error naming the file and the line. */
export function readGlossary(bytes: Uint8Array, file: string): Glossary {
  const bad = (message: string, line?: number): ThroughlineError =>
    new ThroughlineError('glossary-invalid', `${file}${line !== undefined ? `:${line}` : ''}: ${message}`, file);
  if (bytes.length === 0) throw bad('the glossary is empty: expected a heading row with name and pseudonym columns');
  let text: string;
  try {
    text = decodeBytes(bytes, file).text;
  } catch (e) {
    if (!(e instanceof ThroughlineError) || e.code !== 'file-binary') throw e;
    const { what } = binaryKind(bytes, file);
    throw bad(`this is ${what}, not a CSV glossary: save it as CSV with name and pseudonym columns`);
  }
  const table = parseTable(text, file);
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = rows[0];
  if (!header) throw bad('the glossary is empty: expected a heading row with name and pseudonym columns');
  const column = (role: keyof typeof HEADINGS): number => header.cells.findIndex((c) => HEADINGS[role].includes(normaliseHeading(c)));
  const [name, pseudonym, kind] = [column('name'), column('pseudonym'), column('kind')];
  if (name < 0 || pseudonym < 0) throw bad(`the heading row has no ${name < 0 ? 'name' : 'pseudonym'} column (expected headings name, pseudonym and optionally kind)`, header.line);
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, GlossaryEntry>();
  for (const row of rows.slice(1)) {
    const cell = (i: number): string => (i < 0 ? '' : (row.cells[i] ?? '').trim());
    const k = (cell(kind) || 'person').toLowerCase().replace(/[-_]/g, ' ') as GlossaryKind;
    if (!(GLOSSARY_KINDS as readonly string[]).includes(k)) throw bad(`kind "${cell(kind)}" is not one of ${GLOSSARY_KINDS.join(', ')}`, row.line);
    const entry = { name: cell(name), pseudonym: cell(pseudonym), kind: k, line: row.line };
    if (entry.name === '') throw bad('a row with no name', row.line);
    if (entry.kind !== 'not a name' && entry.pseudonym === '') throw bad(`"${entry.name}" has no ${entry.kind === 'person' ? 'pseudonym' : 'meaning'}`, row.line);
    const key = entry.name.normalize('NFC').toLowerCase();
    const before = seen.get(key);
    if (before) throw bad(`"${entry.name}" is already in the glossary at line ${before.line}`, row.line);
    seen.set(key, entry);
    entries.push(entry);
  }
  // A pseudonym that is itself a person's name would publish that name.
  const people = entries.filter((e) => e.kind === 'person');
  for (const e of people) {
    const leaked = people.find((p) => wordsOf(e.pseudonym).includes(p.name.toLowerCase()) && p !== e);
    if (leaked) throw bad(`the pseudonym "${e.pseudonym}" contains the name "${leaked.name}", which the glossary replaces`, e.line);
  }
  return { file, entries };
}

const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}'’]+/u).map((w) => w.replace(/['’]s?$/u, '')).filter((w) => w !== '');

/**
 * Entries as the glossary's CSV text (headings name, pseudonym, kind; a cell quoted when it holds
 * a delimiter, a quote or a line break), checked by reading it back: a coded error naming the line
 * when the entries do not make a glossary (a person with no pseudonym, a name given twice).
 */
export function glossaryCsv(entries: ReadonlyArray<Pick<GlossaryEntry, 'name' | 'pseudonym' | 'kind'>>, file = 'glossary'): string {
  const cell = (s: string): string => (/[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const text = ['name,pseudonym,kind', ...entries.map((e) => [e.name, e.pseudonym, e.kind].map(cell).join(','))].join('\n') + '\n';
  const back = readGlossary(new TextEncoder().encode(text), file).entries;
  const same = back.length === entries.length && back.every((b, i) => b.name === entries[i]!.name.trim() && b.pseudonym === entries[i]!.pseudonym.trim() && b.kind === entries[i]!.kind);
  if (!same) throw new ThroughlineError('glossary-invalid', `${file}: the entries cannot be written as CSV and read back the same`, file);
  return text;
}

/**
 * The people of the demo case's glossary, and which of them a text names: each as a whole word,
 * in any case, with or without accents, with XML's and JSON's escapes undone first (so a name
 * written `O&apos;Brien` or `Zo\u00eb` is still found). Read here with a plain split: the file
 * has no quoted cells.
 */
import { readFileSync } from 'node:fs';

export const DEMO_GLOSSARY = 'fixtures/review/child-l-glossary.csv';
export const DEMO_PEOPLE = readFileSync(DEMO_GLOSSARY, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((r) => r[2] === 'person').map((r) => r[0]!);

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const readable = (bytes: string): string => bytes.replace(/&apos;|&#39;|&#x27;/g, '\'').replace(/&amp;/g, '&').replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

export function namesIn(text: string, people: readonly string[] = DEMO_PEOPLE): string[] {
  const t = fold(readable(text));
  return people.filter((name) => new RegExp(`(?<![\\p{L}\\p{N}])${fold(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'u').test(t));
}

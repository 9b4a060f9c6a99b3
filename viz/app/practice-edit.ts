/**
 * The Salford record and the findings as a person types them on the page (unit-tested in
 * tests/app/): one point per line, and bracketed tags for what ties a line to the rest —
 * `No shared chronology [cause: c3]` for a root of the problem tree (numbered r1, r2… by line),
 * `Keep one chronology [roots: r1, r2] [owner: Partnership] [due: 31/03/2027]` for an action,
 * and `gp-2, police-15` for a list of ids. Each reader has its writer, so a saved record reads back
 * as the text it came from.
 */
import type { SalfordAction, SalfordRecord } from '../../src/review/salford.js';

/** The non-blank lines, trimmed. */
export const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/** Ids from a comma- or space-separated list, once each, in order. */
export const idList = (text: string): string[] => [...new Set(text.split(/[,\s]+/).map((s) => s.trim()).filter((s) => s !== ''))];

const TAG = /\[(\w+):\s*([^\]]*)\]/g;

/** A line's words without its tags, and its tags by name (lower case). */
export function tagged(line: string): { text: string; tags: Map<string, string> } {
  const tags = new Map<string, string>();
  for (const m of line.matchAll(TAG)) tags.set(m[1]!.toLowerCase(), m[2]!.trim());
  return { text: line.replace(TAG, ' ').replace(/\s+/g, ' ').trim(), tags };
}

export function parseRoots(text: string): SalfordRecord['tree']['roots'] {
  return lines(text).map((l, i) => {
    const { text: words, tags } = tagged(l);
    const cause = tags.get('cause');
    return { id: `r${i + 1}`, text: words, ...(cause ? { cause } : {}) };
  });
}

export function rootsText(roots: SalfordRecord['tree']['roots']): string {
  return roots.map((r) => [r.text, r.cause ? `[cause: ${r.cause}]` : ''].filter((s) => s !== '').join(' ')).join('\n');
}

export function parseActions(text: string): SalfordAction[] {
  return lines(text).map((l) => {
    const { text: words, tags } = tagged(l);
    const owner = tags.get('owner');
    const due = tags.get('due');
    return { text: words, ...(owner ? { owner } : {}), ...(due ? { due } : {}), roots: idList(tags.get('roots') ?? '') };
  });
}

export function actionsText(actions: readonly SalfordAction[]): string {
  return actions.map((a) => [a.text, a.roots.length > 0 ? `[roots: ${a.roots.join(', ')}]` : '', a.owner ? `[owner: ${a.owner}]` : '', a.due ? `[due: ${a.due}]` : '']
    .filter((s) => s !== '').join(' ')).join('\n');
}

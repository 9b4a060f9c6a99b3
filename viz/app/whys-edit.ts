/**
 * Edits of why-chain text made from the page (unit-tested in tests/app/): citing a chronology
 * record as evidence on a cause's line, and adding an action under a cause. They change the text
 * a person typed only where asked, so what they wrote stays theirs.
 */

export interface Edit { text: string; changed: boolean; reason?: string }

const CAUSE_LINE = /^(\s*)(problem|why|and)\b/i;

/** Cites `id` as evidence on line `line` (0-based): added to its `[evidence: …]`, or a new one before any `{…}`. */
export function citeEvidence(text: string, line: number, id: string): Edit {
  const lines = text.split('\n');
  const current = lines[line];
  if (current === undefined || !CAUSE_LINE.test(current)) return { text, changed: false, reason: 'put the cursor on a problem, why or and line' };
  const existing = /\[evidence:\s*([^\]]*)\]/i.exec(current);
  let next: string;
  if (existing) {
    const ids = existing[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.includes(id)) return { text, changed: false, reason: `${id} is already cited on this line` };
    next = current.replace(existing[0], `[evidence: ${[...ids, id].join(', ')}]`);
  } else {
    const brace = current.search(/\s*\{[^}]*\}\s*$/);
    next = brace >= 0 ? `${current.slice(0, brace)} [evidence: ${id}]${current.slice(brace)}` : `${current.replace(/\s+$/, '')} [evidence: ${id}]`;
  }
  lines[line] = next;
  return { text: lines.join('\n'), changed: true };
}

export interface ActionInput { text: string; owner?: string; due?: string; strength?: 'stronger' | 'intermediate' | 'weaker' | ''; status?: string }

/** Adds an action under the cause on line `line` (0-based), indented one step deeper, right after it. */
export function insertAction(text: string, line: number, action: ActionInput): Edit {
  const lines = text.split('\n');
  const current = lines[line];
  const m = current === undefined ? null : CAUSE_LINE.exec(current);
  if (!m || /^problem$/i.test(m[2]!)) return { text, changed: false, reason: 'put the cursor on the line of the cause the action addresses' };
  if (action.text.trim() === '') return { text, changed: false, reason: 'the action needs a statement' };
  const attrs = ([['owner', action.owner], ['due', action.due], ['strength', action.strength], ['status', action.status]] as const)
    .filter(([, v]) => v !== undefined && v.trim() !== '').map(([k, v]) => `${k}: ${v!.trim()}`);
  const clean = action.text.trim().replace(/[{}[\]\n]/g, ' ');
  lines.splice(line + 1, 0, `${m[1]}  !action: ${clean}${attrs.length > 0 ? ` {${attrs.join(', ')}}` : ''}`);
  return { text: lines.join('\n'), changed: true };
}

/** The 0-based line of a character offset. */
export const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length - 1;

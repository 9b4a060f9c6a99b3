/**
 * A cause graph from any of its three written forms: graph JSON, fishbone CSV/TSV, or why-chain
 * text. The CLI picks the form from a file's extension; the server stores it with each version.
 */
import { ThroughlineError } from '../model/errors.js';
import { readFishboneCsv } from './fishbone.js';
import { causeGraphFromJson } from './json.js';
import type { ReadGraph } from './issues.js';
import type { CauseGraph } from './model.js';
import { readWhyChain } from './whys.js';

export const CAUSE_GRAPH_FORMATS = ['whys', 'fishbone-csv', 'json'] as const;
export type CauseGraphFormat = (typeof CAUSE_GRAPH_FORMATS)[number];

/** `.json` → json, `.csv`/`.tsv` → fishbone-csv, anything else → why-chain text. */
export function causeGraphFormatOf(name: string): CauseGraphFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'fishbone-csv';
  return 'whys';
}

/** Reads `content` written in `format`; `name` names it in every issue. */
export function readCauseGraph(format: CauseGraphFormat, content: Uint8Array | string, name: string): ReadGraph<CauseGraph> {
  if (format === 'fishbone-csv') return readFishboneCsv(content, name);
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  if (format === 'whys') return readWhyChain(text, name);
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    throw new ThroughlineError('json-invalid', `${name}: not valid JSON (${(e as Error).message})`, name);
  }
  return causeGraphFromJson(value, name);
}

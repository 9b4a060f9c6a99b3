/**
 * The cause graph as JSON: graphology's own export() shape (`nodes[]` with `key` and
 * `attributes`, `edges[]` with `key`, `source`, `target`, `attributes`), with `format` and
 * `version` in the graph attributes. Reading checks every node and edge and reports what is wrong
 * (an edge to a node that does not exist, an edge of the wrong kind) instead of stopping, so an
 * investigator sees every problem at once; export after import gives the same JSON.
 */
import { ThroughlineError } from '../model/errors.js';
import type { RcaIssue, ReadGraph } from './issues.js';
import {
  ACTION_STRENGTHS, EDGE_ENDS, EDGE_KINDS, NODE_KINDS, RCA_FORMAT, RCA_FORMAT_VERSION, createCauseGraph, edgeKey,
  type CauseGraph, type EdgeAttributes, type EdgeKind, type NodeAttributes, type NodeKind,
} from './model.js';

export interface CauseGraphJson {
  options: { type: 'directed'; multi: false; allowSelfLoops: true };
  attributes: { format: string; version: string; title?: string };
  nodes: Array<{ key: string; attributes: NodeAttributes }>;
  edges: Array<{ key: string; source: string; target: string; attributes: EdgeAttributes }>;
}

export function causeGraphToJson(graph: CauseGraph): CauseGraphJson {
  return graph.export() as unknown as CauseGraphJson;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a cause graph from its JSON. Throws only when the document is not a cause graph at all. */
export function causeGraphFromJson(value: unknown, name: string): ReadGraph<CauseGraph> {
  const fail = (what: string): ThroughlineError => new ThroughlineError('rca-invalid', `${name}: not a throughline cause graph: ${what}`, name);
  if (!isRecord(value)) throw fail('expected a JSON object');
  const attributes = isRecord(value.attributes) ? value.attributes : {};
  if (attributes.format !== RCA_FORMAT) throw fail(`"attributes.format" must be "${RCA_FORMAT}"`);
  if (typeof attributes.version !== 'string' || attributes.version.split('.')[0] !== RCA_FORMAT_VERSION.split('.')[0]) {
    throw fail(`"attributes.version" must be ${RCA_FORMAT_VERSION.split('.')[0]}.x`);
  }
  if (!Array.isArray(value.nodes) || !Array.isArray(value.edges)) throw fail('"nodes" and "edges" must be lists');
  const graph = createCauseGraph(typeof attributes.title === 'string' ? attributes.title : undefined);
  const issues: RcaIssue[] = [];
  const error = (code: string, message: string, nodes?: string[]): void => {
    issues.push(nodes ? { severity: 'error', code, message, nodes } : { severity: 'error', code, message });
  };
  value.nodes.forEach((n: unknown, i: number) => {
    if (!isRecord(n) || typeof n.key !== 'string' || !isRecord(n.attributes)) { error('rca-bad-node', `nodes[${i}] needs a "key" and "attributes"`); return; }
    const a = n.attributes;
    if (!NODE_KINDS.includes(a.kind as NodeKind)) { error('rca-bad-node', `node "${n.key}": "attributes.kind" must be one of ${NODE_KINDS.join(', ')}`, [n.key]); return; }
    if (typeof a.label !== 'string' || a.label.trim() === '') { error('rca-bad-node', `node "${n.key}": "attributes.label" must be the ${a.kind}'s text`, [n.key]); return; }
    if (a.kind === 'action' && a.strength !== undefined && !ACTION_STRENGTHS.includes(a.strength as never)) {
      error('rca-bad-node', `action "${n.key}": strength must be one of ${ACTION_STRENGTHS.join(', ')}`, [n.key]);
      return;
    }
    if (graph.hasNode(n.key)) { error('rca-duplicate-node', `node "${n.key}" is defined twice`, [n.key]); return; }
    graph.addNode(n.key, a as unknown as NodeAttributes);
  });
  value.edges.forEach((e: unknown, i: number) => {
    if (!isRecord(e) || typeof e.source !== 'string' || typeof e.target !== 'string' || !isRecord(e.attributes)) {
      error('rca-bad-edge', `edges[${i}] needs "source", "target" and "attributes"`);
      return;
    }
    const kind = e.attributes.kind as EdgeKind;
    const { source, target } = e;
    if (!EDGE_KINDS.includes(kind)) { error('rca-bad-edge', `edge ${source} → ${target}: "attributes.kind" must be one of ${EDGE_KINDS.join(', ')}`, [source, target]); return; }
    const missing = [source, target].filter((k) => !graph.hasNode(k));
    if (missing.length > 0) { error('rca-unknown-reference', `${kind} ${source} → ${target}: there is no node ${missing.map((m) => `"${m}"`).join(' or ')}`, [source, target]); return; }
    const ends = EDGE_ENDS[kind];
    const sourceKind = graph.getNodeAttribute(source, 'kind');
    const targetKind = graph.getNodeAttribute(target, 'kind');
    if (!ends.source.includes(sourceKind) || !ends.target.includes(targetKind)) {
      error('rca-edge-kind', `${kind} ${source} → ${target}: a "${kind}" edge runs from ${ends.source.join('/')} to ${ends.target.join('/')}, not from ${sourceKind} to ${targetKind}`, [source, target]);
      return;
    }
    const key = typeof e.key === 'string' ? e.key : edgeKey(kind, source, target);
    if (graph.hasEdge(key) || graph.hasDirectedEdge(source, target)) { error('rca-duplicate-edge', `edge ${source} → ${target} is given twice`, [source, target]); return; }
    graph.addDirectedEdgeWithKey(key, source, target, e.attributes as unknown as EdgeAttributes);
  });
  return { graph, issues };
}

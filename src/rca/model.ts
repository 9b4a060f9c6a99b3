/**
 * The cause graph of a root cause analysis, held in graphology: one directed graph per analysis.
 *
 * Nodes (attributes.kind): `problem` (the incident or outcome), `cause` (a statement, with its
 * fishbone category and optional condition/action type), `evidence` (a chronology event id or a
 * document reference), `action` (a recommendation: owner agency, due date, strength, status).
 * Edges (attributes.kind): `causes` (cause → effect, an effect being a cause or a problem;
 * `group` names an AND-group of causes that act only together), `supports` / `refutes`
 * (evidence → cause), `addresses` (action → cause).
 *
 * Edge keys are deterministic (`causes:a->b`), so exports diff cleanly; JSON is graphology's own
 * export() shape with `format` and `version` in the graph attributes (see rca/json.ts).
 */
import { DirectedGraph } from 'graphology';
import { ThroughlineError } from '../model/errors.js';

export const RCA_FORMAT = 'throughline-rca';
export const RCA_FORMAT_VERSION = '1.0';

export type NodeKind = 'problem' | 'cause' | 'evidence' | 'action';
export type EdgeKind = 'causes' | 'supports' | 'refutes' | 'addresses';
export type ActionStrength = 'stronger' | 'intermediate' | 'weaker';

export interface ProblemAttributes { kind: 'problem'; label: string }
export interface CauseAttributes {
  kind: 'cause';
  label: string;
  category?: string;
  /** What kind of factor: e.g. condition, action, human-error, procedure-violation. */
  type?: string;
  /** The duty that made a failure to act causal, when the statement is about not acting. */
  duty?: string;
}
export interface EvidenceAttributes {
  kind: 'evidence';
  label: string;
  /** A chronology event id (`police-14`) … */
  event?: string;
  /** … or a document reference. */
  document?: string;
}
export interface ActionAttributes {
  kind: 'action';
  label: string;
  owner?: string;
  due?: string;
  strength?: ActionStrength;
  status?: string;
}
export type NodeAttributes = ProblemAttributes | CauseAttributes | EvidenceAttributes | ActionAttributes;

export interface EdgeAttributes {
  kind: EdgeKind;
  /** causes: the AND-group this cause belongs to (causes that produce the effect only together). */
  group?: string;
}

export interface GraphAttributes {
  format: string;
  version: string;
  title?: string;
}

export type CauseGraph = DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

export const NODE_KINDS: readonly NodeKind[] = ['problem', 'cause', 'evidence', 'action'];
export const EDGE_KINDS: readonly EdgeKind[] = ['causes', 'supports', 'refutes', 'addresses'];
export const ACTION_STRENGTHS: readonly ActionStrength[] = ['stronger', 'intermediate', 'weaker'];

/** Which node kinds each edge kind joins (source → target). */
export const EDGE_ENDS: Record<EdgeKind, { source: readonly NodeKind[]; target: readonly NodeKind[] }> = {
  causes: { source: ['cause'], target: ['cause', 'problem'] },
  supports: { source: ['evidence'], target: ['cause'] },
  refutes: { source: ['evidence'], target: ['cause'] },
  addresses: { source: ['action'], target: ['cause'] },
};

export function createCauseGraph(title?: string): CauseGraph {
  const graph: CauseGraph = new DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ allowSelfLoops: true });
  graph.replaceAttributes(title === undefined ? { format: RCA_FORMAT, version: RCA_FORMAT_VERSION } : { format: RCA_FORMAT, version: RCA_FORMAT_VERSION, title });
  return graph;
}

export function edgeKey(kind: EdgeKind, source: string, target: string): string {
  return `${kind}:${source}->${target}`;
}

/** The nodes joined to `key` by an edge of this kind pointing at it (its causes, evidence, actions…), in key order. */
export function sourcesOf(graph: CauseGraph, key: string, kind: EdgeKind): string[] {
  return graph.inEdges(key).filter((e) => graph.getEdgeAttribute(e, 'kind') === kind).map((e) => graph.source(e)).sort();
}

/** The causes of `key` (a cause or a problem), in key order; a cause given as its own cause is an error, not a cause of itself. */
export function causesOf(graph: CauseGraph, key: string): string[] {
  return sourcesOf(graph, key, 'causes').filter((c) => c !== key && graph.getNodeAttribute(c, 'kind') === 'cause');
}

/** A root cause: a cause with no cause upstream of it. The one rule, for the analysis and every diagram. */
export function isRootCause(graph: CauseGraph, key: string): boolean {
  return graph.getNodeAttribute(key, 'kind') === 'cause' && causesOf(graph, key).length === 0;
}

/** An unconfirmed cause: one no evidence supports yet. The one rule, for the analysis and every diagram. */
export function isUnconfirmed(graph: CauseGraph, key: string): boolean {
  return graph.getNodeAttribute(key, 'kind') === 'cause' && sourcesOf(graph, key, 'supports').length === 0;
}

/**
 * Building a cause graph in code. Every method returns the node key; keys are the caller's
 * (stable ids such as `c1`), and adding the same key twice is an error.
 */
export class CauseGraphBuilder {
  readonly graph: CauseGraph;

  constructor(title?: string) {
    this.graph = createCauseGraph(title);
  }

  private node(key: string, attributes: NodeAttributes): string {
    if (this.graph.hasNode(key)) throw new ThroughlineError('rca-duplicate-node', `node "${key}" is defined twice`);
    this.graph.addNode(key, attributes);
    return key;
  }

  problem(key: string, label: string): string {
    return this.node(key, { kind: 'problem', label });
  }

  cause(key: string, label: string, details: Omit<CauseAttributes, 'kind' | 'label'> = {}): string {
    return this.node(key, { kind: 'cause', label, ...details });
  }

  evidence(key: string, label: string, details: Omit<EvidenceAttributes, 'kind' | 'label'> = {}): string {
    return this.node(key, { kind: 'evidence', label, ...details });
  }

  action(key: string, label: string, details: Omit<ActionAttributes, 'kind' | 'label'> = {}): string {
    return this.node(key, { kind: 'action', label, ...details });
  }

  /** `cause` leads to `effect` (a cause or a problem); `group` for causes that act only together. */
  causes(cause: string, effect: string, group?: string): string {
    return this.edge('causes', cause, effect, group === undefined ? { kind: 'causes' } : { kind: 'causes', group });
  }

  supports(evidence: string, cause: string): string {
    return this.edge('supports', evidence, cause, { kind: 'supports' });
  }

  refutes(evidence: string, cause: string): string {
    return this.edge('refutes', evidence, cause, { kind: 'refutes' });
  }

  addresses(action: string, cause: string): string {
    return this.edge('addresses', action, cause, { kind: 'addresses' });
  }

  private edge(kind: EdgeKind, source: string, target: string, attributes: EdgeAttributes): string {
    for (const end of [source, target]) {
      if (!this.graph.hasNode(end)) throw new ThroughlineError('rca-unknown-node', `${kind} ${source} → ${target}: there is no node "${end}"`);
    }
    const key = edgeKey(kind, source, target);
    if (this.graph.hasEdge(key)) return key;
    this.graph.addDirectedEdgeWithKey(key, source, target, attributes);
    return key;
  }
}

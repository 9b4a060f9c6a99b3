/**
 * analyseRca: what an RCA investigator must check before the analysis can stand — the graph is
 * valid (no unknown references, self-loops or cycles; every cause leads to a problem; evidence
 * exists in the chronology and the review scope), which causes are root causes, ALL causal paths
 * from them to each problem (counted exactly, in linear time on the DAG — Σ over in-edges in
 * topological order, BigInt — and listed up to a limit), each cause's leverage (its share of
 * those paths), evidence (unconfirmed and refuted causes), actions (root causes without one,
 * actions aimed only at symptoms, weak-only plans), depth (shallow chains, chains that stop at
 * human error), the five rules for causal statements, and the framework's categories with no
 * cause. Pure: the graph (and optionally the merged timeline) in, a report out.
 */
import type { Timeline } from '../model/types.js';
import { inScope } from '../timeline/scope.js';
import type { RcaIssue } from './issues.js';
import { isRootCause, isUnconfirmed, type ActionAttributes, type CauseAttributes, type CauseGraph } from './model.js';

/** The version of the RCA report JSON. */
export const RCA_REPORT_VERSION = '1.0';
/** Paths listed per problem unless told otherwise (all are counted). */
export const DEFAULT_PATH_LIMIT = 50;
/** A why-chain shorter than this many steps is usually shallow. */
export const SHALLOW_STEPS = 3;

export interface FrameworkLike {
  id: string;
  name: string;
  categories: ReadonlyArray<{ id: string; label: string }>;
  /** The framework's category a written category names, or undefined. */
  categoryOf: (text: string) => string | undefined;
}

export interface RcaOptions {
  timeline?: Timeline;
  framework?: FrameworkLike;
  pathLimit?: number;
}

export interface ProblemFinding {
  problem: string;
  label: string;
  rootCauses: string[];
  rootCauseCount: number;
  /** Root-cause-to-problem paths, exact, as a decimal string. */
  pathCount: string;
  paths: string[][];
  pathsTruncated: boolean;
  /** Steps in the longest why-chain from a root cause to this problem. */
  depth: number;
}

export interface LeverageFinding {
  cause: string;
  label: string;
  /** Share of all root-to-problem paths that pass through the cause (0–1). */
  share: number;
  paths: string;
}

export interface LintFinding {
  cause: string;
  rule: 'vague-wording' | 'human-error-root' | 'procedure-violation-root' | 'failure-to-act-without-duty';
  message: string;
}

export interface RcaReport {
  version: string;
  title?: string;
  framework?: string;
  counts: { problems: number; causes: number; evidence: number; actions: number; edges: number };
  problems: ProblemFinding[];
  cycles: string[][];
  validation: RcaIssue[];
  unconfirmed: string[];
  refuted: Array<{ cause: string; evidence: string[] }>;
  evidence: { unknownEvents: Array<{ evidence: string; event: string }>; outOfScope: Array<{ evidence: string; event: string }> };
  leverage: LeverageFinding[];
  actions: {
    rootCausesWithoutAction: string[];
    symptomOnly: string[];
    weakOnly: boolean;
    byStrength: { stronger: number; intermediate: number; weaker: number; unstated: number };
  };
  depth: { shallow: Array<{ cause: string; steps: number }>; stopsAtHumanError: string[] };
  lint: LintFinding[];
  categories: { uncovered: string[]; unknown: Array<{ cause: string; category: string }> };
  errors: number;
}

const VAGUE = /\b(poor(?:ly)?|inadequate(?:ly)?|insufficient(?:ly)?|failed to|failure to|lack of|ineffective(?:ly)?|improper(?:ly)?|careless(?:ly)?|sub-?optimal|bad(?:ly)?|wrong(?:ly)?|not good enough|unsatisfactory)\b/i;
const HUMAN_ERROR = /\bhuman error\b|\b(?:mistake|oversight|forgot|error by|misread|slip|lapse)\b/i;
const PROCEDURE_VIOLATION = /\b(?:did not follow|didn'?t follow|not in line with|contrary to|breach(?:ed)? of|violat\w*|non-?complian\w*)\b/i;
const FAILURE_TO_ACT = /\b(?:did not|didn'?t|failed to|was not|were not|no one|nobody)\s+(?:act|refer\w*|share\w*|visit\w*|escalat\w*|check\w*|follow(?:ed)? up|respond\w*|record\w*|invit\w*|consult\w*|inform\w*|attend\w*)\b/i;

/** Strongly connected components with more than one node, each reduced to one cycle through it. */
function findCycles(nodes: readonly string[], next: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative (deep graphs must not exhaust the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; child: number }> = [{ node: start, child: 0 }];
    index.set(start, counter); low.set(start, counter); counter++;
    stack.push(start); onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const children = next.get(frame.node) ?? [];
      if (frame.child < children.length) {
        const w = children[frame.child++]!;
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter); counter++;
          stack.push(w); onStack.add(w);
          work.push({ node: w, child: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== frame.node);
        if (component.length > 1) components.push(component);
      }
    }
  }
  // One concrete cycle per component, starting at its smallest key (so the report is stable).
  return components.map((component) => {
    const members = new Set(component);
    const first = [...component].sort()[0]!;
    const parent = new Map<string, string>();
    const queue = [first];
    const seen = new Set([first]);
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of (next.get(v) ?? []).filter((x) => members.has(x)).sort()) {
        if (w === first) {
          const cycle = [v];
          for (let u = v; u !== first; u = parent.get(u)!) cycle.push(parent.get(u)!);
          return cycle.reverse();
        }
        if (!seen.has(w)) { seen.add(w); parent.set(w, v); queue.push(w); }
      }
    }
    return [first];
  }).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

export function analyseRca(graph: CauseGraph, options: RcaOptions = {}): RcaReport {
  const limit = options.pathLimit ?? DEFAULT_PATH_LIMIT;
  const validation: RcaIssue[] = [];
  const label = (key: string): string => graph.getNodeAttribute(key, 'label');
  const causes = graph.filterNodes((_, a) => a.kind === 'cause').sort();
  const problems = graph.filterNodes((_, a) => a.kind === 'problem').sort();
  const actions = graph.filterNodes((_, a) => a.kind === 'action').sort();
  const evidence = graph.filterNodes((_, a) => a.kind === 'evidence').sort();

  // The causal graph: cause → effect. Self-loops and edges inside a cycle are reported and left
  // out of the counting, which needs a DAG.
  const next = new Map<string, string[]>();
  const prev = new Map<string, string[]>();
  const causal = [...causes, ...problems];
  for (const k of causal) { next.set(k, []); prev.set(k, []); }
  graph.forEachEdge((_, a, source, target) => {
    if (a.kind !== 'causes') return;
    if (source === target) {
      validation.push({ severity: 'error', code: 'rca-self-loop', message: `"${label(source)}" (${source}) is given as its own cause`, nodes: [source] });
      return;
    }
    next.get(source)!.push(target);
    prev.get(target)!.push(source);
  });
  for (const list of next.values()) list.sort();
  for (const list of prev.values()) list.sort();
  const cycles = findCycles(causal, next);
  const inCycle = new Set(cycles.flatMap((c) => c));
  for (const c of cycles) {
    validation.push({ severity: 'error', code: 'rca-cycle', message: `a cycle of causes: ${[...c, c[0]].join(' → ')}; path counts leave these causes out`, nodes: c });
  }
  const dagNext = (k: string): string[] => (inCycle.has(k) ? [] : next.get(k)!.filter((w) => !inCycle.has(w)));
  const dagPrev = (k: string): string[] => (inCycle.has(k) ? [] : prev.get(k)!.filter((w) => !inCycle.has(w)));

  // Topological order (Kahn) of the acyclic part.
  const indegree = new Map(causal.map((k) => [k, dagPrev(k).length]));
  const order: string[] = [];
  const ready = causal.filter((k) => !inCycle.has(k) && indegree.get(k) === 0);
  while (ready.length > 0) {
    const v = ready.pop()!;
    order.push(v);
    for (const w of dagNext(v)) {
      const d = indegree.get(w)! - 1;
      indegree.set(w, d);
      if (d === 0) ready.push(w);
    }
  }

  // Root causes: causes with no cause upstream of them.
  const roots = causes.filter((k) => isRootCause(graph, k));
  const isRoot = new Set(roots);
  // Paths from any root to each node, and the longest chain (steps) from a root.
  const fromRoots = new Map<string, bigint>();
  const longest = new Map<string, number>();
  for (const v of order) {
    let n = isRoot.has(v) ? 1n : 0n;
    let steps = isRoot.has(v) ? 0 : Number.NEGATIVE_INFINITY;
    for (const u of dagPrev(v)) {
      n += fromRoots.get(u)!;
      steps = Math.max(steps, longest.get(u)! + 1);
    }
    fromRoots.set(v, n);
    longest.set(v, steps);
  }

  const problemFindings: ProblemFinding[] = [];
  const through = new Map<string, bigint>(causes.map((c) => [c, 0n]));
  let allPaths = 0n;
  const reachesAnyProblem = new Set<string>();
  const longestChain = new Map<string, number>();
  for (const p of problems) {
    // Paths from each node to this problem, by the reverse order.
    const toProblem = new Map<string, bigint>();
    const stepsTo = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i]!;
      let n = v === p ? 1n : 0n;
      let steps = v === p ? 0 : Number.NEGATIVE_INFINITY;
      for (const w of dagNext(v)) {
        n += toProblem.get(w) ?? 0n;
        steps = Math.max(steps, (stepsTo.get(w) ?? Number.NEGATIVE_INFINITY) + 1);
      }
      toProblem.set(v, n);
      stepsTo.set(v, steps);
    }
    for (const r of roots) longestChain.set(r, Math.max(longestChain.get(r) ?? Number.NEGATIVE_INFINITY, stepsTo.get(r) ?? Number.NEGATIVE_INFINITY));
    // With a cycle, a cause may reach the problem only through it (upstream of it or inside it):
    // that cause is connected, however its paths are counted.
    const viaCycle = inCycle.size > 0 ? reachingThrough(p, next) : undefined;
    const reaching = causes.filter((c) => (toProblem.get(c) ?? 0n) > 0n || viaCycle?.has(c) === true);
    for (const c of reaching) reachesAnyProblem.add(c);
    const rootCauses = roots.filter((r) => (toProblem.get(r) ?? 0n) > 0n);
    const total = fromRoots.get(p) ?? 0n;
    allPaths += total;
    for (const c of causes) through.set(c, through.get(c)! + (fromRoots.get(c) ?? 0n) * (toProblem.get(c) ?? 0n));
    const { paths, truncated } = listPaths(rootCauses, p, (k) => dagNext(k).filter((w) => (toProblem.get(w) ?? 0n) > 0n), limit);
    problemFindings.push({
      problem: p, label: label(p), rootCauses, rootCauseCount: rootCauses.length, pathCount: total.toString(), paths,
      pathsTruncated: truncated, depth: Number.isFinite(longest.get(p)) ? longest.get(p)! : 0,
    });
  }
  for (const c of causes) {
    if (!reachesAnyProblem.has(c)) validation.push({ severity: 'error', code: 'rca-not-connected', message: `"${label(c)}" (${c}) does not lead to any problem`, nodes: [c] });
  }
  if (problems.length === 0) validation.push({ severity: 'error', code: 'rca-no-problem', message: 'the analysis has no problem (the incident or outcome being explained)' });

  const leverage: LeverageFinding[] = allPaths === 0n ? [] : causes
    .filter((c) => through.get(c)! > 0n)
    .map((c) => ({ cause: c, label: label(c), share: ratio(through.get(c)!, allPaths), paths: through.get(c)!.toString() }))
    .sort((a, b) => b.share - a.share || (a.cause < b.cause ? -1 : 1));

  // Evidence.
  const refuted = new Map<string, string[]>();
  graph.forEachEdge((_, a, source, target) => {
    if (a.kind === 'refutes') refuted.set(target, [...(refuted.get(target) ?? []), source]);
  });
  const unconfirmed = causes.filter((c) => isUnconfirmed(graph, c));
  const unknownEvents: RcaReport['evidence']['unknownEvents'] = [];
  const outOfScope: RcaReport['evidence']['outOfScope'] = [];
  if (options.timeline) {
    const events = new Map(options.timeline.events.map((e) => [e.id, e]));
    const scope = options.timeline.scope;
    for (const ev of evidence) {
      const event = (graph.getNodeAttributes(ev) as { event?: string }).event;
      if (event === undefined) continue;
      const e = events.get(event);
      if (!e) {
        unknownEvents.push({ evidence: ev, event });
        validation.push({ severity: 'error', code: 'rca-unknown-event', message: `evidence ${ev} cites event "${event}", which is not in the chronology`, nodes: [ev] });
        continue;
      }
      const outside = e.flags.includes('out-of-scope') || !inScope(e, scope);
      if (outside) {
        outOfScope.push({ evidence: ev, event });
        validation.push({ severity: 'warning', code: 'rca-evidence-out-of-scope', message: `evidence ${ev} cites ${event}, outside the review scope`, nodes: [ev] });
      }
    }
  }

  // Actions.
  const addressed = new Map<string, string[]>();
  graph.forEachEdge((_, a, source, target) => { if (a.kind === 'addresses') addressed.set(source, [...(addressed.get(source) ?? []), target]); });
  const actionTargets = new Set([...addressed.values()].flat());
  const rootCausesWithoutAction = roots.filter((r) => !actionTargets.has(r));
  const symptomOnly = actions.filter((a) => !(addressed.get(a) ?? []).some((c) => isRoot.has(c)));
  const byStrength = { stronger: 0, intermediate: 0, weaker: 0, unstated: 0 };
  for (const a of actions) byStrength[(graph.getNodeAttributes(a) as ActionAttributes).strength ?? 'unstated']++;
  const weakOnly = actions.length > 0 && byStrength.weaker === actions.length;

  // Depth and lint.
  const causeAttrs = (c: string): CauseAttributes => graph.getNodeAttributes(c) as CauseAttributes;
  const isHumanError = (c: string): boolean => causeAttrs(c).type === 'human-error' || HUMAN_ERROR.test(label(c));
  const shallow = roots
    .map((r) => ({ cause: r, steps: longestChain.get(r) ?? Number.NEGATIVE_INFINITY }))
    .filter((x) => Number.isFinite(x.steps) && x.steps < SHALLOW_STEPS);
  const stopsAtHumanError = roots.filter(isHumanError);
  const lint: LintFinding[] = [];
  for (const c of causes) {
    const text = label(c);
    const vague = VAGUE.exec(text);
    if (vague) lint.push({ cause: c, rule: 'vague-wording', message: `"${vague[0]}" is a vague negative: say specifically what happened and what it led to` });
    if (isRoot.has(c) && isHumanError(c)) lint.push({ cause: c, rule: 'human-error-root', message: 'a human error is not a root cause on its own: ask why the error happened (what preceded it)' });
    if (isRoot.has(c) && (causeAttrs(c).type === 'procedure-violation' || PROCEDURE_VIOLATION.test(text))) {
      lint.push({ cause: c, rule: 'procedure-violation-root', message: 'a procedure violation is not a root cause: ask why the procedure was not followed' });
    }
    if ((causeAttrs(c).type === 'failure-to-act' || FAILURE_TO_ACT.test(text)) && !causeAttrs(c).duty) {
      lint.push({ cause: c, rule: 'failure-to-act-without-duty', message: 'a failure to act is causal only where there was a duty to act: state the duty ({duty: …})' });
    }
  }

  // Categories of the chosen framework.
  const categories: RcaReport['categories'] = { uncovered: [], unknown: [] };
  if (options.framework) {
    const used = new Set<string>();
    for (const c of causes) {
      const written = causeAttrs(c).category;
      if (written === undefined) continue;
      const id = options.framework.categoryOf(written);
      if (id === undefined) categories.unknown.push({ cause: c, category: written });
      else used.add(id);
    }
    categories.uncovered = options.framework.categories.filter((k) => !used.has(k.id)).map((k) => k.id);
    for (const u of categories.unknown) {
      validation.push({ severity: 'warning', code: 'rca-unknown-category', message: `"${u.category}" (${u.cause}) is not a category of ${options.framework.name}`, nodes: [u.cause] });
    }
  }

  const title = graph.getAttribute('title');
  const report: RcaReport = {
    version: RCA_REPORT_VERSION,
    ...(title !== undefined ? { title } : {}),
    ...(options.framework ? { framework: options.framework.id } : {}),
    counts: { problems: problems.length, causes: causes.length, evidence: evidence.length, actions: actions.length, edges: graph.size },
    problems: problemFindings,
    cycles,
    validation,
    unconfirmed,
    refuted: [...refuted].map(([cause, ev]) => ({ cause, evidence: ev.sort() })).sort((a, b) => (a.cause < b.cause ? -1 : 1)),
    evidence: { unknownEvents, outOfScope },
    leverage,
    actions: { rootCausesWithoutAction, symptomOnly, weakOnly, byStrength },
    depth: { shallow, stopsAtHumanError },
    lint,
    categories,
    errors: validation.filter((v) => v.severity === 'error').length,
  };
  return report;
}

/** a / b for BigInts as a number, exact enough for a share even when both exceed 2^53. */
function ratio(a: bigint, b: bigint): number {
  const SCALE = 10n ** 12n;
  return Number((a * SCALE) / b) / Number(SCALE);
}

/** Every node that leads to `problem` through the full graph, cycles included (a walk back along its edges). */
function reachingThrough(problem: string, next: Map<string, string[]>): Set<string> {
  const previous = new Map<string, string[]>();
  for (const [v, ws] of next) for (const w of ws) previous.set(w, [...(previous.get(w) ?? []), v]);
  const seen = new Set([problem]);
  const stack = [problem];
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const u of previous.get(v) ?? []) if (!seen.has(u)) { seen.add(u); stack.push(u); }
  }
  return seen;
}

/**
 * Up to `limit` root-to-problem paths, in a stable order, and whether there were more. `next`
 * only offers steps that still lead to the problem, so every step of the walk is on a path and
 * listing costs O(limit × depth) however many paths there are. Iterative: chains can be deep.
 */
function listPaths(roots: readonly string[], problem: string, next: (k: string) => string[], limit: number): { paths: string[][]; truncated: boolean } {
  const paths: string[][] = [];
  for (const root of roots) {
    const path: string[] = [root];
    const choices: string[][] = [root === problem ? [] : next(root)];
    const chosen: number[] = [0];
    if (root === problem) paths.push([root]);
    while (path.length > 0) {
      const depth = path.length - 1;
      const options = choices[depth]!;
      if (chosen[depth]! >= options.length) { path.pop(); choices.pop(); chosen.pop(); continue; }
      const w = options[chosen[depth]!++]!;
      if (w === problem) {
        if (paths.length === limit) return { paths, truncated: true };
        paths.push([...path, w]);
        continue;
      }
      path.push(w);
      choices.push(next(w));
      chosen.push(0);
    }
  }
  return { paths, truncated: false };
}

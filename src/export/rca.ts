/** The RCA report for a person: what the analysis establishes and what must be fixed before it can stand. */
import type { RcaReport } from '../rca/analyse.js';
import type { CauseGraph } from '../rca/model.js';
import { markdownTable } from './markdown.js';
import { count } from '../model/words.js';

export function* rcaMarkdownChunks(report: RcaReport, graph: CauseGraph): Generator<string> {
  const label = (k: string): string => (graph.hasNode(k) ? `${graph.getNodeAttribute(k, 'label')} (${k})` : k);
  const list = (keys: readonly string[]): string => (keys.length === 0 ? 'none' : keys.map(label).join('; '));
  const c = report.counts;
  yield `# Root cause analysis${report.title ? `: ${report.title}` : ''}\n\n${count(c.problems, 'problem')}, ${count(c.causes, 'cause')}, ${count(c.evidence, 'piece of evidence', 'pieces of evidence')}, ${count(c.actions, 'action')}`
    + `${report.framework ? `; framework: ${report.framework}` : ''}. ${report.errors === 0 ? 'The graph is valid.' : `**${count(report.errors, 'error')} must be fixed.**`}\n\n`;
  if (report.validation.length > 0) {
    yield `## Validation\n\n${markdownTable(['Severity', 'Code', 'Message'], report.validation.map((v) => [v.severity, v.code, `${v.line ? `line ${v.line}: ` : ''}${v.message}`]))}\n`;
  }
  for (const p of report.problems) {
    yield `## ${p.label} (${p.problem})\n\n${count(p.rootCauseCount, 'root cause')}: ${list(p.rootCauses)}.\n\n`
      + `${count(p.pathCount, 'causal path')} from root causes to this problem; the longest why-chain has ${count(p.depth, 'step')}.`
      + `${p.pathsTruncated ? ` The first ${p.paths.length} are listed.` : ''}\n\n`
      + p.paths.map((path) => `- ${path.map((k) => graph.hasNode(k) ? graph.getNodeAttribute(k, 'label') : k).join(' → ')}`).join('\n') + '\n\n';
  }
  if (report.leverage.length > 0) {
    yield `## Leverage\n\nShare of all root-cause-to-problem paths through each cause (highest first):\n\n${markdownTable(['Cause', 'Share', 'Paths'], report.leverage.slice(0, 15).map((l) => [label(l.cause), `${(l.share * 100).toFixed(1)}%`, l.paths]))}\n`;
  }
  yield `## Evidence\n\nUnconfirmed (no supporting evidence): ${list(report.unconfirmed)}.\n\n`
    + `Refuted: ${report.refuted.length === 0 ? 'none' : report.refuted.map((r) => `${label(r.cause)} by ${r.evidence.join(', ')}`).join('; ')}.\n\n`
    + `${report.evidence.unknownEvents.length > 0 ? `Evidence citing events not in the chronology: ${report.evidence.unknownEvents.map((e) => `${e.evidence} → ${e.event}`).join(', ')}.\n\n` : ''}`
    + `${report.evidence.outOfScope.length > 0 ? `Evidence outside the review scope: ${report.evidence.outOfScope.map((e) => `${e.evidence} → ${e.event}`).join(', ')}.\n\n` : ''}`;
  const a = report.actions;
  yield `## Actions\n\nRoot causes without an action: ${list(a.rootCausesWithoutAction)}.\n\nActions aimed only at symptoms: ${list(a.symptomOnly)}.\n\n`
    + `Strength (RCA2): ${a.byStrength.stronger} stronger, ${a.byStrength.intermediate} intermediate, ${a.byStrength.weaker} weaker, ${a.byStrength.unstated} unstated.`
    + `${a.weakOnly ? ' **Every action is weak** (training, policy, warnings): such plans are the least often implemented and the least effective.' : ''}\n\n`;
  yield `## Depth\n\nWhy-chains shorter than three steps: ${report.depth.shallow.length === 0 ? 'none' : report.depth.shallow.map((s) => `${label(s.cause)} (${s.steps})`).join('; ')}.\n\n`
    + `Chains that stop at human error: ${list(report.depth.stopsAtHumanError)}.\n\n`;
  if (report.lint.length > 0) yield `## Causal statements\n\n${markdownTable(['Cause', 'Rule', 'Advice'], report.lint.map((l) => [label(l.cause), l.rule, l.message]))}\n`;
  if (report.framework) {
    yield `## Categories\n\nCategories of ${report.framework} with no cause (areas possibly not investigated): ${report.categories.uncovered.length === 0 ? 'none' : report.categories.uncovered.join(', ')}.\n`;
  }
}

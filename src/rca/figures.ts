/**
 * The analysis a diagram draws, for a caller with no report to hand. The diagrams (viz/svg) draw
 * what they are given and run no analysis of their own: this is their one way into it.
 */
import { analyseRca, type RcaReport } from './analyse.js';
import type { CauseGraph } from './model.js';

/** What the cause graph shows of the analysis: each cause's leverage (analyseRca's report will do). */
export type CauseGraphReport = Pick<RcaReport, 'leverage'>;

/** The leverage of every cause, counted without listing any path. */
export function causeGraphReport(graph: CauseGraph): CauseGraphReport {
  return { leverage: analyseRca(graph, { pathLimit: 0 }).leverage };
}

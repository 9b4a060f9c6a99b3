/** A finding about a cause graph or its source text: for machines a code, for people a message. */
export interface RcaIssue {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  /** The line of the why-chain text or fishbone CSV, when the graph came from one. */
  line?: number;
  /** The node keys concerned. */
  nodes?: string[];
}

/** A graph read from a file, with what was wrong in the file. */
export interface ReadGraph<G> {
  graph: G;
  issues: RcaIssue[];
}

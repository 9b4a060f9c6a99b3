/** The bundled demo case merged as the CLI's `throughline demo` merges it, for tests that need its ids. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileSlugs, ingest } from '../../src/ingest/ingest.js';
import { merge, type MergeOptions } from '../../src/timeline/merge.js';
import type { Timeline } from '../../src/model/types.js';

export const DEMO_DIR = 'fixtures/demo';
/** The one demo file whose agency its name cannot give. */
export const DEMO_AGENCIES: Record<string, string> = { 'csc_case_notes.csv': "Children's Social Care" };

export function demoFiles(): string[] {
  return readdirSync(DEMO_DIR).filter((f) => f.endsWith('.csv')).sort().map((f) => join(DEMO_DIR, f));
}

export function demoTimeline(options: MergeOptions = {}): Timeline {
  const files = demoFiles();
  const slugs = fileSlugs(files);
  return merge(files.map((file, i) => ingest({ file, content: readFileSync(file) }, {
    idPrefix: slugs[i], agency: DEMO_AGENCIES[file.replace(/^.*[\\/]/, '')],
  })), options);
}

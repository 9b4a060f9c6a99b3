/** The bundled demo case merged as the CLI's `throughline demo` merges it, for tests that need its ids. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileSlugs, ingest } from '../../src/ingest/ingest.js';
import { validateProfiles } from '../../src/ingest/profile.js';
import { merge, type MergeOptions } from '../../src/timeline/merge.js';
import type { Timeline } from '../../src/model/types.js';

export const DEMO_DIR = 'fixtures/demo';
/** The demo folder's own profile (the agency the CSC file's name cannot give), as the CLI reads it. */
export const DEMO_PROFILES = validateProfiles(JSON.parse(readFileSync(join(DEMO_DIR, 'throughline.profile.json'), 'utf8')), 'throughline.profile.json');

export function demoFiles(): string[] {
  return readdirSync(DEMO_DIR).filter((f) => f.endsWith('.csv')).sort().map((f) => join(DEMO_DIR, f));
}

export function demoTimeline(options: MergeOptions = {}): Timeline {
  const files = demoFiles();
  const slugs = fileSlugs(files);
  return merge(files.map((file, i) => ingest({ file, content: readFileSync(file) }, {
    idPrefix: slugs[i], profiles: DEMO_PROFILES,
  })), options);
}

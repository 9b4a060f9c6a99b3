/** The `throughline` command run as a report author runs it, and temporary folders removed after. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { demoFiles } from './demo.js';

export const BIN = join(process.cwd(), 'bin', 'throughline.js');
/** The demo case's agency files, as `fixtures/demo/*.csv` lists them. */
export const DEMO = demoFiles();

/** Runs the built command with the tests' time zone; its exit status and both streams as text. */
export function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Europe/London' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A maker of temporary folders named `throughline-<name>-…`, each removed when the file's tests end. */
export function tempFolders(name: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `throughline-${name}-`));
    made.push(dir);
    return dir;
  };
}

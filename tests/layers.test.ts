/**
 * The arrows between layers, read from the import lines: the calendar belongs to the model, the
 * ingest layer is reached only by the adapters and the RCA table reader, and renderers draw what
 * they are given.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import of a file, as a path from the project root without its extension; type-only ones marked. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const out: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gm)) {
    out.push({ target: normalize(join(dirname(file), m[2]!)).replace(/\.js$/, ''), typeOnly: m[1] !== undefined });
  }
  return out;
}

const FILES = ['src', 'viz', 'bench', 'server'].flatMap(sources);
const arrows = FILES.flatMap((from) => importsOf(from).map((i) => ({ from: relative('.', from).replace(/\.ts$/, ''), ...i })));
const into = (prefix: string): typeof arrows => arrows.filter((a) => a.target.startsWith(prefix) && !a.from.startsWith(prefix));

describe('the layers', () => {
  it('reads the import lines (a check that sees nothing proves nothing)', () => {
    expect(FILES.length).toBeGreaterThan(40);
    expect(arrows.length).toBeGreaterThan(150);
    expect(arrows).toContainEqual({ from: 'src/timeline/merge', target: 'src/timeline/links', typeOnly: false });
    // A type-only import is told apart, or the type-only rule below could pass on nothing.
    expect(arrows).toContainEqual({ from: 'src/ingest/arguments', target: 'src/timeline/scope', typeOnly: true });
  });
  it('the ingest layer is reached only from the adapters (CLI, server, library entry, benchmarks), what they share (src/review) and the RCA table reader', () => {
    const allowed = (from: string): boolean => from.startsWith('src/cli/') || from.startsWith('bench/') || from.startsWith('server/')
      || from === 'src/index' || from === 'src/rca/fishbone' || from.startsWith('src/review/');
    const found = into('src/ingest/');
    // The arrows the rule allows are seen (the library entry, the CLI, the RCA table reader).
    expect([...new Set(found.map((a) => a.from))]).toEqual(expect.arrayContaining(['src/index', 'src/review/chronology', 'src/cli/main', 'src/rca/fishbone']));
    expect(found.filter((a) => !allowed(a.from))).toEqual([]);
  });
  it('the core and the renderers never reach the server: it is an adapter beside the CLI', () => {
    const server = arrows.filter((a) => a.from.startsWith('server/'));
    // The server is read (it imports the core).
    expect(server).toContainEqual({ from: 'server/derived', target: 'src/review/chronology', typeOnly: true });
    // The benchmarks may start one in process (bench/app.ts); the core and the renderers never reach it.
    expect(arrows).toContainEqual({ from: 'bench/app', target: 'server/app', typeOnly: false });
    expect(arrows.filter((a) => a.target.startsWith('server/') && (a.from.startsWith('src/') || a.from.startsWith('viz/')))).toEqual([]);
  });
  it('the model imports nothing but the model', () => {
    const model = arrows.filter((a) => a.from.startsWith('src/model/'));
    expect(model).toContainEqual({ from: 'src/model/calendar', target: 'src/model/types', typeOnly: true });
    expect(model.filter((a) => !a.target.startsWith('src/model/'))).toEqual([]);
  });
  it('the calendar is the model\'s: analytics, exports, links and renderers take it from there', () => {
    const calendar = into('src/model/calendar').map((a) => a.from);
    for (const user of ['src/analytics/gaps', 'src/export/rows', 'src/timeline/links', 'src/ingest/dates', 'viz/svg/timeline']) expect(calendar).toContain(user);
  });
  it('the ingest layer reaches later layers only for their types', () => {
    const up = arrows.filter((a) => a.from.startsWith('src/ingest/') && /^src\/(timeline|analytics|export|rca)\//.test(a.target));
    // There are such imports (e.g. the scope's type, for the arguments), and all are type-only.
    expect(up).toContainEqual({ from: 'src/ingest/arguments', target: 'src/timeline/scope', typeOnly: true });
    expect(up.filter((a) => !a.typeOnly)).toEqual([]);
  });
  it('renderers run no analysis: viz/svg never imports an analyse module or the ingest layer', () => {
    const viz = arrows.filter((a) => a.from.startsWith('viz/svg/'));
    expect(viz.length).toBeGreaterThan(10);
    expect(viz).toContainEqual({ from: 'viz/svg/causes', target: 'src/rca/model', typeOnly: false });
    expect(viz.filter((a) => /\/analyse$|^src\/ingest\//.test(a.target))).toEqual([]);
  });
});

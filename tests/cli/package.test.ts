/** The package as others use it: `import { ingest, merge } from 'throughline'`, pure core. */
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the throughline package', () => {
  it('exports ingest and merge under its own name', async () => {
    const lib = await import('throughline');
    const c = lib.ingest({ file: 'gp.csv', content: 'Date,Event\n01/02/2021,Seen\n' });
    expect(lib.merge([c]).events[0]).toMatchObject({ id: 'gp-2', agency: 'GP', summary: 'Seen' });
  });
  it('keeps the core free of file system, process and clock access', () => {
    const core = sources('src').filter((f) => !f.startsWith(join('src', 'cli')));
    expect(core.length).toBeGreaterThan(10);
    // The modules that would be tempted most are among those checked.
    expect(core).toEqual(expect.arrayContaining(['src/ingest/ingest.ts', 'src/ingest/decode.ts', 'src/timeline/merge.ts', 'src/export/json.ts', 'src/rca/fishbone.ts'].map((f) => join(...f.split('/')))));
    for (const file of core) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:)?(fs|path|os|child_process|process)['"]/);
      expect(text, file).not.toMatch(/\bprocess\.|Date\.now\(|new Date\(\)/);
    }
  });
  it('runs the README\'s library example, as written, against the built package', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const example = /The same functions are a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toMatch(/from 'throughline'/);
    const bytes = (name: string): string => `new Uint8Array(${JSON.stringify([...readFileSync(join('fixtures/demo', name))])})`;
    const source = `const policeBytes = ${bytes('police.csv')};\nconst gpBytes = ${bytes('gp.csv')};\n${example!}\n`
      + 'export { timeline, json, analysis, svg, report, causesSvg };\n';
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    // Inside the package folder, so that 'throughline' is the package itself, as a user's import finds it.
    const file = resolve('dist', 'readme-example.mjs');
    writeFileSync(file, js);
    try {
      const m = await import(pathToFileURL(file).href) as Record<string, any>;
      expect(m.timeline.scope).toEqual({ from: '2021-01-01', to: '2022-12-31', includeOutOfScope: false });
      expect(m.timeline.files.map((f: { agency: string }) => f.agency)).toEqual(['Police', 'GP']);
      expect(JSON.parse(m.json).events).toHaveLength(m.timeline.events.length);
      expect(m.analysis.child.dob).toBe('2019-08-14');
      expect(m.svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(m.report.problems[0]).toMatchObject({ rootCauses: ['c1'], pathCount: '1' });
      expect(m.report.actions.rootCausesWithoutAction).toEqual([]);
      // The statement, wrapped over lines, whole.
      const words = [...m.causesSvg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]).join(' ');
      expect(words).toContain('No single agency held the whole picture of the bruising');
    } finally {
      rmSync(file, { force: true });
    }
  });
});

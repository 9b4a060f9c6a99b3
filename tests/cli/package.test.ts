/** The package as others use it: `import { ingest, merge } from 'throughline'`, pure core. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
    for (const file of core) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:)?(fs|path|os|child_process|process)['"]/);
      expect(text, file).not.toMatch(/\bprocess\.|Date\.now\(|new Date\(\)/);
    }
  });
});

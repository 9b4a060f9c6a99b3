/**
 * The anonymisation proof: no person the demo's glossary names appears anywhere in the bytes of
 * any published output of the demo case (merge as JSON, CSV and Markdown; analyse as JSON and
 * Markdown; every diagram as SVG), read as a whole word in any case and with or without accents,
 * while the same outputs made without --anonymise do hold the names (so the check can fail).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, run, tempFolders } from '../helpers/cli.js';
import { DEMO_GLOSSARY, DEMO_PEOPLE, namesIn } from '../helpers/names.js';

const GLOSSARY = DEMO_GLOSSARY;
const PEOPLE = DEMO_PEOPLE;
const folder = tempFolders('anonymise');

const OUTPUTS: Array<[string, string[]]> = [
  ['merged.json', ['merge', ...DEMO]], ['merged.csv', ['merge', ...DEMO]], ['merged.md', ['merge', ...DEMO]],
  ['analysis.json', ['analyse', ...DEMO, '--child', 'L,Lacey']], ['analysis.md', ['analyse', ...DEMO, '--child', 'L,Lacey']],
  ['timeline.svg', ['render', 'timeline', ...DEMO, '--child', 'L,Lacey']], ['heatmap.svg', ['render', 'heatmap', ...DEMO]],
  ['knowledge.svg', ['render', 'knowledge', ...DEMO]],
  ['whys.svg', ['render', 'whys', 'fixtures/rca/child-l.whys.txt']], ['fishbone.svg', ['render', 'fishbone', 'fixtures/rca/child-l.whys.txt']],
  ['causes.svg', ['render', 'causes', 'fixtures/rca/child-l.whys.txt']],
];

describe('--anonymise on the demo case', () => {
  let dir: string;
  beforeAll(() => { dir = folder(); });

  it('the glossary names 56 people, and the outputs made without --anonymise hold names of them', () => {
    expect(PEOPLE).toHaveLength(56);
    expect(PEOPLE).toContain('Zoë');
    const plain = join(folder(), 'merged.json');
    expect(run([...OUTPUTS[0]![1], '-o', plain]).status).toBe(0);
    expect(namesIn(readFileSync(plain, 'utf8'))).toEqual(expect.arrayContaining(['Kerry', 'Dean Holt', 'Zoë', 'Sarah Lowe', 'DC 4417 Frost', 'Dr A. Brooks', 'José Martínez']));
  });

  it.each(OUTPUTS)('%s holds no name of the glossary', (file, args) => {
    const out = join(dir, file);
    const r = run([...args, '--glossary', GLOSSARY, '--anonymise', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.length).toBeGreaterThan(1000);
    expect(namesIn(text)).toEqual([]);
    expect(namesIn(r.stderr)).toEqual([]);
  });

  it('puts the pseudonyms where the names were', () => {
    const text = readFileSync(join(dir, 'merged.json'), 'utf8');
    for (const pseudonym of ['Mother', 'Mother\'s partner', 'Aunt Z', 'Health Visitor 1', 'Police Detective 1', 'GP 2', 'Nursery Teacher 1']) expect(text).toContain(pseudonym);
  });
});

describe('refusals', () => {
  it('--anonymise needs a glossary', () => {
    const r = run(['demo', '--anonymise']);
    expect([r.status, r.stderr]).toEqual([2, 'throughline: --anonymise needs --glossary FILE: the people to replace (a CSV with name and pseudonym columns)\n']);
  });
  it('publishes nothing while a word that looks like a name is undecided, and lists it with where', () => {
    const dir = folder();
    const out = join(dir, 'merged.json');
    // Without Dr A. Brooks (gp.csv lines 10 and 14): "Brooks" is an English word after a title.
    const glossary = join(dir, 'glossary.csv');
    writeFileSync(glossary, readFileSync(GLOSSARY, 'utf8').replace('Dr A. Brooks,GP 2,person\n', ''));
    const r = run(['demo', '--glossary', glossary, '--anonymise', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`throughline: ${glossary}: a word in what would be published looks like a person's name and is not in the glossary:\n  "Brooks" (follows a title; 2 times: fixtures/demo/gp.csv:10 (practitioner), fixtures/demo/gp.csv:14 (practitioner))\n`);
    expect(existsSync(out)).toBe(false);
  });
  it('a glossary that does not read is named with its line', () => {
    const dir = folder();
    const glossary = join(dir, 'glossary.csv');
    writeFileSync(glossary, 'name,pseudonym\nKerry,\n');
    const r = run(['demo', '--glossary', glossary, '--anonymise']);
    expect([r.status, r.stderr]).toEqual([1, `throughline: ${glossary}:2: "Kerry" has no pseudonym\n`]);
  });
});

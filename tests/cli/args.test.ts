/** The command line's own messages: unknown options, missing values, wrong commands, `-o` everywhere. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest, parseCommand, usageLine } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/io.js';
import { DEMO, run, tempFolders } from '../helpers/cli.js';

const tmp = tempFolders('args');

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and swaps as one edit each', () => {
    expect(editDistance('--from', '--from')).toBe(0);
    expect(editDistance('--frm', '--from')).toBe(1);
    expect(editDistance('--form', '--from')).toBe(1);
    expect(editDistance('--fromm', '--from')).toBe(1);
    expect(editDistance('--frum', '--from')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests within a third of the word, at least 1 and at most 3 edits', () => {
    // 5 letters allow 1 edit, 6 allow 2, 9 allow 3, and 12 still only 3.
    expect(nearest('--abX', ['--abc'])).toBe('--abc');
    expect(nearest('--aXY', ['--abc'])).toBeUndefined();
    expect(nearest('--abXY', ['--abcd'])).toBe('--abcd');
    expect(nearest('--aWXY', ['--abcd'])).toBeUndefined();
    expect(nearest('--abcdXYZ', ['--abcdefg'])).toBe('--abcdefg');
    expect(nearest('--abcWXYZ', ['--abcdefg'])).toBeUndefined();
    expect(nearest('--abcdefgXYZ', ['--abcdefghij'])).toBe('--abcdefghij');
    expect(nearest('--abcdefWXYZ', ['--abcdefghij'])).toBeUndefined();
    // The nearest of several wins; on a tie, the first listed.
    expect(nearest('--frm', ['--format', '--from', '--to'])).toBe('--from');
    expect(nearest('--tx', ['--ty', '--tz'])).toBe('--ty');
  });
  it('prefers the one option a word begins, and says nothing for a word of two letters', () => {
    expect(nearest('--inc', ['--include-out-of-scope', '--agency'])).toBe('--include-out-of-scope');
    // Two options begin "--a": neither is chosen by prefix, and both are too far by edits.
    expect(nearest('--a', ['--agency', '--agency-order'])).toBeUndefined();
    expect(nearest('rc', ['merge', 'rca', 'render'])).toBe('rca');
    expect(nearest('-x', ['-o', '-h'])).toBeUndefined();
  });
  it('finds the usage line of a help text', () => {
    expect(usageLine('title\n\nUsage: throughline <command>\nmore')).toBe('Usage: throughline <command>');
  });
});

describe('parseCommand', () => {
  const OPTIONS = { from: { type: 'string' }, child: { type: 'string', multiple: true }, strict: { type: 'boolean' }, out: { type: 'string', short: 'o' } } as const;
  const HELP = 'Usage: throughline merge <files…> [options]';
  const error = (argv: string[]): string => {
    try { parseCommand('merge', argv, OPTIONS, HELP); } catch (e) { expect(e).toBeInstanceOf(UsageError); return (e as Error).message; }
    throw new Error('no usage error');
  };
  it('reads values, lists, switches, -o and --name=value', () => {
    expect(parseCommand('merge', ['a.csv', '--from', '2021', '--child', 'L', '--child=Lacey', '--strict', '-o', 'x.md', 'b.csv'], OPTIONS, HELP)).toEqual({
      values: { from: '2021', child: ['L', 'Lacey'], strict: true, out: 'x.md' }, positionals: ['a.csv', 'b.csv'],
    });
    // A value that begins with a dash is taken when written --name=value, or when it is a number.
    expect(parseCommand('merge', ['--from=-x', '--out', '-1'], OPTIONS, HELP).values).toEqual({ from: '-x', out: '-1' });
    expect(parseCommand('merge', ['--', '--from'], OPTIONS, HELP).positionals).toEqual(['--from']);
  });
  it('names each mistake, the nearest option and the usage line', () => {
    expect(error(['--frm', '2021'])).toBe('unknown option --frm (did you mean --from?)\nUsage: throughline merge <files…> [options]\n(throughline merge --help for every option)');
    expect(error(['--from'])).toMatch(/^--from needs a value\n/);
    expect(error(['--from', '--strict'])).toMatch(/^--from needs a value, but the next word is the option --strict\n/);
    expect(error(['-o'])).toMatch(/^-o needs a value\n/);
    expect(error(['--strict=yes'])).toMatch(/^--strict is a switch and takes no value \(got "yes"\)\n/);
    expect(error(['--from', '2021', '--from', '2022'])).toMatch(/^--from is given twice \("2021" and "2022"\); give it once\n/);
    expect(error(['-x'])).toMatch(/^unknown option -x\n/);
    // A short form that is not this option's: -f is not --from.
    expect(error(['-f', '2021'])).toMatch(/^unknown option -f\n/);
  });
});

describe('every command speaks for itself', () => {
  it.each([
    ['demo', ['demo', '--fromm', '2021'], /unknown option --fromm \(did you mean --from\?\)\nUsage: throughline demo \[options\]/],
    ['merge', ['merge', ...DEMO, '--agncy', 'X=y.csv'], /unknown option --agncy \(did you mean --agency\?\)\nUsage: throughline merge <files…> \[options\]/],
    ['merge', ['merge', ...DEMO, '--from'], /--from needs a value\nUsage: throughline merge/],
    ['analyse', ['analyse', ...DEMO, '--chld', 'L'], /unknown option --chld \(did you mean --child\?\)\nUsage: throughline analyse/],
    ['analyse', ['analyse', ...DEMO, '--dob', '--child', 'L'], /--dob needs a value, but the next word is the option --child\nUsage: throughline analyse/],
    ['rca', ['rca', 'fixtures/rca/child-l.whys.txt', '--framwork', 'npsa'], /unknown option --framwork \(did you mean --framework\?\)\nUsage: throughline rca/],
    ['rca', ['rca', 'fixtures/rca/child-l.whys.txt', '--paths'], /--paths needs a value\nUsage: throughline rca/],
    ['render', ['render', 'timeline', ...DEMO, '--widthmm', '170'], /unknown option --widthmm \(did you mean --width-mm\?\)\nUsage: throughline render/],
    ['render', ['render', 'timline', ...DEMO], /unknown diagram "timline" \(did you mean timeline\?\)\nUsage: throughline render/],
    ['a command', ['mrege', ...DEMO], /unknown command "mrege" \(did you mean merge\?\)\nUsage: throughline <command> \[options\]/],
    ['help', ['help', 'rnder'], /unknown command "rnder" \(did you mean render\?\)/],
  ])('%s: %j exits 2 with its own message', (_, args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option '|\n\s+at /);
    expect(r.stdout).toBe('');
  });
  it('-o means --out on every command', () => {
    const dir = tmp();
    const out = (name: string): string => join(dir, name);
    expect(run(['demo', '-o', out('demo.json')]).status).toBe(0);
    expect(run(['merge', ...DEMO, '-o', out('merged.json')]).status).toBe(0);
    expect(readFileSync(out('merged.json'), 'utf8')).toBe(readFileSync(out('demo.json'), 'utf8'));
    expect(run(['analyse', out('merged.json'), '-o', out('analysis.md')]).status).toBe(0);
    expect(readFileSync(out('analysis.md'), 'utf8')).toMatch(/^# /);
    expect(run(['rca', 'fixtures/rca/child-l.whys.txt', '-o', out('rca.json')]).status).toBe(0);
    expect(JSON.parse(readFileSync(out('rca.json'), 'utf8'))).toHaveProperty('problems');
    expect(run(['render', 'heatmap', out('merged.json'), '-o', out('heatmap.svg')]).status).toBe(0);
    expect(readFileSync(out('heatmap.svg'), 'utf8')).toMatch(/^<\?xml|^<svg/);
  });
  it('demo --help is the demo\'s help, and demo merges what merge fixtures/demo/*.csv merges', () => {
    const help = run(['demo', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: throughline demo \[options\]/);
    expect(run(['help', 'demo']).stdout).toBe(help.stdout);
    const demo = run(['demo', '--format', 'json']);
    const merged = run(['merge', ...DEMO, '--format', 'json']);
    expect(demo.status).toBe(0);
    expect(merged.stdout).toBe(demo.stdout);
    const csc = JSON.parse(demo.stdout).files.find((f: { file: string }) => f.file.endsWith('csc_case_notes.csv'));
    expect(csc).toMatchObject({ agency: "Children's Social Care", agencyFrom: 'profile' });
  });
});

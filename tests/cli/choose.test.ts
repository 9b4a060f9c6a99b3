/** `throughline choose` end to end: the facts as options or a file, the advice, the model chosen and why. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempFolders } from '../helpers/cli.js';

const folder = tempFolders('choose');

describe('throughline choose', () => {
  it('recommends from the facts given as options, in Markdown by default', () => {
    const r = run(['choose', '--agencies', '6', '--serious-concerns', 'yes', '--national-lessons', 'Yes', '--independence', 'y']);
    expect(r.status, r.stderr).toBe(0);
    // cspr: serious concerns with 6 agencies, national lessons, independence: 3 for. Salford: 6
    // agencies. Peer review: independence. The reflective session: ruled out by independence.
    expect(r.stderr).toBe('throughline: recommended: Traditional Child Safeguarding Review model (previously Serious Case Reviews); Salford Case Discussion Tool; Peer review approach (9 of 13 questions not answered)\n');
    expect(r.stdout).toContain('## Not advised\n\n### Reflective Learning Session or multi-agency practitioner events\n');
  });

  it('reads the facts from a file, the options overriding it, and records the model chosen and why as JSON', () => {
    const dir = folder();
    const facts = join(dir, 'case.json');
    writeFileSync(facts, JSON.stringify({ agencies: 1, singleAgency: true, health: true, limitedResources: true }));
    const out = join(dir, 'model.json');
    const r = run(['choose', '--facts', facts, '--limited-resources', 'no', '--model', 'rca', '--why', 'NHS learning only', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.facts).toEqual({ agencies: 1, singleAgency: true, health: true, limitedResources: false });
    expect(j.chosen).toEqual({ id: 'root-cause-analysis', name: 'Root Cause Analysis (RCA)', why: 'NHS learning only', fit: 'recommended' });
    expect(j.models.slice(0, 2).map((m: { id: string }) => m.id)).toEqual(['individual-agency-review', 'root-cause-analysis']);
    expect(r.stderr).toContain(`; chosen: Root Cause Analysis (RCA) (recommended); written to ${out}\n`);
  });

  it.each([
    [['--agencies', 'six'], '--agencies six: expected a whole number of agencies, at least 1'],
    [['--timely', 'maybe'], '--timely maybe: expected yes or no'],
    [['--model', 'cspr'], '--model needs --why: a review records why its model was chosen'],
    [['--why', 'because'], '--why needs --model: the model chosen'],
    [['--model', 'fishbone', '--why', 'x'], '--model "fishbone" is not a review model'],
    [['case.csv'], 'choose takes no files (case.csv)'],
  ])('refuses %j as a usage error', (args, message) => {
    const r = run(['choose', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('refuses a facts file with an unknown fact, naming the file and the fact', () => {
    const facts = join(folder(), 'case.json');
    writeFileSync(facts, '{"agences": 3}');
    const r = run(['choose', '--facts', facts]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${facts}: "agences" is invalid: expected one of the case facts`);
  });
});

/** `throughline render` end to end. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, run, tempFolders } from '../helpers/cli.js';

const tmp = tempFolders('render');

describe('throughline render heatmap', () => {
  it('writes the same SVG as the golden picture of the demo case', () => {
    const r = run(['render', 'heatmap', ...DEMO]);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toBe(readFileSync('tests/golden/heatmap-demo-month.svg', 'utf8'));
  });
  it('writes a PNG on request', () => {
    const out = join(tmp(), 'heatmap.png');
    const r = run(['render', 'heatmap', ...DEMO, '--period', 'quarter', '--png', '-o', out]);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(readFileSync(out).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
  it('says so, without a stack trace, when the PNG cannot be written, and leaves nothing behind', () => {
    const dir = tmp();
    const r = run(['render', 'heatmap', ...DEMO, '--png', '-o', join(dir, 'no', 'heatmap.png')]);
    expect(r.status).toBe(1);
    expect(String(r.stderr)).toMatch(/heatmap\.png: cannot write the output \(its folder does not exist\); nothing was written/);
    expect(String(r.stderr)).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('draws the merged timeline of the demo case, the same as the golden picture', () => {
    const r = run(['render', 'timeline', ...DEMO, '--child', 'L,Lacey']);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toBe(readFileSync('tests/golden/timeline-demo.svg', 'utf8'));
  });
  it('draws only the lanes asked for, in that order', () => {
    const r = run(['render', 'timeline', ...DEMO, '--lanes', 'Police,GP', '--no-labels']);
    expect(r.status, String(r.stderr)).toBe(0);
    const svg = String(r.stdout);
    expect(svg).toMatch(/<desc>Timeline of 29 records from 2 agencies/);
    // Both lanes are labelled (an absent label's index, -1, would otherwise pass), Police first.
    const police = svg.indexOf('>Police</text>');
    const gp = svg.indexOf('>GP</text>');
    expect(police).toBeGreaterThan(-1);
    expect(gp).toBeGreaterThan(police);
    expect(svg).not.toMatch(/>(?:Children|Health Visiting|Northmoor Hospital ED|School)[^<]*<\/text>/);
    expect(svg).not.toContain('Strategy discussion</text>');
  });
  it('draws the why-chain of the demo RCA, the same as the golden picture', () => {
    const r = run(['render', 'whys', 'fixtures/rca/child-l.whys.txt']);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toBe(readFileSync('tests/golden/whys-child-l.svg', 'utf8'));
  });
  it('draws the fishbone of the demo RCA, the same as the golden picture', () => {
    const r = run(['render', 'fishbone', 'fixtures/rca/child-l.whys.txt']);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toBe(readFileSync('tests/golden/fishbone-child-l.svg', 'utf8'));
  });
  it('draws what each agency knew in the demo case, the same as the golden picture', () => {
    const r = run(['render', 'knowledge', ...DEMO, '--child', 'L,Lacey']);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toBe(readFileSync('tests/golden/knowledge-demo.svg', 'utf8'));
    expect(String(r.stderr)).toBe('throughline: knowledge matrix of 21 incidents by 6 agencies\n');
  });
  it('draws the timeline as one agency could know it on a day; a day it cannot read is refused', () => {
    const r = run(['render', 'timeline', ...DEMO, '--as-known-by', 'GP', '--on', '13/07/2021']);
    expect(r.status, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain('<title>The chronology as GP could know it on 13/07/2021</title>');
    const bad = run(['render', 'timeline', ...DEMO, '--as-known-by', 'GP', '--on', '31/02/2021']);
    expect([bad.status, String(bad.stderr)]).toEqual([1, expect.stringMatching(/--on 31\/02\/2021: expected a single day, e.g. 14\/08\/2019/)]);
    expect(String(bad.stderr)).not.toMatch(/\n\s+at /);
  });
  it.each([
    [['render', 'pie', ...DEMO], /unknown diagram "pie"\n.*\n\(diagrams: timeline, heatmap, knowledge, whys, fishbone, causes;/],
    [['render', 'timeline', ...DEMO, '--as-known-by', 'GP'], /--as-known-by AGENCY and --on DATE go together/],
    [['render', 'heatmap', ...DEMO, '--as-known-by', 'GP', '--on', '13/07/2021'], /--as-known-by is for render timeline, not render heatmap/],
    [['render', 'timeline', ...DEMO, '--as-known-by', 'Probation', '--on', '13/07/2021'], /--as-known-by Probation: no such agency in this chronology; its agencies are Children's Social Care, GP, /],
    [['render', 'heatmap', ...DEMO, '--width-mm', '5'], /--width-mm 5/],
    [['render', 'heatmap', ...DEMO, '--png'], /--png needs --out/],
  ])('refuses bad usage with exit 2 (%#)', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(String(r.stderr)).toMatch(message);
  });
});

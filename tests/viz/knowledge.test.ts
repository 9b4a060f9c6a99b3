/**
 * What each agency knew, drawn: the knowledge matrix (Office-safe, legible, every cell's date as
 * its record gives it, the shade at each lag class's edge, golden) and the timeline as one agency
 * could know it on a day (what it is not shown to have known drawn hollow and grey).
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { knownRecords } from '../../src/analytics/known.js';
import type { Knowledge } from '../../src/analytics/types.js';
import type { Timeline } from '../../src/model/types.js';
import { knowledgeTextBoxes, lagFill, LAG_LABELS, layoutKnowledge, renderKnowledge } from '../../viz/svg/knowledge.js';
import { EMPTY_FILL } from '../../viz/svg/scales.js';
import { BODY_FONT_PX } from '../../viz/svg/svg.js';
import { renderTimeline } from '../../viz/svg/timeline.js';
import { caseTimeline, refersTo } from '../analytics/cases.js';
import { demoTimeline } from '../helpers/demo.js';
import { expectFontsAtLeast, expectGolden, expectOfficeSafe, expectRenders, expectTextFits } from '../helpers/svg.js';

const demo = demoTimeline();
const demoKnowledge = analyse(demo, { child: ['L', 'Lacey'] }).knowledge;

describe('the knowledge matrix of the demo case', () => {
  it.each([170, 257])('is Office-safe, at least body size, with no text over other text or off the picture at %i mm', (widthMm) => {
    const svg = renderKnowledge(demoKnowledge, demo, { widthMm });
    expectOfficeSafe(svg);
    expectFontsAtLeast(svg, BODY_FONT_PX);
    const layout = layoutKnowledge(demoKnowledge, demo, { widthMm });
    expectTextFits(knowledgeTextBoxes(layout), layout.width, layout.height);
    expectRenders(svg);
  });
  it('has a cell per incident and agency, each "not shown" or a date, the same as the golden picture', () => {
    const layout = layoutKnowledge(demoKnowledge, demo);
    expect(layout.cells).toHaveLength(demoKnowledge.incidents.length * demo.agencyOrder.length);
    expect(demoKnowledge.incidents.length).toBeGreaterThan(0);
    for (const c of layout.cells) expect(c.content).toMatch(/^(?:not shown|\d\d\/\d\d\/\d\d|w\/c \d\d\/\d\d\/\d\d|[A-Z][a-z]{2} \d\d)$/);
    // A fact from a record dated to its week (the school's w/c 13/09/2021 log) keeps the week.
    expect(layout.cells.filter((c) => c.content.startsWith('w/c ')).map((c) => c.content)).toEqual(['w/c 13/09/21']);
    expectGolden('knowledge-demo.svg', renderKnowledge(demoKnowledge, demo));
  });
});

describe('the shade of a cell: its lag class, at each edge', () => {
  // The classes as the legend names them: same day | 1–7 | 8–30 | 31–90 | over 90 days.
  it.each([[0, 0], [1, 1], [7, 1], [8, 2], [30, 2], [31, 3], [90, 3], [91, 4], [400, 4]])('%i days after the incident is in class %i', (days, k) => {
    expect(LAG_LABELS).toHaveLength(5);
    const fills = [0, 1, 8, 31, 91].map((d) => lagFill(d));
    expect(new Set(fills).size).toBe(5);
    expect(lagFill(days)).toBe(fills[k]);
  });
});

describe('cells from small cases: the date at its own precision, never a day made up', () => {
  const t: Timeline = caseTimeline([
    { file: 'ed.csv', agency: 'Hospital ED', header: 'Date,Presenting Complaint,Outcome', rows: ['18/04/2021,L: bruise to forehead,'] },
    { file: 'hv.csv', agency: 'Health Visiting', header: 'Date,Event,Outcome', rows: ['Apr-21,ED notification: L attended on 18/04 with a bruise,'] },
    { file: 'gp.csv', agency: 'A & B <Practice>', header: 'Date,Event,Outcome', rows: ['21/04/2021,ED letter: L seen 18/04 with a bruise,'] },
  ], [refersTo('link-1', 'hv-2', ['ed-2'], ['Hospital ED', 'Health Visiting']), refersTo('link-2', 'gp-2', ['ed-2'], ['Hospital ED', 'A & B <Practice>'])]);
  const k: Knowledge = analyse(t, { child: ['L'] }).knowledge;

  it('a day as dd/mm/yy, a month as the month, none as "not shown"; names escaped', () => {
    const layout = layoutKnowledge(k, t, { widthMm: 257 });
    const cell = (agency: string) => layout.cells.find((c) => c.agency === agency)!;
    expect([cell('Hospital ED').content, cell('Health Visiting').content, cell('A & B <Practice>').content]).toEqual(['18/04/21', 'Apr 21', '21/04/21']);
    expect([cell('Hospital ED').fill, cell('Health Visiting').fill, cell('A & B <Practice>').fill]).toEqual([lagFill(0), lagFill(12), lagFill(3)]);
    const svg = renderKnowledge(k, t, { widthMm: 257 });
    expect(svg).toContain('A &amp; B &lt;Practice&gt;');
    expect(svg).not.toMatch(/01\/04\/21|30\/04\/21/);
  });
  it('an agency that is not shown to know gets the empty fill and says so', () => {
    const t2: Timeline = { ...t, agencyOrder: [...t.agencyOrder, 'Police'] };
    const layout = layoutKnowledge(k, t2, { widthMm: 257 });
    expect(layout.cells.filter((c) => c.agency === 'Police').map((c) => [c.content, c.fill])).toEqual([['not shown', EMPTY_FILL]]);
  });
  it('in a narrow column the days after the incident stand for the date', () => {
    const wide = Array.from({ length: 14 }, (_, n) => `Agency ${n}`);
    const layout = layoutKnowledge(k, { ...t, agencyOrder: ['Health Visiting', ...wide] }, { widthMm: 170 });
    expect(layout.cells.find((c) => c.agency === 'Health Visiting')!.content).toBe('+12d');
    expect(layout.cells.find((c) => c.agency === 'Agency 0')!.content).toBe('–');
  });
});

describe('the timeline as an agency could know it on a day', () => {
  const t: Timeline = caseTimeline([
    { file: 'police.csv', agency: 'Police', header: 'Date,Event,Outcome', rows: ['01/03/2021,Verbal argument at the address; PPN to CSC,', '20/03/2021,Burglary reported next door,'] },
    { file: 'csc.csv', agency: "Children's Social Care", header: 'Date,Event,Outcome', rows: ['06/03/2021,Home visit,'] },
  ]);
  const k = analyse(t, { child: ['L'], tags: { 'police-2': 'incident' } }).knowledge;
  const svg = renderTimeline(t, { knownBy: { agency: "Children's Social Care", on: '2021-03-10', records: knownRecords(k, t, "Children's Social Care", '2021-03-10') } });

  it('draws its own and the shared record filled, the other hollow and grey, and says so', () => {
    expectOfficeSafe(svg);
    // Two filled marks (csc-2, police-2) and one hollow (police-3); the legend's hollow swatch is a rect.
    expect(svg.match(/<circle[^>]*fill="#31688e"/g) ?? []).toHaveLength(2);
    expect(svg.match(/<circle[^>]*fill="#ffffff" stroke="#8c8c8c"/g) ?? []).toHaveLength(1);
    expect(svg).toContain('<title>The chronology as Children&apos;s Social Care could know it on 10/03/2021</title>');
    expect(svg).toMatch(/2 records its own or shown by the records to be known to it by then; the others drawn hollow and grey/);
    expectRenders(svg);
  });
});

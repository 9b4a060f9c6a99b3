/**
 * Which agency a record names, when a family moved and two agencies are of one kind (the
 * children's services of the area it left and of the one it moved to), and when an agency's name
 * comes from its file (no apostrophe, hyphens lost): a name with its place ("Riverton CSC",
 * "Eastmoor MASH", "Eastmoor CS") is that agency's; the kind's words alone ("SW", "MASH") are the
 * one of the recording agency's own place, else the one with a record nearest the record's day.
 * Read on moved-n's misses; every expectation worked out by hand from the rule as worded.
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/analytics/context.js';
import { sharedWith } from '../../src/analytics/network.js';
import { DEFAULT_RULES } from '../../src/analytics/rules.js';
import { caseTimeline, type CaseFile } from './cases.js';

const EAST = 'Eastmoor Childrens Services';
const RIVER = 'Riverton Childrens Social Care';
const file = (name: string, agency: string, rows: string[]): CaseFile => ({ file: name, agency, header: 'Date,Details', rows });
// Eastmoor's children's services worked with the family in May 2024, Riverton's from November.
const east = file('east.csv', EAST, ['07/05/2024,Contact: PPN screened. NFA']);
const river = file('river.csv', RIVER, ['13/11/2024,Transfer-in conference. CP plan continues']);

/** For each record of `f` (merged with the two areas' files), the agencies its text passes information to. */
function told(f: CaseFile): string[][] {
  const t = caseTimeline([east, river, f]);
  const ctx = buildContext(t, DEFAULT_RULES, ['Nico']);
  return t.events.flatMap((e, i) => (e.source.file === f.file ? [[...sharedWith(ctx, i)]] : []));
}

describe('an agency named from its file, without the apostrophe', () => {
  it('"Eastmoor Childrens Services" answers to the children\'s services words ("MASH"), as "Children\'s Social Care" does', () => {
    const alone = caseTimeline([east, file('police.csv', 'Police', ['04/05/2024,Verbal argument. PPN submitted to MASH'])]);
    const ctx = buildContext(alone, DEFAULT_RULES, ['Nico']);
    expect([...sharedWith(ctx, alone.events.findIndex((e) => e.source.file === 'police.csv'))]).toEqual([EAST]);
  });
  it('a name of the rules\' no kind is found however its words are separated ("Riverton 0-19 Service" for "Riverton 0 19 Service")', () => {
    const zero = file('zero.csv', 'Riverton 0 19 Service', ['24/10/2024,New birth review']);
    const t = caseTimeline([zero, file('hv.csv', 'Eastmoor Health Visiting', ['21/10/2024,Transfer summary sent to Riverton 0-19 Service by secure email'])]);
    const ctx = buildContext(t, DEFAULT_RULES, ['Nico']);
    expect([...sharedWith(ctx, t.events.findIndex((e) => e.source.file === 'hv.csv'))]).toEqual(['Riverton 0 19 Service']);
  });
});

describe('two agencies of one kind: a name with its place is that one\'s', () => {
  // Each dated nearer the other agency's record: the place, not the day, decides.
  it.each([
    ['"Riverton CSC"', '10/05/2024', 'PPN submitted to Riverton CSC', RIVER],
    ['"Eastmoor MASH"', '01/11/2024', 'PPN submitted to Eastmoor MASH', EAST],
    ['"Eastmoor CS" (the place, then the initials of the rest of its name)', '01/11/2024', 'PPN submitted to Eastmoor CS', EAST],
  ])('%s', (_, day, text, agency) => {
    expect(told(file('police.csv', 'Moorshire Police', [`${day},${text}`]))).toEqual([[agency]]);
  });
  it('"Eastmoor CS" is no name of Riverton\'s, nor "CS" alone of either (not a word of the kind)', () => {
    expect(told(file('police.csv', 'Moorshire Police', ['01/11/2024,PPN submitted to CS']))).toEqual([[]]);
  });
});

describe('two agencies of one kind: the kind\'s words alone', () => {
  it('are the one of the recording agency\'s own place ("SW" in Riverton 0-19\'s record is Riverton\'s)', () => {
    // Dated nearer Eastmoor's record: the place decides before the day.
    expect(told(file('zero.csv', 'Riverton 0 19 Service', ['08/05/2024,SW informed by phone']))).toEqual([[RIVER]]);
    expect(told(file('hv.csv', 'Eastmoor Health Visiting', ['10/11/2024,SW informed by phone']))).toEqual([[EAST]]);
  });
  it('else the one with a record nearest the record\'s day: a school\'s "MASH" in May is Eastmoor\'s, in November Riverton\'s', () => {
    expect(told(file('school.csv', 'St Lukes School', ['09/05/2024,DSL informed MASH by phone', '14/11/2024,DSL informed MASH by phone']))).toEqual([[EAST], [RIVER]]);
  });
  it('at the edge: a day as near the one as the other is the first\'s in the timeline\'s order (Eastmoor\'s)', () => {
    // 07/05/2024 and 13/11/2024 are 190 days apart: 09/08/2024 is 94 days after the one and 96
    // before the other, 10/08/2024 95 and 95, 11/08/2024 96 and 94.
    expect(told(file('school.csv', 'St Lukes School', ['09/08/2024,DSL informed MASH', '10/08/2024,DSL informed MASH', '11/08/2024,DSL informed MASH']))).toEqual([[EAST], [EAST], [RIVER]]);
  });
});

/**
 * A record that cites another agency's reference number reports that agency's records bearing
 * it, on or before its own day: the rule found reading exploit-k's and carer-d's misses ("Missing
 * notification (WP/23/0052113): …", "PPN rec'd (WM/23/104418): …"), tested both ways at each
 * edge. Every expectation is worked out by hand from the rule as the README words it. The texts
 * share no informative word with the police's and name no day, so that nothing but the number
 * could link them.
 */
import { describe, expect, it } from 'vitest';
import { links, refersTo, type Row } from './link-cases.js';

const REF = 'WP/23/0052113';
// One police occurrence: the report, the finding, and a later update, all under one number; and a
// record of another occurrence (a number on every record of a return would be the case's).
const reported: Row = { id: 'p1', agency: 'Police', start: '2023-05-13T22:10', reference: REF, summary: 'Mother says son absent since Friday evening, phone switched off.' };
const found: Row = { id: 'p2', agency: 'Police', start: '2023-05-14T15:30', reference: REF, summary: 'Located by patrol at the bus station, taken back, smelt of cannabis.' };
const update: Row = { id: 'p3', agency: 'Police', start: '2023-05-20', reference: REF, summary: 'Occurrence filed.' };
const other: Row = { id: 'p5', agency: 'Police', start: '2023-05-18', reference: 'WP/23/0060001', summary: 'Shoplifting at the precinct.' };
const police = [reported, found, update, other];
const csc = (summary: string, start = '2023-05-15T10:05', more: Partial<Row> = {}): Row => ({ id: 'csc', agency: 'CSC', start, summary, ...more });

describe('a record citing another agency\'s reference number', () => {
  it('reports that agency\'s records under the number up to its own day, not the later update', () => {
    expect(refersTo(links([...police, csc(`Notification ${REF} logged by duty worker.`)]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
  });
  it('without the number, the same words report nothing', () => {
    expect(refersTo(links([...police, csc('Notification logged by duty worker.')]))).toEqual([]);
  });
  it('cited in its outcome, or in a column of its own ("Police ref"), as well as in its text', () => {
    expect(refersTo(links([...police, csc('Notification logged by duty worker.', undefined, { outcome: `Linked to ${REF}.` })]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
    expect(refersTo(links([...police, csc('Notification logged by duty worker.', undefined, { extra: { 'Police ref': REF } })]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
  });
  it('on the day of a record under the number, only those not timed after it: 15:29 is before the finding at 15:30, 15:30 is not', () => {
    expect(refersTo(links([...police, csc(`Notification ${REF} logged by duty worker.`, '2023-05-14T15:29')]))).toEqual([{ from: 'csc', to: ['p1'] }]);
    expect(refersTo(links([...police, csc(`Notification ${REF} logged by duty worker.`, '2023-05-14T15:30')]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
  });
  it('not by the agency\'s own later record under its number: whether it reports the first is for its words to say', () => {
    expect(refersTo(links([...police, { id: 'p4', agency: 'Police', start: '2023-05-16', summary: `Notification ${REF} logged by duty worker.` }]))).toEqual([]);
  });
  it('not a record of a meeting under the number (a meeting is reported by its name)', () => {
    const strategy: Row = { id: 'p0', agency: 'Police', start: '2023-05-14T10:00', reference: REF, type: 'Strategy discussion', summary: 'Strategy discussion held.' };
    expect(refersTo(links([strategy, ...police, csc(`Notification ${REF} logged by duty worker.`)]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
  });
  it('only the whole number at the start of a word: not inside a longer one', () => {
    expect(refersTo(links([...police, csc(`Notification X${REF} logged by duty worker.`)]))).toEqual([]);
    expect(refersTo(links([...police, csc(`Notification ${REF}/2 logged by duty worker.`)]))).toEqual([]);
  });
});

describe('what counts as an event\'s reference number', () => {
  const under = (reference: string): Row[] => [reported, found, update].map((r) => ({ ...r, reference })).concat(other);
  it('at least six characters: AB-123 is one, AB-12 is not', () => {
    expect(refersTo(links([...under('AB-123'), csc('Notification AB-123 logged by duty worker.')]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
    expect(refersTo(links([...under('AB-12'), csc('Notification AB-12 logged by duty worker.')]))).toEqual([]);
  });
  it('parts joined by "/" or "-" with a digit: not a bare number, not letters alone, not a date', () => {
    expect(refersTo(links([...under('4471902'), csc('Notification 4471902 logged by duty worker.')]))).toEqual([]);
    expect(refersTo(links([...under('ABC-DEF'), csc('Notification ABC-DEF logged by duty worker.')]))).toEqual([]);
    expect(refersTo(links([...under('12/05/2023'), csc('Notification 12/05/2023 logged by duty worker.')]))).toEqual([]);
  });
  it('not a number every record of the agency\'s return carries when it has three or more (the case\'s number); two of two, or three of four, is an event\'s', () => {
    const cited = csc(`Notification ${REF} logged by duty worker.`, '2023-05-21');
    expect(refersTo(links([reported, found, update, cited]))).toEqual([]);
    expect(refersTo(links([reported, found, cited]))).toEqual([{ from: 'csc', to: ['p1', 'p2'] }]);
    expect(refersTo(links([reported, found, update, other, cited]))).toEqual([{ from: 'csc', to: ['p1', 'p2', 'p3'] }]);
  });
  it('found alike whether the references begin in four different ways (searched for as strings) or five (read word by word)', () => {
    // Beside the occurrence's "WP" numbers, police records under three or four numbers with other
    // first parts: four or five first parts in all. (Numbers beginning with digits, as "24-088514"
    // does: read word by word, a citation may begin with one.)
    const others = (n: number): Row[] => ['24', '25', '26', '27', '28'].slice(0, n - 1).map((head, k) => ({ id: `q${k}`, agency: 'Police', start: '2023-05-01', reference: `${head}-${100000 + k}`, summary: 'Shoplifting at the precinct.' }));
    const cited = csc(`Notification ${REF} logged by duty worker; see also 26-100002.`);
    expect(refersTo(links([...police, ...others(4), cited]))).toEqual([{ from: 'csc', to: ['q2', 'p1', 'p2'] }]);
    expect(refersTo(links([...police, ...others(5), cited]))).toEqual([{ from: 'csc', to: ['q2', 'p1', 'p2'] }]);
  });
});

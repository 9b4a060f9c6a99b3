import { describe, expect, it } from 'vitest';
import { count } from '../../src/model/words.js';

describe('counts in words', () => {
  it.each([
    [1, 'event', undefined, '1 event'], [2, 'event', undefined, '2 events'], [0, 'event', undefined, '0 events'],
    [1, 'agency', 'agencies', '1 agency'], [6, 'agency', 'agencies', '6 agencies'],
    ['1', 'causal path', undefined, '1 causal path'], ['1152921504606846976', 'causal path', undefined, '1152921504606846976 causal paths'],
    [1n, 'step', undefined, '1 step'], [11, 'step', undefined, '11 steps'],
  ] as const)('%s %s', (n, singular, plural, expected) => {
    expect(count(n, singular, plural)).toBe(expected);
  });
});

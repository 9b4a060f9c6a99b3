/** A golden picture cannot pass by itself: missing fails, and CI never writes one. */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expectGolden } from './helpers/svg.js';

const saved = { CI: process.env.CI, UPDATE_GOLDEN: process.env.UPDATE_GOLDEN };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});

describe('expectGolden', () => {
  it('fails when the golden file is missing, and does not write it', () => {
    delete process.env.UPDATE_GOLDEN;
    expect(() => expectGolden('no-such-picture.svg', '<svg/>')).toThrow(/tests\/golden\/no-such-picture\.svg is missing/);
    expect(existsSync('tests/golden/no-such-picture.svg')).toBe(false);
  });
  it('refuses UPDATE_GOLDEN under CI, leaving the golden as it was', () => {
    process.env.UPDATE_GOLDEN = '1';
    process.env.CI = 'true';
    const before = readFileSync('tests/golden/causes-child-l.svg', 'utf8');
    expect(() => expectGolden('causes-child-l.svg', '<svg/>')).toThrow(/UPDATE_GOLDEN is refused under CI/);
    expect(readFileSync('tests/golden/causes-child-l.svg', 'utf8')).toBe(before);
  });
  it('fails on a picture that differs from its golden', () => {
    delete process.env.UPDATE_GOLDEN;
    expect(() => expectGolden('causes-child-l.svg', '<svg/>')).toThrow();
  });
});

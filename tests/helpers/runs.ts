/**
 * How many cases a property test tries. `npm test` tries the full number; `npm run mutate` runs the
 * suite once per mutant, so it tries a twentieth (at least 20): a property that a mutant breaks
 * fails within the first few cases, or the mutant survives and is read by hand.
 */
export function runs(full: number): number {
  return process.env.THROUGHLINE_MUTATE === '1' ? Math.max(20, Math.ceil(full / 20)) : full;
}

/** English for people: counts with their nouns in the right number. */

/** `1 event`, `2 events`, `0 agencies` (pass the plural when it is not the singular plus "s"). */
export function count(n: number | bigint | string, singular: string, plural = `${singular}s`): string {
  return `${n} ${String(n) === '1' ? singular : plural}`;
}

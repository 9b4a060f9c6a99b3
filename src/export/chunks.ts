/**
 * Long outputs (a million events) are written as a stream of chunks, never built as one string:
 * a million-event document is larger than the longest string V8 allows.
 */

/** Pieces per chunk: large enough to write efficiently, small enough to stream. */
const PIECES_PER_CHUNK = 2000;

/** The pieces joined into chunks of PIECES_PER_CHUNK, in order; nothing for no pieces. */
export function* batched(pieces: Iterable<string>): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const piece of pieces) {
    chunk += piece;
    if (++n % PIECES_PER_CHUNK === 0) { yield chunk; chunk = ''; }
  }
  if (chunk !== '') yield chunk;
}

/** `f` of each item, lazily: the pieces of one kind of record, for batched(). */
export function* each<T>(items: Iterable<T>, f: (item: T, n: number) => string): Generator<string> {
  let n = 0;
  for (const item of items) yield f(item, n++);
}

/** File output for the CLI: streamed with backpressure, written whole or not at all. */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** A wrong command line: exit status 2. */
export class UsageError extends Error {}

/** The output format from --format, else from --out's extension, else `fallback`. */
export function outputFormat<F extends string>(format: string | undefined, out: string | undefined, allowed: readonly F[], fallback: F = allowed[allowed.length - 1]!): F {
  if (format !== undefined) {
    if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: expected one of ${allowed.join(', ')}`);
    return format as F;
  }
  const ext = out?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const byExt = ext === 'markdown' ? 'md' : ext;
  return byExt !== undefined && (allowed as readonly string[]).includes(byExt) ? (byExt as F) : fallback;
}

async function drain(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

/**
 * Writes chunks to `out` (through a temporary file renamed at the end, so a failure leaves no
 * partial file) or to standard output.
 */
export async function writeChunks(chunks: Iterable<string>, out: string | undefined): Promise<void> {
  if (out === undefined) {
    // A reader that stops early (`| head`) closes the pipe: stop writing, quietly.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'EPIPE') throw e; });
    try {
      await drain(process.stdout, chunks);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
    }
    return;
  }
  const temporary = `${out}.${process.pid}.partial`;
  const stream = createWriteStream(temporary);
  try {
    await drain(stream, chunks);
    stream.end();
    await once(stream, 'finish');
    renameSync(temporary, out);
  } catch (e) {
    stream.destroy();
    rmSync(temporary, { force: true });
    throw e;
  }
}

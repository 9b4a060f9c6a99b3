/** File output for the CLI: streamed with backpressure, written whole or not at all. */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ThroughlineError } from '../model/errors.js';

/** A wrong command line: exit status 2. */
export class UsageError extends Error {}

/** A file-system failure in plain words (`ENOENT` → "no such file"), for messages that name the file. */
export function fileProblem(error: unknown, writing = false): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return writing ? 'its folder does not exist' : 'no such file';
    case 'EISDIR': return 'it is a folder';
    case 'ENOTDIR': return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'the disk is full';
    case 'EROFS': return 'the file system is read-only';
    case 'EBUSY': return 'it is in use';
    default: return code ?? (error instanceof Error ? error.message : 'error');
  }
}

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

async function drain(stream: Writable, chunks: Iterable<string | Uint8Array>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

/**
 * Writes chunks to `out` (through a temporary file renamed at the end, so a failure leaves no
 * partial file) or to standard output.
 */
export async function writeChunks(chunks: Iterable<string | Uint8Array>, out: string | undefined): Promise<void> {
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
  const cannotWrite = (why: string): ThroughlineError => new ThroughlineError('output-unwritable', `${out}: cannot write the output (${why}); nothing was written`, out);
  if (isFolder(out)) throw cannotWrite('it is a folder');
  const temporary = `${out}.${process.pid}.partial`;
  const stream = createWriteStream(temporary);
  try {
    await drain(stream, chunks);
    stream.end();
    await once(stream, 'finish');
    renameSync(temporary, out);
  } catch (e) {
    stream.destroy();
    // Nothing to remove when the temporary file could not be made (a path through a file, say).
    try { rmSync(temporary, { force: true }); } catch { /* nothing was made */ }
    throw (e as NodeJS.ErrnoException)?.syscall !== undefined ? cannotWrite(fileProblem(e, true)) : e;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A worker thread of the review server's pool: runs one task at a time (derive.ts), posts its
 * progress, and posts the result back. A merged chronology goes back a slice of events at a time,
 * each slice sent only when the main thread asks for the next: unpacking 100k events in one
 * message held the main thread for over a second, while slices let it answer other requests in
 * between. Bytes (an analysis, a diagram) are handed over without a copy.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task, type TaskResult } from './derive.js';
import type { ChronologyEvent } from '../../src/model/types.js';

/** Events per slice: about half a megabyte, a few milliseconds to unpack. */
export const SLICE = 1000;

const outgoing = new Map<number, { slices: ChronologyEvent[][]; final: TaskResult }>();

function sendNext(id: number): void {
  const out = outgoing.get(id);
  if (!out) return;
  const slice = out.slices.shift();
  if (slice) {
    parentPort!.postMessage({ id, events: slice });
  } else {
    outgoing.delete(id);
    const { final } = out;
    // Handed over only when the bytes are their buffer's whole (a pooled buffer is copied instead).
    const whole = final.kind === 'bytes' && final.bytes.byteOffset === 0 && final.bytes.byteLength === final.bytes.buffer.byteLength;
    parentPort!.postMessage({ id, result: final }, whole ? [final.bytes.buffer as ArrayBuffer] : []);
  }
}

parentPort!.on('message', async (message: { id: number; task?: Task; ack?: true }) => {
  if (message.ack) { sendNext(message.id); return; }
  try {
    const result = await runTask(message.task!, (progress) => parentPort!.postMessage({ id: message.id, progress }));
    if (result.kind === 'merged' && result.merged.ok) {
      const { timeline } = result.merged;
      const slices: ChronologyEvent[][] = [];
      for (let i = 0; i < timeline.events.length; i += SLICE) slices.push(timeline.events.slice(i, i + SLICE));
      outgoing.set(message.id, { slices, final: { kind: 'merged', merged: { ok: true, timeline: { ...timeline, events: [] } } } });
    } else {
      outgoing.set(message.id, { slices: [], final: result });
    }
    sendNext(message.id);
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
});

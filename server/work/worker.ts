/**
 * A worker thread of the review server's pool: runs one task at a time (derive.ts) and posts the
 * result back. A merged chronology goes back a slice of events at a time, each slice sent only
 * when the main thread asks for the next: unpacking 100k events in one message held the main
 * thread for over a second, while slices let it answer other requests in between.
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
    parentPort!.postMessage({ id, result: out.final });
  }
}

parentPort!.on('message', (message: { id: number; task?: Task; ack?: true }) => {
  if (message.ack) { sendNext(message.id); return; }
  try {
    const result = runTask(message.task!);
    if (result.kind === 'derive' && result.merged?.ok) {
      const { timeline } = result.merged;
      const slices: ChronologyEvent[][] = [];
      for (let i = 0; i < timeline.events.length; i += SLICE) slices.push(timeline.events.slice(i, i + SLICE));
      outgoing.set(message.id, { slices, final: { ...result, merged: { ok: true, timeline: { ...timeline, events: [] } } } });
    } else {
      outgoing.set(message.id, { slices: [], final: result });
    }
    sendNext(message.id);
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
});

/** A worker thread of the review server's pool: runs one task at a time (derive.ts) and posts the result back. */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './derive.js';

parentPort!.on('message', (message: { id: number; task: Task }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: runTask(message.task) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
});

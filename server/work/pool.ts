/**
 * Worker threads for the heavy work (reading and merging agency files, analysing, drawing), so
 * that a 100k-row upload does not stall other people's requests. Tasks queue in order; each
 * worker runs one at a time and reports its progress. Where the compiled worker is missing (a
 * source checkout not built), the work runs on the calling thread instead, the same code.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTask, type Progress, type Task, type TaskResult } from './derive.js';
import type { ChronologyEvent } from '../../src/model/types.js';

interface Pending {
  id: number; task: Task; events: ChronologyEvent[];
  resolve: (r: TaskResult) => void; reject: (e: Error) => void; progress: (p: Progress) => void;
}

type Message = { id: number; result?: TaskResult; error?: string; events?: ChronologyEvent[]; progress?: Progress };

export class WorkPool {
  private readonly workers: Array<{ worker: Worker; busy: Pending | undefined }> = [];
  private readonly queue: Pending[] = [];
  private next = 1;
  /** Tasks waiting or running, for progress. */
  pending = 0;

  constructor(workerFile: string | undefined, size = 1) {
    if (workerFile === undefined || !existsSync(workerFile)) return;
    for (let i = 0; i < size; i++) {
      const slot = { worker: new Worker(workerFile), busy: undefined as Pending | undefined };
      slot.worker.unref();
      slot.worker.on('message', (m: Message) => {
        if (m.progress) { slot.busy?.progress(m.progress); return; }
        if (m.events) {
          // A slice of a merged chronology: keep it, and ask for the next once other work has had its turn.
          slot.busy?.events.push(...m.events);
          setImmediate(() => slot.worker.postMessage({ id: m.id, ack: true }));
          return;
        }
        const p = slot.busy;
        slot.busy = undefined;
        this.pending--;
        if (p) {
          const r = m.result;
          if (r?.kind === 'merged' && r.merged.ok) r.merged.timeline.events = p.events;
          if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(r!);
        }
        this.pump();
      });
      slot.worker.on('error', (e) => {
        const p = slot.busy;
        slot.busy = undefined;
        if (p) { this.pending--; p.reject(e); }
      });
      this.workers.push(slot);
    }
  }

  /** Whether the work runs on worker threads (false: on the calling thread). */
  get threaded(): boolean {
    return this.workers.length > 0;
  }

  /** Runs `task`, telling `progress` where it has got to (`queued` until a worker takes it). */
  run(task: Task, progress: (p: Progress) => void = () => {}): Promise<TaskResult> {
    progress({ phase: 'queued' });
    if (!this.threaded) return Promise.resolve().then(() => runTask(task, progress));
    this.pending++;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, task, resolve, reject, progress, events: [] });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.workers) {
      if (slot.busy || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      slot.busy = p;
      slot.worker.postMessage({ id: p.id, task: p.task });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** The compiled worker under `root` (`dist/server/work/worker.js`). */
export const workerFile = (root: string): string => join(root, 'dist', 'server', 'work', 'worker.js');

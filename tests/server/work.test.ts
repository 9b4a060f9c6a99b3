/**
 * The server's heavy work off the request thread (server/work/): what each task reports as it
 * goes, that the worker keeps a merged chronology for the tasks after it, and that what it sends
 * back to answer a request (an analysis, a diagram) is byte for byte what the command line writes
 * for the same files, so the server and the CLI cannot drift apart.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTask, type Progress, type Task } from '../../server/work/derive.js';
import { WorkPool, workerFile } from '../../server/work/pool.js';
import { BIN } from '../helpers/cli.js';
import { multipart, testServer } from './helpers.js';

const DEMO = join('fixtures', 'demo');
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(DEMO, name))) });
const profile = JSON.parse(readFileSync(join(DEMO, 'throughline.profile.json'), 'utf8'));
const analyse = { period: 'month' as const, child: ['L', 'Lacey'], dob: '2019-08-14', episodes: [], tags: {} };

/** The command line run in the demo folder, as a report author would, its output as bytes. */
function cli(args: string[]): Buffer {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: DEMO, env: { ...process.env, TZ: 'Europe/London' } });
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout;
}

describe('a task on the calling thread', () => {
  it('reports each file as its reading starts, then the merge; analyses once per period; asks for the files of a chronology it does not keep', async () => {
    const steps: Progress[] = [];
    const chronology = { key: 'test-progress@1', files: [file('police.csv'), file('school.csv')].map((f) => ({ ...f, profiles: [profile] })), merge: {} };
    const merged = await runTask({ kind: 'merge', chronology }, (p) => steps.push(p));
    expect(merged.kind).toBe('merged');
    expect(steps).toEqual([
      { phase: 'reading', file: 'police.csv', filesRead: 0, files: 2 },
      { phase: 'reading', file: 'school.csv', filesRead: 1, files: 2 },
      { phase: 'merging', files: 2 },
    ]);
    // Kept: the analysis needs no files, and analyses once.
    const task: Task = { kind: 'analysis', chronology: { key: 'test-progress@1', merge: {} }, analyse, format: 'json' };
    steps.length = 0;
    const first = await runTask(task, (p) => steps.push(p));
    expect([first.kind, steps]).toEqual(['bytes', [{ phase: 'analysing' }]]);
    steps.length = 0;
    const again = await runTask({ ...task, format: 'md' }, (p) => steps.push(p));
    expect([again.kind, steps]).toEqual(['bytes', []]);
    expect(await runTask({ ...task, chronology: { key: 'test-progress@2', merge: {} } })).toEqual({ kind: 'needs-files' });
  });
  it('a chronology that cannot be merged, and a cause graph that cannot be read, come back as coded failures', async () => {
    const bad = { key: 'test-bad@1', files: [{ name: 'empty.csv', bytes: new Uint8Array(0) }], merge: {} };
    const r = await runTask({ kind: 'analysis', chronology: bad, analyse, format: 'json' });
    expect(r).toMatchObject({ kind: 'failed', failures: [{ code: 'file-empty', file: 'empty.csv' }] });
    const g = await runTask({ kind: 'cause-diagram', graph: { format: 'json', source: '{ not json', title: 'T' }, diagram: 'fishbone', widthMm: 170, png: false });
    expect(g).toMatchObject({ kind: 'failed', failures: [{ code: 'json-invalid' }] });
  });
});

describe('the worker thread', () => {
  const pool = new WorkPool(workerFile(process.cwd()));
  afterAll(() => pool.close());
  it('runs on a thread, says it is queued, then where it has got to, and sends the chronology back whole, slice by slice', async () => {
    expect(pool.threaded).toBe(true);
    const phases: string[] = [];
    const names = ['gp.csv', 'police.csv', 'school.csv'];
    const files = names.map((n) => ({ ...file(n), profiles: [profile] }));
    const r = await pool.run({ kind: 'merge', chronology: { key: 'pool@1', files, merge: {} } }, (p) => phases.push(p.phase === 'reading' ? `reading ${p.file}` : p.phase));
    expect(phases).toEqual(['queued', 'reading gp.csv', 'reading police.csv', 'reading school.csv', 'merging']);
    const inline = await runTask({ kind: 'merge', chronology: { key: 'inline@1', files, merge: {} } });
    if (r.kind !== 'merged' || !r.merged.ok || inline.kind !== 'merged' || !inline.merged.ok) throw new Error('expected both to merge');
    // fixtures/demo/EXPECTED.md: gp, police and school hold 14, 15 and 21 data rows, each an event (an unusable one flagged); the slices rebuild them in order.
    expect(r.merged.timeline.events.length).toBe(14 + 15 + 21);
    expect(r.merged.timeline.events.map((e) => e.id)).toEqual(inline.merged.timeline.events.map((e) => e.id));
    const bytes = await pool.run({ kind: 'analysis', chronology: { key: 'pool@1', merge: {} }, analyse, format: 'json' });
    const same = await runTask({ kind: 'analysis', chronology: { key: 'inline@1', merge: {} }, analyse, format: 'json' });
    if (bytes.kind !== 'bytes' || same.kind !== 'bytes') throw new Error('expected bytes');
    expect(bytes.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes.bytes).equals(Buffer.from(same.bytes))).toBe(true);
  });
});

describe('the server sends what the command line writes', () => {
  it('the analysis as JSON and Markdown, the heatmap, what each agency knew, the timeline as one agency knew it and the fishbone, byte for byte', async () => {
    const s = await testServer();
    try {
      const csvs = s.store.files(s.demo).map((f) => f.name);
      expect(csvs).toHaveLength(6);
      const base = ['analyse', ...csvs, '--profile', 'throughline.profile.json', '--child', 'L,Lacey', '--dob', '14/08/2019'];
      const json = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/analysis`, headers: s.as.viewer });
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.rawPayload.equals(cli([...base, '--format', 'json']))).toBe(true);
      const md = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/analysis?format=md`, headers: s.as.viewer });
      expect(md.rawPayload.equals(cli([...base, '--format', 'md']))).toBe(true);
      const heatmap = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/heatmap?period=quarter&widthMm=257`, headers: s.as.viewer });
      expect(heatmap.rawPayload.equals(cli(['render', 'heatmap', ...csvs, '--profile', 'throughline.profile.json', '--period', 'quarter', '--width-mm', '257']))).toBe(true);
      const knowledge = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/knowledge`, headers: s.as.viewer });
      expect(knowledge.rawPayload.equals(cli(['render', 'knowledge', ...csvs, '--profile', 'throughline.profile.json', '--child', 'L,Lacey']))).toBe(true);
      const asKnown = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/timeline?asKnownBy=${encodeURIComponent('Health Visiting')}&on=2022-07-25`, headers: s.as.viewer });
      expect(asKnown.rawPayload.equals(cli(['render', 'timeline', ...csvs, '--profile', 'throughline.profile.json', '--child', 'L,Lacey', '--as-known-by', 'Health Visiting', '--on', '25/07/2022']))).toBe(true);
      const [graph] = JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/rca`, headers: s.as.viewer })).body) as Array<{ id: string }>;
      const fishbone = await s.call({ method: 'GET', url: `/api/reviews/${s.demo}/diagrams/fishbone?graph=${graph!.id}`, headers: s.as.viewer });
      expect(fishbone.rawPayload.equals(cli(['render', 'fishbone', join('..', 'rca', 'child-l.whys.txt')]))).toBe(true);
    } finally { await s.app.close(); }
  });
});

describe('the status route', () => {
  it('not started before anything asks for the chronology, working (with its phase) while a big file is read, then ready', async () => {
    const s = await testServer();
    try {
      const made = await s.call({ method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 'Progress' } });
      const id = (JSON.parse(made.body) as { id: string }).id;
      const status = async () => JSON.parse((await s.call({ method: 'GET', url: `/api/reviews/${id}/status`, headers: s.as.author })).body) as { chronology: string; progress?: { phase: string }; revision: number };
      const rows = Array.from({ length: 20_000 }, (_, i) => `${String(1 + (i % 28)).padStart(2, '0')}/03/2021,Visit ${i},Home visit`).join('\n');
      const body = multipart([{ file: 'big.csv', content: `Date,Details,Type\n${rows}\n` }]);
      const up = await s.call({ method: 'POST', url: `/api/reviews/${id}/files`, headers: { ...s.as.author, ...body.headers }, payload: body.payload });
      expect(up.statusCode, up.body.slice(0, 300)).toBe(201);
      const review = s.store.review(id)!;
      s.app.reviewData.forget(id);
      expect((await status()).chronology).toBe('not-started');
      const merging = s.app.reviewData.merged(review);
      const during = await status();
      expect(during.chronology).toBe('working');
      expect(['queued', 'reading', 'merging']).toContain(during.progress!.phase);
      await merging;
      const after = await status();
      expect([after.chronology, after.progress]).toEqual(['ready', undefined]);
    } finally { await s.app.close(); }
  });
});

/**
 * A review's agency files (CSV, TSV, text or Excel workbooks): uploaded (multipart), stored byte
 * for byte under their SHA-256, downloaded identical, re-read when their agency or profile
 * changes, deleted. Each file's ingest report (encoding, delimiter, header line, date order,
 * rows, unusable rows, issues by line; a workbook's sheet by sheet) comes from the review's
 * merged chronology.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { apiError, codedError } from '../errors.js';
import { reviewOf } from './shared.js';
import { ERROR_REPLIES, OPEN_OBJECT, REVIEW_PARAMS } from '../schemas.js';
import { validateProfiles, type AgencyProfile } from '../../src/ingest/profile.js';
import type { FileRecord, ReviewRecord } from '../store/types.js';
import { readSettings, type ReviewSettings } from '../derived.js';
import type { Timeline } from '../../src/model/types.js';
import type { AgencyFile } from '../../src/review/chronology.js';
import { sheetNameIn } from '../../src/model/sheets.js';

const FILE_PARAMS = Type.Object({ reviewId: Type.String({ maxLength: 64 }), fileId: Type.String({ maxLength: 64 }) });
const ACCEPTED = /\.(csv|tsv|txt|xlsx)$/i;

/** Why an uploaded file's name is refused, or undefined: a plain name, no folders, no control characters. */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'it is empty';
  if (name.length > 200) return 'it is longer than 200 characters';
  if (/[/\\]/.test(name)) return 'it names a folder; send the file\'s own name only';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it holds a control character';
  if (name.startsWith('.')) return 'it starts with a dot';
  if (!ACCEPTED.test(name)) return 'expected a .csv, .tsv, .txt or .xlsx file (an Excel workbook, or a spreadsheet saved as CSV)';
  return undefined;
}

/**
 * The file as the API shows it, with its ingest report and issues when the chronology is merged.
 * A workbook is merged as its sheets (`police.xlsx [Incidents]`): its report is its first sheet's,
 * `sheets` every sheet's, and its issues are all its sheets'.
 */
export function fileView(f: FileRecord, timeline: Timeline | undefined) {
  const whole = timeline?.files.find((r) => r.file === f.name);
  const reports = whole ? [whole] : timeline?.files.filter((r) => sheetNameIn(r.file, f.name) !== undefined) ?? [];
  const read = new Set(reports.map((r) => r.file));
  return {
    id: f.id, name: f.name, sha256: f.sha256, size: f.size, agency: f.agency, profile: f.profile, uploadedAt: f.uploadedAt,
    ...(reports.length > 0 ? {
      report: reports[0] as unknown as Record<string, unknown>,
      ...(whole ? {} : { sheets: reports as unknown as Array<Record<string, unknown>> }),
      issues: timeline!.issues.filter((i) => read.has(i.file)),
    } : {}),
  };
}

/** A file as the review reads it: its own agency, and its own profile after the review's. */
function asReviewReads(review: ReviewRecord, name: string, bytes: Uint8Array, agency: string | null, profile: AgencyProfile | null): AgencyFile {
  const settings = readSettings(review.settings as ReviewSettings);
  return { name, bytes, ...(agency !== null ? { agency } : {}), profiles: [...settings.profiles, ...(profile ? [profile] : [])] };
}

/** The properties of a change to a file's agency or profile (a change, or a preview of one). */
const FILE_CHANGE = {
  agency: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
  profile: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
};

/** The file's agency and profile after a change (a profile checked as the command line checks its file). */
function changed(f: FileRecord, body: { agency?: string | null; profile?: Record<string, unknown> | null }): { profile: AgencyProfile | null; agency: string | null } {
  return {
    profile: body.profile === undefined ? (f.profile as AgencyProfile | null) : body.profile === null ? null : validateProfiles(body.profile, 'profile')[0]!,
    agency: body.agency === undefined ? f.agency : body.agency,
  };
}

const routes: FastifyPluginAsync = async (app) => {
  const fileOf = (request: FastifyRequest): FileRecord => {
    const { reviewId, fileId } = request.params as { reviewId: string; fileId: string };
    const f = app.store.file(reviewId, fileId);
    if (!f) throw apiError('file-not-found', { file: fileId });
    return f;
  };
  const timelineOf = async (review: ReviewRecord): Promise<Timeline | undefined> => {
    const merged = await app.reviewData.merged(review);
    return merged.ok ? merged.timeline : undefined;
  };
  /** Reads the file alone as the review would (on a worker thread), so one that is not a chronology is refused with its reason (422) and not stored. */
  const checkReads = async (review: ReviewRecord, name: string, bytes: Uint8Array, agency: string | null, profile: AgencyProfile | null): Promise<void> => {
    const failure = await app.reviewData.check(asReviewReads(review, name, bytes, agency, profile));
    if (failure) throw codedError(failure);
  };

  app.get('/:reviewId/files', {
    config: { access: 'read' },
    schema: { summary: 'The review\'s agency files with their ingest reports', params: REVIEW_PARAMS, response: { 200: Type.Array(Type.Ref('AgencyFile')), ...ERROR_REPLIES } },
  }, async (request) => {
    const review = reviewOf(app, request);
    const timeline = await timelineOf(review);
    return app.store.files(review.id).map((f) => fileView(f, timeline));
  });

  app.post('/:reviewId/files', {
    config: { access: 'chronology' },
    schema: {
      summary: 'Upload agency files (multipart/form-data; a field "agency" before a file sets its agency)',
      consumes: ['multipart/form-data'],
      params: REVIEW_PARAMS,
      response: { 201: Type.Array(Type.Ref('AgencyFile')), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw apiError('unsupported-media-type', { expected: 'multipart/form-data with one or more files' });
    const review = reviewOf(app, request);
    const received: Array<{ name: string; bytes: Uint8Array; agency: string | null }> = [];
    let agency: string | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'agency') agency = String(part.value).trim() || null;
        continue;
      }
      const name = part.filename;
      const problem = fileNameProblem(name);
      if (problem) {
        part.file.resume();
        throw apiError('file-name-invalid', { name: name.slice(0, 200), why: problem });
      }
      received.push({ name, bytes: await part.toBuffer(), agency });
      agency = null;
    }
    if (received.length === 0) throw apiError('bad-request', { detail: 'no file in the upload' });
    for (const f of received) {
      if (app.store.fileByName(review.id, f.name) || received.filter((g) => g.name === f.name).length > 1) throw apiError('file-name-taken', { name: f.name });
      await checkReads(review, f.name, f.bytes, f.agency, null);
    }
    const ids = app.store.tx(() => {
      const out = received.map((f) => {
        const id = randomUUID();
        app.store.addFile({ id, reviewId: review.id, name: f.name, sha256: app.store.putBlob(f.bytes), agency: f.agency, profile: null, uploadedBy: request.user!.id, uploadedAt: app.now().toISOString() });
        return id;
      });
      app.store.updateReview(review.id, {}, app.now().toISOString());
      return out;
    });
    const updated = reviewOf(app, request);
    const timeline = await timelineOf(updated);
    return reply.status(201).send(ids.map((id) => fileView(app.store.file(review.id, id)!, timeline)));
  });

  app.get('/:reviewId/files/:fileId', {
    config: { access: 'read' },
    schema: { summary: 'One agency file: its ingest report and issues by line', params: FILE_PARAMS, response: { 200: Type.Ref('AgencyFile'), ...ERROR_REPLIES } },
  }, async (request) => fileView(fileOf(request), await timelineOf(reviewOf(app, request))));

  app.get('/:reviewId/files/:fileId/content', {
    config: { access: 'read' },
    schema: { summary: 'The file exactly as it was uploaded (a download, never shown as a page)', params: FILE_PARAMS, response: ERROR_REPLIES },
  }, async (request, reply) => {
    const f = fileOf(request);
    const ascii = f.name.replace(/[^\w.\- ]/g, '_');
    return reply.type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('x-content-sha256', f.sha256)
      .send(Buffer.from(app.store.blob(f.sha256)!));
  });

  app.patch('/:reviewId/files/:fileId', {
    config: { access: 'chronology' },
    schema: {
      summary: 'Set the file\'s agency or its own profile (column mapping, date order, header line…); the file is read again',
      params: FILE_PARAMS,
      body: Type.Object(FILE_CHANGE, { additionalProperties: false }),
      response: { 200: Type.Ref('AgencyFile'), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const f = fileOf(request);
    const review = reviewOf(app, request);
    const body = request.body as { agency?: string | null; profile?: Record<string, unknown> | null };
    const { profile, agency } = changed(f, body);
    await checkReads(review, f.name, app.store.blob(f.sha256)!, agency, profile && { ...profile, files: undefined });
    app.store.tx(() => {
      app.store.updateFile(review.id, f.id, { agency, profile: profile as Record<string, unknown> | null });
      app.store.updateReview(review.id, {}, app.now().toISOString());
    });
    return fileView(app.store.file(review.id, f.id)!, await timelineOf(reviewOf(app, request)));
  });

  app.post('/:reviewId/files/:fileId/preview', {
    config: { access: 'chronology' },
    schema: {
      summary: 'How the file would be read with another agency or profile, before it is changed: its report, first records and issues (nothing is saved); a workbook\'s report is its first chronology sheet\'s, with every such sheet\'s in sheets, its records and issues all its sheets\' in turn',
      params: FILE_PARAMS,
      body: Type.Object({ ...FILE_CHANGE, rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ report: OPEN_OBJECT, sheets: Type.Optional(Type.Array(OPEN_OBJECT)), events: Type.Array(OPEN_OBJECT), issues: Type.Array(OPEN_OBJECT), issueCount: Type.Integer() }), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const f = fileOf(request);
    const review = reviewOf(app, request);
    const body = request.body as { agency?: string | null; profile?: Record<string, unknown> | null; rows?: number };
    const { profile, agency } = changed(f, body);
    return app.reviewData.preview(asReviewReads(review, f.name, app.store.blob(f.sha256)!, agency, profile && { ...profile, files: undefined }), body.rows ?? 8);
  });

  app.delete('/:reviewId/files/:fileId', {
    config: { access: 'chronology' },
    schema: { summary: 'Remove a file from the review (its bytes go when no review holds them)', params: FILE_PARAMS, response: { 204: Type.Null(), ...ERROR_REPLIES } },
  }, async (request, reply) => {
    const f = fileOf(request);
    app.store.tx(() => {
      app.store.deleteFile(f.reviewId, f.id);
      app.store.updateReview(f.reviewId, {}, app.now().toISOString());
    });
    return reply.status(204).send();
  });
};

export default routes;

/** What the review routes share. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { ApiError } from '../errors.js';
import { isThroughlineError } from '../../src/model/errors.js';
import type { ReviewRecord } from '../store/types.js';
import { readSettings, type ReviewSettings } from '../derived.js';
import type { Anonymise } from '../work/derive.js';

/** The review a route's `:reviewId` names; the access hook has already answered 404 for a non-member, so it exists. */
export function reviewOf(app: FastifyInstance, request: FastifyRequest): ReviewRecord {
  return app.store.review((request.params as { reviewId: string }).reviewId)!;
}

/** Bytes made on the worker thread, sent as they are (a Buffer over the same memory, no copy). */
export const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The program's version, from the package.json of the source tree (tests) or above the built one. */
export const PROGRAM_VERSION: string = (() => {
  const path = [new URL('../../package.json', import.meta.url), new URL('../../../package.json', import.meta.url)].find((u) => existsSync(u))!;
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
})();

/** Runs the core's `work`; a coded error of the core (a document or input that does not read) becomes the API's 422 with the core's code. */
export function checked<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (!isThroughlineError(e)) throw e;
    throw new ApiError(e.code, e.message, 422);
  }
}

/**
 * What a route asked for `anonymise=true` publishes through: the review's glossary (its setting),
 * or a 422 `glossary-missing` telling the author to set it first; undefined when not asked.
 */
export function anonymiseOf(review: ReviewRecord, asked: boolean | undefined): Anonymise | undefined {
  if (!asked) return undefined;
  const { glossary } = checked(() => readSettings(review.settings as ReviewSettings));
  if (glossary === undefined) throw new ApiError('glossary-missing', 'anonymising needs the review\'s glossary: set the review\'s glossary first (its Glossary tab, or PUT …/glossary)', 422);
  return { glossary };
}

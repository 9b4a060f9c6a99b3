/**
 * The review's merged chronology: JSON (paged), CSV (formula-safe) or Markdown, filtered by
 * agency, type, flag, date range and text. Dates keep their precision: a month-dated record is in
 * a range when its month overlaps it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ApiError, apiError } from '../errors.js';
import { anonymiseOf, reviewOf } from './shared.js';
import { ERROR_REPLIES, OPEN_OBJECT, REVIEW_PARAMS } from '../schemas.js';
import { timelineCsvChunks, timelineMarkdownChunks } from '../../src/export/index.js';
import { filterEvents } from '../../src/review/filter.js';
import { isThroughlineError } from '../../src/model/errors.js';
import type { ChronologyEvent, Timeline } from '../../src/model/types.js';
import type { ReviewRecord } from '../store/types.js';
import type { FastifyInstance } from 'fastify';

export const TIMELINE_QUERY = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('md')])),
  agency: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
  type: Type.Optional(Type.String({ maxLength: 200 })),
  flag: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  anonymise: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type TimelineQuery = { format?: 'json' | 'csv' | 'md'; agency?: string[]; type?: string; flag?: string[]; from?: string; to?: string; q?: string; offset?: number; limit?: number; anonymise?: boolean };

/** The merged chronology of a review, or a 422 listing every file that cannot be read as it is set up. */
export async function mergedTimeline(app: FastifyInstance, review: ReviewRecord): Promise<Timeline> {
  const merged = await app.reviewData.merged(review);
  if (!merged.ok) {
    throw apiError('chronology-invalid', { message: `${merged.failures.length} of the review's files cannot be read as they are set up: fix their mapping or profile` }, {
      failures: merged.failures.map((f) => ({ ...(f.file !== undefined ? { file: f.file } : {}), code: f.code, message: f.message })),
    });
  }
  return merged.timeline;
}

/** The events the query keeps, in merged order; a range that cannot be read is a 422 naming it. */
export function queryEvents(timeline: Timeline, q: TimelineQuery): readonly ChronologyEvent[] {
  try {
    return filterEvents(timeline.events, q);
  } catch (e) {
    if (!isThroughlineError(e)) throw e;
    throw new ApiError(e.code, e.message.replace(/^--(from|to) /, '$1 '), 422);
  }
}

/**
 * Pages of a whole chronology (no filter) as sent, kept with the merged chronology they come from
 * (a new revision is a new chronology, so they go with it): the web app asks for the same pages
 * every time a review is opened, and a 10,000-event page takes a tenth of a second to write out.
 */
const pages = new WeakMap<Timeline, Map<string, Buffer>>();
const PAGES_KEPT = 32;

const routes: FastifyPluginAsync = async (app) => {

  app.get('/:reviewId/timeline', {
    config: { access: 'read' },
    schema: {
      summary: 'The merged chronology, filtered; JSON is paged (offset, limit), CSV and Markdown are whole; anonymise=true publishes it through the review\'s glossary (refused while a word that looks like a name is undecided), and filters the published text',
      params: REVIEW_PARAMS, querystring: TIMELINE_QUERY,
      response: { 200: Type.Union([OPEN_OBJECT, Type.String()]), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const q = request.query as TimelineQuery;
    const review = reviewOf(app, request);
    const anonymise = anonymiseOf(review, q.anonymise);
    const merged = await mergedTimeline(app, review);
    // Anonymised on the worker and kept for the revision; the filter reads the published text, so a name finds nothing.
    const timeline = anonymise ? await app.reviewData.published(review, anonymise) : merged;
    const events = queryEvents(timeline, q);
    if (q.format === 'csv' || q.format === 'md') {
      const ids = new Set(events.map((e) => e.id));
      const view: Timeline = { ...timeline, events: [...events], links: timeline.links.filter((l) => l.events.some((id) => ids.has(id))) };
      const body = [...(q.format === 'csv' ? timelineCsvChunks(view) : timelineMarkdownChunks(view))].join('');
      return reply.type(q.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${anonymise ? 'anonymised-' : ''}chronology.${q.format}"`).send(body);
    }
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 500;
    const whole = events === timeline.events;
    const key = `${offset}:${limit}`;
    let body = whole ? pages.get(timeline)?.get(key) : undefined;
    if (body === undefined) {
      const page = events.slice(offset, offset + limit);
      const ids = new Set(page.map((e) => e.id));
      body = Buffer.from(JSON.stringify({
        version: timeline.version, scope: timeline.scope, agencyOrder: timeline.agencyOrder, total: events.length, offset, limit,
        events: page, links: timeline.links.filter((l) => l.events.some((id) => ids.has(id))), stats: timeline.stats,
      }));
      if (whole) {
        const kept = pages.get(timeline) ?? new Map<string, Buffer>();
        if (kept.size >= PAGES_KEPT) kept.delete(kept.keys().next().value!);
        kept.set(key, body);
        pages.set(timeline, kept);
      }
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
};

export default routes;

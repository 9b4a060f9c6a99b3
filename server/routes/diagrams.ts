/**
 * Every diagram as Office-safe SVG or PNG: the merged timeline (or the timeline as one agency could
 * know it on a day: asKnownBy and on), the heatmap, what each agency knew, and a cause analysis's
 * why-chain, fishbone and cause graph.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { apiError } from '../errors.js';
import { anonymiseOf, asBuffer, reviewOf } from './shared.js';
import { ERROR_REPLIES } from '../schemas.js';
import type { GridPeriod } from '../../src/analytics/types.js';
import { mergedTimeline } from './timeline.js';
import { versionOf } from './rca.js';
import { isIsoDay } from '../../src/model/calendar.js';
import { DIAGRAMS, type Diagram } from '../work/derive.js';

const routes: FastifyPluginAsync = async (app) => {

  app.get('/:reviewId/diagrams/:diagram', {
    config: { access: 'read' },
    schema: {
      summary: 'A diagram for the overview report; whys, fishbone and causes need the cause analysis (graph, and a version if not the latest); anonymise=true draws it through the review\'s glossary (refused while a word that looks like a name is undecided)',
      params: Type.Object({ reviewId: Type.String({ maxLength: 64 }), diagram: Type.Union(DIAGRAMS.map((d) => Type.Literal(d))) }),
      querystring: Type.Object({
        format: Type.Optional(Type.Union([Type.Literal('svg'), Type.Literal('png')])),
        widthMm: Type.Optional(Type.Number({ minimum: 60, maximum: 1200 })),
        period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')])),
        graph: Type.Optional(Type.String({ maxLength: 64 })),
        version: Type.Optional(Type.Integer({ minimum: 1 })),
        download: Type.Optional(Type.Boolean()),
        asKnownBy: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        on: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        anonymise: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: ERROR_REPLIES,
    },
  }, async (request, reply) => {
    const { diagram } = request.params as { diagram: Diagram };
    const q = request.query as { format?: 'svg' | 'png'; widthMm?: number; period?: GridPeriod; graph?: string; version?: number; download?: boolean; asKnownBy?: string; on?: string; anonymise?: boolean };
    const review = reviewOf(app, request);
    const anonymise = anonymiseOf(review, q.anonymise);
    const widthMm = q.widthMm ?? 170;
    const png = q.format === 'png';
    // Drawn on the worker thread, like the merge: a big timeline or a crowded fishbone takes seconds.
    let bytes: Uint8Array;
    if ((q.asKnownBy === undefined) !== (q.on === undefined)) throw apiError('bad-request', { detail: 'asKnownBy and on go together: an agency and a day, yyyy-mm-dd' });
    if (q.asKnownBy !== undefined && diagram !== 'timeline') throw apiError('bad-request', { detail: `asKnownBy is for the timeline, not the ${diagram} diagram` });
    if (diagram === 'timeline' || diagram === 'heatmap' || diagram === 'knowledge') {
      const timeline = await mergedTimeline(app, review);
      if (q.on !== undefined && !isIsoDay(q.on)) throw apiError('bad-request', { detail: `on ${q.on}: no such day` });
      if (q.asKnownBy !== undefined && !timeline.agencyOrder.includes(q.asKnownBy)) {
        throw apiError('bad-request', { detail: `asKnownBy: no agency "${q.asKnownBy}" in this review's chronology` });
      }
      const knownBy = q.asKnownBy !== undefined && q.on !== undefined ? { agency: q.asKnownBy, on: q.on } : undefined;
      bytes = (await app.reviewData.chart(review, diagram, { period: q.period ?? 'month', widthMm, png, ...(knownBy ? { knownBy } : {}), ...(anonymise ? { anonymise } : {}) }))!;
    } else {
      if (q.graph === undefined) throw apiError('bad-request', { detail: `the ${diagram} diagram needs graph, the id of a cause analysis` });
      const { graph, version } = versionOf(app, review.id, q.graph, q.version);
      bytes = await app.reviewData.causeDiagram({ graph: { format: version.format, source: version.source, title: graph.title }, diagram, widthMm, png, ...(anonymise ? { anonymise } : {}) });
    }
    const name = `${anonymise ? 'anonymised-' : ''}${diagram}.${q.format === 'png' ? 'png' : 'svg'}`;
    reply.header('content-disposition', `${q.download ? 'attachment' : 'inline'}; filename="${name}"`);
    return reply.type(png ? 'image/png' : 'image/svg+xml; charset=utf-8').send(asBuffer(bytes));
  });
};

export default routes;

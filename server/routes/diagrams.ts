/** Every diagram as Office-safe SVG or PNG: the merged timeline, the heatmap, and a cause analysis's why-chain, fishbone and cause graph. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { apiError } from '../errors.js';
import { reviewOf } from './shared.js';
import { ERROR_REPLIES } from '../schemas.js';
import { analyseRca } from '../../src/rca/analyse.js';
import type { GridPeriod } from '../../src/analytics/types.js';
import { mergedTimeline } from './timeline.js';
import { readVersion, versionOf } from './rca.js';

const DIAGRAMS = ['timeline', 'heatmap', 'whys', 'fishbone', 'causes'] as const;
type Diagram = (typeof DIAGRAMS)[number];

const routes: FastifyPluginAsync = async (app) => {

  app.get('/:reviewId/diagrams/:diagram', {
    config: { access: 'read' },
    schema: {
      summary: 'A diagram for the overview report; whys, fishbone and causes need the cause analysis (graph, and a version if not the latest)',
      params: Type.Object({ reviewId: Type.String({ maxLength: 64 }), diagram: Type.Union(DIAGRAMS.map((d) => Type.Literal(d))) }),
      querystring: Type.Object({
        format: Type.Optional(Type.Union([Type.Literal('svg'), Type.Literal('png')])),
        widthMm: Type.Optional(Type.Number({ minimum: 60, maximum: 1200 })),
        period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')])),
        graph: Type.Optional(Type.String({ maxLength: 64 })),
        version: Type.Optional(Type.Integer({ minimum: 1 })),
        download: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: ERROR_REPLIES,
    },
  }, async (request, reply) => {
    const { diagram } = request.params as { diagram: Diagram };
    const q = request.query as { format?: 'svg' | 'png'; widthMm?: number; period?: GridPeriod; graph?: string; version?: number; download?: boolean };
    const review = reviewOf(app, request);
    const widthMm = q.widthMm ?? 170;
    // The renderers (d3, dagre) and resvg load on the first diagram, not at start-up.
    const [{ renderTimeline }, { renderHeatmap }, { renderWhyChain }, { renderFishbone }, { renderCauseGraph }] = await Promise.all([
      import('../../viz/svg/timeline.js'), import('../../viz/svg/heatmap.js'), import('../../viz/svg/whys.js'), import('../../viz/svg/fishbone.js'), import('../../viz/svg/causes.js'),
    ]);
    let svg: string;
    if (diagram === 'timeline' || diagram === 'heatmap') {
      const timeline = await mergedTimeline(app, review);
      const analysis = (await app.reviewData.analysis(review, q.period ?? 'month'))!;
      svg = diagram === 'heatmap'
        ? renderHeatmap(analysis.grid, { widthMm })
        : renderTimeline(timeline, { widthMm, episodes: analysis.episodes, childNotSeen: analysis.gaps.childNotSeen });
    } else {
      if (q.graph === undefined) throw apiError('bad-request', { detail: `the ${diagram} diagram needs graph, the id of a cause analysis` });
      const { graph, version } = versionOf(app, review.id, q.graph, q.version);
      const { graph: g } = readVersion(version.format, version.source, graph.title);
      svg = diagram === 'whys' ? renderWhyChain(g, { widthMm }) : diagram === 'fishbone' ? renderFishbone(g, { widthMm }) : renderCauseGraph(g, analyseRca(g), { widthMm });
    }
    const name = `${diagram}.${q.format === 'png' ? 'png' : 'svg'}`;
    reply.header('content-disposition', `${q.download ? 'attachment' : 'inline'}; filename="${name}"`);
    if (q.format === 'png') {
      const { svgToPng } = await import('../../viz/png.js');
      return reply.type('image/png').send(Buffer.from(svgToPng(svg)));
    }
    return reply.type('image/svg+xml; charset=utf-8').send(svg);
  });
};

export default routes;

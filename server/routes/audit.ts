/** The audit trail, for an administrator: listed and exported, never edited (the database refuses too). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ERROR_REPLIES } from '../schemas.js';
import { csvCell } from '../../src/export/csv.js';

const routes: FastifyPluginAsync = async (app) => {
  app.get('', {
    config: { access: 'admin' },
    schema: {
      summary: 'Audit entries in order, paged by id; format=csv exports them',
      querystring: Type.Object({
        review: Type.Optional(Type.String({ maxLength: 64 })), after: Type.Optional(Type.Integer({ minimum: 0 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Union([Type.Array(Type.Ref('AuditEntry')), Type.String()]), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const q = request.query as { review?: string; after?: number; limit?: number; format?: 'json' | 'csv' };
    const entries = app.store.auditEntries({ ...(q.review !== undefined ? { reviewId: q.review } : {}), after: q.after ?? 0, limit: q.limit ?? 1000 });
    if (q.format !== 'csv') return entries;
    const head = ['id', 'at', 'userId', 'reviewId', 'method', 'route', 'status', 'requestId', 'ip'] as const;
    const lines = [head.join(','), ...entries.map((e) => head.map((k) => csvCell(String(e[k] ?? ''))).join(','))];
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit.csv"').send(`${lines.join('\r\n')}\r\n`);
  });
};

export default routes;

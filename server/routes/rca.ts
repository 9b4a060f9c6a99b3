/**
 * Cause analyses (RCA) of a review: created from why-chain text, fishbone CSV or graph JSON;
 * every save kept as a version with its author and time; history, restore, and the analysis of
 * any version against the review's merged chronology (evidence must be its events).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { apiError } from '../errors.js';
import { asBuffer, reviewOf } from './shared.js';
import { ERROR_REPLIES, OPEN_OBJECT, REVIEW_PARAMS } from '../schemas.js';
import { CAUSE_GRAPH_FORMATS, readCauseGraph, type CauseGraphFormat } from '../../src/rca/read.js';
import { analyseRca } from '../../src/rca/analyse.js';
import { causeGraphToJson } from '../../src/rca/json.js';
import type { RcaIssue, ReadGraph } from '../../src/rca/issues.js';
import type { CauseGraph } from '../../src/rca/model.js';
import type { RcaGraphRecord, RcaVersionRecord, ReviewRecord } from '../store/types.js';

const GRAPH_PARAMS = Type.Object({ reviewId: Type.String({ maxLength: 64 }), graphId: Type.String({ maxLength: 64 }) });
const VERSION_PARAMS = Type.Object({ reviewId: Type.String({ maxLength: 64 }), graphId: Type.String({ maxLength: 64 }), version: Type.Integer({ minimum: 1 }) });
const FORMAT = Type.Union(CAUSE_GRAPH_FORMATS.map((f) => Type.Literal(f)));
const SOURCE = Type.String({ maxLength: 2_000_000 });

const versionView = (v: RcaVersionRecord) => ({ version: v.version, format: v.format, note: v.note, author: v.authorName, createdAt: v.createdAt });
const graphView = (g: RcaGraphRecord, versions?: RcaVersionRecord[]) => ({ id: g.id, title: g.title, createdAt: g.createdAt, latest: g.latest, ...(versions ? { versions: versions.map(versionView) } : {}) });

/** The version asked for (the latest when none is), or a 404. */
export function versionOf(app: FastifyInstance, reviewId: string, graphId: string, version?: number): { graph: RcaGraphRecord; version: RcaVersionRecord & { source: string } } {
  const graph = app.store.rcaGraph(reviewId, graphId);
  if (!graph) throw apiError('rca-not-found', { graph: graphId });
  const v = app.store.rcaVersion(graphId, version ?? graph.latest);
  if (!v) throw apiError('version-not-found', { graph: graphId, version: version ?? graph.latest });
  return { graph, version: v };
}

/** The RCA report of a version: the file's own issues first, then the analysis's, evidence checked against the chronology when it merges. */
export async function rcaReport(app: FastifyInstance, review: ReviewRecord, read: ReadGraph<CauseGraph>) {
  const merged = await app.reviewData.merged(review);
  const report = analyseRca(read.graph, merged.ok ? { timeline: merged.timeline } : {});
  const validation: RcaIssue[] = [...read.issues, ...report.validation];
  return { ...report, validation, errors: validation.filter((i) => i.severity === 'error').length };
}

const routes: FastifyPluginAsync = async (app) => {
  const save = (graphId: string, format: CauseGraphFormat, source: string, note: string | undefined, author: number): number =>
    app.store.addRcaVersion({ graphId, format, source, ...(note !== undefined ? { note } : {}), author, createdAt: app.now().toISOString() });

  app.get('/:reviewId/rca', {
    config: { access: 'read' },
    schema: { summary: 'The review\'s cause analyses', params: REVIEW_PARAMS, response: { 200: Type.Array(Type.Ref('RcaGraph')), ...ERROR_REPLIES } },
  }, async (request) => app.store.rcaGraphs(reviewOf(app, request).id).map((g) => graphView(g)));

  app.post('/:reviewId/rca', {
    config: { access: 'rca' },
    schema: {
      summary: 'Create a cause analysis from why-chain text, fishbone CSV or graph JSON (version 1)',
      params: REVIEW_PARAMS,
      body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 300 }), format: FORMAT, source: SOURCE, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 201: Type.Object({ graph: Type.Ref('RcaGraph'), report: OPEN_OBJECT }), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const review = reviewOf(app, request);
    const body = request.body as { title: string; format: CauseGraphFormat; source: string; note?: string };
    const read = readCauseGraph(body.format, body.source, body.title);
    const id = randomUUID();
    app.store.tx(() => {
      app.store.createRcaGraph({ id, reviewId: review.id, title: body.title, createdAt: app.now().toISOString() });
      save(id, body.format, body.source, body.note, request.user!.id);
    });
    const graph = app.store.rcaGraph(review.id, id)!;
    return reply.status(201).send({ graph: graphView(graph, app.store.rcaVersions(id)), report: await rcaReport(app, review, read) });
  });

  const DRAFT = Type.Object({ title: Type.Optional(Type.String({ maxLength: 300 })), format: FORMAT, source: SOURCE }, { additionalProperties: false });

  app.post('/:reviewId/rca-draft', {
    config: { access: 'read' },
    schema: {
      summary: 'Analyse unsaved why-chain text, fishbone CSV or graph JSON as it is typed (nothing is saved): lint, unconfirmed causes, roots without actions, evidence checked against the chronology',
      params: REVIEW_PARAMS, body: DRAFT, response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const body = request.body as { title?: string; format: CauseGraphFormat; source: string };
    return rcaReport(app, reviewOf(app, request), readCauseGraph(body.format, body.source, body.title ?? 'Draft'));
  });

  app.post('/:reviewId/rca-draft/diagrams/:diagram', {
    config: { access: 'read' },
    schema: {
      summary: 'Draw unsaved cause-analysis text as a why-chain, fishbone or cause graph (SVG; nothing is saved)',
      params: Type.Object({ reviewId: Type.String({ maxLength: 64 }), diagram: Type.Union([Type.Literal('whys'), Type.Literal('fishbone'), Type.Literal('causes')]) }),
      querystring: Type.Object({ widthMm: Type.Optional(Type.Number({ minimum: 60, maximum: 1200 })) }, { additionalProperties: false }),
      body: DRAFT, response: ERROR_REPLIES,
    },
  }, async (request, reply) => {
    const { diagram } = request.params as { diagram: 'whys' | 'fishbone' | 'causes' };
    const body = request.body as { title?: string; format: CauseGraphFormat; source: string };
    const drawn = await app.reviewData.causeDiagram({ graph: { format: body.format, source: body.source, title: body.title ?? 'Draft' }, diagram, widthMm: (request.query as { widthMm?: number }).widthMm ?? 170, png: false });
    return reply.type('image/svg+xml; charset=utf-8').send(asBuffer(drawn));
  });

  app.get('/:reviewId/rca/:graphId', {
    config: { access: 'read' },
    schema: {
      summary: 'A cause analysis: its history, and the latest version\'s source and graph',
      params: GRAPH_PARAMS, response: { 200: Type.Object({ graph: Type.Ref('RcaGraph'), source: Type.String(), format: Type.String(), causeGraph: OPEN_OBJECT }), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { reviewId, graphId } = request.params as { reviewId: string; graphId: string };
    const { graph, version } = versionOf(app, reviewId, graphId);
    const read = readCauseGraph(version.format, version.source, graph.title);
    return { graph: graphView(graph, app.store.rcaVersions(graphId)), source: version.source, format: version.format, causeGraph: causeGraphToJson(read.graph) };
  });

  app.put('/:reviewId/rca/:graphId', {
    config: { access: 'rca' },
    schema: {
      summary: 'Save a new version',
      params: GRAPH_PARAMS,
      body: Type.Object({ format: FORMAT, source: SOURCE, note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ graph: Type.Ref('RcaGraph'), report: OPEN_OBJECT }), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { reviewId, graphId } = request.params as { reviewId: string; graphId: string };
    const body = request.body as { format: CauseGraphFormat; source: string; note?: string };
    const { graph } = versionOf(app, reviewId, graphId);
    const read = readCauseGraph(body.format, body.source, graph.title);
    app.store.tx(() => save(graphId, body.format, body.source, body.note, request.user!.id));
    return { graph: graphView(app.store.rcaGraph(reviewId, graphId)!, app.store.rcaVersions(graphId)), report: await rcaReport(app, reviewOf(app, request), read) };
  });

  app.get('/:reviewId/rca/:graphId/versions/:version', {
    config: { access: 'read' },
    schema: { summary: 'One version\'s source', params: VERSION_PARAMS, response: { 200: Type.Object({ version: Type.Ref('RcaVersion'), source: Type.String() }), ...ERROR_REPLIES } },
  }, async (request) => {
    const { reviewId, graphId, version } = request.params as { reviewId: string; graphId: string; version: number };
    const v = versionOf(app, reviewId, graphId, version).version;
    return { version: versionView(v), source: v.source };
  });

  app.post('/:reviewId/rca/:graphId/versions/:version/restore', {
    config: { access: 'rca' },
    schema: { summary: 'Restore an earlier version (saved as a new version: history is never rewritten)', params: VERSION_PARAMS, response: { 200: Type.Ref('RcaGraph'), ...ERROR_REPLIES } },
  }, async (request) => {
    const { reviewId, graphId, version } = request.params as { reviewId: string; graphId: string; version: number };
    const v = versionOf(app, reviewId, graphId, version).version;
    app.store.tx(() => save(graphId, v.format, v.source, `restored from version ${version}`, request.user!.id));
    return graphView(app.store.rcaGraph(reviewId, graphId)!, app.store.rcaVersions(graphId));
  });

  app.get('/:reviewId/rca/:graphId/analysis', {
    config: { access: 'read' },
    schema: {
      summary: 'The analysis of a version (the latest by default): roots, paths, evidence, actions, lint',
      params: GRAPH_PARAMS, querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { reviewId, graphId } = request.params as { reviewId: string; graphId: string };
    const { version } = request.query as { version?: number };
    const { graph, version: v } = versionOf(app, reviewId, graphId, version);
    return await rcaReport(app, reviewOf(app, request), readCauseGraph(v.format, v.source, graph.title));
  });

  app.delete('/:reviewId/rca/:graphId', {
    config: { access: 'rca' },
    schema: { summary: 'Delete a cause analysis with its history', params: GRAPH_PARAMS, response: { 204: Type.Null(), ...ERROR_REPLIES } },
  }, async (request, reply) => {
    const { reviewId, graphId } = request.params as { reviewId: string; graphId: string };
    if (!app.store.tx(() => app.store.deleteRcaGraph(reviewId, graphId))) throw apiError('rca-not-found', { graph: graphId });
    return reply.status(204).send();
  });
};

export default routes;

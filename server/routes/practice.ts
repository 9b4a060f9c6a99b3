/**
 * The review's own practice documents: the Salford case discussion, and the findings and
 * recommendations with their status history. Each is checked by the core's own validator before
 * it is kept, and comes back with what the chronology and the cause analysis do not bear out.
 * Saving one does not merge the chronology again (they are not settings: nothing derives from them).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { apiError } from '../errors.js';
import { anonymiseOf, checked, reviewOf } from './shared.js';
import { ERROR_REPLIES, OPEN_OBJECT, REVIEW_PARAMS } from '../schemas.js';
import { checkSalfordRecord, emptySalfordRecord, validateSalfordRecord, type SalfordRecord } from '../../src/review/salford.js';
import { changeStatus, checkFindings, RECOMMENDATION_STATUSES, validateFindings, type FindingsRecord, type RecommendationStatus } from '../../src/review/findings.js';
import { readCauseGraph } from '../../src/rca/read.js';
import { analyseRca } from '../../src/rca/analyse.js';
import type { ReviewRecord } from '../store/types.js';
import { resolveModel } from '../../src/review/models.js';
import { readSettings, type ReviewSettings, type Terms } from '../derived.js';
import { asBuffer, PROGRAM_VERSION } from './shared.js';
import type { ReviewDocuments } from '../work/derive.js';

/** What the review knows to check a document against: its records' ids (when the chronology merges), and a cause analysis's causes and root causes (its latest version). */
async function knownTo(app: FastifyInstance, review: ReviewRecord, graphId: string | undefined) {
  const merged = await app.reviewData.merged(review);
  const events = merged.ok ? new Set(merged.timeline.events.map((e) => e.id)) : undefined;
  if (graphId === undefined) return { ...(events ? { events } : {}) };
  const graph = app.store.rcaGraph(review.id, graphId);
  const version = graph && app.store.rcaVersion(graph.id, graph.latest);
  if (!graph || !version) return { ...(events ? { events } : {}), causes: new Set<string>(), rootCauses: new Set<string>() };
  const read = readCauseGraph(version.format, version.source, graph.title);
  const causes = new Set(read.graph.filterNodes((_, a) => a.kind === 'cause'));
  const rootCauses = new Set(analyseRca(read.graph).problems.flatMap((p) => p.rootCauses));
  return { ...(events ? { events } : {}), causes, rootCauses };
}

const meta = (d: { updatedBy: number; updatedAt: string } | undefined) => (d ? { updatedAt: d.updatedAt } : {});

const todayOf = (app: FastifyInstance): string => app.now().toISOString().slice(0, 10);
const salfordOf = (app: FastifyInstance, review: ReviewRecord, d = app.store.document(review.id, 'salford')): SalfordRecord =>
  (d ? validateSalfordRecord(d.body, 'salford') : emptySalfordRecord());
const findingsOf = (app: FastifyInstance, review: ReviewRecord, d = app.store.document(review.id, 'findings')): FindingsRecord =>
  (d ? validateFindings(d.body, 'findings', todayOf(app)) : { findings: [], recommendations: [] });

/**
 * What the review publishes beside its chronology, as it stands: its title, the model chosen and
 * why, the findings and recommendations, the Salford discussion; and the cause analysis a report
 * takes unless told (the findings', else the Salford discussion's, else the first).
 */
export function reviewDocuments(app: FastifyInstance, review: ReviewRecord): { documents: Omit<ReviewDocuments, 'graph'>; graphId?: string } {
  const terms = review.terms as unknown as Terms;
  const findings = findingsOf(app, review);
  const stored = app.store.document(review.id, 'salford');
  const salford = stored ? salfordOf(app, review, stored) : undefined;
  const graphId = findings.graph ?? salford?.tree.graph ?? app.store.rcaGraphs(review.id)[0]?.id;
  // A model written as free text before the guide existed is left out of the methodology's reasons.
  const model = terms.model !== undefined && terms.modelReason !== undefined ? (() => { try { return resolveModel(terms.model!).id; } catch { return undefined; } })() : undefined;
  return {
    documents: {
      title: review.title,
      ...(model ? { model: { facts: terms.modelFacts ?? {}, model, why: terms.modelReason! } } : {}),
      ...(findings.findings.length > 0 || findings.recommendations.length > 0 ? { findings } : {}), ...(salford ? { salford } : {}),
    },
    ...(graphId !== undefined ? { graphId } : {}),
  };
}

const routes: FastifyPluginAsync = async (app) => {
  const today = (): string => todayOf(app);

  const salfordView = async (review: ReviewRecord) => {
    const d = app.store.document(review.id, 'salford');
    const record = salfordOf(app, review, d);
    const known = await knownTo(app, review, record.tree.graph);
    return { record, issues: checkSalfordRecord(record, known), ...meta(d) };
  };

  app.get('/:reviewId/salford', {
    config: { access: 'read' },
    schema: { summary: 'The Salford case discussion: five stages, each with what worked well and what we are worried about, with what the chronology and the cause analysis do not bear out', params: REVIEW_PARAMS, response: { 200: OPEN_OBJECT, ...ERROR_REPLIES } },
  }, async (request) => salfordView(reviewOf(app, request)));

  app.put('/:reviewId/salford', {
    config: { access: 'findings' },
    schema: {
      summary: 'Replace the Salford case discussion (checked as a whole; the stages\' wording is configurable)',
      params: REVIEW_PARAMS, body: Type.Object({ record: OPEN_OBJECT }, { additionalProperties: false }), response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const review = reviewOf(app, request);
    const record = checked(() => validateSalfordRecord((request.body as { record: unknown }).record, 'record'));
    app.store.tx(() => app.store.putDocument(review.id, 'salford', record, request.user!.id, app.now().toISOString()));
    return salfordView(review);
  });

  const findingsView = async (review: ReviewRecord) => {
    const d = app.store.document(review.id, 'findings');
    const record = findingsOf(app, review, d);
    const known = await knownTo(app, review, record.graph);
    return { record, issues: checkFindings(record, { ...known, today: today() }), ...meta(d) };
  };

  app.get('/:reviewId/findings', {
    config: { access: 'read' },
    schema: { summary: 'The findings (with their evidence) and the SMART recommendations (with their status history), with what the chronology and the cause analysis do not bear out', params: REVIEW_PARAMS, response: { 200: OPEN_OBJECT, ...ERROR_REPLIES } },
  }, async (request) => findingsView(reviewOf(app, request)));

  app.put('/:reviewId/findings', {
    config: { access: 'findings' },
    schema: {
      summary: 'Replace the findings and recommendations. A recommendation\'s status history is kept from what is stored: a new one starts "open" today, by you; its status changes through POST …/status',
      params: REVIEW_PARAMS, body: Type.Object({ record: OPEN_OBJECT }, { additionalProperties: false }), response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const review = reviewOf(app, request);
    const body = (request.body as { record: Record<string, unknown> }).record;
    const before = new Map(findingsOf(app, review).recommendations.map((r) => [r.id, r]));
    // The history is the server's: a client can neither write nor rewrite it.
    const given = Array.isArray(body.recommendations) ? (body.recommendations as unknown[]).map((r) => {
      if (typeof r !== 'object' || r === null) return r;
      const { history: _h, status: _s, ...rest } = r as Record<string, unknown>;
      const old = before.get(String((r as Record<string, unknown>).id));
      return old ? { ...rest, status: old.status, history: old.history } : rest;
    }) : body.recommendations;
    const record = checked(() => validateFindings({ ...body, recommendations: given }, 'record', today(), request.user!.username));
    app.store.tx(() => app.store.putDocument(review.id, 'findings', record, request.user!.id, app.now().toISOString()));
    return findingsView(review);
  });

  app.post('/:reviewId/recommendations/:recommendationId/status', {
    config: { access: 'findings' },
    schema: {
      summary: 'Change a recommendation\'s status (open, in progress, evidenced, closed), kept in its history with the day, who and why; closing needs it evidenced first',
      params: Type.Object({ reviewId: Type.String({ maxLength: 64 }), recommendationId: Type.String({ maxLength: 64 }) }),
      body: Type.Object({ status: Type.Union(RECOMMENDATION_STATUSES.map((s) => Type.Literal(s))), note: Type.Optional(Type.String({ maxLength: 20_000 })) }, { additionalProperties: false }),
      response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const review = reviewOf(app, request);
    const { recommendationId } = request.params as { recommendationId: string };
    const { status, note } = request.body as { status: RecommendationStatus; note?: string };
    const record = findingsOf(app, review);
    const i = record.recommendations.findIndex((r) => r.id === recommendationId);
    if (i < 0) throw apiError('recommendation-not-found', { recommendation: recommendationId });
    const changed = checked(() => changeStatus(record.recommendations[i]!, status, { on: today(), by: request.user!.username, note: note ?? '' }));
    const next = { ...record, recommendations: record.recommendations.map((r, j) => (j === i ? changed : r)) };
    app.store.tx(() => app.store.putDocument(review.id, 'findings', next, request.user!.id, app.now().toISOString()));
    return findingsView(review);
  });

  app.get('/:reviewId/report', {
    config: { access: 'read' },
    schema: {
      summary: 'The overview report (docx) or the chronology workbook (xlsx), made from the review as it stands: its terms and model, findings, recommendations, Salford discussion and cause analysis; anonymise=true replaces every person in the review\'s glossary (refused while a word that looks like a name is undecided)',
      params: REVIEW_PARAMS,
      querystring: Type.Object({ format: Type.Union([Type.Literal('docx'), Type.Literal('xlsx')]), anonymise: Type.Optional(Type.Boolean()), graph: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
      response: ERROR_REPLIES,
    },
  }, async (request, reply) => {
    const q = request.query as { format: 'docx' | 'xlsx'; anonymise?: boolean; graph?: string };
    const review = reviewOf(app, request);
    const settings = checked(() => readSettings(review.settings as ReviewSettings));
    anonymiseOf(review, q.anonymise);
    const { documents, graphId: chosen } = reviewDocuments(app, review);
    const graphId = q.graph ?? chosen;
    const graph = graphId !== undefined ? app.store.rcaGraph(review.id, graphId) : undefined;
    if (q.graph !== undefined && !graph) throw apiError('rca-not-found', { graph: q.graph });
    const version = graph && app.store.rcaVersion(graph.id, graph.latest);
    const bytes = await app.reviewData.report(review, {
      format: q.format, version: PROGRAM_VERSION, anonymise: q.anonymise === true,
      ...(settings.glossary !== undefined ? { glossary: settings.glossary } : {}),
      ...documents,
      ...(graph && version ? { graph: { format: version.format, source: version.source, title: graph.title } } : {}),
    });
    if (!bytes) throw apiError('chronology-invalid', { message: 'the review\'s files cannot be merged as they are set up: fix them on the Files tab' });
    const name = q.format === 'docx' ? 'overview-report.docx' : 'chronology.xlsx';
    reply.header('content-disposition', `attachment; filename="${q.anonymise ? `anonymised-${name}` : name}"`);
    return reply.type(q.format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(asBuffer(bytes));
  });
};

export default routes;

/** Reviews, their terms of reference and their members. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { ApiError, apiError } from '../errors.js';
import { ERROR_REPLIES, REVIEW_PARAMS } from '../schemas.js';
import { parseDob, parseScope } from '../../src/ingest/arguments.js';
import { isThroughlineError } from '../../src/model/errors.js';
import { validateCaseFacts } from '../../src/review/models.js';
import type { ReviewRecord, Role, Store } from '../store/types.js';
import type { Terms } from '../derived.js';

const ROLE = Type.Union([Type.Literal('author'), Type.Literal('investigator'), Type.Literal('viewer')]);

/** Terms of reference as a person writes them: dates in any form the chronologies use (`01/04/2021`, `2021`). */
export const TERMS_INPUT = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  childNames: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
  dob: Type.Optional(Type.String({ maxLength: 40 })),
  model: Type.Optional(Type.String({ maxLength: 200 })),
  modelReason: Type.Optional(Type.String({ maxLength: 20_000 })),
  /** The case's facts as the review-model guide reads them (`throughline choose --facts`). */
  modelFacts: Type.Optional(Type.Object({}, { additionalProperties: true })),
  agencyOrder: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
}, { additionalProperties: false });
export type TermsInput = { from?: string; to?: string; childNames?: string[]; dob?: string; model?: string; modelReason?: string; modelFacts?: Record<string, unknown>; agencyOrder?: string[] };

/** The terms with their dates read (a wrong date is a 422 naming it); blank values left out. */
export function readTerms(input: TermsInput): Terms {
  try {
    const scope = parseScope(blank(input.from), blank(input.to));
    const dob = blank(input.dob);
    return {
      ...(scope.from !== undefined ? { from: scope.from } : {}), ...(scope.to !== undefined ? { to: scope.to } : {}),
      childNames: (input.childNames ?? []).map((n) => n.trim()).filter((n) => n !== ''),
      ...(dob !== undefined ? { dob: parseDob(dob) } : {}),
      ...(blank(input.model) !== undefined ? { model: input.model!.trim() } : {}),
      ...(blank(input.modelReason) !== undefined ? { modelReason: input.modelReason! } : {}),
      ...(input.modelFacts !== undefined ? { modelFacts: validateCaseFacts(input.modelFacts, 'modelFacts') } : {}),
      agencyOrder: (input.agencyOrder ?? []).map((a) => a.trim()).filter((a) => a !== ''),
    };
  } catch (e) {
    if (!isThroughlineError(e)) throw e;
    // The core's messages name command-line options; here they are the terms' fields.
    throw new ApiError(e.code, `terms of reference: ${e.message.replace(/^--(from|to|dob) /, '$1 ')}`, 422);
  }
}
const blank = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

export const reviewView = (r: ReviewRecord, role: Role) => ({
  id: r.id, title: r.title, terms: r.terms, role, revision: r.revision, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

/** Creates a review with its creator as author; returns its id. */
export function createReview(store: Store, input: { title: string; terms: TermsInput; settings?: Record<string, unknown> }, userId: number, now: Date): string {
  const id = randomUUID();
  const terms = readTerms(input.terms);
  store.tx(() => store.createReview({ id, title: input.title.trim(), terms: terms as unknown as Record<string, unknown>, settings: input.settings ?? {}, createdBy: userId, createdAt: now.toISOString() }));
  return id;
}

const TITLE = Type.String({ minLength: 1, maxLength: 300 });
const MEMBER_PARAMS = Type.Object({ reviewId: Type.String({ maxLength: 64 }), userId: Type.Integer({ minimum: 1 }) });

const routes: FastifyPluginAsync = async (app) => {
  const review = (id: string): ReviewRecord => {
    const r = app.store.review(id);
    if (!r) throw apiError('review-not-found', { review: id });
    return r;
  };

  app.get('', {
    config: { access: 'user' },
    schema: { summary: 'The reviews you are a member of', response: { 200: Type.Array(Type.Ref('Review')), ...ERROR_REPLIES } },
  }, async (request) => app.store.reviewsOf(request.user!.id).map((r) => reviewView(r, r.role)));

  app.post('', {
    config: { access: 'user' },
    schema: {
      summary: 'Create a review (you become its author)',
      body: Type.Object({ title: TITLE, terms: Type.Optional(TERMS_INPUT) }, { additionalProperties: false }),
      response: { 201: Type.Ref('Review'), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const body = request.body as { title: string; terms?: TermsInput };
    const id = createReview(app.store, { title: body.title, terms: body.terms ?? {} }, request.user!.id, app.now());
    return reply.status(201).send(reviewView(review(id), 'author'));
  });

  app.get('/:reviewId', {
    config: { access: 'read' },
    schema: { summary: 'A review and its terms of reference', params: REVIEW_PARAMS, response: { 200: Type.Ref('Review'), ...ERROR_REPLIES } },
  }, async (request) => reviewView(review((request.params as { reviewId: string }).reviewId), request.reviewRole!));

  app.patch('/:reviewId', {
    config: { access: 'manage' },
    schema: {
      summary: 'Change the title or the terms of reference (the chronology is merged again)',
      params: REVIEW_PARAMS,
      body: Type.Object({ title: Type.Optional(TITLE), terms: Type.Optional(TERMS_INPUT) }, { additionalProperties: false }),
      response: { 200: Type.Ref('Review'), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { reviewId } = request.params as { reviewId: string };
    const body = request.body as { title?: string; terms?: TermsInput };
    const terms = body.terms === undefined ? undefined : readTerms(body.terms) as unknown as Record<string, unknown>;
    app.store.tx(() => app.store.updateReview(reviewId, { ...(body.title !== undefined ? { title: body.title.trim() } : {}), ...(terms ? { terms } : {}) }, app.now().toISOString()));
    return reviewView(review(reviewId), request.reviewRole!);
  });

  app.delete('/:reviewId', {
    config: { access: 'manage' },
    schema: { summary: 'Delete a review with its files and analyses (the audit trail stays)', params: REVIEW_PARAMS, response: { 204: Type.Null(), ...ERROR_REPLIES } },
  }, async (request, reply) => {
    const { reviewId } = request.params as { reviewId: string };
    app.store.tx(() => app.store.deleteReview(reviewId));
    app.reviewData.forget(reviewId);
    return reply.status(204).send();
  });

  app.get('/:reviewId/status', {
    config: { access: 'read' },
    schema: {
      summary: 'Whether the merged chronology of the current revision is ready or still being read and merged, and how far it has got (poll after an upload)',
      params: REVIEW_PARAMS,
      response: {
        200: Type.Object({
          revision: Type.Integer(),
          chronology: Type.Union([Type.Literal('ready'), Type.Literal('working'), Type.Literal('not-started')]),
          progress: Type.Optional(Type.Object({
            phase: Type.Union(['queued', 'reading', 'merging', 'analysing', 'drawing'].map((p) => Type.Literal(p))),
            file: Type.Optional(Type.String()), filesRead: Type.Optional(Type.Integer()), files: Type.Optional(Type.Integer()),
          })),
          queued: Type.Integer(),
        }),
        ...ERROR_REPLIES,
      },
    },
  }, async (request) => {
    const r = review((request.params as { reviewId: string }).reviewId);
    const status = app.reviewData.status(r);
    return { revision: r.revision, chronology: status.state, ...(status.state === 'working' ? { progress: status.progress } : {}), queued: app.reviewData.queued() };
  });

  app.get('/:reviewId/members', {
    config: { access: 'read' },
    schema: { summary: 'The review\'s members and their roles', params: REVIEW_PARAMS, response: { 200: Type.Array(Type.Ref('Member')), ...ERROR_REPLIES } },
  }, async (request) => app.store.members((request.params as { reviewId: string }).reviewId));

  app.put('/:reviewId/members/:userId', {
    config: { access: 'manage' },
    schema: {
      summary: 'Add a member or change their role', params: MEMBER_PARAMS,
      body: Type.Object({ role: ROLE }, { additionalProperties: false }), response: { 200: Type.Array(Type.Ref('Member')), ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { reviewId, userId } = request.params as { reviewId: string; userId: number };
    const { role } = request.body as { role: Role };
    return app.store.tx(() => {
      if (!app.store.userById(userId)) throw apiError('user-not-found', { user: userId });
      const authors = app.store.members(reviewId).filter((m) => m.role === 'author');
      if (role !== 'author' && authors.length === 1 && authors[0]!.userId === userId) throw apiError('last-author');
      app.store.setMember(reviewId, userId, role);
      return app.store.members(reviewId);
    });
  });

  app.delete('/:reviewId/members/:userId', {
    config: { access: 'manage' },
    schema: { summary: 'Remove a member', params: MEMBER_PARAMS, response: { 200: Type.Array(Type.Ref('Member')), ...ERROR_REPLIES } },
  }, async (request) => {
    const { reviewId, userId } = request.params as { reviewId: string; userId: number };
    return app.store.tx(() => {
      const authors = app.store.members(reviewId).filter((m) => m.role === 'author');
      if (authors.length === 1 && authors[0]!.userId === userId) throw apiError('last-author');
      app.store.setMember(reviewId, userId, undefined);
      return app.store.members(reviewId);
    });
  });
};

export default routes;

/** The review models of the partnership's policy and the guide that weighs a case's facts against them. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ERROR_REPLIES, OPEN_OBJECT } from '../schemas.js';
import { checked } from './shared.js';
import { adviseReviewModel, FACT_QUESTIONS, REVIEW_MODELS, validateCaseFacts } from '../../src/review/models.js';

const routes: FastifyPluginAsync = async (app) => {
  app.get('', {
    config: { access: 'user' },
    schema: { summary: 'The policy\'s eight review models (description, when each fits, benefits, drawbacks) and the questions the guide asks', response: { 200: OPEN_OBJECT, ...ERROR_REPLIES } },
  }, async () => ({ questions: FACT_QUESTIONS, models: REVIEW_MODELS }));

  app.post('/advice', {
    config: { access: 'user' },
    schema: {
      summary: 'Weigh the models against a case\'s facts (as `throughline choose --format json` does); with model and why, the choice recorded',
      body: Type.Object({
        facts: OPEN_OBJECT,
        model: Type.Optional(Type.String({ maxLength: 200 })),
        why: Type.Optional(Type.String({ maxLength: 20_000 })),
      }, { additionalProperties: false }),
      response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const body = request.body as { facts: unknown; model?: string; why?: string };
    return checked(() => adviseReviewModel(validateCaseFacts(body.facts, 'facts'), body.model !== undefined ? { model: body.model, why: body.why ?? '' } : undefined));
  });
};

export default routes;

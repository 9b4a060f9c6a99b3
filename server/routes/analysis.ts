/** The review's analysis, with its own rules, episodes and tags, each editable. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ApiError, apiError } from '../errors.js';
import { anonymiseOf, asBuffer, reviewOf } from './shared.js';
import { ERROR_REPLIES, OPEN_OBJECT, REVIEW_PARAMS } from '../schemas.js';
import { isThroughlineError } from '../../src/model/errors.js';
import { readSettings, SETTING_NAMES, type ReviewSettings, type SettingName } from '../derived.js';
import { mergedTimeline } from './timeline.js';
import type { GridPeriod } from '../../src/analytics/types.js';

/** Who may change each setting: the chronology's shape is the author's; findings (episodes, tags, rules) an investigator's too. */
const SETTING_ABILITY: Record<SettingName, 'chronology' | 'findings'> = { profiles: 'chronology', linkRules: 'chronology', rules: 'findings', episodes: 'findings', tags: 'findings', glossary: 'chronology' };

const routes: FastifyPluginAsync = async (app) => {

  app.get('/:reviewId/analysis', {
    config: { access: 'read' },
    schema: {
      summary: 'The analysis: involvement grid, gaps, patterns, referrals, network, episodes, balance, timing (JSON as `throughline analyse` writes it, or its Markdown report); anonymise=true as `throughline analyse --anonymise` writes it with the review\'s glossary (refused while a word that looks like a name is undecided)',
      params: REVIEW_PARAMS,
      querystring: Type.Object({
        format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('md')])), period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')])),
        anonymise: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Union([OPEN_OBJECT, Type.String()]), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const q = request.query as { format?: 'json' | 'md'; period?: GridPeriod; anonymise?: boolean };
    const review = reviewOf(app, request);
    const anonymise = anonymiseOf(review, q.anonymise);
    // A chronology that cannot be merged is a 422 listing its files; the analysis comes written out from the worker.
    await mergedTimeline(app, review);
    const bytes = (await app.reviewData.analysis(review, q.period ?? 'month', q.format ?? 'json', anonymise))!;
    return reply.type(q.format === 'md' ? 'text/markdown; charset=utf-8' : 'application/json; charset=utf-8').send(asBuffer(bytes));
  });

  app.get('/:reviewId/settings', {
    config: { access: 'read' },
    schema: { summary: 'The review\'s settings as written: profiles, link rules, analysis rules, episodes, tags', params: REVIEW_PARAMS, response: { 200: OPEN_OBJECT, ...ERROR_REPLIES } },
  }, async (request) => reviewOf(app, request).settings);

  app.put('/:reviewId/settings/:name', {
    config: { access: 'findings' },
    schema: {
      summary: 'Replace one setting (null removes it); it is checked as the command line checks its file',
      params: Type.Object({ reviewId: Type.String({ maxLength: 64 }), name: Type.Union(SETTING_NAMES.map((n) => Type.Literal(n))) }),
      body: Type.Object({ value: Type.Unknown() }, { additionalProperties: false }),
      response: { 200: OPEN_OBJECT, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const { name } = request.params as { name: SettingName };
    if (SETTING_ABILITY[name] === 'chronology' && request.reviewRole !== 'author') throw apiError('forbidden', { role: request.reviewRole! });
    const review = reviewOf(app, request);
    const { value } = request.body as { value: unknown };
    const settings: ReviewSettings = { ...(review.settings as ReviewSettings) };
    if (value === null || value === undefined) delete settings[name]; else settings[name] = value;
    try {
      readSettings(settings);
    } catch (e) {
      if (!isThroughlineError(e)) throw e;
      throw new ApiError(e.code, e.message, 422);
    }
    app.store.tx(() => app.store.updateReview(review.id, { settings: settings as Record<string, unknown> }, app.now().toISOString()));
    return reviewOf(app, request).settings;
  });
};

export default routes;

/**
 * The review's glossary as entries (name, pseudonym, kind), kept as its `glossary` setting: CSV
 * text, as the command line reads its file. Read, replaced whole, or one entry added (a word the
 * name check found, given a pseudonym, or dismissed as "not a name"). And the name check: the words
 * of everything the review publishes that look like a person's name and that the glossary does not
 * decide, each with where it occurs, for the author to decide before anything is anonymised.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { checked, reviewOf } from './shared.js';
import { ERROR_REPLIES, REVIEW_PARAMS } from '../schemas.js';
import { readSettings, type ReviewSettings } from '../derived.js';
import { mergedTimeline } from './timeline.js';
import { reviewDocuments } from './practice.js';
import { GLOSSARY_KINDS, glossaryCsv, readGlossary, type GlossaryKind } from '../../src/review/glossary.js';
import type { ReviewRecord } from '../store/types.js';

/** One line of text: no control characters (a line break would make a second CSV row). */
const LINE = '^[^\\u0000-\\u001f\\u007f]*$';
const KIND = Type.Union(GLOSSARY_KINDS.map((k) => Type.Literal(k)));
const ENTRY_IN = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: LINE }),
  pseudonym: Type.Optional(Type.String({ maxLength: 200, pattern: LINE })),
  kind: Type.Optional(KIND),
}, { additionalProperties: false });
interface EntryIn { name: string; pseudonym?: string; kind?: GlossaryKind }
interface Entry { name: string; pseudonym: string; kind: GlossaryKind }

const GLOSSARY_REPLY = Type.Object({
  set: Type.Boolean({ description: 'whether the review has a glossary (anonymising needs one)' }),
  entries: Type.Array(Type.Object({ name: Type.String(), pseudonym: Type.String(), kind: KIND })),
});
const CHECK_REPLY = Type.Object({
  glossary: Type.Boolean({ description: 'whether the review has a glossary: without one, every word that looks like a name is listed' }),
  undecided: Type.Array(Type.Object({
    word: Type.String(),
    why: Type.String(),
    count: Type.Integer({ description: 'how many times it occurs' }),
    places: Type.Integer({ description: 'in how many places (a record\'s field, a part of the review)' }),
    where: Type.Array(Type.Object({
      place: Type.String({ description: 'a record\'s source file and line, or the part of the review' }),
      field: Type.Optional(Type.String()),
      record: Type.Optional(Type.String({ description: 'the record\'s id' })),
    }), { description: 'the first five places' }),
  })),
});

/** The review's glossary read into entries; undefined when it has none. */
function entriesOf(review: ReviewRecord): Entry[] | undefined {
  const { glossary } = checked(() => readSettings(review.settings as ReviewSettings));
  if (glossary === undefined) return undefined;
  return readGlossary(new TextEncoder().encode(glossary), 'glossary').entries.map(({ name, pseudonym, kind }) => ({ name, pseudonym, kind }));
}

const reply = (review: ReviewRecord) => {
  const entries = entriesOf(review);
  return { set: entries !== undefined, entries: entries ?? [] };
};

/** Keeps `entries` as the review's glossary setting (none: the setting removed), written as CSV and read back first. */
function keep(app: FastifyInstance, review: ReviewRecord, entries: readonly Entry[]): void {
  const settings: ReviewSettings = { ...(review.settings as ReviewSettings) };
  if (entries.length === 0) delete settings.glossary;
  else settings.glossary = checked(() => glossaryCsv(entries));
  app.store.tx(() => app.store.updateReview(review.id, { settings: settings as Record<string, unknown> }, app.now().toISOString()));
}

const entry = (e: EntryIn): Entry => ({ name: e.name.trim(), pseudonym: (e.pseudonym ?? '').trim(), kind: e.kind ?? 'person' });

const routes: FastifyPluginAsync = async (app) => {

  app.get('/:reviewId/glossary', {
    config: { access: 'read' },
    schema: { summary: 'The review\'s glossary as entries: name, pseudonym, kind (person, abbreviation, not a name)', params: REVIEW_PARAMS, response: { 200: GLOSSARY_REPLY, ...ERROR_REPLIES } },
  }, async (request) => reply(reviewOf(app, request)));

  app.put('/:reviewId/glossary', {
    config: { access: 'chronology' },
    schema: {
      summary: 'Replace the glossary with these entries (none removes it), kept as the glossary setting\'s CSV and checked as the command line checks its file',
      params: REVIEW_PARAMS,
      body: Type.Object({ entries: Type.Array(ENTRY_IN, { maxItems: 10_000 }) }, { additionalProperties: false }),
      response: { 200: GLOSSARY_REPLY, ...ERROR_REPLIES },
    },
  }, async (request) => {
    keep(app, reviewOf(app, request), (request.body as { entries: EntryIn[] }).entries.map(entry));
    return reply(reviewOf(app, request));
  });

  app.post('/:reviewId/glossary/entries', {
    config: { access: 'chronology' },
    schema: {
      summary: 'Add one entry to the glossary (a word the name check found: a person with a pseudonym, or kind "not a name" to dismiss it); the glossary is written again as CSV',
      params: REVIEW_PARAMS, body: ENTRY_IN, response: { 200: GLOSSARY_REPLY, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const review = reviewOf(app, request);
    keep(app, review, [...(entriesOf(review) ?? []), entry(request.body as EntryIn)]);
    return reply(reviewOf(app, request));
  });

  app.get('/:reviewId/glossary/check', {
    config: { access: 'read' },
    schema: {
      summary: 'The name check: the words of everything the review publishes (the chronology, the analysis, the model chosen, the findings, the Salford discussion, every cause analysis), anonymised through the glossary, that look like a person\'s name and that the glossary does not decide; each with why, how often and its first places',
      params: REVIEW_PARAMS, response: { 200: CHECK_REPLY, ...ERROR_REPLIES },
    },
  }, async (request) => {
    const review = reviewOf(app, request);
    await mergedTimeline(app, review);
    const { glossary } = checked(() => readSettings(review.settings as ReviewSettings));
    const graphs = app.store.rcaGraphs(review.id).flatMap((g) => {
      const v = app.store.rcaVersion(g.id, g.latest);
      return v ? [{ format: v.format, source: v.source, title: g.title }] : [];
    });
    const undecided = await app.reviewData.names(review, { ...(glossary !== undefined ? { glossary } : {}), documents: reviewDocuments(app, review).documents, graphs });
    return { glossary: glossary !== undefined, undecided: undecided! };
  });
};

export default routes;

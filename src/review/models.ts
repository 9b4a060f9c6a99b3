/**
 * Choosing the review model: the partnership policy's eight models (Appreciative Inquiry, the
 * reflective learning session, the Salford Case Discussion Tool, the Individual Agency Review, the
 * multi-agency audit, peer review, Root Cause Analysis and the traditional Child Safeguarding
 * Practice Review) as data, and a guide that weighs a case's facts against them.
 *
 * Every reason the guide gives is a sentence of the policy itself (`because`, quoted verbatim; a
 * test checks each against fixtures/seed), so the advice can be read back to the policy. A fact
 * not given is not guessed: a rule that reads it stays silent, and the fact is listed as a
 * question whose answer could change the advice.
 */
import shipped from './models.json' with { type: 'json' };
import { ThroughlineError } from '../model/errors.js';

/** The facts of a case the guide reads, each optional (unknown until someone answers it). */
export interface CaseFacts {
  /** How many agencies were involved with the child and family. */
  agencies?: number;
  /** The learning is for one agency only, with no concerns about the others' involvement. */
  singleAgency?: boolean;
  /** Demonstrably serious concerns about the conduct of agencies or about inter-agency working. */
  seriousConcerns?: boolean;
  nationalLessons?: boolean;
  /** A quick, proportionate outcome is needed. */
  timely?: boolean;
  limitedResources?: boolean;
  /** The review must be independent of the agencies involved. */
  independence?: boolean;
  highProfile?: boolean;
  /** The learning sought is about a theme across several children's cases. */
  theme?: boolean;
  /** The learning concerns NHS (health) services. */
  health?: boolean;
  /** The facts are gathered (chronologies, information in hand) before the discussion. */
  factsKnown?: boolean;
  facilitator?: boolean;
  rcaSkills?: boolean;
}
export type FactId = keyof CaseFacts;

export interface FactQuestion { id: FactId; type: 'count' | 'yes-no'; question: string }

/** A count's bounds, both inclusive. */
export interface CountCondition { atLeast?: number; atMost?: number }
/** Every fact named must hold (all of them); a fact not given holds nothing. */
export type Condition = { [K in FactId]?: CaseFacts[K] extends number | undefined ? CountCondition : boolean };

export type RuleEffect = 'for' | 'against' | 'rules-out';
export interface ModelRule { when: Condition; effect: RuleEffect; because: string }
export interface ModelGuard { drawback: string; advice: string; when?: Condition }

export interface ReviewModel {
  id: string;
  /** Other names it goes by (`rca`, `ai`, `scr`), lower case. */
  aliases: string[];
  name: string;
  description: string;
  /** The policy's sentence on when the model fits. */
  fits: string;
  /** The model can be used within another (Appreciative Inquiry, the Salford tool). */
  combines?: boolean;
  benefits: string[];
  drawbacks: string[];
  rules: ModelRule[];
  /** What to do about a drawback, when its `when` holds (always, without one). */
  guards: ModelGuard[];
}

/** The eight models in the policy's order, and the questions the guide asks. */
export const REVIEW_MODELS = shipped.models as unknown as ReviewModel[];
export const FACT_QUESTIONS = shipped.facts as unknown as FactQuestion[];

/**
 * `recommended`: more reasons for than against. `possible`: some for, as many or more against
 * (weigh them). `not indicated`: nothing in the facts given speaks for or against it.
 * `not advised`: the policy rules it out for these facts, or only reasons against it apply.
 */
export type Fit = 'recommended' | 'possible' | 'not indicated' | 'not advised';
export const FITS: readonly Fit[] = ['recommended', 'possible', 'not indicated', 'not advised'];

/** A rule that applied: the policy's sentence and the answers that made it apply. */
export interface Reason { because: string; facts: string[] }

export interface ModelAdvice {
  id: string;
  name: string;
  fit: Fit;
  /** The policy's sentence on when the model fits. */
  fits: string;
  combines: boolean;
  for: Reason[];
  against: Reason[];
  rulesOut: Reason[];
  /** The drawbacks to guard against if this model is chosen, each with what to do. */
  guards: Array<{ drawback: string; advice: string }>;
}

export interface ModelChoice { id: string; name: string; why: string; fit: Fit }

export interface ReviewModelAdvice {
  facts: CaseFacts;
  /** Questions not answered whose answer could change the advice. */
  unanswered: FactQuestion[];
  /** Best fit first: by fit, then reasons for less reasons against, then the policy's order. */
  models: ModelAdvice[];
  chosen?: ModelChoice;
}

const answer = (facts: CaseFacts, id: FactId): string => {
  const v = facts[id];
  return typeof v === 'boolean' ? `${id}: ${v ? 'yes' : 'no'}` : `${id}: ${v}`;
};

/** The answers that make `when` hold, or undefined when it does not (a fact not given holds nothing). */
export function conditionHolds(when: Condition, facts: CaseFacts): string[] | undefined {
  const used: string[] = [];
  for (const [id, want] of Object.entries(when) as Array<[FactId, boolean | CountCondition]>) {
    const have = facts[id];
    if (have === undefined) return undefined;
    if (typeof want === 'boolean') {
      if (have !== want) return undefined;
    } else {
      const n = have as number;
      if ((want.atLeast !== undefined && n < want.atLeast) || (want.atMost !== undefined && n > want.atMost)) return undefined;
    }
    used.push(answer(facts, id));
  }
  return used;
}

function fitOf(forCount: number, againstCount: number, rulesOut: number): Fit {
  if (rulesOut > 0) return 'not advised';
  if (forCount > againstCount) return 'recommended';
  if (forCount > 0) return 'possible';
  return againstCount > 0 ? 'not advised' : 'not indicated';
}

/** Weighs every model against the facts; with `choice`, records the model chosen and why. */
export function adviseReviewModel(facts: CaseFacts, choice?: { model: string; why: string }, models: readonly ReviewModel[] = REVIEW_MODELS): ReviewModelAdvice {
  const advice = models.map((m, order) => {
    const applied = (effect: RuleEffect): Reason[] => m.rules.filter((r) => r.effect === effect).flatMap((r) => {
      const used = conditionHolds(r.when, facts);
      return used ? [{ because: r.because, facts: used }] : [];
    });
    const pro = applied('for');
    const con = applied('against');
    const out = applied('rules-out');
    const guards = m.guards.filter((g) => g.when === undefined || conditionHolds(g.when, facts) !== undefined).map((g) => ({ drawback: g.drawback, advice: g.advice }));
    const one: ModelAdvice = { id: m.id, name: m.name, fit: fitOf(pro.length, con.length, out.length), fits: m.fits, combines: m.combines === true, for: pro, against: con, rulesOut: out, guards };
    return { one, order };
  });
  advice.sort((a, b) => FITS.indexOf(a.one.fit) - FITS.indexOf(b.one.fit)
    || (b.one.for.length - b.one.against.length) - (a.one.for.length - a.one.against.length)
    || a.order - b.order);
  const read = new Set(models.flatMap((m) => m.rules.flatMap((r) => Object.keys(r.when))));
  const result: ReviewModelAdvice = {
    facts,
    unanswered: FACT_QUESTIONS.filter((q) => facts[q.id] === undefined && read.has(q.id)),
    models: advice.map((a) => a.one),
  };
  if (choice) {
    const picked = resolveModel(choice.model, models);
    const why = choice.why.trim();
    if (why === '') throw new ThroughlineError('model-choice-invalid', `the reason for choosing ${picked.name} is empty: a review records why its model was chosen`);
    result.chosen = { id: picked.id, name: picked.name, why, fit: result.models.find((a) => a.id === picked.id)!.fit };
  }
  return result;
}

/** A model by its id, its name or an alias (any case), or a coded error listing the ids. */
export function resolveModel(spec: string, models: readonly ReviewModel[] = REVIEW_MODELS): ReviewModel {
  const wanted = spec.trim().toLowerCase();
  const found = models.find((m) => m.id === wanted || m.name.toLowerCase() === wanted || m.aliases.includes(wanted));
  if (!found) throw new ThroughlineError('model-unknown', `"${spec}" is not a review model: expected one of ${models.map((m) => m.id).join(', ')}`);
  return found;
}

/**
 * Case facts from JSON (`{ "agencies": 5, "seriousConcerns": true, … }`): every key a known fact,
 * `agencies` a whole number of at least 1, the others true or false. `name` names the source in
 * every message.
 */
export function validateCaseFacts(value: unknown, name: string): CaseFacts {
  const bad = (key: string, expected: string): ThroughlineError =>
    new ThroughlineError('case-facts-invalid', `${name}: "${key}" is invalid: expected ${expected}`, name);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('(root)', `an object of case facts (${FACT_QUESTIONS.map((q) => q.id).join(', ')})`);
  const facts: CaseFacts = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const question = FACT_QUESTIONS.find((q) => q.id === key);
    if (!question) throw bad(key, `one of the case facts ${FACT_QUESTIONS.map((q) => q.id).join(', ')}`);
    if (v === null || v === undefined) continue;
    if (question.type === 'count') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw bad(key, 'a whole number of agencies, at least 1');
      facts.agencies = v;
    } else {
      if (typeof v !== 'boolean') throw bad(key, 'true or false');
      (facts as Record<string, boolean>)[key] = v;
    }
  }
  return facts;
}

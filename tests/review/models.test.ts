/**
 * Choosing the review model: the eight models against the policy's own text, each rule at its
 * edge, and whole cases whose advice is worked out by hand from src/review/models.json's rules.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adviseReviewModel, conditionHolds, FACT_QUESTIONS, resolveModel, REVIEW_MODELS, validateCaseFacts, type CaseFacts, type ReviewModel } from '../../src/review/models.js';
import { reviewModelMarkdown } from '../../src/export/models.js';

const SEED = readFileSync(new URL('../../fixtures/seed/practice-review-policy-and-toolkit.txt', import.meta.url), 'utf8');
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
const model = (facts: CaseFacts, id: string) => adviseReviewModel(facts).models.find((m) => m.id === id)!;
const becauses = (reasons: Array<{ because: string }>): string[] => reasons.map((r) => r.because);

describe('the eight models are the policy\'s', () => {
  it('are the policy\'s eight headings, in its order', () => {
    expect(REVIEW_MODELS.map((m) => m.name)).toEqual([
      'Appreciative Inquiry (AI)', 'Reflective Learning Session or multi-agency practitioner events', 'Salford Case Discussion Tool',
      'Individual Agency Review', 'Multi-agency audits (SSCP)', 'Peer review approach', 'Root Cause Analysis (RCA)',
      'Traditional Child Safeguarding Review model (previously Serious Case Reviews)',
    ]);
    for (const m of REVIEW_MODELS) expect(SEED.split('\n').map((l) => l.trim())).toContain(m.name);
  });

  it('quote every description, fit, benefit, drawback and reason verbatim from the policy', () => {
    const quotes = REVIEW_MODELS.flatMap((m) => [m.description, m.fits, ...m.benefits, ...m.drawbacks, ...m.rules.map((r) => r.because), ...m.guards.map((g) => g.drawback)]);
    expect(quotes.length).toBeGreaterThan(60);
    expect(quotes.filter((q) => !flat(SEED).includes(flat(q)))).toEqual([]);
  });

  it('hold every benefit and drawback the policy lists for each model, and no other', () => {
    // Each model's section runs from its heading to the next model's; its bullets (·) after
    // "benefits of this model are" are the benefits until "drawbacks of this model are".
    const lines = SEED.split('\n').map((l) => l.trim());
    REVIEW_MODELS.forEach((m, i) => {
      const start = lines.indexOf(m.name);
      const next = REVIEW_MODELS[i + 1];
      const section = lines.slice(start, next ? lines.indexOf(next.name) : lines.length);
      const b = section.findIndex((l) => /benefits of this model are/i.test(l));
      const d = section.findIndex((l) => /drawbacks of this model are/i.test(l));
      const bullets = (from: number, to: number): string[] => section.slice(from, to).filter((l) => l.startsWith('·')).map((l) => l.replace(/^·\s*/, ''));
      expect(b, m.name).toBeGreaterThan(0);
      expect(d, m.name).toBeGreaterThan(b);
      expect(m.benefits, m.name).toEqual(bullets(b, d));
      expect(m.drawbacks, m.name).toEqual(bullets(d, section.length));
    });
  });

  it('guard only against a drawback of their own, and read only facts the guide asks about', () => {
    const facts = new Set(FACT_QUESTIONS.map((q) => q.id));
    expect(facts.size).toBe(13);
    for (const m of REVIEW_MODELS) {
      expect(m.guards.length, m.name).toBeGreaterThan(0);
      for (const g of m.guards) expect(m.drawbacks, m.name).toContain(g.drawback);
      for (const r of m.rules) {
        expect(Object.keys(r.when).length, `${m.name}: ${r.because}`).toBeGreaterThan(0);
        for (const k of Object.keys(r.when)) expect(facts.has(k as never), k).toBe(true);
      }
    }
  });
});

describe('conditions', () => {
  it('a count at, below and above its bounds', () => {
    expect(conditionHolds({ agencies: { atLeast: 2 } }, { agencies: 1 })).toBeUndefined();
    expect(conditionHolds({ agencies: { atLeast: 2 } }, { agencies: 2 })).toEqual(['agencies: 2']);
    expect(conditionHolds({ agencies: { atLeast: 2 } }, { agencies: 3 })).toEqual(['agencies: 3']);
    expect(conditionHolds({ agencies: { atMost: 1 } }, { agencies: 1 })).toEqual(['agencies: 1']);
    expect(conditionHolds({ agencies: { atMost: 1 } }, { agencies: 2 })).toBeUndefined();
  });
  it('every fact named must hold, and a fact not given holds nothing (neither yes nor no)', () => {
    expect(conditionHolds({ timely: true }, {})).toBeUndefined();
    expect(conditionHolds({ timely: false }, {})).toBeUndefined();
    expect(conditionHolds({ timely: false }, { timely: false })).toEqual(['timely: no']);
    expect(conditionHolds({ singleAgency: true, health: true }, { singleAgency: true, health: false })).toBeUndefined();
    expect(conditionHolds({ singleAgency: true, health: true }, { singleAgency: true })).toBeUndefined();
    expect(conditionHolds({ singleAgency: true, health: true }, { singleAgency: true, health: true })).toEqual(['singleAgency: yes', 'health: yes']);
  });
});

describe('the fit of a model', () => {
  const test: ReviewModel = {
    id: 'test', aliases: [], name: 'Test', description: '', fits: '', benefits: [], drawbacks: ['d'],
    rules: [
      { when: { timely: true }, effect: 'for', because: 'a' },
      { when: { health: true }, effect: 'for', because: 'b' },
      { when: { theme: true }, effect: 'against', because: 'c' },
      { when: { highProfile: true }, effect: 'against', because: 'e' },
      { when: { independence: true }, effect: 'rules-out', because: 'f' },
    ],
    guards: [{ drawback: 'd', advice: 'always' }, { drawback: 'd', advice: 'when high profile', when: { highProfile: true } }],
  };
  const fit = (facts: CaseFacts) => adviseReviewModel(facts, undefined, [test]).models[0]!;
  it('is recommended with one reason for more than against, possible at equal counts', () => {
    expect(fit({ timely: true }).fit).toBe('recommended');
    expect(fit({ timely: true, theme: true }).fit).toBe('possible');
    expect(fit({ timely: true, health: true, theme: true }).fit).toBe('recommended');
    expect(fit({ timely: true, health: true, theme: true, highProfile: true }).fit).toBe('possible');
    expect(fit({ timely: true, theme: true, highProfile: true }).fit).toBe('possible');
  });
  it('is not indicated when nothing applies, not advised when only reasons against apply or it is ruled out', () => {
    expect(fit({}).fit).toBe('not indicated');
    expect(fit({ timely: false, health: false }).fit).toBe('not indicated');
    expect(fit({ theme: true }).fit).toBe('not advised');
    expect(fit({ timely: true, health: true, independence: true }).fit).toBe('not advised');
    expect(fit({ timely: true, health: true, independence: true }).rulesOut).toEqual([{ because: 'f', facts: ['independence: yes'] }]);
  });
  it('lists a guard with a condition only when it holds', () => {
    expect(fit({}).guards.map((g) => g.advice)).toEqual(['always']);
    expect(fit({ highProfile: true }).guards.map((g) => g.advice)).toEqual(['always', 'when high profile']);
  });
});

describe('whole cases, worked out by hand from the rules', () => {
  it('serious concerns about six agencies, national lessons, high profile, independence needed: the traditional review first', () => {
    // cspr: 4 for (serious with ≥2 agencies, national lessons, high profile, independence), none
    // against. salford: 1 for (6 agencies). peer review: 1 for (independence), 1 against (high
    // profile). Nothing applies to AI, IAR, the audit or RCA. The reflective session is ruled out
    // by independence.
    const facts: CaseFacts = { agencies: 6, seriousConcerns: true, nationalLessons: true, highProfile: true, independence: true, limitedResources: false, timely: false };
    const advice = adviseReviewModel(facts);
    expect(advice.models.map((m) => [m.id, m.fit])).toEqual([
      ['cspr', 'recommended'], ['salford', 'recommended'], ['peer-review', 'possible'],
      ['appreciative-inquiry', 'not indicated'], ['individual-agency-review', 'not indicated'], ['multi-agency-audit', 'not indicated'], ['root-cause-analysis', 'not indicated'],
      ['reflective-learning-session', 'not advised'],
    ]);
    expect(advice.models[0]!.for.map((r) => r.facts)).toEqual([['seriousConcerns: yes', 'agencies: 6'], ['nationalLessons: yes'], ['highProfile: yes'], ['independence: yes']]);
    expect(advice.unanswered.map((q) => q.id)).toEqual(['singleAgency', 'theme', 'health', 'factsKnown', 'facilitator', 'rcaSkills']);
    // Peer review's high-profile guard shows, and so does AI's over-optimism guard (serious concerns).
    expect(model(facts, 'peer-review').guards.map((g) => g.advice)[0]).toBe('Source the peers from another area or partnership, as part of regional reciprocal arrangements.');
    expect(model(facts, 'appreciative-inquiry').guards).toHaveLength(3);
    expect(model({ ...facts, seriousConcerns: false }, 'appreciative-inquiry').guards).toHaveLength(2);
  });

  it('one agency, NHS learning, RCA skills in hand: the Individual Agency Review and RCA, not the traditional review', () => {
    expect(adviseReviewModel({ agencies: 1, singleAgency: true, health: true, rcaSkills: true, limitedResources: false }).models.map((m) => [m.id, m.fit])).toEqual([
      ['individual-agency-review', 'recommended'], ['root-cause-analysis', 'recommended'],
      ['appreciative-inquiry', 'not indicated'], ['reflective-learning-session', 'not indicated'], ['salford', 'not indicated'], ['multi-agency-audit', 'not indicated'], ['peer-review', 'not indicated'],
      ['cspr', 'not advised'],
    ]);
  });

  it('a theme, quickly, on few resources: the audit first, peer review weighed, RCA and the traditional review not advised', () => {
    expect(adviseReviewModel({ limitedResources: true, timely: true, theme: true }).models.map((m) => [m.id, m.fit])).toEqual([
      ['multi-agency-audit', 'recommended'], ['appreciative-inquiry', 'recommended'], ['reflective-learning-session', 'recommended'], ['salford', 'recommended'],
      ['peer-review', 'possible'], ['individual-agency-review', 'not indicated'],
      ['root-cause-analysis', 'not advised'], ['cspr', 'not advised'],
    ]);
  });

  it('the number of agencies at its edge: one agency speaks for the single-agency review, two for the multi-agency ones', () => {
    const iar = 'This model would be relevant when a serious incident identifies single agency involvement';
    const wide = 'Wide range of professionals involved, including those involved in the case and those not involved in the case.';
    const system = 'Reflects on the whole system approach to keeping the child safe.';
    const several = 'demonstrably serious concerns about the conduct of several agencies or inter-agency working';
    expect(becauses(model({ agencies: 1 }, 'individual-agency-review').for)).toEqual([iar]);
    expect(becauses(model({ agencies: 2 }, 'individual-agency-review').for)).toEqual([]);
    expect(becauses(model({ agencies: 1 }, 'reflective-learning-session').for)).toEqual([]);
    expect(becauses(model({ agencies: 2 }, 'reflective-learning-session').for)).toEqual([wide]);
    expect(becauses(model({ agencies: 3 }, 'salford').for)).toEqual([system]);
    expect(becauses(model({ agencies: 1 }, 'salford').for)).toEqual([]);
    expect(becauses(model({ agencies: 1 }, 'cspr').against)).toEqual([several]);
    expect(becauses(model({ agencies: 2 }, 'cspr').against)).toEqual([]);
    // Serious concerns speak for the traditional review only with two agencies or more.
    expect(model({ agencies: 1, seriousConcerns: true }, 'cspr').for).toEqual([]);
    expect(model({ agencies: 2, seriousConcerns: true }, 'cspr').for).toHaveLength(1);
  });

  it('independence rules out the reflective session however much else speaks for it', () => {
    expect(model({ agencies: 5, timely: true }, 'reflective-learning-session').fit).toBe('recommended');
    expect(model({ agencies: 5, timely: true, independence: true }, 'reflective-learning-session').fit).toBe('not advised');
    expect(model({ agencies: 5, timely: true, independence: false }, 'reflective-learning-session').fit).toBe('recommended');
  });

  it('learning beyond one agency rules out the Individual Agency Review', () => {
    expect(model({ agencies: 1, singleAgency: false }, 'individual-agency-review').fit).toBe('not advised');
  });

  it('asks every question when nothing is known, and recommends nothing', () => {
    const advice = adviseReviewModel({});
    expect(advice.unanswered).toHaveLength(13);
    expect(advice.models.map((m) => m.fit)).toEqual(Array(8).fill('not indicated'));
    expect(advice.models.map((m) => m.id)).toEqual(REVIEW_MODELS.map((m) => m.id));
  });

  it('does not change the facts it is given', () => {
    const facts: CaseFacts = { agencies: 3, timely: true };
    adviseReviewModel(facts, { model: 'ai', why: 'x' });
    expect(facts).toEqual({ agencies: 3, timely: true });
  });
});

describe('the model chosen and why', () => {
  it('records the model by id, name or alias, with the guide\'s fit for it', () => {
    const facts: CaseFacts = { agencies: 1, singleAgency: true, health: true };
    expect(adviseReviewModel(facts, { model: 'RCA', why: ' NHS learning only ' }).chosen).toEqual({ id: 'root-cause-analysis', name: 'Root Cause Analysis (RCA)', why: 'NHS learning only', fit: 'recommended' });
    expect(adviseReviewModel(facts, { model: 'Peer review approach', why: 'a peer is free' }).chosen!.fit).toBe('not indicated');
    expect(adviseReviewModel(facts, { model: 'scr', why: 'the panel asked' }).chosen!.id).toBe('cspr');
    expect(resolveModel('salford').name).toBe('Salford Case Discussion Tool');
  });
  it('refuses an unknown model and an empty reason', () => {
    expect(() => resolveModel('fishbone')).toThrow('"fishbone" is not a review model: expected one of appreciative-inquiry, reflective-learning-session, salford, individual-agency-review, multi-agency-audit, peer-review, root-cause-analysis, cspr');
    expect(() => adviseReviewModel({}, { model: 'cspr', why: '  ' })).toThrow('the reason for choosing Traditional Child Safeguarding Review model (previously Serious Case Reviews) is empty');
  });
});

describe('case facts from JSON', () => {
  it('reads every fact, and leaves out one given as null', () => {
    expect(validateCaseFacts({ agencies: 4, timely: false, rcaSkills: true, theme: null }, 'case.json')).toEqual({ agencies: 4, timely: false, rcaSkills: true });
  });
  it.each([
    [[], '(root)', 'an object of case facts'],
    [null, '(root)', 'an object of case facts'],
    [{ agency: 3 }, 'agency', 'one of the case facts agencies, singleAgency'],
    [{ agencies: 0 }, 'agencies', 'a whole number of agencies, at least 1'],
    [{ agencies: 2.5 }, 'agencies', 'a whole number of agencies, at least 1'],
    [{ agencies: '3' }, 'agencies', 'a whole number of agencies, at least 1'],
    [{ timely: 'yes' }, 'timely', 'true or false'],
  ])('refuses %j, naming "%s"', (value, key, expected) => {
    expect(() => validateCaseFacts(value, 'case.json')).toThrow(`case.json: "${key}" is invalid: expected ${expected}`);
  });
  it('takes one agency as the least', () => {
    expect(validateCaseFacts({ agencies: 1 }, 'c')).toEqual({ agencies: 1 });
  });
});

describe('the advice in Markdown', () => {
  it('puts the choice first, then the facts, then each fit with the policy\'s words and the guards', () => {
    const md = reviewModelMarkdown(adviseReviewModel({ agencies: 6, seriousConcerns: true, limitedResources: true }, { model: 'cspr', why: 'Serious | concerns' }));
    expect(md.startsWith('# Choosing the review model\n\n**Chosen: Traditional Child Safeguarding Review model (previously Serious Case Reviews)** (the guide\'s fit: possible). Why: Serious \\| concerns\n\n## The facts of the case\n\n')).toBe(true);
    expect(md).toContain('| How many agencies were involved with the child and family? | 6 |\n');
    expect(md).toContain('| Is a quick, proportionate outcome needed? | not answered |\n');
    expect(md).toContain('10 questions are not answered; an answer could change the advice.\n\n');
    // cspr: serious with 6 agencies for, limited resources against: 1 and 1, possible.
    const possible = md.slice(md.indexOf('## Possible'), md.indexOf('## Not indicated'));
    expect(possible).toContain('### Traditional Child Safeguarding Review model (previously Serious Case Reviews)\n');
    expect(possible).toContain('Against it:\n\n- "It is resource intensive." (limitedResources: yes)\n');
    expect(possible).toContain('- "It is costly." — Budget for the independent chair and report author from the start.\n');
    // Not advised models show no guards: RCA here (resource intensive, nothing for it).
    const notAdvised = md.slice(md.indexOf('## Not advised'));
    expect(notAdvised).toContain('### Root Cause Analysis (RCA)\n');
    expect(notAdvised).not.toContain('If chosen, guard against');
  });
});

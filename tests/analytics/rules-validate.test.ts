/**
 * validateRules (src/analytics/rules.ts): every refusal, with the key it names and what it
 * expected, and every optional part kept when given and absent when not. Each case starts from a
 * copy of the shipped rules (src/analytics/rules.json) and changes one thing; each message is a
 * literal read off the code (the compile errors are V8's, Node 20). Each number at its least, one
 * above and one below. And compile's `{child}`: the names trimmed, escaped, blank ones dropped,
 * and with no names a placeholder that matches nothing.
 */
import { describe, expect, it } from 'vitest';
import { compile, validateRules } from '../../src/analytics/rules.js';
import shipped from '../../src/analytics/rules.json' with { type: 'json' };

type R = Record<string, any>;
const edit = (change: (r: R) => void): R => {
  const copy = structuredClone(shipped) as R;
  change(copy);
  return copy;
};
/** The error validateRules throws, as plain data, or 'not refused'. */
const refusal = (value: unknown): unknown => {
  try { validateRules(value, 'r.json'); } catch (e) {
    const { name, code, file, message } = e as R;
    return { name, code, file, message };
  }
  return 'not refused';
};
const refused = (message: string) => ({ name: 'ThroughlineError', code: 'rules-invalid', file: 'r.json', message: `r.json: ${message}` });
const STRING = 'a regular expression (string)';
const UNTERMINATED = 'a regular expression (Invalid regular expression: /(/i: Unterminated group)';

describe('validateRules: each shape it refuses, naming the key and what was expected', () => {
  it.each([
    // the root (line 117) and its keys (119)
    ['null', null, '"(root)" is invalid: expected a JSON object'],
    ['a list', [], '"(root)" is invalid: expected a JSON object'],
    ['a number', 5, '"(root)" is invalid: expected a JSON object'],
    ['a string', 'rules', '"(root)" is invalid: expected a JSON object'],
    ['an unknown key', edit((r) => { r.colour = 'red'; }), '"colour" is invalid: expected one of child, seen, patterns, referrals, sharing, agencies, balance, episodes, people, knowledge'],
    // a regular expression (121-122): not a string, or not compiling ({child} compiled as "child")
    ['sharing a number', edit((r) => { r.sharing = 5; }), `"sharing" is invalid: expected ${STRING}`],
    ['sharing null', edit((r) => { r.sharing = null; }), `"sharing" is invalid: expected ${STRING}`],
    ['sharing not compiling', edit((r) => { r.sharing = '('; }), `"sharing" is invalid: expected ${UNTERMINATED}`],
    ['sharing with {child} not compiling', edit((r) => { r.sharing = '{child}('; }), '"sharing" is invalid: expected a regular expression (Invalid regular expression: /(?:child)(/i: Unterminated group)'],
    // a number (126): not a number, not finite
    ['a count as a string', edit((r) => { r.episodes.minEvents = '8'; }), '"episodes.minEvents" is invalid: expected a number, 2 or more'],
    ['a count NaN', edit((r) => { r.episodes.minEvents = NaN; }), '"episodes.minEvents" is invalid: expected a number, 2 or more'],
    ['a count Infinity', edit((r) => { r.episodes.minEvents = Infinity; }), '"episodes.minEvents" is invalid: expected a number, 2 or more'],
    ['a count -Infinity', edit((r) => { r.episodes.minEvents = -Infinity; }), '"episodes.minEvents" is invalid: expected a number, 2 or more'],
    ['a count null', edit((r) => { r.episodes.minEvents = null; }), '"episodes.minEvents" is invalid: expected a number, 2 or more'],
    ['a count true', edit((r) => { r.episodes.minEvents = true; }), '"episodes.minEvents" is invalid: expected a number, 2 or more'],
    // child (150-151)
    ['child an empty name', edit((r) => { r.child = ['child', '']; }), '"child" is invalid: expected a list of names'],
    ['child a blank name', edit((r) => { r.child = ['  ', 'child']; }), '"child" is invalid: expected a list of names'],
    ['child a number inside', edit((r) => { r.child = ['child', 3]; }), '"child" is invalid: expected a list of names'],
    ['child not a list', edit((r) => { r.child = 'child'; }), '"child" is invalid: expected a list of names'],
    ['child null', edit((r) => { r.child = null; }), '"child" is invalid: expected a list of names'],
    // seen (155-161)
    ['seen an object', edit((r) => { r.seen = {}; }), '"seen" is invalid: expected a list of rules'],
    ['seen a string', edit((r) => { r.seen = 'seen'; }), '"seen" is invalid: expected a list of rules'],
    ['a seen rule null', edit((r) => { r.seen[2] = null; }), '"seen[2]" is invalid: expected an object'],
    ['a seen rule a list', edit((r) => { r.seen[3] = []; }), '"seen[3]" is invalid: expected an object'],
    ['a seen rule a string', edit((r) => { r.seen[0] = 'seen'; }), '"seen[0]" is invalid: expected an object'],
    ['a seen id a number', edit((r) => { r.seen[4].id = 5; }), '"seen[4].id" is invalid: expected a string'],
    ['a seen id missing', edit((r) => { delete r.seen[5].id; }), '"seen[5].id" is invalid: expected a string'],
    ['a seen decision unknown', edit((r) => { r.seen[6].decision = 'maybe'; }), '"seen[6].decision" is invalid: expected seen | not-seen'],
    ['a seen decision missing', edit((r) => { delete r.seen[7].decision; }), '"seen[7].decision" is invalid: expected seen | not-seen'],
    ['a seen match missing', edit((r) => { delete r.seen[1].match; }), `"seen[1].match" is invalid: expected ${STRING}`],
    // a record rule's optional parts (135-146)
    ['a seen agency a number', edit((r) => { r.seen[8].agency = 5; }), `"seen[8].agency" is invalid: expected ${STRING}`],
    ['a seen agency not compiling', edit((r) => { r.seen[8].agency = '('; }), `"seen[8].agency" is invalid: expected ${UNTERMINATED}`],
    ['a seen subjects null', edit((r) => { r.seen[8].subjects = null; }), `"seen[8].subjects" is invalid: expected ${STRING}`],
    ['a seen subjects not compiling', edit((r) => { r.seen[8].subjects = '('; }), `"seen[8].subjects" is invalid: expected ${UNTERMINATED}`],
    ['a seen exclude a list', edit((r) => { r.seen[0].exclude = ['x']; }), `"seen[0].exclude" is invalid: expected ${STRING}`],
    ['a seen field unknown', edit((r) => { r.seen[0].field = 'body'; }), '"seen[0].field" is invalid: expected type | summary | outcome | text'],
    ['a seen firstHand a string', edit((r) => { r.seen[8].firstHand = 'yes'; }), '"seen[8].firstHand" is invalid: expected true or false'],
    ['a pattern exclude a number', edit((r) => { r.patterns[1].exclude = 7; }), `"patterns[1].exclude" is invalid: expected ${STRING}`],
    ['a pattern exclude not compiling', edit((r) => { r.patterns[2].exclude = '('; }), `"patterns[2].exclude" is invalid: expected ${UNTERMINATED}`],
    ['a pattern subjects a number', edit((r) => { r.patterns[0].subjects = 1; }), `"patterns[0].subjects" is invalid: expected ${STRING}`],
    ['a decision words not compiling', edit((r) => { r.knowledge.decisions[0].words = '[a'; }), '"knowledge.decisions[0].words" is invalid: expected a regular expression (Invalid regular expression: /[a/i: Unterminated character class)'],
    ['a decision agency a number', edit((r) => { r.knowledge.decisions[1].agency = 3; }), `"knowledge.decisions[1].agency" is invalid: expected ${STRING}`],
    // patterns (165-175)
    ['patterns an object', edit((r) => { r.patterns = {}; }), '"patterns" is invalid: expected a list of rules'],
    ['a pattern a string', edit((r) => { r.patterns[1] = 'x'; }), '"patterns[1]" is invalid: expected an object'],
    ['a pattern null', edit((r) => { r.patterns[0] = null; }), '"patterns[0]" is invalid: expected an object'],
    ['a pattern id a number', edit((r) => { r.patterns[2].id = 7; }), '"patterns[2].id" is invalid: expected a string'],
    ['a pattern kind unknown', edit((r) => { r.patterns[3].kind = 'cluster'; }), '"patterns[3].kind" is invalid: expected repeat | escalation | threshold'],
    ['a pattern kind missing', edit((r) => { delete r.patterns[4].kind; }), '"patterns[4].kind" is invalid: expected repeat | escalation | threshold'],
    ['a pattern title a number', edit((r) => { r.patterns[4].title = 1; }), '"patterns[4].title" is invalid: expected a string'],
    ['a pattern title missing', edit((r) => { delete r.patterns[5].title; }), '"patterns[5].title" is invalid: expected a string'],
    ['a pattern match not compiling', edit((r) => { r.patterns[0].match = '('; }), `"patterns[0].match" is invalid: expected ${UNTERMINATED}`],
    ['a repeat without min', edit((r) => { delete r.patterns[1].min; }), '"patterns[1].min" is invalid: expected a number, 1 or more'],
    ['a threshold made a repeat (no min)', edit((r) => { r.patterns[5].kind = 'repeat'; }), '"patterns[5].min" is invalid: expected a number, 1 or more'],
    ['a repeat made a threshold (no below)', edit((r) => { r.patterns[1].kind = 'threshold'; }), '"patterns[1].below" is invalid: expected a number, 0 or more'],
    ['a withinDays as a string', edit((r) => { r.patterns[4].withinDays = '730'; }), '"patterns[4].withinDays" is invalid: expected a number, 1 or more'],
    // referrals (180-185), sharing (187), agencies (188-190), balance (192-194), episodes (197), people (231)
    ['referrals null', edit((r) => { r.referrals = null; }), '"referrals" is invalid: expected an object'],
    ['referrals a list', edit((r) => { r.referrals = []; }), '"referrals" is invalid: expected an object'],
    ['referrals match missing', edit((r) => { delete r.referrals.match; }), `"referrals.match" is invalid: expected ${STRING}`],
    ['referrals outgoing not compiling', edit((r) => { r.referrals.outgoing = '('; }), `"referrals.outgoing" is invalid: expected ${UNTERMINATED}`],
    ['referrals incoming a number', edit((r) => { r.referrals.incoming = 3; }), `"referrals.incoming" is invalid: expected ${STRING}`],
    ['referrals responseWithinDays missing', edit((r) => { delete r.referrals.responseWithinDays; }), '"referrals.responseWithinDays" is invalid: expected a number, 0 or more'],
    ['referrals exclude a number', edit((r) => { r.referrals.exclude = 9; }), `"referrals.exclude" is invalid: expected ${STRING}`],
    ['referrals notice a number', edit((r) => { r.referrals.notice = 9; }), `"referrals.notice" is invalid: expected ${STRING}`],
    ['referrals notice not compiling', edit((r) => { r.referrals.notice = '('; }), `"referrals.notice" is invalid: expected ${UNTERMINATED}`],
    ['referrals exclude not compiling', edit((r) => { r.referrals.exclude = '('; }), `"referrals.exclude" is invalid: expected ${UNTERMINATED}`],
    ['agencies a string', edit((r) => { r.agencies = 'Police'; }), '"agencies" is invalid: expected an object'],
    ['agencies a list', edit((r) => { r.agencies = ['Police']; }), '"agencies" is invalid: expected an object'],
    ['an agency a number', edit((r) => { r.agencies.Police = 5; }), `"agencies.Police" is invalid: expected ${STRING}`],
    ['an agency not compiling', edit((r) => { r.agencies["Children's Social Care"] = '('; }), `"agencies.Children's Social Care" is invalid: expected ${UNTERMINATED}`],
    ['balance null', edit((r) => { r.balance = null; }), '"balance" is invalid: expected an object'],
    ['balance good missing', edit((r) => { delete r.balance.good; }), `"balance.good" is invalid: expected ${STRING}`],
    ['balance missed not compiling', edit((r) => { r.balance.missed = '('; }), `"balance.missed" is invalid: expected ${UNTERMINATED}`],
    ['episodes a string', edit((r) => { r.episodes = 'x'; }), '"episodes" is invalid: expected an object'],
    ['episodes a list', edit((r) => { r.episodes = [14]; }), '"episodes" is invalid: expected an object'],
    ['people a number', edit((r) => { r.people = 5; }), '"people" is invalid: expected an object'],
    ['people roles missing', edit((r) => { delete r.people.roles; }), `"people.roles" is invalid: expected ${STRING}`],
    ['people notNames a number', edit((r) => { r.people.notNames = 7; }), `"people.notNames" is invalid: expected ${STRING}`],
    // knowledge (204-228)
    ['knowledge a list', edit((r) => { r.knowledge = []; }), '"knowledge" is invalid: expected an object'],
    ['incidentPatterns a string', edit((r) => { r.knowledge.incidentPatterns = 'worker-changes'; }), '"knowledge.incidentPatterns" is invalid: expected a list of pattern ids'],
    ['incidentPatterns a number inside', edit((r) => { r.knowledge.incidentPatterns.push(3); }), '"knowledge.incidentPatterns" is invalid: expected a list of pattern ids'],
    ['incidentPatterns an unknown id', edit((r) => { r.knowledge.incidentPatterns.push('nope'); }), '"knowledge.incidentPatterns" is invalid: expected ids of the patterns rules (no pattern "nope")'],
    ['incidentPatterns naming a pattern renamed', edit((r) => { r.patterns[0].id = 'ed'; }), '"knowledge.incidentPatterns" is invalid: expected ids of the patterns rules (no pattern "repeat-ed-attendances")'],
    ['decisions an object', edit((r) => { r.knowledge.decisions = {}; }), '"knowledge.decisions" is invalid: expected a list of rules'],
    ['a decision a string', edit((r) => { r.knowledge.decisions[2] = 'x'; }), '"knowledge.decisions[2]" is invalid: expected an object'],
    ['a decision id a number', edit((r) => { r.knowledge.decisions[3].id = 4; }), '"knowledge.decisions[3].id" is invalid: expected a string'],
    ['a decision title missing', edit((r) => { delete r.knowledge.decisions[4].title; }), '"knowledge.decisions[4].title" is invalid: expected a string'],
    ['a decision match not compiling', edit((r) => { r.knowledge.decisions[5].match = '('; }), `"knowledge.decisions[5].match" is invalid: expected ${UNTERMINATED}`],
    ['a decision meeting a string', edit((r) => { r.knowledge.decisions[1].meeting = 'yes'; }), '"knowledge.decisions[1].meeting" is invalid: expected true or false'],
    ['a decision meeting null', edit((r) => { r.knowledge.decisions[2].meeting = null; }), '"knowledge.decisions[2].meeting" is invalid: expected true or false'],
    ['an unknown key under knowledge', edit((r) => { r.knowledge.extra = []; }), '"knowledge.extra" is invalid: expected incidentPatterns or decisions'],
  ] as [string, unknown, string][])('refuses %s', (_what, value, message) => {
    expect(refusal(value)).toEqual(refused(message));
  });
});

describe('validateRules: each number at its least kept, one above kept, one below refused (line 126)', () => {
  const path = (key: string): string[] => key.replace(/\[(\d+)\]/g, '.$1').split('.');
  const put = (key: string, x: number): R => edit((r) => {
    const keys = path(key);
    keys.slice(0, -1).reduce((o, k) => o[k], r)[keys.at(-1)!] = x;
  });
  const take = (out: R, key: string): unknown => path(key).reduce((o, k) => o[k], out);
  it.each([
    ['referrals.responseWithinDays', 0], ['patterns[0].min', 1], ['patterns[0].withinDays', 1], ['patterns[5].below', 0],
    ['episodes.windowDays', 1], ['episodes.minEvents', 2], ['episodes.minAgencies', 1], ['episodes.timesUsual', 0],
  ] as [string, number][])('%s: %i or more', (key, least) => {
    expect(take(validateRules(put(key, least), 'r.json'), key)).toBe(least);
    expect(take(validateRules(put(key, least + 1), 'r.json'), key)).toBe(least + 1);
    expect(refusal(put(key, least - 1))).toEqual(refused(`"${key}" is invalid: expected a number, ${least} or more`));
    expect(refusal(put(key, least - 0.01))).toEqual(refused(`"${key}" is invalid: expected a number, ${least} or more`));
  });
});

describe('validateRules: what it keeps', () => {
  const valid = (change: (r: R) => void): R => validateRules(edit(change), 'r.json') as unknown as R;
  it('the shipped rules whole, and an empty object as the shipped rules', () => {
    expect(validateRules(structuredClone(shipped), 'r.json')).toStrictEqual(shipped);
    expect(validateRules({}, 'r.json')).toStrictEqual(shipped);
  });
  it('child: the names as given (trimmed only when compiled), and an empty list', () => {
    expect(valid((r) => { r.child = [' Liam ', 'L']; }).child).toEqual([' Liam ', 'L']);
    expect(valid((r) => { r.child = []; }).child).toEqual([]);
  });
  it('a seen rule given every optional part keeps each; one given none has none', () => {
    const out = valid((r) => { Object.assign(r.seen[0], { agency: 'GP', subjects: '\\bL\\b', exclude: 'phone', field: 'summary', firstHand: false, words: 'seen' }); });
    expect(out.seen[0]).toStrictEqual({
      id: 'seen-column-no', decision: 'not-seen', match: shipped.seen[0]!.match,
      agency: 'GP', subjects: '\\bL\\b', exclude: 'phone', field: 'summary', firstHand: false, words: 'seen',
    });
    expect(out.seen[1]).toStrictEqual({ id: 'seen-column-yes', decision: 'seen', match: shipped.seen[1]!.match });
  });
  it('a pattern: its exclude kept, withinDays absent when not given, a threshold\'s below', () => {
    const out = valid((r) => { r.patterns[3].exclude = 'pending'; delete r.patterns[3].withinDays; r.patterns[5].below = 50; });
    expect(out.patterns[3]).toStrictEqual({ id: 'repeat-nfa-referrals', kind: 'repeat', title: shipped.patterns[3]!.title, match: shipped.patterns[3]!.match, exclude: 'pending', min: 2 });
    expect(out.patterns[5].below).toBe(50);
  });
  it('a decision: meeting true or false kept, absent when not given; its agency kept', () => {
    const out = valid((r) => { r.knowledge.decisions[0].meeting = false; r.knowledge.decisions[0].agency = 'Police'; });
    const { id, title, match, words, exclude } = shipped.knowledge.decisions[0]!;
    expect(out.knowledge.decisions[0]).toStrictEqual({ id, title, match, exclude, words, agency: 'Police', meeting: false });
    expect(out.knowledge.decisions[1].meeting).toBe(true);
    expect(Object.keys(out.knowledge.decisions[3])).toEqual(['id', 'title', 'match', 'exclude', 'words']);
  });
  it('referrals: an exclude given is kept; left out, there is none (not the shipped one)', () => {
    expect(valid((r) => { r.referrals.exclude = 'self'; }).referrals.exclude).toBe('self');
    const { exclude: _exclude, ...rest } = shipped.referrals;
    expect(valid((r) => { delete r.referrals.exclude; }).referrals).toStrictEqual(rest);
  });
  it('sharing, agencies (replaced whole), balance and people as given', () => {
    expect(valid((r) => { r.sharing = 'told'; }).sharing).toBe('told');
    expect(valid((r) => { r.agencies = { Police: 'cops' }; }).agencies).toStrictEqual({ Police: 'cops' });
    expect(valid((r) => { r.balance = { good: 'g', missed: 'm' }; }).balance).toStrictEqual({ good: 'g', missed: 'm' });
    expect(valid((r) => { r.people = { roles: 'aunt', notNames: 'Fall' }; }).people).toStrictEqual({ roles: 'aunt', notNames: 'Fall' });
  });
  it('episodes without timesUsual: 0', () => {
    expect(valid((r) => { delete r.episodes.timesUsual; }).episodes).toStrictEqual({ windowDays: 14, minEvents: 8, minAgencies: 3, timesUsual: 0 });
  });
  it('knowledge: a key left out keeps the shipped one; incidentPatterns read against the file\'s own patterns', () => {
    const out = validateRules({ knowledge: { incidentPatterns: ['worker-changes'] } }, 'r.json');
    expect(out.knowledge).toStrictEqual({ incidentPatterns: ['worker-changes'], decisions: shipped.knowledge.decisions });
    const own = validateRules({ patterns: [{ id: 'letters', kind: 'repeat', title: 'Letters', match: 'letter', min: 2 }], knowledge: { incidentPatterns: ['letters'] } }, 'r.json');
    expect(own.knowledge.incidentPatterns).toEqual(['letters']);
  });
});

describe('validateRules: one id per rule of a list, a null count refused, the shipped incidents\' patterns against the patterns in force', () => {
  it.each([
    ['two seen rules of one id', edit((r) => { r.seen[4].id = 'seen-column-no'; }), '"seen[4].id" is invalid: expected an id no other rule of "seen" has ("seen-column-no" is used twice)'],
    ['two patterns of one id', edit((r) => { r.patterns[5].id = 'worker-changes'; }), '"patterns[5].id" is invalid: expected an id no other rule of "patterns" has ("worker-changes" is used twice)'],
    ['two decisions of one id', edit((r) => { r.knowledge.decisions[7].id = 'nfa'; }), '"knowledge.decisions[7].id" is invalid: expected an id no other rule of "knowledge.decisions" has ("nfa" is used twice)'],
    ['episodes.timesUsual null (not left out)', edit((r) => { r.episodes.timesUsual = null; }), '"episodes.timesUsual" is invalid: expected a number, 0 or more'],
  ])('%s', (_what, value, message) => {
    expect(refusal(value)).toStrictEqual(refused(message));
  });
  it('ids that differ only in case are two ids', () => {
    expect(validateRules(edit((r) => { r.knowledge.decisions[7].id = 'NFA'; }), 'r.json').knowledge.decisions.map((d) => d.id))
      .toEqual(['no-access', 'strategy', 'conference', 'assessment', 'step-down', 'nfa', 'closure', 'NFA']);
  });
  it('patterns replaced and knowledge left out: the shipped incidents\' patterns the file still has, and only those', () => {
    const mine = [
      { id: 'domestic-abuse-callouts', kind: 'repeat', title: 'Call-outs', match: 'call-?out', min: 2 },
      { id: 'letters', kind: 'repeat', title: 'Letters', match: 'letter', min: 2 },
      { id: 'repeat-ed-attendances', kind: 'repeat', title: 'ED', match: '\\bED\\b', min: 3 },
    ];
    // The shipped list is repeat-ed-attendances, missed-health-appointments, domestic-abuse-callouts: in its order.
    expect(validateRules({ patterns: mine }, 'r.json').knowledge.incidentPatterns).toEqual(['repeat-ed-attendances', 'domestic-abuse-callouts']);
    expect(validateRules({ patterns: [mine[1]] }, 'r.json').knowledge.incidentPatterns).toEqual([]);
    // Decisions given, incidentPatterns left out: the same.
    expect(validateRules({ patterns: mine, knowledge: { decisions: [] } }, 'r.json').knowledge.incidentPatterns).toEqual(['repeat-ed-attendances', 'domestic-abuse-callouts']);
  });
  it('a list given must name patterns in force, the shipped ones included', () => {
    expect(refusal({ patterns: [{ id: 'letters', kind: 'repeat', title: 'L', match: 'letter', min: 2 }], knowledge: { incidentPatterns: ['letters', 'repeat-ed-attendances'] } }))
      .toStrictEqual(refused('"knowledge.incidentPatterns" is invalid: expected ids of the patterns rules (no pattern "repeat-ed-attendances")'));
    expect(validateRules({ knowledge: { incidentPatterns: ['low-school-attendance'] } }, 'r.json').knowledge.incidentPatterns).toEqual(['low-school-attendance']);
  });
});

describe('compile: {child} from the child\'s names (lines 250-251)', () => {
  it('names trimmed, escaped, blank ones dropped; every {child} replaced; case ignored', () => {
    const re = compile('{child} and {child}', [' A.J ', '', '   ', 'Liam']);
    expect([re.source, re.flags]).toEqual(['(?:A\\.J|Liam) and (?:A\\.J|Liam)', 'i']);
  });
  it('a trimmed name matches the bare name; an escaped one only itself', () => {
    expect(compile('^{child}$', [' Liam ']).test('liam')).toBe(true);
    expect(compile('^{child}$', [' Liam ']).test(' Liam ')).toBe(false);
    expect(compile('^{child}$', ['A.J']).test('a.j')).toBe(true);
    expect(compile('^{child}$', ['A.J']).test('AxJ')).toBe(false);
    expect(compile('^{child}$', ['$&']).test('$&')).toBe(true);
  });
  it('a blank name matches no empty text', () => {
    expect(compile('^{child}$', ['', 'Liam']).test('')).toBe(false);
    expect(compile('^{child}$', [' ', 'Liam']).test('')).toBe(false);
  });
  it('no names, or only blank ones: the placeholder matches nothing, the rest of the pattern still does', () => {
    expect(compile('{child}', []).source).toBe('(?!)');
    expect(compile('{child}', ['', ' ']).source).toBe('(?!)');
    expect(['', 'child', 'x'].map((s) => compile('^{child}$|^x$', []).test(s))).toEqual([false, false, true]);
  });
});

/**
 * The analysis written out: JSON (keys in one fixed order, the per-event lists streamed) and a
 * Markdown report a report author can paste into a draft, every finding citing its records as
 * `id (file:line)`.
 */
import { atDecision } from '../analytics/known.js';
import type { Analysis, Gap, Knowledge, Learned } from '../analytics/types.js';
import { displayDate, displayDay } from '../model/calendar.js';
import { count } from '../model/words.js';
import type { Timeline } from '../model/types.js';
import { markdownTable } from './markdown.js';
import { batched, each } from './chunks.js';

export function* analysisJsonChunks(analysis: Analysis): Generator<string> {
  const head = {
    version: analysis.version, child: analysis.child, scope: analysis.scope, gaps: analysis.gaps, patterns: analysis.patterns,
    referrals: analysis.referrals, network: analysis.network, episodes: analysis.episodes, balance: analysis.balance, knowledge: analysis.knowledge,
  };
  const open = JSON.stringify(head, null, 1);
  yield `${open.slice(0, -2)},\n "grid": ${JSON.stringify(analysis.grid)},\n "sightings": ${JSON.stringify(analysis.sightings)},\n "timing": [`;
  yield* batched(each(analysis.timing, (t, n) => `${n === 0 ? '\n  ' : ',\n  '}${JSON.stringify(t)}`));
  yield `${analysis.timing.length === 0 ? ']' : '\n ]'}\n}\n`;
}

/**
 * The note every not-seen finding carries while the child's names are inferred: which names, how
 * found, and how to confirm them. Undefined once the reviewer gave the names.
 */
export function provisionalNote(analysis: Analysis): string | undefined {
  if (analysis.child.confirmed) return undefined;
  const inferred = analysis.child.found.filter((n) => !n.how.includes('rules') && !n.how.includes('given'));
  const words = analysis.child.found.filter((n) => n.how.includes('rules')).map((n) => n.name).join(', ');
  return inferred.length > 0
    ? `provisional: the child's name was inferred as ${inferred.map((n) => `${n.name} (${n.detail})`).join('; ')}; give --child to confirm.`
    : `provisional: no name for the child was given or found in the returns, so only the words ${words || '(none)'} stand for the child; give --child to confirm.`;
}

const day = displayDay;
const table = markdownTable;

/** The grid is drawn as a table only while it fits a page; beyond that, period by period. */
const GRID_COLUMNS_MAX = 30;

export function* analysisMarkdownChunks(analysis: Analysis, timeline: Timeline): Generator<string> {
  const source = new Map(timeline.events.map((e) => [e.id, `${e.source.file}:${e.source.line}`]));
  const cite = (id: string): string => `${id} (${source.get(id) ?? 'not in this timeline'})`;
  const cites = (ids: readonly string[], limit = 12): string =>
    ids.slice(0, limit).map(cite).join('; ') + (ids.length > limit ? `; and ${ids.length - limit} more` : '');
  const names = analysis.child.names.join(', ');
  const provisional = provisionalNote(analysis);
  yield `# Analysis of the merged chronology\n\nChild: ${names}${analysis.child.dob ? `, born ${day(analysis.child.dob)}` : ''}. `
    + `${count(timeline.stats.events, 'record')} from ${count(timeline.stats.agencies, 'agency', 'agencies')}. Each finding cites its records as id (file:line).\n\n`
    + (provisional ? `${provisional}\n\n` : '');

  const g = analysis.grid;
  yield `## Who was involved when\n\n${table(['Agency', 'Records', 'First contact', 'Last contact'],
    g.agencies.map((a) => [a.agency, String(a.count), a.first ? `${day(a.first)} — ${cite(a.firstEvent!)}` : '', a.last ? `${day(a.last)} — ${cite(a.lastEvent!)}` : '']))}\n`;
  if (g.periods.length > 0 && g.periods.length <= GRID_COLUMNS_MAX) {
    const count = new Map(g.cells.map((c) => [`${c.agency}\u0000${c.period}`, c.count]));
    yield `Records per ${g.period}:\n\n${table(['Agency', ...g.periods.map((p) => p.period)],
      g.agencies.map((a) => [a.agency, ...g.periods.map((p) => String(count.get(`${a.agency}\u0000${p.period}`) ?? ''))]))}\n`;
  } else if (g.periods.length > 0) {
    yield `Agencies involved per ${g.period}:\n\n${table(['Period', 'Records', 'Agencies'], g.periods.map((p) => [p.period, String(p.count), p.agencies.join(', ')]))}\n`;
  }
  if (g.notPlaced.length > 0) yield `Not placed in a single ${g.period} (dated more coarsely, or undated): ${cites(g.notPlaced)}.\n\n`;

  const gapRows = (gaps: readonly Gap[], withAgency: boolean): string[][] => gaps.map((x) => [
    ...(withAgency ? [x.agency ?? ''] : []), day(x.from), day(x.to), String(x.days), cite(x.before), cite(x.after),
    [x.provisional ? 'provisional (the child\'s name inferred)' : '', x.notSeen ? `not seen: ${cites(x.notSeen)}` : '', x.uncertain ? `may fall inside: ${cites(x.uncertain)}` : ''].filter((s) => s !== '').join('. '),
  ]);
  yield `## Periods when no agency saw the child\n\nLongest first; a period runs from one record that the child was seen to the next (rules: ${count(analysis.sightings.length, 'record')} decided, each by a named rule).\n\n`
    + (provisional && analysis.gaps.childNotSeen.some((g) => g.provisional) ? `${provisional}\n\n` : '')
    + `${analysis.gaps.childNotSeen.length > 0 ? table(['From', 'To', 'Days', 'Last seen', 'Next seen', 'Notes'], gapRows(analysis.gaps.childNotSeen, false)) : 'No records say the child was seen on a known day.\n'}\n`;
  yield `## Longest silences\n\nNo record from any agency:\n\n${table(['From', 'To', 'Days', 'Before', 'After', 'Notes'], gapRows(analysis.gaps.overall, false))}\n`
    + `By agency:\n\n${table(['Agency', 'From', 'To', 'Days', 'Before', 'After', 'Notes'], gapRows(analysis.gaps.byAgency, true))}\n`;

  yield `## Repeated patterns\n\n${analysis.patterns.length > 0 ? table(['Pattern', 'Count', 'From', 'To', 'Detail', 'Records'], analysis.patterns.map((p) => [
    p.title, String(p.count), day(p.from), day(p.to),
    p.kind === 'escalation' ? `intervals ${p.intervals!.join(', ')} days; ${p.escalating ? 'shortening (escalating)' : 'not shortening'}`
      : p.kind === 'threshold' ? p.values!.map((v) => `${v.value}`).join(', ') : '',
    cites(p.events),
  ])) : 'None of the pattern rules matched.\n'}\n`;

  yield `## Referrals and response\n\n${analysis.referrals.length > 0 ? table(['Date', 'From', 'To', 'Referral', 'First response', 'Days', 'Flag'], analysis.referrals.map((r) => [
    day(r.date), r.from, r.to, cite(r.event), r.response ? cite(r.response) : 'none recorded', r.days === undefined ? '' : String(r.days),
    r.noTimelyResponse ? 'no timely response' : '',
  ])) : 'No referrals found.\n'}\n`;

  yield `## Information sharing\n\n${table(['From', 'To', 'How', 'Times', 'Records'], analysis.network.edges.map((e) => [e.from, e.to, e.kind, String(e.count), e.events.slice(0, 8).join(', ') + (e.events.length > 8 ? ', …' : '')]))}\n`;
  if (analysis.network.absences.length > 0) {
    yield `Multi-agency meetings and agencies involved in the 90 days before that did not record them:\n\n${table(['Date', 'Meeting', 'Recorded by', 'Possibly absent'], analysis.network.absences.map((a) => [day(a.date), a.meeting, a.recordedBy.join(', '), a.absent.join(', ')]))}\n`;
  }

  yield `## Key practice episodes\n\n${analysis.episodes.length > 0 ? table(['Episode', 'From', 'To', 'Source', 'Agencies', 'Records'], analysis.episodes.map((e) => [
    e.title, day(e.from), day(e.to), e.source, e.agencies.join(', '), `${e.events.length}: ${e.events.slice(0, 10).join(', ')}${e.events.length > 10 ? ', …' : ''}`,
  ])) : 'None suggested or defined.\n'}\n`;

  const b = analysis.balance;
  const byWho = (tag: 'good' | 'missed', by: string): number => b.tags.filter((t) => t.tag === tag && t.by === by).length;
  yield `## Balance: good practice and missed opportunities\n\n${table(['Agency', 'Good practice', 'Missed opportunities'], [...b.byAgency.map((a) => [a.agency, String(a.good), String(a.missed)]), ['All agencies', String(b.total.good), String(b.total.missed)]])}\n`
    + `Tagged by the agency's own significance column: ${byWho('good', 'agency')} good, ${byWho('missed', 'agency')} missed; by the reviewer: ${byWho('good', 'user')} good, ${byWho('missed', 'user')} missed; suggested by rules from the text: ${byWho('good', 'rule')} good, ${byWho('missed', 'rule')} missed.\n`;
  if (b.byEpisode.length > 0) {
    const title = new Map(analysis.episodes.map((e) => [e.id, e.title]));
    yield `\n${table(['Episode', 'Good practice', 'Missed opportunities'], b.byEpisode.map((e) => [title.get(e.episode) ?? e.episode, String(e.good), String(e.missed)]))}`;
  }
  yield* knowledgeMarkdown(analysis, timeline, cite);
}

/** How an agency knew, in words. */
const HOW: Record<Learned['how'], string> = { recorded: 'recorded it', referred: 'its record refers to it', shared: 'told by another agency', meeting: 'at a multi-agency meeting' };

/**
 * "What each agency knew": the incidents, when each agency is shown to have known of each, and at
 * every decision point what its agency knew and did not. Worded without judgement: "not shown in
 * the records as known", never "did not know".
 */
function* knowledgeMarkdown(analysis: Analysis, timeline: Timeline, cite: (id: string) => string): Generator<string> {
  const k: Knowledge = analysis.knowledge;
  const patterns = new Map(analysis.patterns.map((p) => [p.rule, p.title]));
  const dateOf = new Map<string, Timeline['events'][number]['date']>();
  const wanted = new Set(k.learned.map((f) => f.record));
  for (const e of timeline.events) if (wanted.has(e.id)) dateOf.set(e.id, e.date);
  // A fact from a record dated to a week or month is given as the record's date, as written.
  const when = (by: string, record: string, exact: boolean): string => (exact ? day(by) : `${displayDate(dateOf.get(record)!)} (at the latest ${day(by)})`);
  const why = (i: Knowledge['incidents'][number]): string => i.why.map((w) => (w.kind === 'pattern' ? (patterns.get(w.rule) ?? w.rule)
    : w.kind === 'tagged' ? 'tagged by the reviewer' : 'reported by another record')).filter((w, n, all) => all.indexOf(w) === n).join('; ');
  yield `## What each agency knew

From the records alone, to judge each decision by what its agency knew then: ${count(k.incidents.length, 'incident')} the review follows `
    + `(events other records refer to, the records of pattern findings, records tagged as incidents), and for each agency the earliest record that shows it knew of each: `
    + `it recorded it, a record of its own refers to it, a record says it was passed to the agency, or the agency recorded a multi-agency meeting whose record refers to it. `
    + `"Not shown" means no record shows it, not that the agency did not know.\n\n`;
  if (k.incidents.length === 0) {
    yield 'No incidents: no record refers to another, and no pattern finding names records.\n\n';
  } else {
    const facts = new Map<string, Map<string, Learned>>();
    for (const f of k.learned) {
      let m = facts.get(f.incident);
      if (!m) facts.set(f.incident, (m = new Map()));
      m.set(f.agency, f);
    }
    yield `${table(['Incident', 'Date', 'Why followed', ...timeline.agencyOrder], k.incidents.map((i) => [
      cite(i.id), day(i.date), why(i),
      ...timeline.agencyOrder.map((a) => { const f = facts.get(i.id)?.get(a); return f ? `${when(f.by, f.record, f.exact)}${f.how === 'recorded' ? '' : ` (${count(f.days, 'day')}; ${f.record})`}` : 'not shown'; }),
    ]))}\n`;
  }
  if (k.decisions.length > 0) {
    yield `### At each decision point\n\n`;
    const incident = new Map(k.incidents.map((i) => [i.id, i]));
    for (const point of k.decisions) {
      const { known, notKnown } = atDecision(k, point);
      const of = (id: string): string => `${cite(id)} of ${day(incident.get(id)!.date)}`;
      yield `**${day(point.date)}, ${point.agency}: ${point.title.toLowerCase()}** (${cite(point.event)}). `
        + `${count(known.length + notKnown.length, 'incident')} on or before this day.\n\n`
        + (known.length > 0 ? `Known to ${point.agency}:\n\n${known.map((x) => `- ${of(x.incident)}, ${count(x.age, 'day')} before: since ${when(x.since, x.record, x.exact)} (${HOW[x.how]}, ${x.record})\n`).join('')}\n` : '')
        + (notKnown.length > 0 ? `Not shown in the records as known to ${point.agency} on ${day(point.date)}:\n\n${notKnown.map((x) => `- ${of(x.incident)}, ${count(x.age, 'day')} before; known to ${
          x.knownTo.map((o) => `${o.agency} since ${when(o.since, o.record, o.exact)} (${o.record})`).join(', ')}\n`).join('')}\n` : '');
    }
  }
  yield `### By agency\n\n${table(['Agency', 'Incidents known', 'Learned of from others', 'Median days to learn', 'Decision points', 'Incidents not shown as known at one of its decisions'],
    k.agencies.map((a) => [a.agency, String(a.known), String(a.learnedFromOthers), a.medianLag === undefined ? '' : String(a.medianLag), String(a.decisions),
      a.notKnownAtDecisions.length === 0 ? '' : `${a.notKnownAtDecisions.length}: ${a.notKnownAtDecisions.slice(0, 12).join(', ')}${a.notKnownAtDecisions.length > 12 ? ', …' : ''}`]))}\n`;
  if (k.notPlaced.length > 0) yield `Dated more coarsely than a day, so not placed against the others: ${k.notPlaced.map(cite).join('; ')}.\n\n`;
}

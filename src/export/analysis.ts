/**
 * The analysis written out: JSON (keys in one fixed order, the per-event lists streamed) and a
 * Markdown report a report author can paste into a draft, every finding citing its records as
 * `id (file:line)`.
 */
import type { Analysis, Gap } from '../analytics/types.js';
import { displayDay } from '../model/calendar.js';
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
}

/** A Markdown reading of the merged chronology, for a quick look in a terminal or a draft. */
import { displayDay } from '../model/calendar.js';
import type { Timeline } from '../model/types.js';
import { eventRow, linkedWith, TABLE_HEADINGS } from './rows.js';
import { batched, each } from './chunks.js';
import { count } from '../model/words.js';

export function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>').trim();
}

/** One Markdown table row, every cell escaped. */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.map(markdownCell).join(' | ')} |\n`;
}

/** A Markdown table. */
export function markdownTable(headings: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return markdownRow(headings) + markdownRow(headings.map(() => '---')) + rows.map(markdownRow).join('');
}

/** Heading, files, links, issues, then the chronology itself (streamed in chunks). */
export function* timelineMarkdownChunks(timeline: Timeline): Generator<string> {
  const s = timeline.stats;
  const scope = timeline.scope.from || timeline.scope.to
    ? `Review scope: ${timeline.scope.from ? displayDay(timeline.scope.from) : 'the start'} to ${timeline.scope.to ? displayDay(timeline.scope.to) : 'the end'}${timeline.scope.includeOutOfScope ? ' (events outside it kept and marked)' : ''}.\n\n`
    : '';
  yield `# Merged chronology\n\n${count(s.events, 'event')} from ${count(s.files, 'file')} and ${count(s.agencies, 'agency', 'agencies')}`
    + `${s.first ? `, ${displayDay(s.first)} to ${displayDay(s.last!)}` : ''}; `
    + `${count(s.unusable, 'row')} could not be used as ${s.unusable === 1 ? 'it stands' : 'they stand'}, ${s.outOfScope} ${s.outOfScope === 1 ? 'was' : 'were'} outside the review scope; `
    + `${count(s.linkedGroups, 'real-world event')} ${s.linkedGroups === 1 ? 'was' : 'were'} recorded by more than one agency (${count(s.linkedEvents, 'record')} linked)`
    + `${s.references > 0 ? `; ${count(s.references, 'record')} ${s.references === 1 ? 'reports' : 'report'} an earlier event the chronology holds` : ''}.\n\n${scope}`;
  yield `## Files\n\n${markdownTable(['File', 'Agency', 'Encoding', 'Delimiter', 'Dates', 'Header line', 'Rows', 'Events', 'Unusable', 'Out of scope'],
    timeline.files.map((f) => [f.file, f.agency, f.encoding, f.delimiter === '\t' ? 'tab' : f.delimiter, f.dateOrder, String(f.headerLine), String(f.rows), String(f.events), String(f.unusable), String(f.outOfScope)]))}\n`;
  const sameEvent = timeline.links.filter((l) => l.kind !== 'refers-to');
  const references = timeline.links.filter((l) => l.kind === 'refers-to');
  if (sameEvent.length > 0) {
    yield `## Recorded by more than one agency\n\n${markdownTable(['Link', 'Events', 'Why', 'Confidence'], sameEvent.map((l) => [l.id, l.events.join(', '), l.reason, l.confidence]))}\n`;
  }
  if (references.length > 0) {
    yield `## Records that report an earlier event\n\n${markdownTable(['Link', 'Record', 'Reports', 'Why', 'Confidence'], references.map((l) => [l.id, l.from ?? '', (l.to ?? []).join(', '), l.reason, l.confidence]))}\n`;
  }
  if (timeline.issues.length > 0) {
    yield `## Issues\n\n${markdownTable(['File', 'Line', 'Severity', 'Code', 'Message'], timeline.issues.map((i) => [i.file, i.line === 0 ? '' : String(i.line), i.severity, i.code, i.message]))}\n`;
  }
  const linked = linkedWith(timeline);
  yield `## Chronology\n\n${markdownTable(TABLE_HEADINGS, [])}`;
  yield* batched(each(timeline.events, (e) => markdownRow(eventRow(e, linked))));
}

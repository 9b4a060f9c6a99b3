/**
 * The whole pipeline on random messy returns (tests/helpers/messy.ts): ingest, merge under a
 * random review scope, the three exports, the saved merged.json read back, the analysis and the
 * two chronology diagrams. Nothing may throw but a coded error, nothing may be lost, and a saved
 * merge must give the same analysis as the agency files.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  analyse, analysisJsonChunks, fileSlugs, ingest, isThroughlineError, merge, parseDob, parseScope, timelineCsvChunks, timelineFromJson, validateEpisodes,
  timelineJsonChunks, timelineMarkdownChunks, type AgencyChronology, type Timeline,
} from '../src/index.js';
import { heatmapTextBoxes, layoutHeatmap, renderHeatmap } from '../viz/svg/heatmap.js';
import { layoutTimeline, renderTimeline } from '../viz/svg/timeline.js';
import { expectTextFits } from './helpers/svg.js';
import { csvText, fileArb } from './helpers/messy.js';
import { runs } from './helpers/runs.js';

const AGENCIES = ['Police', 'GP', 'School', "Children's Social Care", 'Northmoor and West Midshire Integrated Care Board Safeguarding Team'];
const SCOPES = [undefined, '2021', '01/03/2021', 'March 2021', '2016', '14/03/2021'];

const caseArb = fc.record({
  files: fc.array(fc.tuple(fileArb, fc.constantFrom(...AGENCIES)), { minLength: 1, maxLength: 4 }),
  from: fc.constantFrom(...SCOPES),
  to: fc.constantFrom(...SCOPES),
  includeOutOfScope: fc.boolean(),
  analysis: fc.record({
    child: fc.array(fc.constantFrom('Zoë', 'L', 'Lacey', 'child', 'M'), { maxLength: 3 }),
    dob: fc.constantFrom(undefined, '14/08/2019', '29/02/2016', '01/01/2030'),
    period: fc.constantFrom('week', 'month', 'quarter'),
    episodes: fc.array(fc.constantFrom(
      { title: 'Pre-birth', from: '01/01/2021', to: '31/03/2021' }, { title: 'One day', from: '14/03/2021', to: '14/03/2021' },
      { title: 'A month', from: 'April 2021', to: 'April 2021' }, { title: 'Years', from: '2016', to: '2022' },
      { title: 'The weeks after the nursery raised concerns about bruising and before the strategy discussion was held', from: '01/03/2021', to: '30/06/2021' },
    ), { maxLength: 2 }),
  }),
});

const joined = (chunks: Iterable<string>): string => [...chunks].join('');

describe('the pipeline on random messy returns', () => {
  it('merges, exports, reads back, analyses and draws without losing a row or throwing anything but a coded error', () => {
    // Runs that got through to the drawings: the checks below must not pass by never being reached.
    let whole = 0;
    fc.assert(fc.property(caseArb, ({ files, from, to, includeOutOfScope, analysis: written }) => {
      const names = files.map((_, i) => `return-${i}.csv`);
      const slugs = fileSlugs(names);
      const chronologies: AgencyChronology[] = [];
      for (const [i, [spec, agency]] of files.entries()) {
        try {
          chronologies.push(ingest({ file: names[i]!, content: new TextEncoder().encode(csvText(spec)) }, { agency, idPrefix: slugs[i] }));
        } catch (e) {
          // A file that is not a chronology: a coded error naming it.
          expect(isThroughlineError(e) && [e.code, e.file]).toEqual([expect.stringMatching(/^(?:file-empty|no-date-column)$/), names[i]]);
          expect((e as Error).message.startsWith(`${names[i]}: `), (e as Error).message).toBe(true);
        }
      }
      if (chronologies.length === 0) return;
      let timeline: Timeline;
      try {
        timeline = merge(chronologies, { ...parseScope(from, to), includeOutOfScope });
      } catch (e) {
        // Only a scope that ends before it starts is refused.
        expect(isThroughlineError(e) && e.code).toBe('scope-invalid');
        expect(parseScope(from, undefined).from! > parseScope(undefined, to).to!).toBe(true);
        return;
      }
      // Nothing lost: every row is in the chronology or counted out of scope.
      const rows = chronologies.reduce((n, c) => n + c.report.rows, 0);
      expect(timeline.stats.rows).toBe(rows);
      expect(timeline.events.length + (includeOutOfScope ? 0 : timeline.stats.outOfScope)).toBe(rows);
      expect(new Set(timeline.events.map((e) => e.id)).size).toBe(timeline.events.length);
      const ids = new Set(timeline.events.map((e) => e.id));
      for (const link of timeline.links) {
        // A link relates two or more records, each once, all in the chronology.
        expect(link.events.length).toBeGreaterThanOrEqual(2);
        expect(new Set(link.events).size).toBe(link.events.length);
        for (const id of link.events) expect(ids.has(id)).toBe(true);
      }

      // The exports, and the saved merge read back whole.
      const json = joined(timelineJsonChunks(timeline));
      const csv = joined(timelineCsvChunks(timeline));
      const md = joined(timelineMarkdownChunks(timeline));
      // One CSV record and one Markdown table row per event, in the chronology's order, each
      // citing the event's file and line.
      const sources = timeline.events.map((e) => `${e.source.file}:${e.source.line}`);
      const records = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true }).data;
      expect(records).toHaveLength(timeline.events.length + 1);
      expect(records.slice(1).map((r) => r[8])).toEqual(sources);
      const rowsOfTable = md.slice(md.indexOf('\n## Chronology\n')).split('\n').filter((l) => l.startsWith('| ')).slice(2);
      expect(rowsOfTable).toHaveLength(timeline.events.length);
      rowsOfTable.forEach((row, k) => expect(row).toContain(`| ${sources[k]} |`));
      const saved = timelineFromJson(JSON.parse(json), 'merged.json');
      expect(joined(timelineJsonChunks(saved))).toBe(json);

      // The analysis: the same from the agency files and from the saved merge.
      const options = { ...written, dob: written.dob !== undefined ? parseDob(written.dob) : undefined, episodes: validateEpisodes(written.episodes, 'episodes.json') };
      const analysis = analyse(timeline, options);
      const again = analyse(saved, options);
      expect(joined(analysisJsonChunks(again))).toBe(joined(analysisJsonChunks(analysis)));

      // The two chronology diagrams: well-formed XML, the same bytes twice, text that fits.
      const drawn = { episodes: analysis.episodes, childNotSeen: analysis.gaps.childNotSeen };
      const svg = renderTimeline(timeline, drawn);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(renderTimeline(saved, drawn)).toBe(svg);
      const lanes = layoutTimeline(timeline, drawn);
      expectTextFits(lanes.boxes, lanes.width, lanes.height);
      const heat = renderHeatmap(analysis.grid);
      expect(XMLValidator.validate(heat)).toBe(true);
      const cells = layoutHeatmap(analysis.grid);
      expectTextFits(heatmapTextBoxes(cells), cells.width, cells.height);
      whole++;
    }), { numRuns: runs(150) });
    expect(whole).toBeGreaterThan(runs(150) / 2);
  });
});

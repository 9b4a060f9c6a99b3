/** `throughline render`: diagrams for the overview report, as Office-safe SVG (or PNG for old Word). */
import { svgToPng } from '../../viz/png.js';
import { analyse } from '../analytics/analyse.js';
import { renderHeatmap } from '../../viz/svg/heatmap.js';
import { renderTimeline } from '../../viz/svg/timeline.js';
import { renderKnowledge } from '../../viz/svg/knowledge.js';
import { knownRecords } from '../analytics/known.js';
import { validateRules } from '../analytics/rules.js';
import { validateTags } from '../analytics/balance.js';
import { parseDay } from '../ingest/arguments.js';
import { renderCauseGraph } from '../../viz/svg/causes.js';
import { analyseRca } from '../rca/analyse.js';
import { renderFishbone } from '../../viz/svg/fishbone.js';
import { renderWhyChain } from '../../viz/svg/whys.js';
import { childNames, MERGE_OPTIONS, periodOption, publication, readBytes, readJson, timelineFromArguments } from './inputs.js';
import { causeGraphFromJson, causeGraphToJson } from '../rca/json.js';
import { readCauseGraphFile } from './rca.js';
import { UsageError, writeChunks } from './io.js';
import { parseCommand, unknownChoice, usageLine } from './args.js';
import { count } from '../model/words.js';


export const RENDER_HELP = `Usage: throughline render <diagram> <input> [options]

Diagrams:
  timeline  the merged timeline: a lane per agency, marks and spans, links, episodes, spells when
            no agency saw the child; input: agency files (with merge's options) or a merged .json
  heatmap   the involvement heatmap (agency × week, month or quarter) of a merged chronology;
            input: agency files (with merge's options) or a merged .json
  knowledge what each agency knew: incidents down the side, agencies across, each cell the day
            the agency is first shown to have known of it (or "not shown"), shaded by the delay;
            input: agency files (with merge's options) or a merged .json
  whys      the why-chain of a root cause analysis, evidence cited at each step;
            input: a cause graph .json, a why-chain .txt or a fishbone .csv
  fishbone  the fishbone (Ishikawa) diagram of a root cause analysis (same inputs as whys)
  causes    the cause graph of a root cause analysis, root causes left, problem right (same inputs)

Options:
  --period PERIOD   heatmap: week, month (default) or quarter
  --width-mm N      width on the page in mm (default 170, A4 text width; 257 A4 landscape)
  -o, --out FILE    write to FILE (default: standard output)
  --png             write a PNG (for old versions of Word) instead of SVG, at 2× resolution
  -h, --help        show this help

  --child NAMES     timeline: the child's names, for the spells when the child was not seen
  --lanes LIST      timeline: the agencies to draw, in this order, comma-separated
  --no-labels       timeline: leave out the labels of events several agencies recorded
  --as-known-by AGENCY --on DATE
                    timeline: the chronology as AGENCY could know it on DATE (e.g. 04/03/2020):
                    what the records do not show it knew by then drawn hollow and grey
  --rules FILE      knowledge, --as-known-by: analysis rules (default: the shipped rules)
  --tags FILE       knowledge, --as-known-by: the reviewer's tags ({ "event-id": "incident" } adds an incident)
  --glossary FILE --anonymise
                    draw it anonymised: every person the glossary names replaced by their pseudonym
                    (refused while a word that looks like a name is not in the glossary)`;

const DIAGRAMS = ['timeline', 'heatmap', 'knowledge', 'whys', 'fishbone', 'causes'] as const;
const isDiagram = (word: string): word is (typeof DIAGRAMS)[number] => (DIAGRAMS as readonly string[]).includes(word);

const RENDER_OPTIONS = {
  ...MERGE_OPTIONS, period: { type: 'string' }, 'width-mm': { type: 'string' }, png: { type: 'boolean' }, child: { type: 'string', multiple: true },
  lanes: { type: 'string' }, 'no-labels': { type: 'boolean' }, 'as-known-by': { type: 'string' }, on: { type: 'string' }, rules: { type: 'string' }, tags: { type: 'string' },
} as const;

export async function runRender(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('render', argv, RENDER_OPTIONS, RENDER_HELP);
  if (values.help) { process.stdout.write(`${RENDER_HELP}\n`); return 0; }
  const [diagram, ...inputs] = positionals;
  if (diagram === undefined) throw new UsageError(`render needs a diagram: ${DIAGRAMS.join(', ')}\n${usageLine(RENDER_HELP)}`);
  if (!isDiagram(diagram)) throw unknownChoice('diagram', diagram, DIAGRAMS, RENDER_HELP, 'render');
  const widthMm = values['width-mm'] === undefined ? 170 : Number(values['width-mm']);
  if (!(Number.isFinite(widthMm) && widthMm >= 60 && widthMm <= 1200)) throw new UsageError(`--width-mm ${values['width-mm']}: expected a width in mm from 60 to 1200`);
  const period = periodOption(values.period);
  let svg: string;
  let what: string;
  if ((values['as-known-by'] === undefined) !== (values.on === undefined)) throw new UsageError('--as-known-by AGENCY and --on DATE go together');
  if (values['as-known-by'] !== undefined && diagram !== 'timeline') throw new UsageError(`--as-known-by is for render timeline, not render ${diagram}`);
  if (diagram !== 'heatmap' && diagram !== 'timeline' && diagram !== 'knowledge') {
    if (inputs.length !== 1) throw new UsageError(`render ${diagram} needs one input: a cause graph .json, a why-chain .txt or a fishbone .csv`);
    const read = readCauseGraphFile(inputs[0]!, readBytes);
    const { issues } = read;
    const [graphJson] = publication(values).publish(causeGraphToJson(read.graph));
    const graph = values.anonymise ? causeGraphFromJson(graphJson, inputs[0]!).graph : read.graph;
    for (const i of issues.filter((x) => x.severity === 'error')) process.stderr.write(`throughline: ${inputs[0]}${i.line ? `:${i.line}` : ''}: ${i.message}\n`);
    const render = { whys: renderWhyChain, fishbone: renderFishbone, causes: (g: typeof graph, o: { widthMm: number }) => renderCauseGraph(g, analyseRca(g), o) }[diagram];
    svg = render(graph, { widthMm });
    what = `${diagram} diagram of ${count(graph.order, 'node')}`;
  } else {
    const original = await timelineFromArguments(values, inputs, `render ${diagram}`);
    const rules = values.rules !== undefined ? validateRules(readJson(values.rules, 'rules'), values.rules) : undefined;
    const tags = values.tags !== undefined ? validateTags(readJson(values.tags, 'tags'), values.tags) : undefined;
    const [timeline, analysis] = publication(values).publish(original, analyse(original, { period, child: childNames(values.child), ...(rules ? { rules } : {}), ...(tags ? { tags } : {}) }));
    const agency = values['as-known-by'];
    if (agency !== undefined && !timeline.agencyOrder.includes(agency)) {
      throw new UsageError(`--as-known-by ${agency}: no such agency in this chronology; its agencies are ${timeline.agencyOrder.join(', ')}`);
    }
    const on = values.on !== undefined ? parseDay(values.on, '--on') : undefined;
    svg = diagram === 'heatmap'
      ? renderHeatmap(analysis.grid, { widthMm })
      : diagram === 'knowledge'
        ? renderKnowledge(analysis.knowledge, timeline, { widthMm })
        : renderTimeline(timeline, {
          widthMm, episodes: analysis.episodes, childNotSeen: analysis.gaps.childNotSeen, labelLinks: !values['no-labels'],
          ...(values.lanes ? { agencies: values.lanes.split(',').map((a) => a.trim()).filter((a) => a !== '') } : {}),
          ...(agency !== undefined && on !== undefined ? { knownBy: { agency, on, records: knownRecords(analysis.knowledge, timeline, agency, on) } } : {}),
        });
    what = diagram === 'knowledge'
      ? `knowledge matrix of ${count(analysis.knowledge.incidents.length, 'incident')} by ${count(timeline.agencyOrder.length, 'agency', 'agencies')}`
      : `${diagram} of ${count(timeline.stats.events, 'event')}${agency !== undefined ? ` as ${agency} could know it on ${values.on}` : ''}`;
  }
  if (values.png) {
    if (values.out === undefined) throw new UsageError('--png needs --out FILE.png');
    await writeChunks([svgToPng(svg)], values.out);
  } else {
    await writeChunks([svg], values.out);
  }
  process.stderr.write(`throughline: ${what}${values.out ? ` written to ${values.out}` : ''}\n`);
  return 0;
}

/** `throughline render`: diagrams for the overview report, as Office-safe SVG (or PNG for old Word). */
import { svgToPng } from '../../viz/png.js';
import { analyse } from '../analytics/analyse.js';
import { renderHeatmap } from '../../viz/svg/heatmap.js';
import { renderTimeline } from '../../viz/svg/timeline.js';
import { renderCauseGraph } from '../../viz/svg/causes.js';
import { analyseRca } from '../rca/analyse.js';
import { renderFishbone } from '../../viz/svg/fishbone.js';
import { renderWhyChain } from '../../viz/svg/whys.js';
import { childNames, MERGE_OPTIONS, periodOption, readBytes, timelineFromArguments } from './inputs.js';
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
  --no-labels       timeline: leave out the labels of events several agencies recorded`;

const DIAGRAMS = ['timeline', 'heatmap', 'whys', 'fishbone', 'causes'] as const;
const isDiagram = (word: string): word is (typeof DIAGRAMS)[number] => (DIAGRAMS as readonly string[]).includes(word);

const RENDER_OPTIONS = {
  ...MERGE_OPTIONS, period: { type: 'string' }, 'width-mm': { type: 'string' }, png: { type: 'boolean' }, child: { type: 'string', multiple: true },
  lanes: { type: 'string' }, 'no-labels': { type: 'boolean' },
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
  if (diagram !== 'heatmap' && diagram !== 'timeline') {
    if (inputs.length !== 1) throw new UsageError(`render ${diagram} needs one input: a cause graph .json, a why-chain .txt or a fishbone .csv`);
    const { graph, issues } = readCauseGraphFile(inputs[0]!, readBytes);
    for (const i of issues.filter((x) => x.severity === 'error')) process.stderr.write(`throughline: ${inputs[0]}${i.line ? `:${i.line}` : ''}: ${i.message}\n`);
    const render = { whys: renderWhyChain, fishbone: renderFishbone, causes: (g: typeof graph, o: { widthMm: number }) => renderCauseGraph(g, analyseRca(g), o) }[diagram];
    svg = render(graph, { widthMm });
    what = `${diagram} diagram of ${count(graph.order, 'node')}`;
  } else {
    const timeline = timelineFromArguments(values, inputs, `render ${diagram}`);
    const analysis = analyse(timeline, { period, child: childNames(values.child) });
    svg = diagram === 'heatmap'
      ? renderHeatmap(analysis.grid, { widthMm })
      : renderTimeline(timeline, {
        widthMm, episodes: analysis.episodes, childNotSeen: analysis.gaps.childNotSeen, labelLinks: !values['no-labels'],
        ...(values.lanes ? { agencies: values.lanes.split(',').map((a) => a.trim()).filter((a) => a !== '') } : {}),
      });
    what = `${diagram} of ${count(timeline.stats.events, 'event')}`;
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

/**
 * Taking it to the report: the overview report (Word) and the chronology workbook (Excel), each as
 * a working copy or anonymised; every diagram as Office-safe SVG or PNG (the engine's own), at the
 * width the report needs; the merged chronology as CSV or Markdown and the analysis as Markdown.
 * The diagrams, the chronology and the analysis come in the view chosen (personalised or anonymised).
 */
import { api, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import { viewQuery, type ReviewState } from '../state.js';

export async function showDownloads(el: HTMLElement, state: ReviewState): Promise<void> {
  const id = state.review.id;
  const graphs = await api<Array<{ id: string; title: string }>>(reviewPath(id, '/rca'));
  const width = h('select', { id: 'dl-width' }, h('option', { value: '170' }, 'A4 portrait text width (170 mm)'), h('option', { value: '257' }, 'A4 landscape (257 mm)'), h('option', { value: '120' }, 'Half page (120 mm)'));
  const graph = h('select', { id: 'dl-graph' }, ...graphs.map((g) => h('option', { value: g.id }, g.title)));
  const list = h('ul', { class: 'downloads' });
  // In the anonymised view, what the view shows is what is downloaded.
  const view = viewQuery(state);
  const named = (file: string): string => (state.anonymised ? `anonymised-${file}` : file);
  const links = (): void => {
    const w = width.value;
    const item = (label: string, diagram: string, extra = '') => h('li', {}, `${label}: `,
      h('a', { href: reviewPath(id, `/diagrams/${diagram}?format=svg&widthMm=${w}&download=true${extra}${view}`), download: named(`${diagram}.svg`) }, 'SVG'), ' · ',
      h('a', { href: reviewPath(id, `/diagrams/${diagram}?format=png&widthMm=${w}&download=true${extra}${view}`), download: named(`${diagram}.png`) }, 'PNG'));
    const g = graph.value ? `&graph=${encodeURIComponent(graph.value)}` : '';
    fill(list,
      item('Merged timeline', 'timeline'), item('Involvement heatmap', 'heatmap'), item('What each agency knew', 'knowledge'),
      ...(g ? [item('Cause graph', 'causes', g), item('Fishbone', 'fishbone', g), item('Why-chain', 'whys', g)] : []),
      h('li', {}, 'Overview report (Word): ', h('a', { href: reviewPath(id, '/report?format=docx'), download: 'overview-report.docx' }, 'working copy'), ' · ',
        h('a', { href: reviewPath(id, '/report?format=docx&anonymise=true'), download: 'anonymised-overview-report.docx' }, 'anonymised for publication')),
      h('li', {}, 'Chronology workbook (Excel, a sheet per view): ', h('a', { href: reviewPath(id, '/report?format=xlsx'), download: 'chronology.xlsx' }, 'working copy'), ' · ',
        h('a', { href: reviewPath(id, '/report?format=xlsx&anonymise=true'), download: 'anonymised-chronology.xlsx' }, 'anonymised for publication')),
      h('li', {}, 'Merged chronology: ', h('a', { href: reviewPath(id, `/timeline?format=csv${view}`), download: named('chronology.csv') }, 'CSV'), ' · ',
        h('a', { href: reviewPath(id, `/timeline?format=md${view}`), download: named('chronology.md') }, 'Markdown'), ' · ',
        h('a', { href: reviewPath(id, `/analysis?format=md${view}`), download: named('analysis.md') }, 'analysis (Markdown)')));
  };
  width.addEventListener('change', links);
  graph.addEventListener('change', links);
  fill(el, h('section', { class: 'card', 'aria-labelledby': 'dl-title' }, h('h2', { id: 'dl-title' }, 'For the overview report'),
    h('p', {}, 'Diagrams are the engine\'s Office-safe SVG (Word and LibreOffice open them as drawn) or PNG for older versions of Word.'),
    h('p', { class: 'notice' }, state.anonymised
      ? 'Anonymised view: the diagrams, the chronology and the analysis are downloaded anonymised through the review\'s glossary.'
      : 'Personalised view: the diagrams, the chronology and the analysis are downloaded as the records name people (choose Anonymised above for publication).'),
    h('div', { class: 'inline' }, h('div', { class: 'field' }, h('label', { for: 'dl-width' }, 'Width'), width),
      graphs.length > 0 ? h('div', { class: 'field' }, h('label', { for: 'dl-graph' }, 'Cause analysis'), graph) : null),
    list));
  links();
}

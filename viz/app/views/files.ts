/**
 * The review's agency files: drag them in, see each file's ingest report at once (encoding,
 * delimiter, header line, date order, rows, unusable rows, issues with their line and raw
 * cells; an Excel workbook's sheet by sheet), fix a column mapping or the date order with a
 * preview of the first records before and after, download a file exactly as it came, remove it.
 */
import { api, ApiFailure, reviewPath } from '../api.js';
import { fill, h } from '../dom.js';
import { invalidate, progressText, reviewState, type ReviewState, type Status } from '../state.js';
import { canWrite, failureNote } from './review.js';
import type { AgencyFileReport, ChronologyEvent, ColumnRole, IngestIssue } from '../../../src/model/types.js';
import { COLUMN_ROLES } from '../../../src/model/types.js';
import { sheetNameIn } from '../../../src/model/sheets.js';
import { whenOf } from '../model.js';

interface FileView {
  id: string; name: string; sha256: string; size: number; agency: string | null; profile: Record<string, unknown> | null; uploadedAt: string;
  /** A workbook's `report` is its first chronology sheet's; `sheets` every such sheet's. */
  report?: AgencyFileReport; sheets?: AgencyFileReport[]; issues?: IngestIssue[];
}
interface Preview { report: AgencyFileReport; sheets?: AgencyFileReport[]; events: ChronologyEvent[]; issues: IngestIssue[]; issueCount: number }

/** Whether a record or an issue came from the file (a workbook: from one of its sheets). */
const fromFile = (f: FileView, source: string): boolean => source === f.name || sheetNameIn(source, f.name) !== undefined;
/** Where in the file: a line, or a workbook's sheet and row (`Incidents 7`). */
const whereIn = (f: FileView, source: string, line: number): string => {
  const sheet = sheetNameIn(source, f.name);
  return sheet === undefined ? String(line) : `${sheet} ${line}`;
};

const kb = (n: number): string => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const DELIMITERS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function reportList(r: AgencyFileReport): HTMLElement {
  const item = (k: string, v: string | number) => [h('dt', {}, k), h('dd', {}, String(v))];
  return h('dl', { class: 'report' },
    ...item('Agency', `${r.agency} (from the ${r.agencyFrom})`), ...item('Encoding', r.encoding),
    ...item('Delimiter', DELIMITERS[r.delimiter] ?? r.delimiter), ...item('Header line', r.headerLine),
    ...item('Date order', `${r.dateOrder} (${r.dateOrderFrom})`), ...item('Rows', r.rows), ...item('Records', r.events),
    ...item('Unusable rows', r.unusable), ...item('Blank rows', r.blankRows), ...item('Out of scope', r.outOfScope), ...item('File order', r.order));
}

function issuesTable(f: FileView, issues: readonly IngestIssue[], total = issues.length): HTMLElement {
  if (issues.length === 0) return h('p', {}, 'No issues.');
  return h('table', { class: 'issues' },
    h('caption', {}, total > issues.length ? `Issues (first ${issues.length} of ${total})` : `Issues (${total})`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Severity'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'Cells as written'))),
    h('tbody', {}, ...issues.map((i) => h('tr', { class: `sev-${i.severity}` },
      h('td', {}, whereIn(f, i.file, i.line)), h('td', {}, i.severity), h('td', {}, `${i.message} (${i.code})`), h('td', { class: 'cells' }, (i.cells ?? []).join(' | '))))));
}

function firstRecords(f: FileView, events: readonly ChronologyEvent[], caption: string): HTMLElement {
  return h('table', { class: 'preview' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...['Line', 'Date as read', 'Type', 'Summary'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...events.map((e) => h('tr', {}, h('td', {}, whereIn(f, e.source.file, e.source.line)), h('td', {}, whenOf(e)), h('td', {}, e.type ?? ''), h('td', {}, e.summary)))));
}

/** The mapping editor: each column's role as a dropdown, the date order, and the first records before and after. */
function mappingEditor(state: ReviewState, f: FileView, refresh: () => Promise<void>): HTMLElement {
  const r = f.report!;
  const selects = r.columns.map((c) => {
    const s = h('select', { 'data-heading': c.heading }, ...[...COLUMN_ROLES, 'extra' as const].map((role) => h('option', { value: role, ...(role === c.role ? { selected: true } : {}) }, role)));
    return { heading: c.heading, select: s };
  });
  const order = h('select', {}, ...(['day-first', 'month-first'] as const).map((o) => h('option', { value: o, ...(o === r.dateOrder ? { selected: true } : {}) }, o)));
  const before = state.chronology?.events.filter((e) => fromFile(f, e.source.file)).slice(0, 8) ?? [];
  const after = h('div', { class: 'after', 'aria-live': 'polite' });
  const msg = h('p', { role: 'status' });
  const profile = () => ({
    ...(f.profile ?? {}),
    columns: Object.fromEntries(selects.map((s) => [s.heading, s.select.value as ColumnRole | 'extra'])),
    dateOrder: order.value,
  });
  const preview = async () => {
    try {
      const p = await api<Preview>(reviewPath(state.review.id, `/files/${f.id}/preview`), { json: { profile: profile() } });
      const reports = p.sheets ?? [p.report];
      const sum = (key: 'events' | 'unusable'): number => reports.reduce((n, r) => n + r[key], 0);
      fill(after, firstRecords(f, p.events, 'After: the first records as they would be read'), h('p', {}, `${sum('events')} records, ${sum('unusable')} unusable, ${p.issueCount} issues.`));
    } catch (e) {
      fill(after, h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? e.message : 'The preview failed.'));
    }
  };
  for (const s of selects) s.select.addEventListener('change', () => { void preview(); });
  order.addEventListener('change', () => { void preview(); });
  const table = h('table', { class: 'mapping' }, h('caption', {}, 'Columns as detected'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Heading'), h('th', { scope: 'col' }, 'Role'))),
    h('tbody', {}, ...selects.map((s, i) => {
      s.select.id = `map-${f.id}-${i}`;
      return h('tr', {}, h('td', {}, h('label', { for: s.select.id }, s.heading)), h('td', {}, s.select));
    })));
  order.id = `order-${f.id}`;
  const apply = h('button', { type: 'button', onclick: async () => {
    try {
      await api(reviewPath(state.review.id, `/files/${f.id}`), { method: 'PATCH', json: { profile: profile() } });
      msg.textContent = 'Saved: the file is read again and the chronology merged again.';
      invalidate();
      await refresh();
    } catch (e) {
      msg.textContent = e instanceof ApiFailure ? e.message : 'The mapping could not be saved.';
    }
  } }, 'Apply to this file');
  return h('details', { class: 'mapping-editor' }, h('summary', {}, 'Fix the column mapping or the date order'),
    table, h('div', { class: 'field' }, h('label', { for: order.id }, 'Date order'), order),
    h('div', { class: 'before-after' }, firstRecords(f, before, 'Before: the first records as read now'), after),
    h('button', { type: 'button', class: 'secondary', onclick: () => { void preview(); } }, 'Preview'), ' ', apply, msg);
}

function fileCard(state: ReviewState, f: FileView, refresh: () => Promise<void>): HTMLElement {
  const write = canWrite(state, 'chronology');
  return h('section', { class: 'card file', 'aria-labelledby': `file-${f.id}` },
    h('h3', { id: `file-${f.id}` }, f.name),
    h('p', { class: 'meta' }, `${kb(f.size)} · uploaded ${f.uploadedAt.slice(0, 10)} · `,
      h('a', { href: reviewPath(state.review.id, `/files/${f.id}/content`), download: f.name }, 'Download as received')),
    ...(f.sheets
      ? f.sheets.map((r) => h('section', { class: 'sheet' }, h('h4', {}, `Sheet ${sheetNameIn(r.file, f.name) ?? r.file}`), reportList(r)))
      : [f.report ? reportList(f.report) : h('p', {}, 'Not read yet (the chronology cannot be merged as it is).')]),
    f.issues ? issuesTable(f, f.issues.slice(0, 200), f.issues.length) : null,
    write && f.report ? mappingEditor(state, f, refresh) : null,
    write ? h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirm(`Remove ${f.name} from the review?`)) return;
      await api(reviewPath(state.review.id, `/files/${f.id}`), { method: 'DELETE' });
      invalidate();
      await refresh();
    } }, `Remove ${f.name}`) : null);
}

function uploader(state: ReviewState, refresh: () => Promise<void>): HTMLElement {
  const input = h('input', { type: 'file', multiple: true, accept: '.csv,.tsv,.txt,.xlsx', id: 'upload-input' });
  const agency = h('input', { id: 'upload-agency', placeholder: 'from the file (leave blank)' });
  const msg = h('div', { role: 'status', class: 'upload-status' });
  const send = async (files: FileList | File[]) => {
    const list = [...files];
    if (list.length === 0) return;
    const form = new FormData();
    for (const f of list) {
      if (agency.value.trim() !== '') form.append('agency', agency.value.trim());
      form.append('file', f, f.name);
    }
    msg.textContent = `Uploading ${list.length} file${list.length === 1 ? '' : 's'}…`;
    const timer = setInterval(async () => {
      try { msg.textContent = progressText(await api<Status>(reviewPath(state.review.id, '/status'))); } catch { /* the upload's answer says what went wrong */ }
    }, 500);
    try {
      await api(reviewPath(state.review.id, '/files'), { form });
      msg.textContent = `Uploaded ${list.map((f) => f.name).join(', ')}.`;
      invalidate();
      await refresh();
    } catch (e) {
      fill(msg, h('p', { class: 'error', role: 'alert' }, e instanceof ApiFailure ? `Not uploaded: ${e.message}` : 'The upload failed.'));
    } finally {
      clearInterval(timer);
      input.value = '';
    }
  };
  input.addEventListener('change', () => { void send(input.files ?? []); });
  const zone = h('div', { class: 'drop', 'data-testid': 'drop' },
    h('p', {}, 'Drag agency files here, or '), h('label', { for: 'upload-input', class: 'button' }, 'choose files'), input,
    h('p', { class: 'hint' }, 'CSV, TSV or text exported from a spreadsheet, or an Excel workbook (.xlsx, read sheet by sheet), up to 50 MB each. Each file is read as it arrives; one that is not a chronology is refused with the reason.'));
  zone.addEventListener('dragover', (ev) => { ev.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => { ev.preventDefault(); zone.classList.remove('over'); void send(ev.dataTransfer?.files ?? []); });
  return h('section', { class: 'card', 'aria-labelledby': 'upload-title' }, h('h2', { id: 'upload-title' }, 'Bring the files'),
    h('div', { class: 'field' }, h('label', { for: 'upload-agency' }, 'Agency (optional, for every file in this upload)'), agency), zone, msg);
}

export async function showFiles(el: HTMLElement, initial: ReviewState): Promise<void> {
  let state = initial;
  const list = h('div', { class: 'files' });
  const refresh = async (): Promise<void> => {
    state = await reviewState(state.review.id);
    const files = await api<FileView[]>(reviewPath(state.review.id, '/files'));
    fill(list, failureNote(state),
      h('h2', {}, files.length === 0 ? 'No files yet' : `${files.length} agency file${files.length === 1 ? '' : 's'}`),
      ...files.map((f) => fileCard(state, f, refresh)));
  };
  fill(el, canWrite(state, 'chronology') ? uploader(state, refresh) : null, list);
  await refresh();
}

/**
 * Anonymised for publication through the review server: the merged chronology (JSON, CSV,
 * Markdown), the analysis (JSON, Markdown) and every diagram with `anonymise=true` hold none of the
 * demo glossary's people, while the same downloads without it hold them; a review without a
 * glossary is refused (`glossary-missing`), and one whose output holds a word the glossary does not
 * decide is refused with the same coded error as the report (`names-undecided`), until the word is
 * dismissed; the name check's exact output on a small case written by hand; and no name reaches
 * the audit trail.
 *
 * The demo review is changed so that every diagram has a name to hide: school.csv's agency is set
 * to "St Anne's school" (a lane of the timeline, a row of the heatmap, a column of what each agency
 * knew), a person of the glossary (fixtures/review/child-l-glossary.csv: → "the primary school").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { multipart, testServer, type TestServer } from './helpers.js';
import { DEMO_GLOSSARY, namesIn } from '../helpers/names.js';

const GLOSSARY = readFileSync(DEMO_GLOSSARY, 'utf8');
const json = (r: LightMyRequestResponse) => JSON.parse(r.body) as Record<string, unknown>;
const codeOf = (r: LightMyRequestResponse) => [r.statusCode, json(r).code, json(r).message];

/** Every download of the chronology that takes `anonymise`, by its path under the review (`GRAPH` is the demo cause analysis's id). */
const DOWNLOADS = [
  '/timeline?format=json&limit=10000', '/timeline?format=csv', '/timeline?format=md', '/analysis?format=json', '/analysis?format=md',
  '/diagrams/timeline?format=svg', '/diagrams/heatmap?format=svg', '/diagrams/knowledge?format=svg',
  '/diagrams/whys?graph=GRAPH', '/diagrams/fishbone?graph=GRAPH', '/diagrams/causes?graph=GRAPH',
] as const;
/** The chronology's downloads alone (the cause analysis's diagrams are published apart from it). */
const CHRONOLOGY_DOWNLOADS = DOWNLOADS.filter((d) => !d.includes('GRAPH'));

/**
 * What each personalised download holds, at least (a glossary person as namesIn reports it):
 * the timeline, the analysis and the charts name school.csv's agency; the cause analysis (fixtures/rca/child-l.whys.txt, lines 20, 21, 27) Dean Holt, and
 * its why-chain the document "St Anne's nursery collection procedure (2022)" (line 28).
 */
const PERSONAL: Record<(typeof DOWNLOADS)[number], string[]> = {
  '/timeline?format=json&limit=10000': ["St Anne's school", 'Kerry', 'Dean Holt'],
  '/timeline?format=csv': ["St Anne's school", 'Kerry', 'Dean Holt'],
  '/timeline?format=md': ["St Anne's school", 'Kerry', 'Dean Holt'],
  '/analysis?format=json': ["St Anne's school"],
  '/analysis?format=md': ["St Anne's school"],
  '/diagrams/timeline?format=svg': ["St Anne's school"],
  '/diagrams/heatmap?format=svg': ["St Anne's school"],
  // What each agency knew breaks a column's heading over two lines: "St Anne's" and "school".
  '/diagrams/knowledge?format=svg': ["St Anne's"],
  '/diagrams/whys?graph=GRAPH': ['Dean Holt', "St Anne's"],
  '/diagrams/fishbone?graph=GRAPH': ['Dean Holt'],
  '/diagrams/causes?graph=GRAPH': ['Dean Holt'],
};
/** A pseudonym each anonymised download shows in their place. */
const PSEUDONYM: Record<(typeof DOWNLOADS)[number], string> = {
  '/timeline?format=json&limit=10000': 'the primary school', '/timeline?format=csv': 'the primary school', '/timeline?format=md': 'the primary school',
  '/analysis?format=json': 'the primary school', '/analysis?format=md': 'the primary school',
  '/diagrams/timeline?format=svg': 'the primary school', '/diagrams/heatmap?format=svg': 'the primary school', '/diagrams/knowledge?format=svg': '>the primary<',
  '/diagrams/whys?graph=GRAPH': 'Mother&apos;s partner', '/diagrams/fishbone?graph=GRAPH': 'Mother&apos;s partner', '/diagrams/causes?graph=GRAPH': 'Mother&apos;s partner',
};

const anonymised = (path: string) => `${path}${path.includes('?') ? '&' : '?'}anonymise=true`;

describe('the chronology\'s downloads anonymised with the review\'s glossary', () => {
  let s: TestServer;
  let graph: string;
  const url = (rest: string) => `/api/reviews/${s.demo}${rest.replace('GRAPH', graph)}`;
  beforeAll(async () => {
    s = await testServer();
    graph = s.store.rcaGraphs(s.demo)[0]!.id;
    const school = s.store.files(s.demo).find((f) => f.name === 'school.csv')!.id;
    const setup = [
      await s.call({ method: 'PUT', url: url('/settings/glossary'), headers: s.as.author, payload: { value: GLOSSARY } }),
      await s.call({ method: 'PATCH', url: url(`/files/${school}`), headers: s.as.author, payload: { agency: 'St Anne\'s school' } }),
    ];
    expect(setup.map((r) => r.statusCode), setup.map((r) => r.body.slice(0, 200)).join('\n')).toEqual([200, 200]);
  });
  afterAll(async () => { await s.app.close(); });

  for (const path of DOWNLOADS) {
    it(`${path.replace('GRAPH', ':graph')}: anonymised it names none of the glossary's people and shows their pseudonyms; personalised it names them (each asked for twice, in both orders: nothing cached is shared)`, async () => {
      const first = await s.call({ method: 'GET', url: url(anonymised(path)), headers: s.as.viewer });
      const personal = await s.call({ method: 'GET', url: url(path), headers: s.as.viewer });
      const again = await s.call({ method: 'GET', url: url(anonymised(path)), headers: s.as.viewer });
      expect([first.statusCode, personal.statusCode, again.statusCode], first.body.slice(0, 300)).toEqual([200, 200, 200]);
      expect(namesIn(first.body)).toEqual([]);
      expect(first.body).toContain(PSEUDONYM[path]);
      expect(namesIn(personal.body)).toEqual(expect.arrayContaining(PERSONAL[path]));
      expect(again.body).toBe(first.body);
    });
  }

  it('a download is named as anonymised; a PNG is drawn from the anonymised diagram (not the personalised one)', async () => {
    const csv = await s.call({ method: 'GET', url: url('/timeline?format=csv&anonymise=true'), headers: s.as.viewer });
    expect(csv.headers['content-disposition']).toBe('attachment; filename="anonymised-chronology.csv"');
    const svg = await s.call({ method: 'GET', url: url('/diagrams/heatmap?format=svg&download=true&anonymise=true'), headers: s.as.viewer });
    expect(svg.headers['content-disposition']).toBe('attachment; filename="anonymised-heatmap.svg"');
    const png = await s.call({ method: 'GET', url: url('/diagrams/heatmap?format=png&anonymise=true'), headers: s.as.viewer });
    const personal = await s.call({ method: 'GET', url: url('/diagrams/heatmap?format=png'), headers: s.as.viewer });
    expect([png.statusCode, png.headers['content-type'], png.rawPayload.subarray(1, 4).toString('latin1')]).toEqual([200, 'image/png', 'PNG']);
    expect(png.rawPayload.equals(personal.rawPayload)).toBe(false);
  });

  it('filters the anonymised chronology by its published text: a name finds nothing, its pseudonym finds the records that named it', async () => {
    const total = (q: string, anonymise: boolean) => s.call({ method: 'GET', url: url(`/timeline?limit=1&agency=GP&q=${q}${anonymise ? '&anonymise=true' : ''}`), headers: s.as.viewer }).then((r) => json(r).total);
    // gp.csv (its 14 data rows, the undated line 9 included, are records) names Kerry on lines 2, 9, 13 and 14, and
    // writes "mother" on lines 2, 3, 4, 8 and 10: anonymised, Kerry is "Mother" and the two sets are one of 8 records.
    expect([await total('Kerry', false), await total('Kerry', true), await total('mother', false), await total('mother', true)]).toEqual([4, 0, 5, 8]);
  });

  it('leaves no name in the audit trail, though the requests carried names (a query, a glossary entry)', async () => {
    const before = s.store.auditEntries({ limit: 1_000_000 }).length;
    const asked = [
      await s.call({ method: 'GET', url: url('/timeline?anonymise=true&q=Kerry%20Brennan'), headers: s.as.viewer }),
      await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.author, payload: { name: 'Nadia Brennan', pseudonym: 'Cousin N' } }),
      await s.call({ method: 'GET', url: url('/glossary/check'), headers: s.as.author }),
    ];
    expect(asked.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const rows = s.store.auditEntries({ limit: 1_000_000 }).slice(before);
    expect(rows.map((r) => [r.method, r.route, r.status])).toEqual([
      ['GET', '/api/reviews/:reviewId/timeline', 200], ['POST', '/api/reviews/:reviewId/glossary/entries', 200], ['GET', '/api/reviews/:reviewId/glossary/check', 200],
    ]);
    expect(namesIn(JSON.stringify(rows), ['Kerry Brennan', 'Nadia Brennan', 'Brennan', 'Nadia', 'Cousin N'])).toEqual([]);
  });
});

describe('refusals', () => {
  let s: TestServer;
  const url = (rest: string) => `/api/reviews/${s.demo}${rest.replace('GRAPH', s.store.rcaGraphs(s.demo)[0]!.id)}`;
  beforeAll(async () => { s = await testServer(); });
  afterAll(async () => { await s.app.close(); });

  it('without a glossary, every download asked anonymised is a 422 saying to set the review\'s glossary first, as the report is', async () => {
    const message = 'anonymising needs the review\'s glossary: set the review\'s glossary first (its Glossary tab, or PUT …/glossary)';
    for (const path of [...DOWNLOADS, '/report?format=docx']) {
      const r = await s.call({ method: 'GET', url: url(anonymised(path)), headers: s.as.viewer });
      expect(codeOf(r), path).toEqual([422, 'glossary-missing', message]);
    }
    // Personalised, they are made as ever.
    expect((await s.call({ method: 'GET', url: url('/timeline?limit=1'), headers: s.as.viewer })).statusCode).toBe(200);
  });

  it('a word the glossary does not decide refuses every chronology download with the report\'s own coded error, listing it, until it is dismissed as not a name', async () => {
    // The demo glossary without its "Amoxicillin,,not a name" line: the word is in gp.csv line 10's outcome ("Amoxicillin.").
    const without = GLOSSARY.split('\n').filter((l) => !l.startsWith('Amoxicillin,')).join('\n');
    expect(without).not.toBe(GLOSSARY);
    expect((await s.call({ method: 'PUT', url: url('/settings/glossary'), headers: s.as.author, payload: { value: without } })).statusCode).toBe(200);
    const message = 'glossary: a word in what would be published looks like a person\'s name and is not in the glossary:\n'
      + '  "Amoxicillin" (not an English word; once: gp.csv:10 (outcome))\n'
      + 'Add each to the glossary with its pseudonym (name,pseudonym), or dismiss it (name,,not a name); nothing was written';
    const report = await s.call({ method: 'GET', url: url('/report?format=docx&anonymise=true'), headers: s.as.viewer });
    expect(codeOf(report)).toEqual([422, 'names-undecided', message]);
    for (const path of CHRONOLOGY_DOWNLOADS) {
      const r = await s.call({ method: 'GET', url: url(anonymised(path)), headers: s.as.viewer });
      expect(r.body, path).toBe(report.body);
    }
    // The check lists it, with its record; dismissing it empties the check and the downloads are made.
    const check = await s.call({ method: 'GET', url: url('/glossary/check'), headers: s.as.viewer });
    expect(json(check)).toEqual({ glossary: true, undecided: [{ word: 'Amoxicillin', why: 'not an English word', count: 1, places: 1, where: [{ place: 'gp.csv:10', field: 'outcome', record: 'gp-10' }] }] });
    const viewer = await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.viewer, payload: { name: 'Amoxicillin', kind: 'not a name' } });
    expect(codeOf(viewer)).toEqual([403, 'forbidden', 'your role on this review (viewer) does not allow this']);
    const dismissed = await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.author, payload: { name: 'Amoxicillin', kind: 'not a name' } });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect((json(dismissed).entries as unknown[]).at(-1)).toEqual({ name: 'Amoxicillin', pseudonym: '', kind: 'not a name' });
    expect(json(await s.call({ method: 'GET', url: url('/glossary/check'), headers: s.as.viewer }))).toEqual({ glossary: true, undecided: [] });
    for (const path of CHRONOLOGY_DOWNLOADS) {
      const r = await s.call({ method: 'GET', url: url(anonymised(path)), headers: s.as.viewer });
      expect([r.statusCode, namesIn(r.body)], path).toEqual([200, []]);
    }
  });

  it('anonymise is a boolean (TypeBox): anything else is a 400', async () => {
    const r = await s.call({ method: 'GET', url: url('/timeline?anonymise=perhaps'), headers: s.as.viewer });
    expect([r.statusCode, json(r).code]).toEqual([400, 'bad-request']);
  });
});

describe('the name check and the glossary\'s entries, on a case written by hand', () => {
  // Two records and a one-line why-chain, each with words a person would have to decide.
  const SCHOOL = 'Date,Agency,Summary,Practitioner\r\n'
    + '01/03/2021,School,Attendance meeting with Zebedee and M,Mrs Okafor\r\n'
    + '02/03/2021,School,Class teacher saw M at Wetherton Park,Mr T. Frost\r\n';
  const WHYS = 'problem P1: The bruise was not seen\n  why c1: Nobody asked Grandad Quarrington about it (practitioner) [evidence: school-3]\n';
  let s: TestServer;
  let review: string;
  let graph: string;
  const url = (rest: string) => `/api/reviews/${review}${rest}`;
  beforeAll(async () => {
    s = await testServer();
    const made = await s.call({ method: 'POST', url: '/api/reviews', headers: s.as.author, payload: { title: 'Child M', terms: { childNames: ['M'] } } });
    review = json(made).id as string;
    s.store.setMember(review, s.ids.investigator, 'investigator');
    s.store.setMember(review, s.ids.viewer, 'viewer');
    const form = multipart([{ field: 'agency', value: 'School' }, { file: 'school.csv', content: SCHOOL }]);
    const upload = await s.call({ method: 'POST', url: url('/files'), payload: form.payload, headers: { ...s.as.author, ...form.headers } });
    const rca = await s.call({ method: 'POST', url: url('/rca'), headers: s.as.author, payload: { title: 'Why the bruise was missed', format: 'whys', source: WHYS } });
    expect([made.statusCode, upload.statusCode, rca.statusCode], upload.body.slice(0, 300)).toEqual([201, 201, 201]);
    graph = (json(rca).graph as { id: string }).id;
  });
  afterAll(async () => { await s.app.close(); });

  it('lists each undecided word with why, how often, and where: a record\'s source, field and id, or the cause analysis', async () => {
    const glossary = await s.call({ method: 'PUT', url: url('/glossary'), headers: s.as.author, payload: { entries: [{ name: 'Zebedee', pseudonym: 'Father' }] } });
    expect(json(glossary)).toEqual({ set: true, entries: [{ name: 'Zebedee', pseudonym: 'Father', kind: 'person' }] });
    // Frost follows a title and its initial (Mr T.); Okafor and Wetherton are not English words
    // (school.csv lines 2 and 3: records school-2 and school-3); Quarrington is in the why-chain's
    // cause c1. Zebedee is the glossary's; Attendance, Class, Park, Nobody and Grandad are English
    // words; M and T are single letters; Mrs and Mr are titles. Sorted by the word.
    const check = await s.call({ method: 'GET', url: url('/glossary/check'), headers: s.as.viewer });
    expect(check.statusCode, check.body).toBe(200);
    expect(json(check)).toEqual({
      glossary: true,
      undecided: [
        { word: 'Frost', why: 'follows a title', count: 1, places: 1, where: [{ place: 'school.csv:3', field: 'practitioner', record: 'school-3' }] },
        { word: 'Okafor', why: 'not an English word', count: 1, places: 1, where: [{ place: 'school.csv:2', field: 'practitioner', record: 'school-2' }] },
        { word: 'Quarrington', why: 'not an English word', count: 1, places: 1, where: [{ place: 'cause analysis "Why the bruise was missed"', field: 'label' }] },
        { word: 'Wetherton', why: 'not an English word', count: 1, places: 1, where: [{ place: 'school.csv:3', field: 'summary', record: 'school-3' }] },
      ],
    });
  });

  it('dismissing a word (not a name) or adding it with a pseudonym takes it off the check; the cause analysis\'s diagram is refused until Quarrington is decided', async () => {
    const whys = () => s.call({ method: 'GET', url: url(`/diagrams/whys?graph=${graph}&anonymise=true`), headers: s.as.viewer });
    expect(codeOf(await whys())).toEqual([422, 'names-undecided', 'glossary: a word in what would be published looks like a person\'s name and is not in the glossary:\n'
      + '  "Quarrington" (not an English word; once: output (label))\n'
      + 'Add each to the glossary with its pseudonym (name,pseudonym), or dismiss it (name,,not a name); nothing was written']);
    const words = async () => (json(await s.call({ method: 'GET', url: url('/glossary/check'), headers: s.as.viewer })).undecided as Array<{ word: string }>).map((w) => w.word);
    expect((await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.author, payload: { name: 'Wetherton', kind: 'not a name' } })).statusCode).toBe(200);
    expect(await words()).toEqual(['Frost', 'Okafor', 'Quarrington']);
    expect((await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.author, payload: { name: 'Quarrington', pseudonym: 'Grandfather' } })).statusCode).toBe(200);
    expect(await words()).toEqual(['Frost', 'Okafor']);
    const drawn = await whys();
    expect(drawn.statusCode, drawn.body.slice(0, 300)).toBe(200);
    expect([drawn.body.includes('Quarrington'), drawn.body.includes('Nobody asked Grandad Grandfather about it')]).toEqual([false, true]);
    // The glossary is kept as CSV text, as the command line reads it.
    expect(json(await s.call({ method: 'GET', url: url('/settings'), headers: s.as.viewer })).glossary)
      .toBe('name,pseudonym,kind\nZebedee,Father,person\nWetherton,,not a name\nQuarrington,Grandfather,person\n');
  });

  it('refuses entries that do not make a glossary, naming the line, and a second entry for a name', async () => {
    const none = await s.call({ method: 'PUT', url: url('/glossary'), headers: s.as.author, payload: { entries: [{ name: 'Okafor' }] } });
    expect(codeOf(none)).toEqual([422, 'glossary-invalid', 'glossary:2: "Okafor" has no pseudonym']);
    const twice = await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.author, payload: { name: 'zebedee', pseudonym: 'Dad' } });
    expect(codeOf(twice)).toEqual([422, 'glossary-invalid', 'glossary:5: "zebedee" is already in the glossary at line 2']);
    const line = await s.call({ method: 'POST', url: url('/glossary/entries'), headers: s.as.author, payload: { name: 'Okafor\nX', pseudonym: 'Teacher' } });
    expect([line.statusCode, json(line).code]).toEqual([400, 'bad-request']);
    const investigator = await s.call({ method: 'PUT', url: url('/glossary'), headers: s.as.investigator, payload: { entries: [] } });
    expect(codeOf(investigator)).toEqual([403, 'forbidden', 'your role on this review (investigator) does not allow this']);
  });

  it('keeps a name with a comma or a quote as it was given (quoted in the CSV), and no entries removes the glossary', async () => {
    const entries = [{ name: 'Okafor, Mrs', pseudonym: 'Teacher "A"', kind: 'person' }, { name: 'Frost', pseudonym: 'Teacher B', kind: 'person' }];
    const put = await s.call({ method: 'PUT', url: url('/glossary'), headers: s.as.author, payload: { entries } });
    expect(json(put)).toEqual({ set: true, entries });
    expect(json(await s.call({ method: 'GET', url: url('/settings'), headers: s.as.viewer })).glossary).toBe('name,pseudonym,kind\n"Okafor, Mrs","Teacher ""A""",person\nFrost,Teacher B,person\n');
    const cleared = await s.call({ method: 'PUT', url: url('/glossary'), headers: s.as.author, payload: { entries: [] } });
    expect(json(cleared)).toEqual({ set: false, entries: [] });
    expect(json(await s.call({ method: 'GET', url: url('/glossary'), headers: s.as.viewer }))).toEqual({ set: false, entries: [] });
  });
});

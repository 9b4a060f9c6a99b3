/**
 * The web app's journeys in a real browser (Debian chromium, playwright-core), against a review
 * server on loopback with the first run done: sign in, create a review, bring files (one broken),
 * fix a mapping, question the timeline, open a finding's records, build a cause analysis with
 * evidence and an action, download a diagram. Every journey fails on any page error, console
 * error (a refused inline style or script included: the CSP is the real one) or failed request;
 * axe-core checks every page for serious violations; screenshots are kept in reports/e2e/.
 * Expected counts come from fixtures/demo/EXPECTED.md (115 data rows, 5 of them unusable).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axe, expectChecked, launch, newPerson, openPage, shot, startServer, type Problems, type Running } from './browser.js';
import { expectOfficeSafe } from '../helpers/svg.js';
import { DEMO_GLOSSARY, namesIn } from '../helpers/names.js';

let s: Running;
let browser: Browser;
const DEMO_DIR = join('fixtures', 'demo');
const DEMO_FILES = ['police.csv', 'csc_case_notes.csv', 'health_visiting.csv', 'gp.csv', 'hospital_ed.csv', 'school.csv'];

beforeAll(async () => {
  s = await startServer();
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.app.close();
});

/** A new person with a one-time link, a member of the demo review when a role is given. */
const person = (name: string, role?: 'author' | 'investigator' | 'viewer', password?: string) => newPerson(s, name, role, password);

/** A new member of the demo review, signed in by their link, with its timeline drawn (one review: it opens straight away). */
async function onDemoTimeline(name: string, role: 'author' | 'investigator' | 'viewer'): Promise<{ page: Page; problems: Problems }> {
  const { link } = person(name, role);
  const opened = await openPage(browser);
  await opened.page.goto(s.url + link);
  await opened.page.waitForSelector('.chart svg');
  return opened;
}

const checked = (page: Page, problems: Problems, name: string) => expectChecked(page, problems, name, { shot, axe });

const countText = (page: Page) => page.locator('.toolbar .count').textContent();

describe('the web app', { timeout: 90_000 }, () => {
  it('the first run\'s link signs the administrator in and opens the demo review\'s timeline; the keyboard zooms and selects', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(s.url + s.signinPath);
    await page.waitForSelector('.chart svg');
    expect(page.url()).toBe(`${s.url}/#/reviews/${s.demo}/timeline`);
    await expect.poll(() => countText(page)).toBe('115 of 115 records shown; 5 with no readable date are in the table only.');
    await checked(page, problems, 'timeline-demo');
    // The axis: plus zooms in (its ticks change), Home shows it all again.
    const ticks = () => page.locator('.chart svg g[aria-hidden] text, .chart svg text').allTextContents();
    const whole = await ticks();
    await page.locator('.chart').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(ticks).not.toEqual(whole);
    await page.keyboard.press('Home');
    await expect.poll(ticks).toEqual(whole);
    // Shift-drag across a stretch of the axis looks at that period alone.
    const box = (await page.locator('.chart svg').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + 400, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 520, box.y + 60, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(ticks).not.toEqual(whole);
    await page.locator('.chart').focus();
    await page.keyboard.press('Home');
    await expect.poll(ticks).toEqual(whole);
    // Hovering a record shows its date as written, its agency and its summary.
    const dot = page.locator('.chart svg circle').first();
    const at = (await dot.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await expect.poll(() => page.locator('.tip').isVisible()).toBe(true);
    expect(await page.locator('.tip strong').textContent()).toMatch(/^\S.* · (Children's Social Care|GP|Health Visiting|Northmoor Hospital ED|Police|School)$/);
    await page.mouse.move(5, 5);
    // Down selects the first record of the merged order: the panel and the table show it.
    await page.keyboard.press('ArrowDown');
    const first = await page.locator('.grid tbody tr[data-id]').first().getAttribute('data-id');
    await expect.poll(() => page.locator('#panel-title').textContent()).toBe(`Record ${first}`);
    expect(await page.locator(`.grid tr[data-id="${first}"]`).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.ring').isHidden()).toBe(false);
    // The demo cause analysis, drawn by the engine (6 root causes, 7 paths: tests/rca counts them by hand).
    await page.getByRole('link', { name: 'Cause analysis' }).click();
    await page.locator('.rca-figure img').waitFor();
    await expect.poll(() => page.locator('.rca-report > p').first().textContent()).toMatch(/: 6 root causes, 7 paths, /);
    await checked(page, problems, 'rca-demo');
    // The reviews page asks for a password after a link sign-in.
    await page.getByRole('link', { name: 'throughline' }).click();
    await page.getByRole('heading', { name: 'Set a password' }).waitFor();
    await checked(page, problems, 'reviews');
  });

  it('signs in with a password; a wrong one is refused on the page', async () => {
    person('pat', 'viewer', 'a long enough password');
    const { page, problems } = await openPage(browser);
    await page.goto(`${s.url}/`);
    await page.getByLabel('Username').fill('pat');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/username or password/i);
    // A refused sign-in is a 401 the page handles: the browser reports the failed fetch itself.
    problems.list = problems.list.filter((p) => !/401/.test(p));
    await checked(page, problems, 'signin');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A member of one review goes straight to it.
    await page.waitForSelector('.chart svg');
    expect(page.url()).toBe(`${s.url}/#/reviews/${s.demo}/timeline`);
    expect(await page.locator('.terms').textContent()).toMatch(/your role: viewer$/);
    // A viewer is offered no upload and no tags.
    await page.getByRole('link', { name: 'Files', exact: true }).click();
    await page.getByRole('heading', { name: '6 agency files' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Bring the files' }).count()).toBe(0);
    expect(problems.list).toEqual([]);
  });

  it('creates a review, brings the demo files and a broken one (its bad row shown at its line), refuses a binary, and fixes a date order with a preview', async () => {
    const { link } = person('ann');
    const { page, problems } = await openPage(browser);
    await page.goto(s.url + link);
    await page.getByLabel('Title').fill('Child M');
    await page.getByLabel('Child\'s names').fill('M, Millie');
    await page.getByLabel('Scope from').fill('01/01/2021');
    await page.getByRole('button', { name: 'Create review' }).click();
    await page.getByRole('heading', { name: 'Bring the files' }).waitFor();
    await checked(page, problems, 'files-empty');
    const broken = 'Date,Details,Worker\n03/04/2021,Home visit,SW1\n31/02/2021,Visit with a date that does not exist,SW1\n05/06/2021,Case closed,SW2\n';
    await page.locator('#upload-input').setInputFiles([
      ...DEMO_FILES.map((f) => ({ name: f, mimeType: 'text/csv', buffer: readFileSync(join(DEMO_DIR, f)) })),
      { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) },
    ]);
    await page.getByRole('heading', { name: '7 agency files' }).waitFor({ timeout: 30_000 });
    const card = page.locator('section.file', { has: page.getByRole('heading', { name: 'broken.csv' }) });
    const row = card.locator('table.issues tbody tr', { hasText: '31/02/2021' });
    expect(await row.locator('td').first().textContent()).toBe('3');
    expect(await row.locator('td.cells').textContent()).toBe('31/02/2021 | Visit with a date that does not exist | SW1');
    await checked(page, problems, 'files-uploaded');
    // A binary renamed .csv is refused with its reason, and not stored.
    await page.locator('#upload-input').setInputFiles([{ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]) }]);
    await expect.poll(() => page.locator('.upload-status').textContent()).toMatch(/^Not uploaded: /);
    problems.list = problems.list.filter((p) => !/422/.test(p));
    expect(await page.getByRole('heading', { name: '7 agency files' }).count()).toBe(1);
    // The date order: 03/04/2021 is read day-first (3 April); month-first previews it as 4 March, then applies.
    await card.getByText('Fix the column mapping or the date order').click();
    expect(await card.locator('table.preview').first().locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('03/04/2021');
    await card.getByLabel('Date order').selectOption('month-first');
    await expect.poll(() => card.locator('.after table.preview tbody tr').first().locator('td').nth(1).textContent()).toBe('04/03/2021');
    await card.getByRole('button', { name: 'Apply to this file' }).click();
    await expect.poll(() => page.locator('section.file', { has: page.getByRole('heading', { name: 'broken.csv' }) }).locator('dl.report').textContent()).toContain('month-first (forced)');
    expect(problems.list).toEqual([]);
  });

  it('filters the timeline by text and agency, and follows a linked group from the record panel', async () => {
    const { page, problems } = await onDemoTimeline('tim', 'viewer');
    // "Operation Encompass" is written in 5 police records (their Action Taken) and 6 school ones (grep of the files).
    await page.getByLabel('Text').fill('operation encompass');
    await expect.poll(() => countText(page)).toBe('11 of 115 records shown.');
    expect(await page.locator('.grid tbody tr[data-id]').count()).toBe(11);
    expect(new Set(await page.locator('.grid tbody tr[data-id] td:nth-child(2)').allTextContents())).toEqual(new Set(['Police', 'School']));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => countText(page)).toMatch(/^115 of 115/);
    await page.getByLabel('School').uncheck();
    // school.csv holds 21 data rows, one unusable (EXPECTED.md): 94 left, 4 of them undated.
    await expect.poll(() => countText(page)).toBe('94 of 115 records shown; 4 with no readable date are in the table only.');
    await page.getByLabel('School').check();
    // A record in a linked group: its panel lists the others; choosing one selects it everywhere.
    const linked = page.locator('.grid tbody tr[data-id]').filter({ has: page.locator('td:nth-child(6):not(:empty)') }).first();
    const id = await linked.getAttribute('data-id');
    await linked.click();
    await expect.poll(() => page.locator('#panel-title').textContent()).toBe(`Record ${id}`);
    const other = page.locator('.panel .links button').first();
    const otherId = await other.textContent();
    expect(otherId).not.toBe(id);
    await other.click();
    await expect.poll(() => page.locator('#panel-title').textContent()).toBe(`Record ${otherId}`);
    expect(await page.locator(`.grid tr[data-id="${otherId}"]`).getAttribute('aria-selected')).toBe('true');
    await checked(page, problems, 'timeline-linked');
  });

  it('opens a finding\'s records in the timeline from the analysis', async () => {
    const { page, problems } = await onDemoTimeline('fay', 'investigator');
    await page.getByRole('link', { name: 'Analysis', exact: true }).click();
    await page.getByRole('heading', { name: 'Patterns' }).waitFor();
    await checked(page, problems, 'analysis');
    const pattern = page.locator('section[aria-labelledby="h-patterns"] tbody tr').first();
    const title = await pattern.locator('td').first().textContent();
    const open = pattern.getByRole('button');
    const n = Number((await open.textContent())!.match(/\d+/)![0]);
    expect(n).toBeGreaterThan(1);
    await open.click();
    await page.waitForSelector('.chart svg');
    expect(await page.locator('.focus-banner').textContent()).toBe(`Showing the ${n} records of: ${title}. Show all records`);
    await expect.poll(() => countText(page)).toMatch(new RegExp(`^${n} of 115 records shown`));
    await page.getByRole('button', { name: 'Show all records' }).click();
    await expect.poll(() => countText(page)).toMatch(/^115 of 115/);
    // One click tags a record; the analysis counts it. The demo has 10 good practice and 29 missed
    // opportunities (EXPECTED.md), and police-15 is neither (the API test tags it the same way).
    for (const agency of ["Children's Social Care", 'GP', 'Health Visiting', 'Northmoor Hospital ED', 'School']) await page.getByLabel(agency).uncheck();
    await page.locator('.grid tbody tr[data-id="police-15"]').click();
    await page.getByRole('button', { name: 'Good practice' }).click();
    await expect.poll(() => page.locator('.panel [role="status"]').textContent()).toBe('police-15 tagged good practice.');
    await page.getByRole('link', { name: 'Analysis', exact: true }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="h-balance"] > p').textContent()).toMatch(/^11 good practice, 29 missed opportunities/);
    expect(problems.list).toEqual([]);
  });

  it('sees the chronology as an agency could know it at one of its decisions, from what each agency knew', async () => {
    const { page, problems } = await onDemoTimeline('gus', 'viewer');
    await page.getByRole('link', { name: 'Analysis', exact: true }).click();
    await page.getByRole('heading', { name: 'What each agency knew' }).waitFor();
    await checked(page, problems, 'analysis-knowledge');
    // Children's Social Care's first decision: the MASH "no further action" of 16/03/2021
    // (csc_case_notes.csv:7). By then it had its own record of that day (its 2021 note is dated
    // only to the year, not yet over) and the police call-out of 14/03, whose PPN was to CSC.
    const row = page.locator('section[aria-labelledby="h-knowledge"] tbody tr', { hasText: 'csc-case-notes-7 (' });
    expect(await row.locator('td').nth(4).textContent()).toBe('1');
    await row.getByRole('button', { name: "See it as Children's Social Care could know it" }).click();
    await page.waitForSelector('.chart svg');
    await expect.poll(() => page.locator('.known-by').textContent()).toBe(
      "Seen as Children's Social Care could know it on 16/03/2021 (no further action, csc-case-notes-7): 2 records its own or shown by the records to be known to it by then "
      + 'are drawn as usual; the others are hollow and grey. Show the chronology whole');
    expect(await page.locator('.chart g[fill="white"][stroke="#8c8c8c"] circle').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.panel .decision h3').textContent()).toBe("Decision: no further action (Children's Social Care)");
    await checked(page, problems, 'timeline-as-known');
    await page.getByRole('button', { name: 'Show the chronology whole' }).click();
    await expect.poll(() => page.locator('.known-by').count()).toBe(0);
    expect(await page.locator('.chart g[fill="white"][stroke="#8c8c8c"] circle').count()).toBe(0);
  });

  it('builds a cause analysis: cites the record selected in the timeline as evidence, adds an action, and the checks change as it goes', async () => {
    const { page, problems } = await onDemoTimeline('ivy', 'investigator');
    const record = page.locator('.grid tbody tr[data-id]').nth(3);
    const id = await record.getAttribute('data-id');
    await record.click();
    await page.getByRole('link', { name: 'Cause analysis' }).click();
    await page.getByLabel('New cause analysis').fill('Why was the injury not foreseen?');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('#rca-pick').inputValue()).not.toBe('');
    const editor = page.locator('#rca-source');
    await expect.poll(() => editor.inputValue()).toContain('why: A first cause');
    const heading = (name: string) => page.locator('.rca-report h4', { hasText: name }).textContent();
    await expect.poll(() => heading('Causes without evidence')).toBe('Causes without evidence (unconfirmed) (1)');
    await expect.poll(() => heading('Root causes without an action')).toBe('Root causes without an action (1)');
    await checked(page, problems, 'rca-new');
    // The cursor on the why line (line 2): cite, then an action under it.
    await editor.evaluate((el: HTMLTextAreaElement) => { const at = el.value.indexOf('why:'); el.setSelectionRange(at, at); });
    await page.getByRole('button', { name: `Cite ${id} on the cursor's line` }).click();
    await expect.poll(() => editor.inputValue()).toContain(`[evidence: ${id}]`);
    await expect.poll(() => heading('Causes without evidence')).toBe('Causes without evidence (unconfirmed) (0)');
    await editor.evaluate((el: HTMLTextAreaElement) => { const at = el.value.indexOf('why:'); el.setSelectionRange(at, at); });
    await page.getByLabel('Action').fill('Share every call-out with health visiting');
    await page.getByLabel('Owner').fill('Police');
    await page.getByLabel('Due').fill('31/03/2027');
    await page.getByLabel('Strength').selectOption('intermediate');
    await page.getByRole('button', { name: 'Add under the cursor\'s cause' }).click();
    await expect.poll(() => editor.inputValue()).toContain('    !action: Share every call-out with health visiting {owner: Police, due: 31/03/2027, strength: intermediate}');
    await expect.poll(() => heading('Root causes without an action')).toBe('Root causes without an action (0)');
    // The live diagram is the engine's drawing of the text as typed.
    await expect.poll(() => page.locator('.rca-figure img').getAttribute('alt')).toMatch(/^Cause graph of "Why was the injury not foreseen\?"/);
    await page.getByLabel('Note for this version').fill('evidence and an action');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect.poll(() => page.locator('.history li').allTextContents()).toHaveLength(2);
    expect((await page.locator('.history li').nth(1).textContent())!).toMatch(/^Version 2, ivy, .*: evidence and an action $/);
    await checked(page, problems, 'rca-saved');
  });

  it('downloads a diagram as the engine\'s Office-safe SVG, the same bytes the API serves', async () => {
    const { page, problems } = await onDemoTimeline('dan', 'viewer');
    await page.getByRole('link', { name: 'Downloads' }).click();
    await page.getByRole('heading', { name: 'For the overview report' }).waitFor();
    await checked(page, problems, 'downloads');
    await page.getByLabel('Width').selectOption('257');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('li', { hasText: 'Involvement heatmap' }).getByRole('link', { name: 'SVG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('heatmap.svg');
    const svg = readFileSync((await download.path())!, 'utf8');
    expectOfficeSafe(svg);
    const api = await page.request.get(`${s.url}/api/reviews/${s.demo}/diagrams/heatmap?format=svg&widthMm=257`);
    expect(svg).toBe(await api.text());
    // The width chosen is the one drawn: not the default 170 mm.
    expect(svg).not.toBe(await (await page.request.get(`${s.url}/api/reviews/${s.demo}/diagrams/heatmap?format=svg`)).text());
    expect(problems.list).toEqual([]);
  });
  it('adds a key practice episode of its own, edits it in place, and removes it', async () => {
    const { page, problems } = await onDemoTimeline('kit', 'investigator');
    await page.getByRole('link', { name: 'Analysis', exact: true }).click();
    await page.getByRole('heading', { name: 'Key practice episodes' }).waitFor();
    const mine = page.locator('section[aria-labelledby="h-episodes"] tbody tr', { hasText: 'Injury and the strategy discussion' });
    const form = page.getByRole('form', { name: 'Your episode' });
    await form.getByLabel('Title').fill('Injury and the strategy discussion');
    await form.getByLabel('From').fill('21/05/2021');
    await form.getByLabel('To').fill('15/06/2021');
    await page.getByRole('button', { name: 'Add episode' }).click();
    // The demo's records from 21/05/2021 to 15/06/2021: 14 (EXPECTED.md, the first suggested episode's window).
    await expect.poll(() => mine.locator('td').allTextContents()).toEqual(
      ['Injury and the strategy discussion', '21/05/2021', '15/06/2021', expect.any(String), 'user', 'Open 14 records', 'Edit Remove']);
    await mine.getByRole('button', { name: 'Edit episode "Injury and the strategy discussion"' }).click();
    expect([await form.getByLabel('Title').inputValue(), await form.getByLabel('From').inputValue(), await form.getByLabel('To').inputValue()])
      .toEqual(['Injury and the strategy discussion', '21/05/2021', '15/06/2021']);
    await checked(page, problems, 'analysis-episode-edit');
    await form.getByLabel('To').fill('31/05/2021');
    await page.getByRole('button', { name: 'Save episode' }).click();
    // Changed in place, not added beside: to 31/05/2021 the records are health-visiting-5 (21/05),
    // police-15 (30/05) and hospital-ed-4 (31/05 00:50), read from the files.
    await expect.poll(() => mine.locator('td').allTextContents()).toEqual(
      ['Injury and the strategy discussion', '21/05/2021', '31/05/2021', 'Health Visiting, Northmoor Hospital ED, Police', 'user', 'Open 3 records', 'Edit Remove']);
    expect(await mine.count()).toBe(1);
    await mine.getByRole('button', { name: 'Remove episode "Injury and the strategy discussion"' }).click();
    await expect.poll(() => mine.count()).toBe(0);
    expect(problems.list).toEqual([]);
  });

  it('holds a Salford case discussion with a fact cited from the timeline, then records a finding and a recommendation and moves its status on', async () => {
    const { page, problems } = await onDemoTimeline('sal', 'investigator');
    const record = page.locator('.grid tbody tr[data-id]').nth(3);
    const id = (await record.getAttribute('data-id'))!;
    await record.click();
    await page.getByRole('link', { name: 'Case discussion', exact: true }).click();
    await page.getByRole('heading', { name: 'Salford case discussion' }).waitFor();
    // The five stages side by side, the defaults' labels.
    expect(await page.locator('.stages h3').allTextContents()).toEqual(['1. The facts', '2. Initial thoughts and feelings', '3. Hypotheses', '4. Simple root cause analysis', '5. What needs to happen next']);
    await page.getByRole('button', { name: 'Cite the record selected in the timeline' }).click();
    await expect.poll(() => page.locator('#salford-facts').inputValue()).toBe(id);
    await expect.poll(() => page.locator('ul.facts li').first().textContent()).toMatch(new RegExp(`\\(${id}\\)$`));
    await page.locator('#salford-facts-well').fill('The GP referred the same day');
    await page.locator('#salford-facts-worried').fill('Three weeks to a strategy discussion');
    await page.locator('#salford-hypotheses-well').fill('The school noticed the change in L');
    await page.getByLabel('The problem (the trunk)').fill('Head injury not prevented');
    await page.getByLabel('Cause analysis the roots belong to').selectOption({ index: 1 });
    await page.getByLabel(/^Root causes \(the roots/).fill('No shared chronology [cause: c3]\nCaseloads');
    await page.getByLabel(/^Actions \(one a line/).fill('Keep one chronology [roots: r1] [owner: Partnership] [due: 31/03/2027]');
    await page.getByRole('button', { name: 'Save the discussion' }).click();
    await expect.poll(() => page.locator('#salford-status').textContent()).toBe('Saved.');
    // c3 is a cause of the demo RCA; r2 has no action; the hypotheses stage has one side only.
    await expect.poll(() => page.locator('#salford-issues li').allTextContents()).toEqual([
      'What needs to happen next: root r2 has no action aimed at it',
      'Hypotheses: only "what worked well" is written; the tool keeps both sides']);
    await checked(page, problems, 'salford');
    await page.reload();
    await page.getByRole('heading', { name: 'Salford case discussion' }).waitFor();
    expect([await page.locator('#salford-facts').inputValue(), await page.locator('#salford-facts-worried').inputValue()]).toEqual([id, 'Three weeks to a strategy discussion']);

    await page.getByRole('link', { name: 'Findings', exact: true }).click();
    await page.getByRole('heading', { name: 'Findings and recommendations' }).waitFor();
    await page.getByLabel('Cause analysis the causes belong to').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add a finding' }).click();
    await page.getByLabel('Title').fill('No agency held the whole picture');
    await page.getByLabel('Evidence: records (ids)').fill(id);
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    await page.getByLabel('What is recommended').fill('One multi-agency chronology from the first referral');
    await page.getByLabel('Owner agency').fill('Partnership');
    await page.getByLabel('Measure of success').fill('An audit of 20 cases a year finds one in each');
    await page.getByLabel('Due', { exact: true }).fill('31/03/2027');
    await page.getByLabel('Root causes addressed (ids)').fill('c3');
    await page.getByLabel('Strength (RCA2)').selectOption('stronger');
    await page.getByRole('button', { name: 'Save findings and recommendations' }).click();
    await expect.poll(() => page.locator('#findings-status').textContent()).toBe('Saved.');
    await expect.poll(() => page.locator('h4', { hasText: 'Recommendation R1' }).textContent()).toBe('Recommendation R1 (open)');
    // The demo RCA's other root causes have no recommendation: c10, c13, c14, c5, c7.
    await expect.poll(() => page.locator('#findings-issues li').allTextContents()).toEqual(['c10', 'c13', 'c14', 'c5', 'c7'].map((c) => `root cause ${c} has no recommendation aimed at it`));
    await page.getByLabel('New status').selectOption('evidenced');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect.poll(() => page.locator('#findings-status').textContent()).toBe('recommendation R1: say what evidences its implementation');
    // The refusal is a 422 the page shows: the browser reports the failed fetch itself.
    expect(problems.list).toEqual(['console error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)']);
    problems.list = [];
    await page.getByLabel('Why (for evidenced: what the evidence is)').fill('Audit of March 2027: 20 of 20');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect.poll(() => page.locator('#findings-status').textContent()).toBe('R1 is now evidenced.');
    expect(await page.locator('table', { hasText: 'Status history of R1' }).locator('tbody tr td:first-child').allTextContents()).toEqual(['open', 'evidenced']);
    await checked(page, problems, 'findings');
  });

  it('weighs the review models as questions are answered, and records the model chosen and why; a viewer sees the advice but cannot choose', async () => {
    const { page, problems } = await onDemoTimeline('noor', 'author');
    await page.getByRole('link', { name: 'Review model', exact: true }).click();
    await page.getByRole('heading', { name: 'Choosing the review model' }).waitFor();
    // The demo's terms name RCA, chosen by the first run; no question is answered yet.
    await expect.poll(() => page.locator('#model-chosen').textContent()).toBe('Chosen: Root Cause Analysis (RCA). Why: The bundled demonstration: a fictional case to try every part of throughline on.');
    await expect.poll(() => page.locator('#model-advice > p').textContent()).toBe('13 of 13 questions not answered; an answer could change the advice.');
    await page.getByLabel('How many agencies were involved with the child and family?').fill('6');
    for (const q of ['Are there demonstrably serious concerns about the conduct of agencies or about inter-agency working?', 'Is the case likely to highlight national lessons about safeguarding practice?', 'Does the review need to be independent of the agencies involved?']) {
      await page.getByRole('group', { name: q }).getByLabel('Yes').check();
    }
    // By hand (tests/review/models.test.ts): the traditional review 3 reasons for, Salford (6
    // agencies) and peer review (independence) 1 each; the reflective session ruled out by independence.
    await expect.poll(() => page.locator('#model-advice h2').allTextContents()).toEqual(['Recommended (3)', 'Not indicated by the answers so far (4)', 'Not advised (1)']);
    expect(await page.locator('#model-advice h3').allTextContents()).toEqual([
      'Traditional Child Safeguarding Review model (previously Serious Case Reviews)', 'Salford Case Discussion Tool (can be used within any other model)', 'Peer review approach',
      'Appreciative Inquiry (AI) (can be used within any other model)', 'Individual Agency Review', 'Multi-agency audits (SSCP)', 'Root Cause Analysis (RCA)',
      'Reflective Learning Session or multi-agency practitioner events']);
    await checked(page, problems, 'review-model');
    const cspr = page.getByRole('region', { name: 'Traditional Child Safeguarding Review model (previously Serious Case Reviews)' });
    await cspr.getByLabel('Why Traditional Child Safeguarding Review model (previously Serious Case Reviews)').fill('Serious concerns about six agencies; national lessons');
    await cspr.getByRole('button', { name: 'Choose this model' }).click();
    await expect.poll(() => page.locator('#model-chosen').textContent()).toBe('Chosen: Traditional Child Safeguarding Review model (previously Serious Case Reviews). Why: Serious concerns about six agencies; national lessons');
    // Kept in the review's terms, with the answers: the page opened again shows both.
    await page.reload();
    await page.getByRole('heading', { name: 'Choosing the review model' }).waitFor();
    await expect.poll(() => page.locator('.review-head .terms').textContent()).toContain('model: Traditional Child Safeguarding Review model (previously Serious Case Reviews)');
    expect(await page.getByLabel('How many agencies were involved with the child and family?').inputValue()).toBe('6');
    expect(await page.getByRole('group', { name: 'Is the case likely to highlight national lessons about safeguarding practice?' }).getByLabel('Yes').isChecked()).toBe(true);
    expect(problems.list).toEqual([]);

    const viewer = await onDemoTimeline('vic', 'viewer');
    await viewer.page.getByRole('link', { name: 'Review model', exact: true }).click();
    await expect.poll(() => viewer.page.locator('#model-advice h2').allTextContents()).toEqual(['Recommended (3)', 'Not indicated by the answers so far (4)', 'Not advised (1)']);
    expect(await viewer.page.getByRole('button', { name: 'Choose this model' }).count()).toBe(0);
    expect(viewer.problems.list).toEqual([]);
  });

  it('switches the review between personalised and anonymised: refused while a word is undecided, decided and edited on the Glossary tab, then the timeline shows pseudonyms, not names', async () => {
    const { page, problems } = await onDemoTimeline('gwen', 'author');
    // The demo glossary (77 entries) without its "Amoxicillin,,not a name" line: gp.csv line 10 writes "Amoxicillin.".
    const glossary = readFileSync(DEMO_GLOSSARY, 'utf8').split('\n').filter((l) => !l.startsWith('Amoxicillin,')).join('\n');
    expect((await page.request.put(`${s.url}/api/reviews/${s.demo}/settings/glossary`, { data: { value: glossary } })).status()).toBe(200);
    // gp-2 (gp.csv line 2) is the one record that writes "things difficult at home".
    const gp2 = page.locator('.grid tbody tr[data-id="gp-2"] td.summary');
    await page.getByLabel('Text').fill('things difficult at home');
    await expect.poll(() => countText(page)).toBe('1 of 115 records shown.');
    expect(await gp2.textContent()).toBe('Kerry (mother): low mood, poor sleep, \'things difficult at home\' – not explored further.');

    // Anonymised is refused: the page says why and stays personalised (a click: the switch does not stay checked).
    await page.getByLabel('Anonymised', { exact: true }).click();
    const refusal = page.locator('.review-head .refusal');
    await refusal.waitFor();
    expect(await refusal.locator('p').first().textContent()).toBe('The anonymised view was refused, so the page stays personalised.');
    expect(await refusal.locator('.message').textContent()).toBe('glossary: a word in what would be published looks like a person\'s name and is not in the glossary:\n'
      + '  "Amoxicillin" (not an English word; once: gp.csv:10 (outcome))\n'
      + 'Add each to the glossary with its pseudonym (name,pseudonym), or dismiss it (name,,not a name); nothing was written');
    expect([await page.getByLabel('Personalised', { exact: true }).isChecked(), await page.getByLabel('Anonymised', { exact: true }).isChecked()]).toEqual([true, false]);
    await page.waitForSelector('.chart svg');
    expect(await gp2.textContent()).toMatch(/^Kerry \(mother\): /);
    problems.list = problems.list.filter((p) => !/422/.test(p));
    await checked(page, problems, 'anonymise-refused');

    // The Glossary tab lists the word where it is written; "Not a name" dismisses it.
    await refusal.getByRole('link', { name: 'Decide these words on the Glossary tab' }).click();
    const amoxicillin = page.locator('ul.undecided li[data-word="Amoxicillin"]');
    await amoxicillin.waitFor();
    expect(await page.locator('table.glossary caption').textContent()).toBe('Entries (76)');
    expect(await amoxicillin.locator('.places').textContent()).toBe('gp.csv:10 (outcome), record gp-10');
    await checked(page, problems, 'glossary');
    await amoxicillin.getByRole('button', { name: 'Not a name: Amoxicillin' }).click();
    await expect.poll(() => page.locator('.done').textContent()).toBe('"Amoxicillin" is dismissed: not a name.');
    expect(await page.locator('table.glossary caption').textContent()).toBe('Entries (77)');
    await expect.poll(() => page.locator('.name-check p[role="status"]').last().textContent()).not.toBe('Checking the review for words that look like names…');
    expect(await page.locator('ul.undecided li[data-word="Amoxicillin"]').count()).toBe(0);
    // An entry edited in place and saved: Kerry (the third entry, after Lacey and Kerry Brennan) is "Mum" from now on.
    await page.getByLabel('Pseudonym or meaning, entry 3', { exact: true }).fill('Mum');
    await page.getByRole('button', { name: 'Save glossary' }).click();
    await expect.poll(() => page.locator('.done').textContent()).toBe('The glossary is saved: 77 entries.');
    expect([await page.getByLabel('Name, entry 3', { exact: true }).inputValue(), await page.getByLabel('Pseudonym or meaning, entry 3', { exact: true }).inputValue()]).toEqual(['Kerry', 'Mum']);

    // Anonymised now: the record names Kerry by her pseudonym, and no record shown names anyone in the glossary.
    await page.getByLabel('Anonymised', { exact: true }).click();
    await expect.poll(() => page.getByLabel('Anonymised', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    await page.waitForSelector('.chart svg');
    await expect.poll(() => countText(page)).toBe('1 of 115 records shown.');
    expect(await gp2.textContent()).toBe('Mum (mother): low mood, poor sleep, \'things difficult at home\' – not explored further.');
    expect(await page.locator('.review-head .terms').textContent()).toContain('child\'s names hidden');
    // The title is the author's own words (it may name the child): not shown anonymised.
    expect(await page.locator('.review-head h1').textContent()).toBe('This review, anonymised');
    expect(await page.title()).toBe('Timeline · anonymised review · throughline');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => countText(page)).toBe('115 of 115 records shown; 5 with no readable date are in the table only.');
    expect(namesIn((await page.locator('.grid tbody').textContent())!)).toEqual([]);
    await checked(page, problems, 'timeline-anonymised');

    // And back: the working view names them again.
    await page.getByLabel('Personalised', { exact: true }).click();
    await page.waitForSelector('.chart svg');
    await expect.poll(() => page.getByLabel('Personalised', { exact: true }).isChecked()).toBe(true);
    await page.getByLabel('Text').fill('things difficult at home');
    await expect.poll(() => countText(page)).toBe('1 of 115 records shown.');
    expect(await gp2.textContent()).toBe('Kerry (mother): low mood, poor sleep, \'things difficult at home\' – not explored further.');
    expect(await page.locator('.review-head h1').textContent()).not.toBe('This review, anonymised');
    expect(problems.list).toEqual([]);
    // The demo review as it was: no glossary.
    expect((await page.request.put(`${s.url}/api/reviews/${s.demo}/settings/glossary`, { data: { value: null } })).status()).toBe(200);
  });
});

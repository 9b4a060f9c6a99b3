/**
 * `npm run score`: throughline's judgement on cases it was not written for. Every folder of
 * fixtures/cases with an answer-key.json (the format is fixtures/cases/ANSWER-KEY.md) is ingested,
 * merged and analysed as a reviewer would run it (the key's scope, child's names and agencies),
 * and each answer is compared with the key:
 *
 *   npm run score               # the table (Markdown), as the README shows it
 *   npm run score -- --verbose  # and, per case, every miss and every false answer
 *
 * A score, not a test: it exits 0 whatever it finds (a file it cannot read is reported as such).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyse, DEFAULT_RULES, ingest, isThroughlineError, merge, parseScope, type AgencyChronology, type Analysis, type ChronologyEvent, type Timeline } from '../src/index.js';

/** dist/bench/score.js → the repository root. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = join(ROOT, 'fixtures', 'cases');

interface KeyRow { start: string; end?: string; precision: string }
interface AnswerKey {
  case: string;
  title: string;
  scope?: { from?: string; to?: string };
  child?: { names?: string[]; dateOfBirth?: string };
  files: Record<string, { agency: string; agencyOption?: boolean; headerLine?: number; dataRows?: number; unusable?: number[]; rows: Record<string, KeyRow> }>;
  sameEvent?: Array<{ what?: string; records: string[] }>;
  notSameEvent?: Array<{ why?: string; records: string[] }>;
  refersTo?: Array<{ from: string; to: string[]; why?: string }>;
  findings?: {
    repeatEdAttendances?: string[];
    missedAppointments?: string[];
    domesticAbuseCallouts?: string[];
    longestNotSeen?: { from: string; to: string; days: number };
  };
}

/** What one case scored: each a count found of a count expected, and the false answers. */
interface Score {
  case: string;
  files: [number, number];
  dated: [number, number];
  unusable: [number, number];
  falseUnusable: number;
  sameEvent: [number, number];
  falseSameEvent: number;
  refersTo: [number, number];
  falseRefersTo: number;
  findings: Record<string, [number, number, number]>;
  longestNotSeen: string;
  /** What each agency knew, when the case has a knowledge-key.json. */
  knowledge?: KnowledgeScore;
  misses: string[];
}

/** A case's knowledge-key.json (fixtures/cases/ANSWER-KEY.md): written by hand from the records. */
interface KnowledgeKey {
  incidents: Array<{ record: string; records: string[] }>;
  learned: Array<{ incident: string; agency: string; how: string; record: string; date: string; precision?: string }>;
  decisions: Array<{ record: string; agency: string; kind: string; date: string }>;
}

interface KnowledgeScore {
  incidents: [number, number, number];
  decisions: [number, number, number];
  /** Decisions found whose kind is the key's. */
  decisionKinds: number;
  /** (incident, agency) facts found, of those the key has, and extra; and of those found, how many on the key's day. */
  learned: [number, number, number];
  learnedOnDay: number;
}

/** The key's name for each agency the engine named (the agency of each file, as the key gives it). */
function agencyNames(timeline: Timeline, key: AnswerKey): (agency: string) => string {
  const names = new Map<string, string>();
  for (const e of timeline.events) if (!names.has(e.agency) && key.files[e.source.file]) names.set(e.agency, key.files[e.source.file]!.agency);
  return (agency) => names.get(agency) ?? agency;
}

/** Scores `knowledge` against the key: decisions by record, facts by incident and agency, and their days. */
function scoreKnowledge(key: KnowledgeKey, analysis: Analysis, idToRef: ReadonlyMap<string, string>, nameOf: (agency: string) => string, misses: string[]): KnowledgeScore {
  const k = { ...analysis.knowledge, learned: analysis.knowledge.learned.map((f) => ({ ...f, agency: nameOf(f.agency) })) };
  // An incident is matched by any of its records: the key names its earliest, the engine its first.
  const incidentOfRef = new Map<string, string>();
  for (const i of k.incidents) for (const id of i.events) incidentOfRef.set(idToRef.get(id)!, i.id);
  const keyIncident = new Map<string, string | undefined>(key.incidents.map((i) => [i.record, [i.record, ...i.records].map((r) => incidentOfRef.get(r)).find((x) => x !== undefined)]));
  const foundIncidents = [...keyIncident.values()].filter((x) => x !== undefined).length;
  for (const [r, x] of keyIncident) if (x === undefined) misses.push(`incident missed: ${r}`);
  const matched = new Set(keyIncident.values());
  const extraIncidents = k.incidents.filter((i) => !matched.has(i.id));
  for (const i of extraIncidents) misses.push(`incident not in the key: ${idToRef.get(i.id)}`);

  const wantDecisions = new Map(key.decisions.map((d) => [d.record, d]));
  const gotDecisions = new Map(k.decisions.map((d) => [idToRef.get(d.event)!, d]));
  let decisions = 0;
  let kinds = 0;
  for (const [r, d] of wantDecisions) {
    const got = gotDecisions.get(r);
    if (got === undefined) { misses.push(`decision missed: ${r} (${d.kind})`); continue; }
    decisions++;
    if (got.kind === d.kind) kinds++; else misses.push(`decision ${r}: kind ${got.kind}, key ${d.kind}`);
  }
  const extraDecisions = [...gotDecisions.keys()].filter((r) => !wantDecisions.has(r));
  for (const r of extraDecisions) misses.push(`decision not in the key: ${r} (${gotDecisions.get(r)!.kind})`);

  const got = new Map(k.learned.map((f) => [`${f.incident}\u0000${f.agency}`, f]));
  const wanted = new Set<string>();
  let learned = 0;
  let onDay = 0;
  for (const f of key.learned) {
    const incident = keyIncident.get(f.incident);
    const at = `${incident}\u0000${f.agency}`;
    wanted.add(at);
    const g = incident === undefined ? undefined : got.get(at);
    if (g === undefined) { misses.push(`knew missed: ${f.agency} of ${f.incident} (${f.how} by ${f.record} on ${f.date})`); continue; }
    learned++;
    if (g.by === f.date || (!g.exact && f.precision !== undefined)) onDay++;
    else misses.push(`knew ${f.agency} of ${f.incident}: by ${g.by} (${g.how}, ${idToRef.get(g.record)}), key ${f.date} (${f.how}, ${f.record})`);
  }
  const extraLearned = k.learned.filter((f) => matched.has(f.incident) && !wanted.has(`${f.incident}\u0000${f.agency}`));
  for (const f of extraLearned) misses.push(`knew, not in the key: ${f.agency} of ${idToRef.get(f.incident)} (${f.how}, ${idToRef.get(f.record)} on ${f.by})`);
  return {
    incidents: [foundIncidents, key.incidents.length, extraIncidents.length], decisions: [decisions, wantDecisions.size, extraDecisions.length],
    decisionKinds: kinds, learned: [learned, key.learned.length, extraLearned.length], learnedOnDay: onDay,
  };
}

type PatternFinding = 'repeatEdAttendances' | 'missedAppointments' | 'domesticAbuseCallouts';
const PATTERN_OF: Record<PatternFinding, string> = {
  repeatEdAttendances: 'repeat-ed-attendances',
  missedAppointments: 'missed-health-appointments',
  domesticAbuseCallouts: 'domestic-abuse-callouts',
};

const ref = (e: ChronologyEvent): string => `${e.source.file}:${e.source.line}`;
const pair = (a: string, b: string): string => (a < b ? `${a} + ${b}` : `${b} + ${a}`);

function pairsOf(groups: readonly string[][]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(pair(g[i]!, g[j]!));
  return out;
}

function scoreCase(dir: string): Score {
  const key = JSON.parse(readFileSync(join(dir, 'answer-key.json'), 'utf8')) as AnswerKey;
  const misses: string[] = [];
  const chronologies: AgencyChronology[] = [];
  let read = 0;
  for (const [file, f] of Object.entries(key.files)) {
    try {
      chronologies.push(ingest({ file, content: readFileSync(join(dir, file)) }, f.agencyOption ? { agency: f.agency } : {}));
      read++;
    } catch (e) {
      if (!isThroughlineError(e)) throw e;
      misses.push(`file refused: ${e.message}`);
    }
  }
  const timeline: Timeline = merge(chronologies, { ...parseScope(key.scope?.from, key.scope?.to), includeOutOfScope: true });
  const byRef = new Map(timeline.events.map((e) => [ref(e), e]));
  const idToRef = new Map(timeline.events.map((e) => [e.id, ref(e)]));

  // Rows: every dated row of the key read to the same start, end and precision; no row with a date called unusable.
  let dated = 0;
  let total = 0;
  let falseUnusable = 0;
  for (const [file, f] of Object.entries(key.files)) {
    for (const [line, want] of Object.entries(f.rows)) {
      total++;
      const e = byRef.get(`${file}:${line}`);
      const got = e?.date;
      if (e?.flags.includes('unusable')) { falseUnusable++; misses.push(`row ${file}:${line} called unusable`); }
      const endOk = want.end === undefined ? got?.end === undefined || want.precision === 'week' : got?.end === want.end;
      if (got && got.start === want.start && got.precision === want.precision && endOk) dated++;
      else misses.push(`row ${file}:${line}: expected ${want.start}${want.end ? `–${want.end}` : ''} (${want.precision}), got ${got ? `${got.start}${got.end ? `–${got.end}` : ''} (${got.precision})` : 'no event'}`);
    }
  }
  const expectedUnusable = Object.entries(key.files).flatMap(([file, f]) => (f.unusable ?? []).map((l) => `${file}:${l}`));
  const unusableFound = expectedUnusable.filter((r) => byRef.get(r)?.flags.includes('unusable')).length;
  for (const r of expectedUnusable) if (!byRef.get(r)?.flags.includes('unusable')) misses.push(`unusable row ${r} not reported`);

  // Same-event: pairs inside the key's groups against pairs inside the engine's groups.
  const expectedPairs = pairsOf((key.sameEvent ?? []).map((g) => g.records));
  const foundPairs = pairsOf(timeline.links.filter((l) => l.kind !== 'refers-to').map((l) => l.events.map((id) => idToRef.get(id)!)));
  const sameFound = [...expectedPairs].filter((p) => foundPairs.has(p)).length;
  for (const p of expectedPairs) if (!foundPairs.has(p)) misses.push(`same-event missed: ${p}`);
  const falseSame = [...foundPairs].filter((p) => !expectedPairs.has(p));
  for (const p of falseSame) misses.push(`same-event false: ${p}`);

  // Refers-to: (from, to) pairs.
  const expectedRefs = new Set((key.refersTo ?? []).flatMap((r) => r.to.map((t) => `${r.from} → ${t}`)));
  const foundRefs = new Set(timeline.links.filter((l) => l.kind === 'refers-to').flatMap((l) => (l.to ?? []).map((t) => `${idToRef.get(l.from!)} → ${idToRef.get(t)}`)));
  const refsFound = [...expectedRefs].filter((r) => foundRefs.has(r)).length;
  for (const r of expectedRefs) if (!foundRefs.has(r)) misses.push(`refers-to missed: ${r}`);
  const falseRefs = [...foundRefs].filter((r) => !expectedRefs.has(r));
  for (const r of falseRefs) misses.push(`refers-to false: ${r}`);

  // Findings, with the key's names for the child (the reviewer gives them).
  const inScope: Timeline = { ...timeline, events: timeline.events.filter((e) => !e.flags.includes('out-of-scope')) };
  // The key lists every record each rule describes, whatever their number: the rules are run
  // with no minimum count or window, so what is scored is which records they count.
  const rules = structuredClone(DEFAULT_RULES);
  for (const p of rules.patterns) if (Object.values(PATTERN_OF).includes(p.id)) { p.min = 1; delete p.withinDays; }
  const analysis: Analysis = analyse(inScope, { child: key.child?.names ?? [], rules });
  const findings: Record<string, [number, number, number]> = {};
  for (const [name, rule] of Object.entries(PATTERN_OF) as Array<[PatternFinding, string]>) {
    const want = new Set<string>(key.findings?.[name] ?? []);
    const got = new Set(analysis.patterns.filter((p) => p.rule === rule).flatMap((p) => p.events.map((id) => idToRef.get(id)!)));
    const found = [...want].filter((r) => got.has(r)).length;
    const extra = [...got].filter((r) => !want.has(r));
    for (const r of want) if (!got.has(r)) misses.push(`${name} missed: ${r}`);
    for (const r of extra) misses.push(`${name} false: ${r}`);
    findings[name] = [found, want.size, extra.length];
  }
  const gaps = analysis.gaps.childNotSeen;
  const longest = gaps.length > 0 ? gaps.reduce((a, b) => (b.days > a.days ? b : a)) : undefined;
  const wantGap = key.findings?.longestNotSeen;
  const longestNotSeen = wantGap
    ? `${longest ? longest.days : 'none'} (key ${wantGap.days})`
    : '–';
  if (wantGap && (!longest || longest.days !== wantGap.days)) misses.push(`longest not seen: expected ${wantGap.from} to ${wantGap.to} (${wantGap.days} days), got ${longest ? `${longest.from} to ${longest.to} (${longest.days} days)` : 'none'}`);

  const knowledgeFile = join(dir, 'knowledge-key.json');
  const knowledge = existsSync(knowledgeFile)
    ? scoreKnowledge(JSON.parse(readFileSync(knowledgeFile, 'utf8')) as KnowledgeKey, analysis, idToRef, agencyNames(timeline, key), misses) : undefined;

  return {
    ...(knowledge ? { knowledge } : {}),
    case: key.case, files: [read, Object.keys(key.files).length], dated: [dated, total], unusable: [unusableFound, expectedUnusable.length], falseUnusable,
    sameEvent: [sameFound, expectedPairs.size], falseSameEvent: falseSame.length, refersTo: [refsFound, expectedRefs.size], falseRefersTo: falseRefs.length,
    findings, longestNotSeen, misses,
  };
}

const of = ([a, b]: [number, number]): string => `${a}/${b}`;
const finding = ([found, want, extra]: [number, number, number]): string => `${found}/${want}${extra > 0 ? ` +${extra}` : ''}`;

function main(): void {
  const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } });
  const dirs = existsSync(CASES) ? readdirSync(CASES).filter((d) => existsSync(join(CASES, d, 'answer-key.json'))).sort() : [];
  if (dirs.length === 0) { console.log('score: no case with an answer-key.json in fixtures/cases'); return; }
  const scores = dirs.map((d) => scoreCase(join(CASES, d)));
  const header = ['case', 'files read', 'rows dated right', 'unusable found', 'rows with a date called unusable', 'same-event pairs', 'false same-event', 'refers-to', 'false refers-to', 'repeat ED', 'missed appts', 'DA call-outs', 'longest not seen (days)'];
  const rows = scores.map((s) => [s.case, of(s.files), of(s.dated), of(s.unusable), String(s.falseUnusable), of(s.sameEvent), String(s.falseSameEvent), of(s.refersTo), String(s.falseRefersTo),
    finding(s.findings.repeatEdAttendances!), finding(s.findings.missedAppointments!), finding(s.findings.domesticAbuseCallouts!), s.longestNotSeen]);
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('\nn/m: found n of the m the key expects; +k: k records the key does not count. Findings read with the child\'s names from the key, each pattern rule run with no minimum count or window (the key lists every record a rule describes).');
  const known = scores.filter((s) => s.knowledge !== undefined);
  if (known.length > 0) {
    console.log('\n| case | incidents | decisions | decision kinds | agency knew of incident | on the key\'s day |\n| --- | --- | --- | --- | --- | --- |');
    for (const s of known) {
      const k = s.knowledge!;
      console.log(`| ${s.case} | ${finding(k.incidents)} | ${finding(k.decisions)} | ${k.decisionKinds}/${k.decisions[0]} | ${finding(k.learned)} | ${k.learnedOnDay}/${k.learned[0]} |`);
    }
    console.log('\nWhat each agency knew (knowledge-key.json, written by hand from the records): incidents matched by any of their records, decisions by record, facts by incident and agency.');
  }
  if (values.verbose) for (const s of scores) { console.log(`\n## ${s.case}\n`); for (const m of s.misses) console.log(`- ${m}`); }
}

main();

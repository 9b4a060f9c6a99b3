/**
 * Synthetic agency chronologies for the benchmark: six agencies, each with its own headings, date
 * forms, quoting and line endings, as UK agency returns arrive. Deterministic (seeded PRNG, no
 * Math.random, no clock): the same size always gives byte-identical files.
 *
 * Events are spread over consecutive days at about EVENTS_PER_DAY per day across all agencies
 * (a Poisson-like spread, so the busiest day holds a few dozen), which keeps the cross-agency
 * linking — it compares same-day events — as busy as in a real review. Some days hold multi-agency
 * meetings recorded by several agencies (strategy discussions, conferences, core groups, MARAC),
 * sometimes one agency a day late, and some incidents are recorded by two agencies in similar words.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bumped whenever the output changes, so a cached set from an older generator is regenerated. */
export const GENERATOR_VERSION = 4;
/** Mean events per calendar day across all six agencies. */
export const EVENTS_PER_DAY = 24;
/** The last day of every generated chronology; the first depends on the size. */
const LAST_DAY = Date.UTC(2024, 11, 31) / 86_400_000;

export interface GeneratedFile {
  /** Absolute path. */
  path: string;
  name: string;
  agency: string;
  rows: number;
  bytes: number;
  lineEnding: 'CRLF' | 'LF';
}

export interface GeneratedSet {
  version: number;
  dir: string;
  rows: number;
  bytes: number;
  firstDay: string;
  lastDay: string;
  /** Multi-agency meetings planned (each recorded by two to four agencies). */
  meetings: number;
  /** Incidents recorded by two agencies in similar words. */
  sharedIncidents: number;
  files: GeneratedFile[];
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough for test data; period 2^32. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]!; }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

interface Day { y: number; m: number; d: number }
const dayCache = new Map<number, Day>();
function ymd(day: number): Day {
  let v = dayCache.get(day);
  if (!v) {
    const t = new Date(day * 86_400_000);
    v = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
    dayCache.set(day, v);
  }
  return v;
}
const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const dmy = (x: Day): string => `${p2(x.d)}/${p2(x.m)}/${x.y}`;
const dmyShort = (x: Day): string => `${x.d}/${x.m}/${x.y}`;
const iso = (x: Day): string => `${x.y}-${p2(x.m)}-${p2(x.d)}`;
const hhmm = (minutes: number): string => `${p2(Math.floor(minutes / 60))}:${p2(minutes % 60)}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

const CHILDREN = ['Child A', 'Child B', 'Jayden', 'Amelia', 'Zoë', 'Oskar', 'Maja', 'Kai', 'Aaliyah', 'Tyler', 'Renée', 'Ibrahim'];
const ADULTS = ['Mother', 'mother', 'Ms Nowak', 'Mr Ahmed', 'Mr Brown (partner)', 'maternal grandmother', 'Father', 'Mr O\'Connor', 'step-father', 'Ms Kowalczyk', 'aunt (Ms Begum)'];
const PLACES = ['the family home', 'the home address', 'maternal grandmother\'s address', 'school', 'the park on Church Lane', 'a friend\'s flat', 'the bus station', 'Flat 4, Elm Court'];
const QUOTES = [
  'I\'m fine, leave us alone', 'he only shouts when he\'s had a drink', 'there\'s no food in the house',
  'I don\'t want to go home', 'it was an accident, I fell off the bed', 'Mum was crying all night',
  'we can\'t afford the electric, it\'s £40 a week', 'nobody listens to me', 'Dad said I\'d be taken away',
  'I can manage, I don\'t need social services',
];
const FEELINGS = ['quiet and withdrawn', 'happy and chatty', 'tired, with dark circles under eyes', 'unkempt, wearing the same clothes as yesterday', 'anxious when home was mentioned', 'settled in class', 'tearful'];
const WORKERS = ['J Smith (SW)', 'A Okafor (SW)', 'R Patel (Senior Practitioner)', 'L Hughes (SW)', 'K Evans (Team Manager)', 'M Dąbrowska (SW)'];
const OFFICERS = ['PC 4471 Davies', 'PC 2210 Khan', 'DC 918 Roberts', 'PS 330 Walsh', 'PCSO 7712 Green'];
const HVS = ['HV Sarah Jones', 'HV Emma Clarke', 'Nursery Nurse P Ali', 'HV Team Lead R Moore'];
const DSLS = ['Mrs Taylor (DSL)', 'Mr Lewis (DDSL)', 'Class teacher', 'Pastoral lead', 'Head teacher'];
const GPS = ['Dr A Patel', 'Dr S Williams', 'Dr K Osei', 'Practice Nurse J Hall', 'Dr M Novak (locum)'];

/** Up to two sentences of filler, so the cells have the length real ones have. */
const FILLER = [
  'Discussed with manager.', 'Chronology updated.', 'Mother agreed to the plan.', 'Records checked, no previous concerns noted.',
  'Information shared with allocated social worker.', 'Will review at next visit.', 'Consent obtained.', 'No other agencies involved at this point.',
  'Home conditions poor: strong smell of cannabis, little food in the fridge.', 'Father not present.', 'Interpreter (Polish) used.',
  'Threshold document consulted.', 'Letter sent to family.', 'Child spoken to alone.',
];

function filler(r: Rand, max: number): string {
  const n = r.int(0, max);
  let s = '';
  for (let i = 0; i < n; i++) s += ` ${r.pick(FILLER)}`;
  return s;
}

/** A continuation line inside the cell (a quoted newline), in about `p` of cells. */
function maybeNewline(r: Rand, p: number, text: string): string {
  return r.chance(p) ? `${text}\n${r.pick(['Update: ', 'Note: ', '', '- '])}${r.pick(FILLER)}` : text;
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

type MeetingKind = 'strategy' | 'icpc' | 'rcpc' | 'core' | 'marac' | 'professionals';
const MEETING_KINDS: readonly MeetingKind[] = ['strategy', 'strategy', 'strategy', 'icpc', 'icpc', 'rcpc', 'core', 'core', 'marac', 'professionals'];

/** How each agency words each meeting: [type, summary]. Every wording matches the shipped link rules. */
const MEETING_WORDS: Record<MeetingKind, ReadonlyArray<readonly [string, string]>> = {
  strategy: [['Strategy discussion', 'Strategy discussion held'], ['Multi-agency', 'Strategy meeting held with police, health and education'], ['Meeting', 'Strat disc re concerns raised']],
  icpc: [['Conference', 'Initial child protection conference'], ['Meeting', 'Attended ICPC'], ['Conference', 'Initial Child Protection Case Conference held']],
  rcpc: [['Conference', 'Review child protection conference'], ['Meeting', 'Attended RCPC']],
  core: [['Meeting', 'Core group meeting'], ['Multi-agency', 'Attended core group']],
  marac: [['MARAC', 'Case heard at MARAC'], ['Meeting', 'MARAC meeting: mother discussed as high-risk victim']],
  professionals: [['Meeting', 'Professionals meeting'], ['Multi-agency', 'Professionals\' meeting held']],
};
const MEETING_OUTCOMES: Record<MeetingKind, readonly string[]> = {
  strategy: ['Section 47 enquiries to start; joint visit agreed', 'Threshold for s47 not met; single assessment to continue', 'Agreed police and CSC to visit today'],
  icpc: ['Child made subject of a CP plan (neglect)', 'Child made subject of a CP plan (emotional abuse)', 'No plan; CIN plan agreed'],
  rcpc: ['CP plan to continue', 'CP plan ended; step down to CIN'],
  core: ['Plan reviewed; actions updated', 'Concerns about attendance at appointments'],
  marac: ['Safety plan; IDVA allocated', 'Flag placed on address'],
  professionals: ['Information shared; chronology requested', 'Agreed escalation to strategy discussion if further incident'],
};

/** What one row says, before the agency lays it out in its own columns. */
interface Content {
  type: string;
  summary: string;
  outcome: string;
}

interface Agency {
  name: string;
  file: string;
  share: number;
  crlf: boolean;
  bom: boolean;
  quoteAll: boolean;
  /** Lines above the header (each a row of cells). */
  preamble: string[][];
  headings: string[];
  /** Regular events' times fall in these minutes of the day; null for an agency that records no time. */
  hours: readonly [number, number] | null;
  descending: boolean;
  regular: (r: Rand) => Content;
  meeting: (r: Rand, kind: MeetingKind) => Content;
  /** The row's cells; `time` is minutes after midnight, or -1 when this agency does not time events. */
  cells: (r: Rand, day: Day, time: number, c: Content, seq: number) => string[];
}

function meetingContent(r: Rand, kind: MeetingKind, extra: string): Content {
  const [type, summary] = r.pick(MEETING_WORDS[kind]);
  return { type, summary: `${summary}${extra}`, outcome: r.pick(MEETING_OUTCOMES[kind]) };
}

/** A date cell that is not the agency's usual form, in about `p` of rows: the general date reader's work. */
function oddDate(r: Rand, x: Day, p: number, usual: string): string {
  if (!r.chance(p)) return usual;
  switch (r.int(0, 5)) {
    case 0: return `w/c ${dmy(x)}`;
    case 1: return `c. ${dmy(x)}`;
    case 2: return `${MONTHS[x.m - 1]} ${x.y}`;
    case 3: return `${x.d} ${MONTHS[x.m - 1]!.slice(0, 3)} ${x.y}`;
    case 4: return `${iso(x)} ${p2(r.int(8, 18))}:${p2(r.int(0, 59))}`;
    default: return `${dmy(x)}?`;
  }
}

const AGENCIES: readonly Agency[] = [
  {
    name: 'Children\'s Social Care',
    file: 'childrens_social_care.csv',
    share: 0.28,
    crlf: true,
    bom: true,
    quoteAll: false,
    preamble: [['Children\'s Social Care – Agency Chronology'], ['Subject: Child A (DOB redacted)'], []],
    headings: ['Date', 'Time', 'Event', 'Outcome', 'Worker'],
    hours: [8 * 60, 19 * 60],
    descending: false,
    regular(r) {
      const child = r.pick(CHILDREN);
      const adult = r.pick(ADULTS);
      switch (r.int(0, 5)) {
        case 0: return { type: '', summary: maybeNewline(r, 0.1, `Contact received from ${r.pick(['school', 'health visitor', 'police', 'GP', 'anonymous caller'])} regarding ${child}: ${r.pick(['poor attendance', 'bruise to left cheek', 'parental drug use', 'domestic abuse', 'neglect of home conditions'])}.${filler(r, 1)}`), outcome: r.pick(['Progress to assessment', 'NFA - signpost to Early Help', 'Refer to MASH']) };
        case 1: return { type: '', summary: maybeNewline(r, 0.15, `Home visit. ${child} seen ${r.pick(['alone in bedroom', 'with sibling', 'in the presence of ' + adult])}; presented as ${r.pick(FEELINGS)}.${r.chance(0.4) ? ` Said "${r.pick(QUOTES)}".` : ''}${filler(r, 2)}`), outcome: r.pick(['Continue assessment', 'Visit again in 10 days', 'Discuss in supervision']) };
        case 2: return { type: '', summary: `Telephone call with ${adult}.${filler(r, 2)}`, outcome: r.pick(['', 'Noted', 'Follow up by letter']) };
        case 3: return { type: '', summary: maybeNewline(r, 0.08, `Case note: ${r.pick(['single assessment commenced', 'supervision with team manager', 'chronology updated', 'CIN plan drafted', 'missing episode return interview completed'])}.${filler(r, 2)}`), outcome: '' };
        case 4: return { type: '', summary: `Email from ${r.pick(['school', 'HV', 'police DAU', 'GP practice'])}: ${r.pick(['attendance now 78%', 'child missed immunisations', 'further DA incident overnight', 'mother not engaging'])}.${filler(r, 1)}`, outcome: r.pick(['Added to file', 'Discussed with mother', '']) };
        default: return { type: '', summary: `${r.pick(['Office visit by', 'Text message from', 'Letter sent to'])} ${adult}.${filler(r, 1)}`, outcome: '' };
      }
    },
    meeting: (r, kind) => meetingContent(r, kind, r.chance(0.5) ? `.${filler(r, 2)}` : ''),
    cells(r, x, time, c) {
      return [dmy(x), time < 0 ? '' : hhmm(time), c.summary, c.outcome, r.pick(WORKERS)];
    },
  },
  {
    name: 'Police',
    file: 'police.csv',
    share: 0.18,
    crlf: false,
    bom: false,
    quoteAll: true,
    preamble: [['West Midshire Police – occurrence extract', '', '', '', '', '']],
    headings: ['Occurrence Ref', 'Date/Time', 'Incident Type', 'Details', 'Action Taken', 'Officer'],
    hours: [0, 23 * 60 + 59],
    descending: false,
    regular(r) {
      const adult = r.pick(ADULTS);
      const type = r.pick(['Domestic incident', 'Concern for welfare', 'Missing person', 'ASB', 'Assault', 'Breach of bail', 'Information report']);
      return {
        type,
        summary: maybeNewline(r, 0.12, `${r.pick(['Neighbour', 'Caller', 'Ambulance service', 'Child\'s school', adult])} reported ${r.pick(['shouting and banging', 'a child crying for over an hour', 'a man trying to kick the door in', 'concerns for the welfare of ' + r.pick(CHILDREN)])} at ${r.pick(PLACES)}. Officers attended; ${adult} stated "${r.pick(QUOTES)}".${filler(r, 1)}`),
        outcome: r.pick(['PPN submitted to CSC', 'Words of advice', 'Suspect arrested', 'NFA', 'Referred to MASH', 'DASH completed: medium risk', 'DASH completed: high risk, referred to MARAC']),
      };
    },
    meeting: (r, kind) => ({ ...meetingContent(r, kind, ''), type: 'Child protection' }),
    cells(r, x, time, c, seq) {
      return [`WM-${String(x.y).slice(2)}-${String(100000 + (seq % 900000))}`, `${dmy(x)} ${hhmm(time)}`, c.type, c.summary, c.outcome, r.pick(OFFICERS)];
    },
  },
  {
    name: 'Health Visiting',
    file: 'health_visiting.csv',
    share: 0.14,
    crlf: true,
    bom: false,
    quoteAll: false,
    preamble: [],
    headings: ['Date of Contact', 'Contact Type', 'Summary', 'Practitioner'],
    hours: null,
    descending: false,
    regular(r) {
      const child = r.pick(CHILDREN);
      return {
        type: r.pick(['Home visit', 'Clinic', 'Telephone', 'New birth visit', '6-8 week review', '1 year review', 'Did not attend']),
        summary: maybeNewline(r, 0.1, `${child} weighed ${r.int(4, 14)}.${r.int(0, 9)}kg (${r.pick(['9th', '25th', '50th', '75th'])} centile). ${r.pick(['Mother reports feeding well', 'Discussed safe sleep and smoking', 'Mother low in mood, EPDS score 14', 'Home cluttered, dog loose in the kitchen', 'Immunisations up to date'])}.${filler(r, 2)}`),
        outcome: '',
      };
    },
    meeting: (r, kind) => meetingContent(r, kind, r.chance(0.5) ? '. Report submitted beforehand.' : ''),
    cells(r, x, _time, c) {
      return [oddDate(r, x, 0.01, dmy(x)), c.type, c.summary, r.pick(HVS)];
    },
  },
  {
    name: 'School',
    file: 'school.csv',
    share: 0.14,
    crlf: false,
    bom: false,
    quoteAll: false,
    preamble: [],
    headings: ['Date', 'Event', 'Action by DSL', 'Staff'],
    hours: null,
    descending: false,
    regular(r) {
      const child = r.pick(CHILDREN);
      switch (r.int(0, 3)) {
        case 0: return { type: '', summary: `${child} arrived ${r.int(10, 55)} minutes late, ${r.pick(['appeared hungry; given breakfast', 'no coat in the rain', 'uniform dirty', 'quiet, didn’t want to talk'])}.`, outcome: r.pick(['Logged on CPOMS', 'Call to mother, no answer', '']) };
        case 1: return { type: '', summary: maybeNewline(r, 0.12, `Disclosure to class teacher: “${r.pick(QUOTES)}”.${filler(r, 1)}`), outcome: r.pick(['MASH referral made', 'DSL spoke to child; logged', 'Call to allocated SW']) };
        case 2: return { type: '', summary: `Absent - ${r.pick(['no reason given', 'mother says ill', 'holiday not authorised', 'third absence this week'])}.`, outcome: r.pick(['First-day call made', 'Attendance officer informed', '']) };
        default: return { type: '', summary: `${child} ${r.pick(['had a bruise to the forearm; said he fell', 'was upset at home time, didn’t want to leave', 'hit another pupil', 'fell asleep in class'])}.${filler(r, 1)}`, outcome: r.pick(['Body map completed', 'Parent informed', 'Logged on CPOMS']) };
      }
    },
    meeting: (r, kind) => meetingContent(r, kind, r.chance(0.5) ? ' - DSL attended' : ''),
    cells(r, x, _time, c) {
      return [r.chance(0.3) ? dmyShort(x) : dmy(x), c.summary, c.outcome, r.pick(DSLS)];
    },
  },
  {
    name: 'GP',
    file: 'gp.csv',
    share: 0.14,
    crlf: true,
    bom: false,
    quoteAll: false,
    preamble: [],
    headings: ['Consultation Date', 'Clinician', 'Consultation Notes', 'Problem'],
    hours: null,
    descending: true,
    regular(r) {
      const child = r.pick(CHILDREN);
      const problem = r.pick(['Asthma', 'Eczema', 'Depression', 'Bruising', 'Head lice', 'Alcohol misuse', 'Otitis media', '']);
      const notes = r.chance(0.35)
        ? `History: ${r.pick(['cough 5/7', 'rash on trunk', 'low mood, not sleeping', 'fell at home'])}.\nExamination: ${r.pick(['chest clear', 'no concerns', 'bruise 3cm L upper arm', 'tearful'])}.\nPlan: ${r.pick(['review 2/52', 'safety-net advice', 'refer CAMHS', 'inform HV'])}.`
        : `${child} seen with ${r.pick(ADULTS)}: ${r.pick(['viral URTI, reassured', 'missed appointment (DNA)', 'repeat prescription', 'immunisations given', 'mother asked about "anger problems" at home'])}.${filler(r, 1)}`;
      return { type: problem, summary: notes, outcome: '' };
    },
    meeting: (r, kind) => ({ ...meetingContent(r, kind, ' - report sent'), type: '' }),
    cells(r, x, _time, c) {
      return [iso(x), r.pick(GPS), c.summary, c.type];
    },
  },
  {
    name: 'Emergency Department',
    file: 'ed_attendances.csv',
    share: 0.12,
    crlf: false,
    bom: false,
    quoteAll: false,
    preamble: [],
    headings: ['ARRIVAL_DATE', 'ARRIVAL_TIME', 'ATTENDANCE_TYPE', 'PRESENTING_COMPLAINT', 'DISCHARGE_OUTCOME'],
    hours: [0, 23 * 60 + 59],
    descending: false,
    regular(r) {
      const child = r.pick(CHILDREN);
      return {
        type: r.pick(['Unplanned first attendance', 'Unplanned follow-up', 'Ambulance']),
        summary: maybeNewline(r, 0.06, `${child}: ${r.pick(['head injury, fell from sofa', 'ingestion of mother\'s tablets', 'burn to hand from iron', 'breathing difficulty', 'self-harm, cuts to forearm', 'mother with facial injuries, says "walked into a door"'])}.${filler(r, 1)}`),
        outcome: r.pick(['Discharged home - GP follow up', 'Admitted to paediatric ward', 'Safeguarding referral made', 'Left before being seen']),
      };
    },
    meeting: (r, kind) => meetingContent(r, kind, ''),
    cells(_r, x, time, c) {
      return [`${dmy(x)} 00:00:00`, hhmm(time), c.type, c.summary, c.outcome];
    },
  },
];

const CSC = 0;
const POLICE = 1;
const ED = 5;

/** Incidents two agencies record in overlapping words on the same day: [police or ED wording, CSC wording]. */
const SHARED_INCIDENTS: ReadonlyArray<readonly [number, string, string]> = [
  [POLICE, 'Domestic incident at the family home: mother assaulted by partner, children present, partner arrested', 'Police notification: domestic incident at family home, mother assaulted by partner, children present and partner arrested'],
  [POLICE, 'Missing episode: Child A missing overnight, located by patrol at bus station', 'Child A missing overnight; located by police patrol at the bus station, return interview to follow'],
  [ED, 'Child B attended with spiral fracture of left arm, explanation inconsistent with injury', 'ED referral: Child B spiral fracture of left arm, explanation inconsistent with injury'],
];

// ---------------------------------------------------------------------------------------------
// Planning and writing
// ---------------------------------------------------------------------------------------------

interface Special { day: number; time: number; content: Content }

function csvCell(value: string, quoteAll: boolean): string {
  if (quoteAll || /[",\n\r]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Sorted day offsets in [0, days): `n` uniform draws, sorted. */
function sortedDays(r: Rand, n: number, days: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(r.next() * days);
  return out.sort();
}

class Writer {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
}

export function benchDir(rows: number): string {
  return join(tmpdir(), `throughline-bench-${rows}`);
}

function readManifest(dir: string, rows: number): GeneratedSet | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as GeneratedSet;
    if (m.version !== GENERATOR_VERSION || m.rows !== rows || m.dir !== dir) return null;
    for (const f of m.files) if (!existsSync(f.path) || statSync(f.path).size !== f.bytes) return null;
    return m;
  } catch {
    return null;
  }
}

/**
 * Generates (or reuses, when an identical set is already there) the six agency files for `rows`
 * rows in total. Returns what was written.
 */
export function generate(rows: number, options: { dir?: string; force?: boolean } = {}): { set: GeneratedSet; reused: boolean } {
  const dir = options.dir ?? benchDir(rows);
  if (!options.force) {
    const cached = readManifest(dir, rows);
    if (cached) return { set: cached, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const r = new Rand(prng(0x7431_0000 ^ rows));
  const days = Math.max(1, Math.ceil(rows / EVENTS_PER_DAY));
  const firstDay = LAST_DAY - days + 1;

  // Multi-agency meetings and shared incidents first: they take rows from every agency's budget.
  const specials: Special[][] = AGENCIES.map(() => []);
  let specialRows = 0;
  let meetings = 0;
  let sharedIncidents = 0;
  const meetingTarget = Math.round(rows * 0.004);
  const sharedTarget = Math.round(rows * 0.002);
  while (meetings < meetingTarget && specialRows < rows / 10) {
    const day = r.int(0, days - 2);
    const kind = r.pick(MEETING_KINDS);
    const time = r.int(9 * 60, 16 * 60);
    const others = [1, 2, 3, 4, 5].filter(() => r.chance(0.45)).slice(0, 3);
    if (others.length === 0) others.push(r.int(1, 4));
    for (const a of [CSC, ...others]) {
      // Now and then an agency records the meeting the next day (a medium-confidence link).
      const late = a !== CSC && r.chance(0.1) ? 1 : 0;
      specials[a]!.push({ day: day + late, time: late ? r.int(9 * 60, 17 * 60) : time + r.int(0, 20), content: AGENCIES[a]!.meeting(r, kind) });
      specialRows++;
    }
    meetings++;
  }
  while (sharedIncidents < sharedTarget && specialRows < rows / 5) {
    const [agency, first, csc] = r.pick(SHARED_INCIDENTS);
    const day = r.int(0, days - 1);
    const time = r.int(0, 23 * 60);
    specials[agency]!.push({ day, time, content: { type: agency === POLICE ? 'Domestic incident' : 'Ambulance', summary: first, outcome: agency === POLICE ? 'PPN submitted to CSC' : 'Safeguarding referral made' } });
    specials[CSC]!.push({ day, time: Math.min(time + r.int(10, 50), 23 * 60 + 59), content: { type: '', summary: csc, outcome: 'Strategy discussion to be convened' } });
    specialRows += 2;
    sharedIncidents++;
  }

  // The regular rows, shared out by each agency's share; the last agency takes the remainder.
  const regularTotal = rows - specialRows;
  const regular: number[] = [];
  let given = 0;
  AGENCIES.forEach((a, i) => {
    const n = i === AGENCIES.length - 1 ? regularTotal - given : Math.round(regularTotal * a.share);
    regular.push(n);
    given += n;
  });

  const files: GeneratedFile[] = [];
  AGENCIES.forEach((agency, ai) => {
    const path = join(dir, agency.file);
    const fd = openSync(path, 'w');
    const w = new Writer(fd);
    const eol = agency.crlf ? '\r\n' : '\n';
    const line = (cells: string[]): void => w.write(`${cells.map((c) => csvCell(c, agency.quoteAll)).join(',')}${eol}`);
    if (agency.bom) w.write('\uFEFF');
    for (const p of agency.preamble) w.write(p.length === 0 ? eol : `${p.map((c) => csvCell(c, false)).join(',')}${eol}`);
    line(agency.headings);

    // Merge the sorted regular days with the agency's specials, one day at a time.
    const regDays = sortedDays(r, regular[ai]!, days);
    const sp = specials[ai]!.sort((a, b) => a.day - b.day || a.time - b.time);
    const groups: Array<{ day: number; rows: Array<{ time: number; content: Content }> }> = [];
    let i = 0;
    let j = 0;
    while (i < regDays.length || j < sp.length) {
      const day = Math.min(i < regDays.length ? regDays[i]! : Infinity, j < sp.length ? sp[j]!.day : Infinity);
      const today: Array<{ time: number; content: Content }> = [];
      while (i < regDays.length && regDays[i] === day) { today.push({ time: agency.hours ? r.int(agency.hours[0], agency.hours[1]) : -1, content: agency.regular(r) }); i++; }
      while (j < sp.length && sp[j]!.day === day) { today.push({ time: agency.hours ? sp[j]!.time : -1, content: sp[j]!.content }); j++; }
      if (agency.hours) today.sort((a, b) => a.time - b.time);
      groups.push({ day, rows: today });
    }
    if (agency.descending) { groups.reverse(); for (const g of groups) g.rows.reverse(); }

    let written = 0;
    for (const g of groups) {
      const x = ymd(firstDay + g.day);
      for (const row of g.rows) {
        // Children's Social Care leaves about a third of its times blank.
        const time = ai === CSC && r.chance(0.3) ? -1 : row.time;
        const cells = agency.cells(r, x, time, row.content, written);
        // A few rows as agencies really send them: a missing or impossible date, a missing summary.
        if (r.chance(0.0002)) cells[agency.headings.findIndex((h) => /date/i.test(h))] = r.pick(['', 'unknown', '31/04/2019', 'TBC']);
        line(cells);
        written++;
      }
    }
    w.flush();
    closeSync(fd);
    files.push({ path, name: agency.file, agency: agency.name, rows: written, bytes: w.bytes, lineEnding: agency.crlf ? 'CRLF' : 'LF' });
  });

  const total = files.reduce((n, f) => n + f.rows, 0);
  if (total !== rows) throw new Error(`generator bug: wrote ${total} rows, expected ${rows}`);
  const set: GeneratedSet = {
    version: GENERATOR_VERSION, dir, rows, bytes: files.reduce((n, f) => n + f.bytes, 0),
    firstDay: iso(ymd(firstDay)), lastDay: iso(ymd(LAST_DAY)), meetings, sharedIncidents, files,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(set, null, 2)}\n`);
  return { set, reused: false };
}

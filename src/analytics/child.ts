/**
 * Who the child is, when nobody said. Without --child the rules know the child only as "child",
 * "baby" or "infant", and records written "L seen" or "Child L" are missed; so the returns are
 * asked, three ways, each giving its most frequent candidate:
 * - subjects: the values of a subjects column (Patient, Subject, Child) that name a child:
 *   "Child L (20m)" → L; never a role ("Mother (27y)", "Sibling M (6y)") nor an adult's age;
 * - child-label: the "Child X" token written in the records ("Child L", "Child A"; "Baby R" and
 *   "Infant R" too), never a phrase such as "Child Protection";
 * - seen-records: the capitalised first name in records that say someone was seen ("L seen",
 *   "Lacey weighed", "saw L"), ranked by the number of agencies that say so, then of records;
 *   never a role word ("Mother seen") nor a heading word ("Patient seen").
 * The names found are candidates, not facts: every finding that rests on them is provisional
 * until the reviewer confirms the names with --child.
 */
import type { ChronologyEvent, Timeline } from '../model/types.js';
import type { ChildName } from './types.js';

/** The words that follow "Child" (or "Baby") without being a child's name ("Child Protection", "Child in Need", "Baby Unit"). */
const NOT_A_CHILD_LABEL = new Set(('Protection In Need And Of Or To The An Is Was Has Had With At On For From By Not Seen Family Care ' +
  'Health Sexual Criminal Exploitation Abuse Services Service Social Safeguarding Development Mental Arrangements Benefit ' +
  'Death Deaths Looked Missing Minding Minder Psychology Psychologist Psychiatrist Centre Centres Trafficking Support ' +
  'Practice Review Plan Plans Panel Contact Disability Disabilities Guidance Poverty Maintenance Tax Seat Assessment ' +
  'Welfare Abduction Victim Witness Level Concern Concerns Information Disclosure Sex Offender Life Friendly Led Focused ' +
  'Centred Development Team Teams Workers Worker Sexually Clinic Clinics Unit Ward Advocate Advocacy Record Records Massage Group Groups Bank Room Feeding Monitor Formula Milk Blues').split(' '));

/** "Child L", "Child Lacey", "Baby R": a capital initial (not followed by a letter) or a capitalised word. */
const CHILD_LABEL = /\b(Child|Baby|Infant)\s+(\p{Lu}(?![\p{L}])|\p{Lu}\p{Ll}[\p{L}'’-]*)/gu;
const MAY_HAVE_LABEL = /Child|Baby|Infant/;
/** Words that say someone was seen, for a quick test before the exact expressions. */
const SEEN_WORDS = /seen|weighed|examined|sighted|observed|\b[Ss]aw\b/;
/** "L seen", "Lacey was weighed"; "saw L", "examined Lacey". */
const NAME_SEEN = /(?<![\p{L}\p{N}'’])(\p{Lu}\p{Ll}*)\s+(?:(?:was|is|has been|had been|being|also)\s+)?(?:seen|weighed|examined|sighted|observed)\b/gu;
const SEEN_NAME = /\b(?:[Ss]aw|[Ee]xamined|[Ww]eighed|[Oo]bserved)\s+(\p{Lu}\p{Ll}*)(?![\p{L}\p{N}])/gu;
/** An age in years written beside a subject: "(27y)", "(27 yrs)", "27 years". */
const AGE_YEARS = /\b(\d{1,3})\s*(?:y|yrs?|years?)\b/i;
const FIRST_WORD = /\p{Lu}[\p{L}'’-]*/u;
/** How a subjects cell lists several people. */
const PEOPLE_SEPARATOR = /[;,/&+]|\band\b/;
/** Age at which a subject is an adult, not the child. */
const ADULT_AGE = 18;

export interface PeoplePatterns {
  /** A role word anywhere in a text ("Sibling M", "Kerry (mother)"). */
  hasRole: RegExp;
  /**
   * A role word at the very start of a text ("Mother:", "MUM ATTENDED"): the same words, anchored,
   * so that a record's head is not read to its end for a role only its start may hold.
   */
  headRole: RegExp;
  /** A word that is not a name: a role ("Mother") or a heading word ("Patient"), whole. */
  notName: RegExp;
}

/** A tally of candidate names: how many records name each, in which agencies, first seen where. */
class Tally {
  private readonly counts = new Map<string, { records: number; agencies: Set<string>; first: number }>();

  add(name: string, agency: string, at: number): void {
    let c = this.counts.get(name);
    if (!c) this.counts.set(name, (c = { records: 0, agencies: new Set(), first: at }));
    c.records++;
    c.agencies.add(agency);
  }

  /** The most frequent, leaving out `others`: by agencies first when asked, then records, then the earliest. */
  top(byAgencies: boolean, others: ReadonlySet<string>): { name: string; records: number; agencies: number } | undefined {
    let best: { name: string; records: number; agencies: number; first: number } | undefined;
    for (const [name, c] of this.counts) {
      if (others.has(name)) continue;
      const x = { name, records: c.records, agencies: c.agencies.size, first: c.first };
      if (!best) { best = x; continue; }
      const d = (byAgencies ? x.agencies - best.agencies : 0) || x.records - best.records || best.first - x.first;
      if (d > 0) best = x;
    }
    return best && { name: best.name, records: best.records, agencies: best.agencies };
  }
}

/**
 * The child's names as the returns suggest them, each saying how it was found. Empty when no
 * method finds a name. `text` is each event's text as the rules read it.
 */
export function inferChildNames(timeline: Timeline, text: readonly string[], people: PeoplePatterns): ChildName[] {
  const events: readonly ChronologyEvent[] = timeline.events;
  const notName = (word: string): boolean => people.notName.test(word);

  // Subjects columns: each cell's people, the roles among them remembered as not the child.
  const subjects = new Tally();
  const others = new Set<string>();
  let subjectCells = 0;
  const columns = new Map<string, string>();
  for (const f of timeline.files) {
    const c = f.columns.find((x) => x.role === 'subjects');
    if (c) columns.set(f.file, c.heading);
  }
  for (let i = 0; i < events.length; i++) {
    const cell = events[i]!.subjects;
    if (cell === undefined || cell.trim() === '') continue;
    subjectCells++;
    const named = new Set<string>();
    for (const part of cell.split(PEOPLE_SEPARATOR)) {
      const person = part.trim();
      const bare = person.replace(/\([^)]*\)/g, '').trim();
      if (people.hasRole.test(person)) {
        // "Sibling M (6y)": M is someone else.
        const last = /\p{Lu}[\p{L}'’-]*$/u.exec(bare);
        if (last && !notName(last[0])) others.add(last[0]);
        continue;
      }
      const label = /\b(?:Child|Baby|Infant)\s+(\p{Lu}[\p{L}'’-]*)/u.exec(bare);
      const word = FIRST_WORD.exec(bare);
      const age = AGE_YEARS.exec(person);
      if (age && Number(age[1]) >= ADULT_AGE) continue;
      const name = label ? label[1]! : word?.[0];
      if (name === undefined || notName(name) || NOT_A_CHILD_LABEL.has(name)) continue;
      named.add(name);
    }
    for (const name of named) subjects.add(name, events[i]!.agency, i);
  }

  // "Child X" in the records (each name with the word first written before it), and names said to be seen.
  const labels = new Tally();
  const labelWord = new Map<string, string>();
  const seen = new Tally();
  for (let i = 0; i < events.length; i++) {
    const t = text[i]!;
    if (MAY_HAVE_LABEL.test(t)) {
      const found = new Set<string>();
      for (const m of t.matchAll(CHILD_LABEL)) {
        if (NOT_A_CHILD_LABEL.has(m[2]!)) continue;
        found.add(m[2]!);
        if (!labelWord.has(m[2]!)) labelWord.set(m[2]!, m[1]!);
      }
      for (const name of found) labels.add(name, events[i]!.agency, i);
    }
    if (SEEN_WORDS.test(t)) {
      const found = new Set<string>();
      for (const m of t.matchAll(NAME_SEEN)) if (!notName(m[1]!)) found.add(m[1]!);
      for (const m of t.matchAll(SEEN_NAME)) if (!notName(m[1]!)) found.add(m[1]!);
      for (const name of found) seen.add(name, events[i]!.agency, i);
    }
  }

  const out: ChildName[] = [];
  const add = (name: string, how: ChildName['how'][number], detail: string): void => {
    const known = out.find((n) => n.name === name);
    if (known) { known.how.push(how); known.detail += `; ${detail}`; } else out.push({ name, how: [how], detail });
  };
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const fromSubjects = subjects.top(false, others);
  if (fromSubjects) {
    const headings = [...new Set(columns.values())].map((h) => `"${h}"`).join(', ');
    add(fromSubjects.name, 'subjects', `the subjects column${headings ? ` (${headings})` : ''} names ${fromSubjects.name} in ${fromSubjects.records} of ${plural(subjectCells, 'record')} with a subject`);
  }
  const fromLabels = labels.top(false, others);
  if (fromLabels) add(fromLabels.name, 'child-label', `"${labelWord.get(fromLabels.name)!} ${fromLabels.name}" is written in ${plural(fromLabels.records, 'record')}`);
  const fromSeen = seen.top(true, others);
  if (fromSeen) {
    add(fromSeen.name, 'seen-records', `said to be seen in ${plural(fromSeen.records, 'record')} by ${plural(fromSeen.agencies, 'agency', 'agencies')}`);
  }
  return out;
}

/**
 * Anonymised for publication: the glossary read (each refusal at its line), names replaced in free
 * text (possessives, accents, capitals, spacing, the longest name first), every string of a value
 * replaced and nothing else, and the check for words that look like a name, each rule at its edge.
 */
import { describe, expect, it } from 'vitest';
import { anonymiseDeep, anonymiser, nameCandidates, publishAnonymised } from '../../src/review/anonymise.js';
import { readGlossary, type Glossary } from '../../src/review/glossary.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const glossary = (csv: string): Glossary => readGlossary(bytes(csv), 'glossary.csv');
const G = glossary('name,pseudonym,kind\nZoë Brennan,Aunt Z\nZoë,Aunt Z\nKerry,Mother\nGrace,Social Worker 3,person\nDr A. Brooks,GP 2\nHV,Health Visitor,abbreviation\nNorthmoor,,not a name\n');
const replace = anonymiser(G);

describe('the glossary', () => {
  it('reads people, abbreviations and dismissed words, with their lines; kind defaults to person', () => {
    expect(G.entries.map((e) => [e.name, e.pseudonym, e.kind, e.line])).toEqual([
      ['Zoë Brennan', 'Aunt Z', 'person', 2], ['Zoë', 'Aunt Z', 'person', 3], ['Kerry', 'Mother', 'person', 4], ['Grace', 'Social Worker 3', 'person', 5],
      ['Dr A. Brooks', 'GP 2', 'person', 6], ['HV', 'Health Visitor', 'abbreviation', 7], ['Northmoor', '', 'not a name', 8],
    ]);
    expect(glossary('Real name;Anonymised as;Type\nKerry;Mother;Person\nNHS;National Health Service;abbreviation\n').entries.map((e) => e.kind)).toEqual(['person', 'abbreviation']);
  });
  it.each([
    ['', 'glossary.csv: the glossary is empty'],
    ['name,role\nKerry,Mother\n', 'glossary.csv:1: the heading row has no pseudonym column'],
    ['who,pseudonym\nKerry,Mother\n', 'glossary.csv:1: the heading row has no name column'],
    ['name,pseudonym\n,Mother\n', 'glossary.csv:2: a row with no name'],
    ['name,pseudonym\nKerry,\n', 'glossary.csv:2: "Kerry" has no pseudonym'],
    ['name,pseudonym,kind\nHV,,abbreviation\n', 'glossary.csv:2: "HV" has no meaning'],
    ['name,pseudonym,kind\nKerry,Mother,parent\n', 'glossary.csv:2: kind "parent" is not one of person, abbreviation, not a name'],
    ['name,pseudonym\nKerry,Mother\n\nkerry,Parent\n', 'glossary.csv:4: "kerry" is already in the glossary at line 2'],
    ['name,pseudonym\nDean,Kerry\'s partner\nKerry,Mother\n', 'glossary.csv:2: the pseudonym "Kerry\'s partner" contains the name "Kerry", which the glossary replaces'],
  ])('refuses %j', (csv, message) => {
    expect(() => glossary(csv)).toThrow(message);
  });
  it('refuses a workbook, saying what it is', () => {
    expect(() => readGlossary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'glossary.xlsx'))
      .toThrow('glossary.xlsx: this is an Excel workbook, not a CSV glossary');
  });
});

describe('names replaced in free text', () => {
  it.each([
    ['Zoë Brennan collected L.', 'Aunt Z collected L.'],
    ['Zoë\'s house; Zoë’s car', 'Aunt Z\'s house; Aunt Z’s car'],
    ['Zoe rang; ZOË rang; zoë rang', 'Aunt Z rang; Aunt Z rang; Aunt Z rang'],
    ['Zoe\u0308 (decomposed) rang', 'Aunt Z (decomposed) rang'],
    ['Zoë  Brennan and\nZoë\tBrennan', 'Aunt Z and\nAunt Z'],
    ['Kerry and Kerry-Ann; Kerryanne; MacKerry', 'Mother and Mother-Ann; Kerryanne; MacKerry'],
    ['Grace visited; GRACE visited; a grace period', 'Social Worker 3 visited; Social Worker 3 visited; a grace period'],
    ['Seen by Dr A. Brooks and Dr A.Brooks', 'Seen by GP 2 and Dr A.Brooks'],
    ['HV visit; Northmoor ED', 'HV visit; Northmoor ED'],
  ])('%j → %j', (text, expected) => {
    expect(replace(text)).toBe(expected);
  });
  it('returns the very same text when it names no one, and an empty glossary changes nothing', () => {
    const text = 'Home visit: all well.';
    expect(replace(text)).toBe(text);
    expect(anonymiser(glossary('name,pseudonym\n'))('Kerry')).toBe('Kerry');
  });
});

describe('every string of a value', () => {
  it('is replaced, keys and numbers kept, the value itself untouched', () => {
    const value = { summary: 'Kerry rang', Kerry: 2, list: ['Zoë', { deep: 'Grace' }], n: 3, none: null, map: new Map([['Kerry', 'Kerry']]) };
    const out = anonymiseDeep(value, replace);
    expect(out).toEqual({ summary: 'Mother rang', Kerry: 2, list: ['Aunt Z', { deep: 'Social Worker 3' }], n: 3, none: null, map: value.map });
    expect(value.summary).toBe('Kerry rang');
  });
});

describe('words that look like a name', () => {
  const empty = glossary('name,pseudonym\n');
  const words = (text: string, g = empty) => nameCandidates({ summary: text }, g).map((c) => [c.word, c.why]);
  it('a capitalised word that is not English; the same word in lower case is not one', () => {
    expect(words('Seen by Okoro today')).toEqual([['Okoro', 'not an English word']]);
    expect(words('seen by okoro today')).toEqual([]);
  });
  it('a capitalised given name, English word or not; not in lower case', () => {
    expect(words('Grace rang and Kayden')).toEqual([['Grace', 'a given name'], ['Kayden', 'a given name']]);
    expect(words('by grace')).toEqual([]);
  });
  it('a capitalised English word right after a given name is a surname; not after a gap of punctuation', () => {
    expect(words('Grace Smith visited')).toEqual([['Grace', 'a given name'], ['Smith', 'follows a given name']]);
    expect(words('Grace, Smith visited')).toEqual([['Grace', 'a given name']]);
  });
  it('an English surname after a title or a rank, with initials or a collar number', () => {
    expect(words('Dr A. Brooks; DC 4417 Frost; Mrs Baker; PS Stone-Wall')).toEqual([['Baker', 'follows a title'], ['Brooks', 'follows a title'], ['Frost', 'follows a title'], ['Stone-Wall', 'follows a title']]);
  });
  it('abbreviations in capitals up to five letters, titles, single letters, months and days are decided; six capitals are not', () => {
    expect(words('MARAC and ICPC; Dr Okoro; L seen; March, Tues')).toEqual([['Okoro', 'not an English word']]);
    expect(words('CAMHS fine; ABCDEF')).toEqual([['ABCDEF', 'not an English word']]);
  });
  it('hyphenated English words and contractions are English; a hyphenated name is not', () => {
    expect(words('Re-referral, X-ray, Self-harm; I\'m here; Mary-Jane')).toEqual([['Mary-Jane', 'not an English word']]);
  });
  it('what the glossary names (as any kind) or a pseudonym\'s words are decided; a name\'s other parts are not', () => {
    expect(words('Northmoor HV and Aunt Z; Zoë; Brennan', G)).toEqual([['Brennan', 'not an English word']]);
  });
  it('counts each word and says where, by the record\'s file and line and the field', () => {
    const found = nameCandidates({ events: [{ summary: 'Okoro rang', source: { file: 'police.csv', line: 4 }, extra: { Officer: 'Okoro' } }], agencyOrder: ['Okoro'] }, empty);
    // A column without a role is named by its heading.
    expect(found).toEqual([{ word: 'Okoro', why: 'not an English word', count: 3, places: 3, where: ['police.csv:4 (summary)', 'police.csv:4 (Officer)', 'output (agencyOrder)'] }]);
  });
  it('lists five places and says how many more', () => {
    const events = Array.from({ length: 7 }, (_, i) => ({ summary: 'Okoro', source: { file: 'p.csv', line: i + 2 } }));
    const [c] = nameCandidates({ events }, empty);
    expect([c!.count, c!.places, c!.where]).toEqual([7, 7, ['p.csv:2 (summary)', 'p.csv:3 (summary)', 'p.csv:4 (summary)', 'p.csv:5 (summary)', 'p.csv:6 (summary)']]);
    expect(() => publishAnonymised(empty, { events })).toThrow('"Okoro" (not an English word; 7 times: p.csv:2 (summary), p.csv:3 (summary), p.csv:4 (summary), p.csv:5 (summary), p.csv:6 (summary) and 2 more places)');
  });
});

describe('publishing anonymised', () => {
  it('anonymises every value together', () => {
    expect(publishAnonymised(G, { a: 'Kerry' }, ['Zoë Brennan'])).toEqual([{ a: 'Mother' }, ['Aunt Z']]);
  });
  it('refuses while a word is undecided, listing each with why and where', () => {
    expect.assertions(2);
    try {
      publishAnonymised(G, { summary: 'Kerry met Okoro and Okoro met Dean' });
    } catch (e) {
      expect((e as { code: string }).code).toBe('names-undecided');
      expect((e as Error).message).toBe('glossary.csv: 2 words in what would be published look like a person\'s name and are not in the glossary:\n'
        + '  "Dean" (a given name; once: output (summary))\n  "Okoro" (not an English word; 2 times: output (summary))\n'
        + 'Add each to the glossary with its pseudonym (name,pseudonym), or dismiss it (name,,not a name); nothing was written');
    }
  });
});

/**
 * Rules of the field that unseen cases showed missing (neglect-m, written by someone who had not
 * read the code), each a rule of how agencies write, never of one case's wording: "FTA" (failed to
 * attend) is a missed appointment as "DNA" is; a type headed by a family role ("Mother - DNA")
 * says whom the record is about; a record of a multi-agency meeting is the meeting, not the missed
 * appointments it discusses. Every expectation worked out by hand from those rules.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analytics/analyse.js';
import { caseTimeline, refersTo } from './cases.js';

/** The records of a GP file (Date, Consultation Type, Notes) that the missed-appointments pattern counts, and each record's sighting decision. */
function read(rows: string[]) {
  const t = caseTimeline([{ file: 'gp.csv', agency: 'GP', header: 'Date,Consultation Type,Notes', rows }]);
  const a = analyse(t, { child: ['Milo'] });
  return {
    missed: a.patterns.filter((p) => p.rule === 'missed-health-appointments').flatMap((p) => p.events),
    seen: a.sightings.map((s) => `${s.event} ${s.decision} ${s.rule}`),
  };
}

describe('"FTA" and "failed to attend": a missed appointment, the child not seen', () => {
  it('two FTAs are the pattern of two; each is a not-seen record', () => {
    expect(read(['03/12/2021,Treatment,FTA. No contact from parent.', '14/12/2021,Treatment,Failed to attend. Letter to parent.'])).toEqual({
      missed: ['gp-2', 'gp-3'], seen: ['gp-2 not-seen was-not-brought', 'gp-3 not-seen was-not-brought'],
    });
  });
  it('not a word inside another ("LFTA"), and not an absence from a meeting', () => {
    expect(read(['03/12/2021,Treatment,LFTA results normal.', '14/12/2021,Admin,GP failed to attend the core group.']).missed).toEqual([]);
  });
});

describe('a type headed by a family role: the record is about that person', () => {
  it('"Mother - DNA": the mother\'s missed appointment is not the child\'s', () => {
    // Two of the child's (gp-2, gp-3) and the mother's between them (gp-4 is not counted).
    expect(read([
      '01/06/2022,Face to face - WNB,Milo not brought to asthma review.',
      '03/06/2022,Immunisation,Milo was not brought for boosters.',
      "06/06/2022,Mother - DNA,Noted on child's record: mother did not attend her alcohol liaison appointment.",
    ]).missed).toEqual(['gp-2', 'gp-3']);
  });
  it('"Mother: …" and "Mother (…)" head it too; "Mother and baby clinic" does not', () => {
    expect(read(['06/06/2022,Mother: DNA,did not attend today.', '07/06/2022,Mother (antenatal),DNA.']).missed).toEqual([]);
    expect(read(['06/06/2022,Mother and baby clinic,DNA.', '07/06/2022,Mother and baby clinic,DNA again.']).missed).toEqual(['gp-2', 'gp-3']);
  });
  it('a name heading what that person did not do ("Jade did not attend", "Jade DNA\'d") is about that person', () => {
    // Two of the child's (gp-2, gp-3); the mother's by name (gp-4 to gp-6) are not counted.
    expect(read([
      '01/06/2022,Face to face - WNB,Milo not brought to asthma review.',
      '03/06/2022,Immunisation,Milo was not brought for boosters.',
      '06/06/2022,Outpatient - DNA,Jade did not attend psychiatric medical review. Letter sent.',
      "07/06/2022,Outpatient,Jade DNA'd her CPN appointment.",
      '08/06/2022,Outpatient,Jade failed to attend on 18/04 or 25/04.',
    ]).missed).toEqual(['gp-2', 'gp-3']);
    // The child's own name heading it is the child; so is a record naming the child after another's name.
    expect(read(['06/06/2022,Clinic,Milo did not attend.', "07/06/2022,Clinic,Jade did not bring Milo: DNA."]).missed).toEqual(['gp-2', 'gp-3']);
  });
  it('a record headed by the mother that names the child is about the child', () => {
    expect(read(['06/06/2022,Mother - phone call,Milo not brought to dental appointment.', '07/06/2022,Dental,Milo not brought.']).missed).toEqual(['gp-2', 'gp-3']);
  });
});

describe('a record of a multi-agency meeting is the meeting, not what it discusses', () => {
  it('a strategy discussion listing missed appointments is not one of them', () => {
    expect(read([
      // The text begins with the meeting (type, then notes: "Strategy discussion · Attended …").
      '21/09/2022,Strategy discussion,"Attended (MS Teams). Shared: asthma reviews missed, dental not brought 24/08."',
      '22/09/2022,Dental,Not brought.',
      '23/09/2022,Asthma clinic,DNA.',
    ]).missed).toEqual(['gp-3', 'gp-4']);
  });
  it('a blank type: the notes begin with the meeting', () => {
    expect(read(['21/09/2022,,"Core group held. Dental not brought twice, DNA asthma review."', '22/09/2022,Dental,Not brought.', '23/09/2022,Clinic,DNA.']).missed).toEqual(['gp-3', 'gp-4']);
  });
  it('only when the record begins by naming the meeting: a clinic record mentioning one later counts', () => {
    expect(read(['22/09/2022,Clinic,"Not brought; to be raised at the core group."', '23/09/2022,Clinic,DNA.']).missed).toEqual(['gp-2', 'gp-3']);
  });
});

describe('a record that reports an earlier event and opens with a happening of its own (fromIsEvent) is an event too', () => {
  const rows = ['10/07/2024,Immunisation,Pre-school booster - Milo was not brought.', '07/08/2024,Immunisation,Pre-school booster - Milo was not brought again (also WNB 10/07). HV informed by task.'];
  const missed = (links: Parameters<typeof caseTimeline>[1]) => {
    const t = caseTimeline([{ file: 'gp.csv', agency: 'GP', header: 'Date,Consultation Type,Notes', rows }], links);
    return analyse(t, { child: ['Milo'] }).patterns.filter((p) => p.rule === 'missed-health-appointments').flatMap((p) => p.events);
  };
  const link = refersTo('link-1', 'gp-3', ['gp-2'], ['GP']);
  it('a report only: passed over by the missed-appointments rule (one left, no pattern of two)', () => {
    expect(missed([link])).toEqual([]);
  });
  it('an event too: its own missed appointment counts (two, a pattern)', () => {
    expect(missed([{ ...link, fromIsEvent: true }])).toEqual(['gp-2', 'gp-3']);
  });
});

describe('a 0-19 (or 0-25) service is a health agency: its missed appointments count', () => {
  const missed = (agency: string) => {
    const t = caseTimeline([{ file: 'service.csv', agency, header: 'Date,Type,Notes', rows: ['20/11/2024,Home visit,Planned HV contact - no access. Card left.', '14/05/2025,Clinic,Health review at the clinic - was not brought.'] }]);
    return analyse(t, { child: ['Nico'] }).patterns.filter((p) => p.rule === 'missed-health-appointments').flatMap((p) => p.events);
  };
  it.each(['Riverton 0-19 Service', 'Riverton 0 19 Service', 'Westshire 0-25 Team'])('%s', (agency) => {
    expect(missed(agency)).toEqual(['service-2', 'service-3']);
  });
  it('not a team of another kind whose name has no health word', () => {
    expect(missed('Riverton Youth Service')).toEqual([]);
  });
});

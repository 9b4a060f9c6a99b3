/** The web app's edits of why-chain text (viz/app/whys-edit.ts): citing evidence and adding an action, only where asked. */
import { describe, expect, it } from 'vitest';
import { citeEvidence, insertAction, lineAt } from '../../viz/app/whys-edit.js';
import { readWhyChain } from '../../src/rca/whys.js';

const TEXT = [
  'problem P1: Head injury (25/11/2022)',
  '  why c1: Call-outs screened one by one (agency systems) [evidence: police-4]',
  '    why c2: The screen shows one incident {type: failure-to-act}',
  '# a comment',
].join('\n');

describe('citeEvidence', () => {
  it('adds to a line\'s evidence list, starts one before a {…} block, or at the end', () => {
    expect(citeEvidence(TEXT, 1, 'police-5').text.split('\n')[1]).toBe('  why c1: Call-outs screened one by one (agency systems) [evidence: police-4, police-5]');
    expect(citeEvidence(TEXT, 2, 'gp-3').text.split('\n')[2]).toBe('    why c2: The screen shows one incident [evidence: gp-3] {type: failure-to-act}');
    expect(citeEvidence(TEXT, 0, 'ed-1').text.split('\n')[0]).toBe('problem P1: Head injury (25/11/2022) [evidence: ed-1]');
  });
  it('changes nothing for an id already cited or a line that is not a cause', () => {
    expect(citeEvidence(TEXT, 1, 'police-4')).toEqual({ text: TEXT, changed: false, reason: 'police-4 is already cited on this line' });
    expect(citeEvidence(TEXT, 3, 'x')).toMatchObject({ text: TEXT, changed: false });
    expect(citeEvidence(TEXT, 9, 'x')).toMatchObject({ text: TEXT, changed: false });
  });
  it('what it writes is read back as evidence of that cause', () => {
    const { graph } = readWhyChain(citeEvidence(TEXT, 2, 'gp-3').text);
    expect(graph.hasNode('ev:gp-3')).toBe(true);
    expect(graph.outNeighbors('ev:gp-3')).toEqual(['c2']);
  });
});

describe('insertAction', () => {
  it('puts the action right under the cause, one step deeper, with only the attributes given', () => {
    const r = insertAction(TEXT, 1, { text: 'Show 12 months of history', owner: 'CSC', due: '31/03/2023', strength: 'stronger' });
    expect(r.changed).toBe(true);
    expect(r.text.split('\n').slice(1, 4)).toEqual([
      '  why c1: Call-outs screened one by one (agency systems) [evidence: police-4]',
      '    !action: Show 12 months of history {owner: CSC, due: 31/03/2023, strength: stronger}',
      '    why c2: The screen shows one incident {type: failure-to-act}',
    ]);
    expect(insertAction(TEXT, 2, { text: 'Train staff' }).text.split('\n')[3]).toBe('      !action: Train staff');
    const { graph } = readWhyChain(r.text);
    const action = graph.filterNodes((_, a) => a.kind === 'action');
    expect(action).toHaveLength(1);
    expect(graph.outNeighbors(action[0]!)).toEqual(['c1']);
  });
  it('refuses a problem line, a comment, and an action with no statement', () => {
    expect(insertAction(TEXT, 0, { text: 'x' }).changed).toBe(false);
    expect(insertAction(TEXT, 3, { text: 'x' }).changed).toBe(false);
    expect(insertAction(TEXT, 1, { text: '   ' })).toMatchObject({ changed: false, reason: 'the action needs a statement' });
  });
  it('lineAt counts lines from 0', () => {
    expect([lineAt(TEXT, 0), lineAt(TEXT, TEXT.indexOf('why c1')), lineAt(TEXT, TEXT.length)]).toEqual([0, 1, 3]);
  });
});

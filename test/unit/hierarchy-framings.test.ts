/**
 * hierarchy-language on the PM-vs-PO framings copied from explainers: a warning in a PO doc, where a
 * PO panel hears the PO cast as the PM's executor; info in a PM doc; the neutral wording is offered,
 * never applied in bulk.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';

const doc = (loop: string, line: string) => `---\nloop: ${loop}\n---\n\n## How the roles split #${loop === 'pm' ? 'pm' : 'po'} #stakeholders\n\n${line}\n`;
const found = (loop: string, line: string) => lintText(doc(loop, line)).findings.filter((f) => f.ruleId === 'hierarchy-language');

describe('hierarchy-language framings', () => {
  it('warns in a PO doc, quoting the phrase and saying why a PO panel hears it as ranking', () => {
    const [f, ...rest] = found('po', 'I would say a product owner is a kind of product manager, a more tactical one.');
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('"a product owner is a kind of product manager, a more tactical one"');
    expect(f.message).toContain('PO panel');
    expect(f.message).toContain('owns and orders the backlog');
  });

  it('offers neutral wording in the writer\'s own role words, as a manual fix', () => {
    const [f] = found('hybrid', 'Honestly, the PM decides what to build and the PO makes sure the team builds it.');
    expect(f.severity).toBe('warning');
    expect(f.fixes).toHaveLength(1);
    expect(f.fixes?.[0].manual).toBe(true);
    expect(f.fixes?.[0].edits[0].newText).toBe('the PM owns the problem and the bet; the PO owns the backlog and decides what the team builds next');
  });

  it('is info in a PM doc, where no PO panel hears it', () => {
    const [f] = found('pm', 'Our PO takes direction from the PM on every sprint.');
    expect(f.severity).toBe('info');
    expect(f.message).not.toContain('PO panel');
  });

  it('flags the claim, not the question or the claim the sentence rejects', () => {
    const text = "Is it true that a PO is a kind of PM? People wrongly say the PO is the PM's assistant. In my team the PO was the PM's assistant.";
    expect(found('po', text).map((f) => f.message.split('"')[1])).toEqual(["the PO was the PM's assistant"]);
  });
});

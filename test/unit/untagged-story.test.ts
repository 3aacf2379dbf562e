/**
 * `untagged-story` writes a loop tag only when the text's verdict is sure: a preferred fix (what
 * fix-all, fix on save and `--fix` apply) for a clear reading that agrees with the doc, and
 * choices only (manual fixes, the suggestions of `--format json`) for a mix, a lean, nothing to go
 * on, or the other loop. The message says which, and why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../src/core/config';
import { fixUntilStable, preferredFixes } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import type { Finding } from '../../src/core/types';
import { FIXTURES } from './helpers/fixtures';

const SURE = readFileSync(join(FIXTURES, 'rules', 'untagged-story', 'fix-only-when-sure.md'), 'utf8');
const untagged = (text: string) => lintText(text).findings.filter((f) => f.ruleId === 'untagged-story');
const titles = (f: Finding) => (f.fixes ?? []).map((x) => `${x.title}${x.manual ? ' (choice)' : ''}`);
const byHeading = (text: string) => new Map(untagged(text).map((f) => [text.slice(f.range.start.offset, f.range.end.offset).replace(/^#+ /, ''), f]));

describe('untagged-story fixes', () => {
  const found = byHeading(SURE);

  it('prefers the inferred tag only for a sure reading of the doc\'s loop', () => {
    const sure = found.get('Moved activation with a shorter trial')!;
    expect(titles(sure)).toEqual(['Add #pm (inferred from the text)', 'Add #po (choice)', 'Add #hybrid (choice)']);
    expect(sure.message).toMatch(/^This story has no loop tag, so it counts for this PM-loop doc\. It reads as PM work \(activation, trial, retention and cohort\); the fix adds #pm\./);
  });

  it('offers every tag as a choice for a mixed story, and says it mixes both loops', () => {
    const mixed = found.get('Rebuilt the pricing page in two sprints')!;
    expect(titles(mixed)).toEqual(['Add #hybrid (the text mixes both loops) (choice)', "Add #pm (this doc's loop) (choice)", 'Add #po (choice)']);
    expect(mixed.message).toMatch(/It mixes both loops \(PM: pricing page, .*; PO: refinement, .*\), so the fix leaves the choice to you: #hybrid if you tell both halves/);
  });

  it('offers every tag as a choice when the evidence is thin or absent, and says how thin', () => {
    const lean = found.get('Grew the paying share of trials')!;
    expect(titles(lean)).toEqual(['Add #pm (the text leans this way) (choice)', 'Add #po (choice)', 'Add #hybrid (choice)']);
    expect(lean.message).toContain('It leans towards PM work (paywall and trial-to-paid), but only two words point that way, so the fix leaves the choice to you.');
    const none = found.get('Ran the offsite')!;
    expect(titles(none)).toEqual(["Add #pm (this doc's loop) (choice)", 'Add #po (choice)', 'Add #hybrid (choice)']);
    expect(none.message).toContain('Nothing in its text says which loop it is for, so the fix leaves the choice to you.');
  });

  it('does not count words that sit only in questions, and names each word once', () => {
    const asked = '---\nloop: po\n---\n\n## The planning questions I still have #execution\n\nWould the panel ask how I run backlog refinement, protect the sprint goal and track velocity? Should I explain the definition of done and how we size story points in sprint planning?\n';
    const [f] = untagged(asked);
    expect(titles(f)[0]).toBe('Add #po (the text leans this way) (choice)');
    expect(f.message).toContain('but those words sit only in questions, quoted user stories or work set aside, not in what you did, so the fix leaves the choice to you.');
    const tickets = '---\nloop: po\n---\n\n## Cleared the queue\n\nI closed the oldest ticket first, then the tickets that blocked a release.\n';
    expect(untagged(tickets)[0].message).toContain('(ticket, ');
    expect(untagged(tickets)[0].message).not.toContain('tickets');
  });

  it('offers the tag of the other loop as a choice only, with the reason', () => {
    const po = '---\nloop: pm\n---\n\n## Kept the squad on track\n\nI ran backlog refinement twice a week, split a 13-point story so it fit the sprint and wrote acceptance criteria with QA.\n';
    const [f] = untagged(po);
    expect(f.fixes?.every((x) => x.manual)).toBe(true);
    expect(f.fixes?.[0].title).toBe('Add #po (inferred from the text)');
    expect(f.message).toMatch(/It reads as PO work \(.*\), but this is a PM-loop doc, so the tag is your call: retell it for the PM loop, or tag it #po and move it to a PO-loop doc\./);
  });

  it('so --fix writes the sure tag and nothing else', () => {
    const relint = (t: string) => untagged(t);
    expect(preferredFixes(lintText(SURE).findings, 'untagged-story').map((x) => x.title)).toEqual(['Add #pm (inferred from the text)']);
    const fixed = fixUntilStable(SURE, relint(SURE), relint).text;
    expect(fixed).toContain('## Moved activation with a shorter trial #pm\n');
    for (const heading of ['## Rebuilt the pricing page in two sprints\n', '## Grew the paying share of trials\n', '## Ran the offsite\n']) expect(fixed).toContain(heading);
    expect([...byHeading(fixed).keys()]).toEqual(['Rebuilt the pricing page in two sprints', 'Grew the paying share of trials', 'Ran the offsite']);
  });

  it('writes the sure tag in a hybrid doc too, and a mix is still a choice there', () => {
    const hybrid = SURE.replace('loop: pm', 'loop: hybrid');
    const got = byHeading(hybrid);
    expect(got.get('Moved activation with a shorter trial')!.fixes?.[0]).toMatchObject({ title: 'Add #pm (inferred from the text)' });
    expect(got.get('Moved activation with a shorter trial')!.fixes?.[0].manual).toBeUndefined();
    expect(got.get('Rebuilt the pricing page in two sprints')!.fixes?.every((x) => x.manual)).toBe(true);
  });

  it('is a hint where the PM or PO doc already counts the story, info where the tag is a real choice', () => {
    const severities = (text: string) => new Map([...byHeading(text)].map(([h, f]) => [h, f.severity]));
    // A PM doc: a PM reading, a lean and nothing to go on all count for the doc already; a mix does not.
    expect(severities(SURE)).toEqual(
      new Map([
        ['Moved activation with a shorter trial', 'hint'],
        ['Rebuilt the pricing page in two sprints', 'info'],
        ['Grew the paying share of trials', 'hint'],
        ['Ran the offsite', 'hint'],
      ]),
    );
    // The other loop's reading is worth a look: the story may be in the wrong doc.
    const po = '---\nloop: pm\n---\n\n## Kept the squad on track\n\nI ran backlog refinement twice a week, split a 13-point story so it fit the sprint and wrote acceptance criteria with QA.\n';
    expect(untagged(po)[0].severity).toBe('info');
    // A hybrid doc counts a story for neither loop on its own, so every untagged story stays info.
    expect(new Set(severities(SURE.replace('loop: pm', 'loop: hybrid')).values())).toEqual(new Set(['info']));
    // A severity the user sets wins over the hint.
    const set = lintText(SURE, { config: resolveConfig(validateConfig({ rules: { 'untagged-story': 'warning' } }, 'test').config) }).findings.filter((f) => f.ruleId === 'untagged-story');
    expect(new Set(set.map((f) => f.severity))).toEqual(new Set(['warning']));
  });
});

import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';
import type { Finding } from '../../src/core/types';
import { appendBlock, disableFix, fixAllEdits, inferStoryLoop, matchFinding, setLoopFix, storyAt, storyBlock, tagStoryEdits } from '../../src/service/editModel';
import { PM_DOC_WITH_PO_STORIES } from './helpers/docs';

const DOC = PM_DOC_WITH_PO_STORIES;

const lint = (text: string) => {
  const r = lintText(text);
  if (!r.doc) throw new Error('not parsed');
  return { doc: r.doc, findings: r.findings };
};

/** The findings with every first fix automatic, whatever the core decided (these tests are about fix-all's mechanics). */
const automatic = (findings: Finding[]): Finding[] => findings.map((f) => (f.fixes?.length ? { ...f, fixes: f.fixes.map((x, i) => (i === 0 ? { ...x, manual: false } : x)) } : f));

describe('disableFix', () => {
  it('appends a disable-line comment to the finding line, and the finding goes away', () => {
    const { doc, findings } = lint(DOC);
    const wrong = findings.filter((f) => f.ruleId === 'wrong-loop');
    expect(wrong).toHaveLength(2);
    const fix = disableFix(doc, wrong[0]);
    expect(fix.title).toBe('Disable wrong-loop for this line');
    const text = applyEdits(DOC, fix.edits).text;
    expect(text).toContain('## Fought for sprint capacity #po #stakeholders <!-- prep-loop-disable-line wrong-loop -->\n');
    const after = lint(text).findings.filter((f) => f.ruleId === 'wrong-loop');
    expect(after.map((f) => f.range.start.line)).toEqual([wrong[1].range.start.line]);
  });

  it('adds a second rule to an existing disable-line comment', () => {
    const text = DOC.replace('#po #stakeholders', '#po #stakeholders <!-- prep-loop-disable-line axis-mismatch -->');
    const { doc, findings } = lint(text);
    const wrong = findings.find((f) => f.ruleId === 'wrong-loop');
    if (!wrong) throw new Error('expected wrong-loop');
    const out = applyEdits(text, disableFix(doc, wrong).edits).text;
    expect(out).toContain('<!-- prep-loop-disable-line axis-mismatch wrong-loop -->');
    expect(lint(out).findings.filter((f) => f.ruleId === 'wrong-loop')).toHaveLength(1);
  });

  it('puts a disable comment after the front matter for findings inside it (keeping CRLF)', () => {
    const crlf = DOC.replace(/\n/g, '\r\n');
    const { doc, findings } = lint(crlf);
    const coverage = findings.find((f) => f.ruleId === 'loop-coverage');
    if (!coverage) throw new Error('expected loop-coverage');
    const fix = disableFix(doc, coverage);
    expect(fix.title).toBe('Disable loop-coverage for this file');
    const out = applyEdits(crlf, fix.edits).text;
    expect(out.startsWith('---\r\nloop: pm\r\n---\r\n<!-- prep-loop-disable loop-coverage -->\r\n\r\n# Prep')).toBe(true);
    expect(lint(out).findings.some((f) => f.ruleId === 'loop-coverage')).toBe(false);
  });
});

describe('fixAllEdits', () => {
  it('takes every preferred fix of a rule, once', () => {
    const findings = automatic(lint(DOC).findings);
    const out = applyEdits(DOC, fixAllEdits(DOC, findings, 'wrong-loop')).text;
    expect(out).toBe(DOC.replace('#po #stakeholders', '#pm #stakeholders').replace('#po #execution', '#pm #execution'));
  });

  it('never returns overlapping edits', () => {
    const findings = [
      { ruleId: 'a', severity: 'info' as const, range: lint(DOC).findings[0].range, message: '', fixes: [{ title: 'x', edits: [{ start: 0, end: 5, newText: 'A' }] }] },
      { ruleId: 'a', severity: 'info' as const, range: lint(DOC).findings[0].range, message: '', fixes: [{ title: 'y', edits: [{ start: 3, end: 8, newText: 'B' }] }] },
    ];
    const edits = fixAllEdits(DOC, findings);
    expect(edits).toHaveLength(1);
  });
});

describe('fixAllEdits and manual fixes', () => {
  it('leaves out a finding whose first fix is manual (it changes what the note claims)', () => {
    const findings = automatic(lint(DOC).findings);
    const wrong = findings.filter((f) => f.ruleId === 'wrong-loop');
    expect(wrong).toHaveLength(2);
    const marked = findings.map((f) => (f === wrong[0] ? { ...f, fixes: f.fixes?.map((x, i) => (i === 0 ? { ...x, manual: true } : x)) } : f));
    const out = applyEdits(DOC, fixAllEdits(DOC, marked, 'wrong-loop')).text;
    expect(out).toBe(DOC.replace('#po #execution', '#pm #execution'));
  });
});

describe('matchFinding', () => {
  it('maps a finding of an older text to the same problem in the current one', () => {
    const before = lint(DOC).findings;
    const edited = DOC.replace('# Prep\n', '# Prep\n\nA new first paragraph.\n');
    const after = lint(edited).findings;
    const second = before.filter((f) => f.ruleId === 'wrong-loop')[1];
    const match = matchFinding(second, before, after);
    expect(match?.ruleId).toBe('wrong-loop');
    expect(match?.range.start.line).toBe(second.range.start.line + 2);
    expect(edited.slice(match!.range.start.offset, match!.range.end.offset)).toBe('#po');
    expect(matchFinding(second, before, before)).toBe(second);
  });

  it('gives up when an edit made the match ambiguous', () => {
    const before = lint(DOC).findings;
    const after = lint(DOC.replace('#po #stakeholders', '#pm #stakeholders')).findings;
    const first = before.filter((f) => f.ruleId === 'wrong-loop')[0];
    expect(matchFinding(first, before, after)).toBeUndefined();
  });
});

describe('inferStoryLoop', () => {
  it('takes the loop tag, else what the text reads as, else the doc loop', () => {
    const doc = lint(`---
loop: pm
---

## Tagged #po

Text.

## Untagged

In backlog refinement the team split the story so it fit the sprint; I kept the sprint goal and the definition of done.

## Quiet

I had lunch with the team.
`).doc;
    expect(doc.stories.map((s) => inferStoryLoop(doc, s))).toEqual(['po', 'po', 'pm']);
  });
});

describe('story edits', () => {
  it('finds the story at an offset', () => {
    const doc = parsePrepDoc(DOC);
    expect(storyAt(doc, DOC.indexOf('Two stakeholders'))?.heading.title).toBe('Fought for sprint capacity');
    expect(storyAt(doc, DOC.indexOf('# Prep'))).toBeUndefined();
    expect(storyAt(doc, DOC.length)?.heading.title).toBe('Ran the sprint review');
  });

  it('retags and adds an axis in one edit when they touch', () => {
    const text = '---\nloop: pm\n---\n\n## Sized the bet #po\n\nText.\n';
    const doc = parsePrepDoc(text);
    const edits = tagStoryEdits(doc, doc.stories[0], { loop: 'pm', axis: 'metrics' });
    expect(edits).toHaveLength(1);
    expect(applyEdits(text, edits).text).toContain('## Sized the bet #pm #metrics\n');
  });

  it('adds missing tags, keeps present ones', () => {
    const text = '---\nloop: pm\n---\n\n## Sized the bet #metrics\n\nText.\n';
    const doc = parsePrepDoc(text);
    expect(applyEdits(text, tagStoryEdits(doc, doc.stories[0], { loop: 'pm', axis: 'metrics' })).text).toContain('## Sized the bet #metrics #pm\n');
    expect(tagStoryEdits(doc, doc.stories[0], { axis: 'metrics' })).toEqual([]);
  });

  it('sets the doc loop, or adds front matter', () => {
    const doc = parsePrepDoc(DOC);
    expect(applyEdits(DOC, setLoopFix(doc, 'po')?.edits ?? []).text.startsWith('---\nloop: po\n---')).toBe(true);
    expect(setLoopFix(doc, 'pm')?.edits).toEqual([]);
    const plain = '# Notes\n';
    // A blank line between the new front matter and the first heading; none added when one is there.
    expect(applyEdits(plain, setLoopFix(parsePrepDoc(plain), 'hybrid')?.edits ?? []).text).toBe('---\nloop: hybrid\n---\n\n# Notes\n');
    expect(applyEdits('\n# Notes\n', setLoopFix(parsePrepDoc('\n# Notes\n'), 'po')?.edits ?? []).text).toBe('---\nloop: po\n---\n\n# Notes\n');
  });

  it('moves a story block to the end of another doc', () => {
    const doc = parsePrepDoc(DOC);
    const block = storyBlock(doc, doc.stories[1]);
    expect(block.text).toBe('## Fought for sprint capacity #po #stakeholders\n\nTwo stakeholders wanted the same sprint.\n\n');
    expect('# PO\n' + appendBlock('# PO\n', block.text)).toBe('# PO\n\n## Fought for sprint capacity #po #stakeholders\n\nTwo stakeholders wanted the same sprint.\n');
    expect(appendBlock('# PO', 'x\n')).toBe('\n\nx\n');
    expect(appendBlock('# PO\n\n', 'x')).toBe('x\n');
    expect(appendBlock('', 'x')).toBe('x\n');
  });
});

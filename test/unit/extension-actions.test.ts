/** The quick-fix menu of a finding (codeActionModel.ts) and the manifest helpers, without VS Code. */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';
import type { Finding } from '../../src/core/types';
import { hasAutoFix, quickFixes, ruleLabel } from '../../src/service/codeActionModel';
import { commandTitle, failureMessage } from '../../src/extension/manifest';
import { PM_DOC_WITH_PO_STORIES } from './helpers/docs';

const DOC = PM_DOC_WITH_PO_STORIES;

function lint(text: string) {
  const r = lintText(text);
  if (!r.doc) throw new Error('not parsed');
  return { doc: r.doc, findings: r.findings };
}

/**
 * The findings with the first fix of each marked manual or not as `manual` says, whatever the core
 * decided: these tests are about what the extension does with the flag.
 */
function markManual(findings: Finding[], manual: (f: Finding) => boolean): Finding[] {
  return findings.map((f) => (f.fixes?.length ? { ...f, fixes: f.fixes.map((x, i) => (i === 0 ? { ...x, manual: manual(f) } : x)) } : f));
}

const fresh = () => ({ fixAll: new Set<string>(), docs: new Set<string>() });

describe('quick fixes of a finding', () => {
  it('titles use readable rule names, never raw ids', () => {
    expect(ruleLabel('wrong-loop')).toBe("story tagged for the other loop than the doc's");
    expect(ruleLabel('acceptance-criteria-missing')).toBe('user story with no acceptance criteria');
    expect(ruleLabel('prd-missing-section')).toBe('PRD or one-pager that lacks a part a reader expects');
    expect(ruleLabel('no-such-rule')).toBe('no-such-rule');
    const { doc, findings } = lint(DOC);
    const wrong = findings.find((f) => f.ruleId === 'wrong-loop')!;
    const titles = quickFixes(doc, findings, wrong, fresh()).map((p) => p.title);
    expect(titles).toContain("Show docs: story tagged for the other loop than the doc's");
    expect(titles.filter((t) => /^(Fix all|Show docs)/.test(t)).some((t) => t.includes('wrong-loop'))).toBe(false);
  });

  it('offers fix-all for a rule only when it would fix two or more findings', () => {
    const { doc, findings } = lint(DOC);
    const wrong = findings.filter((f) => f.ruleId === 'wrong-loop');
    expect(wrong).toHaveLength(2);
    const auto = markManual(findings, () => false);
    const fixAll = quickFixes(doc, auto, auto.find((f) => f.ruleId === 'wrong-loop')!, fresh()).find((p) => p.kind === 'fixAll');
    expect(fixAll?.title).toBe("Fix all 2 in this file: story tagged for the other loop than the doc's");
    const single = lint(DOC.replace('#po #execution', '#pm #execution'));
    const one = markManual(single.findings, () => false);
    const plans = quickFixes(single.doc, one, one.find((f) => f.ruleId === 'wrong-loop')!, fresh());
    expect(plans.some((p) => p.kind === 'fixAll')).toBe(false);
    expect(plans.find((p) => p.kind === 'fix')).toMatchObject({ preferred: true });
  });

  it('a manual first fix is offered but not preferred, and fix-all neither counts nor applies it', () => {
    const { doc, findings } = lint(DOC);
    const first = findings.find((f) => f.ruleId === 'wrong-loop')!;
    const marked = markManual(findings, (f) => f === first);
    const manual = marked.find((f) => f.ruleId === 'wrong-loop' && f.fixes?.[0].manual)!;
    expect(hasAutoFix(manual)).toBe(false);
    const plans = quickFixes(doc, marked, manual, fresh());
    const fixes = plans.filter((p) => p.kind === 'fix');
    expect(fixes.length).toBe(manual.fixes!.length);
    expect(fixes.some((p) => p.kind === 'fix' && p.preferred)).toBe(false);
    // Only one wrong-loop finding is left with an automatic fix: no fix-all, from either finding.
    expect(plans.some((p) => p.kind === 'fixAll')).toBe(false);
    const other = marked.find((f) => f.ruleId === 'wrong-loop' && f !== manual)!;
    expect(quickFixes(doc, marked, other, fresh()).some((p) => p.kind === 'fixAll')).toBe(false);
  });

  it('gives each rule one fix-all and one docs entry per request', () => {
    const { doc, findings } = lint(DOC);
    const auto = markManual(findings, () => false);
    const seen = fresh();
    const [a, b] = auto.filter((f) => f.ruleId === 'wrong-loop');
    const first = quickFixes(doc, auto, a, seen);
    const second = quickFixes(doc, auto, b, seen);
    expect(first.filter((p) => p.kind === 'fixAll' || p.kind === 'docs')).toHaveLength(2);
    expect(second.filter((p) => p.kind === 'fixAll' || p.kind === 'docs')).toHaveLength(0);
    expect(second.some((p) => p.kind === 'disable')).toBe(true);
  });
});

describe('manifest helpers', () => {
  const manifest = { contributes: { commands: [{ command: 'prepLoop.moveStory', title: 'Move Story to Its Loop Doc' }, { command: 'prepLoop.tagStory', title: 'Tag Story…' }] } };
  it('names a failed command by its title', () => {
    expect(commandTitle(manifest, 'prepLoop.moveStory')).toBe('Move Story to Its Loop Doc');
    expect(commandTitle(manifest, 'prepLoop.tagStory')).toBe('Tag Story');
    expect(commandTitle(manifest, 'prepLoop._lint')).toBe('lint');
    expect(commandTitle(undefined, 'prepLoop.moveStory')).toBe('moveStory');
    expect(failureMessage('Move Story to Its Loop Doc', new Error('no doc'))).toBe('Prep Loop: Move Story to Its Loop Doc failed (no doc). Details are in the "Prep Loop" output.');
  });
});

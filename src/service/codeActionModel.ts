/**
 * Which quick fixes a finding gets, with their titles and edits: its fixes (the first preferred
 * unless it is `manual`), "Move story…" for wrong-loop, fix-all for its rule when that would fix
 * two or more findings, disable for this line or for the whole file, and the rule's docs. codeActions.ts only turns these
 * into `vscode.CodeAction`s. Pure: no `vscode` import; edits are offsets into the linted text.
 */
import type { PrepDoc } from '../core/parse';
import { ruleById } from '../core/rules/index';
import type { Finding, TextEdit } from '../core/types';
import { disableFix, disableForFileFix, fixAllEdits } from './editModel';

/** One planned quick fix. `diagnostics` says which diagnostics it resolves. */
export type QuickFixPlan =
  | { kind: 'fix'; title: string; edits: TextEdit[]; preferred: boolean; diagnostics: 'this' }
  | { kind: 'move'; title: string; offset: number; diagnostics: 'this' }
  | { kind: 'fixAll'; title: string; edits: TextEdit[]; ruleId: string; diagnostics: 'rule' }
  | { kind: 'disable'; title: string; edits: TextEdit[]; diagnostics: 'this' | 'rule' }
  | { kind: 'docs'; title: string; ruleId: string; diagnostics: 'none' };

/**
 * A rule's name for menus, from its one-line description: "story tagged for the other loop than
 * the doc's" for `wrong-loop`. Leading article and parenthesised lists dropped; unknown ids as is.
 */
export function ruleLabel(ruleId: string): string {
  const description = ruleById(ruleId)?.description;
  if (!description) return ruleId;
  const text = description
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/^(?:an?|the)\s+/i, '')
    .trim();
  // "User story…" → "user story…", but keep acronyms ("PRD or one-pager…").
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** Whether a finding has a fix that fix-all, source.fixAll and `--fix` may apply. */
export function hasAutoFix(finding: Finding): boolean {
  const first = finding.fixes?.[0];
  return !!first && !first.manual;
}

/**
 * The quick fixes of one finding. `all` is every finding of the file (for fix-all); `seen` carries
 * the rules already given a fix-all and a docs entry when several findings share one request.
 */
export function quickFixes(doc: PrepDoc, all: readonly Finding[], finding: Finding, seen: { fixAll: Set<string>; docs: Set<string> }): QuickFixPlan[] {
  const rule = finding.ruleId;
  const plans: QuickFixPlan[] = [];
  finding.fixes?.forEach((fix, i) => {
    plans.push({ kind: 'fix', title: fix.title, edits: fix.edits, preferred: i === 0 && !fix.manual, diagnostics: 'this' });
  });
  if (rule === 'wrong-loop') plans.push({ kind: 'move', title: 'Move story to a prep doc of its loop…', offset: finding.range.start.offset, diagnostics: 'this' });
  if (hasAutoFix(finding) && !seen.fixAll.has(rule)) {
    seen.fixAll.add(rule);
    const fixable = all.filter((f) => f.ruleId === rule && hasAutoFix(f)).length;
    const edits = fixable >= 2 ? fixAllEdits(doc.text, all, rule) : [];
    if (edits.length) plans.push({ kind: 'fixAll', title: `Fix all ${fixable} in this file: ${ruleLabel(rule)}`, edits, ruleId: rule, diagnostics: 'rule' });
  }
  const disable = disableFix(doc, finding);
  plans.push({ kind: 'disable', title: disable.title, edits: disable.edits, diagnostics: 'this' });
  if (!disable.title.endsWith('for this file')) {
    const file = disableForFileFix(doc, rule);
    plans.push({ kind: 'disable', title: file.title, edits: file.edits, diagnostics: 'rule' });
  }
  if (!seen.docs.has(rule)) {
    seen.docs.add(rule);
    plans.push({ kind: 'docs', title: `Show docs: ${ruleLabel(rule)}`, ruleId: rule, diagnostics: 'none' });
  }
  return plans;
}

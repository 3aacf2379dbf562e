/**
 * Code actions per finding: its fixes (the first preferred), "Fix all <rule> problems in this
 * file", "Disable <rule> for this line", "Show docs for <rule>"; `source.fixAll.prep-loop` for
 * codeActionsOnSave; "Move story to …" on wrong-loop findings. Respects `context.only`.
 */
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core/rules/index';
import type { Finding } from '../core/types';
import { ruleIdOf, toWorkspaceEdit } from './convert';
import type { Linter } from './diagnostics';
import { disableFix, fixAllEdits } from './editModel';

/** The kind of the fix-all source action. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('prep-loop');
/** Internal command: open a rule's docs page. */
export const SHOW_DOCS_COMMAND = 'prepLoop._showRuleDocs';

/** Provides Prep Loop's code actions from the linter's side map of findings. */
export class PrepCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly linter: Linter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const state = this.linter.fresh(document);
    const doc = state?.result.doc;
    if (!state || !doc) return [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind);
    const actions: vscode.CodeAction[] = [];

    if (wants(vscode.CodeActionKind.QuickFix)) {
      const fixAllDone = new Set<string>();
      const docsDone = new Set<string>();
      for (const diagnostic of context.diagnostics) {
        if (!ruleIdOf(diagnostic)) continue;
        const finding = this.linter.findingFor(document, diagnostic);
        if (!finding) continue;
        const rule = finding.ruleId;
        finding.fixes?.forEach((fix, i) => {
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.edit = toWorkspaceEdit(document, fix.edits);
          a.diagnostics = [diagnostic];
          a.isPreferred = i === 0;
          actions.push(a);
        });
        if (rule === 'wrong-loop') actions.push(moveStoryAction(document, finding, diagnostic));
        if (finding.fixes?.length && !fixAllDone.has(rule)) {
          fixAllDone.add(rule);
          const edits = fixAllEdits(doc.text, state.result.findings, rule);
          if (edits.length) {
            const a = new vscode.CodeAction(`Fix all ${rule} problems in this file`, vscode.CodeActionKind.QuickFix);
            a.edit = toWorkspaceEdit(document, edits);
            a.diagnostics = state.diagnostics.filter((d) => ruleIdOf(d) === rule);
            actions.push(a);
          }
        }
        const disable = disableFix(doc, finding);
        const d = new vscode.CodeAction(disable.title, vscode.CodeActionKind.QuickFix);
        d.edit = toWorkspaceEdit(document, disable.edits);
        d.diagnostics = [diagnostic];
        actions.push(d);
        if (!docsDone.has(rule)) {
          docsDone.add(rule);
          const s = new vscode.CodeAction(`Show docs for ${rule}`, vscode.CodeActionKind.QuickFix);
          s.command = { command: SHOW_DOCS_COMMAND, title: s.title, arguments: [rule] };
          actions.push(s);
        }
      }
    }

    if (wants(FIX_ALL_KIND)) {
      const edits = fixAllEdits(doc.text, state.result.findings);
      if (edits.length) {
        const a = new vscode.CodeAction('Fix all Prep Loop problems', FIX_ALL_KIND);
        a.edit = toWorkspaceEdit(document, edits);
        actions.push(a);
      }
    }
    return actions;
  }
}

function moveStoryAction(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const a = new vscode.CodeAction('Move story to a prep doc of its loop…', vscode.CodeActionKind.QuickFix);
  a.command = { command: 'prepLoop.moveStory', title: a.title, arguments: [{ uri: document.uri.toString(), offset: finding.range.start.offset }] };
  a.diagnostics = [diagnostic];
  return a;
}

/** Opens a rule's docs page. */
export async function showRuleDocs(ruleId: unknown): Promise<boolean> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return false;
  return vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
}

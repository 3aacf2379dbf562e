/**
 * Code actions per finding (planned in codeActionModel.ts): its fixes (the first preferred unless
 * manual), fix-all for its rule, disable for this line, the rule's docs; `source.fixAll.prep-loop`
 * for codeActionsOnSave; "Move story to …" on wrong-loop findings. Respects `context.only`. Uses
 * the linter's lint of the current version and never publishes diagnostics.
 */
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core/rules/index';
import { quickFixes, type QuickFixPlan } from './codeActionModel';
import { ruleIdOf, toWorkspaceEdit } from './convert';
import type { Linter } from './diagnostics';
import { fixAllEdits } from './editModel';

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

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    // Quick fixes only for our diagnostics; the source action only when asked for by kind (on save,
    // "Source Action…"): the lightbulb's request on every cursor move then costs nothing.
    const quick = (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) && context.diagnostics.some((d) => ruleIdOf(d));
    const source = !!context.only?.contains(FIX_ALL_KIND);
    if (!quick && !source) return [];
    const lint = await this.linter.current(document);
    const doc = lint?.result.doc;
    // The edits are offsets into the linted text: give nothing for a text that moved on meanwhile.
    if (!lint || !doc || token.isCancellationRequested || lint.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];

    if (quick) {
      const seen = { fixAll: new Set<string>(), docs: new Set<string>() };
      for (const diagnostic of context.diagnostics) {
        if (!ruleIdOf(diagnostic)) continue;
        const finding = this.linter.findingFor(diagnostic, lint);
        if (!finding) continue;
        for (const plan of quickFixes(doc, lint.result.findings, finding, seen)) actions.push(this.toAction(document, plan, diagnostic));
      }
    }

    if (source) {
      const edits = fixAllEdits(doc.text, lint.result.findings);
      if (edits.length) {
        const a = new vscode.CodeAction('Fix all Prep Loop problems', FIX_ALL_KIND);
        a.edit = toWorkspaceEdit(document, edits);
        actions.push(a);
      }
    }
    return actions;
  }

  private toAction(document: vscode.TextDocument, plan: QuickFixPlan, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const a = new vscode.CodeAction(plan.title, vscode.CodeActionKind.QuickFix);
    switch (plan.kind) {
      case 'fix':
        a.edit = toWorkspaceEdit(document, plan.edits);
        a.isPreferred = plan.preferred;
        break;
      case 'fixAll':
      case 'disable':
        a.edit = toWorkspaceEdit(document, plan.edits);
        break;
      case 'move':
        a.command = { command: 'prepLoop.moveStory', title: plan.title, arguments: [{ uri: document.uri.toString(), offset: plan.offset }] };
        break;
      case 'docs':
        a.command = { command: SHOW_DOCS_COMMAND, title: plan.title, arguments: [plan.ruleId] };
        break;
    }
    if (plan.diagnostics === 'this') a.diagnostics = [diagnostic];
    else if (plan.diagnostics === 'rule') a.diagnostics = (this.linter.state(document.uri)?.diagnostics ?? []).filter((d) => ruleIdOf(d) === ruleIdOf(diagnostic));
    return a;
  }
}

/** Opens a rule's docs page. */
export async function showRuleDocs(ruleId: unknown): Promise<boolean> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return false;
  return vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
}

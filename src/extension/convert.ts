/** Core findings → VS Code diagnostics, ranges and edits. */
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core/rules/index';
import type { Finding, Range, Severity, TextEdit } from '../core/types';

/** The `source` of every Prep Loop diagnostic. */
export const SOURCE = 'prep-loop';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A core range (0-based line/column) as a VS Code range. */
export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

/** The docs page of a rule as a URI. */
export function docsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(ruleDocsUrl(ruleId));
}

/** A finding as a diagnostic: source, code with docs link, related information. */
export function toDiagnostic(uri: vscode.Uri, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: docsUri(f.ruleId) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
  }
  return d;
}

/** The rule id of a Prep Loop diagnostic. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return typeof code === 'string' ? code : undefined;
}

/** Core offset edits as a WorkspaceEdit on a document whose text is the linted text. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], into = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) into.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return into;
}

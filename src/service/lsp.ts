/**
 * Core values → Language Server Protocol values (the service speaks LSP types, as
 * vscode-markdown-languageservice does, so the server only routes them). Pure.
 */
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange, type TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import { LIMITS_DOCS_URL, ruleDocsUrl } from '../core/docs-url';
import type { LintNote } from '../core/lint';
import type { LineIndex } from '../core/text';
import type { Finding, Range, Severity, TextEdit } from '../core/types';

/** The `source` of every Prep Loop diagnostic. */
export const SOURCE = 'prep-loop';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in code action requests. */
export interface DiagnosticData {
  /** The document version the diagnostic was made for. */
  version: number;
  /** Index of its finding in that version's findings. */
  index: number;
}

/** A core range as an LSP range. */
export function toLspRange(r: Range): LspRange {
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

/** The `code` of the note that the parse guard simplified part of a doc (not a rule: no quick fixes). */
export const SIMPLIFIED_CODE = 'simplified';

/** A simplification note as an LSP diagnostic: information, code `simplified` linking the limits page. */
export function noteToDiagnostic(n: LintNote): Diagnostic {
  return {
    range: toLspRange(n.range),
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: SIMPLIFIED_CODE,
    codeDescription: { href: `${LIMITS_DOCS_URL}#simplified` },
    message: n.message,
  };
}

/** A finding as an LSP diagnostic: source, code with docs link, related information, data. */
export function toDiagnostic(uri: string, f: Finding, data: DiagnosticData): Diagnostic {
  return {
    range: toLspRange(f.range),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    message: f.message,
    ...(f.related?.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: toLspRange(r.range) }, message: r.message })) } : {}),
    data,
  };
}

/** Core offset edits as LSP text edits on the text `lines` indexes. */
export function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toLspRange(lines.range(e.start, e.end)), newText: e.newText }));
}

/** The rule id of one of our diagnostics as a client sent it back. */
export function ruleIdOf(d: Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  return typeof d.code === 'string' && d.code !== SIMPLIFIED_CODE ? d.code : undefined;
}

/** The data of one of our diagnostics, when it has valid data. */
export function dataOf(d: Diagnostic): DiagnosticData | undefined {
  const v = d.data as Partial<DiagnosticData> | undefined;
  return v && typeof v.version === 'number' && typeof v.index === 'number' ? { version: v.version, index: v.index } : undefined;
}

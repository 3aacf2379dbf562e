/** The outline of a prep doc: headings nested by level, stories with their loop/axis tags. */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { toRange } from './convert';
import { outline, type OutlineNode } from './statusModel';

/** Document symbols for prep docs (other markdown is left to the built-in provider). */
export class PrepSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly linter: Linter) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const doc = this.linter.fresh(document)?.result.doc;
    if (!doc?.isPrepDoc) return [];
    const convert = (n: OutlineNode): vscode.DocumentSymbol => {
      const kind = n.section.kind === 'story' ? vscode.SymbolKind.Event : n.section.kind === 'artifact' ? vscode.SymbolKind.Struct : vscode.SymbolKind.Namespace;
      const s = new vscode.DocumentSymbol(n.name, n.detail, kind, toRange(n.section.range), toRange(n.section.heading?.range ?? n.section.range));
      s.children = n.children.map(convert);
      return s;
    };
    return outline(doc).map(convert);
  }
}

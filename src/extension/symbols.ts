/**
 * The Prep outline of a prep doc: one "Prep stories" root listing its stories (with their loop and
 * axis tags) and artifacts. VS Code shows it beside the built-in markdown outline, so it leaves the
 * plain headings to that one instead of listing every heading a second time.
 */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { toRange } from './convert';
import { prepOutline } from './statusModel';

/** Document symbols for prep docs (other markdown is left to the built-in provider). */
export class PrepSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly linter: Linter) {}

  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    // VS Code asks once when a document opens: wait for the lint rather than answer empty.
    const lint = await this.linter.current(document);
    const doc = lint?.result.doc;
    if (!doc || token.isCancellationRequested || lint?.version !== document.version) return [];
    const root = prepOutline(doc);
    if (!root) return [];
    const symbol = new vscode.DocumentSymbol(root.name, root.detail, vscode.SymbolKind.Namespace, toRange(root.range), toRange(root.items[0].section.heading?.range ?? root.range));
    symbol.children = root.items.map((item) => {
      const kind = item.kind === 'story' ? vscode.SymbolKind.Event : vscode.SymbolKind.Struct;
      return new vscode.DocumentSymbol(item.name, item.detail, kind, toRange(item.section.range), toRange(item.section.heading?.range ?? item.section.range));
    });
    return [symbol];
  }
}

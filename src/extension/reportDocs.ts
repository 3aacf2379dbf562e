/**
 * Read-only report documents (the Classify Job Description verdict): a virtual `prep-loop-report:`
 * document instead of an untitled one, so closing it never asks to save and it is never linted.
 */
import * as vscode from 'vscode';

/** The URI scheme of report documents. */
export const REPORT_SCHEME = 'prep-loop-report';
/** Reports kept for re-opening; older ones are dropped. */
const KEEP = 20;

/** Serves report texts by URI. */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);
  private counter = 0;

  /** Opens a report beside the active editor. `name` becomes the tab title (with `.md`, so it shows as markdown). */
  async show(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name.replace(/[\\/]/g, '-')}.md`, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    for (const key of this.texts.keys()) {
      if (this.texts.size <= KEEP) break;
      this.texts.delete(key);
    }
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    return document;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is no longer available: run the command again.';
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}

/**
 * Read-only report documents (the Classify Job Description verdict): a virtual `prep-loop-report:`
 * document instead of an untitled one, so closing it never asks to save and it is never linted.
 */
import * as vscode from 'vscode';

/** The URI scheme of report documents. */
export const REPORT_SCHEME = 'prep-loop-report';
/** Reports kept for re-opening; older ones are dropped. */
const KEEP = 20;

/** What a report is about: a job posting (its text, for "New Prep Doc from This Posting"). */
export interface ReportMeta {
  jd?: { text: string; source: string; scopeUri?: string; verdict: string };
}

/** Serves report texts by URI, with a "New Prep Doc from This Posting" lens on job-description reports. */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly metas = new Map<string, ReportMeta>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);
  private readonly lenses = vscode.languages.registerCodeLensProvider({ scheme: REPORT_SCHEME }, this);
  private counter = 0;

  /** Opens a report beside the active editor. `name` becomes the tab title (with `.md`, so it shows as markdown). */
  async show(name: string, text: string, meta: ReportMeta = {}): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name.replace(/[\\/]/g, '-')}.md`, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    this.metas.set(uri.toString(), meta);
    for (const key of this.texts.keys()) {
      if (this.texts.size <= KEEP) break;
      this.texts.delete(key);
      this.metas.delete(key);
    }
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    return document;
  }

  /** What a report is about. */
  meta(uri: vscode.Uri): ReportMeta | undefined {
    return this.metas.get(uri.toString());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const jd = this.metas.get(document.uri.toString())?.jd;
    if (!jd) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    if (jd.verdict === 'unclear') return [new vscode.CodeLens(top, { title: 'No prep doc: the posting is unclear (see the verdict below)', command: '' })];
    return [new vscode.CodeLens(top, { title: '$(new-file) New Prep Doc from This Posting…', command: 'prepLoop.newPrepDocFromJd', arguments: [{ text: jd.text, source: jd.source, ...(jd.scopeUri ? { scopeUri: jd.scopeUri } : {}) }] })];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is no longer available: run the command again.';
  }

  dispose(): void {
    this.registration.dispose();
    this.lenses.dispose();
    this.texts.clear();
    this.metas.clear();
  }
}

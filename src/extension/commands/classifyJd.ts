/**
 * Classify Job Description: reads a posting by its responsibilities (selection, else the whole
 * active file, else a file the user picks) on the server and opens its read-only markdown report
 * beside it. The report carries a "New Prep Doc from This Posting" lens (newPrepDocFromJd.ts).
 */
import * as vscode from 'vscode';
import { Requests } from '../../server/protocol';
import type { PrepCommand } from './types';
import { objectArg, stringArg } from './util';

/** A posting's text and where it came from. */
export interface JdInput {
  text: string;
  source: string;
  scope?: vscode.Uri;
}

/** The posting: the `text` argument, else the selection, else the active file, else a file the user picks. */
export async function jdInput(arg: unknown, what: string): Promise<JdInput | undefined> {
  const a = objectArg(arg);
  const given = stringArg(a.text);
  const scopeArg = stringArg(a.scopeUri);
  if (given !== undefined) return { text: given, source: stringArg(a.source) ?? 'the given text', ...(scopeArg ? { scope: vscode.Uri.parse(scopeArg) } : {}) };
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return { text: editor.document.getText(editor.selection), scope: editor.document.uri, source: 'the selection' };
  if (editor && editor.document.getText().trim()) return { text: editor.document.getText(), scope: editor.document.uri, source: vscode.workspace.asRelativePath(editor.document.uri) };
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title: what, filters: { 'Text and markdown': ['md', 'markdown', 'txt'] } });
  if (!picked?.[0]) return undefined;
  return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(picked[0])), scope: picked[0], source: vscode.workspace.asRelativePath(picked[0]) };
}

export const classifyJd: PrepCommand = {
  id: 'prepLoop.classifyJobDescription',
  async run(services, arg) {
    const input = await jdInput(arg, 'Job description to classify');
    if (!input) return undefined;
    if (!input.text.trim()) {
      void vscode.window.showInformationMessage('Select the job description text (or open the file) first.');
      return undefined;
    }
    const result = await services.client.sendRequest<{ verdict: string; reason: string; title?: string; report: string }>(Requests.classifyJd, { text: input.text, source: input.source, ...(input.scope ? { scopeUri: input.scope.toString() } : {}) });
    const document = await services.reports.show('Job description check', result.report, { jd: { text: input.text, source: input.source, ...(input.scope ? { scopeUri: input.scope.toString() } : {}), verdict: result.verdict } });
    return { verdict: result.verdict, reason: result.reason, uri: document.uri.toString() };
  },
};

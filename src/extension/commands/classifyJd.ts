/**
 * Classify Job Description: reads a posting by its responsibilities (selection, else the whole
 * active file, else a file the user picks) on the server and opens its read-only markdown report beside it.
 */
import * as vscode from 'vscode';
import { Requests } from '../../server/protocol';
import type { PrepCommand } from './types';
import { objectArg, stringArg } from './util';

export const classifyJd: PrepCommand = {
  id: 'prepLoop.classifyJobDescription',
  async run(services, arg) {
    const a = objectArg(arg);
    let text = stringArg(a.text);
    let scope: vscode.Uri | undefined;
    let source = 'the given text';
    if (text === undefined) {
      const editor = vscode.window.activeTextEditor;
      if (editor && !editor.selection.isEmpty) {
        text = editor.document.getText(editor.selection);
        scope = editor.document.uri;
        source = 'the selection';
      } else if (editor && editor.document.getText().trim()) {
        text = editor.document.getText();
        scope = editor.document.uri;
        source = vscode.workspace.asRelativePath(editor.document.uri);
      } else {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title: 'Job description to classify', filters: { 'Text and markdown': ['md', 'markdown', 'txt'] } });
        if (!picked?.[0]) return undefined;
        scope = picked[0];
        text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(picked[0]));
        source = vscode.workspace.asRelativePath(picked[0]);
      }
    }
    if (!text.trim()) {
      void vscode.window.showInformationMessage('Select the job description text (or open the file) first.');
      return undefined;
    }
    const result = await services.client.sendRequest<{ verdict: string; report: string }>(Requests.classifyJd, { text, source, ...(scope ? { scopeUri: scope.toString() } : {}) });
    const document = await services.reports.show('Job description check', result.report);
    return { verdict: result.verdict, uri: document.uri.toString() };
  },
};

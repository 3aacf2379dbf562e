/**
 * New Prep Doc from Job Description…: classifies a posting on the server and, unless it is
 * unclear, creates `prep/<company>-<role>.md` in the workspace (one undoable edit: undo removes
 * the file) holding a prep doc of the verdict's loop: the title/duties disagreement at the top,
 * the screening questions, the prep list, the drills and one story skeleton per drill. Junk or
 * too-short input gets a message saying why and nothing else. Without a workspace folder the doc
 * opens as an untitled editor.
 */
import * as vscode from 'vscode';
import { Requests } from '../../server/protocol';
import { jdInput } from './classifyJd';
import type { PrepCommand } from './types';
import { objectArg, stringArg } from './util';

type Answer = { verdict: string; message?: string; loop?: string; text?: string; fileName?: string; storyLine?: number };

const TITLE = 'Prep Loop: New Prep Doc from Job Description';

export const newPrepDocFromJd: PrepCommand = {
  id: 'prepLoop.newPrepDocFromJd',
  async run(services, arg) {
    // From the report's title bar: the report's URI; its posting is the text.
    if (arg instanceof vscode.Uri) {
      const jd = services.reports.meta(arg)?.jd;
      if (!jd) return undefined;
      arg = { text: jd.text, source: jd.source, ...(jd.scopeUri ? { scopeUri: jd.scopeUri } : {}) };
    }
    const a = objectArg(arg);
    const input = await jdInput(arg, 'Job description to prepare for');
    if (!input) return undefined;
    if (input.text.trim().split(/\s+/).filter(Boolean).length < 3) {
      void vscode.window.showInformationMessage('Prep Loop needs the job posting itself: select its text (or open the file) and run the command again.');
      return { created: false, verdict: 'unclear' };
    }
    const scopeUri = input.scope?.toString();
    const first = await services.client.sendRequest<Answer>(Requests.jdPrepDoc, { text: input.text, ...(scopeUri ? { scopeUri } : {}) });
    if (first.message || !first.text) {
      void vscode.window.showInformationMessage(first.message ?? 'Prep Loop could not build a prep doc from this text.');
      return { created: false, verdict: first.verdict, message: first.message };
    }
    const title = /^role: (.*)$/m.exec(first.text)?.[1]?.replace(/^"|"$/g, '');
    const company = stringArg(a.company) ?? (await vscode.window.showInputBox({ title: TITLE, prompt: `A ${first.loop?.toUpperCase()} role. Company (optional)`, placeHolder: 'Acme' }));
    if (company === undefined) return undefined;
    const role = stringArg(a.role) ?? (await vscode.window.showInputBox({ title: TITLE, prompt: 'Role title as posted (optional)', value: title ?? '' }));
    if (role === undefined) return undefined;
    const answer = await services.client.sendRequest<Answer>(Requests.jdPrepDoc, { text: input.text, company, role, ...(scopeUri ? { scopeUri } : {}) });
    if (!answer.text || !answer.fileName) return { created: false, verdict: answer.verdict, message: answer.message };

    const folder = (input.scope && vscode.workspace.getWorkspaceFolder(input.scope)) ?? vscode.workspace.workspaceFolders?.[0];
    let document: vscode.TextDocument;
    if (folder) {
      const uri = await freeName(vscode.Uri.joinPath(folder.uri, stringArg(a.folder) ?? 'prep'), answer.fileName);
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: false });
      edit.insert(uri, new vscode.Position(0, 0), answer.text);
      if (!(await vscode.workspace.applyEdit(edit))) return { created: false, verdict: answer.verdict };
      document = await vscode.workspace.openTextDocument(uri);
    } else {
      document = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer.text });
    }
    const line = Math.min(answer.storyLine ?? 0, document.lineCount - 1);
    const at = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at), preview: false, viewColumn: vscode.ViewColumn.One });
    return { created: true, verdict: answer.verdict, loop: answer.loop, uri: document.uri.toString() };
  },
};

/** `dir/name`, or `dir/name-2.md`, `-3`… when taken. */
async function freeName(dir: vscode.Uri, name: string): Promise<vscode.Uri> {
  const base = name.replace(/\.md$/, '');
  for (let i = 1; i < 100; i++) {
    const uri = vscode.Uri.joinPath(dir, i === 1 ? name : `${base}-${i}.md`);
    const exists = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(
      () => true,
      () => false,
    );
    if (!exists) return uri;
  }
  return vscode.Uri.joinPath(dir, `${base}-${Date.now()}.md`);
}

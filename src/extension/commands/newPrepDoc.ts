/**
 * New Prep Doc…: asks for the loop, company and role, then opens an untitled prep doc whose Save
 * proposes `prep/<company>-<role>.md` in the workspace (not "Untitled-1"), with the cursor on the
 * empty line where the first story goes.
 */
import * as vscode from 'vscode';
import { jdFileName } from '../../service/jdDocModel';
import { newPrepDocText } from '../templates';
import type { PrepCommand } from './types';
import { loopArg, objectArg, pickLoop, stringArg } from './util';

export const newPrepDoc: PrepCommand = {
  id: 'prepLoop.newPrepDoc',
  async run(_services, arg) {
    const a = objectArg(arg);
    const loop = loopArg(a.loop) ?? (await pickLoop('Which interview loop is this doc for?'));
    if (!loop) return undefined;
    const company = stringArg(a.company) ?? (await vscode.window.showInputBox({ title: 'Prep Loop: New Prep Doc', prompt: 'Company (optional)', placeHolder: 'Acme' }));
    if (company === undefined) return undefined;
    const role = stringArg(a.role) ?? (await vscode.window.showInputBox({ title: 'Prep Loop: New Prep Doc', prompt: 'Role title as posted (optional)', placeHolder: loop === 'po' ? 'Product Owner' : 'Senior Product Manager' }));
    if (role === undefined) return undefined;
    const text = newPrepDocText({ loop, company, role });
    const folder = vscode.workspace.workspaceFolders?.[0];
    let document: vscode.TextDocument;
    if (folder) {
      // An untitled document with a path: Save proposes that path.
      const target = await untitledTarget(folder.uri, jdFileName(loop, company, role));
      document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: target.path }));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), text);
      await vscode.workspace.applyEdit(edit);
      if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    } else {
      document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    }
    const end = document.positionAt(document.getText().length);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(end, end) });
    return document.uri.toString();
  },
};

/** `prep/<name>` in the folder, numbered when a file or an open untitled doc has that name. */
async function untitledTarget(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const base = name.replace(/\.md$/, '');
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let i = 1; i < 100; i++) {
    const uri = vscode.Uri.joinPath(folder, 'prep', i === 1 ? name : `${base}-${i}.md`);
    if (open.has(uri.path)) continue;
    const exists = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(
      () => true,
      () => false,
    );
    if (!exists) return uri;
  }
  return vscode.Uri.joinPath(folder, 'prep', `${base}-${Date.now()}.md`);
}

/** New Prep Doc…: asks for the loop, company and role, then opens an untitled prep doc. */
import * as vscode from 'vscode';
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
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: newPrepDocText({ loop, company, role }) });
    await vscode.window.showTextDocument(document);
    return document.uri.toString();
  },
};

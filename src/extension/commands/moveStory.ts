/**
 * Move Story to Its Loop Doc: moves the story at the cursor (or at a given offset) to the end of
 * a prep doc of the story's loop elsewhere in the workspace, as one WorkspaceEdit (one undo).
 * The server finds the story and the candidate docs and builds the edit.
 */
import * as vscode from 'vscode';
import type { WorkspaceEdit } from 'vscode-languageclient';
import { Requests } from '../../server/protocol';
import { rankDocs } from '../coverageModel';
import type { PrepCommand } from './types';
import { applyLspWorkspaceEdit, ask, objectArg, stringArg } from './util';

type Answer = { message?: string; title?: string; loop?: string; candidates?: { uri: string; label: string; stories: number }[]; edit?: WorkspaceEdit };

export const moveStory: PrepCommand = {
  id: 'prepLoop.moveStory',
  async run(services, arg) {
    const a = objectArg(arg);
    const uriArg = stringArg(a.uri);
    const document = uriArg ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg)) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Move Story works on a story in a prep doc: put the cursor in one first.');
      return false;
    }
    const active = vscode.window.activeTextEditor;
    const offset = typeof a.offset === 'number' ? a.offset : active?.document === document ? document.offsetAt(active.selection.active) : -1;
    const uri = document.uri.toString();
    const found = await ask<Answer>(services, Requests.moveStory, { uri, offset });
    if (found.message || !found.candidates) {
      void vscode.window.showInformationMessage(found.message ?? 'Put the cursor inside a story of a prep doc.');
      return false;
    }
    const targetArg = stringArg(a.target);
    let target = targetArg ? found.candidates.find((c) => c.uri === targetArg) : found.candidates.length === 1 ? found.candidates[0] : undefined;
    if (!target && !targetArg) {
      // The loop's main doc first (the picker's first item is the one Enter takes), drafts last.
      const ranked = rankDocs(found.candidates.map((c) => ({ ...c, file: c.label, loop: found.loop })), found.loop ?? '');
      const picked = await vscode.window.showQuickPick(
        ranked.map((c) => ({ label: c.label, description: `${c.stories} ${c.stories === 1 ? 'story' : 'stories'}`, c })),
        { title: 'Prep Loop', placeHolder: `Move "${found.title}" to which ${found.loop === 'hybrid' ? 'hybrid' : (found.loop ?? '').toUpperCase()} doc?` },
      );
      target = picked?.c;
    }
    if (!target) return false;
    const moved = await ask<Answer>(services, Requests.moveStory, { uri, offset, target: target.uri });
    if (!moved.edit) {
      void vscode.window.showInformationMessage(moved.message ?? 'Prep Loop could not move the story.');
      return false;
    }
    const ok = await applyLspWorkspaceEdit(services, moved.edit);
    if (ok) void vscode.window.setStatusBarMessage(`Moved "${found.title}" to ${target.label}`, 4000);
    return ok;
  },
};

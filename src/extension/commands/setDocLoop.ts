/** Set Doc Loop…: sets (or adds) the `loop:` front matter of the active markdown file. */
import * as vscode from 'vscode';
import { toWorkspaceEdit } from '../convert';
import { setLoopFix } from '../editModel';
import type { PrepCommand } from './types';
import { loopArg, markdownEditor, pickLoop, stateOf } from './util';

export const setDocLoop: PrepCommand = {
  id: 'prepLoop.setDocLoop',
  async run(services, arg) {
    const editor = markdownEditor('Set Doc Loop');
    if (!editor) return false;
    const state = await stateOf(services, editor.document);
    const doc = state?.result.doc;
    if (!doc) {
      void vscode.window.showInformationMessage(state?.result.skipped ?? 'Prep Loop cannot read this file.');
      return false;
    }
    const loop = loopArg(arg) ?? (await pickLoop("Set this doc's interview loop", doc.loop));
    if (!loop) return false;
    const fix = setLoopFix(doc, loop);
    if (!fix) {
      void vscode.window.showWarningMessage('The front matter is not valid YAML; fix it first, then set the loop.');
      return false;
    }
    if (!fix.edits.length) return true;
    return vscode.workspace.applyEdit(toWorkspaceEdit(editor.document, fix.edits));
  },
};

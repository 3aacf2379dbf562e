/** Set Doc Loop…: sets (or adds) the `loop:` front matter of the active markdown file (the server computes the edit). */
import * as vscode from 'vscode';
import type { TextEdit } from 'vscode-languageclient';
import { Requests } from '../../server/protocol';
import type { PrepCommand } from './types';
import { applyLspEdits, ask, loopArg, markdownEditor, pickLoop, type Loop } from './util';

type Answer = { edits?: TextEdit[]; current?: Loop; message?: string };

export const setDocLoop: PrepCommand = {
  id: 'prepLoop.setDocLoop',
  async run(services, arg) {
    const editor = markdownEditor('Set Doc Loop');
    if (!editor) return false;
    const uri = editor.document.uri.toString();
    let loop = loopArg(arg);
    if (!loop) {
      const info = await ask<Answer>(services, Requests.setDocLoop, { uri });
      if (info.message) {
        void vscode.window.showInformationMessage(info.message);
        return false;
      }
      loop = await pickLoop("Set this doc's interview loop", info.current);
    }
    if (!loop) return false;
    const answer = await ask<Answer>(services, Requests.setDocLoop, { uri, loop });
    if (!answer.edits) {
      void vscode.window.showWarningMessage(answer.message ?? 'Prep Loop cannot set the loop of this file.');
      return false;
    }
    if (!answer.edits.length) return true;
    return applyLspEdits(services, editor.document, answer.edits);
  },
};

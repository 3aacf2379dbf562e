/**
 * Move Story to Its Loop Doc: moves the story at the cursor (or at a given offset) to the end of
 * a prep doc of the story's loop elsewhere in the workspace, as one WorkspaceEdit (one undo).
 */
import * as vscode from 'vscode';
import { loopName } from '../../core/rules/util';
import { appendBlock, storyAt, storyBlock } from '../editModel';
import { shortPath } from '../workspaceScan';
import type { PrepCommand } from './types';
import { objectArg, stateOf, stringArg } from './util';

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
    const doc = (await stateOf(services, document))?.result.doc;
    const offset = typeof a.offset === 'number' ? a.offset : vscode.window.activeTextEditor?.document === document ? document.offsetAt(vscode.window.activeTextEditor.selection.active) : -1;
    const story = doc ? storyAt(doc, offset) : undefined;
    if (!doc || !story) {
      void vscode.window.showInformationMessage('Put the cursor inside a story of a prep doc.');
      return false;
    }
    const loop = story.loop;
    if (!loop || loop === doc.loop) {
      void vscode.window.showInformationMessage(loop ? `This story already sits in a ${loopName(loop)} doc.` : 'Tag the story with its loop first (#pm, #po or #hybrid).');
      return false;
    }
    const candidates = (await services.files.prepDocs()).filter((d) => d.prep.loop === loop && d.uri.toString() !== document.uri.toString());
    if (!candidates.length) {
      void vscode.window.showInformationMessage(`No ${loopName(loop)} prep doc in this workspace yet. Create one with "Prep Loop: New Prep Doc…", then move the story.`);
      return false;
    }
    const targetArg = stringArg(a.target);
    let target = targetArg ? candidates.find((c) => c.uri.toString() === targetArg) : candidates.length === 1 ? candidates[0] : undefined;
    if (!target && !targetArg) {
      const picked = await vscode.window.showQuickPick(
        candidates.map((c) => ({ label: shortPath(c.uri), description: `${c.prep.stories.length} ${c.prep.stories.length === 1 ? 'story' : 'stories'}`, c })),
        { title: 'Prep Loop', placeHolder: `Move "${story.heading.title}" to which ${loopName(loop)} doc?` },
      );
      target = picked?.c;
    }
    if (!target) return false;
    const block = storyBlock(doc, story);
    const targetDoc = await vscode.workspace.openTextDocument(target.uri);
    const targetText = targetDoc.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.delete(document.uri, new vscode.Range(document.positionAt(block.start), document.positionAt(block.end)));
    edit.insert(target.uri, targetDoc.positionAt(targetText.length), appendBlock(targetText, block.text));
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) void vscode.window.setStatusBarMessage(`Moved "${story.heading.title}" to ${shortPath(target.uri)}`, 4000);
    return ok;
  },
};

/**
 * The actions on a Prep Stories row (context menu and inline buttons): Open, Tag…, Retag as…,
 * Move to Its Loop Doc, Drill This Drill. Each opens the story's doc with the cursor on its
 * heading and runs the editor command, so a row action and the palette command do the same edit.
 * Called with a row (from the view), or with `{ title }` (tests, keybindings) naming a story.
 */
import * as vscode from 'vscode';
import { getDrill } from '../../core/lexicon';
import type { StoryNode } from '../storiesTree';
import type { PrepCommand, Services } from './types';
import { loopArg, objectArg, pickLoop, stringArg } from './util';

async function nodeOf(services: Services, arg: unknown): Promise<StoryNode | undefined> {
  if (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'story') return arg as StoryNode;
  const title = stringArg(objectArg(arg).title);
  return title ? services.stories.find(title) : undefined;
}

/** Opens the story's doc with the cursor at the start of its heading. */
async function openAt(node: StoryNode, preserveFocus = false): Promise<vscode.TextEditor> {
  const at = node.range.start;
  return vscode.window.showTextDocument(node.uri, { selection: new vscode.Range(at, at), preview: false, preserveFocus });
}

export const openStoryItem: PrepCommand = {
  id: 'prepLoop.story.open',
  async run(services, arg) {
    const node = await nodeOf(services, arg);
    if (!node) return false;
    await openAt(node);
    return true;
  },
};

export const tagStoryItem: PrepCommand = {
  id: 'prepLoop.story.tag',
  async run(services, arg) {
    const node = await nodeOf(services, arg);
    if (!node) return false;
    await openAt(node);
    const a = objectArg(arg);
    return vscode.commands.executeCommand('prepLoop.tagStory', 'loop' in a || 'axis' in a ? { loop: a.loop, axis: a.axis } : undefined);
  },
};

export const retagStoryItem: PrepCommand = {
  id: 'prepLoop.story.retag',
  async run(services, arg) {
    const node = await nodeOf(services, arg);
    if (!node) return false;
    const current = loopArg(node.loopFrom === 'tag' ? node.loop : undefined);
    const loop = loopArg(objectArg(arg).loop) ?? (await pickLoop(`Retag "${node.title}" as`, current, current === 'pm' ? 'po' : current === 'po' ? 'pm' : loopArg(node.docLoop)));
    if (!loop) return false;
    await openAt(node);
    return vscode.commands.executeCommand('prepLoop.tagStory', { loop });
  },
};

export const moveStoryItem: PrepCommand = {
  id: 'prepLoop.story.move',
  async run(services, arg) {
    const node = await nodeOf(services, arg);
    if (!node) return false;
    const editor = await openAt(node);
    const target = stringArg(objectArg(arg).target);
    return vscode.commands.executeCommand('prepLoop.moveStory', { uri: node.uri.toString(), offset: editor.document.offsetAt(node.range.end), ...(target ? { target } : {}) });
  },
};

export const drillStoryItem: PrepCommand = {
  id: 'prepLoop.story.drill',
  async run(services, arg) {
    const node = await nodeOf(services, arg);
    if (!node) return false;
    const given = stringArg(objectArg(arg).drill);
    let drill = given ?? (node.drills.length === 1 ? node.drills[0] : undefined);
    if (!drill && node.drills.length > 1) {
      const picked = await vscode.window.showQuickPick(
        node.drills.map((d) => ({ label: getDrill(d)?.label ?? d, description: getDrill(d)?.loop.toUpperCase(), d })),
        { title: 'Prep Loop', placeHolder: `"${node.title}" touches several drills: drill which one?` },
      );
      if (!picked) return false;
      drill = picked.d;
    }
    const loop = drill ? getDrill(drill)?.loop : loopArg(node.loop);
    return vscode.commands.executeCommand('prepLoop.drillQuestion', { ...(loop ? { loop } : {}), ...(drill ? { drill } : {}), uri: node.uri.toString(), ...('questionId' in objectArg(arg) ? { questionId: objectArg(arg).questionId } : {}) });
  },
};

/** Reveals the story at the active editor's cursor in the Prep Stories view (tests; also runs on cursor moves). */
export const revealStoryCommand: PrepCommand = {
  id: 'prepLoop._revealStory',
  async run(services) {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return { revealed: false, selection: [] };
    const title = await services.stories.revealAt(editor);
    return { revealed: !!title, selection: title ? await services.stories.selectionIncludes(title) : services.stories.selection };
  },
};

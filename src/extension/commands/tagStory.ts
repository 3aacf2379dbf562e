/**
 * Tag Story…: sets the loop tag and adds an axis tag to the story at the cursor. The loop picker
 * starts on the story's loop tag, else on the loop its text reads as.
 */
import * as vscode from 'vscode';
import { lexiconFor } from '../../core/lint';
import { AXES, type Axis } from '../../core/types';
import { toWorkspaceEdit } from '../convert';
import { inferStoryLoop, storyAt, tagStoryEdits } from '../editModel';
import type { PrepCommand } from './types';
import { loopArg, markdownEditor, objectArg, pickLoop, stateOf } from './util';

const AXIS_DETAIL: Record<Axis, string> = {
  strategy: 'Where the product goes and why',
  metrics: 'The numbers, and what you did with them',
  execution: 'Getting work delivered: backlog, sprints, slicing',
  stakeholders: 'Competing asks, alignment, pushback',
};

export const tagStory: PrepCommand = {
  id: 'prepLoop.tagStory',
  async run(services, arg) {
    const a = objectArg(arg);
    const editor = markdownEditor('Tag Story');
    if (!editor) return false;
    const lint = await stateOf(services, editor.document);
    const doc = lint?.result.doc;
    const story = doc ? storyAt(doc, editor.document.offsetAt(editor.selection.active)) : undefined;
    if (!lint || !doc || !story) {
      void vscode.window.showInformationMessage('Put the cursor inside a story (a section under a story heading) of a prep doc.');
      return false;
    }
    // Called with arguments (tests, other commands): no pickers; a missing axis means "leave the axes".
    const scripted = 'loop' in a || 'axis' in a;
    const loop = scripted ? loopArg(a.loop) : await pickLoop(`Loop of "${story.heading.title}"`, story.loop, inferStoryLoop(doc, story, lexiconFor(lint.ctx.config.lexicon)));
    if (!loop && !scripted) return false;
    let axis: Axis | undefined = typeof a.axis === 'string' && (AXES as readonly string[]).includes(a.axis) ? (a.axis as Axis) : undefined;
    if (!scripted) {
      const picked = await vscode.window.showQuickPick(
        [
          ...AXES.map((x) => ({ label: `#${x}`, axis: x as Axis | undefined, detail: AXIS_DETAIL[x], description: story.axisTags.some((t) => t.name === x) ? '(already tagged)' : '' })),
          { label: 'No axis tag', axis: undefined, detail: 'Only set the loop', description: '' },
        ],
        { title: 'Prep Loop', placeHolder: 'Which axis does this story pull?' },
      );
      if (!picked) return false;
      axis = picked.axis;
    }
    const edits = tagStoryEdits(doc, story, { ...(loop ? { loop } : {}), ...(axis ? { axis } : {}) });
    if (!edits.length) return true;
    return vscode.workspace.applyEdit(toWorkspaceEdit(editor.document, edits));
  },
};

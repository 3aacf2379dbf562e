/**
 * Tag Story…: sets the loop tag and adds an axis tag to the story at the cursor. The loop picker
 * starts on the story's loop tag, else on the loop its text reads as (the server infers it).
 */
import * as vscode from 'vscode';
import type { TextEdit } from 'vscode-languageclient';
import { Requests } from '../../server/protocol';
import type { PrepCommand } from './types';
import { applyLspEdits, ask, loopArg, markdownEditor, objectArg, pickLoop, type Loop } from './util';

type Axis = 'strategy' | 'metrics' | 'execution' | 'stakeholders';
const AXES: readonly Axis[] = ['strategy', 'metrics', 'execution', 'stakeholders'];
const AXIS_DETAIL: Record<Axis, string> = {
  strategy: 'Where the product goes and why',
  metrics: 'The numbers, and what you did with them',
  execution: 'Getting work delivered: backlog, sprints, slicing',
  stakeholders: 'Competing asks, alignment, pushback',
};

type Answer = { story?: { title: string; loop?: Loop; inferred?: Loop; axes: Axis[] }; edits?: TextEdit[] };

export const tagStory: PrepCommand = {
  id: 'prepLoop.tagStory',
  async run(services, arg) {
    const a = objectArg(arg);
    const editor = markdownEditor('Tag Story');
    if (!editor) return false;
    const at = { uri: editor.document.uri.toString(), position: editor.selection.active };
    const { story } = await ask<Answer>(services, Requests.tagStory, at);
    if (!story) {
      void vscode.window.showInformationMessage('Put the cursor inside a story (a section under a story heading) of a prep doc.');
      return false;
    }
    // Called with arguments (tests, other commands): no pickers; a missing axis means "leave the axes".
    const scripted = 'loop' in a || 'axis' in a;
    const loop = scripted ? loopArg(a.loop) : await pickLoop(`Loop of "${story.title}"`, story.loop, story.inferred);
    if (!loop && !scripted) return false;
    let axis: Axis | undefined = typeof a.axis === 'string' && (AXES as readonly string[]).includes(a.axis) ? (a.axis as Axis) : undefined;
    if (!scripted) {
      const picked = await vscode.window.showQuickPick(
        [
          ...AXES.map((x) => ({ label: `#${x}`, axis: x as Axis | undefined, detail: AXIS_DETAIL[x], description: story.axes.includes(x) ? '(already tagged)' : '' })),
          { label: 'No axis tag', axis: undefined, detail: 'Only set the loop', description: '' },
        ],
        { title: 'Prep Loop', placeHolder: 'Which axis does this story pull?' },
      );
      if (!picked) return false;
      axis = picked.axis;
    }
    const { edits } = await ask<Answer>(services, Requests.tagStory, { ...at, choice: { ...(loop ? { loop } : {}), ...(axis ? { axis } : {}) } });
    if (!edits?.length) return true;
    return applyLspEdits(services, editor.document, edits);
  },
};

/** Insert User Story / Insert PRD Outline: the contributed snippets, inserted as snippets (tab stops). */
import * as vscode from 'vscode';
import snippets from '../../../snippets/markdown.json';
import type { PrepCommand } from './types';
import { markdownEditor } from './util';

interface SnippetDef {
  prefix: string | string[];
  body: string | string[];
}

function snippetBody(prefix: string): string | undefined {
  for (const def of Object.values(snippets as Record<string, SnippetDef>)) {
    const prefixes = Array.isArray(def.prefix) ? def.prefix : [def.prefix];
    if (prefixes.includes(prefix)) return Array.isArray(def.body) ? def.body.join('\n') : def.body;
  }
  return undefined;
}

function insertCommand(id: string, what: string, prefix: string): PrepCommand {
  return {
    id,
    async run() {
      const editor = markdownEditor(what);
      if (!editor) return false;
      const body = snippetBody(prefix);
      if (body === undefined) {
        void vscode.window.showErrorMessage(`Prep Loop: the "${prefix}" snippet is missing from this build.`);
        return false;
      }
      // A snippet that starts with a heading or a list needs a line of its own.
      const line = editor.document.lineAt(editor.selection.active.line);
      const onEmptyLine = line.isEmptyOrWhitespace;
      return editor.insertSnippet(new vscode.SnippetString(onEmptyLine ? body : `\n\n${body}`), onEmptyLine ? undefined : line.range.end);
    },
  };
}

export const insertUserStory = insertCommand('prepLoop.insertUserStory', 'Insert User Story', 'prep-user-story');
export const insertPrdOutline = insertCommand('prepLoop.insertPrdOutline', 'Insert PRD Outline', 'prep-prd');

/** Small helpers the commands share: the active markdown editor, argument checks, pickers. */
import * as vscode from 'vscode';
import type { TextEdit as LspTextEdit, WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient';
import type { Services } from './types';

/** The interview loops. */
export type Loop = 'pm' | 'po' | 'hybrid';
const LOOPS: readonly Loop[] = ['pm', 'po', 'hybrid'];

/** The active markdown editor, or undefined after telling the user why nothing happened. */
export function markdownEditor(what: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showInformationMessage(`${what} works on a markdown file: open one first.`);
  return undefined;
}

/** Asks the server something about a document (its current text: the client syncs edits first). */
export function ask<T>(services: Services, method: string, params: object): Promise<T> {
  return services.client.sendRequest<T>(method, params);
}

/** Applies the server's text edits to a document. */
export async function applyLspEdits(services: Services, document: vscode.TextDocument, edits: LspTextEdit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, await services.client.protocol2CodeConverter.asTextEdits(edits));
  return vscode.workspace.applyEdit(edit);
}

/** Applies a workspace edit from the server (one undoable step). */
export async function applyLspWorkspaceEdit(services: Services, edit: LspWorkspaceEdit): Promise<boolean> {
  return vscode.workspace.applyEdit(await services.client.protocol2CodeConverter.asWorkspaceEdit(edit));
}

/** An object argument, or an empty one. */
export function objectArg(arg: unknown): Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? (arg as Record<string, unknown>) : {};
}

/** A string argument, or undefined. */
export function stringArg(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A loop argument (`pm`, `po`, `hybrid`), or undefined. */
export function loopArg(v: unknown): Loop | undefined {
  return typeof v === 'string' && (LOOPS as readonly string[]).includes(v.toLowerCase()) ? (v.toLowerCase() as Loop) : undefined;
}

const LOOP_ITEMS: { loop: Loop; label: string; detail: string }[] = [
  { loop: 'pm', label: 'PM', detail: 'Product Manager loop: strategy, metrics, product sense, experiments' },
  { loop: 'po', label: 'PO', detail: 'Product Owner loop: backlog, Scrum mechanics, user stories, sprint capacity' },
  { loop: 'hybrid', label: 'Hybrid', detail: 'One person doing both jobs: prepare both sets of drills' },
];

/**
 * Asks for a loop. `current` is marked "(current)"; `suggested` (default: `current`) is marked
 * "(inferred from the text)" when it differs, and is the item Enter picks.
 */
export function pickLoop(placeHolder: string, current?: Loop, suggested: Loop | undefined = current): Promise<Loop | undefined> {
  const items = LOOP_ITEMS.map((i) => ({ ...i, description: i.loop === current ? '(current)' : i.loop === suggested ? '(inferred from the text)' : '' }));
  const pick = vscode.window.createQuickPick<(typeof items)[number]>();
  pick.title = 'Prep Loop';
  pick.placeholder = placeHolder;
  pick.items = items;
  const preselected = items.find((i) => i.loop === suggested);
  if (preselected) pick.activeItems = [preselected];
  return new Promise((resolve) => {
    let result: Loop | undefined;
    pick.onDidAccept(() => {
      result = pick.selectedItems[0]?.loop ?? pick.activeItems[0]?.loop;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

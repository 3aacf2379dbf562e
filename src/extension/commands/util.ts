/** Small helpers the commands share: the active markdown editor, argument checks, pickers. */
import * as vscode from 'vscode';
import { LOOPS, type Loop } from '../../core/types';
import type { DocLint } from '../diagnostics';
import type { Services } from './types';

/** The active markdown editor, or undefined after telling the user why nothing happened. */
export function markdownEditor(what: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showInformationMessage(`${what} works on a markdown file: open one first.`);
  return undefined;
}

/** The lint of a document's current text (computed if needed; the shown diagnostics do not move). */
export function stateOf(services: Services, document: vscode.TextDocument): Promise<DocLint | undefined> {
  return services.linter.current(document);
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

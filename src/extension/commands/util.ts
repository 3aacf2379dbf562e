/** Small helpers the commands share: the active markdown editor, argument checks, pickers. */
import * as vscode from 'vscode';
import { LOOPS, type Loop } from '../../core/types';
import type { DocState } from '../diagnostics';
import type { Services } from './types';

/** The active markdown editor, or undefined after telling the user why nothing happened. */
export function markdownEditor(what: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showInformationMessage(`${what} works on a markdown file: open one first.`);
  return undefined;
}

/** The current lint state of an editor's document (linting it first if needed). */
export async function stateOf(services: Services, document: vscode.TextDocument): Promise<DocState | undefined> {
  return services.linter.fresh(document) ?? (await services.linter.lintSettled(document));
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

/** Asks for a loop. */
export async function pickLoop(placeHolder: string, current?: Loop): Promise<Loop | undefined> {
  const items = LOOP_ITEMS.map((i) => ({ ...i, description: i.loop === current ? '(current)' : '' }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, title: 'Prep Loop' });
  return picked?.loop;
}

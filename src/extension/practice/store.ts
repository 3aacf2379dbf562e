/**
 * Where the review history lives: the user's global state (it follows them across workspaces),
 * read through the core's validation so a damaged value never breaks Practice Today.
 */
import type * as vscode from 'vscode';
import { emptyHistory, validateHistory, type ReviewHistory } from '../../core/practice';

/** The global-state key of the review history. */
export const HISTORY_KEY = 'prepLoop.reviewHistory';

/** The stored history, or an empty one (logging why) when the stored value is missing or invalid. */
export function loadHistory(context: vscode.ExtensionContext, log?: vscode.LogOutputChannel): ReviewHistory {
  const raw = context.globalState.get<unknown>(HISTORY_KEY);
  if (raw === undefined) return emptyHistory();
  const read = validateHistory(raw);
  if (read.ok) return read.history;
  log?.warn(`Ignoring the stored review history: ${read.error}`);
  return emptyHistory();
}

/** Stores the history. */
export async function saveHistory(context: vscode.ExtensionContext, history: ReviewHistory): Promise<void> {
  await context.globalState.update(HISTORY_KEY, history);
}

/** Commands without a palette entry: state for tests, and helpers the code actions call. */
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../../core/docs-url';
import { Requests, type LintReport } from '../../server/protocol';
import { activationTime, serverStartCount } from '../runtime';
import { DRILLED_KEY } from './drillQuestion';
import type { PrepCommand } from './types';

/** What the status bar shows for the active editor: `{ visible, text, tooltip }`. */
export const statusTextCommand: PrepCommand = {
  id: 'prepLoop._statusText',
  run: (services) => services.statusBar.current,
};

/** How long activation took, in ms (client and server started). */
export const activationTimeCommand: PrepCommand = {
  id: 'prepLoop._activationTime',
  run: () => activationTime(),
};

/** Whether the language server runs and how often it started: `{ running, starts }` (a crash and restart makes `starts` > 1). */
export const serverHealthCommand: PrepCommand = {
  id: 'prepLoop._serverHealth',
  run: (services) => ({ running: services.client.isRunning(), starts: serverStartCount() }),
};

/** Opens a rule's docs page (used by the "Show docs: …" code action). */
export const showRuleDocsCommand: PrepCommand = {
  id: 'prepLoop._showRuleDocs',
  async run(_services, ruleId) {
    if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return false;
    return vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
  },
};

/**
 * Lints an open document now and reports what its diagnostics are based on: a barrier for tests
 * (wait for this instead of sleeping) and a way to re-check one file on demand.
 */
export const lintNowCommand: PrepCommand = {
  id: 'prepLoop._lint',
  async run(services, uri) {
    const key = typeof uri === 'string' ? uri : vscode.window.activeTextEditor?.document.uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!document) return undefined;
    return (await services.client.sendRequest<LintReport | null>(Requests.lint, { uri: document.uri.toString() })) ?? undefined;
  },
};

/** The Prep Stories tree as plain data (loop → axis → story titles; `{ detail: true }`: each row's description, tooltip, context value and problem count). */
export const storiesSnapshotCommand: PrepCommand = {
  id: 'prepLoop._stories',
  run: (services, arg) => services.stories.snapshot(typeof arg === 'object' && arg !== null && (arg as { detail?: unknown }).detail === true),
};

/** Counters of one document's lint lifecycle: `{ publishes, pending, shownVersion }`. */
export const lintStatsCommand: PrepCommand = {
  id: 'prepLoop._lintStats',
  run(services, uri) {
    return typeof uri === 'string' ? services.client.sendRequest(Requests.lintStats, { uri }) : undefined;
  },
};

/** Counters of the workspace scan cache: `{ reads, summaries, skippedUnread, cached }`. */
export const scanStatsCommand: PrepCommand = {
  id: 'prepLoop._scanStats',
  run: (services) => services.client.sendRequest(Requests.scanStats, {}),
};

/** Clears the diagnostics Lint Workspace left on files that are not open (also in the palette: Clear Lint Workspace Results). */
export const clearClosedCommand: PrepCommand = {
  id: 'prepLoop._clearClosedDiagnostics',
  run: (services) => services.client.sendRequest(Requests.clearWorkspaceLint, {}),
};

/** Clear Lint Workspace Results: the palette command. */
export const clearWorkspaceLintCommand: PrepCommand = {
  id: 'prepLoop.clearWorkspaceLint',
  run: (services) => services.client.sendRequest(Requests.clearWorkspaceLint, {}),
};

/** The ids of the drilled questions; with an array argument, replaces them first (tests put them back). */
export const drilledQuestionsCommand: PrepCommand = {
  id: 'prepLoop._drilledQuestions',
  async run(services, ids) {
    const state = services.context.globalState;
    if (Array.isArray(ids)) await state.update(DRILLED_KEY, ids.filter((x): x is string => typeof x === 'string'));
    const v = state.get<unknown>(DRILLED_KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  },
};

/** Commands without a palette entry: state for tests, and helpers the code actions call. */
import * as vscode from 'vscode';
import { showRuleDocs, SHOW_DOCS_COMMAND } from '../codeActions';
import { DRILLED_KEY } from './drillQuestion';
import type { PrepCommand } from './types';

/** What the status bar shows for the active editor: `{ visible, text, tooltip }`. */
export const statusTextCommand: PrepCommand = {
  id: 'prepLoop._statusText',
  run: (services) => services.statusBar.current,
};

/** Opens a rule's docs page (used by the "Show docs for …" code action). */
export const showRuleDocsCommand: PrepCommand = {
  id: SHOW_DOCS_COMMAND,
  run: (_services, ruleId) => showRuleDocs(ruleId),
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
    const state = await services.linter.lintSettled(document);
    if (!state) return undefined;
    return {
      version: state.version,
      isPrepDoc: !!state.result.doc?.isPrepDoc,
      loop: state.result.doc?.loop,
      findings: state.result.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.range.start.line })),
      skipped: state.result.skipped,
    };
  },
};

/** The Prep Stories tree as plain data (loop → axis → story titles). */
export const storiesSnapshotCommand: PrepCommand = {
  id: 'prepLoop._stories',
  run: (services) => services.stories.snapshot(),
};

/** Counters of one document's lint lifecycle: `{ publishes, pending, shownVersion }`. */
export const lintStatsCommand: PrepCommand = {
  id: 'prepLoop._lintStats',
  run(services, uri) {
    return typeof uri === 'string' ? services.linter.stats(vscode.Uri.parse(uri)) : undefined;
  },
};

/** Counters of the workspace scan cache: `{ reads, summaries, skippedUnread, cached }`. */
export const scanStatsCommand: PrepCommand = {
  id: 'prepLoop._scanStats',
  run: (services) => services.files.stats(),
};

/** Clears the diagnostics Lint Workspace left on files that are not open. */
export const clearClosedCommand: PrepCommand = {
  id: 'prepLoop._clearClosedDiagnostics',
  run(services) {
    services.linter.clearClosed();
    return true;
  },
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

/** Commands without a palette entry: state for tests, and helpers the code actions call. */
import * as vscode from 'vscode';
import { showRuleDocs, SHOW_DOCS_COMMAND } from '../codeActions';
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

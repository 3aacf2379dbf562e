/**
 * Lint Workspace: checks every markdown file of the workspace, with progress and cancel. Files that
 * are not open keep their diagnostics (the server's) until they change or the user clears them
 * (Clear Lint Workspace Results); a configuration change or an edit on disk re-checks them.
 */
import * as vscode from 'vscode';
import { Requests, type FileLint } from '../../server/protocol';
import { EXCLUDE_GLOB } from '../runtime';
import type { PrepCommand } from './types';

/** What a workspace lint found (also returned to callers, e.g. tests). */
export interface WorkspaceLintSummary {
  files: number;
  prepDocs: number;
  errors: number;
  warnings: number;
  other: number;
  cancelled: boolean;
}

export const lintWorkspace: PrepCommand = {
  id: 'prepLoop.lintWorkspace',
  async run(services) {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Prep Loop: checking the workspace', cancellable: true },
      async (progress, token): Promise<WorkspaceLintSummary> => {
        const uris = (await vscode.workspace.findFiles('**/*.{md,markdown}', EXCLUDE_GLOB, 5000, token)).sort((x, y) => x.toString().localeCompare(y.toString()));
        const summary: WorkspaceLintSummary = { files: uris.length, prepDocs: 0, errors: 0, warnings: 0, other: 0, cancelled: false };
        const step = uris.length ? 100 / uris.length : 100;
        let done = 0;
        for (const uri of uris) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${++done}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: step });
          const result = await services.client.sendRequest<FileLint | null>(Requests.lintFile, { uri: uri.toString() });
          if (!result?.isPrepDoc) continue;
          summary.prepDocs++;
          summary.errors += result.errors;
          summary.warnings += result.warnings;
          summary.other += result.other;
        }
        summary.cancelled = token.isCancellationRequested;
        const head = summary.cancelled ? 'Stopped early: ' : '';
        const counts = `${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.other} note${summary.other === 1 ? '' : 's'}`;
        const message = summary.prepDocs
          ? `${head}${summary.prepDocs} prep doc${summary.prepDocs === 1 ? '' : 's'} checked (of ${summary.files} markdown files): ${counts}.`
          : `${head}No prep docs among ${summary.files} markdown files. A prep doc declares "loop: pm", "po" or "hybrid" in its front matter.`;
        void vscode.window.showInformationMessage(message, ...(summary.prepDocs ? ['Show Problems'] : [])).then((c) => {
          if (c) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return summary;
      },
    );
  },
};

/** Lint Workspace: checks every markdown file of the workspace, with progress and cancel. */
import * as vscode from 'vscode';
import { listMarkdown, scanFiles, shortPath } from '../workspaceScan';
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
        const uris = await listMarkdown(token);
        const summary: WorkspaceLintSummary = { files: uris.length, prepDocs: 0, errors: 0, warnings: 0, other: 0, cancelled: false };
        const step = uris.length ? 100 / uris.length : 100;
        const scanned = await scanFiles(services.linter, {
          uris,
          token,
          onFile: (done, total, uri) => progress.report({ message: `${done + 1}/${total} ${shortPath(uri)}`, increment: step }),
        });
        summary.cancelled = token.isCancellationRequested;
        for (const f of scanned) {
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.uri.toString());
          const state = open ? await services.linter.lint(open) : services.linter.applyText(f.uri, f.text, f.ctx);
          const result = state?.result ?? f.result;
          if (!result.doc?.isPrepDoc) continue;
          summary.prepDocs++;
          for (const finding of result.findings) {
            if (finding.severity === 'error') summary.errors++;
            else if (finding.severity === 'warning') summary.warnings++;
            else summary.other++;
          }
        }
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

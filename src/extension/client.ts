/**
 * The VS Code side of Prep Loop: a language client for the Prep Loop language server plus the UI
 * only VS Code has (status bar, Prep Stories and Practice Today trees, the answer timer, report
 * documents, webviews, commands). The
 * extension host never parses a prep doc: every analysis is a request to the server, which runs
 * in a child process (desktop) or a web worker (vscode.dev). The client reads files for the
 * server through `vscode.workspace.fs`, so virtual and remote workspaces work.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { decodeText } from '../core/encoding';
import { FsRequests, Notifications, type PrepInitOptions } from '../server/protocol';
import { registerCommands } from './commands/index';
import type { Services } from './commands/types';
import { CoveragePanel } from './coveragePanel';
import { PracticeSession } from './practice/session';
import { ReportDocuments } from './reportDocs';
import { readSettingValues, warnAboutSettings } from './settings';
import { StatusBar, type DocStatus } from './statusBar';
import { StoriesTree } from './storiesTree';

import { countServerStart, EXCLUDE_GLOB, setActivationTime } from './runtime';

export { activationTime, EXCLUDE_GLOB } from './runtime';

const MAX_FILES = 5000;

/** Makes the language client for a platform (Node: a child process; web: a worker). */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

/** The documents Prep Loop looks at: markdown in files, untitled editors and the workspace's own schemes. */
export function documentSelector(): { language: string; scheme: string }[] {
  const schemes = new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  return [...schemes].map((scheme) => ({ language: 'markdown', scheme }));
}

/** Whether VS Code's built-in markdown extension (which provides the markdown outline) is there. */
export function hasMarkdownOutline(): boolean {
  return !!vscode.extensions.getExtension('vscode.markdown-language-features');
}

/** Starts the client and the UI. */
export async function activateClient(context: vscode.ExtensionContext, makeClient: ClientFactory): Promise<void> {
  const t0 = Date.now();
  const log = vscode.window.createOutputChannel('Prep Loop', { log: true });
  const initializationOptions: PrepInitOptions = { clientFs: true, diagnostics: 'push', vscodeCommands: true };
  const client = makeClient({
    documentSelector: documentSelector(),
    outputChannel: log,
    diagnosticCollectionName: 'prep-loop',
    initializationOptions,
    synchronize: { configurationSection: 'prepLoop' },
    middleware: {
      // VS Code's own markdown outline already lists every heading (tags included) with the right
      // ranges; a second provider would make the outline show two trees and could win sticky
      // scroll with its own grouping. Editors without one (Neovim, Helix…) get the server's outline.
      provideDocumentSymbols: (document, token, next) => (hasMarkdownOutline() ? [] : next(document, token)),
      workspace: {
        // Only the values the user set: unset settings leave the core's defaults in place.
        configuration: (params) => params.items.map((item) => (item.section === 'prepLoop' ? readSettingValues(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null)),
      },
    },
  });

  // vscode-languageclient's State.Running (a value import would pull the Node client into the web bundle).
  const RUNNING = 2;
  client.onDidChangeState((e) => {
    if (e.newState === RUNNING) countServerStart();
  });
  client.onRequest(FsRequests.readFile, async ({ uri }: { uri: string }) => {
    try {
      // Any encoding the user saved in (BOM, UTF-16, Latin-1), never a replacement character.
      const decoded = decodeText(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
      return decoded.binary ? null : decoded.text;
    } catch {
      return null;
    }
  });
  client.onRequest(FsRequests.stat, async ({ uri }: { uri: string }) => {
    try {
      const s = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
      return s.type & vscode.FileType.File ? { size: s.size, mtime: s.mtime } : null;
    } catch {
      return null;
    }
  });
  client.onRequest(FsRequests.findFiles, async ({ glob }: { glob: string }) => {
    const uris = await vscode.workspace.findFiles(glob, EXCLUDE_GLOB, MAX_FILES);
    return uris.map((u) => u.toString()).sort();
  });

  const statusBar = new StatusBar(client);
  const stories = new StoriesTree(client);
  const reports = new ReportDocuments();
  const coverage = new CoveragePanel(client);
  const practice = new PracticeSession(context, client, statusBar, log);
  // The first prep doc shown: count what Practice Today has due, for the status bar's tooltip.
  statusBar.onFirstPrepDoc = (loop) => practice.refreshInBackground(loop);
  const services: Services = { context, client, statusBar, stories, reports, coverage, practice, log };
  client.onNotification(Notifications.status, ({ uri, status }: { uri: string; status: DocStatus }) => {
    statusBar.set(uri, status);
    // Sent after every lint of an open doc: an edit may have moved the coverage counts.
    if (status.isPrepDoc) {
      coverage.refreshSoon();
      stories.refreshSoon();
    }
  });
  client.onNotification(Notifications.configChanged, () => {
    stories.refresh();
    coverage.refreshSoon();
  });
  client.onNotification(Notifications.settingsProblems, ({ message, setting }: { message: string; setting?: string }) => warnAboutSettings(message, setting));

  context.subscriptions.push(
    log,
    statusBar,
    stories,
    reports,
    coverage,
    practice,
    stories.createView('prepLoop.stories'),
    vscode.window.registerTreeDataProvider('prepLoop.practice', practice.view),
    ...registerCommands(services),
    { dispose: () => void client.stop() },
  );
  await client.start();
  setActivationTime(Date.now() - t0);
  log.info(`Prep Loop ${context.extension.packageJSON.version ?? ''} active in ${Date.now() - t0} ms (language server started)`);
}

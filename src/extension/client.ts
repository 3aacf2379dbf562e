/**
 * The VS Code side of Prep Loop: a language client for the Prep Loop language server plus the UI
 * only VS Code has (status bar, Prep Stories tree, report documents, webviews, commands). The
 * extension host never parses a prep doc: every analysis is a request to the server, which runs
 * in a child process (desktop) or a web worker (vscode.dev). The client reads files for the
 * server through `vscode.workspace.fs`, so virtual and remote workspaces work.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { FsRequests, Notifications, type PrepInitOptions } from '../server/protocol';
import { registerCommands } from './commands/index';
import type { Services } from './commands/types';
import { ReportDocuments } from './reportDocs';
import { readSettingValues, warnAboutSettings } from './settings';
import { StatusBar, type DocStatus } from './statusBar';
import { StoriesTree } from './storiesTree';

import { EXCLUDE_GLOB, setActivationTime } from './runtime';

export { activationTime, EXCLUDE_GLOB } from './runtime';

const MAX_FILES = 5000;
const decoder = new TextDecoder('utf-8');

/** Makes the language client for a platform (Node: a child process; web: a worker). */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

/** The documents Prep Loop looks at: markdown in files, untitled editors and the workspace's own schemes. */
export function documentSelector(): { language: string; scheme: string }[] {
  const schemes = new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  return [...schemes].map((scheme) => ({ language: 'markdown', scheme }));
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
      workspace: {
        // Only the values the user set: unset settings leave the core's defaults in place.
        configuration: (params) => params.items.map((item) => (item.section === 'prepLoop' ? readSettingValues(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null)),
      },
    },
  });

  client.onRequest(FsRequests.readFile, async ({ uri }: { uri: string }) => {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
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
  const services: Services = { context, client, statusBar, stories, reports, log };
  client.onNotification(Notifications.status, ({ uri, status }: { uri: string; status: DocStatus }) => statusBar.set(uri, status));
  client.onNotification(Notifications.configChanged, () => stories.refresh());
  client.onNotification(Notifications.settingsProblems, ({ message, setting }: { message: string; setting?: string }) => warnAboutSettings(message, setting));

  context.subscriptions.push(log, statusBar, stories, reports, vscode.window.registerTreeDataProvider('prepLoop.stories', stories), ...registerCommands(services), { dispose: () => void client.stop() });
  await client.start();
  setActivationTime(Date.now() - t0);
  log.info(`Prep Loop ${context.extension.packageJSON.version ?? ''} active in ${Date.now() - t0} ms (language server started)`);
}

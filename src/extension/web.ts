/** Web entry point (vscode.dev): the language server runs in a web worker (`dist/web/server.js`). */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient } from './client';

type WorkerServer = ConstructorParameters<typeof LanguageClient>[2];
/** The web worker constructor (the project compiles without the DOM library). */
const WorkerCtor = (globalThis as unknown as { Worker: new (url: string) => WorkerServer }).Worker;

/**
 * The server's worker. An extension served over http(s) (vscode.dev, the Marketplace) starts it
 * from its URL; VS Code refuses that for an extension that comes from a remote (`vscode-remote:`,
 * e.g. a development copy on a VS Code server), so then the script is read through
 * `workspace.fs` and started from a blob URL.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<WorkerServer> {
  const main = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  try {
    return new WorkerCtor(main.toString(true));
  } catch {
    const code = await vscode.workspace.fs.readFile(main);
    return new WorkerCtor(URL.createObjectURL(new Blob([code], { type: 'application/javascript' })));
  }
}

/** Activates Prep Loop. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const worker = await serverWorker(context);
  return activateClient(context, (options) => new LanguageClient('prepLoop', 'Prep Loop', worker, options));
}

/** Nothing to do: everything is disposed through `context.subscriptions`. */
export function deactivate(): void {}

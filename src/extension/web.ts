/** Web entry point (vscode.dev): the language server runs in a web worker (`dist/web/server.js`). */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient } from './client';

type WorkerServer = ConstructorParameters<typeof LanguageClient>[3];
/** The web worker constructor (the project compiles without the DOM library). */
const WorkerCtor = (globalThis as unknown as { Worker: new (url: string) => WorkerServer }).Worker;

/** Activates Prep Loop. */
export function activate(context: vscode.ExtensionContext): Promise<void> {
  const main = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  return activateClient(context, (options) => new LanguageClient('prepLoop', 'Prep Loop', options, new WorkerCtor(main.toString(true))));
}

/** Nothing to do: everything is disposed through `context.subscriptions`. */
export function deactivate(): void {}

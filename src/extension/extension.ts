/** Desktop entry point: the language server runs in a Node child process (`dist/server.js`). */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateClient } from './client';

/** Activates Prep Loop. */
export function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  return activateClient(context, (options) => new LanguageClient('prepLoop', 'Prep Loop', { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } }, options));
}

/** Nothing to do: everything is disposed through `context.subscriptions`. */
export function deactivate(): void {}

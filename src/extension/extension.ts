/**
 * Entry point: builds the services and registers the providers, views and commands. Each
 * concern lives in its own module; this file only wires them together.
 */
import * as vscode from 'vscode';
import { PrepCodeActions } from './codeActions';
import { registerCommands } from './commands/index';
import { practiceView } from './commands/practice';
import type { Services } from './commands/types';
import { ConfigFiles } from './configFiles';
import { ContextResolver } from './context';
import { Linter, registerLifecycle } from './diagnostics';
import { PrepHover } from './hover';
import { ReportDocuments } from './reportDocs';
import { Settings } from './settings';
import { StatusBar } from './statusBar';
import { StoriesTree } from './storiesTree';
import { PrepSymbols } from './symbols';
import { WorkspaceFiles } from './workspaceScan';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

/** Activates Prep Loop. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Prep Loop', { log: true });
  const settings = new Settings(log);
  const configs = new ConfigFiles(log);
  const contexts = new ContextResolver(settings, configs);
  const linter = new Linter(contexts, log);
  const files = new WorkspaceFiles(linter);
  const statusBar = new StatusBar(linter);
  const stories = new StoriesTree(files, contexts);
  const reports = new ReportDocuments();
  const services: Services = { context, linter, files, statusBar, stories, reports, log };

  context.subscriptions.push(
    log,
    settings,
    configs,
    contexts,
    linter,
    statusBar,
    stories,
    reports,
    ...registerLifecycle(linter, files),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new PrepCodeActions(linter), PrepCodeActions.metadata),
    vscode.languages.registerHoverProvider(MARKDOWN, new PrepHover(linter)),
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN, new PrepSymbols(linter), { label: 'Prep Loop' }),
    vscode.window.registerTreeDataProvider('prepLoop.stories', stories),
    vscode.window.registerTreeDataProvider('prepLoop.practice', practiceView(context)),
    ...registerCommands(services),
  );
  void configs.checkWorkspace();
  log.info(`Prep Loop ${context.extension.packageJSON.version ?? ''} active`);
}

/** Nothing to do: everything is disposed through `context.subscriptions`. */
export function deactivate(): void {}

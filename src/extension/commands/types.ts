/** What every command gets: the extension's services. */
import type * as vscode from 'vscode';
import type { Linter } from '../diagnostics';
import type { ReportDocuments } from '../reportDocs';
import type { StatusBar } from '../statusBar';
import type { StoriesTree } from '../storiesTree';
import type { WorkspaceFiles } from '../workspaceScan';

/** The extension's long-lived parts, handed to commands. */
export interface Services {
  context: vscode.ExtensionContext;
  linter: Linter;
  files: WorkspaceFiles;
  statusBar: StatusBar;
  stories: StoriesTree;
  reports: ReportDocuments;
  log: vscode.LogOutputChannel;
}

/** A command: its id and what it does. Arguments are optional and validated (they skip the pickers). */
export interface PrepCommand {
  id: string;
  run(services: Services, ...args: unknown[]): unknown;
}

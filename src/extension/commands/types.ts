/** What every command gets: the extension's services. */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { CoveragePanel } from '../coveragePanel';
import type { PracticeSession } from '../practice/session';
import type { ReportDocuments } from '../reportDocs';
import type { StatusBar } from '../statusBar';
import type { StoriesTree } from '../storiesTree';

/** The extension's long-lived parts, handed to commands. */
export interface Services {
  context: vscode.ExtensionContext;
  /** The language client: every analysis is a request to the server. */
  client: BaseLanguageClient;
  statusBar: StatusBar;
  stories: StoriesTree;
  reports: ReportDocuments;
  /** The Show Coverage panel (live). */
  coverage: CoveragePanel;
  /** Practice Today: the cards, the review history, the timer and the view. */
  practice: PracticeSession;
  log: vscode.LogOutputChannel;
}

/** A command: its id and what it does. Arguments are optional and validated (they skip the pickers). */
export interface PrepCommand {
  id: string;
  run(services: Services, ...args: unknown[]): unknown;
}

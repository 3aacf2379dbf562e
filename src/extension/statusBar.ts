/**
 * The status bar item of the active prep doc ("PM loop · 12 stories · 2 off-loop"; click → Set
 * Doc Loop), hidden for other files, and the `prepLoop.isPrepDoc` context key for menus. The
 * server sends each document's status right before its diagnostics. Its tooltip also says what
 * Practice Today has due, the streak and how many were drilled today, once that is known.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Requests } from '../server/protocol';

/** What the server says about a document. */
export interface DocStatus {
  isPrepDoc: boolean;
  loop?: string;
  text?: string;
  tooltip?: string;
  skipped: boolean;
}

/** What clicking the item does: change the doc's loop. */
const COMMAND = 'prepLoop.setDocLoop';

/** What the status bar shows, for tests (`prepLoop._statusText`). */
export interface StatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
  /** The command a click runs. */
  command: string;
}

/** Owns the status bar item. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('prepLoop.status', vscode.StatusBarAlignment.Right, 100);
  private readonly statuses = new Map<string, DocStatus>();
  private readonly disposables: vscode.Disposable[] = [];
  private snapshot: Omit<StatusSnapshot, 'command'> = { visible: false, text: '', tooltip: '' };
  private lastContext: boolean | undefined;
  private practice: string | undefined;
  /** Called the first time a prep doc's status shows, so Practice Today can count what is due. */
  onFirstPrepDoc: ((loop: string | undefined) => void) | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    this.item.name = 'Prep Loop';
    this.item.command = COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.statuses.delete(d.uri.toString())),
    );
    this.update();
  }

  /** The status of a document, as the server last sent it. */
  get(uri: vscode.Uri): DocStatus | undefined {
    return this.statuses.get(uri.toString());
  }

  /** A status from the server. */
  set(uri: string, status: DocStatus): void {
    this.statuses.set(uri, status);
    if (uri === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
  }

  /** The practice line of the tooltip ("Practice: 3 due, 7 new · streak 2 days · drilled today 1"), or none. */
  setPractice(line: string | undefined): void {
    if (line === this.practice) return;
    this.practice = line;
    this.update();
  }

  /** The current status, as shown. */
  get current(): StatusSnapshot {
    const c = this.item.command;
    return { ...this.snapshot, command: typeof c === 'string' ? c : (c?.command ?? '') };
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? this.statuses.get(editor.document.uri.toString()) : undefined;
    if (editor && !status && editor.document.languageId === 'markdown') {
      const uri = editor.document.uri.toString();
      void this.client.sendRequest<DocStatus>(Requests.status, { uri }).then(
        (s) => {
          if (!this.statuses.has(uri)) this.set(uri, s);
        },
        () => undefined,
      );
    }
    if (status?.text) {
      const tooltip = [status.tooltip, status.isPrepDoc ? this.practice : undefined].filter(Boolean).join('\n\n');
      this.item.text = status.skipped ? `$(warning) ${status.text}` : `$(checklist) ${status.text}`;
      this.item.tooltip = tooltip;
      this.item.show();
      this.snapshot = { visible: true, text: status.text, tooltip };
      if (status.isPrepDoc && this.onFirstPrepDoc) {
        const first = this.onFirstPrepDoc;
        this.onFirstPrepDoc = undefined;
        first(status.loop);
      }
    } else {
      this.item.hide();
      this.snapshot = { visible: false, text: '', tooltip: '' };
    }
    const isPrep = !!status?.isPrepDoc;
    if (isPrep !== this.lastContext) {
      this.lastContext = isPrep;
      void vscode.commands.executeCommand('setContext', 'prepLoop.isPrepDoc', isPrep);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

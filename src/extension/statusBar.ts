/**
 * The status bar item of the active prep doc ("PM loop · 12 stories · 2 off-loop"; click → Set
 * Doc Loop), hidden for other files, and the `prepLoop.isPrepDoc` context key for menus.
 */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { statusText } from './statusModel';

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
  private readonly disposables: vscode.Disposable[] = [];
  private snapshot: Omit<StatusSnapshot, 'command'> = { visible: false, text: '', tooltip: '' };
  private lastContext: boolean | undefined;

  constructor(private readonly linter: Linter) {
    this.item.name = 'Prep Loop';
    this.item.command = COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidLint((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    );
    this.update();
  }

  /** The current status, as shown. */
  get current(): StatusSnapshot {
    const c = this.item.command;
    return { ...this.snapshot, command: typeof c === 'string' ? c : (c?.command ?? '') };
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const state = editor ? this.linter.state(editor.document.uri) : undefined;
    const status = state ? statusText(state.result.doc, state.result.showSkipped ? state.result.skipped : undefined) : undefined;
    if (status) {
      this.item.text = state?.result.skipped ? `$(warning) ${status.text}` : `$(checklist) ${status.text}`;
      this.item.tooltip = status.tooltip;
      this.item.show();
      this.snapshot = { visible: true, text: status.text, tooltip: status.tooltip };
    } else {
      this.item.hide();
      this.snapshot = { visible: false, text: '', tooltip: '' };
    }
    const isPrep = !!state?.result.doc?.isPrepDoc;
    if (isPrep !== this.lastContext) {
      this.lastContext = isPrep;
      void vscode.commands.executeCommand('setContext', 'prepLoop.isPrepDoc', isPrep);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

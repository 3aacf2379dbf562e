/**
 * The status bar item of the active prep doc ("PM loop · 12 stories · 2 off-loop"; click → Set
 * Doc Loop), hidden for other files, and the `prepLoop.isPrepDoc` context key for menus.
 */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { statusText } from './statusModel';

/** What the status bar shows, for tests (`prepLoop._statusText`). */
export interface StatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
}

/** Owns the status bar item. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('prepLoop.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private snapshot: StatusSnapshot = { visible: false, text: '', tooltip: '' };
  private lastContext: boolean | undefined;

  constructor(private readonly linter: Linter) {
    this.item.name = 'Prep Loop';
    this.item.command = 'prepLoop.setDocLoop';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidLint((s) => {
        if (s.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    );
    this.update();
  }

  /** The current status, as shown. */
  get current(): StatusSnapshot {
    return { ...this.snapshot };
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

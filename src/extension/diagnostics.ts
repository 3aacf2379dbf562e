/**
 * The diagnostics lifecycle: lint on open, on edit (debounced, stale results dropped by document
 * version), on save and on config/settings change; clear on close and on delete. Findings are
 * kept in a side map keyed by diagnostic for the code actions.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import { ContextResolver, type DocContext } from './context';
import { isConfigFile } from './configFiles';
import { ruleIdOf, SOURCE, toDiagnostic } from './convert';
import { lintForEditor, type EditorLint } from './lintModel';

/** How long typing must pause before a re-lint. */
export const DEBOUNCE_MS = 300;
/** How long config/settings change events are gathered before open documents are re-linted. */
const CONFIG_SETTLE_MS = 50;

/** What the last lint of a document produced. */
export interface DocState {
  uri: vscode.Uri;
  version: number;
  ctx: DocContext;
  result: EditorLint;
  diagnostics: vscode.Diagnostic[];
}

/** Whether a document is one Prep Loop looks at at all (markdown in a file, untitled or workspace scheme). */
export function isCandidate(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'markdown') return false;
  const scheme = document.uri.scheme;
  if (scheme === 'file' || scheme === 'untitled') return true;
  return (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === scheme);
}

/** Lints documents and owns the diagnostic collection. */
export class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('prep-loop');
  private readonly states = new Map<string, DocState>();
  private readonly findings = new WeakMap<vscode.Diagnostic, Finding>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sequence = new Map<string, number>();
  private readonly linted = new vscode.EventEmitter<DocState | { uri: vscode.Uri; cleared: true }>();
  /** Fires after a document's diagnostics were set or cleared. */
  readonly onDidLint = this.linted.event;

  constructor(
    readonly contexts: ContextResolver,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The last state of a document, if it was linted. */
  state(uri: vscode.Uri): DocState | undefined {
    return this.states.get(uri.toString());
  }

  /**
   * The state for the document's current version, re-linting synchronously with the last known
   * context when the text moved on (code actions and hovers must never use stale offsets).
   */
  fresh(document: vscode.TextDocument): DocState | undefined {
    const state = this.state(document.uri);
    if (!state) return undefined;
    if (state.version === document.version) return state;
    // With `run: onSave` the shown diagnostics wait for the save; only the state moves on.
    return this.apply(document, state.ctx, state.ctx.run === 'onType');
  }

  /**
   * The finding behind one of our diagnostics, for the document's current text. A diagnostic of
   * an older text (its offsets stale) only maps to a finding still at the same place.
   */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const state = this.fresh(document);
    if (!state) return undefined;
    if (state.diagnostics.includes(diagnostic)) return this.findings.get(diagnostic);
    // A copy (passed through a command) or a diagnostic of an older version: match rule, range and message.
    const match = state.diagnostics.find((d) => d.message === diagnostic.message && d.range.isEqual(diagnostic.range) && ruleIdOf(d) === ruleIdOf(diagnostic));
    return match ? this.findings.get(match) : undefined;
  }

  /** Lints a document now (after its context resolves); drops the result if the text moved on. */
  async lint(document: vscode.TextDocument): Promise<DocState | undefined> {
    if (!isCandidate(document)) return undefined;
    const key = document.uri.toString();
    this.cancelTimer(key);
    const seq = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, seq);
    const version = document.version;
    const generation = this.contexts.generation;
    let ctx: DocContext;
    try {
      ctx = await this.contexts.forUri(document.uri);
    } catch (e) {
      this.log.error(`could not resolve settings for ${key}: ${String(e)}`);
      return undefined;
    }
    // Stale: the document changed, closed, or a newer lint (or config change) started meanwhile.
    if (document.isClosed || document.version !== version || this.sequence.get(key) !== seq || this.contexts.generation !== generation) return undefined;
    return this.apply(document, ctx);
  }

  /**
   * Lints a document and waits until a result for its current text and configuration is in,
   * retrying when a newer edit or a config change overtook the attempt.
   */
  async lintSettled(document: vscode.TextDocument): Promise<DocState | undefined> {
    for (let attempt = 0; attempt < 5 && !document.isClosed; attempt++) {
      const state = await this.lint(document);
      if (state) return state;
    }
    return this.fresh(document);
  }

  /** Lints after typing pauses. */
  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(document);
      }, DEBOUNCE_MS),
    );
  }

  /** Sets diagnostics from an already-read text (Lint Workspace, for files not open). */
  applyText(uri: vscode.Uri, text: string, ctx: DocContext, version = -1): DocState {
    const result = lintForEditor(text, ctx);
    const lines = text.split('\n');
    const lineLength = (line: number) => (lines[line] ?? '').replace(/\r$/, '').length;
    return this.store(uri, version, ctx, result, lineLength);
  }

  private apply(document: vscode.TextDocument, ctx: DocContext, publish = true): DocState {
    const result = lintForEditor(document.getText(), ctx);
    return this.store(document.uri, document.version, ctx, result, (line) => (line < document.lineCount ? document.lineAt(line).text.length : 0), publish);
  }

  private store(uri: vscode.Uri, version: number, ctx: DocContext, result: EditorLint, lineLength: (line: number) => number, publish = true): DocState {
    const diagnostics: vscode.Diagnostic[] = [];
    for (const f of result.findings) {
      const d = toDiagnostic(uri, f);
      this.findings.set(d, f);
      diagnostics.push(d);
    }
    if (result.skipped && result.showSkipped) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, lineLength(0)), result.skipped, vscode.DiagnosticSeverity.Information);
      d.source = SOURCE;
      diagnostics.push(d);
    }
    if (publish) this.collection.set(uri, diagnostics);
    const state: DocState = { uri, version, ctx, result, diagnostics };
    this.states.set(uri.toString(), state);
    this.linted.fire(state);
    return state;
  }

  /** Forgets a document: diagnostics, state, pending lint. */
  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelTimer(key);
    this.sequence.set(key, (this.sequence.get(key) ?? 0) + 1);
    const had = this.states.delete(key) || this.collection.has(uri);
    this.collection.delete(uri);
    if (had) this.linted.fire({ uri, cleared: true });
  }

  /** Forgets every document at or under a URI (a deleted file or folder). */
  clearUnder(uri: vscode.Uri): void {
    const prefix = uri.toString();
    const keys = new Set<string>([...this.states.keys()]);
    this.collection.forEach((u) => keys.add(u.toString()));
    for (const key of keys) if (key === prefix || key.startsWith(prefix + '/')) this.clear(vscode.Uri.parse(key));
  }

  /** Re-lints every open candidate document (after a settings or config change). */
  async relintOpen(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.filter(isCandidate).map((d) => this.lint(d)));
  }

  private cancelTimer(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
    this.linted.dispose();
  }
}

/** Wires the lifecycle events to a linter. */
export function registerLifecycle(linter: Linter, onConfigChange: vscode.Event<unknown>[]): vscode.Disposable[] {
  const runMode = async (document: vscode.TextDocument) => (await linter.contexts.forUri(document.uri)).run;
  const disposables: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument((d) => void linter.lint(d)),
    vscode.workspace.onDidChangeTextDocument(async (e) => {
      if (!e.contentChanges.length || !isCandidate(e.document)) return;
      if ((await runMode(e.document)) === 'onType') linter.schedule(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (!isConfigFile(d.uri)) void linter.lint(d);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => linter.clear(d.uri)),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => linter.clearUnder(u))),
    vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => linter.clearUnder(f.oldUri))),
  ];
  // Deletions that do not go through the editor (git checkout, a terminal, fs.delete).
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}', true, true, false);
  disposables.push(watcher, watcher.onDidDelete((u) => linter.clearUnder(u)));
  // One save can arrive as several watcher events: forget the contexts at once, re-lint once.
  let relint: ReturnType<typeof setTimeout> | undefined;
  for (const event of onConfigChange) {
    disposables.push(
      event(() => {
        linter.contexts.invalidate();
        if (relint) clearTimeout(relint);
        relint = setTimeout(() => void linter.relintOpen(), CONFIG_SETTLE_MS);
      }),
    );
  }
  disposables.push({ dispose: () => relint && clearTimeout(relint) });
  for (const d of vscode.workspace.textDocuments) void linter.lint(d);
  return disposables;
}

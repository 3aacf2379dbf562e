/**
 * The diagnostics lifecycle. Two things are kept per open document:
 *
 *  - the lint of its current version (one result per version, shared by the code actions, hovers,
 *    the outline, the commands and the next publish), computed on demand and never published by
 *    those readers;
 *  - what is shown: the diagnostics last published, with a side map from each diagnostic object to
 *    the finding behind it.
 *
 * Diagnostics are published on open, after typing pauses (debounced, `run: onType` only), on save,
 * after a config or settings change, and on request (`prepLoop._lint`, Lint Workspace); a result
 * whose document moved on meanwhile is dropped. Files Lint Workspace checked without opening them
 * keep only their diagnostics; they are re-checked when the configuration or the file changes.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import { ContextResolver, type DocContext } from './context';
import { isConfigFile } from './configFiles';
import { ruleIdOf, SOURCE, toDiagnostic } from './convert';
import { matchFinding } from './editModel';
import { lintForEditor, type EditorLint } from './lintModel';
import type { RunMode } from './settingsModel';

/** How long typing must pause before a re-lint. */
export const DEBOUNCE_MS = 300;
/** How long config/settings change events are gathered before documents are re-linted. */
const CONFIG_SETTLE_MS = 50;

/** The lint of one version of a document under one configuration generation. */
export interface DocLint {
  uri: vscode.Uri;
  version: number;
  generation: number;
  ctx: DocContext;
  result: EditorLint;
}

/** What is shown for an open document: a lint and the diagnostics made from it. */
export interface DocState extends DocLint {
  diagnostics: vscode.Diagnostic[];
}

/** Counters for tests (`prepLoop._lintStats`). */
export interface LintStats {
  /** How many times diagnostics were published for the document. */
  publishes: number;
  /** Whether a debounced lint is waiting. */
  pending: boolean;
  /** The document version the shown diagnostics are for. */
  shownVersion?: number;
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
  /** The lint of the latest version asked for, per open document. */
  private readonly latest = new Map<string, DocLint>();
  /** What is shown, per open document. */
  private readonly shown = new Map<string, DocState>();
  /** Shown diagnostic → its finding and the state it belongs to. */
  private readonly origin = new WeakMap<vscode.Diagnostic, { finding: Finding; state: DocState }>();
  /** Files that are not open but show diagnostics (from Lint Workspace). */
  private readonly closedShown = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sequence = new Map<string, number>();
  private readonly publishes = new Map<string, number>();
  private readonly linted = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were set or cleared. */
  readonly onDidLint = this.linted.event;

  constructor(
    readonly contexts: ContextResolver,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** What is shown for an open document, if it was linted. */
  state(uri: vscode.Uri): DocState | undefined {
    return this.shown.get(uri.toString());
  }

  /** The lint of the document's current version, if one was computed already under the current configuration. */
  peek(document: vscode.TextDocument): DocLint | undefined {
    const hit = this.latest.get(document.uri.toString());
    return hit && hit.version === document.version && hit.generation === this.contexts.generation ? hit : undefined;
  }

  /**
   * The lint of the document's current version: the one already computed, else computed now (after
   * its context resolves). Never publishes: readers (code actions, hovers, symbols, commands) use
   * this, and the debounce decides when the diagnostics move.
   */
  async current(document: vscode.TextDocument): Promise<DocLint | undefined> {
    if (!isCandidate(document)) return undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const hit = this.peek(document);
      if (hit) return hit;
      const generation = this.contexts.generation;
      let ctx: DocContext;
      try {
        ctx = await this.contexts.forUri(document.uri);
      } catch (e) {
        this.log.error(`could not resolve settings for ${document.uri.toString()}: ${String(e)}`);
        return undefined;
      }
      if (document.isClosed) return undefined;
      // A config change while the context resolved: resolve again.
      if (this.contexts.generation !== generation) continue;
      return this.peek(document) ?? this.compute(document, ctx, generation);
    }
    return undefined;
  }

  private compute(document: vscode.TextDocument, ctx: DocContext, generation: number): DocLint {
    const lint: DocLint = { uri: document.uri, version: document.version, generation, ctx, result: lintForEditor(document.getText(), ctx) };
    this.latest.set(document.uri.toString(), lint);
    return lint;
  }

  /**
   * The finding behind one of our diagnostics, in terms of `lint` (the document's current lint).
   * Shown diagnostics map to their finding through the side map; when the text moved on since they
   * were published (typing in the debounce window, or `run: onSave`), to the same finding of the
   * current lint. A copy (passed through a command) is matched by rule, range and message first.
   */
  findingFor(diagnostic: vscode.Diagnostic, lint: DocLint): Finding | undefined {
    let origin = this.origin.get(diagnostic);
    if (!origin) {
      const twin = this.state(lint.uri)?.diagnostics.find((d) => d.message === diagnostic.message && d.range.isEqual(diagnostic.range) && ruleIdOf(d) === ruleIdOf(diagnostic));
      origin = twin && this.origin.get(twin);
    }
    if (!origin || origin.state.uri.toString() !== lint.uri.toString()) return undefined;
    return matchFinding(origin.finding, origin.state.result.findings, lint.result.findings);
  }

  /** Lints a document and publishes the result, unless the text moved on meanwhile (then it is dropped). */
  async lint(document: vscode.TextDocument): Promise<DocState | undefined> {
    if (!isCandidate(document)) return undefined;
    const key = document.uri.toString();
    this.cancelTimer(key);
    const seq = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, seq);
    const version = document.version;
    const lint = await this.current(document);
    // Stale: the document changed, closed, or a newer lint (or config change) started meanwhile.
    if (!lint || document.isClosed || document.version !== version || lint.version !== version || this.sequence.get(key) !== seq) return undefined;
    if (lint.generation !== this.contexts.generation) return undefined;
    const shown = this.shown.get(key);
    if (shown && shown.result === lint.result && this.collection.has(document.uri)) return shown;
    return this.publish(lint, (line) => (line < document.lineCount ? document.lineAt(line).text.length : 0));
  }

  /**
   * Lints a document and waits until a result for its current text and configuration is shown,
   * retrying when a newer edit or a config change overtook the attempt.
   */
  async lintSettled(document: vscode.TextDocument): Promise<DocState | undefined> {
    for (let attempt = 0; attempt < 5 && !document.isClosed; attempt++) {
      const state = await this.lint(document);
      if (state) return state;
    }
    const shown = this.state(document.uri);
    return shown?.version === document.version ? shown : undefined;
  }

  /** Lints (and publishes) after typing pauses. */
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

  /** The run mode of a document when it is known without waiting (from its last lint under the current configuration). */
  knownRunMode(document: vscode.TextDocument): RunMode | undefined {
    const key = document.uri.toString();
    const known = [this.latest.get(key), this.shown.get(key)].find((l) => l && l.generation === this.contexts.generation);
    return known?.ctx.run;
  }

  private publish(lint: DocLint, lineLength: (line: number) => number): DocState {
    const state: DocState = { ...lint, diagnostics: [] };
    for (const f of lint.result.findings) {
      const d = toDiagnostic(lint.uri, f);
      this.origin.set(d, { finding: f, state });
      state.diagnostics.push(d);
    }
    const note = skipNote(lint.result, lineLength(0));
    if (note) state.diagnostics.push(note);
    const key = lint.uri.toString();
    this.closedShown.delete(key);
    this.shown.set(key, state);
    this.show(lint.uri, state.diagnostics);
    return state;
  }

  private show(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    const key = uri.toString();
    this.collection.set(uri, diagnostics);
    this.publishes.set(key, (this.publishes.get(key) ?? 0) + 1);
    this.linted.fire(uri);
  }

  /**
   * Shows the diagnostics of a file that is not open (Lint Workspace), keeping nothing else of the
   * lint, and remembers the file so a configuration change re-checks it. An open document is left
   * to its own lifecycle.
   */
  showClosed(uri: vscode.Uri, result: EditorLint, firstLineLength: number): void {
    const key = uri.toString();
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    const diagnostics = result.findings.map((f) => toDiagnostic(uri, f));
    const note = skipNote(result, firstLineLength);
    if (note) diagnostics.push(note);
    this.closedShown.add(key);
    this.show(uri, diagnostics);
  }

  /** Files that are not open but show diagnostics from Lint Workspace. */
  closedFiles(): vscode.Uri[] {
    return [...this.closedShown].map((k) => vscode.Uri.parse(k));
  }

  /** Whether a file that is not open shows diagnostics from Lint Workspace. */
  isClosedShown(uri: vscode.Uri): boolean {
    return this.closedShown.has(uri.toString());
  }

  /** Clears the diagnostics of every file that is not open. */
  clearClosed(): void {
    for (const uri of this.closedFiles()) this.clear(uri);
  }

  /** Forgets a document: diagnostics, lint, pending lint. */
  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelTimer(key);
    this.sequence.set(key, (this.sequence.get(key) ?? 0) + 1);
    this.latest.delete(key);
    this.closedShown.delete(key);
    const had = this.shown.delete(key) || this.collection.has(uri);
    this.collection.delete(uri);
    if (had) this.linted.fire(uri);
  }

  /** Forgets every document at or under a URI (a deleted file or folder). */
  clearUnder(uri: vscode.Uri): void {
    const prefix = uri.toString();
    const keys = new Set<string>([...this.shown.keys(), ...this.latest.keys()]);
    this.collection.forEach((u) => keys.add(u.toString()));
    for (const key of keys) if (key === prefix || key.startsWith(prefix + '/')) this.clear(vscode.Uri.parse(key));
  }

  /** Re-lints every open candidate document (after a settings or config change). */
  async relintOpen(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.filter(isCandidate).map((d) => this.lint(d)));
  }

  /** Counters of one document, for tests. */
  stats(uri: vscode.Uri): LintStats {
    const key = uri.toString();
    const shown = this.shown.get(key);
    return { publishes: this.publishes.get(key) ?? 0, pending: this.timers.has(key), ...(shown ? { shownVersion: shown.version } : {}) };
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

/** The note on line 1 of a file that was not checked, when the user should be told. */
function skipNote(result: EditorLint, firstLineLength: number): vscode.Diagnostic | undefined {
  if (!result.skipped || !result.showSkipped) return undefined;
  const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, firstLineLength), result.skipped, vscode.DiagnosticSeverity.Information);
  d.source = SOURCE;
  return d;
}

/** What the lifecycle needs besides the linter: re-checking files Lint Workspace showed. */
export interface ClosedFiles {
  /** Re-checks one file that is not open (and shows the result). */
  relintClosed(uri: vscode.Uri): Promise<void>;
}

/** Wires the lifecycle events to a linter. */
export function registerLifecycle(linter: Linter, closed: ClosedFiles): vscode.Disposable[] {
  const scheduleIfOnType = (document: vscode.TextDocument) => {
    const known = linter.knownRunMode(document);
    if (known === 'onType') linter.schedule(document);
    else if (known === undefined) {
      void linter.contexts.forUri(document.uri).then(
        (ctx) => ctx.run === 'onType' && !document.isClosed && linter.schedule(document),
        () => undefined,
      );
    }
  };
  const relintClosed = (uris: vscode.Uri[]) => Promise.all(uris.map((u) => closed.relintClosed(u)));
  const disposables: vscode.Disposable[] = [
    vscode.workspace.onDidOpenTextDocument((d) => void linter.lint(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isCandidate(e.document)) scheduleIfOnType(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (!isConfigFile(d.uri)) void linter.lint(d);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => linter.clear(d.uri)),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => linter.clearUnder(u))),
    vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => linter.clearUnder(f.oldUri))),
  ];
  // Changes that do not go through the editor (git checkout, a terminal, fs.delete): forget deleted
  // files, re-check the ones Lint Workspace shows while they are not open.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}', true, false, false);
  disposables.push(
    watcher,
    watcher.onDidDelete((u) => linter.clearUnder(u)),
    watcher.onDidChange((u) => {
      if (linter.isClosedShown(u)) void relintClosed([u]);
    }),
  );
  // One save can arrive as several events: re-lint once, after they settle.
  let relint: ReturnType<typeof setTimeout> | undefined;
  disposables.push(
    linter.contexts.onDidChange(() => {
      if (relint) clearTimeout(relint);
      relint = setTimeout(() => void Promise.all([linter.relintOpen(), relintClosed(linter.closedFiles())]), CONFIG_SETTLE_MS);
    }),
    { dispose: () => relint && clearTimeout(relint) },
  );
  for (const d of vscode.workspace.textDocuments) void linter.lint(d);
  return disposables;
}

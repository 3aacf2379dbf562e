/**
 * Helpers for the integration tests: waiting on events with a deadline (never sleeping), scratch
 * files in the fixture workspace, and cleaning up the editors and files a test opened.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LintReport } from '../../src/server/protocol';

/** The extension under test. */
export const EXTENSION_ID = 'prep-loop.prep-loop';
export const SOURCE = 'prep-loop';

/** The fixture workspace folder. */
export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the test host must open test/fixtures/workspace');
  return f.uri;
}

/** A URI inside the fixture workspace. */
export function inWorkspace(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...segments);
}

/**
 * Resolves with the probe's first truthy value: checked now and after every firing of the given
 * events; rejects when the deadline passes first.
 */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, events: vscode.Event<unknown>[], ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const subs: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      fn();
    };
    const timer = setTimeout(() => {
      void Promise.resolve(probe()).then(
        (v) => finish(() => (v ? resolve(v) : reject(new Error(`timed out after ${ms} ms waiting for ${what}`)))),
        (e) => finish(() => reject(e)),
      );
    }, ms);
    const check = () => {
      void Promise.resolve(probe()).then(
        (v) => {
          if (v) finish(() => resolve(v));
        },
        (e) => finish(() => reject(e)),
      );
    };
    for (const ev of events) subs.push(ev(check));
    check();
  });
}

/** Prep Loop's diagnostics of a URI. */
export function prepDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The rule id of a diagnostic. */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : typeof d.code === 'string' ? d.code : undefined;
}

/** Waits until a URI's Prep Loop diagnostics satisfy a predicate; resolves with them. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, ok: (ds: vscode.Diagnostic[]) => boolean, ms = 10_000): Promise<vscode.Diagnostic[]> {
  return until(
    `${what} (${vscode.workspace.asRelativePath(uri)})`,
    () => {
      const ds = prepDiagnostics(uri);
      return ok(ds) ? ds : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics],
    ms,
  );
}

/**
 * Resolves when a URI's diagnostics did not change for `ms` (checked on every
 * `onDidChangeDiagnostics`); rejects at the first change. The one wait for something NOT to
 * happen: use it past a deadline that a wrongly scheduled lint would hit (e.g. the debounce).
 */
export function noDiagnosticsChange(uri: vscode.Uri, what: string, ms: number): Promise<void> {
  // What the user sees: Prep Loop's diagnostics (rule, place, message). A re-publish of the same
  // set, or another extension's diagnostics, is not a change of ours.
  const snapshot = () =>
    vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'prep-loop')
      .map((d) => `${typeof d.code === 'object' ? d.code.value : (d.code ?? '')}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
      .sort()
      .join('\n');
  const start = snapshot();
  return new Promise<void>((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const now = snapshot();
      if (now === start) return;
      clearTimeout(timer);
      sub.dispose();
      reject(new Error(`${what}: the diagnostics of ${vscode.workspace.asRelativePath(uri)} changed (now: ${now.replace(/\n/g, ' | ') || 'none'})`));
    });
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, ms);
  });
}

/** What `prepLoop._lintStats` reports for a document. */
export interface LintStats {
  publishes: number;
  pending: boolean;
  shownVersion?: number;
  /** The `prepLoop.run` mode the shown diagnostics were checked under. */
  run?: 'onType' | 'onSave';
}

/** The lint lifecycle counters of a document. */
export async function lintStats(uri: vscode.Uri): Promise<LintStats> {
  const s = await vscode.commands.executeCommand<LintStats | undefined>('prepLoop._lintStats', uri.toString());
  assert.ok(s, 'prepLoop._lintStats returned nothing');
  return s;
}

/** The document symbols of every provider (VS Code merges them), as plain `DocumentSymbol`s. */
export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

/** The text of every hover at a position. */
export async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Waits until a document's text satisfies a predicate. */
export function textWhere(doc: vscode.TextDocument, what: string, ok: (text: string) => boolean, ms = 5_000): Promise<string> {
  return until(
    what,
    () => {
      const t = doc.getText();
      return ok(t) ? t : undefined;
    },
    [vscode.workspace.onDidChangeTextDocument],
    ms,
  );
}

/** What `prepLoop._lint` reports: the server's `prepLoop/lint` answer. */
export type { LintReport };

/** Lints a document through the extension and waits for it: the barrier used instead of sleeping. */
export async function lintNow(doc: vscode.TextDocument): Promise<LintReport> {
  const r = await vscode.commands.executeCommand<LintReport | undefined>('prepLoop._lint', doc.uri.toString());
  assert.ok(r, `prepLoop._lint returned nothing for ${doc.uri.toString()}`);
  return r;
}

const created: vscode.Uri[] = [];

/**
 * Writes a file in the workspace's `scratch/` folder. The files go after each test; the folder
 * itself stays until the end of the run (a folder deleted and re-created at once can slip past
 * the file watcher, and the tests are not about that).
 */
export async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = inWorkspace('scratch', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  created.push(uri);
  return uri;
}

/** Removes the scratch folder (end of the run). */
export async function removeScratchFolder(): Promise<void> {
  await vscode.workspace.fs.delete(inWorkspace('scratch'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
}

/** Writes a scratch markdown file, opens it in an editor and waits until it was linted. */
export async function openScratch(name: string, text: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; uri: vscode.Uri }> {
  const uri = await writeScratch(name, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await lintNow(doc);
  return { doc, editor, uri };
}

/** Opens an untitled markdown document. */
export async function openUntitled(text: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** Saves original contents of fixture files a test changes, to put them back afterwards. */
const restores: (() => Promise<void>)[] = [];

/** Replaces a workspace file's content for one test; the original comes back in cleanup. */
export async function overwriteForTest(uri: vscode.Uri, text: string): Promise<void> {
  let original: Uint8Array | undefined;
  try {
    original = await vscode.workspace.fs.readFile(uri);
  } catch {
    original = undefined;
  }
  restores.push(async () => {
    if (original) await vscode.workspace.fs.writeFile(uri, original);
    else await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
  });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Registers an extra cleanup step for the current test. */
export function onCleanup(fn: () => PromiseLike<void> | void): void {
  restores.push(async () => {
    await fn();
  });
}

/** Reverts and closes every editor, restores changed files, deletes scratch files. */
export async function cleanup(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isClosed) continue;
    try {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } catch {
      // Already gone.
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  while (restores.length) {
    const r = restores.pop();
    try {
      await r?.();
    } catch (e) {
      console.warn(`cleanup step failed: ${String(e)}`);
    }
  }
  for (const uri of created.splice(0).reverse()) {
    await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
  }
}

/** Offset → position range of the first occurrence of `needle` in a document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, from = 0): vscode.Range {
  const i = doc.getText().indexOf(needle, from);
  assert.ok(i >= 0, `"${needle}" not found in ${doc.uri.toString()}`);
  return new vscode.Range(doc.positionAt(i), doc.positionAt(i + needle.length));
}

/** The code actions at a range (optionally of one kind), with their edits resolved. */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action's edit and waits until the document shows it. */
export async function applyAction(doc: vscode.TextDocument, action: vscode.CodeAction): Promise<string> {
  assert.ok(action.edit, `"${action.title}" has no edit`);
  const before = doc.getText();
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  return textWhere(doc, `the edit of "${action.title}"`, (t) => t !== before);
}

/** Runs the editor's undo on a document and waits until its text is `expected`. */
export async function undoTo(doc: vscode.TextDocument, expected: string): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('undo');
  await textWhere(doc, 'undo to restore the original text', (t) => t === expected);
}

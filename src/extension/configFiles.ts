/**
 * `.prep-loop.json` / `.prep-loop.yaml` discovery through `vscode.workspace.fs` (so it works in
 * virtual workspaces), cached per folder and re-read only when a config file changes. Problems in
 * a config file are shown once, as diagnostics on that file.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES, dirname, findConfig, parseConfigText, type ConfigProblem, type FoundConfig } from '../core/config';
import { locateConfigPath } from './configLocate';
import { SOURCE } from './convert';

const CONFIG_GLOB = '**/.prep-loop.{json,yaml,yml}';
const decoder = new TextDecoder('utf-8');

/** Whether a URI names a Prep Loop config file. */
export function isConfigFile(uri: vscode.Uri): boolean {
  const base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(base);
}

/** The config that applies to a file, with the URI of the folder it came from. */
export interface FileConfig extends FoundConfig {
  fileUri?: vscode.Uri;
}

/** Finds, caches and watches config files. */
export class ConfigFiles implements vscode.Disposable {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly found = new Map<string, Promise<FileConfig>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Problems shown for config files. */
  readonly diagnostics = vscode.languages.createDiagnosticCollection('prep-loop-config');
  /** Fires when a config file was created, changed or deleted (caches already cleared). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.invalidate(u)),
      watcher.onDidChange((u) => this.invalidate(u)),
      watcher.onDidDelete((u) => this.invalidate(u, true)),
      // Saves from an editor also arrive here; the watcher may be slower or coalesce events.
      vscode.workspace.onDidSaveTextDocument((d) => isConfigFile(d.uri) && this.invalidate(d.uri)),
      this.diagnostics,
      this.changed,
    );
  }

  /** Shows the problems of every config file in the workspace (once, at activation). */
  async checkWorkspace(): Promise<void> {
    try {
      const files = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 100);
      await Promise.all(files.map((u) => this.publish(u)));
    } catch (e) {
      this.log.warn(`could not list config files: ${String(e)}`);
    }
  }

  /** The nearest config file above a document (stopping at its workspace folder), parsed and validated. */
  find(uri: vscode.Uri): Promise<FileConfig> {
    if (uri.scheme === 'untitled') return Promise.resolve({ config: {}, problems: [] });
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const dir = uri.with({ path: dirname(uri.path), query: '', fragment: '' });
    const key = dir.toString();
    let hit = this.found.get(key);
    if (!hit) {
      hit = this.lookup(uri, folder).catch((e) => {
        this.log.error(`config lookup failed for ${uri.toString()}: ${String(e)}`);
        return { config: {}, problems: [] };
      });
      this.found.set(key, hit);
    }
    return hit;
  }

  private async lookup(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): Promise<FileConfig> {
    const host = { readFile: (path: string) => this.read(uri.with({ path, query: '', fragment: '' })) };
    const result: FileConfig = await findConfig(uri.path, host, folder?.uri.path);
    if (result.file) {
      result.fileUri = uri.with({ path: result.file, query: '', fragment: '' });
      void this.showProblems(result.fileUri, result.problems);
    }
    return result;
  }

  private read(uri: vscode.Uri): Promise<string | undefined> {
    const key = uri.toString();
    let hit = this.texts.get(key);
    if (!hit) {
      hit = Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
        (bytes) => decoder.decode(bytes),
        () => undefined,
      );
      this.texts.set(key, hit);
    }
    return hit;
  }

  private invalidate(uri: vscode.Uri, deleted = false): void {
    this.texts.clear();
    this.found.clear();
    if (deleted) this.diagnostics.delete(uri);
    else void this.publish(uri);
    this.log.info(`config file ${deleted ? 'deleted' : 'changed'}: ${uri.toString()}`);
    this.changed.fire(uri);
  }

  private async publish(uri: vscode.Uri): Promise<void> {
    const text = await this.read(uri);
    if (text === undefined) {
      this.diagnostics.delete(uri);
      return;
    }
    await this.showProblems(uri, parseConfigText(text, uri.path).problems);
  }

  private async showProblems(uri: vscode.Uri, problems: readonly ConfigProblem[]): Promise<void> {
    if (!problems.length) {
      this.diagnostics.delete(uri);
      return;
    }
    const text = (await this.read(uri)) ?? '';
    const lines = text.split('\n');
    const toPos = (offset: number) => {
      let line = 0;
      let rest = offset;
      while (line < lines.length - 1 && rest > lines[line].length) rest -= lines[line++].length + 1;
      return new vscode.Position(line, Math.max(0, rest));
    };
    const diags = problems.map((p) => {
      const at = locateConfigPath(text, p.path);
      const d = new vscode.Diagnostic(new vscode.Range(toPos(at.start), toPos(at.end)), p.message, vscode.DiagnosticSeverity.Warning);
      d.source = SOURCE;
      return d;
    });
    this.diagnostics.set(uri, diags);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

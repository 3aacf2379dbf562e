/**
 * The workspace's markdown files for the Prep Stories tree, Show Coverage, Move Story and Lint
 * Workspace. A summary of each file (its stories, loop and coverage; never its text) is cached:
 * open documents by version, other files by modification time and size, all of them by
 * configuration generation. A file is stat'ed before it is read, and one above `maxFileSize` is
 * never read. Files are read through `vscode.workspace.fs`, so virtual workspaces work.
 */
import * as vscode from 'vscode';
import type { DocContext } from './context';
import type { ClosedFiles, Linter } from './diagnostics';
import { lintForEditor, parseForEditor, skippedUnread, type EditorLint } from './lintModel';
import { summarize, type FileSummary, type PrepSummary } from './scanModel';

/** The markdown files a scan looks at. */
export const MARKDOWN_GLOB = '**/*.{md,markdown}';
/** Never scanned. */
export const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out,.vscode-test}/**';
const MAX_FILES = 5000;
const decoder = new TextDecoder('utf-8');

/** A prep doc of the workspace. */
export interface ScannedDoc {
  uri: vscode.Uri;
  prep: PrepSummary;
}

/** Counters for tests (`prepLoop._scanStats`). */
export interface ScanStats {
  /** Files read from disk. */
  reads: number;
  /** Summaries computed (from disk or from an open document). */
  summaries: number;
  /** Files skipped unread because of their size. */
  skippedUnread: number;
  /** Summaries cached now. */
  cached: number;
}

interface Entry {
  /** `open:<version>` or `disk:<mtime>:<size>`. */
  stamp: string;
  generation: number;
  summary: FileSummary;
}

/** Lists the workspace's markdown files, sorted by path. */
export async function listMarkdown(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, EXCLUDE_GLOB, MAX_FILES, token);
  return uris.sort((a, b) => a.toString().localeCompare(b.toString()));
}

/** A short workspace-relative label for a URI. */
export function shortPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
}

/** The workspace's markdown files, summarised and cached. */
export class WorkspaceFiles implements ClosedFiles {
  private readonly cache = new Map<string, Entry>();
  private readonly counters = { reads: 0, summaries: 0, skippedUnread: 0 };

  constructor(private readonly linter: Linter) {}

  /** The prep docs of the workspace (only changed files are read again). */
  async prepDocs(token?: vscode.CancellationToken): Promise<ScannedDoc[]> {
    const uris = await listMarkdown(token);
    const listed = new Set(uris.map((u) => u.toString()));
    for (const key of this.cache.keys()) if (!listed.has(key)) this.cache.delete(key);
    const out: ScannedDoc[] = [];
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      const summary = await this.summary(uri);
      if (summary?.prep) out.push({ uri, prep: summary.prep });
    }
    return out;
  }

  /** The summary of one file, from the cache when the file did not change. */
  async summary(uri: vscode.Uri): Promise<FileSummary | undefined> {
    const key = uri.toString();
    const generation = this.linter.contexts.generation;
    const open = openDocument(uri);
    if (open) {
      const stamp = `open:${open.version}`;
      const hit = this.cache.get(key);
      if (hit && hit.stamp === stamp && hit.generation === generation) return hit.summary;
      const lint = await this.linter.current(open);
      if (!lint) return undefined;
      this.counters.summaries++;
      return this.remember(key, `open:${lint.version}`, lint.generation, summarize(shortPath(uri), lint.result, lint.ctx));
    }
    const stat = await this.stat(uri);
    if (!stat) {
      this.cache.delete(key);
      return undefined;
    }
    const stamp = `disk:${stat.mtime}:${stat.size}`;
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp && hit.generation === generation) return hit.summary;
    const ctx = await this.linter.contexts.forUri(uri);
    const checked = await this.check(uri, stat.size, ctx, parseForEditor);
    if (!checked) return undefined;
    return this.remember(key, stamp, generation, summarize(shortPath(uri), checked.result, ctx));
  }

  /**
   * Lints a file that is not open and shows its diagnostics (Lint Workspace); the summary cache
   * takes the parsed result too. Undefined when the file cannot be read.
   */
  async lintClosed(uri: vscode.Uri): Promise<EditorLint | undefined> {
    const generation = this.linter.contexts.generation;
    const stat = await this.stat(uri);
    if (!stat) {
      this.linter.clear(uri);
      return undefined;
    }
    const ctx = await this.linter.contexts.forUri(uri);
    const checked = await this.check(uri, stat.size, ctx, lintForEditor);
    if (!checked) return undefined;
    this.remember(uri.toString(), `disk:${stat.mtime}:${stat.size}`, generation, summarize(shortPath(uri), checked.result, ctx));
    this.linter.showClosed(uri, checked.result, checked.firstLineLength);
    return checked.result;
  }

  /** Re-checks a file Lint Workspace showed, unless it is open now (its own lifecycle covers it). */
  async relintClosed(uri: vscode.Uri): Promise<void> {
    if (openDocument(uri) || !this.linter.isClosedShown(uri)) return;
    try {
      await this.lintClosed(uri);
    } catch {
      this.linter.clear(uri);
    }
  }

  /** Counters, for tests. */
  stats(): ScanStats {
    return { ...this.counters, cached: this.cache.size };
  }

  private async stat(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(uri);
      return s.type & vscode.FileType.File ? s : undefined;
    } catch {
      return undefined;
    }
  }

  /** Reads (unless too big) and checks a file with `check` (lint or parse only). */
  private async check(
    uri: vscode.Uri,
    size: number,
    ctx: DocContext,
    check: (text: string, ctx: DocContext) => EditorLint,
  ): Promise<{ result: EditorLint; firstLineLength: number } | undefined> {
    this.counters.summaries++;
    if (size > ctx.config.maxFileSize) {
      this.counters.skippedUnread++;
      return { result: skippedUnread(size, ctx), firstLineLength: 0 };
    }
    let text: string;
    try {
      text = decoder.decode(await vscode.workspace.fs.readFile(uri));
      this.counters.reads++;
    } catch {
      return undefined;
    }
    const eol = text.indexOf('\n');
    return { result: check(text, ctx), firstLineLength: (eol === -1 ? text : text.slice(0, eol)).replace(/\r$/, '').length };
  }

  private remember(key: string, stamp: string, generation: number, summary: FileSummary): FileSummary {
    this.cache.set(key, { stamp, generation, summary });
    return summary;
  }
}

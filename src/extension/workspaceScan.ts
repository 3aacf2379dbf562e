/**
 * Reads every markdown file of the workspace (open documents from the editor, others through
 * `vscode.workspace.fs`) and lints it with its own context. Used by Lint Workspace, the Prep
 * Stories tree, Show Coverage and Move Story.
 */
import * as vscode from 'vscode';
import type { PrepDoc } from '../core/parse';
import type { DocContext } from './context';
import type { Linter } from './diagnostics';
import { lintForEditor, type EditorLint } from './lintModel';

/** The markdown files a scan looks at. */
export const MARKDOWN_GLOB = '**/*.{md,markdown}';
/** Never scanned. */
export const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out,.vscode-test}/**';
const MAX_FILES = 5000;
const decoder = new TextDecoder('utf-8');

/** One scanned file. */
export interface ScannedFile {
  uri: vscode.Uri;
  text: string;
  ctx: DocContext;
  result: EditorLint;
}

/** A scanned prep doc. */
export interface ScannedDoc extends ScannedFile {
  doc: PrepDoc;
}

/** The text of a file: the open document's (unsaved edits included), else the file's. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Lists the workspace's markdown files, sorted by path. */
export async function listMarkdown(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, EXCLUDE_GLOB, MAX_FILES, token);
  return uris.sort((a, b) => a.toString().localeCompare(b.toString()));
}

/** Scans files (default: the whole workspace), reporting progress; stops early when cancelled. */
export async function scanFiles(
  linter: Linter,
  options: { uris?: vscode.Uri[]; token?: vscode.CancellationToken; onFile?: (done: number, total: number, uri: vscode.Uri) => void } = {},
): Promise<ScannedFile[]> {
  const uris = options.uris ?? (await listMarkdown(options.token));
  const out: ScannedFile[] = [];
  let done = 0;
  for (const uri of uris) {
    if (options.token?.isCancellationRequested) break;
    options.onFile?.(done, uris.length, uri);
    const text = await readText(uri);
    done++;
    if (text === undefined) continue;
    const ctx = await linter.contexts.forUri(uri);
    out.push({ uri, text, ctx, result: lintForEditor(text, ctx) });
  }
  return out;
}

/** The prep docs of the workspace. */
export async function scanPrepDocs(linter: Linter, token?: vscode.CancellationToken): Promise<ScannedDoc[]> {
  const files = await scanFiles(linter, { ...(token ? { token } : {}) });
  return files.flatMap((f) => (f.result.doc?.isPrepDoc ? [{ ...f, doc: f.result.doc }] : []));
}

/** A short workspace-relative label for a URI. */
export function shortPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

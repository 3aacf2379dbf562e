/**
 * Turns the CLI's path and glob arguments into markdown files, and reads them safely: each file
 * once (by its real path, so a symlinked directory loop cannot repeat a file), decoded in its own
 * encoding (`core/encoding`), with a reason instead of a crash when it cannot be read.
 */
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { decodeText, type TextEncodingInfo } from '../core/encoding';
import { sizeSkipReason } from '../core/lint';

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/.vscode-test/**'];

/** A problem with one argument, for the user. */
export interface PathProblem {
  arg: string;
  message: string;
}

/** Expands arguments into absolute markdown file paths (sorted, each real file once). */
export async function expandPaths(args: string[], cwd: string): Promise<{ files: string[]; problems: PathProblem[] }> {
  const files = new Map<string, string>();
  const add = (f: string) => {
    let key = f;
    try {
      // The native call: one realpath(3) rather than an lstat per path segment.
      key = realpathSync.native(f);
    } catch {
      // A dangling link: keep its own path; reading it will say why it fails.
    }
    // The same file reached twice (a symlinked directory, a loop): keep its shortest path.
    const had = files.get(key);
    if (had === undefined || f.length < had.length) files.set(key, f);
  };
  const problems: PathProblem[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const kind = pathKind(abs);
    if (kind === 'loop') {
      problems.push({ arg, message: `${arg} is a symbolic link that points back to itself (a loop); skipped.` });
      continue;
    }
    if (kind === 'dir') {
      const found = await glob(['**/*.{md,markdown,mdown,mkd}'], { cwd: abs, absolute: true, ignore: IGNORE, dot: false });
      if (!found.length) problems.push({ arg, message: `No markdown files in ${arg}.` });
      found.sort().forEach(add);
      continue;
    }
    if (kind === 'file') {
      add(abs);
      continue;
    }
    if (kind === 'other') {
      problems.push({ arg, message: `${arg} is not a file or a directory.` });
      continue;
    }
    if (kind === 'dangling') {
      problems.push({ arg, message: `${arg} is a symbolic link to a file that does not exist.` });
      continue;
    }
    if (kind === 'denied') {
      problems.push({ arg, message: `${arg}: permission denied.` });
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = (await glob([arg], { cwd, absolute: true, ignore: IGNORE })).filter((f) => MARKDOWN.test(f));
      if (!found.length) problems.push({ arg, message: `No markdown files match ${arg}.` });
      found.sort().forEach(add);
      continue;
    }
    problems.push({ arg, message: `${arg}: no such file or directory.` });
  }
  return { files: [...files.values()].sort(), problems };
}

function pathKind(abs: string): 'file' | 'dir' | 'other' | 'loop' | 'missing' | 'denied' | 'dangling' {
  try {
    const st = statSync(abs);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'loop';
    if (code === 'EACCES') return 'denied';
    try {
      return lstatSync(abs).isSymbolicLink() ? 'dangling' : 'missing';
    } catch {
      return 'missing';
    }
  }
}

/** A file read for linting: its text and how it was stored, or why it was not read. */
export type ReadResult = { text: string; info: TextEncodingInfo; raw: Uint8Array } | { error: string } | { skipped: string; bytes: number };

/**
 * Reads a file and decodes it in its own encoding, or says why it cannot be linted. A file above
 * `maxBytes` is not read at all (`skipped`, with the size message every command uses). `raw` is
 * the bytes as read (what the result cache hashes).
 */
export function readSource(path: string, maxBytes = Infinity): ReadResult {
  let buf: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { skipped: sizeSkipReason(size, maxBytes), bytes: size };
    buf = readFileSync(path);
  } catch (e) {
    return { error: describeReadError(e) };
  }
  const decoded = decodeText(buf);
  if (decoded.binary) return { error: decoded.binary };
  return { text: decoded.text, info: decoded.info, raw: buf };
}

/** Reads a small text file (a config) in its own encoding; undefined when it cannot be read. */
export function readText(path: string): { text: string } | { error: string } {
  const r = readSource(path);
  return 'text' in r ? { text: r.text } : { error: 'error' in r ? r.error : r.skipped };
}

/** A read failure in plain words. */
export function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOENT':
      return 'no such file';
    case 'ELOOP':
      return 'is a symbolic link loop';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

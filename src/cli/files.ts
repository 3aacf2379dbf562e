/**
 * Turns the CLI's path and glob arguments into markdown files, and reads them safely.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;
const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/.vscode-test/**'];

/** A problem with one argument, for the user. */
export interface PathProblem {
  arg: string;
  message: string;
}

/** Expands arguments into absolute markdown file paths (sorted, unique). */
export async function expandPaths(args: string[], cwd: string): Promise<{ files: string[]; problems: PathProblem[] }> {
  const files = new Set<string>();
  const problems: PathProblem[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    if (existsSync(abs)) {
      const st = statSync(abs);
      if (st.isDirectory()) {
        const found = await glob(['**/*.{md,markdown,mdown,mkd}'], { cwd: abs, absolute: true, ignore: IGNORE, dot: false });
        if (!found.length) problems.push({ arg, message: `No markdown files in ${arg}.` });
        found.forEach((f) => files.add(f));
      } else if (st.isFile()) {
        files.add(abs);
      } else {
        problems.push({ arg, message: `${arg} is not a file or a directory.` });
      }
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = (await glob([arg], { cwd, absolute: true, ignore: IGNORE })).filter((f) => MARKDOWN.test(f));
      if (!found.length) problems.push({ arg, message: `No markdown files match ${arg}.` });
      found.forEach((f) => files.add(f));
      continue;
    }
    problems.push({ arg, message: `${arg}: no such file or directory.` });
  }
  return { files: [...files].sort(), problems };
}

/** Reads a file as UTF-8 text, or says why it cannot be linted. */
export function readText(path: string): { text: string } | { error: string } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message };
  }
  const probe = buf.subarray(0, 8192);
  if (probe.includes(0)) return { error: 'looks like a binary file, not markdown' };
  return { text: buf.toString('utf8') };
}

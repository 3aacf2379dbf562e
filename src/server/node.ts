/**
 * `prep-loop-ls`: the language server on Node. `--stdio` for editors that start it themselves
 * (Neovim, Helix, Zed, Sublime LSP, Emacs eglot); `--node-ipc` when VS Code starts it. Files of
 * `file:` URIs are read with Node's `fs` unless the client offers to read them (VS Code does).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { decodeText } from '../core/encoding';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { EXCLUDED_DIRS, type ServiceFs } from '../service/host';
import { startServer } from './server';

const MAX_FILES = 5000;

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Node's file system for `file:` URIs; the workspace folders come from the server at call time. */
export function nodeFs(folders: () => readonly string[]): ServiceFs {
  return {
    async readFile(uri) {
      const p = toPath(uri);
      if (!p) return undefined;
      try {
        // Any encoding the user saved in (BOM, UTF-16, Latin-1), never a replacement character.
        const decoded = decodeText(await readFile(p));
        return decoded.binary ? undefined : decoded.text;
      } catch {
        return undefined;
      }
    },
    async stat(uri) {
      const p = toPath(uri);
      if (!p) return undefined;
      try {
        const s = await stat(p);
        return s.isFile() ? { size: s.size, mtime: s.mtimeMs } : undefined;
      } catch {
        return undefined;
      }
    },
    async findFiles(glob) {
      const match = picomatch(glob, { dot: true });
      const out: string[] = [];
      const seen = new Set<string>();
      const walk = async (dir: string, root: string): Promise<void> => {
        if (out.length >= MAX_FILES || seen.has(dir)) return;
        seen.add(dir);
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const full = path.join(dir, e.name);
          if (e.isDirectory()) {
            if (!EXCLUDED_DIRS.includes(e.name)) await walk(full, root);
          } else if (e.isFile() && match(path.relative(root, full).split(path.sep).join('/'))) out.push(pathToFileURL(full).href);
        }
      };
      for (const f of folders()) {
        const root = toPath(f);
        if (root) await walk(root, root);
      }
      return out.sort();
    },
  };
}

startServer(createConnection(ProposedFeatures.all), { localFs: nodeFs });

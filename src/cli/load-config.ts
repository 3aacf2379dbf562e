/**
 * Config loading for the `jd` and `coverage` commands: `--config FILE`, else the nearest
 * `.prep-loop.json` / `.prep-loop.yaml` above each file, each problem reported once.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findConfig, parseConfigText, resolveConfig, type ConfigProblem, type FoundConfig, type ResolvedConfig } from '../core/config';
import { readText } from './files';
import { UsageError, type Io } from './io';

const toSlash = (p: string) => p.replace(/\\/g, '/');

/** Returns a function giving the resolved config for a file (absolute path). */
export function configLoader(io: Io, explicit: string | undefined): (file: string) => Promise<ResolvedConfig> {
  const reported = new Set<string>();
  const report = (problems: ConfigProblem[]) => {
    for (const p of problems) {
      const key = `${p.source}|${p.path}|${p.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const at = p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : '';
      io.stderr(`prep-loop: ${p.source}${at}${p.path ? ` (${p.path})` : ''}: ${p.message}\n`);
    }
  };
  if (explicit) {
    const path = resolve(io.cwd, explicit);
    const read = readText(path);
    if ('error' in read) throw new UsageError(`cannot read the config file ${explicit}: ${read.error}.`);
    const parsed = parseConfigText(read.text, path);
    // A file the user named and that is not JSON/YAML at all is a usage error, not a silent default.
    const syntax = parsed.problems.find((p) => p.syntax);
    if (syntax) {
      const at = syntax.line !== undefined ? `:${syntax.line}:${syntax.column ?? 1}` : '';
      throw new UsageError(`${explicit}${at}: ${syntax.message.replace(/; using the default settings\.$/, '.')}`);
    }
    report(parsed.problems);
    const config = { ...resolveConfig(parsed.config), baseDir: toSlash(dirname(path)) };
    return async () => config;
  }
  const cache = new Map<string, Promise<FoundConfig>>();
  // One resolved object per config found: files that share a config share it (and the run sends it to workers once).
  const resolved = new Map<string, ResolvedConfig>();
  // Each candidate file is looked at once per run (folders share their parents' candidates), and
  // a missing one costs a stat that does not throw (most candidates are missing).
  const files = new Map<string, string | undefined>();
  const host = {
    readFile: async (p: string) => {
      if (!files.has(p)) {
        const read = statSync(p, { throwIfNoEntry: false })?.isFile() ? readText(p) : undefined;
        files.set(p, read && 'text' in read ? read.text : undefined);
      }
      return files.get(p);
    },
  };
  return async (file) => {
    const dir = dirname(file);
    let found = cache.get(dir);
    if (!found) {
      found = findConfig(toSlash(file), host);
      cache.set(dir, found);
    }
    const f = await found;
    report(f.problems);
    const key = f.file ?? '';
    let config = resolved.get(key);
    if (!config) {
      config = { ...resolveConfig(f.config), baseDir: f.dir ?? toSlash(io.cwd) };
      resolved.set(key, config);
    }
    return config;
  };
}

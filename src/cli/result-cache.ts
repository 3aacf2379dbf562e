/**
 * `prep-loop lint --cache`: the results of files that did not change since the last run, the
 * convention ESLint and Prettier users know. An entry is used only when the file's bytes, its
 * resolved config and the Prep Loop build are all the same as when it was stored; anything else
 * is linted again. The cache file is one JSON document, written whole (to a temporary file, then
 * renamed) at the end of a run; one that cannot be read or does not look like ours is ignored
 * with a note and replaced, never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ResolvedConfig } from '../core/config';
import type { CriteriaSummary } from '../core/elsewhere';
import type { Finding } from '../core/types';
import type { FileNotice, FileResult } from './format';

/** The cache file's format; a different one is ignored. */
const FORMAT = 2;
/** Entries kept at most (files not linted for a while are dropped first). */
const MAX_ENTRIES = 50_000;

/**
 * What a cache entry holds: a file's result without its path and text (its findings, notices and
 * whatever else a result carries), or `{}` for a file that is not a prep doc.
 */
export interface CachedResult extends Partial<Omit<FileResult, 'filePath' | 'text'>> {
  /** False when the result came without the file's text (a file skipped unparsed). */
  withText?: boolean;
  /** What the file offers its siblings and asks of them (`elsewhere.ts`), so a run need not parse it to know. */
  criteria?: CriteriaSummary;
  /**
   * The `elsewhere` input (its `elsewhereKey`) the findings were computed with, '' or absent for
   * none: a run whose siblings now give another input lints the file again.
   */
  elsewhere?: string;
}

interface Entry {
  /** Hash of the file's bytes. */
  h: string;
  /** Hash of the resolved config the file was linted with. */
  c: string;
  r: CachedResult;
}

interface CacheFile {
  format: number;
  /** The Prep Loop build: version and the bundle's identity (a rebuild invalidates). */
  build: string;
  entries: Record<string, Entry>;
}

/** The default cache file: under `node_modules/.cache/prep-loop/` of the nearest package, else of `cwd`. */
export function defaultCacheFile(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) break;
    const up = dirname(dir);
    if (up === dir) {
      dir = resolve(cwd);
      break;
    }
    dir = up;
  }
  return join(dir, 'node_modules', '.cache', 'prep-loop', 'lint-cache.json');
}

/**
 * Where `--cache-location` points: a file, or a directory (one that exists, or a path ending in a
 * separator) that gets `lint-cache.json` inside it, as ESLint does.
 */
export function cacheFileAt(location: string, cwd: string): string {
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, 'lint-cache.json');
  try {
    if (statSync(abs).isDirectory()) return join(abs, 'lint-cache.json');
  } catch {
    // Not there yet: a file path.
  }
  return abs;
}

/** A hash of a file's bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

const configHashes = new WeakMap<ResolvedConfig, string>();

/** A hash of a resolved config (every value that can change a finding). */
export function configHash(config: ResolvedConfig): string {
  let h = configHashes.get(config);
  if (!h) {
    h = createHash('sha1').update(JSON.stringify(config)).digest('base64');
    configHashes.set(config, h);
  }
  return h;
}

/** The lint results cache of one run: load, look up, store, save. */
export class ResultCache {
  private entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly build: string,
  ) {}

  /**
   * Opens the cache at `file` for this `build`. `note` receives one line when an existing cache
   * cannot be used (unreadable, corrupt, another format); the run then starts from empty.
   * A cache of another build or format is dropped silently: that is the expected invalidation.
   */
  static open(file: string, build: string, note: (message: string) => void): ResultCache {
    const cache = new ResultCache(file, build);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') note(`the cache ${file} could not be read (${code ?? (e as Error).message}); linting every file.`);
      return cache;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      note(`the cache ${file} is corrupt (not JSON); linting every file and writing a new one.`);
      return cache;
    }
    if (!isCacheFile(data)) {
      note(`the cache ${file} is not a Prep Loop cache; linting every file and writing a new one.`);
      return cache;
    }
    if (data.format !== FORMAT || data.build !== build) {
      cache.changed = true;
      return cache;
    }
    cache.entries = Object.assign(Object.create(null) as Record<string, Entry>, data.entries);
    return cache;
  }

  /** The stored result of `path` when its bytes and config are the ones given, else undefined. */
  get(path: string, hash: string, config: string): CachedResult | undefined {
    const e = this.entries[path];
    if (!e || e.h !== hash || e.c !== config || !isResult(e.r)) return undefined;
    return e.r;
  }

  /** Stores the result of `path` for these bytes and config. */
  set(path: string, hash: string, config: string, result: CachedResult): void {
    // Re-inserted at the end, so the oldest entries are the first dropped.
    delete this.entries[path];
    this.entries[path] = { h: hash, c: config, r: result };
    this.changed = true;
  }

  /** Forgets `path` (its file changed in a way the cache must not vouch for). */
  delete(path: string): void {
    if (!(path in this.entries)) return;
    delete this.entries[path];
    this.changed = true;
  }

  /** Writes the cache when it changed. Returns why it could not be written, if it could not. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const keys = Object.keys(this.entries);
    const entries = keys.length > MAX_ENTRIES ? Object.fromEntries(keys.slice(-MAX_ENTRIES).map((k) => [k, this.entries[k]])) : this.entries;
    const data: CacheFile = { format: FORMAT, build: this.build, entries };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
      this.changed = false;
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return `the cache ${this.file} could not be written (${code ?? (e as Error).message}); the next run lints every file again.`;
    }
  }
}

function isCacheFile(x: unknown): x is CacheFile {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return typeof o.format === 'number' && typeof o.build === 'string' && !!o.entries && typeof o.entries === 'object' && !Array.isArray(o.entries);
}

/** An entry's result is used only when it has the shape this build writes. */
function isResult(r: unknown): r is CachedResult {
  if (!r || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  if (o.findings !== undefined && !(Array.isArray(o.findings) && o.findings.every(isFinding))) return false;
  if (o.elsewhere !== undefined && typeof o.elsewhere !== 'string') return false;
  if (o.criteria !== undefined && !(o.criteria && typeof o.criteria === 'object' && Array.isArray((o.criteria as CriteriaSummary).blocks) && Array.isArray((o.criteria as CriteriaSummary).wants))) return false;
  const coverage = (o.criteria as CriteriaSummary | undefined)?.coverage;
  if (coverage !== undefined && !(coverage && typeof coverage === 'object' && typeof coverage.loop === 'string' && typeof coverage.stories === 'number' && typeof coverage.bank === 'boolean' && Array.isArray(coverage.drills) && coverage.drills.every((d) => typeof d === 'string'))) return false;
  if (o.notices !== undefined && !(Array.isArray(o.notices) && o.notices.every((n) => !!n && typeof n === 'object' && typeof (n as FileNotice).message === 'string'))) return false;
  return true;
}

function isFinding(f: unknown): boolean {
  if (!f || typeof f !== 'object') return false;
  const o = f as Finding;
  return typeof o.ruleId === 'string' && typeof o.message === 'string' && typeof o.severity === 'string' && !!o.range?.start && !!o.range.end && typeof o.range.start.offset === 'number';
}

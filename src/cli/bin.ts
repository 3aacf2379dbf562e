/**
 * The `prep-loop` executable (`dist/cli.js`): a small launcher. `--version` and `--help` are
 * answered here without loading the linter; everything else loads the CLI bundle
 * (`dist/cli-main.js`) next to it through V8's code cache, so a run on one small file does not
 * spend its time compiling the code it ran last time too: Node's own compile cache where Node has
 * one (22.1+), else a cache file of our own in the temp folder. Either is only an accelerator:
 * V8 checks a cache against the source and ignores one that does not fit, and any error
 * reading or writing it just means the bundle is compiled as usual.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { HELP, VERSION } from './help';

/** Which run wrote a code cache: a lint of one file, or anything bigger. Loaded in this order. */
const CACHE_KINDS = ['one', 'many'] as const;
type CacheKind = (typeof CACHE_KINDS)[number];

/** Set by the bundle's `lint` to the number of files it lints (see `main.ts`). */
const LINTED_FILES = Symbol.for('prep-loop.linted-files');

/** Options of `lint` that take a value (`--format json`), so the value is not a path. */
const VALUE_OPTIONS = new Set(['--format', '-f', '--config', '-c', '--cache-location', '--concurrency', '--min-severity']);

const [command] = process.argv.slice(2);
if (!isMainThread) {
  // A worker thread of the CLI (`parallel.ts`): the bundle serves tasks; loaded through the cache too.
  loadBundle(join(__dirname, 'cli-main.js'));
} else if (command === '--version' || command === '-v') {
  process.stdout.write(`${VERSION}\n`);
} else if (!command || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(HELP);
  // No command at all is a usage error (exit 2), as in the full CLI.
  if (!command) process.exitCode = 2;
} else {
  loadBundle(join(__dirname, 'cli-main.js'));
}

/** What `node:module` offers beyond its typings for Node 20. */
type ModuleInternals = typeof Module & {
  enableCompileCache?: () => unknown;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
};

function loadBundle(file: string): void {
  // V8 runs a regular expression in its interpreter first and compiles it again to machine code
  // on its next use ("tier-up"), so a short run compiles most of the linter's ~240 patterns
  // twice. Compiled once, straight to machine code, a lint of one small file costs ~6 ms less CPU
  // (of ~115 ms) and a big folder no more. Set before the bundle is compiled, and the same in
  // every run, so the code cache (which V8 checks against the flags) still fits.
  try {
    setFlagsFromString('--no-regexp-tier-up');
  } catch {
    // Not settable here: patterns tier up as usual.
  }
  const M = Module as ModuleInternals;
  const disabled = !!process.env.NODE_DISABLE_COMPILE_CACHE;
  if (disabled || typeof M.enableCompileCache === 'function') {
    try {
      if (!disabled) M.enableCompileCache?.();
    } catch {
      // No cache: compiled as usual.
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    return;
  }
  let source: string;
  let cacheBase: string;
  try {
    // The build writes the bundle in ASCII (scripts/build.mjs): read so, it is a one-byte string
    // at once, ~2 ms faster than decoding UTF-8. Any other file is decoded as UTF-8, as require would.
    const bytes = readFileSync(file);
    source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    const st = statSync(file);
    cacheBase = join(cacheDir(), `${cachePrefix(file)}${VERSION}-${st.size}-${Math.round(st.mtimeMs)}-${process.versions.v8}`);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    return;
  }
  // The cache holds what the run that wrote it compiled, and a run that loads a cache compiles
  // into it all it holds. One written by a one-file lint ("one") loads 12–16 ms of CPU faster than
  // one a folder lint wrote ("many"), and a folder lint runs as fast on either. So a run that looks
  // like a one-file lint does not load a "many" cache: it compiles afresh (once) and its "one"
  // cache replaces it. The look is a guess from the arguments; a wrong guess only costs time.
  const kinds: readonly CacheKind[] = isMainThread && looksLikeOneFileLint(process.argv.slice(2)) ? ['one'] : CACHE_KINDS;
  let cachedData: Buffer | undefined;
  if (ownDir(dirname(cacheBase))) {
    for (const kind of kinds) {
      try {
        cachedData = readFileSync(`${cacheBase}.${kind}.bin`);
        break;
      } catch {
        // Not there: the next kind, or none.
      }
    }
  }
  const script = new Script(M.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    // Written at exit, so it holds the functions this run compiled too (most of what the next run needs).
    process.once('exit', () => {
      const kind: CacheKind = isMainThread && (globalThis as Record<symbol, unknown>)[LINTED_FILES] === 1 ? 'one' : 'many';
      const cacheFile = `${cacheBase}.${kind}.bin`;
      try {
        const dir = dirname(cacheFile);
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!ownDir(dir)) return;
        // Older caches of this install are of no use any more; other installs (a global and a
        // project copy, two checkouts) keep theirs, or they would evict each other on every run.
        const mine = cachePrefix(file);
        for (const old of readdirSync(dir)) if (old.startsWith(mine) && join(dir, old) !== cacheFile) unlinkSync(join(dir, old));
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cacheFile);
      } catch {
        // A read-only temp folder: no cache, no harm.
      }
    });
  }
  // Run it as CommonJS, as `require` would: its own module object, require, __filename, __dirname.
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  Object.assign(req, { resolve: (id: string) => require.resolve(id, { paths: [dirname(file)] }), main: require.main, cache: require.cache });
  wrapper.call(mod.exports, mod.exports, req, mod, file, dirname(file));
}

/** Whether the arguments are `lint` of one markdown file (`lint notes.md --format json`). */
function looksLikeOneFileLint(args: readonly string[]): boolean {
  if (args[0] !== 'lint') return false;
  const paths: string[] = [];
  for (let i = 1; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i])) i++;
    else if (!args[i].startsWith('-')) paths.push(args[i]);
  }
  return paths.length === 1 && /\.(?:md|markdown|mdx)$/i.test(paths[0]);
}

/** The start of the cache file names of one bundle: by the bundle's path, so each install has its own. */
function cachePrefix(file: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return `cli-main-${(h >>> 0).toString(16).padStart(8, '0')}-`;
}

/** The compile cache's folder: per user, in the temp folder. */
function cacheDir(): string {
  const uid = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  return join(tmpdir(), `prep-loop-compile-cache${uid}`);
}

/**
 * Whether a cache folder is safe to read: ours, and writable by nobody else (cached code is run,
 * so another user must not be able to plant it). Where there are no user ids (Windows), the
 * temp folder is the user's own.
 */
function ownDir(dir: string): boolean {
  try {
    const st = statSync(dir);
    if (typeof process.getuid !== 'function') return st.isDirectory();
    return st.isDirectory() && st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

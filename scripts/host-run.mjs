#!/usr/bin/env node
// @ts-check
/**
 * @file Runs an extension's test module inside a real VS Code extension host, headless.
 *
 * The host is VS Code OSS's server as shipped in code-server (installed into test/host by
 * scripts/host-setup.mjs), run under its own Node 24; its web workbench is opened in headless
 * Debian Chromium driven by playwright-core. The extension under test and its compiled test module
 * are passed through the workbench URL's payload; the test module's `run()` executes in the real
 * (remote, Node) extension host. The workbench reports the test's exit code through
 * `window.codeAutomationExit` and the host's log through `window.codeAutomationLog`.
 *
 * Usage:
 *   node scripts/host-run.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--folder=DIR] [--timeout=S]
 *   node scripts/host-run.mjs --serve --extensionDevelopmentPath=DIR [--folder=DIR] [--port=N]
 *
 *   Test mode exits with the test module's exit code (0 = `run()` resolved, 1 = it threw), 124 on
 *   watchdog timeout (a screenshot of the workbench is saved as $TMPDIR/prep-loop-host-timeout-*.png
 *   and its path printed), 1 on harness errors, 128+n on signal n. Serve mode starts only the server
 *   (no browser) and prints the URL to open; Ctrl+C stops it. `--extensionDevelopmentPath` may repeat.
 *   A positional argument is taken as the folder (that is how @vscode/test-electron passes it).
 *   Unknown flags (the Electron ones test-electron adds) are ignored.
 *
 * Env:
 *   PREP_LOOP_HOST_TIMEOUT   watchdog seconds for a test run (default 300)
 *   PREP_LOOP_HOST_VERBOSE=1 also print the server's output, the page console and all workbench
 *                            log lines (no chatter filter)
 *   PREP_LOOP_HOST_KEEP=1    keep the temp dir (server logs, user data) and print its path
 *
 * Importable: `import { runHost } from './host-run.mjs'` (used by scripts/code-shim.mjs and, with the
 * `onPage` option, by scripts/screenshot.mjs).
 *
 * Every exit path (success, failure, timeout, error, SIGINT/SIGTERM/SIGHUP) kills the server's
 * process group and the browser and removes the temp dir. If the harness itself is SIGKILLed, a small
 * guard process (pipe EOF) kills the server group, and Chromium exits when its DevTools pipe closes.
 * Nothing listens beyond 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { HOST } from './host-setup.mjs';

const DEFAULT_TIMEOUT_S = 300;
const SERVER_START_DEADLINE_MS = 60_000;

/**
 * Workbench log lines that say nothing about the extension under test, matched against a
 * message's first line: connection setup, the chat/agent host, account/auth probes, the service
 * worker (code-server's wrapper is not used), and gallery/GitHub lookups that cannot reach the
 * network here. Kept narrow on purpose so that a test's own output is never swallowed;
 * PREP_LOOP_HOST_VERBOSE=1 shows everything.
 */
const CHATTER = [
  /^Resolv(ing|ed) connection token \(/,
  /^Creating a socket \(renderer-/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache$/,
  /^\[AgentHost[:\]]/,
  /^\[Chat[A-Za-z]*\]/,
  /^\[AccountPolicyGate\]/,
  /^\[Service Worker\] registration/,
  /^Timed out waiting for authentication provider '[\w-]+' to register/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN) (open-vsx\.org|[\w.-]*visualstudio\.com|[\w.-]*vsassets\.io|api\.github\.com|[\w.-]*githubusercontent\.com|[\w.-]*exp-tas\.com)/,
];

/** @param {string} text a formatted log message */
function isChatter(text) {
  const first = text.split('\n', 1)[0];
  return first.trim() === '' || CHATTER.some((re) => re.test(first));
}

/**
 * Source of the guard process (run with `node -e`): it holds the read end of a pipe from the harness;
 * when the harness goes away by any means (even SIGKILL) the pipe reaches EOF and the guard kills the
 * server's process group and removes the temp dir. argv: <server pgid> <temp dir or ''>.
 */
const GUARD_SRC = `
const [group, tmp] = process.argv.slice(1);
const done = () => {
  try { process.kill(-Number(group), 'SIGKILL'); } catch {}
  if (tmp) { try { require('fs').rmSync(tmp, { recursive: true, force: true }); } catch {} }
  process.exit(0);
};
process.stdin.on('end', done);
process.stdin.on('error', done);
process.stdin.resume();
`;

/**
 * @typedef {object} HostOptions
 * @property {string[]} extensionDevelopmentPath absolute or relative directories
 * @property {string} [extensionTestsPath] compiled test module (required unless serve)
 * @property {string} [folder] workspace folder to open
 * @property {boolean} [serve] start the server only and print the URL
 * @property {number} [port] fixed port (default: a free one)
 * @property {number} [timeoutS] watchdog seconds (test mode)
 * @property {(page: import('playwright-core').Page) => void | Promise<void>} [onPage] programmatic only
 *   (test mode): called with the workbench page before it opens, e.g. to size the viewport or take
 *   screenshots while the test module runs (scripts/screenshot.mjs)
 */

/**
 * Parses `--name=value`, `--name value` and positional arguments.
 * @param {string[]} argv
 * @returns {HostOptions}
 */
export function parseArgs(argv) {
  /** @type {HostOptions} */
  const o = { extensionDevelopmentPath: [] };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'folder', 'port', 'timeout']);
  /** @type {string[]} */
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    let value = eq === -1 ? undefined : a.slice(eq + 1);
    if (value === undefined && valued.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      value = argv[++i];
    }
    switch (name) {
      case 'extensionDevelopmentPath':
        if (value) o.extensionDevelopmentPath.push(value);
        break;
      case 'extensionTestsPath':
        o.extensionTestsPath = value;
        break;
      case 'folder':
        o.folder = value;
        break;
      case 'port':
        o.port = Number(value);
        break;
      case 'timeout':
        o.timeoutS = Number(value);
        break;
      case 'serve':
        o.serve = true;
        break;
      default:
        // Electron/VS Code flags added by @vscode/test-electron (--no-sandbox, --user-data-dir=...): not ours.
        break;
    }
  }
  if (!o.folder && positional.length > 0) o.folder = positional[positional.length - 1];
  return o;
}

/** @param {string} msg */
function say(msg) {
  process.stdout.write(`[host] ${msg}\n`);
}

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Settles like `promise`, or rejects once `ms` have passed.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withDeadline(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, deadline])).finally(() => clearTimeout(timer));
}

/**
 * Builds a vscode-remote URI for a server-side path.
 * @param {number} port
 * @param {string} p absolute path
 */
function remoteUri(port, p) {
  return `vscode-remote://127.0.0.1:${port}${pathToFileURL(p).pathname}`;
}

/**
 * The workbench URL with the extension-development payload.
 * @param {number} port
 * @param {{ extensionDevelopmentPath: string[], extensionTestsPath?: string, folder?: string }} o absolute paths
 */
export function workbenchUrl(port, o) {
  /** @type {[string, string][]} */
  const payload = o.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remoteUri(port, p)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, o.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const folder = o.folder ? `folder=${encodeURIComponent(o.folder).replace(/%2F/g, '/')}&` : '';
  return `http://127.0.0.1:${port}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Starts the harness. Resolves with the process exit code (test mode) or never (serve mode, until a
 * signal). Registers signal handlers; call once per process.
 * @param {HostOptions} opts
 * @returns {Promise<number>}
 */
export async function runHost(opts) {
  const serve = opts.serve ?? false;
  const verbose = process.env.PREP_LOOP_HOST_VERBOSE === '1';
  const keep = process.env.PREP_LOOP_HOST_KEEP === '1';
  const timeoutS = opts.timeoutS ?? (Number(process.env.PREP_LOOP_HOST_TIMEOUT) || DEFAULT_TIMEOUT_S);

  // ---- validate arguments ---------------------------------------------------------------------
  if (opts.extensionDevelopmentPath.length === 0) throw new Error('--extensionDevelopmentPath=DIR is required');
  const devPaths = opts.extensionDevelopmentPath.map((p) => path.resolve(p));
  for (const p of devPaths) {
    if (!existsSync(path.join(p, 'package.json'))) throw new Error(`not an extension folder (no package.json): ${p}`);
  }
  const testsPath = opts.extensionTestsPath ? path.resolve(opts.extensionTestsPath) : undefined;
  if (!serve) {
    if (!testsPath) throw new Error('--extensionTestsPath=FILE is required (or --serve)');
    if (!existsSync(testsPath)) throw new Error(`test module not found: ${testsPath} (build it first)`);
  }
  const folder = opts.folder ? path.resolve(opts.folder) : undefined;
  if (folder && !(existsSync(folder) && statSync(folder).isDirectory())) throw new Error(`folder not found: ${folder}`);
  for (const p of [HOST.node24, HOST.serverMain]) {
    if (!existsSync(p)) throw new Error(`VS Code test host not installed (${p} missing); run: npm run host:setup`);
  }
  if (!serve && !existsSync(HOST.chromium)) throw new Error(`${HOST.chromium} missing; run: npm run host:setup`);

  // ---- state + cleanup, registered before anything is started ----------------------------------
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-host-'));
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let server;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let guard;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {string[]} */
  const serverTail = [];
  let cleaned = false;

  /** Kills the server's whole process group (synchronous; safe to call repeatedly). */
  const killServerGroup = (/** @type {NodeJS.Signals} */ sig) => {
    if (server?.pid === undefined) return;
    try {
      process.kill(-server.pid, sig);
    } catch {
      /* already gone */
    }
  };
  /** Synchronous last resort on process exit. */
  const onExit = () => {
    killServerGroup('SIGKILL');
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', onExit);

  /** Orderly shutdown: browser, then server group (TERM, then KILL), then temp dir. */
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (browser) {
      await withDeadline(browser.close(), 5000, 'browser.close').catch(() => undefined);
    }
    if (server?.pid !== undefined) {
      const exited = server.exitCode !== null || server.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => server?.once('exit', resolve));
      killServerGroup('SIGTERM');
      await withDeadline(exited, 3000, 'server exit').catch(() => undefined);
      killServerGroup('SIGKILL'); // whatever is left in the group (extension host, pty host, watchers)
    }
    guard?.stdin?.end(); // the guard re-kills an empty group and exits
    if (keep) say(`kept temp dir ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  };

  /** @type {number | undefined} the first exit code decided (test result, timeout, signal, failure) */
  let result;
  /** @type {(code: number) => void} */
  let resolveFinished = () => undefined;
  /** @type {Promise<number>} */
  const finished = new Promise((resolve) => {
    resolveFinished = resolve;
  });
  /** @param {number} code */
  const finish = (code) => {
    if (result !== undefined) return;
    result = code;
    resolveFinished(code);
  };

  const signals = /** @type {const} */ ([['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]);
  for (const [sig, num] of signals) {
    process.on(sig, () => {
      say(`${sig} received; stopping`);
      finish(128 + num);
    });
  }

  /** @type {import('playwright-core').Page | undefined} */
  let page;
  let tOpen = Date.now();
  // The watchdog covers the whole test run (server start, browser launch, workbench, tests).
  const watchdog = serve
    ? undefined
    : setTimeout(async () => {
        if (result !== undefined) return;
        result = 124; // decided now: a late codeAutomationExit must not turn a timeout into a pass
        say(`watchdog: no result after ${timeoutS} s; failing the run`);
        if (page) {
          const shot = path.join(os.tmpdir(), `prep-loop-host-timeout-${Date.now()}.png`);
          await withDeadline(page.screenshot({ path: shot }), 10_000, 'screenshot')
            .then(() => say(`screenshot of the workbench saved: ${shot}`))
            .catch((e) => say(`screenshot failed: ${e instanceof Error ? e.message : e}`));
        }
        resolveFinished(124);
      }, timeoutS * 1000);
  watchdog?.unref();

  /**
   * Starts everything and waits for the outcome. Raced against `finished`, so a watchdog timeout or
   * a signal ends the run even while a step here is still pending.
   * @returns {Promise<number>}
   */
  const drive = async () => {
    // ---- start the VS Code server -----------------------------------------------------------
    const port = opts.port && opts.port > 0 ? opts.port : await freePort();
    for (const d of ['server-data', 'user-data', 'extensions']) mkdirSync(path.join(tmp, d));
    // VS Code in a browser saves edits after a second by default; the tests decide when a file is
    // saved (the onSave lint mode depends on it), so auto-save is off for the host's remote machine.
    mkdirSync(path.join(tmp, 'server-data', 'data', 'Machine'), { recursive: true });
    writeFileSync(path.join(tmp, 'server-data', 'data', 'Machine', 'settings.json'), JSON.stringify({ 'files.autoSave': 'off' }, null, 2));
    const args = [
      HOST.serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--server-data-dir', path.join(tmp, 'server-data'),
      '--user-data-dir', path.join(tmp, 'user-data'),
      '--extensions-dir', path.join(tmp, 'extensions'),
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--skip-welcome',
    ];
    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env };
    for (const k of Object.keys(env)) {
      // The outer npm's variables and Electron's would confuse the Node 24 server and its hosts.
      if (/^npm_/i.test(k) || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') delete env[k];
    }
    server = spawn(HOST.node24, args, { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    say(`VS Code server starting on 127.0.0.1:${port} (pid ${server.pid})`);
    if (server.pid !== undefined) {
      guard = spawn(process.execPath, ['-e', GUARD_SRC, String(server.pid), keep ? '' : tmp], {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      guard.unref();
      /** @type {import('node:net').Socket} */ (guard.stdin).unref();
    }

    const listening = new Promise((resolve, reject) => {
      /** @param {Buffer} chunk */
      const onData = (chunk) => {
        for (const line of chunk.toString('utf8').split(/\r?\n/)) {
          if (!line) continue;
          serverTail.push(line);
          if (serverTail.length > 200) serverTail.shift();
          if (verbose) process.stdout.write(`[server] ${line}\n`);
          if (/Extension host agent listening on/.test(line)) resolve(undefined);
        }
      };
      server?.stdout?.on('data', onData);
      server?.stderr?.on('data', onData);
      server?.once('exit', (code, sig) => reject(new Error(`VS Code server exited early (${code ?? sig})`)));
      server?.once('error', reject);
    });
    server.once('exit', (code, sig) => {
      if (!cleaned) {
        say(`VS Code server exited unexpectedly (${code ?? sig}); last output:\n${serverTail.slice(-40).join('\n')}`);
        finish(1);
      }
    });
    await withDeadline(listening, SERVER_START_DEADLINE_MS, 'VS Code server start');

    const url = workbenchUrl(port, { extensionDevelopmentPath: devPaths, extensionTestsPath: serve ? undefined : testsPath, folder });

    // ---- serve mode: print the URL and wait for Ctrl+C ----------------------------------------
    if (serve) {
      say('VS Code is running with the extension loaded from:');
      for (const p of devPaths) say(`  ${p}`);
      say('Open this URL in a browser on this machine (listens on 127.0.0.1 only):');
      process.stdout.write(`\n  ${url}\n\n`);
      say('Press Ctrl+C to stop.');
      const code = await finished;
      return code >= 128 ? 0 : code;
    }

    // ---- test mode: headless Chromium -----------------------------------------------------------
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: HOST.chromium,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser.on('disconnected', () => {
      if (!cleaned) {
        say('browser disconnected unexpectedly');
        finish(1);
      }
    });
    page = await browser.newPage();
    await opts.onPage?.(page);
    page.on('crash', () => {
      say('workbench page crashed');
      finish(1);
    });
    await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown} */ args) => {
      // Once the result is decided, the workbench's teardown noise (Canceled, ...) is not news.
      if (!verbose && result !== undefined) return;
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!verbose && isChatter(text)) return;
      const out = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
      out.write(type === 'info' || type === 'log' ? `${text}\n` : `[${type}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => {
      if (result !== undefined) return;
      say(`extension tests finished with exit code ${code} (${((Date.now() - tOpen) / 1000).toFixed(1)} s after opening the workbench)`);
      finish(typeof code === 'number' ? code : 1);
    });
    if (verbose) page.on('console', (m) => process.stdout.write(`[page:${m.type()}] ${m.text()}\n`));

    say(`opening workbench (watchdog ${timeoutS} s)`);
    if (verbose) say(url);
    tOpen = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return await finished;
  };

  try {
    return await Promise.race([drive(), finished]);
  } catch (err) {
    if (result === undefined) {
      say(`error: ${err instanceof Error ? err.message : String(err)}`);
      if (serverTail.length && !verbose) say(`server output (last lines):\n${serverTail.slice(-20).join('\n')}`);
    }
    return result ?? 1;
  } finally {
    if (watchdog) clearTimeout(watchdog);
    await cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const opts = parseArgs(process.argv.slice(2));
  runHost(opts).then(
    (code) => process.exit(code),
    (err) => {
      say(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

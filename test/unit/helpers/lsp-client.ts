/**
 * A small LSP client for tests: bundles the server (src/server/node.ts) once with esbuild,
 * spawns it with `--stdio` like any editor would, and speaks JSON-RPC to it. Waits on
 * notifications with a deadline, never on sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams, type Diagnostic } from 'vscode-languageserver-protocol/node';

let bundled: Promise<string> | undefined;
let bundleDir: string | undefined;

/** The server bundled once per test run (the same esbuild options as scripts/build.mjs). */
export function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    bundleDir = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-ls-'));
    const out = path.join(bundleDir, 'server.js');
    await build({
      entryPoints: [path.resolve(__dirname, '../../../src/server/node.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      logLevel: 'error',
      banner: { js: "const __prepLoopImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__prepLoopImportMetaUrl', PREP_LOOP_VERSION: '"test"' },
    });
    return out;
  })();
  return bundled;
}

/** Removes the bundle (afterAll). */
export function removeBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
}

/** A running server and a connection to it. */
export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Resolves with the next diagnostics of `uri` that satisfy `ok` (the latest ones first). */
  diagnostics(uri: string, ok: (ds: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[]>;
  /** Every publish received, in order. */
  published: PublishDiagnosticsParams[];
  stop(): Promise<void>;
}

/** Starts the server over stdio and initializes it. `settings` answers `workspace/configuration`. */
export async function startServer(opts: { folder: string; pull?: boolean; settings?: unknown }): Promise<TestServer> {
  const main = await serverBundle();
  const proc = spawn(process.execPath, [main, '--stdio'], { cwd: opts.folder, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const latest = new Map<string, Diagnostic[]>();
  const waiters: (() => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    latest.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) w();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const folderUri = pathToFileURL(opts.folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(opts.folder) }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true }, ...(opts.pull ? { diagnostic: { dynamicRegistration: false } } : {}), completion: {}, hover: {}, codeAction: {} },
    },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: proc,
    published,
    diagnostics(uri, ok, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const ds = latest.get(uri);
          if (ds && ok(ds)) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve(ds);
          }
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(latest.get(uri)?.map((d) => d.code))}`));
        }, ms);
        waiters.push(check);
        check();
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  };
}

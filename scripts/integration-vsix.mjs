#!/usr/bin/env node
// @ts-check
/**
 * @file The integration suite again, against the packaged extension: packages the .vsix (vsce runs
 * `vscode:prepublish`, the production build), unpacks it into a temp dir and runs
 * scripts/run-integration.mjs with `--extensionDevelopmentPath=<unpacked>/extension`. The suite
 * sees PREP_LOOP_EXPECT_VSIX and checks it really runs from the package (and that the package
 * holds no sources, tests, CLI or source maps).
 *
 * Usage: node scripts/integration-vsix.mjs   (part of `npm run test:integration`)
 * Env:   PREP_LOOP_SKIP_VSIX=1 skips this step (development loop).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} msg */
const say = (msg) => process.stdout.write(`[vsix] ${msg}\n`);

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (process.env.PREP_LOOP_SKIP_VSIX === '1') {
  say('skipped (PREP_LOOP_SKIP_VSIX=1)');
  process.exit(0);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-vsix-'));
let code = 1;
try {
  const vsix = path.join(tmp, 'prep-loop.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The suite drives the extension through its test hooks, which the production bundle leaves
  // out: this package keeps them (PREP_LOOP_TEST_HOOKS=1) and is otherwise the published one.
  if (run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { env: { ...process.env, PREP_LOOP_TEST_HOOKS: '1' } }) !== 0) throw new Error('vsce package failed');
  say(`${path.basename(vsix)}: ${(statSync(vsix).size / 1024).toFixed(1)} KB`);
  const unpacked = path.join(tmp, 'unpacked');
  // A .vsix is a zip; python3 is on every machine that runs the host (node has no unzip built in).
  const unzip = `import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])`;
  if (run('python3', ['-c', unzip, vsix, unpacked]) !== 0) throw new Error('could not unpack the .vsix');
  const extDir = path.join(unpacked, 'extension');
  say(`running the integration suite against ${extDir}`);
  code = run(process.execPath, [path.join(root, 'scripts', 'run-integration.mjs'), `--extensionDevelopmentPath=${extDir}`], {
    env: { ...process.env, PREP_LOOP_EXPECT_VSIX: extDir },
  });
} catch (e) {
  say(`error: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);

#!/usr/bin/env node
// @ts-check
/**
 * @file Integration tests in a real VS Code extension host (headless). Builds nothing itself.
 *
 *  1. scripts/host-setup.mjs: installs the host into test/host when needed (a no-op when the stamp matches).
 *  2. @vscode/test-electron `runTests` with `vscodeExecutablePath` = scripts/code-shim.mjs, which runs
 *     the VS Code server + headless Chromium harness (scripts/host-run.mjs).
 *
 * Defaults: extension = repo root (needs dist/extension.js), tests = dist/test/integration/index.js
 * (a bundled module exporting `run(): Promise<void>`), workspace = test/fixtures/workspace.
 *
 * Usage: node scripts/run-integration.mjs [--extensionDevelopmentPath=DIR] [--extensionTestsPath=FILE] [--folder=DIR]
 * Env:   PREP_LOOP_HOST_TIMEOUT (s, default 300), PREP_LOOP_HOST_VERBOSE=1, PREP_LOOP_HOST_KEEP=1 (see host-run.mjs)
 * Exit:  0 when run() resolved; the test's/harness's non-zero code otherwise.
 */
import { chmodSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { ensureHost } from './host-setup.mjs';

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(scriptsDir, '..');
const shim = path.join(scriptsDir, 'code-shim.mjs');

/**
 * @param {string} name
 * @param {string} fallback
 * @returns {string} absolute path
 */
function arg(name, fallback) {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return path.resolve(hit ? hit.slice(name.length + 3) : fallback);
}

async function main() {
  const extensionDevelopmentPath = arg('extensionDevelopmentPath', repoRoot);
  const extensionTestsPath = arg('extensionTestsPath', path.join(repoRoot, 'dist', 'test', 'integration', 'index.js'));
  const folder = arg('folder', path.join(repoRoot, 'test', 'fixtures', 'workspace'));

  /** @type {string[]} */
  const problems = [];
  if (!existsSync(extensionTestsPath)) problems.push(`test module missing: ${extensionTestsPath} (run the build first)`);
  if (extensionDevelopmentPath === repoRoot && !existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    problems.push('dist/extension.js missing (run the build first)');
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) problems.push(`workspace folder missing: ${folder}`);
  if (problems.length) {
    for (const p of problems) process.stderr.write(`[integration] ${p}\n`);
    return 1;
  }

  ensureHost();

  // runTests spawns the executable directly (no shell): it must carry its exec bit.
  if ((statSync(shim).mode & 0o111) === 0) chmodSync(shim, 0o755);

  const t0 = Date.now();
  try {
    await runTests({ vscodeExecutablePath: shim, extensionDevelopmentPath, extensionTestsPath, launchArgs: [folder] });
    process.stdout.write(`[integration] passed in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (err) {
    const code = err instanceof TestRunFailedError && typeof err.code === 'number' && err.code !== 0 ? err.code : 1;
    process.stderr.write(`[integration] FAILED (${err instanceof Error ? err.message : String(err)})\n`);
    return code;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[integration] error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);

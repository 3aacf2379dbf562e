#!/usr/bin/env node
// @ts-check
/**
 * @file The web build (package.json `browser`, what vscode.dev runs) in a real web worker extension
 * host. Stages a web-only copy of the extension in a temp dir: the files `vsce ls` says the .vsix
 * ships (so a .vscodeignore that drops the web bundle fails here), minus the Node bundle, with a
 * package.json that has `browser` and `"extensionKind": ["web"]` but no `main`. Bundles
 * test/integration-web/index.ts for the browser into the staged extension (VS Code runs a test module
 * in the extension host of the extension that contains it, here the browser's web worker one) and
 * runs it through scripts/run-integration.mjs against test/fixtures/workspace.
 *
 * Needs dist/web/extension.js (run the build first; `npm run test:integration` does).
 * Usage: node scripts/integration-web.mjs   (part of `npm run test:integration`)
 * Env:   PREP_LOOP_SKIP_WEB=1 skips this step; PREP_LOOP_HOST_* as in scripts/host-run.mjs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_BUNDLE = 'dist/web/extension.js';

/** @param {string} msg */
const say = (msg) => process.stdout.write(`[web] ${msg}\n`);

if (process.env.PREP_LOOP_SKIP_WEB === '1') {
  say('skipped (PREP_LOOP_SKIP_WEB=1)');
  process.exit(0);
}

const t0 = Date.now();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-web-'));
let code = 1;
try {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (pkg.browser !== `./${WEB_BUNDLE}`) throw new Error(`package.json "browser" is ${JSON.stringify(pkg.browser)}, expected "./${WEB_BUNDLE}"`);
  if (!existsSync(path.join(root, WEB_BUNDLE))) throw new Error(`${WEB_BUNDLE} missing (run the build first)`);

  // What the .vsix would ship.
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const ls = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`vsce ls failed:\n${ls.stderr || ls.stdout}`);
  const files = ls.stdout.split(/\r?\n/).map((f) => f.trim()).filter(Boolean);
  if (!files.includes(WEB_BUNDLE)) throw new Error(`the .vsix would not contain ${WEB_BUNDLE} (check .vscodeignore); it lists: ${files.join(', ')}`);

  // A web-only copy: no Node bundle, no `main`.
  const ext = path.join(tmp, 'extension');
  for (const f of files) {
    if (f === 'package.json' || f === pkg.main?.replace(/^\.\//, '')) continue;
    mkdirSync(path.dirname(path.join(ext, f)), { recursive: true });
    cpSync(path.join(root, f), path.join(ext, f));
  }
  const webPkg = { ...pkg, extensionKind: ['web'] };
  for (const k of ['main', 'bin', 'scripts', 'dependencies', 'devDependencies']) delete webPkg[k];
  writeFileSync(path.join(ext, 'package.json'), `${JSON.stringify(webPkg, null, 2)}\n`);

  const testsPath = path.join(ext, 'test-web', 'index.js');
  await build({
    entryPoints: [path.join(root, 'test', 'integration-web', 'index.ts')],
    outfile: testsPath,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
  });
  say(`staged a web-only extension (${files.length - 1} packaged files, ${WEB_BUNDLE} as "browser") in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'scripts', 'run-integration.mjs'),
      `--extensionDevelopmentPath=${ext}`,
      `--extensionTestsPath=${testsPath}`,
      `--folder=${path.join(root, 'test', 'fixtures', 'workspace')}`,
    ],
    { cwd: root, stdio: 'inherit', env: { PREP_LOOP_HOST_TIMEOUT: '90', ...process.env } },
  );
  if (r.error) throw r.error;
  code = r.status ?? 1;
} catch (e) {
  say(`error: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
say(`${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(code);

#!/usr/bin/env node
// @ts-check
/**
 * @file A `vscodeExecutablePath` for `@vscode/test-electron`'s `runTests` on machines where no VS Code
 * build can be downloaded: it takes the arguments runTests passes to a VS Code executable
 * (`--extensionDevelopmentPath=DIR`, `--extensionTestsPath=FILE`, the workspace folder as a
 * positional launch argument, plus Electron flags it ignores) and runs the real-VS-Code-host harness
 * (scripts/host-run.mjs) in this process, exiting with the test's exit code.
 *
 * Usage: runTests({ vscodeExecutablePath: '<repo>/scripts/code-shim.mjs', ... })
 *   The file must be executable (scripts/run-integration.mjs makes sure of that; commit it as 100755).
 *   By hand: scripts/code-shim.mjs /path/to/workspace --extensionDevelopmentPath=. --extensionTestsPath=dist/test/integration/index.js
 */
import { parseArgs, runHost } from './host-run.mjs';

runHost(parseArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[code-shim] error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

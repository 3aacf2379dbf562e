// Bundles the benches with esbuild and runs them (keeps the bench out of the shipped bundles).
// `node scripts/bench.mjs --folder` runs only the folder case, `--doc` only the in-process doc case.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.includes('--folder') ? 'folder' : process.argv.includes('--doc') ? 'doc' : undefined;
const dir = mkdtempSync(join(tmpdir(), 'prep-loop-bench-'));
const banner = { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" };

/** Bundles one bench script and runs it; returns its exit status. */
async function runBench(entry, name) {
  const out = join(dir, name);
  // \p{…} patterns stay literals, as in the shipped bundles (scripts/build.mjs), or esbuild would
  // rebuild each one on every call and the bench would time code that does not ship.
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning', banner, supported: { 'regexp-unicode-property-escapes': true } });
  return spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit' }).status ?? 1;
}

let status = 0;
if (only !== 'folder') status ||= await runBench('scripts/bench.ts', 'bench.mjs');
// The folder case: whole CLI processes on a notes folder against markdownlint-cli2 (scripts/bench-folder.ts).
if (only !== 'doc') status ||= await runBench('scripts/bench-folder.ts', 'bench-folder.mjs');
process.exit(status);

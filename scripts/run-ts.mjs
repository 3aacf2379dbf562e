// Runs a TypeScript script of the project (a measurement, the bench) by bundling it with esbuild first.
//   node scripts/run-ts.mjs scripts/measure-real-notes.ts [args…]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
const out = join(mkdtempSync(join(tmpdir(), 'prep-loop-run-')), basename(entry).replace(/\.ts$/, '.cjs'));
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning', define: { PREP_LOOP_VERSION: '"dev"' } });
const r = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);

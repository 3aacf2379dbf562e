// Bundles scripts/measure-classifier.ts with esbuild and runs it from the repo root (see that file for
// what it measures). Pass -v to list every judged finding on the real notes.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'prep-loop-measure-')), 'measure-classifier.mjs');
await build({ entryPoints: ['scripts/measure-classifier.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

// Bundles scripts/bench.ts with esbuild and runs it (keeps the bench out of the shipped bundles).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'prep-loop-bench-')), 'bench.mjs');
await build({ entryPoints: ['scripts/bench.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
const r = spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit' });
process.exit(r.status ?? 1);

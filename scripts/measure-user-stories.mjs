// Bundles scripts/measure-user-stories.ts with esbuild and runs it with the same arguments.
// It reads the team's shared data folder (`PREP_LOOP_DATA`, else `../shared/data` next to the
// checkout) and exits 0 with a note when the folder is absent, as in a user's fresh clone.
//
//   node scripts/measure-user-stories.mjs                       # rates, AQUSA, UStAI, Gherkin
//   node scripts/measure-user-stories.mjs --labels DIR          # + precision/recall on careful labels
//   node scripts/measure-user-stories.mjs --sample user-story-atomic   # a sample to read (never copy)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'prep-loop-mus-')), 'measure.mjs');
await build({
  entryPoints: ['scripts/measure-user-stories.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: out,
  logLevel: 'warning',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

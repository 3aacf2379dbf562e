/**
 * `npm run bench`, folder case: whole processes on a notes folder, as a user runs them in a
 * terminal or CI. `../shared/data/real-notes/` when it is there (read only: the runs use a copy),
 * else a generated folder of similar shape. Side by side, interleaved so machine noise hits all
 * alike, medians: Prep Loop cold (auto threads, and one thread), Prep Loop `--cache` after one
 * file changed, markdownlint-cli2 on the same files, the remark floor (a process that reads the
 * files and parses every section with remark, nothing else), and the CLI on one tiny doc
 * against `node -e 0`. Never part of `npm test`.
 *
 * Also run by `node <bundle> --floor DIR`: the floor process itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitSections } from '../src/core/split';

const ROOT = resolve(process.cwd());
// `auto` picks one thread on two cores or when the machine is busy; the table shows both choices as well.
const CLI = join(ROOT, 'dist', 'cli.js');
const MDL = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
/** Real notes: `BENCH_NOTES`, else `../shared/data/real-notes` next to the checkout. */
const REAL = process.env.BENCH_NOTES ? resolve(process.env.BENCH_NOTES) : resolve(ROOT, '..', 'shared', 'data', 'real-notes');
const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;

function markdownFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => MARKDOWN.test(f) && !f.split(/[\\/]/).some((p) => p === 'node_modules' || p.startsWith('.')))
    .map((f) => join(dir, f))
    .sort();
}

/** The floor: read every file and parse each heading section with remark, as Prep Loop does, and nothing else. */
function floor(dir: string): void {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
  let nodes = 0;
  for (const file of markdownFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const c of splitSections(text, 2)) nodes += processor.parse(text.slice(c.start, c.end)).children.length;
  }
  process.stdout.write(`${nodes}\n`);
}

/** A folder shaped like real notes: ~110 files in 9 folders, most under 2 KB, a few long ones. */
function generateFolder(dir: string): void {
  // Every section different (Prep Loop reuses the analysis of a section it has seen; real notes rarely repeat).
  const story = (i: number, loop: string, at: string) =>
    `## Story ${at}.${i}: moved the number #${loop} #${loop === 'pm' ? 'metrics' : 'execution'}\n\n` +
    `**Situation:** in team ${at} signups sat at ${20 + (i % 30)}% and the backlog had ${i} open items.\n\n` +
    `**Action:** we sized ${i + 3} stories, ran refinement and tested the new flow with ${at} users.\n\n` +
    `- As a new admin of site ${at}-${i}, I want to invite my team from a file, so that I can start faster.\n` +
    `  - Given a file with ${i + 20} names, when I upload it, then ${i + 20} invitations are sent.\n\n` +
    `**Result:** signups reached ${30 + (i % 20)}% by week ${i + 2} of the quarter.\n\n`;
  const loops = ['pm', 'po'];
  const globs: Record<string, string> = {};
  let seed = 7;
  const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let f = 0; f < 9; f++) {
    const folder = `notes-${f}`;
    const loop = loops[f % 2];
    globs[`${folder}/**`] = loop;
    mkdirSync(join(dir, folder), { recursive: true });
    for (let k = 0; k < 12; k++) {
      // Sizes spread like real notes: median under 1 KB, a long tail to ~45 KB.
      const target = Math.round(Math.exp(6.2 + rand() * rand() * 4.6));
      let text = `# Notes ${f}.${k}\n\nWhat I want to remember about this topic.\n\n`;
      for (let i = 0; text.length < target; i++) text += story(i, loop, `${f}${k}`);
      writeFileSync(join(dir, folder, `topic-${k}.md`), text);
    }
  }
  writeFileSync(join(dir, '.prep-loop.json'), JSON.stringify({ loopByGlob: globs }, null, 2));
}

interface Case {
  name: string;
  args: string[];
  cwd: string;
  /** Runs before each timed run (not timed). */
  before?: () => void;
  times: number[];
}

function time(c: Case): number {
  c.before?.();
  const start = performance.now();
  const r = spawnSync(process.execPath, c.args, { cwd: c.cwd, stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function folderBench(): void {
  const work = mkdtempSync(join(tmpdir(), 'prep-loop-bench-folder-'));
  const notes = join(work, 'notes');
  const real = existsSync(REAL);
  if (real) cpSync(REAL, notes, { recursive: true });
  else generateFolder(notes);
  const files = markdownFiles(notes);
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  // As a user runs it in the folder: the folder's .prep-loop.json is found, not named.
  const lintArgs = [CLI, 'lint', '.'];
  const cacheFile = join(work, 'cache', 'lint-cache.json');
  // The file changed before each warm run: a mid-sized one, with its text really changing each time.
  const sizes = files.map((f) => ({ f, n: readFileSync(f).length })).sort((a, b) => a.n - b.n);
  const changed = sizes[Math.floor(sizes.length * 0.75)].f;
  const original = readFileSync(changed, 'utf8');
  let edit = 0;
  const tiny = join(work, 'tiny.md');
  writeFileSync(tiny, '---\nloop: pm\n---\n\n## Shipped a smaller onboarding #pm #execution\n\nWe cut two steps and signups rose.\n');

  const hasMdl = existsSync(MDL);
  const cases: Case[] = [
    { name: 'prep-loop lint, cold', args: lintArgs, cwd: notes, times: [] },
    { name: 'prep-loop lint, cold, one thread', args: [...lintArgs, '--concurrency', 'off'], cwd: notes, times: [] },
    { name: `prep-loop lint, cold, ${availableParallelism()} threads`, args: [...lintArgs, '--concurrency', String(availableParallelism())], cwd: notes, times: [] },
    {
      name: 'prep-loop lint --cache, 1 file changed',
      args: [...lintArgs, '--cache', '--cache-location', cacheFile],
      cwd: notes,
      before: () => writeFileSync(changed, `${original}\nEdit ${++edit}: one more line.\n`),
      times: [],
    },
    ...(hasMdl ? [{ name: 'markdownlint-cli2', args: [MDL, '**/*.{md,markdown}'], cwd: notes, times: [] }] : []),
    { name: 'remark floor (parse every section)', args: [process.argv[1], '--floor', notes], cwd: notes, times: [] },
    { name: 'prep-loop lint, one tiny doc', args: [CLI, 'lint', tiny], cwd: work, times: [] },
    { name: 'node -e 0', args: ['-e', '0'], cwd: work, times: [] },
  ];
  // Prime the cache (and the disk cache) once, untimed.
  spawnSync(process.execPath, [...lintArgs, '--cache', '--cache-location', cacheFile], { cwd: notes, stdio: 'ignore' });
  for (const c of cases) time(c);
  const runs = Number(process.env.BENCH_FOLDER_RUNS ?? 9);
  const load = loadavg()[0];
  for (let i = 0; i < runs; i++) for (const c of cases) c.times.push(time(c));
  writeFileSync(changed, original);

  const med = new Map(cases.map((c) => [c.name, median(c.times)]));
  const mdl = med.get('markdownlint-cli2');
  const floorMs = med.get('remark floor (parse every section)')!;
  const nodeMs = med.get('node -e 0')!;
  console.log(
    `\nFolder case: ${real ? '../shared/data/real-notes (a copy)' : 'a generated folder shaped like real notes'}: ${files.length} markdown files, ${(bytes / 1024).toFixed(0)} KB.` +
      `\nWhole processes, median of ${runs} interleaved runs, ms. Machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} threads available, Node ${process.versions.node}, load average ${load.toFixed(1)} at the start.\n`,
  );
  const rows = [['case', 'ms', 'markdownlint-cli2 ÷ this', 'this ÷ floor']];
  for (const c of cases) {
    const ms = med.get(c.name)!;
    const lintCase = c.name.startsWith('prep-loop lint,') || c.name.startsWith('prep-loop lint --cache');
    rows.push([c.name, ms.toFixed(0), mdl && c.name !== 'node -e 0' && !c.name.includes('tiny') ? `${(mdl / ms).toFixed(2)}×` : '', lintCase && !c.name.includes('tiny') ? (ms / floorMs).toFixed(2) : '']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((x, i) => x.padEnd(widths[i])).join('  '));
  console.log(
    `\n"cold" is --concurrency auto: one thread on a machine with fewer than 3 cores (one thread already keeps two busy), else every core unless the load average is ≥ 1.5 per core; the load was ${loadavg()[0].toFixed(1)} at the end.`,
  );
  console.log(`CLI start on a tiny doc: ${med.get('prep-loop lint, one tiny doc')!.toFixed(0)} ms (node itself ${nodeMs.toFixed(0)} ms).`);
  console.log('Targets: cold ≥ 2× faster than markdownlint-cli2; --cache after one change ≥ 10×; tiny doc ≤ 100 ms.');
  if (!hasMdl) console.log('markdownlint-cli2 is not installed (npm ci installs it as a devDependency); its column is empty.');
  rmSync(work, { recursive: true, force: true });
}

const at = process.argv.indexOf('--floor');
if (at >= 0) floor(process.argv[at + 1]);
else folderBench();

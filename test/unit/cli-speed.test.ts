/**
 * The CLI's speed features must never change what it says: results in several threads equal
 * those of one thread (same bytes, same order, same exit code), and `--cache` serves a stored
 * result only for the same bytes, config and build, never a stale one after `--fix` wrote the
 * file. Runs the built `dist/cli.js` in a child process, like `cli.test.ts`.
 */
import { decode } from '@jridgewell/sourcemap-codec';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from './helpers/cli';
import { resolveConfig, type ResolvedConfig } from '../../src/core/config';
import { decodeText } from '../../src/core/encoding';
import { runParallel, threadsFor } from '../../src/cli/parallel';
import { lintTask, type LintOutcome, type LintTask } from '../../src/cli/tasks';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures');

function run(args: string[], cwd: string = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input: '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureCliBuilt();
});

describe('lint and coverage in several threads', () => {
  const cases: [string, string[]][] = [
    ['the rule fixtures, JSON', ['lint', 'test/fixtures/rules', '--format', 'json']],
    ['every fixture, stylish (unreadable, binary and bad-config files included)', ['lint', 'test/fixtures']],
    ['the examples, SARIF', ['lint', 'examples', '--format', 'sarif']],
    ['the CLI project (an error finding: exit 1)', ['lint', 'test/fixtures/cli/project', '--format', 'json']],
    ['coverage of the examples', ['coverage', 'examples', '--json']],
    ['coverage of every fixture', ['coverage', 'test/fixtures']],
  ];
  for (const [name, args] of cases) {
    it(`prints the same, in the same order, with the same exit code: ${name}`, () => {
      const serial = run([...args, '--concurrency', 'off']);
      expect(serial.stdout.length).toBeGreaterThan(0);
      for (const threads of ['2', '3']) {
        const parallel = run([...args, '--concurrency', threads]);
        expect(parallel.stdout, `--concurrency ${threads}`).toBe(serial.stdout);
        expect(parallel.stderr, `--concurrency ${threads}`).toBe(serial.stderr);
        expect(parallel.code, `--concurrency ${threads}`).toBe(serial.code);
      }
      // Three whole-process lints of every fixture: a deadline for a loaded machine, not a speed check.
    }, 120_000);
  }

  it('hands tasks to real worker threads and puts every result back in its place', async () => {
    const dir = join(FIX, 'rules');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(dir, f));
    const config = resolveConfig();
    const tasks: LintTask[] = files.map((file) => {
      const d = decodeText(readFileSync(file));
      return { file, text: d.text, info: d.info, config: 0, fix: false };
    });
    // This thread marks what it did, so the test sees that the workers did the rest.
    const here = (t: LintTask, configs: ResolvedConfig[]): LintOutcome & { here?: true } => ({ ...lintTask(t, configs), here: true });
    const results = await runParallel('lint', tasks, here, { threads: 3, entry: join(ROOT, 'dist', 'cli-main.js'), shared: [config] });
    expect(results.filter((r) => !r.here).length).toBeGreaterThan(0);
    expect(results.map(({ here: _, ...r }) => r)).toEqual(tasks.map((t) => lintTask(t, [config])));
  });

  it('stays in one thread for a few small files or on a busy machine, and uses the machine for many', () => {
    expect(threadsFor('auto', 3, 10_000, 8, 0)).toBe(1);
    expect(threadsFor('auto', 200, 100_000, 8, 0)).toBe(1);
    expect(threadsFor('auto', 200, 2_000_000, 8, 0)).toBe(8);
    expect(threadsFor('auto', 200, 2_000_000, 8, 6)).toBe(8);
    expect(threadsFor('auto', 200, 2_000_000, 8, 12)).toBe(1);
    expect(threadsFor('auto', 200, 2_000_000, 1, 0)).toBe(1);
    // Two cores: one thread already keeps both busy (V8's helper threads), so no workers.
    expect(threadsFor('auto', 200, 2_000_000, 2, 0)).toBe(1);
    expect(threadsFor('auto', 200, 2_000_000, 3, 0)).toBe(3);
    expect(threadsFor(2, 200, 2_000_000, 2, 0)).toBe(2);
    expect(threadsFor('off', 200, 2_000_000, 8, 0)).toBe(1);
    expect(threadsFor(3, 2, 10, 8, 50)).toBe(2);
  });

  it('rejects a bad --concurrency with a usage error', () => {
    const r = run(['lint', 'examples', '--concurrency', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--concurrency must be auto, off or a number/);
  });
});

const PM = '---\nloop: pm\n---\n\n## Renegotiated sprint scope #po #execution\n\nI groomed the backlog and protected the sprint goal.\n';
const SLIP = '---\nloop: pm\n---\n\n## Another bet #stratgy #pm\n\nI modelled LTV against CAC payback and picked the tier with the best retention.\n';

/** A notes folder with a config, a cache location, and helpers to lint it. */
function project() {
  const dir = mkdtempSync(join(tmpdir(), 'prep-loop-cache-'));
  cpSync(join(FIX, 'cli', 'project'), dir, { recursive: true });
  const cacheFile = join(dir, 'cache', 'lint.json');
  const lint = (...extra: string[]) => run(['lint', '.', '--format', 'json', ...extra], dir);
  const cached = (...extra: string[]) => lint('--cache', '--cache-location', cacheFile, ...extra);
  const readCache = () => JSON.parse(readFileSync(cacheFile, 'utf8')) as { build: string; entries: Record<string, { r: { findings?: { message: string }[] } }> };
  /** Rewrites every cached message of `file`, to tell a served entry from a fresh lint. */
  const tamper = (file: string) => {
    const c = readCache();
    const key = Object.keys(c.entries).find((k) => k.endsWith(file))!;
    for (const f of c.entries[key].r.findings ?? []) f.message = 'FROM THE CACHE';
    writeFileSync(cacheFile, JSON.stringify(c));
  };
  return { dir, cacheFile, lint, cached, readCache, tamper };
}

describe('--cache', () => {
  it('gives the same findings as a run without it, cold and warm', () => {
    const p = project();
    const fresh = p.lint();
    const cold = p.cached();
    const warm = p.cached();
    expect(cold.stdout).toBe(fresh.stdout);
    expect(warm.stdout).toBe(fresh.stdout);
    expect([cold.code, warm.code]).toEqual([fresh.code, fresh.code]);
    expect(warm.stderr).toBe(fresh.stderr);
  });

  it('serves an unchanged file from the cache (a hit), and lints a changed file again (a miss)', () => {
    const p = project();
    p.cached();
    p.tamper('pm.md');
    expect(p.cached().stdout).toContain('FROM THE CACHE');
    writeFileSync(join(p.dir, 'pm.md'), readFileSync(join(p.dir, 'pm.md'), 'utf8') + '\nOne more line.\n');
    const changed = p.cached();
    expect(changed.stdout).not.toContain('FROM THE CACHE');
    expect(changed.stdout).toBe(p.lint().stdout);
  });

  it('lints again when the config changes', () => {
    const p = project();
    p.cached();
    p.tamper('pm.md');
    writeFileSync(join(p.dir, '.prep-loop.json'), JSON.stringify({ rules: { 'invalid-front-matter': 'error', 'wrong-loop': 'error' } }));
    const r = p.cached();
    expect(r.stdout).not.toContain('FROM THE CACHE');
    expect(r.stdout).toBe(p.lint().stdout);
    expect(JSON.parse(r.stdout).find((f: { filePath: string }) => f.filePath.endsWith('pm.md')).errorCount).toBe(1);
  });

  it('drops a cache written by another version of Prep Loop', () => {
    const p = project();
    p.cached();
    p.tamper('pm.md');
    const c = p.readCache();
    writeFileSync(p.cacheFile, JSON.stringify({ ...c, build: '0.0.1:older' }));
    const r = p.cached();
    expect(r.stdout).not.toContain('FROM THE CACHE');
    expect(r.stdout).toBe(p.lint().stdout);
    expect(r.stderr).toBe('');
    expect(p.readCache().build).not.toBe('0.0.1:older');
  });

  it('ignores a corrupt cache with a note, lints everything, and writes a good one', () => {
    const p = project();
    const fresh = p.lint();
    for (const bad of ['{"format": 1, "build": "x", "entr', '[1, 2, 3]', '']) {
      mkdirSync(join(p.dir, 'cache'), { recursive: true });
      writeFileSync(p.cacheFile, bad);
      const r = p.cached();
      expect(r.stdout, bad).toBe(fresh.stdout);
      expect(r.code, bad).toBe(fresh.code);
      expect(r.stderr, bad).toMatch(/cache .*lint\.json (is corrupt|is not a Prep Loop cache)/);
      expect(Object.keys(p.readCache().entries).length, bad).toBeGreaterThan(0);
    }
  });

  it('ignores entries of the wrong shape rather than print them', () => {
    const p = project();
    p.cached();
    const c = p.readCache();
    for (const e of Object.values(c.entries)) (e.r as unknown) = { findings: [{ ruleId: 7 }] };
    writeFileSync(p.cacheFile, JSON.stringify(c));
    expect(p.cached().stdout).toBe(p.lint().stdout);
  });

  it('says so when the cache cannot be written, and the exit code does not change', () => {
    const p = project();
    writeFileSync(join(p.dir, 'blocker'), 'a file where the cache folder should be');
    const r = p.lint('--cache', '--cache-location', join(p.dir, 'blocker', 'lint.json'));
    expect(r.stderr).toMatch(/could not be written/);
    expect(r.code).toBe(p.lint().code);
    expect(r.stdout).toBe(p.lint().stdout);
  });

  it('puts the cache under node_modules/.cache/prep-loop/ of the nearest package by default', () => {
    const p = project();
    writeFileSync(join(p.dir, 'package.json'), '{}');
    mkdirSync(join(p.dir, 'notes', 'deeper'), { recursive: true });
    run(['lint', '..', '--cache'], join(p.dir, 'notes', 'deeper'));
    expect(existsSync(join(p.dir, 'node_modules', '.cache', 'prep-loop', 'lint-cache.json'))).toBe(true);
  });

  it('re-lints a story file whose sibling criteria file changed, though the story file did not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-siblings-'));
    cpSync(join(FIX, 'cli', 'siblings'), dir, { recursive: true });
    const cacheFile = join(dir, 'cache', 'lint.json');
    const lines = () => {
      const r = run(['lint', '.', '--format', 'json', '--cache', '--cache-location', cacheFile], dir);
      const backlog = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[]).find((f) => f.filePath.endsWith('backlog.md'));
      return (backlog?.messages ?? []).filter((m) => m.ruleId === 'acceptance-criteria-missing').map((m) => m.line);
    };
    expect(lines()).toEqual([25]);
    expect(lines()).toEqual([25]);
    // The criteria of Story 1 go: its warning comes back, from a cache entry that is not stale.
    const criteria = join(dir, 'criteria.md');
    writeFileSync(criteria, readFileSync(criteria, 'utf8').replace('## Story 1: Save a card for later', '## Story 1: Pay by bank transfer'));
    expect(lines()).toEqual([11, 25]);
    expect(lines()).toEqual([11, 25]);
    // And back again.
    writeFileSync(criteria, readFileSync(join(FIX, 'cli', 'siblings', 'criteria.md'), 'utf8'));
    expect(lines()).toEqual([25]);
  });

  it('re-lints a doc whose sibling of the same loop stops covering a drill, though the doc did not change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-coverage-'));
    cpSync(join(FIX, 'cli', 'coverage-siblings'), dir, { recursive: true });
    const cacheFile = join(dir, 'cache', 'lint.json');
    const listed = () => {
      const r = run(['lint', '.', '--format', 'json', '--cache', '--cache-location', cacheFile], dir);
      const file = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[]).find((f) => f.filePath.endsWith('experiments.md'));
      return (file?.messages ?? []).filter((m) => m.ruleId === 'loop-coverage').map((m) => m.message.replace(/^No story yet for [^:]*: ([^.]*)\..*/s, '$1'));
    };
    expect(listed()).toEqual(['Product sense']);
    expect(listed()).toEqual(['Product sense']);
    // The sibling's SQL story goes: the drill is missing again, though experiments.md is served from its cache entry.
    const money = join(dir, 'money.md');
    writeFileSync(money, readFileSync(money, 'utf8').split('## Wrote the retention query myself')[0]);
    expect(listed()).toEqual(['Product sense; SQL']);
    expect(listed()).toEqual(['Product sense; SQL']);
  });

  it('moves the folder\'s coverage finding to the next story bank when the first stops being one, though that file did not change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-once-'));
    cpSync(join(FIX, 'cli', 'coverage-once'), dir, { recursive: true });
    const cacheFile = join(dir, 'cache', 'lint.json');
    const where = () => {
      const r = run(['lint', '.', '--format', 'json', '--cache', '--cache-location', cacheFile], dir);
      return (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'loop-coverage')).map((f) => f.filePath.split(/[\\/]/).pop());
    };
    expect(where()).toEqual(['3-stories.md', 'po-stories.md']);
    expect(where()).toEqual(['3-stories.md', 'po-stories.md']);
    // Its second story goes: one story is no story bank, and 10-more-stories.md, served from the cache, now says the gaps.
    const first = join(dir, '3-stories.md');
    const text = readFileSync(first, 'utf8');
    writeFileSync(first, text.split('## Said no to the enterprise dashboard')[0]);
    expect(where()).toEqual(['10-more-stories.md', 'po-stories.md']);
    expect(where()).toEqual(['10-more-stories.md', 'po-stories.md']);
    writeFileSync(first, text);
    expect(where()).toEqual(['3-stories.md', 'po-stories.md']);
  });

  it('notes that --cache-location alone does nothing', () => {
    const p = project();
    const r = p.lint('--cache-location', p.cacheFile);
    expect(r.stderr).toMatch(/--cache-location has no effect without --cache/);
    expect(existsSync(p.cacheFile)).toBe(false);
  });

  it('with --fix, fixes a file whose cached findings have a fix, and never serves the result from before the fix', () => {
    const p = project();
    writeFileSync(join(p.dir, 'slip.md'), SLIP);
    writeFileSync(join(p.dir, 'pm.md'), PM);
    p.cached();
    // The fix is applied although the file's result is in the cache…
    const fixedRun = p.cached('--fix');
    expect(readFileSync(join(p.dir, 'slip.md'), 'utf8')).toContain('## Another bet #strategy #pm');
    // …the run reports the fixed text, as a run without the cache does…
    const again = p.lint();
    expect(fixedRun.stdout).toBe(again.stdout);
    // …and the next cached run reports the file as it is now, not as it was.
    const after = p.cached();
    expect(after.stdout).toBe(again.stdout);
    expect(after.stdout).not.toContain('stratgy');
  });

  it('answers a --fix run from the cache when nothing in the file can be fixed', () => {
    const p = project();
    writeFileSync(join(p.dir, 'pm.md'), PM);
    p.cached();
    p.tamper('pm.md');
    const r = p.cached('--fix');
    expect(r.stdout).toContain('FROM THE CACHE');
    expect(readFileSync(join(p.dir, 'pm.md'), 'utf8')).toBe(PM);
  });
});

describe('start-up', () => {
  it('loads no module from disk but its own bundle: a lint of a folder compiles nothing outside the code cache', () => {
    // A preload that records every module file Node loads for the CLI (built-ins have no file).
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-start-'));
    const log = join(dir, 'loaded.txt');
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      `const M = require('module'); const fs = require('fs'); const load = M._load;
       M._load = function (request, parent, isMain) { const out = load.apply(this, arguments);
         try { const f = M._resolveFilename(request, parent, isMain); if (require('path').isAbsolute(f)) fs.appendFileSync(${JSON.stringify(log)}, f + '\\n'); } catch {}
         return out; };`,
    );
    const r = spawnSync(process.execPath, ['-r', hook, CLI, 'lint', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    // The examples hold one error-severity finding on purpose: exit 1, and findings printed.
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
    const loaded = [...new Set(readFileSync(log, 'utf8').trim().split('\n'))].map((f) => f.slice(ROOT.length + 1).replace(/\\/g, '/'));
    // fdir (tinyglobby's walker) used to require node_modules/picomatch on its own at every start.
    expect(loaded.sort()).toEqual(['dist/cli-main.js', 'dist/cli.js']);
  });

  it('ships the CLI bundle in ASCII (a one-byte string for V8) with a source map that still points at the sources', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'cli-main.js'));
    const wide = bundle.findIndex((b) => b > 0x7f);
    expect(wide, `a non-ASCII byte at ${wide}`).toBe(-1);
    // The build escaped characters of regexes and comments, which moved the code after them on their
    // lines: on every line with an escape, each mapped name must still land on that name in the source
    // (esbuild may add digits to a renamed local: "text" becomes "text3").
    const code = bundle.toString('latin1').split('\n');
    const map = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli-main.js.map'), 'utf8')) as { sourcesContent: string[]; mappings: string };
    const sources = map.sourcesContent.map((c) => c.split('\n'));
    const name = (text: string | undefined, at: number) => /^[A-Za-z_$][\w$]*/.exec(text?.slice(at) ?? '')?.[0];
    let checked = 0;
    const wrong: string[] = [];
    decode(map.mappings).forEach((segments, line) => {
      if (!/\\u[0-9a-f]{4}/.test(code[line])) return;
      for (const seg of segments) {
        if (seg.length < 4) continue;
        const [column, source, sourceLine, sourceColumn] = seg as [number, number, number, number];
        const generated = name(code[line], column);
        if (!generated) continue;
        // Words esbuild writes for others (`void 0` for `undefined`, `var` for `const`) are not compared.
        const original = name(sources[source]?.[sourceLine], sourceColumn);
        if (!original || /^(?:void|var|new|let|const|function|class)$/.test(generated)) continue;
        checked++;
        if (generated.replace(/\d+$/, '') !== original.replace(/\d+$/, '')) wrong.push(`${line + 1}:${column} ${generated} -> ${original}`);
      }
    });
    expect(checked).toBeGreaterThan(100);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('keeps the code cache a one-file lint wrote, which a folder lint does not replace, and prints the same either way', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'prep-loop-cc-'));
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NO_COLOR: '1' };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const lint = (...args: string[]) => spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: ROOT, encoding: 'utf8', env });
    const caches = () => {
      const dir = readdirSync(tmp).find((d) => d.startsWith('prep-loop-compile-cache'));
      return dir ? readdirSync(join(tmp, dir)).map((f) => f.replace(/^.*\.(\w+)\.bin$/, '$1')) : [];
    };
    const folder = lint('examples', '--format', 'json');
    const one = ['examples/pm-loop.md', '--format', 'json'];
    const first = lint(...one);
    // Node 22.1+ has a compile cache of its own, which the launcher uses instead.
    const ownCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache !== 'function';
    if (!ownCache) {
      expect(caches()).toEqual([]);
      return;
    }
    expect(caches()).toEqual(['one']);
    expect(lint('examples', '--format', 'json').stdout).toBe(folder.stdout);
    expect(caches()).toEqual(['one']);
    expect(lint(...one).stdout).toBe(first.stdout);
    // A folder lint with no cache writes a "many" one; the next one-file lint compiles afresh and replaces it.
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    expect(lint('examples', '--format', 'json').stdout).toBe(folder.stdout);
    expect(caches()).toEqual(['many']);
    expect(lint(...one).stdout).toBe(first.stdout);
    expect(caches()).toEqual(['one']);
  }, 60_000);
});

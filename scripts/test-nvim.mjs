#!/usr/bin/env node
// @ts-check
/**
 * @file The second real LSP client: Neovim, headless, with its built-in LSP client and
 * `prep-loop-ls --stdio` (dist/server.js). Opens a copy of test/fixtures/workspace/pm-prep.md and
 * checks what Neovim shows: exactly one wrong-loop diagnostic, on the #po tag of the PO story,
 * a hover on that tag that explains the PO loop, and the "Simplified: …" note on a list nested
 * too deep (a section appended to the copy). Needs the build and Neovim
 * (scripts/nvim-setup.mjs installs it). Exit 0 when all checks pass.
 * Usage: node scripts/test-nvim.mjs   (part of `npm test`)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string} msg */
const say = (msg) => process.stdout.write(`[nvim] ${msg}\n`);
const server = path.join(root, 'dist', 'server.js');
if (!existsSync(server)) {
  say('dist/server.js missing (run the build first)');
  process.exit(1);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-nvim-'));
let failures = 0;
/** @param {boolean} ok @param {string} what */
const check = (ok, what) => {
  say(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures++;
};
try {
  const file = path.join(tmp, 'pm-prep.md');
  const deepLine = `${'- '.repeat(40)}deep`;
  writeFileSync(file, `${readFileSync(path.join(root, 'test', 'fixtures', 'workspace', 'pm-prep.md'), 'utf8').replace(/\n*$/, '\n')}\n## Nested notes #pm #metrics\n\nI kept a deep list.\n\n${deepLine}\n`);
  const out = path.join(tmp, 'result.json');
  const t0 = Date.now();
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(root, 'test', 'nvim', 'check.lua')}`], {
    cwd: tmp,
    env: { ...process.env, PREP_LOOP_SERVER: server, PREP_LOOP_ROOT: tmp, PREP_LOOP_FILE: file, PREP_LOOP_OUT: out },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  if (!existsSync(out)) throw new Error(`Neovim wrote no result (exit ${r.status}): ${r.stderr || r.stdout}`);
  /** @type {{ error?: string, diagnostics?: { code: string, lnum: number, col: number, end_col: number, message: string }[], hover?: string, tag?: { lnum: number, col: number } }} */
  const result = JSON.parse(readFileSync(out, 'utf8'));
  if (result.error) throw new Error(result.error);
  const text = readFileSync(file, 'utf8').split('\n');
  const line = text.findIndex((l) => l.startsWith('## ') && l.includes('#po'));
  const col = text[line].indexOf('#po');
  const wrong = (result.diagnostics ?? []).filter((d) => d.code === 'wrong-loop');
  check(wrong.length === 1, `one wrong-loop diagnostic (got ${wrong.length}; all: ${(result.diagnostics ?? []).map((d) => `${d.code}@${d.lnum + 1}`).join(', ')})`);
  check(wrong[0]?.lnum === line && wrong[0]?.col === col && wrong[0]?.end_col === col + 3, `on the #po tag at ${line + 1}:${col + 1} (got ${wrong[0] ? `${wrong[0].lnum + 1}:${wrong[0].col + 1}-${wrong[0].end_col + 1}` : 'none'})`);
  check(/PO story in a PM-loop doc/.test(wrong[0]?.message ?? ''), 'with the rule\'s message');
  const notes = (result.diagnostics ?? []).filter((d) => d.code === 'simplified');
  const deep = text.indexOf(deepLine);
  check(notes.length === 1 && notes[0].lnum === deep && /^Simplified: this line nests more than 16 lists or quotes/.test(notes[0].message), `one "simplified" note on line ${deep + 1} (got ${notes.map((d) => `${d.lnum + 1}: ${d.message}`).join(' | ') || 'none'})`);
  check(/Product Owner loop/.test(result.hover ?? ''), `a hover on the tag explains the PO loop (got ${JSON.stringify((result.hover ?? '').slice(0, 80))})`);
  say(`${failures ? 'FAILED' : 'passed'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  say(`error: ${e instanceof Error ? e.message : String(e)}`);
  failures++;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);

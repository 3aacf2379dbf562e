#!/usr/bin/env node
// @ts-check
/**
 * @file Installs Neovim (Debian package `neovim`) for the second-client test, only when `nvim` is
 * missing: apt-get as root (or through `sudo -n`), waiting for the dpkg lock instead of failing
 * when another apt run holds it. A no-op when Neovim is there.
 * Usage: node scripts/nvim-setup.mjs   (part of `npm test`, before scripts/test-nvim.mjs)
 */
import { spawnSync } from 'node:child_process';

/** @param {string} msg */
const log = (msg) => process.stdout.write(`[nvim-setup] ${msg}\n`);
/** @param {string} cmd */
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (onPath('nvim')) {
  log('neovim already installed');
  process.exit(0);
}
if (!onPath('apt-get')) {
  log('no nvim and no apt-get here: install Neovim by hand to run the second-client test');
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot ? [] : onPath('sudo') ? ['sudo', '-n', '--preserve-env=DEBIAN_FRONTEND'] : null;
if (!sudo) {
  log('neovim is missing; need root or sudo for apt-get');
  process.exit(1);
}
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
// Wait up to 10 minutes for another apt/dpkg run to release its lock.
const lock = ['-o', 'DPkg::Lock::Timeout=600'];
/** @param {string[]} args */
const apt = (args) => {
  log(`$ apt-get ${args.join(' ')}`);
  const r = sudo.length ? spawnSync(sudo[0], [...sudo.slice(1), 'apt-get', ...lock, ...args], { stdio: 'inherit', env }) : spawnSync('apt-get', [...lock, ...args], { stdio: 'inherit', env });
  if (r.status !== 0) {
    log(`apt-get ${args[0]} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
};
apt(['update']);
apt(['install', '-y', '--no-install-recommends', 'neovim']);
log(onPath('nvim') ? 'neovim installed' : 'apt-get ran but nvim is still missing');
process.exit(onPath('nvim') ? 0 : 1);

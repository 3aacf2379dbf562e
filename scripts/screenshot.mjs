#!/usr/bin/env node
// @ts-check
/**
 * @file Takes the README screenshots in the real VS Code host (the harness of the integration
 * tests, scripts/host-run.mjs): the workbench on `examples/` with the extension loaded from this
 * repo, `examples/pm-loop.md` open with its findings.
 *
 *  - docs/images/editor.png     squiggles, the Problems panel and the hover on the wrong-loop `#po` tag
 *  - docs/images/quick-fix.png  the quick-fix menu on that finding
 *  - docs/images/coverage-dark.png, coverage-light.png  Show Coverage in Dark Modern and Light Modern
 *  - docs/images/tree-menu.png  the Prep Stories view with a story row's context menu
 *  - docs/images/jd-doc.png     a prep doc made from a job posting, beside the posting's report
 *  - docs/images/practice.png   Practice Today: the queue in the Explorer view and the answer timer
 *
 * How: a small test module (the {@link scene} below, written to a temp dir) runs in the extension
 * host; it opens the doc, waits for its diagnostics (`onDidChangeDiagnostics`), arranges the UI and
 * then asks for each shot by writing `<name>.ready`. This script, holding the workbench page through
 * `runHost`'s `onPage` hook, waits until the page shows what the shot needs (squiggles, a hover,
 * the action menu), saves the PNG and answers with `<name>.done`. The host exits when the scene
 * resolves.
 *
 * Usage: node scripts/screenshot.mjs [--no-build] [--out=DIR]   (npm run screenshot)
 *   Builds dist/ first (development mode) unless --no-build; installs the host when missing.
 * Exit: 0 when every PNG was written and is under the size budget; 1 otherwise.
 */
/* global setInterval, clearInterval, requestAnimationFrame */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runHost } from './host-run.mjs';
import { ensureHost, HOST } from './host-setup.mjs';

const VIEWPORT = { width: 1400, height: 900 };
/** README images should stay small. */
const MAX_BYTES = 400 * 1024;
/** Per shot: how long the page may take to show what the shot needs. */
const UI_DEADLINE_MS = 20_000;

/**
 * The shots, in the order the scene asks for them. `selectors` must all be visible before the
 * screenshot is taken; `prepare` runs on the page first (what the extension API cannot do, such
 * as opening a tree row's context menu).
 * @type {{ name: string, file: string, selectors: string[], prepare?: (page: import('playwright-core').Page) => Promise<void> }[]}
 */
const SHOTS = [
  {
    name: 'editor',
    file: 'editor.png',
    selectors: ['.monaco-editor .squiggly-warning', '.markers-panel .monaco-list-row', '.monaco-hover .hover-contents'],
  },
  {
    name: 'quick-fix',
    file: 'quick-fix.png',
    selectors: ['.monaco-editor .squiggly-warning', '.action-widget .monaco-list-row'],
  },
  { name: 'coverage-dark', file: 'coverage-dark.png', selectors: ['iframe.webview.ready'] },
  { name: 'coverage-light', file: 'coverage-light.png', selectors: ['iframe.webview.ready'] },
  {
    name: 'tree-menu',
    file: 'tree-menu.png',
    selectors: ['.context-view .monaco-menu .action-item'],
    async prepare(page) {
      const row = page.locator('.monaco-list-row', { hasText: 'Renegotiated sprint scope with engineering' }).first();
      await row.waitFor({ state: 'visible', timeout: UI_DEADLINE_MS });
      await row.click({ button: 'right' });
    },
  },
  { name: 'jd-doc', file: 'jd-doc.png', selectors: ['.editor-actions .codicon-new-file', '.monaco-editor .view-lines'] },
  {
    name: 'practice',
    file: 'practice.png',
    selectors: ['.statusbar-item .codicon-watch', '.pane-header[aria-label*="Practice Today"]', '.monaco-list-row .codicon-flame'],
  },
];

/**
 * The test module's body; runs in the extension host (serialized with `toString`, so it may use
 * only its parameters). Waits on events, not sleeps; every wait has a deadline.
 * @param {typeof import('vscode')} vscode
 * @param {typeof import('node:fs')} fs
 * @param {typeof import('node:path')} path
 * @param {{ dir: string, doc: string, shots: string[], deadlineMs: number }} cfg
 */
async function scene(vscode, fs, path, cfg) {
  /**
   * @template T
   * @param {Promise<T>} p
   * @param {string} what
   * @returns {Promise<T>}
   */
  const deadline = (p, what) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`screenshot scene: ${what} took over ${cfg.deadlineMs} ms`)), cfg.deadlineMs);
      p.then(
        (v) => (clearTimeout(t), resolve(v)),
        (e) => (clearTimeout(t), reject(e)),
      );
    });
  /** Asks the harness for a shot and waits for its answer (a file it writes). @param {string} name */
  const shot = (name) =>
    deadline(
      new Promise((resolve, reject) => {
        fs.writeFileSync(path.join(cfg.dir, `${name}.ready`), '');
        const poll = setInterval(() => {
          if (fs.existsSync(path.join(cfg.dir, `${name}.failed`))) {
            clearInterval(poll);
            reject(new Error(`screenshot ${name} failed`));
          } else if (fs.existsSync(path.join(cfg.dir, `${name}.done`))) {
            clearInterval(poll);
            resolve(undefined);
          }
        }, 100);
      }),
      `the ${name} screenshot`,
    );
  /** @param {import('vscode').Diagnostic} d */
  const ruleOf = (d) => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code));

  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('screenshot scene: no workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, cfg.doc);
  /** @type {Promise<import('vscode').Diagnostic[]>} */
  const linted = new Promise((resolve) => {
    const check = () => {
      const found = vscode.languages.getDiagnostics(uri);
      if (!found.some((d) => ruleOf(d) === 'wrong-loop')) return false;
      sub.dispose();
      resolve(found);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });

  // User settings (the host's temp profile, never the examples folder): no sticky headings over
  // the first lines, no AI entries in the quick-fix menu.
  const settings = vscode.workspace.getConfiguration();
  await settings.update('editor.stickyScroll.enabled', false, vscode.ConfigurationTarget.Global);
  await settings.update('chat.disableAIFeatures', true, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const diagnostics = await deadline(linted, 'linting the doc');
  const wrongLoop = diagnostics.find((d) => ruleOf(d) === 'wrong-loop');
  if (!wrongLoop) throw new Error('screenshot scene: no wrong-loop finding');

  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  // The tag low in the editor, so the hover has room above it.
  const top = Math.max(0, wrongLoop.range.start.line - 16);
  editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
  const at = wrongLoop.range.start.translate(0, 1);
  editor.selection = new vscode.Selection(at, at);

  for (const name of cfg.shots) {
    if (name === 'editor') await vscode.commands.executeCommand('editor.action.showHover');
    if (name === 'quick-fix') {
      await vscode.commands.executeCommand('editor.action.hideHover');
      await vscode.commands.executeCommand('editor.action.quickFix');
    }
    if (name === 'coverage-dark' || name === 'coverage-light') {
      await vscode.commands.executeCommand('hideCodeActionWidget');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await settings.update('workbench.colorTheme', name === 'coverage-dark' ? 'Default Dark Modern' : 'Default Light Modern', vscode.ConfigurationTarget.Global);
      // The page alone in the editor area: the whole matrix fits.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('prepLoop.showCoverage');
      await deadline(vscode.commands.executeCommand('prepLoop._coverageSettled', {}), 'the coverage page');
    }
    if (name === 'tree-menu') {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('prepLoop.stories.focus');
      const pmDoc = await vscode.window.showTextDocument(uri, { preview: false });
      const line = pmDoc.document.getText().split('\n').findIndex((l) => l.startsWith('## Renegotiated sprint scope'));
      pmDoc.selection = new vscode.Selection(line + 2, 0, line + 2, 0);
      pmDoc.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
      await vscode.commands.executeCommand('prepLoop._revealStory');
    }
    if (name === 'jd-doc') {
      await vscode.commands.executeCommand('workbench.action.closeContextMenu').then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const posting = ['Product Manager, Checkout', '', 'Responsibilities:', '- Own the team backlog and run backlog refinement every sprint', '- Write user stories with acceptance criteria together with engineering', '- Plan each sprint with the team and keep the sprint goal in view', '- Accept finished stories against the definition of done'].join('\n');
      const made = vscode.Uri.joinPath(folder.uri, 'prep-screenshot');
      try {
        await vscode.commands.executeCommand('prepLoop.newPrepDocFromJd', { text: posting, company: 'Acme', role: 'Product Manager, Checkout', folder: 'prep-screenshot' });
        await vscode.commands.executeCommand('prepLoop.classifyJobDescription', { text: posting, source: 'the posting' });
        // The report's group active: its title bar shows the "New Prep Doc from Job Description" button.
        await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
        await shot(name);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await Promise.resolve(vscode.workspace.fs.delete(made, { recursive: true, useTrash: false })).catch(() => undefined);
      }
      continue;
    }
    if (name === 'practice') {
      // A story card opens the story without editing it; the timer starts and the view fills.
      await vscode.commands.executeCommand('hideCodeActionWidget');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('prepLoop.practiceToday', { loop: 'pm', pick: 'story:pm-loop.md#owned-the-pricing-change-end-to-end' });
      await vscode.commands.executeCommand('workbench.view.explorer');
      await vscode.commands.executeCommand('prepLoop.practice.focus');
    }
    await shot(name);
  }
}

/**
 * The test module: requires `vscode` in the extension host and runs the scene.
 * @param {{ dir: string, doc: string, shots: string[], deadlineMs: number }} cfg
 */
function testModule(cfg) {
  return [
    "'use strict';",
    "const vscode = require('vscode');",
    `const scene = ${scene.toString()};`,
    `exports.run = () => scene(vscode, require('fs'), require('path'), ${JSON.stringify(cfg)});`,
    '',
  ].join('\n');
}

/** @param {string} msg */
function say(msg) {
  process.stdout.write(`[screenshot] ${msg}\n`);
}

/**
 * Answers the scene's shot requests until `stop()` is called.
 * @param {import('playwright-core').Page} page
 * @param {string} dir handshake dir
 * @param {string} outDir where the PNGs go
 * @param {string[]} written collects the paths written
 */
function serveShots(page, dir, outDir, written) {
  let stopped = false;
  const pending = new Set(SHOTS.map((s) => s.name));
  const loop = async () => {
    while (!stopped && pending.size) {
      const ready = SHOTS.find((s) => pending.has(s.name) && existsSync(path.join(dir, `${s.name}.ready`)));
      if (!ready) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      pending.delete(ready.name);
      try {
        await ready.prepare?.(page);
        for (const sel of ready.selectors) await page.locator(sel).first().waitFor({ state: 'visible', timeout: UI_DEADLINE_MS });
        // Let the last layout and fade-in settle: two animation frames.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined)))));
        const target = path.join(outDir, ready.file);
        const partial = path.join(dir, ready.file);
        await page.screenshot({ path: partial, animations: 'disabled', caret: 'hide' });
        renameSync(partial, target);
        written.push(target);
        say(`wrote ${path.relative(HOST.repoRoot, target)} (${Math.round(statSync(target).size / 1024)} KB)`);
        writeFileSync(path.join(dir, `${ready.name}.done`), '');
      } catch (e) {
        const debug = path.join(os.tmpdir(), `prep-loop-screenshot-${ready.name}-failed.png`);
        await page.screenshot({ path: debug }).catch(() => undefined);
        say(`${ready.name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}; what the page showed: ${debug}`);
        writeFileSync(path.join(dir, `${ready.name}.failed`), '');
      }
    }
  };
  const done = loop();
  return () => {
    stopped = true;
    return done;
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const outArg = argv.find((a) => a.startsWith('--out='));
  const outDir = path.resolve(HOST.repoRoot, outArg ? outArg.slice('--out='.length) : 'docs/images');
  const repo = HOST.repoRoot;

  if (!argv.includes('--no-build')) {
    const b = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit' });
    if (b.status !== 0) return 1;
  }
  if (!existsSync(path.join(repo, 'dist', 'extension.js'))) {
    say('dist/extension.js missing (run the build first)');
    return 1;
  }
  ensureHost();
  mkdirSync(outDir, { recursive: true });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-screenshot-'));
  const tests = path.join(dir, 'scene.cjs');
  writeFileSync(tests, testModule({ dir, doc: 'pm-loop.md', shots: SHOTS.map((s) => s.name), deadlineMs: 60_000 }));

  /** @type {string[]} */
  const written = [];
  /** @type {(() => Promise<void>) | undefined} */
  let stop;
  try {
    const code = await runHost({
      extensionDevelopmentPath: [repo],
      extensionTestsPath: tests,
      folder: path.join(repo, 'examples'),
      timeoutS: 240,
      async onPage(page) {
        await page.setViewportSize(VIEWPORT);
        stop = serveShots(page, dir, outDir, written);
      },
    });
    await stop?.();
    if (code !== 0) {
      say(`the host run failed (exit ${code})`);
      return 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // The prep doc the JD shot creates (the host deletes it too, but a save can land after that).
    rmSync(path.join(repo, 'examples', 'prep-screenshot'), { recursive: true, force: true });
  }

  let ok = written.length === SHOTS.length;
  if (!ok) say(`only ${written.length} of ${SHOTS.length} screenshots were written`);
  for (const file of written) {
    const size = statSync(file).size;
    if (size > MAX_BYTES) {
      say(`${path.relative(repo, file)} is ${Math.round(size / 1024)} KB, over the ${MAX_BYTES / 1024} KB budget`);
      ok = false;
    }
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

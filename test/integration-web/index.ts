/**
 * The web-build check's test module (scripts/integration-web.mjs): loaded from inside the staged
 * web-only extension, so VS Code runs it in the same extension host as the extension, the browser's
 * web worker one. Bundled for the browser; exports `run()`.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'prep-loop.prep-loop';
const SOURCE = 'prep-loop';

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : typeof d.code === 'string' ? d.code : undefined;
}

/** Resolves with the URI's wrong-loop diagnostics once there are any; checked now and on every change. */
function wrongLoop(uri: vscode.Uri, ms: number): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const probe = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && ruleOf(d) === 'wrong-loop');
    const done = (fn: () => void) => {
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const timer = setTimeout(() => {
      const all = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${ruleOf(d)}`);
      done(() => reject(new Error(`no wrong-loop diagnostic on ${uri.toString()} within ${ms} ms (diagnostics: ${JSON.stringify(all)})`)));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = probe();
      if (ds.length) done(() => resolve(ds));
    });
    const now = probe();
    if (now.length) done(() => resolve(now));
  });
}

export async function run(): Promise<void> {
  const t0 = Date.now();
  const g = globalThis as Record<string, unknown>;
  // The web worker extension host: a browser worker, no Node.
  check(vscode.env.uiKind === vscode.UIKind.Web, `uiKind is ${vscode.env.uiKind}, expected Web (${vscode.UIKind.Web})`);
  check(typeof g.process === 'undefined', 'a Node `process` global exists: this is not the web worker extension host');
  check(typeof g.navigator === 'object' && typeof g.importScripts === 'function', 'no navigator/importScripts: not running in a web worker');
  console.log(`  ✓ running in the web worker extension host (${String((g.navigator as { userAgent?: string }).userAgent).slice(0, 60)}…)`);

  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  check(ext, `${EXTENSION_ID} is not installed in this (web worker) extension host`);
  const pkg = ext.packageJSON as { main?: string; browser?: string };
  check(pkg.browser && pkg.main === undefined, `expected the web-only staging (browser, no main), got main=${pkg.main} browser=${pkg.browser}`);

  const folder = vscode.workspace.workspaceFolders?.[0];
  check(folder, 'the test host must open test/fixtures/workspace');
  const uri = vscode.Uri.joinPath(folder.uri, 'pm-prep.md');
  const diagnostics = wrongLoop(uri, 20_000); // listen before anything can publish
  await ext.activate();
  check(ext.isActive, 'the extension did not activate');
  console.log(`  ✓ ${pkg.browser} activated (${Date.now() - t0} ms)`);

  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const ds = await diagnostics;
  const heading = doc.getText().split('\n').findIndex((l) => l.startsWith('## Renegotiated sprint scope'));
  check(heading >= 0, 'fixture changed: pm-prep.md has no "Renegotiated sprint scope" story');
  check(ds.length === 1 && ds[0].range.start.line === heading, `expected one wrong-loop diagnostic on line ${heading + 1}, got lines ${ds.map((d) => d.range.start.line + 1).join(', ')}`);
  console.log(`  ✓ wrong-loop on pm-prep.md:${heading + 1} "${ds[0].message}" (${Date.now() - t0} ms)`);

  await practice(folder.uri);
  console.log(`  ✓ Practice Today: cards from the worker server, a rating kept in global state, history exported and imported through workspace.fs (${Date.now() - t0} ms)`);
}

type Summary = { loop: string; due: string[]; fresh: string[]; drilledToday: number };

/** Practice Today in the web build: the queue, a rating, export and import (pm-prep.md is active). */
async function practice(root: vscode.Uri): Promise<void> {
  const run = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args);
  const saved = (await run<{ history?: { log: unknown[] } }>('prepLoop._practiceStatus', { withHistory: true })).history;
  const dir = vscode.Uri.joinPath(root, 'scratch-web');
  try {
    await run('prepLoop._setPracticeHistory', undefined);
    const before = await run<Summary>('prepLoop.practiceToday', { list: true });
    check(before.loop === 'pm' && before.fresh.length === 10 && before.due.length === 0, `expected ten new PM cards, got ${JSON.stringify(before)}`);
    const rated = await run<{ reviews: number }>('prepLoop.ratePractice', { cardId: before.fresh[0], rating: 'good' });
    check(rated.reviews === 1, `the rating was not stored: ${JSON.stringify(rated)}`);
    const after = await run<Summary>('prepLoop.practiceToday', { list: true });
    check(!after.fresh.includes(before.fresh[0]) && after.drilledToday === 1, `the rated card is still new today: ${JSON.stringify(after)}`);
    const file = vscode.Uri.joinPath(dir, 'history.json');
    const exported = await run<{ reviews: number }>('prepLoop.exportPracticeHistory', { uri: file.toString() });
    check(exported.reviews === 1, `export wrote ${JSON.stringify(exported)}`);
    await run('prepLoop._setPracticeHistory', undefined);
    const imported = await run<{ added: number }>('prepLoop.importPracticeHistory', { uri: file.toString() });
    check(imported.added === 1, `import added ${JSON.stringify(imported)}`);
  } finally {
    await run('prepLoop._setPracticeHistory', saved && saved.log.length ? saved : undefined);
    await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  }
}

/**
 * Issue 12's workflows in the real host: coverage you can work from, the Prep Stories tree's row
 * actions, job post → prep doc, and one outline with the right ranges. Every wait is on an event
 * (or the extension's own barrier) with a deadline.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { classifyJobDescription } from '../../src/core/jd';
import { jdPrepDoc } from '../../src/service/jdDocModel';
import { documentSymbols, inWorkspace, lintNow, onCleanup, prepDiagnostics, textWhere, until } from './helpers';
import type { Test } from './runner';

const run = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args);

interface CoverageState {
  open: boolean;
  renders: number;
  version: number;
  shownVersion: number;
  ids: string[];
  tabStops: string[];
  stories: number;
}
interface Row {
  title: string;
  description: string;
  tooltip: string;
  contextValue: string;
  problems: number;
  icon: string;
}
type Tree = { loop: string; count: number; axes: { axis: string; stories: string[]; rows?: Row[] }[] }[];

const PM = () => inWorkspace('pm-prep.md');
const PO = () => inWorkspace('po-prep.md');
/** 1-based heading lines in test/fixtures/workspace/pm-prep.md. */
const ACTIVATION = { title: 'Chose the activation bet over the pricing bet', line: 9 };
const SPRINT = { title: 'Renegotiated sprint scope with engineering', line: 13 };

/** Waits until the active editor shows `uri` with the cursor on a 0-based line. */
function activeAt(uri: vscode.Uri, line: number, what: string) {
  return until(
    what,
    () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === uri.toString() && e.selection.active.line === line ? e : undefined;
    },
    [vscode.window.onDidChangeActiveTextEditor, vscode.window.onDidChangeTextEditorSelection],
  );
}

/** Puts a fixture file's text back on disk after the test, whatever happened to its editor. */
async function keepOnDisk(uri: vscode.Uri): Promise<void> {
  // Not written now: a write would itself refresh the views and hide a missing refresh.
  const original = await vscode.workspace.fs.readFile(uri);
  onCleanup(async () => {
    const now = await vscode.workspace.fs.readFile(uri);
    if (Buffer.compare(Buffer.from(now), Buffer.from(original)) !== 0) await vscode.workspace.fs.writeFile(uri, original);
  });
}

async function openCoverage(): Promise<CoverageState> {
  await run('prepLoop.showCoverage');
  return run<CoverageState>('prepLoop._coverageSettled', {});
}

async function closeCoverage(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Coverage'));
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

export const tests: Test[] = [
  {
    name: 'coverage: every story, cell and gap is an item; Enter on a story in the page opens it at its heading',
    async run() {
      onCleanup(closeCoverage);
      const state = await openCoverage();
      const story = `story:pm-prep.md:${ACTIVATION.line}`;
      assert.ok(state.ids.includes(story), state.ids.join(' '));
      assert.ok(state.ids.includes('cell:pm:growth-funnel:strategy'));
      assert.ok(state.ids.includes('gapstar:pm:sql') && state.ids.includes('gapdrill:pm:sql'));
      // The key goes to the real page: its script posts the item id, the extension opens the story.
      await run('prepLoop._coverageKeys', { start: story, keys: ['Enter'] });
      await activeAt(PM(), ACTIVATION.line - 1, 'Enter on the story to open pm-prep.md at its heading');
      // A click does the same (the page posts the same id).
      await run('prepLoop._coverageAct', `story:pm-prep.md:${SPRINT.line}`);
      await activeAt(PM(), SPRINT.line - 1, 'the second story to open at its heading');
    },
  },
  {
    name: 'coverage: Tab stops on each grid once and on every button; arrow keys reach every cell of a grid',
    async run() {
      onCleanup(closeCoverage);
      const state = await openCoverage();
      const buttons = state.ids.filter((id) => /^(story|gapdrill|gapstar):/.test(id));
      for (const b of buttons) assert.ok(state.tabStops.includes(b), `${b} is a tab stop`);
      for (const loop of ['pm', 'po']) {
        const grid = state.ids.filter((id) => new RegExp(`^(drill|cell|total):${loop}:`).test(id));
        assert.equal(state.tabStops.filter((t) => grid.includes(t)).length, 1, `one tab stop in the ${loop} grid`);
        const rows = new Set(grid.map((id) => id.split(':')[2])).size;
        const cols = grid.length / rows;
        // A snake walk: right along a row, down, left along the next…
        const keys: string[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 1; c < cols; c++) keys.push(r % 2 ? 'ArrowLeft' : 'ArrowRight');
          if (r < rows - 1) keys.push('ArrowDown');
        }
        const trail = await run<string[]>('prepLoop._coverageKeys', { start: grid[0], keys });
        assert.deepEqual(new Set([grid[0], ...trail]), new Set(grid), `arrow keys reach every ${loop} cell`);
        // The edges hold: Up at the top row and Home stay inside the grid.
        const edge = await run<string[]>('prepLoop._coverageKeys', { start: grid[0], keys: ['ArrowUp', 'ArrowLeft', 'End', 'Home'] });
        assert.deepEqual(edge, [grid[0], grid[0], grid[cols - 1], grid[0]]);
      }
    },
  },
  {
    name: 'coverage: an edit refreshes the page; a gap adds a tagged STAR skeleton to a doc of its loop',
    async run() {
      onCleanup(closeCoverage);
      await keepOnDisk(PM());
      // The web host saves after a second by default: off here, so the refresh seen below is the edit's, not a save's.
      const files = vscode.workspace.getConfiguration('files');
      const autoSave = files.inspect<string>('autoSave')?.workspaceValue;
      await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
      onCleanup(() => vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Workspace));
      // The doc first, then the page beside it: both stay visible (a hidden webview is unloaded).
      const doc = await vscode.workspace.openTextDocument(PM());
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      await openCoverage();
      const before = doc.getText();
      const added = '\n## Ran the checkout A/B test #pm #metrics\n\nI set the MDE, checked power and watched for sample ratio mismatch; conversion rose from 3.1% to 3.4%.\n';
      await editor.edit((e) => e.insert(doc.positionAt(before.length), added));
      const newId = `story:pm-prep.md:${doc.getText().split('\n').lastIndexOf('## Ran the checkout A/B test #pm #metrics') + 1}`;
      assert.equal(before.includes('Ran the checkout'), false, 'the fixture is clean');
      const shown = await run<CoverageState | undefined>('prepLoop._coverageSettled', { storyId: newId });
      assert.ok(shown, `the page shows ${newId}; it shows ${JSON.stringify(await run('prepLoop._coverage'))}`);
      assert.equal(doc.isDirty, true, 'refreshed on the edit, before any save');
      assert.ok(shown.renders >= 2, `the page re-rendered: ${JSON.stringify({ ...shown, ids: shown.ids.filter((i) => i.startsWith('story')) })}`);
      await run('prepLoop._coverageAct', 'gapstar:pm:sql');
      const text = await textWhere(doc, 'the STAR skeleton', (t) => t.includes('*Drill: SQL*'));
      assert.match(text, /\n## A story about sql #pm #metrics\n\n\*Drill: SQL\*\n\n\*\*Situation:\*\* /);
      await vscode.commands.executeCommand('leaveSnippet');
    },
  },
  {
    name: 'tree: story rows show their own problem count and the off-loop marker; row actions open, tag, retag, move and drill',
    timeout: 45_000,
    async run() {
      const saved = await run<string[]>('prepLoop._drilledQuestions');
      onCleanup(async () => {
        await run('prepLoop._drilledQuestions', saved);
      });
      await keepOnDisk(PM());
      await keepOnDisk(PO());
      const pm = await vscode.workspace.openTextDocument(PM());
      await vscode.window.showTextDocument(pm);
      await lintNow(pm);
      await run('prepLoop.refreshStories');
      const rows = async () => (await run<Tree>('prepLoop._stories', { detail: true })).flatMap((l) => l.axes.flatMap((a) => a.rows ?? []));
      const sprint = (await rows()).find((r) => r.title === SPRINT.title);
      assert.ok(sprint);
      assert.match(sprint.contextValue, /^prepLoop\.story\.offLoop/);
      assert.match(sprint.description, /^off-loop: #po in a PM doc/);
      assert.equal(sprint.icon, 'arrow-swap');
      const own = prepDiagnostics(PM()).filter((d) => d.range.start.line >= SPRINT.line - 1);
      assert.ok(own.length > 0 && own.length < prepDiagnostics(PM()).length, 'the story has some of the file\'s problems, not all');
      assert.equal(sprint.problems, own.length);
      const activation = (await rows()).find((r) => r.title === ACTIVATION.title);
      assert.equal(activation?.contextValue.includes('offLoop'), false);

      assert.equal(await run('prepLoop.story.open', { title: SPRINT.title }), true);
      await activeAt(PM(), SPRINT.line - 1, 'Open to put the cursor on the heading');
      assert.equal(await run('prepLoop.story.tag', { title: ACTIVATION.title, axis: 'metrics' }), true);
      await textWhere(pm, 'the axis tag', (t) => t.includes(`## ${ACTIVATION.title} #pm #strategy #metrics\n`));
      assert.equal(await run('prepLoop.story.retag', { title: SPRINT.title, loop: 'hybrid' }), true);
      await textWhere(pm, 'the retag', (t) => t.includes(`## ${SPRINT.title} #hybrid #execution\n`));
      await run('undo');
      await textWhere(pm, 'undo of the retag', (t) => t.includes(`## ${SPRINT.title} #po #execution\n`));

      const drilled = await run<{ uri: string; question: string }>('prepLoop.story.drill', { title: ACTIVATION.title, drill: 'growth-funnel', questionId: null });
      assert.equal(drilled.uri, PM().toString());
      await textWhere(pm, 'the drill skeleton', (t) => t.includes('*Drill: Growth & activation funnel*') || t.includes('*Drill: Growth'));

      const po = await vscode.workspace.openTextDocument(PO());
      assert.equal(await run('prepLoop.story.move', { title: SPRINT.title, target: PO().toString() }), true);
      await textWhere(po, 'the story in the PO doc', (t) => t.includes(`## ${SPRINT.title} #po #execution`));
      await textWhere(pm, 'the story gone from the PM doc', (t) => !t.includes(SPRINT.title));
    },
  },
  {
    name: 'tree: moving the cursor into a story reveals and selects it in the Prep Stories view',
    async run() {
      await vscode.commands.executeCommand('prepLoop.stories.focus');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(PO()));
      editor.selection = new vscode.Selection(10, 5, 10, 5);
      const r = await run<{ revealed: boolean; selection: string[] }>('prepLoop._revealStory');
      assert.deepEqual(r, { revealed: true, selection: ['Split a 13-point story before sprint planning'] });
    },
  },
  {
    name: 'job post → prep doc: creates the expected doc, undo removes it; an unclear posting gets nothing; the report has the button',
    timeout: 45_000,
    async run() {
      const jd = ['Product Manager, Checkout', '', 'Responsibilities:', '- Own the team backlog and run backlog refinement every sprint', '- Write user stories with acceptance criteria together with engineering', '- Plan each sprint with the team and keep the sprint goal in view', ''].join('\n');
      const r = await run<{ created: boolean; verdict: string; uri: string }>('prepLoop.newPrepDocFromJd', { text: jd, company: 'Acme', role: 'Product Owner', folder: 'scratch/prep' });
      assert.equal(r.created, true);
      assert.equal(r.verdict, 'po');
      const uri = vscode.Uri.parse(r.uri);
      onCleanup(() => Promise.resolve(vscode.workspace.fs.delete(inWorkspace('scratch', 'prep'), { recursive: true, useTrash: false })).catch(() => undefined));
      assert.equal(uri.path.endsWith('/scratch/prep/acme-product-owner.md'), true, uri.path);
      const doc = await vscode.workspace.openTextDocument(uri);
      const expected = jdPrepDoc(classifyJobDescription(jd), { company: 'Acme', role: 'Product Owner' });
      assert.ok('text' in expected);
      assert.equal(doc.getText(), expected.text);
      assert.ok(doc.getText().startsWith('---\nloop: po\ncompany: Acme\nrole: Product Owner\n---\n\n# Acme · Product Owner prep\n\n> **The title and the duties disagree.**'));
      await activeAt(uri, expected.storyLine, 'the cursor on the first story skeleton');
      const report = await lintNow(doc);
      assert.equal(report.loop, 'po');
      assert.deepEqual(report.findings.filter((f) => f.severity === 'warning' || f.severity === 'error'), []);

      const watcher = vscode.workspace.createFileSystemWatcher('**/acme-product-owner.md');
      onCleanup(() => watcher.dispose());
      await vscode.window.showTextDocument(doc);
      await run('undo');
      await until('undo to remove the new file', async () => !(await Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false)), [watcher.onDidDelete, vscode.workspace.onDidChangeTextDocument, vscode.workspace.onDidDeleteFiles]);

      const junk = await run<{ created: boolean; verdict: string }>('prepLoop.newPrepDocFromJd', { text: 'hello world, this is not a job', company: 'X', role: 'Y', folder: 'scratch/prep' });
      assert.deepEqual({ created: junk.created, verdict: junk.verdict }, { created: false, verdict: 'unclear' });

      const classified = await run<{ verdict: string; uri: string }>('prepLoop.classifyJobDescription', { text: jd });
      const lenses = (await run<vscode.CodeLens[]>('vscode.executeCodeLensProvider', vscode.Uri.parse(classified.uri))) ?? [];
      const button = lenses.find((l) => l.command?.command === 'prepLoop.newPrepDocFromJd');
      assert.ok(button, `the report offers the command; got ${lenses.map((l) => l.command?.title).join(' | ')}`);
      assert.equal((button.command?.arguments?.[0] as { text: string }).text, jd);
    },
  },
  {
    name: 'outline: one tree (the markdown headings), each story from its own heading, so sticky scroll pins the right one',
    async run() {
      const doc = await vscode.workspace.openTextDocument(PM());
      await lintNow(doc);
      const symbols = await documentSymbols(PM());
      const flat: vscode.DocumentSymbol[] = [];
      const walk = (l: vscode.DocumentSymbol[]) => l.forEach((x) => (flat.push(x), walk(x.children ?? [])));
      walk(symbols);
      assert.ok(!flat.some((s) => s.name === 'Prep stories'), `no second tree; got ${flat.map((s) => s.name).join(' | ')}`);
      for (const story of [ACTIVATION, SPRINT]) {
        const s = flat.find((x) => x.name.includes(story.title));
        assert.ok(s, `${story.title} in the outline`);
        assert.equal(s.range.start.line, story.line - 1, `${story.title} starts at its heading`);
        assert.equal(s.selectionRange.start.line, story.line - 1);
      }
      const a = flat.find((x) => x.name.includes(ACTIVATION.title));
      assert.ok(a && a.range.end.line < SPRINT.line - 1, 'the first story ends before the second heading');
    },
  },
  {
    name: 'New Prep Doc proposes prep/<company>-<role>.md and leaves the cursor where the first story goes',
    async run() {
      const uri = await run<string>('prepLoop.newPrepDoc', { loop: 'pm', company: 'Acme', role: 'Senior PM' });
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      assert.ok(doc);
      assert.equal(doc.uri.scheme, 'untitled');
      assert.ok(doc.uri.path.endsWith('/prep/acme-senior-pm.md'), doc.uri.path);
      assert.ok(doc.getText().startsWith('---\nloop: pm\ncompany: Acme\nrole: Senior PM\n---\n'));
      await activeAt(doc.uri, doc.lineCount - 1, 'the cursor on the last line');
    },
  },
];

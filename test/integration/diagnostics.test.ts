/** Diagnostics lifecycle in the real host: open, edit, save, close, delete, config and settings changes. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyAction,
  codeActions,
  diagnosticsWhere,
  documentSymbols,
  hoverText,
  inWorkspace,
  lintNow,
  lintStats,
  noDiagnosticsChange,
  onCleanup,
  openScratch,
  openUntitled,
  overwriteForTest,
  prepDiagnostics,
  rangeOf,
  ruleOf,
  until,
  writeScratch,
} from './helpers';
import { SAMPLE_PM_DOC } from '../fixtures/sample-pm-doc';
import type { Test } from './runner';

/** The extension's debounce (src/extension/diagnostics.ts DEBOUNCE_MS). */
const DEBOUNCE_MS = 300;

const PM_DOC = SAMPLE_PM_DOC;

export const tests: Test[] = [
  {
    name: 'a PO story in a PM doc gets a wrong-loop diagnostic on its #po tag',
    async run() {
      const uri = inWorkspace('pm-prep.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const ds = await diagnosticsWhere(uri, 'a wrong-loop diagnostic', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      const wrong = ds.filter((d) => ruleOf(d) === 'wrong-loop');
      assert.equal(wrong.length, 1);
      const d = wrong[0];
      const tag = rangeOf(doc, '#po #execution');
      assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [tag.start.line, tag.start.character, tag.start.line, tag.start.character + 3]);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(d.source, 'prep-loop');
      assert.ok(typeof d.code === 'object' && d.code.target.toString().endsWith('/docs/rules/wrong-loop.md'), 'code links the rule docs');
      assert.match(d.message, /PO story in a PM-loop doc/);
      const related = d.relatedInformation ?? [];
      assert.equal(related.length, 1, 'related information points at the front matter');
      assert.equal(related[0].location.uri.toString(), uri.toString());
      assert.equal(related[0].location.range.start.line, 1, 'the loop: line');
    },
  },
  {
    name: 'a markdown file that is not a prep doc gets no diagnostics',
    async run() {
      const uri = inWorkspace('README.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const report = await lintNow(doc);
      assert.equal(report.isPrepDoc, false);
      assert.equal(report.findings.length, 0);
      assert.deepEqual(prepDiagnostics(uri), []);
      const status = await vscode.commands.executeCommand<{ visible: boolean }>('prepLoop._statusText');
      assert.equal(status.visible, false, 'no status bar item for plain markdown');
    },
  },
  {
    name: 'editing the tag clears the diagnostic (on type, debounced)',
    async run() {
      const { doc, editor, uri } = await openScratch('edit.md', PM_DOC);
      await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      const tag = rangeOf(doc, '#po');
      assert.ok(await editor.edit((b) => b.replace(tag, '#pm')));
      await diagnosticsWhere(uri, 'wrong-loop to clear', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
      assert.equal(doc.isDirty, true, 'cleared while typing, before any save');
    },
  },
  {
    name: 'code actions, hovers and the outline right after an edit never publish: only the debounce does',
    async run() {
      const { doc, uri } = await openScratch('debounce.md', PM_DOC);
      const [wrong] = (await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'))).filter((d) => ruleOf(d) === 'wrong-loop');
      // No visible editor: the workbench answers at once, so the requests below land well inside the debounce window.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const before = await lintStats(uri);
      // When Prep Loop's diagnostics first change (other extensions may fire events for the file too).
      const shown = () => JSON.stringify(prepDiagnostics(uri).map((d) => [ruleOf(d), d.range.start.line, d.range.start.character, d.message]));
      const original = shown();
      let firstChange: number | undefined;
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (firstChange === undefined && e.uris.some((u) => u.toString() === uri.toString()) && shown() !== original) firstChange = Date.now();
      });
      onCleanup(() => sub.dispose());
      // What a hover, the breadcrumbs and the lightbulb ask while typing, sent the moment the
      // extension host sees the edit.
      const hoverAt = rangeOf(doc, '#pm #strategy').start.translate(0, 1);
      const readers: Promise<unknown>[] = [];
      let actions: vscode.CodeAction[] = [];
      const onEdit = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== uri.toString() || readers.length) return;
        readers.push(hoverText(uri, hoverAt), documentSymbols(uri), codeActions(uri, wrong.range, 'quickfix').then((a) => (actions = a)));
      });
      onCleanup(() => onEdit.dispose());
      // Two lines above the finding: it moves down once the debounced lint publishes.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, rangeOf(doc, '# Prep').end, '\n\nA new first paragraph.');
      const edited = Date.now();
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(readers.length, 3);
      await Promise.all(readers);
      assert.ok(actions.some((a) => a.title === "Retag as #pm (this doc's loop)"), `the quick fixes were computed for the new text; got: ${actions.map((a) => a.title).join(' | ')}`);
      await diagnosticsWhere(uri, 'wrong-loop to move down after the pause', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop' && d.range.start.line === wrong.range.start.line + 2));
      assert.ok(firstChange !== undefined && firstChange - edited >= DEBOUNCE_MS - 50, `diagnostics changed ${(firstChange ?? 0) - edited} ms after the edit, before the ${DEBOUNCE_MS} ms debounce`);
      const after = await lintStats(uri);
      assert.equal(after.publishes, before.publishes + 1, 'one publish for the edit: the debounced one');
      assert.equal(after.shownVersion, doc.version);
    },
  },
  {
    name: 'prepLoop.run = onSave: an edit is checked when the file is saved, not after the debounce',
    async run() {
      await vscode.workspace.getConfiguration('prepLoop').update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
      onCleanup(() => vscode.workspace.getConfiguration('prepLoop').update('run', undefined, vscode.ConfigurationTarget.Workspace));
      await until('the onSave setting to reach the extension', () => vscode.workspace.getConfiguration('prepLoop').get('run') === 'onSave', [vscode.workspace.onDidChangeConfiguration]);
      const { doc, editor, uri } = await openScratch('save.md', PM_DOC);
      const [wrong] = (await diagnosticsWhere(uri, 'wrong-loop on open', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'))).filter((d) => ruleOf(d) === 'wrong-loop');
      // The server reads the setting on its own time: once it has, it re-checks open docs in that mode.
      await until('the server to check the doc in onSave mode', async () => (await lintStats(uri)).run === 'onSave', [vscode.languages.onDidChangeDiagnostics]);
      const before = await lintStats(uri);
      assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, '#po'), '#pm')));
      // Code actions need the current text, but must not publish diagnostics before the save.
      await codeActions(uri, wrong.range);
      const stats = await lintStats(uri);
      assert.equal(stats.pending, false, 'no debounced lint is waiting in onSave mode');
      assert.equal(stats.publishes, before.publishes, 'nothing published by the edit or the code actions');
      await noDiagnosticsChange(uri, 'onSave mode, past the debounce window', DEBOUNCE_MS + 400);
      assert.ok(prepDiagnostics(uri).some((d) => ruleOf(d) === 'wrong-loop'), 'not re-checked before the save');
      assert.ok(await doc.save());
      await diagnosticsWhere(uri, 'wrong-loop to clear after save', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
    },
  },
  {
    name: 'prepLoop.run = onSave: a quick fix still works after an edit above its finding',
    async run() {
      await vscode.workspace.getConfiguration('prepLoop').update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
      onCleanup(() => vscode.workspace.getConfiguration('prepLoop').update('run', undefined, vscode.ConfigurationTarget.Workspace));
      await until('the onSave setting to reach the extension', () => vscode.workspace.getConfiguration('prepLoop').get('run') === 'onSave', [vscode.workspace.onDidChangeConfiguration]);
      const { doc, editor, uri } = await openScratch('save-shift.md', PM_DOC);
      await until('the server to check the doc in onSave mode', async () => (await lintStats(uri)).run === 'onSave', [vscode.languages.onDidChangeDiagnostics]);
      const shown = (await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'))).find((d) => ruleOf(d) === 'wrong-loop');
      assert.ok(shown);
      // Two new lines above the finding; the shown diagnostic keeps its place until the save.
      const below = rangeOf(doc, '# Prep').end;
      assert.ok(await editor.edit((b) => b.insert(below, '\n\nA new first paragraph.')));
      const edited = doc.getText();
      assert.equal(prepDiagnostics(uri).find((d) => ruleOf(d) === 'wrong-loop')?.range.start.line, shown.range.start.line);
      const actions = await codeActions(uri, shown.range, 'quickfix');
      const retag = actions.find((a) => a.title === "Retag as #pm (this doc's loop)");
      assert.ok(retag, `the retag fix is offered; got: ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(await applyAction(doc, retag), edited.replace('#po #stakeholders', '#pm #stakeholders'), 'the fix edits the current text');
    },
  },
  {
    name: 'closing a document clears its diagnostics',
    async run() {
      const { doc } = await openUntitled(PM_DOC);
      await diagnosticsWhere(doc.uri, 'wrong-loop on an untitled doc', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await diagnosticsWhere(doc.uri, 'diagnostics to clear on close', (ds) => ds.length === 0);
    },
  },
  {
    name: 'deleting a file clears its diagnostics',
    async run() {
      const { uri } = await openScratch('deleted.md', PM_DOC);
      await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await vscode.workspace.fs.delete(uri);
      await diagnosticsWhere(uri, 'diagnostics to clear on delete', (ds) => ds.length === 0);
    },
  },
  {
    name: 'changing .prep-loop.json re-lints open docs',
    async run() {
      const { uri } = await openScratch('config.md', PM_DOC);
      await diagnosticsWhere(uri, 'wrong-loop as a warning', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop' && d.severity === vscode.DiagnosticSeverity.Warning));
      await overwriteForTest(inWorkspace('.prep-loop.json'), JSON.stringify({ rules: { 'wrong-loop': 'error' } }, null, 2));
      await diagnosticsWhere(uri, 'wrong-loop as an error', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop' && d.severity === vscode.DiagnosticSeverity.Error));
      await overwriteForTest(inWorkspace('.prep-loop.json'), JSON.stringify({ rules: { 'wrong-loop': 'off' } }, null, 2));
      await diagnosticsWhere(uri, 'wrong-loop off', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
    },
  },
  {
    name: 'settings apply, and .prep-loop.json wins over them',
    async run() {
      const cfg = () => vscode.workspace.getConfiguration('prepLoop');
      onCleanup(() => cfg().update('rules.wrong-loop', undefined, vscode.ConfigurationTarget.Workspace));
      const { uri } = await openScratch('settings.md', PM_DOC);
      await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await cfg().update('rules.wrong-loop', 'off', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(uri, 'the setting to turn wrong-loop off', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await overwriteForTest(inWorkspace('.prep-loop.json'), JSON.stringify({ rules: { 'wrong-loop': 'error' } }));
      await diagnosticsWhere(uri, 'the config file to win over the setting', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop' && d.severity === vscode.DiagnosticSeverity.Error));
    },
  },
  {
    name: 'a bad setting value falls back to the default and linting goes on',
    async run() {
      const cfg = () => vscode.workspace.getConfiguration('prepLoop');
      onCleanup(() => cfg().update('storyHeadingLevel', undefined, vscode.ConfigurationTarget.Workspace));
      const { doc, uri } = await openScratch('bad-setting.md', PM_DOC);
      await cfg().update('storyHeadingLevel', 9, vscode.ConfigurationTarget.Workspace);
      const report = await until('a lint after the bad setting', async () => {
        const r = await lintNow(doc);
        return cfg().get('storyHeadingLevel') === 9 ? r : undefined;
      }, [vscode.workspace.onDidChangeConfiguration]);
      assert.ok(report.findings.some((f) => f.ruleId === 'wrong-loop'), 'stories still found at the default level 2');
      assert.ok(prepDiagnostics(uri).some((d) => ruleOf(d) === 'wrong-loop'));
    },
  },
  {
    name: 'problems in a config file are shown on that file',
    async run() {
      const cfgUri = await writeScratch('.prep-loop.json', '{\n  "rules": {\n    "wrong-lop": "error"\n  }\n}\n');
      const ds = await until(
        'a diagnostic on the bad config file',
        () => {
          const found = vscode.languages.getDiagnostics(cfgUri).filter((d) => d.source === 'prep-loop');
          return found.length ? found : undefined;
        },
        [vscode.languages.onDidChangeDiagnostics],
      );
      assert.equal(ds.length, 1);
      assert.match(ds[0].message, /Unknown rule "wrong-lop"\. Did you mean "wrong-loop"\?/);
      assert.equal(ds[0].range.start.line, 2, 'on the misspelt key');
    },
  },
  {
    name: 'a file above maxFileSize is skipped with a visible reason',
    async run() {
      await writeScratch('.prep-loop.json', JSON.stringify({ maxFileSize: 200 }));
      const { doc, uri } = await openScratch('huge.md', PM_DOC + '\nMore notes.\n'.repeat(40));
      // The new config file reaches the extension through the file watcher: wait for its effect.
      const ds = await diagnosticsWhere(uri, 'the skip note', (ds) => ds.length === 1 && /maxFileSize/.test(ds[0].message));
      const report = await lintNow(doc);
      assert.match(report.skipped ?? '', /maxFileSize/);
      assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Information);
      assert.equal(ds[0].range.start.line, 0);
      const status = await vscode.commands.executeCommand<{ visible: boolean; text: string }>('prepLoop._statusText');
      assert.equal(status.visible, true);
      assert.match(status.text, /not checked/);
    },
  },
  {
    name: 'quick successive edits end with the diagnostics of the last text',
    async run() {
      const { doc, editor, uri } = await openScratch('burst.md', PM_DOC);
      const line = (needle: string) => rangeOf(doc, needle).start.line;
      const first = line('Picked the activation bet');
      const second = line('Fought for sprint capacity');
      // Two edits inside one debounce window: the second story is fixed, the first one broken.
      assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, '#po #stakeholders'), '#pm #stakeholders')));
      assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, '#pm #strategy'), '#po #strategy')));
      const ds = await diagnosticsWhere(uri, 'wrong-loop on the first story only', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop' && d.range.start.line === first));
      assert.ok(!ds.some((d) => ruleOf(d) === 'wrong-loop' && d.range.start.line === second), 'nothing left from the older text');
      const report = await lintNow(doc);
      assert.equal(report.version, doc.version);
    },
  },
];

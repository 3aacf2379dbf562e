/** Diagnostics lifecycle in the real host: open, edit, save, close, delete, config and settings changes. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeActions,
  diagnosticsWhere,
  inWorkspace,
  lintNow,
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
import type { Test } from './runner';

const PM_DOC = `---
loop: pm
---

# Prep

## Picked the activation bet #pm #strategy

We raised activation from 31% to 38% by end of Q3 with an onboarding checklist.

## Fought for sprint capacity #po #stakeholders

Two stakeholders wanted the same sprint; I split the story in refinement.
`;

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
    name: 'prepLoop.run = onSave: an edit is checked when the file is saved',
    async run() {
      await vscode.workspace.getConfiguration('prepLoop').update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
      onCleanup(() => vscode.workspace.getConfiguration('prepLoop').update('run', undefined, vscode.ConfigurationTarget.Workspace));
      const { doc, editor, uri } = await openScratch('save.md', PM_DOC);
      await diagnosticsWhere(uri, 'wrong-loop on open', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, '#po'), '#pm')));
      // Code actions need the current text, but must not publish diagnostics before the save.
      await codeActions(uri, new vscode.Range(0, 0, 0, 0));
      assert.ok(prepDiagnostics(uri).some((d) => ruleOf(d) === 'wrong-loop'), 'not re-checked before the save');
      assert.ok(await doc.save());
      await diagnosticsWhere(uri, 'wrong-loop to clear after save', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
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

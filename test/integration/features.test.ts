/** Status bar, hovers, outline, snippets, and the packaged extension in the real host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, inWorkspace, lintNow, openScratch, rangeOf, textWhere, until } from './helpers';
import type { Test } from './runner';

interface Status {
  visible: boolean;
  text: string;
  tooltip: string;
}

const status = () => vscode.commands.executeCommand<Status>('prepLoop._statusText');

export const tests: Test[] = [
  {
    name: 'the extension is active and every contributed command is registered',
    async run() {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is installed in the host`);
      await ext.activate();
      assert.equal(ext.isActive, true);
      const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
      assert.ok(contributed.length >= 10);
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
      assert.deepEqual(missing, [], 'contributed but not registered');
      for (const internal of ['prepLoop._statusText', 'prepLoop._lint', 'prepLoop._showRuleDocs']) {
        assert.ok(registered.has(internal), internal);
        assert.ok(!contributed.some((c) => c.command === internal), `${internal} stays out of the palette`);
      }
    },
  },
  {
    name: 'the packaged extension (.vsix) is the one under test when PREP_LOOP_EXPECT_VSIX is set',
    async run() {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext?.isActive);
      const expected = process.env.PREP_LOOP_EXPECT_VSIX;
      const root = ext.extensionUri;
      const exists = async (...p: string[]) => vscode.workspace.fs.stat(vscode.Uri.joinPath(root, ...p)).then(() => true, () => false);
      assert.ok(await exists('dist', 'extension.js'));
      if (!expected) {
        console.log(`    (development run from ${root.path}; the .vsix run checks the package layout)`);
        return;
      }
      assert.equal(root.path.replace(/\/+$/, ''), vscode.Uri.file(expected).path.replace(/\/+$/, ''), 'running from the unpacked .vsix');
      for (const p of ['snippets/markdown.json', 'syntaxes/prep-loop.injection.tmLanguage.json', 'schemas/prep-loop.schema.json', 'media/icon.png']) assert.ok(await exists(...p.split('/')), `${p} is packaged`);
      for (const p of ['src', 'test', 'node_modules', 'dist/cli.js', 'dist/extension.js.map', 'scripts']) assert.equal(await exists(...p.split('/')), false, `${p} must not be packaged`);
    },
  },
  {
    name: 'the status bar shows the loop, story count and off-loop count',
    async run() {
      const doc = await vscode.workspace.openTextDocument(inWorkspace('pm-prep.md'));
      await vscode.window.showTextDocument(doc);
      await lintNow(doc);
      const s = await until('the status bar to show the PM doc', async () => {
        const v = await status();
        return v.visible ? v : undefined;
      }, [vscode.languages.onDidChangeDiagnostics, vscode.window.onDidChangeActiveTextEditor]);
      assert.equal(s.text, 'PM loop · 2 stories · 1 off-loop');
      const readme = await vscode.workspace.openTextDocument(inWorkspace('README.md'));
      await vscode.window.showTextDocument(readme);
      await lintNow(readme);
      assert.equal((await status()).visible, false, 'hidden for plain markdown');
    },
  },
  {
    name: 'hovers explain loop tags and domain terms',
    async run() {
      const doc = await vscode.workspace.openTextDocument(inWorkspace('pm-prep.md'));
      await vscode.window.showTextDocument(doc);
      await lintNow(doc);
      const at = rangeOf(doc, '#po #execution').start.translate(0, 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Product Owner loop/);
      const term = rangeOf(doc, 'backlog refinement').start.translate(0, 2);
      const termHovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, term);
      assert.ok(termHovers.length > 0, 'a glossary hover on "backlog refinement"');
    },
  },
  {
    name: 'the outline lists stories with their tags, nested under the title',
    async run() {
      const doc = await vscode.workspace.openTextDocument(inWorkspace('pm-prep.md'));
      await lintNow(doc);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      const flat = (xs: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => xs.flatMap((s) => [s, ...flat(s.children ?? [])]);
      const story = flat(symbols).find((s) => s.name === 'Renegotiated sprint scope with engineering');
      assert.ok(story, `story symbol missing; got: ${flat(symbols).map((s) => `${s.name} [${s.detail}]`).join(' | ')}`);
      assert.equal(story.detail, '#po #execution');
      assert.ok(symbols.some((s) => s.name.startsWith('Northwind') && s.children.some((c) => c.name === story.name && c.detail === story.detail)), 'stories nest under the doc title');
    },
  },
  {
    name: 'the user story snippet expands through editor.action.insertSnippet and lints clean',
    async run() {
      const head = '---\nloop: po\n---\n\n# PO prep\n\n## Wrote the export story with the team #po #execution\n\n';
      const { doc, editor } = await openScratch('snippet.md', head);
      const end = doc.positionAt(head.length);
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Prep Loop: user story with acceptance criteria' });
      const text = await textWhere(doc, 'the snippet text', (t) => t.includes('As a team lead'));
      assert.match(text, /Acceptance criteria:\n\n- Given .*, when .*, then .*\./);
      await vscode.commands.executeCommand('leaveSnippet');
      const report = await lintNow(doc);
      const firstInserted = doc.positionAt(head.length).line;
      const inSnippet = report.findings.filter((f) => f.line >= firstInserted);
      assert.deepEqual(inSnippet, [], 'no findings inside the inserted user story');
      assert.ok(!report.findings.some((f) => f.severity === 'error'));
    },
  },
];

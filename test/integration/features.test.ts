/** Status bar, hovers, outline, snippets, and the packaged extension in the real host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { documentSymbols, EXTENSION_ID, hoverText, inWorkspace, lintNow, openScratch, rangeOf, textWhere, until, writeScratch } from './helpers';
import type { Test } from './runner';

interface Status {
  visible: boolean;
  text: string;
  tooltip: string;
  command: string;
}

const status = () => vscode.commands.executeCommand<Status>('prepLoop._statusText');

const PREP_DOC = `---
loop: pm
company: Northwind
---

# Northwind · Senior PM prep

## Chose the activation bet over the pricing bet #pm #strategy

I compared three growth bets and set the goal to raise week-one activation from 31% to 38% by end of Q3.

### Details

More notes.

## Renegotiated sprint scope with engineering #po #execution

In backlog refinement I split the story and moved half of it to the next sprint, so the sprint goal held.
`;

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
      const ms = await vscode.commands.executeCommand<number | undefined>('prepLoop._activationTime');
      assert.equal(typeof ms, 'number', 'activation measured');
      console.log(`    (activation: ${ms} ms, language client and server started and initialized)`);
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
    name: 'clicking the status bar item runs Set Doc Loop, and the item follows the new loop',
    async run() {
      const { doc } = await openScratch('status-click.md', '---\nloop: pm\n---\n\n## Split the export story #po #execution\n\nText.\n');
      const shown = await until('the status bar to show the PM doc', async () => {
        const v = await status();
        return v.visible && v.text.startsWith('PM loop') ? v : undefined;
      }, [vscode.languages.onDidChangeDiagnostics, vscode.window.onDidChangeActiveTextEditor]);
      assert.equal(shown.text, 'PM loop · 1 story · 1 off-loop');
      assert.equal(shown.command, 'prepLoop.setDocLoop');
      // The item's command, with the loop the picker would return.
      assert.equal(await vscode.commands.executeCommand(shown.command, 'po'), true);
      await textWhere(doc, 'loop: po', (t) => t.startsWith('---\nloop: po\n---\n'));
      const after = await until('the status bar to show the PO loop', async () => {
        const v = await status();
        return v.text.startsWith('PO loop') ? v : undefined;
      }, [vscode.languages.onDidChangeDiagnostics]);
      assert.equal(after.text, 'PO loop · 1 story');
    },
  },
  {
    name: 'the status bar names a loop value that is not valid',
    async run() {
      await openScratch('status-bad-loop.md', '---\nloop: pmm\n---\n\n## Split the export story #po #execution\n\nText.\n');
      const s = await until('the status bar to show the doc', async () => {
        const v = await status();
        return v.visible ? v : undefined;
      }, [vscode.languages.onDidChangeDiagnostics, vscode.window.onDidChangeActiveTextEditor]);
      assert.equal(s.text, 'Loop "pmm" is not valid · 1 story');
    },
  },
  {
    name: 'hovers explain loop tags and domain terms, asked right after the doc opens',
    async run() {
      // A folder of its own: its config lookup is not cached, so the lint is still under way.
      const uri = await writeScratch('hover-fresh/notes.md', PREP_DOC);
      const doc = await vscode.workspace.openTextDocument(uri);
      const tag = await hoverText(uri, rangeOf(doc, '#po #execution').start.translate(0, 1));
      assert.match(tag, /Product Owner loop/);
      const term = await hoverText(uri, rangeOf(doc, 'backlog refinement').start.translate(0, 2));
      assert.match(term, /refinement/i, `the term hover names the term; got: ${term.slice(0, 200)}`);
    },
  },
  {
    name: 'the outline is the markdown outline only (one tree), asked right after the doc opens',
    async run() {
      // No lint barrier on purpose: VS Code asks for the outline once, as the document opens.
      const uri = await writeScratch('outline-fresh/notes.md', PREP_DOC);
      await vscode.workspace.openTextDocument(uri);
      const symbols = await documentSymbols(uri);
      assert.equal(symbols.filter((s) => s.name === 'Prep stories').length, 0, `no second tree; got: ${symbols.map((s) => s.name).join(' | ')}`);
      const names = JSON.stringify(symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]));
      assert.match(names, /Chose the activation bet over the pricing bet/);
      assert.match(names, /Renegotiated sprint scope with engineering/);
    },
  },
  {
    name: 'completion offers loop and axis tags after # in a heading, loop values in front matter, rule ids in a disable comment',
    async run() {
      const text = '---\nloop: \n---\n\n## Split the export story #p\n\n<!-- prep-loop-disable wr -->\n';
      const { doc, uri } = await openScratch('complete.md', text);
      const labels = async (line: number, character: number, trigger?: string) => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character), trigger);
        return list.items.filter((i) => i.detail !== undefined && /loop|axis|[a-z]/.test(String(i.detail))).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      };
      const tags = await labels(4, doc.lineAt(4).text.length, '#');
      for (const t of ['#pm', '#po', '#hybrid', '#strategy', '#metrics', '#execution', '#stakeholders']) assert.ok(tags.includes(t), `${t} offered; got ${tags.join(' ')}`);
      const loops = await labels(1, 'loop: '.length);
      for (const l of ['pm', 'po', 'hybrid']) assert.ok(loops.includes(l), `${l} offered; got ${loops.join(' ')}`);
      const rules = await labels(6, '<!-- prep-loop-disable wr'.length);
      assert.ok(rules.includes('wrong-loop'), `wrong-loop offered; got ${rules.slice(0, 20).join(' ')}`);
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

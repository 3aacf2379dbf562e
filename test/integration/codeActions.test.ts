/** Code actions in the real host: exact fix results, undo, disable comments, fix-all, context.only, move story. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAction, codeActions, diagnosticsWhere, lintNow, onCleanup, openScratch, rangeOf, ruleOf, textWhere, undoTo } from './helpers';
import type { Test } from './runner';

const DOC = `---
loop: pm
---

# Prep

## Picked the activation bet #pm #strategy

We raised week-one activation from 31% to 38% by end of Q3 with an onboarding checklist.

## Fought for sprint capacity #po #stakeholders

Two stakeholders wanted the same sprint; I split the story in refinement.

## Ran the sprint review #po #execution

I demoed the increment and updated the backlog with what we learned.
`;

/** Opens the scratch PM doc and returns the wrong-loop diagnostic of the "Fought for sprint capacity" story. */
async function setup(name: string) {
  const s = await openScratch(name, DOC);
  const ds = await diagnosticsWhere(s.uri, 'two wrong-loop diagnostics', (ds) => ds.filter((d) => ruleOf(d) === 'wrong-loop').length === 2);
  const line = rangeOf(s.doc, 'Fought for sprint capacity').start.line;
  const diag = ds.find((d) => ruleOf(d) === 'wrong-loop' && d.range.start.line === line);
  assert.ok(diag);
  return { ...s, diag, line };
}

function pick(actions: vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no code action "${String(title)}" among: ${actions.map((x) => x.title).join(' | ')}`);
  return a;
}

export const tests: Test[] = [
  {
    name: 'quick fix "Retag as #pm" is preferred, gives the exact text, and undo restores it',
    async run() {
      const { doc, uri, diag } = await setup('retag.md');
      const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
      const fix = pick(actions, "Retag as #pm (this doc's loop)");
      assert.equal(fix.isPreferred, true);
      const text = await applyAction(doc, fix);
      assert.equal(text, DOC.replace('#po #stakeholders', '#pm #stakeholders'));
      await undoTo(doc, DOC);
    },
  },
  {
    name: 'quick fix "Set this doc\'s loop to hybrid" gives the exact text, and undo restores it',
    async run() {
      const { doc, uri, diag } = await setup('hybrid.md');
      const fix = pick(await codeActions(uri, diag.range), "Set this doc's loop to hybrid");
      assert.notEqual(fix.isPreferred, true);
      assert.equal(await applyAction(doc, fix), DOC.replace('loop: pm', 'loop: hybrid'));
      await diagnosticsWhere(uri, 'wrong-loop gone in a hybrid doc', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await undoTo(doc, DOC);
    },
  },
  {
    name: '"Fix all wrong-loop problems in this file" retags both stories at once; undo restores',
    async run() {
      const { doc, uri, diag } = await setup('fixall-rule.md');
      const fix = pick(await codeActions(uri, diag.range), 'Fix all wrong-loop problems in this file');
      assert.equal(await applyAction(doc, fix), DOC.replace('#po #stakeholders', '#pm #stakeholders').replace('#po #execution', '#pm #execution'));
      await diagnosticsWhere(uri, 'no wrong-loop left', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await undoTo(doc, DOC);
    },
  },
  {
    name: '"Disable wrong-loop for this line" silences exactly that line',
    async run() {
      const { doc, uri, diag, line } = await setup('disable-line.md');
      const fix = pick(await codeActions(uri, diag.range), 'Disable wrong-loop for this line');
      const text = await applyAction(doc, fix);
      assert.equal(text, DOC.replace('## Fought for sprint capacity #po #stakeholders', '## Fought for sprint capacity #po #stakeholders <!-- prep-loop-disable-line wrong-loop -->'));
      const other = rangeOf(doc, 'Ran the sprint review').start.line;
      const ds = await diagnosticsWhere(uri, 'wrong-loop only on the other story', (ds) => {
        const wrong = ds.filter((d) => ruleOf(d) === 'wrong-loop');
        return wrong.length === 1 && wrong[0].range.start.line === other;
      });
      assert.ok(!ds.some((d) => ruleOf(d) === 'wrong-loop' && d.range.start.line === line));
      await undoTo(doc, DOC);
    },
  },
  {
    name: 'a front matter finding is disabled by a comment after the closing ---',
    async run() {
      const { doc, uri } = await setup('disable-front.md');
      const ds = await diagnosticsWhere(uri, 'loop-coverage at the front matter', (ds) => ds.some((d) => ruleOf(d) === 'loop-coverage'));
      const coverage = ds.find((d) => ruleOf(d) === 'loop-coverage');
      assert.ok(coverage);
      assert.equal(coverage.range.start.line, 1);
      const fix = pick(await codeActions(uri, coverage.range), /^Disable loop-coverage for this file$/);
      assert.equal(await applyAction(doc, fix), DOC.replace('loop: pm\n---\n', 'loop: pm\n---\n<!-- prep-loop-disable loop-coverage -->\n'));
      await diagnosticsWhere(uri, 'loop-coverage silenced', (ds) => !ds.some((d) => ruleOf(d) === 'loop-coverage') && ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await undoTo(doc, DOC);
    },
  },
  {
    name: 'every finding offers "Show docs for <rule>" through a registered command',
    async run() {
      const { uri, diag } = await setup('docs.md');
      const show = pick(await codeActions(uri, diag.range), 'Show docs for wrong-loop');
      assert.equal(show.command?.command, 'prepLoop._showRuleDocs');
      assert.deepEqual(show.command?.arguments, ['wrong-loop']);
      assert.ok((await vscode.commands.getCommands(true)).includes('prepLoop._showRuleDocs'));
    },
  },
  {
    name: 'code actions respect context.only',
    async run() {
      const { uri, diag } = await setup('only.md');
      const source = await codeActions(uri, diag.range, 'source.fixAll');
      assert.deepEqual(source.map((a) => a.title), ['Fix all Prep Loop problems']);
      assert.equal(source[0].kind?.value, 'source.fixAll.prep-loop');
      const quick = await codeActions(uri, diag.range, 'quickfix');
      assert.ok(quick.some((a) => a.title === "Retag as #pm (this doc's loop)"));
      // Other extensions of the host (chat) add their own quick fixes; none may be a source action.
      assert.ok(quick.every((a) => a.kind?.value.startsWith('quickfix')), quick.map((a) => a.kind?.value).join());
    },
  },
  {
    name: 'source.fixAll.prep-loop applies every preferred fix; undo restores',
    async run() {
      const { doc, uri, diag } = await setup('fixall.md');
      const [fixAll] = await codeActions(uri, diag.range, 'source.fixAll.prep-loop');
      assert.ok(fixAll);
      const text = await applyAction(doc, fixAll);
      assert.equal(text, DOC.replace('#po #stakeholders', '#pm #stakeholders').replace('#po #execution', '#pm #execution'));
      await undoTo(doc, DOC);
    },
  },
  {
    name: 'codeActionsOnSave with source.fixAll.prep-loop fixes the file on save',
    async run() {
      const editorCfg = () => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
      await editorCfg().update('codeActionsOnSave', { 'source.fixAll.prep-loop': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      onCleanup(() => editorCfg().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true));
      const { doc, editor } = await setup('on-save.md');
      // A real edit, so the save is not a no-op.
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\n')));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await textWhere(doc, 'the save-time fixes', (t) => !t.includes('#po'));
    },
  },
  {
    name: 'Move story to a prep doc of its loop: one edit removes it here and appends it there',
    async run() {
      const target = await openScratch('po-target.md', '---\nloop: po\n---\n\n# PO prep\n');
      const { doc, uri, diag } = await setup('move.md');
      const move = pick(await codeActions(uri, diag.range), 'Move story to a prep doc of its loop…');
      assert.equal(move.command?.command, 'prepLoop.moveStory');
      const args = { ...(move.command?.arguments?.[0] as object), target: target.uri.toString() };
      assert.equal(await vscode.commands.executeCommand('prepLoop.moveStory', args), true);
      const story = '## Fought for sprint capacity #po #stakeholders\n\nTwo stakeholders wanted the same sprint; I split the story in refinement.\n';
      await textWhere(doc, 'the story to leave the PM doc', (t) => t === DOC.replace(story + '\n', ''));
      await textWhere(target.doc, 'the story to arrive in the PO doc', (t) => t === '---\nloop: po\n---\n\n# PO prep\n\n' + story);
      await lintNow(doc);
      assert.equal((await diagnosticsWhere(uri, 'one wrong-loop left', (ds) => ds.filter((d) => ruleOf(d) === 'wrong-loop').length === 1)).length > 0, true);
    },
  },
];

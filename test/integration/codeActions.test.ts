/** Code actions in the real host: exact fix results, undo, disable comments, fix-all, manual fixes, context.only, docs, move story. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits, preferredFixEdits } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import type { Finding } from '../../src/core/types';
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

/** A PO doc with two tag typos: fixes that correct spelling, never manual. What fix-all is tested on. */
const TYPOS = `---
loop: po
---

# PO prep

## Ordered the backlog by cost of delay #po #execution #stakeholdrs

We ordered the backlog by value and split every story above 8 points in refinement.

## Aligned stakeholders on the release scope #po #stakeholders #executon

I ran the sprint review with the stakeholders and we agreed on the release scope.
`;
const TYPOS_FIXED = TYPOS.replace('#stakeholdrs', '#stakeholders').replace('#executon', '#execution');
const TYPO_LABEL = 'hashtag one typo away from a loop or axis tag';
const TYPO_RULE = 'unknown-tag';

/** What the core says about a text: its findings and fixes (the source of truth for `manual`). */
function core(text: string): Finding[] {
  return lintText(text).findings;
}

/** Whether the core marks the first fix of the finding at a line (of a rule) manual. */
function manualAt(text: string, rule: string, line: number): boolean {
  const f = core(text).find((x) => x.ruleId === rule && x.range.start.line === line);
  assert.ok(f?.fixes?.length, `the core has a fixable ${rule} finding on line ${line + 1}`);
  return f.fixes[0].manual === true;
}

/**
 * Adds a domain to VS Code's trusted link domains (its `trustedDomains:` document) for one test,
 * so opening a link does not ask for confirmation; the list is put back afterwards.
 */
async function trustDomainForTest(domain: string): Promise<void> {
  const uri = vscode.Uri.parse('trustedDomains:/Trusted Domains');
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const current = JSON.parse(original.replace(/^\s*\/\/.*$/gm, '').trim() || '[]') as unknown;
  const domains = Array.isArray(current) ? current.filter((d): d is string => typeof d === 'string') : [];
  onCleanup(() => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(domains))));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify([...domains, domain])));
}

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
    name: 'quick fix "Retag as #pm" is preferred unless the core marks it manual, gives the exact text, and undo restores it',
    async run() {
      const { doc, uri, diag, line } = await setup('retag.md');
      const actions = await codeActions(uri, diag.range, vscode.CodeActionKind.QuickFix.value);
      const fix = pick(actions, "Retag as #pm (this doc's loop)");
      assert.equal(fix.isPreferred === true, !manualAt(DOC, 'wrong-loop', line));
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
    name: 'fix-all for a rule has a readable title, fixes both findings at once, and undo restores',
    async run() {
      assert.ok(!core(TYPOS).some((f) => f.fixes?.[0]?.manual), 'the typo fixes are automatic in the core');
      const { doc, uri } = await openScratch('fixall-rule.md', TYPOS);
      const ds = await diagnosticsWhere(uri, 'two unknown-tag findings', (ds) => ds.filter((d) => ruleOf(d) === TYPO_RULE).length === 2);
      const diag = ds.find((d) => ruleOf(d) === TYPO_RULE)!;
      const actions = await codeActions(uri, diag.range, 'quickfix');
      assert.ok(!actions.some((a) => a.title.includes(TYPO_RULE) && !/^Disable/.test(a.title)), `no raw rule id in fix-all or docs titles: ${actions.map((a) => a.title).join(' | ')}`);
      const fix = pick(actions, `Fix all 2 in this file: ${TYPO_LABEL}`);
      assert.equal(await applyAction(doc, fix), TYPOS_FIXED);
      await diagnosticsWhere(uri, 'no unknown-tag left', (ds) => !ds.some((d) => ruleOf(d) === TYPO_RULE));
      await undoTo(doc, TYPOS);
    },
  },
  {
    name: 'fix-all for a rule is not offered when only one finding of it has a fix',
    async run() {
      const once = TYPOS.replace('#executon', '#execution');
      const { uri } = await openScratch('fixall-one.md', once);
      const ds = await diagnosticsWhere(uri, 'one unknown-tag finding', (ds) => ds.filter((d) => ruleOf(d) === TYPO_RULE).length === 1);
      const actions = await codeActions(uri, ds.find((d) => ruleOf(d) === TYPO_RULE)!.range, 'quickfix');
      assert.equal(pick(actions, 'Change to #stakeholders').isPreferred, true);
      assert.ok(!actions.some((a) => a.title.startsWith('Fix all')), actions.map((a) => a.title).join(' | '));
    },
  },
  {
    name: 'a manual first fix is offered but not preferred, and fix-all and source.fixAll leave it alone (as the core says)',
    async run() {
      // Every fixable rule the core has a fix for in this doc; which of them are manual is the core's call.
      const text = `---
loop: pm
---

# Prep

## Picked the activation bet #pm

We raised activation from 31% to 38% by end of Q3 with an onboarding checklist.

## Fought for sprint capacity #po #stakeholders

Two stakeholders wanted the same sprint; I split the story in refinement.

## Groomed the backlog

In backlog refinement the team split the story so it fit the sprint; I kept the sprint goal and the definition of done.

## Ran the sprint review before I got promoted to PM #pm #strategi

I demoed the increment and updated the backlog with what we learned.
`;
      const { doc, uri } = await openScratch('manual.md', text);
      const expected = core(text).filter((f) => f.fixes?.length);
      assert.ok(expected.length >= 4, 'the doc has fixable findings of several rules');
      await lintNow(doc);
      let manual = 0;
      for (const f of expected) {
        const line = f.range.start.line;
        const diag = vscode.languages.getDiagnostics(uri).find((d) => ruleOf(d) === f.ruleId && d.range.start.line === line && d.message === f.message);
        assert.ok(diag, `a ${f.ruleId} diagnostic on line ${line + 1}`);
        const actions = await codeActions(uri, diag.range, 'quickfix');
        const first = pick(actions, f.fixes![0].title);
        const isManual = f.fixes![0].manual === true;
        if (isManual) manual++;
        assert.equal(first.isPreferred === true, !isManual, `${f.ruleId} "${first.title}" preferred iff not manual`);
      }
      const [fixAll] = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.prep-loop');
      const auto = applyEdits(text, preferredFixEdits(core(text))).text;
      if (auto === text) assert.equal(fixAll, undefined);
      else assert.equal(await applyAction(doc, fixAll), auto, 'source.fixAll applies exactly the non-manual preferred fixes');
      console.log(`      (${manual} of ${expected.length} first fixes are manual in the core today)`);
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
    name: '"Disable wrong-loop for this file" silences the rule in the whole file, and undo restores',
    async run() {
      const { doc, uri, diag } = await setup('disable-file.md');
      const fix = pick(await codeActions(uri, diag.range), 'Disable wrong-loop for this file');
      assert.equal(await applyAction(doc, fix), DOC.replace('loop: pm\n---\n', 'loop: pm\n---\n<!-- prep-loop-disable wrong-loop -->\n'));
      // Two wrong-loop findings were there: none left means the file was checked again.
      await diagnosticsWhere(uri, 'no wrong-loop left in the file', (ds) => !ds.some((d) => ruleOf(d) === 'wrong-loop'));
      await undoTo(doc, DOC);
    },
  },
  {
    name: 'a front matter finding is disabled by a comment after the closing ---',
    async run() {
      // loop-coverage is said once per folder and loop, on its first story bank: named to sort
      // first among the scratch docs, this one is that bank.
      const { doc, uri } = await setup('0-disable-front.md');
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
    name: 'every finding offers "Show docs: <rule name>", and running it opens the docs page',
    async run() {
      const { uri, diag } = await setup('docs.md');
      const show = pick(await codeActions(uri, diag.range), "Show docs: story tagged for the other loop than the doc's");
      assert.equal(show.command?.command, 'prepLoop._showRuleDocs');
      assert.deepEqual(show.command?.arguments, ['wrong-loop']);
      // A user who trusts github.com (else VS Code asks first, and tests may not answer dialogs).
      await trustDomainForTest('https://github.com');
      assert.equal(await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? [])), true, 'the docs page was opened');
      assert.equal(await vscode.commands.executeCommand('prepLoop._showRuleDocs', '../etc/passwd'), false, 'only rule ids open anything');
    },
  },
  {
    name: 'code actions respect context.only',
    async run() {
      const typos = await openScratch('only-typos.md', TYPOS);
      await diagnosticsWhere(typos.uri, 'two unknown-tag findings', (ds) => ds.filter((d) => ruleOf(d) === TYPO_RULE).length === 2);
      const source = await codeActions(typos.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll');
      assert.deepEqual(source.map((a) => a.title), ['Fix all Prep Loop problems']);
      assert.equal(source[0].kind?.value, 'source.fixAll.prep-loop');
      const { uri, diag } = await setup('only.md');
      const quick = await codeActions(uri, diag.range, 'quickfix');
      assert.ok(quick.some((a) => a.title === "Retag as #pm (this doc's loop)"));
      // Other extensions of the host (chat) add their own quick fixes; none may be a source action.
      assert.ok(quick.every((a) => a.kind?.value.startsWith('quickfix')), quick.map((a) => a.kind?.value).join());
    },
  },
  {
    name: 'source.fixAll.prep-loop applies every preferred fix; undo restores',
    async run() {
      const { doc, uri } = await openScratch('fixall.md', TYPOS);
      await diagnosticsWhere(uri, 'two unknown-tag findings', (ds) => ds.filter((d) => ruleOf(d) === TYPO_RULE).length === 2);
      const [fixAll] = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.prep-loop');
      assert.ok(fixAll);
      assert.equal(await applyAction(doc, fixAll), TYPOS_FIXED);
      await undoTo(doc, TYPOS);
    },
  },
  {
    name: 'codeActionsOnSave with source.fixAll.prep-loop fixes the file on save',
    async run() {
      const editorCfg = () => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
      await editorCfg().update('codeActionsOnSave', { 'source.fixAll.prep-loop': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      onCleanup(() => editorCfg().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true));
      const { doc, editor, uri } = await openScratch('on-save.md', TYPOS);
      await diagnosticsWhere(uri, 'two unknown-tag findings', (ds) => ds.filter((d) => ruleOf(d) === TYPO_RULE).length === 2);
      // A real edit, so the save is not a no-op.
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\n')));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await textWhere(doc, 'the save-time fixes', (t) => !t.includes('#stakeholdrs') && !t.includes('#executon'));
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

/** Every contributed command runs in the real host (arguments stand in for the pickers). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, lintNow, onCleanup, openScratch, prepDiagnostics, rangeOf, ruleOf, textWhere, until, writeScratch } from './helpers';
import type { Test } from './runner';

const run = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args);

type Tree = { loop: string; count: number; axes: { axis: string; stories: string[] }[] }[];
type ScanStats = { reads: number; summaries: number; skippedUnread: number; cached: number };
const storyTitles = (tree: Tree) => tree.flatMap((l) => l.axes.flatMap((a) => a.stories));

const CLOSED_PM = `---
loop: pm
---

# Prep

## Fought for sprint capacity #po #stakeholders

Two stakeholders wanted the same sprint; I split the story in refinement.

## Chose the pricing test #pm #strategi

I ran a price test on the annual plan and upgrades rose from 4% to 6% in a month.
`;

export const tests: Test[] = [
  {
    name: 'New Prep Doc… opens an untitled prep doc for the chosen loop',
    async run() {
      const uri = await run<string>('prepLoop.newPrepDoc', { loop: 'po', company: 'Acme: Payments', role: 'Product Owner' });
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      assert.ok(doc);
      assert.equal(doc.languageId, 'markdown');
      assert.ok(doc.getText().startsWith('---\nloop: po\ncompany: "Acme: Payments"\nrole: Product Owner\n---\n'), doc.getText());
      assert.ok(doc.uri.path.endsWith('/prep/acme-payments-product-owner.md'), doc.uri.path);
      const report = await lintNow(doc);
      assert.equal(report.isPrepDoc, true);
      assert.equal(report.loop, 'po');
      assert.ok(!report.findings.some((f) => f.ruleId === 'invalid-front-matter'));
    },
  },
  {
    name: 'Set Doc Loop… adds front matter to a plain file and makes it a prep doc',
    async run() {
      const { doc, uri } = await openScratch('set-loop.md', '# Notes\n\n## Chose the pricing bet #po #strategy\n\nWe compared payback periods.\n');
      assert.deepEqual(prepDiagnostics(uri), []);
      assert.equal(await run('prepLoop.setDocLoop', 'pm'), true);
      await textWhere(doc, 'front matter and a blank line', (t) => t.startsWith('---\nloop: pm\n---\n\n# Notes'));
      await diagnosticsWhere(uri, 'wrong-loop now that it is a PM doc', (ds) => ds.some((d) => d.code && typeof d.code === 'object' && d.code.value === 'wrong-loop'));
      assert.equal(await run('prepLoop.setDocLoop', 'hybrid'), true);
      await textWhere(doc, 'loop: hybrid', (t) => t.startsWith('---\nloop: hybrid\n---\n'));
    },
  },
  {
    name: 'Tag Story… tags the story at the cursor',
    async run() {
      const { doc, editor } = await openScratch('tag.md', '---\nloop: pm\n---\n\n## Sized the pricing bet\n\nWe modelled payback and LTV for three price points.\n');
      const inBody = rangeOf(doc, 'payback').start;
      editor.selection = new vscode.Selection(inBody, inBody);
      assert.equal(await run('prepLoop.tagStory', { loop: 'pm', axis: 'metrics' }), true);
      await textWhere(doc, 'the tags', (t) => t.includes('## Sized the pricing bet #pm #metrics\n'));
      assert.equal(await run('prepLoop.tagStory', { loop: 'po' }), true);
      await textWhere(doc, 'the retag', (t) => t.includes('## Sized the pricing bet #po #metrics\n'));
    },
  },
  {
    name: 'Move Story to Its Loop Doc explains itself when the cursor is not in an off-loop story',
    async run() {
      const { editor } = await openScratch('move-none.md', '---\nloop: pm\n---\n\n## Picked a bet #pm #strategy\n\nText.\n');
      editor.selection = new vscode.Selection(new vscode.Position(6, 0), new vscode.Position(6, 0));
      assert.equal(await run('prepLoop.moveStory'), false);
    },
  },
  {
    name: 'Insert User Story and Insert PRD Outline insert the snippets',
    async run() {
      const { doc, editor } = await openScratch('insert.md', '---\nloop: po\n---\n\n# Prep\n\n');
      const end = doc.positionAt(doc.getText().length);
      editor.selection = new vscode.Selection(end, end);
      assert.equal(await run('prepLoop.insertUserStory'), true);
      await textWhere(doc, 'the user story', (t) => /As a team lead, I want .*, so that /.test(t));
      await vscode.commands.executeCommand('leaveSnippet');
      const after = doc.positionAt(doc.getText().length);
      editor.selection = new vscode.Selection(after, after);
      assert.equal(await run('prepLoop.insertPrdOutline'), true);
      await textWhere(doc, 'the PRD outline', (t) => t.includes('### Non-goals') && t.includes('### Risks and open questions'));
    },
  },
  {
    name: 'Lint Workspace checks files that are not open; a settings change re-checks them; their diagnostics can be cleared',
    async run() {
      // Written, never opened: only Lint Workspace shows its diagnostics.
      const closed = await writeScratch('closed-pm.md', CLOSED_PM);
      onCleanup(async () => {
        await run('prepLoop._clearClosedDiagnostics');
      });
      const summary = await run<{ files: number; prepDocs: number; warnings: number; cancelled: boolean }>('prepLoop.lintWorkspace');
      assert.ok(summary);
      assert.equal(summary.cancelled, false);
      assert.ok(summary.prepDocs >= 3, JSON.stringify(summary));
      assert.ok(summary.files > summary.prepDocs, 'README.md is markdown but not a prep doc');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'the file stays closed');
      await diagnosticsWhere(closed, 'wrong-loop on the closed file', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      // A settings change applies to the closed file too (no stale diagnostics).
      const cfg = () => vscode.workspace.getConfiguration('prepLoop');
      onCleanup(() => cfg().update('rules.wrong-loop', undefined, vscode.ConfigurationTarget.Workspace));
      await cfg().update('rules.wrong-loop', 'off', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(closed, 'the closed file re-checked without wrong-loop', (ds) => ds.length > 0 && !ds.some((d) => ruleOf(d) === 'wrong-loop'));
      assert.equal(await run('prepLoop.clearWorkspaceLint'), true);
      await diagnosticsWhere(closed, 'the closed file cleared', (ds) => ds.length === 0);
    },
  },
  {
    name: 'workspace scans read only the files that changed, never one above maxFileSize, and follow settings changes',
    async run() {
      const stats = () => run<ScanStats>('prepLoop._scanStats');
      const tree = async () => {
        assert.equal(await run('prepLoop.refreshStories'), true);
        return run<Tree>('prepLoop._stories');
      };
      await tree();
      const first = await stats();
      await tree();
      await run('prepLoop.showCoverage');
      assert.equal((await stats()).reads, first.reads, 'nothing changed: nothing read again');
      await writeScratch('scan-new.md', '---\nloop: po\n---\n\n## Ordered the backlog by cost of delay #po #execution\n\nText.\n');
      // Above the default 2 MB maxFileSize: stat'ed, never read.
      await writeScratch('scan-huge.md', `---\nloop: po\n---\n\n## A huge story #po #execution\n\n${'x'.repeat(2 * 1024 * 1024)}\n`);
      const titles = storyTitles(await tree());
      assert.ok(titles.includes('Ordered the backlog by cost of delay'), titles.join(' | '));
      assert.ok(!titles.includes('A huge story'));
      const after = await stats();
      assert.equal(after.reads, first.reads + 1, 'only the new small file was read');
      assert.equal(after.skippedUnread, first.skippedUnread + 1, 'the huge file was skipped by its size');
      // Settings that decide what a prep doc is rebuild the tree at once.
      await writeScratch('globbed.md', '# Notes\n\n## Chose the pricing bet #pm #strategy\n\nWe compared payback periods.\n');
      assert.ok(!storyTitles(await tree()).includes('Chose the pricing bet'), 'plain markdown is not a prep doc');
      const cfg = () => vscode.workspace.getConfiguration('prepLoop');
      onCleanup(() => cfg().update('loopByGlob', undefined, vscode.ConfigurationTarget.Workspace));
      await cfg().update('loopByGlob', { 'scratch/globbed.md': 'pm' }, vscode.ConfigurationTarget.Workspace);
      await until(
        'the tree to show the story of the globbed file',
        async () => storyTitles(await run<Tree>('prepLoop._stories')).includes('Chose the pricing bet'),
        [vscode.workspace.onDidChangeConfiguration, vscode.languages.onDidChangeDiagnostics],
      );
    },
  },
  {
    name: 'Classify Job Description reads a posting by its duties and opens a report',
    async run() {
      const jd = [
        'Senior Product Manager',
        '',
        'What you will do:',
        '- Own the product backlog and run backlog refinement with the Scrum team every sprint',
        '- Write user stories with acceptance criteria and accept completed stories in sprint review',
        '- Protect the sprint goal and keep velocity predictable',
        '- Work with engineering on story splitting and the definition of done',
      ].join('\n');
      const r = await run<{ verdict: string; uri: string }>('prepLoop.classifyJobDescription', { text: jd });
      assert.equal(r.verdict, 'po');
      const report = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri);
      assert.ok(report, 'the report is open');
      assert.ok(report.getText().includes('Verdict'));
      // A read-only virtual document: nothing to save when it is closed, and never linted.
      assert.equal(report.uri.scheme, 'prep-loop-report');
      assert.equal(report.isDirty, false);
      assert.equal(report.isUntitled, false);
      assert.equal(report.languageId, 'markdown');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), r.uri);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await until('the report to close without a save prompt', () => !vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === r.uri), [vscode.window.onDidChangeVisibleTextEditors]);
    },
  },
  {
    name: 'Drill a Question appends an answer skeleton to the prep doc and remembers what was drilled',
    async run() {
      // The drilled list lives in the user's global state: put it back afterwards.
      const saved = await run<string[]>('prepLoop._drilledQuestions');
      onCleanup(async () => {
        await run('prepLoop._drilledQuestions', saved);
      });
      const { doc } = await openScratch('drill.md', '---\nloop: po\n---\n\n# PO prep\n');
      type Drilled = { id: string; question: string; uri: string; drilled: number };
      const first = await run<Drilled>('prepLoop.drillQuestion', { questionId: null });
      assert.equal(first.uri, doc.uri.toString());
      await textWhere(doc, 'the answer skeleton', (t) => t.includes(`#po #`) && t.split('\n## ').length === 2);
      const second = await run<Drilled>('prepLoop.drillQuestion', { questionId: null });
      assert.notEqual(second.id, first.id, 'an undrilled question comes next');
      assert.equal(second.drilled, first.drilled + 1);
      await textWhere(doc, 'the second skeleton', (t) => t.split('\n## ').length === 3);
      const report = await lintNow(doc);
      assert.ok(!report.findings.some((f) => f.ruleId === 'wrong-loop' || f.severity === 'error'), JSON.stringify(report.findings));
      assert.deepEqual((await run<string[]>('prepLoop._drilledQuestions')).slice(-2), [first.id, second.id]);
    },
  },
  {
    name: 'Show Coverage opens the coverage webview over the workspace',
    async run() {
      const r = await run<{ docs: number; stories: number; gaps: { loop: string; missing: string[] }[] }>('prepLoop.showCoverage');
      assert.ok(r.docs >= 2, JSON.stringify(r));
      assert.ok(r.stories >= 3);
      assert.deepEqual(r.gaps.map((g) => g.loop), ['pm', 'po']);
    },
  },
  {
    name: 'the Prep Stories tree groups the workspace stories by loop and axis; Refresh rescans',
    async run() {
      assert.equal(await run('prepLoop.refreshStories'), true);
      const tree = await run<Tree>('prepLoop._stories');
      const po = tree.find((l) => l.loop === 'po');
      assert.ok(po, JSON.stringify(tree));
      assert.deepEqual(po.axes.find((a) => a.axis === 'execution')?.stories.sort(), ['Renegotiated sprint scope with engineering', 'Split a 13-point story before sprint planning']);
      assert.ok(tree.find((l) => l.loop === 'pm')?.axes.some((a) => a.axis === 'strategy'));
      assert.ok(!JSON.stringify(tree).includes('A section tagged'), 'README.md is not a prep doc');
      await writeScratch('tree.md', '---\nloop: hybrid\n---\n\n## Ran discovery and the backlog #hybrid #stakeholders\n\nText.\n');
      assert.equal(await run('prepLoop.refreshStories'), true);
      const after = await run<Tree>('prepLoop._stories');
      assert.deepEqual(after.find((l) => l.loop === 'hybrid')?.axes.map((a) => a.axis), ['stakeholders']);
    },
  },
];

/**
 * Practice Today in the real host: what is due, rating a drill moves it, the answer timer shows and
 * stops, the history exports and imports, and an unanswered drill skeleton is not a story for the
 * status bar or coverage until it holds an answer.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, inWorkspace, lintNow, onCleanup, openScratch, rangeOf, textWhere, until, writeScratch } from './helpers';
import type { Test } from './runner';

const run = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args);

type Summary = { loop: string; due: string[]; fresh: string[]; streak: number; drilledToday: number; nextDue?: string; card?: string; target?: number; uri?: string };
type Status = { text: string; running: boolean; cardId?: string; reviews: number; view: { stats?: string; due: string[]; fresh: string[] }; history?: { log: { card: string; rating: string; at: string }[] } };
type Rated = { card: string; rating: string; due: string; seconds?: number; reviews: number };

/** Starts each test from an empty review history and puts the user's back afterwards. */
async function freshHistory(): Promise<void> {
  const saved = (await run<Status>('prepLoop._practiceStatus', { withHistory: true })).history;
  onCleanup(async () => {
    await run('prepLoop._setPracticeHistory', saved && saved.log.length ? saved : undefined);
  });
  await run('prepLoop._setPracticeHistory', undefined);
}

const PO_DOC = '---\nloop: po\n---\n\n# PO prep\n\n## Protected the sprint goal #po #stakeholders\n\nA VP asked for a report mid-sprint. I showed him the goal and what would slip; he waited one sprint.\n';

export const tests: Test[] = [
  {
    name: 'Practice Today lists what is due, and rating a drill moves it out of today',
    async run() {
      await freshHistory();
      await openScratch('practice.md', PO_DOC);
      const before = await run<Summary>('prepLoop.practiceToday', { list: true });
      assert.equal(before.loop, 'po');
      assert.deepEqual(before.due, []);
      assert.equal(before.fresh.length, 10, 'ten new cards a day by default');
      assert.equal(before.streak, 0);

      const started = await run<Summary>('prepLoop.practiceToday', { pick: null });
      assert.equal(started.card, before.fresh[0]);
      const rated = await run<Rated>('prepLoop.ratePractice', { rating: 'good' });
      assert.equal(rated.card, started.card);
      assert.ok(Date.parse(rated.due) > Date.now() + 86_400_000, rated.due);

      const after = await run<Summary>('prepLoop.practiceToday', { list: true });
      assert.ok(!after.fresh.includes(started.card!) && !after.due.includes(started.card!), JSON.stringify(after));
      assert.equal(after.fresh.length, 9, 'the card counts against today’s new-card limit');
      assert.equal(after.drilledToday, 1);
      assert.equal(after.streak, 1);
      assert.equal(after.nextDue, rated.due);
      // The Practice Today view shows the same queue, with the streak on top.
      const shown = (await run<Status>('prepLoop._practiceStatus')).view;
      assert.deepEqual({ due: shown.due, fresh: shown.fresh }, { due: after.due, fresh: after.fresh });
      assert.match(shown.stats ?? '', /^Streak 1 day · drilled today 1/);
      // The Prep Loop status bar item's tooltip says the same, under the doc's own status.
      const tooltip = (await run<{ tooltip: string }>('prepLoop._statusText')).tooltip;
      assert.ok(tooltip.includes(`\n\nPractice Today: ${after.due.length} due, ${after.fresh.length} new · streak 1 day · drilled today 1`), tooltip);

      // A card reviewed a month ago is due today; rating it Easy sends it away again.
      const old = new Date(Date.now() - 30 * 86_400_000).toISOString();
      await run('prepLoop._setPracticeHistory', { format: 'prep-loop-review-history', version: 1, log: [{ card: 'po-sm-goal-at-risk', rating: 'good', at: old }] });
      const due = await run<Summary>('prepLoop.practiceToday', { list: true });
      assert.deepEqual(due.due, ['po-sm-goal-at-risk']);
      await run<Summary>('prepLoop.practiceToday', { pick: 'po-sm-goal-at-risk' });
      await run<Rated>('prepLoop.ratePractice', { rating: 'easy' });
      assert.deepEqual((await run<Summary>('prepLoop.practiceToday', { list: true })).due, []);
    },
  },
  {
    name: 'Drilling starts a visible answer timer with the drill’s target; rating stops it',
    async run() {
      await freshHistory();
      await openScratch('timer.md', PO_DOC);
      const started = await run<Summary>('prepLoop.practiceToday', { pick: 'po-bh-conflict-capacity' });
      assert.equal(started.target, 120, 'behavioural answers aim at two minutes');
      const timing = await run<Status>('prepLoop._practiceStatus');
      assert.equal(timing.running, true);
      assert.equal(timing.cardId, 'po-bh-conflict-capacity');
      assert.match(timing.text, /^\$\(watch\) \d+:\d\d \/ 2:00 · behavioural$/);
      const rated = await run<Rated>('prepLoop.ratePractice', { rating: 'hard' });
      assert.equal(typeof rated.seconds, 'number');
      const stopped = await run<Status>('prepLoop._practiceStatus');
      assert.equal(stopped.running, false);
      assert.doesNotMatch(stopped.text, /watch/);
      assert.equal(stopped.reviews, 1);
    },
  },
  {
    name: 'The review history exports to a workspace file and imports back; a bad file is refused with a reason',
    async run() {
      await freshHistory();
      await openScratch('export.md', PO_DOC);
      await run('prepLoop.practiceToday', { pick: null });
      await run('prepLoop.ratePractice', { rating: 'good' });
      const target = inWorkspace('scratch', 'history.json');
      onCleanup(async () => {
        await vscode.workspace.fs.delete(target, { useTrash: false }).then(undefined, () => undefined);
      });
      const exported = await run<{ uri: string; reviews: number }>('prepLoop.exportPracticeHistory', { uri: target.toString() });
      assert.equal(exported.reviews, 1);
      const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { format: string; version: number; log: unknown[] };
      assert.equal(file.format, 'prep-loop-review-history');
      assert.equal(file.log.length, 1);

      await run('prepLoop._setPracticeHistory', undefined);
      const imported = await run<{ added: number; reviews: number }>('prepLoop.importPracticeHistory', { uri: target.toString() });
      assert.deepEqual(imported, { added: 1, reviews: 1 });
      assert.deepEqual(await run('prepLoop.importPracticeHistory', { uri: target.toString() }), { added: 0, reviews: 1 });

      const bad = await writeScratch('bad-history.json', '{"format":"prep-loop-review-history","version":1,"log":[{"card":"x","rating":"ok","at":"2026-03-01T09:00:00Z"}]}');
      const refused = await run<{ error: string }>('prepLoop.importPracticeHistory', { uri: bad.toString() });
      assert.match(refused.error, /Review 1: "rating" should be again, hard, good or easy/);
      assert.equal((await run<Status>('prepLoop._practiceStatus')).reviews, 1);
    },
  },
  {
    name: 'An unanswered drill skeleton does not count in the status bar or coverage; once answered it does',
    async run() {
      const saved = await run<string[]>('prepLoop._drilledQuestions');
      onCleanup(async () => {
        await run('prepLoop._drilledQuestions', saved);
      });
      const { doc } = await openScratch('skeleton.md', '---\nloop: pm\n---\n\n# PM prep\n\n## Sized the clinic plan #pm #metrics\n\nI built the LTV and CAC payback model and took it to finance; payback fell from 14 to 9 months.\n');
      const storiesIn = async () => (await run<{ text: string }>('prepLoop._statusText')).text;
      await until('the status bar to count one story', async () => /\b1 story\b/.test(await storiesIn()), [], 10_000);
      const coverageBefore = await run<{ stories: number; gaps: { loop: string; missing: string[] }[] }>('prepLoop.showCoverage');
      const pmGaps = (c: typeof coverageBefore) => c.gaps.find((g) => g.loop === 'pm')?.missing ?? [];
      // The fixture workspace has no SQL story: the drill these skeletons are about.
      assert.ok(pmGaps(coverageBefore).includes('sql'), JSON.stringify(coverageBefore));

      for (const id of ['pm-sql-daily-active', 'pm-sql-week-one-retention', 'pm-sql-ordered-funnel', 'pm-sql-top-three-orders']) {
        await vscode.window.showTextDocument(doc);
        await run('prepLoop.drillQuestion', { questionId: id });
      }
      await textWhere(doc, 'four skeletons', (t) => t.split('\n## ').length === 6);
      await lintNow(doc);
      assert.match(await storiesIn(), /\b1 story\b/, 'skeletons are not stories');
      const withSkeletons = await run<typeof coverageBefore>('prepLoop.showCoverage');
      assert.equal(withSkeletons.stories, coverageBefore.stories);
      assert.ok(pmGaps(withSkeletons).includes('sql'), 'an unanswered skeleton closes no gap');

      // Answer one: write under its drill marker.
      const text = doc.getText();
      const marker = text.indexOf('*Drill: SQL*');
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(doc.positionAt(marker + '*Drill: SQL*'.length), '\n\nI wrote this query myself for the growth review: a window function over events per user and day, with late events deduplicated.'));
      await doc.save();
      await lintNow(doc);
      await until('the status bar to count two stories', async () => /\b2 stories\b/.test(await storiesIn()), [], 10_000);
      const answered = await run<typeof coverageBefore>('prepLoop.showCoverage');
      assert.equal(answered.stories, coverageBefore.stories + 1);
      assert.ok(!pmGaps(answered).includes('sql'), JSON.stringify(answered.gaps));
    },
  },
  {
    name: 'Hovering a story heading shows how long the story takes to tell',
    async run() {
      const { doc, uri } = await openScratch('spoken.md', PO_DOC);
      const text = await hoverText(uri, rangeOf(doc, 'Protected the sprint goal').start.translate(0, 3));
      assert.match(text, /Spoken length:\*\* under a minute \(\d+ words at 150 a minute\)/);
      assert.match(await hoverText(uri, rangeOf(doc, '#po #stakeholders').start.translate(0, 1)), /PO/, 'a tag still shows the tag hover');
    },
  },
  {
    name: 'The daily new-card limit and the per-drill answer targets come from the settings',
    async run() {
      await freshHistory();
      const config = vscode.workspace.getConfiguration('prepLoop.practice');
      onCleanup(async () => {
        await config.update('newPerDay', undefined, vscode.ConfigurationTarget.Workspace);
        await config.update('targetSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      });
      await config.update('newPerDay', 3, vscode.ConfigurationTarget.Workspace);
      await config.update('targetSeconds', { behavioural: 90 }, vscode.ConfigurationTarget.Workspace);
      await openScratch('practice-settings.md', PO_DOC);
      const listed = await run<Summary>('prepLoop.practiceToday', { list: true });
      assert.equal(listed.loop, 'po', JSON.stringify(listed));
      assert.equal(listed.fresh.length, 3);
      const started = await run<Summary>('prepLoop.practiceToday', { pick: 'po-bh-no-senior-ask' });
      assert.equal(started.target, 90, JSON.stringify(started));
      assert.match((await run<Status>('prepLoop._practiceStatus')).text, /\/ 1:30 · behavioural$/);
      await run('prepLoop.ratePractice', { rating: 'good' });
    },
  },
];

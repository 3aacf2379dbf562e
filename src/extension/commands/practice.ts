/**
 * Practice Today and its companions: a daily queue of bank questions and the candidate's own
 * stories scheduled by FSRS (the core's `practice.ts`), a timed answer in the status bar, a rating
 * that moves the card, and the review history exported to / imported from a workspace file.
 * The cards come from the language server (`prepLoop/practiceCards`: it reads the workspace's
 * stories); the scheduling runs over them here, next to the history (see `practice/session.ts`).
 */
import * as vscode from 'vscode';
import { getDrill } from '../../core/lexicon';
import { exportHistory, importHistory, mergeHistories, previewRatings, recordReview, RATINGS, targetSeconds, type PracticeCard, type PracticeRating } from '../../core/practice';
import { questionById } from '../../core/questions';
import type { SingleLoop } from '../../core/types';
import { Requests, type PracticeCardsResult } from '../../server/protocol';
import { days, practiceSettings } from '../practice/session';
import { HISTORY_KEY } from '../practice/store';
import type { DocStatus } from '../statusBar';
import type { PrepCommand } from './types';
import { loopArg, objectArg, pickLoop, stringArg, type Loop } from './util';

/** Where Export / Import Practice History read and write by default, relative to the first workspace folder. */
export const HISTORY_FILE = '.prep-loop/review-history.json';

const RATING_LABEL: Record<PracticeRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
const RATING_DETAIL: Record<PracticeRating, string> = {
  again: 'I could not answer it, or the answer fell apart',
  hard: 'I got there, but slowly or with gaps',
  good: 'A solid answer in about the target time',
  easy: 'Crisp, with the numbers, well inside the time',
};

/** "in 3 days", "tomorrow", "today". */
function inDays(due: Date, now: Date): string {
  const n = Math.round((due.getTime() - now.getTime()) / 86_400_000);
  return n <= 0 ? 'today' : n === 1 ? 'tomorrow' : `in ${n} days`;
}

function loopsOf(loop: Loop): SingleLoop[] {
  return loop === 'hybrid' ? ['pm', 'po'] : [loop];
}

/** Opens a story card: its file, at its heading (where the server says it is). */
async function openStory(cards: PracticeCardsResult, id: string): Promise<vscode.Uri | undefined> {
  const place = cards.places[id];
  if (!place) return undefined;
  const uri = vscode.Uri.parse(place.uri);
  const start = new vscode.Position(place.range.start.line, place.range.start.character);
  const editor = await vscode.window.showTextDocument(uri, { selection: new vscode.Range(start, start) });
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
  return uri;
}

export const practiceToday: PrepCommand = {
  id: 'prepLoop.practiceToday',
  async run(services, arg) {
    const a = objectArg(arg);
    const editor = vscode.window.activeTextEditor;
    const status = editor?.document.languageId === 'markdown' ? await services.client.sendRequest<DocStatus>(Requests.status, { uri: editor.document.uri.toString() }) : undefined;
    const loop = loopArg(a.loop) ?? (status?.isPrepDoc ? loopArg(status.loop) : undefined) ?? (await pickLoop('Practice which loop today?'));
    if (!loop) return undefined;
    const practice = services.practice;
    const { cards, queue, stats, now } = await practice.load(loopsOf(loop));
    const summary = { loop, due: queue.due.map((c) => c.id), fresh: queue.fresh.map((c) => c.id), streak: stats.streak, drilledToday: stats.drilledToday, nextDue: queue.nextDue?.toISOString() };
    if (a.list === true) return summary;

    let card: PracticeCard | undefined;
    if ('pick' in a) {
      const id = stringArg(a.pick);
      card = id ? cards.cards.find((c) => c.id === id) : (queue.due[0] ?? queue.fresh[0]);
    } else card = await choose(queue.due, queue.fresh, stats, queue.nextDue, now);
    if (!card) {
      if (!queue.due.length && !queue.fresh.length && !('pick' in a)) {
        void vscode.window.showInformationMessage(`Nothing due today${queue.nextDue ? `; the next drill is due ${inDays(queue.nextDue, now)}` : ''}. Streak: ${days(stats.streak)}.`);
      }
      return { ...summary, card: undefined };
    }

    const question = card.kind === 'question' ? questionById(card.id) : undefined;
    let uri: string | undefined;
    if (question) {
      // A question some story already answers opens that story; otherwise its skeleton goes in.
      const answeredBy = cards.answeredBy[question.id];
      if (answeredBy) uri = (await openStory(cards, answeredBy))?.toString();
      if (!uri) uri = ((await vscode.commands.executeCommand('prepLoop.drillQuestion', { questionId: question.id })) as { uri?: string } | undefined)?.uri;
    } else uri = (await openStory(cards, card.id))?.toString();

    const target = targetSeconds(card, question, practiceSettings().targets);
    const label = question ? (question.kind === 'drill' ? (getDrill(question.drill)?.label ?? question.drill) : question.kind) : 'your story';
    practice.timer.start(card.id, label, target);
    return { ...summary, card: card.id, title: card.title, target, uri };
  },
};

type CardItem = vscode.QuickPickItem & { card?: PracticeCard };

async function choose(due: PracticeCard[], fresh: PracticeCard[], stats: { streak: number; drilledToday: number }, nextDue: Date | undefined, now: Date): Promise<PracticeCard | undefined> {
  if (!due.length && !fresh.length) return undefined;
  const item = (c: PracticeCard): CardItem => ({ label: c.title, description: c.kind === 'story' ? 'your story' : (getDrill(c.drill ?? 'sql')?.label ?? ''), card: c });
  const items: CardItem[] = [];
  if (due.length) items.push({ label: `Due (${due.length})`, kind: vscode.QuickPickItemKind.Separator }, ...due.map(item));
  if (fresh.length) items.push({ label: `New today (${fresh.length})`, kind: vscode.QuickPickItemKind.Separator }, ...fresh.map(item));
  const streak = `streak ${days(stats.streak)} · drilled today ${stats.drilledToday}${nextDue && !due.length ? ` · next review ${inDays(nextDue, now)}` : ''}`;
  const picked = await vscode.window.showQuickPick(items, { title: `Prep Loop: Practice Today (${streak})`, placeHolder: 'Pick a drill: weakly covered drills come first. The timer starts when it opens.', matchOnDescription: true });
  return picked?.card;
}

export const ratePractice: PrepCommand = {
  id: 'prepLoop.ratePractice',
  async run(services, arg) {
    const a = objectArg(arg);
    const t = services.practice.timer;
    const cardId = stringArg(a.cardId) ?? t.cardId;
    if (!cardId) {
      void vscode.window.showInformationMessage('Start a drill with Prep Loop: Practice Today first, then rate it here.');
      return undefined;
    }
    const now = new Date();
    const history = services.practice.history();
    let rating = typeof a.rating === 'string' && (RATINGS as readonly string[]).includes(a.rating) ? (a.rating as PracticeRating) : undefined;
    if (!rating) {
      const preview = previewRatings(history, cardId, now);
      const picked = await vscode.window.showQuickPick(
        RATINGS.map((r) => ({ label: RATING_LABEL[r], description: `next ${inDays(preview[r], now)}`, detail: RATING_DETAIL[r], rating: r })),
        { title: `Prep Loop: how did it go?${t.running ? ` (${Math.round(t.elapsed())} s)` : ''}`, placeHolder: 'Rate the answer you just gave' },
      );
      rating = picked?.rating;
    }
    if (!rating) return undefined;
    const seconds = t.cardId === cardId ? t.stop() : undefined;
    const next = recordReview(history, cardId, rating, now, seconds);
    await services.practice.save(next);
    const status = previewRatings(history, cardId, now)[rating];
    return { card: cardId, rating, due: status.toISOString(), seconds: seconds === undefined ? undefined : Math.round(seconds), reviews: next.log.length };
  },
};

/** The default history file in the first workspace folder, if there is one. */
function defaultHistoryUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, HISTORY_FILE) : undefined;
}

function uriArg(v: unknown): vscode.Uri | undefined {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v) {
    try {
      return vscode.Uri.parse(v, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const exportPracticeHistory: PrepCommand = {
  id: 'prepLoop.exportPracticeHistory',
  async run(services, arg) {
    const a = objectArg(arg);
    const target = uriArg(a.uri) ?? (await vscode.window.showSaveDialog({ defaultUri: defaultHistoryUri(), filters: { JSON: ['json'] }, title: 'Export Prep Loop practice history' }));
    if (!target) return undefined;
    const history = services.practice.history();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exportHistory(history)));
    if (!('uri' in a)) void vscode.window.showInformationMessage(`Exported ${history.log.length} review${history.log.length === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(target)}.`);
    return { uri: target.toString(), reviews: history.log.length };
  },
};

export const importPracticeHistory: PrepCommand = {
  id: 'prepLoop.importPracticeHistory',
  async run(services, arg) {
    const a = objectArg(arg);
    const source = uriArg(a.uri) ?? (await vscode.window.showOpenDialog({ defaultUri: defaultHistoryUri(), filters: { JSON: ['json'] }, canSelectMany: false, title: 'Import Prep Loop practice history' }))?.[0];
    if (!source) return undefined;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
    } catch (e) {
      const error = `Cannot read ${vscode.workspace.asRelativePath(source)}: ${(e as Error).message}`;
      void vscode.window.showErrorMessage(error);
      return { error };
    }
    const read = importHistory(text);
    if (!read.ok) {
      void vscode.window.showErrorMessage(`Prep Loop did not import ${vscode.workspace.asRelativePath(source)}: ${read.error}`);
      return { error: read.error };
    }
    const before = services.practice.history();
    const merged = mergeHistories(before, read.history);
    await services.practice.save(merged);
    const added = merged.log.length - before.log.length;
    if (!('uri' in a)) void vscode.window.showInformationMessage(`Imported ${added} new review${added === 1 ? '' : 's'} (${merged.log.length} in all).`);
    return { added, reviews: merged.log.length };
  },
};

/** Internal (tests): the practice status bar text, whether a drill is being timed, and the stored reviews. */
export const practiceStatusCommand: PrepCommand = {
  id: 'prepLoop._practiceStatus',
  run(services, arg) {
    const a = objectArg(arg);
    const t = services.practice.timer;
    return {
      text: t.text,
      running: t.running,
      cardId: t.cardId,
      reviews: services.practice.history().log.length,
      view: services.practice.view.snapshot(),
      history: a.withHistory === true ? services.practice.history() : undefined,
    };
  },
};

/** Internal (tests): replaces the stored history (`undefined` clears it). */
export const setPracticeHistoryCommand: PrepCommand = {
  id: 'prepLoop._setPracticeHistory',
  async run(services, value) {
    await services.context.globalState.update(HISTORY_KEY, value);
    return true;
  },
};

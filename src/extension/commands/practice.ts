/**
 * Practice Today and its companions: a daily queue of bank questions and the candidate's own
 * stories scheduled by FSRS (the core's `practice.ts`), a timed answer in the status bar, a rating
 * that moves the card, and the review history exported to / imported from a workspace file.
 * Every decision is the core's; this module only asks, shows and stores.
 */
import * as vscode from 'vscode';
import { buildCoverage, type Coverage } from '../../core/coverage';
import { getDrill } from '../../core/lexicon';
import {
  drillStrength,
  exportHistory,
  importHistory,
  mergeHistories,
  practiceCards,
  practiceQueue,
  practiceStats,
  previewRatings,
  recordReview,
  RATINGS,
  targetSeconds,
  type PracticeCard,
  type PracticeRating,
} from '../../core/practice';
import { questionById } from '../../core/questions';
import type { Loop, SingleLoop } from '../../core/types';
import { loadHistory, saveHistory } from '../practice/store';
import { PracticeTimer } from '../practice/timer';
import { PracticeView } from '../practice/view';
import type { ScannedDoc } from '../workspaceScan';
import type { PrepCommand, Services } from './types';
import { loopArg, objectArg, pickLoop, stateOf, stringArg } from './util';

/** Where Export / Import Practice History read and write by default, relative to the first workspace folder. */
export const HISTORY_FILE = '.prep-loop/review-history.json';

let timer: PracticeTimer | undefined;
let view: PracticeView | undefined;

/** The Practice Today view's data provider (one per extension host), registered by the extension. */
export function practiceView(context: vscode.ExtensionContext): PracticeView {
  if (!view) {
    view = new PracticeView();
    context.subscriptions.push(view, { dispose: () => (view = undefined) });
  }
  return view;
}
/** The cards of the last Practice Today, so rating can refresh the count without a rescan. */
let lastSession: { cards: PracticeCard[]; strength: ReturnType<typeof drillStrength>; loops: SingleLoop[] } | undefined;

function timerOf(services: Services): PracticeTimer {
  if (!timer) {
    timer = new PracticeTimer();
    services.context.subscriptions.push(timer, { dispose: () => (timer = undefined) });
  }
  return timer;
}

function settings() {
  const c = vscode.workspace.getConfiguration('prepLoop.practice');
  const newPerDay = c.get<number>('newPerDay');
  const targets = c.get<Record<string, number>>('targetSeconds');
  return { newPerDay: typeof newPerDay === 'number' ? newPerDay : 10, targets: targets && typeof targets === 'object' ? targets : {} };
}

const RATING_LABEL: Record<PracticeRating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };
const RATING_DETAIL: Record<PracticeRating, string> = {
  again: 'I could not answer it, or the answer fell apart',
  hard: 'I got there, but slowly or with gaps',
  good: 'A solid answer in about the target time',
  easy: 'Crisp, with the numbers, well inside the time',
};

/** "in 3 days", "tomorrow", "today". */
function inDays(due: Date, now: Date): string {
  const days = Math.round((due.getTime() - now.getTime()) / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

function loopsOf(loop: Loop): SingleLoop[] {
  return loop === 'hybrid' ? ['pm', 'po'] : [loop];
}

/** Refreshes the idle status bar text from a queue. */
function showQueue(services: Services, due: number, fresh: number, streak: number, drilledToday: number): void {
  const total = due + fresh;
  timerOf(services).setIdle(
    total ? `$(mortar-board) ${total} to drill` : undefined,
    `Practice Today: ${due} due, ${fresh} new · streak ${streak} day${streak === 1 ? '' : 's'} · drilled today ${drilledToday}`,
  );
}

/** Opens a story card: its file, at its heading. */
async function openStory(docs: readonly ScannedDoc[], coverage: Coverage, card: PracticeCard): Promise<vscode.Uri | undefined> {
  const story = coverage.stories.find((s) => card.id.startsWith(`story:${s.file.replace(/\\/g, '/')}#`) && s.title === card.title);
  const doc = story && docs.find((d) => d.prep.coverage.file === story.file);
  if (!doc) return undefined;
  const editor = await vscode.window.showTextDocument(doc.uri);
  const text = editor.document.getText();
  const at = text.search(new RegExp(`^#{1,6}[ \\t]+${card.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  if (at >= 0) {
    const pos = editor.document.positionAt(at);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
  }
  return doc.uri;
}

export const practiceToday: PrepCommand = {
  id: 'prepLoop.practiceToday',
  async run(services, arg) {
    const a = objectArg(arg);
    const editor = vscode.window.activeTextEditor;
    const active = editor?.document.languageId === 'markdown' ? (await stateOf(services, editor.document))?.result.doc : undefined;
    const loop = loopArg(a.loop) ?? (active?.isPrepDoc ? active.loop : undefined) ?? (await pickLoop('Practice which loop today?'));
    if (!loop) return undefined;
    const loops = loopsOf(loop);
    const docs = await services.files.prepDocs();
    const coverage = buildCoverage(docs.map((d) => d.prep.coverage));
    const cards = practiceCards(coverage, loops);
    const strength = drillStrength(coverage);
    lastSession = { cards, strength, loops };
    const now = new Date();
    const history = loadHistory(services.context, services.log);
    const { newPerDay, targets } = settings();
    const queue = practiceQueue({ history, cards, now, newPerDay, drillStrength: strength });
    const stats = practiceStats(history, now);
    showQueue(services, queue.due.length, queue.fresh.length, stats.streak, stats.drilledToday);
    practiceView(services.context).update({ due: queue.due, fresh: queue.fresh, streak: stats.streak, drilledToday: stats.drilledToday, ...(queue.nextDue ? { nextDue: queue.nextDue } : {}) });
    const summary = { loop, due: queue.due.map((c) => c.id), fresh: queue.fresh.map((c) => c.id), streak: stats.streak, drilledToday: stats.drilledToday, nextDue: queue.nextDue?.toISOString() };
    if (a.list === true) return summary;

    let card: PracticeCard | undefined;
    if ('pick' in a) {
      const id = stringArg(a.pick);
      card = id ? cards.find((c) => c.id === id) : (queue.due[0] ?? queue.fresh[0]);
    } else card = await choose(queue.due, queue.fresh, stats, queue.nextDue, now);
    if (!card) {
      if (!queue.due.length && !queue.fresh.length && !('pick' in a)) {
        void vscode.window.showInformationMessage(`Nothing due today${queue.nextDue ? `; the next drill is due ${inDays(queue.nextDue, now)}` : ''}. Streak: ${stats.streak} day${stats.streak === 1 ? '' : 's'}.`);
      }
      return { ...summary, card: undefined };
    }

    const question = card.kind === 'question' ? questionById(card.id) : undefined;
    let uri: string | undefined;
    if (question) {
      // A question some story already answers opens that story; otherwise its skeleton goes in.
      const answered = coverage.stories.find((s) => s.answers.includes(question.id));
      if (answered) {
        const storyCard = cards.find((c) => c.kind === 'story' && c.title === answered.title);
        uri = storyCard ? (await openStory(docs, coverage, storyCard))?.toString() : undefined;
      }
      if (!uri) uri = ((await vscode.commands.executeCommand('prepLoop.drillQuestion', { questionId: question.id })) as { uri?: string } | undefined)?.uri;
    } else uri = (await openStory(docs, coverage, card))?.toString();

    const target = targetSeconds(card, question, targets);
    const label = question ? (question.kind === 'drill' ? (getDrill(question.drill)?.label ?? question.drill) : question.kind) : 'your story';
    timerOf(services).start(card.id, label, target);
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
  const streak = `streak ${stats.streak} day${stats.streak === 1 ? '' : 's'} · drilled today ${stats.drilledToday}${nextDue && !due.length ? ` · next review ${inDays(nextDue, now)}` : ''}`;
  const picked = await vscode.window.showQuickPick(items, { title: `Prep Loop: Practice Today (${streak})`, placeHolder: 'Pick a drill: weakly covered drills come first. The timer starts when it opens.', matchOnDescription: true });
  return picked?.card;
}

export const ratePractice: PrepCommand = {
  id: 'prepLoop.ratePractice',
  async run(services, arg) {
    const a = objectArg(arg);
    const t = timerOf(services);
    const cardId = stringArg(a.cardId) ?? t.cardId;
    if (!cardId) {
      void vscode.window.showInformationMessage('Start a drill with Prep Loop: Practice Today first, then rate it here.');
      return undefined;
    }
    const now = new Date();
    const history = loadHistory(services.context, services.log);
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
    await saveHistory(services.context, next);
    const status = previewRatings(history, cardId, now)[rating];
    if (lastSession) {
      const queue = practiceQueue({ history: next, cards: lastSession.cards, now, newPerDay: settings().newPerDay, drillStrength: lastSession.strength });
      const stats = practiceStats(next, now);
      showQueue(services, queue.due.length, queue.fresh.length, stats.streak, stats.drilledToday);
      practiceView(services.context).update({ due: queue.due, fresh: queue.fresh, streak: stats.streak, drilledToday: stats.drilledToday, ...(queue.nextDue ? { nextDue: queue.nextDue } : {}) });
    }
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
    const history = loadHistory(services.context, services.log);
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
    const before = loadHistory(services.context, services.log);
    const merged = mergeHistories(before, read.history);
    await saveHistory(services.context, merged);
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
    const t = timerOf(services);
    return {
      text: t.text,
      running: t.running,
      cardId: t.cardId,
      reviews: loadHistory(services.context).log.length,
      view: practiceView(services.context).snapshot(),
      history: a.withHistory === true ? loadHistory(services.context) : undefined,
    };
  },
};

/** Internal (tests): replaces the stored history (`undefined` clears it). */
export const setPracticeHistoryCommand: PrepCommand = {
  id: 'prepLoop._setPracticeHistory',
  async run(services, value) {
    await services.context.globalState.update('prepLoop.reviewHistory', value);
    return true;
  },
};

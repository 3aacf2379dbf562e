/**
 * The practice state of one extension host: the cards the server last sent (`prepLoop/practiceCards`:
 * the bank's questions and the workspace's stories, with drill strength and where each story
 * sits), the review history in global state, and what shows the queue — the Practice Today view,
 * the timer's idle text and the line in the Prep Loop status bar tooltip.
 *
 * The scheduling runs here, not in the server: it is a pure function of the user's history (VS
 * Code global state, which only the extension host has) and the cards, so a rating moves a card
 * without a round trip and the server stays free of per-user state.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { practiceQueue, practiceStats, type PracticeQueue, type PracticeStats, type ReviewHistory } from '../../core/practice';
import type { SingleLoop } from '../../core/types';
import { Requests, type PracticeCardsResult } from '../../server/protocol';
import type { StatusBar } from '../statusBar';
import { loadHistory, saveHistory } from './store';
import { PracticeTimer } from './timer';
import { PracticeView } from './view';

/** The practice settings (`prepLoop.practice.*`), with their defaults. */
export function practiceSettings(): { newPerDay: number; targets: Record<string, number> } {
  const c = vscode.workspace.getConfiguration('prepLoop.practice');
  const newPerDay = c.get<unknown>('newPerDay');
  const targets = c.get<unknown>('targetSeconds');
  return {
    newPerDay: typeof newPerDay === 'number' && Number.isFinite(newPerDay) && newPerDay >= 0 ? newPerDay : 10,
    targets: targets && typeof targets === 'object' && !Array.isArray(targets) ? (targets as Record<string, number>) : {},
  };
}

/** "1 day", "3 days". */
export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** Today's queue and stats over some cards. */
export interface PracticeSnapshot {
  loops: SingleLoop[];
  cards: PracticeCardsResult;
  queue: PracticeQueue;
  stats: PracticeStats;
  now: Date;
}

/** Holds the practice state; one per extension host. */
export class PracticeSession implements vscode.Disposable {
  readonly timer = new PracticeTimer();
  readonly view = new PracticeView();
  private last?: { loops: SingleLoop[]; cards: PracticeCardsResult };

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: BaseLanguageClient,
    private readonly statusBar: StatusBar,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The stored review history. */
  history(): ReviewHistory {
    return loadHistory(this.context, this.log);
  }

  /** Stores the history and shows the queue it leaves (over the last cards, without a rescan). */
  async save(history: ReviewHistory): Promise<void> {
    await saveHistory(this.context, history);
    if (this.last) this.show(this.schedule(this.last.loops, this.last.cards, history));
  }

  /** Asks the server for the cards of some loops and shows today's queue over them. */
  async load(loops: SingleLoop[]): Promise<PracticeSnapshot> {
    const cards = await this.client.sendRequest<PracticeCardsResult>(Requests.practiceCards, { loops });
    this.last = { loops, cards };
    const snap = this.schedule(loops, cards, this.history());
    this.show(snap);
    return snap;
  }

  /** Counts what is due for a loop (the status bar tooltip), quietly: a failure only logs. */
  refreshInBackground(loop?: string): void {
    const loops: SingleLoop[] = loop === 'pm' || loop === 'po' ? [loop] : ['pm', 'po'];
    this.load(this.last?.loops ?? loops).catch((e: unknown) => this.log.warn(`Practice Today could not count what is due: ${e instanceof Error ? e.message : String(e)}`));
  }

  private schedule(loops: SingleLoop[], cards: PracticeCardsResult, history: ReviewHistory): PracticeSnapshot {
    const now = new Date();
    const queue = practiceQueue({ history, cards: cards.cards, now, newPerDay: practiceSettings().newPerDay, drillStrength: cards.strength });
    return { loops, cards, queue, stats: practiceStats(history, now), now };
  }

  private show({ queue, stats }: PracticeSnapshot): void {
    const due = queue.due.length;
    const fresh = queue.fresh.length;
    const line = `Practice Today: ${due} due, ${fresh} new · streak ${days(stats.streak)} · drilled today ${stats.drilledToday}`;
    this.timer.setIdle(due + fresh ? `$(mortar-board) ${due + fresh} to drill` : undefined, line);
    this.statusBar.setPractice(line);
    this.view.update({ due: queue.due, fresh: queue.fresh, streak: stats.streak, drilledToday: stats.drilledToday, ...(queue.nextDue ? { nextDue: queue.nextDue } : {}) });
  }

  dispose(): void {
    this.timer.dispose();
    this.view.dispose();
  }
}

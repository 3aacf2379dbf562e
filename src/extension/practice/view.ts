/**
 * The "Practice Today" view: today's due reviews and new cards (weakest drills first), with the
 * streak and how many were drilled today on top. Clicking a card starts it (Practice Today with
 * that card). The queue itself comes from the core; this only renders it.
 */
import * as vscode from 'vscode';
import { getDrill } from '../../core/lexicon';
import type { PracticeCard } from '../../core/practice';

/** What the view shows, as Practice Today computed it. */
export interface PracticeViewModel {
  due: PracticeCard[];
  fresh: PracticeCard[];
  streak: number;
  drilledToday: number;
  nextDue?: Date;
}

type Node = { kind: 'stats'; label: string } | { kind: 'group'; label: string; cards: PracticeCard[]; group: 'due' | 'fresh' } | { kind: 'card'; card: PracticeCard; group: 'due' | 'fresh' };

/** Tree data for the Practice Today view. */
export class PracticeView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model?: PracticeViewModel;

  /** Shows a new queue. */
  update(model: PracticeViewModel): void {
    this.model = model;
    this.changed.fire(undefined);
  }

  /** What the view lists now (for tests): the card ids per group, and the stats line. */
  snapshot(): { stats?: string; due: string[]; fresh: string[] } {
    const m = this.model;
    return { ...(m ? { stats: statsLine(m) } : {}), due: m?.due.map((c) => c.id) ?? [], fresh: m?.fresh.map((c) => c.id) ?? [] };
  }

  getChildren(node?: Node): Node[] {
    const m = this.model;
    if (!m) return [];
    if (!node) {
      const out: Node[] = [{ kind: 'stats', label: statsLine(m) }];
      if (m.due.length) out.push({ kind: 'group', label: `Due (${m.due.length})`, cards: m.due, group: 'due' });
      if (m.fresh.length) out.push({ kind: 'group', label: `New today (${m.fresh.length})`, cards: m.fresh, group: 'fresh' });
      return out;
    }
    return node.kind === 'group' ? node.cards.map((card) => ({ kind: 'card', card, group: node.group })) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'stats') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('flame');
      return item;
    }
    if (node.kind === 'group') return new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    const c = node.card;
    const item = new vscode.TreeItem(c.title, vscode.TreeItemCollapsibleState.None);
    item.description = c.kind === 'story' ? 'your story' : (c.drill ? getDrill(c.drill)?.label : undefined);
    item.tooltip = `${c.title}\n\n${node.group === 'due' ? 'Due for review' : 'New today'} · click to drill it (the timer starts)`;
    item.iconPath = new vscode.ThemeIcon(c.kind === 'story' ? 'book' : 'question');
    item.command = { command: 'prepLoop.practiceToday', title: 'Drill this', arguments: [{ pick: c.id, loop: c.loop }] };
    item.contextValue = `prepLoop.practiceCard.${node.group}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function statsLine(m: PracticeViewModel): string {
  return `Streak ${m.streak} day${m.streak === 1 ? '' : 's'} · drilled today ${m.drilledToday}${!m.due.length && m.nextDue ? ` · next review ${m.nextDue.toISOString().slice(0, 10)}` : ''}`;
}

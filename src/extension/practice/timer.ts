/**
 * The answer timer in the status bar: "$(watch) 1:05 / 2:00 · Product sense" while the candidate
 * answers, warning colours once over the target; between drills it shows what is due today.
 */
import * as vscode from 'vscode';

/** "1:05" for 65 seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A running answer timer with its own status bar item. */
export class PracticeTimer implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('prepLoop.practiceTimer', vscode.StatusBarAlignment.Left, 99);
  private started?: number;
  private target = 0;
  private label = '';
  private tick?: ReturnType<typeof setInterval>;
  private idleText?: string;

  constructor(private readonly now: () => number = Date.now) {
    this.item.name = 'Prep Loop Practice';
  }

  /** Whether an answer is being timed. */
  get running(): boolean {
    return this.started !== undefined;
  }

  /** The card being timed, if any. */
  cardId?: string;

  /** Starts timing an answer to `label` against `targetSeconds`. */
  start(cardId: string, label: string, targetSeconds: number): void {
    this.stop();
    this.cardId = cardId;
    this.started = this.now();
    this.target = targetSeconds;
    this.label = label;
    this.item.command = { command: 'prepLoop.ratePractice', title: 'Rate this drill' };
    this.render();
    this.tick = setInterval(() => this.render(), 1000);
    this.item.show();
  }

  /** Stops the timer; returns the seconds the answer took (undefined when nothing was timed). */
  stop(): number | undefined {
    if (this.tick) clearInterval(this.tick);
    this.tick = undefined;
    const started = this.started;
    this.started = undefined;
    this.cardId = undefined;
    this.showIdle();
    return started === undefined ? undefined : (this.now() - started) / 1000;
  }

  /** Seconds since the answer started (0 when idle). */
  elapsed(): number {
    return this.started === undefined ? 0 : (this.now() - this.started) / 1000;
  }

  /** What the item shows between drills ("5 due today"), or nothing. */
  setIdle(text: string | undefined, tooltip?: string): void {
    this.idleText = text;
    this.item.tooltip = tooltip;
    if (!this.running) this.showIdle();
  }

  /** The item's current text (for tests and the status command). */
  get text(): string {
    return this.item.text;
  }

  private showIdle(): void {
    this.item.backgroundColor = undefined;
    if (this.idleText) {
      this.item.text = this.idleText;
      this.item.command = { command: 'prepLoop.practiceToday', title: 'Practice Today' };
      this.item.show();
    } else this.item.hide();
  }

  private render(): void {
    const e = this.elapsed();
    const over = e > this.target;
    this.item.text = `$(watch) ${clock(e)} / ${clock(this.target)} · ${this.label}`;
    this.item.tooltip = over ? `Over the ${clock(this.target)} target: wrap up with the result. Click to rate this drill.` : `Target ${clock(this.target)}. Click to rate this drill when you finish.`;
    this.item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    if (this.tick) clearInterval(this.tick);
    this.item.dispose();
  }
}

/**
 * The Show Coverage panel: one webview, kept live. It asks the server for coverage (the extension
 * never parses a prep doc), renders it (`coverageModel.ts`), and refreshes after edits (the server
 * sends a status after each lint), saves and file changes, and configuration changes. Items post
 * their id; the action behind it runs here: open a story at its heading, pick one of a cell's
 * stories, or for a gap drill a question / add a STAR story skeleton to a doc of the drill's loop.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { Coverage } from '../core/coverage';
import { getDrill, type DrillId } from '../core/lexicon';
import { Requests, type CoverageResult } from '../server/protocol';
import { appendBlock } from '../service/append';
import { coverageHtml, coverageView, rankDocs, starSnippet, type CoverageAction, type CoverageDocRef, type CoverageView } from './coverageModel';
import { makeNonce } from './html';

/** What the page last reported (tests: `prepLoop._coverage`). */
export interface CoverageState {
  open: boolean;
  /** Renders the page acknowledged, and the data version it shows. */
  renders: number;
  version: number;
  shownVersion: number;
  /** Item ids in page order, and the elements Tab stops on. */
  ids: string[];
  tabStops: string[];
  stories: number;
  gaps: { loop: string; missing: string[] }[];
}

const REFRESH_MS = 300;

/** Owns the panel. */
export class CoveragePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: CoverageView | undefined;
  private docs: CoverageDocRef[] = [];
  private last: CoverageResult<Coverage> | undefined;
  private version = 0;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly rendered = new vscode.EventEmitter<CoverageState>();
  /** Fires each time the page acknowledges a render. */
  readonly onDidRender = this.rendered.event;
  private keyWaiters: ((trail: string[]) => void)[] = [];
  private state: CoverageState = { open: false, renders: 0, version: 0, shownVersion: -1, ids: [], tabStops: [], stories: 0, gaps: [] };

  constructor(private readonly client: BaseLanguageClient) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const later = () => this.refreshSoon();
    this.disposables.push(watcher, watcher.onDidCreate(later), watcher.onDidChange(later), watcher.onDidDelete(later), vscode.workspace.onDidSaveTextDocument(later), this.rendered);
  }

  /** Opens (or reveals) the panel and renders the current coverage. */
  async show(): Promise<CoverageResult<Coverage>> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('prepLoop.coverage', 'Prep Loop Coverage', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      this.ready = false;
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
        this.state = { ...this.state, open: false };
      });
      this.panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    } else this.panel.reveal(vscode.ViewColumn.Beside);
    return this.render(true);
  }

  /** A change that may move the counts: re-render soon if the panel is open. */
  refreshSoon(): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(false).catch(() => undefined), REFRESH_MS);
  }

  /** What the page shows (tests). */
  get current(): CoverageState {
    return { ...this.state, open: !!this.panel, version: this.version };
  }

  /**
   * Resolves with the page's state once it shows the latest coverage (every render acknowledged)
   * and `ok` holds; checked now and on each acknowledged render; rejects after `ms`.
   */
  settled(ok: (s: CoverageState) => boolean = () => true, ms = 10_000): Promise<CoverageState> {
    const good = () => this.panel && this.state.shownVersion === this.version && ok(this.current);
    if (good()) return Promise.resolve(this.current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`the coverage page did not settle in ${ms} ms (version ${this.version}, shown ${this.state.shownVersion})`));
      }, ms);
      const sub = this.onDidRender(() => {
        if (!good()) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(this.current);
      });
    });
  }

  /** Runs the action of an item id, as if the page posted it (tests; the page posts the same). */
  act(id: string): Promise<unknown> {
    const action = this.view?.actions.get(id);
    return action ? this.run(action) : Promise.resolve(false);
  }

  /** Sends key presses to the page's focused element from `start`; resolves with the focused id after each. */
  keys(start: string, keys: string[]): Promise<string[]> {
    if (!this.panel) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.keyWaiters.push(resolve);
      void this.panel?.webview.postMessage({ type: 'keys', start, keys });
    });
  }

  private async render(full: boolean): Promise<CoverageResult<Coverage>> {
    const result = await this.client.sendRequest<CoverageResult<Coverage>>(Requests.coverage, {});
    this.last = result;
    this.docs = result.docs;
    this.view = coverageView(result.coverage, result.docs);
    this.version++;
    this.state = { ...this.state, stories: result.coverage.stories.length, gaps: result.gaps };
    const panel = this.panel;
    if (!panel) return result;
    if (full || !this.ready || !panel.visible) {
      this.ready = false;
      panel.webview.html = coverageHtml(this.view, makeNonce(), this.version);
    } else {
      void panel.webview.postMessage({ type: 'update', body: this.view.body, version: this.version });
    }
    return result;
  }

  private onMessage(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as Record<string, unknown>;
    if (msg.type === 'act' && typeof msg.id === 'string') void this.act(msg.id);
    else if (msg.type === 'rendered') {
      this.ready = true;
      const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
      this.state = { ...this.state, renders: this.state.renders + 1, shownVersion: typeof msg.version === 'number' ? msg.version : -1, ids: strings(msg.ids), tabStops: strings(msg.tabStops) };
      this.rendered.fire(this.current);
    } else if (msg.type === 'keys') {
      const trail = Array.isArray(msg.trail) ? msg.trail.map(String) : [];
      for (const w of this.keyWaiters.splice(0)) w(trail);
    }
  }

  private async run(a: CoverageAction): Promise<unknown> {
    switch (a.kind) {
      case 'open':
        return this.open(a.file, a.line);
      case 'stories': {
        if (a.stories.length === 1) return this.open(a.stories[0].file, a.stories[0].line);
        const picked = await vscode.window.showQuickPick(
          a.stories.map((s) => ({ label: s.title, description: `${s.file}:${s.line}`, s })),
          { title: 'Prep Loop coverage', placeHolder: `Stories for ${getDrill(a.drill)?.label ?? a.drill}${a.axis === 'all' ? '' : a.axis === 'none' ? ' with no axis tag' : ` tagged #${a.axis}`}` },
        );
        return picked ? this.open(picked.s.file, picked.s.line) : false;
      }
      case 'gap': {
        const label = getDrill(a.drill)?.label ?? a.drill;
        const picked = await vscode.window.showQuickPick(
          [
            { label: `$(question) Drill a question: ${label}`, detail: 'Answer one interview question of this drill; its skeleton goes into a prep doc of the loop.', run: () => this.run({ kind: 'drill', loop: a.loop, drill: a.drill }) },
            { label: `$(add) Add a STAR story for ${label}`, detail: 'Insert a Situation / Task / Action / Result skeleton, already tagged, at the end of a prep doc of the loop.', run: () => this.run({ kind: 'star', loop: a.loop, drill: a.drill, ...(a.axis ? { axis: a.axis } : {}) }) },
          ],
          { title: 'Prep Loop coverage', placeHolder: `No story yet for ${label}` },
        );
        return picked ? picked.run() : false;
      }
      case 'drill': {
        const doc = await this.pickDoc(a.loop);
        return vscode.commands.executeCommand('prepLoop.drillQuestion', { loop: a.loop, drill: a.drill, ...(doc ? { uri: doc.uri } : {}) });
      }
      case 'star': {
        const doc = await this.pickDoc(a.loop);
        if (!doc) {
          void vscode.window.showInformationMessage(`No ${a.loop.toUpperCase()} prep doc in this workspace yet: create one with "Prep Loop: New Prep Doc…" first.`);
          return false;
        }
        return insertStar(vscode.Uri.parse(doc.uri), a.loop, a.drill, a.axis && a.axis !== 'none' ? a.axis : getDrill(a.drill)?.axis);
      }
    }
  }

  private async open(file: string, line: number): Promise<boolean> {
    const doc = this.docs.find((d) => d.file === file);
    if (!doc) return false;
    const at = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(doc.uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at), preview: false });
    return true;
  }

  /** The doc a new story of a loop goes into: the only one, else the user's pick (best first). */
  private async pickDoc(loop: 'pm' | 'po'): Promise<CoverageDocRef | undefined> {
    const ranked = rankDocs(this.docs, loop);
    if (ranked.length <= 1) return ranked[0];
    const picked = await vscode.window.showQuickPick(
      ranked.map((d) => ({ label: d.file, description: `${d.loop} · ${d.stories} ${d.stories === 1 ? 'story' : 'stories'}`, d })),
      { title: 'Prep Loop coverage', placeHolder: `Which ${loop.toUpperCase()} prep doc gets the new story?` },
    );
    return picked?.d;
  }

  /** The last coverage answer (tests). */
  get result(): CoverageResult<Coverage> | undefined {
    return this.last;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Opens a doc and inserts a STAR skeleton at its end (one undo). */
async function insertStar(uri: vscode.Uri, loop: string, drill: DrillId, axis: string | undefined): Promise<boolean> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
  const text = editor.document.getText();
  const end = editor.document.positionAt(text.length);
  const lead = appendBlock(text, 'x').slice(0, -2);
  return editor.insertSnippet(new vscode.SnippetString(lead.replace(/[$}\\]/g, '\\$&') + starSnippet(loop, drill, axis)), end);
}

/**
 * The "Prep Stories" tree: every story of the workspace's prep docs, grouped by loop, then axis.
 * The server scans (and caches) the files; this view only groups what it answers. Story rows
 * carry their own problem count (the Prep Loop diagnostics inside the story's section, not the
 * file's), an off-loop marker, and actions (Open, Tag…, Retag as…, Move to Its Loop Doc, Drill
 * This Drill). Rebuilt after markdown files change or are edited, and at once when settings or a
 * config file change; the story at the cursor is revealed while the view is visible.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Requests, type Rng, type StoriesResult } from '../server/protocol';

type LoopKey = 'pm' | 'po' | 'hybrid' | 'none';
type AxisKey = 'strategy' | 'metrics' | 'execution' | 'stakeholders' | 'none';

/** A story row (one per axis group it appears in). */
export interface StoryNode {
  kind: 'story';
  title: string;
  tags: string;
  uri: vscode.Uri;
  label: string;
  /** The heading. */
  range: vscode.Range;
  /** The whole section. */
  section: vscode.Range;
  loop?: string;
  loopFrom?: 'tag' | 'doc';
  docLoop?: string;
  offLoop: boolean;
  drills: string[];
  parent: AxisGroup;
}
interface AxisGroup {
  kind: 'axis';
  loop: LoopKey;
  axis: AxisKey;
  stories: StoryNode[];
  parent: LoopGroup;
}
interface LoopGroup {
  kind: 'loop';
  loop: LoopKey;
  axes: AxisGroup[];
  count: number;
}
type Node = LoopGroup | AxisGroup | StoryNode;

/** A story row as tests see it (`prepLoop._stories` with `{ detail: true }`). */
export interface StoryRowSnapshot {
  title: string;
  description: string;
  tooltip: string;
  contextValue: string;
  problems: number;
  icon: string;
}

const LOOP_ORDER: LoopKey[] = ['pm', 'po', 'hybrid', 'none'];
const AXIS_ORDER: AxisKey[] = ['strategy', 'metrics', 'execution', 'stakeholders', 'none'];
const LOOP_NAME: Record<LoopKey, string> = { pm: 'PM loop', po: 'PO loop', hybrid: 'hybrid loop', none: 'No loop tag' };
const SOURCE = 'prep-loop';

const toRange = (r: Rng) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** The Prep Loop diagnostics inside a story's section: the story's own problems. */
export function storyProblems(uri: vscode.Uri, section: vscode.Range): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && section.contains(d.range.start));
}

/** Tree data for the Prep Stories view. */
export class StoriesTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly built = new vscode.EventEmitter<void>();
  /** Fires after each rebuild (tests). */
  readonly onDidBuild = this.built.event;
  private roots: Promise<LoopGroup[]> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private revealTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private view: vscode.TreeView<Node> | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const later = () => this.refreshSoon();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidChange(later),
      watcher.onDidDelete(later),
      vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'markdown' && later()),
      // Problem counts follow the diagnostics without a rescan.
      vscode.languages.onDidChangeDiagnostics(() => this.roots && this.changed.fire(undefined)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.revealSoon(e.textEditor)),
      this.changed,
      this.built,
    );
  }

  /** Creates the view (with reveal support). */
  createView(id: string): vscode.TreeView<Node> {
    this.view = vscode.window.createTreeView(id, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view);
    return this.view;
  }

  /** Rescans on next display. */
  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** Rescans soon (after a burst of edits or file events settles). */
  refreshSoon(ms = 500): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), ms);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'loop') {
      const item = new vscode.TreeItem(LOOP_NAME[node.loop], vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.count} ${node.count === 1 ? 'story' : 'stories'}`;
      item.contextValue = 'prepLoop.loop';
      item.id = `loop:${node.loop}`;
      return item;
    }
    if (node.kind === 'axis') {
      const item = new vscode.TreeItem(node.axis === 'none' ? 'No axis tag' : `#${node.axis}`, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.stories.length}`;
      item.contextValue = 'prepLoop.axis';
      item.id = `axis:${node.loop}:${node.axis}`;
      return item;
    }
    const row = this.row(node);
    const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
    item.id = `story:${node.parent.loop}:${node.parent.axis}:${node.uri.toString()}#${node.range.start.line}`;
    item.description = row.description;
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = node.offLoop ? new vscode.ThemeIcon('arrow-swap', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(row.problems ? 'warning' : 'note');
    item.command = { command: 'prepLoop.story.open', title: 'Open story', arguments: [node] };
    item.contextValue = row.contextValue;
    item.accessibilityInformation = { label: `${node.title}. ${row.description}` };
    return item;
  }

  private row(node: StoryNode): StoryRowSnapshot {
    const problems = storyProblems(node.uri, node.section).length;
    const parts: string[] = [];
    if (node.offLoop) parts.push(`off-loop: #${node.loop} in a ${String(node.docLoop).toUpperCase()} doc`);
    if (problems) parts.push(`${problems} problem${problems === 1 ? '' : 's'}`);
    parts.push(node.label);
    if (node.tags) parts.push(node.tags);
    else if (node.loop) parts.push(`no loop tag (doc: ${node.loop})`);
    const tooltip = [
      `**${node.title}**`,
      '',
      `${node.label}:${node.range.start.line + 1}`,
      node.offLoop ? `\n\nTagged #${node.loop} but it sits in a ${String(node.docLoop).toUpperCase()} doc: move it to a ${String(node.loop).toUpperCase()} doc, or retag it.` : '',
      problems ? `\n\n${problems} Prep Loop problem${problems === 1 ? '' : 's'} in this story.` : '',
    ].join('\n');
    return {
      title: node.title,
      description: parts.join(' · '),
      tooltip,
      contextValue: `prepLoop.story${node.offLoop ? '.offLoop' : ''}${node.drills.length ? '.drills' : ''}`,
      problems,
      icon: node.offLoop ? 'arrow-swap' : problems ? 'warning' : 'note',
    };
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'loop' ? undefined : node.parent;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return (this.roots ??= this.build());
    if (node.kind === 'loop') return node.axes;
    if (node.kind === 'axis') return node.stories;
    return [];
  }

  /** The tree as plain data: loop → axis → story titles (for tests, `prepLoop._stories`); with `detail`, the rows too. */
  async snapshot(detail = false): Promise<{ loop: string; count: number; axes: { axis: string; stories: string[]; rows?: StoryRowSnapshot[] }[] }[]> {
    const roots = await (this.roots ??= this.build());
    return roots.map((r) => ({ loop: r.loop, count: r.count, axes: r.axes.map((a) => ({ axis: a.axis, stories: a.stories.map((s) => s.title), ...(detail ? { rows: a.stories.map((s) => this.row(s)) } : {}) })) }));
  }

  /** The first story row of a title (tests and commands that name a story). */
  async find(title: string): Promise<StoryNode | undefined> {
    const roots = await (this.roots ??= this.build());
    return roots.flatMap((r) => r.axes.flatMap((a) => a.stories)).find((s) => s.title === title);
  }

  /** The story row whose section holds a position of a document. */
  async storyAt(uri: vscode.Uri, pos: vscode.Position): Promise<StoryNode | undefined> {
    const roots = await (this.roots ??= this.build());
    const key = uri.toString();
    return roots.flatMap((r) => r.axes.flatMap((a) => a.stories)).find((s) => s.uri.toString() === key && s.section.contains(pos));
  }

  /** What the view has selected (tests). */
  get selection(): string[] {
    return (this.view?.selection ?? []).map((n) => (n.kind === 'story' ? n.title : n.kind === 'axis' ? `#${n.axis}` : n.loop));
  }

  /** Resolves once the view's selection includes a title (it follows `reveal` a moment later), or after `ms`. */
  selectionIncludes(title: string, ms = 5000): Promise<string[]> {
    if (!this.view || this.selection.includes(title)) return Promise.resolve(this.selection);
    const view = this.view;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        resolve(this.selection);
      };
      const timer = setTimeout(done, ms);
      const sub = view.onDidChangeSelection(() => this.selection.includes(title) && done());
    });
  }

  private revealSoon(editor: vscode.TextEditor): void {
    if (!this.view?.visible || editor.document.languageId !== 'markdown') return;
    if (this.revealTimer) clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => void this.revealAt(editor).catch(() => undefined), 150);
  }

  /** Selects the story at the editor's cursor in the view (without taking focus); answers its title. */
  async revealAt(editor: vscode.TextEditor): Promise<string | undefined> {
    if (!this.view) return undefined;
    const node = await this.storyAt(editor.document.uri, editor.selection.active);
    if (!node) return undefined;
    await this.view.reveal(node, { select: true, focus: false, expand: true });
    return node.title;
  }

  private async build(): Promise<LoopGroup[]> {
    const docs = await this.client.sendRequest<StoriesResult>(Requests.stories, {});
    const loops = new Map<LoopKey, LoopGroup>();
    const groups = new Map<string, AxisGroup>();
    const keys = new Map<LoopKey, Set<string>>();
    for (const d of docs) {
      const uri = vscode.Uri.parse(d.uri);
      for (const s of d.stories) {
        const loop = (s.loop ?? 'none') as LoopKey;
        let lg = loops.get(loop);
        if (!lg) loops.set(loop, (lg = { kind: 'loop', loop, axes: [], count: 0 }));
        const axes = (s.axes.length ? s.axes : ['none']) as AxisKey[];
        for (const axis of axes) {
          const key = `${loop}/${axis}`;
          let g = groups.get(key);
          if (!g) groups.set(key, (g = { kind: 'axis', loop, axis, stories: [], parent: lg }));
          g.stories.push({
            kind: 'story',
            title: s.title,
            tags: s.tags,
            uri,
            label: d.label,
            range: toRange(s.range),
            section: toRange(s.sectionRange),
            ...(s.loop ? { loop: s.loop } : {}),
            ...(s.loopFrom ? { loopFrom: s.loopFrom } : {}),
            ...(d.loop ? { docLoop: d.loop } : {}),
            offLoop: s.offLoop,
            drills: s.drills,
            parent: g,
          });
        }
        let seen = keys.get(loop);
        if (!seen) keys.set(loop, (seen = new Set()));
        seen.add(`${d.uri}#${s.range.start.line}`);
      }
    }
    const roots: LoopGroup[] = [];
    for (const loop of LOOP_ORDER) {
      const lg = loops.get(loop);
      if (!lg) continue;
      lg.axes = AXIS_ORDER.map((a) => groups.get(`${loop}/${a}`)).filter((g): g is AxisGroup => !!g);
      lg.count = keys.get(loop)?.size ?? 0;
      roots.push(lg);
    }
    queueMicrotask(() => this.built.fire());
    return roots;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.revealTimer) clearTimeout(this.revealTimer);
    for (const d of this.disposables) d.dispose();
  }
}

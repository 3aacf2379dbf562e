/**
 * The "Prep Stories" tree: every story of the workspace's prep docs, grouped by loop, then axis.
 * The server scans (and caches) the files; this view only groups what it answers. Rebuilt after
 * markdown files change and at once when settings or a config file change.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Requests, type Rng, type StoriesResult } from '../server/protocol';

type LoopKey = 'pm' | 'po' | 'hybrid' | 'none';
type AxisKey = 'strategy' | 'metrics' | 'execution' | 'stakeholders' | 'none';

interface StoryItem {
  kind: 'story';
  title: string;
  tags: string;
  uri: vscode.Uri;
  label: string;
  range: vscode.Range;
}
interface AxisGroup {
  kind: 'axis';
  loop: LoopKey;
  axis: AxisKey;
  stories: StoryItem[];
}
interface LoopGroup {
  kind: 'loop';
  loop: LoopKey;
  axes: AxisGroup[];
  count: number;
}
type Node = LoopGroup | AxisGroup | StoryItem;

const LOOP_ORDER: LoopKey[] = ['pm', 'po', 'hybrid', 'none'];
const AXIS_ORDER: AxisKey[] = ['strategy', 'metrics', 'execution', 'stakeholders', 'none'];
const LOOP_NAME: Record<LoopKey, string> = { pm: 'PM loop', po: 'PO loop', hybrid: 'hybrid loop', none: 'No loop tag' };

const toRange = (r: Rng) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** Tree data for the Prep Stories view. */
export class StoriesTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<LoopGroup[]> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: BaseLanguageClient) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const later = () => this.refreshSoon();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(later),
      watcher.onDidChange(later),
      watcher.onDidDelete(later),
      vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'markdown' && later()),
      this.changed,
    );
  }

  /** Rescans on next display. */
  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 1000);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'loop') {
      const item = new vscode.TreeItem(LOOP_NAME[node.loop], vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.count}`;
      item.contextValue = 'prepLoop.loop';
      return item;
    }
    if (node.kind === 'axis') {
      const item = new vscode.TreeItem(node.axis === 'none' ? 'No axis tag' : `#${node.axis}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.stories.length}`;
      item.contextValue = 'prepLoop.axis';
      return item;
    }
    const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
    item.description = `${node.label}${node.tags ? ` · ${node.tags}` : ''}`;
    item.tooltip = `${node.title}\n${node.label}:${node.range.start.line + 1}`;
    item.resourceUri = node.uri;
    item.iconPath = new vscode.ThemeIcon('note');
    item.command = { command: 'vscode.open', title: 'Open story', arguments: [node.uri, { selection: new vscode.Range(node.range.start, node.range.start) }] };
    item.contextValue = 'prepLoop.story';
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return (this.roots ??= this.build());
    if (node.kind === 'loop') return node.axes;
    if (node.kind === 'axis') return node.stories;
    return [];
  }

  /** The tree as plain data: loop → axis → story titles (for tests, `prepLoop._stories`). */
  async snapshot(): Promise<{ loop: string; count: number; axes: { axis: string; stories: string[] }[] }[]> {
    const roots = await (this.roots ??= this.build());
    return roots.map((r) => ({ loop: r.loop, count: r.count, axes: r.axes.map((a) => ({ axis: a.axis, stories: a.stories.map((s) => s.title) })) }));
  }

  private async build(): Promise<LoopGroup[]> {
    const docs = await this.client.sendRequest<StoriesResult>(Requests.stories, {});
    const groups = new Map<string, AxisGroup>();
    for (const d of docs) {
      const uri = vscode.Uri.parse(d.uri);
      for (const s of d.stories) {
        const loop = (s.loop ?? 'none') as LoopKey;
        const axes = (s.axes.length ? s.axes : ['none']) as AxisKey[];
        const story: StoryItem = { kind: 'story', title: s.title, tags: s.tags, uri, label: d.label, range: toRange(s.range) };
        for (const axis of axes) {
          const key = `${loop}/${axis}`;
          let g = groups.get(key);
          if (!g) groups.set(key, (g = { kind: 'axis', loop, axis, stories: [] }));
          g.stories.push(story);
        }
      }
    }
    const roots: LoopGroup[] = [];
    for (const loop of LOOP_ORDER) {
      const axes = AXIS_ORDER.map((a) => groups.get(`${loop}/${a}`)).filter((g): g is AxisGroup => !!g);
      if (!axes.length) continue;
      const count = new Set(axes.flatMap((a) => a.stories.map((s) => `${s.uri.toString()}#${s.range.start.line}`))).size;
      roots.push({ kind: 'loop', loop, axes, count });
    }
    return roots;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

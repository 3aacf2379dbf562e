/**
 * The lint context of a document: defaults < settings < the nearest `.prep-loop.json`, with the
 * paths `loopByGlob` patterns are matched against. Cached per document; dropped when settings or
 * a config file change.
 */
import * as vscode from 'vscode';
import { relativeTo, resolveConfig } from '../core/config';
import type { ConfigFiles } from './configFiles';
import type { LintContext } from './lintModel';
import type { Settings } from './settings';
import type { RunMode } from './settingsModel';

/** A lint context plus when to run. */
export interface DocContext extends LintContext {
  run: RunMode;
}

/**
 * Resolves (and caches) lint contexts. Drops the cache when settings or a config file change, and
 * then tells its listeners (re-lint, refresh the stories tree).
 */
export class ContextResolver implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<DocContext>>();
  private generationCounter = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  /** Fires after the cache was dropped because settings or a config file changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly settings: Settings,
    private readonly configs: ConfigFiles,
  ) {
    this.subscriptions = [settings.onDidChange, configs.onDidChange].map((event) =>
      event(() => {
        this.invalidate();
        this.changed.fire();
      }),
    );
  }

  /** Bumped on every invalidation; a lint started under an older generation is stale. */
  get generation(): number {
    return this.generationCounter;
  }

  /** Forgets every cached context. */
  invalidate(): void {
    this.cache.clear();
    this.generationCounter++;
  }

  /** The context of a document. */
  forUri(uri: vscode.Uri): Promise<DocContext> {
    const key = uri.toString();
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.resolve(uri);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async resolve(uri: vscode.Uri): Promise<DocContext> {
    const settings = this.settings.get(uri);
    const file = await this.configs.find(uri);
    const config = resolveConfig(settings.config, file.config);
    if (file.dir) config.baseDir = file.dir;
    const folder = uri.scheme === 'untitled' ? undefined : vscode.workspace.getWorkspaceFolder(uri);
    return {
      run: settings.run,
      config,
      ...(file.dir ? { configRelPath: relativeTo(file.dir, uri.path) } : {}),
      ...(folder ? { settingsGlobs: { loopByGlob: settings.loopByGlob, relPath: relativeTo(folder.uri.path, uri.path) } } : {}),
    };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

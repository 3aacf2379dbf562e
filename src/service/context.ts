/**
 * The lint context of a document: defaults < settings < the nearest `.prep-loop.json|yaml`
 * (found upward from the file, stopping at its workspace folder), plus the paths `loopByGlob`
 * patterns are matched against. Config texts and contexts are cached and dropped together when
 * settings or a config file change; `generation` tells a lint started before that it is stale.
 */
import { CONFIG_FILE_NAMES, dirname, findConfig, parseConfigText, relativeTo, resolveConfig, type ConfigProblem, type FoundConfig } from '../core/config';
import { locateConfigPath } from './configLocate';
import type { ServiceHost } from './host';
import type { LintContext } from './lintModel';
import { unseenProblems, validateSettings, type RunMode, type ValidatedSettings } from './settingsModel';
import { decodePath, folderOf, uriPath, uriScheme, withPath } from './uri';

/** A lint context plus when to run. */
export interface DocContext extends LintContext {
  run: RunMode;
}

/** A problem of a config file, placed on the key it is about (offsets into the file's text). */
export interface PlacedConfigProblem extends ConfigProblem {
  start: number;
  end: number;
}

/** Whether a URI names a Prep Loop config file. */
export function isConfigFile(uri: string): boolean {
  const path = uriPath(uri);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf('/') + 1));
}

/** Resolves and caches contexts; reads config files through the host's file system. */
export class Contexts {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly found = new Map<string, Promise<FoundConfig & { fileUri?: string }>>();
  private readonly contexts = new Map<string, Promise<DocContext>>();
  private readonly settings = new Map<string, Promise<ValidatedSettings>>();
  private readonly warned = new Set<string>();
  private gen = 0;

  constructor(private readonly host: ServiceHost) {}

  /** Bumped on every invalidation; a lint started under an older generation is stale. */
  get generation(): number {
    return this.gen;
  }

  /** Forgets every cached setting, config text and context (a setting or a config file changed). */
  invalidate(): void {
    this.texts.clear();
    this.found.clear();
    this.contexts.clear();
    this.settings.clear();
    this.gen++;
  }

  /** The context of a document. Never rejects. */
  forUri(uri: string): Promise<DocContext> {
    let hit = this.contexts.get(uri);
    if (!hit) {
      hit = this.resolve(uri).catch((e) => {
        this.host.log.error(`could not resolve the configuration of ${uri}: ${String(e)}`);
        return { run: 'onType' as const, config: resolveConfig() };
      });
      this.contexts.set(uri, hit);
    }
    return hit;
  }

  /** The validated settings of a resource (its workspace folder's). */
  settingsFor(uri: string | undefined): Promise<ValidatedSettings> {
    const folder = uri ? folderOf(uri, this.host.folders()) : undefined;
    const key = folder ?? '';
    let hit = this.settings.get(key);
    if (!hit) {
      hit = this.host.settings.get(folder ?? uri).then(
        (values) => {
          const v = validateSettings(values);
          const fresh = unseenProblems(this.warned, v.problems);
          if (fresh.length) {
            for (const p of fresh) this.host.log.warn(`setting ${p.setting}: ${p.message}`);
            this.host.settingsProblems?.(fresh);
          }
          return v;
        },
        (e) => {
          this.host.log.error(`could not read settings: ${String(e)}`);
          return validateSettings({});
        },
      );
      this.settings.set(key, hit);
    }
    return hit;
  }

  private async resolve(uri: string): Promise<DocContext> {
    const settings = await this.settingsFor(uri);
    const file = await this.configFor(uri);
    const config = resolveConfig(settings.config, file.config);
    if (file.dir) config.baseDir = file.dir;
    const folder = uriScheme(uri) === 'untitled' ? undefined : folderOf(uri, this.host.folders());
    const path = uriPath(uri);
    return {
      run: settings.run,
      config,
      ...(file.dir ? { configRelPath: decodePath(relativeTo(file.dir, path)) } : {}),
      ...(folder ? { settingsGlobs: { loopByGlob: settings.loopByGlob, relPath: decodePath(relativeTo(uriPath(folder), path)) } } : {}),
    };
  }

  /** The nearest config file above a document, parsed and validated. */
  configFor(uri: string): Promise<FoundConfig & { fileUri?: string }> {
    if (uriScheme(uri) === 'untitled') return Promise.resolve({ config: {}, problems: [] });
    const dir = withPath(uri, dirname(uriPath(uri)));
    let hit = this.found.get(dir);
    if (!hit) {
      const folder = folderOf(uri, this.host.folders());
      const host = { readFile: (path: string) => this.read(withPath(uri, path)) };
      hit = findConfig(uriPath(uri), host, folder ? uriPath(folder) : undefined).then(
        (r) => (r.file ? { ...r, fileUri: withPath(uri, r.file) } : r),
        (e) => {
          this.host.log.error(`config lookup failed for ${uri}: ${String(e)}`);
          return { config: {}, problems: [] };
        },
      );
      this.found.set(dir, hit);
    }
    return hit;
  }

  /** The problems of one config file, placed on their keys; undefined when it cannot be read. */
  async configProblems(uri: string): Promise<{ text: string; problems: PlacedConfigProblem[] } | undefined> {
    const text = await this.read(uri);
    if (text === undefined) return undefined;
    const problems = parseConfigText(text, decodePath(uriPath(uri))).problems.map((p) => ({ ...p, ...locateConfigPath(text, p.path) }));
    return { text, problems };
  }

  private read(uri: string): Promise<string | undefined> {
    let hit = this.texts.get(uri);
    if (!hit) {
      hit = this.host.fs.readFile(uri).catch(() => undefined);
      this.texts.set(uri, hit);
    }
    return hit;
  }
}

/**
 * What the service is built from: a file system and workspace, a settings source and a logger.
 * The language server passes parts that talk to the client (or to Node's `fs`); tests pass
 * in-memory ones. Everything is keyed by URI strings, never by editor objects.
 */
import type { SettingProblem, SettingValues } from './settingsModel';

/** Size and modification time of a file. */
export interface FileStat {
  size: number;
  mtime: number;
}

/** Reads the workspace. Every method resolves (undefined / empty when something is missing). */
export interface ServiceFs {
  /** The text of a file, undefined when it cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /** A file's size and mtime; undefined for a missing file or a folder. */
  stat(uri: string): Promise<FileStat | undefined>;
  /** Files of the workspace whose name matches `glob` (e.g. `**\/*.{md,markdown}`), sorted by URI. */
  findFiles(glob: string): Promise<string[]>;
}

/** Settings per resource: the `prepLoop.*` values the user set (unset ones absent). */
export interface SettingsSource {
  get(scopeUri: string | undefined): Promise<SettingValues>;
}

/** A logger; the server sends it to the client's output. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Everything the service needs from its environment. */
export interface ServiceHost {
  fs: ServiceFs;
  settings: SettingsSource;
  log: Logger;
  /** The workspace folders' URIs (for config lookup limits, globs and short paths). */
  folders(): readonly string[];
  /** Bad settings the user has not been told about yet (each problem once). */
  settingsProblems?(problems: readonly SettingProblem[]): void;
}

/** A document as the service sees it: a URI, a version and its text. */
export interface ServiceDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId?: string;
  getText(): string;
}

/** The markdown files workspace scans look at. */
export const MARKDOWN_GLOB = '**/*.{md,markdown}';
/** Config files. */
export const CONFIG_GLOB = '**/.prep-loop.{json,yaml,yml}';
/** Folders never scanned. */
export const EXCLUDED_DIRS: readonly string[] = ['node_modules', '.git', 'dist', 'out', '.vscode-test'];

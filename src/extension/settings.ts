/**
 * The one boundary that reads VS Code settings. Values go through the core's `validateConfig`
 * (via `validateSettings`); bad values give the defaults and one warning per new problem (never
 * the same problem twice), never an exception.
 * Results are cached per workspace folder and dropped only when a `prepLoop` setting changes.
 */
import * as vscode from 'vscode';
import { RULES } from '../core/rules/index';
import { settingsWarning, unseenProblems, validateSettings, type SettingValues, type ValidatedSettings } from './settingsModel';

const KEYS = ['run', 'storyHeadingLevel', 'loopByGlob', 'lexicon', 'maxFileSize', 'ruleOptions'] as const;

/** Reads and validates the `prepLoop.*` settings. */
export class Settings implements vscode.Disposable {
  private readonly cache = new Map<string, ValidatedSettings>();
  private readonly warned = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires after any `prepLoop.*` setting changed (the cache is already cleared). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('prepLoop')) return;
      this.cache.clear();
      this.changed.fire();
    });
  }

  /** The validated settings that apply to a resource (its workspace folder's, else the window's). */
  get(resource: vscode.Uri | undefined): ValidatedSettings {
    const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
    const key = folder?.uri.toString() ?? '';
    let hit = this.cache.get(key);
    if (!hit) {
      hit = validateSettings(readValues(folder?.uri));
      this.cache.set(key, hit);
      if (hit.problems.length) this.warnOnce(hit);
    }
    return hit;
  }

  private warnOnce(settings: ValidatedSettings): void {
    const fresh = unseenProblems(this.warned, settings.problems);
    if (!fresh.length) return;
    for (const p of fresh) this.log.warn(`setting ${p.setting}: ${p.message}`);
    void vscode.window.showWarningMessage(settingsWarning(fresh), 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', fresh[0].setting);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The settings the user set (at any level), unset ones left out so the core's defaults apply. */
function readValues(scope: vscode.Uri | undefined): SettingValues {
  const cfg = vscode.workspace.getConfiguration('prepLoop', scope);
  const value = (key: string): unknown => {
    const i = cfg.inspect(key);
    const set = i && (i.globalValue !== undefined || i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined);
    return set ? cfg.get(key) : undefined;
  };
  const out: SettingValues = {};
  for (const key of KEYS) {
    const v = value(key);
    if (v !== undefined) out[key] = v;
  }
  const rules: Record<string, unknown> = {};
  for (const rule of RULES) {
    const v = value(`rules.${rule.id}`);
    if (v !== undefined) rules[rule.id] = v;
  }
  if (Object.keys(rules).length) out.rules = rules;
  return out;
}

/**
 * The `prepLoop.*` settings as the language server asks for them (`workspace/configuration`):
 * only the values the user set at some level, so unset ones keep the core's defaults. The server
 * validates them; bad ones come back once each as one warning with an "Open Settings" button.
 */
import * as vscode from 'vscode';
import type { SettingValues } from '../service/settingsModel';

const KEYS = ['run', 'storyHeadingLevel', 'loopByGlob', 'lexicon', 'maxFileSize', 'ruleOptions'] as const;

/** The settings the user set (at any level) for a resource, unset ones left out. */
export function readSettingValues(scope: vscode.Uri | undefined): SettingValues {
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
  // Rule severities: `prepLoop.rules.<id>`; the ids are whatever keys the user set.
  const rules: Record<string, unknown> = {};
  const all = cfg.get<Record<string, unknown>>('rules') ?? {};
  for (const id of Object.keys(all)) {
    const v = value(`rules.${id}`);
    if (v !== undefined) rules[id] = v;
  }
  if (Object.keys(rules).length) out.rules = rules;
  return out;
}

/** Tells the user about bad settings (the server sends each problem once). */
export function warnAboutSettings(message: string, setting: string | undefined): void {
  if (!message) return;
  void vscode.window.showWarningMessage(message, 'Open Settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
  });
}

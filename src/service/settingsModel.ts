/**
 * VS Code settings as plain values → a validated partial config, through the core's
 * `validateConfig`. Pure: no `vscode` import (settings.ts reads the values and calls this).
 */
import { resolveConfig, validateConfig, type PartialConfig } from '../core/config';
import type { Loop } from '../core/types';

/** When linting runs. */
export type RunMode = 'onType' | 'onSave';

/** The settings the user set explicitly (unset ones are absent), as read from VS Code. */
export interface SettingValues {
  run?: unknown;
  storyHeadingLevel?: unknown;
  loopByGlob?: unknown;
  lexicon?: unknown;
  maxFileSize?: unknown;
  /** Rule id → the value of `prepLoop.rules.<id>`. */
  rules?: Record<string, unknown>;
  ruleOptions?: unknown;
}

/** One bad setting: the setting id the user has to fix, and what is wrong. */
export interface SettingProblem {
  setting: string;
  message: string;
}

/** Settings after validation. Bad values are dropped (the defaults apply) and reported. */
export interface ValidatedSettings {
  run: RunMode;
  /** Everything but `loopByGlob`, which is relative to the workspace folder and kept apart. */
  config: PartialConfig;
  loopByGlob: Record<string, Loop>;
  problems: SettingProblem[];
}

const SOURCE_MAIN = 'settings';
const SOURCE_OPTIONS = 'settings:ruleOptions';

/** Validates settings values. Never throws. */
export function validateSettings(values: SettingValues): ValidatedSettings {
  const problems: SettingProblem[] = [];
  let run: RunMode = 'onType';
  if (values.run !== undefined) {
    if (values.run === 'onType' || values.run === 'onSave') run = values.run;
    else problems.push({ setting: 'prepLoop.run', message: `Expected "onType" or "onSave", found ${JSON.stringify(values.run)}; using "onType".` });
  }

  const raw: Record<string, unknown> = {};
  if (values.rules && Object.keys(values.rules).length) raw.rules = { ...values.rules };
  for (const key of ['storyHeadingLevel', 'loopByGlob', 'lexicon', 'maxFileSize'] as const) {
    if (values[key] !== undefined) raw[key] = values[key];
  }
  const main = validateConfig(raw, SOURCE_MAIN);
  for (const p of main.problems) problems.push({ setting: settingForPath(p.path), message: p.message });

  let options: PartialConfig = {};
  if (values.ruleOptions !== undefined) {
    const checked = validateConfig({ rules: values.ruleOptions }, SOURCE_OPTIONS);
    for (const p of checked.problems) problems.push({ setting: 'prepLoop.ruleOptions', message: p.message.replace(/^Expected an object mapping rule ids.*?, found/, 'Expected an object mapping rule ids to option objects, found') });
    options = checked.config;
  }
  const { loopByGlob = {}, ...rest } = main.config;
  return { run, config: mergePartials(rest, options), loopByGlob, problems };
}

/** The setting id a `validateConfig` problem path belongs to. */
export function settingForPath(path: string): string {
  if (!path) return 'prepLoop';
  const top = path.split('.')[0];
  if (top === 'rules') {
    const id = path.slice('rules.'.length).split('.')[0];
    return id ? `prepLoop.rules.${id}` : 'prepLoop.rules';
  }
  return `prepLoop.${top.replace(/\[\d+\]$/, '')}`;
}

/** Merges two partials the way `resolveConfig` would (later wins), keeping only what was set. */
function mergePartials(a: PartialConfig, b: PartialConfig): PartialConfig {
  const out: PartialConfig = { ...a };
  if (b.rules) {
    const rules = { ...(a.rules ?? {}) };
    for (const [id, s] of Object.entries(b.rules)) {
      const cur = rules[id] ?? {};
      rules[id] = { ...cur, ...(s.severity ? { severity: s.severity } : {}), ...(s.options || cur.options ? { options: { ...(cur.options ?? {}), ...(s.options ?? {}) } } : {}) };
    }
    out.rules = rules;
  }
  return out;
}

/** Message for the one warning about bad settings. */
export function settingsWarning(problems: readonly SettingProblem[]): string {
  const first = problems[0];
  if (!first) return '';
  const more = problems.length > 1 ? ` (${problems.length - 1} more bad Prep Loop setting${problems.length > 2 ? 's' : ''} also ignored.)` : '';
  return `Prep Loop ignored ${first.setting}: ${first.message}${more}`;
}

/**
 * The problems not warned about yet, each remembered in `seen` by setting and message: a second
 * bad setting gives a warning about that one only, and the same problem in two workspace folders
 * (or read again after an unrelated change) gives none.
 */
export function unseenProblems(seen: Set<string>, problems: readonly SettingProblem[]): SettingProblem[] {
  const fresh: SettingProblem[] = [];
  for (const p of problems) {
    const key = `${p.setting}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(p);
  }
  return fresh;
}

/** Sanity helper for tests: the resolved config of settings alone. */
export function resolvedFromSettings(values: SettingValues) {
  return resolveConfig(validateSettings(values).config);
}

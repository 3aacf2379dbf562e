/**
 * The one boundary where configuration is read and validated: `.prep-loop.json` /
 * `.prep-loop.yaml` files, VS Code settings (as plain objects) and CLI flags all pass through
 * `validateConfig`. Bad values produce problems and fall back to defaults; nothing here throws.
 */
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { LexiconExtras } from './lexicon';
import { RULES, ruleById } from './rules/index';
import type { OptionSpec } from './rules/types';
import { nearest } from './text';

export { nearest } from './text';
import { LOOPS, SEVERITIES, type Loop, type Severity } from './types';

/** A rule's effective setting. */
export interface RuleSetting {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

/** Configuration after validation and merging with defaults. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  loopByGlob: Record<string, Loop>;
  lexicon: LexiconExtras;
  storyHeadingLevel: number;
  /** Files larger than this many bytes (of the file on disk) are skipped with a reason. */
  maxFileSize: number;
  /** Directory that `loopByGlob` patterns are relative to ('/'-separated), if known. */
  baseDir?: string;
}

/** A validated, partial configuration from one source. */
export interface PartialConfig {
  rules?: Record<string, Partial<RuleSetting>>;
  loopByGlob?: Record<string, Loop>;
  lexicon?: LexiconExtras;
  storyHeadingLevel?: number;
  maxFileSize?: number;
}

/** One problem in a configuration source: which file, where in it, what was expected. */
export interface ConfigProblem {
  source: string;
  path: string;
  message: string;
  /** Set when the file is not valid JSON/YAML at all (nothing of it was used). */
  syntax?: boolean;
  /** 1-based line and column of a syntax error, when known. */
  line?: number;
  column?: number;
}

/** The result of reading a configuration source. */
export interface ConfigResult {
  config: PartialConfig;
  problems: ConfigProblem[];
}

export const CONFIG_FILE_NAMES = ['.prep-loop.json', '.prep-loop.yaml', '.prep-loop.yml'] as const;
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

const TOP_KEYS = ['$schema', 'rules', 'loopByGlob', 'lexicon', 'storyHeadingLevel', 'maxFileSize'];

/** The defaults: every rule at its default severity and default options. */
export function defaultConfig(): ResolvedConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const rule of RULES) rules[rule.id] = { severity: rule.defaultSeverity, options: defaultOptions(rule.options) };
  return { rules, loopByGlob: {}, lexicon: {}, storyHeadingLevel: 2, maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

function defaultOptions(specs: Record<string, OptionSpec>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(specs)) out[k] = Array.isArray(s.default) ? [...s.default] : s.default;
  return out;
}

/** Parses a config file's text (JSON or YAML by file name) and validates it. */
export function parseConfigText(text: string, fileName: string): ConfigResult {
  const isJson = fileName.toLowerCase().endsWith('.json');
  let raw: unknown;
  try {
    raw = isJson ? JSON.parse(stripBom(text)) : parseYaml(stripBom(text));
  } catch (e) {
    const detail = (e instanceof Error ? e.message.split('\n')[0] : String(e)).replace(/ at line \d+, column \d+:?$/, '').replace(/ in JSON at position \d+.*$/, '');
    const at = syntaxErrorPosition(e, stripBom(text));
    return {
      config: {},
      problems: [{ source: fileName, path: '', message: `Could not read this file as ${isJson ? 'JSON' : 'YAML'} (${detail}); using the default settings.`, syntax: true, ...at }],
    };
  }
  if (raw === null || raw === undefined) return { config: {}, problems: [] };
  return validateConfig(raw, fileName);
}

/** The 1-based line and column of a JSON or YAML syntax error, when the parser says where. */
function syntaxErrorPosition(e: unknown, text: string): { line?: number; column?: number } {
  const linePos = (e as { linePos?: { line: number; col: number }[] }).linePos;
  if (linePos?.[0]) return { line: linePos[0].line, column: linePos[0].col };
  const message = e instanceof Error ? e.message : '';
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(message);
  if (pos) {
    const before = text.slice(0, Number(pos[1]));
    const nl = before.lastIndexOf('\n');
    return { line: before.split('\n').length, column: before.length - nl };
  }
  if (/Unexpected end of JSON input/.test(message)) {
    const lines = text.split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
  }
  return {};
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Validates a raw configuration object. Unknown or bad values become problems and are dropped. */
export function validateConfig(raw: unknown, source: string): ConfigResult {
  const problems: ConfigProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ source, path, message });
  const config: PartialConfig = {};
  if (!isObject(raw)) {
    problem('', `Expected an object like { "rules": { … } }, found ${describe(raw)}.`);
    return { config, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) problem(key, `Unknown setting "${key}". Expected one of: ${TOP_KEYS.filter((k) => k !== '$schema').join(', ')}.`);
  }
  if (raw.rules !== undefined) config.rules = validateRules(raw.rules, problem);
  if (raw.loopByGlob !== undefined) config.loopByGlob = validateLoopByGlob(raw.loopByGlob, problem);
  if (raw.lexicon !== undefined) config.lexicon = validateLexicon(raw.lexicon, problem);
  if (raw.storyHeadingLevel !== undefined) {
    const v = raw.storyHeadingLevel;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 6) config.storyHeadingLevel = v;
    else problem('storyHeadingLevel', `Expected a heading level from 1 to 6, found ${describe(v)}; using 2.`);
  }
  if (raw.maxFileSize !== undefined) {
    const v = raw.maxFileSize;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) config.maxFileSize = Math.floor(v);
    else problem('maxFileSize', `Expected a positive number of bytes, found ${describe(v)}; using ${DEFAULT_MAX_FILE_SIZE}.`);
  }
  return { config, problems };
}

type ProblemFn = (path: string, message: string) => void;

function validateRules(raw: unknown, problem: ProblemFn): Record<string, Partial<RuleSetting>> {
  const out: Record<string, Partial<RuleSetting>> = {};
  if (!isObject(raw)) {
    problem('rules', `Expected an object mapping rule ids to "off", "hint", "info", "warning", "error" or an options object, found ${describe(raw)}.`);
    return out;
  }
  for (const [id, value] of Object.entries(raw)) {
    const rule = ruleById(id);
    const path = `rules.${id}`;
    if (!rule) {
      const near = nearest(id, RULES.map((r) => r.id));
      problem(path, `Unknown rule "${id}".${near ? ` Did you mean "${near}"?` : ''}`);
      continue;
    }
    if (typeof value === 'string' || typeof value === 'boolean') {
      const sev = severityOf(value);
      if (sev) out[id] = { severity: sev };
      else problem(path, `Expected "off", "hint", "info", "warning" or "error", found ${describe(value)}.`);
      continue;
    }
    if (!isObject(value)) {
      problem(path, `Expected a severity or an options object, found ${describe(value)}.`);
      continue;
    }
    const setting: Partial<RuleSetting> = {};
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'severity') {
        const sev = severityOf(v);
        if (sev) setting.severity = sev;
        else problem(`${path}.severity`, `Expected "off", "hint", "info", "warning" or "error", found ${describe(v)}.`);
        continue;
      }
      const spec = (rule.options as Record<string, OptionSpec>)[k];
      if (!spec) {
        const names = Object.keys(rule.options);
        problem(`${path}.${k}`, `Unknown option "${k}" for ${id}. ${names.length ? `Options: severity, ${names.join(', ')}.` : 'This rule only takes "severity".'}`);
        continue;
      }
      const checked = checkOption(spec, v);
      if (checked.ok) options[k] = checked.value;
      else problem(`${path}.${k}`, `${checked.expected}, found ${describe(v)}; using the default (${JSON.stringify(spec.default)}).`);
    }
    if (Object.keys(options).length) setting.options = options;
    out[id] = setting;
  }
  return out;
}

/** Checks one option value against its spec. */
export function checkOption(spec: OptionSpec, v: unknown): { ok: true; value: unknown } | { ok: false; expected: string } {
  switch (spec.type) {
    case 'number': {
      const range =
        spec.minimum !== undefined && spec.maximum !== undefined
          ? ` from ${spec.minimum} to ${spec.maximum}`
          : spec.minimum !== undefined
            ? ` of at least ${spec.minimum}`
            : spec.maximum !== undefined
              ? ` of at most ${spec.maximum}`
              : '';
      const expected = `Expected ${spec.integer ? 'a whole number' : 'a number'}${range}`;
      if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, expected };
      if (spec.integer && !Number.isInteger(v)) return { ok: false, expected };
      if (spec.minimum !== undefined && v < spec.minimum) return { ok: false, expected };
      if (spec.maximum !== undefined && v > spec.maximum) return { ok: false, expected };
      return { ok: true, value: v };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, expected: 'Expected true or false' };
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? { ok: true, value: [...v] } : { ok: false, expected: 'Expected a list of strings' };
  }
}

function validateLoopByGlob(raw: unknown, problem: ProblemFn): Record<string, Loop> {
  const out: Record<string, Loop> = {};
  if (!isObject(raw)) {
    problem('loopByGlob', `Expected an object mapping glob patterns to "pm", "po" or "hybrid", e.g. { "notes/po/**": "po" }, found ${describe(raw)}.`);
    return out;
  }
  for (const [glob, loop] of Object.entries(raw)) {
    const v = typeof loop === 'string' ? loop.trim().toLowerCase() : loop;
    if (typeof v === 'string' && (LOOPS as readonly string[]).includes(v)) out[glob] = v as Loop;
    else problem(`loopByGlob.${glob}`, `Expected "pm", "po" or "hybrid", found ${describe(loop)}.`);
  }
  return out;
}

function validateLexicon(raw: unknown, problem: ProblemFn): LexiconExtras {
  const out: LexiconExtras = {};
  if (!isObject(raw)) {
    problem('lexicon', `Expected an object like { "pm": ["north star"], "po": ["PI planning"] }, found ${describe(raw)}.`);
    return out;
  }
  for (const [loop, list] of Object.entries(raw)) {
    if (loop !== 'pm' && loop !== 'po') {
      problem(`lexicon.${loop}`, `Unknown loop "${loop}". Expected "pm" or "po".`);
      continue;
    }
    if (!Array.isArray(list)) {
      problem(`lexicon.${loop}`, `Expected a list of terms, found ${describe(list)}.`);
      continue;
    }
    const terms: { term: string; weight?: number }[] = [];
    list.forEach((item, i) => {
      if (typeof item === 'string' && item.trim()) terms.push({ term: item.trim() });
      else if (isObject(item) && typeof item.term === 'string' && item.term.trim() && (item.weight === undefined || (typeof item.weight === 'number' && item.weight > 0 && item.weight <= 10))) {
        terms.push(item.weight === undefined ? { term: item.term.trim() } : { term: item.term.trim(), weight: item.weight });
      } else problem(`lexicon.${loop}[${i}]`, `Expected a term (text) or { "term": text, "weight": 0–10 }, found ${describe(item)}.`);
    });
    out[loop] = terms;
  }
  return out;
}

function severityOf(v: unknown): Severity | 'off' | undefined {
  if (v === false) return 'off';
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'off' || (SEVERITIES as readonly string[]).includes(s)) return s as Severity | 'off';
  if (s === 'warn') return 'warning';
  if (s === 'information') return 'info';
  return undefined;
}

/** Merges partial configs over the defaults; later sources win. */
export function resolveConfig(...partials: (PartialConfig | undefined)[]): ResolvedConfig {
  const out = defaultConfig();
  for (const p of partials) {
    if (!p) continue;
    for (const [id, s] of Object.entries(p.rules ?? {})) {
      const cur = out.rules[id];
      if (!cur) continue;
      out.rules[id] = { severity: s.severity ?? cur.severity, options: { ...cur.options, ...(s.options ?? {}) } };
    }
    if (p.loopByGlob) out.loopByGlob = { ...out.loopByGlob, ...p.loopByGlob };
    for (const loop of ['pm', 'po'] as const) {
      const extra = p.lexicon?.[loop];
      if (extra?.length) out.lexicon = { ...out.lexicon, [loop]: [...(out.lexicon[loop] ?? []), ...extra] };
    }
    if (p.storyHeadingLevel !== undefined) out.storyHeadingLevel = p.storyHeadingLevel;
    if (p.maxFileSize !== undefined) out.maxFileSize = p.maxFileSize;
  }
  return out;
}

/** The loop that `loopByGlob` gives a path relative to the config's directory, if any. */
export function loopForPath(relativePath: string, loopByGlob: Record<string, Loop>): { loop: Loop; glob: string } | undefined {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  for (const [glob, loop] of Object.entries(loopByGlob)) {
    if (globMatcher(glob)(path)) return { loop, glob };
  }
  return undefined;
}

/** Compiled `loopByGlob` patterns: a run asks the same few globs about every file. */
const matchers = new Map<string, (path: string) => boolean>();

/** The matcher of one glob (compiled once); a malformed glob matches nothing. */
function globMatcher(glob: string): (path: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    try {
      const compiled = picomatch(glob, { dot: true });
      m = (path) => {
        try {
          return compiled(path);
        } catch {
          return false;
        }
      };
    } catch {
      m = () => false;
    }
    if (matchers.size > 500) matchers.clear();
    matchers.set(glob, m);
  }
  return m;
}

/** Reads files for config discovery. Returns undefined when a file does not exist. */
export interface ConfigHost {
  readFile(path: string): Promise<string | undefined>;
}

/** The nearest config file above a file, parsed and validated. */
export interface FoundConfig extends ConfigResult {
  file?: string;
  dir?: string;
}

/**
 * Finds the nearest `.prep-loop.json` / `.prep-loop.yaml` in the file's directory or above,
 * stopping at `stopAt` (inclusive) when given. Paths are '/'-separated.
 */
export async function findConfig(filePath: string, host: ConfigHost, stopAt?: string): Promise<FoundConfig> {
  let dir = dirname(filePath);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      let text: string | undefined;
      try {
        text = await host.readFile(path);
      } catch {
        text = undefined;
      }
      if (text !== undefined) return { ...parseConfigText(text, path), file: path, dir };
    }
    const parent = dirname(dir);
    if (parent === dir || (stopAt !== undefined && normalize(dir) === normalize(stopAt))) return { config: {}, problems: [] };
    dir = parent;
  }
}

function normalize(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

/** The directory part of a '/'-separated path. */
export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return n.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** `path` relative to `dir` when inside it, else the path unchanged. Both '/'-separated. */
export function relativeTo(dir: string, path: string): string {
  const d = normalize(dir);
  return path.startsWith(d + '/') ? path.slice(d.length + 1) : path;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

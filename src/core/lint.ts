/**
 * Runs the rules over a parsed prep doc, applies inline directives and returns findings.
 */
import { defaultConfig, loopForPath, relativeTo, type ResolvedConfig } from './config';
import { buildLexicon, type Lexicon, type LexiconExtras } from './lexicon';
import { kindAt, parsePrepDoc, type Directive, type PrepDoc } from './parse';
import { RULES } from './rules/index';
import type { Report } from './rules/types';
import { formatSize, utf8Length } from './encoding';
import { findSimplifications, simplificationMessage, type Simplification } from './guard';
import { splitSections } from './split';
import type { Finding, Loop, Range, Severity } from './types';

/** Options of `lintText`. */
export interface LintOptions {
  config?: ResolvedConfig;
  /** The file's '/'-separated path; with `config.baseDir` it decides `loopByGlob`. */
  filePath?: string;
  /** The file's size in bytes, for the size limit (default: the text's size as UTF-8). */
  bytes?: number;
}

/** What linting one text produced. */
export interface LintResult {
  doc?: PrepDoc;
  findings: Finding[];
  /** Why the text was not linted at all (binary, too large), for the user to see. */
  skipped?: string;
  /** What was simplified to keep checking fast (deep nesting, huge sections), for the user to see. */
  notes?: LintNote[];
  /** True when the parser itself failed (a bug): `skipped` says so, and the user should always see it. */
  failed?: boolean;
}

/** A note about the file rather than a finding of a rule: where, and what the user should know. */
export interface LintNote {
  range: Range;
  message: string;
}

const lexiconCache = new Map<string, Lexicon>();

/** The lexicon for a config's extra terms, built once per distinct set. */
export function lexiconFor(extras: LexiconExtras): Lexicon {
  const key = JSON.stringify(extras);
  let lex = lexiconCache.get(key);
  if (!lex) {
    if (lexiconCache.size > 20) lexiconCache.clear();
    lex = buildLexicon(extras);
    lexiconCache.set(key, lex);
  }
  return lex;
}

/**
 * Why a text should not be linted, if it should not. `maxFileSize` and `bytes` are sizes of the
 * file in bytes; `bytes` defaults to the text's size as UTF-8.
 */
export function skipReason(text: string, maxFileSize: number, bytes?: number): string | undefined {
  const size = bytes ?? (text.length > maxFileSize / 4 ? utf8Length(text) : text.length);
  if (size > maxFileSize) return sizeSkipReason(size, maxFileSize);
  const probe = text.length > 8192 ? text.slice(0, 8192) : text;
  if (probe.includes('\u0000')) return 'Skipped: this looks like a binary file, not markdown notes.';
  return undefined;
}

/** The one message for a file above the size limit, sizes in KB/MB of the file. */
export function sizeSkipReason(bytes: number, maxFileSize: number, subject = 'the file'): string {
  return `Skipped: ${subject} is ${formatSize(bytes)}, above the ${formatSize(maxFileSize)} limit (setting maxFileSize).`;
}

/** Options of {@link analyzeText}: the one composition of "lint this text" every caller shares. */
export interface AnalyzeOptions {
  config: ResolvedConfig;
  /** The loop `loopByGlob` gives the file, already matched by the caller (the CLI and the editor anchor globs differently). */
  globLoop?: { loop: Loop; glob: string };
  /** The file's size in bytes, for the size limit (default: the text's size as UTF-8). */
  bytes?: number;
  /** Run the rules (default true); false parses only, for callers that need the doc's structure. */
  rules?: boolean;
  /** Report the parse guard's simplifications as `notes` (default true). */
  notes?: boolean;
}

/**
 * Parses one markdown text and (unless `rules: false`) runs the rules: size and binary checks,
 * the parse, the simplification notes, the findings. Never throws: a parser failure becomes a
 * `skipped` reason with `failed: true`. `lintText`, the CLI and the editor service all go through here.
 */
export function analyzeText(text: string, options: AnalyzeOptions): LintResult {
  const { config, globLoop } = options;
  const skipped = skipReason(text, config.maxFileSize, options.bytes);
  if (skipped) return { findings: [], skipped };
  try {
    const doc = parsePrepDoc(text, { storyLevel: config.storyHeadingLevel, ...(globLoop ? { globLoop } : {}) });
    const notes = options.notes !== false && doc.isPrepDoc ? simplificationNotes(doc) : [];
    return { doc, findings: options.rules === false ? [] : lintDoc(doc, config), ...(notes.length ? { notes } : {}) };
  } catch (e) {
    // The parser is built not to throw; if it ever does, the file gets a reason, not the run a crash.
    return { findings: [], skipped: `Skipped: Prep Loop could not read this file (${e instanceof Error ? e.message : String(e)}). Please report it.`, failed: true };
  }
}

/** The loop `loopByGlob` gives a file ('/'-separated path), its patterns relative to `config.baseDir`. */
export function globLoopForFile(filePath: string | undefined, config: ResolvedConfig): { loop: Loop; glob: string } | undefined {
  const rel = filePath ? (config.baseDir ? relativeTo(config.baseDir, filePath) : filePath) : undefined;
  return rel ? loopForPath(rel, config.loopByGlob) : undefined;
}

/** Parses and lints one markdown text, `loopByGlob` anchored at `config.baseDir`. Never throws. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const config = options.config ?? defaultConfig();
  const globLoop = globLoopForFile(options.filePath, config);
  return analyzeText(text, { config, ...(globLoop ? { globLoop } : {}), ...(options.bytes !== undefined ? { bytes: options.bytes } : {}) });
}

/** One note per kind of simplification the parse guard made, at its first place. */
function simplificationNotes(doc: PrepDoc): LintNote[] {
  const first = new Map<string, { offset: number; count: number; size?: number }>();
  for (const chunk of splitSections(doc.text, doc.storyLevel)) {
    if (chunk.kind === 'front') continue;
    const source = doc.text.slice(chunk.start, chunk.end);
    for (const s of findSimplifications(source)) {
      const seen = first.get(s.reason);
      if (seen) seen.count++;
      else first.set(s.reason, { offset: chunk.start + s.offset, count: 1, ...(s.reason === 'size' ? { size: utf8Length(source) } : {}) });
    }
  }
  return [...first].map(([reason, at]) => {
    const line = doc.lines.position(at.offset).line;
    const more = at.count > 1 ? ` (${at.count - 1} more place${at.count === 2 ? '' : 's'} like it)` : '';
    return { range: doc.lines.range(doc.lines.lineStart(line), doc.lines.lineEnd(line)), message: simplificationMessage(reason as Simplification['reason'], at.size) + more };
  });
}

/** Lints a parsed doc. Files that are not prep docs produce nothing. */
export function lintDoc(doc: PrepDoc, config: ResolvedConfig = defaultConfig()): Finding[] {
  if (!doc.isPrepDoc) return [];
  const lexicon = lexiconFor(config.lexicon);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (!setting || setting.severity === 'off') continue;
    const severity: Severity = setting.severity;
    const report = (r: Report) => {
      if (rule.sections) {
        const kind = kindAt(doc, r.range.start.offset);
        if (kind && !rule.sections.includes(kind)) return;
      }
      findings.push({
        ruleId: rule.id,
        severity: r.severity && severity === rule.defaultSeverity ? r.severity : severity,
        range: r.range,
        message: r.message,
        ...(r.fixes?.length ? { fixes: r.fixes } : {}),
        ...(r.related?.length ? { related: r.related } : {}),
      });
    };
    try {
      rule.check({ doc, options: setting.options, lexicon, report });
    } catch (e) {
      // A rule bug must never take the other rules (or the editor) down with it.
      findings.push({
        ruleId: rule.id,
        severity: 'info',
        range: doc.lines.range(0, 0),
        message: `Prep Loop's ${rule.id} check failed on this file and was skipped (${e instanceof Error ? e.message : String(e)}). Please report it.`,
      });
    }
  }
  const kept = applyDirectives(doc, findings);
  kept.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
  return kept;
}

function applyDirectives(doc: PrepDoc, findings: Finding[]): Finding[] {
  if (!doc.directives.length) return findings;
  const directives = [...doc.directives].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const fmEnd = doc.frontMatter ? doc.frontMatter.range.end.offset : -1;
  const firstSection = doc.sections.find((s) => s.kind !== 'preamble');
  const preambleEnd = firstSection ? firstSection.range.start.offset : doc.text.length;
  const applies = (d: Directive, ruleId: string) => d.rules.length === 0 || d.rules.includes(ruleId);
  return findings.filter((f) => {
    const line = f.range.start.line;
    // Findings in the front matter are governed by directives before the first heading.
    const at = f.range.start.offset < fmEnd ? preambleEnd : f.range.start.offset;
    let disabled = false;
    for (const d of directives) {
      if (!applies(d, f.ruleId)) continue;
      if (d.kind === 'disable-next-line' && d.range.end.line + 1 === line) return false;
      if (d.kind === 'disable-line' && d.range.start.line === line) return false;
      if (d.range.start.offset > at) continue;
      if (d.kind === 'disable') disabled = true;
      else if (d.kind === 'enable') disabled = false;
    }
    return !disabled;
  });
}

/**
 * Runs the rules over a parsed prep doc, applies inline directives and returns findings.
 */
import { defaultConfig, loopForPath, relativeTo, type ResolvedConfig } from './config';
import { buildLexicon, type Lexicon, type LexiconExtras } from './lexicon';
import { kindAt, parsePrepDoc, type Directive, type PrepDoc } from './parse';
import { RULES } from './rules/index';
import type { Report } from './rules/types';
import type { Finding, Severity } from './types';

/** Options of `lintText`. */
export interface LintOptions {
  config?: ResolvedConfig;
  /** The file's '/'-separated path; with `config.baseDir` it decides `loopByGlob`. */
  filePath?: string;
}

/** What linting one text produced. */
export interface LintResult {
  doc?: PrepDoc;
  findings: Finding[];
  /** Why the text was not linted at all (binary, too large), for the user to see. */
  skipped?: string;
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

/** Why a text should not be linted, if it should not. */
export function skipReason(text: string, maxFileSize: number): string | undefined {
  if (text.length > maxFileSize) {
    return `Skipped: the file is ${formatSize(text.length)}, above the ${formatSize(maxFileSize)} limit (setting maxFileSize).`;
  }
  const probe = text.length > 8192 ? text.slice(0, 8192) : text;
  if (probe.includes('\u0000')) return 'Skipped: this looks like a binary file, not markdown notes.';
  return undefined;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Parses and lints one markdown text. Never throws. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const config = options.config ?? defaultConfig();
  const skipped = skipReason(text, config.maxFileSize);
  if (skipped) return { findings: [], skipped };
  const rel = options.filePath ? (config.baseDir ? relativeTo(config.baseDir, options.filePath) : options.filePath) : undefined;
  const globLoop = rel ? loopForPath(rel, config.loopByGlob) : undefined;
  const doc = parsePrepDoc(text, { storyLevel: config.storyHeadingLevel, ...(globLoop ? { globLoop } : {}) });
  return { doc, findings: lintDoc(doc, config) };
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

/**
 * Runs the rules over a parsed prep doc, applies inline directives and returns findings.
 */
import { defaultConfig, loopForPath, relativeTo, type ResolvedConfig } from './config';
import { validElsewhere, type Elsewhere } from './elsewhere';
import { buildLexicon, type Lexicon, type LexiconExtras } from './lexicon';
import { kindAt, parsePrepDoc, type Directive, type PrepDoc, type SimplifiedPlace } from './parse';
import { RULES } from './rules/index';
import type { AnyRule, Report } from './rules/types';
import { formatSize, utf8Length } from './encoding';
import { simplificationMessage, type Simplification } from './guard';
import type { Finding, Loop, Range, Severity } from './types';
import { partitionPoint } from './text';

/** Options of `lintText`. */
export interface LintOptions {
  config?: ResolvedConfig;
  /** The file's '/'-separated path; with `config.baseDir` it decides `loopByGlob`. */
  filePath?: string;
  /** The file's size in bytes, for the size limit (default: the text's size as UTF-8). */
  bytes?: number;
  /** What the other prep docs of the file's folder hold (see `elsewhere.ts`); absent: the file alone. */
  elsewhere?: Elsewhere;
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
  /**
   * What the other prep docs of the file's folder hold (see `elsewhere.ts`), from a host that
   * knows the folder; checked here (`validElsewhere`), so malformed input counts as none.
   */
  elsewhere?: unknown;
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
    return { doc, findings: options.rules === false ? [] : lintDoc(doc, config, validElsewhere(options.elsewhere)), ...(notes.length ? { notes } : {}) };
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

/** {@link globLoopForFile} with the config first (the incremental linter's order). */
export function globLoopOf(config: ResolvedConfig, filePath: string | undefined): { loop: Loop; glob: string } | undefined {
  return globLoopForFile(filePath, config);
}

/** `lintText` with the file's `loopByGlob` loop already resolved: the same composition, {@link analyzeText}. */
export function lintTextWith(text: string, config: ResolvedConfig, globLoop: { loop: Loop; glob: string } | undefined, bytes?: number, elsewhere?: Elsewhere): LintResult {
  return analyzeText(text, { config, ...(globLoop ? { globLoop } : {}), ...(bytes !== undefined ? { bytes } : {}), ...(elsewhere ? { elsewhere } : {}) });
}

/** Parses and lints one markdown text, `loopByGlob` anchored at `config.baseDir`. Never throws. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const config = options.config ?? defaultConfig();
  const globLoop = globLoopForFile(options.filePath, config);
  return analyzeText(text, { config, ...(globLoop ? { globLoop } : {}), ...(options.bytes !== undefined ? { bytes: options.bytes } : {}), ...(options.elsewhere ? { elsewhere: options.elsewhere } : {}) });
}

/** One note per kind of simplification the parse guard made, at its first place. */
function simplificationNotes(doc: PrepDoc): LintNote[] {
  return doc.simplified.length ? notesForSimplified(doc.simplified) : [];
}

/**
 * The notes for a doc's simplified places (in order): one per kind at its first place, its
 * message saying how many more places are like it. Shared with the incremental linter.
 */
export function notesForSimplified(places: readonly SimplifiedPlace[]): LintNote[] {
  const first = new Map<Simplification['reason'], { place: SimplifiedPlace; count: number }>();
  for (const p of places) {
    const seen = first.get(p.reason);
    if (seen) seen.count++;
    else first.set(p.reason, { place: p, count: 1 });
  }
  return [...first].map(([reason, { place, count }]) => {
    const more = count > 1 ? ` (${count - 1} more place${count === 2 ? '' : 's'} like it)` : '';
    return { range: place.range, message: simplificationMessage(reason, place.sectionBytes) + more };
  });
}

/** Lints a parsed doc (`elsewhere`: already validated). Files that are not prep docs produce nothing. */
export function lintDoc(doc: PrepDoc, config: ResolvedConfig = defaultConfig(), elsewhere?: Elsewhere): Finding[] {
  if (!doc.isPrepDoc) return [];
  return sortFindings(applyDirectives(doc, runRules(doc, config, 'all', undefined, elsewhere)));
}

/**
 * Which rules `runRules` runs: `all` (a whole doc); `sections` (a run of sections: every rule
 * whose findings are local to sections, and the summaries of the doc-level ones into
 * `summaries`); `front-matter` (the rules that read only the front matter).
 */
export type RulePart = 'all' | 'sections' | 'front-matter';

/** A summary rule's part, or the error its summarize threw (reported by `combineRules`). */
export type RuleSummary = { value: unknown } | { error: unknown };

/**
 * Runs the rules of one part over a parsed doc, in registry order, without inline directives
 * and unsorted. The building block of `lintDoc` and of the incremental linter.
 */
export function runRules(doc: PrepDoc, config: ResolvedConfig, part: RulePart, summaries?: Map<string, RuleSummary>, elsewhere?: Elsewhere): Finding[] {
  const lexicon = lexiconFor(config.lexicon);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (!setting || setting.severity === 'off') continue;
    const ctx = { doc, options: setting.options, lexicon, ...(elsewhere ? { elsewhere } : {}), report: reporter(doc, rule, setting.severity, findings) };
    if (part === 'sections' && rule.scope === 'front-matter') continue;
    if (part === 'front-matter' && rule.scope !== 'front-matter') continue;
    if (part === 'sections' && rule.summaries) {
      try {
        rule.summaries.local?.(ctx);
      } catch (e) {
        findings.push(ruleFailure(doc, rule.id, e));
      }
      try {
        summaries?.set(rule.id, { value: rule.summaries.summarize(ctx, { sections: doc.sections, stories: doc.stories }) });
      } catch (e) {
        summaries?.set(rule.id, { error: e });
      }
      continue;
    }
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push(ruleFailure(doc, rule.id, e));
    }
  }
  return findings;
}

/**
 * Reports the doc-level (summary) rules from the summaries of every part, in document order.
 * `doc` only needs the doc's front matter and first line (the incremental linter passes a
 * parse of just those).
 */
export function combineRules(doc: PrepDoc, config: ResolvedConfig, parts: readonly Map<string, RuleSummary>[], elsewhere?: Elsewhere): Finding[] {
  const lexicon = lexiconFor(config.lexicon);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (!setting || setting.severity === 'off' || !rule.summaries) continue;
    const values: unknown[] = [];
    let failed: unknown;
    for (const p of parts) {
      const s = p.get(rule.id);
      if (!s) continue;
      if ('error' in s) {
        failed = s.error;
        break;
      }
      values.push(s.value);
    }
    try {
      if (failed !== undefined) throw failed;
      rule.summaries.combine({ doc, options: setting.options, lexicon, ...(elsewhere ? { elsewhere } : {}), report: reporter(doc, rule, setting.severity, findings, false) }, values);
    } catch (e) {
      findings.push(ruleFailure(doc, rule.id, e));
    }
  }
  return findings;
}

/**
 * A part's summaries with the ranges they hold passed through `to` (see `DocSummaries.move`): the
 * same map when no rule's summary holds ranges, so an unchanged part that moved keeps its buckets.
 */
export function moveSummaries(summaries: Map<string, RuleSummary>, to: (range: Range) => Range): Map<string, RuleSummary> {
  let out: Map<string, RuleSummary> | undefined;
  for (const rule of RULES) {
    const s = summaries.get(rule.id);
    if (!s || !rule.summaries?.move || 'error' in s) continue;
    let moved: RuleSummary;
    try {
      const value = rule.summaries.move(s.value, to);
      // A summary with no range in it comes back as it was: no new map, no re-merged bucket.
      if (value === s.value) continue;
      moved = { value };
    } catch (e) {
      moved = { error: e };
    }
    out ??= new Map(summaries);
    out.set(rule.id, moved);
  }
  return out ?? summaries;
}

/** The summaries of two adjacent parts as one (see `DocSummaries.merge`); the first error wins. */
export function mergeSummaries(a: Map<string, RuleSummary>, b: Map<string, RuleSummary>): Map<string, RuleSummary> {
  const out = new Map<string, RuleSummary>();
  for (const rule of RULES) {
    const x = a.get(rule.id);
    const y = b.get(rule.id);
    if (!rule.summaries || !x || !y) {
      const one = x ?? y;
      if (one) out.set(rule.id, one);
      continue;
    }
    if ('error' in x) out.set(rule.id, x);
    else if ('error' in y) out.set(rule.id, y);
    else {
      try {
        out.set(rule.id, { value: rule.summaries.merge(x.value, y.value) });
      } catch (e) {
        out.set(rule.id, { error: e });
      }
    }
  }
  return out;
}

/**
 * Reports into `findings`, dropping a finding outside the rule's sections (`Rule.sections`) unless
 * `bySection` is false: a summary rule's combine step, whose `doc` may hold only the front matter,
 * reports what its summaries kept, and they keep only what lies in the rule's sections.
 */
function reporter(doc: PrepDoc, rule: AnyRule, severity: Severity, findings: Finding[], bySection = true): (r: Report) => void {
  return (r: Report) => {
    if (rule.sections && bySection) {
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
}

/** A rule bug must never take the other rules (or the editor) down with it. */
function ruleFailure(doc: PrepDoc, ruleId: string, e: unknown): Finding {
  return {
    ruleId,
    severity: 'info',
    range: doc.lines.range(0, 0),
    message: `Prep Loop's ${ruleId} check failed on this file and was skipped (${e instanceof Error ? e.message : String(e)}). Please report it.`,
  };
}

/** Findings in document order (then by rule id); stable, so equal keys keep report order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
}

function applyDirectives(doc: PrepDoc, findings: Finding[]): Finding[] {
  if (!doc.directives.length) return findings;
  const firstSection = doc.sections.find((s) => s.kind !== 'preamble');
  return filterByDirectives(findings, doc.directives, doc.frontMatter ? doc.frontMatter.range.end.offset : -1, firstSection ? firstSection.range.start.offset : doc.text.length);
}

/**
 * Drops the findings that inline directives turn off. `fmEnd` is the end of the front matter
 * (-1 without one), `preambleEnd` the start of the first heading section (the text's length
 * without one): findings in the front matter obey the directives before the first heading.
 */
export function filterByDirectives(findings: Finding[], all: readonly Directive[], fmEnd: number, preambleEnd: number): Finding[] {
  if (!all.length) return findings;
  const directives = [...all].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const applies = (d: Directive, ruleId: string) => d.rules.length === 0 || d.rules.includes(ruleId);
  // Indexed, so a doc with many directives and findings stays linear: line directives by the line
  // they turn off, and per rule the disable/enable directives in order with their offsets.
  const byLine = new Map<number, Directive[]>();
  const onLine = (line: number, d: Directive) => {
    const list = byLine.get(line);
    if (list) list.push(d);
    else byLine.set(line, [d]);
  };
  const ranged: Directive[] = [];
  for (const d of directives) {
    if (d.kind === 'disable-next-line') onLine(d.range.end.line + 1, d);
    else if (d.kind === 'disable-line') onLine(d.range.start.line, d);
    else ranged.push(d);
  }
  const perRule = new Map<string, { starts: number[]; disable: boolean[] }>();
  const forRule = (ruleId: string) => {
    let r = perRule.get(ruleId);
    if (!r) {
      const mine = ranged.filter((d) => applies(d, ruleId));
      r = { starts: mine.map((d) => d.range.start.offset), disable: mine.map((d) => d.kind === 'disable') };
      perRule.set(ruleId, r);
    }
    return r;
  };
  return findings.filter((f) => {
    const line = f.range.start.line;
    if (byLine.get(line)?.some((d) => applies(d, f.ruleId))) return false;
    // Findings in the front matter are governed by directives before the first heading.
    const at = f.range.start.offset < fmEnd ? preambleEnd : f.range.start.offset;
    // The last disable or enable (for this rule) that starts at or before the finding decides.
    const { starts, disable } = forRule(f.ruleId);
    const last = partitionPoint(starts, (s) => s <= at) - 1;
    return last === -1 || !disable[last];
  });
}

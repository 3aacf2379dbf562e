/**
 * The per-file work of `lint` and `coverage`, as plain data in and out so it runs the same in
 * this thread or in a worker (`parallel.ts`). Files are read (and hashed for the cache) by the
 * caller; a task parses, lints and, with `fix`, writes the fixed text back.
 */
import { writeFileSync } from 'node:fs';
import type { ResolvedConfig } from '../core/config';
import { criteriaSummary, type CriteriaSummary, type Elsewhere } from '../core/elsewhere';
import { adaptLineEndings, encodeText, type EolStyle, type TextEncodingInfo } from '../core/encoding';
import { fixUntilStable } from '../core/fix';
import { lintText, lexiconFor, type LintNote } from '../core/lint';
import { sectionSummaries } from '../core/parse';
import { atLeast, type Finding, type Severity } from '../core/types';
import type { CoverageOutcome, CoverageTask } from './coverage-task';
import type { FileNotice, FileResult } from './format';

/** One file to lint: its decoded text and how it is stored, and the config it gets (an index into the run's configs). */
export interface LintTask {
  file: string;
  text: string;
  info: TextEncodingInfo;
  config: number;
  fix: boolean;
  /** With `fix`: apply only the fixes of findings this severe or more (`--min-severity`); default every fix. */
  fixAtLeast?: Severity;
  /** What the other prep docs of the file's folder in this run hold (`elsewhere.ts`); absent: the file alone. */
  elsewhere?: Elsewhere;
}

/** What linting one file gave. */
export type LintOutcome =
  /**
   * `result` undefined: not a prep doc. `wrote`: the fix was written to the file. `criteria`:
   * what the file offers its siblings and asks of them (absent when nothing).
   */
  | { result?: FileResult; wrote?: boolean; fixNotice?: boolean; criteria?: CriteriaSummary }
  /** Prep Loop itself failed on the file (a bug, or the fixed file could not be written). */
  | { crash: string };

/**
 * Lints (and with `fix`, fixes) one file. A fixed text is written back in the file's own
 * encoding, byte order mark and line endings, or not at all (with a note) when that encoding
 * cannot hold it. Never throws.
 */
export function lintTask(t: LintTask, configs: readonly ResolvedConfig[]): LintOutcome {
  try {
    return lintSource(t, configs[t.config]);
  } catch (e) {
    return { crash: e instanceof Error ? e.message : String(e) };
  }
}

function lintSource({ file, text: original, info, fix, fixAtLeast, elsewhere }: LintTask, config: ResolvedConfig): LintOutcome {
  const filePath = toSlash(file);
  const lint = (t: string) => lintText(t, { config, filePath, bytes: t === original ? info.bytes : undefined, ...(elsewhere ? { elsewhere } : {}) });
  let text = original;
  let result = lint(text);
  let wrote = false;
  const notices: FileNotice[] = [];
  if (fix && result.doc?.isPrepDoc) {
    const eol = info.eol;
    const shown = (fs: readonly Finding[]) => (fixAtLeast ? fs.filter((f) => atLeast(f.severity, fixAtLeast)) : fs);
    const fixed = fixUntilStable(text, adaptFixes(shown(result.findings), eol), (t) => {
      result = lint(t);
      return adaptFixes(shown(result.findings), eol);
    });
    if (fixed.text !== text) {
      const encoded = encodeText(fixed.text, info);
      if ('error' in encoded) {
        notices.push({ severity: 'warning', message: `Not fixed: ${encoded.error}, so the file was left unchanged.` });
        result = lint(text);
      } else {
        writeFileSync(file, encoded.bytes);
        wrote = true;
        text = fixed.text;
      }
    }
  }
  const flags = { ...(wrote ? { wrote } : {}), ...(notices.length ? { fixNotice: true } : {}) };
  if (result.skipped) return { result: { filePath: file, findings: [], notices: [{ severity: 'warning', message: result.skipped }] }, ...flags };
  if (!result.doc?.isPrepDoc) return flags;
  for (const n of result.notes ?? []) notices.push(noteNotice(n));
  const criteria = criteriaSummary(result.doc, lexiconFor(config.lexicon));
  return {
    result: { filePath: file, text, findings: result.findings, sections: sectionSummaries(result.doc), ...(result.doc.genre ? { genre: result.doc.genre } : {}), ...(notices.length ? { notices } : {}) },
    ...flags,
    ...(criteria.blocks.length || criteria.wants.length || criteria.coverage ? { criteria } : {}),
  };
}

function noteNotice(n: LintNote): FileNotice {
  return { severity: 'info', message: n.message, line: n.range.start.line, column: n.range.start.column };
}

/** Fixes insert line breaks as `\n`; in a CRLF file they become `\r\n`. */
function adaptFixes(findings: readonly Finding[], eol: EolStyle): readonly Finding[] {
  if (eol !== 'crlf') return findings;
  return findings.map((f) =>
    f.fixes ? { ...f, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, newText: adaptLineEndings(e.newText, eol) })) })) } : f,
  );
}

function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Every task a worker can run, by name. The coverage task (and the question bank it brings) is
 * loaded by the first coverage task, so a worker that lints never evaluates it.
 */
export const TASKS = {
  lint: lintTask,
  coverage: async (t: CoverageTask, configs: readonly ResolvedConfig[]): Promise<CoverageOutcome> => (await import('./coverage-task')).coverageTask(t, configs),
} as const;

/** The distinct configs of a run, each with its index (tasks carry the index, workers get the list once). */
export class ConfigList {
  readonly list: ResolvedConfig[] = [];
  private readonly index = new Map<ResolvedConfig, number>();

  /** The index of `config`, added when new. */
  of(config: ResolvedConfig): number {
    let i = this.index.get(config);
    if (i === undefined) {
      i = this.list.push(config) - 1;
      this.index.set(config, i);
    }
    return i;
  }
}

/**
 * The per-file work of `coverage`, as plain data in and out so it runs the same in this thread
 * or in a worker (`parallel.ts`); loaded only by the commands that count coverage.
 */
import type { ResolvedConfig } from '../core/config';
import { coverageDoc, type CoverageDoc } from '../core/coverage';
import { analyzeText, globLoopForFile } from '../core/lint';

/** One file to count for `coverage`. */
export interface CoverageTask {
  file: string;
  text: string;
  bytes: number;
  /** An index into the run's configs. */
  config: number;
}

/** What counting one file gave: what to tell the user, and the doc's stories when it is a prep doc. */
export type CoverageOutcome = { skipped?: string; notes: { line: number; message: string }[]; doc?: CoverageDoc } | { crash: string };

/** Parses one file for `coverage` (the rules do not run: coverage needs the structure only). Never throws. */
export function coverageTask({ file, text, bytes, config: index }: CoverageTask, configs: readonly ResolvedConfig[]): CoverageOutcome {
  try {
    const config = configs[index];
    // What lintText does, without the rules.
    const globLoop = globLoopForFile(toSlash(file), config);
    const { doc, skipped, notes } = analyzeText(text, { config, bytes, rules: false, ...(globLoop ? { globLoop } : {}) });
    return {
      ...(skipped ? { skipped } : {}),
      notes: (notes ?? []).map((n) => ({ line: n.range.start.line, message: n.message })),
      ...(doc?.isPrepDoc ? { doc: coverageDoc(file, doc, config.lexicon) } : {}),
    };
  } catch (e) {
    return { crash: e instanceof Error ? e.message : String(e) };
  }
}

function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

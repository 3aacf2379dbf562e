/**
 * What a workspace scan keeps of each file: a small summary (stories, loop, coverage), never the
 * text or the parsed doc, so that caching every markdown file of a workspace stays cheap. The
 * Prep Stories tree, Show Coverage and Move Story read these. Pure: no `vscode` import.
 */
import { coverageDoc, type CoverageDoc } from '../core/coverage';
import type { PrepDoc } from '../core/parse';
import type { Axis, Loop, Range } from '../core/types';
import type { EditorLint, LintContext } from './lintModel';

/** One story of a prep doc, as the tree shows it. */
export interface StorySummary {
  title: string;
  /** Loop and axis tags as written, e.g. "#po #execution". */
  tags: string;
  /** The story's loop tag, else the doc's loop. */
  loop?: Loop;
  axes: Axis[];
  /** The heading's range. */
  range: Range;
}

/** A scanned prep doc. */
export interface PrepSummary {
  loop?: Loop;
  stories: StorySummary[];
  coverage: CoverageDoc;
}

/** A scanned file: a prep doc, or nothing to show (plain markdown, skipped). */
export interface FileSummary {
  prep?: PrepSummary;
  skipped?: string;
}

/** Loop and axis tags of a section as written. */
export function tagText(tags: readonly { kind: string; name: string }[]): string {
  return tags
    .filter((t) => t.kind !== 'other')
    .map((t) => `#${t.name}`)
    .join(' ');
}

/** The summary of a checked (or parsed) file; `file` is the workspace-relative path shown to the user. */
export function summarize(file: string, checked: EditorLint, ctx: LintContext): FileSummary {
  const doc = checked.doc;
  if (!doc?.isPrepDoc) return checked.skipped ? { skipped: checked.skipped } : {};
  return { prep: prepSummary(file, doc, ctx) };
}

function prepSummary(file: string, doc: PrepDoc, ctx: LintContext): PrepSummary {
  return {
    ...(doc.loop ? { loop: doc.loop } : {}),
    stories: doc.stories.map((s) => {
      const loop = s.loop ?? doc.loop;
      return {
        title: s.heading.title || s.heading.text,
        tags: tagText(s.tags),
        ...(loop ? { loop } : {}),
        axes: [...new Set(s.axisTags.map((t) => t.name))],
        range: s.heading.range,
      };
    }),
    coverage: coverageDoc(file, doc, ctx.config.lexicon),
  };
}

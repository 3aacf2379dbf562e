/**
 * What a workspace scan keeps of each file: a small summary (stories, loop, coverage), never the
 * text or the parsed doc, so that caching every markdown file of a workspace stays cheap. The
 * Prep Stories tree, Show Coverage and Move Story read these. Pure: no `vscode` import.
 */
import { coverageDoc, type CoverageDoc } from '../core/coverage';
import type { PrepDoc } from '../core/parse';
import type { DrillId } from '../core/lexicon';
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
  /** The whole section: heading to the next heading of the same or a higher level. */
  sectionRange: Range;
  /** `tag`: the story has its own loop tag; `doc`: it counts for its doc's loop. */
  loopFrom?: 'tag' | 'doc';
  /** The story's loop tag names the other single loop than its doc's (a `#po` story in a PM doc). */
  offLoop: boolean;
  /** The drills its text evidences (as coverage counts them). */
  drills: DrillId[];
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
  const coverage = coverageDoc(file, doc, ctx.config.lexicon);
  const docLoop = doc.loop;
  return {
    ...(docLoop ? { loop: docLoop } : {}),
    stories: doc.stories.map((s, i) => {
      const loop = s.loop ?? docLoop;
      const from = coverage.stories[i]?.loopFrom;
      return {
        title: s.heading.title || s.heading.text,
        tags: tagText(s.tags),
        ...(loop ? { loop } : {}),
        axes: [...new Set(s.axisTags.map((t) => t.name))],
        range: s.heading.range,
        sectionRange: s.range,
        ...(from ? { loopFrom: from } : {}),
        offLoop: (docLoop === 'pm' || docLoop === 'po') && s.loopTags.some((t) => t.name !== docLoop && t.name !== 'hybrid'),
        drills: coverage.stories[i]?.drills ?? [],
      };
    }),
    coverage,
  };
}

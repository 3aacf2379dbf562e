/**
 * Linting one editor text with the configuration the extension resolved for it. Pure: no
 * `vscode` import. The composition is the core's `analyzeText` (the one the CLI uses too); the
 * one difference from `lintText` is where `loopByGlob` patterns are anchored: those from a
 * `.prep-loop.json` are relative to that file's folder, those from the settings to the workspace
 * folder; the config file wins.
 */
import { loopForPath, type ResolvedConfig } from '../core/config';
import type { DocOverview, IncrementalLinter } from '../core/incremental';
import type { Elsewhere } from '../core/elsewhere';
import { analyzeText, sizeSkipReason, type LintNote } from '../core/lint';
import { parsePrepDoc, type PrepDoc } from '../core/parse';
import { offLoop } from '../core/rules/util';
import type { Finding, Loop } from '../core/types';

/** What the extension knows about a document's configuration. */
export interface LintContext {
  /** Defaults < settings < config file (its `loopByGlob` only, the settings' are below). */
  config: ResolvedConfig;
  /** The file's path relative to the config file's folder, when there is a config file. */
  configRelPath?: string;
  /** `loopByGlob` from the settings, and the file's path relative to its workspace folder. */
  settingsGlobs?: { loopByGlob: Record<string, Loop>; relPath: string };
}

/** The result of linting an editor text. */
export interface EditorLint {
  /** The parsed doc; after an incremental lint it is built on first use (linting did not need it). */
  doc?: PrepDoc;
  /** The doc at a glance (loop, stories, off-loop stories) without building `doc`; absent when skipped. */
  overview?: DocOverview;
  findings: Finding[];
  /** What the parse guard simplified to keep checking fast (deep nesting, huge sections…): one note per kind. */
  notes?: LintNote[];
  /** Why the file was not checked; `showSkipped` says whether the user should be told. */
  skipped?: string;
  /** True when a skipped file looks like a prep doc (so telling is not noise). */
  showSkipped: boolean;
}

const HEAD = 4096;

/**
 * Lints an editor text. Never throws. With `linter` (one per open document, context and
 * `elsewhere` input, given every version in turn) only the sections an edit touched are checked
 * again; without, `elsewhere` is what the other prep docs of the folder hold (`core/elsewhere.ts`).
 */
export function lintForEditor(text: string, ctx: LintContext, linter?: IncrementalLinter, elsewhere?: Elsewhere): EditorLint {
  if (!linter) return checkForEditor(text, ctx, true, elsewhere);
  const r = linter.lint(text);
  if (r.skipped) return { findings: [], skipped: r.skipped, showSkipped: !!globLoopFor(ctx) || headDeclaresLoop(text) };
  const globLoop = globLoopFor(ctx);
  let doc: PrepDoc | undefined;
  return {
    findings: r.findings,
    ...(r.notes ? { notes: r.notes } : {}),
    ...(r.overview ? { overview: r.overview } : {}),
    showSkipped: false,
    get doc() {
      doc ??= parsePrepDoc(text, { storyLevel: ctx.config.storyHeadingLevel, ...(globLoop ? { globLoop } : {}) });
      return doc;
    },
  };
}

/** The overview of a parsed doc (what an incremental lint gives without parsing all of it). */
export function overviewOf(doc: PrepDoc): DocOverview {
  return { doc, stories: doc.stories.length, offLoop: doc.stories.filter((s) => offLoop(doc, s)).length };
}

/**
 * Parses an editor text without running the rules (the stories tree, coverage and Move Story
 * only need the doc's structure). Never throws; `findings` is always empty.
 */
export function parseForEditor(text: string, ctx: LintContext): EditorLint {
  return checkForEditor(text, ctx, false);
}

function checkForEditor(text: string, ctx: LintContext, lint: boolean, elsewhere?: Elsewhere): EditorLint {
  const globLoop = globLoopFor(ctx);
  // Notes with the findings (they come from the parse, at no cost); a parse for structure only needs none.
  const r = analyzeText(text, { config: ctx.config, ...(globLoop ? { globLoop } : {}), rules: lint, notes: lint, ...(elsewhere ? { elsewhere } : {}) });
  if (r.skipped) return { findings: [], skipped: r.skipped, showSkipped: !!r.failed || !!globLoop || headDeclaresLoop(text) };
  return { ...(r.doc ? { doc: r.doc, overview: overviewOf(r.doc) } : {}), findings: r.findings, ...(r.notes ? { notes: r.notes } : {}), showSkipped: false };
}

/**
 * What a file too big to read gets (its size known from a stat): skipped unread. Whether the user
 * is told depends on `loopByGlob` only, since the front matter is not read.
 */
export function skippedUnread(bytes: number, ctx: LintContext): EditorLint {
  return {
    findings: [],
    skipped: sizeSkipReason(bytes, ctx.config.maxFileSize),
    showSkipped: !!globLoopFor(ctx),
  };
}

/** The loop `loopByGlob` gives the file: the config file's patterns first, then the settings'. */
export function globLoopFor(ctx: LintContext): { loop: Loop; glob: string } | undefined {
  if (ctx.configRelPath !== undefined) {
    const hit = loopForPath(ctx.configRelPath, ctx.config.loopByGlob);
    if (hit) return hit;
  }
  if (ctx.settingsGlobs) return loopForPath(ctx.settingsGlobs.relPath, ctx.settingsGlobs.loopByGlob);
  return undefined;
}

/** Whether the start of a text is front matter with a `loop:` key (cheap; for files too big to parse). */
export function headDeclaresLoop(text: string): boolean {
  const head = text.slice(0, HEAD);
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(head);
  return !!m && /^loop[ \t]*:/m.test(m[1]);
}

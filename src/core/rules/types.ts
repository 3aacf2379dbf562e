/**
 * What a rule is: one module holding its id, metadata, option schema, examples and check.
 */
import type { Elsewhere } from '../elsewhere';
import type { Lexicon } from '../lexicon';
import type { PrepDoc, Section, Story } from '../parse';
import type { SectionKind } from '../sections';
import type { Fix, Range, RelatedInfo, Severity } from '../types';

/** The schema of one rule option; validation, docs, JSON Schema and settings are built from it. */
export type OptionSpec =
  | { type: 'number'; default: number; description: string; minimum?: number; maximum?: number; integer?: boolean }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string[]'; default: string[]; description: string };

/** Option specs by name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** The options object a set of specs describes. */
export type OptionsOf<S extends OptionSpecs> = { [K in keyof S]: S[K]['default'] };

/** What a rule hands to `report`. */
export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /**
   * A severity for this one finding, used only while the user keeps the rule at its default
   * severity (e.g. `story-points` reports an odd estimate as info).
   */
  severity?: Severity;
}

/** Everything a rule's check can use. */
export interface RuleContext<O> {
  doc: PrepDoc;
  options: O;
  lexicon: Lexicon;
  /**
   * What the other prep docs of the doc's folder hold (acceptance criteria by story), when the
   * host knows the folder; absent for a file linted alone. Already validated.
   */
  elsewhere?: Elsewhere;
  report(report: Report): void;
}

/** A rule: metadata plus a check over a parsed prep doc. */
export interface Rule<S extends OptionSpecs = OptionSpecs> {
  /** Stable kebab-case id, also the docs page name. */
  id: string;
  /** One line: what the rule catches. */
  description: string;
  defaultSeverity: Severity;
  /** Whether at least some findings carry a fix. */
  fixable: boolean;
  options: S;
  /**
   * The kinds of section its findings belong in (a finding elsewhere is dropped): story rules
   * judge stories, artifact rules judge artifacts (and artifacts quoted in a story), never the
   * examples in reference notes. Absent: anywhere in a prep doc (doc-level rules). A rule with
   * `summaries` keeps only what lies in these sections in its summaries: its combine step's
   * findings are not filtered again (the incremental linter combines over the front matter alone).
   */
  sections?: readonly SectionKind[];
  /**
   * `front-matter`: the findings depend on the front matter alone (checked once per doc).
   * Absent: the findings a section gets depend only on that section, the front matter, the
   * options and the lexicon (PRDs and acceptance criteria that span sections are kept together
   * by the incremental linter), unless the rule has `summaries`.
   */
  scope?: 'front-matter';
  /**
   * For a rule that judges the doc as a whole (coverage, vocabulary over all stories): its
   * check split into per-part summaries and one combining step, so that after an edit only the
   * parts that changed are read again (`core/incremental.ts`).
   */
  summaries?: DocSummaries<OptionsOf<S>>;
  /** Whole markdown docs that the docs page and the tests both use. */
  examples: { valid: string[]; invalid: string[] };
  check(ctx: RuleContext<OptionsOf<S>>): void;
}

/**
 * A doc-level check in two steps (plus, optionally, a section-level one: `local`). `summarize` reads one run of consecutive sections (and its
 * stories), never the rest of the doc; `combine` reports from the summaries of all runs, in
 * document order, using only the doc's front matter and first line; `merge` joins two adjacent
 * runs' summaries. The rule's `check` is
 * `checkBySummaries`, so a whole-doc lint and an incremental one share one code path.
 */
export interface DocSummaries<O, T = unknown> {
  summarize(ctx: RuleContext<O>, part: { sections: readonly Section[]; stories: readonly Story[] }): T;
  /**
   * The summary of two adjacent runs (`a` before `b`): `combine(ctx, [..., merge(a, b), ...])`
   * must report what `combine(ctx, [..., a, b, ...])` does, so that summaries can be pre-merged.
   */
  merge(a: T, b: T): T;
  combine(ctx: RuleContext<O>, summaries: readonly T[]): void;
  /**
   * The summary with every range it holds passed through `to`. Required when a summary holds
   * ranges (a doc-level finding that points at what the parts found): a part is summarised in
   * the coordinates of its own small doc, and the incremental linter reuses the summary of a part
   * it did not read again after the text before it grew or shrank, so it moves the summary to the
   * part's place as it moves the part's findings. Return `summary` itself when it holds no range.
   */
  move?(summary: T, to: (range: Range) => Range): T;
  /**
   * Findings of the rule that are local to sections, as a rule without summaries reports them
   * (see `Rule.scope`): for a rule that judges each section and also says one thing for the
   * whole doc. Run on every part, with its findings moved like a section rule's.
   */
  local?(ctx: RuleContext<O>): void;
}

/** Declares a rule's summaries with the summary type inferred (and then erased, as the registry holds it). */
export function defineSummaries<O, T>(s: DocSummaries<O, T>): DocSummaries<O> {
  return s as unknown as DocSummaries<O>;
}

/** A check over the whole doc as one part: what a summary rule's `check` is. */
export function checkBySummaries<O>(s: DocSummaries<O>, ctx: RuleContext<O>): void {
  s.local?.(ctx);
  s.combine(ctx, [s.summarize(ctx, { sections: ctx.doc.sections, stories: ctx.doc.stories })]);
}

/** A rule with its options type erased, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/** Declares a rule with its options type inferred from the option specs. */
export function defineRule<S extends OptionSpecs>(rule: Rule<S>): Rule<S> {
  return rule;
}

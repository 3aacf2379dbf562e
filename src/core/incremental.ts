/**
 * Incremental linting: after an edit, only the heading sections the edit touched are parsed and
 * checked again; the findings are identical to a fresh `lintText` of the new text.
 *
 * How: the text is split into chunks (`split.ts`; after an edit the splitter resumes one chunk
 * before the edit and stops where its chunk starts line up with the previous split again). A
 * run of chunks is linted on its own as a small doc of the front matter plus the run's text, and
 * its findings are moved to the run's place. That is exact because every section-level rule
 * judges a section from its own text and the front matter (`Rule.scope`), and the parse reads
 * each chunk on its own; the few things that cross chunks are handled here:
 * - chunks that must be read together are one run: a PRD under a heading above story level (it
 *   spans the sections below it), a `type: prd` doc (all of it), and user stories linked to an
 *   "Acceptance criteria" block in another chunk (the linking is simulated over all chunks'
 *   stories first);
 * - doc-level rules report from per-run summaries (`Rule.summaries`);
 * - front-matter rules run once on the front matter;
 * - inline directives are applied over the whole doc at the end;
 * - the doc's genre (a template, a guide: `genre.ts`) is decided from every run's evidence and
 *   handed to each run's parse; when the decision changes, every run is parsed again.
 * Each run's result is cached by its text, so a keystroke costs one or two small parses.
 */
import { mayStartPrd } from './artifacts/outline';
import { decideGenre, mergeGenreEvidence, noGenreEvidence, type GenreDecision, type GenreEvidence, type ReaderCounts } from './genre';
import { MAX_STORY_PARTS, mayBeStoryPart, mayHeadStoryInParts, storyPartRole, titleNamesArtifact } from './sections';
import { TextCache } from './cache';
import { defaultConfig, type ResolvedConfig } from './config';
import { validElsewhere, type Elsewhere } from './elsewhere';
import { utf8Length } from './encoding';
import { combineRules, filterByDirectives, lintTextWith, mergeSummaries, moveSummaries, notesForSimplified, runRules, skipReason, sortFindings, type LintNote, type RuleSummary } from './lint';
import { parsePrepDoc, readerCounts, type Directive, type ParseOptions, type PrepDoc, type SimplifiedPlace } from './parse';
import { offLoop } from './rules/util';
import { splitSections, splitSectionsFrom, usedStoryLevel, type Chunk } from './split';
import type { Finding, Loop, Position, Range, TextEdit } from './types';
import { partitionPoint } from './text';

/** Options of an `IncrementalLinter`; fixed for its life (a config change means a new linter). */
export interface IncrementalOptions {
  config?: ResolvedConfig;
  /** The loop `loopByGlob` gives the file, if any (see `globLoopOf`). */
  globLoop?: { loop: Loop; glob: string };
  /**
   * What the other prep docs of the file's folder hold (`elsewhere.ts`), an input like the config:
   * a change means a new linter. Checked here (`validElsewhere`).
   */
  elsewhere?: unknown;
}

/** What one lint produced: the same `findings`, `skipped` and `notes` as `lintText`. */
export interface IncrementalResult {
  findings: Finding[];
  skipped?: string;
  /** What the parse guard simplified (`LintResult.notes`), absent when nothing was. */
  notes?: LintNote[];
  /** What the status bar needs, without building the whole `PrepDoc`; absent when skipped. */
  overview?: DocOverview;
}

/**
 * A prep doc at a glance: the doc-level fields of its `PrepDoc` (from the front matter), its
 * number of stories and of stories tagged for the other single loop than the doc's.
 */
export interface DocOverview {
  doc: Pick<PrepDoc, 'isPrepDoc' | 'loop' | 'loopSource' | 'frontMatter' | 'type'>;
  stories: number;
  offLoop: number;
}

/** A run of chunks linted on its own, in the coordinates of its small doc. */
interface Part {
  findings: Finding[];
  directives: Directive[];
  /** Where the parse guard simplified the run's text (nearly always none). */
  simplified: SimplifiedPlace[];
  /** Offset of the first section that is not preamble, if any. */
  firstHeading?: number;
  summaries: Map<string, RuleSummary>;
  /** Its stories, and those tagged for the other single loop than the doc's (for the status bar). */
  stories: number;
  offLoop: number;
  /** A hash of the part's text (its cache key); a part whose low bits are 0 ends a bucket of pre-merged summaries. */
  mark: number;
  /** Levels (above story level) of headings that may start a PRD spanning later chunks. */
  prdLevels: number[];
  /** Its own heading may head one story told in parts (one level above the stories): see `joinStoriesInParts`. */
  partsTitle: boolean;
  /** Its own heading, at story level, names a part of one story ("Context", "Results"). */
  storyPart: boolean;
  /** Its own section, at story level, may be a part of one story by the doc's shape (`mayBeStoryPart`, judged alone). */
  shapePart: boolean;
  /** The user stories in order: whether each has acceptance criteria of its own. */
  own: boolean[];
  /** Whether it has loose criteria, or criteria under a heading or label that names a story (linked by name). */
  named: boolean;
  /** Whether it has a story without criteria of its own (one that criteria elsewhere may be given to). */
  wants: boolean;
  /** Criteria blocks: how many stories end before the label, and the index of the first story after it. */
  blocks: { before: number; after: number }[];
  /** Where the run's own text starts in the small doc (before it: front matter, untouched). */
  base: number;
  baseLine: number;
  /** What its chunks say about the doc's genre (independent of the genre it was parsed with). */
  genre: GenreEvidence;
  /** Its sentences' reader counts, read when the genre decision needs them (then kept). */
  readers(): ReaderCounts;
  /** Whether it was linted for a doc with at most one heading section (`soleTitleSection`). */
  alone: boolean;
}

/** A chunk of the current text, with the part of it alone once computed. */
interface Tracked extends Chunk {
  part: Part | undefined;
  /** Whether `part` was computed as the doc's first run (the small doc is then a prefix of the text). */
  partFirst: boolean | undefined;
}

/** A tracked chunk; always built here, so that all have one shape (they are made by the thousand per edit). */
function tracked(kind: Chunk['kind'], start: number, end: number, line: number, level: number, part: Part | undefined, partFirst: boolean | undefined): Tracked {
  return { kind, start, end, line, level, part, partFirst };
}

/** A run of chunks in the current text with its part and, once moved there, its findings. */
interface Run {
  members: Part[];
  first: boolean;
  part: Part;
  start: number;
  line: number;
}

interface State {
  text: string;
  /** Front matter chunk text ('' without one) and the body start. */
  fmText: string;
  bodyStart: number;
  /** Without front matter: whether the first line opens one (an edit may close it) and where it ends. */
  firstLineEnd: number;
  firstLineFences: boolean;
  chunks: Tracked[];
  /** Whether the doc has at most one heading section (set by `findings`). */
  alone?: boolean;
  utf8?: number;
  result?: IncrementalResult;
}

const FRONT_OPEN = /^---[ \t]*$/;

/**
 * Lints successive versions of one document, re-checking only what changed. Results are
 * identical to `lintText` (same options) for every version. Never throws.
 */
export class IncrementalLinter {
  private readonly config: ResolvedConfig;
  private readonly globLoop?: { loop: Loop; glob: string };
  private readonly elsewhere?: Elsewhere;
  private readonly parseOptions: ParseOptions;
  private state?: State;
  private parts = new TextCache<Part>(4 * 1024 * 1024);
  /** Runs of several chunks by their first part (weak: parts leave with the text cache). */
  private runs = new WeakMap<Part, Run[]>();
  private head?: { text: string; doc: PrepDoc; fmFindings: Finding[] };
  private partsFm?: string;
  /** The genre every part was parsed with (`null`: the writer's own notes). */
  private genre: GenreDecision | null = null;
  private lastRuns: Run[] = [];
  /** The simplified places of the last lint, in text order (filled by `findings`). */
  private lastSimplified: SimplifiedPlace[] = [];
  /** Counters for tests and the bench: how many runs were linted (not taken from cache). */
  readonly stats = { parts: 0, fullSplits: 0 };

  /** The current text's chunks without front matter, as `splitSections` gives them (for tests). */
  chunks(): Chunk[] {
    return (this.state?.chunks ?? []).map((c) => ({ kind: c.kind, start: c.start, end: c.end, line: c.line, level: c.level }));
  }

  constructor(options: IncrementalOptions = {}) {
    this.config = options.config ?? defaultConfig();
    if (options.globLoop) this.globLoop = options.globLoop;
    const elsewhere = validElsewhere(options.elsewhere);
    if (elsewhere) this.elsewhere = elsewhere;
    // Pieces of a doc are parsed at the doc's story level (a doc whose level is not the configured one is linted whole).
    this.parseOptions = { storyLevel: this.config.storyHeadingLevel, fixedLevel: true, ...(options.globLoop ? { globLoop: options.globLoop } : {}) };
  }

  /** Lints `text`, the document's new version. `bytes` as in `LintOptions`. */
  lint(text: string, bytes?: number): IncrementalResult {
    try {
      return this.update(text, bytes);
    } catch {
      // Never worse than a full lint: forget the state and lint from scratch.
      this.state = undefined;
      return this.fresh(text, bytes);
    }
  }

  /** A full lint of `text`, as an incremental result. */
  private fresh(text: string, bytes?: number): IncrementalResult {
    const r = lintTextWith(text, this.config, this.globLoop, bytes, this.elsewhere);
    const doc = r.doc;
    return {
      findings: r.findings,
      ...(r.skipped ? { skipped: r.skipped } : {}),
      ...(r.notes ? { notes: r.notes } : {}),
      ...(doc ? { overview: { doc, stories: doc.stories.length, offLoop: doc.stories.filter((st) => offLoop(doc, st)).length } } : {}),
    };
  }

  private update(text: string, bytes?: number): IncrementalResult {
    const prev = this.state;
    if (prev && prev.text === text && bytes === undefined && prev.result) return prev.result;
    const diff = prev ? changedRange(prev.text, text) : undefined;
    const utf8 = bytes !== undefined || text.length <= this.config.maxFileSize / 4 ? undefined : this.utf8Of(text, prev, diff);
    const skipped = skipReason(text, this.config.maxFileSize, bytes ?? utf8);
    const state = this.split(text, prev, diff);
    if (utf8 !== undefined) state.utf8 = utf8;
    else delete state.utf8;
    this.state = state;
    if (skipped) return (state.result = { findings: [], skipped });
    // A doc with no heading at the story level has its stories at the level it uses (`usedStoryLevel`):
    // its chunks here are cut at the configured level, so it is linted whole (such a doc's chunks
    // are its titles only, each of which a run would parse whole anyway).
    const level = clampLevel(this.config.storyHeadingLevel);
    if (usedStoryLevel(text, level, state.chunks) !== level) {
      this.lastRuns = [];
      this.lastSimplified = [];
      return (state.result = this.fresh(text, bytes));
    }
    const findings = this.findings(state);
    const notes = this.lastSimplified.length ? notesForSimplified(this.lastSimplified) : undefined;
    state.result = { findings, ...(notes ? { notes } : {}), overview: this.overview(state) };
    return state.result;
  }

  /** The text's UTF-8 size, from the previous size and the changed span when there is one. */
  private utf8Of(text: string, prev: State | undefined, diff: Diff | undefined): number {
    if (!prev || prev.utf8 === undefined || !diff) return utf8Length(text);
    return prev.utf8 - utf8Length(prev.text.slice(diff.start, diff.oldEnd)) + utf8Length(text.slice(diff.start, diff.newEnd));
  }

  // ---- chunks ------------------------------------------------------------------------------

  private split(text: string, prev: State | undefined, diff: Diff | undefined): State {
    const level = clampLevel(this.config.storyHeadingLevel);
    if (prev && diff && prev.chunks.length && diff.start >= prev.bodyStart && !(prev.bodyStart === 0 && (prev.firstLineFences || diff.start <= prev.firstLineEnd))) {
      const chunks = this.resplit(text, prev, diff, level);
      if (chunks) return { ...prev, text, chunks, result: undefined };
    }
    this.stats.fullSplits++;
    const all = splitSections(text, level);
    const front = all[0]?.kind === 'front' ? all[0] : undefined;
    const fmText = front ? text.slice(0, front.end) : '';
    const nl = text.indexOf('\n');
    const firstLineEnd = nl === -1 ? text.length : nl;
    return {
      text,
      fmText,
      bodyStart: front ? front.end : 0,
      firstLineEnd,
      firstLineFences: !front && FRONT_OPEN.test(text.slice(0, firstLineEnd).replace(/\r$/, '')),
      chunks: all.filter((c) => c.kind !== 'front').map((c) => tracked(c.kind, c.start, c.end, c.line, c.level, undefined, undefined)),
    };
  }

  /** The new chunks: the old ones before the edit, a rescan around it, the old ones after it moved. */
  private resplit(text: string, prev: State, diff: Diff, level: number): Tracked[] | undefined {
    const old = prev.chunks;
    // The chunk the edit starts in (edits before the body never get here, so there is one).
    const j = Math.max(0, partitionPoint(old, (c) => c.start <= diff.start) - 1);
    // One chunk back: an edit to a heading line can merge its chunk into the one before.
    const r = Math.max(0, j - 1);
    const from = old[r];
    const delta = diff.newEnd - diff.oldEnd;
    const lineDelta = countLines(text, diff.start, diff.newEnd) - countLines(prev.text, diff.start, diff.oldEnd);
    let resume = -1;
    const scan = splitSectionsFrom(text, level, { start: from.start, line: from.line }, (start) => {
      if (start < diff.newEnd) return false;
      const k = findStart(old, start - delta, r + 1);
      if (k === -1) return false;
      resume = k;
      return true;
    });
    const out: Tracked[] = old.slice(0, r);
    for (const c of scan.chunks) out.push(tracked(c.kind, c.start, c.end, c.line, c.level, undefined, undefined));
    if (scan.stopped && resume !== -1) {
      for (let k = resume; k < old.length; k++) {
        const c = old[k];
        out.push(tracked(c.kind, c.start + delta, c.end + delta, c.line + lineDelta, c.level, c.part, c.partFirst));
      }
    }
    return out;
  }

  // ---- findings ----------------------------------------------------------------------------

  private findings(state: State): Finding[] {
    const head = this.headFor(state);
    this.lastRuns = [];
    this.lastSimplified = [];
    if (!head.doc.isPrepDoc) return [];
    if (this.partsFm !== state.fmText) {
      // The front matter is part of every run's context.
      this.parts = new TextCache<Part>(4 * 1024 * 1024);
      this.runs = new WeakMap();
      this.partsFm = state.fmText;
    }
    const { text, chunks } = state;
    // A doc with one heading section only may have its title judged as a section (see
    // `soleTitleSection`): a piece of a doc with more headings must not judge its lone title so.
    let sections = 0;
    for (const c of chunks) if (c.kind === 'section' && ++sections > 1) break;
    state.alone = sections <= 1;
    let runs: Run[] = [];
    // The genre belongs to the whole doc: decided from every run's evidence (which does not depend
    // on the genre the runs were parsed with), so a second pass, when needed, settles it.
    for (let pass = 0; pass < 2; pass++) {
      chunks.forEach((c, i) => {
        if (!c.part || c.partFirst !== (i === 0) || c.part.alone !== state.alone) {
          c.part = this.part(state, c.start, c.end, i === 0);
          c.partFirst = i === 0;
        }
      });
      runs = this.group(state, head.doc);
      const genre = genreOf(runs, head.doc) ?? null;
      if ((genre?.genre ?? null) === (this.genre?.genre ?? null)) break;
      this.genre = genre;
      this.parts = new TextCache<Part>(4 * 1024 * 1024);
      this.runs = new WeakMap();
      for (const c of chunks) c.part = undefined;
    }
    this.lastRuns = runs;
    const found: Finding[] = [];
    const directives: Directive[] = [];
    const simplified: SimplifiedPlace[] = [];
    const buckets = new Buckets();
    let preambleEnd = text.length;
    for (const run of runs) {
      const placed = this.place(run);
      for (const f of placed.findings) found.push(f);
      for (const d of placed.directives) directives.push(d);
      for (const x of placed.simplified) simplified.push(x);
      buckets.add(run.part, placed.summaries);
      if (preambleEnd === text.length && run.part.firstHeading !== undefined) preambleEnd = moveOffset(run.part.firstHeading, run.part.base, run.start - run.part.base);
    }
    // A loop typo's suggestions are ordered by the loops the doc's stories are tagged with: that
    // one finding needs the whole doc (rare: only while the `loop:` value is invalid).
    const fmFindings = head.fmFindings.some((f) => (f.fixes?.length ?? 0) > 1) ? runRules(parsePrepDoc(text, this.parseOptions), this.config, 'front-matter', undefined, this.elsewhere) : head.fmFindings;
    for (const f of fmFindings) found.push(f);
    for (const f of combineRules(head.doc, this.config, buckets.done(), this.elsewhere)) found.push(f);
    this.lastSimplified = simplified;
    const fm = head.doc.frontMatter;
    return sortFindings(filterByDirectives(found, directives, fm ? fm.range.end.offset : -1, preambleEnd));
  }

  private overview(state: State): DocOverview {
    const head = this.headFor(state).doc;
    let stories = 0;
    let off = 0;
    if (head.isPrepDoc) {
      // Every chunk has its part now, and the runs' parts count each story once.
      for (const run of this.lastRuns) {
        stories += run.part.stories;
        off += run.part.offLoop;
      }
    }
    return { doc: head, stories, offLoop: off };
  }

  /** The doc's front matter (or first line) parsed alone: loop, type and the front-matter rules. */
  private headFor(state: State): { doc: PrepDoc; fmFindings: Finding[] } {
    const text = state.fmText || state.text.slice(0, state.firstLineEnd);
    if (this.head?.text !== text) {
      const doc = parsePrepDoc(text, this.parseOptions);
      this.head = { text, doc, fmFindings: doc.isPrepDoc ? runRules(doc, this.config, 'front-matter', undefined, this.elsewhere) : [] };
    }
    return this.head;
  }

  /** Lints the chunks in [start, end) as a small doc of their own (cached by text). */
  private part(state: State, start: number, end: number, first: boolean): Part {
    const body = state.text.slice(start, end);
    const alone = state.alone ?? false;
    const key = (first ? (alone ? '3' : '1') : alone ? '2' : '0') + body;
    return this.parts.getOrCompute(key, () => {
      this.stats.parts++;
      // The first run is linted as the text's own prefix; any other after the front matter and
      // one blank line, so that nothing of it can touch the front matter.
      const mini = first ? state.text.slice(0, end) : `${state.fmText}\n${body}`;
      const base = first ? start : state.fmText.length + 1;
      const baseLine = first ? countLines(state.text, 0, start) : countLines(state.fmText, 0, state.fmText.length) + 1;
      const doc = parsePrepDoc(mini, { ...this.parseOptions, genre: this.genre, ...(alone ? {} : { soleTitleSection: false }) });
      let readers: ReaderCounts | undefined;
      let from: PrepDoc | undefined = doc;
      const summaries = new Map<string, RuleSummary>();
      // Sorted here once, so the doc's list is nearly sorted and its sort after each edit is linear.
      const findings = sortFindings(runRules(doc, this.config, 'sections', summaries, this.elsewhere));
      const stories = doc.artifacts.userStories;
      const heading = doc.sections.find((s) => s.kind !== 'preamble');
      // The heading this run starts with (what a single chunk's part says about its neighbours).
      const ownSection = doc.sections.find((s) => s.range.start.offset === base);
      const own = ownSection?.heading;
      const ownTitle = own?.title ?? '';
      return {
        findings,
        directives: doc.directives,
        simplified: doc.simplified,
        ...(heading ? { firstHeading: heading.range.start.offset } : {}),
        summaries,
        stories: doc.stories.length,
        offLoop: doc.stories.filter((st) => offLoop(doc, st)).length,
        mark: hash32(key),
        prdLevels: doc.artifacts.marks.filter((m) => m.kind === 'heading' && m.level < doc.storyLevel && (mayStartPrd(m.text) || titleNamesArtifact(m.text))).map((m) => m.level),
        partsTitle: !!own && own.level === doc.storyLevel - 1 && mayHeadStoryInParts(ownTitle),
        storyPart: !!own && own.level === doc.storyLevel && storyPartRole(ownTitle) !== undefined,
        shapePart: !!ownSection && own?.level === doc.storyLevel && mayBeStoryPart({ title: ownTitle, tags: ownSection.tags.map((t) => t.name), kind: ownSection.unanswered ? 'story' : ownSection.kind }),
        own: stories.map((u) => u.criteria.length > 0 && !u.criteriaFrom),
        named: doc.artifacts.looseCriteria.length > 0 || doc.artifacts.criteriaBlocks.some((b) => b.named),
        wants: stories.some((u) => !u.template && !(u.criteria.length > 0 && !u.criteriaFrom)),
        blocks: doc.artifacts.criteriaBlocks.map((b) => ({
          before: stories.filter((u) => u.range.end.offset <= b.label.start.offset).length,
          after: firstIndex(stories, (u) => u.range.start.offset >= b.label.end.offset),
        })),
        base,
        baseLine,
        genre: doc.genreEvidence,
        readers(): ReaderCounts {
          if (!readers) {
            readers = readerCounts(from!);
            from = undefined;
          }
          return readers;
        },
        alone,
      };
    });
  }

  /** Groups the chunks into runs that can be linted on their own. */
  private group(state: State, head: PrepDoc): Run[] {
    const chunks = state.chunks;
    const n = chunks.length;
    const reach = chunks.map((_, i) => i);
    const join = (a: number, b: number) => {
      if (b > reach[a]) reach[a] = b;
    };
    if (head.type === 'prd') {
      // The whole doc is one PRD.
      if (n) join(0, n - 1);
    } else {
      // A PRD under a heading above story level spans the chunks below it.
      for (let i = 0; i < n; i++) {
        const levels = chunks[i].part!.prdLevels;
        if (!levels.length) continue;
        const t = Math.min(...levels);
        let k = i + 1;
        while (k < n && !(chunks[k].kind === 'section' && chunks[k].level <= t)) k++;
        join(i, k - 1);
      }
      // A title over story-level sections named as the parts of one story may make them one story.
      for (let i = 0; i < n; i++) {
        if (!chunks[i].part!.partsTitle) continue;
        let k = i + 1;
        while (k < n && chunks[k].kind === 'section' && chunks[k].part!.storyPart) k++;
        if (k - i > 2) join(i, k - 1);
        // Parts by the doc's shape, whatever they are called: up to one more than a story is told
        // in, so the run sees what the whole doc would (too many parts is no story either).
        let m = i + 1;
        while (m < n && m - i - 1 <= MAX_STORY_PARTS && chunks[m].kind === 'section' && chunks[m].level === head.storyLevel && chunks[m].part!.shapePart) m++;
        if (m - i > 2) join(i, m - 1);
      }
      this.linkAcrossChunks(chunks, join);
    }
    const runs: Run[] = [];
    for (let i = 0; i < n; ) {
      let end = reach[i];
      for (let k = i; k <= end; k++) if (reach[k] > end) end = reach[k];
      runs.push(this.run(state, i, end));
      i = end + 1;
    }
    return runs;
  }

  /**
   * Replays the doc-wide linking of stories to "Acceptance criteria" blocks
   * (`linkCriteriaBlocks`) over every chunk's stories, and joins the chunks of each block with
   * the chunks of the stories it would give its criteria to.
   */
  private linkAcrossChunks(chunks: Tracked[], join: (a: number, b: number) => void): void {
    // Criteria linked by name (`linkCriteriaByName`) may go to any story without criteria of the
    // doc, and whether a title names one story depends on all of them: the chunks with such
    // criteria and the chunks with such stories are linted as one.
    const involved = chunks.flatMap((c, i) => (c.part!.named || c.part!.wants ? [i] : []));
    if (involved.length > 1 && chunks.some((c) => c.part!.named) && chunks.some((c) => c.part!.wants)) join(involved[0], involved[involved.length - 1]);
    if (!chunks.some((c) => c.part!.blocks.length)) return;
    const own: boolean[] = [];
    const chunkOf: number[] = [];
    const firstStory: number[] = [];
    chunks.forEach((c, i) => {
      firstStory.push(own.length);
      for (const o of c.part!.own) {
        own.push(o);
        chunkOf.push(i);
      }
    });
    const total = own.length;
    /** Index of the last own story before g, or -1. */
    const lastOwn: number[] = new Array<number>(total + 1);
    lastOwn[0] = -1;
    for (let g = 0; g < total; g++) lastOwn[g + 1] = own[g] ? g : lastOwn[g];
    /** Index of the first own story at or after g, or total. */
    const nextOwn: number[] = new Array<number>(total + 1);
    nextOwn[total] = total;
    for (let g = total - 1; g >= 0; g--) nextOwn[g] = own[g] ? g : nextOwn[g + 1];
    chunks.forEach((c, i) => {
      for (const b of c.part!.blocks) {
        const before = firstStory[i] + b.before;
        if (before > 0) {
          // The run of stories without criteria right before the block takes them.
          const run = lastOwn[before] + 1;
          if (run < before) join(chunkOf[run], i);
        } else {
          // No story before it: the stories right after it take them.
          const after = firstStory[i] + b.after;
          const stop = nextOwn[Math.min(after, total)];
          if (stop > after) join(i, chunkOf[stop - 1]);
        }
      }
    });
  }

  /** The run of chunks [i, end], reusing the previous lint's run when it is the same. */
  private run(state: State, i: number, end: number): Run {
    const chunks = state.chunks;
    const first = i === 0;
    const start = chunks[i].start;
    const line = chunks[i].line;
    if (i === end) return { members: [chunks[i].part!], first, part: chunks[i].part!, start, line };
    const members = chunks.slice(i, end + 1).map((c) => c.part!);
    const known = this.runs.get(members[0])?.find((r) => r.first === first && r.part.alone === (state.alone ?? false) && r.members.length === members.length && r.members.every((m, k) => m === members[k]));
    const part = known?.part ?? this.part(state, start, chunks[end].end, first);
    const run: Run = { members, first, part, start, line };
    if (!known) {
      const list = this.runs.get(members[0]) ?? [];
      if (list.length > 8) list.shift();
      list.push(run);
      this.runs.set(members[0], list);
    }
    return run;
  }

  /** A run's findings, directives and simplified places moved from its small doc to its place in the text. */
  private place(run: Run): Placed {
    const part = run.part;
    const d = run.start - part.base;
    const dl = run.line - part.baseLine;
    const cached = placedCache.get(part);
    if (cached && cached.d === d && cached.dl === dl) return cached.placed;
    const placed =
      d === 0 && dl === 0
        ? { findings: part.findings, directives: part.directives, simplified: part.simplified, summaries: part.summaries }
        : {
            findings: part.findings.map((f) => moveFinding(f, part.base, d, dl)),
            directives: part.directives.map((x) => ({ ...x, range: moveRange(x.range, part.base, d, dl) })),
            simplified: part.simplified.length ? part.simplified.map((x) => ({ ...x, range: moveRange(x.range, part.base, d, dl) })) : part.simplified,
            summaries: moveSummaries(part.summaries, (r) => moveRange(r, part.base, d, dl)),
          };
    placedCache.set(part, { d, dl, placed });
    return placed;
  }
}

/** The doc's genre from its runs' evidence (in order) and its front matter, as `parsePrepDoc` decides it for the whole text. */
function genreOf(runs: readonly Run[], head: PrepDoc): GenreDecision | undefined {
  let e = noGenreEvidence();
  for (const r of runs) e = mergeGenreEvidence(e, r.part.genre);
  const title = head.frontMatter?.fields.title?.value;
  return decideGenre(
    e,
    head.type,
    () => runs.reduce((c, r) => {
      const x = r.part.readers();
      return { instruction: c.instruction + x.instruction, narrative: c.narrative + x.narrative, templateCues: c.templateCues + x.templateCues };
    }, { instruction: 0, narrative: 0, templateCues: 0 }),
    typeof title === 'string' ? title : undefined,
  );
}

/**
 * FNV-1a of a string's UTF-16 code units. Bucket ends come from it rather than from
 * `Math.random`, so the same text is always bucketed the same way: a failure that depends on
 * where a bucket ends replays from the text alone (and from a property test's seed).
 */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The summaries of consecutive parts merged in buckets, so the doc-level rules combine a few
 * dozen summaries rather than one per section. Bucket ends depend on the parts themselves (not
 * on their count), so an edit changes only its own bucket; a bucket is reused when it holds the
 * same parts as before.
 */
class Buckets {
  private readonly out: Map<string, RuleSummary>[] = [];
  private members: Member[] = [];

  /** Adds a part with its summaries moved to its place (`Placed.summaries`). */
  add(part: Part, summaries: Map<string, RuleSummary>): void {
    this.members.push({ part, summaries });
    if ((part.mark & 31) === 0) this.flush();
  }

  done(): Map<string, RuleSummary>[] {
    this.flush();
    return this.out;
  }

  private flush(): void {
    const members = this.members;
    if (!members.length) return;
    this.members = [];
    const known = bucketCache.get(members[0].part);
    const sameParts = !!known && known.members.length === members.length && known.members.every((m, i) => m.part === members[i].part);
    // The same parts at the same places: a part that moved has new summaries when they hold ranges.
    if (sameParts && known.members.every((m, i) => m.summaries === members[i].summaries)) {
      this.out.push(known.merged);
      return;
    }
    let merged: Map<string, RuleSummary>;
    if (sameParts) {
      // The same parts, moved: only the rules whose summaries were moved are merged again.
      const moved = new Set<string>();
      members.forEach((m, i) => {
        const was = known.members[i].summaries;
        if (m.summaries !== was) for (const [id, x] of m.summaries) if (was.get(id) !== x) moved.add(id);
      });
      const of = (m: Member) => new Map([...moved].flatMap((id): [string, RuleSummary][] => (m.summaries.has(id) ? [[id, m.summaries.get(id)!]] : [])));
      let some = of(members[0]);
      for (let i = 1; i < members.length; i++) some = mergeSummaries(some, of(members[i]));
      merged = new Map(known.merged);
      for (const id of moved) {
        const x = some.get(id);
        if (x) merged.set(id, x);
        else merged.delete(id);
      }
    } else {
      merged = members[0].summaries;
      for (let i = 1; i < members.length; i++) merged = mergeSummaries(merged, members[i].summaries);
    }
    bucketCache.set(members[0].part, { members, merged });
    this.out.push(merged);
  }
}

/** A part in a bucket, with its summaries as placed. */
interface Member {
  part: Part;
  summaries: Map<string, RuleSummary>;
}

const bucketCache = new WeakMap<Part, { members: Member[]; merged: Map<string, RuleSummary> }>();

/** What a run contributes to the doc, in the doc's coordinates. */
interface Placed {
  findings: Finding[];
  directives: Directive[];
  simplified: SimplifiedPlace[];
  /** The part's summaries, those that hold ranges moved (the same map when none does). */
  summaries: Map<string, RuleSummary>;
}

/** The last placement of each part (a part appears at one place in a doc nearly always). */
const placedCache = new WeakMap<Part, { d: number; dl: number; placed: Placed }>();

function movePosition(p: Position, base: number, d: number, dl: number): Position {
  return p.offset >= base ? { line: p.line + dl, column: p.column, offset: p.offset + d } : p;
}

function moveRange(r: Range, base: number, d: number, dl: number): Range {
  return { start: movePosition(r.start, base, d, dl), end: movePosition(r.end, base, d, dl) };
}

function moveOffset(offset: number, base: number, d: number): number {
  return offset >= base ? offset + d : offset;
}

function moveEdit(e: TextEdit, base: number, d: number): TextEdit {
  return { ...e, start: moveOffset(e.start, base, d), end: moveOffset(e.end, base, d) };
}

function moveFinding(f: Finding, base: number, d: number, dl: number): Finding {
  return {
    ...f,
    range: moveRange(f.range, base, d, dl),
    ...(f.fixes ? { fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => moveEdit(e, base, d)) })) } : {}),
    ...(f.related ? { related: f.related.map((x) => ({ ...x, range: moveRange(x.range, base, d, dl) })) } : {}),
  };
}

/** The span an edit changed: [start, oldEnd) of the old text became [start, newEnd) of the new. */
interface Diff {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The changed span between two texts (common prefix and suffix), never splitting a surrogate pair. */
export function changedRange(a: string, b: string): Diff {
  const n = Math.min(a.length, b.length);
  const p = commonPrefix(a, b, n);
  let start = p;
  if (start > 0 && isHigh(a.charCodeAt(start - 1))) start--;
  let s = commonSuffix(a, b, n - p);
  if (s > 0 && isLow(b.charCodeAt(b.length - s))) s--;
  return { start, oldEnd: a.length - s, newEnd: b.length - s };
}

/**
 * Length of the common prefix (at most `max`): doubling blocks compared as strings (a memory
 * compare in the engine), then a binary search in the first block that differs.
 */
function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  let step = 256;
  while (p < max) {
    const e = Math.min(max, p + step);
    if (a.slice(p, e) === b.slice(p, e)) {
      p = e;
      step *= 2;
      continue;
    }
    if (e - p <= 16) break;
    step = Math.max(16, (e - p) >> 1);
    // Narrow down: the mismatch is in [p, e).
    let lo = p;
    let hi = e;
    while (hi - lo > 16) {
      const mid = (lo + hi) >> 1;
      if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
      else hi = mid;
    }
    p = lo;
    break;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common suffix, at most `max`; as `commonPrefix`, from the end. */
function commonSuffix(a: string, b: string, max: number): number {
  const al = a.length;
  const bl = b.length;
  let s = 0;
  let step = 256;
  while (s < max) {
    const e = Math.min(max, s + step);
    if (a.slice(al - e, al - s) === b.slice(bl - e, bl - s)) {
      s = e;
      step *= 2;
      continue;
    }
    let lo = s;
    let hi = e;
    while (hi - lo > 16) {
      const mid = (lo + hi) >> 1;
      if (a.slice(al - mid, al - lo) === b.slice(bl - mid, bl - lo)) lo = mid;
      else hi = mid;
    }
    s = lo;
    break;
  }
  while (s < max && a.charCodeAt(al - 1 - s) === b.charCodeAt(bl - 1 - s)) s++;
  return s;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the chunk (at or after `from`) that starts at `offset`, or -1. */
function findStart(chunks: readonly Chunk[], offset: number, from: number): number {
  const i = partitionPoint(chunks, (c) => c.start < offset, from);
  return i < chunks.length && chunks[i].start === offset ? i : -1;
}

function firstIndex<T>(list: readonly T[], test: (x: T) => boolean): number {
  const i = list.findIndex(test);
  return i === -1 ? list.length : i;
}

function clampLevel(level: number | undefined): number {
  return typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
}

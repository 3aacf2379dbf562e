/**
 * Markdown text → `PrepDoc`: front matter, story sections with their tags, hashtags, inline
 * directives and artifacts, each with exact ranges.
 *
 * The document is split into heading sections first (`split.ts`) and every section is parsed
 * with remark on its own; section results are cached by their text, so after an edit only the
 * changed sections are parsed again.
 */
import type { Html, Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isMap, isScalar, parseDocument } from 'yaml';
import { utf8Length } from './encoding';
import { finishOutline, isPrdTitle } from './artifacts/outline';
import { emptyArtifacts, extractArtifacts, linkArtifacts, mergeArtifacts, placeArtifacts, type Artifacts, type SectionArtifacts } from './artifacts';
import type { UserStory } from './artifacts/user-stories';
import { prepareNoting, type Simplification } from './guard';
import { chunkGenreEvidence, countTemplateCues, decideGenre, mergeGenreEvidence, noGenreEvidence, type GenreDecision, type GenreEvidence, type ReaderCounts } from './genre';
import { decideKind, readBody, isGroup, KIND_TAGS, toldInStarParts, MAX_STORY_PARTS, mayBeStoryPart, mayHeadStoryInParts, storyInParts, storyInPartsByShape, storyPartRole, titleNamesArtifact, type KindDecision, type PartInput, type SectionInput, type SectionKind, type SectionSummary } from './sections';
import { isUnansweredSkeleton } from './skeleton';
import { labelledParts, namesGuidance } from './story-text';
import { splitSections, usedStoryLevel } from './split';
import { TextCache } from './cache';
import { LineIndex, partitionPoint, pushAll } from './text';
import { AXES, LOOPS, type Axis, type Loop, type Range } from './types';

/** Loop tags, axis tags, or any other hashtag. */
export type TagKind = 'loop' | 'axis' | 'other';

/** A hashtag (or a bare word on a `Tags:` line). `name` is lower-case, without `#`. */
export interface Tag {
  name: string;
  kind: TagKind;
  range: Range;
  /** `tags-line`: a `Tags:` line or a line of hashtags right under the heading. */
  source: 'heading' | 'tags-line' | 'body';
}

/** One value of the front matter with the range of its value. */
export interface FrontMatterField {
  value: unknown;
  range: Range;
}

/** The YAML front matter block. */
export interface FrontMatter {
  /** The whole block, fences included. */
  range: Range;
  /** The YAML between the fences. */
  raw: string;
  /** Parsed top-level mapping, when the YAML is valid and a mapping. */
  data?: Record<string, unknown>;
  fields: Record<string, FrontMatterField>;
  error?: { message: string; range: Range };
}

/** A heading. `text` is its plain text, `title` the same without tags. */
export interface Heading {
  level: number;
  text: string;
  title: string;
  range: Range;
}

/** A heading section, or the text before the first heading. */
export interface Section {
  /**
   * What the section is (decided once, in `sections.ts`): `story`, `artifact`, `reference` or
   * `logistics` at story level; `group` over stories one level down; `heading` above story
   * level (a title); `preamble` before the first heading.
   */
  kind: SectionKind;
  /** Why it has that kind, in words ("it recounts your own work ("I cut …")"). */
  kindReason?: string;
  /**
   * For a title (`heading`), a `group` or the `preamble`: what its own text (up to the next
   * heading) is, so an artifact rule knows whether user stories there are an artifact or the
   * examples of an explanation.
   */
  contentKind?: SectionKind;
  range: Range;
  heading?: Heading;
  /** Loop and axis tags (and other hashtags) from the heading line or the `Tags:` line. */
  tags: Tag[];
  /** The `Tags:` line, when the story has one. */
  tagsLine?: Range;
  /** Where tags can be appended: the end of the heading text (before a closing `#` sequence). */
  tagInsertOffset?: number;
  /**
   * A Drill a Question skeleton nobody has filled in yet: a template (kind `artifact`), not a
   * story, so coverage, the status bar and `loop-coverage` do not count it until it holds an answer.
   */
  unanswered?: true;
}

/** A story: a section at the story heading level. */
export interface Story extends Section {
  kind: 'story';
  heading: Heading;
  loopTags: (Tag & { name: Loop })[];
  axisTags: (Tag & { name: Axis })[];
  /** The story's loop tag (the first one), else a loop in the front matter's `tags:`, if any. */
  loop?: Loop;
  /** Start and end offsets of the body (after the heading line). */
  bodyStart: number;
  bodyEnd: number;
  /** The story's `Answers:` line (question ids or question texts), when it has one. */
  answersLine?: { text: string; range: Range };
  /**
   * In a story told in parts, the parts that alone are artifacts (a case study's "User stories"),
   * from their heading: the account's material, still artifacts to the artifact rules.
   * `told` when only the heading makes it one ("Problem statement" over prose): it is read with
   * the story. The others (user stories, criteria, a diagram) are left out of what the story rules
   * read and of its spoken length.
   */
  materialParts?: MaterialPart[];
  /**
   * The parts of the story that give advice to the reader, not the account: a sub-heading or a
   * bold label naming advice ("#### How to Answer", "**What they're looking for:**") over text
   * addressed to the reader ("Show ownership…", "you"). Left out of what the story rules, the
   * classifier, coverage and the spoken length read; still the story's own text to `kindAt`
   * (no artifact). A story whose only account was in them is reference notes, not a story.
   */
  guidanceParts?: GuidancePart[];
}

/** A part of a story that is advice to the reader (see {@link Story.guidanceParts}). */
export interface GuidancePart {
  start: number;
  end: number;
  /** The part's heading or label, for "not counting …" notes. */
  label: string;
}

/** A part of a story told in parts that alone is an artifact (see {@link Story.materialParts}). */
export interface MaterialPart {
  start: number;
  end: number;
  /** The part's heading, for "not counting …" notes. */
  label: string;
  told: boolean;
}

/** An inline directive such as `<!-- prep-loop-disable wrong-loop -->`. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Rule ids; empty means all rules. */
  rules: string[];
  range: Range;
}

/** Where the doc's loop comes from. */
export type LoopSource = { kind: 'front-matter'; range: Range } | { kind: 'glob'; glob: string };

/** A parsed prep doc (or a markdown file that turned out not to be one). */
export interface PrepDoc {
  text: string;
  lines: LineIndex;
  /** Whether the file declares a loop (front matter `loop:` or a `loopByGlob` match). */
  isPrepDoc: boolean;
  /** The doc's loop when it is valid. */
  loop?: Loop;
  loopSource?: LoopSource;
  frontMatter?: FrontMatter;
  /** The `type` field of the front matter (e.g. `prd`), lower-cased. */
  type?: string;
  /**
   * Heading level of its stories: the configured one, or, in a doc with no heading at that level,
   * the shallowest deeper level it uses (`usedStoryLevel`).
   */
  storyLevel: number;
  sections: Section[];
  stories: Story[];
  /** Every hashtag in prose (outside code, HTML and links). */
  hashtags: Tag[];
  directives: Directive[];
  /** The text with code, HTML, front matter and link targets replaced by spaces (same length). */
  prose: string;
  /**
   * Every inline code span (`` `like this` ``), as doc offsets from its first backtick to past its
   * last, in text order. `prose` blanks them; a rule that reads a writer's backticks as a
   * highlighter (`number-placeholder`, `unfinished-text`) looks at their content here.
   */
  inlineCode: [number, number][];
  artifacts: Artifacts;
  /** Tags from the front matter's `tags:` (lower case, without `#`); they apply to the whole doc. */
  frontMatterTags: string[];
  /** Where the parse guard simplified a pathological shape (`guard.ts`), in order; empty for real notes. */
  simplified: SimplifiedPlace[];
  /**
   * What the whole doc is when it is not the writer's own notes: a template to fill in or a guide
   * for a reader (`genre.ts`), with the evidence in words. Decided once, before the section kinds.
   */
  genre?: GenreDecision;
  /** The evidence that decision was made from, summed over the doc's chunks (for the incremental linter). */
  genreEvidence: GenreEvidence;
  /** The body of every chunk (offsets), which {@link readerCounts} reads. @internal */
  genreBodies: [number, number][];
}

/** One place the parse guard simplified: why, the line it happened on, and the section's size for `size`. */
export interface SimplifiedPlace {
  reason: Simplification['reason'];
  /** The whole line (without its line break). */
  range: Range;
  /** For `size`: the section's size in bytes (UTF-8). */
  sectionBytes?: number;
}

/** Options of `parsePrepDoc`. */
export interface ParseOptions {
  /** Heading level of stories (1–6), default 2. */
  storyLevel?: number;
  /** A loop from `loopByGlob`, used when the front matter sets none. */
  globLoop?: { loop: Loop; glob: string };
  /**
   * The doc's genre decided elsewhere (`null`: the writer's own notes): the incremental linter
   * parses a run of chunks alone, but the genre belongs to the whole doc. Absent: decided here.
   */
  genre?: GenreDecision | null;
  /**
   * Whether a doc whose only heading is a title above story level has the title's text judged as
   * one section (default true). The incremental linter says false for a piece of a doc that has
   * other headings. @internal
   */
  soleTitleSection?: boolean;
  /**
   * Whether the stories are at `storyLevel` whatever headings the text has (default false: a doc
   * with titles only above it has them at the level it uses, `usedStoryLevel`). The incremental
   * linter says true for a piece of a doc: the level is the whole doc's, and it lints a doc whose
   * level moves as a whole. @internal
   */
  fixedLevel?: boolean;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

interface SectionAnalysis {
  masked: string;
  heading?: { level: number; text: string; start: number; end: number; textEnd: number };
  /** Top-level headings after the first one (deeper than the section's own level), with their tags line. */
  subHeadings: { level: number; text: string; start: number; end: number; textEnd: number; tagsLine?: SectionAnalysis['tagsLine'] }[];
  hashtags: { name: string; start: number; end: number; inHeading: boolean }[];
  tagsLine?: { start: number; end: number; tags: { name: string; start: number; end: number }[] };
  directives: { kind: Directive['kind']; rules: string[]; start: number; end: number }[];
  /** Inline code spans (section offsets), in text order. */
  inlineCode: [number, number][];
  artifacts: SectionArtifacts;
  yaml?: { value: string; start: number; end: number };
  /** What the parse guard simplified (section offsets). */
  simplified: readonly Simplification[];
}

/** Section analyses by section text (the analysis does not depend on options). */
const cache = new TextCache<SectionAnalysis>(8 * 1024 * 1024);

const HASHTAG = /(?<![\p{L}\p{N}_&#/\\])#(\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*(?:\/\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*)*)/gu;
const TAGS_LINE = /^[ \t]*(?:[-*+][ \t]+)?[*_]{0,2}tags[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*(.*)$/i;
/** A line that holds only hashtags. */
const HASHTAG_LINE = /^[ \t]*(?:#\p{L}[\p{L}\p{N}_/-]*[ \t,]*)+$/u;
const DIRECTIVE = /<!--\s*prep-loop-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;

/** One heading section as the splitter found it, before its kind is decided. */
interface RawSection {
  section: Section;
  level: number;
  start: number;
  end: number;
  /** End of the heading line (body start). */
  bodyStart: number;
  /** Sections one level down inside it. */
  children: RawSection[];
}

/** Parses markdown text into a `PrepDoc`. Never throws. */
export function parsePrepDoc(text: string, options: ParseOptions = {}): PrepDoc {
  const configured = clampLevel(options.storyLevel);
  let chunks = splitSections(text, configured);
  // A doc with no heading at the configured level has its stories at the level it uses.
  const storyLevel = options.fixedLevel ? configured : usedStoryLevel(text, configured, chunks);
  if (storyLevel !== configured) chunks = splitSections(text, storyLevel);
  const lines = new LineIndex(text);
  const doc: PrepDoc = {
    text,
    lines,
    isPrepDoc: false,
    storyLevel,
    sections: [],
    stories: [],
    hashtags: [],
    directives: [],
    prose: '',
    inlineCode: [],
    artifacts: emptyArtifacts(),
    frontMatterTags: [],
    simplified: [],
    genreEvidence: noGenreEvidence(),
    genreBodies: [],
  };
  const proseParts: string[] = [];
  const raw: RawSection[] = [];
  for (const chunk of chunks) {
    const source = text.slice(chunk.start, chunk.end);
    const a = analyse(source);
    const base = chunk.start;
    proseParts.push(a.masked);
    for (const [s, e] of a.inlineCode) doc.inlineCode.push([base + s, base + e]);
    if (chunk.kind === 'front') {
      if (a.yaml) doc.frontMatter = readFrontMatter(a.yaml.value, base + a.yaml.start, lines, lines.range(base, base + a.yaml.end));
      continue;
    }
    for (const x of a.simplified) doc.simplified.push(simplifiedPlace(x, base, lines, x.reason === 'size' ? utf8Length(source) : undefined));
    for (const d of a.directives) doc.directives.push({ kind: d.kind, rules: d.rules, range: lines.range(base + d.start, base + d.end) });
    const hashtags: Tag[] = [];
    for (const h of a.hashtags) pushAll(hashtags, tags(h.name, base + h.start, lines, h.inHeading ? 'heading' : 'body'));
    pushAll(doc.hashtags, hashtags);
    mergeArtifacts(doc.artifacts, placeArtifacts(a.artifacts, base, lines));

    const range = lines.range(chunk.start, chunk.end);
    const docTitle = a.heading && chunk.level < storyLevel ? stripTags(a.heading.text) : undefined;
    doc.genreEvidence = mergeGenreEvidence(doc.genreEvidence, chunkGenreEvidence(docTitle, source));
    doc.genreBodies.push([base + (a.heading ? a.heading.end : 0), chunk.end]);
    if (chunk.kind === 'preamble' || !a.heading) {
      doc.sections.push({ kind: 'preamble', range, tags: [] });
      continue;
    }
    const h = a.heading;
    const headingTags = hashtags.filter((t) => t.source === 'heading');
    const tagsLineTags = (a.tagsLine?.tags ?? []).flatMap((t) => tags(t.name, base + t.start, lines, 'tags-line'));
    const title = stripTags(h.text);
    const heading: Heading = { level: h.level, text: h.text, title, range: lines.range(base + h.start, base + h.end) };
    const section: Section = {
      kind: 'heading',
      range,
      heading,
      tags: [...headingTags, ...tagsLineTags],
      tagInsertOffset: base + h.textEnd,
      ...(a.tagsLine ? { tagsLine: lines.range(base + a.tagsLine.start, base + a.tagsLine.end) } : {}),
    };
    // Headings one level below a story-level heading: parts of one story, or stories of a group.
    const children: RawSection[] = [];
    if (chunk.level === storyLevel && storyLevel < 6) {
      const subs = a.subHeadings.filter((x) => x.level === storyLevel + 1);
      subs.forEach((sub, k) => {
        const start = base + sub.start;
        const end = k + 1 < subs.length ? base + subs[k + 1].start : chunk.end;
        const subTitle = stripTags(sub.text);
        const subTags = [
          ...hashtags.filter((t) => t.range.start.offset >= start && t.range.end.offset <= base + sub.end),
          ...(sub.tagsLine?.tags ?? []).flatMap((t) => tags(t.name, base + t.start, lines, 'tags-line')),
        ].map((t) => (t.source === 'body' && t.range.end.offset <= base + sub.end ? { ...t, source: 'heading' as const } : t));
        const subSection: Section = {
          kind: 'heading',
          range: lines.range(start, end),
          heading: { level: sub.level, text: sub.text, title: subTitle, range: lines.range(start, base + sub.end) },
          tags: subTags,
          tagInsertOffset: base + sub.textEnd,
          ...(sub.tagsLine ? { tagsLine: lines.range(base + sub.tagsLine.start, base + sub.tagsLine.end) } : {}),
        };
        children.push({ section: subSection, level: sub.level, start, end, bodyStart: base + sub.end, children: [] });
      });
    }
    raw.push({ section, level: chunk.level, start: chunk.start, end: chunk.end, bodyStart: base + h.end, children });
  }
  doc.prose = proseParts.join('');
  linkArtifacts(doc.artifacts, text);
  resolveLoop(doc, options);
  doc.frontMatterTags = frontMatterTags(doc.frontMatter);
  if (doc.isPrepDoc) {
    const fmTitle = doc.frontMatter?.fields.title?.value;
    const genre =
      options.genre !== undefined ? options.genre : decideGenre(doc.genreEvidence, doc.type, () => readerCounts(doc), typeof fmTitle === 'string' ? fmTitle : undefined);
    if (genre) doc.genre = genre;
  }
  placeSections(doc, raw, options.soleTitleSection !== false, storyLevel !== configured);
  // Goals under a role header inside a story told as your own work are its narrative, not a backlog.
  if (doc.artifacts.userStories.some((u) => u.group)) doc.artifacts.userStories = doc.artifacts.userStories.filter((u) => !u.group || kindAt(doc, u.range.start.offset) !== 'story');
  return doc;
}

/** What the doc's sentences do (addressed to a reader, or recounting own work) and its cues to fill it in, summed over its chunks' bodies. */
export function readerCounts(doc: PrepDoc): ReaderCounts {
  const c: ReaderCounts = { instruction: 0, narrative: 0, templateCues: 0 };
  for (const [s, e] of doc.genreBodies) {
    const raw = doc.text.slice(s, e);
    const b = readBody(doc.prose.slice(s, e), raw);
    c.instruction += b.instruction;
    c.narrative += b.narrative;
    c.templateCues += countTemplateCues(raw);
  }
  return c;
}

/** A simplification of a section at `base`, as the line it happened on. */
function simplifiedPlace(x: Simplification, base: number, lines: LineIndex, sectionBytes: number | undefined): SimplifiedPlace {
  const line = lines.position(base + x.offset).line;
  return { reason: x.reason, range: lines.range(lines.lineStart(line), lines.lineEnd(line)), ...(sectionBytes !== undefined ? { sectionBytes } : {}) };
}

const ANSWERS_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?answers(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*(\S[^\n]*?)[ \t]*$/im;

/** The `Answers: pm-me-ltv-ceiling, …` line of a story body, if any (the first one). */
function answersLineOf(source: string, bodyStart: number, base: number, lines: LineIndex): { answersLine?: { text: string; range: Range } } {
  const m = ANSWERS_LINE.exec(source.slice(bodyStart));
  if (!m || m.index === undefined) return {};
  const start = base + bodyStart + m.index + m[0].indexOf(m[1]);
  return { answersLine: { text: m[1], range: lines.range(start, start + m[1].length) } };
}

/**
 * The one pass that decides what every heading section is and which are stories: story-level
 * sections get a kind from their text (`sections.ts`); a story-level section over tagged (or
 * clearly story-like) sections one level down is a group, and those are the stories; other
 * sections one level down are parts of the section above them. PRDs are found in between, so
 * a PRD heading's parts are artifacts, never stories.
 */
function placeSections(doc: PrepDoc, raw: RawSection[], soleTitleSection: boolean, usedLevel: boolean): void {
  const { storyLevel } = doc;
  // A doc with one title and no heading at story level ("# How I prioritise" over an answer):
  // the title's text is the doc's one section, judged as a story-level section is.
  const soleTitle = soleTitleSection && raw.length === 1 && raw[0].level < storyLevel ? raw[0] : undefined;
  const companyValue = doc.frontMatter?.fields.company?.value;
  const company = typeof companyValue === 'string' ? companyValue : undefined;
  // User-story starts in document order, counted per section by binary search (not a scan per section).
  const storyStarts = doc.artifacts.userStories.map((u) => u.range.start.offset).sort((a, b) => a - b);
  const storiesIn = (from: number, to: number) => lowerBound(storyStarts, to) - lowerBound(storyStarts, from);
  const storiesInOrder = [...doc.artifacts.userStories].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const estimateStarts = doc.artifacts.estimates.map((e) => e.range.start.offset).sort((a, b) => a - b);
  const estimatesIn = (from: number, to: number) => lowerBound(estimateStarts, to) - lowerBound(estimateStarts, from);
  // Goals listed under a role header ("As a shopper, I want to be able to:") count only where the
  // section is not told as the writer's own account: in a STAR story they are its narrative.
  const groupedStarts = storiesInOrder.filter((u) => u.group).map((u) => u.range.start.offset);
  const ungroupedInOrder = groupedStarts.length ? storiesInOrder.filter((u) => !u.group) : storiesInOrder;
  const groupedGoals = storiesInOrder.filter((u) => u.group);
  /** The section's text with the goals listed under a role header blanked (`without`), or as written. */
  const bodyOf = (text: string, r: RawSection, end: number, without: boolean) => {
    const body = text.slice(r.bodyStart, end);
    if (!without) return body;
    const chars = body.split('');
    for (let i = partitionPoint(groupedGoals, (u) => u.range.end.offset <= r.bodyStart); i < groupedGoals.length && groupedGoals[i].range.start.offset < end; i++) {
      const u = groupedGoals[i];
      for (let k = Math.max(u.range.start.offset, r.bodyStart); k < Math.min(u.range.end.offset, end); k++) if (chars[k - r.bodyStart] !== '\n') chars[k - r.bodyStart] = ' ';
    }
    return chars.join('');
  };
  const inputWith = (r: RawSection, end: number, grouped: boolean, withoutGoals = false): SectionInput => ({
      title: r.section.heading?.title ?? '',
      tags: r.section.tags.map((t) => t.name),
      prose: bodyOf(doc.prose, r, end, withoutGoals),
      raw: bodyOf(doc.text, r, end, withoutGoals),
      // From the heading: a heading may be the story itself ("## As a host, I want …").
      userStories: storiesIn(r.start, end) - (grouped ? 0 : lowerBound(groupedStarts, end) - lowerBound(groupedStarts, r.start)),
      storySpans: storySpansIn(grouped ? storiesInOrder : ungroupedInOrder, r.start, r.bodyStart, end),
      estimates: estimatesIn(r.bodyStart, end),
      isPrdTitle: isPrdTitle(r.section.heading?.title ?? ''),
      ...(company ? { company } : {}),
    });
  const judgeWith = (r: RawSection, end: number, grouped: boolean, withoutGoals = false) => decideKind(inputWith(r, end, grouped, withoutGoals));
  const judge = (r: RawSection, end: number) => {
    if (lowerBound(groupedStarts, end) === lowerBound(groupedStarts, r.start)) return judgeWith(r, end, true);
    const plain = judgeWith(r, end, false);
    // A story told around a list of goals keeps them as its narrative; one whose only account is
    // the goals' own words ("Update any review I have created") is the backlog they are.
    return plain.kind === 'story' && judgeWith(r, end, false, true).kind === 'story' ? plain : judgeWith(r, end, true);
  };
  const placed: Section[] = [];
  /** Story-level candidates by heading offset, with the end of their body. */
  const candidates = new Map<number, { r: RawSection; end: number; material?: MaterialPart[] }>();
  /** Stories told without "I" or "we" (resume-style bullets only), by heading offset. */
  const impersonal = new Set<number>();
  const note = (start: number, d: KindDecision) => {
    if (d.kind === 'story' && d.firstPerson === false) impersonal.add(start);
    return d;
  };
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (r.level !== storyLevel && r !== soleTitle) {
      // Above story level: a title.
      placed.push({ ...r.section, kind: 'heading' });
      continue;
    }
    const children = r.children;
    const end = r.end;
    if (!children.length) {
      const d = note(r.start, judge(r, end));
      placed.push({ ...r.section, kind: d.kind, kindReason: d.reason });
      candidates.set(r.start, { r, end });
      continue;
    }
    // Judged when isGroup asks: most sections over story parts (Situation, Result…) are one
    // story, known from the headings alone, and are then judged once, as a whole.
    const childKinds = children.map((c) => {
      let d: KindDecision | undefined;
      return {
        c,
        star: undefined as [string | undefined] | undefined,
        get d(): KindDecision {
          return (d ??= judge(c, c.end));
        },
      };
    });
    const group = isGroup(
      r.section.heading?.title ?? '',
      () => (!r.section.tags.some((t) => t.kind === 'loop') && judge(r, children[0].start).kind === 'story' ? 1 : 0),
      childKinds.map((k) => ({
        title: k.c.section.heading?.title ?? '',
        tags: k.c.section.tags.map((t) => t.name),
        get kind(): SectionKind {
          return k.d.kind;
        },
        get starParts(): string | undefined {
          return (k.star ??= [toldInStarParts(doc.prose.slice(k.c.bodyStart, k.c.end), doc.text.slice(k.c.bodyStart, k.c.end))])[0];
        },
      })),
    );
    if (group) {
      placed.push({ ...r.section, kind: 'group', kindReason: group.reason });
      for (const k of childKinds) {
        const { c } = k;
        let d = k.d;
        // A block told in its own Situation, Action and Result is a story, however short, and told
        // as one (as a section told in STAR labels is), not a list of resume lines.
        const action = d.kind === 'story' && d.firstPerson !== false ? undefined : (k.star ??= [toldInStarParts(doc.prose.slice(c.bodyStart, c.end), doc.text.slice(c.bodyStart, c.end))])[0];
        if (action !== undefined && !c.section.tags.some((t) => Object.hasOwn(KIND_TAGS, t.name))) d = { kind: 'story', reason: `it is told in its own Situation, Action and Result (${action})` };
        note(c.start, d);
        placed.push({ ...c.section, kind: d.kind, kindReason: d.reason });
        candidates.set(c.start, { r: c, end: c.end });
      }
    } else {
      const d = note(r.start, judge(r, end));
      placed.push({ ...r.section, kind: d.kind, kindReason: d.reason });
      candidates.set(r.start, { r, end });
    }
  }
  // What a part is by its text alone, its heading read as no name at all.
  const bare = (r: RawSection): SectionKind => decideKind({ ...inputWith(r, r.end, true), title: '', isPrdTitle: false }).kind;
  joinStoriesInParts(doc, raw, placed, candidates, usedLevel, bare);
  doc.sections = [...doc.sections, ...placed].sort((a, b) => a.range.start.offset - b.range.start.offset);

  finishOutline(doc);
  // Story-level sections inside a PRD that starts above story level are its parts.
  const spanning = doc.artifacts.prds.filter((p) => p.source === 'heading' && p.level < storyLevel);
  const insidePrd = (offset: number) => spanning.some((p) => offset > p.range.start.offset && offset < p.range.end.offset);
  // A title above story level that names an artifact (a roadmap, KPIs, a "US-12" story doc) makes
  // the untagged sections under it that are not stories its parts.
  // A title whose artifact word only qualifies another ("# Scope slip") names none when it is a
  // story itself (told in parts) or a section under it recounts your own work in the first person:
  // the heading-word rule sections follow.
  const artifactTitles = doc.sections.flatMap((t, i) => {
    const level = t.heading?.level;
    if (!level || level >= storyLevel) return [];
    const next = doc.sections.slice(i + 1).find((n) => n.heading && n.heading.level <= level);
    const end = next ? next.range.start.offset : doc.text.length;
    const recounts = () => t.kind === 'story' || doc.sections.some((s) => s.kind === 'story' && s.range.start.offset > t.range.start.offset && s.range.start.offset < end && !impersonal.has(s.range.start.offset));
    if (!titleNamesArtifact(t.heading!.title, recounts)) return [];
    return [{ title: t.heading!.title, start: t.range.start.offset, end }];
  });
  const underArtifact = (s: Section) => artifactTitles.find((t) => s.range.start.offset > t.start && s.range.start.offset < t.end);
  const fmLoop = doc.frontMatterTags.find((t): t is Loop => (LOOPS as readonly string[]).includes(t));
  // Headings below story level that name PRD parts, in order, for partHeadingsIn.
  const partMarks = doc.artifacts.marks.filter((m) => m.kind === 'heading' && m.level > storyLevel && m.ids.length);
  const partStarts = partMarks.map((m) => m.range.start.offset);
  /** The headings inside a section that name PRD parts, one per part named (at most four shown). */
  const partHeadingsIn = (s: Section): string[] => {
    if (!partMarks.length) return [];
    const seen = new Set<string>();
    const out: string[] = [];
    for (let i = lowerBound(partStarts, s.range.start.offset); i < partMarks.length && partStarts[i] < s.range.end.offset; i++) {
      const fresh = partMarks[i].ids.filter((id) => !seen.has(id));
      if (!fresh.length) continue;
      for (const id of fresh) seen.add(id);
      if (out.length < 4) out.push(partMarks[i].text);
    }
    return seen.size >= 3 ? out : [];
  };
  /**
   * The parts of a story body `[from, to)` that give advice to the reader: labelled as advice
   * (`namesGuidance`) and told to the reader — more sentences addressed to them ("Show
   * ownership…", "you") than recounting work — outside the story's artifact parts.
   */
  const guidanceIn = (from: number, to: number, material: readonly MaterialPart[] | undefined): GuidancePart[] => {
    const prose = doc.prose.slice(from, to);
    return labelledParts(prose, namesGuidance).flatMap((p): GuidancePart[] => {
      const start = from + p.start;
      const end = from + p.end;
      if (material?.some((m) => !m.told && m.start < end && start < m.end)) return [];
      const b = readBody(doc.prose.slice(from + p.textStart, end), doc.text.slice(from + p.textStart, end));
      return b.instruction > 0 && b.instruction > b.narrative + b.resume ? [{ start, end, label: p.label }] : [];
    });
  };
  /** A candidate read with and without its advice to the reader, when it has any. */
  const withoutAdvice = (c: { r: RawSection; end: number; material?: MaterialPart[] }) => {
    const guidance = guidanceIn(c.r.bodyStart, c.end, c.material);
    if (!guidance.length) return undefined;
    const without = (text: string) => blankSpans(text, guidance, c.r.bodyStart);
    const input = inputWith(c.r, c.end, true);
    const prose = without(input.prose);
    return {
      guidance,
      advice: guidance.map((p) => `"${p.label}"`).join(', '),
      whole: decideKind(input),
      d: decideKind({ ...input, prose, raw: without(input.raw) }),
      empty: !/[\p{L}\p{N}]/u.test(prose),
    };
  };
  const stories: Story[] = [];
  doc.sections = doc.sections.map((s) => {
    const c = s.kind === 'group' ? undefined : candidates.get(s.range.start.offset);
    if (!c || !s.heading) return s;
    const tagged = s.tags.some((t) => t.kind === 'loop');
    if (doc.type === 'prd') return { ...s, kind: 'artifact', kindReason: 'the doc is a PRD (type: prd), so its sections are its parts' };
    if (!tagged && insidePrd(s.range.start.offset)) return { ...s, kind: 'artifact', kindReason: 'it is a part of the PRD above it' };
    // Reference notes under such a title are its parts, and so are "stories" that only look like
    // resume bullets ("Standardized the rollout playbook" in a roadmap's Later column).
    const parent = !tagged && (s.kind === 'reference' || (s.kind === 'story' && impersonal.has(s.range.start.offset))) ? underArtifact(s) : undefined;
    if (parent) return { ...s, kind: 'artifact', kindReason: `it is a part of "${parent.title}" above it` };
    // Reference notes whose own sub-headings name three parts of a requirements doc ("Objective",
    // "Functional requirements", "Success metrics", "Assumptions") are that doc.
    const named = !tagged && s.kind === 'reference' ? partHeadingsIn(s) : [];
    if (named.length >= 3) return { ...s, kind: 'artifact', kindReason: `its sub-headings name the parts of a requirements doc (${named.map((t) => `"${t}"`).join(', ')})` };
    // Advice to the reader can outweigh the account beside it ("How to Answer", three imperatives,
    // over a two-sentence example answer): read without it, an account is the story it is.
    const promoted = s.kind === 'reference' && !tagged && !doc.genre ? withoutAdvice(c) : undefined;
    if (s.kind !== 'story' && !(promoted && promoted.whole.kind === 'reference' && promoted.d.kind === 'story')) return s;
    // In a template or a guide, bullets that only look like resume lines ("Constrained mobility
    // users …" in a teardown) are the material's points, not an account of the writer's work.
    if (doc.genre && !tagged && impersonal.has(s.range.start.offset)) {
      return { ...s, kind: 'reference', kindReason: `it lists points with no "I" or "we", and this doc is a ${doc.genre.genre} (${doc.genre.reason}), not an account of your own work` };
    }
    if (isUnansweredSkeleton(doc.text.slice(c.r.bodyStart, c.end))) {
      // An untouched Drill a Question skeleton is a template until the candidate answers it.
      return { ...s, kind: 'artifact', kindReason: 'it is a drill skeleton you have not answered yet', unanswered: true };
    }
    const read = promoted ?? withoutAdvice(c);
    const guidance = read?.guidance ?? [];
    let kindReason = s.kindReason;
    if (read) {
      // Read without the advice to the reader, the section is what its own text is: an account
      // (quoted by its reason now, not the advice), or, with no account besides, advice notes.
      const { whole, d, advice } = read;
      if (!s.tags.some((t) => t.kind !== 'other' || Object.hasOwn(KIND_TAGS, t.name)) && whole.kind === 'story' && d.kind !== 'story') {
        return { ...s, kind: 'reference', kindReason: `it gives advice to the reader (under ${advice}) and ${read.empty ? 'holds no account of your own work besides' : `the rest is no account of your own work either: ${d.reason}`}` };
      }
      if (d.kind === 'story' && (s.kind !== 'story' || (whole.kind === 'story' && s.kindReason === whole.reason))) kindReason = `${d.reason} (not counting the advice under ${advice})`;
    }
    const loopTags = s.tags.filter((t): t is Tag & { name: Loop } => t.kind === 'loop');
    const axisTags = s.tags.filter((t): t is Tag & { name: Axis } => t.kind === 'axis');
    const loop = loopTags[0]?.name ?? fmLoop;
    const story: Story = {
      ...s,
      kind: 'story',
      heading: s.heading,
      loopTags,
      axisTags,
      bodyStart: c.r.bodyStart,
      bodyEnd: c.end,
      ...(loop ? { loop } : {}),
      ...answersLineOf(doc.text.slice(0, c.end), c.r.bodyStart, 0, doc.lines),
      ...(c.material?.length ? { materialParts: c.material } : {}),
      ...(guidance.length ? { guidanceParts: guidance } : {}),
      ...(kindReason !== undefined ? { kindReason } : {}),
    };
    stories.push(story);
    return story;
  });
  doc.stories = stories;
  // What the text of titles, groups and the preamble is, up to the next heading: read with the
  // same evidence as a story-level section's (where its user stories and criteria are, its
  // estimates), so a heading-less backlog is the backlog a `#` line over it would make.
  const rawAt = new Map<number, RawSection>();
  for (const r of raw) if (!rawAt.has(r.start)) rawAt.set(r.start, r);
  doc.sections = doc.sections.map((s, i) => {
    if (s.kind !== 'heading' && s.kind !== 'preamble' && s.kind !== 'group') return s;
    const bodyStart = s.heading ? s.heading.range.end.offset : s.range.start.offset;
    const next = doc.sections[i + 1];
    const bodyEnd = Math.min(s.range.end.offset, next ? next.range.start.offset : doc.text.length);
    const firstSub = rawAt.get(s.range.start.offset)?.children[0];
    const end = firstSub ? Math.min(bodyEnd, firstSub.start) : bodyEnd;
    const d = decideKind({
      title: s.heading?.title ?? '',
      tags: [],
      prose: doc.prose.slice(bodyStart, end),
      raw: doc.text.slice(bodyStart, end),
      userStories: storiesIn(bodyStart, end),
      storySpans: storySpansIn(storiesInOrder, bodyStart, bodyStart, end),
      estimates: estimatesIn(bodyStart, end),
      isPrdTitle: false,
      ...(company ? { company } : {}),
    });
    return { ...s, contentKind: d.kind === 'story' ? 'reference' : d.kind };
  });
}

/**
 * A title one level above the stories over story-level sections named as the parts of one story
 * ("# Portal relaunch" over "## Context", "## What I did", "## Results") is that one story, as
 * `###` parts under a `##` story are: the title becomes the story, spanning its parts, and the
 * parts are no sections of their own. Only the parts right after the title, back to back, count
 * (the incremental linter reads exactly those chunks together).
 */
function joinStoriesInParts(
  doc: PrepDoc,
  raw: RawSection[],
  placed: Section[],
  candidates: Map<number, { r: RawSection; end: number; material?: MaterialPart[] }>,
  anyTitle: boolean,
  bare: (r: RawSection) => SectionKind,
): void {
  const { storyLevel } = doc;
  if (storyLevel < 2 || doc.type === 'prd') return;
  let at: Map<number, Section> | undefined;
  const gone = new Set<number>();
  const stories = new Map<number, Section>();
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    const title = t.section.heading?.title ?? '';
    // In a doc whose stories are at the level it uses (no heading at the configured one), the
    // title is the heading right above them however many levels up ("# Launch" over "### Context").
    if (!(t.level === storyLevel - 1 || (anyTitle && t.level < storyLevel)) || !mayHeadStoryInParts(title) || isPrdTitle(title)) continue;
    const next = (k: number) => k < raw.length && raw[k].level === storyLevel && raw[k].start === raw[k - 1].end;
    // The parts named as the steps of a story (Context, What I did, Results) right after the title…
    let k = i + 1;
    while (next(k) && storyPartRole(raw[k].section.heading?.title ?? '')) k++;
    if (!next(i + 1) || !next(i + 2)) continue;
    at ??= new Map(placed.map((s) => [s.range.start.offset, s]));
    const input = (p: RawSection): PartInput => ({ title: p.section.heading?.title ?? '', tags: p.section.tags.map((x) => x.name), kind: at!.get(p.start)?.kind ?? 'reference' });
    const titleTags = t.section.tags.map((x) => x.name);
    let parts = raw.slice(i + 1, k);
    let d = parts.length >= 2 ? storyInParts(titleTags, parts.map(input)) : undefined;
    if (!d) {
      // …or, whatever they are called, the sections that may be parts of one story, by the doc's shape
      // (at most one more than a story is told in, so a long run of notes is never one story).
      let m = i + 1;
      while (next(m) && m - i - 1 <= MAX_STORY_PARTS && mayBeStoryPart(input(raw[m]))) m++;
      parts = raw.slice(i + 1, m);
      d = storyInPartsByShape(titleTags, parts.map(input), () => judgeJoined(doc, t, parts), title);
      k = m;
    }
    if (!d) continue;
    const end = parts[parts.length - 1].end;
    for (const p of parts) {
      gone.add(p.start);
      candidates.delete(p.start);
    }
    stories.set(t.start, { ...t.section, kind: 'story', kindReason: d.reason, range: doc.lines.range(t.start, end) });
    // A part that is an artifact only by its heading ("Problem statement" over prose) is told with the story.
    const material = parts.filter((p) => at!.get(p.start)?.kind === 'artifact').map((p): MaterialPart => ({ start: p.start, end: p.end, label: p.section.heading?.title ?? '', told: bare(p) !== 'artifact' }));
    candidates.set(t.start, { r: t, end, ...(material.length ? { material } : {}) });
    i = k - 1;
  }
  if (!stories.size) return;
  // One pass over the placed sections, however many stories were joined.
  let n = 0;
  for (const s of placed) {
    const start = s.range.start.offset;
    if (!gone.has(start)) placed[n++] = stories.get(start) ?? s;
  }
  placed.length = n;
}

/**
 * What a title's text and its parts' read as together, the parts' heading lines left out (a
 * heading such as "Your decision" is no sentence to the reader).
 */
function judgeJoined(doc: PrepDoc, title: RawSection, parts: readonly RawSection[]): KindDecision {
  const end = parts[parts.length - 1].end;
  // The user stories a part quotes (a case study's "User stories") and their criteria are
  // its artifact, checked by the artifact rules: left out, as the headings are, the parts read as
  // the account they tell ("I want to…" is the story's wording, no hypothetical of the writer's).
  const stories = [...doc.artifacts.userStories].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const spans: [number, number][] = [...parts.map((p): [number, number] => [p.start - title.bodyStart, p.bodyStart - title.bodyStart]), ...storySpansIn(stories, title.bodyStart, title.bodyStart, end)];
  const blank = (text: string) => {
    let out = text;
    for (const [from, to] of spans) out = out.slice(0, from) + out.slice(from, to).replace(/[^\r\n]/g, ' ') + out.slice(to);
    return out;
  };
  const prose = blank(doc.prose.slice(title.bodyStart, end));
  const companyValue = doc.frontMatter?.fields.company?.value;
  return decideKind({
    title: title.section.heading?.title ?? '',
    tags: [],
    prose,
    raw: blank(doc.text.slice(title.bodyStart, end)),
    userStories: 0,
    isPrdTitle: false,
    ...(typeof companyValue === 'string' ? { company: companyValue } : {}),
  });
}

/**
 * The spans of the user stories that start in `[first, to)` (a section from its heading), of their
 * own criteria and criteria labels, inside the body `[from, to)` and relative to `from`, sorted
 * and merged. Empty when no story starts there.
 */
function storySpansIn(stories: readonly UserStory[], first: number, from: number, to: number): [number, number][] {
  const raw: [number, number][] = [];
  const add = (r: Range | undefined) => {
    if (!r) return;
    const a = Math.max(from, r.start.offset);
    const b = Math.min(to, r.end.offset);
    if (b > a) raw.push([a - from, b - from]);
  };
  // `stories` is in document order: find the first that starts in the section by bisection.
  for (let i = partitionPoint(stories, (u) => u.range.start.offset < first); i < stories.length && stories[i].range.start.offset < to; i++) {
    const u = stories[i];
    add(u.range);
    add(u.criteriaLabel);
    for (const c of u.criteria) add(c.range);
  }
  if (!raw.length) return raw;
  raw.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [raw[0]];
  for (const [a, b] of raw.slice(1)) {
    const last = out[out.length - 1];
    if (a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** `text` (starting at document offset `base`) with the spans' characters blanked, line breaks kept. */
function blankSpans(text: string, spans: readonly { start: number; end: number }[], base: number): string {
  let out = text;
  for (const p of spans) {
    const from = Math.max(0, p.start - base);
    const to = Math.min(out.length, p.end - base);
    if (to > from) out = out.slice(0, from) + out.slice(from, to).replace(/[^\r\n]/g, ' ') + out.slice(to);
  }
  return out;
}

/** The first index of a sorted array whose value is at least `x`. */
function lowerBound(sorted: readonly number[], x: number): number {
  return partitionPoint(sorted, (v) => v < x);
}

/**
 * The kind of text at an offset: the kind of the story-level section holding it, or what a
 * title's, group's or the preamble's own text is. `undefined` in the front matter.
 */
export function kindAt(doc: PrepDoc, offset: number): SectionKind | undefined {
  // Sections are in document order and tile the text after the front matter (a group's children
  // come after it), so the innermost one is the last that starts at or before the offset.
  const sections = doc.sections;
  const s = sections[partitionPoint(sections, (x) => x.range.start.offset <= offset) - 1] as Section | undefined;
  if (!s || (offset >= s.range.end.offset && !(offset === s.range.end.offset && offset === doc.text.length))) return undefined;
  // A story's artifact part (a case study's user stories) stays an artifact to the artifact rules.
  const material = (s as Partial<Story>).materialParts;
  if (material && material.some((p) => offset >= p.start && offset < p.end)) return 'artifact';
  return s.contentKind ?? s.kind;
}

function clampLevel(level: number | undefined): number {
  return typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
}

function tagKind(n: string): TagKind {
  return (LOOPS as readonly string[]).includes(n) ? 'loop' : (AXES as readonly string[]).includes(n) ? 'axis' : 'other';
}

/**
 * The tags one hashtag (or `Tags:` word) at `start` stands for. A nested tag (`#po/execution`,
 * `#interview/pm`) is one tag per segment, each with its own range, so a fix edits one segment.
 */
function tags(name: string, start: number, lines: LineIndex, source: Tag['source']): Tag[] {
  const hash = lines.text[start] === '#' ? 1 : 0;
  if (!name.includes('/')) return [{ name: name.toLowerCase(), kind: tagKind(name.toLowerCase()), range: lines.range(start, start + hash + name.length), source }];
  const out: Tag[] = [];
  let at = start + hash;
  for (const [i, seg] of name.split('/').entries()) {
    if (seg) out.push({ name: seg.toLowerCase(), kind: tagKind(seg.toLowerCase()), range: lines.range(i === 0 ? start : at, at + seg.length), source });
    at += seg.length + 1;
  }
  return out;
}

/** The front matter's `tags:` (a list, or a comma- or space-separated string), lower case without `#`. */
function frontMatterTags(fm: FrontMatter | undefined): string[] {
  const v = fm?.data?.tags;
  const list: unknown[] = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,\s]+/) : [];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^#/, '').trim().toLowerCase()).filter(Boolean);
}

function stripTags(text: string): string {
  return text.replace(HASHTAG, '').replace(/\s+/g, ' ').trim();
}

function resolveLoop(doc: PrepDoc, options: ParseOptions): void {
  const fm = doc.frontMatter;
  const field = fm?.fields.loop;
  if (fm) {
    const type = fm.fields.type?.value;
    if (typeof type === 'string') doc.type = type.trim().toLowerCase();
  }
  if (field) {
    doc.isPrepDoc = true;
    const v = typeof field.value === 'string' ? field.value.trim().toLowerCase() : undefined;
    if (v && (LOOPS as readonly string[]).includes(v)) {
      doc.loop = v as Loop;
      doc.loopSource = { kind: 'front-matter', range: field.range };
    }
    return;
  }
  if (fm?.error && /^\s*loop\s*:/m.test(fm.raw)) {
    doc.isPrepDoc = true;
    return;
  }
  if (options.globLoop) {
    doc.isPrepDoc = true;
    doc.loop = options.globLoop.loop;
    doc.loopSource = { kind: 'glob', glob: options.globLoop.glob };
  }
}

function readFrontMatter(raw: string, start: number, lines: LineIndex, range: Range): FrontMatter {
  const fm: FrontMatter = { range, raw, fields: {} };
  let parsed;
  try {
    parsed = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    fm.error = { message: e instanceof Error ? e.message : String(e), range };
    return fm;
  }
  const err = parsed.errors[0];
  if (err) {
    const [s, e] = err.pos;
    const message = err.message.split('\n')[0];
    fm.error = { message, range: lines.range(start + s, start + Math.max(e, s + 1)) };
    return fm;
  }
  const contents = parsed.contents;
  if (contents === null) return fm;
  if (!isMap(contents)) {
    fm.error = { message: 'The front matter must be a list of `key: value` lines.', range };
    return fm;
  }
  const data: Record<string, unknown> = {};
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const node = pair.value;
    const value = isScalar(node) ? node.value : node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
    data[key] = value;
    const r = node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? (node.range as number[]) : undefined;
    const keyRange = isScalar(pair.key) && pair.key.range ? pair.key.range : undefined;
    // An empty value (`loop:`) has no range of its own: point at the key instead.
    const empty = !r || r[1] <= r[0];
    const vs = !empty ? r[0] : keyRange ? keyRange[0] : 0;
    const ve = !empty ? r[1] : keyRange ? keyRange[1] : vs;
    fm.fields[key.toLowerCase()] = { value, range: lines.range(start + vs, start + ve) };
  }
  fm.data = data;
  return fm;
}

function analyse(source: string): SectionAnalysis {
  return cache.getOrCompute(source, analyseUncached);
}

function analyseUncached(source: string): SectionAnalysis {
  let tree: Root;
  const prepared = prepareNoting(source);
  try {
    tree = processor.parse(prepared.text);
  } catch {
    tree = { type: 'root', children: [] };
  }
  // Which code units to blank (line breaks stay): marked here, the masked text built once at the end.
  const blanked = new Uint8Array(source.length);
  let anyBlank = false;
  const linkSpans: [number, number][] = [];
  const directives: SectionAnalysis['directives'] = [];
  const inlineCode: SectionAnalysis['inlineCode'] = [];
  let yaml: SectionAnalysis['yaml'];
  const blank = (s: number, e: number) => {
    if (s < e) {
      blanked.fill(1, s, e);
      anyBlank = true;
    }
  };
  // Iterative walk: documents can nest thousands of levels deep (quotes, lists, brackets).
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const p = node.position;
    const s = p?.start.offset ?? 0;
    const e = p?.end.offset ?? 0;
    switch (node.type) {
      case 'yaml':
        yaml = { value: node.value, start: source.indexOf('\n') + 1, end: e };
        blank(s, e);
        continue;
      case 'inlineCode':
        inlineCode.push([s, e]);
        blank(s, e);
        continue;
      case 'code':
      case 'definition':
      case 'image':
      case 'imageReference':
        blank(s, e);
        continue;
      case 'html':
        readDirectives(node, s, directives);
        blank(s, e);
        continue;
      case 'link':
      case 'linkReference': {
        linkSpans.push([s, e]);
        // Keep the link text (it is prose), blank the brackets and the target.
        let cursor = s;
        for (const child of node.children) {
          const cs = child.position?.start.offset ?? cursor;
          blank(cursor, cs);
          cursor = child.position?.end.offset ?? cs;
        }
        blank(cursor, e);
        break;
      }
      default:
        break;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  const maskedText = anyBlank ? maskText(source, blanked) : source;

  let heading: SectionAnalysis['heading'];
  const first = tree.children[0];
  if (first && first.type === 'heading' && first.position) {
    const s = first.position.start.offset ?? 0;
    const e = first.position.end.offset ?? 0;
    // Tags go after the heading's last text, before a trailing HTML comment.
    const content = first.children.filter((c) => c.type !== 'html');
    const lastChild = content[content.length - 1];
    let textEnd = lastChild?.position?.end.offset ?? e;
    while (textEnd > s && (source[textEnd - 1] === ' ' || source[textEnd - 1] === '\t')) textEnd--;
    heading = { level: first.depth, text: plainText(first).trim(), start: s, end: e, textEnd: Math.min(textEnd, headingTextEnd(source, s, e)) };
  }

  const hashtags: SectionAnalysis['hashtags'] = [];
  for (const m of maskedText.matchAll(HASHTAG)) {
    const start = m.index;
    const end = start + m[0].length;
    if (linkSpans.some(([ls, le]) => start >= ls && start < le)) continue;
    hashtags.push({ name: m[1], start, end, inHeading: !!heading && start >= heading.start && end <= heading.end });
  }

  const tagsLine = heading ? findTagsLine(maskedText, heading.end) : undefined;
  const subHeadings: SectionAnalysis['subHeadings'] = [];
  for (const node of tree.children.slice(1)) {
    if (node.type !== 'heading' || !node.position) continue;
    const hs = node.position.start.offset ?? 0;
    const he = node.position.end.offset ?? 0;
    const sub = { level: node.depth, text: plainText(node).trim(), start: hs, end: he, textEnd: headingTextEnd(source, hs, he) };
    const tl = findTagsLine(maskedText, he);
    subHeadings.push(tl ? { ...sub, tagsLine: tl } : sub);
  }
  inlineCode.sort((x, y) => x[0] - y[0]);
  return { masked: maskedText, hashtags, directives, inlineCode, subHeadings, simplified: prepared.found, artifacts: extractArtifacts(tree, source, maskedText), ...(heading ? { heading } : {}), ...(tagsLine ? { tagsLine } : {}), ...(yaml ? { yaml } : {}) };
}

/** `source` with every marked code unit but line breaks replaced by a space (same length). */
function maskText(source: string, blanked: Uint8Array): string {
  const parts: string[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const from = i;
    const mark = blanked[i];
    while (i < n && blanked[i] === mark) i++;
    const run = source.slice(from, i);
    parts.push(mark ? run.replace(/[^\r\n]/g, ' ') : run);
  }
  return parts.join('');
}

/** End of an ATX heading's text, before trailing spaces and a closing `#` sequence. */
function headingTextEnd(source: string, start: number, end: number): number {
  const nl = source.indexOf('\n', start);
  const lineEnd = nl === -1 || nl > end ? end : nl;
  const line = source.slice(start, lineEnd);
  if (!/^ {0,3}#/.test(line)) return lineEnd;
  const m = /(?:[ \t]+#+)?[ \t]*$/.exec(line);
  return start + (m ? m.index : line.length);
}

function findTagsLine(masked: string, from: number): SectionAnalysis['tagsLine'] {
  let pos = from;
  while (pos < masked.length) {
    const nl = masked.indexOf('\n', pos);
    const end = nl === -1 ? masked.length : nl;
    const line = masked.slice(pos, end).replace(/\r$/, '');
    if (line.trim() === '') {
      if (nl === -1) return undefined;
      pos = nl + 1;
      continue;
    }
    if (HASHTAG_LINE.test(line)) {
      // A line of hashtags right under the heading (Obsidian's habit) is the story's tags line.
      const found = [...line.matchAll(HASHTAG)].map((h) => ({ name: h[1], start: pos + h.index, end: pos + h.index + h[0].length }));
      return { start: pos, end: pos + line.length, tags: found };
    }
    const m = TAGS_LINE.exec(line);
    if (!m) return undefined;
    const listStart = pos + line.length - m[1].length;
    // Drop a closing emphasis marker (`_Tags: po, execution_`) so the last tag reads cleanly.
    let list = m[1];
    while (list.length && /[*_ \t]/.test(list[list.length - 1])) list = list.slice(0, -1);
    const tags: { name: string; start: number; end: number }[] = [];
    for (const w of list.matchAll(/#?(\p{L}[\p{L}\p{N}-]*(?:_[\p{L}\p{N}-]+)*)/gu)) {
      tags.push({ name: w[1], start: listStart + w.index, end: listStart + w.index + w[0].length });
    }
    return { start: pos, end: pos + line.length, tags };
  }
  return undefined;
}

function readDirectives(node: Html, start: number, into: SectionAnalysis['directives']): void {
  for (const m of node.value.matchAll(DIRECTIVE)) {
    const rules = m[2]
      .split(/[\s,]+/)
      .map((r) => r.trim().toLowerCase())
      .filter((r) => r && r !== '--');
    into.push({ kind: m[1] as Directive['kind'], rules, start: start + m.index, end: start + m.index + m[0].length });
  }
}

function plainText(root: Nodes): string {
  let out = '';
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if ('value' in node && typeof node.value === 'string' && node.type !== 'html') out += node.value;
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out;
}

/** Every heading section's kind and reason as plain data (the doc title and the preamble left out). */
export function sectionSummaries(doc: PrepDoc): SectionSummary[] {
  return doc.sections.flatMap((s) =>
    s.heading && s.kindReason ? [{ line: s.heading.range.start.line + 1, level: s.heading.level, heading: s.heading.title, kind: s.kind, reason: s.kindReason }] : [],
  );
}

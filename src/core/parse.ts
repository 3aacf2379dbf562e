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
import { finishOutline, isPrdTitle } from './artifacts/outline';
import { emptyArtifacts, extractArtifacts, mergeArtifacts, placeArtifacts, type Artifacts, type SectionArtifacts } from './artifacts';
import { isUnansweredSkeleton } from './skeleton';
import { splitSections } from './split';
import { TextCache } from './cache';
import { LineIndex } from './text';
import { AXES, LOOPS, type Axis, type Loop, type Range } from './types';

/** Loop tags, axis tags, or any other hashtag. */
export type TagKind = 'loop' | 'axis' | 'other';

/** A hashtag (or a bare word on a `Tags:` line). `name` is lower-case, without `#`. */
export interface Tag {
  name: string;
  kind: TagKind;
  range: Range;
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
  /** `artifact`: a story-level section holding an artifact or reference list (PRD, user stories, screening questions). */
  kind: 'story' | 'heading' | 'artifact' | 'preamble';
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
  /** The story's loop tag (the first one), if any. */
  loop?: Loop;
  /** Start and end offsets of the body (after the heading line). */
  bodyStart: number;
  bodyEnd: number;
  /** The story's `Answers:` line (question ids or question texts), when it has one. */
  answersLine?: { text: string; range: Range };
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
  storyLevel: number;
  sections: Section[];
  stories: Story[];
  /** Every hashtag in prose (outside code, HTML and links). */
  hashtags: Tag[];
  directives: Directive[];
  /** The text with code, HTML, front matter and link targets replaced by spaces (same length). */
  prose: string;
  artifacts: Artifacts;
}

/** Options of `parsePrepDoc`. */
export interface ParseOptions {
  /** Heading level of stories (1–6), default 2. */
  storyLevel?: number;
  /** A loop from `loopByGlob`, used when the front matter sets none. */
  globLoop?: { loop: Loop; glob: string };
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

interface SectionAnalysis {
  masked: string;
  heading?: { level: number; text: string; start: number; end: number; textEnd: number };
  hashtags: { name: string; start: number; end: number; inHeading: boolean }[];
  tagsLine?: { start: number; end: number; tags: { name: string; start: number; end: number }[] };
  directives: { kind: Directive['kind']; rules: string[]; start: number; end: number }[];
  artifacts: SectionArtifacts;
  yaml?: { value: string; start: number; end: number };
}

/** Section analyses by section text (the analysis does not depend on options). */
const cache = new TextCache<SectionAnalysis>(8 * 1024 * 1024);

const HASHTAG = /(?<![\p{L}\p{N}_&#/\\])#(\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*)/gu;
const TAGS_LINE = /^[ \t]*(?:[-*+][ \t]+)?[*_]{0,2}tags[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*(.*)$/i;
/** Story-level headings that hold an artifact or a reference list rather than an interview story. */
export const ARTIFACT_HEADING =
  /^(?:(?:draft|my|sample|example|practice)\s+)?(?:user stories|backlog|acceptance criteria|screening questions|questions to ask|(?:a\/b|ab) (?:test )?readout|glossary|resources|links|notes|to-?do|reading list)\b/i;
const DIRECTIVE = /<!--\s*prep-loop-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;

/** Parses markdown text into a `PrepDoc`. Never throws. */
export function parsePrepDoc(text: string, options: ParseOptions = {}): PrepDoc {
  const storyLevel = clampLevel(options.storyLevel);
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
    artifacts: emptyArtifacts(),
  };
  const proseParts: string[] = [];
  for (const chunk of splitSections(text, storyLevel)) {
    const source = text.slice(chunk.start, chunk.end);
    const a = analyse(source);
    const base = chunk.start;
    proseParts.push(a.masked);
    if (chunk.kind === 'front') {
      if (a.yaml) doc.frontMatter = readFrontMatter(a.yaml.value, base + a.yaml.start, lines, lines.range(base, base + a.yaml.end));
      continue;
    }
    for (const d of a.directives) doc.directives.push({ kind: d.kind, rules: d.rules, range: lines.range(base + d.start, base + d.end) });
    const hashtags = a.hashtags.map((h) => tag(h.name, lines.range(base + h.start, base + h.end), h.inHeading ? 'heading' : 'body'));
    doc.hashtags.push(...hashtags);
    mergeArtifacts(doc.artifacts, placeArtifacts(a.artifacts, base, lines));

    const range = lines.range(chunk.start, chunk.end);
    if (chunk.kind === 'preamble' || !a.heading) {
      doc.sections.push({ kind: 'preamble', range, tags: [] });
      continue;
    }
    const h = a.heading;
    const headingTags = hashtags.filter((t) => t.source === 'heading');
    const tagsLineTags = (a.tagsLine?.tags ?? []).map((t) => tag(t.name, lines.range(base + t.start, base + t.end), 'tags-line'));
    const tags = [...headingTags, ...tagsLineTags];
    const title = stripTags(h.text);
    const heading: Heading = { level: h.level, text: h.text, title, range: lines.range(base + h.start, base + h.end) };
    const section: Section = {
      kind: sectionKind(chunk.level, storyLevel, title, tags),
      range,
      heading,
      tags,
      tagInsertOffset: base + h.textEnd,
      ...(a.tagsLine ? { tagsLine: lines.range(base + a.tagsLine.start, base + a.tagsLine.end) } : {}),
    };
    if (section.kind === 'story' && isUnansweredSkeleton(source.slice(h.end))) {
      // An untouched Drill a Question skeleton is a template until the candidate answers it.
      section.kind = 'artifact';
      section.unanswered = true;
    }
    doc.sections.push(section);
    if (section.kind === 'story') {
      const loopTags = tags.filter((t): t is Tag & { name: Loop } => t.kind === 'loop');
      const axisTags = tags.filter((t): t is Tag & { name: Axis } => t.kind === 'axis');
      const story: Story = {
        ...section,
        kind: 'story',
        heading,
        loopTags,
        axisTags,
        bodyStart: base + h.end,
        bodyEnd: chunk.end,
        ...(loopTags.length ? { loop: loopTags[0].name } : {}),
        ...answersLineOf(source, h.end, base, lines),
      };
      doc.sections[doc.sections.length - 1] = story;
      doc.stories.push(story);
    }
  }
  doc.prose = proseParts.join('');
  resolveLoop(doc, options);
  if (doc.type === 'prd') {
    // In a PRD doc the sections are the PRD's parts, not interview stories.
    doc.sections = doc.sections.map((s) => (s.kind === 'story' ? { ...s, kind: 'artifact' } : s));
    doc.stories = [];
  }
  finishOutline(doc);
  return doc;
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
 * A story-level section is a story unless its heading names an artifact or a list (PRD, backlog,
 * notes…); a heading with a loop tag is always a story, whatever its words.
 */
function sectionKind(level: number, storyLevel: number, title: string, tags: Tag[]): Section['kind'] {
  if (level !== storyLevel) return 'heading';
  if (tags.some((t) => t.kind === 'loop')) return 'story';
  return ARTIFACT_HEADING.test(title) || isPrdTitle(title) ? 'artifact' : 'story';
}

function clampLevel(level: number | undefined): number {
  return typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
}

function tag(name: string, range: Range, source: Tag['source']): Tag {
  const n = name.toLowerCase();
  const kind: TagKind = (LOOPS as readonly string[]).includes(n) ? 'loop' : (AXES as readonly string[]).includes(n) ? 'axis' : 'other';
  return { name: n, kind, range, source };
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

/** Paragraphs with more emphasis markers than this are parsed with those markers neutralised. */
const MAX_EMPHASIS_MARKERS = 1000;
const BLOCK_START_LINE = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|$)/;

/**
 * micromark resolves emphasis in time that grows with the square of the delimiter runs in one
 * paragraph: a paragraph of tens of thousands of `*`/`_` would take minutes. Such paragraphs
 * carry no structure Prep Loop reads, so their markers are replaced before parsing (same length,
 * offsets unchanged; quote markers and a leading list bullet are kept). Real notes never come near the limit.
 */
function defuseEmphasis(source: string): string {
  if (source.length < MAX_EMPHASIS_MARKERS) return source;
  let total = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 42 || c === 95) total++;
  }
  if (total <= MAX_EMPHASIS_MARKERS) return source;
  const lines = source.split('\n');
  const markers = lines.map((l) => {
    let n = 0;
    for (let i = 0; i < l.length; i++) {
      const c = l.charCodeAt(i);
      if (c === 42 || c === 95) n++;
    }
    return n;
  });
  // Paragraph-like runs: a run starts at a blank line, a list item, a heading or a quote.
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && !BLOCK_START_LINE.test(lines[j])) j++;
    let sum = 0;
    for (let k = i; k < j; k++) sum += markers[k];
    if (sum > MAX_EMPHASIS_MARKERS) {
      for (let k = i; k < j; k++) {
        const bullet = /^[ \t>]*(?:[-*+][ \t])?/.exec(lines[k])?.[0] ?? '';
        lines[k] = bullet + lines[k].slice(bullet.length).replace(/[*_]/g, '\u00b7');
      }
    }
    i = j;
  }
  return lines.join('\n');
}

function analyseUncached(source: string): SectionAnalysis {
  let tree: Root;
  try {
    tree = processor.parse(defuseEmphasis(source));
  } catch {
    tree = { type: 'root', children: [] };
  }
  const masked = source.split('');
  const linkSpans: [number, number][] = [];
  const directives: SectionAnalysis['directives'] = [];
  let yaml: SectionAnalysis['yaml'];
  const blank = (s: number, e: number) => {
    for (let i = s; i < e && i < masked.length; i++) if (masked[i] !== '\n' && masked[i] !== '\r') masked[i] = ' ';
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
      case 'code':
      case 'inlineCode':
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
  const maskedText = masked.join('');

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
  return { masked: maskedText, hashtags, directives, artifacts: extractArtifacts(tree, source, maskedText), ...(heading ? { heading } : {}), ...(tagsLine ? { tagsLine } : {}), ...(yaml ? { yaml } : {}) };
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

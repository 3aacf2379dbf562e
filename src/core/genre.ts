/**
 * What a whole prep doc is: the writer's own notes (the usual case), a template still to be
 * filled in, or a guide written for a reader (a handbook, a cheat sheet, a teardown of someone
 * else's product). Decided once per doc, in the same pass that decides the section kinds
 * (`parse.ts`), from evidence gathered chunk by chunk, so that rules can consult it: the numbers
 * in a template's example goals ("< 5 P0 bugs") are not the candidate's goals, and a bullet list
 * in a teardown is not an account of the candidate's work.
 *
 * The evidence of each chunk (a heading section at or above story level, or the preamble) is read
 * from that chunk's text alone and summed, so the incremental linter can gather it run by run and
 * reach the same decision as a full parse. When unsure, the doc is the writer's own notes: a
 * template or guide needs its title to say so and its text to agree, or many unfilled
 * placeholders across its sections.
 */
import { isMarkupTag } from './text';

/** What a doc is, when it is not the writer's own notes. */
export type DocGenre = 'template' | 'guide';

/** A doc-level judgement with its evidence in words ("its title names a template (…) and it holds 14 placeholders…"). */
export interface GenreDecision {
  genre: DocGenre;
  /** Why, in words; reads after "This doc is a template: " / "…a guide: ". */
  reason: string;
}

/** What one chunk (or a run of chunks, summed) says about the doc's genre. Independent of any decision. */
export interface GenreEvidence {
  /** The first heading above story level (the doc title), without tags, if the chunks hold one. */
  title?: string;
  /** Chunks with a heading or text (the denominator for {@link placeholderChunks}). */
  chunks: number;
  /** Template slots: `[Feature name]`, `<persona>`, `{metric}`, `{success_metric}`, `{{company}}`, `XX%` (citations like `[R1]` and links are not). */
  placeholders: number;
  /** Chunks holding at least one placeholder. */
  placeholderChunks: number;
}

/**
 * What the doc's sentences do, summed over its chunks as `readBody` counts them, and its cues to
 * fill it in: read only when the cheap evidence leaves a template or guide possible (a body read
 * costs more than the rest).
 */
export interface ReaderCounts {
  /** Sentences addressed to a reader ("you", "Use …"). */
  instruction: number;
  /** Sentences recounting the writer's own past work ("I cut …", "we shipped …"). */
  narrative: number;
  /** Places that tell the reader to fill the doc in: "Use this template", "Fill in the blanks", "Replace [brackets]". */
  templateCues: number;
}

/** Evidence of nothing: the start of a sum. */
export function noGenreEvidence(): GenreEvidence {
  return { chunks: 0, placeholders: 0, placeholderChunks: 0 };
}

/** The evidence of two runs, `a` before `b` (the doc title is the first one). */
export function mergeGenreEvidence(a: GenreEvidence, b: GenreEvidence): GenreEvidence {
  const title = a.title ?? b.title;
  return {
    ...(title !== undefined ? { title } : {}),
    chunks: a.chunks + b.chunks,
    placeholders: a.placeholders + b.placeholders,
    placeholderChunks: a.placeholderChunks + b.placeholderChunks,
  };
}

/**
 * A template slot anywhere in a line, code blocks included (a template is often a fenced block to
 * copy): words in brackets (`[Feature name]`, `[what you did]`), `<persona>`, `{metric}`, `{snake_case}`,
 * `{{mustache}}`, `XX%` (not LaTeX `\text{…}` or a `${…}` template literal).
 * Not a link (`[text](…)`, `[text][ref]`, `[ref]: …`), a checkbox, a footnote or a citation (`[R1]`, `[12]`).
 */
const SLOT = /(?<!!)\[(?![ xX]\]|\^)((?:[A-Z][^\]\n]{0,40}|[a-z]+(?: [a-z]+){0,3}))\](?![([:])|<[a-z][a-z -]{1,30}>|(?<![\\\w$])(?:\{\{[ \t]*[A-Za-z][\w .-]{1,60}\}\}|\{[A-Za-z][\w -]{1,60}\})|\bX{1,3}%|\bX{2,}\b/g;
/** Bracket contents that are citations or codes, not slots: `R1`, `A2`, `TODO` is a slot. */
const CITATION = /^(?:[A-Z]{0,3}\d+[a-z]?|[A-Z]{1,3}|[ivx]+)$/;

/** Words that ask the reader to fill the doc in (global: {@link chunkGenreEvidence} counts them; first letters in both cases, as the `i` flag costs a slow compile and scan). */
const TEMPLATE_CUE =
  /\b(?:[Uu]se (?:this|the following|the) template|[Cc]opy (?:this|the) (?:template|block|outline)|(?:[Dd]uplicate|[Cc]lone) this (?:doc|page|file|template)|[Ff]ill (?:in|out) (?:the|this|each|every|your|all)\b|[Rr]eplace (?:the )?(?:\[|<|brackets|placeholders|bracketed)|(?:[Pp]laceholders?|[Bb]rackets?) (?:with your|to fill)|[Tt]emplate (?:to|for) (?:draft|fill|write|use))/g;

/** Counts the places in a text that tell the reader to fill it in (see {@link TEMPLATE_CUE}). */
export function countTemplateCues(text: string): number {
  TEMPLATE_CUE.lastIndex = 0;
  let n = 0;
  while (TEMPLATE_CUE.exec(text)) n++;
  return n;
}

/** Counts the template slots of a text (see {@link SLOT}). @internal */
export function countSlots(text: string): number {
  if (!/[[<{X]/.test(text)) return 0;
  let n = 0;
  for (const m of text.matchAll(SLOT)) {
    if (m[1] !== undefined && CITATION.test(m[1].trim())) continue;
    if (m[0].startsWith('<') && isMarkupTag(m[0], lineAround(text, m.index))) continue;
    n++;
  }
  return n;
}

/** The line of `text` that holds offset `at`. */
function lineAround(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const nl = text.indexOf('\n', at);
  return text.slice(start, nl < 0 ? text.length : nl);
}

/**
 * The evidence of one chunk. `title` is its heading when that heading is above story level (a doc
 * title), `text` the chunk's raw text.
 */
export function chunkGenreEvidence(title: string | undefined, text: string): GenreEvidence {
  const placeholders = countSlots(text);
  return {
    ...(title !== undefined ? { title } : {}),
    chunks: /\S/.test(text) ? 1 : 0,
    placeholders,
    placeholderChunks: placeholders > 0 ? 1 : 0,
  };
}

/** A title naming a template as what the doc is: "PRD Template", "Template: STAR story", "STAR template for PMs" (not "PRD (from the team template)"). */
const TEMPLATE_TITLE = /(?<!\b(?:from|based on|using|after|per|via|with)\b[^:]{0,40})\b(?:templates?|fill[- ]in(?: the blanks)?|worksheet|boilerplate|skeleton)\b/i;
/**
 * A title naming teaching or analysis material written for a reader: "Execution Interview Guide",
 * "A guide to…", "PM Handbook", "Cheat sheet", "Product teardown". "Guide" only as a noun ("Using
 * data to guide your roadmap" is a verb).
 */
const GUIDE_TITLE =
  /\bguide(?:book)?s?\b(?=\s*(?:$|[:(–—|-]|to\b|for\b|on\b|of\b|\d))|\b(?:handbook|playbook|cheat ?sheet|crib sheet|primer|study (?:guide|notes)|teardowns?|tear-?down)\b/i;

/** A short quote of a title for a reason. */
function quoteTitle(title: string): string {
  const t = title.replace(/[*_`]/g, '').trim();
  return t.length <= 60 ? `"${t}"` : `"${t.slice(0, 60).replace(/\s+\S*$/, '')}…"`;
}

/**
 * The doc's genre from its summed evidence and its front matter `type:`, or undefined for the
 * writer's own notes. `type: template` / `type: guide` decide it outright; `type: notes` says it
 * is the writer's own. The title is the front matter's `title:`, else the first heading above
 * story level. `counts` is called only when the rest leaves a template or guide possible.
 */
export function decideGenre(e: GenreEvidence, type: string | undefined, counts: () => ReaderCounts, frontMatterTitle?: string): GenreDecision | undefined {
  if (type === 'template') return { genre: 'template', reason: 'its front matter says so (type: template)' };
  if (type === 'guide') return { genre: 'guide', reason: 'its front matter says so (type: guide)' };
  if (type === 'notes') return undefined;
  const slots = `${e.placeholders} placeholder${e.placeholders === 1 ? '' : 's'} to fill in`;
  const title = (frontMatterTitle ?? e.title)?.replace(/[*_`]/g, '').trim();
  const slotted = e.placeholders >= 8 && e.placeholderChunks >= 3 && e.placeholderChunks >= e.chunks / 3;
  const namesTemplate = !!title && TEMPLATE_TITLE.test(title);
  const guideTitle = !!title && GUIDE_TITLE.test(title);
  if (!namesTemplate && !slotted && !guideTitle) return undefined;
  const c = counts();
  const templateTitle = namesTemplate && (e.placeholders >= 3 || c.templateCues > 0);
  if (templateTitle && c.narrative <= Math.max(2, e.placeholders / 4)) {
    const cue = c.templateCues > 0 && e.placeholders < 3 ? 'it tells the reader how to fill it in' : `it holds ${slots}`;
    return { genre: 'template', reason: `its title (${quoteTitle(title)}) names a template, and ${cue}` };
  }
  // Unfilled slots all over the doc, with hardly an account among them.
  if (slotted && c.narrative <= e.placeholders / 8) {
    return { genre: 'template', reason: `${e.placeholderChunks} of its ${e.chunks} sections hold placeholders (${slots})` };
  }
  if (guideTitle && c.instruction >= c.narrative && c.instruction > 0) {
    return { genre: 'guide', reason: `its title (${quoteTitle(title)}) names material written for a reader, and more of its sentences address the reader (${c.instruction}) than recount your own work (${c.narrative})` };
  }
  return undefined;
}

/**
 * Small helpers the rules share: loop names for messages and the fixes several rules offer.
 */
import type { PrepDoc, Section, Story, Tag } from '../parse';
import type { Fix, Loop, RelatedInfo, SingleLoop } from '../types';

/**
 * Different pieces of evidence (distinct terms, none inside another) a loop verdict needs before
 * a rule treats it as sure: a `loop-drift` warning, an `untagged-story` tag written by a fix. With
 * fewer ("roadmap" and "strategy" in a short story) it is a lean, not a verdict.
 */
export const SURE_EVIDENCE = 3;

/** "PM", "PO" or "hybrid" for messages. */
export function loopName(loop: Loop): string {
  return loop === 'hybrid' ? 'hybrid' : loop.toUpperCase();
}

/** The other single loop. */
export function otherLoop(loop: SingleLoop): SingleLoop {
  return loop === 'pm' ? 'po' : 'pm';
}

/** Replaces a tag by another, keeping whether it had a `#`. */
export function retagFix(doc: PrepDoc, tag: Tag, to: string, title?: string): Fix {
  const original = doc.text.slice(tag.range.start.offset, tag.range.end.offset);
  const hash = original.startsWith('#') ? '#' : '';
  return {
    title: title ?? `Retag as #${to}`,
    edits: [{ start: tag.range.start.offset, end: tag.range.end.offset, newText: hash + to }],
  };
}

/** Appends a tag to a story's heading. */
export function addTagFix(story: Story, tag: string, title?: string): Fix {
  const at = story.tagInsertOffset ?? story.heading.range.end.offset;
  return { title: title ?? `Add #${tag}`, edits: [{ start: at, end: at, newText: ` #${tag}` }] };
}

/** Sets the doc's loop in its front matter (or adds front matter when the loop came from a glob). */
export function setDocLoopFix(doc: PrepDoc, loop: Loop): Fix | undefined {
  const field = doc.frontMatter?.fields.loop;
  const title = `Set this doc's loop to ${loop}`;
  if (field) return { title, edits: [{ start: field.range.start.offset, end: field.range.end.offset, newText: loop }] };
  if (doc.frontMatter) {
    if (doc.frontMatter.error) return undefined;
    const nl = doc.text.indexOf('\n');
    return { title, edits: [{ start: nl + 1, end: nl + 1, newText: `loop: ${loop}\n` }] };
  }
  // A blank line between the new front matter and the text, as a writer would leave it. (Always:
  // the fix must not depend on more of the doc than the section it is for, so that the
  // incremental linter, which checks a section with the front matter only, offers the same fix.)
  return { title, edits: [{ start: 0, end: 0, newText: `---\nloop: ${loop}\n---\n\n` }] };
}

/** Points at the front matter line (or glob) that sets the doc's loop. */
export function loopSourceInfo(doc: PrepDoc): RelatedInfo[] {
  const src = doc.loopSource;
  if (src?.kind === 'front-matter' && doc.loop) return [{ range: src.range, message: `This doc is set to the ${loopName(doc.loop)} loop here.` }];
  return [];
}

/** Where to report doc-level findings: the `loop:` value, else the first line. */
export function docAnchor(doc: PrepDoc) {
  const field = doc.frontMatter?.fields.loop;
  if (field) return field.range;
  return doc.lines.range(0, doc.lines.lineEnd(0));
}

/** The story's text for classification: heading title plus body prose (code and HTML blanked). */
export function storyProse(doc: PrepDoc, story: Story): { text: string; offset: number } {
  const offset = story.heading.range.start.offset;
  let text = doc.prose.slice(offset, story.bodyEnd);
  // A story told in parts is read without its artifact parts (a case study's user stories): their
  // wording is the artifact's, not what the writer did (see Story.materialParts).
  for (const p of story.materialParts ?? []) if (!p.told) text = text.slice(0, p.start - offset) + text.slice(p.start - offset, p.end - offset).replace(/[^\r\n]/g, ' ') + text.slice(p.end - offset);
  // Nor is its advice to the reader ("#### How to Answer" over "Show your personal growth…"): it is
  // the coach's wording, not the writer's work (see Story.guidanceParts).
  for (const p of story.guidanceParts ?? []) text = text.slice(0, p.start - offset) + text.slice(p.start - offset, p.end - offset).replace(/[^\r\n]/g, ' ') + text.slice(p.end - offset);
  return { text, offset };
}

/** The prose of any section (story or artifact), for drill detection. */
export function sectionProse(doc: PrepDoc, section: Section): string {
  return doc.prose.slice(section.range.start.offset, section.range.end.offset);
}

/** The loop a story is meant for: its own loop tag, else the doc's; undefined for hybrid. */
export function intendedLoop(doc: PrepDoc, story: Story): SingleLoop | undefined {
  const loop = story.loop ?? doc.loop;
  return loop === 'pm' || loop === 'po' ? loop : undefined;
}

/** Joins evidence terms for a message: "backlog, grooming and velocity". */
export function listTerms(terms: string[], max = 4): string {
  const uniq = [...new Set(terms.map((t) => t.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim()))].filter(Boolean).slice(0, max);
  if (uniq.length <= 1) return uniq.join('');
  return `${uniq.slice(0, -1).join(', ')} and ${uniq[uniq.length - 1]}`;
}

/** The same fix, marked as one the user must choose (never applied by fix-all or --fix). */
export function manual(fix: Fix, isManual = true): Fix {
  return isManual ? { ...fix, manual: true } : fix;
}

/** Whether a story carries a loop tag for the other loop than its single-loop doc (what `wrong-loop` reports). */
export function offLoop(doc: PrepDoc, story: Story): boolean {
  const docLoop = doc.loop;
  if (docLoop !== 'pm' && docLoop !== 'po') return false;
  return story.loopTags.some((t) => t.name !== docLoop && t.name !== 'hybrid');
}

/** Whether tagging a story with `loop` agrees with the doc (a hybrid doc agrees with anything). */
export function agreesWithDoc(doc: PrepDoc, loop: Loop): boolean {
  return !doc.loop || doc.loop === 'hybrid' || loop === 'hybrid' || doc.loop === loop;
}

/**
 * The words an evidence hit covers, with a number glued in front when it is part of the term
 * ("13-point story", "2 week sprint", not "point story"); a count of people or things stays out
 * ("analysts", not "12 analysts").
 */
export function evidenceWords(text: string, e: { start: number; end: number }): string {
  const words = text.slice(e.start, e.end);
  const m = /\d+(?:[.,]\d+)?(-|\s)$/.exec(text.slice(Math.max(0, e.start - 12), e.start));
  const glue = m && (m[1] === '-' || /^(?:points?|pts?|weeks?|days?|hours?)\b/i.test(words));
  return glue ? text.slice(e.start - m[0].length, e.end) : words;
}

/** One inline code span of the text: its offsets (backticks included) and its content (backticks and outer spaces off). */
export interface CodeSpan {
  start: number;
  end: number;
  content: string;
}

/** The inline code spans that start between two doc offsets, in text order. */
export function codeSpansIn(doc: PrepDoc, from: number, to: number): CodeSpan[] {
  const out: CodeSpan[] = [];
  const spans = doc.inlineCode;
  // Spans are in text order: find the first one at `from` by halving, so a doc of many sections stays linear.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][0] < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length && spans[i][0] < to; i++) {
    const [start, end] = spans[i];
    const content = doc.text.slice(start, end).replace(/^`+|`+$/g, '').trim();
    out.push({ start, end, content });
  }
  return out;
}

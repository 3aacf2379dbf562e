/**
 * A story's spoken text: the body as a candidate would say it out loud (code, HTML, the `Tags:`
 * line and hashtags blanked), its word count and its spoken length. Shared by the story rules and
 * the editor's hover. Editor-free.
 */
import type { PrepDoc, Story } from './parse';
import { partitionPoint } from './text';

/** Words a candidate says per minute when telling a story in an interview. */
export const DEFAULT_WORDS_PER_MINUTE = 150;

/** The body prose of a story, same length as the body, with offset of its first character. */
export interface StoryBody {
  text: string;
  /** Document offset of `text[0]`. */
  offset: number;
}

/**
 * The story's body as it is spoken: `doc.prose` (code, HTML and link targets already blanked)
 * from the end of the heading line to the end of the section, with the `Tags:` line and every
 * hashtag blanked too. Offsets are kept: `text[i]` is document offset `offset + i`. Computed once
 * per story (three rules and the hover ask), and in time linear in the story: a doc with 20,000
 * stories and 40,000 hashtags must not scan every hashtag per story.
 */
export function storyBody(doc: PrepDoc, story: Story): StoryBody {
  const hit = bodies.get(story);
  if (hit && hit.doc === doc) return hit.body;
  const offset = story.bodyStart;
  const end = story.bodyEnd;
  const blanks: [number, number][] = [];
  if (story.tagsLine) blanks.push([story.tagsLine.start.offset, story.tagsLine.end.offset]);
  // `doc.hashtags` are in document order: start at the first one inside the body.
  const tags = doc.hashtags;
  for (let i = partitionPoint(tags, (t) => t.range.start.offset < offset); i < tags.length && tags[i].range.start.offset < end; i++) if (tags[i].range.end.offset <= end) blanks.push([tags[i].range.start.offset, tags[i].range.end.offset]);
  blanks.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = offset;
  for (const [start, stop] of blanks) {
    const s = Math.max(at, start);
    const e = Math.min(end, stop);
    if (e <= s) continue;
    parts.push(doc.prose.slice(at, s), ' '.repeat(e - s));
    at = e;
  }
  parts.push(doc.prose.slice(at, end));
  const body = { text: parts.join(''), offset };
  bodies.set(story, { doc, body });
  return body;
}

const bodies = new WeakMap<Story, { doc: PrepDoc; body: StoryBody }>();

const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

/** The number of spoken words in a text ("28%" and "week-one" are one word each). */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(WORD)) if (m[0]) n++;
  return n;
}

/** How long a story takes to tell. */
export interface SpokenLength {
  words: number;
  /** At `wordsPerMinute`. */
  minutes: number;
  wordsPerMinute: number;
}

/** The spoken length of a story's body. */
export function spokenLength(doc: PrepDoc, story: Story, wordsPerMinute = DEFAULT_WORDS_PER_MINUTE): SpokenLength {
  const wpm = Number.isFinite(wordsPerMinute) && wordsPerMinute > 0 ? wordsPerMinute : DEFAULT_WORDS_PER_MINUTE;
  const words = countWords(storyBody(doc, story).text);
  return { words, minutes: words / wpm, wordsPerMinute: wpm };
}

/** "under a minute", "about 1 minute", "about 2.5 minutes": rounded to the nearest half minute. */
export function formatMinutes(minutes: number): string {
  if (!(minutes >= 0.75)) return 'under a minute';
  const half = Math.round(minutes * 2) / 2;
  return `about ${half} minute${half === 1 ? '' : 's'}`;
}

/**
 * The hover for a story heading: how long the story takes to tell. Undefined when `offset` is not
 * on a story's heading line.
 */
export function storyLengthHover(doc: PrepDoc, offset: number, wordsPerMinute = DEFAULT_WORDS_PER_MINUTE): { markdown: string; story: Story } | undefined {
  const story = doc.stories.find((s) => offset >= s.heading.range.start.offset && offset <= s.heading.range.end.offset);
  if (!story) return undefined;
  const len = spokenLength(doc, story, wordsPerMinute);
  return { story, markdown: `**Spoken length:** ${formatMinutes(len.minutes)} (${len.words} word${len.words === 1 ? '' : 's'} at ${len.wordsPerMinute} a minute). Behavioural answers land best in about two minutes.` };
}

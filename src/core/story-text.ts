/**
 * A story's spoken text: the body as a candidate would say it out loud (code, HTML, the `Tags:`
 * line and hashtags blanked), its word count and its spoken length. Shared by the story rules and
 * the editor's hover. Editor-free.
 */
import type { PrepDoc, Story } from './parse';

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
 * hashtag blanked too. Offsets are kept: `text[i]` is document offset `offset + i`.
 */
export function storyBody(doc: PrepDoc, story: Story): StoryBody {
  const offset = story.bodyStart;
  let text = doc.prose.slice(offset, story.bodyEnd);
  const blank = (start: number, end: number) => {
    const s = Math.max(0, start - offset);
    const e = Math.min(text.length, end - offset);
    if (e > s) text = text.slice(0, s) + ' '.repeat(e - s) + text.slice(e);
  };
  if (story.tagsLine) blank(story.tagsLine.start.offset, story.tagsLine.end.offset);
  for (const t of doc.hashtags) if (t.range.start.offset >= offset && t.range.end.offset <= story.bodyEnd) blank(t.range.start.offset, t.range.end.offset);
  return { text, offset };
}

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

const FIRST_PERSON = /(?<![\p{L}\p{N}'’])(?:I|[Ww]e|[Mm]y|[Oo]ur|[Mm]e|[Uu]s)(?![\p{L}\p{N}])/gu;

/**
 * Whether a story's body reads as a first-person account: it says I / we / my / our / me / us
 * (outside quotes) at least once per `wordsPerUse` words. The story rules judge only such text: a
 * section of definitions, a quiz answer or a teardown that slipped into the stories has no result
 * or owner to judge, and a long guide with one "we" in it is not an account.
 */
export function readsAsAccount(text: string, wordsPerUse = 150): boolean {
  const unquoted = text.replace(/"[^"\n]{0,300}"|“[^”\n]{0,300}”/g, ' ');
  const need = Math.max(1, Math.floor(countWords(unquoted) / wordsPerUse));
  let n = 0;
  for (const _ of unquoted.matchAll(FIRST_PERSON)) if (++n >= need) return true;
  return false;
}

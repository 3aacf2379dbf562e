/**
 * A story's spoken text: the body as a candidate would say it out loud (code, HTML, the `Tags:`
 * line and hashtags blanked), its word count and its spoken length. Shared by the story rules and
 * the editor's hover. Editor-free.
 */
import type { PrepDoc, Story } from './parse';
import { readStarTables } from './sections';
import { linesOf, partitionPoint } from './text';

/** Words a candidate says per minute when telling a story in an interview. */
export const DEFAULT_WORDS_PER_MINUTE = 150;

/** A part of a story section that is not said in the answer: advice to the reader, notes, follow-ups. */
export interface LeftOutPart {
  /** The part's label as written ("How to Answer", "Why this works"). */
  label: string;
  /** Document offsets of the part, label included: [start, end). */
  start: number;
  end: number;
}

/** The body prose of a story, same length as the body, with offset of its first character. */
export interface StoryBody {
  text: string;
  /** Document offset of `text[0]`. */
  offset: number;
  /** The parts blanked because they are not the spoken answer, in document order. */
  leftOut: LeftOutPart[];
}

/**
 * The labels of the parts of a story section that are not its spoken answer, in one table (tested
 * on the label in lower case, without bold, numbering, a trailing colon or a bracketed aside). Each
 * pattern says what its part is:
 * - `unspoken`: never said in the answer (coaching on how to answer, tips, notes, why the answer
 *   works, follow-up questions, what the interviewer looks for, mistakes to avoid);
 * - `advice`: a label of advice to the reader. That a part is advice also takes its text being
 *   addressed to the reader (`parse.ts`), so "### Approach" over "I approached it by…" stays the
 *   story's own part, and such labels ("approach", "why they ask") are advice but not `unspoken`.
 * "Example answer", "My answer", "Result", "What I learned" and "Key takeaway" (the candidate's own
 * lesson, which is said) are in neither.
 */
const PART_LABELS: { pattern: string; unspoken: boolean; advice: boolean }[] = [
  {
    pattern: String.raw`how (?:to|you (?:should|could|can)|i would|i'd) (?:answer|approach|structure|frame|tackle|handle|answer and structure)(?: (?:this|it|the|your)(?: (?:question|answer|one))?)?`,
    unspoken: true,
    advice: true,
  },
  {
    pattern: String.raw`(?:(?:answer(?:ing)?|interview|interviewer|coach(?:ing)?|pro|quick|key|extra|delivery|my) )?(?:tips?|pointers|hints)(?: (?:for|on|to) [a-z' ]{1,40})?`,
    unspoken: true,
    advice: true,
  },
  {
    pattern: String.raw`what (?:the )?interviewers? (?:is |are |'s |'re )?(?:looking for|look for|want(?:s)? to (?:hear|see|know)|listen(?:s|ing)? for|assess(?:es|ing)?|evaluat(?:e|es|ing)|test(?:s|ing)?|want(?:s)?)`,
    unspoken: true,
    advice: true,
  },
  {
    pattern: String.raw`what (?:they|this question|the question)(?: is | are |'re |'s | )(?:looking for|testing|assessing|really asks?|want(?:s)?(?: to (?:hear|see|know))?)`,
    unspoken: true,
    advice: true,
  },
  { pattern: String.raw`(?:common )?mistakes(?: to avoid)?|what to avoid|pitfalls(?: to avoid)?|dos and don'?ts|do'?s and don'?ts`, unspoken: true, advice: true },
  { pattern: String.raw`answer (?:framework|structure|strategy|template|guide|tips)`, unspoken: true, advice: true },
  { pattern: String.raw`(?:(?:my|coach(?:ing)?|interviewer(?:'s)?|prep|extra|side|personal|private) )?notes?(?: (?:to self|for me|for later))?`, unspoken: true, advice: false },
  { pattern: String.raw`why (?:this|it|the|my|that) (?:answer |story |response |example )?works`, unspoken: true, advice: false },
  { pattern: String.raw`what (?:makes|made) (?:this|it|the answer) (?:work|good|strong|effective)`, unspoken: true, advice: false },
  {
    pattern: String.raw`(?:(?:likely|possible|probable|expected|common|potential|anticipated) )?follow[- ]?ups?(?: questions?| to expect| to prepare for)?`,
    unspoken: true,
    advice: false,
  },
  { pattern: String.raw`(?:key )?takeaways? for (?:the )?interviewers?`, unspoken: true, advice: false },
  {
    pattern: String.raw`why (?:they|interviewers?|the interviewer|companies|employers|recruiters|hiring managers) ask(?: (?:this|it|the question|this question))?|why (?:this|the) question(?: matters| is asked)?`,
    unspoken: false,
    advice: true,
  },
  { pattern: String.raw`(?:(?:suggested|recommended|answer(?:ing)?|response|star|car|par) )?(?:framework|approach|structure)(?: to (?:use|follow|answer))?`, unspoken: false, advice: true },
];

function labelsWhere(keep: (l: (typeof PART_LABELS)[number]) => boolean): RegExp {
  return new RegExp('^(?:' + PART_LABELS.filter(keep).map((l) => l.pattern).join('|') + ')$');
}

const NOT_SPOKEN_LABEL = labelsWhere((l) => l.unspoken);
const GUIDANCE_LABEL = labelsWhere((l) => l.advice);

/** Whether a part label ("#### How to Answer", "**What they're looking for:**") names advice to the reader. */
export function namesGuidance(label: string): boolean {
  return GUIDANCE_LABEL.test(plainLabel(label));
}

/** The label as tested: lower case, straight apostrophes, no bold, numbering, colon, emoji or "(…)". */
function plainLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[*_`]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/^[\s\d.)\-:#]+/, '')
    .replace(/[^a-z' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[ :-]+$/, '');
}

/** Whether a part label ("#### How to Answer", "**Why this works:**") names a part that is not the spoken answer. */
export function namesUnspokenPart(label: string): boolean {
  return NOT_SPOKEN_LABEL.test(plainLabel(label));
}

/** A heading line. */
const HEADING = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
/** A bold label at the start of a line (also in a list item): group 1 the label, group 2 what follows on its line. */
const BOLD_LABEL_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)([^*_\n]{2,80}?)(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:|(?:\*\*|__)(?=[ \t]*$))(.*)$/;
/** A plain label alone on its line ("Tips:"). */
const PLAIN_LABEL_LINE = /^[ \t]*([A-Za-z][A-Za-z' ’-]{1,60}):[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/;

/**
 * The parts of a text under a label `names` accepts, as offsets into `text` (label included;
 * `textStart` is where the text after the label starts). Decided from labels and structure only:
 * - a sub-heading with such a label ("#### How to Answer") runs to the next heading as high as it;
 * - a bold (or plain) label alone on its line ("**Tips:**") runs through the list or lines under it,
 *   up to a blank line before a paragraph that is not a list item, a heading or another label;
 * - a bold label followed by text ("**Why this works:** …") is its paragraph, with a list right under it.
 */
export function labelledParts(text: string, names: (label: string) => boolean): { label: string; start: number; end: number; textStart: number }[] {
  const lines = linesOf(text);
  const out: { label: string; start: number; end: number; textStart: number }[] = [];
  const isLabelLine = (t: string) => HEADING.test(t) || BOLD_LABEL_LINE.test(t) || PLAIN_LABEL_LINE.test(t);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    if (!line.trim()) continue;
    const h = HEADING.exec(line);
    if (h) {
      if (!names(h[2])) continue;
      const level = h[1].length;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const n = HEADING.exec(lines[j].text);
        if (n && n[1].length <= level) break;
      }
      out.push({ label: h[2].replace(/[*_`]/g, '').trim(), start: lines[i].start, end: j < lines.length ? lines[j].start : text.length, textStart: Math.min(lines[i].end + 1, text.length) });
      i = j - 1;
      continue;
    }
    const b = BOLD_LABEL_LINE.exec(line) ?? PLAIN_LABEL_LINE.exec(line);
    if (!b || !names(b[1])) continue;
    const alone = !(b[2] ?? '').replace(/[*_:\s]+/g, '');
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = lines[j].text;
      if (isLabelLine(t)) break;
      if (t.trim()) continue;
      // A blank line: the part goes on only when a list item follows (a list of tips with gaps).
      let k = j + 1;
      while (k < lines.length && !lines[k].text.trim()) k++;
      if (!alone || k >= lines.length || !LIST_ITEM.test(lines[k].text)) break;
      j = k - 1;
    }
    let end = j < lines.length ? lines[j].start : text.length;
    while (end > lines[i].end && /\s/.test(text[end - 1])) end--;
    out.push({ label: b[1].replace(/[*_`]/g, '').replace(/[ \t:]+$/, '').trim(), start: lines[i].start, end: Math.max(end, lines[i].end), textStart: lines[i].end - (b[2] ?? '').length });
    i = j - 1;
  }
  return out;
}

/**
 * The parts of a story body (its prose, from `offset`) that are not the spoken answer, as offsets
 * into `text` (see {@link labelledParts}). When the labelled parts are all the body has, none is
 * left out: that text is the answer too.
 */
function unspokenParts(text: string): { label: string; start: number; end: number }[] {
  const out = labelledParts(text, namesUnspokenPart);
  if (!out.length) return out;
  // What is left, heading and label lines aside: nothing means the labelled parts hold the answer.
  let rest = '';
  let at = 0;
  for (const p of out) {
    rest += text.slice(at, p.start) + '\n';
    at = p.end;
  }
  rest += text.slice(at);
  const said = rest
    .split('\n')
    .filter((l) => !HEADING.test(l))
    .join('\n');
  return countWords(said) > 0 ? out : [];
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
  // A story kept in a table is told by its cells: read with its pipes as sentence breaks and colons.
  const prose = readStarTables(doc.prose.slice(offset, end), doc.text.slice(offset, end));
  const leftOut = unspokenParts(prose).map((p) => ({ label: p.label, start: offset + p.start, end: offset + p.end }));
  // A story told in parts is spoken without its artifact parts (a case study's user stories, its
  // wireframes): they are the material the account is about, checked by the artifact rules.
  for (const p of story.materialParts ?? []) if (!p.told) leftOut.push({ label: p.label.replace(/[*_`]/g, '').trim(), start: p.start, end: p.end });
  // Advice to the reader in it ("#### How to Answer" over "Show ownership…") is no part of the answer either.
  for (const p of story.guidanceParts ?? []) if (!leftOut.some((q) => q.start === p.start)) leftOut.push({ label: p.label, start: p.start, end: p.end });
  leftOut.sort((x, y) => x.start - y.start);
  for (const p of leftOut) blanks.push([p.start, p.end]);
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
    parts.push(prose.slice(at - offset, s - offset), ' '.repeat(e - s));
    at = e;
  }
  parts.push(prose.slice(at - offset, end - offset));
  const body = { text: parts.join(''), offset, leftOut };
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
 * A spoken length over a target, in words that never contradict the comparison: to the half minute
 * when that is already over the target ("about 3 minutes"), else to the tenth ("about 2.7
 * minutes" over a 2.5-minute target), else "just over 2.5 minutes".
 */
export function formatMinutesOver(minutes: number, targetMinutes: number): string {
  const half = Math.round(minutes * 2) / 2;
  if (half > targetMinutes && minutes >= 0.75) return formatMinutes(minutes);
  const tenth = Math.round(minutes * 10) / 10;
  if (tenth > targetMinutes) return `about ${tenth} minutes`;
  return `just over ${targetMinutes} minute${targetMinutes === 1 ? '' : 's'}`;
}

/** "leaving out “How to Answer”" (and “Tips”): what a spoken length did not count, for its message. */
export function leftOutNote(leftOut: readonly LeftOutPart[]): string {
  const labels = [...new Set(leftOut.map((p) => p.label))].map((l) => `"${l.length > 40 ? `${l.slice(0, 37).replace(/\s+\S*$/, '')}…` : l}"`);
  if (!labels.length) return '';
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return `not counting ${list}, which ${labels.length === 1 ? 'is' : 'are'} not part of the spoken answer`;
}

/**
 * The hover for a story heading: how long the story takes to tell. Undefined when `offset` is not
 * on a story's heading line.
 */
export function storyLengthHover(doc: PrepDoc, offset: number, wordsPerMinute = DEFAULT_WORDS_PER_MINUTE): { markdown: string; story: Story } | undefined {
  const story = doc.stories.find((s) => offset >= s.heading.range.start.offset && offset <= s.heading.range.end.offset);
  if (!story) return undefined;
  const len = spokenLength(doc, story, wordsPerMinute);
  const note = leftOutNote(storyBody(doc, story).leftOut);
  return { story, markdown: `**Spoken length:** ${formatMinutes(len.minutes)} (${len.words} word${len.words === 1 ? '' : 's'} at ${len.wordsPerMinute} a minute${note ? `; ${note}` : ''}). Behavioural answers land best in about two minutes.` };
}

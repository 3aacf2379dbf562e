/**
 * `story-result`: a story that ends without a measurable result: no number, no before → after,
 * no date in its Result part (or, with no Result label, in its closing sentences).
 */
import type { Loop } from '../types';
import { namesResultPart, toldInStarParts } from '../sections';
import { countWords, storyBody } from '../story-text';
import { NUMBER_SLOT } from './number-placeholder';
import { defineRule } from './types';

/** A `Result:` / `Outcome:` / `Impact:` label (bold, in a list, or a sub-heading). */
const RESULT_LABEL =
  /(?:^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+[.)][ \t]+)?|(?<=[.!?]["”’)]?[ \t]+))(?:\*\*|__)?[ \t]*(?:the[ \t]+)?(?:results?|outcomes?|impact)\b[ \t]*(?:\*\*|__)?[ \t]*(?::|[–—-][ \t]|$)/gim;
/** Numbers that name things rather than measure them: "Phase 2", "V1", "Sprint 3", "step 4", "P0". */
const NAMING_NUMBER = /\b(?:phase|v|version|sprint|step|option|round|tier|level|stage|part|p|q)[ \t]?\d+\b/gi;
/**
 * A number that is part of a rule's or framework's name ("the 70% rule", "the 80/20 rule", "5 whys",
 * "rule of 3", "the 4 Ps"): it names an idea the writer uses, not an outcome their work produced.
 * Group 1 (or 2) is the number as written.
 */
const NAMED_BY_NUMBER =
  /(?<![\w.])(\d+(?:\.\d+)?(?:%|(?:\/\d+)+)?)(?:\*\*|__)?[ \t-]*(?:\*\*|__)?[ \t]*(?:rule|principle|law|framework|model|method|whys|ps|cs)\b|\brule of (\d+)s?\b/gi;

/**
 * The text with every number that names a rule or framework blanked, and every other use of that
 * same figure too: "I use the 70% rule: move with 70% of the information" restates the rule.
 */
export function withoutNamingNumbers(text: string): string {
  const named = new Set<string>();
  for (const m of text.matchAll(NAMED_BY_NUMBER)) named.add(m[1] ?? m[2]);
  if (!named.size) return text;
  const escaped = [...named].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return text.replace(new RegExp(`(?<![\\w.])(?:${escaped.join('|')})(?![\\w]|\\.\\d)`, 'g'), (m) => ' '.repeat(m.length));
}

/** Any later label that ends the Result part ("**What I learned:**", "Lessons:", "Reflection:"). */
const NEXT_LABEL = /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+)?(?:\*\*|__)?[ \t]*(?:what I(?: learned| learnt| would change| would do differently|['’]d do differently)|learn(?:ed|ings?|t)|lessons?(?: learned)?|reflections?|takeaways?|next time|follow[- ]up)\b[^\n]*$/gim;

const NUMBER_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|halved|halving|double|doubled|doubling|twice|triple|tripled|quadrupled|tenfold)\b/i;
const MONTHS = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;
const RELATIVE_DATE = /\b(?:by|before|until) (?:the )?(?:end of|start of|close of)\b/i;
/** "in the next sprint", "a week early", "two sprints later": a result placed in time. */
const RELATIVE_TIME =
  /\b(?:(?:next|following|same|first|second|third) (?:sprint|week|month|quarter|release|cycle)|(?:a|one) (?:sprint|week|day|month|quarter) (?:early|earlier|ahead|later|late)|ahead of schedule)\b/i;
const ARROW = /→|->|⇒|=>/;
/** A case answer told as what the candidate would do, not as something they did. */
const HYPOTHETICAL = /\bI (?:would|will)\b|\bI['’](?:d|ll)\b/;
const PAST_ACTION = /\b(?:I|we) (?:[a-z]+ed|ran|led|built|wrote|cut|set|made|took|met|drove|chose|got|held|kept|brought|gave|sent|split|shipped|sold|told|won|put|was|were|had)\b/;
/** "from weekly to daily releases"; not a reframing in quotes ("from “solution delivery” to “problem redefinition”"). */
const FROM_TO = /\bfrom\b(?![ \t]*["“‘])[^.!?\n]{1,50}?\bto\b/i;

/** What in a text makes its result measurable, if anything: the first match, for the explanation. */
export function measurableEvidence(text: string): string | undefined {
  const quarter = /\bQ[1-4]\b/.exec(text);
  if (quarter) return quarter[0];
  // "## 4. Decision": a part's number in a story told in numbered parts counts nothing.
  const plain = withoutNamingNumbers(text).replace(NAMING_NUMBER, (m) => ' '.repeat(m.length)).replace(/^([ \t]{0,3}#{1,6}[ \t]+)\d{1,3}(?:\.\d{1,3})*[.):]?(?=[ \t])/gm, (m, h: string) => h + ' '.repeat(m.length - h.length));
  for (const re of [/\d/, ARROW, NUMBER_WORDS, MONTHS, RELATIVE_DATE, RELATIVE_TIME, FROM_TO]) {
    const m = re.exec(plain);
    if (m) return m[0];
  }
  return undefined;
}

/**
 * A bold label at the start of a line ("**What I Would Do Differently:**", "**Skills shown:**"): in a
 * story whose parts are bold labels, the next one ends the Result part. Group 1 is what follows the
 * label on its line.
 */
const BOLD_LABEL = /^[ \t]*(?:\*\*|__)[^*_\n]{2,60}?(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:)([^\n]*)$/gm;

/**
 * A slot left in the ending: "[Outcome to be added]", "[Add the result]", "{result}", "<metric>",
 * "TBD". Number slots ("[X%]") are `number-placeholder`'s.
 */
const WORD_PLACEHOLDER =
  /\[[^\]\n]{0,200}\b(?:to be (?:added|written|filled|confirmed|done)|tbd|todo|coming soon|add(?:ed)? (?:later|here|the|your)|insert|fill (?:in|this)|placeholder|describe|your (?:result|outcome|impact|metric))\b[^\]\n]{0,200}\](?!\()|\{[A-Za-z][\w -]{1,60}\}|<[a-z][a-z -]{2,30}>/i;
/** A bare "TBD" / "TODO" / "TBC" left as the ending (capitals only: "my todo list" is a sentence). */
const BARE_PLACEHOLDER = /\b(?:TBD|TODO|TBC)\b/;

/** Examples of a measured result, in the words of the story's loop: a PM panel hears outcomes, a PO panel delivery. */
const RESULT_EXAMPLES: Record<Loop | 'any', string> = {
  pm: '"activation from 28% to 35% by end of Q3", "monthly churn from 4.1% to 3.2%", "paid back in two quarters"',
  po: '"cycle time from 9 to 5 days", "shipped two sprints early", "carry-over from 30% to 10% of the sprint"',
  hybrid: '"activation from 28% to 35% by end of Q3", "cycle time from 9 to 5 days", "shipped two sprints early"',
  any: '"activation from 28% to 35% by end of Q3", "cycle time from 9 to 5 days", "shipped two sprints early"',
};

/** A heading line inside a story body (a part of a story told in parts, or a sub-heading). */
const HEADING_LINE = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/gm;

/**
 * The part of a story body that carries its result, as [start, end) offsets into `text`: the last
 * result label ("**Result:**", "### Outcome", "## The result", "## What changed") up to the next
 * label that ends it (a lesson, a heading as high as its own), else the closing sentences before
 * a closing lesson paragraph (`lesson`: where that lesson starts, when there is one).
 */
export function resultPart(text: string, closingWords: number): { start: number; end: number; labelled: boolean; lesson?: number } {
  let last: { start: number; end: number; level?: number } | undefined;
  for (const m of text.matchAll(RESULT_LABEL)) {
    const level = /^[ \t]*(#+)/.exec(m[0])?.[1].length;
    last = { start: m.index, end: m.index + m[0].length, ...(level ? { level } : {}) };
  }
  // A heading that names a story's result in other words ("## Where it landed", "## What changed").
  const headings = text.includes('#') ? [...text.matchAll(HEADING_LINE)] : [];
  for (const h of headings) if ((!last || h.index > last.start) && namesResultPart(h[2])) last = { start: h.index, end: h.index + h[0].length, level: h[1].length };
  if (last) {
    NEXT_LABEL.lastIndex = last.end;
    let end = NEXT_LABEL.exec(text)?.index ?? text.length;
    // Under a result heading, the next heading as high as it ends the part ("### Key quote").
    const level = last.level;
    const after = level ? headings.find((h) => h.index >= last.end && h[1].length <= level) : undefined;
    if (after && after.index < end) end = after.index;
    // "**Result:**" among bold part labels: the next bold label of the same shape (alone on its line,
    // or followed by text) starts another part ("**What I Would Do Differently:**", "**Skills shown:**"),
    // once the part has said something. A "- **Revenue:** +12%" item inside the result is no part.
    const own = /^[ \t]*(?:\*\*|__)/.test(text.slice(last.start, last.end)) ? text.slice(last.end, text.indexOf('\n', last.end) < 0 ? text.length : text.indexOf('\n', last.end)) : undefined;
    if (own !== undefined) {
      const alone = own.replace(/[*_\s]+/g, '') === '';
      for (const m of text.slice(0, end).matchAll(BOLD_LABEL)) {
        if (m.index <= last.start || (m[1].replace(/[*_\s]+/g, '') === '') !== alone) continue;
        if (countWords(text.slice(last.end, m.index)) < 3) continue;
        end = m.index;
        break;
      }
    }
    return { start: last.start, end, labelled: true };
  }
  // No label: the closing sentences, from the last one back until they hold `closingWords` words,
  // read before a closing lesson ("This experience taught me…"): a reflection is not the result.
  const trimmed = text.replace(/\s+$/, '');
  const bounds = sentenceStarts(trimmed);
  let start = bounds[bounds.length - 1] ?? 0;
  for (let i = bounds.length - 1; i >= 0; i--) {
    start = bounds[i];
    if (countWords(trimmed.slice(start)) >= closingWords) break;
  }
  // Before a closing lesson, the result is at least the whole paragraph the lesson follows (and
  // never less than the closing words read without the lesson rule, so it only ever reads more).
  const lesson = closingLesson(trimmed);
  const ending = lesson === undefined ? trimmed : trimmed.slice(0, lesson).replace(/\s+$/, '');
  if (lesson !== undefined) start = Math.min(start, lastParagraphStart(ending));
  // "The impact of this initiative was substantial. …" opening one of the last paragraphs names
  // the result in a sentence rather than a label: the ending runs from there.
  const opened = resultOpening(ending);
  if (opened !== undefined && opened < start) start = opened;
  return { start, end: ending.length, labelled: false, ...(lesson === undefined ? {} : { lesson }) };
}

/** Where the last paragraph of a text starts. */
function lastParagraphStart(text: string): number {
  let start = 0;
  for (const m of text.matchAll(/\n[ \t]*\n\s*(?=\S)/g)) start = m.index + m[0].length;
  return start;
}

/** A sentence that names the result without a label: "The impact of this initiative was substantial", "The outcome was…", "In the end…". */
const RESULT_OPENING = /^(?:[-*+][ \t]+)?(?:the (?:(?:end|final|overall|net|business|measurable) )?(?:results?|outcomes?|impact|payoff)(?: of [^.!?\n]{1,60}?)? (?:was|were|is|came)\b|in the end\b|ultimately\b)/i;

/** Where the last of the final three paragraphs that opens on a result sentence starts, if one does. */
function resultOpening(text: string): number | undefined {
  const paragraphs = [0];
  for (const m of text.matchAll(/\n[ \t]*\n\s*(?=\S)/g)) paragraphs.push(m.index + m[0].length);
  for (let i = paragraphs.length - 1; i >= Math.max(1, paragraphs.length - 3); i--) if (RESULT_OPENING.test(text.slice(paragraphs[i], paragraphs[i] + 200))) return paragraphs[i];
  return undefined;
}

/**
 * A paragraph that opens on a lesson or a reflection: "This experience taught me…", "Looking back…",
 * "The lesson I took…", "What I learned…", "I learned that…", "These are skills I'm keen to bring
 * to this role", or a "Lessons:" label. Tested on the paragraph's first sentence.
 */
const LESSON_OPENING =
  /^(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*(?:(?:this|that|the(?: whole)?) (?:experience|project|episode|situation|incident|launch|failure|work)(?: (?:also|really|ultimately))? (?:taught|showed|reminded|reinforced|helped) (?:me|us)\b|(?:it|this|that) (?:also |really )?taught me\b|(?:looking back|in hindsight|in retrospect|on reflection|reflecting (?:on|back))\b|(?:the|my|one|a) (?:big(?:gest)? |main |key |real |important |valuable |hardest )?(?:lesson|takeaway)s?\b|(?:key )?(?:lessons?|learnings?|takeaways?|reflections?)(?: learned| learnt)?[ \t]*(?:\*\*|__)?[ \t]*:|what I (?:learned|learnt|took away)\b|I (?:learned|learnt) (?:that|how|the (?:importance|value)|to|a lot|an? (?:important|valuable|big|hard))\b|(?:these|those) are (?:skills|habits|lessons|strengths|the skills|the habits)\b)/i;
/** A sentence that belongs to a closing reflection without opening it ("…I am keen to bring to this role"). */
const LESSON_ANYWHERE = /\b(?:taught me|(?:excited|keen|eager|looking forward) to (?:bring|apply)|bring (?:these|this|those|that)\b[^.!?\n]{0,60}\bto (?:this|the|your) (?:new )?(?:role|team|company|position))\b/i;

/**
 * Where a closing lesson starts in a story with no Result label: the trailing paragraphs whose first
 * sentence opens a lesson or reflection, or whose every sentence reads as one, as an offset into
 * `text`. Undefined when the story does not close on one, or when nothing with words comes before it.
 */
function closingLesson(text: string): number | undefined {
  const paragraphs = [0];
  for (const m of text.matchAll(/\n[ \t]*\n\s*(?=\S)/g)) paragraphs.push(m.index + m[0].length);
  let start: number | undefined;
  for (let i = paragraphs.length - 1; i > 0; i--) {
    const para = text.slice(paragraphs[i], start ?? text.length).replace(/\s+$/, '');
    const sentences = sentenceStarts(para).map((s, j, a) => para.slice(s, a[j + 1] ?? para.length));
    const lesson = LESSON_OPENING.test(sentences[0] ?? '') || (sentences.length > 0 && sentences.every((x) => LESSON_ANYWHERE.test(x) || LESSON_OPENING.test(x)));
    if (!lesson) break;
    start = paragraphs[i];
  }
  // A lesson told in the last sentences of the outcome paragraph itself ("…customers thanked us.
  // That week taught me to…"): those sentences are the lesson, the ones before them the result.
  const end = start ?? text.length;
  const from = paragraphs.filter((p) => p < end).pop() ?? 0;
  const para = text.slice(from, end).replace(/\s+$/, '');
  const starts = sentenceStarts(para);
  let k = starts.length;
  // A lesson sentence with a number in it may hold the outcome too ("…taught me that 30% of…"): it stays read.
  const lessonOnly = (x: string) => !/\d/.test(x) && (LESSON_OPENING.test(x) || LESSON_ANYWHERE.test(x));
  while (k > 1 && lessonOnly(para.slice(starts[k - 1], starts[k] ?? para.length))) k--;
  if (k < starts.length && countWords(para.slice(0, starts[k])) > 0) start = from + starts[k];
  return start !== undefined && countWords(text.slice(0, start)) > 0 ? start : undefined;
}

/** Offsets where sentences (or list items, or paragraphs) start. */
function sentenceStarts(text: string): number[] {
  const out = [0];
  const re = /(?:[.!?]["”’)]*\s+|\n\s*\n\s*|\n[ \t]*(?=[-*+][ \t]|\d+[.)][ \t]))(?=\S)/g;
  for (const m of text.matchAll(re)) out.push((m.index ?? 0) + m[0].length);
  return out.filter((v, i, a) => i === 0 || v > a[i - 1]);
}

/** The last sentence of a part, trimmed, with its offsets in `text`. */
function lastSentence(text: string, start: number, end: number): { start: number; end: number } {
  const part = text.slice(start, end).replace(/\s+$/, '');
  const starts = sentenceStarts(part);
  let s = starts[starts.length - 1] ?? 0;
  // A bare label line ("**Result:**") is not a sentence to quote: take the whole part.
  if (countWords(part.slice(s)) < 3) s = 0;
  const lead = part.slice(s).length - part.slice(s).trimStart().length;
  return { start: start + s + lead, end: start + part.length };
}

function quote(text: string): string {
  // A result heading ("## The result") names the part; what it says comes after it.
  const body = text.replace(/^[ \t]*#{1,6}[ \t]+[^\n]*(?:\n|$)/, '');
  const t = (/\p{L}/u.test(body) ? body : text)
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^#*\s*(?:the\s+)?(?:results?|outcomes?|impact)\s*[:–—-]\s*/i, '')
    .replace(/^[-+]\s+/, '');
  return t.length > 90 ? `${t.slice(0, 87).replace(/\s+\S*$/, '')}…` : t;
}

export const storyResult = defineRule({
  id: 'story-result',
  description: 'A story that ends without a measurable result (a number, a before → after, or a date)',
  defaultSeverity: 'info',
  fixable: false,
  options: {
    minWords: {
      type: 'number',
      default: 25,
      minimum: 0,
      integer: true,
      description: 'Stories shorter than this many words are notes, not told stories, and are not judged (unless told in their own Situation, Action and Result labels).',
    },
    closingWords: {
      type: 'number',
      default: 40,
      minimum: 5,
      integer: true,
      description: 'With no "Result:" label, how many closing words (whole sentences) are read as the ending.',
    },
  },
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Split the checkout epic before planning #po #execution\n\nThe top item came out of refinement at 13 points. I split it by workflow step with the team, took the smallest slice into the sprint and kept the rest ordered behind it.\n\n**Result:** the slice shipped in the same sprint and cycle time fell from 9 to 5 days by March.\n',
    ],
    invalid: [
      '---\nloop: po\n---\n\n## Split the checkout epic before planning #po #execution\n\nThe top item came out of refinement at 13 points. I split it by workflow step with the team, took the smallest slice into the sprint and kept the rest ordered behind it.\n\n**Result:** the team was happy and stakeholders liked the new plan a lot.\n',
    ],
  },
  check({ doc, options, report }) {
    // Every story the section kinds found (`doc.stories`), resume bullets with no "I" included:
    // what a story is is decided once, in `sections.ts`, not again here.
    for (const story of doc.stories) {
      const body = storyBody(doc, story);
      // A short story is notes, unless it is told in its own Situation, Action and Result: its Result is its ending.
      if (countWords(body.text) < options.minWords && toldInStarParts(body.text) === undefined) continue;
      // "I would start from…" is a case answer, not an account of work: it has no result to report.
      if (HYPOTHETICAL.test(body.text) && !PAST_ACTION.test(body.text)) continue;
      const part = resultPart(body.text, options.closingWords);
      const judged = body.text.slice(part.start, part.end);
      if (measurableEvidence(judged) !== undefined) continue;
      // A lesson that names a number ("…and I have run every launch that way since Q2") is read too.
      if (part.lesson !== undefined && measurableEvidence(body.text.slice(part.lesson)) !== undefined) continue;
      // A number left blank ("[X%]") is number-placeholder's finding: one problem, one finding.
      NUMBER_SLOT.lastIndex = 0;
      if (NUMBER_SLOT.test(judged)) continue;
      const at = part.labelled ? { start: part.start, end: part.start + judged.replace(/\s+$/, '').length } : lastSentence(body.text, part.start, part.end);
      const said = quote(body.text.slice(at.start, at.end));
      const examples = RESULT_EXAMPLES[story.loop ?? doc.loop ?? 'any'];
      // An ending still to be written ("[Outcome to be added]") is a gap to fill, not a weak result.
      const ending = body.text.slice(at.start, at.end);
      const slot = WORD_PLACEHOLDER.exec(ending) ?? BARE_PLACEHOLDER.exec(ending);
      const message = slot
        ? `${part.labelled ? 'The Result part' : 'The story'} ends on a placeholder you have not filled in yet ("${quote(slot[0])}"), and nothing before it gives a number, a before → after or a date. ` +
          `Write the outcome you measured in its place: ${examples}.`
        : `${part.labelled ? `The Result part ("${said}")` : part.lesson !== undefined ? `Before its closing lesson, the story ends on "${said}", which` : `The story ends on "${said}", which`} has no number, no before → after and no date, so a panel cannot tell how much changed. ` +
          `Close with the outcome you measured: ${examples}.`;
      report({ range: doc.lines.range(body.offset + at.start, body.offset + at.end), message });
    }
  },
});

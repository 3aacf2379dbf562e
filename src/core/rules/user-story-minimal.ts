/**
 * `user-story-minimal`: a user story that carries more than role, goal and benefit, read the way
 * the Quality User Story framework (Lucassen et al.) reads "minimal": a remark in parentheses or
 * brackets, an example ("e.g.", "for example", "such as", "like …", "including" + examples), an
 * open end ("etc.", "and so on"), a restatement or gloss ("i.e.", "which means", "in other
 * words"), a hedging aside ("possibly", "ideally", "just in case"), a repeated lead-in, or a second
 * sentence or note after the story sentence on the same line.
 *
 * Not extra: a "So that" cut off into its own sentence, conditions that scope the goal ("even if
 * …", "when I upload …"), an inline list of the fields one feature needs ("including title, date
 * and language"), notes on the lines below the story, estimates, IDs, hashtags and template
 * placeholders (`<user>`, `[persona]`).
 */
import { isTemplatePlaceholder, placeholdersIn, shorten, type UserStory } from '../artifacts/user-stories';
import type { PrepDoc } from '../parse';
import type { Range } from '../types';
import { defineRule } from './types';

/** One piece of extra text in a story. */
export interface StoryExtra {
  kind: 'parentheses' | 'example' | 'open-ended' | 'restatement' | 'hedge' | 'repeat' | 'tail' | 'criterion-tail' | 'second-benefit';
  range: Range;
  text: string;
}

/** Markers of extra text; the aside runs from the marker to the end of its clause (see `asideEnd`). */
const MARKERS: { kind: StoryExtra['kind']; re: RegExp }[] = [
  { kind: 'example', re: /(?<![\p{L}.])(?:e\.\s?g\.?|eg\.|for example|for instance|such as)(?![\p{L}])|(?<=[\s,(])eg(?=[\s,:])/giu },
  { kind: 'restatement', re: /(?<![\p{L}.])(?:i\.\s?e\.?|ie\.|in other words|which means|meaning that|that is to say|namely|a\.k\.a\.?|aka)(?![\p{L}])|,[ \t]+that is,/giu },
  { kind: 'open-ended', re: /\b(?:etc\.?|et cetera|and so on|and so forth|and the like)(?![\p{L}])|\.{3}|\u2026/giu },
  { kind: 'hedge', re: /(?<![\p{L}])(?:possibly|perhaps|maybe|ideally|hopefully|probably|if possible|where possible|just in case|I think|I guess|I suppose)(?![\p{L}])/giu },
];

/** "like" as "such as": after a noun, before what it lists ("tools like Excel"), not "I'd like", "users who like jazz". */
const LIKE = /(?<![\p{L}'\u2019])like(?=[ \t]+(?!to\b|it\b|this\b|that\b)[\p{L}"\u201c])/giu;
const NOT_BEFORE_LIKE = new Set(
  `i we you they he she it who that which would 'd \u2019d should could might will do don't not also really just feel feels felt look looks
  looked seem seems sound sounds work works act acts behave behaves more most much something anything nothing people users customers
  everyone others and or to i'd we'd they'd you'd would`.split(/\s+/),
);

/** "including" followed by examples; a closed list of the fields one feature needs is not extra. */
const INCLUDING = /(?<![\p{L}])including(?![\p{L}])/giu;

/** A benefit that opens with its own lead-in again: "so that I can so that I can remove …". */
const REPEATED_BENEFIT = /^(?:(?:I|we)[ \t\n]+(?:can|could|will)[ \t\n]+)?so[ \t\n]+that\b/iu;

/** The extra text of one story, in document order, nested matches dropped. */
export function storyExtras(doc: PrepDoc, story: UserStory, options: { allowAbbreviations?: boolean } = {}): StoryExtra[] {
  if (story.template) return [];
  const found: StoryExtra[] = [];
  // A goal under a role header ("As a shopper, I want to be able to:" over items) is its item: the
  // header is said once for all of them and judged with none.
  const from = story.group ? story.range.start.offset : story.role.range.start.offset;
  const to = story.tail ? story.tail.range.start.offset : Math.max(from, (story.benefit ?? story.goal ?? story.role).range.end.offset);
  const prose = doc.prose.slice(from, to);
  const at = (s: number, e: number): StoryExtra['range'] => doc.lines.range(from + s, from + e);
  const push = (kind: StoryExtra['kind'], s: number, e: number) => found.push({ kind, range: at(s, e), text: doc.text.slice(from + s, from + e) });
  // Where each part ends, so an aside stops at the end of its part ("e.g. monthly totals, so that …").
  const partEnds = [story.role, story.goal, story.benefit].filter((p): p is NonNullable<typeof p> => !!p).map((p) => p.range.end.offset - from);

  // Parentheses and square brackets (not placeholders, not "file(s)").
  const stack: number[] = [];
  for (let i = 0; i < prose.length; i++) {
    const c = prose[i];
    if (c === '(' || c === '[') stack.push(i);
    else if ((c === ')' || c === ']') && stack.length) {
      const s = stack.pop()!;
      if (stack.length) continue;
      const inner = prose.slice(s + 1, i);
      // A word form written with brackets, "name(s)", "(re-)use", is one word, not an aside.
      const attached = (s > 0 && /[\p{L}\p{N}]/u.test(prose[s - 1]) && !/\s/.test(inner)) || (/^[\p{L}-]+$/u.test(inner) && /^[\p{L}\p{N}]/u.test(prose[i + 1] ?? ''));
      if (attached || /^(?:s|es|ies)$/i.test(inner) || !inner.trim() || placeholdersIn(prose.slice(s, i + 1)).length || isTemplatePlaceholder(doc.text.slice(from + s, from + i + 1))) continue;
      // An abbreviation being introduced, "service level agreement (SLA)", is not extra content.
      if (options.allowAbbreviations !== false && c === ')' && /^[\p{Lu}][\p{L}\p{N}-]*$/u.test(inner.trim()) && (inner.match(/\p{Lu}/gu) ?? []).length >= 2) continue;
      push('parentheses', s, i + 1);
    }
  }
  for (const { kind, re } of MARKERS) {
    for (const m of prose.matchAll(re)) {
      const s = m.index + (m[0].startsWith(',') ? 1 : 0);
      // A hedge or "that is" inside a longer clause is only an aside when set off ("…, possibly many at once").
      if (kind === 'hedge' && !/(?:^|[,;(\u2013\u2014-]|\band|\bor)[ \t]*$/.test(prose.slice(0, m.index)) && !/^just in case|^if possible|^where possible/i.test(m[0])) continue;
      // "(just) in case I make a mistake" that opens the benefit is the story's reason, not a hedge.
      if (kind === 'hedge' && story.benefit && from + s === story.benefit.leadRange.start.offset) continue;
      push(kind, s, kind === 'open-ended' ? m.index + m[0].length : asideEnd(prose, m.index + m[0].length, partEnds));
    }
  }
  for (const m of prose.matchAll(LIKE)) {
    const prev = /([\p{L}'\u2019]+)[ \t,]*$/u.exec(prose.slice(0, m.index));
    if (!prev || NOT_BEFORE_LIKE.has(prev[1].toLowerCase())) continue;
    push('example', m.index, asideEnd(prose, m.index + m[0].length, partEnds));
  }
  for (const m of prose.matchAll(INCLUDING)) {
    const end = asideEnd(prose, m.index + m[0].length, partEnds);
    if (closedFieldList(prose.slice(m.index + m[0].length, end))) continue;
    push('example', m.index, end);
  }
  // A repeated lead-in: the goal or benefit opens with another "I want", or a second "As a … I want" follows.
  const lead = /^(?:I|we)\s+(?:want|would\s+like|['\u2019]d\s+like|need)\b/iu;
  const again = /\bas\s+an?\s+[\p{L}\s-]{1,40}?,?\s+(?:I|we)\s+(?:want|would\s+like|['\u2019]d\s+like|need)\b/giu;
  for (const p of [story.goal, story.benefit]) {
    if (!p) continue;
    const text = doc.prose.slice(p.range.start.offset, p.range.end.offset);
    // "so I need to …" after a goal is a clumsy benefit, not a repeat; only the goal can open with another "I want".
    // "so that I can so that I can …": the benefit's lead-in written twice.
    const m = (p === story.goal ? lead.exec(text) : REPEATED_BENEFIT.exec(text)) ?? again.exec(text);
    again.lastIndex = 0;
    if (m) found.push({ kind: 'repeat', range: at(p.range.start.offset - from + m.index, p.range.start.offset - from + m.index + m[0].length), text: m[0] });
  }
  const second = story.benefit ? secondBenefit(doc.prose.slice(story.benefit.range.start.offset, story.benefit.range.end.offset)) : undefined;
  if (second && story.benefit) {
    const s = story.benefit.range.start.offset + second.start;
    found.push({ kind: 'second-benefit', range: doc.lines.range(s, story.benefit.range.start.offset + second.end), text: doc.text.slice(s, story.benefit.range.start.offset + second.end) });
  }
  if (story.tail) {
    // A Given/When/Then sentence after the story is read as its criterion: only its place is off.
    const tailStart = story.tail.range.start.offset;
    const criterion = story.criteria.some((c) => c.range.start.offset === tailStart);
    found.push({ kind: criterion ? 'criterion-tail' : 'tail', range: story.tail.range, text: story.tail.text });
  }
  found.sort((a, b) => a.range.start.offset - b.range.start.offset || b.range.end.offset - a.range.end.offset);
  const kept: StoryExtra[] = [];
  for (const x of found) {
    const outer = kept[kept.length - 1];
    if (outer && x.range.start.offset < outer.range.end.offset) continue;
    if (x.kind !== 'parentheses' && kept.some((k) => k.kind === x.kind)) continue;
    kept.push(x);
  }
  return kept;
}

/**
 * A second reason joined to the benefit as a clause of its own: "so that I know what gets built
 * **and I can** negotiate the rest", "…, and so that …", "… and also …". Not one reason with two
 * verbs ("so that I can compare and choose"), nor a shared subject ("so that my team and I can plan"):
 * the first reason must have at least three words before the join. Offsets are relative to the
 * benefit text; the span runs from the conjunction to the end of the benefit.
 */
export function secondBenefit(benefit: string): { start: number; end: number } | undefined {
  const m = /(?:,[ \t]*|[ \t]+)(?:and|&|as[ \t]+well[ \t]+as)[ \t]+(?:(?:also[ \t]+)?(?:so(?![ \t]+(?:on|forth)\b)[ \t]+(?:that[ \t]+)?|in[ \t]+order[ \t]+to[ \t]+)|also[ \t]+(?=\p{L})|(?:then[ \t]+)?(?:I|we|they|you)[ \t]+(?:also[ \t]+)?(?:can|could|will|would|may|might|am|are|don[’']t|do[ \t]+not|won[’']t|know|get|have|need|see|understand|keep|stay|save|avoid|make|spend|feel)\b)/iu.exec(benefit);
  if (!m) return undefined;
  const before = benefit.slice(0, m.index).trim();
  if ((before.match(/\p{L}+/gu) ?? []).length < 3) return undefined;
  let end = benefit.length;
  while (end > m.index && /[\s.,;:!]/.test(benefit[end - 1])) end--;
  // The span starts at the conjunction itself (after any comma and spaces).
  const start = m.index + m[0].search(/and|&|as[ \t]/i);
  return end > start ? { start, end } : undefined;
}

/**
 * Where an aside that starts at `from` ends: at the end of its part, or earlier at a comma that
 * closes a short aside when the story goes on ("e.g. monthly totals, so that …" is cut by the part end).
 */
function asideEnd(prose: string, from: number, partEnds: number[]): number {
  const end = partEnds.find((e) => e >= from) ?? prose.length;
  let e = end;
  // Inside a part, a closing parenthesis or a dash closes the aside.
  // A purpose or a new clause after the examples is the story again: "like XGBoost, to forecast demand".
  const purpose = /,?[ \t]+(?:to|in[ \t]+order[ \t]+to|so[ \t]+as[ \t]+to)[ \t]+\p{L}|,[ \t]*(?:so|which|because|and[ \t]+(?:I|we|then))\b/u.exec(prose.slice(from, end));
  if (purpose) e = from + purpose.index;
  let depth = 0;
  for (let i = from; i < e; i++) {
    const c = prose[i];
    if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) {
      e = i;
      break;
    } else if (c === '\u2013' || c === '\u2014' || (c === '-' && prose[i - 1] === ' ' && prose[i + 1] === ' ')) {
      e = i;
      break;
    }
  }
  while (e > from && /[\s,;:.]/.test(prose[e - 1])) e--;
  return e;
}

/** Whether the text after "including" is a closed list of short noun items: "title, date and language". */
function closedFieldList(text: string): boolean {
  if (/\b(?:other|more|etc|so on|many|various|those|anything|everything|all)\b|\p{L}+ing\b/iu.test(text.replace(/\b(?:string|thing|billing|pricing|shipping|heading|rating|setting|listing|booking|meeting|ending|opening|closing|training|timing|spacing|marketing|funding|housing|parking|wording|pudding|ceiling|building)s?\b/gi, ''))) return false;
  const items = text.split(/,|\band\b|\bor\b|&/).map((x) => x.trim()).filter(Boolean);
  // "including tax" scopes the goal; "including title, date and language" lists its fields.
  if (items.length === 1) return items[0].split(/\s+/).length <= 3;
  return items.length >= 2 && items.every((x) => x.split(/\s+/).length <= 8);
}

function message(x: StoryExtra): string {
  const quoted = `"${shorten(x.text, 50)}"`;
  switch (x.kind) {
    case 'parentheses':
      return `${quoted} is an aside inside the story. Keep the story to who, what and why; move the detail into an acceptance criterion or a note under it.`;
    case 'example':
      return `${quoted} brings an example into the story. Examples make good acceptance criteria; take it out of the story sentence and write it as a Given/When/Then case.`;
    case 'restatement':
      return `${quoted} restates part of the story. Say it once, in the clearer of the two wordings.`;
    case 'repeat':
      return `${quoted} repeats the story's lead-in. One story carries one "As a …, I want …": drop the repeat, or split the second ask into its own story.`;
    case 'hedge':
      return `${quoted} hedges inside the story. A story states what is wanted; settle the doubt in refinement, or write the case as its own acceptance criterion.`;
    case 'open-ended':
      return `${quoted} leaves the story open-ended, so nobody can say when it is done. Name every case, or split the rest into its own story.`;
    case 'second-benefit':
      return `${quoted} gives the story a second reason. Keep the one reason that matters most to this user; a second why often means a second story (or a second user), so split it or move it into a note.`;
    case 'criterion-tail':
      return `${quoted} is an acceptance criterion written on the story's line. Put it on a line of its own under the story (a list item), so the story stays one sentence and the criterion can be read, and ticked off, as one.`;
    case 'tail':
      return `${quoted} follows the story sentence. A story is one sentence (role, goal, benefit); put notes, context and constraints below it or into the acceptance criteria.`;
  }
}

export const userStoryMinimal = defineRule({
  id: 'user-story-minimal',
  description: 'A user story that carries extra text besides role, goal and benefit',
  defaultSeverity: 'info',
  sections: ['artifact', 'story'],
  fixable: false,
  options: {
    allowAbbreviations: {
      type: 'boolean',
      default: true,
      description: 'Let an abbreviation being introduced in parentheses pass, as in "service level agreement (SLA)".',
    },
  },
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- US-7: As a returning shopper, I want to reorder a past basket, so that my weekly shop takes one click. (3 pts)\n  - Given a past order, when I choose Reorder, then its items are added to my basket.\n',
    ],
    invalid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- As a returning shopper, I want to reorder a past basket (e.g. last week\'s), so that my weekly shop takes one click. Needs design.\n  - Given a past order, when I choose Reorder, then its items are added to my basket.\n',
    ],
  },
  check({ doc, options, report }) {
    for (const story of doc.artifacts.userStories) {
      for (const x of storyExtras(doc, story, options)) report({ range: x.range, message: message(x) });
    }
  },
});

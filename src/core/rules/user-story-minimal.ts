/**
 * `user-story-minimal`: a user story that carries more than role, goal and benefit — a remark
 * in parentheses or brackets, an example ("e.g.", "for example"), an open end ("etc.", "and so
 * on"), a restatement ("i.e."), a second sentence, or a note after the benefit.
 */
import { placeholdersIn, shorten, type UserStory } from '../artifacts/user-stories';
import type { PrepDoc } from '../parse';
import type { Range } from '../types';
import { defineRule } from './types';

/** One piece of extra text in a story. */
export interface StoryExtra {
  kind: 'parentheses' | 'example' | 'open-ended' | 'restatement' | 'repeat' | 'tail';
  range: Range;
  text: string;
}

const MARKERS: { kind: StoryExtra['kind']; re: RegExp }[] = [
  { kind: 'example', re: /\b(?:e\.\s?g\.?|eg\.|for example|for instance)(?![\p{L}])/giu },
  { kind: 'restatement', re: /\b(?:i\.\s?e\.?|ie\.)(?![\p{L}])/giu },
  { kind: 'open-ended', re: /\b(?:etc\.?|et cetera|and so on|and so forth)(?![\p{L}])|\.{3}|\u2026/giu },
];

/** The extra text of one story, in document order, nested matches dropped. */
export function storyExtras(doc: PrepDoc, story: UserStory, options: { allowAbbreviations?: boolean } = {}): StoryExtra[] {
  const found: StoryExtra[] = [];
  const from = story.role.range.start.offset;
  const to = story.tail ? story.tail.range.start.offset : Math.max(from, (story.benefit ?? story.goal ?? story.role).range.end.offset);
  const prose = doc.prose.slice(from, to);
  const at = (s: number, e: number): StoryExtra['range'] => doc.lines.range(from + s, from + e);

  // Parentheses and square brackets (not our own placeholders, not "file(s)").
  const stack: number[] = [];
  for (let i = 0; i < prose.length; i++) {
    const c = prose[i];
    if (c === '(' || c === '[') stack.push(i);
    else if ((c === ')' || c === ']') && stack.length) {
      const s = stack.pop()!;
      if (stack.length) continue;
      const inner = prose.slice(s + 1, i);
      if (/^(?:s|es|ies)$/i.test(inner) || !inner.trim() || placeholdersIn(prose.slice(s, i + 1)).length) continue;
      // An abbreviation being introduced, "service level agreement (SLA)", is not extra content.
      if (options.allowAbbreviations !== false && c === ')' && /^[\p{Lu}][\p{L}\p{N}-]*$/u.test(inner.trim()) && (inner.match(/\p{Lu}/gu) ?? []).length >= 2) continue;
      found.push({ kind: 'parentheses', range: at(s, i + 1), text: doc.text.slice(from + s, from + i + 1) });
    }
  }
  for (const { kind, re } of MARKERS) {
    for (const m of prose.matchAll(re)) found.push({ kind, range: at(m.index, m.index + m[0].length), text: m[0] });
  }
  // A repeated lead-in: the goal or benefit opens with another "I want", or a second "As a … I want" follows.
  const lead = /^(?:I|we)\s+(?:want|would\s+like|['\u2019]d\s+like|need)\b/iu;
  const again = /\bas\s+an?\s+[\p{L}\s-]{1,40}?,?\s+(?:I|we)\s+(?:want|would\s+like|['\u2019]d\s+like|need)\b/giu;
  for (const p of [story.goal, story.benefit]) {
    if (!p) continue;
    const text = doc.prose.slice(p.range.start.offset, p.range.end.offset);
    const m = lead.exec(text) ?? again.exec(text);
    again.lastIndex = 0;
    if (m) found.push({ kind: 'repeat', range: at(p.range.start.offset - from + m.index, p.range.start.offset - from + m.index + m[0].length), text: m[0] });
  }
  if (story.tail) found.push({ kind: 'tail', range: story.tail.range, text: story.tail.text });
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
    case 'open-ended':
      return `${quoted} leaves the story open-ended, so nobody can say when it is done. Name every case, or split the rest into its own story.`;
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

/**
 * `number-placeholder`: a number left blank in your own telling ("[X%]", "$X", "XX%") in a story,
 * or in a section told as a story's result ("## The result"). A panel asks for the figure; a rough, honest number
 * beats walking in with "[X%]". Checkboxes (`- [x] done`) and word slots of a template
 * ("[metric]", "[Value]") are not numbers. A blank the writer put in backticks as a highlighter
 * ("fell by `???`% in `??` weeks") is one too; code that only contains "??" (`a ?? b`) is not.
 */
import { storyPartRole } from '../sections';
import { defineRule } from './types';
import { codeSpansIn, sectionProse, type CodeSpan } from './util';

/** A number slot: `[X%]`, `[X]`, `[N]`, `[#]`, `[??]`, `[TBD]`, `X%`, `XX%`, `$X`, `$XM`, `Xk`. */
export const NUMBER_SLOT = /\[(?:[XNxn]{1,3}|#{1,3}|\?{1,3}|TBD|tbd|number|num)(?:\s?%|\s?[kKmMbB])?\]|(?<![\w$.\\[])\$?X{1,3}(?:\s?%|[kKmMbB]\b)|\$X{1,3}\b/g;
/** A word slot of a template: "[Describe the context]", "[metric]", "<role>" (not a link, not a checkbox). */
const WORD_SLOT = /\[(?:[A-Z][a-z]{2,}[^\]\n]{0,60}|[a-z]{3,}(?: [a-z]+){0,3})\](?!\()|<[a-z][a-z -]{2,30}>/;
/** A second variable on the line ("from [X%] to [Y%]"): a formula to fill in, not your result. */
const SECOND_VARIABLE = /\[[YZ]{1,3}%?\]|\bY%/;
/** A task-list checkbox right after a list marker. */
const CHECKBOX_BEFORE = /^[ \t>]*(?:[-*+]|\d{1,3}[.)])[ \t]+$/;
/** Inline code whose whole content is a number blank: `??`, `???`, `XX`, `XXX`, `X%`, `$XM`, `Xk`, `[X%]`. */
const CODE_BLANK = new RegExp(String.raw`^(?:\?{2,3}(?:\s?%)?|X{2,3}|x{2,3}|\$?X{1,3}(?:\s?%|[kKmMbB])|\$X{1,3}|(?:${NUMBER_SLOT.source}))$`);
/** Inline code that is a blank only where a number goes (`X`, `N`, `TBD`): "by `X`%", "for `N` users". */
const CODE_BLANK_IN_CONTEXT = /^(?:X|N|TBD|tbd|TBC)$/;
const NUMBER_BEFORE = /(?:\b(?:by|to|from|of|at|about|around|over|under|than|for|in|within|only|just)\s+|[$~≈]\s?)$/i;
const NUMBER_AFTER = /^\s?(?:%|x\b|[kKmMbB]\b|pp\b|percent|points?\b|(?:users|customers|people|teams?|weeks|days|months|hours|minutes|sprints|tickets|signups|accounts)\b)/i;
/** Talk about code around a "??" (the nullish operator), not a blank. */
const CODE_TALK = /\b(?:operator|nullish|coalesc\w*|syntax|regex|wildcard|glob|ternary|typescript|javascript|kotlin|swift|c#)\b/i;

/** Whether an inline code span is a number left blank, the writer's backticks used as a highlighter. */
export function isCodeNumberBlank(text: string, span: CodeSpan): boolean {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', span.end);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (CODE_TALK.test(line)) return false;
  if (CODE_BLANK.test(span.content)) return true;
  if (!CODE_BLANK_IN_CONTEXT.test(span.content)) return false;
  return NUMBER_BEFORE.test(text.slice(lineStart, span.start)) || NUMBER_AFTER.test(text.slice(span.end, span.end + 20));
}

/** At most this many findings per section: the point is made by the first few. */
const MAX_PER_SECTION = 5;

export const numberPlaceholder = defineRule({
  id: 'number-placeholder',
  description: 'A number still left blank in a story ("[X%]", "$X")',
  defaultSeverity: 'warning',
  sections: ['story', 'artifact', 'reference'],
  fixable: false,
  options: {},
  examples: {
    valid: ['---\nloop: pm\n---\n\n## Cut the paywall to one screen #pm #metrics\n\nI removed the extra screen before the paywall, and subscription conversion rose from 2.1% to 2.6% in a month.\n'],
    invalid: ['---\nloop: pm\n---\n\n## Cut the paywall to one screen #pm #metrics\n\nI removed the extra screen before the paywall, and subscription conversion rose by [X%] in a month.\n'],
  },
  check({ doc, report }) {
    for (const section of doc.sections) {
      // A story, or a section told as one story's result ("## The result", "## Outcome") that is
      // not a template (no "[Describe …]" slots): the rest are notes or templates, open on purpose.
      const text = sectionProse(doc, section);
      const resultPart = section.heading && storyPartRole(section.heading.title.replace(/^\s*the\s+/i, '')) === 'result' && !WORD_SLOT.test(text);
      if (section.kind !== 'story' && !resultPart) continue;
      const base = section.range.start.offset;
      const blanks: { start: number; end: number; shown: string }[] = [];
      for (const m of text.matchAll(NUMBER_SLOT)) {
        const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
        if (m[0].startsWith('[') && CHECKBOX_BEFORE.test(text.slice(lineStart, m.index))) continue;
        const lineEnd = text.indexOf('\n', m.index);
        if (SECOND_VARIABLE.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd))) continue;
        blanks.push({ start: base + m.index, end: base + m.index + m[0].length, shown: m[0] });
      }
      // Backticks as a highlighter: "drop-off fell by `???`% in `??` weeks".
      for (const span of codeSpansIn(doc, base, section.range.end.offset)) {
        if (!isCodeNumberBlank(doc.text, span)) continue;
        const lineStart = doc.text.lastIndexOf('\n', span.start - 1) + 1;
        const lineEnd = doc.text.indexOf('\n', span.end);
        if (SECOND_VARIABLE.test(doc.text.slice(lineStart, lineEnd < 0 ? doc.text.length : lineEnd).replace(/`/g, ''))) continue;
        blanks.push({ start: span.start, end: span.end, shown: doc.text.slice(span.start, span.end) });
      }
      blanks.sort((a, b) => a.start - b.start);
      for (const b of blanks.slice(0, MAX_PER_SECTION)) {
        report({
          range: doc.lines.range(b.start, b.end),
          message: `"${b.shown}" is a number still to fill in. Put in the real figure, or an honest range, before the interview: a panel will ask for it.`,
        });
      }
    }
  },
});

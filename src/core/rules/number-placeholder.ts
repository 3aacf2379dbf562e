/**
 * `number-placeholder`: a number left blank in your own telling ("[X%]", "$X", "XX%") in a story,
 * or in a section told as a story's result ("## The result"). A panel asks for the figure; a rough, honest number
 * beats walking in with "[X%]". Checkboxes (`- [x] done`) and word slots of a template
 * ("[metric]", "[Value]") are not numbers.
 */
import { storyPartRole } from '../sections';
import { defineRule } from './types';
import { sectionProse } from './util';

/** A number slot: `[X%]`, `[X]`, `[N]`, `[#]`, `[??]`, `[TBD]`, `X%`, `XX%`, `$X`, `$XM`, `Xk`. */
export const NUMBER_SLOT = /\[(?:[XNxn]{1,3}|#{1,3}|\?{1,3}|TBD|tbd|number|num)(?:\s?%|\s?[kKmMbB])?\]|(?<![\w$.\\[])\$?X{1,3}(?:\s?%|[kKmMbB]\b)|\$X{1,3}\b/g;
/** A word slot of a template: "[Describe the context]", "[metric]", "<role>" (not a link, not a checkbox). */
const WORD_SLOT = /\[(?:[A-Z][a-z]{2,}[^\]\n]{0,60}|[a-z]{3,}(?: [a-z]+){0,3})\](?!\()|<[a-z][a-z -]{2,30}>/;
/** A second variable on the line ("from [X%] to [Y%]"): a formula to fill in, not your result. */
const SECOND_VARIABLE = /\[[YZ]{1,3}%?\]|\bY%/;
/** A task-list checkbox right after a list marker. */
const CHECKBOX_BEFORE = /^[ \t>]*(?:[-*+]|\d{1,3}[.)])[ \t]+$/;
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
      let found = 0;
      for (const m of text.matchAll(NUMBER_SLOT)) {
        const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
        if (m[0].startsWith('[') && CHECKBOX_BEFORE.test(text.slice(lineStart, m.index))) continue;
        const lineEnd = text.indexOf('\n', m.index);
        if (SECOND_VARIABLE.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd))) continue;
        report({
          range: doc.lines.range(base + m.index, base + m.index + m[0].length),
          message: `"${m[0]}" is a number still to fill in. Put in the real figure, or an honest range, before the interview: a panel will ask for it.`,
        });
        if (++found >= MAX_PER_SECTION) break;
      }
    }
  },
});

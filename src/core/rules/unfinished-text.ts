/**
 * `unfinished-text`: writing left unfinished in a doc that is the writer's own (not a template or
 * a guide): a section whose whole text is still "..." or "TBD", or a slot still to fill in such as
 * "Owner: [Your name]" or "[Screenshots to be added]". A coach reading the notes would say "you
 * left this unfinished"; a template is allowed its slots, so the rule stays quiet there. A note to
 * self or a "TBD" the writer put in backticks as a highlighter (`Can I say this?`, `check the
 * number`) is unfinished writing too; real code (`SELECT count(*)`, `user_id`) is not.
 */
import { shorten } from '../artifacts/user-stories';
import type { Section } from '../parse';
import { isCodeNumberBlank } from './number-placeholder';
import { defineRule } from './types';
import { codeSpansIn } from './util';

/** A body that says only "not written yet": "...", "…", "TBD", "TODO", "Coming soon", "(to be added)". */
const ONLY_MARKER =
  /^[([]?(?:\.{2,}|…+|tbd|tba|tbc|todo|to do|wip|work in progress|coming soon|to be (?:added|written|completed|done|continued)|placeholder)[)\]]?[.!…]*$/i;
/**
 * A slot still to fill in: "[Your name]", "[Your name / TBD]", "[Screenshots to be added]",
 * "[Insert your company]". A checkbox, a link text (`[text](url)`, `[text][ref]`) and a footnote
 * (`[^1]`) are not slots; number slots ("[X%]") are `number-placeholder`'s.
 */
const SLOT = /(?<!!)\[([^\]\n[]{3,240})\](?![([:])/g;
const UNFINISHED_SLOT = /\byour (?:own )?(?:full )?(?:name|company|role|title|team|email|e-mail|phone|product|manager|linkedin)\b|\b(?:insert|fill in|add) (?:here|your|name|the)\b/i;
/** A note to self that text is still to come: "[… to be added]", "[lorem ipsum]". Reference notes do not quote these as examples. */
const TO_COME_SLOT = /\bto be (?:added|written|filled(?: in)?|completed|updated)\b|\blorem ipsum\b/i;
/** A word slot of a template ("[Describe the context]", "<role>"): two or more make the section a template to copy. */
const WORD_SLOT = /\[(?:[A-Z][a-z]{2,}[^\]\n]{0,60}|[a-z]{3,}(?: [a-z]+){0,3})\](?![([])|<[a-z][a-z -]{2,30}>/g;
/**
 * Inline code whose whole content is a note to self, backticks used as a highlighter: "TBD",
 * "TODO: real figure", "Can I say this?", "check the number", "verify the date", "is this right?".
 */
const CODE_NOTE = new RegExp(
  [
    String.raw`^(?:todo|tbd|tbc|tba|fixme)\b(?!\s*(?:comments?|tags?|markers?|items?|lists?|labels?)\b)`,
    String.raw`^(?:can|could|should|may) i (?:say|claim|use|share|mention|name|quote|keep) (?:this|that|it|the\b)`,
    String.raw`\b(?:double[- ]?)?check (?:the |this |that |these |those |my )?(?:numbers?|figures?|stats?|data|dates?|facts?|claims?|names?|sources?|metrics?|percent(?:age)?s?|baseline)\b`,
    String.raw`^(?:double[- ]?check|verify|confirm|look up|fill in|add)(?: (?:the|this|that|real|a|an|exact|actual))* (?:numbers?|figures?|stats?|data|dates?|sources?|metrics?|percent(?:age)?s?|baseline)\b`,
    String.raw`^(?:confirm|check|verify) with \p{L}`,
    String.raw`^(?:is|was) (?:this|that|it) (?:right|true|correct|accurate|ok|okay)\?`,
    String.raw`^needs? (?:a |the |real )?(?:source|numbers?|figures?|data|citation)\b`,
    String.raw`^not sure\b`,
  ].join('|'),
  'iu',
);
/** Signs of real code in a span: calls, operators, identifiers with `_` or `.`, paths. */
const CODE_SHAPE = /[(){}[\];=<>|&\\/]|::|\w[._]\w|^\$|--/;
/** At most this many slot findings per section: the point is made by the first few. */
const MAX_PER_SECTION = 3;

export const unfinishedText = defineRule({
  id: 'unfinished-text',
  description: 'Writing left unfinished: a section that is still "..." or a slot such as "[Your name]"',
  defaultSeverity: 'info',
  fixable: false,
  options: {},
  examples: {
    valid: ['---\nloop: po\n---\n\n# Take-home: returns portal\n\n**Owner:** Sam Lee\n\n## Backlog refinement\n\nI would split the refund epic by payment method first.\n'],
    invalid: ['---\nloop: po\n---\n\n# Take-home: returns portal\n\n**Owner:** [Your name]\n\n## Backlog refinement\n\n...\n'],
  },
  check({ doc, report }) {
    // A template or a guide holds its slots on purpose: they are for the reader to fill in.
    if (doc.genre) return;
    const text = doc.text;
    // Where each section starts, in text order, for the next section after a body (see nextSectionStart).
    const starts = doc.sections.map((s) => s.range.start.offset).sort((a, b) => a - b);
    for (const section of doc.sections) {
      // A Drill a Question skeleton is waiting for an answer by design (coverage counts it apart).
      if (section.unanswered) continue;
      const [from, headingEnd] = ownBody(doc.text, section);
      const body = text.slice(from, headingEnd);
      if (section.heading) {
        const bare = body
          .replace(/<!--[\s\S]*?-->/g, ' ')
          .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, ' ')
          .replace(/[*_`>]/g, '')
          .trim();
        if (bare && ONLY_MARKER.test(bare)) {
          report({
            range: section.heading.range,
            message:
              `"${section.heading.title}" holds only "${bare}": it reads as a part left unwritten. ` +
              'Write it before the interview, even as three short lines, or take the heading out.',
          });
          continue;
        }
      }
      // Reference notes quote examples ("Owner: [Your name]" in a how-to): there only a note that
      // text is still to come ("[Screenshots to be added]") is the writer's own.
      const quotesExamples = section.kind === 'reference';
      // Slots are looked for up to the next section, so that text under a heading deeper than the
      // sections ("#### Cut onboarding drop-off" in a "## Cases" story) is read too.
      const to = nextSectionStart(starts, section, from);
      const unfinished = (slot: string) => TO_COME_SLOT.test(slot) || (!quotesExamples && UNFINISHED_SLOT.test(slot));
      const prose = doc.prose.slice(from, to);
      // Two or more word slots: the section is a template to copy, kept on purpose.
      if ((prose.match(WORD_SLOT)?.length ?? 0) - countUnfinished(prose, unfinished) >= 2) continue;
      const left: { start: number; end: number; message: string }[] = [];
      for (const m of prose.matchAll(SLOT)) {
        if (!unfinished(m[1])) continue;
        left.push({
          start: from + m.index,
          end: from + m.index + m[0].length,
          message: `"${shorten(m[0], 60)}" is still a slot to fill in. Put in the real words before anyone reads this, or take the line out.`,
        });
      }
      // Backticks as a highlighter: `Can I say this?`, `TBD`. Reference notes quote such markers
      // as examples ("mark gaps with `TBD`"); a number blank (`???`%) is number-placeholder's.
      if (!quotesExamples) {
        for (const span of codeSpansIn(doc, from, to)) {
          if (span.content.length > 80 || CODE_SHAPE.test(span.content) || !CODE_NOTE.test(span.content) || isCodeNumberBlank(text, span)) continue;
          const shown = text.slice(span.start, span.end);
          left.push({
            start: span.start,
            end: span.end,
            message: `"${shorten(shown, 60)}" is a note to self still in the text. Settle it (put in the real words or figure) before anyone reads this, or take it out.`,
          });
        }
      }
      left.sort((a, b) => a.start - b.start);
      for (const l of left.slice(0, MAX_PER_SECTION)) report({ range: doc.lines.range(l.start, l.end), message: l.message });
    }
  },
});

/** How many slots in the text are unfinished-writing slots (they are not template word slots). */
function countUnfinished(prose: string, unfinished: (slot: string) => boolean): number {
  let n = 0;
  for (const m of prose.matchAll(SLOT)) if (unfinished(m[1])) n++;
  return n;
}

/** The section's own text: after its heading line, up to the next heading of any level (for "holds only …"). */
function ownBody(text: string, section: Section): [number, number] {
  const from = section.heading ? section.heading.range.end.offset : section.range.start.offset;
  const to = section.range.end.offset;
  const next = /^[ \t]{0,3}#{1,6}[ \t]/m.exec(text.slice(from, to));
  return [from, next ? from + next.index : to];
}

/** Where the next section of the doc starts after `from` (a part, a story of a group), or the section's end. */
function nextSectionStart(starts: readonly number[], section: Section, from: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length ? Math.min(starts[lo], section.range.end.offset) : section.range.end.offset;
}

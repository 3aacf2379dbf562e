/** `story-points`: an estimate too large for one sprint, or off the usual estimation scale. */
import { defineRule } from './types';

/** The planning-poker scale (Fibonacci, plus the 20 that many decks use). */
export const ESTIMATE_SCALE: readonly number[] = [0, 0.5, 1, 2, 3, 5, 8, 13, 20, 21, 40, 100];
/** Values most teams put on their cards, used for suggestions (½ only below 1). */
const SUGGEST: readonly number[] = [0.5, 1, 2, 3, 5, 8, 13, 21, 40, 100];

/**
 * The scale values either side of an off-scale `value` (7 → 5 or 8, 4 → 3 or 5); one value
 * beyond either end of the scale (150 → 100), and the value itself when it is on the scale.
 */
export function nearestOnScale(value: number): number[] {
  if (SUGGEST.includes(value)) return [value];
  const below = SUGGEST.filter((v) => v < value);
  const above = SUGGEST.filter((v) => v > value);
  return [...(below.length ? [below[below.length - 1]] : []), ...(above.length ? [above[0]] : [])];
}

function show(n: number): string {
  return n === 0.5 ? '½' : String(n);
}

export const storyPoints = defineRule({
  id: 'story-points',
  description: 'A story-point estimate too large for one sprint, or off the Fibonacci scale',
  defaultSeverity: 'warning',
  sections: ['artifact', 'story'],
  fixable: false,
  options: {
    splitAt: {
      type: 'number',
      default: 13,
      minimum: 1,
      description: 'Estimates at or above this many points are reported as too large for one sprint.',
    },
    checkScale: {
      type: 'boolean',
      default: true,
      description: 'Also report (as info) estimates that are not on the Fibonacci planning scale (1, 2, 3, 5, 8, 13, 21, 40, 100; 0, ½ and 20 are accepted).',
    },
  },
  examples: {
    valid: ['---\nloop: po\n---\n\n## Backlog\n\n- As a shopper, I want to save my cart, so that I can finish checkout later. (5)\n- Points: 8\n'],
    invalid: ['---\nloop: po\n---\n\n## Backlog\n\n- As a shopper, I want to pay with a saved card, so that checkout takes one tap. (13)\n'],
  },
  check({ doc, options, report }) {
    for (const e of doc.artifacts.estimates) {
      // A sum over several stories (an epic's total, a sprint's load, a summary line) sizes no story.
      if (e.of === 'total') continue;
      if (e.of === 'epic') {
        // An epic not yet split: big is expected, and any number is fine for a rough sum; what a
        // coach asks is that it becomes stories before planning. Info: it may be split elsewhere.
        if (e.value >= options.splitAt)
          report({
            range: e.range,
            severity: 'info',
            message:
              `${show(e.value)} points on an epic is a rough size, not a story (${e.why ?? 'it names an epic'}). ` +
              'Before sprint planning, write it as stories that each fit one sprint: ' +
              'by workflow step (search, then pay, then confirm), ' +
              'by data variation (one card type or region first), or by business rule (the happy path first, each exception as its own story).',
          });
        continue;
      }
      if (e.value >= options.splitAt) {
        // An item the writer already kept out of the sprint ("Explicitly excluded from this sprint")
        // is no planning mistake: what is left to say is how to bring it back in, so info.
        const left = leftOutOfSprint(doc.text, e.range.start.offset);
        report({
          range: e.range,
          ...(left ? { severity: 'info' as const } : {}),
          message:
            `${show(e.value)} points is too big to finish inside one sprint (the split threshold is ${show(options.splitAt)}). ` +
            (left
              ? 'You have kept it out of this sprint; a PO panel will still ask how it comes back in. Say how you would split it into thin slices that each deliver something: '
              : 'Split it before planning into thin slices that each deliver something: ') +
            'by workflow step (search, then pay, then confirm), ' +
            'by data variation (one card type or region first), or by business rule (the happy path first, each exception as its own story).',
        });
        continue;
      }
      if (options.checkScale && !ESTIMATE_SCALE.includes(e.value)) {
        const near = nearestOnScale(e.value).map(show);
        report({
          range: e.valueRange,
          severity: 'info',
          message:
            `${show(e.value)} is not on the planning-poker scale. Teams estimate on 1, 2, 3, 5, 8, 13, 21…, so the gaps show uncertainty; ` +
            `re-estimate as ${near.join(' or ')}.`,
        });
      }
    }
  },
});

/** Words that say an item is kept out of the sprint being planned. */
const LEFT_OUT =
  /\b(?:excluded|not (?:selected|included|committed)|left out|out of (?:scope|the sprint|this sprint)|not (?:in|for) (?:this|the) sprint|deferred|parked|descoped|de-scoped|postponed|next sprint|future sprints?)\b/i;

/** Whether the estimate's line, or the nearest heading above it, says the item is kept out of the sprint. */
function leftOutOfSprint(text: string, offset: number): boolean {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  const le = text.indexOf('\n', offset);
  if (LEFT_OUT.test(text.slice(ls, le === -1 ? text.length : le))) return true;
  let end = ls - 1;
  for (let n = 0; end > 0 && n < 60; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (/^#{1,6}\s/.test(line)) return LEFT_OUT.test(line);
    end = start - 1;
  }
  return false;
}

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
      if (e.value >= options.splitAt) {
        report({
          range: e.range,
          message:
            `${show(e.value)} points is too big to finish inside one sprint (the split threshold is ${show(options.splitAt)}). ` +
            'Split it before planning into thin slices that each deliver something: by workflow step (search, then pay, then confirm), ' +
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

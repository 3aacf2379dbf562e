/** `missing-axis`: a story with no axis tag. */
import { findTerms } from '../lexicon';
import { AXES, type Axis, type Fix } from '../types';
import { PULLED_AXES } from './axis-mismatch';
import { defineRule } from './types';
import { addTagFix, manual, storyProse } from './util';

export const missingAxis = defineRule({
  id: 'missing-axis',
  description: 'A story with no axis tag (#strategy, #metrics, #execution or #stakeholders)',
  defaultSeverity: 'hint',
  sections: ['story'],
  fixable: true,
  options: {},
  examples: {
    valid: ['---\nloop: pm\n---\n\n## Picked the pricing bet #pm #strategy\n\nWe compared three bets by payback.\n'],
    invalid: ['---\nloop: pm\n---\n\n## Picked the pricing bet #pm\n\nWe compared three bets by payback.\n'],
  },
  check({ doc, lexicon, report }) {
    for (const story of doc.stories) {
      if (story.axisTags.length) continue;
      const weights = new Map<Axis, number>();
      for (const e of findTerms(storyProse(doc, story).text, lexicon)) {
        const axis = e.axis;
        if (axis) weights.set(axis, (weights.get(axis) ?? 0) + e.weight);
      }
      // Axes the story's loop pulls come first, so the preferred fix never trips axis-mismatch.
      const loop = story.loop === 'pm' || story.loop === 'po' ? story.loop : doc.loop === 'pm' || doc.loop === 'po' ? doc.loop : undefined;
      const pulled = (axis: Axis) => !loop || PULLED_AXES[loop].includes(axis);
      const ranked = [...AXES].sort((a, b) => Number(pulled(b)) - Number(pulled(a)) || (weights.get(b) ?? 0) - (weights.get(a) ?? 0));
      const best = weights.size && (weights.get(ranked[0]) ?? 0) > 0 ? ranked[0] : undefined;
      // Only an axis the text gives evidence for is preferred; the others are the user's choice.
      const fixes: Fix[] = ranked.map((axis) => manual(addTagFix(story, axis, axis === best ? `Add #${axis} (inferred from the text)` : undefined), axis !== best));
      report({
        range: story.heading.range,
        message: `This story has no axis tag. Map it to one of #strategy, #metrics, #execution or #stakeholders so you can pull the right story for each question.`,
        fixes,
      });
    }
  },
});

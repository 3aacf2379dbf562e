/** `axis-mismatch`: a story whose only axes are ones its loop does not pull. */
import type { Axis, SingleLoop } from '../types';
import { defineRule } from './types';
import { loopName, offLoop } from './util';

/** The axes each loop's panel pulls on. */
export const PULLED_AXES: Record<SingleLoop, readonly Axis[]> = {
  pm: ['strategy', 'metrics', 'stakeholders'],
  po: ['execution', 'stakeholders'],
};

export const axisMismatch = defineRule({
  id: 'axis-mismatch',
  description: "A story whose only axis is one the doc's loop does not pull",
  defaultSeverity: 'info',
  sections: ['story'],
  fixable: false,
  options: {},
  examples: {
    valid: ['---\nloop: pm\n---\n\n## Defended the Q3 bet #pm #strategy\n\nI showed the cohort data.\n'],
    invalid: ['---\nloop: pm\n---\n\n## Kept the release on schedule #pm #execution\n\nI chased QA every day.\n'],
  },
  check({ doc, report }) {
    for (const story of doc.stories) {
      if (!story.axisTags.length) continue;
      // A story tagged for the other loop is wrong-loop's finding; one problem, one finding.
      if (offLoop(doc, story)) continue;
      const loop = doc.loop === 'pm' || doc.loop === 'po' ? doc.loop : story.loop === 'pm' || story.loop === 'po' ? story.loop : undefined;
      if (!loop) continue;
      const pulled = PULLED_AXES[loop];
      if (story.axisTags.some((t) => pulled.includes(t.name))) continue;
      const axes = [...new Set(story.axisTags.map((t) => `#${t.name}`))].join(' and ');
      const want = loop === 'pm' ? '#strategy or #metrics (what you bet on, what it moved)' : '#execution or #stakeholders (how the squad delivered, who you negotiated with)';
      report({
        range: story.axisTags[0].range,
        message: `A ${loopName(loop)} panel rarely pulls on ${axes}. Retell this story on ${want}, or keep it for the other loop.`,
      });
    }
  },
});

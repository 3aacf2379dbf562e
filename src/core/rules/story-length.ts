/**
 * `story-length`: a story that takes longer to tell than the target (its words at a speaking
 * pace, ~150 words a minute). Panels give about two minutes per behavioural answer.
 */
import { formatMinutesOver, leftOutNote, spokenLength, storyBody } from '../story-text';
import { defineRule } from './types';

export const storyLength = defineRule({
  id: 'story-length',
  description: 'A story that takes longer to tell than the target (default about 2.5 minutes at 150 words a minute)',
  defaultSeverity: 'info',
  fixable: false,
  options: {
    targetMinutes: {
      type: 'number',
      default: 2.5,
      minimum: 0.5,
      maximum: 30,
      description: 'How long a story may take to tell, in minutes.',
    },
    wordsPerMinute: {
      type: 'number',
      default: 150,
      minimum: 60,
      maximum: 300,
      integer: true,
      description: 'Your speaking pace, in words per minute.',
    },
  },
  examples: {
    valid: ['---\nloop: po\n---\n\n## Protected the sprint goal #po #stakeholders\n\nA VP asked for a new report mid-sprint. I showed him the sprint goal and what the report would push out, and he agreed to wait one sprint. We met the goal; the report shipped the sprint after.\n'],
    invalid: [
      `---\nloop: po\n---\n\n## Protected the sprint goal #po #stakeholders\n\n${'A VP asked for a new report in the middle of the sprint, and I walked him through the sprint goal, the capacity we had left and what the report would push out. '.repeat(14)}\n`,
    ],
  },
  check({ doc, options, report }) {
    for (const story of doc.stories) {
      const len = spokenLength(doc, story, options.wordsPerMinute);
      // Every story the section kinds found: a guide or a glossary is reference, never timed.
      if (len.minutes <= options.targetMinutes) continue;
      const cut = Math.ceil(len.words - options.targetMinutes * len.wordsPerMinute);
      const note = leftOutNote(storyBody(doc, story).leftOut);
      report({
        range: story.heading.range,
        message:
          `This story takes ${formatMinutesOver(len.minutes, options.targetMinutes)} to tell (${len.words} words at ${len.wordsPerMinute} a minute${note ? `, ${note}` : ''}), over your ${options.targetMinutes}-minute target; ` +
          `cut about ${cut} words. Keep the situation to two sentences and spend the time on what you did and what changed.`,
      });
    }
  },
});

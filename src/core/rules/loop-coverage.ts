/** `loop-coverage`: the doc leaves one of its loop's interview drills without a story. */
import { DRILLS, detectDrills, type DrillId } from '../lexicon';
import type { SingleLoop } from '../types';
import { defineRule } from './types';
import { docAnchor, loopName, sectionProse } from './util';

export const loopCoverage = defineRule({
  id: 'loop-coverage',
  description: "The doc has no story for one of its loop's interview drills",
  defaultSeverity: 'info',
  fixable: false,
  options: {
    ignore: { type: 'string[]', default: [] as string[], description: 'Drill ids you choose not to prepare for (e.g. "sql").' },
  },
  examples: {
    valid: [],
    invalid: ['---\nloop: pm\n---\n\n## Chose the activation bet #pm #strategy\n\nI picked the onboarding funnel over pricing because activation drove retention.\n'],
  },
  check({ doc, options, lexicon, report }) {
    // Coverage is about the candidate's stories: a doc of reference notes, artifacts or logistics has nothing to cover.
    if (!doc.loop || !doc.stories.length) return;
    const loops: SingleLoop[] = doc.loop === 'hybrid' ? ['pm', 'po'] : [doc.loop];
    const covered = new Set<DrillId>();
    // Stories count, and so do artifact sections (a "User stories" section drills user-story writing).
    for (const section of doc.sections) {
      if (section.kind !== 'story' && section.kind !== 'artifact') continue;
      // An unanswered Drill a Question skeleton covers nothing until it holds an answer.
      if (section.unanswered) continue;
      for (const id of detectDrills(sectionProse(doc, section), lexicon).keys()) covered.add(id);
    }
    const ignore = new Set(options.ignore);
    const missing = loops.flatMap((l) => DRILLS[l]).filter((d) => !covered.has(d.id) && !ignore.has(d.id));
    if (!missing.length) return;
    const names = missing.map((d) => `${d.label}${doc.loop === 'hybrid' ? ` (${loopName(d.loop)})` : ''}`);
    report({
      range: docAnchor(doc),
      message: `No story yet for ${missing.length === 1 ? 'this drill' : `${missing.length} drills`} the ${loopName(doc.loop)} loop asks about: ${names.join('; ')}. Add a story for each, or list the ones you skip on purpose in the rule's "ignore" option.`,
    });
  },
});

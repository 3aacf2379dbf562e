/** `loop-coverage`: the doc leaves one of its loop's interview drills without a story. */
import { DRILLS, detectDrills, type DrillId } from '../lexicon';
import type { SingleLoop } from '../types';
import { checkBySummaries, defineRule, defineSummaries, type OptionsOf } from './types';
import { docAnchor, loopName, sectionProse } from './util';

const options = {
  ignore: { type: 'string[]' as const, default: [] as string[], description: 'Drill ids you choose not to prepare for (e.g. "sql").' },
};

/** Per part: how many stories, and which drills its stories and artifact sections cover. */
const summaries = defineSummaries<OptionsOf<typeof options>, { stories: number; covered: DrillId[] }>({
  summarize({ doc, lexicon }, part) {
    const covered = new Set<DrillId>();
    // Stories count, and so do artifact sections (a "User stories" section drills user-story writing).
    for (const section of part.sections) {
      if (section.kind !== 'story' && section.kind !== 'artifact') continue;
      // An unanswered Drill a Question skeleton covers nothing until it holds an answer.
      if (section.unanswered) continue;
      for (const id of detectDrills(sectionProse(doc, section), lexicon).keys()) covered.add(id);
    }
    return { stories: part.stories.length, covered: [...covered] };
  },
  merge(a, b) {
    return { stories: a.stories + b.stories, covered: [...new Set([...a.covered, ...b.covered])] };
  },
  combine({ doc, options, report }, parts) {
    // Coverage is about the candidate's stories: a doc of reference notes, artifacts or logistics has nothing to cover.
    if (!doc.loop || !parts.some((p) => p.stories > 0)) return;
    const loops: SingleLoop[] = doc.loop === 'hybrid' ? ['pm', 'po'] : [doc.loop];
    const ignore = new Set(options.ignore);
    const wanted = new Set(loops.flatMap((l) => DRILLS[l]).map((d) => d.id).filter((id) => !ignore.has(id)));
    const covered = new Set<DrillId>();
    scan: for (const p of parts) {
      for (const id of p.covered) {
        if (wanted.has(id)) covered.add(id);
        if (covered.size === wanted.size) break scan;
      }
    }
    const missing = loops.flatMap((l) => DRILLS[l]).filter((d) => wanted.has(d.id) && !covered.has(d.id));
    if (!missing.length) return;
    const names = missing.map((d) => `${d.label}${doc.loop === 'hybrid' ? ` (${loopName(d.loop)})` : ''}`);
    report({
      range: docAnchor(doc),
      message: `No story yet for ${missing.length === 1 ? 'this drill' : `${missing.length} drills`} the ${loopName(doc.loop)} loop asks about: ${names.join('; ')}. Add a story for each, or list the ones you skip on purpose in the rule's "ignore" option.`,
    });
  },
});

export const loopCoverage = defineRule({
  id: 'loop-coverage',
  description: "The doc has no story for one of its loop's interview drills",
  defaultSeverity: 'info',
  fixable: false,
  options,
  examples: {
    valid: [],
    invalid: ['---\nloop: pm\n---\n\n## Chose the activation bet #pm #strategy\n\nI picked the onboarding funnel over pricing because activation drove retention.\n'],
  },
  summaries,
  check(ctx) {
    checkBySummaries(summaries, ctx);
  },
});

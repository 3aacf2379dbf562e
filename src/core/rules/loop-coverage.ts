/** `loop-coverage`: the doc leaves one of its loop's interview drills without a story. */
import type { Elsewhere } from '../elsewhere';
import { coveredDrillsIn } from '../drill-evidence';
import { DRILLS, type DrillId, type Lexicon } from '../lexicon';
import type { PrepDoc, Section } from '../parse';
import type { SingleLoop } from '../types';
import { checkBySummaries, defineRule, defineSummaries, type OptionsOf } from './types';
import { docAnchor, loopName, sectionProse } from './util';

/**
 * The drills some sections cover: those their stories and artifact sections are about (a "User
 * stories" section drills user-story writing), judged as `prep-loop coverage` and
 * `no-scrum-mechanics` judge them ({@link coveredDrillsIn}: a word in passing or in a skills list
 * is not a story about the drill); an unanswered Drill a Question skeleton covers nothing until
 * it holds an answer. Shared with the sibling summaries (`elsewhere.ts`), so a sibling's stories
 * count the way the file's own do.
 */
export function coveredDrills(doc: PrepDoc, sections: readonly Section[], lexicon: Lexicon): Set<DrillId> {
  const covered = new Set<DrillId>();
  for (const section of sections) {
    if (section.kind !== 'story' && section.kind !== 'artifact') continue;
    if (section.unanswered) continue;
    for (const id of coveredDrillsIn(sectionProse(doc, section), lexicon).keys()) covered.add(id);
  }
  return covered;
}

/** The sibling files whose stories cover a drill, by drill (`elsewhere.drills`). */
function coveredElsewhere(elsewhere: Elsewhere | undefined): Map<DrillId, readonly string[]> {
  return new Map((elsewhere?.drills ?? []).map((d) => [d.id, d.files]));
}

const options = {
  ignore: { type: 'string[]' as const, default: [] as string[], description: 'Drill ids you choose not to prepare for (e.g. "sql").' },
};

/** Per part: how many stories, and which drills its stories and artifact sections cover. */
const summaries = defineSummaries<OptionsOf<typeof options>, { stories: number; covered: DrillId[] }>({
  summarize({ doc, lexicon }, part) {
    return { stories: part.stories.length, covered: [...coveredDrills(doc, part.sections, lexicon)] };
  },
  merge(a, b) {
    return { stories: a.stories + b.stories, covered: [...new Set([...a.covered, ...b.covered])] };
  },
  combine({ doc, options, report, elsewhere }, parts) {
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
    const uncovered = loops.flatMap((l) => DRILLS[l]).filter((d) => wanted.has(d.id) && !covered.has(d.id));
    // A folder of prep docs for one loop is prepared as a whole: a drill a sibling of the same loop
    // (or a hybrid doc, for its half) has a story for is not missing here.
    const siblings = coveredElsewhere(elsewhere);
    const missing = uncovered.filter((d) => !siblings.has(d.id));
    if (!missing.length) return;
    const counted = [...new Set(uncovered.filter((d) => siblings.has(d.id)).flatMap((d) => siblings.get(d.id) ?? []))].sort();
    const names = missing.map((d) => `${d.label}${doc.loop === 'hybrid' ? ` (${loopName(d.loop)})` : ''}`);
    const also = counted.length
      ? ` Stories in ${counted.length === 1 ? 'another prep doc' : 'other prep docs'} of this folder for the same loop were counted too (${counted.join(', ')}); ${missing.length === 1 ? 'this drill is' : 'these drills are'} in none of them.`
      : '';
    report({
      range: docAnchor(doc),
      message: `No story yet for ${missing.length === 1 ? 'this drill' : `${missing.length} drills`} the ${loopName(doc.loop)} loop asks about: ${names.join('; ')}. Add a story for each, or list the ones you skip on purpose in the rule's "ignore" option.${also}`,
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

/**
 * `loop-coverage`: the stories of a folder leave one of its loop's interview drills without a
 * story. Said once per folder and loop, on its first story bank (`story-holding.ts`).
 */
import type { Elsewhere } from '../elsewhere';
import { coveredDrillsIn } from '../drill-evidence';
import { DRILLS, type DrillId, type Lexicon } from '../lexicon';
import type { GenreDecision } from '../genre';
import type { PrepDoc, Section } from '../parse';
import { judgeStoryHolding, loopsOf } from '../story-holding';
import type { SingleLoop } from '../types';
import { checkBySummaries, defineRule, defineSummaries, type OptionsOf } from './types';
import { docAnchor, loopName, sectionProse } from './util';

/**
 * The drills some sections cover: those their stories and artifact sections are about (a "User
 * stories" section drills user-story writing), judged as `prep-loop coverage` and
 * `no-scrum-mechanics` judge them ({@link coveredDrillsIn}: a word in passing or in a skills list
 * is not a story about the drill); an unanswered Drill a Question skeleton, and the artifact
 * sections of a doc judged a template (`genre.ts`), cover nothing until they hold an answer. Shared with the sibling summaries (`elsewhere.ts`), so a sibling's stories
 * count the way the file's own do.
 */
export function coveredDrills(doc: PrepDoc, sections: readonly Section[], lexicon: Lexicon): Set<DrillId> {
  const covered = new Set<DrillId>();
  for (const section of sections) {
    if (section.kind !== 'story' && section.kind !== 'artifact') continue;
    if (section.unanswered) continue;
    // A template's parts are slots to fill in ("Metric 1: [target]"): nothing practised yet.
    if (section.kind === 'artifact' && doc.genre?.genre === 'template') continue;
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

/**
 * Per part: how many stories, which drills its stories and artifact sections cover, and the
 * doc's genre (the same in every part: a part is parsed with the whole doc's), the evidence of
 * whether the doc is a story bank (`story-holding.ts`).
 */
const summaries = defineSummaries<OptionsOf<typeof options>, { stories: number; covered: DrillId[]; genre?: GenreDecision }>({
  summarize({ doc, lexicon }, part) {
    return { stories: part.stories.length, covered: [...coveredDrills(doc, part.sections, lexicon)], ...(doc.genre ? { genre: doc.genre } : {}) };
  },
  merge(a, b) {
    const genre = a.genre ?? b.genre;
    return { stories: a.stories + b.stories, covered: [...new Set([...a.covered, ...b.covered])], ...(genre ? { genre } : {}) };
  },
  combine({ doc, options, report, elsewhere }, parts) {
    if (!doc.loop) return;
    // Coverage is about the candidate's stories, and a folder is prepared as a whole: its gaps are
    // said once per loop, on its first story bank of that loop, never on a template, a guide, a
    // single case study or reference notes.
    const genre = parts.find((p) => p.genre)?.genre;
    const holding = judgeStoryHolding({ stories: parts.reduce((n, p) => n + p.stories, 0), ...(genre ? { genre } : {}) });
    if (holding.holds !== 'bank') return;
    const before = elsewhere?.banksBefore ?? [];
    const firstFor = (l: SingleLoop) => before.find((b) => loopsOf(b.loop).includes(l))?.file;
    const loops = loopsOf(doc.loop).filter((l) => !firstFor(l));
    if (!loops.length) return;
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
    const both = loops.length === 2;
    const names = missing.map((d) => `${d.label}${both ? ` (${loopName(d.loop)})` : ''}`);
    const also = counted.length
      ? ` Stories in ${counted.length === 1 ? 'another prep doc' : 'other prep docs'} of this folder for the same loop were counted too (${counted.join(', ')}); ${missing.length === 1 ? 'this drill is' : 'these drills are'} in none of them.`
      : '';
    // Where the finding is and why: the evidence of the story-bank verdict, and where the other
    // half of a hybrid doc's drills is said when an earlier bank prepares that loop.
    const elsewhereHalf = loopsOf(doc.loop)
      .filter((l) => !loops.includes(l))
      .map((l) => ` (its ${loopName(l)} gaps are listed in ${firstFor(l)}, which comes first)`)
      .join('');
    const label = both ? 'hybrid' : loopName(loops[0]);
    report({
      range: docAnchor(doc),
      message:
        `No story yet for ${missing.length === 1 ? 'this drill' : `${missing.length} drills`} the ${label} loop asks about: ${names.join('; ')}. Add a story for each, or list the ones you skip on purpose in the rule's "ignore" option.${also}` +
        ` Prep Loop says this once per folder and loop, on this doc: it ${holding.reason} and is the first doc of ${both ? 'PM and PO' : label} stories in its folder${elsewhereHalf}.`,
    });
  },
});

export const loopCoverage = defineRule({
  id: 'loop-coverage',
  description: "No story yet for one of the loop's interview drills (said once per folder, on its first story bank)",
  defaultSeverity: 'info',
  fixable: false,
  options,
  examples: {
    valid: ['---\nloop: pm\n---\n\n# Onboarding case study\n\n## Chose the activation bet #pm #strategy\n\nI picked the onboarding funnel over pricing because activation drove retention.\n'],
    invalid: [
      '---\nloop: pm\n---\n\n## Chose the activation bet #pm #strategy\n\nI picked the onboarding funnel over pricing because activation drove retention.\n\n## Priced the team plan #pm #metrics\n\nI modelled LTV against CAC payback and moved the plan to annual billing.\n',
    ],
  },
  summaries,
  check(ctx) {
    checkBySummaries(summaries, ctx);
  },
});

/**
 * `untagged-story`: a story with no loop tag. The fix writes the tag the text reads as only when
 * that reading is sure and agrees with the doc; otherwise every tag is offered as a choice.
 */
import { classify, type Classification, type Evidence } from '../lexicon';
import type { PrepDoc } from '../parse';
import type { Fix, Loop, SingleLoop } from '../types';
import { defineRule } from './types';
import { addTagFix, agreesWithDoc, evidenceWords, listTerms, loopName, manual, otherLoop, storyProse, SURE_EVIDENCE } from './util';

export const untaggedStory = defineRule({
  id: 'untagged-story',
  description: 'A story with no loop tag (#pm, #po or #hybrid)',
  defaultSeverity: 'info',
  sections: ['story'],
  fixable: true,
  options: {},
  examples: {
    valid: ['---\nloop: po\n---\n\n## Split a 13-point story before planning #po #execution\n\nThe team could not fit it; we sliced it by workflow step.\n'],
    invalid: ['---\nloop: po\n---\n\n## Split a 13-point story before planning\n\nThe team could not fit it in the sprint; in refinement we sliced it by workflow step and kept the sprint goal.\n'],
  },
  check({ doc, lexicon, report }) {
    for (const story of doc.stories) {
      // A loop in the front matter's `tags:` tags every story of the doc (Obsidian's habit).
      if (story.loopTags.length || story.loop) continue;
      const { text } = storyProse(doc, story);
      const c = classify(text, lexicon);
      const { inferred, reading, sure, why } = tagVerdict(doc, c, text);
      const fixes: Fix[] = [];
      // Only a sure reading that agrees with the doc is written by fix-all, on save and by --fix;
      // a lean, a mix, nothing to go on, or a reading of the other loop makes every tag a choice.
      if (inferred) fixes.push(manual(addTagFix(story, inferred, `Add #${inferred} (${reading === 'clear' ? 'inferred from the text' : reading === 'mixed' ? 'the text mixes both loops' : 'the text leans this way'})`), !sure));
      const docFirst = doc.loop ? [doc.loop, ...(['pm', 'po', 'hybrid'] as const).filter((l) => l !== doc.loop)] : (['pm', 'po', 'hybrid'] as const);
      for (const loop of docFirst) if (loop !== inferred) fixes.push(manual(addTagFix(story, loop, loop === doc.loop ? `Add #${loop} (this doc's loop)` : undefined)));
      // In a PM or PO doc an untagged story already counts for the doc's loop (coverage, the
      // loop rules); when its text agrees, or says nothing, the tag is bookkeeping: a hint, not a
      // finding that crowds the coaching ones. A reading of the other loop or of both stays info.
      const counted = (doc.loop === 'pm' || doc.loop === 'po') && (c.loop === 'unknown' || inferred === doc.loop);
      report({
        range: story.heading.range,
        message: counted
          ? `This story has no loop tag, so it counts for this ${loopName(doc.loop!)}-loop doc.${why} Tag it if you want the panel written on the story itself.`
          : `This story has no loop tag.${why} Tag it #pm, #po or #hybrid so you know which panel it is for.`,
        ...(counted ? { severity: 'hint' as const } : {}),
        fixes,
      });
    }
  },
});

/** How sure the classifier must be (0–1), besides {@link SURE_EVIDENCE} different words, before a fix writes the tag. */
const SURE_CONFIDENCE = 0.5;

/**
 * What the text says about the story's loop: the tag it points to (if any), whether that is sure
 * enough to write without asking (a clear reading of one loop, on at least {@link SURE_EVIDENCE}
 * different words of the writer's own work, that agrees with the doc), and why, in words.
 */
function tagVerdict(doc: PrepDoc, c: Classification, text: string): { inferred?: Loop; reading?: 'clear' | 'lean' | 'mixed'; sure: boolean; why: string } {
  // Evidence of one's own work: a term inside a longer one, a user story's topic or a question's
  // word is no separate reason to write a tag. Those are named (and counted) when there are any.
  const hits = (loop: SingleLoop) => c.evidence[loop].filter((e) => !e.within);
  const own = (loop: SingleLoop) => hits(loop).filter((e) => !e.topic && !e.aside);
  // Each term once ("ticket" and "tickets" are one word of evidence), in text order.
  const name = (list: readonly Evidence[]) => {
    const seen = new Set<string>();
    return listTerms(list.filter((e) => !seen.has(e.term) && (seen.add(e.term), true)).map((e) => evidenceWords(text, e)));
  };
  const said = (loop: SingleLoop) => {
    const mine = own(loop);
    return name(mine.length ? mine : hits(loop));
  };
  const solid = (loop: SingleLoop) => new Set(own(loop).map((e) => e.term)).size;
  const leaveIt = 'so the fix leaves the choice to you';
  if (c.loop === 'mixed') {
    return { inferred: 'hybrid', reading: 'mixed', sure: false, why: ` It mixes both loops (PM: ${said('pm')}; PO: ${said('po')}), ${leaveIt}: #hybrid if you tell both halves, else the loop of the panel you will tell it to.` };
  }
  if (c.loop === 'unknown') {
    const some = [...hits('pm'), ...hits('po')].sort((a, b) => a.start - b.start);
    return { sure: false, why: some.length ? ` Too little in its text says which loop it is for (only ${name(some)}), ${leaveIt}.` : ` Nothing in its text says which loop it is for, ${leaveIt}.` };
  }
  const loop = c.loop;
  const n = solid(loop);
  const strong = n >= SURE_EVIDENCE && c.confidence >= SURE_CONFIDENCE;
  const reading = strong ? 'clear' : 'lean';
  const reads = ` It ${strong ? 'reads as' : 'leans towards'} ${loopName(loop)} work (${said(loop)})`;
  if (!agreesWithDoc(doc, loop)) {
    return { inferred: loop, reading, sure: false, why: `${reads}, but this is a ${loopName(doc.loop!)}-loop doc, so the tag is your call: retell it for the ${loopName(doc.loop!)} loop, or tag it #${loop} and move it to a ${loopName(loop)}-loop doc.` };
  }
  if (strong) return { inferred: loop, reading, sure: true, why: `${reads}; the fix adds #${loop}.` };
  const other = otherLoop(loop);
  const doubt =
    n < SURE_EVIDENCE
      ? n === 0
        ? 'those words sit only in questions, quoted user stories or work set aside, not in what you did'
        : `only ${n === 1 ? 'one word points' : n === 2 ? 'two words point' : `${n} words point`} that way`
      : c.evidence[other].some((e) => !e.within)
        ? `it also has ${loopName(other)} words (${said(other)})`
        : 'those words are light evidence';
  return { inferred: loop, reading, sure: false, why: `${reads}, but ${doubt}, ${leaveIt}.` };
}

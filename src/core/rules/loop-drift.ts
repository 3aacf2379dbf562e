/** `loop-drift`: a story whose substance reads as the other loop than its tag (or its doc). */
import { classify, writerActs, type Evidence } from '../lexicon';
import type { Fix } from '../types';
import { defineRule } from './types';
import { addTagFix, agreesWithDoc, evidenceWords, intendedLoop, manual, listTerms, loopName, loopSourceInfo, offLoop, otherLoop, retagFix, storyProse, SURE_EVIDENCE } from './util';

/** Distinct terms by weight (heaviest first), keeping each term's first hit; ties keep text order. */
function strongestFirst(hits: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const firsts = hits.filter((e) => !seen.has(e.term) && (seen.add(e.term), true));
  return firsts.map((e, i) => ({ e, i })).sort((a, b) => b.e.weight - a.e.weight || a.i - b.i).map((x) => x.e);
}


export const loopDrift = defineRule({
  id: 'loop-drift',
  description: 'A story whose text reads as the other loop than its tag or doc',
  defaultSeverity: 'warning',
  sections: ['story'],
  fixable: true,
  options: {
    minConfidence: {
      type: 'number',
      default: 0.35,
      minimum: 0,
      maximum: 1,
      description: 'How sure the classifier must be (0–1) before a story counts as drifting. Raise it to see fewer, surer warnings.',
    },
  },
  examples: {
    valid: [
      '---\nloop: pm\n---\n\n## Shipped the onboarding fix #pm #metrics\n\nActivation sat at 28%. I traced the drop to the invite step, set a target of 35% by end of Q3, and we shipped the fix over two sprints. Activation reached 33% in six weeks.\n',
    ],
    invalid: [
      '---\nloop: pm\n---\n\n## Kept the squad on track #pm #execution\n\nI ran backlog refinement twice a week, split a 13-point story so it fit the sprint, wrote acceptance criteria with QA and protected the sprint goal from scope creep.\n',
    ],
  },
  check({ doc, options, lexicon, report }) {
    for (const story of doc.stories) {
      const expected = intendedLoop(doc, story);
      // A story tagged for the other loop is wrong-loop's finding; one problem, one finding.
      if (!expected || offLoop(doc, story)) continue;
      const { text, offset } = storyProse(doc, story);
      const c = classify(text, lexicon);
      const other = otherLoop(expected);
      if (c.loop !== other || c.confidence < options.minConfidence) continue;
      // Drift is about what the writer did: stay quiet on text that tells no one's own work (a
      // definition, exam notes), and never name words that were only a user story's topic.
      if (!writerActs(text)) continue;
      // A term inside a longer one found too ("vision" beside "product vision") is the same evidence.
      const shown = c.evidence[other].filter((e) => !e.topic && !e.within);
      const terms = strongestFirst(shown.length ? shown : c.evidence[other].filter((e) => !e.within));
      const tag = story.loopTags.find((t) => t.name === expected);
      // Retagging resolves the drift only when the doc is for that loop too; in a single-loop doc
      // it turns the story into a wrong-loop one, so it is offered but never applied by fix-all.
      const retag = tag ? retagFix(doc, tag, other, `Retag as #${other}`) : addTagFix(story, other, `Tag as #${other}`);
      const fixes: Fix[] = [manual(retag, !agreesWithDoc(doc, other))];
      const where = tag ? `it is tagged #${expected}` : `this is a ${loopName(expected)}-loop doc`;
      // Sure only with at least three different pieces of evidence ("product vision" and "vision"
      // are one): two words ("roadmap", "strategy") in a short story are a lean, not a verdict.
      // (`terms` holds each term once, and none that sits inside another: see Evidence.within.)
      const roots = terms.length;
      const sure = roots >= SURE_EVIDENCE;
      const named = listTerms(terms.map((e) => evidenceWords(text, e)));
      const retell = `Retell it around ${expected === 'pm' ? 'the bet, the outcome metric and the trade-off' : 'the backlog, the sprint and how work got accepted'}`;
      // Tagging it as the other loop only helps where the doc is for that loop too; elsewhere it
      // would swap this finding for a wrong-loop one.
      const alternative = agreesWithDoc(doc, other) ? `, or tag it #${other}` : `, or move it to a ${loopName(other)}-loop doc`;
      report({
        range: story.heading.range,
        message: sure
          ? `This story reads as ${loopName(other)} work (${named}) but ${where}. ${retell}${alternative}.`
          : `This story leans towards ${loopName(other)} work (${named}) but ${where}; only ${roots === 1 ? 'one word points' : `${roots} words point`} that way, so this is a hint to check, not a verdict. If the panel could hear it as ${loopName(other)} work, ${retell.charAt(0).toLowerCase()}${retell.slice(1)}.`,
        ...(sure ? {} : { severity: 'info' as const }),
        fixes,
        related: [
          // A word read in one of its senses says which ("scope cut to learn something…").
          ...terms.slice(0, 3).map((e) => ({
            range: doc.lines.range(offset + e.start, offset + e.end),
            message: `${loopName(other)} evidence: "${evidenceWords(text, e).replace(/\s+/g, ' ')}"${e.why ? ` (${e.why})` : ''}`,
          })),
          ...(tag ? [] : loopSourceInfo(doc)),
        ],
      });
    }
  },
});

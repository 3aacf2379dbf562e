/**
 * `story-ownership`: a story whose actions are all "we", with no "I": the panel cannot tell what
 * the candidate did. Quoted speech is left out, and so are list items that start with a verb
 * ("- Ran refinement…"), which read as the candidate's own actions. A long story (two minutes
 * or more told) with two "we"s or more and no "I" is reported too, whatever `minWe` says.
 */
import { countWords, storyBody } from '../story-text';
import { defineRule } from './types';

const WE = /\bwe(?:['’](?:re|ve|d|ll))?\b/gi;
const I = /(?<![\p{L}\p{N}'’])I(?:['’](?:m|ve|d|ll))?(?![\p{L}\p{N}])/gu;
/** A list item that starts with a past-tense or imperative verb: an implied "I". */
const VERB_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\*\*[^*\n]+\*\*[ \t]*)?(?:[A-Z][a-z]+ed|Ran|Led|Built|Wrote|Cut|Set|Made|Took|Met|Sat|Drove|Chose|Got|Held|Kept|Brought|Gave|Sent|Split|Shipped|Sold|Told|Won)\b/m;
/**
 * A story this long (two minutes told: a whole answer) that says "we" twice or more and never "I"
 * is reported even below `minWe`: a case told in the passive with a "we" here and there
 * ("Discovery was run…", "We chose to pivot") hides the candidate's part as surely as a string of
 * "we"s does. A shorter section with one "we" may be the scene-setting part of a story whose "I"
 * comes in the next section, so it is left alone.
 */
const LONG_STORY_WORDS = 300;
/** Text in quotation marks: what someone said, not what the candidate did. */
const QUOTED = /"[^"\n]{0,300}"|“[^”\n]{0,300}”/g;

export const storyOwnership = defineRule({
  id: 'story-ownership',
  description: 'A story told only as "we", with no "I": the panel cannot tell what you did',
  defaultSeverity: 'info',
  fixable: false,
  options: {
    minWe: {
      type: 'number',
      default: 3,
      minimum: 1,
      integer: true,
      description: 'How many times a story must say "we" (with no "I") before it is reported.',
    },
  },
  examples: {
    valid: [
      '---\nloop: pm\n---\n\n## Chose the onboarding bet #pm #strategy\n\nWe had three growth bets and one quarter. I sized each one from the funnel data, we reviewed them with finance, and I made the call for onboarding. We shipped it in six weeks.\n',
    ],
    invalid: [
      '---\nloop: pm\n---\n\n## Chose the onboarding bet #pm #strategy\n\nWe had three growth bets and one quarter. We sized each one from the funnel data, we reviewed them with finance, and we picked onboarding. We shipped it in six weeks.\n',
    ],
  },
  check({ doc, options, report }) {
    for (const story of doc.stories) {
      const spoken = storyBody(doc, story).text.replace(QUOTED, (q) => ' '.repeat(q.length));
      const we = [...spoken.matchAll(WE)];
      const words = we.length >= 2 && we.length < options.minWe ? countWords(storyBody(doc, story).text) : 0;
      if (we.length < options.minWe && words < LONG_STORY_WORDS) continue;
      if (I.test(spoken) || VERB_ITEM.test(spoken)) {
        I.lastIndex = 0;
        continue;
      }
      I.lastIndex = 0;
      const body = storyBody(doc, story);
      const related = we.slice(0, 3).map((m) => ({
        range: doc.lines.range(body.offset + (m.index ?? 0), body.offset + (m.index ?? 0) + m[0].length),
        message: `"${m[0]}" here`,
      }));
      report({
        range: story.heading.range,
        message:
          `This story says "we" ${we.length} times${words ? ` in ${words} words` : ''} and never "I", so a panel cannot tell which part was yours. ` +
          'Keep "we" for the team, and say what you did yourself: "I split the epic", "I took the trade-off to the VP", "I ran the test".',
        related,
      });
    }
  },
});

/** `wrong-loop`: a story tagged for the other loop than the doc's. */
import type { Fix } from '../types';
import { defineRule } from './types';
import { classify } from '../lexicon';
import { loopName, loopSourceInfo, manual, retagFix, setDocLoopFix, storyProse } from './util';

const ADVICE = {
  pm: 'retell it on the strategy or metrics axis (the bet, the metric it moved), or move it to your PO notes',
  po: 'retell it through sprint mechanics (backlog, refinement, acceptance), or move it to your PM notes',
};

export const wrongLoop = defineRule({
  id: 'wrong-loop',
  description: "A story tagged for the other loop than the doc's",
  defaultSeverity: 'warning',
  sections: ['story'],
  fixable: true,
  options: {},
  examples: {
    valid: ['---\nloop: pm\n---\n\n## Chose between three growth bets #pm #strategy\n\nI sized each bet by reachable users and picked the one that moved activation.\n'],
    invalid: ['---\nloop: pm\n---\n\n## Renegotiated sprint scope with engineering #po #execution\n\nTwo stakeholders wanted the same sprint; I split the story and moved half to the next sprint.\n'],
  },
  check({ doc, lexicon, report }) {
    const docLoop = doc.loop;
    if (docLoop !== 'pm' && docLoop !== 'po') return;
    for (const story of doc.stories) {
      const tag = story.loopTags.find((t) => t.name !== docLoop && t.name !== 'hybrid');
      if (!tag) continue;
      // Retagging is the fix when the tag was a slip (the text reads as this doc's loop). When the
      // text is the other loop's, a new tag would only hide it: offer it, never apply it in bulk.
      const reads = classify(storyProse(doc, story).text, lexicon).loop;
      const fixes: Fix[] = [manual(retagFix(doc, tag, docLoop, `Retag as #${docLoop} (this doc's loop)`), reads !== docLoop)];
      const hybrid = setDocLoopFix(doc, 'hybrid');
      if (hybrid) fixes.push(manual(hybrid));
      report({
        range: tag.range,
        message: `${loopName(tag.name)} story in a ${loopName(docLoop)}-loop doc: a ${loopName(docLoop)} panel will hear it as the wrong answer. ${capitalise(ADVICE[docLoop])}.`,
        fixes,
        related: loopSourceInfo(doc),
      });
    }
  },
});

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

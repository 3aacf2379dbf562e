/** `wrong-loop`: a story tagged for the other loop than the doc's. */
import type { Fix } from '../types';
import { defineRule } from './types';
import { loopName, loopSourceInfo, retagFix, setDocLoopFix } from './util';

const ADVICE = {
  pm: 'retell it on the strategy or metrics axis (the bet, the metric it moved), or move it to your PO notes',
  po: 'retell it through sprint mechanics (backlog, refinement, acceptance), or move it to your PM notes',
};

export const wrongLoop = defineRule({
  id: 'wrong-loop',
  description: "A story tagged for the other loop than the doc's",
  defaultSeverity: 'warning',
  fixable: true,
  options: {},
  examples: {
    valid: ['---\nloop: pm\n---\n\n## Chose between three growth bets #pm #strategy\n\nI sized each bet by reachable users and picked the one that moved activation.\n'],
    invalid: ['---\nloop: pm\n---\n\n## Renegotiated sprint scope with engineering #po #execution\n\nTwo stakeholders wanted the same sprint; I split the story and moved half to the next sprint.\n'],
  },
  check({ doc, report }) {
    const docLoop = doc.loop;
    if (docLoop !== 'pm' && docLoop !== 'po') return;
    for (const story of doc.stories) {
      const tag = story.loopTags.find((t) => t.name !== docLoop && t.name !== 'hybrid');
      if (!tag) continue;
      const fixes: Fix[] = [retagFix(doc, tag, docLoop, `Retag as #${docLoop} (this doc's loop)`)];
      const hybrid = setDocLoopFix(doc, 'hybrid');
      if (hybrid) fixes.push(hybrid);
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

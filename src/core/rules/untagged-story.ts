/** `untagged-story`: a story with no loop tag; the fix adds the inferred one. */
import { classify } from '../lexicon';
import type { Fix, Loop } from '../types';
import { defineRule } from './types';
import { addTagFix, agreesWithDoc, evidenceWords, listTerms, loopName, manual, storyProse } from './util';

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
      let inferred: Loop | undefined;
      let why = '';
      if (c.loop === 'pm' || c.loop === 'po') {
        inferred = c.loop;
        why = ` It reads as ${loopName(c.loop)} work (${listTerms(c.evidence[c.loop].filter((e) => !e.within).map((e) => evidenceWords(text, e)))}).`;
      } else if (c.loop === 'mixed') {
        inferred = 'hybrid';
        why = ` It mixes both loops (${listTerms([...c.evidence.pm, ...c.evidence.po].filter((e) => !e.within).map((e) => evidenceWords(text, e)))}).`;
      }
      const fixes: Fix[] = [];
      // The inferred tag is the preferred fix when it agrees with the doc; a story that reads as
      // the other loop needs a decision (retell or move), so its tag is only offered.
      if (inferred) fixes.push(manual(addTagFix(story, inferred, `Add #${inferred} (inferred from the text)`), !agreesWithDoc(doc, inferred)));
      const docFirst = doc.loop ? [doc.loop, ...(['pm', 'po', 'hybrid'] as const).filter((l) => l !== doc.loop)] : (['pm', 'po', 'hybrid'] as const);
      // Without an inferred tag, the doc's own loop is the natural fix. When the text reads as
      // another loop, tagging it the doc's way would only hide the drift: every tag is the user's call.
      const disagrees = !!inferred && !agreesWithDoc(doc, inferred);
      for (const loop of docFirst) if (loop !== inferred) fixes.push(manual(addTagFix(story, loop, loop === doc.loop ? `Add #${loop} (this doc's loop)` : undefined), disagrees || loop !== doc.loop));
      report({
        range: story.heading.range,
        message: `This story has no loop tag.${why} Tag it #pm, #po or #hybrid so you know which panel it is for.`,
        fixes,
      });
    }
  },
});

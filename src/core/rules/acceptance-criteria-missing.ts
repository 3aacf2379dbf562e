/**
 * `acceptance-criteria-missing`: a user story with no acceptance criteria after it. The fix
 * inserts a Given/When/Then skeleton that fits where the story sits (a sub-list of its list item,
 * or a labelled list after its paragraph, inside a blockquote when the story is quoted).
 */
import { PLACEHOLDERS, placeholdersIn, plainMarkdown, shorten, type UserStory } from '../artifacts/user-stories';
import type { Fix } from '../types';
import { defineRule } from './types';

/** The skeleton criterion, with the story's role as the actor when it is short enough to read well. */
export function skeletonCriterion(story: UserStory): string {
  const role = story.role.text && story.role.text.length <= 40 && !/[[\]]/.test(story.role.text) ? story.role.text : 'user';
  return `Given ${PLACEHOLDERS.state}, when the ${role} ${PLACEHOLDERS.action}, then ${PLACEHOLDERS.result}.`;
}

/** The fix that inserts an acceptance-criteria skeleton under a story. */
export function skeletonFix(story: UserStory): Fix {
  const { offset, indent, mode, closeParagraph, eol, bullet } = story.insert;
  const blank = indent.replace(/[ \t]+$/, '');
  const item = `${indent}${bullet} ${skeletonCriterion(story)}`;
  let text: string;
  if (mode === 'nested') text = `${eol}${item}`;
  else if (mode === 'items') text = `${eol}${blank}${eol}${item}`;
  else text = `${eol}${blank}${eol}${indent}Acceptance criteria:${eol}${blank}${eol}${item}`;
  if (closeParagraph) text += `${eol}${blank}`;
  // A skeleton scaffolds the criteria but is not them (its placeholders are reported until
  // filled in), so it is offered, never applied by fix-all or --fix.
  return { title: 'Add an acceptance-criteria skeleton (Given/When/Then)', edits: [{ start: offset, end: offset, newText: text }], manual: true };
}

export const acceptanceCriteriaMissing = defineRule({
  id: 'acceptance-criteria-missing',
  description: 'A user story with no acceptance criteria',
  defaultSeverity: 'warning',
  sections: ['artifact', 'story'],
  fixable: true,
  options: {},
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Backlog\n\nAs a support agent, I want to see a caller\'s last order, so that I can answer without asking for the order number.\n\nAcceptance criteria:\n\n- Given a caller with two past orders, when I open their profile, then the newest order is shown first.\n- Given a caller with no orders, when I open their profile, then the order panel says "No orders yet".\n',
    ],
    invalid: ['---\nloop: po\n---\n\n## Backlog\n\n- As a support agent, I want to see a caller\'s last order, so that I can answer without asking for the order number.\n'],
  },
  check({ doc, report }) {
    for (const story of doc.artifacts.userStories) {
      // A template ("As a <user>, I want <capability> …") is a shape to copy, not a story to accept.
      if (story.template) continue;
      if (story.criteria.length) {
        // A criterion that is still the skeleton the fix inserted is no criterion yet: keep
        // reminding, without a fix, until it is filled in (as user-story-form does for its placeholders).
        if (story.criteriaFrom) continue;
        for (const c of story.criteria) {
          const holes = placeholdersIn(c.text);
          if (!holes.length) continue;
          report({
            range: c.range,
            message: `This acceptance criterion is still a skeleton: replace ${[...new Set(holes)].join(', ')} with a concrete starting state, action and result a tester can check.`,
          });
        }
        continue;
      }
      const label = story.criteriaLabel ? ' The "Acceptance criteria" label has no list under it yet.' : '';
      report({
        range: story.range,
        message: `No acceptance criteria for "${shorten(plainMarkdown(story.text), 50)}".${label} A PO panel will ask how the team knows this story is done: add Given/When/Then criteria under it (the quick fix adds a skeleton).`,
        fixes: [skeletonFix(story)],
      });
    }
  },
});

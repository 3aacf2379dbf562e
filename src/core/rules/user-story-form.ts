/**
 * `user-story-form`: a user story without a role, a goal or a benefit — or with one still left as
 * the placeholder a quick fix inserted.
 */
import { PLACEHOLDERS, personaNames, placeholdersIn, shorten } from '../artifacts/user-stories';
import type { Fix } from '../types';
import { defineRule } from './types';

export const userStoryForm = defineRule({
  id: 'user-story-form',
  description: 'A user story that lacks its role, goal or benefit',
  defaultSeverity: 'warning',
  sections: ['artifact', 'story'],
  fixable: true,
  options: {
    requireBenefit: {
      type: 'boolean',
      default: true,
      description: 'Ask for a benefit ("so that …") on every user story. Turn off for backlogs that state the why elsewhere.',
    },
  },
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- As a team lead, I want to export the sprint report, so that finance sees what we delivered.\n  - Given a closed sprint, when I export it, then a CSV with every closed story downloads.\n',
    ],
    invalid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- As a team lead, I want to export the sprint report.\n  - Given a closed sprint, when I export it, then a CSV with every closed story downloads.\n',
    ],
  },
  check({ doc, options, report }) {
    /** Role headers already reported as a whole, by offset. */
    const groups = new Set<number>();
    for (const story of doc.artifacts.userStories) {
      // A template ("As a <user>, I want <capability>, so that <benefit>") has its parts as placeholders on purpose.
      if (story.template) continue;
      const role = story.role.text;
      const persona = role ? personaNames(role) : undefined;
      // A persona is named as written ("Fred wants"), not "the Fred".
      const who = persona ? shorten(persona, 40) : role && !placeholdersIn(role).length ? `${/^(?:some|any|every)(?:one|body)\b/i.test(role) ? '' : 'the '}${shorten(role, 40)}` : 'this user';
      if (!role) {
        report({
          range: story.role.range.start.offset === story.role.range.end.offset ? story.range : story.role.range,
          message: `This user story names no role after "${story.role.lead}". Say who wants it (a first-time buyer, a support agent): the role tells the panel whose problem you are solving.`,
          fixes: [insertFix('Add a role placeholder', story.role.range.start.offset, `${PLACEHOLDERS.role} `)],
        });
      } else if (placeholdersIn(role).length) {
        report({ range: story.role.range, message: `Fill in the role: replace ${PLACEHOLDERS.role} with the person who wants this.` });
      }

      if (!story.goal) {
        const at = story.benefit ? story.benefit.leadRange.start.offset : story.role.range.end.offset;
        const text = story.benefit ? `I want ${PLACEHOLDERS.goal}, ` : `, I want ${PLACEHOLDERS.goal}`;
        report({
          range: story.range,
          message: `This user story has no goal: say what ${who} wants ("I want to …") between the role and the benefit, so there is something to build and accept.`,
          fixes: [insertFix('Add an "I want" placeholder', at, text)],
        });
      } else if (!story.goal.text) {
        report({ range: story.goal.range.start.offset === story.goal.range.end.offset ? story.range : story.goal.range, message: `"${story.goal.lead}" is not followed by anything: say what ${who} wants to do or have.` });
      } else if (placeholdersIn(story.goal.text).length) {
        report({ range: story.goal.range, message: `Fill in the goal: replace ${PLACEHOLDERS.goal} with what ${who} wants to do or have.` });
      }

      if (!options.requireBenefit) continue;
      const group = story.group;
      if (!story.benefit && group) {
        // Goals listed under one role header, none of them with a why: one note for the list.
        const goals = doc.artifacts.userStories.filter((u) => u.group?.header.start.offset === group.header.start.offset);
        if (goals.length > 1 && goals.every((u) => !u.benefit)) {
          if (groups.has(group.header.start.offset)) continue;
          groups.add(group.header.start.offset);
          report({
            range: group.header,
            message: `None of the ${goals.length} goals under "${shorten(group.text, 50)}" says why ${who} wants it: add "so that …" to each. Without the why, nobody can judge their priority or a cheaper way to the same outcome.`,
            related: goals.map((u) => ({ range: u.range, message: `No benefit: "${shorten(u.goal?.text ?? u.text, 50)}"` })),
            fixes: [{ title: 'Add a "so that" placeholder to each goal', edits: goals.map((u) => ({ start: (u.goal ?? u.role).range.end.offset, end: (u.goal ?? u.role).range.end.offset, newText: `, so that ${PLACEHOLDERS.benefit}` })), manual: true }],
          });
          continue;
        }
      }
      if (!story.benefit) {
        const anchor = story.goal ?? story.role;
        report({
          range: story.range,
          message: `This user story has no benefit: add "so that …" to say why ${who} wants it. Without the why, nobody can judge its priority or a cheaper way to the same outcome.`,
          fixes: [insertFix('Add a "so that" placeholder', anchor.range.end.offset, `, so that ${PLACEHOLDERS.benefit}`)],
        });
      } else if (!story.benefit.text) {
        report({ range: story.range, message: `"${story.benefit.lead}" is not followed by anything: say what ${who} gains.` });
      } else if (placeholdersIn(story.benefit.text).length) {
        report({ range: story.benefit.range, message: `Fill in the benefit: replace ${PLACEHOLDERS.benefit} with the outcome ${who} gets.` });
      }
    }
  },
});

/** A placeholder for a missing part: offered, never applied in bulk (the placeholder is reported until filled in). */
function insertFix(title: string, at: number, newText: string): Fix {
  return { title, edits: [{ start: at, end: at, newText }], manual: true };
}

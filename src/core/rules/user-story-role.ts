/**
 * `user-story-role`: a user story whose user is the team that builds the product — the product
 * owner, the Scrum Master, "the team", a team member, the project or product manager. A PO coach's
 * first question on "As a product owner, I want a prioritised feature list…" is "who is the user?":
 * such a story is a task or an agreement for the team, and belongs on a task list or in the
 * working agreement, not in the backlog as a user need. Info, not a warning: a product built for
 * product owners or Scrum teams (a backlog tool, a planning-poker app) has them as real users, and
 * the message says so. Developers, testers and administrators are left alone: they are the real
 * users of developer tools, test tools and admin consoles far too often to judge from the role.
 */
import { shorten } from '../artifacts/user-stories';
import { defineRule } from './types';

/** Roles that name the delivery team or one of its members (lower case, articles stripped). */
const TEAM_ROLE =
  /^(?:(?:agile|scrum|delivery|development|dev|product|project|engineering|software|whole|feature|core|our|my)\s+)*(?:product\s+owners?|po|scrum\s*masters?|sm|agile\s+coach|team(?:\s+members?)?|squad(?:\s+members?)?|project\s+managers?|product\s+managers?|delivery\s+managers?|release\s+managers?|business\s+analysts?|ba|engineering\s+managers?)$/i;

/**
 * Roles that name the product or a part of it ("As the system", "As the app", "As the backend"):
 * software has no needs of its own, so such a story states a requirement with no user behind it.
 */
const SYSTEM_ROLE = /^(?:(?:whole|new|our|my|mobile|web|booking|payment|billing|notification|reporting)\s+)?(?:system|application|app|platform|backend|back[- ]end|server|api|database|software|service)$/i;

/** What the role is, for the message: "the product owner", "a team member". */
function who(role: string): string {
  const r = shorten(role.trim().replace(/[,.]+$/, ''), 40);
  return /^(?:the|a|an|our|my)\s/i.test(r) ? r : `the ${r}`;
}

/** The role without articles, emphasis and a trailing comma: what {@link TEAM_ROLE} reads. */
function bareRole(role: string): string {
  return role
    .replace(/[*_`]/g, '')
    .replace(/[,.;:]+\s*$/, '')
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .trim();
}

/** Whether a story's role names the team that builds the product rather than someone who uses it. */
export function isTeamRole(role: string): boolean {
  const r = bareRole(role);
  return r.length > 0 && r.length <= 40 && TEAM_ROLE.test(r);
}

/** Whether a story's role names the product or a part of it rather than a person. */
export function isSystemRole(role: string): boolean {
  const r = bareRole(role);
  return r.length > 0 && r.length <= 40 && SYSTEM_ROLE.test(r);
}

export const userStoryRole = defineRule({
  id: 'user-story-role',
  description: 'A user story whose user is the team itself (the PO, the Scrum Master, a team member) or the system',
  defaultSeverity: 'info',
  sections: ['artifact', 'story'],
  fixable: false,
  options: {},
  examples: {
    valid: ['---\nloop: po\n---\n\n## Backlog\n\n- As a clinic receptionist, I want to see the day\'s no-shows, so that I can offer their slots to the waiting list.\n'],
    invalid: ['---\nloop: po\n---\n\n## Backlog\n\n- As the product owner, I want a ranked list of features, so that I know what the team builds next.\n'],
  },
  check({ doc, report }) {
    for (const story of doc.artifacts.userStories) {
      if (story.template || !story.role.text) continue;
      // Goals under one role header share its role: said once, on the header.
      if (story.group && story.group.index > 0) continue;
      if (isSystemRole(story.role.text)) {
        report({
          range: story.role.range,
          message:
            `The user in this story is ${who(story.role.text)}, and software wants nothing for itself, so it reads as a requirement with nobody behind it. ` +
            'Name the person who gains when the system does this (the one who gets the reminder, the report, the faster page), and keep the technical detail in the acceptance criteria.',
        });
        continue;
      }
      if (!isTeamRole(story.role.text)) continue;
      report({
        range: story.role.range,
        message:
          `The user in this story is ${who(story.role.text)}, who builds the product rather than uses it, so it reads as a task for the team, not a user need. ` +
          'Name the person whose problem it solves (and put the task on the team\'s list). If your product is made for this role, ignore this.',
      });
    }
  },
});

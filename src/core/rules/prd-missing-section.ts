/** `prd-missing-section`: a PRD or one-pager without one of the parts a reader expects. */
import { PRD_PARTS, isPrdTitle, isWeakPrdTitle, partIdsOf, type Prd, type PrdPartId, type PrdPartSpec } from '../artifacts/outline';
import { plainMarkdown, shorten } from '../artifacts/user-stories';
import type { Fix } from '../types';
import type { PrepDoc } from '../parse';
import { defineRule } from './types';

/** Part ids from the option: ids ("non-goals") or any name a PRD heading may use ("Out of scope"). */
function requiredParts(list: string[]): PrdPartSpec[] {
  const ids = new Set<PrdPartId>();
  for (const entry of list) {
    const direct = PRD_PARTS.find((p) => p.id === entry.trim().toLowerCase());
    if (direct) ids.add(direct.id);
    else for (const id of partIdsOf(entry.replace(/-/g, ' '), 'label')) ids.add(id);
  }
  return PRD_PARTS.filter((p) => ids.has(p.id));
}

function names(parts: PrdPartSpec[]): string {
  const n = parts.map((p) => p.name);
  return n.length <= 1 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

/**
 * Adds the missing parts at the end of the PRD, as headings at its part level (or as bold labels).
 * When the heading does not name a PRD (it was taken for one from its part-like sub-headings, e.g.
 * "Checkout launch notes" with "Background" and "Risks"), the fix is manual: adding PRD sections
 * would turn the section into a PRD, which only the writer can decide.
 */
function addPartsFix(prd: Prd, missing: PrdPartSpec[]): Fix {
  const blocks = missing.map((p) =>
    prd.partStyle === 'heading' ? `${'#'.repeat(prd.partLevel)} ${p.heading}\n\n${p.placeholder}` : `**${p.heading}:** ${p.placeholder.replace(/^(?:- |1\. )/, '')}`,
  );
  return {
    title: `Add ${missing.length === 1 ? `a "${missing[0].heading}" section` : `the ${missing.length} missing sections`} to this PRD`,
    edits: [{ start: prd.insertOffset, end: prd.insertOffset, newText: `\n\n${blocks.join('\n\n')}` }],
    ...(prd.source === 'heading' && !isPrdTitle(prd.title) && !isWeakPrdTitle(prd.title) ? { manual: true } : {}),
  };
}

/** People a problem statement names as who has the problem ("App users aged 16-35 …", "Small-shop owners …"). */
const PEOPLE =
  /\b(?:users?|customers?|shoppers?|buyers?|sellers?|merchants?|members?|subscribers?|students?|teachers?|patients?|clinicians?|doctors?|nurses?|drivers?|riders?|guests?|hosts?|travell?ers?|owners?|admins?|administrators?|agents?|managers?|employees?|developers?|creators?|parents?|families|freelancers?|renters?|tenants?|borrowers?|investors?|viewers?|listeners?|readers?|players?|consumers?|households?|teams?|smbs?|businesses)\b/i;

/** Where the doc says who the PRD is for without a part of its own: a problem part naming people, and the roles of its user stories. */
interface UsersEvidence {
  /** The sentence of the problem part that names the people who have the problem. */
  problem?: string;
  /** The distinct roles of the PRD's user stories ("As a …"). */
  roles: string[];
}

function usersEvidence(doc: PrepDoc, prd: Prd): UsersEvidence {
  const from = prd.range.start.offset;
  const to = prd.range.end.offset;
  const roles = [
    ...new Set(
      doc.artifacts.userStories
        .filter((u) => !u.template && u.range.start.offset >= from && u.range.start.offset < to && u.role.text.trim())
        .map((u) => plainMarkdown(u.role.text).trim().toLowerCase()),
    ),
  ];
  let problem: string | undefined;
  const i = prd.parts.findIndex((p) => p.ids.includes('problem'));
  if (i >= 0) {
    const start = prd.parts[i].range.end.offset;
    const end = prd.parts[i + 1]?.range.start.offset ?? to;
    // The opening sentence of the problem: who has it is said first, if at all.
    const first = plainMarkdown(doc.prose.slice(start, Math.min(end, start + 600)))
      .replace(/^[\s:*_-]+/, '')
      .split(/(?<=[.!?])\s+|\n\s*\n/)[0]
      ?.trim();
    if (first && PEOPLE.test(first.split(/\s+/).slice(0, 12).join(' '))) problem = shorten(first, 70);
  }
  return { ...(problem ? { problem } : {}), roles };
}

export const prdMissingSection = defineRule({
  id: 'prd-missing-section',
  description: 'A PRD or one-pager that lacks a part a reader expects (problem, goals, non-goals, users, requirements, risks)',
  defaultSeverity: 'warning',
  fixable: true,
  options: {
    required: {
      type: 'string[]',
      default: ['problem', 'goals', 'non-goals', 'users', 'requirements', 'risks'],
      description: 'The parts every PRD must have: problem, goals, non-goals, users, requirements, risks.',
    },
  },
  examples: {
    valid: [
      '---\nloop: pm\n---\n\n## PRD: Saved carts\n\n### Problem\n\nShoppers lose their cart when they switch devices.\n\n### Goals\n\n- Goal: cart recovery from 4% to 9% by end of Q3\n\n### Non-goals\n\n- Wish lists\n\n### Target users\n\n- Signed-in shoppers on two devices\n\n### Requirements\n\n1. Keep the cart for 30 days\n\n### Risks and open questions\n\n- Does a shared family account count as one shopper?\n',
    ],
    invalid: ['---\nloop: pm\n---\n\n## PRD: Saved carts\n\n### Problem\n\nShoppers lose their cart when they switch devices.\n\n### Requirements\n\n1. Keep the cart for 30 days\n'],
  },
  check({ doc, options, report }) {
    const required = requiredParts(options.required);
    for (const prd of doc.artifacts.prds) {
      let missing = required.filter((p) => !prd.present.includes(p.id));
      if (!missing.length) continue;
      const what = prd.source === 'doc' ? 'This PRD' : `"${prd.title}"`;
      // Who the PRD is for is often said without a heading of its own: in the problem statement's
      // first sentence and in the roles of its user stories. Both together cover it; one of them
      // alone may, so that part is said quietly, with what was found.
      const users = missing.find((p) => p.id === 'users');
      /** What the message adds about the users when they are said only in passing (one finding per PRD). */
      let usersNote = '';
      if (users) {
        const ev = usersEvidence(doc, prd);
        if (ev.problem || ev.roles.length) {
          missing = missing.filter((p) => p !== users);
          if (!ev.problem || !ev.roles.length) {
            const found = ev.problem
              ? `its problem statement names them ("${ev.problem}")`
              : `its user stories name them only as their role${ev.roles.length === 1 ? '' : 's'} (${ev.roles.slice(0, 3).map((r) => `"${shorten(r, 30)}"`).join(', ')})`;
            usersNote = `There is no part of its own for the target users, but ${found}, which may be enough; a one-line "Target users" part would also say who it is not for.`;
            if (!missing.length) {
              report({
                range: prd.anchor,
                message: `${what} has no part of its own for the target users, but ${found}, which may be enough. A one-line "Target users" part would also say who it is not for, which a panel often asks.`,
                fixes: [addPartsFix(prd, [users])],
                severity: 'info',
              });
            }
          }
          if (!missing.length) continue;
        }
      }
      report({
        range: prd.anchor,
        message:
          `${what} is missing ${missing.length === 1 ? 'a part' : `${missing.length} parts`}: ${names(missing)}. ` +
          // PO loops drill PRDs too (a take-home brief, the why behind a backlog): name the panel the doc is for.
          `${doc.loop === 'po' ? 'A PO panel' : doc.loop === 'pm' ? 'A PM panel' : 'A panel'} reads a PRD for the problem, how success is measured, what is left out, who it is for, what gets built and what could go wrong; ` +
          `add ${missing.length === 1 ? 'it, even as one line' : 'each, even as one line'}.${usersNote ? ` ${usersNote}` : ''}`,
        // The fix adds the users part too when the note suggests it: the writer picks what to keep.
        fixes: [addPartsFix(prd, usersNote ? required.filter((p) => missing.includes(p) || p === users) : missing)],
      });
    }
  },
});

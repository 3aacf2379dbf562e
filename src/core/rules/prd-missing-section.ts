/** `prd-missing-section`: a PRD or one-pager without one of the parts a reader expects. */
import { PRD_PARTS, isPrdTitle, partIdsOf, type Prd, type PrdPartId, type PrdPartSpec } from '../artifacts/outline';
import type { Fix } from '../types';
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
    ...(prd.source === 'heading' && !isPrdTitle(prd.title) ? { manual: true } : {}),
  };
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
      const missing = required.filter((p) => !prd.present.includes(p.id));
      if (!missing.length) continue;
      const what = prd.source === 'doc' ? 'This PRD' : `"${prd.title}"`;
      report({
        range: prd.anchor,
        message:
          `${what} is missing ${missing.length === 1 ? 'a part' : `${missing.length} parts`}: ${names(missing)}. ` +
          // PO loops drill PRDs too (a take-home brief, the why behind a backlog): name the panel the doc is for.
          `${doc.loop === 'po' ? 'A PO panel' : doc.loop === 'pm' ? 'A PM panel' : 'A panel'} reads a PRD for the problem, how success is measured, what is left out, who it is for, what gets built and what could go wrong; ` +
          `add ${missing.length === 1 ? 'it, even as one line' : 'each, even as one line'}.`,
        fixes: [addPartsFix(prd, missing)],
      });
    }
  },
});

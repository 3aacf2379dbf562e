/** `no-scrum-mechanics`: a PO or hybrid doc that never uses Scrum mechanics vocabulary. */
import { detectDrills } from '../lexicon';
import { defineRule } from './types';
import { docAnchor, loopName, sectionProse } from './util';

export const noScrumMechanics = defineRule({
  id: 'no-scrum-mechanics',
  description: 'A PO or hybrid doc that never talks about Scrum mechanics',
  defaultSeverity: 'warning',
  fixable: false,
  options: {},
  examples: {
    valid: ['---\nloop: po\n---\n\n## Protected the sprint goal #po #stakeholders\n\nSales asked for a new export mid-sprint; I took it to backlog refinement instead and we kept our definition of done.\n'],
    invalid: ['---\nloop: po\n---\n\n## Launched the new pricing page #po #stakeholders\n\nI aligned marketing and finance on the launch date.\n'],
  },
  check({ doc, lexicon, report }) {
    if (doc.loop !== 'po' && doc.loop !== 'hybrid') return;
    // Section by section: each scan is cached per section text, and the first hit ends the search.
    if (doc.sections.some((s) => detectDrills(sectionProse(doc, s), lexicon).has('scrum-mechanics'))) return;
    report({
      range: docAnchor(doc),
      message: `This ${loopName(doc.loop)}-loop doc never talks Scrum mechanics: no backlog hygiene, refinement, sprint goal, velocity or definition of done. A PO panel listens for them from the first answer; retell at least one story in those terms.`,
    });
  },
});

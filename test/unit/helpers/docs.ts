/** Small prep docs shared by the extension's pure-helper tests. */

/** A PM doc with one PM story and two PO stories (one wrong-loop finding each). */
export const PM_DOC_WITH_PO_STORIES = `---
loop: pm
---

# Prep

## Picked the activation bet #pm #strategy

We raised activation from 31% to 38% by end of Q3.

## Fought for sprint capacity #po #stakeholders

Two stakeholders wanted the same sprint.

## Ran the sprint review #po #execution

I demoed the increment.
`;

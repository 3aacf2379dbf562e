/** Where each rule's docs page lives: one place, importable without loading the rules. */

/** The folder of the rule docs pages. */
export const DOCS_BASE_URL = 'https://github.com/prep-loop/prep-loop/blob/main/docs/rules/';

/** The docs page of what Prep Loop simplifies or skips to stay fast (the notes that are not rule findings). */
export const LIMITS_DOCS_URL = 'https://github.com/prep-loop/prep-loop/blob/main/docs/limits.md';

/** The docs page of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** Where each rule's docs page lives: one place, importable without loading the rules. */

/** The folder of the rule docs pages. */
export const DOCS_BASE_URL = 'https://github.com/prep-loop/prep-loop/blob/main/docs/rules/';

/** The docs page of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

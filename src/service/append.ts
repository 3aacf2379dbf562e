/** Appending a section to a doc's text (Move Story, Drill a Question). Pure, and free of the parser. */

/** The text to append to `targetText` so that `block` becomes its last section. */
export function appendBlock(targetText: string, block: string): string {
  const body = block.replace(/\s+$/, '') + '\n';
  if (!targetText.length) return body;
  const sep = targetText.endsWith('\n\n') ? '' : targetText.endsWith('\n') ? '\n' : '\n\n';
  return sep + body;
}

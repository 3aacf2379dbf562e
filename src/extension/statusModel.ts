/**
 * The status bar text of a prep doc ("PM loop · 12 stories · 2 off-loop") and the outline of its
 * stories. Pure: no `vscode` import.
 */
import type { PrepDoc, Section } from '../core/parse';
import { loopName } from '../core/rules/util';

/** Stories whose loop tag names the other single loop than the doc's. */
export function offLoopCount(doc: PrepDoc): number {
  const loop = doc.loop;
  if (loop !== 'pm' && loop !== 'po') return 0;
  return doc.stories.filter((s) => s.loopTags.some((t) => t.name !== loop && t.name !== 'hybrid')).length;
}

/** What the status bar shows for a doc; undefined for markdown that is not a prep doc. */
export function statusText(doc: PrepDoc | undefined, skipped?: string): { text: string; tooltip: string } | undefined {
  if (skipped) return { text: 'Prep Loop: not checked', tooltip: skipped };
  if (!doc?.isPrepDoc) return undefined;
  const n = doc.stories.length;
  const off = offLoopCount(doc);
  const head = doc.loop ? `${loopName(doc.loop)} loop` : 'Loop not set';
  const parts = [head, `${n} ${n === 1 ? 'story' : 'stories'}`];
  if (off) parts.push(`${off} off-loop`);
  const from = doc.loopSource?.kind === 'glob' ? ` (from the loopByGlob pattern ${doc.loopSource.glob})` : doc.loop ? ' (from the front matter)' : '';
  return { text: parts.join(' · '), tooltip: `Prep Loop: ${head}${from}. Click to change the doc's loop.` };
}

/** One node of the story outline. */
export interface OutlineNode {
  section: Section;
  /** Heading title without tags. */
  name: string;
  /** Tags as written, e.g. "#po #execution". */
  detail: string;
  children: OutlineNode[];
}

/** Headings nested by level; stories carry their tags as detail. */
export function outline(doc: PrepDoc): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: { level: number; node: OutlineNode }[] = [];
  for (const section of doc.sections) {
    const h = section.heading;
    if (!h) continue;
    const node: OutlineNode = {
      section,
      name: h.title || h.text || '(untitled)',
      detail: section.tags.filter((t) => t.kind !== 'other').map((t) => `#${t.name}`).join(' '),
      children: [],
    };
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    if (stack.length) stack[stack.length - 1].node.children.push(node);
    else roots.push(node);
    stack.push({ level: h.level, node });
  }
  return roots;
}

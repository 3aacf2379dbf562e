/**
 * The status bar text of a prep doc ("PM loop · 12 stories · 2 off-loop") and the Prep outline of
 * its stories. Pure: no `vscode` import.
 */
import type { DocOverview } from '../core/incremental';
import type { PrepDoc, Section } from '../core/parse';
import { loopName } from '../core/rules/util';
import type { Range } from '../core/types';
import { tagText } from './scanModel';

/** Stories whose loop tag names the other single loop than the doc's. */
export function offLoopCount(doc: PrepDoc): number {
  const loop = doc.loop;
  if (loop !== 'pm' && loop !== 'po') return 0;
  return doc.stories.filter((s) => s.loopTags.some((t) => t.name !== loop && t.name !== 'hybrid')).length;
}

/** What the status bar shows for a doc; undefined for markdown that is not a prep doc. */
export function statusText(doc: PrepDoc | undefined, skipped?: string): { text: string; tooltip: string } | undefined {
  return statusOf(doc ? { doc, stories: doc.stories.length, offLoop: offLoopCount(doc) } : undefined, skipped);
}

/** `statusText` from a doc's overview (what an incremental lint gives without parsing the whole doc). */
export function statusOf(overview: DocOverview | undefined, skipped?: string): { text: string; tooltip: string } | undefined {
  if (skipped) return { text: 'Prep Loop: not checked', tooltip: skipped };
  const doc = overview?.doc;
  if (!overview || !doc?.isPrepDoc) return undefined;
  const n = overview.stories;
  const off = overview.offLoop;
  const bad = doc.loop ? undefined : invalidLoopValue(doc);
  const head = doc.loop ? `${loopName(doc.loop)} loop` : bad !== undefined ? `Loop ${bad} is not valid` : 'Loop not set';
  const parts = [head, `${n} ${n === 1 ? 'story' : 'stories'}`];
  if (off) parts.push(`${off} off-loop`);
  const from =
    doc.loopSource?.kind === 'glob'
      ? ` (from the loopByGlob pattern ${doc.loopSource.glob})`
      : doc.loop
        ? ' (from the front matter)'
        : bad !== undefined
          ? ' (the front matter must say pm, po or hybrid)'
          : '';
  return { text: parts.join(' · '), tooltip: `Prep Loop: ${head}${from}. Click to change the doc's loop.` };
}

/** The `loop:` value of the front matter, quoted for display, when it is there but not a loop. */
function invalidLoopValue(doc: Pick<PrepDoc, 'frontMatter'>): string | undefined {
  const field = doc.frontMatter?.fields.loop;
  if (!field) return undefined;
  const v = field.value;
  if (v === null || v === undefined || v === '') return '(empty)';
  const shown = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return `"${shown.length > 20 ? `${shown.slice(0, 19)}…` : shown}"`;
}

/** One entry of the Prep outline: a story (with its tags) or an artifact (PRD, backlog…). */
export interface OutlineItem {
  section: Section;
  kind: 'story' | 'artifact';
  /** Heading title without tags. */
  name: string;
  /** Loop and axis tags as written, e.g. "#po #execution". */
  detail: string;
}

/** The Prep outline of a doc: one root that lists its stories and artifacts. */
export interface PrepOutline {
  name: string;
  /** e.g. "PM loop · 2 stories · 1 artifact". */
  detail: string;
  /** From the first item's heading to the end of the last item. */
  range: Range;
  items: OutlineItem[];
}

/**
 * What Prep Loop adds to the outline: a single "Prep stories" root holding only the stories and
 * artifacts (not every heading, which the built-in markdown outline lists already), so the two
 * outlines do not repeat each other. Undefined for docs without either.
 */
export function prepOutline(doc: PrepDoc): PrepOutline | undefined {
  if (!doc.isPrepDoc) return undefined;
  const items: OutlineItem[] = [];
  for (const section of doc.sections) {
    const h = section.heading;
    if (!h || (section.kind !== 'story' && section.kind !== 'artifact')) continue;
    items.push({ section, kind: section.kind, name: h.title || h.text || '(untitled)', detail: section.kind === 'story' ? tagText(section.tags) : '' });
  }
  if (!items.length) return undefined;
  const stories = items.filter((i) => i.kind === 'story').length;
  const artifacts = items.length - stories;
  const parts = [doc.loop ? `${loopName(doc.loop)} loop` : 'loop not set', `${stories} ${stories === 1 ? 'story' : 'stories'}`];
  if (artifacts) parts.push(`${artifacts} ${artifacts === 1 ? 'artifact' : 'artifacts'}`);
  const first = items[0].section.range;
  const last = items[items.length - 1].section.range;
  return { name: 'Prep stories', detail: parts.join(' · '), range: { start: first.start, end: last.end }, items };
}

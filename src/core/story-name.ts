/**
 * What names a user story, and whether a heading names it: the one matching behind both places
 * that find a story's acceptance criteria away from the story. A sibling file's
 * `## Story 1: Session timeout` (`elsewhere.ts`), and a section of the same doc that keeps the
 * criteria of its stories under their IDs or titles (`### US-1: Sign up` under
 * "## Acceptance criteria examples", linked in `artifacts.ts`). Editor-free, plain data only.
 */
import { plainMarkdown, type UserStory } from './artifacts/user-stories';
import type { OutlineMark } from './artifacts/outline';

/** What names a story: its heading title and its story ID, both normalised (see {@link storyNameIn}). */
export interface StoryName {
  /** The title words, lower-case, without an ID prefix: `configurable session timeout`. */
  title?: string;
  /** The ID, lower-case letters and digits only: `us12`, `story1`, `proj4`; an issue number keeps its `#`: `#12`. */
  id?: string;
}

/** Heading titles that name no story in particular. */
const GENERIC = new Set(['', 'story', 'stories', 'user story', 'user stories', 'acceptance criteria', 'criteria', 'ac', 'description', 'details', 'summary', 'backlog', 'scenario', 'scenarios', 'requirements']);

/** A story ID at the start of a title: `US-12`, `PROJ-4`, `#4`, `Story 1`, `User story 3b`, `1.`. */
const ID_PREFIX = /^\[?[ \t]*((?:user[ \t]+)?story[ \t]*#?[ \t]*\d+[a-z]?|[a-z][a-z0-9]{0,9}[-_ ]?\d+[a-z]?|#\d+|\d{1,4}(?=[.):]))[ \t]*\]?[ \t]*(?:[:.)|\u2013\u2014-]+[ \t]*)?/i;
/** A words-only `User story:` / `Story:` lead before the title. */
const STORY_LEAD = /^(?:user[ \t]+)?stor(?:y|ies)[ \t]*[:\u2013\u2014-][ \t]*/i;

/** The ID letters and digits of a raw ID: `US-12` → `us12`, `User Story 1` → `story1`, `#12` → `#12`. */
function normId(raw: string): string {
  const t = raw.trim();
  if (/^#\d+$/.test(t)) return t;
  return t
    .toLowerCase()
    .replace(/^user[ \t]+story/, 'story')
    .replace(/[^a-z0-9]/g, '');
}

/** Whether a normalised ID is one (letters and digits, or an issue number), not a plain list number. */
function isId(id: string): boolean {
  return /^#\d/.test(id) || (/[a-z]/.test(id) && /\d/.test(id));
}

/** The title words of a heading text: markdown, punctuation and case dropped. */
function normTitle(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The name a heading text gives a story: its title without an ID prefix, and the ID. */
export function headingName(text: string): StoryName {
  let t = plainMarkdown(text).replace(/\s+#[\p{L}\p{N}_-]+/gu, '').trim();
  const out: StoryName = {};
  const m = ID_PREFIX.exec(t);
  // An ID is a story number or capitals and digits ("US-12", not "Checkout 2"); a bare "1." only numbers a title.
  if (m && (/^(?:user[ \t]+)?story/i.test(m[1]) || /^(?:[A-Z][A-Z0-9]{0,9}[-_ ]?\d|#\d|\d)/.test(m[1])) && t.length > m[0].length - (/^\d/.test(m[1]) ? 0 : 1)) {
    const id = normId(m[1]);
    if (/[a-z]/.test(id) || /^#\d/.test(id)) out.id = id;
    t = t.slice(m[0].length);
  }
  t = t.replace(STORY_LEAD, '');
  const title = normTitle(t);
  if (!GENERIC.has(title)) out.title = title;
  return out;
}

/**
 * The name of a story: the nearest heading above it from `from` on (walking up past headings that
 * name no story, such as "Description"), and its own ID (`US-12: As a …`) before the heading's.
 */
export function storyNameIn(marks: readonly OutlineMark[], story: UserStory, from: number): StoryName {
  const at = story.range.start.offset;
  const out: StoryName = {};
  if (story.id) {
    const id = normId(story.id.text);
    if (isId(id)) out.id = id;
  }
  let level = 7;
  for (let i = marks.length - 1; i >= 0; i--) {
    const m = marks[i];
    if (m.kind !== 'heading' || m.range.start.offset >= at) continue;
    if (m.range.start.offset < from) break;
    if (m.level >= level) continue;
    level = m.level;
    const n = headingName(m.text);
    if (!out.id && n.id) out.id = n.id;
    if (n.title) {
      out.title = n.title;
      break;
    }
    if (out.id) break;
  }
  return out;
}

/**
 * Whether two names are one story: the same title, or the same ID unless both carry titles that
 * differ ("Story 1: Login" and "Story 1: Export" are two stories numbered alike in two lists). A
 * plain story number names one story across files only with the same title or none on both sides:
 * "## Story 1" and "## User story 1 - Create a task" are two lists that each start at one, while a
 * project key ("US-7") is the story's key wherever it is written.
 */
export function sameStory(a: StoryName, b: StoryName): boolean {
  if (a.title && b.title) return a.title === b.title;
  if (!a.id || a.id !== b.id) return false;
  return !/^story\d/.test(a.id) || !a.title === !b.title;
}

/** A story ID anywhere in a label ("Acceptance criteria for US-12:", "AC (Story 3)"), normalised; undefined when none or several. */
export function idInLabel(text: string): string | undefined {
  const ids = new Set<string>();
  for (const m of plainMarkdown(text).matchAll(/(?:^|[^\p{L}\p{N}#-])((?:[Uu]ser[ \t]+)?[Ss]tory[ \t]*#?[ \t]*\d+[a-z]?\b|[A-Z][A-Z0-9]{0,9}-\d+[a-z]?\b|#\d+\b)/gu)) {
    const id = normId(m[1]);
    if (isId(id)) ids.add(id);
  }
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** The words of a story's goal, as a heading would title it: "I want to sign up" → `sign up`. */
export function goalTitle(story: UserStory): string | undefined {
  if (!story.goal) return undefined;
  const t = normTitle(plainMarkdown(story.goal.text)).replace(/^(?:(?:be|being)\s+able\s+to|to)\s+/, '');
  return t || undefined;
}

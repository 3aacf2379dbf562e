/**
 * Acceptance criteria kept in another prep doc of the same folder: a PO portfolio often writes
 * its user stories in one file and their criteria in another (`user-stories.md` with
 * `### Story 1: Session timeout`, `acceptance-criteria.md` with `## Story 1: Session timeout` and
 * Given/When/Then bullets). A host that knows the folder (the CLI linting a folder, the language
 * server from its workspace) summarises each file with {@link criteriaSummary}, builds the input
 * of one file from its siblings' summaries with {@link elsewhereFor}, and passes it to the lint as
 * `elsewhere`; `analyzeText` checks it with {@link validElsewhere}, the one boundary.
 *
 * The summary also carries the interview drills the file's stories and artifact sections cover
 * (as `loop-coverage` detects them), so a folder prepared as a whole is not told in every file
 * that a drill another file of the same loop covers is missing, and whether the file is a story
 * bank (`story-holding.ts`): the folder's gaps for a loop are said once, on its first story bank
 * of that loop, so each file is told which story banks of its loops come before it.
 *
 * A story is matched to a place with criteria by its heading title (case, punctuation and a
 * `Story 1:` / `US-12` prefix ignored) or by its story ID: see {@link sameStory}. Editor-free,
 * plain data only (it crosses worker threads and the CLI cache as JSON).
 */
import type { UserStory } from './artifacts/user-stories';
import { headingName, sameStory, storyNameIn, type StoryName } from './story-name';
import { DRILLS, defaultLexicon, type DrillId, type Lexicon } from './lexicon';
import type { PrepDoc } from './parse';
import { coveredDrills } from './rules/loop-coverage';
import { folderOrder, loopsOf, storyHoldingOf } from './story-holding';
import { LOOPS, type Loop, type SingleLoop } from './types';

export { headingName, sameStory, type StoryName } from './story-name';

/** A place in a file that holds acceptance criteria, by the story it is for. */
export interface CriteriaPlace extends StoryName {
  /** The 0-based line of the heading (or story) the criteria sit under. */
  line: number;
  /** How many criteria are there. */
  count: number;
}

/** What one file offers its siblings and asks of them. Small, JSON-safe, computed from the parsed doc alone. */
export interface CriteriaSummary {
  /** Places with acceptance criteria, by story: headings with criteria under them, and stories with their own. */
  blocks: CriteriaPlace[];
  /** The names of this file's stories that have no acceptance criteria of their own. */
  wants: StoryName[];
  /** The drills the file covers, for a prep doc with a loop (absent otherwise). */
  coverage?: DrillCoverage;
}

/** The interview drills a prep doc's stories and artifact sections cover (see `loop-coverage`). */
export interface DrillCoverage {
  /** The doc's loop: its drills count for siblings of that loop (a hybrid doc's for both). */
  loop: Loop;
  /** How many stories the doc has (a doc without any is not asked about coverage). */
  stories: number;
  /** The drills covered, of the doc's own loop(s) only. */
  drills: DrillId[];
  /** Whether the doc is a story bank (several stories of the writer's own: `story-holding.ts`). */
  bank: boolean;
}

/** A story bank among the sibling files, by name, with its loop. */
export interface ElsewhereBank {
  file: string;
  loop: Loop;
}

/** A drill that stories of sibling files of the same loop cover. */
export interface ElsewhereDrill {
  id: DrillId;
  /** The files (by name) whose stories or artifact sections cover it, sorted. */
  files: string[];
}

/** A place with criteria in another file. */
export interface ElsewherePlace extends CriteriaPlace {
  /** The file as the user should read it: its name (siblings share the folder). */
  file: string;
}

/** What the other prep docs of the same folder hold, for the rules: the one input beyond the doc and the config. */
export interface Elsewhere {
  /** Acceptance criteria in sibling files (only those a story of this file may own). */
  criteria: ElsewherePlace[];
  /** The sibling files that hold acceptance criteria at all (for the message of a story none of them covers). */
  files: string[];
  /** Drills that sibling prep docs cover, each for the loop it belongs to (absent: none). */
  drills?: ElsewhereDrill[];
  /**
   * The sibling story banks whose names come before this file's in folder order (`folderOrder`),
   * in that order: for a loop one of them prepares, the folder's `loop-coverage` finding is
   * theirs, not this file's (absent: none).
   */
  banksBefore?: ElsewhereBank[];
}

/** The loop each drill belongs to. */
const DRILL_LOOP = new Map<string, SingleLoop>(Object.values(DRILLS).flatMap((list) => list.map((d) => [d.id, d.loop] as [string, SingleLoop])));

/**
 * The name of a story: the nearest heading above it within its section (walking up past headings
 * that name no story, such as "Description"), and its own ID (`US-12: As a …`) before the heading's.
 * Only text of the story's section is read, so an incremental lint names it the same way.
 */
export function storyName(doc: PrepDoc, story: UserStory): StoryName {
  const at = story.range.start.offset;
  const section = doc.sections.find((s) => at >= s.range.start.offset && at < s.range.end.offset);
  const from = section ? section.range.start.offset : 0;
  return storyNameIn(doc.artifacts.marks, story, from);
}

/**
 * What a parsed doc offers and asks: the headings with acceptance criteria under them (criteria
 * no story of the doc owns, or a story's own criteria under its heading), and the names of its
 * stories without criteria. Not a prep doc: nothing.
 */
export function criteriaSummary(doc: PrepDoc, lexicon: Lexicon = defaultLexicon): CriteriaSummary {
  const out: CriteriaSummary = { blocks: [], wants: [] };
  if (!doc.isPrepDoc) return out;
  if (doc.loop) {
    const loops = loopsOf(doc.loop);
    const drills = [...coveredDrills(doc, doc.sections, lexicon)].filter((id) => loops.includes(DRILL_LOOP.get(id)!)).sort();
    if (doc.stories.length || drills.length) out.coverage = { loop: doc.loop, stories: doc.stories.length, drills, bank: storyHoldingOf(doc).holds === 'bank' };
  }
  const headingAt = (offset: number) => {
    // The heading the criteria sit under: the nearest one before `offset` that names a story,
    // walking up through the headings above it ("## Story 1: …" over "### Acceptance criteria").
    const marks = doc.artifacts.marks;
    let level = 7;
    for (let i = marks.length - 1; i >= 0; i--) {
      const m = marks[i];
      if (m.kind !== 'heading' || m.range.start.offset > offset || m.level >= level) continue;
      level = m.level;
      const n = headingName(m.text);
      if (n.title || n.id) return { ...n, line: m.range.start.line };
    }
    return undefined;
  };
  const add = (place: (StoryName & { line: number }) | undefined, count: number) => {
    if (!place || !count || (!place.title && !place.id)) return;
    out.blocks.push({ ...place, count });
  };
  for (const b of doc.artifacts.looseCriteria) add(headingAt(b.label.start.offset), b.criteria.length);
  for (const b of doc.artifacts.criteriaBlocks) add(headingAt(b.label.start.offset), b.criteria.length);
  for (const u of doc.artifacts.userStories) {
    if (u.template) continue;
    const name = storyName(doc, u);
    if (u.criteria.length) add({ ...name, line: u.range.start.line }, u.criteria.length);
    else if (name.title || name.id) out.wants.push(name);
  }
  return out;
}

/**
 * The `elsewhere` input of one file from its siblings' summaries (the other prep docs of its
 * folder, by display name): the places that a story of the file without criteria may own, and
 * the drills the file leaves without a story that a sibling of the same loop covers (a hybrid
 * sibling counts for each of its loops), and, given the file's own name `self`, the sibling story
 * banks that come before it in folder order (the folder's coverage finding for a loop they share
 * is theirs). Undefined when nothing there changes the file's lint, so the lint is as if the file
 * were alone. `own: 'any'` keeps every place, every drill and every earlier bank (for a host that
 * has not parsed the file itself, such as the language server, whose file changes with every
 * keystroke; the rules pick what applies). Without `self`, no sibling is taken to come first.
 */
export function elsewhereFor(own: CriteriaSummary | 'any' | undefined, siblings: readonly { file: string; summary: CriteriaSummary | undefined }[], self?: string): Elsewhere | undefined {
  const criteria: ElsewherePlace[] = [];
  const files: string[] = [];
  if (own === 'any' || own?.wants.length) {
    for (const s of siblings) {
      if (!s.summary?.blocks.length) continue;
      files.push(s.file);
      for (const b of s.summary.blocks) if (own === 'any' || own.wants.some((w) => sameStory(w, b))) criteria.push({ ...b, file: s.file });
    }
  }
  // The drills asked for: all (the host does not know the file), or, for a story bank (the only
  // doc loop-coverage reports on), those of its loop it has no story for.
  let asked: ((id: DrillId) => boolean) | undefined;
  if (own === 'any') asked = () => true;
  else if (own?.coverage?.bank) {
    const loops = loopsOf(own.coverage.loop);
    const has = new Set(own.coverage.drills);
    asked = (id) => loops.includes(DRILL_LOOP.get(id)!) && !has.has(id);
  }
  const byDrill = new Map<DrillId, Set<string>>();
  if (asked) {
    for (const s of siblings) {
      const c = s.summary?.coverage;
      if (!c) continue;
      const loops = loopsOf(c.loop);
      for (const id of c.drills) {
        if (!loops.includes(DRILL_LOOP.get(id)!) || !asked(id)) continue;
        const set = byDrill.get(id) ?? new Set<string>();
        set.add(s.file);
        byDrill.set(id, set);
      }
    }
  }
  const drills = [...byDrill].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, set]) => ({ id, files: [...set].sort() }));
  // The story banks before the file that prepare one of its loops (all of them, for a host that
  // does not know the file): a file that is no story bank is told nothing, as it reports nothing.
  const banksBefore: ElsewhereBank[] = [];
  const mine = own === 'any' ? undefined : own?.coverage?.bank ? loopsOf(own.coverage.loop) : [];
  if (self !== undefined && (!mine || mine.length)) {
    for (const s of siblings) {
      const c = s.summary?.coverage;
      if (!c?.bank || folderOrder(s.file, self) >= 0) continue;
      if (mine && !loopsOf(c.loop).some((l) => mine.includes(l))) continue;
      banksBefore.push({ file: s.file, loop: c.loop });
    }
    banksBefore.sort((a, b) => folderOrder(a.file, b.file));
  }
  if (!files.length && !drills.length && !banksBefore.length) return undefined;
  return { criteria, files: [...new Set(files)].sort(), ...(drills.length ? { drills } : {}), ...(banksBefore.length ? { banksBefore } : {}) };
}

/** A stable text for an `elsewhere` input (cache keys, "did it change"): '' for none. */
export function elsewhereKey(e: Elsewhere | undefined): string {
  return e ? JSON.stringify(e) : '';
}

/**
 * The `elsewhere` input checked: well-formed places kept, anything else dropped, undefined when
 * nothing is left. Hosts, workers and caches hand it over as plain data; this is where it is trusted.
 */
export function validElsewhere(value: unknown): Elsewhere | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { criteria?: unknown; files?: unknown; drills?: unknown; banksBefore?: unknown };
  const str = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length < 1000;
  const files = Array.isArray(v.files) ? v.files.filter(str) as string[] : [];
  const criteria: ElsewherePlace[] = [];
  for (const c of Array.isArray(v.criteria) ? v.criteria : []) {
    if (typeof c !== 'object' || c === null) continue;
    const p = c as Record<string, unknown>;
    if (!str(p.file) || !Number.isInteger(p.line) || (p.line as number) < 0 || !Number.isInteger(p.count) || (p.count as number) < 1) continue;
    const place: ElsewherePlace = { file: p.file as string, line: p.line as number, count: p.count as number };
    if (str(p.title)) place.title = p.title as string;
    if (str(p.id)) place.id = p.id as string;
    if (place.title || place.id) criteria.push(place);
  }
  const drills: ElsewhereDrill[] = [];
  for (const d of Array.isArray(v.drills) ? v.drills : []) {
    if (typeof d !== 'object' || d === null) continue;
    const p = d as Record<string, unknown>;
    const from = Array.isArray(p.files) ? (p.files.filter(str) as string[]) : [];
    if (typeof p.id === 'string' && DRILL_LOOP.has(p.id) && from.length) drills.push({ id: p.id as DrillId, files: from });
  }
  const banksBefore: ElsewhereBank[] = [];
  for (const b of Array.isArray(v.banksBefore) ? v.banksBefore : []) {
    if (typeof b !== 'object' || b === null) continue;
    const p = b as Record<string, unknown>;
    if (str(p.file) && (LOOPS as readonly unknown[]).includes(p.loop)) banksBefore.push({ file: p.file as string, loop: p.loop as Loop });
  }
  return files.length || criteria.length || drills.length || banksBefore.length
    ? { criteria, files, ...(drills.length ? { drills } : {}), ...(banksBefore.length ? { banksBefore } : {}) }
    : undefined;
}

/** The place elsewhere that holds the criteria of a story so named, if any. */
export function criteriaElsewhere(elsewhere: Elsewhere | undefined, name: StoryName): ElsewherePlace | undefined {
  if (!elsewhere || (!name.title && !name.id)) return undefined;
  return elsewhere.criteria.find((p) => sameStory(name, p));
}

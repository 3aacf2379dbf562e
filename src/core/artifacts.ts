/**
 * Artifacts inside a prep doc: user stories with their acceptance criteria (`artifacts/user-stories`),
 * and estimates, PRD outlines and goal/metric lines (`artifacts/outline`).
 *
 * Extraction works on one section's mdast tree in section-relative offsets, so results can be
 * cached with the section; `placeArtifacts` moves them to document positions, and
 * `mergeArtifacts` joins the sections of a document in order. A story and its criteria may sit in
 * different sections (Summary → Background → Scope → Acceptance Criteria): merging links a story
 * that has no criteria of its own to an "Acceptance criteria" block of the same document.
 */
import type { Root } from 'mdast';
import { emptyOutline, extractOutline, placeOutline, type Outline, type RelOutline } from './artifacts/outline';
import {
  extractUserStoryArtifacts,
  linkCriteriaBlocks,
  placeCriteriaBlocks,
  placeUserStories,
  type CriteriaBlock,
  type RelCriteriaBlock,
  type RelUserStory,
  type UserStory,
} from './artifacts/user-stories';
import { pushAll, type LineIndex } from './text';

/** Artifacts of one section, offsets relative to the section start. */
export interface SectionArtifacts {
  userStories: RelUserStory[];
  /** Acceptance criteria under a label or heading that no story precedes in the section. */
  criteriaBlocks: RelCriteriaBlock[];
  /** Given/When/Then criteria under a plain heading that no story precedes in the section (`label`: the heading). */
  looseCriteria: RelCriteriaBlock[];
  outline: RelOutline;
}

/** Artifacts of a whole document in document positions. */
export interface Artifacts extends Outline {
  userStories: UserStory[];
  /** Acceptance-criteria blocks that are not right under a story; linked to the document's stories. */
  criteriaBlocks: CriteriaBlock[];
  /**
   * Given/When/Then criteria under a plain heading with no story before them in their section
   * (`label` is the heading's text): a doc that holds the criteria of stories written in another
   * file. Never linked to this doc's stories.
   */
  looseCriteria: CriteriaBlock[];
}

/** Extracts the artifacts of one section. `source` is the section text, `masked` the same with code and HTML blanked. */
export function extractArtifacts(tree: Root, source: string, masked: string): SectionArtifacts {
  const us = extractUserStoryArtifacts(tree, source, masked);
  return { userStories: us.stories, criteriaBlocks: us.blocks, looseCriteria: us.loose, outline: extractOutline(tree, source, masked) };
}

/** Moves section artifacts to document positions. */
export function placeArtifacts(rel: SectionArtifacts, base: number, lines: LineIndex): Artifacts {
  return {
    userStories: placeUserStories(rel.userStories, base, lines),
    criteriaBlocks: placeCriteriaBlocks(rel.criteriaBlocks ?? [], base, lines),
    looseCriteria: placeCriteriaBlocks(rel.looseCriteria ?? [], base, lines),
    ...placeOutline(rel.outline, base, lines),
  };
}

/** Appends `more` to `into`, list by list. */
export function mergeArtifacts(into: Artifacts, more: Artifacts): void {
  for (const key of Object.keys(more) as (keyof Artifacts)[]) pushAll(into[key] as unknown[], more[key] as unknown[]);
}

/** Links the stories without criteria of their own to the "Acceptance criteria" blocks of the doc; once, after every section is merged. */
export function linkArtifacts(into: Artifacts): void {
  linkCriteriaBlocks(into.userStories, into.criteriaBlocks);
}

/** An empty artifact set. */
export function emptyArtifacts(): Artifacts {
  return { userStories: [], criteriaBlocks: [], looseCriteria: [], ...emptyOutline() };
}

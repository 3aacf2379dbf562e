/**
 * Artifacts inside a prep doc: user stories with their acceptance criteria (`artifacts/user-stories`),
 * and estimates, PRD outlines and goal/metric lines (`artifacts/outline`).
 *
 * Extraction works on one section's mdast tree in section-relative offsets, so results can be
 * cached with the section; `placeArtifacts` moves them to document positions.
 */
import type { Root } from 'mdast';
import { emptyOutline, extractOutline, placeOutline, type Outline, type RelOutline } from './artifacts/outline';
import { extractUserStories, placeUserStories, type RelUserStory, type UserStory } from './artifacts/user-stories';
import { pushAll, type LineIndex } from './text';

/** Artifacts of one section, offsets relative to the section start. */
export interface SectionArtifacts {
  userStories: RelUserStory[];
  outline: RelOutline;
}

/** Artifacts of a whole document in document positions. */
export interface Artifacts extends Outline {
  userStories: UserStory[];
}

/** Extracts the artifacts of one section. `source` is the section text, `masked` the same with code and HTML blanked. */
export function extractArtifacts(tree: Root, source: string, masked: string): SectionArtifacts {
  return { userStories: extractUserStories(tree, source, masked), outline: extractOutline(tree, source, masked) };
}

/** Moves section artifacts to document positions. */
export function placeArtifacts(rel: SectionArtifacts, base: number, lines: LineIndex): Artifacts {
  return { userStories: placeUserStories(rel.userStories, base, lines), ...placeOutline(rel.outline, base, lines) };
}

/** Appends `more` to `into`, list by list. */
export function mergeArtifacts(into: Artifacts, more: Artifacts): void {
  for (const key of Object.keys(more) as (keyof Artifacts)[]) pushAll(into[key] as unknown[], more[key] as unknown[]);
}

/** An empty artifact set. */
export function emptyArtifacts(): Artifacts {
  return { userStories: [], ...emptyOutline() };
}

/**
 * User stories ("As a …, I want …, so that …") and the acceptance criteria that belong to them.
 */
import type { Root } from 'mdast';
import type { LineIndex } from '../text';
import type { Range } from '../types';

/** A user story in document positions. */
export interface UserStory {
  range: Range;
}

/** A user story in section-relative offsets. */
export interface RelUserStory {
  start: number;
  end: number;
}

/** Finds the user stories of one section. */
export function extractUserStories(_tree: Root, _source: string, _masked: string): RelUserStory[] {
  return [];
}

/** Moves user stories to document positions. */
export function placeUserStories(rel: RelUserStory[], base: number, lines: LineIndex): UserStory[] {
  return rel.map((u) => ({ range: lines.range(base + u.start, base + u.end) }));
}

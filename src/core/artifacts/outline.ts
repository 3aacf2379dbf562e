/**
 * Outline artifacts: story-point estimates, PRD / one-pager sections and goal/metric lines.
 */
import type { Root } from 'mdast';
import type { PrepDoc } from '../parse';
import type { LineIndex } from '../text';
import type { Range } from '../types';

/** A story-point estimate such as `13 pts` or `Points: 13`. */
export interface Estimate {
  range: Range;
  value: number;
  raw: string;
}

/** Outline artifacts of one section in section-relative offsets. */
export interface RelOutline {
  estimates: { start: number; end: number; value: number; raw: string }[];
}

/** Outline artifacts in document positions. */
export interface Outline {
  estimates: Estimate[];
}

/** Finds the outline artifacts of one section. */
export function extractOutline(_tree: Root, _source: string, _masked: string): RelOutline {
  return { estimates: [] };
}

/** Moves outline artifacts to document positions. */
export function placeOutline(rel: RelOutline, base: number, lines: LineIndex): Outline {
  return { estimates: rel.estimates.map((e) => ({ range: lines.range(base + e.start, base + e.end), value: e.value, raw: e.raw })) };
}

/** An empty outline. */
export function emptyOutline(): Outline {
  return { estimates: [] };
}

/**
 * Doc-level pass after all sections are placed (a PRD can span several sections, e.g. a
 * `type: prd` doc or a level-1 "PRD" heading whose parts are level-2 sections).
 */
export function finishOutline(_doc: PrepDoc): void {}

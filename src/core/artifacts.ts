/**
 * Artifacts inside a story section: user stories with their acceptance criteria, story-point
 * estimates, PRD outlines and goal/metric lines. Extraction works on one section's mdast tree
 * in section-relative offsets; `placeArtifacts` moves the result to document positions.
 */
import type { Root } from 'mdast';
import type { LineIndex } from './text';
import type { Range } from './types';

/** A story-point estimate such as `13 pts` or `Points: 13`. */
export interface Estimate {
  range: Range;
  value: number;
  raw: string;
}

/** Artifacts of one section, offsets relative to the section start. */
export interface SectionArtifacts {
  // Filled in by the artifact parser.
  estimates: { start: number; end: number; value: number; raw: string }[];
}

/** Artifacts of one section in document positions. */
export interface Artifacts {
  estimates: Estimate[];
}

/** Extracts the artifacts of one section. `text` is the section source, `masked` the same with code and HTML blanked. */
export function extractArtifacts(_tree: Root, _text: string, _masked: string): SectionArtifacts {
  return { estimates: [] };
}

/** Moves section artifacts to document positions. */
export function placeArtifacts(rel: SectionArtifacts, base: number, lines: LineIndex): Artifacts {
  return {
    estimates: rel.estimates.map((e) => ({ range: lines.range(base + e.start, base + e.end), value: e.value, raw: e.raw })),
  };
}

/** Appends `more` to `into`, list by list. */
export function mergeArtifacts(into: Artifacts, more: Artifacts): void {
  into.estimates.push(...more.estimates);
}

/** An empty artifact set. */
export function emptyArtifacts(): Artifacts {
  return { estimates: [] };
}

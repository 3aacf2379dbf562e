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
import { emptyOutline, extractOutline, placeOutline, type Outline, type OutlineMark, type RelOutline } from './artifacts/outline';
import {
  extractUserStoryArtifacts,
  plainMarkdown,
  linkCriteriaBlocks,
  placeCriteriaBlocks,
  placeUserStories,
  type CriteriaBlock,
  type Criterion,
  type RelCriteriaBlock,
  type RelUserStory,
  type UserStory,
} from './artifacts/user-stories';
import { goalTitle, headingName, idInLabel, storyNameIn, type StoryName } from './story-name';
import { partitionPoint, pushAll, type LineIndex } from './text';
import type { Range } from './types';

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

/**
 * Links the stories without criteria of their own to the criteria of the doc that are not under
 * them; once, after every section is merged. First by name: criteria under a heading (or a label)
 * that names one story of the doc by its ID or its title ("### US-1: Sign up" in an "Acceptance
 * criteria examples" section) are that story's. The criteria of an "Acceptance criteria" block that
 * name no story then go to the stories next to it (see `linkCriteriaBlocks`). `text` is the doc's
 * text (to read a label's words).
 */
export function linkArtifacts(into: Artifacts, text = ''): void {
  const { rest, linked } = linkCriteriaByName(into, text);
  // A story given criteria by name keeps them: the blocks that name no story are for the others.
  linkCriteriaBlocks(linked.size ? into.userStories.filter((u) => !linked.has(u)) : into.userStories, rest);
}

/** A story's names as a criteria heading may give them: its ID, its heading's title, its goal. */
interface Names {
  story: UserStory;
  id?: string;
  titles: string[];
  /** The heading it sits under (its own heading names it by title for others, not for criteria under that very heading). */
  under?: OutlineMark;
}

/**
 * Gives each story without criteria the criteria that a heading or label names it by (see
 * {@link linkArtifacts}), and marks loose criteria whose headings name no story of the doc
 * (`unnamed`: the doc has criteria that Prep Loop can't give to a story). Returns the criteria
 * blocks reduced to the criteria that name no story, for the linking by place, and the stories linked.
 *
 * Only the stories without criteria of their own are candidates, and a title must name exactly one
 * of them (an ID too: two stories with one ID are no key). A story's title is read from the
 * nearest heading above it only, so a lint of part of the doc that holds the story's heading names
 * it the same way.
 */
function linkCriteriaByName(into: Artifacts, text: string): { rest: CriteriaBlock[]; linked: Set<UserStory> } {
  const { userStories: stories, criteriaBlocks: blocks, looseCriteria: loose, marks } = into;
  const linked = new Set<UserStory>();
  if (!blocks.length && !loose.length) return { rest: blocks, linked };
  const headings = marks.filter((m) => m.kind === 'heading');
  const names: Names[] = [];
  for (const story of stories) {
    if (story.criteria.length || story.template) continue;
    const near = nearestHeading(headings, story.range.start.offset);
    const from = near ? near.range.start.offset : story.range.start.offset;
    const n = storyNameIn(headings, story, from);
    const titles = [n.title, goalTitle(story)].filter((t): t is string => !!t);
    names.push({ story, ...(n.id ? { id: n.id } : {}), titles, ...(near ? { under: near } : {}) });
  }
  /** The story a heading's name points to: a story, 'other' (an ID of no story here), 'several', or undefined (names none). */
  const resolve = (n: StoryName, at?: OutlineMark): UserStory | 'other' | 'several' | undefined => {
    if (n.id) {
      const hit = names.filter((x) => x.id === n.id && x.under !== at);
      return hit.length === 1 ? hit[0].story : hit.length ? 'several' : 'other';
    }
    if (!n.title) return undefined;
    const t = n.title;
    const hit = names.filter((x) => x.under !== at && x.titles.some((s) => s === t || (t.includes(' ') && s.startsWith(`${t} `))));
    return hit.length === 1 ? hit[0].story : hit.length ? 'several' : undefined;
  };
  const given = new Map<UserStory, { criteria: Criterion[]; from: Range }>();
  const rest: CriteriaBlock[] = [];
  const byName = (block: CriteriaBlock, isLoose: boolean) => {
    /** Criteria that no heading or label names a story for (to be linked by place, in a block). */
    let bare: Criterion[] = [];
    /** Criteria under a heading of the block that names a story, but no single story of the doc. */
    let unclaimed: { c: Criterion; at: Range }[] = [];
    let keyed = false;
    for (const c of block.criteria) {
      let to: UserStory | 'other' | 'several' | undefined;
      let from: Range = block.label;
      let titled: Range | undefined;
      // Up the headings over the criterion, within the block (its label's heading included): the nearest one that names a story.
      let level = 7;
      for (let i = partitionPoint(headings, (m) => m.range.start.offset < c.range.start.offset) - 1; i >= 0; i--) {
        const m = headings[i];
        if (m.range.end.offset <= block.label.start.offset) break;
        if (m.level >= level) continue;
        level = m.level;
        const n = headingName(m.text);
        if (n.id || n.title) {
          block.named = true;
          titled ??= m.range;
        }
        to = resolve(n, m);
        if (to) {
          from = m.range;
          break;
        }
      }
      if (!to) {
        // A label that names the story by ID: "Acceptance criteria for US-1:" over the criteria.
        const near = nearestHeading(headings, c.range.start.offset);
        const labelName = labelledId(text, Math.max(block.label.start.offset, near ? near.range.start.offset : 0), c.range.start.offset);
        if (labelName) {
          block.named = true;
          to = resolve(labelName);
        }
      }
      if (to === 'other') continue;
      if (to && to !== 'several') {
        keyed = true;
        const got = given.get(to) ?? { criteria: [], from };
        got.criteria.push(c);
        given.set(to, got);
        continue;
      }
      // Loose, only Given/When/Then lines are surely criteria (a list under "Why criteria
      // matter" may be prose about them).
      if (isLoose && !c.gwt) continue;
      if (to === 'several') unclaimed.push({ c, at: from });
      else if (isLoose || titled) unclaimed.push({ c, at: titled ?? block.label });
      else bare.push(c);
    }
    // In a block whose headings key criteria to stories, criteria under a heading that names no
    // story are no story's either; in a block of "Happy path" / "Errors" subheadings, they are
    // the criteria of the stories next to it, as before.
    if (!isLoose && !keyed && unclaimed.length) {
      const back = new Set([...bare, ...unclaimed.map((u) => u.c)]);
      bare = block.criteria.filter((c) => back.has(c));
      unclaimed = [];
    }
    if (unclaimed.length) block.unnamed = unclaimed[0].at;
    if (!isLoose && bare.length) rest.push(bare.length === block.criteria.length ? block : { label: block.label, criteria: bare });
  };
  for (const b of blocks) byName(b, false);
  for (const b of loose) byName(b, true);
  for (const [story, { criteria, from }] of given) {
    story.criteria = criteria;
    story.criteriaLabel = from;
    story.criteriaFrom = from;
    linked.add(story);
  }
  return { rest, linked };
}

/** The nearest heading before `offset`, if any. */
function nearestHeading(headings: readonly OutlineMark[], offset: number): OutlineMark | undefined {
  const i = partitionPoint(headings, (m) => m.range.start.offset < offset);
  return i > 0 ? headings[i - 1] : undefined;
}

/**
 * The story ID that the nearest criteria label before `to` (from `from` on) names: "Acceptance
 * criteria for US-1:", "## AC (Story 3)". Undefined when that label names none.
 */
function labelledId(text: string, from: number, to: number): StoryName | undefined {
  if (!text || to <= from) return undefined;
  const lines = text.slice(from, to).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = plainMarkdown(lines[i].replace(/^[ \t]{0,3}#{1,6}[ \t]+/, '').replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/, '')).trim();
    if (!/^(?:acceptance[ \t]+crit|ACs?\b|criteria\b)/i.test(line)) continue;
    const id = idInLabel(line);
    return id ? { id } : undefined;
  }
  return undefined;
}

/** An empty artifact set. */
export function emptyArtifacts(): Artifacts {
  return { userStories: [], criteriaBlocks: [], looseCriteria: [], ...emptyOutline() };
}

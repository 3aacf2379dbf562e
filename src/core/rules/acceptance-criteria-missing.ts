/**
 * `acceptance-criteria-missing`: a user story with no acceptance criteria after it. The fix
 * inserts a Given/When/Then skeleton that fits where the story sits (a sub-list of its list item,
 * or a labelled list after its paragraph, inside a blockquote when the story is quoted).
 */
import { criteriaElsewhere, storyName, type Elsewhere } from '../elsewhere';
import { PLACEHOLDERS, personaNames, placeholdersIn, plainMarkdown, shorten, type CriteriaBlock, type UserStory } from '../artifacts/user-stories';
import type { PrepDoc } from '../parse';
import type { Fix } from '../types';
import { defineRule } from './types';

/** The skeleton criterion, with the story's role as the actor when it is short enough to read well. */
export function skeletonCriterion(story: UserStory): string {
  // A persona acts by name ("when Fred …"), not "when the Fred …".
  const persona = story.role.text ? personaNames(story.role.text) : undefined;
  const role = persona && persona.length <= 40 ? persona : story.role.text && story.role.text.length <= 40 && !/[[\]]/.test(story.role.text) ? `the ${story.role.text}` : 'the user';
  return `Given ${PLACEHOLDERS.state}, when ${role} ${PLACEHOLDERS.action}, then ${PLACEHOLDERS.result}.`;
}

/**
 * The fix that inserts an acceptance-criteria skeleton under a story (into its empty criteria cell
 * when the story is a row of a table); undefined where there is no place for one that keeps the
 * layout (a table with no criteria column).
 */
export function skeletonFix(story: UserStory): Fix | undefined {
  const { offset, indent, mode, closeParagraph, eol, bullet } = story.insert;
  if (mode === 'none') return undefined;
  const blank = indent.replace(/[ \t]+$/, '');
  const item = `${indent}${bullet} ${skeletonCriterion(story)}`;
  let text: string;
  if (mode === 'cell') text = ` ${skeletonCriterion(story)} `;
  else if (mode === 'nested') text = `${eol}${item}`;
  else if (mode === 'items') text = `${eol}${blank}${eol}${item}`;
  else text = `${eol}${blank}${eol}${indent}Acceptance criteria:${eol}${blank}${eol}${item}`;
  if (closeParagraph) text += `${eol}${blank}`;
  // A skeleton scaffolds the criteria but is not them (its placeholders are reported until
  // filled in), so it is offered, never applied by fix-all or --fix.
  return { title: 'Add an acceptance-criteria skeleton (Given/When/Then)', edits: [{ start: offset, end: offset, newText: text }], manual: true };
}

/**
 * What the message adds when other files of the folder hold criteria, none of them for this
 * story: that Prep Loop looked there (the warning stands; the story needs criteria somewhere).
 */
function elsewhereNote(elsewhere: Elsewhere | undefined): string {
  const files = elsewhere?.files ?? [];
  if (!files.length) return '';
  const more = files.length - 3;
  const names = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${more} more file${more === 1 ? '' : 's'}` : files.length > 1 ? `${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}` : files[0];
  // Only what was checked: no heading there names this story. Whether what sits under their
  // headings is really acceptance criteria (a Q&A note on "the purpose of acceptance criteria"
  // may read as some) is not claimed.
  return ` Prep Loop also looked in ${names}: no heading there that names this story has criteria under it.`;
}

/**
 * Words that introduce an example in tips or advice: "better:", "good:", "bad:", "e.g.", "example:",
 * "for example", "instead:", with up to three words after them ("better user stories:", "a good
 * one:"). Only the whole text of a list item (or what precedes the story on its line) counts.
 */
const EXAMPLE_MARKER =
  /^(?:(?:an?|another|one|some|the)[ \t]+)?(?:better|worse|good|bad|weak|strong|instead|e\.[ \t]?g\.?|eg|examples?|for[ \t]+(?:example|instance))(?![\p{L}])(?:[ \t]*[:.\u2013\u2014-]*|(?:[ \t]+[\p{L}'\u2019-]+){1,3}[ \t]*:)$/iu;

/** The leading list bullet, quote marks and emphasis of a line, and its indentation width. */
function itemText(line: string): { indent: number; text: string; item: boolean } {
  const m = /^([ \t]*)((?:[-*+]|\d+[.)])[ \t]+)?(.*)$/.exec(line)!;
  const indent = m[1].replace(/\t/g, '    ').length;
  return { indent, item: !!m[2], text: plainMarkdown(m[3]).replace(/[*_`]/g, '').trim() };
}

/**
 * The example marker a story is given under, quoted from the doc: the text before the story on its
 * line ("- better: As a user…"), or the list item the story's item is nested in ("- better:" over
 * "  - as a user I want…"). Undefined for a story that no such marker introduces.
 */
export function exampleMarker(doc: PrepDoc, story: UserStory): string | undefined {
  const at = story.range.start.offset;
  const lineStart = doc.text.lastIndexOf('\n', at - 1) + 1;
  const before = itemText(doc.text.slice(lineStart, at));
  if (before.text && EXAMPLE_MARKER.test(before.text)) return before.text;
  const lines = doc.text.slice(0, lineStart).split('\n');
  lines.pop();
  const own = itemText(doc.text.slice(lineStart, doc.text.indexOf('\n', at) < 0 ? doc.text.length : doc.text.indexOf('\n', at)));
  if (!own.item) return undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim()) continue;
    const up = itemText(line);
    if (up.indent >= own.indent) {
      if (up.item || up.indent > own.indent) continue;
      return undefined;
    }
    // The item this one is nested in.
    return up.item && EXAMPLE_MARKER.test(up.text) ? up.text : undefined;
  }
  return undefined;
}

/** A bare keyword ("**Given**", "When:") with no step after it: a term being defined, not a criterion. */
const BARE_KEYWORD = /^(?:given|when|then|and|but|scenario|feature|background)[ \t]*[:.]?$/i;
/** The keywords listed rather than used: "your given, when, and then steps". */
const KEYWORD_LIST = /\b(?:given|when|then)\b[ \t]*(?:,|\/|\bor\b|\band\b)[ \t]*(?:and[ \t]+|or[ \t]+)?\b(?:given|when|then)\b/i;

/**
 * Whether a block holds at least one actual criterion: a Given/When/Then step with something to
 * check after its keyword. A glossary of the keywords ("- **Given**" over "- this keyword is used
 * to describe the starting conditions") or a tip that names them ("be specific in your given, when
 * and then steps") holds none.
 */
function holdsCriteria(block: CriteriaBlock): boolean {
  let underBare = false;
  for (const c of block.criteria) {
    const text = plainMarkdown(c.text).replace(/[*_`]/g, '').trim();
    if (BARE_KEYWORD.test(text)) {
      underBare = true;
      continue;
    }
    // A nested item read as an "And" of the bare keyword above it is that keyword's definition.
    if (underBare && c.keyword === 'and' && !/^(?:and|but)\b/i.test(text)) continue;
    underBare = false;
    if (c.gwt && !KEYWORD_LIST.test(text)) return true;
  }
  return false;
}

export const acceptanceCriteriaMissing = defineRule({
  id: 'acceptance-criteria-missing',
  description: 'A user story with no acceptance criteria',
  defaultSeverity: 'warning',
  sections: ['artifact', 'story'],
  fixable: true,
  options: {},
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Backlog\n\nAs a support agent, I want to see a caller\'s last order, so that I can answer without asking for the order number.\n\nAcceptance criteria:\n\n- Given a caller with two past orders, when I open their profile, then the newest order is shown first.\n- Given a caller with no orders, when I open their profile, then the order panel says "No orders yet".\n',
    ],
    invalid: ['---\nloop: po\n---\n\n## Backlog\n\n- As a support agent, I want to see a caller\'s last order, so that I can answer without asking for the order number.\n'],
  },
  check({ doc, report, elsewhere }) {
    // A guide or template shows its stories to the reader as examples (and its "Acceptance
    // criteria" heading defines the term): they are nobody's backlog, so none needs criteria.
    if (doc.genre) return;
    /** Tables already reported as a whole, by the offset of their header row. */
    const tables = new Set<number>();
    // Criteria in another prep doc of the folder, under a heading (or ID) that names the story, count.
    const covered = (u: UserStory) => !!elsewhere && !u.criteria.length && !!criteriaElsewhere(elsewhere, storyName(doc, u));
    const stories = doc.artifacts.userStories.filter((u) => !covered(u));
    const note = elsewhereNote(elsewhere);
    /** Role headers already reported as a whole, and shared criteria labels already noted, by offset. */
    const groups = new Set<number>();
    const shared = new Set<number>();
    // Given/When/Then criteria of this doc under a heading that names none of its stories
    // ("## Acceptance criteria examples" with the steps right under it): they may well be this
    // story's, so "no acceptance criteria" would not be honest; what is missing is which story
    // they test.
    const unnamed = [...doc.artifacts.looseCriteria, ...doc.artifacts.criteriaBlocks].filter(holdsCriteria).map((b) => b.unnamed).filter((r) => !!r).sort((a, b) => a.start.offset - b.start.offset)[0];
    for (const story of stories) {
      // A template ("As a <user>, I want <capability> …") is a shape to copy, not a story to accept.
      if (story.template) continue;
      // A story given as an example in tips ("better:" over "- as a user I want to sign in…")
      // illustrates the advice; it is not a story the team will build.
      if (exampleMarker(doc, story)) continue;
      const group = story.group;
      if (group && !story.criteria.length && !story.unfilled?.length && !story.criteriaLabel) {
        // Goals listed under one role header, none with criteria: one finding for the list.
        const goals = stories.filter((u) => u.group?.header.start.offset === group.header.start.offset && !u.template);
        if (goals.length > 1 && goals.every((u) => !u.criteria.length && !u.unfilled?.length && !u.criteriaLabel)) {
          if (groups.has(group.header.start.offset)) continue;
          groups.add(group.header.start.offset);
          const fixes = goals.map(skeletonFix).filter((f): f is Fix => !!f);
          report({
            range: group.header,
            message: `None of the ${goals.length} goals under "${shorten(group.text, 50)}" has acceptance criteria. A PO panel will ask how the team knows each one is done: add Given/When/Then criteria under each goal (the quick fix adds a skeleton to each).${note}`,
            related: goals.map((u) => ({ range: u.range, message: `No acceptance criteria: "${shorten(plainMarkdown(u.text), 50)}"` })),
            ...(fixes.length ? { fixes: [{ title: 'Add an acceptance-criteria skeleton under each goal', edits: fixes.flatMap((f) => f.edits), manual: true }] } : {}),
          });
          continue;
        }
      }
      if (story.criteriaShared && story.criteriaFrom && story.criteria.length) {
        // One criteria list after several stories that have none of their own: read as theirs,
        // and said once, as advice (the writer may have meant it for one story, or for all).
        const at = story.criteriaFrom.start.offset;
        if (shared.has(at)) continue;
        shared.add(at);
        const takers = stories.filter((u) => u.criteriaFrom?.start.offset === at && u.criteriaShared);
        const label = doc.text.slice(at, story.criteriaFrom.end.offset);
        report({
          range: story.criteriaFrom,
          message: `"${shorten(plainMarkdown(label), 40)}" follows ${takers.length} stories that have no criteria of their own, so Prep Loop reads its ${story.criteria.length === 1 ? 'criterion' : `${story.criteria.length} criteria`} as shared by all ${takers.length}. If some are for one story only, move them under it: a PO panel will ask which criterion shows that each story is done.`,
          related: takers.map((u) => ({ range: u.range, message: `Shares these criteria: "${shorten(plainMarkdown(u.text), 50)}"` })),
          severity: 'info',
        });
        continue;
      }
      const table = story.table;
      if (table?.shared && story.criteria.length && !story.criteriaFrom) {
        // The same checklist on every row: said once for the table, as advice (the team may well
        // have criteria elsewhere; the checklist itself is fine as a Definition of Done).
        if (tables.has(table.header.start.offset)) continue;
        tables.add(table.header.start.offset);
        const first = story.criteria[0]!;
        const last = story.criteria[story.criteria.length - 1]!;
        const checklist = doc.text.slice(first.range.start.offset, last.range.end.offset);
        report({
          range: doc.lines.range(first.range.start.offset, last.range.end.offset),
          message: `The same checklist ("${shorten(plainMarkdown(checklist), 60)}") is the ${table.criteriaColumn ? `"${shorten(table.criteriaColumn, 30)}"` : 'criteria'} of ${table.shared === table.stories ? `all ${table.shared}` : `${table.shared} of the ${table.stories}`} stories in this table. A checklist that fits every story is a Definition of Done, not acceptance criteria: a PO panel will ask how you know each story works, so give each one criteria of its own (Given/When/Then) and state the checklist once as the team's Definition of Done.`,
          severity: 'info',
        });
        continue;
      }
      if (story.criteria.length) {
        // A criterion that is still the skeleton the fix inserted is no criterion yet: keep
        // reminding, without a fix, until it is filled in (as user-story-form does for its placeholders).
        if (story.criteriaFrom) continue;
        for (const c of story.criteria) {
          const holes = placeholdersIn(c.text);
          if (!holes.length) continue;
          report({
            range: c.range,
            message: `This acceptance criterion is still a skeleton: replace ${[...new Set(holes)].join(', ')} with a concrete starting state, action and result a tester can check.`,
          });
        }
        continue;
      }
      if (table && story.insert.mode === 'none') {
        // A table with no criteria column: one finding for the table, not one per row.
        if (tables.has(table.header.start.offset)) continue;
        tables.add(table.header.start.offset);
        const rest = stories.filter((u) => u !== story && u.table?.header.start.offset === table.header.start.offset && !u.criteria.length && !u.template);
        report({
          range: story.range,
          message: rest.length
            ? `None of the ${rest.length + 1} stories in this table has acceptance criteria. A PO panel will ask how the team knows each story is done: add an "Acceptance criteria" column and give every story Given/When/Then criteria in it.`
            : `No acceptance criteria for "${shorten(plainMarkdown(story.text), 50)}". A PO panel will ask how the team knows this story is done: add an "Acceptance criteria" column to the table and write Given/When/Then criteria in it.${note}`,
          related: rest.map((u) => ({ range: u.range, message: `No acceptance criteria either: "${shorten(plainMarkdown(u.text), 50)}"` })),
        });
        continue;
      }
      const slots = story.unfilled ?? [];
      const label = slots.length
        ? ` ${slots.length === 1 ? 'The item under it is' : `The ${slots.length} items under it are`} only ${slots.length === 1 ? 'a placeholder' : 'placeholders'} ("${shorten([...new Set(slots)].join('", "'), 30)}"), not criteria yet.`
        : story.criteriaLabel && !table
          ? ' The "Acceptance criteria" label has no list under it yet.'
          : '';
      // A "Definition of Done" under the story is the team's checklist, not its criteria: say that
      // it was read, and how to make its items count if they are this story's own conditions.
      const dod = story.dod
        ? ` The "${shorten(plainMarkdown(doc.text.slice(story.dod.start.offset, story.dod.end.offset)).replace(/[\s:\u2013\u2014-]+$/, ''), 30)}" list under it is read as the team's quality checklist, not this story's criteria; if its items are this story's own conditions, put them under an "Acceptance criteria" label.`
        : '';
      const where = table ? 'in its criteria cell' : 'under it';
      const fix = skeletonFix(story);
      if (unnamed && !slots.length) {
        const heading = shorten(plainMarkdown(doc.text.slice(unnamed.start.offset, unnamed.end.offset).replace(/^\s{0,3}#+\s*|\s+#+\s*$/g, '')), 50);
        const key = story.id ? plainMarkdown(story.id.text).replace(/[\s:.)\]]+$/, '') : '';
        report({
          range: story.range,
          message: `No acceptance criteria that Prep Loop can tie to "${shorten(plainMarkdown(story.text), 50)}". The doc has acceptance criteria under "${heading}", but that heading names no story, so a reader can't tell which story they test: put them under their story, or give each its own heading that starts with the story's ${key ? `ID ("${key}: …")` : 'ID or title'}.${note}`,
          severity: 'info',
          related: [{ range: unnamed, message: `Acceptance criteria under "${heading}", for no story named` }],
          ...(fix ? { fixes: [fix] } : {}),
        });
        continue;
      }
      report({
        range: story.range,
        message: `No acceptance criteria for "${shorten(plainMarkdown(story.text), 50)}".${label}${dod} A PO panel will ask how the team knows this story is done: add Given/When/Then criteria ${where} (the quick fix adds a skeleton).${note}`,
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  },
});

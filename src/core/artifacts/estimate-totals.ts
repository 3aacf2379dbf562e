/**
 * Which story-point numbers are sums of several work items, not one story's estimate: an epic's
 * total over the stories below it, a sprint's load in a plan, a "High priority stories: 34
 * points" summary line. Decided once per document from structure (the heading or list item the
 * number belongs to, and what sits below it) and from the words of its own line, because an
 * epic's heading and its stories may sit in different sections.
 *
 * Every estimate stays in the list (a backlog with totals is still a backlog); `of` says what a
 * number sums, and `story-points` reads it. Bounded: a binary search per estimate, and a sum only
 * over the estimates inside the scope of one heading or list item.
 */
import { partitionPoint } from '../text';
import type { Estimate, OutlineMark } from './outline';

/** What an estimate that is not one story's sums: several stories (`total`) or an epic not split yet (`epic`). */
export type EstimateOf = 'total' | 'epic';

/** A heading or label that starts with a sprint, a release or a phase: "Sprint 2:", "Release 1 (34 pts)". */
const PLAN_HEAD = /^[ \t]*(?:sprint|iteration|increment|pi|release|milestone|phase|wave)[ \t]*#?\d+\b/i;
/** Words that make a number of points a load or a sum wherever they stand: "sprint plan", "story point summary". */
const PLAN_WORDS =
  /\b(?:(?:sprint|release|iteration)[ \t]+(?:plan|planning|load|commitment|forecast)|(?:story[ -]?points?|points|estimates?)[ \t]+(?:summary|totals?|breakdown|by[ \t]+(?:epic|priority|sprint|feature|theme)))\b/i;
/** A label that names a group of stories: "High priority stories:", "Epics =", "Work items (P1):". */
const GROUP_LABEL = /\b(?:(?:user[ \t]+)?stories|epics|work[ \t]+items)[ \t]*(?:\([^)\n]{0,30}\))?[ \t]*[:=][ \t]*$/i;
/** A label that names an epic or an initiative: "Epic: Checkout", "Gift cards epic (", "Epic 2:". */
const EPIC_LABEL = /^[ \t]*(?:epic|initiative)\b|\b(?:epic|initiative)[ \t]*(?:\d+[ \t]*)?(?:\([^)\n]{0,40}\)[ \t]*)?[:=(\u2013\u2014-]*[ \t]*$/i;
/** A heading or label that names one story: "Story: pay by card", "User Story 1", or the story itself. */
const ONE_STORY = /\b(?:user[ \t]+)?story\b(?![ \t-]*points?\b)|^[ \t]*as[ \t]+an?\b/i;
/** A story or ticket id: "US-12", "US 3", "PAY-7". */
const TICKET_ID = /\bUS[-_ ]?\d+\b|\b[A-Z][A-Z0-9]{1,9}-\d+\b/;
/** A sum written out: "Epic 1 + Epic 2 = 47 points". */
const SUM_WRITTEN = /\+[^\n]*=[ \t]*[*_]{0,2}[ \t]*$/;
/** Heading marks, quote marks, list markers, a checkbox and emphasis at the start of a line. */
const LINE_MARKS = /^[ \t>]*(?:#{1,6}[ \t]+)?(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?/;
const LIST_ITEM = /^([ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+/;
/** One "Label: value" field of a ticket line such as "**Priority:** High | **Owner:** Dana". */
const FIELD = /^[\p{L}][\p{L}\p{N} &/'’()-]{0,40}[:=][^:=]{0,60}$/u;
/** Words of an estimate label, to see whether a heading holds nothing but its estimate. */
const LABEL_WORDS = /\b(?:estimated|initial|final|agreed|revised|original|story|points?|pts|sp|estimates?|est)\b|[^\p{L}\p{N}]+/giu;

/** A heading line's words, without its marks and emphasis. */
function plainHeading(text: string): string {
  return text
    .replace(/^[ \t>]*#{1,6}[ \t]*/, '')
    .replace(/[ \t]#+[ \t]*$/, '')
    .replace(/[*_`]/g, '')
    .replace(/[([][ \t]*[)\]]|[ \t]+[\u2013\u2014-][ \t]*$/g, '')
    .trim();
}

interface Line {
  start: number;
  end: number;
  text: string;
}

/**
 * Sets `of` (and `why`) on the estimates of `doc` that sum several work items. `masked` is the
 * document text with code and HTML blanked; `stories` the start and end of every user story.
 */
export function markEstimateTotals(masked: string, estimates: Estimate[], marks: readonly OutlineMark[], stories: readonly { start: number; end: number }[]): void {
  if (!estimates.length) return;
  const headings = marks.filter((m) => m.kind === 'heading');
  const storySpans = [...stories].sort((a, b) => a.start - b.start);
  const sorted = [...estimates].sort((a, b) => a.range.start.offset - b.range.start.offset);
  /** The start of the line after the one holding `offset`. */
  const nextLine = (offset: number) => {
    const nl = masked.indexOf('\n', offset);
    return nl === -1 ? masked.length : nl + 1;
  };
  const lineAt = (offset: number): Line => {
    const start = masked.lastIndexOf('\n', offset - 1) + 1;
    const nl = masked.indexOf('\n', offset);
    const end = nl === -1 ? masked.length : nl;
    return { start, end, text: masked.slice(start, end) };
  };
  const storiesIn = (from: number, to: number) => partitionPoint(storySpans, (s) => s.start < to) - partitionPoint(storySpans, (s) => s.start < from);
  const inStory = (l: Line) => {
    const i = partitionPoint(storySpans, (s) => s.start < l.end) - 1;
    return i >= 0 && storySpans[i].end > l.start;
  };
  /** The estimates whose start lies in [from, to), in document order. */
  const estimatesIn = (from: number, to: number) => sorted.slice(partitionPoint(sorted, (e) => e.range.start.offset < from), partitionPoint(sorted, (e) => e.range.start.offset < to));
  /** A line that holds only ticket fields ("**Priority:** High | **Story Points:** 21") or only an estimate. */
  const isFieldLine = (text: string, own?: Estimate) => {
    let t = text;
    if (own) t = t.replace(own.raw, ' ');
    const plain = t.replace(LINE_MARKS, '').replace(/[*_`]/g, '').trim();
    if (!plain) return true;
    if (plain.length > 240) return false;
    return plain.split(/[ \t]*[|;·][ \t]*/).every((f) => !f.trim() || FIELD.test(f.trim()) || (!!own && /^[:=]?$/.test(f.trim())));
  };
  /** The label before an estimate on its line, without list markers and emphasis. */
  const labelBefore = (l: Line, e: Estimate) => masked.slice(l.start, e.range.start.offset).replace(LINE_MARKS, '').replace(/[*_`]/g, '');

  // Last to first, so that an estimate below is already known as a total when a heading above sums its children.
  for (let k = sorted.length - 1; k >= 0; k--) {
    const e = sorted[k];
    const at = e.range.start.offset;
    const line = lineAt(at);
    // A user story's own estimate, and a table cell (its row is one work item).
    if (inStory(line) || /^[ \t>]*\|/.test(line.text)) continue;
    const label = labelBefore(line, e);
    const mark = (of: EstimateOf, why: string) => {
      e.of = of;
      e.why = why;
    };
    const oneStory = (t: string) => ONE_STORY.test(t) || TICKET_ID.test(t);
    const plan = (t: string) => PLAN_HEAD.test(t) || PLAN_WORDS.test(t);
    if (plan(label) && !oneStory(label)) {
      mark('total', 'its line names a sprint, a release or a total, whose points are a load, not one story’s size');
      continue;
    }
    if (SUM_WRITTEN.test(label)) {
      mark('total', 'it is written as a sum of several items');
      continue;
    }
    if (GROUP_LABEL.test(label)) {
      mark('total', 'its label names a group of stories');
      continue;
    }

    // The heading the estimate belongs to: the estimate is in it, or in the ticket fields right below it.
    const h = headingOf(e, line);
    if (h) {
      const ownText = h.inside ? plainHeading(line.text.replace(e.raw, ' ')) : h.mark.text;
      if (oneStory(ownText)) continue;
      if (plan(ownText)) {
        mark('total', `it belongs to “${ownText.trim()}”, a sprint, a release or a total`);
        continue;
      }
      const scopeEnd = headingScopeEnd(h.index);
      if (grouped(e, h.mark.range.end.offset, scopeEnd, EPIC_LABEL.test(ownText), headingChildStart(h.mark.range.end.offset, scopeEnd), `“${ownText.trim()}”`)) continue;
      if (EPIC_LABEL.test(ownText)) mark('epic', `it belongs to “${ownText.trim()}”, an epic with no stories under it yet`);
      continue;
    }
    // A list item with items nested below it.
    const item = LIST_ITEM.exec(line.text);
    if (item) {
      const indent = item[1].replace(/\t/g, '    ').length;
      const end = nestedEnd(line, indent);
      if (end > line.end && grouped(e, line.end, end, EPIC_LABEL.test(label), line.end, 'its list item')) continue;
    }
    if (EPIC_LABEL.test(label)) mark('epic', 'its line names an epic, and no stories sit under it yet');
  }

  /** Marks `e` a total when the scope [from, to) holds its work items; `childFrom` is where items (not the estimate's own fields) may start. */
  function grouped(e: Estimate, from: number, to: number, epic: boolean, childFrom: number, owner: string): boolean {
    const children = estimatesIn(Math.max(from, childFrom), to).filter((c) => c !== e);
    const stories = storiesIn(from, to);
    if (!children.length && stories < 2 && !(epic && stories >= 1)) return false;
    const leaves = children.filter((c) => c.of !== 'total');
    const sum = leaves.reduce((n, c) => n + c.value, 0);
    e.of = 'total';
    e.why =
      leaves.length >= 2 && Math.abs(sum - e.value) < 1e-9
        ? `it is the sum of the ${leaves.length} estimates under ${owner}`
        : children.length
          ? `${owner} holds ${children.length === 1 ? 'an estimated item' : `${children.length} estimated items`} below it`
          : `${owner} holds ${stories} user stories below it`;
    return true;
  }

  /** The heading an estimate belongs to, if any: the estimate is in the heading, or in the ticket fields right below it. */
  function headingOf(e: Estimate, line: Line): { mark: OutlineMark; index: number; inside: boolean } | undefined {
    const at = e.range.start.offset;
    const i = partitionPoint(headings, (m) => m.range.start.offset <= at) - 1;
    if (i < 0) return undefined;
    const m = headings[i];
    if (at < m.range.end.offset) {
      // A heading that is nothing but the estimate ("### Estimated Story Points: 13") is a field of the section above.
      if (!plainHeading(line.text.replace(e.raw, ' ')).replace(LABEL_WORDS, '').trim()) return undefined;
      return { mark: m, index: i, inside: true };
    }
    if (!isFieldLine(line.text, e)) return undefined;
    // Only ticket fields between the heading and this line.
    let pos = nextLine(m.range.end.offset);
    for (let n = 0; pos < line.start; n++) {
      if (n > 12) return undefined;
      const l = lineAt(pos);
      if (l.text.trim() && !isFieldLine(l.text)) return undefined;
      pos = l.end + 1;
    }
    return { mark: m, index: i, inside: false };
  }

  /** Where heading `i`'s scope ends: at the next heading of its level or above. */
  function headingScopeEnd(i: number): number {
    const level = headings[i].level;
    for (let j = i + 1; j < headings.length && j < i + 2000; j++) if (headings[j].level <= level) return headings[j].range.start.offset;
    return masked.length;
  }

  /** Where the work items under a heading start: after its ticket-field lines (at a sub-heading, a story, a list item or prose). */
  function headingChildStart(from: number, to: number): number {
    let pos = nextLine(from);
    for (let n = 0; pos < to && n < 40; n++) {
      const l = lineAt(pos);
      if (l.text.trim() && !isFieldLine(l.text)) return l.start;
      pos = l.end + 1;
    }
    return Math.min(pos, to);
  }

  /** The end of the lines nested under a list item indented by `indent`. */
  function nestedEnd(line: Line, indent: number): number {
    let end = line.end;
    let pos = line.end + 1;
    for (let n = 0; pos < masked.length && n < 400; n++) {
      const l = lineAt(pos);
      if (l.text.trim()) {
        const ind = /^[ \t>]*/.exec(l.text)![0].replace(/\t/g, '    ').length;
        if (ind <= indent || /^[ \t]*#/.test(l.text)) break;
        end = l.end;
      }
      pos = l.end + 1;
    }
    return end;
  }
}

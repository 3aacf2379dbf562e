/**
 * `acceptance-criteria-testable`: an acceptance criterion a tester could not check — one that
 * leans on a word with no pass/fail line ("fast", "intuitive", "user-friendly"), said for each
 * criterion — and, once per doc, the stories whose criteria are a checklist rather than
 * Given/When/Then (advice: a coach says it once, not story by story).
 */
import type { OutlineMark } from '../artifacts/outline';
import { placeholdersIn, plainMarkdown, restate, shorten, type Criterion, type UserStory } from '../artifacts/user-stories';
import { kindAt, type PrepDoc } from '../parse';
import type { SectionKind } from '../sections';
import { headingName } from '../story-name';
import type { Range } from '../types';
import { checkBySummaries, defineRule, defineSummaries, type OptionsOf } from './types';

/** A time limit stated in the criterion: "within 5 seconds", "in under 200 ms", "< 2s", "no more than 1 minute". */
const TIME_LIMIT = /(?:\b(?:within|under|below|in|after|takes?|at most|no more than|no longer than|less than|fewer than|up to)[ \t]+(?:(?:under|less than|about|at most)[ \t]+)?|[<≤][ \t]*)\d+(?:[.,]\d+)?[ \t]*(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)\b/iu;
/** A size or share stated in the criterion: "under 50 MB", "below 5% CPU". */
const SIZE_LIMIT = /\d+(?:[.,]\d+)?[ \t]*(?:kb|mb|gb|%|percent)(?![\p{L}])/iu;

/**
 * Vague words by what a measurable version would state. A group's `measured` is the measure its
 * advice asks for: when the criterion already states it ("in real time, within 5 seconds of a
 * goal"), the word only names the quality the number pins down, and is not flagged. Only the expected outcome (the Then part,
 * or a checklist item) has to be measurable; in the setup (Given, When) words such as "simple"
 * describe the situation ("a simple product"), so there only unmeasured amounts (`setup`) count.
 */
const VAGUE: { words: string[]; advice: string; setup?: boolean; measured?: RegExp }[] = [
  {
    words: ['fast', 'faster', 'quick', 'quickly', 'quicker', 'slow', 'slowly', 'speedy', 'snappy', 'responsive', 'instant', 'instantly', 'immediate', 'immediately', 'promptly', 'timely', 'real-time', 'realtime', 'soon', 'asap'],
    advice: 'a time limit, such as "within 2 seconds"',
    measured: TIME_LIMIT,
  },
  {
    words: ['easy', 'easily', 'easier', 'simple', 'simply', 'intuitive', 'intuitively', 'user-friendly', 'friendly', 'straightforward', 'convenient', 'conveniently', 'seamless', 'seamlessly', 'smooth', 'smoothly', 'effortless', 'effortlessly', 'painless', 'obvious'],
    advice: 'something a tester can count, such as "in 3 clicks or fewer" or "without opening the help page"',
  },
  {
    words: ['robust', 'reliable', 'reliably', 'stable', 'scalable', 'resilient', 'secure', 'securely'],
    advice: 'a threshold, such as "with no errors for 1,000 concurrent users" or "only signed-in owners can open it"',
  },
  {
    words: ['efficient', 'efficiently', 'performant', 'optimal', 'optimally', 'optimized', 'optimised', 'lightweight'],
    advice: 'a number, such as "in under 200 ms" or "using under 50 MB"',
    measured: new RegExp(`${TIME_LIMIT.source}|${SIZE_LIMIT.source}`, 'iu'),
  },
  {
    words: ['clearly', 'properly', 'correctly', 'appropriate', 'appropriately', 'adequate', 'adequately', 'sufficient', 'sufficiently', 'reasonable', 'reasonably', 'acceptable', 'gracefully', 'nice', 'nicely', 'better', 'beautiful', 'attractive', 'pleasant'],
    advice: 'the exact result, such as which message, value or state the user sees',
  },
  {
    words: ['many', 'several', 'numerous', 'lots', 'various', 'large', 'huge', 'minimal'],
    advice: 'the number, such as "up to 500 rows" or "files over 25 MB"',
    setup: true,
  },
  { words: ['etc', 'etc.'], advice: 'the full list of cases, one criterion each' },
];

const VAGUE_ADVICE = new Map<string, { advice: string; setup: boolean; measured?: RegExp }>();
for (const group of VAGUE) for (const w of group.words) VAGUE_ADVICE.set(w, { advice: group.advice, setup: !!group.setup, measured: group.measured });

/**
 * "Responsive" in its layout sense: a responsive design, layout or page fits the screen it is on,
 * which a tester checks on each device. Only its speed sense ("the page is responsive") is vague.
 */
const LAYOUT_RESPONSIVE = /^responsive[ \t]+(?:web[ \t]+)?(?:design|layout|ui|grid|page|site|website|theme|template|breakpoints?|css|view)s?\b/i;

/** The advice for a vague word that is not a single listed token: "customer-friendly", "real time", "a clear message". */
function adviceFor(word: string): { advice: string; setup: boolean; measured?: RegExp } | undefined {
  const of = (w: string) => VAGUE_ADVICE.get(w);
  // "customer-friendly", "mobile-friendly": as untestable as "user-friendly".
  if (/^[\p{L}]+-friendly$/u.test(word)) return of('user-friendly');
  if (/^real[ \t]+time$/.test(word)) return of('real-time');
  if (word === 'clear') return of('clearly');
  return undefined;
}

/**
 * Vague wording of more than one word, or that is vague only in some uses: "in real time", and
 * "clear" as an adjective of what the user reads ("a clear error message", "is clear"), not the
 * verb ("clear the filters", "when clearing the search box").
 */
const VAGUE_PHRASE = /\breal[ \t]+time\b|(?<=\b(?:a|an|the|is|are|be|and|very|more|with)[ \t]+)clear\b(?![ \t]+(?:all|the|it|them|this|that|my|your|their|button|filters?|search|cart|basket|selection|history|cache|form)\b)|\bclear(?=[ \t]+(?:message|error|feedback|explanation|instructions?|labels?|indication|warning|text|copy|guidance|summary|confirmation|prompt|wording|reason)s?\b)/giu;

/**
 * "Sufficient" of an amount the action spends is a comparison, not a judgement: "only if the card
 * has a sufficient balance" passes when the balance covers the payment, which a tester checks with
 * two numbers. `SUFFICIENT_OF` reads the text from the word on, `SUFFICIENT_AFTER` the text before it
 * ("only if the balance is sufficient").
 */
const AMOUNT = String.raw`(?:balance|funds?|credit|credits|stock|inventory|quantity|quantities|points|budget|capacity|seats?|space|storage|allowance|quota|money|cash|units?|tokens?|coins?|leave|days|hours|items?)`;
const SUFFICIENT_OF = new RegExp(String.raw`^sufficient[ \t]+(?:[\p{L}-]+[ \t]+)?${AMOUNT}\b`, 'iu');
const SUFFICIENT_AFTER = new RegExp(String.raw`\b${AMOUNT}[ \t]+(?:is|are|was|were|be|remains?|stays?)[ \t]+(?:still[ \t]+)?$`, 'iu');

/** Which part of a Given/When/Then flow a criterion is in. */
export type Phase = 'setup' | 'outcome';

const WORD = /[\p{L}][\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*\.?/gu;

/**
 * Vague words in a criterion: document offsets, word and advice. `phase` is where the criterion
 * sits when it has no "then" of its own (an "And" line after a Given is still setup); text after a
 * "then" is always outcome.
 */
export function vagueWords(
  doc: PrepDoc,
  c: Criterion,
  options: { extra?: readonly string[]; allow?: readonly string[]; phase?: Phase } = {},
): { start: number; end: number; word: string; advice: string }[] {
  if (c.keyword === 'scenario') return [];
  const from = c.range.start.offset;
  const to = c.range.end.offset;
  // Gherkin lines sit in code, which the prose view blanks: read those from the text.
  const text = c.source === 'gherkin' ? doc.text.slice(from, to) : doc.prose.slice(from, to);
  const allowed = new Set((options.allow ?? []).map((w) => w.toLowerCase()));
  const extraSet = new Set((options.extra ?? []).map((w) => w.toLowerCase()));
  const thenAt = [...text.matchAll(/\bthen\b/gi)].pop()?.index ?? -1;
  const out: { start: number; end: number; word: string; advice: string }[] = [];
  const quoted = quotedSpans(text);
  const found: { index: number; word: string; phrase?: boolean }[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    if (word.endsWith('.') && word.toLowerCase() !== 'etc.') word = word.slice(0, -1);
    found.push({ index: m.index, word });
  }
  for (const m of text.matchAll(VAGUE_PHRASE)) found.push({ index: m.index, word: m[0], phrase: true });
  found.sort((a, b) => a.index - b.index);
  for (const m of found) {
    const word = m.word;
    const lw = word.toLowerCase();
    if (allowed.has(lw)) continue;
    const listed = VAGUE_ADVICE.get(lw);
    const other = listed ? undefined : m.phrase || /-friendly$/.test(lw) ? adviceFor(lw) : undefined;
    const entry = listed ?? (other ? { ...other, setup: false } : extraSet.has(lw) ? { advice: 'a value a tester can check', setup: false } : undefined);
    if (!entry) continue;
    if (entry.measured?.test(text)) continue;
    if (lw === 'responsive' && LAYOUT_RESPONSIVE.test(text.slice(m.index))) continue;
    if (lw === 'sufficient' && (SUFFICIENT_OF.test(text.slice(m.index)) || SUFFICIENT_AFTER.test(text.slice(Math.max(0, m.index - 60), m.index)))) continue;
    const phase: Phase = thenAt >= 0 ? (m.index > thenAt ? 'outcome' : 'setup') : (options.phase ?? 'outcome');
    if (phase === 'setup' && !entry.setup) continue;
    // A capitalised word mid-sentence is a name ("the Quick Export button"); quoted text is UI copy.
    const atStart = /^[\s\-*>\d.)[\]]*(?:(?:given|when|then|and|but)\s+)?$/i.test(text.slice(0, m.index));
    if (/^\p{Lu}/u.test(word) && !atStart) continue;
    if (/^at\s+$/i.test(text.slice(Math.max(0, m.index - 3), m.index)) && lw === 'most') continue;
    if (quoted.some(([s, e]) => m.index >= s && m.index < e)) continue;
    out.push({ start: from + m.index, end: from + m.index + word.length, word, advice: entry.advice });
  }
  return out;
}

function quotedSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/"[^"\n]*"|\u201c[^\u201d\n]*\u201d|`[^`\n]*`/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** A template's criterion line that is nothing but its placeholder: "[ ] [Specific, testable criterion 1]". */
const TEMPLATE_LINE = /^\s*(?:\[[ xX]\]\s*)?(?:\[[^\]\n]{1,80}\]|<[^>\n]{1,80}>)\s*[.;]?\s*$/;

const options = {
  requireGivenWhenThen: {
    type: 'boolean' as const,
    default: true,
    description: 'Ask for Given/When/Then on the items of an acceptance-criteria list (said once per doc, naming each story whose criteria are a checklist). Turn off if your team writes checklist-style criteria.',
  },
  extraVagueWords: { type: 'string[]' as const, default: [] as string[], description: 'More words to treat as untestable (e.g. your team\'s "snappy").' },
  allowWords: { type: 'string[]' as const, default: [] as string[], description: 'Words never to flag, even if they are on the built-in list.' },
};

type Options = OptionsOf<typeof options>;

/** Where the rule's findings belong (`Rule.sections`); the summaries keep only checklists there. */
const SECTIONS: readonly SectionKind[] = ['artifact', 'story'];

/** A criterion of a story's list, with the phase of the flow it is in. */
interface Judged {
  criterion: Criterion;
  phase: Phase;
}

/**
 * The stories' criteria as the rule reads them: per list (stories that share one "Acceptance
 * criteria" section share its list, read once), the criteria whose wording is judged and the
 * checklist items among them, and the offsets of every criterion read (a block linked to a story
 * is judged with the story).
 */
function storyLists(doc: PrepDoc, options: Options): { lists: { story: UserStory; judged: Judged[]; checklist: Criterion[] }[]; read: Set<number> } {
  const read = new Set<number>();
  const lists: { story: UserStory; judged: Judged[]; checklist: Criterion[] }[] = [];
  const seen = new Set<unknown[]>();
  for (const story of doc.artifacts.userStories) {
    if (seen.has(story.criteria)) continue;
    seen.add(story.criteria);
    // A checklist copied on every row of a table is a Definition of Done, not this story's
    // criteria (acceptance-criteria-missing says so once for the table): not judged row by row.
    if (story.table?.shared && !story.criteriaFrom) {
      for (const c of story.criteria) read.add(c.range.start.offset);
      continue;
    }
    let phase: Phase = 'outcome';
    const judged: Judged[] = [];
    const checklist: Criterion[] = [];
    for (const c of story.criteria) {
      // And/But continue the step before them; a Given or When starts setup, a Then the outcome.
      if (c.keyword === 'given' || c.keyword === 'when' || c.keyword === 'scenario') phase = 'setup';
      else if (c.keyword === 'then' || !c.gwt) phase = 'outcome';
      if (/\bthen\b/i.test(c.text)) phase = 'outcome';
      read.add(c.range.start.offset);
      // An unfilled skeleton is not a criterion yet: acceptance-criteria-missing reminds you.
      if (placeholdersIn(c.text).length || TEMPLATE_LINE.test(c.text)) continue;
      if (options.requireGivenWhenThen && !c.gwt && (c.source === 'list' || c.source === 'label' || c.source === 'table')) checklist.push(c);
      judged.push({ criterion: c, phase: c.keyword === 'and' || c.keyword === 'but' ? phase : c.keyword === 'given' || c.keyword === 'when' ? 'setup' : 'outcome' });
    }
    lists.push({ story, judged, checklist });
  }
  return { lists, read };
}

/** The index of the last of `sorted` that starts before `at`, or -1. */
function lastBefore<T>(sorted: readonly T[], at: number, start: (x: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start(sorted[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * How the doc-level advice names a story, so the writer finds it: by the heading it sits under
 * when that heading names it alone ("US-12: Export invoices") — the nearest heading above it,
 * holding no other story and no generic one ("Backlog", "User stories", "Acceptance criteria"),
 * or a bold title line with an ID right above it — else by its sentence without the benefit ("US-12: As a member, I want to renew a loan"). Read
 * from the story's own chunk only (the nearest heading and the stories next to it), so a lint of
 * part of the doc names it the same way.
 */
function storyLabel(text: string, story: UserStory, stories: readonly UserStory[], headings: readonly OutlineMark[]): { heading: boolean; text: string } {
  const at = story.range.start.offset;
  const h = lastBefore(headings, at, (m) => m.range.start.offset);
  const near = headings[h];
  // A bold line with an ID right above the story ("**US-002: Reviews on every pull request**",
  // blank lines and rules between) is its heading in all but markup.
  const above = /(?:^|\n)[ \t]*(?:\*\*|__)([^*_\n]{3,120})(?:\*\*|__)[ \t]*:?[ \t]*\n(?:[ \t]*(?:-{3,}|\*{3,})?[ \t]*\n)*[ \t]*$/.exec(text.slice(Math.max(near ? near.range.end.offset : 0, at - 400), at));
  if (above && headingName(above[1]).id) return { heading: true, text: shorten(plainMarkdown(above[1]), 50) };
  // A heading that is the story itself ("### 2. As a venue owner, I want …") names it by its sentence.
  if (near && near.range.end.offset <= at) {
    const name = headingName(near.text);
    const i = stories.indexOf(story);
    const prev = stories[i - 1];
    const next = stories[i + 1];
    const nextHeading = headings[h + 1];
    const alone = (!prev || prev.range.start.offset < near.range.start.offset) && (!next || (!!nextHeading && nextHeading.range.start.offset < next.range.start.offset));
    if ((name.title || name.id) && alone) return { heading: true, text: shorten(plainMarkdown(near.text), 50) };
  }
  const id = story.id ? plainMarkdown(story.id.text).replace(/[\s.:)\]|–—-]+$/u, '') : '';
  const sentence = story.goal ? restate(story, plainMarkdown(story.goal.text)) : plainMarkdown(story.text);
  return { heading: false, text: shorten(`${/[\p{L}#]/u.test(id) ? `${id}: ` : ''}${sentence}`, 50) };
}

/** A quoted criterion or story, as the findings show it. */
interface Quoted {
  range: Range;
  text: string;
}

/**
 * A story whose criteria are a checklist: the story, its first checklist item, and (for the
 * first such story of a summary only: the one-story message lists them) its other items.
 */
interface Checklist {
  /** What the doc-level finding says of it when it is not the first: the story and its first item. */
  note: string;
  first: Quoted;
  rest?: Quoted[];
}

/**
 * Per part, the stories whose criteria are a checklist, in document order. A summary holds
 * ranges: `move` moves them (the incremental linter reuses a part's summary after text above it changed).
 */
const summaries = defineSummaries<Options, Checklist[]>({
  summarize({ doc, options }, part) {
    if (!options.requireGivenWhenThen || !part.sections.length) return [];
    const from = part.sections[0].range.start.offset;
    const to = part.sections.reduce((n, s) => Math.max(n, s.range.end.offset), from);
    const out: Checklist[] = [];
    let headings: OutlineMark[] | undefined;
    for (const { story, checklist } of storyLists(doc, options).lists) {
      const [first, ...rest] = checklist;
      if (!first) continue;
      const at = first.range.start.offset;
      if (at < from || at >= to) continue;
      // As the section filter does for a finding: only a checklist in a story or artifact section.
      const kind = kindAt(doc, at);
      if (kind && !SECTIONS.includes(kind)) continue;
      // The place is the story's first checklist item: the note only names the story.
      const label = storyLabel(doc.text, story, doc.artifacts.userStories, (headings ??= doc.artifacts.marks.filter((m) => m.kind === 'heading')));
      out.push({
        note: `Checklist criteria too, ${label.heading ? 'under' : 'for'} "${label.text}"`,
        first: { range: first.range, text: first.text },
        ...(out.length ? {} : { rest: rest.map((c) => ({ range: c.range, text: c.text })) }),
      });
    }
    return out;
  },
  merge(a, b) {
    // Only the doc's first checklist lists its other items; a later part's stay unread.
    return a.length ? (b.length ? a.concat(b) : a) : b;
  },
  move(summary, to) {
    if (!summary.length) return summary;
    return summary.map((x) => ({
      note: x.note,
      first: { range: to(x.first.range), text: x.first.text },
      ...(x.rest ? { rest: x.rest.map((c) => ({ range: to(c.range), text: c.text })) } : {}),
    }));
  },
  combine({ report }, parts) {
    const all = parts.flat();
    const [first] = all;
    if (!first) return;
    // Said once per doc, on the first checklist: a checklist criterion can be perfectly testable
    // ("the system rejects a 3-digit PIN"), so the shape is advice (info unless you raise the
    // rule), and a coach gives it once for the backlog, not story by story; vague words stay
    // warnings on each criterion.
    if (all.length === 1) {
      const rest = first.rest ?? [];
      const others = rest.length;
      report({
        range: first.first.range,
        message: others
          ? `"${shorten(first.first.text, 40)}" and ${others} other ${others === 1 ? 'criterion' : 'criteria'} here are checklist items, not Given/When/Then. A PO panel may ask you to write each as "Given <starting state>, when <action>, then <observable result>", which turns straight into a test.`
          : `"${shorten(first.first.text, 50)}" is not written as Given/When/Then. Rewrite it as "Given <starting state>, when <action>, then <observable result>" so it turns straight into a test.`,
        related: rest.map((c) => ({ range: c.range, message: `Also a checklist item: "${shorten(c.text, 50)}"` })),
        severity: 'info',
      });
      return;
    }
    report({
      range: first.first.range,
      message: `The criteria of ${all.length} user stories in this doc are checklists, not Given/When/Then (the first: "${shorten(first.first.text, 40)}"). A PO panel may ask you to write criteria as "Given <starting state>, when <action>, then <observable result>", which turns straight into a test: rewrite those of the stories you will tell. If your team writes checklists on purpose, turn off requireGivenWhenThen.`,
      related: all.slice(1).map((x) => ({ range: x.first.range, message: x.note })),
      severity: 'info',
    });
  },
  local({ doc, options, report }) {
    const judgeVague = (c: Criterion, own: Phase) => {
      for (const v of vagueWords(doc, c, { extra: options.extraVagueWords, allow: options.allowWords, phase: own })) {
        report({
          range: doc.lines.range(v.start, v.end),
          message: `"${v.word}" can't be checked: two testers would disagree on whether it passed. Replace it with ${v.advice}.`,
        });
      }
    };
    const { lists, read } = storyLists(doc, options);
    for (const list of lists) for (const j of list.judged) judgeVague(j.criterion, j.phase);
    // Criteria no story of this doc owns: a file that holds the criteria of stories written in
    // another file ("## Story 1: Session timeout" with Given/When/Then under it). They are the
    // stories' criteria all the same, so their wording is judged here, where it is written. Only
    // Given/When/Then lines count (a list under a heading such as "Why acceptance criteria matter"
    // may be prose about criteria), and not in a guide or a template, whose criteria are examples.
    if (doc.genre) return;
    for (const block of [...doc.artifacts.looseCriteria, ...doc.artifacts.criteriaBlocks]) {
      let phase: Phase = 'outcome';
      for (const c of block.criteria) {
        if (c.keyword === 'given' || c.keyword === 'when' || c.keyword === 'scenario') phase = 'setup';
        else if (c.keyword === 'then' || !c.gwt) phase = 'outcome';
        if (/\bthen\b/i.test(c.text)) phase = 'outcome';
        if (!c.gwt || read.has(c.range.start.offset)) continue;
        if (placeholdersIn(c.text).length || TEMPLATE_LINE.test(c.text)) continue;
        judgeVague(c, c.keyword === 'and' || c.keyword === 'but' ? phase : c.keyword === 'given' || c.keyword === 'when' ? 'setup' : 'outcome');
      }
    }
  },
});

export const acceptanceCriteriaTestable = defineRule({
  id: 'acceptance-criteria-testable',
  description: 'An acceptance criterion that uses words nobody can test; once per doc, the stories whose criteria are not Given/When/Then',
  defaultSeverity: 'warning',
  sections: SECTIONS,
  fixable: false,
  options,
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- As a shopper, I want to filter search results by size, so that I only see shoes I can wear.\n  - Given 40 results in three sizes, when I pick size 42, then only the 12 results in size 42 remain within 1 second.\n',
    ],
    invalid: [
      '---\nloop: po\n---\n\n## Backlog\n\nAs a shopper, I want to filter search results by size, so that I only see shoes I can wear.\n\nAcceptance criteria:\n\n- The filter is fast and intuitive\n',
    ],
  },
  summaries,
  check(ctx) {
    checkBySummaries(summaries, ctx);
  },
});

/**
 * Outline artifacts: story-point estimates, PRD / one-pager sections with their parts, and
 * goal / success-metric lines with what they state (baseline, target, deadline).
 *
 * `extractOutline` reads one section's mdast tree (cached with the section) and keeps every
 * offset relative to the section; `placeOutline` moves the result to document positions. A PRD
 * can span several sections (a `type: prd` doc, or a level-1 "PRD: …" heading whose parts are
 * level-2 sections), so PRDs are assembled once per document in `finishOutline` from the
 * heading and label marks every section contributes.
 *
 * Every walk is iterative and every pattern is bounded: no input makes this throw or backtrack.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import type { PrepDoc, Section } from '../parse';
import { partitionPoint, type LineIndex } from '../text';
import { markEstimateTotals, type EstimateOf } from './estimate-totals';
import type { Range } from '../types';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A story-point estimate such as `13 pts`, `Points: 13` or `(13)` after a user story. */
export interface Estimate {
  /** The whole estimate as written (`Points: 13`, `13 pts`, `(13)`). */
  range: Range;
  /** The number alone. */
  valueRange: Range;
  value: number;
  raw: string;
  /**
   * Set when the number sums several work items instead of sizing one story (see
   * `markEstimateTotals`): `total` for an epic's, a sprint's or a summary's points over the items
   * it groups, `epic` for an epic estimated before any story is written under it.
   */
  of?: EstimateOf;
  /** Why `of` is set, in words for a message or a hover. */
  why?: string;
}

/** The parts a PRD or one-pager is expected to have. */
export type PrdPartId = 'problem' | 'goals' | 'non-goals' | 'users' | 'requirements' | 'risks';

/** One expected PRD part: its id, how messages name it, and what a fix inserts. */
export interface PrdPartSpec {
  id: PrdPartId;
  /** Lower-case name for messages ("goals / success metrics"). */
  name: string;
  /** The heading (or bold label) a fix adds. */
  heading: string;
  /** The placeholder line a fix adds under it. */
  placeholder: string;
}

/** The expected parts, in the order a PRD usually tells them. */
export const PRD_PARTS: readonly PrdPartSpec[] = [
  { id: 'problem', name: 'problem', heading: 'Problem', placeholder: '_TODO: who has this problem, and what does it cost them today?_' },
  { id: 'goals', name: 'goals / success metrics', heading: 'Goals and success metrics', placeholder: '- Goal: _TODO: the metric to move, from where it is now to the target, by when_' },
  { id: 'non-goals', name: 'non-goals', heading: 'Non-goals', placeholder: '- _TODO: what this work leaves out on purpose_' },
  { id: 'users', name: 'target users', heading: 'Target users', placeholder: '- _TODO: who this is for, and who it is not for_' },
  { id: 'requirements', name: 'requirements', heading: 'Requirements', placeholder: '1. _TODO: the first thing the product must do_' },
  { id: 'risks', name: 'risks / open questions', heading: 'Risks and open questions', placeholder: '- _TODO: what could make this fail, and what you still need to find out_' },
];

/** Every part id, in `PRD_PARTS` order. */
export const PRD_PART_IDS: readonly PrdPartId[] = PRD_PARTS.map((p) => p.id);

/** A part of a PRD: a sub-heading or a bold label such as `**Problem:**`. */
export interface PrdPart {
  /** The expected parts it covers (a "Goals and non-goals" heading covers two); empty when unrecognised. */
  ids: PrdPartId[];
  /** The heading or label text as written. */
  label: string;
  range: Range;
  style: 'heading' | 'label';
  /** Heading level, for headings. */
  level?: number;
}

/** A PRD or one-pager. */
export interface Prd {
  /** The title (heading text without tags), or the front matter `title`. */
  title: string;
  /** Where findings about the whole PRD go: its heading, or the `type: prd` value. */
  anchor: Range;
  /** The PRD from its heading (or the doc start) to its end. */
  range: Range;
  /** `heading`: a heading naming a PRD / one-pager; `doc`: a `type: prd` document. */
  source: 'heading' | 'doc';
  /** Heading level of the PRD heading (0 for a `type: prd` doc without one). */
  level: number;
  parts: PrdPart[];
  /** The expected parts present, in `PRD_PARTS` order. */
  present: PrdPartId[];
  /** Where new parts go: after the last non-blank text of the PRD. */
  insertOffset: number;
  /** How new parts are written: as headings of `partLevel`, or as bold labels. */
  partStyle: 'heading' | 'label';
  partLevel: number;
}

/** A goal or success-metric line, with what it states. */
export interface MetricLine {
  /** The first line of the goal (after any list marker). */
  range: Range;
  /** Its text (the whole list item or paragraph), whitespace collapsed. */
  text: string;
  /** The label it starts with (`Goal`, `KPI`, …), if any. */
  label?: string;
  /** Where the number starts today ("from 28%", "28% → …", "baseline 28%"). */
  hasBaseline: boolean;
  /** Where it must land ("to 35%", "→ 35%", "at least 35%", "+5 pp"). */
  hasTarget: boolean;
  /** By when ("by end of Q3", "within 6 weeks", "by 2027-06-30"). */
  hasDeadline: boolean;
  /** Whether it sits inside a PRD. */
  inPrd: boolean;
  /**
   * Offset of the list, paragraph or table it belongs to: lines with the same value are one
   * list, so a rule can say one thing once for all of them.
   */
  group: number;
  /** A row of a table under a goals heading (its header row is never a goal). */
  tableRow?: boolean;
  /**
   * Outside a PRD: the heading or label it is listed under ("Objectives", "Success criteria"),
   * which makes an unlabelled line a goal (see {@link GOAL_LIST}).
   */
  listedUnder?: string;
}

/**
 * A heading, or a label that names a PRD part, in document order; `finishOutline` builds PRDs
 * from these. Rules should read `prds` instead.
 */
export interface OutlineMark {
  kind: 'heading' | 'label';
  range: Range;
  /** Heading text without tags, or the label without its colon. */
  text: string;
  /** Heading level (0 for labels). */
  level: number;
  ids: PrdPartId[];
}

interface RelMark {
  kind: 'heading' | 'label';
  start: number;
  end: number;
  text: string;
  level: number;
  ids: PrdPartId[];
}

interface RelMetric {
  start: number;
  end: number;
  text: string;
  label?: string;
  hasBaseline: boolean;
  hasTarget: boolean;
  hasDeadline: boolean;
  /** Offset of the goals heading or label it sits under; absent for a labelled line (`Goal: …`). */
  under?: number;
  /** Offset of its list, paragraph or table (see {@link MetricLine.group}). */
  group: number;
  tableRow?: boolean;
}

/** Outline artifacts of one section in section-relative offsets. */
export interface RelOutline {
  estimates: { start: number; end: number; valueStart: number; valueEnd: number; value: number; raw: string }[];
  marks: RelMark[];
  metrics: RelMetric[];
}

/** Outline artifacts in document positions. */
export interface Outline {
  estimates: Estimate[];
  prds: Prd[];
  metrics: MetricLine[];
  /** Headings and part labels (see {@link OutlineMark}). */
  marks: OutlineMark[];
  /**
   * Goal lines under a goals heading or label, before the document pass: `finishOutline` moves
   * those inside a PRD to `metrics` and empties this list.
   */
  metricCandidates: (MetricLine & { under: number })[];
}

// ---------------------------------------------------------------------------------------------
// PRD titles and part names
// ---------------------------------------------------------------------------------------------

const PRD_WORD = String.raw`(?:PRDs?|one[- ]?pagers?|product requirements? (?:doc|document)|product brief)`;
const PRD_ANY = new RegExp(String.raw`\b${PRD_WORD}\b`, 'i');
/**
 * Words that name a PRD less surely ("Product requirements: …", "Requirements document", "Product
 * spec"): they also name a topic of notes ("## Product requirements" over how you gather them), so a
 * heading titled with them is a PRD only with {@link WEAK_TITLE_PARTS} PRD parts below it.
 */
const PRD_WEAK_WORD = String.raw`(?:product requirements?(?:\s+spec(?:ification)?)?|requirements?\s+(?:doc|document|spec(?:ification)?)|product\s+spec(?:ification)?)`;
const PRD_WEAK_ANY = new RegExp(String.raw`\b${PRD_WEAK_WORD}\b`, 'i');
/** How many distinct PRD parts a heading titled with a weak PRD word needs below it to be a PRD. */
const WEAK_TITLE_PARTS = 3;

/** Whether a heading's text names a PRD at all, so it may start one (`finishOutline`'s first test). */
export function mayStartPrd(headingText: string): boolean {
  return PRD_ANY.test(headingText) || PRD_WEAK_ANY.test(headingText);
}
/** Words before "PRD" that keep it a title: "Draft PRD", "My PRD". */
const PRD_PREFIX = String.raw`(?:(?:draft|my|sample|example|practice|mini|lean|short|mock|new|final|updated|revised|v\d+)\s+)*`;
/** What may follow the PRD word at the end of a title: "(v2)", "draft", "v3", "outline". */
const PRD_SUFFIX = String.raw`(?:\s+(?:draft|outline|template|skeleton|v\d+(?:\.\d+)?))?\s*(?:\([^()\n]{0,30}\))?`;
const SEP = String.raw`(?:\s*[:|\u2013\u2014]|\s+-{1,2}(?=\s))`;
/** The shapes of a title that names a PRD with `word`. */
const titleShapes = (word: string) => [
  // "PRD", "Draft PRD (v2)", "PRD: Saved carts", "One-pager — search", "PRD for saved carts".
  new RegExp(String.raw`^${PRD_PREFIX}${word}${PRD_SUFFIX}(?:$|${SEP}|\s+(?:for|on|about)\s+\S)`, 'i'),
  // "Saved carts PRD", "Checkout one-pager (draft)", "Search PRD: v2", "Search PRD draft".
  new RegExp(String.raw`^(.{1,60}?)\s+${word}${PRD_SUFFIX}(?:$|${SEP})`, 'i'),
  // "Saved carts: PRD", "Search — one-pager".
  new RegExp(String.raw`^(.{1,60}?)${SEP}\s*${PRD_PREFIX}${word}${PRD_SUFFIX}$`, 'i'),
];
const PRD_TITLE = titleShapes(PRD_WORD);
const WEAK_PRD_TITLE = titleShapes(PRD_WEAK_WORD);
/**
 * A title that tells a story about a PRD ("Wrote the PRD that …", "Pitched my one-pager",
 * "How I scoped the PRD") rather than holding one ("Saved carts PRD", "Onboarding one-pager").
 */
const NARRATIVE_TITLE = new RegExp(
  String.raw`^(?:(?:I|we)\s|(?:how|why|what|when|where|lessons?)\b|` +
    String.raw`(?:wrote|rewrote|led|ran|built|made|drove|took|got|gave|kept|cut|sold|won|lost|killed|threw|set|fought|brought|taught|found|began|chose|broke|held|left|met|paid|put|sent|spent|split|shut|sped|fed|sunk|sank|[a-z]+ed|[a-z]+ing)` +
    String.raw`\s+(?:the|a|an|my|our|their|his|her|its|your|this|that|every|each|one|two|three|\d+|up|out|down|back|off|through)(?![\w-]))`,
  'i',
);
/**
 * Words that make the text before "PRD" a sentence ("Pushing back on the PRD", "Notes from the
 * PRD") rather than a product name ("Saved carts PRD"): a pronoun, article or preposition inside
 * it or at its end.
 */
const NOT_A_NAME =
  /(?:^|\s)(?:I|we|me|us|my|our|his|her|their|the|a|an|this|that|these|those|to|on|with|about|from|into|against|over|behind|for|of|by|at|in|after|before|without|is|was|were|are|be|been|got|had)$|\s(?:I|we|me|us|my|our|his|her|their|the|a|an|to|on|with|about|from|into|against|behind|without|is|was|were|are|had|has|have)(?=\s)|^(?:I|we)\s/i;

/**
 * Whether a heading title names a PRD or one-pager: "PRD: Setup checklist", "PRD — search",
 * "PRD for saved carts", "Checkout one-pager", "Draft PRD (v2)", "Saved carts: PRD". Not a story
 * that mentions one: "PRD review with engineering", "Wrote the PRD that killed the roadmap",
 * "Pushing back on the PRD". Tags should be stripped first.
 */
export function isPrdTitle(title: string): boolean {
  return titled(title, PRD_ANY, PRD_TITLE);
}

/**
 * Whether a heading title names a PRD in weaker words, which also name a topic of notes:
 * "Product requirements: NailSize app", "Requirements document", "Checkout product spec". Such a
 * heading starts a PRD only with {@link WEAK_TITLE_PARTS} distinct PRD parts below it
 * (`finishOutline`). Not "Product requirements gathering", "Notes from the product spec".
 */
export function isWeakPrdTitle(title: string): boolean {
  return titled(title, PRD_WEAK_ANY, WEAK_PRD_TITLE);
}

function titled(title: string, any: RegExp, shapes: RegExp[]): boolean {
  // Numbering ("03 ·", "2.", "Chapter 3:") is not part of the name; "PRDs" in the plural is a topic ("Writing AI PRDs").
  const t = title.trim().replace(/^(?:(?:chapter|part|module|section)\s+)?\d+(?:\.\d+)*\s*[.)·:–—-]?\s+/i, '');
  if (/\b(?:prds|one-?pagers|product specs|(?:requirements?|product) (?:docs|documents|specs|specifications))\b/i.test(t)) return false;
  if (t.length > 200 || !any.test(t) || NARRATIVE_TITLE.test(t)) return false;
  if (shapes[0].test(t)) return true;
  for (const re of shapes.slice(1)) {
    const m = re.exec(t);
    if (m && !NOT_A_NAME.test(m[1].trim())) return true;
  }
  return false;
}

const SYNONYMS: Record<PrdPartId, string[]> = {
  problem: ['problem statement', 'problem', 'problems', 'background', 'context', 'why now', 'why', 'motivation', 'pain points', 'pain point', 'opportunity', 'customer problem', 'user problem'],
  goals: [
    'goals', 'goal', 'objectives', 'objective', 'success metrics', 'success metric', 'success criteria', 'success criterion', 'metrics', 'metric', 'kpis', 'kpi',
    'okrs', 'okr', 'key results', 'measures of success', 'measuring success', 'how we measure success', 'how we will measure success', 'outcomes', 'targets', 'north star',
  ],
  'non-goals': [
    'non-goals', 'non goals', 'nongoals', 'non-goal', 'non goal', 'not a goal', 'not goals', 'out of scope', 'out-of-scope', 'not in scope', 'anti-goals', 'anti goals', 'what we will not do',
    "what we won't do", "won't do", 'not doing', 'exclusions', 'what are we not doing', 'what we are not doing', "what we're not doing",
  ],
  users: [
    'users', 'user', 'target users', 'target user', 'target audience', 'audience', 'personas', 'persona', 'customers', 'target customers', 'user segments', 'segments',
    'who it is for', "who it's for", 'who is it for', 'who this is for', 'who is this for', 'for whom', 'who has this problem', 'who has the problem',
  ],
  requirements: [
    'requirements', 'requirement', 'functional requirements', 'product requirements', 'scope', 'in scope', 'user stories', 'stories', 'features', 'feature list',
    'key features', 'solution', 'proposed solution', 'proposal', 'what we are building', "what we're building", 'what we will build', 'mvp', 'specs', 'specification',
    'functionality', 'use cases', 'acceptance criteria', 'in-scope',
  ],
  risks: [
    'risks', 'risk', 'open questions', 'open question', 'questions', 'assumptions', 'assumption', 'dependencies', 'unknowns', 'concerns', 'mitigations', 'trade-offs',
    'tradeoffs', 'what could go wrong', 'what can go wrong', 'what might go wrong',
  ],
};

const SYNONYM_TO_ID = new Map<string, PrdPartId>();
for (const id of PRD_PART_IDS) for (const s of SYNONYMS[id]) SYNONYM_TO_ID.set(s, id);
/** Every PRD part name, matched on lower-cased text. @internal */
export const SYNONYM_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:${[...SYNONYM_TO_ID.keys()]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\p{L}\p{N}-])`,
  // Matched against lower-cased text (see partIdsOf), so without `i`: V8 compiles this pattern
  // case-insensitively for several milliseconds, which a CLI run on one small file pays in full.
  'gu',
);
/** {@link SYNONYM_RE} anchored where it is tried (sticky). */
const SYNONYM_AT_START = new RegExp(SYNONYM_RE.source, 'uy');
const CONNECTORS = /^(?:and|or|the|our|key|main|primary|&|\/|,|\+|-|—|–|\s)*$/i;

function normaliseLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^[\s\d.)\-*#:]*(?:[ivx]+[.)]\s+)?/, '')
    .replace(/[^\p{L}\p{N}'&/,+\-—– ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "scope in / out", "scope — in and out", "scope in vs out", "in/out of scope", "in and out of scope" (normalised). */
const IN_OUT_SCOPE = /^(?:scope (?:[—–-] )?in ?(?:\/|&|and|vs|versus) ?out|in ?(?:\/|&|and) ?out of scope)(?![\p{L}\p{N}])/u;

/** The most words a heading may have for a part name to count anywhere in it, not only first. */
const SHORT_HEADING_WORDS = 6;
/** Words that make the text before a part name a sentence, not a qualifier ("What I learned from users"). */
const SENTENCE_WORD = /^(?:i|we|you|he|she|they|my|your|his|her|their|it|what|how|who|whom|when|where|why|which|is|are|was|were|am|be|been|do|does|did|have|has|had|can|could|will|would|should|must|not|no)$/;

/**
 * Whether the words before a heading's first part name qualify it ("Business", "High-level",
 * "Technical", "Appendix:"): at most three words in a short heading, none of them a pronoun, a
 * question word or a verb of a sentence.
 */
function qualifies(gap: string, headingWords: number): boolean {
  const words = gap.split(/[\s/&,+]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return headingWords <= SHORT_HEADING_WORDS && words.length <= 3 && !words.some((w) => SENTENCE_WORD.test(w.replace(/'.*$/, '')));
}

/**
 * The PRD parts a heading or label names. A heading names them when it starts with a part name
 * (after "the", "our", numbering), or when it is short (six words or fewer, a parenthesised
 * abbreviation not counted) and the words before its first part name only qualify it: "Business
 * objectives & KPIs", "High-level requirements & scope". Labels must consist only of part names
 * ("Risks and open questions").
 */
export function partIdsOf(label: string, mode: 'heading' | 'label' = 'heading'): PrdPartId[] {
  const text = normaliseLabel(label).replace(/^(?:the|our|key|main|primary)\s+/, '');
  if (!text || text.length > 80) return [];
  // "Scope (In / Out)", "In/Out of scope": what is built and what is left out, both.
  const inOut = IN_OUT_SCOPE.exec(text);
  if (inOut && (mode === 'heading' || inOut[0].length === text.length)) {
    const rest = mode === 'heading' && inOut[0].length < text.length ? partIdsOf(label.replace(/^.*?\bout\b(?:\s+of\s+scope)?\s*\)?/i, ''), 'heading') : [];
    return PRD_PART_IDS.filter((id) => id === 'requirements' || id === 'non-goals' || rest.includes(id));
  }
  // Counted only when needed: most labels are settled by the anchored try below.
  let words: number | undefined;
  const headingWords = () => (words ??= normaliseLabel(label.replace(/\([^()]*\)/g, ' ')).split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
  // Both modes need a part name right at the start (the text is trimmed): one anchored try
  // answers most headings and labels, which name no part, without scanning them.
  // The text is lower case; the one letter that the `iu` flags would still fold into a
  // lower-case ASCII one is the long s (ſ → s), so it is folded here by hand (same length).
  const probe = text.includes('ſ') ? text.replace(/ſ/g, 's') : text;
  SYNONYM_AT_START.lastIndex = 0;
  // A short heading may name a part after a qualifier ("Business objectives"): scan it whole.
  if (!SYNONYM_AT_START.test(probe) && (mode === 'label' || headingWords() > 6)) return [];
  const ids: PrdPartId[] = [];
  let cursor = 0;
  let first = true;
  for (const m of probe.matchAll(SYNONYM_RE)) {
    const gap = text.slice(cursor, m.index);
    if (first && gap.trim() !== '' && (mode === 'label' || !qualifies(gap, headingWords()))) return [];
    if (mode === 'label' && !CONNECTORS.test(gap)) return [];
    first = false;
    const id = SYNONYM_TO_ID.get(text.slice(m.index, m.index + m[0].length));
    if (id && !ids.includes(id)) ids.push(id);
    cursor = m.index + m[0].length;
  }
  if (mode === 'label' && !CONNECTORS.test(text.slice(cursor))) return [];
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Goal / metric analysis
// ---------------------------------------------------------------------------------------------

/** A line label that makes a line a goal or metric. */
const METRIC_LABEL =
  /^[ \t]*(?:[*_]{1,2})?[ \t]*((?:(?:primary|secondary|north[- ]star|key|success|leading|lagging|main|core|quarterly|team)[ \t]+)?(?:goal|objective|metric|kpi|okr|target|key result|kr[ \t]?\d{0,2}|success metric|success criteri(?:on|a))s?(?:[ \t]*\d{1,2})?)[ \t]*(?:[*_]{1,2})?[ \t]*[:：][ \t]*(?:[*_]{1,2})?/i;

const NUMBER_AHEAD = String.raw`(?:about\s+|around\s+|roughly\s+|approx\.?\s+|~\s?|at\s+least\s+)?[$€£¥]?\s?[+\-−]?\d`;
/** A number that is not a bare year (years are deadlines, not baselines or targets). */
const NOT_YEAR = String.raw`(?!(?:19|20)\d\d(?![\d.,]*\s?(?:%|pp|k|m|x|×)))`;

const BASELINE = [
  new RegExp(String.raw`\bfrom\s+(?:an?\s+|the\s+|a\s+baseline\s+of\s+|baseline\s+)?${NOT_YEAR}${NUMBER_AHEAD}`, 'i'),
  /\d[\w%.,]{0,8}\s*(?:→|->|=>|⇒|⟶|➜|➝|—>|-->)\s*[$€£~]?\s?[+-]?\d/,
  new RegExp(String.raw`\b(?:baseline|currently|today|now|up\s+from|down\s+from|vs\.?|versus|compared\s+(?:to|with)|starting\s+(?:at|from)|sits\s+at|stands\s+at)\b[:\s]*(?:is\s+|of\s+|at\s+|=\s*)?${NUMBER_AHEAD}`, 'i'),
  /\d[\d.,]*\s*(?:%|pp|x|×|k|m|ms|s)?\s+(?:today|now|currently|baseline|at\s+present)\b/i,
];

const TARGET = [
  new RegExp(String.raw`\bto\s+${NOT_YEAR}${NUMBER_AHEAD}`, 'i'),
  /\d[\w%.,]{0,8}\s*(?:→|->|=>|⇒|⟶|➜|➝|—>|-->)\s*[$€£~]?\s?[+-]?\d/,
  new RegExp(String.raw`\b(?:target(?:ed|ing|s)?|aim(?:ing)?|goal)\b[:\s]*(?:is\s+|of\s+|at\s+|=\s*)?${NUMBER_AHEAD}`, 'i'),
  /\b(?:reach(?:es|ing)?|hit(?:s|ting)?|achiev(?:e|es|ing)|exceed(?:s|ing)?|above|below|under|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|more\s+than|less\s+than|fewer\s+than|keep(?:s|ing)?|hold(?:s|ing)?|maintain(?:s|ing)?|stay(?:s|ing)?|cap(?:ped)?)\b[^\n\d]{0,30}?[$€£~]?\s?\d/i,
  /(?:≥|≤|>=|<=|>|<)\s*[$€£~]?\s?\d/,
  /\bby\s+(?:at\s+least\s+|about\s+|around\s+)?[+-]?\d+(?:[.,]\d+)?\s*(?:%|pp|p\.p\.|percentage\s+points?|points?|x|×|bps)/i,
  /(?:^|[\s(])[+\-−]\d+(?:[.,]\d+)?\s*(?:%|pp|p\.p\.|points?|bps)/i,
  /\d+(?:[.,]\d+)?\s*(?:%|pp|x|×)?\s+(?:or|and)\s+(?:more|above|higher|less|lower|fewer|below|better)\b/i,
  /\b(?:double|triple|halve|quadruple)\b/i,
  // "80%+ satisfaction", "50% reduction in errors", "30% fewer escalations": a target told as a change.
  /\d(?:[.,]\d+)?\s*%\s*\+|\d(?:[.,]\d+)?\s*(?:%|pp|x|×)\s+(?:reduction|increase|improvement|decrease|drop|lift|uplift|growth|gain|fewer|more|less|higher|lower|faster|shorter)\b/i,
  /\d\s*(?:%|pp|x|×|k|m|ms|s)?\s+(?=(?:by|before|within)\b|in\s+(?:Q[1-4]|H[12]|\d))/i,
];

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WORD_NUMBER = String.raw`(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several)`;
const UNIT_OF_TIME = String.raw`(?:days?|weeks?|months?|quarters?|sprints?|years?|business\s+days?)`;
const PERIOD = String.raw`(?:Q[1-4](?:\s*['’]?\d{2,4})?|H[12](?:\s*['’]?\d{2,4})?|FY\s?['’]?\d{2,4}|(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?|${MONTH}\b(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\b|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|(?:the\s+)?(?:end|middle|start|beginning|close)\s+of\s+(?:the\s+)?(?:Q[1-4]|H[12]|quarter|year|month|half|sprint|FY|${MONTH}|\d{4})|EO[QYMH]\b|(?:this|next|the\s+next|the\s+coming)\s+(?:quarter|half|year|month|sprint|release)|launch|GA\b|(?:year|quarter)[- ]end|(?:sprint|week|day|month)\s+\d{1,3})`;
/** A period named without a preposition: "this quarter", "next half", "year-end", "EOY". */
const BARE_PERIOD =
  /\b(?:(?:this|next|the\s+coming|the\s+next)\s+(?:fiscal\s+)?(?:quarter|half|year|month|sprint|release|fy)|(?:year|quarter|half|month)[- ]end|EO[QYMH])\b/i;
/** "within the quarter", "by the end of this year", "over the next half", "in the first month". */
const THE_PERIOD =
  /\b(?:by|before|within|in|during|over|inside|for|through|until|at)\s+(?:the\s+)?(?:(?:end|middle|close)\s+of\s+(?:the\s+|this\s+|next\s+)?|first\s+|next\s+|coming\s+|same\s+)?(?:quarter|half|year|month|sprint|fiscal\s+year|release|launch|pilot|beta|trial)\b/i;
const DEADLINE = [
  new RegExp(String.raw`\b(?:by|before|until|till|through|thru|in|during|within|for|no\s+later\s+than|ahead\s+of|at)\s+(?:the\s+)?(?:end\s+of\s+)?${PERIOD}`, 'i'),
  new RegExp(String.raw`\b(?:within|in|over|inside)\s+(?:the\s+)?(?:next\s+|first\s+|coming\s+)?${WORD_NUMBER}\s+${UNIT_OF_TIME}\b`, 'i'),
  /\b(?:end\s+of\s+(?:Q[1-4]|H[12]|FY|the\s+(?:quarter|year|half))|EO[QY]\b|Q[1-4]\b|H[12]\s*['’]?\d{2,4}|FY\s?['’]?\d{2})/i,
  /\b(?:deadline|due(?:\s+date)?|by\s+when|timeline|time\s?frame|when)\s*:\s*\S/i,
  /\b(?:19|20)\d\d-\d\d-\d\d\b/,
  BARE_PERIOD,
  THE_PERIOD,
];

/** What a goal or metric text states: a baseline, a target, a deadline. */
export function analyseMetric(text: string): { hasBaseline: boolean; hasTarget: boolean; hasDeadline: boolean } {
  const t = text.replace(/[*_`]/g, '').replace(/\s+/g, ' ');
  return {
    hasBaseline: BASELINE.some((re) => re.test(t)),
    hasTarget: TARGET.some((re) => re.test(t)),
    hasDeadline: DEADLINE.some((re) => re.test(t)),
  };
}

/** {@link DEADLINE} with the `g` flag, made once (building them on every call was a compile each). */
const DEADLINE_ALL = DEADLINE.map((re) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`));

/** The text with every deadline phrase ("within 30 days", "by end of Q3") blanked, to see whether a number is left. */
export function withoutDeadline(text: string): string {
  let t = text.replace(/[*_`]/g, '').replace(/\s+/g, ' ');
  for (const re of DEADLINE_ALL) t = t.replace(re, ' ');
  return t;
}

// ---------------------------------------------------------------------------------------------
// Estimates
// ---------------------------------------------------------------------------------------------

const VALUE = String.raw`(\d{1,3}(?:\.\d{1,2})?|½)`;
/**
 * The next field of a ticket glued to the number when a paste lost the line break: "Story Points:
 * 13Priority: P1". Only a known field name with its colon, so "4hrs" or "2days" stay no estimate.
 */
const GLUED_FIELD = String.raw`(?:priority|status|owner|assignee|depends|dependenc(?:y|ies)|sprint|epic|release|labels?|tags?|component|risk|business[ \t]+value|acceptance[ \t]+criteria|notes?)[*_]{0,2}[ \t]*[:：]`;
/**
 * `Points: 13`, `SP = 8`, `Estimate: 5 pts`, `**Story points:** 3`. Not a range ("Estimate: 4-6
 * hrs", "3–5"), which gives no one number, nor a number with another unit ("4 hrs", "2d").
 */
const LABELLED_ESTIMATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:story[ -]?points?|points|pts|sp|estimate[ds]?|est\.?)[*_]{0,2}[ \t]*[:=][ \t]*[*_]{0,2}[ \t]*${VALUE}(?:[ \t]*(?:story[ -]?points?|pts?|points?|sp)\b)?(?:(?=${GLUED_FIELD})|(?!\d|\.\d|[ \t]*[\p{L}\d]|[ \t]*[-\u2013\u2014~][ \t]*\d))`,
  'giu',
);
/** `13 pts`, `5 story points`, `8 SP` (not `13-point`). */
const UNIT_ESTIMATE = new RegExp(String.raw`(?<![\p{L}\p{N}.,+\-−])${VALUE}[ \t]?(story[ -]?points?|pts?|points?|sp)(?![\p{L}\p{N}-])`, 'giu');
/** What every estimate pattern needs somewhere: a character VALUE or PAREN_ESTIMATE starts a number with. */
const NUMBER_CHAR = /[0-9½]/;
/** `(13)` or `[13]` */
const PAREN_ESTIMATE = /\((\d{1,3}(?:\.\d)?|½)\)|\[(\d{1,3}(?:\.\d)?|½)\]/g;
/** A labelled estimate in brackets, anywhere: `(Est. 21)`, `(SP 8)`, `[estimate: 5 pts]`. */
const BRACKET_LABELLED = new RegExp(
  String.raw`[([][ \t]*(?:story[ -]?points?|points?|pts|sp|estimate[ds]?|est\.?)[ \t]*[:=]?[ \t]*${VALUE}(?:[ \t]*(?:story[ -]?points?|pts?|points?|sp)(?![\p{L}]))?[ \t]*[)\]]`,
  'giu',
);
/** A table header cell that names an estimate column: `Points`, `SP`, `Estimate (pts)`. */
const ESTIMATE_COLUMN = /^(?:story[ -]?points?|points?|pts|sp|estimates?|estimation|est\.?)(?:[ \t]*\((?:story[ -]?points?|points?|pts|sp)\))?$/i;
/** A table cell holding only an estimate: `21`, `**8**`, `5 pts`. */
const ESTIMATE_CELL = new RegExp(String.raw`^[*_]{0,2}${VALUE}(?:[ \t]*(?:story[ -]?points?|pts?|points?|sp))?[*_]{0,2}$`, 'iu');
/** A GFM table delimiter row (spaces removed): `|---|:---:|`. */
const TABLE_DELIMITER = /^\|?:?-+:?(?:\|:?-+:?)*\|?$/;
/** Words that make "13 points" part of a sentence ("it came in at 13 points"), not an annotation. */
const NARRATIVE_BEFORE = /\b(?:was|were|is|are|be|been|had|has|have|at|about|around|of|to|into|with|from|than|rose|fell|grew|dropped|gained|lost|lifted|moved|jumped|climbed|up|down|by|nps|csat|score)[ \t]*$/i;
/**
 * What may precede a labelled estimate on its line: heading marks, list markers, a checkbox,
 * emphasis, and a word that dates the estimate ("### Estimated Story Points: 13").
 */
const LINE_PREFIX = /^[ \t]*(?:#{1,6}[ \t]+)?(?:(?:[-*+>]|\d{1,9}[.)])[ \t]+)*(?:\[[ xX]\][ \t]+)?[*_]{0,2}(?:(?:estimated|initial|final|agreed|revised|original)[ \t]+)?$/i;
const ESTIMATE_CONTEXT = /\b(?:backlog|stor(?:y|ies)|epics?|tickets?|tasks?|slices?|spikes?|bugs?|estimat\w*|points?|sprints?|refinement|grooming|planning)\b/i;
/** A heading that names a list of work items ("Backlog", "Sprint 14", "User stories"). */
const ESTIMATE_HEADING =
  /^(?:(?:the|my|our|a|sample|example|draft|practice|current|next|sprint|product|release|team)\s+)*(?:backlog|(?:user\s+)?stories|estimates?|estimation|epics?|tickets|slices|work\s+items|sprint\s+\d+|sprint\s+plan(?:ning)?|release\s+plan)\b/i;
const USER_STORY_START = /^[ \t]*(?:[*_]{1,2})?[ \t]*as[ \t]+an?\b/i;
/**
 * Words before a number of points that make it a total, a capacity or a score, not one item's
 * estimate: "Sprint capacity: 60 points", "(Total: 10 points)", "velocity 34 pts", "max 5 points".
 */
const NOT_AN_ESTIMATE_BEFORE =
  /\b(?:total|sum|max(?:imum)?|min(?:imum)?|worth|out[ \t]+of|score[ds]?|marks?|weight(?:ing|ed)?|capacity|velocity|budget|average|avg|mean|throughput|committed|commitment|completed|delivered|burned|planned|forecast)\b[^\n]{0,16}$/i;
/** Words after a number of points that make it a rate or a scale: "34 points per sprint", "1 point = 1 hour". */
const NOT_AN_ESTIMATE_AFTER = /^[ \t]*(?:per|a|each|every|\/)[ \t]*(?:sprint|iteration|week|month|person|dev|developer|day)\b|^[ \t]*(?:=|equals?|≈|~)/i;
/** A heading count such as "Behavioural questions (4)": the number counts the items below, it estimates nothing. */
const COUNT_NOUN_BEFORE =
  /\b(?:questions?|qs|q&as?|tips|examples?|resources|books|links|articles|videos|answers|exercises|drills|prompts|frameworks|mistakes|pitfalls|lessons|principles|rules|reasons|ways|things|ideas|tools|templates|topics|stories|cases|scenarios|companies|rounds|interviews|notes|chapters|sections|parts)[*_]{0,2}[ \t]*$/i;
/** The text goes on to split what it estimated: "(40 points), so I split it into five stories". */
const SPLIT_NARRATED =
  /\b(?:split|sliced|broke|broken|cut|carved|decomposed|chopped)\b[^.\n]{0,40}?\b(?:into\b[^.\n]{0,30}?\b(?:stor(?:y|ies)|slices?|tickets?|pieces?|parts?|chunks?|items?|tasks?|increments?|releases?)\b|by[ \t]+(?:workflow|step|business[ \t]+rule|rule|data|role|persona|platform|user[ \t]+type|happy[ \t]+path))/i;
/** A table cell that is only a number or a duration ("1 day", "30 minutes", "2 hrs"): not a work item. */
const SCALE_CELL = /^[*_]{0,2}[\d.,½\s-]*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|sprints?|points?|pts|sp)?[*_]{0,2}$/i;

interface Zone {
  start: number;
  end: number;
  kind: 'heading' | 'item' | 'story' | 'cell';
  /** Whether the zone is a user story ("As a …"). */
  userStory: boolean;
  /** Estimate context: the zone's own text or the heading above mentions stories, backlog, sprints… */
  context: boolean;
  /** For list items: the list, to count siblings that also end in `(N)`. */
  list?: number;
}

function parseValue(s: string): number {
  return s === '½' ? 0.5 : Number(s);
}

/** Only punctuation, emphasis, closing brackets, hashtags or blanks between `from` and `to`. */
function onlyTrailing(masked: string, from: number, to: number): boolean {
  return /^(?:[\s.,;:!?)\]*_~]|#[\p{L}\p{N}_-]*)*$/u.test(masked.slice(from, to));
}
/** Only list/checkbox markers, emphasis, opening brackets or blanks between `from` and `to`. */
function onlyLeading(masked: string, from: number, to: number): boolean {
  return /^[\s*_([]*(?:\[[ xX]\][\s*_([]*)?$/.test(masked.slice(from, to));
}

/**
 * Estimates in the estimate column of a pipe table (`| Story | Points |`): the cells of that column
 * that hold only a number (`21`, `**8**`, `5 pts`). Tables are not parsed as such (no GFM), so
 * this reads the lines of a paragraph.
 */
function tableEstimates(masked: string, s: number, e: number, out: RelOutline['estimates']): void {
  const lines = lineSpans(masked, s, e);
  let column = -1;
  for (let i = 0; i < lines.length; i++) {
    const [ls, le] = lines[i];
    const cells = tableCells(masked, ls, le);
    if (!cells) {
      column = -1;
      continue;
    }
    if (column < 0) {
      // A header row: the next line is the delimiter row.
      const next = lines[i + 1];
      if (!next || !TABLE_DELIMITER.test(masked.slice(next[0], next[1]).replace(/[ \t>]/g, ''))) continue;
      column = cells.findIndex(([a, b]) => ESTIMATE_COLUMN.test(masked.slice(a, b).replace(/[*_]/g, '').trim()));
      i++;
      if (column < 0) column = Number.MAX_SAFE_INTEGER;
      continue;
    }
    const cell = cells[column];
    if (!cell) continue;
    const m = ESTIMATE_CELL.exec(masked.slice(cell[0], cell[1]));
    if (!m) continue;
    // A row with nothing but numbers and durations is a conversion scale ("| 1 day | 16 |"), not a work item.
    if (cells.every(([a, b], k) => k === column || SCALE_CELL.test(masked.slice(a, b).trim()))) continue;
    const valueStart = cell[0] + m[0].indexOf(m[1]);
    out.push({ start: cell[0], end: cell[1], valueStart, valueEnd: valueStart + m[1].length, value: parseValue(m[1]), raw: masked.slice(cell[0], cell[1]) });
  }
}

/** The trimmed cells of a pipe-table row, or undefined when the line has no unescaped `|`. */
function tableCells(masked: string, ls: number, le: number): [number, number][] | undefined {
  let pos = ls;
  while (pos < le && /[ \t>]/.test(masked[pos])) pos++;
  if (masked[pos] === '|') pos++;
  const cells: [number, number][] = [];
  let cellStart = pos;
  let pipes = 0;
  for (let i = pos; i <= le; i++) {
    if (i < le && (masked[i] !== '|' || masked[i - 1] === '\\')) continue;
    if (i < le) pipes++;
    let a = cellStart;
    let b = i;
    while (a < b && /\s/.test(masked[a])) a++;
    while (b > a && /\s/.test(masked[b - 1])) b--;
    if (i < le || a < b) cells.push([a, b]);
    cellStart = i + 1;
  }
  return pipes ? cells : undefined;
}

function findEstimates(masked: string, zones: Zone[], fromTables: RelOutline['estimates'] = []): RelOutline['estimates'] {
  const out: RelOutline['estimates'] = [];
  // Taken spans never overlap, so sorted by start they are sorted by end too: the only one that
  // can overlap [s, e) is the last one starting before e (a binary search, not a scan).
  const taken: [number, number][] = [];
  const before = (e: number) => partitionPoint(taken, (t) => t[0] < e);
  const overlaps = (s: number, e: number) => {
    const i = before(e) - 1;
    return i >= 0 && taken[i][1] > s;
  };
  // Zones never overlap (headings, first paragraphs of items, root paragraphs, table cells): binary search.
  const sorted = [...zones].sort((a, b) => a.start - b.start);
  const zoneAt = (s: number, e: number) => {
    const z = sorted[partitionPoint(sorted, (x) => x.start <= s) - 1] as (typeof sorted)[number] | undefined;
    return z && e <= z.end ? z : undefined;
  };
  /** The zone around an estimate; for a heading, also the body below it up to the next heading. */
  const around = (start: number, end: number): string => {
    const z = zoneAt(start, end);
    // A user story's own words ("split the bill by card") say nothing about splitting the story.
    if (z?.userStory) return '';
    if (!z) {
      const ls = masked.lastIndexOf('\n', start - 1) + 1;
      const nl = masked.indexOf('\n', end);
      return masked.slice(ls, nl === -1 ? masked.length : nl);
    }
    if (z.kind !== 'heading') return masked.slice(z.start, z.end);
    const body = masked.slice(z.end, z.end + 800);
    const next = body.indexOf('\n#');
    return masked.slice(z.start, z.end) + (next === -1 ? body : body.slice(0, next));
  };
  /** A number of points that is not one item's estimate: a total, a capacity, a rate, a count, or an estimate the text goes on to split. */
  const notAnEstimate = (start: number, end: number, valueEnd: number): boolean => {
    const ls = masked.lastIndexOf('\n', start - 1) + 1;
    const before = masked.slice(Math.max(ls, start - 40), start);
    if (NOT_AN_ESTIMATE_BEFORE.test(before.replace(/[([:=*_]+[ \t]*$/, '').replace(/[:=][ \t]*$/, ''))) return true;
    if (NOT_AN_ESTIMATE_AFTER.test(masked.slice(valueEnd, valueEnd + 30).replace(/^[ \t]*(?:story[ -]?points?|pts?|points?|sp)\b/i, '').replace(/^[)\]]/, ''))) return true;
    return SPLIT_NARRATED.test(around(start, end));
  };
  const push = (start: number, end: number, vStart: number, value: string) => {
    const v = parseValue(value);
    if (!Number.isFinite(v) || overlaps(start, end)) return;
    if (notAnEstimate(start, end, vStart + value.length)) return;
    taken.splice(before(end), 0, [start, end]);
    out.push({ start, end, valueStart: vStart, valueEnd: vStart + value.length, value: v, raw: masked.slice(start, end) });
  };
  for (const t of fromTables) push(t.start, t.end, t.valueStart, masked.slice(t.valueStart, t.valueEnd));
  // Every pattern below needs a number (an ASCII digit or ½, as VALUE and PAREN_ESTIMATE spell it):
  // a text with neither has no estimate to find, and a short run need not compile four patterns.
  if (!NUMBER_CHAR.test(masked)) return out.sort((a, b) => a.start - b.start);
  // `(Est. 21)`, `[SP 8]`: a label inside brackets is an estimate wherever it stands.
  for (const m of masked.matchAll(BRACKET_LABELLED)) push(m.index, m.index + m[0].length, m.index + m[0].search(/[\d½]/), m[1]);
  for (const m of masked.matchAll(LABELLED_ESTIMATE)) {
    // A label at the start of a line or list item, or after a separator: not "data points: 15".
    const lineStart = masked.lastIndexOf('\n', m.index - 1) + 1;
    const prefix = masked.slice(Math.max(lineStart, m.index - 120), m.index);
    const atLineStart = m.index - lineStart <= 120 && LINE_PREFIX.test(prefix);
    const end = m.index + m[0].length;
    if (!atLineStart && !/[([|,;·—–][ \t]*[*_]{0,2}$/.test(prefix)) {
      // After the last sentence of a user story or backlog line: "…, so that Y. Estimate: 21".
      const z = /[.!?][ \t]*[*_]{0,2}$/.test(prefix) ? zoneAt(m.index, end) : undefined;
      const nl = masked.indexOf('\n', end);
      if (!z || !(z.userStory || z.context) || !onlyTrailing(masked, end, nl === -1 || nl > z.end ? z.end : nl)) continue;
    }
    push(m.index, end, m.index + m[0].indexOf(m[1], m[0].search(/[:=]/)), m[1]);
  }
  for (const m of masked.matchAll(UNIT_ESTIMATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end)) continue;
    const before = masked.slice(Math.max(0, start - 24), start);
    const after = masked.slice(end, end + 2);
    const bracketed = /[([][ \t]*$/.test(before) && /^[ \t]*[)\]]/.test(after);
    let ok = bracketed;
    if (!ok && !NARRATIVE_BEFORE.test(before)) {
      const z = zoneAt(start, end);
      if (z) ok = onlyTrailing(masked, end, z.end) || onlyLeading(masked, z.start, start);
      else {
        // A line that holds nothing but the estimate.
        const ls = masked.lastIndexOf('\n', start - 1) + 1;
        const nl = masked.indexOf('\n', end);
        ok = onlyLeading(masked, ls, start) && onlyTrailing(masked, end, nl === -1 ? masked.length : nl);
      }
    }
    if (ok) push(start, end, start, m[1]);
  }
  const parenByList = new Map<number, number>();
  const parens: { m: RegExpMatchArray; z: Zone }[] = [];
  for (const m of masked.matchAll(PAREN_ESTIMATE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(start, end)) continue;
    const v = parseValue(m[1] ?? m[2]);
    if (v > 100) continue;
    const z = zoneAt(start, end);
    if (!z || z.kind === 'cell') continue;
    if (!onlyTrailing(masked, end, z.end) && !onlyLeading(masked, z.start, start)) continue;
    if (z.kind === 'heading' && COUNT_NOUN_BEFORE.test(masked.slice(z.start, start))) continue;
    if (z.list !== undefined) parenByList.set(z.list, (parenByList.get(z.list) ?? 0) + 1);
    parens.push({ m, z });
  }
  for (const { m, z } of parens) {
    const siblings = z.list !== undefined ? (parenByList.get(z.list) ?? 0) : 0;
    if (!(z.userStory || z.context || siblings >= 2)) continue;
    push(m.index!, m.index! + m[0].length, m.index! + 1, m[1] ?? m[2]);
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

const HASHTAG = /(?<![\p{L}\p{N}_&#/\\])#(\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*)/gu;

function plainText(root: Nodes): string {
  let out = '';
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'html' || node.type === 'inlineCode' || node.type === 'code') continue;
    if ('value' in node && typeof node.value === 'string') out += node.value;
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out;
}

function stripTags(text: string): string {
  return text.replace(HASHTAG, '').replace(/\s+/g, ' ').trim();
}

const start = (n: Nodes) => n.position?.start.offset ?? 0;
const end = (n: Nodes) => n.position?.end.offset ?? 0;

/** A part label at the start of a paragraph: `**Problem:**`, `__Goals__:`, `Non-goals:`. */
const PART_LABEL = /^[ \t]*(\*\*|__)?[ \t]*([\p{L}][\p{L}\p{N} '’&/,+-]{0,60}?)[ \t]*(?:\1[ \t]*[:：]|[:：][ \t]*\1)[ \t]*/u;
const PLAIN_LABEL = /^[ \t]*([\p{L}][\p{L}\p{N} '’&/,+-]{0,40}?)[ \t]*[:：][ \t]*/u;

interface LabelInfo {
  text: string;
  ids: PrdPartId[];
  /** Metric label (`Goal:`, `KPI:` …): the line is a goal. */
  metric?: string;
  start: number;
  end: number;
  /** Whether anything follows the label on its paragraph. */
  empty: boolean;
  /**
   * A label without a colon: a bold-only line (`**Out of scope**`), a bold question
   * (`**Who has this problem?**`) or a list item that is only a part name (`- Risks and
   * mitigations.`). It names a PRD part, but it opens no goals list of its own.
   */
  loose?: boolean;
}

function readLabel(p: Nodes, masked: string): LabelInfo | undefined {
  return readLabelAt(start(p), end(p), masked);
}

/** The label at `s`, with `empty` telling whether anything follows it before `e`. */
function readLabelAt(s: number, e: number, masked: string): LabelInfo | undefined {
  const text = masked.slice(s, Math.min(e, s + 200));
  // Most labels end in a colon; the others are bold: most lines have neither, and need no regex.
  return (hasColon(text) ? colonLabel(text, s, e, masked) : undefined) ?? boldLabel(text, s, e, masked);
}

/** A bold-only line that names a PRD part (`**In scope**`, `**Risks and mitigations**`). */
const BOLD_ONLY = /^[ \t]*(\*\*|__)[ \t]*([\p{L}][\p{L}\p{N} '’&/,+()-]{0,60}?)[ \t]*[.:：]?[ \t]*\1[ \t]*[.:：]?[ \t]*(?:\n|$)/u;
/** A bold question at the start of a line: `**Who has this problem?**`, `**What could go wrong?**`. */
const BOLD_QUESTION = /^[ \t]*(\*\*|__)[ \t]*([\p{L}][\p{L}\p{N} '’&/,+-]{0,60}?)[ \t]*\?[ \t]*\1[ \t]*/u;

/**
 * A bold part name that leads its line, then a short aside or a dash: `**Out of scope** (for now)`,
 * `**Out of scope** — multiplayer`, as list items often start.
 */
const BOLD_LEAD = /^[ \t]*(\*\*|__)[ \t]*([\p{L}][\p{L}\p{N} '’&/,+-]{0,60}?)[ \t]*\1[ \t]*(?:\([^()\n]{0,40}\)[ \t]*(?=\n|$|[—–]|-[ \t])|(?=[—–]|-[ \t]))/u;

/** A label without a colon in bold (see {@link LabelInfo.loose}). */
function boldLabel(text: string, s: number, e: number, masked: string): LabelInfo | undefined {
  if (!/^[ \t]*(?:\*\*|__)/.test(text)) return undefined;
  const m = BOLD_ONLY.exec(text) ?? BOLD_QUESTION.exec(text) ?? BOLD_LEAD.exec(text);
  if (!m) return undefined;
  const label = m[2].trim();
  const ids = partIdsOf(label, 'label');
  if (!ids.length) return undefined;
  const stop = s + m[0].replace(/\n$/, '').length;
  const rest = masked.slice(stop, e).replace(/[*_\s]/g, '');
  return { text: label, ids, start: s, end: stop, empty: rest === '', loose: true };
}

/** A list item whose first paragraph is only part names: `- Risks and mitigations.`, `- Non-goals`. */
function itemLabel(p: Nodes, masked: string): LabelInfo | undefined {
  const s = start(p);
  const e = end(p);
  if (e - s > 80) return undefined;
  const text = masked.slice(s, e);
  if (text.includes('\n')) return undefined;
  // A short aside after the name is not part of it: "Out of scope (for v1)".
  const label = text.replace(/[*_]/g, '').replace(/[ \t]*[.:：;!]?[ \t]*$/, '').replace(/\s*\([^()]{0,40}\)$/, '').trim();
  if (!/^[\p{L}]/u.test(label)) return undefined;
  const ids = partIdsOf(label, 'label');
  if (!ids.length) return undefined;
  return { text: label, ids, start: s, end: e, empty: true, loose: true };
}

/** A label that ends in a colon: `**Problem:**`, `Non-goals:`, a metric label (`Goal:`). */
function colonLabel(text: string, s: number, e: number, masked: string): LabelInfo | undefined {
  const metric = METRIC_LABEL.exec(text);
  if (metric) {
    const rest = masked.slice(s + metric[0].length, e).replace(/[*_\s]/g, '');
    return { text: metric[1], ids: ['goals'], metric: metric[1], start: s, end: s + metric[0].length, empty: rest === '' };
  }
  const bold = PART_LABEL.exec(text);
  const m = bold && bold[1] ? bold : PLAIN_LABEL.exec(text);
  if (!m) return undefined;
  const label = (bold && bold[1] ? m[2] : m[1]).trim();
  const ids = partIdsOf(label, 'label');
  if (!ids.length) return undefined;
  const rest = masked.slice(s + m[0].length, e).replace(/[*_\s]/g, '');
  return { text: label, ids, start: s, end: s + m[0].length, empty: rest === '' };
}

/** Whether a text holds a colon (ASCII or full-width), which every label and metric label needs. */
function hasColon(text: string): boolean {
  return text.includes(':') || text.includes('：');
}

type GoalsContext = { kind: 'heading'; depth: number; at: number } | { kind: 'label'; at: number; labelled?: string };

/** The label of a line that describes a metric rather than setting one: how it is measured, from where, by whom. */
const METRIC_DETAIL = /^[ \t]*(?:[*_]{1,2})?[ \t]*(?:measurement|measured (?:by|as|via|in)|how (?:we|to|it is|it's) measure[sd]?|formula|calculation|calculated as|definition|defined as|data sources?|sources?|tracking|tracked (?:by|via|in)|instrumentation|dashboard|owner|method(?:ology)?|frequency|cadence|query)[ \t]*(?:[*_]{1,2})?[ \t]*[:：]/i;

/** The label of a line that comments on the lines around it ("Note:", "NB:", "> [!NOTE]"): commentary, not a goal. */
const COMMENTARY = /^[ \t]*(?:\[![a-z]+\]|(?:[*_]{1,2})?[ \t]*(?:(?:side[ -]?)?notes?|nb|n\.b\.|ps|p\.s\.|tip|aside|caveat|disclaimer|reminder|fyi|comment|remark)[ \t]*(?:[*_]{1,2})?[ \t]*[:：])/i;

/** Whether a paragraph is only a label ("**Today they:**"), which opens a list of its own. */
function isBareLabel(p: Nodes, masked: string): boolean {
  const text = masked.slice(start(p), end(p));
  const m = PART_LABEL.exec(text) ?? PLAIN_LABEL.exec(text);
  return !!m && m.index === 0 && text.slice(m[0].length).replace(/[*_\s]/g, '') === '';
}

/** Finds the outline artifacts of one section. `masked` has code, HTML and link targets blanked. */
export function extractOutline(tree: Root, _source: string, masked: string): RelOutline {
  const marks: RelMark[] = [];
  const metrics: RelMetric[] = [];
  const zones: Zone[] = [];
  const fromTables: RelOutline['estimates'] = [];
  let listCount = 0;
  let lastHeading = '';
  let ctx: GoalsContext | undefined;

  const metricFrom = (s: number, e: number, label: string | undefined, under: number | undefined, group: number, row?: TableRow) => {
    const text = masked.slice(s, e);
    const trimmed = text.replace(/[*_\s]+$/, '');
    // Empty, or an intro line ("We track two numbers:").
    if (!trimmed.trim() || trimmed.endsWith(':')) return;
    // A line that says how a goal above it is measured ("Measurement: failed syncs / all syncs",
    // "Data source: the billing export") describes that metric; it sets no goal of its own.
    if (!label && METRIC_DETAIL.test(text)) return;
    // A note under the goals ("> Note: we kept dashboards light at first") comments on them; it is no goal.
    if (!label && COMMENTARY.test(text)) return;
    const nl = masked.indexOf('\n', s);
    const lineEnd = nl === -1 || nl > e ? e : nl;
    const stated = analyseMetric(row ? row.text : text);
    if (row) {
      stated.hasBaseline ||= row.baseline;
      stated.hasTarget ||= row.target;
      stated.hasDeadline ||= row.deadline;
    }
    metrics.push({
      start: s,
      end: Math.max(s, lineEnd),
      text: (row ? row.text : text).replace(/\s+/g, ' ').trim(),
      ...(label ? { label } : {}),
      ...stated,
      ...(under !== undefined ? { under } : {}),
      group,
      ...(row ? { tableRow: true } : {}),
    });
  };

  /** A paragraph: part labels, metric lines (grouped at labelled lines), user-story zones. */
  const paragraph = (p: Nodes, goals: GoalsContext | undefined, inItem: boolean) => {
    const s = start(p);
    const e = end(p);
    if (masked.indexOf('|', s) !== -1 && masked.indexOf('|', s) < e) tableEstimates(masked, s, e, fromTables);
    if (!inItem && USER_STORY_START.test(masked.slice(s, s + 40))) {
      zones.push({ start: s, end: e, kind: 'story', userStory: true, context: true });
    }
    // Split into groups at lines that start with a metric label.
    const lines = lineSpans(masked, s, e);
    // A pipe table (the parse has no table syntax, so it is one paragraph): under a goals heading,
    // each body row is one goal, read with its column names; the header row never is.
    const table = lines.length >= 2 ? tableHead(masked, lines) : undefined;
    if (table) {
      // A table of floors or thresholds ("Metric | Acceptable floor") lists guardrails, not goals.
      if (!goals || table.floors) return;
      for (const [rs, re] of lines.slice(2)) {
        const row = tableRow(masked.slice(rs, re), table);
        if (row) metricFrom(rs, re, goals.kind === 'label' ? goals.labelled : undefined, goals.kind === 'label' && goals.labelled ? undefined : goals.at, s, row);
      }
      return;
    }
    let group: { s: number; e: number; label?: string; under?: number } | undefined;
    const flush = () => {
      if (group) metricFrom(group.s, group.e, group.label, group.under, s);
      group = undefined;
    };
    for (const [ls, le] of lines) {
      // Every line may open a part ("**Problem:** …" then "**Goals:** …" on the next line).
      const label = readLabelAt(ls, le, masked);
      if (label) marks.push({ kind: 'label', start: label.start, end: label.end, text: label.text, level: 0, ids: label.ids });
      const head = masked.slice(ls, Math.min(le, ls + 200));
      const m = hasColon(head) ? METRIC_LABEL.exec(head) : null;
      if (m) {
        flush();
        if (masked.slice(ls + m[0].length, le).replace(/[*_\s]/g, '') === '' && lines.length === 1) return;
        group = { s: ls, e: le, label: m[1] };
      } else if (group) group.e = le;
      else if (goals && !(label && !label.ids.includes('goals'))) group = { s: ls, e: le, ...(goals.kind === 'label' && goals.labelled ? { label: goals.labelled } : { under: goals.at }) };
    }
    flush();
  };

  /** Walks one block (iteratively) with the goals context of where it sits. */
  const block = (root: RootContent, goals: GoalsContext | undefined) => {
    const stack: { node: Nodes; goals: GoalsContext | undefined; inItem: boolean; list?: number }[] = [{ node: root, goals, inItem: false }];
    while (stack.length) {
      const { node, goals: g, inItem, list } = stack.pop()!;
      switch (node.type) {
        case 'heading': {
          const text = stripTags(plainText(node));
          zones.push({ start: start(node), end: end(node), kind: 'heading', userStory: USER_STORY_START.test(text), context: ESTIMATE_CONTEXT.test(text) || ESTIMATE_HEADING.test(lastHeading) });
          break;
        }
        case 'paragraph':
          paragraph(node, g, inItem);
          break;
        case 'list': {
          const id = listCount++;
          for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], goals: g, inItem: false, list: start(node) });
          for (const item of node.children) {
            const first = item.children[0];
            if (first && first.type === 'paragraph') {
              const s = start(first);
              const text = masked.slice(s, end(first));
              zones.push({ start: s, end: end(first), kind: 'item', userStory: USER_STORY_START.test(text), context: ESTIMATE_CONTEXT.test(text) || ESTIMATE_HEADING.test(lastHeading), list: id });
            }
          }
          break;
        }
        case 'listItem': {
          const first = node.children[0];
          const label = first && first.type === 'paragraph' ? (readLabel(first, masked) ?? itemLabel(first, masked)) : undefined;
          if (label) marks.push({ kind: 'label', start: label.start, end: label.end, text: label.text, level: 0, ids: label.ids });
          // An item labelled as another part ("Non-goal: …" under "Goals and non-goals") is not a goal.
          const otherPart = !!label && !label.ids.includes('goals');
          if ((g && !otherPart) || (label?.metric && !label.empty)) {
            // The whole item (with any nested list) is one goal.
            const s = first ? start(first) : start(node);
            const under = g && !(g.kind === 'label' && g.labelled) && !label?.metric ? g.at : undefined;
            const lbl = label?.metric ?? (g?.kind === 'label' ? g.labelled : undefined);
            if (!(first && first.type === 'paragraph' && masked.slice(start(first), end(first)).trim().endsWith(':') && node.children.length > 1)) {
              metricFrom(s, end(node), lbl, under, list ?? s);
              break;
            }
          }
          // "- **Goals:**" (or "- KPIs:") with a nested list: the nested items are the goals.
          const nested: GoalsContext | undefined =
            label?.empty && !label.loose && (label.metric || label.ids.includes('goals')) ? { kind: 'label', at: label.start, ...(label.metric ? { labelled: label.metric } : {}) } : g;
          for (let i = node.children.length - 1; i >= 0; i--) {
            const child = node.children[i];
            if (i === 0 && child.type === 'paragraph') {
              if (!label) paragraph(child, undefined, true);
              continue;
            }
            stack.push({ node: child, goals: child.type === 'list' ? nested : g, inItem: true });
          }
          break;
        }
        case 'table':
          for (const row of node.children) for (const cell of row.children) zones.push({ start: start(cell), end: end(cell), kind: 'cell', userStory: false, context: true });
          break;
        case 'blockquote':
          for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], goals: g, inItem });
          break;
        default:
          break;
      }
    }
  };

  for (const child of tree.children) {
    if (child.type === 'heading') {
      const text = stripTags(plainText(child));
      const ids = partIdsOf(text, 'heading');
      marks.push({ kind: 'heading', start: start(child), end: end(child), text, level: child.depth, ids });
      if (ctx && (ctx.kind === 'label' || child.depth <= ctx.depth)) ctx = undefined;
      if (ids.includes('goals')) ctx = { kind: 'heading', depth: child.depth, at: start(child) };
      block(child, ctx);
      lastHeading = text;
      continue;
    }
    if (child.type === 'paragraph') {
      const label = readLabel(child, masked);
      // Another bare label ends a goals label's list: "**Goals:**" then "**Today they:**" over steps.
      if (!label && ctx?.kind === 'label' && isBareLabel(child, masked)) ctx = undefined;
      if (label) {
        if (ctx?.kind === 'label') ctx = undefined;
        if (label.empty && !label.loose && (label.metric || label.ids.includes('goals'))) {
          marks.push({ kind: 'label', start: label.start, end: label.end, text: label.text, level: 0, ids: label.ids });
          ctx = { kind: 'label', at: label.start, ...(label.metric ? { labelled: label.metric } : {}) };
          continue;
        }
      }
    }
    block(child, ctx);
  }
  return { estimates: findEstimates(masked, zones, fromTables), marks, metrics };
}

// ---------------------------------------------------------------------------------------------
// Placement and the document pass
// ---------------------------------------------------------------------------------------------

/** Moves outline artifacts to document positions. */
export function placeOutline(rel: RelOutline, base: number, lines: LineIndex): Outline {
  const metrics: MetricLine[] = [];
  const metricCandidates: Outline['metricCandidates'] = [];
  for (const m of rel.metrics) {
    const line: MetricLine = {
      range: lines.range(base + m.start, base + m.end),
      text: m.text,
      ...(m.label ? { label: m.label } : {}),
      hasBaseline: m.hasBaseline,
      hasTarget: m.hasTarget,
      hasDeadline: m.hasDeadline,
      inPrd: false,
      group: base + m.group,
      ...(m.tableRow ? { tableRow: true } : {}),
    };
    if (m.under === undefined) metrics.push(line);
    else metricCandidates.push({ ...line, under: base + m.under });
  }
  return {
    estimates: rel.estimates.map((e) => ({
      range: lines.range(base + e.start, base + e.end),
      valueRange: lines.range(base + e.valueStart, base + e.valueEnd),
      value: e.value,
      raw: e.raw,
    })),
    prds: [],
    metrics,
    marks: rel.marks.map((m) => ({ kind: m.kind, range: lines.range(base + m.start, base + m.end), text: m.text, level: m.level, ids: m.ids })),
    metricCandidates,
  };
}

/**
 * A heading or label whose lines are goals to reach, outside a PRD too: "Objectives", "Business
 * objectives", "Goal", "Success criteria", "KPIs & success criteria", "Success metrics",
 * "Measures of success", "Key results". @internal
 */
export const GOAL_LIST =
  /^(?:(?:the|our|key|main|primary|business|project|product|program(?:me)?|initiative|release|launch|pilot)\s+)*(?:objectives?|goals?(?:\s+(?:and|&)\s+objectives?)?|key results?|success (?:criteria|criterion|metrics?|measures?)|measures? of success)\b|\bsuccess (?:criteria|metrics|measures)\s*$/i;

/** An empty outline. */
export function emptyOutline(): Outline {
  return { estimates: [], prds: [], metrics: [], marks: [], metricCandidates: [] };
}

/**
 * Doc-level pass after all sections are placed: builds the PRDs (a PRD can span several
 * sections, e.g. a `type: prd` doc or a level-1 "PRD" heading whose parts are level-2
 * sections) and keeps the goal lines that sit in a PRD's goals part. Which sections are then a
 * PRD's parts rather than stories is decided in `parse.ts`, in the one pass over section kinds.
 */
export function finishOutline(doc: PrepDoc): void {
  const out = doc.artifacts;
  const marks = out.marks;
  const headings = marks.filter((m) => m.kind === 'heading');
  const prds: Prd[] = [];
  const bodyStart = doc.frontMatter ? doc.frontMatter.range.end.offset : 0;

  if (doc.type === 'prd') {
    const first = headings[0];
    const titleHeading = first && (first.level === 1 || isPrdTitle(first.text)) && headings.filter((h) => h.level === first.level).length === 1 ? first : undefined;
    const fmTitle = doc.frontMatter?.fields.title?.value;
    const typeField = doc.frontMatter?.fields.type;
    const anchor = titleHeading?.range ?? typeField?.range ?? doc.lines.range(0, doc.lines.lineEnd(0));
    const parts = marks.filter((m) => m !== titleHeading && m.range.start.offset >= bodyStart);
    prds.push(
      buildPrd(doc, {
        title: titleHeading?.text ?? (typeof fmTitle === 'string' ? fmTitle : 'PRD'),
        anchor,
        start: titleHeading ? titleHeading.range.start.offset : bodyStart,
        end: doc.text.length,
        source: 'doc',
        level: titleHeading?.level ?? 0,
        parts,
      }),
    );
  } else {
    // Story-level sections by heading offset. A story-level heading that the parse took for a
    // story (it has a loop tag or a Tags: line, or its title is no PRD title) is never a PRD, and
    // a tagged story ends a PRD that starts above story level.
    const storyLevel = new Map<number, Section>();
    for (const s of doc.sections) if (s.heading && (s.heading.level === doc.storyLevel || s.kind === 'story')) storyLevel.set(s.heading.range.start.offset, s);
    const isStory = (h: OutlineMark) => storyLevel.get(h.range.start.offset)?.kind === 'story';
    const isTaggedStory = (h: OutlineMark) => {
      const s = storyLevel.get(h.range.start.offset);
      return !!s && s.kind === 'story' && (!!s.tagsLine || s.tags.some((t) => t.kind === 'loop'));
    };
    let coveredUntil = -1;
    for (let i = 0; i < headings.length; i++) {
      const h = headings[i];
      if (h.range.start.offset < coveredUntil || !mayStartPrd(h.text) || isStory(h)) continue;
      // A heading titled "PRD: …" is one; one that names a PRD in passing ("PRD review notes")
      // needs two PRD parts below it, and one titled in weaker words ("Product requirements: …",
      // "Product spec") three, since those words also head notes about requirements.
      const need = isPrdTitle(h.text) ? 0 : PRD_ANY.test(h.text) ? 2 : isWeakPrdTitle(h.text) ? WEAK_TITLE_PARTS : Infinity;
      if (need === Infinity) continue;
      let endOffset = doc.text.length;
      for (let j = i + 1; j < headings.length; j++) {
        if (headings[j].level <= h.level || isTaggedStory(headings[j])) {
          endOffset = headings[j].range.start.offset;
          break;
        }
      }
      const parts = marks.filter((m) => m.range.start.offset > h.range.start.offset && m.range.start.offset < endOffset && (m.kind === 'label' || m.level > h.level));
      const recognised = new Set(parts.flatMap((p) => p.ids));
      if (recognised.size < need) continue;
      prds.push(buildPrd(doc, { title: h.text, anchor: h.range, start: h.range.start.offset, end: endOffset, source: 'heading', level: h.level, parts }));
      coveredUntil = endOffset;
    }
  }
  out.prds = prds;

  // Goal lines under a goals heading or label count inside a PRD, and elsewhere under a heading or
  // label that names goals to reach ("Objectives", "Success criteria"), not one that may list
  // results or definitions ("Outcomes", "KPIs").
  const inPrd = (offset: number) => prds.some((p) => offset >= p.range.start.offset && offset < p.range.end.offset);
  for (const m of out.metrics) m.inPrd = inPrd(m.range.start.offset);
  let markAt: Map<number, OutlineMark> | undefined;
  const kept = out.metricCandidates.flatMap(({ under, ...line }) => {
    if (inPrd(under)) return [{ ...line, inPrd: true }];
    markAt ??= new Map(marks.map((m): [number, OutlineMark] => [m.range.start.offset, m]));
    const mark = markAt.get(under);
    return mark && GOAL_LIST.test(mark.text.trim()) ? [{ ...line, listedUnder: mark.text.trim() }] : [];
  });
  if (kept.length) out.metrics = [...out.metrics, ...kept].sort((a, b) => a.range.start.offset - b.range.start.offset);
  out.metricCandidates = [];

  // Totals are told from structure, across sections: an epic heading and its stories may be apart.
  markEstimateTotals(
    doc.prose,
    out.estimates,
    marks,
    out.userStories.map((u) => ({ start: u.range.start.offset, end: u.range.end.offset })),
  );

}

function buildPrd(
  doc: PrepDoc,
  p: { title: string; anchor: Range; start: number; end: number; source: Prd['source']; level: number; parts: OutlineMark[] },
): Prd {
  const parts: PrdPart[] = p.parts.map((m) => ({
    ids: m.ids,
    label: m.text,
    range: m.range,
    style: m.kind,
    ...(m.kind === 'heading' ? { level: m.level } : {}),
  }));
  const have = new Set(parts.flatMap((x) => x.ids));
  const present = PRD_PART_IDS.filter((id) => have.has(id));
  let insertOffset = p.end;
  while (insertOffset > p.start && /\s/.test(doc.text[insertOffset - 1])) insertOffset--;
  const partHeadings = parts.filter((x) => x.style === 'heading');
  const recognisedHeading = partHeadings.find((x) => x.ids.length) ?? partHeadings[0];
  let partStyle: Prd['partStyle'] = 'heading';
  let partLevel = recognisedHeading?.level ?? Math.min(p.level + 1, 6);
  if (!recognisedHeading && parts.some((x) => x.style === 'label')) partStyle = 'label';
  if (!recognisedHeading && p.level === 0) partLevel = 2;
  if (p.level >= 6 && !recognisedHeading) partStyle = 'label';
  return {
    title: p.title,
    anchor: p.anchor,
    range: doc.lines.range(p.start, p.end),
    source: p.source,
    level: p.level,
    parts,
    present,
    insertOffset,
    partStyle,
    partLevel,
  };
}

/** The [start, end) offsets of each line of `text` between `s` and `e`, without line breaks. */
/** What the header row of a goals table says its columns hold. */
interface TableHead {
  baseline: number[];
  target: number[];
  deadline: number[];
  /** A column of floors, ceilings or thresholds: the rows are guardrails to hold. */
  floors: boolean;
}

/** One body row of a goals table: its cells joined, and what its named columns state. */
interface TableRow {
  text: string;
  baseline: boolean;
  target: boolean;
  deadline: boolean;
}

const BASELINE_COLUMN = /\b(?:baseline|current(?:ly)?|today|now|as[- ]is|start(?:ing)?(?: point| value)?|before)\b/i;
const TARGET_COLUMN = /\b(?:target|goal|to[- ]be|after|aim)\b/i;
const DEADLINE_COLUMN = /\b(?:deadline|by when|when|timeline|time ?frame|date|due|horizon)\b/i;

/** The cells of one pipe-table line. */
function cellsOf(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|')) t = t.slice(0, -1);
  return t.split('|').map((c) => c.replace(/[*_`]/g, '').trim());
}

/** The header of a pipe table whose first two lines are a header row and a delimiter row; else undefined. */
function tableHead(text: string, lines: [number, number][]): TableHead | undefined {
  const first = text.slice(lines[0][0], lines[0][1]);
  if (!/^[ \t]*\|/.test(first) || !TABLE_DELIMITER.test(text.slice(lines[1][0], lines[1][1]).replace(/\s+/g, ''))) return undefined;
  const head: TableHead = { baseline: [], target: [], deadline: [], floors: false };
  cellsOf(first).forEach((c, i) => {
    if (/\b(?:floors?|ceilings?|thresholds?|guard[- ]?rails?|limits?|minimum acceptable|max(?:imum)? allowed)\b/i.test(c)) head.floors = true;
    if (BASELINE_COLUMN.test(c)) head.baseline.push(i);
    else if (TARGET_COLUMN.test(c)) head.target.push(i);
    else if (DEADLINE_COLUMN.test(c)) head.deadline.push(i);
  });
  return head;
}

/** A body row of a goals table, or undefined for an empty row. */
function tableRow(line: string, head: TableHead): TableRow | undefined {
  const cells = cellsOf(line);
  if (!cells.some((c) => c !== '')) return undefined;
  const filled = (i: number) => {
    const c = cells[i] ?? '';
    return c !== '' && !/^(?:-+|—|–|n\/a|tbd|tbc|\?+|…|\.\.\.)$/i.test(c);
  };
  return {
    text: cells.filter((c) => c !== '').join(' | '),
    baseline: head.baseline.some((i) => filled(i) && /\d/.test(cells[i])),
    target: head.target.some((i) => filled(i) && /\d/.test(cells[i])),
    deadline: head.deadline.some(filled),
  };
}

function lineSpans(text: string, s: number, e: number): [number, number][] {
  const lines: [number, number][] = [];
  for (let pos = s; pos < e; ) {
    const nl = text.indexOf('\n', pos);
    const le = nl === -1 || nl > e ? e : nl;
    lines.push([pos, le]);
    pos = le + 1;
  }
  return lines;
}

/**
 * User stories ("As a …, I want …, so that …") and the acceptance criteria that belong to them.
 *
 * A user story is a paragraph, a line of a paragraph, or a list item that begins "As a" / "As an"
 * (optionally after a story ID such as `US-12:`, a backlog number `12.`, a checkbox or an estimate)
 * and carries a goal ("I want", "I can", "I'd like to", "I need" …) or a benefit ("so that",
 * "so I can", "in order to"). Emphasis markers are ignored (`As a **buyer**`). A role written once
 * over a list of goals ("#### As a shopper, I want to be able to:" / "**As a teacher:**" then
 * "- Filter orders by date") makes each goal item a story with the header's role (`group`).
 *
 * Its acceptance criteria are what follows it, up to the next user story, a heading that is not an
 * acceptance-criteria label, or a thematic break (a label after two or more stories with none of
 * their own gives its criteria to all of them, `shared`):
 *
 * - Given/When/Then lines or paragraphs (also soft-wrapped lines of the story's own paragraph);
 * - a list (sub-list of the story's list item, sibling items, or a list after it) whose items use
 *   Given/When/Then, or any list under an "Acceptance criteria" label (plain, bold or heading);
 * - the Scenario and step lines of a following fenced ```gherkin / ```feature code block.
 *
 * A "Definition of Done" ("DoD:", "**Definition of Done**", a "#### Definition of Done" heading)
 * ends them: it is the team's shared quality checklist, not the story's criteria, so nothing under
 * it is read as criteria (up to the next story, criteria label, heading that is not under it, or
 * thematic break; after a label's list, a Given/When/Then paragraph or Gherkin block is criteria
 * again). The story keeps where it was (`dod`). "Done when:" is a criteria label.
 *
 * Extraction works in section-relative offsets on one section's mdast tree, so it is cached with
 * the section; `placeUserStories` moves the results to document positions.
 */
import type { Code, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { LineIndex } from '../text';
import type { Range } from '../types';

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/** A piece of a story with its plain text (emphasis markers removed, whitespace collapsed). */
export interface StoryText {
  text: string;
  range: Range;
}

/** A part of the story sentence: the role, the goal or the benefit. */
export interface StoryPart extends StoryText {
  /**
   * The words that introduce the part, as written (plain text): "As a" for the role, "I want to" /
   * "I can" / "I'd like to be able to" for the goal, "so that" / "so" / "in order to" for the benefit.
   * `text` and `range` cover what follows the lead-in.
   */
  lead: string;
  /** Where the lead-in is written. */
  leadRange: Range;
}

/** The keyword a criterion starts with, lower-case. */
export type CriterionKeyword = 'given' | 'when' | 'then' | 'and' | 'but' | 'scenario';

/** One acceptance criterion. */
export interface Criterion extends StoryText {
  /**
   * Where it was found: an item of a list, a Given/When/Then paragraph or line, the text after an
   * "Acceptance criteria:" label in the same paragraph, a line of a Gherkin code block, a
   * "Scenario" heading, or an item of an acceptance-criteria cell of a pipe table.
   */
  source: 'list' | 'paragraph' | 'label' | 'gherkin' | 'heading' | 'table';
  /** The Given/When/Then (or Scenario) keyword it starts with, if any. */
  keyword?: CriterionKeyword;
  /** Whether it reads as Given/When/Then: starts with a step or Scenario keyword, or has "when … then". */
  gwt: boolean;
  /** Whether it sits under an "Acceptance criteria" label. */
  labelled: boolean;
}

/** Where and how to insert an acceptance-criteria skeleton under a story, in document offsets. */
export interface CriteriaInsert {
  offset: number;
  /** What every inserted line must start with to stay in the story's container: list indentation, `> `. */
  indent: string;
  /**
   * `nested`: a sub-list of the story's list item; `block`: a label and a list after the story's
   * paragraph; `items`: list items after an "Acceptance criteria" label that has none yet; `cell`:
   * text into the story's empty acceptance-criteria cell of a pipe table (one line, no line
   * break); `none`: nowhere to write criteria without breaking the layout (a table with no
   * criteria column).
   */
  mode: 'nested' | 'block' | 'items' | 'cell' | 'none';
  /** Whether more of the story's paragraph follows on the next line, so the insert must end with a blank line. */
  closeParagraph: boolean;
  /** The line break the document uses. */
  eol: string;
  /**
   * The list marker for the skeleton: `-`, or `*` when a `-` list follows right after the story
   * (a blank line does not end a markdown list, so the same marker would merge the two lists).
   */
  bullet: '-' | '*';
}

/** A user story in document positions. */
export interface UserStory {
  /** The story as written, from its ID (if any) to its last character (a trailing estimate included). */
  range: Range;
  /** The source text of `range`. */
  text: string;
  /** Whether it is a list item's text, (a line of) a paragraph, or a cell of a pipe table. */
  container: 'list-item' | 'paragraph' | 'table-cell';
  /** A story ID or backlog number before "As a": `US-12`, `#4`, `12.`. */
  id?: StoryText;
  /** The role after "As a" (may be empty text when the writer left it out). */
  role: StoryPart;
  /** The ask ("I want …"); missing when the story jumps from role to benefit. */
  goal?: StoryPart;
  /** Why ("so that …"); missing when the story has none. */
  benefit?: StoryPart;
  /** Text after the story sentence, before any estimate: a second sentence, a note after the benefit. */
  tail?: StoryText;
  /** A trailing (or leading) estimate such as `(5)`, `8 pts`, `SP: 3`. */
  estimate?: StoryText;
  /** The acceptance criteria that belong to this story, in document order. */
  criteria: Criterion[];
  /** The "Acceptance criteria" label that introduces them, when there is one. */
  criteriaLabel?: Range;
  /**
   * The "Definition of Done" label under it, when there is one: what follows is the team's quality
   * checklist, not this story's criteria (none of it is in `criteria`).
   */
  dod?: Range;
  /** Where an acceptance-criteria skeleton goes. */
  insert: CriteriaInsert;
  /**
   * Whether the story is a template: its role, goal or benefit is a placeholder such as `<user>`,
   * `[persona]` or `` `<capability>` `` (not one of Prep Loop's own fix placeholders, which ask to be filled in).
   */
  template?: boolean;
  /**
   * Where its criteria came from when they are not right under it: an "Acceptance criteria"
   * section or label elsewhere in the same document (a story doc laid out Summary → Background →
   * Scope → Acceptance Criteria, a PRD with its own criteria section).
   */
  criteriaFrom?: Range;
  /** The pipe table the story is a cell of. */
  table?: StoryTable;
  /** The items under it that are placeholders for criteria ("AC", "TBD", "…"), as written (plain text); not criteria. */
  unfilled?: string[];
  /**
   * The header that states the role once for a list of goals ("As a shopper, I want to be able
   * to:" over "- filter orders by date"): the story is the item, its role (and the lead-in of its
   * goal, and its benefit when the item has none) is the header's.
   */
  group?: StoryGroup;
  /**
   * How many stories share its criteria: a criteria label or heading right after a run of two or
   * more stories that have none of their own (a numbered list of stories, then "### Acceptance
   * criteria") is read as the criteria of the whole run. `criteriaFrom` is then the label.
   */
  criteriaShared?: number;
}

/** A role written once over a list of goals, each goal a story of its own. */
export interface StoryGroup {
  /** The header line ("#### As a teacher, I want to be able to…", "**As an admin:**"). */
  header: Range;
  /** The header's plain text. */
  text: string;
  /** How many goals under the header are read as stories. */
  size: number;
  /** This story's place among them, from 0. */
  index: number;
}

/** Where a story written in a pipe-table cell sits, in document positions. */
export interface StoryTable {
  /** The table's header row (its first line). */
  header: Range;
  /** The story's row (one line). */
  row: Range;
  /** The header of the column its criteria come from ("Acceptance criteria", "AC"), when the table has one. */
  criteriaColumn?: string;
  /** How many stories the table holds. */
  stories: number;
  /**
   * How many stories of the table have word for word the criteria this story has, when three or
   * more (and most of the table) do: a checklist copied on every row, which is a Definition of
   * Done, not criteria of this story.
   */
  shared?: number;
}

/** A story's table in section-relative offsets. */
export interface RelStoryTable {
  headerStart: number;
  headerEnd: number;
  rowStart: number;
  rowEnd: number;
  criteriaColumn?: string;
  stories: number;
  shared?: number;
}

/** Acceptance criteria under a label or heading that no story precedes in its section, in document positions. */
export interface CriteriaBlock {
  /** The "Acceptance criteria" heading or label. */
  label: Range;
  criteria: Criterion[];
  /** Set when linking: a heading or label in it names a story (by ID or title), matched or not. */
  named?: boolean;
  /**
   * Set when linking: where the first of its criteria sits that name no single story of the doc
   * (loose criteria, or criteria under a heading of a block that keys the others by story).
   */
  unnamed?: Range;
}

/** A criteria block in section-relative offsets. */
export interface RelCriteriaBlock {
  label: { start: number; end: number };
  criteria: RelCriterion[];
}

interface RelText {
  text: string;
  start: number;
  end: number;
}

interface RelPart extends RelText {
  lead: string;
  leadStart: number;
  leadEnd: number;
}

interface RelCriterion extends RelText {
  source: Criterion['source'];
  keyword?: CriterionKeyword;
  gwt: boolean;
  labelled: boolean;
}

/** A user story in section-relative offsets. */
export interface RelUserStory {
  start: number;
  end: number;
  text: string;
  container: UserStory['container'];
  id?: RelText;
  role: RelPart;
  goal?: RelPart;
  benefit?: RelPart;
  tail?: RelText;
  estimate?: RelText;
  criteria: RelCriterion[];
  criteriaLabel?: { start: number; end: number };
  dod?: { start: number; end: number };
  insert: CriteriaInsert;
  template?: boolean;
  table?: RelStoryTable;
  /** The criteria under it that are placeholders ("AC", "TBD"), left out of `criteria`. */
  unfilled?: string[];
  /** The role header it is a goal of (see {@link UserStory.group}). */
  group?: { start: number; end: number; text: string; size: number; index: number };
  /** The label of criteria it shares with the stories before it, and how many share them. */
  shared?: { start: number; end: number; by: number };
  /** A stand-in that collects criteria under a label no story precedes (never returned as a story). */
  orphan?: boolean;
  /** An `orphan` that collects Given/When/Then criteria under a plain heading (see `openLoose`). */
  loose?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** The placeholders Prep Loop's fixes insert; rules ask the writer to fill them in. */
export const PLACEHOLDERS = {
  role: '[role]',
  goal: '[goal]',
  benefit: '[benefit]',
  state: '[starting state]',
  action: '[action]',
  result: '[observable result]',
} as const;

const PLACEHOLDER_RE = /\[(?:role|goal|benefit|starting state|action|observable result)\]/g;

/** The Prep Loop placeholders left in a text, in order. */
export function placeholdersIn(text: string): string[] {
  return text.match(PLACEHOLDER_RE) ?? [];
}

/**
 * A template placeholder as people write them: `<user>`, `[persona]`, `{goal}`, `{{benefit}}`,
 * optionally in code ticks (`` `<capability>` ``), with or without a space inside the brackets
 * (`[ user ]`, `{ goal }`). Lower-case words only, so links, HTML tags with
 * attributes and real asides ("[only whole weeks]" is caught by its length and shape) stay what they are.
 */
const TEMPLATE_PLACEHOLDER = /`?(?:<[a-z][a-z0-9 _/-]{0,30}>|\[[ \t]?[a-z][a-z0-9 _/-]{0,30}\](?![([:])|\{\{?[ \t]?[a-z][a-z0-9 _/-]{0,30}\}?\})`?/g;
/** Words that make a bracketed text an aside, not a placeholder: "[only for admins]". */
const NOT_PLACEHOLDER_WORD = /\b(?:only|not|for|with|e\.g|etc|maybe|optional|tbd|todo|if|when|and|or|the|a|an|is|are|was|will)\b/;

/** HTML tags people put in markdown (`<br>` in a table cell, `<b>`), which are markup, not placeholders. */
const HTML_TAG = /^`?<(?:br|p|b|i|u|s|a|em|strong|li|ul|ol|div|span|sub|sup|hr|td|th|tr|code|kbd|del|ins|mark|small|big|details|summary|img|table|tbody|thead|center|font|pre|blockquote|h[1-6]|wbr|nobr)[ \t]*\/?>`?$/i;

/** Whether `text` (trimmed) is wholly one template placeholder such as `<user>` or `[persona]`. */
export function isTemplatePlaceholder(text: string): boolean {
  const t = text.trim();
  if (HTML_TAG.test(t)) return false;
  TEMPLATE_PLACEHOLDER.lastIndex = 0;
  const m = TEMPLATE_PLACEHOLDER.exec(t);
  TEMPLATE_PLACEHOLDER.lastIndex = 0;
  if (!m || m.index !== 0 || m[0].length !== t.length) return false;
  // Prep Loop's own "[benefit]"-style placeholders are holes a fix left to fill in, not a template.
  return !placeholdersIn(t).length && !NOT_PLACEHOLDER_WORD.test(t.replace(/[`<>[\]{}]/g, ''));
}

/** The spans of template placeholders in `text` (see {@link isTemplatePlaceholder}). */
export function templatePlaceholderSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(TEMPLATE_PLACEHOLDER)) if (isTemplatePlaceholder(m[0])) out.push([m.index, m.index + m[0].length]);
  return out;
}

const EST = String.raw`[([{][ \t]*\d+(?:\.\d+)?[ \t]*(?:pts?|points?|sp|SP)?[ \t]*[)\]}]`;
const ID = String.raw`[A-Z][A-Z0-9]{0,9}[-_ ]?\d+[a-z]?|#\d+|[Uu]ser[ \t]+[Ss]tory(?:[ \t]*#?[ \t]*\d+[a-z]?)?|[Ss]tory(?:[ \t]*#?[ \t]*\d+[a-z]?)?|\d{1,5}[.)]`;
/** An aside in brackets before a story or after its ID: "(Phase 2)", "(MVP)", "(B → N1)". */
const ASIDE = String.raw`\((?![ \t]*\d)[^()\n]{1,30}\)`;
/** A label before a story: "Title:", "User story A1:", "Narrative:" (one to three words and a colon). */
const HEAD_LABEL = String.raw`[A-Za-z][a-z][A-Za-z'\u2019-]*(?:[ \t]+[A-Za-z][A-Za-z0-9'\u2019-]*){0,2}[ \t]*:`;
/** Emoji a backlog marks an item with before its priority or story ("🔴 P0 | As a …", "✅ As a …"). */
const MARKER = String.raw`(?:\p{Extended_Pictographic}[\u{FE0F}\u{200D}\p{Extended_Pictographic}]*[ \t]*)+`;
/** The label at the start of a story line, when it has one ("Title:"). */
const HEAD_LABEL_AT = new RegExp(String.raw`^[ \t]*(?:\[[ xX]\][ \t]+)?(?:${MARKER}[ \t]*)?(${HEAD_LABEL})[ \t]+`, 'u');
/** Labels that open something other than a story, even before "As a": criteria, steps, notes, examples. */
const NOT_A_STORY_LABEL = /^(?:given|when|then|and|but|scenario|notes?|examples?|e\.g|for[ \t]+example|i\.e|answer|question|tip|q|a)[ \t]*:$/i;
/**
 * The start of a story line in the analysis text (emphasis already blanked): a checkbox, a label
 * ("Title:"), an aside ("(Phase 2)"), an estimate, a story ID or backlog number (with an aside
 * after it: "S1 (B → N1)."), an opening quote, then "As a" / "As an" / "As the" (or a bare "As"
 * before a role, checked in `parseStory`). Groups: 1 leading space, 2 estimate, 3 ID, 4 estimate,
 * 5 "As", 6 the article.
 */
const STORY_HEAD = new RegExp(
  String.raw`^([ \t]*)(?:\[[ xX]\][ \t]+)?(?:${MARKER}[ \t]*)?(?:${HEAD_LABEL}[ \t]+)?(?:${ASIDE}[ \t]+)?(?:(${EST})[ \t]*)?(?:\[?[ \t]*(${ID})[ \t]*\]?(?:[ \t]*${ASIDE})?[ \t]*(?:[:.)|\u2013\u2014-]+[ \t]*)?)?(?:(${EST})[ \t]*)?(?:${ASIDE}[ \t]+)?["\u201c'\u2018]?([Aa][Ss])[ \t]+(?:([Aa][Nn]?|[Tt][Hh][Ee])(?=[ \t\n]|$))?`,
  'du',
);

/** Goal lead-ins, longest first. `be able to` is swallowed into the lead. */
const GOAL_LEAD = new RegExp(
  String.raw`\b(?:I|we)(?:[ \t\n]+(?:also|really|only|just|then|further|additionally))?` +
    String.raw`(?:` +
    String.raw`(?:['\u2019]d|[ \t\n]+would|[ \t\n]+will|['\u2019]ll|[ \t\n]+should|[ \t\n]+might)[ \t\n]+(?:like|love|want|prefer)(?:[ \t\n]+to)?` +
    String.raw`|(?:[ \t\n]+(?:do|don['\u2019]t|do[ \t\n]+not))?[ \t\n]+(?:want|wanna|need|wish|expect|require|prefer|demand)(?:[ \t\n]+to)?` +
    String.raw`|[ \t\n]+(?:can|could|must|should|shall|will|may|would)` +
    String.raw`|(?:[ \t\n]+am|['\u2019]m|[ \t\n]+are|['\u2019]re)[ \t\n]+(?:able|looking|hoping|going)[ \t\n]+to` +
    String.raw`|[ \t\n]+have[ \t\n]+to` +
    String.raw`)(?:[ \t\n]+be[ \t\n]+able[ \t\n]+to)?(?![\p{L}'\u2019])`,
  'giu',
);

/**
 * Benefit lead-ins. "so" alone counts only before a clause: a subject ("so I can", "so my team"),
 * or up to three words and then a verb that a clause has ("so workforce data is protected", "so
 * nobody gets double-booked"); not "so much", "so fast it …", "so quickly it …", "and so on".
 */
const SO_CLAUSE = String.raw`(?!(?:much|many|far|long|often|well|few|little|that|as|on|forth|too|very|then|fast|quick|slow|easy|simple|hard|big|small|good|bad|short|clear|\p{L}+ly)\b)\p{L}[\p{L}'\u2019-]*(?:[ \t\n]+\p{L}[\p{L}'\u2019-]*){0,2}[ \t\n]+(?:is|are|was|were|can|cannot|can['\u2019]t|will|won['\u2019]t|would|could|should|must|may|might|stays?|remains?|gets?|has|have|does|doesn['\u2019]t|don['\u2019]t|isn['\u2019]t|aren['\u2019]t|never)`;
const BENEFIT_LEAD = new RegExp(
  String.raw`\b(?:so[ \t\n]+that|so[ \t\n]+as[ \t\n]+to|in[ \t\n]+order[ \t\n]+(?:to|that|for)|so(?=[ \t\n]+(?:(?:I|we|they|you|he|she|it|my|our|their|his|her|its|the|this|these|those|users?|customers?|people|everyone|others?|admins?|managers?|teams?)\b|${SO_CLAUSE}(?![\p{L}'\u2019])))|because|since(?=[ \t\n]+(?:I|we)\b))\b`,
  'giu',
);

/** "(just) in case" before a clause: the reason of a story that has no "so that". */
const IN_CASE_LEAD = /\b(?:just[ \t\n]+)?in[ \t\n]+case(?=[ \t\n]+(?:I|we|they|you|he|she|it|my|our|their|the|a|an|someone|something|anything|there|this|that)\b)/giu;

/** Role openings that are prose ("As a result, we need…"), not a role. */
const NOT_A_ROLE =
  /^(?:result|consequence|matter of fact|rule|whole|reminder|side note|bonus|aside|precaution|default|compromise|workaround|fallback|general rule|first step|next step|last step|last resort|starting point|follow-up|example|part of|means of|way of|kind of|sort of|side effect|bare minimum|minimum|team lead I|reference)\b/i;

/** Words after a bare "As" that start prose, not a role: "As discussed, we need …". */
const NO_ARTICLE_NOT_A_ROLE =
  /^(?:\p{L}+(?:ed|ly)|such|well|soon|long|far|much|many|part|per|of|for|to|if|is|it|i|we|you|he|she|they|one|some|this|that|these|those|before|after|usual|always|ever|shown|known|seen|written|said|told|far|opposed)\b/iu;

/** A capitalised name: "Fred", "Pero", "O'Brien", "Anne-Marie", "McKay". */
const NAME = String.raw`\p{Lu}\p{Ll}*(?:\p{Lu}\p{Ll}+)?\p{Ll}(?:['\u2019]\p{Lu}\p{Ll}+|-\p{Lu}?\p{Ll}+)*`;
/** One person: a first name, or a name with a title or a surname ("Professor Pero", "Doctor Ilsa Brandt"). */
const PERSON = String.raw`${NAME}(?:[ \t\n]+${NAME}){0,2}`;
/**
 * A persona as a story's role: one person or a list of them ("Fred or Professor Pero", "Ana, Ben
 * and Cy", "Fred/Ted"), optionally a possessive ("Fred's manager") or an appositive ("Maria, a
 * returning shopper"). Group 1: the names; group 2: the possessive.
 */
const PERSONA_ROLE = new RegExp(
  String.raw`^(${PERSON}(?:[ \t\n]*(?:,[ \t\n]*(?:(?:or|and)[ \t\n]+)?|\/|&|[ \t\n]+(?:or|and)[ \t\n]+)[ \t\n]*${PERSON})*)` +
    String.raw`(?:(['\u2019]s[ \t\n]+\p{Ll}[\p{L}-]*(?:[ \t\n]+\p{Ll}[\p{L}-]*){0,2})|[ \t\n]*,[ \t\n]*(?:a|an|the|our|my|their|his|her)[ \t\n]+[^,;:]+)?[ \t\n]*,?$`,
  'u',
);
/**
 * Capitalised words after a bare "As" that start prose even though they look like a name ("As
 * Discussed, we need …", "As Such, …"): what {@link NO_ARTICLE_NOT_A_ROLE} reads, with the
 * "-ed"/"-ly" endings (Fred, Ahmed, Emily, Kelly) narrowed to the participles and adverbs prose uses.
 */
const NOT_A_NAME =
  /^(?:such|well|soon|long|far|much|many|part|per|of|for|to|if|is|it|we|you|he|she|they|me|us|one|some|this|that|these|those|before|after|usual|always|ever|shown|known|seen|written|said|told|opposed|also|already|here|there|now|today|then|most|more|all|any|every|each|both|our|my|your|their|expected|discussed|mentioned|noted|agreed|planned|requested|described|stated|explained|suggested|outlined|illustrated|defined|specified|detailed|highlighted|indicated|promised|reported|proposed|recommended|implied|scheduled|intended|designed|required|needed|asked|instructed|pointed|covered|established|documented|presented|listed|demonstrated|observed|anticipated|confirmed|decided|identified|evidenced|promised|previously|currently|usually|originally|ideally|really|finally|briefly|generally|typically|normally|obviously|clearly|mentioned)(?![\p{L}])/iu;
/**
 * A word that names a role, not a person ("As Product Owner", "As Archivist", "As Extension
 * Educator", "As OlderPerson"): a role noun, a word with a role ending (-er, -or, -ist, -ant, -ent,
 * -ee, -ician), or a word joined in CamelCase. Read on the last word of each person, so a title
 * before a name ("Professor Pero", "Coach Ilse") is a persona. Used for wording only: some names
 * end like a role ("Peter", "Okafor"), and a message then says "the Okafor"; the story is read all
 * the same.
 */
const ROLE_WORD =
  /^(?:\p{L}*(?:er|or|ist|ant|ent|ee|ician|arian|person|people|giver|staff)s?|users?|admins?|leads?|teams?|system|app|application|service|platform|guests?|clients?|agents?|staff|support|students?|patients?|parents?|members?|everyone|anyone|someone|\p{Lu}\p{Ll}+\p{Lu}\p{L}*)$/u;

/** Whether a person of a persona list names a role rather than someone: its last word ("Product Owner"), unless "Mc"/"Mac"/"De" joins the name. */
function rolePerson(person: string): boolean {
  const words = person.trim().split(/\s+/);
  // A title before a name ("Professor Okafor", "Coach Ilse"): a person, whatever the name ends in.
  if (words.length > 1 && /^(?:Professor|Prof|Doctor|Dr|Coach|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Lady|Lord|Captain|Aunt|Uncle|Grandma|Grandpa|Nurse|Father|Sister|Brother)$/.test(words[0])) return false;
  const last = words[words.length - 1];
  return !/^(?:Mc|Mac|De|Di|La|Le|Van|Von)\p{Lu}\p{Ll}+$/u.test(last) && ROLE_WORD.test(last);
}

/** The persona-role match of a role ("As Fred, …", "As Fred or Professor Okafor, …"), or undefined: what story detection reads. */
function personaRole(role: string): RegExpExecArray | undefined {
  const r = role.replace(/[*_`]/g, '').trim();
  const m = PERSONA_ROLE.exec(r);
  return m && !NOT_A_NAME.test(r) ? m : undefined;
}

/**
 * The persona a role names, as a message or a criterion calls it ("Fred or Professor Pero", "Maria"
 * for "Maria, a returning shopper", "Ahmed's supervisor"), or undefined when the role is not one
 * or may be a job ("Archivist", "Product Owner"), which keeps its "the".
 */
export function personaNames(role: string): string | undefined {
  const m = personaRole(role);
  if (!m || m[1].split(/\s*(?:,|\/|&|\bor\b|\band\b)\s*/).some(rolePerson)) return undefined;
  return (m[1] + (m[2] ?? '')).replace(/\s+/g, ' ');
}

/**
 * A first-person subject after the role ("As a PM, I …", "As a new PM we …"), not one inside a
 * relative clause ("As a PM that we hired, I want …"): the subject of the story sentence.
 */
const SUBJECT = /(?<![\p{L}\p{N}'\u2019])(?<!\b(?:that|who|whom|whose|which|when|where|while|after|before|because|since|if)[ \t\n]+)(?:I|[Ww]e)(?![\p{L}\p{N}])/u;

/** Past-tense verbs that end in "-ed" only by spelling ("I need", "we embed"). */
const NOT_PAST = String.raw`(?:need|feed|proceed|succeed|exceed|heed|speed|seed|bleed|breed|embed|shred|shed|weed)`;
/**
 * A name and a reporting verb after a bare "As": "As John noted, we want …", "As Maria put it, we
 * need …", "As Sarah and I discussed, …" — someone is quoted, the sentence is prose.
 */
const REPORTED = new RegExp(
  String.raw`^${PERSON}(?:[ \t\n]+(?:and|or)[ \t\n]+(?:I|me|${PERSON}))?[ \t\n]+(?:(?:also|just|once|already|rightly|always|often)[ \t\n]+)?` +
    String.raw`(?:said|says|put|puts|wrote|writes|told|tells|notes|mentions|explains|suggests|argues|points|asks|describes|agrees|recommends|reminds|insists|claims|showed|shows|shown|thinks|thought|believes|knows|knew|wants|needs|likes|would|will|does|did|has|had|is|was|can|could|should|might|may|must|(?!${NOT_PAST}(?![\p{L}]))\p{Ll}{2,}ed)(?![\p{L}'\u2019])`,
  'u',
);

/** One of the {@link NOT_PAST} words, alone. */
const NOT_PAST_WORD = new RegExp(`^${NOT_PAST}$`);
/**
 * A subject that narrates rather than asks: "I wanted", "we needed", "I had to", "I was",
 * "I could", "I'd been", "I've always" — interview prose that starts "As a PM, …", not a story.
 * Applied at a {@link SUBJECT} match.
 */
const NARRATIVE_LEAD = new RegExp(
  String.raw`^(?:I|[Ww]e)(?:` +
    String.raw`['\u2019]ve(?![\p{L}])` +
    String.raw`|['\u2019]d[ \t\n]+(?:been|had|gone|done|seen|already|never|just|always|(?!${NOT_PAST}\b)\p{Ll}{2,}ed)(?![\p{L}])` +
    String.raw`|(?:[ \t\n]+(?:also|really|only|just|then|first|still|never|always|actually|finally|initially|originally|once|already|quickly|eventually|later|soon|even|simply|mostly|usually|often|all|both))?[ \t\n]+` +
    String.raw`(?:was|were|had|did|didn['\u2019]t|could|couldn['\u2019]t|would[ \t\n]+have|wouldn['\u2019]t[ \t\n]+have|got|went|saw|made|took|found|knew|thought|felt|spent|led|ran|built|wrote|began|became|kept|lost|won|met|heard|told|said|sat|brought|bought|caught|taught|sought|chose|drove|gave|grew|held|left|paid|sent|stood|understood|fought|came|forgot|meant|(?!${NOT_PAST}(?![\p{L}]))\p{Ll}{2,}ed)(?![\p{L}'\u2019])` +
    String.raw`)`,
  'u',
);

/**
 * The words of an "Acceptance criteria" label, typos included: "Acceptable criteria",
 * "Acceptence critera", "Accept criterias".
 */
const ACCEPTANCE_WORDS = String.raw`accept(?:ance|ence|ense|ible|able|ed|ing)?[ \t]+(?:crit(?:er(?:i?[ae]|ea|ion)s?|ria))`;

/** "Acceptance criteria" labels, optionally "for US-3", closed by a colon/dash or the end. */
const LABEL = new RegExp(
  String.raw`^[ \t]*(?:${ACCEPTANCE_WORDS}|(?:acceptance|accept)[ \t]+(?:tests?|conditions?)|AC[ \t]*[-#]?[ \t]*\d+|ACs?|A\/C|conditions?[ \t]+of[ \t]+satisfaction|done[ \t]+when|criteria)(?:[ \t]+(?:for|of)[ \t]+[^:\n]{1,40})?[ \t]*(?:\([^)\n]*\))?[ \t]*(?:[:\u2013\u2014-]+|$)`,
  'i',
);
/**
 * A "Definition of Done" label ("DoD:", "Definition of Done (team)"): the team's shared quality
 * checklist, which ends a story's criteria and is not part of them. "Done when:" is not one.
 */
const DOD_LABEL = /^[ \t]*(?:definition[ \t]+of[ \t]+done|DoD)(?:[ \t]+(?:for|of)[ \t]+[^:\n]{1,40})?[ \t]*(?:\([^)\n]*\))?[ \t]*(?:[:\u2013\u2014-]+|$)/i;

/**
 * A criterion that is a placeholder, not a condition: "AC", "_AC_", "AC 2", "TBD", "TODO", "…",
 * "N/A", "Criterion 1". The story still has no criteria.
 */
const PLACEHOLDER_CRITERION =
  /^(?:ACs?|A\/C|acceptance[ \t]+criteri(?:a|on)|criteri(?:a|on)|TBD|TBC|TODO|to[ \t]*do|to[ \t]+be[ \t]+(?:defined|determined|added|confirmed|written|agreed)|N\/?A|none(?:[ \t]+yet)?|placeholder|x{1,3}|\.{2,}|\u2026|\?+|-+)(?:[ \t]*#?[ \t]*\d+)?[ \t]*[.:;]?$/i;

/** Whether a criterion's plain text is only a placeholder (see {@link PLACEHOLDER_CRITERION}). */
export function isPlaceholderCriterion(text: string): boolean {
  return PLACEHOLDER_CRITERION.test(text.replace(/[*_`~]/g, '').trim());
}

/** A label that opens criteria with no story before them: it must say "acceptance" (or AC, conditions of satisfaction), not only "criteria". */
const BLOCK_LABEL = /accept|^[ \t]*A\/?Cs?\b|satisfaction/i;

/**
 * A line that starts a labelled note rather than continuing the story: "Note: …", "Depends on: …",
 * "Owner: …" (a few words and a colon), not a lead-in of the story itself ("So that", "I want").
 */
const NOTE_LINE = /^[ \t>]*(?![ \t]*(?:so|i|we|in[ \t]+order|because|and|or|but)\b)\p{L}[\p{L}\p{N} /'-]{0,25}:(?!\/)/iu;

const STEP_WORD = /^[ \t]*(given|when|then|and|but)\b/i;
const SCENARIO_WORD = /^[ \t]*(?:scenario(?:[ \t]+(?:outline|template))?|example)\b[^:\n]{0,40}:/i;
const CRITERION_PREFIX = /^[ \t]*(?:\[[ xX]\][ \t]+)?(?:(?:AC|criterion|rule)[ \t]*#?\d*[ \t]*[:.)\u2013\u2014-][ \t]*|\d{1,3}[.)][ \t]+)?/i;

const ABBREVIATIONS = new Set(['e.g', 'eg', 'i.e', 'ie', 'etc', 'vs', 'approx', 'incl', 'excl', 'dr', 'mr', 'mrs', 'ms', 'st', 'no', 'cf', 'ca', 'resp', 'fig', 'min', 'max', 'esp', 'a.m', 'p.m', 'u.s', 'u.k', 'e.u', 'jr', 'sr', 'inc', 'ltd', 'co', 'dept']);

const ESTIMATE_TAIL = new RegExp(
  String.raw`(?:^|[\s,;|\u2013\u2014-])[ \t]*(?:` +
    String.raw`[([{][ \t]*(?:(?:estimate[ds]?|est\.?|points?|pts|sp|story[ \t]+points?|size)[ \t]*[:=]?[ \t]*)?\d+(?:\.\d+)?[ \t]*(?:pts?|points?|sp|story[ \t]+points?)?[ \t]*[)\]}]` +
    String.raw`|\d+(?:\.\d+)?[ \t]*(?:pts?|points?|sp|story[ \t]+points?)\b\.?` +
    String.raw`|(?:estimate[ds]?|est\.?|points?|pts|sp|story[ \t]+points?|size)[ \t]*[:=]?[ \t]*\d+(?:\.\d+)?` +
    String.raw`)[ \t]*\.?[\s]*$`,
  'i',
);
const HASHTAGS_TAIL = /(?:[ \t]+#[\p{L}][\p{L}\p{N}_-]*)+[\s]*$/u;

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

interface Ctx {
  source: string;
  masked: string;
  /** `masked` with emphasis markers, escapes and blockquote markers blanked (same length). */
  ana: string;
  eol: string;
  out: RelUserStory[];
  /** The story that following criteria belong to. */
  current?: RelUserStory;
  /** An "Acceptance criteria" label is waiting for its list. */
  labelPending: boolean;
  /** Depth of the heading that opened the current criteria block, when a heading did. */
  blockDepth?: number;
  /**
   * A "Definition of Done" under the current story: nothing is criteria until it ends. `depth`
   * when a heading opened it; for a label, `after` is the end of its list, past which a
   * Given/When/Then paragraph or Gherkin block is criteria again.
   */
  dod?: { depth?: number; after?: number };
  /** How many lists deep the walk is. */
  listDepth: number;
  /** End of the line holding the current story's label, and that line's continuation prefix. */
  labelInsert?: { offset: number; indent: string };
  /** Criteria blocks with no story before them in this section. */
  blocks: RelCriteriaBlock[];
  /** The text span of the last heading seen in this section. */
  heading?: { start: number; end: number };
  /** Given/When/Then criteria with no story (and no criteria label) before them, under `heading`. */
  loose: RelCriteriaBlock[];
  /** The stories since the last heading or thematic break, in order (a run that may share criteria). */
  run: RelUserStory[];
  /** A role header ("As a shopper, I want to be able to:") waiting for the list right after it. */
  header?: { h: RoleHeader; node: RootContent };
  /** The texts of the headings seen in this section. */
  headings: string[];
}

/** Finds the user stories of one section. Never throws. */
export function extractUserStories(tree: Root, source: string, masked: string): RelUserStory[] {
  return extractUserStoryArtifacts(tree, source, masked).stories;
}

/**
 * Finds the user stories of one section, and the acceptance criteria under a label or heading
 * that no story precedes in the section (they are linked to a story of the same document later,
 * see {@link linkCriteriaBlocks}). Never throws.
 */
export function extractUserStoryArtifacts(tree: Root, source: string, masked: string): { stories: RelUserStory[]; blocks: RelCriteriaBlock[]; loose: RelCriteriaBlock[] } {
  // Cheap exit for sections without any "As ", criteria label or Given/When/Then step.
  if (!/\b[Aa][Ss][\s*_]|\b(?:criteri|accept|AC)/i.test(masked) && !/\b(?:given|scenario)\b|\bwhen\b[^\n]*\bthen\b/i.test(source)) return { stories: [], blocks: [], loose: [] };
  let ana = analysisText(masked.length === source.length ? masked : source);
  // Template placeholders are text to read, even where the mask blanked them as HTML or code.
  if (masked.length === source.length) {
    for (const [a, b] of templatePlaceholderSpans(source)) ana = ana.slice(0, a) + source.slice(a, b).replace(/`/g, ' ') + ana.slice(b);
  }
  const ctx: Ctx = {
    source,
    masked,
    ana,
    eol: source.includes('\r\n') ? '\r\n' : '\n',
    out: [],
    labelPending: false,
    listDepth: 0,
    blocks: [],
    loose: [],
    run: [],
    headings: [],
  };
  try {
    walk(tree.children, ctx);
  } catch {
    // A malformed tree must never take the rest of the parse down; keep what was found.
  }
  finishStory(ctx);
  return { stories: ctx.out, blocks: ctx.blocks.filter((b) => b.criteria.length), loose: ctx.loose.filter((b) => b.criteria.length) };
}

/** Moves criteria blocks to document positions. */
export function placeCriteriaBlocks(rel: RelCriteriaBlock[], base: number, lines: LineIndex): CriteriaBlock[] {
  const r = (s: number, e: number) => lines.range(base + s, base + e);
  return rel.map((b) => ({
    label: r(b.label.start, b.label.end),
    criteria: b.criteria.map((c) => ({ text: c.text, range: r(c.start, c.end), source: c.source, gwt: c.gwt, labelled: c.labelled, ...(c.keyword ? { keyword: c.keyword } : {}) })),
  }));
}

/**
 * Links stories that have no criteria of their own to a criteria block of the same document. A
 * block belongs to the run of criteria-less stories right before it (a story doc keeps its story
 * in "Summary" and its criteria in "Acceptance Criteria"; a PRD lists its stories, then one
 * criteria section); a block that no story precedes belongs to the stories right after it.
 * Idempotent: it runs after every merge, as sections arrive in document order.
 */
export function linkCriteriaBlocks(stories: UserStory[], blocks: CriteriaBlock[]): void {
  if (!blocks.length || !stories.length) return;
  const own = (u: UserStory) => u.criteria.length > 0 && !u.criteriaFrom;
  for (const block of blocks) {
    const at = block.label.start.offset;
    const before = stories.filter((u) => u.range.end.offset <= at);
    let run = before.length;
    while (run > 0 && !own(before[run - 1])) run--;
    let takers = before.slice(run);
    if (!before.length) {
      const after = stories.filter((u) => u.range.start.offset >= block.label.end.offset);
      let n = 0;
      while (n < after.length && !own(after[n])) n++;
      takers = after.slice(0, n);
    }
    for (const story of takers) {
      if (story.criteriaFrom && story.criteriaFrom.start.offset <= at && story.criteriaFrom.start.offset > story.range.end.offset) continue;
      story.criteria = block.criteria;
      story.criteriaLabel = block.label;
      story.criteriaFrom = block.label;
    }
  }
}

/** Moves user stories to document positions. */
export function placeUserStories(rel: RelUserStory[], base: number, lines: LineIndex): UserStory[] {
  const r = (s: number, e: number) => lines.range(base + s, base + e);
  const t = (x: RelText): StoryText => ({ text: x.text, range: r(x.start, x.end) });
  const p = (x: RelPart): StoryPart => ({ text: x.text, range: r(x.start, x.end), lead: x.lead, leadRange: r(x.leadStart, x.leadEnd) });
  // Stories that share criteria keep sharing one list (rules check a shared list once).
  const lists = new Map<RelCriterion[], Criterion[]>();
  const criteriaOf = (u: RelUserStory): Criterion[] => {
    let out = lists.get(u.criteria);
    if (!out) lists.set(u.criteria, (out = u.criteria.map((c) => ({ ...t(c), source: c.source, gwt: c.gwt, labelled: c.labelled, ...(c.keyword ? { keyword: c.keyword } : {}) }))));
    return out;
  };
  return rel.map((u) => {
    const story: UserStory = {
      range: r(u.start, u.end),
      text: u.text,
      container: u.container,
      role: p(u.role),
      criteria: u.shared ? criteriaOf(u) : u.criteria.map((c) => ({ ...t(c), source: c.source, gwt: c.gwt, labelled: c.labelled, ...(c.keyword ? { keyword: c.keyword } : {}) })),
      insert: { ...u.insert, offset: base + u.insert.offset },
    };
    if (u.id) story.id = t(u.id);
    if (u.goal) story.goal = p(u.goal);
    if (u.benefit) story.benefit = p(u.benefit);
    if (u.tail) story.tail = t(u.tail);
    if (u.estimate) story.estimate = t(u.estimate);
    if (u.criteriaLabel) story.criteriaLabel = r(u.criteriaLabel.start, u.criteriaLabel.end);
    if (u.dod) story.dod = r(u.dod.start, u.dod.end);
    if (u.template) story.template = true;
    if (u.unfilled?.length) story.unfilled = u.unfilled;
    if (u.group) story.group = { header: r(u.group.start, u.group.end), text: u.group.text, size: u.group.size, index: u.group.index };
    if (u.shared && u.criteria.length) {
      story.criteriaFrom = r(u.shared.start, u.shared.end);
      story.criteriaShared = u.shared.by;
    }
    if (u.table) {
      const tb = u.table;
      story.table = { header: r(tb.headerStart, tb.headerEnd), row: r(tb.rowStart, tb.rowEnd), stories: tb.stories };
      if (tb.criteriaColumn !== undefined) story.table.criteriaColumn = tb.criteriaColumn;
      if (tb.shared) story.table.shared = tb.shared;
    }
    return story;
  });
}

function walk(nodes: readonly RootContent[], ctx: Ctx): void {
  nodes.forEach((node, i) => block(node, ctx, nodes[i + 1]));
}

function block(node: RootContent, ctx: Ctx, next: RootContent | undefined): void {
  switch (node.type) {
    case 'heading': {
      const [s, e] = span(node);
      const inner = contentSpan(node, s, e);
      const text = ctx.ana.slice(inner[0], inner[1]);
      ctx.heading = { start: inner[0], end: inner[1] };
      ctx.headings.push(text);
      if (DOD_LABEL.test(text) && text.replace(DOD_LABEL, '').trim() === '') {
        // "#### Definition of Done" under a story: the team's checklist, not its criteria.
        if (ctx.current && !ctx.current.orphan) openDod(ctx, inner[0], inner[1], node.depth);
        else finishStory(ctx);
        return;
      }
      // "##### Backend" under "#### Definition of Done": still the checklist.
      if (ctx.dod?.depth !== undefined && node.depth > ctx.dod.depth) return;
      ctx.dod = undefined;
      if (LABEL.test(text) && text.replace(LABEL, '').trim() === '') {
        if (!ctx.current || ctx.current.orphan) {
          if (BLOCK_LABEL.test(text)) {
            openBlock(ctx, inner[0], inner[1]);
            ctx.blockDepth = node.depth;
          } else finishStory(ctx);
        } else {
          shareWithRun(ctx, inner[0], inner[1]);
          ctx.current.criteriaLabel = { start: inner[0], end: inner[1] };
          ctx.labelPending = true;
          ctx.labelInsert = { offset: lineEndAt(ctx.source, e), indent: continuationPrefix(ctx.source, s) };
          ctx.blockDepth = node.depth;
        }
      } else if (SCENARIO_WORD.test(text) && ctx.current) {
        addCriterion(ctx, inner[0], inner[1], 'heading');
      } else if (ctx.current && ctx.blockDepth !== undefined && node.depth > ctx.blockDepth) {
        // "## Acceptance criteria" over "### A) Idempotent writes", "#### Backend": the groups of
        // one criteria block.
        ctx.labelPending = true;
      } else {
        finishStory(ctx);
        ctx.run = [];
        // "## 1. As a venue owner, I want …": the heading is the story, its section the criteria.
        const story = startsStory(text, true) ? parseStory(ctx, inner[0], inner[1], false) : undefined;
        if (story && !isStem(story)) {
          story.insert = { offset: lineEndAt(ctx.source, e), indent: continuationPrefix(ctx.source, s), mode: 'block', closeParagraph: false, eol: ctx.eol, bullet: next?.type === 'list' && ctx.source[span(next)[0]] === '-' ? '*' : '-' };
          pushStory(ctx, story);
        } else if (next?.type === 'list') {
          // "#### As a shopper, I want to be able to:" over a list of goals: the role of each goal.
          const h = parseRoleHeader(ctx, inner[0], inner[1], true);
          if (h) ctx.header = { h, node: next };
        }
      }
      return;
    }
    case 'thematicBreak':
      finishStory(ctx);
      ctx.run = [];
      return;
    case 'paragraph': {
      const [s, e] = span(node);
      const t = findTable(ctx, s, e);
      if (!t) {
        paragraph(node, ctx, false, next);
        return;
      }
      if (t.before) paragraphAt(ctx, s, t.before, false, undefined);
      table(ctx, t);
      return;
    }
    case 'list':
      list(node, ctx);
      return;
    case 'code':
      code(node, ctx);
      return;
    case 'blockquote':
      walk(node.children, ctx);
      return;
    default:
      return;
  }
}

// ----- paragraphs -----------------------------------------------------------------------------

type SegmentKind = 'story' | 'label' | 'dod' | 'criterion' | 'prose';
interface Segment {
  kind: SegmentKind;
  start: number;
  /** End of the segment's last line (before its line break), at most the paragraph end. */
  end: number;
  story?: RelUserStory;
}

/** Handles a paragraph; `firstInItem` when it is the first block of a list item; `next` is the block after it. */
function paragraph(node: Paragraph, ctx: Ctx, firstInItem: boolean, next: RootContent | undefined): void {
  const [s, e] = span(node);
  paragraphAt(ctx, s, e, firstInItem, next);
}

/** Handles the paragraph text `[s, e)`. */
function paragraphAt(ctx: Ctx, s: number, e: number, firstInItem: boolean, next: RootContent | undefined): void {
  const segments = segmentParagraph(ctx, s, e, firstInItem);
  segments.forEach((seg, i) => {
    switch (seg.kind) {
      case 'story': {
        const story = seg.story!;
        finishStory(ctx);
        // "As a nurse, I need to…" over a list of asks: a stem whose goals are the items (each a
        // story with the stem's role, see groupList), not a story with no goal.
        if (i === segments.length - 1 && next?.type === 'list' && isStem(story)) {
          const h = parseRoleHeader(ctx, seg.start, seg.end, false);
          if (h) ctx.header = { h, node: next };
          return;
        }
        story.insert = {
          offset: seg.end,
          indent: continuationPrefix(ctx.source, s),
          mode: firstInItem ? 'nested' : 'block',
          closeParagraph: i < segments.length - 1,
          eol: ctx.eol,
          bullet: next?.type === 'list' && ctx.source[span(next)[0]] === '-' ? '*' : '-',
        };
        pushStory(ctx, story);
        ctx.labelPending = false;
        ctx.labelInsert = undefined;
        // "As a lead, I want clashes blocked, so that … Given a booked shift, a second booking is
        // refused.": a Given/When/Then sentence right after the story on its line is its criterion.
        if (story.tail && isCriterionLine(ctx.ana.slice(story.tail.start, story.tail.end), false)) addCriterion(ctx, story.tail.start, story.tail.end, 'paragraph');
        return;
      }
      case 'dod':
        if (ctx.current) openDod(ctx, ...trimSpan(ctx.ana, seg.start, Math.min(seg.end, lineEndAt(ctx.ana, seg.start))));
        return;
      case 'label': {
        ctx.dod = undefined;
        // The label is on the segment's first line ("**Acceptance criteria**" over its text).
        const text = ctx.ana.slice(seg.start, Math.min(seg.end, lineEndAt(ctx.ana, seg.start)));
        const m = LABEL.exec(text);
        if (!m) return;
        const labelEnd = seg.start + m[0].replace(/[ \t]+$/, '').length;
        // A label with no story before it in its section is left alone: only an "Acceptance
        // criteria" heading opens criteria for a story elsewhere in the doc.
        if (!ctx.current) openLoose(ctx);
        const story = ctx.current;
        if (!story || story.orphan) {
          if (story?.loose) ctx.labelPending = true;
          return;
        }
        const labelStart = seg.start + (m[0].length - m[0].trimStart().length);
        // A label indented under the story's own list item is its own; one at the story's level
        // (or further out) after a run of stories with no criteria is the run's.
        if (!nestedUnder(ctx, story, labelStart)) shareWithRun(ctx, labelStart, labelEnd);
        story.criteriaLabel = { start: labelStart, end: labelEnd };
        const rest = trimSpan(ctx.ana, labelEnd, seg.end, /[\s:\u2013\u2014-]/);
        ctx.labelPending = true;
        if (rest[1] > rest[0]) addCriterion(ctx, rest[0], rest[1], 'label', true);
        else ctx.labelInsert = { offset: seg.end, indent: continuationPrefix(ctx.source, s) };
        return;
      }
      case 'criterion':
        if (inDod(ctx, seg.start)) return;
        if (!ctx.current) openLoose(ctx);
        addCriterion(ctx, seg.start, seg.end, 'paragraph', ctx.labelPending);
        return;
      default:
        // "**As a teacher:**" over a list of goals (a line with no goal of its own).
        if (i === segments.length - 1 && next?.type === 'list') {
          const last = lineSpans(ctx.ana, seg.start, seg.end).pop();
          const h = last ? parseRoleHeader(ctx, last[0], last[1], false) : undefined;
          if (h) ctx.header = { h, node: next };
        }
        return;
    }
  });
}

/**
 * Splits a paragraph into segments that start at a story line, a label line or a Given/When/Then
 * line; other lines continue the segment before them (soft-wrapped text).
 */
function segmentParagraph(ctx: Ctx, s: number, e: number, inList: boolean): Segment[] {
  const segments: Segment[] = [];
  for (const [ls, le] of lineSpans(ctx.ana, s, e, false)) {
    const line = ctx.ana.slice(ls, le);
    const prev = segments[segments.length - 1]?.kind;
    let kind: SegmentKind | undefined;
    if (startsStory(line, ls === s)) kind = 'story';
    else if (DOD_LABEL.test(line)) kind = 'dod';
    else if (LABEL.test(line)) kind = 'label';
    else if (isCriterionLine(line, prev === 'criterion' || prev === 'label')) kind = 'criterion';
    // "Given a cart, when I pay,\n then …": a step wrapped after a comma continues its criterion.
    if (kind === 'criterion' && prev === 'criterion' && /,[ \t]*$/.test(ctx.ana.slice(segments[segments.length - 1].start, segments[segments.length - 1].end)) && /^[ \t]*\p{Ll}/u.test(line)) kind = undefined;
    if (kind || !segments.length) segments.push({ kind: kind ?? 'prose', start: ls, end: le });
    else segments[segments.length - 1].end = le;
  }
  const out: Segment[] = [];
  // Only the first line of a list item's paragraph is the item itself.
  const parse = (seg: Segment) => parseStory(ctx, seg.start, seg.end, inList && seg.start === s);
  for (const seg of segments) {
    const story = seg.kind === 'story' ? parse(seg) : undefined;
    if (story) out.push({ ...seg, story });
    else if (seg.kind !== 'story') out.push(seg);
    else if (out.length) {
      // A line that only looked like a story ("As for the export, …") continues the text before it.
      const prev = out[out.length - 1];
      prev.end = seg.end;
      if (prev.story) prev.story = parse(prev) ?? prev.story;
    } else out.push({ ...seg, kind: 'prose' });
  }
  return out;
}

/**
 * Whether a line opens a story. After the first line of a paragraph only a capitalised "As" does,
 * so a wrapped line such as "as my colleague sees it" stays part of the text before it.
 */
function startsStory(line: string, first: boolean): boolean {
  const m = STORY_HEAD.exec(line);
  if (!m) return false;
  // "AC: As an admin, I can …" is a criterion; "Title: As an admin, …" a story.
  const label = HEAD_LABEL_AT.exec(line);
  // After a label the story starts "As", capitalised; a label that opens a clause ("We said:") quotes speech.
  if (label && (m[5] !== 'As' || LABEL.test(label[1]) || DOD_LABEL.test(label[1]) || NOT_A_STORY_LABEL.test(label[1].trim()) || /^(?:i|we|you|they|he|she|it|our|my)\b/i.test(label[1]))) return false;
  if (!first && m[5][0] !== 'A') return false;
  return !!m[6] || m[5][0] === 'A';
}

function isCriterionLine(line: string, afterCriterion: boolean): boolean {
  const body = line.replace(CRITERION_PREFIX, '');
  if (SCENARIO_WORD.test(body)) return true;
  const m = STEP_WORD.exec(body);
  if (!m) return false;
  const w = m[1].toLowerCase();
  if (w === 'given') return true;
  if (afterCriterion) return true;
  return w === 'when' && /\bthen\b/i.test(body);
}

// ----- lists ----------------------------------------------------------------------------------

function list(node: List, ctx: Ctx): void {
  ctx.listDepth++;
  try {
    listBody(node, ctx);
  } finally {
    ctx.listDepth--;
  }
  // The list of a "Definition of Done:" label ends its checklist for what is not a list.
  if (!ctx.listDepth && ctx.dod && ctx.dod.depth === undefined) ctx.dod.after ??= span(node)[1];
}

function listBody(node: List, ctx: Ctx): void {
  const header = ctx.header?.node === node ? ctx.header.h : undefined;
  ctx.header = undefined;
  if (header && groupList(node, ctx, header)) return;
  const items = node.children;
  const storyItems = items.map((item) => isStoryItem(item, ctx));
  if (storyItems.some(Boolean)) {
    items.forEach((item, i) => {
      const first = item.children[0];
      if (storyItems[i] && first?.type === 'paragraph') {
        paragraph(first, ctx, true, item.children[1]);
        walk(item.children.slice(1), ctx);
        return;
      }
      // Items after a label (a blank line does not end a markdown list, so they can share a list
      // with the next story) and Given/When/Then items belong to the story before them.
      if (ctx.current && first?.type === 'paragraph' && !inDod(ctx, span(item)[0]) && (ctx.labelPending || itemIsCriterion(first, ctx))) {
        criteriaItem(item, ctx, ctx.labelPending);
        return;
      }
      walk(item.children, ctx);
    });
    return;
  }
  const gwtItems = () => items.some((it) => it.children[0]?.type === 'paragraph' && itemIsCriterion(it.children[0], ctx));
  if (!ctx.current && gwtItems()) openLoose(ctx);
  if (ctx.current && !inDod(ctx, span(node)[0]) && (ctx.labelPending || behaviourList(node, ctx) || gwtItems())) {
    const labelled = ctx.labelPending;
    ctx.labelPending = false;
    for (const item of items) criteriaItem(item, ctx, labelled);
    return;
  }
  for (const item of items) walk(item.children, ctx);
}

/**
 * A list right under a story: checklist criteria, the way many teams write them, whether markdown
 * nests the list in the story's item, the writer only indented it ("1.<tab>As a customer…" then
 * " * System rejects…") or put it after the story's paragraph. Its items may state how the product
 * behaves ("System rejects cards from other banks", "Users can pick the account") or be the
 * checklist's fragments ("Institution name", "Caution label on the card", "Results update after
 * each filter"). Notes, tasks and questions under a story ("talk to design", "notes: easy win",
 * "Low priority", "Does this cover refunds?") are not criteria.
 */
function behaviourList(node: List, ctx: Ctx): boolean {
  const story = ctx.current;
  if (!story || story.orphan) return false;
  const [s] = span(node);
  const storyLine = ctx.ana.lastIndexOf('\n', story.start - 1) + 1;
  const storyEnd = lineEndAt(ctx.ana, story.end > story.start ? story.end - 1 : story.start);
  const between = ctx.ana.slice(storyEnd, s);
  if (/[^\s>]/.test(between)) return false;
  const markerCol = /^[ \t>]*/.exec(ctx.ana.slice(storyLine, storyLine + 40))?.[0].length ?? 0;
  const listLine = ctx.ana.lastIndexOf('\n', s - 1) + 1;
  // On the next line, or after a blank line but indented under the story (a list item's story),
  // or the block after the story's own paragraph.
  if ((between.match(/\n/g) ?? []).length > 1 && s - listLine <= markerCol && story.container !== 'paragraph') return false;
  const items = node.children.filter((it) => it.children[0]?.type === 'paragraph');
  if (!items.length) return false;
  const checks = items.filter((it) => {
    const [a, b] = span(it.children[0]);
    const line = ctx.ana.slice(a, Math.min(b, lineEndAt(ctx.ana, a)));
    return statesBehaviour(line) || checklistFragment(line);
  }).length;
  return checks * 2 >= items.length;
}

/** Items that note something about the work rather than a condition of done: priority, owner, links, design, MoSCoW. */
const NOTE_ITEM =
  /^(?:(?:high|low|medium|top)[ \t]+priority|priority|p[0-4]|depends|dependency|dependencies|blocked|blocker|owner|assignee|estimate[ds]?|points?|sprint|epic|release|mock-?ups?|wireframes?|designs?|figma|jira|ticket|spike|tbd|todo|to[ \t]+do|n\/a|none|nice[ \t]+to[ \t]+have|must[ \t]+have|should[ \t]+have|could[ \t]+have|won['\u2019]?t[ \t]+have|out[ \t]+of[ \t]+scope|later|v2|phase[ \t]+\d|future)\b/i;

/**
 * One item of a checklist that is a condition of done though not a sentence: a field that must
 * show ("Institution name"), a state ("Caution label on each card"), an imperative step a tester
 * follows ("Pick a size from the menu"). Not a task or note for the team ("talk to design",
 * "notes: easy win", "Low priority"), a question, a bare link or ticket, or one word of a placeholder.
 */
function checklistFragment(line: string): boolean {
  const text = line.replace(/^[\s*+\->\d.)]*(?:\[[ xX]\][ \t]*)?/, '').replace(/[*_`]/g, '').trim();
  if (!/\p{L}{2}/u.test(text)) return false;
  if (/^[\p{L} ]{1,20}:/u.test(text) || /\?[\s)"'\u201d]*$/.test(text)) return false;
  if (/^(?:https?:\/\/|www\.|#\d|\[[^\]]*\]\([^)]*\)[\s.]*$|[A-Z][A-Z0-9]+-\d+\b)/.test(text)) return false;
  if (NOTE_ITEM.test(text)) return false;
  const first = /^[A-Za-z][A-Za-z'\u2019-]*/.exec(text)?.[0].toLowerCase();
  return !!first && !TASK_START.has(first) && !/^(?:i|we|i['\u2019](?:ll|ve|d|m)|we['\u2019](?:ll|ve|d|re))$/.test(first);
}

/** Words that open a task or a note, not a statement of behaviour. */
const TASK_START = new Set(
  'talk ask check confirm review discuss add update fix investigate research look sync create write define decide find get make set need todo tbd follow figure clarify align loop ping spike notes note idea ideas question questions maybe later see'.split(' '),
);
const MODAL = /^(?:is|are|can|cannot|can't|must|should|will|won't|shall|does|doesn't|do|don't|may|gets|get|has|have|stays|becomes)$/;

/** One line that states what the product or a user does: a subject, then a verb ("System displays…", "Users can…"). */
function statesBehaviour(line: string): boolean {
  const text = line.replace(/^[\s*+\->\d.)[\]xX]*/, '').replace(/[*_`]/g, '');
  if (/^[\p{L} ]{1,20}:/u.test(text)) return false;
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  if (words.length < 3) return false;
  const [first, ...rest] = words as [string, ...string[]];
  if (TASK_START.has(first.toLowerCase())) return false;
  // A modal or auxiliary within five words, or a present-tense verb ("rejects") within three.
  return rest.slice(0, 5).some((w, i) => MODAL.test(w.toLowerCase()) || (i < 3 && /^[a-z]{3,}s$/.test(w) && !/(?:ss|us|is)$/.test(w)));
}

function isStoryItem(item: ListItem, ctx: Ctx): boolean {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return false;
  const [s, e] = span(first);
  const lineEnd = Math.min(e, lineEndAt(ctx.ana, s));
  if (!startsStory(ctx.ana.slice(s, lineEnd), true)) return false;
  return !!parseStory(ctx, s, lineEndOfSegment(ctx, s, e), true);
}

/** End of the story that starts at `s`: before the next line that starts a story, label or step. */
function lineEndOfSegment(ctx: Ctx, s: number, e: number): number {
  let end = Math.min(e, lineEndAt(ctx.ana, s));
  for (const [ls, le] of lineSpans(ctx.ana, end + 1, e, false)) {
    const line = ctx.ana.slice(ls, le);
    if (startsStory(line, false) || LABEL.test(line) || DOD_LABEL.test(line) || isCriterionLine(line, false)) break;
    end = le;
  }
  return end;
}

function itemIsCriterion(first: Paragraph, ctx: Ctx): boolean {
  const [s, e] = span(first);
  const line = ctx.ana.slice(s, Math.min(e, lineEndAt(ctx.ana, s)));
  return isCriterionLine(line, false) || LABEL.test(line) || classify(ctx.ana.slice(s, e)).gwt;
}

/** One item of a criteria list: its text is a criterion; nested lists and Gherkin blocks add more. */
function criteriaItem(item: ListItem, ctx: Ctx, labelled: boolean, step = false): void {
  const story = ctx.current;
  if (!story) return;
  const count = story.criteria.length;
  const head = item.children[0];
  if (ctx.dod) {
    // Items after a "Definition of Done" item of the same list are its checklist, until a criteria label.
    if (head?.type !== 'paragraph' || !LABEL.test(ctx.ana.slice(...span(head)))) return;
    ctx.dod = undefined;
  }
  if (head?.type === 'paragraph') {
    const [s, e] = span(head);
    const dod = dodLineIn(ctx, s, e);
    if (dod !== undefined) {
      // "- DoD: reviewed", or "Definition of Done:" written right under an item with no blank line
      // (markdown folds it into the item): the criterion ends there, the checklist starts.
      if (dod > s) addCriterion(ctx, s, dod, 'list', labelled);
      openDod(ctx, dod, lineEndAt(ctx.ana, dod));
      return;
    }
  }
  item.children.forEach((child, i) => {
    if (i === 0 && child.type === 'paragraph') {
      const [s, e] = span(child);
      const text = ctx.ana.slice(s, e);
      const m = LABEL.exec(text);
      if (m) {
        const rest = trimSpan(ctx.ana, s + m[0].length, e);
        story.criteriaLabel ??= { start: s, end: s + m[0].replace(/[ \t]+$/, '').length };
        if (rest[1] > rest[0]) addCriterion(ctx, rest[0], rest[1], 'list', true);
        else labelled = true;
        return;
      }
      addCriterion(ctx, s, e, 'list', labelled);
      // "- Then each row shows:" over "- Borrower name": a nested item that is no step of its own
      // is a part of the step above it, read like a Gherkin "*" line (an "And" of that step).
      const c = story.criteria.length > count ? story.criteria[story.criteria.length - 1] : undefined;
      if (step && c && !c.gwt) {
        c.gwt = true;
        c.keyword = 'and';
      }
      return;
    }
    if (child.type === 'list') {
      if (child.children.some((it) => isStoryItem(it, ctx))) list(child, ctx);
      else {
        const own = story.criteria.length > count ? story.criteria[count] : undefined;
        const isStep = !!own && own.gwt && own.keyword !== undefined && own.keyword !== 'scenario';
        for (const sub of child.children) criteriaItem(sub, ctx, labelled, isStep);
      }
      return;
    }
    if (child.type === 'code') code(child, ctx);
    else if (child.type === 'paragraph' && ctx.current === story) {
      const [s, e] = span(child);
      if (classify(ctx.ana.slice(s, e)).gwt) addCriterion(ctx, s, e, 'list', labelled);
    }
  });
}

// ----- pipe tables ----------------------------------------------------------------------------

/**
 * Pipe tables are not parsed as such (no GFM): a table is a paragraph whose lines are rows, the
 * second one a delimiter row (`|---|:--:|`). A backlog table holds a story in a cell ("As a
 * buyer, I want …") and often its criteria in a column headed "Acceptance criteria", "AC",
 * "Conditions of satisfaction" or "Definition of done"; a two-column (field | value) table holds
 * them in a row whose first cell says so.
 */
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$/;
const CRITERIA_HEADER = new RegExp(
  String.raw`^(?:${ACCEPTANCE_WORDS}|acceptance[ \t]+(?:tests?|conditions?)|a\/?cs?|conditions?[ \t]+of[ \t]+satisfaction|definition[ \t]+of[ \t]+done|dod|criteria|done[ \t]+when)(?:[ \t]*\([^)]*\))?$`,
  'i',
);
/** Where a cell's text breaks into items: `<br>`, HTML list items and paragraphs. */
const CELL_BREAK = /<br[ \t]*\/?>|<\/?(?:li|ul|ol|p)>/gi;

interface TableCell {
  /** The cell's text, trimmed. */
  start: number;
  end: number;
  /** Right after the `|` that opens it (or the line's first text), and before the `|` that closes it. */
  rawStart: number;
  rawEnd: number;
}
interface TableRow {
  start: number;
  end: number;
  cells: TableCell[];
}
interface PipeTable {
  /** End of the paragraph text before the table, when the table does not open the paragraph. */
  before?: number;
  header: TableRow;
  rows: TableRow[];
}

/** The cells of one table line (`[ls, le)` in the source), or undefined when it has no unescaped `|`. */
function tableRow(source: string, ls: number, le: number): TableRow | undefined {
  let pos = ls;
  while (pos < le && /[ \t>]/.test(source[pos])) pos++;
  const lineStart = pos;
  if (source[pos] === '|') pos++;
  const cells: TableCell[] = [];
  let cellStart = pos;
  let pipes = source[lineStart] === '|' ? 1 : 0;
  let end = le;
  while (end > pos && /[ \t\r]/.test(source[end - 1])) end--;
  for (let i = pos; i <= end; i++) {
    if (i < end && (source[i] !== '|' || source[i - 1] === '\\')) continue;
    if (i < end) pipes++;
    if (i === end && cellStart === end && source[end - 1] === '|') break;
    const [a, b] = trimSpan(source, cellStart, i);
    cells.push({ start: a, end: b, rawStart: cellStart, rawEnd: i });
    cellStart = i + 1;
  }
  return pipes ? { start: lineStart, end, cells } : undefined;
}

/** The pipe table in the paragraph `[s, e)`: a header row, a delimiter row with as many cells, then rows. */
function findTable(ctx: Ctx, s: number, e: number): PipeTable | undefined {
  if (!ctx.source.slice(s, e).includes('|')) return undefined;
  const lines = lineSpans(ctx.source, s, e, false);
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = tableRow(ctx.source, lines[i][0], lines[i][1]);
    if (!header) continue;
    const delimiter = ctx.source.slice(lines[i + 1][0], lines[i + 1][1]).replace(/^[ \t>]+|[ \t\r]+$/g, '');
    if (!TABLE_DELIMITER.test(delimiter) || !delimiter.includes('-')) continue;
    const width = delimiter.replace(/^\||\|$/g, '').split('|').length;
    if (width !== header.cells.length) continue;
    const rows: TableRow[] = [];
    for (const [ls, le] of lines.slice(i + 2)) rows.push(tableRow(ctx.source, ls, le) ?? { start: trimSpan(ctx.source, ls, le)[0], end: trimSpan(ctx.source, ls, le)[1], cells: [] });
    const out: PipeTable = { header, rows };
    if (i > 0) out.before = lines[i - 1][1];
    return out;
  }
  return undefined;
}

/** Whether a header or first cell names acceptance criteria. */
function namesCriteria(ctx: Ctx, cell: TableCell | undefined): boolean {
  if (!cell) return false;
  const text = plain(ctx.ana.slice(cell.start, cell.end)).replace(/[_-]+/g, ' ').replace(/[:.]+$/, '').trim();
  return CRITERIA_HEADER.test(text);
}

/** The stories of a pipe table, each with the criteria of its row (or of a criteria row below it). */
function table(ctx: Ctx, t: PipeTable): void {
  const column = t.header.cells.findIndex((c) => namesCriteria(ctx, c));
  const found: { story: RelUserStory; criteria?: TableCell }[] = [];
  for (const row of [t.header, ...t.rows]) {
    // A field/value table: "| Acceptance criteria | … |" gives the criteria of the story above it.
    const last = found[found.length - 1];
    if (last && column < 0 && !last.criteria && namesCriteria(ctx, row.cells[0]) && row.cells.length > 1) {
      last.criteria = { start: row.cells[1].start, end: row.cells[row.cells.length - 1].end, rawStart: row.cells[1].rawStart, rawEnd: row.cells[row.cells.length - 1].rawEnd };
      continue;
    }
    for (let k = 0; k < row.cells.length; k++) {
      const cell = row.cells[k];
      if (cell.end <= cell.start || !startsStory(ctx.ana.slice(cell.start, cell.end), true)) continue;
      // A story in the column the header calls criteria: the header is one column off for this
      // row ("| Description | Acceptance criteria |" over "| Stories | As an admin, … | steps |"),
      // since no criterion starts "As an admin, I want"; its criteria are in the next cell.
      const shifted = k === column;
      const story = parseStory(ctx, cell.start, cell.end, true);
      if (!story) continue;
      story.container = 'table-cell';
      story.table = { headerStart: t.header.start, headerEnd: t.header.end, rowStart: row.start, rowEnd: row.end, stories: 0 };
      if (column >= 0) story.table.criteriaColumn = plain(ctx.source.slice(t.header.cells[column].start, t.header.cells[column].end));
      const criteria = column >= 0 && row !== t.header ? row.cells[shifted ? column + 1 : column] : undefined;
      story.insert = criteria
        ? { offset: criteria.rawStart, indent: '', mode: 'cell', closeParagraph: false, eol: ctx.eol, bullet: '-' }
        : { offset: story.end, indent: '', mode: 'none', closeParagraph: false, eol: ctx.eol, bullet: '-' };
      found.push(criteria ? { story, criteria } : { story });
      break;
    }
  }
  if (!found.length) return;
  finishStory(ctx);
  ctx.run = [];
  const byText = new Map<string, number>();
  const key = (c: TableCell) => collapse(plain(ctx.ana.slice(c.start, c.end)).toLowerCase()).replace(/[\s.;,]+$/, '');
  for (const { story, criteria } of found) {
    story.table!.stories = found.length;
    if (criteria) {
      story.criteria = cellCriteria(ctx, criteria.start, criteria.end);
      if (story.criteria.length) story.criteriaLabel = { start: t.header.start, end: t.header.end };
      if (story.criteria.length) byText.set(key(criteria), (byText.get(key(criteria)) ?? 0) + 1);
    }
    ctx.out.push(story);
  }
  for (const { story, criteria } of found) {
    const n = criteria && story.criteria.length ? (byText.get(key(criteria)) ?? 0) : 0;
    if (n >= 3 && n * 2 > found.length) story.table!.shared = n;
  }
}

/**
 * The criteria written in one cell: items split at `<br>` and HTML list items, at `;`, and before
 * a "Given" or "Scenario" that starts a new sentence; list markers and checkboxes dropped.
 */
function cellCriteria(ctx: Ctx, s: number, e: number): RelCriterion[] {
  const out: RelCriterion[] = [];
  const pieces: [number, number][] = [];
  let from = s;
  for (const m of ctx.source.slice(s, e).matchAll(CELL_BREAK)) {
    pieces.push([from, s + m.index]);
    from = s + m.index + m[0].length;
  }
  pieces.push([from, e]);
  for (const [a, b] of pieces) {
    const text = ctx.ana.slice(a, b);
    const cuts = [0];
    for (const m of text.matchAll(/;[ \t]*(?=\S)|[.!?][ \t]+(?=(?:Given|Scenario|AC[ \t]*\d+)\b)/g)) cuts.push(m.index + m[0].length);
    cuts.push(text.length);
    for (let i = 0; i + 1 < cuts.length; i++) {
      let ps = a + cuts[i];
      const pe = a + cuts[i + 1];
      const marker = /^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])?[ \t]*(?:\[[ xX]\][ \t]*)?/.exec(ctx.ana.slice(ps, pe));
      if (marker && marker[0].trim()) ps += marker[0].length;
      const c = criterionAt(ctx, ps, pe, 'table', true);
      if (!c || isPlaceholderCriterion(c.text)) continue;
      // A trailing ";" belongs to the separator, not the criterion.
      const trimmed = trimSpan(ctx.ana, c.start, c.end, /[\s;]/);
      if (trimmed[1] > trimmed[0]) out.push({ ...c, start: trimmed[0], end: trimmed[1], text: plain(ctx.source.slice(trimmed[0], trimmed[1])) });
    }
  }
  return out;
}

// ----- Gherkin code blocks --------------------------------------------------------------------

const GHERKIN_LANG = /^(?:gherkin|feature|cucumber|behat|behave|specflow)$/i;
const GHERKIN_LINE = /^(?:(Scenario(?:[ \t]+(?:Outline|Template))?|Example)[ \t]*:|(Given|When|Then|And|But)\b|(\*)[ \t])/;

function code(node: Code, ctx: Ctx): void {
  const [s, e] = span(node);
  if (inDod(ctx, s) || (!ctx.current && !ctx.heading)) return;
  const raw = ctx.source.slice(s, e);
  const lang = node.lang ?? '';
  const plain = !lang || /^(?:text|txt|plain|plaintext|md|markdown)$/i.test(lang);
  if (!GHERKIN_LANG.test(lang) && !(plain && /^[ \t>]*(?:Scenario(?:[ \t]+Outline)?:|Given\b)/m.test(raw))) return;
  if (!ctx.current) openLoose(ctx);
  if (!ctx.current) return;
  const labelled = ctx.labelPending;
  ctx.labelPending = false;
  const fenced = /^[ \t>]*(?:`{3,}|~{3,})/.test(raw);
  const lines = lineSpans(ctx.source, s, e, false);
  lines.forEach(([ls, le], i) => {
    if (fenced && (i === 0 || (i === lines.length - 1 && /^[ \t>]*(?:`{3,}|~{3,})[ \t]*$/.test(ctx.source.slice(ls, le))))) return;
    const lineText = ctx.source.slice(ls, le);
    const lead = /^[ \t>]*/.exec(lineText)![0].length;
    const body = lineText.slice(lead).replace(/[ \t]+$/, '');
    const m = GHERKIN_LINE.exec(body);
    if (!m) return;
    const keyword = (m[1] ? 'scenario' : m[2] ? m[2].toLowerCase() : 'and') as CriterionKeyword;
    ctx.current!.criteria.push({ text: collapse(body), start: ls + lead, end: ls + lead + body.length, source: 'gherkin', keyword, gwt: true, labelled });
  });
}

// ----- criteria -------------------------------------------------------------------------------

function addCriterion(ctx: Ctx, s: number, e: number, source: RelCriterion['source'], labelled = false): void {
  const story = ctx.current;
  if (!story) return;
  const c = criterionAt(ctx, s, e, source, labelled);
  if (!c) return;
  // "- [ ] _AC_", "TBD": a slot for a criterion, not one.
  if (isPlaceholderCriterion(c.text)) (story.unfilled ??= []).push(c.text);
  else story.criteria.push(c);
}

/** The criterion written in `[s, e)` (trimmed), or undefined when it is blank. */
function criterionAt(ctx: Ctx, s: number, e: number, source: RelCriterion['source'], labelled: boolean): RelCriterion | undefined {
  const trimmed = trimSpan(ctx.ana, s, e);
  let ts = trimmed[0];
  const te = trimmed[1];
  // A checklist's box ("[ ] Totals match") is not part of the criterion.
  const box = /^\[[ xX]\][ \t]+(?=\S)/.exec(ctx.ana.slice(ts, te));
  if (box) ts += box[0].length;
  if (te <= ts) return undefined;
  const c = classify(ctx.ana.slice(ts, te));
  return {
    text: plain(ctx.source.slice(ts, te)),
    start: ts,
    end: te,
    source,
    gwt: c.gwt || source === 'heading',
    labelled,
    ...(c.keyword ? { keyword: c.keyword } : source === 'heading' ? { keyword: 'scenario' as const } : {}),
  };
}

/** The Given/When/Then shape of a criterion's text. */
export function classify(text: string): { keyword?: CriterionKeyword; gwt: boolean } {
  const body = text.replace(CRITERION_PREFIX, '');
  if (SCENARIO_WORD.test(body)) return { keyword: 'scenario', gwt: true };
  const m = STEP_WORD.exec(body);
  if (m) return { keyword: m[1].toLowerCase() as CriterionKeyword, gwt: true };
  return { gwt: /\bwhen\b[\s\S]*\bthen\b/i.test(body) || /\bgiven\b[\s\S]*\b(?:when|then)\b/i.test(body) };
}

/** A stand-in story that collects criteria no story of the section owns (never returned as a story). */
function criteriaHolder(ctx: Ctx, start: number, end: number): RelUserStory {
  return {
    start,
    end,
    text: '',
    container: 'paragraph',
    role: { text: '', start, end: start, lead: '', leadStart: start, leadEnd: start },
    criteria: [],
    insert: { offset: end, indent: '', mode: 'block', closeParagraph: false, eol: ctx.eol, bullet: '-' },
    orphan: true,
  };
}

/**
 * Starts collecting criteria under a label that no story precedes in this section: a holder that
 * stands in for the story until the section ends (or a heading or story closes it).
 */
function openBlock(ctx: Ctx, start: number, end: number): void {
  finishStory(ctx);
  const holder = criteriaHolder(ctx, start, end);
  ctx.blocks.push({ label: { start, end }, criteria: holder.criteria });
  ctx.current = holder;
  ctx.labelPending = true;
}

/**
 * Starts collecting Given/When/Then criteria that no story and no criteria label precede in this
 * section, under the section's last heading (`## Story 1: Session timeout` in a file that holds
 * only criteria): never linked to a story of this doc, but a sibling doc's story may own them.
 * Nothing when no heading was seen (the criteria would have no title to be matched by).
 */
function openLoose(ctx: Ctx): void {
  if (!ctx.heading) return;
  const { start, end } = ctx.heading;
  finishStory(ctx);
  const holder: RelUserStory = { ...criteriaHolder(ctx, start, end), loose: true };
  ctx.loose.push({ label: { start, end }, criteria: holder.criteria });
  ctx.current = holder;
}

/** Closes the current story: no more criteria attach to it; an empty label becomes its insert point. */
function finishStory(ctx: Ctx): void {
  const story = ctx.current;
  if (story && !story.criteria.length && ctx.labelInsert) {
    story.insert = { ...story.insert, offset: ctx.labelInsert.offset, indent: ctx.labelInsert.indent, mode: 'items', closeParagraph: false, bullet: '-' };
  }
  ctx.current = undefined;
  ctx.labelPending = false;
  ctx.labelInsert = undefined;
  ctx.blockDepth = undefined;
  ctx.dod = undefined;
}

/**
 * A "Definition of Done" label (`[start, end)`) under the current story: its criteria end here, and
 * what follows is the team's checklist, not criteria, until the next story, criteria label,
 * heading not under it (`depth`: the label is a heading) or thematic break.
 */
function openDod(ctx: Ctx, start: number, end: number, depth?: number): void {
  const story = ctx.current;
  if (story && !story.orphan) story.dod ??= { start, end };
  ctx.dod = depth === undefined ? {} : { depth };
  ctx.labelPending = false;
  ctx.blockDepth = undefined;
}

/**
 * Whether Given/When/Then text at `at` is part of the current Definition of Done: under its
 * heading, or before the end of its label's list. After that list it is criteria again, and ends it.
 */
function inDod(ctx: Ctx, at: number): boolean {
  if (!ctx.dod) return false;
  if (ctx.dod.depth !== undefined || ctx.dod.after === undefined || at < ctx.dod.after) return true;
  ctx.dod = undefined;
  return false;
}

/** The start of the first line of `[s, e)` that is a "Definition of Done" label, if any. */
function dodLineIn(ctx: Ctx, s: number, e: number): number | undefined {
  for (const [ls, le] of lineSpans(ctx.ana, s, e, false)) if (DOD_LABEL.test(ctx.ana.slice(ls, le))) return trimSpan(ctx.ana, ls, le)[0];
  return undefined;
}

// ----- the story sentence ---------------------------------------------------------------------

/**
 * Parses one story line (or soft-wrapped lines) `[s, e)`; undefined when it is not a user story.
 * `inList`: list items may use a bare modal ("As an admin I can …"); a prose paragraph needs a
 * want/need/like lead-in or a benefit, so "As a PM, I can tell you …" stays prose.
 */
function parseStory(ctx: Ctx, s: number, e: number, inList: boolean): RelUserStory | undefined {
  const { ana, source } = ctx;
  const head = STORY_HEAD.exec(ana.slice(s, e));
  if (!head?.indices) return undefined;
  const at = (g: number) => s + head.indices![g]![0];
  const atEnd = (g: number) => s + head.indices![g]![1];
  let [start, end] = trimSpan(ctx.masked, s, e);
  const asStart = at(5);
  // A label before the story ("Title: As an admin, …") is not part of it; nor are quotes around it.
  const label = HEAD_LABEL_AT.exec(ana.slice(s, e));
  if (label && s + label[0].length <= (head[2] ? at(2) : head[3] ? at(3) : asStart)) start = Math.max(start, s + label[0].length);
  if (/["\u201c'\u2018]/.test(ana[asStart - 1] ?? '') && asStart - 1 >= start) {
    const open = ana[asStart - 1];
    const close = open === '\u201c' ? '\u201d' : open === '\u2018' ? '\u2019' : open;
    const [, te] = trimSpan(ana, start, end);
    start = asStart;
    if (ana[te - 1] === close) end = te - 1;
  }
  const roleLeadEnd = s + head[0].length;

  // Estimate (and trailing hashtags) at the end; an estimate before "As a" also counts.
  let estimate: RelText | undefined;
  let coreLimit = end;
  // A labelled note on a later line ("Note: …") is not part of the story.
  for (let nl = ana.indexOf('\n', roleLeadEnd); nl >= 0 && nl < coreLimit; nl = ana.indexOf('\n', nl + 1)) {
    if (NOTE_LINE.test(ana.slice(nl + 1, coreLimit))) {
      coreLimit = trimSpan(ana, roleLeadEnd, nl)[1];
      break;
    }
  }
  const tags = HASHTAGS_TAIL.exec(ana.slice(roleLeadEnd, coreLimit));
  if (tags) coreLimit = roleLeadEnd + tags.index;
  const est = ESTIMATE_TAIL.exec(ana.slice(roleLeadEnd, coreLimit));
  if (est) {
    const es = roleLeadEnd + est.index + (est[0].length - est[0].replace(/^[\s,;|\u2013\u2014-]+/, '').length);
    const [a, b] = trimSpan(ana, es, coreLimit, /[\s.]/);
    estimate = { text: plain(source.slice(a, b)), start: a, end: b };
    coreLimit = es;
  } else if (head[2] || head[4]) {
    const g = head[2] ? 2 : 4;
    estimate = { text: plain(source.slice(at(g), atEnd(g))), start: at(g), end: atEnd(g) };
  }

  // Lead-ins, within the first sentence.
  const sentenceEnd = findSentenceEnd(ana, roleLeadEnd, coreLimit);
  let goalLead = findIn(GOAL_LEAD, ana, roleLeadEnd, coreLimit);
  if (goalLead && goalLead.index >= sentenceEnd) goalLead = null;
  let benefitLead = findIn(BENEFIT_LEAD, ana, roleLeadEnd, coreLimit);
  // "so that I can …" holds a modal, but it is the benefit, not the goal.
  if (benefitLead && goalLead && benefitLead.index < goalLead.index) goalLead = null;
  if (benefitLead && benefitLead.index >= sentenceEnd) benefitLead = null;
  // "… I want X. So that Y." — a benefit cut off by a full stop still belongs to the story.
  let benefitEnd = sentenceEnd;
  if (!benefitLead && goalLead) {
    const after = /^[.!?]+\s+/.exec(ana.slice(sentenceEnd, coreLimit));
    const m = after ? findIn(BENEFIT_LEAD, ana, sentenceEnd + after[0].length, coreLimit) : null;
    if (after && m && m.index === sentenceEnd + after[0].length) {
      benefitLead = m;
      benefitEnd = findSentenceEnd(ana, m.index + m[0].length, coreLimit);
    }
  }
  // With no other benefit, "(just) in case" and a clause after the goal is its reason ("… to edit an
  // entry after saving it, just in case I make a mistake"); "in case of an emergency" says when, not why.
  if (!benefitLead && goalLead) {
    const m = findIn(IN_CASE_LEAD, ana, goalLead.index + goalLead[0].length, sentenceEnd);
    if (m) benefitLead = m;
  }
  if (!goalLead && !benefitLead) return undefined;
  if (narrates(ana, roleLeadEnd, Math.min(benefitLead ? benefitLead.index : sentenceEnd, sentenceEnd))) return undefined;
  if (!inList && !benefitLead && goalLead && /\b(?:can|could|must|should|shall|will|may|would)$/i.test(goalLead[0])) return undefined;

  // Role.
  const roleEnd = goalLead ? goalLead.index : firstOf(ana, roleLeadEnd, benefitLead!.index, /[,;:]/);
  const role = part(ctx, roleLeadEnd, roleEnd, asStart, roleLeadEnd);
  // An aside in the role ("(for example after an update changed the list)") does not make it prose.
  if (wordCount(role.text.replace(/\([^()]*\)/g, ' ').trim()) > 15 || NOT_A_ROLE.test(role.text)) return undefined;
  // "As repository manager, I want …": no article, so demand a short noun-like role and a goal.
  // "As someone who …" carries its description in a relative clause, so it may run longer.
  // A persona's name is a role too ("As Fred, I want …", "As Fred or Professor Pero, …"), though a
  // name may end like a participle ("Fred", "Emily"); a name and a reporting verb quote someone
  // ("As John noted, we want …"), and a bare "As" before the subject ("As we want to …") has no role.
  if (!head[6] && (!goalLead || !role.text || (!personaRole(role.text) && (wordCount(role.text) > (/^(?:some|any|every)(?:one|body)\b/i.test(role.text) ? 12 : 5) || NO_ARTICLE_NOT_A_ROLE.test(role.text) || REPORTED.test(role.text))))) return undefined;

  // Goal and benefit; the last part ends at ';' or a spaced dash (what follows is a note).
  let coreEnd = sentenceEnd;
  let goal: RelPart | undefined;
  let benefit: RelPart | undefined;
  if (goalLead) {
    const gs = goalLead.index + goalLead[0].length;
    let ge = benefitLead ? Math.min(benefitLead.index, sentenceEnd) : sentenceEnd;
    if (!benefitLead) ge = coreEnd = noteCut(ana, gs, ge);
    goal = part(ctx, gs, ge, goalLead.index, gs, true);
  }
  if (benefitLead) {
    const bs = benefitLead.index + benefitLead[0].length;
    coreEnd = noteCut(ana, bs, benefitEnd);
    benefit = part(ctx, bs, coreEnd, benefitLead.index, bs, true);
  }

  // Tail: whatever follows the story sentence on its line, before the estimate. A line below a
  // finished sentence is a note under the story (the docs say so), not part of it.
  let tail: RelText | undefined;
  const [ts, te] = trimSpan(ana, coreEnd, tailEnd(ana, coreEnd, coreLimit), /[\s.!?;,\u2013\u2014-]/);
  if (te > ts) tail = { text: plain(source.slice(ts, te)), start: ts, end: te };

  const story: RelUserStory = {
    start,
    end,
    text: source.slice(start, end),
    container: inList ? 'list-item' : 'paragraph',
    role,
    criteria: [],
    insert: { offset: end, indent: '', mode: 'block', closeParagraph: false, eol: ctx.eol, bullet: '-' },
  };
  if (head[3]) {
    const idText = head[3].replace(/[.)]$/, '');
    story.id = { text: idText, start: at(3), end: at(3) + idText.length };
  }
  if (goal) story.goal = goal;
  if (benefit) story.benefit = benefit;
  if (tail) story.tail = tail;
  if (estimate) story.estimate = estimate;
  if ([role, goal, benefit].some((x) => x && isTemplatePlaceholder(x.text))) story.template = true;
  return story;
}

/** A story line that ends where its goal should start ("I need to…", "I want to be able to:"): a stem for a list of goals. */
function isStem(story: RelUserStory): boolean {
  return !!story.goal && !story.benefit && !story.goal.text.replace(/[.\u2026:\s]+/g, '') && /(?:\.{2,}|\u2026|:)[\s*_]*$/.test(story.text);
}

// ----- a role written once over a list of goals ------------------------------------------

/** A header that states the role for the list of goals under it. */
interface RoleHeader {
  start: number;
  end: number;
  role: RelPart;
  /** The goal lead-in written in the header ("I want to be able to"); none for "As a teacher:". */
  lead?: { lead: string; leadStart: number; leadEnd: number };
  /** The role is the writer's own job in interview notes (a PM, a PO, a candidate): needs more proof. */
  self: boolean;
}

/** Roles that name the writer of interview notes, not a user: "As a PM, I can:" over the job's duties. */
const SELF_ROLE = /^(?:(?:new|senior|junior|lead|principal|first-time|good|great|strong|technical|aspiring)[ \t]+)*(?:pm|po|apm|gpm|tpm|product[ \t]+(?:manager|owner|lead|leader|person|person)|product[ \t]+management[ \t]+(?:candidate|hire)|candidate|interviewer|interviewee|hiring[ \t]+manager|manager|leader|scrum[ \t]+master|agile[ \t]+coach)s?$/i;

/** Bare roles ("As a …:") that open prose or notes, not a role: "As a summary:", "As a tip:". */
const NOT_A_HEADER_ROLE = /^(?:summary|tip|takeaway|note|recap|heads[ -]up|baseline|guide|checklist|framework|test|exercise|starter|rough guide|quick guide|start|group|team|company|whole|general|rule of thumb|plus|minus|bonus)\b/i;

/** Words that open an item which is no goal: an article, a pronoun, a preposition, a conjunction, a question word, a modal. */
const NOT_GOAL_START =
  /^(?:the|a|an|this|that|these|those|my|our|your|their|his|her|its|it|there|here|you|they|he|she|in|on|at|for|with|from|by|of|if|when|while|because|but|and|or|so|as|note|e\.g|eg|i\.e|not|no|yes|ok|okay|also|very|more|most|all|some|each|every|what|why|how|who|whom|which|where|is|are|was|were|be|been|will|would|should|can|could|must|may|might|shall|tbd|todo|etc)$/i;

/** Irregular past-tense verbs that open a resume line ("Led a team", "Built models"), not a goal. */
const PAST_START = new Set(
  'was were had did got went saw made took found knew thought felt spent led ran built wrote began became kept lost won met heard told said brought bought caught taught sought chose drove gave grew held left paid sent stood understood fought came forgot meant drew flew threw broke spoke rose shook'.split(' '),
);

/**
 * A header that states the role once for the list of goals right after it: "As a shopper, I want
 * to be able to:", "As an admin I can:", "As a user who has not logged in, I want to…", "**As a
 * teacher:**". One line; what follows the lead-in (or the bare role) is only a colon or an
 * ellipsis ("to:", "the following:"), which a heading may leave out. Not a header: a line that
 * narrates ("As a PM, I learned to:"), an opening that is prose ("As an example:", "As a result:").
 */
function parseRoleHeader(ctx: Ctx, s: number, e: number, heading: boolean): RoleHeader | undefined {
  const { ana } = ctx;
  [s, e] = trimSpan(ana, s, e);
  if (e <= s || ana.slice(s, e).includes('\n')) return undefined;
  const head = STORY_HEAD.exec(ana.slice(s, e));
  if (!head?.indices || head[2] || head[4] || !/^as$/i.test(head[5] ?? '')) return undefined;
  const asStart = s + head.indices[5]![0];
  const roleLeadEnd = s + head[0].length;
  const goal = findIn(GOAL_LEAD, ana, roleLeadEnd, e);
  const closing = /^[\s,]*(?:(?:(?:the|these)[ \t]+(?:following|things)|to)[ \t]*)?(:|\.{2,}|\u2026)?[\s*_]*$/;
  let role: RelPart;
  let lead: RoleHeader['lead'];
  if (goal) {
    const after = closing.exec(ana.slice(goal.index + goal[0].length, e));
    if (!after || (!after[1] && !heading)) return undefined;
    if (narrates(ana, roleLeadEnd, e)) return undefined;
    role = part(ctx, roleLeadEnd, goal.index, asStart, roleLeadEnd);
    const [ls, le] = trimSpan(ana, goal.index, goal.index + goal[0].length);
    lead = { lead: plain(ctx.source.slice(ls, le)), leadStart: ls, leadEnd: le };
  } else {
    // "As a teacher:": a role with an article, then a colon, and no subject of a sentence.
    const colon = /:[\s*_]*$/.exec(ana.slice(roleLeadEnd, e));
    if (!colon || !head[6]) return undefined;
    role = part(ctx, roleLeadEnd, roleLeadEnd + colon.index, asStart, roleLeadEnd);
    if (SUBJECT.test(role.text) || /[,;.!?]/.test(role.text) || NOT_A_HEADER_ROLE.test(role.text)) return undefined;
  }
  if (!role.text || wordCount(role.text.replace(/\([^()]*\)/g, ' ').trim()) > 10 || NOT_A_ROLE.test(role.text)) return undefined;
  if (!head[6] && (wordCount(role.text) > 5 || NO_ARTICLE_NOT_A_ROLE.test(role.text))) return undefined;
  const self = SELF_ROLE.test(role.text.replace(/\([^()]*\)/g, ' ').trim());
  // "As a PM, I will:" over the job's duties: a modal alone after the writer's own role is notes.
  if (self && lead && /\b(?:can|could|must|should|shall|will|may|would)$/i.test(lead.lead)) return undefined;
  return { start: asStart, end: e, role, ...(lead ? { lead } : {}), self };
}

interface GoalItem {
  goal: RelPart;
  benefit?: RelPart;
  /** The item has its own lead-in ("I want to …", "I can …"). */
  ownLead: boolean;
}

/**
 * The goal written as one item under a role header: a verb phrase ("Filter orders by date", "Be
 * able to export the list so that I can share it", "I can undo a payment"), one sentence of at
 * most 40 words, optionally with its benefit. Not a goal: a question, a note ("Note: …", "Owner:
 * …"), a link, a full sentence with a subject ("The list loads fast"), a resume line ("Led the
 * launch", "Shipped v2"), a gerund heading ("Onboarding").
 */
function goalItem(ctx: Ctx, s: number, e: number, h: RoleHeader): GoalItem | undefined {
  const { ana } = ctx;
  const [start, b] = trimSpan(ana, s, e);
  const box = /^\[[ xX]\][ \t]+/.exec(ana.slice(start, b));
  const a = box ? start + box[0].length : start;
  const text = collapse(ana.slice(a, b));
  const words = wordCount(text);
  if (words < 2 || words > 40) return undefined;
  if (/\?[\s)"'\u201d]*$/.test(text) || /^[\p{L} ]{1,20}:/u.test(text) || /^(?:https?:|www\.|[[`<(#\d])/.test(text)) return undefined;
  let lead = h.lead ?? { lead: '', leadStart: a, leadEnd: a };
  let gs = a;
  let ownLead = false;
  if (/^(?:I|we)\b/i.test(text)) {
    // "I want to …", "I can …" on the item; "I led …" narrates.
    const own = findIn(GOAL_LEAD, ana, a, b);
    if (!own || own.index !== a || narrates(ana, a, b)) return undefined;
    const le = a + own[0].length;
    lead = { lead: plain(ctx.source.slice(a, le)), leadStart: a, leadEnd: le };
    gs = trimSpan(ana, le, b)[0];
    ownLead = true;
  } else {
    const able = /^(?:(?:be|being)[ \t\n]+able[ \t\n]+to|to)[ \t\n]+/i.exec(ana.slice(a, b));
    if (able) {
      gs = a + able[0].length;
      if (/able/i.test(able[0])) lead = { lead: plain(ctx.source.slice(a, a + able[0].trimEnd().length)), leadStart: a, leadEnd: a + able[0].trimEnd().length };
    }
  }
  const first = /^[\p{L}'\u2019-]+/u.exec(ana.slice(gs, b))?.[0];
  if (!first) return undefined;
  const low = first.toLowerCase();
  if (NOT_GOAL_START.test(low) || PAST_START.has(low) || (/^\p{L}{2,}ed$/u.test(low) && !NOT_PAST_WORD.test(low)) || (/^\p{L}{3,}ing$/u.test(low) && !/^(?:bring|sing|ring|string|swing|sting|wring|cling|fling|sling)$/.test(low))) return undefined;
  // One sentence: a second one ("… by date. The list then …") makes the item a note.
  const se = findSentenceEnd(ana, gs, b);
  if (se < b && wordCount(collapse(ana.slice(se + 1, b))) >= 3) return undefined;
  const bl = findIn(BENEFIT_LEAD, ana, gs, b);
  const goalEnd = bl ? bl.index : noteCut(ana, gs, b);
  const goal = part(ctx, gs, goalEnd, lead.leadStart, lead.leadEnd, true);
  if (!goal.text) return undefined;
  const out: GoalItem = { goal, ownLead };
  if (bl) {
    const bs = bl.index + bl[0].length;
    out.benefit = part(ctx, bs, noteCut(ana, bs, b), bl.index, bs, true);
  }
  return out;
}

/**
 * The list under a role header, one story per item that reads as a goal (its range the item, its
 * role the header's). Half the items at least must be goals, or the list is something else (notes,
 * questions, a resume). A bare role ("As a teacher:") or the writer's own job ("As a PM, I want
 * to:") needs the items themselves to read as stories: some say why ("so that …") or "I want",
 * or a heading of the section says they are stories. Returns false when the list is no such list.
 */
function groupList(node: List, ctx: Ctx, h: RoleHeader): boolean {
  const items = node.children;
  const goals = items.map((item) => {
    const first = item.children[0];
    if (first?.type !== 'paragraph') return undefined;
    const [s, e] = span(first);
    return goalItem(ctx, s, e, h);
  });
  const found = goals.filter((g): g is GoalItem => !!g);
  if (!found.length || found.length * 2 < items.length) return false;
  const why = found.filter((g) => g.benefit).length;
  if (h.self && why * 2 < found.length) return false;
  if (!h.lead && !why && !found.some((g) => g.ownLead) && !ctx.headings.some((t) => /\b(?:user[ \t]+stor(?:y|ies)|stories|backlog|epics?|requirements)\b/i.test(t))) return false;
  finishStory(ctx);
  const group: RelUserStory[] = [];
  const headerText = plain(ctx.source.slice(h.start, h.end));
  items.forEach((item, i) => {
    const g = goals[i];
    const first = item.children[0];
    if (!g || first?.type !== 'paragraph') {
      finishStory(ctx);
      walk(item.children, ctx);
      finishStory(ctx);
      return;
    }
    const [ps, pe] = span(first);
    const [start, end] = trimSpan(ctx.masked, ps, pe);
    const next = item.children[1];
    const story: RelUserStory = {
      start,
      end,
      text: ctx.source.slice(start, end),
      container: 'list-item',
      role: h.role,
      goal: g.goal,
      criteria: [],
      insert: { offset: pe, indent: continuationPrefix(ctx.source, ps), mode: 'nested', closeParagraph: false, eol: ctx.eol, bullet: next?.type === 'list' && ctx.source[span(next)[0]] === '-' ? '*' : '-' },
      group: { start: h.start, end: h.end, text: headerText, size: 0, index: group.length },
    };
    if (g.benefit) story.benefit = g.benefit;
    if ([h.role, g.goal, g.benefit].some((x) => x && isTemplatePlaceholder(x.text))) story.template = true;
    finishStory(ctx);
    pushStory(ctx, story);
    group.push(story);
    walk(item.children.slice(1), ctx);
  });
  for (const story of group) story.group!.size = group.length;
  return true;
}

/** Adds a story found in the section and makes it the one that following criteria belong to. */
function pushStory(ctx: Ctx, story: RelUserStory): void {
  ctx.out.push(story);
  ctx.run.push(story);
  ctx.current = story;
  ctx.dod = undefined;
}

/** Whether `offset` sits indented under the list item that holds `story` (a label of its own). */
function nestedUnder(ctx: Ctx, story: RelUserStory, offset: number): boolean {
  if (story.container !== 'list-item') return false;
  const storyLine = ctx.ana.lastIndexOf('\n', story.start - 1) + 1;
  const line = ctx.ana.lastIndexOf('\n', offset - 1) + 1;
  if (line === storyLine) return true;
  const markerCol = /^[ \t>]*/.exec(ctx.ana.slice(storyLine, storyLine + 40))?.[0].length ?? 0;
  return offset - line > markerCol;
}

/**
 * A criteria label right after two or more stories that have no criteria of their own (since the
 * last heading): the criteria are the run's, not the last story's alone. A reader of "1. As a
 * veteran … 2. As a family member … 3. As staff …" then "### Acceptance criteria" cannot tell
 * which story a criterion is for, so every story of the run gets them, marked as shared.
 */
function shareWithRun(ctx: Ctx, start: number, end: number): void {
  const story = ctx.current;
  const run = ctx.run;
  if (!story || story.orphan || run[run.length - 1] !== story) return;
  let k = run.length;
  while (k > 0 && !run[k - 1].criteria.length && !run[k - 1].unfilled?.length && !run[k - 1].shared && !run[k - 1].table) k--;
  const takers = run.slice(k);
  if (takers.length < 2) return;
  const criteria = story.criteria;
  for (const t of takers) {
    t.criteria = criteria;
    t.shared = { start, end, by: takers.length };
    t.criteriaLabel = { start, end };
  }
}

/**
 * Where the text after the story sentence stops being its tail: at the first line break after a
 * line that ends a sentence (or has nothing after the story), so a note on the next line is left alone.
 */
function tailEnd(ana: string, from: number, to: number): number {
  let pos = from;
  for (;;) {
    const nl = ana.indexOf('\n', pos);
    if (nl < 0 || nl >= to) return to;
    const line = ana.slice(pos, nl).trim();
    if (line === '' || /^[.!?;,\u2013\u2014-]+$/.test(line) || /[.!?:]["'\u201d)]*$/.test(line)) return nl;
    pos = nl + 1;
  }
}

/** Whether the first subject in `[s, e)` narrates ("As a PM, I wanted …"): prose, not a story. */
function narrates(ana: string, s: number, e: number): boolean {
  const text = ana.slice(s, e);
  const m = SUBJECT.exec(text);
  return !!m && NARRATIVE_LEAD.test(text.slice(m.index, m.index + 80));
}

function part(ctx: Ctx, s: number, e: number, leadStart: number, leadEnd: number, trimAnd = false): RelPart {
  const [ls, le] = trimSpan(ctx.ana, leadStart, leadEnd);
  const lead = plain(ctx.source.slice(ls, le));
  let [a, b] = trimSpan(ctx.ana, s, Math.max(s, e), /[\s,;:.!?\u2013\u2014-]/);
  if (trimAnd) {
    const m = /(?:[\s,]+(?:and|&))+$/i.exec(ctx.ana.slice(a, b));
    if (m) [a, b] = trimSpan(ctx.ana, a, b - m[0].length, /[\s,;:]/);
  }
  if (b < a) b = a;
  return { text: plain(ctx.source.slice(a, b)), start: a, end: b, lead, leadStart: ls, leadEnd: le };
}

/** Where a note after the last part starts: `;`, or a spaced dash (not inside brackets: "(eg. a; b)"). */
function noteCut(ana: string, s: number, e: number): number {
  const text = ana.slice(s, e);
  for (const m of text.matchAll(/;|[ \t]+(?:--?|\u2013|\u2014)[ \t]+|\u2014/g)) if (!inBrackets(text, m.index)) return s + m.index;
  return e;
}

/** Whether `at` sits inside a parenthesis of `text` that is closed later in it. */
function inBrackets(text: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth > 0) depth--;
  }
  if (!depth) return false;
  let close = 0;
  for (let i = at; i < text.length && close < depth; i++) {
    if (text[i] === ')') close++;
    else if (text[i] === '(') close--;
  }
  return close >= depth;
}

/**
 * Whether `at` sits inside double quotes that close later on the same line: straight quotes
 * paired in order, or curly ones (single quotes double as apostrophes, so they are not read).
 */
function inQuotes(text: string, at: number): boolean {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const le = nl < 0 ? text.length : nl;
  const before = text.slice(ls, at);
  const after = text.slice(at, le);
  if ((before.match(/"/g) ?? []).length % 2 === 1 && after.includes('"')) return true;
  const open = before.lastIndexOf('\u201c');
  return open >= 0 && before.indexOf('\u201d', open) < 0 && after.includes('\u201d');
}

/**
 * A new sentence that starts without a full stop: a lower-case word, then a capitalised word that
 * opens sentences and rarely sits inside one ("The", "There", "Currently", "See", "Note" …).
 */
const RUN_ON =
  /(?<=[\p{Ll}\p{N})'"\u201d])(?<!\b(?:to|that|so|and|or|but|if|when|because|where|which|who|whether|as|than|of|for|with|in|on|at|by|from|the|a|an|I|we|can|could|will|would|should|must|may|might)[ \t]*)[ \t]+(?=(?:The|There|This|These|Those|It|With|Currently|Today|Now|See|Note|Also|Please|Our|Scope|Description|Context|Background|Problem|Inspired|Right now|At the moment|At present|Unfortunately|However|Otherwise|Additionally|Furthermore|Moreover|When[ \t]+\p{Ll}+ing)[ \t]+[\p{L}\p{N}])/u;

/** A benefit lead-in anywhere later in a text ("so that", "in order to"). */
const BENEFIT_START = /\b(?:so[ \t\n]+that|in[ \t\n]+order[ \t\n]+to)\b/i;

/** The end of the sentence that starts before `from`: the first `.`, `!` or `?` that ends a sentence. */
function findSentenceEnd(ana: string, from: number, to: number): number {
  const text = ana.slice(from, to);
  // Summary and description run together without a full stop ("… in the UI The customer says …").
  // Not a title ("read The Guardian offline"), and not when the story's benefit is still to come.
  const run = RUN_ON.exec(text);
  if (run && !/^[ \t]*\S+[ \t]+(?!(?:A|An|The|This|I|We|It)\b)\p{Lu}/u.test(text.slice(run.index)) && !BENEFIT_START.test(text.slice(run.index))) to = from + run.index;
  // Brackets are looked at in the first 2,000 characters only, so a huge line stays linear.
  const head = text.includes('(') ? text.slice(0, 2000) : '';
  for (const m of text.slice(0, to - from).matchAll(/[.!?\u2026]+(?=\s|$)/g)) {
    // "(ie: Phone number, Today's hours. Directions)": a full stop inside an aside ends no sentence.
    if (head && m.index < head.length && inBrackets(head, m.index)) continue;
    // 'show "Lost your card? Call us."': a question or full stop inside quoted text ends no sentence.
    if (inQuotes(text, m.index)) continue;
    const before = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, m.index - 8), m.index));
    if (m[0] === '.' && before && ABBREVIATIONS.has(before[0].toLowerCase().replace(/\.$/, ''))) continue;
    const after = text.slice(m.index + m[0].length).trimStart();
    if (after === '' || /^[\p{Lu}\p{N}"'([\u201c*_#]/u.test(after)) return from + m.index;
  }
  return to;
}

/** The first match of a global regex inside `[from, to)`, with `index` in `text` offsets. */
function findIn(re: RegExp, text: string, from: number, to: number): RegExpExecArray | null {
  re.lastIndex = 0;
  const m = re.exec(text.slice(from, to));
  re.lastIndex = 0;
  if (m) m.index += from;
  return m;
}

function firstOf(ana: string, s: number, e: number, re: RegExp): number {
  const m = re.exec(ana.slice(s, e));
  return m ? s + m.index : e;
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/** `masked` with emphasis markers, backslash escapes and blockquote markers blanked (same length). */
function analysisText(masked: string): string {
  return masked
    .replace(/\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])|\\(?=[^\s])/gu, (m) => ' '.repeat(m.length))
    .replace(/^([ \t]*>)+/gm, (m) => m.replace(/>/g, ' '))
    .replace(/\r/g, ' ');
}

/** Plain text: emphasis markers dropped, whitespace collapsed. */
function plain(text: string): string {
  return collapse(text.replace(/<br[ \t]*\/?>/gi, ' ').replace(/\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '').replace(/\n[ \t>]*/g, ' '));
}

/**
 * A story (or any markdown snippet) as a reader sees it, for quoting in messages: task-list boxes,
 * emphasis and strike-through markers, code ticks and escapes dropped, links and images reduced
 * to their text, whitespace collapsed.
 */
export function plainMarkdown(text: string): string {
  return plain(
    text
      .replace(/^([ \t>]*)(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[[ xX]\][ \t]+/gm, '$1')
      .replace(/!?\[([^[\]\n]*)\](?:\([^()\n]*\)|\[[^[\]\n]*\])/g, '$1')
      .replace(/<((?:https?|mailto):[^<>\s]*)>/gi, '$1')
      .replace(/`+|~~/g, '')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1'),
  );
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function wordCount(text: string): number {
  return text ? text.split(/\s+/).length : 0;
}

/** Narrows `[s, e)` past characters matching `strip` (whitespace by default) on both ends. */
function trimSpan(text: string, s: number, e: number, strip: RegExp = /\s/): [number, number] {
  while (s < e && strip.test(text[s])) s++;
  while (e > s && strip.test(text[e - 1])) e--;
  return [s, e];
}

/** The lines inside `[s, e)` as spans; blank lines dropped unless `keepBlank`. */
function lineSpans(text: string, s: number, e: number, trim = true): [number, number][] {
  const out: [number, number][] = [];
  let pos = s;
  while (pos < e) {
    const nl = text.indexOf('\n', pos);
    const le = nl === -1 || nl > e ? e : nl;
    const [a, b] = trim ? trimSpan(text, pos, le) : [pos, le];
    if (text.slice(a, b).trim() !== '') out.push([a, b]);
    pos = le + 1;
  }
  return out;
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * What a new line needs in front to stay in the same container as `offset`'s block: the text
 * before it on its line with list markers turned into spaces and blockquote markers kept.
 */
function continuationPrefix(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return source.slice(lineStart, offset).replace(/[^>\t]/g, ' ');
}

function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  const s = node.position?.start.offset ?? 0;
  return [s, Math.max(s, node.position?.end.offset ?? s)];
}

/** The span of a heading's text (after `#`s, before a closing sequence). */
function contentSpan(node: { children: { position?: { start: { offset?: number }; end: { offset?: number } } }[] }, _s: number, e: number): [number, number] {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (!first || !last) return [e, e];
  return [span(first)[0], span(last)[1]];
}

// ---------------------------------------------------------------------------------------------
// Helpers for messages and fixes
// ---------------------------------------------------------------------------------------------

/** Shortens plain text for a message, cutting at a word boundary and adding "…". */
export function shorten(text: string, max = 60): string {
  const t = collapse(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:.-]+$/, '') + '…';
}

/** The story's opening with an ask: "As a team lead, I want to export the report". */
export function restate(story: Pick<UserStory, 'role' | 'goal' | 'group'>, ask: string, lead?: string): string {
  const roleLead = story.role.lead || 'As a';
  // A goal under a bare role header ("As a teacher:") has no lead-in of its own.
  const goalLead = lead ?? (story.goal ? story.goal.lead || 'I want to' : 'I want');
  // A goal listed under a role header starts with a capital ("Delete a review"): inside the sentence it does not.
  const text = story.group ? collapse(ask).replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase()) : collapse(ask);
  return `${roleLead} ${story.role.text || PLACEHOLDERS.role}, ${goalLead} ${text}`;
}

/**
 * What a heading section *is*: a story the candidate will tell, an artifact, reference notes,
 * interview logistics — decided once per section from its text, with the reason in words.
 *
 * Real prep notes hold much more than stories: frameworks, question lists, resources, PRD
 * templates, "Tell me about yourself", salary notes. Only stories get the story rules, so this
 * decision is what keeps Prep Loop quiet on everything else. It reads what the writer *did*:
 * a first-person account of past work ("I cut the scope", "we shipped", a bullet that starts
 * with "Led …") is a story; instructions to a reader ("Use I, not we"), definitions, lists of
 * questions or links are not. When it is unsure it says "not a story", which keeps the story
 * rules silent — a loop tag (or a `#story` tag) always makes a section a story.
 *
 * Pure functions over text; no parsing state. `parse.ts` calls {@link decideKind} for every
 * story-level section and {@link isGroup} to find `##` groups of `###` stories.
 */
import { TextCache } from './cache';
import { isMarkupTag } from './text';

/** The kinds a section can have (see SPEC §2). `heading` is a heading above the story level (a title), `group` a heading over stories. */
export type SectionKind = 'story' | 'artifact' | 'reference' | 'logistics' | 'group' | 'heading' | 'preamble';

/** A kind with the words that explain it ("a first-person account: "I renegotiated…""). */
export interface KindDecision {
  kind: SectionKind;
  /** For a story: whether the text says "I", "we", "my" or "our" (a resume bullet alone does not). */
  firstPerson?: boolean;
  /** Why, for hovers, the outline and `lint --format json`; reads after "Story: " / "Not a story: ". */
  reason: string;
}

/** What {@link decideKind} reads about a section. */
export interface SectionInput {
  /** Heading text without tags. */
  title: string;
  /** The section's own tags (lower case, without `#`): heading, `Tags:` line or hashtag line. */
  tags: readonly string[];
  /** The body's prose: code, HTML and link targets blanked (as `PrepDoc.prose`). */
  prose: string;
  /** The body's raw text (same range as `prose`). */
  raw: string;
  /** Counts of artifacts found in the body by the parser. */
  userStories: number;
  /**
   * Where the body's user stories and their acceptance criteria (and criteria labels) are, as
   * offsets into `prose`/`raw`: what is left when they are blanked tells whether the section is
   * a backlog item or an account that quotes one.
   */
  storySpans?: readonly (readonly [number, number])[];
  /** Story-point estimates found in the body (a sprint plan's or a backlog's items); 0 when not counted. */
  estimates?: number;
  /** Whether the heading names a PRD or one-pager ("PRD: Saved carts"), not a story that mentions one. */
  isPrdTitle: boolean;
  /** The doc's `company:` value, so "Why Acme" reads as logistics. */
  company?: string;
}

/** Tags that let the writer overrule the decision for one section. */
export const KIND_TAGS: Readonly<Record<string, SectionKind>> = {
  story: 'story',
  notes: 'reference',
  reference: 'reference',
  artifact: 'artifact',
  logistics: 'logistics',
};

const LOOP_TAGS = new Set(['pm', 'po', 'hybrid']);
const AXIS_TAGS = new Set(['strategy', 'metrics', 'execution', 'stakeholders']);

/**
 * Headings that name interview logistics rather than a story: one pattern per kind (V8 compiles
 * seventeen small ones in about half the time of their alternation, which a one-file run pays).
 * These and the other big heading patterns are written in lower case and tested with
 * {@link testLower}. @internal
 */
export const LOGISTICS_HEADINGS: readonly RegExp[] = [
  String.raw`\btell (?:me|us) about yourself\b`,
  String.raw`^(?:what i bring|why (?:me|hire me)|my (?:strengths|weaknesses|superpower)|strengths and weaknesses|greatest (?:strength|weakness))\b`,
  String.raw`^why (?:i (?:left|am leaving|'m leaving|want to leave|moved on)|did you leave|are you leaving|leave|leaving|move on)\b|\breasons? for leaving\b`,
  String.raw`\b(?:about me|my background|background pitch|walk (?:me|us) through your (?:resume|cv|background))\b`,
  String.raw`\b(?:intro|introduction|elevator|personal|opening) pitch\b`,
  String.raw`^(?:my )?(?:intro|pitch)\b`,
  String.raw`^why (?:(?:do )?(?:you|i) want (?:to )?|(?:am )?i (?:a |the )?)?(?:(?:join|work(?: at| for)?|be) )?(?:pm|product management|product manager|po|product owner(?:ship)?|product|this (?:role|company|team|job|position)|the role|the company|us|here|me|now)\b`,
  String.raw`\bcompany (?:research|notes|overview|background|facts|values|culture)\b`,
  String.raw`^(?:research|about the company|the company|company)\b`,
  String.raw`\b(?:salary|compensation|comp (?:expectations|range|notes)|pay range|equity|offer (?:details|negotiation)|negotiation)\b`,
  String.raw`^(?:agenda|schedule|timeline|logistics|checklist|prep (?:plan|checklist|schedule)|to-?dos?|day before|on the day)\b`,
  String.raw`^(?:before|ahead of) (?:the|your|my|an?) (?:actual |real |final |first |next |big )?interviews?\b`,
  String.raw`\binterview (?:format|process|loop|schedule|structure|day|logistics|rounds?|stages?|panel|plan)\b`,
  String.raw`^(?:the )?(?:loop|panel|rounds?|interviewers?)\b`,
  String.raw`\bquestions (?:to ask|for (?:them|the (?:interviewer|panel|hiring manager|recruiter|team))|i (?:will|want to|would|should|plan to) ask)\b`,
  String.raw`^(?:my|reverse) questions\b`,
  String.raw`\b(?:what to ask|ask (?:them|the interviewer)|follow[- ]up (?:note|email)|thank[- ]you (?:note|email))\b`,
].map((p) => new RegExp(p));

/** Reference headings that name notes by a noun ("Resources", "Tips", "Pricing model"), which may only qualify another word ("Model launch"). */
const REFERENCE_NOUNS = [
  String.raw`^(?:resources?|links?|reading(?: list)?|books?|further reading|references|sources|bibliography|credits|acknowledg(?:e)?ments?)\b`,
  String.raw`^(?:glossary|definitions?(?! of (?:done|ready))|terms|terminology|vocabulary|key (?:terms|concepts)|concepts|cheat ?sheet|summary|key takeaways|takeaways|tl;?dr|overview|introduction|contents|table of contents|toc|index|faq|about|license|licence|disclaimer|contributing|changelog|what'?s new|release notes|updates?|appendix|conclusions?|wrap[- ]up|final thoughts)\b`,
  String.raw`\b(?:tips?|tricks|dos and don'?ts|do'?s and don'?ts|mistakes|pitfalls|best practices|red flags|cheat ?sheet|framework|frameworks|method|methodology|(?<!data )model|checklist|principles|rubric|what interviewers (?:look for|want|evaluate|are evaluating))\b`,
  // A self-assessment that restates stories as competencies ("Skills demonstrated", "Competencies shown").
  String.raw`^(?:key |core )?(?:skills|competenc(?:y|ies)|capabilities)(?: (?:demonstrated|shown|used|applied|gained|developed|required|matrix|map))?$`,
].join('|');
/** Reference headings that are no noun phrase: a list of questions, "How to …", "Step 3". */
const REFERENCE_PHRASES = [
  String.raw`\b(?:questions?|question bank|practice questions|sample questions|common questions|interview questions|quiz|exam|mock)\s*(?:\(\d+\))?$`,
  String.raw`^(?:how to|how do (?:you|i)|what is|what are|what's)\b`,
  String.raw`^(?:step|part|module|week|day|lesson|chapter)\s*\d+\b`,
].join('|');
const REFERENCE_NOUN_HEADING = new RegExp(REFERENCE_NOUNS);
const REFERENCE_PHRASE_HEADING = new RegExp(REFERENCE_PHRASES);
/** Headings that name reference material: frameworks, definitions, tips, lists (lower case, see {@link testLower}). @internal */
export const REFERENCE_HEADING = new RegExp(`${REFERENCE_NOUNS}|${REFERENCE_PHRASES}`);

/**
 * Tests a pattern written in lower case, compiled without the `i` flag, on the text with its
 * ASCII letters lowered. The same answer as the `i` flag gives (without `u`, case folding never
 * turns another letter into an ASCII one, and the patterns hold ASCII letters only), but V8
 * compiles a case-insensitive pattern this size for several milliseconds on first use, which a
 * CLI run on one small file pays in full. @internal
 */
export function testLower(re: RegExp, text: string): boolean {
  return re.test(asciiLower(text));
}

/** The text with its ASCII letters lowered (and no other change): what {@link testLower} tests. */
function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : text;
}

/** Headings over an introduction: "Introduction", "Intro", "Hello", "Who I am". */
const INTRO_HEADING = /^(?:(?:a (?:short |quick |brief )?)?(?:self[- ])?introduction|intro|hello|hi(?: there)?|who i am|a bit about me|prologue|preface)\b(?!\s+to\b)/i;
/** A first sentence that introduces the writer by name: "Hi, I'm Dana.", "This is Ortega.", "My name is Ana, and…". */
const SELF_INTRODUCTION = /^(?:(?:[Hh]i|[Hh]ello|[Hh]ey|[Gg]reetings)(?: there| all| everyone| folks)?[,!.]?\s+)?(?:I['’]m|I am|[Mm]y name is|[Mm]y name['’]s|[Tt]his is)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}(?=\s*(?:[.,!;(]|$|\s(?:and|from|here|a|an|the)\b))/u;

/** Reference headings too generic to outweigh what the section holds ("Summary" over a story doc's user story). */
const WEAK_REFERENCE_HEADING = /^(?:summary|overview|introduction|about|notes|tl;?dr|context|background)\b/i;

/** Headings that name an artifact: a PRD, user stories, a roadmap, a template (lower case, see {@link testLower}). @internal */
export const ARTIFACT_HEADING = new RegExp(
  [
    String.raw`^(?:product brief|brief|spec(?:ification)?|requirements doc(?:ument)?)\b`,
    String.raw`\b(?:user stor(?:y|ies)|backlog(?: items?)?|acceptance criteria|definition of (?:done|ready)|epics?|release plan|roadmap|test plan|test cases|kpis?|okrs?|metrics? (?:definitions?|tree|dashboard)|north star metric|success metrics|personas?|user journey|journey map|user flow|funnel|wireframes?|diagram|mockups?|template|data model)\b`,
    String.raw`^(?:(?:a\/b|ab) (?:test )?readout|goals?|(?:business |project |product )?objectives?|success (?:criteria|measures)|measures of success|key results|non-goals|problem(?: statement)?|scope(?! of (?:my |the |our )?(?:responsibilit|role|ownership|work|influence|impact))|out of scope|requirements|risks|open questions|assumptions|dependencies|timeline and milestones|milestones|launch plan|rollout)\b`,
  ].join('|'),
);

/**
 * What may follow the word that names an artifact or notes when that word is the heading's head
 * noun ("Scope", "Out of scope (v1)", "Goals and non-goals", "Roadmap: Q3", "KPIs for checkout"):
 * nothing, punctuation, a joining word or a version. Another word after it ("Scope slip", "Roadmap
 * reset", "Framework migration") makes it a modifier in a phrase that names something else.
 */
const HEAD_NOUN_AFTER = /^(?:\s*$|\s*[:([–—,/&|+.;!-]|\s+(?:and|or|&|for|of|in|on|to|vs\.?|versus|with|per|by|from|at|as|v?\d[\w.]*|mvp|draft|wip|template|doc(?:ument)?)\b)/;

/** The heading patterns with the `g` flag, for {@link namesItself}: compiled once, on first use. */
const GLOBAL = new Map<RegExp, RegExp>();

/**
 * Whether a heading that a pattern matches names that thing itself: some match of the pattern is
 * the heading's head noun (see {@link HEAD_NOUN_AFTER}), not a word that only qualifies another
 * ("Scope slip", "Model launch"). A heading that only mentions the word is weak: the text decides.
 * `low` is the heading in lower case (see {@link testLower}).
 */
function namesItself(re: RegExp, low: string): boolean {
  let global = GLOBAL.get(re);
  if (!global) GLOBAL.set(re, (global = new RegExp(re.source, 'g')));
  for (const m of low.matchAll(global)) {
    if (!m[0]) continue;
    if (HEAD_NOUN_AFTER.test(low.slice(m.index + m[0].length))) return true;
  }
  return false;
}

/**
 * The heading-word rule, for sections and titles alike: a heading names what a pattern's word
 * names when it matches and either the word is its head noun ("Scope", "Out of scope (v1)", "Q3
 * roadmap") or nothing under the heading recounts your own work. When the word only qualifies
 * another ("Scope slip", "Roadmap reset", "Pricing model change") over an account, the text
 * decides. `recounts` is asked only then.
 */
function headingWordNames(re: RegExp, low: string, recounts: () => boolean): boolean {
  return re.test(low) && (namesItself(re, low) || !recounts());
}

/**
 * Whether a heading names an artifact by its words (see {@link headingWordNames}): "Scope",
 * "Success metrics", "Q3 roadmap"; not one about the decisions over it ("Roadmap prioritisation").
 * `low` is the heading in lower case (see {@link testLower}); `recounts` says whether what is
 * under it recounts your own work (a section's text, a title's sections).
 */
function headingNamesArtifact(title: string, low: string, recounts: () => boolean): boolean {
  return headingWordNames(ARTIFACT_HEADING, low, recounts) && !DECISION_TOPIC.test(title);
}

/**
 * Whether a heading names reference notes by its words: a phrase ("How to …", "Practice
 * questions", "Step 3") always, a noun ("Tips", "Frameworks", "Pricing model") by
 * {@link headingWordNames}. `low` and `recounts` as for {@link headingNamesArtifact}.
 */
function headingNamesNotes(low: string, recounts: () => boolean): boolean {
  return REFERENCE_PHRASE_HEADING.test(low) || headingWordNames(REFERENCE_NOUN_HEADING, low, recounts);
}

/**
 * Words that make a heading about decisions taken over an artifact, not the artifact itself
 * ("Backlog strategy & tradeoff decisions", "Roadmap prioritisation"): a story's topic or notes.
 */
const DECISION_TOPIC = /\b(?:strategy|decisions?|trade-?offs?|prioriti[sz]ation|philosophy|lessons?|learnings?|challenges?)\b/i;

/** Headings over what others said: feedback, testimonials, quotes. */
const QUOTES_HEADING = /^(?:(?:customer|user|client|manager|team|peer|stakeholder|360|their|the)\s+)?(?:feedback|testimonials?|quotes?|quotations?|praise|kudos|recommendations?|endorsements?|reviews?)\b|^what (?:they|people|others|customers|users|my (?:manager|team|boss|lead)) (?:said|say)\b/i;

/** Headings that ask for a story: "Tell me about a time…", "Describe a situation where…". */
const BEHAVIOURAL_PROMPT = /\b(?:tell (?:me|us) about a time|describe (?:a|an) (?:time|situation|moment|occasion)|give (?:me |us )?an example of|a time (?:when )?(?:you|i)|walk (?:me|us) through a)\b/i;

/** Headings of the parts of one STAR/CAR story: `###` sections under such a story are its parts, not stories. */
export const STORY_PART_HEADING =
  /^(?:\d+[.)]\s*)?(?:s(?:ituation)?|t(?:ask)?|a(?:ction)?|r(?:esults?)?|c(?:ontext)?|context|background|challenge|problem|approach|what i did|actions?|outcomes?|impact|results?|learnings?|lessons?(?: learned)?|what i learned|reflection|takeaways?|metrics|numbers|follow[- ]up questions|the ask)\s*(?:[-–:(].*)?$/i;

/** Headings that name a group of stories (`## PM loop` over `###` stories). */
const GROUP_HEADING = /\b(?:stories|loop|behaviou?ral|experiences?|examples|wins|war stories|pm|po|product (?:manager|owner)|star)\b/i;

const IRREGULAR_PAST = new Set(
  (
    'was were had did led ran built made took got went saw found chose wrote told set cut grew drove brought sold spent began became gave ' +
    'kept left lost met paid put said sent shut sat stood thought understood won held hit let bought caught fought taught felt knew drew ' +
    'rose fell flew spoke broke threw split shook woke wore tore bore swore forgot forgave hid rode rang sang sank slid spun stuck struck ' +
    'swept swung meant dealt heard agreed freed overcame oversaw overtook rebuilt rewrote undertook withdrew upheld mislaid shrank sought'
  ).split(' '),
);
/** Past participles that are no simple past: they count only after "I have" / "I've" ("I've run…"). */
const PARTICIPLE = new Set('been done gone seen taken given written driven grown known shown chosen spoken broken begun run become undergone'.split(' '));
/** Words ending in -ed that are no past tense, or that start labels rather than actions ("Based on…", "Related:"). */
const NOT_PAST = new Set(
  (
    'need feed speed seed bleed breed heed weed shed bed red wed bred embed proceed succeed exceed indeed hundred kindred shred sled sacred ' +
    'naked wicked rugged ragged crooked beloved detail-oriented data-driven'
  ).split(' '),
);
/** Participles that start labels and descriptions rather than actions ("Based on…", "Related:", "Required skills"): not a resume bullet's verb. */
const LABEL_PARTICIPLE = new Set(
  (
    'based related detailed advanced limited required suggested recommended expected needed used featured selected listed estimated mixed ' +
    'sized named dedicated interested experienced skilled qualified talented motivated owned ordered organized organised timeboxed ' +
    'guided proposed given included attached enclosed'
  ).split(' '),
);
/** First words of an instruction to the reader. */
const IMPERATIVE = new Set(
  (
    'be use keep start avoid ask focus make don\'t do remember practice prepare think try define identify write include show explain state ' +
    'mention highlight quantify describe clarify consider list pick choose get frame tell know understand research review read learn take ' +
    'structure spend end open lead prioritize prioritise break walk note check look talk align map draft create build run validate test ' +
    'measure estimate propose present follow never always imagine assume suppose recall reflect rehearse record aim emphasize emphasise ' +
    'skip stay stick share treat turn watch apply compare contrast go let see find outline summarize summarise'
  ).split(' '),
);

/** Words after a participle that make a line a description ("Owned by the PO", "Timeboxed to 15 minutes"), not an action. */
const PASSIVE_NEXT = new Set(['by', 'to', 'as', 'for', 'at', 'in', 'on', 'of', 'based', 'and', 'or', 'is', 'are']);

const EXAMPLE_LABEL = /(?:^|[\s*_(])(?:an? )?(?:example|sample|model|good|bad|weak|strong)(?: outline| answer| story| response)?s?[*_]{0,2}\s*:/i;
/**
 * A line that introduces examples of wording rather than the writer's own account: "For early-career
 * PMs, it means:", "A strong answer sounds like:", "For example:", "Phrases such as:". Present tense
 * only ("For me it meant:" may open an account).
 */
const EXAMPLE_INTRO = /(?:\b(?:means|looks like|sounds like|reads like|for example|for instance|e\.g\.|such as|things like|phrases like|like this|examples?|sample answers?))[\s*_]*:[\s*_]*$/i;
/** A STAR label anywhere: "Situation:", "**Task** –", "Result -". */
const STAR_LABEL = /(?:^|[\s*_(])(situation|task|action|result)s?[*_]{0,2}\s*[:–—-]\s*[*_]{0,2}\s*(?=[A-Za-z0-9])/gi;

const ENGLISH = new Set('the and to of a in is for that with on was it as we i my our you be are this by at an or from have'.split(' '));
/**
 * Function words of the Latin-script languages prep notes are most often kept in besides English
 * (Spanish, Portuguese, French, German, Dutch, Italian, Swedish), left out where they are also
 * English words. Few English function words alone is not enough to call text foreign: resume bullets
 * and cheat-sheet lines are telegraphic English ("Led pilot across 12 states, lifting enrolment 30%").
 */
const FOREIGN = new Set(
  ('de la el los las que y en es un una por para con del se lo su al como más pero muy ' +
    'os não com uma em ao pelo pela seu sua ' +
    'le les et est des une du pour pas sur qui dans avec au ce sont nous vous ' +
    'der das und ist nicht mit ein eine zu von auf für sich dem des wir ich auch ' +
    'het een van ik niet zijn wij ook voor met ' +
    'il di che non per della sono gli nel alla ' +
    'och att är som jag det på av för med inte ' +
    'ja että se ei ovat tai kun myös sekä ole oli joka tämä niin mutta')
    .split(' '),
);

/**
 * A template slot in a line: words in brackets (`[Brief description]`, `[what you did]`, not a link),
 * `<user>`, a curly slot (`{metric}`, `{how_do_we_know}`, `{{company_name}}`, `{Feature Name}`), `XX%`.
 */
const SLOT = /\[(?:[A-Z][^\]\n]{0,40}|[a-z]+(?: [a-z]+){0,3})\](?!\()|<(?:[a-z][a-z -]{1,30})>|(?<![\\\w$])(?:\{\{[ \t]*[A-Za-z][\w .-]{1,60}\}\}|\{[A-Za-z][\w -]{1,60}\})|\bX{1,3}%|\bX{2,}\b/g;

/** Runs of letters of any script. */
const LETTERS = /\p{L}+/gu;
/** The longest word of {@link FOREIGN}: a longer run of letters is none of them. */
const FOREIGN_LONGEST = Math.max(...[...FOREIGN].map((w) => w.length));

/** How many UTF-16 units of a run of letters are not A–Z or a–z (the only ASCII letters). */
function nonAsciiUnits(w: string): number {
  let n = 0;
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 127) n++;
  return n;
}

const SENTENCE_SPLIT = /(?<=[.!?])\s+(?=["“'(*_]*[A-Z0-9])|\n+/;
const WORD = /[A-Za-z][A-Za-z'’-]*/g;

/**
 * Whether a section is written in another language: mostly letters outside A–Z (another script), or
 * more function words of another language than of English. Telegraphic English stays English.
 */
function notEnglish(b: BodySignals): boolean {
  if (b.letters >= 40 && b.otherLetters > b.letters * 0.3) return true;
  if (b.words >= 20 && b.foreign >= 3 && b.foreign > b.english) return true;
  // Finnish, Polish… have few function words in our list but many letters outside A–Z.
  return b.letters >= 80 && b.english < b.words * 0.03 && b.otherLetters > b.letters * 0.02;
}

/** What one section's body says about who did what, counted by sentence. */
export interface BodySignals {
  words: number;
  sentences: number;
  /** Sentences recounting the writer's own past work: "I renegotiated…", "we shipped…", "- Led the…". */
  narrative: number;
  /** The first narrative sentence, quoted in the reason. */
  firstNarrative?: string;
  firstPractice?: string;
  /** The first sentence of two words or more, whatever it does: quoted when the heading carries the first person. */
  firstSentence?: string;
  /** English function words ("the", "and", "to"…). */
  english: number;
  /** Function words of other languages ("und", "que", "les"…): more of them than English ones and the text is not English. */
  foreign: number;
  /** Letters outside A–Z (accented or another script), against {@link BodySignals.letters}. */
  otherLetters: number;
  letters: number;
  /** Resume-style lines with the writer as the unstated subject: "Led the pricing review for 3 squads". */
  resume: number;
  firstResume?: string;
  /** Sentences on how the writer works, in the present: "I run refinement every week". */
  practice: number;
  /** STAR/CAR labels anywhere in the text ("Situation:", "**Result:**"), each kind once. */
  starKinds: number;
  /** Sentences addressing a reader: "you/your", or starting with an instruction ("Use …", "Be …"). */
  instruction: number;
  /** Hypothetical first person: "I would …", "I'd …", "I will …". */
  hypothetical: number;
  /** List items / lines that are questions. */
  questions: number;
  items: number;
  /** List items that are (mostly) a link. */
  linkItems: number;
  tableLines: number;
  codeLines: number;
  lines: number;
  /** Given/When/Then lines. */
  gherkin: number;
  /** Template placeholders: `[Brief description]`, `<user>`, `XX%`. */
  placeholders: number;
  /** STAR/CAR labels ("Situation:", "**Result:**"). */
  starLabels: number;
  /** Stand-in letters of a generic example ("feature X", "users wanted Y"). */
  variables: number;
  /** "Example:", "Sample answer:", "Example outline:" labels: what follows illustrates, it is not the writer's own. */
  exampleLabels: number;
  /** Whether all the text read is a quote (a blockquote, lines in quote marks), read because nothing else is there. */
  quoted?: boolean;
}

/** Body signals by text: a section read once stays read across lints of the same doc. */
const bodyCache = new TextCache<{ prose: string; signals: BodySignals }>(4 * 1024 * 1024);

export function readBody(prose: string, raw: string): BodySignals {
  // The prose is the raw text with some spans blanked: keyed by the raw text, and a hit counts
  // only for the same prose (compared, not hashed: joining the two into one key cost a copy and
  // a hash of both on every call).
  const hit = bodyCache.get(raw);
  if (hit && hit.prose === prose) return { ...hit.signals };
  const signals = readBodyUncached(prose, raw);
  bodyCache.set(raw, { prose, signals });
  return { ...signals };
}

function readBodyUncached(proseIn: string, rawIn: string): BodySignals {
  // A story kept in a table is read as its text; any other table stays a table.
  const raw = readStarTables(rawIn);
  const prose = raw === rawIn ? proseIn : readStarTables(proseIn, rawIn);
  const s: BodySignals = {
    words: 0,
    sentences: 0,
    narrative: 0,
    resume: 0,
    english: 0,
    foreign: 0,
    otherLetters: 0,
    letters: 0,
    practice: 0,
    starKinds: 0,
    instruction: 0,
    hypothetical: 0,
    questions: 0,
    items: 0,
    linkItems: 0,
    tableLines: 0,
    codeLines: 0,
    lines: 0,
    gherkin: 0,
    placeholders: 0,
    starLabels: 0,
    exampleLabels: 0,
    variables: 0,
  };
  const rawLines = raw.split('\n');
  /** The prose of lines that are (mostly) a link, as {@link navKey} keys them. */
  const navTexts = new Set<string>();
  let inFence = false;
  let proseFence = false;
  const proseLines = prose.split('\n');
  for (let i = 0; i < rawLines.length; i++) {
    const r = rawLines[i];
    const fence = /^\s*(?:```|~~~)\s*(\S*)/.exec(r);
    if (fence) {
      inFence = !inFence;
      // A fence with no language that holds sentences is a story pasted as a block, not code.
      proseFence = inFence && !fence[1] && fenceHoldsProse(rawLines, i + 1);
      if (!proseFence) s.codeLines++;
      continue;
    }
    if (inFence && proseFence) proseLines[i] = r;
    if (inFence) {
      if (!proseFence) s.codeLines++;
      continue;
    }
    if (r.trim() === '') continue;
    s.lines++;
    if (/^\s*\|/.test(r)) {
      s.tableLines++;
      continue;
    }
    const p = (proseLines[i] ?? '').replace(/\r$/, '');
    const item = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/.exec(r);
    if (item) {
      s.items++;
      const rest = r.slice(item[0].length).trim();
      const linkText = [...rest.matchAll(/\[[^\]]*\]\([^)]*\)|<https?:[^>]*>|https?:\/\/\S+/g)].reduce((n, m) => n + m[0].length, 0);
      if (linkText > 0 && linkText >= rest.replace(/[*_`\s:–-]+/g, '').length * 0.6) {
        s.linkItems++;
        navTexts.add(navKey(p));
      }
    } else if (r.includes('](') || r.includes('http')) {
      // A line that is (mostly) a link: its text names where the link goes.
      const rest = r.trim();
      const linkText = [...rest.matchAll(/\[[^\]]*\]\([^)]*\)|<https?:[^>]*>|https?:\/\/\S+/g)].reduce((n, m) => n + m[0].length, 0);
      if (linkText > 0 && linkText >= rest.replace(/[*_`\s:–-]+/g, '').length * 0.6) navTexts.add(navKey(p));
    }
    if (p.includes('?') && /\?["”'’)]*\s*(?:[*_]{1,3})?["”'’)]*\s*$/.test(p.trim()) && /[A-Za-z]/.test(p)) s.questions++;
    if (/^\s*(?:[-*+]\s+|>\s*)?[*_]{0,2}(?:given|when|then|and|but)[*_]{0,2}\s/i.test(p) && /^\s*(?:[-*+]\s+|>\s*)?[*_]{0,2}(?:given|when|then)\b/i.test(p)) s.gherkin++;
    // Each pattern needs a character most lines lack: looked for first, it spares the regex.
    if (/[[<{X]/.test(r)) {
      // Found in the raw line (the prose has link targets blanked, which would make "[text](…)" look
      // like a slot) and blanked in the prose at the same place: a slot's words are the template's,
      // not the writer's ("{how_do_we_know_we_achieved_it}", "[What we shipped]" say "we" for whoever fills them in).
      let blanked = p;
      for (const m of r.matchAll(SLOT)) {
        // HTML is layout (`<article>`, `<summary>…</summary>`), not a blank to fill in.
        if (m[0].startsWith('<') && isMarkupTag(m[0], r)) continue;
        s.placeholders++;
        if (m[0].length > 3) blanked = blanked.slice(0, m.index) + ' '.repeat(m[0].length) + blanked.slice(m.index + m[0].length);
      }
      if (blanked !== p) proseLines[i] = blanked;
    }
    if (/[XYZ]/.test(r)) s.variables += (r.match(/(?<![\w/.-])[XYZ](?![\w/.%-])/g) ?? []).length;
    if (r.includes(':') && EXAMPLE_LABEL.test(r)) s.exampleLabels++;
    if (/[:–-]/.test(p) && /^\s*(?:[-*+]\s+)?[*_]{0,2}(?:situation|task|action|result|context|challenge|outcome|impact)s?[*_]{0,2}\s*[:–-]/i.test(p)) s.starLabels++;
  }
  s.starKinds = new Set([...prose.matchAll(STAR_LABEL)].map((m) => m[1].toLowerCase().replace(/s$/, ''))).size;
  // Sentences outside quotes, tables and code: quoted examples in a guide are not the writer's own account.
  // The list after "it means:", "for example:", "sounds like:" shows what others might say ("- I
  // identified a problem no one else was addressing"): examples of wording, not the writer's account.
  const read = (unquoted: boolean) => {
    let examples = false;
    return (
      proseLines
        .map((l, i) => {
          if (/^\s*(?:[-*+]|\d{1,3}[.)])\s/.test(l)) return examples ? '' : unquoted ? unquote(l) : l;
          if (l.trim()) examples = l.includes(':') && EXAMPLE_INTRO.test(l);
          if (/^\s*\|/.test(rawLines[i] ?? '')) return '';
          if (/^\s*>/.test(l)) return unquoted ? unquote(l.replace(/^(?:\s*>)+/, '')) : '';
          return unquoted ? unquote(l) : l;
        })
        .join('\n')
        .replace(/["“][^"”\n]{30,}["”]/g, ' ')
        // Short quotes are what someone else says or might say: "Tell me about a time you…" is no
        // advice, and "I managed a team." (a phrasing a guide quotes) is no account of the writer's work.
        .replace(/["“][^"”\n]{1,29}["”]/g, (q) => (/\b(?:you|I|we|my|our)\b|\b(?:I|we)['’]/i.test(q) ? ' ' : q))
    );
  };
  let body = read(false);
  // A section whose text is all a quote (a blockquote, or lines in quote marks) with nothing
  // around it that frames it as someone else's: the quote is the text, as a story bank may keep
  // an answer (`> "When I led the rollout…"`). Whether it is a worked example is the heading's
  // and the labels' say (see illustration()), as for any text.
  if (!/[A-Za-z]/.test(body) && /[>"“]/.test(prose)) {
    const whole = read(true);
    if (/[A-Za-z]/.test(whole)) {
      body = whole;
      s.quoted = true;
    }
  }
  // Letters and function words of other languages, over the whole text at once: sentences are
  // split at white space only, so no run of letters spans two of them.
  for (const w of body.match(LETTERS) ?? []) {
    s.letters += w.length;
    s.otherLetters += nonAsciiUnits(w);
    if (w.length <= FOREIGN_LONGEST && FOREIGN.has(w.toLowerCase())) s.foreign++;
  }
  for (const sentence of body.split(SENTENCE_SPLIT)) {
    const words = sentence.match(WORD);
    if (!words) continue;
    s.words += words.length;
    // Lowered once, with "’" read as "'" (WORD holds no other letter that lowering or the quote change touches).
    const lower = words.map((w) => {
      const l = w.toLowerCase();
      if (ENGLISH.has(l)) s.english++;
      return l.includes('’') ? l.replace(/’/g, "'") : l;
    });
    if (words.length < 2) continue;
    s.sentences++;
    s.firstSentence ??= sentence.replace(/^[\s>*_+-]*(?:\d+[.)]\s*)?/, '').replace(/\s+/g, ' ').trim();
    const kind = readSentence(lower, sentence);
    if (kind === 'resume') {
      s.resume++;
      s.firstResume ??= sentence.replace(/^[\s>*_+-]*(?:\d+[.)]\s*)?/, '').replace(/\s+/g, ' ').trim();
    } else if (kind === 'narrative') {
      s.narrative++;
      s.firstNarrative ??= sentence.replace(/^[\s>*_+-]*(?:\d+[.)]\s*)?/, '').replace(/\s+/g, ' ').trim();
    } else if (kind === 'practice') {
      s.practice++;
      s.firstPractice ??= sentence.replace(/^[\s>*_+-]*(?:\d+[.)]\s*)?/, '').replace(/\s+/g, ' ').trim();
    } else if (kind === 'instruction') {
      // "Read more", "See also:", a link's text: a pointer to more material, not advice to the reader.
      if (!navigation(lower, sentence, navTexts)) s.instruction++;
    }
    else if (kind === 'hypothetical') s.hypothetical++;
  }
  return s;
}

/** A line with the quote marks around its text taken off: `"When I led the rollout, …"` reads as its words. */
function unquote(line: string): string {
  return line.replace(/^(\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?[*_]{0,2})["“]/, '$1 ').replace(/["”]([*_]{0,2}[\s.,;:!?…]*(?:[—–-]\s*[^"”]{1,40})?)$/, ' $1');
}

/** Verbs that start a pointer to more material ("Read more", "See also", "Check it out"). */
const NAV_VERB = new Set(['read', 'learn', 'see', 'find', 'view', 'watch', 'listen', 'explore', 'discover', 'check', 'click', 'visit', 'browse', 'download', 'open', 'jump']);
/** Words that make a short line after such a verb a pointer, not advice ("Read more", "See below"). */
const NAV_WORD = /\b(?:more|also|here|below|above|full|out|links?|details)\b/;

/** A line's prose as a key: markup, list markers and spaces dropped, lower case. */
function navKey(text: string): string {
  return text
    .replace(/^[\s>*_+-]*(?:\d{1,3}[.)]\s*)?/, '')
    .replace(/[*_`\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Whether an instruction-shaped sentence only points to more material: a link's text ("Read the
 * case study" linked), a short pointer ("Read more", "See also", "Check it out") or a label over a
 * list of links ("Read the full write-up:"). A portfolio card ends on such a line; it advises nobody.
 */
function navigation(lower: readonly string[], sentence: string, linkTexts: ReadonlySet<string>): boolean {
  if (linkTexts.size && linkTexts.has(navKey(sentence))) return true;
  if (!NAV_VERB.has(lower[0] ?? '')) return false;
  if (lower.length <= 3 && NAV_WORD.test(lower.join(' '))) return true;
  return lower.length <= 6 && /:[\s*_]*$/.test(sentence);
}

/** Whether the fenced block starting at line `from` reads as sentences (most lines are words and end like prose), not code. */
function fenceHoldsProse(lines: readonly string[], from: number): boolean {
  let text = 0;
  let total = 0;
  for (let i = from; i < lines.length && !/^\s*(?:```|~~~)/.test(lines[i]); i++) {
    const l = lines[i].trim();
    if (!l) continue;
    total++;
    if ((l.match(WORD)?.length ?? 0) >= 5 && !/[{}=<>$]|;\s*$|\(\)|=>|^\s*(?:\/\/|#include|import |def |function |const |let |var )/.test(l)) text++;
  }
  return total > 0 && text >= total * 0.7;
}

/**
 * A compound adjective of a noun and a participle ("AI-powered", "user-centred", "research-backed"):
 * it describes, it is no past-tense verb (unlike "co-founded", "fast-tracked", "right-sized").
 */
const COMPOUND_ADJECTIVE = /^(?!(?:co|re|pre|un|over|under|out|mis|de|non|self)-)[a-z]+-(?:powered|driven|based|cent(?:er|re)d|focused|oriented|backed|informed|enabled|assisted|generated|related|shaped|minded|inspired|themed|funded|owned|managed|hosted)$/;

function isPast(word: string): boolean {
  if (IRREGULAR_PAST.has(word)) return true;
  if (NOT_PAST.has(word) || word.length < 4 || !word.endsWith('ed') || word.endsWith('eed')) return false;
  return /^[a-z-]+ed$/.test(word) && !(word.includes('-') && COMPOUND_ADJECTIVE.test(word));
}

/** Words before a subject that make "we have tested" a condition, not an account ("unless we have tested them"). */
const CONDITIONAL = new Set(['unless', 'if', 'until', 'once', 'whether']);
const FIRST_PERSON_SUBJECT = new Set(['i', 'we']);
const ADVERB_OR_AUX = new Set(['then', 'also', 'first', 'finally', 'quickly', 'eventually', 'personally', 'together', 'jointly', 'still', 'just', 'later', 'initially', 'immediately', 'had', 'have', "'ve", 'actually', 'successfully', 'ultimately', 'instead', 'both', 'all', 'never', 'once', 'soon']);

/** Verbs after "I" that give an opinion or a wish, not an account of what the writer does. */
const NOT_PRACTICE = new Set(
  (
    "am 'm would will should could can might may must want need think believe feel guess hope wish suppose know mean recommend suggest " +
    "love hate agree prefer do don't did doubt expect imagine assume bet wonder understand see find consider also always just really " +
    'personally usually often typically first then'
  ).split(' '),
);
/** Words that put "I …" in a subordinate clause ("how I reason") rather than state what the writer does. */
const SUBORDINATE = new Set(['how', 'what', 'why', 'where', 'whether', 'if', 'that', 'which']);
const HABIT_ADVERB = new Set(['usually', 'always', 'often', 'typically', 'also', 'first', 'then', 'regularly', 'generally', 'normally', 'mostly', 'actively', 'closely', 'personally', 'continuously', 'constantly']);

/** Past tenses spelled like their base form: at the start of a bullet they read as instructions ("Set a floor"). */
const SAME_AS_BASE = new Set(['set', 'put', 'let', 'hit', 'read', 'run', 'spread', 'quit', 'split', 'shut', 'cost', 'bet']);

/** "You" in a description of what the reader sees or could do there, not advice. */
const DESCRIPTIVE_YOU = /\bas you (?:can |could |may |might |would |'d )?(?:see|imagine|tell|guess|know|expect|notice|remember)\b|\byou can see\b|\blets? you (?:know|see)\b|\b(?:where|which|that) you (?:can|could|may|might)\b/g;

/** The words that address the reader, as the test in {@link readSentence} finds them. */
const READER_WORDS = new Set(['you', 'your', "you're", 'yourself', "you've", "you'll"]);

function readSentence(lower: string[], sentence: string): 'narrative' | 'resume' | 'practice' | 'instruction' | 'hypothetical' | 'other' {
  // "**What I would do differently:**", "What I learned": a label over a story's lessons, not a case answer.
  if (lower.length <= 8 && /:[\s*_]*$/.test(sentence) && REFLECTION_TITLE.test(sentence.replace(/^[\s>*_+-]+/, ''))) return 'other';
  let firstPersonPast = false;
  let practice = false;
  let hypothetical = false;
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i];
    const subject = FIRST_PERSON_SUBJECT.has(w) ? w : w === "i've" || w === "we've" ? 'perfect' : w === "i'd" || w === "we'd" || w === "i'll" || w === "we'll" ? 'hyp' : undefined;
    if (!subject) {
      // "my team / our squad" as the subject of a past verb.
      if ((w === 'my' || w === 'our') && i + 2 < lower.length && isPast(lower[i + 2])) firstPersonPast = true;
      continue;
    }
    if (subject === 'hyp') {
      hypothetical = true;
      continue;
    }
    // "Why we did the action.", "How I helped the team": a prompt or a label, not an account.
    if (i === 1 && (lower[0] === 'why' || lower[0] === 'how')) continue;
    let j = i + 1;
    const conditional = i > 0 && CONDITIONAL.has(lower[i - 1]);
    if (subject === 'perfect') {
      if (j < lower.length && (isPast(lower[j]) || PARTICIPLE.has(lower[j])) && !conditional) firstPersonPast = true;
      continue;
    }
    const next = lower[j];
    if (w === 'i' && !(i > 0 && SUBORDINATE.has(lower[i - 1])) && !/:\s*$/.test(sentence)) {
      // "I run refinement every week", "I usually start by…": how the writer works, told as experience.
      let k = j;
      while (k < lower.length && HABIT_ADVERB.has(lower[k]) && k < j + 2) k++;
      const verb = lower[k];
      if (verb && !NOT_PRACTICE.has(verb) && !isPast(verb) && /^[a-z]{2,}$/.test(verb) && !/ly$/.test(verb)) practice = true;
    }
    // "…so we could demo with a stub", "so that I would know": the purpose of a past action, not a hypothetical.
    const purpose = (next === 'could' || next === 'would' || next === 'might') && i > 0 && (lower[i - 1] === 'so' || (lower[i - 1] === 'that' && lower[i - 2] === 'so'));
    if (purpose) continue;
    if (next === 'would' || next === 'will' || next === 'should' || next === 'could' || next === 'can' || next === 'might' || next === 'want') {
      hypothetical = true;
      continue;
    }
    // "I am going to…", "we are planning to…" is a plan; "We are 2 teams", "I am stuck" a state,
    // which says nothing of what the writer would do.
    if (next === 'am' || next === 'are' || next === "'m") {
      if (/^(?:going|planning|about|hoping)$/.test(lower[j + 1] ?? '') && /^(?:to)$/.test(lower[j + 2] ?? '')) hypothetical = true;
      continue;
    }
    let sawHad = false;
    let sawHave = false;
    if (next === 'was' || next === 'were') {
      // "I was a PO" is a state; "I was asked to…", "we were forced to…" recount what happened.
      const after = lower[j + 1] === 'then' || lower[j + 1] === 'also' ? lower[j + 2] : lower[j + 1];
      if (after && (isPast(after) || PARTICIPLE.has(after)) && after !== 'was' && after !== 'were') firstPersonPast = true;
      continue;
    }
    while (j < lower.length && ADVERB_OR_AUX.has(lower[j]) && j < i + 3) {
      sawHad ||= lower[j] === 'had';
      sawHave ||= lower[j] === 'have';
      j++;
    }
    if (sawHave && conditional) continue;
    if ((j < lower.length && (isPast(lower[j]) || ((sawHave || sawHad) && PARTICIPLE.has(lower[j])))) || sawHad) firstPersonPast = true;
  }
  // "Tell me about a time you…" is a prompt (a question), not advice to the reader.
  if (BEHAVIOURAL_PROMPT.test(sentence) && !firstPersonPast) return 'other';
  // "You clicked Record", "as you can see", "where you can add one": describing a screen or a
  // past flow to the reader, not advising them.
  // Only a word that is one of these can address the reader (blanking a phrase leaves none new), so
  // most sentences are spared the joining and the two patterns.
  const addressesReader =
    lower.some((w) => READER_WORDS.has(w)) &&
    /(?:^| )(?:you|your|you're|yourself|you've|you'll)(?= |$)/.test(
      lower
        .map((w, k) => (w === 'you' && k + 1 < lower.length && isPast(lower[k + 1]) && lower[k + 1] !== 'was' && lower[k + 1] !== 'were' ? '-' : w))
        .join(' ')
        .replace(DESCRIPTIVE_YOU, ' '),
    );
  // "I used to think saying yes was how you proved yourself": a generic "you" inside an account.
  if (firstPersonPast) return 'narrative';
  if (addressesReader) return 'instruction';
  if (practice && !hypothetical) return 'practice';
  // A resume-style bullet or line: "Led the pricing review", "Cut scope by 30%" — the subject is
  // the writer. A participle that names or labels ("Owned by the PO", "Guided pickup pin",
  // "Projected capacity: …") is not.
  const lead = /^[\s>]*(?:[-*+]\s+|\d{1,3}[.)]\s+)?[*_]{0,2}(?:[A-Z][a-z]+ly\s+)?([A-Za-z][a-z]+(?:-[a-z]+)?)\b[*_]{0,2}\s+(\S+)/.exec(sentence);
  if (lead) {
    const first = lead[1].toLowerCase();
    const next = lead[2].toLowerCase().replace(/[*_,;:.]+$/, '');
    const label = /^[^:]{0,40}:/.test(sentence.replace(/^[\s>*_+-]*(?:\d{1,3}[.)]\s*)?/, ''));
    // Short generic bullets ("Led a team project") are how guides list kinds of stories; an account has specifics.
    const specific = lower.length >= 6 || /\d/.test(sentence);
    const verb = first.replace(/^(?:re|co|un|over|under|out)-/, '');
    const passive = PASSIVE_NEXT.has(next);
    if (/^[A-Z]/.test(lead[1]) && isPast(verb) && !LABEL_PARTICIPLE.has(verb) && !SAME_AS_BASE.has(verb) && !label && specific && !passive && !/\?\s*[*_]*\s*$/.test(sentence) && !['was', 'were', 'had', 'did'].includes(verb)) return 'resume';
    if (IMPERATIVE.has(first)) return 'instruction';
  }
  return hypothetical ? 'hypothetical' : 'other';
}

/** Shortens a quote for a reason: at most ~60 characters, on a word boundary. */
function quote(text: string): string {
  const t = text.replace(/[*_`]/g, '').trim();
  if (t.length <= 60) return `"${t}"`;
  const cut = t.slice(0, 60).replace(/\s+\S*$/, '');
  return `"${cut}…"`;
}

/**
 * Decides what one story-level section is. Order: the writer's own word (a loop tag, a kind
 * tag), then what its heading names (logistics, reference, artifact), then what its body does.
 */
function decideByText(input: SectionInput): KindDecision {
  const loopTag = input.tags.find((t) => LOOP_TAGS.has(t));
  if (loopTag) return { kind: 'story', reason: `it has a loop tag (#${loopTag})` };
  const axisTag = input.tags.find((t) => AXIS_TAGS.has(t));
  if (axisTag) return { kind: 'story', reason: `it has an axis tag (#${axisTag})` };
  const kindTag = input.tags.find((t) => KIND_TAGS[t]);
  if (kindTag) return { kind: KIND_TAGS[kindTag], reason: `it is tagged #${kindTag}` };

  const title = input.title
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d{1,3}(?:\.\d{1,3})*|[a-z])[.):]\s+/i, '')
    .replace(/[*_`]/g, '')
    .trim();
  // The big heading patterns are lower case (see testLower): the title is lowered once for all.
  const low = asciiLower(title);
  // User stories and their criteria with nothing else told around them: a backlog item, whatever
  // its heading ("Schedule appointments" is no interview logistics) and however many of its
  // criteria are written "I should see …".
  let backlog: boolean | undefined;
  const onlyStories = () => (backlog ??= storiesAreTheSubstance(input));
  if ((LOGISTICS_HEADINGS.some((re) => re.test(low)) || isWhyCompany(title, input.company)) && !onlyStories()) {
    return { kind: 'logistics', reason: `its heading (${quote(title)}) is interview logistics or your pitch, not a story of your work` };
  }
  const body = readBody(input.prose, input.raw);
  if (notEnglish(body)) {
    return { kind: 'reference', reason: 'it is not in English, which Prep Loop cannot read yet, so it is not judged as a story' };
  }
  // A blog's or notes' introduction that opens by introducing the writer ("Hi, I'm Dana.", "This
  // is Ortega.") says who you are and how the team was set up: an intro, not an account of
  // something you did, however many "I was…" lines it holds.
  const intro = INTRO_HEADING.test(title) && body.firstSentence ? SELF_INTRODUCTION.exec(body.firstSentence) : null;
  if (intro) return { kind: 'logistics', reason: `it is an introduction: it opens by introducing you (${quote(intro[0])}) and sets the scene, not a story of something you did` };
  // A title told as an action ("Sliced the payments epic", "How I cut the roadmap") names a story's topic, not a kind of notes.
  const toldTitle = narrativeTitle(title);
  // A heading that is a sentence or a question ("Who owns the Sprint Backlog?") names no artifact.
  const sentenceLike = /[?.!]\s*$/.test(title) || (title.match(WORD)?.length ?? 0) > 7;
  const question = /\?\s*$/.test(title);
  // A heading whose notes or artifact word only qualifies another ("Scope slip", "Pricing model
  // change") is weak: what the text recounts decides, and an account of your own work outvotes it.
  // One that is the artifact's name ("Scope", "Out of scope", "Data model") keeps its say.
  const recounts = () => body.narrative > 0 || body.resume >= 2;
  const heading = toldTitle
    ? undefined
    : input.isPrdTitle
      ? 'artifact'
      : question || headingNamesNotes(low, recounts)
        ? 'reference'
        : !sentenceLike && headingNamesArtifact(title, low, recounts)
          ? 'artifact'
          : undefined;
  if (toldTitle && body.narrative === 0 && body.sentences > 0 && body.instruction === 0 && body.hypothetical === 0 && body.questions === 0) {
    // "## Shipped the checklist" over a third-person line: the title carries the first person.
    // The reason quotes the text, never the heading: "What I did" is no evidence of anything.
    body.narrative = 1;
    body.firstNarrative = body.firstResume ?? body.firstPractice ?? body.firstSentence;
  }

  // Artifacts by shape — unless the heading names reference notes ("Practice question bank",
  // "Framework: A/B testing questions"), whose examples may look like an artifact. User stories
  // make an artifact when they are what the section is, not examples in an explanation.
  const shapeCounts = heading !== 'reference' || WEAK_REFERENCE_HEADING.test(title);
  if (shapeCounts && input.userStories > 0 && ((body.narrative <= input.userStories && (input.userStories >= body.sentences * 0.3 || heading === 'artifact')) || onlyStories())) return { kind: 'artifact', reason: `it holds ${input.userStories === 1 ? 'a user story' : `${input.userStories} user stories`}` };
  // Three or more work items with their points ("| Export CSV | 5 |", "Dark mode (5 pts)") and no
  // account around them: a sprint plan or a backlog.
  if (shapeCounts && (input.estimates ?? 0) >= 3 && body.narrative < 2) return { kind: 'artifact', reason: `it lists ${input.estimates} work items with story-point estimates (a sprint plan or a backlog)` };
  if (shapeCounts && body.gherkin >= 2 && body.narrative < body.gherkin) return { kind: 'artifact', reason: 'it holds Given/When/Then acceptance criteria' };
  if (heading === 'artifact' && body.narrative < 3) return { kind: 'artifact', reason: `its heading (${quote(title)}) names an artifact` };
  if (shapeCounts && body.placeholders >= 2 && body.narrative <= body.placeholders / 2) return { kind: 'artifact', reason: 'it is a template with placeholders to fill in' };
  if (shapeCounts && body.lines > 0 && body.codeLines >= body.lines && body.narrative === 0) return { kind: 'artifact', reason: 'it is code or a diagram' };

  // Lists of questions or links.
  if (body.items >= 2 && body.questions >= Math.max(2, body.items * 0.5) && body.narrative < 2) return { kind: 'reference', reason: 'it is a list of questions' };
  if (body.questions >= 3 && body.questions >= body.sentences * 0.5 && body.narrative < 2) return { kind: 'reference', reason: 'it is a list of questions' };
  if (body.items >= 2 && body.linkItems >= body.items * 0.5 && body.narrative < 2) return { kind: 'reference', reason: 'it is a list of links' };
  if (body.lines > 0 && body.tableLines >= body.lines * 0.6 && body.narrative < 2) return { kind: 'reference', reason: 'it is a table' };

  // A first-person account of the writer's own work: past events, or (two or more sentences of)
  // how the writer works, the way an interview answer is told.
  // Resume-style bullets count when there are several and nothing names the section reference
  // notes: one past-tense bullet, a changelog or a roadmap column are not an account.
  const told = body.narrative + (body.practice >= 2 ? body.practice : 0) + (body.resume >= 2 && heading !== 'reference' ? body.resume : 0);
  const sure = told >= 2 || (told === 1 && (body.sentences <= 4 || (body.instruction === 0 && body.hypothetical === 0 && body.questions === 0)));
  const prompt = BEHAVIOURAL_PROMPT.test(title);
  // A generic heading ("Overview", "Summary") over an account of what you did names no notes of its own.
  const plainAccount = WEAK_REFERENCE_HEADING.test(title) && body.narrative > 0 && body.instruction === 0 && body.hypothetical === 0 && body.questions === 0;
  // A quote and nothing else is someone's words: a line of feedback ("The clearest spec our team got
  // this year.") or a testimonial is no account of your own work. A story kept as a quote is told
  // at length, under a heading that does not name what others said.
  if (body.quoted && namesExamples(title)) {
    return { kind: 'reference', reason: `its heading (${quote(title)}) names a worked example, and its text is a quote: an illustration of how to answer, not a story of your own work` };
  }
  if (body.quoted && (body.words < 15 || QUOTES_HEADING.test(title))) {
    return { kind: 'reference', reason: `its text is only a quote${body.firstSentence ? ` (${quote(body.firstSentence)})` : ''}: someone's words, not an account of your own work` };
  }
  if (told > 0 && sure && told >= body.instruction && told > body.hypothetical && (heading !== 'reference' || question || told >= 3 || plainAccount)) {
    const quoteOf = body.narrative ? body.firstNarrative : body.resume >= 2 ? body.firstResume : body.firstPractice;
    return { kind: 'story', firstPerson: /\b(?:I|[Ww]e|[Mm]y|[Oo]ur)\b/.test(input.prose), reason: `${prompt || question ? 'it answers the question from your own experience' : 'it recounts your own work'} (${quote(quoteOf ?? '')})` };
  }
  if (body.starKinds >= 3 && body.placeholders === 0 && body.variables === 0 && body.exampleLabels === 0 && body.hypothetical === 0 && body.instruction <= 2 && body.words >= 40) {
    return { kind: 'story', reason: 'it is told as Situation, Task, Action and Result' };
  }
  if (heading === 'reference') return { kind: 'reference', reason: question ? 'it is a question with notes on answering it, not an account of your own work' : `its heading (${quote(title)}) names reference notes` };
  if (heading === 'artifact') return { kind: 'artifact', reason: `its heading (${quote(title)}) names an artifact` };
  if (body.words === 0) return { kind: 'reference', reason: body.lines === 0 ? 'it has no text yet' : 'it has no sentence of its own (only markup, numbers or short quotes)' };
  if (body.instruction > 0 && body.instruction >= body.narrative) return { kind: 'reference', reason: 'it gives advice or instructions rather than recounting your own work' };
  if (body.hypothetical > body.narrative) return { kind: 'reference', reason: 'it says what you would do, not what you did' };
  return { kind: 'reference', reason: 'no sentence in it recounts your own work in the first person ("I …", "we …")' };
}

/**
 * Whether a section's user stories and their criteria are its substance: with them blanked, what
 * is left tells no account of your own work (no past-tense first person, no "how I work") and is
 * short next to them (a priority line, an estimate, a note), not an explanation that quotes a story.
 */
function storiesAreTheSubstance(input: SectionInput): boolean {
  const spans = input.storySpans;
  if (!input.userStories || !spans?.length) return false;
  const blank = (text: string) => {
    let out = '';
    let at = 0;
    for (const [a, b] of spans) {
      if (a < at || b > text.length) continue;
      out += text.slice(at, a) + text.slice(a, b).replace(/[^\r\n]/g, ' ');
      at = b;
    }
    return out + text.slice(at);
  };
  const rest = readBody(blank(input.prose), blank(input.raw));
  return rest.narrative === 0 && rest.practice < 2 && rest.resume < 2 && input.userStories >= rest.sentences * 0.3;
}

/** Whether a heading reads as something the writer did: it starts with a past-tense verb, or says I/we/my/our. */
export function narrativeTitle(title: string): boolean {
  // A parenthesis qualifies a label ("Included (no placeholders)"): it is not the verb's object.
  const words = title.replace(/\([^)]*\)/g, ' ').match(WORD);
  if (!words) return false;
  const first = words[0].toLowerCase();
  if (/\?\s*$/.test(title)) return false;
  // "What I learned as a PO", "Lessons we took away": a reflection on the work, not an account of it.
  if (REFLECTION_TITLE.test(title)) return false;
  // "What I would do next", "If I were the PM", "Next steps": a plan or a hypothetical, not a past account.
  if (PLAN_TITLE.test(title)) return false;
  if (isPast(first) && !LABEL_PARTICIPLE.has(first) && words.length >= 2) return true;
  if (words.length < 3) return false;
  // "Tools I use", "What we look for", "How I work": how the writer works now, a list to come — not an event.
  const present = words.some((w, i) => /^(?:i|we)$/i.test(w) && PRESENT_AFTER_SUBJECT.has((words[i + 1] ?? '').toLowerCase()));
  return !present && words.some((w) => /^(?:i|we|my|our|i'?ve|we'?ve)$/i.test(w));
}

/** Headings that name a plan or a hypothetical: "What I would do next", "What I'd build", "If I were the PM", "Next steps". */
const PLAN_TITLE = /\b(?:i|we)\s+(?:would|will|shall|should|could|might|may|can|plan to|intend to|am going to|are going to)\b|\b(?:i|we)['’](?:d|ll)\b|\bif (?:i|we) (?:were|was|had|could|joined|owned|ran|led)\b|^(?:my |our |the )?next steps?\b/i;

/** Headings that name lessons drawn from the work rather than the work itself. */
const REFLECTION_TITLE = /^(?:what|lessons?|things?|takeaways?)\b(?: (?:i|we))?(?: have| 've| would| 'd)? (?:learn(?:ed|t)|took away|taken away|would do differently|'d do differently|wish)\b|^(?:what )?(?:i|we) (?:learn(?:ed|t)|took away)\b/i;

/** Present-tense verbs that, after "I" or "we" in a heading, name a habit or a list rather than a past event. */
const PRESENT_AFTER_SUBJECT = new Set(
  'use work do look need want like love think believe know prefer ask bring value read follow recommend am are have keep bring check track watch measure care'.split(' '),
);

/**
 * Decides what one story-level section is ({@link decideByText}), then asks of a section that
 * reads as a story only because of its text whether it is the writer's own at all: a worked
 * example or a model answer ({@link illustration}), or how the writer goes about a kind of work
 * with no past event in it ({@link approachAnswer}). Either is reference notes, with the evidence
 * in the reason; a loop, axis or kind tag keeps the writer's word.
 */
export function decideKind(input: SectionInput): KindDecision {
  const d = decideByText(input);
  if (d.kind !== 'story' || input.tags.some((t) => LOOP_TAGS.has(t) || AXIS_TAGS.has(t) || KIND_TAGS[t])) return d;
  return illustration(input) ?? approachAnswer(input) ?? d;
}

/** A heading's words without leading emoji, numbering and markup. */
function plainTitle(title: string): string {
  return title
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d{1,3}(?:\.\d{1,3})*|[a-z])[.):]\s+/i, '')
    .replace(/[*_`]/g, '')
    .trim();
}

/**
 * Headings over worked examples or model answers ("Worked examples", "Sample answers", "Model
 * answer: …", "Examples"): what follows illustrates how to answer; it is nobody's own story.
 * Not "Example 1: …" alone (a story bank may number its stories so), nor "My examples".
 */
const EXAMPLES_HEADING = /^(?:examples?(?:\s*\(\d+\))?$|(?:worked|sample|model|example|illustrative|annotated)\s+(?:examples?|answers?|responses?|stories|flows?|walk-?throughs?|scripts?|pitch(?:es)?)\b)/i;

/** Whether a heading names worked examples or model answers (see {@link EXAMPLES_HEADING}); never one in the first person. */
export function namesExamples(title: string): boolean {
  const t = plainTitle(title);
  return EXAMPLES_HEADING.test(t) && !/\b(?:my|our|mine|i|we)\b/i.test(t);
}

/** A label that gives the story to someone else: "(real story from instructor)", "The coach's example". */
const OTHERS_STORY =
  /\b(?:stor(?:y|ies)|examples?|answers?)\s+(?:from|by|of)\s+(?:the\s+|an?\s+|our\s+|my\s+)?(?:instructor|coach|teacher|mentor|host|speaker|guest|interviewer|course|presenter|trainer|lecturer|panel(?:l)?ist|workshop|class|hiring manager|recruiter)s?\b|\b(?:instructor|coach|teacher|mentor|host|speaker|guest|presenter|trainer|lecturer)['’]s\s+(?:own\s+|real\s+)?(?:stor(?:y|ies)|examples?|answers?)\b|\b(?:not my (?:own )?story|someone else['’]s story)\b/i;
/** Labels of the poor half and the good half of a model-answer pair ("Wrong answer" / "Right answer"). */
const POOR_ANSWER = /\b(?:wrong|bad|weak|poor|mediocre|generic|average)\s+(?:answers?|responses?|examples?|versions?)\b(?!\s+(?:times?|rates?)\b)/i;
const GOOD_ANSWER = /\b(?:right|good|strong|stronger|better|great|excellent|ideal|model|improved)\s+(?:answers?|responses?|examples?|versions?)\b(?!\s+(?:times?|rates?)\b)/i;

/**
 * The labels in a body, where a writer says what a passage is: sub-headings, bold spans,
 * parentheses and the words before a line's colon ("Right answer (PRISM with real story):").
 * A label, not a sentence: "I took an example from the course" in an account is no label.
 */
function labels(raw: string): string[] {
  const out: string[] = [];
  for (const line of raw.split('\n')) {
    const h = /^\s{0,3}#{1,6}\s+(.+)$/.exec(line);
    if (h) out.push(h[1]);
    for (const m of line.matchAll(/\*\*([^*\n]{2,80})\*\*|__([^_\n]{2,80})__|\(([^()\n]{2,80})\)/g)) out.push(m[1] ?? m[2] ?? m[3]);
    const label = /^\s*(?:[-*+]\s+|>\s*)?([^:\n]{2,60}):/.exec(line);
    if (label) out.push(label[1]);
  }
  return out.map((l) => l.replace(/[*_`]/g, '').replace(/[\s:.,;–—-]+$/, '').trim()).filter(Boolean);
}

/**
 * Whether a section that reads as a story is an illustration of one: a worked example or model
 * answer in reference notes, not the writer's own account. Its heading names worked examples or
 * sample answers (and so do the `###` examples under such a heading, which are no group of
 * stories: see {@link isGroup}), a label gives the story to someone else ("real story from
 * instructor"), or labels pair a poor answer with a good one ("Wrong answer" / "Right answer").
 */
function illustration(input: SectionInput): KindDecision | undefined {
  if (namesExamples(input.title)) {
    return { kind: 'reference', reason: `its heading (${quote(plainTitle(input.title))}) names worked examples or sample answers: illustrations of how to answer, not stories of your own work` };
  }
  const found = labels(input.raw);
  const others = found.find((l) => OTHERS_STORY.test(l));
  if (others) return { kind: 'reference', reason: `it is labelled as someone else's story (${quote(others)}): an illustration of an answer, not a story of your own work` };
  const poor = found.find((l) => POOR_ANSWER.test(l));
  const good = poor ? found.find((l) => GOOD_ANSWER.test(l) && !POOR_ANSWER.test(l)) : undefined;
  if (poor && good) return { kind: 'reference', reason: `it pairs a poor answer with a good one (${quote(poor)}, ${quote(good)}): a model answer, not a story of your own work` };
  return undefined;
}

/** Headings that ask how you go about a kind of work ("How do you measure success?", "What's your approach to…"). */
const HOW_YOU_WORK_QUESTION =
  /^(?:how (?:do|would|should|can|will) (?:you|i)\b|what(?:'s|’s| is| are) your (?:approach|process|framework|method|philosophy|way)\b|how (?:you|i) (?:approach|measure|prioriti[sz]e|decide|evaluate|handle|define|think about)\b)/i;
/** Labels that present the writer's method: "My approach:", "My measurement framework:", "The litmus test I use:". */
const APPROACH_LABEL = /^(?:my|our|the)\s+(?:[a-z-]+\s+){0,2}(?:approach|framework|process|method|methodology|playbook|philosophy|principles|rules? of thumb|litmus test|mental model)\b/i;

/**
 * Whether a section that reads as a story only because of how the writer works in the present
 * ("I start with a question…", "Then I work backward…") is an approach answer: no past event
 * in it, no resume lines, not under a heading told as an event, and either its heading asks how
 * you go about it ("How do you measure success?") or a label presents it as the writer's method
 * ("My approach:", "My measurement framework:"). An answer like that explains a framework; it is
 * no STAR story, so there is no result to ask for and no drill it proves.
 */
function approachAnswer(input: SectionInput): KindDecision | undefined {
  const body = readBody(input.prose, input.raw);
  if (body.narrative > 0 || body.resume >= 2 || body.practice < 2) return undefined;
  const title = plainTitle(input.title);
  if (narrativeTitle(title)) return undefined;
  const label = labels(input.raw).find((l) => APPROACH_LABEL.test(l));
  const asks = HOW_YOU_WORK_QUESTION.test(title);
  if (!label && !asks) return undefined;
  const how = quote(body.firstPractice ?? '');
  const where = label ? `sets out your method (${quote(label)}) in the present tense` : `answers ${quote(title)} with how you usually go about it`;
  return { kind: 'reference', reason: `it ${where} (${how}) and recounts no past event: an approach answer, not a story of your own work` };
}

function isWhyCompany(title: string, company: string | undefined): boolean {
  if (!company || !/^why\b/i.test(title)) return false;
  const c = company.trim().toLowerCase();
  return c.length >= 2 && title.toLowerCase().includes(c);
}

/** What {@link isGroup} reads about one `###` child of a section. */
export interface ChildInput {
  title: string;
  tags: readonly string[];
  kind: SectionKind;
  /** What {@link toldInStarParts} finds in its body: what the writer did, when it is told in its own Situation, Action and Result. */
  starParts?: string | undefined;
}

/** A STAR/CAR label at the start of a line ("**Situation:**", "- Action –", "Result:"): group 1 the part. */
const PART_LABEL_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?[ \t]*(situation|context|challenge|background|problem|task|actions?|results?|outcomes?|impact)[ \t]*(?:\*\*|__)?[ \t]*[:–—-][ \t]*(?:\*\*|__)?[ \t]*(.*)$/gim;

/**
 * Whether a text carries the full parts of one story of its own, each a label at the start of a
 * line: a situation (or task, context, challenge), an action and a result, the action told as done
 * ("**Action:** Moved it to non-goals", "Action: I ran five calls"). Returns the action's words, quoted,
 * as the evidence, or undefined. A guide's definitions ("**Action:** Describe what you did") and a
 * template's slots ("Action: [what you did]") are not told as done.
 */
export function toldInStarParts(prose: string, raw: string = prose): string | undefined {
  if (!prose.includes(':') && !/[–—-]/.test(prose)) return undefined;
  let setup = false;
  let result = false;
  let action: string | undefined;
  let actionLabel = false;
  for (const m of prose.matchAll(PART_LABEL_LINE)) {
    const part = m[1].toLowerCase();
    const rest = m[2].replace(/[*_`]/g, '').trim();
    if (part.startsWith('action')) {
      actionLabel = true;
      const words = rest.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
      const first = words[0]?.toLowerCase();
      const verb = first === 'i' || first === 'we' ? words[1]?.toLowerCase() : first;
      if (!action && verb && isPast(verb) && rest.search(SLOT) < 0) action = rest;
    } else if (/^(?:results?|outcomes?|impact)$/.test(part)) result = result || rest.length > 0;
    else setup = setup || rest.length > 0;
  }
  if (!(setup && result && actionLabel && action)) return undefined;
  // An outline to copy ("**Example outline:**", "Built feature X, users wanted Y", "[metric]") or
  // parts told to the reader ("Describe how you…", "I would…") are no story of the writer's own;
  // one note to the reader ("*Personalize it with your own numbers.*") does not make it one.
  const b = readBody(prose, raw);
  if (b.exampleLabels > 0 || b.variables > 0 || b.placeholders > 0 || b.hypothetical > 0 || b.instruction > 1) return undefined;
  return quote(action);
}

/**
 * Whether a story-level section is a group heading over stories one level down (`## PM loop`
 * over `###` stories): some child carries a loop tag, or at least two children read as
 * stories, none of them is a part of one story (Situation, Result…), and the section's own
 * text before them recounts nothing itself. A heading that names worked examples or sample
 * answers ({@link namesExamples}) groups illustrations, not stories, unless a child is tagged.
 * `ownNarrative` may be a function, called only when the answer depends on it (reading the
 * section's own text costs a body scan).
 */
export function isGroup(title: string, ownNarrative: number | (() => number), children: readonly ChildInput[]): KindDecision | undefined {
  if (!children.length) return undefined;
  // "## Worked examples" over "### Example 1": illustrations, no group of your stories (unless you tag one).
  if (namesExamples(title) && !children.some((c) => c.tags.some((t) => LOOP_TAGS.has(t)))) return undefined;
  // "## What I did" over "### Discovery", "### Delivery": the parts of one part of a story.
  if (STORY_PART_HEADING.test(title.replace(/[*_`]/g, '').trim())) return undefined;
  if (children.some((c) => STORY_PART_HEADING.test(c.title.replace(/[*_`]/g, '').trim()))) {
    // Story parts: unless a part is itself tagged, this is one story told in parts.
    if (!children.some((c) => c.tags.some((t) => LOOP_TAGS.has(t)))) return undefined;
  }
  const tagged = children.filter((c) => c.tags.some((t) => LOOP_TAGS.has(t))).length;
  if (tagged) return { kind: 'group', reason: `it groups ${tagged === 1 ? 'a tagged story' : `${tagged} tagged stories`} one heading level down` };
  // Two or more blocks each told in its own Situation, Action and Result are stories of their own.
  const told = children.filter((c) => c.starParts !== undefined).length;
  if (told >= 2) return { kind: 'group', reason: `it groups ${told} stories one heading level down, each told in its own Situation, Action and Result` };
  const stories = children.filter((c) => c.kind === 'story').length;
  if (stories >= 2 && (typeof ownNarrative === 'function' ? ownNarrative() : ownNarrative) === 0 && (stories >= children.length / 2 || GROUP_HEADING.test(title))) {
    return { kind: 'group', reason: `it groups ${stories} stories one heading level down` };
  }
  return undefined;
}

/** The role of a part heading in a story told in parts: what happened, what you did, what came of it, what you took from it. */
export type StoryPartRole = 'situation' | 'action' | 'result' | 'learning' | 'other';

const PART_ROLES: readonly [StoryPartRole, RegExp][] = [
  ['situation', /^(?:\d+[.)]\s*)?(?:s|t|c|situation|task|context|background|challenge|problem|the ask)\b/i],
  ['action', /^(?:\d+[.)]\s*)?(?:a|approach|what i did|actions?)\b/i],
  ['result', /^(?:\d+[.)]\s*)?(?:r|results?|outcomes?|impact|metrics|numbers)\b/i],
  ['learning', /^(?:\d+[.)]\s*)?(?:learnings?|lessons?|what i learned|reflection|takeaways?)\b/i],
];

/** The role of a heading that names a part of one STAR/CAR story ("Context", "What I did", "Results"), or undefined. */
export function storyPartRole(title: string): StoryPartRole | undefined {
  const t = title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[*_`]/g, '').trim();
  if (!STORY_PART_HEADING.test(t)) return undefined;
  return PART_ROLES.find(([, re]) => re.test(t))?.[0] ?? 'other';
}

/**
 * Headings that name the result part of one story in words the STAR names lack: "The result",
 * "Final outcome", "What changed", "Where it landed", "The payoff".
 */
const RESULT_PART =
  /^(?:\d+[.)]\s*)?(?:the |final |key |our |my |early )?(?:results?|outcomes?|impact|payoff|pay-off|numbers|metrics|aftermath|what (?:changed|happened(?: next)?|came of it)|where (?:it|we) landed|how it (?:went|turned out|ended))\b/i;

/** First words of a heading that names one step of a story rather than a story of its own ("The hook", "Your decision", "What I'd do differently"). */
const PART_OPENER = /^(?:the|a|an|my|your|our|what|how|why|when|where|who|which|looking|lessons?|key|final|next|before|after|first|then)\b/i;

/** The most parts one story is told in: more `##` sections than this under a title are notes, not one story. */
export const MAX_STORY_PARTS = 12;

/**
 * How a story-level heading reads under a title: `part` when it names one step of a story
 * ("Context", "The hook", "Your decision", "The result", "Discovery"), `name` when it names a
 * story of its own ("DataCamp: paywall redesign", "Led the billing migration", "Tell me about a
 * time you failed"), as a story bank's headings do.
 */
export function partHeading(title: string): 'part' | 'name' {
  const t = title
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d{1,3}(?:\.\d{1,3})*|[a-z])[.):]\s+/i, '')
    .replace(/[*_`]/g, '')
    .trim();
  if (!t) return 'part';
  if (storyPartRole(t) || RESULT_PART.test(t)) return 'part';
  if (BEHAVIOURAL_PROMPT.test(t)) return 'name';
  // "Acme: Paywall redesign" names a story; "Phase 2: Results" a part of one.
  const colon = /^([^:]+?)\s*(?::|\s[–—-]\s)\s*(.+)$/.exec(t);
  if (colon) return [colon[1], colon[2]].some((x) => storyPartRole(x.trim()) || RESULT_PART.test(x.trim())) || /^(?:phase|step|part|stage|week|day|act|chapter)\s*\d+$/i.test(colon[1].trim()) ? 'part' : 'name';
  const words = t.match(WORD) ?? [];
  if (words.length > 6) return 'name';
  if (PART_OPENER.test(t)) return 'part';
  if (narrativeTitle(t)) return 'name';
  return words.length <= 3 ? 'part' : 'name';
}

/** Headings that name what a story taught its teller: "Learnings", "Looking back", "What I'd do differently", "Next time". */
const LESSON_PART = /^(?:\d+[.)]\s*)?(?:looking back|in hindsight|next time|retrospective|reflections?|(?:key |my )?(?:learnings?|lessons?(?: learned)?|takeaways?)|what (?:i|we) (?:learned|learnt|took away|would do differently|would change|'d do differently|['’]d do differently))\b/i;

/** Whether a heading names the lessons part of one story ("Key learnings", "Looking back", "What I'd do differently"). */
export function namesLessonPart(title: string): boolean {
  const t = title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[*_`]/g, '').trim();
  return storyPartRole(t) === 'learning' || LESSON_PART.test(t) || REFLECTION_TITLE.test(t);
}

/** Whether a heading names the result part of one story ("Results", "The outcome", "What changed"). */
export function namesResultPart(title: string): boolean {
  const t = title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[*_`]/g, '').trim();
  return storyPartRole(t) === 'result' || RESULT_PART.test(t);
}

/**
 * Whether a story-level section right under a title may be one part of a story told in parts,
 * judged from the section alone: untagged, no group or logistics, no heading that names notes
 * or asks a question (unless it names a step of a story: "Takeaways", "Follow-up questions"),
 * and not a story of its own under its own name (a story bank's "## Acme: Paywall redesign").
 * `kind` is what the section is alone.
 */
export function mayBeStoryPart(part: PartInput): boolean {
  if (part.kind === 'group' || part.kind === 'logistics') return false;
  if (part.tags.some((t) => LOOP_TAGS.has(t) || AXIS_TAGS.has(t) || KIND_TAGS[t])) return false;
  const t = part.title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[*_`]/g, '').trim();
  const named = storyPartRole(t) !== undefined || RESULT_PART.test(t);
  // Notes ("Tips", "Resources", "Practice questions") are no step of a story. A part named like
  // an artifact ("Problem statement", "Success metrics") may be one: the parts read together decide.
  // A notes word that only qualifies another ("## Pricing model change") over an account is no
  // notes heading: the heading-word rule of section kinds, the part's own kind its text.
  if (!named && ((headingNamesNotes(asciiLower(t), () => part.kind === 'story') && !WEAK_REFERENCE_HEADING.test(t)) || /\?\s*$/.test(t))) return false;
  return !(part.kind === 'story' && partHeading(t) === 'name');
}

/**
 * Whether a title one level above the stories may head one story told in parts ("# Customer
 * portal relaunch" over "## Context", "## What I did", "## Results"): not a title that names
 * notes, logistics or an artifact, nor a question.
 */
export function mayHeadStoryInParts(title: string): boolean {
  const t = title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[*_`]/g, '').trim();
  // The parts are not read yet: a word that only qualifies another ("# Scope slip") may head a
  // story, and the parts read together decide (storyInParts, storyInPartsByShape), as a
  // section's text does under "## Scope slip".
  const mayRecount = () => true;
  if (!t || /\?\s*$/.test(t) || titleNamesArtifact(t, mayRecount)) return false;
  const low = asciiLower(t);
  return narrativeTitle(t) || !(headingNamesNotes(low, mayRecount) || LOGISTICS_HEADINGS.some((re) => re.test(low)) || headingNamesArtifact(t, low, mayRecount));
}

/** What {@link storyInParts} reads about one part. */
export interface PartInput {
  title: string;
  tags: readonly string[];
  /** The kind the part has when judged alone. */
  kind: SectionKind;
}

/**
 * Whether a title and the story-level sections right under it are one story told in parts:
 * at least two parts named for different steps of one story (situation, action, result), at
 * least one that reads as a story on its own, none tagged as a story (or notes) of its own,
 * and no kind tag other than `#story` on the title. Undefined when they are not.
 */
export function storyInParts(titleTags: readonly string[], parts: readonly PartInput[]): KindDecision | undefined {
  if (parts.length < 2 || titleTags.some((t) => KIND_TAGS[t] && KIND_TAGS[t] !== 'story')) return undefined;
  if (parts.some((p) => p.kind === 'group' || p.kind === 'logistics' || p.tags.some((t) => LOOP_TAGS.has(t) || AXIS_TAGS.has(t) || KIND_TAGS[t]))) return undefined;
  const roles = new Set(parts.map((p) => storyPartRole(p.title)).filter((r) => r === 'situation' || r === 'action' || r === 'result'));
  if (roles.size < 2 || !parts.some((p) => p.kind === 'story')) return undefined;
  return { kind: 'story', reason: `it is one story told in parts (${partNames(parts)}), and its parts recount your own work` };
}

/**
 * Whether a title and the sections right under it, whatever the parts are called ("The hook",
 * "The puzzle", "Your decision", "The result"), are one story told in parts, by the doc's shape:
 * two to {@link MAX_STORY_PARTS} parts that may each be a part ({@link mayBeStoryPart}), one of
 * them after the first named as the result and followed by lessons only, at least one that reads
 * as your own work alone but not all of them, and all of them together (`joined`, the kind of the
 * title's text with its parts') a first-person account. Under a `title` that names one case study,
 * three or more such parts need no result part. A story bank (stories under their own
 * names, or under themes that each are an account) does not pass: its sections are no parts.
 */
export function storyInPartsByShape(titleTags: readonly string[], parts: readonly PartInput[], joined: () => KindDecision, title = ''): KindDecision | undefined {
  if (parts.length < 2 || parts.length > MAX_STORY_PARTS || titleTags.some((t) => KIND_TAGS[t] && KIND_TAGS[t] !== 'story')) return undefined;
  if (!parts.every(mayBeStoryPart) || !parts.some((p) => p.kind === 'story')) return undefined;
  let result = -1;
  parts.forEach((p, i) => {
    if (i > 0 && namesResultPart(p.title)) result = i;
  });
  // A title that calls the doc one case study ("Case study: Pivoting after discovery") heads one
  // story even when no part names its result: a case told in steps that never says what came of it
  // is the story story-result should speak to, at its real end.
  if (result < 0 && !(parts.length >= 3 && CASE_STUDY_TITLE.test(title.replace(/[*_`]/g, '')))) return undefined;
  // After the result only lessons follow ("What I'd do differently"); an account there is another
  // story, as in a bank sorted by theme ("## Impact" then "## Ambiguity").
  if (result >= 0 && parts.slice(result + 1).some((p) => p.kind === 'story' && !namesLessonPart(p.title))) return undefined;
  // Every part an account of its own is a bank sorted by theme ("## Leadership", "## Conflict",
  // "## Impact"): one story told in parts has a part that only sets the scene or gives the numbers,
  // unless every heading names a phase of one account ("Overview", "Implementation", "Results"),
  // as a blog post of one project is told: no bank names its stories so.
  if (parts.every((p) => p.kind === 'story') && !toldInPhases(parts)) return undefined;
  const d = joined();
  if (d.kind !== 'story' || d.firstPerson === false) return undefined;
  return { kind: 'story', reason: `it is one story told in parts (${partNames(parts)}), and together they recount your own work` };
}

/** Headings that name the set-up or the work of one account (what came of it and its lessons: {@link namesResultPart}, {@link namesLessonPart}). */
const PHASE_PARTS: readonly ['setup' | 'work', RegExp][] = [
  ['setup', /^(?:the )?(?:overview|summary|tl;?dr|context|background|situation|problem|challenge|the ask|motivation|goals?)\b/i],
  ['work', /^(?:the )?(?:approach|implementation|execution|delivery|solution|rollout|launch|build|what (?:i|we) did|actions?|how (?:i|we) (?:did|built|ran|shipped) it)\b/i],
];

/**
 * Whether every part's heading names a phase of one account, in order: a set-up first
 * ("Overview", "Context & problem"), then the work ("Implementation", "Delivery"), then what came
 * of it ("Results") and its lessons. A story bank sorted by theme ("Leadership", "Conflict",
 * "Impact") names no such phases.
 */
function toldInPhases(parts: readonly PartInput[]): boolean {
  const phaseOf = (title: string): number => {
    const t = title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/^(?:\d{1,3}(?:\.\d{1,3})*|[a-z])[.):]\s+/i, '').replace(/[*_`]/g, '').trim();
    if (namesResultPart(t)) return 2;
    if (namesLessonPart(t)) return 3;
    const p = PHASE_PARTS.find(([, re]) => re.test(t))?.[0];
    return p === 'setup' ? 0 : p === 'work' ? 1 : -1;
  };
  const phases = parts.map((p) => phaseOf(p.title));
  if (phases.some((x) => x < 0) || phases[0] !== 0 || !phases.includes(1) || !phases.includes(2)) return false;
  return phases.every((x, i) => i === 0 || x >= phases[i - 1]);
}

/** A title naming one case study (not "Case studies", a set of them). */
const CASE_STUDY_TITLE = /\bcase[- ]?study\b(?!\s*(?:template|outline|format|structure|framework|guide|questions?)\b)/i;

/** The parts' headings for a reason: the first four, then how many more. */
function partNames(parts: readonly PartInput[]): string {
  const shown = parts.slice(0, 4).map((p) => quote(p.title));
  return parts.length > 4 ? `${shown.join(', ')} and ${parts.length - 4} more` : shown.join(', ');
}

const KIND_NAMES: Record<SectionKind, string> = {
  story: 'Story',
  artifact: 'Artifact',
  reference: 'Reference notes',
  logistics: 'Interview logistics',
  group: 'Group of stories',
  heading: 'Title',
  preamble: 'Intro',
};

/** The kind's name for people: "Reference notes", "Interview logistics". */
export function kindName(kind: SectionKind): string {
  return KIND_NAMES[kind];
}

/**
 * What a section is and why, as markdown for a hover on its heading: the kind, the evidence,
 * which rules look at it, and how to overrule the decision.
 */
export function kindHover(kind: SectionKind, reason: string | undefined): string {
  const why = reason ? ` — ${reason}.` : '.';
  switch (kind) {
    case 'story':
      return `**Story**${why}\n\nPrep Loop checks it as a story you will tell: its loop and axis tags, and whether it reads as the loop it is for. Not a story? Add \`#notes\` to the heading.`;
    case 'group':
      return `**Group of stories**${why}\n\nThe stories are the headings one level down; this heading itself is not checked as a story.`;
    case 'artifact':
      return `**Artifact**${why}\n\nPrep Loop checks user stories, acceptance criteria, estimates and PRD parts here, but not the story rules. A story after all? Add a loop tag (\`#pm\`, \`#po\`) or \`#story\` to the heading.`;
    case 'reference':
    case 'logistics':
      return `**${kindName(kind)}** (not a story)${why}\n\nThe story rules skip it, and it does not count in coverage or the story totals. A story after all? Add a loop tag (\`#pm\`, \`#po\`) or \`#story\` to the heading.`;
    default:
      return `**${kindName(kind)}**${why}`;
  }
}

/** A section's kind as plain data, for `lint --format json` and other tools (1-based line). */
export interface SectionSummary {
  line: number;
  level: number;
  heading: string;
  kind: SectionKind;
  reason: string;
}

/**
 * Whether a title above story level names an artifact whose parts are the sections below it
 * ("# Q3 roadmap" over "## Now / Next / Later", "# US-C01: Reschedule a delivery" over its
 * Background, Scope, Acceptance criteria). Not when told as an action ("# How I built the roadmap"),
 * nor when its artifact word only qualifies another ("# Scope slip") and `recounts` says the
 * sections under it recount your own work: the heading-word rule of section kinds. Without
 * `recounts`, whether the title may name one (the word alone, for grouping chunks).
 */
export function titleNamesArtifact(title: string, recounts: () => boolean = () => false): boolean {
  const t = title.replace(/^[^\p{L}\p{N}]+/u, '').replace(/[*_`]/g, '').trim();
  if (!t || narrativeTitle(t) || /[?!]\s*$/.test(t) || (t.match(WORD)?.length ?? 0) > 8) return false;
  return /^(?:[A-Z]{1,5}-[A-Z]?\d+)\b/.test(t) || headingNamesArtifact(t, asciiLower(t), recounts);
}

/** A table line: starts with a pipe. */
const TABLE_LINE = /^[ \t]*\|/;
/** A table's rule row: `| --- | :---: |`. */
const TABLE_RULE = /^[ \t]*\|?(?:[ \t]*:?-{1,}:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$/;
/** A cell that is only the name of a STAR/CAR part ("Situation", "**Result**", "Action:"). */
const PART_CELL = /^(?:\*\*|__)?[ \t]*(situation|context|challenge|background|problem|task|actions?|results?|outcomes?|impact)[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*:?$/i;
/** A STAR/CAR label inside a cell, after other text: "… **Action:** I set …" (group 1 the space before it). */
const INLINE_PART_LABEL = /(?<=\S)([ \t]+)(?=(?:\*\*|__)?(?:situation|context|challenge|task|actions?|results?|outcomes?|impact)[ \t]*(?:\*\*|__)?[ \t]*:)/gi;

/**
 * A story kept in a markdown table, read as text: in every table whose cells tell the parts of a
 * story of the writer's own (a Situation, an Action told as done and a Result, as labels in the
 * cells, as the first cell of each row, or as the column headings; see {@link toldInStarParts}),
 * the header and rule rows are blanked, the pipe after a part's name becomes its colon ("| Result |
 * Reviews got quicker. |" reads "  Result : Reviews got quicker.  "), the other pipes sentence
 * breaks, and a label inside a cell starts a line of its own. The text keeps its length, so every
 * offset stays. `raw` is the text the tables are found in (the same text, or the raw text of a
 * prose copy with spans blanked); other tables, a guide's table of STAR definitions ("| Action |
 * Describe what you did |") among them, are left as they are.
 */
export function readStarTables(text: string, raw: string = text): string {
  if (!raw.includes('|') || !/situation|context|challenge|task|action|result|outcome|impact/i.test(raw)) return text;
  const lines = linesOfText(raw);
  let out: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!TABLE_LINE.test(lines[i].text)) continue;
    let j = i;
    while (j < lines.length && TABLE_LINE.test(lines[j].text)) j++;
    const block = lines.slice(i, j);
    const edits = starTableEdits(block.map((l) => l.text));
    if (edits) {
      out ??= text.split('');
      for (let k = 0; k < block.length; k++) for (const [at, ch] of edits[k]) out[block[k].start + at] = ch;
    }
    i = j - 1;
  }
  return out ? out.join('') : text;
}

/** The lines of a text with their start offsets. */
function linesOfText(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    out.push({ start: at, text: line });
    at += line.length + 1;
  }
  return out;
}

/** The cells of a table line, with the offsets of the pipes around them. */
function cellsOf(line: string): { text: string; pipes: number[] }[] {
  const pipes: number[] = [];
  for (let k = 0; k < line.length; k++) if (line[k] === '|' && line[k - 1] !== '\\') pipes.push(k);
  const cells: { text: string; pipes: number[] }[] = [];
  for (let k = 0; k + 1 < pipes.length; k++) cells.push({ text: line.slice(pipes[k] + 1, pipes[k + 1]).trim(), pipes: [pipes[k], pipes[k + 1]] });
  // A row without a closing pipe: its last cell runs to the end of the line.
  const last = pipes[pipes.length - 1];
  if (last !== undefined && line.slice(last + 1).trim()) cells.push({ text: line.slice(last + 1).trim(), pipes: [last] });
  return cells;
}

/**
 * For a table block that tells a story in STAR parts, the characters to change in each line
 * ([offset in the line, new character]); undefined for any other table.
 */
function starTableEdits(lines: readonly string[]): [number, string][][] | undefined {
  const rows = lines.map(cellsOf);
  const ruleRow = lines.findIndex((l) => TABLE_RULE.test(l));
  const header = ruleRow === 1 ? 0 : -1;
  const headerParts = header === 0 ? rows[0].map((c) => PART_CELL.exec(c.text)?.[1]) : [];
  const byColumn = headerParts.filter(Boolean).length >= 3;
  // What the table says, as label lines: the cells as written (labels inside them on lines of their
  // own), a row's first cell as the label of the rest, a column's heading as the label of its cells.
  const told: string[] = [];
  rows.forEach((cells, r) => {
    if (r === ruleRow || r === header) return;
    cells.forEach((c, k) => {
      const label = byColumn ? headerParts[k] : k === 0 ? undefined : PART_CELL.exec(cells[0].text)?.[1];
      if (!byColumn && k === 0 && PART_CELL.test(c.text)) return;
      told.push(`${label ? `${label}: ` : ''}${c.text.replace(INLINE_PART_LABEL, '\n')}`);
    });
  });
  if (toldInStarParts(told.join('\n')) === undefined) return undefined;
  return lines.map((line, r) => {
    const edits: [number, string][] = [];
    if (r === ruleRow || r === header) {
      for (let k = 0; k < line.length; k++) if (line[k] !== ' ' && line[k] !== '\t') edits.push([k, ' ']);
      return edits;
    }
    const cells = rows[r];
    const labelFirst = !byColumn && cells.length > 1 && PART_CELL.test(cells[0].text);
    const pipes = [...new Set(cells.flatMap((c) => c.pipes))].sort((a, b) => a - b);
    for (const p of pipes) {
      const before = line.slice(0, p).replace(/[ \t]+$/, '');
      // The pipe after a part's name is its colon; after a cell that ends a sentence, a space; else a full stop.
      const ch = labelFirst && p === cells[0].pipes[1] && !/:\s*(?:\*\*|__)?$/.test(before) ? ':' : !before.replace(/^[ \t]*/, '') || /[.!?:;]\s*(?:\*\*|__)?$/.test(before) ? ' ' : '.';
      edits.push([p, ch]);
    }
    for (const m of line.matchAll(INLINE_PART_LABEL)) {
      const at = m.index + m[1].length - 1;
      // Not right after a pipe: the cell's own start needs no break.
      if (line[at - 1] !== '|' && !/\|\s*$/.test(line.slice(0, at))) edits.push([at, '\n']);
    }
    return edits;
  });
}

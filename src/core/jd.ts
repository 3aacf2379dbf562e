/**
 * Job-description classifier: reads a posting by its responsibilities, not its title.
 *
 * Titles drift: plenty of "Product Owner" postings describe strategy and roadmap work, and some
 * "Product Manager" postings describe backlog and sprint work. So the title line is detected,
 * reported, and compared with the verdict, but it never counts as evidence. Lines are scored with
 * the shared lexicon, weighted by the section they sit in (duties in full, requirements half,
 * "nice to have" and company blurb barely at all) and by what the role does with the work: what
 * it owns and does counts in full, what it only collaborates on, supports, shares or reports on
 * counts about a third.
 *
 * Hybrid, as a hiring coach reads it: the posting gives the role both jobs, not one job with a
 * glimpse of the other. Each duty (a clause of a line that gives the role work to own; two verbs
 * with their own objects, "create the roadmap and define the vision", are two duties) is filed
 * under the layer it mostly is, and its terms under duty areas: for PM, discovery, strategy and
 * vision, roadmap, market, pricing and revenue, outcomes and metrics; for PO, the backlog, stories
 * and refinement, sprints and ceremonies, acceptance, delivery with the team ({@link DUTY_AREAS}).
 * The posting is hybrid when each layer is owned in two areas or more, in two duties or more (or
 * one duty covering three areas), and the smaller layer holds at least a third of those duties
 * ({@link JD_HYBRID}). One "run sprint planning with the engineers" line in a PM posting, or one
 * "own the product vision" in a PO posting, is a side task: the verdict stays with the main layer.
 * When the layers are close (within 3:2) but only a few duties give the role either, the verdict
 * is `unclear` and says why rather than guess. The main layer is the one with more weight, unless
 * only the other one is owned across areas (heavy sprint words in one duty do not outvote several
 * strategy and analytics duties), or the role owns no duty of it at all (three "contribute to the
 * roadmap" lines beside "own the backlog" are a PO role).
 *
 * Editor-free: no `vscode` import.
 */
import { defaultLexicon, findTerms, verdictFromScores, type Evidence, type Lexicon, type VerdictThresholds } from './lexicon';
import type { SingleLoop } from './types';

/** The exact words of the posting behind one piece of evidence. */
export interface JdQuote {
  /** The vocabulary term the words evidence (canonical form, e.g. "backlog refinement"). */
  term: string;
  /** The words exactly as they stand in the posting. */
  text: string;
  /** Offset of the first character in the text given to {@link classifyJobDescription}. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
}

/** One line of the posting that evidences a loop. */
export interface JdEvidence {
  loop: SingleLoop;
  /** 1-based line number in the text given to {@link classifyJobDescription}. */
  line: number;
  /** The trimmed line. */
  text: string;
  /** The vocabulary terms found on the line for this loop, in order, without repeats. */
  terms: string[];
  /**
   * `owns`: the line gives the role this work ("Own the backlog", "you will define…", "responsible
   * for…"). `touches`: the role only collaborates on, supports, shares or reports on it ("partner
   * with…", "communicate the vision", "participate in sprint planning"), or the work is an input
   * it turns into something else ("translate the roadmap into stories"), or the line only asks for
   * it as a skill, knowledge or background (`section` is `requirements` or `preferred`).
   */
  stance: 'owns' | 'touches';
  /** The kind of section the line sits in. */
  section: JdSection;
  /** The exact words behind each term, with offsets into the posting. */
  quotes: JdQuote[];
}

/** Section kinds, by the heading a line sits under. */
export type JdSection = 'duties' | 'requirements' | 'preferred' | 'other';

/** What a job description asks for, and how to prepare. */
export interface JdResult {
  /** The role by its responsibilities: `hybrid` only when both layers are owned, `unclear` when the text says too little. */
  verdict: 'pm' | 'po' | 'hybrid' | 'unclear';
  /** 0..1: how sure the verdict is. Always low (≤ 0.3) for `unclear`. */
  confidence: number;
  /** One plain sentence saying why the verdict came out as it did. */
  reason: string;
  /**
   * The language the posting seems to be written in, when it is not English (then the verdict is
   * `unclear`): by its function words ("French"), or by the script most of its text is in
   * ("Chinese", "Japanese", "Korean", or a script shared by several languages: "Cyrillic script").
   */
  language?: string;
  /** The title line, when one was found. */
  title?: string;
  /** What the title alone claims. */
  titleSays?: 'pm' | 'po' | 'hybrid';
  /** The title claims one role and the responsibilities describe another. */
  titleMismatch: boolean;
  /** Lines that evidence each loop, in line order. */
  evidence: JdEvidence[];
  /** Section- and stance-weighted scores per loop. */
  scores: { pm: number; po: number };
  /** The part of each score that comes from work the role owns (duties and untitled text only). */
  owned: { pm: number; po: number };
  /**
   * The duty areas the role owns on each side ({@link DUTY_AREAS}): what a `hybrid` verdict rests
   * on. Empty when no verdict was attempted (too short, another language, no product work).
   */
  areas: { pm: string[]; po: string[] };
  /** What to prepare for this verdict (4–7 items); empty for `unclear`. */
  prep: string[];
  /** Questions worth asking the recruiter before preparing. */
  screeningQuestions: string[];
}

/** Thresholds for job descriptions: postings are longer than stories and list both layers more readily. */
export const JD_THRESHOLDS: VerdictThresholds = {
  minScore: 4,
  mixedShare: 0.3,
  mixedFloor: 4,
  evidenceScale: 10,
};

/**
 * The duty areas of each layer, as a hiring coach sorts a posting's duties. PM work: finding out
 * what users need (discovery), deciding where the product goes (strategy and vision), what comes
 * first (roadmap), who it is for and against whom (market), how it makes money (pricing and
 * revenue), and whether it worked (outcomes and metrics). PO work: the backlog, the stories and
 * their refinement, the sprint and its ceremonies, accepting what the team built, and getting it
 * delivered with the team (releases, dependencies, blockers). Matched on a term's canonical name,
 * first area wins; a term in no area ("agile", "leadership", "stakeholders") still scores but
 * never makes a layer broad. Order matters where names overlap: "acceptance criteria" is story
 * writing before it is acceptance, "acquisition cost" is revenue before it is growth.
 */
const DUTY_AREAS: Readonly<Record<SingleLoop, readonly { area: string; re: RegExp }[]>> = {
  pm: [
    { area: 'pricing and revenue', re: /pric|monetiz|monetis|paywall|freemium|subscription|packaging|willingness|elasticity|revenue|\b[am]rr\b|arp|margin|p&l|profit|econom|ltv|clv|lifetime value|cac|payback|acquisition cost|business case|roi\b|return on|financial|upsell|cross sell|discount|per seat|ebitda|gmv|take rate|deal size|win rate/ },
    { area: 'discovery', re: /research|interview|discover|jobs to be done|jtbd|need|pain|friction|problem|prototype|usability|concept test|fake door|painted door|diary study|survey|mvp|minimum viable|assumption|user testing|validate|insight|hypothesis|persona|user feedback|target (?:user|customer)/ },
    { area: 'strategy and vision', re: /strateg|vision|thesis|\bbets?\b|product market fit|pmf|value prop|proposition|positioning|differentiat|moat|wedge|flywheel|build (?:vs|versus|or) buy|make or buy|long term|multi year|horizon|portfolio|product line|annual plan|narrative|why now|beachhead|niche|okr|key result|objective/ },
    { area: 'roadmap', re: /roadmap|product decision|product definition|product scope|now next later|prioritization framework|\brice\b|ice score|kano|opportunity cost|not build|trade off|\bprd\b|one-?pager|requirements document|pr faq|working backwards|launch|go to market|gtm|sunset|deprecation/ },
    { area: 'market', re: /market(?!ing)|compet|segment|\bicp\b|ideal customer|\btam\b|siz|opportunit|category|buyer|seller|smb|upmarket|downmarket|feature parity|liquidity|supply and demand|self serve|product led|plg|sales led/ },
    { area: 'outcomes and metrics', re: /metric|kpi|indicator|outcome|success (?:measure|criteria)|north star|retention|retain|churn|cohort|engag|activat|conver|funnel|drop|growth|acquisition|[dmw]au\b|active user|stickiness|nps|csat|experiment|ab test|^ab$|split test|multivariate|lift|guardrail|analytics|dashboard|instrument|tracking plan|usage|baseline/ },
  ],
  po: [
    { area: 'backlog', re: /backlog|\bpbi\b|wsjf|moscow|cost of delay|triage|intake|single source of truth|prioritise for the team|competing|stakeholder (?:request|ask)/ },
    { area: 'stories and refinement', re: /stor(?:y|ies)|refine|groom|requirements clarification|epic|slic|split|decompos|breakdown|sub ?task|criteri|given when then|gherkin|\bbdd\b|invest|edge case|happy path|error state|empty state|\bnfr\b|non functional|requirements gathering|wireframe|user flow|three amigos|estimat|\bsize|point|planning poker|definition of ready|\bdor\b|ready for dev|dev ready|spike|too big/ },
    { area: 'sprints and ceremonies', re: /sprint|scrum|kanban|ceremon|stand ?up|retro|iteration|velocity|timebox|burn|cycle time|lead time|throughput|\bwip\b|cadence|capacity|pi planning|release train|commitment|carry ?over|spill ?over|roll over|planning session|week cycle|increment|inspect and adapt|working agreement/ },
    { area: 'acceptance', re: /accept|definition of done|\bdod\b|\buat\b|sign off|demo|testable|\bqa\b|quality assurance|test|releasable|shippable|working software|bug|defect|hotfix/ },
    { area: 'delivery with the team', re: /release|deliver|deploy|depend|waiting on|blocke|unblock|critical path|sequencing|hand ?off|cross team|upstream|downstream|platform team|integration|staging|toggle|tech(?:nical)? debt|refactor|jira|ticket|work item|in progress|in flight|code review|scope|cross functional team/ },
  ],
};

/** The duty area a term of `loop` belongs to, if any. */
export function dutyArea(loop: SingleLoop, term: string): string | undefined {
  return DUTY_AREAS[loop].find((a) => a.re.test(term))?.area;
}

/**
 * When a posting is `hybrid`, in a hiring coach's terms: the role is given both jobs to do, not
 * one job with a glimpse of the other. A duty is one clause of a line that gives the role work to
 * own (not work it supports or shares), filed under the layer it gives the most weight to.
 * - `areas`, `statements`, `oneStatementAreas`: each layer is owned in at least two duty areas
 *   ({@link DUTY_AREAS}), in at least two duties, or in one duty that covers three areas ("groom
 *   the backlog, write the stories and run sprint planning" is the whole layer in one sentence).
 *   One "run sprint planning with the engineers" duty in a PM posting is one duty in one area; a PO
 *   posting that "owns the product vision" once is one area: neither is hybrid.
 * - `share`: the smaller layer holds at least a third of those duties, counted as a coach counts
 *   bullets, not by term weight (PO words are more specific and weigh more). One duty in three is
 *   a real part of the week; fewer is a side task.
 * - `areaWeight`: an area counts when its words weigh at least 0.5 at their loose weight (no floor
 *   for owned loose words here), a quarter of a core term: "analyse the product metrics" makes
 *   one, a lone "insight" or "strategic" in a paragraph of prose does not.
 * - `closeShare`, `thinStatements`: when the layers are close (the smaller at least 40% of the
 *   duties and of all the posting says: within 3 to 2) but fewer than four duties give the role
 *   either, the verdict is `unclear` and says so. Guessing a side on two or three duties is a coin
 *   toss; the recruiter can answer it in one question.
 */
export const JD_HYBRID = { areas: 2, statements: 2, oneStatementAreas: 3, share: 1 / 3, areaWeight: 0.5, closeShare: 0.4, thinStatements: 4 } as const;

/** The least a loose word counts when the role is given it to own ("Define the product vision"). */
const OWNED_LOOSE_FLOOR = 0.75;
/**
 * Loose words that describe other work rather than name a thing to own: "the strategic goals of the
 * department", "a strategic partner". Owning the line does not make them strategy work, so they keep
 * their loose weight.
 */
const NO_OWNED_FLOOR: ReadonlySet<string> = new Set(['strategic']);

/** Fewer words than this and the text is too short to read as a posting. */
const MIN_WORDS = 8;

// ---------------------------------------------------------------------------------------------
// Which language the posting is written in
// ---------------------------------------------------------------------------------------------

/**
 * Short function words that are common in one language and are not English words. A posting in
 * another language borrows English product words ("backlog", "roadmap", "user stories"), so its
 * loop terms are found but its duties, verbs and stance are not: the verdict would rest on
 * loanwords. Words shared with English ("a", "as", "do", "no", "in", "is", "die", "men") are left out.
 */
const FOREIGN_WORDS: Readonly<Record<string, { name: string; words: ReadonlySet<string> }>> = {
  fr: { name: 'French', words: new Set('le la les des du et est une pour dans avec vous nous qui que sur au aux ses sont leur il elle ou par être vers chez'.split(' ')) },
  es: { name: 'Spanish', words: new Set('el los las del y para con una que por es su sus como al lo se ser está están nuestro muy desde entre también'.split(' ')) },
  pt: { name: 'Portuguese', words: new Set('os das dos da e para com uma que em na se é por ao seu sua são também nosso pelo pela às'.split(' ')) },
  de: { name: 'German', words: new Set('der das und ist mit für von zu den dem ein eine sie wir auf nicht auch ich es bei sind werden oder wie aus nach über unsere ihre'.split(' ')) },
  nl: { name: 'Dutch', words: new Set('het een en van voor met zijn op te wij je niet ook dat naar om bij wordt worden onze deze jouw heeft'.split(' ')) },
  it: { name: 'Italian', words: new Set('il gli della di e per con una che nel del sono si alla delle dei le ad anche più questo'.split(' ')) },
};
const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  'the and of to for with you we our is are be will on that this by from your an or their have has who what which can all it they us'.split(' '),
);
/** Fewer function words than this and the language is not judged (too little text to tell). */
const MIN_FUNCTION_WORDS = 12;

/**
 * Scripts other than Latin, each with the name the reason gives it. Han, kana and Hangul come
 * first and are told apart: kana among Han is Japanese, Hangul is Korean, Han alone is Chinese.
 * An alphabet shared by several languages is named as its script ("Cyrillic script").
 */
const SCRIPTS: readonly { name: string; re: RegExp; dense: boolean }[] = [
  { name: 'Japanese', re: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, dense: true },
  { name: 'Korean', re: /\p{Script=Hangul}/u, dense: true },
  { name: 'Chinese', re: /\p{Script=Han}/u, dense: true },
  { name: 'Cyrillic script', re: /\p{Script=Cyrillic}/u, dense: false },
  { name: 'Greek', re: /\p{Script=Greek}/u, dense: false },
  { name: 'Arabic script', re: /\p{Script=Arabic}/u, dense: false },
  { name: 'Hebrew', re: /\p{Script=Hebrew}/u, dense: false },
  { name: 'Thai', re: /\p{Script=Thai}/u, dense: false },
  { name: 'Devanagari script', re: /\p{Script=Devanagari}/u, dense: false },
];
/**
 * One Han, kana or Hangul character carries the text of two or three Latin letters (an English
 * word is some five letters, a Chinese one one or two characters), so it counts twice when the
 * scripts' shares are compared: a Chinese posting sprinkled with "Product Backlog" and "User
 * Stories" is still mostly Chinese. Twice, not three times, so that a bilingual posting that gives
 * its duties in full in English as well leans English and is read from them.
 */
const DENSE_SCRIPT_FACTOR = 2;
/** Below this weight of letters in other scripts, the script is not judged (a name, an address). */
const MIN_SCRIPT_WEIGHT = 24;

/**
 * The posting's language when most of its letters (by weight, {@link DENSE_SCRIPT_FACTOR}) are
 * not in Latin script: a posting in Chinese, Russian or Arabic with a few English product words
 * ("Product Manager", "Jira"). Function words ({@link foreignLanguage}) cannot tell: it has none of
 * either list.
 */
function scriptLanguage(lines: readonly string[]): { code: string; name: string; byScript: true } | undefined {
  let latin = 0;
  let other = 0;
  const byScript = new Map<string, number>();
  let kana = 0;
  for (const line of lines) {
    for (const ch of line.match(/\p{L}/gu) ?? []) {
      if (/\p{Script=Latin}/u.test(ch)) {
        latin++;
        continue;
      }
      const script = SCRIPTS.find((s) => s.re.test(ch));
      if (!script) continue; // a letter of a script not listed: not counted either way
      const w = script.dense ? DENSE_SCRIPT_FACTOR : 1;
      other += w;
      if (script.name === 'Japanese') kana += w;
      byScript.set(script.name, (byScript.get(script.name) ?? 0) + w);
    }
  }
  if (other < MIN_SCRIPT_WEIGHT || other <= latin) return undefined;
  // Japanese writes most content words in Han: any real share of kana among them makes it Japanese.
  const han = byScript.get('Chinese') ?? 0;
  if (han > 0 && kana >= 0.1 * (han + kana)) {
    byScript.set('Japanese', han + kana);
    byScript.delete('Chinese');
  }
  const best = [...byScript].sort((a, b) => b[1] - a[1])[0]!;
  return { code: best[0], name: best[0], byScript: true };
}

/** The posting's language when it is clearly not English, judged by its script, then its function words. */
function foreignLanguage(lines: readonly string[]): { code: string; name: string; byScript?: true } | undefined {
  const script = scriptLanguage(lines);
  if (script) return script;
  let english = 0;
  const foreign: Record<string, number> = {};
  for (const line of lines) {
    for (const w of line.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
      if (ENGLISH_WORDS.has(w)) english++;
      for (const [code, lang] of Object.entries(FOREIGN_WORDS)) if (lang.words.has(w)) foreign[code] = (foreign[code] ?? 0) + 1;
    }
  }
  const best = Object.entries(foreign).sort((a, b) => b[1] - a[1])[0];
  if (!best || best[1] + english < MIN_FUNCTION_WORDS) return undefined;
  // Several languages share words ("de", "que", "e"): the best one must clearly outnumber English.
  if (best[1] <= 1.5 * english) return undefined;
  return { code: best[0], name: FOREIGN_WORDS[best[0]]!.name };
}

type SectionKind = JdSection | 'fluff';

/** How much a hit counts, by the section it sits in. */
const SECTION_FACTOR: Record<SectionKind, number> = {
  duties: 1,
  other: 0.8,
  requirements: 0.5,
  preferred: 0.15,
  fluff: 0.05,
};

type Stance = 'owns' | 'neutral' | 'touches' | 'input';
/** How much a hit counts, by what the role does with it. */
const STANCE_FACTOR: Record<Stance, number> = { owns: 1, neutral: 0.8, touches: 0.35, input: 0.25 };

/**
 * Words postings use loosely (company blurb, soft skills), counted at a fraction of their lexicon
 * weight here. The lexicon is tuned for prep notes, where "vision" or "capacity" mean more.
 */
const JD_TERM_FACTOR: Readonly<Record<string, number>> = {
  vision: 0.4,
  'product vision': 0.6,
  strategy: 0.7,
  strategic: 0.4,
  insight: 0.5,
  leadership: 0.5,
  executive: 0.6,
  exec: 0.6,
  sales: 0.4,
  finance: 0.5,
  legal: 0.5,
  'buy in': 0.5,
  opportunity: 0.6,
  growth: 0.6,
  investment: 0.5,
  'long term': 0.5,
  narrative: 0.5,
  category: 0.3,
  usage: 0.6,
  interview: 0.4,
  market: 0.8,
  budget: 0.5,
  competitive: 0.7,
  agile: 0.6,
  delivery: 0.6,
  // Product areas a posting names (the checkout, merchant onboarding, the order lifecycle), not work done on them.
  checkout: 0.3,
  onboarding: 0.5,
  lifecycle: 0.5,
  integration: 0.5,
  cancellation: 0.5,
  release: 0.6,
  scope: 0.6,
  capacity: 0.5,
  commitment: 0.3,
  cadence: 0.7,
  iteration: 0.7,
  increment: 0.7,
};

const DUTIES_RE =
  /about (?:the|this) (?:role|job|position|opportunity)|job (?:description|summary|purpose)|role (?:overview|summary|purpose|description)|purpose of the (?:role|job)|key (?:performance|result) areas|\bkpas\b|what you(?:'|’)?ll (?:do|own|work on)|what you will (?:do|own)|what you(?:'|’)?ll be doing|what you will be doing|responsibilit|\bthe role\b|\byour role\b|in this role|day[- ]to[- ]day|key (?:duties|tasks|accountabilit)|\bduties\b|your impact|your mission|\bthe job\b|what the job involves|accountabilit|you will:|what we need you to do|the work|main tasks|key objective/i;
const PREFERRED_RE = /nice[- ]to[- ]have|bonus points|\bpreferred\b|desirable|would be a plus|\bplus\b|\bideally\b|not required|optional/i;
const REQUIREMENTS_RE =
  /what you(?:'|’)?ll bring|what you will bring|what you bring|requirement|\brequired\b|qualificat|about you|you have|you bring|\bskills\b|\bexperience\b|must have|who you are|(?:we(?:'|’)?re|we are) looking for|what we(?:'|’)?re looking for|what we look for|what you(?:'|’)?ll need|what you need|ideal candidate|essential criteria|competenc|(?:you(?:'|’)?ll|you will|you(?:'|’)?d|you would) be (?:a )?great\b|great (?:fit )?for this role/i;
const FLUFF_RE =
  /about us|who we are|about the company|our company|our story|benefits|perks|why join|why (?:work|you(?:'|’)?ll love)|why (?:you should|should you|you(?:'|’)?ll want to) join|what we offer|we offer|compensation|salary|\bpay\b|our values|culture|equal opportunit|diversity|inclusion|how to apply|application process|location|hybrid working|remote|working here|life at|about the team|^about\s+(?!\d)\S/i;
/** A list item that asks for a skill or background rather than giving a duty: requirements wherever it sits. */
const REQUIREMENT_LINE_RE =
  /^(?:ability to|able to|(?:this|the) (?:role|position|job) (?:also )?(?:requires|demands|calls for|needs)\b|proficien\w*|understanding of|(?:\w+\s+)?experience (?:in|with|of|as)\b|\d+\+?\s*(?:years|yrs)|knowledge of|familiarity|familiar with|(?:strong|excellent|proven|solid|good|deep|demonstrated) (?:understanding|knowledge|experience|ability|skills|track record|communication|analytical)|a track record|track record|bachelor|master'?s|(?:a )?degree|certifi\w*)/i;
/**
 * A sentence inside prose that asks for a skill or background rather than giving a duty: "He/she
 * has the ability to shape…", "This role requires strong leadership…", "The ideal candidate brings…".
 */
const SKILL_SENTENCE_RE =
  /^\W*(?:(?:he|she|he\/she|s\/he|they|you|the (?:successful |ideal )?(?:candidate|person|hire|applicant))\s+(?:(?:must|should|will|also)\s+)?(?:has|have|possess(?:es)?|brings?|demonstrates?)\s+(?:the\s+|a\s+|an\s+|strong\s+|proven\s+|excellent\s+)*(?:ability|abilities|skills?|experience|knowledge|capacity|background|track record|understanding)\b|(?:this|the) (?:role|position|job) (?:also )?(?:requires|demands|calls for|needs)\b|the ideal candidate\b)/i;
/**
 * A line about who should apply, not what the job involves: "Candidates from a payments background
 * will do well", "Limited applicability for candidates strictly from growth backgrounds". What
 * backgrounds it names are asked for (or ruled out), never duties: requirements wherever it sits.
 */
const CANDIDATE_LINE_RE =
  /\b(?:candidates?|applicants?|profiles?|people|hires?)\b[^.;]{0,80}\b(?:backgrounds?|careers?|experience|expertise)\b|\b(?:backgrounds?|careers?)\s+(?:in|from)\b[^.;]{0,60}\b(?:candidates?|applicants?|welcome|considered|preferred|suit\w*|fit)\b|\blimited applicability\b/i;
/**
 * Of those, one that rules a background out: "limited applicability for…", "not a fit for
 * candidates from…", "will not be considered". The work it names is what the role is not: no evidence.
 */
const EXCLUDED_BACKGROUND_RE =
  /\blimited applicability\b|\b(?:not|less|poorly|unlikely to be)\s+(?:a\s+)?(?:good\s+|strong\s+|great\s+)?(?:fit|suited|suitable|relevant|applicable)\b|\b(?:will|would)\s+not\s+be\s+considered\b|\bnot\s+(?:looking|seeking)\s+for\b/i;
/** "Able to carry each release through the sprint": a duty in a duties list, a skill among skills. */
const ABLE_TO_RE = /^(?:be )?able to\b/i;
/**
 * A sentence that introduces a list of what the hire must know, not what they will do: "Whoever joins
 * needs deep knowledge of:", "You will need experience with the following:". The list
 * under it is requirements wherever it sits.
 */
const KNOWLEDGE_LEAD_IN_RE =
  /\b(?:requir\w*|need(?:s|ed)?|must|should|looking for|expect\w*|ideal(?:ly)?|candidates?|demand\w*|bring)\b.*\b(?:knowledge|experience|expertise|skills?|background|understanding|familiarity|proficiency|competenc\w*|qualifications?|know-how|exposure)\b[^:]*:$/i;

/**
 * A sentence in which the company describes itself: "We're a small lending startup…", "Acme is a
 * leading travel agency…". Its words are the company's, not the role's, wherever it stands, even
 * with no "About us" heading above it.
 */
const BLURB_SENTENCE_RE =
  /^\s*(?:[Ww]e(?:(?:'|’)?re| are)\s+(?:a|an)\s|(?:[Ff]ounded|[Ee]stablished) in\b|[Ss]ince \d{4}\b|[Oo]ur mission is\b|(?!(?:The|This|That|These|Your|You|Each|Every|Our|Their|Its|A|An)\s)[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}\s+(?:is|are)\s+(?:a|an|the)\s+(?:(?:leading|global|fast[- ]growing|small|large|well[- ]known|award[- ]winning|international|independent|young|dynamic|growing|non-?profit|world(?:'|’)s|premier|pioneering|technical|digital|boutique)\b|[\w-]+\s+(?:company|consultancy|agency|start-?up|firm|provider|platform|ngo|organi[sz]ation|bank|group|business|marketplace|studio)\b))/;
/** The next sentence of a company's self-description: it goes on about the company ("We…", "Our…", the name again). */
const BLURB_GOES_ON_RE = /^\s*(?:we\b|we(?:'|’)re\b|our\b|they\b|it\b|its\b)/i;

/** Lines that are boilerplate wherever they sit. */
const FLUFF_LINE_RE =
  /equal opportunity|equal employment|regardless of (?:race|gender|age)|without regard to|401\s?\(?k|paid time off|\bpto\b|parental leave|health insurance|stock options|equity package|salary range|reasonable accommodation|vacation days|annual leave|\b(?:receive|offer|enjoy|earn)\b[^.;]{0,50}\b(?:compensation|salary|remuneration|bonus|pay package)\b|\b(?:compensation|salary|remuneration)\s+(?:is|will be)\s+(?:negotiable|competitive|determined|based)|\$\s?\d{2,3}[,.]?\d{0,3}\s?k?\b|£\s?\d{2,3}|€\s?\d{2,3}/i;

/** Role words a title uses. Acronyms are matched case-sensitively so "po" inside words never counts. */
const TITLE_PO_RE = /product[\s-]+owner/i;
const TITLE_PM_RE =
  /product[\s-]+manager|product[\s-]+management|product[\s-]+lead\b|head of product|product[\s-]+director|director,? (?:of )?product|vp,? (?:of )?product|chief product officer|product[\s-]+specialist/i;
const TITLE_PO_ACRONYM_RE = /(?:^|[^A-Za-z])POs?(?![A-Za-z])/;
const TITLE_PM_ACRONYM_RE = /(?:^|[^A-Za-z])(?:PM|GPM|CPO)s?(?![A-Za-z])/;
const TITLE_LABEL_RE = /^\s*(?:#+\s*)?(?:\*\*|__)?\s*(?:job\s+title|title|position|role|vacancy|opening)\s*(?:\*\*|__)?\s*[:\-–—]\s*(.+)$/i;

function titleClaims(title: string): 'pm' | 'po' | 'hybrid' | undefined {
  const po = TITLE_PO_RE.test(title) || TITLE_PO_ACRONYM_RE.test(title);
  const pm = TITLE_PM_RE.test(title) || TITLE_PM_ACRONYM_RE.test(title);
  if (po && pm) return 'hybrid';
  if (po) return 'po';
  if (pm) return 'pm';
  return undefined;
}

function stripMarkdown(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+•]\s+|\d+[.)]\s+)/, '')
    .replace(/[*_`]+/g, '')
    .trim();
}

/**
 * A job board's field line: "Location: Barcelona", "Contract: Permanent", "Apply by: 6 August".
 * It states a fact about the posting; it neither opens a section nor describes the work.
 */
const FIELD_LINE_RE =
  /^(?:(?:job |work |employment |contract |location |listing |position )?(?:location|type|category|status|reference|ref|id|level|grade|seniority|department|division|team|function|industry|sector|contract|schedule|hours|shift|salary|pay|compensation|remuneration|benefits|start date|closing date|apply by|deadline|posted|date posted|reports to|travel|workplace|work model|work mode|work arrangement|visa|clearance)|ee position|remote|hybrid|on-?site)\s*[:|–-]\s*\S/i;

/** A line that introduces a section: a heading, a bold line, or a short line ending in a colon. */
function sectionHeader(raw: string): string | undefined {
  const t = raw.trim();
  if (!t || t.length > 160) return undefined;
  if (/^#{1,6}\s+\S/.test(t)) return stripMarkdown(t);
  const plain = stripMarkdown(t);
  if (FIELD_LINE_RE.test(plain)) return undefined;
  const words = plain.split(/\s+/).filter(Boolean).length;
  if (words === 0 || words > 9) return undefined;
  if (/^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(t)) return plain;
  if (/:$/.test(plain) && !/^[-*+•]\s/.test(t)) return plain;
  if (words <= 6 && plain === plain.toUpperCase() && /[A-Z]{3}/.test(plain)) return plain;
  // A short plain line that starts by naming a known section ("About us", "Responsibilities").
  const listItem = /^(?:[-*+•]|\d+[.)])\s/.test(t);
  const startsWith = (re: RegExp): boolean => re.exec(plain)?.index === 0;
  if (
    !listItem &&
    // ("You'll be great for this role if" is a lead-in however long: a duty never ends on "if".)
    (words <= 6 || (words <= 9 && /\bif$/i.test(plain))) &&
    !/[.!?,;]$/.test(plain) &&
    (startsWith(DUTIES_RE) || startsWith(REQUIREMENTS_RE) || startsWith(FLUFF_RE) || startsWith(PREFERRED_RE))
  ) {
    return plain;
  }
  return undefined;
}

const LIST_ITEM_RE = /^\s*(?:[-*+•o]|\d+[.)])\s/;

/**
 * Whether a line is a heading rather than a duty: a section header, or a short plain line (at most
 * six words, no closing punctuation, not a list item) that does not start with a verb — "Product
 * Vision / Requirement Analysis", "Managing the delivery" — as headings look once a job board has
 * dropped their formatting. "Own the roadmap" starts with a verb and stays a duty.
 */
function isTopicLine(raw: string, isHeader: boolean): boolean {
  if (LIST_ITEM_RE.test(raw)) return false;
  if (isHeader) return true;
  const plain = stripMarkdown(raw).replace(/^[^\p{L}\d]+/u, '');
  const words = plain.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || /[.!?,;:]$/.test(plain)) return false;
  TRIGGER_RE.lastIndex = 0;
  const verb = TRIGGER_RE.exec(plain);
  return !(verb && verb.index === 0) && !/^(?:you|we|the role|this role)\b/i.test(plain);
}

/**
 * Whether a line in a duties or untitled section asks for a skill or background rather than giving
 * a duty. A list introduced as what the hire must know asks for skills throughout. "Able to carry
 * a release…" is judged by where it stands: a duty under a duties heading or among duties, a skill
 * among skills or on its own.
 */
function asksForSkill(plain: string, section: SectionKind, block: ListBlock | undefined): boolean {
  if (block?.leadIn === 'requirements') return true;
  if (ABLE_TO_RE.test(plain)) {
    if (section === 'duties') return false;
    return !block || block.items === 0 || block.skillItems * 2 >= block.items;
  }
  return REQUIREMENT_LINE_RE.test(plain);
}

function sectionKind(header: string): SectionKind {
  // Order matters: "Nice to have skills" is preferred, "What you'll bring" is requirements even
  // though it says "you'll".
  if (PREFERRED_RE.test(header)) return 'preferred';
  if (REQUIREMENTS_RE.test(header)) return 'requirements';
  if (DUTIES_RE.test(header)) return 'duties';
  if (FLUFF_RE.test(header)) return 'fluff';
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// What the role does with each term: owns it, or only touches it
// ---------------------------------------------------------------------------------------------

/** Builds a whole-word pattern for verbs with their usual inflections. */
function verbs(list: readonly string[]): string {
  return list
    .map((v) => {
      // "keep continually abreast", "work very closely with": an adverb may sit inside a phrase.
      if (v.includes(' ')) return v.replace(/ /g, '\\s+(?:\\w+ly\\s+)?');
      if (/(?:ss|sh|ch|x)$/.test(v)) return `${v}(?:es|ed|ing)?`;
      if (/e$/.test(v)) return `${v.slice(0, -1)}(?:e|es|ed|ing)`;
      if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}(?:y|ies|ied|ying)`;
      return `${v}(?:s|ed|ing)?`;
    })
    .join('|');
}

const OWN_VERBS = [
  'own', 'define', 'write', 'wrote', 'written', 'lead', 'led', 'drive', 'drove', 'create', 'build', 'built', 'develop', 'manage',
  'run', 'running', 'ran', 'prioritize', 'prioritise', 'maintain', 'decide', 'set', 'setting', 'establish', 'conduct', 'analyze', 'analyse',
  'research', 'design', 'plan', 'planning', 'planned', 'shape', 'identify', 'deliver', 'groom', 'refine', 'accept', 'reject',
  'validate', 'translate', 'break down', 'breaking down', 'broke down', 'break', 'broke', 'split', 'splitting', 'order', 'sequence', 'track', 'measure',
  'monitor', 'oversee', 'decompose', 'slice', 'elaborate', 'specify', 'author', 'facilitate', 'determine', 'formulate',
  'craft', 'launch', 'ship', 'shipping', 'shipped', 'size', 'model', 'forecast', 'price', 'test', 'experiment', 'investigate',
  'discover', 'synthesize', 'synthesise', 'frame', 'ensure', 'gather', 'prepare', 'keep', 'provide', 'make', 'made', 'assess',
  'evaluate', 'review', 'estimate', 'schedule', 'coordinate', 'organize', 'organise', 'steer', 'guide', 'approve', 'sign off',
  'take ownership', 'responsible for', 'accountable for', 'in charge of', 'final authority', 'answer for',
];
const TOUCH_VERBS = [
  'collaborate', 'collaboratively', 'partner', 'support', 'assist', 'help', 'participate', 'contribute', 'attend', 'engage', 'liaise', 'align',
  'work with', 'works with', 'working with', 'work closely', 'works closely', 'working closely', 'interface with', 'report on',
  'keep informed', 'stay', 'follow', 'understand', 'learn', 'be aware', 'aware of', 'familiar', 'familiarity', 'exposure',
  'knowledge of', 'input into', 'provide input', 'advise', 'consult', 'sync', 'inform', 'escalate', 'involved in', 'take part',
  'join', 'listen', 'keep abreast', 'keep up', 'stay abreast',
  // Sharing what someone (possibly the role itself) decided: touches the work, does not own it.
  'communicate', 'share', 'hold', 'evangelize', 'evangelise', 'articulate', 'convey', 'present', 'promote', 'socialize',
  'socialise', 'champion', 'advocate', 'explain', 'clarify', 'represent', 'uphold', 'disseminate',
  // Making it possible for others: "enabling growth across the platform" is not a growth target the role owns.
  'enable',
];
// Touch phrases first, so "keep abreast" and "provide input" win over "keep" and "provide".
const TRIGGER_RE = new RegExp(`\\b(?:(${verbs(TOUCH_VERBS)})|(${verbs(OWN_VERBS)}))\\b`, 'gi');
/** Anywhere in a clause, these make the whole clause shared work. */
const TOUCH_MARKER_RE =
  /\bin (?:close )?partnership with\b|\b(?:with|in) (?:the )?(?:pm|product manag\w*|product strategy)(?:'s)? (?:collaboration|support|guidance)\b|\(with [^)]*collaborat\w*\)|\balongside (?:the )?(?:pm|product manag)|\bunder the (?:direction|guidance) of\b|\bas directed by\b/i;
/**
 * "The roadmap set by the PM", "KPIs defined by the tribe lead": the work named just before is
 * someone else's. Unlike the markers above this says whose one thing is, not how the whole clause
 * is done: in "Own the product backlog of features defined by product management" the features are
 * product management's and the backlog is the role's. So it touches only the terms right before
 * it: the same noun phrase, or a list of nouns ("KPIs and OKRs defined by…"), with no preposition
 * or new article in between.
 */
const BY_OTHERS_RE = /\b(?:defined|set|owned|decided|determined|agreed)\s+by\s+(?:the |your |our )?(?!you\b)[a-z]/gi;
const BY_OTHERS_GAP_RE =
  /^(?:\s*(?:,|and|&|\/|or)?\s*(?!(?:of|for|to|with|from|into|in|on|at|the|a|an|our|their|its)\b)[\w-]+){0,3}\s*(?:(?:that|which)\s+(?:is|are|was|were|has been|have been|will be)\s*)?$/i;

/** Whether the term ending at `end` is work someone else defined, set or owns ({@link BY_OTHERS_RE}). */
function setByOthers(clause: string, end: number): boolean {
  BY_OTHERS_RE.lastIndex = 0;
  for (let m = BY_OTHERS_RE.exec(clause); m; m = BY_OTHERS_RE.exec(clause)) {
    if (m.index >= end && BY_OTHERS_GAP_RE.test(clause.slice(end, m.index))) return true;
  }
  return false;
}
/**
 * A qualifier that makes the clause's strategy work derived from a strategy, vision or roadmap set
 * above the role: "shapes a squad vision guided by the wider strategy", "a roadmap in
 * line with the product vision". The role's version follows one it was given, so its strategy
 * words are shared work. A strategy is set above the role only when the words say so: a product,
 * tribe, portfolio or "wider" strategy, or a vision or roadmap (product direction) it follows.
 * Following the strategy, the overall strategy or the company's, as every product vision and
 * roadmap does, is not derived in this sense: "define the vision, driven by the overall strategy"
 * says what the role's vision is aligned to, not that someone else owns it.
 */
const DERIVED_RE =
  /\b(?:driven by|derived from|deriv\w* from|in line with|in accordance with|aligned (?:with|to)|in alignment with|guided by|informed by|based on|(?:that|which) supports?|in support of|follows?|following|within)\s+(?:the\s+|a\s+|an\s+)?(?:(?:overall|agreed|existing|defined|given)\s+)*(?:(?:(?:wider|broader|higher-level|high-level|product|portfolio|program(?:me)?|tribe|domain|area|platform|department(?:al)?)\s+)+(?:strateg(?:y|ies)|direction|strategic direction)|(?:(?:overall|wider|broader|higher-level|high-level|product|portfolio|program(?:me)?|tribe|domain|area|platform|department(?:al)?|agreed|existing|defined|given)\s+)*(?:vision|roadmaps?))\b/i;
/**
 * What the work is aligned with is someone else's: in "a plan aligned with the client's goals and
 * Acme's vision" the vision is Acme's, whoever owns the roadmap. Matches the text
 * just before a direction term. Inputs ("based on market data", "informed by insight") are left
 * alone: gathering them is the role's own work.
 */
const ALIGNED_TO_RE =
  /\b(?:aligned (?:with|to)|in line with|in alignment with|in accordance with|driven by|derived from|guided by|in support of|supports?|supporting)\s+(?:[\w'’&/-]+\s+){0,5}$/i;
/** The terms that name a direction someone sets (and work can be aligned with). */
const DIRECTION_TERM_RE = /vision|strateg|roadmap|mission|okr|objective|goal|north star|direction/;
/** "translate the vision into stories": what comes before "into" is input, not owned work. */
const TRANSLATE_RE = /\b(?:translat\w*|turn\w*|break\w*(?:\s+\w+){0,3}?\s+down|convert\w*|decompos\w*|take\w*|taking)\b/i;
const COORDINATED_RE = /^[\s,]*(?:(?:and|&|\/|or|then)[\s,]*)?$/i;
/**
 * Verbs of helping with work rather than doing it. Next to an owning verb they hedge it: in "help
 * drive the growth plan" or "help to shape the vision" the owning verb is what the role helps with,
 * and in "maintain / contribute to the roadmap" or "lead or support discovery" the role does one or
 * the other, so it is not given the work to own. ("Define and communicate the roadmap" is not
 * hedged: communicating is sharing what the role decided.)
 */
const ASSIST_VERB_RE = /^(?:help\w*|assist\w*|support\w*|contribut\w*|participat\w*|enabl\w*)/i;
/** The link between an assisting verb and the verb it helps with: nothing, or "to". */
const ASSISTED_RE = /^\s+(?:to\s+)?$/i;
/** A link that offers alternatives: "maintain / contribute to", "own or support", "and/or". */
const ALTERNATIVE_RE = /^\s*(?:\/|\bor\b|\band\s*\/\s*or\b)\s*$/i;
/**
 * Someone other than the role is the subject: "The wider delivery team plans and agrees the
 * roadmap", "part of the regional team, who are responsible for planning the roadmap". What that
 * party does is its work, not the role's: the terms after it, to the end of the clause or until the
 * role comes back in ("you", "the role", "this role"), are touched.
 */
const PARTY_NOUN = String.raw`(?:teams?|squads?|tribes?|group|department|function|directors?|head\s+of\s+\w+|leadership|(?:senior\s+)?management|committee|board|council|chapter|office)`;
const OTHER_PARTY_RE = new RegExp(
  String.raw`(?:^[\s\-*+•]*(?:the|our|a|an|their|its)\s+(?:[\w&'’-]+\s+){0,4}${PARTY_NOUN}\s+(?:also\s+|jointly\s+|collectively\s+)?(?=(?:owns?|plans?|sets?|defines?|decides?|agrees?|determines?|(?:is|are)\s+(?:responsible|accountable|in\s+charge))\b)` +
    String.raw`|\b${PARTY_NOUN},?\s+(?:who|which|that)\s+(?:(?:is|are)\s+)?(?=(?:responsible|accountable|in\s+charge|owns?|plans?|sets?|defines?|decides?|agrees?|determines?)\b))`,
  'gi',
);
/** The party noun of an {@link OTHER_PARTY_RE} match (the match ends just after it). */
const PARTY_AT_END_RE = new RegExp(String.raw`(${PARTY_NOUN}),?\s+(?:(?:who|which|that)\s+(?:(?:is|are)\s+)?|also\s+|jointly\s+|collectively\s+)?$`, 'i');
const ROLE_BACK_RE = /\b(?:you|the role|this role|the successful candidate)\b/i;

/**
 * Whether the term at `at` is what another party does ({@link OTHER_PARTY_RE}). A party the title
 * names is the role itself: in a posting for a "Tribe Lead" or a "Product Director", "the tribe…"
 * or "the Product Director is responsible for" says what the hire does.
 */
function doneByOthers(clause: string, at: number, title: string): boolean {
  OTHER_PARTY_RE.lastIndex = 0;
  for (let m = OTHER_PARTY_RE.exec(clause); m; m = OTHER_PARTY_RE.exec(clause)) {
    const party = PARTY_AT_END_RE.exec(m[0])?.[1]?.toLowerCase().replace(/s$/, '');
    if (party !== undefined && title.toLowerCase().includes(party)) continue;
    const from = m.index + m[0].length;
    if (at >= from && !ROLE_BACK_RE.test(clause.slice(from, at))) return true;
  }
  return false;
}

interface Span {
  start: number;
  end: number;
}

/**
 * The clauses of a line in which the company describes itself: a sentence such as "We're a small
 * lending startup" or "Acme is a leading agency", and the sentences after it that go on about the
 * company ("We…", "Our…", the company's name again). List items are duties or skills, never blurb.
 */
function blurbClauses(line: string, clauses: readonly Span[]): Set<number> {
  const out = new Set<number>();
  if (LIST_ITEM_RE.test(line)) return out;
  let name: string | undefined;
  for (let k = 0; k < clauses.length; k++) {
    const text = line.slice(clauses[k]!.start, clauses[k]!.end).replace(/^[\s#>*_]+/, '');
    if (BLURB_SENTENCE_RE.test(text)) {
      out.add(k);
      name = /^(?!we\b|we(?:'|’)re\b|since\b|founded\b|established\b|our\b)([A-Z][\w&.'’-]*)/i.exec(text)?.[1];
    } else if (out.has(k - 1) && (BLURB_GOES_ON_RE.test(text) || (name !== undefined && text.startsWith(`${name} `)))) {
      out.add(k);
    }
  }
  return out;
}

/** Clauses of one line: split after sentence punctuation and semicolons. */
function clausesOf(line: string): Span[] {
  const out: Span[] = [];
  // "Collect customer needs; turn them into specifications" is one piece of work: the needs are
  // the input of what follows, so the clause goes on.
  const re = /[.;!?](?=\s|$)(?!\s*(?:and\s+)?(?:translat|turn|convert|break)\w*\s+(?:them|these|this|it|those)\b)/gi;
  let from = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    out.push({ start: from, end: m.index + 1 });
    from = m.index + 1;
  }
  if (from < line.length) out.push({ start: from, end: line.length });
  return out;
}

/**
 * Where each duty of a clause starts. "Create the roadmap and define the vision" gives the role two
 * duties, as two bullets would: a new duty starts at an owning verb that follows "and" (or "&",
 * "as well as") after the previous verb's object, in the same form as the clause's first owning
 * verb ("creates … and defines", "own … and set", "owning … and defining"). "Define and
 * communicate the roadmap" is one duty (no object between the verbs); so is "write the stories,
 * acceptance criteria and test cases", where "test" is part of a term ("test cases"), not a verb.
 * Offsets are into the clause, the first always 0.
 */
function dutyStarts(clause: string, hits: readonly Span[]): number[] {
  const starts = [0];
  const form = (verb: string): string => (/ing$/i.test(verb) ? 'ing' : /(?:[^s]s|ies)$/i.test(verb) ? 's' : /ed$/i.test(verb) ? 'ed' : 'base');
  let first: string | undefined;
  let prevEnd = -1;
  TRIGGER_RE.lastIndex = 0;
  for (let m = TRIGGER_RE.exec(clause); m; m = TRIGGER_RE.exec(clause)) {
    const own = m[2] !== undefined;
    const end = m.index + m[0].length;
    if (own && first === undefined) first = form(m[0].split(/\s+/)[0]!);
    else if (own && prevEnd >= 0) {
      const gap = clause.slice(prevEnd, m.index);
      const inTerm = hits.some((h) => h.start <= m!.index && h.end > end);
      // "…define items, and prioritize them by customer needs": a verb whose object points back
      // (them, it, these) works on the same thing, so it is the same duty.
      const pointsBack = /^\s*(?:them|it|these|those|this|each(?: one)?)\b/i.test(clause.slice(end, end + 16));
      if (/\w[^,;:()]*?(?:,?\s+(?:and|&|as well as)|\s*&)\s+$/i.test(gap) && !inTerm && !pointsBack && form(m[0].split(/\s+/)[0]!) === first) starts.push(m.index);
    }
    prevEnd = end;
  }
  return starts;
}

/** Verbs of doing work together (the role is one of the doers), not of helping someone else do it. */
const JOINT_VERB_RE = /^(?:collaborat\w*|partner\w*|work\w*(?:\s+closely)?(?:\s+with)?|liais\w*|engag\w*|interfac\w*(?:\s+with)?)$/i;
/** "with the development team to", "closely with engineers and design in": who the role works with, then the purpose. */
const JOINT_PURPOSE_RE = /^\s*(?:closely\s+|directly\s+|together\s+)?(?:(?:with|alongside)\s+)?([^,;:()]{1,80}?)\s+(?:to|in order to|so as to|in|on|for)\s+$/i;
/**
 * People who own the layer themselves: working with them "to define the roadmap" or "to refine the
 * backlog" is helping them with their work, so it stays shared.
 */
const LAYER_OWNER_RE =
  /\b(?:pms?|pos?|product\s+(?:manag\w*|owners?|leads?|lead(?:ership)?|directors?|strategy|council)|head\s+of|directors?|vps?|chief|cpo|leadership|executives?|execs?|senior\s+management|management\s+team|business\s+owners?|(?:your|the)\s+manager|tribe\s+leads?|chapter\s+leads?|portfolio\s+manag\w*|program(?:me)?\s+manag\w*)\b/i;

/**
 * Where the role's own work starts in a clause that opens with a joint verb ("Collaborate with the
 * app developers to order…"): the index of the owning verb after "to", when the people named in
 * between do not own that layer themselves. Undefined when the clause is plain shared work.
 */
function ledPurpose(clause: string, opener: { index: number; end: number }, triggers: readonly { index: number; end: number; own: boolean }[]): number | undefined {
  if (!JOINT_VERB_RE.test(clause.slice(opener.index, opener.end))) return undefined;
  const withEnds = /\bwith$/i.test(clause.slice(opener.index, opener.end));
  // The purpose verb is the first owning verb right after "to" (or "in", "on", "for"); verbs
  // before it may be part of who the role works with ("engineering leads", "design").
  for (const t of triggers) {
    if (t.index < opener.end) continue;
    if (!t.own) {
      if (triggers.some((u) => u.own && u.index > t.index)) continue;
      return undefined;
    }
    const gap = clause.slice(opener.end, t.index);
    const between = JOINT_PURPOSE_RE.exec(gap);
    if (!between) continue;
    // A touch verb between the people and the purpose ("…with the team to support the PO to define") keeps it shared.
    if (triggers.some((u) => !u.own && u.index > opener.end && u.index < t.index)) return undefined;
    // The people must be named: "with" ends the joint verb ("Work with") or opens the gap.
    if (!withEnds && !/^\s*(?:\w+\s+)?(?:with|alongside)\s/i.test(gap)) return undefined;
    return LAYER_OWNER_RE.test(between[1]!) ? undefined : t.index;
  }
  return undefined;
}

/**
 * "Join our payments squad and shape its vision": joining a team or a company is
 * taking the job, not joining someone else's work, so what the role does after "and" or "to" is
 * judged on its own. "Join sprint reviews" still shares the work.
 */
function joinedTeam(clause: string, opener: { index: number; end: number }, triggers: readonly { index: number; end: number; own: boolean }[]): number | undefined {
  if (!/^join/i.test(clause.slice(opener.index, opener.end))) return undefined;
  const next = triggers.find((t) => t.index >= opener.end);
  if (!next?.own) return undefined;
  const gap = clause.slice(opener.end, next.index);
  const joined = /^\s*(?:us|(?:our|the|a|an)\b[^,;:()]{0,60}?\b(?:team|teams|company|squad|tribe|group|organi[sz]ation|studio|startup|mission))\b[^,;:()]{0,40}?\b(?:and|to)\s+$/i;
  return joined.test(gap) ? next.index : undefined;
}

/** Whether the role owns, touches or merely receives the term at `at` in `clause`. */
function stanceAt(clause: string, at: number, end: number, loop: SingleLoop, term: string, title = ''): Stance {
  if (TOUCH_MARKER_RE.test(clause) || setByOthers(clause, end) || doneByOthers(clause, at, title)) return 'touches';
  const triggers: { index: number; end: number; own: boolean }[] = [];
  TRIGGER_RE.lastIndex = 0;
  for (let m = TRIGGER_RE.exec(clause); m; m = TRIGGER_RE.exec(clause)) {
    triggers.push({ index: m.index, end: m.index + m[0].length, own: m[2] !== undefined });
  }
  // Clarifying requirements or answering the developers' questions on them is the role's own
  // work when it does it for the people who build ("work with the developers day to day to clarify
  // requirements"), though "clarify" shares a decision elsewhere ("clarify the vision").
  if (BUILDERS_RE.test(clause)) {
    CLARIFY_BUILD_RE.lastIndex = 0;
    for (let m = CLARIFY_BUILD_RE.exec(clause); m; m = CLARIFY_BUILD_RE.exec(clause)) {
      const verbEnd = m.index + /^\S+/.exec(m[0])![0].length;
      const same = triggers.find((t) => t.index === m!.index);
      if (same) same.own = true;
      else triggers.push({ index: m.index, end: verbEnd, own: true });
    }
    triggers.sort((a, b) => a.index - b.index);
  }
  if (loop === 'pm') {
    const into = clause.slice(at).search(/\binto\b/i);
    if (into > 0 && TRANSLATE_RE.test(clause)) return 'input';
    if (DERIVED_RE.test(clause) || (DIRECTION_TERM_RE.test(term) && ALIGNED_TO_RE.test(clause.slice(0, at)))) return 'touches';
  }
  // "Work with design to explore the problem space", "Support the PM to define the roadmap": a
  // clause that opens by sharing the work keeps that stance throughout. Except when the role does
  // the work together with people who do not own it: in "Collaborate with the app developers to
  // order and groom the backlog" the role orders the backlog, and the team is who it does it with.
  const opener = triggers[0];
  if (opener && !opener.own && clause.slice(0, opener.index).split(/\s+/).filter((w) => /\w/.test(w)).length <= 5) {
    let chainOwns = false;
    for (let i = 1; i < triggers.length && !chainOwns; i++) {
      const gap = clause.slice(triggers[i - 1]!.end, triggers[i]!.index);
      if (!COORDINATED_RE.test(gap) && !ASSISTED_RE.test(gap)) break;
      // "help drive", "support to define": the owning verb is what the role helps with.
      if (ASSISTED_RE.test(gap) && ASSIST_VERB_RE.test(clause.slice(triggers[i - 1]!.index, triggers[i - 1]!.end))) continue;
      chainOwns = triggers[i]!.own;
    }
    const led = chainOwns ? undefined : (ledPurpose(clause, opener, triggers) ?? joinedTeam(clause, opener, triggers));
    if (!chainOwns && (led === undefined || at < led)) return 'touches';
  }
  let k = -1;
  for (let i = 0; i < triggers.length; i++) if (triggers[i]!.index <= at) k = i;
  if (k < 0) {
    // "Backlog management: create, refine and order items" — the verb comes after the topic.
    const first = triggers[0];
    if (!first) return 'neutral';
    k = 0;
  }
  // A chain of coordinated verbs ("define and communicate", "create, prioritise and share") owns
  // the work when any verb in it does.
  // Hedged when an assisting verb in the chain offers an alternative ("maintain / contribute to")
  // or takes the owning verb as what it helps with ("help drive").
  const verbAt = (i: number): string => clause.slice(triggers[i]!.index, triggers[i]!.end);
  let own = triggers[k]!.own;
  let hedged = false;
  for (let i = k; i > 0; i--) {
    const gap = clause.slice(triggers[i - 1]!.end, triggers[i]!.index);
    const assisted = ASSISTED_RE.test(gap) && ASSIST_VERB_RE.test(verbAt(i - 1));
    if (!COORDINATED_RE.test(gap) && !assisted) break;
    if (assisted || (ALTERNATIVE_RE.test(gap) && (ASSIST_VERB_RE.test(verbAt(i - 1)) || ASSIST_VERB_RE.test(verbAt(i))))) hedged = true;
    own ||= triggers[i - 1]!.own;
  }
  return own && !hedged ? 'owns' : 'touches';
}

// ---------------------------------------------------------------------------------------------
// JD corrections on top of the lexicon's hits
// ---------------------------------------------------------------------------------------------

interface Hit {
  term: string;
  loop: SingleLoop;
  weight: number;
  start: number;
  end: number;
}

/**
 * The people who build the product, as a duty names them: "with engineering", "the developers'
 * questions", "the squad". What the role settles with them is the build's detail, not the
 * product's direction.
 */
const BUILDERS_RE = /\b(?:developers?|devs?|engineers?|engineering|dev(?:elopment)?\s+teams?|delivery\s+teams?|scrum\s+teams?|squads?|testers?|qa|the\s+team)\b/i;
/** Clarifying or settling the detail of what gets built: requirements, criteria, the team's questions on them. */
const CLARIFY_BUILD_RE =
  /\b(?:clarif(?:y|ies|ied|ying)|answer(?:s|ed|ing)?|resolv(?:e|es|ed|ing)|settl(?:e|es|ed|ing)|explain(?:s|ed|ing)?)\s+(?:(?:the|any|all|open|outstanding|remaining|their|detailed|functional|product|business|technical|day-to-day|developers['’]?|engineers['’]?|team['’]s|and)\s+)*(?:requirements?|(?:requirements?\s+|product\s+|functional\s+)?(?:questions|queries)|acceptance\s+criteria|edge\s+cases)\b/gi;

/** Phrases the JD layer reads differently from notes, or adds. Each replaces the hits it covers. */
const JD_PHRASES: readonly { re: RegExp; term: string; loop: SingleLoop; weight: number; needs?: RegExp }[] = [
  // Cutting features or epics into pieces the team can build and test: story splitting, PO
  // refinement work. Only work items are cut (features, epics, initiatives, requirements, "the
  // work"), into build-sized pieces: "split the market into segments", "break the problem down
  // into hypotheses" or "break the vision into quarterly goals" are not it.
  {
    re: /\b(?:break(?:s|ing)?|broke|split(?:s|ting)?|slic(?:e|es|ed|ing)|cut(?:s|ting)?|decompos(?:e|es|ed|ing)|chunk(?:s|ed|ing)?)\s+(?:down\s+|up\s+)?(?:(?:the|our|each|every|new|large|larger|big|bigger|all|upcoming|product)\s+)*(?:features?|epics?|initiatives?|requirements|work|roadmap\s+items|capabilities)\s+(?:down\s+|up\s+)?into\s+(?:(?:small|smaller|thin|thinner|buildable|testable|shippable|deliverable|releasable|manageable|bite-?sized|independent|incremental|vertical|concrete|actionable|well-defined|sprint-sized|estimable)[\s,]+(?:and\s+)?)*(?:pieces|chunks|increments|slices|stories|items|tasks|parts|units|tickets|steps|deliverables|backlog\s+items|work\s+items)\b/gi,
    term: 'story splitting',
    loop: 'po',
    weight: 3,
  },
  // Carrying the specification through the build: the role's specs stay its own while the team
  // implements them ("own the specs from definition through implementation", "until the feature
  // is live"). A launch is not in it (go-to-market is PM work), nor specs handed to a team.
  {
    re: /\b(?:specs?|specifications?|requirements|user\s+stories|stories|tickets)\b[^.;:]{0,50}?\b(?:through(?:\s+to)?|until|till|to|into)\s+(?:the\s+)?(?:(?:implementation|development|build|delivery|release|production|done)\b(?!\s+(?:teams?|squads?|leads?|managers?|partners?)\b)|(?:feature|work|change|story|stories|it)\s+(?:is|are|goes|go)\s+(?:live|built|shipped|released|delivered|done|in\s+production)\b)/gi,
    term: 'specs through delivery',
    loop: 'po',
    weight: 2.5,
  },
  // The team's requirements partner: clarifying requirements and answering the developers'
  // questions on them, day to day. Only beside the people who build it ({@link BUILDERS_RE}):
  // "answer questions from customers" is support work, "clarify the product vision" sharing it.
  { re: CLARIFY_BUILD_RE, term: 'requirements clarification', loop: 'po', weight: 2.5, needs: BUILDERS_RE },
  // "Size market opportunities" is market sizing, PM work: never the PO's story sizing.
  {
    re: /\bsiz(?:e|es|ed|ing)\s+(?:up\s+)?(?:the\s+|new\s+|our\s+|potential\s+)?(?:market|opportunit|tam\b|segment|demand)\w*(?:\s+opportunit\w*)?/gi,
    term: 'opportunity sizing',
    loop: 'pm',
    weight: 3,
  },
  { re: /\b(?:market|opportunity)\s+siz(?:e|ing)\b/gi, term: 'market sizing', loop: 'pm', weight: 3.5 },
  { re: /\bdelivery\s+plans?\b/gi, term: 'delivery plan', loop: 'po', weight: 2.5 },
  // The lexicon's tokens split "road-map"; it is the roadmap.
  { re: /\broad-maps?\b/gi, term: 'roadmap', loop: 'pm', weight: 2.5 },
  // Specifying the build for the team: requirements gathered and ordered for developers, screens
  // and flows drawn for them. Delivery-layer work a business analyst shares with the PO.
  {
    re: /\b(?:gather\w*|elicit\w*|captur\w*|collect\w*|document\w*)\s+(?:(?:the|all|detailed|clear|new)\s+)?(?:[a-z]+\s*\/\s*)?(?:(?:business|functional|technical|feature|product|user|system|customer|client|stakeholder|software)\s+)?requirements\b/gi,
    term: 'requirements gathering',
    loop: 'po',
    weight: 2,
  },
  { re: /\brequirements?\s+(?:gathering|elicitation|capture)\b/gi, term: 'requirements gathering', loop: 'po', weight: 2 },
  {
    re: /\b(?:prioriti[sz]\w*|(?<!\bin\s)order(?:s|ed|ing)?)\b[^.;:]{0,60}?\bfor (?:the |our |your |each )?(?:development|dev|engineering|build|delivery|scrum|software|agile) teams?\b/gi,
    term: 'prioritise for the team',
    loop: 'po',
    weight: 2.5,
  },
  // Deciding what the product is and does: the call a PM makes, weighing inputs ("make product
  // decisions", "product definition"), filed with the roadmap (what gets built, what first).
  { re: /\bproduct\s+(?:decisions?|decision[- ]making)\b/gi, term: 'product decisions', loop: 'pm', weight: 1.5 },
  { re: /\bproduct\s+definition\b/gi, term: 'product definition', loop: 'pm', weight: 1.5 },
  { re: /\bwire-?fram(?:e|es|ed|ing)\b/gi, term: 'wireframes', loop: 'po', weight: 1.5 },
  { re: /\buser[- ]flows?\b/gi, term: 'user flows', loop: 'po', weight: 1.5 },
  // Hearing from users first-hand is discovery (feedback from stakeholders is not: no term).
  {
    re: /\b(?:gather\w*|collect\w*|get|gets|getting|solicit\w*|seek\w*)\s+(?:(?:direct|early|regular|continuous)\s+)?(?:(?:user|customer|client|field|end-user)s?\s+feedback|feedback\s+(?:directly\s+)?from\s+(?:the\s+)?(?:end[- ])?(?:users|customers|clients|field|players|patients|merchants))\b/gi,
    term: 'user feedback',
    loop: 'pm',
    weight: 1.5,
  },
];

/**
 * Words of account management and customer success, not product strategy: "spot upsell and
 * cross-sell openings" is selling to an account, "adoption strategies" and "account
 * strategy" are a client's plan. Hits inside these go. Upsell and cross-sell still count beside
 * pricing, plans or funnels ("in-product upsell prompts that lift ARPU").
 */
const NOT_PRODUCT_RE =
  /\b(?:adoption|account|accounts|client|clients|sales|renewal|renewals|support|success|comms|communications|hiring|recruiting|staffing|test|testing|qa|migration|deployment|versioning|branching|caching|retry|backup|indexing|security|cloud|infrastructure)\s+strateg(?:y|ies)\b/gi;
const ACCOUNT_SELLING_RE = /\b(?:up-?sell\w*|cross-?sell\w*)(?:\s*(?:,|and|&|\/|or)\s*(?:up-?sell\w*|cross-?sell\w*))*(?:\s+(?:opportunit\w*|potential|revenue))?/gi;
const PRODUCT_SELLING_RE = /\b(?:pricing|price|plans?|tiers?|paywall|in-product|in-app|funnel|conversion|experiment\w*|monetiz\w*|monetis\w*|arpu|packaging|checkout)\b/i;

/**
 * "Onboarding" in its two senses. Bringing new users or customers through their first steps is the
 * activation funnel, PM work. Onboarding merchants, vendors, partners or employees is an operations
 * process (contracts, checks, provisioning, accounts set up), and a team named after it ("the
 * onboarding squad") is a team: neither is funnel work. {@link OTHER_ONBOARDING_RE} marks the
 * process sense where it stands; a posting that uses it and never the user sense
 * ({@link USER_ONBOARDING_RE}) means the process by every bare "onboarding" too.
 */
const OTHER_ONBOARDING_RE =
  /\b(?:merchants?|vendors?|suppliers?|partners?|sellers?|resellers?|dealers?|brokers?|agents?|drivers?|couriers?|riders?|providers?|institutions?|banks?|corporates?|business(?:es)?|b2b|employees?|staff|new[- ]hires?|hires?|colleagues?|contractors?|clients?|kyc|kyb)(?:['’]s?)?\s+(?:[\w-]+\s+)?on-?boarding\b|\bon-?boarding\s+(?:[\w-]+\s+){0,2}?(?:of|for)\s+(?:(?:new|our|the|all)\s+)?(?:[\w-]+\s+)?(?:merchants?|vendors?|suppliers?|partners?|sellers?|resellers?|dealers?|drivers?|couriers?|riders?|providers?|employees?|staff|hires?|colleagues?|contractors?|clients?|institutions?|banks?|businesses)\b|\bon-?boarding\s+(?:(?:squads?|teams?|ops|operations|specialists?|analysts?|agents?|workflows?|process(?:es)?|paperwork|documents?|documentation|checks?|compliance|provisioning)\b)/gi;
const USER_ONBOARDING_RE =
  /\b(?:users?|customers?|new[- ]users?|players?|members?|subscribers?|consumers?|shoppers?|patients?|learners?|students?|app|in-app|product|self-serve|mobile)\s+on-?boarding\b|\bon-?boarding\s+(?:flows?|funnels?|journeys?|experiences?|screens?|checklists?|emails?|tours?)\b|\bon-?boarding\b[^.;]{0,60}\b(?:activation|sign-?ups?|first[- ]run|aha moment|time to value|new users)\b|\b(?:activation|sign-?ups?)\b[^.;]{0,60}\bon-?boarding\b/i;

/**
 * "Integration" in its two senses. Joining up work across teams or systems before a release (a
 * dependency, an integration risk) is delivery work. But a posting for a payments integrations team
 * or a connector product uses the word for the product itself: "scale our integrations", "integration
 * features", "API integrations" name what is built, not delivery across teams. A bare "integration"
 * counts as delivery only with a word of cross-team delivery in its clause.
 */
const INTEGRATION_DELIVERY_RE =
  /\b(?:dependenc\w*|depend\w*\s+on|cross[- ]team|across\s+(?:the\s+)?(?:teams|squads|tribes)|between\s+(?:the\s+)?(?:teams|squads|tribes|services|systems|components)|other\s+teams|upstream|downstream|sprints?|release\s+(?:train|plan\w*)|critical\s+path|blocker\w*)\b/i;

/**
 * Negated sentences: "It is neither a strategic role nor a delivery role", "This is not a
 * leadership role", "You will not own the roadmap". What the posting says the role is not gives no
 * evidence for that work. ("Not only … but also" is not a negation.)
 */
const NEGATED_RE = new RegExp(
  [
    String.raw`\bneither\b[^.;:!?]*?\bnor\b[^.;:!?,]*`,
    String.raw`\b(?:not|never|no\s+longer)\s+(?:a|an)\s+[^.;:!?,]{0,60}?\b(?:role|position|job|remit|post)\b`,
    String.raw`\b(?:is|are|will|would|does|do|shall)\s*(?:not|n['’]t)\s+(?!only\b|just\b|merely\b|simply\b)(?:be\s+)?(?:responsible|accountable|in\s+charge|expected\s+to|asked\s+to|own\w*|set\w*|defin\w*|lead\w*|run\w*|manag\w*|decid\w*|driv\w*)\b[^.;:!?]*`,
    String.raw`\bwon['’]t\s+(?:be\s+)?(?:responsible|accountable|in\s+charge|own\w*|set\w*|defin\w*|lead\w*|run\w*|manag\w*|decid\w*|driv\w*)\b[^.;:!?]*`,
    String.raw`\bwithout\s+(?:owning|setting|defining|leading|running|managing|being\s+(?:responsible|accountable)\s+for)\b[^.;:!?,]*`,
  ].join('|'),
  'gi',
);

/**
 * Work handed to other people: "handoff packs for the delivery PM and QA", "hand the specs over to
 * the engineering team", "before features reach the delivery team". The people the work goes to
 * are named, not the role's own delivery: their words are no evidence, and the hand-off itself is
 * not delivery the role owns.
 */
const HANDOFF_RE =
  /\b(?:hand[- ]?(?:offs?|overs?)|hand(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,4}?(?:off|over)|pass(?:es|ed|ing)?\s+(?:[\w-]+\s+){0,4}?on)\b[^.;:!?]*?\b(?:to|for)\s+[^.;:!?]*|\bbefore\s+(?:they|it|work|features?|items?|requirements?|specs?|specifications?|stories|ideas?|anything)\s+(?:\w+\s+)?(?:reach|reaches|enter|enters|go\s+to|goes\s+to|move\s+to|moves\s+to|pass\s+to|passes\s+to)\b[^.;:!?]*/gi;
/** A delivery word that names a team or a role, not the work: "the delivery team", "the QA engineers", "the delivery PM". */
const DELIVERY_ROLE_AFTER_RE =
  /^[\s-]*(?:teams?|squads?|pms?|product\s+managers?|managers?|leads?|engineers?|analysts?|testers?|specialists?|colleagues?|people|functions?|departments?|organi[sz]ations?|partners?)\b/i;
/** "Sequence diagrams", "release diagrams": a kind of diagram, not sequencing work. */
const DIAGRAM_AFTER_RE = /^[\s-]*diagrams?\b/i;
/** "Composable building blocks", "time blocks": a noun, not work blocked on another team. */
const BLOCK_NOUN_RE = /\b(?:building|lego|time|code|text|content|modular|composable|reusable|basic|core|foundational|city)\s+$/i;
/** "Own the definition and scoping of features", "define the scope": deciding what the product is, PM definition work, unless it is a sprint's or a release's scope. */
const DEFINE_SCOPE_RE = /\b(?:defin(?:e|es|ing)|definition)\b/i;
const DELIVERY_SCOPE_RE = /\b(?:sprints?|releases?|stor(?:y|ies)|backlog|iterations?|increments?|tickets?|epics?|pi)\b/i;

function spansOf(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Story sizing: "size" only evidences PO work next to stories, tickets or estimates. */
const STORY_SIZE_CONTEXT_RE = /\b(?:stor(?:y|ies)|tickets?|epics?|items?|points?|estimat\w*|t-?shirt|backlog|tasks?)\b/i;

function adjustHits(line: string, hits: readonly Evidence[], onboardingIsProcess = false): Hit[] {
  // A stakeholder only named ("work with sales and legal", "reports to the CEO") says who the role
  // meets, not what work it does: the lexicon marks it `mention`, and it is no evidence here either.
  let out: Hit[] = hits.filter((h) => h.mention !== true).map((h) => ({ term: h.term, loop: h.loop, weight: h.weight, start: h.start, end: h.end }));
  for (const p of JD_PHRASES) {
    if (p.needs && !p.needs.test(line)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(line); m; m = p.re.exec(line)) {
      const s = m.index;
      const e = s + m[0].length;
      out = out.filter((h) => h.end <= s || h.start >= e);
      out.push({ term: p.term, loop: p.loop, weight: p.weight, start: s, end: e });
    }
  }
  const away: Span[] = [];
  NOT_PRODUCT_RE.lastIndex = 0;
  for (let m = NOT_PRODUCT_RE.exec(line); m; m = NOT_PRODUCT_RE.exec(line)) away.push({ start: m.index, end: m.index + m[0].length });
  const processOnboarding: Span[] = [];
  OTHER_ONBOARDING_RE.lastIndex = 0;
  for (let m = OTHER_ONBOARDING_RE.exec(line); m; m = OTHER_ONBOARDING_RE.exec(line)) processOnboarding.push({ start: m.index, end: m.index + m[0].length });
  if (!PRODUCT_SELLING_RE.test(line)) {
    ACCOUNT_SELLING_RE.lastIndex = 0;
    for (let m = ACCOUNT_SELLING_RE.exec(line); m; m = ACCOUNT_SELLING_RE.exec(line)) away.push({ start: m.index, end: m.index + m[0].length });
  }
  away.push(...spansOf(NEGATED_RE, line));
  const handedOff = spansOf(HANDOFF_RE, line);
  const clauses = clausesOf(line);
  const clauseOf = (h: Hit): string => {
    const c = clauses.find((cl) => h.start >= cl.start && h.start < cl.end) ?? { start: 0, end: line.length };
    return line.slice(c.start, c.end);
  };
  out = out.map((h) => {
    // Defining a feature's scope is deciding what the product is: product definition, PM work.
    if (h.loop === 'po' && h.term === 'scope' && DEFINE_SCOPE_RE.test(clauseOf(h)) && !DELIVERY_SCOPE_RE.test(clauseOf(h))) {
      return { ...h, term: 'product scope', loop: 'pm', weight: 0.5 };
    }
    return h;
  });
  return out
    .filter((h) => {
      const words = line.slice(h.start, h.end);
      if (h.loop === 'po') {
        const area = dutyArea('po', h.term);
        // Work handed to other people is theirs; a delivery word naming a team or a role is who, not what.
        if (handedOff.some((a) => h.start >= a.start && h.start < a.end)) return false;
        if ((area === 'delivery with the team' || area === 'acceptance') && DELIVERY_ROLE_AFTER_RE.test(line.slice(h.end))) return false;
        if (DIAGRAM_AFTER_RE.test(line.slice(h.end))) return false;
        if (h.term === 'blocked' && /^blocks?$/i.test(words) && BLOCK_NOUN_RE.test(line.slice(0, h.start))) return false;
        if (h.term === 'integration' && !INTEGRATION_DELIVERY_RE.test(clauseOf(h))) return false;
      }
      if (/on-?boarding/i.test(words) && (onboardingIsProcess || processOnboarding.some((a) => h.start < a.end && h.end > a.start))) return false;
      if (away.some((a) => h.start < a.end && h.end > a.start)) return false;
      // "payment flow efficiency" is how well the product's payment flow works, not the Kanban measure.
      if (h.term === 'flow efficiency' && /\b(?:payments?|checkout|order|user|sign-?up|booking|purchase|transaction|customer|conversion)\s+$/i.test(line.slice(0, h.start))) return false;
      // "market" must not match inside "marketing" (the lexicon stems both to one word).
      if (/marketing/i.test(words) && !/marketing/i.test(h.term)) return false;
      // "competitive salary", "competitive benefits" are pay, not competitive analysis.
      if (h.term === 'competitive' && /^\W*(?:salary|salaries|pay|compensation|benefits|package|rates?)\b/i.test(line.slice(h.end))) return false;
      // A/B testing is written "A/B" or "AB"; a lowercase "ab" is another language's word (the
      // German particle in "stimmt … ab", "ab sofort") unless a test follows it.
      if (h.term === 'ab' && !/\/|^AB$/.test(words) && !/^\W*(?:test|tests|testing|experiment\w*|split)\b/i.test(line.slice(h.end))) return false;
      // "equal opportunity" is the EEO line.
      if (h.term === 'opportunity' && /equal\W+$/i.test(line.slice(0, h.start))) return false;
      if (h.loop === 'po' && (h.term === 'size' || h.term === 'sizing')) {
        const around = line.slice(Math.max(0, h.start - 40), Math.min(line.length, h.end + 40));
        return STORY_SIZE_CONTEXT_RE.test(around);
      }
      return true;
    })
    .sort((a, b) => a.start - b.start);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Strongest hit of a term in full, repeats with diminishing returns (as the lexicon's scoring does). */
function aggregate(perTerm: Map<string, { loop: SingleLoop; weights: number[] }>): { pm: number; po: number } {
  const score = { pm: 0, po: 0 };
  for (const { loop, weights } of perTerm.values()) {
    if (!weights.length) continue;
    let best = 0;
    let sum = 0;
    for (const w of weights) {
      if (w > best) best = w;
      sum += w;
    }
    score[loop] += best + (sum / weights.length) * Math.log(weights.length);
  }
  return score;
}

function addWeight(map: Map<string, { loop: SingleLoop; weights: number[] }>, loop: SingleLoop, term: string, w: number): void {
  const key = `${loop}\u0000${term}`;
  const entry = map.get(key) ?? { loop, weights: [] };
  entry.weights.push(w);
  map.set(key, entry);
}

/** One list of a posting: its lead-in's kind (when it says what the list is) and how many of its items ask for a skill. */
interface ListBlock {
  leadIn?: SectionKind;
  items: number;
  skillItems: number;
}

/**
 * The lists of a posting, by line: contiguous list items (blank lines allowed between them), each
 * with what the sentence that introduces it says the list is, and how many of its items read as a
 * skill or background line rather than a duty.
 */
function listBlocks(lines: readonly string[], first: number): (ListBlock | undefined)[] {
  const out: (ListBlock | undefined)[] = new Array<ListBlock | undefined>(lines.length);
  let block: ListBlock | undefined;
  let lead: string | undefined;
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    if (LIST_ITEM_RE.test(raw)) {
      if (!block) {
        block = { items: 0, skillItems: 0 };
        if (lead !== undefined && sectionHeader(lead) === undefined && KNOWLEDGE_LEAD_IN_RE.test(stripMarkdown(lead))) block.leadIn = 'requirements';
      }
      const plain = stripMarkdown(raw);
      if (!ABLE_TO_RE.test(plain)) {
        block.items++;
        if (REQUIREMENT_LINE_RE.test(plain)) block.skillItems++;
      }
      out[i] = block;
    } else {
      block = undefined;
      lead = raw;
    }
  }
  return out;
}

const LOOP_NAME: Record<SingleLoop, string> = { pm: 'PM', po: 'PO' };

/**
 * Classify a job description by its responsibilities. Never throws; empty, very short or
 * off-topic input yields `unclear` with low confidence, no prep plan and a reason.
 */
export function classifyJobDescription(text: string, lexicon: Lexicon = defaultLexicon): JdResult {
  const input = typeof text === 'string' ? text : '';
  const bom = input.startsWith('\uFEFF') ? 1 : 0;
  const src = input.slice(bom);
  // Lines with their offsets in the input, whatever the line endings.
  const lines: string[] = [];
  const lineStart: number[] = [];
  {
    const re = /\r\n|\r|\n/g;
    let from = 0;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      lines.push(src.slice(from, m.index));
      lineStart.push(from + bom);
      from = m.index + m[0].length;
    }
    lines.push(src.slice(from));
    lineStart.push(from + bom);
  }

  // Skip YAML front matter (a pasted posting rarely has one; fixtures and notes do).
  let first = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && i < 60 && /^(?:---|\.\.\.)\s*$/.test(l));
    if (close > 0) first = close + 1;
  }

  // Title: a "Title:" line, else a heading among the first few lines, or one of the first three
  // non-empty lines when it is short, not a list item, not a sentence, and names a role.
  let title: string | undefined;
  let titleLine = -1;
  let seen = 0;
  for (let i = first; i < lines.length && seen < 6; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    seen++;
    if (raw.length > 240) continue;
    const labelled = TITLE_LABEL_RE.exec(raw);
    const candidate = labelled ? stripMarkdown(labelled[1]!) : stripMarkdown(raw);
    const words = candidate.split(/\s+/).filter(Boolean).length;
    const heading = /^\s*#{1,6}\s/.test(raw) || /^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*$/.test(raw);
    const listItem = /^\s*(?:[-*+•]|\d+[.)])\s/.test(raw);
    const looksLikeTitle =
      labelled !== null || heading || (seen <= 3 && !listItem && words <= 10 && !/[.!?]$/.test(candidate));
    if (looksLikeTitle && titleClaims(candidate)) {
      title = candidate;
      titleLine = i;
      break;
    }
  }

  const blocks = listBlocks(lines, first);
  // A posting that onboards merchants or staff, and never users, means that process by every
  // "onboarding" it uses.
  const body = lines.slice(first).join('\n');
  // ("The onboarding flow for partners" is the process too: the user sense is looked for outside it.)
  OTHER_ONBOARDING_RE.lastIndex = 0;
  const onboardingIsProcess = OTHER_ONBOARDING_RE.test(body) && !USER_ONBOARDING_RE.test(body.replace(OTHER_ONBOARDING_RE, ' '));
  // Score each hit by the section it sits in and what the role does with it.
  const all = new Map<string, { loop: SingleLoop; weights: number[] }>();
  const ownedMap = new Map<string, { loop: SingleLoop; weights: number[] }>();
  // Duty statements (one clause of one line) that give the role work to own: per statement, its
  // owned weight per layer and the duty-area hits in it.
  const statements = new Map<string, { owned: Record<SingleLoop, number>; hits: { loop: SingleLoop; area: string; w: number }[] }>();
  const evidence: JdEvidence[] = [];
  let section: SectionKind = 'other';
  let words = 0;
  // Evidence weight in requirements and nice-to-haves, and everywhere else.
  let askedFor = 0;
  let elsewhere = 0;
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    // (A word has a letter or digit of any script: "需求" is one, not none.)
    if (i !== titleLine) words += raw.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    if (i === titleLine) continue;
    const header = sectionHeader(raw);
    if (header !== undefined) section = sectionKind(header);
    const candidateLine = CANDIDATE_LINE_RE.test(raw);
    // A background ruled out ("limited applicability for candidates from growth") says what the role is not.
    if (candidateLine && EXCLUDED_BACKGROUND_RE.test(raw)) continue;
    const hits = adjustHits(raw, findTerms(raw, lexicon), onboardingIsProcess);
    if (hits.length === 0) continue;
    // A heading names a topic ("Product Vision", "Managing the delivery"); the duties under it say
    // what the role does with it. Its words count as touched work, never as work the role owns.
    const topic = isTopicLine(raw, header !== undefined);
    const lineKind: SectionKind = FLUFF_LINE_RE.test(raw) || FIELD_LINE_RE.test(stripMarkdown(raw))
      ? 'fluff'
      : (section === 'duties' || section === 'other') && (candidateLine || asksForSkill(stripMarkdown(raw), section, blocks[i]))
        ? 'requirements'
        : section;
    const clauses = clausesOf(raw);
    const byLoop: Record<SingleLoop, { terms: string[]; quotes: JdQuote[]; owns: boolean }> = {
      pm: { terms: [], quotes: [], owns: false },
      po: { terms: [], quotes: [], owns: false },
    };
    const blurb = blurbClauses(raw, clauses);
    const dutyStartsCache = new Map<number, number[]>();
    const dutyStartsOf = (ci: number, c: Span): number[] => {
      let got = dutyStartsCache.get(ci);
      if (!got) {
        const inClause = hits.filter((h) => h.start >= c.start && h.end <= c.end).map((h) => ({ start: h.start - c.start, end: h.end - c.start }));
        got = dutyStarts(raw.slice(c.start, c.end), inClause);
        dutyStartsCache.set(ci, got);
      }
      return got;
    };
    for (const h of hits) {
      const ci = clauses.findIndex((cl) => h.start >= cl.start && h.start < cl.end);
      const c = clauses[ci] ?? { start: 0, end: raw.length };
      // The company describing itself: scored as blurb (barely), never shown as evidence.
      // A sentence that asks for a skill ("He/she has the ability to…", "This role requires…") is
      // a requirement wherever it stands, as such a list item is.
      const kind: SectionKind =
        ci >= 0 && blurb.has(ci)
          ? 'fluff'
          : (lineKind === 'duties' || lineKind === 'other') && SKILL_SENTENCE_RE.test(raw.slice(c.start, c.end))
            ? 'requirements'
            : lineKind;
      const stance = topic ? 'touches' : stanceAt(raw.slice(c.start, c.end), h.start - c.start, h.end - c.start, h.loop, h.term, title ?? '');
      const owning = stance === 'owns' || stance === 'neutral';
      // A loose word ("vision", "strategy") the role is explicitly given to own counts nearly in full.
      const loose = JD_TERM_FACTOR[h.term] ?? 1;
      const base = h.weight * (stance === 'owns' && !NO_OWNED_FLOOR.has(h.term) ? Math.max(loose, OWNED_LOOSE_FLOOR) : loose) * SECTION_FACTOR[kind];
      addWeight(all, h.loop, h.term, base * STANCE_FACTOR[stance]);
      if (kind === 'requirements' || kind === 'preferred') askedFor += base * STANCE_FACTOR[stance];
      else elsewhere += base * STANCE_FACTOR[stance];
      if (owning && (kind === 'duties' || kind === 'other')) {
        addWeight(ownedMap, h.loop, h.term, base);
        // One duty of the clause: "create the roadmap and define the vision" is two, as two bullets are.
        const starts = dutyStartsOf(ci, c);
        const part = starts.filter((at) => at <= h.start - c.start).length - 1;
        const key = `${i}:${ci}:${part}`;
        const st = statements.get(key) ?? { owned: { pm: 0, po: 0 }, hits: [] };
        st.owned[h.loop] += base;
        const area = dutyArea(h.loop, h.term);
        // At its loose weight, without the floor for owned loose words: "vision" and "insight"
        // sprinkled over a posting need company to make an area.
        if (area !== undefined) st.hits.push({ loop: h.loop, area, w: h.weight * loose * SECTION_FACTOR[kind] });
        statements.set(key, st);
      }
      if (kind === 'fluff') continue;
      const b = byLoop[h.loop];
      if (!b.terms.includes(h.term)) b.terms.push(h.term);
      // A skill or background asked for is no duty the role owns, however it is worded.
      b.owns ||= owning && (kind === 'duties' || kind === 'other');
      b.quotes.push({ term: h.term, text: raw.slice(h.start, h.end), start: lineStart[i]! + h.start, end: lineStart[i]! + h.end, line: i + 1, column: h.start + 1 });
    }
    if (lineKind === 'fluff') continue; // boilerplate is scored (barely) but not shown as evidence
    const trimmed = raw.trim();
    for (const loop of ['pm', 'po'] as const) {
      const b = byLoop[loop];
      if (b.terms.length) {
        evidence.push({ loop, line: i + 1, text: trimmed, terms: b.terms, stance: b.owns ? 'owns' : 'touches', section: lineKind, quotes: b.quotes });
      }
    }
  }

  const rawScore = aggregate(all);
  const rawOwned = aggregate(ownedMap);
  const score = { pm: round2(rawScore.pm), po: round2(rawScore.po) };
  const owned = { pm: round2(rawOwned.pm), po: round2(rawOwned.po) };
  const v = verdictFromScores(rawScore, JD_THRESHOLDS);

  let verdict: JdResult['verdict'];
  let confidence: number;
  let reason: string;
  const byScore: SingleLoop = rawScore.pm >= rawScore.po ? 'pm' : 'po';
  // Each duty statement is one layer's duty: the layer it gives the most owned weight to (both on a
  // tie). "Prioritise the backlog with customer needs in mind" is a backlog duty, not discovery.
  // A layer's areas come from its own statements only, and so does its count of statements.
  const areaWeight: Record<SingleLoop, Map<string, number>> = { pm: new Map(), po: new Map() };
  const areaStatements: Record<SingleLoop, Map<string, Set<string>>> = { pm: new Map(), po: new Map() };
  for (const [key, st] of statements) {
    for (const h of st.hits) {
      if (st.owned[h.loop] < st.owned[h.loop === 'pm' ? 'po' : 'pm']) continue;
      areaWeight[h.loop].set(h.area, (areaWeight[h.loop].get(h.area) ?? 0) + h.w);
      const at = areaStatements[h.loop].get(h.area) ?? new Set<string>();
      at.add(key);
      areaStatements[h.loop].set(h.area, at);
    }
  }
  const side = (loop: SingleLoop): { areas: string[]; statements: Set<string> } => {
    const areas = [...areaWeight[loop]].filter(([, w]) => w >= JD_HYBRID.areaWeight).map(([a]) => a);
    return { areas, statements: new Set(areas.flatMap((a) => [...(areaStatements[loop].get(a) ?? [])])) };
  };
  const sides = { pm: side('pm'), po: side('po') };
  const count = (loop: SingleLoop): number => sides[loop].statements.size;
  // Broad: two areas or more, in two duty statements or more; or one statement that covers three
  // areas ("groom the backlog, write the stories and run sprint planning" is the whole layer).
  const broad = (loop: SingleLoop): boolean =>
    sides[loop].areas.length >= JD_HYBRID.areas && (count(loop) >= JD_HYBRID.statements || sides[loop].areas.length >= JD_HYBRID.oneStatementAreas);
  const allStatements = new Set([...sides.pm.statements, ...sides.po.statements]).size;
  // The share of the smaller layer, counted in duty statements as a coach counts bullets (term
  // weights would favour the PO layer, whose vocabulary is more specific).
  const smallShare = allStatements > 0 ? Math.min(count('pm'), count('po')) / (count('pm') + count('po')) : 0;
  // Close and thin are judged on the lines and sentences that give the role work, as before a line
  // could hold two duties: two bullets ("define the strategy and the roadmap", "own the backlog and
  // run sprint planning") are too little to tell a hybrid from a role that leans one way, however
  // many duties they hold.
  const lineUnits = (loop: SingleLoop): Set<string> => new Set([...sides[loop].statements].map((k) => k.replace(/:\d+$/, '')));
  const units = { pm: lineUnits('pm'), po: lineUnits('po') };
  const allUnits = new Set([...units.pm, ...units.po]).size;
  const unitShare = allUnits > 0 ? Math.min(units.pm.size, units.po.size) / (units.pm.size + units.po.size) : 0;
  // Close: the smaller layer is a third or more both of the owned duties and of all the posting says.
  const close = unitShare >= JD_HYBRID.closeShare && Math.min(rawScore.pm, rawScore.po) / Math.max(rawScore.pm + rawScore.po, 1e-9) >= JD_HYBRID.closeShare;
  // The role's layer is the one with more weight, unless the other owns duties across areas and
  // this one owns only a corner: one "run the sprint process" duty among strategy and analytics
  // duties is a side task, however heavy sprint words weigh.
  const other = (loop: SingleLoop): SingleLoop => (loop === 'pm' ? 'po' : 'pm');
  // And a layer the role owns no duty of is not its job, however much of it the role supports:
  // "contribute to the roadmap" three times beside "ownership of the backlog" is a PO role.
  const major: SingleLoop =
    (broad(other(byScore)) && !broad(byScore) && count(other(byScore)) > count(byScore)) || (count(byScore) === 0 && count(other(byScore)) > 0)
      ? other(byScore)
      : byScore;
  const minor: SingleLoop = other(major);
  const describe = (loop: SingleLoop): string => {
    const n = count(loop);
    return sides[loop].areas.length ? `${sides[loop].areas.join(', ')} (in ${n} dut${n === 1 ? 'y' : 'ies'})` : 'nothing';
  };
  // The script is judged first, whatever the word count: Chinese or Japanese puts no spaces
  // between words, so a whole posting can count as a few "words".
  const foreign = foreignLanguage(lines.slice(first).filter((_, k) => k + first !== titleLine));
  if (words < MIN_WORDS && !foreign) {
    verdict = 'unclear';
    confidence = 0.05;
    reason = `The text is only ${words} word${words === 1 ? '' : 's'} long, too little to tell what the job involves.`;
  } else if (foreign) {
    // Loanwords ("backlog", "roadmap") are found, but not the duties around them: no verdict.
    verdict = 'unclear';
    confidence = 0.1;
    const seen = [...new Set(evidence.flatMap((e) => e.terms))].slice(0, 4);
    reason =
      (foreign.byScript
        ? `Most of the posting is written in ${foreign.name}, not English, and Prep Loop reads the duties of English postings only, so it cannot tell PM work from PO work here`
        : `The posting seems to be written in ${foreign.name}, and Prep Loop reads the duties of English postings only, so it cannot tell PM work from PO work here`) +
      (seen.length ? ` (the English product words it does use, such as ${seen.map((t) => `"${t}"`).join(', ')}, are not a reading of the duties)` : '') +
      '. Read the duties yourself, or classify an English version of the posting.';
  } else if (rawScore.pm + rawScore.po === 0) {
    verdict = 'unclear';
    confidence = 0.05;
    reason = 'Nothing in the text describes product work (no strategy, metrics, roadmap, backlog or sprint duties), so it does not read as a PM or PO posting.';
  } else if (rawOwned.pm + rawOwned.po < 1 && askedFor > elsewhere) {
    // Skills and background only ("5+ years in payments", "knows Tableau"): what the hire must
    // know says little about which job they will do.
    verdict = 'unclear';
    confidence = 0.2;
    reason = 'The text lists what the hire should know, but almost no duties the role owns, so it does not say whether the job is PM or PO work.';
  } else if (count('pm') > 0 && count('po') > 0 && close && allUnits < JD_HYBRID.thinStatements && !(broad('pm') && broad('po'))) {
    // Both layers, close in weight, on too few lines to tell a hybrid from a role that leans one way.
    verdict = 'unclear';
    confidence = 0.25;
    reason =
      `The duties are close to even between PM work (${describe('pm')}) and PO work (${describe('po')}), ` +
      `but only ${allUnits} duty line${allUnits === 1 ? ' gives' : 's give'} the role either, too few to tell a hybrid role from one that leans one way.`;
  } else if (v.loop === 'unknown' && !(broad(major) && count(minor) === 0)) {
    // (Plain words for one layer's duties across several areas and lines, and no owned duty of the
    // other, do tell the role, however light their vocabulary: that case goes on to a verdict.)
    verdict = 'unclear';
    confidence = round2(Math.min(0.3, (0.3 * Math.max(rawScore.pm, rawScore.po)) / JD_THRESHOLDS.minScore));
    reason = 'Only a few words of the text point at product work, not enough to tell a PM role from a PO role.';
  } else if (broad('pm') && broad('po') && smallShare >= JD_HYBRID.share) {
    verdict = 'hybrid';
    confidence = v.loop === 'mixed' ? v.confidence : round2(v.confidence * 0.8);
    reason = `The role owns both layers: PM work in ${describe('pm')} and PO work in ${describe('po')}.`;
  } else {
    verdict = major;
    const total = rawScore.pm + rawScore.po;
    const amount = 1 - Math.exp(-total / JD_THRESHOLDS.evidenceScale);
    // Zero when the layer was chosen by the breadth of its duties against the weight.
    const margin = Math.max(0, (rawScore[major] - rawScore[minor]) / total);
    confidence = round2(amount * (0.3 + 0.7 * margin));
    // Name only what the posting says: the areas the role owns, and the words behind the rest.
    const wordsOf = (loop: SingleLoop): string => {
      const terms = [...new Set(evidence.filter((e) => e.loop === loop).flatMap((e) => e.terms))].slice(0, 3);
      return terms.length ? ` (${terms.map((t) => `"${t}"`).join(', ')})` : '';
    };
    const mentions =
      count(minor) > 0
        ? `; it also owns some ${LOOP_NAME[minor]} work, in ${describe(minor)}, too little to make the role hybrid (that takes both layers in two areas or more, in two duties or more, the smaller a third of the duties)`
        : rawScore[minor] >= 1
          ? `; the ${LOOP_NAME[minor]} words it also uses${wordsOf(minor)} are shared or supporting work, or skills asked for, not duties it owns`
          : '';
    reason =
      count(major) > 0
        ? `The duties the role owns are ${LOOP_NAME[major]} work, in ${describe(major)}${mentions}.`
        : `Most of what the posting says is ${LOOP_NAME[major]} work${wordsOf(major)}, though no duty gives the role a ${LOOP_NAME[major]} area of its own${mentions}.`;
  }

  const titleSays = title ? titleClaims(title) : undefined;
  const titleMismatch = titleSays !== undefined && verdict !== 'unclear' && titleSays !== verdict;

  const result: JdResult = {
    verdict,
    confidence,
    reason,
    titleMismatch,
    evidence,
    scores: score,
    owned,
    areas: foreign || words < MIN_WORDS ? { pm: [], po: [] } : { pm: sides.pm.areas, po: sides.po.areas },
    prep: [...PREP[verdict]],
    screeningQuestions: screeningQuestionsFor(verdict, titleSays, titleMismatch),
  };
  if (foreign) result.language = foreign.name;
  if (title !== undefined) result.title = title;
  if (titleSays !== undefined) result.titleSays = titleSays;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Advice
// ---------------------------------------------------------------------------------------------

const PM_PREP = [
  'Rehearse unit economics out loud with round numbers: lifetime value, CAC payback and net dollar retention, and what moves each.',
  'Prepare a product-sense answer: pick a product you use, name who it serves and their sharpest problem, and argue what you would build first and why.',
  'Practise a funnel case: walk a real product from sign-up to activation to retention and size the biggest leak.',
  'Brush up on experiment design: power, minimum detectable effect, why peeking inflates false positives, and what a sample ratio mismatch tells you.',
  'Have a story where you defended a priority to leadership with numbers, and one about a bet that failed and what you changed after it.',
  'If the company runs on data, warm up on SQL: joins, GROUP BY, and a window function over an events table.',
];

const PO_PREP = [
  'Be ready to describe refinement, planning, review and retro the way you actually run them, and what you do with a story too big for one sprint.',
  'Practise writing a user story live: role, goal and benefit, plus Given/When/Then criteria a tester could check without asking you.',
  'Prepare a story about holding sprint capacity when two stakeholders each wanted their item in the same sprint.',
  'Rehearse cutting a vague epic into thin slices that each ship within one or two weeks.',
  'Have an example of a cross-team dependency you spotted early and how you sequenced work around it.',
  'Know your delivery numbers: velocity trend, cycle time, how predictable your sprints were, and what your definition of done contains.',
];

const PREP: Record<JdResult['verdict'], readonly string[]> = {
  pm: PM_PREP,
  po: PO_PREP,
  hybrid: [
    PM_PREP[0]!,
    PM_PREP[1]!,
    PM_PREP[3]!,
    PO_PREP[0]!,
    PO_PREP[1]!,
    PO_PREP[3]!,
    'Practise moving between layers in one answer: from the outcome you bet on down to how the sprints delivered it.',
  ],
  // No prep plan when the posting says too little: the screening questions come first.
  unclear: [],
};

const Q = {
  squads: 'How many squads would this role cover, and how many engineers sit in each?',
  backlog: 'Who owns the backlog day to day: this role, or someone else on the team?',
  prd: 'Who writes the PRD or one-pager for a new initiative?',
  split: 'Is there a separate product manager or product owner on these teams, and how is the work split between you?',
  cadence: 'Does the team run Scrum? If so, how long are the sprints and which ceremonies would I lead?',
  metrics: 'Which metrics would this role answer for in the first year?',
  reports: 'Who does the role report to, and who sets its priorities?',
  leadership: 'How are priorities argued with leadership, and who presents the roadmap?',
  sql: 'Does the interview loop include a metrics or SQL round?',
  acceptance: 'Who accepts finished work from engineering, and against what definition of done?',
  intake: 'How do requests from sales, support and other teams reach the engineers today?',
  deliveryMetrics: 'Which delivery numbers does the team track: velocity, cycle time, sprint predictability?',
  share: 'Roughly what share of the week goes to strategy and discovery versus sprint delivery?',
  why: 'What problem is this hire meant to solve in the first six months?',
};

function screeningQuestionsFor(
  verdict: JdResult['verdict'],
  titleSays: JdResult['titleSays'],
  mismatch: boolean,
): string[] {
  const out: string[] = [];
  if (mismatch && titleSays) {
    const name = { pm: 'product manager', po: 'product owner', hybrid: 'combined PM/PO' }[titleSays];
    const reads = { pm: 'product management work', po: 'product owner work', hybrid: 'both layers', unclear: 'neither' }[verdict];
    out.push(`The title says ${name}, but the duties read as ${reads}. Which of the two does the hiring manager actually need?`);
  }
  const byVerdict: Record<JdResult['verdict'], string[]> = {
    pm: [Q.metrics, Q.squads, Q.split, Q.prd, Q.leadership, Q.sql],
    po: [Q.backlog, Q.squads, Q.split, Q.cadence, Q.acceptance, Q.intake, Q.deliveryMetrics],
    hybrid: [Q.share, Q.squads, Q.backlog, Q.prd, Q.metrics, Q.cadence],
    unclear: [Q.why, Q.squads, Q.backlog, Q.prd, Q.split, Q.metrics, Q.reports],
  };
  for (const q of byVerdict[verdict]) if (out.length < 7) out.push(q);
  return out;
}

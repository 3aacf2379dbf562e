/**
 * `user-story-atomic`: one user story that asks for two things.
 *
 * Grounded in the Quality User Story framework (Lucassen et al.): a story should be atomic,
 * expressing a requirement for exactly one feature. Their tool AQUSA flags every "and"/"or" in a
 * story; this rule only looks at the goal and only flags a conjunction that joins two asks:
 *
 * - two verb phrases: "export the report to CSV and email it to finance";
 * - a second clause: "… and I also want to …";
 * - coordinated verbs that share one object: "create and edit invoices" (option `sharedObject`);
 * - two separate things in a noun goal: "a dashboard and a weekly digest".
 *
 * It leaves alone conjunctions in the role ("As a buyer and seller") or the benefit ("so that I
 * can compare and choose"), fixed pairs ("drag and drop", "terms and conditions"), one toggle
 * ("show or hide", "add and remove"), and lists of objects or options for one action
 * ("export to CSV or PDF", "enter my name and email address").
 */
import { restate, shorten, type UserStory } from '../artifacts/user-stories';
import type { PrepDoc } from '../parse';
import type { Fix, Range } from '../types';
import { defineRule } from './types';

/** A conjunction in a goal that joins two asks, with the asks a split would give. */
export interface CompoundAsk {
  /** What was joined. */
  kind: 'verbs' | 'phrases' | 'clause' | 'things';
  /** The conjunction as written ("and", "&", "as well as"). */
  conjunction: string;
  /** Offsets (relative to the goal text) of the span to underline: the conjunction. */
  start: number;
  end: number;
  /** The asks the story should be split into (each without the "I want" lead-in). */
  asks: string[];
  /** A lead-in for the later asks when the second clause brings its own ("I also need to" → "I need to"). */
  lead?: string;
  /**
   * A condition written after the last ask that scopes every ask ("even when the phone is
   * offline", "without signing in"): carried into each ask of the split.
   */
  shared?: string;
  /**
   * Whether the split's wording is a guess: two verbs joined before one object where the first
   * may have an object of its own ("book leave and approve"). The finding stands; no text is offered.
   */
  unsure?: boolean;
}

/**
 * Conditions that scope the whole goal when they close it: a constraint on where or how the asks
 * must work ("even when the phone is offline", "while on a call", "with no signal"). A plain
 * "when", "if" or "without" often binds to the last ask only ("… and reorder when stock is low",
 * "… and post it without a caption"), so it stays there.
 */
const SHARED_CONDITION = /(?:^|[\s,;(]|\u2013|\u2014)((?:even[ \t]+(?:when|if|though|while|without|in|on|with)|while|regardless[ \t]+of|whether[ \t]+or[ \t]+not|(?:when|while)?[ \t]*(?:offline|with[ \t]+no[ \t]+(?:\w+[ \t]+)?(?:signal|connection|connectivity|network|internet|service|coverage)))\b[^]*)$/i;

/** Moves a condition that closes the last ask into every ask (see {@link SHARED_CONDITION}). */
function shareCondition(found: CompoundAsk | undefined): CompoundAsk | undefined {
  if (!found || found.asks.length !== 2 || found.unsure) return found;
  const [first, last] = found.asks as [string, string];
  const m = SHARED_CONDITION.exec(last);
  if (!m || SHARED_CONDITION.test(first)) return found;
  const cond = m[1].trim();
  const at = m.index + m[0].length - m[1].length;
  // The last ask must keep an action of its own before the condition.
  if (last.slice(0, at).replace(/[\s,;(\u2013\u2014]+$/, '').split(/\s+/).length < 2) return found;
  const sep = /,[ \t]*$/.test(last.slice(0, at)) ? ', ' : ' ';
  return { ...found, asks: [`${first}${sep}${cond}`, last], shared: cond };
}

// ----- word lists -----------------------------------------------------------------------------

const VERBS = new Set(
  `accept access add adjust allow analyse analyze annotate answer apply approve archive arrange ask assign attach audit authenticate authorize authorise automate
  avoid backup ban bill block book bookmark browse build buy calculate call cancel capture categorize categorise change charge chat check choose claim classify clean
  clear clone close collect combine comment communicate compare compile complete compose compute configure confirm connect contact control convert copy correct
  create customise customize cut deactivate debug decide decline define delegate delete deliver deploy deposit describe design detect determine disable discover
  dismiss display distribute download draft drag duplicate earn edit email embed enable encrypt end enroll enrol enter estimate evaluate examine exchange exclude
  execute expand explore export extend extract favourite favorite fetch fill filter find finish fix flag follow forward generate get give grant group hide highlight
  identify import improve include inspect install integrate invite invoice join keep label launch learn leave like limit link list load locate lock log login
  logout maintain manage map mark measure merge message migrate modify monitor move mute navigate note notify obtain open order organise organize override own pay
  pause pick pin place plan play post predict prepare preview print prioritise prioritize process produce promote provide publish purchase put query rank rate
  reach read receive recommend reconcile record recover redeem redirect refine refresh refund register reject release reload remind remove rename reorder repeat
  replace reply report request reschedule reserve reset resize resolve restore restrict resume retrieve return reuse review revoke rotate run save scan schedule
  score search see select sell send set setup share ship show sign simulate skip snooze sort specify split start stop store stream submit subscribe suggest
  summarise summarize supply support suspend switch sync synchronise synchronize tag take test track trade train transfer translate trigger troubleshoot turn
  unblock undo unlock unsubscribe update upgrade upload use validate verify view visualise visualize vote watch withdraw write
  adapt aggregate alert assess attend collaborate comply conduct construct contribute coordinate design develop discuss document engage enhance ensure evaluate
  explain forecast gather handle help implement inform interact interpret investigate invest justify make maximise maximize minimise minimize operate optimise
  optimize participate perform personalise personalize preprocess prevent promote protect recognise recognize reduce respond restart scale study transform
  understand utilise utilize address anticipate avoid cross-reference deliver empower establish leverage match achieve target verify crop spot warn exit branch fork operationalise operationalize relabel retag unpublish`.split(/\s+/),
);

/** Verbs that, right after a noun and "and", usually read as a noun ("my name and email", "photos and video"). */
const NOUNISH = new Set(
  `access answer archive backup bill block book bookmark call change chat check comment contact control copy cost design display download draft email estimate
  exchange export feedback file filter flag group import invoice label link list load lock log map mark message note order pin plan play post preview print
  process profile purchase rank rate record refund release reply report request reserve return review run sale scan schedule score search set share ship show
  sign sort split start stop store stream supply support switch tag test track trade transfer turn update upgrade upload use view vote watch`.split(/\s+/),
);

const DETERMINERS = new Set('a an the my our your their his her its this that these those each every all any some both either another several'.split(' '));
const PRONOUNS = new Set('it them me us him her this that these those everything something anything one'.split(' '));
const PREPOSITIONS = new Set('to from in on at by for with without into onto of about via over under through across after before during within per as up out off down back'.split(' '));
const SUBORDINATORS = new Set('when whenever if while where that which who whose whom because after before until once unless whether how what why'.split(' '));
const SKIP_AFTER = new Set('also then to maybe even additionally later afterwards finally directly easily quickly automatically instantly'.split(' '));
const MODALS = new Set('can could will would should must may might shall'.split(' '));
/** Verbs of giving input, and verbs of getting its result: "enter my zip code and get a list" is one flow. */
const INPUT = new Set('enter type fill submit provide scan select choose pick click tap store put input paste'.split(' '));
const RESULT = new Set('get see receive view have obtain'.split(' '));
const PARTICLES = new Set('in out up on off down back'.split(' '));
/**
 * Steps of one task: preparing something, then handing it in ("fill out and submit the form",
 * "write and send a reply", "edit and save my address"). Neither half is a goal on its own.
 */
const PREPARE = new Set('fill complete enter type write compose draft edit review check sign answer correct'.split(' '));
const HAND_IN = new Set('submit send save file confirm'.split(' '));
/** Gestures are how a user does something, never what they want: "click on a size and choose one" is one ask. */
const GESTURES = new Set('click tap press hover scroll swipe double-click right-click'.split(' '));
/**
 * Words that make the joined asks one requirement about doing them jointly: "the charge and its
 * effect saved together", "export and email the report in one step". Splitting would lose the point.
 */
const JOINT = /\b(?:together|at[ \t]+once|at[ \t]+the[ \t]+same[ \t]+time|simultaneously|atomically|in[ \t]+sync|side[ \t]+by[ \t]+side|as[ \t]+one|in[ \t]+(?:one|a[ \t]+single|the[ \t]+same)[ \t]+(?:go|step|place|action|click|tap|screen|view|page|transaction|operation|request|call|flow|pass|move|save|update|batch|form|window|list|report|table|message))\b/i;
/** Nouns that take "to" + verb after them themselves ("a tool to export"), so the "to" is not a predicate of the joined things. */
const TAKES_TO = new Set('ability option possibility way means chance opportunity feature button tool function functionality capability place page screen link form setting shortcut mechanism time reminder prompt permission right access need request invitation'.split(' '));

/** Fixed pairs that name one thing. Matched on "left conj right" (lower-case). */
const BINOMIALS = new Set(
  `black and white|terms and conditions|terms & conditions|drag and drop|drag & drop|pros and cons|copy and paste|cut and paste|search and replace|find and replace|
  trial and error|back and forth|up and down|ups and downs|ins and outs|odds and ends|nuts and bolts|bread and butter|profit and loss|research and development|
  questions and answers|question and answer|supply and demand|time and attendance|time and materials|read and write|first and last|date and time|day and night|
  more or less|sooner or later|one or more|two or more|zero or more|one or two|yes or no|true or false|pass or fail|on or off|on and off|in and out|give or take|
  more and more|over and over|again and again|now and then|here and there|safe and sound|plain and simple|cause and effect|hit or miss|mix and match|meet and greet|
  start and end|start and finish|beginning and end|health and safety|sales and marketing|wear and tear|salt and pepper|fish and chips|rock and roll|
  and so on|and so forth|or so|and more|or more|or less|or fewer|or not|or later|or earlier|or above|or below|or higher|or lower|or greater|or equal|
  loss and profit|stop and start|hire and fire|check and balance|checks and balances|click and collect|buy and sell|bed and breakfast|name and address|
  save and close|save and continue|save and exit|try and buy|pick and pack|tap and go|plug and play|touch and go|read and understand|look and feel`
    .split('|')
    .map((s) => s.trim()),
);

/**
 * Opposite actions that make one toggle, one control or one decision ("show or hide", "approve or
 * reject", "log in and out"). Pairs of separate operations are not here: "add and remove", "import
 * and export", "enter and exit", "set up or delete" are two stories.
 */
const COMPLEMENTS: [string, string][] = [
  ['show', 'hide'], ['enable', 'disable'], ['approve', 'reject'], ['approve', 'decline'], ['approve', 'deny'],
  ['accept', 'reject'], ['accept', 'decline'], ['lock', 'unlock'], ['start', 'stop'], ['open', 'close'], ['follow', 'unfollow'], ['subscribe', 'unsubscribe'],
  ['like', 'unlike'], ['mute', 'unmute'], ['pin', 'unpin'], ['block', 'unblock'], ['archive', 'unarchive'], ['expand', 'collapse'], ['pause', 'resume'],
  ['play', 'pause'], ['check', 'uncheck'], ['select', 'deselect'], ['select', 'unselect'], ['activate', 'deactivate'], ['publish', 'unpublish'], ['grant', 'revoke'],
  ['connect', 'disconnect'], ['link', 'unlink'], ['attach', 'detach'], ['assign', 'unassign'], ['increase', 'decrease'], ['include', 'exclude'], ['allow', 'deny'],
  ['upvote', 'downvote'], ['in', 'out'], ['on', 'off'], ['zoom in', 'zoom out'], ['sign in', 'sign out'], ['log in', 'log out'], ['opt in', 'opt out'],
  ['check in', 'check out'], ['turn on', 'turn off'], ['switch on', 'switch off'], ['promote', 'demote'], ['undo', 'redo'],
];
/** Near-synonyms that describe one way of finding or reading something, not two features. */
const SYNONYMS: [string, string][] = [
  ['search', 'discover'], ['search', 'find'], ['search', 'browse'], ['browse', 'find'], ['browse', 'discover'], ['find', 'discover'], ['find', 'access'],
  ['find', 'locate'], ['explore', 'discover'], ['view', 'see'], ['view', 'inspect'], ['view', 'read'], ['view', 'browse'], ['move', 'rearrange'], ['move', 'reorder'],
  ['promote', 'share'], ['recognize', 'categorize'], ['recognise', 'categorise'], ['identify', 'classify'], ['manage', 'maintain'], ['check', 'verify'],
  ['check', 'validate'], ['review', 'approve'], ['examine', 'identify'], ['encourage', 'promote'], ['locate', 'access'], ['see', 'navigate'],
  ['view', 'navigate'], ['capture', 'manage'], ['track', 'monitor'], ['sign', 'submit'], ['read', 'approve'], ['read', 'reject'], ['review', 'reject'],
  ['search', 'browse'], ['locate', 'retrieve'], ['find', 'retrieve'], ['browse', 'see'], ['view', 'see'], ['list', 'see'], ['see', 'understand'], ['read', 'understand'], ['understand', 'interpret'], ['look', 'find'],
  ['edit', 'update'], ['edit', 'change'], ['edit', 'modify'], ['update', 'change'], ['update', 'modify'], ['change', 'modify'],
];
const COMPLEMENT_KEYS = new Set([...COMPLEMENTS, ...SYNONYMS].flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));

/** Nouns that a verb-looking word modifies ("the view and edit screens", "upload and download limits"). */
const COMPOUND_HEADS = new Set(
  'view views mode modes page pages screen screens button buttons access rights right permission permissions form forms field fields dialog window tab tabs link links history log logs status date dates time times list lists menu option options settings limit limits rate rates speed speeds request requests flow flows process'.split(' '),
);
/** Heads that make the goal a thing to have, not an action: "to have fresh and complete totals". */
const STATIVE = new Set(['have', 'be', 'get', 'receive', 'know']);
const ADJECTIVES = new Set(
  `accurate available basic clear complete comprehensive consistent correct current custom detailed easy existing fast final free full general global
  initial live local manual new offline old online open personal private public quick raw real recent relevant reliable secure similar simple single
  specific timely up-to-date valid visible`.split(/\s+/),
);
const ADJECTIVE_END = /(?:ful|ous|ible|less|ish)$/;

/** Noun heads that introduce an ask: "the ability to", "a way to", "a button that lets me". */
const ENABLER = /^(?:(?:an?|the|some)\s+)?(?:\w+\s+)?(?:ability|option|possibility|way|means|chance|opportunity|feature|button|tool|function|functionality|capability|place|page|screen|link|form|setting|shortcut|mechanism|dashboard|view|app|system|platform|interface|report)\s+(?:to|for|that\s+lets\s+me|where\s+I\s+can|which\s+lets\s+me|so\s+I\s+can)\s+/i;

// ----- tokens ---------------------------------------------------------------------------------

interface Tok {
  /** Lower-case text. */
  w: string;
  s: number;
  e: number;
  word: boolean;
  /** Inside parentheses or quotes. */
  nested: boolean;
}

const TOKEN = /and\/or|[\p{L}\p{N}](?:[\p{L}\p{N}'\u2019.-]|&(?=\p{L}))*[\p{L}\p{N}]|[\p{L}\p{N}]|&|(?<=\p{L})\/(?=\p{L})|[,;:()"\u201c\u201d+]/gu;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let depth = 0;
  let quoted = false;
  for (const m of text.matchAll(TOKEN)) {
    const w = m[0].toLowerCase();
    if (w === '(') depth++;
    if (w === '"' || w === '\u201c' || w === '\u201d') quoted = w === '\u201c' ? true : w === '\u201d' ? false : !quoted;
    out.push({ w, s: m.index, e: m.index + m[0].length, word: /^[\p{L}\p{N}]/u.test(w), nested: depth > 0 || quoted });
    if (w === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

function isConjunction(toks: Tok[], i: number): number {
  const t = toks[i];
  if (t.w === 'and' || t.w === 'or' || t.w === '&' || t.w === 'plus' || t.w === 'and/or' || t.w === '+' || t.w === '/') return 1;
  if (t.w === 'as' && toks[i + 1]?.w === 'well' && toks[i + 2]?.w === 'as') return 3;
  if (t.w === 'but' && toks[i + 1]?.w === 'also') return 2;
  return 0;
}

// ----- analysis -------------------------------------------------------------------------------

/**
 * Finds the first conjunction in a goal that joins two asks. `goal` is the goal text after its
 * lead-in (plain text or the masked source slice; offsets in the result index it), `lead` the
 * lead-in ("I want to", "I can", "I'd like").
 */
export function findCompoundAsk(goal: string, lead: string, options: { sharedObject?: boolean } = {}): CompoundAsk | undefined {
  const found = shareCondition(compoundAsk(goal, lead, options));
  // A split is only advice when each half is a story of its own; "I want to learn about" is not.
  return found && found.asks.every(isWholeAsk) ? found : undefined;
}

/** Whether an ask of a split reads as a whole goal: it does not stop on a preposition, an article or a conjunction. */
function isWholeAsk(ask: string): boolean {
  const words = tokenize(ask).filter((t) => t.word);
  const last = words[words.length - 1]?.w;
  if (!last) return false;
  // "learn about" lost its object; "compare the plans I am eligible for" did not.
  return !((PREPOSITIONS.has(last) && !PARTICLES.has(last) && words.length <= 3) || /^(?:a|an|the|my|our|your|their|its|every|and|or)$/.test(last));
}

function compoundAsk(goal: string, lead: string, options: { sharedObject?: boolean }): CompoundAsk | undefined {
  const sharedObject = options.sharedObject ?? true;
  const toks = tokenize(goal);
  if (toks.length < 3) return undefined;

  // Where the ask's verb is: right after a "to"/modal lead-in, or after "the ability to …".
  let head = -1;
  if (/(?:\bto|\b(?:can|could|must|should|shall|will|may|able to))$/i.test(lead.trim())) head = 0;
  else {
    const m = ENABLER.exec(goal);
    if (m) head = toks.findIndex((t) => t.s >= m[0].length);
  }
  if (head >= 0) {
    while (head < toks.length && (SKIP_AFTER.has(toks[head].w) || isAdverb(toks[head].w) || (toks[head].w === 'be' && toks[head + 1]?.w === 'able'))) {
      head += toks[head].w === 'be' ? 3 : 1;
    }
    if (head >= toks.length) return undefined;
    // "to have X and Y" wants things; read it like a noun goal.
    if (STATIVE.has(toks[head].w) && toks[head + 1] && DETERMINERS.has(toks[head + 1].w) === false && !VERBS.has(toks[head + 1].w)) head = -1;
  }
  // "use ALFRED to see …", "call an API that lets me create …": the ask is the verb after the tool.
  if (head >= 0) {
    for (let i = head + 1; i < Math.min(toks.length - 1, head + 8); i++) {
      const t = toks[i];
      const lets = (t.w === 'allow' || t.w === 'allows' || t.w === 'enable' || t.w === 'enables' || t.w === 'let' || t.w === 'lets' || t.w === 'help' || t.w === 'helps') && /^(?:me|us|users?|them)$/.test(toks[i + 1]?.w ?? '');
      if (lets) {
        head = i + 2 + (toks[i + 2]?.w === 'to' ? 1 : 0);
        break;
      }
      if (t.w === 'to' && (toks[head].w === 'use' || toks[head].w === 'have') && looksLikeVerb(toks[i + 1]?.w ?? '') && i - head <= 4) {
        head = i + 1;
        break;
      }
      if (!t.word || SUBORDINATORS.has(t.w)) break;
    }
    while (head < toks.length && (SKIP_AFTER.has(toks[head].w) || isAdverb(toks[head].w))) head++;
    if (head >= toks.length) return undefined;
  }
  const prefix = head >= 0 ? goal.slice(0, toks[head].s) : '';

  for (let k = 1; k < toks.length - 1; k++) {
    const width = isConjunction(toks, k);
    if (!width || toks[k].nested) continue;
    const conj = goal.slice(toks[k].s, toks[k + width - 1].e);
    let l = k - 1;
    while (l >= 0 && !toks[l].word) l--;
    let r = k + width;
    while (
      r < toks.length &&
      (!toks[r].word || SKIP_AFTER.has(toks[r].w) || (toks[r].w === 'be' && toks[r + 1]?.w === 'able' && toks[r + 2]?.w === 'to') || (isAdverb(toks[r].w) && looksLikeVerb(toks[r + 1]?.w ?? '')))
    ) {
      r += toks[r].w === 'be' && toks[r + 1]?.w === 'able' ? 2 : 1;
    }
    if (l < 0 || r >= toks.length) continue;
    const L = toks[l].w;
    const R = toks[r].w;
    const next = toks[r + 1];
    const cw = conj.toLowerCase() === '&' ? '&' : conj === '/' ? '/' : conj.toLowerCase().includes('or') ? 'or' : 'and';
    // A slash joins two verbs ("view/upload files") or, far more often, two names of one thing ("report/dataset").
    if (cw === '/' && !(VERBS.has(L) && VERBS.has(R) && l === k - 1 && r === k + 1 && (l === head || toks[l - 1]?.w === 'to'))) continue;
    if (BINOMIALS.has(`${L} ${cw} ${R}`) || BINOMIALS.has(`${cw} ${R}`) || BINOMIALS.has(`${L} ${cw} ${R} ${next?.w ?? ''}`.trim())) continue;
    if (complementary(toks, l, r)) continue;
    // "identify myself as and pay for a sponsorship": two verbs that share the object after them.
    if (PREPOSITIONS.has(L) && l === k - 1 && l > 0 && !VERBS.has(toks[l - 1].w) && VERBS.has(R)) continue;
    if (toks.slice(Math.max(0, k - 5), k).some((t) => t.w === 'between' || t.w === 'both')) continue;
    // Modifiers of one noun: "fast and complete results", "the view and edit screens".
    if ((ADJECTIVES.has(L) || (!VERBS.has(L) && ADJECTIVE_END.test(L))) && l === k - 1) continue;
    // "the view and edit screens" names screens; "create and edit rights statements" right after the ask's verb does not.
    if (next && COMPOUND_HEADS.has(next.w) && toks[r - 1].w !== 'to' && !DETERMINERS.has(R) && l !== head) continue;
    // "… saved together", "… in one step": the asks are one requirement about doing them jointly.
    if (JOINT.test(goal.slice(toks[k + width - 1].e))) continue;
    // "click on the sizes and choose one": a gesture is the means of the other ask, not an ask.
    if ((head >= 0 && GESTURES.has(toks[head].w)) || GESTURES.has(R)) continue;
    // "log in and book a slot": signing in is the way to the ask, not an ask.
    if (head >= 0 && (toks[head].w === 'login' || ((toks[head].w === 'log' || toks[head].w === 'sign') && toks[head + 1]?.w === 'in'))) continue;
    const underline = { start: toks[k].s, end: toks[k + width - 1].e };

    // "… and I (also) want to …": a second clause.
    const clause = /^(?:also\s+|then\s+)?(?:I|we)(?:\s+also)?\s+(?:(?:'d|\u2019d|would)\s+(?:also\s+)?like(?:\s+to)?|want(?:\s+to)?|need(?:\s+to)?|can|could|should|must|will|wish\s+to|expect\s+to)(?:\s+be\s+able\s+to)?\s+/i.exec(goal.slice(toks[k + width - 1].e).trimStart());
    if (clause) {
      const restStart = goal.length - goal.slice(toks[k + width - 1].e).trimStart().length + clause[0].length;
      const secondLead = clause[0].replace(/^(?:also|then)\s+/i, '').replace(/\s+also\b/i, '').trim();
      return finish('clause', conj, underline, [goal.slice(0, toks[k].s), goal.slice(restStart)], secondLead);
    }

    if (head >= 0 && k > head) {
      // The head is a verb by position ("to ___"); words between it and the conjunction decide the rest.
      const between = toks.slice(head + 1, k);
      // "learn about and compare the programs": a preposition right before the conjunction shares the object too.
      const series = between.every((t, i) => !t.word || VERBS.has(t.w) || PARTICLES.has(t.w) || t.w === 'and' || t.w === 'or' || (i === between.length - 1 && PREPOSITIONS.has(t.w)));
      // "fill out and submit the form", "write a reply and send it": preparing one thing and handing it in is one task.
      if (PREPARE.has(toks[head].w) && HAND_IN.has(R) && (series || PRONOUNS.has(next?.w ?? ''))) continue;
      if (series && VERBS.has(R) && (toks[r - 1] === toks[k + width - 1] || toks[r - 1].w === 'to' || toks[r - 1].w === 'also' || toks[r - 1].w === ',')) {
        if (!sharedObject) continue;
        // "read about and sign up for classes": the second verb takes its own preposition, so
        // "about" has no object to share; splitting would leave "read about".
        const last = between[between.length - 1];
        let after = r + 1;
        while (after < toks.length && PARTICLES.has(toks[after].w)) after++;
        if (last && PREPOSITIONS.has(last.w) && !PARTICLES.has(last.w) && toks[after] && PREPOSITIONS.has(toks[after].w) && !PARTICLES.has(toks[after].w)) continue;
        // "book leave and see its status": a word right after a verb, with no comma between, is
        // more often that verb's object ("leave" the noun) than a verb of a series. When the second
        // verb has an object of its own, each verb keeps its own; otherwise which words are shared is a guess.
        const owned = between.some((t, i) => t.word && !PARTICLES.has(t.w) && !PREPOSITIONS.has(t.w) && t.w !== 'and' && t.w !== 'or' && (i === 0 || (between[i - 1].word && between[i - 1].w !== 'and' && between[i - 1].w !== 'or')));
        if (owned && startsVerbObject(next)) return finish('phrases', conj, underline, [goal.slice(0, toks[k].s), prefix + resolvePronoun(goal, toks, head, k, r)]);
        const asks = finish('verbs', conj, underline, sharedObjectAsks(goal, toks, head, k, width));
        return owned ? { ...asks, unsure: true } : asks;
      }
      // "or" offers a choice of objects or ways ("by card or by invoice"); between two verb phrases it is two asks.
      if (cw === 'or' && !(VERBS.has(R) && startsObject(next) && !NOUNISH.has(R))) continue;
      // Inside a clause after the ask ("… when it ships and arrives", "use X to spot Y and warn Z"), the
      // conjunction belongs to the clause: a condition or a purpose, not a second ask.
      if (between.some((t, i) => SUBORDINATORS.has(t.w) || MODALS.has(t.w) || (t.w === 'to' && i > 0 && looksLikeVerb(between[i + 1]?.w ?? ''))) && toks[r - 1].w !== 'to') continue;
      // "… and have the tags kept", "… and be notified of new research": a second ask without a new verb of doing.
      const second = R === 'be' && /(?:ed|en|wn)$/.test(next?.w ?? '') && !/^(?:assured|allowed|enabled|given|shown|taken|told)$/.test(next?.w ?? '');
      // "enter my zip code and get a list": the second verb is the result of the first, one flow.
      if (INPUT.has(toks[head].w) && RESULT.has(R)) continue;
      // "search the repository and browse its contents": two words for one way of getting at things.
      if (COMPLEMENT_KEYS.has(`${toks[head].w}|${R}`)) continue;
      if (second || (VERBS.has(R) && next?.w !== 'of' && !(NOUNISH.has(R) && !startsVerbObject(next) && toks[r - 1].w !== 'to'))) {
        return finish('phrases', conj, underline, [goal.slice(0, toks[k].s), prefix + resolvePronoun(goal, toks, head, k, r)]);
      }
      continue;
    }
    if (head < 0 && cw !== 'or') {
      // A noun goal: "a dashboard and a weekly digest", or "a dashboard and to export it".
      if (toks[r - 1].w === 'to' && VERBS.has(R)) return finish('phrases', conj, underline, [goal.slice(0, toks[k].s), goal.slice(toks[r - 1].s)]);
      if (DETERMINERS.has(R) && DETERMINERS.has(toks[0].w) && !toks.slice(0, k).some((t) => SUBORDINATORS.has(t.w) || PREPOSITIONS.has(t.w)) && !sharedPredicate(toks, r)) {
        return finish('things', conj, underline, [goal.slice(0, toks[k].s), goal.slice(toks[r].s)]);
      }
    }
  }
  return undefined;
}

/**
 * Whether the things joined before `r` are the subjects of one predicate written after them: "I
 * want the payment and the retry to be saved", "my name and my photo to appear on the badge". One
 * requirement about several things; the first half alone ("I want the payment") is not a story.
 */
function sharedPredicate(toks: Tok[], r: number): boolean {
  for (let i = r + 1; i < toks.length - 1; i++) {
    const t = toks[i];
    if (!t.word || isConjunction(toks, i) || SUBORDINATORS.has(t.w) || PREPOSITIONS.has(t.w) && t.w !== 'to') return false;
    // "to the team" is a preposition; "to appear", "to be saved" a predicate.
    if (t.w === 'to') return !TAKES_TO.has(toks[i - 1].w) && toks[i + 1].word && !DETERMINERS.has(toks[i + 1].w) && !PRONOUNS.has(toks[i + 1].w) && !/^\d/.test(toks[i + 1].w);
  }
  return false;
}

function finish(kind: CompoundAsk['kind'], conjunction: string, at: { start: number; end: number }, asks: string[], lead?: string): CompoundAsk {
  const clean = asks.map((a) => a.replace(/^[\s,;:]+|[\s,;:.]+$/g, '').replace(/\s+/g, ' ')).filter(Boolean);
  return { kind, conjunction, start: at.start, end: at.end, asks: clean, ...(lead ? { lead } : {}) };
}

/** "create, edit and delete invoices" → ["create invoices", "edit invoices", "delete invoices"]. */
function sharedObjectAsks(goal: string, toks: Tok[], head: number, k: number, width: number): string[] {
  const verbs: Tok[][] = [];
  let cur: Tok[] = [];
  let i = head;
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (i >= k && isConjunction(toks, i) && i !== k) break;
    if (t.w === ',' || (isConjunction(toks, i) && i <= k)) {
      if (cur.length) verbs.push(cur);
      cur = [];
      if (isConjunction(toks, i)) i += isConjunction(toks, i) - 1;
      continue;
    }
    if (SKIP_AFTER.has(t.w) && cur.length === 0 && i > head) continue;
    if (i > k + width - 1 && cur.length && !PARTICLES.has(t.w)) break;
    if (!t.word) break;
    cur.push(t);
  }
  if (cur.length) verbs.push(cur);
  const restStart = i < toks.length ? toks[i].s : goal.length;
  const prefix = goal.slice(0, toks[head].s);
  const rest = goal.slice(restStart);
  return verbs.map((v) => `${prefix}${goal.slice(v[0].s, v[v.length - 1].e)} ${rest}`.trim());
}

/** The second ask with "it"/"them" replaced by the first ask's object: "email it" → "email the sprint report". */
function resolvePronoun(goal: string, toks: Tok[], head: number, k: number, r: number): string {
  const pron = toks[r + 1];
  if (!pron || (pron.w !== 'it' && pron.w !== 'them')) return goal.slice(toks[r].s);
  let end = head + 1;
  while (end < k && toks[end].word && !PREPOSITIONS.has(toks[end].w) && !SUBORDINATORS.has(toks[end].w)) end++;
  if (end === head + 1) return goal.slice(toks[r].s);
  return `${goal.slice(toks[r].s, toks[r].e)} ${goal.slice(toks[head + 1].s, toks[end - 1].e)}${goal.slice(pron.e)}`;
}

function complementary(toks: Tok[], l: number, r: number): boolean {
  const L = toks[l].w;
  const R = toks[r].w;
  if (COMPLEMENT_KEYS.has(`${L}|${R}`)) return true;
  // "log in and log out", "sign in and out", "turn it on or off".
  const L2 = PARTICLES.has(L) && l > 0 ? `${toks[l - 1].w} ${L}` : L;
  const R2 = toks[r + 1] && PARTICLES.has(toks[r + 1].w) ? `${R} ${toks[r + 1].w}` : R;
  if (COMPLEMENT_KEYS.has(`${L2}|${R2}`)) return true;
  if (PARTICLES.has(L) && PARTICLES.has(R)) return true;
  return false;
}

/** An "-ly" adverb ("optionally", "easily"), not a verb that ends so ("apply", "reply"). */
function isAdverb(w: string): boolean {
  return /ly$/.test(w) && !/^(?:apply|reply|supply|comply|rely|multiply|ally|rally|tally|bully|fly|only)$/.test(w);
}

/** A known verb, or a word with a verb ending ("-ize", "-ify", "-ate"). */
function looksLikeVerb(w: string): boolean {
  return VERBS.has(w) || /(?:[iy]ze|ise|ify|ate)$/.test(w);
}

/** What follows a verb-or-noun word when it is a verb: a determiner, a pronoun, a number ("and email it", "and share the list"). */
function startsVerbObject(t: Tok | undefined): boolean {
  if (!t) return false;
  return DETERMINERS.has(t.w) || PRONOUNS.has(t.w) || /^\d/.test(t.w);
}

function startsObject(t: Tok | undefined): boolean {
  if (!t) return false;
  return DETERMINERS.has(t.w) || PRONOUNS.has(t.w) || PREPOSITIONS.has(t.w) || /^\d/.test(t.w) || !t.word;
}

// ----- the rule -------------------------------------------------------------------------------

/** The goal's text as the rule reads it: the masked source (code blanked), emphasis markers blanked. */
function goalText(doc: PrepDoc, range: Range): string {
  return doc.prose.slice(range.start.offset, range.end.offset).replace(/\*+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, (m) => ' '.repeat(m.length));
}

/** The compound ask of a story, if any, with document offsets. */
export function storyCompoundAsk(doc: PrepDoc, story: UserStory, sharedObject = true): (CompoundAsk & { range: Range }) | undefined {
  const goal = story.goal;
  if (!goal || !goal.text) return undefined;
  const found = findCompoundAsk(goalText(doc, goal.range), goal.lead, { sharedObject });
  if (!found) return undefined;
  const base = goal.range.start.offset;
  return { ...found, range: doc.lines.range(base + found.start, base + found.end) };
}

const NUMBER_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six'];

export const userStoryAtomic = defineRule({
  id: 'user-story-atomic',
  description: 'A user story whose goal asks for two things',
  defaultSeverity: 'warning',
  sections: ['artifact', 'story'],
  fixable: true,
  options: {
    sharedObject: {
      type: 'boolean',
      default: true,
      description: 'Also flag two verbs sharing one object ("create and edit invoices"). Opposite pairs such as "show or hide" are never flagged.',
    },
  },
  examples: {
    valid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- As a buyer and seller, I want to drag and drop photos into a listing, so that I can compare and choose the best one.\n  - Given a draft listing, when I drop three photos on it, then all three appear in upload order.\n',
    ],
    invalid: [
      '---\nloop: po\n---\n\n## Backlog\n\n- As a team lead, I want to export the sprint report to CSV and email it to finance, so that budgets match delivery.\n  - Given a closed sprint, when I export it, then a CSV with every closed story downloads.\n',
    ],
  },
  check({ doc, options, report }) {
    for (const story of doc.artifacts.userStories) {
      if (story.template) continue;
      const found = storyCompoundAsk(doc, story, options.sharedObject);
      if (!found || found.asks.length < 2) continue;
      const n = found.asks.length;
      if (found.unsure) {
        // Which words go with which verb is a guess: the finding, without a rewritten story to copy.
        report({
          range: found.range,
          message: `"${shorten(story.goal!.text, 70)}" bundles ${NUMBER_WORDS[n] ?? n} actions joined by "${found.conjunction}": each can be built, estimated and accepted on its own. Split it into ${NUMBER_WORDS[n] ?? n} stories, one per action, each with the same role and benefit.`,
        });
        continue;
      }
      const stories = found.asks.map((ask, i) => `"${shorten(restate(story, ask, i > 0 && found.lead ? found.lead : undefined), 90)}"`).join(' / ');
      const quoted = shorten(story.goal!.text, 70);
      const what = found.kind === 'verbs' ? `${NUMBER_WORDS[n] ?? n} actions` : found.kind === 'things' ? `${NUMBER_WORDS[n] ?? n} things` : `${NUMBER_WORDS[n] ?? n} asks`;
      if (found.shared) {
        // Two steps under one constraint ("… and create an order even when offline") are often one
        // workflow whose value is the constraint: a coach may or may not split it, so this is advice.
        report({
          range: found.range,
          message: `"${quoted}" holds ${NUMBER_WORDS[n] ?? n} steps under one condition ("${shorten(found.shared, 40)}"). If they are one workflow whose point is that condition, keep them together; if each could ship on its own, split into ${NUMBER_WORDS[n] ?? n} stories that both keep the condition: ${stories}.`,
          // Keeping the story is a fair answer here, so the split is offered, never applied in bulk.
          fixes: [{ ...splitFix(doc, story, found), manual: true }],
          severity: 'info',
        });
        continue;
      }
      report({
        range: found.range,
        message: `"${quoted}" bundles ${what} joined by "${found.conjunction}": each can be built, estimated and accepted on its own. Split into ${NUMBER_WORDS[n] ?? n} stories: ${stories}.`,
        fixes: [splitFix(doc, story, found)],
      });
    }
  },
});

/**
 * The quick fix: the story written out once per ask, each with the same role, lead-in and benefit.
 * It is preferred (fix-all applies it) only where the split is plain text substitution: a one-line
 * story with no ID, estimate or criteria of its own under it, whose goal has no markup, alone on its
 * line or list item. Otherwise it is offered as a manual fix: which criteria, ID or estimate goes
 * with which half is the writer's call.
 */
export function splitFix(doc: PrepDoc, story: UserStory, found: CompoundAsk & { range: Range }): Fix {
  const goal = story.goal!;
  const text = doc.text;
  const s = story.range.start.offset;
  const e = story.range.end.offset;
  const gs = goal.range.start.offset;
  const ge = goal.range.end.offset;
  const head = text.slice(s, gs);
  const rest = text.slice(ge, e);
  const halves = found.asks.map((ask, i) => {
    // Under a role header the lead-in is the header's: the new item is the goal alone.
    if (i > 0 && found.lead && goal.leadRange.start.offset >= s) return text.slice(s, goal.leadRange.start.offset) + found.lead + ' ' + ask + rest;
    return head + ask + rest;
  });
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  if (story.table) {
    // A story in a table cell: one row per ask (the rest of the row copied), so the table stays a
    // table. Which row keeps the ID, the points and the criteria is the writer's call: offered, not applied.
    const rs = story.table.row.start.offset;
    const re = story.table.row.end.offset;
    const rowEol = text[text.indexOf('\n', re) - 1] === '\r' ? '\r\n' : '\n';
    const rows = halves.map((h) => text.slice(rs, s) + h + text.slice(e, re));
    return { title: `Split into ${NUMBER_WORDS[halves.length] ?? halves.length} table rows`, edits: [{ start: rs, end: re, newText: rows.join(rowEol + text.slice(lineStart, rs)) }], manual: true };
  }
  const prefix = text.slice(lineStart, s);
  const eolAt = text.indexOf('\n', e);
  const lineEnd = eolAt < 0 ? text.length : eolAt;
  const eol = text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
  const afterOnLine = text.slice(e, lineEnd).replace(/<!--[\s\S]*?-->/g, '').trim();
  const nextLine = eolAt < 0 ? '' : text.slice(eolAt + 1, text.indexOf('\n', eolAt + 1) < 0 ? text.length : text.indexOf('\n', eolAt + 1));
  const listItem = story.container === 'list-item' && /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?$/.test(prefix);
  // A one-line paragraph: the next line is blank, or a heading (which starts a block of its own).
  const paragraph = story.container === 'paragraph' && /^[ \t>]*$/.test(prefix) && (/^[ \t>]*$/.test(nextLine) || /^ {0,3}#{1,6}(?:[ \t]|$)/.test(nextLine));
  const safe =
    (listItem || paragraph) &&
    !story.id &&
    !story.estimate &&
    !(story.criteria.length && !story.criteriaFrom) &&
    !story.text.includes('\n') &&
    afterOnLine === '' &&
    !/[*_`[\]<>]/.test(text.slice(gs, ge)) &&
    found.asks.every((a) => a.trim().length > 0);
  // A new list item repeats the marker (a checkbox unticked); a new paragraph keeps a blockquote's ">".
  const join = listItem ? eol + prefix.replace(/\[[xX]\]/, '[ ]') : eol + prefix.replace(/[^>\t]/g, (c) => (c === ' ' ? ' ' : '')).replace(/[ \t]+$/, '') + eol + prefix;
  const fix: Fix = {
    title: `Split into ${NUMBER_WORDS[halves.length] ?? halves.length} stories`,
    edits: [{ start: s, end: e, newText: halves.join(join) }],
  };
  return safe ? fix : { ...fix, manual: true };
}

/** `hierarchy-language`: wording that ranks the PO role under the PM role. */
import type { Fix } from '../types';
import { TextCache } from '../cache';
import { defineRule } from './types';
import { sectionProse } from './util';

interface Pattern {
  /** A lower-case word the phrase cannot do without: a cheap test before running the regex. */
  hint: string;
  re: RegExp;
  why: string;
  /** Replacement for the whole match, when a neutral wording exists. */
  replace?: string;
  /** Only in PO or hybrid docs, where the phrase is about the PO role (a PM doc may mean a real junior PM). */
  poDocsOnly?: boolean;
  /** The role the phrase cannot do without naming (after a word boundary): a text that never names it is skipped. */
  role: 'pm' | 'po';
  /**
   * A claim about how the two roles split (the PO as the PM's executor, a kind of PM): judged as the
   * writer's own claim, so it is skipped in a question ("Is a PO a kind of PM?") or when the sentence
   * rejects it ("It's a myth that…"), and is info outside PO and hybrid docs, where no PO panel hears it.
   */
  framing?: {
    /** Neutral wording for the whole match, built from the role words the writer used. */
    neutral?: (m: RegExpMatchArray) => string;
    /** What to say instead, in plain words, when there is no one neutral wording. */
    instead: string;
  };
}

const PM = String.raw`(?:PM|product\s+manager)`;
const PO = String.raw`(?:PO|product\s+owner)`;
/** A PM title that is a rung on the PM ladder itself ("promoted to Senior PM" is a normal promotion). */
const LADDER = String.raw`(?:senior|sr\.?|group|principal|lead|staff|chief|head)\s+`;
/** "…to PM" not followed by a ladder word ("PM lead", "PM director"). */
const NOT_LADDER_AFTER = String.raw`(?![\s-]+(?:lead|director|manager|team))`;
/** An optional trailing "role", consumed so the replacement does not double it. */
const ROLE = String.raw`(?:\s+(?:role|position|job))?`;
/** "the PM's", "a product manager's": the PM as the owner of what follows. */
const PMS = String.raw`(?:the\s+|a\s+|their\s+)?${PM}(?:'s|’s|s'|s’)`;
/** Emphasis markers an explainer puts around a role or a key word ("the **PM** decides *what*"). */
const EM = String.raw`[*_]{0,2}`;
/** Softeners a framing may carry before its claim ("is basically", "just"). */
const SOFT = String.raw`(?:(?:basically|really|just|only|simply|merely|essentially|effectively|more\s+or\s+less|kind\s+of|sort\s+of|then|mostly|like|more\s+like)\s+)*`;
/** The people who build: "the developers", "the dev team", "engineering". */
const BUILDERS = String.raw`(?:the\s+|their\s+|his\s+|her\s+|our\s+)?(?:(?:dev(?:elopment)?|scrum|engineering|delivery|product)\s+)?(?:team|developers|devs|engineers|engineering|squad)s?`;
/** "ensures", "makes sure", "'s job is to make sure", "is there to ensure". */
const ENSURES = String.raw`(?:'s\s+job\s+is\s+(?:to\s+)?|’s\s+job\s+is\s+(?:to\s+)?|\s+is\s+there\s+to\s+|\s+)${SOFT}(?:ensure[sd]?|makes?\s+sure|made\s+sure|sees?\s+to\s+it|saw\s+to\s+it)\s+(?:that\s+)?`;
/** The first role word of a match, as the writer spelled it ("PM", "product manager"). */
function roleWord(text: string, role: RegExp): string {
  return (role.exec(text)?.[0] ?? '').replace(/\s+/g, ' ');
}
const PM_WORD = new RegExp(String.raw`\b${PM}`, 'iu');
const PO_WORD = new RegExp(String.raw`\b${PO}`, 'iu');

const PATTERNS: Pattern[] = [
  {
    hint: 'promot',
    re: new RegExp(String.raw`\b(?:got\s+|was\s+|being\s+|get\s+|be\s+)?promot(?:ed|ion|e|ing)\s+(?:up\s+)?(?:from\s+(?:a\s+|the\s+)?${PO}\s+)?to\s+(?:a\s+|the\s+)?(?!${LADDER})${PM}\b${NOT_LADDER_AFTER}${ROLE}`, 'giu'),
    why: 'calls the move to PM a promotion',
    replace: 'moved into a PM role',
    role: 'pm',
  },
  {
    hint: 'up',
    re: new RegExp(String.raw`\b(?:step(?:ped|ping|s)?|mov(?:ed|ing|es?)|graduat(?:ed|ing|es?)|level(?:led|ed)?)\s+(?:from\s+(?:a\s+|the\s+)?${PO}\s+)?up\s+(?:from\s+(?:a\s+|the\s+)?${PO}\s+)?to\s+(?:a\s+|the\s+)?${PM}\b${ROLE}`, 'giu'),
    why: 'treats PM as the level above PO',
    replace: 'moved into a PM role',
    role: 'pm',
  },
  {
    hint: 'graduat',
    re: new RegExp(String.raw`\bgraduat(?:ed|ing|es?)\s+(?:from\s+(?:a\s+|the\s+)?${PO}\s+)?to\s+(?:a\s+|the\s+)?${PM}\b${ROLE}`, 'giu'),
    why: 'treats PM as the level above PO',
    replace: 'moved into a PM role',
    role: 'pm',
  },
  { hint: 'lite', re: new RegExp(String.raw`\b${PM}[\s-]+lite\b`, 'giu'), why: 'frames the PO job as a lesser PM job', role: 'pm' },
  { hint: '', re: new RegExp(String.raw`\b(?:junior|baby|mini|assistant)\s+${PM}\b`, 'giu'), why: 'frames the PO job as a junior PM job', poDocsOnly: true, role: 'pm' },
  // "only the Product Owner can cancel a sprint" states the PO's authority: not belittling.
  { hint: '', re: new RegExp(String.raw`(?<!\bnot\s|n't\s)\b(?:just|only|merely)\s+(?:a|the)\s+${PO}\b(?!s?\s+(?:has|have|can|may|is\s+(?:accountable|responsible|allowed|able)|decides?|owns?|orders?|is\s+the\s+one|gets?\s+to|should|must|will|accepts?|cancels?)\b)`, 'giu'), why: 'belittles the PO role', role: 'po' },
  {
    hint: 'step',
    re: new RegExp(String.raw`\ba\s+step\s+up\s+(?:from|over|above)\s+(?:a\s+|the\s+|being\s+(?:a\s+)?)?${PO}s?\b${ROLE}`, 'giu'),
    why: 'treats PM as the level above PO',
    role: 'po',
  },
  {
    hint: 'version',
    re: new RegExp(String.raw`\b(?:a|the)\s+(?:junior|lesser|lighter|smaller|mini|entry[\s-]level|watered[\s-]down)\s+(?:version|form|flavou?r)\s+of\s+(?:a\s+|the\s+)?${PM}s?\b${ROLE}`, 'giu'),
    why: 'frames the PO job as a lesser PM job',
    role: 'pm',
  },
  {
    hint: 'senior',
    re: new RegExp(String.raw`\b(?:the|a)\s+(?:more|most)\s+senior\s+(?:${PM}\s+(?:role|position|job|track)|role\s+of\s+(?:a\s+|the\s+)?${PM})\b`, 'giu'),
    why: 'ranks the PM role above the PO role',
    poDocsOnly: true,
    role: 'pm',
  },
  {
    hint: 'senior',
    re: new RegExp(String.raw`\b${PM}s?\s+(?:is|are)\s+(?:the\s+|a\s+)?(?:more|most)\s+senior\b|\b${PM}s?\s+(?:is|are)\s+(?:senior|superior)\s+to\s+(?:the\s+|a\s+)?${PO}s?\b`, 'giu'),
    why: 'ranks the PM role above the PO role',
    role: 'pm',
  },
  {
    hint: '',
    re: new RegExp(String.raw`\b(?:a|the|one)\s+(?:rung|level|step)\s+(?:below|under|beneath)\s+(?:a\s+|the\s+)?${PM}s?\b`, 'giu'),
    why: 'ranks the PO role below PM',
    role: 'pm',
  },
  { hint: '', re: new RegExp(String.raw`\b${PO}s?\s+(?:is|are)\s+(?:just\s+|only\s+)?(?:a\s+|the\s+)?(?:junior|lower|entry[\s-]level|stepping[\s-]stone)`, 'giu'), why: 'ranks the PO role below PM', role: 'po' },
  { hint: 'stepping', re: new RegExp(String.raw`\bstepping[\s-]stone\s+to\s+(?:a\s+|the\s+)?${PM}\b`, 'giu'), why: 'treats PO as a stop on the way to PM', role: 'pm' },
  { hint: 'before', re: new RegExp(String.raw`\bbefore\s+I\s+(?:became|made\s+it\s+to)\s+(?:a\s+|the\s+)?(?!${LADDER})${PM}\b${NOT_LADDER_AFTER}${ROLE}`, 'giu'), why: 'tells PO work as the time before you "made it" to PM', replace: 'before I moved into a PM role', role: 'pm' },
  // The framings copied from PM-vs-PO explainers: the PO as the one who sees the PM's decisions built.
  {
    hint: 'what',
    re: new RegExp(String.raw`\b(?:the\s+|a\s+)?${EM}${PM}s?${EM}:?\s+(?:decide[sd]?|define[sd]?|determine[sd]?|chooses?|chose|sets?|says?|said|owns?|owned|figures?\s+out|figured\s+out)\s+(?:on\s+)?(?:the\s+)?${EM}what${EM}(?![\w*])[^.;!?\n]{0,120}?(?:\b|(?<=[*_]))(?:the\s+|a\s+)?${EM}${PO}s?${EM}:?${ENSURES}(?:${BUILDERS}\s+(?:build|do|deliver|execute|implement|ship|make|code|built|did|delivered|executed|implemented|shipped|made|coded|does)s?(?:\s+(?:(?:exactly|just|only|precisely|simply)\s+)?(?:that|it|this|those|them)\b|(?=\s*(?:[.;,!)\n]|$|on\s+time\b)))|(?:it|this|that|they)\s+(?:gets?|is|are)\s+(?:built|delivered|done|shipped|executed|implemented)\b)`, 'giu'),
    why: 'gives the PM the decision and the PO only the job of seeing it built',
    role: 'po',
    framing: {
      neutral: (m) => `the ${roleWord(m[0], PM_WORD)} owns the problem and the bet; the ${roleWord(m[0], PO_WORD)} owns the backlog and decides what the team builds next`,
      instead: 'say what each one decides',
    },
  },
  {
    hint: 'what',
    re: new RegExp(String.raw`\b(?:the\s+|a\s+)?${EM}${PO}s?${EM}:?${ENSURES}${BUILDERS}\s+(?:build|do|deliver|execute|implement|ship|make|code)s?\s+(?:(?:exactly|just|only|precisely)\s+)?what(?:ever)?\s+(?:the\s+|a\s+)?${PM}s?\s+(?:decides?|decided|defines?|defined|wants?|wanted|says?|said|asks?\s+for|asked\s+for|specifie[sd]|chooses?|chose)\b`, 'giu'),
    why: 'gives the PM the decision and the PO only the job of seeing it built',
    role: 'po',
    framing: { instead: 'say what each one decides: the PO owns and orders the backlog and decides what the team builds next' },
  },
  {
    hint: 'of',
    re: new RegExp(String.raw`\b(?:(?:a|the)\s+${PO}\s+is|${PO}s\s+are)\s+${SOFT}(?:(?:a|an|one)\s+)?(?:(?:more\s+|very\s+)?(?:tactical|technical|specialised|specialized|narrower|hands[\s-]on|operational|agile|scrum)\s+)?(?:type|types|kind|kinds|subset|flavou?rs?|sort|sorts|form|variant|subtype|specialisation|specialization|branch|version)\s+of\s+(?:a\s+|the\s+)?${PM}s?\b(?:\s*[,—–-]+\s*(?:a|one|the|just)\s+(?:more\s+)?(?:tactical|technical|operational|junior|narrower)(?:\s+one)?\b)?`, 'giu'),
    why: 'files the PO role under the PM role',
    role: 'po',
    framing: {
      neutral: (m) => {
        const po = roleWord(m[0], PO_WORD);
        const pm = roleWord(m[0], PM_WORD);
        return /^(?:po|product\s+owner)s\b/i.test(m[0]) ? `${po}s and ${pm}s are peer roles with different decision rights` : `a ${po} and a ${pm} are peer roles with different decision rights`;
      },
      instead: 'say how the two split the decisions',
    },
  },
  {
    hint: '',
    re: new RegExp(String.raw`\b(?:the\s+|a\s+)?${PO}s?\s+(?:is|are|was|were|(?:acts?|acted|serves?|served|works?|worked)\s+as)\s+${SOFT}(?:${PMS}\s+(?:assistant|deputy|executor|helper|sidekick|right[\s-]hand(?:\s+(?:man|woman|person))?|secretary|errand\s+(?:boy|girl|runner)|delivery\s+arm|hands|order[\s-]taker)s?|(?:the\s+|an?\s+)?(?:assistant|deputy|executor|helper|sidekick|secretary|order[\s-]taker|implementer)s?\s+(?:to|of|for)\s+(?:the\s+)?${PM}(?:(?:'s|’s|s')\s+\w+)?)\b`, 'giu'),
    why: "casts the PO as the PM's helper",
    role: 'po',
    framing: { instead: 'say what the PO decides: it owns and orders the backlog and decides what the team builds next' },
  },
  {
    hint: '',
    re: new RegExp(String.raw`\b(?:the\s+|a\s+)?${PO}s?\s+${SOFT}(?:executes?|executed|carries\s+out|carried\s+out|implements?|implemented|delivers?\s+on|delivered\s+on)\s+(?:on\s+)?${PMS}\s+(?:roadmap|vision|plans?|strategy|decisions?|orders|instructions|direction|ideas|calls|priorities|wishes)\b`, 'giu'),
    why: "casts the PO as the one who carries out the PM's decisions",
    role: 'po',
    framing: { instead: 'say what the PO decides: it owns and orders the backlog and decides what the team builds next' },
  },
  {
    hint: 'from',
    re: new RegExp(String.raw`\b(?:the\s+|a\s+)?${PO}s?\s+${SOFT}(?:takes?|took|gets?|got|receives?|received|waits?\s+for|follows?)\s+(?:(?:their|its|his|her|all|the)\s+)?(?:orders|direction|instructions|marching\s+orders|commands)\s+from\s+(?:the\s+|a\s+|their\s+|his\s+|her\s+)?${PM}s?\b`, 'giu'),
    why: 'has the PO taking orders from the PM',
    role: 'po',
    framing: { instead: 'say how they work together: the PM brings the problem and the evidence, the PO decides the order of the backlog' },
  },
];

export const hierarchyLanguage = defineRule({
  id: 'hierarchy-language',
  description: 'Wording that ranks the PO role under the PM role',
  defaultSeverity: 'warning',
  fixable: true,
  options: {},
  examples: {
    valid: ['---\nloop: po\n---\n\n## Moved from PO to a PM role #po #stakeholders\n\nI went from owning one backlog to owning the quarterly bet; both are peer roles.\n'],
    invalid: ['---\nloop: po\n---\n\n## Backlog cleanup before I got promoted to PM #po #execution\n\nI was basically a PM-lite then.\n'],
  },
  check({ doc, report }) {
    const poDoc = doc.loop === 'po' || doc.loop === 'hybrid';
    for (const section of doc.sections) {
      const base = section.range.start.offset;
      for (const m of phrasesIn(sectionProse(doc, section), poDoc)) {
        const start = base + m.start;
        const end = base + m.end;
        const p = PATTERNS[m.pattern];
        const quoted = `"${m.text.replace(/\s+/g, ' ')}"`;
        if (p.framing) {
          const neutral = p.framing.neutral?.(m.match);
          const fixes: Fix[] = neutral ? [{ title: `Say "${neutral}"`, edits: [{ start, end, newText: matchCase(m.text, neutral) }], manual: true }] : [];
          report({
            range: doc.lines.range(start, end),
            message: poDoc
              ? `${quoted} ${p.why}. A PO panel hears the PO as the PM's executor, not a peer with decision rights of its own: the PO owns and orders the backlog and decides what the team builds next for the product goal. Instead, ${p.framing.instead}.`
              : `${quoted} ${p.why}. Not a problem for a PM panel on its own, but an interviewer who knows both jobs hears the PO as the PM's executor rather than a peer that owns and orders the backlog. Instead, ${p.framing.instead}.`,
            // In a PM doc the PO is not the job being interviewed for: worth knowing, not a warning.
            ...(poDoc ? {} : { severity: 'info' as const }),
            fixes,
          });
          continue;
        }
        // Rewording is the user's call: offered, never applied by fix-all.
        const fixes: Fix[] = p.replace ? [{ title: `Say "${p.replace}"`, edits: [{ start, end, newText: matchCase(m.text, p.replace) }], manual: true }] : [];
        report({
          range: doc.lines.range(start, end),
          message: `${quoted} ${p.why}. Most product orgs run PM and PO as peer roles with different decision rights; ${poDoc ? 'a PO panel' : 'an interviewer who knows both jobs'} hears this as not knowing how they split. Describe what changed in your scope instead.`,
          fixes,
        });
      }
    }
  },
});

interface PhraseMatch {
  pattern: number;
  start: number;
  end: number;
  text: string;
  match: RegExpMatchArray;
}

const memo = new TextCache<PhraseMatch[]>(2 * 1024 * 1024);

/** Ranking phrases in one section's prose (section-relative offsets), cached per text. */
function phrasesIn(text: string, poDoc: boolean): PhraseMatch[] {
  return memo.getOrCompute((poDoc ? '1' : '0') + text, () => scanPhrases(text, poDoc));
}

/** Whether a text names each role at all: every pattern needs one of them after a word boundary. */
const NAMES_PM = /\b(?:pm|product\s+manager)/i;
const NAMES_PO = /\b(?:po|product\s+owner)/i;

function scanPhrases(text: string, poDoc: boolean): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const names = { pm: NAMES_PM.test(text), po: NAMES_PO.test(text) };
  if (!names.pm && !names.po) return out;
  const lower = text.toLowerCase();
  PATTERNS.forEach((p, pattern) => {
    if (p.poDocsOnly && !poDoc) return;
    if (!names[p.role]) return;
    if (p.hint && !lower.includes(p.hint)) return;
    for (const m of text.matchAll(p.re)) {
      const start = m.index;
      const end = start + m[0].length;
      // One finding per phrase: skip a match that overlaps one already taken.
      if (out.some((o) => start < o.end && o.start < end)) continue;
      if (p.framing && !ownClaim(text, start, end)) continue;
      out.push({ pattern, start, end, text: m[0], match: m });
    }
  });
  return out;
}

/** Words before a claim, in its sentence, that say the writer does not make it ("a myth that", "not that"). */
const REJECTED_BEFORE = /\b(?:myths?|misconceptions?|misunderstand\w*|not\s+true|isn['’]t\s+true|wrong(?:ly)?|mistak\w*|false(?:ly)?|don['’]t|do\s+not|never|avoid|not\s+that|rather\s+than|instead\s+of|no\s+longer|not\s+(?:simply|just|merely)|isn['’]t|is\s+not|aren['’]t|are\s+not)\b/i;
/** Words after a claim, in its sentence, that reject it ("…, which is wrong"). */
const REJECTED_AFTER = /^[^.!?\n]*?\b(?:is|was|are)\s+(?:a\s+)?(?:wrong|false|a\s+myth|not\s+true|outdated|misleading)\b|^\W*(?:myth|false|wrong)\b/i;

/**
 * Whether a framing is the writer's own claim: not in a question ("Is a PO a kind of PM?", a heading
 * or a quoted interview question) and not rejected in its sentence ("It's a myth that…").
 */
function ownClaim(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start);
  const sentenceStart = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n')) + 1;
  const lead = text.slice(sentenceStart, start);
  const rest = text.slice(end);
  const stop = rest.search(/[.!?\n]/);
  if (stop >= 0 && rest[stop] === '?') return false;
  if (REJECTED_BEFORE.test(lead)) return false;
  return !REJECTED_AFTER.test(rest);
}

function matchCase(original: string, replacement: string): string {
  return /^[A-Z]/.test(original) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}

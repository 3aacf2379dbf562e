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
}

const PM = String.raw`(?:PM|product\s+manager)`;
const PO = String.raw`(?:PO|product\s+owner)`;
/** A PM title that is a rung on the PM ladder itself ("promoted to Senior PM" is a normal promotion). */
const LADDER = String.raw`(?:senior|sr\.?|group|principal|lead|staff|chief|head)\s+`;
/** "…to PM" not followed by a ladder word ("PM lead", "PM director"). */
const NOT_LADDER_AFTER = String.raw`(?![\s-]+(?:lead|director|manager|team))`;
/** An optional trailing "role", consumed so the replacement does not double it. */
const ROLE = String.raw`(?:\s+(?:role|position|job))?`;

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
        // Rewording is the user's call: offered, never applied by fix-all.
        const fixes: Fix[] = p.replace ? [{ title: `Say "${p.replace}"`, edits: [{ start, end, newText: matchCase(m.text, p.replace) }], manual: true }] : [];
        report({
          range: doc.lines.range(start, end),
          message: `"${m.text.replace(/\s+/g, ' ')}" ${p.why}. Most product orgs run PM and PO as peer roles with different decision rights; ${poDoc ? 'a PO panel' : 'an interviewer who knows both jobs'} hears this as not knowing how they split. Describe what changed in your scope instead.`,
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
      out.push({ pattern, start, end, text: m[0] });
    }
  });
  return out;
}

function matchCase(original: string, replacement: string): string {
  return /^[A-Z]/.test(original) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}

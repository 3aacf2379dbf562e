/**
 * Job-description classifier: reads a posting by its responsibilities, not its title.
 *
 * Titles drift: plenty of "Product Owner" postings describe strategy and roadmap work, and some
 * "Product Manager" postings describe backlog and sprint work. So the title line is detected,
 * reported, and compared with the verdict, but it never counts as evidence. Lines are scored with
 * the shared lexicon, weighted by the section they sit in: duties count in full, requirements a
 * little less, company blurb and benefits barely at all.
 *
 * Editor-free: no `vscode` import.
 */
import { defaultLexicon, findTerms, verdictFromScores, type Evidence, type Lexicon, type VerdictThresholds } from './lexicon';
import type { SingleLoop } from './types';

/** One line of the posting that evidences a loop. */
export interface JdEvidence {
  loop: SingleLoop;
  /** 1-based line number in the text given to {@link classifyJobDescription}. */
  line: number;
  /** The trimmed line. */
  text: string;
  /** The vocabulary terms found on the line for this loop, in order, without repeats. */
  terms: string[];
}

/** What a job description asks for, and how to prepare. */
export interface JdResult {
  /** The role by its responsibilities: `hybrid` when both layers carry weight, `unclear` when neither does. */
  verdict: 'pm' | 'po' | 'hybrid' | 'unclear';
  /** 0..1: margin between the loops and amount of evidence. */
  confidence: number;
  /** The title line, when one was found. */
  title?: string;
  /** What the title alone claims. */
  titleSays?: 'pm' | 'po' | 'hybrid';
  /** The title claims one role and the responsibilities describe another. */
  titleMismatch: boolean;
  /** Lines that evidence each loop, in line order. */
  evidence: JdEvidence[];
  /** Section-weighted scores per loop. */
  scores: { pm: number; po: number };
  /** What to prepare for this verdict (4–7 items). */
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

type SectionKind = 'duties' | 'requirements' | 'fluff' | 'other';

/** How much a hit counts, by the section it sits in. */
const SECTION_FACTOR: Record<SectionKind, number> = {
  duties: 1,
  other: 0.8,
  requirements: 0.6,
  fluff: 0.1,
};

const DUTIES_RE =
  /what you(?:'|’)?ll (?:do|own|work on)|what you will (?:do|own)|responsibilit|\bthe role\b|\byour role\b|in this role|day[- ]to[- ]day|key (?:duties|tasks|accountabilit)|\bduties\b|your impact|your mission|\bthe job\b|what the job involves|accountabilit|you will:|what we need you to do|the work/i;
const REQUIREMENTS_RE =
  /what you(?:'|’)?ll bring|what you will bring|requirement|qualificat|about you|you have|you bring|\bskills\b|\bexperience\b|nice to have|bonus points|must have|who you are|(?:we(?:'|’)?re|we are) looking for|ideal candidate|essential criteria|desirable/i;
const FLUFF_RE =
  /about us|who we are|about the company|our company|our story|benefits|perks|why join|why (?:work|you(?:'|’)?ll love)|what we offer|compensation|salary|\bpay\b|our values|culture|equal opportunit|diversity|inclusion|how to apply|application process|location|hybrid working|remote|working here|life at/i;
/** Lines that are boilerplate wherever they sit. */
const FLUFF_LINE_RE =
  /equal opportunity|regardless of (?:race|gender)|401\s?\(?k|paid time off|\bpto\b|parental leave|health insurance|stock options|equity package|salary range|\$\s?\d{2,3}[,.]?\d{0,3}\s?k?\b|£\s?\d{2,3}|€\s?\d{2,3}/i;

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
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, '')
    .replace(/[*_`]+/g, '')
    .trim();
}

/** A line that introduces a section: a heading, a bold line, or a short line ending in a colon. */
function sectionHeader(raw: string): string | undefined {
  const t = raw.trim();
  if (!t || t.length > 160) return undefined;
  if (/^#{1,6}\s+\S/.test(t)) return stripMarkdown(t);
  const plain = stripMarkdown(t);
  const words = plain.split(/\s+/).filter(Boolean).length;
  if (words === 0 || words > 9) return undefined;
  if (/^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(t)) return plain;
  if (/:$/.test(plain) && !/^[-*+]\s/.test(t)) return plain;
  if (words <= 6 && plain === plain.toUpperCase() && /[A-Z]{3}/.test(plain)) return plain;
  // A short plain line that starts by naming a known section ("About us", "Responsibilities").
  const listItem = /^(?:[-*+]|\d+[.)])\s/.test(t);
  const startsWith = (re: RegExp): boolean => re.exec(plain)?.index === 0;
  if (!listItem && words <= 6 && !/[.!?,;]$/.test(plain) && (startsWith(DUTIES_RE) || startsWith(REQUIREMENTS_RE) || startsWith(FLUFF_RE))) {
    return plain;
  }
  return undefined;
}

function sectionKind(header: string): SectionKind {
  // Order matters: "What you'll bring" is requirements even though it says "you'll".
  if (REQUIREMENTS_RE.test(header)) return 'requirements';
  if (DUTIES_RE.test(header)) return 'duties';
  if (FLUFF_RE.test(header)) return 'fluff';
  return 'other';
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Classify a job description by its responsibilities. Never throws; empty or odd input yields
 * `unclear` with generic prep and screening questions.
 */
export function classifyJobDescription(text: string, lexicon: Lexicon = defaultLexicon): JdResult {
  const src = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
  const lines = src.split(/\r\n|\r|\n/);

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
    const listItem = /^\s*(?:[-*+]|\d+[.)])\s/.test(raw);
    const looksLikeTitle =
      labelled !== null || heading || (seen <= 3 && !listItem && words <= 10 && !/[.!?]$/.test(candidate));
    if (looksLikeTitle && titleClaims(candidate)) {
      title = candidate;
      titleLine = i;
      break;
    }
  }

  // Score each line, weighted by its section.
  const perTerm = new Map<string, { loop: SingleLoop; weights: number[] }>();
  const evidence: JdEvidence[] = [];
  let section: SectionKind = 'other';
  for (let i = first; i < lines.length; i++) {
    if (i === titleLine) continue;
    const raw = lines[i]!;
    const header = sectionHeader(raw);
    if (header !== undefined) section = sectionKind(header);
    const hits: Evidence[] = findTerms(raw, lexicon);
    if (hits.length === 0) continue;
    const factor = FLUFF_LINE_RE.test(raw) ? SECTION_FACTOR.fluff : SECTION_FACTOR[section];
    const byLoop: Record<SingleLoop, string[]> = { pm: [], po: [] };
    for (const h of hits) {
      const key = `${h.loop}\u0000${h.term}`;
      const entry = perTerm.get(key) ?? { loop: h.loop, weights: [] };
      entry.weights.push(h.weight * factor);
      perTerm.set(key, entry);
      if (!byLoop[h.loop].includes(h.term)) byLoop[h.loop].push(h.term);
    }
    if (factor <= SECTION_FACTOR.fluff) continue; // boilerplate is scored (barely) but not shown as evidence
    const trimmed = raw.trim();
    for (const loop of ['pm', 'po'] as const) {
      if (byLoop[loop].length) evidence.push({ loop, line: i + 1, text: trimmed, terms: byLoop[loop] });
    }
  }

  // Same aggregation as classify(): strongest hit in full, repeats with diminishing returns.
  const score = { pm: 0, po: 0 };
  for (const { loop, weights } of perTerm.values()) {
    let best = 0;
    let sum = 0;
    for (const w of weights) {
      if (w > best) best = w;
      sum += w;
    }
    const avg = sum / weights.length;
    score[loop] += best + avg * Math.log(weights.length);
  }

  const v = verdictFromScores(score, JD_THRESHOLDS);
  const verdict: JdResult['verdict'] =
    v.loop === 'mixed' ? 'hybrid' : v.loop === 'unknown' ? 'unclear' : v.loop;
  const titleSays = title ? titleClaims(title) : undefined;
  const titleMismatch = titleSays !== undefined && verdict !== 'unclear' && titleSays !== verdict;

  const result: JdResult = {
    verdict,
    confidence: v.confidence,
    titleMismatch,
    evidence,
    scores: { pm: round2(score.pm), po: round2(score.po) },
    prep: [...PREP[verdict]],
    screeningQuestions: screeningQuestionsFor(verdict, titleSays, titleMismatch),
  };
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
  unclear: [
    'Hold off on a one-loop prep plan: first find out how much of the job is strategy and how much is sprint delivery.',
    'Get two tellings of your strongest story ready: one through the outcome metric it moved, one through how the team delivered it.',
    'Refresh the basics of both loops: a metric story with a baseline, a target and a date, and a user story with acceptance criteria.',
    'Look for clues in the company’s engineering blog and other postings: backlog, sprints and ceremonies point one way; roadmap, market and P&L the other.',
  ],
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
    const reads = { pm: 'product management (strategy, metrics, roadmap)', po: 'product owner work (backlog, sprints, acceptance)', hybrid: 'both layers', unclear: 'neither' }[verdict];
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

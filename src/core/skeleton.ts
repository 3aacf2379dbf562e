/**
 * Answer skeletons: the prompts Drill a Question inserts under a question's heading, and the test
 * that tells an untouched skeleton from an answer. Editor-free and free of the lexicon, so the
 * parser can use it without a cycle.
 *
 * A skeleton the candidate has not filled in is a template, not a story: the parser marks its
 * section `unanswered` (kind `artifact`), so coverage, the status bar and `loop-coverage` all
 * agree that it covers nothing until it holds an answer.
 */

/** What kind of prompt a question is: a drill of the loop, a behavioural prompt, or a screening question. */
export type QuestionKind = 'drill' | 'behavioural' | 'screening';

/** The drill ids, repeated here so this module needs nothing from the lexicon. */
export type SkeletonDrill =
  | 'metrics-economics'
  | 'product-sense'
  | 'growth-funnel'
  | 'ab-testing'
  | 'sql'
  | 'scrum-mechanics'
  | 'user-story-writing'
  | 'stakeholder-capacity'
  | 'epic-decomposition'
  | 'dependencies';

/** Prompts per drill, in the order a strong answer covers them. */
export const DRILL_PROMPTS: Readonly<Record<SkeletonDrill, readonly string[]>> = {
  'metrics-economics': [
    '**Answer outline**',
    '',
    '- Clarify: which metric, which period, which customers',
    '- Formula and inputs, numbers written down',
    '- Calculation, rounded out loud',
    '- What the result means for the business',
    '- Sanity check, and the next number you would look at',
  ],
  'product-sense': [
    '**Answer outline**',
    '',
    '- What the company needs from this product or area',
    '- Users: the segments, and the one you pick',
    '- Problems: ranked by how often and how badly they hurt',
    '- Options: two or three solutions with their trade-offs',
    '- Choice and the first version you would ship',
    '- How you will know it worked: a baseline, a target and a date',
    '- Risks, and what you would test first',
  ],
  'growth-funnel': [
    '**Answer outline**',
    '',
    '- Funnel stages with the conversion rate at each step',
    '- The biggest drop worth fixing, and the size of the prize',
    '- Hypotheses for the drop: segment, channel, product',
    '- Experiments, in the order you would run them',
    '- Success metric (baseline → target by a date) and guardrails',
  ],
  'ab-testing': [
    '**Answer outline**',
    '',
    '- Hypothesis: the change, the expected effect, and why',
    '- Primary metric and guardrail metrics',
    '- MDE, power and alpha → sample size and run length',
    '- Validity checks: sample ratio, peeking, novelty, seasonality',
    '- Decision rule: ship, iterate or stop',
  ],
  sql: [
    '**Answer outline**',
    '',
    '- Tables, grain and keys',
    '- Approach: filters, joins, aggregation, window functions',
    '- Edge cases: duplicates, nulls, time zones, late events',
    '- How you would check the result',
    '',
    '```sql',
    '-- query',
    '```',
  ],
  'scrum-mechanics': [
    '**Situation:** ',
    '',
    '**What I did, event by event:** refinement, sprint planning, daily scrum, review, retrospective',
    '',
    '**Artifacts I touched:** backlog, sprint goal, definition of done',
    '',
    '**Result:** ',
    '',
    '**What I would change next time:** ',
  ],
  'user-story-writing': [
    '**Story:** role, one goal, benefit, in a single sentence',
    '',
    '**Acceptance criteria:** one Given / When / Then per line',
    '',
    '- ',
    '',
    '**Out of scope:** ',
    '',
    '**Estimate:** split it if it reaches 13 points',
  ],
  'stakeholder-capacity': [
    '**Situation:** who asked for what, and how much capacity the sprint had',
    '',
    '**How I decided:** value, cost of delay, fit with the sprint goal',
    '',
    '**How I said it:** the no, the trade, the date',
    '',
    '**Result:** ',
    '',
    '**The relationship afterwards:** ',
  ],
  'epic-decomposition': [
    '**Epic outcome:** ',
    '',
    '**Users and flows:** ',
    '',
    '**Slices** (each shippable, each one to two weeks):',
    '',
    '1. ',
    '2. ',
    '3. ',
    '',
    '**First slice and why:** ',
    '',
    '**Risks and spikes:** ',
  ],
  dependencies: [
    '**Situation:** ',
    '',
    '**Dependency map:** who needs what from whom, and by when',
    '',
    '**What I agreed:** interfaces, dates, owners',
    '',
    '**Mitigation:** feature flags, contract tests, stubs, backlog order',
    '',
    '**Result:** ',
  ],
};

/** Prompts for a behavioural question: a STAR answer told in the first person. */
export const BEHAVIOURAL_PROMPTS: readonly string[] = [
  '**Situation:** ',
  '',
  '**Task:** what I was responsible for',
  '',
  '**Action:** what I did myself, step by step (say "I", not only "we")',
  '',
  '**Result:** a number, a before → after, or a date',
  '',
  '**What I learned:** ',
];

/** Prompts for a screening question: a short, direct answer. */
export const SCREENING_PROMPTS: readonly string[] = [
  '**Short answer** (under a minute): ',
  '',
  '**Proof from my own work:** ',
  '',
  '**What I ask them back:** ',
];

/** The prompts for a question of this kind and drill. */
export function promptsFor(kind: QuestionKind, drill: SkeletonDrill): readonly string[] {
  if (kind === 'behavioural') return BEHAVIOURAL_PROMPTS;
  if (kind === 'screening') return SCREENING_PROMPTS;
  return DRILL_PROMPTS[drill];
}

/** The line under a skeleton's heading that names its drill: `*Drill: A/B testing*`. */
export function drillMarker(label: string, kind: QuestionKind): string {
  return kind === 'drill' ? `*Drill: ${label}*` : `*Drill: ${label} · ${kind}*`;
}

const MARKER = /^\*Drill: [^*\n]+\*$/;

/** Normalises a line for comparison: trimmed, inner runs of spaces collapsed. */
function norm(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/** Every prompt line any skeleton holds, normalised (blank lines left out). */
const PROMPT_LINES: ReadonlySet<string> = new Set(
  [...Object.values(DRILL_PROMPTS).flat(), ...BEHAVIOURAL_PROMPTS, ...SCREENING_PROMPTS].map(norm).filter(Boolean),
);

/**
 * Whether a section body is a drill skeleton nobody has answered yet: it holds the `*Drill: …*`
 * marker line and, apart from blank lines, only the skeleton's own prompt lines, untouched (an
 * empty `**Result:**` label, a bare `- ` or `1. ` item). Any word the candidate adds (a value
 * after a label, a bullet's text, a paragraph) makes it an answer.
 *
 * @param body - the section's text after its heading line
 */
export function isUnansweredSkeleton(body: string): boolean {
  let marker = false;
  for (const raw of body.split('\n')) {
    const line = norm(raw);
    if (!line) continue;
    if (MARKER.test(line)) {
      marker = true;
      continue;
    }
    if (!PROMPT_LINES.has(line)) return false;
  }
  return marker;
}

/**
 * A bank of original interview questions for the "Drill a Question" command, spread over the
 * drills each loop runs (see `DRILLS` in ./lexicon), each with a markdown answer skeleton that
 * drops into a prep doc as a tagged story. Editor-free.
 */
import { getDrill, type DrillId } from './lexicon';
import type { Axis, Loop, SingleLoop } from './types';

/** One interview question and the skeleton its answer starts from. */
export interface Question {
  /** Stable id: remembered as "drilled", so never rename or reuse one. */
  id: string;
  loop: SingleLoop;
  drill: DrillId;
  /** The question as an interviewer would ask it. */
  question: string;
  /** The axis a good answer is told on. */
  axis: Axis;
  /** Markdown answer skeleton: `## <question> #<loop> #<axis>`, then prompts for the drill. */
  skeleton: string;
}

type QuestionSource = Omit<Question, 'skeleton' | 'loop'>;

/** Prompts per drill, in the order a strong answer covers them. */
const PROMPTS: Record<DrillId, string[]> = {
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

const SOURCES: readonly QuestionSource[] = [
  // ── PM · metrics & unit economics ──────────────────────────────────────────────
  {
    id: 'pm-me-ltv-ceiling',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'A subscription app charges $12 a month at an 80% gross margin and loses 4% of subscribers every month. What is a customer worth, and how much could you spend to win one?',
  },
  {
    id: 'pm-me-cac-payback',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'Paid acquisition costs $300 per new account, and each account pays $50 a month at a 70% margin. How long is the CAC payback, and is that healthy?',
  },
  {
    id: 'pm-me-grr-vs-ndr',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'A B2B product reports 92% gross revenue retention and 115% net dollar retention. What does each number tell you, and which would you work on first?',
  },
  {
    id: 'pm-me-growth-losing-money',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'Revenue grew 40% last year, yet the company still loses money on every new customer. How would you find where the unit economics break?',
  },
  {
    id: 'pm-me-north-star-chat',
    drill: 'metrics-economics',
    axis: 'metrics',
    question: 'Choose a north star metric for a team-chat product and name three input metrics you would manage beneath it.',
  },
  // ── PM · product sense ─────────────────────────────────────────────────────────
  {
    id: 'pm-ps-calendar-two-quarters',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'You take over the calendar inside an email product. What would you build in your first two quarters, and why?',
  },
  {
    id: 'pm-ps-weekly-product',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Pick a product you use every week. Which user problem does it handle worst, and what would you change first?',
  },
  {
    id: 'pm-ps-grocery-city',
    drill: 'product-sense',
    axis: 'strategy',
    question:
      'A food-delivery company wants to try grocery delivery in one city. Who is the first customer segment, and what is in version one?',
  },
  {
    id: 'pm-ps-one-of-three-bets',
    drill: 'product-sense',
    axis: 'strategy',
    question:
      'There is room for one bet next quarter: self-serve onboarding, single sign-on for enterprise, or a mobile app. Which one, and how do you explain the other two?',
  },
  {
    id: 'pm-ps-flat-feature',
    drill: 'product-sense',
    axis: 'strategy',
    question:
      'A feature you launched a year ago is used by 3% of weekly users and is not growing. Invest, rework or remove it: how do you make the call?',
  },
  // ── PM · growth & activation funnel ────────────────────────────────────────────
  {
    id: 'pm-gf-bank-link-drop',
    drill: 'growth-funnel',
    axis: 'metrics',
    question:
      'Sign-ups for a budgeting app rose 20% this quarter, but the share linking a bank account in week one fell from 45% to 38%. What happened?',
  },
  {
    id: 'pm-gf-second-ride',
    drill: 'growth-funnel',
    axis: 'metrics',
    question: 'Map the funnel of a ride-hailing app from install to a second ride. Where would you look first for growth?',
  },
  {
    id: 'pm-gf-flat-retention',
    drill: 'growth-funnel',
    axis: 'metrics',
    question:
      'Retention for a fitness app falls to 8% by day 30 and then stays flat. What does that shape tell you, and what would you try?',
  },
  {
    id: 'pm-gf-b2b-referral',
    drill: 'growth-funnel',
    axis: 'strategy',
    question: 'Design a referral loop for a B2B analytics tool. How would you know within six weeks whether it works?',
  },
  {
    id: 'pm-gf-trial-to-paid',
    drill: 'growth-funnel',
    axis: 'metrics',
    question:
      'Trial-to-paid conversion for a design tool sits at 9%. Lay out the funnel and name the first two experiments you would run.',
  },
  // ── PM · A/B testing ───────────────────────────────────────────────────────────
  {
    id: 'pm-ab-checkout-sample-size',
    drill: 'ab-testing',
    axis: 'metrics',
    question:
      'Checkout converts at 4%. To detect a 5% relative lift at 80% power and a 5% alpha, roughly how many users does each arm need, and how long will that take at 20,000 visitors a day?',
  },
  {
    id: 'pm-ab-uneven-split',
    drill: 'ab-testing',
    axis: 'metrics',
    question:
      'A 50/50 test ends with 50,900 users in control and 49,100 in treatment. What do you check before you read the result?',
  },
  {
    id: 'pm-ab-stop-on-day-four',
    drill: 'ab-testing',
    axis: 'stakeholders',
    question:
      'A director watches the dashboard daily and wants to stop a two-week test on day four because it already looks significant. What do you say?',
  },
  {
    id: 'pm-ab-flat-onboarding',
    drill: 'ab-testing',
    axis: 'metrics',
    question:
      'A new onboarding flow comes back flat, with a confidence interval from -1% to +3% on activation. Ship it, drop it, or keep it running?',
  },
  {
    id: 'pm-ab-refund-guardrail',
    drill: 'ab-testing',
    axis: 'metrics',
    question:
      'A pricing-page variant lifts conversion, but refunds climb in the same arm. How should the test have been set up, and what do you decide now?',
  },
  // ── PM · SQL ───────────────────────────────────────────────────────────────────
  {
    id: 'pm-sql-daily-active',
    drill: 'sql',
    axis: 'metrics',
    question: 'Given events(user_id, event_name, occurred_at), write a query for daily active users over the last 28 days.',
  },
  {
    id: 'pm-sql-week-one-retention',
    drill: 'sql',
    axis: 'metrics',
    question:
      'Using signups(user_id, signed_up_at) and sessions(user_id, started_at), compute week-one retention for each weekly sign-up cohort.',
  },
  {
    id: 'pm-sql-ordered-funnel',
    drill: 'sql',
    axis: 'metrics',
    question:
      'From events(user_id, event_name, occurred_at), count users who went from view_pricing to start_trial to first_payment, in that order, within 14 days.',
  },
  {
    id: 'pm-sql-top-three-orders',
    drill: 'sql',
    axis: 'metrics',
    question: "From orders(order_id, customer_id, amount, created_at), return each customer's three largest orders.",
  },
  {
    id: 'pm-sql-variant-readout',
    drill: 'sql',
    axis: 'metrics',
    question:
      'From assignments(user_id, variant) and orders(user_id, amount, created_at), compute conversion and revenue per assigned user for each variant.',
  },
  // ── PO · Scrum mechanics ───────────────────────────────────────────────────────
  {
    id: 'po-sm-thirteen-before-planning',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question:
      'The day before sprint planning, the top backlog item comes out of estimation at 13 points. What happens next?',
  },
  {
    id: 'po-sm-refinement-walkthrough',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question:
      'Take us through a refinement session you ran: who was there, what was ready going in, and what came out.',
  },
  {
    id: 'po-sm-goal-at-risk',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Halfway through a sprint the team tells you the sprint goal is at risk. What do you do that day?',
  },
  {
    id: 'po-sm-done-without-tests',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question:
      'A story meets its acceptance criteria but has no automated tests, which your definition of done requires. Do you accept it?',
  },
  {
    id: 'po-sm-velocity-slide',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question:
      'Velocity slid from 34 to 21 points over three sprints. How do you find the cause, and what do you tell stakeholders about the release date?',
  },
  // ── PO · user stories & acceptance criteria ────────────────────────────────────
  {
    id: 'po-us-password-reset',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'Write a user story with acceptance criteria for resetting a forgotten password.',
  },
  {
    id: 'po-us-rewrite-vague',
    drill: 'user-story-writing',
    axis: 'execution',
    question:
      'A stakeholder hands you the story "make the dashboard load better for everyone". What is wrong with it, and how would you rewrite it?',
  },
  {
    id: 'po-us-pay-by-invoice',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'Turn "customers can pay by invoice" into stories a team can finish within one sprint, each with its criteria.',
  },
  {
    id: 'po-us-search-performance',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'How do you write acceptance criteria for a search-page performance requirement so that QA can test it?',
  },
  {
    id: 'po-us-remove-member-edges',
    drill: 'user-story-writing',
    axis: 'execution',
    question:
      'For a story that lets an admin remove a team member, which edge cases belong in the acceptance criteria?',
  },
  // ── PO · stakeholders vs sprint capacity ───────────────────────────────────────
  {
    id: 'po-sc-sales-vs-support',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question:
      'Sales and support each want the next two-week sprint for an urgent request. How do you decide, and how do you tell the side that waits?',
  },
  {
    id: 'po-sc-vp-small-ask',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'A VP asks you to slip a feature into the running sprint because "it is only small". How do you respond?',
  },
  {
    id: 'po-sc-three-must-haves',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question:
      'One stakeholder arrives at planning with three must-haves, and capacity covers one. How do you run that conversation?',
  },
  {
    id: 'po-sc-tech-debt-share',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question:
      'Engineering wants 30% of every sprint for technical debt; the business wants features. How do you set the split and defend it?',
  },
  {
    id: 'po-sc-ordering-method',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question:
      'Which method do you use to order competing requests? Tell us about a time it changed a stakeholder’s mind.',
  },
  // ── PO · epic decomposition ────────────────────────────────────────────────────
  {
    id: 'po-ed-small-business-onboarding',
    drill: 'epic-decomposition',
    axis: 'execution',
    question:
      'The epic reads "improve onboarding for small businesses". Break it into slices that each ship within one or two weeks.',
  },
  {
    id: 'po-ed-first-slice',
    drill: 'epic-decomposition',
    axis: 'execution',
    question: 'You have a new epic cut into eight slices. How do you choose which one the team builds first?',
  },
  {
    id: 'po-ed-layer-split',
    drill: 'epic-decomposition',
    axis: 'execution',
    question:
      'Your team split an epic by layer: database first, then the API, then the UI. What goes wrong, and how would you re-slice it?',
  },
  {
    id: 'po-ed-unknown-api',
    drill: 'epic-decomposition',
    axis: 'execution',
    question:
      'An epic relies on a third-party payments API nobody on the team has used. How do you plan its first sprint?',
  },
  // ── PO · dependencies & integration risk ───────────────────────────────────────
  {
    id: 'po-dep-endpoint-next-quarter',
    drill: 'dependencies',
    axis: 'execution',
    question:
      'Your squad’s feature needs an endpoint that another team plans to build next quarter. What do you do this sprint?',
  },
  {
    id: 'po-dep-three-squads-release',
    drill: 'dependencies',
    axis: 'execution',
    question: 'Three squads ship parts of one release. How do you surface integration risk before the final sprint?',
  },
  {
    id: 'po-dep-partner-slips',
    drill: 'dependencies',
    axis: 'stakeholders',
    question:
      'Two days before a release, a partner team says their piece will land a sprint late. Walk us through your next 24 hours.',
  },
  {
    id: 'po-dep-keep-visible',
    drill: 'dependencies',
    axis: 'execution',
    question: 'How do you keep cross-team dependencies visible in your backlog, and who do you review them with?',
  },
];

/** The loop a drill belongs to, from the drill registry in ./lexicon. */
function loopOf(drill: DrillId): SingleLoop {
  const d = getDrill(drill);
  if (!d) throw new Error(`unknown drill ${drill}`);
  return d.loop;
}

/** The answer skeleton for a question: a tagged story heading, the drill, then its prompts. */
function skeletonFor(q: QuestionSource, loop: SingleLoop): string {
  const title = q.question.replace(/\s+/g, ' ').replace(/#/g, '').trim();
  const label = getDrill(q.drill)?.label ?? q.drill;
  return [`## ${title} #${loop} #${q.axis}`, '', `*Drill: ${label}*`, '', ...PROMPTS[q.drill], ''].join('\n');
}

/** Every question, PM drills first, in a stable order. */
export const QUESTIONS: readonly Question[] = Object.freeze(
  SOURCES.map((q): Question => {
    const loop = loopOf(q.drill);
    return Object.freeze({ ...q, loop, skeleton: skeletonFor(q, loop) });
  }),
);

/**
 * The questions for a loop (`hybrid` gets both loops), optionally for one drill only.
 * A drill from the other loop yields an empty list.
 */
export function questionsFor(loop: Loop, drill?: DrillId): Question[] {
  return QUESTIONS.filter((q) => (loop === 'hybrid' || q.loop === loop) && (drill === undefined || q.drill === drill));
}

/**
 * Picks a question for a loop, preferring ones whose id is not in `drilledIds`; once every
 * question has been drilled, picks among all of them again.
 *
 * @param random returns a number in [0, 1), like `Math.random` (inject one for tests).
 */
export function pickQuestion(loop: Loop, drilledIds: ReadonlySet<string>, random: () => number = Math.random): Question {
  const all = questionsFor(loop);
  const fresh = all.filter((q) => !drilledIds.has(q.id));
  const pool = fresh.length > 0 ? fresh : all;
  const r = random();
  const index = Number.isFinite(r) ? Math.floor(Math.min(Math.max(r, 0), 1) * pool.length) : 0;
  return pool[Math.min(index, pool.length - 1)];
}

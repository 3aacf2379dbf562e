/**
 * A bank of original interview questions for Drill a Question and Practice Today, spread over the
 * drills each loop runs (see `DRILLS` in ./lexicon), with the behavioural prompts and screening
 * questions each loop asks. Every question carries its loop, drill, axis and kind, and a markdown
 * answer skeleton that drops into a prep doc as a tagged story; metric and case questions also
 * carry a worked outline with the arithmetic done. Editor-free.
 */
import { DRILL_IDS, getDrill, type DrillId } from './lexicon';
import { drillMarker, promptsFor, type QuestionKind } from './skeleton';
import type { Axis, Loop, SingleLoop } from './types';

export type { QuestionKind } from './skeleton';

/** The behavioural themes both loops probe. */
export type BehaviouralTheme = 'conflict' | 'failure' | 'influence' | 'saying-no' | 'bad-data';

/** Every behavioural theme, in display order. */
export const BEHAVIOURAL_THEMES: readonly BehaviouralTheme[] = ['conflict', 'failure', 'influence', 'saying-no', 'bad-data'];

/** One interview question and the skeleton its answer starts from. */
export interface Question {
  /** Stable id: remembered in review history, so never rename or reuse one. */
  id: string;
  loop: SingleLoop;
  /** The drill a good answer evidences (behavioural and screening questions too). */
  drill: DrillId;
  /** A drill of the loop, a behavioural prompt ("tell me about a time…"), or a screening question. */
  kind: QuestionKind;
  /** For behavioural prompts: the theme it probes. */
  theme?: BehaviouralTheme;
  /** The question as an interviewer would ask it. */
  question: string;
  /** The axis a good answer is told on. */
  axis: Axis;
  /**
   * For metric and case questions: a worked outline, one step per line, with the numbers worked
   * (`$50 × 70% = $35`). A model to check an answer against, not part of the skeleton.
   */
  worked?: readonly string[];
  /** Markdown answer skeleton: `## <question> #<loop> #<axis>`, the drill marker, then prompts. */
  skeleton: string;
}

type QuestionSource = Omit<Question, 'skeleton' | 'loop' | 'kind' | 'worked'> & { kind?: QuestionKind };

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
  // ── PM · more drills ───────────────────────────────────────────────────────────
  {
    id: 'pm-me-ndr-from-cohort',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'A customer cohort starts the year at $1,000,000 ARR, loses $80,000 to cancellations and $40,000 to downgrades, and adds $270,000 in upgrades. What are its gross and net revenue retention?',
  },
  {
    id: 'pm-me-ltv-to-cac',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'A new channel wins customers at $400 each. They pay $30 a month at a 75% margin and stay 20 months on average. Would you scale the channel?',
  },
  {
    id: 'pm-me-price-rise-churn',
    drill: 'metrics-economics',
    axis: 'metrics',
    question:
      'A plan goes from $20 to $24 a month and monthly churn rises from 3% to 3.5%. Is each customer now worth more or less, and what else must you check?',
  },
  {
    id: 'pm-me-marketplace-take-rate',
    drill: 'metrics-economics',
    axis: 'strategy',
    question:
      'A marketplace books $50 million a year at a 12% take rate and pays $2 million in payment fees. What is its net revenue, and what is one point of take rate worth?',
  },
  {
    id: 'pm-ps-editor-first',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'You join a note-taking company as the PM for its editor. How do you decide what to ship first?',
  },
  {
    id: 'pm-ps-banking-over-seventy',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Design a mobile banking feature for people over seventy who have never banked on a phone. Who is it for, and what ships first?',
  },
  {
    id: 'pm-ps-free-tier',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Leadership wants to drop the free tier of a project-management tool. How do you frame that decision and what would you need to know?',
  },
  {
    id: 'pm-ps-comments-success',
    drill: 'product-sense',
    axis: 'metrics',
    question: 'You add comments to a shared-spreadsheet product. How would you tell, three months on, whether the feature succeeded?',
  },
  {
    id: 'pm-gf-activation-target',
    drill: 'growth-funnel',
    axis: 'metrics',
    question:
      'The goal is to lift new-user activation from 28% to 35% by the end of the quarter, with 40,000 sign-ups a month. How many extra activated users is that, and where would you find them?',
  },
  {
    id: 'pm-gf-channel-mix',
    drill: 'growth-funnel',
    axis: 'metrics',
    question:
      'Paid sign-ups activate at 15% and organic ones at 40%. Paid grew from a quarter to half of all sign-ups. Overall activation fell: is the product getting worse?',
  },
  {
    id: 'pm-gf-checkout-steps',
    drill: 'growth-funnel',
    axis: 'metrics',
    question:
      'A four-step checkout converts 60%, 70%, 85% and 90% at each step. What is the end-to-end rate, and which step would you work on first?',
  },
  {
    id: 'pm-gf-win-back',
    drill: 'growth-funnel',
    axis: 'strategy',
    question:
      'A music app loses 150,000 monthly listeners a month and gains 100,000 new ones. With 600,000 lapsed listeners reachable, what must a win-back campaign achieve to hold the base flat?',
  },
  {
    id: 'pm-ab-smallest-lift',
    drill: 'ab-testing',
    axis: 'metrics',
    question:
      'Only 5,000 eligible users arrive each week, and the baseline conversion is 10%. What is the smallest lift a four-week test could detect?',
  },
  {
    id: 'pm-ab-twenty-metrics',
    drill: 'ab-testing',
    axis: 'metrics',
    question: 'A test readout lists 20 metrics and one of them moved at p < 0.05. What do you conclude, and what do you tell the team?',
  },
  {
    id: 'pm-ab-fading-lift',
    drill: 'ab-testing',
    axis: 'metrics',
    question: 'A redesigned home feed lifts clicks by 8% in its first week and 2% in its second. What is going on, and how long should it run?',
  },
  {
    id: 'pm-ab-network-invites',
    drill: 'ab-testing',
    axis: 'strategy',
    question: 'You want to test a new invite feature in a messaging app. Why could splitting by user mislead you, and how would you split instead?',
  },
  {
    id: 'pm-sql-rolling-revenue',
    drill: 'sql',
    axis: 'metrics',
    question: 'From daily_revenue(day, amount), compute a seven-day rolling average of revenue, and say what happens on days with no row.',
  },
  {
    id: 'pm-sql-cancelled-last-month',
    drill: 'sql',
    axis: 'metrics',
    question:
      'From subscriptions(user_id, started_at, cancelled_at), count the subscribers who were active when last month began and cancelled during it.',
  },
  {
    id: 'pm-sql-dedupe-purchases',
    drill: 'sql',
    axis: 'metrics',
    question: 'The events table sometimes logs a purchase twice within one second. Count purchases per day without the duplicates.',
  },
  {
    id: 'pm-sql-median-time-to-value',
    drill: 'sql',
    axis: 'metrics',
    question:
      'Using signups(user_id, signed_up_at) and events(user_id, event_name, occurred_at), find the median hours from sign-up to the first project_created event.',
  },
  // ── PM · behavioural ───────────────────────────────────────────────────────────
  {
    id: 'pm-bh-conflict-engineering',
    kind: 'behavioural',
    theme: 'conflict',
    drill: 'product-sense',
    axis: 'stakeholders',
    question: 'Tell me about a time you and an engineering lead disagreed about what to build next. How did it get settled?',
  },
  {
    id: 'pm-bh-conflict-research-vs-numbers',
    kind: 'behavioural',
    theme: 'conflict',
    drill: 'ab-testing',
    axis: 'stakeholders',
    question: 'Describe a disagreement with a designer where user research and the experiment numbers pointed different ways.',
  },
  {
    id: 'pm-bh-failure-missed-target',
    kind: 'behavioural',
    theme: 'failure',
    drill: 'growth-funnel',
    axis: 'metrics',
    question: 'Tell me about a launch that missed the metric it was meant to move. What did you learn, and what did you change afterwards?',
  },
  {
    id: 'pm-bh-failure-wrong-bet',
    kind: 'behavioural',
    theme: 'failure',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Describe a product bet you pushed for that turned out to be wrong. When did you notice, and what did you do about it?',
  },
  {
    id: 'pm-bh-influence-other-roadmap',
    kind: 'behavioural',
    theme: 'influence',
    drill: 'product-sense',
    axis: 'stakeholders',
    question: 'Tell me about a time you needed a team you had no authority over to change its roadmap for your goal.',
  },
  {
    id: 'pm-bh-influence-team-metric',
    kind: 'behavioural',
    theme: 'influence',
    drill: 'metrics-economics',
    axis: 'stakeholders',
    question: 'Describe how you convinced leadership to change the metric a team was judged on.',
  },
  {
    id: 'pm-bh-no-promised-feature',
    kind: 'behavioural',
    theme: 'saying-no',
    drill: 'product-sense',
    axis: 'stakeholders',
    question: 'Tell me about a time you said no to a feature that sales had already promised a large customer.',
  },
  {
    id: 'pm-bh-no-executive-idea',
    kind: 'behavioural',
    theme: 'saying-no',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Tell me about a time you turned down a senior executive’s idea. How did you keep their support?',
  },
  {
    id: 'pm-bh-bad-data-decision',
    kind: 'behavioural',
    theme: 'bad-data',
    drill: 'metrics-economics',
    axis: 'metrics',
    question: 'Tell me about a decision you had to make when the data was incomplete, or later turned out to be wrong.',
  },
  {
    id: 'pm-bh-bad-data-broken-test',
    kind: 'behavioural',
    theme: 'bad-data',
    drill: 'ab-testing',
    axis: 'metrics',
    question: 'Describe a time an experiment result you had already shared turned out to be broken. What did you do next?',
  },
  // ── PM · screening ─────────────────────────────────────────────────────────────
  {
    id: 'pm-screen-pm-vs-po',
    kind: 'screening',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'In two sentences, how does a product manager’s job differ from a product owner’s?',
  },
  {
    id: 'pm-screen-ask-scope',
    kind: 'screening',
    drill: 'product-sense',
    axis: 'stakeholders',
    question: 'The recruiter asks whether you have questions. What do you ask to learn how many squads you would cover and who writes the PRDs?',
  },
  {
    id: 'pm-screen-background',
    kind: 'screening',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Walk me through your background in two minutes, as it relates to owning a product’s strategy and its metrics.',
  },
  {
    id: 'pm-screen-metric-owned',
    kind: 'screening',
    drill: 'metrics-economics',
    axis: 'metrics',
    question: 'Which outcome metric did you own in your last role, and where did it start and finish while you owned it?',
  },
  {
    id: 'pm-screen-why-pm',
    kind: 'screening',
    drill: 'product-sense',
    axis: 'strategy',
    question: 'Why a product manager role, rather than a product owner or a project manager role?',
  },
  {
    id: 'pm-screen-own-sql',
    kind: 'screening',
    drill: 'sql',
    axis: 'metrics',
    question: 'How comfortable are you writing SQL yourself, and when did you last pull your own numbers?',
  },
  // ── PO · more drills ───────────────────────────────────────────────────────────
  {
    id: 'po-sm-retro-repeat',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'The same problem has come up in three retrospectives in a row and nothing has changed. What do you do as product owner?',
  },
  {
    id: 'po-sm-unfinished-story',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'A story is nearly finished when the sprint ends. What happens to it, and what do you show at the review?',
  },
  {
    id: 'po-sm-first-dod',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Your new team has no definition of done. How do you arrive at one, and what goes into the first version?',
  },
  {
    id: 'po-sm-backlog-400',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'The backlog holds 400 items and nobody trusts its order. How do you make it usable again, and how long does that take?',
  },
  {
    id: 'po-us-rent-overdue',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'Write a user story with acceptance criteria for telling a tenant that their rent is overdue.',
  },
  {
    id: 'po-us-reporting-invest',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'Someone wrote the story "As a user, I want reporting." Which qualities of a good story does it lack, and what would you write instead?',
  },
  {
    id: 'po-us-screen-reader',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'How do you capture an accessibility need, such as screen-reader support, in stories and their acceptance criteria?',
  },
  {
    id: 'po-us-csv-import',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'Write acceptance criteria for importing contacts from a CSV file, including what happens to rows that cannot be read.',
  },
  {
    id: 'po-sc-customer-bug',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'Your largest customer reports a production bug in the middle of a sprint. How do you decide whether it displaces planned work?',
  },
  {
    id: 'po-sc-announced-date',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'Marketing announced a launch date before the team had estimated the work. What do you do in the next week?',
  },
  {
    id: 'po-sc-two-pms',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'Two product managers each expect your squad to deliver their priority this sprint. How do you settle it?',
  },
  {
    id: 'po-sc-visible-capacity',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'How do you show stakeholders what the squad can take on, so that trade-offs stop feeling personal?',
  },
  {
    id: 'po-ed-custom-reports',
    drill: 'epic-decomposition',
    axis: 'execution',
    question: 'Break the epic "customers can build their own reports" into slices that each ship within one or two weeks.',
  },
  {
    id: 'po-ed-spike',
    drill: 'epic-decomposition',
    axis: 'execution',
    question: 'When do you plan a spike rather than a story, how long do you give it, and what must it produce?',
  },
  {
    id: 'po-ed-billing-migration',
    drill: 'epic-decomposition',
    axis: 'execution',
    question: 'An epic moves every customer off an old billing system. How do you slice it so that each sprint delivers value and lowers risk?',
  },
  {
    id: 'po-ed-story-map',
    drill: 'epic-decomposition',
    axis: 'execution',
    question: 'How would you use a story map to break down a mobile check-in epic for a hotel chain?',
  },
  {
    id: 'po-ed-split-patterns',
    drill: 'epic-decomposition',
    axis: 'execution',
    question: 'Name three ways to split a story that is too big for a sprint, with an example of each.',
  },
  {
    id: 'po-dep-shared-login',
    drill: 'dependencies',
    axis: 'execution',
    question: 'Two squads need changes to the same shared login component in the same sprint. How do you keep them from colliding?',
  },
  {
    id: 'po-dep-vendor-no-sandbox',
    drill: 'dependencies',
    axis: 'execution',
    question: 'The release depends on a vendor API that has no test environment. How do you lower the integration risk?',
  },
  {
    id: 'po-dep-platform-says-no',
    drill: 'dependencies',
    axis: 'stakeholders',
    question: 'The platform team has declined the change your squad needs this quarter. What are your options, and which do you pick?',
  },
  {
    id: 'po-dep-integration-sprint',
    drill: 'dependencies',
    axis: 'execution',
    question: 'A release plan ends with a sprint set aside for integration. Why is that a warning sign, and what would you plan instead?',
  },
  {
    id: 'po-dep-quarterly-review',
    drill: 'dependencies',
    axis: 'stakeholders',
    question: 'How do you run a dependency review across four squads ahead of quarterly planning?',
  },
  // ── PO · behavioural ───────────────────────────────────────────────────────────
  {
    id: 'po-bh-conflict-capacity',
    kind: 'behavioural',
    theme: 'conflict',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'Tell me about a time two stakeholders fought over the same sprint capacity. How did it end?',
  },
  {
    id: 'po-bh-conflict-estimate',
    kind: 'behavioural',
    theme: 'conflict',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Describe a time you disagreed with your own team about an estimate or the scope of a story.',
  },
  {
    id: 'po-bh-failure-sprint-goal',
    kind: 'behavioural',
    theme: 'failure',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Tell me about a sprint that missed its goal. What did you do at the review and at the retrospective?',
  },
  {
    id: 'po-bh-failure-accepted-wrong',
    kind: 'behavioural',
    theme: 'failure',
    drill: 'user-story-writing',
    axis: 'execution',
    question: 'Describe a time you accepted a story that later turned out not to do what users needed.',
  },
  {
    id: 'po-bh-influence-other-squad',
    kind: 'behavioural',
    theme: 'influence',
    drill: 'dependencies',
    axis: 'stakeholders',
    question: 'Tell me about a time you got another squad to pick up work you depended on, with no authority over them.',
  },
  {
    id: 'po-bh-influence-refinement',
    kind: 'behavioural',
    theme: 'influence',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Describe how you persuaded a team to change the way it ran refinement or sprint planning.',
  },
  {
    id: 'po-bh-no-senior-ask',
    kind: 'behavioural',
    theme: 'saying-no',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'Tell me about a time you said no to a senior stakeholder who wanted work added to a running sprint.',
  },
  {
    id: 'po-bh-no-scope-creep',
    kind: 'behavioural',
    theme: 'saying-no',
    drill: 'epic-decomposition',
    axis: 'stakeholders',
    question: 'Describe a time you kept scope creep out of a release. What did you trade away, and with whom?',
  },
  {
    id: 'po-bh-bad-data-velocity',
    kind: 'behavioural',
    theme: 'bad-data',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Tell me about a time you had to commit to a date when the team’s velocity numbers could not be trusted.',
  },
  {
    id: 'po-bh-bad-data-ordering',
    kind: 'behavioural',
    theme: 'bad-data',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'Describe a time you had to order the backlog with incomplete information. How did it turn out?',
  },
  // ── PO · screening ─────────────────────────────────────────────────────────────
  {
    id: 'po-screen-po-vs-pm',
    kind: 'screening',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'How would you explain what a product owner decides that a product manager does not?',
  },
  {
    id: 'po-screen-ask-backlog',
    kind: 'screening',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    question: 'What would you ask the recruiter to learn whether you would own the backlog directly, and for how many squads?',
  },
  {
    id: 'po-screen-background',
    kind: 'screening',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Give a two-minute summary of your product owner work: team size, sprint length, and what you accepted.',
  },
  {
    id: 'po-screen-events-run',
    kind: 'screening',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Which Scrum events have you run yourself, and which did the scrum master run?',
  },
  {
    id: 'po-screen-why-po',
    kind: 'screening',
    drill: 'scrum-mechanics',
    axis: 'stakeholders',
    question: 'Why a product owner role? Some people treat it as a step toward product manager; how do you see it?',
  },
  {
    id: 'po-screen-delivery-numbers',
    kind: 'screening',
    drill: 'scrum-mechanics',
    axis: 'execution',
    question: 'Which delivery numbers did your last team track, and how predictable was it from sprint to sprint?',
  },
];

/**
 * Worked outlines for the metric and case questions, by question id. Every `a × b = c` step is
 * checked by a unit test, so a wrong sum fails the build.
 */
const WORKED: Readonly<Record<string, readonly string[]>> = {
  // metrics & unit economics
  'pm-me-ltv-ceiling': [
    'Margin per subscriber: $12 × 80% = $9.60 a month.',
    'Average lifetime at 4% monthly churn: 1 ÷ 4% = 25 months.',
    'Lifetime value: $9.60 × 25 = $240.',
    'At a 3 : 1 LTV to CAC bar, the most to spend per subscriber is $240 ÷ 3 = $80.',
    'Check the payback at that price: $80 ÷ $9.60 ≈ 8.3 months, well inside the 25-month lifetime.',
  ],
  'pm-me-cac-payback': [
    'Margin per account: $50 × 70% = $35 a month.',
    'Payback: $300 ÷ $35 ≈ 8.6 months, call it nine.',
    'Under twelve months is a common bar for self-serve SaaS, so this is healthy if accounts stay.',
    'Sanity check with churn: at 3% a month an account lasts 1 ÷ 3% ≈ 33 months, far past the payback.',
  ],
  'pm-me-grr-vs-ndr': [
    'Take $1,000,000 of starting ARR. Gross retention keeps $1,000,000 × 92% = $920,000 (churn and downgrades only).',
    'Net retention ends at $1,000,000 × 115% = $1,150,000 once upgrades count.',
    'Upgrades add $1,150,000 − $920,000 = $230,000; losses cost $1,000,000 − $920,000 = $80,000.',
    'NDR above 100% means the base grows with no new sales; GRR shows the leak that expansion hides.',
    'Work on GRR first when losses concentrate in one segment: each point kept is revenue you never re-sell.',
  ],
  'pm-me-growth-losing-money': [
    'Write the per-customer equation: CAC against margin per month × lifetime.',
    'Example: $25 margin a month at 5% churn lasts 1 ÷ 5% = 20 months, so LTV = $25 × 20 = $500.',
    'Against a $600 CAC each customer loses $600 − $500 = $100.',
    'Growth makes the hole deeper: 1,000 new customers last year grew by 40% to 1,000 × 140% = 1,400, and 1,400 × $100 = $140,000 lost.',
    'Split by channel, plan and cohort: the blended number hides the channels that pay back.',
    'Levers in order: cut the channels with the worst payback, lift retention, then price.',
  ],
  'pm-me-north-star-chat': [
    'North star: weekly active teams that send messages on at least three days.',
    'Inputs: new teams activated, messages per active team, week-over-week team retention.',
    'Example: 40,000 active teams at 60% weekly retention keep 40,000 × 60% = 24,000.',
    'To stay flat, activation must bring 40,000 − 24,000 = 16,000 teams a week, which shows where the effort goes.',
  ],
  'pm-me-ndr-from-cohort': [
    'After cancellations: $1,000,000 − $80,000 = $920,000.',
    'After downgrades: $920,000 − $40,000 = $880,000, so GRR = $880,000 ÷ $1,000,000 = 88%.',
    'With upgrades: $880,000 + $270,000 = $1,150,000, so NDR = $1,150,000 ÷ $1,000,000 = 115%.',
    'Strong expansion, but 12 points of gross loss is worth a look before it meets a slower upgrade year.',
  ],
  'pm-me-ltv-to-cac': [
    'Margin per customer: $30 × 75% = $22.50 a month.',
    'Lifetime value: $22.50 × 20 = $450.',
    'LTV to CAC: $450 ÷ $400 = 1.125, far below the usual 3 : 1 bar.',
    'Payback: $400 ÷ $22.50 ≈ 17.8 months, close to the 20-month lifetime.',
    'Do not scale it yet: test cheaper creative or better-fit audiences first.',
  ],
  'pm-me-price-rise-churn': [
    'Revenue lifetime before: $20 ÷ 3% ≈ $666.67 per customer.',
    'After: $24 ÷ 3.5% ≈ $685.71 per customer.',
    'Change: $685.71 ÷ $666.67 ≈ 1.029, about 3% more per customer.',
    'Check what happened to new sign-ups: a conversion drop of more than 3% wipes out the gain.',
  ],
  'pm-me-marketplace-take-rate': [
    'Gross revenue: $50,000,000 × 12% = $6,000,000.',
    'Net of payment fees: $6,000,000 − $2,000,000 = $4,000,000.',
    'One point of take rate: $50,000,000 × 1% = $500,000 a year, before any change in volume.',
    'Raise it only with evidence that sellers and buyers stay: a small drop in volume cancels the point.',
  ],
  // growth & activation funnel
  'pm-gf-bank-link-drop': [
    'Put numbers on it: 10,000 sign-ups last quarter grew to 10,000 × 120% = 12,000.',
    'Linked accounts before: 10,000 × 45% = 4,500; after: 12,000 × 38% = 4,560.',
    'The absolute number barely moved (4,560 − 4,500 = 60): the new sign-ups link far less.',
    'Segment by channel and cohort: a new acquisition source is the first suspect, not the product.',
    'Fix the mix or the onboarding for that segment; target the old 45% by a set date, with a guardrail on sign-ups.',
  ],
  'pm-gf-second-ride': [
    'Stages: install, sign-up, first ride, second ride within 14 days.',
    'Example: 100,000 installs × 60% = 60,000 sign-ups; 60,000 × 50% = 30,000 first rides.',
    'Second rides: 30,000 × 40% = 12,000, so 30,000 − 12,000 = 18,000 riders try once and stop.',
    'Look first at the first-to-second ride step: wait times, price shock and a poor first trip.',
  ],
  'pm-gf-flat-retention': [
    'A curve that flattens means a core group finds lasting value; the early drop is the problem to fix.',
    'Example: 50,000 installs a month × 8% = 4,000 lasting users.',
    'Lifting the plateau to 10% gives 50,000 × 10% = 5,000, so 5,000 − 4,000 = 1,000 more each month.',
    'Find what the 8% did in week one and pull new users toward it.',
  ],
  'pm-gf-b2b-referral': [
    'Loop: an active account invites peers, a share of invitees sign up and become active, and invite in turn.',
    'Viral factor at 2 invites per account and 10% conversion: 2 × 10% = 0.2 new accounts per account.',
    'Each 100 new accounts then bring 100 × 0.2 = 20 more.',
    'Six-week read: with 500 new accounts a week, 6 × 500 = 3,000 accounts give enough invites to measure conversion.',
  ],
  'pm-gf-trial-to-paid': [
    'Steps: trial start, first design created, design shared, paid.',
    'Example rates: 50% × 40% × 45% = 9%, matching the overall figure.',
    'On 10,000 trials that is 10,000 × 9% = 900 paying customers.',
    'Lifting sharing from 40% to 50%: 50% × 50% × 45% = 11.25%, so experiment one is a sharing prompt.',
    'Experiment two: a template gallery aimed at the first-design step.',
  ],
  'pm-gf-activation-target': [
    'Activated now: 40,000 × 28% = 11,200 a month.',
    'At target: 40,000 × 35% = 14,000 a month.',
    'Gap: 14,000 − 11,200 = 2,800 more activated users a month.',
    'Find them at the biggest drop before the activation event, segment by channel, then test one fix at a time.',
  ],
  'pm-gf-channel-mix': [
    'Before: 25% × 15% = 3.75% from paid plus 75% × 40% = 30% from organic, and 3.75% + 30% = 33.75% overall.',
    'After: 50% × 15% = 7.5% plus 50% × 40% = 20%, and 7.5% + 20% = 27.5% overall.',
    'Each channel converts exactly as before: the fall is the mix, not the product.',
    'Report activation per channel, and judge paid on its own payback.',
  ],
  'pm-gf-checkout-steps': [
    'End to end: 60% × 70% × 85% × 90% = 32.13%.',
    'The weakest step is the first; lifting it to 70% gives 70% × 70% × 85% × 90% = 37.49%.',
    'Start there, unless the second step is far cheaper to fix.',
  ],
  'pm-gf-win-back': [
    'Net loss each month: 150,000 − 100,000 = 50,000 listeners.',
    'Win-back rate needed: 50,000 ÷ 600,000 ≈ 8.3% of the lapsed pool every month.',
    'That is high for win-back; pair it with work on the loss side.',
  ],
  // A/B testing
  'pm-ab-checkout-sample-size': [
    'Absolute effect: 4% × 5% = 0.2%, that is 0.2 points.',
    'Rule of thumb at 80% power and 5% alpha: n per arm ≈ 16 × p(1 − p) ÷ effect².',
    'Variance term: 4% × 96% = 3.84%, and 16 × 3.84% = 0.6144.',
    'Effect squared: 0.2% × 0.2% = 0.0004%, so n ≈ 0.6144 ÷ 0.0004% = 153,600 users per arm.',
    'Both arms: 153,600 × 2 = 307,200 users, and 307,200 ÷ 20,000 ≈ 15.4 days: run three full weeks to cover weekly cycles.',
  ],
  'pm-ab-uneven-split': [
    'Expected: 50,900 + 49,100 = 100,000 users, so 100,000 ÷ 2 = 50,000 per arm; the gap is 50,900 − 50,000 = 900.',
    'Chi-square: 900 × 900 = 810,000, and 810,000 ÷ 50,000 = 16.2 per arm, so 16.2 × 2 = 32.4.',
    'That is far above 3.84, the 5% cut-off: a sample ratio mismatch.',
    'Do not read the result: look for a broken assignment, a redirect or a bot filter that hits one arm.',
  ],
  'pm-ab-stop-on-day-four': [
    'Day four is 4 ÷ 14 ≈ 28.6% of the planned sample.',
    'Checking every day and stopping on the first significant look pushes the false-positive rate well above 5%.',
    'Offer a sequential test or a fixed readout date, agreed before the start.',
  ],
  'pm-ab-flat-onboarding': [
    'The interval runs from −1% to +3%: its width is 3% + 1% = 4%, half of it 4% ÷ 2 = 2%.',
    'The point estimate is 3% − 2% = 1%, and zero sits inside the interval.',
    'If the MDE the business cares about is 2%, the test cannot rule it out: decide on cost and risk.',
    'Ship if it is cheaper to run and no guardrail moved; keep it only if more traffic can shrink the interval.',
  ],
  'pm-ab-refund-guardrail': [
    'On 10,000 visitors per arm: control converts 10,000 × 5% = 500, the variant 10,000 × 5.5% = 550.',
    'Refunds: 500 × 4% = 20 in control, 550 × 10% = 55 in the variant.',
    'Kept orders: 500 − 20 = 480 against 550 − 55 = 495, a much smaller gain than the headline.',
    'Refund rate should have been a guardrail with a limit agreed up front; judge on net revenue.',
  ],
  'pm-ab-smallest-lift': [
    'Four weeks: 5,000 × 4 = 20,000 users, so 20,000 ÷ 2 = 10,000 per arm.',
    'Variance term: 10% × 90% = 9%, and 16 × 9% = 1.44.',
    'Effect squared: 1.44 ÷ 10,000 = 0.000144, so the effect is about 1.2 points.',
    'Relative lift: 1.2% ÷ 10% = 12%: smaller effects will not show in four weeks.',
  ],
  'pm-ab-twenty-metrics': [
    'Expected false positives at p < 0.05: 20 × 5% = 1, which is what you saw.',
    'A Bonferroni cut-off would be 5% ÷ 20 = 0.25% per metric.',
    'Name the primary metric before the test; treat the rest as ideas for the next test.',
  ],
  'pm-ab-fading-lift': [
    'The lift fell from 8% to 2%: 8% − 2% = 6% of it faded within a week, a novelty effect.',
    'Compare new users, who have no old feed to miss, with returning users.',
    'Run at least 7 × 2 = 14 days and judge on the settled weeks, not the first.',
  ],
  'pm-ab-network-invites': [
    'Users in different arms message each other, so control users feel the treatment.',
    'Randomise by cluster instead: by community, school or city.',
    'Example: 1,000 ÷ 2 = 500 clusters per arm.',
    'Fewer units means less power: plan a longer run and check how much the clusters overlap.',
  ],
};

/** The loop a drill belongs to, from the drill registry in ./lexicon. */
function loopOf(drill: DrillId): SingleLoop {
  const d = getDrill(drill);
  if (!d) throw new Error(`unknown drill ${drill}`);
  return d.loop;
}

/** The answer skeleton for a question: a tagged story heading, the drill marker, then its prompts. */
function skeletonFor(q: QuestionSource, loop: SingleLoop, kind: QuestionKind): string {
  const title = q.question.replace(/\s+/g, ' ').replace(/#/g, '').trim();
  const label = getDrill(q.drill)?.label ?? q.drill;
  return [`## ${title} #${loop} #${q.axis}`, '', drillMarker(label, kind), '', ...promptsFor(kind, q.drill), ''].join('\n');
}

const KIND_ORDER: readonly QuestionKind[] = ['drill', 'behavioural', 'screening'];

/** Position of a question in the bank: PM before PO, drills in registry order, then kind. */
function rank(q: Question): number[] {
  const drills = DRILL_IDS;
  return [q.loop === 'pm' ? 0 : 1, KIND_ORDER.indexOf(q.kind), drills.indexOf(q.drill)];
}

function compare(a: Question, b: Question): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  return 0;
}

/**
 * Every question: PM first, then PO; within a loop the drill questions in drill order, then the
 * behavioural prompts, then the screening questions (a stable order: ties keep source order).
 */
export const QUESTIONS: readonly Question[] = Object.freeze(
  SOURCES.map((q): Question => {
    const loop = loopOf(q.drill);
    const kind = q.kind ?? 'drill';
    const worked = WORKED[q.id];
    return Object.freeze({
      ...q,
      loop,
      kind,
      ...(worked ? { worked: Object.freeze([...worked]) } : {}),
      skeleton: skeletonFor(q, loop, kind),
    });
  }).sort(compare),
);

const byId = new Map(QUESTIONS.map((q) => [q.id, q]));

/** The question with this id, if the bank has it. */
export function questionById(id: string): Question | undefined {
  return byId.get(id);
}

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

/** A question's text normalised for duplicate checks and for matching an `Answers:` line. */
export function normalizeQuestionText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

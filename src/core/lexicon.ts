/**
 * The loop vocabulary and the explainable loop classifier.
 *
 * Every term of the vocabulary belongs to one loop (PM or PO), carries a weight, and may name
 * the interview drill and the axis it evidences. Text is tokenised once, each token is lightly
 * stemmed ("groomed", "grooming", "grooms" → `groom`), and a trie of stemmed token sequences
 * finds every term and phrase in one left-to-right pass: longest match wins, matches never
 * overlap, and phrases may span line breaks and markdown emphasis (`**sample ratio** mismatch`)
 * but not sentence or list-item boundaries. There is no per-term regex, so matching is linear in
 * the length of the text and cannot backtrack.
 *
 * The classifier sums term weights per loop with diminishing returns for repeats, so one loop's
 * incidental vocabulary ("shipped the fix over two sprints" in a PM story) is outweighed by the
 * other loop's substance. Every verdict returns the evidence it was built from.
 *
 * Editor-free: no `vscode` import.
 */
import { memoByOwner, oncePer } from './cache';
import { linesOf } from './text';
import type { Axis, SingleLoop } from './types';

// ---------------------------------------------------------------------------------------------
// Drills
// ---------------------------------------------------------------------------------------------

/** Interview drills of a PM loop. */
export type PmDrillId = 'metrics-economics' | 'product-sense' | 'growth-funnel' | 'ab-testing' | 'sql';
/** Interview drills of a PO loop. */
export type PoDrillId =
  | 'scrum-mechanics'
  | 'user-story-writing'
  | 'stakeholder-capacity'
  | 'epic-decomposition'
  | 'dependencies';
/** Any interview drill. */
export type DrillId = PmDrillId | PoDrillId;

/** One interview drill: what the panel makes the candidate do. */
export interface Drill {
  /** Stable kebab-case id. */
  id: DrillId;
  /** The loop whose panels run this drill. */
  loop: SingleLoop;
  /** Short label for menus, hovers and coverage tables. */
  label: string;
  /** One line on what the drill asks of the candidate. */
  description: string;
  /** The axis a story evidencing this drill usually pulls. */
  axis: Axis;
}

/** The drills each loop runs, in the order prep tools should show them. */
export const DRILLS: Readonly<Record<SingleLoop, readonly Drill[]>> = {
  pm: [
    {
      id: 'metrics-economics',
      loop: 'pm',
      label: 'Metrics & unit economics',
      description: 'Reason out loud about lifetime value, acquisition payback, net dollar retention and margin.',
      axis: 'metrics',
    },
    {
      id: 'product-sense',
      loop: 'pm',
      label: 'Product sense',
      description: 'Decide what a real product should build first and defend it from user problems and the market.',
      axis: 'strategy',
    },
    {
      id: 'growth-funnel',
      loop: 'pm',
      label: 'Growth & activation funnel',
      description: 'Walk a product funnel step by step, find where people drop out, and size the fix.',
      axis: 'metrics',
    },
    {
      id: 'ab-testing',
      loop: 'pm',
      label: 'A/B testing',
      description: 'Design and read an experiment: power, minimum detectable effect, peeking, sample ratio mismatch.',
      axis: 'metrics',
    },
    {
      id: 'sql',
      loop: 'pm',
      label: 'SQL',
      description: 'Pull the numbers yourself: joins, aggregates and window functions over event tables.',
      axis: 'metrics',
    },
  ],
  po: [
    {
      id: 'scrum-mechanics',
      loop: 'po',
      label: 'Scrum mechanics',
      description: 'Run refinement, planning and retros, and know what to do with a story too big for one sprint.',
      axis: 'execution',
    },
    {
      id: 'user-story-writing',
      loop: 'po',
      label: 'User stories & acceptance criteria',
      description: 'Write a story live: a role, a goal, a benefit, and criteria a tester can check.',
      axis: 'execution',
    },
    {
      id: 'stakeholder-capacity',
      loop: 'po',
      label: 'Stakeholders vs sprint capacity',
      description: 'Referee competing asks for a fixed amount of sprint capacity without losing the sprint goal.',
      axis: 'stakeholders',
    },
    {
      id: 'epic-decomposition',
      loop: 'po',
      label: 'Epic decomposition',
      description: 'Cut a vague epic into thin, valuable slices that each fit in one or two weeks.',
      axis: 'execution',
    },
    {
      id: 'dependencies',
      loop: 'po',
      label: 'Dependencies & integration risk',
      description: 'Sequence work that crosses teams and surface integration risk before it blocks a release.',
      axis: 'execution',
    },
  ],
};

/** Every drill id, PM drills first. */
export const DRILL_IDS: readonly DrillId[] = [...DRILLS.pm, ...DRILLS.po].map((d) => d.id);

/** The drill with this id, or `undefined` for an unknown id. */
export function getDrill(id: string): Drill | undefined {
  return DRILLS.pm.find((d) => d.id === id) ?? DRILLS.po.find((d) => d.id === id);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** One weighted term or phrase of the vocabulary. */
export interface LexiconTerm {
  /** The term as written in the vocabulary (canonical form shown in messages). */
  term: string;
  /** The loop this term evidences. */
  loop: SingleLoop;
  /** How strongly it evidences the loop: ~0.5 weak, 1–1.5 moderate, 2–2.5 strong, 3+ defining. */
  weight: number;
  /** The interview drill the term evidences, if any. */
  drill?: DrillId;
  /** The axis a story using the term pulls, if any. */
  axis?: Axis;
  /**
   * For a word with an everyday sense as well as the loop's one ("estimate", "cohort", "variant"):
   * the hit counts only when its sentence also holds one of these words (stemmed), which select
   * the loop's sense ("estimate" with "sprint", "story", "points"…). See {@link SENSES}.
   */
  needs?: readonly string[];
  /** The hit is dropped when its sentence holds one of these words (the other sense: "size the market"). */
  unless?: readonly string[];
}

interface TermGroup {
  loop: SingleLoop;
  drill?: DrillId;
  axis?: Axis;
  /** term → weight. Inflections come for free (stemming); list spelling variants separately. */
  terms: Record<string, number>;
}

/*
 * Weight scale. 3–3.5: a term only one loop's work produces (sample ratio mismatch, definition of
 * done). 2–2.5: the loop's core vocabulary (retention, backlog). 1–1.5: leans one way but turns
 * up in the other loop's stories (sprint, onboarding, capacity). Words both jobs use all the time
 * ("metrics", "stakeholders", "customers", "ship", "launch", "prioritize", "feature", "story",
 * role names such as PM and PO) are deliberately absent: they would only add noise.
 */
const GROUPS: readonly TermGroup[] = [
  // ----- PM: metrics & unit economics -----
  {
    loop: 'pm',
    drill: 'metrics-economics',
    axis: 'metrics',
    terms: {
      'unit economics': 3.5,
      'ltv': 3,
      'clv': 3,
      'lifetime value': 3,
      'customer lifetime value': 3.5,
      'cac': 3,
      'cac payback': 3.5,
      'payback period': 3,
      'payback': 2.5,
      'customer acquisition cost': 3.5,
      'acquisition cost': 3,
      'blended cac': 3.5,
      'nrr': 3,
      'ndr': 3,
      'grr': 3,
      'net revenue retention': 3.5,
      'net dollar retention': 3.5,
      'gross revenue retention': 3.5,
      'dollar retention': 3,
      'logo retention': 3,
      'logo churn': 3,
      'revenue churn': 3,
      'expansion revenue': 3,
      'per seat': 2.5,
      'seat': 1,
      'discount': 1.5,
      'cannibalize': 2.5,
      'win rate': 3,
      'win loss': 3,
      'lost deal': 3,
      'deal size': 3,
      'sales cycle': 2.5,
      'repeat purchase': 2.5,
      'repeat rate': 2.5,
      'purchase rate': 2,
      'cancellation': 1.5,
      'usage based': 2.5,
      'driver tree': 3,
      'key driver': 2.5,
      'driver': 1,
      'budget': 1,
      'expansion': 2,
      'upsell': 2,
      'cross sell': 2,
      'arr': 2.5,
      'mrr': 2.5,
      'arpu': 3,
      'arpa': 3,
      'arppu': 3,
      'average revenue per user': 3.5,
      'revenue': 2,
      'revenue per user': 3,
      'gross margin': 3,
      'contribution margin': 3.5,
      'margin': 1.5,
      'cost to serve': 2.5,
      'p&l': 3,
      'profit and loss': 3,
      'profitability': 2,
      'pricing': 2.5,
      'price point': 3,
      'price increase': 3,
      'pricing tier': 3,
      'pricing page': 1.5,
      'packaging': 1.5,
      'willingness to pay': 3.5,
      'price elasticity': 3.5,
      'elasticity': 2.5,
      'monetization': 2.5,
      'paywall': 1.5,
      'freemium': 2.5,
      'subscription': 1.5,
      'renewal': 1.5,
      'churn': 2.5,
      'churn rate': 3,
      'retention': 2.5,
      'retention curve': 3,
      'retain': 1.5,
      'cohort': 2.5,
      'cohort analysis': 3,
      'business case': 2.5,
      'roi': 2,
      'return on investment': 2.5,
      'forecast revenue': 3,
      'revenue forecast': 3,
      'financial model': 3,
      'sensitivity analysis': 3,
      'cfo': 1.5,
      'finance': 1,
      'north star': 3,
      'north star metric': 3.5,
      'outcome metric': 3,
      'success metric': 2,
      'leading indicator': 2.5,
      'lagging indicator': 2.5,
      'input metric': 2.5,
      'counter metric': 2.5,
      'proxy metric': 2.5,
      'kpi': 1.5,
      'okr': 2.5,
      'key result': 2.5,
      'metric tree': 3,
      'metric': 0.5,
      'baseline': 1,
      'nps': 1.5,
      'csat': 1,
      'gmv': 3,
      'take rate': 3,
      'basket size': 3,
      'aov': 3,
      'average order value': 3,
      'ebitda': 2.5,
      'burn rate': 2,
      'tam': 3,
    },
  },
  // ----- PM: product sense, strategy, discovery -----
  {
    loop: 'pm',
    drill: 'product-sense',
    axis: 'strategy',
    terms: {
      'product sense': 3.5,
      'user research': 2.5,
      'customer research': 2.5,
      'market research': 3,
      'user interview': 2.5,
      'customer interview': 2.5,
      'discovery interview': 3,
      'customer discovery': 3,
      'product discovery': 3,
      'continuous discovery': 3,
      'discovery': 2,
      // A design sprint (GV's five-day prototype and test) is discovery, not a Scrum sprint.
      'design sprint': 2,
      'jobs to be done': 3.5,
      'jtbd': 3.5,
      'unmet need': 3,
      'user need': 2,
      'customer need': 2,
      'pain point': 2,
      'friction': 1.5,
      'problem space': 2.5,
      'problem statement': 1.5,
      'opportunity sizing': 3.5,
      'opportunity solution tree': 3.5,
      'sized the opportunity': 3,
      'size of the opportunity': 3,
      'opportunity': 1,
      'market sizing': 3.5,
      'size the market': 3.5,
      'size market opportunity': 3.5,
      'guesstimate': 2.5,
      'fermi': 2.5,
      'fermi estimate': 3,
      'estimation question': 2.5,
      'addressable market': 3.5,
      'market share': 3,
      'market': 1,
      'go to market': 3,
      'gtm': 2.5,
      'product market fit': 3.5,
      'pmf': 3,
      'segment': 1.5,
      'segmentation': 2,
      'target segment': 3,
      'customer segment': 3,
      'ideal customer profile': 3,
      'icp': 2.5,
      'persona': 1,
      'value proposition': 3,
      'positioning': 2.5,
      'differentiation': 2.5,
      'differentiate': 2,
      'competitor': 2,
      'competition': 1.5,
      'competitive': 2,
      'competitive analysis': 3,
      'competitive landscape': 3,
      'moat': 3,
      'wedge': 2,
      'flywheel': 2,
      'network effect': 3,
      'platform strategy': 3,
      'build vs buy': 3,
      'build versus buy': 3,
      'build or buy': 3,
      'make or buy': 3,
      'vision': 2,
      'product vision': 3,
      'strategy': 2,
      'product strategy': 3,
      'strategy doc': 3,
      'strategic': 1.5,
      'bet': 1.5,
      'big bet': 2.5,
      'growth bet': 3,
      'thesis': 2,
      'insight': 1,
      'hypothesis': 1.5,
      'prioritization framework': 3,
      'rice': 2.5,
      'rice score': 3,
      'ice score': 3,
      'kano': 3,
      'opportunity cost': 2,
      'not build': 2,
      'trade off': 0.5,
      'user problem': 2,
      'customer problem': 2,
      'why now': 2.5,
      'target user': 2.5,
      'target customer': 2.5,
      'marketplace': 1.5,
      'liquidity': 3,
      'supply and demand': 3,
      'buyer': 1,
      'seller': 1,
      'prospect': 1.5,
      'mid market': 2.5,
      'smb': 2,
      'upmarket': 3,
      'downmarket': 3,
      'self serve': 2,
      'product led': 3,
      'plg': 3,
      'sales led': 3,
      'customer value': 1.5,
      'value prop': 3,
      'proposition': 2,
      'niche': 2,
      'category': 1,
      'category leader': 3,
      'market leader': 2.5,
      'feature parity': 2.5,
      'problem framing': 2.5,
      'frame the problem': 2,
      'interview': 1,
      'usage': 1,
      'usage data': 2,
      'usability test': 1.5,
      'prototype': 1,
      'concept test': 2.5,
      'fake door': 3,
      'painted door': 3,
      'diary study': 3,
      'survey': 1,
      // Discovery by the smallest thing that can teach you something (see SCOPE_TO_LEARN).
      'mvp': 2,
      'minimum viable product': 3,
      'riskiest assumption': 3.5,
      'leap of faith assumption': 3.5,
      'user testing': 2,
      'validate': 1.5,
      'user pain': 2,
      'beachhead': 2.5,
    },
  },
  // ----- PM: strategy artifacts and the exec audience (no drill) -----
  {
    loop: 'pm',
    axis: 'strategy',
    terms: {
      'roadmap': 2.5,
      'product roadmap': 3,
      'roadmap review': 3,
      'now next later': 3,
      'prd': 3,
      'one-pager': 3,
      'onepager': 3,
      'product requirements document': 3.5,
      'requirements document': 2,
      'pr faq': 3,
      'press release': 2.5,
      'working backwards': 3,
      'narrative': 1,
      'annual plan': 2.5,
      'non goal': 3,
      'out of scope': 1.5,
      'success measure': 2.5,
      'success criteria': 2,
      'next year': 1.5,
      'next half': 2,
      'h1': 1.5,
      'h2': 1.5,
      'fiscal year': 2,
      'quarter': 1,
      'quarterly': 1,
      'q1': 1,
      'q2': 1,
      'q3': 1,
      'q4': 1,
      'quarterly planning': 2,
      'quarterly objective': 2.5,
      'planning cycle': 1.5,
      'multi year': 2,
      'long term': 1,
      'horizon': 1,
      'investment': 1,
      'headcount': 1.5,
      'sunset': 1.5,
      'deprecation': 1,
      'launch plan': 2,
      'product launch': 2,
      'product line': 2,
      'portfolio': 1.5,
      'p&l owner': 3.5,
      'own the p&l': 3.5,
    },
  },
  {
    loop: 'pm',
    axis: 'stakeholders',
    terms: {
      'leadership': 1,
      'executive': 1.5,
      'exec': 1.5,
      'exec review': 2.5,
      'executive review': 2.5,
      'board deck': 3,
      'board meeting': 2.5,
      'cpo': 1.5,
      'ceo': 1,
      'founder': 1,
      'vp': 1,
      'sales': 1,
      'sales team': 1.5,
      'legal': 0.5,
      'buy in': 1,
    },
  },
  // ----- PM: growth & activation funnel -----
  {
    loop: 'pm',
    drill: 'growth-funnel',
    axis: 'metrics',
    terms: {
      'funnel': 2.5,
      'activation': 2.5,
      'activation rate': 3,
      'activate': 1.5,
      'aha moment': 3.5,
      'time to value': 3,
      'onboarding': 1,
      'onboarding flow': 2,
      'conversion': 2,
      'conversion rate': 3,
      'convert': 1.5,
      'drop off': 2.5,
      'dropoff': 2.5,
      'drop out': 1.5,
      'leak': 1.5,
      'top of funnel': 3,
      'bottom of funnel': 3,
      'acquisition': 1.5,
      'acquisition channel': 3,
      'paid acquisition': 3,
      'organic': 1.5,
      'seo': 1.5,
      'referral': 1.5,
      'viral': 2.5,
      'virality': 3,
      'viral loop': 3.5,
      'viral coefficient': 3.5,
      'k factor': 3.5,
      'growth loop': 3.5,
      'growth lever': 3,
      'growth model': 3,
      'growth': 1.5,
      'aarrr': 3.5,
      'pirate metrics': 3.5,
      'dau': 3,
      'mau': 3,
      'wau': 3,
      'daily active user': 3,
      'monthly active user': 3,
      'weekly active user': 3,
      'active user': 2,
      'stickiness': 3,
      'daily user': 2.5,
      'weekly user': 2.5,
      'monthly user': 2.5,
      'click': 1,
      'engagement': 1.5,
      'engaged user': 2,
      'power user': 2,
      'signup': 1,
      'sign up': 1,
      'trial': 1,
      'free trial': 2.5,
      'trial to paid': 3.5,
      'free to paid': 3.5,
      'reactivation': 3,
      'resurrection': 3,
      'win back': 2.5,
      'habit': 1.5,
      'habit loop': 3,
      'retention loop': 3,
      'cohort curve': 3.5,
      'flatten': 1,
      'lifecycle': 1.5,
      'lifecycle email': 2.5,
      'nurture': 1.5,
      'landing page': 1,
      'cta': 1,
      'click through rate': 3,
      'ctr': 2.5,
      'bounce rate': 2.5,
      'checkout': 0.5,
      'cart abandonment': 3,
      'install': 1,
      'first week': 1,
      'd7': 2.5,
      'd30': 2.5,
      'w1': 1.5,
      'm1': 1.5,
    },
  },
  // ----- PM: A/B testing -----
  {
    loop: 'pm',
    drill: 'ab-testing',
    axis: 'metrics',
    terms: {
      'ab test': 3.5,
      'ab': 2.5,
      'split test': 3.5,
      'multivariate test': 3.5,
      'experiment': 2,
      'experimentation': 2.5,
      'experiment design': 3,
      'ran experiment': 3,
      'experiment readout': 3.5,
      'readout': 2,
      'control group': 3,
      'treatment group': 3,
      'control arm': 3,
      'treatment arm': 3,
      'variant': 1.5,
      'holdout': 3,
      'holdout group': 3,
      'statistical significance': 3.5,
      'statistically significant': 3.5,
      'stat sig': 3.5,
      'significance': 2,
      'significance level': 3.5,
      'significant': 1,
      'p value': 3.5,
      'confidence interval': 3.5,
      'confidence level': 2.5,
      'statistical power': 3.5,
      'power analysis': 3.5,
      'power calculation': 3.5,
      'underpowered': 3.5,
      'mde': 3.5,
      'minimum detectable effect': 3.5,
      'minimal detectable effect': 3.5,
      'detectable effect': 3,
      'effect size': 3,
      'sample size': 3,
      'peeking': 3,
      'sequential testing': 3.5,
      'sample ratio mismatch': 3.5,
      'srm': 3,
      'novelty effect': 3.5,
      'primacy effect': 3.5,
      'guardrail': 2.5,
      'guardrail metric': 3.5,
      'false positive': 2,
      'type i error': 3,
      'type ii error': 3,
      'bonferroni': 3.5,
      'multiple comparisons': 3,
      'cuped': 3.5,
      'bandit': 2.5,
      'multi armed bandit': 3.5,
      'uplift': 2.5,
      'lift': 1,
      'randomization unit': 3.5,
      'randomize': 2,
      'network interference': 3,
      'switchback': 3,
      'interleaving': 2.5,
      'heterogeneous treatment effect': 3.5,
      'causal': 2,
      'causal inference': 3,
      'difference in differences': 3.5,
      'counterfactual': 2.5,
      'ship criteria': 2.5,
      'call a winner': 3,
      'against control': 3,
      'versus control': 3,
      'vs control': 3,
      'winning variant': 3,
      'noise': 1,
      'causation': 2,
      'confound': 2.5,
      'regression to the mean': 3.5,
      'rollback criteria': 2,
    },
  },
  // ----- PM: SQL and self-serve analysis -----
  {
    loop: 'pm',
    drill: 'sql',
    axis: 'metrics',
    terms: {
      'sql': 3.5,
      'query': 1.5,
      'wrote a query': 3,
      'left join': 3.5,
      'inner join': 3.5,
      'outer join': 3.5,
      'self join': 3.5,
      'group by': 3,
      'window function': 3.5,
      'cte': 3,
      'subquery': 3.5,
      'bigquery': 3,
      'redshift': 2.5,
      'snowflake': 1.5,
      'databricks': 2,
      'looker': 2.5,
      'tableau': 2.5,
      'metabase': 2.5,
      'mode analytics': 3,
      'amplitude': 2.5,
      'mixpanel': 3,
      'posthog': 2.5,
      'google analytics': 2.5,
      'data warehouse': 2.5,
      'event table': 3,
      'event data': 2,
      'instrumentation': 2,
      'instrument': 1.5,
      'tracking plan': 3,
      'analytics': 1.5,
      'analyst': 1,
      // The data roles count only beside the writer's own querying (see SENSES): "we hired data
      // analysts" names a team, "I joined the event table with the data analyst" is SQL work.
      'data analyst': 1.5,
      'product analyst': 1.5,
      'data scientist': 1.5,
      'dashboard': 1.5,
      'pulled the data': 2.5,
      'pulled the numbers': 2.5,
      'dug into the data': 2.5,
      'regression analysis': 3,
      'correlation': 2,
      'anomaly': 2,
      'percentile': 2,
      'median': 1.5,
      'distribution': 1,
    },
  },

  // ----- PO: Scrum mechanics -----
  {
    loop: 'po',
    drill: 'scrum-mechanics',
    axis: 'execution',
    terms: {
      'scrum': 3,
      'scrum master': 3.5,
      'scrum team': 3.5,
      'scrum guide': 3.5,
      'scrumban': 3.5,
      'kanban': 3,
      'kanban board': 3.5,
      'agile': 0.75,
      'agile coach': 2.5,
      'backlog': 2.5,
      'product backlog': 3,
      'sprint backlog': 3.5,
      'backlog item': 3.5,
      'product backlog item': 3.5,
      'pbi': 3.5,
      'backlog hygiene': 3.5,
      'backlog grooming': 3.5,
      'backlog refinement': 3.5,
      'healthy backlog': 3.5,
      'grooming': 3,
      'refinement': 3,
      'refinement session': 3.5,
      'refine': 1.5,
      'sprint': 1.2,
      'sprint goal': 3.5,
      'sprint planning': 3.5,
      'sprint review': 3.5,
      'sprint retrospective': 3.5,
      'sprint demo': 3,
      'sprint cadence': 3,
      'sprint commitment': 3.5,
      'sprint zero': 3.5,
      'hardening sprint': 3.5,
      'two week sprint': 2.5,
      'mid sprint': 3,
      'next sprint': 1.5,
      'iteration planning': 3.5,
      'iteration': 1.2,
      'retro': 3,
      'retrospective': 3,
      'action item': 1,
      'standup': 1.5,
      'stand up': 1,
      'daily scrum': 3.5,
      'ceremony': 3,
      'scrum event': 3.5,
      'timebox': 2.5,
      'velocity': 2.5,
      'team velocity': 3,
      'story point': 3.5,
      'point story': 3.5,
      'point ticket': 3.5,
      'pointer': 1.5,
      'pointing session': 3,
      'into sprint': 2.5,
      'into next sprint': 2.5,
      'story': 0.75,
      'criteria': 1,
      'releasable': 2,
      'shippable': 2.5,
      'working software': 2.5,
      'release': 0.5,
      'test environment': 2,
      'planning poker': 3.5,
      'estimation': 2,
      'estimate': 1.5,
      're estimate': 2.5,
      'relative estimation': 3.5,
      't shirt size': 2.5,
      'burndown': 3.5,
      'burn down': 3,
      'burnup': 3.5,
      'burn up': 2.5,
      'cycle time': 3,
      'lead time': 2,
      'throughput': 2,
      'wip': 3,
      'wip limit': 3.5,
      'work in progress': 2.5,
      'cumulative flow': 3.5,
      'flow efficiency': 3,
      'predictability': 2.5,
      'predictable': 1.5,
      'say do ratio': 3.5,
      'say do': 3,
      'commitment': 1,
      'carry over': 2.5,
      'carryover': 2.5,
      'spillover': 3,
      'spill over': 2.5,
      'roll over': 1.5,
      'definition of done': 3.5,
      'dod': 3,
      'definition of ready': 3.5,
      'dor': 2,
      'ready for dev': 3,
      'ready for development': 3,
      'dev ready': 3,
      'increment': 1.5,
      'product increment': 3.5,
      'potentially shippable': 3.5,
      'product goal': 2.5,
      'jira': 2,
      'jira ticket': 2.5,
      'ticket': 1.5,
      'reopen': 1.5,
      'in progress': 1.5,
      'in flight': 1,
      'code review': 1,
      'planning session': 2,
      'week cycle': 2,
      'work item': 2,
      'size': 0.75,
      'swimlane': 3,
      'board column': 2.5,
      'working agreement': 3,
      'team agreement': 2.5,
      'pi planning': 3.5,
      'release train': 3,
      'wsjf': 3.5,
      'moscow': 1.5,
      'cost of delay': 2,
      'order the backlog': 3,
      'backlog order': 3,
      'top of the backlog': 3.5,
      'triage': 1.5,
      'bug triage': 2.5,
      'bug': 1,
      'defect': 1.5,
      'hotfix': 1.5,
      'tech debt': 1,
      'technical debt': 1,
      'refactor': 1,
      'spike': 2.5,
      'qa': 2,
      'qa handoff': 3,
      'quality assurance': 2,
      'tester': 1.5,
      'test case': 1.5,
      'test plan': 2,
      'regression test': 2,
      'uat': 3,
      'user acceptance testing': 3.5,
      'acceptance test': 3,
      'accept the work': 3,
      'accept the story': 3,
      'reject the story': 3,
      'formal acceptance': 3,
      'acceptance': 1.5,
      'sign off': 1,
      'demo': 1,
      'release plan': 3,
      'release cadence': 2.5,
      'release date': 1.5,
      'release strategy': 2,
      'test strategy': 2,
      'branching strategy': 2,
      'release notes': 1.5,
      'code freeze': 2.5,
      'delivery': 0.5,
      'delivery cadence': 2.5,
      'cadence': 1,
      'output metric': 3,
      'empiricism': 3,
      'inspect and adapt': 3.5,
      'self managing': 2,
      'self organizing': 2,
      // Not "cross functional team": a team's shape, which PM and PO stories both name all the
      // time, not a Scrum event or artifact (add it as a user term if your notes mean otherwise).
    },
  },
  // ----- PO: user stories and acceptance criteria -----
  {
    loop: 'po',
    drill: 'user-story-writing',
    axis: 'execution',
    terms: {
      'user story': 3,
      'story card': 3,
      'acceptance criteria': 3.5,
      'acceptance criterion': 3.5,
      'given when then': 3.5,
      'gherkin': 3,
      'bdd': 2.5,
      'behavior driven': 3,
      'invest criteria': 3.5,
      'as a user': 1,
      'edge case': 1.5,
      'happy path': 1.5,
      'unhappy path': 2,
      'error state': 1.5,
      'empty state': 1,
      'testable': 2,
      'story writing': 3,
      'write story': 2.5,
      'wrote story': 2.5,
      'three amigos': 3.5,
      'story map': 3,
      'user story map': 3.5,
      'non functional requirement': 2,
      'nfr': 2,
    },
  },
  // ----- PO: stakeholders vs sprint capacity -----
  {
    loop: 'po',
    drill: 'stakeholder-capacity',
    axis: 'stakeholders',
    terms: {
      'sprint capacity': 3.5,
      'team capacity': 3,
      'capacity': 1.5,
      'capacity planning': 2.5,
      'scope creep': 3,
      'sprint scope': 3.5,
      'scope change': 2,
      'scope': 0.8,
      'descope': 2,
      'de scope': 2,
      'protect the sprint': 3.5,
      'mid sprint request': 3.5,
      'mid sprint ask': 3.5,
      'protect the sprint goal': 3.5,
      'guard the sprint goal': 3.5,
      'competing request': 3,
      'competing ask': 3,
      'competing stakeholders': 3,
      'competing priorities': 1,
      'stakeholder request': 2,
      'stakeholder ask': 2,
      'intake': 2,
      'intake process': 3,
      'urgent request': 2,
      'expedite': 2,
      'swap out': 1.5,
      'swapped in': 1.5,
      'single source of truth': 1,
      'renegotiate': 1.5,
    },
  },
  // ----- PO: epic decomposition -----
  {
    loop: 'po',
    drill: 'epic-decomposition',
    axis: 'execution',
    terms: {
      'epic': 2.5,
      'slice': 1.5,
      'slice the epic': 3.5,
      'thin slice': 3,
      'vertical slice': 3.5,
      'horizontal slice': 3,
      'story slicing': 3.5,
      'story splitting': 3.5,
      'split the story': 3.5,
      'split the epic': 3.5,
      'into story': 3,
      'smaller story': 3,
      'thinner story': 3,
      'small story': 2.5,
      'break down the epic': 3.5,
      'broke the epic': 3.5,
      'break the epic': 3.5,
      'broke down the epic': 3.5,
      'decompose': 2,
      'decomposition': 2,
      'decompose the epic': 3.5,
      'epic breakdown': 3.5,
      'work breakdown': 2.5,
      'subtask': 2.5,
      'sub task': 2.5,
      'task breakdown': 2.5,
      'walking skeleton': 3,
      'tracer bullet': 2.5,
      'fit in a sprint': 3.5,
      'fit into a sprint': 3.5,
      'too big for a sprint': 3.5,
      'too big': 1,
      'tractable': 1.5,
      'chunk': 1,
    },
  },
  // ----- PO: cross-team dependencies and integration risk -----
  {
    loop: 'po',
    drill: 'dependencies',
    axis: 'execution',
    terms: {
      'dependency': 2,
      'depend on': 1.5,
      'waiting on': 1.5,
      'stub': 2,
      'long pole': 2.5,
      'longest pole': 2.5,
      'cross team dependency': 3.5,
      'dependency map': 3.5,
      'dependency board': 3.5,
      'integration risk': 3.5,
      'integration': 0.5,
      'integration test': 2.5,
      'end to end test': 2,
      'e2e': 1.5,
      'contract test': 3,
      'api contract': 2.5,
      'blocker': 2,
      'blocked': 1.5,
      'unblock': 2,
      'critical path': 2.5,
      'sequencing': 1.5,
      'handoff': 1.5,
      'hand off': 1,
      'upstream team': 2.5,
      'downstream team': 2.5,
      'platform team': 2,
      'cross team': 1.5,
      'scrum of scrums': 3.5,
      'staging environment': 2,
      'release toggle': 2,
      'merge conflict': 2,
      'deploy': 1,
      'deployment': 1,
    },
  },
];

/** Words that put an estimate in the sprint-planning sense rather than a market or Fermi one. */
const SPRINT_WORK = ['story', 'point', 'sprint', 'backlog', 'ticket', 'epic', 'velocity', 'poker', 'refinement', 'grooming', 'planning', 'effort', 'developer', 'engineer', 'dev', 'team', 'shirt', 'pbi', 'jira', 'complexity', 'hour', 'day'];
/** Words of a sizing or Fermi question: what is being estimated is a market, not work. */
const FERMI = ['market', 'fermi', 'guesstimate', 'population', 'tam', 'revenue', 'demand', 'piano', 'household', 'pay', 'worth', 'many', 'much', 'sell', 'sold', 'traffic'];
/** Words of an experiment or a metric readout. */
const EXPERIMENT = ['test', 'experiment', 'control', 'treatment', 'ab', 'split', 'conversion', 'traffic', 'significance', 'statistically', 'sample', 'lift', 'hypothesis', 'metric', 'rate', 'signal', 'variance', 'p', 'confidence', 'result', 'winner', 'variant'];

/**
 * Words of Scrum work: in a sentence that holds one, a stakeholder is someone the team is refereeing
 * for sprint capacity, scope is sprint scope and a sprint is a sprint, whatever else the sentence says.
 */
const SCRUM_WORK = ['sprint', 'backlog', 'refinement', 'groom', 'grooming', 'standup', 'ticket', 'story', 'jira', 'velocity', 'retro', 'retrospective', 'capacity', 'point', 'acceptance', 'increment', 'epic'];

/**
 * Words that say the writer is making a case to someone: pitching, presenting, persuading, aligning
 * them, asking for a budget. A stakeholder counts as PM evidence only in a sentence with one of these
 * ("I pitched the business case to the CFO"), not when they are only named ("Sales asked for a
 * feature mid-sprint") or own the topic ("the founder's vision": "vision" counts on its own).
 */
const MAKES_A_CASE = [
  'pitch', 'pitched', 'present', 'presented', 'presentation', 'convince', 'convinced', 'persuade', 'persuaded', 'align', 'aligned',
  'alignment', 'defend', 'defended', 'sold', 'sell', 'won', 'win', 'buy', 'case', 'proposal', 'propose', 'proposed', 'recommend',
  'recommended', 'recommendation', 'deck', 'brief', 'briefed', 'mind', 'evidence', 'analysis', 'greenlight', 'greenlit',
  // The writer's bet held against them: "I bet on integrations, knowing the sales team would push back".
  'bet', 'disagree', 'disagreed', 'objected', 'objection', 'pushback', 'resisted',
  // An ask for money is a case made to whoever holds it.
  'budget', 'funding', 'fund', 'investment', 'invest', 'payback', 'forecast', 'p&l',
];
/**
 * Words of statistics or of an experiment's design, which put "significant" in its statistical sense
 * ("statistically", "p-value", "the variant"), not its everyday one ("a significant increase", "its
 * significance to the business"). Narrower than {@link EXPERIMENT} on purpose: "result", "rate",
 * "lift", "test", "confidence" and "control" keep company with the everyday "significant" too ("the
 * result was significant", "significant changes after user testing", "significant control over the
 * roadmap").
 */
const STATISTICAL = ['statistically', 'statistical', 'stat', 'p', 'ab', 'experiment', 'variant', 'holdout', 'treatment', 'mde', 'null', 'interval', 'underpowered', 'bonferroni', 'sample'];
/** Right after "significant": "at 95%", "at the 5% level", "at p < 0.05". */
const SIGNIFICANT_AT = { after: /^[ \t]*at[ \t]+(?:the[ \t]+)?(?:\d+(?:\.\d+)?[ \t]*%?|p[ \t]*[<=≤][ \t]*[\d.]+|α|alpha\b)/i } as const;
/**
 * Words of a team's flow of work, which put "lead time", "cycle time" and "throughput" in their
 * Kanban sense (tickets, stories, sprints, deploys), not the supply-chain one.
 */
const FLOW_WORK = ['ticket', 'story', 'sprint', 'kanban', 'flow', 'wip', 'throughput', 'cycle', 'deploy', 'deployment', 'commit', 'release', 'backlog', 'board', 'item', 'dora', 'delivery', 'deliver', 'pbi', 'epic', 'done', 'merge', 'pr', 'code', 'feature', 'request', 'engineering', 'velocity', 'bug', 'change'];
/** Words of a supply chain or of shipping goods: lead times of suppliers, a warehouse's throughput. */
const SUPPLY_CHAIN = ['supplier', 'supply', 'inventory', 'stock', 'stockout', 'shipping', 'shipment', 'freight', 'logistics', 'warehouse', 'procurement', 'manufacturing', 'manufacturer', 'factory', 'vendor', 'raw', 'material', 'courier', 'carrier', 'parcel', 'fulfilment', 'fulfillment', 'store', 'retailer', 'purchase'];
/**
 * Words of the writer's own querying ("I wrote the SQL", "queried the events table"): beside one, a
 * data role word is SQL evidence; alone ("we hired data analysts", "the data team built it") it
 * names who was on the team, not data work. Not "warehouse" alone: a physical one is as likely
 * ("data warehouse" is a term of its own).
 */
const QUERYING = ['sql', 'query', 'queries', 'queried', 'table', 'tables', 'bigquery', 'schema', 'notebook', 'dbt', 'redshift', 'snowflake', 'looker', 'metabase', 'databricks'];
/** Words of someone reading or slicing data: with one, a dashboard or analytics is self-serve analysis. */
const SELF_SERVE = [...QUERYING, 'built', 'build', 'builds', 'building', 'develop', 'develops', 'developed', 'developing', 'define', 'defines', 'defined', 'defining', 'dug', 'dig', 'looked', 'checked', 'pulled', 'found', 'noticed', 'saw', 'spotted', 'analysis', 'analyze', 'analyse', 'analyzed', 'analysed', 'event', 'events', 'funnel', 'cohort', 'segment', 'track', 'tracked', 'tracking', 'instrumented', 'data', 'amplitude', 'mixpanel', 'tableau'];
/** A data role counts only beside the writer's querying; see {@link QUERYING}. */
const DATA_ROLE = { needs: QUERYING, why: 'a data role beside querying ("{cue}")' } as const;
/**
 * Words of running data infrastructure (a cluster, its replicas, the loading jobs, stale data): a
 * warehouse, its queries and dashboards in such a sentence are a pipeline being fixed, not the
 * writer pulling numbers ("the reporting queries fought over one Redshift cluster").
 */
const DATA_INFRA = ['cluster', 'clusters', 'replica', 'replicas', 'node', 'nodes', 'shard', 'shards', 'partition', 'partitioning', 'vacuum', 'vacuuming', 'ingest', 'ingestion', 'ingesting', 'etl', 'elt', 'freshness', 'stale', 'outage', 'failover', 'uptime', 'sla', 'infrastructure', 'infra', 'pipeline', 'pipelines', 'loading', 'storage'];
/**
 * Words that put a dependency between teams or in the plan of a delivery (another team, a vendor,
 * a release, a risk): "the two features that depend on recording" in the settings code is how code
 * hangs together, not a dependency a PO sequences.
 */
const BETWEEN_TEAMS = [
  'team', 'teams', 'squad', 'squads', 'vendor', 'vendors', 'partner', 'partners', 'supplier', 'suppliers', 'upstream', 'downstream', 'external',
  'cross', 'department', 'org', 'third', 'party', 'api', 'apis', 'service', 'services', 'platform', 'release', 'releases', 'sprint', 'sprints',
  'roadmap', 'risk', 'risks', 'blocked', 'blocker', 'blockers', 'waiting', 'wait', 'sequence', 'sequenced', 'sequencing', 'order', 'ordered',
  'timeline', 'milestone', 'deadline', 'delivery', 'deliver', 'board', 'map', 'mapped', 'mapping', 'plan', 'planned', 'planning', 'pi',
  'integration', 'contract', 'handoff', 'unblock', 'unblocked', 'stakeholder', 'stakeholders', 'legal', 'finance', 'security', 'approval',
  'neighbouring', 'neighboring', 'agency', 'program', 'programme', 'portfolio',
];
/** Words of code hanging together: a dependency there is a library or a module, not another team. */
const IN_CODE = ['code', 'codebase', 'library', 'libraries', 'package', 'packages', 'npm', 'lockfile', 'dependabot', 'import', 'imports', 'module', 'modules', 'selector', 'frontend', 'hell'];
/** Words of margin trading (its lending, calls, ratios; the margin system or domain a team owns) or of page layout (a CSS margin). */
const NOT_PROFIT_MARGIN = ['lending', 'loan', 'loans', 'liquidation', 'ratio', 'ratios', 'system', 'logic', 'domain', 'journey', 'collateral', 'trading', 'trade', 'trader', 'traders', 'leverage', 'brokerage', 'securities', 'stock', 'stocks', 'css', 'padding', 'error', 'safety'];
/**
 * Words of the Scrum work itself: beside one, a Scrum Master or an Agile coach takes part in it
 * ("the Scrum Master and I ran refinement"); alone ("certified Scrum Master", "I also serve as an
 * Agile coach") the role says who someone is, not what the story shows.
 */
const SCRUM_EVENTS = [...SCRUM_WORK, 'planning', 'review', 'board', 'column', 'columns', 'done', 'wip', 'workflow', 'cadence', 'timebox', 'ritual', 'rituals', 'ceremony', 'ceremonies', 'event', 'events', 'impediment', 'impediments', 'daily', 'facilitate', 'facilitated', 'facilitating', 'coached', 'coaching'];
/**
 * Words of an AI system's safety checks or of a classifier's errors: an LLM's output guardrail or
 * a fraud model's false positives are not an experiment's.
 */
const AI_MODEL = ['ai', 'llm', 'model', 'models', 'prompt', 'safety', 'hallucination', 'hallucinate', 'eval', 'evaluation', 'moderation', 'toxicity', 'jailbreak', 'agent', 'faithfulness', 'output', 'gateway', 'fallback', 'policy', 'harm', 'refusal', 'pii', 'classifier', 'fraud', 'alert', 'detection', 'detector', 'precision', 'recall', 'spam', 'security', 'alarm', 'scanner', 'filter', 'linter'];
/** Nouns that, right after a drill word, make it the name of a team or a role ("the analytics team", "our growth lead"). */
const ROLE_NOUNS = ['team', 'teams', 'lead', 'leads', 'engineer', 'engineers', 'manager', 'managers', 'org', 'organization', 'organisation', 'function', 'department', 'partner', 'partners', 'head', 'director', 'colleague', 'colleagues', 'person', 'folks', 'people', 'group', 'squad', 'hire', 'hires', 'role', 'roles', 'guy', 'pod'];

/** A stakeholder hit's reason, with the cue word that selected it. */
const CASE_WHY = 'a case made to them, next to "{cue}", not just a mention';
/** Why a stakeholder hit with no case made to them does not count. */
const MENTION_WHY = 'only named: no case is made to them';

/** How a stakeholder counts: see {@link MAKES_A_CASE}. */
const STAKEHOLDER = { needs: MAKES_A_CASE, unless: SCRUM_WORK, why: CASE_WHY, mention: MENTION_WHY } as const;

/** One sense rule: see {@link SENSES}. `why` (with `{cue}` for the selecting word) explains a hit it lets through. */
interface SenseRule {
  needs?: readonly string[];
  unless?: readonly string[];
  why?: string;
  /**
   * When the sense is not selected, keep the hit as a mention (see {@link Evidence.mention}) with
   * this reason instead of dropping it: the word still says who the text involves.
   */
  mention?: string;
  /**
   * Text right before (`before`) or right after (`after`) the hit that selects the loop's sense on
   * its own, when no cue word of `needs` is in the sentence: "significant at 95%", "95% confidence
   * level". A word of `unless` still drops the hit.
   */
  near?: { before?: RegExp; after?: RegExp };
  /**
   * The hit names a team or a role, not the work, when one of {@link ROLE_NOUNS} follows it in the
   * same phrase ("the analytics team", "our growth lead"): dropped.
   */
  notRole?: boolean;
}

/**
 * Words with an everyday sense besides the loop's one count only with a word that selects the loop
 * sense in the same sentence (`needs`), and never with one that selects another sense (`unless`).
 * Each entry is a term of {@link GROUPS}; the cue words are stemmed like the text.
 */
const SENSES: Readonly<Record<string, SenseRule>> = {
  // People the writer may only name: PM evidence when the writer takes a case to them (MAKES_A_CASE);
  // otherwise a mention, which says who the story involves but is no PM evidence.
  'leadership': STAKEHOLDER,
  'executive': STAKEHOLDER,
  'exec': STAKEHOLDER,
  'cpo': STAKEHOLDER,
  'ceo': STAKEHOLDER,
  'cfo': STAKEHOLDER,
  'founder': STAKEHOLDER,
  'vp': STAKEHOLDER,
  'sales': STAKEHOLDER,
  'sales team': STAKEHOLDER,
  'legal': STAKEHOLDER,
  'finance': STAKEHOLDER,
  // Buy-in is itself a case made, but buy-in for a sprint goal is a PO's.
  'buy in': { unless: SCRUM_WORK },
  // A prospect the writer researched or talked to is discovery; "a custom export for a big prospect" is a request's source.
  'prospect': { needs: ['interview', 'interviewed', 'talk', 'talked', 'spoke', 'call', 'called', 'research', 'discovery', 'pipeline', 'segment', 'icp', 'convert', 'conversion', 'qualified', 'churned', 'survey', 'persona', 'lost', 'win', 'won'], why: 'prospects researched or won, next to "{cue}"' },
  // Validating an idea, a hypothesis or demand is discovery; validating a build against its criteria is QA.
  'validate': { needs: ['experiment', 'hypothesis', 'assumption', 'idea', 'demand', 'concept', 'prototype', 'interview', 'mvp', 'problem', 'market', 'bet', 'survey', 'riskiest', 'willingness'], unless: ['acceptance', 'criteria', 'build', 'qa', 'regression', 'ticket', 'story', 'input', 'field', 'form'] },
  // "Depending on the situation" is not a dependency between teams.
  // Nor is the way two features of one codebase hang together: a dependency counts between teams or in a delivery's plan.
  'depend on': { needs: BETWEEN_TEAMS, unless: ['situation', 'context', 'circumstance', 'case', 'scenario', 'mood', 'preference', 'size', 'type', 'stage', ...IN_CODE] },
  'dependency': { needs: BETWEEN_TEAMS, unless: IN_CODE },
  // Margin lending and margin calls are a trading product, not the business's margin.
  'margin': { unless: NOT_PROFIT_MARGIN },
  // Role names are who someone is; the Scrum work beside them is the evidence.
  'scrum master': { needs: SCRUM_EVENTS, mention: 'a role named, not Scrum work shown' },
  'agile coach': { needs: SCRUM_EVENTS, mention: 'a role named, not Scrum work shown' },
  // Blockers to sales or adoption are why customers do not buy, not work waiting on another team.
  'blocker': { unless: ['sales', 'sale', 'deal', 'deals', 'purchase', 'buying', 'adoption', 'churn', 'growth'] },
  // A filter or sort by price is a feature's topic, not pricing work.
  'pricing': { unless: ['filter', 'sort', 'sorted', 'sorting', 'search'] },
  // The software development lifecycle is not a customer lifecycle.
  'lifecycle': { unless: ['software', 'development', 'sdlc', 'waterfall'] },
  // PO words that a market-sizing or Fermi question also uses.
  'estimation': { needs: SPRINT_WORK, unless: FERMI },
  'estimate': { needs: SPRINT_WORK, unless: FERMI },
  're estimate': { unless: FERMI },
  // A parcel's delivery is logistics, not a team delivering software; an email's NDR is a bounce.
  'delivery': { unless: ['shipping', 'courier', 'parcel', 'parcels', 'orders', 'driver', 'drivers', 'last-mile', 'logistics', 'fulfilment', 'fulfillment', 'warehouse', 'carrier', 'carriers', 'address', 'eta', 'click', ...SUPPLY_CHAIN] },
  // Kanban flow measures of a team's work items; a supplier's lead time or a warehouse's throughput is logistics.
  'lead time': { needs: FLOW_WORK, unless: SUPPLY_CHAIN },
  'cycle time': { unless: [...SUPPLY_CHAIN, 'sales', 'deal', 'deals'] },
  'throughput': { needs: ['story', 'ticket', 'sprint', 'team', 'kanban', 'flow', 'wip', 'cycle', 'item', 'velocity', 'delivery', 'work', 'point', 'backlog', 'pbi', 'epic', 'lead'], unless: [...SUPPLY_CHAIN, 'server', 'api', 'request', 'latency', 'database', 'network', 'cpu', 'gpu', 'token', 'inference', 'model'] },
  // Sales velocity is a revenue measure; predictable revenue or pricing is not a team's delivery.
  'velocity': { unless: ['sales', 'deal', 'deals', 'pipeline', 'revenue', 'cash', 'money', 'hiring'] },
  'predictability': { unless: ['revenue', 'pricing', 'price', 'cost', 'billing', 'income', 'cash', 'spend', 'bill'] },
  'predictable': { unless: ['revenue', 'pricing', 'price', 'cost', 'billing', 'income', 'cash', 'spend', 'bill'] },
  // Pet grooming is a marketplace to design, not a backlog.
  'grooming': { unless: ['pet', 'pets', 'dog', 'dogs', 'cat', 'cats', 'salon', 'hair', 'beard', 'barber', 'spa', 'groomer'] },
  // Spillover effects between arms are an experiment's interference problem, not work spilling into the next sprint.
  'spillover': { unless: ['effect', 'network', 'interference', 'experiment', 'treatment', 'control', 'market', 'economic', 'externality'] },
  'spill over': { unless: ['effect', 'network', 'interference', 'experiment', 'treatment', 'control', 'market', 'economic', 'externality'] },
  // An offer's, a driver's or an AI suggestion's acceptance rate is a product metric, not accepting the team's work.
  'acceptance': { unless: ['rate', 'offer', 'market', 'social', 'suggestion', 'driver', 'drivers'] },
  'ndr': { unless: ['delivery', 'email', 'bounce', 'smtp', 'mail', 'mailbox', 'report'] },
  // "Position summary", "a senior position": a job, not market positioning.
  'positioning': { needs: ['market', 'brand', 'competitor', 'competitors', 'competitive', 'messaging', 'message', 'segment', 'category', 'pricing', 'value', 'launch', 'against', 'differentiation', 'audience', 'narrative', 'go-to-market', 'gtm'] },
  // A support ticket is a customer's pain (product work), not a work item; compute or server capacity is not a team's.
  'ticket': { unless: ['support', 'zendesk', 'helpdesk', 'complaint', 'csat', 'nps', 'churn'] },
  'capacity': { unless: ['gpu', 'compute', 'server', 'cluster', 'datacenter', 'warehouse', 'factory', 'seat', 'fleet', 'contract', 'inventory'] },
  'decompose': { needs: ['epic', 'story', 'backlog', 'sprint', 'ticket', 'task', 'feature', 'work', 'slice', 'deliverable'], unless: ['metric', 'fermi', 'market', 'revenue', 'formula', 'equation', 'driver', 'kpi', 'problem'] },
  'decomposition': { needs: ['epic', 'story', 'backlog', 'sprint', 'ticket', 'task', 'feature', 'work', 'slice', 'deliverable'], unless: ['metric', 'fermi', 'market', 'revenue', 'formula', 'driver', 'kpi'] },
  'size': { needs: ['story', 'point', 'shirt', 'ticket', 'epic', 'sprint', 'estimate', 'backlog', 'slice', 'pbi'], unless: FERMI },
  'slice': { needs: ['story', 'epic', 'thin', 'vertical', 'sprint', 'backlog', 'feature', 'scope', 'deliver', 'mvp', 'increment', 'release', 'ship'], unless: ['data', 'segment', 'cohort', 'metric', 'funnel', 'pizza', 'cake', 'dashboard', 'pie'] },
  'story': { needs: ['user', 'point', 'sprint', 'backlog', 'acceptance', 'ticket', 'split', 'epic', 'estimate', 'slice', 'jira', 'refine', 'refinement', 'groom', 'grooming', 'pbi', 'invest', 'criteria', 'dev', 'developer', 'releasable', 'shippable', 'wrote', 'write', 'small', 'smaller', 'thin', 'layer', 'done', 'accept', 'accepted', 'reject'], unless: ['star', 'tell', 'told', 'telling', 'behavioral', 'behavioural', 'narrative', 'success', 'interview', 'interviewer', 'career'] },
  'criteria': { needs: ['done', 'story', 'ticket', 'test', 'pass', 'fail', 'invest', 'exit', 'entry', 'qa', 'tester'] },
  'spike': { needs: ['research', 'technical', 'timebox', 'investigate', 'story', 'sprint', 'ticket', 'unknown', 'uncertainty', 'feasibility', 'prototype'], unless: ['traffic', 'load', 'usage', 'signup', 'latency', 'cpu', 'demand', 'error', 'request'] },
  'cadence': { needs: ['sprint', 'release', 'delivery', 'ceremony', 'refinement', 'planning', 'standup', 'retro', 'review', 'deploy', 'ship'] },
  'blocked': { needs: ['by', 'on', 'dependency', 'team', 'waiting', 'story', 'ticket', 'sprint', 'release', 'until', 'api', 'work', 'progress', 'vendor', 'approval'] },
  'triage': { needs: ['bug', 'ticket', 'backlog', 'issue', 'incident', 'defect', 'support', 'queue', 'inbox', 'request', 'intake', 'jira', 'weekly', 'daily'] },
  // PM words with an everyday sense.
  'cohort': { unless: ['bootcamp', 'class', 'student', 'course', 'program', 'programme', 'trainee', 'intern', 'learner', 'fellowship', 'school', 'accelerator', 'yc', 'batch'] },
  'baseline': { needs: ['metric', 'rate', 'conversion', 'retention', 'target', 'kpi', 'measure', 'experiment', 'control', 'activation', 'churn', 'revenue', 'number', 'from', 'percent', 'week', 'month', 'nps', 'engagement'] },
  'variant': { needs: EXPERIMENT },
  'noise': { needs: EXPERIMENT },
  // Statistical significance, not "a significant increase", "the result was significant" or
  // "significant changes after user testing": a word of statistics or of the experiment's design in
  // the sentence, or a level right after it ("significant at 95%").
  'significant': { needs: STATISTICAL, near: SIGNIFICANT_AT, why: 'statistical significance, next to "{cue}"' },
  'significance': { needs: [...STATISTICAL, 'reach', 'reached', 'threshold'], near: SIGNIFICANT_AT, why: 'statistical significance, next to "{cue}"' },
  // "95% confidence level", not "the team's confidence level".
  'confidence level': { needs: [...STATISTICAL, 'significance', 'significant', 'power'], near: { before: /\d[ \t]*%[ \t]*$/ } },
  // A guardrail metric of an experiment or a metric set ("cancellations as a guardrail"), not an AI
  // system's safety check ("an output guardrail for the model") or a rule of conduct ("guardrails
  // for the team's autonomy").
  'guardrail': { unless: [...AI_MODEL, 'autonomy', 'principle', 'principles', 'compliance', 'legal', 'brand', 'ethical', 'ethics', 'responsible'] },
  // An experiment's false positive, not a classifier's ("the fraud model's false positives").
  'false positive': { unless: AI_MODEL },
  // "A heavy lift", "lift and shift": effort or a migration, not an effect.
  'lift': { unless: ['heavy', 'shift', 'elevator', 'weight', 'lifting'] },
  'correlation': { needs: ['data', 'metric', 'retention', 'usage', 'regression', 'analysis', 'causation', 'user', 'signal', 'churn', 'conversion', 'engagement', 'variable', 'coefficient'] },
  'subscription': { needs: ['revenue', 'pricing', 'price', 'plan', 'churn', 'renewal', 'tier', 'model', 'business', 'mrr', 'arr', 'cancel', 'cancellation', 'paid', 'upgrade', 'downgrade', 'monetization', 'annual', 'monthly', 'recurring', 'ltv', 'retention', 'subscriber', 'conversion', 'convert', 'paywall', 'trial'] },
  'marketplace': { unless: ['extension', 'plugin', 'publish', 'published', 'listed', 'listing', 'install', 'download', 'vscode', 'azure', 'aws', 'competitive', 'crowded', 'today'] },
  'market': { unless: ['stock', 'farmer', 'flea', 'super'] },
  'experiment': { unless: ['agile', 'empiricism', 'empirical', 'scrum', 'inspect', 'adapt', 'retro', 'retrospective', 'process'] },
  'interview': { needs: ['user', 'customer', 'discovery', 'research', 'participant', 'talked', 'spoke', 'ran', 'conducted', 'insight', 'pain', 'need', 'problem', 'churned'] },
  'category': { needs: ['market', 'leader', 'competitor', 'create', 'define', 'own', 'new', 'adjacent', 'expand', 'enter'] },
  'vision': { unless: ['computer', 'cv', 'model', 'image', 'ocr', 'camera'] },
  'driver': { needs: ['metric', 'revenue', 'growth', 'tree', 'key', 'input', 'kpi', 'retention', 'conversion', 'value', 'cost', 'expansion', 'adoption', 'engagement', 'churn', 'activation', 'top', 'biggest', 'main'] },
  'query': { needs: ['sql', 'data', 'table', 'database', 'warehouse', 'wrote', 'write', 'ran', 'run', 'join', 'dashboard', 'metric', 'bigquery', 'event'], unless: DATA_INFRA },
  // A warehouse being kept running (its cluster, replicas, loading jobs) is data infrastructure, not querying.
  'redshift': { unless: DATA_INFRA, notRole: true },
  'snowflake': { unless: DATA_INFRA, notRole: true },
  'databricks': { unless: DATA_INFRA, notRole: true },
  'bigquery': { unless: DATA_INFRA, notRole: true },
  'data warehouse': { unless: DATA_INFRA },
  // A role word is not SQL work; the writer querying beside it is ("I queried the orders table with
  // our analyst"). "Guided 12 analysts", "we hired data analysts", a business or security analyst:
  // a team or a job title.
  'data analyst': DATA_ROLE,
  'product analyst': DATA_ROLE,
  'data scientist': DATA_ROLE,
  'analyst': { needs: QUERYING, why: DATA_ROLE.why, unless: ['business', 'security', 'soc', 'threat', 'financial', 'investment', 'equity', 'credit', 'research', 'industry', 'gartner', 'forrester', 'requirements'] },
  // A distribution of values, not a sales or go-to-market distribution channel.
  'distribution': { needs: ['data', 'percentile', 'median', 'mean', 'average', 'skew', 'skewed', 'tail', 'outlier', 'variance', 'histogram', 'normal', 'latency', 'value', 'values', 'score', 'scores', 'session', 'sessions', 'metric'], unless: ['channel', 'partner', 'partnership', 'reseller', 'retail', 'market', 'marketing', 'branding', 'logistics', 'warehouse', 'shipping'] },
  'usage': { needs: ['data', 'metric', 'rate', 'drop', 'grew', 'increase', 'decrease', 'adoption', 'frequency', 'active', 'feature', 'pattern', 'based'] },
  // Refining a prompt, a model or a design is iteration, not the Scrum event ("backlog refinement" is its own term).
  'refinement': { unless: ['prompt', 'model', 'iterative', 'visual', 'copy', 'algorithm', 'ranking', 'wording', 'sketch', 'mockup', 'wireframe', 'answer', 'output'] },
  // A clinical trial or trial and error is not a product trial.
  'trial': { unless: ['error', 'clinical', 'jury', 'court', 'patient', 'patients'] },
  // Users, visitors or a trial convert; "convert the figure into a distribution" is not a funnel.
  'convert': { needs: ['user', 'visitor', 'trial', 'paid', 'customer', 'lead', 'signup', 'rate', 'funnel', 'free', 'buyer', 'prospect', 'shopper', 'checkout', 'plan', 'subscriber', 'account', 'traffic', 'audience', 'page', 'landing', 'cart', 'premium', 'upgrade'] },
  // A data, memory or press leak is not a funnel leaking users.
  'leak': { unless: ['data', 'pii', 'memory', 'security', 'privacy', 'password', 'credential', 'secret', 'press', 'water', 'model', 'prompt'] },
  // A dashboard or analytics the writer reads, builds a view in or digs into is self-serve analysis;
  // "a usage analytics dashboard" in a feature list is what the product offers, and "the analytics
  // team" is a team.
  'analytics': { needs: SELF_SERVE, unless: DATA_INFRA, notRole: true },
  'dashboard': { needs: SELF_SERVE, unless: DATA_INFRA },
  // The SQL clause, not "grouped by theme".
  'group by': { needs: [...QUERYING, 'select', 'count', 'sum', 'avg', 'having', 'column', 'clause', 'aggregate', 'join', 'cte', 'window', 'distinct', 'where'] },
  // Drill words that also name a team or a role: "the growth team", "our experimentation lead".
  'growth': { notRole: true },
  'experimentation': { notRole: true },
};

/**
 * Acronyms among the terms: they match the acronym itself (or its plural), never a word that stems
 * to the same letters ("wiped" is not WIP, "tamed" is not TAM).
 */
const ACRONYMS = new Set([
  'ltv', 'clv', 'cac', 'nrr', 'ndr', 'grr', 'arr', 'mrr', 'arpu', 'arpa', 'arppu', 'roi', 'cfo', 'kpi', 'okr', 'nps', 'csat', 'gmv',
  'aov', 'tam', 'jtbd', 'gtm', 'pmf', 'icp', 'smb', 'plg', 'prd', 'cpo', 'ceo', 'vp', 'dau', 'mau', 'wau', 'cta', 'ctr', 'srm', 'mde',
  'cuped', 'sql', 'cte', 'wip', 'dod', 'dor', 'pbi', 'qa', 'uat', 'bdd', 'nfr', 'wsjf', 'seo', 'mvp', 'ebitda', 'aarrr', 'rice',
]);

/**
 * A second sense of a built-in term that moves it to the other loop or changes its weight, chosen
 * by the sentence it sits in (see {@link VARIANTS}).
 */
interface Variant {
  /** The term as it counts in this sense (same `term` text, its own loop, weight, drill, axis)… */
  as?: Omit<LexiconTerm, 'term' | 'needs' | 'unless'>;
  /** …or the same term, said only in passing (see {@link Evidence.passing}). */
  passing?: boolean;
  /** The sense applies when the sentence holds one of these words (stemmed)… */
  cues?: readonly string[];
  /** …or, for `unitOfTime`, when the word is used as a length of time ("over two sprints"). */
  unitOfTime?: boolean;
  /** …and none of these. */
  unless?: readonly string[];
  /** Why the hit counts this way, shown with the evidence (`{cue}` is the word that chose it). */
  why: string;
}

/**
 * Cutting scope to learn something is PM discovery work (what goes into an MVP, which assumption
 * the first release tests), whatever the words "scope" and "release" mean in a sprint.
 */
const SCOPE_TO_LEARN: Variant = {
  as: { loop: 'pm', weight: 2.5, drill: 'product-sense', axis: 'strategy' },
  cues: ['mvp', 'viable', 'riskiest', 'assumption', 'hypothesis', 'learn', 'learned', 'learning', 'validate', 'validated', 'validation', 'prove', 'demand', 'bet', 'experiment'],
  unless: SCRUM_WORK,
  why: 'scoped to learn something, next to "{cue}": MVP discovery work',
};
/** "One sprint of engineering time", "over two sprints": a length of time, not Scrum work. */
const SPRINT_AS_TIME: Variant = {
  passing: true,
  unitOfTime: true,
  unless: ['story', 'backlog', 'refinement', 'groom', 'grooming', 'ticket', 'epic', 'point', 'velocity', 'capacity', 'fit', 'goal', 'planning', 'retro', 'standup', 'scope', 'commit', 'commitment'],
  why: 'a sprint used as a length of time',
};

/** Built-in terms with a second sense, by term. */
const VARIANTS: Readonly<Record<string, readonly Variant[]>> = {
  'scope': [SCOPE_TO_LEARN],
  'descope': [SCOPE_TO_LEARN],
  'de scope': [SCOPE_TO_LEARN],
  'release': [SCOPE_TO_LEARN],
  'sprint': [SPRINT_AS_TIME],
  'iteration': [SPRINT_AS_TIME],
};

/** @internal What the matcher knows about a built-in term beyond its weight. */
interface TermExtras {
  literal?: boolean;
  why?: string;
  mention?: string;
  near?: { before?: RegExp; after?: RegExp };
  notRole?: boolean;
  variants?: readonly { term: LexiconTerm | undefined; variant: Variant }[];
}
const termExtras = new WeakMap<LexiconTerm, TermExtras>();

/** The built-in vocabulary, one entry per term. */
export const DEFAULT_TERMS: readonly LexiconTerm[] = GROUPS.flatMap((g) =>
  Object.entries(g.terms).map(([term, weight]) => {
    const t: LexiconTerm = { term, loop: g.loop, weight };
    if (g.drill) t.drill = g.drill;
    if (g.axis) t.axis = g.axis;
    const sense = SENSES[term];
    if (sense?.needs) t.needs = sense.needs;
    if (sense?.unless) t.unless = sense.unless;
    const extras: TermExtras = {};
    if (ACRONYMS.has(term)) extras.literal = true;
    if (sense?.why) extras.why = sense.why;
    if (sense?.mention) extras.mention = sense.mention;
    if (sense?.near) extras.near = sense.near;
    if (sense?.notRole) extras.notRole = true;
    const variants = VARIANTS[term];
    if (variants) extras.variants = variants.map((variant) => ({ term: variant.as ? { term, ...variant.as } : undefined, variant }));
    if (extras.literal || extras.why || extras.mention || extras.variants || extras.near || extras.notRole) termExtras.set(t, extras);
    return t;
  }),
);

// ---------------------------------------------------------------------------------------------
// Tokenising and stemming
// ---------------------------------------------------------------------------------------------

/**
 * Words skipped inside phrases, so "sliced the epic" matches `slice the epic` and `slice epic`, and
 * "split it into five stories" matches `into stories`. A phrase never starts on one of these.
 */
const STOPWORDS = new Set([
  'the', 'a', 'an', 'our', 'my', 'their', 'his', 'her', 'its', 'your', 'this', 'that', 'these', 'those',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'twenty', 'dozen', 'few', 'several',
]);
const DIGITS_RE = /^\d+$/;

const stemCache = new Map<string, string>();
/**
 * Words whose -ing or -s form is another word, not an inflection: "marketing" is a function, not
 * "market"; "spikes" in traffic are not research spikes (sense rules handle those). Kept whole.
 */
const STEM_EXCEPTIONS = new Map<string, string>([
  ['marketing', 'marketing'],
  ['marketer', 'marketer'],
  ['marketers', 'marketer'],
  // "KPIs" ends in -is like "analysis", so the -s rule leaves it alone; it is the plural of "KPI".
  ['kpis', 'kpi'],
]);
const STEM_CACHE_MAX = 50_000;

/**
 * Light, deterministic English stemmer. It only has to map a word and its inflections to the
 * same key, since vocabulary and text go through it alike: groomed/grooming/grooms → groom,
 * prioritised/prioritized → prioritiz, stories → story, sliced/slicing/slices → slic.
 */
export function stem(word: string): string {
  let w = String(word).toLowerCase();
  const cached = stemCache.get(w);
  if (cached !== undefined) return cached;
  const input = w;
  const fixed = STEM_EXCEPTIONS.get(w);
  if (fixed !== undefined) return fixed;
  if (w.length > 3) {
    // British -ise spellings become -ize: prioritise, prioritised, prioritisation.
    w = w.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1');
    if (w.endsWith('ization') || w.endsWith('izations')) w = w.slice(0, w.endsWith('s') ? -6 : -5);
    if (w.endsWith('sis') || w.endsWith('ses')) w = w.slice(0, -2); // hypothesis/hypotheses, analysis/analyses, uses
    else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
    else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
    else if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (/(?:[sxz]|ch|sh)es$/.test(w)) w = w.slice(0, -2);
    else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
    if (w.endsWith('ing') && w.length - 3 >= 3) w = w.slice(0, -3);
    else if (w.endsWith('ed') && w.length - 2 >= 3) w = w.slice(0, -2);
    if (/([b-df-hj-km-np-rtv-y])\1$/.test(w)) w = w.slice(0, -1); // shipped → shipp → ship
    if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  }
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(input, w);
  return w;
}

/** Turn a raw token into its matching key: lowercased, possessive dropped, specials folded, stemmed. */
function normalizeToken(lower: string): string {
  let w = lower.replace(/’/g, "'");
  if (w === 'a/b') return 'ab';
  if (/^p ?[&/] ?l$/.test(w)) return 'p&l';
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  return stem(w);
}

interface TokenInfo {
  key: string;
  lower: string;
  skip: boolean;
}
const tokenCache = new Map<string, TokenInfo>();
const TOKEN_CACHE_MAX = 100_000;

/** Everything about a raw token that does not depend on where it sits, computed once per spelling. */
function tokenInfo(raw: string): TokenInfo {
  let info = tokenCache.get(raw);
  if (info === undefined) {
    const lower = raw.toLowerCase();
    info = { key: normalizeToken(lower), lower, skip: STOPWORDS.has(lower) || DIGITS_RE.test(lower) };
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(raw, info);
  }
  return info;
}

/*
 * Open-addressing table from (hash of the raw spelling) to TokenInfo, probed with
 * `text.startsWith(raw, start)` so a known word costs no substring allocation.
 */
const TABLE_BITS = 17;
/** The table starts small (a one-file run needs a few hundred words) and doubles up to 2^TABLE_BITS slots. */
const TABLE_START_BITS = 12;
let tableMask = (1 << TABLE_START_BITS) - 1;
let tableRaw: (string | undefined)[] = new Array<string | undefined>(tableMask + 1);
let tableHash = new Int32Array(tableMask + 1);
let tableInfo: (TokenInfo | undefined)[] = new Array<TokenInfo | undefined>(tableMask + 1);
let tableCount = 0;

/** Moves the table's entries into one twice its size. */
function growTable(): void {
  const oldRaw = tableRaw;
  const oldHash = tableHash;
  const oldInfo = tableInfo;
  tableMask = tableMask * 2 + 1;
  tableRaw = new Array<string | undefined>(tableMask + 1);
  tableHash = new Int32Array(tableMask + 1);
  tableInfo = new Array<TokenInfo | undefined>(tableMask + 1);
  for (let i = 0; i < oldRaw.length; i++) {
    const raw = oldRaw[i];
    if (raw === undefined) continue;
    let slot = oldHash[i] & tableMask;
    while (tableRaw[slot] !== undefined) slot = (slot + 1) & tableMask;
    tableRaw[slot] = raw;
    tableHash[slot] = oldHash[i];
    tableInfo[slot] = oldInfo[i];
  }
}

function tokenAt(text: string, start: number, end: number, h: number): TokenInfo {
  const len = end - start;
  let slot = h & tableMask;
  for (;;) {
    const raw = tableRaw[slot];
    if (raw === undefined) break;
    if (tableHash[slot] === h && raw.length === len && text.startsWith(raw, start)) return tableInfo[slot]!;
    slot = (slot + 1) & tableMask;
  }
  // Copy long words out of the document: a V8 slice of 13+ characters would keep the whole text alive.
  const raw = len >= 13 ? text.slice(start, end).split('').join('') : text.slice(start, end);
  const info = tokenInfo(raw);
  if (tableCount > ((tableMask * 0.6) | 0)) {
    if (tableMask < (1 << TABLE_BITS) - 1) growTable();
    else {
      tableRaw = new Array<string | undefined>(tableMask + 1);
      tableHash = new Int32Array(tableMask + 1);
      tableInfo = new Array<TokenInfo | undefined>(tableMask + 1);
      tableCount = 0;
    }
    slot = h & tableMask;
    while (tableRaw[slot] !== undefined) slot = (slot + 1) & tableMask;
  }
  tableRaw[slot] = raw;
  tableHash[slot] = h;
  tableInfo[slot] = info;
  tableCount++;
  return info;
}

/** Gap strength between two tokens: phrases stop at soft breaks, patterns stop at hard ones. */
const enum Gap {
  None = 0,
  /** Comma, colon, bracket: a phrase stops here, a sentence does not. */
  Soft = 1,
  /** Sentence end, blank line, list item, heading, table cell. */
  Hard = 2,
}

/** Tokens of a text, in parallel arrays. */
interface Tokens {
  /** Key, lowercased form and skip flag of each token (shared, cached objects). */
  info: TokenInfo[];
  starts: number[];
  ends: number[];
  /** Gap before this token ({@link Gap}). */
  gap: Gap[];
}

/** Letter-or-digit test for non-ASCII code units, computed once per code unit. */
const wideWordChar = new Uint8Array(65536); // 0 unknown, 1 word, 2 not
const WIDE_WORD_RE = /^[\p{L}\p{N}]$/u;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let k = wideWordChar[c]!;
  if (k === 0) {
    k = WIDE_WORD_RE.test(String.fromCharCode(c)) ? 1 : 2;
    wideWordChar[c] = k;
  }
  return k === 1;
}

/** Length of a special token at `i` ("A/B", "P&L", "P & L", "P/L"), or 0. */
function specialTokenLength(text: string, i: number): number {
  const c = text.charCodeAt(i) | 32;
  if (c === 97 /* a */) {
    if (text.charCodeAt(i + 1) === 47 && (text.charCodeAt(i + 2) | 32) === 98 && !isWordChar(text.charCodeAt(i + 3))) return 3;
    return 0;
  }
  if (c !== 112 /* p */) return 0;
  let j = i + 1;
  if (text.charCodeAt(j) === 32) j++;
  const op = text.charCodeAt(j);
  if (op !== 38 && op !== 47) return 0;
  j++;
  if (text.charCodeAt(j) === 32) j++;
  if ((text.charCodeAt(j) | 32) !== 108 || isWordChar(text.charCodeAt(j + 1))) return 0;
  return j + 1 - i;
}

/**
 * Split text into word tokens with one hand-written scan (no regex, no backtracking): runs of
 * letters and digits with inner apostrophes ("PO's", "won't"), plus "A/B" and "P&L" as single
 * tokens. The gap before each token is classified on the way (see {@link Gap}); a hashtag
 * (#po, #strategy) is a tag, not prose, and never becomes a token.
 */
function tokenize(text: string): Tokens {
  const t: Tokens = { info: [], starts: [], ends: [], gap: [] };
  const n = text.length;
  let pending: Gap = Gap.Hard;
  let sawNewline = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      let j = specialTokenLength(text, i);
      let h = 0;
      if (j > 0) {
        j += i;
        for (let k = start; k < j; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
      } else {
        j = i;
        for (;;) {
          let q = text.charCodeAt(j);
          while (j < n && isWordChar(q)) {
            h = (Math.imul(h, 31) + q) | 0;
            q = text.charCodeAt(++j);
          }
          if ((q === 39 || q === 8217) && j + 1 < n && isWordChar(text.charCodeAt(j + 1))) {
            h = (Math.imul(h, 31) + q) | 0;
            j++;
            continue;
          }
          break;
        }
      }
      i = j;
      sawNewline = false;
      if (start > 0 && text.charCodeAt(start - 1) === 35) {
        pending = Gap.Hard;
        continue;
      }
      t.info.push(tokenAt(text, start, j, h));
      t.starts.push(start);
      t.ends.push(j);
      t.gap.push(pending);
      pending = Gap.None;
      continue;
    }
    switch (c) {
      case 10: // \n
        if (sawNewline) pending = Gap.Hard; // blank line
        sawNewline = true;
        break;
      case 46: // .
      case 33: // !
      case 63: // ?
      case 59: // ;
      case 124: // |
        pending = Gap.Hard;
        break;
      case 44: // ,
      case 58: // :
      case 40: // (
      case 41: // )
      case 91: // [
      case 93: // ]
      case 123: // {
      case 125: // }
      case 8212: // em dash
      case 8211: // en dash
        if (pending === Gap.None) pending = Gap.Soft;
        break;
      case 45: // - list marker, quote or heading at the start of a line (mid-line it is just a hyphen)
      case 43: // +
      case 42: // *
      case 62: // >
      case 35: // #
        if (sawNewline) {
          const next = text.charCodeAt(i + 1);
          if (next === 32 || next === 9 || c === 62 || c === 35) pending = Gap.Hard;
        }
        break;
      default:
        break;
    }
    i++;
  }
  return t;
}

/** The matching key of a vocabulary term: its content tokens, stemmed, joined by spaces. */
export function termKey(term: string): string {
  return tokenize(String(term))
    .info.filter((t) => !t.skip)
    .map((t) => t.key)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------

/** @internal A node of the term trie. */
export interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  term: LexiconTerm | undefined;
}

/** A compiled vocabulary: the terms and the trie that matches them. Build with {@link buildLexicon}. */
export interface Lexicon {
  /** Every active term (weight > 0), built-ins first, then extras. */
  readonly terms: readonly LexiconTerm[];
  /** @internal Trie over stemmed token sequences. */
  readonly root: TrieNode;
  /** @internal Longest phrase, in content tokens. */
  readonly maxPhrase: number;
  /** Whether the structural user-story and Given/When/Then detectors run (on by default). */
  readonly shapes: boolean;
  /**
   * @internal Each active term's matching key (stemmed words, space-separated), as the trie holds
   * it: built-in keys come from the build, so readers need not tokenise every term at start.
   */
  readonly keys: ReadonlyMap<LexiconTerm, string>;
}

/** A user-supplied term: a bare string (weight {@link DEFAULT_EXTRA_WEIGHT}) or a term with a weight and drill. */
export type LexiconExtra = string | { term: string; weight?: number; drill?: DrillId };

/**
 * User extensions of the vocabulary, per loop. A term already in the vocabulary is replaced
 * (so it can be moved to the other loop or re-weighted); weight 0 removes it.
 */
export interface LexiconExtras {
  pm?: LexiconExtra[];
  po?: LexiconExtra[];
}

/** Weight of a user term given without one. */
export const DEFAULT_EXTRA_WEIGHT = 2;
const MAX_WEIGHT = 10;

/**
 * The built-in terms' keys, worked out when the bundle is built (`scripts/build.mjs` runs
 * {@link defaultTermKeys}), so a process does not tokenise and stem every built-in term at start.
 * Not defined in tests and other builds; then, or when it was built from other terms, the keys
 * are computed here.
 */
declare const PREP_LOOP_TERM_KEYS: { fingerprint: string; keys: readonly string[] } | undefined;

/**
 * What identifies the built-in terms a list of keys was made for: their number and total length,
 * and the first and last term (cheap at start; the build makes the keys from the same source).
 */
function termsFingerprint(): string {
  let chars = 0;
  for (const t of DEFAULT_TERMS) chars += t.term.length;
  return `${DEFAULT_TERMS.length}:${chars}:${DEFAULT_TERMS[0]?.term}:${DEFAULT_TERMS[DEFAULT_TERMS.length - 1]?.term}`;
}

/** @internal The keys of the built-in terms, in order, with their fingerprint (for the build). */
export function defaultTermKeys(): { fingerprint: string; keys: string[] } {
  return { fingerprint: termsFingerprint(), keys: DEFAULT_TERMS.map((t) => termKey(t.term)) };
}

/** The build's keys of the built-in terms, when they were made for these terms. */
function builtKeys(): readonly string[] | undefined {
  const built = typeof PREP_LOOP_TERM_KEYS === 'object' ? PREP_LOOP_TERM_KEYS : undefined;
  return built && built.keys.length === DEFAULT_TERMS.length && built.fingerprint === termsFingerprint() ? built.keys : undefined;
}

/** Compiles terms; the built-in ones (first, in order) take their keys from the build when it has them. */
function compile(terms: readonly LexiconTerm[]): Lexicon {
  const known = terms.length >= DEFAULT_TERMS.length && terms[0] === DEFAULT_TERMS[0] ? builtKeys() : undefined;
  const byKey = new Map<string, LexiconTerm>();
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    const key = known && i < known.length && t === DEFAULT_TERMS[i] ? known[i] : termKey(t.term);
    if (!key) continue;
    if (t.weight > 0) byKey.set(key, t);
    else byKey.delete(key);
  }
  const root: TrieNode = { next: undefined, term: undefined };
  let maxPhrase = 0;
  for (const [key, t] of byKey) {
    const parts = key.split(' ');
    maxPhrase = Math.max(maxPhrase, parts.length);
    let node = root;
    for (const p of parts) {
      node.next ??= new Map();
      let child = node.next.get(p);
      if (!child) {
        child = { next: undefined, term: undefined };
        node.next.set(p, child);
      }
      node = child;
    }
    node.term = t;
  }
  const keys = new Map<LexiconTerm, string>();
  for (const [key, t] of byKey) keys.set(t, key);
  return { terms: [...byKey.values()], root, maxPhrase, shapes: true, keys };
}

function normalizeExtra(extra: unknown, loop: SingleLoop): LexiconTerm | undefined {
  let term: unknown;
  let weight: unknown;
  let drill: unknown;
  if (typeof extra === 'string') term = extra;
  else if (extra && typeof extra === 'object') {
    const e = extra as Record<string, unknown>;
    term = e.term;
    weight = e.weight;
    drill = e.drill;
  }
  if (typeof term !== 'string' || term.trim() === '') return undefined;
  let w = typeof weight === 'number' && Number.isFinite(weight) ? weight : DEFAULT_EXTRA_WEIGHT;
  w = Math.min(MAX_WEIGHT, Math.max(0, w));
  const t: LexiconTerm = { term: term.trim(), loop, weight: w };
  const d = typeof drill === 'string' ? getDrill(drill) : undefined;
  if (d && d.loop === loop) {
    t.drill = d.id;
    t.axis = d.axis;
  }
  return t;
}

let cachedDefault: Lexicon | undefined;

/** The built-in vocabulary, compiled once. */
export function getDefaultLexicon(): Lexicon {
  cachedDefault ??= compile(DEFAULT_TERMS);
  return cachedDefault;
}

/**
 * Compile the vocabulary, optionally extended with user terms. Without extras (or with empty
 * ones) this returns the cached default lexicon. Bad entries (non-strings, empty terms) are
 * skipped; weights are clamped to 0..10; `po` extras are applied after `pm` extras.
 */
export function buildLexicon(extras?: LexiconExtras): Lexicon {
  const pm = Array.isArray(extras?.pm) ? extras.pm : [];
  const po = Array.isArray(extras?.po) ? extras.po : [];
  if (pm.length === 0 && po.length === 0) return getDefaultLexicon();
  const added: LexiconTerm[] = [];
  for (const e of pm) {
    const t = normalizeExtra(e, 'pm');
    if (t) added.push(t);
  }
  for (const e of po) {
    const t = normalizeExtra(e, 'po');
    if (t) added.push(t);
  }
  return compile([...DEFAULT_TERMS, ...added]);
}

/** The default lexicon (same object as {@link getDefaultLexicon} returns). */
export const defaultLexicon: Lexicon = getDefaultLexicon();

/** The terms of a lexicon that evidence a drill, strongest first (e.g. to suggest vocabulary). */
export function termsForDrill(drill: DrillId, lexicon: Lexicon = defaultLexicon): LexiconTerm[] {
  return lexicon.terms.filter((t) => t.drill === drill).sort((a, b) => b.weight - a.weight);
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** One vocabulary hit in a text. */
export interface Evidence {
  /** The vocabulary term that matched (canonical form, e.g. "definition of done"). */
  term: string;
  loop: SingleLoop;
  /** Offset of the first matched character in the text. */
  start: number;
  /** Offset just past the last matched character. */
  end: number;
  /** The term's weight. */
  weight: number;
  drill?: DrillId;
  axis?: Axis;
  /**
   * Set when the hit sits in a context sentence: the text elsewhere says what the writer did
   * ("I …", "We …", "Sliced …", "Result: …") and this sentence does not. {@link classify} counts
   * context hits at {@link CLASSIFIER_THRESHOLDS}.contextFactor of their weight, so "the PM's goal
   * was activation" weighs less in a PO story than what the writer actually did.
   */
  context?: boolean;
  /**
   * Set when the hit sits in a sentence that sets the work aside: a question, work the writer did
   * not do or refuses, or work wished for or imagined ("I didn't need to write user stories",
   * "what I should have been doing"). Counts at {@link CLASSIFIER_THRESHOLDS}.asideFactor.
   */
  aside?: boolean;
  /**
   * Set on a hit of the other loop's vocabulary inside a PO artifact the writer produced: a user
   * story, a Given/When/Then criterion, a scope list or a test plan. "As a sales lead, I want a
   * revenue dashboard" is PO work about a PM topic, so the topic words count at
   * {@link CLASSIFIER_THRESHOLDS}.topicFactor and the artifact itself is the evidence.
   */
  topic?: boolean;
  /** For a word with two senses (see {@link LexiconTerm.needs}): the word nearby that selected the loop's sense. */
  sense?: string;
  /**
   * Why a word with two senses counts the way it does here, in words a candidate understands: a
   * stakeholder the writer made a case to, scope cut to learn something (which moves "scope" to the
   * PM loop), a sprint used only as a length of time (which weighs little). Absent for plain hits.
   */
  why?: string;
  /**
   * Set on a hit whose word is said only in passing, not as the work it names: a sprint used as a
   * length of time ("one sprint of engineering time", "over two sprints"). Counts like an aside, at
   * {@link CLASSIFIER_THRESHOLDS}.asideFactor; {@link Evidence.why} says so.
   */
  passing?: boolean;
  /**
   * Set on a stakeholder who is only named ("Sales asked for an export mid-sprint", "the CEO's pet
   * feature"): no case is made to them. The hit still says who the text involves (a story's
   * stakeholders axis, a job's cross-functional partners), but {@link classify} leaves it out of
   * the verdict and of its evidence; {@link Evidence.why} says so.
   */
  mention?: boolean;
  /**
   * Set by {@link classify} on a hit whose term is part of a longer term of the same loop found in
   * the same text ("vision" when "product vision" is there too): it is the same piece of evidence,
   * so it counts as a repeat of that longer term and is listed under it. See {@link termRoots}.
   */
  within?: string;
}

/**
 * Every vocabulary hit in `text`, in order, non-overlapping (at each position the longest phrase
 * wins). Offsets index `text` directly. Never throws; non-string input yields no hits.
 */
/** Scratch buffers reused across calls (matching is synchronous, so one set suffices). */
let scratchBuf: { firstCand: Int32Array; best: Float64Array; choice: Int32Array; contentBefore: Int32Array } | undefined;

function scratch(size: number): NonNullable<typeof scratchBuf> {
  if (!scratchBuf || scratchBuf.best.length < size) {
    const cap = Math.max(size, 1024, (scratchBuf?.best.length ?? 0) * 2);
    scratchBuf = { firstCand: new Int32Array(cap), best: new Float64Array(cap), choice: new Int32Array(cap), contentBefore: new Int32Array(cap) };
  }
  scratchBuf.firstCand.fill(-1, 0, size);
  return scratchBuf;
}

export function findTerms(text: string, lexicon: Lexicon = defaultLexicon): Evidence[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // Stories repeat between lints of the same doc: remember results per text (bounded), so a
  // re-lint after an edit only scans the stories that changed. Callers must not mutate the result.
  const lex = lexicon && lexicon.root ? lexicon : defaultLexicon;
  return termMemo(lex, text, (t) => findTermsUncached(t, lex));
}

const termMemo = memoByOwner<Lexicon, Evidence[]>(4 * 1024 * 1024, 64 * 1024);

function findTermsUncached(text: string, lexicon: Lexicon): Evidence[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const lex = lexicon && lexicon.root ? lexicon : defaultLexicon;
  const tok = tokenize(text);
  const { info, starts, ends, gap } = tok;
  const n = info.length;

  // Candidates per start token: every term the trie completes from there (phrases stop at breaks
  // and skip stopwords), plus the structural user-story / Given-When-Then shapes.
  const candStart: number[] = [];
  const candEnd: number[] = [];
  const candTerm: LexiconTerm[] = [];
  const { firstCand, best, choice, contentBefore } = scratch(n + 1);
  const nextCand: number[] = [];
  const addCand = (i: number, e: number, t: LexiconTerm): void => {
    candStart.push(i);
    candEnd.push(e);
    candTerm.push(t);
    nextCand.push(firstCand[i]!);
    firstCand[i] = candTerm.length - 1;
  };
  const shapes = lex.shapes;
  const root = lex.root;
  const senses = new SenseContext(tok);
  const senseOf = new Map<number, string>(); // candidate index → selecting cue word
  const whyOf = new Map<number, string>(); // candidate index → why it counts this way
  const passingAt = new Set<number>(); // candidate indexes said only in passing
  const mentionAt = new Set<number>(); // candidate indexes of people only named
  // The cue word of the last sense check as the text spells it ("MVP", not "mvp").
  const rawCue = (): string => text.slice(starts[senses.lastCueAt]!, ends[senses.lastCueAt]!);
  const addSensed = (i: number, e: number, t: LexiconTerm): void => {
    const x = termExtras.get(t);
    if (x) {
      if (x.literal && i === e && !isAcronymToken(info[i]!.lower, t.term)) return;
      for (const { term, variant } of x.variants ?? []) {
        const cue = senses.variant(variant, i, e);
        if (cue === null) continue;
        addCand(i, e, term ?? t);
        if (variant.passing) passingAt.add(candTerm.length - 1);
        if (cue) senseOf.set(candTerm.length - 1, cue);
        whyOf.set(candTerm.length - 1, variant.why.replace('{cue}', cue ? rawCue() : ''));
        return;
      }
    }
    // "The analytics team", "our growth lead": a team or a role, not the work.
    if (x?.notRole && roleFollows(tok, e)) return;
    if (!t.needs && !t.unless) return addCand(i, e, t);
    let cue = senses.check(t, i, e);
    let nearBy = '';
    if (cue === null && x?.near && !senses.blocked(t, i, e)) {
      nearBy = nearMatch(x.near, text, starts[i]!, ends[e]!);
      if (nearBy) cue = nearBy;
    }
    if (cue === null) {
      if (!x?.mention) return;
      addCand(i, e, t);
      mentionAt.add(candTerm.length - 1);
      whyOf.set(candTerm.length - 1, x.mention);
      return;
    }
    addCand(i, e, t);
    if (cue) senseOf.set(candTerm.length - 1, cue);
    if (x?.why && cue) whyOf.set(candTerm.length - 1, x.why.replace('{cue}', nearBy || rawCue()));
  };
  for (let i = 0; i < n; i++) {
    const ti = info[i]!;
    if (ti.skip) continue;
    if (shapes && (ti.lower === 'as' || ti.lower === 'given')) {
      const shape = matchShape(tok, i);
      // A Given/When/Then criterion is reported at its "Given" so it does not hide the terms inside it.
      if (shape >= 0) {
        if (ti.lower === 'given') addCand(i, i, GIVEN_WHEN_THEN);
        else addCand(i, shape, USER_STORY_SHAPE);
      }
    }
    let node: TrieNode | undefined = root.next?.get(ti.key);
    if (!node) continue;
    if (node.term) addSensed(i, i, node.term);
    for (let j = i + 1; j < n && node.next; j++) {
      if (gap[j] !== Gap.None) break;
      const tj = info[j]!;
      if (tj.skip) continue;
      node = node.next.get(tj.key);
      if (!node) break;
      if (node.term) addSensed(i, j, node.term);
    }
  }
  if (candTerm.length === 0) return [];

  // Choose non-overlapping hits (dynamic programming from the right): cover as many tokens as
  // possible (longest match wins), then prefer fewer, longer hits, then the heavier terms. So
  // "backlog refinement" beats "backlog" + "refinement", and in "into a sprint goal" the
  // heavier `sprint goal` beats `into sprint`.
  contentBefore[0] = 0; // content (non-skipped) tokens before index i
  for (let i = 0; i < n; i++) contentBefore[i + 1] = contentBefore[i]! + (info[i]!.skip ? 0 : 1);
  best[n] = 0;
  choice.fill(-1, 0, n + 1);
  for (let i = n - 1; i >= 0; i--) {
    best[i] = best[i + 1]!;
    for (let c = firstCand[i]!; c >= 0; c = nextCand[c]!) {
      const e = candEnd[c]!;
      const covered = contentBefore[e + 1]! - contentBefore[i]!;
      const value = covered * 1e6 - 1e3 + candTerm[c]!.weight + best[e + 1]!;
      if (value > best[i]!) {
        best[i] = value;
        choice[i] = c;
      }
    }
  }
  const out: Evidence[] = [];
  const poArtifacts: [number, number][] = [];
  const sentenceEnds: number[] = [];
  for (let i = 0; i < n; ) {
    const c = choice[i]!;
    if (c < 0) {
      i++;
      continue;
    }
    const t = candTerm[c]!;
    const ev = toEvidence(t, starts[i]!, ends[candEnd[c]!]!);
    const cue = senseOf.get(c);
    if (cue) ev.sense = cue;
    const why = whyOf.get(c);
    if (why) ev.why = why;
    if (passingAt.has(c)) ev.passing = true;
    if (mentionAt.has(c)) ev.mention = true;
    out.push(ev);
    // A user story or criterion runs to the end of its sentence: its words are its topic.
    if (t === USER_STORY_SHAPE || t === GIVEN_WHEN_THEN) poArtifacts.push([starts[i]!, sentenceEnd(tok, i, text.length, sentenceEnds)]);
    i = candEnd[c]! + 1;
  }
  markContext(tok, out, text);
  markTopic(out, [...poArtifacts, ...poArtifactBlocks(text)]);
  return out;
}

/**
 * Offset where the sentence holding token `i` ends (the start of the next sentence, or `textEnd`).
 * `memo` (filled on first use) holds that offset per token, so many calls stay linear.
 */
function sentenceEnd(tok: Tokens, i: number, textEnd: number, memo: number[]): number {
  if (memo.length === 0) {
    let next = textEnd;
    for (let j = tok.info.length - 1; j >= 0; j--) {
      memo[j] = next;
      if (tok.gap[j] === Gap.Hard) next = tok.starts[j]!;
    }
  }
  return memo[i] ?? textEnd;
}

/** Flags PM hits inside PO artifacts as topic (see {@link Evidence.topic}). Spans are [start, end) offsets. */
function markTopic(hits: Evidence[], spans: [number, number][]): void {
  if (spans.length === 0) return;
  // Merge the spans, then sweep them alongside the hits (both in text order): linear after the sort.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([sp[0], sp[1]]);
  }
  let k = 0;
  for (const e of hits) {
    while (k < merged.length && merged[k]![1] < e.end) k++;
    if (k === merged.length) break;
    if (e.loop === 'pm' && e.start >= merged[k]![0]) e.topic = true;
  }
}

/** A line that labels a PO artifact block: `Scope:`, `## Test plan`, `**Acceptance criteria**`… */
const PO_BLOCK_LABEL =
  /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+)?(?:\*\*|__)?[ \t]*(?:in[ -]scope|scope|test[ -]plan|test[ -]cases?|test[ -]scenarios?|qa[ -]plan|acceptance[ -]criteria|definition[ -]of[ -]done|user[ -]stories|backlog(?:[ -]items?)?|tasks|sub-?tasks)\b[^\n]*$/i;

/**
 * Character spans of PO artifact blocks in `text`: under a label line (`Scope:`, `Test plan`,
 * `Acceptance criteria`…), the list or lines that follow, up to a blank line that is not followed
 * by more of the list; under such a heading, everything to the next heading.
 */
function poArtifactBlocks(text: string): [number, number][] {
  if (!/scope|test|acceptance|definition|stories|backlog|tasks/i.test(text)) return [];
  const out: [number, number][] = [];
  const lines = linesOf(text);
  // Index of the next non-blank line after each line, so looking ahead past blank lines is linear.
  const nextFilled = new Int32Array(lines.length + 1).fill(-1);
  for (let j = lines.length - 1; j >= 0; j--) nextFilled[j] = lines[j + 1] && lines[j + 1]!.text.trim() !== '' ? j + 1 : nextFilled[j + 1]!;
  const isList = (l: string): boolean => /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/.test(l) || /^[ \t]{2,}\S/.test(l);
  const isHeading = (l: string): boolean => /^[ \t]*#{1,6}[ \t]/.test(l);
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!.text;
    if (l.length > 80 || !PO_BLOCK_LABEL.test(l)) continue;
    const heading = isHeading(l);
    // A labelled line is a block only when it ends in its label ("Scope:") or is a heading.
    if (!heading && !/[:：][ \t]*(?:\*\*|__)?[ \t]*$/.test(l) && !/^[ \t]*(?:\*\*|__).*(?:\*\*|__)[ \t]*$/.test(l)) continue;
    let last = k;
    for (let j = k + 1; j < lines.length; j++) {
      const t = lines[j]!.text;
      if (heading) {
        if (isHeading(t)) break;
        last = j;
        continue;
      }
      if (t.trim() === '') {
        const next = nextFilled[j]!;
        if (next >= 0 && isList(lines[next]!.text)) continue;
        break;
      }
      if (isHeading(t)) break;
      if (!isList(t) && j > k + 1 && !isList(lines[j - 1]!.text)) break;
      last = j;
    }
    if (last > k) out.push([lines[k]!.start, lines[last]!.end]);
  }
  return out;
}

/**
 * Decides the sense of two-sense words from their sentence (see {@link SENSES}). Each sentence's
 * word keys are collected once, on first need, so checking is linear in the text.
 */
class SenseContext {
  private sentenceOf: Int32Array | undefined;
  private sentenceStart: number[] = [];
  private keys = new Map<number, Map<string, number>>();
  constructor(private readonly tok: Tokens) {}

  /** The cue word that selects the loop sense ('' when none is needed), or `null` to drop the hit. */
  check(t: LexiconTerm, i: number, e: number): string | null {
    const keys = this.sentenceKeys(i);
    const own = (k: string): boolean => {
      // A cue inside the hit itself does not count ("variant" does not select itself).
      for (let x = i; x <= e; x++) if (this.tok.info[x]!.key === k) return true;
      return false;
    };
    const cues = compiledCues(t);
    if (cues.unless) for (const k of cues.unless) if (keys.has(k) && !own(k)) return null;
    if (!cues.needs) return '';
    for (const k of cues.needs) {
      const at = keys.get(k);
      if (at !== undefined && !own(k)) return this.cue(at);
    }
    return null;
  }

  /** Whether a word of the term's `unless` list is in the sentence of tokens `i..e` (the other sense). */
  blocked(t: LexiconTerm, i: number, e: number): boolean {
    const cues = compiledCues(t);
    if (!cues.unless) return false;
    const keys = this.sentenceKeys(i);
    for (const k of cues.unless) {
      if (!keys.has(k)) continue;
      let own = false;
      for (let x = i; x <= e; x++) if (this.tok.info[x]!.key === k) own = true;
      if (!own) return true;
    }
    return false;
  }

  /**
   * Whether a term's second sense applies at tokens `i..e`: the selecting cue word ('' when the
   * sense is chosen by position, as for a length of time), or `null` when it does not apply.
   */
  variant(v: Variant, i: number, e: number): string | null {
    const keys = this.sentenceKeys(i);
    const own = (k: string): boolean => {
      for (let x = i; x <= e; x++) if (this.tok.info[x]!.key === k) return true;
      return false;
    };
    const cues = compiledVariantCues(v);
    if (cues.unless) for (const k of cues.unless) if (keys.has(k) && !own(k)) return null;
    if (v.unitOfTime) return usedAsTime(this.tok, i, e) ? '' : null;
    for (const k of cues.cues ?? []) {
      const at = keys.get(k);
      if (at !== undefined && !own(k)) return this.cue(at);
    }
    return null;
  }

  /** The cue word at token `at`, lowercased; its place in the text is kept in {@link lastCueAt}. */
  private cue(at: number): string {
    this.lastCueAt = at;
    return this.tok.info[at]!.lower;
  }

  /** Token index of the cue word the last successful check returned. */
  lastCueAt = -1;

  private sentenceKeys(i: number): Map<string, number> {
    const { info, gap } = this.tok;
    if (!this.sentenceOf) {
      this.sentenceOf = new Int32Array(info.length);
      let s = -1;
      for (let j = 0; j < info.length; j++) {
        if (j === 0 || gap[j] === Gap.Hard) {
          s++;
          this.sentenceStart.push(j);
        }
        this.sentenceOf[j] = s;
      }
    }
    const s = this.sentenceOf[i]!;
    let m = this.keys.get(s);
    if (!m) {
      m = new Map();
      const from = this.sentenceStart[s]!;
      const to = s + 1 < this.sentenceStart.length ? this.sentenceStart[s + 1]! : info.length;
      for (let j = from; j < to; j++) if (!m.has(info[j]!.key)) m.set(info[j]!.key, j);
      this.keys.set(s, m);
    }
    return m;
  }
}

const ROLE_NOUN_SET = new Set(ROLE_NOUNS);

/** Whether the token after `e`, in the same phrase, is a role noun ("analytics team", "growth lead's"). */
function roleFollows(tok: Tokens, e: number): boolean {
  const k = e + 1;
  if (k >= tok.info.length || tok.gap[k] !== Gap.None) return false;
  return ROLE_NOUN_SET.has(tok.info[k]!.lower.replace(/['\u2019]s?$/, ''));
}

/** Up to 24 characters each side of a hit, as a `near` rule reads them. */
const NEAR_CHARS = 24;

/** The text beside the hit that selects its sense (see {@link SenseRule.near}), one line, or ''. */
function nearMatch(near: { before?: RegExp; after?: RegExp }, text: string, start: number, end: number): string {
  if (near.after) {
    const m = near.after.exec(text.slice(end, end + NEAR_CHARS));
    if (m) return m[0].replace(/\s+/g, ' ').trim();
  }
  if (near.before) {
    const m = near.before.exec(text.slice(Math.max(0, start - NEAR_CHARS), start));
    if (m) return m[0].replace(/\s+/g, ' ').trim();
  }
  return '';
}

/** Cue words as the keys text tokens are matched by (lower case, stemmed). */
function cueKeys(words: readonly string[]): string[] {
  return words.map((w) => normalizeToken(w.toLowerCase()));
}

/** A term's sense cue words as matching keys (stemmed), computed once per term. */
const compiledCues = oncePer((t: LexiconTerm): { needs?: string[]; unless?: string[] } => ({
  ...(t.needs ? { needs: cueKeys(t.needs) } : {}),
  ...(t.unless ? { unless: cueKeys(t.unless) } : {}),
}));

/** A variant's cue words as matching keys (stemmed), computed once per variant. */
const compiledVariantCues = oncePer((v: Variant): { cues?: string[]; unless?: string[] } => ({
  ...(v.cues ? { cues: cueKeys(v.cues) } : {}),
  ...(v.unless ? { unless: cueKeys(v.unless) } : {}),
}));

/** Whether a token spelled `lower` is the acronym `term` itself: "WIP", "WIPs", "CEO's", not "wiped". */
function isAcronymToken(lower: string, term: string): boolean {
  let w = lower.replace(/\u2019/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  return w === term || w === `${term}s`;
}

/** Words that count sprints: "one", "two", "a", "a few", "another". */
const QUANTITY = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'few', 'several', 'couple', 'half', 'another']);
/** Words before a counted sprint that make it a length of time: "over two sprints", "took a sprint". */
const TIME_BEFORE = new Set(['over', 'in', 'within', 'across', 'after', 'for', 'took', 'take', 'takes', 'taking', 'about', 'than', 'spent', 'spend', 'lasted', 'by', 'only', 'just']);

/**
 * Whether the word at tokens `i..e` ("sprint") is used as a length of time: counted ("two sprints",
 * "a sprint") and either measured out ("one sprint of engineering time", "two sprints later") or
 * after a word of duration ("over two sprints", "it took a sprint", "in the last two sprints").
 */
function usedAsTime(tok: Tokens, i: number, e: number): boolean {
  const { info, gap } = tok;
  const w = (k: number): string => (k >= 0 && k < info.length ? info[k]!.lower : '');
  // Token k follows token k-1 within the same phrase (no comma or sentence break between).
  const joined = (k: number): boolean => k > 0 && k < info.length && gap[k] === Gap.None;
  const after = joined(e + 1) ? w(e + 1) : '';
  if (!joined(i)) return false;
  const k = i - 1;
  // "a couple of sprints", "a few sprints"
  if (w(k) === 'of' && joined(k) && (w(k - 1) === 'couple' || w(k - 1) === 'few')) return true;
  if (!QUANTITY.has(w(k)) && !DIGITS_RE.test(w(k))) return false;
  if (after === 'of' || after === 'later' || after === 'ago' || after === 'long') return true;
  if (!joined(k)) return false;
  const before = w(k - 1);
  if (TIME_BEFORE.has(before)) return true;
  // "in the last two sprints", "over the next three sprints"
  return (before === 'last' || before === 'next' || before === 'first') && joined(k - 1) && (w(k - 2) === 'the' ? joined(k - 2) && TIME_BEFORE.has(w(k - 3)) : TIME_BEFORE.has(w(k - 2)));
}

function toEvidence(t: LexiconTerm, start: number, end: number): Evidence {
  const e: Evidence = { term: t.term, loop: t.loop, start, end, weight: t.weight };
  if (t.drill) e.drill = t.drill;
  if (t.axis) e.axis = t.axis;
  return e;
}

/**
 * Whether any sentence of `text` has the writer as its actor: a first-person subject ("I", "we"),
 * a resume-style action verb or a STAR label at its start. Text with none (a handbook page, exam
 * notes, a definition) tells no one's own work. Never throws.
 */
export function writerActs(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  const { info, gap } = tokenize(text);
  for (let j = 0; j < info.length; j++) {
    const w = info[j]!.lower;
    if (FIRST_PERSON.has(w)) return true;
    if (!(j === 0 || gap[j] === Gap.Hard)) continue;
    if (ACTION_OPENERS.has(w)) return true;
    // "Sliced the epic…" acts; "Complicated: more is known…", "Based on…", "Related reading" do not.
    if (w.length > 4 && w.endsWith('ed') && !NOT_ACTION_ED.has(w) && j + 1 < info.length && gap[j + 1] === Gap.None) return true;
  }
  return false;
}

/** Sentence-opening -ed words that describe rather than act. */
const NOT_ACTION_ED = new Set([
  'based', 'related', 'detailed', 'advanced', 'complicated', 'limited', 'needed', 'required', 'recommended', 'suggested',
  'expected', 'supported', 'selected', 'mixed', 'shared', 'used', 'called', 'named', 'united', 'assumed', 'given', 'focused',
  'centered', 'centred', 'informed', 'data-driven', 'automated', 'distributed', 'dedicated', 'integrated', 'estimated',
]);

/** Pronouns that make the writer the actor of a sentence ("me"/"us"/"my"/"our" do not). */
const FIRST_PERSON = new Set(['i', 'we', "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'd", "we'll", 'myself', 'ourselves']);
/** Sentence openers that imply the writer acts: resume-style verbs and STAR labels. */
const ACTION_OPENERS = new Set([
  'led', 'ran', 'wrote', 'rewrote', 'built', 'rebuilt', 'set', 'took', 'made', 'drove', 'cut', 'split', 'broke', 'sold',
  'brought', 'got', 'gave', 'kept', 'found', 'met', 'chose', 'began', 'spent', 'sent', 'won', 'held', 'told', 'shut',
  'put', 'grew', 'drew', 'own', 'run', 'lead', 'write', 'build', 'drive', 'define', 'manage', 'groom', 'slice', 'ship',
  'partner', 'action', 'actions', 'result', 'results', 'outcome', 'impact', 'task',
]);

/**
 * Flag evidence in context sentences. A sentence (run of tokens between hard breaks) is the
 * writer's own action when it has a first-person subject or opens with an action verb or a
 * STAR label; when no sentence does, nothing is context (third-person text such as a job ad or
 * a handbook is judged evenly).
 *
 * Sentences that set work aside are flagged `aside` whatever their subject: a question ("Do all
 * PM jobs involve user stories?"), work the writer did not do or refuses ("I didn't need to write
 * user stories", "I never ran the standups", "I hate writing tickets"), and work wished for or
 * imagined ("what I should have been doing", "I would run a pricing test"). They tell the topic,
 * not what the writer did.
 */
function markContext(tok: Tokens, hits: Evidence[], text: string): void {
  if (hits.length === 0) return;
  const { info, gap, starts, ends } = tok;
  const n = info.length;
  const sentenceStart: number[] = [];
  const agentive: boolean[] = [];
  const aside: boolean[] = [];
  const firstPerson: boolean[] = [];
  let any = false;
  let lastFirstPerson = -10;
  // Claims about a role in general, kept apart until the sentence is read: a first person overrules them.
  const generic: boolean[] = [];
  for (let j = 0; j < n; j++) {
    if (j === 0 || gap[j] === Gap.Hard) {
      generic.push(false);
      if (j > 0 && isQuestionEnd(text, ends[j - 1]!, starts[j]!)) aside[aside.length - 1] = true;
      sentenceStart.push(starts[j]!);
      const w = info[j]!.lower;
      agentive.push(ACTION_OPENERS.has(w) || (w.length > 4 && w.endsWith('ed')));
      aside.push(false);
      firstPerson.push(false);
      lastFirstPerson = -10;
    }
    const raw = info[j]!.lower;
    const w = raw.includes('\u2019') ? raw.replace(/\u2019/g, "'") : raw;
    if (FIRST_PERSON.has(w)) {
      agentive[agentive.length - 1] = true;
      firstPerson[firstPerson.length - 1] = true;
      lastFirstPerson = j;
    } else if (SET_ASIDE_AFTER_SUBJECT.has(w) && (j - lastFirstPerson === 1 || (j - lastFirstPerson === 2 && AUX_BETWEEN.has(info[j - 1]!.lower)))) aside[aside.length - 1] = true;
    if ((w === 'should' || w === 'would' || w === 'could') && info[j + 1] && /^(?:have|'ve)$/.test(info[j + 1]!.lower)) aside[aside.length - 1] = true;
    if (w === "should've" || w === "would've" || w === "could've") aside[aside.length - 1] = true;
    // "Traditional product managers are great at roadmaps…", "Most POs don't…": roles in general.
    if (GENERIC_VERB.has(w) && j > 0 && isRoleNoun(info, j - 1)) generic[generic.length - 1] = true;
  }
  if (n > 0 && isQuestionEnd(text, ends[n - 1]!, text.length)) aside[aside.length - 1] = true;
  for (let k = 0; k < generic.length; k++) if (generic[k] && !firstPerson[k]) aside[k] = true;
  for (const a of agentive) any ||= a;
  let s = 0;
  for (const e of hits) {
    while (s + 1 < sentenceStart.length && sentenceStart[s + 1]! <= e.start) s++;
    if (aside[s]) e.aside = true;
    else if (any && !agentive[s]) e.context = true;
  }
}

/**
 * Words that, right after "I"/"we" (or after one auxiliary: "I did not", "we have never"), set the
 * work aside: not done, refused, or wished for. "I would…" is not among them: a hypothetical answer
 * still shows which loop the writer thinks in.
 */
const SET_ASIDE_AFTER_SUBJECT = new Set([
  "didn't", "don't", "doesn't", "wasn't", "weren't", "haven't", "hadn't", "couldn't", "can't", "won't", "wouldn't", 'never', 'not',
  'hate', 'hated', 'dislike', 'disliked', 'wish', 'wished',
]);
const AUX_BETWEEN = new Set(['did', 'do', 'does', 'have', 'had', 'was', 'were', 'am', 'really', 'just', 'still', 'also', 'honestly']);

/** Verbs that, right after a role noun near the start of a sentence, make it a claim about the role in general. */
const GENERIC_VERB = new Set(['are', "aren't", 'is', "isn't", 'should', 'must', 'can', "can't", 'do', "don't", 'does', "doesn't", 'tend', 'usually', 'often', 'typically', 'need', 'needs', 'own', 'owns', 'write', 'writes', 'focus', 'focuses']);

/** Whether token `k` ends a role noun: "product manager(s)", "product owner(s)", "PM(s)", "PO(s)", "scrum master(s)". */
function isRoleNoun(info: readonly TokenInfo[], k: number): boolean {
  const w = info[k]!.lower.replace(/\u2019/g, "'");
  if (/^(?:pms?|pos|pm's|po's)$/.test(w)) return true;
  if (!/^(?:managers?|owners?|masters?)$/.test(w) || k === 0) return false;
  const before = info[k - 1]!.lower;
  return before === 'product' || before === 'scrum';
}

/** Whether the punctuation between two tokens closes a question. */
function isQuestionEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 63) return true;
  return false;
}

/** The user-story shape "As a <role>, I want …", reported as one piece of PO evidence. */
const USER_STORY_SHAPE: LexiconTerm = { term: 'as a … I want', loop: 'po', weight: 3, drill: 'user-story-writing', axis: 'execution' };
/** A Given … When … Then criterion, reported as one piece of PO evidence. */
const GIVEN_WHEN_THEN: LexiconTerm = { term: 'given … when … then', loop: 'po', weight: 3, drill: 'user-story-writing', axis: 'execution' };

const WANT_WORDS = new Set(['want', 'need', 'would', 'wish']);
/** "As a result, I would…" is prose, not a user story. */
const NOT_A_ROLE = new Set(['result', 'consequence', 'whole', 'rule', 'matter', 'first', 'side', 'bonus', 'reminder', 'team', 'group']);

/**
 * Structural PO evidence starting at token `i`: "as a|an <≤5 words> I want|need|would…" (a user
 * story) or "given … when … then" with each step within 30 tokens (an acceptance criterion).
 * Returns the index of the last token of the shape, or -1. Bounded lookahead: linear overall.
 */
function matchShape(tok: Tokens, i: number): number {
  const { gap } = tok;
  const n = tok.info.length;
  const lower = (k: number): string | undefined => tok.info[k]?.lower;
  const w = lower(i);
  if (w === 'as') {
    const art = lower(i + 1);
    if ((art !== 'a' && art !== 'an') || gap[i + 1] === Gap.Hard || NOT_A_ROLE.has(lower(i + 2) ?? '')) return -1;
    for (let j = i + 2; j < Math.min(n - 1, i + 8); j++) {
      if (gap[j] === Gap.Hard) return -1;
      if (lower(j) === 'i' && j > i + 2 && WANT_WORDS.has(lower(j + 1)!) && gap[j + 1] !== Gap.Hard) return j + 1;
      if (lower(j) === "i'd" && j > i + 2) return j;
    }
    return -1;
  }
  if (w === 'given') {
    let whenAt = -1;
    for (let j = i + 1; j < Math.min(n, i + 31); j++) {
      if (lower(j) === 'when') {
        whenAt = j;
        break;
      }
    }
    if (whenAt < 0) return -1;
    for (let j = whenAt + 1; j < Math.min(n, whenAt + 31); j++) if (lower(j) === 'then') return j;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** The verdict on a passage of text. */
export interface Classification {
  /** `mixed`: both loops carry real weight; `unknown`: too little evidence either way. */
  loop: 'pm' | 'po' | 'mixed' | 'unknown';
  /** 0..1: how sure the verdict is (margin between the loops and amount of evidence). */
  confidence: number;
  /** Per-loop score: term weights, repeats of one term with diminishing returns, context hits discounted. */
  score: { pm: number; po: number };
  /** The hits per loop, in text order. */
  evidence: { pm: Evidence[]; po: Evidence[] };
}

/** The thresholds {@link classify} uses; exported so messages and docs can quote them. */
export const CLASSIFIER_THRESHOLDS = {
  /** Below this, the stronger loop's score is too thin for a verdict: `unknown`. */
  minScore: 2.5,
  /** `mixed` needs the weaker loop to hold at least this share of the total… */
  mixedShare: 0.35,
  /** …and at least this score of its own (a single incidental word never makes a story mixed). */
  mixedFloor: 3.5,
  /** Evidence scale for confidence: a total of this much evidence gives ~63% of full confidence. */
  evidenceScale: 6,
  /** Weight of a hit in a context sentence (see {@link Evidence.context}). */
  contextFactor: 0.6,
  /** Weight of a topic word inside a PO artifact (see {@link Evidence.topic}). */
  topicFactor: 0.15,
  /** Weight of a hit in a question, in work not done or only wished for (see {@link Evidence.aside}), or said in passing ({@link Evidence.passing}). */
  asideFactor: 0.25,
} as const;

/**
 * Score evidence per loop. Each piece of evidence counts once at its strongest hit, and repeats
 * add with diminishing returns (ln n at their average weight), so one word said five times does
 * not drown out five words. A term inside a longer term found in the same text ("vision" beside
 * "product vision", see {@link termRoots}) is a repeat of that term, not a second piece of
 * evidence. Hits flagged `context` count at `contextFactor` (pass 1 to ignore the flag), hits
 * flagged `topic` at `topicFactor`, hits flagged `aside` or `passing` at `asideFactor`. `roots` is
 * {@link termRoots} of the evidence (pass it when you already have it).
 */
export function scoreEvidence(
  evidence: readonly Evidence[],
  contextFactor: number = CLASSIFIER_THRESHOLDS.contextFactor,
  topicFactor: number = CLASSIFIER_THRESHOLDS.topicFactor,
  asideFactor: number = CLASSIFIER_THRESHOLDS.asideFactor,
  roots: ReadonlyMap<string, string> = termRoots(evidence),
): { pm: number; po: number } {
  type Acc = { loop: SingleLoop; count: number; best: number; sum: number };
  const perRoot = { pm: new Map<string, Acc>(), po: new Map<string, Acc>() };
  for (const e of evidence) {
    const f = e.topic ? topicFactor : e.aside || e.passing ? asideFactor : e.context ? contextFactor : 1;
    const w = (Number.isFinite(e.weight) ? e.weight : 0) * f;
    const loop: SingleLoop = e.loop === 'po' ? 'po' : 'pm';
    const map = perRoot[loop];
    const key = roots.get(e.term) ?? e.term;
    const cur = map.get(key);
    if (cur) {
      cur.count++;
      if (w > cur.best) cur.best = w;
      cur.sum += w;
    } else map.set(key, { loop, count: 1, best: w, sum: w });
  }
  const score = { pm: 0, po: 0 };
  for (const t of [...perRoot.pm.values(), ...perRoot.po.values()]) {
    // The strongest hit counts in full; repeats add ln(n) at their average weight.
    score[t.loop] += t.best + (t.sum / t.count) * Math.log(t.count);
  }
  return score;
}

/** A term's matching key, its length in words and the keys of its shorter parts (cached per term). */
interface KeyParts {
  key: string;
  words: number;
  parts: string[];
}
const keyPartsCache = new Map<string, KeyParts | null>();
function keyParts(term: string): KeyParts | null {
  let k = keyPartsCache.get(term);
  if (k === undefined) {
    const words = term.includes('…') ? [] : termKey(term).split(' ').filter(Boolean);
    const parts: string[] = [];
    for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) if (j - i < words.length) parts.push(words.slice(i, j).join(' '));
    k = words.length ? { key: words.join(' '), words: words.length, parts } : null;
    if (keyPartsCache.size >= 10_000) keyPartsCache.clear();
    keyPartsCache.set(term, k);
  }
  return k;
}

const rootsMemo = new WeakMap<readonly object[], Map<string, string>>();

/**
 * For each term among `hits` that sits inside a longer term of the same loop also among them, that
 * longer term ("vision" → "product vision", "sprint" → "sprint goal"): the two are one piece of
 * evidence, said twice. Words, not characters, decide ("pm" is not inside "npm"); when several
 * terms contain it, the longest wins, then the heavier. Terms with no such longer term are absent.
 * Linear in the hits (each phrase looks up its own shorter parts); remembered per hits array, so
 * the memoised result of {@link findTerms} is worked out once. Do not mutate the result.
 */
export function termRoots(hits: readonly Pick<Evidence, 'term' | 'loop' | 'weight'>[]): Map<string, string> {
  const memo = rootsMemo.get(hits);
  if (memo) return memo;
  const out = new Map<string, string>();
  if (hits.length >= 2) {
    type Entry = { term: string; words: number; weight: number; parts: string[] };
    const byKey = { pm: new Map<string, Entry>(), po: new Map<string, Entry>() };
    const phrases: [Map<string, Entry>, Entry][] = [];
    for (const h of hits) {
      const k = keyParts(h.term);
      if (!k) continue;
      const map = h.loop === 'po' ? byKey.po : byKey.pm;
      if (map.has(k.key)) continue;
      const entry = { term: h.term, words: k.words, weight: Number.isFinite(h.weight) ? h.weight : 0, parts: k.parts };
      map.set(k.key, entry);
      if (k.parts.length) phrases.push([map, entry]);
    }
    const best = new Map<string, Entry>();
    for (const [map, root] of phrases) {
      for (const part of root.parts) {
        const inner = map.get(part);
        if (!inner || inner.term === root.term) continue;
        const cur = best.get(inner.term);
        if (!cur || root.words > cur.words || (root.words === cur.words && root.weight > cur.weight)) best.set(inner.term, root);
      }
    }
    for (const [term, root] of best) out.set(term, root.term);
  }
  rootsMemo.set(hits, out);
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Thresholds accepted by {@link verdictFromScores}. */
export interface VerdictThresholds {
  minScore: number;
  mixedShare: number;
  mixedFloor: number;
  evidenceScale: number;
}

/**
 * Decide the loop a pair of per-loop scores reads as, with a confidence. Shared by
 * {@link classify} and the job-description classifier.
 *
 * `score` decides between the loops (share of each, mixed rule). `volume` — the same scores before
 * context discounting, defaulting to `score` — decides whether there is enough evidence at all
 * and how much that evidence adds to confidence: context hits shift the balance, not the amount.
 */
export function verdictFromScores(
  score: { pm: number; po: number },
  thresholds: VerdictThresholds = CLASSIFIER_THRESHOLDS,
  volume: { pm: number; po: number } = score,
): { loop: Classification['loop']; confidence: number } {
  const clean = (x: number): number => (Number.isFinite(x) ? Math.max(0, x) : 0);
  const pm = clean(score.pm);
  const po = clean(score.po);
  const vMajor = Math.max(clean(volume.pm), clean(volume.po), Math.max(pm, po));
  const vTotal = Math.max(clean(volume.pm) + clean(volume.po), pm + po);
  if (vMajor < thresholds.minScore || pm + po === 0) {
    return { loop: 'unknown', confidence: round2(Math.max(0, 1 - vMajor / thresholds.minScore)) };
  }
  const total = pm + po;
  const major = Math.max(pm, po);
  const minor = Math.min(pm, po);
  const amount = 1 - Math.exp(-vTotal / thresholds.evidenceScale);
  if (minor / total >= thresholds.mixedShare && minor >= thresholds.mixedFloor) {
    const balance = 1 - Math.abs(pm / total - 0.5) * 2; // 1 at 50/50
    return { loop: 'mixed', confidence: round2(amount * (0.5 + 0.5 * balance)) };
  }
  const margin = (major - minor) / total; // 0..1
  return { loop: pm >= po ? 'pm' : 'po', confidence: round2(amount * (0.3 + 0.7 * margin)) };
}

/**
 * Classify a passage (a story, a section, a whole doc) as PM, PO, mixed or unknown, with the
 * evidence behind the verdict. The text should have code, HTML and URLs blanked out; offsets in
 * the evidence index it directly. Never throws.
 */
export function classify(text: string, lexicon: Lexicon = defaultLexicon): Classification {
  const hits = withoutMentions(findTerms(text, lexicon));
  const evidence = { pm: [] as Evidence[], po: [] as Evidence[] };
  const roots = termRoots(hits);
  // Copies, so the memoised hits stay as findTerms returned them.
  for (const e of hits) {
    const within = roots.get(e.term);
    evidence[e.loop].push(within ? { ...e, within } : e);
  }
  const weighted = scoreEvidence(hits, CLASSIFIER_THRESHOLDS.contextFactor, CLASSIFIER_THRESHOLDS.topicFactor, CLASSIFIER_THRESHOLDS.asideFactor, roots);
  const volume = scoreEvidence(hits, 1, CLASSIFIER_THRESHOLDS.topicFactor, 1, roots);
  const score = { pm: round2(weighted.pm), po: round2(weighted.po) };
  const { loop, confidence } = verdictFromScores(weighted, CLASSIFIER_THRESHOLDS, volume);
  return { loop, confidence, score, evidence };
}

const mentionsDropped = oncePer((hits: readonly Evidence[]) => hits.filter((e) => !e.mention));
/** The hits without people only named ({@link Evidence.mention}), remembered per hits array. */
function withoutMentions(hits: Evidence[]): Evidence[] {
  return hits.some((e) => e.mention) ? mentionsDropped(hits) : hits;
}

/**
 * The interview drills a text evidences, each with its hits in text order. Drills with no hit are
 * absent from the map.
 */
export function detectDrills(text: string, lexicon: Lexicon = defaultLexicon): Map<DrillId, Evidence[]> {
  const out = new Map<DrillId, Evidence[]>();
  for (const e of findTerms(text, lexicon)) {
    if (!e.drill) continue;
    const list = out.get(e.drill);
    if (list) list.push(e);
    else out.set(e.drill, [e]);
  }
  return out;
}

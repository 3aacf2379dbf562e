/**
 * Hover content for Prep Loop: what each loop and axis tag means for interview prep, and a
 * glossary of the PM and PO terms candidates get drilled on. Markdown strings, editor-free;
 * the extension wraps them in `MarkdownString`s.
 */
import type { Axis, Loop } from './types';

/** One glossary term with the spellings it is found under. */
export interface GlossaryEntry {
  /** Stable kebab-case id. */
  id: string;
  /** Display name, e.g. "Minimum detectable effect (MDE)". */
  title: string;
  /** Every spelling that should find this entry, including the canonical one. */
  aliases: string[];
  /** The loop whose interviews lean on the term; absent when both loops use it. */
  loop?: 'pm' | 'po';
  /** Hover text (markdown), starting with the bold title. */
  markdown: string;
}

type TermSource = Omit<GlossaryEntry, 'markdown'> & { body: string };

const LOOP_LABEL: Record<'pm' | 'po', string> = { pm: 'PM loop', po: 'PO loop' };

const TERMS: readonly TermSource[] = [
  // ── PM: experiments ────────────────────────────────────────────────────────────
  {
    id: 'ab-test',
    title: 'A/B test',
    aliases: ['A/B test', 'AB test', 'A/B testing', 'split test', 'online experiment'],
    loop: 'pm',
    body:
      'Random assignment of users to a control and one or more variants, then a comparison of a metric chosen before launch. ' +
      'Interviewers expect the full chain: hypothesis, primary metric, guardrails, MDE, power, sample size, run length, and the decision rule.',
  },
  {
    id: 'mde',
    title: 'Minimum detectable effect (MDE)',
    aliases: ['MDE', 'minimum detectable effect', 'minimal detectable effect'],
    loop: 'pm',
    body:
      'The smallest true change in the metric the test is sized to catch. A smaller MDE needs a larger sample, roughly four times the users for half the effect. ' +
      'Pick it from the business case (what lift pays for the change), not from what the traffic happens to allow.',
  },
  {
    id: 'power',
    title: 'Statistical power',
    aliases: ['power', 'statistical power', 'power analysis'],
    loop: 'pm',
    body:
      'The chance that a test flags a real effect of at least the MDE; 80% is the usual default. ' +
      'An underpowered test that comes back flat tells you little: say so in the readout instead of calling the idea dead.',
  },
  {
    id: 'peeking',
    title: 'Peeking',
    aliases: ['peeking', 'early stopping'],
    loop: 'pm',
    body:
      'Checking significance again and again while a fixed-horizon test runs, then stopping at the first good-looking p-value. ' +
      'It inflates false positives well past the nominal alpha. Fix the sample size up front, or use a sequential method built for repeated looks.',
  },
  {
    id: 'srm',
    title: 'Sample ratio mismatch (SRM)',
    aliases: ['SRM', 'sample ratio mismatch', 'sample ratio check'],
    loop: 'pm',
    body:
      'The arms received a different share of users than the design said, for example 52/48 on a planned 50/50 split. ' +
      'A chi-square test on the counts catches it. An SRM points to broken assignment or logging, so the metric results cannot be trusted until it is explained.',
  },
  {
    id: 'significance',
    title: 'Statistical significance',
    aliases: ['statistical significance', 'p-value', 'significance level', 'confidence interval'],
    loop: 'pm',
    body:
      'The p-value is how surprising the observed gap would be if the variant did nothing; alpha (often 0.05) is the cut-off agreed before launch. ' +
      'Report the confidence interval next to it: the interval shows how big the effect plausibly is, which is what the ship decision needs.',
  },
  {
    id: 'guardrail-metric',
    title: 'Guardrail metric',
    aliases: ['guardrail metric', 'guardrail metrics', 'guardrail', 'counter metric'],
    loop: 'pm',
    body:
      'A metric the change must not hurt, watched alongside the primary one: refunds, latency, unsubscribes, support load. ' +
      'Naming guardrails before launch shows you know a local win can cost the business elsewhere.',
  },
  // ── PM: metrics and economics ──────────────────────────────────────────────────
  {
    id: 'north-star',
    title: 'North star metric',
    aliases: ['north star', 'north star metric', 'NSM'],
    loop: 'pm',
    body:
      'The one outcome metric that best captures the value customers get and that predicts revenue over time. ' +
      'Be ready to defend your choice, name the input metrics that drive it, and say what it misses.',
  },
  {
    id: 'okr',
    title: 'OKR (objectives and key results)',
    aliases: ['OKR', 'objectives and key results', 'key result'],
    loop: 'pm',
    body:
      'A qualitative objective plus two to four measurable key results, usually per quarter. ' +
      'A key result is an outcome with a baseline, a target and a date, not a list of features to ship.',
  },
  {
    id: 'activation',
    title: 'Activation',
    aliases: ['activation', 'activation rate', 'aha moment'],
    loop: 'pm',
    body:
      'The share of new sign-ups who reach the first moment of real value, defined by an event that predicts retention. ' +
      'A PM owns it as an outcome; a good answer names the event, the time window, and the baseline and target.',
  },
  {
    id: 'retention',
    title: 'Retention',
    aliases: ['retention', 'retention rate', 'retention curve'],
    loop: 'pm',
    body:
      'The share of a cohort still active after N days, weeks or months. Read the curve: a curve that flattens means the product holds a core group, ' +
      'one that keeps sliding toward zero means there is no fit yet for that segment.',
  },
  {
    id: 'churn',
    title: 'Churn',
    aliases: ['churn', 'churn rate', 'logo churn', 'revenue churn'],
    loop: 'pm',
    body:
      'The share of customers (logo churn) or of recurring revenue (revenue churn) lost in a period. ' +
      'Small monthly churn compounds: 3% a month loses about a third of the base in a year. Split voluntary from involuntary churn such as failed payments.',
  },
  {
    id: 'dau-mau',
    title: 'DAU/MAU (stickiness)',
    aliases: ['DAU/MAU', 'DAU', 'MAU', 'WAU', 'stickiness'],
    loop: 'pm',
    body:
      'Daily active users divided by monthly active users: roughly how many days a month a typical user shows up. ' +
      'Only meaningful for products meant for daily use; say which "active" event you count.',
  },
  {
    id: 'cohort',
    title: 'Cohort',
    aliases: ['cohort', 'cohort analysis'],
    loop: 'pm',
    body:
      'A group of users who share a start event in the same period, such as everyone who signed up in March. ' +
      'Comparing cohorts separates a real change in behaviour from a shift in the mix of new users.',
  },
  {
    id: 'funnel',
    title: 'Funnel',
    aliases: ['funnel', 'conversion funnel', 'funnel analysis'],
    loop: 'pm',
    body:
      'The ordered steps from first touch to the value event, with the conversion rate at each step. ' +
      'In a growth case, walk it stage by stage, find the biggest drop worth fixing, and size the gain before proposing a fix.',
  },
  {
    id: 'ltv',
    title: 'Lifetime value (LTV)',
    aliases: ['LTV', 'CLV', 'CLTV', 'lifetime value', 'customer lifetime value'],
    loop: 'pm',
    body:
      'The gross margin a customer brings over the whole relationship. A quick estimate: ARPU × gross margin ÷ churn rate per period. ' +
      'Expect to do this in your head and to compare it with CAC.',
  },
  {
    id: 'cac',
    title: 'Customer acquisition cost (CAC)',
    aliases: ['CAC', 'customer acquisition cost'],
    loop: 'pm',
    body:
      'Sales and marketing spend in a period divided by the customers won in it. State whether it is blended or paid-only; ' +
      'a blended CAC can hide a paid channel that loses money.',
  },
  {
    id: 'cac-payback',
    title: 'CAC payback period',
    aliases: ['CAC payback', 'CAC payback period', 'payback period'],
    loop: 'pm',
    body:
      'Months until a customer’s gross margin has repaid what it cost to win them: CAC ÷ (monthly ARPU × gross margin). ' +
      'Subscription businesses often aim for under 12 to 18 months; a long payback ties up cash even when LTV looks fine.',
  },
  {
    id: 'ndr',
    title: 'Net dollar retention (NDR / NRR)',
    aliases: ['NDR', 'NRR', 'net dollar retention', 'net revenue retention'],
    loop: 'pm',
    body:
      'Recurring revenue a year from now from today’s customers, including expansion and minus downgrades and churn, divided by today’s revenue from them. ' +
      'Above 100% the installed base grows with no new logos.',
  },
  {
    id: 'arpu',
    title: 'ARPU (average revenue per user)',
    aliases: ['ARPU', 'ARPA', 'ARPPU', 'average revenue per user', 'average revenue per account'],
    loop: 'pm',
    body:
      'Revenue in a period divided by users (ARPU) or accounts (ARPA); ARPPU counts paying users only. ' +
      'Say which denominator you use: a free tier can drag ARPU down while ARPPU climbs.',
  },
  {
    id: 'unit-economics',
    title: 'Unit economics',
    aliases: ['unit economics', 'contribution margin'],
    loop: 'pm',
    body:
      'Revenue and cost per single unit (a customer, an order, a seat), so you can tell whether growth makes or loses money. ' +
      'The usual model ties together ARPU, gross margin, churn, LTV, CAC and payback.',
  },
  // ── PM: artifacts and framing ──────────────────────────────────────────────────
  {
    id: 'prd',
    title: 'PRD (product requirements document)',
    aliases: ['PRD', 'product requirements document', 'product requirements doc'],
    loop: 'pm',
    body:
      'The PM’s written case for a bet: problem, goals and success metrics, non-goals, target users, requirements, risks and open questions. ' +
      'The PM writes it; the PO turns it into user stories and sequences them into sprints.',
  },
  {
    id: 'one-pager',
    title: 'One-pager',
    aliases: ['one-pager', 'one pager', 'onepager'],
    loop: 'pm',
    body:
      'A short version of a PRD used to get a bet approved before the details are written: the same parts, a line or two each.',
  },
  {
    id: 'roadmap',
    title: 'Roadmap',
    aliases: ['roadmap', 'product roadmap'],
    loop: 'pm',
    body:
      'The ordered set of bets over the next quarters, tied to the outcomes they are meant to move. ' +
      'PM territory: expect to defend what is on it, what was cut, and why.',
  },
  {
    id: 'jtbd',
    title: 'Jobs to be done (JTBD)',
    aliases: ['JTBD', 'jobs to be done', 'job to be done'],
    loop: 'pm',
    body:
      'A framing that starts from the progress a customer is trying to make in a situation rather than from who they are. ' +
      'Handy in product-sense rounds to justify which problem to solve first.',
  },
  // ── PO: Scrum mechanics ───────────────────────────────────────────────────────
  {
    id: 'backlog',
    title: 'Product backlog',
    aliases: ['backlog', 'product backlog', 'backlog hygiene'],
    loop: 'po',
    body:
      'The single ordered list of work for the squad, owned by the PO. Good hygiene: the top is refined and estimated, ' +
      'stale items get closed, and the order reflects value, risk and dependencies.',
  },
  {
    id: 'refinement',
    title: 'Backlog refinement (grooming)',
    aliases: ['refinement', 'backlog refinement', 'grooming', 'backlog grooming'],
    loop: 'po',
    body:
      'The recurring session where the PO and the team clarify upcoming items, split the big ones, add acceptance criteria and estimate. ' +
      'PO panels often ask you to walk through how you run one.',
  },
  {
    id: 'sprint-goal',
    title: 'Sprint goal',
    aliases: ['sprint goal'],
    loop: 'po',
    body:
      'One sentence on what the sprint is meant to achieve, agreed at sprint planning. It lets the team swap individual items without losing the point, ' +
      'and gives the PO a clear reason to turn away mid-sprint asks.',
  },
  {
    id: 'sprint-planning',
    title: 'Sprint planning',
    aliases: ['sprint planning'],
    loop: 'po',
    body:
      'The session that opens a sprint: the PO brings the ordered, refined backlog and a proposed goal; the team decides how much fits, based on its velocity and availability.',
  },
  {
    id: 'retrospective',
    title: 'Retrospective',
    aliases: ['retrospective', 'retro', 'sprint retrospective'],
    loop: 'po',
    body:
      'The session that closes a sprint, looking at how the team worked rather than what it built. ' +
      'Its output is one or two concrete changes the team tries next sprint.',
  },
  {
    id: 'definition-of-done',
    title: 'Definition of done (DoD)',
    aliases: ['definition of done', 'DoD'],
    loop: 'po',
    body:
      'The quality bar every item must meet before it counts as finished: reviewed, tested, documented, releasable. ' +
      'It applies to all items, unlike acceptance criteria, which are specific to one story.',
  },
  {
    id: 'definition-of-ready',
    title: 'Definition of ready (DoR)',
    aliases: ['definition of ready', 'DoR'],
    loop: 'po',
    body:
      'The checks a story must pass before it can enter a sprint: clear value, acceptance criteria, an estimate, dependencies known, small enough to finish in the sprint.',
  },
  {
    id: 'user-story',
    title: 'User story',
    aliases: ['user story', 'user stories'],
    loop: 'po',
    body:
      'A small requirement told from a user’s side: `As a <role>, I want <one goal>, so that <benefit>.` ' +
      'Keep it to one goal and one sentence, then put the testable detail in acceptance criteria.',
  },
  {
    id: 'acceptance-criteria',
    title: 'Acceptance criteria',
    aliases: ['acceptance criteria', 'acceptance criterion', 'AC'],
    loop: 'po',
    body:
      'The conditions a story must satisfy to be accepted, written so anyone can test them, often as Given / When / Then. ' +
      'Avoid untestable words such as fast or intuitive; name the number or the observable result instead.',
  },
  {
    id: 'invest',
    title: 'INVEST',
    aliases: ['INVEST'],
    loop: 'po',
    body:
      'A checklist for good user stories: Independent, Negotiable, Valuable, Estimable, Small, Testable. ' +
      'Handy when an interviewer hands you a vague story and asks what is wrong with it.',
  },
  {
    id: 'story-points',
    title: 'Story points',
    aliases: ['story points', 'story point', 'SP'],
    loop: 'po',
    body:
      'A relative size for a story, covering effort, complexity and uncertainty, usually on a Fibonacci-like scale (1, 2, 3, 5, 8, 13). ' +
      'A 13 usually will not fit in one sprint: the expected move is to split it, not to argue the number down.',
  },
  {
    id: 'velocity',
    title: 'Velocity',
    aliases: ['velocity', 'team velocity'],
    loop: 'po',
    body:
      'Story points a team completes per sprint, averaged over the last few sprints. It is a planning input for that one team, ' +
      'not a productivity score and not comparable across teams.',
  },
  {
    id: 'cycle-time',
    title: 'Cycle time',
    aliases: ['cycle time'],
    loop: 'po',
    body:
      'Elapsed time from when work on an item starts to when it is done. Lead time also counts the wait before work starts. ' +
      'Shorter, steadier cycle times make delivery dates easier to predict.',
  },
  {
    id: 'predictability',
    title: 'Predictability',
    aliases: ['predictability', 'say/do ratio', 'commitment reliability'],
    loop: 'po',
    body:
      'How closely what the team finishes matches what it planned, sprint after sprint. One of the output metrics a PO answers for, next to velocity and cycle time.',
  },
  {
    id: 'burndown',
    title: 'Burndown chart',
    aliases: ['burndown', 'burn-down', 'burndown chart', 'burn-down chart', 'burnup', 'burn-up'],
    loop: 'po',
    body:
      'Remaining work plotted against time in the sprint (a burnup plots completed work and total scope). ' +
      'A flat line early then a cliff at the end usually means items are too big or work is not being closed as it finishes.',
  },
  {
    id: 'wip',
    title: 'Work in progress (WIP)',
    aliases: ['WIP', 'work in progress', 'WIP limit'],
    loop: 'po',
    body:
      'Items started but not finished. Capping WIP shortens cycle time, because the team finishes work before starting more.',
  },
  {
    id: 'scope-creep',
    title: 'Scope creep',
    aliases: ['scope creep'],
    loop: 'po',
    body:
      'Work added to a sprint or release after it was agreed, often one small ask at a time. ' +
      'A PO protects the sprint by sending new asks to the backlog and trading scope openly when something truly urgent arrives.',
  },
  {
    id: 'epic',
    title: 'Epic',
    aliases: ['epic'],
    loop: 'po',
    body:
      'A body of work too large for one sprint, split into stories. Interviewers often hand over a fuzzy epic and ask you ' +
      'to slice it into pieces that each ship something usable in one to two weeks.',
  },
  {
    id: 'vertical-slice',
    title: 'Vertical slice',
    aliases: ['vertical slice', 'vertical slicing', 'story splitting'],
    loop: 'po',
    body:
      'A piece of a feature that cuts through every layer (UI, logic, data) so it can be demonstrated and released on its own. ' +
      'Splitting by layer instead leaves nothing usable until the last piece lands.',
  },
  {
    id: 'dependency',
    title: 'Cross-team dependency',
    aliases: ['cross-team dependency', 'cross-team dependencies', 'dependency', 'dependencies', 'integration risk'],
    loop: 'po',
    body:
      'Work your squad cannot finish until another team delivers something. A PO surfaces it at refinement, agrees dates and interfaces with the other PO, ' +
      'and orders the backlog so the squad is never idle waiting.',
  },
  {
    id: 'release-plan',
    title: 'Release plan',
    aliases: ['release plan', 'release planning'],
    loop: 'po',
    body: 'The PO’s map from backlog to sprints: which increments ship in which sprint, updated as velocity and scope change.',
  },
  {
    id: 'scrum-master',
    title: 'Scrum Master',
    aliases: ['scrum master'],
    loop: 'po',
    body:
      'The Scrum role that coaches the team on the process and removes blockers. Not the PO: the Scrum Master owns how the team works, the PO owns what comes next in the backlog.',
  },
];

function toMarkdown(t: TermSource): string {
  const loop = t.loop ? ` · ${LOOP_LABEL[t.loop]}` : '';
  return `**${t.title}**${loop}\n\n${t.body}`;
}

/** The glossary, PM terms first, then PO terms. */
export const GLOSSARY: readonly GlossaryEntry[] = Object.freeze(
  TERMS.map((t): GlossaryEntry => {
    const entry: GlossaryEntry = { id: t.id, title: t.title, aliases: [...t.aliases], markdown: toMarkdown(t) };
    if (t.loop) entry.loop = t.loop;
    return Object.freeze(entry);
  }),
);

/** Lookup key: case, spaces, hyphens and underscores do not matter ("Burn-down" = "burndown"). */
function keyOf(word: string): string {
  return word
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .toLowerCase()
    .replace(/[\s\-_]+/g, '');
}

const BY_KEY = new Map<string, GlossaryEntry>();
for (const entry of GLOSSARY) {
  for (const alias of entry.aliases) {
    const key = keyOf(alias);
    if (!BY_KEY.has(key)) BY_KEY.set(key, entry);
  }
}

/**
 * Finds a glossary entry by any of its spellings. Case-insensitive; spaces, hyphens and
 * surrounding punctuation are ignored, and a plural `s` is tolerated ("OKRs", "epics").
 */
export function lookupTerm(word: string): GlossaryEntry | undefined {
  const key = keyOf(word);
  if (!key) return undefined;
  return BY_KEY.get(key) ?? (key.endsWith('s') ? BY_KEY.get(key.slice(0, -1)) : undefined);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Turns an alias into a pattern: a space or hyphen in the alias matches a space, a hyphen or nothing. */
function aliasPattern(alias: string): string {
  const body = alias
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[ \\t-]?');
  return /\p{L}$/u.test(alias) ? `${body}(?:'?s)?` : body;
}

/** Short acronyms (AC, SP, DoD, CAC…) only match with their own capitalisation, so prose like "sp" stays quiet. */
function isCaseSensitive(alias: string): boolean {
  return alias.length <= 3 && /\p{Lu}/u.test(alias);
}

interface AliasMatcher {
  regex: RegExp;
  entryByAlias: Map<string, GlossaryEntry>;
  caseSensitive: boolean;
}

function buildMatcher(caseSensitive: boolean): AliasMatcher {
  const entryByAlias = new Map<string, GlossaryEntry>();
  const aliases: string[] = [];
  for (const entry of GLOSSARY) {
    for (const alias of entry.aliases) {
      if (isCaseSensitive(alias) !== caseSensitive) continue;
      const k = caseSensitive ? alias : keyOf(alias);
      if (!entryByAlias.has(k)) entryByAlias.set(k, entry);
      aliases.push(alias);
    }
  }
  aliases.sort((a, b) => b.length - a.length);
  const alternation = aliases.map(aliasPattern).join('|');
  return {
    regex: new RegExp(`(?:${alternation})(?![\\p{L}\\p{N}_])`, caseSensitive ? 'uy' : 'iuy'),
    entryByAlias,
    caseSensitive,
  };
}

const MATCHERS: readonly AliasMatcher[] = [buildMatcher(false), buildMatcher(true)];
const MAX_ALIAS_LENGTH = Math.max(...GLOSSARY.flatMap((e) => e.aliases.map((a) => a.length))) + 2;

function entryFor(m: AliasMatcher, matched: string): GlossaryEntry | undefined {
  if (!m.caseSensitive) return lookupTerm(matched);
  return m.entryByAlias.get(matched) ?? m.entryByAlias.get(matched.replace(/'?s$/, ''));
}

/**
 * Finds the glossary term under a column of a line, for hovers. Terms may span several
 * words ("CAC payback period"); when terms overlap, the one that covers the column and is
 * longest wins. `column` is a 0-based UTF-16 index; a column just past the end of a term
 * still finds it, as a cursor placed right after a word does.
 *
 * @returns the entry and the `[start, end)` span of the term in `lineText`, or undefined.
 */
export function termAt(
  lineText: string,
  column: number,
): { entry: GlossaryEntry; start: number; end: number } | undefined {
  if (column < 0 || column > lineText.length) return undefined;
  let best: { entry: GlossaryEntry; start: number; end: number; strict: boolean } | undefined;
  const from = Math.max(0, column - MAX_ALIAS_LENGTH);
  for (let start = from; start <= column && start < lineText.length; start++) {
    if (start > 0 && /[\p{L}\p{N}_]/u.test(lineText[start - 1])) continue;
    for (const m of MATCHERS) {
      m.regex.lastIndex = start;
      const match = m.regex.exec(lineText);
      if (!match) continue;
      const end = start + match[0].length;
      if (end < column) continue;
      const entry = entryFor(m, match[0]);
      if (!entry) continue;
      const strict = column < end;
      const better =
        !best ||
        (strict && !best.strict) ||
        (strict === best.strict && end - start > best.end - best.start);
      if (better) best = { entry, start, end, strict };
    }
  }
  return best ? { entry: best.entry, start: best.start, end: best.end } : undefined;
}

// ── Tags ────────────────────────────────────────────────────────────────────────

const LOOP_HOVERS: Record<Loop, string> = {
  pm: [
    '**#pm · Product Manager loop**',
    '',
    'The PM answers for *why* the team builds something and *what* it should be, over a horizon of a quarter up to about three years. ' +
      'They own outcome metrics (activation, retention, revenue) and write the PRD or one-pager, the roadmap, A/B readouts and the unit-economics model.',
    '',
    '**Typical drills:** metrics and unit economics (LTV, CAC payback, NDR) · product sense · a growth or activation funnel case · ' +
      'A/B testing (power, MDE, peeking, sample ratio mismatch) · sometimes a SQL round.',
    '',
    '**Axes to pull:** `#strategy` and `#metrics`; `#stakeholders` when the story is about defending priorities. ' +
      'A sprint-mechanics story answers the wrong question here: retell it around the bet and the number it moved.',
  ].join('\n'),
  po: [
    '**#po · Product Owner loop**',
    '',
    'A role that comes from Scrum: the PO decides *when* work ships and *in which order*, looking no further than the current and the next sprint. ' +
      'They own the backlog, write user stories with acceptance criteria, accept finished work, and report output metrics: velocity, cycle time, predictability.',
    '',
    '**Typical drills:** Scrum mechanics (running refinement, what to do with a 13-point story) · writing a user story with acceptance criteria, often live · ' +
      'stakeholders competing for sprint capacity · slicing a vague epic into pieces of one to two weeks · cross-team dependencies and integration risk.',
    '',
    '**Axes to pull:** `#execution` and `#stakeholders`. Use the vocabulary: backlog hygiene, sprint goal, definition of done. ' +
      'Treat the role as a parallel track to the PM’s, with its own authority, never as a step below it.',
  ].join('\n'),
  hybrid: [
    '**#hybrid · combined PM/PO role**',
    '',
    'One person holds both jobs. Usual at startups and mid-sized orgs, where a squad of roughly 4–6 engineers does not justify a separate PO: ' +
      'the same person does discovery with customers, keeps the backlog and the sprint rhythm, and makes the strategy and experiment calls.',
    '',
    '**Prep both layers:** the PM drills (metrics, product sense, funnels, A/B tests) and the PO drills (Scrum mechanics, user stories, ' +
      'sprint-capacity conflicts, epic slicing, dependencies). Judge a posting by its duties, not its title: duties from both columns mean a hybrid role.',
    '',
    '**Axes to pull:** all four; make sure each loop’s stories carry their own axes.',
  ].join('\n'),
};

const AXIS_HOVERS: Record<Axis, string> = {
  strategy: [
    '**#strategy · axis**',
    '',
    'Where the product should go and why: choosing between bets, saying no, sequencing over quarters or years.',
    '',
    'A strategy story shows how you framed the options, what evidence decided it, and what you gave up. **Pulled by:** PM loops.',
  ].join('\n'),
  metrics: [
    '**#metrics · axis**',
    '',
    'Numbers that define success and the reasoning behind them: choosing a metric, sizing an opportunity, reading an experiment, unit economics.',
    '',
    'A metrics story shows a baseline, a target and a deadline, how you measured the change, and what you did with the result. **Pulled by:** PM loops.',
  ].join('\n'),
  execution: [
    '**#execution · axis**',
    '',
    'Getting the work delivered: backlog order, splitting stories, sprint planning, unblocking the team, handling dependencies.',
    '',
    'An execution story shows the mechanics you ran and how delivery became more predictable. **Pulled by:** PO loops.',
  ].join('\n'),
  stakeholders: [
    '**#stakeholders · axis**',
    '',
    'Working with people who want different things: competing asks for capacity, pushback from leadership, alignment across teams.',
    '',
    'A stakeholder story shows the conflict, how you decided whose ask waited, and how you kept trust. ' +
      '**Pulled by:** PO loops, and PM loops when you defend priorities.',
  ].join('\n'),
};

/**
 * Hover markdown for a loop or axis tag. Accepts `#pm`, `pm`, `#PO`, `Strategy`…
 * @returns undefined for anything that is not one of the seven known tags.
 */
export function tagHover(tag: string): string | undefined {
  const name = tag.trim().replace(/^#/, '').toLowerCase();
  if (Object.prototype.hasOwnProperty.call(LOOP_HOVERS, name)) return LOOP_HOVERS[name as Loop];
  if (Object.prototype.hasOwnProperty.call(AXIS_HOVERS, name)) return AXIS_HOVERS[name as Axis];
  return undefined;
}

/**
 * The one judgement of "this text covers drill X" (src/core/drill-evidence.ts), and that the
 * coverage table, `loop-coverage` and `no-scrum-mechanics` all follow it.
 */
import { describe, expect, it } from 'vitest';
import { buildCoverage, coverageDoc } from '../../src/core/coverage';
import { COVER_SCORE, coveredDrillsIn, judgeDrills, nameListSpans } from '../../src/core/drill-evidence';
import { buildLexicon, classify, findTerms, termRoots } from '../../src/core/lexicon';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';

const covers = (text: string) => [...coveredDrillsIn(text).keys()];
const listed = (text: string) => nameListSpans(text).map(([s, e]) => text.slice(s, e).trim());

describe('a drill counts only when the text is about it', () => {
  it('a sprint as a unit of time is a passing mention, not Scrum mechanics', () => {
    const j = judgeDrills('We got the export out in a single sprint and the auditors were happy.').get('scrum-mechanics');
    expect(j?.covered).toBe(false);
    expect(j?.terms).toEqual(['sprint']);
    expect(j!.score).toBeLessThan(COVER_SCORE);
  });

  it('a design sprint is discovery: it never feeds Scrum mechanics', () => {
    expect(judgeDrills('I ran a design sprint with four clinics to test the booking idea.').has('scrum-mechanics')).toBe(false);
  });

  it('one defining term covers a drill; lighter ones need company', () => {
    expect(covers('I kept the sprint goal when the sales team pushed for a late change.')).toContain('scrum-mechanics');
    expect(covers('The backlog was long.')).not.toContain('scrum-mechanics');
    expect(covers('The backlog was long, so we cut the sprint short.')).toContain('scrum-mechanics');
  });

  it('counts a term and the longer term that holds it once ("sprint" with "next sprint")', () => {
    const j = judgeDrills('The sprint ran late, so the fix moved to the next sprint.').get('scrum-mechanics')!;
    expect(j.terms).toEqual(['next sprint']);
    expect(j.covered).toBe(false);
  });

  it('a defining term inside a longer term of another drill still counts for its own', () => {
    // "protect the sprint goal" is stakeholders-vs-capacity vocabulary; "sprint goal" is Scrum.
    const drills = covers('When support asked for a mid-week change, I chose to protect the sprint goal.');
    expect(drills).toEqual(expect.arrayContaining(['stakeholder-capacity', 'scrum-mechanics']));
  });

  it('a tool named in a list of names is not a story about it', () => {
    const j = judgeDrills('We grouped the lessons by topic (Python, SQL, etc.) and learners got lost.').get('sql')!;
    expect(j.covered).toBe(false);
    expect(j.ignored.map((x) => [x.hit.term, x.why])).toEqual([['sql', 'listed']]);
    expect(covers('Tools: SQL, Looker and Amplitude.')).toEqual([]);
    expect(covers('I wrote the SQL that showed which accounts went quiet after the second week.')).toEqual(['sql']);
  });

  it('quotes the evidence as written, under the longest term', () => {
    const j = judgeDrills('We ran two A/B tests on the Sprint Goal page; the sprint after, we ran a third.').get('ab-testing')!;
    expect(j.terms).toEqual(['ab test']);
    expect(j.said).toEqual(['A/B tests']);
  });

  it('a question or work not done does not cover', () => {
    expect(covers('Did we ever run a proper retrospective?')).toEqual([]);
    expect(covers('I never ran the retrospectives myself.')).toEqual([]);
  });

  it('"guided 12 analysts" is a team, not data work; a data analyst pulling numbers is', () => {
    expect(judgeDrills('I coached 12 analysts on asking better questions of users.').has('sql')).toBe(false);
    expect(judgeDrills('I sat with the analyst to query the order table.').get('sql')?.terms).toContain('analyst');
  });
});

/** Whether `term` is a hit of `text` (in the sense the lexicon reads it). */
const hits = (text: string, term: string): boolean => findTerms(text).some((e) => e.term === term);

describe('words with an everyday sense count only in the drill\'s sense', () => {
  it('"significant" is A/B evidence only in its statistical sense', () => {
    // Must count: a word of statistics or of the experiment's design beside it, or a level after it.
    expect(hits('The lift in the treatment group was significant after two weeks.', 'significant')).toBe(true);
    expect(hits('The checkout change was significant at 95%, so we shipped it.', 'significant')).toBe(true);
    expect(hits('Only the second variant came out significant.', 'significant')).toBe(true);
    expect(hits('The A/B test never reached significance, so I called it flat.', 'significance')).toBe(true);
    expect(hits('We fixed the significance level at 5% before launch.', 'significance level')).toBe(true);
    expect(hits('We read the uplift at a 95% confidence level.', 'confidence level')).toBe(true);
    // Must not: the everyday sense.
    expect(hits('We saw a significant increase in signups after the launch.', 'significant')).toBe(false);
    expect(hits('The result of our efforts was significant.', 'significant')).toBe(false);
    expect(hits('I stressed its significance to the business.', 'significance')).toBe(false);
    expect(hits('The team\'s confidence level was low after the reorg.', 'confidence level')).toBe(false);
    expect(covers('I led a significant change in how we billed. Its significance was plain to everyone.')).toEqual([]);
  });

  it('"lead time", "cycle time", "throughput" and "delivery" are Scrum words only about a team\'s flow of work', () => {
    expect(hits('We cut lead time for tickets from nine days to four by capping WIP.', 'lead time')).toBe(true);
    expect(hits('Cycle time per story fell to three days.', 'cycle time')).toBe(true);
    expect(hits('Throughput rose to eleven stories a sprint.', 'throughput')).toBe(true);
    expect(hits('Supplier lead times varied from four to eleven days.', 'lead time')).toBe(false);
    expect(hits('Lead times kept slipping.', 'lead time')).toBe(false);
    expect(hits('The factory\'s cycle time fell by a third.', 'cycle time')).toBe(false);
    expect(hits('Warehouse throughput doubled after the new shelving.', 'throughput')).toBe(false);
    expect(hits('API throughput held at peak traffic.', 'throughput')).toBe(false);
    expect(hits('On-time deliveries from our suppliers rose to 93%.', 'delivery')).toBe(false);
  });

  it('a cross-functional team is a team\'s shape, not Scrum mechanics; a user term can say otherwise', () => {
    expect(judgeDrills('I led a cross-functional team of design, data and engineering.').has('scrum-mechanics')).toBe(false);
    const lex = buildLexicon({ po: [{ term: 'cross functional team', weight: 1, drill: 'scrum-mechanics' }] });
    expect(judgeDrills('I led a cross-functional team of design, data and engineering.', lex).get('scrum-mechanics')?.terms).toEqual(['cross functional team']);
    // A user term replaces the built-in one, sense rule and all: a Kanban team's notes can count every lead time.
    const kanban = buildLexicon({ po: [{ term: 'lead time', weight: 2, drill: 'scrum-mechanics' }] });
    expect(judgeDrills('Lead times kept slipping.', kanban).get('scrum-mechanics')?.terms).toEqual(['lead time']);
  });

  it('a data role is not SQL work; the writer querying beside it is', () => {
    expect(hits('We hired two data analysts and a data scientist.', 'data analyst')).toBe(false);
    expect(hits('We hired two data analysts and a data scientist.', 'data scientist')).toBe(false);
    expect(hits('The analyst shared the weekly numbers.', 'analyst')).toBe(false);
    expect(hits('I queried the orders table with our data analyst.', 'data analyst')).toBe(true);
    expect(judgeDrills('I queried the orders table with our data analyst.').get('sql')?.covered).toBe(true);
  });

  it('analytics and a dashboard are SQL evidence when someone digs into them, not as a feature or a team', () => {
    expect(hits('I dug into our analytics and found that users who finished setup stayed.', 'analytics')).toBe(true);
    expect(hits('I built a dashboard to track activation by week.', 'dashboard')).toBe(true);
    expect(hits('- Usage analytics dashboard', 'analytics')).toBe(false);
    expect(hits('- Usage analytics dashboard', 'dashboard')).toBe(false);
    expect(hits('The analytics team owned the reporting.', 'analytics')).toBe(false);
    expect(hits('Leadership wanted a redesign of the dashboard home.', 'dashboard')).toBe(false);
    expect(hits('Write a query with GROUP BY and HAVING to count orders per user.', 'group by')).toBe(true);
    expect(hits('Feedback was grouped by theme and persona.', 'group by')).toBe(false);
  });

  it('A/B words with an AI, effort or classifier sense', () => {
    expect(hits('I set order cancellations as a guardrail, and they rose 3%.', 'guardrail')).toBe(true);
    expect(hits('Add an output guardrail so the model never leaks PII.', 'guardrail')).toBe(false);
    expect(hits('Peeking early gave us a false positive on the pricing test.', 'false positive')).toBe(true);
    expect(hits('The fraud model flagged too many false positives.', 'false positive')).toBe(false);
    expect(hits('The new flow gave a 4% lift in conversion against control.', 'lift')).toBe(true);
    expect(hits('The migration was a heavy lift for the team.', 'lift')).toBe(false);
  });

  it('Scrum words with a sales, pet-care, AI or experiment sense', () => {
    expect(hits('Velocity dropped after the team lost two engineers.', 'velocity')).toBe(true);
    expect(hits('Sales velocity doubled after the pricing change.', 'velocity')).toBe(false);
    expect(hits('Sprint predictability rose once we sized stories together.', 'predictability')).toBe(true);
    expect(hits('Annual plans made revenue more predictable.', 'predictable')).toBe(false);
    expect(hits('In refinement we split the story into three.', 'refinement')).toBe(true);
    expect(hits('Each prompt refinement cut the wrong answers.', 'refinement')).toBe(false);
    expect(hits('I designed a booking app for pet grooming salons.', 'grooming')).toBe(false);
    expect(hits('Unfinished work kept causing spillover into the next sprint.', 'spillover')).toBe(true);
    expect(hits('Spillover effects between treatment and control muddied the read.', 'spillover')).toBe(false);
    expect(hits('The product owner\'s acceptance came at the review.', 'acceptance')).toBe(true);
    expect(hits('Driver acceptance rate fell to 70%.', 'acceptance')).toBe(false);
  });

  it('growth words with an everyday sense, and drill words that name a team', () => {
    expect(hits('We got there by trial and error.', 'trial')).toBe(false);
    expect(hits('Most trial users never invited a teammate.', 'trial')).toBe(true);
    expect(hits('Trial users convert to paid in the second week.', 'convert')).toBe(true);
    expect(hits('Convert the estimate into a range before you present it.', 'convert')).toBe(false);
    expect(hits('Our funnel leaks at the address step.', 'leak')).toBe(true);
    expect(hits('A data leak forced us to pause the launch.', 'leak')).toBe(false);
    expect(hits('The growth team owned onboarding.', 'growth')).toBe(false);
    expect(hits('Growth stalled once paid search got expensive.', 'growth')).toBe(true);
    expect(hits('I asked our experimentation lead for help.', 'experimentation')).toBe(false);
  });

  it('a supply-chain story told with everyday words covers neither A/B testing, Scrum nor SQL', () => {
    const story =
      'I led a cross-functional team of buyers, data analysts and warehouse leads. We found a significant gap in lead times between suppliers, ' +
      'and the advanced analytics we ran showed why. On-time deliveries rose from 81% to 93%.';
    const drills = covers(story);
    expect(drills).not.toContain('ab-testing');
    expect(drills).not.toContain('scrum-mechanics');
    expect(drills).not.toContain('sql');
  });
});

describe('evidence in messages', () => {
  it('names a counted role without its head count, and keeps a number that belongs to the term', () => {
    const text = `---\nloop: pm\n---\n\n## Set up the churn review\n\nI hired 3 analysts to query the billing tables for the churn review, and we cut churn from 4% to 3% by June.\n`;
    const msg = lintText(text).findings.find((f) => f.ruleId === 'untagged-story')?.message ?? '';
    expect(msg).toContain('analysts');
    expect(msg).not.toContain('3 analysts');
    const po = `---\nloop: po\n---\n\n## Cut the story down\n\nIn refinement I split a 13-point story so it fit the sprint and kept the sprint goal.\n`;
    expect(lintText(po).findings.find((f) => f.ruleId === 'untagged-story')?.message).toContain('13-point story');
  });
});

describe('lists of names', () => {
  it('finds names in parentheses, after a label or a colon, a bare list line and names ending in "etc."', () => {
    expect(listed('The course pages (Java, Go, Rust) were sorted by language.')).toEqual(['(Java, Go, Rust)']);
    expect(listed('**Skills**: roadmaps, pricing, SQL')).toEqual(['roadmaps, pricing, SQL']);
    expect(listed('Ran three workshops: goals, team charters, retrospectives')).toEqual(['goals, team charters, retrospectives']);
    expect(listed('- Figma, Miro, Notion')).toEqual(['Figma, Miro, Notion']);
    expect(listed('I picked up tools like Excel, Python, R, etc. on the job.')).toEqual(['Excel, Python, R, etc']);
  });

  it('leaves results, actions and told sentences alone', () => {
    expect(listed('Result: signups up 12%, churn down 3%, tickets down 40%')).toEqual([]);
    expect(listed('Actions: rewrote the brief, shipped the pilot, measured the uptake')).toEqual([]);
    expect(listed('Tools: I moved the team off spreadsheets and into one shared board.')).toEqual([]);
    expect(listed('We ran refinement every Tuesday, planning on Thursdays and a retro at the end.')).toEqual([]);
  });

  it('stays linear on long lines of commas and brackets', () => {
    const long = `${'a, '.repeat(20000)}etc, ${'(b'.repeat(20000)})`;
    expect(() => nameListSpans(long)).not.toThrow();
    expect(nameListSpans('')).toEqual([]);
  });
});

describe('the same span counts once', () => {
  it('a term inside a longer term found too is one piece of evidence', () => {
    const hits = [
      { term: 'vision', loop: 'pm' as const, weight: 2 },
      { term: 'product vision', loop: 'pm' as const, weight: 3 },
      { term: 'sprint', loop: 'po' as const, weight: 1.2 },
    ];
    expect([...termRoots(hits)]).toEqual([['vision', 'product vision']]);
  });

  it('the classifier scores "vision" beside "product vision" as a repeat, and lists it under it', () => {
    const text = 'Every team had its own vision. I kept us true to the product vision and won their buy-in.';
    const c = classify(text);
    const vision = c.evidence.pm.find((e) => e.term === 'vision');
    expect(vision?.within).toBe('product vision');
    expect(c.evidence.pm.filter((e) => !e.within).map((e) => e.term)).toEqual(['product vision', 'buy in']);
    // As a repeat: less than the two weights added up.
    expect(c.score.pm).toBeLessThan(2 + 3 + 1);
  });
});

describe('coverage and the rules agree', () => {
  const PASSING = `---
loop: po
---

## Moved the payroll export before year end #po #execution

I agreed the export columns with finance and the engineers, and we shipped it in one sprint. Finance
signed off on the first run, and the year-end close took two days less than the one before.

## Ran a design sprint on the new onboarding #po #stakeholders

I ran a design sprint with six customers and the support lead to see where new admins got stuck;
the invite step confused four of them, so we moved it after the first payslip.
`;

  it('a PO doc whose stories mention sprints only in passing: 0 Scrum stories, a warning and a gap', () => {
    const doc = parsePrepDoc(PASSING);
    const c = buildCoverage([coverageDoc('po.md', doc)]);
    expect(c.drills['scrum-mechanics'].stories).toBe(0);
    expect(c.gaps).toContain('scrum-mechanics');
    const findings = lintText(PASSING).findings;
    const scrum = findings.find((f) => f.ruleId === 'no-scrum-mechanics');
    expect(scrum?.severity).toBe('warning');
    expect(scrum?.message).toMatch(/only in passing \("sprint", "signed off"\)/);
    expect(findings.find((f) => f.ruleId === 'loop-coverage')?.message).toContain('Scrum mechanics');
  });

  it('once one story is about Scrum mechanics, all three say so, with the evidence', () => {
    const told = PASSING.replace('we shipped it in one sprint.', 'we shipped it in one sprint; in refinement I cut it so it met our definition of done.');
    const c = buildCoverage([coverageDoc('po.md', parsePrepDoc(told))]);
    expect(c.drills['scrum-mechanics'].stories).toBe(1);
    expect(c.stories[0].evidence['scrum-mechanics']).toEqual(['definition of done', 'refinement', 'sprint', 'signed off']);
    const findings = lintText(told).findings;
    expect(findings.some((f) => f.ruleId === 'no-scrum-mechanics')).toBe(false);
    expect(findings.find((f) => f.ruleId === 'loop-coverage')?.message ?? '').not.toContain('Scrum mechanics');
  });
});

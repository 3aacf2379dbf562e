/**
 * The one judgement of "this text covers drill X" (src/core/drill-evidence.ts), and that the
 * coverage table, `loop-coverage` and `no-scrum-mechanics` all follow it.
 */
import { describe, expect, it } from 'vitest';
import { buildCoverage, coverageDoc } from '../../src/core/coverage';
import { COVER_SCORE, coveredDrillsIn, judgeDrills, nameListSpans } from '../../src/core/drill-evidence';
import { classify, termRoots } from '../../src/core/lexicon';
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

describe('evidence in messages', () => {
  it('names a counted role without its head count, and keeps a number that belongs to the term', () => {
    const text = `---\nloop: pm\n---\n\n## Set up the churn review\n\nI hired 3 analysts to build the dashboards for the churn review, and we cut churn from 4% to 3% by June.\n`;
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

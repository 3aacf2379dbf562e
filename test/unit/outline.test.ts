/**
 * Outline artifacts (src/core/artifacts/outline.ts): which headings are PRDs, and the estimate
 * shapes the story-points rule reads.
 */
import { describe, expect, it } from 'vitest';
import { isPrdTitle, partIdsOf } from '../../src/core/artifacts/outline';
import { applyFindingFixes } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';
import { nearestOnScale } from '../../src/core/rules/story-points';

describe('isPrdTitle', () => {
  it.each([
    'PRD',
    'PRD: Saved carts',
    'PRD — search',
    'PRD - search',
    'PRD for saved carts',
    'Saved carts PRD',
    'Shared carts PRD',
    'Onboarding PRD',
    'Pricing one-pager',
    'Checkout one-pager',
    'One-pager: search filters',
    'One-pager — annual plan nudge',
    'Draft PRD — search',
    'Draft PRD (v2)',
    'Checkout PRD v2',
    'Saved carts: PRD',
    'Search — one-pager',
    'Product brief: saved carts',
  ])('%s names a PRD', (title) => {
    expect(isPrdTitle(title)).toBe(true);
  });

  it.each([
    'PRD review with engineering',
    'PRD review: checkout',
    'Wrote the PRD that killed the roadmap',
    'I wrote the PRD',
    'Shipped the PRD in a week',
    'Writing the PRD',
    'Reviewing the checkout PRD',
    'How I wrote the checkout PRD',
    'Pushing back on the PRD',
    'Feedback on checkout PRD',
    'Notes from the PRD',
    'The PRD',
    'Convinced the VP with a one-pager',
    'Led the pricing review',
  ])('%s is a story that mentions one', (title) => {
    expect(isPrdTitle(title)).toBe(false);
  });

  it('answers at once on long titles', () => {
    const started = Date.now();
    for (const t of ['PRD '.repeat(20000), 'a '.repeat(50000) + 'PRD', '— '.repeat(30000) + 'PRD', 'PRD' + ' ('.repeat(30000)]) isPrdTitle(t);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('partIdsOf', () => {
  it.each([
    ['Goals and non-goals', ['goals', 'non-goals']],
    ['2. Business objectives & key performance indicators (KPIs)', ['goals']],
    ['4. High-level requirements & scope', ['requirements']],
    ['Technical risks and mitigations', ['risks']],
    ['Appendix: open questions', ['risks']],
    ['Intended users', ['users']],
  ])('a short heading names its parts wherever they sit: %s', (heading, ids) => {
    expect(partIdsOf(heading)).toEqual(ids);
  });

  it.each([
    'What we learned from the couriers we shadowed',
    'What I learned from users',
    'How I got the team to agree on the requirements',
    'Notes from a long afternoon spent reading competitor apps and their user reviews',
  ])('a sentence or a long heading names no part unless it starts with one: %s', (heading) => {
    expect(partIdsOf(heading)).toEqual([]);
  });

  it('a label still has to be part names only', () => {
    expect(partIdsOf('Risks and open questions', 'label')).toEqual(['risks']);
    expect(partIdsOf('Business objectives', 'label')).toEqual([]);
  });
});

describe('PRD detection and interview stories', () => {
  const FRONT = '---\nloop: pm\n---\n\n';

  it('a tagged story heading that mentions a PRD is never a PRD, whatever its sub-headings', () => {
    const text = `${FRONT}## PRD review with engineering #pm #stakeholders\n\nWe cut scope together.\n\n### Context\n\nThe launch was in Q3.\n\n### Risks\n\nThe sync job.\n`;
    const doc = parsePrepDoc(text);
    expect(doc.artifacts.prds).toEqual([]);
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['PRD review with engineering']);
    const { findings } = lintText(text);
    expect(findings.filter((f) => f.ruleId === 'prd-missing-section')).toEqual([]);
    expect(applyFindingFixes(text, findings)).not.toMatch(/### Problem|TODO/);
  });

  it('a PRD-titled heading with a loop tag is a story, not a PRD', () => {
    const doc = parsePrepDoc(`${FRONT}## PRD: Saved carts #pm #strategy\n\nHow I walked the panel through the one-pager.\n`);
    expect(doc.artifacts.prds).toEqual([]);
    expect(doc.stories).toHaveLength(1);
  });

  it('an untagged PRD heading still is one', () => {
    const doc = parsePrepDoc(`${FRONT}## PRD: Saved carts\n\n### Problem\n\nShoppers lose carts.\n`);
    expect(doc.artifacts.prds.map((p) => [p.title, p.present])).toEqual([['PRD: Saved carts', ['problem']]]);
  });

  it('a PRD that starts above story level ends at the next tagged story', () => {
    const text = `${FRONT}# PRD: Setup checklist\n\n## Background\n\nAdmins never invite.\n\n## Success metrics\n\n- Activation from 31% to 38% by Q3\n\n## Shipped the checklist #pm #execution\n\nWe shipped it in two sprints.\n\n### Risks\n\nNone left.\n`;
    const doc = parsePrepDoc(text);
    expect(doc.artifacts.prds).toHaveLength(1);
    const prd = doc.artifacts.prds[0];
    expect(prd.present).toEqual(['problem', 'goals']);
    expect(text.slice(prd.range.end.offset)).toMatch(/^## Shipped the checklist/);
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Shipped the checklist']);
    expect(doc.sections.filter((s) => s.kind === 'artifact').map((s) => s.heading?.title)).toEqual(['Background', 'Success metrics']);
    // The fix adds the missing parts before the story, not into it.
    const fixed = applyFindingFixes(text, lintText(text).findings.filter((f) => f.ruleId === 'prd-missing-section'));
    expect(fixed.indexOf('## Non-goals')).toBeLessThan(fixed.indexOf('## Shipped the checklist'));
  });
});

describe('estimates', () => {
  const estimates = (body: string) => {
    const text = `---\nloop: po\n---\n\n## Backlog\n\n${body}`;
    return parsePrepDoc(text).artifacts.estimates.map((e) => [e.value, text.slice(e.range.start.offset, e.range.end.offset), text.slice(e.valueRange.start.offset, e.valueRange.end.offset)]);
  };

  it('reads [N], a trailing "Estimate: N" and "(Est. N)" after a story', () => {
    expect(
      estimates(
        [
          '- As a shopper, I want to pay, so that checkout is fast. [21]',
          '- As a shopper, I want to split a bill, so that friends pay. Estimate: 21',
          '- As a shopper, I want instalments, so that big baskets feel smaller. (Est. 21)',
          'As a shopper, I want receipts, so that I file expenses. [SP 8]',
          '- As a shopper, I want a wish list, so that I come back. Points: 3.',
        ].join('\n') + '\n',
      ),
    ).toEqual([
      [21, '[21]', '21'],
      [21, 'Estimate: 21', '21'],
      [21, '(Est. 21)', '21'],
      [8, '[SP 8]', '8'],
      [3, 'Points: 3', '3'],
    ]);
  });

  it('reads the estimate column of a pipe table', () => {
    expect(
      estimates(
        [
          '| Story | Points | Owner |',
          '| --- | ---: | --- |',
          '| As a buyer, I want to reorder, so that my weekly shop is one click. | 21 | Dana |',
          '| Refund reasons \\| export | **3** | Li |',
          '| Bulk refunds | tbd | Li |',
          '',
          'SP | Ticket',
          '---|---',
          '5 pts | Export orders',
          '',
          '> | Ticket | Estimate (pts) |',
          '> |---|---|',
          '> | Retry payouts | 40 |',
        ].join('\n') + '\n',
      ),
    ).toEqual([
      [21, '21', '21'],
      [3, '**3**', '3'],
      [5, '5 pts', '5'],
      [40, '40', '40'],
    ]);
  });

  it('leaves numbers in prose, other columns and tables without an estimate column alone', () => {
    expect(
      estimates(
        [
          'We closed 21 stories [3] in that sprint. Estimate: 21 was never the plan.',
          '',
          '| Team | Sprint | Velocity |',
          '| --- | --- | --- |',
          '| Payments | 14 | 30 |',
          '',
          '| Points | 21 |',
          'not a delimiter row',
          '',
          'Acme (est. 1999) sells carts.',
        ].join('\n') + '\n',
      ),
    ).toEqual([]);
  });

  it('story-points names the scale values either side of an off-scale estimate', () => {
    expect(nearestOnScale(7)).toEqual([5, 8]);
    expect(nearestOnScale(4)).toEqual([3, 5]);
    expect(nearestOnScale(0.7)).toEqual([0.5, 1]);
    expect(nearestOnScale(150)).toEqual([100]);
    const text = '---\nloop: po\n---\n\n## Backlog\n\n- As a shopper, I want to compare plans, so that I pick the right one. (7)\n';
    expect(lintText(text).findings.find((f) => f.ruleId === 'story-points')?.message).toMatch(/re-estimate as 5 or 8\.$/);
  });

  it('reads huge tables and pipe runs in bounded time', () => {
    const started = Date.now();
    const row = '| As a buyer, I want x, so that y | 3 |\n';
    const cases = [
      `| Story | Points |\n| --- | --- |\n${row.repeat(5000)}`,
      '|'.repeat(100000),
      `| Points |\n|${'-|'.repeat(50000)}\n${'| 1 '.repeat(30000)}\n`,
      `${'| a '.repeat(20000)}\n${'|---'.repeat(20000)}\n`,
      `- As a shopper, I want x, so that y. ${'Estimate: 1. '.repeat(10000)}\n`,
      `(${'Est. '.repeat(20000)}21)\n`,
    ];
    for (const body of cases) lintText(`---\nloop: po\n---\n\n## Backlog\n\n${body}`);
    expect(Date.now() - started).toBeLessThan(15000);
  });
});

describe('prd-missing-section fixes', () => {
  it('are manual when the heading only mentions a PRD and was taken for one by its parts', () => {
    const text = '---\nloop: pm\n---\n\n# Checkout PRD review\n\n## Background\n\nConversion was flat.\n\n## Risks\n\nThe sync job.\n\n# PRD: Saved carts\n\n## Problem\n\nShoppers lose carts.\n';
    const findings = lintText(text).findings.filter((f) => f.ruleId === 'prd-missing-section');
    expect(findings.map((f) => [f.range.start.line + 1, f.fixes?.[0].manual ?? false])).toEqual([
      [5, true],
      [15, false],
    ]);
    const fixed = applyFindingFixes(text, findings);
    expect(fixed.slice(0, fixed.indexOf('# PRD: Saved carts'))).not.toMatch(/TODO/);
    expect(fixed.slice(fixed.indexOf('# PRD: Saved carts'))).toMatch(/## Non-goals/);
  });
});

describe('estimate totals', () => {
  const totals = (body: string) => {
    const text = `---\nloop: po\n---\n\n${body}`;
    return parsePrepDoc(text).artifacts.estimates.map((e) => [e.value, e.of ?? 'story', e.why ?? '']);
  };

  it('reads an epic heading’s fields over estimated stories as a total, and says why', () => {
    const found = totals(
      [
        '## Epic: Saved carts',
        '',
        '**Owner:** Li | **Story points:** 13',
        '',
        '### Story: keep my cart',
        '',
        '- As a shopper, I want my cart kept, so that I can finish on my phone.',
        '',
        'Points: 5',
        '',
        '### Story: share my cart',
        '',
        '- As a shopper, I want to share my cart, so that someone else can pay.',
        '',
        'Points: 8',
      ].join('\n') + '\n',
    );
    expect(found).toEqual([
      [13, 'total', 'it is the sum of the 2 estimates under “Epic: Saved carts”'],
      [5, 'story', ''],
      [8, 'story', ''],
    ]);
  });

  it('sees the epic across sections: a level-1 epic over level-2 stories', () => {
    const found = totals(['# Epic: Saved carts (21 pts)', '', '## Keep my cart', '', 'Points: 8', '', '## Share my cart', '', 'Points: 13'].join('\n') + '\n');
    expect(found.map((f) => f[1])).toEqual(['total', 'story', 'story']);
  });

  it('tells an epic with nothing under it from one split into stories', () => {
    expect(totals('## Epic: Vouchers\n\nStory points: 40\n\nNot broken down yet.\n')).toEqual([[40, 'epic', 'it belongs to “Epic: Vouchers”, an epic with no stories under it yet']]);
  });

  it('reads sprint loads, written sums and group labels as totals, never an item line that mentions them', () => {
    const found = totals(
      [
        '## Plan',
        '',
        '- Sprint 3: search = 21 points',
        '- Search + filters = 34 points',
        '- **Blocked stories:** 26 points',
        '- Import stories from the old tracker (21 pts)',
        '- Upgrade the SDK before Sprint 4 (21 pts)',
      ].join('\n') + '\n',
    );
    expect(found.map((f) => [f[0], f[1]])).toEqual([
      [21, 'total'],
      [34, 'total'],
      [26, 'total'],
      [21, 'story'],
      [21, 'story'],
    ]);
  });

  it('keeps a story heading’s own estimate, and the fields right under a plain heading', () => {
    const found = totals(
      [
        '## Story: bulk refunds',
        '',
        'Story points: 21',
        '',
        '- As an agent, I want bulk refunds, so that a recall is quick.',
        '',
        '## US-7 Export receipts',
        '',
        '**Points:** 21',
        '',
        '## Gift wrap (20 pts)',
        '',
        'Estimate: 3',
      ].join('\n') + '\n',
    );
    expect(found.map((f) => f[1])).toEqual(['story', 'story', 'story', 'story']);
  });

  it('reads an estimate written as a heading, or glued to the next field', () => {
    expect(
      parsePrepDoc(['---', 'loop: po', '---', '', '## Backlog', '', '### Estimated Story Points: 13', '', 'Story Points: 8Priority: P1', 'Points: 5Status: ready', 'Estimate: 4hrs', 'Estimate: 2Days'].join('\n') + '\n').artifacts.estimates.map((e) => [e.value, e.raw]),
    ).toEqual([
      [13, 'Story Points: 13'],
      [8, 'Story Points: 8'],
      [5, 'Points: 5'],
    ]);
  });
});

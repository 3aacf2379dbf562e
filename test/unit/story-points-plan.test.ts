/**
 * story-points in a sprint plan: a section that lists work items with their points is an
 * artifact, an estimate may share its parenthesis with another label, and an item already kept
 * out of the sprint is told how to come back in (info), not that planning went wrong.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';

const PLAN = [
  '---',
  'loop: po',
  '---',
  '',
  '# Sprint 7 plan',
  '',
  '## Sprint commitment',
  '',
  '| Item | Points |',
  '|---|---|',
  '| Export invoices as PDF | 5 |',
  '| Upgrade the payments SDK | 3 |',
  '| Invoice search | 13 |',
  '',
  '### Deferred to a later sprint',
  '',
  '- **Multi-currency invoices (finance priority – 21 pts)**',
  '',
].join('\n');

describe('story-points in a sprint plan', () => {
  it('reads the plan as an artifact and says why', () => {
    const r = lintText(PLAN);
    const section = r.doc!.sections.find((s) => s.heading?.title === 'Sprint commitment');
    expect(section?.kind).toBe('artifact');
    expect(section?.kindReason).toBe('it lists 4 work items with story-point estimates (a sprint plan or a backlog)');
  });

  it('warns on a big item in the sprint, and only informs on one kept out of it', () => {
    const found = lintText(PLAN).findings.filter((f) => f.ruleId === 'story-points');
    expect(found.map((f) => [f.range.start.line + 1, f.severity])).toEqual([
      [13, 'warning'],
      [17, 'info'],
    ]);
    expect(found[1].message).toMatch(/You have kept it out of this sprint/);
    expect(found[0].message).not.toMatch(/kept it out/);
  });
});

describe('story-points on totals', () => {
  const doc = [
    '---',
    'loop: po',
    '---',
    '',
    '## Epic: Vouchers',
    '',
    'Story points: 40',
    '',
    '## Epic: Saved carts',
    '',
    'Story points: 40',
    '',
    '- As a shopper, I want my cart kept, so that I can finish on my phone. (8)',
    '- As a shopper, I want to share my cart, so that someone else can pay. (13)',
    '',
    '## Story: bulk refunds',
    '',
    'Story points: 21',
    '',
    '- As an agent, I want bulk refunds, so that a recall is quick.',
    '',
  ].join('\n');

  it('informs on an epic not split yet, is silent on a split epic’s total, and warns on a 21-point story', () => {
    const found = lintText(doc).findings.filter((f) => f.ruleId === 'story-points');
    expect(found.map((f) => [f.range.start.line + 1, f.severity])).toEqual([
      [7, 'info'],
      [14, 'warning'],
      [18, 'warning'],
    ]);
    expect(found[0].message).toMatch(/^40 points on an epic is a rough size, not a story \(it belongs to “Epic: Vouchers”, an epic with no stories under it yet\)\. Before sprint planning, write it as stories/);
    expect(found[2].message).toMatch(/^21 points is too big to finish inside one sprint/);
  });
});

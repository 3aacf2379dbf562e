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

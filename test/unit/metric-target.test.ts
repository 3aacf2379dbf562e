/**
 * metric-target messages: they name only what a goal line really lacks, and a list whose lines
 * all lack the same parts gets one finding over the run.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';

function findings(body: string): { line: number; text: string; message: string }[] {
  const text = `---\nloop: pm\n---\n\n${body}`;
  return lintText(text)
    .findings.filter((f) => f.ruleId === 'metric-target')
    .map((f) => ({ line: f.range.start.line - 3, text: text.slice(f.range.start.offset, f.range.end.offset), message: f.message }));
}

describe('metric-target', () => {
  it('names only the missing baseline when a line gives a target and a deadline', () => {
    const [f] = findings('# PRD: Voice search\n\n## Success metrics\n\n- Voice share: 60%+ of searches by voice within 30 days\n');
    expect(f.message).toMatch(/^This goal has no baseline\./);
    expect(f.message).not.toMatch(/target|by when/);
  });

  it('names only the missing deadline', () => {
    const [f] = findings('# PRD: Voice search\n\n## Goals\n\n- Lift repeat searches from 12% to 20%\n');
    expect(f.message).toMatch(/^This goal has no deadline\. Say by when it must land/);
  });

  it('reports a run of lines that lack the same parts once, over the run', () => {
    const list = findings('# Returns: business requirements\n\n## Objectives\n\n- Cut refund wait by 30%.\n- Lift portal use by 20%.\n- Halve refund calls by end of Q4.\n');
    expect(list).toHaveLength(2);
    expect(list[0].line).toBe(5);
    expect(list[0].text).toBe('Cut refund wait by 30%.\n- Lift portal use by 20%.');
    expect(list[0].message).toMatch(/^These 2 objectives have no baseline or deadline\. Add where the number is now and by when/);
    expect(list[1].message).toMatch(/^This objective has no baseline\./);
  });

  it('keeps lines of different lists apart', () => {
    const list = findings('# PRD: Returns\n\n## Goals\n\n- Lift repeat use by 20%\n\nAnd for support:\n\n- Cut refund calls by 15%\n');
    expect(list.map((f) => f.line)).toEqual([5, 9]);
  });

  it('reads a goals table by its column names and never the header row', () => {
    const list = findings(
      '# PRD: Returns\n\n## Success metrics\n\n| Metric | Baseline | Target | By when |\n|---|---|---|---|\n| Refund wait (days) | 9 | 5 | end of Q3 |\n| Portal share | 20% | 60% | |\n',
    );
    expect(list).toHaveLength(1);
    expect(list[0].line).toBe(8);
    expect(list[0].message).toMatch(/^This goal has no deadline\./);
  });

  it('stays quiet on guardrail tables, quality bars, delivery milestones and metric titles', () => {
    const list = findings(
      [
        '# PRD: Voice search',
        '',
        '## Goals',
        '',
        '- **Product goal:** Working demo of voice and text in 1 week',
        '- **User goal:** Shoppers find an item by saying it, without opening dashboards',
        '',
        '## Success metrics',
        '',
        '**Voice share (weekly)**',
        '- **Transcription accuracy:** ≥90%',
        '- **P95 latency:** <3 seconds',
        '',
        '### Guardrails',
        '',
        '| Metric | Acceptable floor |',
        '|---|---|',
        '| Crash rate | <0.5% |',
        '',
      ].join('\n'),
    );
    expect(list).toEqual([]);
  });
});

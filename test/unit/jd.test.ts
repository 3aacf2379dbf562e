/**
 * Job descriptions are read by their responsibilities: every fixture in test/fixtures/jd carries its
 * expected verdict (and what its title claims) in front matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JD_THRESHOLDS, classifyJobDescription, type JdResult } from '../../src/core/jd';
import { buildLexicon } from '../../src/core/lexicon';

const DIR = join(__dirname, '..', 'fixtures', 'jd');

interface Fixture {
  file: string;
  text: string;
  expected: JdResult['verdict'];
  titleSays?: JdResult['titleSays'];
}

const FIXTURES: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const expected = /^expected:\s*(\w+)\s*$/m.exec(text)?.[1] as JdResult['verdict'];
    const titleSays = /^titleSays:\s*(\w+)\s*$/m.exec(text)?.[1] as JdResult['titleSays'];
    return { file, text, expected, ...(titleSays ? { titleSays } : {}) };
  });

describe('job-description fixtures', () => {
  it('has at least 22 fixtures covering every verdict and both kinds of disguised title', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(22);
    for (const v of ['pm', 'po', 'hybrid', 'unclear'] as const) expect(FIXTURES.some((f) => f.expected === v), v).toBe(true);
    expect(FIXTURES.some((f) => f.titleSays === 'po' && f.expected === 'pm')).toBe(true);
    expect(FIXTURES.some((f) => f.titleSays === 'pm' && f.expected === 'po')).toBe(true);
  });

  it.each(FIXTURES.map((f) => [f.file, f] as const))('%s', (_file, f) => {
    const r = classifyJobDescription(f.text);
    expect(r.verdict).toBe(f.expected);
    expect(r.titleSays).toBe(f.titleSays);
    const mismatch = f.titleSays !== undefined && f.expected !== 'unclear' && f.titleSays !== f.expected;
    expect(r.titleMismatch).toBe(mismatch);
  });
});

describe('classifyJobDescription', () => {
  const PO_BODY = [
    '## What you will do',
    '- Own and order the backlog for one Scrum team',
    '- Run refinement and sprint planning',
    '- Write user stories with acceptance criteria',
    '- Accept finished work against the definition of done',
  ].join('\n');

  it('returns the documented shape', () => {
    const r = classifyJobDescription(`# Product Manager, Claims\n\n${PO_BODY}\n`);
    expect(r.verdict).toBe('po');
    expect(r.title).toBe('Product Manager, Claims');
    expect(r.titleSays).toBe('pm');
    expect(r.titleMismatch).toBe(true);
    expect(r.scores.po).toBeGreaterThan(r.scores.pm);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.prep.length).toBeGreaterThanOrEqual(4);
    expect(r.prep.length).toBeLessThanOrEqual(7);
    expect(r.screeningQuestions.length).toBeGreaterThanOrEqual(4);
    expect(r.screeningQuestions[0]).toMatch(/title says product manager/i);
    for (const s of [...r.prep, ...r.screeningQuestions]) expect(s.trim().length).toBeGreaterThan(20);
  });

  it('points evidence at 1-based lines with the trimmed text', () => {
    const text = `Product Owner\r\n\r\n${PO_BODY.replace(/\n/g, '\r\n')}\r\n`;
    const r = classifyJobDescription(text);
    const lines = text.split(/\r\n/);
    expect(r.evidence.length).toBeGreaterThan(0);
    for (const e of r.evidence) {
      expect(e.text).toBe(lines[e.line - 1]!.trim());
      expect(e.terms.length).toBeGreaterThan(0);
      expect(e.loop).toBe('po');
    }
    expect(r.evidence.map((e) => e.line)).not.toContain(1); // the title never counts
  });

  it('ignores the title for the verdict', () => {
    const a = classifyJobDescription(`Product Owner\n\n${PO_BODY}`);
    const b = classifyJobDescription(`Senior Product Manager\n\n${PO_BODY}`);
    expect(a.verdict).toBe(b.verdict);
    expect(a.scores).toEqual(b.scores);
    expect(a.titleMismatch).toBe(false);
    expect(b.titleMismatch).toBe(true);
  });

  it('reads a combined title as hybrid and spots acronyms only as whole words', () => {
    expect(classifyJobDescription('Product Manager / Product Owner\n\nText.').titleSays).toBe('hybrid');
    expect(classifyJobDescription('Senior PM, Growth\n\nText.').titleSays).toBe('pm');
    expect(classifyJobDescription('PO – Payments\n\nText.').titleSays).toBe('po');
    expect(classifyJobDescription('Point of sale specialist\n\nText.').titleSays).toBeUndefined();
    // A duty that mentions a role is not a title.
    expect(classifyJobDescription('- Work with the Product Manager on priorities\n- Run refinement').title).toBeUndefined();
    expect(classifyJobDescription('We build tools.\nOur product managers love them.\nMore text here.\nProduct Owner').title).toBeUndefined();
  });

  it('barely counts company blurb and benefits', () => {
    const r = classifyJobDescription(
      [
        'Product Manager',
        '',
        'About us',
        'We are an agile company: Scrum teams, a groomed backlog, two-week sprints, retros and a definition of done.',
        '',
        'Benefits',
        '- Velocity bonus and sprint-end pizza',
        '',
        'The role',
        'Help the team where needed.',
      ].join('\n'),
    );
    expect(r.verdict).toBe('unclear');
    expect(r.evidence).toEqual([]);
  });

  it('weighs duties above requirements', () => {
    const scrum = '- Scrum, backlog refinement and sprint planning';
    const asRequirement = classifyJobDescription(`Responsibilities\n- Own the pricing strategy and the roadmap\n\nRequirements\n${scrum}`);
    const asDuty = classifyJobDescription(`Responsibilities\n- Own the pricing strategy and the roadmap\n${scrum}`);
    expect(asRequirement.scores.pm).toBe(asDuty.scores.pm);
    expect(asRequirement.scores.po).toBeLessThan(asDuty.scores.po);
    expect(classifyJobDescription('Responsibilities\n- Own the pricing strategy and the roadmap\n\nRequirements\n- Familiar with Scrum').verdict).toBe('pm');
  });

  it('calls a posting with both layers hybrid', () => {
    const r = classifyJobDescription(
      "What you'll do\n- Own the product strategy, roadmap and retention targets\n- Run backlog refinement and sprint planning, and write user stories with acceptance criteria",
    );
    expect(r.verdict).toBe('hybrid');
    expect(r.prep.some((p) => /layers/.test(p))).toBe(true);
    expect(r.screeningQuestions.some((q) => /share of the week/.test(q))).toBe(true);
  });

  it('tailors prep and questions to the verdict', () => {
    const pm = classifyJobDescription("What you'll do\n- Own the roadmap, pricing and retention\n- Run A/B tests and size markets");
    expect(pm.verdict).toBe('pm');
    expect(pm.prep.join(' ')).toMatch(/CAC payback/);
    expect(pm.screeningQuestions.join(' ')).toMatch(/metrics/);
    const unclear = classifyJobDescription('Join us and do great things.');
    expect(unclear.verdict).toBe('unclear');
    expect(unclear.screeningQuestions.join(' ')).toMatch(/backlog/);
    expect(unclear.title).toBeUndefined();
  });

  it('skips front matter and honours a custom lexicon', () => {
    const text = '---\nexpected: po\ntitle: Product Owner\n---\nResponsibilities\n- Run the hackathon programme and mob programming sessions';
    expect(classifyJobDescription(text).verdict).toBe('unclear');
    const lex = buildLexicon({ po: [{ term: 'hackathon', weight: 3 }, { term: 'mob programming', weight: 3 }] });
    expect(classifyJobDescription(text, lex).verdict).toBe('po');
    expect(classifyJobDescription(text, lex).title).toBeUndefined();
  });

  it('exposes its thresholds', () => {
    expect(JD_THRESHOLDS.mixedShare).toBeGreaterThan(0);
    expect(JD_THRESHOLDS.mixedShare).toBeLessThan(0.5);
  });

  it('never throws on odd input', () => {
    for (const t of ['', '\n\n\n', '---', '---\n---', '#'.repeat(5000), 'Title:', 'Product Owner'.repeat(1000), '\uFEFF\r\r\r']) {
      expect(() => classifyJobDescription(t)).not.toThrow();
    }
    expect(() => classifyJobDescription(undefined as unknown as string)).not.toThrow();
    expect(classifyJobDescription('backlog\n'.repeat(200_000)).verdict).toBe('po'); // one term, very many times
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = classifyJobDescription(s);
        expect(['pm', 'po', 'hybrid', 'unclear']).toContain(r.verdict);
      }),
      { numRuns: 200 },
    );
  });
});

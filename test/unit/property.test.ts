/**
 * The core never throws or hangs, whatever the input: random markdown, random bytes, huge lines,
 * deep nesting. Also: lint is deterministic and every range lies inside the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { applyFindingFixes } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import { LineIndex, partitionPoint } from '../../src/core/text';
import type { Finding } from '../../src/core/types';

const pieces = [
  '---\n', 'loop: pm\n', 'loop: po\n', 'loop: hybrid\n', 'loop: [\n', '## ', '# ', '### ', '#po ', '#pm ', '#execution ', '#p0 ', 'Tags: ',
  'As a user, I want ', 'to export and print', ', so that I can share', 'Given ', 'When ', 'Then ', 'Acceptance criteria:\n', '- ', '1. ', '  - ',
  '```\n', '```gherkin\n', 'Scenario: x\n', '~~~\n', '<!-- ', ' -->', '<!-- prep-loop-disable ', 'wrong-loop', '13 pts', 'Points: 21', '(8)',
  'PRD', '### Problem\n', 'from 28% to 35% by Q3', 'backlog refinement', 'sprint goal', 'LTV', 'CAC payback', 'promoted to PM', '\n', '\n\n',
  '===\n', '---\n', '> ', '| a | b |\n', '[link](http://x/#po)', '`#po`', '*', '_', '\\', '\r\n', '\t', 'é', '😀', '\u0000',
];

const markdownish = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((xs) => xs.join(''));

function checkFindings(text: string, findings: Finding[]) {
  for (const f of findings) {
    expect(f.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(f.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(f.range.start.offset).toBeLessThanOrEqual(f.range.end.offset);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('the core never throws', () => {
  it('on random markdown-like text, and fixes keep the text lintable', () => {
    fc.assert(
      fc.property(markdownish, fc.boolean(), (body, front) => {
        const text = front ? `---\nloop: po\n---\n${body}` : body;
        const { findings } = lintText(text);
        checkFindings(text, findings);
        expect(lintText(text).findings).toEqual(findings);
        const fixed = applyFindingFixes(text, findings);
        checkFindings(fixed, lintText(fixed).findings);
      }),
      { numRuns: 300 },
    );
  });

  it('on random strings and bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const doc = `---\nloop: pm\n---\n${s}`;
        checkFindings(doc, lintText(doc).findings);
        checkFindings(s, lintText(s).findings);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        const text = new TextDecoder().decode(bytes);
        lintText(text);
      }),
      { numRuns: 100 },
    );
  });

  it('on huge lines and deep nesting, in bounded time', () => {
    const cases = [
      `---\nloop: po\n---\n## S #po\n${'As a user, I want to export and '.repeat(20000)}`,
      `---\nloop: pm\n---\n${'> '.repeat(5000)}deep quote`,
      `---\nloop: pm\n---\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}`,
      `---\nloop: pm\n---\n${'['.repeat(20000)}${']'.repeat(20000)}`,
      `---\nloop: pm\n---\n${'*'.repeat(50000)}`,
      // Emphasis resolution is quadratic in one paragraph's delimiter runs: these took minutes before the guard.
      `---\nloop: po\n---\n## S #po\n${'*_'.repeat(50000)}`,
      `---\nloop: po\n---\n## S #po\n${Array.from({ length: 1000 }, () => '*_'.repeat(100)).join('\n')}`,
      `---\nloop: po\n---\n## S #po\n${Array.from({ length: 1000 }, () => '> ' + '*_'.repeat(100)).join('\n')}`,
      `---\nloop: pm\n---\n${'#'.repeat(60000)}`,
      `---\nloop: pm\n---\n${'<!--'.repeat(10000)}`,
      `---\nloop: pm\n---\n${'`'.repeat(30000)}`,
      '---\n' + 'loop: pm\n'.repeat(10000),
    ];
    for (const text of cases) {
      const started = Date.now();
      const { findings } = lintText(text);
      checkFindings(text, findings);
      // Not a speed assertion: a generous bound that only catches a hang.
      expect(Date.now() - started).toBeLessThan(20000);
    }
  });

  it('skips binary and oversized files with a reason instead of linting them', () => {
    expect(lintText('abc\u0000def').skipped).toMatch(/binary/);
    const big = lintText('---\nloop: pm\n---\n' + 'x'.repeat(100), { config: { ...resolveConfig(), maxFileSize: 50 } });
    expect(big.skipped).toMatch(/limit/);
    expect(lintText('').findings).toEqual([]);
  });
});

describe('the one bisection every sorted lookup shares', () => {
  const sorted = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }).map((xs) => xs.sort((a, b) => a - b));

  it('finds the first value at least x and the first above x, as a scan would', () => {
    fc.assert(
      fc.property(sorted, fc.integer({ min: -60, max: 60 }), fc.nat(45), (xs, x, from) => {
        const first = xs.findIndex((v) => v >= x);
        expect(partitionPoint(xs, (v) => v < x)).toBe(first === -1 ? xs.length : first);
        expect(partitionPoint(xs, (v) => v <= x)).toBe(xs.filter((v) => v <= x).length);
        // From an index on: never before it, and the same answer as the scan from there.
        const start = Math.min(from, xs.length);
        const later = xs.findIndex((v, i) => i >= start && v >= x);
        expect(partitionPoint(xs, (v) => v < x, start)).toBe(later === -1 ? Math.max(start, xs.length) : later);
      }),
    );
  });

  it('gives every offset the line and column that counting newlines gives', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '\n', '\r\n'), { maxLength: 60 }).map((xs) => xs.join('')), fc.integer({ min: -3, max: 70 }), (text, offset) => {
        const o = Math.max(0, Math.min(offset, text.length));
        const before = text.slice(0, o);
        const line = before.split('\n').length - 1;
        expect(new LineIndex(text).position(offset)).toEqual({ line, column: o - (before.lastIndexOf('\n') + 1), offset: o });
      }),
    );
  });
});

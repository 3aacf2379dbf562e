/**
 * Acceptance criteria kept in a sibling prep doc (`core/elsewhere.ts`): the summary a file
 * offers, the input a story file gets, and what `acceptance-criteria-missing` says with it —
 * in a whole-doc lint and in the incremental linter alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criteriaSummary, elsewhereFor, elsewhereKey, headingName, validElsewhere, type Elsewhere } from '../../src/core/elsewhere';
import { IncrementalLinter } from '../../src/core/incremental';
import { lintText } from '../../src/core/lint';
import { FIXTURES } from './helpers/fixtures';

const DIR = join(FIXTURES, 'cli', 'siblings');
const backlog = readFileSync(join(DIR, 'backlog.md'), 'utf8');
const criteria = readFileSync(join(DIR, 'criteria.md'), 'utf8');

const summaryOf = (text: string) => criteriaSummary(lintText(text).doc!);
const missing = (text: string, elsewhere?: Elsewhere) =>
  lintText(text, elsewhere ? { elsewhere } : {})
    .findings.filter((f) => f.ruleId === 'acceptance-criteria-missing')
    .map((f) => f.range.start.line + 1);
const inputFor = (story: string, ...siblings: [string, string][]) => elsewhereFor(summaryOf(story), siblings.map(([file, text]) => ({ file, summary: summaryOf(text) })));

describe('story names', () => {
  it('drops case, punctuation and a story number or ID before the title', () => {
    expect(headingName('Story 1: Save a card for later')).toEqual({ id: 'story1', title: 'save a card for later' });
    expect(headingName('User Story 12 – Split **the** bill')).toEqual({ id: 'story12', title: 'split the bill' });
    expect(headingName('US-7')).toEqual({ id: 'us7' });
    expect(headingName('[PAY-31] Refund to wallet')).toEqual({ id: 'pay31', title: 'refund to wallet' });
    expect(headingName('3. Gift wrap')).toEqual({ title: 'gift wrap' });
  });

  it('takes no title from words that name no story, and no ID from an ordinary word with a number', () => {
    expect(headingName('Acceptance Criteria')).toEqual({});
    expect(headingName('User story')).toEqual({});
    expect(headingName('Checkout 2 ways')).toEqual({ title: 'checkout 2 ways' });
  });
});

describe('criteria summaries', () => {
  it('lists the headings with criteria under them, by title and ID, and the stories that have none', () => {
    expect(summaryOf(criteria)).toEqual({
      blocks: [
        { id: 'story1', title: 'save a card for later', line: 6, count: 2 },
        { title: 'split the bill', line: 11, count: 1 },
        { id: 'us7', title: 'wallet refunds', line: 15, count: 4 },
      ],
      wants: [],
    });
    expect(summaryOf(backlog)).toEqual({
      blocks: [],
      wants: [{ id: 'story1', title: 'save a card for later' }, { id: 'story2', title: 'split the bill' }, { id: 'us7' }, { id: 'story4', title: 'gift wrap' }],
    });
  });

  it('gives a file that asks for nothing, or siblings without criteria, no input', () => {
    expect(inputFor(criteria, ['backlog.md', backlog])).toBeUndefined();
    expect(inputFor(backlog, ['other.md', '---\nloop: po\n---\n\n## Notes\n\nNothing to accept here.\n'])).toBeUndefined();
  });
});

describe('acceptance-criteria-missing with criteria elsewhere', () => {
  it('is quiet for the stories whose criteria a sibling holds, matched by title or ID', () => {
    expect(missing(backlog)).toEqual([11, 17, 21, 25]);
    const input = inputFor(backlog, ['criteria.md', criteria]);
    expect(input?.criteria.map((c) => c.line)).toEqual([6, 11, 15]);
    expect(missing(backlog, input)).toEqual([25]);
  });

  it('keeps the warning for a story the sibling has no criteria for, and says where it looked', () => {
    const { findings } = lintText(backlog, { elsewhere: inputFor(backlog, ['criteria.md', criteria])! });
    const gift = findings.find((f) => f.ruleId === 'acceptance-criteria-missing')!;
    expect(gift.range.start.line + 1).toBe(25);
    expect(gift.message).toContain('Prep Loop looked in criteria.md too: it has criteria for other stories, none under a heading that names this one.');
  });

  it('does not take the criteria of a story with the same number but another title', () => {
    const other = criteria.replace('## Story 1: Save a card for later', '## Story 1: Pay by bank transfer');
    expect(missing(backlog, inputFor(backlog, ['criteria.md', other]))).toEqual([11, 25]);
  });

  it('counts only well-formed input: anything else is as if the file were alone', () => {
    expect(validElsewhere(null)).toBeUndefined();
    expect(validElsewhere({ criteria: [{ file: 'x.md', line: -1, count: 1, title: 'a' }, { file: 'x.md', line: 1, count: 1 }, 'junk'], files: [3] })).toBeUndefined();
    expect(missing(backlog, { criteria: [{ file: 'x.md', line: 'one', count: 2, title: 'gift wrap' }], files: [] } as unknown as Elsewhere)).toEqual([11, 17, 21, 25]);
    expect(validElsewhere({ criteria: [{ file: 'x.md', line: 3, count: 2, title: 'gift wrap', extra: true }], files: ['x.md'] })).toEqual({ criteria: [{ file: 'x.md', line: 3, count: 2, title: 'gift wrap' }], files: ['x.md'] });
  });

  it('gives the same findings in the incremental linter, and a changed input re-checks (a new linter)', () => {
    const input = inputFor(backlog, ['criteria.md', criteria])!;
    const linter = new IncrementalLinter({ elsewhere: input });
    expect(linter.lint(backlog).findings).toEqual(lintText(backlog, { elsewhere: input }).findings);
    const edited = backlog.replace('### Story 4: Gift wrap', '### Story 4: Gift wrapping at checkout').replace('### Story 2 - Split the bill', '### Story 2 - Split the order');
    expect(linter.lint(edited).findings).toEqual(lintText(edited, { elsewhere: input }).findings);
    expect(missing(edited, input)).toEqual([17, 25]);
    const fewer = inputFor(backlog, ['criteria.md', criteria.replace('## Split the bill', '## Split the order')])!;
    expect(elsewhereKey(fewer)).not.toBe(elsewhereKey(input));
    expect(new IncrementalLinter({ elsewhere: inputFor(edited, ['criteria.md', criteria.replace('## Split the bill', '## Split the order')])! }).lint(edited).findings).toEqual(
      lintText(edited, { elsewhere: inputFor(edited, ['criteria.md', criteria.replace('## Split the bill', '## Split the order')])! }).findings,
    );
    expect(missing(edited, inputFor(edited, ['criteria.md', criteria.replace('## Split the bill', '## Split the order')]))).toEqual([25]);
  });
});

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
const COVERAGE = join(FIXTURES, 'cli', 'coverage-siblings');
const experiments = readFileSync(join(COVERAGE, 'experiments.md'), 'utf8');
const money = readFileSync(join(COVERAGE, 'money.md'), 'utf8');
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
      coverage: { loop: 'po', stories: 0, drills: ['user-story-writing'], bank: false },
    });
    expect(summaryOf(backlog)).toEqual({
      blocks: [],
      wants: [{ id: 'story1', title: 'save a card for later' }, { id: 'story2', title: 'split the bill' }, { id: 'us7' }, { id: 'story4', title: 'gift wrap' }],
      coverage: expect.objectContaining({ loop: 'po' }),
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
    expect(gift.message).toContain('Prep Loop also looked in criteria.md: no heading there that names this story has criteria under it.');
  });

  it('does not take the criteria of a story with the same number but another title', () => {
    const other = criteria.replace('## Story 1: Save a card for later', '## Story 1: Pay by bank transfer');
    expect(missing(backlog, inputFor(backlog, ['criteria.md', other]))).toEqual([11, 25]);
  });

  it('does not take the criteria of a titled story for an untitled one of the same plain number', () => {
    const titled = '---\nloop: po\n---\n\n## Story 3: Export the ledger\n\nAs a clerk, I want to export the ledger, so that the auditor gets it.\n\n- Given a closed month, when I export it, then a CSV downloads.\n';
    const untitled = '---\nloop: po\n---\n\n## Story 3\n\nAs a runner, I want my splits kept, so that I can compare races.\n';
    expect(missing(untitled, inputFor(untitled, ['ledger.md', titled]))).toEqual([7]);
    expect(missing(untitled.replace('## Story 3', '## US-3'), inputFor(untitled.replace('## Story 3', '## US-3'), ['ledger.md', titled.replace('## Story 3:', '## US-3:')]))).toEqual([]);
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

describe('loop-coverage with the stories of sibling prep docs', () => {
  const coverage = (text: string, elsewhere?: Elsewhere) => lintText(text, elsewhere ? { elsewhere } : {}).findings.filter((f) => f.ruleId === 'loop-coverage');

  it('summarises the drills a doc covers, of its own loop', () => {
    expect(summaryOf(experiments).coverage).toEqual({ loop: 'pm', stories: 2, drills: ['ab-testing', 'growth-funnel'], bank: true });
    // "acquisition" in passing (in "acquisition payback") is not a growth-funnel story.
    expect(summaryOf(money).coverage).toEqual({ loop: 'pm', stories: 2, drills: ['metrics-economics', 'sql'], bank: true });
  });

  it('drops the drills a sibling of the same loop covers, and says which files were counted', () => {
    const [alone] = coverage(experiments);
    expect(alone.message).toBe(
      'No story yet for 3 drills the PM loop asks about: Metrics & unit economics; Product sense; SQL. Add a story for each, or list the ones you skip on purpose in the rule\'s "ignore" option. Prep Loop says this once per folder and loop, on this doc: it holds 2 stories of your own and is the first doc of PM stories in its folder.',
    );
    const input = inputFor(experiments, ['money.md', money]);
    // Only what the file lacks is passed (so a file that lacks nothing its siblings cover is not linted again).
    expect(input).toEqual({ criteria: [], files: [], drills: [{ id: 'metrics-economics', files: ['money.md'] }, { id: 'sql', files: ['money.md'] }] });
    const found = coverage(experiments, input);
    expect(found).toHaveLength(1);
    expect(found[0].range).toEqual(alone.range);
    expect(found[0].message).toBe(
      'No story yet for this drill the PM loop asks about: Product sense. Add a story for each, or list the ones you skip on purpose in the rule\'s "ignore" option. Stories in another prep doc of this folder for the same loop were counted too (money.md); this drill is in none of them. Prep Loop says this once per folder and loop, on this doc: it holds 2 stories of your own and is the first doc of PM stories in its folder.',
    );
  });

  it('counts no sibling of another loop, and counts a hybrid sibling for its half', () => {
    const asPo = money.replace('loop: pm', 'loop: po');
    expect(inputFor(experiments, ['money.md', asPo])).toBeUndefined();
    const hybrid = money.replace('loop: pm', 'loop: hybrid');
    expect(inputFor(experiments, ['money.md', hybrid])?.drills?.map((d) => d.id)).toEqual(['metrics-economics', 'sql']);
  });

  it('is as before for a file alone, for input it does not need, and for malformed drills', () => {
    expect(coverage(experiments, { criteria: [], files: [], drills: [{ id: 'scrum-mechanics', files: ['po.md'] }] })).toEqual(coverage(experiments));
    expect(validElsewhere({ criteria: [], files: [], drills: [{ id: 'no-such-drill', files: ['x.md'] }, { id: 'sql', files: [] }, { id: 'sql' }] })).toBeUndefined();
    expect(validElsewhere({ criteria: [], files: [], drills: [{ id: 'sql', files: ['x.md', 4] }] })).toEqual({ criteria: [], files: [], drills: [{ id: 'sql', files: ['x.md'] }] });
  });

  it('gives the same findings in the incremental linter, as the text is edited', () => {
    const input = elsewhereFor('any', [{ file: 'money.md', summary: summaryOf(money) }])!;
    const linter = new IncrementalLinter({ elsewhere: input });
    expect(linter.lint(experiments).findings).toEqual(lintText(experiments, { elsewhere: input }).findings);
    const edited = experiments.replace('ran the A/B test for two weeks', 'kept it running for two weeks');
    expect(linter.lint(edited).findings).toEqual(lintText(edited, { elsewhere: input }).findings);
  });
});

describe('loop-coverage said once per folder and loop, on its first story bank', () => {
  const ONCE = join(FIXTURES, 'cli', 'coverage-once');
  // In folder order: a template, a single case study, two PM story banks (3 before 10), a PO story bank.
  const names = ['1-star-template.md', '2-case-study.md', '3-stories.md', '10-more-stories.md', 'po-stories.md'];
  const folder = names.map((file) => ({ file, text: readFileSync(join(ONCE, file), 'utf8') }));
  const summaries = folder.map(({ file, text }) => ({ file, summary: summaryOf(text) }));
  /** What the CLI gives each file (its own summary known), or a host that does not know the file ('any'). */
  const inputOf = (file: string, own: 'own' | 'any' = 'own', list = summaries) =>
    elsewhereFor(
      own === 'any' ? 'any' : list.find((s) => s.file === file)!.summary,
      list.filter((s) => s.file !== file),
      file,
    );
  const coverageIn = (text: string, elsewhere?: Elsewhere) => lintText(text, elsewhere ? { elsewhere } : {}).findings.filter((f) => f.ruleId === 'loop-coverage');
  const reported = (own: 'own' | 'any') => folder.filter(({ file, text }) => coverageIn(text, inputOf(file, own)).length).map((f) => f.file);

  it('summarises which files are story banks: not a template, not a single case study', () => {
    expect(summaries.map((s) => [s.file, s.summary?.coverage?.bank])).toEqual([
      ['1-star-template.md', false],
      ['2-case-study.md', false],
      ['3-stories.md', true],
      ['10-more-stories.md', true],
      ['po-stories.md', true],
    ]);
  });

  it('reports once per loop, on the first story bank of that loop in folder order, whether the host knows the file or not', () => {
    expect(reported('own')).toEqual(['3-stories.md', 'po-stories.md']);
    expect(reported('any')).toEqual(['3-stories.md', 'po-stories.md']);
    // Alone, each story bank is its folder's only doc, and says its gaps; the others never do.
    expect(folder.filter(({ text }) => coverageIn(text).length).map((f) => f.file)).toEqual(['3-stories.md', '10-more-stories.md', 'po-stories.md']);
  });

  it('tells a story bank only of the earlier banks that share its loop (the CLI input), and a host that does not know the file of all', () => {
    expect(inputOf('3-stories.md')?.banksBefore).toBeUndefined();
    expect(inputOf('10-more-stories.md')?.banksBefore).toEqual([{ file: '3-stories.md', loop: 'pm' }]);
    // The PM banks come before it by name, but prepare another loop: nothing that changes its lint.
    expect(inputOf('po-stories.md')?.banksBefore).toBeUndefined();
    expect(inputOf('po-stories.md', 'any')?.banksBefore).toEqual([
      { file: '3-stories.md', loop: 'pm' },
      { file: '10-more-stories.md', loop: 'pm' },
    ]);
    // A file that is no story bank reports nothing, so it is told nothing.
    expect(inputOf('2-case-study.md')).toBeUndefined();
    // Without its own name, no sibling is taken to come first.
    expect(elsewhereFor('any', summaries.filter((s) => s.file !== '10-more-stories.md'))?.banksBefore).toBeUndefined();
  });

  it('moves to the next story bank when the first one is no longer a bank', () => {
    const oneStory = folder[2].text.replace(/\n## Said no to the enterprise dashboard[\s\S]*$/, '\n');
    const list = summaries.map((s) => (s.file === '3-stories.md' ? { file: s.file, summary: summaryOf(oneStory) } : s));
    expect(list[2].summary?.coverage?.bank).toBe(false);
    expect(coverageIn(oneStory, inputOf('3-stories.md', 'own', list))).toEqual([]);
    const [moved] = coverageIn(folder[3].text, inputOf('10-more-stories.md', 'own', list));
    expect(moved.message).toMatch(/^No story yet for 2 drills the PM loop asks about: Product sense; A\/B testing\./);
    expect(moved.message).toContain('Prep Loop says this once per folder and loop, on this doc: it holds 2 stories of your own and is the first doc of PM stories in its folder.');
  });

  it('leaves a hybrid bank the half of its loops no earlier bank prepares, and says where the other half is said', () => {
    const hybrid = folder[4].text.replace('loop: po', 'loop: hybrid');
    const list = [...summaries.filter((s) => s.file !== 'po-stories.md'), { file: 'po-stories.md', summary: summaryOf(hybrid) }];
    const [half] = coverageIn(hybrid, inputOf('po-stories.md', 'own', list));
    expect(half.message).toMatch(/^No story yet for 4 drills the PO loop asks about: User stories & acceptance criteria; /);
    expect(half.message).not.toContain('(PM)');
    expect(half.message).toMatch(/first doc of PO stories in its folder \(its PM gaps are listed in 3-stories\.md, which comes first\)\.$/);
    // Alone, it says both halves.
    expect(coverageIn(hybrid)[0].message).toMatch(/the hybrid loop asks about: .*\(PM\).*\(PO\).* first doc of PM and PO stories in its folder\.$/);
    // A hybrid bank first in the folder takes the PM finding of the PM banks after it.
    const first = [{ file: '0-hybrid.md', summary: summaryOf(hybrid) }, ...summaries];
    expect(inputOf('3-stories.md', 'own', first)?.banksBefore).toEqual([{ file: '0-hybrid.md', loop: 'hybrid' }]);
    expect(coverageIn(folder[2].text, inputOf('3-stories.md', 'own', first))).toEqual([]);
  });

  it('gives the same findings in the incremental linter while the doc grows from one story to a bank and back', () => {
    const text = folder[3].text;
    const single = text.replace(/\n## Killed the referral feature[\s\S]*$/, '\n');
    const inputs = [undefined, inputOf('10-more-stories.md'), inputOf('10-more-stories.md', 'any'), elsewhereFor('any', summaries.filter((s) => s.file !== '3-stories.md'), '3-stories.md')];
    for (const input of inputs) {
      const linter = new IncrementalLinter(input ? { elsewhere: input } : {});
      for (const t of [single, text, single, text.replace('# More stories', '# More stories template')]) {
        expect(linter.lint(t).findings).toEqual(lintText(t, input ? { elsewhere: input } : {}).findings);
      }
    }
  });

  it('keeps only well-formed earlier banks', () => {
    expect(validElsewhere({ criteria: [], files: [], banksBefore: [{ file: 'a.md', loop: 'pm' }, { file: 'b.md', loop: 'sales' }, { loop: 'po' }, 'c.md'] })).toEqual({
      criteria: [],
      files: [],
      banksBefore: [{ file: 'a.md', loop: 'pm' }],
    });
    expect(validElsewhere({ criteria: [], files: [], banksBefore: [{ file: '', loop: 'pm' }] })).toBeUndefined();
  });
});

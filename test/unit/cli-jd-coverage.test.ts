/**
 * `prep-loop jd` and `prep-loop coverage`, run as the built CLI in a child process.
 *
 * The test runs `dist/cli.js`. `npm test` builds it before vitest; when the bundle is missing or
 * older than the sources (running this file alone after an edit), `beforeAll` rebuilds it with
 * `node scripts/build.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from './helpers/cli';
import { DRILL_IDS } from '../../src/core/lexicon';
import { questionsFor } from '../../src/core/questions';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');


function run(args: string[], input?: string, cwd = work) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input: input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work = '';

const PO_POSTING = `Product Owner, Payments

What you'll do
- Own and order the team backlog, and run backlog refinement every week
- Write user stories with acceptance criteria together with the engineers
- Plan each sprint with the team and protect the sprint goal
- Accept finished work against the definition of done
`;

const PM_TITLED_PO = `Product Owner

Responsibilities
- Own the product strategy and the roadmap for the growth area
- Define success metrics and defend them to leadership
- Size market opportunities and run competitive analysis
- Decide which bets to fund each quarter from retention and revenue data
`;

beforeAll(() => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'prep-loop-cli-'));
  writeFileSync(join(work, 'po-posting.txt'), PO_POSTING);
  mkdirSync(join(work, 'notes'));
  writeFileSync(
    join(work, 'notes', 'pm.md'),
    `---
loop: pm
---

## Modelled the unit economics #pm #metrics

I worked out LTV against CAC payback for the enterprise tier.

## Ran the pricing A/B test #pm #metrics #strategy

We set the MDE, checked power and watched for sample ratio mismatch.

## Renegotiated sprint scope #po #execution

In refinement I split the story and moved half of the backlog to the next sprint.

## Untagged axis story #pm

Worked with sales on the launch.
`,
  );
  writeFileSync(
    join(work, 'notes', 'po.md'),
    `---
loop: po
---

## Cut a fuzzy epic into slices #execution

I decomposed the epic into thin vertical slices that each fit one sprint.
`,
  );
  writeFileSync(join(work, 'notes', 'readme.md'), '# Not a prep doc\n\nJust notes.\n');
  mkdirSync(join(work, 'empty'));
  writeFileSync(join(work, 'empty', 'plain.md'), '# Plain markdown\n');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('prep-loop jd', () => {
  it('--json has exactly verdict, reason, evidence, prep and screeningQuestions', () => {
    const r = run(['jd', 'po-posting.txt', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['evidence', 'prep', 'reason', 'screeningQuestions', 'verdict']);
    expect(out.reason).toMatch(/PO work/);
    expect(out.verdict).toBe('po');
    expect(out.evidence.length).toBeGreaterThan(0);
    for (const e of out.evidence) {
      expect(['pm', 'po']).toContain(e.loop);
      expect(Number.isInteger(e.line)).toBe(true);
      expect(typeof e.text).toBe('string');
      expect(Array.isArray(e.terms)).toBe(true);
    }
    expect(out.evidence.some((e: { line: number; text: string }) => e.line === 4 && e.text.includes('backlog'))).toBe(true);
    expect(out.prep.length).toBeGreaterThan(0);
    expect(out.screeningQuestions.length).toBeGreaterThan(0);
  });

  it('reads standard input for -', () => {
    const r = run(['jd', '-', '--json'], PM_TITLED_PO);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verdict).toBe('pm');
  });

  it('prints a readable report with the title mismatch, evidence lines, prep and questions', () => {
    const r = run(['jd', '-'], PM_TITLED_PO);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Product manager role/);
    expect(r.stdout).toMatch(/Titled "Product Owner", but the responsibilities are PM work/);
    expect(r.stdout).toMatch(/PM {2}line +4: - Own the product strategy and the roadmap/);
    expect(r.stdout).toContain('What to prepare');
    expect(r.stdout).toMatch(/Ask at the screen\n {2}1\. /);
  });

  it('says why a posting is unclear and prints no prep plan for it', () => {
    const r = run(['jd', '-'], 'hello world\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Unclear: .*\(confidence 0\.\d+\)\nThe text is only 2 words long/);
    expect(r.stdout).not.toContain('What to prepare');
    expect(r.stdout).toContain('Ask at the screen');
    const json = JSON.parse(run(['jd', '-', '--json'], 'hello world\n').stdout);
    expect(json.verdict).toBe('unclear');
    expect(json.reason).toMatch(/only 2 words long/);
    expect(json.prep).toEqual([]);
  });

  it('says a posting mostly in Chinese is unclear because it is not in English, in the text and the JSON', () => {
    // Written for this test: a Chinese posting that borrows a few English product words.
    const zh = [
      '高级 Product Manager（移动端）',
      '',
      '岗位职责：',
      '- 负责会员产品的规划，和研发团队一起推进每个版本的上线',
      '- 在 Jira 里维护需求列表，跟进开发进度，组织需求评审',
      '- 收集用户反馈，分析使用数据，持续改进体验',
      '',
      '任职要求：',
      '- 三年以上互联网产品经验，熟悉敏捷开发',
    ].join('\n');
    const text = run(['jd', '-'], zh);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Unclear: the posting is in Chinese, and only English duties can be read/);
    expect(text.stdout).toMatch(/Most of the posting is written in Chinese, not English, and Prep Loop reads the duties of English postings only/);
    expect(text.stdout).not.toMatch(/words? long/);
    const json = JSON.parse(run(['jd', '-', '--json'], zh).stdout);
    expect(json.verdict).toBe('unclear');
    expect(json.language).toBe('Chinese');
    expect(json.reason).toMatch(/written in Chinese.*English postings only/);
    expect(json.prep).toEqual([]);
  });

  it('exits 2 for a missing file, empty input or two files', () => {
    const missing = run(['jd', 'no-such-posting.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read no-such-posting\.txt: no such file/);
    expect(run(['jd', '-'], '   \n').code).toBe(2);
    expect(run(['jd', 'po-posting.txt', 'po-posting.txt']).code).toBe(2);
    expect(run(['jd', '--bogus']).code).toBe(2);
  });
});

describe('prep-loop coverage', () => {
  it('--json counts stories per loop, axis, loop × axis and drill, with the gaps', () => {
    const r = run(['coverage', 'notes', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['docs', 'stories', 'byLoop', 'byAxis', 'matrix', 'drills', 'gaps', 'notesOnly', 'storyList', 'questions']);
    expect(out.docs).toBe(2);
    expect(out.stories).toBe(5);
    expect(out.byLoop).toEqual({ pm: 3, po: 2, hybrid: 0 });
    expect(out.byAxis).toEqual({ strategy: 1, metrics: 2, execution: 2, stakeholders: 0, none: 1 });
    expect(out.matrix.pm).toEqual({ strategy: 1, metrics: 2, execution: 0, stakeholders: 0, none: 1 });
    expect(out.matrix.po).toEqual({ strategy: 0, metrics: 0, execution: 2, stakeholders: 0, none: 0 });
    expect(Object.keys(out.drills).sort()).toEqual([...DRILL_IDS].sort());
    expect(out.drills['metrics-economics']).toEqual({ loop: 'pm', label: 'Metrics & unit economics', stories: expect.any(Number) });
    expect(out.drills['metrics-economics'].stories).toBeGreaterThanOrEqual(1);
    expect(out.drills['ab-testing'].stories).toBe(1);
    expect(out.drills['epic-decomposition'].stories).toBeGreaterThanOrEqual(1);
    expect(out.gaps).toContain('sql');
    expect(out.gaps).not.toContain('ab-testing');
    for (const id of out.gaps) expect(out.drills[id].stories).toBe(0);
    // Both loops are targeted: every bank question is listed once, answered or open.
    const bank = [...questionsFor('pm'), ...questionsFor('po')].map((q) => q.id);
    expect([...out.questions.answered, ...out.questions.open].sort()).toEqual([...bank].sort());
    expect(out.questions.open.length).toBeGreaterThan(0);
  });

  it('--json lists each story with its file, heading line and where its loop comes from', () => {
    const out = JSON.parse(run(['coverage', 'notes', '--json']).stdout);
    // Absolute paths, as `lint --format json` reports them.
    const where = out.storyList.map((s: { file: string; line: number; title: string; loop: string; loopFrom: string }) => [relative(work, s.file).replace(/\\/g, '/'), s.line, s.title, s.loop, s.loopFrom]);
    expect(where).toEqual([
      ['notes/pm.md', 5, 'Modelled the unit economics', 'pm', 'tag'],
      ['notes/pm.md', 9, 'Ran the pricing A/B test', 'pm', 'tag'],
      ['notes/pm.md', 13, 'Renegotiated sprint scope', 'po', 'tag'],
      ['notes/pm.md', 17, 'Untagged axis story', 'pm', 'tag'],
      ['notes/po.md', 5, 'Cut a fuzzy epic into slices', 'po', 'doc'],
    ]);
    expect(out.storyList[1].axes).toEqual(['metrics', 'strategy']);
    expect(out.storyList[1].drills).toContain('ab-testing');
  });

  it('takes files and globs like lint, and prints a table without --json', () => {
    const r = run(['coverage', 'notes/pm.md', 'notes/p*.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 prep docs, 5 stories \(PM 3 · PO 2\)/);
    expect(r.stdout).toMatch(/\n\s+strategy\s+metrics\s+execution\s+stakeholders\s+no axis\s+total\n/);
    expect(r.stdout).toMatch(/\nPM +1 +2 +0 +0 +1 +3\n/);
    expect(r.stdout).toMatch(/SQL +0 +no story yet/);
    expect(r.stdout).toMatch(/drills? with no story yet: /);
    expect(r.stdout).toMatch(/\nNo story is linked to a bank question yet: an "Answers: <id>" line in a story tracks which of the \d+ questions you can answer/);
  });

  it('exits 2 for a missing path or when no file is a prep doc', () => {
    const missing = run(['coverage', 'nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere: no such file or directory/);
    const none = run(['coverage', 'empty']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no prep docs/);
  });
});

/** `prep-loop questions`, run in process through `main` with a captured Io. */
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main';
import type { QuestionJson } from '../../src/cli/questions';
import { DRILLS } from '../../src/core/lexicon';
import { QUESTIONS, questionsFor } from '../../src/core/questions';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd: process.cwd(), stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: async () => '', color: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('prep-loop questions', () => {
  it('--json lists the whole bank with loop, drill, kind and axis on every question', async () => {
    const r = await run(['questions', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as QuestionJson[];
    expect(list.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    for (const q of list) {
      expect(q.loop).toMatch(/^(pm|po)$/);
      expect(q.drillLabel.length).toBeGreaterThan(2);
      expect(q.kind).toMatch(/^(drill|behavioural|screening)$/);
      expect(q.axis).toBeTruthy();
    }
    expect(list.find((q) => q.id === 'pm-me-cac-payback')?.worked?.join(' ')).toMatch(/\$300 ÷ \$35/);
  });

  it('--loop po keeps only PO questions, at least 60', async () => {
    const list = JSON.parse((await run(['questions', '--loop', 'po', '--json'])).stdout) as QuestionJson[];
    expect(list.length).toBe(questionsFor('po').length);
    expect(list.length).toBeGreaterThanOrEqual(60);
    expect(list.every((q) => q.loop === 'po')).toBe(true);
  });

  it('prints a readable listing: a heading per loop and per drill, then behavioural and screening', async () => {
    const r = await run(['questions', '--loop', 'pm']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PM loop · \d+ questions$/m);
    for (const d of DRILLS.pm) expect(r.stdout).toContain(`\n  ${d.label}\n`);
    expect(r.stdout.indexOf('\n  Behavioural\n')).toBeGreaterThan(r.stdout.indexOf(`\n  ${DRILLS.pm[4].label}\n`));
    expect(r.stdout.indexOf('\n  Screening\n')).toBeGreaterThan(r.stdout.indexOf('\n  Behavioural\n'));
    expect(r.stdout).toContain('(pm-me-ltv-ceiling; #metrics)');
    expect(r.stdout).toMatch(/^ {6}Lifetime value: \$9\.60 × 25 = \$240\.$/m);
    expect(r.stdout).not.toMatch(/PO loop/);
  });

  it('rejects a bad loop and stray arguments with exit code 2', async () => {
    const bad = await run(['questions', '--loop', 'pmo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--loop must be pm, po or hybrid/);
    expect((await run(['questions', 'notes.md'])).code).toBe(2);
    expect((await run(['questions', '--nope'])).code).toBe(2);
  });

  it('has help', async () => {
    const r = await run(['questions', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: prep-loop questions/);
    expect((await run(['--help'])).stdout).toMatch(/prep-loop questions \[--loop pm\|po\] \[--json\]/);
  });
});

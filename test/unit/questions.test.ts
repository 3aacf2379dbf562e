import { describe, expect, it } from 'vitest';
import { DRILLS, DRILL_IDS } from '../../src/core/lexicon';
import { BEHAVIOURAL_THEMES, normalizeQuestionText, pickQuestion, questionById, QUESTIONS, questionsFor } from '../../src/core/questions';
import { DRILL_PROMPTS, isUnansweredSkeleton } from '../../src/core/skeleton';
import { PULLED_AXES } from '../../src/core/rules/axis-mismatch';
import { AXES } from '../../src/core/types';

/** A fake `Math.random` that returns the given values in turn. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('QUESTIONS', () => {
  it('holds at least 60 questions per loop with unique, stable-looking ids', () => {
    for (const loop of ['pm', 'po'] as const) expect(questionsFor(loop).length, loop).toBeGreaterThanOrEqual(60);
    const ids = QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUESTIONS) expect(q.id).toMatch(new RegExp(`^${q.loop}-[a-z0-9]+(-[a-z0-9]+)*$`));
  });

  it('gives every drill of both loops at least eight drill questions, and nothing outside the drills', () => {
    for (const loop of ['pm', 'po'] as const) {
      for (const drill of DRILLS[loop]) {
        const qs = QUESTIONS.filter((q) => q.drill === drill.id);
        expect(qs.filter((q) => q.kind === 'drill').length, drill.id).toBeGreaterThanOrEqual(8);
        for (const q of qs) expect(q.loop, q.id).toBe(loop);
      }
    }
    for (const q of QUESTIONS) expect(DRILL_IDS).toContain(q.drill);
  });

  it('uses axes the loop actually pulls, so an inserted skeleton is not flagged by axis-mismatch', () => {
    for (const q of QUESTIONS) {
      expect(AXES).toContain(q.axis);
      expect(PULLED_AXES[q.loop], q.id).toContain(q.axis);
    }
  });

  it('asks real questions: one line, ends in ? or ., no hashtags', () => {
    for (const q of QUESTIONS) {
      expect(q.question, q.id).not.toMatch(/[\r\n#]/);
      expect(q.question, q.id).toMatch(/[?.]$/);
      expect(q.question.length, q.id).toBeGreaterThan(30);
      expect(q.question.length, q.id).toBeLessThan(200);
    }
    const texts = QUESTIONS.map((q) => normalizeQuestionText(q.question));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('never asks nearly the same question twice (normalised word sets overlap under 80%)', () => {
    const words = QUESTIONS.map((q) => new Set(normalizeQuestionText(q.question).split(' ').filter((w) => w.length > 3)));
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const shared = [...words[i]].filter((w) => words[j].has(w)).length;
        const overlap = shared / Math.min(words[i].size, words[j].size);
        expect(overlap, `${QUESTIONS[i].id} vs ${QUESTIONS[j].id}`).toBeLessThan(0.8);
      }
    }
  });

  it('tags every question with loop, drill, axis and kind, and themes only behavioural prompts', () => {
    for (const q of QUESTIONS) {
      expect(['pm', 'po'], q.id).toContain(q.loop);
      expect(DRILL_IDS, q.id).toContain(q.drill);
      expect(AXES, q.id).toContain(q.axis);
      expect(['drill', 'behavioural', 'screening'], q.id).toContain(q.kind);
      if (q.kind === 'behavioural') expect(BEHAVIOURAL_THEMES, q.id).toContain(q.theme);
      else expect(q.theme, q.id).toBeUndefined();
    }
  });

  it('asks the behavioural prompts every loop asks, and screening questions, in each loop', () => {
    for (const loop of ['pm', 'po'] as const) {
      const mine = questionsFor(loop);
      for (const theme of BEHAVIOURAL_THEMES) expect(mine.filter((q) => q.theme === theme).length, `${loop} ${theme}`).toBeGreaterThanOrEqual(1);
      for (const q of mine.filter((x) => x.kind === 'behavioural')) expect(q.question, q.id).toMatch(/^(?:Tell me about|Describe)\b/);
      expect(mine.filter((q) => q.kind === 'screening').length, loop).toBeGreaterThanOrEqual(5);
    }
  });

  it('finds a question by id', () => {
    for (const q of QUESTIONS) expect(questionById(q.id)).toBe(q);
    expect(questionById('no-such-question')).toBeUndefined();
  });

  it('keeps the ids the first bank shipped (review history refers to them)', () => {
    for (const id of ['pm-me-ltv-ceiling', 'pm-sql-variant-readout', 'po-sm-thirteen-before-planning', 'po-dep-keep-visible', 'po-ed-unknown-api']) {
      expect(questionById(id), id).toBeDefined();
    }
  });

  it('starts every skeleton with a story heading that carries the loop and axis tags', () => {
    for (const q of QUESTIONS) {
      const [heading, ...rest] = q.skeleton.split('\n');
      expect(heading, q.id).toBe(`## ${q.question} #${q.loop} #${q.axis}`);
      // The only hashtags are the two tags: the body adds no headings or stray tags.
      expect(q.skeleton.match(/(?<![\w#])#[A-Za-z]\w*/g), q.id).toEqual([`#${q.loop}`, `#${q.axis}`]);
      expect(rest.some((l) => /^#{1,6}\s/.test(l)), q.id).toBe(false);
      expect(q.skeleton.endsWith('\n'), q.id).toBe(true);
      // Untouched, the body is an unanswered skeleton; one filled-in line makes it an answer.
      const body = rest.join('\n');
      expect(isUnansweredSkeleton(body), q.id).toBe(true);
      expect(isUnansweredSkeleton(`${body}\nI asked support for the numbers first.\n`), q.id).toBe(false);
    }
  });

  it('has prompts for every drill', () => {
    expect(Object.keys(DRILL_PROMPTS).sort()).toEqual([...DRILL_IDS].sort());
  });

  it('gives behavioural prompts a first-person STAR skeleton', () => {
    const q = QUESTIONS.find((x) => x.kind === 'behavioural')!;
    expect(q.skeleton).toMatch(/\*\*Action:\*\* what I did myself/);
    expect(q.skeleton).toMatch(/\*Drill: .+ · behavioural\*/);
  });

  it('fits the skeleton prompts to the drill', () => {
    const byDrill = (d: string) => QUESTIONS.find((q) => q.drill === d)!.skeleton;
    expect(byDrill('ab-testing')).toMatch(/MDE, power and alpha/);
    expect(byDrill('sql')).toMatch(/```sql/);
    expect(byDrill('user-story-writing')).toMatch(/Given \/ When \/ Then/);
    expect(byDrill('epic-decomposition')).toMatch(/one to two weeks/);
    expect(byDrill('scrum-mechanics')).toMatch(/definition of done/);
    expect(byDrill('stakeholder-capacity')).toMatch(/\*\*Situation:\*\*/);
  });
});

describe('questionsFor', () => {
  it('returns one loop, both loops for hybrid, and filters by drill', () => {
    expect(questionsFor('pm').every((q) => q.loop === 'pm')).toBe(true);
    expect(questionsFor('po').every((q) => q.loop === 'po')).toBe(true);
    expect(questionsFor('hybrid')).toHaveLength(QUESTIONS.length);
    const sql = questionsFor('pm', 'sql');
    expect(sql.length).toBeGreaterThanOrEqual(3);
    expect(sql.every((q) => q.drill === 'sql')).toBe(true);
    expect(questionsFor('hybrid', 'dependencies').every((q) => q.loop === 'po')).toBe(true);
  });

  it('returns nothing for a drill of the other loop', () => {
    expect(questionsFor('po', 'sql')).toEqual([]);
    expect(questionsFor('pm', 'scrum-mechanics')).toEqual([]);
  });
});

describe('pickQuestion', () => {
  it('only picks questions of the loop', () => {
    for (const r of [0, 0.25, 0.5, 0.999]) {
      expect(pickQuestion('pm', new Set(), () => r).loop).toBe('pm');
      expect(pickQuestion('po', new Set(), () => r).loop).toBe('po');
    }
  });

  it('prefers questions not drilled yet', () => {
    const po = questionsFor('po');
    const left = po[po.length - 1];
    const drilled = new Set(po.filter((q) => q !== left).map((q) => q.id));
    for (const r of [0, 0.3, 0.7, 0.999]) expect(pickQuestion('po', drilled, () => r).id).toBe(left.id);
  });

  it('never repeats while undrilled questions remain', () => {
    const drilled = new Set<string>();
    const random = sequence(0.9, 0.1, 0.5, 0.33, 0.77, 0);
    const total = questionsFor('pm').length;
    for (let i = 0; i < total; i++) {
      const q = pickQuestion('pm', drilled, random);
      expect(drilled.has(q.id)).toBe(false);
      drilled.add(q.id);
    }
    expect(drilled.size).toBe(total);
  });

  it('starts over once everything has been drilled', () => {
    const all = new Set(QUESTIONS.map((q) => q.id));
    expect(pickQuestion('hybrid', all, () => 0)).toBe(questionsFor('hybrid')[0]);
    expect(pickQuestion('hybrid', all, () => 0.9999).id).toBe(QUESTIONS[QUESTIONS.length - 1].id);
  });

  it('copes with a random source that strays outside [0, 1)', () => {
    for (const r of [1, 2, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(questionsFor('pm')).toContain(pickQuestion('pm', new Set(), () => r));
    }
  });

  it('ignores drilled ids it does not know', () => {
    expect(pickQuestion('pm', new Set(['no-such-id']), () => 0)).toBe(questionsFor('pm')[0]);
  });
});

/** A number as the outlines write it: `$1,150,000`, `3.84%`, `0.6144`. Percentages are fractions. */
function value(token: string): number {
  const n = Number(token.replace(/[$,%]/g, ''));
  return token.endsWith('%') ? n / 100 : n;
}

const NUM = String.raw`\$?\d[\d,]*(?:\.\d+)?%?`;
/** `a × b = c`, `a ÷ b ÷ c ≈ d`, `a − b = c`: one kind of operator per chain, evaluated left to right. */
const EQUATION = new RegExp(String.raw`(${NUM})((?:\s*[×÷+−]\s*${NUM})+)\s*([=≈])\s*(${NUM})`, 'g');

/** Every equation in a worked outline, with whether it holds (≈ allows 2% rounding, = allows 0.5%). */
function equations(lines: readonly string[]): { text: string; holds: boolean }[] {
  const out: { text: string; holds: boolean }[] = [];
  for (const line of lines) {
    for (const m of line.matchAll(EQUATION)) {
      const steps = [...m[2].matchAll(new RegExp(String.raw`([×÷+−])\s*(${NUM})`, 'g'))];
      const ops = new Set(steps.map((x) => x[1]));
      let acc = value(m[1]);
      for (const [, op, n] of steps) {
        const v = value(n);
        acc = op === '×' ? acc * v : op === '÷' ? acc / v : op === '+' ? acc + v : acc - v;
      }
      const want = value(m[4]);
      const tolerance = m[3] === '≈' ? 0.02 : 0.005;
      const mixed = ops.size > 1;
      out.push({ text: m[0], holds: !mixed && Math.abs(acc - want) <= tolerance * Math.max(Math.abs(want), 1e-9) });
    }
  }
  return out;
}

describe('worked outlines', () => {
  const metricAndCase = QUESTIONS.filter((q) => q.kind === 'drill' && ['metrics-economics', 'growth-funnel', 'ab-testing'].includes(q.drill));

  it('every metric and case question carries one, with at least two worked steps', () => {
    expect(metricAndCase.length).toBeGreaterThanOrEqual(24);
    for (const q of metricAndCase) {
      expect(q.worked, q.id).toBeDefined();
      expect(equations(q.worked!).length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.worked!.length, q.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('every sum in every outline is right', () => {
    const wrong = QUESTIONS.flatMap((q) => equations(q.worked ?? []).filter((e) => !e.holds).map((e) => `${q.id}: ${e.text}`));
    expect(wrong).toEqual([]);
  });

  it('the checker itself catches a wrong sum and a rounding too far', () => {
    expect(equations(['$50 × 70% = $35']).map((e) => e.holds)).toEqual([true]);
    expect(equations(['$50 × 70% = $36']).map((e) => e.holds)).toEqual([false]);
    expect(equations(['$300 ÷ $35 ≈ 8.6']).map((e) => e.holds)).toEqual([true]);
    expect(equations(['$300 ÷ $35 ≈ 9.5']).map((e) => e.holds)).toEqual([false]);
    expect(equations(['60% × 70% × 85% × 90% = 32.13%']).map((e) => e.holds)).toEqual([true]);
    expect(equations(['1 + 2 × 3 = 9']).map((e) => e.holds)).toEqual([false]);
  });

  it('works the numbers the question gives: the LTV and CAC-payback answers', () => {
    const ltv = questionById('pm-me-ltv-ceiling')!.worked!.join(' ');
    expect(ltv).toContain(`$${Math.round((12 * 0.8) / 0.04)}`);
    const payback = questionById('pm-me-cac-payback')!.worked!.join(' ');
    expect(payback).toContain(`${(300 / (50 * 0.7)).toFixed(1)} months`);
    const ratio = questionById('pm-me-ltv-to-cac')!.worked!.join(' ');
    expect(ratio).toContain(`$${Math.round(30 * 0.75 * 20)}`);
  });

  it('uses at least one number from its question when the question gives numbers', () => {
    for (const q of QUESTIONS) {
      if (!q.worked) continue;
      const given = (q.question.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).filter((n) => n !== '0');
      if (!given.length) continue;
      const text = q.worked.join(' ');
      expect(given.some((n) => text.includes(n)), q.id).toBe(true);
    }
  });
});

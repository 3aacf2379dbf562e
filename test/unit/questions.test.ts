import { describe, expect, it } from 'vitest';
import { DRILLS, DRILL_IDS } from '../../src/core/lexicon';
import { pickQuestion, QUESTIONS, questionsFor } from '../../src/core/questions';
import { PULLED_AXES } from '../../src/core/rules/axis-mismatch';
import { AXES } from '../../src/core/types';

/** A fake `Math.random` that returns the given values in turn. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('QUESTIONS', () => {
  it('holds at least 40 questions with unique, stable-looking ids', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(40);
    const ids = QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUESTIONS) expect(q.id).toMatch(new RegExp(`^${q.loop}-[a-z0-9]+(-[a-z0-9]+)*$`));
  });

  it('gives every drill of both loops at least three questions, and nothing outside the drills', () => {
    for (const loop of ['pm', 'po'] as const) {
      for (const drill of DRILLS[loop]) {
        const qs = QUESTIONS.filter((q) => q.drill === drill.id);
        expect(qs.length, drill.id).toBeGreaterThanOrEqual(3);
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
    const texts = QUESTIONS.map((q) => q.question.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('starts every skeleton with a story heading that carries the loop and axis tags', () => {
    for (const q of QUESTIONS) {
      const [heading, ...rest] = q.skeleton.split('\n');
      expect(heading, q.id).toBe(`## ${q.question} #${q.loop} #${q.axis}`);
      // The only hashtags are the two tags: the body adds no headings or stray tags.
      expect(q.skeleton.match(/(?<![\w#])#[A-Za-z]\w*/g), q.id).toEqual([`#${q.loop}`, `#${q.axis}`]);
      expect(rest.some((l) => /^#{1,6}\s/.test(l)), q.id).toBe(false);
      expect(q.skeleton.endsWith('\n'), q.id).toBe(true);
    }
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

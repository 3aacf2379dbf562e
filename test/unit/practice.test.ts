/**
 * The practice core: FSRS scheduling over simulated review sequences, the daily queue, streaks, and
 * the review history's export / import / merge with validation.
 */
import { createEmptyCard, fsrs, Rating, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  cardStatuses,
  dayKey,
  DEFAULT_TARGET_SECONDS,
  emptyHistory,
  exportHistory,
  importHistory,
  mergeHistories,
  practiceQueue,
  practiceStats,
  previewRatings,
  questionCard,
  recordReview,
  storyCardId,
  targetSeconds,
  type PracticeCard,
  type PracticeRating,
  type ReviewHistory,
} from '../../src/core/practice';
import { buildCoverage, coverageDoc } from '../../src/core/coverage';
import { parsePrepDoc } from '../../src/core/parse';
import { drillStrength, practiceCards } from '../../src/core/practice';
import { questionById, questionsFor } from '../../src/core/questions';

const DAY = 86_400_000;
const start = new Date('2026-03-02T09:00:00Z');
const at = (days: number, hours = 0) => new Date(start.getTime() + days * DAY + hours * 3_600_000);

/** Rates one card at the given day offsets; returns the history. */
function drill(card: string, steps: [number, PracticeRating][], history = emptyHistory()): ReviewHistory {
  return steps.reduce((h, [d, r]) => recordReview(h, card, r, at(d)), history);
}

const GRADE = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;

describe('scheduling follows FSRS', () => {
  it('matches ts-fsrs itself over a mixed sequence of ratings', () => {
    const steps: [number, PracticeRating][] = [[0, 'good'], [3, 'good'], [12, 'again'], [13, 'hard'], [16, 'good'], [30, 'easy']];
    const f = fsrs({ enable_fuzz: false, enable_short_term: false, maximum_interval: 365 });
    let card: Card = createEmptyCard<Card>(at(0));
    const expected: string[] = [];
    const actual: string[] = [];
    let history = emptyHistory();
    for (const [d, r] of steps) {
      card = f.next(card, at(d), GRADE[r]).card;
      expected.push(card.due.toISOString());
      history = recordReview(history, 'pm-me-ltv-ceiling', r, at(d));
      actual.push(cardStatuses(history).get('pm-me-ltv-ceiling')!.due.toISOString());
    }
    expect(actual).toEqual(expected);
    expect(cardStatuses(history).get('pm-me-ltv-ceiling')).toMatchObject({ reps: 6, lapses: 1, state: 'review', lastRating: 'easy' });
  });

  it('works in whole days: a new card rated Again, Hard, Good, Easy comes back later for each', () => {
    const days = (['again', 'hard', 'good', 'easy'] as const).map((r) => (cardStatuses(drill('q', [[0, r]])).get('q')!.due.getTime() - at(0).getTime()) / DAY);
    for (const d of days) expect(Number.isInteger(d) && d >= 1, String(days)).toBe(true);
    expect([...days].sort((a, b) => a - b)).toEqual(days);
    expect(days[3]).toBeGreaterThan(days[0]);
  });

  it('good answers push a card further out each time; a lapse brings it back soon', () => {
    let h = emptyHistory();
    let when = 0;
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      h = recordReview(h, 'q', 'good', at(when));
      const due = cardStatuses(h).get('q')!.due;
      gaps.push(Math.round((due.getTime() - at(when).getTime()) / DAY));
      when = Math.round((due.getTime() - start.getTime()) / DAY);
    }
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    const lapsed = recordReview(h, 'q', 'again', at(when));
    const s = cardStatuses(lapsed).get('q')!;
    // Day-based scheduling has no same-day relearning steps: the card stays in review, with a lapse.
    expect(s.state).toBe('review');
    expect(s.lapses).toBe(1);
    expect((s.due.getTime() - at(when).getTime()) / DAY).toBeLessThan(gaps[gaps.length - 1]);
  });

  it('replays the log in time order, whatever order it was stored in', () => {
    const h = drill('q', [[0, 'good'], [3, 'hard'], [9, 'good']]);
    const shuffled: ReviewHistory = { ...h, log: [h.log[2], h.log[0], h.log[1]] };
    expect(cardStatuses(shuffled).get('q')!.due).toEqual(cardStatuses(h).get('q')!.due);
  });

  it('previews each rating without recording it, and agrees with what recording gives', () => {
    const h = drill('q', [[0, 'good']]);
    const preview = previewRatings(h, 'q', at(4));
    expect(h.log).toHaveLength(1);
    for (const r of ['again', 'hard', 'good', 'easy'] as const) expect(cardStatuses(recordReview(h, 'q', r, at(4))).get('q')!.due).toEqual(preview[r]);
    expect(preview.easy.getTime()).toBeGreaterThan(preview.good.getTime());
  });

  it('honours the retention and maximum interval options', () => {
    const steps: [number, PracticeRating][] = [[0, 'easy'], [10, 'easy'], [60, 'easy'], [200, 'easy']];
    const capped = cardStatuses(drill('q', steps), { maximumIntervalDays: 30 }).get('q')!;
    const open = cardStatuses(drill('q', steps)).get('q')!;
    const days = (d: Date) => (d.getTime() - at(200).getTime()) / DAY;
    expect(days(open.due)).toBeGreaterThan(60);
    // FSRS caps each interval, then keeps Hard < Good < Easy a day apart: Easy lands at most two days past the cap.
    expect(days(capped.due)).toBeLessThanOrEqual(32);
    const strict = cardStatuses(drill('q', [[0, 'good'], [3, 'good']]), { retention: 0.97 }).get('q')!;
    const loose = cardStatuses(drill('q', [[0, 'good'], [3, 'good']]), { retention: 0.8 }).get('q')!;
    expect(strict.due.getTime()).toBeLessThan(loose.due.getTime());
  });

  it('refuses a bad rating, a blank card or an invalid time with a plain message', () => {
    expect(() => recordReview(emptyHistory(), 'q', 'ok' as PracticeRating, at(0))).toThrow(/again, hard, good or easy/);
    expect(() => recordReview(emptyHistory(), ' ', 'good', at(0))).toThrow(/id of the card/);
    expect(() => recordReview(emptyHistory(), 'q', 'good', new Date('nope'))).toThrow(/valid time/);
    expect(recordReview(emptyHistory(), 'q', 'good', at(0), 95.4).log[0].seconds).toBe(95);
  });
});

describe('the daily queue', () => {
  const pm = questionsFor('pm').map(questionCard);

  it('introduces new cards up to the daily limit, counting the ones already started today', () => {
    expect(practiceQueue({ history: emptyHistory(), cards: pm, now: at(0), newPerDay: 5, utcOffsetMinutes: 0 }).fresh).toHaveLength(5);
    const h = drill(pm[0].id, [[0, 'good']]);
    const q = practiceQueue({ history: h, cards: pm, now: at(0, 2), newPerDay: 5, utcOffsetMinutes: 0 });
    expect(q.introducedToday).toBe(1);
    expect(q.fresh).toHaveLength(4);
    expect(q.fresh.map((c) => c.id)).not.toContain(pm[0].id);
    expect(q.due).toEqual([]);
    expect(q.nextDue).toEqual(cardStatuses(h).get(pm[0].id)!.due);
    // The next day the limit is fresh again.
    expect(practiceQueue({ history: h, cards: pm, now: at(1), newPerDay: 5, utcOffsetMinutes: 0 }).fresh).toHaveLength(5);
  });

  it('puts weakly covered drills first, for new cards and for due reviews', () => {
    const strength = { 'metrics-economics': 4, 'product-sense': 3, 'growth-funnel': 2, 'ab-testing': 0, sql: 1 };
    const fresh = practiceQueue({ history: emptyHistory(), cards: pm, now: at(0), newPerDay: 12, drillStrength: strength, utcOffsetMinutes: 0 }).fresh;
    expect(fresh.slice(0, 9).every((c) => c.drill === 'ab-testing')).toBe(true);
    expect(fresh.slice(9).every((c) => c.drill === 'ab-testing' || c.drill === 'sql')).toBe(true);

    const me = pm.find((c) => c.drill === 'metrics-economics')!;
    const ab = pm.find((c) => c.drill === 'ab-testing')!;
    let h = drill(me.id, [[0, 'again']]);
    h = drill(ab.id, [[0, 'again']], h);
    const due = practiceQueue({ history: h, cards: pm, now: at(5), newPerDay: 0, drillStrength: strength, utcOffsetMinutes: 0 }).due;
    expect(due.map((c) => c.id)).toEqual([ab.id, me.id]);
  });

  it('lists the most overdue first within a drill, and only cards that are due', () => {
    const [a, b, c] = pm.filter((x) => x.drill === 'sql');
    let h = drill(a.id, [[0, 'good']]);
    h = drill(b.id, [[2, 'good']], h);
    h = drill(c.id, [[20, 'easy']], h);
    const q = practiceQueue({ history: h, cards: pm, now: at(21), newPerDay: 0, utcOffsetMinutes: 0 });
    expect(q.due.map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('takes the candidate’s stories as cards too', () => {
    const story: PracticeCard = { id: storyCardId('notes/pm.md', 'Priced the clinic plan #pm'), kind: 'story', title: 'Priced the clinic plan', loop: 'pm', drill: 'metrics-economics' };
    expect(story.id).toBe('story:notes/pm.md#priced-the-clinic-plan-pm');
    expect(storyCardId('notes\\pm.md', 'Priced  the clinic plan #PM')).toBe(story.id);
    const q = practiceQueue({ history: emptyHistory(), cards: [story, ...pm], now: at(0), newPerDay: 1, drillStrength: { 'metrics-economics': 0, 'product-sense': 1, 'growth-funnel': 1, 'ab-testing': 1, sql: 1 }, utcOffsetMinutes: 0 });
    expect(q.fresh).toEqual([story]);
  });

  it('uses the candidate’s local day for the limit', () => {
    // 23:30 UTC on day 0 is already day 1 at UTC+2.
    const h = drill(pm[0].id, [[0, 'good']]);
    const late = new Date(at(0).getTime() + 14.5 * 3_600_000);
    expect(practiceQueue({ history: h, cards: pm, now: late, newPerDay: 3, utcOffsetMinutes: 0 }).introducedToday).toBe(1);
    expect(practiceQueue({ history: h, cards: pm, now: late, newPerDay: 3, utcOffsetMinutes: 120 }).introducedToday).toBe(0);
    expect(dayKey(late, 120)).toBe('2026-03-03');
  });
});

describe('streak and drilled today', () => {
  it('counts consecutive days ending today, or yesterday before today’s first drill', () => {
    let h = emptyHistory();
    for (const d of [0, 1, 2, 4, 5, 6]) h = recordReview(h, `q${d}`, 'good', at(d));
    h = recordReview(h, 'q6b', 'hard', at(6, 1));
    expect(practiceStats(h, at(6, 3), 0)).toEqual({ streak: 3, drilledToday: 2, cardsSeen: 7 });
    expect(practiceStats(h, at(7), 0)).toMatchObject({ streak: 3, drilledToday: 0 });
    expect(practiceStats(h, at(8), 0)).toMatchObject({ streak: 0, drilledToday: 0 });
    expect(practiceStats(emptyHistory(), at(0), 0)).toEqual({ streak: 0, drilledToday: 0, cardsSeen: 0 });
  });
});

describe('export, import and merge', () => {
  const history = drill('pm-me-ltv-ceiling', [[0, 'good'], [3, 'again'], [4, 'easy']]);

  it('round-trips: what is exported imports to the same history and the same schedule', () => {
    const file = exportHistory(history, at(5));
    expect(JSON.parse(file)).toMatchObject({ format: 'prep-loop-review-history', version: 1, exportedAt: at(5).toISOString() });
    const back = importHistory(file);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.history).toEqual(history);
    expect(cardStatuses(back.history)).toEqual(cardStatuses(history));
    expect(importHistory(`\uFEFF${file}`).ok).toBe(true);
  });

  it('refuses a bad file with a message that says what is wrong', () => {
    const bad = (text: string) => {
      const r = importHistory(text);
      expect(r.ok, text).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(bad('{nope')).toMatch(/not valid JSON/);
    expect(bad('[]')).toMatch(/JSON object/);
    expect(bad('{"format":"anki","version":1,"log":[]}')).toMatch(/not a Prep Loop review history/);
    expect(bad('{"format":"prep-loop-review-history","version":2,"log":[]}')).toMatch(/newer Prep Loop \(version 2\).*Update Prep Loop/);
    expect(bad('{"format":"prep-loop-review-history","version":"1","log":[]}')).toMatch(/whole number/);
    expect(bad('{"format":"prep-loop-review-history","version":1,"log":{}}')).toMatch(/"log" should be a list/);
    const entry = (e: object) => bad(JSON.stringify({ format: 'prep-loop-review-history', version: 1, log: [{ card: 'q', rating: 'good', at: '2026-03-02T09:00:00Z' }, e] }));
    expect(entry({ card: 'q', rating: 'ok', at: '2026-03-02T09:00:00Z' })).toBe('Review 2: "rating" should be again, hard, good or easy (got "ok").');
    expect(entry({ card: '', rating: 'good', at: '2026-03-02T09:00:00Z' })).toMatch(/^Review 2: "card"/);
    expect(entry({ card: 'q', rating: 'good', at: 'yesterday' })).toMatch(/^Review 2: "at" should be a date and time/);
    expect(entry({ card: 'q', rating: 'good', at: '2026-03-02T09:00:00Z', seconds: -3 })).toMatch(/"seconds"/);
    expect(entry(['not', 'an', 'object'])).toBe('Review 2 is not an object.');
  });

  it('merges two machines’ histories without counting a review twice', () => {
    const other = drill('po-sm-goal-at-risk', [[1, 'good']]);
    const both = mergeHistories(history, mergeHistories(other, history));
    expect(both.log).toHaveLength(history.log.length + other.log.length);
    expect(both.log.map((e) => e.at)).toEqual([...both.log.map((e) => e.at)].sort());
    expect(cardStatuses(both).get('pm-me-ltv-ceiling')).toEqual(cardStatuses(history).get('pm-me-ltv-ceiling'));
  });
});

describe('answer-time targets', () => {
  it('gives behavioural prompts about two minutes, cases longer, and honours overrides', () => {
    const bh = questionById('pm-bh-failure-wrong-bet')!;
    const ps = questionById('pm-ps-editor-first')!;
    expect(targetSeconds(questionCard(bh), bh)).toBe(120);
    expect(targetSeconds(questionCard(ps), ps)).toBe(DEFAULT_TARGET_SECONDS['product-sense']);
    expect(targetSeconds(questionCard(ps), ps)).toBeGreaterThan(targetSeconds(questionCard(bh), bh));
    expect(targetSeconds({ id: 's', kind: 'story', title: 'x' })).toBe(150);
    expect(targetSeconds(questionCard(ps), ps, { 'product-sense': 420 })).toBe(420);
    expect(targetSeconds(questionCard(ps), ps, { 'product-sense': -1 })).toBe(600);
  });
});

describe('cards from the notes', () => {
  it('takes the loop’s questions and the stories, and ranks drills by how many stories cover them', () => {
    const text = '---\nloop: pm\n---\n\n## Sized the clinic plan #pm #metrics\n\nI built the LTV and CAC payback model and took it to finance.\n\n## Ran refinement #po #execution\n\nI ran refinement every week.\n';
    const coverage = buildCoverage([coverageDoc('notes/pm.md', parsePrepDoc(text))]);
    const cards = practiceCards(coverage, ['pm']);
    expect(cards.filter((c) => c.kind === 'question')).toHaveLength(questionsFor('pm').length);
    expect(cards.filter((c) => c.kind === 'story')).toEqual([
      { id: 'story:notes/pm.md#sized-the-clinic-plan', kind: 'story', title: 'Sized the clinic plan', loop: 'pm', drill: 'metrics-economics' },
    ]);
    const strength = drillStrength(coverage);
    expect(strength['metrics-economics']).toBe(1);
    expect(strength['ab-testing']).toBe(0);
    const fresh = practiceQueue({ history: emptyHistory(), cards, now: at(0), newPerDay: 3, drillStrength: strength, utcOffsetMinutes: 0 }).fresh;
    expect(fresh.every((c) => c.drill !== 'metrics-economics')).toBe(true);
  });
});

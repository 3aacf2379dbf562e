/**
 * Practice scheduling: the question bank and the candidate's own stories are cards; after each
 * drill the candidate rates it (Again / Hard / Good / Easy) and FSRS (`ts-fsrs`) says when it is due
 * again. The review history is plain JSON (a versioned log of ratings), so it can be stored in an
 * editor's global state, exported to a file and imported on a new machine. Card state is never
 * stored: it is replayed from the log, so a merged or imported history always schedules the same way.
 * Editor-free.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import type { Coverage } from './coverage';
import { getDrill, type DrillId } from './lexicon';
import { normalizeQuestionText, questionsFor, type Question } from './questions';
import type { SingleLoop } from './types';

/** How a candidate rates one drill. */
export type PracticeRating = 'again' | 'hard' | 'good' | 'easy';

/** The ratings, worst first. */
export const RATINGS: readonly PracticeRating[] = ['again', 'hard', 'good', 'easy'];

const GRADE: Record<PracticeRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** One review: which card, how it went, when, and (if timed) how long the answer took. */
export interface ReviewEntry {
  card: string;
  rating: PracticeRating;
  /** ISO 8601 time of the review. */
  at: string;
  /** Length of the spoken answer in seconds, when the timer ran. */
  seconds?: number;
}

/** The review history: what is stored and exported. Version 1. */
export interface ReviewHistory {
  format: typeof HISTORY_FORMAT;
  version: typeof HISTORY_VERSION;
  /** Every review, oldest first. */
  log: ReviewEntry[];
}

/** The `format` field of a history file. */
export const HISTORY_FORMAT = 'prep-loop-review-history';
/** The version this build reads and writes. */
export const HISTORY_VERSION = 1;

/** A history with no reviews. */
export function emptyHistory(): ReviewHistory {
  return { format: HISTORY_FORMAT, version: HISTORY_VERSION, log: [] };
}

/** Something to drill: a bank question or one of the candidate's stories. */
export interface PracticeCard {
  /** A question id, or a story id from {@link storyCardId}. */
  id: string;
  kind: 'question' | 'story';
  /** What to show: the question, or the story's title. */
  title: string;
  loop?: SingleLoop;
  /** The drill the card trains (a question's drill; a story's first detected drill). */
  drill?: DrillId;
}

/** The card of a bank question. */
export function questionCard(q: Question): PracticeCard {
  return { id: q.id, kind: 'question', title: q.question, loop: q.loop, drill: q.drill };
}

/** A stable card id for a story: its file and its title (normalised), so re-wording tags keeps it. */
export function storyCardId(file: string, title: string): string {
  return `story:${file.replace(/\\/g, '/')}#${normalizeQuestionText(title).replace(/\s+/g, '-')}`;
}

/**
 * The cards for the loops a set of notes targets: every bank question of those loops, then every
 * story (each once), so Practice Today drills both. Stories with no single loop go with both.
 */
export function practiceCards(coverage: Pick<Coverage, 'stories' | 'loops'>, loops: readonly SingleLoop[]): PracticeCard[] {
  const cards: PracticeCard[] = loops.flatMap((l) => questionsFor(l)).map(questionCard);
  const seen = new Set<string>();
  for (const s of coverage.stories) {
    const loop = s.loop === 'pm' || s.loop === 'po' ? s.loop : undefined;
    if (loop && !loops.includes(loop)) continue;
    const id = storyCardId(s.file, s.title);
    if (seen.has(id)) continue;
    seen.add(id);
    // The story's first drill of its own loop ("sized" is Scrum vocabulary, but not in a PM story).
    const drill = s.drills.find((d) => !loop || getDrill(d)?.loop === loop) ?? s.drills[0];
    cards.push({ id, kind: 'story', title: s.title, ...(loop ? { loop } : {}), ...(drill ? { drill } : {}) });
  }
  return cards;
}

/** How many stories cover each drill (for {@link QueueInput.drillStrength}): fewer means drilled sooner. */
export function drillStrength(coverage: Pick<Coverage, 'drills'>): Partial<Record<DrillId, number>> {
  return Object.fromEntries(Object.entries(coverage.drills).map(([id, d]) => [id, d.stories])) as Partial<Record<DrillId, number>>;
}

/** Scheduling options. */
export interface PracticeOptions {
  /** Target probability of recalling a card when it comes due (FSRS `request_retention`), 0.7–0.99. */
  retention?: number;
  /** The longest interval in days: prep lasts weeks, not years. */
  maximumIntervalDays?: number;
}

/** Where a card stands after its reviews. */
export interface CardStatus {
  id: string;
  due: Date;
  state: 'new' | 'learning' | 'review' | 'relearning';
  reps: number;
  lapses: number;
  stability: number;
  difficulty: number;
  lastReview?: Date;
  lastRating?: PracticeRating;
}

const STATE_NAME: Record<State, CardStatus['state']> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

/**
 * The FSRS scheduler Prep Loop uses: day-based (no same-day learning steps, since practice is a
 * daily routine), no fuzz (the same history always gives the same dates), a 0.9 retention target.
 */
export function scheduler(options: PracticeOptions = {}): FSRS {
  const retention = clampNumber(options.retention, 0.7, 0.99, 0.9);
  const maximum = Math.round(clampNumber(options.maximumIntervalDays, 1, 36500, 365));
  return fsrs({ request_retention: retention, maximum_interval: maximum, enable_fuzz: false, enable_short_term: false });
}

function clampNumber(v: number | undefined, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

/** The history's reviews in time order (stable for equal times). */
function ordered(log: readonly ReviewEntry[]): ReviewEntry[] {
  return log
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

/** Replays the log through FSRS: each reviewed card's state. Cards never reviewed are absent. */
export function cardStatuses(history: ReviewHistory, options: PracticeOptions = {}): Map<string, CardStatus> {
  const f = scheduler(options);
  const cards = new Map<string, { card: Card; last: PracticeRating }>();
  for (const e of ordered(history.log)) {
    const at = new Date(e.at);
    const prev: Card = cards.get(e.card)?.card ?? createEmptyCard<Card>(at);
    cards.set(e.card, { card: f.next(prev, at, GRADE[e.rating]).card, last: e.rating });
  }
  const out = new Map<string, CardStatus>();
  for (const [id, { card, last }] of cards) out.set(id, toStatus(id, card, last));
  return out;
}

function toStatus(id: string, card: Card, last?: PracticeRating): CardStatus {
  return {
    id,
    due: card.due,
    state: STATE_NAME[card.state],
    reps: card.reps,
    lapses: card.lapses,
    stability: card.stability,
    difficulty: card.difficulty,
    ...(card.last_review ? { lastReview: card.last_review } : {}),
    ...(last ? { lastRating: last } : {}),
  };
}

/**
 * Adds one review and returns the new history (the old one is not changed).
 *
 * @throws Error with a plain message when the rating or time is not valid.
 */
export function recordReview(history: ReviewHistory, card: string, rating: PracticeRating, now: Date, seconds?: number): ReviewHistory {
  if (!card.trim()) throw new Error('A review needs the id of the card that was drilled.');
  if (!RATINGS.includes(rating)) throw new Error(`A rating is again, hard, good or easy (got "${String(rating)}").`);
  if (Number.isNaN(now.getTime())) throw new Error('A review needs a valid time.');
  const entry: ReviewEntry = { card, rating, at: now.toISOString(), ...(seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? { seconds: Math.round(seconds) } : {}) };
  return { ...history, log: [...history.log, entry] };
}

/** When a card would next be due for each rating, without recording anything (for button labels). */
export function previewRatings(history: ReviewHistory, card: string, now: Date, options: PracticeOptions = {}): Record<PracticeRating, Date> {
  const f = scheduler(options);
  let current: Card = createEmptyCard(now);
  for (const e of ordered(history.log)) if (e.card === card) current = f.next(current, new Date(e.at), GRADE[e.rating]).card;
  const out = {} as Record<PracticeRating, Date>;
  for (const r of RATINGS) out[r] = f.next(current, now, GRADE[r]).card.due;
  return out;
}

/** What the day's practice looks like. */
export interface PracticeQueue {
  /** Cards already reviewed that are due now: weakest drills first, then the most overdue. */
  due: PracticeCard[];
  /** Never-reviewed cards to introduce today, up to the daily limit: weakest drills first. */
  fresh: PracticeCard[];
  /** New cards already introduced today (they count against the limit). */
  introducedToday: number;
  /** The earliest due date among reviewed cards that are not due yet, if any. */
  nextDue?: Date;
}

/** Inputs of {@link practiceQueue}. */
export interface QueueInput {
  history: ReviewHistory;
  /** Every card that could be drilled, in the order to introduce them when nothing else decides. */
  cards: readonly PracticeCard[];
  now: Date;
  /** New cards per day (default 10). */
  newPerDay?: number;
  /**
   * How well each drill is covered by the candidate's stories (e.g. `Coverage.drills[id].stories`):
   * drills with fewer stories come first. Drills not listed count as 0.
   */
  drillStrength?: Partial<Record<DrillId, number>>;
  /** Minutes to add to UTC for the candidate's local day (default: this machine's offset). */
  utcOffsetMinutes?: number;
  options?: PracticeOptions;
}

/** Today's queue: due reviews, then new cards up to the daily limit, weakly covered drills first. */
export function practiceQueue(input: QueueInput): PracticeQueue {
  const { history, cards, now } = input;
  const offset = input.utcOffsetMinutes ?? -now.getTimezoneOffset();
  const statuses = cardStatuses(history, input.options);
  const strength = (c: PracticeCard) => (c.drill ? (input.drillStrength?.[c.drill] ?? 0) : Number.MAX_SAFE_INTEGER);
  const position = new Map(cards.map((c, i) => [c.id, i]));

  const due: { card: PracticeCard; due: number }[] = [];
  let nextDue: Date | undefined;
  for (const card of cards) {
    const s = statuses.get(card.id);
    if (!s) continue;
    if (s.due.getTime() <= now.getTime()) due.push({ card, due: s.due.getTime() });
    else if (!nextDue || s.due < nextDue) nextDue = s.due;
  }
  due.sort((a, b) => strength(a.card) - strength(b.card) || a.due - b.due || position.get(a.card.id)! - position.get(b.card.id)!);

  const today = dayKey(now, offset);
  const firstReview = new Map<string, string>();
  for (const e of ordered(history.log)) if (!firstReview.has(e.card)) firstReview.set(e.card, e.at);
  const introducedToday = [...firstReview.values()].filter((at) => dayKey(new Date(at), offset) === today).length;
  const limit = Math.max(0, Math.floor(clampNumber(input.newPerDay, 0, 1000, 10)) - introducedToday);
  const fresh = cards
    .filter((c) => !statuses.has(c.id))
    .sort((a, b) => strength(a) - strength(b) || position.get(a.id)! - position.get(b.id)!)
    .slice(0, limit);

  return { due: due.map((d) => d.card), fresh, introducedToday, ...(nextDue ? { nextDue } : {}) };
}

/** The local calendar day of a time, as `YYYY-MM-DD`. */
export function dayKey(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** How the candidate's practice is going. */
export interface PracticeStats {
  /** Days in a row with at least one review, ending today (or yesterday, if none yet today). */
  streak: number;
  /** Reviews made today. */
  drilledToday: number;
  /** Distinct cards ever reviewed. */
  cardsSeen: number;
}

/** Streak, drilled today and cards seen. */
export function practiceStats(history: ReviewHistory, now: Date, utcOffsetMinutes = -now.getTimezoneOffset()): PracticeStats {
  const days = new Set(history.log.map((e) => dayKey(new Date(e.at), utcOffsetMinutes)));
  const today = dayKey(now, utcOffsetMinutes);
  const drilledToday = history.log.filter((e) => dayKey(new Date(e.at), utcOffsetMinutes) === today).length;
  const step = (key: string) => dayKey(new Date(Date.parse(`${key}T12:00:00Z`) - 86_400_000), 0);
  let day = days.has(today) ? today : step(today);
  let streak = 0;
  while (days.has(day)) {
    streak++;
    day = step(day);
  }
  return { streak, drilledToday, cardsSeen: new Set(history.log.map((e) => e.card)).size };
}

/** The history as a file: pretty JSON with the format, the version and when it was exported. */
export function exportHistory(history: ReviewHistory, now = new Date()): string {
  return `${JSON.stringify({ format: HISTORY_FORMAT, version: HISTORY_VERSION, exportedAt: now.toISOString(), log: ordered(history.log) }, null, 2)}\n`;
}

/** The result of reading a history file: the history, or one clear reason it was refused. */
export type ImportResult = { ok: true; history: ReviewHistory } | { ok: false; error: string };

const MAX_ENTRIES = 200_000;

/** Reads and validates a history file (from {@link exportHistory}, or the stored state). Never throws. */
export function importHistory(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, error: `The file is not valid JSON (${(e as Error).message}).` };
  }
  return validateHistory(data);
}

/** Validates a parsed history object. Never throws. */
export function validateHistory(data: unknown): ImportResult {
  if (!isRecord(data)) return { ok: false, error: 'A review history is a JSON object with "format", "version" and "log".' };
  if (data.format !== HISTORY_FORMAT) return { ok: false, error: `This is not a Prep Loop review history: "format" should be "${HISTORY_FORMAT}".` };
  if (typeof data.version !== 'number' || !Number.isInteger(data.version)) return { ok: false, error: '"version" should be a whole number.' };
  if (data.version > HISTORY_VERSION) return { ok: false, error: `This history was written by a newer Prep Loop (version ${data.version}); this one reads version ${HISTORY_VERSION}. Update Prep Loop to import it.` };
  if (data.version < 1) return { ok: false, error: `Version ${data.version} is not a history version Prep Loop ever wrote.` };
  if (!Array.isArray(data.log)) return { ok: false, error: '"log" should be a list of reviews.' };
  if (data.log.length > MAX_ENTRIES) return { ok: false, error: `The log holds ${data.log.length} reviews, more than the ${MAX_ENTRIES} Prep Loop reads.` };
  const log: ReviewEntry[] = [];
  for (const [i, raw] of data.log.entries()) {
    const where = `Review ${i + 1}`;
    if (!isRecord(raw)) return { ok: false, error: `${where} is not an object.` };
    if (typeof raw.card !== 'string' || !raw.card.trim() || raw.card.length > 500) return { ok: false, error: `${where}: "card" should be the id of a question or story.` };
    if (typeof raw.rating !== 'string' || !RATINGS.includes(raw.rating as PracticeRating)) return { ok: false, error: `${where}: "rating" should be again, hard, good or easy (got ${JSON.stringify(raw.rating)}).` };
    if (typeof raw.at !== 'string' || Number.isNaN(Date.parse(raw.at))) return { ok: false, error: `${where}: "at" should be a date and time such as 2026-03-01T09:30:00Z (got ${JSON.stringify(raw.at)}).` };
    if (raw.seconds !== undefined && (typeof raw.seconds !== 'number' || !Number.isFinite(raw.seconds) || raw.seconds < 0)) return { ok: false, error: `${where}: "seconds" should be a number of seconds.` };
    log.push({ card: raw.card, rating: raw.rating as PracticeRating, at: new Date(raw.at).toISOString(), ...(raw.seconds !== undefined ? { seconds: Math.round(raw.seconds as number) } : {}) });
  }
  return { ok: true, history: { format: HISTORY_FORMAT, version: HISTORY_VERSION, log: ordered(log) } };
}

/** Both histories' reviews, each once (same card, rating and time), in time order. */
export function mergeHistories(a: ReviewHistory, b: ReviewHistory): ReviewHistory {
  const seen = new Set<string>();
  const log: ReviewEntry[] = [];
  for (const e of [...a.log, ...b.log]) {
    const key = `${e.card}\u0000${e.rating}\u0000${Date.parse(e.at)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    log.push(e);
  }
  return { format: HISTORY_FORMAT, version: HISTORY_VERSION, log: ordered(log) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Default answer-time targets in seconds, per drill (cases run longer than behavioural answers). */
export const DEFAULT_TARGET_SECONDS: Readonly<Record<DrillId | 'behavioural' | 'screening' | 'story', number>> = {
  behavioural: 120,
  screening: 60,
  story: 150,
  'metrics-economics': 300,
  'product-sense': 600,
  'growth-funnel': 480,
  'ab-testing': 420,
  sql: 600,
  'scrum-mechanics': 180,
  'user-story-writing': 300,
  'stakeholder-capacity': 150,
  'epic-decomposition': 300,
  dependencies: 180,
};

/** The answer-time target for a card, in seconds, with the user's overrides by the same keys. */
export function targetSeconds(card: PracticeCard, question?: Question, overrides: Partial<Record<keyof typeof DEFAULT_TARGET_SECONDS, number>> = {}): number {
  const key: keyof typeof DEFAULT_TARGET_SECONDS =
    card.kind === 'story' ? 'story' : question && question.kind !== 'drill' ? question.kind : (card.drill ?? 'behavioural');
  const o = overrides[key];
  return typeof o === 'number' && Number.isFinite(o) && o > 0 ? o : DEFAULT_TARGET_SECONDS[key];
}

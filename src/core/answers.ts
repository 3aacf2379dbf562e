/**
 * Which bank questions a story answers: the ids or question texts on its `Answers:` line, and the
 * question its heading repeats (a Drill a Question skeleton keeps the question as its heading, so
 * once answered it answers that question). Editor-free.
 */
import type { Story } from './parse';
import { normalizeQuestionText, questionById, QUESTIONS } from './questions';

/** The questions a story answers, and the `Answers:` items that match no question. */
export interface StoryAnswers {
  /** Question ids, each once, in the order found (heading first). */
  ids: string[];
  /** Items of the `Answers:` line that name no question in the bank, as written. */
  unknown: string[];
}

const ID = /\b(?:pm|po)-[a-z0-9]+(?:-[a-z0-9]+)+\b/gi;
const byText = new Map(QUESTIONS.map((q) => [normalizeQuestionText(q.question), q.id]));

/** The question whose text this is: the same words, or (20 characters or more) the start of exactly one question. */
export function questionForText(text: string): string | undefined {
  const n = normalizeQuestionText(text);
  if (!n) return undefined;
  const exact = byText.get(n);
  if (exact) return exact;
  if (n.length < 20) return undefined;
  const starts = QUESTIONS.filter((q) => normalizeQuestionText(q.question).startsWith(n));
  return starts.length === 1 ? starts[0].id : undefined;
}

/** Reads the questions a story answers. */
export function storyAnswers(story: Pick<Story, 'heading' | 'answersLine'>): StoryAnswers {
  const ids: string[] = [];
  const unknown: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  const fromHeading = questionForText(story.heading.title);
  if (fromHeading) add(fromHeading);
  const line = story.answersLine?.text;
  if (line) {
    // Quoted texts first, then ids, then what is left as one text (question texts hold commas).
    let rest = line.replace(/"([^"]+)"|“([^”]+)”/g, (_, a: string | undefined, b: string | undefined) => {
      const t = (a ?? b ?? '').trim();
      const id = questionForText(t);
      if (id) add(id);
      else if (t) unknown.push(t);
      return ' ';
    });
    rest = rest.replace(ID, (m) => {
      const id = m.toLowerCase();
      if (questionById(id)) add(id);
      else unknown.push(m);
      return ' ';
    });
    const left = rest.replace(/^[\s,;|]+|[\s,;|]+$/g, '').trim();
    if (left && /[\p{L}]{3}/u.test(left)) {
      const id = questionForText(left);
      if (id) add(id);
      else unknown.push(left);
    }
  }
  return { ids, unknown };
}

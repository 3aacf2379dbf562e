/**
 * Which prep docs hold the writer's stories: the one judgement behind "where does a folder's
 * coverage finding go". A folder of notes for one loop is prepared as a whole, so `loop-coverage`
 * says what its stories leave out once, on the folder's first **story bank**: a doc of the
 * writer's own notes (not a template, not a guide) with several stories in it. A doc with a
 * single story (one case study, told in parts or not) is an account, not a bank; a template or a
 * guide tells nobody's own stories.
 *
 * The verdict is computed from two pieces of evidence only (how many stories, the doc's genre),
 * so the CLI, the language server, the incremental linter and a fresh lint reach it the same way:
 * a full parse reads them from the `PrepDoc` ({@link storyHoldingOf}), the incremental linter
 * from its per-part summaries ({@link judgeStoryHolding}), a host from a sibling's summary
 * (`elsewhere.ts`). Folder order ({@link folderOrder}) decides which bank comes first.
 * Editor-free, plain data.
 */
import type { GenreDecision } from './genre';
import type { PrepDoc } from './parse';
import type { Loop, SingleLoop } from './types';

/** The stories a doc needs to be a story bank ("several"). */
export const BANK_STORIES = 2;

/** What a doc holds of the writer's own stories. */
export type StoryHolding =
  /** Several stories of the writer's own: where a folder's coverage finding may go. */
  | 'bank'
  /** One story only (a single case study or account). */
  | 'single'
  /** No story at all (reference notes, artifacts, logistics). */
  | 'none'
  /** A template or a guide (`genre.ts`): its "stories" are slots or examples, not the writer's. */
  | 'not-own';

/** The verdict with its evidence in words. */
export interface StoryHoldingVerdict {
  holds: StoryHolding;
  /** How many story sections the doc has. */
  stories: number;
  /** Why, in words; reads after "This doc …": "holds 4 stories of your own". */
  reason: string;
}

/** What the verdict is made from: the doc's story count and, for a template or guide, its genre. */
export interface StoryHoldingEvidence {
  stories: number;
  genre?: GenreDecision;
}

/** The verdict from its evidence. */
export function judgeStoryHolding(e: StoryHoldingEvidence): StoryHoldingVerdict {
  const { stories, genre } = e;
  if (genre) return { holds: 'not-own', stories, reason: `is a ${genre.genre}, not notes of your own (${genre.reason})` };
  if (stories >= BANK_STORIES) return { holds: 'bank', stories, reason: `holds ${stories} stories of your own` };
  if (stories === 1) return { holds: 'single', stories, reason: 'holds one story only (one account, such as a case study, is no story bank)' };
  return { holds: 'none', stories, reason: 'holds no story of your own' };
}

/** The verdict for a parsed doc. */
export function storyHoldingOf(doc: PrepDoc): StoryHoldingVerdict {
  return judgeStoryHolding({ stories: doc.stories.length, ...(doc.genre ? { genre: doc.genre } : {}) });
}

/** The single loops a doc's loop prepares: a hybrid doc prepares both. */
export function loopsOf(loop: Loop): SingleLoop[] {
  return loop === 'hybrid' ? ['pm', 'po'] : [loop];
}

/**
 * The order of two file names in their folder, as a file explorer lists them: by the name before
 * its extension first ("b.md" before "b2.md"), case ignored, runs of digits by their value
 * ("2-x.md" before "10-x.md"), then the whole name, then code units for a stable tie break.
 * Locale-free, so every host orders a folder alike. Negative when `a` comes first.
 */
export function folderOrder(a: string, b: string): number {
  const stem = (s: string) => s.replace(/\.[^.]*$/, '');
  return natural(stem(a), stem(b)) || natural(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Case-free order of two texts with digit runs compared by value. */
function natural(a: string, b: string): number {
  const x = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const y = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const m = p.replace(/^0+(?=\d)/, '');
      const n = q.replace(/^0+(?=\d)/, '');
      if (m.length !== n.length) return m.length < n.length ? -1 : 1;
      if (m !== n) return m < n ? -1 : 1;
      continue;
    }
    return p < q ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

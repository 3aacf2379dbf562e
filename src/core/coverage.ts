/**
 * Coverage of a set of prep docs: which stories count for which loop, axis and interview drill,
 * and which drills have no story yet. One model for the `prep-loop coverage` command and the
 * extension's Show Coverage webview; each renders it in its own way. Editor-free.
 *
 * Two views of drill coverage live here, and they answer different questions:
 *
 * - {@link Coverage.drills} counts every story that evidences a drill, whatever its loop;
 *   {@link Coverage.gaps} lists, for the loops the docs target, the drills that neither a story
 *   nor an artifact section (a backlog, a user-stories list, a PRD) evidences, exactly as the
 *   `loop-coverage` rule decides per doc. "Do my notes anywhere cover SQL?"
 * - {@link Coverage.loops} counts, per single loop, only the stories of that loop (hybrid stories
 *   count for both), split by axis tag. "Which PO drills do my PO stories cover?"
 */
import { storyAnswers } from './answers';
import { coveredDrillsIn } from './drill-evidence';
import { DRILLS, DRILL_IDS, getDrill, type DrillId, type LexiconExtras } from './lexicon';
import { lexiconFor } from './lint';
import type { PrepDoc } from './parse';
import { questionsFor } from './questions';
import { sectionProse, storyProse } from './rules/util';
import { AXES, type Axis, type Loop, type SingleLoop } from './types';

/** Axis columns: the four axes, plus `none` for stories with no axis tag. */
export type AxisColumn = Axis | 'none';

/** The axis columns in display order. */
export const AXIS_COLUMNS: readonly AxisColumn[] = [...AXES, 'none'];

/** One story as coverage sees it. */
export interface CoverageStory {
  /** The doc the story sits in, as the caller labels it (a relative path). */
  file: string;
  /** The heading's line, 1-based (what an editor or a terminal link needs). */
  line: number;
  /** The heading's title (tags stripped), else its whole text. */
  title: string;
  /** The story's loop tag, else its doc's loop. */
  loop: Loop | undefined;
  /**
   * Where {@link CoverageStory.loop} comes from: `tag` when the story carries a loop tag the
   * candidate wrote, `doc` when it has none and counts for its doc's loop (not the candidate's
   * word: shown differently), absent when there is neither.
   */
  loopFrom?: 'tag' | 'doc';
  /** The story's axis tags, each once, in heading order; empty when it has none. */
  axes: Axis[];
  /**
   * The drills the story is about, in the order their evidence first appears: judged by
   * {@link coveredDrillsIn}, as the `loop-coverage` and `no-scrum-mechanics` rules judge them (a
   * word in passing or in a skills list does not count).
   */
  drills: DrillId[];
  /** Per drill in {@link CoverageStory.drills}: the words that made it count, as written, heaviest first. */
  evidence: Partial<Record<DrillId, string[]>>;
  /** Bank question ids the story answers (its `Answers:` line, or a heading that repeats a question). */
  answers: string[];
}

/** One prep doc as coverage sees it. */
export interface CoverageDoc {
  file: string;
  /** The doc's loop: the loops it targets (`hybrid` targets both). */
  loop: Loop | undefined;
  stories: CoverageStory[];
  /**
   * The drills the doc's artifact sections evidence (a "Backlog" with user stories drills
   * user-story writing). They close gaps, as they do for the `loop-coverage` rule, but they are
   * not stories and are not counted as such.
   */
  artifactDrills: DrillId[];
}

/** A drill with the number of stories, of any loop, whose text evidences it. */
export interface DrillCount {
  loop: SingleLoop;
  label: string;
  stories: number;
}

/** Per drill of one loop: the count of that loop's stories evidencing it, per axis column. */
export interface DrillRow {
  id: DrillId;
  label: string;
  /** A story with two axis tags counts in both columns; one with none counts in `none`. */
  byAxis: Record<AxisColumn, number>;
  /** Stories evidencing the drill (each once, however many axis tags it has). */
  total: number;
}

/** The coverage of the stories of one single loop. */
export interface LoopCoverage {
  loop: SingleLoop;
  /** Stories of this loop, hybrid stories included. */
  stories: number;
  /** One row per drill of the loop, in {@link DRILLS} order. */
  rows: DrillRow[];
}

/** Coverage over several prep docs. */
export interface Coverage {
  docs: number;
  /** Every story of every doc, in doc order. */
  stories: CoverageStory[];
  /** Stories by loop: the story's loop tag, else its doc's loop (stories with neither: not counted). */
  byLoop: Record<Loop, number>;
  /** Stories by axis tag (a story with two axis tags counts in both; `none`: no axis tag). */
  byAxis: Record<AxisColumn, number>;
  /** Stories by loop × axis, counted as in {@link Coverage.byLoop} and {@link Coverage.byAxis}. */
  matrix: Record<Loop, Record<AxisColumn, number>>;
  /** Every drill, in {@link DRILL_IDS} order, with the number of stories of any loop that evidence it. */
  drills: Record<DrillId, DrillCount>;
  /**
   * Drills of the loops the docs target (pm, po, or both for hybrid docs) that no story and no
   * artifact section evidences: for one doc, the drills its `loop-coverage` finding names (before
   * the rule's `ignore` option).
   */
  gaps: DrillId[];
  /**
   * Drills of the loops the docs target that no story evidences but an artifact section does (a
   * SQL practice set, an epic broken into stories): practised in the notes, with no story to tell yet.
   */
  notesOnly: DrillId[];
  /** Per single loop (pm, then po): drill × axis counts over that loop's stories. */
  loops: LoopCoverage[];
  /**
   * The bank questions of the loops the docs target: which some story answers and which none
   * does yet, each in bank order. "Which questions could I not answer from my notes today?"
   */
  questions: { answered: string[]; open: string[] };
}

const zeroAxes = (): Record<AxisColumn, number> => ({ strategy: 0, metrics: 0, execution: 0, stakeholders: 0, none: 0 });

/**
 * Reads one prep doc for coverage: each story's loop, axis tags and the drills its prose
 * evidences (with the doc's own lexicon extras, as its lint run uses them).
 *
 * @param file - how the doc is labelled in the output (e.g. a workspace-relative path)
 * @param doc - the parsed doc; the caller decides whether it is a prep doc
 * @param lexicon - the doc's config lexicon extras
 */
export function coverageDoc(file: string, doc: PrepDoc, lexicon: LexiconExtras = {}): CoverageDoc {
  const lex = lexiconFor(lexicon);
  const artifactDrills = new Set<DrillId>();
  // A template's parts are slots to fill in ("Metric 1: [target]"): they practise nothing yet.
  const template = doc.genre?.genre === 'template';
  for (const section of template ? [] : doc.sections) {
    // An unanswered drill skeleton is a template: it covers nothing until it holds an answer.
    if (section.kind === 'artifact' && !section.unanswered) for (const id of coveredDrillsIn(sectionProse(doc, section), lex).keys()) artifactDrills.add(id);
  }
  // A story's artifact parts (a case study's user stories) are left out of its own drills, as
  // artifacts of their own they still show what the notes hold.
  for (const s of template ? [] : doc.stories) for (const p of s.materialParts ?? []) if (!p.told) for (const id of coveredDrillsIn(doc.prose.slice(p.start, p.end), lex).keys()) artifactDrills.add(id);
  return {
    file,
    loop: doc.loop,
    stories: doc.stories.map((s) => {
      const covered = coveredDrillsIn(storyProse(doc, s).text, lex);
      return {
        file,
        line: s.heading.range.start.line + 1,
        title: s.heading.title || s.heading.text,
        loop: s.loop ?? doc.loop,
        ...(s.loopTags.length ? { loopFrom: 'tag' as const } : s.loop || doc.loop ? { loopFrom: 'doc' as const } : {}),
        axes: [...new Set(s.axisTags.map((t) => t.name))],
        drills: [...covered.keys()],
        evidence: Object.fromEntries([...covered].map(([id, j]) => [id, j.said])),
        answers: storyAnswers(s).ids,
      };
    }),
    artifactDrills: DRILL_IDS.filter((id) => artifactDrills.has(id)),
  };
}

/**
 * Counts the coverage of a set of prep docs (see the module comment for the two drill views).
 *
 * @param docs - the docs from {@link coverageDoc}, in the order the stories should be listed
 */
export function buildCoverage(docs: readonly CoverageDoc[]): Coverage {
  const stories = docs.flatMap((d) => d.stories);
  const byLoop: Record<Loop, number> = { pm: 0, po: 0, hybrid: 0 };
  const byAxis = zeroAxes();
  const matrix: Record<Loop, Record<AxisColumn, number>> = { pm: zeroAxes(), po: zeroAxes(), hybrid: zeroAxes() };
  const drills = Object.fromEntries(DRILL_IDS.map((id) => [id, { loop: getDrill(id)!.loop, label: getDrill(id)!.label, stories: 0 }])) as Record<DrillId, DrillCount>;

  for (const s of stories) {
    if (s.loop) byLoop[s.loop]++;
    for (const axis of axisColumns(s)) {
      byAxis[axis]++;
      if (s.loop) matrix[s.loop][axis]++;
    }
    for (const id of s.drills) drills[id].stories++;
  }

  // A drill is covered by a story or by an artifact section, as the loop-coverage rule counts it.
  const covered = new Set<DrillId>(docs.flatMap((d) => d.artifactDrills));
  for (const id of DRILL_IDS) if (drills[id].stories > 0) covered.add(id);
  const targeted = new Set(docs.flatMap((d) => targets(d.loop)));
  const gaps = (['pm', 'po'] as const).filter((l) => targeted.has(l)).flatMap((l) => DRILLS[l].filter((d) => !covered.has(d.id)).map((d) => d.id));
  const notesOnly = (['pm', 'po'] as const).filter((l) => targeted.has(l)).flatMap((l) => DRILLS[l].filter((d) => covered.has(d.id) && drills[d.id].stories === 0).map((d) => d.id));

  const loops = (['pm', 'po'] as const).map((loop): LoopCoverage => {
    const mine = stories.filter((s) => s.loop === loop || s.loop === 'hybrid');
    const rows = DRILLS[loop].map((d): DrillRow => {
      const row: DrillRow = { id: d.id, label: d.label, byAxis: zeroAxes(), total: 0 };
      for (const s of mine) {
        if (!s.drills.includes(d.id)) continue;
        row.total++;
        for (const axis of axisColumns(s)) row.byAxis[axis]++;
      }
      return row;
    });
    return { loop, stories: mine.length, rows };
  });

  const answered = new Set(stories.flatMap((s) => s.answers));
  const bank = (['pm', 'po'] as const).filter((l) => targeted.has(l)).flatMap((l) => questionsFor(l));
  const questions = { answered: bank.filter((q) => answered.has(q.id)).map((q) => q.id), open: bank.filter((q) => !answered.has(q.id)).map((q) => q.id) };

  return { docs: docs.length, stories, byLoop, byAxis, matrix, drills, gaps, notesOnly, loops, questions };
}

/** The drills of a loop with no story of that loop (the webview's gaps), per single loop. */
export function loopGaps(coverage: Coverage): { loop: SingleLoop; missing: DrillId[] }[] {
  return coverage.loops.map((l) => ({ loop: l.loop, missing: l.rows.filter((r) => !r.total).map((r) => r.id) }));
}

/** The axis columns a story counts in: its axis tags, else `none`. */
function axisColumns(s: CoverageStory): AxisColumn[] {
  return s.axes.length ? s.axes : ['none'];
}

/** The single loops a doc loop targets. */
function targets(loop: Loop | undefined): SingleLoop[] {
  if (loop === 'hybrid') return ['pm', 'po'];
  return loop ? [loop] : [];
}

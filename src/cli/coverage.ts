/**
 * `prep-loop coverage [paths…] [--json]`: how many stories the prep docs hold per loop, per
 * axis, per loop × axis, and per interview drill, with the drills nobody has a story for yet and
 * the bank questions no story answers.
 */
import { AXIS_COLUMNS as COLUMNS, buildCoverage, type AxisColumn, type Coverage, type CoverageDoc, type DrillCount } from '../core/coverage';
import { DRILL_IDS, type DrillId } from '../core/lexicon';
import { maxOf } from '../core/text';
import { LOOPS, type Loop } from '../core/types';
import { expandPaths, readSource } from './files';
import { configLoader } from './load-config';
import { concurrencyOption, FileLog, largestFirst, noPrepDocsMessage, parseCommandArgs, type Io } from './io';
import { runParallel, threadsFor } from './parallel';
import { coverageTask, type CoverageTask } from './coverage-task';
import { ConfigList } from './tasks';

/** The `--json` output: the counts of the core {@link Coverage}, stories as a number. */
export interface CoverageJson {
  docs: number;
  stories: number;
  /** Stories by loop: the story's loop tag, else its doc's loop. */
  byLoop: Record<Loop, number>;
  /** Stories by axis tag (a story with two axis tags counts in both; `none`: no axis tag). */
  byAxis: Record<AxisColumn, number>;
  matrix: Record<Loop, Record<AxisColumn, number>>;
  /** Every drill with the number of stories, of any loop, that are about it. */
  drills: Record<DrillId, DrillCount>;
  /** Drills of the loops the docs target (pm, po, or both for hybrid docs) with no story. */
  gaps: DrillId[];
  /** Drills of the targeted loops that no story evidences but your notes practise (an artifact section). */
  notesOnly: DrillId[];
  /**
   * Every counted story with where it is (file as given on the command line, 1-based heading
   * line), so other tools can link to it. `loopFrom`: `tag` when the story has its own loop tag,
   * `doc` when it counts for its doc's loop. `drills`: the drills the story is about; `evidence`:
   * per drill, the words that made it count (a word in passing or in a skills list does not).
   */
  storyList: { file: string; line: number; title: string; loop: Loop | null; loopFrom: 'tag' | 'doc' | null; axes: string[]; drills: DrillId[]; evidence: Partial<Record<DrillId, string[]>> }[];
  /** Bank questions of the loops the docs target: the ids some story answers, and the open ones no story answers yet. */
  questions: { answered: string[]; open: string[] };
}

/** The JSON shape of a coverage, keys in their documented order. */
export function coverageJson(c: Coverage): CoverageJson {
  const storyList = c.stories.map((s) => ({ file: s.file, line: s.line, title: s.title, loop: s.loop ?? null, loopFrom: s.loopFrom ?? null, axes: s.axes, drills: s.drills, evidence: s.evidence }));
  return { docs: c.docs, stories: c.stories.length, byLoop: c.byLoop, byAxis: c.byAxis, matrix: c.matrix, drills: c.drills, gaps: c.gaps, notesOnly: c.notesOnly, storyList, questions: c.questions };
}

/** Runs `prep-loop coverage`. */
export async function coverageCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('coverage', args, {
    json: { type: 'boolean', default: false },
    config: { type: 'string', short: 'c' },
    concurrency: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(
      'Usage: prep-loop coverage [paths|globs…] [--json] [--config FILE] [--concurrency auto|off|N]\n\nCounts the stories in your prep docs per loop, axis and interview drill, and lists the drills with no story yet.\n',
    );
    return 0;
  }
  const concurrency = concurrencyOption('coverage', values.concurrency);
  const paths = positionals.length ? positionals : ['.'];
  const { files, problems } = await expandPaths(paths, io.cwd);
  for (const p of problems) io.stderr(`prep-loop: ${p.message}\n`);
  if (problems.length && !files.length) return 2;
  const log = new FileLog(io);
  const configFor = configLoader(log.io, values.config);

  // Read every file here, in order; count them (in several threads when there are many).
  const crashed = new Set<number>();
  const configs = new ConfigList();
  const pending: { slot: number; task: CoverageTask }[] = [];
  let ioError = problems.length > 0;
  let read = 0;
  for (const [i, file] of files.entries()) {
    log.at(i);
    try {
      const config = await configFor(file);
      const source = readSource(file, config.maxFileSize);
      if ('error' in source) {
        log.io.stderr(`prep-loop: cannot read ${file}: ${source.error}.\n`);
        ioError = true;
        continue;
      }
      read++;
      if ('skipped' in source) {
        log.io.stderr(`prep-loop: ${file}: ${source.skipped}\n`);
        continue;
      }
      pending.push({ slot: i, task: { file, text: source.text, bytes: source.info.bytes, config: configs.of(config) } });
    } catch (e) {
      crashed.add(i);
      log.io.stderr(crashMessage(file, e instanceof Error ? e.message : String(e)));
    }
  }
  log.at(undefined);
  const tasks = pending.map((p) => p.task);
  const outcomes = await runParallel('coverage', tasks, coverageTask, {
    threads: threadsFor(concurrency, tasks.length, tasks.reduce((n, t) => n + t.text.length, 0)),
    ...((io.workerEntry ?? io.entry) ? { entry: io.workerEntry ?? io.entry } : {}),
    shared: configs.list,
    order: largestFirst(tasks.map((t) => t.text.length)),
  });
  const bySlot = new Map(pending.map((p, k) => [p.slot, outcomes[k]]));
  const docs: CoverageDoc[] = [];
  for (const [i, file] of files.entries()) {
    log.flush(i);
    const outcome = bySlot.get(i);
    if (!outcome || crashed.has(i)) {
      if (crashed.has(i)) ioError = true;
      continue;
    }
    if ('crash' in outcome) {
      io.stderr(crashMessage(file, outcome.crash));
      ioError = true;
      continue;
    }
    if (outcome.skipped) io.stderr(`prep-loop: ${file}: ${outcome.skipped}\n`);
    for (const n of outcome.notes) io.stderr(`prep-loop: ${file}:${n.line + 1}: ${n.message}\n`);
    if (outcome.doc) docs.push(outcome.doc);
  }
  if (!docs.length && read) {
    io.stderr(noPrepDocsMessage(paths, read));
    return 2;
  }
  if (!docs.length) return 2;
  const out = coverageJson(buildCoverage(docs));
  if (values.json) io.stdout(JSON.stringify(out, null, 2) + '\n');
  else io.stdout(formatCoverage(out, io.color));
  return ioError ? 2 : 0;
}

/** One file must never take the run down: say which one, and count the others. */
function crashMessage(file: string, detail: string): string {
  return `prep-loop: ${file}: Prep Loop failed on this file and counted the others (${detail}). Please report it.\n`;
}

const LOOP_LABEL: Record<Loop, string> = { pm: 'PM', po: 'PO', hybrid: 'hybrid' };

/** The readable report: totals, the loop × axis table, the drill table and the gaps. */
export function formatCoverage(c: CoverageJson, color = false): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const warn = (s: string) => (color ? `\u001b[33m${s}\u001b[39m` : s);
  const lines: string[] = [];
  const loopsShown = LOOPS.filter((l) => c.byLoop[l] > 0);
  const split = loopsShown.map((l) => `${LOOP_LABEL[l]} ${c.byLoop[l]}`).join(' · ');
  lines.push(bold(`${c.docs} prep doc${c.docs === 1 ? '' : 's'}, ${c.stories} stor${c.stories === 1 ? 'y' : 'ies'}${split ? ` (${split})` : ''}`), '');

  const head = ['', ...COLUMNS.map((a) => (a === 'none' ? 'no axis' : a)), 'total'];
  const rows = (loopsShown.length ? loopsShown : (['pm', 'po'] as Loop[])).map((l) => [LOOP_LABEL[l], ...COLUMNS.map((a) => String(c.matrix[l][a])), String(c.byLoop[l])]);
  rows.push(['all', ...COLUMNS.map((a) => String(c.byAxis[a])), String(c.stories)]);
  lines.push(...table([head, ...rows]), '');

  const gaps = new Set(c.gaps);
  const notesOnly = new Set(c.notesOnly);
  const drillRows = DRILL_IDS.map((id) => {
    const d = c.drills[id];
    return [LOOP_LABEL[d.loop], d.label, String(d.stories), gaps.has(id) ? warn('no story yet') : notesOnly.has(id) ? 'in your notes, no story yet' : ''];
  });
  lines.push(...table([['loop', 'drill', 'stories', ''], ...drillRows]).map((l) => l.trimEnd()), '');
  if (c.gaps.length) {
    const names = c.gaps.map((id) => c.drills[id].label);
    lines.push(`${c.gaps.length} drill${c.gaps.length === 1 ? '' : 's'} with no story yet: ${names.join('; ')}. Write one story for each before the loop.`);
  } else if (c.stories && !c.notesOnly.length) {
    lines.push('Every drill of the loops you target has at least one story.');
  }
  if (c.notesOnly.length) {
    const names = c.notesOnly.map((id) => c.drills[id].label);
    lines.push(`Practised in your notes but with no story yet: ${names.join('; ')}. A panel may still ask for one.`);
  }
  const bank = c.questions.answered.length + c.questions.open.length;
  if (bank) {
    lines.push(
      !c.questions.answered.length
        ? `No story is linked to a bank question yet: an "Answers: <id>" line in a story tracks which of the ${bank} questions you can answer (prep-loop questions lists them).`
        : c.questions.open.length
        ? `${c.questions.open.length} of ${bank} bank questions have no story that answers them yet (an "Answers:" line names them; prep-loop questions lists the bank).`
        : `Every one of the ${bank} bank questions has a story that answers it.`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Left-aligns the first two columns' text, right-aligns numbers. */
function table(rows: string[][]): string[] {
  const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  const visible = (s: string) => s.replace(ansi, '').length;
  const widths = rows[0].map((_, i) => maxOf(rows.map((r) => visible(r[i] ?? '')), 0));
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - visible(cell)));
        return /^\d+$/.test(cell) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

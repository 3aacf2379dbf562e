/**
 * `prep-loop questions [--loop pm|po] [--json]`: prints the question bank, grouped by loop and
 * drill, with the behavioural prompts and screening questions after each loop's drills, and the
 * worked outline under each metric or case question.
 */
import { parseArgs } from 'node:util';
import { getDrill } from '../core/lexicon';
import { questionsFor, type Question } from '../core/questions';
import type { Loop } from '../core/types';
import { UsageError, type Io } from './io';

/** One question in the `--json` output. */
export interface QuestionJson {
  id: string;
  loop: Question['loop'];
  drill: Question['drill'];
  drillLabel: string;
  kind: Question['kind'];
  theme?: Question['theme'];
  axis: Question['axis'];
  question: string;
  worked?: string[];
}

const USAGE = `Usage: prep-loop questions [--loop pm|po|hybrid] [--json]

Prints the interview question bank: each loop's drill questions, then its behavioural prompts
and screening questions. Metric and case questions come with a worked outline.
`;

/** Runs `prep-loop questions`. */
export async function questionsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { loop: { type: 'string', short: 'l' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`questions takes no file arguments (got "${positionals[0]}").`);
  const raw = values.loop?.trim().toLowerCase();
  if (raw !== undefined && raw !== 'pm' && raw !== 'po' && raw !== 'hybrid') throw new UsageError(`--loop must be pm, po or hybrid (got "${values.loop}").`);
  const loop: Loop = raw ?? 'hybrid';
  const questions = questionsFor(loop);
  if (values.json) {
    io.stdout(JSON.stringify(questions.map(toJson), null, 2) + '\n');
    return 0;
  }
  io.stdout(formatQuestions(questions, io.color));
  return 0;
}

/** A question as the `--json` output lists it. */
export function toJson(q: Question): QuestionJson {
  return {
    id: q.id,
    loop: q.loop,
    drill: q.drill,
    drillLabel: getDrill(q.drill)?.label ?? q.drill,
    kind: q.kind,
    ...(q.theme ? { theme: q.theme } : {}),
    axis: q.axis,
    question: q.question,
    ...(q.worked ? { worked: [...q.worked] } : {}),
  };
}

const KIND_HEADING = { behavioural: 'Behavioural', screening: 'Screening' } as const;

/** The readable listing: a heading per loop, a sub-heading per drill (or kind), one line per question. */
export function formatQuestions(questions: readonly Question[], color = false): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const out: string[] = [];
  let loop = '';
  let group = '';
  for (const q of questions) {
    if (q.loop !== loop) {
      loop = q.loop;
      group = '';
      const n = questions.filter((x) => x.loop === loop).length;
      if (out.length) out.push('');
      out.push(bold(`${loop.toUpperCase()} loop · ${n} questions`));
    }
    const g = q.kind === 'drill' ? getDrill(q.drill)?.label ?? q.drill : KIND_HEADING[q.kind];
    if (g !== group) {
      group = g;
      out.push('', bold(`  ${g}`));
    }
    const tags = [`#${q.axis}`, ...(q.kind !== 'drill' ? [getDrill(q.drill)?.label ?? q.drill] : []), ...(q.theme ? [q.theme] : [])];
    out.push(`  - ${q.question} ${dim(`(${q.id}; ${tags.join(', ')})`)}`);
    for (const step of q.worked ?? []) out.push(dim(`      ${step}`));
  }
  return out.join('\n') + '\n';
}

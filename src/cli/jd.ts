/**
 * `prep-loop jd [FILE|-] [--json]`: reads a job description by its responsibilities, not its
 * title, and says which loop to prepare for, with the lines that decided it.
 */
import { resolve } from 'node:path';
import { classifyJobDescription, type JdResult } from '../core/jd';
import { lexiconFor } from '../core/lint';
import { maxOf } from '../core/text';
import { parseReportArgs, readInput, UsageError, type Io } from './io';
import { configLoader } from './load-config';

/**
 * The `--json` output: exactly these keys (`language` only when the posting is not in English).
 * The reason travels with the verdict: an `unclear` without one leaves the user guessing why.
 */
export interface JdJson {
  verdict: JdResult['verdict'];
  reason: string;
  language?: string;
  evidence: JdResult['evidence'];
  prep: string[];
  screeningQuestions: string[];
}

const VERDICT_LINE: Record<JdResult['verdict'], string> = {
  // What the duties are is the reason's to say, from the areas the posting gives the role.
  pm: 'Product manager role: the duties the role owns are PM work. Prepare for a PM loop.',
  po: 'Product owner role: the duties the role owns are PO work. Prepare for a PO loop.',
  hybrid: 'Hybrid role: the duties cover both strategy and sprint delivery. Prepare both layers.',
  unclear: 'Unclear: the text says too little about the work to tell. Ask at the screen before you prepare.',
};

const ROLE: Record<'pm' | 'po' | 'hybrid', string> = { pm: 'product manager', po: 'product owner', hybrid: 'combined PM/PO' };
const WORK: Record<'pm' | 'po' | 'hybrid', string> = { pm: 'PM work', po: 'PO work', hybrid: 'a mix of PM and PO work' };

/** Runs `prep-loop jd`. */
export async function jdCommand(args: string[], io: Io): Promise<number> {
  const { positionals, ...values } = parseReportArgs(args, 'jd');
  if (values.help) {
    io.stdout('Usage: prep-loop jd [FILE|-] [--json] [--config FILE]\n\nClassifies a job description by its responsibilities (not its title) and lists what to prepare and what to ask at the screen.\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('jd takes one FILE (or - for standard input).');
  const file = resolve(io.cwd, positionals[0] && positionals[0] !== '-' ? positionals[0] : 'stdin.md');
  const config = await configLoader(io, values.config)(file);
  const { text, name } = await readInput(positionals[0], io, config.maxFileSize);
  if (!text.trim()) throw new UsageError(`${name} is empty: paste or pipe a job description.`);
  const lexicon = lexiconFor(config.lexicon);
  const result = classifyJobDescription(text, lexicon);
  const json: JdJson = {
    verdict: result.verdict,
    reason: result.reason,
    ...(result.language ? { language: result.language } : {}),
    evidence: result.evidence,
    prep: result.prep,
    screeningQuestions: result.screeningQuestions,
  };
  if (values.json) {
    io.stdout(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  io.stdout(formatJd(result, io.color));
  return 0;
}

/** The readable report: verdict with its reason, title note, evidence with exact quotes, prep, questions. */
export function formatJd(r: JdResult, color = false): string {
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s);
  const out: string[] = [];
  const headline = r.language ? `Unclear: the posting is in ${r.language}, and only English duties can be read. Ask at the screen before you prepare.` : VERDICT_LINE[r.verdict];
  out.push(`${bold(headline)}${dim(` (confidence ${r.confidence.toFixed(2)})`)}`);
  out.push(r.reason);
  if (r.titleMismatch && r.titleSays && r.verdict !== 'unclear') {
    out.push(`Titled ${r.title ? `"${r.title}"` : `as ${ROLE[r.titleSays]}`}, but the responsibilities are ${WORK[r.verdict]}: prepare for the work, not the title.`);
  } else if (r.title) {
    out.push(dim(`Title: ${r.title}`));
  }
  out.push('', bold('Evidence'));
  if (!r.evidence.length) out.push('  No line of the posting uses either loop’s vocabulary.');
  const width = String(maxOf(r.evidence.map((e) => e.line), 1)).length;
  for (const e of r.evidence) {
    const line = e.text.length > 100 ? `${e.text.slice(0, 97)}…` : e.text;
    const quotes = [...new Set(e.quotes.map((q) => `“${q.text}”`))].join(', ');
    const how =
      e.section === 'requirements' ? 'asked for, not a duty; ' : e.section === 'preferred' ? 'nice to have; ' : e.stance === 'touches' ? 'shared or supporting work; ' : '';
    out.push(`  ${e.loop.toUpperCase()}  line ${String(e.line).padStart(width)}: ${line} ${dim(`(${how}${quotes})`)}`);
  }
  if (r.prep.length) {
    out.push('', bold('What to prepare'));
    for (const p of r.prep) out.push(`  - ${p}`);
  }
  out.push('', bold('Ask at the screen'));
  r.screeningQuestions.forEach((q, i) => out.push(`  ${i + 1}. ${q}`));
  return out.join('\n') + '\n';
}

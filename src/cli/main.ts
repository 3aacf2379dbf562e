/**
 * `prep-loop`: the command line over the same core as the extension.
 * Exit codes: 0 clean (or only warnings/info), 1 findings at error severity, 2 usage or I/O error.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyFindingFixes } from '../core/fix';
import { classify } from '../core/lexicon';
import { lexiconFor, lintText } from '../core/lint';
import { parsePrepDoc } from '../core/parse';
import { expandPaths, readText } from './files';
import { parseReportArgs, readInput, UsageError, type Io } from './io';
import { configLoader } from './load-config';
import { formatJson, formatSarif, formatStylish, type FileResult } from './format';
import { EXTRA_COMMANDS } from './commands';

export { readInput, UsageError, type Io } from './io';

declare const PREP_LOOP_VERSION: string;
const VERSION = typeof PREP_LOOP_VERSION === 'string' ? PREP_LOOP_VERSION : '0.0.0-dev';

const HELP = `prep-loop ${VERSION} — lint PM / PO interview prep notes

Usage:
  prep-loop lint [paths|globs…] [--format stylish|json|sarif] [--config FILE] [--fix]
  prep-loop classify [FILE|-] [--json]
  prep-loop jd [FILE|-] [--json]
  prep-loop coverage [paths…] [--json]
  prep-loop questions [--loop pm|po] [--json]
  prep-loop --help | --version

lint       Checks prep docs (markdown with "loop: pm|po|hybrid" front matter, or a loopByGlob match).
           Exit code 0: no errors; 1: at least one error-severity finding; 2: usage or file problem.
classify   Says whether a text reads as PM or PO work, with the evidence terms.
jd         Classifies a job description by its responsibilities, not its title.
coverage   Counts stories per loop, axis and interview drill.
questions  Prints the interview question bank, with worked outlines for metric and case questions.
`;

/** Runs the CLI with arguments (without `node` and the script). Returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === 'lint') return await lintCommand(rest, io);
    if (command === 'classify') return await classifyCommand(rest, io);
    const extra = EXTRA_COMMANDS[command];
    if (extra) return await extra(rest, io);
    throw new UsageError(`Unknown command "${command}". Run prep-loop --help for the list.`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`prep-loop: ${(e as Error).message}\n`);
      return 2;
    }
    io.stderr(`prep-loop: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

async function lintCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'stylish' }, config: { type: 'string', short: 'c' }, fix: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`Unknown format "${format}". Use stylish, json or sarif.`);
  const paths = positionals.length ? positionals : ['.'];
  const { files, problems } = await expandPaths(paths, io.cwd);
  for (const p of problems) io.stderr(`prep-loop: ${p.message}\n`);
  const ioProblems: string[] = problems.map((p) => p.message);
  if (problems.length && !files.length) return 2;

  const configFor = configLoader(io, values.config);
  const results: FileResult[] = [];
  let prepDocs = 0;
  let ioError = problems.length > 0;
  for (const file of files) {
    const read = readText(file);
    if ('error' in read) {
      io.stderr(`prep-loop: cannot lint ${file}: ${read.error}.\n`);
      ioProblems.push(`cannot lint ${file}: ${read.error}.`);
      ioError = true;
      continue;
    }
    const config = await configFor(file);
    let text = read.text;
    let result = lintText(text, { config, filePath: toSlash(file) });
    if (values.fix) {
      // Apply preferred fixes until nothing changes; stop if a text comes back (two fixes undoing
      // each other) so --fix always settles.
      const seen = new Set([text]);
      for (let pass = 0; pass < 10; pass++) {
        const fixed = applyFindingFixes(text, result.findings);
        if (fixed === text || seen.has(fixed)) break;
        seen.add(fixed);
        text = fixed;
        result = lintText(text, { config, filePath: toSlash(file) });
      }
      if (text !== read.text) writeFileSync(file, text);
    }
    if (!result.doc?.isPrepDoc && !result.skipped) continue;
    prepDocs++;
    results.push({ filePath: file, text, findings: result.findings, ...(result.skipped ? { notice: { severity: 'warning' as const, message: result.skipped } } : {}) });
  }
  if (!prepDocs && files.length) {
    io.stderr(
      `prep-loop: no prep docs in ${paths.join(', ')} (${files.length} markdown file${files.length === 1 ? '' : 's'} checked). ` +
        'A prep doc starts with front matter such as "---\\nloop: pm\\n---", or matches "loopByGlob" in .prep-loop.json.\n',
    );
    return 2;
  }
  if (format === 'json') io.stdout(formatJson(results) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(results, io.cwd, VERSION, ioProblems) + '\n');
  else io.stdout(formatStylish(results, io.cwd, io.color));
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

async function classifyCommand(args: string[], io: Io): Promise<number> {
  const { positionals, ...values } = parseReportArgs(args);
  if (values.help) {
    io.stdout('Usage: prep-loop classify [FILE|-] [--json] [--config FILE]\n\nSays whether a text reads as PM or PO work, with the words that decided it.\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('classify takes one FILE (or - for standard input).');
  const { text, name } = await readInput(positionals[0], io);
  if (!text.trim()) throw new UsageError(`nothing to classify: ${name} is empty.`);
  const config = await configLoader(io, values.config)(resolve(io.cwd, positionals[0] && positionals[0] !== '-' ? positionals[0] : 'stdin.md'));
  const prose = parsePrepDoc(text, { storyLevel: config.storyHeadingLevel }).prose;
  const c = classify(prose, lexiconFor(config.lexicon));
  const terms = (loop: 'pm' | 'po') => {
    const byKey = new Map<string, string>();
    for (const e of c.evidence[loop]) {
      const t = prose.slice(e.start, e.end).replace(/\s+/g, ' ');
      if (!byKey.has(t.toLowerCase())) byKey.set(t.toLowerCase(), t);
    }
    return [...byKey.values()];
  };
  const out = { loop: c.loop, confidence: round(c.confidence), evidence: { pm: terms('pm'), po: terms('po') } };
  if (values.json) {
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const label = { pm: 'PM work', po: 'PO work', mixed: 'a mix of PM and PO work', unknown: 'neither loop clearly (too little evidence)' }[c.loop];
  io.stdout(c.loop === 'unknown' ? `Reads as ${label}\n` : `Reads as ${label} — confidence ${out.confidence}\n`);
  io.stdout(`  PM evidence: ${out.evidence.pm.join(', ') || '—'}\n`);
  io.stdout(`  PO evidence: ${out.evidence.po.join(', ') || '—'}\n`);
  return 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

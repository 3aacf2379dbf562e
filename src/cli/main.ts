/**
 * `prep-loop`: the command line over the same core as the extension.
 * Exit codes: 0 clean (or only warnings/info), 1 findings at error severity, 2 usage or I/O error.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { adaptLineEndings, encodeText, type EolStyle } from '../core/encoding';
import { fixUntilStable } from '../core/fix';
import { classify } from '../core/lexicon';
import { lexiconFor, lintText } from '../core/lint';
import { parsePrepDoc, sectionSummaries } from '../core/parse';
import { expandPaths, readSource } from './files';
import { nearestWord, noPrepDocsMessage, parseCommandArgs, parseReportArgs, readInput, UsageError, type Io } from './io';
import { configLoader } from './load-config';
import { formatJson, formatSarif, formatStylish, type FileNotice, type FileResult } from './format';
import type { Finding } from '../core/types';
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

const COMMANDS = ['lint', 'classify', ...Object.keys(EXTRA_COMMANDS), 'help'];

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
    const near = nearestWord(command, COMMANDS);
    throw new UsageError(`Unknown command "${command}".${near ? ` Did you mean "${near}"?` : ''} Run prep-loop --help for the list.`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`prep-loop: ${(e as Error).message}\n`);
      return 2;
    }
    const detail = process.env.PREP_LOOP_DEBUG ? ((e as Error).stack ?? String(e)) : e instanceof Error ? e.message : String(e);
    io.stderr(`prep-loop: unexpected error (${detail}). Please report it; PREP_LOOP_DEBUG=1 shows where it happened.\n`);
    return 2;
  }
}

async function lintCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('lint', args, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    config: { type: 'string', short: 'c' },
    fix: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? 'stylish';
  if (!['stylish', 'json', 'sarif'].includes(format)) {
    const near = nearestWord(format, ['stylish', 'json', 'sarif']);
    throw new UsageError(`Unknown format "${format}".${near ? ` Did you mean "${near}"?` : ''} Use stylish, json or sarif.`);
  }
  const paths = positionals.length ? positionals : ['.'];
  const configFor = configLoader(io, values.config);
  const { files, problems } = await expandPaths(paths, io.cwd);
  for (const p of problems) io.stderr(`prep-loop: ${p.message}\n`);
  const ioProblems: string[] = problems.map((p) => p.message);
  if (problems.length && !files.length) return 2;

  const results: FileResult[] = [];
  let read = 0;
  let ioError = problems.length > 0;
  for (const file of files) {
    try {
      const config = await configFor(file);
      const outcome = lintFile(file, config, values.fix ?? false);
      if ('error' in outcome) {
        const message = `cannot lint ${file}: ${outcome.error}.`;
        io.stderr(`prep-loop: ${message}\n`);
        ioProblems.push(message);
        ioError = true;
        continue;
      }
      read++;
      if (outcome.result) results.push(outcome.result);
    } catch (e) {
      // One file must never take the run down: say which one, and go on with the others.
      const message = `Prep Loop failed on this file and checked the others (${e instanceof Error ? e.message : String(e)}). Please report it.`;
      io.stderr(`prep-loop: ${file}: ${message}\n`);
      ioProblems.push(`${file}: ${message}`);
      results.push({ filePath: file, findings: [], notices: [{ severity: 'error', message }] });
      ioError = true;
    }
  }
  if (!results.length && read) {
    io.stderr(noPrepDocsMessage(paths, read));
    return 2;
  }
  if (format === 'json') io.stdout(formatJson(results) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(results, io.cwd, VERSION, ioProblems) + '\n');
  else io.stdout(formatStylish(results, io.cwd, io.color));
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * Reads, lints and (with `fix`) fixes one file. Undefined `result`: the file is not a prep doc.
 * A fixed text is written back in the file's own encoding, byte order mark and line endings, or
 * not at all (with a note) when that encoding cannot hold it.
 */
function lintFile(file: string, config: ResolvedConfig, fix: boolean): { result?: FileResult } | { error: string } {
  const source = readSource(file, config.maxFileSize);
  if ('error' in source) return source;
  if ('skipped' in source) return { result: { filePath: file, findings: [], notices: [{ severity: 'warning', message: source.skipped }] } };
  const filePath = toSlash(file);
  const lint = (t: string) => lintText(t, { config, filePath, bytes: t === source.text ? source.info.bytes : undefined });
  let text = source.text;
  let result = lint(text);
  const notices: FileNotice[] = [];
  if (fix && result.doc?.isPrepDoc) {
    const eol = source.info.eol;
    const fixed = fixUntilStable(text, adaptFixes(result.findings, eol), (t) => {
      result = lint(t);
      return adaptFixes(result.findings, eol);
    });
    if (fixed.text !== text) {
      const encoded = encodeText(fixed.text, source.info);
      if ('error' in encoded) {
        notices.push({ severity: 'warning', message: `Not fixed: ${encoded.error}, so the file was left unchanged.` });
        result = lint(text);
      } else {
        writeFileSync(file, encoded.bytes);
        text = fixed.text;
      }
    }
  }
  if (result.skipped) return { result: { filePath: file, findings: [], notices: [{ severity: 'warning', message: result.skipped }] } };
  if (!result.doc?.isPrepDoc) return {};
  for (const n of result.notes ?? []) notices.push({ severity: 'info', message: n.message, line: n.range.start.line, column: n.range.start.column });
  return { result: { filePath: file, text, findings: result.findings, sections: sectionSummaries(result.doc), ...(notices.length ? { notices } : {}) } };
}

/** Fixes insert line breaks as `\n`; in a CRLF file they become `\r\n`. */
function adaptFixes(findings: readonly Finding[], eol: EolStyle): readonly Finding[] {
  if (eol !== 'crlf') return findings;
  return findings.map((f) =>
    f.fixes ? { ...f, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, newText: adaptLineEndings(e.newText, eol) })) })) } : f,
  );
}

function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

async function classifyCommand(args: string[], io: Io): Promise<number> {
  const { positionals, ...values } = parseReportArgs(args, 'classify');
  if (values.help) {
    io.stdout('Usage: prep-loop classify [FILE|-] [--json] [--config FILE]\n\nSays whether a text reads as PM or PO work, with the words that decided it.\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('classify takes one FILE (or - for standard input).');
  const config = await configLoader(io, values.config)(resolve(io.cwd, positionals[0] && positionals[0] !== '-' ? positionals[0] : 'stdin.md'));
  const { text, name } = await readInput(positionals[0], io, config.maxFileSize);
  if (!text.trim()) throw new UsageError(`nothing to classify: ${name} is empty.`);
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

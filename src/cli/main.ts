/**
 * `prep-loop`: the command line over the same core as the extension.
 * Exit codes: 0 clean (or only warnings/info), 1 findings at error severity, 2 usage or I/O error.
 */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { elsewhereFor, elsewhereKey, type CriteriaSummary } from '../core/elsewhere';
import { preferredFixes } from '../core/fix';
import { classify } from '../core/lexicon';
import { atLeast, SEVERITIES, type Severity } from '../core/types';
import { lexiconFor } from '../core/lint';
import { parsePrepDoc } from '../core/parse';
import { expandPaths, readSource } from './files';
import { concurrencyOption, FileLog, largestFirst, nearestWord, noPrepDocsMessage, parseCommandArgs, parseReportArgs, readInput, UsageError, type Io } from './io';
import { configLoader } from './load-config';
import { formatJson, formatSarif, formatStylish, type FileResult } from './format';
import { runParallel, threadsFor } from './parallel';
import type { CachedResult, ResultCache } from './result-cache';
import { ConfigList, lintTask, type LintTask } from './tasks';
import { EXTRA_COMMANDS } from './commands';
import { HELP, VERSION } from './help';

export { readInput, UsageError, type Io } from './io';

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
    cache: { type: 'boolean', default: false },
    'cache-location': { type: 'string' },
    concurrency: { type: 'string', default: 'auto' },
    'min-severity': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const minSeverity = minSeverityOption(values['min-severity']);
  const format = values.format ?? 'stylish';
  if (!['stylish', 'json', 'sarif'].includes(format)) {
    const near = nearestWord(format, ['stylish', 'json', 'sarif']);
    throw new UsageError(`Unknown format "${format}".${near ? ` Did you mean "${near}"?` : ''} Use stylish, json or sarif.`);
  }
  const concurrency = concurrencyOption('lint', values.concurrency);
  const fix = values.fix ?? false;
  const paths = positionals.length ? positionals : ['.'];
  const log = new FileLog(io);
  const configFor = configLoader(log.io, values.config);
  const { files, problems } = await expandPaths(paths, io.cwd);
  // For the launcher (bin.ts): which code cache suits the next run depends on how much this one linted.
  (globalThis as Record<symbol, unknown>)[Symbol.for('prep-loop.linted-files')] = files.length;
  for (const p of problems) io.stderr(`prep-loop: ${p.message}\n`);
  const ioProblems: string[] = problems.map((p) => p.message);
  if (problems.length && !files.length) return 2;
  const location = values['cache-location'];
  if (location !== undefined && !values.cache) io.stderr('prep-loop: --cache-location has no effect without --cache.\n');
  // Loaded with --cache only (it brings node:crypto, which a plain lint does not need at start).
  const rc = values.cache ? await import('./result-cache') : undefined;
  const cache = rc
    ? rc.ResultCache.open(location !== undefined ? rc.cacheFileAt(location, io.cwd) : rc.defaultCacheFile(io.cwd), buildId(io), (m) => io.stderr(`prep-loop: ${m}\n`))
    : undefined;

  // Read every file here, in order (so messages keep their order); lint what the cache cannot answer.
  const slots: Slot[] = files.map(() => ({}));
  const configs = new ConfigList();
  const pending: { slot: number; task: LintTask }[] = [];
  for (const [i, file] of files.entries()) {
    const slot = slots[i];
    log.at(i);
    try {
      const config = await configFor(file);
      const source = readSource(file, config.maxFileSize);
      if ('error' in source) {
        slot.error = source.error;
        continue;
      }
      slot.read = true;
      if ('skipped' in source) {
        slot.result = { filePath: file, findings: [], notices: [{ severity: 'warning', message: source.skipped }] };
        continue;
      }
      if (cache && rc) {
        slot.key = { hash: rc.contentHash(source.raw), config: rc.configHash(config) };
        const hit = cache.get(file, slot.key.hash, slot.key.config);
        // With --fix, a file with a fix to apply is linted (and fixed) again.
        if (hit && !(fix && hit.findings && preferredFixes(minSeverity ? hit.findings.filter((f) => atLeast(f.severity, minSeverity)) : hit.findings).length)) {
          if (hit.findings) slot.result = fromCache(file, source.text, hit);
          if (hit.criteria) slot.criteria = hit.criteria;
          slot.used = hit.elsewhere ?? '';
          slot.task = { file, text: source.text, info: source.info, config: configs.of(config), fix: false };
          continue;
        }
      }
      slot.task = { file, text: source.text, info: source.info, config: configs.of(config), fix, ...(minSeverity ? { fixAtLeast: minSeverity } : {}) };
      pending.push({ slot: i, task: slot.task });
    } catch (e) {
      slot.crash = e instanceof Error ? e.message : String(e);
    }
  }
  log.at(undefined);

  const tasks = pending.map((p) => p.task);
  const outcomes = await runParallel('lint', tasks, lintTask, {
    threads: threadsFor(concurrency, tasks.length, tasks.reduce((n, t) => n + t.text.length, 0)),
    ...((io.workerEntry ?? io.entry) ? { entry: io.workerEntry ?? io.entry } : {}),
    shared: configs.list,
    order: largestFirst(tasks.map((t) => t.text.length)),
  });
  for (const [k, outcome] of outcomes.entries()) {
    const { slot: i, task } = pending[k];
    const slot = slots[i];
    if ('crash' in outcome) {
      slot.crash = outcome.crash;
      continue;
    }
    slot.result = outcome.result;
    slot.used = '';
    if (outcome.criteria) slot.criteria = outcome.criteria;
    // What a fix wrote is what the siblings' pass reads.
    if (outcome.wrote && outcome.result?.text !== undefined) slot.task = { ...task, text: outcome.result.text, fix: false };
    if (!cache || !slot.key) continue;
    // A written fix changed the file, so it is linted afresh next time; a fix note belongs to this run only.
    if (outcome.wrote || outcome.fixNotice) {
      cache.delete(task.file);
      delete slot.key;
    } else cache.set(task.file, slot.key.hash, slot.key.config, toCache(outcome.result, slot.criteria, ''));
  }
  siblingsPass(files, slots, configs, cache);

  const results: FileResult[] = [];
  let read = 0;
  let ioError = problems.length > 0;
  for (const [i, file] of files.entries()) {
    const slot = slots[i];
    log.flush(i);
    if (slot.crash !== undefined) {
      // One file must never take the run down: say which one, and go on with the others.
      const message = `Prep Loop failed on this file and checked the others (${slot.crash}). Please report it.`;
      io.stderr(`prep-loop: ${file}: ${message}\n`);
      ioProblems.push(`${file}: ${message}`);
      results.push({ filePath: file, findings: [], notices: [{ severity: 'error', message }] });
      ioError = true;
      continue;
    }
    if (slot.error !== undefined) {
      const message = `cannot lint ${file}: ${slot.error}.`;
      io.stderr(`prep-loop: ${message}\n`);
      ioProblems.push(message);
      ioError = true;
      continue;
    }
    if (slot.read) read++;
    if (slot.result) results.push(slot.result);
  }
  const unsaved = cache?.save();
  if (unsaved) io.stderr(`prep-loop: ${unsaved}\n`);
  if (!results.length && read) {
    io.stderr(noPrepDocsMessage(paths, read));
    return 2;
  }
  // Filtered only now: the cache and the siblings' pass keep every finding.
  const shown = minSeverity ? results.map((r) => atLeastResult(r, minSeverity)) : results;
  if (format === 'json') io.stdout(formatJson(shown) + '\n');
  else if (format === 'sarif') io.stdout(formatSarif(shown, io.cwd, VERSION, ioProblems) + '\n');
  else io.stdout(formatStylish(shown, io.cwd, io.color));
  if (ioError) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** `--min-severity`: undefined (report everything) or the least severe level to report. */
function minSeverityOption(value: string | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  const near = nearestWord(v, SEVERITIES);
  throw new UsageError(`lint: --min-severity must be error, warning, info or hint, not "${value}".${near ? ` Did you mean "${near}"?` : ''}`);
}

/** A file's result with only the findings and notes of `min` severity or more. */
function atLeastResult(r: FileResult, min: Severity): FileResult {
  const notices = r.notices?.filter((n) => atLeast(n.severity, min));
  return { ...r, findings: r.findings.filter((f) => atLeast(f.severity, min)), ...(r.notices ? { notices } : {}) };
}

/** One file of a lint run: its result, or why it has none. */
interface Slot {
  result?: FileResult;
  /** The file could not be read. */
  error?: string;
  /** Prep Loop failed on it. */
  crash?: string;
  read?: boolean;
  key?: { hash: string; config: string };
  /** What the file offers its siblings and asks of them. */
  criteria?: CriteriaSummary;
  /** The `elsewhere` input (its key) the result was computed with: '' for the file alone. */
  used?: string;
  /** How to lint the file again (its current text, no fix) when its siblings change what it gets. */
  task?: LintTask;
}

/**
 * Criteria and drill coverage kept in a sibling file count (`elsewhere.ts`): each prep doc is
 * given what the other prep docs of its folder in this run hold for it (criteria for its stories
 * that lack them, stories for the drills of its loop it leaves uncovered, the story banks of its
 * loop that come before it, which say the folder's coverage gaps instead), and linted again only
 * when that differs from what its result was computed with (a story file next to a criteria file,
 * a folder of docs for one loop that cover different drills). `elsewhereFor` keeps only what
 * changes the file's lint, so a file that asks for nothing its siblings hold is not linted again.
 * Cached results carry the input they were computed with, so a changed sibling re-lints them.
 */
function siblingsPass(files: readonly string[], slots: Slot[], configs: ConfigList, cache: ResultCache | undefined): void {
  const byDir = new Map<string, number[]>();
  files.forEach((file, i) => {
    if (!slots[i].criteria) return;
    const dir = dirname(file);
    const list = byDir.get(dir);
    if (list) list.push(i);
    else byDir.set(dir, [i]);
  });
  for (const members of byDir.values()) {
    for (const i of members) {
      const slot = slots[i];
      if (!slot.criteria || !slot.task || !slot.result) continue;
      const siblings = members.filter((j) => j !== i).map((j) => ({ file: basename(files[j]), summary: slots[j].criteria }));
      const elsewhere = elsewhereFor(slot.criteria, siblings, basename(files[i]));
      const key = elsewhereKey(elsewhere);
      if (key === (slot.used ?? '')) continue;
      const outcome = lintTask({ ...slot.task, fix: false, ...(elsewhere ? { elsewhere } : {}) }, configs.list);
      if ('crash' in outcome) {
        slot.crash = outcome.crash;
        continue;
      }
      slot.result = outcome.result;
      slot.used = key;
      if (cache && slot.key) cache.set(files[i], slot.key.hash, slot.key.config, toCache(outcome.result, slot.criteria, key));
    }
  }
}

/** A cached result as the file's result; the text is the one just read (its hash matched). */
function fromCache(file: string, text: string, hit: CachedResult): FileResult {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { withText, findings, criteria, elsewhere, ...rest } = hit;
  return { filePath: file, ...(withText === false ? {} : { text }), findings: findings ?? [], ...rest };
}

/**
 * What the cache keeps of a result: all of it but the path (the key) and the text (read again
 * each run), with the file's criteria summary and the `elsewhere` input it was computed with.
 */
function toCache(result: FileResult | undefined, criteria: CriteriaSummary | undefined, elsewhere: string): CachedResult {
  const extra = { ...(criteria ? { criteria } : {}), ...(elsewhere ? { elsewhere } : {}) };
  if (!result) return extra;
  const kept: Partial<FileResult> = { ...result };
  delete kept.filePath;
  delete kept.text;
  return { ...kept, ...(result.text === undefined ? { withText: false } : {}), ...extra };
}

/** What identifies this build for the cache: the version, and the bundle's size and time (a rebuild invalidates). */
function buildId(io: Io): string {
  if (!io.entry) return VERSION;
  try {
    const st = statSync(io.entry);
    return `${VERSION}:${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return VERSION;
  }
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
  // Each quoted word once, with why it counts when it was read in one of its senses (text output only).
  const quoted = (loop: 'pm' | 'po') => {
    const byKey = new Map<string, { words: string; why?: string }>();
    // A term inside a longer one found too ("vision" beside "product vision") is listed under it.
    for (const e of c.evidence[loop]) {
      if (e.within) continue;
      const t = prose.slice(e.start, e.end).replace(/\s+/g, ' ');
      if (!byKey.has(t.toLowerCase())) byKey.set(t.toLowerCase(), { words: t, ...(e.why ? { why: e.why } : {}) });
    }
    return [...byKey.values()];
  };
  const said = { pm: quoted('pm'), po: quoted('po') };
  const terms = (loop: 'pm' | 'po') => said[loop].map((q) => q.words);
  const explained = (loop: 'pm' | 'po') => said[loop].map((q) => (q.why ? `${q.words} (${q.why})` : q.words));
  const out = { loop: c.loop, confidence: round(c.confidence), evidence: { pm: terms('pm'), po: terms('po') } };
  if (values.json) {
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const label = { pm: 'PM work', po: 'PO work', mixed: 'a mix of PM and PO work', unknown: 'neither loop clearly (too little evidence)' }[c.loop];
  io.stdout(c.loop === 'unknown' ? `Reads as ${label}\n` : `Reads as ${label} — confidence ${out.confidence}\n`);
  io.stdout(`  PM evidence: ${explained('pm').join(', ') || '—'}\n`);
  io.stdout(`  PO evidence: ${explained('po').join(', ') || '—'}\n`);
  return 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * What every CLI command shares: where it writes, how it reads its input, how it parses its
 * options (with "did you mean" for a typo), and its usage error.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { decodeText } from '../core/encoding';
import { sizeSkipReason } from '../core/lint';
import { editDistance } from '../core/text';
import { readSource } from './files';
import { parseConcurrency, type Concurrency } from './parallel';

/** Where the CLI writes; injectable for tests. */
export interface Io {
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Standard input: bytes (decoded like a file) or text. */
  readStdin(): Promise<string | Uint8Array>;
  color: boolean;
  /**
   * The running program's script (the bundle): worker threads run it, and the result cache is
   * tied to it. Without it (tests calling `main` in-process) everything runs in this thread.
   */
  entry?: string;
  /** The script a worker thread starts with (the launcher, which loads `entry` through the code cache); default `entry`. */
  workerEntry?: string;
}

/** A usage or I/O error: message for the user, exit code 2. */
export class UsageError extends Error {}

/**
 * Reads FILE, or standard input for `-` or no argument, in its own encoding. Throws a
 * `UsageError` for a file that cannot be read, is not text, or is larger than `maxBytes`.
 */
export async function readInput(arg: string | undefined, io: Io, maxBytes = Infinity): Promise<{ text: string; name: string }> {
  if (!arg || arg === '-') {
    const input = await io.readStdin();
    const bytes = typeof input === 'string' ? undefined : input;
    const size = bytes ? bytes.length : input.length;
    if (size > maxBytes) throw new UsageError(sizeSkipReason(size, maxBytes, 'standard input'));
    if (!bytes) return { text: input as string, name: 'standard input' };
    const decoded = decodeText(bytes);
    if (decoded.binary) throw new UsageError(`cannot read standard input: it ${decoded.binary}.`);
    return { text: decoded.text, name: 'standard input' };
  }
  const read = readSource(resolve(io.cwd, arg), maxBytes);
  if ('skipped' in read) throw new UsageError(sizeSkipReason(read.bytes, maxBytes, arg));
  if ('error' in read) throw new UsageError(`cannot read ${arg}: ${read.error.startsWith('looks') || read.error.startsWith('has') ? `it ${read.error}` : read.error}.`);
  return { text: read.text, name: arg };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` `parseArgs` for one command, with its errors in plain words: an unknown option
 * gets the nearest known one ("did you mean --format?").
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const message = (e as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const opt = /'(-[^']*)'/.exec(message)?.[1] ?? '';
      const known = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
      const near = nearestWord(opt.split('=')[0], known.filter((k) => k.startsWith('--')));
      throw new UsageError(`${command}: unknown option ${opt}.${near ? ` Did you mean ${near}?` : ''} Run prep-loop ${command} --help for its options.`);
    }
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(`${command}: ${message.replace(/\.$/, '')}. Run prep-loop ${command} --help for its options.`);
    throw e;
  }
}

/** The candidate closest to `word` (at most 2 edits, or a prefix), if any. */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  if (!word) return undefined;
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 3 ? 1 : editDistance(word.toLowerCase(), c, 2);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Parses the options every report command takes (`--json`, `--config FILE`, `--help`). */
export function parseReportArgs(args: string[], command = 'report'): { json: boolean; config?: string; help: boolean; positionals: string[] } {
  const { values, positionals } = parseCommandArgs(command, args, {
    json: { type: 'boolean', default: false },
    config: { type: 'string', short: 'c' },
    help: { type: 'boolean', short: 'h' },
  });
  return { json: values.json ?? false, help: values.help ?? false, positionals, ...(values.config !== undefined ? { config: values.config } : {}) };
}

/** The hint when paths hold markdown but no prep doc; `checked` counts the files actually read. */
export function noPrepDocsMessage(paths: string[], checked: number): string {
  return (
    `prep-loop: no prep docs in ${paths.join(', ')} (${checked} markdown file${checked === 1 ? '' : 's'} checked). ` +
    'A prep doc starts with front matter that sets its loop, such as:\n\n  ---\n  loop: pm\n  ---\n\nor matches "loopByGlob" in .prep-loop.json.\n'
  );
}

/** Parses `--concurrency` (`auto`, `off` or a number of threads), or throws a usage error. */
export function concurrencyOption(command: string, value: string | undefined): Concurrency {
  const c = parseConcurrency(value ?? 'auto');
  if (c === undefined) throw new UsageError(`${command}: --concurrency must be auto, off or a number of threads, not "${value}".`);
  return c;
}

/** Indexes of `sizes`, largest first (the order that balances threads best). */
export function largestFirst(sizes: readonly number[]): number[] {
  return sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
}

/**
 * What a command writes to standard error about each file, kept per file and written in file
 * order, so a run in several threads reads exactly like one in a single thread.
 */
export class FileLog {
  private readonly lines = new Map<number, string[]>();
  private current: number | undefined;
  /** The command's `io` with `stderr` going to the current file's lines (directly when none). */
  readonly io: Io;

  constructor(private readonly out: Io) {
    this.io = { ...out, stderr: (s) => this.write(s) };
  }

  /** Sets the file that messages are about (undefined: none, written at once). */
  at(index: number | undefined): void {
    this.current = index;
  }

  /** Writes the messages kept for a file. */
  flush(index: number): void {
    for (const s of this.lines.get(index) ?? []) this.out.stderr(s);
    this.lines.delete(index);
  }

  private write(s: string): void {
    if (this.current === undefined) return this.out.stderr(s);
    const list = this.lines.get(this.current);
    if (list) list.push(s);
    else this.lines.set(this.current, [s]);
  }
}

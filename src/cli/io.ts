/**
 * What every CLI command shares: where it writes, how it reads its input, and its usage error.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readText } from './files';

/** Where the CLI writes; injectable for tests. */
export interface Io {
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): Promise<string>;
  color: boolean;
}

/** A usage or I/O error: message for the user, exit code 2. */
export class UsageError extends Error {}

/** Reads FILE, or standard input for `-` or no argument. */
export async function readInput(arg: string | undefined, io: Io): Promise<{ text: string; name: string }> {
  if (!arg || arg === '-') return { text: await io.readStdin(), name: 'standard input' };
  const read = readText(resolve(io.cwd, arg));
  if ('error' in read) throw new UsageError(`cannot read ${arg}: ${read.error.includes('ENOENT') || read.error.includes('no such file') ? 'no such file' : read.error}.`);
  return { text: read.text, name: arg };
}

/** Parses the options every report command takes (`--json`, `--config FILE`, `--help`). */
export function parseReportArgs(args: string[]): { json: boolean; config?: string; help: boolean; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  });
  return { json: values.json ?? false, help: values.help ?? false, positionals, ...(values.config !== undefined ? { config: values.config } : {}) };
}

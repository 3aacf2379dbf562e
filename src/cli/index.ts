/**
 * The CLI bundle (`dist/cli-main.js`): wires the CLI to the process, started by the launcher
 * (`bin.ts`). The same file is what a worker thread runs: there it answers tasks (`parallel.ts`).
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { main } from './main';
import { serveTasks, WORKER_MARK } from './parallel';
import { TASKS } from './tasks';

/** Standard input as bytes: the command decodes them like a file (BOM, UTF-16, Latin-1). */
async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY) return new Uint8Array(0);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const data = workerData as Record<string, unknown> | undefined;
if (!isMainThread && parentPort && data?.[WORKER_MARK]) {
  serveTasks(parentPort, TASKS, data.shared);
} else {
  const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    color,
    entry: __filename,
    // The launcher when it started us (it loads this bundle through the code cache), else this file.
    workerEntry: require.main?.filename ?? __filename,
  }).then((code) => {
    process.exitCode = code;
  });
}

/**
 * The `prep-loop` executable: wires the CLI to the process.
 */
import { main } from './main';

/** Standard input as bytes: the command decodes them like a file (BOM, UTF-16, Latin-1). */
async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY) return new Uint8Array(0);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin,
  color,
}).then((code) => {
  process.exitCode = code;
});

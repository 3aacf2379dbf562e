/**
 * The `prep-loop` executable: wires the CLI to the process.
 */
import { main } from './main';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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

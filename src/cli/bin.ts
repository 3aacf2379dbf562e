/**
 * The `prep-loop` executable (`dist/cli.js`): a small launcher. `--version` and `--help` are
 * answered here without loading the linter; everything else loads the CLI bundle
 * (`dist/cli-main.js`) next to it, with V8's compile cache when Node offers one, so a run on one
 * small file does not spend its time compiling code it ran last time too.
 */
import { HELP, VERSION } from './help';

const [command] = process.argv.slice(2);
if (command === '--version' || command === '-v') {
  process.stdout.write(`${VERSION}\n`);
} else if (!command || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(HELP);
  // No command at all is a usage error (exit 2), as in the full CLI.
  if (!command) process.exitCode = 2;
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('node:module') as { enableCompileCache?: () => unknown };
  try {
    mod.enableCompileCache?.();
  } catch {
    // No cache: the bundle is compiled as usual.
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(`${__dirname}/cli-main.js`);
}

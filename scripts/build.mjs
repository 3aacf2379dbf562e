// Bundles the extension and the CLI with esbuild (the remark stack is ESM-only; both ship as one CommonJS file each).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
// Some ESM dependencies read import.meta.url; give the CommonJS bundle its own file URL.
const metaUrl = "const __prepLoopImportMetaUrl = require('url').pathToFileURL(__filename).href;";
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { PREP_LOOP_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__prepLoopImportMetaUrl' },
};

await Promise.all([
  build({ ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${metaUrl}` } }),
  existsSync('src/extension/extension.ts') &&
    build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: { js: metaUrl } }),
  // The integration tests' module, loaded by the real VS Code host (scripts/run-integration.mjs).
  existsSync('test/integration/index.ts') &&
    build({ ...common, entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration/index.js', external: ['vscode'], banner: { js: metaUrl } }),
]);

// Bundles the extension (a language client), the language server (Node and web worker) and the CLI with esbuild (the remark stack is ESM-only; both ship as one CommonJS file each).
import { build } from 'esbuild';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
// The `prepLoop._*` commands the integration suites use stay out of the production bundle; the
// suite against the packaged .vsix asks for them with PREP_LOOP_TEST_HOOKS=1.
const testHooks = !production || process.env.PREP_LOOP_TEST_HOOKS === '1';
/**
 * The built-in lexicon's term keys (tokenised and stemmed), worked out once here rather than in
 * every process and worker at start; `src/core/lexicon.ts` checks they were made for its terms.
 */
async function termKeys() {
  const dir = mkdtempSync(join(tmpdir(), 'prep-loop-build-'));
  try {
    const out = join(dir, 'lexicon.cjs');
    await build({ entryPoints: ['src/core/lexicon.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
    return createRequire(import.meta.url)(out).defaultTermKeys();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const TERM_KEYS = JSON.stringify(await termKeys());

/**
 * fdir (tinyglobby's directory walker) looks for picomatch on disk when it loads, through a
 * `createRequire` esbuild cannot follow, so every CLI start resolved and compiled
 * node_modules/picomatch outside the bundle and its code cache (about 5 ms of a 110 ms start).
 * picomatch is already in the bundle (tinyglobby imports it): hand fdir that copy. The build fails
 * if fdir's code no longer reads as expected, so a dependency update cannot undo this silently.
 * @type {import('esbuild').Plugin}
 */
const fdirBundledPicomatch = {
  name: 'fdir-bundled-picomatch',
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const lookup = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;
      if (!lookup.test(source)) return { errors: [{ text: `fdir no longer loads picomatch as scripts/build.mjs expects (${args.path}); update the fdir-bundled-picomatch plugin` }] };
      return { contents: `import __bundledPicomatch from "picomatch";\n${source.replace(lookup, 'pm = __bundledPicomatch;')}`, loader: 'js' };
    });
  },
};

/**
 * esbuild writes non-ASCII characters as escapes in strings but leaves them raw in regular
 * expression literals, `String.raw` templates and comments. One such character makes V8 hold the
 * whole 1.3 MB CLI bundle as a two-byte string: slower to read (UTF-8 decoding) and to scan. So
 * the CLI bundle is made ASCII here, each non-ASCII UTF-16 unit written as `\uXXXX`, and its
 * source map's columns moved to match. The escape means the same character in every place one
 * is left (a regex, a `String.raw` fragment of a regex, a comment); only a regex's `.source`
 * spells it differently, and the code only feeds `.source` to other regexes. The build fails on a
 * character right after a backslash, where the escape would not mean the same.
 */
function makeAscii(file) {
  const code = readFileSync(file, 'utf8');
  if (!/[\u0080-\uffff]/.test(code)) return;
  const moved = new Map(); // line → the columns (in the written line's source) of escaped units
  const lines = code.split('\n').map((line, i) =>
    line.replace(/[\u0080-\uffff]/g, (ch, col) => {
      if (/(?:^|[^\\])(?:\\\\)*\\$/.test(line.slice(0, col))) throw new Error(`${file}:${i + 1}: a non-ASCII character right after a backslash; scripts/build.mjs cannot escape it`);
      if (!moved.has(i)) moved.set(i, []);
      moved.get(i).push(col);
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }),
  );
  writeFileSync(file, lines.join('\n'));
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) return;
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  // Decoded columns are absolute per line: each moves right by 5 for every escape before it.
  const decoded = decode(map.mappings);
  for (const [i, cols] of moved) {
    for (const seg of decoded[i] ?? []) seg[0] += 5 * cols.filter((c) => c < seg[0]).length;
  }
  map.mappings = encode(decoded);
  writeFileSync(mapFile, JSON.stringify(map));
}

// Some ESM dependencies read import.meta.url; give the CommonJS bundle its own file URL.
const metaUrl = "const __prepLoopImportMetaUrl = require('url').pathToFileURL(__filename).href;";
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  // esbuild rewrites every \p{…} pattern for a Node target as `new RegExp("…")`, so a pattern
  // written inside a function was rebuilt on each call (per sentence, per word in places). Node
  // 18+ and every browser VS Code runs in read them as they are: keep them literals.
  supported: { 'regexp-unicode-property-escapes': true },
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { PREP_LOOP_VERSION: JSON.stringify(pkg.version), PREP_LOOP_TEST_HOOKS: JSON.stringify(testHooks), PREP_LOOP_TERM_KEYS: TERM_KEYS, 'import.meta.url': '__prepLoopImportMetaUrl' },
};

/**
 * The web build (package.json `browser`, run by vscode.dev's web worker extension host) must not
 * reach Node: fail on any import of a Node built-in, even one a package's `browser` field would
 * quietly map to an empty module, and on any import left external except `vscode`.
 * @type {import('esbuild').Plugin}
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    b.onResolve({ filter: /.*/ }, (args) =>
      names.has(args.path) || args.path.startsWith('node:')
        ? { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer || '(entry)'}: the web build (dist/web/extension.js) must run without Node` }] }
        : undefined,
    );
    b.onEnd((result) => {
      const errors = Object.entries(result.metafile?.outputs ?? {}).flatMap(([out, meta]) =>
        [...new Set(meta.imports.filter((imp) => imp.external && imp.path !== 'vscode').map((imp) => imp.path))].map((p) => ({
          text: `${out} requires "${p}" at run time; only "vscode" may stay external in the web build`,
        })),
      );
      return { errors };
    });
  },
};

const webCommon = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  alias: { picomatch: 'picomatch/posix' },
  // vscode.dev runs web extensions in a web worker: no DOM. Prefer packages' `worker` exports over
  // their `browser` ones (decode-named-character-reference's browser entry needs `document`).
  conditions: ['worker', 'module'],
  define: { PREP_LOOP_VERSION: JSON.stringify(pkg.version), PREP_LOOP_TEST_HOOKS: JSON.stringify(testHooks), PREP_LOOP_TERM_KEYS: TERM_KEYS },
  metafile: true,
  plugins: [noNodeBuiltins],
};

await Promise.all([
  // The CLI: a small launcher (answers --version/--help itself) and the bundle it loads, which is
  // also what the CLI's worker threads run.
  build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli-main.js', banner: { js: metaUrl }, plugins: [fdirBundledPicomatch] }).then(() => makeAscii('dist/cli-main.js')),
  // The language server: `prep-loop-ls --stdio` (package.json `bin`), also what the VS Code client starts.
  build({ ...common, entryPoints: ['src/server/node.ts'], outfile: 'dist/server.js', banner: { js: `#!/usr/bin/env node\n${metaUrl}` } }),
  // The same server for a web worker (vscode.dev): started by the web extension.
  build({ ...webCommon, format: 'iife', entryPoints: ['src/server/browser.ts'], outfile: 'dist/web/server.js' }),
  existsSync('src/extension/extension.ts') &&
    build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: { js: metaUrl } }),
  // The web extension (package.json `browser`) for vscode.dev: same sources, browser platform, no Node.
  // picomatch's main entry guesses Windows from the platform; its posix entry matches '/' paths only,
  // which is what the extension passes it (workspace-relative URI paths).
  existsSync('src/extension/extension.ts') &&
    build({ ...webCommon, entryPoints: ['src/extension/web.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] }),
  // The integration tests' module, loaded by the real VS Code host (scripts/run-integration.mjs).
  existsSync('test/integration/index.ts') &&
    build({ ...common, entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration/index.js', external: ['vscode'], banner: { js: metaUrl } }),
]);

#!/usr/bin/env node
// Runs the injection-grammar tests (test/grammar/*.test.md) with vscode-tmgrammar-test against
// VS Code's REAL markdown grammar, never a copy of our own.
//
//   node scripts/test-grammar.mjs                 # all test/grammar/*.test.md
//   node scripts/test-grammar.mjs path/x.test.md  # selected files or globs
//
// Where the grammars come from:
//   PREP_LOOP_MARKDOWN_GRAMMAR  path to markdown-basics/syntaxes/markdown.tmLanguage.json inside a
//                               VS Code build, e.g. a local install's resources/app/extensions/…
//                               (default: the build under test/host, see DEFAULT_MARKDOWN)
// Every grammar contributed by the extensions of that same build is loaded too: the HTML
// grammars markdown hands inline HTML and <!-- comments --> to, the YAML grammar its front-matter
// rule needs (without it the front matter reads as paragraphs), the fenced-code languages, and the
// other injections VS Code applies to markdown (markdown-math). So our injection is tested in the
// company it really runs in. A missing markdown, HTML or YAML grammar fails the run: without them
// the tests would pass against something that is not VS Code.
//
// Why --config as well as -g: vscode-tmgrammar-test only applies an injection grammar that is
// declared with `injectTo` in a package.json-style config; grammars passed with -g alone are
// loaded but never injected. We write a throwaway config that injects ours into
// text.html.markdown, exactly as package.json `contributes.grammars` does in VS Code.
//
// A canary run follows: one deliberately wrong assertion must make the runner fail, otherwise
// the harness itself is broken (for example, the injection silently not applied).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_MARKDOWN = join(
  root,
  'test/host/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
);
const INJECTION = join(root, 'syntaxes/prep-loop.injection.tmLanguage.json');
const INJECTION_SCOPE = 'markdown.prep-loop.injection';

function fail(lines) {
  console.error(['', '✖ test:grammar cannot run', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  process.exit(1);
}

function readScope(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).scopeName;
  } catch (e) {
    fail([`${file} is not a readable JSON grammar: ${e.message}`]);
  }
}

const markdown = resolve(process.env.PREP_LOOP_MARKDOWN_GRAMMAR || DEFAULT_MARKDOWN);
if (!existsSync(markdown)) {
  fail([
    `VS Code's markdown grammar was not found at:`,
    `  ${markdown}`,
    `Install the VS Code test host (it ships the grammar under test/host/node_modules/code-server),`,
    `or point PREP_LOOP_MARKDOWN_GRAMMAR at a real markdown-basics/syntaxes/markdown.tmLanguage.json.`,
  ]);
}
if (readScope(markdown) !== 'text.html.markdown') fail([`${markdown} does not define scope text.html.markdown`]);

/** Grammars contributed by the extensions in `extensionsDir` (empty when it is not a VS Code extensions folder). */
function vscodeGrammars(extensionsDir) {
  const found = [];
  let dirs = [];
  try {
    dirs = readdirSync(extensionsDir);
  } catch {
    return found;
  }
  for (const dir of dirs) {
    const manifest = join(extensionsDir, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    let grammars;
    try {
      grammars = JSON.parse(readFileSync(manifest, 'utf8'))?.contributes?.grammars;
    } catch {
      continue;
    }
    for (const g of Array.isArray(grammars) ? grammars : []) {
      const path = join(extensionsDir, dir, g.path ?? '');
      if (typeof g.scopeName !== 'string' || !existsSync(path)) continue;
      found.push({ scopeName: g.scopeName, path, ...(g.injectTo ? { injectTo: g.injectTo } : {}) });
    }
  }
  return found;
}

const extensionsDir = resolve(dirname(markdown), '../..');
const grammars = vscodeGrammars(extensionsDir).filter((g) => g.scopeName !== 'text.html.markdown');
const REQUIRED = {
  'text.html.basic': 'HTML (markdown hands inline HTML and <!-- comments --> to it)',
  'text.html.derivative': 'HTML derivative (the inline-HTML entry point markdown includes)',
  'source.yaml': 'YAML (markdown\'s front-matter rule depends on it)',
};
const missing = Object.entries(REQUIRED).filter(([scope]) => !grammars.some((g) => g.scopeName === scope));
if (missing.length) {
  fail([
    `The markdown grammar must sit inside a VS Code build's extensions folder, next to the grammars it relies on.`,
    `Looked in: ${extensionsDir}`,
    ...missing.map(([scope, why]) => `missing ${scope}: ${why}`),
  ]);
}
if (readScope(INJECTION) !== INJECTION_SCOPE) fail([`${INJECTION} must define scope ${INJECTION_SCOPE}`]);

const require = createRequire(import.meta.url);
let runner;
try {
  runner = require.resolve('vscode-tmgrammar-test/dist/unit.js');
} catch {
  fail(['vscode-tmgrammar-test is not installed: run npm install.']);
}

const work = mkdtempSync(join(tmpdir(), 'prep-loop-grammar-'));
// vscode-tmgrammar-test joins config paths onto the config's folder, so they must be relative to it.
const rel = (p) => relative(work, p);
const config = join(work, 'package.json');
writeFileSync(
  config,
  JSON.stringify(
    {
      name: 'prep-loop-grammar-test',
      contributes: {
        grammars: [
          { language: 'markdown', scopeName: 'text.html.markdown', path: rel(markdown) },
          ...grammars.map((g) => ({ ...g, path: rel(g.path) })),
          { scopeName: INJECTION_SCOPE, path: rel(INJECTION), injectTo: ['text.html.markdown'] },
        ],
      },
    },
    null,
    2,
  ),
);

/** Runs vscode-tmgrammar-test; with `show`, passes its report through. */
function run(globs, show) {
  const args = [runner, '--config', config, '-g', markdown, '-g', INJECTION, ...globs];
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', show ? 'inherit' : 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (r.error) fail([`could not start vscode-tmgrammar-test: ${r.error.message}`]);
  // Fenced-code languages VS Code itself does not ship (scala, haskell…) are reported one by one; keep the rest.
  const stderr = (r.stderr ?? '').split('\n').filter((l) => l && !/^grammar not found for "/.test(l));
  if (show && stderr.length) console.error(stderr.join('\n'));
  return r;
}

let status = 1;
try {
  console.log(`markdown grammar: ${relative(root, markdown)} (+ ${grammars.length} grammars from the same VS Code build)`);
  const globs = process.argv.slice(2);
  const result = run(globs.length ? globs : ['test/grammar/*.test.md'], true);
  status = result.status ?? 1;

  // Canary: a tag inside fenced code must NOT get our scope, so asserting that it does must fail.
  const canary = join(work, 'canary.test.md');
  writeFileSync(
    canary,
    [
      '<!-- SYNTAX TEST "text.html.markdown" "canary: this assertion is wrong on purpose"',
      '```',
      '#pm',
      '<!-- <--- entity.name.tag.loop.prep-loop.markdown',
      '```',
      '',
    ].join('\n'),
  );
  const canaryRun = run([canary], false);
  if (canaryRun.status === 0 || !/missing required scopes/.test(canaryRun.stdout ?? '')) {
    console.error('\n✖ canary: a deliberately wrong assertion did not fail the way it should.');
    console.error(canaryRun.stdout ?? '');
    status = 1;
  } else {
    console.log('canary: a deliberately wrong assertion fails, as it should');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status === 0 ? 0 : 1);

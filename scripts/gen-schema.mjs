#!/usr/bin/env node
// @ts-check
/**
 * @file Writes the settings and config schemas built from the core's rule registry:
 *   - schemas/prep-loop.schema.json         (JSON Schema of .prep-loop.json, for `$schema` and other tools)
 *   - schemas/prep-loop.editor.schema.json  (the same without validation keywords: VS Code's jsonValidation,
 *                                             so a bad value gets one message, the language server's)
 *   - package.json contributes.configuration (the prepLoop.* settings)
 * Both come from src/extension/schema.ts; test/unit/extension-schema.test.ts fails when the
 * committed copies drift from the rules. Run after adding a rule or an option:
 *   node scripts/gen-schema.mjs          (write)
 *   node scripts/gen-schema.mjs --check  (exit 1 when out of date)
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-schema-'));
try {
  const outfile = path.join(tmp, 'schema.mjs');
  await build({
    entryPoints: [path.join(root, 'src/extension/schema.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  /** @type {{ configFileSchema(): object, editorSchema(s: object): object, contributedConfiguration(): object, SCHEMA_FILE: string, EDITOR_SCHEMA_FILE: string }} */
  const mod = await import(pathToFileURL(outfile).href);
  const schemaPath = path.join(root, mod.SCHEMA_FILE);
  const schemaText = `${JSON.stringify(mod.configFileSchema(), null, 2)}\n`;
  const editorPath = path.join(root, mod.EDITOR_SCHEMA_FILE);
  const editorText = `${JSON.stringify(mod.editorSchema(mod.configFileSchema()), null, 2)}\n`;
  let editorSame = false;
  try {
    editorSame = readFileSync(editorPath, 'utf8') === editorText;
  } catch {
    editorSame = false;
  }
  const pkgPath = path.join(root, 'package.json');
  const pkgText = readFileSync(pkgPath, 'utf8');
  const pkg = JSON.parse(pkgText);
  const configuration = mod.contributedConfiguration();
  const same = JSON.stringify(pkg.contributes?.configuration) === JSON.stringify(configuration);
  let schemaSame = false;
  try {
    schemaSame = readFileSync(schemaPath, 'utf8') === schemaText;
  } catch {
    schemaSame = false;
  }
  if (process.argv.includes('--check')) {
    if (!same || !schemaSame || !editorSame) {
      process.stderr.write(`out of date:${same ? '' : ' package.json contributes.configuration'}${schemaSame ? '' : ` ${mod.SCHEMA_FILE}`}${editorSame ? '' : ` ${mod.EDITOR_SCHEMA_FILE}`}; run node scripts/gen-schema.mjs\n`);
      process.exit(1);
    }
    process.stdout.write('schemas up to date\n');
  } else {
    if (!schemaSame) writeFileSync(schemaPath, schemaText);
    if (!editorSame) writeFileSync(editorPath, editorText);
    if (!same) {
      // Re-read right before writing: other people edit package.json too; touch only this key.
      const fresh = JSON.parse(readFileSync(pkgPath, 'utf8'));
      fresh.contributes = { ...(fresh.contributes ?? {}), configuration };
      writeFileSync(pkgPath, `${JSON.stringify(fresh, null, 2)}\n`);
    }
    process.stdout.write(`${schemaSame ? 'unchanged' : 'wrote'} ${mod.SCHEMA_FILE}; ${same ? 'unchanged' : 'updated'} package.json contributes.configuration\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

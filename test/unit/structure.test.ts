/**
 * The module graph as esbuild bundles it (type-only imports are erased, so these are the imports
 * that run): no import cycles among the project's own modules, and the core stays editor-free.
 * And the production bundle of the extension carries no test hooks.
 */
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ENTRIES = ['src/cli/index.ts', 'src/server/node.ts', 'src/server/browser.ts', 'src/extension/extension.ts', 'src/extension/web.ts', 'src/core/incremental.ts'];

let inputs: Promise<Metafile['inputs']> | undefined;

/** The project's modules with what each imports (packages stay external: only our graph matters). */
function metafileInputs(): Promise<Metafile['inputs']> {
  inputs ??= build({ entryPoints: ENTRIES, bundle: true, write: false, metafile: true, outdir: 'out', platform: 'neutral', format: 'esm', packages: 'external', logLevel: 'silent', splitting: true }).then((r) => r.metafile.inputs);
  return inputs;
}

async function graph(): Promise<Map<string, string[]>> {
  const own = (p: string) => p.startsWith('src/');
  const g = new Map<string, string[]>();
  for (const [file, meta] of Object.entries(await metafileInputs())) if (own(file)) g.set(file, meta.imports.filter((i) => own(i.path) && i.kind === 'import-statement').map((i) => i.path));
  return g;
}

/** Strongly connected components with more than one module (or a module importing itself). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('module structure', () => {
  it('has no import cycles', async () => {
    expect(cycles(await graph())).toEqual([]);
  }, 60_000);

  it('finds a cycle when there is one (the check itself works)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the core and the service editor-free', async () => {
    const bad: string[] = [];
    for (const [file, meta] of Object.entries(await metafileInputs())) {
      const layer = /^src\/(core|service)\//.exec(file)?.[1];
      if (!layer) continue;
      for (const i of meta.imports) {
        // The core imports only the core; the service the core and itself; neither the editor.
        const outside = i.path === 'vscode' || /^src\/(extension|server|cli)\//.test(i.path) || (layer === 'core' && i.path.startsWith('src/service/'));
        if (outside) bad.push(`${file} → ${i.path}`);
      }
    }
    expect(bad).toEqual([]);
    expect((await graph()).size).toBeGreaterThan(20);
  }, 60_000);

  it('leaves the test hooks out of the production bundle, and only there', async () => {
    const bundle = async (hooks: boolean) => {
      const r = await build({
        entryPoints: ['src/extension/extension.ts'],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'cjs',
        minify: true,
        external: ['vscode'],
        logLevel: 'silent',
        define: { PREP_LOOP_VERSION: '"0.0.0"', PREP_LOOP_TEST_HOOKS: String(hooks), 'import.meta.url': '"file:///x"' },
      });
      return r.outputFiles[0].text;
    };
    const hooks = ['prepLoop._lint', 'prepLoop._stories', 'prepLoop._statusText', 'prepLoop._lintStats', 'prepLoop._activationTime'];
    const production = await bundle(false);
    expect(hooks.filter((h) => production.includes(`"${h}"`))).toEqual([]);
    // What code actions need stays.
    expect(production).toContain('"prepLoop._showRuleDocs"');
    const dev = await bundle(true);
    expect(hooks.filter((h) => !dev.includes(`"${h}"`))).toEqual([]);
    // The real build turns them off for --production (unless the .vsix suite asks for them).
    const script = readFileSync('scripts/build.mjs', 'utf8');
    expect(script).toMatch(/const testHooks = !production \|\| process\.env\.PREP_LOOP_TEST_HOOKS === '1';/);
    expect(script.match(/PREP_LOOP_TEST_HOOKS: JSON\.stringify\(testHooks\)/g)?.length).toBe(2);
  }, 60_000);
});

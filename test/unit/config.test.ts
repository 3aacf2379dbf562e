import { describe, expect, it } from 'vitest';
import { defaultConfig, findConfig, loopForPath, parseConfigText, resolveConfig, validateConfig } from '../../src/core/config';
import { lintText } from '../../src/core/lint';

describe('config validation', () => {
  it('accepts severities, options objects and the other settings', () => {
    const { config, problems } = validateConfig(
      {
        rules: { 'wrong-loop': 'error', 'missing-axis': 'off', 'loop-drift': { severity: 'info', minConfidence: 0.8 } },
        loopByGlob: { 'notes/po/**': 'PO' },
        lexicon: { pm: ['north star', { term: 'board deck', weight: 3 }] },
        storyHeadingLevel: 3,
        maxFileSize: 1000,
      },
      '.prep-loop.json',
    );
    expect(problems).toEqual([]);
    const r = resolveConfig(config);
    expect(r.rules['wrong-loop'].severity).toBe('error');
    expect(r.rules['missing-axis'].severity).toBe('off');
    expect(r.rules['loop-drift']).toEqual({ severity: 'info', options: { minConfidence: 0.8 } });
    expect(r.loopByGlob).toEqual({ 'notes/po/**': 'po' });
    expect(r.lexicon.pm).toEqual([{ term: 'north star' }, { term: 'board deck', weight: 3 }]);
    expect(r.storyHeadingLevel).toBe(3);
    expect(r.maxFileSize).toBe(1000);
  });

  it('reports each bad value once, with where and what was expected, and keeps the defaults', () => {
    const { config, problems } = validateConfig(
      {
        rules: { 'wrong-lop': 'error', 'loop-drift': { minConfidence: 7, bogus: 1 }, 'missing-axis': 'loud' },
        loopByGlob: { 'a/**': 'pmm' },
        lexicon: { pm: [42], qa: [] },
        storyHeadingLevel: 9,
        maxFileSize: -1,
        colour: 'red',
      },
      '/w/.prep-loop.json',
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['colour', 'lexicon.pm[0]', 'lexicon.qa', 'loopByGlob.a/**', 'maxFileSize', 'rules.loop-drift.bogus', 'rules.loop-drift.minConfidence', 'rules.missing-axis', 'rules.wrong-lop', 'storyHeadingLevel'].sort(),
    );
    expect(byPath['rules.wrong-lop']).toContain('Did you mean "wrong-loop"?');
    expect(byPath['rules.loop-drift.minConfidence']).toMatch(/Expected a number from 0 to 1, found 7; using the default \(0.35\)/);
    expect(problems.every((p) => p.source === '/w/.prep-loop.json')).toBe(true);
    const r = resolveConfig(config);
    expect(r).toEqual({ ...defaultConfig(), rules: { ...defaultConfig().rules } });
  });

  it('never throws on malformed files', () => {
    for (const [text, name] of [
      ['{ "rules": ', '.prep-loop.json'],
      ['rules: [a, b', '.prep-loop.yaml'],
      ['[]', '.prep-loop.json'],
      ['"just a string"', '.prep-loop.json'],
      ['', '.prep-loop.yaml'],
      ['\u0000\u0001', '.prep-loop.json'],
    ]) {
      const r = parseConfigText(text, name);
      expect(r.problems.length <= 1).toBe(true);
      expect(resolveConfig(r.config)).toEqual(defaultConfig());
    }
    expect(parseConfigText('{ "rules": ', '.prep-loop.json').problems[0].message).toMatch(/Could not read this file as JSON/);
  });

  it('reads YAML config files', () => {
    const r = parseConfigText('rules:\n  wrong-loop: error\nloopByGlob:\n  "po/**": po\n', '.prep-loop.yaml');
    expect(r.problems).toEqual([]);
    expect(resolveConfig(r.config).rules['wrong-loop'].severity).toBe('error');
  });

  it('finds the nearest config file upward', async () => {
    const files: Record<string, string> = {
      '/w/.prep-loop.json': '{ "rules": { "wrong-loop": "error" } }',
      '/w/notes/po/.prep-loop.yaml': 'rules:\n  wrong-loop: info\n',
    };
    const host = { readFile: async (p: string) => files[p] };
    expect((await findConfig('/w/notes/po/a.md', host)).file).toBe('/w/notes/po/.prep-loop.yaml');
    expect((await findConfig('/w/notes/pm/a.md', host)).file).toBe('/w/.prep-loop.json');
    expect((await findConfig('/other/a.md', host)).file).toBeUndefined();
    expect((await findConfig('/w/notes/pm/a.md', host, '/w/notes')).file).toBeUndefined();
  });

  it('matches loopByGlob relative to the config directory', () => {
    expect(loopForPath('notes/po/a.md', { 'notes/po/**': 'po' })).toEqual({ loop: 'po', glob: 'notes/po/**' });
    expect(loopForPath('notes/pm/a.md', { 'notes/po/**': 'po' })).toBeUndefined();
    const config = { ...resolveConfig({ loopByGlob: { 'po/**': 'po' } }), baseDir: '/w' };
    expect(lintText('## Set the vision #pm #strategy\n', { config, filePath: '/w/po/x.md' }).findings.map((f) => f.ruleId)).toContain('wrong-loop');
    expect(lintText('## Set the vision #pm #strategy\n', { config, filePath: '/w/pm/x.md' }).findings).toEqual([]);
  });

  it('front matter loop wins over a glob', () => {
    const config = { ...resolveConfig({ loopByGlob: { '**': 'po' } }), baseDir: '/w' };
    const r = lintText('---\nloop: pm\n---\n## Set the vision #pm #strategy\n', { config, filePath: '/w/x.md' });
    expect(r.doc?.loop).toBe('pm');
  });

  it('severity overrides apply to findings', () => {
    const config = resolveConfig({ rules: { 'wrong-loop': { severity: 'error' } } });
    const r = lintText('---\nloop: pm\n---\n## Ran refinement #po #execution\n', { config });
    expect(r.findings.find((f) => f.ruleId === 'wrong-loop')?.severity).toBe('error');
  });
});

/**
 * The CLI as a user runs it: the built `dist/cli.js` in a child process (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from './helpers/cli';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIX = join(ROOT, 'test', 'fixtures', 'cli');

function run(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? FIX, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureCliBuilt();
});

describe('prep-loop lint', () => {
  it('prints stylish findings and exits 1 when an error-severity finding exists', () => {
    const r = run(['lint', 'project']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('project/pm.md');
    expect(r.stdout).toMatch(/5:30\s+warning\s+PO story in a PM-loop doc.*wrong-loop/);
    expect(r.stdout).toMatch(/2:7\s+error\s+loop is "pn".*invalid-front-matter/);
    expect(r.stdout).not.toContain('README.md');
    expect(r.stdout).toMatch(/✖ \d+ problems \(1 error/);
  });

  it('exits 0 when there are only warnings', () => {
    const r = run(['lint', 'project/pm.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrong-loop');
  });

  it('applies loopByGlob from the config file found upward', () => {
    const r = run(['lint', 'project/notes/po/glob.md', '--format', 'json']);
    expect(r.code).toBe(0);
    const [file] = JSON.parse(r.stdout);
    expect(file.messages).toEqual([]);
  });

  it('says in JSON what a whole doc is when it is a template or a guide, with the evidence', () => {
    const fixture = join(ROOT, 'test', 'fixtures', 'rules', 'metric-target');
    const out = JSON.parse(run(['lint', join(fixture, 'template-doc-silent.md'), join(fixture, 'filled-in-template.md'), '--format', 'json']).stdout) as { filePath: string; genre?: { genre: string; reason: string } }[];
    const byName = new Map(out.map((f) => [f.filePath.replace(/^.*[\\/]/, ''), f]));
    expect(byName.get('template-doc-silent.md')?.genre).toEqual({ genre: 'template', reason: 'its title ("Launch plan template") names a template, and it holds 5 placeholders to fill in' });
    expect(byName.get('filled-in-template.md')?.genre).toBeUndefined();
  });

  it('writes ESLint-shaped JSON with 1-based positions and fixes', () => {
    const r = run(['lint', 'project/pm.md', '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(1);
    expect(Object.keys(out[0])).toEqual(expect.arrayContaining(['filePath', 'messages', 'errorCount', 'warningCount']));
    const m = out[0].messages.find((x: { ruleId: string }) => x.ruleId === 'wrong-loop');
    expect(m).toMatchObject({ ruleId: 'wrong-loop', severity: 1, line: 5, column: 30, endLine: 5, endColumn: 33 });
    // The story reads as PO work, so retagging would only hide it: no automatic `fix`, but the
    // retag is offered as a suggestion (ESLint's shape), like the editor's quick-fix menu.
    expect(m.fix).toBeUndefined();
    const retag = m.suggestions.find((x: { desc: string }) => x.desc.startsWith('Retag as #pm'));
    expect(retag.fix.text).toBe('#pm');
    const text = readFileSync(join(FIX, 'project', 'pm.md'), 'utf8');
    expect(text.slice(retag.fix.range[0], retag.fix.range[1])).toBe('#po');
  });

  it('writes SARIF 2.1.0', () => {
    const r = run(['lint', 'project', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('prep-loop');
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('wrong-loop');
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'wrong-loop');
    expect(res.level).toBe('warning');
    expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe('project/pm.md');
    expect(res.locations[0].physicalLocation.region).toMatchObject({ startLine: 5, startColumn: 30 });
  });

  it('fixes files with --fix, and leaves changes of meaning to the user', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-'));
    cpSync(join(FIX, 'project'), dir, { recursive: true });
    const slip = '---\nloop: pm\n---\n\n## Chose the pricing bet #po #strategy\n\nI modelled LTV against CAC payback and picked the tier with the best net revenue retention. #p0\n\n## Another bet #stratgy #pm\n\nBody.\n';
    writeFileSync(join(dir, 'slip.md'), slip);
    const r = run(['lint', 'pm.md', 'broken.md', 'slip.md', '--fix'], { cwd: dir });
    // A tag slip (the text reads as the doc's loop) and a typo are fixed…
    const fixed = readFileSync(join(dir, 'slip.md'), 'utf8');
    expect(fixed).toContain('## Chose the pricing bet #pm #strategy');
    expect(fixed).toContain('## Another bet #strategy #pm');
    // …but a PO story in a PM doc is not silently retagged, and "pn" (pm or po?) is not guessed.
    expect(readFileSync(join(dir, 'pm.md'), 'utf8')).toContain('## Renegotiated sprint scope #po #execution');
    expect(readFileSync(join(dir, 'broken.md'), 'utf8')).toContain('loop: pn\n');
    expect(r.code).toBe(1);
  });

  it('--min-severity reports, and with --fix applies, only findings that severe or more', () => {
    const all = JSON.parse(run(['lint', 'severity/pm.md', '--format', 'json']).stdout)[0].messages as { ruleId: string; severityName: string }[];
    expect(new Set(all.map((m) => m.severityName))).toEqual(new Set(['warning', 'info', 'hint']));
    // For CI: the JSON keeps ESLint's severity numbers (no info level there), so filter instead.
    const ci = JSON.parse(run(['lint', 'severity/pm.md', '--format', 'json', '--min-severity', 'warning']).stdout)[0];
    expect(ci.messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(['loop-drift']);
    expect([ci.warningCount, ci.infoCount]).toEqual([1, 0]);
    const sarif = JSON.parse(run(['lint', 'severity/pm.md', '--format', 'sarif', '--min-severity', 'info']).stdout);
    // Hints (the axis tag, and the loop tag of a story the PM doc already counts) stay below info.
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['loop-coverage', 'loop-drift', 'axis-mismatch']);
    expect(run(['lint', 'severity/pm.md', '--min-severity', 'warning']).stdout).toMatch(/✖ 1 problem \(0 errors, 1 warning, 0 info\)/);
    expect(run(['lint', 'severity/pm.md']).stdout).toMatch(/✖ 5 problems \(0 errors, 1 warning, 2 info, 2 hints\)/);
    // The untagged story's tag is a hint fix: not applied below the threshold, applied without it.
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-'));
    cpSync(join(FIX, 'severity'), dir, { recursive: true });
    const before = readFileSync(join(dir, 'pm.md'), 'utf8');
    expect(run(['lint', 'pm.md', '--fix', '--min-severity', 'warning'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'pm.md'), 'utf8')).toBe(before);
    run(['lint', 'pm.md', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'pm.md'), 'utf8')).toContain('## Grew weekly activation #metrics #pm');
    const bad = run(['lint', 'severity/pm.md', '--min-severity', 'warnings']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Did you mean "warning"?');
  });

  it('--fix settles even when two rules disagree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-'));
    const flip = '---\nloop: pm\n---\n\n## Ran refinement #po #execution\n\nI groomed the backlog, ran sprint planning and protected the sprint goal.\n';
    writeFileSync(join(dir, 'flip.md'), flip);
    run(['lint', 'flip.md', '--fix'], { cwd: dir });
    const once = readFileSync(join(dir, 'flip.md'), 'utf8');
    run(['lint', 'flip.md', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'flip.md'), 'utf8')).toBe(once);
  });

  it('uses --config instead of discovery', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ rules: { 'wrong-loop': 'error' } }));
    const r = run(['lint', join(FIX, 'project', 'pm.md'), '--config', join(dir, 'c.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+PO story/);
  });

  it('reports bad config once, clearly, and still lints with defaults', () => {
    const r = run(['lint', 'bad-config']);
    expect(r.stderr).toMatch(/\.prep-loop\.json \(rules\.wrong-loop\): Expected "off", "hint", "info", "warning" or "error", found "loud"/);
    expect(r.stderr).toContain('"hint"');
    expect(r.stderr).toMatch(/storyHeadingLevel/);
    expect(r.stdout).toContain('wrong-loop');
    expect(r.code).toBe(0);
  });

  it('exits 2 with a friendly message for missing paths, empty dirs, binary files and bad flags', () => {
    const missing = run(['lint', 'nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.md: no such file or directory');
    const empty = run(['lint', 'empty']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no prep docs in empty [\s\S]*loop: pm/);
    expect(empty.stderr).not.toContain('\\n');
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-'));
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const bin = run(['lint', join(dir, 'bin.md')]);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toMatch(/binary/);
    expect(run(['lint', 'project', '--format', 'xml']).stderr).toMatch(/Unknown format "xml"/);
    expect(run(['lint', '--bogus']).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    expect(run([]).code).toBe(2);
    expect(run(['--help']).code).toBe(0);
  });

  it('counts acceptance criteria kept in a sibling file of the folder; a file linted alone is judged alone', () => {
    const warned = (args: string[]) =>
      (JSON.parse(run(['lint', ...args, '--format', 'json']).stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[])
        .flatMap((f) => f.messages.filter((m) => m.ruleId === 'acceptance-criteria-missing').map((m) => `${f.filePath.split(/[\\/]/).pop()}:${m.line}`));
    expect(warned(['siblings'])).toEqual(['backlog.md:25']);
    expect(warned(['siblings/backlog.md', 'siblings/criteria.md'])).toEqual(['backlog.md:25']);
    expect(warned(['siblings', '--concurrency', '2'])).toEqual(['backlog.md:25']);
    expect(warned(['siblings/backlog.md'])).toEqual(['backlog.md:11', 'backlog.md:17', 'backlog.md:21', 'backlog.md:25']);
    const r = run(['lint', 'siblings']);
    expect(r.stdout).toMatch(/25:1\s+warning\s+No acceptance criteria for "As a gift buyer.*Prep Loop also looked in criteria\.md: no heading there/);
  });

  it('counts the drills the stories of sibling prep docs of the same loop cover; a file linted alone is judged alone', () => {
    const coverage = (args: string[]) =>
      (JSON.parse(run(['lint', ...args, '--format', 'json']).stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[]).flatMap((f) =>
        f.messages.filter((m) => m.ruleId === 'loop-coverage').map((m) => `${f.filePath.split(/[\\/]/).pop()}: ${m.message.replace(/^No story yet for [^:]*: ([^.]*)\..*/, '$1')}${m.message.includes('were counted too') ? ' (+siblings)' : ''}`),
      );
    // Said once, on the folder's first story bank: money.md's gaps are the same folder's gaps.
    expect(coverage(['coverage-siblings'])).toEqual(['experiments.md: Product sense (+siblings)']);
    expect(coverage(['coverage-siblings', '--concurrency', '2'])).toEqual(['experiments.md: Product sense (+siblings)']);
    expect(coverage(['coverage-siblings/experiments.md'])).toEqual(['experiments.md: Metrics & unit economics; Product sense; SQL']);
    // Alone, money.md names "acquisition" only in passing: no growth-funnel story.
    expect(coverage(['coverage-siblings/money.md'])).toEqual(['money.md: Product sense; Growth & activation funnel; A/B testing']);
  });

  it('says a folder\'s coverage gaps once per loop, on its first story bank, never on a template or a single case study', () => {
    const coverage = (args: string[]) =>
      (JSON.parse(run(['lint', ...args, '--format', 'json']).stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[]).flatMap((f) =>
        f.messages.filter((m) => m.ruleId === 'loop-coverage').map((m) => `${f.filePath.split(/[\\/]/).pop()}: ${m.message.replace(/^No story yet for [^:]*: ([^.]*)\..*/, '$1')}`),
      );
    const once = ['3-stories.md: Product sense; A/B testing', 'po-stories.md: User stories & acceptance criteria; Stakeholders vs sprint capacity; Epic decomposition; Dependencies & integration risk'];
    expect(coverage(['coverage-once'])).toEqual(once);
    expect(coverage(['coverage-once', '--concurrency', '2'])).toEqual(once);
    // Alone, a later story bank is its folder's only doc; a template or a case study never reports.
    expect(coverage(['coverage-once/10-more-stories.md'])).toEqual(['10-more-stories.md: Product sense; Growth & activation funnel; A/B testing']);
    expect(coverage(['coverage-once/1-star-template.md', 'coverage-once/2-case-study.md'])).toEqual([]);
  });

  it('accepts globs', () => {
    const r = run(['lint', 'project/*.md', '--format', 'json']);
    const files = JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath.split(/[\\/]/).pop());
    expect(files).toEqual(['broken.md', 'pm.md']);
  });
});

describe('prep-loop classify', () => {
  it('prints the SPEC JSON shape from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prep-loop-'));
    writeFileSync(join(dir, 'p.md'), 'I ran backlog refinement, split a 13-point story so it fit the sprint and wrote acceptance criteria with QA.');
    const r = run(['classify', join(dir, 'p.md'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['loop', 'confidence', 'evidence']);
    expect(out.loop).toBe('po');
    expect(out.confidence).toBeGreaterThan(0);
    expect(out.confidence).toBeLessThanOrEqual(1);
    expect(Object.keys(out.evidence)).toEqual(['pm', 'po']);
    expect(out.evidence.po.length).toBeGreaterThan(0);
  });

  it('reads standard input and prints a readable verdict', () => {
    const r = run(['classify', '-'], { input: 'We modelled LTV against CAC payback and ran an A/B test with a clear MDE to lift activation.' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Reads as PM work/);
  });

  it('says why a word counts when it was read in one of its senses, in text output only', () => {
    const input = 'I cut the scope to an MVP to test the riskiest assumption before we built anything else.';
    const text = run(['classify', '-'], { input });
    expect(text.stdout).toMatch(/PM evidence: .*scope \(scoped to learn something/);
    const json = JSON.parse(run(['classify', '-', '--json'], { input }).stdout);
    expect(json.evidence.pm).toContain('scope');
  });

  it('exits 2 for a missing file', () => {
    const r = run(['classify', 'nope.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read nope\.md/);
  });
});

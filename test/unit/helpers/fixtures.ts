/**
 * The fixture harness. A fixture is a markdown file with its expected findings marked inline:
 *
 * - `<!-- expect: rule-id, other-rule -->` on the line where each finding starts; `rule-id "words"`
 *   also pins the finding's range to exactly those words (`\n` for a line break, `\"` for a quote) —
 *   once one expectation in a fixture names its words, every finding of that fixture must;
 * - `<!-- expect-next-line: rule-id -->` on its own line, for the line below;
 * - `<!-- related: rule-id "words" -->` on the line where a finding's related location starts
 *   (words optional, pinned as for `expect`): once a fixture has one, the related locations of
 *   all its findings are compared too;
 * - `# expect: rule-id` as a YAML comment on a front matter line;
 * - `<!-- config: { "rules": { … } } -->` anywhere: the fixture's own config (as .prep-loop.json);
 * - `<!-- path: notes/po/file.md -->`: the path used for loopByGlob;
 * - `<!-- check: all -->`: compare findings of every rule, not only the folder's rule.
 *
 * Fixtures live in `test/fixtures/rules/<rule-id>/`; by default only that rule's findings are compared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig, validateConfig, type ResolvedConfig } from '../../../src/core/config';
import { lintText } from '../../../src/core/lint';
import type { Finding } from '../../../src/core/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** One fixture file with its expectations. */
export interface Fixture {
  name: string;
  file: string;
  text: string;
  /** The rule this fixture is about (its folder), or undefined for `check: all`. */
  rule?: string;
  config: ResolvedConfig;
  configProblems: string[];
  filePath: string;
  /** Expected findings as "line:rule" (1-based line), or "line:rule "words"" when ranged; sorted. */
  expected: string[];
  /** Expected related locations of the findings, keyed as `expected`; undefined when the fixture pins none. */
  related?: string[];
}

/** Reads every fixture under `test/fixtures/rules/`. */
export function loadRuleFixtures(): Fixture[] {
  const root = join(FIXTURES, 'rules');
  const out: Fixture[] = [];
  for (const dir of readdirSync(root).sort()) {
    const full = join(root, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full).sort()) if (f.endsWith('.md')) out.push(loadFixture(join(full, f), dir));
  }
  return out;
}

/** Reads one fixture. */
export function loadFixture(file: string, rule?: string): Fixture {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const expected: string[] = [];
  const related: string[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/<!--\s*related:\s*((?:[\w\s,-]|"(?:[^"\\]|\\.)*")+?)\s*-->/g)) for (const r of split(m[1])) related.push(`${i + 1}:${r}`);
    for (const m of line.matchAll(/<!--\s*expect:\s*((?:[\w\s,-]|"(?:[^"\\]|\\.)*")+?)\s*-->/g)) for (const r of split(m[1])) expected.push(`${i + 1}:${r}`);
    for (const m of line.matchAll(/<!--\s*expect-next-line:\s*((?:[\w\s,-]|"(?:[^"\\]|\\.)*")+?)\s*-->/g)) for (const r of split(m[1])) expected.push(`${i + 2}:${r}`);
    const yaml = /#\s*expect:\s*([\w\s,-]+)$/.exec(line);
    if (yaml && !line.includes('<!--')) for (const r of split(yaml[1])) expected.push(`${i + 1}:${r}`);
  });
  const configMatch = /<!--\s*config:\s*([\s\S]*?)-->/.exec(text);
  const configProblems: string[] = [];
  let config = resolveConfig();
  if (configMatch) {
    const v = validateConfig(JSON.parse(configMatch[1]), file);
    configProblems.push(...v.problems.map((p) => `${p.path}: ${p.message}`));
    config = resolveConfig(v.config);
  }
  const pathMatch = /<!--\s*path:\s*(\S+)\s*-->/.exec(text);
  const all = /<!--\s*check:\s*all\s*-->/.test(text);
  return {
    name: `${rule ?? ''}/${file.split(/[\\/]/).pop()}`,
    file,
    text,
    ...(all || !rule ? {} : { rule }),
    config: { ...config, baseDir: '/fixture' },
    configProblems,
    filePath: `/fixture/${pathMatch ? pathMatch[1] : 'notes.md'}`,
    expected: expected.sort(),
    ...(related.length ? { related: related.sort() } : {}),
  };
}

function split(list: string): string[] {
  const out: string[] = [];
  for (const m of list.matchAll(/([\w-]+)(?:\s+"((?:[^"\\]|\\.)*)")?/g)) {
    out.push(m[2] === undefined ? m[1] : `${m[1]} ${JSON.stringify(JSON.parse(`"${m[2]}"`))}`);
  }
  return out;
}

/** Lints a fixture and returns its findings as "line:rule" keys, their related locations keyed alike, plus the raw findings. */
export function runFixture(f: Fixture, text = f.text): { actual: string[]; related: string[]; findings: Finding[] } {
  const { findings } = lintText(text, { config: f.config, filePath: f.filePath });
  const kept = f.rule ? findings.filter((x) => x.ruleId === f.rule) : findings;
  const keyOf = (ranged: boolean) => (ruleId: string, range: Finding['range']) =>
    `${range.start.line + 1}:${ruleId}${ranged ? ` ${JSON.stringify(text.slice(range.start.offset, range.end.offset))}` : ''}`;
  const key = keyOf(f.expected.some((e) => / "/.test(e)));
  const relatedKey = keyOf((f.related ?? []).some((e) => / "/.test(e)));
  return {
    actual: kept.map((x) => key(x.ruleId, x.range)).sort(),
    related: kept.flatMap((x) => (x.related ?? []).map((r) => relatedKey(x.ruleId, r.range))).sort(),
    findings: kept,
  };
}

/**
 * Consistency checks between the rules and what documents them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, ruleDocsUrl } from '../../src/core/rules/index';

const ROOT = join(__dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('every rule is documented', () => {
  for (const rule of RULES) {
    it(rule.id, () => {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      const page = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      expect(existsSync(page), `docs/rules/${rule.id}.md`).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.startsWith(`# ${rule.id}`)).toBe(true);
      expect(text.toLowerCase()).toContain(rule.defaultSeverity);
      for (const name of Object.keys(rule.options)) expect(text, `${rule.id} docs mention option ${name}`).toContain(name);
      expect(readme).toContain(`[\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} |`);
      expect(ruleDocsUrl(rule.id)).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.description.length).toBeGreaterThan(10);
    });
  }

  it('the README lists no rule that does not exist', () => {
    const listed = [...readme.matchAll(/\[`([a-z-]+)`\]\(docs\/rules\//g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('every rule id is unique', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

describe('the bundled examples', () => {
  it('show every rule at least once', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { lintText } = await import('../../src/core/lint');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('.md')) files.push(p);
      }
    };
    walk(join(ROOT, 'examples'));
    const seen = new Set<string>();
    for (const f of files) for (const finding of lintText(readFileSync(f, 'utf8')).findings) seen.add(finding.ruleId);
    expect([...seen].sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

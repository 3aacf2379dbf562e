/**
 * Meta-tests of the extension's manifest: the committed schema and `contributes.configuration`
 * match the core's rules and options, and every contributed command is implemented.
 * (Regenerate with `npm run schema` after adding a rule or an option.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/rules/index';
import { configFileSchema, contributedConfiguration, EDITOR_SCHEMA_FILE, editorSchema, ruleSettingKey, SCHEMA_FILE } from '../../src/extension/schema';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
type Props = Record<string, Record<string, unknown>>;

describe('schemas generated from the rules', () => {
  it('the committed .prep-loop.json schema matches the rules (run `npm run schema` if not)', () => {
    const committed = JSON.parse(readFileSync(join(root, SCHEMA_FILE), 'utf8'));
    expect(committed).toEqual(configFileSchema());
  });

  it('the editor schema (jsonValidation) is the config schema without validation: one message per bad value, the server\'s', () => {
    const committed = JSON.parse(readFileSync(join(root, EDITOR_SCHEMA_FILE), 'utf8'));
    expect(committed).toEqual(editorSchema(configFileSchema()));
    const text = JSON.stringify(committed);
    for (const k of ['"type"', '"enum"', '"minimum"', '"maximum"', '"required":[', '"additionalProperties":false']) expect(text).not.toContain(k);
    // Completion still has the values: severities and loops as examples.
    expect(committed.definitions.severity.examples).toEqual(['off', 'hint', 'info', 'warning', 'error']);
    expect(committed.properties.loopByGlob.additionalProperties.examples).toEqual(['pm', 'po', 'hybrid']);
    for (const v of [...pkg.contributes.jsonValidation, ...pkg.contributes.yamlValidation]) expect(v.url).toBe(`./${EDITOR_SCHEMA_FILE}`);
  });

  it('package.json contributes.configuration matches the rules (run `npm run schema` if not)', () => {
    expect(pkg.contributes.configuration).toEqual(contributedConfiguration());
  });

  it('every rule has a severity setting defaulting to its default severity, and an entry in the config schema', () => {
    const props = pkg.contributes.configuration.properties as Props;
    const fileRules = (configFileSchema().properties as Props).rules.properties as Props;
    for (const rule of RULES) {
      const setting = props[ruleSettingKey(rule.id)];
      expect(setting, rule.id).toBeDefined();
      expect(setting.default).toBe(rule.defaultSeverity);
      expect(setting.scope).toBe('resource');
      expect(setting.markdownDescription).toContain(rule.id);
      expect(fileRules[rule.id], rule.id).toBeDefined();
    }
  });

  it('every rule option appears in both schemas with its default', () => {
    const ruleOptions = (pkg.contributes.configuration.properties as Props)['prepLoop.ruleOptions'].properties as Props;
    const fileRules = (configFileSchema().properties as Props).rules.properties as Record<string, { anyOf: { properties?: Props }[] }>;
    for (const rule of RULES) {
      for (const [name, spec] of Object.entries(rule.options as Record<string, { default: unknown }>)) {
        expect((ruleOptions[rule.id].properties as Props)[name].default, `${rule.id}.${name}`).toEqual(spec.default);
        expect(fileRules[rule.id].anyOf[1].properties?.[name].default, `${rule.id}.${name}`).toEqual(spec.default);
      }
    }
  });

  it('ruleOptions entries describe the options, not a severity (that is prepLoop.rules.<id>)', () => {
    const ruleOptions = (pkg.contributes.configuration.properties as Props)['prepLoop.ruleOptions'].properties as Props;
    for (const [id, entry] of Object.entries(ruleOptions)) {
      const text = String(entry.markdownDescription);
      expect(text, id).not.toMatch(/Default: `(?:error|warning|info|hint)`/);
      expect(text, id).toContain(`prepLoop.rules.${id}`);
      for (const name of Object.keys(entry.properties as Props)) expect(text, `${id}.${name}`).toContain(`\`${name}\``);
    }
  });

  it('every setting has a description, a scope and no stray keys', () => {
    for (const [key, p] of Object.entries(pkg.contributes.configuration.properties as Props)) {
      expect(key.startsWith('prepLoop.'), key).toBe(true);
      expect(typeof (p.markdownDescription ?? p.description), key).toBe('string');
      expect(p.scope, key).toBe('resource');
      if (Array.isArray(p.enum)) expect((p.enumDescriptions as unknown[]).length, key).toBe(p.enum.length);
    }
  });
});

describe('the manifest', () => {
  const commandsDir = join(root, 'src', 'extension', 'commands');
  const implemented = new Set(
    readdirSync(commandsDir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(commandsDir, f), 'utf8').matchAll(/'(prepLoop\.[\w.]+)'/g)].map((m) => m[1])),
  );
  const contributed: { command: string; title: string; category: string }[] = pkg.contributes.commands;

  it('every contributed command is implemented, titled briefly, in the Prep Loop category', () => {
    for (const c of contributed) {
      expect(implemented.has(c.command), c.command).toBe(true);
      expect(c.category).toBe('Prep Loop');
      expect(c.title.length, c.command).toBeLessThanOrEqual(36);
    }
  });

  it('internal commands (prepLoop._*) stay out of contributes', () => {
    expect(contributed.filter((c) => c.command.startsWith('prepLoop._'))).toEqual([]);
    expect([...implemented].filter((id) => id.startsWith('prepLoop._')).length).toBeGreaterThan(0);
  });

  it('menus only name contributed commands', () => {
    const ids = new Set(contributed.map((c) => c.command));
    for (const entries of Object.values(pkg.contributes.menus as Record<string, { command: string }[]>)) for (const e of entries) expect(ids.has(e.command), e.command).toBe(true);
  });

  it('declares untrusted and virtual workspace support, and the contributed files exist', () => {
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(pkg.capabilities.virtualWorkspaces.supported).toBe(true);
    for (const rel of [pkg.contributes.snippets[0].path, pkg.contributes.grammars[0].path, pkg.contributes.jsonValidation[0].url, pkg.icon]) {
      expect(() => readFileSync(join(root, rel)), rel).not.toThrow();
    }
    expect(pkg.contributes.grammars[0].injectTo).toEqual(['text.html.markdown']);
    const grammar = JSON.parse(readFileSync(join(root, pkg.contributes.grammars[0].path), 'utf8'));
    expect(grammar.scopeName).toBe(pkg.contributes.grammars[0].scopeName);
  });
});

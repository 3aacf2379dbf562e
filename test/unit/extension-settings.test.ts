import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { locateConfigPath, pathSegments } from '../../src/service/configLocate';
import { settingForPath, settingsWarning, unseenProblems, validateSettings } from '../../src/service/settingsModel';

describe('validateSettings', () => {
  it('leaves everything at the defaults when nothing is set', () => {
    const v = validateSettings({});
    expect(v).toEqual({ run: 'onType', config: {}, loopByGlob: {}, problems: [] });
  });

  it('takes severities, options and the other settings', () => {
    const v = validateSettings({
      run: 'onSave',
      rules: { 'wrong-loop': 'error', 'missing-axis': 'off' },
      ruleOptions: { 'loop-coverage': { ignore: ['sql'] } },
      storyHeadingLevel: 3,
      maxFileSize: 1000,
      loopByGlob: { 'notes/po/**': 'po' },
      lexicon: { po: ['PI planning'] },
    });
    expect(v.problems).toEqual([]);
    expect(v.run).toBe('onSave');
    expect(v.loopByGlob).toEqual({ 'notes/po/**': 'po' });
    const resolved = resolveConfig(v.config);
    expect(resolved.rules['wrong-loop'].severity).toBe('error');
    expect(resolved.rules['missing-axis'].severity).toBe('off');
    expect(resolved.rules['loop-coverage'].options.ignore).toEqual(['sql']);
    expect(resolved.storyHeadingLevel).toBe(3);
    expect(resolved.maxFileSize).toBe(1000);
    expect(resolved.loopByGlob).toEqual({});
  });

  it('drops bad values with a problem naming the setting, and keeps the good ones', () => {
    const v = validateSettings({ run: 'sometimes', storyHeadingLevel: 9, rules: { 'wrong-loop': 'loud', 'missing-axis': 'info' }, ruleOptions: { 'loop-coverage': { ignore: 'sql' } } });
    expect(v.run).toBe('onType');
    expect(v.problems.map((p) => p.setting)).toEqual(['prepLoop.run', 'prepLoop.rules.wrong-loop', 'prepLoop.storyHeadingLevel', 'prepLoop.ruleOptions']);
    const resolved = resolveConfig(v.config);
    expect(resolved.storyHeadingLevel).toBe(2);
    expect(resolved.rules['wrong-loop'].severity).toBe('warning');
    expect(resolved.rules['missing-axis'].severity).toBe('info');
    expect(resolved.rules['loop-coverage'].options.ignore).toEqual([]);
  });

  it('never throws on junk', () => {
    for (const junk of [null, 42, 'x', [], { a: 1 }]) {
      expect(() => validateSettings({ run: junk, rules: { x: junk }, ruleOptions: junk, loopByGlob: junk, lexicon: junk, maxFileSize: junk, storyHeadingLevel: junk })).not.toThrow();
    }
  });

  it('says what was ignored in one warning', () => {
    const v = validateSettings({ storyHeadingLevel: 9, maxFileSize: -1 });
    expect(settingsWarning(v.problems)).toMatch(/^Prep Loop ignored prepLoop\.storyHeadingLevel: Expected a heading level from 1 to 6, found 9; using 2\. \(1 more bad Prep Loop setting also ignored\.\)$/);
    expect(settingsWarning([])).toBe('');
  });

  it('warns about each bad setting once: a second one names only itself', () => {
    const seen = new Set<string>();
    const one = validateSettings({ storyHeadingLevel: 9 }).problems;
    const two = validateSettings({ storyHeadingLevel: 9, maxFileSize: -1 }).problems;
    expect(unseenProblems(seen, one).map((p) => p.setting)).toEqual(['prepLoop.storyHeadingLevel']);
    const fresh = unseenProblems(seen, two);
    expect(fresh.map((p) => p.setting)).toEqual(['prepLoop.maxFileSize']);
    expect(settingsWarning(fresh)).toMatch(/^Prep Loop ignored prepLoop\.maxFileSize: [^(]*$/);
    // The same problems again (another workspace folder, an unrelated settings change): no warning.
    expect(unseenProblems(seen, two)).toEqual([]);
    // The same setting with another problem is new.
    expect(unseenProblems(seen, validateSettings({ storyHeadingLevel: 0 }).problems).map((p) => p.setting)).toEqual(['prepLoop.storyHeadingLevel']);
  });

  it('maps problem paths to setting ids', () => {
    expect(settingForPath('rules.story-points.splitAt')).toBe('prepLoop.rules.story-points');
    expect(settingForPath('lexicon.po[2]')).toBe('prepLoop.lexicon');
    expect(settingForPath('loopByGlob.notes/*.md')).toBe('prepLoop.loopByGlob');
    expect(settingForPath('')).toBe('prepLoop');
  });
});

describe('locateConfigPath', () => {
  const json = '{\n  "rules": {\n    "wrong-lop": "error",\n    "story-points": { "splitAt": -1 }\n  },\n  "loopByGlob": { "notes/*.md": "pn" }\n}\n';

  it('splits paths without breaking globs', () => {
    expect(pathSegments('loopByGlob.notes/*.md')).toEqual(['loopByGlob', 'notes/*.md']);
    expect(pathSegments('rules.story-points.splitAt')).toEqual(['rules', 'story-points', 'splitAt']);
    expect(pathSegments('lexicon.po[1]')).toEqual(['lexicon', 'po']);
  });

  it('finds the deepest key of a JSON path', () => {
    const at = locateConfigPath(json, 'rules.story-points.splitAt');
    expect(json.slice(at.start, at.end)).toBe('"splitAt"');
    const glob = locateConfigPath(json, 'loopByGlob.notes/*.md');
    expect(json.slice(glob.start, glob.end)).toBe('"notes/*.md"');
  });

  it('finds YAML keys', () => {
    const yaml = 'rules:\n  wrong-lop: error\nstoryHeadingLevel: 9\n';
    const at = locateConfigPath(yaml, 'rules.wrong-lop');
    expect(yaml.slice(at.start, at.end)).toBe('wrong-lop');
    const top = locateConfigPath(yaml, 'storyHeadingLevel');
    expect(yaml.slice(top.start, top.end)).toBe('storyHeadingLevel');
  });

  it('falls back to the first line', () => {
    expect(locateConfigPath('not json at all\nsecond', '')).toEqual({ start: 0, end: 15 });
  });
});

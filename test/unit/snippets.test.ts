import { describe, expect, it } from 'vitest';
import { expandSnippetDefaults } from '../../src/core/snippets';
import { loadSnippets } from './helpers/snippets';

describe('expandSnippetDefaults', () => {
  it('keeps plain text', () => {
    expect(expandSnippetDefaults('As a PO')).toBe('As a PO');
  });

  it('joins array bodies with newlines', () => {
    expect(expandSnippetDefaults(['a', '', 'b'])).toBe('a\n\nb');
  });

  it('replaces placeholders with their defaults', () => {
    expect(expandSnippetDefaults('As a ${1:role}, I want ${2:a thing}')).toBe('As a role, I want a thing');
  });

  it('takes the first option of a choice', () => {
    expect(expandSnippetDefaults('loop: ${1|pm,po,hybrid|}')).toBe('loop: pm');
  });

  it('honours escapes inside choices', () => {
    expect(expandSnippetDefaults('${1|a\\,b,c|}')).toBe('a,b');
    expect(expandSnippetDefaults('${1|x\\|y,z|}')).toBe('x|y');
  });

  it('drops bare tab stops and the final cursor', () => {
    expect(expandSnippetDefaults('a$1b${2}c$0')).toBe('abc');
  });

  it('mirrors a default to later uses of the same tab stop', () => {
    expect(expandSnippetDefaults('${1:PRD} and $1 again')).toBe('PRD and PRD again');
    expect(expandSnippetDefaults('$1 then ${1:x}')).toBe('x then x');
  });

  it('expands nested placeholders', () => {
    expect(expandSnippetDefaults('${1:from ${2:28%} to ${3:35%}}')).toBe('from 28% to 35%');
    expect(expandSnippetDefaults('${1:loop ${2|po,pm|}}')).toBe('loop po');
  });

  it('unescapes \\$, \\} and \\\\', () => {
    expect(expandSnippetDefaults('cost \\$5')).toBe('cost $5');
    expect(expandSnippetDefaults('${1:a \\} b}')).toBe('a } b');
    expect(expandSnippetDefaults('back\\\\slash')).toBe('back\\slash');
  });

  it('keeps a bare closing brace at the top level', () => {
    expect(expandSnippetDefaults('{ok}')).toBe('{ok}');
  });

  it('resolves variables to their default or nothing', () => {
    expect(expandSnippetDefaults('${TM_FILENAME:notes.md}|$CURRENT_YEAR|${TM_SELECTED_TEXT}')).toBe('notes.md||');
  });

  it('drops transforms, including ones with nested format groups', () => {
    expect(expandSnippetDefaults('${1/(.*)/${1:/upcase}/}!')).toBe('!');
    expect(expandSnippetDefaults('${TM_FILENAME/(.*)\\..+$/$1/}x')).toBe('x');
  });

  it('leaves malformed constructs as literal text', () => {
    expect(expandSnippetDefaults('${1:unclosed')).toBe('${1:unclosed');
    expect(expandSnippetDefaults('$ 5 and ${')).toBe('$ 5 and ${');
    expect(expandSnippetDefaults('${1|a,b')).toBe('${1|a,b');
  });

  it('does not loop on a placeholder that mirrors itself', () => {
    expect(expandSnippetDefaults('${1:a $1 b}')).toBe('a  b');
  });
});

describe('snippets/markdown.json', () => {
  const snippets = loadSnippets();

  it('parses and holds the documented snippets', () => {
    const prefixes = snippets.flatMap((s) => s.prefix);
    for (const p of [
      'prep-user-story',
      'prep-ac',
      'prep-story',
      'prep-star',
      'prep-prd',
      'prep-onepager',
      'prep-ab',
      'prep-front',
      'prep-screen',
    ]) {
      expect(prefixes).toContain(p);
    }
  });

  it('gives every snippet a description and a prep- prefix', () => {
    for (const s of snippets) {
      expect(s.description.trim().length, s.name).toBeGreaterThan(10);
      expect(s.prefix.length, s.name).toBeGreaterThan(0);
      for (const p of s.prefix) expect(p, s.name).toMatch(/^prep-[a-z-]+$/);
    }
  });

  it('uses each prefix once', () => {
    const prefixes = snippets.flatMap((s) => s.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it.each(snippets.map((s) => [s.name, s] as const))('%s expands to non-empty text without snippet syntax', (_name, s) => {
    const text = expandSnippetDefaults(s.body);
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\$\{?\d/);
  });

  it('only uses the known loop and axis hashtags', () => {
    const known = new Set(['pm', 'po', 'hybrid', 'strategy', 'metrics', 'execution', 'stakeholders']);
    for (const s of snippets) {
      const text = s.body.join('\n');
      // Tags in the raw body include choice options: #${2|pm,po|} → pm, po.
      for (const m of text.matchAll(/#\$\{\d+\|([^|]*)\|\}/g)) {
        for (const option of m[1].split(',')) expect(known, s.name).toContain(option);
      }
      for (const m of expandSnippetDefaults(s.body).matchAll(/(?<![\w#])#([A-Za-z][\w-]*)/g)) {
        expect(known, s.name).toContain(m[1].toLowerCase());
      }
    }
  });

  it('keeps the user story to one sentence with role, goal and benefit', () => {
    const story = snippets.find((s) => s.prefix.includes('prep-user-story'));
    expect(story).toBeDefined();
    const line = expandSnippetDefaults(story!.body).split('\n')[0];
    expect(line).toMatch(/^As an? [^,]+, I want [^,]+, so that [^.]+\.$/);
    expect(line).not.toMatch(/\b(and|or)\b|&|\(|e\.g\.|etc\./);
  });
});

/**
 * Every shipped snippet, expanded with its defaults (Tab through every placeholder without
 * typing) and placed in a prep doc, lints clean: a snippet must never teach a habit the linter
 * then complains about. Doc-level rules that judge a whole doc rather than one snippet
 * (`loop-coverage`: "no story for drill X"; `no-scrum-mechanics`: "this PO doc never mentions
 * Scrum") are left out.
 */
import { describe, expect, it } from 'vitest';
import { PRD_PARTS } from '../../src/core/artifacts/outline';
import { lintText } from '../../src/core/lint';
import { expandSnippetDefaults } from '../../src/core/snippets';
import { loadSnippets, type SnippetDef } from './helpers/snippets';

/** Rules about the whole doc, which one snippet alone cannot satisfy. */
const DOC_LEVEL = new Set(['loop-coverage', 'no-scrum-mechanics']);

const snippets = loadSnippets();
const isFrontMatter = (s: SnippetDef) => /^---\s*$/.test(s.body[0] ?? '');
const frontSnippet = snippets.find(isFrontMatter);

/** The front matter snippet's expansion with its loop set to `loop`. */
function frontMatter(loop: string): string {
  expect(frontSnippet, 'a front matter snippet exists').toBeDefined();
  const text = expandSnippetDefaults(frontSnippet!.body);
  expect(text).toMatch(/^loop: \w+$/m);
  return text.replace(/^loop: \w+$/m, `loop: ${loop}`);
}

/** The loop a snippet is written for: its heading's loop tag, else PO for backlog artifacts, else PM. */
function loopOf(text: string): string {
  const tag = /^#{1,6} .*?#(pm|po|hybrid)\b/im.exec(text);
  if (tag) return tag[1].toLowerCase();
  return /\b(?:As an? |Given )/.test(text) ? 'po' : 'pm';
}

/** The snippet as it would sit in a prep doc: under front matter, under a heading when it has none. */
function inPrepDoc(s: SnippetDef): string {
  const text = expandSnippetDefaults(s.body);
  if (isFrontMatter(s)) return text;
  const body = /^#{1,6} /m.test(text) ? text : `## Backlog\n\n${text}`;
  return `${frontMatter(loopOf(text)).trimEnd()}\n\n${body.trimEnd()}\n`;
}

function findingsOf(text: string) {
  return lintText(text)
    .findings.filter((f) => !DOC_LEVEL.has(f.ruleId))
    .map((f) => `${f.range.start.line + 1}: ${f.ruleId}: ${f.message}`);
}

describe('snippets lint clean', () => {
  it('the snippets file has a front matter snippet and others', () => {
    expect(frontSnippet).toBeDefined();
    expect(snippets.length).toBeGreaterThan(1);
  });

  for (const s of snippets) {
    it(`${s.name}, expanded with its defaults`, () => {
      const doc = inPrepDoc(s);
      expect(lintText(doc).doc?.isPrepDoc, doc).toBe(true);
      expect(findingsOf(doc), doc).toEqual([]);
    });
  }
});

describe('the PRD snippets satisfy prd-missing-section', () => {
  const prdSnippets = snippets.filter((s) => /^#{1,6} (?:PRD|One-pager)\b/im.test(s.body.join('\n')));

  it('there is a PRD outline and a one-pager snippet', () => {
    expect(prdSnippets.map((s) => s.name).join(' | ')).toMatch(/PRD/);
    expect(prdSnippets.length).toBeGreaterThanOrEqual(2);
  });

  for (const s of prdSnippets) {
    it(`${s.name} has every part`, () => {
      const { doc, findings } = lintText(inPrepDoc(s));
      expect(doc?.artifacts.prds).toHaveLength(1);
      expect(doc!.artifacts.prds[0].present).toEqual(PRD_PARTS.map((p) => p.id));
      expect(findings.filter((f) => f.ruleId === 'prd-missing-section')).toEqual([]);
    });

    it(`${s.name} without one of its parts is reported`, () => {
      const full = inPrepDoc(s);
      const partHeadings = full.split('\n').filter((l) => /^### /.test(l));
      expect(partHeadings.length).toBeGreaterThanOrEqual(6);
      for (const heading of partHeadings) {
        // Drop the heading and its body, up to the next part heading.
        const from = full.indexOf(`${heading}\n`);
        const next = full.indexOf('\n### ', from + heading.length);
        const text = full.slice(0, from) + (next === -1 ? '' : full.slice(next + 1));
        const reported = lintText(text).findings.filter((f) => f.ruleId === 'prd-missing-section');
        expect(reported, heading).toHaveLength(1);
        expect(reported[0].fixes?.[0]?.edits[0]?.newText, heading).toContain(heading.slice(4).split(' ')[0]);
      }
    });
  }
});

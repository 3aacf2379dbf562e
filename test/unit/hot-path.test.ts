/**
 * The shortcuts of the lint hot path give the answers of the long way: a section's parts are
 * judged only when the group decision needs them, part names are looked for at the start
 * only, globs are compiled once, the masked prose is built from runs, and the big heading
 * patterns, compiled without the `i` flag, match what they matched with it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { partIdsOf, SYNONYM_RE } from '../../src/core/artifacts/outline';
import { loopForPath } from '../../src/core/config';
import { parsePrepDoc } from '../../src/core/parse';
import { ARTIFACT_HEADING, isGroup, LOGISTICS_HEADINGS, REFERENCE_HEADING, testLower, type ChildInput } from '../../src/core/sections';

describe('isGroup with its own text judged on demand', () => {
  const child = (title: string, kind: ChildInput['kind'], tags: string[] = []): ChildInput => ({ title, tags, kind });

  it('does not read the section itself when the headings already decide', () => {
    let asked = 0;
    const own = () => {
      asked++;
      return 0;
    };
    // Story parts: one story told in parts, whatever the parts say.
    expect(isGroup('Cut the onboarding steps', own, [child('Situation', 'story'), child('Result', 'story')])).toBeUndefined();
    // A tagged child: a group, from the tags alone.
    expect(isGroup('PM stories', own, [child('Shipped search', 'story', ['pm']), child('Notes', 'reference')])?.kind).toBe('group');
    // Fewer than two stories below: no group.
    expect(isGroup('Stories', own, [child('Shipped search', 'story'), child('Links', 'reference')])).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('gives what the eager form gives', () => {
    const cases: [string, ChildInput[]][] = [
      ['Stories', [child('Shipped search', 'story'), child('Rebuilt billing', 'story')]],
      ['Notes', [child('Shipped search', 'story'), child('Rebuilt billing', 'story'), child('Links', 'reference'), child('Tips', 'reference'), child('More', 'reference')]],
      ['Behavioural', [child('Shipped search', 'story'), child('Rebuilt billing', 'story'), child('Links', 'reference'), child('Tips', 'reference'), child('More', 'reference')]],
    ];
    for (const [title, children] of cases) {
      for (const own of [0, 1]) expect(isGroup(title, () => own, children)).toEqual(isGroup(title, own, children));
    }
  });
});

describe('partIdsOf', () => {
  it('finds part names at the start only, in both modes', () => {
    expect(partIdsOf('Goals')).toEqual(['goals']);
    expect(partIdsOf('The goals and the risks')).toEqual(['goals', 'risks']);
    expect(partIdsOf('2. Success metrics:')).toEqual(['goals']);
    expect(partIdsOf('Shipped search and the goals')).toEqual([]);
    expect(partIdsOf('Risks and open questions', 'label')).toEqual(['risks']);
    expect(partIdsOf('My goals', 'label')).toEqual([]);
    expect(partIdsOf('Goals we missed', 'label')).toEqual([]);
    expect(partIdsOf('')).toEqual([]);
  });
});

describe('loopForPath', () => {
  it('answers the same on every call with its compiled globs', () => {
    const globs = { 'po/**': 'po', 'notes/*.md': 'pm' } as const;
    for (let i = 0; i < 3; i++) {
      expect(loopForPath('po/a/b.md', { ...globs })).toEqual({ loop: 'po', glob: 'po/**' });
      expect(loopForPath('notes/x.md', { ...globs })).toEqual({ loop: 'pm', glob: 'notes/*.md' });
      expect(loopForPath('notes/deep/x.md', { ...globs })).toBeUndefined();
    }
  });
});

describe('the masked prose', () => {
  it('blanks code, HTML and link targets and keeps every line break, CRLF included', () => {
    const text = '## Shipped it #pm\r\n\r\nSee [the doc](https://x.test/a) and `npm ci`.\r\n\r\n```\r\ncode line\r\n```\r\n<!-- note -->\r\nDone 😀.\r\n';
    const { prose } = parsePrepDoc(text);
    expect(prose.length).toBe(text.length);
    expect([...prose].filter((c) => c === '\n').length).toBe([...text].filter((c) => c === '\n').length);
    expect(prose.split('\r\n').length).toBe(text.split('\r\n').length);
    expect(prose).toContain('See  the doc ');
    expect(prose).not.toContain('https');
    expect(prose).not.toContain('npm ci');
    expect(prose).not.toContain('code line');
    expect(prose).not.toContain('note');
    expect(prose).toContain('Done 😀.');
  });
});

describe('heading patterns compiled without the i flag', () => {
  const ROOT = join(__dirname, '..', '..');
  const headings = [
    ...['examples', 'test/fixtures']
      .flatMap((d) => readdirSync(join(ROOT, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, d, f)))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
      .filter((l) => /^#{1,6}\s/.test(l))
      .map((l) => l.replace(/^#+\s*/, '')),
    'Tell Me About Yourself',
    'WHY ACME',
    'Salary Expectations',
    'Out Of Scope',
    'User Stories',
    'Glossary',
    'Interview Format',
    // Letters that fold oddly: the Kelvin sign, the long s, dotted and dotless i, fullwidth letters.
    'Ｓalary', 'ſalary', 'ſcope', 'Kpis', 'İnterview format', 'ınterview format', 'Stepſ',
  ];
  const variants = [...new Set(headings.flatMap((h) => [h, h.toUpperCase(), h.toLowerCase()]))];

  it('hold no upper-case letters, so lowering ASCII letters in the text is all the i flag did', () => {
    for (const re of [...LOGISTICS_HEADINGS, REFERENCE_HEADING, ARTIFACT_HEADING, SYNONYM_RE]) {
      expect(re.flags).not.toContain('i');
      expect(re.source.replace(/\\[pP]\{[^}]*\}|\\./g, '')).not.toMatch(/[A-Z]/);
    }
  });

  it('answer as the i flag did, on every heading of the examples and fixtures and odd letters', () => {
    expect(variants.length).toBeGreaterThan(200);
    for (const re of [REFERENCE_HEADING, ARTIFACT_HEADING]) {
      const withI = new RegExp(re.source, 'i');
      for (const h of variants) expect(testLower(re, h), `${re.source.slice(0, 30)} on ${h}`).toBe(withI.test(h));
    }
    // The logistics patterns, tested one by one, answer as their one case-insensitive alternation did.
    const logistics = new RegExp(LOGISTICS_HEADINGS.map((re) => re.source).join('|'), 'i');
    let hits = 0;
    for (const h of variants) {
      const hit = LOGISTICS_HEADINGS.some((re) => testLower(re, h));
      expect(hit, h).toBe(logistics.test(h));
      if (hit) hits++;
    }
    expect(hits).toBeGreaterThan(3);
  });

  it('find the PRD part names the iu flags found, on lower-cased text with the long s folded', () => {
    const withIU = new RegExp(SYNONYM_RE.source, 'giu');
    for (const h of variants) {
      const text = h.toLowerCase();
      const probe = text.replace(/ſ/g, 's');
      const a = [...text.matchAll(withIU)].map((m) => [m.index, m[0].length]);
      const b = [...probe.matchAll(SYNONYM_RE)].map((m) => [m.index, m[0].length]);
      expect(b, h).toEqual(a);
    }
  });
});

describe("the build's term keys", () => {
  const g = globalThis as { PREP_LOOP_TERM_KEYS?: unknown };
  afterEach(() => {
    delete g.PREP_LOOP_TERM_KEYS;
    vi.resetModules();
  });

  it('give the lexicon that computing the keys gives, and are ignored when made for other terms', async () => {
    vi.resetModules();
    const plain = await import('../../src/core/lexicon');
    const computed = plain.getDefaultLexicon();
    const built = plain.defaultTermKeys();

    g.PREP_LOOP_TERM_KEYS = built;
    vi.resetModules();
    expect((await import('../../src/core/lexicon')).getDefaultLexicon()).toEqual(computed);

    // Keys of other terms (another fingerprint) are not trusted.
    g.PREP_LOOP_TERM_KEYS = { fingerprint: 'other', keys: built.keys.map(() => 'zzz') };
    vi.resetModules();
    expect((await import('../../src/core/lexicon')).getDefaultLexicon()).toEqual(computed);

    // …and the keys are really what the lexicon is built from when they fit.
    g.PREP_LOOP_TERM_KEYS = { fingerprint: built.fingerprint, keys: built.keys.map((k, i) => (i === 0 ? 'zzz' : k)) };
    vi.resetModules();
    expect((await import('../../src/core/lexicon')).getDefaultLexicon()).not.toEqual(computed);
  });
});

describe('the token table', () => {
  it('gives the same keys while it grows from small and after it fills and starts over', async () => {
    vi.resetModules();
    const { termKey } = await import('../../src/core/lexicon');
    const sample = ['Backlog grooming', "stakeholders' asks", 'prioritised roadmaps', 'A/B tests', 'P&L', 'sliced the epics'];
    const before = sample.map((t) => termKey(t));
    // Far more distinct words than the table holds, in chunks (each a fresh text).
    const words: string[] = [];
    for (let i = 0; i < 120_000; i++) words.push(`w${i.toString(36)}x`);
    for (let i = 0; i < words.length; i += 5000) termKey(words.slice(i, i + 5000).join(' '));
    expect(sample.map((t) => termKey(t))).toEqual(before);
    expect(termKey('w0x w1x')).toBe('w0x w1x');
  });
});

/**
 * Text in, the same text out: every encoding Prep Loop reads is written back byte for byte, and
 * applying fixes changes no byte outside the fixed ranges (UTF-8, UTF-8 with BOM, UTF-16 LE/BE,
 * Latin-1, CRLF and mixed line endings). Fixes compose: no pass half-applies a fix, and --fix
 * never writes a tag a line already has (fixtures, examples, generated docs).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptLineEndings, decodeText, encodeText, eolStyle, type TextEncodingInfo, type TextEncodingName } from '../../src/core/encoding';
import { applyEdits, fixUntilStable, planFixes } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import type { Finding } from '../../src/core/types';
import { loadRuleFixtures } from './helpers/fixtures';

const ROOT = join(__dirname, '..', '..');

function bytesOf(text: string, encoding: TextEncodingName, bom: boolean): Uint8Array {
  const r = encodeText(text, { encoding, bom });
  if ('error' in r) throw new Error(r.error);
  return r.bytes;
}

describe('decodeText', () => {
  it('detects each encoding and strips the BOM from the text', () => {
    const text = '---\nloop: pm\n---\n## Café #pm\n';
    const cases: [TextEncodingName, boolean][] = [
      ['utf-8', false],
      ['utf-8', true],
      ['utf-16le', true],
      ['utf-16be', true],
      ['utf-16le', false],
      ['utf-16be', false],
      ['windows-1252', false],
    ];
    for (const [encoding, bom] of cases) {
      const d = decodeText(bytesOf(text, encoding, bom));
      expect(d.binary, `${encoding} bom=${bom}`).toBeUndefined();
      expect(d.text, `${encoding} bom=${bom}`).toBe(text);
      expect(d.info.encoding).toBe(encoding);
      expect(d.info.bom).toBe(bom);
    }
  });

  it('reads a BOM prep doc as a prep doc', () => {
    const d = decodeText(bytesOf('---\nloop: po\n---\n## Ran refinement #po #execution\n', 'utf-8', true));
    expect(lintText(d.text).doc?.isPrepDoc).toBe(true);
  });

  it('calls zero bytes in 8-bit text binary, and names line endings', () => {
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3])).binary).toMatch(/binary/);
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41])).binary).toMatch(/odd number of bytes/);
    expect(eolStyle('a\nb')).toBe('lf');
    expect(eolStyle('a\r\nb')).toBe('crlf');
    expect(eolStyle('a\r\nb\nc')).toBe('mixed');
    expect(eolStyle('abc')).toBe('none');
  });

  it('round-trips any bytes that are not binary, exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const d = decodeText(bytes);
        if (d.binary) return;
        const back = encodeText(d.text, d.info);
        expect('bytes' in back && Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses, instead of replacing, a character the legacy encoding cannot hold', () => {
    expect(encodeText('arrow → here', { encoding: 'windows-1252', bom: false })).toMatchObject({ error: expect.stringMatching(/"→" cannot be written/) });
    expect(encodeText('euro € and é', { encoding: 'windows-1252', bom: false })).toHaveProperty('bytes');
  });
});

// Pieces that make rules fire and fixes appear (typo tags, missing axes, bad front matter), with
// text each encoding can hold.
const pieces = [
  '## ', '### ', '#p0 ', '#pm ', '#po ', '#metric ', '#stakeholder ', '#exection ', '#stratgy ', '#execution ', 'Tags: po, exection\n',
  'Café résumé über ', 'naïve façade ', '“quoted” – ', 'As a user, I want to export and print, so that I can share.\n', 'Given a cart\n',
  'I grew retention from 20% to 30%. ', '## Shipped the fix #pm #metric\n\nI shipped it and we cut churn.\n', '## Cut scope #po #exection\n\nWe split the story.\n', 'backlog refinement ', 'sprint goal ', '- item\n', '> quote\n', '\n', '\n\n', 'loop: pn\n', '13 pts\n',
];
const LATIN_SAFE = /^[\t\n\r\u0020-\u00ff€“”–—’‘]*$/;

type Variant = { encoding: TextEncodingName; bom: boolean; eol: 'lf' | 'crlf' | 'mixed' };
const VARIANTS: Variant[] = [
  { encoding: 'utf-8', bom: false, eol: 'lf' },
  { encoding: 'utf-8', bom: true, eol: 'lf' },
  { encoding: 'utf-8', bom: false, eol: 'crlf' },
  { encoding: 'utf-16le', bom: true, eol: 'crlf' },
  { encoding: 'utf-16be', bom: true, eol: 'lf' },
  { encoding: 'windows-1252', bom: false, eol: 'lf' },
  { encoding: 'windows-1252', bom: false, eol: 'mixed' },
  { encoding: 'utf-8', bom: false, eol: 'mixed' },
];

function withEol(text: string, eol: Variant['eol'], flips: boolean[]): string {
  if (eol === 'lf') return text;
  let i = 0;
  return text.replace(/\n/g, () => (eol === 'crlf' || flips[i++ % flips.length] ? '\r\n' : '\n'));
}

function adapt(findings: readonly Finding[], info: TextEncodingInfo): Finding[] {
  return findings.map((f) => (f.fixes ? { ...f, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, newText: adaptLineEndings(e.newText, info.eol) })) })) } : f));
}

describe('fixes change no byte outside the fixed ranges', () => {
  it('for every encoding, BOM and line-ending style', () => {
    const doc = fc
      .tuple(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(...VARIANTS), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }))
      .map(([xs, variant, flips]) => ({ variant, text: withEol(`---\nloop: pm\n---\n${xs.join('')}`, variant.eol, flips) }));
    let fixedSomething = 0;
    fc.assert(
      fc.property(doc, ({ variant, text }) => {
        if (variant.encoding === 'windows-1252' && !LATIN_SAFE.test(text)) return;
        const original = bytesOf(text, variant.encoding, variant.bom);
        const decoded = decodeText(original);
        expect(decoded.text).toBe(text);
        // One pass, checked range by range: what the pass does not touch stays byte for byte.
        const plan = planFixes(decoded.text, adapt(lintText(decoded.text).findings, decoded.info));
        const fixed = applyEdits(decoded.text, plan.edits).text;
        const written = encodeText(fixed, decoded.info);
        if ('error' in written) return; // refused: the file is left as it was
        if (plan.edits.length) fixedSomething++;
        expectOnlyRangesChanged(decoded.text, plan.edits, original, written.bytes, decoded.info);
        // And the whole --fix run keeps the encoding, the BOM and CRLF line breaks.
        const all = fixUntilStable(decoded.text, adapt(lintText(decoded.text).findings, decoded.info), (t) => adapt(lintText(t).findings, decoded.info));
        const again = encodeText(all.text, decoded.info);
        if ('error' in again) return;
        const re = decodeText(again.bytes);
        expect(re.info.encoding).toBe(decoded.info.encoding);
        expect(re.info.bom).toBe(decoded.info.bom);
        if (decoded.info.eol === 'crlf') expect(re.info.eol === 'crlf' || re.info.eol === 'none').toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(fixedSomething).toBeGreaterThan(20);
  });
});

/** Walks the unchanged segments between edits and compares their bytes in both files. */
function expectOnlyRangesChanged(text: string, edits: readonly { start: number; end: number; newText: string }[], before: Uint8Array, after: Uint8Array, info: TextEncodingInfo) {
  const len = (s: string) => bytesOf(s, info.encoding, false).length;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let pb = info.bom ? (info.encoding === 'utf-8' ? 3 : 2) : 0;
  let pa = pb;
  expect(Buffer.from(after.subarray(0, pa)).equals(Buffer.from(before.subarray(0, pb)))).toBe(true);
  let cursor = 0;
  for (const e of [...sorted, { start: text.length, end: text.length, newText: '' }]) {
    const n = len(text.slice(cursor, e.start));
    expect(Buffer.from(after.subarray(pa, pa + n)).equals(Buffer.from(before.subarray(pb, pb + n)))).toBe(true);
    pb += n + len(text.slice(e.start, e.end));
    pa += n + len(e.newText);
    cursor = e.end;
  }
  expect(pb).toBe(before.length);
  expect(pa).toBe(after.length);
}

/** How many repeated tags the heading and Tags lines hold (`## A #po #po` holds one). */
function duplicateTags(text: string): number {
  let n = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!/^\s*(#{1,6}\s|tags\s*:)/i.test(line)) continue;
    const names = [...line.matchAll(/(?<![\p{L}\p{N}_&#/\\])#(\p{L}[\p{L}\p{N}_-]*)/gu)].map((m) => m[1].toLowerCase());
    n += names.length - new Set(names).size;
  }
  return n;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? markdownFiles(p) : f.endsWith('.md') ? [p] : [];
  });
}

describe('--fix composes whole fixes and never duplicates a tag', () => {
  it('on the issue examples', () => {
    const fix = (text: string) => fixUntilStable(text, lintText(text).findings, (t) => lintText(t).findings).text;
    expect(fix('---\nloop: pm\n---\n\n## Grew activation #pm #metric\n\nI lifted activation from 20% to 31% by Q3.\n')).toContain('## Grew activation #pm #metrics\n');
    const po = fix('---\nloop: po\n---\n\n## Cut scope mid-sprint #p0 #stakeholder\n\nI groomed the backlog and protected the sprint goal.\n');
    expect(duplicateTags(po)).toBe(0);
    expect(po).toMatch(/## Cut scope mid-sprint #po #stakeholders\n/);
  });

  it('on every fixture and example, settling at a fixed point', () => {
    const fixtures = loadRuleFixtures();
    const docs = [
      ...fixtures.map((f) => ({ name: f.name, text: f.text, lint: (t: string) => lintText(t, { config: f.config, filePath: f.filePath }).findings })),
      ...markdownFiles(join(ROOT, 'examples')).map((p) => ({ name: p, text: readFileSync(p, 'utf8'), lint: (t: string) => lintText(t).findings })),
    ];
    expect(docs.length).toBeGreaterThan(50);
    for (const d of docs) {
      const r = fixUntilStable(d.text, d.lint(d.text), d.lint);
      expect(r.settled, d.name).toBe(true);
      expect(duplicateTags(r.text), d.name).toBeLessThanOrEqual(duplicateTags(d.text));
      expect(planFixes(r.text, d.lint(r.text)).edits, d.name).toEqual([]);
    }
  });

  it('on generated docs', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 50 }), fc.constantFrom('pm', 'po', 'hybrid'), (xs, loop) => {
        const text = `---\nloop: ${loop}\n---\n${xs.join('')}`;
        const r = fixUntilStable(text, lintText(text).findings, (t) => lintText(t).findings);
        expect(duplicateTags(r.text)).toBeLessThanOrEqual(duplicateTags(text));
      }),
      { numRuns: 300 },
    );
  });

  it('takes a multi-edit fix whole or defers it whole', () => {
    const text = 'aaa bbb ccc';
    const finding = (edits: { start: number; end: number; newText: string }[]): Finding => ({
      ruleId: 'x',
      severity: 'warning',
      range: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } },
      message: 'm',
      fixes: [{ title: 't', edits }],
    });
    const a = finding([{ start: 0, end: 3, newText: 'AAA' }]);
    const b = finding([{ start: 2, end: 3, newText: 'Z' }, { start: 8, end: 11, newText: 'CCC' }]);
    const plan = planFixes(text, [a, b]);
    expect(plan.applied).toEqual([a.fixes![0]]);
    expect(plan.deferred).toEqual([b.fixes![0]]);
    expect(applyEdits(text, plan.edits).text).toBe('AAA bbb ccc');
  });
});

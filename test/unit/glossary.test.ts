import { describe, expect, it } from 'vitest';
import { GLOSSARY, lookupTerm, tagHover, termAt } from '../../src/core/glossary';
import { AXES, LOOPS } from '../../src/core/types';

/** The text of `line` covered by the term found at `column`. */
function covered(line: string, column: number): string | undefined {
  const hit = termAt(line, column);
  return hit ? line.slice(hit.start, hit.end) : undefined;
}

describe('GLOSSARY', () => {
  it('has at least 30 terms with unique ids', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(30);
    const ids = GLOSSARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every entry aliases, a loop when it has one, and markdown that starts with the bold title', () => {
    for (const e of GLOSSARY) {
      expect(e.aliases.length, e.id).toBeGreaterThan(0);
      if (e.loop !== undefined) expect(['pm', 'po']).toContain(e.loop);
      expect(e.markdown.startsWith(`**${e.title}**`), e.id).toBe(true);
      expect(e.markdown.length, e.id).toBeGreaterThan(e.title.length + 60);
    }
  });

  it('never lets one alias point at two entries', () => {
    const seen = new Map<string, string>();
    for (const e of GLOSSARY) {
      for (const a of e.aliases) {
        const key = a.toLowerCase().replace(/[\s\-_]+/g, '');
        expect(seen.get(key) ?? e.id, `${a} in ${e.id} and ${seen.get(key)}`).toBe(e.id);
        seen.set(key, e.id);
      }
    }
  });

  it('covers the terms the spec names for hovers, on both loops', () => {
    for (const term of [
      'MDE', 'SRM', 'sample ratio mismatch', 'power', 'peeking', 'NDR', 'NRR', 'LTV', 'CAC', 'CAC payback', 'ARPU',
      'churn', 'retention', 'activation', 'DAU/MAU', 'north star', 'OKR', 'PRD', 'one-pager', 'unit economics',
      'cohort', 'funnel', 'definition of done', 'DoD', 'definition of ready', 'velocity', 'story points',
      'sprint goal', 'grooming', 'refinement', 'backlog', 'acceptance criteria', 'epic', 'cycle time',
      'burndown', 'WIP', 'scope creep', 'INVEST',
    ]) {
      expect(lookupTerm(term), term).toBeDefined();
    }
    expect(GLOSSARY.filter((e) => e.loop === 'pm').length).toBeGreaterThanOrEqual(12);
    expect(GLOSSARY.filter((e) => e.loop === 'po').length).toBeGreaterThanOrEqual(12);
  });

  it('keeps hovers free of raw HTML-looking text', () => {
    for (const e of GLOSSARY) {
      const outsideCode = e.markdown.replace(/`[^`]*`/g, '');
      expect(outsideCode, e.id).not.toMatch(/<[a-z]/i);
    }
  });
});

describe('lookupTerm', () => {
  it('is case-insensitive and alias aware', () => {
    expect(lookupTerm('mde')?.id).toBe('mde');
    expect(lookupTerm('Minimum Detectable Effect')?.id).toBe('mde');
    expect(lookupTerm('NRR')?.id).toBe('ndr');
    expect(lookupTerm('grooming')?.id).toBe('refinement');
    expect(lookupTerm('dod')?.id).toBe('definition-of-done');
  });

  it('ignores spaces, hyphens, surrounding punctuation and a plural s', () => {
    expect(lookupTerm('burn-down')?.id).toBe('burndown');
    expect(lookupTerm('one pager')?.id).toBe('one-pager');
    expect(lookupTerm('onepager')?.id).toBe('one-pager');
    expect(lookupTerm('(LTV)')?.id).toBe('ltv');
    expect(lookupTerm('OKRs')?.id).toBe('okr');
    expect(lookupTerm('epics')?.id).toBe('epic');
  });

  it('returns undefined for unknown or empty words', () => {
    expect(lookupTerm('banana')).toBeUndefined();
    expect(lookupTerm('')).toBeUndefined();
    expect(lookupTerm('  -- ')).toBeUndefined();
  });
});

describe('termAt', () => {
  const line = 'Our CAC payback period fell while NDR rose; the sprint goal held.';

  it('finds a multi-word term from any column inside it', () => {
    for (const col of [4, 8, 15, 21]) {
      expect(covered(line, col)).toBe('CAC payback period');
      expect(termAt(line, col)?.entry.id).toBe('cac-payback');
    }
  });

  it('finds single-word acronyms and returns exact spans', () => {
    const col = line.indexOf('NDR');
    expect(termAt(line, col + 1)).toMatchObject({ start: col, end: col + 3 });
    expect(termAt(line, col + 1)?.entry.id).toBe('ndr');
  });

  it('finds a term when the cursor sits just after it', () => {
    const end = line.indexOf('sprint goal') + 'sprint goal'.length;
    expect(covered(line, end)).toBe('sprint goal');
  });

  it('prefers the longest term covering the column', () => {
    expect(termAt('Track the CAC payback period', 10)?.entry.id).toBe('cac-payback');
    expect(termAt('Track CAC by channel', 7)?.entry.id).toBe('cac');
    expect(termAt('DAU/MAU was 0.4', 5)?.entry.id).toBe('dau-mau');
  });

  it('finds a term that starts inside another term found further left', () => {
    // "user story" and "story points" overlap; the column on "points" must still resolve.
    const text = 'Each user story points estimate';
    expect(termAt(text, text.indexOf('points') + 2)?.entry.id).toBe('story-points');
    expect(termAt(text, text.indexOf('user') + 1)?.entry.id).toBe('user-story');
  });

  it('tolerates hyphen and spacing variants and plurals in running text', () => {
    expect(covered('the burn-down chart', 6)).toBe('burn-down chart');
    expect(covered('two one pagers today', 6)).toBe('one pagers');
    expect(covered('our OKRs for Q3', 5)).toBe('OKRs');
  });

  it('respects word boundaries', () => {
    expect(termAt('powerful', 2)).toBeUndefined();
    expect(termAt('ACME corp', 1)).toBeUndefined();
    expect(termAt('empower teams', 3)).toBeUndefined();
  });

  it('keeps short acronyms case-sensitive in running text', () => {
    expect(termAt('an sp estimate', 4)).toBeUndefined();
    expect(termAt('an SP estimate', 4)?.entry.id).toBe('story-points');
    expect(termAt('AC look fine', 1)?.entry.id).toBe('acceptance-criteria');
  });

  it('returns undefined away from terms and for out-of-range columns', () => {
    expect(termAt(line, 1)).toBeUndefined();
    expect(termAt(line, -1)).toBeUndefined();
    expect(termAt(line, line.length + 5)).toBeUndefined();
    expect(termAt('', 0)).toBeUndefined();
  });
});

describe('tagHover', () => {
  it('describes every loop and axis tag, with or without #, in any case', () => {
    for (const tag of [...LOOPS, ...AXES]) {
      const md = tagHover(`#${tag}`);
      expect(md, tag).toBeDefined();
      expect(md).toContain(`#${tag}`);
      expect(tagHover(tag)).toBe(md);
      expect(tagHover(`#${tag.toUpperCase()}`)).toBe(md);
    }
  });

  it('says what each loop drills and which axes it pulls', () => {
    expect(tagHover('#pm')).toMatch(/CAC payback/);
    expect(tagHover('#pm')).toMatch(/#strategy/);
    expect(tagHover('#po')).toMatch(/acceptance criteria/);
    expect(tagHover('#po')).toMatch(/#execution/);
    expect(tagHover('#hybrid')).toMatch(/both/);
  });

  it('returns undefined for unknown tags', () => {
    expect(tagHover('#pmx')).toBeUndefined();
    expect(tagHover('#p0')).toBeUndefined();
    expect(tagHover('toString')).toBeUndefined();
    expect(tagHover('')).toBeUndefined();
  });
});

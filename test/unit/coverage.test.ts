/**
 * The core coverage model (src/core/coverage.ts) that `prep-loop coverage` and the Show Coverage
 * webview both render.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { AXIS_COLUMNS, buildCoverage, coverageDoc, loopGaps, type CoverageDoc } from '../../src/core/coverage';
import { DRILLS, DRILL_IDS, type DrillId } from '../../src/core/lexicon';
import { lexiconFor, lintText } from '../../src/core/lint';
import { coveredDrills } from '../../src/core/rules/loop-coverage';
import { parsePrepDoc } from '../../src/core/parse';
import { storyHoldingOf } from '../../src/core/story-holding';
import { coverageJson, formatCoverage } from '../../src/cli/coverage';

const PM = `---
loop: pm
---

# Northwind prep

## Ran an A/B test on pricing #pm #metrics #strategy

We ran an A/B test with enough power and checked for sample ratio mismatch.

## Pulled the numbers myself #po

I wrote the SQL query with a window function over the event tables.

## Coffee with the design lead

We talked about the team offsite.
`;

const PO_EMPTY = `---
loop: po
---

# PO notes

Nothing here yet.
`;

const HYBRID = `---
loop: hybrid
---

## Sliced the payments epic #execution

We split the epic into thin vertical slices that each fit in one sprint.
`;

/** A PO doc whose user-story drill is evidenced only by a `## Backlog` artifact section. */
const BACKLOG = `---
loop: po
---

## Backlog

${['see a caller\'s last order', 'reorder a past basket', 'save a favourite store', 'pay with a saved card', 'get a receipt by email', 'pick a delivery slot', 'track my driver', 'rate a delivery']
  .map((goal) => `- As a shopper, I want to ${goal}, so that my weekly shop is faster.\n  - Given a signed-in shopper, when I ${goal.split(' ')[0]}, then the result shows within 2 seconds.`)
  .join('\n')}

## Refereed the quarter-end asks #po #stakeholders

Sales and support both wanted the same sprint; I protected the sprint goal and moved one ask to the next sprint.
`;

const pm = () => coverageDoc('notes/pm.md', parsePrepDoc(PM));

describe('coverageDoc', () => {
  it("reads each story's title, loop (its tag, else the doc's), axis tags and drills", () => {
    const d = pm();
    expect(d).toMatchObject({ file: 'notes/pm.md', loop: 'pm' });
    expect(d.stories.map((s) => [s.title, s.loop, s.axes])).toEqual([
      ['Ran an A/B test on pricing', 'pm', ['metrics', 'strategy']],
      ['Pulled the numbers myself', 'po', []],
      ['Coffee with the design lead', 'pm', []],
    ]);
    expect(d.stories[0].drills).toContain('ab-testing');
    expect(d.stories[1].drills).toEqual(['sql']);
    expect(d.stories[2].drills).toEqual([]);
    expect(d.stories.every((s) => s.file === 'notes/pm.md')).toBe(true);
  });

  it('lists an axis tag once even when the heading repeats it', () => {
    const d = coverageDoc('x.md', parsePrepDoc('---\nloop: pm\n---\n\n## Twice tagged #metrics #metrics\n\nText.\n'));
    expect(d.stories[0].axes).toEqual(['metrics']);
  });

  it("detects drills with the doc's lexicon extras, a light one only with company", () => {
    const doc = parsePrepDoc('---\nloop: pm\n---\n\n## The garage #pm\n\nWe kept the flux capacitor in the garage.\n');
    expect(coverageDoc('x.md', doc).stories[0].drills).toEqual([]);
    // Said once, a term of the default weight (2) is a passing mention; a defining one (3) covers.
    expect(coverageDoc('x.md', doc, { pm: [{ term: 'flux capacitor', drill: 'sql' }] }).stories[0].drills).toEqual([]);
    const heavy = coverageDoc('x.md', doc, { pm: [{ term: 'flux capacitor', drill: 'sql', weight: 3 }] }).stories[0];
    expect(heavy.drills).toEqual(['sql']);
    expect(heavy.evidence).toEqual({ sql: ['flux capacitor'] });
  });

  it('a doc with no stories still carries its loop', () => {
    expect(coverageDoc('po.md', parsePrepDoc(PO_EMPTY))).toEqual({ file: 'po.md', loop: 'po', stories: [], artifactDrills: [] });
  });

  it('records the drills its artifact sections evidence, apart from the stories', () => {
    const d = coverageDoc('po.md', parsePrepDoc(BACKLOG));
    expect(d.stories.map((s) => s.title)).toEqual(['Refereed the quarter-end asks']);
    expect(d.artifactDrills).toContain('user-story-writing');
    expect(d.stories[0].drills).not.toContain('user-story-writing');
  });
});

describe('a blank template practises nothing', () => {
  const TEMPLATE = `---
loop: pm
---

# PRD Template

Fill in each part before the review.

## Success metrics

- Primary metric: [metric name], from [baseline] to [target] by [date]
- Guardrail: [metric], must not drop below [threshold]
- A/B test: [control] vs [variant], [sample size] per arm, [duration]

## Funnel

- Activation step: [step], conversion from [X%] to [Y%]
`;
  const FILLED = TEMPLATE.replace('# PRD Template', '# PRD: Saved carts').replace('Fill in each part before the review.', 'Shoppers lose carts when they switch devices.')
    .replace(/\[[^\]]*\]/g, 'cart recovery');

  it('counts no drill for the artifact sections of a doc judged a template, and still does once it is filled in', () => {
    const blank = parsePrepDoc(TEMPLATE);
    expect(blank.genre?.genre).toBe('template');
    expect(coverageDoc('prd.md', blank).artifactDrills).toEqual([]);
    const filled = parsePrepDoc(FILLED);
    expect(filled.genre?.genre).not.toBe('template');
    expect(coverageDoc('prd.md', filled).artifactDrills.length).toBeGreaterThan(0);
    // The folder's loop-coverage reads sibling docs the same way.
    expect([...coveredDrills(blank, blank.sections, lexiconFor({}))]).toEqual([]);
    expect(coveredDrills(filled, filled.sections, lexiconFor({})).size).toBeGreaterThan(0);
  });
});

describe('buildCoverage', () => {
  it('tells drills practised only in the notes (an artifact section) apart from those with a story and from gaps', () => {
    const c = buildCoverage([coverageDoc('po.md', parsePrepDoc(BACKLOG))]);
    expect(c.notesOnly).toContain('user-story-writing');
    expect(c.gaps).not.toContain('user-story-writing');
    expect(c.drills['user-story-writing'].stories).toBe(0);
    for (const id of c.notesOnly) expect(c.gaps).not.toContain(id);
    const text = formatCoverage(coverageJson(c));
    expect(text).toMatch(/User stories & acceptance criteria\s+0\s+in your notes, no story yet/);
    expect(text).toContain('Practised in your notes but with no story yet: User stories & acceptance criteria.');
    expect(text).not.toContain('Every drill of the loops you target has at least one story');
    expect(text).toContain('No story is linked to a bank question yet');
    const linked = parsePrepDoc(BACKLOG.replace('moved one ask to the next sprint.', 'moved one ask to the next sprint.\n\nAnswers: po-sm-goal-at-risk'));
    const answered = coverageJson(buildCoverage([coverageDoc('po.md', linked)]));
    expect(answered.questions.answered).toEqual(['po-sm-goal-at-risk']);
    expect(formatCoverage(answered)).toMatch(/\d+ of \d+ bank questions have no story that answers them yet/);
  });

  it('counts stories per loop, per axis (both columns for two tags, none for no tag) and per loop × axis', () => {
    const c = buildCoverage([pm(), coverageDoc('hy.md', parsePrepDoc(HYBRID))]);
    expect(c.docs).toBe(2);
    expect(c.stories.map((s) => s.file)).toEqual(['notes/pm.md', 'notes/pm.md', 'notes/pm.md', 'hy.md']);
    expect(c.byLoop).toEqual({ pm: 2, po: 1, hybrid: 1 });
    expect(c.byAxis).toEqual({ strategy: 1, metrics: 1, execution: 1, stakeholders: 0, none: 2 });
    expect(c.matrix).toEqual({
      pm: { strategy: 1, metrics: 1, execution: 0, stakeholders: 0, none: 1 },
      po: { strategy: 0, metrics: 0, execution: 0, stakeholders: 0, none: 1 },
      hybrid: { strategy: 0, metrics: 0, execution: 1, stakeholders: 0, none: 0 },
    });
  });

  it('lists every drill in DRILL_IDS order with its loop, label and the stories of any loop evidencing it', () => {
    const c = buildCoverage([pm()]);
    expect(Object.keys(c.drills)).toEqual([...DRILL_IDS]);
    expect(c.drills.sql).toEqual({ loop: 'pm', label: 'SQL', stories: 1 }); // the #po story counts here
    expect(c.drills['ab-testing'].stories).toBe(1);
    expect(c.drills['scrum-mechanics']).toEqual({ loop: 'po', label: 'Scrum mechanics', stories: 0 });
  });

  it('gives gaps only for the loops the docs target, and a doc with no stories targets its loop', () => {
    const pmOnly = buildCoverage([pm()]);
    expect(pmOnly.gaps).toEqual(DRILLS.pm.filter((d) => pmOnly.drills[d.id].stories === 0).map((d) => d.id));
    expect(pmOnly.gaps).not.toContain('sql');
    expect(pmOnly.gaps.some((id) => DRILLS.po.some((d) => d.id === id))).toBe(false);

    const withPo = buildCoverage([pm(), coverageDoc('po.md', parsePrepDoc(PO_EMPTY))]);
    expect(withPo.gaps).toEqual([...pmOnly.gaps, ...DRILLS.po.map((d) => d.id)]);

    const hybrid = buildCoverage([coverageDoc('hy.md', parsePrepDoc(HYBRID))]);
    expect(hybrid.gaps).toContain('sql');
    expect(hybrid.gaps).toContain('scrum-mechanics');
    expect(hybrid.gaps).not.toContain('epic-decomposition');
  });

  it("per loop, counts only that loop's stories (hybrid ones for both), split by axis", () => {
    const c = buildCoverage([pm(), coverageDoc('hy.md', parsePrepDoc(HYBRID))]);
    const [pmLoop, poLoop] = c.loops;
    expect([pmLoop.loop, pmLoop.stories, poLoop.loop, poLoop.stories]).toEqual(['pm', 3, 'po', 2]);
    expect(pmLoop.rows.map((r) => r.id)).toEqual(DRILLS.pm.map((d) => d.id));
    expect(poLoop.rows.map((r) => r.id)).toEqual(DRILLS.po.map((d) => d.id));

    const ab = pmLoop.rows.find((r) => r.id === 'ab-testing')!;
    expect(ab).toMatchObject({ label: 'A/B testing', total: 1, byAxis: { strategy: 1, metrics: 1, execution: 0, stakeholders: 0, none: 0 } });
    // The SQL story is tagged #po: it fills the drill for the CLI's count, not the PM loop's row.
    expect(pmLoop.rows.find((r) => r.id === 'sql')!.total).toBe(0);
    expect(c.drills.sql.stories).toBe(1);
    // The hybrid story counts for both loops.
    const epicPo = poLoop.rows.find((r) => r.id === 'epic-decomposition')!;
    expect(epicPo).toMatchObject({ total: 1, byAxis: { execution: 1, none: 0 } });
  });

  it('a story with no axis tag counts in the none column of its drill rows', () => {
    const doc = parsePrepDoc('---\nloop: po\n---\n\n## Refined the backlog\n\nWe ran backlog refinement before sprint planning.\n');
    const row = buildCoverage([coverageDoc('po.md', doc)]).loops[1].rows.find((r) => r.id === 'scrum-mechanics')!;
    expect(row).toMatchObject({ total: 1, byAxis: { strategy: 0, metrics: 0, execution: 0, stakeholders: 0, none: 1 } });
  });

  it('loopGaps lists, per loop, the drills with no story of that loop', () => {
    const c = buildCoverage([pm(), coverageDoc('hy.md', parsePrepDoc(HYBRID))]);
    const gaps = loopGaps(c);
    expect(gaps.map((g) => g.loop)).toEqual(['pm', 'po']);
    expect(gaps[0].missing).toContain('sql');
    expect(gaps[0].missing).not.toContain('ab-testing');
    expect(gaps[1].missing).not.toContain('epic-decomposition');
    expect(gaps[1].missing).toContain('dependencies');
  });

  it('is all zeros with no docs: no gaps, every row empty', () => {
    const c = buildCoverage([]);
    expect(c).toMatchObject({ docs: 0, stories: [], byLoop: { pm: 0, po: 0, hybrid: 0 }, gaps: [] });
    expect(Object.values(c.drills).every((d) => d.stories === 0)).toBe(true);
    for (const l of c.loops) {
      expect(l.stories).toBe(0);
      for (const r of l.rows) expect(r).toMatchObject({ total: 0, byAxis: Object.fromEntries(AXIS_COLUMNS.map((a) => [a, 0])) });
    }
  });
});

describe('coverage gaps and the loop-coverage rule agree', () => {
  const ROOT = join(__dirname, '..', '..');
  const mdFiles = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? mdFiles(p) : f.endsWith('.md') ? [p] : [];
      });
  const labelToId = new Map([...DRILLS.pm, ...DRILLS.po].map((d) => [d.label, d.id]));

  /** Lints a doc once: the drills the rule reports missing, and the doc as coverage reads it. */
  function both(name: string, text: string): { missing: DrillId[]; cov: CoverageDoc; bank: boolean } | undefined {
    const config = resolveConfig();
    const { doc, findings } = lintText(text, { config, filePath: name });
    if (!doc?.isPrepDoc || !doc.loop) return undefined;
    const finding = findings.find((f) => f.ruleId === 'loop-coverage');
    const listed = finding ? /asks about: (.*)\. Add a story/.exec(finding.message)![1].split('; ') : [];
    const missing = listed.map((label) => labelToId.get(label.replace(/ \((?:PM|PO)\)$/, ''))!);
    expect(missing.every(Boolean), finding?.message).toBe(true);
    return { missing, cov: coverageDoc(name, doc, config.lexicon), bank: storyHoldingOf(doc).holds === 'bank' };
  }

  const inline: [string, string][] = [
    ['backlog.md', BACKLOG],
    // The same with a second story: a story bank, which the rule reports on.
    ['backlog-bank.md', `${BACKLOG}\n## Cut the release checklist #po #execution\n\nI cut the release checklist from twenty steps to eight with the testers.\n`],
    ['pm.md', PM],
    ['hybrid.md', HYBRID],
    ['po-empty.md', PO_EMPTY],
    ['prd.md', '---\nloop: pm\ntype: prd\n---\n\n**Problem:** activation stalls.\n\n**Goals:** week-one activation from 31% to 38% by end of Q3, measured in the funnel.\n'],
    ['spanning.md', '---\nloop: pm\n---\n\n# PRD: Checklist\n\n## Success metrics\n\n- Activation from 31% to 38% by Q3, with an A/B test on the checklist\n\n## Shipped the checklist #pm #execution\n\nWe wrote the SQL for the funnel ourselves.\n'],
  ];
  const files: [string, string][] = [
    ...mdFiles(join(ROOT, 'examples')),
    ...mdFiles(join(ROOT, 'test', 'fixtures', 'rules', 'loop-coverage')),
    ...mdFiles(join(ROOT, 'test', 'fixtures', 'workspace')),
  ].map((f) => [f.slice(ROOT.length + 1).replace(/\\/g, '/'), readFileSync(f, 'utf8')]);
  const docs = [...files, ...inline].flatMap(([name, text]) => {
    const r = both(name, text);
    return r ? [{ name, ...r }] : [];
  });

  it('reads the examples and several docs', () => {
    expect(docs.map((d) => d.name)).toEqual(expect.arrayContaining(['examples/pm-loop.md', 'examples/po-loop.md', 'examples/hybrid-loop.md', 'backlog.md']));
  });

  it.each(docs.map((d) => [d.name, d] as const))('%s: the rule misses exactly the gaps coverage lists', (_name, d) => {
    // The rule is about the stories of a story bank: a doc with none, with one only (a single
    // case study), a template or a guide gets no loop-coverage finding, while coverage still
    // lists every gap of its loop.
    expect(d.bank ? buildCoverage([d.cov]).gaps : []).toEqual(d.missing);
    if (!d.bank) expect(buildCoverage([d.cov]).gaps.length).toBeGreaterThan(0);
  });

  it('across docs of one loop, the gaps are the drills every doc misses', () => {
    for (const loop of ['pm', 'po'] as const) {
      const same = docs.filter((d) => d.cov.loop === loop && d.bank);
      expect(same.length).toBeGreaterThan(1);
      const everyMisses = DRILLS[loop].map((x) => x.id).filter((id) => same.every((d) => d.missing.includes(id)));
      expect(buildCoverage(same.map((d) => d.cov)).gaps).toEqual(everyMisses);
    }
  });

  it('a Backlog section with user stories and criteria closes the user-story gap, but is not a story', () => {
    const d = docs.find((x) => x.name === 'backlog-bank.md')!;
    expect(d.missing.length).toBeGreaterThan(0);
    expect(d.missing).not.toContain('user-story-writing');
    const c = buildCoverage([d.cov]);
    expect(c.gaps).not.toContain('user-story-writing');
    expect(c.stories).toHaveLength(2);
    expect(c.drills['user-story-writing'].stories).toBe(0);
  });
});

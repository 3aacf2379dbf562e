/**
 * The loop vocabulary and classifier: accuracy on our own passages, then the matching details
 * (stemming, phrases, offsets, word boundaries, extras) and robustness on odd input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFIER_THRESHOLDS,
  DEFAULT_TERMS,
  DRILLS,
  DRILL_IDS,
  buildLexicon,
  classify,
  defaultLexicon,
  detectDrills,
  findTerms,
  getDefaultLexicon,
  getDrill,
  scoreEvidence,
  stem,
  termKey,
  termsForDrill,
  verdictFromScores,
  writerActs,
  type Classification,
} from '../../src/core/lexicon';

interface Passage {
  id: string;
  kind: 'clear' | 'mixed' | 'near-miss';
  set: 'dev' | 'holdout';
  label: 'pm' | 'po' | 'mixed';
  text: string;
  note?: string;
}

const PASSAGES = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'passages', 'passages.json'), 'utf8'),
) as Passage[];

const results = PASSAGES.map((p) => ({ p, c: classify(p.text) }));
const of = (kind: Passage['kind']) => results.filter((r) => r.p.kind === kind);
const accuracy = (rs: { p: Passage; c: Classification }[]) => rs.filter((r) => r.c.loop === r.p.label).length / rs.length;
const terms = (text: string, lex = defaultLexicon) => findTerms(text, lex).map((e) => e.term);

describe('accuracy on our passages', () => {
  it('has enough passages of each kind', () => {
    expect(of('clear').length).toBeGreaterThanOrEqual(50);
    expect(of('mixed').length).toBeGreaterThanOrEqual(10);
    expect(of('near-miss').length).toBeGreaterThanOrEqual(10);
    expect(new Set(PASSAGES.map((p) => p.id)).size).toBe(PASSAGES.length);
  });

  it('classifies at least 90% of clear-cut passages correctly', () => {
    expect(accuracy(of('clear'))).toBeGreaterThanOrEqual(0.9);
  });

  it('never reads a clear-cut passage as the other loop', () => {
    const crossed = of('clear').filter((r) => (r.p.label === 'pm' && r.c.loop === 'po') || (r.p.label === 'po' && r.c.loop === 'pm'));
    expect(crossed.map((r) => r.p.id)).toEqual([]);
  });

  it('classifies at least 75% of mixed passages as mixed, and never as unknown', () => {
    expect(accuracy(of('mixed'))).toBeGreaterThanOrEqual(0.75);
    expect(of('mixed').filter((r) => r.c.loop === 'unknown')).toEqual([]);
  });

  // The loop-drift rule fires when a story reads as the other loop: these must hold one by one.
  it.each(of('near-miss').map((r) => [r.p.id, r.p.note ?? '', r] as const))(
    'near-miss %s (%s) reads as its own loop',
    (_id, _note, r) => {
      expect(r.c.loop).toBe(r.p.label);
    },
  );

  it('reads the SPEC examples the way the loop-drift rule needs', () => {
    const pmWithSprints = classify(
      'Activation sat at 28%. I traced the drop to the invite step, set a target of 35% by end of Q3, and we shipped the fix over two sprints. Activation reached 33% in six weeks.',
    );
    expect(pmWithSprints.loop).toBe('pm');
    const poInPmDoc = classify(
      'I ran backlog refinement twice a week, split a 13-point story so it fit the sprint, wrote acceptance criteria with QA and protected the sprint goal from scope creep.',
    );
    expect(poInPmDoc.loop).toBe('po');
    expect(poInPmDoc.confidence).toBeGreaterThanOrEqual(0.5);
  });
});

describe('findTerms', () => {
  it('matches inflections through stemming', () => {
    for (const w of ['groomed', 'grooming', 'grooms', 'groom']) expect(terms(`We ${w} it weekly`)).toHaveLength(1);
    expect(findTerms('I groomed it')[0]!.term).toBe(findTerms('grooming sessions')[0]!.term);
    expect(terms('I sliced the epic')).toContain('slice the epic');
    expect(terms('slicing epics into stories')[0]).toBe('slice the epic');
    expect(stem('prioritised')).toBe(stem('prioritized'));
    expect(stem('prioritisation')).toBe(stem('prioritization'));
    expect(stem('stories')).toBe(stem('story'));
    expect(stem('shipped')).toBe(stem('ship'));
    expect(stem('hypotheses')).toBe(stem('hypothesis'));
  });

  it('matches phrases across line breaks and markdown emphasis, case-insensitively', () => {
    const text = 'We hit a **Sample Ratio**\nmismatch on day two.';
    const hits = findTerms(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.term).toBe('sample ratio mismatch');
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe('Sample Ratio**\nmismatch');
    expect(terms('Our _definition of done_ grew')).toEqual(['definition of done']);
    expect(terms('CAC payback and net revenue retention')).toEqual(['cac payback', 'net revenue retention']);
  });

  it('does not run a phrase across a sentence, list item or table cell', () => {
    expect(terms('We closed the sprint. Goal setting came later.')).not.toContain('sprint goal');
    expect(terms('- sprint\n- goal')).not.toContain('sprint goal');
    expect(terms('| sprint | goal |')).not.toContain('sprint goal');
  });

  it('prefers the longest phrase, then the heavier one, without overlaps', () => {
    expect(terms('backlog refinement')).toEqual(['backlog refinement']);
    expect(terms('I turned it into a sprint goal')).toEqual(['sprint goal']);
    const text = 'Backlog refinement, sprint goal, A/B test with enough power and a clear MDE.';
    const hits = findTerms(text);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.start).toBeGreaterThanOrEqual(hits[i - 1]!.end);
  });

  it('returns offsets into the text', () => {
    const text = '# Notes\n\nWe *groomed* the backlog; velocity rose.';
    for (const e of findTerms(text)) {
      expect(text.slice(e.start, e.end).toLowerCase()).toMatch(/groom|backlog|velocity/);
    }
    expect(findTerms(text).map((e) => text.slice(e.start, e.end))).toEqual(['groomed', 'backlog', 'velocity']);
  });

  it('treats A/B and P&L as words', () => {
    expect(terms('We ran an A/B test')).toEqual(['ab test']);
    expect(terms('I owned the P&L')).toEqual(['own the p&l']);
    expect(terms('the P & L was mine')).toEqual(['p&l']);
  });

  it('never matches "po" inside "point", and ignores hashtags', () => {
    const lex = buildLexicon({ po: ['po'] });
    expect(terms('a 5 point estimate and a pointer', lex)).not.toContain('po');
    expect(terms("The PO's call", lex)).toContain('po');
    expect(terms('## Shipped it #strategy #po')).toEqual([]);
  });

  it('reads "13-point story" as Scrum vocabulary but "up 3 points" as nothing', () => {
    expect(terms('a 13-point story')).toEqual(['point story']);
    expect(terms('conversion went up 3 points')).toEqual(['conversion']);
  });

  it('recognises the user-story and Given/When/Then shapes', () => {
    expect(terms('As a warehouse clerk, I want to scan a pallet, so that stock updates.')).toContain('as a … I want');
    expect(terms('As a result, I want to say thanks.')).not.toContain('as a … I want');
    expect(terms('Given a valid code, when I scan it, then the count updates.')).toContain('given … when … then');
  });

  it('tags hits with the drill and axis they evidence', () => {
    const [hit] = findTerms('sample ratio mismatch');
    expect(hit).toMatchObject({ loop: 'pm', drill: 'ab-testing', axis: 'metrics' });
    const drills = detectDrills('We kept backlog hygiene, a sprint goal and a definition of done. Our NDR was 112%.');
    expect([...drills.keys()].sort()).toEqual(['metrics-economics', 'scrum-mechanics']);
    expect(drills.get('scrum-mechanics')!.map((e) => e.term)).toEqual(['backlog hygiene', 'sprint goal', 'definition of done']);
  });

  it('marks hits in context sentences when the text says what the writer did', () => {
    const hits = findTerms('The PM owned activation. I sliced the epic and ran refinement.');
    expect(hits.find((e) => e.term === 'activation')?.context).toBe(true);
    expect(hits.find((e) => e.term === 'refinement')?.context).toBeUndefined();
    // Third-person text has no writer to favour: nothing is context.
    expect(findTerms('The team owns activation. The backlog is refined weekly.').some((e) => e.context)).toBe(false);
  });

  it('sets aside questions, work not done or refused, and claims about a role in general', () => {
    const aside = (text: string, term: string): boolean | undefined => findTerms(text).find((e) => e.term === term)?.aside;
    expect(aside('Does every PM job involve a backlog? I ran the pricing test.', 'backlog')).toBe(true);
    expect(aside('I did not write the user stories; I set the pricing.', 'user story')).toBe(true);
    expect(aside("I never ran refinement in that role. I owned the roadmap.", 'refinement')).toBe(true);
    expect(aside('I hate grooming the backlog, so I hired a PO.', 'backlog')).toBe(true);
    expect(aside('Most product owners are busy with sprint planning, which I left to them.', 'sprint planning')).toBeUndefined();
    expect(aside('Most product owners are busy with sprint planning. I set the pricing.', 'sprint planning')).toBe(true);
    expect(aside('What I should have done: run a proper A/B test.', 'ab test')).toBe(true);
    // Negation of someone else, a decision told in reported speech and a hypothetical are the writer's account.
    expect(aside('I found they never set up the integration, so I cut the backlog in half.', 'backlog')).toBeUndefined();
    expect(aside('I decided we would run the A/B test for two weeks.', 'ab test')).toBeUndefined();
    expect(aside('I would run refinement twice a week.', 'refinement')).toBeUndefined();
  });

  it('counts set-aside work at a quarter of its weight: a PM who did not write the user stories is a PM', () => {
    const c = classify(
      "For two years I didn't write user stories or run refinement; a PO did. I interviewed churned customers, sized the market and set the pricing. Do all PM roles involve user stories?",
    );
    expect(c.loop).toBe('pm');
    expect(CLASSIFIER_THRESHOLDS.asideFactor).toBeLessThan(CLASSIFIER_THRESHOLDS.contextFactor);
  });
});

describe('classify', () => {
  it('returns unknown for thin or empty text', () => {
    expect(classify('').loop).toBe('unknown');
    expect(classify('We had a good quarter with great people.').loop).toBe('unknown');
    expect(classify('').confidence).toBe(1);
  });

  it('returns mixed only when both loops carry real weight', () => {
    const mixed = classify(
      'I owned the retention target, the churn forecast and the pricing model, and I also ran backlog refinement, sprint planning and the retro.',
    );
    expect(mixed.loop).toBe('mixed');
    const oneWord = classify('Retention and activation drove the roadmap; we tracked the funnel by cohort. It took a sprint.');
    expect(oneWord.loop).toBe('pm');
  });

  it('reports scores, evidence and a confidence between 0 and 1', () => {
    const c = classify('I sliced the epic into thin stories and wrote acceptance criteria.');
    expect(c.loop).toBe('po');
    expect(c.score.pm).toBe(0);
    expect(c.score.po).toBeGreaterThan(5);
    expect(c.evidence.po.map((e) => e.term)).toEqual(expect.arrayContaining(['slice the epic', 'acceptance criteria']));
    expect(c.evidence.pm).toEqual([]);
    expect(c.confidence).toBeGreaterThan(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
    const more = classify('I sliced the epic into thin stories, wrote acceptance criteria, ran refinement and protected the sprint goal.');
    expect(more.confidence).toBeGreaterThan(c.confidence);
  });

  it('gives repeats diminishing returns', () => {
    const once = scoreEvidence(findTerms('backlog'));
    const five = scoreEvidence(findTerms('backlog backlog backlog backlog backlog'));
    expect(five.po).toBeGreaterThan(once.po);
    expect(five.po).toBeLessThan(once.po * 3);
  });

  it('decides from scores with documented thresholds', () => {
    expect(verdictFromScores({ pm: 0, po: 0 }).loop).toBe('unknown');
    expect(verdictFromScores({ pm: CLASSIFIER_THRESHOLDS.minScore - 0.1, po: 0 }).loop).toBe('unknown');
    expect(verdictFromScores({ pm: 10, po: 1 }).loop).toBe('pm');
    expect(verdictFromScores({ pm: 6, po: 5 }).loop).toBe('mixed');
    expect(verdictFromScores({ pm: 2, po: 1.5 }).loop).toBe('unknown');
    expect(verdictFromScores({ pm: Number.NaN, po: 7 }).loop).toBe('po');
  });
});

describe('the vocabulary', () => {
  it('exports five drills per loop with labels and descriptions', () => {
    expect(DRILLS.pm.map((d) => d.id)).toEqual(['metrics-economics', 'product-sense', 'growth-funnel', 'ab-testing', 'sql']);
    expect(DRILLS.po.map((d) => d.id)).toEqual([
      'scrum-mechanics',
      'user-story-writing',
      'stakeholder-capacity',
      'epic-decomposition',
      'dependencies',
    ]);
    expect(DRILL_IDS).toHaveLength(10);
    for (const d of [...DRILLS.pm, ...DRILLS.po]) {
      expect(d.label.length).toBeGreaterThan(2);
      expect(d.description.length).toBeGreaterThan(20);
      expect(getDrill(d.id)).toBe(d);
      expect(termsForDrill(d.id).length).toBeGreaterThanOrEqual(5);
      expect(termsForDrill(d.id).every((t) => t.loop === d.loop)).toBe(true);
    }
    expect(getDrill('nope')).toBeUndefined();
  });

  it('lists each term key once', () => {
    const keys = DEFAULT_TERMS.map((t) => termKey(t.term));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('has one loop per term key, and no term that starts with a skipped word', () => {
    const seen = new Map<string, string>();
    for (const t of DEFAULT_TERMS) {
      const key = termKey(t.term);
      expect(key, t.term).not.toBe('');
      const before = seen.get(key);
      if (before) expect(before, `${t.term} in both loops`).toBe(t.loop);
      seen.set(key, t.loop);
      expect(t.weight).toBeGreaterThan(0);
      expect(t.weight).toBeLessThanOrEqual(4);
    }
    // Terms that would silently shrink to a different key.
    for (const t of DEFAULT_TERMS) {
      const first = t.term.split(/[\s-]+/)[0]!;
      if (['the', 'a', 'an', 'our', 'my', 'this', 'that'].includes(first)) throw new Error(`term starts with a stopword: ${t.term}`);
    }
  });

  it('keeps ambiguous words weak or absent', () => {
    const w = (term: string) => getDefaultLexicon().terms.find((t) => termKey(t.term) === termKey(term))?.weight ?? 0;
    expect(w('metrics')).toBeLessThanOrEqual(0.5);
    for (const word of ['stakeholders', 'customers', 'ship', 'launch', 'feature', 'prioritize', 'PM', 'PO']) expect(w(word), word).toBe(0);
    expect(w('sprint')).toBeLessThan(w('retention'));
  });

  it('covers the Scrum mechanics a PO panel listens for', () => {
    const scrum = new Set(termsForDrill('scrum-mechanics').map((t) => termKey(t.term)));
    for (const t of ['backlog hygiene', 'sprint goal', 'definition of done', 'grooming', 'refinement', 'velocity', 'story points', 'sprint planning', 'retro']) {
      expect(scrum.has(termKey(t)), t).toBe(true);
    }
  });
});

describe('buildLexicon', () => {
  it('returns the cached default without extras', () => {
    expect(buildLexicon()).toBe(defaultLexicon);
    expect(buildLexicon({})).toBe(defaultLexicon);
    expect(buildLexicon({ pm: [], po: [] })).toBe(defaultLexicon);
    expect(getDefaultLexicon()).toBe(defaultLexicon);
  });

  it('adds user terms, stemmed like the built-ins', () => {
    const lex = buildLexicon({ po: ['mob programming', { term: 'hackathon', weight: 3 }], pm: ['wardley map'] });
    expect(terms('we did mob-programming after the hackathons', lex)).toEqual(['mob programming', 'hackathon']);
    expect(findTerms('hackathon', lex)[0]!.weight).toBe(3);
    expect(findTerms('mob programming', lex)[0]!.weight).toBe(2);
    expect(findTerms('Wardley maps', lex)[0]).toMatchObject({ loop: 'pm', term: 'wardley map' });
    expect(terms('hackathon')).toEqual([]); // the default lexicon is untouched
  });

  it('re-weights, moves or removes a built-in term', () => {
    const lex = buildLexicon({ pm: [{ term: 'sprint', weight: 1 }], po: [{ term: 'velocity', weight: 0 }] });
    expect(findTerms('sprint', lex)[0]).toMatchObject({ loop: 'pm', weight: 1 });
    expect(terms('velocity', lex)).toEqual([]);
  });

  it('skips bad entries and clamps weights', () => {
    const lex = buildLexicon({
      po: ['', '   ', 42 as unknown as string, { term: 'widget', weight: 99 }, { term: 'gizmo', weight: Number.NaN }, null as unknown as string],
      pm: 'nope' as unknown as string[],
    });
    expect(findTerms('widget', lex)[0]!.weight).toBe(10);
    expect(findTerms('gizmo', lex)[0]!.weight).toBe(2);
  });

  it('accepts a drill for a user term when it belongs to that loop', () => {
    const lex = buildLexicon({ po: [{ term: 'mob programming', drill: 'scrum-mechanics' }, { term: 'gizmo', drill: 'sql' }] });
    expect(detectDrills('mob programming', lex).get('scrum-mechanics')).toHaveLength(1);
    expect(findTerms('gizmo', lex)[0]!.drill).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws on odd input', () => {
    const odd = [
      '',
      ' ',
      '#'.repeat(10_000),
      '*_|'.repeat(5000),
      '\n'.repeat(10_000),
      'a'.repeat(200_000),
      "po'".repeat(10_000),
      'given when '.repeat(20_000),
      'as a as a as a I '.repeat(10_000),
      '\uFFFF\uD800 emoji 🚀 ümlaut sprint',
      'A/B/C/D p&l&l P/L a/bc',
    ];
    for (const text of odd) {
      expect(() => classify(text)).not.toThrow();
      expect(() => detectDrills(text)).not.toThrow();
    }
    expect(() => classify(undefined as unknown as string)).not.toThrow();
    expect(() => findTerms(42 as unknown as string)).not.toThrow();
    expect(() => classify('backlog', {} as unknown as typeof defaultLexicon)).not.toThrow();
  });

  it('keeps matching after seeing more distinct words than its caches hold', () => {
    const words = Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    expect(findTerms(words)).toEqual([]);
    expect(terms('sample ratio mismatch after a flood of words')).toEqual(['sample ratio mismatch']);
    expect(terms(`${words} backlog`)).toEqual(['backlog']);
  });

  it('returns ordered, in-bounds, non-overlapping hits for any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('sprint', 'goal', 'backlog', 'A/B', 'test', 'the', '13', 'point', 'story', '**', '\n', '. ', ', ', 'Given', 'when', 'then', 'as', 'a', 'I', 'want', '#po'), fc.string()), { maxLength: 60 }),
        (parts) => {
          const text = parts.join(' ');
          const hits = findTerms(text);
          let last = 0;
          for (const h of hits) {
            expect(h.start).toBeGreaterThanOrEqual(last);
            expect(h.end).toBeGreaterThan(h.start);
            expect(h.end).toBeLessThanOrEqual(text.length);
            last = h.end;
          }
          const c = classify(text);
          expect(c.confidence).toBeGreaterThanOrEqual(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('words in their sense', () => {
  it('a design sprint is discovery, not Scrum mechanics', () => {
    const drills = detectDrills('We ran a design sprint with five customers.');
    expect(drills.has('scrum-mechanics')).toBe(false);
    expect(drills.has('product-sense')).toBe(true);
  });

  const hit = (text: string, term: string) => findTerms(text).find((e) => e.term === term);

  it('counts an estimate only when it is about work, not a market or a Fermi question', () => {
    expect(hit('I estimated the story at five points with the team.', 'estimate')?.sense).toBe('story');
    expect(hit('Estimate how many piano tuners work in Chicago.', 'estimate')).toBeUndefined();
    expect(hit('I estimated the market from the number of households.', 'estimate')).toBeUndefined();
    expect(terms('Estimation questions come up in most PM screens.')).toContain('estimation question');
  });

  it('reads sizing a market as PM work and sizing a story as PO work', () => {
    expect(terms('I sized the market bottom-up.')).toEqual(['size the market']);
    expect(terms('We had to size market opportunities for three regions.')).toContain('size market opportunity');
    expect(hit('We size each story in t-shirt sizes.', 'size')).toBeDefined();
    expect(hit('What size is the team?', 'size')).toBeUndefined();
  });

  it('does not read "marketing" as "market"', () => {
    expect(terms('I worked with marketing on the message.')).toEqual([]);
    expect(terms('Our market share fell.')).toEqual(['market share']);
  });

  it('keeps the everyday sense of cohort, variant, baseline, noise, correlation, subscription, criteria, marketplace out', () => {
    expect(hit('We hired a cohort of interns from the bootcamp.', 'cohort')).toBeUndefined();
    expect(hit('The March cohort retained better.', 'cohort')).toBeDefined();
    expect(hit('The shoe comes in a wide variant.', 'variant')).toBeUndefined();
    expect(hit('The variant beat control on conversion.', 'variant')).toBeDefined();
    expect(hit('We agreed a baseline of requirements.', 'baseline')).toBeUndefined();
    expect(hit('The baseline conversion rate was 4%.', 'baseline')?.sense).toBeDefined();
    expect(hit('The office noise made calls hard.', 'noise')).toBeUndefined();
    expect(hit('I saw no correlation between the two teams.', 'correlation')).toBeUndefined();
    expect(hit('I found a correlation between usage and renewal.', 'correlation')).toBeDefined();
    expect(hit('I renewed my magazine subscription.', 'subscription')).toBeUndefined();
    expect(hit('Subscription revenue grew 12%.', 'subscription')).toBeDefined();
    expect(hit('The hiring criteria were unclear.', 'criteria')).toBeUndefined();
    expect(hit('We published the extension on the marketplace.', 'marketplace')).toBeUndefined();
    expect(hit('The marketplace needed more sellers.', 'marketplace')).toBeDefined();
  });

  it('reads story, spike, slice and significant in their sense', () => {
    expect(hit('Write your STAR stories before the loop.', 'story')).toBeUndefined();
    expect(hit('The story was too big for one sprint.', 'story')?.sense).toBe('sprint');
    expect(hit('Traffic spikes took the site down.', 'spike')).toBeUndefined();
    expect(hit('We ran a spike to investigate the API.', 'spike')).toBeDefined();
    expect(hit('I sliced the data by segment.', 'slice')).toBeUndefined();
    expect(hit('It posed a significant obstacle.', 'significant')).toBeUndefined();
    expect(hit('The result was significant at 95% confidence.', 'significant')).toBeDefined();
  });

  it('counts the topic of a user story or test plan as topic, not as the other loop', () => {
    const story = 'As a sales lead, I want a dashboard of revenue and churn by cohort, so that I can spot accounts at risk.';
    const hits = findTerms(story);
    expect(hits.filter((e) => e.loop === 'pm').length).toBeGreaterThan(2);
    expect(hits.filter((e) => e.loop === 'pm').every((e) => e.topic)).toBe(true);
    expect(classify(story).loop).toBe('po');
    const plan = 'Test plan:\n\n- The analytics dashboard shows conversion and retention\n- The funnel chart matches the export\n';
    expect(findTerms(plan).filter((e) => e.loop === 'pm').every((e) => e.topic)).toBe(true);
    // Outside a PO artifact the same words count in full.
    expect(findTerms('I built a dashboard of revenue and churn by cohort.').some((e) => e.topic)).toBe(false);
  });

  it('scores topic hits at the topic factor', () => {
    const e = { term: 'revenue', loop: 'pm' as const, start: 0, end: 7, weight: 2 };
    expect(scoreEvidence([{ ...e, topic: true }]).pm).toBeCloseTo(2 * CLASSIFIER_THRESHOLDS.topicFactor);
    expect(scoreEvidence([e]).pm).toBe(2);
  });

  it('tells text about the writer\'s own work from text about a role', () => {
    expect(writerActs('I split the epic into stories.')).toBe(true);
    expect(writerActs('- Sliced the epic by workflow step')).toBe(true);
    expect(writerActs('A product manager owns the roadmap and sizes the market.')).toBe(false);
    expect(writerActs('')).toBe(false);
  });
});

describe('what the writer did, not who or what was mentioned', () => {
  const hit = (text: string, term: string) => findTerms(text).find((e) => e.term === term);

  it('does not count a stakeholder who only asked or was named as PM evidence', () => {
    const named = (text: string, term: string) => {
      const found = hit(text, term);
      expect(found, text).toMatchObject({ mention: true });
      expect(found?.why).toMatch(/only named/);
      expect(classify(text).evidence.pm.map((e) => e.term), text).not.toContain(term);
    };
    const text = 'Sales asked for a bulk export mid-sprint; I took it to refinement and the team slotted it into the next sprint.';
    named(text, 'sales');
    expect(classify(text).evidence.pm).toEqual([]);
    named("The CEO's pet feature landed on the team with a one-week deadline.", 'ceo');
    named('Legal flagged the consent wording, so I wrote a story for it.', 'legal');
    named('Leadership wanted answers fast.', 'leadership');
    named("The founder's vision was a marketplace.", 'founder');
    // Aligning them on sprint mechanics is PO stakeholder work, not a business case.
    named('I aligned Sales on what fits in the sprint.', 'sales');
  });

  it('counts a stakeholder when the writer takes a case to them, and says why', () => {
    const cfo = hit('I pitched the business case to the CFO.', 'cfo');
    expect(cfo).toMatchObject({ loop: 'pm', sense: 'pitched' });
    expect(cfo?.mention).toBeUndefined();
    expect(classify('I pitched the business case to the CFO.').evidence.pm.map((e) => e.term)).toContain('cfo');
    expect(cfo?.why).toMatch(/case/);
    expect(hit('I aligned the execs on the platform strategy.', 'exec')?.sense).toBeDefined();
    expect(hit('I convinced the founder with four months of customer calls.', 'founder')?.sense).toBe('convinced');
  });

  it('reads cutting scope to an MVP, to test an assumption, as PM discovery work', () => {
    const c = classify('I cut the scope to an MVP to test the riskiest assumption.');
    expect(c.loop).toBe('pm');
    const scope = c.evidence.pm.find((e) => e.term === 'scope');
    expect(scope).toMatchObject({ drill: 'product-sense', axis: 'strategy' });
    expect(scope?.sense).toBeDefined();
    expect(scope?.why).toMatch(/learn|MVP/i);
    expect(c.evidence.po).toEqual([]);
    expect(classify("I defined what's in the first release to learn whether clinics would use reminders at all.").loop).toBe('pm');
  });

  it('keeps scope and release as PO words when nothing is being learned', () => {
    expect(hit('We cut scope so the first release could ship before the trade show.', 'scope')?.loop).toBe('po');
    // Scrum words in the sentence keep the PO sense even with a word about learning.
    expect(hit('In the sprint review we learned the scope was too big.', 'scope')?.loop).toBe('po');
  });

  it('reads a sprint used as a unit of time as a passing mention', () => {
    const unit = hit('We had only one sprint of engineering time before the launch.', 'sprint');
    const work = hit('I kept the sprint free of late requests.', 'sprint');
    expect(unit).toMatchObject({ loop: 'po', passing: true });
    expect(unit?.why).toMatch(/time/);
    expect(scoreEvidence([unit!]).po).toBeLessThan(scoreEvidence([work!]).po);
    expect(work?.passing).toBeUndefined();
    expect(work?.why).toBeUndefined();
    expect(hit('We shipped the fix over two sprints.', 'sprint')?.passing).toBe(true);
    expect(hit('It took a couple of sprints.', 'sprint')?.passing).toBe(true);
    // Still Scrum work when the sentence is about fitting work into it.
    expect(hit('The story was too big for one sprint.', 'sprint')?.passing).toBeUndefined();
    expect(hit('In the last two sprints we missed the sprint goal.', 'sprint')?.passing).toBeUndefined();
  });

  it('matches acronyms as acronyms, not as the stem of another word', () => {
    expect(terms('Their entire backlog was wiped clean.')).toEqual(['backlog']);
    expect(terms('We tamed the flaky login tests.')).toEqual([]);
    expect(terms('Our WIP was far too high, so we set WIP limits.')).toEqual(['wip', 'wip limit']);
    expect(terms('TAM and SAM for the region')).toContain('tam');
  });

  it('reads everyday phrases in their everyday sense', () => {
    expect(hit('I pick a framework depending on the situation.', 'depend on')).toBeUndefined();
    expect(hit('We depend on the payments team for the refund API.', 'depend on')).toBeDefined();
    expect(hit('It tracked customer requests and blockers to sales.', 'blocker')).toBeUndefined();
    expect(hit('The blocker was the missing API key.', 'blocker')).toBeDefined();
    expect(hit('A shopper wants to filter by price.', 'pricing')).toBeUndefined();
    expect(hit('We rotated through roles in a software development lifecycle course.', 'lifecycle')).toBeUndefined();
    expect(hit('We skipped user testing after significant changes.', 'significant')).toBeUndefined();
  });

  it('knows the MVP vocabulary of discovery work', () => {
    expect(findTerms('We launched a minimum viable product.')[0]).toMatchObject({ loop: 'pm', drill: 'product-sense' });
    expect(hit('The MVP answered one question.', 'mvp')?.loop).toBe('pm');
    expect(hit('We ran user testing on the new flow.', 'user testing')?.loop).toBe('pm');
    expect(hit('We ran a fake-door test to validate demand.', 'validate')?.sense).toBe('demand');
    expect(hit('QA validated the build against the acceptance criteria.', 'validate')).toBeUndefined();
  });
});

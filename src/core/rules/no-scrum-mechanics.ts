/** `no-scrum-mechanics`: a PO or hybrid doc none of whose stories or artifacts is about Scrum mechanics. */
import { judgeDrills } from '../drill-evidence';
import { checkBySummaries, defineRule, defineSummaries } from './types';
import { docAnchor, loopName, sectionProse, storyProse } from './util';

/** Below this many words of story prose the doc is too short to judge. */
const MIN_WORDS = 40;

/**
 * Per part: stories and their words, whether a story or artifact section covers Scrum mechanics
 * (the judgement `loop-coverage` and `prep-loop coverage` use), and the first two words that
 * mention it only in passing, to quote.
 */
interface Part {
  stories: number;
  words: number;
  covered: boolean;
  terms: string[];
}

/** The least lexicon weight of a passing word the message quotes (1: a word of the trade, such as "sprint" or "demo"). */
const QUOTE_MIN_WEIGHT = 1;

/**
 * Adds a word to quote unless the set already holds it in any case ("Sprint" and "sprint" are one
 * word) or already holds two. Summaries, their merges and the final message all go through this,
 * so an incremental re-lint quotes exactly what a fresh lint quotes.
 */
function addQuoted(terms: Set<string>, said: string): Set<string> {
  if (terms.size < 2 && ![...terms].some((t) => t.toLowerCase() === said.toLowerCase())) terms.add(said);
  return terms;
}

const summaries = defineSummaries<Record<string, never>, Part>({
  summarize({ doc, lexicon }, part) {
    // It is about the stories the candidate will tell: reference notes, a diagram or a stub are
    // not judged, and stories too short to judge say nothing.
    const words = part.stories.reduce((n, s) => n + (storyProse(doc, s).text.match(/\p{L}[\p{L}'’-]*/gu)?.length ?? 0), 0);
    const out: Part = { stories: part.stories.length, words, covered: false, terms: [] };
    if (doc.loop !== 'po' && doc.loop !== 'hybrid') return out;
    // Section by section (each scan is cached per section text).
    const terms = new Set<string>();
    for (const s of part.sections) {
      if (s.kind !== 'story' && s.kind !== 'artifact') continue;
      if (s.unanswered) continue;
      const prose = sectionProse(doc, s);
      const j = judgeDrills(prose, lexicon).get('scrum-mechanics');
      if (!j) continue;
      if (j.covered) return { ...out, covered: true, terms: [] };
      // Quoted as written ("Jira", "sprint"), each word once: what counted first, then the rest.
      // Only words a reader knows as Scrum's: "delivery" (of parcels, say) weighs too little to
      // be quoted as a mention of Scrum mechanics.
      const weight = new Map(j.evidence.map((e) => [e.term, e.weight]));
      const passing = [
        ...j.said.filter((_, i) => (weight.get(j.terms[i]) ?? 0) >= QUOTE_MIN_WEIGHT),
        ...j.ignored.filter((x) => x.hit.weight >= QUOTE_MIN_WEIGHT).map((x) => prose.slice(x.hit.start, x.hit.end).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim()),
      ];
      for (const said of passing) addQuoted(terms, said);
    }
    return { ...out, terms: [...terms] };
  },
  merge(a, b) {
    return { stories: a.stories + b.stories, words: a.words + b.words, covered: a.covered || b.covered, terms: [...[...a.terms, ...b.terms].reduce((set, t) => addQuoted(set, t), new Set<string>())] };
  },
  combine({ doc, report }, parts) {
    if (doc.loop !== 'po' && doc.loop !== 'hybrid') return;
    let stories = 0;
    let words = 0;
    // A word in passing ("shipped it in one sprint", "release") or in a skills list does not make
    // a doc talk Scrum: a story or artifact has to be about it (one core mechanics term, or
    // several lighter ones together).
    const terms = new Set<string>();
    for (const p of parts) {
      if (p.covered) return;
      stories += p.stories;
      words += p.words;
      for (const t of p.terms) addQuoted(terms, t);
    }
    if (!stories || words < MIN_WORDS) return;
    const quoted = [...terms].map((t) => `"${t}"`).join(', ');
    const what = quoted ? `mentions Scrum mechanics only in passing (${quoted})` : 'never talks Scrum mechanics';
    // One story is too little to say a doc never talks Scrum: it is often one piece of a portfolio
    // whose other files do. Say so quietly.
    const one = stories === 1;
    report({
      range: docAnchor(doc),
      message: one
        ? `The one story in this ${loopName(doc.loop)}-loop doc ${what}: no backlog hygiene, refinement, sprint goal, velocity or definition of done. If your other stories do, ignore this; if not, a PO panel will listen for them from the first answer.`
        : `This ${loopName(doc.loop)}-loop doc ${what}: no story is told in terms of backlog hygiene, refinement, sprint goal, velocity or definition of done. A PO panel listens for them from the first answer; retell at least one story in those terms.`,
      ...(one ? { severity: 'info' as const } : {}),
    });
  },
});

export const noScrumMechanics = defineRule({
  id: 'no-scrum-mechanics',
  description: 'A PO or hybrid doc that never talks about Scrum mechanics',
  defaultSeverity: 'warning',
  fixable: false,
  options: {},
  examples: {
    valid: ['---\nloop: po\n---\n\n## Protected the sprint goal #po #stakeholders\n\nSales asked for a new export mid-sprint; I took it to backlog refinement instead and we kept our definition of done.\n'],
    invalid: [
      '---\nloop: po\n---\n\n## Launched the new pricing page #po #stakeholders\n\nI aligned marketing and finance on the launch date. Finance wanted the annual plan first and marketing the monthly one, so I asked forty customers and showed both teams what they said before we chose. The page went live on time and support saw no rise in tickets.\n',
    ],
  },
  summaries,
  check(ctx) {
    checkBySummaries(summaries, ctx);
  },
});

/**
 * When a story covers an interview drill: one judgement, with its evidence, shared by the
 * `prep-loop coverage` table, Show Coverage, the `loop-coverage` and `no-scrum-mechanics` rules and
 * the sibling summaries, so they never disagree about the same text.
 *
 * A drill's vocabulary showing up is not yet a story about the drill. A hit counts only in its
 * sense:
 *
 * - not in a list of names: a skills or tools list ("(Python, SQL, etc.)", "Tools: Jira,
 *   Miro"), a list of workshops or topics after a colon, the "Tags:" or "Best for:" line of a
 *   story card. Naming a tool is not telling a story about it.
 * - not in a sentence that sets the work aside (a question, work not done or only wished for) and
 *   not as the topic of a user story ("As a sales lead I want a revenue report" is not a revenue
 *   story): see {@link Evidence.aside} and {@link Evidence.topic}.
 * - words in their sense, as the lexicon already decides them (a design sprint is discovery, not a
 *   Scrum sprint; "guided 12 analysts" is not data work).
 *
 * And a passing mention is not coverage: the hits that count must add up to
 * {@link COVER_SCORE}: one defining term ("definition of done", "sample ratio mismatch", "SQL"),
 * several related ones ("backlog" and "sprint"), or a lighter one the story keeps coming back to.
 * A term inside a longer one ("sprint" beside "sprint goal") is the same piece of evidence, and
 * repeats add less and less. "Shipped it in one sprint" alone is a unit of time, not Scrum mechanics.
 *
 * Editor-free.
 */
import { memoByOwner, oncePer } from './cache';
import { defaultLexicon, findTerms, termKey, termRoots, type DrillId, type Evidence, type Lexicon, type LexiconTerm } from './lexicon';

/**
 * What the counted evidence of a drill must add up to for the text to cover it: the weight of one
 * term that only that drill's work produces (weights are on the lexicon's scale, 3 = defining).
 */
export const COVER_SCORE = 3;

/** What a repeat of a piece of evidence adds, as a share of its weight × ln(count). */
const REPEAT_FACTOR = 0.5;

/** Why a drill's hit does not count towards covering it. */
export type IgnoredWhy = 'listed' | 'aside' | 'topic' | 'mention' | 'unmeasured';

/** How a text bears on one drill. */
export interface DrillJudgement {
  drill: DrillId;
  /** Whether the text is about the drill: its counted evidence reaches {@link COVER_SCORE}. */
  covered: boolean;
  /** The counted evidence: each piece at its heaviest term, its repeats with diminishing returns. */
  score: number;
  /** The hits that count, in text order. */
  evidence: Evidence[];
  /**
   * The terms that count, each piece of evidence once under its longest term ("sprint goal", not
   * also "sprint"), heaviest first: what a message or a tooltip names.
   */
  terms: string[];
  /** {@link DrillJudgement.terms} as the text writes them ("A/B tests", "Sprint Goal"), for messages and tooltips. */
  said: string[];
  /** The drill's hits that do not count, in text order, with why. */
  ignored: { hit: Evidence; why: IgnoredWhy }[];
}

/**
 * Every drill the text's vocabulary touches, judged: covered or not, with the evidence. Drills
 * with no hit at all are absent. Never throws.
 *
 * @param text - a section's prose (code, HTML and URLs blanked out, as the rules read it)
 * @param lexicon - the doc's lexicon
 */
export function judgeDrills(text: string, lexicon: Lexicon = defaultLexicon): Map<DrillId, DrillJudgement> {
  if (typeof text !== 'string' || text.length === 0) return new Map();
  // The coverage rules and the table judge the same sections again and again: remember per text.
  // Callers must not mutate the result.
  return judgeMemo(lexicon, text, (t) => judgeUncached(t, lexicon));
}

const judgeMemo = memoByOwner<Lexicon, Map<DrillId, DrillJudgement>>(2 * 1024 * 1024, 64 * 1024);

function judgeUncached(text: string, lexicon: Lexicon): Map<DrillId, DrillJudgement> {
  const out = new Map<DrillId, DrillJudgement>();
  const found = findTerms(text, lexicon);
  if (found.length === 0) return out;
  const byDrill = new Map<DrillId, Evidence[]>();
  const add = (e: Evidence): void => {
    const list = byDrill.get(e.drill!);
    if (list) list.push(e);
    else byDrill.set(e.drill!, [e]);
  };
  for (const e of found) {
    if (e.drill) add(e);
    // Matching keeps the longest term, so "protect the sprint goal" (stakeholders vs capacity)
    // hides "sprint goal" (Scrum mechanics): the words inside still evidence their own drill.
    for (const t of innerTermsOf(lexicon, e.term) ?? []) if (t.drill !== e.drill) add({ ...e, term: t.term, weight: t.weight, drill: t.drill! });
  }
  if (byDrill.size === 0) return out;
  const lists = nameListSpans(text);
  for (const [drill, drillHits] of byDrill) {
    const evidence: Evidence[] = [];
    const ignored: DrillJudgement['ignored'] = [];
    for (const hit of drillHits) {
      const why: IgnoredWhy | undefined = hit.aside
        ? 'aside'
        : hit.topic
          ? 'topic'
          : hit.mention
            ? 'mention'
            : inSpans(lists, hit)
              ? 'listed'
              : OUTCOME_WORDS.has(hit.term) && hit.drill === 'metrics-economics' && !measuredAt(text, hit)
                ? 'unmeasured'
                : undefined;
      if (why) ignored.push({ hit, why });
      else evidence.push(hit);
    }
    // Each piece of evidence counts at its heaviest hit, and repeats add with diminishing returns
    // (half their average weight × ln n): a story that comes back to "activation" is about
    // activation; "strategy" said twice, or "sprint" as a unit of time five times, is not yet.
    const roots = termRoots(evidence);
    type Piece = { best: number; sum: number; n: number; said: string };
    const pieces = new Map<string, Piece>();
    for (const e of evidence) {
      const root = roots.get(e.term) ?? e.term;
      const w = Number.isFinite(e.weight) ? e.weight : 0;
      const p = pieces.get(root);
      // Quoted as first written under the piece's own (longest) term: "A/B test", not "ab test".
      const said = e.term === root ? asWritten(text, e) : '';
      if (p) {
        p.best = Math.max(p.best, w);
        p.sum += w;
        p.n++;
        p.said ||= said;
      } else pieces.set(root, { best: w, sum: w, n: 1, said });
    }
    const pieceScore = (p: Piece): number => p.best + REPEAT_FACTOR * (p.sum / p.n) * Math.log(p.n);
    let score = 0;
    for (const p of pieces.values()) score += pieceScore(p);
    const ranked = [...pieces.entries()].sort((a, b) => pieceScore(b[1]) - pieceScore(a[1]));
    const terms = ranked.map(([t]) => t);
    const said = ranked.map(([t, p]) => p.said || t);
    out.set(drill, { drill, covered: score >= COVER_SCORE, score: Math.round(score * 100) / 100, evidence, terms, said, ignored });
  }
  return out;
}

/**
 * Outcome words of the metrics drill that a story names in passing ("prevented churn", "generating
 * significant revenue"): they count towards the drill only in a sentence that measures them (see
 * {@link measuredAt}). The drill is reasoning about the numbers, not naming the outcome.
 */
const OUTCOME_WORDS = new Set(['churn', 'revenue', 'retention', 'retain', 'expansion', 'upsell', 'cross sell', 'renewal', 'cancellation', 'budget', 'finance', 'cfo']);
/** Words that measure an outcome or reason about it: a rate, a change, a model, a breakdown. */
const MEASURES =
  /\b(?:rates?|per|cohorts?|grew|grow(?:s|ing|th)?|fell|fall(?:s|ing)?|rose|rise[sn]?|rising|drop(?:s|ped|ping)?|increas\w*|decreas\w*|reduc\w*|cut|lift\w*|up|down|doubl\w*|halv\w*|margins?|costs?|pric\w*|ltv|cac|arpu|mrr|arr|models?|modell?ed|forecast\w*|analy[sz]\w*|drivers?|measur\w*|tracked|baseline|target|percent|points?|monthly|annual|net|gross|payback|economics|curve|basis|impact(?:ed)?)\b|\d|[%$€£]/i;

/** Whether the sentence around a hit measures it (see {@link MEASURES}). */
function measuredAt(text: string, hit: Evidence): boolean {
  let s = hit.start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  let e = hit.end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++;
  return MEASURES.test(text.slice(s, hit.start) + ' ' + text.slice(hit.end, e));
}

/** How heavy a term inside a longer one must be to evidence its own drill as well. */
const INNER_MIN_WEIGHT = 2.5;

/**
 * Per lexicon: the term of each key, and each term's key by its words ("sprint goal"). The keys
 * are the compiled lexicon's (the build's, for built-in terms): tokenising every term here cost
 * each CLI run about 8 ms at start.
 */
const termIndex = oncePer((lexicon: Lexicon) => {
  const byKey = new Map<string, LexiconTerm>();
  const byTerm = new Map<string, { t: LexiconTerm; key: string }>();
  for (const t of lexicon.terms) {
    const key = lexicon.keys.get(t) ?? termKey(t.term);
    if (!key) continue;
    byKey.set(key, t);
    byTerm.set(t.term, { t, key });
  }
  return { byKey, byTerm, inner: new Map<string, LexiconTerm[] | undefined>() };
});

/**
 * The heaviest term of each other drill the words of a term contain ("protect the sprint goal" →
 * "sprint goal"; "sprint capacity" → "sprint"). Worked out for a term the first time a text hits
 * it, not for the whole lexicon at once (that took ~2 ms of every CLI run, for a few hits).
 */
function innerTermsOf(lexicon: Lexicon, term: string): readonly LexiconTerm[] | undefined {
  const index = termIndex(lexicon);
  if (index.inner.has(term)) return index.inner.get(term);
  let out: LexiconTerm[] | undefined;
  const entry = index.byTerm.get(term);
  const words = entry ? entry.key.split(' ') : [];
  if (entry && words.length >= 2) {
    const t = entry.t;
    const best = new Map<DrillId, LexiconTerm>();
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) {
        if (j - i === words.length) continue;
        const sub = index.byKey.get(words.slice(i, j).join(' '));
        // Only words that weigh on their own (core vocabulary, no sense to check): "sprint goal"
        // inside "protect the sprint goal" counts, "sprint" inside "sprint capacity" does not.
        if (!sub?.drill || sub.drill === t.drill || sub.loop !== t.loop || sub.weight < INNER_MIN_WEIGHT || sub.needs || sub.unless) continue;
        const cur = best.get(sub.drill);
        if (!cur || sub.weight > cur.weight) best.set(sub.drill, sub);
      }
    }
    if (best.size) out = [...best.values()];
  }
  index.inner.set(term, out);
  return out;
}

/** The drills the text covers (see {@link judgeDrills}), in the order their evidence first appears. */
export function coveredDrillsIn(text: string, lexicon: Lexicon = defaultLexicon): Map<DrillId, DrillJudgement> {
  const out = new Map<DrillId, DrillJudgement>();
  for (const [id, j] of judgeDrills(text, lexicon)) if (j.covered) out.set(id, j);
  return out;
}

/** A hit's words as written, one line, without emphasis markers. */
function asWritten(text: string, e: Evidence): string {
  return text.slice(e.start, e.end).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

function inSpans(spans: readonly [number, number][], e: Evidence): boolean {
  for (const [s, end] of spans) if (e.start >= s && e.end <= end) return true;
  return false;
}

/** Spans of names in one sentence starting at `base`: after a label or a colon, or the whole sentence. */
function segmentSpans(sentence: string, base: number, out: [number, number][]): void {
  const skip = /^\s*/.exec(sentence)![0].length;
  const body = sentence.slice(skip);
  const colon = body.search(/[:：]/);
  if (colon >= 0 && colon <= 40) {
    const label = body.slice(0, colon).replace(/[*_`#]/g, '').trim();
    const start = base + skip + colon + 1;
    // "Tools: Jira, Miro" lists; "Tools: I moved us off spreadsheets…" tells.
    const tells = /\b(?:i|we|i'm|i've|we've)\b/i.test(body.slice(colon + 1));
    if (!tells && (NAME_LIST_LABEL.test(label) || /^(?:stack|tools?|tooling|skills?)\s/i.test(label))) {
      out.push([start, base + sentence.length]);
      return;
    }
    const list = items(body.slice(colon + 1));
    if (list.length >= 3 && list.every(isName)) {
      out.push([start, base + sentence.length]);
      return;
    }
  }
  // A sentence or list item that is nothing but names.
  const list = items(body);
  if (list.length >= 3 && list.every(isName)) out.push([base + skip, base + sentence.length]);
}

/** Labels of a line that lists names or describes a card rather than telling it. */
const NAME_LIST_LABEL =
  /^(?:key[ -])?(?:skills?|tools?|tooling|tech|technology|technologies|tech[ -]stack|stack|tags?|keywords?|best[ -]for|good[ -]for|use[ -]for|competenc(?:y|ies)|certifications?)$/i;
/** Irregular past-tense verbs that open an action, not a name ("led the squad"). */
const VERBS = new Set(['led', 'ran', 'built', 'wrote', 'made', 'set', 'drove', 'cut', 'took', 'grew', 'won', 'got', 'gave', 'kept', 'held', 'sold', 'split', 'broke', 'chose', 'found', 'met', 'put', 'sent', 'spent', 'began', 'brought']);

/**
 * Whether a piece of a comma list reads as a name ("SQL", "design sprints", "vision/mission"):
 * one to three words, no number (a number makes it a claim: "churn down 3%"), not opening on a
 * verb ("shipped the MVP").
 */
function isName(item: string): boolean {
  const t = item.replace(/[*_`"“”]/g, '').trim();
  if (!t || t.length > 40 || /\d|[%→]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 3) return false;
  const first = words[0]!.toLowerCase();
  if (VERBS.has(first) || (first.length > 4 && first.endsWith('ed'))) return false;
  return /\p{L}/u.test(t);
}

/** Splits a run of text into list items at commas and at a final "and"/"or"/"&". */
function items(run: string): string[] {
  return run
    .replace(/\betc\.?/gi, '')
    .split(/,|\s(?:and|or|&)\s/i)
    .map((s) => s.replace(/^\s*(?:and|or|&)\s+/i, '').trim())
    .filter((s) => s !== '');
}

/** The end of the first sentence of `s` (a full stop that is not "etc."), or its length. */
function firstSentenceEnd(s: string): number {
  const m = /(?<!\betc|\be\.g|\bi\.e)[.;!?](?=\s|$)/i.exec(s);
  return m ? m.index : s.length;
}

/**
 * Character spans of lists of names in `text`, line by line: a labelled line ("Skills: …",
 * "**Tags**: …", "Best for: …"), three or more names after a colon ("Facilitated workshops:
 * vision, values, design sprints, retrospectives"), a line or list item that is only names,
 * names in parentheses ("(Python, SQL, etc.)") and names ending in "etc.". Linear in the text.
 */
export function nameListSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (typeof text !== 'string' || text.length === 0 || !/[,:]/.test(text)) return out;
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    if (end > at) lineSpans(text, at, end, out);
    if (nl < 0) break;
    at = nl + 1;
  }
  return out;
}

function lineSpans(text: string, from: number, to: number, out: [number, number][]): void {
  const line = text.slice(from, to);
  if (!line.includes(',') && !line.includes(':')) return;
  // Sentence by sentence: a wrapped paragraph puts "Stack I used: …" anywhere on a line.
  const lead = /^[ \t]*(?:[-*+>]|\d+[.)])?[ \t]*/.exec(line)![0].length;
  for (let at = lead; at < line.length; ) {
    const end = at + firstSentenceEnd(line.slice(at));
    segmentSpans(line.slice(at, end), from + at, out);
    at = end + 1;
  }
  // Names in parentheses: "(Python, SQL, etc.)", "(Duolingo, Mimo, Brilliant)". One pass: the
  // innermost pairs only.
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 40 /* ( */) open = i;
    else if (c === 41 /* ) */ && open >= 0) {
      const inner = line.slice(open + 1, i);
      const list = items(inner);
      if ((list.length >= 3 || (list.length >= 2 && /\betc\b/i.test(inner))) && list.every(isName)) out.push([from + open, from + i + 1]);
      open = -1;
    }
  }
  // Names ending in "etc.": "tools like SQL, Python, Tableau, etc."; the first name is the last
  // word before them. Walks back over the commas once per "etc".
  const commas: number[] = [];
  for (let i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) commas.push(i);
  const etc = /,\s*etc\b/gi;
  let c = 0;
  for (let m = etc.exec(line); m; m = etc.exec(line)) {
    while (c < commas.length && commas[c]! < m.index) c++;
    // commas[c] is the comma before "etc"; walk back over the names before it.
    let end = m.index;
    let start = end;
    let names = 0;
    // At most a dozen names back: a longer list is named by those, and the walk stays linear.
    for (let k = c - 1; k >= c - 13; k--) {
      const partStart = k >= 0 ? commas[k]! + 1 : 0;
      const part = line.slice(partStart, end);
      if (k >= 0 && isName(part)) {
        names++;
        start = partStart;
        end = commas[k]!;
        continue;
      }
      // The lead-in ("tools like SQL"): its last word is the first name.
      const last = /(\S+)\s*$/.exec(part);
      if (last && isName(last[1]!)) {
        names++;
        start = partStart + last.index;
      }
      break;
    }
    if (names >= 2) out.push([from + start, from + m.index + m[0].length]);
  }
}

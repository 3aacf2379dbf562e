/** `metric-target`: a goal or success metric without a baseline, a target and a deadline. */
import { findTerms } from '../lexicon';
import { withoutDeadline, type MetricLine } from '../artifacts/outline';
import { kindAt } from '../parse';
import { defineRule } from './types';

export const metricTarget = defineRule({
  id: 'metric-target',
  description: 'A goal or success metric with no baseline → target and no deadline',
  defaultSeverity: 'info',
  sections: ['artifact', 'story'],
  fixable: false,
  options: {
    requireBaseline: { type: 'boolean', default: true, description: 'Require where the number starts today ("from 28%").' },
    requireDeadline: { type: 'boolean', default: true, description: 'Require a date or period ("by end of Q3", "within 6 weeks").' },
  },
  examples: {
    valid: ['---\nloop: pm\n---\n\n## Picked the onboarding bet #pm #metrics\n\n- Goal: lift week-one activation from 28% to 35% by end of Q3\n'],
    invalid: ['---\nloop: pm\n---\n\n## Picked the onboarding bet #pm #metrics\n\n- Goal: improve activation\n'],
  },
  check({ doc, options, lexicon, report }) {
    // A template's or a guide's goals are examples for a reader ("Success criteria: < 5 P0
    // bugs" in a PRD template), not goals the candidate set: there is nobody's target to ask for.
    if (doc.genre) return;
    // Guardrails are looked for where the goal is read: in its PRD (which may span sections), else
    // in its own section. A guardrail list in an unrelated section of the doc is not this goal's,
    // and reading only there keeps the finding the same when the editor re-checks one section.
    const guardedIn = new Map<string, Set<string>>();
    const guardedNames = (m: MetricLine) => {
      const at = m.range.start.offset;
      const span = doc.artifacts.prds.find((p) => p.range.start.offset <= at && at < p.range.end.offset)?.range ?? doc.sections.find((x) => x.range.start.offset <= at && at < x.range.end.offset)?.range;
      if (!span) return new Set<string>();
      const key = `${span.start.offset}:${span.end.offset}`;
      let names = guardedIn.get(key);
      if (!names) guardedIn.set(key, (names = guardrailText(doc.text.slice(span.start.offset, span.end.offset))));
      return names;
    };
    /** Goal lines in order, with what each lacks (empty when complete; undefined when it is no goal to check). */
    const checked: { m: MetricLine; missing: string[] | undefined }[] = [];
    const lacks = (m: MetricLine): string[] | undefined => {
      // An OKR objective is qualitative by design: only its key results need numbers. One that
      // names a number ("Objective: cut onboarding time by 20%") is a target, and is asked for the rest.
      if (OBJECTIVE.test(m.label ?? m.listedUnder ?? '') && !/\d/.test(m.text)) return undefined;
      // A list under "Objectives" or "Success criteria" outside a PRD is read as goals only where
      // the section is an artifact (a BRD, a case study's plan): in a story such a list may be its results.
      if (m.listedUnder !== undefined && kindAt(doc, m.range.start.offset) !== 'artifact') return undefined;
      // A template line still to be filled in ("Success metric: [how we measure success]").
      if (isPlaceholder(m.text, m.label) || TEMPLATE_SLOT.test(m.text)) return undefined;
      // A bold line that only names the metric the lines below it set ("**Feature adoption rate**").
      if (TITLE_ONLY.test(m.text) && !/\d/.test(m.text)) return undefined;
      const heading = headingAbove(doc.text, m.range.start.offset);
      // Guardrails are floors to hold while the goal moves ("crash rate under 0.5%"), not outcomes to reach.
      if (GUARDRAIL.test(m.label ?? '') || GUARDRAIL.test(m.listedUnder ?? '') || GUARDRAIL.test(heading)) return undefined;
      // A quality bar ("accuracy ≥ 90%", "P95 latency under 3 s") is a requirement the build must
      // meet, not an outcome to move: it has no baseline to start from and holds from day one.
      if (QUALITY_BAR.test(m.text) && BAR_SHAPE.test(m.text) && !CHANGE.test(m.text) && !OUTCOME.test(m.text)) return undefined;
      // A bar on a metric the same doc lists among its guardrails ("**Drop-off rate:** <2%" next to a
      // guardrail table with "Drop-off rate | <2%") is that guardrail restated: a ceiling to hold, not an outcome to move.
      if (BAR_SHAPE.test(m.text) && !CHANGE.test(m.text) && guardedNames(m).has(metricName(m) ?? '')) return undefined;
      // "Goals: find critical bugs", "Goals: validate the UX": aims with no number and nothing
      // measured are not metric goals, so there is no target to ask for.
      // Under a "Success metrics" or "KPIs" heading or label, every line is meant as a metric.
      const meantAsMetric = METRIC_WORD.test(m.label ?? m.listedUnder ?? '') || METRIC_WORD.test(heading);
      // A number that only dates the line ("Demo-ready MVP in 1 week") measures nothing: that
      // line is a delivery milestone, not a metric goal.
      const measured = m.hasTarget || /\d/.test(withoutDeadline(m.text));
      // Outside a PRD, an aim under "Goal" or "Objectives" with no number is no metric goal
      // ("Provides a full lifecycle view"), however metric-like a word in it sounds.
      if (!meantAsMetric && !measured && m.listedUnder !== undefined) return undefined;
      // In a PRD's goals, an aim with no number counts only when it names an outcome metric
      // ("improve activation"), not a feature that happens to be a metrics word ("dashboards").
      if (!meantAsMetric && !measured && !findTerms(m.text, lexicon).some((e) => e.drill === 'metrics-economics' || e.drill === 'growth-funnel' || e.drill === 'ab-testing')) return undefined;
      const missing: string[] = [];
      if (options.requireBaseline && !m.hasBaseline) missing.push('baseline');
      if (!m.hasTarget) missing.push('target');
      if (options.requireDeadline && !m.hasDeadline) missing.push('deadline');
      return missing;
    };
    for (const m of doc.artifacts.metrics) checked.push({ m, missing: lacks(m) });
    // Lines of one list that lack the same things get one finding for the run, not one each.
    for (let i = 0; i < checked.length; ) {
      const { m, missing } = checked[i];
      let j = i + 1;
      // A line between them that is no goal (a guardrail, a title) ends the run.
      while (missing && j < checked.length && checked[j].m.group === m.group && sameKind(checked[j].m, m) && checked[j].missing?.join() === missing.join()) j++;
      if (missing?.length) {
        const last = checked[j - 1].m;
        report({ range: { start: m.range.start, end: last.range.end }, message: message(kind(m.label ?? m.listedUnder), missing, j - i) });
      }
      i = j;
    }
  },
});

/** Whether two lines would be named the same in a message ("goal", "KPI" …). */
function sameKind(a: MetricLine, b: MetricLine): boolean {
  return kind(a.label ?? a.listedUnder) === kind(b.label ?? b.listedUnder);
}

/** The message for `count` lines of one kind that all lack `missing`: it names only what is missing. */
function message(what: string, missing: string[], count: number): string {
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}`;
  const subject = count === 1 ? `This ${what} has` : `These ${count} ${plural(what)} have`;
  const them = count === 1 ? 'it' : 'them';
  if (missing.length === 1 && missing[0] === 'baseline') {
    return (
      `${subject} no baseline. Say where the number stands today ("from 28% to 35%"), or that it starts at zero for a new feature, ` +
      `so a panel can see how far ${count === 1 ? 'it has' : 'they have'} to move.`
    );
  }
  if (missing.length === 1 && missing[0] === 'deadline') {
    return `${subject} no deadline. Say by when ${count === 1 ? 'it must land' : 'they must land'} ("by end of Q3", "within 6 weeks"), so a panel can judge whether you hit ${them}.`;
  }
  const asks: Record<string, string> = { baseline: 'where the number is now', target: 'where it must land', deadline: 'by when' };
  const wanted = missing.map((k) => asks[k]);
  const said = wanted.length === 1 ? wanted[0] : `${wanted.slice(0, -1).join(', ')} and ${wanted[wanted.length - 1]}`;
  return `${subject} no ${list}. Add ${said}, in the shape "from 28% to 35% by end of Q3", so a panel can judge whether you hit ${them}.`;
}

/** "goal" → "goals", "success criterion" → "success criteria", "KPI" → "KPIs". */
function plural(what: string): string {
  if (/criterion$/.test(what)) return what.replace(/criterion$/, 'criteria');
  return `${what}s`;
}

/** A line that is only a bold or underscored title: `**Feature adoption rate (monthly active users)**`. */
const TITLE_ONLY = /^[ \t]*(\*\*|__)[^*_\n]+\1[ \t:]*$/;

/** A heading, label or list that holds guardrails or counter-metrics, not goals. */
const GUARDRAIL = /\b(?:guard[- ]?rails?|counter[- ]?metrics?|health metrics?|acceptable (?:floor|ceiling|range)s?|do[- ]not[- ]harm)\b/i;

/** A quality measure of the build itself: accuracy, latency, uptime, error and crash rates, bugs. */
const QUALITY_BAR =
  /\b(?:accura(?:cy|te)|latency|p9[059]|p99\.9|uptime|availability|response[- ]times?|load[- ]times?|page[- ]loads?|error[- ]rates?|crash(?:es|[- ]rates?|[- ]free)?|defects?|bugs?|sla|slo|precision|recall|false[- ](?:positives?|negatives?)|throughput)\b/i;
/** A target told as a bar to stay on the right side of: "≥ 90%", "< 3 seconds", "under 0.5%". */
const BAR_SHAPE = /(?:≥|≤|>=|<=|>|<)\s*[$€£~]?\s?\d|\b(?:under|below|above|at least|at most|no more than|less than|fewer than|more than|max(?:imum)?|min(?:imum)?)\s+[$€£~]?\s?\d/i;
/** A verb or shape that makes a line a change to bring about, not a bar to meet. */
const CHANGE = /\b(?:from|increas\w*|rais\w*|lift\w*|grow\w*|boost\w*|improv\w*|reduc\w*|cut\w*|lower\w*|decreas\w*|shrink\w*|doubl\w*|halv\w*)\b|→|->/i;
/** Outcome metrics: what users or the business do, which a quality bar is not. */
const OUTCOME = /\b(?:activation|retention|churn|conversion|revenue|adoption|engagement|signups?|sign-ups?|nps|csat|drop[- ]?off|abandonment|ltv|cac|arpu|mrr|arr)\b/i;

/** A slot of a template anywhere in the line: "[Metric 1]: stay above [threshold]", "Target: [Value]", "<metric>". */
const TEMPLATE_SLOT = /\[(?:[A-Z][^\]\n]{0,40}|[a-z]+(?: [a-z]+){0,3})\](?!\()|<[a-z][a-z -]{1,30}>|\{[a-z][a-z -]{1,30}\}/;

/** Labels and headings that say their lines are metrics. */
const METRIC_WORD = /\b(?:metrics?|kpis?|measures?|measurement|success criteria|key results?|krs?|north star)\b/i;

/** The metric a `**Name:** value` line sets, lower-case without markdown ("drop-off rate"); undefined without such a name. */
function metricName(m: MetricLine): string | undefined {
  const named = /^[ \t]*(?:\*\*|__)?([^:*_\n]{3,60}?)(?:\*\*|__)?[ \t]*:/.exec(m.text);
  if (!named) return undefined;
  return normName(named[1]);
}

function normName(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The names a doc's guardrail lists hold: every metric named in a section under a guardrail heading
 * (table cells and list labels alike), normalised as {@link metricName} does.
 */
function guardrailText(text: string): Set<string> {
  const out = new Set<string>();
  for (const h of text.matchAll(/^(#{1,6})[ \t]+([^\n]*)$/gm)) {
    if (!GUARDRAIL.test(h[2])) continue;
    const level = h[1].length;
    const rest = text.slice(h.index + h[0].length);
    const next = new RegExp(`^#{1,${level}}[ \\t]`, 'm').exec(rest);
    const body = rest.slice(0, next ? next.index : rest.length);
    for (const line of body.split('\n')) {
      const cell = /^[ \t]*\|([^|\n]+)\|/.exec(line)?.[1] ?? /^[ \t]*[-*+][ \t]+(?:\*\*|__)?([^:*_\n]{3,60}?)(?:\*\*|__)?[ \t]*:/.exec(line)?.[1];
      if (cell && /\p{L}/u.test(cell)) out.add(normName(cell));
    }
  }
  return out;
}

/** The text of the nearest heading line above an offset ('' when none within 200 lines). */
function headingAbove(text: string, offset: number): string {
  let end = text.lastIndexOf('\n', offset - 1);
  for (let n = 0; end > 0 && n < 200; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (/^#{1,6}\s/.test(line)) return line;
    end = start - 1;
  }
  return '';
}

/** An `Objective:` / `Objectives:` label (also "Quarterly objective"). */
const OBJECTIVE = /\bobjectives?\b/i;

/** Whether the line holds only its label and a placeholder: `[Primary metric]`, `<metric>`, `TODO`, `TBD`, `…`. */
function isPlaceholder(text: string, label: string | undefined): boolean {
  let rest = text.replace(/[*_`]/g, '').trim();
  if (label) {
    const at = rest.toLowerCase().indexOf(label.toLowerCase());
    if (at >= 0) rest = rest.slice(at + label.length);
  }
  rest = rest.replace(/^\s*[:：]\s*/, '').trim();
  return /^(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\}|todo\b.*|tbd\b.*|tbc\b.*|\.\.\.|…|n\/a)?[\s.:;,-]*$/i.test(rest);
}

/** "goal", "KPI", "success metric" … from the line's label, or the heading it is listed under. */
function kind(label: string | undefined): string {
  if (!label) return 'goal';
  // A list heading names what its lines are: "KPIs & Success Criteria" → "KPI".
  if (/[&,/]|\band\b/.test(label) || label.trim().split(/\s+/).length > 3) {
    const named = /\b(objective|success criteri(?:a|on)|success metric|success measure|key result|kpi|okr|goal|metric|target)s?\b/i.exec(label);
    return named ? kind(named[1]) : 'goal';
  }
  const words = label.replace(/\s*\d+$/, '').replace(/s$/i, '').split(/\s+/);
  return words.map((w) => (/^(?:kpi|okr|kr)$/i.test(w) ? w.toUpperCase() : /^criteria$/i.test(w) ? 'criterion' : w.toLowerCase())).join(' ');
}

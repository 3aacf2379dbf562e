/** `metric-target`: a goal or success metric without a baseline, a target and a deadline. */
import { findTerms } from '../lexicon';
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
    for (const m of doc.artifacts.metrics) {
      // An OKR objective is qualitative by design: only its key results need numbers. One that
      // names a number ("Objective: cut onboarding time by 20%") is a target, and is asked for the rest.
      if (OBJECTIVE.test(m.label ?? m.listedUnder ?? '') && !/\d/.test(m.text)) continue;
      // A list under "Objectives" or "Success criteria" outside a PRD is read as goals only where
      // the section is an artifact (a BRD, a case study's plan): in a story such a list may be its results.
      if (m.listedUnder !== undefined && kindAt(doc, m.range.start.offset) !== 'artifact') continue;
      // A template line still to be filled in ("Success metric: [how we measure success]").
      if (isPlaceholder(m.text, m.label) || TEMPLATE_SLOT.test(m.text)) continue;
      // "Goals: find critical bugs", "Goals: validate the UX": aims with no number and nothing
      // measured are not metric goals, so there is no target to ask for.
      // Under a "Success metrics" or "KPIs" heading or label, every line is meant as a metric.
      const meantAsMetric = METRIC_WORD.test(m.label ?? m.listedUnder ?? '') || METRIC_WORD.test(headingAbove(doc.text, m.range.start.offset));
      // Outside a PRD, an aim under "Goal" or "Objectives" with no number is no metric goal
      // ("Provides a full lifecycle view"), however metric-like a word in it sounds.
      if (!meantAsMetric && !/\d/.test(m.text) && m.listedUnder !== undefined) continue;
      if (!meantAsMetric && !/\d/.test(m.text) && !findTerms(m.text, lexicon).some((e) => e.axis === 'metrics' || e.drill === 'metrics-economics' || e.drill === 'growth-funnel' || e.drill === 'ab-testing')) continue;
      const missing: string[] = [];
      if (options.requireBaseline && !m.hasBaseline) missing.push('baseline');
      if (!m.hasTarget) missing.push('target');
      if (options.requireDeadline && !m.hasDeadline) missing.push('deadline');
      if (!missing.length) continue;
      const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}`;
      report({
        range: m.range,
        message:
          `This ${kind(m.label ?? m.listedUnder)} has no ${list}. ` +
          'State where the number is now, where it must land and by when, in the shape "from 28% to 35% by end of Q3", so a panel can judge whether you hit it.',
      });
    }
  },
});

/** A slot of a template anywhere in the line: "[Metric 1]: stay above [threshold]", "Target: [Value]", "<metric>". */
const TEMPLATE_SLOT = /\[(?:[A-Z][^\]\n]{0,40}|[a-z]+(?: [a-z]+){0,3})\](?!\()|<[a-z][a-z -]{1,30}>|\{[a-z][a-z -]{1,30}\}/;

/** Labels and headings that say their lines are metrics. */
const METRIC_WORD = /\b(?:metrics?|kpis?|measures?|measurement|success criteria|key results?|krs?|north star)\b/i;

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

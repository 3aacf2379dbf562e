/** `invalid-front-matter`: front matter that is not valid YAML, or a `loop` that is not pm/po/hybrid. */
import { editDistance, nearest } from '../text';
import { LOOPS, type Loop } from '../types';
import { defineRule } from './types';

const SYNONYMS: Record<string, Loop> = {
  'product manager': 'pm',
  'product management': 'pm',
  'product owner': 'po',
  both: 'hybrid',
  'pm/po': 'hybrid',
  'po/pm': 'hybrid',
  'pm+po': 'hybrid',
  'pm-po': 'hybrid',
  mixed: 'hybrid',
};

/** The loops a user most likely meant by an invalid `loop:` value (several on a tie, e.g. "pn"). */
export function suggestLoops(value: unknown): Loop[] {
  if (Array.isArray(value)) {
    const vals = value.map((v) => String(v).toLowerCase());
    return vals.includes('pm') && vals.includes('po') ? ['hybrid'] : [];
  }
  if (typeof value !== 'string') return [];
  const v = value.trim().toLowerCase();
  if (SYNONYMS[v]) return [SYNONYMS[v]];
  if (/\bpm\b/.test(v) && /\bpo\b/.test(v)) return ['hybrid'];
  const best = nearest(v, LOOPS);
  if (!best) return [];
  const d = editDistance(v, best, 2);
  return LOOPS.filter((l) => editDistance(v, l, 2) === d);
}

export const invalidFrontMatter = defineRule({
  id: 'invalid-front-matter',
  description: 'Front matter that is not valid YAML, or a loop that is not pm, po or hybrid',
  defaultSeverity: 'error',
  fixable: true,
  scope: 'front-matter',
  options: {},
  examples: {
    valid: ['---\nloop: hybrid\ncompany: Acme\n---\n\n# Acme prep\n'],
    invalid: ['---\nloop: pn\n---\n\n# Acme prep\n', '---\nloop: pm\ncompany: [Acme\n---\n\n# Acme prep\n'],
  },
  check({ doc, report }) {
    const fm = doc.frontMatter;
    if (!fm) return;
    if (fm.error) {
      report({
        range: fm.error.range,
        message: `The front matter is not valid YAML (${fm.error.message}). Until it is fixed Prep Loop cannot tell which loop this doc targets, so the loop checks are off.`,
      });
      return;
    }
    const field = fm.fields.loop;
    if (!field) return;
    if (typeof field.value === 'string' && (LOOPS as readonly string[]).includes(field.value.trim().toLowerCase())) return;
    const shown = field.value === null || field.value === undefined || field.value === '' ? 'empty' : typeof field.value === 'string' ? `"${field.value}"` : JSON.stringify(field.value);
    // On a tie ("pn": pm or po?) the loop the doc's stories are tagged with comes first.
    const tagged = (l: Loop) => doc.stories.filter((s) => s.loopTags.some((t) => t.name === l)).length;
    const suggestions = suggestLoops(field.value).sort((x, y) => tagged(y) - tagged(x));
    const hasValue = field.value !== null && field.value !== undefined && field.value !== '';
    report({
      range: field.range,
      message: `loop is ${shown}, but it must be pm, po or hybrid.${suggestions.length ? ` Did you mean ${suggestions.join(' or ')}?` : ''} Until it is fixed the loop checks are off for this doc.`,
      ...(suggestions.length && hasValue
        ? {
            // With two equally close loops ("pn": pm or po?) the user must choose.
            fixes: suggestions.map((s) => ({ title: `Set loop to ${s}`, edits: [{ start: field.range.start.offset, end: field.range.end.offset, newText: s }], ...(suggestions.length > 1 ? { manual: true } : {}) })),
          }
        : {}),
    });
  },
});

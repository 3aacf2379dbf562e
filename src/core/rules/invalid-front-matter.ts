/** `invalid-front-matter`: front matter that is not valid YAML, or a `loop` that is not pm/po/hybrid. */
import { nearest } from '../config';
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

/** The loop a user most likely meant by an invalid `loop:` value. */
export function suggestLoop(value: unknown): Loop | undefined {
  if (Array.isArray(value)) {
    const vals = value.map((v) => String(v).toLowerCase());
    if (vals.includes('pm') && vals.includes('po')) return 'hybrid';
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (SYNONYMS[v]) return SYNONYMS[v];
  if (/\bpm\b/.test(v) && /\bpo\b/.test(v)) return 'hybrid';
  return nearest(v, LOOPS) as Loop | undefined;
}

export const invalidFrontMatter = defineRule({
  id: 'invalid-front-matter',
  description: 'Front matter that is not valid YAML, or a loop that is not pm, po or hybrid',
  defaultSeverity: 'error',
  fixable: true,
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
    const shown = field.value === null || field.value === undefined || field.value === '' ? 'empty' : `"${String(field.value)}"`;
    const suggestion = suggestLoop(field.value);
    report({
      range: field.range.start.offset === field.range.end.offset ? fm.range : field.range,
      message: `loop is ${shown}, but it must be pm, po or hybrid.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
      ...(suggestion && field.range.end.offset > field.range.start.offset
        ? { fixes: [{ title: `Set loop to ${suggestion}`, edits: [{ start: field.range.start.offset, end: field.range.end.offset, newText: suggestion }] }] }
        : {}),
    });
  },
});

/** `unknown-tag`: a hashtag one typo away from a loop or axis tag. */
import { editDistance } from '../text';
import { AXES, LOOPS } from '../types';
import { defineRule } from './types';
import { retagFix } from './util';

const KNOWN = [...LOOPS, ...AXES] as string[];

/** The known tag a typo most likely meant: look-alike digits first (#p0 → #po), then one edit away. */
export function suggestTag(name: string): string | undefined {
  const lookalike = name.replace(/0/g, 'o').replace(/1/g, 'l');
  if (KNOWN.includes(lookalike)) return lookalike;
  return KNOWN.find((k) => editDistance(name, k, 1) <= 1 && !(name.length <= 2 && k.length > 3));
}

export const unknownTag = defineRule({
  id: 'unknown-tag',
  description: 'A hashtag one typo away from a loop or axis tag',
  defaultSeverity: 'info',
  fixable: true,
  options: {
    allow: { type: 'string[]', default: [] as string[], description: 'Hashtags you use on purpose that should never be flagged (without the #).' },
  },
  examples: {
    valid: ['---\nloop: po\n---\n\n## Cut scope mid-sprint #po #execution #fintech\n\nBody.\n'],
    invalid: ['---\nloop: po\n---\n\n## Cut scope mid-sprint #p0 #exection\n\nBody.\n'],
  },
  check({ doc, options, report }) {
    const allow = new Set(options.allow.map((t: string) => t.replace(/^#/, '').toLowerCase()));
    for (const tag of doc.hashtags) {
      if (tag.kind !== 'other' || allow.has(tag.name)) continue;
      const near = suggestTag(tag.name);
      if (!near) continue;
      report({
        range: tag.range,
        message: `#${tag.name} is not a Prep Loop tag. Did you mean #${near}? Until it is fixed this story won't count for that ${LOOPS.includes(near as never) ? 'loop' : 'axis'}.`,
        fixes: [retagFix(doc, tag, near, `Change to #${near}`)],
      });
    }
  },
});

/** `unknown-tag`: a hashtag one typo away from a loop or axis tag. */
import { editDistance } from '../text';
import { AXES, LOOPS } from '../types';
import { defineRule } from './types';
import { manual, retagFix } from './util';

const KNOWN = [...LOOPS, ...AXES] as string[];

/**
 * The known tag a typo most likely meant: look-alike digits first (#p0 → #po), then one edit away.
 * Two-letter loop tags only match two-letter words without digits, so #p1, #p2 (priorities) and
 * #pmf (product-market fit) are left alone. On a tie the doc's own loop wins.
 */
export function suggestTag(name: string, prefer?: string): string | undefined {
  const lookalike = name.replace(/0/g, 'o');
  if (KNOWN.includes(lookalike)) return lookalike;
  const near = KNOWN.filter((k) => editDistance(name, k, 1) <= 1 && (k.length > 2 ? name.length > 3 : name.length === 2 && !/\d/.test(name)));
  return near.find((k) => k === prefer) ?? near[0];
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
    // Only where tags live (the heading and its Tags: line): hashtags in the body are prose.
    for (const section of doc.sections) {
      for (const tag of section.tags) {
        if (tag.kind !== 'other' || allow.has(tag.name)) continue;
        const near = suggestTag(tag.name, doc.loop);
        if (!near) continue;
        const isLoop = LOOPS.includes(near as never);
        // The correction is preferred only when it cannot start another problem: a second loop tag
        // on the story, a tag it already has, or a loop the doc is not for.
        const risky =
          section.tags.some((t) => t.name === near) ||
          (isLoop && (section.tags.some((t) => t.kind === 'loop') || ((doc.loop === 'pm' || doc.loop === 'po') && near !== doc.loop && near !== 'hybrid')));
        report({
          range: tag.range,
          message: `#${tag.name} is not a Prep Loop tag. Did you mean #${near}? Until it is fixed this story won't count for that ${isLoop ? 'loop' : 'axis'}.`,
          fixes: [manual(retagFix(doc, tag, near, `Change to #${near}`), risky)],
        });
      }
    }
  },
});

/**
 * The rule registry: every rule, in the order findings are reported, and the docs link built
 * from each id in one place.
 */
import { answerWithoutStory } from './answer-without-story';
import { acceptanceCriteriaMissing } from './acceptance-criteria-missing';
import { acceptanceCriteriaTestable } from './acceptance-criteria-testable';
import { axisMismatch } from './axis-mismatch';
import { hierarchyLanguage } from './hierarchy-language';
import { invalidFrontMatter } from './invalid-front-matter';
import { loopCoverage } from './loop-coverage';
import { loopDrift } from './loop-drift';
import { metricTarget } from './metric-target';
import { missingAxis } from './missing-axis';
import { noScrumMechanics } from './no-scrum-mechanics';
import { numberPlaceholder } from './number-placeholder';
import { prdMissingSection } from './prd-missing-section';
import { storyLength } from './story-length';
import { storyOwnership } from './story-ownership';
import { storyPoints } from './story-points';
import { storyResult } from './story-result';
import type { AnyRule } from './types';
import { unfinishedText } from './unfinished-text';
import { unknownTag } from './unknown-tag';
import { untaggedStory } from './untagged-story';
import { userStoryAtomic } from './user-story-atomic';
import { userStoryForm } from './user-story-form';
import { userStoryMinimal } from './user-story-minimal';
import { userStoryRole } from './user-story-role';
import { wrongLoop } from './wrong-loop';

/** All rules. */
export const RULES: readonly AnyRule[] = [
  invalidFrontMatter,
  wrongLoop,
  loopDrift,
  untaggedStory,
  axisMismatch,
  missingAxis,
  loopCoverage,
  noScrumMechanics,
  hierarchyLanguage,
  userStoryForm,
  userStoryAtomic,
  userStoryMinimal,
  userStoryRole,
  acceptanceCriteriaMissing,
  acceptanceCriteriaTestable,
  unknownTag,
  storyPoints,
  prdMissingSection,
  metricTarget,
  storyResult,
  answerWithoutStory,
  numberPlaceholder,
  unfinishedText,
  storyOwnership,
  storyLength,
];

const byId = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id, if any. */
export function ruleById(id: string): AnyRule | undefined {
  return byId.get(id);
}

export { DOCS_BASE_URL, ruleDocsUrl } from '../docs-url';

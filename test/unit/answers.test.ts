/**
 * Stories ↔ questions: an untouched Drill a Question skeleton is a template (not a story) for the
 * parser, coverage and loop-coverage; once answered it is a story that answers its question; an
 * `Answers:` line names more questions by id or text.
 */
import { describe, expect, it } from 'vitest';
import { questionForText, storyAnswers } from '../../src/core/answers';
import { buildCoverage, coverageDoc } from '../../src/core/coverage';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';
import { QUESTIONS, questionById, questionsFor } from '../../src/core/questions';

const front = (loop: string) => `---\nloop: ${loop}\n---\n\n# Prep\n\n`;
const STORY_RULES = ['story-result', 'story-ownership', 'story-length', 'untagged-story', 'missing-axis', 'wrong-loop', 'loop-drift', 'axis-mismatch'];

/** A filled-in answer: the skeleton with a first-person paragraph under the drill marker. */
function answered(skeleton: string): string {
  return skeleton.replace(/^(\*Drill: [^\n]+\*)$/m, '$1\n\nI ran this one myself last year and the numbers moved from 12% to 15% by June.');
}

describe('an unanswered drill skeleton', () => {
  it('is a template, not a story, for every question in the bank', () => {
    for (const q of QUESTIONS) {
      const doc = parsePrepDoc(front(q.loop) + q.skeleton);
      expect(doc.stories, q.id).toEqual([]);
      const section = doc.sections.find((s) => s.heading?.level === 2)!;
      expect(section.kind, q.id).toBe('artifact');
      expect(section.unanswered, q.id).toBe(true);
      // No story rule speaks about a template.
      const said = lintText(front(q.loop) + q.skeleton).findings.filter((f) => STORY_RULES.includes(f.ruleId));
      expect(said, q.id).toEqual([]);
    }
  });

  it('becomes a story that answers its question once anything is written in it', () => {
    for (const q of QUESTIONS) {
      const doc = parsePrepDoc(front(q.loop) + answered(q.skeleton));
      expect(doc.stories, q.id).toHaveLength(1);
      expect(doc.stories[0].unanswered, q.id).toBeUndefined();
      expect(storyAnswers(doc.stories[0]).ids, q.id).toEqual([q.id]);
    }
  });

  it('filling a labelled prompt or a bare list item counts as an answer', () => {
    const q = questionById('po-sc-vp-small-ask')!;
    expect(parsePrepDoc(front('po') + q.skeleton.replace('**Result:** ', '**Result:** the VP waited a sprint.')).stories).toHaveLength(1);
    const us = questionById('po-us-password-reset')!;
    expect(parsePrepDoc(front('po') + us.skeleton.replace(/^- $/m, '- Given a user with an account, when they ask for a reset, then an email arrives.')).stories).toHaveLength(1);
    // Extra blank lines or trailing spaces are not an answer.
    expect(parsePrepDoc(front('po') + q.skeleton.replace(/\n\n/g, '\n\n\n').replace(/\*\*$/gm, '**   ')).stories).toEqual([]);
  });

  it('a story without the drill marker is a story even when it only has prompt-like lines', () => {
    expect(parsePrepDoc(`${front('po')}## Protected the goal #po #stakeholders\n\n**Result:** \n`).stories).toHaveLength(1);
  });
});

describe('coverage and loop-coverage ignore unanswered skeletons', () => {
  const story = '## Sized the onboarding bet #pm #metrics\n\nI built the LTV and CAC payback model for the onboarding bet and took it to finance.\n\n';
  const abSkeletons = questionsFor('pm', 'ab-testing').slice(0, 4).map((q) => q.skeleton).join('\n');

  it('four unanswered A/B drills add no stories and leave the A/B gap open', () => {
    const second = '## Said no to the custom dashboard #pm #stakeholders\n\nI turned down a custom dashboard for our biggest account and offered an export.\n\n';
    const text = front('pm') + story + second + abSkeletons;
    const cov = buildCoverage([coverageDoc('pm.md', parsePrepDoc(text))]);
    expect(cov.stories).toHaveLength(2);
    expect(cov.gaps).toContain('ab-testing');
    const finding = lintText(text).findings.find((f) => f.ruleId === 'loop-coverage')!;
    expect(finding.message).toContain('A/B testing');
    // Nor do they make one story a story bank: no loop-coverage finding on a doc of one story.
    expect(lintText(front('pm') + story + abSkeletons).findings.some((f) => f.ruleId === 'loop-coverage')).toBe(false);
  });

  it('an answered one counts, closes the gap and answers its question', () => {
    const [first, ...rest] = questionsFor('pm', 'ab-testing');
    const text = front('pm') + story + answered(first.skeleton) + rest.map((q) => q.skeleton).join('\n');
    const cov = buildCoverage([coverageDoc('pm.md', parsePrepDoc(text))]);
    expect(cov.stories).toHaveLength(2);
    expect(cov.gaps).not.toContain('ab-testing');
    expect(cov.questions.answered).toEqual([first.id]);
    expect(cov.questions.open).toHaveLength(questionsFor('pm').length - 1);
    expect(cov.questions.open).not.toContain(first.id);
    expect(lintText(text).findings.find((f) => f.ruleId === 'loop-coverage')?.message ?? '').not.toContain('A/B testing');
  });

  it('lists every question of the targeted loops as open when no story answers any', () => {
    const cov = buildCoverage([coverageDoc('po.md', parsePrepDoc(front('po') + '## Ran refinement #po #execution\n\nI ran it.\n'))]);
    expect(cov.questions).toEqual({ answered: [], open: questionsFor('po').map((q) => q.id) });
    const hybrid = buildCoverage([coverageDoc('h.md', parsePrepDoc(front('hybrid')))]);
    expect(hybrid.questions.open).toHaveLength(QUESTIONS.length);
  });
});

describe('the Answers: line', () => {
  const storyWith = (line: string) => parsePrepDoc(`${front('pm')}## Priced the clinic plan #pm #metrics\n\n${line}\n\nI modelled three plan shapes with finance and launched the add-on in March.\n`).stories[0];

  it('takes ids, quoted texts and one plain text, and keeps what matches nothing', () => {
    expect(storyAnswers(storyWith('Answers: pm-me-ltv-ceiling, pm-me-cac-payback')).ids).toEqual(['pm-me-ltv-ceiling', 'pm-me-cac-payback']);
    const q = questionById('pm-ps-free-tier')!;
    expect(storyAnswers(storyWith(`**Answers:** "${q.question}"; pm-me-ltv-to-cac`)).ids).toEqual(['pm-ps-free-tier', 'pm-me-ltv-to-cac']);
    expect(storyAnswers(storyWith(`- Answers: ${q.question.slice(0, 40)}`)).ids).toEqual(['pm-ps-free-tier']);
    expect(storyAnswers(storyWith('Answers: pm-no-such-question, "a question nobody asked"'))).toEqual({ ids: [], unknown: ['a question nobody asked', 'pm-no-such-question'] });
  });

  it('records the line with the exact range of its value', () => {
    const s = storyWith('Answers: pm-me-ltv-ceiling');
    expect(s.answersLine?.text).toBe('pm-me-ltv-ceiling');
    const doc = parsePrepDoc(`${front('pm')}## Priced the clinic plan #pm #metrics\n\nAnswers: pm-me-ltv-ceiling\n\nI modelled it.\n`);
    const r = doc.stories[0].answersLine!.range;
    expect(doc.text.slice(r.start.offset, r.end.offset)).toBe('pm-me-ltv-ceiling');
  });

  it('matches question texts by their words, not their punctuation, and refuses short or ambiguous starts', () => {
    const q = questionById('pm-me-cac-payback')!;
    expect(questionForText(q.question.toUpperCase().replace(/[,?]/g, ''))).toBe(q.id);
    expect(questionForText('What')).toBeUndefined();
    expect(questionForText('Tell me about a time')).toBeUndefined();
  });
});

describe('the loop-coverage fixture with skeletons', () => {
  it('names the drills only the skeletons touch', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'rules', 'loop-coverage', 'unanswered-skeletons.md'), 'utf8');
    const f = lintText(text).findings.filter((x) => x.ruleId === 'loop-coverage');
    expect(f.map((x) => x.message.replace(/^.*asks about: ([^.]+)\..*$/, '$1'))).toEqual(['A/B testing; SQL']);
  });
});

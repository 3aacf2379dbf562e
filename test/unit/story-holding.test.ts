/**
 * Which docs hold the writer's stories (`core/story-holding.ts`): the verdict with its evidence,
 * the fixtures loop-coverage keeps quiet on for that reason (and would not without it), and the
 * folder order that decides which story bank comes first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';
import { folderOrder, judgeStoryHolding, storyHoldingOf } from '../../src/core/story-holding';
import { FIXTURES } from './helpers/fixtures';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'rules', 'loop-coverage', name), 'utf8');
const coverage = (text: string) => lintText(text).findings.filter((f) => f.ruleId === 'loop-coverage');

describe('story holding', () => {
  it('judges from the story count and the genre, and says why', () => {
    expect(judgeStoryHolding({ stories: 3 })).toEqual({ holds: 'bank', stories: 3, reason: 'holds 3 stories of your own' });
    expect(judgeStoryHolding({ stories: 1 }).holds).toBe('single');
    expect(judgeStoryHolding({ stories: 0 }).holds).toBe('none');
    const template = judgeStoryHolding({ stories: 6, genre: { genre: 'template', reason: 'its front matter says so (type: template)' } });
    expect(template).toEqual({ holds: 'not-own', stories: 6, reason: 'is a template, not notes of your own (its front matter says so (type: template))' });
  });

  it('takes a template, a guide, one case study in parts and a lone story for no story bank', () => {
    const verdict = (name: string) => storyHoldingOf(lintText(fixture(name)).doc!);
    expect(verdict('template-silent.md')).toMatchObject({ holds: 'not-own', stories: 2 });
    expect(verdict('template-silent.md').reason).toMatch(/^is a template, not notes of your own \(its title \("STAR story template"\) names a template/);
    expect(verdict('guide-silent.md')).toMatchObject({ holds: 'not-own', stories: 2 });
    expect(verdict('guide-silent.md').reason).toMatch(/^is a guide/);
    expect(verdict('single-case-study.md')).toMatchObject({ holds: 'single', stories: 1 });
    expect(verdict('one-story.md')).toMatchObject({ holds: 'single', stories: 1 });
    expect(verdict('pm-gaps.md')).toMatchObject({ holds: 'bank', stories: 2 });
  });

  it('is why loop-coverage is quiet there: said to be your own notes, the same docs get the finding', () => {
    for (const name of ['template-silent.md', 'guide-silent.md']) {
      const text = fixture(name);
      expect(coverage(text), name).toEqual([]);
      const own = text.replace(/^---\nloop: pm\n/, '---\nloop: pm\ntype: notes\n');
      expect(storyHoldingOf(lintText(own).doc!).holds, name).toBe('bank');
      expect(coverage(own), name).toHaveLength(1);
    }
    // One more story makes the case study's doc a story bank.
    const two = `${fixture('one-story.md')}\n## Ran the quarterly review #po #stakeholders\n\nI walked the sponsors through the release plan and the sprint review notes.\n`;
    expect(coverage(fixture('one-story.md'))).toEqual([]);
    expect(coverage(two)).toHaveLength(1);
  });

  it('orders a folder as a file explorer does, the same on every host', () => {
    // Digits by their value, case ignored (capitals first only to break a tie), else character order.
    const sorted = ['b.md', '10-later.md', 'ab.md', 'A.md', '2-first.md', 'a.md', '02-second.md', 'B2.md', 'b10.md'].sort(folderOrder);
    expect(sorted).toEqual(['2-first.md', '02-second.md', '10-later.md', 'A.md', 'a.md', 'ab.md', 'b.md', 'B2.md', 'b10.md']);
    expect(folderOrder('x.md', 'x.md')).toBe(0);
    expect(Math.sign(folderOrder('Notes.md', 'notes.md'))).toBe(-Math.sign(folderOrder('notes.md', 'Notes.md')));
  });
});

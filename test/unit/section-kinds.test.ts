/**
 * Section kinds: what Prep Loop takes each heading section for (story, artifact, reference,
 * logistics, group), on realistic notes written the way candidates keep them. Each fixture in
 * `test/fixtures/kinds/` marks every story-level heading with `<!-- kind: … -->`; the exact set
 * of kinds is compared, and the story rules must never touch a section that is not a story.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFindingFixes } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import { kindAt, parsePrepDoc, sectionSummaries } from '../../src/core/parse';
import { decideKind, kindHover, type SectionInput } from '../../src/core/sections';
import { FIXTURES } from './helpers/fixtures';

const DIR = join(FIXTURES, 'kinds');
const STORY_RULES = new Set(['untagged-story', 'missing-axis', 'axis-mismatch', 'loop-drift', 'wrong-loop']);

function expectedKinds(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) => {
      const m = /<!--\s*kind:\s*([a-z]+)\s*-->/.exec(line);
      return m ? [`${i + 1}:${m[1]}`] : [];
    })
    .sort();
}

describe('section kinds on realistic notes', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();

  it('has fixtures for every kind', () => {
    const all = files.flatMap((f) => expectedKinds(readFileSync(join(DIR, f), 'utf8')).map((e) => e.split(':')[1]));
    expect(new Set(all)).toEqual(new Set(['story', 'artifact', 'reference', 'logistics', 'group']));
  });

  it.each(files)('%s: every section has the kind marked on it', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const doc = parsePrepDoc(text);
    const actual = sectionSummaries(doc)
      .map((s) => `${s.line}:${s.kind}`)
      .sort();
    expect(actual).toEqual(expectedKinds(text));
    for (const s of sectionSummaries(doc)) expect(s.reason.length, `${file}:${s.line}`).toBeGreaterThan(10);
  });

  it.each(files)('%s: story rules stay on stories, and --fix tags no other section', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const { doc, findings } = lintText(text);
    for (const f of findings.filter((x) => STORY_RULES.has(x.ruleId))) expect(kindAt(doc!, f.range.start.offset), `${f.ruleId} on line ${f.range.start.line + 1}`).toBe('story');
    const fixed = parsePrepDoc(applyFindingFixes(text, findings));
    for (const s of fixed.sections) if (s.kind !== 'story') expect(s.tags.filter((t) => t.kind !== 'other').length, `${file}: ${s.heading?.title}`).toBe(doc!.sections.find((o) => o.heading?.title === s.heading?.title)?.tags.filter((t) => t.kind !== 'other').length ?? 0);
  });

  it('counts only stories in the doc', () => {
    const doc = parsePrepDoc(readFileSync(join(DIR, 'pm-onsite.md'), 'utf8'));
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Moved activation from 31% to 38%', 'Talked the founders out of a sales-led tier']);
  });
});

const input = (title: string, body: string, extra: Partial<SectionInput> = {}): SectionInput => ({ title, tags: [], prose: body, raw: body, userStories: 0, isPrdTitle: false, ...extra });

describe('decideKind', () => {
  it('a loop or axis tag makes a story whatever the text; #notes and #story overrule the text', () => {
    expect(decideKind(input('Frameworks', 'Use CIRCLES.', { tags: ['po'] })).kind).toBe('story');
    expect(decideKind(input('Frameworks', 'Use CIRCLES.', { tags: ['metrics'] })).kind).toBe('story');
    expect(decideKind(input('Shipped the redesign', 'I shipped the redesign in May and churn fell.', { tags: ['notes'] }))).toEqual({ kind: 'reference', reason: 'it is tagged #notes' });
    expect(decideKind(input('Agenda', '- 10:00 intro', { tags: ['story'] })).kind).toBe('story');
  });

  it('reads what the writer did: past events, habits told in the first person, resume bullets', () => {
    expect(decideKind(input('Pricing', 'We moved to annual plans after I showed the churn numbers.')).kind).toBe('story');
    expect(decideKind(input('Refinement', 'I run refinement twice a week. I bring the top ten items and we size them together.')).kind).toBe('story');
    expect(decideKind(input('Onboarding', '- Led the onboarding rewrite across two squads\n- Cut time to first invoice by 40%\n')).kind).toBe('story');
  });

  it('is not fooled by advice, hypotheticals, generic bullets or quoted examples', () => {
    expect(decideKind(input('Answering', 'Use I, not we. Keep it under two minutes. Your result needs a number.')).kind).toBe('reference');
    expect(decideKind(input('Sizing an A/B test', "I'd start with the hypothesis. I would size the test for a 2% lift.")).kind).toBe('reference');
    expect(decideKind(input('Where stories come from', '- Led a team project\n- Built a side project\n- Solved a problem\n')).kind).toBe('reference');
    expect(decideKind(input('Example', '> "I was the engineer who built the feature and I found the drop-off."\n')).kind).toBe('reference');
  });

  it('knows logistics and reference headings, and a question answered from experience', () => {
    expect(decideKind(input('Tell me about yourself', 'I started in support and moved into product.')).kind).toBe('logistics');
    expect(decideKind(input('Why Acme?', 'Acme builds what I use every day.', { company: 'Acme' })).kind).toBe('logistics');
    expect(decideKind(input('What is a sprint goal?', 'The one objective the team commits to for a sprint.')).kind).toBe('reference');
    expect(decideKind(input('Tell me about a time you said no', 'Sales asked for a custom export mid-sprint. I said no and offered the CSV instead, and we kept the sprint goal.')).kind).toBe('story');
  });

  it('a title told as an action is a story topic, not an artifact name', () => {
    expect(decideKind(input('Sliced the payments epic', 'The epic went into three slices.')).kind).toBe('story');
    expect(decideKind(input('Roadmap', '- Q1 invoicing\n- Q2 payouts\n')).kind).toBe('artifact');
  });

  it('takes no label, lesson or prompt for an account of your own work', () => {
    // A participle label with a parenthesis, and a heading that names lessons, carry no first person.
    expect(decideKind(input('Included (no placeholders)', '- Dashboard file\n- Data exports\n')).kind).toBe('reference');
    expect(decideKind(input('What I learned as a PO', 'This project showed that:\n- Stability is a feature\n- Saying no is a skill\n')).kind).toBe('reference');
    // Prompts in book notes ("Why we did the action.") are no sentences about your work.
    expect(decideKind(input('Communication', '- Situation, Action, Result.\n  - Why it mattered.\n  - Why we did the action.\n')).kind).toBe('reference');
    // Competencies restated from a story are a self-assessment.
    expect(decideKind(input('Skills demonstrated', '- Built the business case from interview data\n- Made trade-offs to ship on time (cut 2 features)\n')).kind).toBe('reference');
  });

  it('lets the text decide under a generic or role-scope heading, and reads a described screen as no advice', () => {
    expect(decideKind(input('Scope of responsibility', 'My job went past writing tickets.\n\nI was accountable for:\n- Setting priorities\n- Writing criteria\n')).kind).toBe('story');
    expect(decideKind(input('Scope', '- In: invoicing\n- Out: payouts\n')).kind).toBe('artifact');
    expect(decideKind(input('Overview', 'We noticed that most trial users never opened the report, so we tested a shorter one. It ran for two weeks. Half the users saw it.')).kind).toBe('story');
    expect(decideKind(input('Overview', 'This guide covers metrics. Read it before the loop. Use the glossary.')).kind).toBe('reference');
    expect(decideKind(input('Before and after', 'You opened the list and typed the code by hand.\n\nThen came a second screen where you can barely read the buttons.\n\nI moved the confirm step into the scan. As you can imagine, nobody missed it. The list loads faster now. Pickers like it.')).kind).toBe('story');
    expect(decideKind(input('Answering', 'You should lead with the result. I led with context once and lost the panel. Your answer needs a number.')).kind).toBe('reference');
  });

  it('explains itself in the hover', () => {
    expect(kindHover('reference', 'it is a list of questions')).toMatch(/^\*\*Reference notes\*\* \(not a story\) — it is a list of questions\./);
    expect(kindHover('story', 'it has a loop tag (#po)')).toMatch(/#notes/);
  });
});

describe('groups and parts', () => {
  it('a `##` over tagged `###` stories is a group, and those are the stories', () => {
    const doc = parsePrepDoc('---\nloop: pm\n---\n\n## PM loop\n\n### Grew activation #pm #metrics\n\nI grew it.\n\n### Priced the tier #pm #strategy\n\nI priced it.\n');
    expect(doc.sections.filter((s) => s.heading).map((s) => s.kind)).toEqual(['group', 'story', 'story']);
    expect(doc.stories.map((s) => s.heading.level)).toEqual([3, 3]);
  });

  it('`###` Situation/Task/Action/Result are the parts of one story', () => {
    const doc = parsePrepDoc('---\nloop: pm\n---\n\n## Cut churn\n\n### Situation\n\nChurn was 6%.\n\n### Action\n\nI called twenty customers.\n\n### Result\n\nChurn fell to 4%.\n');
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Cut churn']);
    expect(doc.stories[0].range.end.offset).toBe(doc.text.length);
  });

  it('a title over `##` Context / What I did / Results is one story told in parts', () => {
    const text = '---\nloop: pm\n---\n\n# Portal relaunch\n\n## Context\n\n- Led the portal redesign across 3 teams.\n\n## What I did\n\nI ran 20 interviews and we cut two features.\n\n## Results\n\n- Adoption 35% to 55%\n\n## Artifacts\n\n- PRD\n';
    const doc = parsePrepDoc(text);
    expect(doc.stories.map((s) => [s.heading.title, s.heading.level])).toEqual([['Portal relaunch', 1]]);
    expect(doc.stories[0].bodyEnd).toBe(text.indexOf('## Artifacts'));
    expect(doc.sections.filter((s) => s.heading).map((s) => `${s.heading!.title}:${s.kind}`)).toEqual(['Portal relaunch:story', 'Artifacts:reference']);
    expect(kindAt(doc, text.indexOf('Adoption'))).toBe('story');
    // Its findings sit on the title, where a tag goes.
    const untagged = lintText(text).findings.filter((f) => f.ruleId === 'untagged-story');
    expect(untagged.map((f) => f.range.start.line)).toEqual([4]);
    // Without a part that reads as a story, with one part only, or with a part tagged on its own, the sections stay apart.
    expect(parsePrepDoc(text.replace('## What I did\n\nI ran 20 interviews and we cut two features.', '## Approach\n\nInterviews and cuts.').replace('- Led the portal redesign across 3 teams.', 'The portal.')).stories).toEqual([]);
    expect(parsePrepDoc(text.replace('## What I did', '## Team').replace('## Results', '## Numbers so far')).stories.map((s) => s.heading.title)).toEqual(['Team']);
    expect(parsePrepDoc(text.replace('## What I did', '## What I did #pm')).stories.map((s) => s.heading.title)).toEqual(['What I did']);
  });

  it('reads tags the way other tools write them', () => {
    const doc = parsePrepDoc('---\nloop: po\ntags: [po]\n---\n\n## Kept the train on time\n#po/execution #stakeholders\n\nI moved two stories.\n\n## Wrote the stories\n\nI wrote them with QA.\n');
    const [a, b] = doc.stories;
    expect(a.loopTags.map((t) => t.name)).toEqual(['po']);
    expect(a.axisTags.map((t) => t.name)).toEqual(['execution', 'stakeholders']);
    expect(doc.text.slice(a.loopTags[0].range.start.offset, a.loopTags[0].range.end.offset)).toBe('#po');
    // Front-matter tags give every story the loop, without a tag of its own to fix.
    expect([b.loop, b.loopTags.length]).toEqual(['po', 0]);
    expect(lintText(doc.text).findings.filter((f) => f.ruleId === 'untagged-story')).toEqual([]);
  });
});

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
import { IncrementalLinter } from '../../src/core/incremental';
import { lintText } from '../../src/core/lint';
import { kindAt, parsePrepDoc, sectionSummaries } from '../../src/core/parse';
import { decideKind, kindHover, mayHeadStoryInParts, titleNamesArtifact, type SectionInput } from '../../src/core/sections';
import { storyProse } from '../../src/core/rules/util';
import { storyBody } from '../../src/core/story-text';
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

  it('quotes the text as its evidence, never the heading', () => {
    // "What I did" proves nothing: the reason quotes what the section says.
    expect(decideKind(input('What I did', '- Drafted the pricing page copy with marketing\n- Ran the weekly launch review with two squads\n')).reason).toBe('it recounts your own work ("Drafted the pricing page copy with marketing")');
    expect(decideKind(input('Shipped the checklist', 'The checklist went live for all new hires in June.')).reason).toBe('it recounts your own work ("The checklist went live for all new hires in June.")');
    // A compound adjective ("AI-powered", "user-centred") opens a card title; it is no past-tense verb.
    expect(decideKind(input('AI-powered search revamp', 'Relevance scores up 40% and support tickets down a quarter.')).kind).toBe('reference');
    expect(decideKind(input('Co-founded the guild', 'The guild met every second week for a year.')).kind).toBe('story');
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

  it('lets an account outvote a heading word that only qualifies another, never the artifact name itself', () => {
    const account = 'Last quarter I moved the invoice export out of the release and we still shipped reminders on time.';
    expect(decideKind(input('Scope slip', account))).toMatchObject({ kind: 'story', reason: expect.stringContaining('Last quarter I moved') });
    expect(decideKind(input('Billing model change', account)).kind).toBe('story');
    expect(decideKind(input('Scope', account)).kind).toBe('artifact');
    expect(decideKind(input('Out of scope', account)).kind).toBe('artifact');
    expect(decideKind(input('Roadmap: Q3', account)).kind).toBe('artifact');
    expect(decideKind(input('Tips for a model change', account)).kind).toBe('reference');
    expect(decideKind(input('Data model', '- Invoice: id, total\n- Line: invoice, product\n')).kind).toBe('artifact');
    // With no account in it, a weak heading still says what the section is.
    expect(decideKind(input('Scope creep', '- Custom reports\n- CSV for every table\n')).kind).toBe('artifact');
  });

  it('applies the same heading-word rule to a title: "# Scope slip" over an account told in parts is that story, "# Scope" stays an artifact', () => {
    const parts =
      '---\nloop: po\n---\n\n# Scope slip\n\n## Context\n\nThe import screen was promised to three pilot customers for June.\n\n' +
      '## What I did\n\nI found the mapping step was twice the size we sized, so I kept CSV import in June and moved Excel files to July.\n\n' +
      '## Result\n\nThe pilots imported their data on time, and Excel support followed four weeks later.\n';
    expect(parsePrepDoc(parts).stories.map((s) => s.heading.title)).toEqual(['Scope slip']);
    expect(parsePrepDoc(parts.replace('# Scope slip', '# Pricing model change')).stories.map((s) => s.heading.title)).toEqual(['Pricing model change']);
    // The artifact's own name keeps its say, as it does over a section.
    for (const title of ['Scope', 'Out of scope (v1)', 'Q3 roadmap']) {
      expect(parsePrepDoc(parts.replace('# Scope slip', `# ${title}`)).stories.map((s) => s.heading.title), title).toEqual(['What I did']);
    }
    expect([mayHeadStoryInParts('Scope slip'), mayHeadStoryInParts('Scope'), mayHeadStoryInParts('Out of scope'), mayHeadStoryInParts('Roadmap: Q3')]).toEqual([true, false, false, false]);
    // Under a title whose word only qualifies, the sections that recount decide; alone (for grouping chunks) the word may still name one.
    expect([titleNamesArtifact('Scope slip', () => true), titleNamesArtifact('Scope slip', () => false), titleNamesArtifact('Scope slip'), titleNamesArtifact('Scope', () => true)]).toEqual([false, true, true, true]);
    const linter = new IncrementalLinter();
    for (const step of [parts, parts.replace('# Scope slip', '# Scope'), parts]) expect(linter.lint(step).findings).toEqual(lintText(step).findings);
  });

  it('reads a section that is all a quote as its text, unless it is short or headed as what others said', () => {
    const told = '> "When I ran the pricing test, I kept the old plan for half the traffic and we saw upgrades rise by a tenth."';
    expect(decideKind(input('Pricing test', told)).kind).toBe('story');
    expect(decideKind(input('Pricing test', told.replace(/"/g, ''))).kind).toBe('story');
    expect(decideKind(input('Manager feedback', told))).toMatchObject({ kind: 'reference', reason: expect.stringContaining('only a quote') });
    expect(decideKind(input('Pricing test', '> "Our team shipped the clearest plan this year."')).kind).toBe('reference');
    expect(decideKind(input('Sample answer', told)).kind).toBe('reference');
    // A quote among notes is still an example the notes show, not the writer's account.
    expect(decideKind(input('Answering pricing questions', `Lead with the decision, then the data:\n\n${told}`)).kind).toBe('reference');
    expect(decideKind(input('Questions they ask', '- "What would you price first?"\n- "How do you know a plan works?"\n'))).toMatchObject({ kind: 'reference', reason: 'it is a list of questions' });
  });

  it('takes a pointer to more material for no advice ("Read more", a linked case study)', () => {
    const card = 'Dashboards for the support team.\n\nIn my first year I helped build the ticket dashboard the support leads used every morning.\n\n' +
      '**What it shows**\n- Problem framing: from raw exports to one daily view\n- Research: sitting with four support leads\n- Scoping: three charts first\n- Rollout: two teams, then all\n- Impact: triage time from 20 to 8 minutes\n\n' +
      '**Read more**\n- [The case study](https://example.com/case)\n- [Read the code](https://example.com/code)\n';
    expect(decideKind(input('Support dashboards', card)).kind).toBe('story');
    expect(decideKind(input('Support dashboards', `${card}\nRead every ticket yourself before you design.\n`)).kind).toBe('reference');
  });

  it('reads "so we could…" as the purpose of what you did, not as what you would do', () => {
    const body = 'The timeline needed the carrier API. I put the dependency on both boards,\nagreed a contract test with their PO, and ordered our work so we could demo with a stub.\n';
    expect(decideKind(input('Mapped the carrier dependency', body)).kind).toBe('story');
    expect(decideKind(input('Mapped the carrier dependency', 'I would map the dependency first. We could demo with a stub.')).kind).toBe('reference');
  });

  it('takes a worked example or a model answer for an illustration, with the label as its evidence', () => {
    const told = '- Joined the payments squad as PM.\n- Traced most failed payments to one card network.\n- Built a dashboard and moved the traffic; failures fell from 9% to 1%.\n';
    // The same text is a story under its own heading, and an illustration under one that names examples.
    expect(decideKind(input('Payments recovery', told)).kind).toBe('story');
    expect(decideKind(input('💡 Worked examples', told))).toEqual({ kind: 'reference', reason: 'its heading ("Worked examples") names worked examples or sample answers: illustrations of how to answer, not stories of your own work' });
    expect(decideKind(input('Sample answers', told)).kind).toBe('reference');
    // "My examples" and "Example 1: …" alone are how a story bank may name its own stories.
    expect(decideKind(input('My examples', told)).kind).toBe('story');
    expect(decideKind(input('Example 1: Payments recovery', told)).kind).toBe('story');
    // A label that gives the story to someone else; an account that only mentions a coach stays yours.
    const coach = `**Answer (true story from the instructor):**\n${told}`;
    expect(decideKind(input('Payments recovery', coach)).reason).toBe('it is labelled as someone else\'s story ("Answer (true story from the instructor)"): an illustration of an answer, not a story of your own work');
    expect(decideKind(input('Payments recovery', `${told}I took an example from the coach and shared it with both leads.\n`)).kind).toBe('story');
    // A poor answer paired with a good one is a model answer; one half alone proves nothing.
    const pair = '**Bad answer:** "I would talk to them."\n\n**Better answer:** I asked the tech lead what worried him and we rebuilt the plan together.\n';
    expect(decideKind(input('Disagreeing with engineering', pair)).reason).toBe('it pairs a poor answer with a good one ("Bad answer", "Better answer"): a model answer, not a story of your own work');
    expect(decideKind(input('Disagreeing with engineering', pair.replace('**Bad answer:** "I would talk to them."\n\n', ''))).kind).toBe('story');
    // Your tag keeps your word.
    expect(decideKind(input('Worked examples', told, { tags: ['pm'] })).kind).toBe('story');
  });

  it('takes a present-tense "how I do it" with no past event for an approach answer, not a story', () => {
    const how = 'I start from the outcome the team owns. Then I pick one number that moves with it, and I add a guard metric.\n';
    expect(decideKind(input('How do you measure success?', how))).toEqual({ kind: 'reference', reason: 'it answers "How do you measure success?" with how you usually go about it ("I start from the outcome the team owns.") and recounts no past event: an approach answer, not a story of your own work' });
    expect(decideKind(input('Measuring success', `${how}\n**My metrics framework:**\n- One outcome\n- One guard\n`)).reason).toMatch(/^it sets out your method \("My metrics framework"\) in the present tense \("I start from the outcome the team owns\."\)/);
    // One past event makes it an account again; so does a habit told under no question or method label.
    expect(decideKind(input('How do you measure success?', `${how}Last year I dropped page views for weekly active teams, and churn fell by a third.\n`)).kind).toBe('story');
    expect(decideKind(input('Measuring success', how)).kind).toBe('story');
    expect(decideKind(input('Refinement', 'I run refinement twice a week. I bring the top ten items and we size them together.')).kind).toBe('story');
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
    // Parts named otherwise are still one story when the doc's shape says so (see the next test)…
    expect(parsePrepDoc(text.replace('## What I did', '## Team').replace('## Results', '## Numbers so far')).stories.map((s) => s.heading.title)).toEqual(['Portal relaunch']);
    // …but not when a part is a story of its own under its own name.
    expect(parsePrepDoc(text.replace('## What I did', '## Acme: cut two features').replace('## Results', '## Numbers so far')).stories.map((s) => s.heading.title)).toEqual(['Acme: cut two features']);
    expect(parsePrepDoc(text.replace('## What I did', '## What I did #pm')).stories.map((s) => s.heading.title)).toEqual(['What I did']);
  });

  it('a title over parts with any names is one story by the doc\'s shape, and a story bank is not', () => {
    const text =
      '---\nloop: pm\n---\n\n# Trial-to-paid rethink\n\n## The spark\n\nI noticed that trial users never reached the pricing page.\n\n' +
      '## The knot\n\nSales wanted a longer trial; finance wanted a shorter one.\n\n## My call\n\nI proposed a two-step trial and ran it past both teams.\n\n' +
      '## Where it landed\n\nTrial-to-paid went from 9% to 13% in a quarter.\n\n## Looking back\n\nI would have asked finance in earlier.\n';
    const doc = parsePrepDoc(text);
    expect(doc.stories.map((s) => [s.heading.title, s.heading.level])).toEqual([['Trial-to-paid rethink', 1]]);
    expect(doc.stories[0].kindReason).toMatch(/^it is one story told in parts \("The spark", "The knot", "My call", "Where it landed" and 1 more\)/);
    expect(sectionSummaries(doc).map((s) => `${s.line}:${s.kind}`)).toEqual(['5:story']);
    // Its result is in the result part: story-result is quiet.
    expect(lintText(text).findings.filter((f) => f.ruleId === 'story-result')).toEqual([]);
    // No part named as the result, no part that is an account, or parts that are no first-person account together: apart.
    expect(parsePrepDoc(text.replace('## Where it landed', '## Pricing page')).stories.map((s) => s.heading.title)).toEqual(['The spark', 'My call']);
    const thirdPerson = text.replace('I noticed that', 'Somehow').replace('I proposed a two-step trial and ran it past both teams.', 'A two-step trial came up.').replace('I would', 'One could');
    expect(parsePrepDoc(thirdPerson).stories).toEqual([]);
    // A part that is a story under its own name, a tagged part, notes or a question keep the sections apart.
    expect(parsePrepDoc(text.replace('## My call', '## Led the two-step trial rollout')).stories.map((s) => s.heading.title)).toEqual(['The spark', 'Led the two-step trial rollout']);
    expect(parsePrepDoc(text.replace('## My call', '## My call #pm')).stories.map((s) => s.heading.title)).toEqual(['The spark', 'My call']);
    expect(parsePrepDoc(text.replace('## The knot', '## Tips')).stories.map((s) => s.heading.title)).toEqual(['The spark', 'My call']);
    // More parts than one story is told in: notes, not one story.
    const parts = (n: number) => Array.from({ length: n }, (_, i) => `## Move ${'ABCDEFGHIJKL'[i]}\n\nI moved the next item up.\n\n`).join('');
    const told = (n: number) => parsePrepDoc(`---\nloop: pm\n---\n\n# Trial-to-paid rethink\n\n${parts(n)}## The result\n\nConversion rose 4 points.\n`).stories.length;
    expect([told(11), told(12)]).toEqual([1, 12]);
  });

  it('a title naming one case study heads one story in steps, even with no part named as its result', () => {
    const text =
      '---\nloop: pm\n---\n\n# Case study: Moving billing to usage pricing\n\n## 1. Context\n\nWe inherited a seat-based plan that small teams kept leaving.\n\n' +
      '## 2. Signals\n\nChurned accounts had used only a few of their seats.\n\n## 3. Options\n\n| Option | Cost |\n|---|---|\n| Keep seats | none |\n| Usage tiers | a quarter |\n\n' +
      '## 4. Decision\n\nWe chose usage tiers and kept seats for the largest accounts.\n';
    const doc = parsePrepDoc(text);
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Case study: Moving billing to usage pricing']);
    // The ending story-result reads is the case's real end, not the end of its first part.
    const [f] = lintText(text).findings.filter((x) => x.ruleId === 'story-result');
    expect(f?.range.start.line).toBe(text.split('\n').indexOf('We chose usage tiers and kept seats for the largest accounts.'));
    // Without a case-study title, or over two parts only, the parts stay apart.
    expect(parsePrepDoc(text.replace('Case study: ', '')).stories.map((s) => s.heading.title)).toEqual(['1. Context', '4. Decision']);
    expect(parsePrepDoc(text.replace('Case study: Moving', 'Case studies: Moving')).stories.map((s) => s.heading.title)).toEqual(['1. Context', '4. Decision']);
    expect(parsePrepDoc(text.replace(/## 3\. Options[\s\S]*$/, '')).stories.map((s) => s.heading.title)).toEqual(['1. Context']);
    // The incremental linter reaches the same findings while the title and the steps change.
    const linter = new IncrementalLinter();
    const steps = [text, text.replace('Case study: ', ''), text, text.replace(/## 3\. Options[\s\S]*$/, ''), text, text.replace('We chose usage tiers', 'Usage tiers were chosen'), text.replace('Case study: Moving', 'Case studies: Moving'), text];
    for (const step of steps) expect(linter.lint(step).findings).toEqual(lintText(step).findings);
  });

  it('a story bank under a title stays a bank, even with a section named like a result', () => {
    const bank =
      '---\nloop: pm\n---\n\n# Story bank\n\n## Northwind: one-screen onboarding\n\nI cut the onboarding to one screen and activation rose from 30% to 41%.\n\n' +
      '## Cut the refund queue in half\n\n- Rebuilt the refund triage with support\n- Cut the queue from 400 to 190 tickets in six weeks\n\n' +
      '## Results I am proud of\n\n- Grew trial-to-paid by 4 points\n- Shipped the billing revamp on time\n';
    expect(parsePrepDoc(bank).stories.map((s) => s.heading.title)).toEqual(['Northwind: one-screen onboarding', 'Cut the refund queue in half', 'Results I am proud of']);
    // A bank sorted by theme: every theme an account of its own, or an account after the "result".
    const themes =
      '---\nloop: pm\n---\n\n# Behavioural stories\n\n## Leadership\n\nI took over a squad mid-quarter and we shipped the billing revamp two weeks early.\n\n' +
      '## Conflict\n\nI sat the design and data leads down together, and we agreed on one metric within 3 days.\n\n' +
      '## Impact\n\nI moved the paywall after the first project and trial-to-paid rose 4 points.\n';
    expect(parsePrepDoc(themes).stories.map((s) => s.heading.title)).toEqual(['Leadership', 'Conflict', 'Impact']);
    const after = `${themes.replace('I sat the design and data leads down together, and we agreed', 'The design and data leads sat down together and agreed')}\n## Ambiguity\n\nI wrote the first brief for a market nobody had sized.\n`;
    expect(parsePrepDoc(after).stories.map((s) => s.heading.title)).toEqual(['Leadership', 'Impact', 'Ambiguity']);
    // The same themes with a lesson after the result, and one part that only sets the scene: one story.
    const told = `${themes.replace('I sat the design and data leads down together, and we agreed', 'The design and data leads sat down together and agreed')}\n## Looking back\n\nI learned to ask for the metric first.\n`;
    expect(parsePrepDoc(told).stories.map((s) => s.heading.title)).toEqual(['Behavioural stories']);
  });

  it('a doc whose only heading is a title has its text judged as one section', () => {
    const answer = '---\nloop: pm\n---\n\n# How I decide what goes first\n\nI score each bet on reach and effort. Last spring I ranked twelve requests this way and we shipped the top three in one quarter.\n';
    const doc = parsePrepDoc(answer);
    expect(doc.stories.map((s) => [s.heading.title, s.heading.level])).toEqual([['How I decide what goes first', 1]]);
    expect(lintText(answer).findings.filter((f) => f.ruleId === 'untagged-story').map((f) => f.range.start.line)).toEqual([4]);
    // Reference notes under a sole title stay quiet: judged, not a story.
    const guide = '---\nloop: pm\n---\n\n# Prioritisation frameworks\n\nRICE scores reach, impact, confidence and effort. Use it when requests pile up.\n';
    expect(sectionSummaries(parsePrepDoc(guide)).map((s) => s.kind)).toEqual(['reference']);
    expect(lintText(guide).findings).toEqual([]);
    // With a second heading, the title is a title again.
    expect(parsePrepDoc(`${answer}\n## Notes\n\nRICE.\n`).stories).toEqual([]);
    expect(parsePrepDoc(`${answer}\n# Notes\n\nRICE.\n`).stories).toEqual([]);
  });

  it('`###` examples under a heading that names worked examples are no group of your stories', () => {
    const text =
      '---\nloop: pm\n---\n\n## Worked examples\n\n### Example 1: Cut churn\n\nI called twenty customers and churn fell from 6% to 4%.\n\n' +
      '### Example 2: Priced the tier\n\nI priced the team tier after ten sales calls, and upgrades doubled.\n';
    const doc = parsePrepDoc(text);
    expect(doc.stories).toEqual([]);
    expect(sectionSummaries(doc).map((s) => `${s.line}:${s.kind}`)).toEqual(['5:reference']);
    expect(lintText(text).findings.filter((f) => STORY_RULES.has(f.ruleId) || f.ruleId === 'story-result')).toEqual([]);
    // Under a heading of your own, the same sections are your stories; a tagged one makes the examples a group again.
    expect(parsePrepDoc(text.replace('## Worked examples', '## My stories')).stories.map((s) => s.heading.title)).toEqual(['Example 1: Cut churn', 'Example 2: Priced the tier']);
    expect(parsePrepDoc(text.replace('### Example 1: Cut churn', '### Example 1: Cut churn #pm')).stories.map((s) => s.heading.title)).toEqual(['Example 1: Cut churn', 'Example 2: Priced the tier']);
    // The incremental linter agrees with a fresh lint while the heading changes.
    const linter = new IncrementalLinter();
    for (const step of [text, text.replace('## Worked examples', '## My stories'), text, text.replace('Worked examples', 'Sample answers'), text]) expect(linter.lint(step).findings).toEqual(lintText(step).findings);
  });

  it('a case study told in parts keeps its user-story part an artifact, and tells the story without it', () => {
    const text =
      '---\nloop: pm\n---\n\n# Case study: Faster refunds\n\n## 1. Context & problem\n\nRefunds took nine days and I made the bet that instant credit would cut churn.\n\n' +
      '## 2. Problem statement\n\nCustomers waited too long for money they were owed.\n\n' +
      '## 3. User stories\n\n- As a shopper, I want my refund as store credit at once, so that I can reorder.\n\n' +
      '## 4. Delivery\n\nI sat with the squad through the build and wrote the criteria for partial refunds.\n\n## 5. Outcome\n\n- Refund time: 9 days to 1 hour.\n';
    const doc = parsePrepDoc(text);
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Case study: Faster refunds']);
    const story = doc.stories[0];
    // "Problem statement" is an artifact only by its heading: it stays in what the story tells.
    expect(story.materialParts?.map((p) => [p.label, p.told])).toEqual([
      ['2. Problem statement', true],
      ['3. User stories', false],
    ]);
    const at = (words: string) => kindAt(doc, text.indexOf(words));
    expect([at('As a shopper'), at('waited too long'), at('I sat with the squad'), at('Refund time')]).toEqual(['artifact', 'artifact', 'story', 'story']);
    expect(storyBody(doc, story).text).not.toContain('As a shopper');
    expect(storyBody(doc, story).text).toContain('waited too long');
    expect(storyProse(doc, story).text).not.toContain('As a shopper');
    // The artifact rules still read the user story; the story rules read the account.
    const findings = lintText(text).findings;
    expect(findings.filter((f) => f.ruleId === 'acceptance-criteria-missing').map((f) => f.range.start.line + 1)).toEqual([17]);
    expect(findings.filter((f) => f.ruleId === 'story-result' || f.ruleId === 'loop-drift')).toEqual([]);
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

describe('advice to the reader inside a story', () => {
  const doc = (body: string) => `---\nloop: pm\n---\n\n# Behavioural\n\n## Missed deadline\n\n${body}\n`;
  const account = 'At an agency I misjudged an old billing integration and we slipped by two weeks. I re-planned with the client and added a longer discovery phase to the next project.';

  it('leaves "How to Answer" and "What they\'re looking for" out of what the story rules and the classifier read, but keeps them the story\'s text', () => {
    const text = doc(`**What they're looking for:** You should show how you grew from the miss.\n\n#### How to Answer\n\nShow ownership and your personal growth. Keep it under two minutes.\n\n#### Example Answer\n\n${account}`);
    const parsed = parsePrepDoc(text);
    const story = parsed.stories[0];
    expect(story.guidanceParts?.map((p) => p.label)).toEqual(["What they're looking for", 'How to Answer']);
    expect(storyProse(parsed, story).text).not.toMatch(/growth|grew/);
    expect(storyProse(parsed, story).text).toContain('discovery phase');
    expect(kindAt(parsed, text.indexOf('Show ownership'))).toBe('story');
    expect(story.kindReason).toContain('At an agency');
    const untagged = lintText(text).findings.find((f) => f.ruleId === 'untagged-story');
    expect(untagged?.message).not.toMatch(/growth/);
  });

  it('is reference notes when the advice is all it holds', () => {
    const text = doc('#### How to Answer\n\nUse the STAR structure and keep it short.\n- Situation: the context and the date that slipped\n- Task: what was on you and who depended on it\n- Action: the steps you took to get the plan back\n- Result: what changed afterwards, with a number');
    const parsed = parsePrepDoc(text);
    expect(parsed.stories).toEqual([]);
    expect(parsed.sections.find((s) => s.heading?.title === 'Missed deadline')?.kind).toBe('reference');
  });

  it('keeps a part titled "Approach" that is told in the first person', () => {
    const text = doc(`#### Approach\n\nI approached it by ranking every request against the growth goal, then I cut the export feature.\n\n#### Result\n\nActivation went from 31% to 38% in a month.`);
    const parsed = parsePrepDoc(text);
    expect(parsed.stories[0].guidanceParts).toBeUndefined();
    expect(storyProse(parsed, parsed.stories[0]).text).toContain('approached it by ranking');
  });
});

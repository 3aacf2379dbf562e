/**
 * The doc-level judgement (`genre.ts`): a template to fill in or a guide for a reader, decided once
 * per doc with its evidence; the writer's own notes otherwise, also when they came from a template.
 */
import { describe, expect, it } from 'vitest';
import { countSlots } from '../../src/core/genre';
import { IncrementalLinter } from '../../src/core/incremental';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';

const genreOf = (body: string, front = 'loop: pm') => parsePrepDoc(`---\n${front}\n---\n\n${body}`).genre;

const TEMPLATE = [
  '# Launch plan template',
  '',
  '## Feature: [Feature name]',
  '',
  '- Owner: [Name]',
  '- Problem: [The user problem]',
  '',
  '## Rollout',
  '',
  '- Success criteria: 30% of beta users finish setup',
  '',
].join('\n');

describe('doc genre', () => {
  it('calls a doc a template when its title says so and it holds slots to fill in, and says why', () => {
    const g = genreOf(TEMPLATE);
    expect(g?.genre).toBe('template');
    expect(g?.reason).toMatch(/^its title \("Launch plan template"\) names a template, and it holds 3 placeholders to fill in$/);
  });

  it('keeps a doc the writer filled in from a template as their own notes', () => {
    expect(genreOf(TEMPLATE.replace('Launch plan template', 'Saved carts launch (from the team template)'))).toBeUndefined();
    // A template title over a doc with its slots filled in and no cue to fill it in.
    expect(genreOf(TEMPLATE.replace(/\[[^\]]+\]/g, 'Saved carts'))).toBeUndefined();
    // Accounts of the writer's own work outweigh a few slots left open.
    const told = '\n## What I did\n\nI ran the pilot. We shipped in May. I cut two features. We grew signups. I led the review.\n';
    expect(genreOf(TEMPLATE + told)).toBeUndefined();
  });

  it('calls a doc a template when slots fill many of its sections, even without the word', () => {
    const body = ['# Launch', ...['One', 'Two', 'Three'].map((n) => `\n## ${n}\n\n- Owner: [Name]\n- Metric: [Metric name] from [baseline] to [target]\n`)].join('\n');
    expect(genreOf(body)?.reason).toBe('3 of its 4 sections hold placeholders (12 placeholders to fill in)');
    // A case study with two numbers left blank is the writer's story, not a template.
    expect(genreOf('# Paywall case study\n\n## The hook\n\nI cut the paywall and conversion rose [X%].\n\n## Result\n\nWe gained [X] subscribers.\n')).toBeUndefined();
  });

  it('reads "guide" as a noun only, and wants the text to address the reader', () => {
    const advice = '\n## First steps\n\nStart with the funnel. You should ask what the user wants.\n';
    expect(genreOf(`# Execution interview guide for PMs\n${advice}`)?.genre).toBe('guide');
    expect(genreOf(`# Checkout product teardown\n${advice}`)?.genre).toBe('guide');
    expect(genreOf(`# Using data to guide your product roadmap\n${advice}`)).toBeUndefined();
    // A "guide" that is the writer's accounts is their notes.
    expect(genreOf('# My guide to my own stories\n\n## Launch\n\nI led the launch. We cut scope in May.\n')).toBeUndefined();
  });

  it('takes the front matter at its word', () => {
    expect(genreOf('## Notes\n\nPlain text.\n', 'loop: pm\ntype: template')?.reason).toBe('its front matter says so (type: template)');
    expect(genreOf('## Notes\n\nPlain text.\n', 'loop: pm\ntype: guide')?.genre).toBe('guide');
    expect(genreOf(TEMPLATE, 'loop: pm\ntype: notes')).toBeUndefined();
    expect(genreOf('## Notes\n\nPlain text.\n', 'loop: pm\ntitle: PRD template\n# [Owner] [Problem] [Goal]')).toBeUndefined();
  });

  it('does not count citations, links, checkboxes or footnotes as slots', () => {
    expect(countSlots('A method [R1]. See [the docs](https://x.y) and [Scrum][1]. [ ] done [x] [^2] [12]')).toBe(0);
    expect(countSlots('- [Feature name] for <persona> lifts {metric} by XX%')).toBe(4);
    // Curly slots as templates write them: snake_case, mustache, capitalised words.
    expect(countSlots('{how_do_we_know_it_worked} then {{company_name}} and {Feature Name}')).toBe(3);
    // Not LaTeX, a template literal or one letter in braces.
    expect(countSlots('$\\frac{a}{b}$, \\text{revenue}, ${userName} and {x}')).toBe(0);
  });

  it('counts curly slots, so a skeleton brief written with them is a template', () => {
    const sections = ['Problem', 'Audience', 'Metrics'].map((n) => `\n## ${n}\n\nInstruction: say it in one line.\n\n{${n.toLowerCase()}_statement}\n\n{${n.toLowerCase()}_evidence}\n\n{{owner_name}}\n`);
    expect(genreOf(['# Brief', ...sections].join('\n'))?.reason).toBe('3 of its 4 sections hold placeholders (9 placeholders to fill in)');
  });

  it('gives the incremental linter the same genre, and so the same findings, while an edit turns it on and off', () => {
    const linter = new IncrementalLinter();
    const front = '---\nloop: pm\n---\n\n';
    const steps = [
      front + TEMPLATE,
      front + TEMPLATE.replace('Launch plan template', 'Launch plan'),
      front + TEMPLATE.replace('Launch plan template', 'Launch plan') + '\n## Later\n\n- [Owner] and [Date] for [Stage]\n',
      front + TEMPLATE,
      front.replace('loop: pm', 'loop: pm\ntype: notes') + TEMPLATE,
      `${front}# Acme product teardown\n\n## Riders\n\n- Delayed travellers in airports care more about pickup than price.\n- Stranded commuters at night open the app twice as often.\n\n## Tips\n\nYou should start with the funnel.\n`,
      `${front}# Acme product\n\n## Riders\n\n- Delayed travellers in airports care more about pickup than price.\n- Stranded commuters at night open the app twice as often.\n\n## Tips\n\nYou should start with the funnel.\n`,
    ];
    for (const text of steps) {
      const fresh = lintText(text);
      const got = linter.lint(text);
      expect(got.findings).toEqual(fresh.findings);
      expect(got.overview?.stories).toBe(fresh.doc!.stories.length);
    }
    expect(lintText(steps[0]).findings.filter((f) => f.ruleId === 'metric-target')).toEqual([]);
    expect(lintText(steps[1]).findings.filter((f) => f.ruleId === 'metric-target')).toHaveLength(1);
    expect(lintText(steps[5]).doc!.stories).toHaveLength(0);
    expect(lintText(steps[6]).doc!.stories).toHaveLength(1);
  });
});

/**
 * Every rule fixture: the exact set of expected findings (too few and too many both fail), and
 * for fixable fixtures, the text after applying the fixes (re-linted clean of that rule's fixes).
 */
import { describe, expect, it } from 'vitest';
import { applyFindingFixes, fixUntilStable } from '../../src/core/fix';
import { lexiconFor, lintText } from '../../src/core/lint';
import { defaultConfig } from '../../src/core/config';
import { parsePrepDoc } from '../../src/core/parse';
import { RULES } from '../../src/core/rules/index';
import { loadRuleFixtures, runFixture } from './helpers/fixtures';

const fixtures = loadRuleFixtures();

describe('rule fixtures', () => {
  it('every rule has fixtures where it fires and where it stays silent', () => {
    for (const rule of RULES) {
      const own = fixtures.filter((f) => f.name.startsWith(`${rule.id}/`));
      // An expectation is "line:rule" or, with its range pinned, 'line:rule "words"'.
      const fires = (e: string) => e.slice(e.indexOf(':') + 1).split(' ')[0] === rule.id;
      expect(own.some((f) => f.expected.some(fires)), `${rule.id} has a firing fixture`).toBe(true);
      expect(own.some((f) => !f.expected.some(fires)), `${rule.id} has a silent fixture`).toBe(true);
    }
  });

  for (const f of fixtures) {
    it(f.name, () => {
      expect(f.configProblems).toEqual([]);
      const { actual, related, findings } = runFixture(f);
      expect(actual).toEqual(f.expected);
      if (f.related) expect(related).toEqual(f.related);
      for (const finding of findings) {
        expect(finding.message.length).toBeGreaterThan(20);
        expect(finding.range.end.offset).toBeGreaterThanOrEqual(finding.range.start.offset);
      }
      if (findings.some((x) => x.fixes?.length && !x.fixes[0].manual)) {
        // As --fix does it: whole fixes per pass, re-lint between passes, until nothing is left.
        const fixed = fixUntilStable(f.text, findings, (t) => runFixture(f, t).findings).text;
        expect(fixed).not.toBe(f.text);
        const after = runFixture(f, fixed);
        const stillFixable = after.findings.filter((x) => x.fixes?.length && !x.fixes[0].manual && f.rule && x.ruleId === f.rule);
        expect(stillFixable.map((x) => `${x.range.start.line + 1}:${x.message}`)).toEqual([]);
        expect(fixed).toMatchSnapshot();
      }
    });
  }
});

describe('fix-all is safe', () => {
  // Applying every preferred fix must never leave a warning or error that was not there before,
  // and must settle: a second pass changes nothing that the first did not.
  const serious = (text: string, f: (typeof fixtures)[number]) =>
    new Set(lintText(text, { config: f.config, filePath: f.filePath }).findings.filter((x) => x.severity === 'warning' || x.severity === 'error').map((x) => x.ruleId));
  for (const f of fixtures) {
    it(f.name, () => {
      let text = f.text;
      const before = serious(text, f);
      const loopBefore = lintText(text, { config: f.config, filePath: f.filePath }).doc?.loop;
      const relint = (t: string) => lintText(t, { config: f.config, filePath: f.filePath }).findings;
      const settled = fixUntilStable(text, relint(text), relint);
      expect(settled.settled).toBe(true);
      text = settled.text;
      expect(applyFindingFixes(text, lintText(text, { config: f.config, filePath: f.filePath }).findings)).toBe(text);
      // A fixed loop line turns the loop checks on; what they then find is not the fix's doing.
      if (lintText(text, { config: f.config, filePath: f.filePath }).doc?.loop !== loopBefore) return;
      const added = [...serious(text, f)].filter((r) => !before.has(r));
      expect(added).toEqual([]);
    });
  }
});

describe('rule examples', () => {
  for (const rule of RULES) {
    it(`${rule.id} examples`, () => {
      for (const text of rule.examples.invalid) expect(lintText(text).findings.some((x) => x.ruleId === rule.id), text).toBe(true);
      for (const text of rule.examples.valid) expect(lintText(text).findings.some((x) => x.ruleId === rule.id), text).toBe(false);
    });
  }
});

describe('severity by how much there is to judge', () => {
  it('no-scrum-mechanics is an info on a one-story doc (often one file of a portfolio) and a warning on more', () => {
    const one = fixtures.find((f) => f.name === 'no-scrum-mechanics/one-story-info.md')!;
    const two = fixtures.find((f) => f.name === 'no-scrum-mechanics/po-none.md')!;
    const severity = (f: typeof one) => runFixture(f).findings.filter((x) => x.ruleId === 'no-scrum-mechanics').map((x) => x.severity);
    expect(severity(one)).toEqual(['info']);
    expect(severity(two)).toEqual(['warning']);
  });

  it('no-scrum-mechanics quotes only words of the trade as passing mentions', () => {
    const doc = (story: string) =>
      `---\nloop: po\n---\n\n## Calmed a key account #po #stakeholders\n\n${story} I set up a weekly call with their operations lead and shared a status page, and support answered within the hour.\n\n## Picked a label printer vendor #po #execution\n\nI compared three vendors on price and driver support, wrote a one-page comparison for the director and ran the rollout to four depots over a month.\n`;
    const message = (story: string) => lintText(doc(story)).findings.find((x) => x.ruleId === 'no-scrum-mechanics')?.message ?? '';
    // A parcel's delivery is not a Scrum word: no "in passing" quote of it.
    expect(message('They kept calling about missing delivery scans.')).toMatch(/never talks Scrum mechanics/);
    expect(message('We shipped the status page within one sprint.')).toMatch(/only in passing \("sprint"\)/);
  });

  it('every summary rule reports the same from pre-merged parts as from the parts one by one', () => {
    // The incremental linter pre-merges the summaries of runs it did not re-read; "Sprint" in one
    // story and "sprint" in the next must still be quoted as one word, whichever way they meet, and
    // a finding that points at what several parts hold must point at the same places.
    const scrum =
      '---\nloop: po\n---\n\n## Calmed a key account #po #stakeholders\n\nWe shipped the status page within one Sprint. I set up a weekly call with their operations lead and support answered within the hour.\n\n' +
      '## Picked a label printer vendor #po #execution\n\nI compared three vendors and wrote a one-page comparison for the director; we rolled it out over one sprint.\n\n' +
      '## Ran the depot rollout #po #execution\n\nI trained four depot leads on the new printers and collected their feedback in Jira over a month.\n';
    const checklists =
      '---\nloop: po\n---\n\n## Loans\n\nAs a member, I want to renew a loan, so that I avoid a fee.\n\nAcceptance criteria:\n\n- The renew button is shown\n- The due date moves by two weeks\n\n' +
      '## Holds\n\nAs a member, I want to place a hold, so that I get the book next.\n\nAcceptance criteria:\n\n- Given every copy is out, when I place a hold, then I see my place in the queue.\n\n' +
      '## Desk\n\nAs a librarian, I want to check in many books, so that the queue stays short.\n\nAcceptance criteria:\n\n- Twenty books scan in one go\n\n' +
      '## Cards\n\nAs a member, I want to change my PIN, so that my card stays mine.\n\nAcceptance criteria:\n\n- A 3-digit PIN is refused\n';
    const config = defaultConfig();
    const lexicon = lexiconFor(config.lexicon);
    const ranged = new Set<string>();
    for (const text of [scrum, checklists]) {
      const doc = parsePrepDoc(text);
      for (const rule of RULES) {
        if (!rule.summaries) continue;
        const setting = config.rules[rule.id];
        const run = (sections: typeof doc.sections) => {
          const stories = doc.stories.filter((st) => sections.some((x) => x.range.start.line === st.range.start.line));
          return rule.summaries!.summarize({ doc, options: setting.options, lexicon, report: () => {} }, { sections, stories });
        };
        const parts = doc.sections.map((x) => run([x]));
        const reports = (values: unknown[]) => {
          const out: string[] = [];
          rule.summaries!.combine({ doc, options: setting.options, lexicon, report: (r) => out.push(JSON.stringify([r.range, r.message, r.related, r.severity])) }, values);
          return out;
        };
        const whole = reports([run(doc.sections)]);
        expect(reports(parts), rule.id).toEqual(whole);
        expect(reports([parts.reduce((a, b) => rule.summaries!.merge(a, b))]), rule.id).toEqual(whole);
        // Merged in pairs from the end as well as from the start.
        expect(reports([parts.reduceRight((b, a) => rule.summaries!.merge(a, b))]), rule.id).toEqual(whole);
        if (whole.some((r) => JSON.parse(r)[2])) ranged.add(rule.id);
        if (rule.id === 'no-scrum-mechanics' && text === scrum) expect(whole.join()).toMatch(/only in passing \(\\"Sprint\\", \\"Jira\\"\)/);
        if (rule.id === 'acceptance-criteria-testable' && text === checklists) expect(whole.join()).toMatch(/The criteria of 3 user stories in this doc are checklists/);
      }
    }
    // A summary that leads to ranges in a finding is moved when the incremental linter reuses it.
    for (const id of ranged) expect(RULES.find((r) => r.id === id)!.summaries!.move, id).toBeDefined();
  });

  it('acceptance-criteria-testable names the other checklist stories by their heading, or by a short form of their sentence', () => {
    const f = loadRuleFixtures().find((x) => x.file.endsWith('checklists-named-by-heading.md'))!;
    const [advice] = lintText(f.text).findings.filter((x) => x.ruleId === 'acceptance-criteria-testable');
    expect(advice.related?.map((r) => r.message)).toEqual([
      // The heading that holds this story alone names it.
      'Checklist criteria too, under "US-12: Export reading list"',
      // Two stories under one heading: each by its sentence (its ID kept, its benefit left out).
      'Checklist criteria too, for "US-13: As a reader, I want to share a shelf with…"',
      'Checklist criteria too, for "As a reader, I want to follow the shelf of a…"',
      // "Backlog" names no story in particular.
      'Checklist criteria too, for "As a librarian, I want to mark a book as damaged"',
      // A bold title line with an ID right above the story names it as a heading would; one without an ID does not.
      'Checklist criteria too, under "US-20: Yearly reading goal"',
      'Checklist criteria too, for "As a reader, I want to see how many days in a…"',
    ]);
  });

  it('acceptance-criteria-missing says a story\'s only list was read as its Definition of Done', () => {
    const f = fixtures.find((x) => x.name === 'acceptance-criteria-missing/definition-of-done-only.md')!;
    const [missing] = runFixture(f).findings;
    expect(missing.severity).toBe('warning');
    expect(missing.message).toMatch(/The "Definition of Done" list under it is read as the team's quality checklist, not this story's criteria/);
  });

  it('prd-missing-section names the panel of the doc it is in', () => {
    const prd = '## PRD: Saved carts\n\n### Problem\n\nShoppers lose their cart when they switch devices.\n\n### Requirements\n\n1. Keep the cart for 30 days\n';
    const panel = (loop: string) => lintText(`---\nloop: ${loop}\n---\n\n${prd}`).findings.find((x) => x.ruleId === 'prd-missing-section')?.message.match(/A (?:P[MO] )?panel/)?.[0];
    expect([panel('pm'), panel('po'), panel('hybrid')]).toEqual(['A PM panel', 'A PO panel', 'A panel']);
  });

  it('prd-missing-section says target users quietly when the doc names them in one place only', () => {
    const base = '## Goals\n\n- Goal: refunds from 9% to 5% by end of Q3\n\n## Non-goals\n\n- Store credit\n\n## Requirements\n\n1. Refund in two clicks\n\n## Risks\n\n- Abuse of free returns\n';
    const lint = (problem: string, stories = '') =>
      lintText(`---\nloop: po\n---\n\n# PRD: Easy refunds\n\n## Problem\n\n${problem}\n\n${stories}${base}`).findings.filter((x) => x.ruleId === 'prd-missing-section');
    const named = 'Customers who return an item wait a week for their money.';
    const stories = '## Stories\n\n- As a customer, I want my refund at once, so that I can buy again.\n\n';
    // Named in the problem and in the stories' roles: covered in substance.
    expect(lint(named, stories)).toEqual([]);
    // Named in the problem only: info, quoting what was found.
    const quiet = lint(named);
    expect(quiet.map((f) => f.severity)).toEqual(['info']);
    expect(quiet[0].message).toContain('its problem statement names them ("Customers who return an item');
    // Named nowhere: the warning stands.
    expect(lint('Refunds take a week.').map((f) => f.severity)).toEqual(['warning']);
  });

  it('loop-drift says why a word read in one of its senses counts', () => {
    const text =
      '---\nloop: po\n---\n\n## Tested demand before the build #po #strategy\n\nNobody knew whether dentists would book online. I cut the scope to an MVP with one clinic, tested the riskiest assumption first, and pitched the business case to the CFO once bookings came in.\n';
    const drift = lintText(text).findings.filter((x) => x.ruleId === 'loop-drift');
    expect(drift).toHaveLength(1);
    const related = (drift[0].related ?? []).map((r) => r.message);
    expect(related.some((m) => /"scope" \(scoped to learn something, next to "MVP": MVP discovery work\)/.test(m))).toBe(true);
    // Plain words carry no reason.
    expect(related.some((m) => /"riskiest assumption"$/.test(m))).toBe(true);
  });

  it('loop-drift is a warning with three or more different pieces of evidence and an info on a two-word lean', () => {
    const drift = (text: string) => lintText(text).findings.filter((x) => x.ruleId === 'loop-drift');
    const sure = drift('---\nloop: pm\n---\n\n## Kept the squad on track #pm #execution\n\nI ran backlog refinement twice a week, split a 13-point story so it fit the sprint, wrote acceptance criteria with QA and protected the sprint goal from scope creep.\n');
    expect(sure.map((x) => x.severity)).toEqual(['warning']);
    expect(sure[0].message).toMatch(/or move it to a PO-loop doc\.$/);
    const lean = drift('---\nloop: po\n---\n\n## Kept the launch honest #po\n\nI kept the release true to our product vision and the product vision held; I won buy-in for it from every team lead.\n');
    expect(lean).toHaveLength(1);
    for (const f of lean) {
      expect(f.severity).toBe('info');
      expect(f.message).toMatch(/only \d words? points? that way/);
      expect(f.message).not.toMatch(/vision and vision|vision, vision/);
    }
  });
});

/**
 * Criteria kept away from their stories in the same doc, keyed by the story's ID or title
 * (`linkArtifacts`): which story gets them, which keeps its warning, and what
 * `acceptance-criteria-missing` says when the doc's criteria name no story.
 */
import { describe, expect, it } from 'vitest';
import { headingName } from '../../src/core/elsewhere';
import { IncrementalLinter } from '../../src/core/incremental';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';
import { idInLabel } from '../../src/core/story-name';

const FRONT = '---\nloop: po\n---\n\n# Ferry tickets\n\n';
const STORIES = [
  '## Travellers',
  '',
  '- **FER-1**: As a traveller, I want to buy a ticket on my phone, so that I skip the queue.',
  '- **FER-2**: As a traveller, I want to change my sailing, so that a late train does not cost me the trip.',
  '',
].join('\n');

const criteriaOf = (text: string) => parsePrepDoc(text).artifacts.userStories.map((u) => u.criteria.map((c) => c.text.slice(0, 20)));
const missing = (text: string) =>
  lintText(text)
    .findings.filter((f) => f.ruleId === 'acceptance-criteria-missing')
    .map((f) => ({ line: f.range.start.line + 1, severity: f.severity, message: f.message, related: f.related?.map((r) => r.range.start.line + 1) }));

describe('criteria linked to a story by name', () => {
  it('gives the criteria under "### FER-1: …" to FER-1 only, and says where they came from', () => {
    const text = FRONT + STORIES + '\n## Acceptance criteria examples\n\n### FER-1: Buy on the phone\n\n**Given** a sailing with free seats\n**When** I pay with a card\n**Then** the ticket shows a QR code\n';
    const doc = parsePrepDoc(text);
    const [first, second] = doc.artifacts.userStories;
    expect(first.criteria.map((c) => c.keyword)).toEqual(['given', 'when', 'then']);
    expect(doc.text.slice(first.criteriaFrom!.start.offset, first.criteriaFrom!.end.offset)).toBe('### FER-1: Buy on the phone');
    expect(second.criteria).toEqual([]);
    expect(missing(text).map((f) => [f.line, f.severity])).toEqual([[10, 'warning']]);
  });

  it('takes the same ID in the label of a plain "Acceptance criteria" heading, and under a label line', () => {
    const heading = FRONT + STORIES + '\n## Acceptance criteria for FER-2\n\n- Given a ticket for 9:00, when I move it to 11:00, then the 9:00 seat is freed.\n';
    expect(criteriaOf(heading)).toEqual([[], ['Given a ticket for 9']]);
    const label = FRONT + STORIES + '\n## Notes\n\nAcceptance criteria (FER-2):\n\n- Given a ticket for 9:00, when I move it to 11:00, then the 9:00 seat is freed.\n';
    expect(criteriaOf(label)).toEqual([[], ['Given a ticket for 9']]);
  });

  it('links by title only when one story fits it, and never by the heading the story itself sits under', () => {
    const byGoal = FRONT + STORIES + '\n## Criteria samples\n\n### Change my sailing\n\n- Given a ticket for 9:00, when I move it to 11:00, then the 9:00 seat is freed.\n';
    expect(criteriaOf(byGoal)).toEqual([[], ['Given a ticket for 9']]);
    // "Travellers" is the heading of both stories: it names neither.
    const shared = FRONT + STORIES + '\n## Criteria\n\n### Travellers\n\n- Given a ticket for 9:00, when I move it to 11:00, then the 9:00 seat is freed.\n';
    expect(criteriaOf(shared)).toEqual([[], []]);
  });

  it('leaves criteria for an ID that no story of the doc has to that story, and the warnings stand', () => {
    const text = FRONT + STORIES + '\n## Acceptance criteria examples\n\n### FER-9: Pets on board\n\n- Given a dog ticket, when I board, then the crew sees it on the manifest.\n';
    expect(criteriaOf(text)).toEqual([[], []]);
    expect(missing(text).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('is honest when the criteria name no story: info that points at them, not "no acceptance criteria"', () => {
    const text = FRONT + STORIES + '\n## Acceptance criteria examples\n\n- Given a sailing with free seats, when I pay, then the ticket shows a QR code.\n';
    expect(criteriaOf(text)).toEqual([[], []]);
    const found = missing(text);
    expect(found.map((f) => [f.line, f.severity, f.related])).toEqual([
      [9, 'info', [12]],
      [10, 'info', [12]],
    ]);
    expect(found[0].message).toContain('under "Acceptance criteria examples", but that heading names no story');
    expect(found[1].message).toContain('starts with the story\'s ID ("FER-2: …")');
  });

  it('in a section keyed by story, criteria under a subheading that names no story go to no story, said as info', () => {
    const text = FRONT + STORIES + '\n## Acceptance criteria\n\n### FER-1\n\n- Given free seats, when I pay, then I get a QR code.\n\n### Refunds\n\n- Given a cancelled sailing, when I open my ticket, then I can ask for a refund.\n';
    expect(criteriaOf(text)).toEqual([['Given free seats, wh'], []]);
    const found = missing(text);
    expect(found.map((f) => [f.line, f.severity, f.related])).toEqual([[10, 'info', [18]]]);
    expect(found[0].message).toContain('under "Refunds"');
    // With no subheading that names a story, the section's criteria go to the stories before it, as before.
    expect(criteriaOf(text.replace('### FER-1', '### Happy path'))).toEqual([
      ['Given free seats, wh', 'Given a cancelled sa'],
      ['Given free seats, wh', 'Given a cancelled sa'],
    ]);
  });

  it('keeps the old warning when the only criteria elsewhere are prose about criteria, not Given/When/Then', () => {
    const text = FRONT + STORIES + '\n## Why short criteria help\n\nAcceptance criteria:\n\n- Short lists are easier to read in planning.\n';
    expect(missing(text).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('points at no section that only defines the Gherkin keywords or names them in a tip', () => {
    const glossary = '## Keywords\n\n- **Given**\n    - the state the user starts from\n- **When**\n    - the thing the user does\n- **Then**\n    - what the user sees\n\n## Tips\n\n- Keep your given, when and then steps short\n';
    const [f] = missing(FRONT + STORIES + '\n' + glossary);
    expect(f.severity).toBe('warning');
    expect(f.message).not.toMatch(/The doc has acceptance criteria under/);
    // A real step under a heading that names no story still gets the pointer.
    const real = missing(FRONT + STORIES + '\n' + glossary + '\n## Examples\n\n- Given a full sailing, when I search, then it is shown as sold out.\n');
    expect(real[0].severity).toBe('info');
    expect(real[0].message).toMatch(/The doc has acceptance criteria under "Examples"/);
  });

  it('gives an incremental lint the same findings after an edit far from the criteria', () => {
    const text = FRONT + STORIES + '\n## Middle\n\nSome words.\n\n## Acceptance criteria examples\n\n### FER-1: Buy on the phone\n\n- Given a sailing with free seats, when I pay, then the ticket shows a QR code.\n';
    const linter = new IncrementalLinter();
    linter.lint(text);
    const edited = text.replace('Some words.', 'Some other words.');
    const strip = (fs: { ruleId: string; range: unknown; message: string; severity: string }[]) => fs.map((f) => [f.ruleId, f.range, f.message, f.severity]);
    expect(strip(linter.lint(edited).findings)).toEqual(strip(lintText(edited).findings));
    expect(missing(edited).map((f) => f.line)).toEqual([10]);
  });
});

describe('story IDs in headings and labels', () => {
  it('reads an issue number as an ID, and an ID anywhere in a criteria label', () => {
    expect(headingName('#14 Due-date reminder')).toEqual({ id: '#14', title: 'due date reminder' });
    expect(idInLabel('Acceptance criteria for US-12:')).toBe('us12');
    expect(idInLabel('AC (Story 3)')).toBe('story3');
    expect(idInLabel('Acceptance criteria')).toBeUndefined();
    expect(idInLabel('Criteria for US-1 and US-2')).toBeUndefined();
  });
});

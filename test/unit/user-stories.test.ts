/**
 * The user-story parser: which paragraphs and list items are stories, the exact ranges of their
 * parts, which criteria belong to them, and where a criteria skeleton goes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainMarkdown, type UserStory } from '../../src/core/artifacts/user-stories';
import { applyEdits } from '../../src/core/fix';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';
import { skeletonFix } from '../../src/core/rules/acceptance-criteria-missing';
import { findCompoundAsk } from '../../src/core/rules/user-story-atomic';
import type { Range } from '../../src/core/types';

const FRONT = '---\nloop: po\n---\n\n## Backlog\n\n';

function stories(body: string): { text: string; list: UserStory[] } {
  const text = FRONT + body;
  return { text, list: parsePrepDoc(text).artifacts.userStories };
}

function only(body: string): { text: string; story: UserStory } {
  const { text, list } = stories(body);
  expect(list, body).toHaveLength(1);
  return { text, story: list[0] };
}

/** The document text a range covers. */
function at(text: string, range: Range | undefined): string | undefined {
  return range ? text.slice(range.start.offset, range.end.offset) : undefined;
}

describe('recognising user stories', () => {
  it.each([
    ['As a shopper, I want to save my basket, so that I can finish later.', 'shopper', 'I want to', 'save my basket', 'so that', 'I can finish later'],
    ['As an admin I want to lock an account so that a leaked password stops working', 'admin', 'I want to', 'lock an account', 'so that', 'a leaked password stops working'],
    ['As a **night-shift nurse**, I need the ward list sorted by risk, so I can see who to check first.', 'night-shift nurse', 'I need', 'the ward list sorted by risk', 'so', 'I can see who to check first'],
    ["As a tenant, I'd like to pay rent by card in order to keep my bank transfers free.", 'tenant', "I'd like to", 'pay rent by card', 'in order to', 'keep my bank transfers free'],
    ['As a coach I would like to be able to copy last week\'s plan because most weeks repeat.', 'coach', 'I would like to be able to', "copy last week's plan", 'because', 'most weeks repeat'],
    ['**As a** reviewer, I can leave a comment on one line, so that feedback stays in context.', 'reviewer', 'I can', 'leave a comment on one line', 'so that', 'feedback stays in context'],
    ['As the billing owner, I want invoices in my currency, So that I can skip conversions.', 'billing owner', 'I want', 'invoices in my currency', 'So that', 'I can skip conversions'],
  ])('%s', (line, role, goalLead, goal, benefitLead, benefit) => {
    const { text, story } = only(`- ${line}\n`);
    expect(story.role.text).toBe(role);
    expect(at(text, story.role.range)).toContain(role);
    expect(story.goal?.lead).toBe(goalLead);
    expect(story.goal?.text).toBe(goal);
    expect(at(text, story.goal?.range)).toBe(goal);
    expect(story.benefit?.lead).toBe(benefitLead);
    expect(story.benefit?.text).toBe(benefit);
    expect(at(text, story.benefit?.range)).toBe(benefit);
  });

  it('reads a role without an article, a negative goal and "would be able to"', () => {
    const { list } = stories(
      ['- As repository manager, I want to see who is signed in, so that I can plan maintenance.', "- As a member, I don't want to see expired offers, so that the list stays short.", '- As a camp worker, I would be able to file a shift report, so that payroll is right.'].join('\n') + '\n',
    );
    expect(list.map((u) => [u.role.lead, u.role.text, u.goal?.lead])).toEqual([
      ['As', 'repository manager', 'I want to'],
      ['As a', 'member', "I don't want to"],
      ['As a', 'camp worker', 'I would be able to'],
    ]);
  });

  it('reads a persona name as the role, and a quoted name or a bare "As we" as prose', () => {
    const { list } = stories(
      [
        '1. As Ted, I want to reserve a rehearsal room, so that the band has somewhere to play.',
        '2. As Mildred or Coach Ilse, I want to move a session, so that nobody turns up to a locked door.',
        '3. As Holly, the drummer, I want a reminder the day before, so that I bring my sticks.',
        '4. As Ahmed and Beverly, we want one shared booking list, so that we stop clashing.',
        '5. As Ted\'s teacher, I want to see his practice hours, so that I can set homework.',
        '',
        'As Mildred noted, we want the rooms cheaper so that more bands come.',
        '',
        'As Ted said, I need the drum kit fixed so that practice goes on.',
        '',
        'As Coach Ilse and I agreed, we want a second room so that the queue shrinks.',
        '',
        'As we want to save money, we share the room so that costs halve.',
        '',
        'As Mentioned, we need a new lock so that the room is safe.',
      ].join('\n') + '\n',
    );
    expect(list.map((u) => u.role.text)).toEqual(['Ted', 'Mildred or Coach Ilse', 'Holly, the drummer', 'Ahmed and Beverly', "Ted's teacher"]);
  });

  it('names a persona as written in the messages and the criteria skeleton, and does not call it a team role', () => {
    const text = FRONT + "- As Fred, I want to join the course board\n- As Professor Okafor, I want to archive a board, so that old courses do not clutter the list.\n- As Fred's mentor, I want to see his board, so that I can help.\n- As Archivist, I want to tag a box, so that it is found.\n";
    const findings = lintText(text).findings;
    expect(findings.filter((f) => f.ruleId === 'user-story-role')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'acceptance-criteria-missing')).toHaveLength(4);
    expect(findings.find((f) => f.ruleId === 'user-story-form')?.message).toContain('say why Fred wants it');
    const list = parsePrepDoc(text).artifacts.userStories;
    expect(applyEdits(text, skeletonFix(list[0])!.edits).text).toContain('when Fred [action]');
    expect(applyEdits(text, skeletonFix(list[1])!.edits).text).toContain('when Professor Okafor [action]');
    expect(applyEdits(text, skeletonFix(list[2])!.edits).text).toContain("when Fred's mentor [action]");
    expect(applyEdits(text, skeletonFix(list[3])!.edits).text).toContain('when the Archivist [action]');
  });

  it('keeps a wrapped line that starts with "as" in the story', () => {
    const { story } = only('- As an analyst I want the same totals\n  as my manager sees, so that we agree on the numbers.\n');
    expect(story.goal?.text).toBe('the same totals as my manager sees');
    expect(story.benefit?.text).toBe('we agree on the numbers');
  });

  it('reads a story without a benefit and one without a goal', () => {
    const { list } = stories('- As a driver, I want to see free spaces on the map.\n- As a guest, so that I can check out without an account.\n');
    expect(list[0].goal?.text).toBe('see free spaces on the map');
    expect(list[0].benefit).toBeUndefined();
    expect(list[1].goal).toBeUndefined();
    expect(list[1].benefit?.text).toBe('I can check out without an account');
    expect(list[1].role.text).toBe('guest');
  });

  it('takes story IDs, backlog numbers, checkboxes and leading estimates as a prefix', () => {
    const { text, list } = stories(
      [
        'US-12: As a buyer, I want to track my parcel, so that I can plan to be home.',
        '',
        '[PAY-7] As a buyer, I want to pay with a saved card, so that checkout is one step.',
        '',
        'Story 4 — As a buyer, I want to rate the seller, so that others can trust them.',
        '',
        '- [ ] As a buyer, I want a receipt by email, so that I can claim expenses.',
        '- (3) As a buyer, I want to reorder, so that repeat shopping is faster.',
      ].join('\n') + '\n',
    );
    expect(list.map((u) => u.id?.text)).toEqual(['US-12', 'PAY-7', 'Story 4', undefined, undefined]);
    expect(at(text, list[0].id?.range)).toBe('US-12');
    expect(at(text, list[0].range)).toBe('US-12: As a buyer, I want to track my parcel, so that I can plan to be home.');
    expect(list[4].estimate?.text).toBe('(3)');
    expect(list.every((u) => u.role.text === 'buyer')).toBe(true);
  });

  it('reads a story after a label, an aside, a bold ID with an aside, or in quotes', () => {
    const { text, list } = stories(
      [
        '**Summary:** As a tenant, I want to report a leak, so that it is fixed before it spreads.',
        '',
        '(Phase 2) As a tenant, I want to upload a photo of the damage, so that the plumber brings the right part.',
        '',
        '**R3 (ops → field).** As a tenant, I want to pick a visit slot, so that I can be home.',
        '',
        '"As a tenant, I want a text when the plumber is on the way, so that I can open the door."',
        '',
        '\u201cAs a tenant, I want to rate the repair, so that the landlord knows who to call again.',
        '',
        'As a tenant whose flat is sublet (for example after the owner moved abroad for a year), I want the agent copied in, so that nobody is left out.',
      ].join('\n') + '\n',
    );
    expect(list.map((u) => at(text, u.range))).toEqual([
      'As a tenant, I want to report a leak, so that it is fixed before it spreads.',
      '(Phase 2) As a tenant, I want to upload a photo of the damage, so that the plumber brings the right part.',
      '**R3 (ops → field).** As a tenant, I want to pick a visit slot, so that I can be home.',
      'As a tenant, I want a text when the plumber is on the way, so that I can open the door.',
      'As a tenant, I want to rate the repair, so that the landlord knows who to call again.',
      'As a tenant whose flat is sublet (for example after the owner moved abroad for a year), I want the agent copied in, so that nobody is left out.',
    ]);
    expect(list.map((u) => u.id?.text)).toEqual([undefined, undefined, 'R3', undefined, undefined, undefined]);
    expect(list.slice(0, 5).every((u) => u.role.text === 'tenant')).toBe(true);
  });

  it('does not read a criterion or a note that starts "As a" after its label as a story', () => {
    const { list } = stories('As a tenant, I want to report a leak, so that it is fixed soon.\n\nAC: As a tenant I can attach a photo.\n\nNote: as a tenant I want this first.\n');
    expect(list).toHaveLength(1);
    expect(list[0].criteria.map((c) => c.text)).toEqual(['As a tenant I can attach a photo.']);
  });

  it('reads a heading that is the story, with its section as the criteria', () => {
    const { text, list } = stories('### 2. As a tenant, I want to see the repair status at a glance\n\n**Acceptance Criteria:**\n\n- The status shows on the home screen\n- A finished repair shows its date\n\n### Notes\n\n- talk to the landlord\n');
    expect(list.map((u) => [at(text, u.range), u.benefit, u.criteria.map((c) => c.text)])).toEqual([
      ['2. As a tenant, I want to see the repair status at a glance', undefined, ['The status shows on the home screen', 'A finished repair shows its date']],
    ]);
  });

  it('reads each goal under a role header as a story with the header\'s role', () => {
    const { text, list } = stories('#### As a tenant, I want to be able to:\n\n- report a leak\n- book a visit so that I am home when the plumber comes\n');
    expect(list.map((u) => [at(text, u.range), u.role.text, at(text, u.role.range), u.goal?.lead, u.goal?.text, u.benefit?.text, u.group?.index, u.group?.size])).toEqual([
      ['report a leak', 'tenant', 'tenant', 'I want to be able to', 'report a leak', undefined, 0, 2],
      ['book a visit so that I am home when the plumber comes', 'tenant', 'tenant', 'I want to be able to', 'book a visit', 'I am home when the plumber comes', 1, 2],
    ]);
    // The role's evidence is the header, before the item.
    expect(list[0].role.range.start.line).toBe(list[0].group!.header.start.line);
    expect(at(text, list[0].group!.header)).toBe('As a tenant, I want to be able to:');
  });

  it('reads the header as a list item, a bold line or a plain line over the goals', () => {
    const nested = stories('- As a tenant, I need to...\n  - report a leak so the flat stays dry\n  - book a visit\n').list;
    expect(nested.map((u) => [u.role.text, u.goal?.text, u.benefit?.text])).toEqual([
      ['tenant', 'report a leak', 'the flat stays dry'],
      ['tenant', 'book a visit', undefined],
    ]);
    const modal = stories('As a landlord I can:\n\n- approve a repair so that work starts the same day\n- see every open repair\n').list;
    expect(modal.map((u) => [u.role.text, u.goal?.lead, u.goal?.text])).toEqual([
      ['landlord', 'I can', 'approve a repair'],
      ['landlord', 'I can', 'see every open repair'],
    ]);
    // A bare role needs the items to read as stories: one of them says why.
    const bare = stories('**As a caretaker:**\n\n- log a visit so that the tenant gets a record\n- close a repair\n').list;
    expect(bare.map((u) => [u.role.text, u.goal?.lead, u.goal?.text])).toEqual([
      ['caretaker', '', 'log a visit'],
      ['caretaker', '', 'close a repair'],
    ]);
    // An item may carry its own lead-in.
    const own = stories('**As a caretaker:**\n\n- I want to log a visit\n- I can close a repair\n').list;
    expect(own.map((u) => [u.goal?.lead, u.goal?.text])).toEqual([
      ['I want to', 'log a visit'],
      ['I can', 'close a repair'],
    ]);
  });

  it('a header that is no role, or items that are no goals, make no stories', () => {
    // Interview notes: what the writer learned or did as a PM, and prose openings.
    expect(stories('As a PM, I learned to:\n\n- say no early\n- write the risk down\n').list).toEqual([]);
    expect(stories('As a PM, I will:\n\n- meet every team lead\n- read the last three retros\n').list).toEqual([]);
    expect(stories('As an example:\n\n- split the epic by user step\n- ship the thinnest slice\n').list).toEqual([]);
    expect(stories('**As a designer:**\n\n- Ran the usability study\n- Built the prototype\n- Led the critique\n').list).toEqual([]);
    // A bare role over plain verbs, with nothing that says they are stories, stays notes; under
    // a heading that names a backlog they are its stories.
    expect(parsePrepDoc('---\nloop: po\n---\n\n## Offsite notes\n\n**As a designer:**\n\n- run the study\n- draw the flows\n').artifacts.userStories).toEqual([]);
    expect(stories('**As a designer:**\n\n- run the study\n- draw the flows\n').list.map((u) => u.goal?.text)).toEqual(['run the study', 'draw the flows']);
    // Questions, sentences with a subject, paragraphs.
    expect(stories('As a tenant, I want to:\n\n- What happens after hours?\n- The landlord pays for parts.\n- Report a leak. The form then asks for photos and a time that suits the tenant best.\n').list).toEqual([]);
    // Full stories as items are read as stories of their own, not goals of the header.
    const full = stories('As a tenant, I want to:\n\n- As a tenant, I want to report a leak, so that the flat stays dry.\n').list;
    expect(full.map((u) => [u.role.text, u.goal?.text, u.group])).toEqual([['tenant', 'report a leak', undefined]]);
  });

  it('goals under a role header in a story told as your own work are its narrative', () => {
    const text =
      '---\nloop: po\n---\n\n## Rescued the repairs launch #po #execution\n\nIn 2023 our repairs app was three weeks late and I owned the backlog. As a tenant, I want to be able to:\n\n- report a leak\n- book a visit\n\nThat was the list I wrote on the first day. I cut it to the two goals above, we shipped in ten days and complaints fell by a third.\n';
    expect(parsePrepDoc(text).artifacts.userStories).toEqual([]);
  });

  it('criteria after a run of stories with none of their own are shared by the run', () => {
    const { text, list } = stories('1. As a tenant, I want to report a leak.\n2. As a landlord, I want to see new leaks.\n\n### Acceptance criteria\n\n- A reported leak shows on the landlord list within a minute\n');
    expect(list.map((u) => [u.criteria.map((c) => c.text), at(text, u.criteriaFrom), u.criteriaShared])).toEqual([
      [['A reported leak shows on the landlord list within a minute'], 'Acceptance criteria', 2],
      [['A reported leak shows on the landlord list within a minute'], 'Acceptance criteria', 2],
    ]);
    // One list, shared: rules that check criteria see it once.
    expect(list[0].criteria).toBe(list[1].criteria);
    // A label indented under the last story's item is that story's own.
    const own = stories('- As a tenant, I want to report a leak.\n- As a landlord, I want to see new leaks.\n\n  Acceptance criteria:\n\n  - New leaks are listed first\n').list;
    expect(own.map((u) => [u.criteria.length, u.criteriaShared])).toEqual([
      [0, undefined],
      [1, undefined],
    ]);
    // After a story with criteria of its own, only the last story takes them.
    const last = stories('- As a tenant, I want to report a leak.\n  - Given a leak, when I report it, then I get a reference number.\n- As a landlord, I want to see new leaks.\n\n### Acceptance criteria\n\n- New leaks are listed first\n').list;
    expect(last.map((u) => [u.criteria.length, u.criteriaShared])).toEqual([
      [1, undefined],
      [1, undefined],
    ]);
  });

  it('keeps trailing estimates and hashtags out of the benefit', () => {
    const { text, list } = stories(
      ['- As a host, I want to block dates, so that nobody books my holiday. (5)', '- As a host, I want payouts weekly, so that cash flow is steady 8 pts', '- As a host, I want a cleaning checklist, so that guests find the flat ready. SP: 3', '- As a host, I want reviews, so that I can improve [8] #po'].join('\n') + '\n',
    );
    expect(list.map((u) => u.estimate?.text)).toEqual(['(5)', '8 pts', 'SP: 3', '[8]']);
    expect(list.map((u) => u.benefit?.text)).toEqual(['nobody books my holiday', 'cash flow is steady', 'guests find the flat ready', 'I can improve']);
    expect(list.every((u) => !u.tail)).toBe(true);
    expect(at(text, list[0].estimate?.range)).toBe('(5)');
  });

  it('numbered backlog lines, as an ordered list and as lines of one paragraph', () => {
    const { list } = stories('12. As a rider, I want to see the bus position, so that I leave home on time.\n13. As a rider, I want alerts for delays, so that I can switch routes.\n\nOur backlog:\n14. As a rider, I want fare caps, so that a busy week costs less.\n');
    expect(list.map((u) => u.container)).toEqual(['list-item', 'list-item', 'paragraph']);
    expect(list[2].id?.text).toBe('14');
    expect(list[2].benefit?.text).toBe('a busy week costs less');
  });

  it('splits several story lines of one paragraph', () => {
    const { list } = stories('As a parent, I want a weekly summary, so that I know how my child is doing.\nAs a teacher, I want to mark homework online, so that I save paper.\n');
    expect(list.map((u) => u.role.text)).toEqual(['parent', 'teacher']);
    expect(list[0].insert.closeParagraph).toBe(true);
    expect(list[1].insert.closeParagraph).toBe(false);
  });

  it('records text after the story sentence as its tail', () => {
    const { text, story } = only('- As a buyer, I want to save searches, so that I can rerun them; needs design review. Ask legal too.\n');
    expect(story.benefit?.text).toBe('I can rerun them');
    expect(at(text, story.tail?.range)).toBe('needs design review. Ask legal too');
  });

  it('does not end the story sentence inside quoted screen text', () => {
    const { story } = only('- As a guest, I want the kiosk to say "Lost your key? Ask at the desk.", so that I know where to go.\n');
    expect(story.goal?.text).toBe('the kiosk to say "Lost your key? Ask at the desk."');
    expect(story.benefit?.text).toBe('I know where to go');
    expect(story.tail).toBeUndefined();
    const curly = only('- As a guest, I want the banner to read \u201cShut today? Try the side door.\u201d so that I can still get in.\n');
    expect(curly.story.benefit?.text).toBe('I can still get in');
  });

  it('reads "so" before a clause as the benefit, as "so that" is', () => {
    expect(only('- As a clerk, I want old payslips locked, so payroll data stays private.\n').story.benefit?.text).toBe('payroll data stays private');
    expect(only('- As a planner, I want clashes refused so nobody is booked twice.\n').story.benefit?.text).toBe('nobody is booked twice');
    expect(only('- As a driver, I want the route drawn so fast it feels live.\n').story.benefit).toBeUndefined();
    expect(only('- As a driver, I want stops, fuel and so on listed.\n').story.benefit).toBeUndefined();
  });

  it('reads a "So that" cut off by a full stop as the benefit', () => {
    const { story } = only('- As a clerk, I want to close a case. So that the queue shows only open work.\n');
    expect(story.goal?.text).toBe('close a case');
    expect(story.benefit?.text).toBe('the queue shows only open work');
    expect(story.tail).toBeUndefined();
  });

  it('leaves prose that merely starts with "As a" alone', () => {
    const { list } = stories(
      [
        'As a result, we cut the scope of the sprint.',
        '',
        'As a PM, I can tell you the roadmap slipped.',
        '',
        'As a PO I wanted to keep the sprint goal intact.',
        '',
        'We said: as a user, I want to export — but only in the retro.',
        '',
        'As discussed, we need to cut the scope.',
        '',
        'As I said, we need a decision by Friday.',
      ].join('\n') + '\n',
    );
    expect(list).toEqual([]);
  });

  it('leaves past-tense and narrative prose that starts "As a PM, I …" alone', () => {
    const narrative = [
      'As a PM, I wanted to know why activation stalled, so that I could pick the right bet.',
      'As a new PM I needed to earn trust before changing the roadmap, so I shipped small wins.',
      'As a PM, we wanted one metric for the team, so that nobody argued about the baseline.',
      'As the only PM, I had to choose between two bets, so I ran a one-week test.',
      'As a PM I was asked to cut scope, so that the launch date held.',
      'As a PM, I could see the drop-off, so I pulled the cohort data.',
      "As a new PM, I'd been told the backlog was groomed, so that I trusted it.",
      "As a PM, I've always wanted one number per team, so that reviews stay short.",
      'As a PM, I really needed the data team, so I booked a weekly sync.',
      'As a PM, I then decided to keep the roadmap, so that the team kept its focus.',
      'As a PM, when I was at Acme, I wanted a funnel view, so that the review took ten minutes.',
      'As a PO, we didn\u2019t have a sprint goal, so that was the first thing I fixed.',
    ];
    expect(stories(narrative.join('\n\n') + '\n').list).toEqual([]);
    expect(stories(narrative.map((l) => `- ${l}`).join('\n') + '\n').list).toEqual([]);
    expect(stories(narrative.join('\n') + '\n').list).toEqual([]);
  });

  it('still reads stories whose words only look narrative', () => {
    const { list } = stories(
      [
        '- As a user who was locked out, I want a reset link, so that I get back in.',
        '- As a PM that we hired last month, I want the dashboard shared, so that I can onboard alone.',
        '- As a buyer, I need a receipt, so that I can claim expenses.',
        '- As a seller, we need bulk edits, so that price changes take one step.',
        "- As a coach, I'd like to copy last week's plan, so that planning is quick.",
        '- As an admin, I want to see what I changed, so that I can undo it.',
        '- As a user, I want to see which orders were shipped, so that I can chase the rest.',
        '- As a planner, I want to proceed without a login, so that I can try it first.',
        '- As a manager, I want to feed the report to finance, so that month-end is faster.',
      ].join('\n') + '\n',
    );
    expect(list.map((u) => u.goal?.text)).toEqual([
      'a reset link',
      'the dashboard shared',
      'a receipt',
      'bulk edits',
      "copy last week's plan",
      'see what I changed',
      'see which orders were shipped',
      'proceed without a login',
      'feed the report to finance',
    ]);
  });

  it('ignores stories inside code blocks and HTML comments', () => {
    const { list } = stories(
      ['```markdown', '- As a user, I want to export, so that I can share.', '```', '', '<!--', 'As a user, I want to import, so that I can start fast.', '-->', '', 'Use `As a user, I want x` as the template.'].join('\n') + '\n',
    );
    expect(list).toEqual([]);
  });

  it('finds stories in a story section that also holds code', () => {
    const text = '---\nloop: po\n---\n\n## Wrote stories for the export epic #po #execution\n\n```text\nAs a user, I want X\n```\n\nThe one we shipped first:\n\n> As a finance lead, I want a monthly CSV export, so that month-end close takes a day less.\n>\n> - Given a closed month, when I export it, then the CSV has one row per invoice.\n';
    const list = parsePrepDoc(text).artifacts.userStories;
    expect(list).toHaveLength(1);
    expect(list[0].role.text).toBe('finance lead');
    expect(list[0].criteria.map((c) => c.text)).toEqual(['Given a closed month, when I export it, then the CSV has one row per invoice.']);
    expect(list[0].insert.indent).toBe('> ');
  });
});

describe('acceptance criteria', () => {
  it('takes a Given/When/Then sub-list of the story item', () => {
    const { text, story } = only('- As a host, I want to block dates, so that nobody books my holiday.\n  - Given a free week, when I block it, then it shows as unavailable.\n  - And guests searching that week do not see my flat.\n');
    expect(story.criteria.map((c) => [c.source, c.keyword, c.gwt])).toEqual([
      ['list', 'given', true],
      ['list', 'and', true],
    ]);
    expect(at(text, story.criteria[0].range)).toBe('Given a free week, when I block it, then it shows as unavailable.');
  });

  it('takes a Given/When/Then sentence after the story on its line as its criterion', () => {
    const { text, story } = only('As a planner, I want clashing shifts refused, so that nobody works twice. Given a shift from 8 to 12, a second one from 10 to 14 is refused.\n');
    expect(story.benefit?.text).toBe('nobody works twice');
    expect(story.criteria.map((c) => [c.source, c.keyword, c.gwt])).toEqual([['paragraph', 'given', true]]);
    expect(at(text, story.criteria[0].range)).toBe('Given a shift from 8 to 12, a second one from 10 to 14 is refused');
    expect(only('As a planner, I want shifts listed by week. Shift 3 is the night one.\n').story.criteria).toEqual([]);
    const minimal = lintText(FRONT + story.text + '\n').findings.filter((f) => f.ruleId === 'user-story-minimal');
    expect(minimal.map((f) => f.message.includes('is an acceptance criterion written on the story'))).toEqual([true]);
  });

  it('reads items nested under a Given/When/Then step as parts of that step', () => {
    const { story } = only('As a clerk, I want late loans listed, so that I can chase them.\n\nAcceptance criteria:\n\n- Given I am signed in\n- Then each line shows:\n  - Member name\n  - Days late\n- And the lines are sorted by days late\n\nMore:\n\n- The export holds:\n  - Member name\n');
    expect(story.criteria.map((c) => [c.text, c.keyword ?? '', c.gwt])).toEqual([
      ['Given I am signed in', 'given', true],
      ['Then each line shows:', 'then', true],
      ['Member name', 'and', true],
      ['Days late', 'and', true],
      ['And the lines are sorted by days late', 'and', true],
    ]);
    const other = only('As a clerk, I want the export, so that I can file it.\n\nAcceptance criteria:\n\n- The export holds:\n  - Member name\n').story;
    expect(other.criteria.map((c) => [c.text, c.gwt])).toEqual([
      ['The export holds:', false],
      ['Member name', false],
    ]);
  });

  it('takes Given/When/Then sibling items that follow the story item', () => {
    const { list } = stories('- As a host, I want to block dates, so that nobody books my holiday.\n- Given a free week, when I block it, then it shows as unavailable.\n- As a host, I want payouts weekly, so that cash flow is steady.\n');
    expect(list.map((u) => u.criteria.length)).toEqual([1, 0]);
  });

  it.each([
    ['plain label', 'Acceptance criteria:\n\n'],
    ['bold label', '**Acceptance Criteria**\n\n'],
    ['heading label', '### Acceptance criteria\n\n'],
    ['AC label', 'AC:\n'],
  ])('takes any list under an acceptance-criteria label (%s)', (_name, label) => {
    const { story } = only(`As a host, I want to block dates, so that nobody books my holiday.\n\n${label}- Blocked dates show as unavailable\n- Given a booked week, when I block it, then I am told it is booked\n`);
    expect(story.criteria.map((c) => [c.labelled, c.gwt])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(story.criteriaLabel).toBeDefined();
  });

  it('takes the text after an inline label, and Given/When/Then lines of the same paragraph', () => {
    const { list } = stories('As a host, I want to block dates, so that nobody books my holiday.\nGiven a free week, when I block it,\n  then it shows as unavailable.\nAnd my calendar feed updates.\n\nAs a host, I want payouts weekly, so that cash flow is steady.\n\nAC: Given a Friday, when payouts run, then last week\'s bookings are paid.\n');
    expect(list[0].criteria.map((c) => c.text)).toEqual(['Given a free week, when I block it, then it shows as unavailable.', 'And my calendar feed updates.']);
    expect(list[1].criteria.map((c) => [c.source, c.text])).toEqual([['label', "Given a Friday, when payouts run, then last week's bookings are paid."]]);
  });

  it('parses the Scenario and step lines of a following gherkin block, with ranges', () => {
    const body = '- As a host, I want to block dates, so that nobody books my holiday.\n\n  ```gherkin\n  Feature: Blocking\n    Scenario: block a free week\n      Given a free week\n      When I block it\n      Then it shows as unavailable\n  ```\n';
    const { text, story } = only(body);
    expect(story.criteria.map((c) => [c.source, c.keyword, at(text, c.range)])).toEqual([
      ['gherkin', 'scenario', 'Scenario: block a free week'],
      ['gherkin', 'given', 'Given a free week'],
      ['gherkin', 'when', 'When I block it'],
      ['gherkin', 'then', 'Then it shows as unavailable'],
    ]);
  });

  it('reads an untyped code block only when it holds Gherkin', () => {
    const { list } = stories('As a host, I want to block dates, so that nobody books my holiday.\n\n```\nScenario: block\n  Given a free week\n```\n\nAs a host, I want payouts weekly, so that cash flow is steady.\n\n```\nnpm run payouts\n```\n');
    expect(list.map((u) => u.criteria.length)).toEqual([2, 0]);
  });

  it('stops at the next story, at a heading and at a thematic break', () => {
    const { list } = stories(
      [
        'As a host, I want to block dates, so that nobody books my holiday.',
        '',
        'As a host, I want payouts weekly, so that cash flow is steady.',
        '',
        '- Given a Friday, when payouts run, then last week is paid.',
        '',
        '### Notes',
        '',
        '- Given anything, when anything, then this is not a criterion of the story above.',
        '',
        'As a guest, I want to message the host, so that I can ask about parking.',
        '',
        '---',
        '',
        'Acceptance criteria:',
        '',
        '- Given a host, when I write, then they get an email.',
      ].join('\n') + '\n',
    );
    expect(list.map((u) => u.criteria.length)).toEqual([0, 1, 0]);
  });

  it('links a story to an "Acceptance Criteria" section elsewhere in the doc', () => {
    const text = FRONT + '## Summary\n\n**As** someone who plans trips\n**I want to** split the cost\n**So that** nobody chases payments.\n\n## Scope\n\nCards only.\n\n## Acceptance Criteria\n\n- Given four travellers, when I split, then each owes a quarter.\n\n## Later\n\n- As a host, I want to pause my listing, so that I can rest.\n';
    const list = parsePrepDoc(text).artifacts.userStories;
    expect(list.map((u) => [u.role.text, u.goal?.text, u.benefit?.text, u.criteria.length, !!u.criteriaFrom])).toEqual([
      ['someone who plans trips', 'split the cost', 'nobody chases payments', 1, true],
      ['host', 'pause my listing', 'I can rest', 0, false],
    ]);
  });

  it('reads template placeholders as placeholders', () => {
    const list = parsePrepDoc(FRONT + '- As a <user>, I want `<capability>`, so that <benefit>.\n- As a [persona], I want [capability], so that [outcome].\n- As a shopper, I want to save a cart, so that [benefit].\n').artifacts.userStories;
    expect(list.map((u) => [u.role.text, u.goal?.text, !!u.template])).toEqual([
      ['<user>', '<capability>', true],
      ['[persona]', '[capability]', true],
      ['shopper', 'save a cart', false],
    ]);
  });

  it('a note on the next line is not part of the story', () => {
    const list = parsePrepDoc(FRONT + '- As a host, I want to pause my listing, so that I can rest.\n  Note: check with legal first.\n- As a host, I want to block dates\n  Depends on: the calendar sync\n').artifacts.userStories;
    expect(list.map((u) => [u.goal?.text, u.tail?.text])).toEqual([
      ['pause my listing', undefined],
      ['block dates', undefined],
    ]);
  });

  it('does not take an unlabelled list of notes as criteria', () => {
    const { story } = only('- As a host, I want to block dates, so that nobody books my holiday.\n  - talk to design\n  - check the calendar sync\n');
    expect(story.criteria).toEqual([]);
  });

  it('finds stories nested under an epic item, each with its own criteria', () => {
    const { list } = stories('- Epic: self-service billing\n  - As an owner, I want to download invoices, so that I can file taxes.\n    - Given a paid invoice, when I click it, then a PDF downloads.\n  - As an owner, I want to change my card, so that renewals do not fail.\n');
    expect(list.map((u) => [u.role.text, u.criteria.length])).toEqual([
      ['owner', 1],
      ['owner', 0],
    ]);
  });

  it('reads a "Definition of Done" under the story, over its sub-headings, as the team checklist, not its criteria', () => {
    const { text, list } = stories('## Story 2 - Report a leak\n\nAs a tenant, I want to report a leak, so that it is fixed soon.\n\n### Definition of Done\n\n#### Backend\n\n- [ ] Leak reports are stored with a photo\n\n#### Frontend\n\n- [ ] A confirmation shows after sending\n\n## Story 3\n\nAs a tenant, I want to pay rent online, so that I need no bank visit.\n');
    expect(list.map((u) => u.criteria.map((c) => c.text))).toEqual([[], []]);
    expect(list.map((u) => at(text, u.dod))).toEqual(['Definition of Done', undefined]);
  });

  it('ends the criteria at a "DoD" label, even one markdown folds into the last criterion', () => {
    const { text, story } = only('As a tenant, I want to report a leak, so that it is fixed soon.\nAcceptance criteria:\n- Given a leak photo, when I send it, then the report lists it\nDoD:\n- Reviewed properly\n- Given a release, when it ships, then it is tagged\n');
    expect(story.criteria.map((c) => c.text)).toEqual(['Given a leak photo, when I send it, then the report lists it']);
    expect(at(text, story.dod)).toBe('DoD:');
  });

  it('reads a Given/When/Then paragraph after a DoD label\'s list as criteria again, not one under a DoD heading', () => {
    const body = (dod: string) => `As a tenant, I want to pay rent online, so that I need no bank visit.\n\n${dod}\n\n- Reviewed properly\n\nGiven a paid month, when I open History, then its receipt is listed.\n`;
    expect(only(body('DoD:')).story.criteria.map((c) => c.text)).toEqual(['Given a paid month, when I open History, then its receipt is listed.']);
    expect(only(body('#### Definition of Done')).story.criteria).toEqual([]);
  });

  it('still reads "Done when:" as the story\'s criteria label, and a criteria label after a DoD', () => {
    const { story } = only('As a tenant, I want to pay rent online, so that I need no bank visit.\n\n**Definition of Done**\n\n- Reviewed properly\n\nDone when:\n\n- The receipt shows the amount paid\n');
    expect(story.criteria.map((c) => c.text)).toEqual(['The receipt shows the amount paid']);
  });

  it('an empty label becomes the place for the skeleton', () => {
    const { text, story } = only('As a host, I want to block dates, so that nobody books my holiday.\n\nAcceptance criteria:\n\nTBD with design.\n');
    expect(story.criteria).toEqual([]);
    expect(story.insert.mode).toBe('items');
    expect(text.slice(0, story.insert.offset).endsWith('Acceptance criteria:')).toBe(true);
  });
});

describe('the acceptance-criteria skeleton', () => {
  const cases: [string, string][] = [
    ['bullet item', '- As a host, I want to block dates, so that nobody books my holiday.\n- As a host, I want payouts weekly, so that cash flow is steady.\n'],
    ['ordered item', '10. As a host, I want to block dates, so that nobody books my holiday.\n11. As a host, I want payouts weekly, so that cash flow is steady.\n'],
    ['paragraph', 'As a host, I want to block dates, so that nobody books my holiday.\n\nSome notes.\n'],
    ['lines of one paragraph', 'As a host, I want to block dates, so that nobody books my holiday.\nAs a host, I want payouts weekly, so that cash flow is steady.\n'],
    ['blockquote', '> As a host, I want to block dates, so that nobody books my holiday.\n> As a host, I want payouts weekly, so that cash flow is steady.\n'],
    ['list in a blockquote', '> - As a host, I want to block dates, so that nobody books my holiday.\n> - As a host, I want payouts weekly, so that cash flow is steady.\n'],
    ['CRLF', 'As a host, I want to block dates, so that nobody books my holiday.\r\n\r\nSome notes.\r\n'],
    ['item with a notes list', '- As a host, I want to block dates, so that nobody books my holiday.\n  - ask design\n'],
    ['paragraph with a notes list', 'As a host, I want to block dates, so that nobody books my holiday.\n\n- ask design\n- ask legal\n'],
  ];
  it.each(cases)('is recognised as criteria once inserted (%s)', (_name, body) => {
    const { text, list } = stories(body);
    const edits = list.map((u) => skeletonFix(u)!.edits[0]);
    const fixed = applyEdits(text, edits).text;
    const after = parsePrepDoc(fixed).artifacts.userStories;
    expect(after.map((u) => u.role.text)).toEqual(list.map((u) => u.role.text));
    expect(after.every((u) => u.criteria.length === 1 && u.criteria[0].gwt)).toBe(true);
    // Nothing the user wrote is lost.
    expect(fixed.replace(/\r?\n[ \t>]*(?:[-*] Given[^\n]*|Acceptance criteria:)?(?=\r?\n|$)/g, '').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('nests under a list item at its content column', () => {
    const { text, story } = only('10. As a host, I want to block dates, so that nobody books my holiday.\n');
    const fixed = applyEdits(text, skeletonFix(story)!.edits).text;
    expect(fixed).toContain('holiday.\n    - Given [starting state], when the host [action], then [observable result].\n');
  });
});

describe('findCompoundAsk (user-story-atomic)', () => {
  it.each([
    ['I want to', 'export the sprint report to CSV and email it to finance', ['export the sprint report to CSV', 'email the sprint report to finance']],
    ['I want to', 'create, edit and delete invoices', ['create invoices', 'edit invoices', 'delete invoices']],
    ['I want to', 'view my orders and I also want to cancel one', ['view my orders', 'cancel one']],
    ['I want', 'a dashboard and a weekly digest', ['a dashboard', 'a weekly digest']],
    ["I'd like", 'the ability to export and print reports', ['the ability to export reports', 'the ability to print reports']],
    ['I want to', 'add and remove team members', ['add team members', 'remove team members']],
    ['I want to', 'set up or delete accounts for other admins', ['set up accounts for other admins', 'delete accounts for other admins']],
    ['I want to', 'enter and exit the admin scope', ['enter the admin scope', 'exit the admin scope']],
    ['I want to', 'view/upload scanned letters', ['view scanned letters', 'upload scanned letters']],
    ['I want to', 'send or post a reminder to the group', ['send a reminder to the group', 'post a reminder to the group']],
    ['I want to', 'use the model to spot fraud and warn the team', ['use the model to spot fraud', 'use the model to warn the team']],
    ['I want to', 'attach a receipt and optionally add a note', ['attach a receipt', 'add a note']],
    ['I want to', 'follow a topic and be notified of new papers', ['follow a topic', 'be notified of new papers']],
    ['I want to', 'scan a parcel and mark it delivered even when the van has no signal', ['scan a parcel even when the van has no signal', 'mark a parcel delivered even when the van has no signal']],
    ['I want to', 'check in a guest and print a badge, even if the desk is offline', ['check in a guest, even if the desk is offline', 'print a badge, even if the desk is offline']],
    ['I want to', 'take a photo and post it without a caption', ['take a photo', 'post a photo without a caption']],
    ['I want to', 'export the report and email it to finance when the sprint closes', ['export the report', 'email the report to finance when the sprint closes']],
    ['I want to', 'learn about and compare the gym plans I qualify for through my employer', ['learn about the gym plans I qualify for through my employer', 'compare the gym plans I qualify for through my employer']],
    ['I want', 'a dashboard and a tool to export it', ['a dashboard', 'a tool to export it']],
    ['I want to', 'check my balance and send money to a friend', ['check my balance', 'send money to a friend']],
  ])('%s %s', (lead, goal, asks) => {
    expect(findCompoundAsk(goal, lead)?.asks).toEqual(asks);
  });

  it.each([
    'drag and drop photos into a listing',
    'read the terms and conditions before I pay',
    'enter my name and email address',
    'export to CSV or PDF',
    'show or hide the sidebar',
    'log in and log out with one click',
    'be notified when my order ships and arrives',
    'pick a date and time for the call',
    'wear the tracker on a bracelet or a necklace',
    'import contacts manually or automatically',
    'turn the alerts on/off from the toolbar',
    'approve or reject a refund request',
    'tag a report/dataset as withdrawn',
    'enter my postcode and get a list of nearby clinics',
    'search the catalogue and browse its shelves on my phone',
    'identify myself as and pay for a team ticket',
    'define questions the user can ask and answer',
    'see totals on the view and edit screens',
    'compare prices between store A and store B',
    'browse and find recipes by ingredient',
    'fill in and submit the claim form',
    'draft a reply and send it',
    'click on a size and choose the colour',
    'save the order and the payment together',
    'export and email the report in one step',
    'read about and sign up for classes',
  ])('one ask: %s', (goal) => {
    expect(findCompoundAsk(goal, 'I want to')).toBeUndefined();
  });

  it.each(['the invoice and the receipt to be stored', 'my name and my photo to appear on the badge', 'the score and its replay to be saved together'])('one thing asked of both: %s', (goal) => {
    expect(findCompoundAsk(goal, 'I want')).toBeUndefined();
  });

  it('gives each verb its own object when a noun follows the first ("book leave and see its status")', () => {
    expect(findCompoundAsk('book leave and see its status', 'I want to')?.asks).toEqual(['book leave', 'see its status']);
    expect(findCompoundAsk('request leave and see the status', 'I want to')?.asks).toEqual(['request leave', 'see the status']);
    expect(findCompoundAsk('book leave and see its status', 'I want to')?.unsure).toBeUndefined();
  });

  it('offers no rewritten stories when which words the verbs share is a guess', () => {
    expect(findCompoundAsk('request leave and cancel', 'I want to')?.unsure).toBe(true);
    expect(findCompoundAsk('create, edit and delete invoices', 'I want to')?.unsure).toBeUndefined();
    const f = lintText(FRONT + '- As a nurse, I want to request leave and cancel, so that my plans stay open.\n').findings.filter((x) => x.ruleId === 'user-story-atomic');
    expect(f).toHaveLength(1);
    expect(f[0].fixes ?? []).toEqual([]);
    expect(f[0].message).not.toContain('I want to cancel');
  });

  it('leaves shared-object verbs alone when asked to', () => {
    expect(findCompoundAsk('create and edit invoices', 'I want to', { sharedObject: false })).toBeUndefined();
  });
});

describe('quoting a story as plain text', () => {
  it.each([
    ['[ ] As a visitor, I want to sign up, so that I can save.', 'As a visitor, I want to sign up, so that I can save.'],
    ['[x] US-3: As a **night nurse**, I want _the_ ward list', 'US-3: As a night nurse, I want the ward list'],
    ['**As a** guest **I want** to check out, so that I skip sign-up.', 'As a guest I want to check out, so that I skip sign-up.'],
    ['As a [returning buyer](https://example.com/p?a=1), I want ![my address](a.png) filled in', 'As a returning buyer, I want my address filled in'],
    ['As a [buyer][persona], I want `CSV` export, so that \\*finance\\* is happy', 'As a buyer, I want CSV export, so that finance is happy'],
    ['As an <https://x.example> admin, I want ~~two~~ one\n  step', 'As an https://x.example admin, I want two one step'],
  ])('%s', (raw, plain) => {
    expect(plainMarkdown(raw)).toBe(plain);
  });

  it('acceptance-criteria-missing quotes the story without markdown', () => {
    const text = FRONT + '- [ ] As a visitor, I want to sign up, so that my team finds me.\n\n**As a** guest **I want** to check out, so that I skip sign-up.\n\nAs a [returning buyer](https://example.com/personas), I want my address filled in, so that checkout is one step.\n';
    const messages = lintText(text).findings.filter((f) => f.ruleId === 'acceptance-criteria-missing').map((f) => /for "([^"]*)"/.exec(f.message)![1]);
    expect(messages).toEqual(['As a visitor, I want to sign up, so that my team…', 'As a guest I want to check out, so that I skip…', 'As a returning buyer, I want my address filled…']);
  });

  it('never hangs on long runs of brackets and markers', () => {
    const started = Date.now();
    for (const junk of ['['.repeat(50000), '[a]('.repeat(20000), '\\'.repeat(50000), '*_'.repeat(40000), '[ ] '.repeat(20000), '<https:'.repeat(20000)]) plainMarkdown(junk);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('robustness', () => {
  const pieces = ['As a ', 'As an ', 'I want ', 'to ', 'so that ', 'and ', '**', '_', '- ', '1. ', '> ', '\n', '\n\n', '  ', 'Given ', 'When ', 'Then ', 'Acceptance criteria:', '```gherkin\n', '```\n', '(', ')', '[', ']', 'e.g. ', 'etc. ', '.', ',', ';', ' — ', '<!-- x -->', '#', '## H\n', 'US-1: ', '(5)', '\r\n', '\t', 'é', '😀'];
  it('never throws, and every range stays inside the text and in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = FRONT + parts.join('');
        const list = parsePrepDoc(text).artifacts.userStories;
        for (const u of list) {
          const ranges = [u.range, u.role.range, u.goal?.range, u.benefit?.range, u.tail?.range, u.estimate?.range, ...u.criteria.map((c) => c.range)];
          for (const r of ranges) {
            if (!r) continue;
            expect(r.start.offset).toBeGreaterThanOrEqual(0);
            expect(r.end.offset).toBeGreaterThanOrEqual(r.start.offset);
            expect(r.end.offset).toBeLessThanOrEqual(text.length);
          }
          expect(u.insert.offset).toBeGreaterThanOrEqual(u.range.start.offset);
          expect(u.insert.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads narrative and story leads on huge lines in bounded time', () => {
    const started = Date.now();
    for (const line of ['As a PM, ' + 'I '.repeat(30000), 'As a PM, I wanted ' + 'x'.repeat(60000) + ', so that y', 'As a PM ' + 'that we '.repeat(10000) + 'I want x, so that y', "As a PM, I'd " + 'a'.repeat(60000) + 'ed so that y']) {
      stories(line + '\n');
      stories('- ' + line + '\n');
    }
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('copes with a long backlog in one paragraph', () => {
    const line = 'As a buyer, I want to save searches, so that I can rerun them.';
    const { list } = stories(Array.from({ length: 2000 }, () => line).join('\n') + '\n');
    expect(list).toHaveLength(2000);
  });
});

describe('user stories in pipe tables', () => {
  const TABLE = [
    '| ID | User story | Est. | Acceptance criteria |',
    '|:---|:-----------|-----:|:--------------------|',
    '| K-1 | As a cook, I want to scale a recipe, so that it feeds six. | 3 | Given a recipe for 2, when I pick 6, then every amount triples.<br>- Units stay the same; Fractions read as 1/2, not 0.5 |',
    '| K-2 | **As a** cook, I want a timer per step | 2 |  |',
    '| K-3 | Pantry clean-up | 1 | nothing here is a story |',
  ].join('\n');

  it('reads the story in its cell with exact part ranges', () => {
    const { text, list } = stories(TABLE + '\n');
    expect(list.map((u) => at(text, u.range))).toEqual(['As a cook, I want to scale a recipe, so that it feeds six.', '**As a** cook, I want a timer per step']);
    const [first, second] = list;
    expect(first.container).toBe('table-cell');
    expect([at(text, first.role.range), at(text, first.goal?.range), at(text, first.benefit?.range)]).toEqual(['cook', 'scale a recipe', 'it feeds six']);
    expect(second.benefit).toBeUndefined();
    expect(first.table).toMatchObject({ criteriaColumn: 'Acceptance criteria', stories: 2 });
    expect(at(text, first.table?.row)).toBe(TABLE.split('\n')[2]);
  });

  it('splits a criteria cell at <br>, ";" and list markers, and keeps Given/When/Then', () => {
    const { text, list } = stories(TABLE + '\n');
    const crit = list[0].criteria;
    expect(crit.map((c) => at(text, c.range))).toEqual(['Given a recipe for 2, when I pick 6, then every amount triples.', 'Units stay the same', 'Fractions read as 1/2, not 0.5']);
    expect(crit.map((c) => [c.source, c.gwt, c.keyword])).toEqual([
      ['table', true, 'given'],
      ['table', false, undefined],
      ['table', false, undefined],
    ]);
    expect(list[1].criteria).toEqual([]);
  });

  it('splits before a second Given sentence in one cell', () => {
    const { text, list } = stories('| Story | AC |\n|---|---|\n| As a cook, I want to save a recipe, so that I find it again. | Given a recipe, when I save it, then it is listed. Given a saved recipe, when I delete it, then it is gone. |\n');
    expect(list[0].criteria.map((c) => at(text, c.range))).toEqual(['Given a recipe, when I save it, then it is listed.', 'Given a saved recipe, when I delete it, then it is gone.']);
  });

  it('puts the criteria skeleton into the empty cell, and the table stays a table', () => {
    const { text, list } = stories(TABLE + '\n');
    const fixed = applyEdits(text, skeletonFix(list[1])!.edits).text;
    expect(fixed.split('\n').length).toBe(text.split('\n').length);
    const again = parsePrepDoc(fixed).artifacts.userStories;
    expect(again).toHaveLength(2);
    expect(again[1].criteria.map((c) => c.text)).toEqual(['Given [starting state], when the cook [action], then [observable result].']);
  });

  it('has no skeleton fix when the table has no criteria column', () => {
    const { list } = stories('| Story | Priority |\n|---|---|\n| As a cook, I want to save a recipe, so that I find it again. | High |\n');
    expect(list[0].insert.mode).toBe('none');
    expect(skeletonFix(list[0])).toBeUndefined();
  });

  it('reads the criteria row of a field/value table', () => {
    const { text, list } = stories('| Field | Value |\n|---|---|\n| Story | As a cook, I want to print a recipe, so that I can cook offline. |\n| Conditions of satisfaction | Given a recipe, when I print it, then it fits on one page. |\n');
    expect(list).toHaveLength(1);
    expect(list[0].criteria.map((c) => at(text, c.range))).toEqual(['Given a recipe, when I print it, then it fits on one page.']);
  });

  it('marks a checklist repeated on most rows as shared, not one that differs', () => {
    const row = (n: number, ac: string) => `| As a cook, I want feature ${n}, so that dinner is easier. | ${ac} |`;
    const body = ['| Story | DoD |', '|---|---|', row(1, 'Reviewed; tested'), row(2, 'Reviewed; tested.'), row(3, 'reviewed; tested'), row(4, 'Given a meal, when I cook, then it is done.')].join('\n');
    const { list } = stories(body + '\n');
    expect(list.map((u) => u.table?.shared)).toEqual([3, 3, 3, undefined]);
  });

  it('reads a story whose parts are on <br>-separated lines of one cell', () => {
    const { text, list } = stories('| Story | AC |\n|---|---|\n| As a cook,<br>I want to save a recipe,<br>so that I find it again. | Given a recipe, when I save it, then it is listed. |\n');
    expect(list.map((u) => [at(text, u.goal?.range), at(text, u.benefit?.range), plainMarkdown(u.text)])).toEqual([['save a recipe', 'I find it again', 'As a cook, I want to save a recipe, so that I find it again.']]);
  });

  it('splits a table story into two rows that are both stories of the same table', () => {
    const body = '| ID | Story | AC |\n|---|---|---|\n| R-1 | As a cook, I want to export a recipe and print it, so that I can share it. | Given a recipe, when I export it, then a PDF downloads. |\n';
    const { text } = stories(body);
    const finding = lintText(text).findings.find((f) => f.ruleId === 'user-story-atomic');
    expect(finding?.fixes?.[0]).toMatchObject({ title: 'Split into two table rows', manual: true });
    const fixed = applyEdits(text, finding!.fixes![0].edits).text;
    const again = parsePrepDoc(fixed).artifacts.userStories;
    expect(again.map((u) => [u.goal?.text, u.container, u.table?.stories, u.criteria.length])).toEqual([
      ['export a recipe', 'table-cell', 2, 1],
      ['print a recipe', 'table-cell', 2, 1],
    ]);
  });

  it('reads no table without a delimiter row with as many cells as the header', () => {
    expect(stories('| As a cook, I want a timer, so that I do not burn things. |\n| not a delimiter |\n').list).toEqual([]);
    expect(stories('| Story | AC |\n|---|\n| As a cook, I want a timer, so that I do not burn things. | Given a step |\n').list).toEqual([]);
  });
});

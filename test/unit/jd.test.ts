/**
 * Job descriptions are read by their responsibilities: every fixture in test/fixtures/jd carries its
 * expected verdict (and what its title claims) in front matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JD_HYBRID, JD_THRESHOLDS, classifyJobDescription, dutyArea, type JdResult } from '../../src/core/jd';
import { buildLexicon } from '../../src/core/lexicon';
import { formatJd } from '../../src/cli/jd';
import { jdReport } from '../../src/service/reports';

const DIR = join(__dirname, '..', 'fixtures', 'jd');

interface Fixture {
  file: string;
  text: string;
  expected: JdResult['verdict'];
  titleSays?: JdResult['titleSays'];
  /** `quote: <loop> <words>`: evidence of that loop quotes exactly these words. */
  quotes: { loop: string; words: string }[];
  /** `noquote: <loop> <words>`: no evidence of that loop quotes these words. */
  noQuotes: { loop: string; words: string }[];
}

const pairs = (text: string, key: string): { loop: string; words: string }[] =>
  [...text.matchAll(new RegExp(`^${key}:\\s*(pm|po)\\s+(.+?)\\s*$`, 'gm'))].map((m) => ({ loop: m[1]!, words: m[2]! }));

const FIXTURES: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const expected = /^expected:\s*(\w+)\s*$/m.exec(text)?.[1] as JdResult['verdict'];
    const titleSays = /^titleSays:\s*(\w+)\s*$/m.exec(text)?.[1] as JdResult['titleSays'];
    return { file, text, expected, quotes: pairs(text, 'quote'), noQuotes: pairs(text, 'noquote'), ...(titleSays ? { titleSays } : {}) };
  });

describe('job-description fixtures', () => {
  it('has at least 22 fixtures covering every verdict and both kinds of disguised title', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(22);
    for (const v of ['pm', 'po', 'hybrid', 'unclear'] as const) expect(FIXTURES.some((f) => f.expected === v), v).toBe(true);
    expect(FIXTURES.some((f) => f.titleSays === 'po' && f.expected === 'pm')).toBe(true);
    expect(FIXTURES.some((f) => f.titleSays === 'pm' && f.expected === 'po')).toBe(true);
  });

  it.each(FIXTURES.map((f) => [f.file, f] as const))('%s', (_file, f) => {
    const r = classifyJobDescription(f.text);
    expect(r.verdict).toBe(f.expected);
    expect(r.titleSays).toBe(f.titleSays);
    const mismatch = f.titleSays !== undefined && f.expected !== 'unclear' && f.titleSays !== f.expected;
    expect(r.titleMismatch).toBe(mismatch);
    const quotes = r.evidence.flatMap((e) => e.quotes.map((q) => ({ ...q, loop: e.loop })));
    for (const q of quotes) expect(f.text.slice(q.start, q.end)).toBe(q.text);
    for (const want of f.quotes) expect(quotes.some((q) => q.loop === want.loop && q.text === want.words), `${want.loop} "${want.words}"`).toBe(true);
    for (const not of f.noQuotes) expect(quotes.some((q) => q.loop === not.loop && q.text.toLowerCase() === not.words.toLowerCase()), `no ${not.loop} "${not.words}"`).toBe(false);
    if (f.expected === 'unclear') {
      expect(r.prep).toEqual([]);
      expect(r.confidence).toBeLessThanOrEqual(0.3);
    } else expect(r.prep.length).toBeGreaterThanOrEqual(4);
    expect(r.reason.length).toBeGreaterThan(20);
  });
});

describe('classifyJobDescription', () => {
  const PO_BODY = [
    '## What you will do',
    '- Own and order the backlog for one Scrum team',
    '- Run refinement and sprint planning',
    '- Write user stories with acceptance criteria',
    '- Accept finished work against the definition of done',
  ].join('\n');

  it('returns the documented shape', () => {
    const r = classifyJobDescription(`# Product Manager, Claims\n\n${PO_BODY}\n`);
    expect(r.verdict).toBe('po');
    expect(r.title).toBe('Product Manager, Claims');
    expect(r.titleSays).toBe('pm');
    expect(r.titleMismatch).toBe(true);
    expect(r.scores.po).toBeGreaterThan(r.scores.pm);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.prep.length).toBeGreaterThanOrEqual(4);
    expect(r.prep.length).toBeLessThanOrEqual(7);
    expect(r.screeningQuestions.length).toBeGreaterThanOrEqual(4);
    expect(r.screeningQuestions[0]).toMatch(/title says product manager/i);
    for (const s of [...r.prep, ...r.screeningQuestions]) expect(s.trim().length).toBeGreaterThan(20);
  });

  it('points evidence at 1-based lines with the trimmed text', () => {
    const text = `Product Owner\r\n\r\n${PO_BODY.replace(/\n/g, '\r\n')}\r\n`;
    const r = classifyJobDescription(text);
    const lines = text.split(/\r\n/);
    expect(r.evidence.length).toBeGreaterThan(0);
    for (const e of r.evidence) {
      expect(e.text).toBe(lines[e.line - 1]!.trim());
      expect(e.terms.length).toBeGreaterThan(0);
      expect(e.loop).toBe('po');
    }
    expect(r.evidence.map((e) => e.line)).not.toContain(1); // the title never counts
  });

  it('ignores the title for the verdict', () => {
    const a = classifyJobDescription(`Product Owner\n\n${PO_BODY}`);
    const b = classifyJobDescription(`Senior Product Manager\n\n${PO_BODY}`);
    expect(a.verdict).toBe(b.verdict);
    expect(a.scores).toEqual(b.scores);
    expect(a.titleMismatch).toBe(false);
    expect(b.titleMismatch).toBe(true);
  });

  it('reads a combined title as hybrid and spots acronyms only as whole words', () => {
    expect(classifyJobDescription('Product Manager / Product Owner\n\nText.').titleSays).toBe('hybrid');
    expect(classifyJobDescription('Senior PM, Growth\n\nText.').titleSays).toBe('pm');
    expect(classifyJobDescription('PO – Payments\n\nText.').titleSays).toBe('po');
    expect(classifyJobDescription('Point of sale specialist\n\nText.').titleSays).toBeUndefined();
    // A duty that mentions a role is not a title.
    expect(classifyJobDescription('- Work with the Product Manager on priorities\n- Run refinement').title).toBeUndefined();
    expect(classifyJobDescription('We build tools.\nOur product managers love them.\nMore text here.\nProduct Owner').title).toBeUndefined();
  });

  it('barely counts company blurb and benefits', () => {
    const r = classifyJobDescription(
      [
        'Product Manager',
        '',
        'About us',
        'We are an agile company: Scrum teams, a groomed backlog, two-week sprints, retros and a definition of done.',
        '',
        'Benefits',
        '- Velocity bonus and sprint-end pizza',
        '',
        'The role',
        'Help the team where needed.',
      ].join('\n'),
    );
    expect(r.verdict).toBe('unclear');
    expect(r.evidence).toEqual([]);
  });

  it('reads the company describing itself as blurb, with or without an "About us" heading', () => {
    const r = classifyJobDescription(
      [
        'Product Owner',
        '',
        "We're a small lending startup built on weekly deployments and agile delivery. Our squads run two-week sprints. You will own the team backlog.",
        'Loanly is a fast-growing marketplace with a clear product vision. Loanly works in six markets.',
        '',
        'About Loanly',
        'Founders from three banks, and a roadmap full of pricing experiments.',
        '',
        'Responsibilities',
        '- Run refinement and sprint planning',
        '- This role requires strong leadership and a grasp of pricing strategy',
      ].join('\n'),
    );
    const quoted = r.evidence.flatMap((e) => e.quotes.map((q) => q.text.toLowerCase()));
    expect(quoted).toContain('backlog'); // "You will own the team backlog" is the role, not the blurb
    for (const blurb of ['deployments', 'agile', 'delivery', 'sprints', 'marketplace', 'product vision', 'roadmap', 'pricing experiments']) {
      expect(quoted, blurb).not.toContain(blurb);
    }
    expect(r.evidence.find((e) => e.line === 11)?.section).toBe('requirements');
    expect(r.verdict).toBe('po');
    // The role described the same way is the role, not the company.
    const role = classifyJobDescription('Responsibilities\nThe Product Owner is a digital expert who owns the backlog and runs sprint planning.');
    expect(role.evidence.flatMap((e) => e.terms)).toEqual(['backlog', 'sprint planning']);
  });

  it('reads "ab" as A/B testing only when written so', () => {
    const terms = (line: string) => classifyJobDescription(`Responsibilities\n- ${line}`).evidence.flatMap((e) => e.terms);
    expect(terms('Run A/B tests on the onboarding flow')).toContain('ab test');
    expect(terms('Plan AB experiments with the analysts')).toContain('ab');
    expect(terms('Du stimmst die Pläne mit dem Team ab')).not.toContain('ab');
  });

  it('weighs duties above requirements', () => {
    const scrum = '- Scrum, backlog refinement and sprint planning';
    const asRequirement = classifyJobDescription(`Responsibilities\n- Own the pricing strategy and the roadmap\n\nRequirements\n${scrum}`);
    const asDuty = classifyJobDescription(`Responsibilities\n- Own the pricing strategy and the roadmap\n${scrum}`);
    expect(asRequirement.scores.pm).toBe(asDuty.scores.pm);
    expect(asRequirement.scores.po).toBeLessThan(asDuty.scores.po);
    expect(classifyJobDescription('Responsibilities\n- Own the pricing strategy and the roadmap\n\nRequirements\n- Familiar with Scrum').verdict).toBe('pm');
  });

  it('calls a posting with both layers hybrid', () => {
    const r = classifyJobDescription(
      "What you'll do\n- Own the product strategy, roadmap and retention targets\n- Run backlog refinement and sprint planning, and write user stories with acceptance criteria",
    );
    expect(r.verdict).toBe('hybrid');
    expect(r.prep.some((p) => /layers/.test(p))).toBe(true);
    expect(r.screeningQuestions.some((q) => /share of the week/.test(q))).toBe(true);
  });

  it('tailors prep and questions to the verdict', () => {
    const pm = classifyJobDescription("What you'll do\n- Own the roadmap, pricing and retention\n- Run A/B tests and size markets");
    expect(pm.verdict).toBe('pm');
    expect(pm.prep.join(' ')).toMatch(/CAC payback/);
    expect(pm.screeningQuestions.join(' ')).toMatch(/metrics/);
    const unclear = classifyJobDescription('Join us and do great things.');
    expect(unclear.verdict).toBe('unclear');
    expect(unclear.screeningQuestions.join(' ')).toMatch(/backlog/);
    expect(unclear.title).toBeUndefined();
  });

  it('skips front matter and honours a custom lexicon', () => {
    const text = '---\nexpected: po\ntitle: Product Owner\n---\nResponsibilities\n- Run the hackathon programme and mob programming sessions';
    expect(classifyJobDescription(text).verdict).toBe('unclear');
    const lex = buildLexicon({ po: [{ term: 'hackathon', weight: 3 }, { term: 'mob programming', weight: 3 }] });
    expect(classifyJobDescription(text, lex).verdict).toBe('po');
    expect(classifyJobDescription(text, lex).title).toBeUndefined();
  });

  it('quotes the exact words of the posting, with offsets that survive a BOM and CRLF', () => {
    const text = '\uFEFFProduct Owner\r\n\r\nResponsibilities\r\n- Own the backlog and run Backlog Refinement\r\n- Define the Product Vision with the team\r\n';
    const r = classifyJobDescription(text);
    const quotes = r.evidence.flatMap((e) => e.quotes);
    expect(quotes.map((q) => q.text)).toEqual(['backlog', 'Backlog Refinement', 'Product Vision']);
    for (const q of quotes) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      expect(text.split(/\r\n/)[q.line - 1]!.slice(q.column - 1, q.column - 1 + q.text.length)).toBe(q.text);
    }
  });

  it('reads "size market opportunities" as PM sizing, and story sizing as PO', () => {
    const pm = classifyJobDescription('Responsibilities\n- Size market opportunities and run competitive analysis');
    expect(pm.evidence.flatMap((e) => e.quotes.map((q) => [e.loop, q.text]))).toEqual([
      ['pm', 'Size market opportunities'],
      ['pm', 'competitive analysis'],
    ]);
    const po = classifyJobDescription('Responsibilities\n- Size the stories with the team before sprint planning');
    expect(po.evidence.find((e) => e.loop === 'po')?.terms).toContain('size');
    expect(po.evidence.some((e) => e.loop === 'pm')).toBe(false);
  });

  it('never matches "market" inside "marketing", nor "competitive" in the pay line', () => {
    const r = classifyJobDescription('The role\n- Work with marketing and product marketing on launches\n- A competitive salary\n- Own the backlog and run refinement');
    expect(r.evidence.filter((e) => e.loop === 'pm')).toEqual([]);
    expect(r.verdict).toBe('po');
  });

  it('tells owned work from shared work', () => {
    const r = classifyJobDescription(
      [
        'Responsibilities',
        '- Communicate the product vision to stakeholders',
        '- Define and communicate the product strategy',
        '- Collaborate with the PO on sprint planning',
        '- Translate the roadmap into user stories',
      ].join('\n'),
    );
    const stance = (line: number, loop: string) => r.evidence.find((e) => e.line === line && e.loop === loop)?.stance;
    expect(stance(2, 'pm')).toBe('touches');
    expect(stance(3, 'pm')).toBe('owns');
    expect(stance(4, 'po')).toBe('touches');
    expect(stance(5, 'pm')).toBe('touches'); // the roadmap is input, the stories are the work
    expect(stance(5, 'po')).toBe('owns');
  });

  it('owns the work it does together with its team, not the work it helps a product lead with', () => {
    const r = classifyJobDescription(
      [
        'Responsibilities',
        '- Collaborate with the app developers to order and groom the product backlog',
        '- Work closely with engineers and designers to write user stories',
        '- Work with the squad on refining the backlog',
        '- Partner with the product manager to define the roadmap',
        '- Work with the product owners to refine the backlog',
        '- Help the team lead to prioritise the backlog',
        '- Collaborate with the team to explore the problem space and the backlog',
      ].join('\n'),
    );
    const stance = (line: number, loop: string) => r.evidence.find((e) => e.line === line && e.loop === loop)?.stance;
    expect(stance(2, 'po')).toBe('owns');
    expect(stance(3, 'po')).toBe('owns');
    expect(stance(4, 'po')).toBe('owns');
    expect(stance(5, 'pm')).toBe('touches'); // the product manager owns the roadmap
    expect(stance(6, 'po')).toBe('touches'); // the product owners own the backlog
    expect(stance(7, 'po')).toBe('touches'); // helping someone else do it
    expect(stance(8, 'po')).toBe('touches'); // exploring is not an owning verb
    // Who the role works with may hold a verb-like word ("design", "leads"); the purpose verb comes after "to".
    const people = classifyJobDescription(
      'Responsibilities\n- Work with engineering and design to define experiments on the funnel\n- Collaborate with engineering leads to build the roadmap\n- Work with the team to support the product owner to refine the backlog',
    );
    expect(people.evidence.find((e) => e.line === 2 && e.loop === 'pm')?.stance).toBe('owns');
    expect(people.evidence.find((e) => e.line === 3 && e.loop === 'pm')?.stance).toBe('owns');
    expect(people.evidence.find((e) => e.line === 4 && e.loop === 'po')?.stance).toBe('touches');
    // Joining a team is taking the job; joining a ceremony is sharing it.
    const joins = classifyJobDescription('Responsibilities\n- Join our payments squad and shape its vision and roadmap\n- Join sprint reviews and backlog refinement');
    expect(joins.evidence.find((e) => e.line === 2 && e.loop === 'pm')?.stance).toBe('owns');
    expect(joins.evidence.find((e) => e.line === 3 && e.loop === 'po')?.stance).toBe('touches');
    // The people the role works with are not the work: "Scrum team" in "with the Scrum team to" is shared.
    const team = classifyJobDescription('Responsibilities\n- Collaborate with the Scrum team to write user stories');
    const quotes = team.evidence.flatMap((e) => e.quotes.map((q) => [q.text, e.stance]));
    expect(quotes).toContainEqual(['user stories', 'owns']);
  });

  describe('lines about the hire, not the job', () => {
    const DUTIES = ['Senior Product Manager, Card Payments', '', 'Your role', '- Own the acquiring roadmap and set the strategy for it', '- Run discovery with merchants and pick the metrics that matter'];

    it('shows what a requirements part asks for as asked for, never as a duty the role owns', () => {
      const r = classifyJobDescription(
        [...DUTIES, '', 'What you bring', '- Card scheme rules and chargeback handling', '- The full payment lifecycle (authorisation, clearing, settlement)'].join('\n'),
      );
      const knowledge = r.evidence.filter((e) => e.line >= 8);
      expect(knowledge.length).toBeGreaterThan(0);
      for (const e of knowledge) {
        expect(e.section, e.text).toBe('requirements');
        expect(e.stance, e.text).toBe('touches');
      }
      expect(formatJd(r)).toMatch(/lifecycle[^\n]*\(asked for, not a duty; /);
      expect(r.evidence.filter((e) => e.stance === 'owns').every((e) => e.line < 7)).toBe(true);
    });

    it('reads a line about candidates\' backgrounds as no duty, and one ruling a background out as no evidence', () => {
      const alone = classifyJobDescription(DUTIES.join('\n'));
      for (const line of [
        '- Limited applicability for candidates who come purely from checkout conversion or top-of-funnel growth work',
        '- Not a good fit for applicants whose background is only growth marketing and funnel experiments',
      ]) {
        const r = classifyJobDescription([...DUTIES, line].join('\n'));
        expect(r.evidence.filter((e) => e.line === 6), line).toEqual([]);
        expect(r.owned, line).toEqual(alone.owned);
        expect(r.scores, line).toEqual(alone.scores);
      }
      // A background welcomed is asked for, not a duty, wherever it stands.
      const welcomed = classifyJobDescription([...DUTIES, '- Candidates with a retention and pricing background will stand out'].join('\n'));
      const at6 = welcomed.evidence.find((e) => e.line === 6);
      expect(at6?.section).toBe('requirements');
      expect(at6?.stance).toBe('touches');
      expect(welcomed.owned).toEqual(alone.owned);
    });
  });

  it('reads a list introduced as what the hire must know as requirements', () => {
    const r = classifyJobDescription(
      [
        'The team runs sprints for a lending product. Whoever joins needs deep working knowledge of:',
        '- Credit scoring, affordability checks and loan pricing',
        '- The loan lifecycle from application to collections',
        '',
        'Day to day the role is hands-on:',
        '- Writing epics and user stories with acceptance criteria',
        '- Running sprint planning with the developers',
      ].join('\n'),
    );
    const at = (line: number) => r.evidence.find((e) => e.line === line);
    expect(at(2)?.section).toBe('requirements');
    expect(at(3)?.section).toBe('requirements');
    expect(at(6)?.section).not.toBe('requirements');
    expect(r.owned.pm).toBe(0);
    expect(r.verdict).toBe('po');
  });

  it('judges an "able to" line by the list it stands in', () => {
    const r = classifyJobDescription(
      [
        'Responsibilities',
        '- Able to run sprint planning and refine the backlog',
        '',
        'What we look for',
        '- Able to write user stories',
        '',
        'Our squads work like this:',
        '- Writing user stories with the designers',
        '- Able to carry each release through the sprint',
        '',
        'A strong candidate has:',
        '- 5+ years in payments',
        '- Experience with Jira',
        '- Able to lead sprint reviews',
      ].join('\n'),
    );
    const section = (line: number) => r.evidence.find((e) => e.line === line)?.section;
    expect(section(2)).toBe('duties'); // under a duties heading
    expect(section(5)).toBe('requirements'); // under a requirements heading
    expect(section(9)).toBe('other'); // among duties
    expect(section(14)).toBe('requirements'); // among skills
  });

  it('reads account selling as account work, and specifying the build as delivery work', () => {
    const terms = (line: string) => classifyJobDescription(`Responsibilities\n- ${line}`).evidence.map((e) => [e.loop, ...e.terms].join(' '));
    expect(terms('Find upsell and cross-sell opportunities in your accounts')).toEqual([]);
    expect(terms('Write adoption strategies and a support strategy for each client')).toEqual([]);
    expect(terms('Run in-app upsell experiments on the pricing page')).toContainEqual(expect.stringMatching(/^pm .*upsell/));
    expect(terms('Own the growth strategy')).toContainEqual(expect.stringMatching(/^pm .*strategy/));
    expect(terms('Collect app / feature requirements in partner workshops and prioritise the list for the dev team')).toEqual([
      'po requirements gathering prioritise for the team',
    ]);
    expect(terms('Sketch wire-frames and user-flows for the settings screens')).toEqual(['po wireframes user flows']);
    expect(terms('Collect user feedback in the field after each release')).toContainEqual(expect.stringMatching(/^pm user feedback/));
    expect(terms('Get feedback from customers on each prototype')).toContainEqual(expect.stringMatching(/^pm user feedback/));
    expect(terms('Gather feedback and requests from stakeholders')).toEqual([]); // stakeholders are not users
  });

  it('reads strategy work derived from a strategy set above the role as shared', () => {
    const stance = (line: string) => classifyJobDescription(`Responsibilities\n- ${line}`).evidence.find((e) => e.loop === 'pm')?.stance;
    expect(stance('Shape a vision for the squad, driven by the wider strategy')).toBe('touches');
    expect(stance('Create the squad roadmap in line with the product vision')).toBe('touches');
    expect(stance('Keep a roadmap derived from the tribe strategy')).toBe('touches');
    // Every product strategy follows the company's goals: that is still the role's own strategy.
    expect(stance('Define the product strategy in line with the company strategy')).toBe('owns');
    expect(stance('Own the roadmap and align it with business goals')).toBe('owns');
    // What the work is aligned with is someone else's, whoever owns the work itself.
    const aligned = classifyJobDescription("Responsibilities\n- Keep a plan of roadmaps aligned with the client's goals and Acme's vision");
    const quotes = aligned.evidence.flatMap((e) => e.quotes.map((q) => q.text));
    expect(quotes).toEqual(['roadmaps', 'vision']);
    const alone = classifyJobDescription('Responsibilities\n- Keep a plan of roadmaps');
    expect(aligned.owned.pm).toBe(alone.owned.pm); // the roadmap is owned, the vision is not
    // Needs gathered to be turned into specifications are input, across a semicolon too.
    expect(stance('Collect and study customer needs; turn them into specifications for the developers')).toBe('touches');
    expect(stance('Collect and study customer needs; run discovery interviews')).toBe('owns');
    // "Strategic" describes other work; owning the line does not make it strategy work.
    const kpis = classifyJobDescription('Responsibilities\n- Track the delivery numbers that feed the strategic goals of the department');
    const owns = classifyJobDescription('Responsibilities\n- Own the strategy');
    expect(kpis.owned.pm).toBeLessThan(owns.owned.pm / 2);
  });

  it('keeps a PO posting PO when it also shares the vision and meets stakeholders', () => {
    const r = classifyJobDescription(
      `Product Owner\n\n${PO_BODY}\n- Communicate the product vision and strategy to stakeholders\n- Partner with the product manager on the roadmap\n- Keep leadership and sales informed each sprint`,
    );
    expect(r.verdict).toBe('po');
    expect(r.areas.pm.length).toBeLessThan(JD_HYBRID.areas);
    expect(r.titleMismatch).toBe(false);
  });

  it('calls short or off-topic text unclear, with low confidence, no prep plan and a reason', () => {
    for (const [text, why] of [
      ['hello world', /only 2 words/],
      ['', /only 0 words/],
      ['Stir the flour into the butter, add milk slowly and simmer the sauce for ten minutes until it thickens nicely.', /does not read as a PM or PO posting/],
      ['We are a friendly team looking for someone great. You will help with the roadmap sometimes and with anything else.', /not enough to tell/],
    ] as const) {
      const r = classifyJobDescription(text);
      expect(r.verdict, text).toBe('unclear');
      expect(r.confidence, text).toBeLessThanOrEqual(0.3);
      expect(r.prep, text).toEqual([]);
      expect(r.reason, text).toMatch(why);
      expect(r.screeningQuestions.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('says so, instead of guessing, when the posting is not in English', () => {
    // Written for this test: backlog words borrowed from English inside French and Portuguese duties.
    const french = [
      'Product Owner H/F',
      '',
      'Vous rejoignez une équipe produit de six personnes et vous êtes le lien entre les métiers et les développeurs.',
      'Vous gérez le backlog et vous rédigez les user stories avec leurs critères pour que l’équipe avance sans attendre.',
      'Vous suivez la roadmap définie par la direction et vous présentez chaque sprint aux utilisateurs.',
      'Vous êtes à l’aise avec les outils du quotidien et vous aimez le travail en équipe.',
    ].join('\n');
    const portuguese = [
      'Product Owner',
      '',
      'Você vai priorizar o backlog do time e escrever os requisitos para os desenvolvedores.',
      'Também vai acompanhar o roadmap, definir os KPIs do produto e validar as entregas com a área de negócio.',
      'É importante ter experiência com times ágeis e com a gestão de produtos digitais para o consumidor.',
    ].join('\n');
    for (const [text, name] of [[french, 'French'], [portuguese, 'Portuguese']] as const) {
      const r = classifyJobDescription(text);
      expect(r.verdict, name).toBe('unclear');
      expect(r.language).toBe(name);
      expect(r.reason).toMatch(new RegExp(`written in ${name}.*English postings only`));
      expect(r.reason).toMatch(/"backlog"/); // the loanwords it did find are named, not hidden
      expect(r.confidence).toBeLessThanOrEqual(0.3);
      expect(r.prep).toEqual([]);
      expect(r.titleMismatch).toBe(false);
      // The CLI and editor headlines say the same, not "too few duties".
      expect(formatJd(r).split('\n')[0]).toMatch(new RegExp(`posting is in ${name}`));
      expect(jdReport(r, 'posting.txt')).toMatch(new RegExp(`\\*\\*Verdict:\\*\\* unclear: the posting is in ${name}`));
      expect(jdReport(r, 'posting.txt')).not.toMatch(/too few duties/);
    }
    // An English posting that quotes a foreign company name or phrase is still read.
    const english = `# Product Owner\n\nOur office sits on the Rue de la Paix, near the Café du Monde.\n${[
      '## What you will do',
      '- Own and order the backlog for one Scrum team',
      '- Run refinement and sprint planning',
      '- Write user stories with acceptance criteria',
      '- Accept finished work against the definition of done',
    ].join('\n')}\n`;
    const r = classifyJobDescription(english);
    expect(r.verdict).toBe('po');
    expect(r.language).toBeUndefined();
  });

  it('says a posting mostly in another script is not in English, whatever English product words it borrows', () => {
    // Written for this test: postings in Chinese, Japanese and Russian with a few English words.
    const chinese = [
      '# 资深 Product Manager',
      '',
      '## 工作内容',
      '- 负责支付产品的整体规划，与研发团队一起推进版本迭代',
      '- 使用 Jira 管理需求 backlog，跟进开发进度并组织评审',
      '- 收集用户反馈，分析数据，持续优化用户体验',
      '- 与设计、运营和销售团队保持密切沟通',
    ].join('\n');
    const japanese = [
      'Product Owner 募集',
      '',
      '- スクラムチームの backlog を管理し、優先順位を決めていただきます',
      '- 開発者と一緒にユーザーストーリーを書き、受け入れ条件を定義します',
      '- スプリントレビューで成果物を確認します',
    ].join('\n');
    const russian = [
      'Product Owner',
      '',
      'Обязанности:',
      '- Ведение бэклога команды и приоритизация задач вместе с разработчиками',
      '- Написание пользовательских историй и критериев приёмки, участие в спринтах',
      '- Работа с заказчиками и сбор требований к продукту в Jira',
    ].join('\n');
    for (const [text, name] of [[chinese, 'Chinese'], [japanese, 'Japanese'], [russian, 'Cyrillic script']] as const) {
      const r = classifyJobDescription(text);
      expect(r.verdict, name).toBe('unclear');
      expect(r.language, name).toBe(name);
      expect(r.reason, name).toMatch(new RegExp(`^Most of the posting is written in ${name}, not English, and Prep Loop reads the duties of English postings only`));
      expect(r.reason, name).not.toMatch(/words? long/); // no spaces between Chinese words is no "1 word long"
      expect(r.confidence).toBeLessThanOrEqual(0.3);
      expect(r.prep).toEqual([]);
      expect(r.areas).toEqual({ pm: [], po: [] });
      expect(formatJd(r).split('\n')[0]).toMatch(new RegExp(`posting is in ${name}`));
      expect(jdReport(r, 'posting.txt')).toMatch(new RegExp(`\\*\\*Verdict:\\*\\* unclear: the posting is in ${name}`));
    }
    // The English words it found are named, not hidden.
    expect(classifyJobDescription(chinese).reason).toMatch(/"jira"/);
    // An English posting with a Chinese company name and office address is still read.
    const english = `# Product Owner\n\nYou join 深圳星河科技有限公司 at our office on 南山区科技园路, working in English.\n${PO_BODY}\n`;
    const r = classifyJobDescription(english);
    expect(r.verdict).toBe('po');
    expect(r.language).toBeUndefined();
    // A bilingual posting whose duties are written out in English too is read from them.
    const bilingual = [
      PO_BODY,
      '',
      '## 工作内容',
      '- 负责一个 Scrum 团队的 backlog，并决定其顺序',
      '- 主持需求梳理和迭代计划会议',
      '- 编写带有验收标准的用户故事',
      '- 按照完成的定义验收团队交付的工作',
    ].join('\n');
    const b = classifyJobDescription(bilingual);
    expect(b.language).toBeUndefined();
    expect(b.verdict).toBe('po');
  });

  it('reads splitting features, carrying the specs through the build and clarifying requirements for the developers as PO duties', () => {
    const duty = (line: string) => classifyJobDescription(`## What you will do\n- ${line}\n`).evidence;
    const owned = (line: string, term: string, area: string) => {
      const ev = duty(line);
      expect(ev.some((e) => e.loop === 'po' && e.stance === 'owns' && e.terms.includes(term)), `${line}: ${JSON.stringify(ev)}`).toBe(true);
      expect(dutyArea('po', term)).toBe(area);
    };
    owned('Break features down into buildable, testable pieces with engineering', 'story splitting', 'stories and refinement');
    owned('Work with engineering to split large epics into thin, shippable slices', 'story splitting', 'stories and refinement');
    owned('Own the specs from definition through implementation', 'specs through delivery', 'delivery with the team');
    owned('Keep the specifications up to date until the feature is live', 'specs through delivery', 'delivery with the team');
    owned('Work with developers day to day to clarify requirements', 'requirements clarification', 'stories and refinement');
    owned('Be there for the engineers every day to answer their questions on requirements', 'requirements clarification', 'stories and refinement');
    // Helping someone else clarify, or clarifying with people who own the layer, stays shared.
    for (const line of ['Support the PO to clarify requirements with the developers', 'Partner with the head of product to clarify requirements for the engineers']) {
      expect(duty(line).filter((e) => e.loop === 'po').map((e) => e.stance), line).toEqual(['touches']);
    }
    // PM-only lines, and the same verbs in another sense, are not pulled in.
    for (const line of [
      'Define the product vision and break it down into quarterly goals',
      'Split the market into segments and size each one',
      'Break the problem down into hypotheses to test with customers',
      'Clarify the product vision for the engineers',
      'Answer questions from customers and the sales team',
      'Hand the specs over to the delivery team',
      'Take the product from discovery through launch',
    ]) {
      const terms = duty(line).filter((e) => e.loop === 'po').flatMap((e) => e.terms);
      for (const t of ['story splitting', 'specs through delivery', 'requirements clarification']) expect(terms, line).not.toContain(t);
    }
    expect(classifyJobDescription('## What you will do\n- Define the product vision\n- Own the roadmap and the product strategy\n- Run customer discovery interviews\n').verdict).toBe('pm');
  });

  it('reads a heading as a topic, not as work the role owns', () => {
    // Headings whose markdown a job board dropped: short plain lines with no verb in front.
    const text = [
      'Product Manager, Level 1',
      '',
      'Product Vision and Strategy',
      '',
      '- You write tickets and user stories of small size on your own and help refine larger ones.',
      '- You specify acceptance criteria so that developers can start without questions.',
      '',
      'Roadmap',
      '',
      '- You answer questions from the team during the sprint and check finished stories.',
    ].join('\n');
    const r = classifyJobDescription(text);
    const heading = r.evidence.filter((e) => e.loop === 'pm' && (e.line === 3 || e.line === 8));
    expect(heading.length).toBe(2);
    for (const e of heading) expect(e.stance, e.text).toBe('touches');
    expect(r.owned.pm).toBe(0);
    expect(r.verdict).toBe('po');
    expect(r.titleMismatch).toBe(true);
    // A short line that starts with a verb is still a duty.
    const duty = classifyJobDescription('Senior Product Manager\n\nOwn the product roadmap\nSet the product strategy with leadership\nDefine success metrics for every launch\n');
    expect(duty.evidence.filter((e) => e.loop === 'pm').every((e) => e.stance === 'owns')).toBe(true);
    expect(duty.verdict).toBe('pm');
  });

  describe('the hybrid decision', () => {
    // A PM posting in our own words: strategy, market, pricing and outcomes across four duties.
    const PM_BODY = [
      '## Responsibilities',
      '- Set the product strategy for our invoicing tools and keep the roadmap for the year',
      '- Run customer interviews and study competitors to find the next market to enter',
      '- Decide pricing and packaging for the new tiers',
      '- Own retention and activation targets and report on them each month',
    ].join('\n');
    const evidenceOf = (r: JdResult, loop: 'pm' | 'po'): JdResult['evidence'] => r.evidence.filter((e) => e.loop === loop && e.stance === 'owns');

    it('keeps a PM posting PM when one line works with engineering in sprints', () => {
      const r = classifyJobDescription(`${PM_BODY}\n- Work with engineering in sprints to ship the roadmap`);
      expect(r.verdict).toBe('pm');
      expect(r.areas.po).toEqual([]);
    });

    it('keeps a PM posting PM when it also runs one sprint ceremony itself', () => {
      const r = classifyJobDescription(`${PM_BODY}\n- Run sprint planning with the four engineers`);
      expect(r.verdict).toBe('pm');
      expect(r.areas.po.length).toBeLessThan(JD_HYBRID.areas);
      expect(r.reason).toMatch(/too little to make the role hybrid/);
    });

    it('keeps a PM posting PM when the one delivery duty weighs more than its plain strategy words', () => {
      // Sprint words weigh more than strategy words; one sprint duty is still a side task.
      const r = classifyJobDescription(
        '## Responsibilities\n- Shape the strategy for the claims app with the founders\n- Define and develop the analytics for product usage\n- Manage the monthly sprint process, including sprint planning and sprint reviews',
      );
      expect(r.scores.po).toBeGreaterThan(r.scores.pm);
      expect(r.verdict).toBe('pm');
    });

    it('keeps a PO posting PO when it mentions the product vision once', () => {
      const r = classifyJobDescription(`${PO_BODY}\n- Own the product vision for the team`);
      expect(r.verdict).toBe('po');
      expect(r.areas.pm.length).toBeLessThan(JD_HYBRID.areas);
    });

    it('calls a posting hybrid when it owns both layers across areas, and shows both sides', () => {
      const r = classifyJobDescription(`${PM_BODY}\n- Own and order the backlog for the two squads\n- Run refinement and sprint planning, and write stories with acceptance criteria\n- Accept finished work against the definition of done`);
      expect(r.verdict).toBe('hybrid');
      expect(r.areas.pm.length).toBeGreaterThanOrEqual(JD_HYBRID.areas);
      expect(r.areas.po.length).toBeGreaterThanOrEqual(JD_HYBRID.areas);
      expect(evidenceOf(r, 'pm').length).toBeGreaterThanOrEqual(2);
      expect(evidenceOf(r, 'po').length).toBeGreaterThanOrEqual(2);
      // The reason names the areas of both sides.
      for (const a of [...r.areas.pm, ...r.areas.po]) expect(r.reason).toContain(a);
    });

    it('does not call it hybrid when the smaller layer is under a third of the duties', () => {
      const six = `${PM_BODY}\n- Size the market for the payroll add-on\n- Set the north-star metric for the product`;
      const r = classifyJobDescription(`${six}\n- Own and order the backlog for the squad\n- Run refinement and write stories with acceptance criteria`);
      expect(r.verdict).toBe('pm');
      const more = classifyJobDescription(`${six}\n- Own and order the backlog for the squad\n- Run refinement and write stories with acceptance criteria\n- Run sprint planning and the sprint review\n- Accept finished work against the definition of done`);
      expect(more.verdict).toBe('hybrid');
    });

    it('says unclear, with why, when the two layers are close and the duties are few', () => {
      const r = classifyJobDescription('## Responsibilities\n- Define the product strategy and the roadmap\n- Own the backlog and run sprint planning\n\nWe are a friendly team and we care about our customers.');
      expect(r.verdict).toBe('unclear');
      expect(r.confidence).toBeLessThanOrEqual(0.3);
      expect(r.reason).toMatch(/close to even/);
      expect(r.reason).toMatch(/too few/);
      expect(r.prep).toEqual([]);
    });

    describe('a line holding two owned duties', () => {
      // A squad PO who also sets where the product goes, written three ways.
      const PO_REST = [
        '- Looks after the delivery plan and the product backlog and keeps both current',
        '- Runs sprint planning, refinement and the retro with the engineers',
        '- Writes the user stories with acceptance criteria and signs off finished work',
      ].join('\n');
      const oneLine = (tail: string) => `Product Owner, Lending\n- The PO builds the product roadmap and sets the product vision for the squad${tail}.\n${PO_REST}`;
      const twoLines = `Product Owner, Lending\n- The PO builds the product roadmap for the squad.\n- Sets the product vision for the squad.\n${PO_REST}`;

      it('counts each duty, so one sentence and two bullets give the same verdict', () => {
        const one = classifyJobDescription(oneLine(''));
        const two = classifyJobDescription(twoLines);
        expect(two.verdict).toBe('hybrid');
        expect(one.verdict).toBe(two.verdict);
        expect(one.areas.pm).toEqual(expect.arrayContaining(['roadmap', 'strategy and vision']));
        expect(one.reason).toMatch(/PM work in [^(]*\(in 2 duties\)/);
        // One verb with its objects is one duty: "define and communicate" is one, and "test cases" are a term, not a second verb.
        const single = classifyJobDescription(
          '## Responsibilities\n- Define and communicate the roadmap for the app\n- Write the stories, the acceptance criteria and test cases for each feature',
        );
        expect(single.reason).toMatch(/\(in 1 duty\)/);
        expect(single.reason).not.toMatch(/\(in [2-9] duties\)/);
      });

      it('reads a verb whose object points back ("and rank them") as the same duty', () => {
        // A PO posting whose backlog line ends on what the items are ranked by: one backlog duty, not a second, PM one.
        const posting = [
          'Product Owner, Claims',
          '- Own the product backlog. You keep it up to date, clearly define items, and prioritize them based on business value, customer needs and team capacity.',
          '- Check quality and usability: you run user testing on prototypes and refine the acceptance criteria with QA.',
          '- Run sprint planning, refinement and the review with the squad.',
          '- Write user stories with acceptance criteria and accept finished work.',
          '- Track the KPIs of the claims flow and report them to the tribe lead.',
        ].join('\n');
        const r = classifyJobDescription(posting);
        expect(r.verdict).toBe('po');
        expect(r.reason).not.toMatch(/PM work in [^(]*\(in [2-9] duties\)/);
      });

      it('still owns a vision said to be driven by, or aligned with, the overall strategy', () => {
        for (const tail of [', driven by the overall strategy', ', aligned with the strategy', ' in line with the overall business strategy']) {
          const r = classifyJobDescription(oneLine(tail));
          const line2 = r.evidence.find((e) => e.line === 2 && e.loop === 'pm');
          expect(line2?.stance, tail).toBe('owns');
          expect(r.verdict, tail).toBe('hybrid');
          // What the work is aligned to is not the role's: the strategy in the tail is not owned.
          const alone = classifyJobDescription(oneLine(''));
          expect(r.owned.pm, tail).toBe(alone.owned.pm);
        }
      });

      it('judges close, thin evidence on the lines, and reads two lines of two duties as four bullets', () => {
        // One PM line and one PO line are too few to tell, though the PO line holds two duties.
        const thin = classifyJobDescription('## Responsibilities\n- Shape the product strategy and the roadmap for the app\n- Own the backlog and run sprint planning');
        expect(thin.verdict).toBe('unclear');
        expect(thin.reason).toMatch(/only 2 duty lines give the role either/);
        // Two duties on each side, in two areas each, are both jobs, in two lines or in four.
        const two = classifyJobDescription('## Responsibilities\n- Set the product strategy and build the roadmap\n- Own the backlog and run sprint planning');
        const four = classifyJobDescription(
          '## Responsibilities\n- Set the product strategy\n- Build the roadmap\n- Own the backlog\n- Run sprint planning',
        );
        expect(four.verdict).toBe('hybrid');
        expect(two.verdict).toBe(four.verdict);
      });
    });

    it('files a duty under the layer it mostly is: customer needs in a backlog duty are not discovery', () => {
      const r = classifyJobDescription(`${PO_BODY}\n- Prioritise the product backlog with customer needs in mind`);
      expect(r.areas.pm).toEqual([]);
      expect(r.verdict).toBe('po');
    });
  });

  it('reads work someone else defined as theirs, but only the work named right before it', () => {
    const own = (line: string): JdResult['owned'] => classifyJobDescription(`Responsibilities\n- ${line}`).owned;
    // The features are product management's; the backlog is the role's.
    expect(own('Own and order the product backlog of features defined by product management').po).toBeGreaterThan(2);
    expect(own('Track the roadmap set by the head of product').pm).toBe(0);
    expect(own('Own the release plan and the roadmap set by the PM').po).toBeGreaterThan(2);
    expect(own('Own the release plan and the roadmap set by the PM').pm).toBe(0);
    expect(own('Track the KPIs and OKRs defined by the tribe lead').pm).toBe(0);
  });

  it('counts a stakeholder only named as no evidence', () => {
    const r = classifyJobDescription('Responsibilities\n- Coordinate efforts across roles from marketing, legal, finance and operations');
    expect(r.evidence.flatMap((e) => e.terms)).not.toContain('legal');
    expect(r.evidence.flatMap((e) => e.terms)).not.toContain('finance');
  });

  it('reads "KPIs" as KPIs, and an adverb inside a touch phrase as the same phrase', () => {
    expect(classifyJobDescription('Responsibilities\n- Track the KPIs of the checkout').evidence.flatMap((e) => e.terms)).toContain('kpi');
    const abreast = classifyJobDescription('Responsibilities\n- Keep continually abreast of market trends');
    expect(abreast.owned.pm).toBe(0);
  });

  it('reads a sentence asking for a skill inside prose as a requirement, not a duty', () => {
    const prose = classifyJobDescription(
      'The Product Owner orders the backlog for the squad. She has the ability to shape the product strategy through her insight.',
    );
    const duty = classifyJobDescription('The Product Owner orders the backlog for the squad. She shapes the product strategy through her insight.');
    expect(prose.owned.pm).toBe(0);
    expect(duty.owned.pm).toBeGreaterThan(0);
  });

  it('exposes its thresholds', () => {
    expect(JD_THRESHOLDS.mixedShare).toBeGreaterThan(0);
    expect(JD_THRESHOLDS.mixedShare).toBeLessThan(0.5);
  });

  it('never throws on odd input', () => {
    for (const t of ['', '\n\n\n', '---', '---\n---', '#'.repeat(5000), 'Title:', 'Product Owner'.repeat(1000), '\uFEFF\r\r\r']) {
      expect(() => classifyJobDescription(t)).not.toThrow();
    }
    expect(() => classifyJobDescription(undefined as unknown as string)).not.toThrow();
    expect(classifyJobDescription('backlog\n'.repeat(200_000)).verdict).toBe('po'); // one term, very many times
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const r = classifyJobDescription(s);
        expect(['pm', 'po', 'hybrid', 'unclear']).toContain(r.verdict);
      }),
      { numRuns: 200 },
    );
  });
});

describe('what the role is given, in its sense (jd-fresh)', () => {
  /** The stance of the one evidence line of `loop` that quotes `term`. */
  const stanceOf = (text: string, loop: 'pm' | 'po', term: string): string | undefined =>
    classifyJobDescription(text).evidence.find((e) => e.loop === loop && e.terms.includes(term))?.stance;
  const pmTerms = (text: string): string[] => classifyJobDescription(text).evidence.filter((e) => e.loop === 'pm').flatMap((e) => e.terms);

  describe('helping with PM work is not owning it', () => {
    it('reads an owning verb offered as an alternative to contributing as touched', () => {
      expect(stanceOf('## Duties\n- Maintain / contribute to the roadmap for the loyalty app', 'pm', 'roadmap')).toBe('touches');
      expect(stanceOf('## Duties\n- Lead or support discovery interviews with clinic owners', 'pm', 'discovery interview')).toBe('touches');
    });

    it('still reads an owning verb coordinated with a sharing verb as owned', () => {
      expect(stanceOf('## Duties\n- Define and communicate the roadmap for the loyalty app', 'pm', 'roadmap')).toBe('owns');
      expect(stanceOf('## Duties\n- Maintain the roadmap for the loyalty app', 'pm', 'roadmap')).toBe('owns');
    });

    it('reads "help drive" and "help to shape" as helping, and plain "drive" as owning', () => {
      expect(stanceOf('## Duties\n- Help drive retention across the booking app', 'pm', 'retention')).toBe('touches');
      expect(stanceOf('## Duties\n- Help to shape the product strategy for bookings', 'pm', 'product strategy')).toBe('touches');
      expect(stanceOf('## Duties\n- Drive retention across the booking app', 'pm', 'retention')).toBe('owns');
    });

    it('reads enabling something as helping it, not owning it', () => {
      expect(stanceOf('## Duties\n- Enable growth across the venue tools', 'pm', 'growth')).toBe('touches');
    });

    it('gives the roadmap to the team that plans it, not to the role', () => {
      expect(stanceOf('## Duties\n- The regional platform team plans and agrees the roadmap for the year.', 'pm', 'roadmap')).toBe('touches');
      expect(stanceOf('## Duties\n- You sit in the regional platform team, who are responsible for the roadmap for the year.', 'pm', 'roadmap')).toBe('touches');
      // The role itself, named as the subject, still owns what it is given.
      expect(stanceOf('## Duties\n- The product manager owns the roadmap for the year.', 'pm', 'roadmap')).toBe('owns');
    });

    it('reads a party the title names as the role itself', () => {
      const text = 'Product Director, Loyalty\n\n## Duties\n- The Product Director is responsible for the product strategy of the loyalty app.';
      expect(stanceOf(text, 'pm', 'product strategy')).toBe('owns');
      const other = 'Product Owner, Loyalty\n\n## Duties\n- The Product Director is responsible for the product strategy of the loyalty app.';
      expect(stanceOf(other, 'pm', 'product strategy')).toBe('touches');
    });

    it('reads a role that owns the backlog and only supports the roadmap as PO, whatever the title', () => {
      const text = [
        'Product Manager, Garden Centre App',
        '',
        '- You own the product backlog of the garden centre app and keep it ordered for the development team.',
        '- The national stores team sets the roadmap for the seasonal campaigns.',
        '- Help to write the three-year product roadmap.',
        '- Help shape the product strategy and the yearly key results for the app.',
        '- Keep / contribute to the product roadmap for the loyalty card.',
      ].join('\n');
      const r = classifyJobDescription(text);
      expect(r.verdict).toBe('po');
      expect(r.areas.pm).toEqual([]);
      expect(r.titleMismatch).toBe(true);
      expect(r.reason).toMatch(/shared or supporting work/);
      // Must not: the same posting with the roadmap given to the role is not PO.
      const owned = classifyJobDescription(
        text.replace('Help to write', 'Write').replace('Keep / contribute to', 'Own').replace('Help shape', 'Set'),
      );
      expect(owned.verdict).not.toBe('po');
    });
  });

  describe('a strategy turned into a backlog is the input of PO work', () => {
    const PO_LINES = ['## What you will do', '- Run standups, planning, demos and retros with the two squads', '- Resolve blockers for engineering and accept finished stories'];

    it('does not count the translated strategy as owned', () => {
      const text = [...PO_LINES, '- Translate the retail strategy into an executable backlog and user stories'].join('\n');
      const r = classifyJobDescription(text);
      expect(r.verdict).toBe('po');
      expect(r.areas.pm).not.toContain('strategy and vision');
      expect(stanceOf(text, 'po', 'backlog')).toBe('owns');
    });

    it('still counts a strategy the role sets as owned', () => {
      expect(stanceOf('## What you will do\n- Set the retail strategy for the next two years', 'pm', 'strategy')).toBe('owns');
    });
  });

  describe('onboarding in its sense', () => {
    it('counts onboarding new users as PM funnel work', () => {
      expect(pmTerms('## Duties\n- Own the onboarding flow for new users and lift activation in the first week')).toContain('onboarding flow');
      expect(pmTerms('## Duties\n- Improve customer onboarding so more trials convert')).toContain('onboarding');
    });

    it('does not count onboarding merchants, vendors or staff, or a team named after it', () => {
      expect(pmTerms('## Duties\n- Run vendor onboarding and supplier checks for the marketplace')).not.toContain('onboarding');
      expect(pmTerms('## Duties\n- Streamline merchant onboarding for the card terminals')).not.toContain('onboarding');
      expect(pmTerms('## Duties\n- Speed up the onboarding of new employees in the warehouse')).not.toContain('onboarding');
      expect(pmTerms('## Duties\n- Act as the interface to the onboarding squad')).not.toContain('onboarding');
      expect(pmTerms('## Duties\n- Redesign the onboarding flow for new drivers')).not.toContain('onboarding flow');
    });

    it('reads every bare "onboarding" of a posting about onboarding merchants in that sense', () => {
      const text = '## Duties\n- Own the roadmap for the onboarding workflows of card merchants\n- Cut the time onboarding takes from two weeks to two days';
      expect(pmTerms(text)).not.toContain('onboarding');
      // Must not: when the posting also onboards users, a bare "onboarding" keeps the funnel sense.
      const both = `${text}\n- Own user onboarding in the app`;
      expect(classifyJobDescription(both).evidence.filter((e) => e.loop === 'pm' && e.line === 3).flatMap((e) => e.terms)).toContain('onboarding');
    });

    it('reads a merchant-tools PO posting as PO, not hybrid', () => {
      const text = [
        'Product Owner, Restaurant Partner Tools',
        'You help drive restaurant partner onboarding for our delivery app, enabling growth in new cities.',
        'What you will do:',
        '- Keep the roadmap of the partner onboarding tools (contract checks, menu upload).',
        '- Translate the city launch strategy into backlog items and user stories for the onboarding team.',
        '- Run the daily standup, sprint planning, the demo and the retro for the squad.',
        '- Unblock the engineers and answer their questions on the onboarding flow for partners.',
      ].join('\n');
      const r = classifyJobDescription(text);
      expect(r.verdict).toBe('po');
      expect(r.areas.pm).not.toContain('outcomes and metrics');
      expect(pmTerms(text).filter((t) => t.includes('onboarding'))).toEqual([]);
    });
  });

  describe('words of the product, not of the process', () => {
    it('reads "payment flow efficiency" as the product, and plain flow efficiency as the team measure', () => {
      const terms = (t: string): string[] => classifyJobDescription(t).evidence.filter((e) => e.loop === 'po').flatMap((e) => e.terms);
      expect(terms('## Duties\n- Improve checkout flow efficiency for returning shoppers')).not.toContain('flow efficiency');
      expect(terms('## Duties\n- Track flow efficiency and cycle time for the squad')).toContain('flow efficiency');
    });

    it('counts making product decisions as PM roadmap work', () => {
      const r = classifyJobDescription('## Duties\n- Weigh legal, technical and commercial inputs when making product decisions');
      expect(r.evidence.find((e) => e.loop === 'pm')?.terms).toContain('product decisions');
      const three = classifyJobDescription(
        '## Duties\n- Weigh legal and commercial inputs when making product decisions\n- Run user research with small landlords\n- Interpret research to make the right product decisions',
      );
      expect(three.areas.pm).toEqual(expect.arrayContaining(['roadmap', 'discovery']));
    });

    it('reads ordering the backlog for the development team as PO work, and "in order for" as nothing', () => {
      expect(classifyJobDescription('## Duties\n- Keep the items ordered for the development team').evidence.flatMap((e) => e.terms)).toContain('prioritise for the team');
      expect(classifyJobDescription('## Duties\n- Share context in order for the development team to move fast').evidence.flatMap((e) => e.terms)).not.toContain(
        'prioritise for the team',
      );
    });
  });

  describe('the reason names only what the posting says', () => {
    const RELEASE_ONLY = [
      '## What you will do',
      '- Sign off each release after the testers finish',
      '- Accept finished work against the definition of done',
      '- Coordinate the release plan across teams and track the dependencies between them',
    ].join('\n');

    it('names the areas the role owns, never a backlog or sprints it does not mention', () => {
      const r = classifyJobDescription(RELEASE_ONLY);
      expect(r.verdict).toBe('po');
      expect(r.areas.po).toEqual(expect.arrayContaining(['acceptance', 'delivery with the team']));
      expect(r.reason).toMatch(/acceptance/);
      expect(r.reason).not.toMatch(/backlog|sprint/i);
      expect(formatJd(r)).not.toMatch(/backlog, sprint/i);
    });

    it('names the words behind a layer it uses but does not own', () => {
      const r = classifyJobDescription(
        '## What you will do\n- Define the product strategy for the invoicing suite\n- Own the roadmap and the success metrics for the year\n\n## What you bring\n- Years of hands-on Jira administration and release management\n- Comfort running user acceptance testing',
      );
      expect(r.verdict).toBe('pm');
      expect(r.reason).toMatch(/"jira"/);
      expect(r.reason).not.toMatch(/sprint/i);
    });
  });
});

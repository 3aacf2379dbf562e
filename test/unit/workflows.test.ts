/**
 * The models behind the issue-12 workflows: the prep doc made from a job posting, the doc a new
 * story goes into, and the small fixes (the `loop: pn` fix order).
 */
import { describe, expect, it } from 'vitest';
import { classifyJobDescription } from '../../src/core/jd';
import { lintText } from '../../src/core/lint';
import { QUESTIONS } from '../../src/core/questions';
import { rankDocs, starSnippet } from '../../src/extension/coverageModel';
import { jdFileName, jdPrepDoc } from '../../src/service/jdDocModel';

const PO_TITLED_PM = `Product Manager, Checkout

Responsibilities:
- Own the team backlog and run backlog refinement every sprint
- Write user stories with acceptance criteria together with engineering
- Plan each sprint with the team and keep the sprint goal in view
- Accept completed stories against the definition of done
`;

describe('New Prep Doc from Job Description', () => {
  it('makes a doc of the verdict loop with the disagreement on top, the questions, the plan and one skeleton per drill', () => {
    const r = classifyJobDescription(PO_TITLED_PM);
    expect(r.verdict).toBe('po');
    expect(r.titleMismatch).toBe(true);
    const out = jdPrepDoc(r, { company: 'Acme: Payments' });
    if ('message' in out) throw new Error(out.message);
    expect(out.loop).toBe('po');
    expect(out.fileName).toBe('acme-payments-product-manager-checkout.md');
    const lines = out.text.split('\n');
    expect(lines.slice(0, 8)).toEqual(['---', 'loop: po', 'company: "Acme: Payments"', 'role: Product Manager, Checkout', '---', '', '# Acme: Payments · Product Manager, Checkout prep', '']);
    expect(lines[8]).toBe('> **The title and the duties disagree.** The title says PM, but the duties read as PO work. Prepare for the duties: panels test the job, not its name. Ask about it at the screen.');
    expect(out.text).toContain(`**Verdict:** a Product Owner role (confidence ${Math.round(r.confidence * 100)}%). ${r.reason}`);
    expect(out.text).toContain('## Ask at the screen\n\n1. ');
    for (const q of r.screeningQuestions) expect(out.text).toContain(q);
    for (const p of r.prep) expect(out.text).toContain(`- [ ] ${p}`);
    // One skeleton per PO drill, the first question of each; the cursor goes to the first one.
    const headings = lines.filter((l) => /^## .* #po #\w+$/.test(l));
    expect(headings).toHaveLength(5);
    expect(lines[out.storyLine]).toBe(headings[0]);
    for (const h of headings) expect(QUESTIONS.some((q) => q.skeleton.startsWith(h + '\n'))).toBe(true);
  });

  it('the doc it makes is a PO prep doc with no warnings or errors', () => {
    const out = jdPrepDoc(classifyJobDescription(PO_TITLED_PM), { company: 'Acme', role: 'Product Owner' });
    if ('message' in out) throw new Error(out.message);
    const { doc, findings } = lintText(out.text, { filePath: 'prep/acme-product-owner.md' });
    expect(doc?.isPrepDoc).toBe(true);
    expect(doc?.loop).toBe('po');
    // The five story skeletons are drills to answer: not stories (nor counted) until the candidate writes one.
    expect(doc?.stories).toHaveLength(0);
    expect(doc?.sections.filter((s) => s.unanswered)).toHaveLength(5);
    expect(findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'loop-coverage')).toBe(false);
  });

  it('junk or too-short input gets a reason and no doc', () => {
    for (const text of ['hello world', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.']) {
      const out = jdPrepDoc(classifyJobDescription(text));
      expect(out).toEqual({ message: expect.stringMatching(/^Prep Loop did not create a prep doc: this posting is unclear\. \S/) });
    }
  });

  it('names the file after the company and role, else the loop', () => {
    expect(jdFileName('pm', 'Zürich Labs', 'Senior PM / Growth')).toBe('zurich-labs-senior-pm-growth.md');
    expect(jdFileName('hybrid')).toBe('hybrid-prep.md');
  });
});

describe('where a new story goes', () => {
  it("puts the loop's main doc first, hybrid docs after, drafts last", () => {
    const docs = [
      { file: 'drafts/pm-old.md', loop: 'pm', stories: 9 },
      { file: 'both.md', loop: 'hybrid', stories: 20 },
      { file: 'pm.md', loop: 'pm', stories: 3 },
      { file: 'po.md', loop: 'po', stories: 4 },
      { file: 'pm-draft.md', loop: 'pm', stories: 7 },
    ];
    expect(rankDocs(docs, 'pm').map((d) => d.file)).toEqual(['pm.md', 'drafts/pm-old.md', 'pm-draft.md', 'both.md']);
    expect(rankDocs(docs, 'po').map((d) => d.file)).toEqual(['po.md', 'both.md']);
  });

  it('the STAR skeleton is tagged with the loop and axis and escapes snippet syntax', () => {
    const s = starSnippet('pm', 'ab-testing', 'metrics');
    expect(s.split('\n')[0]).toBe('## ${1:A story about a/b testing} #pm #metrics');
    expect(s).toContain('**Result:** ${5:');
  });
});

describe('the loop: pn fix', () => {
  it('offers first the loop the stories are tagged with', () => {
    const text = '---\nloop: pn\n---\n\n## Ran refinement #po #execution\n\nI split the story.\n';
    const f = lintText(text).findings.find((x) => x.ruleId === 'invalid-front-matter');
    expect(f?.fixes?.map((x) => x.title)).toEqual(['Set loop to po', 'Set loop to pm']);
    const pm = lintText(text.replace('#po', '#pm')).findings.find((x) => x.ruleId === 'invalid-front-matter');
    expect(pm?.fixes?.map((x) => x.title)).toEqual(['Set loop to pm', 'Set loop to po']);
  });
});

/**
 * New Prep Doc from Job Description: the text of a prep doc built from a posting's verdict. The
 * doc targets the verdict's loop, names the company and role, says at the top when the title and
 * the duties disagree, and holds the screening questions, the prep list, the drills to prepare
 * and a first story skeleton per drill (the same skeletons Drill a Question inserts). An
 * `unclear` posting gets no doc: the caller says why instead. Pure: no `vscode` import.
 */
import type { JdResult } from '../core/jd';
import { DRILLS } from '../core/lexicon';
import { questionsFor } from '../core/questions';
import { loopName } from '../core/rules/util';
import type { Loop, SingleLoop } from '../core/types';
import { yamlScalar } from './yaml';

/** The doc, or why there is none. */
export type JdPrepDoc = { loop: Loop; text: string; fileName: string; storyLine: number } | { message: string };

const SAYS: Record<'pm' | 'po' | 'hybrid', string> = { pm: 'PM', po: 'PO', hybrid: 'PM/PO' };

/** Keeps posting text from turning into markdown structure (headings, tags, HTML). */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/#/g, '\\#').trim();
}

/** A file name for the doc: `acme-product-owner.md`, else `<loop>-prep.md`. */
export function jdFileName(loop: Loop, company?: string, role?: string): string {
  const slug = [company, role]
    .filter(Boolean)
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || `${loop}-prep`}.md`;
}

/**
 * The prep doc for a classified posting.
 *
 * @param r - the verdict of {@link classifyJobDescription}
 * @param o - company and role as the user gave them (the role defaults to the posting's title)
 */
export function jdPrepDoc(r: JdResult, o: { company?: string; role?: string } = {}): JdPrepDoc {
  if (r.verdict === 'unclear') return { message: `Prep Loop did not create a prep doc: this posting is unclear. ${r.reason}` };
  const loop: Loop = r.verdict;
  const company = o.company?.trim() ?? '';
  const role = (o.role ?? r.title ?? '').replace(/\s+/g, ' ').trim();
  const lines = ['---', `loop: ${loop}`];
  if (company) lines.push(`company: ${yamlScalar(company)}`);
  if (role) lines.push(`role: ${yamlScalar(role)}`);
  lines.push('---', '');
  const name = [company, role].filter(Boolean).join(' · ') || `${loopName(loop)} loop`;
  lines.push(`# ${name.replace(/#/g, '')} prep`, '');
  if (r.titleMismatch && r.titleSays) {
    lines.push(`> **The title and the duties disagree.** The title says ${SAYS[r.titleSays]}, but the duties read as ${loopName(loop)} work. Prepare for the duties: panels test the job, not its name. Ask about it at the screen.`, '');
  }
  lines.push(`**Verdict:** ${verdictText(loop)} (confidence ${Math.round(r.confidence * 100)}%). ${inline(r.reason)}`, '');
  lines.push('## Ask at the screen', '', ...r.screeningQuestions.map((q, i) => `${i + 1}. ${inline(q)}`), '');
  lines.push('## What to prepare', '', ...r.prep.map((p) => `- [ ] ${inline(p)}`), '');
  const drills = (loop === 'hybrid' ? (['pm', 'po'] as SingleLoop[]) : [loop]).flatMap((l) => DRILLS[l]);
  lines.push('## Drills to prep', '', ...drills.map((d) => `- [ ] **${d.label}** (${d.loop.toUpperCase()}): ${d.description}`), '');
  lines.push('<!-- One story per drill below: answer the question as something you did ("I…"), with the number it moved. -->', '');
  const storyLine = lines.length;
  for (const d of drills) {
    const q = questionsFor(d.loop, d.id)[0];
    if (q) lines.push(q.skeleton.replace(/\s+$/, ''), '');
  }
  return { loop, text: lines.join('\n'), fileName: jdFileName(loop, company, role), storyLine };
}

function verdictText(loop: Loop): string {
  return loop === 'pm' ? 'a Product Manager role' : loop === 'po' ? 'a Product Owner role' : 'a hybrid PM/PO role';
}

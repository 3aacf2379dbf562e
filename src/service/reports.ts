/** Markdown reports the commands open: the job-description verdict. Pure: no `vscode` import. */
import type { JdResult } from '../core/jd';

const VERDICT: Record<JdResult['verdict'], string> = {
  pm: 'a Product Manager role',
  po: 'a Product Owner role',
  hybrid: 'a hybrid PM/PO role',
  unclear: 'unclear: too few duties point either way',
};

const SAYS: Record<'pm' | 'po' | 'hybrid', string> = { pm: 'PM', po: 'PO', hybrid: 'PM/PO' };

/** Keeps quoted posting text from turning into markdown structure. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1').trim();
}

/** The job-description report. */
export function jdReport(r: JdResult, source: string): string {
  const out: string[] = ['# Job description check', '', `Read from ${inline(source)}.`, ''];
  const verdict = r.language ? `unclear: the posting is in ${r.language}, and only English duties can be read` : VERDICT[r.verdict];
  out.push(`**Verdict:** ${verdict} (confidence ${Math.round(r.confidence * 100)}%).`, '');
  if (r.reason) out.push(inline(r.reason), '');
  if (r.title) {
    const says = r.titleSays ? ` — the title alone says ${SAYS[r.titleSays]}` : '';
    out.push(`**Title:** ${inline(r.title)}${says}.`);
    if (r.titleMismatch) out.push('', '> The title and the duties disagree. Prepare for the duties: panels test the job, not its name.');
    out.push('');
  }
  out.push(
    `**Scores:** PM ${r.scores.pm.toFixed(1)} · PO ${r.scores.po.toFixed(1)} (of which duties the role owns: PM ${r.owned.pm.toFixed(1)} · PO ${r.owned.po.toFixed(1)})`,
    '',
    '*How the scores add up: each line that names PM work (strategy, metrics, roadmap) or PO work (backlog, sprints, acceptance) adds the weight of its terms. Duties count in full, requirements and "nice to have" lines for less, and work the role only supports or joins counts for less than work it owns. The verdict follows the owned duties; hybrid means it owns both layers, each in two duty areas or more, the smaller at least a third of the duties.*',
    '',
  );
  if (r.areas.pm.length || r.areas.po.length) {
    const list = (a: string[]): string => (a.length ? a.join(', ') : 'none');
    out.push(`**Duty areas the role owns:** PM: ${list(r.areas.pm)} · PO: ${list(r.areas.po)}`, '');
  }
  for (const loop of ['pm', 'po'] as const) {
    const lines = r.evidence.filter((e) => e.loop === loop);
    out.push(`## ${loop === 'pm' ? 'PM' : 'PO'} evidence (${lines.length} line${lines.length === 1 ? '' : 's'})`, '');
    if (!lines.length) out.push('None.');
    for (const e of lines.slice(0, 12)) out.push(`- line ${e.line}: ${inline(e.text)} — *${e.terms.map(inline).join(', ')}*`);
    if (lines.length > 12) out.push(`- … and ${lines.length - 12} more`);
    out.push('');
  }
  // An unclear posting gets no plan: there is nothing yet to prepare for.
  if (r.prep.length) out.push('## What to prepare', '', ...r.prep.map((p) => `- ${inline(p)}`), '');
  else out.push('No plan yet: the text does not say enough about the job. Paste the whole posting (its duties especially) and run the check again.', '');
  out.push('## Ask at the screen', '', ...r.screeningQuestions.map((q, i) => `${i + 1}. ${inline(q)}`), '');
  return out.join('\n');
}

/**
 * The HTML of the Show Coverage webview. The counting lives in the core (`src/core/coverage.ts`);
 * this module only renders it. Pure: no `vscode` import.
 */
import type { Coverage } from '../core/coverage';
import { questionById } from '../core/questions';
import { loopName } from '../core/rules/util';
import { AXES } from '../core/types';
import { escapeHtml, strictCsp } from './html';

/** The webview page: a table per loop, strict CSP, every piece of user text escaped. */
export function coverageHtml(coverage: Coverage, nonce: string): string {
  const tables = coverage.loops
    .map((l) => {
      const head = `<tr><th scope="col">Drill</th>${AXES.map((a) => `<th scope="col">#${escapeHtml(a)}</th>`).join('')}<th scope="col">no axis</th><th scope="col">Stories</th></tr>`;
      const rows = l.rows
        .map((r) => {
          const cells = [...AXES, 'none' as const].map((a) => `<td class="${r.byAxis[a] ? 'n' : 'z'}">${r.byAxis[a] || '·'}</td>`).join('');
          return `<tr class="${r.total ? '' : 'gap'}"><th scope="row">${escapeHtml(r.label)}</th>${cells}<td class="${r.total ? 'n' : 'z'}">${r.total || 'none yet'}</td></tr>`;
        })
        .join('');
      const gaps = l.rows.filter((r) => !r.total).length;
      return `<section><h2>${escapeHtml(loopName(l.loop))} loop <span class="sub">${l.stories} ${l.stories === 1 ? 'story' : 'stories'}${gaps ? ` · ${gaps} drill${gaps === 1 ? '' : 's'} without a story` : ''}</span></h2><table>${head}${rows}</table></section>`;
    })
    .join('');
  const list = coverage.stories.length
    ? `<h2>Stories</h2><ul>${coverage.stories
        .map((s) => `<li><strong>${escapeHtml(s.title)}</strong> <span class="sub">${escapeHtml(s.file)} · ${s.loop ? `#${escapeHtml(s.loop)}` : 'no loop'}${s.axes.map((a) => ` #${escapeHtml(a)}`).join('')}</span></li>`)
        .join('')}</ul>`
    : '<p>No stories found in prep docs yet.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${strictCsp(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prep Loop coverage</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 1em}
table{border-collapse:collapse;margin-bottom:1.5em}
th,td{border:1px solid var(--vscode-panel-border,#8884);padding:.25em .6em;text-align:center}
th[scope=row]{text-align:left;font-weight:normal}
td.z{opacity:.5}
tr.gap th{color:var(--vscode-editorWarning-foreground)}
.sub{opacity:.7;font-weight:normal;font-size:.9em}
</style></head><body>
<h1>Coverage</h1>
<p class="sub">${coverage.docs} prep doc${coverage.docs === 1 ? '' : 's'}. A story counts for a drill when its text talks about that drill; hybrid stories count for both loops.</p>
${tables}${list}${openQuestions(coverage)}
</body></html>`;
}

/** The bank questions no story answers yet (an `Answers:` line, or a heading that repeats the question). */
function openQuestions(coverage: Coverage): string {
  const open = coverage.questions.open;
  if (!open.length) return '';
  const items = open.map((id) => `<li>${escapeHtml(questionById(id)?.question ?? id)} <span class="sub">${escapeHtml(id)}</span></li>`).join('');
  return `<h2>Open questions <span class="sub">${open.length} of ${open.length + coverage.questions.answered.length} with no story that answers them</span></h2><ul>${items}</ul>`;
}

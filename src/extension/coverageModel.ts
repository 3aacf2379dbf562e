/**
 * The coverage matrix of a set of prep docs: per loop, how many stories evidence each interview
 * drill, split by axis tag; and its HTML for the webview. Pure: no `vscode` import.
 */
import { lexiconFor } from '../core/lint';
import { DRILLS, detectDrills, type DrillId } from '../core/lexicon';
import type { LexiconExtras } from '../core/lexicon';
import type { PrepDoc, Story } from '../core/parse';
import { loopName, storyProse } from '../core/rules/util';
import { AXES, type Axis, type SingleLoop } from '../core/types';
import { escapeHtml, strictCsp } from './html';

/** One story with the doc it sits in. */
export interface CoverageStory {
  file: string;
  title: string;
  loop: SingleLoop | 'hybrid' | undefined;
  axes: Axis[];
  drills: DrillId[];
}

/** Per drill: story count per axis (and with no axis tag). */
export interface DrillRow {
  id: DrillId;
  label: string;
  byAxis: Record<Axis | 'none', number>;
  total: number;
}

/** The coverage of the stories of one loop. */
export interface LoopCoverage {
  loop: SingleLoop;
  stories: number;
  rows: DrillRow[];
}

/** Coverage over several docs. */
export interface Coverage {
  docs: number;
  stories: CoverageStory[];
  loops: LoopCoverage[];
}

/** The stories of one doc, with the drills their text evidences. */
export function coverageStories(file: string, doc: PrepDoc, lexicon: LexiconExtras = {}): CoverageStory[] {
  const lex = lexiconFor(lexicon);
  return doc.stories.map((s: Story) => ({
    file,
    title: s.heading.title || s.heading.text,
    loop: s.loop ?? doc.loop,
    axes: [...new Set(s.axisTags.map((t) => t.name))],
    drills: [...detectDrills(storyProse(doc, s).text, lex).keys()],
  }));
}

/** The matrix: a story counts for its loop (hybrid stories for both), once per drill it evidences. */
export function buildCoverage(docs: number, stories: CoverageStory[]): Coverage {
  const loops: LoopCoverage[] = (['pm', 'po'] as const).map((loop) => {
    const mine = stories.filter((s) => s.loop === loop || s.loop === 'hybrid');
    const rows = DRILLS[loop].map((d): DrillRow => {
      const byAxis = { strategy: 0, metrics: 0, execution: 0, stakeholders: 0, none: 0 };
      let total = 0;
      for (const s of mine) {
        if (!s.drills.includes(d.id)) continue;
        total++;
        if (!s.axes.length) byAxis.none++;
        for (const a of s.axes) byAxis[a]++;
      }
      return { id: d.id, label: d.label, byAxis, total };
    });
    return { loop, stories: mine.length, rows };
  });
  return { docs, stories, loops };
}

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
${tables}${list}
</body></html>`;
}

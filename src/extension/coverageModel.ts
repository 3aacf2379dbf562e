/**
 * The Show Coverage webview: its HTML, the actions behind every link, and the colours it uses.
 * The counting lives in the core (`src/core/coverage.ts`, the same model `prep-loop coverage
 * --json` prints); this module only renders it. Pure: no `vscode` import.
 *
 * Every story, every matrix cell and every gap is an item with an `id`; the page posts only that
 * id back (`{ type: 'act', id }`) and the extension looks the action up in {@link CoverageView.actions},
 * so nothing the page sends is trusted as a path or a command. The matrix is an ARIA grid with one
 * tab stop and arrow keys (roving `tabindex`); lists are plain buttons; focus is always visible.
 */
import { AXIS_COLUMNS, type AxisColumn, type Coverage, type CoverageStory } from '../core/coverage';
import { getDrill, type DrillId } from '../core/lexicon';
import { questionById } from '../core/questions';
import { loopName } from '../core/rules/util';
import type { Loop, SingleLoop } from '../core/types';
import { escapeHtml } from './html';

/** A doc a story can be opened in or added to (from the server's coverage answer). */
export interface CoverageDocRef {
  uri: string;
  file: string;
  loop?: string;
  stories: number;
}

/** What activating an item does. */
export type CoverageAction =
  | { kind: 'open'; file: string; line: number; title: string }
  | { kind: 'stories'; loop: SingleLoop; drill: DrillId; axis: AxisColumn | 'all'; stories: { file: string; line: number; title: string }[] }
  | { kind: 'gap'; loop: SingleLoop; drill: DrillId; axis?: AxisColumn }
  | { kind: 'drill'; loop: SingleLoop; drill: DrillId }
  | { kind: 'star'; loop: SingleLoop; drill: DrillId; axis?: AxisColumn };

/** The rendered page body and the action of each item id. */
export interface CoverageView {
  body: string;
  actions: Map<string, CoverageAction>;
}

/**
 * The colours of the page: each text colour with the background it sits on (theme colour ids,
 * `--vscode-<id with dots as dashes>`). The CSS is generated from this list, and a unit test
 * checks every pair for 4.5:1 contrast in the light, dark and high-contrast themes.
 */
export const TEXT_COLOURS: readonly { what: string; selector: string; fg: string; bg: string; weight?: string }[] = [
  { what: 'body text', selector: 'body', fg: 'foreground', bg: 'editor.background' },
  { what: 'secondary text (counts, file names, doc-loop notes)', selector: '.sub,.inferred,td.z', fg: 'descriptionForeground', bg: 'editor.background' },
  { what: 'links: stories and actions', selector: '.link', fg: 'textLink.foreground', bg: 'editor.background' },
  { what: 'a loop tag the candidate wrote', selector: '.tag', fg: 'badge.foreground', bg: 'badge.background' },
  { what: 'a gap (no story yet)', selector: 'tr.gap th,.gapnote', fg: 'foreground', bg: 'editor.background', weight: 'bold' },
];

const cssVar = (id: string) => `var(--vscode-${id.replace(/\./g, '-')})`;

/** The page's CSS (colours from {@link TEXT_COLOURS}; borders and focus rings are theme colours too). */
export function coverageCss(): string {
  const colours = TEXT_COLOURS.map((c) => `${c.selector}{color:${cssVar(c.fg)};${c.selector === 'body' ? `background:${cssVar(c.bg)};` : c.bg === 'editor.background' ? '' : `background:${cssVar(c.bg)};`}${c.weight ? `font-weight:${c.weight};` : ''}}`).join('\n');
  return `${colours}
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);padding:0 1em 2em}
table{border-collapse:collapse;margin-bottom:1.5em}
th,td{border:1px solid var(--vscode-panel-border,#8884);padding:.25em .6em;text-align:center}
th[scope=row],td.row{text-align:left;font-weight:normal}
tr.gap th{border-left:4px solid ${cssVar('editorWarning.foreground')}}
.tag{border-radius:3px;padding:0 .35em;margin-left:.3em;font-size:.9em}
.inferred{font-style:italic;margin-left:.3em}
.link{background:none;border:none;padding:0;font:inherit;cursor:pointer;text-decoration:underline;text-align:left}
[role=gridcell],[role=rowheader]{cursor:default}
[data-id]{cursor:pointer}
:focus{outline:none}
:focus-visible,[role=gridcell]:focus,[role=rowheader]:focus,.link:focus{outline:2px solid ${cssVar('focusBorder')};outline-offset:1px}
ul{padding-left:1.2em}li{margin:.2em 0}
.gaps li button{margin-left:.6em}
`;
}

/** The drills a story counts for, each with the words that made it count ("Scrum mechanics: sprint goal, refinement"). */
function drillEvidence(s: Coverage['stories'][number]): string {
  const parts = s.drills.map((d) => {
    const words = s.evidence?.[d] ?? [];
    return `${escapeHtml(getDrill(d)?.label ?? d)}${words.length ? ` (${escapeHtml(words.slice(0, 3).join(', '))})` : ''}`;
  });
  return parts.length ? ` <span class="sub">· ${parts.join('; ')}</span>` : '';
}

/** The item id of a story (stable across refreshes while the story stays on its line). */
export const storyId = (s: { file: string; line: number }) => `story:${s.file}:${s.line}`;

/** Builds the page body and its actions from the server's coverage answer. */
export function coverageView(coverage: Coverage, docs: readonly CoverageDocRef[] = []): CoverageView {
  const actions = new Map<string, CoverageAction>();
  const hasDoc = (loop: SingleLoop) => docs.some((d) => d.loop === loop || d.loop === 'hybrid');
  const out: string[] = [];
  out.push(`<p class="sub">${coverage.docs} prep doc${coverage.docs === 1 ? '' : 's'}. A story counts for a drill when it is about that drill: a word in passing or a tool in a skills list does not count. Hybrid stories count for both loops. Arrow keys move in a table; Enter opens.</p>`);

  for (const l of coverage.loops) {
    const mine = coverage.stories.filter((s) => s.loop === l.loop || s.loop === 'hybrid');
    if (!mine.length && !hasDoc(l.loop) && !coverage.gaps.some((g) => getDrill(g)?.loop === l.loop)) continue;
    const gaps = l.rows.filter((r) => !r.total).length;
    const caption = `${escapeHtml(loopName(l.loop))} loop <span class="sub">${l.stories} ${l.stories === 1 ? 'story' : 'stories'}${gaps ? ` · ${gaps} drill${gaps === 1 ? '' : 's'} without a story` : ''}</span>`;
    const head = `<tr role="row"><th scope="col" role="columnheader">Drill</th>${AXIS_COLUMNS.map((a) => `<th scope="col" role="columnheader">${a === 'none' ? 'no axis' : `#${escapeHtml(a)}`}</th>`).join('')}<th scope="col" role="columnheader">Stories</th></tr>`;
    const rows = l.rows
      .map((r) => {
        const inCell = (axis: AxisColumn | 'all') => mine.filter((s) => s.drills.includes(r.id) && (axis === 'all' || (s.axes.length ? s.axes.includes(axis as never) : axis === 'none')));
        const rowId = `drill:${l.loop}:${r.id}`;
        actions.set(rowId, r.total ? { kind: 'stories', loop: l.loop, drill: r.id, axis: 'all', stories: inCell('all').map(ref) } : { kind: 'gap', loop: l.loop, drill: r.id });
        const rowHead = `<th scope="row" role="rowheader" tabindex="-1" id="${escapeHtml(rowId)}" data-id="${escapeHtml(rowId)}" title="${r.total ? 'Enter: pick one of its stories' : 'Enter: drill a question or add a story'}">${escapeHtml(r.label)}${r.total ? '' : ' <span class="gapnote">(gap)</span>'}</th>`;
        const cells = AXIS_COLUMNS.map((a) => {
          const id = `cell:${l.loop}:${r.id}:${a}`;
          const n = r.byAxis[a];
          actions.set(id, n ? { kind: 'stories', loop: l.loop, drill: r.id, axis: a, stories: inCell(a).map(ref) } : { kind: 'gap', loop: l.loop, drill: r.id, axis: a });
          const label = n ? `${n} ${n === 1 ? 'story' : 'stories'}: ${r.label}, ${a === 'none' ? 'no axis tag' : `#${a}`}` : `No story: ${r.label}, ${a === 'none' ? 'no axis tag' : `#${a}`}`;
          return `<td role="gridcell" tabindex="-1" id="${escapeHtml(id)}" data-id="${escapeHtml(id)}" class="${n ? 'n' : 'z'}" aria-label="${escapeHtml(label)}">${n || '·'}</td>`;
        }).join('');
        const totalId = `total:${l.loop}:${r.id}`;
        actions.set(totalId, actions.get(rowId)!);
        const total = `<td role="gridcell" tabindex="-1" id="${escapeHtml(totalId)}" data-id="${escapeHtml(totalId)}" class="${r.total ? 'n' : 'z gapnote'}">${r.total || 'none yet'}</td>`;
        return `<tr role="row" class="${r.total ? '' : 'gap'}">${rowHead}${cells}${total}</tr>`;
      })
      .join('');
    out.push(`<section><h2>${caption}</h2><table role="grid" aria-label="${escapeHtml(loopName(l.loop))} loop: drills by axis">${head}${rows}</table></section>`);
  }

  const gapIds = coverage.gaps.filter((g) => getDrill(g));
  if (gapIds.length) {
    out.push(`<h2>Drills with no story yet</h2><ul class="gaps">`);
    for (const g of gapIds) {
      const d = getDrill(g)!;
      const drillId = `gapdrill:${d.loop}:${g}`;
      const starId = `gapstar:${d.loop}:${g}`;
      actions.set(drillId, { kind: 'drill', loop: d.loop, drill: g });
      actions.set(starId, { kind: 'star', loop: d.loop, drill: g, axis: d.axis });
      out.push(
        `<li><span class="gapnote">${escapeHtml(d.label)}</span> <span class="sub">(${d.loop.toUpperCase()})</span><button class="link" id="${escapeHtml(drillId)}" data-id="${escapeHtml(drillId)}">Drill a question</button><button class="link" id="${escapeHtml(starId)}" data-id="${escapeHtml(starId)}">Add a STAR story</button></li>`,
      );
    }
    out.push('</ul>');
  }

  if (coverage.stories.length) {
    out.push('<h2>Stories</h2><ul class="stories">');
    for (const s of coverage.stories) {
      const id = storyId(s);
      actions.set(id, { kind: 'open', ...ref(s) });
      out.push(`<li><button class="link" id="${escapeHtml(id)}" data-id="${escapeHtml(id)}">${escapeHtml(s.title)}</button>${loopLabel(s)}${s.axes.map((a) => `<span class="tag">#${escapeHtml(a)}</span>`).join('')} <span class="sub">${escapeHtml(s.file)}:${s.line}</span>${drillEvidence(s)}</li>`);
    }
    out.push('</ul>');
  } else out.push('<p>No stories found in prep docs yet.</p>');
  out.push(openQuestions(coverage));
  return { body: out.join('\n'), actions };
}

function ref(s: CoverageStory): { file: string; line: number; title: string } {
  return { file: s.file, line: s.line, title: s.title };
}

/** A written loop tag as a chip; a loop taken from the doc in italics, saying so. */
function loopLabel(s: CoverageStory): string {
  if (!s.loop) return ' <span class="inferred">no loop</span>';
  if (s.loopFrom === 'tag') return `<span class="tag">#${escapeHtml(s.loop)}</span>`;
  return ` <span class="inferred">${escapeHtml(loopName(s.loop as Loop))} (doc loop, no tag)</span>`;
}

/** The script of the page: clicks and keys post an item id; the grid moves focus with the arrow keys. */
const SCRIPT = `(function(){
const vscode = acquireVsCodeApi();
const main = document.getElementById('main');
let renders = 0;
let last = { id: '', at: 0 };
function post(id){
  // Enter is handled on keydown; the click a button then gets from it must not run the action twice.
  const now = Date.now();
  if (!id || (id === last.id && now - last.at < 400)) return;
  last = { id: id, at: now };
  vscode.postMessage({ type: 'act', id: id });
}
function grids(){ return Array.from(document.querySelectorAll('[role=grid]')); }
function cellsOf(row){ return Array.from(row.querySelectorAll('[role=gridcell],[role=rowheader]')); }
function setup(){
  for (const g of grids()) {
    const all = g.querySelectorAll('[role=gridcell],[role=rowheader]');
    if (!g.querySelector('[tabindex="0"]') && all.length) all[0].setAttribute('tabindex', '0');
  }
}
function focusCell(cell){
  const grid = cell.closest('[role=grid]');
  for (const c of grid.querySelectorAll('[tabindex="0"]')) c.setAttribute('tabindex', '-1');
  cell.setAttribute('tabindex', '0');
  cell.focus();
  vscode.setState({ focus: cell.id });
}
function move(cell, key, ctrl){
  const row = cell.closest('[role=row]');
  const grid = cell.closest('[role=grid]');
  const rows = Array.from(grid.querySelectorAll('[role=row]')).filter(function(r){ return cellsOf(r).length; });
  const r = rows.indexOf(row), cells = cellsOf(row), c = cells.indexOf(cell);
  let nr = r, nc = c;
  if (key === 'ArrowRight') nc = Math.min(c + 1, cells.length - 1);
  else if (key === 'ArrowLeft') nc = Math.max(c - 1, 0);
  else if (key === 'ArrowDown') nr = Math.min(r + 1, rows.length - 1);
  else if (key === 'ArrowUp') nr = Math.max(r - 1, 0);
  else if (key === 'Home') { nc = 0; if (ctrl) nr = 0; }
  else if (key === 'End') { nc = cells.length - 1; if (ctrl) nr = rows.length - 1; }
  else return false;
  const target = cellsOf(rows[nr])[Math.min(nc, cellsOf(rows[nr]).length - 1)];
  if (target) focusCell(target);
  return true;
}
function onKey(e){
  const t = e.target;
  if (!t || !t.closest) return;
  const cell = t.closest('[role=gridcell],[role=rowheader]');
  if ((e.key === 'Enter' || e.key === ' ') && t.dataset && t.dataset.id) { e.preventDefault(); post(t.dataset.id); return; }
  if (cell && move(cell, e.key, e.ctrlKey || e.metaKey)) e.preventDefault();
}
document.addEventListener('keydown', onKey);
document.addEventListener('click', function(e){
  const t = e.target && e.target.closest ? e.target.closest('[data-id]') : null;
  if (!t) return;
  if (t.matches('[role=gridcell],[role=rowheader]')) focusCell(t);
  post(t.dataset.id);
});
document.addEventListener('focusin', function(e){ if (e.target && e.target.id) vscode.setState({ focus: e.target.id }); });
function rendered(){
  renders++;
  const ids = Array.from(document.querySelectorAll('[data-id]')).map(function(el){ return el.id; });
  const tabStops = Array.from(document.querySelectorAll('button,[tabindex="0"]')).map(function(el){ return el.id; });
  vscode.postMessage({ type: 'rendered', renders: renders, version: Number(main.dataset.version), ids: ids, tabStops: tabStops });
}
window.addEventListener('message', function(e){
  const m = e.data || {};
  if (m.type === 'update') {
    const had = document.activeElement && document.activeElement.id;
    main.innerHTML = m.body;
    main.dataset.version = String(m.version);
    setup();
    const back = had && document.getElementById(had);
    if (back) { if (back.matches('[role=gridcell],[role=rowheader]')) focusCell(back); else back.focus(); }
    rendered();
  } else if (m.type === 'keys') {
    const start = document.getElementById(m.start);
    if (start) { if (start.matches('[role=gridcell],[role=rowheader]')) focusCell(start); else start.focus(); }
    const trail = [];
    for (const key of m.keys) {
      const el = document.activeElement;
      if (el) el.dispatchEvent(new KeyboardEvent('keydown', { key: key, bubbles: true, cancelable: true }));
      trail.push(document.activeElement ? document.activeElement.id : '');
    }
    vscode.postMessage({ type: 'keys', trail: trail });
  }
});
setup();
const state = vscode.getState();
const back = state && state.focus && document.getElementById(state.focus);
if (back) back.focus();
rendered();
})();`;

/** The bank questions no story answers yet (an `Answers:` line, or a heading that repeats the question). */
function openQuestions(coverage: Coverage): string {
  const open = coverage.questions?.open ?? [];
  if (!open.length) return '';
  const items = open.map((id) => `<li>${escapeHtml(questionById(id)?.question ?? id)} <span class="sub">${escapeHtml(id)}</span></li>`).join('');
  return `<h2>Open questions <span class="sub">${open.length} of ${open.length + (coverage.questions?.answered.length ?? 0)} with no story that answers them</span></h2><ul>${items}</ul>`;
}

/** The whole page: strict CSP (nonce'd style and script only), every piece of user text escaped. */
export function coverageHtml(view: CoverageView, nonce: string, version = 0): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${coverageCsp(nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prep Loop coverage</title>
<style nonce="${nonce}">
${coverageCss()}</style></head><body>
<h1>Coverage</h1>
<main id="main" data-version="${version}">
${view.body}
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>`;
}

/** The CSP of the coverage page: nothing loads; only the nonce'd style block and script run. */
export function coverageCsp(nonce: string): string {
  return [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src 'none'`, `form-action 'none'`, `base-uri 'none'`].join('; ');
}

/**
 * Prep docs that can take a story of a loop, best first: the loop's own docs before hybrid ones,
 * docs outside drafts/archive folders before those, then the doc with more stories (the main one).
 */
export function rankDocs<T extends { file: string; loop?: string; stories: number }>(docs: readonly T[], loop: string): T[] {
  const draft = (f: string) => /(^|[\\/])(drafts?|archive|old|scratch)[\\/]|(^|[\\/._-])(draft|wip|copy)[^\\/]*$/i.test(f);
  return docs
    .filter((d) => d.loop === loop || d.loop === 'hybrid')
    .sort((x, y) => Number(x.loop !== loop) - Number(y.loop !== loop) || Number(draft(x.file)) - Number(draft(y.file)) || y.stories - x.stories || x.file.localeCompare(y.file));
}

/** A STAR story skeleton for a drill, as a snippet (tab stops), tagged with its loop and axis. */
export function starSnippet(loop: string, drill: DrillId, axis: string | undefined): string {
  const label = getDrill(drill)?.label ?? drill;
  const esc = (s: string) => s.replace(/[$}\\]/g, '\\$&');
  return [
    `## \${1:A story about ${esc(label.toLowerCase())}} #${loop}${axis ? ` #${axis}` : ''}`,
    '',
    `*Drill: ${esc(label)}*`,
    '',
    '**Situation:** ${2:Where you were and what was at stake.}',
    '',
    '**Task:** ${3:What you had to achieve, with a number if there was one.}',
    '',
    '**Action:** ${4:What you did yourself: say "I".}',
    '',
    '**Result:** ${5:What changed, from what to what, by when.}',
    '',
    '$0',
  ].join('\n');
}

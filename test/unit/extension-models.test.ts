import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config';
import { classifyJobDescription } from '../../src/core/jd';
import { parsePrepDoc } from '../../src/core/parse';
import { buildCoverage, coverageDoc } from '../../src/core/coverage';
import { coverageCss, coverageHtml, coverageView, TEXT_COLOURS } from '../../src/extension/coverageModel';
import { escapeHtml, makeNonce, strictCsp } from '../../src/extension/html';
import { globLoopFor, headDeclaresLoop, lintForEditor } from '../../src/service/lintModel';
import { jdReport } from '../../src/service/reports';
import { summarize } from '../../src/service/scanModel';
import { prepOutline, statusText } from '../../src/service/statusModel';
import { newPrepDocText, yamlScalar } from '../../src/extension/templates';

const PM = `---
loop: pm
---

# Northwind prep

## Picked the activation bet #pm #strategy

We ran an A/B test on onboarding and lifted activation.

### Details

More.

## Fought for sprint capacity #po #stakeholders

Two stakeholders wanted the same sprint.
`;

describe('status bar text', () => {
  it('names the loop, the stories and the off-loop ones', () => {
    expect(statusText(parsePrepDoc(PM))?.text).toBe('PM loop · 2 stories · 1 off-loop');
    expect(statusText(parsePrepDoc('---\nloop: po\n---\n\n## One #po\n'))?.text).toBe('PO loop · 1 story');
  });

  it('is silent for plain markdown and explicit for skipped files', () => {
    expect(statusText(parsePrepDoc('# Readme\n\n## A #po\n'))).toBeUndefined();
    expect(statusText(undefined)).toBeUndefined();
    expect(statusText(undefined, 'Skipped: too big')).toEqual({ text: 'Prep Loop: not checked', tooltip: 'Skipped: too big' });
  });

  it('names a loop value that is not valid', () => {
    const s = statusText(parsePrepDoc('---\nloop: pmm\n---\n\n## One #po\n'));
    expect(s?.text).toBe('Loop "pmm" is not valid · 1 story');
    expect(s?.tooltip).toMatch(/must say pm, po or hybrid/);
    expect(statusText(parsePrepDoc('---\nloop:\n---\n\n## One #po\n'))?.text).toBe('Loop (empty) is not valid · 1 story');
  });

  it('says where a glob loop comes from', () => {
    const doc = parsePrepDoc('## A #po\n', { globLoop: { loop: 'po', glob: 'notes/po/**' } });
    expect(statusText(doc)?.tooltip).toContain('notes/po/**');
  });
});

describe('Prep outline', () => {
  it('is one "Prep stories" root listing only the stories (with tags) and artifacts, not every heading', () => {
    const doc = parsePrepDoc(PM + '\n## Onboarding PRD\n\n### Problem\n\nUsers churn.\n');
    const root = prepOutline(doc);
    expect(root?.name).toBe('Prep stories');
    expect(root?.detail).toBe('PM loop · 2 stories · 1 artifact');
    expect(root?.items.map((n) => [n.kind, n.name, n.detail])).toEqual([
      ['story', 'Picked the activation bet', '#pm #strategy'],
      ['story', 'Fought for sprint capacity', '#po #stakeholders'],
      ['artifact', 'Onboarding PRD', ''],
    ]);
    // The doc title and the "### Details" heading are the built-in markdown outline's to show.
    expect(root?.items.some((n) => n.name === 'Northwind prep' || n.name === 'Details')).toBe(false);
    expect(root?.range.start.line).toBe(doc.stories[0].heading.range.start.line);
    expect(root?.range.end.offset).toBe(doc.text.length);
  });

  it('is absent for plain markdown and for prep docs without stories', () => {
    expect(prepOutline(parsePrepDoc('# Readme\n\n## A #po\n'))).toBeUndefined();
    expect(prepOutline(parsePrepDoc('---\nloop: po\n---\n\n# Only a title\n'))).toBeUndefined();
  });
});

describe('scan summaries', () => {
  const ctx = { config: resolveConfig() };
  it('keep the stories, loop and coverage of a prep doc, not its text', () => {
    const summary = summarize('notes/pm.md', lintForEditor(PM, ctx), ctx);
    expect(summary.prep?.loop).toBe('pm');
    expect(summary.prep?.stories.map((s) => [s.title, s.tags, s.loop, s.axes])).toEqual([
      ['Picked the activation bet', '#pm #strategy', 'pm', ['strategy']],
      ['Fought for sprint capacity', '#po #stakeholders', 'po', ['stakeholders']],
    ]);
    expect(summary.prep?.coverage.file).toBe('notes/pm.md');
    expect(JSON.stringify(summary)).not.toContain('Two stakeholders wanted');
  });

  it('are empty for plain markdown and say why a file was skipped', () => {
    expect(summarize('README.md', lintForEditor('# Readme\n', ctx), ctx)).toEqual({});
    const small = { config: resolveConfig({ maxFileSize: 10 }) };
    expect(summarize('big.md', lintForEditor(PM, small), small).skipped).toMatch(/maxFileSize/);
  });
});

describe('lintForEditor', () => {
  const config = resolveConfig();

  it('lints a prep doc and ignores plain markdown', () => {
    expect(lintForEditor(PM, { config }).findings.some((f) => f.ruleId === 'wrong-loop')).toBe(true);
    const plain = lintForEditor('# Readme\n\n## A #po\n', { config });
    expect(plain.findings).toEqual([]);
    expect(plain.doc?.isPrepDoc).toBe(false);
  });

  it('anchors loopByGlob: config file patterns first, then the settings', () => {
    const fileConfig = resolveConfig({ loopByGlob: { 'po/**': 'po' } });
    const ctx = { config: fileConfig, configRelPath: 'po/a.md', settingsGlobs: { loopByGlob: { 'notes/po/**': 'pm' as const }, relPath: 'notes/po/a.md' } };
    expect(globLoopFor(ctx)).toEqual({ loop: 'po', glob: 'po/**' });
    expect(globLoopFor({ ...ctx, configRelPath: 'other/a.md' })).toEqual({ loop: 'pm', glob: 'notes/po/**' });
    expect(globLoopFor({ config })).toBeUndefined();
    expect(lintForEditor('## Split the story #pm\n', ctx).doc?.loop).toBe('po');
  });

  it('skips big files, telling only when they look like prep docs', () => {
    const small = resolveConfig({ maxFileSize: 50 });
    const big = lintForEditor(PM + 'x'.repeat(100), { config: small });
    expect(big.skipped).toMatch(/maxFileSize/);
    expect(big.showSkipped).toBe(true);
    expect(lintForEditor('# Readme\n' + 'x'.repeat(100), { config: small }).showSkipped).toBe(false);
  });

  it('spots front matter with a loop cheaply', () => {
    expect(headDeclaresLoop('---\nloop: po\n---\n')).toBe(true);
    expect(headDeclaresLoop('\uFEFF---\r\ncompany: x\r\nloop: pm\r\n---\r\n')).toBe(true);
    expect(headDeclaresLoop('---\ncompany: x\n---\nloop: pm\n')).toBe(false);
    expect(headDeclaresLoop('# loop: pm\n')).toBe(false);
  });
});

describe('webview html', () => {
  it('escapes user text', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
  });

  it('uses a fresh nonce and a CSP that allows no script', () => {
    const a = makeNonce();
    expect(a).toMatch(/^[0-9a-f]{36}$/);
    expect(makeNonce()).not.toBe(a);
    expect(strictCsp(a)).toBe(`default-src 'none'; style-src 'nonce-${a}'; script-src 'none'; form-action 'none'; base-uri 'none'`);
  });

  it('renders the coverage matrix with every story title escaped', () => {
    const doc = parsePrepDoc('---\nloop: pm\n---\n\n## "Quotes" & A/B test on pricing #pm #metrics\n\nWe ran an A/B test with enough power and checked for sample ratio mismatch.\n');
    const coverage = buildCoverage([coverageDoc('notes/<pm>.md', doc)]);
    const ab = coverage.loops[0].rows.find((r) => r.id === 'ab-testing');
    expect(ab?.total).toBe(1);
    expect(ab?.byAxis.metrics).toBe(1);
    const html = coverageHtml(coverageView(coverage), 'n0nce');
    expect(html).toContain('&#34;Quotes&#34; &#38; A/B test on pricing');
    expect(html).toContain('notes/&#60;pm&#62;.md');
    // Each story says which drills it counts for and the words that made them count.
    expect(html).toContain('<span class="sub">· A/B testing (A/B test, sample ratio mismatch)</span>');
    expect(html).toContain(`<style nonce="n0nce">`);
    expect(html).toContain(`<script nonce="n0nce">`);
    expect(html).toContain(`script-src 'nonce-n0nce'`);
    expect(html).toContain(`default-src 'none'`);
    // No inline handlers or styles: the CSP would block them, and the page needs none.
    expect(html).not.toMatch(/\son[a-z]+=|\sstyle=/);
  });

  it('makes every story, cell and gap an item with an action, and tells written tags from doc loops', () => {
    const doc = parsePrepDoc('---\nloop: pm\n---\n\n## Ran the pricing A/B test #pm #metrics\n\nI set the MDE and checked power before launch.\n\n## Sized the market\n\nI worked out LTV and CAC payback for the segment.\n');
    const coverage = buildCoverage([coverageDoc('pm.md', doc)]);
    const view = coverageView(coverage, [{ uri: 'file:///w/pm.md', file: 'pm.md', loop: 'pm', stories: 2 }]);
    expect(view.actions.get('story:pm.md:5')).toEqual({ kind: 'open', file: 'pm.md', line: 5, title: 'Ran the pricing A/B test' });
    expect(view.actions.get('story:pm.md:9')).toEqual({ kind: 'open', file: 'pm.md', line: 9, title: 'Sized the market' });
    expect(view.actions.get('cell:pm:ab-testing:metrics')).toMatchObject({ kind: 'stories', stories: [{ file: 'pm.md', line: 5 }] });
    expect(view.actions.get('cell:pm:ab-testing:strategy')).toEqual({ kind: 'gap', loop: 'pm', drill: 'ab-testing', axis: 'strategy' });
    expect(view.actions.get('gapdrill:pm:sql')).toEqual({ kind: 'drill', loop: 'pm', drill: 'sql' });
    expect(view.actions.get('gapstar:pm:sql')).toMatchObject({ kind: 'star', loop: 'pm', drill: 'sql' });
    // Every item the page shows has an action, and every action an item on the page.
    const ids = [...view.body.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids)).toEqual(new Set(view.actions.keys()));
    expect(view.body).toContain('<span class="tag">#pm</span>');
    expect(view.body).toContain('<span class="inferred">PM (doc loop, no tag)</span>');
  });

  it('uses only theme colours with at least 4.5:1 text contrast in light, dark and high-contrast themes', () => {
    const css = coverageCss();
    for (const c of TEXT_COLOURS) expect(css).toContain(`color:var(--vscode-${c.fg.replace(/\./g, '-')})`);
    expect(css).not.toMatch(/opacity/);
    expect(css).not.toMatch(/color:#/);
    const failures: string[] = [];
    for (const [theme, colours] of Object.entries(THEMES)) {
      for (const c of TEXT_COLOURS) {
        const bg = colours[c.bg];
        const fg = colours[c.fg];
        expect(bg, `${theme} ${c.bg}`).toBeDefined();
        expect(fg, `${theme} ${c.fg}`).toBeDefined();
        const ratio = contrast(fg!, bg!, colours['editor.background']!);
        if (ratio < 4.5) failures.push(`${theme}: ${c.what} ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failures).toEqual([]);
    // The measure itself: the old gap colour (warning yellow) on Light+ fails, black on white is 21:1.
    expect(contrast('#BF8803', '#FFFFFF', '#FFFFFF')).toBeLessThan(4.5);
    expect(contrast('#000000', '#FFFFFF', '#FFFFFF')).toBeCloseTo(21, 5);
  });

  it('lists the open bank questions: those no story answers yet', () => {
    const doc = parsePrepDoc('---\nloop: pm\n---\n\n## Cut CAC payback for the clinic plan #pm #metrics\n\nAnswers: pm-me-cac-payback\n\nI rebuilt the payback model with finance; it fell from 14 to 9 months.\n');
    const coverage = buildCoverage([coverageDoc('pm.md', doc)]);
    const html = coverageHtml(coverageView(coverage), 'n0nce');
    const open = coverage.questions.open;
    expect(coverage.questions.answered).toEqual(['pm-me-cac-payback']);
    expect(html).toContain(`Open questions <span class="sub">${open.length} of ${open.length + 1} with no story that answers them</span>`);
    expect(html).toContain(`<span class="sub">${open[0]}</span>`);
    expect(html).not.toContain('<span class="sub">pm-me-cac-payback</span>');
  });
});

/**
 * Theme colour values of VS Code's built-in themes (extensions/theme-defaults/themes/*.json, and
 * the colour registry's defaults where a theme leaves one unset), for the colours the page uses.
 * `#RRGGBBAA` values are blended over the background, as the workbench does.
 */
const THEMES: Record<string, Record<string, string>> = {
  'Light+ (registry light defaults)': { foreground: '#616161', 'editor.background': '#FFFFFF', descriptionForeground: '#717171', 'textLink.foreground': '#006AB1', 'badge.foreground': '#333333', 'badge.background': '#C4C4C4' },
  'Dark+ (registry dark defaults)': { foreground: '#CCCCCC', 'editor.background': '#1E1E1E', descriptionForeground: '#CCCCCCB3', 'textLink.foreground': '#3794FF', 'badge.foreground': '#FFFFFF', 'badge.background': '#4D4D4D' },
  'Light Modern': { foreground: '#3B3B3B', 'editor.background': '#FFFFFF', descriptionForeground: '#3B3B3B', 'textLink.foreground': '#005FB8', 'badge.foreground': '#3B3B3B', 'badge.background': '#CCCCCC' },
  'Dark Modern': { foreground: '#CCCCCC', 'editor.background': '#1F1F1F', descriptionForeground: '#9D9D9D', 'textLink.foreground': '#4DAAFC', 'badge.foreground': '#F8F8F8', 'badge.background': '#616161' },
  '2026 Light': { foreground: '#202020', 'editor.background': '#FFFFFF', descriptionForeground: '#606060', 'textLink.foreground': '#0069CC', 'badge.foreground': '#FFFFFF', 'badge.background': '#0069CC' },
  '2026 Dark': { foreground: '#BFBFBF', 'editor.background': '#121314', descriptionForeground: '#8C8C8C', 'textLink.foreground': '#48A0C7', 'badge.foreground': '#FFFFFF', 'badge.background': '#307E9F' },
  'Dark High Contrast': { foreground: '#FFFFFF', 'editor.background': '#000000', descriptionForeground: '#FFFFFFB3', 'textLink.foreground': '#21A6FF', 'badge.foreground': '#FFFFFF', 'badge.background': '#000000' },
  'Light High Contrast': { foreground: '#292929', 'editor.background': '#FFFFFF', descriptionForeground: '#292929B3', 'textLink.foreground': '#0F4A85', 'badge.foreground': '#FFFFFF', 'badge.background': '#0F4A85' },
};

function rgb(hex: string, over?: [number, number, number]): [number, number, number] {
  const h = hex.replace('#', '');
  const c = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  const a = h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1;
  return over ? (c.map((v, i) => v * a + over[i] * (1 - a)) as [number, number, number]) : c;
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of a text colour on a background (both may be translucent over the page). */
function contrast(fg: string, bg: string, page: string): number {
  const base = rgb(bg, rgb(page));
  const a = luminance(rgb(fg, base));
  const b = luminance(base);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

describe('templates and reports', () => {
  it('quotes YAML values only when needed', () => {
    expect(yamlScalar('Acme')).toBe('Acme');
    expect(yamlScalar('Senior PM, Growth')).toBe('Senior PM, Growth');
    expect(yamlScalar('Acme: Payments')).toBe('"Acme: Payments"');
    expect(yamlScalar('#1 team')).toBe('"#1 team"');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('2024')).toBe('"2024"');
    expect(yamlScalar('')).toBe('""');
  });

  it('makes a new prep doc that parses as one', () => {
    const text = newPrepDocText({ loop: 'po', company: 'Acme: Payments', role: 'Product Owner' });
    const doc = parsePrepDoc(text);
    expect(doc.loop).toBe('po');
    expect(doc.frontMatter?.data).toEqual({ loop: 'po', company: 'Acme: Payments', role: 'Product Owner' });
    expect(doc.stories).toEqual([]);
  });

  it('reports a job description verdict without letting posting text become markdown structure', () => {
    const r = classifyJobDescription('Product Owner\n\nResponsibilities:\n- Own the backlog and run refinement every sprint\n- Write user stories with acceptance criteria\n- # not a heading <b>bold</b>\n');
    const md = jdReport(r, 'jd.md');
    expect(md).toContain('**Verdict:**');
    expect(md).not.toMatch(/^# not a heading/m);
    expect(md).not.toContain('<b>');
    expect(md).toContain('## What to prepare');
  });

  it('gives an unclear posting its reason and no plan', () => {
    const md = jdReport(classifyJobDescription('hello world'), 'jd.md');
    expect(md).toMatch(/too little to tell what the job involves/);
    expect(md).not.toContain('## What to prepare');
  });
});

/**
 * The language server over stdio, as an editor that is not VS Code drives it: initialize, open a
 * prep doc, read pushed (or pulled) diagnostics, hover, completion, symbols, folding and code
 * actions, then edit and see the diagnostics follow.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-protocol';
import { questionById, questionsFor } from '../../src/core/questions';
import type { PracticeCardsResult } from '../../src/server/protocol';
import { SAMPLE_PM_DOC, SAMPLE_PO_LINE } from '../fixtures/sample-pm-doc';
import { removeBundle, startServer, type TestServer } from './helpers/lsp-client';

const DOC = SAMPLE_PM_DOC;
const PO_LINE = SAMPLE_PO_LINE;

let dir: string;
let uri: string;
const wrongLoop = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'wrong-loop');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-ws-'));
  writeFileSync(path.join(dir, 'pm.md'), DOC);
  uri = pathToFileURL(path.join(dir, 'pm.md')).href;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBundle();
});

function open(s: TestServer, u: string, text: string, version = 1) {
  return s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version, text } });
}

describe('prep-loop-ls --stdio (push diagnostics)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ folder: dir });
  });
  afterAll(() => s.stop());

  it('publishes diagnostics on open with exact ranges, codes and docs links', async () => {
    await open(s, uri, DOC);
    const ds = await s.diagnostics(uri, (ds) => wrongLoop(ds).length > 0);
    const [d] = wrongLoop(ds);
    const col = DOC.split('\n')[PO_LINE].indexOf('#po');
    expect(d.range).toEqual({ start: { line: PO_LINE, character: col }, end: { line: PO_LINE, character: col + 3 } });
    expect(d.source).toBe('prep-loop');
    expect(d.codeDescription?.href).toMatch(/\/docs\/rules\/wrong-loop\.md$/);
    expect(d.message).toMatch(/PO story in a PM-loop doc/);
    expect(d.relatedInformation?.[0].location.range.start.line).toBe(1);
  });

  it('answers hover on a loop tag and a domain term', async () => {
    const col = DOC.split('\n')[PO_LINE].indexOf('#po') + 1;
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: PO_LINE, character: col } })) as Hover;
    expect(JSON.stringify(hover.contents)).toMatch(/Product Owner loop/);
  });

  it("says on a heading what Prep Loop takes the section for, and why", async () => {
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: PO_LINE, character: 4 } })) as Hover;
    expect(JSON.stringify(hover.contents)).toMatch(/\*\*Story\*\* — it has a loop tag \(#po\)/);
    expect(hover.range?.start.line).toBe(PO_LINE);
  });

  it('adds the spoken length to the hover of a story heading, at the default 150 words a minute', async () => {
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 4 } })) as Hover;
    const text = JSON.stringify(hover.contents);
    expect(text).toMatch(/\*\*Story\*\* — /);
    expect(text).toMatch(/\*\*Spoken length:\*\* under a minute \(15 words at 150 a minute\)/);
  });

  it('lists the stories as document symbols and folds them', async () => {
    const symbols = (await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    expect(symbols.map((x) => x.name)).toEqual(['Prep stories']);
    expect(symbols[0].children?.map((c) => [c.name, c.detail])).toEqual([
      ['Picked the activation bet', '#pm #strategy'],
      ['Fought for sprint capacity', '#po #stakeholders'],
    ]);
    // Each story from its heading to its last non-blank line; the root over them, selected on the first heading.
    const line = (l: number) => DOC.split('\n')[l].length;
    expect(symbols[0].children?.map((c) => [c.range, c.selectionRange.start.line])).toEqual([
      [{ start: { line: 6, character: 0 }, end: { line: 8, character: line(8) } }, 6],
      [{ start: { line: 10, character: 0 }, end: { line: 12, character: line(12) } }, 10],
    ]);
    expect(symbols[0].range).toEqual({ start: { line: 6, character: 0 }, end: { line: 12, character: line(12) } });
    expect(symbols[0].selectionRange.start.line).toBe(6);
    const folds = (await s.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    expect(folds.map((f) => [f.startLine, f.endLine])).toEqual([
      [6, 8],
      [10, 12],
    ]);
  });

  it('offers the quick fixes of a diagnostic, disable for the file included', async () => {
    const ds = await s.diagnostics(uri, (ds) => wrongLoop(ds).length > 0);
    const [d] = wrongLoop(ds);
    const actions = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    expect(titles).toContain("Retag as #pm (this doc's loop)");
    expect(titles).toContain('Disable wrong-loop for this line');
    expect(titles).toContain('Disable wrong-loop for this file');
    expect(titles.some((t) => t.startsWith('Move story'))).toBe(false); // needs VS Code's pickers
    const retag = actions.find((a) => a.title === "Retag as #pm (this doc's loop)");
    expect(retag?.edit?.changes?.[uri]).toEqual([{ range: d.range, newText: '#pm' }]);
    const file = actions.find((a) => a.title === 'Disable wrong-loop for this file');
    expect(file?.edit?.changes?.[uri]).toEqual([{ range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, newText: '\n<!-- prep-loop-disable wrong-loop -->' }]);
    const docs = actions.find((a) => a.title.startsWith('Show docs'));
    expect(docs?.command?.command).toBe('prep-loop.showRuleDocs');
  });

  it('completes loop and axis tags in a heading, loop values in front matter, rule ids in disable comments', async () => {
    const u = pathToFileURL(path.join(dir, 'complete.md')).href;
    const text = '---\nloop: \n---\n\n## Split the story #p\n\n<!-- prep-loop-disable wr -->\n\nPlain #p in prose.\n';
    await open(s, u, text);
    const complete = async (line: number, character: number) => ((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line, character } })) as CompletionItem[]).map((c) => c.label);
    expect(await complete(4, '## Split the story #p'.length)).toEqual(['#pm', '#po', '#hybrid', '#strategy', '#metrics', '#execution', '#stakeholders']);
    expect(await complete(1, 'loop: '.length)).toEqual(['pm', 'po', 'hybrid']);
    const rules = await complete(6, '<!-- prep-loop-disable wr'.length);
    expect(rules).toContain('wrong-loop');
    expect(rules).toContain('loop-drift');
    expect(await complete(8, 'Plain #p'.length)).toEqual([]);
  });

  it('follows didChange: the diagnostic goes once the tag is fixed', async () => {
    const col = DOC.split('\n')[PO_LINE].indexOf('#po');
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: PO_LINE, character: col }, end: { line: PO_LINE, character: col + 3 } }, text: '#pm' }],
    });
    const before = s.published.length;
    const ds = await s.diagnostics(uri, (ds) => wrongLoop(ds).length === 0);
    expect(s.published.length).toBe(before + 1); // one publish for the edit: the debounced one
    expect(ds.every((d) => d.source === 'prep-loop')).toBe(true);
  });

  it('counts acceptance criteria kept in a sibling file, and follows edits of that file', async () => {
    const po = path.join(dir, 'po');
    mkdirSync(po, { recursive: true });
    const siblings = path.join(__dirname, '..', 'fixtures', 'cli', 'siblings');
    const backlog = readFileSync(path.join(siblings, 'backlog.md'), 'utf8');
    const criteria = readFileSync(path.join(siblings, 'criteria.md'), 'utf8');
    writeFileSync(path.join(po, 'backlog.md'), backlog);
    writeFileSync(path.join(po, 'criteria.md'), criteria);
    const storyUri = pathToFileURL(path.join(po, 'backlog.md')).href;
    const criteriaUri = pathToFileURL(path.join(po, 'criteria.md')).href;
    const missing = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'acceptance-criteria-missing').map((d) => d.range.start.line);
    // The criteria file is read from disk: only the story it has no criteria for is warned.
    await open(s, storyUri, backlog);
    expect(missing(await s.diagnostics(storyUri, (ds) => missing(ds).length > 0))).toEqual([24]);
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: storyUri }, position: { line: 16, character: 10 } })) as Hover;
    expect(JSON.stringify(hover.contents)).toContain('1 acceptance criterion for this story in `criteria.md`, line 12');
    // Edited in the editor (not saved): the story file's diagnostics follow.
    await open(s, criteriaUri, criteria);
    const line = criteria.split('\n').indexOf('## Story 1: Save a card for later');
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: criteriaUri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 34 } }, text: 'Story 1: Pay by bank transfer' }],
    });
    expect(missing(await s.diagnostics(storyUri, (ds) => missing(ds).length === 2))).toEqual([10, 24]);
    // Closed without saving: the disk's criteria count again.
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: criteriaUri } });
    expect(missing(await s.diagnostics(storyUri, (ds) => missing(ds).length === 1))).toEqual([24]);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: storyUri } });
  });

  it('counts the drills a sibling prep doc of the same loop covers in loop-coverage', async () => {
    const pm = path.join(dir, 'pm-folder');
    mkdirSync(pm, { recursive: true });
    const fixtures = path.join(__dirname, '..', 'fixtures', 'cli', 'coverage-siblings');
    const experiments = readFileSync(path.join(fixtures, 'experiments.md'), 'utf8');
    writeFileSync(path.join(pm, 'experiments.md'), experiments);
    writeFileSync(path.join(pm, 'money.md'), readFileSync(path.join(fixtures, 'money.md'), 'utf8'));
    const uri = pathToFileURL(path.join(pm, 'experiments.md')).href;
    const coverage = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'loop-coverage').map((d) => d.message);
    await open(s, uri, experiments);
    const [message] = coverage(await s.diagnostics(uri, (ds) => coverage(ds).length > 0));
    expect(message).toMatch(/^No story yet for this drill the PM loop asks about: Product sense\..*were counted too \(money\.md\).* first doc of PM stories in its folder\.$/);
    // money.md is a story bank of the same folder and loop after it: the folder's gaps are said once, not again there.
    const moneyUri = pathToFileURL(path.join(pm, 'money.md')).href;
    await open(s, moneyUri, readFileSync(path.join(fixtures, 'money.md'), 'utf8'));
    expect(coverage(await s.diagnostics(moneyUri, () => true))).toEqual([]);
    // Until experiments.md, unsaved in the editor, holds one story only: then money.md is the first story bank.
    const oneStory = experiments.split('## Fixed the signup funnel')[0];
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: oneStory }] });
    expect(coverage(await s.diagnostics(uri, (ds) => coverage(ds).length === 0))).toEqual([]);
    const [moved] = coverage(await s.diagnostics(moneyUri, (ds) => coverage(ds).length > 0));
    expect(moved).toMatch(/^No story yet for 2 drills the PM loop asks about: Product sense; Growth & activation funnel\./);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: moneyUri } });
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('Lint Workspace results stay after the file is opened and closed, until cleared', async () => {
    const u = pathToFileURL(path.join(dir, 'closed.md')).href;
    writeFileSync(path.join(dir, 'closed.md'), DOC);
    expect(await s.connection.sendRequest('prepLoop/lintFile', { uri: u })).toMatchObject({ isPrepDoc: true });
    await s.diagnostics(u, (ds) => wrongLoop(ds).length === 1);
    await open(s, u, DOC.replace('#po', '#pm'));
    await s.diagnostics(u, (ds) => wrongLoop(ds).length === 0);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    // Back to what the file on disk says (the unsaved edit is gone with the editor).
    await s.diagnostics(u, (ds) => wrongLoop(ds).length === 1);
    expect(await s.connection.sendRequest('prepLoop/clearWorkspaceLint', {})).toBe(true);
    await s.diagnostics(u, (ds) => ds.length === 0);
  });

  it('shows one "simplified" note per kind where the parse guard simplified, and keeps it in place as the doc is edited', async () => {
    const u = pathToFileURL(path.join(dir, 'deep.md')).href;
    const deepLine = `${'- '.repeat(30)}deep`;
    const text = `${DOC}\n## Nested notes #pm #metrics\n\nI kept a deep list.\n\n${deepLine}\n${deepLine}\n`;
    const line = text.split('\n').indexOf(deepLine);
    await open(s, u, text);
    const notes = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'simplified');
    const ds = await s.diagnostics(u, (ds) => notes(ds).length > 0);
    expect(notes(ds)).toHaveLength(1);
    const [n] = notes(ds);
    expect(n).toMatchObject({ severity: 3, source: 'prep-loop', range: { start: { line, character: 0 }, end: { line, character: deepLine.length } } });
    expect(n.message).toBe('Simplified: this line nests more than 16 lists or quotes; Prep Loop reads the deeper ones as plain text so checking stays fast. (1 more place like it)');
    expect(n.codeDescription?.href).toMatch(/\/docs\/limits\.md#simplified$/);
    expect(wrongLoop(ds)).toHaveLength(1); // the rest of the doc is still checked
    // No quick fixes for a note: it is not a rule's finding.
    const actions = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: n.range, context: { diagnostics: [n] } })) as CodeAction[];
    expect(actions).toEqual([]);
    // Two lines typed above it (an incremental re-check): the note moves with its line; then the deep lines go.
    const heading = text.split('\n').indexOf('## Nested notes #pm #metrics');
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ range: { start: { line: heading, character: 0 }, end: { line: heading, character: 0 } }, text: 'More.\n\n' }] });
    await s.diagnostics(u, (ds) => notes(ds)[0]?.range.start.line === line + 2);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: u, version: 3 },
      contentChanges: [{ range: { start: { line: line + 2, character: 0 }, end: { line: line + 4, character: 0 } }, text: '' }],
    });
    const after = await s.diagnostics(u, (ds) => notes(ds).length === 0);
    expect(wrongLoop(after)).toHaveLength(1);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('clears diagnostics on close', async () => {
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await s.diagnostics(uri, (ds) => ds.length === 0);
  });
});

describe('prep-loop-ls --stdio (pull diagnostics, settings, config files)', () => {
  let s: TestServer;
  let sub: string;
  beforeAll(async () => {
    sub = path.join(dir, 'configured');
    mkdirSync(sub);
    writeFileSync(path.join(sub, '.prep-loop.json'), JSON.stringify({ rules: { 'wrong-loop': 'error', 'story-points': { splitAt: 'big' } } }, null, 2));
    s = await startServer({ folder: dir, pull: true, settings: { rules: { 'loop-coverage': 'off', 'story-length': { wordsPerMinute: 100 } } } });
  });
  afterAll(() => s.stop());

  it('answers textDocument/diagnostic with the config file and the settings applied', async () => {
    const u = pathToFileURL(path.join(sub, 'notes.md')).href;
    await open(s, u, DOC);
    const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { kind: string; items: Diagnostic[] };
    expect(report.kind).toBe('full');
    const [d] = wrongLoop(report.items);
    expect(d.severity).toBe(1); // error, from .prep-loop.json
    expect(report.items.some((x) => x.code === 'loop-coverage')).toBe(false); // off in the settings
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: DOC.replace('#po', '#pm') }] });
    const again = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { items: Diagnostic[] };
    expect(wrongLoop(again.items)).toEqual([]);
  });

  it('pulls the "simplified" note too', async () => {
    const u = pathToFileURL(path.join(dir, 'stars.md')).href;
    await open(s, u, `${DOC}\n## Emphasis storm #pm\n\n${'*a* '.repeat(600)}\n`);
    const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } })) as { items: Diagnostic[] };
    const notes = report.items.filter((d) => d.code === 'simplified');
    expect(notes.map((d) => d.message)).toEqual(['Simplified: this paragraph has more than 1000 emphasis or bracket marks; Prep Loop reads them as plain text so checking stays fast.']);
    expect(notes[0].severity).toBe(3);
  });

  it("times the hover's spoken length at the story-length rule's wordsPerMinute", async () => {
    const u = pathToFileURL(path.join(dir, 'paced.md')).href;
    await open(s, u, DOC);
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 6, character: 4 } })) as Hover;
    expect(JSON.stringify(hover.contents)).toMatch(/15 words at 100 a minute/);
  });

  it('shows one diagnostic per bad config value, on the config file', async () => {
    const cfg = pathToFileURL(path.join(sub, '.prep-loop.json')).href;
    const ds = await s.diagnostics(cfg, (ds) => ds.length > 0);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toMatch(/found "big"/);
    expect(ds[0].range.start.line).toBe(4);
  });
});

describe('prepLoop/practiceCards: what Practice Today schedules, from the workspace', () => {
  let s: TestServer;
  let ws: string;
  const SKELETON_ID = 'pm-sql-daily-active';
  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'prep-loop-practice-'));
    const q = questionById(SKELETON_ID)!;
    writeFileSync(
      path.join(ws, 'pm.md'),
      `${DOC}\n## Sized the clinic plan #pm #metrics\n\nAnswers: pm-me-cac-payback\n\nI built the payback model with finance; payback fell from 14 to 9 months.\n\n${q.skeleton}`,
    );
    s = await startServer({ folder: ws });
  });
  afterAll(() => {
    s.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('sends the bank questions of the loops asked for, then their stories, with places, strength and answers', async () => {
    const r = (await s.connection.sendRequest('prepLoop/practiceCards', { loops: ['pm'] })) as PracticeCardsResult;
    const bank = questionsFor('pm').map((q) => q.id);
    expect(r.cards.slice(0, bank.length).map((c) => c.id)).toEqual(bank);
    const stories = r.cards.slice(bank.length);
    // The PO story is not a PM card; the unanswered skeleton is no story at all.
    expect(stories.map((c) => [c.kind, c.title])).toEqual([
      ['story', 'Picked the activation bet'],
      ['story', 'Sized the clinic plan'],
    ]);
    const file = pathToFileURL(path.join(ws, 'pm.md')).href;
    expect(r.places[stories[0].id]).toEqual({ uri: file, range: { start: { line: 6, character: 0 }, end: { line: 6, character: '## Picked the activation bet #pm #strategy'.length } } });
    expect(r.places[stories[1].id].range.start.line).toBe(14);
    expect(r.answeredBy).toEqual({ 'pm-me-cac-payback': stories[1].id });
    expect(r.strength.sql).toBe(0);
    expect(r.strength['metrics-economics']).toBeGreaterThan(0);
  });

  it('answers prepLoop/status for the current text, not the last one shown', async () => {
    const u = pathToFileURL(path.join(ws, 'status.md')).href;
    await open(s, u, DOC);
    await s.diagnostics(u, (ds) => ds.length > 0);
    expect(await s.connection.sendRequest('prepLoop/status', { uri: u })).toMatchObject({ isPrepDoc: true, loop: 'pm' });
    // The edit's lint is still debounced when the status is asked for.
    await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: DOC.replace('loop: pm', 'loop: po') }] });
    expect(await s.connection.sendRequest('prepLoop/status', { uri: u })).toMatchObject({ isPrepDoc: true, loop: 'po' });
  });

  it('sends both loops when none is asked for', async () => {
    const r = (await s.connection.sendRequest('prepLoop/practiceCards', {})) as PracticeCardsResult;
    expect(r.cards.filter((c) => c.kind === 'question')).toHaveLength(questionsFor('pm').length + questionsFor('po').length);
    expect(r.cards.filter((c) => c.kind === 'story').map((c) => c.title)).toEqual(['Picked the activation bet', 'Fought for sprint capacity', 'Sized the clinic plan']);
  });
});

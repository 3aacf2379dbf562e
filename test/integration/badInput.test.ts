/**
 * The bad-input classes of the CLI matrix (test/unit/bad-input.test.ts) through the extension, in
 * the real host: every file is written as raw bytes into one folder of the workspace and opened
 * in an editor, one after the other while the earlier ones stay in the workspace. Each gets a
 * clear note (a finding, "Simplified: …", "Skipped: …", the front-matter error) and no class
 * takes the language server down: a valid prep doc opened after all of them still gets its
 * diagnostics, the client never had to restart the server, and the doc opened first kept its own.
 * Where a class does not reach Prep Loop in the editor (VS Code refuses to open a binary file,
 * decodes a Latin-1 file as UTF-8 unless told otherwise), the test says so and asserts what
 * happens instead. Fixes on Latin-1 and UTF-16 files change no character they do not fix.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhere, inWorkspace, lintNow, onCleanup, prepDiagnostics, rangeOf, ruleOf, until, type LintReport } from './helpers';
import { SAMPLE_PM_DOC } from '../fixtures/sample-pm-doc';
import type { Test } from './runner';

const FOLDER = ['scratch', 'bad-input'];
const MB = 1024 * 1024;
const FM = '---\nloop: pm\n---\n\n';

/** A PM doc with a PO story: `wrong-loop` on its `#po` tag, and words with é, ü, ñ, — and €. */
const ACCENTED = accented('Fought for sprint capacity');

function accented(title: string): string {
  return `---
loop: pm
---

# Prep for the Zürich café chain

## ${title} #po #stakeholders

Señor Müller wanted the same sprint as the café team — a €40k deal; I split the story in refinement.
`;
}

/** A PO doc with a tag typo that fix-all corrects, and accented words around it. */
const TYPO = `---
loop: po
---

# PO prep — Café Zürich

## Ordered the backlog by cost of delay #po #execution #stakeholdrs

We ordered the café's backlog by value; Señor Müller agreed to split every story above 8 points (€).
`;
const TYPO_FIXED = TYPO.replace('#stakeholdrs', '#stakeholders');

/** windows-1252 bytes of a text (the few non-ASCII characters these fixtures use). */
function cp1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '—': 0x97, é: 0xe9, ü: 0xfc, ñ: 0xf1 };
  return Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : (high[c] ?? assert.fail(`no cp1252 byte for ${c}`)))));
}

/** UTF-16 with a BOM. */
function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 + 2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function uriOf(name: string): vscode.Uri {
  return inWorkspace(...FOLDER, name);
}

async function write(name: string, bytes: Uint8Array): Promise<vscode.Uri> {
  const uri = uriOf(name);
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri;
}

/** Opens a file of the folder in an editor and waits for its lint (the barrier, never a sleep). */
async function open(name: string): Promise<{ doc: vscode.TextDocument; uri: vscode.Uri; report: LintReport }> {
  const uri = uriOf(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, uri, report: await lintNow(doc) };
}

/** Whether the language server runs and how often it started (more than once: it crashed and was restarted). */
async function serverHealth(): Promise<{ running: boolean; starts: number }> {
  const h = await vscode.commands.executeCommand<{ running: boolean; starts: number }>('prepLoop._serverHealth');
  assert.ok(h, 'prepLoop._serverHealth returned nothing');
  return h;
}

const simplified = (ds: vscode.Diagnostic[]) => ds.filter((d) => ruleOf(d) === 'simplified');

/** Waits for exactly one "simplified" note matching `message` on `line`, and checks how it is shown. */
async function expectSimplified(uri: vscode.Uri, message: RegExp, line: number): Promise<vscode.Diagnostic> {
  const ds = await diagnosticsWhere(uri, `a simplified note matching ${String(message)}`, (ds) => simplified(ds).some((d) => message.test(d.message)), 60_000);
  const notes = simplified(ds).filter((d) => message.test(d.message));
  assert.equal(notes.length, 1, 'one note per kind of simplification');
  const [n] = notes;
  assert.equal(n.severity, vscode.DiagnosticSeverity.Information);
  assert.equal(n.source, 'prep-loop');
  assert.equal(n.range.start.line, line, `the note sits on the line where it happened: ${n.message}`);
  assert.ok(typeof n.code === 'object' && n.code.target.toString().endsWith('/docs/limits.md#simplified'), 'the note links the limits page');
  return n;
}

let baseline: { uri: vscode.Uri; shown: string } | undefined;
let startsBefore = 0;

/** What the user sees of a URI's Prep Loop diagnostics, as text to compare. */
function shownOf(uri: vscode.Uri): string {
  return prepDiagnostics(uri)
    .map((d) => `${ruleOf(d) ?? ''}@${d.range.start.line}:${d.range.start.character} ${d.message}`)
    .sort()
    .join('\n');
}

export const tests: Test[] = [
  {
    name: 'setup: a valid prep doc first (its diagnostics are the baseline), the server up once',
    timeout: 60_000,
    async run() {
      await vscode.workspace.fs.createDirectory(inWorkspace(...FOLDER));
      const uri = await write('valid-first.md', utf8(SAMPLE_PM_DOC));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await diagnosticsWhere(uri, 'wrong-loop on the valid doc', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      baseline = { uri, shown: shownOf(uri) };
      const h = await serverHealth();
      assert.equal(h.running, true);
      startsBefore = h.starts;
      assert.equal(startsBefore, 1, 'the server started once');
    },
  },
  {
    name: 'UTF-8 with a BOM (Notepad): a prep doc like any other, wrong-loop on its #po tag',
    async run() {
      await write('bom.md', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(ACCENTED)]));
      const { doc, uri, report } = await open('bom.md');
      assert.equal(report.isPrepDoc, true);
      assert.equal(doc.getText(), ACCENTED, 'VS Code strips the BOM; every accent intact');
      const ds = await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      const tag = rangeOf(doc, '#po');
      assert.deepEqual(ds.find((d) => ruleOf(d) === 'wrong-loop')?.range.start, tag.start);
    },
  },
  ...([false, true] as const).map(
    (bigEndian): Test => ({
      name: `UTF-16 ${bigEndian ? 'BE' : 'LE'} with a BOM: decoded by VS Code, checked as a prep doc, not "binary"`,
      async run() {
        const name = `utf16${bigEndian ? 'be' : 'le'}.md`;
        await write(name, utf16(ACCENTED, bigEndian));
        const { doc, uri, report } = await open(name);
        assert.equal(report.isPrepDoc, true);
        assert.equal(report.skipped, undefined);
        assert.equal(doc.getText(), ACCENTED);
        await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      },
    }),
  ),
  {
    name: 'Latin-1 / windows-1252 with é, ü, —, €: VS Code opens it as UTF-8 by default (files.encoding), Prep Loop still checks it; the server reads it from disk in its own encoding',
    async run() {
      const title = 'Won Señor Müller over for the café — €40k';
      const uri = await write('latin1.md', cp1252(accented(title)));
      // Closed, it is read by the workspace scan through the client (decodeText): the story title keeps every character.
      await vscode.commands.executeCommand('prepLoop.refreshStories');
      const tree = await vscode.commands.executeCommand<{ axes: { stories: string[] }[] }[]>('prepLoop._stories');
      const titles = tree.flatMap((l) => l.axes.flatMap((a) => a.stories));
      assert.ok(titles.includes(title), `the closed Latin-1 file's story, decoded: ${titles.join(' | ')}`);
      const { doc, report } = await open('latin1.md');
      // VS Code's own decoding: without files.encoding or files.autoGuessEncoding the bytes that are not UTF-8 show as U+FFFD.
      assert.ok(doc.getText().includes('\uFFFD'), 'VS Code decoded the file as UTF-8 (the user picks Reopen with Encoding)');
      assert.equal(report.isPrepDoc, true, 'the front matter is ASCII: still a prep doc');
      await diagnosticsWhere(uri, 'wrong-loop', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
    },
  },
  {
    name: 'fix-all on a windows-1252 file opened in its encoding, then saved: only the fixed tag changes, every other byte stays',
    async run() {
      const files = () => vscode.workspace.getConfiguration('files');
      onCleanup(() => files().update('encoding', undefined, vscode.ConfigurationTarget.Workspace));
      await files().update('encoding', 'windows1252', vscode.ConfigurationTarget.Workspace);
      const uri = await write('latin1-fix.md', cp1252(TYPO));
      const { doc } = await open('latin1-fix.md');
      assert.equal(doc.getText(), TYPO, 'VS Code decoded windows-1252');
      await diagnosticsWhere(uri, 'the tag typo', (ds) => ds.some((d) => ruleOf(d) === 'unknown-tag'));
      await fixAllAndSave(doc);
      assert.deepEqual([...(await vscode.workspace.fs.readFile(uri))], [...cp1252(TYPO_FIXED)], 'the file is the original bytes with the tag fixed');
    },
  },
  ...([false, true] as const).map(
    (bigEndian): Test => ({
      name: `fix-all on a UTF-16 ${bigEndian ? 'BE' : 'LE'} file, then saved: still UTF-16 with its BOM, only the fixed tag changed`,
      async run() {
        const name = `utf16${bigEndian ? 'be' : 'le'}-fix.md`;
        const uri = await write(name, utf16(TYPO, bigEndian));
        const { doc } = await open(name);
        await diagnosticsWhere(uri, 'the tag typo', (ds) => ds.some((d) => ruleOf(d) === 'unknown-tag'));
        await fixAllAndSave(doc);
        assert.deepEqual([...(await vscode.workspace.fs.readFile(uri))], [...utf16(TYPO_FIXED, bigEndian)]);
      },
    }),
  ),
  {
    name: 'an empty file and a whitespace-only file: no diagnostics, no note, not a prep doc',
    async run() {
      for (const [name, text] of [
        ['empty.md', ''],
        ['blank.md', ' \n\t\n\r\n   \n'],
      ] as const) {
        await write(name, utf8(text));
        const { uri, report } = await open(name);
        assert.equal(report.isPrepDoc, false, name);
        assert.equal(report.findings.length, 0, name);
        assert.deepEqual(prepDiagnostics(uri), [], name);
      }
    },
  },
  {
    name: 'a binary file (NUL bytes): VS Code refuses to open it as text; the workspace scan skips it, the server stays up',
    async run() {
      const bytes = new Uint8Array(4096);
      bytes.set(utf8(FM + '## A story #pm #metrics\n'));
      for (let i = 200; i < bytes.length; i += 7) bytes[i] = 0;
      await write('binary.md', bytes);
      await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(uriOf('binary.md'))), /binary/i, 'VS Code does not open a binary file as text');
      await vscode.commands.executeCommand('prepLoop.refreshStories');
      const tree = await vscode.commands.executeCommand<{ axes: { stories: string[] }[] }[]>('prepLoop._stories');
      assert.ok(!tree.some((l) => l.axes.some((a) => a.stories.includes('A story'))), 'the binary file is not read as a prep doc');
      assert.equal((await serverHealth()).starts, startsBefore);
    },
  },
  {
    name: 'a huge prep doc (above maxFileSize): "Skipped: the file is 2.1 MB, above the 2.0 MB limit" on its first line, status "not checked"',
    timeout: 90_000,
    async run() {
      const text = `${FM}## A huge story #pm #metrics\n\n${'I measured the funnel every week. '.repeat(Math.ceil((2.1 * MB) / 34))}\n`;
      await write('huge.md', utf8(text));
      const { uri, report } = await open('huge.md');
      assert.match(report.skipped ?? '', /^Skipped: the file is 2\.1 MB, above the 2\.0 MB limit \(setting maxFileSize\)\.$/);
      const ds = await diagnosticsWhere(uri, 'the skipped note', (ds) => ds.length > 0, 60_000);
      assert.equal(ds.length, 1);
      assert.equal(ds[0].message, report.skipped);
      assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Information);
      assert.equal(ds[0].range.start.line, 0);
      const status = await vscode.commands.executeCommand<{ visible: boolean; text: string; tooltip: string }>('prepLoop._statusText');
      assert.equal(status.text, 'Prep Loop: not checked');
      assert.equal(status.tooltip, report.skipped);
    },
  },
  {
    name: 'one very long line (about 1 MB): "Simplified: this section is … KB" on the line, the story still checked',
    timeout: 90_000,
    async run() {
      const text = `${FM}## Long notes #pm #metrics\n\nI ${'ran the weekly funnel review '.repeat(33_000)}\n`;
      await write('long-line.md', utf8(text));
      const { uri, report } = await open('long-line.md');
      assert.equal(report.isPrepDoc, true);
      const n = await expectSimplified(uri, /^Simplified: this section is \d+ KB; Prep Loop reads lists, code and user stories in its first 128 KB only \(tags everywhere\), so checking stays fast\.$/, 6);
      assert.equal(report.notes?.[0]?.message, n.message, 'the server reports the note it shows');
    },
  },
  ...[
    { what: 'deeply nested lists (10,000 markers)', name: 'deep-lists.md', body: `${'- '.repeat(10_000)}deep\n`, message: /^Simplified: this line nests more than 16 lists or quotes; Prep Loop reads the deeper ones as plain text so checking stays fast\.$/ },
    { what: 'deeply nested quotes (10,000 markers)', name: 'deep-quotes.md', body: `${'> '.repeat(10_000)}deep\n`, message: /^Simplified: this line nests more than 16 lists or quotes;/ },
    { what: 'deeply nested emphasis (5,000 `*a _b`)', name: 'deep-emphasis.md', body: `${'*a _b '.repeat(5000)}x\n`, message: /^Simplified: this paragraph has more than 1000 emphasis or bracket marks; Prep Loop reads them as plain text so checking stays fast\.$/ },
    { what: 'a list indented deeper on every line (200 lines)', name: 'deep-indent.md', body: `${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}- item`).join('\n')}\n`, message: /^Simplified: this line is indented more than 128 columns; .* \(72 more places like it\)$/, lineInBody: 127 },
  ].map(
    (c): Test => ({
      name: `${c.what}: one "Simplified: …" note where it happens, the rest checked`,
      timeout: 60_000,
      async run() {
        const head = `${FM}## Deep notes #pm #metrics\n\nI kept these notes.\n\n`;
        await write(c.name, utf8(head + c.body));
        const { uri } = await open(c.name);
        await expectSimplified(uri, c.message, head.split('\n').length - 1 + (c.lineInBody ?? 0));
      },
    }),
  ),
  {
    name: '100,000 hashtags in one section: "Simplified: this section is … KB", no stack overflow',
    timeout: 90_000,
    async run() {
      const text = `${FM}## Tag dump #pm #metrics\n\n${Array.from({ length: 100_000 }, (_, i) => `#t${i % 997}`).join(' ')}\n`;
      await write('hashtags.md', utf8(text));
      const { uri, report } = await open('hashtags.md');
      assert.equal(report.isPrepDoc, true);
      assert.equal(report.skipped, undefined);
      await expectSimplified(uri, /^Simplified: this section is \d+ KB;/, 6);
    },
  },
  {
    name: '20,000 headings: checked (the loop-coverage note), no simplification needed, the server stays responsive',
    timeout: 120_000,
    async run() {
      const text = FM + Array.from({ length: 20_000 }, (_, i) => `## Story ${i} #pm #metrics\n`).join('');
      // In a folder of its own: loop-coverage is said on a folder's first story bank, and in the
      // shared folder that is the valid doc opened first, whose findings must not move.
      await write('headings/headings.md', utf8(text));
      const { uri, report } = await open('headings/headings.md');
      assert.equal(report.isPrepDoc, true);
      assert.equal(report.notes, undefined);
      await diagnosticsWhere(uri, 'loop-coverage', (ds) => ds.some((d) => ruleOf(d) === 'loop-coverage'), 60_000);
    },
  },
  {
    name: 'malformed YAML front matter: the invalid-front-matter error at the broken line',
    async run() {
      await write('bad-yaml.md', utf8('---\nloop: pm\ncompany: [Acme\n---\n\n## A story #pm #metrics\n\nI led it.\n'));
      const { uri } = await open('bad-yaml.md');
      const ds = await diagnosticsWhere(uri, 'invalid-front-matter', (ds) => ds.some((d) => ruleOf(d) === 'invalid-front-matter'));
      const d = ds.find((x) => ruleOf(x) === 'invalid-front-matter');
      assert.ok(d && d.range.start.line >= 1 && d.range.start.line <= 3, `on the front matter (line ${d?.range.start.line})`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    },
  },
  {
    name: 'unknown tags: a typo of a loop tag gets unknown-tag, a tag of your own is left alone',
    async run() {
      await write('tags.md', utf8(`${FM}## Picked the activation bet #pm #metrcis #my-own-label\n\nWe raised week-one activation from 31% to 38% by end of Q3.\n`));
      const { doc, uri } = await open('tags.md');
      const ds = await diagnosticsWhere(uri, 'unknown-tag', (ds) => ds.some((d) => ruleOf(d) === 'unknown-tag'));
      const unknown = ds.filter((d) => ruleOf(d) === 'unknown-tag');
      assert.equal(unknown.length, 1);
      assert.deepEqual(unknown[0].range.start, rangeOf(doc, '#metrcis').start);
    },
  },
  {
    name: 'a bad .prep-loop.json value: one message on the config file, its docs checked with the default',
    timeout: 120_000,
    async run() {
      const dir = ['scratch', 'bad-input', 'configured'];
      await vscode.workspace.fs.createDirectory(inWorkspace(...dir));
      // The message on the config file comes only from the file watcher's event for it (nothing
      // opens a .json file in the server). A file written into a folder created a moment ago can
      // come before the watcher watches that folder, and then its event never comes: so first see
      // the watcher report a file there (the doc), and only then write the config file.
      const watcher = vscode.workspace.createFileSystemWatcher('**/bad-input/configured/*.md');
      onCleanup(() => watcher.dispose());
      let watched = false;
      const subs = [watcher.onDidCreate(() => (watched = true)), watcher.onDidChange(() => (watched = true))];
      onCleanup(() => subs.forEach((s) => s.dispose()));
      const docUri = inWorkspace(...dir, 'notes.md');
      await vscode.workspace.fs.writeFile(docUri, utf8(SAMPLE_PM_DOC));
      await until('the file watcher to see the new folder', () => watched, [watcher.onDidCreate, watcher.onDidChange], 30_000);
      const doc = await vscode.workspace.openTextDocument(docUri);
      await vscode.window.showTextDocument(doc);
      await diagnosticsWhere(docUri, 'wrong-loop in the configured folder', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      const cfg = inWorkspace(...dir, '.prep-loop.json');
      await vscode.workspace.fs.writeFile(cfg, utf8('{\n  "rules": {\n    "story-points": { "splitAt": "big" }\n  }\n}\n'));
      const cfgDoc = await vscode.workspace.openTextDocument(cfg);
      await vscode.window.showTextDocument(cfgDoc);
      // Checked now and on every diagnostics change from here (until subscribes before it checks).
      // The watcher's debounce, the config settle and a file read: 60 s like this file's other slow waits, for a loaded 2-core machine.
      const ds = await until(
        'one diagnostic on the bad config value',
        () => {
          const all = vscode.languages.getDiagnostics(cfg);
          return all.some((d) => d.source === 'prep-loop') ? all : undefined;
        },
        [vscode.languages.onDidChangeDiagnostics],
        60_000,
      );
      // The config file is read now: its doc is checked with the default for the bad value, not skipped.
      const report = await lintNow(doc);
      assert.ok(report.findings.some((f) => f.ruleId === 'wrong-loop'), 'the doc is still checked under the bad config');
      const ours = ds.filter((d) => d.source === 'prep-loop');
      assert.equal(ours.length, 1);
      assert.match(ours[0].message, /found "big"/);
      assert.equal(ours[0].range.start.line, 2);
      // The schema only completes: no second message from the JSON language service on the same value.
      const line2 = ds.filter((d) => d.range.start.line === 2);
      assert.equal(line2.length, 1, `one message for the bad value: ${line2.map((d) => `${d.source}: ${d.message}`).join(' | ')}`);
    },
  },
  {
    name: 'after all of them: the server never restarted, a new valid doc gets its diagnostics, the first doc kept its own',
    timeout: 60_000,
    async run() {
      onCleanup(() => vscode.workspace.fs.delete(inWorkspace(...FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined));
      const h = await serverHealth();
      assert.equal(h.running, true, 'the language server runs');
      assert.equal(h.starts, startsBefore, 'no crash and restart of the language server');
      const uri = await write('valid-last.md', utf8(SAMPLE_PM_DOC));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await diagnosticsWhere(uri, 'wrong-loop on the last valid doc', (ds) => ds.some((d) => ruleOf(d) === 'wrong-loop'));
      assert.ok(baseline, 'the setup test ran');
      const first = await vscode.workspace.openTextDocument(baseline.uri);
      await vscode.window.showTextDocument(first);
      await lintNow(first);
      assert.equal(shownOf(baseline.uri), baseline.shown, 'the first doc shows what it showed before the bad files');
    },
  },
];

/** Applies Prep Loop's fix-all (source.fixAll.prep-loop) to a document and saves it. */
async function fixAllAndSave(doc: vscode.TextDocument): Promise<void> {
  const before = doc.getText();
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.prep-loop')) ?? [];
  const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.prep-loop');
  assert.ok(fixAll?.edit, 'a fix-all action with an edit');
  assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
  await until('the fix-all edit in the document', () => doc.getText() !== before, [vscode.workspace.onDidChangeTextDocument]);
  assert.equal(doc.getText(), TYPO_FIXED, 'fix-all changed the tag and nothing else');
  assert.ok(await doc.save(), 'saved');
}

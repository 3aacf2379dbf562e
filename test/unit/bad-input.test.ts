/**
 * The bad-input matrix: every class of input a new user can throw at the CLI, run as the built
 * `dist/cli.js` in a child process. Each case asserts the exit code, the message, that the other
 * files of the same run are still reported, and finishes within a generous per-case timeout
 * (a hang guard, not a speed assertion).
 *
 * `PREP_LOOP_MATRIX=path.md npx vitest run test/unit/bad-input.test.ts` also writes the matrix
 * as a markdown table (input → exit code, message, time).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from './helpers/cli';
import { encodeText, type TextEncodingName } from '../../src/core/encoding';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
/** Per case: far above any real run; only a hang trips it. */
const HANG_GUARD_MS = 60_000;


// Two stories: a story bank, so its folder's loop-coverage finding (a probe that the file was linted) is said on it.
const OK = '---\nloop: pm\n---\n\n## Grew activation with a pricing test #pm #metrics\n\nI lifted activation from 20% to 31% by end of Q3 with a pricing test.\n\n## Cut churn in the first month #pm #metrics\n\nI cut first-month churn from 9% to 6% with a welcome call.\n';
const FM = '---\nloop: pm\n---\n\n## Story #pm #metrics\n\n';
/** A doc of two stories (a story bank) whose second story's text follows. */
const BANK = '---\nloop: pm\n---\n\n## Earlier story #pm #metrics\n\nI cut churn.\n\n## Story #pm #metrics\n\n';
/** The loop-coverage finding in a.md's own entry of the JSON output (a.md was read and linted). */
const A_COVERAGE = /"filePath": "[^"]*a\.md",\s*"messages": \[\s*\{\s*"ruleId": "loop-coverage"/;
const MB = 1024 * 1024;

function encoded(text: string, encoding: TextEncodingName, bom: boolean): Buffer {
  const r = encodeText(text, { encoding, bom });
  if ('error' in r) throw new Error(r.error);
  return Buffer.from(r.bytes);
}

interface Case {
  input: string;
  /** Writes the case's files into `dir`; returns the CLI arguments. */
  setup(dir: string): string[];
  stdin?: string | Buffer;
  code: number;
  /** Must appear in stdout + stderr. */
  message: RegExp;
  /** Files (base names) the JSON/SARIF/stylish output must still report. */
  others?: string[];
  /** Extra checks on the files after the run. */
  after?(dir: string): void;
}

const lintWith = (bad: string, format = 'json') => ['lint', bad, 'ok.md', '--format', format];
const write = (dir: string, name: string, data: string | Buffer) => {
  writeFileSync(join(dir, name), data);
  return name;
};
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const CASES: Case[] = [
  { input: 'UTF-8 prep doc', setup: (d) => lintWith(write(d, 'a.md', FM + 'Café, naïve, résumé.\n')), code: 0, message: /"filePath": ".*a\.md"/, others: ['ok.md'] },
  { input: 'UTF-8 with BOM', setup: (d) => lintWith(write(d, 'a.md', encoded(BANK + 'I grew retention.\n', 'utf-8', true))), code: 0, message: A_COVERAGE, others: ['ok.md'] },
  { input: 'UTF-16 LE with BOM', setup: (d) => lintWith(write(d, 'a.md', encoded(BANK + 'I grew retention.\n', 'utf-16le', true))), code: 0, message: A_COVERAGE, others: ['ok.md'] },
  { input: 'UTF-16 BE with BOM', setup: (d) => lintWith(write(d, 'a.md', encoded(BANK + 'I grew retention.\n', 'utf-16be', true))), code: 0, message: A_COVERAGE, others: ['ok.md'] },
  { input: 'UTF-16 LE without BOM', setup: (d) => lintWith(write(d, 'a.md', encoded(FM + 'I grew retention.\n', 'utf-16le', false))), code: 0, message: /"filePath": ".*a\.md"/, others: ['ok.md'] },
  {
    input: 'Latin-1 file, --fix',
    setup: (d) => ['lint', write(d, 'a.md', encoded('---\nloop: pm\n---\n\n## Bet #pm #metric\n\nCafé résumé über growth.\n', 'windows-1252', false)), 'ok.md', '--fix'],
    code: 0,
    message: /ok\.md|^$/,
    after: (d) => expect(readFileSync(join(d, 'a.md'))).toEqual(encoded('---\nloop: pm\n---\n\n## Bet #pm #metrics\n\nCafé résumé über growth.\n', 'windows-1252', false)),
  },
  {
    input: 'UTF-16 LE + CRLF, --fix',
    setup: (d) => ['lint', write(d, 'a.md', encoded('---\r\nloop: pm\r\n---\r\n\r\n## Bet #pm #metric\r\n\r\nI grew it.\r\n\r\n## Cut churn #pm #metrics\r\n\r\nI cut it.\r\n', 'utf-16le', true)), '--fix'],
    code: 0,
    message: /loop-coverage/,
    after: (d) => expect(readFileSync(join(d, 'a.md'))).toEqual(encoded('---\r\nloop: pm\r\n---\r\n\r\n## Bet #pm #metrics\r\n\r\nI grew it.\r\n\r\n## Cut churn #pm #metrics\r\n\r\nI cut it.\r\n', 'utf-16le', true)),
  },
  {
    input: 'mixed line endings, --fix',
    setup: (d) => ['lint', write(d, 'a.md', '---\r\nloop: pm\n---\r\n\n## Bet #pm #metric\r\n\nI grew it.\r\n\n## Cut churn #pm #metrics\n\nI cut it.\n'), '--fix'],
    code: 0,
    message: /loop-coverage/,
    after: (d) => expect(readFileSync(join(d, 'a.md'), 'utf8')).toBe('---\r\nloop: pm\n---\r\n\n## Bet #pm #metrics\r\n\nI grew it.\r\n\n## Cut churn #pm #metrics\n\nI cut it.\n'),
  },
  { input: 'empty file', setup: (d) => lintWith(write(d, 'a.md', '')), code: 0, message: /ok\.md/, others: ['ok.md'] },
  { input: 'empty file alone', setup: (d) => ['lint', write(d, 'a.md', '')], code: 2, message: /no prep docs in a\.md \(1 markdown file checked\)[\s\S]*loop: pm/ },
  { input: 'whitespace-only file', setup: (d) => lintWith(write(d, 'a.md', ' \n\t\n   \r\n')), code: 0, message: /ok\.md/, others: ['ok.md'] },
  { input: 'binary file', setup: (d) => lintWith(write(d, 'a.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))), code: 2, message: /cannot lint .*a\.md: looks like a binary file/, others: ['ok.md'] },
  { input: 'binary file alone (no second "checked" line)', setup: (d) => ['lint', write(d, 'a.md', Buffer.from([0, 1, 2, 3]))], code: 2, message: /^(?![\s\S]*checked)[\s\S]*binary/ },
  { input: 'huge file (3 MB, limit 2 MB)', setup: (d) => lintWith(write(d, 'a.md', FM + 'x'.repeat(3 * MB)), 'stylish'), code: 0, message: /Skipped: the file is 3\.0 MB, above the 2\.0 MB limit \(setting maxFileSize\)/, others: ['ok.md'] },
  { input: 'long line (1 MB, one line)', setup: (d) => lintWith(write(d, 'a.md', FM + 'word '.repeat(200_000))), code: 0, message: /a\.md/, others: ['ok.md'] },
  { input: '10,000 nested list markers', setup: (d) => lintWith(write(d, 'a.md', FM + '- '.repeat(10_000) + 'x\n'), 'stylish'), code: 0, message: /Simplified: this line nests more than 16 lists or quotes/, others: ['ok.md'] },
  { input: '7,000 nested ordered-list markers', setup: (d) => lintWith(write(d, 'a.md', FM + '1. '.repeat(7000) + 'x\n'), 'stylish'), code: 0, message: /Simplified: this line nests more than 16/, others: ['ok.md'] },
  { input: '10,000 nested quotes', setup: (d) => lintWith(write(d, 'a.md', FM + '> '.repeat(10_000) + 'x\n'), 'stylish'), code: 0, message: /Simplified: this line nests more than 16/, others: ['ok.md'] },
  { input: '1,000 lines indented deeper and deeper', setup: (d) => lintWith(write(d, 'a.md', FM + Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n')), 'stylish'), code: 0, message: /Simplified: this line is indented more than 128 columns/, others: ['ok.md'] },
  { input: 'deep emphasis (5,000 `*a _b`)', setup: (d) => lintWith(write(d, 'a.md', FM + '*a _b '.repeat(5000) + 'x\n'), 'stylish'), code: 0, message: /Simplified: this paragraph has more than 1000 emphasis or bracket marks/, others: ['ok.md'] },
  { input: '50,000 nested brackets', setup: (d) => lintWith(write(d, 'a.md', FM + '['.repeat(50_000) + ']'.repeat(50_000)), 'stylish'), code: 0, message: /Simplified: this paragraph has more than 1000/, others: ['ok.md'] },
  { input: 'huge list (100,000 items in one section)', setup: (d) => lintWith(write(d, 'a.md', FM + Array.from({ length: 100_000 }, (_, i) => `- item ${i}`).join('\n')), 'stylish'), code: 0, message: /Simplified: this section is \d+ KB; Prep Loop reads lists, code and user stories in its first 128 KB/, others: ['ok.md'] },
  { input: '130,000 hashtags (1 MB)', setup: (d) => lintWith(write(d, 'a.md', FM + Array.from({ length: 130_000 }, (_, i) => `#t${i % 997}`).join(' '))), code: 0, message: /"filePath": ".*a\.md"/, others: ['ok.md'] },
  { input: '20,000 headings', setup: (d) => lintWith(write(d, 'a.md', '---\nloop: pm\n---\n' + Array.from({ length: 20_000 }, (_, i) => `## Story ${i} #pm #metrics\n`).join(''))), code: 0, message: /"filePath": ".*a\.md"/, others: ['ok.md'] },
  {
    input: 'symlinked directory loop',
    setup: (d) => {
      mkdirSync(join(d, 'notes', 'sub'), { recursive: true });
      writeFileSync(join(d, 'notes', 'a.md'), OK);
      symlinkSync('..', join(d, 'notes', 'sub', 'loop'));
      return ['lint', 'notes', 'ok.md', '--format', 'json'];
    },
    code: 0,
    message: /^(?![\s\S]*sub\/loop)[\s\S]*notes\/a\.md/,
    others: ['ok.md', 'a.md'],
  },
  {
    input: 'symlink pointing at itself',
    setup: (d) => {
      symlinkSync('self.md', join(d, 'self.md'));
      return lintWith('self.md');
    },
    code: 2,
    message: /self\.md is a symbolic link that points back to itself \(a loop\)/,
    others: ['ok.md'],
  },
  {
    input: 'dangling symlink',
    setup: (d) => {
      symlinkSync('gone.md', join(d, 'link.md'));
      return lintWith('link.md');
    },
    code: 2,
    message: /link\.md is a symbolic link to a file that does not exist/,
    others: ['ok.md'],
  },
  {
    input: isRoot ? 'unreadable file (chmod 000; root reads it anyway)' : 'unreadable file (chmod 000)',
    setup: (d) => {
      write(d, 'a.md', OK);
      chmodSync(join(d, 'a.md'), 0);
      return lintWith('a.md');
    },
    code: isRoot ? 0 : 2,
    message: isRoot ? /a\.md/ : /cannot lint .*a\.md: permission denied/,
    others: ['ok.md'],
  },
  { input: 'missing file', setup: () => lintWith('nope.md'), code: 2, message: /nope\.md: no such file or directory/, others: ['ok.md'] },
  { input: 'glob matching nothing', setup: () => lintWith('drafts/**/*.md'), code: 2, message: /No markdown files match drafts\/\*\*\/\*\.md/, others: ['ok.md'] },
  { input: 'SARIF with a binary file', setup: (d) => lintWith(write(d, 'a.md', Buffer.from([0, 0, 0, 0])), 'sarif'), code: 2, message: /"executionSuccessful": false[\s\S]*binary/, others: ['ok.md'] },
  { input: '--config missing', setup: () => ['lint', 'ok.md', '--config', 'nope.json'], code: 2, message: /cannot read the config file nope\.json: no such file/ },
  { input: '--config broken JSON', setup: (d) => ['lint', 'ok.md', '--config', write(d, 'c.json', '{\n  "rules": { , }\n}\n')], code: 2, message: /c\.json:2:14: Could not read this file as JSON/ },
  { input: '--config truncated JSON', setup: (d) => ['lint', 'ok.md', '--config', write(d, 'c.json', '{ "rules": {')], code: 2, message: /c\.json:1:\d+: Could not read this file as JSON/ },
  { input: '--config broken YAML', setup: (d) => ['lint', 'ok.md', '--config', write(d, 'c.yaml', 'rules:\n  wrong-loop: [error\n')], code: 2, message: /c\.yaml:\d+:\d+: Could not read this file as YAML/ },
  { input: '--config is a directory', setup: (d) => (mkdirSync(join(d, 'cfg')), ['lint', 'ok.md', '--config', 'cfg']), code: 2, message: /cannot read the config file cfg: is a directory/ },
  { input: '--config with bad values', setup: (d) => ['lint', 'ok.md', '--config', write(d, 'c.json', '{ "rules": { "wrong-loop": "loud" }, "storyHeadingLevel": 9 }')], code: 0, message: /c\.json \(rules\.wrong-loop\): Expected "off"[\s\S]*storyHeadingLevel/ },
  { input: '--config in UTF-16 with BOM', setup: (d) => ['lint', 'ok.md', '--config', write(d, 'c.json', encoded('{ "rules": { "loop-coverage": "error" } }', 'utf-16le', true))], code: 1, message: /error\s+No story yet/ },
  { input: 'found .prep-loop.json broken', setup: (d) => (write(d, '.prep-loop.json', '{ "rules": '), ['lint', 'ok.md']), code: 0, message: /\.prep-loop\.json:1:\d+: Could not read this file as JSON .*using the default settings/ },
  { input: 'unknown option --fomat', setup: () => ['lint', 'ok.md', '--fomat', 'json'], code: 2, message: /unknown option --fomat\. Did you mean --format\?/ },
  { input: 'unknown format', setup: () => ['lint', 'ok.md', '--format', 'jsn'], code: 2, message: /Unknown format "jsn"\. Did you mean "json"\?/ },
  { input: 'unknown command', setup: () => ['lnit'], code: 2, message: /Unknown command "lnit"\. Did you mean "lint"\?/ },
  { input: 'unknown option of jd', setup: () => ['jd', '--jsn'], code: 2, message: /jd: unknown option --jsn\. Did you mean --json\?/ },
  { input: 'lint, empty stdin', setup: () => ['lint', 'ok.md'], stdin: '', code: 0, message: /ok\.md/ },
  { input: 'lint, huge stdin (3 MB)', setup: () => ['lint', 'ok.md'], stdin: 'x'.repeat(3 * MB), code: 0, message: /ok\.md/ },
  { input: 'classify, empty stdin', setup: () => ['classify', '-'], stdin: '', code: 2, message: /nothing to classify: standard input is empty/ },
  { input: 'classify, huge stdin (3 MB)', setup: () => ['classify', '-'], stdin: 'backlog '.repeat(3 * MB / 8), code: 2, message: /Skipped: standard input is 3\.0 MB, above the 2\.0 MB limit \(setting maxFileSize\)/ },
  { input: 'classify, UTF-16 stdin', setup: () => ['classify', '-', '--json'], stdin: encoded('I ran backlog refinement and protected the sprint goal.', 'utf-16le', true), code: 0, message: /"loop": "po"/ },
  { input: 'classify, binary stdin', setup: () => ['classify', '-'], stdin: Buffer.from([1, 0, 2, 0, 3]), code: 2, message: /cannot read standard input: it (looks like a binary file|has an odd number)/ },
  { input: 'jd, empty stdin', setup: () => ['jd', '-'], stdin: '', code: 2, message: /standard input is empty: paste or pipe a job description/ },
  { input: 'jd, huge stdin (3 MB)', setup: () => ['jd'], stdin: 'Own the roadmap. '.repeat((3 * MB) / 17), code: 2, message: /above the 2\.0 MB limit/ },
  { input: 'jd, 3.6 MB file', setup: (d) => ['jd', write(d, 'jd.txt', 'Own the roadmap and strategy.\n'.repeat(130_000))], code: 2, message: /Skipped: jd\.txt is 3\.\d MB, above the 2\.0 MB limit/ },
  { input: 'jd, 1 MB posting of evidence lines', setup: (d) => ['jd', write(d, 'jd.txt', '- Own the product strategy and the roadmap\n'.repeat(24_000))], code: 0, message: /Product manager role/ },
  { input: 'coverage, empty stdin', setup: () => ['coverage', 'ok.md'], stdin: '', code: 0, message: /1 prep doc, 2 stories/ },
  { input: 'coverage, huge stdin (3 MB)', setup: () => ['coverage', 'ok.md', '--json'], stdin: 'x'.repeat(3 * MB), code: 0, message: /"stories": 1/ },
  {
    input: 'coverage with binary, 130k tags, deep nesting',
    setup: (d) => {
      write(d, 'bin.md', Buffer.from([0, 1, 2, 3]));
      write(d, 'tags.md', FM + Array.from({ length: 130_000 }, (_, i) => `#t${i % 997}`).join(' '));
      write(d, 'deep.md', FM + '- '.repeat(10_000) + 'x\n');
      return ['coverage', 'bin.md', 'tags.md', 'deep.md', 'ok.md', '--json'];
    },
    code: 2,
    message: /"docs": 3[\s\S]*cannot read .*bin\.md: looks like a binary file[\s\S]*deep\.md:7: Simplified/,
  },
  { input: '--help, huge stdin', setup: () => ['--help'], stdin: 'x'.repeat(3 * MB), code: 0, message: /Usage:/ },
];

/** One line for the table: the stderr message, or what the JSON/SARIF/stylish output reported. */
function summary(stdout: string, stderr: string, message: RegExp): string {
  const cell = (s: string) => s.trim().slice(0, 150).replace(/\|/g, '\\|');
  const err = stderr.split('\n').filter((l) => l.trim());
  let out = '';
  try {
    const json = JSON.parse(stdout) as unknown;
    if (Array.isArray(json)) out = `JSON reports ${json.map((f: { filePath: string; messages: unknown[] }) => `${f.filePath.split('/').pop()} (${f.messages.length})`).join(', ')}`;
    else if (json && typeof json === 'object' && 'runs' in json) out = `SARIF: ${(json as { runs: { results: unknown[] }[] }).runs[0].results.length} results`;
    else out = cell(stdout.split('\n').find((l) => message.test(l)) ?? stdout.split('\n')[1] ?? '');
  } catch {
    out = cell(stdout.split('\n').find((l) => message.test(l) && l.trim()) ?? stdout.split('\n').find((l) => l.trim()) ?? '');
  }
  return [err.length ? cell(err.join(' / ')) : '', out].filter(Boolean).join(' — ');
}

const rows: string[] = [];
let work = '';

beforeAll(() => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'prep-loop-bad-'));
});

afterAll(() => {
  const out = process.env.PREP_LOOP_MATRIX;
  if (out) writeFileSync(out, ['| input | exit | message (first line that says it) | time |', '|---|---|---|---|', ...rows].join('\n') + '\n');
});

describe('bad-input matrix', () => {
  it('has at least 30 input classes', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  for (const [i, c] of CASES.entries()) {
    it(c.input, () => {
      const dir = join(work, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, 'ok.md'), OK);
      const args = c.setup(dir);
      const started = Date.now();
      // Standard input comes from a file, as `prep-loop … < file` would: a command that does not
      // read it exits without the writer getting EPIPE.
      writeFileSync(join(dir, '.stdin'), c.stdin ?? '');
      const stdin = openSync(join(dir, '.stdin'), 'r');
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', timeout: HANG_GUARD_MS, maxBuffer: 256 * MB, env: { ...process.env, NO_COLOR: '1' } });
      closeSync(stdin);
      const ms = Date.now() - started;
      const all = `${r.stdout}${r.stderr}`;
      rows.push(`| ${c.input} | ${r.status} | ${summary(r.stdout, r.stderr, c.message)} | ${ms} ms |`);
      expect(r.error, 'the run must finish (hang guard)').toBeUndefined();
      expect(r.stderr).not.toMatch(/unexpected error|RangeError|Maximum call stack/);
      expect(r.status, all.slice(0, 2000)).toBe(c.code);
      expect(all).toMatch(c.message);
      for (const other of c.others ?? []) expect(r.stdout, `${other} still reported`).toMatch(new RegExp(`${other.replace('.', '\\.')}`));
      c.after?.(dir);
    });
  }
});

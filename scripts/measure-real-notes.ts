/**
 * Measure Prep Loop on real prep notes nobody on the team wrote.
 *
 *   npm run measure:notes            # ../shared/data/real-notes (skipped when absent)
 *   npm run measure:notes -- DIR     # any folder with a .prep-loop.json at its root
 *   npm run measure:notes -- DIR --list   # also print every section with its kind and reason,
 *                                          # and every warning, to judge each one by reading it
 *   npm run measure:notes -- DIR --alone  # each file judged alone (without its folder's criteria
 *                                          # files, as the CLI judges one file it is given)
 *
 * Prints findings per rule and severity, findings per section kind, how many sections are of
 * each kind, and how many non-story sections a story rule touched (the target is none: story
 * rules apply to stories only). The folder is read, never copied into the project.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { criteriaSummary, elsewhereFor, type CriteriaSummary } from '../src/core/elsewhere';
import { parseConfigText, resolveConfig } from '../src/core/config';
import { lintText } from '../src/core/lint';
import type { Section } from '../src/core/parse';

const STORY_RULES = new Set(['untagged-story', 'missing-axis', 'axis-mismatch', 'loop-drift', 'wrong-loop', 'story-result', 'story-ownership', 'story-length']);

const args = process.argv.slice(2);
const list = args.includes('--list');
const alone = args.includes('--alone');
const dirArg = args.find((a) => !a.startsWith('--'));
const shared = process.env.PREP_LOOP_SHARED_DATA ?? resolve('..', 'shared', 'data');
const dir = resolve(dirArg ?? join(shared, 'real-notes'));
if (!existsSync(dir)) {
  console.log(`No notes folder at ${dir}: skipped (it lives outside the project, in ../shared/data).`);
  process.exit(0);
}

function walk(d: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

const cfgPath = join(dir, '.prep-loop.json');
const parsed = existsSync(cfgPath) ? parseConfigText(readFileSync(cfgPath, 'utf8'), cfgPath) : undefined;
const config = { ...resolveConfig(parsed?.config), baseDir: dir.replace(/\\/g, '/') };

const byRule = new Map<string, number>();
const byKind = new Map<string, number>();
const sectionsByKind = new Map<string, number>();
const touched = new Set<string>();
let nonStory = 0;
let files = 0;
let prepDocs = 0;
const warnings: string[] = [];
const sectionLines: string[] = [];

// As the CLI does for a folder: each file's criteria summary first, then each file linted with
// what the other prep docs of its folder hold.
const all = walk(dir);
const summaries = new Map<string, CriteriaSummary | undefined>();
if (!alone) {
  for (const file of all) {
    const { doc } = lintText(readFileSync(file, 'utf8'), { config, filePath: file.replace(/\\/g, '/') });
    summaries.set(file, doc?.isPrepDoc ? criteriaSummary(doc) : undefined);
  }
}

for (const file of all) {
  files++;
  const text = readFileSync(file, 'utf8');
  const rel = relative(dir, file).replace(/\\/g, '/');
  const siblings = alone ? [] : all.filter((f) => f !== file && dirname(f) === dirname(file)).map((f) => ({ file: basename(f), summary: summaries.get(f) }));
  const elsewhere = elsewhereFor(summaries.get(file), siblings, basename(file));
  const { doc, findings } = lintText(text, { config, filePath: file.replace(/\\/g, '/'), ...(elsewhere ? { elsewhere } : {}) });
  if (!doc?.isPrepDoc) continue;
  prepDocs++;
  const storyLevel = doc.sections.filter((s) => s.heading && s.kind !== 'heading');
  for (const s of storyLevel) {
    sectionsByKind.set(s.kind, (sectionsByKind.get(s.kind) ?? 0) + 1);
    if (s.kind !== 'story' && s.kind !== 'group') nonStory++;
    if (list) sectionLines.push(`${s.kind.padEnd(9)} ${rel}:${s.range.start.line + 1} ${s.heading?.title.slice(0, 60)} — ${s.kindReason ?? ''}`);
    // A story told in story-level parts under its title: list the parts too, to judge them.
    if (list && s.kind === 'story' && s.heading && s.heading.level < doc.storyLevel) {
      const mark = `${'#'.repeat(doc.storyLevel)} `;
      for (let line = s.range.start.line + 1; line < s.range.end.line; line++) {
        const l = doc.lines.lineText(line);
        if (l.startsWith(mark)) sectionLines.push(`${'part'.padEnd(9)} ${rel}:${line + 1} ${l.slice(mark.length).trim().slice(0, 60)} — a part of the story "${s.heading.title.slice(0, 40)}"`);
      }
    }
  }
  const sectionAt = (offset: number): Section | undefined => {
    let found: Section | undefined;
    for (const s of storyLevel) if (offset >= s.range.start.offset && offset < s.range.end.offset) found = s;
    return found;
  };
  for (const f of findings) {
    byRule.set(`${f.ruleId} (${f.severity})`, (byRule.get(`${f.ruleId} (${f.severity})`) ?? 0) + 1);
    const s = sectionAt(f.range.start.offset);
    const kind = s?.kind ?? 'doc';
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    if (STORY_RULES.has(f.ruleId) && s && s.kind !== 'story') touched.add(`${rel}:${s.range.start.line}`);
    if (f.severity === 'warning' || f.severity === 'error') warnings.push(`${rel}:${f.range.start.line + 1} ${f.ruleId} [${kind}] ${f.message}`);
  }
}

const table = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1])) console.log(`  ${String(v).padStart(5)}  ${k}`);
};
console.log(`${dir}\n${files} markdown files, ${prepDocs} prep docs`);
table('Sections (story level) by kind', sectionsByKind);
table('Findings by rule (severity)', byRule);
table('Findings by the kind of section they sit in', byKind);
console.log(`\nNon-story sections touched by a story rule: ${touched.size} of ${nonStory} (${nonStory ? ((100 * touched.size) / nonStory).toFixed(1) : '0'}%)`);
console.log(`Warnings and errors: ${warnings.length}`);
if (list) {
  console.log('\n== Sections ==');
  for (const l of sectionLines) console.log(l);
  console.log('\n== Warnings and errors (judge each by reading it) ==');
  for (const w of warnings) console.log(w);
}

/**
 * Measures the user-story rules on real backlogs (the team's shared data folder, never the repo).
 *
 *   npx esbuild scripts/measure-user-stories.ts --bundle --platform=node --outfile=/tmp/mus.cjs && node /tmp/mus.cjs
 *   node /tmp/mus.cjs --sample user-story-atomic      # print a fixed-seed sample of flags to hand-check
 *   node /tmp/mus.cjs --sample ustai-atomic-fp        # … or of disagreements with the UStAI labels
 *   node /tmp/mus.cjs --sample gherkin-testable --seed 7   # … or of untestable-word flags on real Gherkin steps
 *
 * Every story line becomes a list item in a PO prep doc; the rules run through `lintText` as in the
 * editor. Prints, per rule: stories checked, stories flagged, flag rate; the overlap with AQUSA's own
 * output; precision/recall of `user-story-atomic` and `user-story-minimal` against the UStAI human
 * labels. The data folder is `PREP_LOOP_DATA` or `/work/shared/data`; without it the script says so
 * and exits 0. Sample output is for reading only: it quotes the data, so it never goes into the repo.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText } from '../src/core/lint';
import { storyCompoundAsk } from '../src/core/rules/user-story-atomic';
import { storyExtras } from '../src/core/rules/user-story-minimal';
import type { Finding } from '../src/core/types';

/** The shared data folder: `PREP_LOOP_DATA`, else `../shared/data` beside the checkout (or beside its worktree folder). */
const DATA =
  process.env.PREP_LOOP_DATA ??
  [resolve('..', 'shared', 'data'), resolve('..', '..', 'shared', 'data')].find((d) => existsSync(join(d, 'user-stories'))) ??
  resolve('..', 'shared', 'data');
const DIR = join(DATA, 'user-stories');
const RULE_IDS = ['user-story-form', 'user-story-atomic', 'user-story-minimal', 'user-story-role', 'acceptance-criteria-missing', 'acceptance-criteria-testable'] as const;
const HEADER = '---\nloop: po\n---\n\n## Backlog\n\n';
const HEADER_LINES = HEADER.split('\n').length - 1;

interface Checked {
  set: string;
  /** `file:n` (the n-th non-empty line of the file), the key careful labels use. */
  key?: string;
  index: number;
  text: string;
  /** Whether the parser saw a user story on this line. */
  story: boolean;
  /** Rule ids that flagged the story. */
  flags: Set<string>;
  findings: Finding[];
}

function main(): void {
  if (!existsSync(DIR)) {
    console.log(`No data at ${DIR} (set PREP_LOOP_DATA to the shared data folder); nothing to measure.`);
    return;
  }
  const args = process.argv.slice(2);
  const sampleArg = args.indexOf('--sample');
  const sample = sampleArg >= 0 ? args[sampleArg + 1] : undefined;

  // ----- backlogs ---------------------------------------------------------------------------
  const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
  const sets: Record<string, string[]> = {};
  for (const f of files) {
    const group = f.startsWith('dalpiaz') ? 'dalpiaz (22 backlogs)' : f.startsWith('relabuu') ? 'duo (g09)' : 'jira (public)';
    (sets[group] ??= []).push(f);
  }
  const all: Checked[] = [];
  const byFile = new Map<string, Checked[]>();
  for (const [group, names] of Object.entries(sets)) {
    for (const name of names) {
      const lines = readFileSync(join(DIR, name), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
      const checked = checkLines(lines, group);
      checked.forEach((c) => (c.key = `${name.replace(/\.txt$/, '')}:${c.index + 1}`));
      byFile.set(name, checked);
      all.push(...checked);
    }
  }
  console.log('# User-story rules on real backlogs\n');
  console.log(`Stories (lines): ${all.length}; recognised as user stories: ${all.filter((c) => c.story).length} (${pct(all.filter((c) => c.story).length, all.length)})\n`);
  table(
    ['set', 'stories', ...RULE_IDS],
    [...Object.keys(sets), 'all'].map((set) => {
      const rows = all.filter((c) => c.story && (set === 'all' || c.set === set));
      return [set, String(rows.length), ...RULE_IDS.map((id) => rate(rows.filter((c) => c.flags.has(id)).length, rows.length))];
    }),
  );

  careful(all, args);

  // ----- AQUSA ------------------------------------------------------------------------------
  console.log('\n## Against AQUSA (its own output; a baseline, not ground truth)\n');
  const core = readTsv(join(DIR, 'aqusa-output', 'aqusa-core-tool-output-g09-g14.tsv'));
  const coreFiles: Record<string, string> = { g09: 'relabuu-aqusa-core-g09-duo.txt', g14: 'dalpiaz-g14-datahub.txt' };
  const coreStories: Checked[] = [];
  const aqusaAtomic = new Set<Checked>();
  const aqusaMinimal = new Set<Checked>();
  for (const [ds, file] of Object.entries(coreFiles)) {
    const checked = byFile.get(file) ?? [];
    coreStories.push(...checked);
    for (const row of core.filter((r) => r.dataset === ds)) {
      const c = checked[Number(row.story_id) - 1];
      if (!c) continue;
      if (row.defect_kind === 'atomic') aqusaAtomic.add(c);
      if (row.defect_kind === 'minimal') aqusaMinimal.add(c);
    }
  }
  const jira = byFile.get('jira-public-as-a-stories.txt') ?? [];
  const jiraRows = readTsv(join(DIR, 'aqusa-output', 'aqusa-tool-output-jira-compass-mule-dnn.tsv'));
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const jiraMatched = new Set<Checked>();
  for (const row of jiraRows) {
    const t = norm(row.story_text ?? '');
    for (const c of jira) {
      const n = norm(c.text);
      if (n.length < 20 || !t.includes(n)) continue;
      jiraMatched.add(c);
      if (row.defect_kind === 'atomic') aqusaAtomic.add(c);
      if (row.defect_kind === 'minimal') aqusaMinimal.add(c);
    }
  }
  const compareSet = [...coreStories, ...jiraMatched].filter((c) => c.story);
  console.log(`Compared on ${compareSet.length} stories (g09 + g14 in full, plus the ${jiraMatched.size} Jira stories found in AQUSA's Jira output).\n`);
  table(
    ['rule vs AQUSA', 'both flag', 'only AQUSA', 'only Prep Loop', 'neither'],
    [
      ['atomic', ...overlap(compareSet, (c) => aqusaAtomic.has(c), (c) => c.flags.has('user-story-atomic'))],
      ['minimal', ...overlap(compareSet, (c) => aqusaMinimal.has(c), (c) => c.flags.has('user-story-minimal'))],
    ],
  );

  // ----- UStAI ------------------------------------------------------------------------------
  console.log('\n## Against the UStAI human labels\n');
  const ustai = readCsv(join(DIR, 'ustai-annotated.csv'));
  const stories = ustai.map((r) => r['User story'] ?? '');
  const checkedU = checkLines(stories, 'ustai');
  const labelled = ustai.map((r, i) => ({ row: r, c: checkedU[i] })).filter((x) => x.c.story);
  console.log(`${ustai.length} labelled stories, ${labelled.length} recognised as user stories.\n`);
  const baselineAnd = (text: string) => /\b(?:and|or)\b|&/i.test(text);
  const one = (x: { c: Checked }) => {
    const doc = lintText(HEADER + `- ${x.c.text}\n`, {}).doc;
    return { doc, u: doc?.artifacts.userStories[0] };
  };
  const sharedOff = (x: { c: Checked }) => {
    const { doc, u } = one(x);
    return !!(doc && u && storyCompoundAsk(doc, u, false));
  };
  const strictMinimal = (x: { c: Checked }) => {
    const { doc, u } = one(x);
    return !!(doc && u && storyExtras(doc, u, { allowAbbreviations: false }).length);
  };
  const rows: string[][] = [];
  for (const llm of [...new Set(labelled.map((x) => x.row.LLM))].sort().concat('all')) {
    const part = labelled.filter((x) => llm === 'all' || x.row.LLM === llm);
    const gold = (x: (typeof part)[number]) => x.row.atomic === 'conjunctions';
    rows.push([`atomic, ${llm}`, ...prf(part, gold, (x) => x.c.flags.has('user-story-atomic'))]);
    if (llm === 'all') {
      rows.push(['atomic (sharedObject off), all', ...prf(part, gold, sharedOff)]);
      rows.push(['baseline: any and/or/& (AQUSA-style), all', ...prf(part, gold, (x) => baselineAnd(x.c.text))]);
    }
  }
  for (const llm of [...new Set(labelled.map((x) => x.row.LLM))].sort().concat('all')) {
    const part = labelled.filter((x) => llm === 'all' || x.row.LLM === llm);
    const gold = (x: (typeof part)[number]) => x.row.minimal !== 'minimal';
    rows.push([`minimal, ${llm}`, ...prf(part, gold, (x) => x.c.flags.has('user-story-minimal'))]);
    if (llm === 'all') {
      rows.push(['minimal (allowAbbreviations off), all', ...prf(part, gold, strictMinimal)]);
      rows.push(['baseline: any ( [ e.g. etc. or 2nd sentence, all', ...prf(part, gold, (x) => /[([]|\be\.g\.|\betc\b|\.\s+\S/i.test(x.c.text))]);
    }
  }
  // The untestable-word list of acceptance-criteria-testable, run over each story as if it were a
  // checklist criterion, against the "Vagueness" label of the Unambiguous criterion.
  const vague = (x: { c: Checked }) =>
    lintText(`${HEADER}As a tester, I want a check, so that it is measured.\n\nAcceptance criteria:\n\n- Then ${x.c.text}\n`, {}).findings.some(
      (f) => f.ruleId === 'acceptance-criteria-testable' && f.message.includes("can't be checked"),
    );
  const amb = labelled.filter((x) => x.row.Unambiguous === 'Vagueness' || x.row.Unambiguous === 'Unambiguous');
  rows.push(['untestable words vs "Vagueness" (vs "Unambiguous" only)', ...prf(amb, (x) => x.row.Unambiguous === 'Vagueness', vague)]);
  const amb2 = labelled.filter((x) => x.row.Unambiguous !== '');
  rows.push(['untestable words vs "Vagueness" or "General"', ...prf(amb2, (x) => x.row.Unambiguous !== 'Unambiguous', vague)]);
  table(['rule, subset', 'labelled positive', 'flagged', 'precision', 'recall', 'F1'], rows);

  // ----- Gherkin ----------------------------------------------------------------------------
  // Each real .feature file in a fenced block under one story: every Scenario and step line should
  // become a criterion of that story, and acceptance-criteria-testable runs over the steps.
  const gherkinDir = join(DATA, 'gherkin');
  const gherkinFlags: { text: string; note: string }[] = [];
  if (existsSync(gherkinDir)) {
    let files = 0;
    let expected = 0;
    let found = 0;
    let missing = 0;
    let stepsFlagged = 0;
    let flags = 0;
    for (const project of readdirSync(gherkinDir).sort()) {
      for (const f of readdirSync(join(gherkinDir, project)).filter((x) => x.endsWith('.feature')).sort()) {
        const feature = readFileSync(join(gherkinDir, project, f), 'utf8');
        files++;
        expected += feature.split('\n').filter((l) => /^\s*(?:(?:Scenario(?: Outline| Template)?|Example)\s*:|(?:Given|When|Then|And|But)\b|\*\s)/.test(l)).length;
        const text = `${HEADER}- As a maintainer, I want this feature covered, so that it keeps working.\n\n  ~~~~gherkin\n${feature.replace(/^/gm, '  ')}\n  ~~~~\n`;
        const { doc, findings } = lintText(text, {});
        const story = doc?.artifacts.userStories[0];
        found += story?.criteria.length ?? 0;
        missing += findings.filter((x) => x.ruleId === 'acceptance-criteria-missing').length;
        const own = findings.filter((x) => x.ruleId === 'acceptance-criteria-testable');
        flags += own.length;
        stepsFlagged += new Set(own.map((x) => x.range.start.line)).size;
        for (const x of own) gherkinFlags.push({ text: doc!.lines.lineText(x.range.start.line).trim(), note: x.message });
      }
    }
    console.log(`\n## Real Gherkin (${files} .feature files)\n`);
    table(
      ['scenario + step lines', 'read as criteria', 'acceptance-criteria-missing', 'steps flagged by acceptance-criteria-testable', 'flags'],
      [[String(expected), String(found), String(missing), `${stepsFlagged} (${pct(stepsFlagged, found)})`, String(flags)]],
    );
  }

  // ----- samples ----------------------------------------------------------------------------
  if (sample) {
    const seedArg = args.indexOf('--seed');
    const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 20240611;
    const rng = mulberry32(seed);
    let pool: { text: string; note: string }[] = [];
    if (sample === 'gherkin-testable') {
      pool = gherkinFlags;
    } else if (sample === 'ustai-vague') {
      pool = labelled.filter(vague).map((x) => ({
        text: x.c.text,
        note: `${x.row.Unambiguous} ${lintText(`${HEADER}As a tester, I want a check, so that it is measured.\n\nAcceptance criteria:\n\n- Then ${x.c.text}\n`, {})
          .findings.filter((f) => f.message.includes("can't be checked"))
          .map((f) => f.message.split(' ')[0])
          .join(' ')}`,
      }));
    } else if ((RULE_IDS as readonly string[]).includes(sample)) {
      pool = all
        .filter((c) => c.flags.has(sample))
        .map((c) => ({ text: c.text, note: c.findings.filter((f) => f.ruleId === sample).map((f) => f.message).join(' || ') }));
    } else if (sample.startsWith('aqusa-')) {
      // aqusa-atomic-only, aqusa-minimal-only: stories AQUSA flags and Prep Loop does not (or -ours for the reverse).
      const [, rule, side] = sample.split('-');
      const theirs = rule === 'atomic' ? aqusaAtomic : aqusaMinimal;
      const id = rule === 'atomic' ? 'user-story-atomic' : 'user-story-minimal';
      pool = compareSet.filter((c) => (side === 'ours' ? !theirs.has(c) && c.flags.has(id) : theirs.has(c) && !c.flags.has(id))).map((c) => ({ text: c.text, note: '' }));
    } else if (sample.startsWith('ustai-')) {
      const [, rule, kind] = sample.split('-');
      const id = rule === 'atomic' ? 'user-story-atomic' : 'user-story-minimal';
      const gold = (x: (typeof labelled)[number]) => (rule === 'atomic' ? x.row.atomic === 'conjunctions' : x.row.minimal !== 'minimal');
      pool = labelled
        .filter((x) => (kind === 'fp' ? !gold(x) && x.c.flags.has(id) : gold(x) && !x.c.flags.has(id)))
        .map((x) => ({ text: x.c.text, note: `${x.row.atomic}/${x.row.minimal} ${x.c.findings.filter((f) => f.ruleId === id).map((f) => f.message).join(' || ')}` }));
    }
    const picked = shuffle(pool, rng).slice(0, 25);
    console.log(`\n## Sample: ${sample} (${picked.length} of ${pool.length}, seed ${seed}) — for hand-checking only, do not copy\n`);
    picked.forEach((p, i) => console.log(`${i + 1}. ${p.text}\n   → ${p.note}\n`));
  }
}

/**
 * Precision and recall on careful hand labels kept outside the project (`--labels DIR`, default
 * `PREP_LOOP_LABELS` or `/work/us-labels`): `labels.tsv` with columns key, atomic, minimal, form
 * (1 = the story has that defect, 0 = it does not), one row per story read. `random` = 1 marks the
 * rows of the fixed random sample (recall is only unbiased there); other rows are findings read on
 * top. `--dump N --seed S` prints a random sample of keys and texts to label; `--unlabelled`
 * prints findings that have no label yet; `--disagree RULE` prints the disagreements.
 */
function careful(all: Checked[], args: string[]): void {
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const byKey = new Map(all.filter((c) => c.key).map((c) => [c.key!, c]));
  const dump = arg('--dump');
  if (dump) {
    const rng = mulberry32(Number(arg('--seed') ?? 20250101));
    const picked = shuffle(all.filter((c) => c.story && c.key), rng).slice(0, Number(dump));
    console.log(`\n## Random sample to label (${picked.length}) — for reading only, do not copy\n`);
    for (const c of picked) console.log(`${c.key}\t${c.text}`);
  }
  const dir = arg('--labels') ?? process.env.PREP_LOOP_LABELS ?? '/work/us-labels';
  const rows = readTsv(join(dir, 'labels.tsv'));
  if (!rows.length) return;
  const RULES = { atomic: 'user-story-atomic', minimal: 'user-story-minimal', form: 'user-story-form' } as const;
  const allLabelled = rows.map((r) => ({ r, c: byKey.get(r.key) })).filter((x): x is { r: Record<string, string>; c: Checked } => !!x.c && x.c.story);
  console.log(`\n## Against careful hand labels (${allLabelled.length} stories read; ${allLabelled.filter((x) => x.r.random === '1').length} of them a random sample)\n`);
  const out: string[][] = [];
  for (const [col, id] of Object.entries(RULES)) {
    // A row may leave a column empty: that story was read for another rule only.
    const labelled = allLabelled.filter((x) => x.r[col] === '0' || x.r[col] === '1');
    const random = labelled.filter((x) => x.r.random === '1');
    const gold = (x: (typeof labelled)[number]) => x.r[col] === '1';
    const flagged = (x: (typeof labelled)[number]) => x.c.flags.has(id);
    out.push([`${col}, random sample`, ...prf(random, gold, flagged)]);
    const findings = labelled.filter(flagged);
    const right = findings.filter(gold).length;
    const silences = labelled.filter((x) => !flagged(x));
    const quietRight = silences.filter((x) => !gold(x)).length;
    out.push([`${col}, every story read`, ...prf(labelled, gold, flagged)]);
    console.log(`- ${col}: ${findings.length} findings read, ${right} right (precision ${(right / Math.max(1, findings.length)).toFixed(2)}); ${silences.length} silences read, ${quietRight} right`);
    const unread = all.filter((c) => c.story && c.flags.has(id) && !rows.some((r) => r.key === c.key && (r[col] === '0' || r[col] === '1')));
    if (unread.length) console.log(`  (${unread.length} ${col} findings not read yet)`);
    if (arg('--unlabelled') === col) for (const c of unread) console.log(`    ${c.key}\t${c.text}\n      → ${c.findings.filter((f) => f.ruleId === id).map((f) => f.message).join(' || ')}`);
    if (arg('--disagree') === col) {
      for (const x of labelled.filter((y) => gold(y) !== flagged(y))) {
        console.log(`    ${gold(x) ? 'FN' : 'FP'} ${x.c.key}\t${x.c.text}\n      → ${x.c.findings.filter((f) => f.ruleId === id).map((f) => f.message).join(' || ')}`);
      }
    }
  }
  console.log('');
  table(['rule, set', 'labelled positive', 'flagged', 'precision', 'recall', 'F1'], out);
}

/** Lints story lines as list items of one PO prep doc and collects, per line, the rules that flagged it. */
function checkLines(lines: string[], set: string): Checked[] {
  const text = HEADER + lines.map((l) => `- ${l.replace(/^[-*+]\s+/, '')}`).join('\n') + '\n';
  const { doc, findings } = lintText(text, {});
  const out: Checked[] = lines.map((l, index) => ({ set, index, text: l, story: false, flags: new Set<string>(), findings: [] }));
  const storyLines = new Set((doc?.artifacts.userStories ?? []).map((u) => u.range.start.line));
  for (const line of storyLines) {
    const c = out[line - HEADER_LINES];
    if (c) c.story = true;
  }
  for (const f of findings) {
    const c = out[f.range.start.line - HEADER_LINES];
    if (!c || !(RULE_IDS as readonly string[]).includes(f.ruleId)) continue;
    c.flags.add(f.ruleId);
    c.findings.push(f);
  }
  return out;
}

function overlap<T>(rows: T[], a: (x: T) => boolean, b: (x: T) => boolean): string[] {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  for (const x of rows) {
    const A = a(x);
    const B = b(x);
    if (A && B) both++;
    else if (A) onlyA++;
    else if (B) onlyB++;
    else neither++;
  }
  return [both, onlyA, onlyB, neither].map(String);
}

function prf<T>(rows: T[], gold: (x: T) => boolean, flagged: (x: T) => boolean): string[] {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let pos = 0;
  for (const x of rows) {
    const g = gold(x);
    const f = flagged(x);
    if (g) pos++;
    if (g && f) tp++;
    else if (f) fp++;
    else if (g) fn++;
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return [`${pos}/${rows.length}`, String(tp + fp), p.toFixed(2), r.toFixed(2), f1.toFixed(2)];
}

function rate(n: number, total: number): string {
  return `${n} (${pct(n, total)})`;
}

function pct(n: number, total: number): string {
  return total ? `${((100 * n) / total).toFixed(1)}%` : '–';
}

function table(head: string[], rows: string[][]): void {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

function readTsv(file: string): Record<string, string>[] {
  if (!existsSync(file)) return [];
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const keys = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [keys[i], v])));
}

/** A small RFC 4180 reader (quoted fields, doubled quotes, newlines in quotes). */
function readCsv(file: string): Record<string, string>[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.some((v) => v !== ''));
  return body.map((r) => Object.fromEntries(head.map((k, i) => [k, (r[i] ?? '').replace(/\s+/g, ' ').trim()])));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rng: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

main();

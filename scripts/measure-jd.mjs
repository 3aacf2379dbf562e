/**
 * Measure the job-description classifier on real text that is NOT part of the project.
 *
 *   node scripts/measure-jd.mjs [--verbose] [POSTINGS_DIR]
 *
 * Two sets, each skipped cleanly when absent (a user's clone has neither):
 *  1. `../shared/data/job-descriptions.jsonl` (or $PREP_LOOP_SHARED_DATA/job-descriptions.jsonl):
 *     labelled PM / PO / hybrid by responsibilities. The record's `title` is put on the first line,
 *     as a pasted posting would have it, so title-versus-duties disagreements are measured too.
 *  2. A folder of postings you collected yourself (POSTINGS_DIR, else $PREP_LOOP_JD_POSTINGS, else
 *     /work/jd-postings): one `<id>.txt` per posting — a `Source:` / `Kind:` header, a `---` line,
 *     then the posting text (or the text alone) — and a `labels.tsv` (`id  label  title_says  reason`,
 *     columns found by the header's names; `n` for `id` and any label case accepted), labelled by
 *     hand from the responsibilities before the classifier was run.
 *
 * Prints accuracy, a confusion matrix, title-mismatch agreement and every miss. The text is only
 * read at run time; nothing from it belongs in the project.
 */
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const positional = args.filter((a) => !a.startsWith('--'));

// Bundle the TypeScript core once into a temporary ES module and import it.
const tmp = mkdtempSync(join(tmpdir(), 'measure-jd-'));
const outfile = join(tmp, 'jd.mjs');
await build({ entryPoints: [join(root, 'src/core/jd.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
const { classifyJobDescription } = await import(pathToFileURL(outfile).href);
rmSync(tmp, { recursive: true, force: true });

const VERDICTS = ['pm', 'po', 'hybrid', 'unclear'];

/** @param {string} name @param {{id: string, source: string, label: string, titleSays?: string, text: string}[]} items */
function report(name, items) {
  const matrix = new Map(VERDICTS.map((g) => [g, new Map(VERDICTS.map((p) => [p, 0]))]));
  const misses = [];
  let right = 0;
  let titleCases = 0;
  let titleRight = 0;
  for (const it of items) {
    const r = classifyJobDescription(it.text);
    matrix.get(it.label)?.set(r.verdict, (matrix.get(it.label)?.get(r.verdict) ?? 0) + 1);
    const ok = r.verdict === it.label;
    if (ok) right++;
    const lies = it.titleSays !== undefined && it.titleSays !== '' && it.titleSays !== it.label;
    if (lies) {
      titleCases++;
      if (ok && r.titleMismatch) titleRight++;
    }
    if (!ok || (lies && !r.titleMismatch)) misses.push({ it, r, lies });
    if (verbose) {
      console.log(`${ok ? ' ' : 'x'} ${it.id.padEnd(12)} gold=${it.label.padEnd(7)} got=${r.verdict.padEnd(7)} conf=${r.confidence.toFixed(2)} pm=${r.scores.pm} po=${r.scores.po} title=${r.titleSays ?? '-'}${r.titleMismatch ? ' (mismatch)' : ''} own=${r.owned.pm}/${r.owned.po} areas pm[${r.areas.pm.join(', ')}] po[${r.areas.po.join(', ')}]`);
    }
  }
  console.log(`\n== ${name}: ${right}/${items.length} right (${((100 * right) / Math.max(1, items.length)).toFixed(0)}%)` +
    (titleCases ? `; title-lies cases right with the mismatch flagged: ${titleRight}/${titleCases}` : ''));
  console.log(`   gold \\ got  ${VERDICTS.map((v) => v.padStart(8)).join('')}`);
  for (const g of VERDICTS) {
    const row = matrix.get(g);
    if (![...row.values()].some(Boolean)) continue;
    console.log(`   ${g.padEnd(11)}${VERDICTS.map((p) => String(row.get(p)).padStart(8)).join('')}`);
  }
  for (const { it, r, lies } of misses) {
    console.log(`   miss ${it.id}: gold ${it.label}${lies ? ` (titled ${it.titleSays})` : ''}, got ${r.verdict}${r.titleMismatch ? ' with mismatch' : ''} (pm ${r.scores.pm} / po ${r.scores.po})  ${it.source}`);
  }
}

// 1. The shared labelled set.
// From the main checkout the folder is `../shared/data`; from a worktree under /work/wt it is one level further up.
const shared =
  process.env.PREP_LOOP_SHARED_DATA ??
  [join(root, '..', 'shared', 'data'), join(root, '..', '..', 'shared', 'data')].find((d) => existsSync(d)) ??
  join(root, '..', 'shared', 'data');
const jsonl = join(shared, 'job-descriptions.jsonl');
if (existsSync(jsonl)) {
  const items = readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((d) => ({ id: d.id, source: d.source, label: String(d.label).toLowerCase(), text: `${d.title}\n\n${d.text}` }));
  report(`shared job descriptions (${jsonl})`, items);
} else {
  console.log(`(skipped: ${jsonl} not found)`);
}

// 2. Postings collected outside the project.
const dir = positional[0] ?? process.env.PREP_LOOP_JD_POSTINGS ?? '/work/jd-postings';
const labelsFile = join(dir, 'labels.tsv');
if (existsSync(labelsFile)) {
  // Columns by the header's names (`id` or `n`, `label`, `title_says`, `reason`), else in that order.
  const rows = readFileSync(labelsFile, 'utf8').split('\n');
  const head = (rows[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  const col = (names, fallback) => {
    const i = head.findIndex((h) => names.includes(h));
    return i >= 0 ? i : head.some((h) => ['id', 'n', 'label'].includes(h)) ? -1 : fallback;
  };
  const [idCol, labelCol, titleCol, reasonCol] = [col(['id', 'n'], 0), col(['label'], 1), col(['title_says', 'titlesays'], 2), col(['reason'], 3)];
  const sourceCol = head.indexOf('source');
  const labels = new Map();
  for (const line of rows.slice(1)) {
    const cells = line.split('\t');
    const id = cells[idCol]?.trim();
    const label = cells[labelCol]?.trim().toLowerCase();
    const titleSays = titleCol >= 0 ? cells[titleCol]?.trim().toLowerCase() : undefined;
    if (id && label) labels.set(id, { label, titleSays: titleSays || undefined, reason: cells[reasonCol], source: sourceCol >= 0 ? cells[sourceCol]?.trim() : undefined });
  }
  const items = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const id = f.replace(/\.txt$/, '');
    const gold = labels.get(id);
    if (!gold) continue;
    const raw = readFileSync(join(dir, f), 'utf8');
    const cut = raw.indexOf('\n---\n');
    const header = cut >= 0 ? raw.slice(0, cut) : '';
    const text = cut >= 0 ? raw.slice(cut + 5) : raw;
    const source = /^Source:\s*(.*)$/m.exec(header)?.[1] ?? gold.source ?? '';
    items.push({ id, source, label: gold.label, titleSays: gold.titleSays, text });
  }
  report(`collected postings (${dir})`, items);
} else {
  console.log(`(skipped: no labels.tsv in ${dir})`);
}

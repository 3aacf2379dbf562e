/**
 * Measures `loop-drift` precision and recall. Each passage becomes a story in a prep doc, tagged
 * once with its own loop (drift must stay quiet) and once with the other loop (drift should fire
 * when the passage is clearly one loop's; mixed passages must stay quiet either way).
 *
 * Sources: our own passages (test/fixtures/passages/passages.json, dev and holdout sets) and, when
 * present, the real product writing in ../shared/data/product-passages.jsonl (never committed).
 * Set DRIFT_HEADING to change the heading the passages sit under (default "The story"; its words are
 * part of the story's text, so a neutral one such as "Practice answer" keeps them out of the count).
 * Run: npx esbuild scripts/measure-drift.ts --bundle --platform=node --outfile=/tmp/md.cjs && node /tmp/md.cjs
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../src/core/config';
import { lintText } from '../src/core/lint';

interface Passage {
  id: string;
  label: 'pm' | 'po' | 'mixed';
  text: string;
  group: string;
}

const root = join(__dirname, '..');
const cwdRoot = process.cwd();
const base = existsSync(join(cwdRoot, 'test/fixtures/passages/passages.json')) ? cwdRoot : root;
const own = JSON.parse(readFileSync(join(base, 'test/fixtures/passages/passages.json'), 'utf8')) as { id: string; label: Passage['label']; text: string; kind: string; set: string }[];
const sets: Record<string, Passage[]> = {};
for (const p of own) (sets[`own/${p.set}/${p.kind}`] ??= []).push({ id: p.id, label: p.label, text: p.text, group: p.kind });
const sharedDir = [process.env.PREP_LOOP_SHARED_DATA, join(base, '..', 'shared', 'data'), join(base, '..', '..', 'shared', 'data')].find((d) => d && existsSync(d));
const shared = join(sharedDir ?? join(base, '..', 'shared', 'data'), 'product-passages.jsonl');
// Real first-person work stories labelled by reading (kept outside the repo; see measure-classifier.ts).
const storiesDir = [process.env.PREP_LOOP_STORIES, join(base, '..', 'stories'), join(base, '..', '..', 'stories')].find((d) => d && existsSync(join(d, 'stories.jsonl')));
if (storiesDir) {
  sets['real/work-stories'] = readFileSync(join(storiesDir, 'stories.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; label: Passage['label']; text: string })
    .map((r) => ({ id: r.id, label: r.label, text: r.text, group: 'real' }));
}
if (existsSync(shared)) {
  const label = (l: string): Passage['label'] => (l.toLowerCase() === 'pm' ? 'pm' : l.toLowerCase() === 'po' ? 'po' : 'mixed');
  sets['shared/product-passages'] = readFileSync(shared, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((r: { id: string; label: string; text: string }) => ({ id: r.id, label: label(r.label), text: r.text.replace(/^#+\s/gm, ''), group: 'real' }));
}

const minConfidence = Number(process.env.MIN_CONFIDENCE ?? resolveConfig().rules['loop-drift'].options.minConfidence);
const config = resolveConfig({ rules: { 'loop-drift': { options: { minConfidence } } } });
console.log(`loop-drift minConfidence ${minConfidence}`);

function drifts(text: string, loop: 'pm' | 'po'): boolean {
  const doc = `---\nloop: ${loop}\n---\n\n## ${process.env.DRIFT_HEADING ?? 'The story'} #${loop} #execution\n\n${text}\n`;
  return lintText(doc, { config }).findings.some((f) => f.ruleId === 'loop-drift');
}

console.log('set                           tp  fp  fn  tn  precision  recall  false-alarm rate on own-tag');
const total = { tp: 0, fp: 0, fn: 0, tn: 0 };
for (const [name, passages] of Object.entries(sets).sort()) {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const misses: string[] = [];
  for (const p of passages) {
    for (const tag of ['pm', 'po'] as const) {
      const fired = drifts(p.text, tag);
      const should = p.label !== 'mixed' && p.label !== tag;
      if (fired && should) c.tp++;
      else if (fired) {
        c.fp++;
        misses.push(`FP ${p.id} tagged ${tag}`);
      } else if (should) {
        c.fn++;
        misses.push(`FN ${p.id} tagged ${tag}`);
      } else c.tn++;
    }
  }
  for (const k of Object.keys(c) as (keyof typeof c)[]) total[k] += c[k];
  const precision = c.tp + c.fp ? (c.tp / (c.tp + c.fp)).toFixed(2) : '—';
  const recall = c.tp + c.fn ? (c.tp / (c.tp + c.fn)).toFixed(2) : '—';
  const far = (c.fp / Math.max(1, c.fp + c.tn)).toFixed(2);
  console.log(`${name.padEnd(30)}${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)} ${String(c.tn).padStart(3)}  ${precision.padStart(9)}  ${recall.padStart(6)}  ${far}`);
  if (process.argv.includes('-v')) for (const m of misses) console.log('   ', m);
}
console.log(`all: precision ${(total.tp / Math.max(1, total.tp + total.fp)).toFixed(2)}, recall ${(total.tp / Math.max(1, total.tp + total.fn)).toFixed(2)}`);

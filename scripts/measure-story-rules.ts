/**
 * Measures the story rules (`story-result`, `story-ownership`, `story-length`) on real first-person
 * stories kept outside the repo (one prep doc per story, with its source URL in the front matter).
 *
 *   npx esbuild scripts/measure-story-rules.ts --bundle --platform=node --outfile=/tmp/msr.cjs && node /tmp/msr.cjs
 *   node /tmp/msr.cjs --show        # also print each finding's message, to hand-judge it
 *
 * The folder is `PREP_LOOP_STORIES` or `/work/practice-stories`; without it the script says so and
 * exits 0. It prints, per rule, stories checked and flagged; with `--show`, every finding. The
 * stories are quoted from their sources, so nothing it prints goes into the repo.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../src/core/lint';
import { spokenLength } from '../src/core/story-text';

const DIR = process.env.PREP_LOOP_STORIES ?? '/work/practice-stories';
const RULES = ['story-result', 'story-ownership', 'story-length'] as const;

function main(): void {
  if (!existsSync(DIR)) {
    console.log(`No stories folder at ${DIR}: set PREP_LOOP_STORIES to measure. Nothing to do.`);
    return;
  }
  const show = process.argv.includes('--show');
  const files = readdirSync(DIR).filter((f) => /^\d+\.md$/.test(f)).sort();
  const flagged: Record<string, number> = Object.fromEntries(RULES.map((r) => [r, 0]));
  let stories = 0;
  for (const f of files) {
    const text = readFileSync(join(DIR, f), 'utf8');
    const { doc, findings } = lintText(text);
    if (!doc) continue;
    for (const story of doc.stories) {
      stories++;
      const len = spokenLength(doc, story);
      const mine = findings.filter((x) => (RULES as readonly string[]).includes(x.ruleId) && x.range.start.offset >= story.range.start.offset && x.range.start.offset < story.range.end.offset);
      for (const r of RULES) if (mine.some((x) => x.ruleId === r)) flagged[r]++;
      const complete = /^complete: true$/m.test(text) ? 'complete' : 'excerpt';
      if (show) {
        console.log(`\n${f} (${complete}, ${len.words} words): ${story.heading.title}`);
        for (const x of mine) console.log(`  ${x.ruleId} @${x.range.start.line + 1}: ${x.message}`);
        if (!mine.length) console.log('  (no story findings)');
      }
    }
  }
  console.log(`\n${stories} stories in ${files.length} files`);
  for (const r of RULES) console.log(`${r}: ${flagged[r]} flagged (${((flagged[r] / Math.max(1, stories)) * 100).toFixed(0)}%)`);
}

main();

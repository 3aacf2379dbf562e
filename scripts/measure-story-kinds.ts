/**
 * Story recall of the section-kind decision on real first-person stories kept outside the project.
 *
 *   node scripts/run-ts.mjs scripts/measure-story-kinds.ts STORIES…
 *
 * Each argument is a `.jsonl` file (records with a `text` field) or a folder of `.md` files (one
 * story under a `##` heading each). Every story is put under a `##` heading in a prep doc with its
 * loop tags removed, once under its own title (or a neutral one) and once under a behavioural
 * question, and must come out as a story. Prints the recall and every miss with Prep Loop's reason.
 * Nothing is copied into the project; without arguments it says so and exits.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePrepDoc } from '../src/core/parse';

const items: { id: string; title: string; text: string }[] = [];
for (const arg of process.argv.slice(2)) {
  if (!existsSync(arg)) continue;
  if (statSync(arg).isDirectory()) {
    for (const f of readdirSync(arg).filter((n) => n.endsWith('.md')).sort()) {
      const m = /\n## (.*)\n([\s\S]*)$/.exec(readFileSync(join(arg, f), 'utf8'));
      if (m) items.push({ id: f, title: m[1].replace(/#[\w/-]+/g, '').trim(), text: m[2] });
    }
  } else {
    for (const line of readFileSync(arg, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line) as { id?: string; text?: string };
      if (r.text) items.push({ id: r.id ?? String(items.length), title: 'The project', text: r.text });
    }
  }
}
if (!items.length) {
  console.log('No stories given (pass .jsonl files or folders of .md stories kept outside the project): skipped.');
  process.exit(0);
}
for (const heading of [undefined, 'Tell me about a time you had to make a hard call?']) {
  const misses: string[] = [];
  for (const it of items) {
    const doc = parsePrepDoc(`---\nloop: pm\n---\n\n## ${heading ?? it.title}\n\n${it.text.replace(/#(?:pm|po|hybrid)\b/gi, '')}\n`);
    const s = doc.sections.find((x) => x.heading);
    if (s?.kind !== 'story') misses.push(`  ${it.id}: ${s?.kind} — ${s?.kindReason} :: ${it.text.slice(0, 90).replace(/\s+/g, ' ')}`);
  }
  console.log(`under ${heading ? `"${heading}"` : 'its own title'}: ${items.length - misses.length}/${items.length} read as stories`);
  for (const m of misses) console.log(m);
}

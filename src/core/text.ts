/**
 * Offsets ↔ line/column for one text. Built once per text, binary search per lookup.
 */
import type { Position, Range } from './types';

/**
 * Where a sorted array stops holding `before`: the number of items (from `from` on) for which
 * it holds, given that it holds for a prefix and fails for the rest. `partitionPoint(a, (v) => v < x)`
 * is the first index of a value ≥ x; `partitionPoint(a, (v) => v <= x) - 1` the last of a value ≤ x.
 */
export function partitionPoint<T>(items: readonly T[], before: (item: T) => boolean, from = 0): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lines of a text (without their newline), with their offsets: an empty text has one empty line. */
export function linesOf(text: string): { start: number; end: number; text: string }[] {
  const lines: { start: number; end: number; text: string }[] = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: at, end, text: text.slice(at, end) });
    if (nl < 0) break;
    at = nl + 1;
  }
  return lines;
}

/** Maps offsets of one text to 0-based line/column positions. */
export class LineIndex {
  /** Offset where each line starts. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of an offset (clamped to the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // Line 0 starts at 0 ≤ o, so the last line start at or before o always exists.
    const line = partitionPoint(this.lineStarts, (s) => s <= o) - 1;
    return { line, column: o - this.lineStarts[line], offset: o };
  }

  /** The range between two offsets. */
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The offset where a 0-based line starts (clamped). */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** The offset where a 0-based line ends, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > 0 && this.text[next - 1] === '\r' ? next - 1 : next;
  }

  /** The text of a 0-based line without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** Levenshtein distance with adjacent transpositions, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i].push(v);
    }
  }
  return rows[a.length][b.length];
}

/** The largest of `values` (or `floor` when larger or when there are none), without spreading them onto the stack. */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** Appends `items` to `into` one by one: `into.push(...items)` overflows the stack on ~100k items. */
export function pushAll<T>(into: T[], items: Iterable<T>): T[] {
  for (const x of items) into.push(x);
  return into;
}

/** The candidate closest to `word` within two edits, if any. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase(), 2);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * HTML elements whose names are not words a template would use as a slot: `<article>`, `<div>`,
 * `<strong>` are markup wherever they stand.
 */
const MARKUP_ONLY = new Set(
  ('abbr article aside audio bdi bdo blockquote body br canvas caption center code col colgroup dd del details dfn div dl dt em figcaption ' +
    'figure font footer head header hgroup hr html iframe img ins kbd li nav noscript ol picture pre small span strong sub sup svg ' +
    'tbody td tfoot th thead tr ul video wbr fieldset legend textarea button section style script meta').split(' '),
);
/**
 * HTML elements whose names are also everyday words (`<title>`, `<summary>`, `<label>`, `<time>`):
 * markup only when the same line closes them (`<summary>…</summary>`); alone (`As a <title>`) they
 * may be a slot.
 */
const MARKUP_IF_CLOSED = new Set(
  'address cite data dialog embed form input label link main map mark menu meter object option output param progress ruby search select slot source summary table template time title track var'.split(
    ' ',
  ),
);

/**
 * Whether `tag` (an opening tag such as `<article>`, as a slot pattern matched it) is HTML markup
 * rather than a template slot: HTML tags are how the text is laid out, not blanks to fill in.
 * `line` is the line it sits in (a closing tag there settles an ambiguous name).
 */
export function isMarkupTag(tag: string, line: string): boolean {
  const m = /^<([a-z]+)>$/i.exec(tag.trim());
  if (!m) return false;
  const name = m[1]!.toLowerCase();
  if (MARKUP_ONLY.has(name)) return true;
  return MARKUP_IF_CLOSED.has(name) && line.toLowerCase().includes(`</${name}>`);
}

/**
 * Bounds on what a pathological document can cost the markdown parser.
 *
 * micromark (remark's tokenizer) is fast on notes people write, but some shapes cost time that
 * grows with the square (or worse) of their size: thousands of list or quote markers nested on
 * one line, a paragraph of tens of thousands of emphasis or bracket delimiters, one section of
 * hundreds of kilobytes. Prep Loop reads none of the structure those shapes carry, so before a
 * section is parsed the guard neutralises them (same length, every offset unchanged: the text
 * that rules quote is always the user's own) and `describeSimplifications` says what was
 * simplified and why, for a note the user sees. Real notes never come near the limits.
 */

/** The limits, exported so messages and tests name the same numbers. */
export const PARSE_LIMITS = {
  /** Container markers (`>`, `-`, `1.`) read on one line; deeper ones are read as text. */
  nesting: 16,
  /** Indentation (in columns) read as structure; a list item indented deeper is read as text. */
  indent: 128,
  /** Emphasis (`*`, `_`) and bracket (`[`, `]`) delimiters read in one paragraph. */
  delimiters: 1000,
  /** Characters of one section whose structure (lists, code, user stories) is read. */
  sectionChars: 128 * 1024,
} as const;

/** A neutral, same-length stand-in for a neutralised marker. */
const NEUTRAL = '\u00b7';
const BLOCK_START_LINE = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|$)/;

/** What the guard changed in one section, with a section-relative offset to point at. */
export interface Simplification {
  offset: number;
  reason: 'nesting' | 'indent' | 'delimiters' | 'size';
}

/**
 * The text remark should parse for one section: `source` with pathological shapes neutralised
 * (same offsets), cut after about `sectionChars` characters at a line end when longer (a prefix
 * of `source`, so every offset in the parse tree is still an offset of `source`). Returns
 * `source` itself (no copy) when nothing needs it, which is every real note.
 */
export function prepareForParse(source: string): string {
  return guard(source, undefined);
}

/** What `prepareForParse` simplifies in `source`, in order. */
export function findSimplifications(source: string): Simplification[] {
  const found: Simplification[] = [];
  guard(source, found);
  return found;
}

/**
 * `prepareForParse` and `findSimplifications` in one pass (the parser's way: it needs both and
 * the scan is what costs). `found` is a shared empty array when nothing was simplified.
 */
export function prepareNoting(source: string): { text: string; found: readonly Simplification[] } {
  const found: Simplification[] = [];
  const text = guard(source, found);
  return { text, found: found.length ? found : NONE };
}

const NONE: readonly Simplification[] = Object.freeze([]);

/** A sentence for the user about one simplification, naming the limit. */
export function simplificationMessage(reason: Simplification['reason'], sectionSize?: number): string {
  switch (reason) {
    case 'nesting':
      return `Simplified: this line nests more than ${PARSE_LIMITS.nesting} lists or quotes; Prep Loop reads the deeper ones as plain text so checking stays fast.`;
    case 'indent':
      return `Simplified: this line is indented more than ${PARSE_LIMITS.indent} columns; Prep Loop reads it as plain text so checking stays fast.`;
    case 'delimiters':
      return `Simplified: this paragraph has more than ${PARSE_LIMITS.delimiters} emphasis or bracket marks; Prep Loop reads them as plain text so checking stays fast.`;
    case 'size':
      return `Simplified: this section is ${sectionSize !== undefined ? `${Math.ceil(sectionSize / 1024)} KB` : 'very long'}; Prep Loop reads lists, code and user stories in its first ${PARSE_LIMITS.sectionChars / 1024} KB only (tags everywhere), so checking stays fast.`;
  }
}

function guard(source: string, found: Simplification[] | undefined): string {
  let out = source;
  if (out.length > PARSE_LIMITS.sectionChars) {
    found?.push({ offset: PARSE_LIMITS.sectionChars, reason: 'size' });
    // Parse the head only, up to a line end: tags and words of the tail are still read from the original text.
    const nl = out.lastIndexOf('\n', PARSE_LIMITS.sectionChars);
    out = out.slice(0, nl > 0 ? nl + 1 : PARSE_LIMITS.sectionChars);
  }
  out = capNesting(out, found);
  out = defuseDelimiters(out, found);
  return out;
}

/**
 * Container markers beyond `nesting` on one line, or any on a line indented beyond `indent`,
 * become neutral characters, so the line is read as text at the depth already reached.
 */
function capNesting(source: string, found: Simplification[] | undefined): string {
  let parts: string[] | undefined;
  let cursor = 0;
  for (let lineStart = 0; lineStart < source.length; ) {
    const nl = source.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? source.length : nl;
    const cut = markersToNeutralise(source, lineStart, lineEnd);
    if (cut) {
      found?.push({ offset: lineStart, reason: cut.reason });
      parts ??= [];
      parts.push(source.slice(cursor, cut.from));
      let seg = '';
      for (let i = cut.from; i < cut.to; i++) seg += isMarkerChar(source.charCodeAt(i)) ? NEUTRAL : source[i];
      parts.push(seg);
      cursor = cut.to;
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  if (!parts) return source;
  parts.push(source.slice(cursor));
  return parts.join('');
}

function isMarkerChar(c: number): boolean {
  // > - + * . ) and digits (ordered list numbers)
  return c === 62 || c === 45 || c === 43 || c === 42 || c === 46 || c === 41 || (c >= 48 && c <= 57);
}

/** The span of a line's container prefix to neutralise, if the line is too deep. */
function markersToNeutralise(s: string, start: number, end: number): { from: number; to: number; reason: 'nesting' | 'indent' } | undefined {
  let i = start;
  let depth = 0;
  let column = 0;
  let limitAt = -1;
  while (i < end) {
    // Whitespace between markers.
    while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) {
      column += s.charCodeAt(i) === 9 ? 4 - (column % 4) : 1;
      i++;
    }
    if (column > PARSE_LIMITS.indent && depth === 0) {
      // A deeply indented line: neutralise the markers it starts with, whatever their number.
      const to = prefixEnd(s, i, end);
      return to > i ? { from: i, to, reason: 'indent' } : undefined;
    }
    const m = markerLength(s, i, end);
    if (!m) break;
    depth++;
    if (depth === PARSE_LIMITS.nesting + 1) limitAt = i;
    i += m;
    column += m;
  }
  if (limitAt === -1) {
    if (column > PARSE_LIMITS.indent && depth > 0) return { from: start, to: i, reason: 'indent' };
    return undefined;
  }
  return { from: limitAt, to: i, reason: 'nesting' };
}

/** The end of a run of container markers (and the spaces between them) starting at `i`. */
function prefixEnd(s: string, i: number, end: number): number {
  let j = i;
  for (;;) {
    while (j < end && (s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9)) j++;
    const m = markerLength(s, j, end);
    if (!m) return j;
    j += m;
  }
}

/** Length of a container marker at `i` (`>`, a bullet or an ordered-list number with its space), or 0. */
function markerLength(s: string, i: number, end: number): number {
  if (i >= end) return 0;
  const c = s.charCodeAt(i);
  const spaceOrEnd = (j: number) => j >= end || s.charCodeAt(j) === 32 || s.charCodeAt(j) === 9 || s.charCodeAt(j) === 13;
  if (c === 62) return 1;
  if ((c === 45 || c === 43 || c === 42) && spaceOrEnd(i + 1)) return 1;
  if (c >= 48 && c <= 57) {
    let j = i;
    while (j < end && j - i < 9 && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    const d = s.charCodeAt(j);
    if ((d === 46 || d === 41) && spaceOrEnd(j + 1)) return j + 1 - i;
  }
  return 0;
}

/**
 * micromark resolves emphasis and brackets in time that grows with the square of the delimiter
 * runs in one paragraph. Paragraph-like runs (a run starts at a blank line, a list item, a
 * heading or a quote) with more than `delimiters` of them get `*`, `_`, `[`, `]` replaced; quote
 * markers and a leading list bullet are kept.
 */
function defuseDelimiters(source: string, found: Simplification[] | undefined): string {
  if (source.length < PARSE_LIMITS.delimiters) return source;
  let total = 0;
  for (let i = 0; i < source.length; i++) if (isDelimiter(source.charCodeAt(i))) total++;
  if (total <= PARSE_LIMITS.delimiters) return source;
  const lines = source.split('\n');
  const counts = lines.map((l) => {
    let n = 0;
    for (let i = 0; i < l.length; i++) if (isDelimiter(l.charCodeAt(i))) n++;
    return n;
  });
  const starts: number[] = [];
  for (let k = 0, o = 0; k < lines.length; k++) {
    starts.push(o);
    o += lines[k].length + 1;
  }
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && !BLOCK_START_LINE.test(lines[j])) j++;
    let sum = 0;
    for (let k = i; k < j; k++) sum += counts[k];
    if (sum > PARSE_LIMITS.delimiters) {
      // Point at the paragraph's first line with text (a run may start at the blank line before it).
      let first = i;
      while (first + 1 < j && !/\S/.test(lines[first])) first++;
      found?.push({ offset: starts[first], reason: 'delimiters' });
      for (let k = i; k < j; k++) {
        const bullet = /^[ \t>]*(?:[-*+][ \t])?/.exec(lines[k])?.[0] ?? '';
        lines[k] = bullet + lines[k].slice(bullet.length).replace(/[*_[\]]/g, NEUTRAL);
      }
    }
    i = j;
  }
  return lines.join('\n');
}

function isDelimiter(c: number): boolean {
  return c === 42 || c === 95 || c === 91 || c === 93;
}

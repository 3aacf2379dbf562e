/**
 * Splits a markdown document into front matter and heading sections without parsing it.
 *
 * Whole-document remark parsing grows superlinearly on long notes; parsing each section on
 * its own is linear and lets unchanged sections be reused after an edit. The splitter only
 * needs to know where headings at or above the story level start, so it tracks the few
 * constructs that can hide a heading-looking line: front matter, fenced code, HTML comments,
 * and setext underlines.
 */

/** One chunk of a document, always starting at a line start. */
export interface Chunk {
  /** `front` is the front matter block (with its fences); `preamble` the text before the first heading. */
  kind: 'front' | 'preamble' | 'section';
  start: number;
  end: number;
  /** 0-based line where the chunk starts. */
  line: number;
  /** Heading level for sections (1–6). */
  level: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FRONT_OPEN = /^---[ \t]*$/;
const FRONT_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const BLOCK_START = /^ {0,3}(?:[-+*]|\d{1,9}[.)]|>|#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|<)/;

/**
 * Splits `text` into chunks. A new section starts at every ATX or setext heading whose
 * level is at most `maxLevel`; deeper headings stay inside their section.
 */
export function splitSections(text: string, maxLevel: number): Chunk[] {
  const chunks: Chunk[] = [];
  let pos = 0;
  let line = 0;
  const firstEnd = lineEnd(text, 0);
  if (firstEnd < text.length && FRONT_OPEN.test(text.slice(0, firstEnd).replace(/\r$/, ''))) {
    let p = firstEnd + 1;
    for (let j = 1; ; j++) {
      const e = lineEnd(text, p);
      if (FRONT_CLOSE.test(text.slice(p, e).replace(/\r$/, ''))) {
        const end = e < text.length ? e + 1 : text.length;
        chunks.push({ kind: 'front', start: 0, end, line: 0, level: 0 });
        pos = end;
        line = j + 1;
        break;
      }
      if (e >= text.length) break;
      p = e + 1;
    }
  }
  scanChunks(text, maxLevel, { kind: 'preamble', start: pos, end: text.length, line, level: 0 }, chunks);
  return chunks;
}

/**
 * Splits the text from `from` on, as `splitSections` would if an earlier chunk ended there (the
 * splitter's state at a chunk start does not depend on the text before it). `from` must be the
 * start of a chunk of an earlier split of text that is unchanged up to and including that
 * chunk's heading line(s); `line` is its 0-based line. Stops before the first section start for
 * which `stop(start, level)` is true (used to resynchronise with an earlier split after an
 * edit); the last chunk then ends there, and `stopped` says so.
 */
export function splitSectionsFrom(
  text: string,
  maxLevel: number,
  from: { start: number; line: number },
  stop?: (start: number, line: number) => boolean,
): { chunks: Chunk[]; stopped: boolean } {
  const chunks: Chunk[] = [];
  // Scanned as if a preamble started there: a heading on the first line replaces it at once.
  const stopped = scanChunks(text, maxLevel, { kind: 'preamble', start: from.start, end: text.length, line: from.line, level: 0 }, chunks, stop);
  return { chunks, stopped };
}

function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl;
}

/** The line scanner behind both entry points. Returns true when `stop` ended it. */
function scanChunks(text: string, maxLevel: number, first: Chunk, chunks: Chunk[], stop?: (start: number, line: number) => boolean): boolean {
  let current: Chunk = first;
  let fence: { char: string; len: number } | undefined;
  let inComment = false;
  /** Offset and line where the current paragraph began; `paraStart` -1 when not in a paragraph. */
  let paraStart = -1;
  let paraLine = -1;
  let stopped = false;

  const startSection = (start: number, lineNo: number, level: number): boolean => {
    if (start > first.start && stop?.(start, lineNo)) {
      current.end = start;
      if (current.end > current.start || current.kind === 'section') chunks.push(current);
      stopped = true;
      return true;
    }
    current.end = start;
    if (current.end > current.start || current.kind === 'section') chunks.push(current);
    current = { kind: 'section', start, end: text.length, line: lineNo, level };
    return false;
  };

  // A chunk's own heading line is scanned like any other line: at its start the state is the
  // same (no fence, no comment, no open paragraph) whatever came before.
  let pos = first.start;
  for (let lineNo = first.line; pos <= text.length; lineNo++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const lineStart = pos;
    const raw = text.slice(pos, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    pos = end + 1;
    const last = nl === -1;
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && line.slice(m[0].length).trim() === '') fence = undefined;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else {
      const fm = FENCE.exec(line);
      if (fm && !(fm[1][0] === '`' && line.slice(fm[0].length).includes('`'))) {
        fence = { char: fm[1][0], len: fm[1].length };
        paraStart = -1;
      } else if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) {
        inComment = true;
        paraStart = -1;
      } else {
        const atx = ATX.exec(line);
        if (atx) {
          const level = atx[1].length;
          if (level <= maxLevel && startSection(lineStart, lineNo, level)) return true;
          paraStart = -1;
        } else if (line.trim() === '') {
          paraStart = -1;
        } else {
          const setext = SETEXT.exec(line);
          if (setext && paraStart !== -1) {
            const level = setext[1][0] === '=' ? 1 : 2;
            if (level <= maxLevel && startSection(paraStart, paraLine, level)) return true;
            paraStart = -1;
          } else if (paraStart === -1) {
            // Only a plain paragraph line can become a setext heading's text.
            if (!(BLOCK_START.test(line) || /^( {4}|\t)/.test(line))) {
              paraStart = lineStart;
              paraLine = lineNo;
            }
          }
        }
      }
    }
    if (last) break;
  }
  current.end = text.length;
  if (current.end > current.start || current.kind === 'section') chunks.push(current);
  return stopped;
}

/**
 * The heading level a doc's stories are at: `level` (the configured story level), unless the doc
 * has a title above that level, no heading at it and deeper ones ("# Delivery stories" over "###
 * Cut cycle time", no `##` at all): then the shallowest of those, the level the doc actually uses
 * for its sections under its title. A doc with no heading at or above `level` (a pasted fragment
 * that opens on "### …") keeps `level`: nothing says which of its headings are its sections.
 * `chunks` is the split at `level` (with its front matter or without); the doc is split again, at
 * every level, only when its chunks are titles only.
 */
export function usedStoryLevel(text: string, level: number, chunks: readonly Chunk[]): number {
  if (level >= 6 || !chunks.some((c) => c.kind === 'section') || chunks.some((c) => c.kind === 'section' && c.level === level)) return level;
  let deeper = 7;
  for (const c of splitSections(text, 6)) if (c.kind === 'section' && c.level > level && c.level < deeper) deeper = c.level;
  return deeper <= 6 ? deeper : level;
}

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
  const lines: { start: number; text: string }[] = [];
  for (let pos = 0; pos <= text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, text: text.slice(pos, end).replace(/\r$/, '') });
    if (nl === -1) break;
    pos = nl + 1;
  }

  let i = 0;
  if (lines.length > 1 && FRONT_OPEN.test(lines[0].text)) {
    for (let j = 1; j < lines.length; j++) {
      if (FRONT_CLOSE.test(lines[j].text)) {
        const end = j + 1 < lines.length ? lines[j + 1].start : text.length;
        chunks.push({ kind: 'front', start: 0, end, line: 0, level: 0 });
        i = j + 1;
        break;
      }
    }
  }

  let current: Chunk = { kind: 'preamble', start: i < lines.length ? lines[i].start : text.length, end: text.length, line: i, level: 0 };
  let fence: { char: string; len: number } | undefined;
  let inComment = false;
  /** Line index where the current paragraph began, or -1 when not in a paragraph. */
  let paragraphStart = -1;

  const startSection = (lineIdx: number, level: number) => {
    const start = lines[lineIdx].start;
    current.end = start;
    if (current.end > current.start || current.kind === 'section') chunks.push(current);
    current = { kind: 'section', start, end: text.length, line: lineIdx, level };
  };

  for (; i < lines.length; i++) {
    const line = lines[i].text;
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && line.slice(m[0].length).trim() === '') fence = undefined;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const fm = FENCE.exec(line);
    if (fm && !(fm[1][0] === '`' && line.slice(fm[0].length).includes('`'))) {
      fence = { char: fm[1][0], len: fm[1].length };
      paragraphStart = -1;
      continue;
    }
    if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      paragraphStart = -1;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const level = atx[1].length;
      if (level <= maxLevel) startSection(i, level);
      paragraphStart = -1;
      continue;
    }
    if (line.trim() === '') {
      paragraphStart = -1;
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraphStart !== -1) {
      const level = setext[1][0] === '=' ? 1 : 2;
      if (level <= maxLevel) startSection(paragraphStart, level);
      paragraphStart = -1;
      continue;
    }
    if (paragraphStart === -1) {
      // Only a plain paragraph line can become a setext heading's text.
      paragraphStart = BLOCK_START.test(line) || /^( {4}|\t)/.test(line) ? -2 : i;
      if (paragraphStart === -2) paragraphStart = -1;
    }
  }
  current.end = text.length;
  if (current.end > current.start || current.kind === 'section') chunks.push(current);
  return chunks;
}

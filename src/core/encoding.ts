/**
 * Bytes ↔ text without losing a byte: the one place that decides how a file is decoded, and how
 * a fixed text is written back in the same encoding, byte order mark and line endings.
 *
 * Editor-free and Node-free (only `TextDecoder`, available in Node and web workers), so the CLI,
 * a language server and a workspace scan can share it. The contract:
 *
 * - `decodeText(bytes)` never replaces a character. Valid UTF-8 (with or without a BOM) is UTF-8;
 *   a UTF-16 BOM (or UTF-16 text without one, recognised by its zero bytes) is UTF-16; anything
 *   else is read as windows-1252, which maps every one of the 256 byte values to its own
 *   character, so even a mis-guessed legacy file round-trips exactly.
 * - `encodeText(decodeText(b).text, info)` gives back `b` exactly, for every input that is not binary.
 * - `encodeText` refuses (returns an error) instead of writing a character the encoding cannot hold.
 */

/** An encoding Prep Loop reads and writes back. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The line endings a text uses. `mixed`: both `\n` and `\r\n`; `none`: a single line. */
export type EolStyle = 'lf' | 'crlf' | 'mixed' | 'none';

/** How a file's bytes were decoded: everything needed to write the text back the same way. */
export interface TextEncodingInfo {
  encoding: TextEncodingName;
  /** Whether the file starts with a byte order mark (it is not part of the decoded text). */
  bom: boolean;
  eol: EolStyle;
  /** The file's size in bytes. */
  bytes: number;
}

/** A decoded file: the text the user wrote, how it was stored, or why it is not text. */
export interface DecodedText {
  /** The text without the byte order mark. Empty when `binary` is set. */
  text: string;
  info: TextEncodingInfo;
  /** Set when the bytes are not text (a zero byte in UTF-8 or legacy text, or broken UTF-16). */
  binary?: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** windows-1252's characters for bytes 0x80–0x9F; the five unassigned bytes keep their C1 code point. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_REVERSE = new Map(CP1252_HIGH.map((c, i) => [c, 0x80 + i]));

/** Human names of the encodings, for messages. */
export const ENCODING_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Latin-1 (windows-1252)',
};

/** Decodes a file's bytes. Never throws and never replaces a character. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const n = bytes.length;
  const info = (encoding: TextEncodingName, bom: boolean, text: string): TextEncodingInfo => ({ encoding, bom, eol: eolStyle(text), bytes: n });
  if (n >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
    const text = decodeUtf8(bytes.subarray(3));
    if (text !== undefined) return checked(text, info('utf-8', true, text));
    // A BOM followed by broken UTF-8: keep the bytes as legacy text (the BOM bytes become "ï»¿").
  }
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return utf16(bytes.subarray(2), le, true, n);
  }
  const text = decodeUtf8(bytes);
  if (text !== undefined) {
    if (text.includes('\u0000')) {
      const guessed = guessUtf16(bytes, n);
      if (guessed) return guessed;
    }
    return checked(text, info('utf-8', false, text));
  }
  const guessed = guessUtf16(bytes, n);
  if (guessed) return guessed;
  const legacy = decodeCp1252(bytes);
  return checked(legacy, info('windows-1252', false, legacy));
}

/**
 * Encodes `text` the way `info` says the file was stored: same encoding, same byte order mark.
 * Returns an error (and no bytes) when a character cannot be written in that encoding.
 */
export function encodeText(text: string, info: Pick<TextEncodingInfo, 'encoding' | 'bom'>): { bytes: Uint8Array } | { error: string } {
  switch (info.encoding) {
    case 'utf-8': {
      const lone = loneSurrogate(text);
      if (lone !== undefined) return { error: `the text has a broken character at offset ${lone} that UTF-8 cannot hold` };
      const body = new TextEncoder().encode(text);
      if (!info.bom) return { bytes: body };
      const out = new Uint8Array(body.length + 3);
      out.set(UTF8_BOM, 0);
      out.set(body, 3);
      return { bytes: out };
    }
    case 'utf-16le':
    case 'utf-16be': {
      const le = info.encoding === 'utf-16le';
      const skip = info.bom ? 2 : 0;
      const out = new Uint8Array(skip + text.length * 2);
      if (info.bom) {
        out[0] = le ? 0xff : 0xfe;
        out[1] = le ? 0xfe : 0xff;
      }
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[skip + 2 * i + (le ? 0 : 1)] = c & 0xff;
        out[skip + 2 * i + (le ? 1 : 0)] = c >> 8;
      }
      return { bytes: out };
    }
    case 'windows-1252': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_REVERSE.get(c);
        if (b === undefined) {
          const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
          return { error: `"${ch}" cannot be written in ${ENCODING_LABEL['windows-1252']}, the file's encoding` };
        }
        out[i] = b;
      }
      return { bytes: out };
    }
  }
}

/**
 * Rewrites the line breaks of text a fix inserts (`newText`) to the file's own style: `\r\n` in a
 * CRLF file, `\n` otherwise (a mixed file gets `\n`, its first style, unchanged).
 */
export function adaptLineEndings(newText: string, eol: EolStyle): string {
  if (eol !== 'crlf' || !newText.includes('\n')) return newText;
  return newText.replace(/\r?\n/g, '\r\n');
}

/** Formats a size in bytes the way every Prep Loop message does: "812 KB", "3.6 MB". */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** The number of bytes `text` takes as UTF-8, without allocating the encoding. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The line endings of a text. */
export function eolStyle(text: string): EolStyle {
  let lf = false;
  let crlf = false;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf = true;
    else lf = true;
    if (lf && crlf) return 'mixed';
  }
  return crlf ? 'crlf' : lf ? 'lf' : 'none';
}

function checked(text: string, info: TextEncodingInfo): DecodedText {
  const probe = text.length > 8192 ? text.slice(0, 8192) : text;
  if (probe.includes('\u0000')) return { text: '', info, binary: 'looks like a binary file, not markdown' };
  return { text, info };
}

const utf8Decoder = (() => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
})();

function decodeUtf8(bytes: Uint8Array): string | undefined {
  if (!utf8Decoder) return undefined;
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, i + CHUNK);
    for (let j = i; j < end; j++) {
      const b = bytes[j];
      codes.push(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
    }
    out += String.fromCharCode.apply(null, codes);
  }
  return out;
}

/** UTF-16 without a BOM, when the zero bytes say so and the result reads as text (no control characters). */
function guessUtf16(bytes: Uint8Array, total: number): DecodedText | undefined {
  const guess = utf16Guess(bytes);
  if (!guess) return undefined;
  const d = utf16(bytes, guess === 'le', false, total);
  const probe = d.text.length > 8192 ? d.text.slice(0, 8192) : d.text;
  // eslint-disable-next-line no-control-regex
  return d.binary || /[\u0000-\u0008\u000e-\u001f]/.test(probe) ? undefined : d;
}

/** Decodes UTF-16 code unit by code unit, so even a lone surrogate round-trips. */
function utf16(body: Uint8Array, le: boolean, bom: boolean, total: number): DecodedText {
  const encoding: TextEncodingName = le ? 'utf-16le' : 'utf-16be';
  if (body.length % 2 === 1) {
    return { text: '', info: { encoding, bom, eol: 'none', bytes: total }, binary: `has an odd number of bytes, so it is not ${ENCODING_LABEL[encoding]} text` };
  }
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < body.length; i += CHUNK * 2) {
    const codes: number[] = [];
    const end = Math.min(body.length, i + CHUNK * 2);
    for (let j = i; j < end; j += 2) codes.push(le ? body[j] | (body[j + 1] << 8) : (body[j] << 8) | body[j + 1]);
    out += String.fromCharCode.apply(null, codes);
  }
  return checked(out, { encoding, bom, eol: eolStyle(out), bytes: total });
}

/**
 * UTF-16 without a BOM: most text is ASCII, so every other byte is zero. Says which byte order
 * when, in the first 4 KB, at least 40% of the code units have a zero high byte and none a zero low byte.
 */
function utf16Guess(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4 || bytes.length % 2 === 1) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const units = n / 2;
  if (oddZero >= units * 0.4 && evenZero === 0) return 'le';
  if (evenZero >= units * 0.4 && oddZero === 0) return 'be';
  return undefined;
}

function loneSurrogate(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    return i;
  }
  return undefined;
}

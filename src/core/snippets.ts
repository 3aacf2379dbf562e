/**
 * Expands VS Code snippet bodies to the text a user gets by pressing Tab through every
 * placeholder without typing: each placeholder becomes its default, each choice its first
 * option. Used to check that the shipped snippets expand to lint-clean notes.
 *
 * Follows the snippet grammar VS Code documents:
 *
 * ```
 * any         ::= tabstop | placeholder | choice | variable | text
 * tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
 * placeholder ::= '${' int ':' any '}'
 * choice      ::= '${' int '|' text (',' text)* '|}'
 * variable    ::= '$' var | '${' var '}' | '${' var ':' any '}' | '${' var transform '}'
 * ```
 *
 * Malformed constructs stay literal text, as they do in the editor. Editor-free.
 */

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[] | undefined }
  | { kind: 'choice'; index: number; first: string }
  | { kind: 'variable'; name: string; children: SnippetNode[] | undefined };

const DIGITS = /[0-9]/;
const VAR_START = /[A-Za-z_]/;
const VAR_CHAR = /[A-Za-z0-9_]/;

/** Recursive-descent parser over one snippet body. */
class SnippetParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  /** Parses the whole body (top level: a bare `}` is plain text). */
  parseAll(): SnippetNode[] {
    return this.parseSequence(false);
  }

  /** Parses nodes until the end, or until an unescaped `}` when `nested`. Leaves `}` unconsumed. */
  private parseSequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
        continue;
      }
      if (ch === '}' && nested) break;
      if (ch === '$') {
        const node = this.tryParseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
        text += ch;
        this.pos += 1;
        continue;
      }
      text += ch;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** At a `$`: parses a tabstop, placeholder, choice or variable, or restores `pos` and returns undefined. */
  private tryParseDollar(): SnippetNode | undefined {
    const start = this.pos;
    this.pos += 1; // '$'
    const ch = this.src[this.pos];
    if (ch !== undefined && DIGITS.test(ch)) {
      return { kind: 'tabstop', index: this.readInt(), children: undefined };
    }
    if (ch !== undefined && VAR_START.test(ch)) {
      return { kind: 'variable', name: this.readName(), children: undefined };
    }
    if (ch === '{') {
      this.pos += 1;
      const node = this.parseBraced();
      if (node) return node;
    }
    this.pos = start;
    return undefined;
  }

  /** After `${`: the rest of a braced construct, including its closing `}`. */
  private parseBraced(): SnippetNode | undefined {
    const ch = this.src[this.pos];
    if (ch !== undefined && DIGITS.test(ch)) {
      const index = this.readInt();
      const after = this.src[this.pos];
      if (after === '}') {
        this.pos += 1;
        return { kind: 'tabstop', index, children: undefined };
      }
      if (after === ':') {
        this.pos += 1;
        const children = this.parseSequence(true);
        if (this.src[this.pos] !== '}') return undefined;
        this.pos += 1;
        return { kind: 'tabstop', index, children };
      }
      if (after === '|') {
        this.pos += 1;
        const first = this.parseChoice();
        return first === undefined ? undefined : { kind: 'choice', index, first };
      }
      if (after === '/') {
        return this.skipTransform() ? { kind: 'tabstop', index, children: undefined } : undefined;
      }
      return undefined;
    }
    if (ch !== undefined && VAR_START.test(ch)) {
      const name = this.readName();
      const after = this.src[this.pos];
      if (after === '}') {
        this.pos += 1;
        return { kind: 'variable', name, children: undefined };
      }
      if (after === ':') {
        this.pos += 1;
        const children = this.parseSequence(true);
        if (this.src[this.pos] !== '}') return undefined;
        this.pos += 1;
        return { kind: 'variable', name, children };
      }
      if (after === '/') {
        return this.skipTransform() ? { kind: 'variable', name, children: undefined } : undefined;
      }
    }
    return undefined;
  }

  /** After `${n|`: reads the options up to `|}` and returns the first one (escapes `\,` `\|` `\\` honoured). */
  private parseChoice(): string | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === ',' || next === '|' || next === '\\' || next === '$' || next === '}') {
          current += next;
          this.pos += 2;
          continue;
        }
        current += ch;
        this.pos += 1;
        continue;
      }
      if (ch === ',') {
        options.push(current);
        current = '';
        this.pos += 1;
        continue;
      }
      if (ch === '|' && this.src[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options[0];
      }
      current += ch;
      this.pos += 1;
    }
    return undefined;
  }

  /** At the first `/` of `/regex/format/options}`: skips to and past the closing `}`. */
  private skipTransform(): boolean {
    this.pos += 1; // '/'
    let part = 0; // 0 regex, 1 format, 2 options
    let depth = 0; // `${…}` nesting inside the format
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        this.pos += 2;
        continue;
      }
      if (part === 1 && ch === '$' && this.src[this.pos + 1] === '{') {
        depth += 1;
        this.pos += 2;
        continue;
      }
      if (part === 1 && ch === '}' && depth > 0) {
        depth -= 1;
        this.pos += 1;
        continue;
      }
      if (ch === '/' && part < 2 && depth === 0) {
        part += 1;
        this.pos += 1;
        continue;
      }
      if (ch === '}' && part === 2) {
        this.pos += 1;
        return true;
      }
      this.pos += 1;
    }
    return false;
  }

  private readInt(): number {
    let digits = '';
    while (this.pos < this.src.length && DIGITS.test(this.src[this.pos])) digits += this.src[this.pos++];
    return Number(digits);
  }

  private readName(): string {
    let name = '';
    while (this.pos < this.src.length && VAR_CHAR.test(this.src[this.pos])) name += this.src[this.pos++];
    return name;
  }
}

/** The first value each tab stop index gets (VS Code mirrors it to every other use of the index). */
function collectDefaults(nodes: SnippetNode[], defaults: Map<number, SnippetNode[] | string>): void {
  for (const node of nodes) {
    if (node.kind === 'tabstop') {
      if (node.children && !defaults.has(node.index)) defaults.set(node.index, node.children);
      if (node.children) collectDefaults(node.children, defaults);
    } else if (node.kind === 'choice') {
      if (!defaults.has(node.index)) defaults.set(node.index, node.first);
    } else if (node.kind === 'variable' && node.children) {
      collectDefaults(node.children, defaults);
    }
  }
}

function render(
  nodes: SnippetNode[],
  defaults: Map<number, SnippetNode[] | string>,
  visiting: Set<number>,
): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.value;
        break;
      case 'choice':
      case 'tabstop': {
        const value = defaults.get(node.index);
        if (typeof value === 'string') out += value;
        else if (value && !visiting.has(node.index)) {
          visiting.add(node.index);
          out += render(value, defaults, visiting);
          visiting.delete(node.index);
        }
        break;
      }
      case 'variable':
        // Variables resolve in the editor (file name, date, selection…); offline we keep only a default.
        if (node.children) out += render(node.children, defaults, visiting);
        break;
    }
  }
  return out;
}

/**
 * The text a snippet inserts when every placeholder keeps its default.
 *
 * - `${1:default}` → `default` (nested placeholders expanded too); a later bare `$1` mirrors it.
 * - `${1|a,b|}` → `a`.
 * - `$1`, `${1}`, `$0` with no default anywhere → empty.
 * - `${VAR:default}` → `default`; `$VAR` / `${VAR}` and transforms → empty.
 * - `\$`, `\}`, `\\` → `$`, `}`, `\`.
 *
 * @param body A snippet body as in a `.code-snippets` / `snippets/*.json` file: one string or an array of lines.
 */
export function expandSnippetDefaults(body: string | string[]): string {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new SnippetParser(src).parseAll();
  const defaults = new Map<number, SnippetNode[] | string>();
  collectDefaults(nodes, defaults);
  return render(nodes, defaults, new Set());
}

/**
 * Loads the snippets Prep Loop contributes (`snippets/markdown.json`) for tests.
 * Shared so other suites (e.g. "every snippet expands to lint-clean text") reuse one loader.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the markdown snippets file. */
export const SNIPPETS_FILE = fileURLToPath(new URL('../../../snippets/markdown.json', import.meta.url));

/** One snippet, normalized: `prefix` and `body` are always arrays. */
export interface SnippetDef {
  /** The key in the snippets file (shown in the snippet picker). */
  name: string;
  prefix: string[];
  /** Body lines, as VS Code joins them with `\n`. */
  body: string[];
  description: string;
}

function asStringList(value: unknown, what: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new Error(`${what} must be a string or an array of strings`);
}

/**
 * Reads and validates `snippets/markdown.json`. Throws with the snippet name when an entry
 * is not an object with `prefix`, `body` and a `description` string.
 */
export function loadSnippets(): SnippetDef[] {
  const raw: unknown = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8'));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('snippets/markdown.json must hold an object of snippets');
  }
  return Object.entries(raw as Record<string, unknown>).map(([name, entry]) => {
    if (typeof entry !== 'object' || entry === null) throw new Error(`snippet "${name}" is not an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e.description !== 'string') throw new Error(`snippet "${name}" has no description`);
    return {
      name,
      prefix: asStringList(e.prefix, `snippet "${name}" prefix`),
      body: asStringList(e.body, `snippet "${name}" body`),
      description: e.description,
    };
  });
}

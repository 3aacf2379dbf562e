/**
 * Applying fixes: the one pure function the CLI, the tests and (through WorkspaceEdits that
 * mirror it) the extension share.
 */
import type { Finding, TextEdit } from './types';

/**
 * Applies edits to `text`. Edits are applied from the end backwards; an edit that overlaps one
 * already taken is skipped (and returned in `skipped`), so user text is never mangled.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const skipped: TextEdit[] = [];
  let out = text;
  let floor = Infinity;
  for (const e of sorted) {
    if (e.start < 0 || e.end > text.length || e.start > e.end || e.end > floor || (e.end === floor && e.start === e.end && e.start !== floor)) {
      skipped.push(e);
      continue;
    }
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    floor = e.start;
  }
  return { text: out, skipped };
}

/** Applies the preferred fix of every finding that has one (optionally of one rule only). */
export function applyFindingFixes(text: string, findings: readonly Finding[], ruleId?: string): string {
  return applyEdits(text, preferredFixEdits(findings, ruleId)).text;
}

/**
 * The edits of every finding's preferred fix (optionally of one rule only), duplicates dropped.
 * A finding whose first fix is `manual` has no preferred fix and is left alone. Overlapping edits
 * are left in: `applyEdits` skips them, and a second run picks them up.
 */
export function preferredFixEdits(findings: readonly Finding[], ruleId?: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (ruleId && f.ruleId !== ruleId) continue;
    const fix = f.fixes?.[0];
    if (!fix || fix.manual) continue;
    for (const e of fix.edits) {
      const key = `${e.start}:${e.end}:${e.newText}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edits.push(e);
    }
  }
  return edits;
}

/**
 * Applying fixes: the one pure function the CLI, the tests and (through WorkspaceEdits that
 * mirror it) the extension share.
 *
 * Fixes compose pass by pass. In one pass a fix is taken whole or not at all: a fix that overlaps
 * or touches a fix already taken, or edits a line one already edits (the same heading, the same
 * tag list), is deferred to the next pass, which re-lints the text first; a fix that would write a
 * hashtag its line already has is dropped. Re-linting and planning again until nothing is left
 * reaches a fixed point (see `fixUntilStable`).
 */
import { LineIndex, pushAll } from './text';
import type { Finding, Fix, TextEdit } from './types';

/**
 * Applies edits to `text`. Edits are applied from the end backwards; an edit that overlaps one
 * already taken is skipped (and returned in `skipped`), so user text is never mangled.
 * Prefer {@link planFixes} for findings' fixes: it takes or defers whole fixes.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const skipped: TextEdit[] = [];
  const parts: string[] = [];
  let floor = Infinity;
  let cursor = text.length;
  for (const e of sorted) {
    if (e.start < 0 || e.end > text.length || e.start > e.end || e.end > floor || (e.end === floor && e.start === e.end && e.start !== floor)) {
      skipped.push(e);
      continue;
    }
    parts.push(text.slice(e.end, cursor), e.newText);
    cursor = e.start;
    floor = e.start;
  }
  parts.push(text.slice(0, cursor));
  return { text: parts.reverse().join(''), skipped };
}

/** What one pass of fixing plans: the edits to apply now, and what was left and why. */
export interface FixPlan {
  /** Edits of the fixes taken whole this pass; they never overlap. */
  edits: TextEdit[];
  /** Fixes taken. */
  applied: Fix[];
  /** Fixes that clash with one taken this pass; the next pass (after a re-lint) may take them. */
  deferred: Fix[];
  /** Fixes never to apply: their edits are out of range or overlap each other, or they would write a tag the line already has. */
  dropped: Fix[];
}

/** The preferred fixes of findings (optionally of one rule), each once: replacements first, then insertions, each in document order. */
export function preferredFixes(findings: readonly Finding[], ruleId?: string): Fix[] {
  const out: Fix[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (ruleId && f.ruleId !== ruleId) continue;
    const fix = f.fixes?.[0];
    if (!fix || fix.manual || !fix.edits.length) continue;
    const key = fixKey(fix);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fix);
  }
  // Correct what the user wrote before adding to it: a typo fixed first (#metric → #metrics)
  // often makes an insertion (add an axis tag) unnecessary on the next pass.
  const inserts = (x: Fix) => x.edits.some((e) => e.start === e.end);
  return [...out.filter((x) => !inserts(x)), ...out.filter(inserts)];
}

/**
 * Plans one pass: takes whole fixes in order, defers those that overlap, touch or share a line
 * with a fix already taken, and drops those that would duplicate a tag or are malformed.
 */
export function planFixes(text: string, findings: readonly Finding[], ruleId?: string): FixPlan {
  const lines = new LineIndex(text);
  const plan: FixPlan = { edits: [], applied: [], deferred: [], dropped: [] };
  const takenLines = new Set<number>();
  const takenSpans: [number, number][] = [];
  for (const fix of preferredFixes(findings, ruleId)) {
    const edits = keepLineBreaks(text, fix.edits);
    if (!edits || !wellFormed(text, edits) || duplicatesTag(text, lines, edits)) {
      plan.dropped.push(fix);
      continue;
    }
    const fixLines = new Set<number>();
    for (const e of edits) {
      const last = lines.position(e.end).line;
      for (let l = lines.position(e.start).line; l <= last; l++) fixLines.add(l);
    }
    const clash = [...fixLines].some((l) => takenLines.has(l)) || edits.some((e) => takenSpans.some(([s, t]) => e.start <= t && s <= e.end));
    if (clash) {
      plan.deferred.push(fix);
      continue;
    }
    fixLines.forEach((l) => takenLines.add(l));
    for (const e of edits) takenSpans.push([e.start, e.end]);
    plan.applied.push(fix);
    pushAll(plan.edits, edits);
  }
  return plan;
}

/** Applies one pass of the preferred fix of every finding that has one (optionally of one rule only). */
export function applyFindingFixes(text: string, findings: readonly Finding[], ruleId?: string): string {
  return applyEdits(text, planFixes(text, findings, ruleId).edits).text;
}

/**
 * Fixes until nothing is left to fix: plan a pass, apply it, re-lint with `relint`, again. Stops
 * at a fixed point, when a text comes back (two rules undoing each other), or after `maxPasses`.
 */
export function fixUntilStable(
  text: string,
  findings: readonly Finding[],
  relint: (text: string) => readonly Finding[],
  maxPasses = 25,
): { text: string; findings: readonly Finding[]; passes: number; settled: boolean } {
  const seen = new Set([text]);
  let current = text;
  let currentFindings = findings;
  for (let pass = 0; pass < maxPasses; pass++) {
    const plan = planFixes(current, currentFindings);
    if (!plan.edits.length) return { text: current, findings: currentFindings, passes: pass, settled: true };
    const next = applyEdits(current, plan.edits).text;
    if (seen.has(next)) return { text: current, findings: currentFindings, passes: pass, settled: true };
    seen.add(next);
    current = next;
    currentFindings = relint(current);
  }
  return { text: current, findings: currentFindings, passes: maxPasses, settled: false };
}

/**
 * The edits of every finding's preferred fix (optionally of one rule only), whole fixes only: a
 * fix with an edit that overlaps or touches an edit of a fix taken before it is left out entirely
 * (a second run picks it up), so no fix is ever half applied. Use {@link planFixes} when the
 * text is at hand: it also keeps fixes on one line apart and never duplicates a tag.
 */
export function preferredFixEdits(findings: readonly Finding[], ruleId?: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const fix of preferredFixes(findings, ruleId)) {
    if (fix.edits.some((e) => edits.some((t) => e.start <= t.end && t.start <= e.end))) continue;
    pushAll(edits, fix.edits);
  }
  return edits;
}

/**
 * Sorted edits that never split a `\r\n`: an insertion between `\r` and `\n` (a rule that took
 * the line end as the `\n`) moves before the `\r`; a replacement that would cut the pair makes
 * the fix unusable (undefined).
 */
function keepLineBreaks(text: string, edits: readonly TextEdit[]): TextEdit[] | undefined {
  const splits = (o: number) => o > 0 && o < text.length && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
  const out: TextEdit[] = [];
  for (const e of edits) {
    if (e.start === e.end && splits(e.start)) out.push({ ...e, start: e.start - 1, end: e.end - 1 });
    else if (splits(e.start) || splits(e.end)) return undefined;
    else out.push(e);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

function fixKey(fix: Fix): string {
  return fix.edits
    .map((e) => `${e.start}:${e.end}:${e.newText}`)
    .sort()
    .join('|');
}

function wellFormed(text: string, sorted: readonly TextEdit[]): boolean {
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!(e.start >= 0 && e.end <= text.length && e.start <= e.end)) return false;
    const prev = sorted[i - 1];
    if (prev && (e.start < prev.end || (e.start === prev.end && (e.start === e.end || prev.start === prev.end)))) return false;
  }
  return true;
}

const HASHTAG = /(?<![\p{L}\p{N}_&#/\\])#(\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*)/gu;

/** Whether an edit writes a hashtag that its line already has outside the replaced text. */
function duplicatesTag(text: string, lines: LineIndex, edits: readonly TextEdit[]): boolean {
  for (const e of edits) {
    if (!e.newText.includes('#')) continue;
    const written = [...e.newText.matchAll(HASHTAG)].map((m) => m[1].toLowerCase());
    if (!written.length) continue;
    const first = lines.position(e.start).line;
    const last = lines.position(e.end).line;
    const kept = text.slice(lines.lineStart(first), e.start) + ' ' + text.slice(e.end, lines.lineEnd(last));
    const present = new Set([...kept.matchAll(HASHTAG)].map((m) => m[1].toLowerCase()));
    if (written.some((t) => present.has(t))) return true;
  }
  return false;
}

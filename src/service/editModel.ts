/**
 * Edits the extension builds on top of the core's fixes: inline disable comments, fix-all sets
 * that never overlap, and the edits of the Set Doc Loop, Tag Story and Move Story commands.
 * Pure: no `vscode` import; everything is offsets into the linted text.
 */
import { planFixes } from '../core/fix';
import { classify, type Lexicon } from '../core/lexicon';
import type { PrepDoc, Story } from '../core/parse';
import { addTagFix, retagFix, setDocLoopFix, storyProse } from '../core/rules/util';
import type { Axis, Finding, Fix, Loop, TextEdit } from '../core/types';

/** A fix the extension offers beside the core's. */
export interface ExtensionFix {
  title: string;
  edits: TextEdit[];
}

/**
 * "Disable this rule for this line": a `disable-line` comment at the end of the finding's first
 * line. Findings inside the front matter cannot take an HTML comment there (it would be YAML), so
 * they get a `disable` comment on the line after the closing `---`, which the core applies to the
 * front matter — and, being a file-level directive, to the rest of the file as well.
 */
export function disableFix(doc: PrepDoc, finding: Finding): ExtensionFix {
  const rule = finding.ruleId;
  const fm = doc.frontMatter;
  if (fm && finding.range.start.offset < fm.range.end.offset) {
    const closingLine = fm.range.end.line;
    const at = doc.lines.lineEnd(closingLine);
    const eol = doc.text.slice(at, at + 2) === '\r\n' ? '\r\n' : '\n';
    return { title: `Disable ${rule} for this file`, edits: [{ start: at, end: at, newText: `${eol}<!-- prep-loop-disable ${rule} -->` }] };
  }
  const line = finding.range.start.line;
  const at = doc.lines.lineEnd(line);
  const lineText = doc.lines.lineText(line);
  const existing = /<!--\s*prep-loop-disable-line\b([\s\S]*?)-->\s*$/.exec(lineText);
  if (existing) {
    // Add the rule to the comment already on the line instead of stacking a second one.
    const closeAt = doc.lines.lineStart(line) + existing.index + existing[0].lastIndexOf('-->');
    const before = doc.text.slice(doc.lines.lineStart(line) + existing.index, closeAt);
    const sep = /\s$/.test(before) ? '' : ' ';
    return { title: `Disable ${rule} for this line`, edits: [{ start: closeAt, end: closeAt, newText: `${sep}${rule} ` }] };
  }
  const sep = lineText.length && !/\s$/.test(lineText) ? ' ' : '';
  return { title: `Disable ${rule} for this line`, edits: [{ start: at, end: at, newText: `${sep}<!-- prep-loop-disable-line ${rule} -->` }] };
}

/**
 * "Disable this rule for this file": a `disable` comment right after the front matter (so the
 * YAML stays YAML), or on a line of its own at the top of a file without front matter.
 */
export function disableForFileFix(doc: PrepDoc, ruleId: string): ExtensionFix {
  const title = `Disable ${ruleId} for this file`;
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const fm = doc.frontMatter;
  if (fm) {
    const at = doc.lines.lineEnd(fm.range.end.line);
    return { title, edits: [{ start: at, end: at, newText: `${eol}<!-- prep-loop-disable ${ruleId} -->` }] };
  }
  return { title, edits: [{ start: 0, end: 0, newText: `<!-- prep-loop-disable ${ruleId} -->${eol}` }] };
}

/**
 * The preferred fix of every finding (of one rule, or all), as one set of edits that do not
 * overlap: a fix that clashes with one already taken is left, whole, for the next run, exactly
 * as `prep-loop lint --fix` plans a pass.
 */
export function fixAllEdits(text: string, findings: readonly Finding[], ruleId?: string): TextEdit[] {
  // Whole fixes only, never one that writes a tag the heading already has: the same plan as --fix.
  return planFixes(text, findings, ruleId).edits;
}

/**
 * The finding of a newer lint (`to`) that is the same problem as `finding` of an older one
 * (`from`), so a quick fix on a diagnostic shown for an older text edits the current one: the
 * same finding when the lint did not change, else the one with the same rule and message at the
 * same place among its look-alikes. Undefined when edits made that ambiguous.
 */
export function matchFinding(finding: Finding, from: readonly Finding[], to: readonly Finding[]): Finding | undefined {
  if (to.includes(finding)) return finding;
  const same = (f: Finding) => f.ruleId === finding.ruleId && f.message === finding.message;
  const before = from.filter(same);
  const after = to.filter(same);
  const i = before.indexOf(finding);
  return i !== -1 && before.length === after.length ? after[i] : undefined;
}

/**
 * The loop a story is for: its loop tag, else what its text reads as (mixed reads as hybrid),
 * else the doc's loop. Tag Story preselects it.
 */
export function inferStoryLoop(doc: PrepDoc, story: Story, lexicon?: Lexicon): Loop | undefined {
  if (story.loop) return story.loop;
  const c = classify(storyProse(doc, story).text, lexicon);
  if (c.loop === 'pm' || c.loop === 'po') return c.loop;
  if (c.loop === 'mixed') return 'hybrid';
  return doc.loop;
}

/** The story whose section holds an offset, if any. */
export function storyAt(doc: PrepDoc, offset: number): Story | undefined {
  return doc.stories.find((s) => offset >= s.range.start.offset && (offset < s.range.end.offset || (offset === s.range.end.offset && s.range.end.offset === doc.text.length)));
}

/** Set Doc Loop: the core's fix, or undefined when the front matter is broken. */
export function setLoopFix(doc: PrepDoc, loop: Loop): Fix | undefined {
  if (doc.loop === loop && doc.loopSource?.kind === 'front-matter') return { title: `The doc is already ${loop}`, edits: [] };
  const fix = setDocLoopFix(doc, loop);
  // The command sees the whole doc: no second blank line when the text already starts with one.
  if (fix && !doc.frontMatter && /^[ \t]*\r?\n/.test(doc.text)) return { ...fix, edits: fix.edits.map((e) => (e.start === 0 ? { ...e, newText: e.newText.replace(/\n\n$/, '\n') } : e)) };
  return fix;
}

/** Tag Story: set the story's loop tag (retag the first one, or add) and add the axis tag if missing. */
export function tagStoryEdits(doc: PrepDoc, story: Story, choice: { loop?: Loop; axis?: Axis }): TextEdit[] {
  const edits: TextEdit[] = [];
  const adds: string[] = [];
  if (choice.loop) {
    const current = story.loopTags[0];
    if (current && current.name !== choice.loop) edits.push(...retagFix(doc, current, choice.loop).edits);
    else if (!current) adds.push(choice.loop);
  }
  if (choice.axis && !story.axisTags.some((t) => t.name === choice.axis)) adds.push(choice.axis);
  if (adds.length) {
    const at = addTagFix(story, adds[0]).edits[0].start;
    const newText = adds.map((t) => ` #${t}`).join('');
    const touching = edits.find((e) => e.end === at);
    // One edit where a retag ends right where the new tags go: touching edits are ambiguous to apply.
    if (touching) touching.newText += newText;
    else edits.push({ start: at, end: at, newText });
  }
  return edits;
}

/** Move Story: the story's whole section text, and how to append it to another doc's text. */
export function storyBlock(doc: PrepDoc, story: Story): { start: number; end: number; text: string } {
  const start = story.range.start.offset;
  const end = story.range.end.offset;
  return { start, end, text: doc.text.slice(start, end) };
}

export { appendBlock } from './append';

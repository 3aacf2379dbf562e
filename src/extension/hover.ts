/** Hovers on loop/axis tags (what that loop drills) and on domain terms, in prep docs only. */
import * as vscode from 'vscode';
import { tagHover, termAt } from '../core/glossary';
import { storyLengthHover } from '../core/story-text';
import type { Linter } from './diagnostics';
import { toRange } from './convert';

/** Hover provider backed by the core glossary and the linter's lint of the current version. */
export class PrepHover implements vscode.HoverProvider {
  constructor(private readonly linter: Linter) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const lint = await this.linter.current(document);
    const doc = lint?.result.doc;
    if (!doc?.isPrepDoc || token.isCancellationRequested || lint?.version !== document.version) return undefined;
    const offset = document.offsetAt(position);
    const tags = [...doc.hashtags, ...doc.sections.flatMap((s) => s.tags)];
    const tag = tags.find((t) => t.kind !== 'other' && offset >= t.range.start.offset && offset < t.range.end.offset);
    if (tag) {
      const md = tagHover(tag.name);
      if (md) return new vscode.Hover(new vscode.MarkdownString(md), toRange(tag.range));
    }
    // A story heading: how long the story takes to tell.
    const spoken = storyLengthHover(doc, offset);
    if (spoken) return new vscode.Hover(new vscode.MarkdownString(spoken.markdown), toRange(spoken.story.heading.range));
    // Terms in prose only: code, HTML and link targets are blanked in `doc.prose`.
    const lineStart = doc.lines.lineStart(position.line);
    const proseLine = doc.prose.slice(lineStart, doc.lines.lineEnd(position.line));
    const hit = termAt(proseLine, position.character);
    if (!hit) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(hit.entry.markdown), new vscode.Range(position.line, hit.start, position.line, hit.end));
  }
}

/**
 * The Prep Loop service: one editor-free object, built from a host (file system, settings,
 * logger), that owns per-document state by URI and version and answers every question an
 * editor asks: diagnostics, quick fixes, fix-all, hover, outline, completion, folding, status,
 * workspace scans and the edits of the commands. The language server routes LSP requests here;
 * the tests call it directly.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position as LspPosition,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { buildCoverage, loopGaps, type Coverage } from '../core/coverage';
import { criteriaElsewhere, criteriaSummary, elsewhereFor, elsewhereKey, storyName, type CriteriaSummary, type Elsewhere } from '../core/elsewhere';
import { IncrementalLinter } from '../core/incremental';
import { classifyJobDescription } from '../core/jd';
import { lexiconFor } from '../core/lint';
import type { PrepDoc, Story } from '../core/parse';
import { RULES } from '../core/rules/index';
import { loopName } from '../core/rules/util';
import { tagHover, termAt } from '../core/glossary';
import { kindHover } from '../core/sections';
import { DEFAULT_WORDS_PER_MINUTE, storyLengthHover } from '../core/story-text';
import { LineIndex } from '../core/text';
import { AXES, LOOPS, type Axis, type Finding, type Loop, type SingleLoop } from '../core/types';
import { quickFixes, type QuickFixPlan } from './codeActionModel';
import { Contexts, isConfigFile, type DocContext } from './context';
import { appendBlock, fixAllEdits, inferStoryLoop, matchFinding, setLoopFix, storyAt, storyBlock, tagStoryEdits } from './editModel';
import { MARKDOWN_GLOB, type ServiceDocument, type ServiceHost } from './host';
import { globLoopFor, lintForEditor, parseForEditor, skippedUnread, type EditorLint } from './lintModel';
import { dataOf, noteToDiagnostic, ruleIdOf, SOURCE, toDiagnostic, toLspEdits, toLspRange } from './lsp';
import { jdPrepDoc, type JdPrepDoc } from './jdDocModel';
import { jdReport } from './reports';
import { drillStrength, practiceCards, storyCardId, type PracticeCard } from '../core/practice';
import type { DrillId } from '../core/lexicon';
import { summarize, type FileSummary, type PrepSummary } from './scanModel';
import { prepOutline, statusOf } from './statusModel';
import { decodePath, shortPath } from './uri';

/** The kind of the fix-all source action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.prep-loop`;

/** The analysis of one version of a document under one configuration generation. */
export interface Analysis {
  uri: string;
  version: number;
  generation: number;
  ctx: DocContext;
  result: EditorLint;
  lines: LineIndex;
  /** The `elsewhere` input it was linted with (`elsewhereKey`: '' for none). */
  elsewhere: string;
  /** That input itself (for the hover that says where a story's criteria are). */
  elsewhereInput?: Elsewhere;
  /** The sibling generation it was last checked against (see `PrepService.siblingsChanged`). */
  siblings: number;
}

/** A prep doc of the workspace with its summary. */
export interface ScannedDoc {
  uri: string;
  prep: PrepSummary;
}

/** Counters of the workspace scan cache (for tests). */
export interface ScanStats {
  reads: number;
  summaries: number;
  skippedUnread: number;
  cached: number;
}

/** What a status bar shows for a document. */
export interface DocStatus {
  isPrepDoc: boolean;
  loop?: Loop;
  /** Undefined for plain markdown (nothing to show). */
  text?: string;
  tooltip?: string;
  skipped: boolean;
}

/** How code actions identify commands the client runs. */
export interface CommandIds {
  /** Opens a rule's docs page; argument: the rule id. */
  showDocs: string;
  /** Moves a story to a doc of its loop; argument `{ uri, offset }`. Undefined: not offered. */
  moveStory?: string;
}

interface ScanEntry {
  stamp: string;
  generation: number;
  summary: FileSummary;
}

const MAX_SCAN_FILES = 5000;
const TAG_CHARS = /[\p{L}\p{N}_-]/u;
const DIRECTIVE_BEFORE = /<!--\s*prep-loop-(?:disable-next-line|disable-line|disable|enable)\b([^>]*?)([\w-]*)$/;
const TAGS_LINE = /^[ \t]*(?:[-*+][ \t]+)?[*_]{0,2}tags[*_]{0,2}[ \t]*:/i;

/** A markdown file name. */
const MARKDOWN_NAME = /\.(?:md|markdown)$/i;

/** The folder (URI) a URI is in. */
function parentOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

/** The service. */
export class PrepService {
  readonly contexts: Contexts;
  private readonly documents = new Map<string, ServiceDocument>();
  private readonly analyses = new Map<string, Analysis>();
  /** The analysis whose diagnostics a client shows, per document (for matching diagnostics back to findings). */
  private readonly shownAnalyses = new Map<string, Analysis>();
  private readonly scan = new Map<string, ScanEntry>();
  /** Per open document: the incremental linter for its current context and `elsewhere` input (a new one of either, a new linter). */
  private readonly linters = new Map<string, { ctx: DocContext; elsewhere: string; linter: IncrementalLinter }>();
  /** Criteria summaries of files (`core/elsewhere.ts`), for their siblings' lints. */
  private readonly criteria = new Map<string, { stamp: string; generation: number; summary: CriteriaSummary | undefined }>();
  /** The workspace's markdown files, listed once until files are created or deleted. */
  private listing?: Promise<string[]>;
  /** What `listing` gave, once it did. */
  private listed?: Set<string>;
  /** Bumped when any document or file may have changed what it offers its siblings. */
  private siblingGen = 0;
  private readonly counters = { reads: 0, summaries: 0, skippedUnread: 0 };

  constructor(
    readonly host: ServiceHost,
    private readonly commands: CommandIds = { showDocs: 'prepLoop._showRuleDocs', moveStory: 'prepLoop.moveStory' },
  ) {
    this.contexts = new Contexts(host);
  }

  // ---- documents -------------------------------------------------------------------------

  /** Tells the service a document is open (or changed): its text is now the truth, not the disk's. */
  openOrChange(doc: ServiceDocument): void {
    // A file the listing does not know (created since): the listing is out of date.
    if (this.listed && !this.listed.has(doc.uri) && MARKDOWN_NAME.test(doc.uri)) this.filesChanged();
    this.documents.set(doc.uri, doc);
    this.siblingGen++;
  }

  /**
   * A markdown file changed on disk, or was created or deleted (`listing`: the folder listing is
   * read again): its siblings' analyses check what it offers again.
   */
  filesChanged(listing = true): void {
    if (listing) {
      this.listing = undefined;
      this.listed = undefined;
    }
    this.siblingGen++;
  }

  /** The open markdown documents in the same folder as `uri` (whose lint may read it as a sibling). */
  openSiblings(uri: string): string[] {
    const folder = parentOf(uri);
    return [...this.documents.keys()].filter((u) => u !== uri && parentOf(u) === folder && MARKDOWN_NAME.test(u));
  }

  /** Forgets an open document (the disk is the truth again). */
  close(uri: string): void {
    this.siblingGen++;
    this.documents.delete(uri);
    this.analyses.delete(uri);
    this.shownAnalyses.delete(uri);
    this.linters.delete(uri);
  }

  /** The open document with this URI. */
  document(uri: string): ServiceDocument | undefined {
    return this.documents.get(uri);
  }

  /** The open documents. */
  openDocuments(): ServiceDocument[] {
    return [...this.documents.values()];
  }

  /** A settings or config file change: every context and analysis is stale. */
  invalidateConfig(): void {
    this.contexts.invalidate();
  }

  /** The analysis of a document's current version, if it was computed already under the current configuration. */
  peek(doc: ServiceDocument): Analysis | undefined {
    const hit = this.analyses.get(doc.uri);
    return hit && hit.version === doc.version && hit.generation === this.contexts.generation && hit.siblings === this.siblingGen ? hit : undefined;
  }

  /**
   * The analysis of a document's current version: the one computed already, else computed now
   * (after its context resolves). Undefined when the document closed or changed meanwhile.
   */
  async analyze(doc: ServiceDocument): Promise<Analysis | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const hit = this.peek(doc);
      if (hit) return hit;
      const generation = this.contexts.generation;
      const version = doc.version;
      const siblings = this.siblingGen;
      const ctx = await this.contexts.forUri(doc.uri);
      const elsewhere = await this.elsewhereOf(doc.uri);
      if (this.contexts.generation !== generation) continue;
      const current = this.documents.get(doc.uri) ?? doc;
      if (current.version !== version) return undefined;
      const key = elsewhereKey(elsewhere);
      // The siblings changed but offer the same: the analysis stands (and is not published again).
      const known = this.analyses.get(doc.uri);
      if (known && known.version === version && known.generation === generation && known.elsewhere === key) {
        known.siblings = Math.max(known.siblings, siblings);
        return known;
      }
      return this.peek(current) ?? this.compute(current, ctx, generation, elsewhere, siblings);
    }
    return undefined;
  }

  private compute(doc: ServiceDocument, ctx: DocContext, generation: number, elsewhere: Elsewhere | undefined, siblings: number): Analysis {
    const text = doc.getText();
    let lines: LineIndex | undefined;
    const key = elsewhereKey(elsewhere);
    const a: Analysis = {
      uri: doc.uri,
      version: doc.version,
      generation,
      ctx,
      elsewhere: key,
      ...(elsewhere ? { elsewhereInput: elsewhere } : {}),
      siblings,
      result: lintForEditor(text, ctx, this.linterFor(doc.uri, ctx, elsewhere, key), elsewhere),
      // Built on first use: publishing diagnostics after a keystroke does not need it.
      get lines() {
        lines ??= new LineIndex(text);
        return lines;
      },
    };
    if (this.documents.has(doc.uri)) this.analyses.set(doc.uri, a);
    return a;
  }

  /** The incremental linter of an open document under `ctx`; undefined for a document that is not open. */
  private linterFor(uri: string, ctx: DocContext, elsewhere: Elsewhere | undefined, key: string): IncrementalLinter | undefined {
    if (!this.documents.has(uri)) return undefined;
    const known = this.linters.get(uri);
    if (known?.ctx === ctx && known.elsewhere === key) return known.linter;
    const globLoop = globLoopFor(ctx);
    const linter = new IncrementalLinter({ config: ctx.config, ...(globLoop ? { globLoop } : {}), ...(elsewhere ? { elsewhere } : {}) });
    this.linters.set(uri, { ctx, elsewhere: key, linter });
    return linter;
  }

  /**
   * What the other prep docs of the document's folder hold (acceptance criteria by story, see
   * `core/elsewhere.ts`): open documents as they are in the editor, the others from disk. Every
   * place is passed (the document itself changes with each keystroke, so it is not summarised).
   */
  private async elsewhereOf(uri: string): Promise<Elsewhere | undefined> {
    if (!MARKDOWN_NAME.test(uri)) return undefined;
    const folder = parentOf(uri);
    if (!this.listing) {
      const listing = this.markdownFiles();
      this.listing = listing;
      void listing.then((l) => {
        if (this.listing === listing) this.listed = new Set(l);
      });
    }
    const siblings = new Set((await this.listing).filter((u) => u !== uri && parentOf(u) === folder));
    for (const u of this.openSiblings(uri)) siblings.add(u);
    if (!siblings.size) return undefined;
    const out: { file: string; summary: CriteriaSummary | undefined }[] = [];
    for (const u of [...siblings].sort()) out.push({ file: decodePath(u.slice(folder.length + 1)), summary: await this.criteriaOf(u) });
    return elsewhereFor('any', out, decodePath(uri.slice(folder.length + 1)));
  }

  /** A file's criteria summary, from the cache while its open version or disk stamp is the same. */
  private async criteriaOf(uri: string): Promise<CriteriaSummary | undefined> {
    const generation = this.contexts.generation;
    const open = this.documents.get(uri);
    const stat = open ? undefined : await this.host.fs.stat(uri);
    if (!open && !stat) {
      this.criteria.delete(uri);
      return undefined;
    }
    const stamp = open ? `open:${open.version}` : `disk:${stat!.mtime}:${stat!.size}`;
    const hit = this.criteria.get(uri);
    if (hit && hit.stamp === stamp && hit.generation === generation) return hit.summary;
    const ctx = await this.contexts.forUri(uri);
    const text = open ? open.getText() : stat!.size <= ctx.config.maxFileSize ? await this.host.fs.readFile(uri) : undefined;
    const doc = text === undefined ? undefined : parseForEditor(text, ctx).doc;
    const summary = doc?.isPrepDoc ? criteriaSummary(doc, lexiconFor(ctx.config.lexicon)) : undefined;
    this.criteria.set(uri, { stamp, generation, summary });
    return summary;
  }

  /** Remembers which analysis a client now shows for a document. */
  markShown(a: Analysis): void {
    if (this.documents.has(a.uri)) this.shownAnalyses.set(a.uri, a);
  }

  // ---- diagnostics -----------------------------------------------------------------------

  /**
   * The diagnostics of an analysis: one per finding, one per kind of simplification the parse
   * guard made, plus the note of a skipped file when the user should see it.
   */
  diagnostics(a: Analysis): Diagnostic[] {
    const out = a.result.findings.map((f, index) => toDiagnostic(a.uri, f, { version: a.version, index }));
    const r = a.result;
    for (const n of r.notes ?? []) out.push(noteToDiagnostic(n));
    if (r.skipped && r.showSkipped) {
      out.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: a.lines.lineText(0).length } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: r.skipped });
    }
    return out;
  }

  /** The diagnostics of a config file's problems (one per bad value), undefined when it cannot be read. */
  async configDiagnostics(uri: string): Promise<Diagnostic[] | undefined> {
    const found = await this.contexts.configProblems(uri);
    if (!found) return undefined;
    const lines = new LineIndex(found.text);
    return found.problems.map((p) => ({ range: toLspRange(lines.range(p.start, p.end)), severity: DiagnosticSeverity.Warning, source: SOURCE, message: p.message }));
  }

  /**
   * The finding behind a diagnostic a client sent back, in terms of `a` (the current analysis):
   * by its data (version + index) when that analysis is known, matched to the same problem of
   * the current text when the text moved on since it was shown.
   */
  findingFor(d: Diagnostic, a: Analysis): Finding | undefined {
    const rule = ruleIdOf(d);
    if (!rule) return undefined;
    const data = dataOf(d);
    const shown = this.shownAnalyses.get(a.uri);
    const origin = data?.version === a.version ? a : data && shown?.version === data.version ? shown : undefined;
    let finding = origin && data ? origin.result.findings[data.index] : undefined;
    if (finding && (finding.ruleId !== rule || finding.message !== d.message)) finding = undefined;
    if (!finding || !origin) {
      // No usable data (a client that drops it): the current finding with the same rule, message and range.
      return a.result.findings.find((f) => f.ruleId === rule && f.message === d.message && f.range.start.line === d.range.start.line && f.range.start.column === d.range.start.character);
    }
    return matchFinding(finding, origin.result.findings, a.result.findings);
  }

  // ---- code actions ----------------------------------------------------------------------

  /**
   * Code actions: per diagnostic of ours, its quick fixes (codeActionModel.ts); the
   * `source.fixAll.prep-loop` action when asked for by kind. Respects `only`.
   */
  async codeActions(doc: ServiceDocument, diagnostics: readonly Diagnostic[], only?: readonly string[]): Promise<CodeAction[]> {
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const quick = wants(CodeActionKind.QuickFix) && diagnostics.some((d) => ruleIdOf(d));
    const source = !!only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`));
    if (!quick && !source) return [];
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    if (!a || !pdoc) return [];
    const actions: CodeAction[] = [];
    if (quick) {
      const seen = { fixAll: new Set<string>(), docs: new Set<string>() };
      for (const d of diagnostics) {
        const finding = this.findingFor(d, a);
        if (!finding) continue;
        for (const plan of quickFixes(pdoc, a.result.findings, finding, seen)) {
          const action = this.toAction(a, plan, d, diagnostics);
          if (action) actions.push(action);
        }
      }
    }
    if (source) {
      const edits = fixAllEdits(pdoc.text, a.result.findings);
      if (edits.length) actions.push({ title: 'Fix all Prep Loop problems', kind: FIX_ALL_KIND, edit: { changes: { [a.uri]: toLspEdits(a.lines, edits) } } });
    }
    return actions;
  }

  private toAction(a: Analysis, plan: QuickFixPlan, d: Diagnostic, all: readonly Diagnostic[]): CodeAction | undefined {
    const edit = (edits: Parameters<typeof toLspEdits>[1]): WorkspaceEdit => ({ changes: { [a.uri]: toLspEdits(a.lines, edits) } });
    const action: CodeAction = { title: plan.title, kind: CodeActionKind.QuickFix };
    switch (plan.kind) {
      case 'fix':
        action.edit = edit(plan.edits);
        if (plan.preferred) action.isPreferred = true;
        break;
      case 'fixAll':
      case 'disable':
        action.edit = edit(plan.edits);
        break;
      case 'move':
        if (!this.commands.moveStory) return undefined;
        action.command = { command: this.commands.moveStory, title: plan.title, arguments: [{ uri: a.uri, offset: plan.offset }] };
        break;
      case 'docs':
        action.command = { command: this.commands.showDocs, title: plan.title, arguments: [plan.ruleId] };
        break;
    }
    if (plan.diagnostics === 'this') action.diagnostics = [d];
    else if (plan.diagnostics === 'rule') action.diagnostics = all.filter((x) => ruleIdOf(x) === ruleIdOf(d));
    return action;
  }

  // ---- hover, outline, folding, completion ---------------------------------------------------

  /** Hovers on loop/axis tags (what that loop drills) and on domain terms, in prep docs only. */
  async hover(doc: ServiceDocument, pos: LspPosition): Promise<Hover | undefined> {
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    if (!a || !pdoc?.isPrepDoc) return undefined;
    const offset = pdoc.lines.lineStart(pos.line) + pos.character;
    const tags = [...pdoc.hashtags, ...pdoc.sections.flatMap((s) => s.tags)];
    const tag = tags.find((t) => t.kind !== 'other' && offset >= t.range.start.offset && offset < t.range.end.offset);
    if (tag) {
      const md = tagHover(tag.name);
      if (md) return { contents: { kind: MarkupKind.Markdown, value: md }, range: toLspRange(tag.range) };
    }
    // Terms in prose only: code, HTML and link targets are blanked in `doc.prose`.
    const lineStart = pdoc.lines.lineStart(pos.line);
    const proseLine = pdoc.prose.slice(lineStart, pdoc.lines.lineEnd(pos.line));
    const hit = termAt(proseLine, pos.character);
    if (!hit) {
      // On a user story whose criteria another file of the folder holds: where they are.
      const story = a.elsewhereInput && pdoc.artifacts.userStories.find((u) => !u.criteria.length && offset >= u.range.start.offset && offset < u.range.end.offset);
      const place = story ? criteriaElsewhere(a.elsewhereInput, storyName(pdoc, story)) : undefined;
      if (story && place) {
        const n = `${place.count} acceptance criteri${place.count === 1 ? 'on' : 'a'}`;
        return { contents: { kind: MarkupKind.Markdown, value: `**Acceptance criteria elsewhere:** ${n} for this story in \`${place.file}\`, line ${place.line + 1}, under a heading that names it.` }, range: toLspRange(story.range) };
      }
      // Elsewhere on a story-level heading: what Prep Loop takes the section for, and why; on a
      // story's heading also how long it takes to tell, at the pace the `story-length` rule uses.
      const section = pdoc.sections.find((s) => s.heading && s.heading.range.start.line === pos.line);
      const spoken = section?.heading ? storyLengthHover(pdoc, section.heading.range.start.offset, wordsPerMinute(a.ctx)) : undefined;
      const parts = [section?.heading && section.kindReason ? kindHover(section.kind, section.kindReason) : undefined, spoken?.markdown].filter((p): p is string => !!p);
      if (!section?.heading || !parts.length) return undefined;
      return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: toLspRange(section.heading.range) };
    }
    return { contents: { kind: MarkupKind.Markdown, value: hit.entry.markdown }, range: { start: { line: pos.line, character: hit.start }, end: { line: pos.line, character: hit.end } } };
  }

  /**
   * The Prep outline: one "Prep stories" root with the stories (and their tags) and artifacts.
   * Ranges: each item from its heading to its last non-blank line (so sticky scroll and
   * breadcrumbs pin the story's own heading, not the next one's blank lines); the root from the
   * first item's heading to the last item's end, selected on the first heading.
   */
  async symbols(doc: ServiceDocument): Promise<DocumentSymbol[]> {
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    const root = pdoc ? prepOutline(pdoc) : undefined;
    if (!pdoc || !root) return [];
    const items = root.items.map((item) => ({ item, range: trimmedRange(pdoc, item.section) }));
    const first = items[0].range;
    const last = items[items.length - 1].range;
    return [
      {
        name: root.name,
        detail: root.detail,
        kind: SymbolKind.Namespace,
        range: { start: first.start, end: last.end },
        selectionRange: toLspRange(root.items[0].section.heading?.range ?? root.range),
        children: items.map(({ item, range }) => ({
          name: item.name,
          detail: item.detail,
          kind: item.kind === 'story' ? SymbolKind.Event : SymbolKind.Struct,
          range,
          selectionRange: toLspRange(item.section.heading?.range ?? item.section.range),
        })),
      },
    ];
  }

  /** Folding of stories and artifacts: from the heading to the last non-blank line of the section. */
  async folding(doc: ServiceDocument): Promise<FoldingRange[]> {
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    if (!pdoc?.isPrepDoc) return [];
    const out: FoldingRange[] = [];
    for (const s of pdoc.sections) {
      if (!s.heading || (s.kind !== 'story' && s.kind !== 'artifact')) continue;
      const startLine = s.range.start.line;
      let endLine = s.range.end.column === 0 ? s.range.end.line - 1 : s.range.end.line;
      while (endLine > startLine && !pdoc.lines.lineText(endLine).trim()) endLine--;
      if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region, collapsedText: s.heading.text });
    }
    return out;
  }

  /**
   * Completion: loop and axis tags after `#` in a heading or a `Tags:` line of a prep doc;
   * `loop:` values in the front matter; rule ids in disable/enable comments.
   */
  async completion(doc: ServiceDocument, pos: LspPosition): Promise<CompletionItem[]> {
    const text = doc.getText();
    const lines = this.peek(doc)?.lines ?? new LineIndex(text);
    const lineText = lines.lineText(pos.line);
    const before = lineText.slice(0, pos.character);
    const replace = (from: number): LspRange => ({ start: { line: pos.line, character: from }, end: pos });

    const directive = DIRECTIVE_BEFORE.exec(before);
    if (directive) {
      const from = pos.character - directive[2].length;
      const listed = new Set(directive[1].split(/[\s,]+/).filter(Boolean));
      return RULES.filter((r) => !listed.has(r.id)).map((r, i) => ({
        label: r.id,
        kind: CompletionItemKind.Value,
        detail: r.description,
        documentation: { kind: MarkupKind.Markdown, value: `${r.description}. Default: \`${r.defaultSeverity}\`.` },
        sortText: String(i).padStart(3, '0'),
        textEdit: { range: replace(from), newText: r.id },
      }));
    }

    const fmEnd = frontMatterEndLine(lines);
    if (fmEnd !== undefined && pos.line > 0 && pos.line < fmEnd) {
      const m = /^loop[ \t]*:[ \t]*([\w-]*)$/.exec(before);
      if (!m) return [];
      const from = pos.character - m[1].length;
      return LOOPS.map((l, i) => ({
        label: l,
        kind: CompletionItemKind.EnumMember,
        detail: `${loopName(l)} loop`,
        documentation: { kind: MarkupKind.Markdown, value: tagHover(l) ?? '' },
        sortText: String(i),
        textEdit: { range: replace(from), newText: l },
      }));
    }

    const tag = /(?:^|[\s(,])#([\p{L}\p{N}_-]*)$/u.exec(before);
    if (!tag) return [];
    const heading = /^ {0,3}#{1,6}[ \t]/.test(lineText) && before.replace(/^ {0,3}#{1,6}[ \t]+/, '').length > 0;
    if (!heading && !TAGS_LINE.test(lineText)) return [];
    if (pos.character < lineText.length && TAG_CHARS.test(lineText[pos.character])) return [];
    const a = await this.analyze(doc);
    if (!a?.result.doc?.isPrepDoc) return [];
    const from = pos.character - tag[1].length - 1;
    const names: { name: string; kind: 'loop' | 'axis' }[] = [...LOOPS.map((n) => ({ name: n, kind: 'loop' as const })), ...AXES.map((n) => ({ name: n, kind: 'axis' as const }))];
    const present = new Set(lineText.toLowerCase().match(/#[\p{L}\p{N}_-]+/gu) ?? []);
    return names
      .filter((n) => !present.has(`#${n.name}`) || `#${n.name}` === `#${tag[1].toLowerCase()}`)
      .map((n, i) => ({
        label: `#${n.name}`,
        kind: n.kind === 'loop' ? CompletionItemKind.EnumMember : CompletionItemKind.Keyword,
        detail: n.kind === 'loop' ? `${loopName(n.name as Loop)} loop tag` : 'axis tag',
        documentation: { kind: MarkupKind.Markdown, value: tagHover(n.name) ?? '' },
        filterText: `#${n.name}`,
        sortText: String(i).padStart(2, '0'),
        textEdit: { range: replace(from), newText: `#${n.name}` },
      }));
  }

  // ---- status ------------------------------------------------------------------------------

  /** What the status bar shows for an analysis. */
  status(a: Analysis | undefined): DocStatus {
    const r = a?.result;
    // The overview, not `doc`: after a keystroke only the overview is at hand without a full parse.
    const overview = r?.overview;
    const s = r ? statusOf(overview, r.showSkipped ? r.skipped : undefined) : undefined;
    return {
      isPrepDoc: !!overview?.doc.isPrepDoc,
      ...(overview?.doc.loop ? { loop: overview.doc.loop } : {}),
      ...(s ? { text: s.text, tooltip: s.tooltip } : {}),
      skipped: !!r?.skipped,
    };
  }

  // ---- the workspace -----------------------------------------------------------------------

  /** Lints a file from disk (it is not open): undefined when it cannot be read. */
  async lintFile(uri: string): Promise<Analysis | undefined> {
    const generation = this.contexts.generation;
    const stat = await this.host.fs.stat(uri);
    if (!stat) return undefined;
    const siblings = this.siblingGen;
    const ctx = await this.contexts.forUri(uri);
    const elsewhere = await this.elsewhereOf(uri);
    const checked = await this.check(uri, stat.size, ctx, (text, c) => lintForEditor(text, c, undefined, elsewhere));
    if (!checked) return undefined;
    this.scan.set(uri, { stamp: `disk:${stat.mtime}:${stat.size}`, generation, summary: summarize(shortPath(uri, this.host.folders()), checked.result, ctx) });
    return { uri, version: -1, generation, ctx, result: checked.result, lines: checked.lines, elsewhere: elsewhereKey(elsewhere), siblings };
  }

  /** The summary of one file, from the cache when it did not change. */
  async summary(uri: string): Promise<FileSummary | undefined> {
    const generation = this.contexts.generation;
    const open = this.documents.get(uri);
    const hit = this.scan.get(uri);
    if (open) {
      const stamp = `open:${open.version}`;
      if (hit && hit.stamp === stamp && hit.generation === generation) return hit.summary;
      const a = await this.analyze(open);
      if (!a) return undefined;
      this.counters.summaries++;
      return this.remember(uri, `open:${a.version}`, a.generation, summarize(shortPath(uri, this.host.folders()), a.result, a.ctx));
    }
    const stat = await this.host.fs.stat(uri);
    if (!stat) {
      this.scan.delete(uri);
      return undefined;
    }
    const stamp = `disk:${stat.mtime}:${stat.size}`;
    if (hit && hit.stamp === stamp && hit.generation === generation) return hit.summary;
    const ctx = await this.contexts.forUri(uri);
    const checked = await this.check(uri, stat.size, ctx, parseForEditor);
    if (!checked) return undefined;
    return this.remember(uri, stamp, generation, summarize(shortPath(uri, this.host.folders()), checked.result, ctx));
  }

  /** The workspace's markdown files, sorted. */
  async markdownFiles(): Promise<string[]> {
    const uris = (await this.host.fs.findFiles(MARKDOWN_GLOB)).filter((u) => !isConfigFile(u)).slice(0, MAX_SCAN_FILES);
    return uris.sort();
  }

  /** The prep docs of the workspace (only changed files are read again). */
  async prepDocs(isCancelled: () => boolean = () => false): Promise<ScannedDoc[]> {
    const uris = await this.markdownFiles();
    const listed = new Set(uris);
    for (const key of this.scan.keys()) if (!listed.has(key) && !this.documents.has(key)) this.scan.delete(key);
    const out: ScannedDoc[] = [];
    for (const uri of uris) {
      if (isCancelled()) break;
      const s = await this.summary(uri);
      if (s?.prep) out.push({ uri, prep: s.prep });
    }
    return out;
  }

  /**
   * Coverage over the workspace's prep docs, with its gaps and the docs themselves (URI, label,
   * loop, story count) so a client can open a story (`coverage.stories[i].file` is a doc's `file`)
   * or put a new one in a doc of the right loop.
   */
  async coverage(): Promise<{ coverage: Coverage; gaps: ReturnType<typeof loopGaps>; docs: { uri: string; file: string; loop?: Loop; stories: number }[] }> {
    const docs = await this.prepDocs();
    const coverage = buildCoverage(docs.map((d) => d.prep.coverage));
    return {
      coverage,
      gaps: loopGaps(coverage),
      docs: docs.map((d) => ({ uri: d.uri, file: d.prep.coverage.file, ...(d.prep.loop ? { loop: d.prep.loop } : {}), stories: d.prep.stories.length })),
    };
  }

  /**
   * What Practice Today schedules for some loops: the bank's questions and the workspace's stories
   * as cards, how many stories cover each drill, where each story sits and which story answers
   * which question. Unanswered drill skeletons are not stories, so they are no cards either.
   */
  async practiceCards(loops: readonly SingleLoop[]): Promise<{ cards: PracticeCard[]; strength: Partial<Record<DrillId, number>>; places: Record<string, { uri: string; range: LspRange }>; answeredBy: Record<string, string> }> {
    const docs = await this.prepDocs();
    const coverage = buildCoverage(docs.map((d) => d.prep.coverage));
    const places: Record<string, { uri: string; range: LspRange }> = {};
    const answeredBy: Record<string, string> = {};
    for (const d of docs) {
      // `prep.stories` and `prep.coverage.stories` are the doc's stories in the same order.
      d.prep.coverage.stories.forEach((s, i) => {
        const id = storyCardId(s.file, s.title);
        const heading = d.prep.stories[i]?.range;
        if (heading && !(id in places)) places[id] = { uri: d.uri, range: toLspRange(heading) };
        for (const q of s.answers) if (!(q in answeredBy)) answeredBy[q] = id;
      });
    }
    return { cards: practiceCards(coverage, loops), strength: drillStrength(coverage), places, answeredBy };
  }

  /** Counters of the scan cache. */
  scanStats(): ScanStats {
    return { ...this.counters, cached: this.scan.size };
  }

  private async check(uri: string, size: number, ctx: DocContext, check: (text: string, ctx: DocContext) => EditorLint): Promise<{ result: EditorLint; lines: LineIndex } | undefined> {
    this.counters.summaries++;
    if (size > ctx.config.maxFileSize) {
      this.counters.skippedUnread++;
      return { result: skippedUnread(size, ctx), lines: new LineIndex('') };
    }
    const text = await this.host.fs.readFile(uri);
    if (text === undefined) return undefined;
    this.counters.reads++;
    return { result: check(text, ctx), lines: new LineIndex(text) };
  }

  private remember(uri: string, stamp: string, generation: number, summary: FileSummary): FileSummary {
    this.scan.set(uri, { stamp, generation, summary });
    return summary;
  }

  // ---- command edits ---------------------------------------------------------------------

  /** Set Doc Loop: the edits, or why not. */
  async setDocLoop(doc: ServiceDocument, loop: Loop | undefined): Promise<{ edits?: LspTextEdit[]; current?: Loop; message?: string }> {
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    if (!a || !pdoc) return { message: a?.result.skipped ?? 'Prep Loop cannot read this file.' };
    if (!loop) return { ...(pdoc.loop ? { current: pdoc.loop } : {}) };
    const fix = setLoopFix(pdoc, loop);
    if (!fix) return { message: 'The front matter is not valid YAML; fix it first, then set the loop.' };
    return { edits: toLspEdits(a.lines, fix.edits) };
  }

  /** Tag Story: the story at an offset (title, loop, the loop its text reads as) and, given a choice, the edits. */
  async tagStory(doc: ServiceDocument, pos: LspPosition, choice?: { loop?: Loop; axis?: Axis }): Promise<{ story?: { title: string; loop?: Loop; inferred?: Loop; axes: Axis[] }; edits?: LspTextEdit[] }> {
    const found = await this.storyAtPos(doc, pos);
    if (!found) return {};
    const { a, pdoc, story } = found;
    const inferred = inferStoryLoop(pdoc, story, lexiconFor(a.ctx.config.lexicon));
    const info = { title: story.heading.title, ...(story.loop ? { loop: story.loop } : {}), ...(inferred ? { inferred } : {}), axes: story.axisTags.map((t) => t.name) };
    if (!choice) return { story: info };
    return { story: info, edits: toLspEdits(a.lines, tagStoryEdits(pdoc, story, choice)) };
  }

  /**
   * Move Story: the story at an offset and the prep docs of its loop it could go to; given a
   * target, one workspace edit that removes it here and appends it there.
   */
  async moveStory(doc: ServiceDocument, offset: number, target?: string): Promise<{ message?: string; title?: string; loop?: Loop; candidates?: { uri: string; label: string; stories: number }[]; edit?: WorkspaceEdit }> {
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    const story = pdoc ? storyAt(pdoc, offset) : undefined;
    if (!a || !pdoc || !story) return { message: 'Put the cursor inside a story of a prep doc.' };
    const loop = story.loop;
    if (!loop || loop === pdoc.loop) return { message: loop ? `This story already sits in a ${loopName(loop)} doc.` : 'Tag the story with its loop first (#pm, #po or #hybrid).' };
    const candidates = (await this.prepDocs()).filter((d) => d.prep.loop === loop && d.uri !== doc.uri);
    if (!candidates.length) return { message: `No ${loopName(loop)} prep doc in this workspace yet. Create one with "Prep Loop: New Prep Doc…", then move the story.` };
    const listed = candidates.map((c) => ({ uri: c.uri, label: shortPath(c.uri, this.host.folders()), stories: c.prep.stories.length }));
    if (!target) return { title: story.heading.title, loop, candidates: listed };
    if (!listed.some((c) => c.uri === target)) return { message: 'That file is not a prep doc of the story\'s loop.' };
    const targetText = this.documents.get(target)?.getText() ?? (await this.host.fs.readFile(target));
    if (targetText === undefined) return { message: 'Prep Loop cannot read the target file.' };
    const block = storyBlock(pdoc, story);
    const targetLines = new LineIndex(targetText);
    const end = targetLines.position(targetText.length);
    return {
      title: story.heading.title,
      loop,
      edit: {
        changes: {
          [doc.uri]: toLspEdits(a.lines, [{ start: block.start, end: block.end, newText: '' }]),
          [target]: [{ range: { start: { line: end.line, character: end.column }, end: { line: end.line, character: end.column } }, newText: appendBlock(targetText, block.text) }],
        },
      },
    };
  }

  /** Classify Job Description: the verdict (with why, and the posting's title) and the markdown report. */
  async classifyJd(text: string, source: string, scopeUri?: string): Promise<{ verdict: string; reason: string; title?: string; report: string }> {
    const ctx = scopeUri ? await this.contexts.forUri(scopeUri) : undefined;
    const result = classifyJobDescription(text, lexiconFor(ctx?.config.lexicon ?? {}));
    return { verdict: result.verdict, reason: result.reason, ...(result.title ? { title: result.title } : {}), report: jdReport(result, source) };
  }

  /** New Prep Doc from Job Description: the doc's text for the verdict's loop, or why there is none. */
  async jdPrepDoc(text: string, o: { company?: string; role?: string; scopeUri?: string }): Promise<JdPrepDoc & { verdict: string }> {
    const ctx = o.scopeUri ? await this.contexts.forUri(o.scopeUri) : undefined;
    const result = classifyJobDescription(text, lexiconFor(ctx?.config.lexicon ?? {}));
    return { verdict: result.verdict, ...jdPrepDoc(result, o) };
  }

  private async storyAtPos(doc: ServiceDocument, pos: LspPosition): Promise<{ a: Analysis; pdoc: PrepDoc; story: Story } | undefined> {
    const a = await this.analyze(doc);
    const pdoc = a?.result.doc;
    if (!a || !pdoc) return undefined;
    const story = storyAt(pdoc, a.lines.lineStart(pos.line) + pos.character);
    return story ? { a, pdoc, story } : undefined;
  }
}

/** A section's range from its start to the end of its last non-blank line. */
function trimmedRange(doc: PrepDoc, section: { range: { start: { line: number; column: number }; end: { line: number; column: number } } }): LspRange {
  const startLine = section.range.start.line;
  let endLine = section.range.end.column === 0 && section.range.end.line > startLine ? section.range.end.line - 1 : section.range.end.line;
  while (endLine > startLine && !doc.lines.lineText(endLine).trim()) endLine--;
  return { start: { line: startLine, character: section.range.start.column }, end: { line: endLine, character: doc.lines.lineText(endLine).length } };
}

/** The speaking pace of the `story-length` rule's options for a document (its default when unset). */
function wordsPerMinute(ctx: DocContext): number {
  const v = ctx.config.rules['story-length']?.options.wordsPerMinute;
  return typeof v === 'number' && v > 0 ? v : DEFAULT_WORDS_PER_MINUTE;
}

/** The 0-based line of the closing `---` of front matter that starts on line 0, if any. */
function frontMatterEndLine(lines: LineIndex): number | undefined {
  if (!/^---[ \t]*$/.test(lines.lineText(0).replace(/^\uFEFF/, ''))) return undefined;
  for (let l = 1; l < Math.min(lines.lineCount, 500); l++) if (/^(?:---|\.\.\.)[ \t]*$/.test(lines.lineText(l))) return l;
  return undefined;
}

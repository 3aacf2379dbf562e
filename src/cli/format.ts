/**
 * Output formats of `prep-loop lint`: stylish (for people), ESLint-style JSON and SARIF 2.1.0.
 */
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocsUrl } from '../core/rules/index';
import { maxOf } from '../core/text';
import { planFixes } from '../core/fix';
import type { GenreDecision } from '../core/genre';
import type { SectionSummary } from '../core/sections';
import type { Finding, Fix, Severity, TextEdit } from '../core/types';

/** The findings (or the reason for skipping) of one file. */
export interface FileResult {
  filePath: string;
  text?: string;
  findings: Finding[];
  /** Notes about the file rather than rule findings: skipped, simplified, not fixed. */
  notices?: FileNotice[];
  /** What each heading section is (story, artifact, reference, logistics, group) and why. */
  sections?: SectionSummary[];
  /** What the whole doc is when it is not the writer's own notes (a template, a guide), and why. */
  genre?: GenreDecision;
}

/** A note about a file; `line`/`column` (0-based) when it points somewhere, else line 1. */
export interface FileNotice {
  severity: Severity;
  message: string;
  line?: number;
  column?: number;
}

const ESLINT_SEVERITY: Record<Severity, 1 | 2> = { error: 2, warning: 1, info: 1, hint: 1 };

/** ESLint's JSON formatter shape, 1-based lines and columns. */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((r) => {
      const messages = r.findings.map((f) => {
        const preferred = f.fixes?.[0];
        const fix = preferred && autoFixable(r, preferred) ? mergeFix(r.text ?? '', preferred.edits) : undefined;
        // Like ESLint: `fix` is what --fix would apply; every fix (manual ones too) is a suggestion.
        const suggestions = (f.fixes ?? []).map((x) => ({ desc: x.title, fix: mergeFix(r.text ?? '', x.edits) }));
        return {
          ruleId: f.ruleId,
          severity: ESLINT_SEVERITY[f.severity],
          severityName: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.column + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.column + 1,
          ...(fix ? { fix } : {}),
          ...(suggestions.length ? { suggestions } : {}),
        };
      });
      const notes = (r.notices ?? []).map((n) => ({
        ruleId: null as unknown as string,
        severity: ESLINT_SEVERITY[n.severity],
        severityName: n.severity,
        message: n.message,
        line: (n.line ?? 0) + 1,
        column: (n.column ?? 0) + 1,
        endLine: (n.line ?? 0) + 1,
        endColumn: (n.column ?? 0) + 1,
      }));
      messages.unshift(...notes);
      return {
        filePath: r.filePath,
        messages,
        errorCount: messages.filter((m) => m.severity === 2).length,
        warningCount: messages.filter((m) => m.severityName === 'warning').length,
        infoCount: messages.filter((m) => m.severityName === 'info' || m.severityName === 'hint').length,
        fixableErrorCount: messages.filter((m) => m.severity === 2 && 'fix' in m).length,
        // ESLint's meaning: warnings only (info and hint findings are not counted as warnings).
        fixableWarningCount: messages.filter((m) => m.severityName === 'warning' && 'fix' in m).length,
        // Prep Loop's own addition: what it took each section for, so its verdicts can be checked.
        ...(r.sections ? { sections: r.sections } : {}),
        ...(r.genre ? { genre: r.genre } : {}),
      };
    }),
    null,
    2,
  );
}

const droppedFixes = new WeakMap<FileResult, Set<Fix>>();

/** Whether --fix would apply this preferred fix: not manual, and not one it refuses (it would duplicate a tag). */
function autoFixable(r: FileResult, fix: Fix): boolean {
  if (fix.manual) return false;
  let dropped = droppedFixes.get(r);
  if (!dropped) {
    dropped = new Set(r.text !== undefined ? planFixes(r.text, r.findings).dropped : []);
    droppedFixes.set(r, dropped);
  }
  return !dropped.has(fix);
}

/** ESLint fixes are one replacement: merge several edits into the span they cover. */
function mergeFix(text: string, edits: TextEdit[] | undefined): { range: [number, number]; text: string } | undefined {
  if (!edits?.length) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const start = sorted[0].start;
  const end = maxOf(sorted.map((e) => e.end));
  let out = '';
  let cursor = start;
  for (const e of sorted) {
    out += text.slice(cursor, e.start) + e.newText;
    cursor = Math.max(cursor, e.end);
  }
  out += text.slice(cursor, end);
  return { range: [start, end], text: out };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning uploads. URIs are relative to `cwd`. */
export function formatSarif(results: FileResult[], cwd: string, version: string, ioProblems: string[] = []): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity as Severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(cwd, r.filePath),
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.column + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.column + 1 },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'prep-loop', version, informationUri: 'https://github.com/prep-loop/prep-loop', rules } },
        results: sarifResults,
        invocations: [
          {
            executionSuccessful: ioProblems.length === 0,
            toolExecutionNotifications: [
              ...results.flatMap((r) =>
                (r.notices ?? []).map((n) => ({
                  level: SARIF_LEVEL[n.severity],
                  message: { text: n.message },
                  locations: [{ physicalLocation: { artifactLocation: artifactLocation(cwd, r.filePath), ...(n.line !== undefined ? { region: { startLine: n.line + 1, startColumn: (n.column ?? 0) + 1 } } : {}) } }],
                })),
              ),
              ...ioProblems.map((text) => ({ level: 'error', message: { text } })),
            ],
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function toUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** Relative to the source root when the file is inside it, else an absolute file URI. */
function artifactLocation(cwd: string, filePath: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, filePath);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return { uri: toUri(rel), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(filePath).href };
}

/** ESLint-like "stylish" output for people. */
export function formatStylish(results: FileResult[], cwd: string, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (!r.findings.length && !r.notices?.length) continue;
    lines.push(c('4', relative(cwd, r.filePath) || r.filePath));
    for (const n of r.notices ?? []) {
      counts[n.severity]++;
      lines.push(`  ${n.line !== undefined ? `${c('2', `${n.line + 1}:${(n.column ?? 0) + 1}`)}  ` : ''}${c(sevColor[n.severity], n.severity)}  ${n.message}`);
    }
    const rows = r.findings.map((f) => [`${f.range.start.line + 1}:${f.range.start.column + 1}`, f.severity, f.message, f.ruleId] as const);
    const w0 = maxOf(rows.map((x) => x[0].length), 0);
    const w1 = maxOf(rows.map((x) => x[1].length), 0);
    for (const [i, f] of r.findings.entries()) {
      counts[f.severity]++;
      const [pos, sev, msg, id] = rows[i];
      lines.push(`  ${c('2', pos.padEnd(w0))}  ${c(sevColor[f.severity], sev.padEnd(w1))}  ${msg}  ${c('2', id)}`);
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  // Hints are counted apart: folded into "info" they made a run look noisier than it reads.
  const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`];
  if (counts.hint) parts.push(`${counts.hint} hint${counts.hint === 1 ? '' : 's'}`);
  const fixable = results.reduce((n, r) => n + r.findings.filter((f) => f.fixes?.[0] && autoFixable(r, f.fixes[0])).length, 0);
  lines.push(c(counts.error ? '31;1' : counts.warning ? '33;1' : '36;1', `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`));
  if (fixable) lines.push(c('2', `  ${fixable} of them can be fixed with --fix; more have quick fixes to choose from in the editor.`));
  return lines.join('\n') + '\n';
}

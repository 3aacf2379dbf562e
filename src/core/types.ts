/**
 * The shared vocabulary of the core: loops, axes, positions, findings and fixes.
 * Editor-free: nothing here knows about VS Code or the terminal.
 */

/** The interview loop a doc or story targets. */
export type Loop = 'pm' | 'po' | 'hybrid';
/** A loop that a passage of text reads as. `hybrid` is a doc setting; text reads as `mixed`. */
export type SingleLoop = 'pm' | 'po';
/** The four axes every prep story should be mapped to. */
export type Axis = 'strategy' | 'metrics' | 'execution' | 'stakeholders';

export const LOOPS: readonly Loop[] = ['pm', 'po', 'hybrid'];
export const AXES: readonly Axis[] = ['strategy', 'metrics', 'execution', 'stakeholders'];

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Whether `s` is `min` or more severe (error > warning > info > hint). */
export function atLeast(s: Severity, min: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(min);
}

/** A point in a document. `line` and `column` are 0-based (UTF-16 code units); `offset` indexes the text. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open span of a document: `start` inclusive, `end` exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** One replacement of `text.slice(start, end)` by `newText`, in document offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix as plain data: a title for the menu and the edits that make it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Offered in the quick-fix menu, but never preferred and never applied by fix-all, on save or
   * by `--fix`: it changes what the note claims (e.g. which loop a story is for), so the user decides.
   */
  manual?: boolean;
}

/** A place elsewhere in the document that explains a finding (e.g. the front matter that sets the loop). */
export interface RelatedInfo {
  range: Range;
  message: string;
}

/** One problem found in a document. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  message: string;
  /** Fixes, best first. The first one is the preferred quick fix. */
  fixes?: Fix[];
  related?: RelatedInfo[];
}

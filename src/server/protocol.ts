/**
 * Prep Loop's custom LSP messages, shared by the server and the VS Code client. Only types and
 * method names: no `vscode` import and no analysis, so the client bundle stays small.
 */
import type { DrillId } from '../core/lexicon';
import type { PracticeCard } from '../core/practice';

/** Client → server requests (what the VS Code-only UI asks). */
export const Requests = {
  /** Lint an open document now and wait until its diagnostics are shown: `{ uri }` → `LintReport | null`. */
  lint: 'prepLoop/lint',
  /** Counters of a document's diagnostics lifecycle: `{ uri }` → `LintStats`. */
  lintStats: 'prepLoop/lintStats',
  /** The status of a document: `{ uri }` → `DocStatus`. */
  status: 'prepLoop/status',
  /** Every story of the workspace's prep docs: `{}` → `StoriesResult`. */
  stories: 'prepLoop/stories',
  /** Counters of the workspace scan cache: `{}` → `ScanStats`. */
  scanStats: 'prepLoop/scanStats',
  /** Coverage of the workspace: `{}` → `CoverageResult`. */
  coverage: 'prepLoop/coverage',
  /** Lint one workspace file (open or not; a closed one keeps its diagnostics): `{ uri }` → `FileLint | null`. */
  lintFile: 'prepLoop/lintFile',
  /** Clear the diagnostics Lint Workspace left on files that are not open: `{}` → `true`. */
  clearWorkspaceLint: 'prepLoop/clearWorkspaceLint',
  /** Set Doc Loop: `{ uri, loop? }` → `{ edits?, current?, message? }`. */
  setDocLoop: 'prepLoop/setDocLoop',
  /** Tag Story: `{ uri, position, choice? }` → `{ story?, edits? }`. */
  tagStory: 'prepLoop/tagStory',
  /** Move Story: `{ uri, offset, target? }` → `{ message?, candidates?, edit? }`. */
  moveStory: 'prepLoop/moveStory',
  /** Classify Job Description: `{ text, source, scopeUri? }` → `{ verdict, reason, title?, report }`. */
  classifyJd: 'prepLoop/classifyJd',
  /** New Prep Doc from Job Description: `{ text, company?, role?, scopeUri? }` → `{ verdict, loop, text, fileName, storyLine } | { verdict, message }`. */
  jdPrepDoc: 'prepLoop/jdPrepDoc',
  /** The practice cards of the workspace for some loops (bank questions, then stories): `{ loops }` → `PracticeCardsResult`. */
  practiceCards: 'prepLoop/practiceCards',
} as const;

/** Server → client requests: the workspace's files, read by the client (virtual workspaces, vscode.dev). */
export const FsRequests = {
  readFile: 'prepLoop/fs/readFile',
  stat: 'prepLoop/fs/stat',
  findFiles: 'prepLoop/fs/findFiles',
} as const;

/** Server → client notifications. */
export const Notifications = {
  /** A document's status changed; sent right before its diagnostics: `{ uri, status }`. */
  status: 'prepLoop/status',
  /** Settings or a config file changed (views that depend on the configuration rebuild): `{}`. */
  configChanged: 'prepLoop/configChanged',
  /** Bad settings, each told once: `{ message, setting }` (the first bad setting, for "Open Settings"). */
  settingsProblems: 'prepLoop/settingsProblems',
} as const;

/** What the VS Code client tells the server at initialize (`initializationOptions`). */
export interface PrepInitOptions {
  /** The client reads files for the server (`FsRequests`). */
  clientFs?: boolean;
  /** `push`: publish diagnostics even when the client could pull them (the server times them: debounce, run on save). */
  diagnostics?: 'push' | 'pull';
  /** The client runs Prep Loop's own commands (show docs, move story) named in code actions. */
  vscodeCommands?: boolean;
  /** Settings for clients without `workspace/configuration`. */
  settings?: unknown;
}

/** What `prepLoop/lint` reports. */
export interface LintReport {
  version: number;
  isPrepDoc: boolean;
  loop?: string;
  findings: { ruleId: string; severity: string; line: number }[];
  /** The simplification notes shown (0-based line, message). */
  notes?: { line: number; message: string }[];
  skipped?: string;
}

/** Counters of one document (tests). */
export interface LintStats {
  publishes: number;
  pending: boolean;
  shownVersion?: number;
  /** The `prepLoop.run` mode the shown diagnostics were checked under. */
  run?: 'onType' | 'onSave';
}

/** A position/range as LSP sends them. */
export interface Pos {
  line: number;
  character: number;
}
export interface Rng {
  start: Pos;
  end: Pos;
}

/** One story as the Prep Stories tree shows it. */
export interface StoryItem {
  title: string;
  tags: string;
  /** The story's loop tag, else its doc's loop. */
  loop?: string;
  /** `tag`: a loop tag the candidate wrote; `doc`: no tag, counted for the doc's loop. */
  loopFrom?: 'tag' | 'doc';
  axes: string[];
  /** The heading. */
  range: Rng;
  /** The whole section (the tree counts the diagnostics inside it: the story's own problems). */
  sectionRange: Rng;
  /** Its loop tag is the other loop than its doc's. */
  offLoop: boolean;
  /** The interview drills its text evidences. */
  drills: string[];
}

/** `prepLoop/stories`. */
export type StoriesResult = { uri: string; label: string; loop?: string; stories: StoryItem[] }[];

/** `prepLoop/lintFile`. */
export interface FileLint {
  isPrepDoc: boolean;
  errors: number;
  warnings: number;
  other: number;
}

/** A prep doc of the workspace, as Show Coverage links to it. */
export interface CoverageDocRef {
  uri: string;
  /** The label coverage uses for the doc (`CoverageStory.file`). */
  file: string;
  loop?: string;
  stories: number;
}

/** `prepLoop/coverage`: the core coverage model (`src/core/coverage.ts`), its per-loop gaps and the docs. */
export interface CoverageResult<C = unknown> {
  coverage: C;
  gaps: { loop: string; missing: string[] }[];
  docs: CoverageDocRef[];
}

/**
 * `prepLoop/practiceCards`: what Practice Today schedules, from the workspace's prep docs. The
 * client keeps the review history and runs the FSRS scheduling over these cards.
 */
export interface PracticeCardsResult {
  /** Every bank question of the loops asked for, then every story of those loops (each once). */
  cards: PracticeCard[];
  /** Stories per drill over the workspace: fewer means the drill comes first. */
  strength: Partial<Record<DrillId, number>>;
  /** Where each story card sits: its doc and its heading. */
  places: Record<string, { uri: string; range: Rng }>;
  /** Bank question id → the story card that answers it (the first one, in workspace order). */
  answeredBy: Record<string, string>;
}

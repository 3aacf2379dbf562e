/**
 * The Prep Loop language server, for any transport: Node (stdio, IPC) and a browser web worker
 * build share this file. It owns what an LSP server owns — documents, the diagnostics lifecycle
 * (open, debounced edit, save, close, configuration changes), watched files, settings — and
 * routes every question to the editor-free service (`src/service`).
 *
 * Diagnostics: pulled (`textDocument/diagnostic`) by clients that can, pushed to the others. The
 * VS Code client asks for push (`initializationOptions.diagnostics`) so the server times them:
 * debounced while typing, only on save with `prepLoop.run: onSave`, and files Lint Workspace
 * checked keep their diagnostics until they change or the user clears them.
 */
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_GLOB, MARKDOWN_GLOB, type ServiceDocument, type ServiceFs, type ServiceHost } from '../service/host';
import { settingsWarning, type SettingValues } from '../service/settingsModel';
import { isConfigFile } from '../service/context';
import { FIX_ALL_KIND, PrepService, type Analysis } from '../service/service';
import { ruleDocsUrl } from '../core/docs-url';
import { LOOPS, AXES, type Axis, type Loop, type SingleLoop } from '../core/types';
import { FsRequests, Notifications, Requests, type FileLint, type LintReport, type LintStats, type PrepInitOptions, type PracticeCardsResult, type StoriesResult } from './protocol';
import { toLspRange } from '../service/lsp';

/** How long typing must pause before a re-lint (`run: onType`). */
export const DEBOUNCE_MS = 300;
/** How long configuration change events are gathered before documents are re-linted. */
const CONFIG_SETTLE_MS = 50;
/** The server-side command that opens a rule's docs page (clients other than VS Code). */
export const SHOW_DOCS_SERVER_COMMAND = 'prep-loop.showRuleDocs';

/** Options of `startServer`. */
export interface ServerOptions {
  /** The file system when the client does not read files for the server (Node: `fs`), given the workspace folders. */
  localFs?: (folders: () => readonly string[]) => ServiceFs;
}

interface Shown {
  version: number;
  analysis: Analysis;
}

/** Starts serving on a connection. Returns the service (tests). */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let folders: string[] = [];
  let init: PrepInitOptions = {};
  let pull = false;
  let hasConfiguration = false;
  let refreshSupport = false;
  let pushedSettings: unknown;

  const clientFs: ServiceFs = {
    readFile: (uri) => connection.sendRequest<string | null>(FsRequests.readFile, { uri }).then((t) => t ?? undefined, () => undefined),
    stat: (uri) => connection.sendRequest<{ size: number; mtime: number } | null>(FsRequests.stat, { uri }).then((s) => s ?? undefined, () => undefined),
    findFiles: (glob) => connection.sendRequest<string[]>(FsRequests.findFiles, { glob }).then((l) => l ?? [], () => []),
  };
  const emptyFs: ServiceFs = { readFile: async () => undefined, stat: async () => undefined, findFiles: async () => [] };

  const host: ServiceHost = {
    fs: { readFile: (u) => fs().readFile(u), stat: (u) => fs().stat(u), findFiles: (g) => fs().findFiles(g) },
    settings: {
      async get(scopeUri) {
        if (hasConfiguration) {
          const v: unknown = await connection.workspace.getConfiguration({ ...(scopeUri ? { scopeUri } : {}), section: 'prepLoop' });
          return settingValues(v);
        }
        return settingValues(pushedSettings ?? init.settings);
      },
    },
    log: {
      info: (m) => connection.console.info(m),
      warn: (m) => connection.console.warn(m),
      error: (m) => connection.console.error(m),
    },
    folders: () => folders,
    settingsProblems(problems) {
      const message = settingsWarning(problems);
      if (init.vscodeCommands) void connection.sendNotification(Notifications.settingsProblems, { message, setting: problems[0]?.setting });
      else void connection.window.showWarningMessage(message);
    },
  };
  const localFs = options.localFs?.(() => folders);
  const fs = () => (init.clientFs ? clientFs : (localFs ?? emptyFs));

  let service: PrepService;
  const svcDoc = (d: TextDocument): ServiceDocument => d;

  // ---- the diagnostics lifecycle (push) ---------------------------------------------------
  const shown = new Map<string, Shown>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const sequence = new Map<string, number>();
  const publishes = new Map<string, number>();
  /** Files Lint Workspace checked: their diagnostics stay (from disk) while they are not open. */
  const workspaceLinted = new Set<string>();
  /** Files showing diagnostics from disk (not open). */
  const closedShown = new Set<string>();
  const configShown = new Set<string>();

  const send = (uri: string, diagnostics: Diagnostic[]) => {
    void connection.sendDiagnostics({ uri, diagnostics });
    publishes.set(uri, (publishes.get(uri) ?? 0) + 1);
  };

  const publish = (a: Analysis, doc: TextDocument | undefined): void => {
    void connection.sendNotification(Notifications.status, { uri: a.uri, status: service.status(a) });
    if (doc) {
      shown.set(a.uri, { version: a.version, analysis: a });
      service.markShown(a);
      closedShown.delete(a.uri);
    } else closedShown.add(a.uri);
    send(a.uri, service.diagnostics(a));
  };

  const cancelTimer = (uri: string) => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
  };

  /** Lints an open document and publishes the result, unless the text moved on meanwhile. */
  async function lint(uri: string): Promise<Analysis | undefined> {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    cancelTimer(uri);
    const seq = (sequence.get(uri) ?? 0) + 1;
    sequence.set(uri, seq);
    const version = doc.version;
    const a = await service.analyze(svcDoc(doc));
    const now = documents.get(uri);
    if (!a || !now || now.version !== version || a.version !== version || sequence.get(uri) !== seq || a.generation !== service.contexts.generation) return undefined;
    if (pull) return a;
    if (shown.get(uri)?.analysis === a) return a;
    publish(a, now);
    return a;
  }

  async function lintSettled(uri: string): Promise<Analysis | undefined> {
    for (let attempt = 0; attempt < 5 && documents.get(uri); attempt++) {
      const a = await lint(uri);
      if (a) return a;
    }
    const s = shown.get(uri);
    return s && s.version === documents.get(uri)?.version ? s.analysis : undefined;
  }

  function schedule(uri: string): void {
    cancelTimer(uri);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void lint(uri);
      }, DEBOUNCE_MS),
    );
  }

  function clear(uri: string): void {
    cancelTimer(uri);
    sequence.set(uri, (sequence.get(uri) ?? 0) + 1);
    shown.delete(uri);
    closedShown.delete(uri);
    send(uri, []);
  }

  /** Lints a file that is not open from disk and shows its diagnostics. */
  async function lintClosed(uri: string): Promise<Analysis | undefined> {
    if (documents.get(uri)) return undefined;
    const a = await service.lintFile(uri);
    if (documents.get(uri)) return undefined;
    if (!a) {
      if (closedShown.has(uri)) clear(uri);
      workspaceLinted.delete(uri);
      return undefined;
    }
    publish(a, undefined);
    return a;
  }

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * A markdown file changed what it may offer the other files of its folder (acceptance criteria
   * kept in a sibling, `core/elsewhere.ts`): re-check the open ones there (debounced while
   * typing, `now` on save, close and disk changes) and the closed ones shown from Lint Workspace.
   */
  function siblingsChanged(uri: string, now: boolean): void {
    if (pull) {
      if (!refreshSupport) return;
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(
        () => {
          refreshTimer = undefined;
          void connection.languages.diagnostics.refresh();
        },
        now ? 0 : DEBOUNCE_MS,
      );
      return;
    }
    for (const sibling of service.openSiblings(uri)) {
      if (!documents.get(sibling)) continue;
      const run = service.peek(svcDoc(documents.get(sibling)!))?.ctx.run ?? shown.get(sibling)?.analysis.ctx.run;
      if (now) void lint(sibling);
      else if (run === 'onType') schedule(sibling);
    }
    const folder = uri.slice(0, uri.lastIndexOf('/'));
    for (const closed of [...closedShown]) if (closed !== uri && closed.slice(0, closed.lastIndexOf('/')) === folder && !documents.get(closed)) void lintClosed(closed);
  }

  let settle: ReturnType<typeof setTimeout> | undefined;
  /** Settings or a config file changed: re-check everything shown, after the events settle. */
  function configChanged(): void {
    service.invalidateConfig();
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = undefined;
      void connection.sendNotification(Notifications.configChanged, {});
      if (pull && refreshSupport) void connection.languages.diagnostics.refresh();
      if (!pull) for (const d of documents.all()) void lint(d.uri);
      for (const uri of [...closedShown]) void lintClosed(uri);
    }, CONFIG_SETTLE_MS);
  }

  async function showConfigProblems(uri: string): Promise<void> {
    const ds = await service.configDiagnostics(uri);
    if (!ds?.length) {
      if (configShown.delete(uri)) send(uri, []);
      return;
    }
    configShown.add(uri);
    send(uri, ds);
  }

  // ---- initialize ------------------------------------------------------------------------
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    init = (params.initializationOptions ?? {}) as PrepInitOptions;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri.replace(/\/+$/, ''));
    if (!folders.length && params.rootUri) folders = [params.rootUri.replace(/\/+$/, '')];
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic && init.diagnostics !== 'push';
    hasConfiguration = !!caps.workspace?.configuration;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    service = new PrepService(host, init.vscodeCommands ? { showDocs: 'prepLoop._showRuleDocs', moveStory: 'prepLoop.moveStory' } : { showDocs: SHOW_DOCS_SERVER_COMMAND });
    watchDynamically = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Prep Loop' },
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ':', ' '] },
        ...(init.vscodeCommands ? {} : { executeCommandProvider: { commands: [SHOW_DOCS_SERVER_COMMAND] } }),
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'prep-loop-ls', version: typeof PREP_LOOP_VERSION === 'string' ? PREP_LOOP_VERSION : '0.0.0' },
    };
  });
  let watchDynamically = false;

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: MARKDOWN_GLOB }, { globPattern: CONFIG_GLOB }] });
    }
    void host.fs.findFiles(CONFIG_GLOB).then((uris) => Promise.all(uris.slice(0, 100).map(showConfigProblems)));
  });

  connection.onDidChangeConfiguration((params) => {
    const s = (params.settings as { prepLoop?: unknown } | null | undefined)?.prepLoop;
    if (s !== undefined) pushedSettings = s;
    configChanged();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let config = false;
    for (const c of changes) {
      if (isConfigFile(c.uri)) {
        config = true;
        if (c.type === FileChangeType.Deleted) {
          if (configShown.delete(c.uri)) send(c.uri, []);
        }
        continue;
      }
      if (c.type === FileChangeType.Deleted) {
        for (const uri of [...shown.keys(), ...closedShown]) {
          if (uri === c.uri || uri.startsWith(c.uri + '/')) {
            workspaceLinted.delete(uri);
            clear(uri);
          }
        }
      } else if (c.type === FileChangeType.Changed && closedShown.has(c.uri) && !documents.get(c.uri)) void lintClosed(c.uri);
      // An open file's text is the editor's; the disk's matters to its siblings only when it is closed.
      if (!documents.get(c.uri)) {
        service.filesChanged(c.type !== FileChangeType.Changed);
        siblingsChanged(c.uri, true);
      }
    }
    if (config) {
      configChanged();
      for (const c of changes) if (isConfigFile(c.uri) && c.type !== FileChangeType.Deleted) void showConfigProblems(c.uri);
    }
  });

  // ---- documents -------------------------------------------------------------------------
  const openVersion = new Map<string, number>();
  documents.onDidOpen(({ document }) => {
    openVersion.set(document.uri, document.version);
    service.openOrChange(svcDoc(document));
    void lint(document.uri);
    siblingsChanged(document.uri, false);
  });
  documents.onDidChangeContent(({ document }) => {
    if (openVersion.get(document.uri) === document.version) return;
    openVersion.delete(document.uri);
    service.openOrChange(svcDoc(document));
    siblingsChanged(document.uri, false);
    if (pull) return;
    const run = service.peek(document)?.ctx.run ?? shown.get(document.uri)?.analysis.ctx.run;
    if (run === 'onType') schedule(document.uri);
    else if (run === undefined) void service.contexts.forUri(document.uri).then((ctx) => ctx.run === 'onType' && documents.get(document.uri) && schedule(document.uri));
  });
  documents.onDidSave(({ document }) => {
    if (!pull) void lint(document.uri);
    siblingsChanged(document.uri, true);
  });
  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    openVersion.delete(uri);
    service.close(uri);
    clear(uri);
    // Its siblings now read it from disk, where it may differ (an unsaved edit was dropped).
    siblingsChanged(uri, true);
    // Lint Workspace results stay until the file changes or the user clears them: back to the disk's.
    if (workspaceLinted.has(uri)) void lintClosed(uri);
  });

  // ---- language features -------------------------------------------------------------------
  connection.languages.diagnostics.on(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const a = doc ? await service.analyze(svcDoc(doc)) : undefined;
    if (a) {
      service.markShown(a);
      shown.set(a.uri, { version: a.version, analysis: a });
      publishes.set(a.uri, (publishes.get(a.uri) ?? 0) + 1);
      void connection.sendNotification(Notifications.status, { uri: a.uri, status: service.status(a) });
    }
    return { kind: DocumentDiagnosticReportKind.Full, items: a ? service.diagnostics(a) : [] };
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const actions = await service.codeActions(svcDoc(doc), params.context.diagnostics, params.context.only);
    // A request for a document that moved on meanwhile: its edits would be for the wrong text.
    return documents.get(doc.uri)?.version === doc.version ? actions : [];
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SHOW_DOCS_SERVER_COMMAND) return undefined;
    const id = params.arguments?.[0];
    if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) return false;
    const r = await connection.window.showDocument({ uri: ruleDocsUrl(id), external: true });
    return r.success;
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return (doc && (await service.hover(svcDoc(doc), params.position))) ?? null;
  });
  connection.onDocumentSymbol(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.symbols(svcDoc(doc)) : [];
  });
  connection.onFoldingRanges(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.folding(svcDoc(doc)) : [];
  });
  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.completion(svcDoc(doc), params.position) : [];
  });

  // ---- custom requests (the VS Code UI) ------------------------------------------------------
  connection.onRequest(Requests.lint, async ({ uri }: { uri: string }): Promise<LintReport | null> => {
    const a = await lintSettled(uri);
    if (!a) return null;
    const doc = a.result.overview?.doc;
    return {
      version: a.version,
      isPrepDoc: !!doc?.isPrepDoc,
      ...(doc?.loop ? { loop: doc.loop } : {}),
      findings: a.result.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.range.start.line })),
      ...(a.result.notes ? { notes: a.result.notes.map((n) => ({ line: n.range.start.line, message: n.message })) } : {}),
      ...(a.result.skipped ? { skipped: a.result.skipped } : {}),
    };
  });
  connection.onRequest(Requests.lintStats, ({ uri }: { uri: string }): LintStats => {
    const s = shown.get(uri);
    return { publishes: publishes.get(uri) ?? 0, pending: timers.has(uri), ...(s ? { shownVersion: s.version, run: s.analysis.ctx.run } : {}) };
  });
  connection.onRequest(Requests.status, async ({ uri }: { uri: string }) => {
    const doc = documents.get(uri);
    const s = shown.get(uri);
    // What is shown, unless the text moved on since (a reload from disk, an edit still debounced).
    if (s && (!doc || s.version === doc.version)) return service.status(s.analysis);
    return service.status((doc ? await service.analyze(svcDoc(doc)) : undefined) ?? s?.analysis);
  });
  connection.onRequest(Requests.stories, async (): Promise<StoriesResult> => {
    const docs = await service.prepDocs();
    return docs.map((d) => ({
      uri: d.uri,
      label: d.prep.coverage.file,
      ...(d.prep.loop ? { loop: d.prep.loop } : {}),
      stories: d.prep.stories.map((s) => ({
        title: s.title,
        tags: s.tags,
        ...(s.loop ? { loop: s.loop } : {}),
        ...(s.loopFrom ? { loopFrom: s.loopFrom } : {}),
        axes: s.axes,
        range: toLspRange(s.range),
        sectionRange: toLspRange(s.sectionRange),
        offLoop: s.offLoop,
        drills: s.drills,
      })),
    }));
  });
  connection.onRequest(Requests.scanStats, () => service.scanStats());
  connection.onRequest(Requests.coverage, () => service.coverage());
  connection.onRequest(Requests.lintFile, async ({ uri }: { uri: string }): Promise<FileLint | null> => {
    let a: Analysis | undefined;
    if (documents.get(uri)) a = await lintSettled(uri);
    else {
      workspaceLinted.add(uri);
      a = await lintClosed(uri);
    }
    if (!a) return null;
    const out: FileLint = { isPrepDoc: !!a.result.doc?.isPrepDoc, errors: 0, warnings: 0, other: 0 };
    if (!out.isPrepDoc) return out;
    for (const f of a.result.findings) {
      if (f.severity === 'error') out.errors++;
      else if (f.severity === 'warning') out.warnings++;
      else out.other++;
    }
    return out;
  });
  connection.onRequest(Requests.clearWorkspaceLint, () => {
    for (const uri of [...closedShown]) clear(uri);
    workspaceLinted.clear();
    return true;
  });
  connection.onRequest(Requests.setDocLoop, async ({ uri, loop }: { uri: string; loop?: string }) => {
    const doc = documents.get(uri);
    if (!doc) return { message: 'Open the file first.' };
    return service.setDocLoop(svcDoc(doc), asLoop(loop));
  });
  connection.onRequest(Requests.tagStory, async ({ uri, position, choice }: { uri: string; position: { line: number; character: number }; choice?: { loop?: string; axis?: string } }) => {
    const doc = documents.get(uri);
    if (!doc) return {};
    const loop = asLoop(choice?.loop);
    const axis = (AXES as readonly string[]).includes(choice?.axis ?? '') ? (choice?.axis as Axis) : undefined;
    return service.tagStory(svcDoc(doc), position, choice ? { ...(loop ? { loop } : {}), ...(axis ? { axis } : {}) } : undefined);
  });
  connection.onRequest(Requests.moveStory, async ({ uri, offset, target }: { uri: string; offset: number; target?: string }) => {
    const doc = documents.get(uri);
    if (!doc) return { message: 'Open the file first.' };
    return service.moveStory(svcDoc(doc), offset, target);
  });
  connection.onRequest(Requests.practiceCards, ({ loops }: { loops?: unknown }): Promise<PracticeCardsResult> => {
    const asked = Array.isArray(loops) ? loops.filter((l): l is SingleLoop => l === 'pm' || l === 'po') : [];
    return service.practiceCards(asked.length ? [...new Set(asked)] : ['pm', 'po']);
  });
  connection.onRequest(Requests.classifyJd, ({ text, source, scopeUri }: { text: string; source: string; scopeUri?: string }) => service.classifyJd(text, source, scopeUri));
  connection.onRequest(Requests.jdPrepDoc, ({ text, company, role, scopeUri }: { text: string; company?: string; role?: string; scopeUri?: string }) =>
    service.jdPrepDoc(String(text ?? ''), { ...(typeof company === 'string' ? { company } : {}), ...(typeof role === 'string' ? { role } : {}), ...(typeof scopeUri === 'string' ? { scopeUri } : {}) }),
  );

  documents.listen(connection);
  connection.listen();
}

function asLoop(v: unknown): Loop | undefined {
  return typeof v === 'string' && (LOOPS as readonly string[]).includes(v.toLowerCase()) ? (v.toLowerCase() as Loop) : undefined;
}

/** Settings as a client sent them (`prepLoop` section), as the plain values the service validates. */
function settingValues(v: unknown): SettingValues {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: SettingValues = {};
  const o = v as Record<string, unknown>;
  for (const key of ['run', 'storyHeadingLevel', 'loopByGlob', 'lexicon', 'maxFileSize', 'ruleOptions'] as const) if (o[key] !== undefined && o[key] !== null) out[key] = o[key];
  if (typeof o.rules === 'object' && o.rules !== null && !Array.isArray(o.rules)) out.rules = o.rules as Record<string, unknown>;
  return out;
}

declare const PREP_LOOP_VERSION: string | undefined;

/** Every command, registered in one place. */
import * as vscode from 'vscode';
import { classifyJd } from './classifyJd';
import { drillQuestion } from './drillQuestion';
import { insertPrdOutline, insertUserStory } from './insertSnippets';
import { activationTimeCommand, serverHealthCommand, clearClosedCommand, clearWorkspaceLintCommand, drilledQuestionsCommand, lintNowCommand, lintStatsCommand, scanStatsCommand, showRuleDocsCommand, statusTextCommand, storiesSnapshotCommand } from './internal';
import { commandTitle, failureMessage } from '../manifest';
import { lintWorkspace } from './lintWorkspace';
import { moveStory } from './moveStory';
import { newPrepDoc } from './newPrepDoc';
import { newPrepDocFromJd } from './newPrepDocFromJd';
import { exportPracticeHistory, importPracticeHistory, practiceStatusCommand, practiceToday, ratePractice, setPracticeHistoryCommand } from './practice';
import { refreshStories } from './refreshStories';
import { setDocLoop } from './setDocLoop';
import { coverageActCommand, coverageKeysCommand, coverageSettledCommand, coverageStateCommand, showCoverage } from './showCoverage';
import { drillStoryItem, moveStoryItem, openStoryItem, retagStoryItem, revealStoryCommand, tagStoryItem } from './storyItem';
import { tagStory } from './tagStory';
import type { PrepCommand, Services } from './types';

/** Set by the build: false in the production bundle (`--production`), so the test hooks are not in it. */
declare const PREP_LOOP_TEST_HOOKS: boolean | undefined;

/**
 * The commands the integration suites drive and read the UI through (`prepLoop._*` except
 * `_showRuleDocs`, which code actions use). Left out of the production bundle.
 */
const TEST_HOOKS: readonly PrepCommand[] =
  typeof PREP_LOOP_TEST_HOOKS === 'boolean' && !PREP_LOOP_TEST_HOOKS
    ? []
    : [
        statusTextCommand,
        activationTimeCommand,
        serverHealthCommand,
        lintNowCommand,
        storiesSnapshotCommand,
        lintStatsCommand,
        scanStatsCommand,
        clearClosedCommand,
        drilledQuestionsCommand,
        coverageStateCommand,
        coverageActCommand,
        coverageKeysCommand,
        coverageSettledCommand,
        revealStoryCommand,
        practiceStatusCommand,
        setPracticeHistoryCommand,
      ];

/** All commands; the ones in package.json `contributes.commands`, the internal ones and the test hooks. */
export const COMMANDS: readonly PrepCommand[] = [
  newPrepDoc,
  setDocLoop,
  tagStory,
  moveStory,
  insertUserStory,
  insertPrdOutline,
  lintWorkspace,
  classifyJd,
  newPrepDocFromJd,
  drillQuestion,
  showCoverage,
  refreshStories,
  clearWorkspaceLintCommand,
  showRuleDocsCommand,
  openStoryItem,
  tagStoryItem,
  retagStoryItem,
  moveStoryItem,
  drillStoryItem,
  practiceToday,
  ratePractice,
  exportPracticeHistory,
  importPracticeHistory,
  ...TEST_HOOKS,
];

/** Registers every command; a failing command logs and tells the user (by its title) instead of failing silently. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const manifest: unknown = services.context.extension.packageJSON;
  return COMMANDS.map((c) =>
    vscode.commands.registerCommand(c.id, async (...args: unknown[]) => {
      try {
        return await c.run(services, ...args);
      } catch (e) {
        services.log.error(`${c.id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage(failureMessage(commandTitle(manifest, c.id), e));
        return undefined;
      }
    }),
  );
}

/** Every command, registered in one place. */
import * as vscode from 'vscode';
import { classifyJd } from './classifyJd';
import { drillQuestion } from './drillQuestion';
import { insertPrdOutline, insertUserStory } from './insertSnippets';
import { activationTimeCommand, clearClosedCommand, clearWorkspaceLintCommand, drilledQuestionsCommand, lintNowCommand, lintStatsCommand, scanStatsCommand, showRuleDocsCommand, statusTextCommand, storiesSnapshotCommand } from './internal';
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

/** All commands; the ones in package.json `contributes.commands` and the internal ones. */
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
  statusTextCommand,
  activationTimeCommand,
  lintNowCommand,
  storiesSnapshotCommand,
  showRuleDocsCommand,
  lintStatsCommand,
  scanStatsCommand,
  clearClosedCommand,
  drilledQuestionsCommand,
  coverageStateCommand,
  coverageActCommand,
  coverageKeysCommand,
  coverageSettledCommand,
  openStoryItem,
  tagStoryItem,
  retagStoryItem,
  moveStoryItem,
  drillStoryItem,
  revealStoryCommand,
  practiceToday,
  ratePractice,
  exportPracticeHistory,
  importPracticeHistory,
  practiceStatusCommand,
  setPracticeHistoryCommand,
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

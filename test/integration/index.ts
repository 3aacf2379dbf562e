/**
 * The integration test module the real VS Code host loads (`extensionTestsPath`). Built by
 * scripts/build.mjs into dist/test/integration/index.js; run with `npm run test:integration`.
 * `PREP_LOOP_TEST_GREP=<regex>` runs a subset.
 */
import * as vscode from 'vscode';
import { tests as badInput } from './badInput.test';
import { tests as codeActions } from './codeActions.test';
import { tests as commands } from './commands.test';
import { tests as diagnostics } from './diagnostics.test';
import { tests as features } from './features.test';
import { tests as practice } from './practice.test';
import { cleanup, EXTENSION_ID, inWorkspace, removeScratchFolder } from './helpers';
import { runSuites } from './runner';
import { tests as workflows } from './workflows.test';

/** Entry point called by the extension host. */
export async function run(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  await cleanup();
  await vscode.workspace.fs.createDirectory(inWorkspace('scratch'));
  // Tests change workspace settings through the API (which writes .vscode/settings.json): put it back.
  const settingsDir = inWorkspace('.vscode');
  const hadSettingsDir = await vscode.workspace.fs.stat(settingsDir).then(() => true, () => false);
  const settings = await Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(settingsDir, 'settings.json'))).catch(() => undefined);
  try {
    await runSuites(
      [
        { name: 'extension', tests: features },
        { name: 'diagnostics', tests: diagnostics },
        { name: 'code actions', tests: codeActions },
        { name: 'commands', tests: commands },
        { name: 'workflows', tests: workflows },
        { name: 'practice', tests: practice },
        { name: 'bad input', tests: badInput },
      ],
      cleanup,
    );
  } finally {
    await removeScratchFolder();
    if (settings) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(settingsDir, 'settings.json'), settings);
    else if (!hadSettingsDir) await Promise.resolve(vscode.workspace.fs.delete(settingsDir, { recursive: true, useTrash: false })).catch(() => undefined);
  }
}

/** Show Coverage: a webview with the loop × axis × drill matrix of the workspace's prep docs. */
import * as vscode from 'vscode';
import type { Coverage } from '../../core/coverage';
import { Requests } from '../../server/protocol';
import { coverageHtml } from '../coverageModel';
import { makeNonce } from '../html';
import type { PrepCommand } from './types';

let panel: vscode.WebviewPanel | undefined;

export const showCoverage: PrepCommand = {
  id: 'prepLoop.showCoverage',
  async run(services) {
    const { coverage, gaps } = await services.client.sendRequest<{ coverage: Coverage; gaps: { loop: string; missing: string[] }[] }>(Requests.coverage, {});
    if (!panel) {
      panel = vscode.window.createWebviewPanel('prepLoop.coverage', 'Prep Loop Coverage', vscode.ViewColumn.Beside, { enableScripts: false, localResourceRoots: [] });
      panel.onDidDispose(() => (panel = undefined));
    } else panel.reveal(vscode.ViewColumn.Beside);
    const html = coverageHtml(coverage, makeNonce());
    panel.webview.html = html;
    return { docs: coverage.docs, stories: coverage.stories.length, gaps };
  },
};

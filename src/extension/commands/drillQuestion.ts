/**
 * Drill a Question: offers the next question of the doc's loop you have not drilled yet (or any
 * other from the bank), appends its answer skeleton as a tagged story, and remembers it.
 */
import * as vscode from 'vscode';
import { getDrill, type DrillId } from '../../core/lexicon';
import { QUESTIONS, pickQuestion, questionsFor, type Question } from '../../core/questions';
import { Requests } from '../../server/protocol';
import { appendBlock } from '../../service/append';
import type { DocStatus } from '../statusBar';
import { newPrepDocText } from '../templates';
import type { PrepCommand, Services } from './types';
import { loopArg, objectArg, pickLoop, stringArg, type Loop } from './util';

/** Where drilled question ids are kept (global: they follow the user across workspaces). */
export const DRILLED_KEY = 'prepLoop.drilledQuestions';

function drilled(services: Services): Set<string> {
  const v = services.context.globalState.get<unknown>(DRILLED_KEY);
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
}

/** The first question of a drill not drilled yet (else its first). */
function nextOfDrill(loop: Loop, done: Set<string>, drill: DrillId): Question | undefined {
  const all = questionsFor(loop, drill);
  return all.find((q) => !done.has(q.id)) ?? all[0];
}

async function choose(loop: Loop, done: Set<string>, drill?: DrillId): Promise<Question | undefined> {
  const next = drill ? nextOfDrill(loop, done, drill) : pickQuestion(loop, done);
  if (!next) return undefined;
  type Item = vscode.QuickPickItem & { q?: Question };
  const items: Item[] = [{ label: next.question, description: 'next', detail: getDrill(next.drill)?.label, q: next }];
  let lastDrill = '';
  for (const q of questionsFor(loop, drill)) {
    if (q.id === next.id) continue;
    if (q.drill !== lastDrill) {
      lastDrill = q.drill;
      items.push({ label: getDrill(q.drill)?.label ?? q.drill, kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: q.question, description: done.has(q.id) ? 'drilled' : '', q });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Prep Loop: Drill a Question', placeHolder: 'Pick a question to answer (the first one is new to you)', matchOnDetail: true });
  return picked?.q;
}

export const drillQuestion: PrepCommand = {
  id: 'prepLoop.drillQuestion',
  async run(services, arg) {
    const a = objectArg(arg);
    // `uri`: the prep doc the answer goes into (Show Coverage passes a doc of the drill's loop).
    const uriArg = stringArg(a.uri);
    const editor = uriArg ? await vscode.window.showTextDocument(vscode.Uri.parse(uriArg), { viewColumn: vscode.ViewColumn.One, preview: false }) : vscode.window.activeTextEditor;
    const status = editor?.document.languageId === 'markdown' ? await services.client.sendRequest<DocStatus>(Requests.status, { uri: editor.document.uri.toString() }) : undefined;
    const target = status?.isPrepDoc && editor && !editor.document.isClosed ? editor : undefined;
    const drill = typeof a.drill === 'string' ? getDrill(a.drill)?.id : undefined;
    const loop = loopArg(a.loop) ?? (drill ? getDrill(drill)?.loop : undefined) ?? loopArg(status?.loop) ?? (await pickLoop('Drill questions for which loop?'));
    if (!loop) return undefined;
    const done = drilled(services);
    const id = stringArg(a.questionId);
    // `questionId: null` (scripted, no picker): the next question (of the drill, if given).
    const scripted = 'questionId' in a;
    const question = id ? QUESTIONS.find((q) => q.id === id) : scripted ? (drill ? nextOfDrill(loop, done, drill) : pickQuestion(loop, done)) : await choose(loop, done, drill);
    if (!question) return undefined;

    let uri: vscode.Uri;
    if (target) {
      const text = target.document.getText();
      const edit = new vscode.WorkspaceEdit();
      edit.insert(target.document.uri, target.document.positionAt(text.length), appendBlock(text, question.skeleton));
      if (!(await vscode.workspace.applyEdit(edit))) return undefined;
      const end = target.document.lineCount - 1;
      target.selection = new vscode.Selection(end, 0, end, 0);
      target.revealRange(new vscode.Range(end, 0, end, 0));
      uri = target.document.uri;
    } else {
      const content = newPrepDocText({ loop: question.loop }) + '\n' + question.skeleton.replace(/\s+$/, '') + '\n';
      const created = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(created);
      uri = created.uri;
    }
    done.add(question.id);
    await services.context.globalState.update(DRILLED_KEY, [...done]);
    return { id: question.id, question: question.question, uri: uri.toString(), drilled: done.size };
  },
};

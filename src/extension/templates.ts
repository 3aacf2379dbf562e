/** Text templates the commands insert: a new prep doc, a drill answer skeleton. Pure: no `vscode` import. */
import type { Loop } from '../core/types';
import { yamlScalar } from '../service/yaml';

export { yamlScalar };

const FOCUS: Record<Loop, string> = {
  pm: 'Pull stories on the strategy and metrics axes: the bet you chose, the number it moved, the trade-off you made.',
  po: 'Pull stories on the execution and stakeholders axes, told through sprint mechanics: backlog order, refinement, sprint goal, definition of done.',
  hybrid: 'Prepare both sets: strategy and metrics stories for the PM half, execution and stakeholder stories in Scrum terms for the PO half.',
};

/** The text of a new prep doc. */
export function newPrepDocText(o: { loop: Loop; company?: string; role?: string }): string {
  const company = o.company?.trim() ?? '';
  const role = o.role?.trim() ?? '';
  const lines = ['---', `loop: ${o.loop}`];
  if (company) lines.push(`company: ${yamlScalar(company)}`);
  if (role) lines.push(`role: ${yamlScalar(role)}`);
  const title = [company, role].filter(Boolean).join(' · ') || `${o.loop === 'hybrid' ? 'Hybrid' : o.loop.toUpperCase()} loop`;
  lines.push('---', '', `# ${title.replace(/#/g, '')} prep`, '', FOCUS[o.loop], '', '<!-- One story per "##" heading; tag each with its loop and axis, for example: ## Title #pm #strategy -->', '');
  return lines.join('\n');
}

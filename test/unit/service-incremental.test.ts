/**
 * The service lints open documents incrementally: after each change its findings and status are
 * those of a fresh lint of the new text, and the doc is still there for the features that need it.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';
import { PrepService } from '../../src/service/service';
import type { ServiceDocument, ServiceHost } from '../../src/service/host';

const host: ServiceHost = {
  fs: { readFile: async () => undefined, stat: async () => undefined, findFiles: async () => [] },
  settings: { get: async () => ({}) },
  log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  folders: () => [],
};

const TEXT = [
  '---', 'loop: po', '---', '', '# Prep', '',
  '## Cut scope mid-sprint #pm #execution', '', 'I cut scope with the team when the sprint goal slipped.', '',
  '## Ran refinement #po #execution', '', '- As a buyer, I want to save my cart, so that I can pay later.', '',
  '## Launch #po', '', 'We shipped the launch.', '',
].join('\n');

describe('the service, edit after edit', () => {
  it('gives the findings and status of a fresh lint', async () => {
    const service = new PrepService(host);
    let text = TEXT;
    const edits: ((t: string) => string)[] = [
      (t) => t.replace('#pm #execution', '#po #execution'),
      (t) => t.replace('## Launch #po', '## Launch #pm'),
      (t) => t.replace('We shipped', '```\nWe shipped'),
      (t) => t.replace('# Prep', '# PRD: Saved carts'),
      (t) => `${t}\n## Acceptance criteria\n\n- Given a cart, when I return, then it is there.\n`,
    ];
    for (let version = 1; version <= edits.length + 1; version++) {
      const doc: ServiceDocument = { uri: 'file:///w/prep.md', version, getText: () => text };
      service.openOrChange(doc);
      const a = await service.analyze(doc);
      expect(a?.result.findings).toEqual(lintText(text).findings);
      const fresh = lintText(text).doc!;
      expect(service.status(a).text).toContain(`${fresh.stories.length} ${fresh.stories.length === 1 ? 'story' : 'stories'}`);
      expect(a?.result.doc?.stories.length).toBe(fresh.stories.length);
      if (version <= edits.length) text = edits[version - 1](text);
    }
    // One linter for the document all along: each version after the first was linted incrementally.
    const linters = (service as unknown as { linters: Map<string, { linter: { stats: { fullSplits: number } } }> }).linters;
    expect(linters.get('file:///w/prep.md')?.linter.stats.fullSplits).toBe(1);
  });
});

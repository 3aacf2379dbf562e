import { describe, expect, it } from 'vitest';
import { parsePrepDoc } from '../../src/core/parse';
import { splitSections } from '../../src/core/split';

const at = (text: string, needle: string, from = 0) => text.indexOf(needle, from);

describe('splitSections', () => {
  it('respects front matter, fences, comments and setext headings', () => {
    const text = [
      '---',
      'title: x',
      '## not a heading in front matter',
      '---',
      'intro',
      '## One',
      '```',
      '## not a heading in a fence',
      '```',
      '~~~~',
      '## nor here',
      '~~~~',
      '<!--',
      '## nor in a comment',
      '-->',
      'Two',
      '---',
      'body',
      '### Deeper stays inside',
      '# Title',
      '    ## indented code is not a heading',
    ].join('\n');
    const chunks = splitSections(text, 2);
    expect(chunks.map((c) => [c.kind, c.line, c.level])).toEqual([
      ['front', 0, 0],
      ['preamble', 4, 0],
      ['section', 5, 2],
      ['section', 15, 2],
      ['section', 19, 1],
    ]);
    expect(chunks.map((c) => text.slice(c.start, c.end)).join('')).toBe(text);
  });

  it('a thematic break after a blank line is not a heading', () => {
    expect(splitSections('para\n\n---\n\nmore', 2).map((c) => c.kind)).toEqual(['preamble']);
  });
});

describe('parsePrepDoc', () => {
  const text = [
    '---',
    'loop: pm',
    'company: Acme',
    'role: Senior PM',
    'type: notes',
    '---',
    '# Acme prep',
    '',
    '## Chose the bet #PM #strategy ##',
    '',
    'Body with `#po` in code, a [#po link](http://x/#po) and <!-- #po --> a comment.',
    '',
    '## Second story',
    'Tags: #po, execution',
    '',
    'Text #hybrid.',
  ].join('\n');
  const doc = parsePrepDoc(text);

  it('reads front matter fields with ranges', () => {
    expect(doc.isPrepDoc).toBe(true);
    expect(doc.loop).toBe('pm');
    expect(doc.type).toBe('notes');
    const loop = doc.frontMatter!.fields.loop;
    expect(loop.range.start).toEqual({ line: 1, column: 6, offset: at(text, 'pm') });
    expect(loop.range.end.offset).toBe(at(text, 'pm') + 2);
    expect(doc.frontMatter!.data).toEqual({ loop: 'pm', company: 'Acme', role: 'Senior PM', type: 'notes' });
  });

  it('finds stories at the story level with heading tags and Tags: lines', () => {
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Chose the bet', 'Second story']);
    const [a, b] = doc.stories;
    expect(a.loop).toBe('pm');
    expect(a.tags.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['pm', 'loop', 'heading'],
      ['strategy', 'axis', 'heading'],
    ]);
    expect(a.tags[0].range.start.offset).toBe(at(text, '#PM'));
    expect(a.tags[0].range.end.offset).toBe(at(text, '#PM') + 3);
    expect(text.slice(a.tagInsertOffset, a.tagInsertOffset! + 3)).toBe(' ##');
    expect(b.tags.map((t) => [t.name, t.source])).toEqual([
      ['po', 'tags-line'],
      ['execution', 'tags-line'],
    ]);
    expect(b.tagsLine!.start.line).toBe(13);
    expect(doc.sections.map((s) => s.kind)).toEqual(['heading', 'story', 'story']);
  });

  it('ignores hashtags in code, links and HTML comments', () => {
    expect(doc.hashtags.map((t) => t.name)).toEqual(['pm', 'strategy', 'po', 'hybrid']);
  });

  it('keeps prose the same length as the text, with code and comments blanked', () => {
    expect(doc.prose.length).toBe(text.length);
    expect(doc.prose).not.toContain('`#po`');
    expect(doc.prose).not.toContain('<!--');
    expect(doc.prose).toContain('#po link');
    expect(doc.prose).not.toContain('http://x');
  });

  it('is not a prep doc without a loop', () => {
    expect(parsePrepDoc('# Readme\n\n## Install #po\n').isPrepDoc).toBe(false);
    expect(parsePrepDoc('---\ntitle: x\n---\n## A #po\n').isPrepDoc).toBe(false);
    expect(parsePrepDoc('## A #po\n', { globLoop: { loop: 'po', glob: '**' } }).loop).toBe('po');
  });

  it('reports bad YAML with a range inside the front matter', () => {
    const d = parsePrepDoc('---\nloop: pm\nrole: [x\n---\n## A\n');
    expect(d.isPrepDoc).toBe(true);
    expect(d.loop).toBeUndefined();
    expect(d.frontMatter!.error!.range.start.line).toBeGreaterThanOrEqual(1);
    expect(d.frontMatter!.error!.range.start.line).toBeLessThanOrEqual(3);
  });

  it('handles CRLF line endings', () => {
    const d = parsePrepDoc('---\r\nloop: po\r\n---\r\n## Story #po #execution\r\nBody\r\n');
    expect(d.loop).toBe('po');
    expect(d.stories[0].heading.title).toBe('Story');
    expect(d.stories[0].axisTags.map((t) => t.name)).toEqual(['execution']);
  });

  it('gives the same result when sections are reused from the cache', () => {
    const again = parsePrepDoc(text);
    expect(again.stories.map((s) => s.range)).toEqual(doc.stories.map((s) => s.range));
    // Same section text at a new place: ranges move with it.
    const moved = parsePrepDoc('---\nloop: pm\n---\nextra line\n' + text.slice(at(text, '# Acme')));
    expect(moved.stories[0].range.start.line).toBe(doc.stories[0].range.start.line - 2);
  });
});

describe('the story level a doc uses', () => {
  const story = (title: string) => `${title}\n\nI moved the weekly release to a daily one and we cut the rollback time from two hours to ten minutes.\n\n`;

  it('is the shallowest heading under a title when the doc has none at the configured level', () => {
    const doc = parsePrepDoc(`---\nloop: po\n---\n\n# Release notes\n\n${story('### Daily releases')}${story('### Faster rollback')}`);
    expect(doc.storyLevel).toBe(3);
    expect(doc.stories.map((s) => s.heading.title)).toEqual(['Daily releases', 'Faster rollback']);
  });

  it('stays the configured level when the doc has a heading there, or no title above it', () => {
    const withGroup = parsePrepDoc(`---\nloop: po\n---\n\n# Release notes\n\n## Delivery\n\n${story('### Daily releases')}`);
    expect(withGroup.storyLevel).toBe(2);
    const fragment = parsePrepDoc(`---\nloop: po\n---\n\n${story('### Daily releases')}${story('#### Faster rollback')}`);
    expect(fragment.storyLevel).toBe(2);
    expect(fragment.stories).toEqual([]);
  });

  it('is the configured level for a piece of a doc the incremental linter parses', () => {
    const doc = parsePrepDoc(`---\nloop: po\n---\n\n# Release notes\n\n${story('### Daily releases')}`, { fixedLevel: true });
    expect(doc.storyLevel).toBe(2);
  });
});

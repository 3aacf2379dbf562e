import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';

const rulesAt = (text: string, rule = 'wrong-loop') =>
  lintText(text)
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.range.start.line + 1);

const HEAD = '---\nloop: pm\n---\n';

describe('inline directives', () => {
  it('disable and enable a rule for a region', () => {
    const text = `${HEAD}\n## A #po #execution\n\n<!-- prep-loop-disable wrong-loop -->\n\n## B #po #execution\n\n<!-- prep-loop-enable wrong-loop -->\n\n## C #po #execution\n`;
    expect(rulesAt(text)).toEqual([5, 13]);
  });

  it('disable without rules silences every rule', () => {
    const text = `${HEAD}<!-- prep-loop-disable -->\n## A #po #execution\n`;
    expect(lintText(text).findings).toEqual([]);
  });

  it('disable-next-line silences exactly the next line', () => {
    const text = `${HEAD}\n<!-- prep-loop-disable-next-line wrong-loop -->\n## A #po #execution\n\n## B #po #execution\n`;
    expect(rulesAt(text)).toEqual([8]);
  });

  it('disable-line silences its own line only, and only the named rule', () => {
    const text = `${HEAD}\n## A #po #exection <!-- prep-loop-disable-line wrong-loop -->\n\n## B #po #exection\n`;
    expect(rulesAt(text)).toEqual([7]);
    expect(rulesAt(text, 'unknown-tag')).toEqual([5, 7]);
  });

  it('a directive before the first heading covers front matter findings', () => {
    const text = '---\nloop: pm\n---\n<!-- prep-loop-disable loop-coverage -->\n\n## A #pm #strategy\n\n## B #pm #metrics\n';
    expect(rulesAt(text, 'loop-coverage')).toEqual([]);
    expect(rulesAt(text.replace('<!-- prep-loop-disable loop-coverage -->\n', ''), 'loop-coverage')).toEqual([2]);
  });

  it('directives inside code blocks do nothing', () => {
    const text = `${HEAD}\n\`\`\`\n<!-- prep-loop-disable -->\n\`\`\`\n\n## A #po #execution\n`;
    expect(rulesAt(text)).toEqual([9]);
  });

  it('several rules in one directive, comma or space separated', () => {
    const text = `${HEAD}<!-- prep-loop-disable wrong-loop, axis-mismatch -->\n## A #po #execution\n`;
    expect(rulesAt(text)).toEqual([]);
    expect(rulesAt(text, 'axis-mismatch')).toEqual([]);
  });
});

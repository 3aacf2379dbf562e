/**
 * The story strength rules: exact ranges and the evidence their messages quote, plus the spoken
 * length helpers they share with the editor's hover.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/core/lint';
import { parsePrepDoc } from '../../src/core/parse';
import { measurableEvidence, resultPart } from '../../src/core/rules/story-result';
import { countWords, formatMinutes, formatMinutesOver, namesUnspokenPart, spokenLength, storyBody, storyLengthHover } from '../../src/core/story-text';

const FRONT = '---\nloop: po\n---\n\n';

function findings(text: string, rule: string) {
  return lintText(text).findings.filter((f) => f.ruleId === rule);
}

/** The exact text a finding's range covers. */
function covered(text: string, f: { range: { start: { offset: number }; end: { offset: number } } }): string {
  return text.slice(f.range.start.offset, f.range.end.offset);
}

describe('story-result', () => {
  it('points at the Result part and quotes it, without the label', () => {
    const text = `${FRONT}## Split the epic #po #execution\n\nThe top item came in at 13 points, so I split it by workflow step with the two developers and took the first slice in.\n\n**Result:** the stakeholders liked the plan.\n\n**What I learned:** split earlier.\n`;
    const [f] = findings(text, 'story-result');
    expect(covered(text, f)).toBe('**Result:** the stakeholders liked the plan.');
    expect(f.message).toContain('The Result part ("the stakeholders liked the plan.")');
    expect(f.severity).toBe('info');
  });

  it('with no label, points at the last sentence', () => {
    const text = `${FRONT}## Said no #po #stakeholders\n\nA sales director asked for an export mid-sprint. I showed him the sprint goal and what it would push out. He agreed to wait and we stayed friends.\n`;
    const [f] = findings(text, 'story-result');
    expect(covered(text, f)).toBe('He agreed to wait and we stayed friends.');
    expect(f.message).toMatch(/^The story ends on "He agreed to wait and we stayed friends\.", which has no number/);
  });

  it('counts numbers, before → after, number words, months, quarters and relative dates as measurable', () => {
    for (const t of ['cut it to 5 days', 'went from weekly to daily', '9 → 5', 'the queue halved', 'by March', 'before the end of Q3', 'shipped a sprint early', 'in the next sprint']) {
      expect(measurableEvidence(t), t).toBeDefined();
    }
    for (const t of ['the team was happy', 'we shipped V1 and Phase 2', 'in sprint 3 we demoed it', 'on time and on budget']) {
      expect(measurableEvidence(t), t).toBeUndefined();
    }
  });

  it('reads the closing sentences when there is no label', () => {
    const text = 'First we saw 28% activation. Then I ran the test. The team was happy. Everyone cheered.';
    const part = resultPart(text, 6);
    expect(text.slice(part.start, part.end)).toBe('The team was happy. Everyone cheered.');
    expect(part.labelled).toBe(false);
  });

  it('judges every story the section kinds call one: resume bullets without "I" too, and no section they call notes', () => {
    const bullets = `${FRONT}## Refund queue\n\n### Action\n\n- Rebuilt the refund triage with the support leads\n- Moved the oldest tickets to a weekly sweep\n\n### Result\n\n- Support leads were happier\n- The queue felt calmer\n\n### Quote\n\n"Quiet queues are 12 times cheaper."\n`;
    const [f] = findings(bullets, 'story-result');
    // The result part ends at the next heading as high as its own: the quote's number is not the result.
    expect(covered(bullets, f)).toBe('### Result\n\n- Support leads were happier\n- The queue felt calmer');
    expect(f.message).toContain('The Result part ("Support leads were happier - The queue felt calmer")');
    const notes = `${FRONT}## Definition of done\n\nThe definition of done is a checklist the whole team shares. It lists what an item needs before it counts as done, and nobody skips it.\n`;
    expect(findings(notes, 'story-result')).toEqual([]);
    // Tagged, it is a story by your word (SPEC: a loop tag makes a story), and judged as one.
    expect(findings(notes.replace('## Definition of done', '## Definition of done #po'), 'story-result').map((f) => f.range.start.line)).toEqual([6]);
  });

  it('reads the result part of a story told in parts, whatever it is called', () => {
    const text =
      `${FRONT}# Sprint review rescue\n\n## The spark\n\nStakeholders stopped coming to our sprint reviews, so I asked three of them why.\n\n` +
      '## My move\n\nI cut the review to twenty minutes and opened it with a live demo of the increment.\n\n## What changed\n\nThe reviews felt livelier.\n\n## What I would do differently\n\nAsk in week 1, not week 6.\n';
    const [f] = findings(text, 'story-result');
    expect(covered(text, f)).toBe('## What changed\n\nThe reviews felt livelier.');
    expect(f.message).toContain('The Result part ("The reviews felt livelier.")');
  });

  it('reads the result before a closing lesson paragraph, and says so', () => {
    const act = 'New accounts stalled on the import step, so I replaced the upload with a guided connector and had support call the first accounts that tried it.';
    const lesson = 'Looking back, the experience taught me to talk to customers before writing the spec and to agree the measure before arguing about the change. These are habits I would bring to this role.';
    const measured = `${FRONT}## Fixed the import step #po #execution\n\n${act}\n\nCompleted onboarding rose from 38% to 52% within the quarter.\n\n${lesson}\n`;
    expect(findings(measured, 'story-result')).toEqual([]);
    const vague = measured.replace('Completed onboarding rose from 38% to 52% within the quarter.', 'Customers liked the new connector and support was pleased.');
    const [f] = findings(vague, 'story-result');
    expect(covered(vague, f)).toBe('Customers liked the new connector and support was pleased.');
    expect(f.message).toContain('Before its closing lesson, the story ends on "Customers liked the new connector and support was pleased."');
    // A lesson that carries the figure still counts: the lesson is read as well as what comes before it.
    expect(findings(vague.replace('These are habits', 'I have run four launches that way since. These are habits'), 'story-result')).toEqual([]);
    // "I learned from support that…" reports what happened; it opens no lesson.
    const told = `${FRONT}## Fixed the import step #po #execution\n\n${act} We met with the twelve biggest accounts.\n\nI learned from support that the connector confused people, and in the end customers liked it.\n`;
    expect(resultPart(storyBody(parsePrepDoc(told), parsePrepDoc(told).stories[0]).text, 40).lesson).toBeUndefined();
  });

  it('reads from a paragraph that opens on the result ("The impact … was"), near the end', () => {
    const text =
      `${FRONT}## Moved billing later #pm #metrics\n\nTrial users left at the billing step, so I moved billing to after the first project and agreed a card check with the risk team.\n\n` +
      'The impact of the change was clear. Day-seven activation went from 21% to 30%.\n\n' +
      'We kept a weekly review with support and the risk team for a while, to watch for fraud and for confusion about when a card was charged, and support added a short answer to their help article.\n\n' +
      'The lesson I kept is that the riskiest assumption is best tested with the people who own the risk, in the room, before the change ships.\n';
    expect(findings(text, 'story-result')).toEqual([]);
  });

  it('stays quiet on short notes and on case answers told as "I would"', () => {
    expect(findings(`${FRONT}## Pricing #po\n\nStill need the numbers for this one.\n`, 'story-result')).toEqual([]);
    expect(findings(`${FRONT}## Editor case #po\n\nI would start from the jobs people hire the editor for, list the segments, pick the pain that comes up most and sketch the smallest version that removes it.\n`, 'story-result')).toEqual([]);
  });
});

describe('story-result advice', () => {
  const story = (loop: string, tag = '') => `---\nloop: ${loop}\n---\n\n## Reworked the invite flow ${tag}\n\nI rebuilt the invite flow with design after a round of user calls, and we launched it to all teams. Everyone liked the change a lot.\n`;
  it('gives examples in the words of the story\'s loop: outcomes for a PM panel, delivery for a PO panel', () => {
    const [pm] = findings(story('pm'), 'story-result');
    expect(pm.message).toMatch(/Close with the outcome you measured: "activation from 28% to 35% by end of Q3", "monthly churn from 4\.1% to 3\.2%", "paid back in two quarters"\.$/);
    const [po] = findings(story('po'), 'story-result');
    expect(po.message).toMatch(/: "cycle time from 9 to 5 days", "shipped two sprints early", "carry-over from 30% to 10% of the sprint"\.$/);
    // The story's own loop tag wins over the doc's loop.
    expect(findings(story('pm', '#po'), 'story-result')[0].message).toContain('"cycle time from 9 to 5 days"');
    expect(findings(story('hybrid'), 'story-result')[0].message).toContain('"activation from 28% to 35% by end of Q3", "cycle time from 9 to 5 days"');
  });

  it('says a placeholder was left where the ending should be, and leaves a number slot to number-placeholder', () => {
    const text = `${FRONT}## Cleaned up the backlog #po #execution\n\nI archived stale items with the tech lead, merged duplicates and ordered the rest by the sprint goal for the next planning.\n\n**Result:** [Add the outcome here]\n`;
    const [f] = findings(text, 'story-result');
    expect(f.message).toMatch(/^The Result part ends on a placeholder you have not filled in yet \("\[Add the outcome here\]"\), and nothing before it gives a number/);
    const slot = text.replace('[Add the outcome here]', 'carry-over fell by [X%].');
    expect(findings(slot, 'story-result')).toEqual([]);
    expect(findings(slot, 'number-placeholder')).toHaveLength(1);
  });

  it('ends the Result part at the next bold label of the same shape, once the part says something', () => {
    const parts = '**Result:**\nThe squads stopped arguing about the order.\n\n**Skills shown:**\nTwo-way negotiation.\n';
    const at = resultPart(parts, 40);
    expect(parts.slice(at.start, at.end)).toBe('**Result:**\nThe squads stopped arguing about the order.\n\n');
    // Sub-labels inside an inline result, or a label right under it, do not end it.
    const inline = '**Result:** revenue grew.\n- **Revenue:** up 12%\n';
    expect(inline.slice(resultPart(inline, 40).start, resultPart(inline, 40).end)).toBe(inline);
    const under = '**Result:**\n**Revenue:**\nup 12% in a quarter\n';
    expect(under.slice(resultPart(under, 40).start, resultPart(under, 40).end)).toBe(under);
  });

  it('takes no reframing in quotes for a before → after', () => {
    expect(measurableEvidence('We moved the story from “solution delivery” to “problem redefinition”.')).toBeUndefined();
    expect(measurableEvidence('We moved from weekly to daily releases.')).toBeDefined();
  });
});

describe('story-ownership', () => {
  it('reports a long case with a "we" here and there and no "I", with its length; a short part is left alone', () => {
    const passive = 'The backlog was reviewed and the oldest items were archived after a call with the leads. '.repeat(20);
    const text = `${FRONT}## Backlog reset #po #execution\n\nWe took the backlog over in May. ${passive}We kept the rest.\n`;
    const [f] = findings(text, 'story-ownership');
    expect(f.message).toMatch(/^This story says "we" 2 times in 3\d\d words and never "I"/);
    expect(findings(`${FRONT}## Backlog reset #po #execution\n\nWe took the backlog over in May. The oldest items were archived. We kept the rest.\n`, 'story-ownership')).toEqual([]);
  });

  it('reports on the heading, counts "we", and relates the first three', () => {
    const text = `${FRONT}## Fixed planning #po #execution\n\nWe moved refinement to Tuesdays, we capped it at an hour and we've kept it since. We're calmer.\n`;
    const [f] = findings(text, 'story-ownership');
    expect(covered(text, f)).toBe('## Fixed planning #po #execution');
    expect(f.message).toContain('says "we" 4 times and never "I"');
    expect(f.related?.map((r) => covered(text, r))).toEqual(['We', 'we', "we've"]);
  });

  it('an "I" anywhere, or verb-led bullets, make it quiet; quoted speech does not count', () => {
    expect(findings(`${FRONT}## A #po\n\nWe did this, we did that, and I did the rest. We shipped.\n`, 'story-ownership')).toEqual([]);
    expect(findings(`${FRONT}## B #po\n\n- Ran refinement\n- We split it, we shipped it, we measured it\n`, 'story-ownership')).toEqual([]);
    expect(findings(`${FRONT}## C #po\n\nThe VP said "we need it, we want it, we must have it" and left.\n`, 'story-ownership')).toEqual([]);
  });
});

describe('story-length', () => {
  const long = `${FRONT}## Told at length #po #execution\n\n${'I walked the stakeholders through the sprint goal and what would slip. '.repeat(32)}\n`;

  it('reports the words, the minutes and how much to cut, on the heading', () => {
    const [f] = findings(long, 'story-length');
    expect(covered(long, f)).toBe('## Told at length #po #execution');
    expect(f.message).toContain('(384 words at 150 a minute)');
    // 2.56 minutes: "about 2.5 minutes … over your 2.5-minute target" would contradict itself.
    expect(f.message).toContain('takes about 2.6 minutes to tell');
    expect(f.message).toContain('cut about 9 words');
  });

  it('counts spoken words only: no tags line, hashtags, code or HTML', () => {
    const doc = parsePrepDoc(`${FRONT}## T #po\n\nTags: #execution #stakeholders\n\nOne two three #po four.\n\n\`\`\`\nnot spoken at all\n\`\`\`\n\n<!-- nor this -->\n`);
    expect(countWords(storyBody(doc, doc.stories[0]).text)).toBe(4);
    expect(spokenLength(doc, doc.stories[0], 120)).toEqual({ words: 4, minutes: 4 / 120, wordsPerMinute: 120 });
  });

  it('says a length over the target in figures that are over it', () => {
    expect(formatMinutesOver(2.8, 2.5)).toBe('about 3 minutes');
    expect(formatMinutesOver(2.56, 2.5)).toBe('about 2.6 minutes');
    expect(formatMinutesOver(2.52, 2.5)).toBe('just over 2.5 minutes');
    expect(formatMinutesOver(0.6, 0.5)).toBe('about 0.6 minutes');
    expect(formatMinutesOver(1.02, 1)).toBe('just over 1 minute');
    const justOver = `${FRONT}## Told at length #po #execution\n\n${'I walked the stakeholders through the goal. '.repeat(54)}\n`;
    const [f] = findings(justOver, 'story-length');
    expect(f.message).toContain('takes just over 2.5 minutes to tell (378 words');
  });

  const answer = 'I sat with two support agents, wrote the approval rule with finance and ran it on one team first. ';
  const tips = 'Open with the stakes, name who pushed back and end on a figure the panel can check. ';

  it('times the answer, not the advice around it, and says what it left out', () => {
    const text = `${FRONT}## Tell me about a process you made faster #po #execution\n\n### How to answer\n\n${tips.repeat(12)}\n\n### My answer\n\n${answer.repeat(20)}\n\n### Follow-up questions\n\n- What would you do if the audit found abuse?\n- Who owned the rule after launch?\n`;
    const [f] = findings(text, 'story-length');
    const words = countWords(answer) * 20 + 2;
    expect(f.message).toContain(`(${words} words at 150 a minute, not counting "How to answer" and "Follow-up questions", which are not part of the spoken answer)`);
    const doc = parsePrepDoc(text);
    expect(storyBody(doc, doc.stories[0]).leftOut.map((p) => text.slice(p.start, p.end).split('\n')[0])).toEqual(['### How to answer', '### Follow-up questions']);
    // Under the time once the advice is left out: quiet.
    const short = text.replace(answer.repeat(20), answer.repeat(14));
    expect(findings(short, 'story-length')).toEqual([]);
    const hover = storyLengthHover(doc, text.indexOf('Tell me'))!;
    expect(hover.markdown).toContain('not counting "How to answer" and "Follow-up questions"');
  });

  it('leaves out a labelled tip paragraph or tip list, and keeps the story after it', () => {
    const text = `${FRONT}## Sped up refunds #po #execution\n\n**Tips:**\n- Open with the stakes.\n\n- End on a figure.\n\n${answer.repeat(3)}\n\n**Why this works:** it ends on a figure the panel can check.\n\n**Result:** the queue fell from nine days to two.\n`;
    const doc = parsePrepDoc(text);
    const body = storyBody(doc, doc.stories[0]);
    expect(body.leftOut.map((p) => text.slice(p.start, p.end))).toEqual(['**Tips:**\n- Open with the stakes.\n\n- End on a figure.', '**Why this works:** it ends on a figure the panel can check.']);
    expect(countWords(body.text)).toBe(countWords(answer) * 3 + countWords('Result: the queue fell from nine days to two.'));
  });

  it('keeps what the answer is made of: the answer, the result, the lesson', () => {
    for (const label of ['Example answer', 'My answer', 'Result', 'What I learned', 'Key takeaway', 'Situation', 'Approach', 'Lessons learned']) expect(namesUnspokenPart(label), label).toBe(false);
    for (const label of ['How to Answer', '#### How to answer this question', 'Tips', 'Coaching Tips', 'Notes', 'Why this works', 'Why this answer works', 'Follow-up questions', 'Possible follow-ups', 'Key takeaways for the interviewer', 'What the interviewer is looking for', 'Common mistakes to avoid', 'Pro tip', 'My notes', 'What makes this work', 'How to approach this question', 'Pitfalls', "Dos and don'ts"])
      expect(namesUnspokenPart(label), label).toBe(true);
  });

  it('counts a labelled part when it is all the section has: then it is the answer', () => {
    const text = `${FRONT}## Tell me about a process you made faster #po #execution\n\n### How to answer\n\n${answer.repeat(4)}\n`;
    const doc = parsePrepDoc(text);
    expect(storyBody(doc, doc.stories[0]).leftOut).toEqual([]);
    expect(countWords(storyBody(doc, doc.stories[0]).text)).toBe(countWords(answer) * 4 + 3);
  });

  it('formats minutes to the nearest half', () => {
    expect(formatMinutes(0.2)).toBe('under a minute');
    expect(formatMinutes(1.1)).toBe('about 1 minute');
    expect(formatMinutes(2.6)).toBe('about 2.5 minutes');
    expect(formatMinutes(3.8)).toBe('about 4 minutes');
  });
});

describe('the spoken-length hover', () => {
  it('answers on a story heading only', () => {
    const text = `${FRONT}## Protected the goal #po #stakeholders\n\n${'word '.repeat(300)}\n`;
    const doc = parsePrepDoc(text);
    const h = storyLengthHover(doc, text.indexOf('Protected'))!;
    expect(h.markdown).toBe('**Spoken length:** about 2 minutes (300 words at 150 a minute). Behavioural answers land best in about two minutes.');
    expect(storyLengthHover(doc, text.indexOf('word'))).toBeUndefined();
  });
});
